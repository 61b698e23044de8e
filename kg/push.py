"""``kg push``: mirror every named graph of the store into a SPARQL 1.1 triple store.

Uses the SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT <graph-store>?graph=<iri>`` per named
graph with an N-Triples body (and ``?default`` for a non-empty default graph). PUT replaces the
remote graph, so pushing twice leaves the remote store as pushing once. By default the push is a
mirror: remote graphs in kg's graph namespace (``https://w3id.org/kg/id/graph/``) that the
store no longer holds (articles removed with ``kg remove``) are deleted with GSP ``DELETE``;
other remote graphs are never touched. Works with Oxigraph server (``/store``), Fuseki
(``/<dataset>/data``), GraphDB (``/repositories/<id>/rdf-graphs/service``) and Virtuoso
(``/sparql-graph-crud-auth``, Digest auth); credentials go as Basic or Digest, whichever the
server asks for. Afterwards the triple count of each pushed graph is checked through the
SPARQL endpoint.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import click
import httpx
import pyoxigraph as ox

from kg.rdf import KGID
from kg.store import STAGING_PREFIX, KGStore, StoreError

#: Remote graphs under this namespace are kg's own: a mirror deletes those the store lacks.
KG_GRAPHS = str(KGID) + "graph/"


class PushError(Exception):
    """Pushing failed (message is one line, fit for the CLI)."""


@dataclass(frozen=True)
class PushReport:
    """What a push did: graphs and triples sent, remote graphs deleted, and graphs whose
    remote count differs."""

    graphs: int
    triples: int
    mismatched: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()


class ChallengeAuth(httpx.Auth):
    """HTTP auth that answers the server's challenge: Basic or Digest, as it asks (the
    scheme found on the first 401 is kept for the following requests)."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._schemes = {"basic": httpx.BasicAuth(user, password),
                         "digest": httpx.DigestAuth(user, password)}
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme is None:
            response = yield request
            if response.status_code != 401:
                return
            challenge = response.headers.get("www-authenticate", "").lower()
            self._scheme = "digest" if "digest" in challenge else "basic"
        yield from self._schemes[self._scheme].auth_flow(request)


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
        if not isinstance(graph, ox.NamedNode) or graph.value.startswith(STAGING_PREFIX):
            continue
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        if triples:
            yield graph.value, triples


def _detail(response: httpx.Response) -> str:
    """Return the gist of an error answer in one line (an HTML page's title, not its markup)."""
    text = response.text[:4000]
    if "html" in response.headers.get("content-type", "") or text.lstrip().startswith("<"):
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        text = title.group(1) if title else re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text)
    return " ".join(text.split())[:200]


def _send(client: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    """Send one request; return the answer or raise :class:`PushError` with a one-line cause."""
    target = f"{method} {url.split('?')[0]}"
    try:
        response = client.request(method, url, **kwargs)
    except httpx.ConnectError as exc:
        text = str(exc) or type(exc).__name__
        if "refused" in text.lower():
            text = "connection refused (is the triple store running?)"
        raise PushError(f"cannot reach {target}: {text}") from exc
    except httpx.TimeoutException as exc:
        raise PushError(f"cannot reach {target}: no answer in time") from exc
    except httpx.HTTPError as exc:
        raise PushError(f"cannot reach {target}: {exc}") from exc
    if response.status_code >= 400:
        detail = _detail(response)
        raise PushError(f"{target} failed: HTTP {response.status_code}"
                        f" {response.reason_phrase}" + (f": {detail}" if detail else ""))
    return response


def client_for(user: str | None, password: str | None, timeout: float) -> httpx.Client:
    """Return the HTTP client of a push (auth as the server asks, when a user is given)."""
    auth = ChallengeAuth(user, password or "") if user is not None else None
    return httpx.Client(auth=auth, timeout=timeout, follow_redirects=True)


def put_graph(client: httpx.Client, graph_store: str, graph: str | None,
              triples: list[ox.Triple]) -> None:
    """Replace one remote graph with ``triples`` (GSP PUT, N-Triples body)."""
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    _send(client, "PUT", graph_url(graph_store, graph), content=body,
          headers={"Content-Type": "application/n-triples"})


def delete_graph(client: httpx.Client, graph_store: str, graph: str) -> None:
    """Delete one remote graph (GSP DELETE; a graph already gone is fine)."""
    try:
        _send(client, "DELETE", graph_url(graph_store, graph))
    except PushError as exc:
        if "HTTP 404" not in str(exc):
            raise


def _select(client: httpx.Client, endpoint: str, query: str) -> list[dict]:
    response = _send(client, "POST", endpoint, data={"query": query},
                     headers={"Accept": "application/sparql-results+json"})
    try:
        return json.loads(response.content)["results"]["bindings"]
    except (ValueError, KeyError, TypeError) as exc:
        raise PushError(f"{endpoint}: unexpected answer to a query ({exc})") from exc


def remote_counts(client: httpx.Client, endpoint: str) -> dict[str, int]:
    """Return triple counts per named graph as the remote SPARQL endpoint reports them."""
    rows = _select(client, endpoint,
                   "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    try:
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}
    except (ValueError, KeyError) as exc:
        raise PushError(f"{endpoint}: unexpected answer to a count query ({exc})") from exc


def remote_kg_graphs(client: httpx.Client, endpoint: str) -> set[str]:
    """Return the remote named graphs in kg's graph namespace."""
    rows = _select(client, endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o }"
                   f' FILTER(STRSTARTS(STR(?g), "{KG_GRAPHS}")) }}')
    return {row["g"]["value"] for row in rows if "g" in row}


