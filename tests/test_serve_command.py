"""The ``kg serve`` command beside the other commands on the same store, and ``kg query``'s
output and refusals (no spaCy: the store is written from test extractions)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.error import URLError

import pytest
from click.testing import CliRunner
from records import extractions

from kg.cli import main
from kg.store import SERVE_MARKER, KGStore

NAMES = "SELECT DISTINCT ?name WHERE { ?a a kg:Actor ; kg:name ?name } ORDER BY ?name"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "kg-store"
    with KGStore.open(path) as store:
        store.add_extractions(extractions())
    return path


@pytest.fixture()
def served(store_dir: Path) -> Iterator[str]:
    """``kg serve`` running as its own process on the store; yields its URL."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port",
         str(port), "--workers", "1", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "kg serve did not start"
            try:
                urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=5).read()
                break
            except (URLError, ConnectionError, TimeoutError):  # a slow start times out
                time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_read_commands_work_while_serving(served: str, store_dir: Path,
                                          tmp_path: Path) -> None:
    result = _run("query", NAMES, "--store", str(store_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    names = [row["name"]["value"] for row in json.loads(result.output)["results"]["bindings"]]
    assert "Marco Rubio" in names and len(names) == 10
    out = tmp_path / "export.nq"
    result = _run("export", "--store", str(store_dir), "--format", "nq", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("\n") > 100
    result = _run("stats", "--store", str(store_dir), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"] == 2
    page = tmp_path / "graph.html"
    result = _run("viz", "--store", str(store_dir), "-o", str(page))
    assert result.exit_code == 0, result.output
    assert "Marco Rubio" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["remove", "some-article"], ["import", "x.nq"],
                                     ["build", "x.nq"]])
def test_writing_commands_name_the_server(served: str, store_dir: Path, tmp_path: Path,
                                          command: list[str]) -> None:
    if command[1] == "x.nq":
        (tmp_path / "x.nq").write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n")
        command = [command[0], str(tmp_path / "x.nq")]
    result = _run(*command, "--store", str(store_dir))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "store is served by kg serve (pid" in lines[0] and served in lines[0]


def test_marker_lives_as_long_as_the_server(store_dir: Path) -> None:
    server = served.__wrapped__(store_dir)
    url = next(server)
    assert json.loads((store_dir / SERVE_MARKER).read_text())["url"] == url
    next(server, None)
    assert not (store_dir / SERVE_MARKER).exists()
    assert _run("remove", "nothing-here", "--store", str(store_dir)).output.startswith(
        "Error: nothing-here: no such article")


# --------------------------------------------------------------------------- kg query output


@pytest.fixture()
def formula_store(tmp_path: Path) -> Path:
    """A store whose quotes start like spreadsheet formulas."""
    base = extractions()[0]
    quotes = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3 cmd", "@SUM(A1)"]
    first = base.statements[0]
    statements = tuple(replace(first, id=f"{first.id}-{i}", quote=quote)
                       for i, quote in enumerate(quotes))
    path = tmp_path / "formula-store"
    with KGStore.open(path) as store:
        store.add_extraction(replace(base, statements=statements))
    return path


QUOTES = "SELECT ?q WHERE { ?s kg:quote ?q } ORDER BY ?q"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_cells_are_spreadsheet_safe_by_default(formula_store: Path, fmt: str) -> None:
    result = _run("query", QUOTES, "--store", str(formula_store), "--format", fmt)
    assert result.exit_code == 0, result.output
    delimiter = "," if fmt == "csv" else "\t"
    cells = [row[0] for row in csv.reader(io.StringIO(result.output), delimiter=delimiter)]
    # TSV cells are N-Triples terms: quotes inside a literal stay escaped (\")
    hyperlink = ("'=HYPERLINK(\"http://evil.example\",\"x\")" if fmt == "csv"
                 else "'=HYPERLINK(\\http://evil.example\\\",\\\"x\\\")\"")
    assert cells[1:] == ["'+1+2", "'-3 cmd", hyperlink, "'@SUM(A1)"]
    raw = _run("query", QUOTES, "--store", str(formula_store), "--format", fmt,
               "--raw-cells")
    cells = [row[0] for row in csv.reader(io.StringIO(raw.output), delimiter=delimiter)]
    assert cells[1] == "+1+2"


def test_numbers_keep_their_sign(store_dir: Path) -> None:
    result = _run("query", "SELECT (-5 AS ?n) WHERE {}", "--store", str(store_dir),
                  "--format", "csv")
    assert result.output.splitlines() == ["n", "-5"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
         "SERVICE (federated query) refused"),
        ("SELECT * WHERE " + "{" * 5000 + "}" * 5000, "nested too deeply"),
        ("SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }",
         "nested too deeply"),
        ("SELEC ?x", "must start with SELECT"),
    ],
)
def test_query_refusals_are_one_line(store_dir: Path, query: str, message: str) -> None:
    result = _run("query", query, "--store", str(store_dir))
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_error_while_results_stream_is_one_line(store_dir: Path) -> None:
    port = _free_port()  # nothing listens: the federated call fails mid-evaluation
    result = _run("query", f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p"
                  " ?o } }", "--store", str(store_dir), "--allow-service", "127.0.0.1")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("Error: ")
