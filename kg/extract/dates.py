"""Date expressions resolved against the article's publication date.

Absolute dates ("November 19, 2025", "Nov. 27", "19/11/2025"), relative ones ("on Tuesday",
"last month", "yesterday", "late November 2025", "two years ago") become an ISO value with a
precision (day, month, year or fuzzy). Parsing is done by ``dateparser`` (offline); the rules
here decide precision, weekdays (the most recent such day on or before publication, or the
coming one in a clause ahead by its verb's tense, aspect or modal) and
which expressions are durations rather than dates. ``kg_dates`` stores :class:`DateInfo`
records in ``doc._.kg_dates``.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.ablation import reads_disabled_once, rule
from kg.extract.boilerplate import doc_text, in_ranges

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


_PARTS_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
_WEEKDAY_RE = re.compile(
    r"^(?:(last|this|next|past|on|late|early)\s+)?(?:on\s+)?(" + "|".join(WEEKDAYS) + r")"
    r"(?:'s)?(?:\s+" + _PARTS_OF_DAY + r")?$")
_TODAY_RE = re.compile(r"^(?:(?:earlier|later|late|early)\s+)?(?:today|tonight|this "
                       + _PARTS_OF_DAY + r")$|^(?:the|that|the same)\s+day$|"
                       r"^(?:late in|the (?:start|end|rest) of) the day$")
_DAY_BEFORE_RE = re.compile(
    r"^(?:(?:early|late)\s+)?(?:yesterday|last night|the (?:previous|prior) day|the day before|"
    r"a day (?:earlier|before)|the night before|yesterday " + _PARTS_OF_DAY + r")$")
_PREVIOUS_YEAR_RE = re.compile(
    r"^(?:last|the (?:previous|prior|past|last)) year$|^the year (?:before|previous|earlier)$|"
    r"^a year (?:ago|earlier|before)$")
_SAME_MONTH_LAST_YEAR_RE = re.compile(
    r"^the same (?:month|period) (?:a year (?:ago|earlier)|last year)$")
#: Position words stripped before a relative expression ("the end of last year").
_POSITION_RE = re.compile(
    r"^(?:(?:the\s+)?(?:early|mid|late|end of|beginning of|start of|middle of|rest of|"
    r"remainder of|entire|whole|first half of|second half of|earlier|later)[\s-]+)+", re.I)
#: Verbs that, governing "to" + a clause, put it in the future ("is set to begin on Friday").
FUTURE_HEADS = frozenset(
    "set due expect schedule plan slate go aim intend hope poise prepare".split())
FUTURE_AUX = frozenset("will 'll shall wo".split())


def _past_month(month: int, published: date, future: bool = False) -> int:
    """Return the year of the nearest ``month``: on or before publication, or after if future."""
    if future:
        return published.year if month >= published.month else published.year + 1
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


def _weekday_value(text: str, published: date, future: bool) -> DateValue | None:
    """Return the day of "Tuesday", "last Friday", "next Monday", "Wednesday night": the
    latest such day on or before publication, or in a future clause the first on or after it."""
    m = _WEEKDAY_RE.match(text)
    if not m:
        return None
    target = WEEKDAYS.index(m.group(2))
    if m.group(1) == "next" or (future and m.group(1) not in ("last", "past")):
        ahead = (target - published.weekday()) % 7  # "will vote on Tuesday", on a Tuesday
        if m.group(1) == "next" and ahead == 0:
            ahead = 7
        return _day_value(published + timedelta(days=ahead))
    back = (published.weekday() - target) % 7
    if m.group(1) in ("last", "past") and back == 0:
        back = 7
    return _day_value(published - timedelta(days=back))


def _unit_value(step: int, unit: str, published: date) -> DateValue:
    """Return the week, month or year ``step`` units from publication."""
    if unit == "year":
        return DateValue(f"{published.year + step:04d}", "year")
    if unit == "month":
        month0 = published.month - 1 + step
        return _month_value(published.year + month0 // 12, month0 % 12 + 1)
    return _day_value(published + timedelta(days=7 * step), "fuzzy")


def _ago_value(count: int, unit: str, published: date, sign: int = -1) -> DateValue:
    """Return the date ``count`` days/weeks/months/years before (or after) publication."""
    if unit == "day":
        return _day_value(published + timedelta(days=sign * count))
    if unit == "week":
        return _day_value(published + timedelta(days=sign * 7 * count),
                          "day" if count == 1 else "fuzzy")
    if unit == "decade":
        return DateValue(f"{published.year + sign * 10 * count:04d}", "fuzzy")
    return _unit_value(sign * count, unit, published)


def _relative_value(text: str, published: date, future: bool = False) -> DateValue | None:
    """Return the value of relative expressions: yesterday, last month, two years ago, ..."""
    t = re.sub(r"^(?:on|in|at|by|since|from|during|until|before|after)\s+", "", text.lower())
    if _TODAY_RE.match(t) or t == "now":
        return _day_value(published)
    if _DAY_BEFORE_RE.match(t):
        return _day_value(published - timedelta(days=1))
    if re.match(r"^(?:tomorrow|the next day|the following day)(?: " + _PARTS_OF_DAY + ")?$", t):
        return _day_value(published + timedelta(days=1))
    weekday = _weekday_value(t, published, future)
    if weekday is not None:
        return weekday
    if _SAME_MONTH_LAST_YEAR_RE.match(t):
        return _month_value(published.year - 1, published.month)
    m = re.match(r"^(" + _MONTH_RE + r") (?:of )?(last|this|next) year$", t)
    if m:
        month = next(i for i, name in enumerate(MONTHS, 1) if m.group(1).startswith(name[:3]))
        return _month_value(published.year + {"last": -1, "this": 0, "next": 1}[m.group(2)], month)
    m = re.match(r"^the (\d{1,2})(?:st|nd|rd|th)$", t)
    if m and 1 <= int(m.group(1)) <= 31:
        day = int(m.group(1))
        anchor = published if future or day <= published.day else (
            published.replace(day=1) - timedelta(days=1))
        if future and day < published.day:
            anchor = (published.replace(day=28) + timedelta(days=4))
        try:
            return _day_value(anchor.replace(day=day))
        except ValueError:
            return None
    core = _POSITION_RE.sub("", t).strip()
    if _PREVIOUS_YEAR_RE.match(core):
        return DateValue(f"{published.year - 1:04d}", "year")
    m = re.match(r"^(?:the\s+)?(last|this|next|past|coming|current|previous)\s+"
                 r"(week|month|year|weekend)$", core)
    if m:
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
                "coming": 1}[m.group(1)]
        return _unit_value(step, m.group(2), published)
    if core in ("the year", "the month", "the week", "year", "month", "week"):
        return _unit_value(0, core.split()[-1], published)
    m = re.match(r"^(\w+|a few|a couple of)\s+(day|week|month|year|decade)s?\s+"
                 r"(ago|earlier|before|later|from now|hence)$", core)
    if m and _count(m.group(1).replace("a couple of", "two")) is not None:
        n = _count(m.group(1).replace("a couple of", "two"))
        sign = 1 if m.group(3) in ("later", "from now", "hence") else -1
        return _ago_value(n, m.group(2), published, sign)
    return None


@lru_cache(maxsize=4096)
def _parse_absolute(text: str, published: date | None) -> datetime | None:
    """Return dateparser's reading of ``text`` (cached: the same words and publication date
    recur through a corpus, and dateparser takes milliseconds per call)."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dateparser.parse(text, languages=["en"], settings=settings)


