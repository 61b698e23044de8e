"""Name cores for matching (kg.extract.name_match): the words that stay when legal forms,
articles and country prefixes are taken off."""

from __future__ import annotations

import pytest

from kg.extract.name_match import org_core


@pytest.mark.parametrize(("name", "core"), [
    ("Aer Lingus Group PLC", "aer lingus"),
    ("the U.S. Air Force", "air force"),
    ("US Air Force", "air force"),
    ("China Eastern Airlines", "china eastern"),
    ("Qatar Airways", "qatar airways"),
    ("Ford Motors Co.", "ford motors"),
    ("Bank of America Corporation", "bank of america"),
    ("Apple Computer", "apple computer"),
])
def test_org_core(name, core):
    assert org_core(name) == core
