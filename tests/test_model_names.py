"""Tests for kg.extract.model_names: a body named with a country or demonym keeps its whole
name when the NER model reads it so, and the country stays where it does not."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from kg.extract.model_names import glued_countries, model_named_bodies


def typed_names(extract, text: str) -> set[tuple[str, str]]:
    return {(entity.name, entity.type) for entity in extract(text).entities}


@pytest.mark.parametrize(("text", "body", "country"), [
    ("Officials at the Norwegian Museum lent ten paintings to the town.",
     "Norwegian Museum", "Norway"),
    ("Talks were held with the Latvian Red Crescent on Monday.",
     "Latvian Red Crescent", "Latvia"),
    ("The Danish Aerospace company, also known as DAC, said a second jet would fly.",
     "Danish Aerospace", "Denmark"),
])
def test_a_body_a_demonym_opens_keeps_its_name(extract, text, body, country) -> None:
    names = typed_names(extract, text)
    assert (body, "Organization") in names
    assert (country, "Country") not in names


@pytest.mark.parametrize(("text", "kept"), [
    # an event, a title and a state body right after the demonym leave the country
    ("The Chinese New Year starts on Monday, and shops will close.", ("China", "Country")),
    ("The Canadian Government said on Friday that talks would go on.", ("Canada", "Country")),
    ("The British Prime Minister flew to Rome on Monday.", ("United Kingdom", "Country")),
    # a person after a demonym, named alone later, is no body
    ("The race was won by the Estonian Kaarel Tamm on Sunday. Tamm's car was new.",
     ("Estonia", "Country")),
])
def test_a_country_stays_where_the_model_reads_no_body(extract, text, kept) -> None:
    assert kept in typed_names(extract, text)


@pytest.mark.parametrize(("words", "ents", "glued"), [
    (["The", "Irish", "Aid", "fund", "paid"], [(1, 2, "KG_DEMONYM")], ["Irish"]),
    (["Penguin", "House", "New", "Zealand", "sold"], [(2, 4, "KG_DEMONYM")], ["New Zealand"]),
    (["He", "told", "FRANCE", "24", "so"], [(2, 3, "GPE")], ["FRANCE"]),
    # a day, a lower-case word or a sentence start beside it is no name's
    (["British", "officials", "met", "on", "Monday"], [(0, 1, "KG_DEMONYM")], []),
    (["In", "Kenya", "Monday", "was", "calm"], [(1, 2, "GPE")], []),
    (["Kenya", "won", "."], [(0, 1, "GPE")], []),
    # an organisation is no country or demonym
    (["The", "Acme", "Board", "met"], [(1, 2, "ORG")], []),
])
def test_glued_countries_are_those_beside_a_name_word(nlp, words, ents, glued) -> None:
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    assert [span.text for span in glued_countries(doc)] == glued


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials at the Norwegian Museum lent ten paintings to the town.",
     ["the Norwegian Museum"]),
    ("Norwegian officials lent ten paintings to the town.", []),
])
def test_model_named_bodies_are_the_models_organisations(nlp, text, expected) -> None:
    with nlp.select_pipes(enable=["kg_boilerplate", "tok2vec", "tagger", "parser",
                                  "attribute_ruler", "lemmatizer", "kg_entity_ruler",
                                  "kg_gazetteer_guard", "ner"]):
        doc = nlp(text)
    pipes = [nlp.get_pipe(n) for n in ("kg_entity_ruler", "kg_gazetteer_guard", "ner")]
    found = model_named_bodies(doc, pipes)
    assert [(s.text, s.label_) for s in found] == [(t, "ORG") for t in expected]
