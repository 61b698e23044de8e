"""Copies and near-identical copies of an article (wire copy with a new headline, a reworded
sentence) are read once, within a build and across builds (articles written for this test)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kg.build import build_store
from kg.ingest import SeenTexts, Skipped, read_articles
from kg.ingest.duplicates import NEAR_THRESHOLD, shingles, signature, similarity
from kg.store import KGStore

WIRE = """Port workers end strike in Rotterdam
Published: 2025-06-02

Dock workers in Rotterdam ended a five-day strike on Monday after the port authority agreed
to raise night-shift pay by eight percent. Union leader Marieke Dijkstra said the deal had
been approved by a large majority of members at a meeting on Sunday evening. Container ships
that had waited at anchor off the coast began to unload cargo within hours of the vote.
The port authority said it expected the backlog of delayed vessels to clear by the end of
the week. Shipping companies had warned that the stoppage was costing them millions of euros
each day. Dijkstra thanked the workers for their patience and said the union would monitor
how the agreement was carried out over the coming months.
"""

# The same wire story as a partner site ran it: its own headline and one sentence reworded.
SYNDICATED = """Rotterdam dockers return to work after pay deal
Published: 2025-06-02

Dock workers in Rotterdam ended a five-day strike on Monday after the port authority agreed
to raise night-shift pay by eight percent. Union leader Marieke Dijkstra said the deal had
been approved by a large majority of members at a meeting on Sunday evening. Container ships
that had waited at anchor off the coast began to unload cargo within hours of the vote.
Port officials told reporters that all delayed vessels should be handled before Saturday.
Shipping companies had warned that the stoppage was costing them millions of euros
each day. Dijkstra thanked the workers for their patience and said the union would monitor
how the agreement was carried out over the coming months.
"""

# A different story on the same topic that repeats two background sentences of the first.
FOLLOW_UP = """Antwerp braces for diverted cargo
Published: 2025-06-03

