"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the store, with a query page and graph pages.

Routes: ``/sparql`` (query: GET ``query=``, POST form ``query=``, POST
``application/sparql-query``; update: POST form ``update=`` or ``application/sparql-update``),
``/`` (query page), ``/graph`` and ``/timeline`` (the interactive pages of :mod:`kg.viz`).

The default graph is the union of all graphs unless the request names ``default-graph-uri`` /
``named-graph-uri``. Each query runs in a worker thread (pyoxigraph releases the GIL): results
are read row by row against a deadline and a row cap. A query over the row cap is refused with
400 (never silently truncated); one past ``--timeout`` gets 503. Oxigraph cannot cancel a
running query, so a query blocked inside one operator (a big ORDER BY, GROUP BY or COUNT)
keeps its worker busy until it ends; the client still gets its 503 on time, and at most
``workers`` such queries run at once (further ones get 503 "busy") so the server stays
responsive.
"""

from __future__ import annotations

import hmac
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

import click
import pyoxigraph as ox

from kg.push import push_command
from kg.rdf import PREFIXES, example_queries
from kg.sparql_results import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    NotAcceptable,
    negotiate,
    serialize_ask,
    serialize_graph,
    serialize_select,
)
from kg.store import KGStore, StoreError

__all__ = [
    "EndpointConfig",
    "KGServer",
    "Reply",
    "make_server",
    "push_command",
    "run_query",
    "run_update",
    "serve_command",
]

MAX_BODY = 10 * 1024 * 1024


@dataclass(frozen=True)
class EndpointConfig:
    """Limits and permissions of the endpoint."""

    timeout: float = 30.0
    max_rows: int = 10_000
    allow_update: bool = False
    token: str | None = None
    workers: int = 4


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class QueryTimeout(Exception):
    """The query ran past its deadline."""


class RowCapExceeded(Exception):
    """The query produced more rows than the endpoint's cap."""


def error_reply(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    """Return a plain-text error reply (one line, the cause first)."""
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers or {})


# ------------------------------------------------------------------------------ query core


def _collect(items: Any, deadline: float, max_rows: int, what: str) -> list:
    """Return all items of a lazy pyoxigraph iterator, checking the deadline and the cap."""
    out = []
    for item in items:
        if len(out) >= max_rows:
            raise RowCapExceeded(
                f"query answer exceeds the row cap of {max_rows} {what}; add a LIMIT (at most"
                f" {max_rows}) or page with LIMIT/OFFSET"
            )
        if time.monotonic() > deadline:
            raise QueryTimeout
        out.append(item)
    return out


def _graph_terms(iris: list[str]) -> list[ox.NamedNode]:
    return [ox.NamedNode(i) for i in iris]


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    accept: str | None = None,
    fmt: str | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    max_rows: int = 10_000,
    deadline: float | None = None,
) -> Reply:
    """Run one SPARQL query and return the negotiated HTTP reply (never raises on bad input)."""
    deadline = deadline if deadline is not None else time.monotonic() + 3600
    options: dict[str, Any] = {"prefixes": PREFIXES}
    if default_graphs:
        options["default_graph"] = _graph_terms(default_graphs)
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = _graph_terms(named_graphs)
    try:
        result = store.query(sparql, **options)
        if isinstance(result, ox.QueryBoolean):
            name = negotiate("results", accept, fmt)
            return Reply(200, RESULT_MEDIA_TYPES[name], serialize_ask(name, result))
        if isinstance(result, ox.QuerySolutions):
            name = negotiate("results", accept, fmt)
            variables = [v.value for v in result.variables]
            solutions = _collect(result, deadline, max_rows, "rows")
            rows = [[sol[v] for v in variables] for sol in solutions]
            body = serialize_select(name, variables, rows)
            return Reply(200, RESULT_MEDIA_TYPES[name], body)
        name = negotiate("graph", accept, fmt)
        triples = _collect(result, deadline, max_rows, "triples")
        body = serialize_graph(name, triples, PREFIXES)
        return Reply(200, GRAPH_MEDIA_TYPES[name], body)
    except SyntaxError as exc:
        return error_reply(400, f"malformed SPARQL query: {' '.join(str(exc).split())}")
    except NotAcceptable as exc:
        return error_reply(406, str(exc))
    except RowCapExceeded as exc:
        return error_reply(400, str(exc))
    except QueryTimeout:
        return _timeout_reply()
    except (OSError, ValueError, RuntimeError) as exc:
        return error_reply(500, f"query failed: {' '.join(str(exc).split())}")


