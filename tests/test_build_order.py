"""Order independence: the store and merge log after any sequence of builds and kills over the
same articles equal a clean build (articles written for this test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build_store, merge_log_path
from kg.store import KGStore

ARTICLES = {
    "a-summit.txt": """Summit opens in Vienna
Published: 2025-04-07

Donald Trump met Austrian Chancellor Karl Nehammer in Vienna on Monday.
"We had a very good meeting," Trump said after the talks.
""",
    "b-visit.txt": """First lady tours hospital
Published: 2025-04-08

Melania Trump visited a children's hospital in Vienna on Tuesday.
"The nurses here are wonderful," Melania Trump said.
""",
    "c-remarks.txt": """Remarks on trade
Published: 2025-04-09

Trump criticized the European Union over car tariffs on Wednesday.
"They have treated us very badly," Trump told reporters.
""",
    "d-strike.txt": """Drone strike hits depot
Published: 2025-04-10

A drone struck a fuel depot in Odesa, the regional governor Oleh Kiper said.
""",
    "e-strike-dated.txt": """Depot fire put out
Published: 2025-04-11

A drone struck a fuel depot in Odesa on Wednesday, governor Oleh Kiper said.
Kiper said firefighters put out the blaze on Thursday.
""",
    # A wire story and the copy a partner site ran a day earlier under its own headline, with
    # one sentence reworded: read after it, the earlier copy is the one kept.
    "f-port.txt": """Dock strike ends in Rotterdam
Published: 2025-04-12

Dock workers in Rotterdam ended a five-day strike after the port authority agreed to raise
night-shift pay by eight percent. The union said members had approved the deal by a large
majority at a meeting on Sunday evening. Container ships that had waited at anchor off the
coast began to unload cargo within hours of the vote. The port authority expected the backlog
of delayed vessels to clear by the end of the week. Shipping companies had warned that the
stoppage was costing them millions of euros each day.
""",
    "g-port-partner.txt": """Rotterdam dockers back at work
Published: 2025-04-11

Dock workers in Rotterdam ended a five-day strike after the port authority agreed to raise
night-shift pay by eight percent. The union said members had approved the deal by a large
majority at a meeting on Sunday evening. Container ships that had waited at anchor off the
coast began to unload cargo within hours of the vote. Port officials told reporters that all
waiting vessels should be handled before Saturday. Shipping companies had warned that the
stoppage was costing them millions of euros each day.
""",
}


class Killed(BaseException):
    """Stands for the process being killed (nothing after it runs)."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("order") / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _paths(corpus: Path, names) -> list[str]:
    return [str(corpus / n) for n in names]


def _snapshot(store_path: Path) -> tuple[list[str], list[str]]:
    """Return the store's quads (canonical N-Quads lines, build times left out) and the
    merge log lines."""
    with KGStore.open(store_path) as store:
        out = store_path.with_name(store_path.name + ".nq")
        store.export(out, format="nq")
    quads = sorted(line for line in out.read_text(encoding="utf-8").splitlines()
                   if line.strip() and "generatedAtTime" not in line)
    log = merge_log_path(store_path)
    return quads, sorted(log.read_text(encoding="utf-8").splitlines()) if log.exists() else []


def _build(store_path: Path, paths: list[str], **kwargs) -> None:
    with KGStore.open(store_path) as store:
        build_store(paths, store, **kwargs)


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("clean") / "kg-store"
    _build(path, [str(corpus)])
    return _snapshot(path)


def test_clean_build_keeps_the_earliest_copy_of_a_story(clean):
    quads, _ = clean
    copies = [q for q in quads if "#duplicateOf>" in q]
    assert len(copies) == 1
    assert "Rotterdam dockers back at work" in "\n".join(quads)
    copy_iri = copies[0].split()[0]
    assert any(q.startswith(copy_iri) and '"Dock strike ends in Rotterdam"' in q for q in quads)


def test_clean_build_links_the_bare_surname_and_logs_it(clean):
    import json

    quads, log = clean
    assert any("person/melania-trump" in q for q in quads)
    assert [(r["surface"], r["to_id"], r["rule"]) for r in map(json.loads, log)] == [
        ("Trump", "person/donald-trump", "alias")]  # "Trump" is an alias of Donald Trump


