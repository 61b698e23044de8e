"""Names in the rows of a results or standings table ("Lyon 2 Nantes 1", "Pohang 2 1 1 11
10 7"), which the NER model reads poorly: it runs two sides and a score into one entity or
skips a row altogether.

A line of figures (:func:`kg.extract.furniture.is_table_line`) is laid out as names between
numbers, so its runs of capitalised words are names, each bounded by the figures around it.
:func:`split_at_scores` cuts an entity that spans a score into its names;
:func:`table_row_names` finds the names NER left out. Their type comes from what kg knows
of the words (a country, a person's given name), else a side in a table: an organisation.
"""

from __future__ import annotations

import calendar
import re

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.actor_context import lowercase_words
from kg.extract.boilerplate import doc_text, iter_lines
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import per_doc
from kg.extract.furniture import is_table_line
from kg.extract.knowledge import is_country_or_city, is_given_name

#: Month and weekday names (and their short forms): dates, not names, in a fixtures table.
_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name,
                        *calendar.day_abbr) if w)
#: Lower-case words that join a name's capitalised words ("Queen of the South").
_JOINERS = frozenset("of the de la le van von der del da di".split())
_INITIAL_RE = re.compile(r"^[A-Z][a-z]?\.$")
#: NER labels of entities whose words a table row's name may take over.
_FIGURE_LABELS = frozenset("CARDINAL QUANTITY MONEY PERCENT LAW WORK_OF_ART PRODUCT EVENT "
                           "ORDINAL DATE TIME".split())


_SIDE = r"[A-Z][\w.'’&/-]*(?:[ \t]+(?:of|the|de|la|[A-Z][\w.'’&/-]*)){0,4}"
#: A match result on a line of its own: "Lyon 2 Nantes 1", "Queen of the South 2 Halden 1
#: (halftime 1-0)".
RESULT_LINE_RE = re.compile(
    rf"[ \t]*{_SIDE}[ \t]+\d{{1,3}}[ \t]*,?[ \t]+{_SIDE}[ \t]+\d{{1,3}}"
    r"(?:[ \t]*\([^()\n]{0,40}\))?[ \t]*[.;]?[ \t]*")


def is_result_line(line: str) -> bool:
    """Return True for a line that is one match result: a side, its score, the other side,
    its score.

    >>> is_result_line("Bristol City 4 Leeds United 1")
    True
    >>> is_result_line("Halden won 3 of its 5 games")
    False
    """
    return bool(RESULT_LINE_RE.fullmatch(line))


@per_doc
def table_lines(doc: Doc) -> list[tuple[int, int]]:
    """Return the character ranges of the lines of ``doc`` that are rows of a table or
    match results."""
    return [(a, b) for a, b, line in iter_lines(doc_text(doc))
            if is_table_line(line) or is_result_line(line)]


@per_doc
def result_lines(doc: Doc) -> list[tuple[int, int]]:
    """Return the character ranges of the lines of ``doc`` that are match results."""
    return [(a, b) for a, b, line in iter_lines(doc_text(doc)) if is_result_line(line)]


def in_table_row(token: Token) -> bool:
    """Return whether ``token`` lies in a table row."""
    return any(a <= token.idx < b for a, b in table_lines(token.doc))


def _name_word(token: Token) -> bool:
    """Return whether a token can be a word of a name in a table row: a capitalised word
    ("Pohang", "PITTSBURGH", "O'Neill") or an initial ("P.")."""
    text = token.text
    return (token.is_alpha or "'" in text or "’" in text or "-" in text.strip("-")) and \
        text[:1].isupper() and not token.like_num or bool(_INITIAL_RE.match(text))


def _joins_name(doc: Doc, i: int, end: int) -> bool:
    """Return whether token ``i`` is a joining word ("of", "the") followed by more joining
    words and then a name word before ``end`` ("Queen of the South")."""
    while i < end and doc[i].lower_ in _JOINERS:
        i += 1
    return i < end and _name_word(doc[i])


def _runs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Return the (start, end) token runs of name words in ``doc[start:end]``, joined by
    "'s", "of" or a hyphen written without spaces, that hold a word of two letters or more."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if not _name_word(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < end:
            token = doc[j]
            if _name_word(token) and "\n" not in doc[j - 1].whitespace_:
                j += 1
            elif (token.text in ("'s", "’s") or _joins_name(doc, j, end)) and \
                    not doc[j - 1].whitespace_.count("\n"):
                j += 1
            else:
                break
        while j > i + 1 and doc[j - 1].lower_ in _JOINERS:
            j -= 1
        if any(t.is_alpha and len(t) > 1 for t in doc[i:j]):
            runs.append((i, j))
        i = j
    return runs


#: The actor type of each label :func:`_table_label` gives.
_ACTOR_TYPES = {"GPE": "Country", "PERSON": "Person", "ORG": "Organization"}


def _table_label(name: Span) -> str:
    """Return the NER-like label of a name in a table row: a country, a person's name
    (a given name or an initial, then a surname), else a side: an organisation."""
    if lookup_country(name.text) is not None:
        return "GPE"
    first = name[0].text
    if len(name) >= 2 and (is_given_name(first) or _INITIAL_RE.match(first)):
        return "PERSON"
    return "ORG"


