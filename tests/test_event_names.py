"""The organisation inside a named flight or event (kg.extract.event_names), on sentences
written for the tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.extract.event_names import organisation_in_event_name


def _org(doc, text: str) -> Span:
    """Return the organisation entity ``text`` (its first occurrence) of ``doc``."""
    start = doc.text.index(text)
    return doc.char_span(start, start + len(text), label="ORG")


def _with_orgs(nlp, text: str, names: list[str]) -> list[Span]:
    """Return ``text`` parsed, with exactly the organisation entities ``names`` (one per
    occurrence), as the NER model might have found them."""
    doc = nlp(text)
    spans, at = [], 0
    for name in names:
        at = doc.text.index(name, at)
        spans.append(doc.char_span(at, at + len(name), label="ORG"))
        at += len(name)
    doc.ents = spans
    return spans


@pytest.mark.parametrize(("text", "entity", "expected"), [
    ("Divers searched for Borealis Air Flight 312 near the coast.",
     "Borealis Air Flight 312", "Borealis Air"),
    ("The wreck of Nordvik Airways Flight 90 was found.", "Nordvik Airways Flight", "Nordvik Airways"),
])
def test_the_organisation_of_a_flight_or_event(nlp, text, entity, expected):
    doc = nlp(text)
    assert organisation_in_event_name(_org(doc, entity)).text == expected


@pytest.mark.parametrize(("text", "names", "expected"), [
    # the organiser of an event the article also names alone
    ("Zentrix opened the Zentrix Cloud Summit on Monday. Zentrix said sales rose.",
     ["Zentrix Cloud Summit", "Zentrix"], "Zentrix"),
    ("At the Velo Motor Group Expo, Velo Motor showed a van. Velo Motor left.",
     ["the Velo Motor Group Expo", "Velo Motor", "Velo Motor"], "Velo Motor"),
    # the first words are named nowhere else: the event stays whole
    ("Crowds came to the Harvest Music Festival on Friday.", ["the Harvest Music Festival"],
     "the Harvest Music Festival"),
])
def test_the_organiser_of_an_event(nlp, text, names, expected):
    event = _with_orgs(nlp, text, names)[0]
    assert organisation_in_event_name(event).text == expected


@pytest.mark.parametrize(("text", "entity"), [
    # no number after "Flight": a company's name, not a flight
    ("Shares of Blue Flight Partners rose.", "Blue Flight Partners"),
])
def test_other_names_are_kept_whole(nlp, text, entity):
    doc = nlp(text)
    ent = _org(doc, entity)
    assert organisation_in_event_name(ent) == ent


@pytest.mark.parametrize(("text", "name"), [
    ("Rescuers reached the site where Borealis Air Flight 312 came down.", "Borealis Air"),
    ("Yesterday, at the Google Developers Conference, Google showed a phone. Google "
     "shares rose.", "Google"),
])
def test_the_organisation_is_an_actor(extract, text, name):
    assert name in {e.name for e in extract(text).entities if e.type == "Organization"}