@pytest.mark.parametrize("splits", [
    [["c-remarks.txt"], ["b-visit.txt"], None],
    [["e-strike-dated.txt", "c-remarks.txt"], ["d-strike.txt", "a-summit.txt"], None],
    [["b-visit.txt", "d-strike.txt"], None, None],
    [["f-port.txt", "a-summit.txt"], None],
    [["g-port-partner.txt"], ["f-port.txt", "c-remarks.txt"], None],
])
def test_builds_in_splits_equal_a_clean_build(corpus, tmp_path, clean, splits):
    path = tmp_path / "kg-store"
    for names in splits:
        _build(path, [str(corpus)] if names is None else _paths(corpus, names))
    assert _snapshot(path) == clean


@pytest.mark.parametrize("kill_at", ["extraction", "writing"])
def test_a_killed_build_resumed_equals_a_clean_build(corpus, tmp_path, clean, monkeypatch,
                                                     kill_at):
    path = tmp_path / "kg-store"
    _build(path, _paths(corpus, ["c-remarks.txt"]))
    calls = {"articles": 0, "writes": 0}
    real_add = KGStore.add_batch

    def add_batch(self, extractions, ingested_at=None, **kw):
        calls["writes"] += 1
        if kill_at == "extraction" or calls["writes"] > 1:
            raise Killed
        return real_add(self, extractions, ingested_at, **kw)

    def on_article(_extraction) -> None:
        calls["articles"] += 1
        if kill_at == "extraction" and calls["articles"] == 2:
            raise Killed

    monkeypatch.setattr(KGStore, "add_batch", add_batch)
    with pytest.raises(Killed):
        _build(path, [str(corpus)], on_article=on_article, batch_size=1)
    monkeypatch.setattr(KGStore, "add_batch", real_add)
    _build(path, [str(corpus)])
    assert _snapshot(path) == clean


def test_a_build_with_nothing_new_after_a_kill_still_finishes(corpus, tmp_path, clean,
                                                              monkeypatch):
    path = tmp_path / "kg-store"
    real_add = KGStore.add_batch
    calls = {"writes": 0}

    def add_batch(self, extractions, ingested_at=None, **kw):
        calls["writes"] += 1
        if calls["writes"] > 2:
            raise Killed
        return real_add(self, extractions, ingested_at, **kw)

    monkeypatch.setattr(KGStore, "add_batch", add_batch)
    with pytest.raises(Killed):  # batch by batch (a bulk build keeps no batch)
        _build(path, [str(corpus)], batch_size=1, bulk=False)
    monkeypatch.setattr(KGStore, "add_batch", real_add)
    _build(path, _paths(corpus, ["a-summit.txt"]))  # unchanged: only the unfinished work
    assert _snapshot(path) == clean


def test_a_build_in_two_processes_equals_a_clean_build(corpus, tmp_path, clean):
    path = tmp_path / "kg-store"
    _build(path, [str(corpus)], workers=2, batch_size=2)
    assert _snapshot(path) == clean


def _article_id(corpus: Path, name: str) -> str:
    from kg.ingest import read_articles

    return next(read_articles([str(corpus / name)])).id


@pytest.mark.parametrize("removed, gone", [
    ("b-visit.txt", ["b-visit.txt"]),
    # Donald Trump's article is what makes the bare "Trump" of the remarks his alias
    ("a-summit.txt", ["a-summit.txt"]),
    # the kept copy of the dock story goes with the record of the copy it has
    ("g-port-partner.txt", ["g-port-partner.txt", "f-port.txt"]),
])
def test_removing_an_article_equals_a_clean_build_without_it(corpus, tmp_path, removed, gone):
    from kg.build import remove_articles

    path = tmp_path / "kg-store"
    _build(path, [str(corpus)])
    with KGStore.open(path) as store:
        result = remove_articles(store, [_article_id(corpus, removed)])
    copies = [_article_id(corpus, n) for n in gone if n != removed]
    assert result == {_article_id(corpus, removed): copies}
    without = tmp_path / "without"
    _build(without, _paths(corpus, sorted(set(ARTICLES) - set(gone))))
    assert _snapshot(path) == _snapshot(without)


def test_a_removed_text_no_longer_makes_its_near_copy_a_copy(corpus, tmp_path):
    from kg.build import remove_articles

    path = tmp_path / "kg-store"
    _build(path, _paths(corpus, ["g-port-partner.txt"]))
    with KGStore.open(path) as store:
        remove_articles(store, [_article_id(corpus, "g-port-partner.txt")])
    _build(path, _paths(corpus, ["f-port.txt"]))
    with KGStore.open(path) as store:
        assert store.has_article(_article_id(corpus, "f-port.txt"))
    without = tmp_path / "without"
    _build(without, _paths(corpus, ["f-port.txt"]))
    assert _snapshot(path) == _snapshot(without)
