"""SPARQL result writers (checked by pyoxigraph's own parsers) and content negotiation."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.sparql_results import NotAcceptable, negotiate, serialize_graph, serialize_select

XSD = "http://www.w3.org/2001/XMLSchema#"
VARIABLES = ["s", "label", "n", "missing"]
ROWS = [
    [ox.NamedNode("https://example.org/a?x=1&y=2"), ox.Literal('say "hi"\tthere\n<b>&amp;'),
     ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")), None],
    [ox.BlankNode("b0"), ox.Literal("Kyiv", language="uk"), None, None],
]
FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_select_round_trips_through_pyoxigraph(fmt: str) -> None:
    body = serialize_select(fmt, VARIABLES, ROWS)
    parsed = ox.parse_query_results(body, format=FORMATS[fmt])
    assert [v.value for v in parsed.variables] == VARIABLES
    solutions = list(parsed)
    assert [[sol[v] for v in VARIABLES] for sol in solutions][0] == ROWS[0]
    second = solutions[1]
    assert isinstance(second["s"], ox.BlankNode)
    assert second["label"] == ox.Literal("Kyiv", language="uk")
    assert second["n"] is None


def test_select_csv_is_plain_values() -> None:
    body = serialize_select("csv", VARIABLES, ROWS).decode("utf-8")
    assert body.startswith("s,label,n,missing\r\n")
    assert '"say ""hi""\tthere\n<b>&amp;",3,\r\n' in body
    assert body.endswith("_:b0,Kyiv,,\r\n")


def test_select_empty_result() -> None:
    parsed = ox.parse_query_results(serialize_select("json", ["x"], []),
                                    format=ox.QueryResultsFormat.JSON)
    assert list(parsed) == []


@pytest.mark.parametrize(
    ("kind", "accept", "fmt", "expected"),
    [
        ("results", None, None, "json"),
        ("results", "*/*", None, "json"),
        ("results", "text/csv", None, "csv"),
        ("results", "application/sparql-results+xml,application/xml", "xml", "xml"),
        ("results", "text/tab-separated-values", "tsv", "tsv"),
        ("results", "text/html,application/xhtml+xml,*/*;q=0.8", None, "json"),
        ("results", "text/csv;q=0.5, application/sparql-results+json", None, "json"),
        ("results", "*/*", "csv", "csv"),
        ("results", "text/csv", "json", "csv"),
        ("graph", None, None, "turtle"),
        ("graph", "application/ld+json,application/x-json+ld", "json-ld", "jsonld"),
        ("graph", "application/n-triples", "json", "ntriples"),
        ("graph", "application/rdf+xml", None, "rdfxml"),
        ("graph", "text/n3", None, "turtle"),
        ("graph", "application/sparql-results+json", "turtle", "turtle"),
    ],
)
def test_negotiate(kind: str, accept: str | None, fmt: str | None, expected: str) -> None:
    assert negotiate(kind, accept, fmt) == expected


@pytest.mark.parametrize(
    ("kind", "accept"),
    [("results", "text/turtle"), ("graph", "text/csv"), ("results", "image/png;q=1")],
)
def test_negotiate_refuses(kind: str, accept: str) -> None:
    with pytest.raises(NotAcceptable, match="cannot answer"):
        negotiate(kind, accept)


@pytest.mark.parametrize(
    ("fmt", "rdf_format"),
    [
        ("turtle", ox.RdfFormat.TURTLE),
        ("ntriples", ox.RdfFormat.N_TRIPLES),
        ("jsonld", ox.RdfFormat.JSON_LD),
        ("rdfxml", ox.RdfFormat.RDF_XML),
    ],
)
def test_graph_round_trip(fmt: str, rdf_format: ox.RdfFormat) -> None:
    triples = [
        ox.Triple(ox.NamedNode("https://w3id.org/kg/id/a"),
                  ox.NamedNode("https://w3id.org/kg/ontology#name"), ox.Literal("<A & B>")),
        ox.Triple(ox.NamedNode("https://w3id.org/kg/id/a"),
                  ox.NamedNode("https://w3id.org/kg/ontology#count"),
                  ox.Literal("2", datatype=ox.NamedNode(XSD + "integer"))),
    ]
    body = serialize_graph(fmt, triples, {"kg": "https://w3id.org/kg/ontology#"})
    parsed = {q.triple for q in ox.parse(body, format=rdf_format)}
    assert parsed == set(triples)
