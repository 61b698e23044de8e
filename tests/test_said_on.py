"""Tests for kg.extract.quotes.said_on: the date a statement was made."""

from __future__ import annotations

import pytest

from kg.model import Article

WEDNESDAY = "2025-11-26"


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


def _statement_dates(nlp, text: str, published: str | None = WEDNESDAY) -> list[tuple]:
    from kg.pipeline import extract_articles

    [x] = extract_articles([Article("said-on", "", text, published=published)], nlp=nlp)
    return [(s.date, s.date_precision) for s in x.statements]


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        # the date of the cue dates the saying, not the content's nor another clause's
        ("Ana Kovač said on Tuesday that the vote, due on Friday, would be close.",
         "2025-11-25", "day"),
        ("Ana Kovač said Tuesday that parliament would vote on Friday.", "2025-11-25", "day"),
        ("On Monday, Ana Kovač told reporters that the budget was balanced.",
         "2025-11-24", "day"),
        ('"The vote will be close," Ana Kovač said on Tuesday.', "2025-11-25", "day"),
        ("Ana Kovač said on November 20, 2025 that the port would reopen.", "2025-11-20", "day"),
        ("On Monday, Ana Kovač walked out of the hearing, saying the process was rigged.",
         "2025-11-24", "day"),
        ("Ana Kovač, speaking on Tuesday, said the process was rigged.", "2025-11-25", "day"),
        ('"The port will reopen," Ana Kovač said in a statement released on Monday.',
         "2025-11-24", "day"),
        # no date of its own: the publication date stands in
        ("Ana Kovač, who met the envoy on Monday, said the vote would be close.",
         WEDNESDAY, "fuzzy"),
        ('"The vote on Friday will be close," Ana Kovač said.', WEDNESDAY, "fuzzy"),
        ("Ana Kovač said the parliament will vote on Friday.", WEDNESDAY, "fuzzy"),
        ("Ana Kovač said the vote would be close.", WEDNESDAY, "fuzzy"),
    ],
)
def test_a_statement_is_dated_by_its_cue(nlp, text: str, iso: str, precision: str) -> None:
    assert _statement_dates(nlp, text) == [(iso, precision)]


def test_a_statement_without_publication_date_is_undated(nlp) -> None:
    text = "Ana Kovač, who met the envoy in May 2024, said the vote would be close."
    assert _statement_dates(nlp, text, None) == [(None, None)]


def test_a_dated_cue_dates_a_statement_without_publication_date(nlp) -> None:
    text = "Ana Kovač said on November 20, 2025 that the port would reopen."
    assert _statement_dates(nlp, text, None) == [("2025-11-20", "day")]
