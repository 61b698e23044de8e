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


class _Scratch(dict):
    """Values that hold a document's own Token or Span objects, kept in its ``user_data``
    for its lifetime only: a copy or a pickle of the document (the doc cache pickles
    ``user_data``, ``Doc.copy`` deep-copies it) starts without them, as they would point at
    the original document and spaCy cannot pickle them."""

    def __deepcopy__(self, memo: dict) -> _Scratch:
        return _Scratch()

    def __reduce__(self) -> tuple:
        return (_Scratch, ())


def scratch(doc: Doc) -> dict:
    """Return the document's scratch values (see :class:`_Scratch`): kept on the document
    rather than in a module, so nothing outlives it."""
    kept = doc.user_data.get("kg_scratch")
    if not isinstance(kept, _Scratch):
        kept = doc.user_data["kg_scratch"] = _Scratch()
    return kept


def tokens(doc: Doc) -> list[Token]:
    """Return the document's tokens as a list, made once per document: ``doc[i]`` and
    ``for t in doc`` make a new Token object each time, and the rules scan every article's
    tokens over a hundred times."""
    kept = scratch(doc)
    made = kept.get("tokens")
    if made is None or len(made) != len(doc):
        made = kept["tokens"] = list(doc)
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