Port managers in Antwerp said on Tuesday that they had handled dozens of extra ships during
the Rotterdam walkout and expected volumes to return to normal soon. Shipping companies had
warned that the stoppage was costing them millions of euros each day. Union leader Marieke
Dijkstra said the deal had been approved by a large majority of members at a meeting on
Sunday evening. Belgian unions said they were watching the Dutch agreement closely before
their own wage talks in September. Antwerp officials added that rail links to Germany had
carried a record number of containers last month and that new cranes would arrive in the
autumn to speed up loading at the northern terminals.
"""


def _write(folder: Path, files: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in files]


def _body(text: str) -> str:
    return text.split("\n\n", 1)[1]


@pytest.mark.parametrize(("other", "near"), [(SYNDICATED, True), (FOLLOW_UP, False)])
def test_similarity_of_a_wire_copy_and_of_a_related_story(other: str, near: bool) -> None:
    score = similarity(signature(shingles(_body(WIRE))), signature(shingles(_body(other))))
    assert (score >= NEAR_THRESHOLD) is near


def test_a_wire_copy_with_a_new_headline_is_read_once(tmp_path: Path) -> None:
    paths = _write(tmp_path, {"a-wire.txt": WIRE, "b-partner.txt": SYNDICATED,
                              "c-antwerp.txt": FOLLOW_UP})
    notices: list[Skipped] = []
    articles = list(read_articles(paths, on_skip=notices.append))
    assert [a.title for a in articles] == ["Port workers end strike in Rotterdam",
                                           "Antwerp braces for diverted cargo"]
    assert [(n.source, n.kind) for n in notices] == [(paths[1], "near-duplicate")]
    assert notices[0].detail.startswith(f"near-identical to {paths[0]}, similarity 0.")


def test_a_stored_article_read_again_under_its_own_id_is_not_a_copy() -> None:
    from kg.model import Article

    seen = SeenTexts()
    seen.remember(Article(id="wire", title="t", text=_body(WIRE), source="a-wire.txt"))
    changed = Article(id="wire", title="t", text=_body(SYNDICATED), source="a-wire.txt")
    other = Article(id="partner", title="t", text=_body(SYNDICATED), source="b.txt")
    assert seen.notice(changed) is None
    assert seen.notice(other) == Skipped("b.txt", "duplicate", "same text as a-wire.txt")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[KGStore, object, object]:
    """A store built from the wire story, then a build bringing its partner-site copy, an
    exact copy under a new name and a related story."""
    root = tmp_path_factory.mktemp("dups")
    store = KGStore.open(root / "store")
    first = build_store(_write(root / "one", {"a-wire.txt": WIRE}), store)
    second = build_store(_write(root / "two", {"b-partner.txt": SYNDICATED,
                                               "c-copy.txt": WIRE, "d-antwerp.txt": FOLLOW_UP}),
                         store)
    yield store, first, second
    store.close()


def test_copies_in_a_later_build_are_skipped_and_counted(two_builds) -> None:
    store, first, second = two_builds
    assert (first.added, second.added) == (1, 1)
    assert second.skipped == {"duplicate": 1, "near-duplicate": 1}
    assert sorted(n.kind for n in second.notices) == ["duplicate", "near-duplicate"]
    assert len(store.article_ids()) == 2


def test_mentions_of_a_copied_story_count_once(two_builds, tmp_path: Path) -> None:
    store, _, _ = two_builds
    alone = KGStore.open(tmp_path / "alone")
    build_store(_write(tmp_path / "in", {"a-wire.txt": WIRE, "d-antwerp.txt": FOLLOW_UP}), alone)
    copies, single = store.stats(), alone.stats()
    assert {**copies, "triples": 0} == {**single, "triples": 0}
    assert copies["triples"] - single["triples"] == len(_copy_quads(store))
    alone.close()


def _copy_quads(store: KGStore) -> list:
    import pyoxigraph as ox

    from kg.rdf import COPIES_GRAPH

    return list(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(COPIES_GRAPH))))


def _copies(store: KGStore) -> list[tuple[str, str, str, str]]:
    rows = store.query("""SELECT ?copy ?of ?source ?title WHERE {
        ?copy a kg:ArticleCopy ; kg:duplicateOf ?of ; kg:sourcePath ?source ;
              schema:headline ?title } ORDER BY ?source""")
    return [(str(r["copy"]), str(r["of"]), Path(r["source"]).name, r["title"]) for r in rows]


def test_a_skipped_copy_is_linked_to_the_kept_article(two_builds) -> None:
    from kg.rdf import article_iri

    store, _, _ = two_builds
    kept = {a["id"]: a for a in store.articles()}
    [wire] = [i for i, a in kept.items() if a["title"] == "Port workers end strike in Rotterdam"]
    copies = _copies(store)
    assert [(of, source, title) for _, of, source, title in copies] == [
        (str(article_iri(wire)), "b-partner.txt", "Rotterdam dockers return to work after pay deal"),
        (str(article_iri(wire)), "c-copy.txt", "Port workers end strike in Rotterdam")]
    assert not any(store.has_article(copy.rsplit("/", 1)[1]) for copy, *_ in copies)


def test_copy_records_use_ontology_terms_and_conform_to_the_shapes(two_builds) -> None:
    from rdflib import RDF, URIRef

    from kg.validate import load_ontology, validate_store

    store, _, _ = two_builds
    onto = load_ontology()
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {q.predicate.value for q in _copy_quads(store)} | {
        q.object.value for q in _copy_quads(store) if q.predicate.value == str(RDF.type)}
    kg_terms = {t for t in used if t.startswith("https://w3id.org/kg/ontology#")}
    assert len(kg_terms) == 5 and kg_terms <= {str(t) for t in declared}
    report = validate_store(store)
    assert report.conforms, report.violations[:5]


def _nquads(store: KGStore) -> list[str]:
    out = []
    for q in store.ox:
        if "generatedAtTime" not in str(q.predicate):
            out.append(str(q))
    return sorted(out)


def test_an_earlier_copy_read_in_a_later_build_replaces_the_kept_one(tmp_path: Path) -> None:
    store = KGStore.open(tmp_path / "store")
    build_store(_write(tmp_path / "one", {"a-wire.txt": WIRE}), store)
    later = build_store(_write(tmp_path / "two", {"b-partner.txt": EARLIER}), store)
    assert (later.added, later.skipped) == (1, {"near-duplicate": 1})
    assert [a["title"] for a in store.articles()] == [
        "Rotterdam dockers return to work after pay deal"]
    assert [(source, title) for _, _, source, title in _copies(store)] == [
        ("a-wire.txt", "Port workers end strike in Rotterdam")]
    clean = KGStore.open(tmp_path / "clean")
    build_store([str(tmp_path / "one"), str(tmp_path / "two")], clean)
    assert _nquads(store) == _nquads(clean)
    store.close()
    clean.close()


def _jsonl(folder: Path, records: list[dict]) -> list[str]:
    import json

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return [str(path)]


def test_a_copy_is_extracted_when_the_article_it_copied_changes(tmp_path: Path) -> None:
    wire = {"id": "wire", "title": "Port workers end strike", "text": _body(WIRE),
            "date": "2025-06-02"}
    partner = {"id": "partner", "title": "Dockers return", "text": _body(SYNDICATED),
               "date": "2025-06-01"}
    corrected = {**partner, "text": _body(FOLLOW_UP)}
    store = KGStore.open(tmp_path / "store")
    paths = _jsonl(tmp_path / "wire", [wire]) + _jsonl(tmp_path / "partner", [partner])
    build_store(paths, store)
    assert store.article_ids() == ["partner"] and len(_copies(store)) == 1
    report = build_store(_jsonl(tmp_path / "partner", [corrected]), store)
    assert (report.added, report.replaced) == (1, 1)
    assert store.article_ids() == ["partner", "wire"] and _copies(store) == []
    clean = KGStore.open(tmp_path / "clean")
    build_store(paths, clean)
    assert _nquads(store) == _nquads(clean)
    store.close()
    clean.close()


def test_build_names_the_copy_and_counts_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    paths = _write(tmp_path / "in", {"a-wire.txt": WIRE, "b-partner.txt": SYNDICATED})
    result = CliRunner().invoke(main, ["build", *paths, "--store", str(tmp_path / "s"), "-q",
                                       "--verbose"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and "1 near-duplicate" in result.output
    assert f"skipped {paths[1]}: near-duplicate (near-identical to {paths[0]}" in result.output


def _article(aid: str, text: str):
    from dataclasses import replace

    from kg.ingest import read_text

    return replace(read_text(text, f"{aid}.txt"), id=aid)


@pytest.mark.parametrize("ranked", [False, True])
def test_stored_and_run_texts_are_found_either_way(ranked):
    seen = SeenTexts(ranked=ranked)
    wire = _article("a-wire", WIRE)  # same date: the smaller id is kept when ranked
    seen.remember(wire)
    copy = seen.notice(_article("b-copy", SYNDICATED))
    assert copy is not None and copy.kind == "near-duplicate" and "a-wire.txt" in copy.detail
    assert seen.notice(wire) is None  # the stored article read again is not a copy of itself
    first = seen.notice(_article("o1", FOLLOW_UP))
    again = seen.notice(_article("o2", FOLLOW_UP))
    assert first is None and again is not None and again.kind == "duplicate"


# The wire story as a partner site ran it a day earlier (the one a ranked index keeps).
EARLIER = SYNDICATED.replace("Published: 2025-06-02", "Published: 2025-06-01")


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_the_earliest_published_copy_is_kept_in_any_reading_order(order):
    texts = [("wire", WIRE), ("partner", EARLIER), ("copy", WIRE), ("antwerp", FOLLOW_UP)]
    seen = SeenTexts(ranked=True)
    notices = []
    for i in order:
        notices += [n for n in [seen.notice(_article(*texts[i]))] if n is not None]
        notices += seen.take_notices()
    copies = {aid: (c.of, c.kind, round(c.similarity, 2)) for aid, _ in texts
              if (c := seen.copy(aid)) is not None}
    assert copies.keys() == {"wire", "copy"}
    assert copies["copy"] == ("partner", "near-duplicate", copies["wire"][2])
    assert copies["wire"][:2] == ("partner", "near-duplicate")
    assert sorted(n.source for n in notices) == ["copy.txt", "wire.txt"]


def test_signatures_are_kept_once_in_the_build_history(tmp_path):
    import sqlite3

    from kg.history import DATABASE, history_dir

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    store_path = tmp_path / "kg-store"
    with KGStore.open(store_path) as store:
        build_store([str(folder)], store)
    conn = sqlite3.connect(history_dir(store_path) / DATABASE)
    assert conn.execute("SELECT COUNT(*) FROM texts").fetchone() == (1,)
    assert conn.execute("SELECT COUNT(*) FROM text_bands").fetchone()[0] > 0
    conn.close()
    later = tmp_path / "later"
    later.mkdir()
    (later / "syndicated.txt").write_text(SYNDICATED, encoding="utf-8")
    with KGStore.open(store_path) as store:
        report = build_store([str(later)], store)
    assert report.skipped == {"near-duplicate": 1}


def _versions(count: int, same_text: bool) -> list[tuple[str, str]]:
    """Return ``count`` copies of the wire story, each a day apart (v0 the earliest): the same
    text, or each with a closing line of its own."""
    return [(f"v{i}", WIRE.replace("Published: 2025-06-02", f"Published: 2025-06-{i + 10:02d}")
             + ("" if same_text else f"\nFiled by news desk number {i} of the wire service.\n"))
            for i in range(count)]


@pytest.mark.parametrize("same_text", [True, False])
@pytest.mark.parametrize("order", ["forward", "backward", "inside out"])
def test_a_story_copied_more_often_than_a_band_holds_keeps_its_earliest_copy(
        order, same_text, monkeypatch):
    import kg.ingest.duplicates as duplicates

    monkeypatch.setattr(duplicates, "BAND_CANDIDATES", 2)
    versions = _versions(7, same_text)
    ordering = {"forward": versions, "backward": versions[::-1],
                "inside out": [versions[i] for i in (3, 4, 2, 5, 1, 6, 0)]}[order]
    seen = SeenTexts(ranked=True)
    for aid, text in ordering:
        seen.notice(_article(aid, text))
    copies = {aid: seen.copy(aid) for aid, _ in versions}
    assert copies["v0"] is None
    assert {aid: c.of for aid, c in copies.items() if c is not None} == {
        f"v{i}": "v0" for i in range(1, 7)}


def test_a_band_shared_by_many_texts_gives_a_bounded_number_of_candidates(monkeypatch):
    import kg.ingest.duplicates as duplicates

    monkeypatch.setattr(duplicates, "BAND_CANDIDATES", 3)
    template = ("The city council met in the town hall on the evening of the meeting and the "
                "chair opened the session with the minutes of the last one. ")
    seen = SeenTexts(ranked=True)
    for i in range(40):
        seen.notice(_article(f"page{i:02d}", f"Page {i}\n\n{template * 3}Item {i} was {i * 7}."))
    sig = duplicates._sign(f"Page 99\n\n{template * 3}Item 99 was 693.", "Page 99")
    assert seen.conn.execute("SELECT COUNT(*) FROM text_bands").fetchone()[0] > 3 * 32
    assert 0 < len(seen._band_candidates(sig)) <= 3 * duplicates.BANDS


def test_bands_of_the_layout_without_ranks_are_indexed_again(tmp_path):
    import sqlite3

    path = tmp_path / "history.sqlite"
    seen = SeenTexts(sqlite3.connect(path), ranked=True)
    seen.notice(_article("a-wire", WIRE))
    seen.conn.commit()
    bands = seen.conn.execute("SELECT band, id FROM text_bands").fetchall()
    seen.conn.executescript("DROP TABLE text_bands; CREATE TABLE text_bands (band BLOB, id TEXT,"
                            " PRIMARY KEY (band, id)) WITHOUT ROWID;")
    seen.conn.executemany("INSERT INTO text_bands VALUES (?, ?)", bands)
    seen.conn.commit()
    seen.conn.close()
    again = SeenTexts(sqlite3.connect(path), ranked=True)
    assert sorted(again.conn.execute("SELECT band, id FROM text_bands")) == sorted(bands)
    notice = again.notice(_article("b-copy", SYNDICATED))
    assert notice is not None and notice.kind == "near-duplicate"
