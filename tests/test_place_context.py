"""Locative evidence beyond the word before a name (kg.extract.place_context)."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Span

from kg.extract.place_context import (
    conjunct_place_evidence,
    group_place_evidence,
    learned_place,
    widely_placed,
)


def _span(doc, words: str, label: str) -> Span:
    """Return the first span of ``doc`` whose text is ``words``, labelled ``label``."""
    for i in range(len(doc)):
        for j in range(i + 1, min(i + 5, len(doc)) + 1):
            if doc[i:j].text == words:
                return Span(doc, i, j, label=label)
    raise AssertionError(f"{words!r} not in {doc.text!r}")


def types_of(extraction, name: str) -> set[str]:
    """Return the types of every actor called ``name``."""
    return {e.type for e in extraction.entities if e.name == name}


@pytest.mark.parametrize(("text", "name", "label", "expected"), [
    ("Prices in Morvale and Kestrin were flat last month.", "Kestrin", "Person", True),
    ("Nobody stays behind in Arnsby, Toller or Wenlow, the mayor said.", "Wenlow",
     "Person", True),
    # "in" before an organisation's list is no place ("a stake in Opel and Fiat")
    ("The fund bought a stake in Velcor and Brightwell last year.", "Brightwell",
     "Organization", False),
    # the first name of the list is the word before's to judge, not this rule's
    ("Prices in Morvale and Kestrin were flat last month.", "Morvale", "Person", False),
    ("Lena Holt and Piet Vos spoke at length.", "Piet Vos", "Person", False),
    ("Roads were shut near Halvey, the Coastal Roads Commission said.", "Coastal Roads Commission",
     "Organization", False),
])
def test_conjunct_place_evidence(nlp, text, name, label, expected):
    assert conjunct_place_evidence(_span(nlp(text), name, label)) is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("He is selling plots by the roadside in Tambara this week.", "Tambara", True),
    ("Relief reached families in the Gorundi and Halvesi districts on Monday.", "Halvesi",
     True),
    ("Relief reached families in the Halvesi district on Monday.", "Halvesi", True),
    # a nationality the demonym list knows stays a group
    ("The report was written in French and Arabic.", "French", False),
    ("Talks with Kurdish leaders resumed.", "Kurdish", False),
])
def test_group_place_evidence(nlp, text, name, expected):
    assert group_place_evidence(_span(nlp(text), name, "Group")) is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Three units at Velmore tripped on Tuesday night.", "Velmore", True),
    ("The ministry added extra trains to Dunmarra and Kelby.", "Kelby", True),
    ("A young poet from Ostrava read first.", "Ostrava", True),
    ("My mother is from Ostrava.", "Ostrava", True),
    # "from" after a verb of moving or taking says nothing ("joined Milan from Torino")
    ("The striker joined Velcor from Ostrava in June.", "Ostrava", False),
    # a possessive names something of the name's ("at Velmore's plant")
    ("Staff at Velmore's plant walked out.", "Velmore", False),
    ("Velmore said profits rose.", "Velmore", False),
])
def test_widely_placed(nlp, text, name, expected):
    assert widely_placed(_span(nlp(text), name, "Organization")) is expected


@pytest.mark.parametrize(("text", "name", "label"), [
    # known cities after prepositions that NER reads as a body's or a person's
    ("A delegation of chiefs from Kumasi arrived on Sunday. Traders cheered.", "Kumasi",
     "Organization"),
    ("The operator has put on more trains to Eskişehir and Konya for the holiday.", "Eskişehir",
     "Person"),
])
def test_known_places_after_wide_prepositions_are_places(nlp, text, name, label):
    from kg.extract.types import decide_types

    span = _span(nlp(text), name, label)
    assert [s.label_ for s in decide_types([span])] == ["Place"]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Leather workshops in Normandy and Brittany employ 400 people.", "Normandy", "Place"),
    # no locative word: the classifier alone does not move it
    ("Normandy said the workshops employ 400 people.", "Normandy", None),
])
def test_learned_place_needs_a_locative(nlp, text, name, expected):
    span = _span(nlp(text), name, "Organization")
    assert learned_place("Organization", Counter({"Organization": 1}), [span]) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("A memorial tournament will be held at the Szeged Chess Museum in May.",
     "Szeged Chess Museum"),
    ("A service was held at the Uniting Church of Tuvalu in Funafuti.",
     "Uniting Church of Tuvalu"),
    ("Talks were held at the Velmor Chess Federation on Friday.", "Velmor Chess Federation"),
])
def test_learned_place_leaves_an_institution_after_at(nlp, text, name):
    span = _span(nlp(text), name, "Organization")
    assert learned_place("Organization", Counter({"Organization": 1}), [span]) is None


@pytest.mark.parametrize(("name", "expected"), [
    ("Szeged Chess Museum", True),
    ("Uniting Church of Tuvalu", True),
    ("Harbour Workers Union", True),
    ("Kessel Hut", False),
    ("Bay of Kessel", False),
])
def test_institution_name(nlp, name, expected):
    from kg.extract.place_context import _institution_name

    assert _institution_name(nlp(name)[:]) is expected


def test_learned_place_keeps_a_voted_person(nlp):
    span = _span(nlp("Workshops in Normandy employ 400 people."), "Normandy", "Person")
    assert learned_place("Person", Counter({"Person": 1}), [span]) is None


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Aoife Brennan, 22, grew up in Carrigbeg and Dunmarra. Brennan turned professional "
     "in June.", "Dunmarra", "Place"),
    # a person named like a city keeps a person's evidence
    ("Sydney Okafor, 31, said the course was hard. Okafor finished third.",
     "Sydney Okafor", "Person"),
])
def test_extracted_types(extract, text, name, type_):
    assert types_of(extract(text), name) == {type_}


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Leather workshops in Normandy employ 400 people.", "Normandy", True),
    ("A convoy went up the Tarran valley road along Kessel Ridge.", "Kessel Ridge", True),
    # prepositions that take persons and bodies as often as places
    ("She spoke to Tendai Moyo about the novel.", "Tendai Moyo", False),
    ("She is an analyst at Harwell Partners in London.", "Harwell Partners", False),
    ("Three units at Velmore tripped on Tuesday night.", "Velmore", True),
    ("The plan is centred on Te Arawa Trust, whose members voted.", "Te Arawa Trust", False),
    # "in the" names courts and records as often as places
    ("The case was heard in the High Court on Monday.", "High Court", False),
])
def test_placed_as_no_body(nlp, text, name, expected):
    from kg.extract.place_context import _placed_as_no_body

    assert _placed_as_no_body(_span(nlp(text), name, "Organization")) is expected

