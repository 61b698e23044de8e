"""Entity-ruler patterns (kg.extract.actor_patterns), on sentences written for the tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "name"), [
    ("The Danish Chess Union said on Monday it would host the final.", "Danish Chess Union"),
    ("Members of the Finnish Nurses' Association voted to strike.",
     "Finnish Nurses' Association"),
    ("The Canadian Civil Liberties Association of Quebec sued the city.",
     "Canadian Civil Liberties Association of Quebec"),
    ("Shares in Dangote rose on the Ghanaian Exchange on Friday.", "Ghanaian Exchange"),
])
def test_a_body_a_demonym_opens_is_an_organisation(extract, text, name):
    x = extract(text)
    assert name in {e.name for e in x.entities if e.type == "Organization"}
    assert not [e for e in x.entities if e.type == "Country"]


@pytest.mark.parametrize(("text", "country"), [
    ("Russian President Vladimir Putin met the French Foreign Minister.", "Russia"),
    ("Danish officials said the plan would fail.", "Denmark"),
])
def test_a_demonym_before_a_title_or_noun_is_the_country(extract, text, country):
    assert country in {e.name for e in extract(text).entities if e.type == "Country"}


@pytest.mark.parametrize(("text", "country"), [
    ("Funds came from the Danish Government and a bank.", "Denmark"),
])
def test_a_demonym_before_a_public_bodys_head_alone_is_the_country(extract, text, country):
    assert country in {e.name for e in extract(text).entities if e.type == "Country"}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Shelters opened across the city, including the American Bank Center, officials said.",
     "American Bank Center", "Place"),
    ("The Mavericks beat the Suns at the American Airlines Center on Friday.",
     "American Airlines Center", "Place"),
    ("The Swiss National Bank raised rates, and American Airlines cut fares.",
     "Swiss National Bank", "Organization"),
    ("The Swiss National Bank raised rates, and American Airlines cut fares.",
     "American Airlines", "Organization"),
])
def test_a_building_named_after_a_bank_or_airline_is_a_place(extract, text, name, type_):
    assert (name, type_) in {(e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize(("text", "name", "short"), [
    ("The Danish Roads Agency (Vejstyrelsen) closed the bridge. Vejstyrelsen said it was "
     "unsafe.", "Danish Roads Agency", "Vejstyrelsen"),
    ("The Finnish Weather Service (FWS-K) warned of storms. FWS-K said winds would rise.",
     "Finnish Weather Service", "FWS-K"),
])
def test_a_bracketed_short_name_after_a_demonym_body_is_that_body(extract, text, name, short):
    x = extract(text)
    by_name = {e.name: e for e in x.entities}
    assert name in by_name and short not in by_name
    assert short in {m.text for m in by_name[name].mentions}


@pytest.mark.parametrize(("words", "ent", "expected"), [
    ("The German Rail Council ( GRC ) met .", (1, 4), {"GRC": "German Rail Council"}),
    ("The German Rail Council ( Bahnrat ) met .", (1, 4), {"Bahnrat": "German Rail Council"}),
    ("The German Rail Council ( 2024 ) met .", (1, 4), {}),
    ("The German Rail Council ( in Bonn ) met .", (1, 4), {}),
    ("Talks with Hanne Vik Council ( HVC ) went on .", (2, 5), {}),  # no demonym
])
def test_bracketed_short_names(nlp, words, ent, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.actor_patterns import bracketed_short_names

    doc = Doc(nlp.vocab, words=words.split())
    doc.ents = [Span(doc, *ent, label="ORG")]
    assert bracketed_short_names(doc) == expected


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("The North Atlantic Treaty Organisation met in Brussels.",
     "North Atlantic Treaty Organisation", "Organization"),
    ("Envoys of the Caspian Treaty Secretariat met in Baku.", "Caspian Treaty Secretariat",
     "Organization"),
    ("Ministers signed the Lisbon Treaty in 2007.", "Lisbon Treaty", "Plan"),
])
def test_a_body_named_after_a_treaty_is_an_organisation(extract, text, name, type_):
    assert (name, type_) in {(e.name, e.type) for e in extract(text).entities}
