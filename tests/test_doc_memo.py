"""Per-document answers: per_doc memos, the shared token list and token texts."""

from __future__ import annotations

import copy
import gc
import pickle
import weakref

import pytest
import spacy
from spacy.tokens import Span

from kg.extract.doc_memo import per_doc, token_texts, tokens
from kg.extract.name_bounds import ner_entities


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.mark.parametrize("text", ["Ines Okafor reopened the harbour.", "", "Lagos"])
def test_tokens_are_the_documents_tokens_made_once(nlp, text):
    doc = nlp(text)
    made = tokens(doc)
    assert [(t.i, t.text) for t in made] == [(t.i, t.text) for t in doc]
    assert tokens(doc) is made
    assert token_texts(doc) == tuple(t.text for t in doc)


def test_tokens_follow_the_document_asked_about(nlp):
    first, second = nlp("Port reopens"), nlp("Mayor Ines Okafor spoke")
    assert [t.text for t in tokens(first)] == ["Port", "reopens"]
    assert [t.text for t in tokens(second)] == ["Mayor", "Ines", "Okafor", "spoke"]
    assert all(t.doc is first for t in tokens(first))


def test_per_doc_computes_once_per_document(nlp):
    calls = []

    @per_doc
    def _capitals(doc):
        calls.append(doc.text)
        return frozenset(t.text for t in doc if t.is_title)

    doc = nlp("Mayor Ines spoke")
    assert _capitals(doc) == _capitals(doc) == {"Mayor", "Ines"}
    assert calls == ["Mayor Ines spoke"] and "kg_capitals" in doc.user_data


@pytest.mark.parametrize("ask", [tokens, ner_entities, lambda doc: (tokens(doc), ner_entities(doc))])
def test_memos_do_not_keep_the_document_alive(nlp, ask):
    doc = nlp("Mayor Ines Okafor reopened the harbour in Lagos.")
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 7, 8, label="GPE")]
    ask(doc)
    alive = weakref.ref(doc)
    del doc
    gc.collect()
    assert alive() is None


@pytest.mark.parametrize("duplicate", [lambda doc: doc.copy(), copy.deepcopy,
                                       lambda doc: pickle.loads(pickle.dumps(doc))])
def test_a_copied_document_gets_its_own_tokens_and_entities(nlp, duplicate):
    doc = nlp("Mayor Ines Okafor spoke in Lagos")
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 5, 6, label="GPE")]
    made, ents = tokens(doc), ner_entities(doc)
    other = duplicate(doc)
    assert all(t.doc is other for t in tokens(other)) and tokens(other) is not made
    assert [(e.start, e.end, e.label_) for e in ner_entities(other)] == \
        [(e.start, e.end, e.label_) for e in ents] == [(1, 3, "PERSON"), (5, 6, "GPE")]
    assert all(e.doc is other for e in ner_entities(other))


def test_entities_are_made_again_when_the_document_s_entities_change(nlp):
    doc = nlp("Mayor Ines Okafor spoke in Lagos")
    doc.ents = [Span(doc, 1, 3, label="PERSON")]
    assert [e.text for e in ner_entities(doc)] == ["Ines Okafor"]
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 5, 6, label="GPE")]
    assert [e.text for e in ner_entities(doc)] == ["Ines Okafor", "Lagos"]
