"""Tests for kg.regex_cache: regular expressions from cached compiled code, equal to
re.compile's."""

from __future__ import annotations

import marshal
import re

import pytest

from kg.regex_cache import compile_all, compiled_code, pattern_from

PATTERNS = [
    r"(?<=[a-z])\.$",
    r"^(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)(?:\s+(?P<year>\d{4}))?",
    r"[\u0400-\u04FF\U00020000-\U0002A6DF]+|(?i:harbour)",
    r"(?x) \b (?:mayor|minister) \s+ ([A-Z]\w+)  # a title and a name",
    r"(a)(b)?\2|\1",
]
SAMPLES = ["12 March 2024 and 3 May", "Mayor Okafor. HARBOUR Лагос", "ab", "minister Ines"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    return folder


def _behaviour(pattern: re.Pattern) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for s in SAMPLES for m in pattern.finditer(s)]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE | re.MULTILINE])
def test_cached_expressions_equal_re_compile(cache, flags) -> None:
    cold = compile_all(PATTERNS, flags)
    assert len(list(cache.glob("regex-*"))) == 1
    warm = compile_all(PATTERNS, flags)  # from the cache file
    expected = [re.compile(p, flags) for p in PATTERNS]
    assert cold == warm == expected  # Pattern ==: the expression, the flags and the code
    for ours, theirs in zip(warm, expected, strict=True):
        assert (ours.flags, ours.groups, ours.groupindex) == (
            theirs.flags, theirs.groups, theirs.groupindex)
        assert _behaviour(ours) == _behaviour(theirs)


def test_other_expressions_are_another_file(cache) -> None:
    compile_all(PATTERNS[:2])
    compile_all(PATTERNS[1:])
    compile_all(PATTERNS[:2], re.IGNORECASE)
    assert len(list(cache.glob("regex-*"))) == 3


@pytest.mark.parametrize("content", [
    b"", b"\x00garbage", marshal.dumps([1, 2]),
    marshal.dumps([([1, 2, 3], 32, 1, {})] * len(PATTERNS)),  # code the engine refuses
    marshal.dumps([(["x"], 32, 1, {})] * len(PATTERNS)),
])
def test_a_damaged_cache_file_falls_back_to_re_compile(cache, content) -> None:
    compile_all(PATTERNS)
    (path,) = cache.glob("regex-*")
    path.write_bytes(content)
    assert compile_all(PATTERNS) == [re.compile(p) for p in PATTERNS]


def test_an_unwritable_cache_only_costs_the_compiling(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    assert compile_all(PATTERNS) == [re.compile(p) for p in PATTERNS]


def test_a_pattern_built_from_its_code_is_re_compiles() -> None:
    pattern = PATTERNS[1]
    built = pattern_from(pattern, compiled_code(pattern))
    assert built == re.compile(pattern)
    assert built.match("7 June 1999").group("year") == "1999"
