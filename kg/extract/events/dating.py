"""When an event happened: which dates of a sentence date its event, deadlines, the lede's date,
the report day, and whether two dates may name the same day."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from kg.extract.dates import FUTURE_AUX, DateInfo, DateValue
from kg.extract.events.clauses import (
    _clause_root,
    _governing_verb,
    _trigger,
    event_type,
)

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "fuzzy": 3}
#: Days before publication within which a date further down the opening may date the main
#: event (older ones are background).
RECENT_DAYS = 31
#: Types that say nothing about what happened, so do not pick a date by type.
_UNTYPED = frozenset({"other", "announce", "report", "statement"})


def dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    """Return whether two event dates may name the same day: one contains the other, or
    one is fuzzy (around its day) and the other lies in the weeks around it ("2007" is not).
    """
    if a is None or b is None or a.precision == b.precision == "fuzzy":
        return True
    if "fuzzy" in (a.precision, b.precision):
        fuzzy, other = (a, b) if a.precision == "fuzzy" else (b, a)
        return _within(other, fuzzy.iso, RECENT_DAYS, 7)  # the weeks around the fuzzy day
    return a.iso.startswith(b.iso) or b.iso.startswith(a.iso)


def _within(value: DateValue, anchor_iso: str, before: int, after: int | None = None) -> bool:
    """Return whether ``value`` overlaps the days from ``before`` days before the day
    ``anchor_iso`` to ``after`` days after it (no end when ``None``)."""
    try:
        anchor = dt.date.fromisoformat(anchor_iso[:10])
    except ValueError:
        return True

    def cut(days: int) -> str:
        return (anchor + dt.timedelta(days=days)).isoformat()[:len(value.iso)]

    return cut(-before) <= value.iso and (after is None or value.iso <= cut(after))


_REFERENCE_PREPS = frozenset("since until till before after".split())


def deadline_date(span: Span) -> bool:
    """Return whether a date is a deadline or target ("by 2035", "by the end of the year"):
    the planned date of a plan or goal, never the date of what the sentence reports."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return span[0].lower_ == "by" or (prev is not None and prev.lower_ == "by")


def reference_point(span: Span) -> bool:
    """Return whether a date is a reference point of its clause, not the time of its event:
    "since March", "until Friday", "before the election" ("after" a date too), or is counted
    from another event ("on the Sunday before the election")."""
    doc, first = span.doc, span[0]
    prev = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in ("before", "after") and (
            first.lower_ == "the" or (prev is not None and prev.lower_ == "the")):
        return True
    return first.lower_ in _REFERENCE_PREPS or (prev is not None
                                                and prev.lower_ in _REFERENCE_PREPS)


def attributive(span: Span) -> bool:
    """Return whether a date only describes a thing ("the 2007 world champion", "the 2016
    season"), so dates no event; "the November 19 strikes" dates the strikes."""
    root, head = span.root, span.root.head
    return root.dep_ in ("compound", "nummod", "amod", "nmod") and head != root and \
        head.i >= span.end and head.pos_ in ("NOUN", "PROPN") and \
        event_type(head) in (None, "other")


def _sentence_date(dates: list[DateInfo]) -> DateInfo | None:
    """Return the date of a sentence: its most precise non-timeline date."""
    usable = [d for d in dates if not d.timeline]
    if not usable:
        return None
    return min(usable, key=lambda d: _PRECISION_RANK.get(d.value.precision, 4))


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _nearest_dates(sents: list[Span], dated: dict[int, DateInfo], text: str) -> dict[int, DateInfo]:
    """Return, per undated sentence, the date of the nearest dated sentence (day or month
    precision) in the same paragraph, the previous one winning ties."""
    starts = _paragraph_starts(text)
    para = {}
    for i, sent in enumerate(sents):
        para[i] = sum(1 for s in starts if s <= sent.start_char)
    out: dict[int, DateInfo] = {}
    for i in range(len(sents)):
        if i in dated:
            continue
        best = None
        for j in sorted(dated, key=lambda j: (abs(j - i), j > i)):
            if para[j] == para[i] and dated[j].value.precision in ("day", "month"):
                best = dated[j]
                break
        if best is not None:
            out[i] = best
    return out


def _not_after(value: DateValue, published: DateValue | None) -> bool:
    """Return whether a date lies on or before publication (always, when that is unknown)."""
    return published is None or value.iso <= published.iso[:len(value.iso)]


def main_event_date(order: list[int], dated: dict[int, DateInfo],
                    published: DateValue | None, recent: bool = False) -> DateInfo | None:
    """Return the first day- or month-precision date, not after publication, of the
    sentences in ``order`` (the lede, then the rest of the opening); with ``recent`` only a
    date of the weeks before publication (further down the opening, older dates are
    background: "the 2007 world champion", a related story's date)."""
    for i in order:
        date = dated.get(i)
        if date is not None and date.value.precision in ("day", "month") and \
                _not_after(date.value, published) and (
                    not recent or published is None
                    or _within(date.value, published.iso, RECENT_DAYS)):
            return date
    return None


def date_of_type(order: list[int], sent_dates: dict[int, list[DateInfo]], type_: str,
                 doc: Doc, published: DateValue | None) -> DateInfo | None:
    """Return the first date in the sentences ``order`` that dates a clause of ``type_``
    ("the bombing late Thursday tore a crater" for a title "Taliban attacks consulate", not
    "the death toll rose Friday"), or ``None``."""
    if type_ in _UNTYPED:
        return None
    for i in order:
        for date in sent_dates.get(i, []):
            if date.value.precision not in ("day", "month") or \
                    not _not_after(date.value, published):
                continue
            verb = _governing_verb(doc, date)
            found = _trigger(verb) if verb is not None else None
            if found is not None and found[1] == type_:
                return date
    return None


_CLOCK_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]\.?m\b)|\b\d{1,2}:\d{2}\b|"
    r"\b(?:noon|midday|midnight|rush hour)\b", re.I)


def clock_time(sent: Span) -> tuple[str, int, int] | None:
    """Return the first time of day in a sentence and its offsets ("6am", "11.30am", "the
    morning rush hour" → "rush hour"); durations ("90 minutes") are not times of day."""
    match = _CLOCK_RE.search(sent.text)
    if match is None:
        return None
    return match.group(), sent.start_char + match.start(), sent.start_char + match.end()


def reported_as_current(root: Token) -> bool:
    """Return whether a clause is told in the present or present perfect ("has come under
    fire", "are trying to reach", "changes"): a news lede in these tenses reports what stands
    on the day of publication."""
    if root.tag_ in ("VBZ", "VBP"):
        return True
    if root.tag_ in ("VBN", "VBG"):
        auxes = sorted((c for c in root.children if c.dep_ in ("aux", "auxpass")),
                       key=lambda t: t.i)
        return bool(auxes) and auxes[0].tag_ in ("VBZ", "VBP") and \
            auxes[0].lower_ not in FUTURE_AUX
    return False


def report_day(sents: list[Span], lede: list[int],
               published: DateValue | None) -> DateInfo | None:
    """Return the publication day as the main event's date when the lede has no date but
    says the event is of that day: a time of day ("at around 6am") or a lede told in the
    present or present perfect. ``None`` otherwise (the event stays ``fuzzy``)."""
    if published is None or not lede:
        return None
    day = DateValue(published.iso[:10], "day")
    for i in lede:
        clock = clock_time(sents[i])
        if clock is not None:
            return DateInfo(*clock, day)
    for i in lede[:2]:
        if reported_as_current(_clause_root(sents[i].root)):
            return DateInfo("", sents[i].start_char, sents[i].start_char, day)
    return None
