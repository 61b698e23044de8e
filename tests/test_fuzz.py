"""Fuzz: random article texts (Unicode, quote marks, markup, control characters) go through
ingest and extraction without a traceback, and every offset points into the text."""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kg.ingest import IngestError, read_text  # noqa: E402
from kg.pipeline import extract_articles  # noqa: E402

#: Pieces news text is made of, and the marks and markup that broke parsers before.
_PIECES = st.sampled_from([
    "Minister Anna Kowalski", " said", " met", " Poland", " on Monday", ", ", ". ", "\n", "\n\n",
    '"', "“", "”", "«", "»", "„", "'", "—", " — ", ":", "<b>", "</p>", "# ", "**", "&amp;",
    "\x00", "\x0c", "\t", "\u200b", "\ufeff", "Published: 2025-11-24\n", "2025-13-45",
    " according to Reuters", " he said", " «Non», ", "Zelenskyy", " 🇺🇦 ", "ﬁnance",
])
_TEXTS = st.one_of(
    st.lists(_PIECES, min_size=1, max_size=40).map("".join),
    st.text(min_size=1, max_size=300),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS)
def test_random_text_extracts_without_a_traceback(nlp, text):
    try:
        article = read_text(text, source="fuzz.txt", published="2025-11-25")
    except IngestError as err:
        assert "\n" not in str(err)  # a bad input is one clear line
        return
    [x] = extract_articles([article], nlp=nlp)
    spans = [m for e in x.entities for m in e.mentions] + [s.mention for s in x.statements]
    spans += [e.mention for e in x.events] + [r.mention for r in x.roles]
    for m in spans:
        assert 0 <= m.start <= m.end <= len(article.text)
        assert article.text[m.start:m.end] == m.text
    assert "\x00" not in article.text
    x.to_json()
