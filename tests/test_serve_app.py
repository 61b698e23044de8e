"""``kg serve`` under hostile and browser clients: remote access, nesting, runaway queries, bad
request bodies, Host checks, cross-site posts, security headers, CORS, HEAD, the service
description and Basic auth. Every server here is started by the test on a loopback port."""

from __future__ import annotations

import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from records import sample_store
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import Unauthorized

from kg.serve import EndpointConfig, KGServer, make_server
from kg.serve.app import SECURITY_HEADERS
from kg.store import KGStore

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
TOKEN = "t0ken-for-tests"
ASK = "ASK { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _start(store: KGStore, **config) -> KGServer:
    server = make_server(store, "127.0.0.1", 0, EndpointConfig(**config), quiet=True)
    server.start()
    return server


@pytest.fixture(scope="module")
def store() -> Iterator[KGStore]:
    kg_store = sample_store()
    yield kg_store
    kg_store.close()


@pytest.fixture(scope="module")
def server(store: KGStore) -> Iterator[KGServer]:
    kg_server = _start(store, timeout=20, max_rows=100, read_timeout=1.0)
    yield kg_server
    kg_server.stop()


@pytest.fixture(scope="module")
def cors_server(store: KGStore) -> Iterator[KGServer]:
    kg_server = _start(store, cors=("*",), allow_update=True, token=TOKEN)
    yield kg_server
    kg_server.stop()


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    """A TCP listener on loopback that records whether anyone connected."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def _connected(listener: socket.socket) -> bool:
    try:
        conn, _ = listener.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def _request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
             method: str | None = None) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _query(url: str, query: str, headers: dict[str, str] | None = None):
    return _request(url + "/sparql", urlencode({"query": query}).encode(),
                    {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})


def _raw(server: KGServer, data: bytes) -> bytes:
    """Send raw bytes and return the status line of the answer."""
    host, port = urlsplit(server.url).hostname, urlsplit(server.url).port
    with socket.create_connection((host, port), timeout=60) as sock:
        sock.sendall(data)
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n")[0]


# --------------------------------------------------------------------------- remote access


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?a ?b ?c {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
    ],
)
def test_service_is_refused_and_nothing_is_fetched(
    server: KGServer, listener: socket.socket, template: str
) -> None:
    query = template.format(port=listener.getsockname()[1])
    status, _, body = _query(server.url, query)
    assert status == 400
    assert body.startswith(b"SERVICE (federated query) refused")
    assert not _connected(listener)


def test_allow_service_lets_the_named_host_through(store: KGStore,
                                                   listener: socket.socket) -> None:
    kg_server = _start(store, allow_service=("127.0.0.1",), timeout=20)
    try:
        port = listener.getsockname()[1]
        accepted = threading.Event()

        def answer_once() -> None:  # accept, then hang up: the federated call fails fast
            listener.setblocking(True)
            conn, _ = listener.accept()
            accepted.set()
            conn.close()

        thread = threading.Thread(target=answer_once, daemon=True)
        thread.start()
        status, _, _ = _query(kg_server.url, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:"
                              f"{port}/sparql> {{ ?s ?p ?o }} }}")
        thread.join(30)
        assert accepted.is_set()
        assert status == 500
    finally:
        kg_server.stop()


# --------------------------------------------------------------------------- engine guard


@pytest.mark.parametrize(
    "query",
    ["SELECT * WHERE " + "{" * 5000 + "}" * 5000,
     "SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }"],
)
def test_deep_nesting_gets_400_and_server_stays_up(server: KGServer, query: str) -> None:
    status, _, body = _request(server.url + "/sparql", query.encode(),
                               {"Content-Type": "application/sparql-query"})
    assert (status, body) == (400, b"query nested too deeply: more than 100 levels of"
                              b" brackets\n")
    assert _query(server.url, ASK)[0] == 200


def test_runaway_query_is_killed_while_a_fast_one_is_answered() -> None:
    kg_store = KGStore.open(None)
    p, g = ox.NamedNode("https://example.org/p"), ox.NamedNode("https://example.org/g")
    kg_store.ox.extend(ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), p,
                               ox.Literal(str(i)), g) for i in range(2000))
    kg_server = _start(kg_store, timeout=3, workers=2)
    pool = kg_server.endpoint.pool
    try:
        slow: list[tuple] = []
        thread = threading.Thread(target=lambda: slow.append(_query(kg_server.url, RUNAWAY)))
        thread.start()
        while pool._idle.qsize() == 2 and thread.is_alive():
            thread.join(0.01)
        busy_pids = {w.process.pid for w in pool._live.values()} - {
            w.process.pid for w in list(pool._idle.queue)}
        status, _, body = _query(kg_server.url, ASK)
        assert (status, body) == (200, b'{"head":{},"boolean":true}')
        assert thread.is_alive()  # the runaway query is still going meanwhile
        thread.join(60)
        assert slow[0][0] == 503
        assert b"was stopped" in slow[0][2]
        assert len(busy_pids) == 1
        pid = busy_pids.pop()
        assert pid not in {w.process.pid for w in pool._live.values()}
        with pytest.raises(ProcessLookupError):  # the worker is gone: no more computing
            import os

            os.kill(pid, 0)
        assert _query(kg_server.url, ASK)[0] == 200
    finally:
        kg_server.stop()
        kg_store.close()


# --------------------------------------------------------------------------- request bodies

HEAD = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/sparql-query\r\n")


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (HEAD + b"Content-Length: abc\r\n\r\nASK {}", b"400"),
        (HEAD + b"Content-Length: -5\r\n\r\nASK {}", b"400"),
        (HEAD + b"Connection: close\r\n\r\n", b"411"),
        (HEAD + b"Content-Length: 100\r\n\r\nASK {", b"408"),
        (HEAD + b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n", b"200"),
    ],
)
def test_bad_bodies_get_proper_answers(server: KGServer, request_bytes: bytes,
                                       status: bytes) -> None:
    assert _raw(server, request_bytes).split(b" ")[1] == status
    assert _query(server.url, ASK)[0] == 200


# --------------------------------------------------------------------------- browsers


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:80"])
def test_foreign_host_header_refused(server: KGServer, host: str) -> None:
    status, _, _ = _request(server.url + "/sparql?query=ASK%7B%7D", headers={"Host": host})
    assert status == 400


def test_localhost_host_header_accepted(server: KGServer) -> None:
    port = urlsplit(server.url).port
    status, _, _ = _request(server.url + "/sparql?query=ASK%7B%7D",
                            headers={"Host": f"localhost:{port}"})
    assert status == 200


def test_host_name_option_adds_a_name(store: KGStore) -> None:
    kg_server = _start(store, host_names=("kg.lab.example",))
    try:
        url = kg_server.url + "/sparql?query=ASK%7B%7D"
        assert _request(url, headers={"Host": "kg.lab.example:7878"})[0] == 200
        assert _request(url, headers={"Host": "other.lab.example"})[0] == 400
    finally:
        kg_server.stop()


def test_cross_site_form_post_refused(server: KGServer) -> None:
    status, _, body = _query(server.url, ASK, {"Origin": "http://evil.example"})
    assert status == 403
    assert b"cross-site POST from http://evil.example refused" in body
    same = _query(server.url, ASK, {"Origin": server.url})
    assert same[0] == 200


@pytest.mark.parametrize("path", ["/", "/graph", "/sparql?query=ASK%7B%7D", "/sparql",
                                  "/nowhere"])
def test_security_headers_on_every_answer(server: KGServer, path: str) -> None:
    _, headers, _ = _request(server.url + path)
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_cors_simple_request_preflight_and_head(cors_server: KGServer) -> None:
    origin = {"Origin": "http://127.0.0.1:9"}
    _, headers, _ = _request(cors_server.url + "/sparql?query=ASK%7B%7D", headers=origin)
    assert headers["access-control-allow-origin"] == "*"
    status, headers, _ = _request(
        cors_server.url + "/sparql", method="OPTIONS",
        headers={**origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"})
    assert status == 200
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    status, headers, body = _request(cors_server.url + "/sparql?query=ASK%7B%7D",
                                     method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["content-type"] == "application/sparql-results+json"
    status, _, _ = _query(cors_server.url, ASK, origin)
    assert status == 200


def test_no_cors_headers_without_the_option(server: KGServer) -> None:
    _, headers, _ = _request(server.url + "/sparql?query=ASK%7B%7D",
                             headers={"Origin": "http://127.0.0.1:9"})
    assert headers["access-control-allow-origin"] is None


def test_service_description_parses(cors_server: KGServer) -> None:
    status, headers, body = _request(cors_server.url + "/sparql")
    assert status == 200
    assert headers["content-type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=body.decode("utf-8"), format="turtle")
    service = next(graph.subjects(SD.endpoint, None))
    assert graph.value(service, SD.endpoint) == URIRef(cors_server.url + "/sparql")
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) in graph
    formats = {str(o).rsplit("/", 1)[1] for o in graph.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_CSV", "Turtle"} <= formats


# --------------------------------------------------------------------------- Basic auth

INSERT = 'INSERT DATA { GRAPH <https://example.org/b> { <https://example.org/b1> ' \
         '<https://example.org/p> "basic" } }'


def _basic_update(url: str, password: str) -> None:
    client = SPARQLWrapper(url + "/sparql")
    client.setMethod(POST)
    client.setCredentials("anyone", password)
    client.setQuery(INSERT)
    client.query()


def _has_basic_triple(url: str) -> bool:
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery('ASK { <https://example.org/b1> ?p "basic" }')
    client.setReturnFormat(JSON)
    return client.query().convert()["boolean"]


def test_basic_auth_update_with_sparqlwrapper(cors_server: KGServer) -> None:
    with pytest.raises(Unauthorized):
        _basic_update(cors_server.url, "wrong")
    assert _has_basic_triple(cors_server.url) is False
    _basic_update(cors_server.url, TOKEN)
    assert _has_basic_triple(cors_server.url) is True


def test_load_refused_even_with_token(cors_server: KGServer, listener: socket.socket) -> None:
    update = f"LOAD <http://127.0.0.1:{listener.getsockname()[1]}/x.ttl>"
    status, _, body = _request(cors_server.url + "/sparql", update.encode(), {
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert status == 400
    assert body.startswith(b"LOAD refused")
    assert not _connected(listener)


def test_workers_run_under_the_memory_cap(store: KGStore) -> None:
    kg_server = _start(store, workers=2, memory_mb=1536)
    try:
        assert _query(kg_server.url, ASK)[0] == 200
        pids = [w.process.pid for w in kg_server.endpoint.pool._live.values()]
        assert len(pids) == 2
        for pid in pids:
            limits = Path(f"/proc/{pid}/limits").read_text()
            line = next(x for x in limits.splitlines() if x.startswith("Max address space"))
            assert line.split()[3:5] == [str(1536 * 1024 * 1024)] * 2
    finally:
        kg_server.stop()


def test_rdflib_sparqlstore_reads_the_endpoint(server: KGServer, store: KGStore) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(server.url + "/sparql", returnFormat="json"))
    query = ("SELECT DISTINCT ?name WHERE { ?a a <https://w3id.org/kg/ontology#Person> ;"
             " <https://w3id.org/kg/ontology#name> ?name }")
    names = sorted(str(row[0]) for row in remote.query(query))
    assert names == sorted(str(row["name"]) for row in store.query(query))
    assert "Marco Rubio" in names


# --------------------------------------------------------------------------- answer cache

CACHED_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/c> { ?s ?p ?o } }"


def _cached_count(url: str) -> tuple[str, str]:
    status, headers, body = _query(url, CACHED_COUNT,
                                   {"Accept": "application/sparql-results+json"})
    assert status == 200, body
    return headers["X-KG-Cache"], json.loads(body)["results"]["bindings"][0]["n"]["value"]


def test_repeated_query_is_answered_from_cache_until_an_update(cors_server: KGServer) -> None:
    assert _cached_count(cors_server.url) == ("miss", "0")
    assert _cached_count(cors_server.url) == ("hit", "0")
    update = 'INSERT DATA { GRAPH <https://example.org/c> { <urn:c1> <urn:p> "x" } }'
    status, _, body = _request(cors_server.url + "/sparql", update.encode(), {
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert status == 204, body
    assert _cached_count(cors_server.url) == ("miss", "1")  # the update made the answer stale
    assert _cached_count(cors_server.url) == ("hit", "1")


def test_cache_off_computes_every_answer(store: KGStore) -> None:
    server = _start(store, cache_mb=0)
    try:
        for _ in range(2):
            status, headers, _ = _query(server.url, ASK)
            assert status == 200
            assert headers["X-KG-Cache"] is None
    finally:
        server.stop()
