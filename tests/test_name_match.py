"""Name cores for matching (kg.extract.name_match): the words that stay when legal forms,
articles and country prefixes are taken off."""

from __future__ import annotations

import pytest

from kg.extract.name_match import org_core, same_full_name


@pytest.mark.parametrize(("name", "core"), [
    ("Aer Lingus Group PLC", "aer lingus"),
    ("the U.S. Air Force", "air force"),
    ("US Air Force", "air force"),
    ("China Eastern Airlines", "china eastern"),
    ("Qatar Airways", "qatar airways"),
    ("Ford Motors Co.", "ford motors"),
    ("Bank of America Corporation", "bank of america"),
    ("Apple Computer", "apple computer"),
    # a parent body's abbreviation before a name of three words or more
    ("UN Office for the Coordination of Humanitarian Affairs",
     "office for the coordination of humanitarian affairs"),
    ("BBC World Service", "bbc world service"),
])
def test_org_core(name, core):
    assert org_core(name) == core


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Pieter Van Acker", "Van Acker", True),
    ("Ana M. Lopes", "Ana Lopes", True),
    # a given name's initial stands for it: a race card's "A. Lopes" is Ana Lopes
    ("A. Lopes", "Ana Lopes", True),
    ("Ana Lopes", "A Lopes", True),
    # another given name, or another initial, is another person
    ("Ana Lopes", "Amara Lopes", False),
    ("A. Lopes", "B. Lopes", False),
    ("A. Lopes", "Ana Silva", False),
])
def test_same_full_name(a, b, expected):
    assert same_full_name(a, b) is expected
