"""Copies and near-identical copies of an article (wire copy with a new headline, a reworded
sentence) are read once, within a build and across builds (articles written for this test)."""

from __future__ import annotations

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
    seen = SeenTexts()
    seen.remember("wire", _body(WIRE), "", "a-wire.txt")
    from kg.model import Article

    same = Article(id="wire", title="t", text=_body(SYNDICATED), source="a-wire.txt")
    other = Article(id="partner", title="t", text=_body(WIRE), source="b.txt")
    assert seen.notice(same) is None
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
    assert store.stats() == alone.stats()
    alone.close()


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


@pytest.mark.parametrize("index", ["memory", "stored"])
def test_stored_and_run_texts_are_found_through_either_index(index):
    import sqlite3

    from kg.ingest.duplicates import MemoryTexts, StoredTexts

    texts = StoredTexts(sqlite3.connect(":memory:")) if index == "stored" else MemoryTexts()
    seen = SeenTexts(texts)
    wire = _article("wire", WIRE)
    seen.remember(wire.id, wire.text, wire.title, "wire.txt")
    copy = seen.notice(_article("copy", SYNDICATED))
    assert copy is not None and copy.kind == "near-duplicate" and "wire.txt" in copy.detail
    assert seen.notice(wire) is None  # the stored article read again is not a copy of itself
    first = seen.notice(_article("o1", FOLLOW_UP))
    again = seen.notice(_article("o2", FOLLOW_UP))
    assert first is None and again is not None and again.kind == "duplicate"


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
