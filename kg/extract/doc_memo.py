"""Answers computed once per document: the rules ask the same question of every entity of an
article, so :func:`per_doc` keeps the first answer in ``doc.user_data``."""

from __future__ import annotations

from spacy.tokens import Doc, Token


def per_doc(compute):
    """Decorate ``compute(doc)`` to run once per document (kept in ``doc.user_data``): the
    context rules ask the same question for every entity of an article."""
    key = "kg_" + compute.__name__.lstrip("_")

    def cached(doc: Doc):
        if key not in doc.user_data:
            doc.user_data[key] = compute(doc)
        return doc.user_data[key]

    return cached


#: The last document :func:`tokens` was asked about, and its tokens.
_LAST_TOKENS: tuple[Doc | None, list[Token]] = (None, [])


def tokens(doc: Doc) -> list[Token]:
    """Return the document's tokens as a list, made once per document: ``doc[i]`` and
    ``for t in doc`` make a new Token object each time, and the rules scan every article's
    tokens over a hundred times. Kept for the last document asked about (Token objects
    cannot go in ``doc.user_data``, which the doc cache pickles and ``Doc.copy`` copies)."""
    global _LAST_TOKENS
    last, made = _LAST_TOKENS
    if last is not doc or len(made) != len(doc):
        made = list(doc)
        _LAST_TOKENS = (doc, made)
    return made


@per_doc
def token_texts(doc: Doc) -> tuple[str, ...]:
    """Return the text of every token, read once per document from its array (no Token
    objects made): the rules that match words against the whole article use it."""
    from kg.extract.boilerplate import doc_text_words

    return tuple(doc_text_words(doc))


@per_doc
def lower_case_words(doc: Doc) -> frozenset[str]:
    """Return the words the article writes in lower case: a capitalised one among them is
    that common word at a sentence's or a label's start ("Baklava producers", "Central Java
    - Visitors who ..."), not a name."""
    return frozenset(t.text for t in doc if t.is_lower)
