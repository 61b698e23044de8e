"""Checks before parsing (remote access, nesting, length) and readable syntax errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.sparql_guard import (
    MAX_DEPTH,
    QueryRefused,
    check_query,
    check_update,
    describe_syntax_error,
)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:18999/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://10.0.0.1/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?a ?b ?c . { SERVICE <http://h/> { ?s ?p ?o } } }",
        "select * where { service <http://h/> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://h/> { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES ?u { <http://h/> } SERVICE ?u { ?s ?p ?o } }",
        "SELECT * WHERE { ?a ?b ?c .SERVICE <http://h/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?a ?b 1.SERVICE <http://h/> { ?s ?p ?o } }",
        "SELECT * WHERE { {?a ?b ?c}SERVICE<http://h/>{ ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE # a comment\n <http://h/> { ?s ?p ?o } }",
    ],
)
def test_service_refused(query: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "a SERVICE <http://h/> b" }',
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } # SERVICE <http://h/>",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
        "SELECT ?service ?load WHERE { ?service ?p ?load . _:load ?p $service }",
    ],
)
def test_words_in_strings_iris_and_names_pass(query: str) -> None:
    check_query(query)


def test_allowed_service_host_passes_and_others_do_not() -> None:
    query = "SELECT * WHERE { SERVICE <https://query.example.org/sparql> { ?s ?p ?o } }"
    check_query(query, ["query.example.org"])
    check_query(query.replace("SERVICE", "SERVICE SILENT"), ["query.example.org"])
    with pytest.raises(QueryRefused):
        check_query(query, ["other.example.org"])


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://127.0.0.1:18999/data.ttl>",
        "LOAD SILENT <http://h/x> INTO GRAPH <urn:g>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://h/> { ?s ?p ?o } }",
    ],
)
def test_update_remote_access_refused(update: str) -> None:
    with pytest.raises(QueryRefused, match="refused"):
        check_update(update)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
        "SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }",
        "ASK " + "[" * 500,
    ],
)
def test_deep_nesting_refused_before_parsing(query: str) -> None:
    with pytest.raises(QueryRefused, match=f"more than {MAX_DEPTH} levels"):
        check_query(query)


def test_too_long_refused() -> None:
    with pytest.raises(QueryRefused, match="too long"):
        check_query("ASK {}" + " " * 1_000_001)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELEC ?x", "it must start with SELECT, CONSTRUCT, ASK, DESCRIBE (or PREFIX/BASE),"
                     " not 'SELEC'"),
        ("SELECT ?x WHERE { ?x <http://p> }", "at line 1, column 33, near '}'"),
        ("SELECT ?x WHERE {\n  ?x ?p ?o .\n  ?x <http://p> }",
         "at line 3, column 17, near '}'"),
        ('SELECT ?x WHERE { ?x ?p "open }', 'a string opened with " is never closed'),
        ("SELECT ?x WHERE { ?x ?p ?o ", "unbalanced brackets: 1 '{' never closed"),
        ("SELECT ?x WHERE { ?x ?p ?o FILTER(?o = 1 }", "')' was expected"),
        ("SELECT * WHERE { ?s ?p ?o } ORDER BY", "at line 1, column 29, near 'ORDER BY'"),
        # Oxigraph stops at the end of an unfinished triple; the message points at its start
        ("SELECT ?x WHERE { ?x ?y }", "at line 1, column 19, near '?x ?y }': this part is"
                                      " incomplete or not valid SPARQL"),
        ("SELECT ?x WHERE {\n ?x ?y ?z .\n ?s ?p\n}", "at line 3, column 2, near '?s ?p }'"),
        ("SELECT ?x WHERE { ?x ?y ?z } ORDER ?x", "near 'ORDER ?x'"),
    ],
)
def test_syntax_errors_read_as_one_line(query: str, message: str) -> None:
    with pytest.raises(SyntaxError) as info:
        ox.Store().query(query)
    text = describe_syntax_error(query, info.value)
    assert message in text
    assert "\n" not in text
    assert "u{" not in text and "[_]" not in text
