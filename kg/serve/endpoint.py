"""What the endpoint answers, apart from HTTP: query and update execution, replies, limits and
the SPARQL 1.1 Service Description.

These functions run inside the query workers (:mod:`kg.serve.workers`) and in ``kg push``'s
tests; they never raise on bad input, they return a :class:`Reply` with the right status.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.rdf import PREFIXES
from kg.sparql_guard import QueryRefused, check_query, check_update, describe_syntax_error
from kg.sparql_results import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    NotAcceptable,
    negotiate,
    serialize_ask,
    serialize_graph,
    serialize_select,
)
from kg.store import EXPORT_PREFIXES

#: Status for an answer larger than ``--max-rows``: the request is well-formed, the server
#: declines to produce that much (400 is for malformed requests, so clients blame the query).
ROW_CAP_STATUS = 422


@dataclass(frozen=True)
class EndpointConfig:
    """Limits and permissions of the endpoint."""

    timeout: float = 30.0
    max_rows: int = 10_000
    allow_update: bool = False
    token: str | None = None
    workers: int = 4
    memory_mb: int = 2048
    cors: tuple[str, ...] = ()
    allow_service: tuple[str, ...] = ()
    read_timeout: float = 30.0
    host_names: tuple[str, ...] = ()
    cache_mb: int = 64


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


def timeout_reply(seconds: float | None = None) -> Reply:
    """Return the 503 answer for a query stopped at the time limit."""
    limit = f"the time limit of {seconds:g} s" if seconds is not None else "the time limit"
    return error_reply(
        503, f"query timed out: it ran longer than {limit} and was stopped; narrow it or add"
        " a LIMIT", {"Retry-After": "10"},
    )


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


def graph_terms(iris: list[str]) -> list[ox.NamedNode]:
    """Return IRIs as named nodes; ``ValueError`` names the first one that is not an IRI."""
    out = []
    for iri in iris:
        try:
            out.append(ox.NamedNode(iri))
        except ValueError:
            raise ValueError(f"not an IRI: {iri[:100]!r}") from None
    return out


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
    allow_service: tuple[str, ...] = (),
) -> Reply:
    """Run one SPARQL query and return the negotiated HTTP reply (never raises on bad input)."""
    deadline = deadline if deadline is not None else time.monotonic() + 3600
    options: dict[str, Any] = {"prefixes": PREFIXES}
    try:
        check_query(sparql, allow_service)
        if default_graphs:
            options["default_graph"] = graph_terms(default_graphs)
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = graph_terms(named_graphs)
    except QueryRefused as exc:
        return error_reply(400, str(exc))
    except ValueError as exc:
        return error_reply(400, f"bad default-graph-uri or named-graph-uri: {exc}")
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
        body = serialize_graph(name, triples, EXPORT_PREFIXES)
        return Reply(200, GRAPH_MEDIA_TYPES[name], body)
    except SyntaxError as exc:
        return error_reply(400, describe_syntax_error(sparql, exc))
    except NotAcceptable as exc:
        return error_reply(406, str(exc))
    except RowCapExceeded as exc:
        return error_reply(ROW_CAP_STATUS, str(exc))
    except QueryTimeout:
        return timeout_reply()
    except (OSError, ValueError, RuntimeError) as exc:
        return error_reply(500, f"query failed: {' '.join(str(exc).split())[:300]}")


def run_update(store: ox.Store, sparql: str, allow_service: tuple[str, ...] = ()) -> Reply:
    """Run a SPARQL Update on the store and return the reply (204, or 400 with the message)."""
    try:
        check_update(sparql, allow_service)
        store.update(sparql, prefixes=PREFIXES)
    except QueryRefused as exc:
        return error_reply(400, str(exc))
    except SyntaxError as exc:
        return error_reply(400, describe_syntax_error(sparql, exc, "update"))
    except (OSError, ValueError, RuntimeError) as exc:
        return error_reply(500, f"update failed: {' '.join(str(exc).split())[:300]}")
    return Reply(204, "text/plain; charset=utf-8", b"")


def service_description(endpoint_url: str, allow_update: bool) -> bytes:
    """Return the SPARQL 1.1 Service Description of the endpoint as Turtle."""
    formats = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
               "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD"]
    languages = ["sd:SPARQL10Query", "sd:SPARQL11Query"] + (
        ["sd:SPARQL11Update"] if allow_update else [])
    iri = endpoint_url.replace(">", "%3E")
    lines = [
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .",
        "@prefix formats: <http://www.w3.org/ns/formats/> .",
        "",
        "[] a sd:Service ;",
        f"  sd:endpoint <{iri}> ;",
        f"  sd:supportedLanguage {', '.join(languages)} ;",
        f"  sd:resultFormat {', '.join('formats:' + f for f in formats)} ;",
        "  sd:feature sd:UnionDefaultGraph ;",
        "  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .",
        "",
    ]
    return "\n".join(lines).encode("utf-8")
