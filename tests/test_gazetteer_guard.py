"""Tests for kg.extract.gazetteer_guard: gazetteer matches never cut longer names."""

from __future__ import annotations

import pytest


def actor_names(extract, text: str) -> set[tuple[str, str]]:
    return {(entity.name, entity.type) for entity in extract(text).entities}


@pytest.mark.parametrize(("text", "expected", "not_expected"), [
    ("Jordan Henderson scored twice for Liverpool.", ("Jordan Henderson", "Person"),
     ("Jordan", "Country")),
    ("Chad Smith, the drummer, said the tour was over.", ("Chad Smith", "Person"),
     ("Chad", "Country")),
    ("The Washington Post reported the vote.", ("Washington Post", "Organization"),
     ("Washington", "Place")),
    ("The Austin City Council approved the budget.", ("Austin City Council", "Organization"),
     ("City", "Place")),
    ("She moved to Mexico City in May.", ("Mexico City", "Place"), ("Mexico", "Country")),
])
def test_a_country_or_place_inside_a_longer_name_is_left_to_the_model(
        extract, text, expected, not_expected) -> None:
    names = actor_names(extract, text)
    assert expected in names
    assert not_expected not in names


@pytest.mark.parametrize(("text", "expected"), [
    ("Shelling hit Kyiv and Kharkiv on Tuesday.", {("Kyiv", "Place"), ("Kharkiv", "Place")}),
    ("Russian drones struck Kyiv overnight.", {("Kyiv", "Place"), ("Russia", "Country")}),
    ("US President Donald Trump met officials in Geneva.",
     {("United States", "Country"), ("Donald Trump", "Person"), ("Geneva", "Place")}),
    ("Prices rose in the Middle East and in Addis Ababa.",
     {("Middle East", "Place"), ("Addis Ababa", "Place")}),
])
def test_standalone_gazetteer_names_keep_their_type(extract, text, expected) -> None:
    assert expected <= actor_names(extract, text)


@pytest.mark.parametrize("text", ["Paris Hilton attended the gala.",
                                  "Oil rose in the Middle East.",
                                  "The City of London opened."])
def test_words_of_multi_word_places_are_no_places_alone(extract, text) -> None:
    assert not {name for name, _ in actor_names(extract, text)} & {"Paris", "City", "East",
                                                                   "Middle"}


def _ruler_doc(nlp, text: str):
    """Return ``text`` run through the pipeline up to the entity ruler (the guard's input)."""
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names[:nlp.pipe_names.index("kg_entity_ruler") + 1]:
        doc = nlp.get_pipe(name)(doc)
    return doc


@pytest.mark.parametrize(("text", "place", "glued"), [
    # a headline capitalises every word: "Election" and "Across" go on no name the body has
    ("# Norway Election Night Live: Labour Leads\n\nVoters in Norway chose a new "
     "parliament. The election was close.\n", "Norway", False),
    ("# Rail Strike Live: Trains Cancelled Across Denmark as Drivers Walk Out\n\nTrains "
     "stopped across Denmark on Monday as drivers walked out.\n", "Denmark", False),
    # the body capitalises the word beside the place: one name, in the headline too
    ("# Jordan Henderson Scores Twice\n\nThe midfielder Jordan Henderson scored twice on "
     "Sunday.\n", "Jordan", True),
    # running text: the guard as before
    ("Voters in Norway Election Night chose.\n", "Norway", True),
])
def test_headline_capitals_glue_no_place_to_a_word_the_body_writes_in_lower_case(
        nlp, text, place, glued) -> None:
    from kg.extract.gazetteer_guard import glued_places

    doc = _ruler_doc(nlp, text)
    first = next(e for e in doc.ents if e.text == place)
    assert ((first.start, first.end) in {(g.start, g.end) for g in glued_places(doc)}) is glued
