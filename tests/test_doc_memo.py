"""Per-document answers: per_doc memos, the shared token list and token texts."""

from __future__ import annotations

import pytest
import spacy

from kg.extract.doc_memo import per_doc, token_texts, tokens


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
