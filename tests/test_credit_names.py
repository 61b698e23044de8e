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
