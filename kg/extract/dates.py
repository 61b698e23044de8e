"""Date expressions resolved against the article's publication date.

Absolute dates ("November 19, 2025", "Nov. 27", "19/11/2025"), relative ones ("on Tuesday",
"last month", "yesterday", "late November 2025", "two years ago") become an ISO value with a
precision (day, month, year or fuzzy). Parsing is done by ``dateparser`` (offline); the rules
here decide precision, weekdays (the most recent such day on or before publication) and
which expressions are durations rather than dates. ``kg_dates`` stores :class:`DateInfo`
records in ``doc._.kg_dates``.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.boilerplate import in_ranges

if not Doc.has_extension("kg_published"):
    Doc.set_extension("kg_published", default=None)
if not Doc.has_extension("kg_dates"):
    Doc.set_extension("kg_dates", default=[])

MONTHS = ("january february march april may june july august september october november "
          "december").split()
_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
             r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_WORDS.update({"a": 1, "an": 1, "several": 3, "a few": 3, "few": 3})
_MODIFIER_RE = re.compile(
    r"^(?:the\s+)?(?:early|mid|late|end of|beginning of|start of|the end of|middle of|"
    r"mid-|around|about|since|until|by|on|in|from|during|as of)[\s-]+", re.I)
_DURATION_RE = re.compile(
    r"^(?:the\s+)?(?:(?:past|next|last|coming|first|previous|recent)\s+)?"
    r"(?:(?:\d+|[a-z]+)(?:-|\s))?(?:\w+\s)?"
    r"(?:days?|weeks?|months?|years?|decades?|centuries|hours?|minutes?)(?:\s+long)?$",
    re.I)
_TIMELINE_PREFIX_RE = re.compile(
    r"^[ \t]*(?:[-*•·–][ \t]*)?((?:(?:early|mid|late)[ \t-]+)?"
    r"(?:" + _MONTH_RE + r"[ \t]+\d{1,2}(?:,[ \t]*\d{4})?|" + _MONTH_RE + r"[ \t]+\d{4}|"
    r"\d{1,2}[ \t]+" + _MONTH_RE + r"(?:[ \t]+\d{4})?|\d{4}-\d{2}-\d{2}))[ \t]*[:–—-][ \t]",
    re.I | re.M)


@dataclass(frozen=True)
class DateValue:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and its precision."""

    iso: str
    precision: str


@dataclass(frozen=True)
class DateInfo:
    """A date expression found in a document."""

    text: str
    start: int
    end: int
    value: DateValue
    timeline: bool = False


def _past_month(month: int, published: date) -> int:
    """Return the year of the most recent ``month`` on or before publication."""
    return published.year if month <= published.month else published.year - 1


def _month_value(year: int, month: int) -> DateValue:
    return DateValue(f"{year:04d}-{month:02d}", "month")


