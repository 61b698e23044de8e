"""Shared fixtures: the spaCy pipeline (loaded once) and a helper to extract a text."""

from __future__ import annotations

import pytest

from kg.model import Article, Extraction


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp):
    """Return a function: text (and publication date) → Extraction."""
    from kg.pipeline import extract_articles

    def run(text: str, published: str | None = "2025-11-25") -> Extraction:
        article = Article(Article.make_id("test", text), "Test", text, published, "test")
        return next(extract_articles([article], nlp=nlp))

    return run

