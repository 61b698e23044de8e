"""Tests for kg.build: events of several articles become one event whatever the order."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build_store
from kg.store import KGStore

DATED = """Title: Missiles hit Odesa port
Published: 2025-03-12

Russian missiles struck the port of Odesa on Tuesday, damaging two grain terminals, officials
said.
"""
UNDATED = """Title: Grain terminals damaged in Odesa
Published: 2025-03-13

Russian missiles have struck the port of Odesa, damaging two grain terminals, the regional
governor said.
"""
EVENTS = """
SELECT ?e ?date ?basis WHERE { ?e a kg:Event ; kg:eventType kget:attack ; kg:date ?date .
  ?r kg:refersTo ?e . GRAPH ?g { ?r kg:dateBasis ?basis } } ORDER BY ?basis
"""


@pytest.mark.parametrize("undated_first", [True, False])
def test_a_report_takes_the_date_another_article_gives(tmp_path: Path, undated_first: bool):
    (tmp_path / ("a.txt" if undated_first else "b.txt")).write_text(UNDATED, encoding="utf-8")
    (tmp_path / ("b.txt" if undated_first else "a.txt")).write_text(DATED, encoding="utf-8")
    with KGStore.open(None) as store:
        build_store([str(tmp_path)], store, batch_size=1)
        rows = store.query(EVENTS)
        events = store.query("SELECT ?e WHERE { ?e a kg:Event ; kg:eventType kget:attack }")
    assert [(str(r["date"]), str(r["basis"])) for r in rows] == [  # each report's own basis
        ("2025-03-11", "publication"), ("2025-03-11", "text")]
    assert len({str(r["e"]) for r in rows}) == 1
    assert [str(r["e"]) for r in events] == [str(rows[0]["e"])]  # the relinked id is gone


def test_a_later_build_dates_a_stored_report(tmp_path: Path):
    from kg.validate import validate_store

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    (first / "b.txt").write_text(UNDATED, encoding="utf-8")
    (second / "a.txt").write_text(DATED, encoding="utf-8")
    with KGStore.open(tmp_path / "store") as store:
        build_store([str(first)], store)
        before = store.triple_count()
        assert [str(r["basis"]) for r in store.query(EVENTS)] == ["publication"]
        build_store([str(second)], store)
        rows = store.query(EVENTS)
        assert [(str(r["date"]), str(r["basis"])) for r in rows] == [
            ("2025-03-11", "publication"), ("2025-03-11", "text")]
        assert len({str(r["e"]) for r in rows}) == 1
        assert validate_store(store).conforms
        store.remove_article(next(a["id"] for a in store.articles() if "Missiles" in a["title"]))
        # the report keeps referring to the event it was linked to, with that event's date;
        # its own graph is as the first build wrote it
        assert [(str(r["date"]), str(r["basis"])) for r in store.query(EVENTS)] == [
            ("2025-03-11", "publication")]
        assert store.triple_count() == before


def test_graph_shows_one_event_with_both_reports(tmp_path: Path):
    from kg.graph import evidence_attr, to_networkx

    (tmp_path / "a.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(UNDATED, encoding="utf-8")
    with KGStore.open(None) as store:
        build_store([str(tmp_path)], store)
        G = to_networkx(store)
    attacks = [d for _, d in G.nodes(data=True) if d["kind"] == "event" and d["type"] == "attack"]
    assert [(d["date"], d["date_basis"], d["mentions"], len(evidence_attr(d["evidence"]))) for d in attacks] == [
        ("2025-03-11", "text", 2, 2)]


def test_an_error_in_a_later_article_keeps_the_articles_before_it(tmp_path: Path, monkeypatch):
    import kg.pipeline

    real = kg.pipeline.extract_articles

    def failing_after_first(articles, nlp=None):
        for number, extraction in enumerate(real(articles, nlp=nlp)):
            if number == 1:
                raise RuntimeError("extraction failed")
            yield extraction

    monkeypatch.setattr(kg.pipeline, "extract_articles", failing_after_first)
    (tmp_path / "a.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(UNDATED, encoding="utf-8")
    with KGStore.open(None) as store:
        with pytest.raises(RuntimeError):
            build_store([str(tmp_path)], store, batch_size=32)
        assert len(store.articles()) == 1


def test_a_text_over_the_spacy_limit_is_built_with_keep_going(tmp_path: Path, nlp, monkeypatch):
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "CHUNK_CHARS", 300)
    monkeypatch.setattr(nlp, "max_length", 1000)
    long_text = DATED + "\n" + "\n".join(
        f"Officials in Odesa counted {n} damaged buildings on Wednesday." for n in range(40))
    assert len(long_text) > nlp.max_length
    (tmp_path / "a.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(long_text, encoding="utf-8")
    with KGStore.open(None) as store:
        report = build_store([str(tmp_path)], store, keep_going=True)
        assert (report.added, report.errors) == (2, [])
        assert len(store.articles()) == 2


@pytest.mark.parametrize("kept, words", [(0, "0 articles"), (1, "1 article"), (3, "3 articles")])
def test_stopped_error_names_line_and_what_was_stored(kept, words):
    from kg.build import BuildReport, stopped_error
    from kg.ingest import IngestError

    error = stopped_error(IngestError("a.jsonl", "malformed JSON", line=2), BuildReport(added=kept))
    assert str(error) == (f"a.jsonl: line 2: malformed JSON; build stopped there, {words} "
                          "before it stored (--keep-going skips bad input)")
    assert (error.source, error.line) == ("a.jsonl", 2)