@rule("table_score_split", off=None)
def split_at_scores(ent: Span) -> list[Span] | None:
    """Return the names of an entity NER ran over a score in a table row ("Haitai 2 Samsung
    0" → "Haitai", "Samsung"), each labelled as the entity or, for a figure label, by what
    kg knows of its words; None when the entity spans no score there."""
    doc = ent.doc
    inner = [t for t in ent[1:-1] if t.like_num]
    if not inner or ent.label_ in ("DATE", "TIME") or not in_table_row(ent[0]):
        return None
    runs = _runs(doc, ent.start, ent.end)
    if len(runs) < 2:
        return None
    out = []
    for a, b in runs:
        name = doc[a:b]
        if ent.label_ not in _FIGURE_LABELS:
            out.append(Span(doc, a, b, label=ent.label_))
        elif _looks_like_name(name) and _row_name_evidence(name):
            out.append(Span(doc, a, b, label=_table_label(name)))
    return out


def _looks_like_name(name: Span) -> bool:
    """Return whether a run of capitalised words in a table row is a name: no date word,
    and a word the article never writes in lower case ("Total", "Points" are headings)."""
    lower = lowercase_words(name.doc)
    words = [t for t in name if t.is_alpha]
    return bool(words) and not any(t.lower_ in _CALENDAR_WORDS for t in words) and \
        not all(t.lower_ in lower or t.is_stop for t in words)


@per_doc
def match_sides(doc: Doc) -> tuple[tuple[str, ...], ...]:
    """Return the names of the sides of each match result line of ``doc``, in line order
    ("Puchon 2 Chonbuk 1" → ("Puchon", "Chonbuk"))."""
    sides = []
    for start_char, end_char in result_lines(doc):
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is not None:
            sides.append(tuple(doc[a:b].text for a, b in _runs(doc, span.start, span.end)))
    return tuple(sides)


def side_facing_an_organisation(span: Span) -> bool:
    """Return True for a name the article writes as a side in a match result whose other
    side the model labels an organisation, never a person, and no given name opens
    ("Northgate Rovers 2 Mila Falcons 1" beside "Northgate Rovers coach Ian Roe"): both
    sides of a match are of one kind, so a given name opening the name makes no person
    (part of ``person_evidence``)."""
    return span.text in _sides_facing_organisations(span.doc)


@per_doc
def _sides_facing_organisations(doc: Doc) -> frozenset[str]:
    """Return the names of the sides of a result line (:func:`match_sides`) whose other
    side is an organisation by the model's labels of all its mentions."""
    labels: dict[str, set[str]] = {}
    for ent in doc.ents:
        labels.setdefault(ent.text, set()).add(ent.label_)
    organisations = {name for name, seen in labels.items() if "ORG" in seen and
                     "PERSON" not in seen and not is_given_name(name.split()[0])}
    return frozenset(side for sides in match_sides(doc) if len(sides) == 2
                     for side, other in (sides, sides[::-1]) if other in organisations)


@per_doc
def _names_seen_elsewhere(doc: Doc) -> frozenset[str]:
    """Return the names the article writes outside its table rows (entities and their
    words) or as a side in a match result ("Puchon 2 Chonbuk 1" above the standings)."""
    rows = table_lines(doc)
    names = set()
    for ent in doc.ents:
        if not any(a <= ent.start_char < b for a, b in rows):
            names.add(ent.text)
            names.update(t.text for t in ent if t.is_title)
    for sides in match_sides(doc):
        names.update(sides)
    return frozenset(names)


def _row_name_evidence(name: Span) -> bool:
    """Return whether more than the layout says a table row's capitalised words are a name
    (a row of figures also lists "Revenue", "Net income"): the line is a match result, kg
    knows the words as a country, a city or a person's name, or the article names it
    outside its tables or in a match result."""
    doc = name.doc
    return any(a <= name.start_char < b for a, b in result_lines(doc)) or \
        is_country_or_city(name.text) or \
        _table_label(name) == "PERSON" or name.text in _names_seen_elsewhere(doc)


@rule("table_row_names", off=[])
def table_row_names(doc: Doc, covered: set[int]) -> list[Span]:
    """Return the names in table rows that no actor covers ("Puchon 3 1 0 6 1 10", "Lyon 2
    Nantes 1"): runs of capitalised words between figures with more evidence than the
    layout (:func:`_row_name_evidence`), typed by :func:`_table_label`."""
    found = []
    for start_char, end_char in table_lines(doc):
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            continue
        for a, b in _runs(doc, span.start, span.end):
            if any(i in covered for i in range(a, b)) or any(
                    doc[i].ent_type_ and doc[i].ent_type_ not in _FIGURE_LABELS
                    for i in range(a, b)):
                continue
            name = doc[a:b]
            if _looks_like_name(name) and _row_name_evidence(name):
                found.append(Span(doc, a, b, label=_ACTOR_TYPES[_table_label(name)]))
    return found
