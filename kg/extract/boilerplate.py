"""Mark line and dateline sentence starts, and datelines' places and wire services.

The ``kg_boilerplate`` component (before the model) starts sentences at line breaks and
marks datelines ("GENEVA (Reuters) —"): ranges in ``doc._.kg_datelines``; their place,
region and wire service are spans in ``doc.spans["kg_dateline"]`` (labels ``Place`` /
``Organization``, with ``span._.kg_dateline_name``) and preset entities the NER keeps. Page
furniture (``doc._.kg_junk``, ``doc._.kg_headlines``, ``doc._.kg_named_furniture``) is
:mod:`kg.extract.furniture`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.ablation import reads_disabled_once, rule

if not Doc.has_extension("kg_junk"):
    Doc.set_extension("kg_junk", default=[])
if not Doc.has_extension("kg_datelines"):
    Doc.set_extension("kg_datelines", default=[])
if not Doc.has_extension("kg_headlines"):
    Doc.set_extension("kg_headlines", default=[])
if not Doc.has_extension("kg_named_furniture"):
    Doc.set_extension("kg_named_furniture", default=[])
if not Span.has_extension("kg_dateline_name"):
    Span.set_extension("kg_dateline_name", default=None)

_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or the to vs via with".split())


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, computed once per document (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def word_positions(doc: Doc) -> dict[str, list[int]]:
    """Return token text → the indices of its tokens, built in one pass per document (the
    steps that look up given words then skip the rest of the tokens)."""
    positions = doc.user_data.get("kg_word_positions")
    if positions is None:
        positions = {}
        for i, word in enumerate(doc_text_words(doc)):
            positions.setdefault(word, []).append(i)
        doc.user_data["kg_word_positions"] = positions
    return positions


def doc_text_words(doc: Doc) -> list[str]:
    """Return the text of every token of ``doc`` (without making a Token object for each)."""
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    return [strings[key] for key in doc.to_array([ORTH]).ravel().tolist()] if len(doc) else []


def line_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Return where the line holding ``start`` begins and the line holding ``end`` (default
    ``start``) ends, without its newline.

    >>> line_bounds("Title\\nBody text", 8)
    (6, 15)
    """
    stop = text.find("\n", start if end is None else end)
    return text.rfind("\n", 0, start) + 1, len(text) if stop == -1 else stop



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


#: "EINDHOVEN, Netherlands —" / "GENEVA (Reuters) -" at the start of a paragraph; a
#: typewriter's double hyphen is a dash too ("SEOUL, March 4 (Yonhap) --").
DATELINE_RE = re.compile(
    r"(?:^|\n)[ \t]*([A-ZÀ-Þ][A-ZÀ-Þ.'’ /-]{2,}(?:,[ \t]*[A-ZÀ-Þ0-9][\w.'’ -]{0,40}){0,3}"
    r"(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*(?:--|[—–―-]))[ \t]+")


#: The parts of a dateline head: the place in capitals, then ", Region" or ", Nov. 12"
#: segments, then the wire service in parentheses.
_DATELINE_PARTS = re.compile(
    r"(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*(?:(?:[ ]+|[ ]*/[ ]*)[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*)*)"
    r"(?P<segments>(?:[ \t]*,[ \t]*[^,()\n—–―]+?)*)"
    r"(?:[ \t]*\((?P<agency>[^)\n]{1,40})\))?[ \t]*(?:--|[—–―-])$")
