"""Answers computed once per document: the rules ask the same question of every entity of an
article, so :func:`per_doc` keeps the first answer in ``doc.user_data``."""

from __future__ import annotations

from spacy.tokens import Doc


def per_doc(compute):
    """Decorate ``compute(doc)`` to run once per document (kept in ``doc.user_data``): the
    context rules ask the same question for every entity of an article."""
    key = "kg_" + compute.__name__.lstrip("_")

    def cached(doc: Doc):
        if key not in doc.user_data:
            doc.user_data[key] = compute(doc)
        return doc.user_data[key]

    return cached
