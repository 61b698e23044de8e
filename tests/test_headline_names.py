"""Headline names bounded by the body (kg.extract.headline_names), on texts written for the
tests: title case makes verbs and nouns beside a name look like part of it."""

from __future__ import annotations

import pytest


def actors(extract, text: str) -> dict[str, str]:
    """Return actor name → type of an article's extraction."""
    return {e.name: e.type for e in extract(text).entities}


@pytest.mark.parametrize(("headline", "body", "expected", "wrong"), [
    ("# Norway and Chile Seal Pact on Salmon",
     "Norway and Chile signed an agreement on salmon exports on Friday in Oslo.",
     {"Norway": "Country", "Chile": "Country"}, {"Chile Seal Pact", "Seal Pact"}),
    ("# Halvorsen Reports Headway in Fishing Talks",
     "Foreign Minister Ingrid Halvorsen said on Sunday that the talks had made progress.",
     {"Ingrid Halvorsen": "Person"}, {"Halvorsen Reports Headway", "Reports Headway"}),
    ("# Lindqvist Defends Patient Privacy",
     "Health Minister Sara Lindqvist said patient privacy would be protected, and that the "
     "new records system would keep every patient's data in Sweden.",
     {"Sara Lindqvist": "Person"}, {"Patient Privacy", "Lindqvist Defends Patient Privacy"}),
    ("# Okafor Slams Budget Cuts",
     "Senator Grace Okafor criticised the cuts in a speech on Monday.",
     {"Grace Okafor": "Person"}, {"Okafor Slams", "Okafor Slams Budget Cuts"}),
])
def test_headline_words_the_body_writes_in_lower_case_are_no_part_of_a_name(
        extract, headline, body, expected, wrong):
    found = actors(extract, f"{headline}\n\n{body}")
    assert expected.items() <= found.items()
    assert not wrong & found.keys()


@pytest.mark.parametrize(("headline", "body", "name"), [
    ("# Talks at Lake Varna Resume",
     "Delegates returned to Lake Varna on Monday to resume the talks.", "Lake Varna"),
    ("# Brightwater Analytics Buys Rival",
     "Brightwater Analytics said on Monday it had bought a smaller rival.",
     "Brightwater Analytics"),
    ("# Marta Quist Wins Again", "Nobody expected it.", "Marta Quist"),
])
def test_a_headline_name_the_body_writes_whole_or_never_uses_is_kept(extract, headline, body,
                                                                     name):
    assert name in actors(extract, f"{headline}\n\n{body}")


@pytest.mark.parametrize(("text", "name"), [
    # a byline under the headline: the line is the name alone
    ("# Harbour Talks Stall\n\nLarry Fine\n\nOslo officials said the weather was fine and "
     "the talks would go on.", "Larry Fine"),
    # a desk credit at the end
    ("# Power Prices Rise\n\nPrices rose on Monday, traders said.\n\n-- Bergen Energy Desk",
     "Bergen Energy Desk"),
])
def test_a_name_alone_on_its_line_is_kept_whole(extract, text, name):
    assert name in actors(extract, text)


@pytest.mark.parametrize(("text", "name"), [
    # a byline's person whose surname's part the body writes in another name, no word in
    # lower case
    ("# Port Deal Questioned in Parliament\n\nPublished: 2026-03-02\n\nBy Kwame "
     "Osei-Boateng, Tema\n\nThe opposition asked for the contract. Ama Boateng-Larbi, the "
     "committee chair, said the deal was never approved.", "Kwame Osei-Boateng"),
    ("# Market Fire Destroys Stalls\n\nPublished: 2026-01-19\n\nBy Selorm Agbeko-Tetteh, "
     "Ho\n\nTraders lost their goods overnight. Fire officer Edem Tetteh-Quarshie said the "
     "cause was unknown.", "Selorm Agbeko-Tetteh"),
    ("# Bridge Repairs Begin in Kumasi\n\nPublished: 2026-06-08\n\nBy Abena Owusu-Ansah, "
     "Kumasi\n\nWorkers closed the bridge. Engineer Kojo Ansah-Frimpong said work would "
     "take a month.", "Abena Owusu-Ansah"),
])
def test_a_byline_person_with_no_part_named_and_no_common_word_is_kept(extract, text, name):
    assert actors(extract, text).get(name) == "Person"


def test_the_rule_can_be_switched_off(extract, monkeypatch):
    monkeypatch.setenv("KG_DISABLE", "headline_name_bounds")
    found = actors(extract, "# Halvorsen Reports Headway in Fishing Talks\n\n"
                            "Foreign Minister Ingrid Halvorsen said on Sunday that the talks "
                            "had made progress.")
    assert "Halvorsen Reports Headway" in found  # what the model reads without the rule
