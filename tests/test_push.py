"""``kg push`` into real servers on loopback ports: Oxigraph server (PyPI package ``oxigraph``)
and, when installed, Virtuoso (Debian ``virtuoso-opensource``), which asks for Digest auth."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.error import URLError

import httpx
import pytest
from click.testing import CliRunner
from records import extractions
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.cli import main
from kg.push import ChallengeAuth, PushError, _send, default_graph_store, graph_url, push_store
from kg.rdf import article_graph_iri
from kg.serve import push_command, run_query
from kg.store import KGStore


def _oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(query_url: str, process: subprocess.Popen, limit: float = 20.0) -> None:
    """Wait until the SPARQL endpoint at ``query_url`` answers ``ASK {}``."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(query_url + "?query=ASK%7B%7D", timeout=1).read()
            return
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{process.args[0]} not ready after {limit} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("oxigraph server binary not installed (pip install oxigraph)")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url + "/query", process)
        yield url
    finally:
        _stop(process)


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "kg-store"
    with KGStore.open(path) as store:
        store.add_extractions(extractions())
    return path


def _remote_rows(url: str, query: str) -> list[dict]:
    client = SPARQLWrapper(url + "/query")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.query().convert()["results"]["bindings"]


def _local_rows(path: Path, query: str) -> list[dict]:
    with KGStore.open(path) as store:
        reply = run_query(store.ox, query)
    return json.loads(reply.body)["results"]["bindings"]


GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
QUOTES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?speaker ?quote WHERE {
  GRAPH ?g { ?s kg:quote ?quote ; kg:speaker ?ref }
  GRAPH ?h { ?ref kg:refersTo ?sp . ?sp kg:name ?speaker }
} ORDER BY ?speaker ?quote
"""


def test_push_copies_every_graph_idempotently(oxigraph_server: str, store_dir: Path) -> None:
    runner = CliRunner()
    args = ["--store", str(store_dir), "--endpoint", oxigraph_server + "/query"]
    first = runner.invoke(push_command, args)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("pushed 3 graphs (")
    counts = _remote_rows(oxigraph_server, GRAPH_COUNTS)
    second = runner.invoke(push_command, args)
    assert second.exit_code == 0, second.output
    assert _remote_rows(oxigraph_server, GRAPH_COUNTS) == counts
    assert counts == _local_rows(store_dir, GRAPH_COUNTS)
    assert len(counts) == 3


def test_remote_query_answers_as_local(oxigraph_server: str, store_dir: Path) -> None:
    with KGStore.open(store_dir) as store:
        report = push_store(store.ox, oxigraph_server + "/store", endpoint=oxigraph_server + "/query")
    assert report.mismatched == ()
    remote = _remote_rows(oxigraph_server, QUOTES)
    assert remote == _local_rows(store_dir, QUOTES)
    assert len(remote) >= 3


def test_push_to_closed_port_is_one_clear_line(store_dir: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    result = CliRunner().invoke(push_command, ["--store", str(store_dir), "--endpoint", url])
    assert result.exit_code == 1
    assert "connection refused" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_push_http_error_names_status(oxigraph_server: str, store_dir: Path) -> None:
    with KGStore.open(store_dir) as store, pytest.raises(PushError, match="HTTP 404"):
        push_store(store.ox, oxigraph_server + "/no-such-path")


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("http://localhost:7878/query", "http://localhost:7878/store"),
        ("http://h:3030/ds/sparql", "http://h:3030/ds/sparql"),
        ("http://h/repositories/kg/rdf-graphs/service", "http://h/repositories/kg/rdf-graphs/service"),
    ],
)
def test_default_graph_store(endpoint: str, expected: str) -> None:
    assert default_graph_store(endpoint) == expected


@pytest.mark.parametrize(
    ("store", "graph", "expected"),
    [
        ("http://h/store", "https://w3id.org/kg/id/graph/article/a1",
         "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fkg%2Fid%2Fgraph%2Farticle%2Fa1"),
        ("http://h/store", None, "http://h/store?default"),
        ("http://h/crud?x=1", "urn:g", "http://h/crud?x=1&graph=urn%3Ag"),
    ],
)
def test_graph_url(store: str, graph: str | None, expected: str) -> None:
    assert graph_url(store, graph) == expected


def _remote_graphs(url: str) -> set[str]:
    return {row["g"]["value"] for row in _remote_rows(url, GRAPH_COUNTS)}


OTHER = "https://example.org/not-kg"


@pytest.mark.parametrize(("flags", "kept"), [([], False), (["--no-prune"], True)])
def test_push_mirrors_after_remove(
    oxigraph_server: str, store_dir: Path, flags: list[str], kept: bool
) -> None:
    runner = CliRunner()
    args = ["--store", str(store_dir), "--endpoint", oxigraph_server + "/query"]
    assert runner.invoke(push_command, args).exit_code == 0
    other = urllib.request.Request(
        graph_url(oxigraph_server + "/store", OTHER), method="PUT",
        data=b"<urn:a> <urn:b> <urn:c> .\n", headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(other, timeout=10).read()
    removed = extractions()[0].article.id
    result = runner.invoke(main, ["remove", removed, "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(push_command, args + flags)
    assert result.exit_code == 0, result.output
    graphs = _remote_graphs(oxigraph_server)
    assert (str(article_graph_iri(removed)) in graphs) is kept
    assert str(article_graph_iri(extractions()[1].article.id)) in graphs
    assert OTHER in graphs  # graphs outside kg's namespace are never touched
    assert ("deleted 1 removed graphs" in result.output) is not kept


def _digest_server(request: httpx.Request) -> httpx.Response:
    auth = request.headers.get("authorization", "")
    if auth.startswith("Digest ") and 'username="dba"' in auth and "response=" in auth:
        return httpx.Response(201)
    return httpx.Response(401, headers={"WWW-Authenticate": 'Digest realm="SPARQL",'
                                        ' nonce="abc123", qop="auth", algorithm="MD5"'})


def _basic_server(request: httpx.Request) -> httpx.Response:
    if request.headers.get("authorization") == "Basic ZGJhOnNlY3JldA==":  # dba:secret
        return httpx.Response(204)
    return httpx.Response(401, headers={"WWW-Authenticate": 'Basic realm="store"'})


@pytest.mark.parametrize(("server", "scheme"), [(_digest_server, "Digest"),
                                                (_basic_server, "Basic")])
def test_auth_follows_the_servers_challenge(server, scheme: str) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization", ""))
        return server(request)

    auth = ChallengeAuth("dba", "secret")
    with httpx.Client(transport=httpx.MockTransport(handler), auth=auth) as client:
        for _ in range(2):
            response = _send(client, "PUT", "http://store.test/crud?graph=urn%3Ag",
                             content=b"<urn:a> <urn:b> <urn:c> .")
            assert response.status_code < 300
    assert seen[0] == ""  # no credentials before the server asks
    assert [x.split(" ")[0] for x in seen if x] == [scheme, scheme]  # then the asked scheme
    assert seen[-1].startswith(scheme + " ")  # kept for the next request


def test_html_error_page_is_one_line() -> None:
    page = ("<!DOCTYPE html><html><head><title>Error 500 Internal Server Error</title></head>"
            "<body><h1>Oops</h1>\n<p>stack trace\nline 2</p></body></html>")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, text=page, headers={"Content-Type": "text/html"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client, \
            pytest.raises(PushError) as info:
        _send(client, "PUT", "http://store.test/data?graph=x", content=b"")
    assert str(info.value) == ("PUT http://store.test/data failed: HTTP 500 Internal Server"
                               " Error: Error 500 Internal Server Error")


def test_example_queries_answer_the_same_remotely(oxigraph_server: str, store_dir: Path) -> None:
    from kg.ontology_files import example_queries

    with KGStore.open(store_dir) as store:
        push_store(store.ox, oxigraph_server + "/store", endpoint=oxigraph_server + "/query")
    queries = example_queries()
    assert len(queries) == 12
    for query in queries:
        # Oxigraph server's default graph is its own; kg's is the union of all graphs
        remote = SPARQLWrapper(oxigraph_server + "/query")
        remote.setQuery(query["sparql"])
        remote.setReturnFormat(JSON)
        remote.addParameter("union-default-graph", "")
        rows = remote.query().convert()["results"]["bindings"]
        assert rows == _local_rows(store_dir, query["sparql"]), query["name"]


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/kg.db
ErrorLogFile = {db}/kg.log
LockFile = {db}/kg.lck
TransactionFile = {db}/kg.trx
xa_persistent_file = {db}/kg.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/kg-temp.db
TransactionFile = {db}/kg-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {vad}
VADInstallDir = {vad}/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {vsp}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""
VIRTUOSO_SHARE = Path("/usr/share/virtuoso-opensource-7")
VIRTUOSO_USER = ("dba", "dba")  # the account a fresh Virtuoso database is created with


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh Virtuoso (open source, as Debian packages it) on loopback ports."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso not installed (apt-get install virtuoso-opensource)")
    db = tmp_path_factory.mktemp("virtuoso")
    http_port = _free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(
        db=db, sql_port=_free_port(), http_port=http_port, vad=VIRTUOSO_SHARE / "vad",
        vsp=Path("/var/lib/virtuoso-opensource-7/vsp")))
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=db,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    try:
        _wait_ready(url + "/sparql", process, limit=120.0)
        yield url
    finally:
        _stop(process)


def _virtuoso_push(url: str, store: Path, *flags: str) -> str:
    args = ["--store", str(store), "--endpoint", url + "/sparql",
            "--graph-store", url + "/sparql-graph-crud-auth",
            "--user", VIRTUOSO_USER[0], "--password", VIRTUOSO_USER[1], *flags]
    result = CliRunner().invoke(push_command, args)
    assert result.exit_code == 0, result.output
    return result.output


def _virtuoso_rows(url: str, query: str) -> list[str]:
    """Rows as comparable strings: value and datatype of each binding, sorted (Virtuoso's
    default graph is the union of all graphs, as kg's is)."""
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return _comparable(client.query().convert()["results"]["bindings"])


def _comparable(rows: list[dict]) -> list[str]:
    return sorted(json.dumps({k: (v["value"], v.get("datatype")) for k, v in row.items()},
                             sort_keys=True) for row in rows)


def test_virtuoso_answers_every_example_query_as_local(virtuoso_server: str,
                                                      store_dir: Path) -> None:
    from kg.ontology_files import example_queries

    output = _virtuoso_push(virtuoso_server, store_dir)
    assert output.startswith("pushed ")  # Digest auth answered, counts verified
    for query in example_queries():
        local = _comparable(_local_rows(store_dir, query["sparql"]))
        assert _virtuoso_rows(virtuoso_server, query["sparql"]) == local, query["name"]


def test_virtuoso_mirror_deletes_removed_article(virtuoso_server: str, store_dir: Path) -> None:
    _virtuoso_push(virtuoso_server, store_dir)
    removed = extractions()[0].article.id
    result = CliRunner().invoke(main, ["remove", removed, "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    output = _virtuoso_push(virtuoso_server, store_dir)
    assert "deleted 1 removed graphs" in output
    graphs = set(_virtuoso_rows(virtuoso_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert not any(str(article_graph_iri(removed)) in row for row in graphs)
    assert any(str(article_graph_iri(extractions()[1].article.id)) in row for row in graphs)


def test_virtuoso_wrong_password_is_one_line(virtuoso_server: str, store_dir: Path) -> None:
    args = ["--store", str(store_dir), "--endpoint", virtuoso_server + "/sparql",
            "--graph-store", virtuoso_server + "/sparql-graph-crud-auth",
            "--user", "dba", "--password", "not-the-password"]
    result = CliRunner().invoke(push_command, args)
    assert result.exit_code != 0
    assert "401" in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