def _clean(text: str) -> str:
    t = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()
    return t.rstrip(":,.;").strip()


def normalise_date(text: str, published: date | None, future: bool = False) -> DateValue | None:
    """Return the ISO value and precision of a date expression, or ``None`` for durations.

    Weekdays and bare months resolve to the most recent one on or before ``published``, or
    to the next one when ``future`` (the clause is in the future tense).

    >>> normalise_date("November 19, 2025", date(2025, 11, 25))
    DateValue(iso='2025-11-19', precision='day')
    >>> normalise_date("late October 2025", date(2025, 11, 25))
    DateValue(iso='2025-10', precision='month')
    >>> normalise_date("on Tuesday", date(2025, 11, 27))
    DateValue(iso='2025-11-25', precision='day')
    >>> normalise_date("Friday", date(2025, 11, 25), future=True)
    DateValue(iso='2025-11-28', precision='day')
    """
    t = _clean(text)
    t = re.sub(r"^(?:on|in|at|by|since|from|during|until|as of)\s+", "", t, flags=re.I)
    if published is not None:
        relative = _relative_value(t, published, future)
        if relative is not None:
            return relative
    if not t or _DURATION_RE.match(t):
        return None
    m = re.fullmatch(r"'(\d{2})s?", t)
    if m:
        year = int(m.group(1))
        return DateValue(f"{(2000 if published and year <= published.year % 100 else 1900) + year}",
                         "year")
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
            year = _past_month(month, published, future)
        else:
            return None
        return _month_value(year, month)
    if has_year and not has_month and not numeric:
        return DateValue(re.search(r"\b((?:1[5-9]|20)\d{2})\b", lower).group(1), "year")
    if not has_year and published is None:
        return None  # "Nov. 2" without a reference date: the year is unknown
    parsed = _parse_absolute(core, published)
    if parsed is None:
        return None
    value = parsed.date()
    if not has_year and published is not None:
        try:
            value = value.replace(year=published.year)
            if value > published + timedelta(days=60) and not future:
                value = value.replace(year=value.year - 1)
            elif future and value < published - timedelta(days=30):
                value = value.replace(year=value.year + 1)
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