#: A dateline's place and wire service split by a full stop ("ASTANA. KAZINFORM –"): the
#: word before it is a whole word of three letters or more, not an abbreviation ("ST. LOUIS").
_AGENCY_AFTER_STOP = re.compile(r"(?P<place>[^.]*?[A-ZÀ-Þ'’-]{3,})\.[ ]+(?P<agency>[A-ZÀ-Þ].*)")
_SEGMENT = re.compile(r"[^,]+")
_DATE_WORD = re.compile(r"\d|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
#: Newsroom labels that start a line like a dateline ("BREAKING —") but name no place.
NEWSROOM_LABELS = frozenset(
    "breaking update updated exclusive correction corrected analysis opinion editorial "
    "watch live factbox explainer refile interview preview review urgent alert flash "
    "advisory comment feature profile timeline graphic photos video".split())


@dataclass(frozen=True)
class DatelineParts:
    """Character ranges of a dateline's place, its region or country segments ("MANILA,
    Philippines —") and its wire service ("(Reuters)"); ``name`` is the place as written
    elsewhere in the text, else title-cased ("TROMSØ" → "Tromsø")."""

    place: tuple[int, int]
    name: str
    regions: tuple[tuple[int, int], ...] = ()
    agency: tuple[int, int] | None = None


@rule("slash_dateline_places", off=None)
def _slash_places(place: str, start: int) -> list[tuple[int, int]] | None:
    """Return the character ranges of the places of a dateline that names several joined by
    slashes ("SEOUL/BARCELONA ―": a story filed from two cities), or None for one place."""
    if "/" not in place:
        return None
    ranges = []
    for m in re.finditer(r"[^/]+", place):
        value = m.group().strip()
        if value:
            a = start + m.start() + m.group().index(value)
            ranges.append((a, a + len(value)))
    return ranges if len(ranges) > 1 else None


def dateline_parts(text: str, start: int, end: int) -> DatelineParts | None:
    """Return the parts of the dateline head ``text[start:end]``, or ``None`` when it starts
    with a newsroom label ("BREAKING —") rather than a place."""
    m = _DATELINE_PARTS.fullmatch(text, start, end)
    if m is None:
        return None
    place = m.group("place").rstrip(" -")
    agency = m.span("agency") if m.group("agency") and m.group("agency").strip() else None
    stop = _AGENCY_AFTER_STOP.fullmatch(place)
    if stop is not None and agency is None:  # "ASTANA. KAZINFORM –": the place, the agency
        agency = (m.start("place") + stop.start("agency"), m.start("place") + len(place))
        place = stop.group("place")
    places = _slash_places(place, m.start("place"))
    if places is not None:  # the first place is the dateline's, the others are places too
        place = text[places[0][0]:places[0][1]]
    words = re.findall(r"[^\W\d_]+", place.lower())
    if not words or words[0] in NEWSROOM_LABELS or len(place.replace(".", "")) < 2:
        return None
    regions = list(places[1:]) if places is not None else []
    base = m.start("segments")
    for seg in _SEGMENT.finditer(m.group("segments")):
        value = seg.group().strip()
        if value and value[0].isupper() and not _DATE_WORD.search(value):
            s = base + seg.start() + seg.group().index(value)
            regions.append((s, s + len(value)))
    if m.group("agency") and m.group("agency").strip():
        inner = m.group("agency")
        agency = (agency[0] + len(inner) - len(inner.lstrip()),
                  agency[1] - len(inner) + len(inner.rstrip()))
    return DatelineParts((m.start("place"), m.start("place") + len(place)),
                         place_name(text, place), tuple(regions), agency)


def place_name(text: str, place: str) -> str:
    """Return an all-caps dateline place as the text spells it elsewhere, else title-cased.

    >>> place_name("TROMSØ — Talks in Tromsø went on.", "TROMSØ")
    'Tromsø'
    >>> place_name("ADDIS ABABA — Talks went on.", "ADDIS ABABA")
    'Addis Ababa'
    """
    pattern = re.compile(r"(?<!\w)" + re.escape(place) + r"(?!\w)", re.IGNORECASE)
    for m in pattern.finditer(text):
        if not m.group().isupper():
            return m.group()
    return place.title()


def filed_datelines(text: str, matches: list[re.Match]) -> list[re.Match]:
    """Return the dateline matches that say where a story was filed: not those followed by
    a headline rather than a sentence ("SOCCER - HOSTS WIN CUP.", "UK - Talks Fail Again"),
    whose capitals are a section label."""
    out = []
    for m in matches:
        _, line_end = line_bounds(text, m.start(1))
        if not _is_headline_text(text[m.end(1):line_end]):
            out.append(m)
    return out


@rule("dateline_actors", off=[])
def dateline_spans(doc: Doc, matches: list[re.Match]) -> list[Span]:
    """Return labelled spans for the datelines' places and regions (``Place``) and wire
    services (``Organization``), each span's ``kg_dateline_name`` set to its place name.

    ``matches`` are the dash datelines (:func:`filed_datelines`); place-and-date lines
    ("LONDON 1996-08-30") are found here.
    """
    text = doc_text(doc)
    found = [dateline_parts(text, m.start(1), m.end(1)) for m in matches]
    found += [date_dateline_parts(text, a, b) for a, b in date_dateline_heads(text)]
    spans = []
    for parts in found:
        if parts is None:
            continue
        ranges = [(parts.place, "Place", parts.name)]
        ranges += [(r, "Place", text[r[0]:r[1]]) for r in parts.regions]
        if parts.agency is not None:
            ranges.append((parts.agency, "Organization", text[parts.agency[0]:parts.agency[1]]))
        for (start, end), label, name in ranges:
            span = doc.char_span(start, end, label=label)
            if span is not None:
                span._.kg_dateline_name = name
                spans.append(span)
    return spans


def _is_headline_text(text: str) -> bool:
    """Return True for headline text: headline case, or mostly capital letters."""
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return is_headline_case(text) or (bool(letters) and upper > 0.6 * len(letters))


#: spaCy entity labels given to dateline spans, so the model and kg_actors take them.
DATELINE_ENT_LABELS = {"Place": "GPE", "Organization": "ORG"}


def mark_dateline_entities(doc: Doc, spans: list[Span]) -> None:
    """Store the dateline spans in ``doc.spans["kg_dateline"]`` and preset them as entities
    (GPE / ORG) that the NER keeps, so the place and the wire service become actors."""
    doc.spans["kg_dateline"] = spans
    ents = [Span(doc, s.start, s.end, label=DATELINE_ENT_LABELS[s.label_]) for s in spans]
    if ents:
        doc.set_ents(ents, default="unmodified")


#: A dateline on a line of its own: "LONDON 1996-08-30", "MILWAUKEE, Wisconsin 1996-08-29",
#: "OSLO, March 3", "TEHRAN (AFP) Dec 13, 2003".
DATE_DATELINE_RE = re.compile(
    r"(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*(?:[ ]+[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*)*)"
    r"(?P<segments>(?:[ \t]*,[ \t]*[A-Z][\w.'’ ]{0,30}?)?)"
    r"(?:[ \t]+\((?P<agency>[A-Z][\w.&' ]{0,30})\))?[ \t]*,?[ \t]+"
    r"(?:\d{4}-\d{2}-\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"[ \t]+\d{1,2}(?:,[ \t]*\d{4})?|\d{1,2}[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec)[a-z]*\.?(?:[ \t]+\d{4})?)")
#: Date datelines are looked for among the first lines with text only.
DATE_DATELINE_LINES = 4


def date_dateline_heads(text: str) -> list[tuple[int, int]]:
    """Return the ranges of place-and-date lines ("LONDON 1996-08-30") near the top."""
    out = []
    seen = 0
    for start, _, line in iter_lines(text):
        if not line.strip():
            continue
        seen += 1
        if seen > DATE_DATELINE_LINES:
            break
        offset = len(line) - len(line.lstrip())
        if DATE_DATELINE_RE.fullmatch(line.strip()):
            out.append((start + offset, start + offset + len(line.strip())))
    return out


def date_dateline_parts(text: str, start: int, end: int) -> DatelineParts | None:
    """Return the place, region and wire service of a place-and-date line ("MILWAUKEE,
    Wisconsin 1996-08-29", "TEHRAN (AFP) Dec 13, 2003"), or ``None`` for a newsroom
    label."""
    m = DATE_DATELINE_RE.fullmatch(text, start, end)
    if m is None:
        return None
    words = re.findall(r"[^\W\d_]+", m.group("place").lower())
    if not words or words[0] in NEWSROOM_LABELS:
        return None
    regions = ()
    segment = m.group("segments").strip().lstrip(",").strip()
    if segment:
        at = text.index(segment, m.start("segments"))
        regions = ((at, at + len(segment)),)
    place = m.group("place")
    agency = m.span("agency") if m.group("agency") else None
    return DatelineParts(m.span("place"), place_name(text, place), regions, agency)


def mark_dateline_sentence_starts(doc: Doc) -> None:
    """End the dateline as a sentence of its own, so its place is never a subject, record
    its range in ``doc._.kg_datelines`` (without the wire service, which is no place) and
    mark its place and agency (:func:`mark_dateline_entities`)."""
    matches = list(DATELINE_RE.finditer(doc_text(doc)))
    datelines = filed_datelines(doc_text(doc), matches)
    spans = dateline_spans(doc, datelines)
    agencies = [(s.start_char, s.end_char) for s in spans if s.label_ == "Organization"]
    doc._.kg_datelines = [r for m in datelines for r in _without(m.span(1), agencies)]
    doc._.kg_datelines += [r for head in date_dateline_heads(doc_text(doc))
                           for r in _without(head, agencies)]
    mark_dateline_entities(doc, spans)
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
    text = doc_text(doc)
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
    "kg_boilerplate",
    assigns=["doc._.kg_datelines", "doc.spans", "doc.ents", "token.is_sent_start"],
    requires=[],
)
@reads_disabled_once
def boilerplate_component(doc: Doc) -> Doc:
    """Mark sentence starts at line breaks and datelines, and preset the datelines' places
    and wire services as entities, before the model parses and tags the text."""
    mark_line_sentence_starts(doc)
    mark_dateline_sentence_starts(doc)
    return doc


def _without(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``span`` minus the ranges in ``holes`` that lie inside it."""
    out, start = [], span[0]
    for h_start, h_end in sorted(holes):
        if span[0] <= h_start and h_end <= span[1]:
            out.append((start, h_start))
            start = h_end
    out.append((start, span[1]))
    return [r for r in out if r[1] > r[0]]


def in_ranges(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Return True if ``[start, end)`` overlaps any of ``ranges``."""
    return any(start < r_end and r_start < end for r_start, r_end in ranges)
