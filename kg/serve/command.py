"""The ``kg serve`` command line."""

from __future__ import annotations

import os

import click

from kg.serve.app import make_server
from kg.serve.endpoint import EndpointConfig
from kg.store import StoreError, remove_serve_marker, serving_process, write_serve_marker


@click.command("serve")
@click.option("--store", "store_path", default="kg-store", show_default=True,
              type=click.Path(file_okay=False), help="Store directory.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (requests must name it in their Host header).")
@click.option("--port", default=7878, show_default=True, type=int, help="Port (0: any free).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Query time limit in seconds; the query is killed and gets 503.")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Largest answer (rows or triples); bigger answers get 422.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update (token needed).")
@click.option("--token", envvar="KG_TOKEN", default=None,
              help="Token for updates, as Bearer or Basic-auth password (or env KG_TOKEN).")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(min=1),
              help="Query worker processes (queries that may run at once).")
@click.option("--memory-limit", "memory_mb", default=2048, show_default=True,
              type=click.IntRange(min=1024), help="Memory cap of each query worker, in MiB.")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Let pages of ORIGIN (repeatable, or '*') query the endpoint.")
@click.option("--allow-service", multiple=True, metavar="HOST",
              help="Let SERVICE reach HOST (repeatable); otherwise remote access is refused.")
@click.option("--host-name", "host_names", multiple=True, metavar="NAME",
              help="Also accept requests whose Host header names NAME (repeatable), e.g. the"
                   " DNS name of the bound address.")
@click.option("--cache", "cache_mb", default=64, show_default=True,
              type=click.IntRange(min=0),
              help="MiB of query answers kept until the next update (0: none).")
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests.")
def serve_command(
    store_path: str, host: str, port: int, timeout: float, max_rows: int, allow_update: bool,
    token: str | None, workers: int, memory_mb: int, cors: tuple[str, ...],
    allow_service: tuple[str, ...], host_names: tuple[str, ...], cache_mb: int, quiet: bool,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (/sparql) with query and graph pages."""
    if allow_update and not token:
        raise click.UsageError("--allow-update needs a token: pass --token or set KG_TOKEN")
    if not os.path.isdir(store_path) or not os.path.exists(os.path.join(store_path, "CURRENT")):
        raise click.ClickException(f"{store_path}: no such store (run kg build first)")
    running = serving_process(store_path)
    if running:
        raise click.ClickException(f"{store_path}: already served by kg serve (pid"
                                   f" {running['pid']}, {running['url']})")
    config = EndpointConfig(timeout, max_rows, allow_update, token, workers, memory_mb,
                            tuple(cors), tuple(allow_service), host_names=tuple(host_names),
                            cache_mb=cache_mb)
    try:
        server = make_server(store_path, host, port, config, quiet=quiet)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    write_serve_marker(store_path, server.url)
    mode = "read-write (token)" if allow_update else "read-only"
    click.echo(f"kg SPARQL endpoint ({mode}) at {server.url}/sparql — query page {server.url}/"
               f" — graph {server.url}/graph (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        remove_serve_marker(store_path)
