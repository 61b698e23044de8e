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
