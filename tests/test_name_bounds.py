"""Where names start and end (kg.extract.name_bounds), on sentences written for the tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from kg.extract.name_bounds import _split_repeated_name_pair, with_division_number


def actor_names(nlp, text: str) -> dict[str, str]:
    """Return actor mention text → type for a text."""
    doc = nlp(text)
    return {s.text: s.label_ for s in doc.spans["kg_actors"]}


@pytest.mark.parametrize(("words", "start", "end", "expected"), [
    ("the Strato and Strato Max ship".split(), 0, 5, ["the Strato", "Strato Max"]),
    ("Laurent Pavie and Laurent Morel scored".split(), 0, 5, ["Laurent Pavie",
                                                               "Laurent Morel"]),
    ("Johnson and Johnson rose".split(), 0, 3, None),
    ("Marks and Spencer rose".split(), 0, 3, None),
])
def test_split_repeated_name_pair(nlp, words, start, end, expected):
    doc = Doc(nlp.vocab, words=words)
    parts = _split_repeated_name_pair(Span(doc, start, end, label="ORG"))
    assert (None if parts is None else [p.text for p in parts]) == expected


@pytest.mark.parametrize(("words", "start", "end", "expected"), [
    ("in the Harrow and Wealdstone League Division One today".split(), 4, 7,
     "Harrow and Wealdstone League Division One"),
    ("the League said two clubs".split(), 1, 2, "League"),
    ("Harrow and Leeds United drew".split(), 2, 4, "Leeds United"),
])
def test_with_division_number(nlp, words, start, end, expected):
    doc = nlp(" ".join(words))
    assert with_division_number(Span(doc, start, end, label="ORG")).text == expected


def test_a_capitalised_word_starting_the_sentence_is_no_part_of_a_name(nlp):
    names = actor_names(nlp, "Fellow Austin resident Maria Lopez testified on Monday.")
    assert "Fellow Austin" not in names
    assert names.get("Austin") == "Place"
    assert names.get("Maria Lopez") == "Person"


@pytest.mark.parametrize("text", [
    "Rose Byrne said the film would open in May.",
    "Grace Lindqvist said the vote was close.",
])
def test_a_given_name_starting_the_sentence_stays(nlp, text):
    first = text.split()[0]
    assert any(name.startswith(first + " ") for name in actor_names(nlp, text))


@pytest.mark.parametrize(("text", "name"), [
    ("Mikel Oyarzabal scored twice for the visitors on Sunday.", "Mikel Oyarzabal"),
    ("The goal came from Mikel Oyarzabal after ten minutes.", "Mikel Oyarzabal"),
])
def test_a_given_name_before_a_one_word_name_makes_a_person(nlp, text, name):
    assert actor_names(nlp, text).get(name) == "Person"


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Troops from Chad arrived in the capital on Monday.", "Chad", "Country"),
    ("In California, a lawsuit was filed against the firm.", "California", "Place"),
])
def test_a_place_after_a_word_that_is_a_given_name_keeps_its_type(nlp, text, name, type_):
    assert actor_names(nlp, text).get(name) == type_


@pytest.mark.parametrize(("text", "name"), [
    ("Rebels of the National Liberation Army of Peru laid down arms.",
     "National Liberation Army of Peru"),
    ("The deal was signed with the United Workers Front of Bolivia in May.",
     "United Workers Front of Bolivia"),
])
def test_an_organisation_ending_in_of_takes_the_country_after_it(extract, text, name):
    x = extract(text)
    assert {(e.name, e.type) for e in x.entities} == {(name, "Organization")}