def _day_value(d: date, precision: str = "day") -> DateValue:
    return DateValue(d.isoformat(), precision)


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _relative_value(text: str, published: date) -> DateValue | None:
    """Return the value of relative expressions: yesterday, last month, two years ago, ..."""
    t = text.lower().strip()
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening", "now"):
        return _day_value(published)
    if t in ("yesterday", "last night"):
        return _day_value(published - timedelta(days=1))
    if t == "tomorrow":
        return _day_value(published + timedelta(days=1))
    m = re.match(r"^(?:(last|this|next|on|past)\s+)?(" + "|".join(WEEKDAYS) + r")(?:'s)?$", t)
    if m:
        target = WEEKDAYS.index(m.group(2))
        back = (published.weekday() - target) % 7
        if m.group(1) == "next":
            return _day_value(published + timedelta(days=(target - published.weekday()) % 7 or 7))
        if m.group(1) == "last" and back == 0:
            back = 7
        return _day_value(published - timedelta(days=back))
    m = re.match(r"^(last|this|next|past)\s+(week|month|year|weekend)$", t)
    if m:
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[m.group(1)]
        unit = m.group(2)
        if unit == "year":
            return DateValue(f"{published.year + step:04d}", "year")
        if unit == "month":
            month0 = published.month - 1 + step
            return _month_value(published.year + month0 // 12, month0 % 12 + 1)
        return _day_value(published + timedelta(days=7 * step), "fuzzy")
    m = re.match(r"^(\w+|a few)\s+(day|week|month|year)s?\s+ago$", t)
    if m and _count(m.group(1)) is not None:
        n = _count(m.group(1))
        unit = m.group(2)
        if unit == "day":
            return _day_value(published - timedelta(days=n))
        if unit == "week":
            return _day_value(published - timedelta(days=7 * n), "fuzzy")
        if unit == "month":
            month0 = published.month - 1 - n
            return _month_value(published.year + month0 // 12, month0 % 12 + 1)
        return DateValue(f"{published.year - n:04d}", "year")
    return None


def _parse_absolute(text: str, published: date | None) -> datetime | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dateparser.parse(text, languages=["en"], settings=settings)


def normalise_date(text: str, published: date | None) -> DateValue | None:
    """Return the ISO value and precision of a date expression, or ``None`` for durations.

    >>> normalise_date("November 19, 2025", date(2025, 11, 25))
    DateValue(iso='2025-11-19', precision='day')
    >>> normalise_date("late October 2025", date(2025, 11, 25))
    DateValue(iso='2025-10', precision='month')
    >>> normalise_date("on Tuesday", date(2025, 11, 27))
    DateValue(iso='2025-11-25', precision='day')
    """
    t = re.sub(r"\s+", " ", text.replace("’", "'")).strip().rstrip(":,.;").strip()
    t = re.sub(r"^(?:on|in|at|by|since|from|during|until)\s+", "", t, flags=re.I)
    if published is not None:
        relative = _relative_value(t, published)
        if relative is not None:
            return relative
    if not t or _DURATION_RE.match(t):
        return None
    core = _MODIFIER_RE.sub("", t).strip()
    core = re.sub(r"^the\s+", "", core, flags=re.I)
    lower = core.lower()
    if re.fullmatch(r"(?:1[5-9]|20)\d{2}s?", lower):
        return None if lower.endswith("s") else DateValue(lower, "year")
    has_month = re.search(r"\b" + _MONTH_RE + r"(?=\s|$|,|\d)", lower) is not None
    has_year = re.search(r"\b(?:1[5-9]|20)\d{2}\b", lower) is not None
    has_day = re.search(r"(?<![\d])\d{1,2}(?:st|nd|rd|th)?(?![\d])", lower) is not None
    numeric = re.fullmatch(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", lower) is not None
    if not (has_month or has_year or numeric):
        return None
    if has_month and not has_day:
        month = next(i for i, name in enumerate(MONTHS, 1) if re.search(r"\b" + name[:3], lower))
        if has_year:
            year = int(re.search(r"\b((?:1[5-9]|20)\d{2})\b", lower).group(1))
        elif published is not None:
            year = _past_month(month, published)
        else:
            return None
        return _month_value(year, month)
    if has_year and not has_month and not numeric:
        return DateValue(re.search(r"\b((?:1[5-9]|20)\d{2})\b", lower).group(1), "year")
    parsed = _parse_absolute(core, published)
    if parsed is None:
        return None
    value = parsed.date()
    if not has_year and published is not None:
        try:
            value = value.replace(year=published.year)
            if value > published + timedelta(days=60):
                value = value.replace(year=value.year - 1)
        except ValueError:  # 29 February outside a leap year
            return None
    return _day_value(value)


def _published(doc: Doc) -> date | None:
    value = doc._.kg_published
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def find_dates(doc: Doc) -> list[DateInfo]:
    """Return the date expressions of ``doc`` with normalised values, in text order."""
    published = _published(doc)
    junk = doc._.kg_junk
    found: dict[tuple[int, int], DateInfo] = {}
    for m in _TIMELINE_PREFIX_RE.finditer(doc.text):
        value = normalise_date(m.group(1), published)
        if value is not None:
            found[(m.start(1), m.end(1))] = DateInfo(m.group(1), m.start(1), m.end(1), value, True)
    for ent in doc.ents:
        if ent.label_ != "DATE" or in_ranges(ent.start_char, ent.end_char, junk):
            continue
        if any(s <= ent.start_char < e for s, e in found):
            continue
        value = normalise_date(ent.text, published)
        if value is not None:
            text = ent.text.rstrip(":,. ")
            found[(ent.start_char, ent.start_char + len(text))] = DateInfo(
                text, ent.start_char, ent.start_char + len(text), value)
    return sorted(found.values(), key=lambda d: d.start)


@Language.component("kg_dates", assigns=["doc._.kg_dates"], requires=["doc.ents"])
def dates_component(doc: Doc) -> Doc:
    """Find and normalise date expressions."""
    doc._.kg_dates = find_dates(doc)
    return doc