def push_store(
    store: ox.Store,
    graph_store: str,
    *,
    endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60.0,
    prune: bool = True,
    verify: bool = True,
    progress: Callable[[str | None, int], None] | None = None,
) -> PushReport:
    """PUT every graph of ``store`` to ``graph_store``; with ``prune`` (and an ``endpoint`` to
    list the remote graphs) delete remote kg graphs the store lacks; check counts."""
    sent: dict[str, int] = {}
    graphs = triples = 0
    with client_for(user, password, timeout) as client:
        for graph, graph_triples in store_graphs(store):
            put_graph(client, graph_store, graph, graph_triples)
            graphs += 1
            triples += len(graph_triples)
            if graph is not None:
                sent[graph] = len(graph_triples)
            if progress:
                progress(graph, len(graph_triples))
        deleted: tuple[str, ...] = ()
        if prune and endpoint:
            deleted = tuple(sorted(remote_kg_graphs(client, endpoint) - set(sent)))
            for graph in deleted:
                delete_graph(client, graph_store, graph)
        mismatched: tuple[str, ...] = ()
        if verify and endpoint:
            remote = remote_counts(client, endpoint)
            mismatched = tuple(g for g, n in sent.items() if remote.get(g) != n)
    return PushReport(graphs, triples, mismatched, deleted)


@click.command("push")
@click.option("--store", "store_path", default="kg-store", show_default=True,
              type=click.Path(file_okay=False), help="Store directory.")
@click.option("--endpoint", required=True,
              help="SPARQL query endpoint of the target store (used to check the copy).")
@click.option("--graph-store", default=None,
              help="Graph Store Protocol URL (default: the endpoint, with Oxigraph's /query →"
                   " /store).")
@click.option("--user", default=None, help="User for HTTP auth (Basic or Digest, as asked).")
@click.option("--password", envvar="KG_PUSH_PASSWORD", default=None,
              help="Password for HTTP auth (or env KG_PUSH_PASSWORD).")
@click.option("--timeout", default=60.0, show_default=True, type=float,
              help="Seconds to wait for each HTTP request.")
@click.option("--no-verify", is_flag=True, help="Skip the triple-count check after pushing.")
@click.option("--prune/--no-prune", default=True, show_default=True,
              help="Delete remote kg graphs of articles the store no longer holds (mirror).")
def push_command(
    store_path: str, endpoint: str, graph_store: str | None, user: str | None,
    password: str | None, timeout: float, no_verify: bool, prune: bool,
) -> None:
    """Mirror every named graph into a SPARQL 1.1 store (Graph Store Protocol, idempotent)."""
    target = graph_store or default_graph_store(endpoint)
    if not os.path.isdir(store_path):
        raise click.ClickException(f"{store_path}: no such store (run kg build first)")
    try:
        with KGStore.open_read(store_path) as store:
            report = push_store(
                store.ox, target, endpoint=endpoint, user=user, password=password,
                timeout=timeout, prune=prune, verify=not no_verify,
            )
    except (PushError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    deleted = f"; deleted {len(report.deleted)} removed graphs" if report.deleted else ""
    click.echo(f"pushed {report.graphs} graphs ({report.triples} triples) to {target}{deleted}")
    if report.mismatched:
        raise click.ClickException(
            f"{len(report.mismatched)} graphs differ in triple count at {endpoint}, e.g."
            f" {report.mismatched[0]}"
        )
