"""One type per actor per article, decided from all its mentions (kg.extract.types)."""

from __future__ import annotations

import pytest


def types_of(extraction, name: str) -> set[str]:
    """Return the types of every actor called ``name``."""
    return {e.type for e in extraction.entities if e.name == name}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Harlan said the vote was close. Harlan Industries is not involved, and Mr. Harlan "
     "declined to comment. Critics of Harlan were quiet.", "Harlan", "Person"),
    ("Fighting continued near Tavildara on Monday. Tavildara was calm by the evening.",
     "Tavildara", "Place"),
])
def test_one_name_one_type(extract, text, name, type_):
    assert types_of(extract(text), name) == {type_}


def test_no_actor_has_two_types_in_an_article(extract):
    x = extract("Harlan won the seat. Harlan Group said Harlan would serve a full term, and "
                "voters in Harlan cheered.")
    names = [e.name for e in x.entities]
    assert len(names) == len(set(names))


def test_family_name_first(extract):
    x = extract("The arrest of dissident Wang Donghai drew protests. Wang was held for a week.")
    assert types_of(x, "Wang Donghai") == {"Person"}
    assert not types_of(x, "Wang") - {"Person"}


@pytest.mark.parametrize("text", [
    "Midfielder Tomasz Wrzesniak scored twice for the visitors.",
    "Ms Aiko Tanabe said the plan would work.",
])
def test_non_english_names_are_people(extract, text):
    x = extract(text)
    assert {e.type for e in x.entities if e.name.endswith(("Wrzesniak", "Tanabe"))} == {"Person"}


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("Yorkshire beat Kent by six wickets.", 0, 1, True),
    ("Rain fell on Yorkshire on Monday.", 3, 4, False),
    ("Yorkshire 372 ( Ana Borg 63 )", 0, 1, True),
    ("NEW YORK 1996-08-30\nShares rose.", 0, 2, False),
])
def test_team_evidence(nlp, text, start, end, expected):
    from spacy.tokens import Span

    from kg.extract.types import team_evidence

    doc = nlp(text)
    assert team_evidence(Span(doc, start, end, label="Place")) is expected


def test_a_city_is_no_family_name_of_a_misread_person(extract):
    x = extract("A crash leaves two hurt in Seattle. Drivers said Seattle Fire crews were "
                "helping three people in Seattle.")
    assert types_of(x, "Seattle") == {"Place"}