def run_update(store: ox.Store, sparql: str) -> Reply:
    """Run a SPARQL Update on the store and return the reply (204, or 400 with the message)."""
    try:
        store.update(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        return error_reply(400, f"malformed SPARQL update: {' '.join(str(exc).split())}")
    except (OSError, ValueError, RuntimeError) as exc:
        return error_reply(500, f"update failed: {' '.join(str(exc).split())}")
    return Reply(204, "text/plain; charset=utf-8", b"")


def _timeout_reply(seconds: float | None = None) -> Reply:
    limit = f"the time limit of {seconds:g} s" if seconds is not None else "the time limit"
    return error_reply(
        503, f"query timed out: it ran longer than {limit}; narrow it or add a LIMIT",
        {"Retry-After": "10"},
    )


# ------------------------------------------------------------------------------ the server


class KGServer(ThreadingHTTPServer):
    """The HTTP server: a kg store, its limits and a bounded pool of query workers."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], store: KGStore, config: EndpointConfig, quiet: bool
    ) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.config = config
        self.quiet = quiet
        self.slots = threading.BoundedSemaphore(max(1, config.workers))
        self.write_lock = threading.Lock()
        self.generation = 0
        self._pages: dict[str, tuple[int, bytes]] = {}
        self._pages_lock = threading.Lock()

    @property
    def url(self) -> str:
        """Return the base URL the server listens on."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def execute(self, job: Callable[[], Reply]) -> Reply:
        """Run ``job`` in a worker thread; answer 503 when it outlives the timeout."""
        timeout = self.config.timeout
        if not self.slots.acquire(timeout=min(timeout, 5.0)):
            return error_reply(
                503, f"server busy: {self.config.workers} queries are running; retry later",
                {"Retry-After": "10"},
            )
        box: list[Reply] = []

        def work() -> None:
            try:
                box.append(job())
            except Exception as exc:  # noqa: BLE001 - report any failure to the client
                box.append(error_reply(500, f"query failed: {type(exc).__name__}: {exc}"))
            finally:
                self.slots.release()

        worker = threading.Thread(target=work, name="kg-query", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive() or not box:
            return _timeout_reply(timeout)
        return box[0]

    def page(self, name: str) -> bytes:
        """Return the HTML of the graph or timeline page (cached until the next update)."""
        with self._pages_lock:
            cached = self._pages.get(name)
            if cached and cached[0] == self.generation:
                return cached[1]
            from kg.graph import to_networkx
            from kg.viz import graph_page_html, timeline_page_html

            G = to_networkx(self.store)
            if name == "graph":
                text = graph_page_html(G, title="kg graph", timeline_href="/timeline")
            else:
                text = timeline_page_html(G, title="kg timeline", graph_href="/graph")
            body = text.encode("utf-8")
            self._pages[name] = (self.generation, body)
            return body


def query_page_html() -> str:
    """Return the query page: editor, example-query menu and a results table (no CDN)."""
    from kg.viz.data import json_island

    template = resources.files("kg").joinpath("assets/query.html").read_text(encoding="utf-8")
    examples = [
        {"name": q["name"], "title": q["title"], "description": q["description"],
         "sparql": q["sparql"]}
        for q in example_queries()
    ]
    return template.replace("__KG_EXAMPLES__", json_island(examples))


def _params(query_string: str) -> dict[str, list[str]]:
    return parse_qs(query_string, keep_blank_values=True)


def _first(params: dict[str, list[str]], *names: str) -> str | None:
    for name in names:
        if params.get(name):
            return params[name][0]
    return None


class _Handler(BaseHTTPRequestHandler):
    server: KGServer
    server_version = "kg-sparql/1"
    protocol_version = "HTTP/1.1"

    # -- plumbing -------------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _send(self, reply: Reply, head_only: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head_only:
            self.wfile.write(reply.body)

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(error_reply(413, f"request body larger than {MAX_BODY} bytes"))
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b""

    # -- routes ---------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        if url.path == "/sparql":
            self._sparql(_params(url.query), None, None)
        elif url.path in ("/", "/index.html"):
            self._send(Reply(200, "text/html; charset=utf-8", query_page_html().encode()))
        elif url.path in ("/graph", "/timeline"):
            try:
                body = self.server.page(url.path.strip("/"))
            except (StoreError, OSError, ValueError) as exc:
                self._send(error_reply(500, f"cannot draw the page: {exc}"))
                return
            self._send(Reply(200, "text/html; charset=utf-8", body))
        else:
            self._send(error_reply(404, f"not found: {url.path} (try /, /sparql, /graph)"))

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(error_reply(404, f"not found: {url.path} (POST to /sparql)"))
            return
        body = self._body()
        if body is None:
            return
        params = _params(url.query)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        text = body.decode("utf-8", errors="replace")
        if media == "application/x-www-form-urlencoded":
            for name, values in _params(text).items():
                params.setdefault(name, []).extend(values)
            self._sparql(params, None, None)
        elif media == "application/sparql-query":
            self._sparql(params, text, None)
        elif media == "application/sparql-update":
            self._sparql(params, None, text)
        else:
            self._send(error_reply(
                415, f"unsupported Content-Type {media!r}: use application/sparql-query,"
                " application/sparql-update or application/x-www-form-urlencoded"))

    # -- SPARQL ---------------------------------------------------------------------------------

    def _sparql(
        self, params: dict[str, list[str]], query: str | None, update: str | None
    ) -> None:
        query = query if query is not None else _first(params, "query")
        update = update if update is not None else _first(params, "update")
        if update is not None:
            self._send(self._update(update))
            return
        if not query:
            self._send(error_reply(400, "missing SPARQL query: pass the 'query' parameter"))
            return
        config = self.server.config
        accept = self.headers.get("Accept")
        fmt = _first(params, "format", "output", "results")
        defaults = params.get("default-graph-uri") or None
        named = params.get("named-graph-uri") or None
        deadline = time.monotonic() + config.timeout
        store = self.server.store.ox

        def job() -> Reply:
            return run_query(
                store, query, accept=accept, fmt=fmt, default_graphs=defaults,
                named_graphs=named, max_rows=config.max_rows, deadline=deadline,
            )

        self._send(self.server.execute(job))

    def _update(self, update: str) -> Reply:
        config = self.server.config
        if not config.allow_update or self.command != "POST":
            return error_reply(403, "SPARQL Update is disabled: this endpoint is read-only"
                               " (start kg serve with --allow-update and a token)")
        auth = self.headers.get("Authorization") or ""
        scheme, _, given = auth.partition(" ")
        if not (config.token and scheme.lower() == "bearer"
                and hmac.compare_digest(given.strip().encode(), config.token.encode())):
            return error_reply(401, "SPARQL Update needs 'Authorization: Bearer <token>'",
                               {"WWW-Authenticate": 'Bearer realm="kg"'})
        store = self.server.store.ox

        def job() -> Reply:
            with self.server.write_lock:
                reply = run_update(store, update)
                self.server.generation += 1
            return reply

        return self.server.execute(job)


def make_server(
    store: KGStore,
    host: str = "127.0.0.1",
    port: int = 7878,
    config: EndpointConfig | None = None,
    *,
    quiet: bool = False,
) -> KGServer:
    """Return a bound (not yet serving) endpoint over ``store``; ``port=0`` picks a free port."""
    config = config or EndpointConfig()
    if config.allow_update and not config.token:
        raise ValueError("--allow-update needs a token (--token or KG_TOKEN)")
    return KGServer((host, port), store, config, quiet)


# ------------------------------------------------------------------------------ the command


@click.command("serve")
@click.option("--store", "store_path", default="kg-store", show_default=True,
              type=click.Path(file_okay=False), help="Store directory.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=int, help="Port (0: any free).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Query time limit in seconds (503 after it).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Largest answer (rows or triples); bigger answers get 400.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update (bearer token needed).")
@click.option("--token", envvar="KG_TOKEN", default=None,
              help="Bearer token for updates (or env KG_TOKEN).")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(min=1),
              help="Queries that may run at once.")
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests.")
def serve_command(
    store_path: str, host: str, port: int, timeout: float, max_rows: int, allow_update: bool,
    token: str | None, workers: int, quiet: bool,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (/sparql) with query and graph pages."""
    if allow_update and not token:
        raise click.UsageError("--allow-update needs a token: pass --token or set KG_TOKEN")
    if not os.path.isdir(store_path):
        raise click.ClickException(f"{store_path}: no such store (run kg build first)")
    try:
        store = KGStore.open(store_path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    config = EndpointConfig(timeout, max_rows, allow_update, token, workers)
    try:
        server = make_server(store, host, port, config, quiet=quiet)
    except OSError as exc:
        store.close()
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        ) from exc
    mode = "read-write (bearer token)" if allow_update else "read-only"
    click.echo(f"kg SPARQL endpoint ({mode}) at {server.url}/sparql — query page {server.url}/"
               f" — graph {server.url}/graph (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()
