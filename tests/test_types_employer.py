"""Tests for kg.extract.types' employer evidence: a name before a title and a person."""

from __future__ import annotations

import pytest


def actor_types(extract, text: str) -> dict[str, str]:
    return {entity.name: entity.type for entity in extract(text).entities}


@pytest.mark.parametrize(("text", "name"), [
    ("Brannock Rovers drew 1-1 on Saturday. Rovers manager Ivo Kestrel said the draw was fair. "
     "Rovers host Dunmore next week.", "Brannock Rovers"),
    ("Veltra chief executive Hana Oduya said sales rose.", "Veltra"),
])
def test_a_name_before_a_title_and_a_person_is_an_organisation(extract, text, name) -> None:
    assert actor_types(extract, text).get(name) == "Organization"


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Paris mayor Anne Hidalgo opened the bridge.", "Paris", "Place"),
    ("France coach Didier Deschamps named his squad.", "France", "Country"),
])
def test_public_offices_and_countries_are_no_employers(extract, text, name, type_) -> None:
    assert actor_types(extract, text).get(name) == type_


def test_a_clubs_last_word_before_its_manager_makes_the_club_an_organisation(extract) -> None:
    types = actor_types(extract, "Manchester United drew 1-1 with Real Sociedad on Thursday "
                                 "after Joshua Zirkzee put United ahead. United manager Ruben "
                                 "Amorim said the team had been in control.")
    assert types.get("Manchester United") == "Organization"


@pytest.mark.parametrize(("text", "title_at", "employs"), [
    ("Wexley County Sheriff Dana Reyes said deputies found the car.", 2, False),
    ("Dunmore councilwoman Ana Lopes said the bridge would reopen.", 1, False),
    ("Dunmore prosecutor Ana Lopes said the case would go to trial.", 1, False),
    ("Dunmore manager Ana Lopes said the team played well.", 1, True),
])
def test_a_countys_or_a_citys_elected_officers_make_no_employer(nlp, text, title_at,
                                                                 employs) -> None:
    from kg.extract.type_votes import _employee_follows

    assert _employee_follows(nlp(text), title_at) is employs


@pytest.mark.parametrize(("words", "expected"), [
    ("Lyon prosecutor Marc Rey said the raid worked .", False),
    ("Brest sheriff Ana Roux said the road was closed .", False),
    ("Lyon manager Marc Rey said the draw was fair .", True),
    ("Veltra chief executive Hana Oduya said sales rose .", True),
])
def test_an_office_of_the_courts_or_the_police_names_no_employer(nlp, words, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.type_votes import employer_evidence

    doc = Doc(nlp.vocab, words=words.split())
    first = words.split().index(next(w for w in words.split()[1:] if w[0].isupper()))
    doc.ents = [Span(doc, first, first + 2, label="PERSON")]
    assert employer_evidence(Span(doc, 0, 1, label="Organization")) is expected
