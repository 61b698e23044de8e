"""Names the model missed that an apposition types (kg.extract.appositive_names), on
sentences written for the tests."""

from __future__ import annotations

import pytest

from kg.extract.appositive_names import appositive_names


def found(nlp, text: str) -> list[tuple[str, str]]:
    """Return the names the rule finds in ``text`` where the NER model found no name (the
    case the rule is for)."""
    doc = nlp(text)
    doc.ents = []
    return [(s.text, s.label_) for s in appositive_names(doc, set())]


@pytest.mark.parametrize(("text", "expected"), [
    ("The group will cut jobs at its German division, Velmora, next year.",
     [("Velmora", "Organization")]),
    ("Two models would be discontinued, the Kestrel and Brisa.",
     [("Kestrel", "Product"), ("Brisa", "Product")]),
])
def test_a_name_in_apposition_is_typed_by_its_noun(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text", [
    # a person in apposition to a person noun is not this rule's business
    "The new chairman, Tomasz Wrzesniak, spoke first.",
    # a word the article also writes in lower case is no name
    "Two models would be discontinued, the Kestrel and the kestrel bird.",
])
def test_no_name_from_other_appositions(nlp, text):
    assert [t for t, label in found(nlp, text) if label in ("Organization", "Product")] == []


def test_covered_tokens_are_left_alone(nlp):
    doc = nlp("The group will cut jobs at its German division, Velmora, next year.")
    doc.ents = []
    covered = {t.i for t in doc if t.text == "Velmora"}
    assert appositive_names(doc, covered) == []


@pytest.mark.parametrize(("disabled", "expected"), [
    ("", [("Opel", "Organization"), ("Opel", "Organization")]),
    ("appositive_names", []),
])
def test_every_mention_follows_the_apposition(nlp, monkeypatch, disabled, expected):
    # a carmaker the small model does not know, named after a noun for a company's part
    monkeypatch.setenv("KG_DISABLE", disabled)
    doc = nlp("The carmaker will cut 5,000 jobs at its German division, Opel, by 2027. "
              "Managers at Opel were told on Friday.")
    assert [(s.text, s.label_) for s in doc.spans["kg_actors"] if s.text == "Opel"] == expected
