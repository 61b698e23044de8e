"""Tests for kg.extract.modality: negated, planned and hypothetical clauses from the parse."""

from __future__ import annotations

import pytest

from kg.extract.modality import MODALITIES, clause_modality, span_modality, statement_modality


def _verb(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("text", "word", "modality"), [
    ("Norway signed the treaty with Chile.", "signed", "asserted"),
    ("Norway would not sign the treaty with Chile.", "sign", "negated"),
    ("Norway never signed the treaty.", "signed", "negated"),
    ("Norway refused to sign the treaty.", "sign", "negated"),
    ("Norway will sign the treaty next week.", "sign", "planned"),
    ("Norway plans to sign the treaty.", "sign", "planned"),
    ("Norway is going to sign the treaty.", "sign", "planned"),
    ("Norway could sign the treaty.", "sign", "hypothetical"),
    ("If talks fail, Norway would leave the group.", "leave", "hypothetical"),
    # a purpose or what an object is for is a goal, not a happening
    ("Norway won a contract to build two frigates.", "build", "planned"),
    ("Norway set up a fund to rebuild the harbour.", "rebuild", "planned"),
])
def test_clause_modality_reads_the_parse(nlp, text: str, word: str, modality: str) -> None:
    assert clause_modality(_verb(nlp, text, word)) == modality


def test_a_deadline_makes_a_plan(nlp) -> None:
    verb = _verb(nlp, "Norway cuts its emissions by 2035.", "cuts")
    assert clause_modality(verb, deadline=True) == "planned"
    assert clause_modality(verb) == "asserted"


@pytest.mark.parametrize(("text", "content", "modality"), [
    ("Oslo said the army would never cross the border.", "the army would never cross the border",
     "negated"),
    ("Oslo said the army crossed the border.", "the army crossed the border", "asserted"),
    ("Oslo said the army will cross the border.", "the army will cross the border", "planned"),
])
def test_span_modality_of_a_statement_content(nlp, text: str, content: str,
                                              modality: str) -> None:
    doc = nlp(text)
    start = text.index(content)
    assert span_modality(doc, start, start + len(content)) == modality
    assert modality in MODALITIES


def test_span_modality_without_a_verb_is_asserted(nlp) -> None:
    doc = nlp("A long and cold winter.")
    assert span_modality(doc, 0, len(doc.text)) == "asserted"


@pytest.mark.parametrize(("text", "content", "cue", "modality"), [
    # the saying itself did not happen: never asserted, whatever the content says
    ("The mayor of Tromso did not say whether the ferry would run in May.",
     "whether the ferry would run in May", "say", "negated"),
    ("The mayor of Tromso denied saying that the ferry was unsafe.",
     "that the ferry was unsafe", "saying", "negated"),
    # the saying is yet to come
    ("The mayor of Tromso will announce that the ferry runs again.",
     "that the ferry runs again", "announce", "planned"),
    # a saying that happened takes the content's modality
    ("The mayor of Tromso said that the ferry would never run again.",
     "that the ferry would never run again", "said", "negated"),
    ("The mayor of Tromso said that the ferry runs again.", "that the ferry runs again",
     "said", "asserted"),
])
def test_statement_modality_reads_the_cue_then_the_content(
        nlp, text: str, content: str, cue: str, modality: str) -> None:
    doc = nlp(text)
    start = text.index(content)
    assert statement_modality(doc, start, start + len(content), cue) == modality


@pytest.mark.parametrize(("text", "word", "modality"), [
    # a verb that keeps the happening its noun names from taking place, or puts it off
    ("Norway cancelled the summit with Chile.", "summit", "negated"),
    ("The summit with Chile was postponed.", "summit", "planned"),
    ("Norway hosted the summit with Chile.", "summit", "asserted"),
])
def test_noun_event_held_off_by_its_verb(nlp, text: str, word: str, modality: str) -> None:
    assert clause_modality(_verb(nlp, text, word)) == modality


@pytest.mark.parametrize(("text", "word", "modality"), [
    # the content of a report or claim is reported, not a fact
    ("The mayor resigned because of reports stating that the port had favoured Brova Steel.",
     "favoured", "reported"),
    ("Allegations that the mayor took bribes surfaced in Tromso.", "took", "reported"),
    ("Brova Steel denied claims that it paid the mayor.", "paid", "reported"),
    ("Prosecutors alleged that Brova Steel paid the mayor.", "paid", "reported"),
    ("Brova Steel reportedly paid the mayor.", "paid", "reported"),
    # a report that is a thing, not a content clause, changes nothing
    ("The report, published by the council, found losses at the port.", "published",
     "asserted"),
    # a named speaker's "said" keeps the clause asserted; a negation still wins
    ("The mayor said that Brova Steel paid the fine.", "paid", "asserted"),
    ("Reports said that Brova Steel never paid the fine.", "paid", "negated"),
    # a verb tagged as a noun still governs its complement ("plan" as a noun)
    ("Chile and Peru plan to build a bridge.", "build", "planned"),
])
def test_clause_modality_of_reports_and_claims(nlp, text: str, word: str,
                                              modality: str) -> None:
    assert clause_modality(_verb(nlp, text, word)) == modality
    assert modality in MODALITIES


def test_statement_content_is_never_reported_again(nlp) -> None:
    text = "Prosecutors alleged that Brova Steel paid the mayor."
    content = "that Brova Steel paid the mayor"
    start = text.index(content)
    doc = nlp(text)
    assert span_modality(doc, start, start + len(content)) == "asserted"
    assert statement_modality(doc, start, start + len(content), "alleged") == "asserted"
