"""Tests for kg.extract.anchored_matcher: spaCy's Matcher's matches, found around anchors."""

from __future__ import annotations

import math

import pytest
import spacy
from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher

from kg.extract.anchored_matcher import (
    AnchoredMatcher,
    _windows,
    anchor_words,
    op_counts,
    pattern_reach,
)

THE = {"LOWER": "the", "OP": "?"}
COUNTRY = {"ORTH": {"IN": ["Valdoria", "Kestrel", "Ostmark"]}}
PATTERNS = [
    ("ORG", [THE, COUNTRY, {"ORTH": {"IN": ["Navy", "Air"]}}, {"ORTH": "Force", "OP": "?"}]),
    ("ORG", [{"IS_TITLE": True, "OP": "{1,3}"}, {"ORTH": "Council"}]),
    ("PLAN", [{"LIKE_NUM": True}, {"ORTH": "-", "OP": "?"}, {"LOWER": "point"},
              {"LOWER": {"IN": ["peace", "trade"]}, "OP": "*"}, {"LOWER": "plan"}]),
    ("PLAN", [{"IS_TITLE": True, "OP": "+"}, {"ORTH": "Accord"}]),
    ("KG_GROUP", [{"LOWER": "the"}, {"ORTH": "West"}]),
    ("FAC", [{"IS_TITLE": True}, {"IS_DIGIT": True}]),  # no anchor: runs everywhere
    ("ORG", [{"ORTH": {"NOT_IN": ["Monday"]}, "IS_TITLE": True}, {"LOWER": "ministry"}]),
]
TEXTS = [
    "The Valdoria Navy and the Kestrel Air Force met the Harbour Safety Council.",
    "A 28-point peace plan, then the 12 point trade trade plan; the West agreed.",
    "Port Kestrel Accord signed at Gate 4 by the Valdoria Ministry and Trade Ministry.",
    "the west , the West . Council Council Navy Valdoria",
    "",
    "Valdoria",
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("patterns", [PATTERNS, PATTERNS[:1], PATTERNS[5:6], PATTERNS[1:5]])
def test_the_same_matches_as_spacys_matcher(nlp, text, patterns):
    spacys = Matcher(nlp.vocab)
    for key, pattern in patterns:
        spacys.add(key, [pattern])
    doc = nlp(text)
    assert set(AnchoredMatcher(nlp.vocab, patterns)(doc)) == set(spacys(doc))


def test_matches_are_placed_in_the_document(nlp):
    doc = nlp("The Valdoria Navy met. " * 3)
    key = nlp.vocab.strings["ORG"]
    assert sorted(AnchoredMatcher(nlp.vocab, PATTERNS[:1])(doc)) == [
        (key, 0, 3), (key, 1, 3), (key, 5, 8), (key, 6, 8), (key, 10, 13), (key, 11, 13)]


@pytest.mark.parametrize("op, counts", [
    (None, (1, 1)), ("?", (0, 1)), ("*", (0, math.inf)), ("+", (1, math.inf)),
    ("{2}", (2, 2)), ("{1,3}", (1, 3)), ("{2,}", (2, math.inf)), ("{,4}", (0, 4)),
    ("!", None), ("{x}", None),
])
def test_op_counts(op, counts):
    assert op_counts(op) == counts


@pytest.mark.parametrize("spec, anchor", [
    ({"ORTH": "Navy"}, (ORTH, frozenset({"Navy"}))),
    ({"TEXT": "Navy"}, (ORTH, frozenset({"Navy"}))),
    ({"LOWER": {"IN": ["a", "b"]}, "IS_TITLE": True}, (LOWER, frozenset({"a", "b"}))),
    ({"LOWER": {"NOT_IN": ["a"]}}, None),
    ({"ORTH": {"IN": [12345]}}, None),  # a hash, not a word
    ({"IS_TITLE": True}, None),
    ({"LOWER": {"REGEX": "^a"}}, None),
])
def test_anchor_words(spec, anchor):
    assert anchor_words(spec) == anchor


@pytest.mark.parametrize("pattern, reach", [
    (PATTERNS[0][1], (ORTH, {"Navy", "Air"}, 2, 2)),  # the fewest words: "Navy", "Air"
    (PATTERNS[1][1], (ORTH, {"Council"}, 3, 1)),
    (PATTERNS[2][1], (LOWER, {"point"}, 2, math.inf)),
    (PATTERNS[3][1], (ORTH, {"Accord"}, math.inf, 1)),
    (PATTERNS[5][1], None),
    ([{"ORTH": "a", "OP": "!"}, {"ORTH": "b"}], None),
    ([{"ORTH": "a", "OP": "?"}], None),
])
def test_pattern_reach(pattern, reach):
    found = pattern_reach(pattern)
    assert (found and (found.attr, found.words, found.before, found.after)) == reach


@pytest.mark.parametrize("starts, before, after, size, windows", [
    ([], 2, 2, 10, []),
    ([3], 2, 2, 10, [(1, 5)]),
    ([0, 9], 2, 3, 10, [(0, 3), (7, 10)]),
    ([2, 4], 1, 2, 10, [(1, 6)]),  # overlapping stretches merge
    ([2, 5], 1, 2, 10, [(1, 7)]),  # touching ones too
    ([5], math.inf, 1, 10, [(0, 6)]),
    ([5], 1, math.inf, 10, [(4, 10)]),
])
def test_windows(starts, before, after, size, windows):
    assert _windows(starts, before, after, size) == windows
