"""The SPARQL endpoint driven over HTTP by SPARQLWrapper (a real client) and by urllib."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from collections.abc import Iterator
from urllib.error import HTTPError
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from records import GENEVA, IMG_NAME, SCRIPT_QUOTE, extractions, sample_store
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    POST,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from kg.rdf import article_graph_iri
from kg.serve import EndpointConfig, KGServer, make_server
from kg.store import KGStore

TOKEN = "s3cret-token"
NAMES = "SELECT ?name WHERE { ?a a kg:Actor ; kg:name ?name } ORDER BY ?name"
PREFIX = "PREFIX kg: <https://w3id.org/kg/ontology#>\n"


def _serve(store: KGStore, config: EndpointConfig) -> tuple[KGServer, None]:
    server = make_server(store, "127.0.0.1", 0, config, quiet=True)
    server.start()
    return server, None


def _stop(server: KGServer, thread: None) -> None:
    server.stop()


@pytest.fixture(scope="module")
def store() -> Iterator[KGStore]:
    kg_store = sample_store()
    yield kg_store
    kg_store.close()


@pytest.fixture(scope="module")
def endpoint(store: KGStore) -> Iterator[str]:
    server, thread = _serve(store, EndpointConfig(timeout=10, max_rows=100))
    yield server.url
    _stop(server, thread)


@pytest.fixture()
def writable() -> Iterator[str]:
    kg_store = KGStore.open(None)
    kg_store.add_extraction(GENEVA)
    server, thread = _serve(kg_store, EndpointConfig(allow_update=True, token=TOKEN))
    yield server.url
    _stop(server, thread)
    kg_store.close()


@pytest.fixture(scope="module")
def slow_endpoint() -> Iterator[str]:
    """An endpoint with a 1 s limit over 3000 generated triples (a cross join takes seconds)."""
    kg_store = KGStore.open(None)
    p = ox.NamedNode("https://example.org/p")
    graph = ox.NamedNode("https://example.org/g")
    kg_store.ox.extend(
        ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), p, ox.Literal(str(i)), graph)
        for i in range(3000)
    )
    server, thread = _serve(kg_store, EndpointConfig(timeout=1, max_rows=50, workers=2))
    yield server.url
    _stop(server, thread)
    kg_store.close()


def _client(url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(20)
    return client


def _expected_names(store: KGStore) -> list[str]:
    return [str(row["name"]) for row in store.query(NAMES)]


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


# --------------------------------------------------------------------------- SELECT and ASK


def test_select_json_matches_store(endpoint: str, store: KGStore) -> None:
    result = _client(endpoint, PREFIX + NAMES).query().convert()
    names = [b["name"]["value"] for b in result["results"]["bindings"]]
    assert result["head"]["vars"] == ["name"]
    assert names == _expected_names(store)
    assert "Marco Rubio" in names and IMG_NAME in names


def test_select_xml(endpoint: str, store: KGStore) -> None:
    document = _client(endpoint, NAMES, XML).query().convert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == _expected_names(store)


def test_select_csv(endpoint: str, store: KGStore) -> None:
    body = _client(endpoint, NAMES, CSV).query().convert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["name"]
    assert [r[0] for r in rows[1:]] == _expected_names(store)


def test_select_tsv_uses_rdf_terms(endpoint: str, store: KGStore) -> None:
    query = "SELECT ?a ?name WHERE { ?a a kg:Person ; kg:name ?name } ORDER BY ?name"
    body = _client(endpoint, query, TSV).query().convert().decode("utf-8")
    lines = body.rstrip("\n").split("\n")
    assert lines[0] == "?a\t?name"
    assert lines[1] == '<https://w3id.org/kg/id/actor/person/marco-rubio>\t"Marco Rubio"'


def test_select_typed_literal_json(endpoint: str) -> None:
    query = "SELECT ?d WHERE { ?e a kg:Event ; kg:date ?d } ORDER BY ?d LIMIT 1"
    binding = _client(endpoint, query).query().convert()["results"]["bindings"][0]["d"]
    assert binding == {
        "type": "literal", "value": "2025-11",
        "datatype": "http://www.w3.org/2001/XMLSchema#gYearMonth",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('ASK { ?a kg:name "Marco Rubio" }', True),
        ('ASK { ?a kg:name "Nobody At All" }', False),
    ],
)
def test_ask(endpoint: str, query: str, expected: bool) -> None:
    assert _client(endpoint, query).query().convert()["boolean"] is expected


def test_ask_xml(endpoint: str) -> None:
    document = _client(endpoint, 'ASK { ?a kg:name "Russia" }', XML).query().convert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


# --------------------------------------------------------------------------- CONSTRUCT


CONSTRUCT = "CONSTRUCT { ?a kg:name ?name } WHERE { ?a a kg:Actor ; kg:name ?name }"


def _expected_graph(store: KGStore) -> set[tuple]:
    return set(store.query(CONSTRUCT))


def test_construct_turtle(endpoint: str, store: KGStore) -> None:
    body = _client(endpoint, CONSTRUCT, TURTLE).query().convert()
    graph = Graph().parse(data=body, format="turtle")
    assert set(graph) == _expected_graph(store)
    assert len(graph) == 10


def test_construct_jsonld(endpoint: str, store: KGStore) -> None:
    graph = _client(endpoint, CONSTRUCT, JSONLD).query().convert()
    assert set(graph) == _expected_graph(store)


def test_construct_ntriples(endpoint: str, store: KGStore) -> None:
    client = _client(endpoint, CONSTRUCT, TURTLE)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    response = client.query().response
    assert response.headers["Content-Type"] == "application/n-triples"
    graph = Graph().parse(data=response.read().decode("utf-8"), format="nt")
    assert set(graph) == _expected_graph(store)


def test_describe_rdfxml(endpoint: str) -> None:
    client = _client(endpoint, 'DESCRIBE ?a WHERE { ?a kg:name "Russia" }', XML)
    graph = client.query().convert()
    russia = URIRef("https://w3id.org/kg/id/actor/country/russia")
    assert (russia, URIRef("https://w3id.org/kg/ontology#countryCode"), None) in graph


# --------------------------------------------------------------------------- protocol


def test_post_form_and_direct_body_agree(endpoint: str, store: KGStore) -> None:
    form = urllib.request.Request(
        endpoint + "/sparql", data=urlencode({"query": NAMES}).encode(),
        headers={"Accept": "text/csv"},
    )
    direct = urllib.request.Request(
        endpoint + "/sparql", data=NAMES.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    bodies = [urllib.request.urlopen(r, timeout=10).read() for r in (form, direct)]
    assert bodies[0] == bodies[1]
    assert bodies[0].decode().split("\r\n")[1:-1] == _expected_names(store)


def test_default_graph_uri_restricts_the_dataset(endpoint: str) -> None:
    query = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Statement }"
    graph = str(article_graph_iri(GENEVA.article.id))
    everything = _client(endpoint, query).query().convert()
    client = _client(endpoint, query)
    client.addParameter("default-graph-uri", graph)
    geneva = client.query().convert()
    count = [int(r["results"]["bindings"][0]["n"]["value"]) for r in (everything, geneva)]
    assert count == [len(extractions()[0].statements) + len(extractions()[1].statements),
                     len(GENEVA.statements)]


def test_bad_query_gets_400_with_parser_message(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed) as info:
        _client(endpoint, "SELECT ?x WHERE { ?x kg:name }").query()
    assert "malformed SPARQL query at line 1, column 30, near '}'" in str(info.value)
    assert "expected one of" not in str(info.value)


@pytest.mark.parametrize(
    ("path", "headers", "status", "needle"),
    [
        ("/nowhere", {}, 404, b"not found"),
        ("/sparql?query=" + "SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
         {"Accept": "image/png"}, 406, b"cannot answer"),
        ("/sparql?query=" + "SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
         {}, 422, b"row cap of 100 rows"),
        ("/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D&default-graph-uri=not%20an"
         "%20iri%3E", {}, 400, b"bad default-graph-uri"),
    ],
)
def test_error_statuses(
    endpoint: str, path: str, headers: dict, status: int, needle: bytes
) -> None:
    code, content_type, body = _get(endpoint + path, headers)
    assert (code, content_type) == (status, "text/plain; charset=utf-8")
    assert needle in body


def test_unsupported_content_type_gets_415(endpoint: str) -> None:
    request = urllib.request.Request(
        endpoint + "/sparql", data=b"{}", headers={"Content-Type": "application/json"}
    )
    with pytest.raises(HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code == 415


# --------------------------------------------------------------------------- updates

INSERT = 'INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/x> kg:name "X" } }'


def _update(url: str, token: str | None) -> SPARQLWrapper:
    client = SPARQLWrapper(url + "/sparql")
    client.setMethod(POST)
    client.setQuery(PREFIX + INSERT)
    if token is not None:
        client.addCustomHttpHeader("Authorization", f"Bearer {token}")
    return client


def test_update_refused_when_read_only(endpoint: str, store: KGStore) -> None:
    before = store.triple_count()
    with pytest.raises(HTTPError) as info:
        _update(endpoint, TOKEN).query()
    assert info.value.code == 403
    assert b"read-only" in info.value.read()
    assert store.triple_count() == before


def test_update_refused_without_or_with_wrong_token(writable: str) -> None:
    for token in (None, "wrong"):
        with pytest.raises(Unauthorized):
            _update(writable, token).query()
    ask = 'ASK { <https://example.org/x> kg:name "X" }'
    assert _client(writable, ask).query().convert()["boolean"] is False


def test_update_with_token_applies(writable: str) -> None:
    _update(writable, TOKEN).query()
    ask = 'ASK { <https://example.org/x> kg:name "X" }'
    assert _client(writable, ask).query().convert()["boolean"] is True


def test_allow_update_needs_a_token() -> None:
    with KGStore.open(None) as kg_store, pytest.raises(ValueError, match="token"):
        make_server(kg_store, "127.0.0.1", 0, EndpointConfig(allow_update=True))


# --------------------------------------------------------------------------- limits

CROSS_JOIN = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . FILTER(STR(?x) < STR(?y)) }"
)


def test_timeout_answers_503_and_server_stays_responsive(slow_endpoint: str) -> None:
    with pytest.raises(HTTPError) as info:  # the client's own timeout catches a hang
        _client(slow_endpoint, CROSS_JOIN).query()
    assert info.value.code == 503
    assert b"time limit of 1 s" in info.value.read()
    quick = _client(slow_endpoint, "ASK { ?s ?p ?o }").query().convert()
    assert quick["boolean"] is True


def test_row_cap_on_lazy_results(slow_endpoint: str) -> None:
    code, _, body = _get(slow_endpoint + "/sparql?" + urlencode({"query": "SELECT * {?s ?p ?o}"}))
    assert code == 422
    assert b"row cap of 50 rows" in body


# --------------------------------------------------------------------------- pages


def test_query_page_lists_examples_without_innerhtml(endpoint: str) -> None:
    code, content_type, body = _get(endpoint + "/")
    text = body.decode("utf-8")
    assert (code, content_type) == (200, "text/html; charset=utf-8")
    island = text.split('id="kg-examples-data">')[1].split("</script>")[0]
    examples = json.loads(island)
    assert [e["name"] for e in examples][:2] == ["01-quotes-by-speaker", "02-said-about-country"]
    assert "innerHTML" not in text
    assert not re.search(r'(src|href)="(https?:)?//', text)


@pytest.mark.parametrize("path", ["/graph", "/timeline", "/facts"])
def test_graph_pages_escape_article_text(endpoint: str, path: str) -> None:
    code, content_type, body = _get(endpoint + path)
    text = body.decode("utf-8")
    assert (code, content_type) == (200, "text/html; charset=utf-8")
    assert "Marco Rubio" in text
    assert "<script>alert(1)</script>" not in text
    assert "<img src=x" not in text
    assert SCRIPT_QUOTE not in text
