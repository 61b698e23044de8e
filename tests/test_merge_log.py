"""Tests for kg.link.merge_log: a build appends what its re-link added, filters out what went,
and the log always holds the lines of the history's merge records, whatever a kill
interrupted (records written for this test)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.link.index import LinkIndex
from kg.link.merge_log import merge_log_path, update_merge_log


def _record(article: str, surface: str, rule: str = "surname") -> dict:
    return {"article": article, "surface": surface, "from_id": f"person/{surface.lower()}",
            "to_id": "person/donald-trump", "rule": rule}


def _expected(index: LinkIndex) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False) for r in index.merge_records())


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def log(tmp_path):
    return LinkIndex(sqlite3.connect(":memory:")), merge_log_path(tmp_path / "kg-store")


def test_the_log_is_written_once_then_appended_to(log):
    index, path = log
    index.set_merges("a1", [_record("a1", "Trump")])
    assert update_merge_log(path, index) == "rewritten"  # no log yet
    first = path.read_text(encoding="utf-8")
    index.set_merges("a2", [_record("a2", "Trump"), _record("a2", "Donald")])
    index.set_merges("a1", [_record("a1", "Trump")])  # unchanged
    assert update_merge_log(path, index) == "appended"
    assert path.read_text(encoding="utf-8") == first + "".join(
        json.dumps(r) + "\n" for r in [_record("a2", "Trump"), _record("a2", "Donald")])
    assert update_merge_log(path, index) == "unchanged"
    assert index.unlogged() == []


@pytest.mark.parametrize("change", ["other rule", "withdrawn", "fewer"])
def test_records_that_went_are_filtered_out_and_the_rest_kept(log, change):
    index, path = log
    index.set_merges("a1", [_record("a1", "Trump"), _record("a1", "Donald")])
    index.set_merges("a2", [_record("a2", "Trump")])
    update_merge_log(path, index)
    if change == "other rule":
        index.set_merges("a1", [_record("a1", "Trump", "alias"), _record("a1", "Donald")])
    elif change == "withdrawn":
        index.withdraw("a1")
    else:
        index.set_merges("a1", [_record("a1", "Donald")])
    assert update_merge_log(path, index) == "filtered"
    assert sorted(_lines(path)) == _expected(index)


@pytest.fixture
def logged(log):
    """A log written with one article's record."""
    index, path = log
    index.set_merges("a1", [_record("a1", "Trump")])
    update_merge_log(path, index)
    return index, path


def test_an_append_a_kill_interrupted_is_cut_back_and_done_again(logged):
    index, path = logged
    index.set_merges("a2", [_record("a2", "Trump")])
    with path.open("a", encoding="utf-8") as fh:  # the killed append got this far
        fh.write('{"article": "a2", "surf')
    assert update_merge_log(path, index) == "appended"
    assert sorted(_lines(path)) == _expected(index)


def test_a_rewrite_a_kill_interrupted_is_done_again_in_whole(logged):
    index, path = logged
    index.set_merges("a1", [])
    index.set_logged(None)  # the kill came after the rewrite began
    path.write_text("", encoding="utf-8")
    assert update_merge_log(path, index) == "rewritten"
    assert _lines(path) == _expected(index) == []


ARTICLES = ["a1", "a2", "a3"]
SURFACES = ["Trump", "Donald", "Zelensky"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ARTICLES),
                          st.lists(st.tuples(st.sampled_from(SURFACES),
                                             st.sampled_from(["surname", "alias"])),
                                   max_size=3),
                          st.booleans()), min_size=1, max_size=12))
def test_after_any_builds_the_log_holds_the_lines_of_the_history(tmp_path_factory, steps):
    index = LinkIndex(sqlite3.connect(":memory:"))
    path = merge_log_path(tmp_path_factory.mktemp("log") / "kg-store")
    for article, records, build_ends in steps:
        if records:
            index.set_merges(article, [_record(article, s, r) for s, r in records])
        else:
            index.withdraw(article)
        if build_ends:
            update_merge_log(path, index)
            assert sorted(_lines(path)) == _expected(index)
    update_merge_log(path, index)
    assert sorted(_lines(path)) == _expected(index)
