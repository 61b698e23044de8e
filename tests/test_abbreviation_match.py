"""Abbreviations built from syllables (kg.extract.abbreviation_match), on names written for
the tests."""

from __future__ import annotations

import pytest

from kg.extract.abbreviation_match import syllable_abbreviates


@pytest.mark.parametrize(("short", "name", "expected"), [
    # first syllables of the words, in order
    ("Letraco", "Lakeshore Electric Transmission Company", True),
    ("Norcom", "Northern Community", True),
    ("Hawfeta", "Harbour Workers Federation of Tanzania", True),
    # a legal word at the end may be left out
    ("Kalsa", "Kaltro Sarawak Bhd", True),
    ("Kalsab", "Kaltro Sarawak Bhd", True),
    # one word between the first and the last may give no letter
    ("VelGen", "Velmor Electricity Generating Company", True),
    # the initial of a compound's second part ("Dock" of "Riverdock")
    ("RTU", "Riverdock Union", False),
    ("RDU", "Riverdock Union", True),
    # a word in capitals and commas between words
    ("NLHPA", "NL Health Protection Agency", True),
    ("CMAS", "Commission for Mediation, Arbitration and Settlement", True),
    # no match: another first letter, letters no word gives, the last word left out
    ("Kamau", "Lakeshore Electric Transmission Company", False),
    ("Paris", "Pacific Airlines", False),
    ("Velm", "Velmor Steel", False),
    ("Le", "Lakeshore", False),
])
def test_syllable_abbreviates(short, name, expected):
    assert syllable_abbreviates(short, name) is expected


@pytest.mark.parametrize(("text", "name", "alias"), [
    ("Officials of the Harbour Workers Federation of Tanzania (Hawfeta) met on Monday. "
     "Hawfeta said talks had failed.", "Harbour Workers Federation of Tanzania", "Hawfeta"),
    ("The Lakeshore Electric Transmission Company (Letraco) has not finished the line. "
     "Letraco blamed the rains.", "Lakeshore Electric Transmission Company", "Letraco"),
])
def test_a_syllable_abbreviation_is_an_alias_of_its_name(extract, text, name, alias):
    x = extract(text)
    [org] = [e for e in x.entities if e.name == name]
    assert org.type == "Organization"
    assert alias in org.aliases
    assert not [e for e in x.entities if e.name == alias]


@pytest.mark.parametrize("text", [
    # a plural of capitals counts things; a list of services is no body
    "Velmor's Global Depositary Receipts (GDRs) opened lower. The GDRs fell again.",
    "The firm sells Maintenance, Repair and Overhaul (MRO) services to airlines.",
    # a name before 's owns the body: it is not part of the body's name
    "Ostland's Orange Reform Movement (ORM) met on Monday.",
])
def test_no_body_is_made_of_things_lists_or_owners(extract, text):
    x = extract(text)
    names = {e.name for e in x.entities if e.type == "Organization"}
    assert not {"Global Depositary Receipts", "Maintenance, Repair and Overhaul",
                "Ostland's Orange Reform Movement"} & names
