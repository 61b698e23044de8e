"""``kg push``: copy every named graph of the store into a SPARQL 1.1 triple store.

Uses the SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT <graph-store>?graph=<iri>`` per named
graph with an N-Triples body (and ``?default`` for a non-empty default graph). PUT replaces the
remote graph, so pushing twice leaves the remote store as pushing once. Works with Oxigraph
server (``/store``), Fuseki (``/<dataset>/data``), GraphDB (``/repositories/<id>/rdf-graphs/
service``) and Virtuoso (``/sparql-graph-crud``); afterwards the triple count of each pushed
graph is checked through the SPARQL endpoint when one is given.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urlsplit, urlunsplit
from urllib.request import Request, urlopen

import click
import pyoxigraph as ox

from kg.store import KGStore, StoreError


class PushError(Exception):
    """Pushing failed (message is one line, fit for the CLI)."""


@dataclass(frozen=True)
class PushReport:
    """What a push did: graphs and triples sent, and graphs whose remote count differs."""

    graphs: int
    triples: int
    mismatched: tuple[str, ...] = ()


def default_graph_store(endpoint: str) -> str:
    """Return the Graph Store URL guessed from a query endpoint (Oxigraph ``/query`` → ``/store``).

    Other endpoint paths are returned unchanged (Fuseki also accepts GSP on the dataset URL);
    pass ``--graph-store`` for stores that use another path.
    """
    parts = urlsplit(endpoint)
    path = parts.path
    if path.endswith("/query"):
        path = path[: -len("query")] + "store"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def graph_url(graph_store: str, graph: str | None) -> str:
    """Return the GSP URL of one graph: ``?graph=<iri>``, or ``?default`` for ``None``."""
    joiner = "&" if urlsplit(graph_store).query else "?"
    if graph is None:
        return graph_store + joiner + "default"
    return graph_store + joiner + "graph=" + quote(graph, safe="")


def store_graphs(store: ox.Store) -> Iterator[tuple[str | None, list[ox.Triple]]]:
    """Yield (graph IRI or None for the default graph, triples) for every non-empty graph."""
    default = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    if default:
        yield None, default
    for graph in sorted(store.named_graphs(), key=str):
        if not isinstance(graph, ox.NamedNode):
            continue
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        if triples:
            yield graph.value, triples


def _auth_header(user: str | None, password: str | None) -> dict[str, str]:
    if user is None:
        return {}
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _http(request: Request, timeout: float) -> bytes:
    """Send ``request``; return the body or raise :class:`PushError` with a one-line cause."""
    target = f"{request.get_method()} {request.full_url.split('?')[0]}"
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - user-given URL
            return response.read()
    except HTTPError as exc:
        detail = exc.read(300).decode("utf-8", errors="replace")
        detail = " ".join(detail.split())[:200]
        raise PushError(
            f"{target} failed: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
        ) from exc
    except URLError as exc:
        reason = exc.reason
        text = getattr(reason, "strerror", None) or str(reason)
        if isinstance(reason, ConnectionRefusedError):
            text = "connection refused (is the triple store running?)"
        raise PushError(f"cannot reach {target}: {text}") from exc
    except (TimeoutError, OSError) as exc:
        raise PushError(f"cannot reach {target}: {exc}") from exc


def put_graph(
    graph_store: str, graph: str | None, triples: list[ox.Triple], *,
    headers: dict[str, str] | None = None, timeout: float = 60.0,
) -> None:
    """Replace one remote graph with ``triples`` (GSP PUT, N-Triples body)."""
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    request = Request(
        graph_url(graph_store, graph), data=body, method="PUT",
        headers={"Content-Type": "application/n-triples", **(headers or {})},
    )
    _http(request, timeout)


def remote_counts(
    endpoint: str, *, headers: dict[str, str] | None = None, timeout: float = 60.0
) -> dict[str, int]:
    """Return triple counts per named graph as the remote SPARQL endpoint reports them."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    request = Request(
        endpoint, data=urlencode({"query": query}).encode(), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json", **(headers or {})},
    )
    try:
        document = json.loads(_http(request, timeout))
        rows = document["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}
    except (ValueError, KeyError) as exc:
        raise PushError(f"{endpoint}: unexpected answer to a count query ({exc})") from exc


def push_store(
    store: ox.Store,
    graph_store: str,
    *,
    endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60.0,
    progress: Callable[[str | None, int], None] | None = None,
) -> PushReport:
    """PUT every graph of ``store`` to ``graph_store``; check counts through ``endpoint``."""
    headers = _auth_header(user, password)
    sent: dict[str, int] = {}
    graphs = triples = 0
    for graph, graph_triples in store_graphs(store):
        put_graph(graph_store, graph, graph_triples, headers=headers, timeout=timeout)
        graphs += 1
        triples += len(graph_triples)
        if graph is not None:
            sent[graph] = len(graph_triples)
        if progress:
            progress(graph, len(graph_triples))
    mismatched: tuple[str, ...] = ()
    if endpoint:
        remote = remote_counts(endpoint, headers=headers, timeout=timeout)
        mismatched = tuple(g for g, n in sent.items() if remote.get(g) != n)
    return PushReport(graphs, triples, mismatched)


@click.command("push")
@click.option("--store", "store_path", default="kg-store", show_default=True,
              type=click.Path(file_okay=False), help="Store directory.")
@click.option("--endpoint", required=True,
              help="SPARQL query endpoint of the target store (used to check the copy).")
@click.option("--graph-store", default=None,
              help="Graph Store Protocol URL (default: the endpoint, with Oxigraph's /query →"
                   " /store).")
@click.option("--user", default=None, help="User for HTTP basic auth.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", default=None,
              help="Password for HTTP basic auth (or env KG_PUSH_PASSWORD).")
@click.option("--timeout", default=60.0, show_default=True, type=float,
              help="Seconds to wait for each HTTP request.")
@click.option("--no-verify", is_flag=True, help="Skip the triple-count check after pushing.")
def push_command(
    store_path: str, endpoint: str, graph_store: str | None, user: str | None,
    password: str | None, timeout: float, no_verify: bool,
) -> None:
    """Copy every named graph into a SPARQL 1.1 store (Graph Store Protocol PUT, idempotent)."""
    target = graph_store or default_graph_store(endpoint)
    if not os.path.isdir(store_path):
        raise click.ClickException(f"{store_path}: no such store (run kg build first)")
    try:
        with KGStore.open(store_path) as store:
            report = push_store(
                store.ox, target, endpoint=None if no_verify else endpoint,
                user=user, password=password, timeout=timeout,
            )
    except (PushError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"pushed {report.graphs} graphs ({report.triples} triples) to {target}")
    if report.mismatched:
        raise click.ClickException(
            f"{len(report.mismatched)} graphs differ in triple count at {endpoint}, e.g."
            f" {report.mismatched[0]}"
        )
