"""Tests for kg.store: persistence, replacement, removal, export/import, queries, crash safety."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Graph, URIRef
from records import BRUSSELS, GENEVA, RUBIO_ID, RUSSIA_ID, extractions, sample_store

from kg.rdf import ACTORS_GRAPH, actor_iri, article_graph_iri, content_hash, extraction_triples
from kg.store import KGStore, QueryError, StoreError

STAMP = "2025-11-25T08:00:00+00:00"


def _filled(path: Path | None = None) -> KGStore:
    store = KGStore.open(path)
    for ex in extractions():
        store.add_extraction(ex, ingested_at=STAMP)
    return store


def _actor(store: KGStore, entity_id: str) -> dict | None:
    return next((a for a in store.known_actors() if a["id"] == entity_id), None)


@pytest.fixture()
def store() -> KGStore:
    s = _filled()
    yield s
    s.close()


def test_add_returns_graph_size_and_counts_all_graphs(store: KGStore) -> None:
    empty = KGStore.open(None)
    n = empty.add_extraction(GENEVA, ingested_at=STAMP)
    assert n == len(extraction_triples(GENEVA, STAMP))
    assert empty.triple_count() > n  # the actors graph comes on top


def test_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "kg-store"
    with _filled(path) as s:
        count = s.triple_count()
    with KGStore.open(path) as reopened:
        assert reopened.triple_count() == count
        assert reopened.has_article(GENEVA.article.id)
        assert reopened.article_ids() == sorted(ex.article.id for ex in extractions())


def test_adding_twice_keeps_triple_count(store: KGStore) -> None:
    before = store.triple_count()
    for ex in extractions():
        store.add_extraction(ex)
    assert store.triple_count() == before
    assert _actor(store, RUBIO_ID)["mentions"] == 4


def test_changed_article_replaces_its_graph(store: KGStore) -> None:
    before = store.triple_count()
    attack, meeting = GENEVA.events
    smaller = dataclasses.replace(GENEVA, events=(meeting,))
    store.add_extraction(smaller, ingested_at=STAMP)
    assert store.triple_count() < before
    assert not store.query("ASK { ?e kg:trigger ?t FILTER(?t = 'attack') }")
    assert store.query("ASK { ?e kg:label 'Ukraine and United States delegations met' }")
    store.add_extraction(GENEVA, ingested_at=STAMP)
    assert store.triple_count() == before


def test_remove_article_drops_graph_and_orphan_actors(store: KGStore) -> None:
    assert store.remove_article(BRUSSELS.article.id) is True
    assert not store.has_article(BRUSSELS.article.id)
    assert _actor(store, "organization/european-union") is None
    assert _actor(store, RUSSIA_ID)["mentions"] == 2
    assert store.remove_article(BRUSSELS.article.id) is False
    geneva_only = KGStore.open(None)
    geneva_only.add_extraction(GENEVA, ingested_at=STAMP)
    # the actors' facts follow the references left: as if the removed article never came
    assert _without_times(store) == _without_times(geneva_only)


def _without_times(store: KGStore) -> set:
    return {q for q in store.ox if "generatedAtTime" not in q.predicate.value}


def _with_russia_spelled(extraction, spelling: str, alias: str | None = None):
    """Return ``extraction`` whose Russia mentions read ``spelling`` and give ``alias``."""
    entities = tuple(
        dataclasses.replace(e, aliases=(alias or spelling,), mentions=tuple(
            dataclasses.replace(m, text=spelling) for m in e.mentions))
        if e.id == RUSSIA_ID else e for e in extraction.entities)
    return dataclasses.replace(extraction, entities=entities)


def _aliases(store: KGStore, actor_id: str) -> set[str]:
    return set(_actor(store, actor_id)["aliases"])


def test_remove_article_drops_the_aliases_only_it_gave() -> None:
    store = KGStore.open(None)
    geneva = _with_russia_spelled(GENEVA, "Russian Federation's", "Russian Federation")
    store.add_extraction(geneva, ingested_at=STAMP)
    store.add_extraction(_with_russia_spelled(BRUSSELS, "RF"), ingested_at=STAMP)
    assert _aliases(store, RUSSIA_ID) == {"Russian Federation", "RF"}
    store.remove_article(BRUSSELS.article.id)
    assert _aliases(store, RUSSIA_ID) == {"Russian Federation"}
    store.add_extraction(_with_russia_spelled(BRUSSELS, "Russian  Federation"), ingested_at=STAMP)
    store.remove_article(GENEVA.article.id)
    # the aliases are those the stored articles' keys give, as the articles write them
    assert _aliases(store, RUSSIA_ID) == {"Russian  Federation"}
    store.remove_article(BRUSSELS.article.id)
    assert _actor(store, RUSSIA_ID) is None


def test_changed_article_drops_the_aliases_its_old_text_gave() -> None:
    store = KGStore.open(None)
    store.add_extraction(GENEVA, ingested_at=STAMP)
    store.add_extraction(_with_russia_spelled(BRUSSELS, "RF"), ingested_at=STAMP)
    store.add_extraction(_with_russia_spelled(BRUSSELS, "Rossiya"), ingested_at=STAMP)
    assert _aliases(store, RUSSIA_ID) == {"Rossiya"}


def test_article_checksum(store: KGStore) -> None:
    assert store.article_checksum(GENEVA.article.id) == content_hash(GENEVA.article)
    assert store.article_checksum("missing") is None
    assert store.article_triple_count(GENEVA.article.id) == len(extraction_triples(GENEVA, STAMP))
    assert store.article_triple_count("missing") == 0
    assert store.has_article("missing") is False


def test_known_actors_merge_across_articles(store: KGStore) -> None:
    russia = _actor(store, RUSSIA_ID)
    assert russia == {
        "id": RUSSIA_ID,
        "iri": str(actor_iri(RUSSIA_ID)),
        "name": "Russia",
        "type": "Country",
        "aliases": ["Russian Federation"],
        "mentions": 3,
        "country_code": "RU",
    }


def test_stats(store: KGStore) -> None:
    stats = store.stats()
    assert stats["articles"] == 2
    assert stats["events"] == 3
    assert stats["statements"] == 4
    assert stats["roles"] == 1
    assert stats["actors_by_type"] == {
        "Country": 3, "Group": 1, "Organization": 1, "Person": 1, "Place": 3, "Plan": 1,
    }
    assert stats["top_actors"][0] == {
        "id": RUBIO_ID, "name": "Marco Rubio", "type": "Person", "mentions": 4,
    }


def test_articles_listing(store: KGStore) -> None:
    rows = {a["id"]: a for a in store.articles()}
    geneva = rows[GENEVA.article.id]
    assert geneva["title"] == "Talks in Geneva"
    assert geneva["published"] == "2025-11-24"
    assert geneva["url"] == "https://news.example.org/geneva-talks"
    assert geneva["ingested_at"] == "2025-11-25T08:00:00+00:00"
    assert geneva["model"] == GENEVA.model
    assert geneva["graph"] == str(article_graph_iri(GENEVA.article.id))
    assert rows[BRUSSELS.article.id]["url"] is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Marco Rubio", 3),
        ("Nobody", 0),
        ('x" } ; DROP ALL ; SELECT * { "', 0),
    ],
)
def test_query_with_bindings(store: KGStore, name: str, expected: int) -> None:
    rows = store.query(
        "SELECT ?name ?q WHERE { ?s kg:speaker/kg:refersTo/kg:name ?name ; kg:quote ?q }",
        {"name": name},
    )
    assert len({r["q"] for r in rows}) == expected
    assert store.triple_count() > 0


def test_query_result_kinds(store: KGStore) -> None:
    assert store.query("ASK { ?s a kg:Statement }") is True
    assert store.query("ASK { ?s a kg:Nothing }") is False
    graph = store.query("CONSTRUCT { ?s kg:quote ?q } WHERE { ?s kg:quote ?q }")
    assert isinstance(graph, Graph) and len(graph) == 4
    rows = store.query(
        "SELECT ?d WHERE { ?e kg:eventType kget:attack ; kg:date ?d }"
    )
    assert [str(r["d"]) for r in rows] == ["2025-11-19"]


def test_query_dataframe(store: KGStore) -> None:
    df = store.query_dataframe(
        "SELECT DISTINCT ?name ?code WHERE {"
        " ?c a kg:Country ; kg:name ?name ; kg:countryCode ?code } ORDER BY ?name"
    )
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["name", "code"]
    assert df["code"].tolist() == ["RU", "UA", "US"]


def test_malformed_query_raises_query_error(store: KGStore) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.query("SELEKT ?x WHERE { ?x ?y }")


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_export_import_round_trip_keeps_named_graphs(
    store: KGStore, tmp_path: Path, fmt: str
) -> None:
    dest = tmp_path / f"dump.{fmt}"
    store.export(dest, fmt)
    copy = KGStore.open(tmp_path / "copy")
    assert copy.import_file(dest) == store.triple_count()
    assert copy.triple_count() == store.triple_count()
    assert copy.article_ids() == store.article_ids()
    assert copy.ox.contains_named_graph(
        __import__("pyoxigraph").NamedNode(str(ACTORS_GRAPH))
    )
    assert copy.stats() == store.stats()
    copy.close()


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("ttl", "turtle"), ("nt", "nt"),
                                                   ("jsonld", "json-ld")])
def test_export_union_formats_parse(store: KGStore, tmp_path: Path, fmt: str,
                                    rdflib_format: str) -> None:
    dest = tmp_path / f"dump.{fmt}"
    store.export(dest, fmt)
    graph = Graph().parse(dest, format=rdflib_format)
    distinct = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                           "WHERE { ?s ?p ?o } }")[0]["n"]
    assert len(graph) == distinct
    assert (URIRef(actor_iri(RUBIO_ID)), None, None) in graph


def test_jsonld_export_is_compact_with_a_context(store: KGStore, tmp_path: Path) -> None:
    import json

    dest = tmp_path / "dump.jsonld"
    store.export(dest, "jsonld")
    doc = json.loads(dest.read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == "https://w3id.org/kg/ontology#"
    rubio = next(n for n in doc["@graph"] if n["@id"] == str(actor_iri(RUBIO_ID)))
    assert rubio["kg:name"] == "Marco Rubio"
    assert "kg:Person" in rubio["@type"]


def test_unknown_formats_raise(store: KGStore, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        store.export(tmp_path / "x.xml", "xml")
    (tmp_path / "x.ttl").write_text("<a:b> <a:c> <a:d> .\n")
    with pytest.raises(StoreError, match="TriG"):
        store.import_file(tmp_path / "x.ttl")


def _not_a_store(tmp_path: Path) -> Path:
    d = tmp_path / "notes"
    d.mkdir()
    (d / "readme.txt").write_text("hello")
    return d


def _a_file(tmp_path: Path) -> Path:
    f = tmp_path / "file.txt"
    f.write_text("hello")
    return f


def _corrupt(tmp_path: Path) -> Path:
    d = tmp_path / "corrupt"
    KGStore.open(d).close()
    (d / "CURRENT").write_text("garbage\n")
    for manifest in d.glob("MANIFEST-*"):
        manifest.write_bytes(b"\x00garbage")
    return d


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_not_a_store, "not a kg store"),
        (_a_file, "not a kg store"),
        (_corrupt, "cannot open store"),
    ],
)
def test_bad_store_directory_gives_store_error(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(StoreError, match=message) as info:
        KGStore.open(make(tmp_path))
    assert "\n" not in str(info.value)


def test_store_in_use_gives_store_error(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "s"):
        with pytest.raises(StoreError, match="in use"):
            KGStore.open(tmp_path / "s")


def test_closed_store_raises(tmp_path: Path) -> None:
    s = KGStore.open(tmp_path / "s")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.triple_count()


def test_rdflib_dataset_view(store: KGStore) -> None:
    graphs = {str(g.identifier) for g in store.dataset.graphs()}
    assert str(ACTORS_GRAPH) in graphs
    assert str(article_graph_iri(GENEVA.article.id)) in graphs


_WRITER = textwrap.dedent(
    """
    import dataclasses, sys
    sys.path.insert(0, sys.argv[2])
    from records import GENEVA
    from kg.store import KGStore
    store = KGStore.open(sys.argv[1])
    i = 0
    while True:
        article = dataclasses.replace(GENEVA.article, id=f"k{i:05d}")
        store.add_extraction(dataclasses.replace(GENEVA, article=article),
                             ingested_at="2025-11-25T08:00:00+00:00")
        print(i, flush=True)
        i += 1
    """
)


def test_kill_9_leaves_only_whole_articles(tmp_path: Path) -> None:
    path = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), str(Path(__file__).parent)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(5):
            assert proc.stdout.readline(), "writer died before adding articles"
        time.sleep(0.02)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with KGStore.open(path) as store:
        ids = store.article_ids()
        assert len(ids) >= 5
        for aid in ids:
            ex = dataclasses.replace(GENEVA, article=dataclasses.replace(GENEVA.article, id=aid))
            expected = len(extraction_triples(ex, "2025-11-25T08:00:00+00:00"))
            assert store.article_triple_count(aid) == expected, aid
        # the shared actors graph agrees with the article graphs
        assert _actor(store, RUBIO_ID)["mentions"] == 3 * len(ids)
        assert all(not str(g).endswith("/actors") or g == ACTORS_GRAPH
                   for g in (r["g"] for r in store.query("SELECT DISTINCT ?g { GRAPH ?g {} }")))


def test_add_batch_equals_one_by_one(tmp_path):
    one_by_one = KGStore.open(tmp_path / "a")
    for extraction in extractions():
        one_by_one.add_extraction(extraction, ingested_at="2025-11-26T00:00:00+00:00")
    batched = KGStore.open(tmp_path / "b")
    batched.add_batch(list(extractions()), ingested_at="2025-11-26T00:00:00+00:00")
    assert set(one_by_one.ox) == set(batched.ox)
    assert batched.add_batch([]) == 0


@pytest.mark.parametrize(("on_disk", "trims"), [(True, 1), (False, 0)])
def test_add_batch_on_disk_hands_free_heap_back(tmp_path, monkeypatch, on_disk, trims):
    calls = []
    monkeypatch.setattr("kg.store.release_free_heap", lambda: calls.append(1) or True)
    store = KGStore.open(tmp_path / "s" if on_disk else None)
    store.add_batch(list(extractions()), ingested_at=STAMP)
    assert len(calls) == trims
    assert store.has_article(GENEVA.article.id)
    store.close()


@pytest.mark.parametrize(("trim", "released"), [(lambda pad: 1, True), (None, False)])
def test_release_free_heap_says_whether_the_c_library_can(monkeypatch, trim, released):
    import kg.store

    calls = []
    trimmer = None if trim is None else (lambda pad: calls.append(pad) or trim(pad))
    monkeypatch.setattr(kg.store, "_malloc_trim", lambda: trimmer)
    assert kg.store.release_free_heap() is released
    assert calls == ([0] if released else [])


def test_query_binds_a_variable_outside_the_projection():
    store = sample_store()
    tricky = 'Marco Rubio" } . ?x ?y ?z . { "'
    sparql = ("SELECT ?q WHERE { ?s kg:speaker/kg:refersTo ?p ; kg:quote ?q ."
              " ?p kg:name ?n }")
    rows = store.query(sparql, {"n": "Marco Rubio"})
    assert rows and all(isinstance(r["q"], str) for r in rows)
    assert store.query(sparql, {"n": tricky}) == []


def test_open_creates_missing_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "out" / "nested" / "kg-store"
    with KGStore.open(path) as store:
        store.add_extraction(GENEVA, ingested_at=STAMP)
    with KGStore.open(path) as store:
        assert store.has_article(GENEVA.article.id)


# ---------------------------------------------------------------- each fact stored once

PERSONS = "SELECT ?n WHERE { ?a a kg:Person ; kg:name ?n }"


def _rows(store: KGStore, sparql: str) -> list[tuple]:
    return sorted(tuple(map(str, r.values())) for r in store.query(sparql))


def test_union_query_gives_one_row_per_actor(store: KGStore) -> None:
    assert _rows(store, PERSONS) == [("Marco Rubio",)]  # named by both articles
    types = _rows(store, f"SELECT ?t WHERE {{ <{actor_iri(RUSSIA_ID)}> a ?t }}")
    assert types == [("https://w3id.org/kg/ontology#Actor",),
                     ("https://w3id.org/kg/ontology#Country",)]
    roles = _rows(store, "SELECT ?r ?t WHERE { ?r a kg:Role ; kg:roleTitle ?t }")
    assert len(roles) == len({r.id for x in extractions() for r in x.roles})


def test_each_article_graph_says_which_actors_it_mentions(store: KGStore) -> None:
    rows = store.query("SELECT ?g WHERE { GRAPH ?g { ?art schema:mentions ?r }"
                       " ?r kg:refersTo ?a }", {"a": actor_iri(RUBIO_ID)})
    assert sorted(str(r["g"]) for r in rows) == sorted(
        str(article_graph_iri(x.article.id)) for x in extractions())


def test_removing_an_article_keeps_one_name_and_type_for_shared_actors() -> None:
    store = sample_store()
    store.remove_article(BRUSSELS.article.id)
    assert _rows(store, PERSONS) == [("Marco Rubio",)]
    assert len(_rows(store, f"SELECT ?t WHERE {{ <{actor_iri(RUBIO_ID)}> a ?t }}")) == 2
    store.remove_article(GENEVA.article.id)
    assert store.query("SELECT * WHERE { ?s ?p ?o }") == []


def test_rebuilding_is_idempotent() -> None:
    store = sample_store()
    before = set(store.ox)
    store.add_extractions(extractions())
    after = {q for q in store.ox if "generatedAtTime" not in q.predicate.value}
    assert after == {q for q in before if "generatedAtTime" not in q.predicate.value}


def _old_layout(store: KGStore) -> None:
    """Rewrite ``store`` the way kg stored it before: actor types repeated in each article
    graph, roles as kg:Role with kg:holdsRole / kg:roleHolder / kg:roleOf in article graphs,
    event class and type in every article graph reporting the event."""
    store.ox.update(
        "INSERT { GRAPH ?g { ?a a ?c } } WHERE { GRAPH ?g { ?art schema:mentions ?a } GRAPH"
        " kgid:graph\\/actors { ?a a ?c } } ;"
        " DELETE WHERE { GRAPH ?g { ?art schema:mentions ?a } } ;"
        " INSERT { GRAPH ?g { ?r a kg:Role ; kg:roleTitle ?t ; kg:roleHolder ?p ."
        " ?p kg:holdsRole ?r } } WHERE { GRAPH ?g { ?r kg:mentionedIn ?x } GRAPH"
        " kgid:graph\\/actors { ?r kg:roleTitle ?t ; org:heldBy ?p } } ;"
        " INSERT { GRAPH ?g { ?r kg:roleOf ?o } } WHERE { GRAPH ?g { ?r kg:mentionedIn ?x }"
        " GRAPH kgid:graph\\/actors { ?r org:postIn ?o } } ;"
        " DELETE WHERE { GRAPH kgid:graph\\/actors { ?r a org:Post ; ?p ?o } } ;"
        " DELETE WHERE { GRAPH kgid:graph\\/actors { ?p org:holds ?r } } ;"
        " INSERT { GRAPH ?g { ?e a kg:Event ; kg:eventType ?t } } WHERE { GRAPH ?g"
        " { ?e kg:mentionedIn ?x } GRAPH kgid:graph\\/actors { ?e a kg:Event ; kg:eventType ?t } } ;"
        " DELETE WHERE { GRAPH kgid:graph\\/actors { ?e a kg:Event ; kg:eventType ?t } }",
        prefixes=__import__("kg.rdf", fromlist=["PREFIXES"]).PREFIXES,
    )


@pytest.mark.parametrize("oldest", [False, True])
def test_a_store_naming_events_without_references_asks_for_a_rebuild(tmp_path: Path,
                                                                      oldest: bool) -> None:
    """A store whose article graphs name the shared events (as before event references;
    ``oldest``: also actor IRIs and types in article graphs) cannot be upgraded (the events'
    own ids are not in it): opening it says so in one line, every time."""
    from kg.store.files import resolved_quads

    with KGStore.open(tmp_path / "s") as store:
        store.add_extractions(extractions())
        old = set(resolved_quads(store.ox))  # events and actors in place of references
    with KGStore.open(tmp_path / "old") as store:
        store.ox.extend(old)
        if oldest:
            _old_layout(store)
    with pytest.raises(StoreError) as raised:
        KGStore.open(tmp_path / "old")
    message = str(raised.value)
    assert "\n" not in message and str(tmp_path / "old") in message and "rebuild" in message
    del raised
    with pytest.raises(StoreError, match="rebuild"):  # and again, when opened again
        KGStore.open(tmp_path / "old")


@pytest.mark.parametrize("oldest", [False, True])
def test_opening_a_store_of_the_old_layout_migrates_it(tmp_path: Path, oldest: bool) -> None:
    """A store whose article graphs name actor IRIs (as before actor references; ``oldest``:
    also with actor types in article graphs and roles as kg:holdsRole) is rewritten when
    opened: the same facts read through references, the same answers, valid shapes."""
    from kg.ontology_files import example_queries
    from kg.store.files import resolved_quads
    from kg.validate import validate_store

    queries = [q["sparql"] for q in example_queries()]
    with KGStore.open(tmp_path / "s") as store:  # events: see the test below
        store.add_extractions([dataclasses.replace(x, events=()) for x in extractions()])
        expected = set(resolved_quads(store.ox))
        answers = [_rows(store, q) for q in queries]
    with KGStore.open(tmp_path / "old") as store:
        store.ox.extend(expected)  # the actor-IRI layout
        if oldest:
            _old_layout(store)
            assert len(_rows(store, PERSONS)) == 3  # the duplicate rows users saw
        assert not store.query("ASK { ?r kg:refersTo ?a }")
    with KGStore.open(tmp_path / "old") as store:
        assert set(resolved_quads(store.ox)) == expected
        assert not any(q.object.value.startswith(str(actor_iri(""))) for q in store.ox
                       if q.predicate.value == "https://schema.org/mentions")
        assert _rows(store, PERSONS) == [("Marco Rubio",)]
        assert [_rows(store, q) for q in queries] == answers
        assert validate_store(store).conforms
