"""Find page furniture — headings, headline-case lines, ads, bylines, "Related:" links.

The ``kg_boilerplate`` component stores two lists of character ranges on the ``Doc``:
``doc._.kg_junk`` (never a source of facts) and ``doc._.kg_headlines`` (title and section
headings: actors there count only when the body names them too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import AD_LINE_RE, BYLINE_RE, JUNK_LINE_RE, META_LINE_RE

if not Doc.has_extension("kg_junk"):
    Doc.set_extension("kg_junk", default=[])
if not Doc.has_extension("kg_datelines"):
    Doc.set_extension("kg_datelines", default=[])
if not Doc.has_extension("kg_headlines"):
    Doc.set_extension("kg_headlines", default=[])

_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or the to vs via with".split())
_TIMELINE_RE = re.compile(r"^\s*(?:[-*•·–]\s*)?[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?\s*:")


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, computed once per document (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def line_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Return where the line holding ``start`` begins and the line holding ``end`` (default
    ``start``) ends, without its newline.

    >>> line_bounds("Title\\nBody text", 8)
    (6, 15)
    """
    stop = text.find("\n", start if end is None else end)
    return text.rfind("\n", 0, start) + 1, len(text) if stop == -1 else stop


#: Longer lines that start like furniture ("Photo LONDON -- ...") are article prose.
MAX_JUNK_LINE = 300


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, line)`` for every line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def is_headline_case(line: str) -> bool:
    """Return True for short lines without closing punctuation whose words are capitalised.

    >>> is_headline_case("Witkoff Meets Putin as Russia Ukraine War Escalates")
    True
    >>> is_headline_case("Talks went on late into the night.")
    False
    """
    stripped = line.strip().strip("#").strip()
    if not stripped or stripped[-1] in ".?!\"”’:;," or len(stripped) > 160:
        return False
    words = [w for w in re.split(r"\s+", stripped) if re.search(r"[A-Za-z]", w)]
    if not words or len(words) > 16:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit() or w[0] in "&'\"“")
    return capitalised >= max(1, round(0.8 * len(content)))


def junk_and_headline_ranges(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return (junk ranges, headline ranges) of ``text`` by looking at its lines."""
    junk: list[tuple[int, int]] = []
    headlines: list[tuple[int, int]] = []
    lines = list(iter_lines(text))
    trailing_block = False
    for index, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if (JUNK_LINE_RE.match(stripped) and len(stripped) <= MAX_JUNK_LINE) or (
                META_LINE_RE.match(stripped)):
            junk.append((start, end))
            trailing_block = trailing_block or stripped.lower().startswith("related")
        elif BYLINE_RE.match(stripped) and len(stripped.split()) <= 8:
            junk.append((start, end))
        elif index > 2 and AD_LINE_RE.match(stripped) and not _TIMELINE_RE.match(stripped):
            junk.append((start, end))
        elif trailing_block and is_headline_case(stripped):
            junk.append((start, end))
        elif is_headline_case(stripped) and not _TIMELINE_RE.match(stripped):
            headlines.append((start, end))
    return junk, headlines


#: "EINDHOVEN, Netherlands —" / "GENEVA (Reuters) -" at the start of a paragraph.
DATELINE_RE = re.compile(
    r"(?:^|\n)[ \t]*([A-ZÀ-Þ][A-ZÀ-Þ.'’ -]{2,}(?:,[ \t]*[A-ZÀ-Þ0-9][\w.'’ -]{0,40}){0,3}"
    r"(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*[—–-])[ \t]+")


def mark_dateline_sentence_starts(doc: Doc) -> None:
    """End the dateline as a sentence of its own, so its place is never a subject, and record
    its range in ``doc._.kg_datelines``."""
    matches = list(DATELINE_RE.finditer(doc.text))
    doc._.kg_datelines = [(m.start(1), m.end(1)) for m in matches]
    for m in matches:
        span = doc.char_span(m.end(1), m.end(), alignment_mode="expand")
        if span is not None and span.end < len(doc):
            doc[span.end].is_sent_start = True
            for token in doc[span.start + 1:span.end]:
                token.is_sent_start = False


def mark_line_sentence_starts(doc: Doc) -> None:
    """Start a sentence after a blank line, and after a line break that ends a sentence,
    a heading or a list item, so the parser never joins a heading or list line to the next.
    Hard-wrapped lines inside a sentence are left alone."""
    text = doc.text
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if not prev.is_space or "\n" not in prev.text or token.is_space:
            continue
        if prev.text.count("\n") >= 2 or token.i < 2:
            token.is_sent_start = True
            continue
        before = doc[token.i - 2]
        line_start = text.rfind("\n", 0, before.idx) + 1
        line = text[line_start:before.idx + len(before.text)]
        if (before.text[-1:] in ".?!:;\"”’)" or is_headline_case(line) or len(line) < 60
                or token.text in ("-", "*", "•", "·", "–")):
            token.is_sent_start = True


@Language.component(
    "kg_boilerplate", assigns=["doc._.kg_junk", "doc._.kg_headlines", "token.is_sent_start"],
    requires=[],
)
def boilerplate_component(doc: Doc) -> Doc:
    """Mark page furniture so later components skip it, and sentence starts at line breaks."""
    doc._.kg_junk, doc._.kg_headlines = junk_and_headline_ranges(doc.text)
    mark_line_sentence_starts(doc)
    mark_dateline_sentence_starts(doc)
    return doc


def in_ranges(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Return True if ``[start, end)`` overlaps any of ``ranges``."""
    return any(start < r_end and r_start < end for r_start, r_end in ranges)
