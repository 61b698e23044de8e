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
