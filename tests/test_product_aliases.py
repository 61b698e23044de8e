"""A product's one-word name joined to the longer name the article says it stands for
(kg.extract.product_aliases), on sentences written for the tests."""

from __future__ import annotations

import pytest


def product_surfaces(nlp, text: str) -> dict[str, dict[str, int]]:
    """Return product name → its mentions' surfaces and counts."""
    doc = nlp(text)
    return {e.name: dict(e.surface) for e in doc._.kg_entities.values() if e.type == "Product"}


@pytest.mark.parametrize(("text", "expected"), [
    # the model named in apposition to its line is the product the article speaks of
    ("Velmor today announced its latest iteration of their popular zPhone, the zPhone 3GS. "
     "The new hardware drew crowds, and buyers of the zPhone liked it.",
     {"zPhone 3GS": {"zPhone 3GS": 1, "zPhone": 2}}),
    # a word the article calls a shop is the one shop named with it
    ("Velmor plans to sell films via the online zTunes Music Store. Analysts say zTunes is "
     "the biggest online retailer of music.",
     {"zTunes Music Store": {"zTunes Music Store": 1, "zTunes": 1}}),
])
def test_a_short_product_name_joins_the_name_it_stands_for(nlp, text, expected):
    assert product_surfaces(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Velmor today announced its latest iteration of their popular zPhone, the zPhone 3GS. "
     "The new hardware drew crowds, and buyers of the zPhone liked it.",
     {"zPhone": {"zPhone": 2}, "zPhone 3GS": {"zPhone 3GS": 1}}),
    ("Velmor plans to sell films via the online zTunes Music Store. Analysts say zTunes is "
     "the biggest online retailer of music.",
     {"zTunes Music Store": {"zTunes Music Store": 1}, "zTunes": {"zTunes": 1}}),
])
def test_without_the_rule_a_line_stays_apart(nlp, monkeypatch, text, expected):
    monkeypatch.setenv("KG_DISABLE", "product_alias_evidence")
    assert product_surfaces(nlp, text) == expected
