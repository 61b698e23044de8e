"""Tests for kg.extract.credit_names: outlets named by a credit's, byline's or sign-off's
shape are organisations; people and jobs in those places are not."""

from __future__ import annotations

import pytest

from kg.extract.credit_names import _credit_matches


@pytest.mark.parametrize(("line", "last", "expected"), [
    ("Photo: Mara Quist/Velmorsport", False, ["Velmorsport"]),
    ("Image: Boats at the quay on Monday. (Ines Okafor / Harbour Daily)", False,
     ["Harbour Daily"]),
    ("Picture: VPA", False, ["VPA"]),
    ("Photos: Lumo, Ines Okafor and Tariq Bello / Lakeside Times", False,
     ["Lakeside Times", "Lumo"]),
    ("Picture: Ines Okafor at home. Credit: Quayside Press", False, ["Quayside Press"]),
    ("Source: VTN | Editor: Tariq Bello", False, ["VTN"]),
    ("By Ines Okafor | Velmor Online", False, ["Velmor Online"]),
    ("Ines Okafor, Energy Reporter | THE HARBOUR PRESS", False, ["THE HARBOUR PRESS"]),
    ("With VAP", True, ["VAP"]),
    ("— With files from The Harbour Press", False, ["The Harbour Press"]),
    ("- The Lakeside Herald", True, ["The Lakeside Herald"]),
    # a sign-off only ends the article; a bullet earlier lists things
    ("- The Lakeside Herald", False, []),
    # people and jobs in an outlet's place
    ("Picture: Mara Quist", False, []),
    ("With a report from Ines Okafor in Velmor", True, []),
    ("Ines Okafor | Business Reporter", False, []),
    ("Photo: Boats at the quay. Velmor Images/Mara Quist", False, []),
    # bars between links or table cells, not after a byline
    ("Related: Velmor Port Opens | Harbour Strike Ends", False, []),
    ("Velmor | Harbour", False, []),
])
def test_a_credit_names_its_outlet(line, last, expected) -> None:
    assert [line[s:e] for s, e in _credit_matches(line, last)] == expected


@pytest.mark.parametrize(("text", "outlet"), [
    ("Harbour workers went on strike on Monday, the union said.\n\nPhoto: Mara Quist/Velmorsport",
     "Velmorsport"),
    ("Harbour workers went on strike on Monday, the union said.\n\n- The Lakeside Herald",
     "Lakeside Herald"),
])
def test_a_credited_outlet_is_an_organisation(extract, text, outlet) -> None:
    assert (outlet, "Organization") in {(e.name, e.type) for e in extract(text).entities}


_TONGA_STORY = ("# Tonga bans shark fishing\n\nNeiafu, Tonga\n\nThe Ministry of Fisheries has "
                "banned shark fishing for two years, officials said on Monday.\n\n")


@pytest.mark.parametrize(("credit", "name", "in_credit", "expected"), [
    # an outlet named after its country, beside the photographer
    ("Photo: Divers at the reef. Manino Tonga / Kalena Tuala", "Manino Tonga", True, True),
    # a given name first is a person's evidence, whatever the surname
    ("Photo: Divers at the reef. Maria Tonga / Harbour Daily", "Maria Tonga", True, False),
    # no country among the words
    ("Photo: Divers at the reef. Manino Kaufo / Harbour Daily", "Manino Kaufo", True, False),
    # outside a credit line a name is read as the model reads it
    ("Manino Tonga said the ban was fair.", "Manino Tonga", False, False),
])
def test_a_credit_names_a_country_named_outlet(nlp, credit, name, in_credit, expected):
    from spacy.tokens import Span

    from kg.extract.credit_names import country_named_outlet

    text = _TONGA_STORY + credit
    doc = nlp(text)
    start = text.rindex(name)
    span = doc.char_span(start, start + len(name), label="Person")
    ranges = [(len(_TONGA_STORY), len(text))] if in_credit else []
    assert country_named_outlet(Span(doc, span.start, span.end, label="Person"), ranges) \
        is expected


def test_a_country_is_no_surname_of_a_credited_outlet(extract):
    found = {(e.name, e.type, len(e.mentions)) for e in extract(
        _TONGA_STORY + "Photo: Divers at the reef. Manino Tonga / Kalena Tuala").entities}
    assert {("Manino Tonga", "Organization", 1), ("Tonga", "Country", 2)} <= found
