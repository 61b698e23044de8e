"""Within-article resolution (kg.extract.resolve) on sentences written for the tests:
company names with and without suffixes, and products named by their model."""

from __future__ import annotations

import pytest

from kg.extract.resolve import org_core


def entities_named(extraction, name: str) -> list:
    """Return the actors whose name or alias is ``name``."""
    return [e for e in extraction.entities if name == e.name or name in e.aliases]


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


def test_a_company_with_and_without_its_suffix_is_one_actor(extract):
    x = extract("Passengers praised Aer Lingus Group PLC on Monday, and Aer Lingus said it "
                "was pleased.")
    (airline,) = entities_named(x, "Aer Lingus")
    assert airline.type == "Organization"
    assert {airline.name, *airline.aliases} == {"Aer Lingus Group PLC", "Aer Lingus"}


def test_a_bare_product_name_stays_apart_from_its_model(extract):
    x = extract("Arden launched the zPhone 5G in May. Reviewers said the zPhone was fast.")
    names = {e.name for e in x.entities if e.type == "Product"}
    assert {"zPhone 5G", "zPhone"} <= names


def test_a_product_in_another_case_or_number_is_one_actor(extract):
    x = extract("Corvane unveiled the zPad Max on Monday. The zpad Max costs $400.")
    products = [e for e in x.entities if e.type == "Product"]
    assert len(products) == 1


@pytest.mark.parametrize(("text", "full", "short"), [
    ("The Nordic Fisheries Commission proposed quotas on Monday. The Commission said the "
     "quotas would start in May.", "Nordic Fisheries Commission", "Commission"),
    ("The Valmont City Council met on Tuesday. The Council voted 7-2 to approve the budget.",
     "Valmont City Council", "Council"),
    ("The Supreme Court of Arvia heard the appeal. The Court will rule in June.",
     "Supreme Court of Arvia", None),
])
def test_a_body_named_in_full_and_then_by_its_last_word_is_one_actor(extract, text, full,
                                                                     short):
    x = extract(text)
    (body,) = entities_named(x, full)
    assert body.type == "Organization"
    if short is not None:
        assert short in body.aliases
    assert not [e for e in x.entities if e.name in ("Commission", "Council", "Court")]


def test_a_last_word_two_bodies_share_stays_apart(extract):
    x = extract("The Valmont City Council and the Arvia County Council met on Tuesday. "
                "The Council voted to approve the budget.")
    assert not entities_named(x, "Council")
    for name in ("Valmont City Council", "Arvia County Council"):
        assert "Council" not in entities_named(x, name)[0].aliases


@pytest.mark.parametrize(("words", "clubs", "short", "expected"), [
    ("Westvale City won , and City fans sang".split(), [0], 5, "Organization"),
    ("Westvale City and Harlow City drew , and City fans".split(), [0, 3], 8, "Place"),
])
def test_a_generic_last_word_of_one_club_named_in_full_is_that_club(nlp, words, clubs, short,
                                                                     expected):
    from spacy.tokens import Doc, Span

    from kg.extract.resolve import _relabel_short_org_names

    doc = Doc(nlp.vocab, words=words)
    orgs = [Span(doc, i, i + 2, label="Organization") for i in clubs]
    spans = _relabel_short_org_names(orgs + [Span(doc, short, short + 1, label="Place")])
    assert spans[-1].label_ == expected
