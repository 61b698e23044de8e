"""Tests for kg.extract.governments: capitals and seats of government → the government."""

from __future__ import annotations

import pytest

from kg.extract.governments import Government, government_of


@pytest.mark.parametrize(("surface", "label", "expected"), [
    ("Oslo", "Place", Government("Norway", "Country", "NO")),
    ("Beijing", "Place", Government("China", "Country", "CN")),
    ("Moscow", "Place", Government("Russia", "Country", "RU")),
    ("Kyiv", "Place", Government("Ukraine", "Country", "UA")),
    ("Washington", "Place", Government("United States", "Country", "US")),
    ("Brussels", "Place", Government("European Union", "Organization", None)),
    ("the Kremlin", "Organization", Government("Russia", "Country", "RU")),
    ("Downing Street", "Place", Government("United Kingdom", "Country", "GB")),
])
def test_capitals_and_seats_stand_for_their_government(surface, label, expected):
    assert government_of(surface, label) == expected


@pytest.mark.parametrize(("surface", "label"), [
    ("Oslo", "Person"),      # a person named like a capital speaks for herself
    ("Bergen", "Place"),     # a city that is no capital
    ("Acme Oslo", "Organization"),
])
def test_other_names_stand_for_no_government(surface, label):
    assert government_of(surface, label) is None


@pytest.mark.parametrize(("surface", "expected"), [
    ("Kiev", Government("Ukraine", "Country", "UA")),      # geonames' alternate name of Kyiv
    ("Kyiv", Government("Ukraine", "Country", "UA")),
    ("Bogota", Government("Colombia", "Country", "CO")),   # without its accent
])
def test_capitals_under_their_alternate_names(surface, expected):
    assert government_of(surface, "Place") == expected


@pytest.mark.parametrize("surface", [
    "Philadelphia",  # an old name of Amman, but a city of its own
    "IEV",           # an airport code among Kyiv's alternate names
    "Peking",        # an old name too far from "Beijing" to be a spelling of it
])
def test_alternate_names_that_name_something_else_stand_for_no_government(surface):
    assert government_of(surface, "Place") is None
