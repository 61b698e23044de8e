"""Find page furniture — headings, headline-case lines ("Related:" links among them),
metadata lines.

The ``kg_furniture`` component stores three lists of character ranges on the ``Doc``:
``doc._.kg_junk`` (never a source of facts), ``doc._.kg_headlines`` (title and section
headings: actors there count only when the body names them too) and
``doc._.kg_named_furniture`` (the junk lines whose names are still names: captions, credits
and links written in sentence case). It reads the text alone
and runs after the model, so the model's output (and a cache of it, :mod:`kg.doc_cache`)
does not depend on the furniture rules.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.ablation import reads_disabled_once, rule
from kg.extract.boilerplate import (
    DATE_DATELINE_RE,
    doc_text,
    is_headline_case,
    iter_lines,
)
from kg.lexicon.page_lines import JUNK_LINE_RE, META_LINE_RE

_TIMELINE_RE = re.compile(r"^\s*(?:[-*•·–]\s*)?[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?\s*:")

#: Longer lines that start like furniture ("Photo LONDON -- ...") are article prose.
MAX_JUNK_LINE = 300


_BULLET_RE = re.compile(r"^\s*(?:[-*•·–—]|\d{1,2}[.)])\s+\S")
_LIST_LABEL_RE = re.compile(r"^[^\W\d][\w'’ -]{0,30}:\s+\S")
_LIST_SEPARATOR_RE = re.compile(r"\s*(?:[,;]|\band\b)\s*")


def is_list_line(line: str) -> bool:
    """Return True for a line listing names: a bullet or numbered item, a "Label: A, B"
    line, or three or more short comma-separated items ("Ana Lopes, Marta Silva, Rita Sousa").
    Such lines are article content (a squad, a cabinet, signatories), not headings.

    >>> is_list_line("Team: Ana Lopes, Marta Silva")
    True
    >>> is_list_line("Witkoff Meets Putin as Russia Ukraine War Escalates")
    False
    """
    stripped = line.strip()
    if _BULLET_RE.match(stripped):
        return True
    body = stripped.split(":", 1)[1] if _LIST_LABEL_RE.match(stripped) else stripped
    items = [i for i in _LIST_SEPARATOR_RE.split(body) if i.strip()]
    short = all(len(re.findall(r"[^\W\d_]+", i)) <= 6 for i in items)
    return short and (len(items) >= 3 or (body is not stripped and len(items) >= 1))


_NUMBER_RE = re.compile(r"^[-+(]?[\d.,:/%-]*\d[\d.,:/%-]*\)?$")


def is_table_line(line: str) -> bool:
    """Return True for a row of a results or figures table ("Lotte 6 Hyundai 2", "Hanwha 58
    1 49 .542 6"): at least two numbers, and numbers are two words in five or more.

    >>> is_table_line("Hanwha 58 1 49 .542 6")
    True
    >>> is_table_line("Apple Profit Rises 20 Percent")
    False
    """
    words = line.split()
    numbers = sum(bool(_NUMBER_RE.match(w)) for w in words)
    return numbers >= 2 and numbers >= 0.4 * len(words)


def list_block_lines(lines: list[tuple[int, int, str]]) -> set[int]:
    """Return the indexes of lines in a block introduced by a line ending with a colon
    ("The ministers are:"), up to the next blank line after the first item: one name a line."""
    inside: set[int] = set()
    opened = seen_item = False
    for index, (_, _, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if seen_item:
                opened = seen_item = False
            continue
        if opened and not stripped.endswith(":") and len(stripped.split()) <= 12:
            inside.add(index)
            seen_item = True
            continue
        opened, seen_item = stripped.endswith(":") and not JUNK_LINE_RE.match(stripped), False
    return inside


def junk_and_headline_ranges(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return (junk ranges, headline ranges) of ``text`` by looking at its lines.

    A line that lists names (:func:`is_list_line`, :func:`list_block_lines`) is no
    headline: its names are actors like any other."""
    junk: list[tuple[int, int]] = []
    headlines: list[tuple[int, int]] = []
    lines = list(iter_lines(text))
    listed = list_block_lines(lines)
    first = next((i for i, (_, _, line) in enumerate(lines) if line.strip()), 0)
    for index, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        in_list = index != first and _lists_names(stripped, index in listed)
        if (JUNK_LINE_RE.match(stripped) and len(stripped) <= MAX_JUNK_LINE) or (
                META_LINE_RE.match(stripped)):
            junk.append((start, end))
        elif is_headline_case(stripped) and not in_list and not _TIMELINE_RE.match(stripped):
            headlines.append((start, end))
    return junk, headlines


@rule("list_lines_kept")
def _lists_names(line: str, in_block: bool) -> bool:
    """Return True for a line whose names are content, not a heading: a list item
    or a line in a list block, a results-table row, a place-and-date dateline."""
    return in_block or is_list_line(line) or is_table_line(line) or \
        bool(DATE_DATELINE_RE.fullmatch(line))


#: Furniture that shows or links to content: a caption, a credit, a link to another story.
#: Its label ends at a colon ("Image credit:", "Read more:") or is the first word ("Video
#: shows ...").
_SHOWING_LINE_RE = re.compile(
    r"^\s*(?:(?P<label>(?:related|read more|see also|also read|more from|photos?|images?|"
    r"video|caption)\b[^:\n]{0,20}:)|(?:photos?|images?|video|caption)\b)(?P<rest>.*)$",
    re.IGNORECASE)


@rule("furniture_names_kept")
def names_are_content(line: str) -> bool:
    """Return True for a caption, a photo credit or a link to another story written in
    sentence case ("Photo: Ama Boateng on stage. (Kofi Mensah/Daily Star)", "Related: Orvane to
    cut 200 jobs in Tamale"): its names are written as in prose, so a name the model finds
    there is a name. A link in headline case ("Related: Orvane Meets Union as Strike Looms")
    capitalises every word, so its capitals say nothing; chrome (ads, sign-ups, copyright)
    names nothing the article reports."""
    match = _SHOWING_LINE_RE.match(line)
    if match is None:
        return False
    parts = [p for p in re.split(r"\s+\|\s+", match["rest"]) if p.strip()]
    return bool(parts) and not any(_headline(p) for p in parts)


def is_caption(line: str) -> bool:
    """Return True for a photo, image or video caption ("Image 2 of 8: ...", "Photo: ..."),
    not a link to another story ("Related: ...").

    >>> is_caption("Image 2 of 8: Lee greets guests."), is_caption("Read more: Lee wins")
    (True, False)
    """
    match = _SHOWING_LINE_RE.match(line)
    return match is not None and not re.match(
        r"\s*(?:related|read more|see also|also read|more from)\b", line, re.IGNORECASE)


def _headline(part: str) -> bool:
    """Return whether a link's or caption's text is a headline: headline case, one sentence
    ("The Vessel at Port Kelang. STAR PHOTO: Ben Ooi" has two: a caption and its credit)."""
    return is_headline_case(part) and not re.search(r"[.!?]\s", part)


def named_furniture_ranges(text: str, junk: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the ranges of ``junk`` whose lines are captions, credits or links whose names
    count (:func:`names_are_content`)."""
    return [(start, end) for start, end in junk if names_are_content(text[start:end])]


@Language.component(
    "kg_furniture",
    assigns=["doc._.kg_junk", "doc._.kg_headlines", "doc._.kg_named_furniture"],
    requires=[],
)
@reads_disabled_once
def furniture_component(doc: Doc) -> Doc:
    """Mark page furniture (headings, links, metadata lines) so later components skip it.

    It reads the text alone, so it runs after the model: the model's output (and a cache of
    it, :mod:`kg.doc_cache`) does not depend on the furniture rules."""
    text = doc_text(doc)
    doc._.kg_junk, doc._.kg_headlines = junk_and_headline_ranges(text)
    doc._.kg_named_furniture = named_furniture_ranges(text, doc._.kg_junk)
    return doc
