"""Tests for kg.validate: the test store conforms to the SHACL shapes; broken graphs do not."""

from __future__ import annotations

import pytest
from rdflib import RDF, XSD, Graph, Literal
from records import GENEVA, sample_store

from kg.rdf import KG, article_iri, event_iri, statement_iri
from kg.store import KGStore
from kg.validate import ValidationReport, union_graph, validate_graph, validate_store


@pytest.fixture(scope="module")
def store() -> KGStore:
    return sample_store()


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_store_conforms(store: KGStore, inference: str) -> None:
    report = validate_store(store, inference=inference)
    assert report == ValidationReport(conforms=True, violations=[])
    assert report.summary() == "conforms"


def _drop_quote(g: Graph) -> str:
    node = statement_iri(GENEVA.statements[0].id)
    g.remove((node, KG.quote, None))
    return str(KG.quote)


def _bad_kind(g: Graph) -> str:
    node = statement_iri(GENEVA.statements[0].id)
    g.set((node, KG.statementKind, Literal("shouted")))
    return str(KG.statementKind)


def _bad_date(g: Graph) -> str:
    node = event_iri(GENEVA.events[0].id)
    g.set((node, KG.date, Literal("19 November", datatype=XSD.string)))
    return str(KG.date)


def _no_article(g: Graph) -> str:
    g.remove((article_iri(GENEVA.article.id), RDF.type, KG.Article))
    return str(KG.mentionedIn)


@pytest.mark.parametrize("breaker", [_drop_quote, _bad_kind, _bad_date, _no_article])
def test_broken_graph_reports_violation(store: KGStore, breaker) -> None:
    g = union_graph(store)
    path = breaker(g)
    report = validate_graph(g)
    assert report.conforms is False
    assert path in {p for _, p, _ in report.violations}
    assert report.summary().endswith(("violation", "violations"))