def is_future(doc: Doc, start: int, end: int) -> bool:
    """Return whether the clause governing the text at ``start``-``end`` is in the future tense.

    "will meet on Friday", "is set to begin on Wednesday", "remain closed until Friday".
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    prep = token.head.lower_ if token.dep_ == "pobj" else ""
    path = [token]
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            break
        token = token.head
        path.append(token)
    if ahead_by_tense(tuple(path)) or scheduled_ahead(path[-1]):
        return True
    verbs = [token] + ([token.head] if token.dep_ in ("xcomp", "ccomp") else [])
    for verb in verbs:
        children = list(verb.children)
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in children):
            return True
        if verb.tag_ == "VB" and any(c.lower_ == "to" for c in children) and \
                verb.head.lemma_.lower() in FUTURE_HEADS:
            return True
        if verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.subtree):
            return True
    return prep in ("until", "till") and token.tag_ != "VBD"


#: Adjectives that put the day they govern ahead ("the vote, due on Friday").
_AHEAD_ADJECTIVES = frozenset({"due"})
#: Participles that put their day ahead unless the clause is past ("is expected on Friday",
#: "talks scheduled for Monday").
_AHEAD_PARTICIPLES = frozenset("schedule slate set plan expect".split())


def _in_the_past(verb: Token) -> bool:
    """Return whether ``verb``'s clause is past or perfect by its morphology: a finite past
    verb ("met"), a past auxiliary ("was expected") or "have" ("would have voted")."""
    def past(t: Token) -> bool:
        return "Past" in t.morph.get("Tense") and "Fin" in t.morph.get("VerbForm")

    return past(verb) or any(c.dep_ in ("aux", "auxpass") and (past(c) or c.lemma_ == "have")
                             for c in verb.children)


@rule("future_tense_clues")
def ahead_by_tense(path: tuple[Token, ...]) -> bool:
    """Return True when the clause of a date (``path``: the date's head, up its heads to the
    clause's verb) is ahead of the report by tense, aspect or modal beyond "will": "due on
    Friday", a headline's "to" + verb with its subject ("Leaders to meet on Friday"), "would"
    + verb (reported speech's future), the present progressive ("are meeting on Friday"), "is
    expected on"/"scheduled for", or "to" + verb under "due", "set", "expected"."""
    verb = path[-1]
    if _in_the_past(verb):
        return False
    if any(t.pos_ == "ADJ" and t.lemma_.lower() in _AHEAD_ADJECTIVES
           for t in (*path, *(c for c in verb.children if c.dep_ == "acomp"))):
        return True
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    to_infinitive = any(c.lower_ == "to" for c in auxes)
    if to_infinitive and verb.dep_ == "ROOT" and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return True
    if to_infinitive and verb.head.lemma_.lower() in FUTURE_HEADS:
        return True
    if any(c.lower_ in ("would", "'d") for c in auxes):
        return True
    if verb.tag_ == "VBG" and any(c.tag_ in ("VBZ", "VBP") for c in auxes):
        return True
    return verb.tag_ == "VBN" and verb.lemma_.lower() in _AHEAD_PARTICIPLES


#: Verbs of a timetable: in the present simple they tell what is scheduled, not what
#: happened ("The summit begins Friday", "Polls close on Sunday", "the council meets on
#: Monday"); "take" and "kick" only with the words that make them so ("take place", "kick off").
SCHEDULE_VERBS = frozenset(
    "begin start open close end resume reopen commence conclude run kick hold meet convene "
    "sit vote take leave depart arrive return land visit expire".split())
_SCHEDULE_WORDS = {"take": frozenset({"place", "office"}), "kick": frozenset({"off"})}


@rule("scheduled_present")
def scheduled_ahead(verb: Token) -> bool:
    """Return True when a date's clause is a timetable's by its verb, so ahead of the report:
    the present simple of a verb of :data:`SCHEDULE_VERBS` without an auxiliary ("The summit
    begins Friday", "talks take place on Monday"), or a participle of a plan reduced to a
    noun's modifier ("a meeting planned for Saturday", which the tagger may read as a past
    tense). "The summit began Friday", "was planned for Saturday" stay past."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if any(c.dep_ in ("aux", "auxpass") for c in children):
        return False
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and lemma in _AHEAD_PARTICIPLES:
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
    if verb.tag_ not in ("VBZ", "VBP") or lemma not in SCHEDULE_VERBS:
        return False
    needed = _SCHEDULE_WORDS.get(lemma)
    return needed is None or any(c.lower_ in needed for c in children)


_EXTRA_DATE_RE = re.compile(
    r"\b(?:(?:late|early|earlier|later)\s+(?:on\s+)?)?(?:(?:last|this|next)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"tomorrow)(?:\s+" + _PARTS_OF_DAY + r")?\b|\blast night\b|"
    r"\bthis (?:morning|afternoon|evening)\b", re.I)


_ORDINAL_RE = re.compile(r"^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$", re.I)


_DAY_ORDINAL_PREPS = frozenset("on by until till since before after from to through".split())


#: Words that make the number after them an item's number ("Ordinance No. 2029", "#1999").
_NUMBER_SIGNS = frozenset("No No. Nos. no. # number Number".split())


def counts_something_else(ent) -> bool:
    """Return whether a bare "date" numbers something else: an ordinal that is no day of the
    month ("the 10th inning"; a day is "on the 10th", "by the 10th", ...) or a year-like
    number after a number sign ("Resolution No. 1984")."""
    doc = ent.doc
    if ent.text.strip().isdigit():
        words = doc[max(ent.start - 2, 0):ent.start].text.split()
        return bool(words) and (words[-1] in _NUMBER_SIGNS or "".join(words) in _NUMBER_SIGNS)
    if not _ORDINAL_RE.match(ent.text.strip()):
        return False
    after = doc[ent.end] if ent.end < len(doc) else None
    before = doc[ent.start - 1] if ent.start > 0 else None
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        return True
    return before is None or before.lower_ not in _DAY_ORDINAL_PREPS


def _date_spans(doc: Doc) -> list[tuple[int, int, bool]]:
    """Return candidate ``(start, end, timeline)`` spans: timeline prefixes, DATE entities,
    TIME entities naming a day, and day words the model missed ("late Thursday")."""
    full_text = doc_text(doc)
    spans = [(m.start(1), m.end(1), True) for m in _TIMELINE_PREFIX_RE.finditer(full_text)]
    for ent in doc.ents:
        if ent.label_ == "DATE" and counts_something_else(ent):
            continue
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _EXTRA_DATE_RE.search(ent.text)):
            text = ent.text.rstrip(":,. ")
            spans.append((ent.start_char, ent.start_char + len(text), False))
    spans += [(m.start(), m.end(), False) for m in _EXTRA_DATE_RE.finditer(full_text)
              if not in_a_name(doc, m.start(), m.end())]
    return spans


#: Day words that are also words of names ("USA Today", "the Today programme").
_NAME_DAY_WORDS = frozenset("today tonight tomorrow yesterday".split())


def in_a_name(doc: Doc, start: int, end: int) -> bool:
    """Return whether the day word at ``start:end`` continues a name in running text: a
    capitalised "Today" straight after a capitalised word, mid-sentence, in a sentence that
    is not written in title case ("... the Cubs win Usa Today Sports", a photo credit)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span[0].lower_ not in _NAME_DAY_WORDS or not span[0].text[:1].isupper():
        return False
    first = span[0]
    if first.is_sent_start or first.i == 0:
        return False
    before = doc[first.i - 1]
    if not (before.text[:1].isupper() and before.is_alpha):
        return False
    words = [t for t in first.sent if t.is_alpha and len(t) > 3]
    return any(t.text[:1].islower() for t in words)


def _year_anchor(found: list[DateInfo]) -> date | None:
    """Return the latest full date the text writes with its year ("Nov. 2, 2016"), which
    gives year-less dates ("Nov. 2") their year when the publication date is unknown."""
    full = [d.value.iso for d in found if d.value.precision == "day"
            and re.search(r"\b(?:1[5-9]|20)\d{2}\b", d.text)]
    return date.fromisoformat(max(full)) if full else None


def find_dates(doc: Doc) -> list[DateInfo]:
    """Return the date expressions of ``doc`` with normalised values, in text order.

    Without a publication date, relative expressions stay unresolved and year-less dates take
    the year of the latest full date of the text.
    """
    published = _published(doc)
    junk = doc._.kg_junk
    found: list[DateInfo] = []
    yearless: list[tuple[int, int, bool, bool]] = []
    full_text = doc_text(doc)
    for start, end, timeline in _date_spans(doc):
        if in_ranges(start, end, junk) or any(d.start < end and start < d.end for d in found):
            continue
        text = full_text[start:end]
        future = False if timeline else is_future(doc, start, end)
        value = normalise_date(text, published, future)
        if value is not None:
            found.append(DateInfo(text, start, end, value, timeline))
        elif published is None and re.search(_MONTH_RE + r"\s*\d|\d\s*" + _MONTH_RE, text,
                                             re.I):
            yearless.append((start, end, timeline, future))
    anchor = _year_anchor(found) if yearless else None
    for start, end, timeline, future in yearless if anchor else ():
        if any(d.start < end and start < d.end for d in found):
            continue
        value = normalise_date(full_text[start:end], anchor, future)
        if value is not None and value.precision in ("day", "month"):
            found.append(DateInfo(full_text[start:end], start, end, value, timeline))
    return sorted(found, key=lambda d: d.start)


@Language.component("kg_dates", assigns=["doc._.kg_dates"], requires=["doc.ents"])
@reads_disabled_once
def dates_component(doc: Doc) -> Doc:
    """Find and normalise date expressions."""
    doc._.kg_dates = find_dates(doc)
    return doc
