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


# --------------------------------------------------------------------------- generated corpus

_PEOPLE = [("Foreign Minister", "Anna Kowalski", "Poland"), ("President", "Pedro Alves", "Brazil"),
           ("Prime Minister", "Lena Berg", "Sweden"), ("Defence Minister", "Omar Haddad", "Jordan"),
           ("foreign minister", "Kenji Mori", "Japan")]
_VERBS = ["met", "criticized", "praised", "called"]
_PLACES = ["Geneva", "Nairobi", "Lisbon", "Hanoi"]


def _generated_article(n: int) -> str:
    """Return small article ``n``: two titled people, a meeting, a quote; roles recur across
    articles (and twice in some), titles vary in case; a line of numbers of its own."""
    (t1, p1, c1), (t2, p2, c2) = _PEOPLE[n % 5], _PEOPLE[(n + 1 + n // 5) % 5]
    if p1 == p2:
        (t2, p2, c2) = _PEOPLE[(n + 2) % 5]
    place, day = _PLACES[n % 4], 1 + n % 27
    second = f" {c1}'s {t1} {p1} repeated the point later." if n % 3 == 0 else ""
    return (f"{p1.split()[-1]} and {p2.split()[-1]} talk in {place}\n"
            f"Published: 2025-03-{day + 1:02d}\n\n"
            f"{c1}'s {t1} {p1} {_VERBS[n % 4]} {c2}'s {t2} {p2} in {place} on March {day}, 2025.\n"
            f'"We will keep working together on trade number {n}," {p1.split()[-1]} said.'
            f"{second}\n"
            # numbers every few words: no two articles are near-identical copies (read once)
            f"Round {n} had {n + 3} delegates, {n + 5} aides, {n + 7} guards and {n + 9} drivers"
            f" over {n % 9 + 2} days.\n")


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory) -> KGStore:
    from kg.build import build_store

    folder = tmp_path_factory.mktemp("generated")
    for n in range(200):
        (folder / f"article-{n:03d}.txt").write_text(_generated_article(n), encoding="utf-8")
    store = KGStore.open(None)
    build_store([str(folder)], store, batch_size=64)
    return store


def test_generated_corpus_exercises_shared_roles(generated_store: KGStore) -> None:
    rows = generated_store.query(
        "SELECT ?p ?t (COUNT(DISTINCT ?a) AS ?n) WHERE { ?p ^kg:refersTo/org:holds ?r ."
        " ?r kg:roleTitle ?t ."
        " GRAPH ?g { ?r kg:mentionedIn ?a } } GROUP BY ?p ?t ORDER BY DESC(?n)")
    assert len(generated_store.article_ids()) == 200
    assert int(rows[0]["n"]) >= 40  # one person's title stated in many articles


def test_generated_corpus_conforms(generated_store: KGStore) -> None:
    report = validate_store(generated_store)
    assert report.violations == []
    assert report.conforms


def test_a_product_actor_conforms() -> None:
    from dataclasses import replace

    from records import extractions

    from kg.model import Entity, entity_id

    product = Entity(id=entity_id("Product", "Skylark 9"), name="Skylark 9", type="Product")
    store = KGStore.open(None)
    store.add_extractions([replace(GENEVA, entities=(*GENEVA.entities, product)),
                           extractions()[1]])
    assert validate_store(store).conforms
    rows = store.query("SELECT ?n WHERE { ?a a kg:Product ; kg:name ?n }")
    assert [str(r["n"]) for r in rows] == ["Skylark 9"]
