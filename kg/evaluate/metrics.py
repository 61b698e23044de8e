"""Matching rules and scores: pure functions over gold records and flattened predictions.

Precision and recall are counted on each side separately (not a one-to-one alignment):
recall = gold items found / gold items, precision = predicted items that match some gold
item / predicted items. Two spans match when they overlap by at least half of the shorter one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from kg.evaluate.adapters import GoldDate, GoldEntity, GoldQuote

OVERLAP_THRESHOLD = 0.5


@dataclass(frozen=True)
class Score:
    """Counts behind precision / recall / F1; add scores to pool documents (micro average)."""

    pred_correct: int = 0
    pred_total: int = 0
    gold_found: int = 0
    gold_total: int = 0

    @property
    def precision(self) -> float:
        return self.pred_correct / self.pred_total if self.pred_total else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.pred_correct + other.pred_correct,
            self.pred_total + other.pred_total,
            self.gold_found + other.gold_found,
            self.gold_total + other.gold_total,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pred_correct": self.pred_correct,
            "pred_total": self.pred_total,
            "gold_found": self.gold_found,
            "gold_total": self.gold_total,
        }


@dataclass(frozen=True)
class Rate:
    """A proportion ``hits / total`` that can be pooled over documents."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.hits + other.hits, self.total + other.total)

    def to_json(self) -> dict[str, Any]:
        return {"value": round(self.value, 4), "hits": self.hits, "total": self.total}


class PredictedMention(NamedTuple):
    """One predicted entity mention: span, the entity's type and the entity's id."""

    start: int
    end: int
    type: str
    entity: str


class PredictedEntity(NamedTuple):
    """One predicted entity (node): id, name, type and aliases."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()


class PredictedQuote(NamedTuple):
    """One predicted direct quote with its speaker name (or ``None``), the words that
    describe the speaker in the text, when kg reports them ("the Indiana governor"), and the
    other names of the speaker's actor (a stage name beside a real name)."""

    quote: str
    speaker: str | None
    start: int | None = None
    end: int | None = None
    description: str | None = None
    speaker_names: tuple[str, ...] = ()


class PredictedDate(NamedTuple):
    """One predicted date: its text, ISO value and precision, and span when known."""

    text: str | None
    value: str | None
    precision: str | None
    start: int | None = None
    end: int | None = None


# --- text and spans ---------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize_name(text: str) -> str:
    """Return a name folded for comparison: ASCII, lowercase, no dots, possessive or "the".

    >>> normalize_name("the U.S.'s")
    'us'
    """
    text = _POSSESSIVE.sub("", text.strip())
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = ascii_text.replace(".", "")
    folded = _NON_WORD.sub(" ", ascii_text).strip()
    return folded[4:] if folded.startswith("the ") else folded


def normalize_text(text: str) -> str:
    """Return text folded for containment tests: ASCII lowercase words separated by spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NON_WORD.sub(" ", ascii_text).strip()


def contains_phrase(outer: str, inner: str) -> bool:
    """Return whether folded ``inner`` occurs in folded ``outer`` as whole words."""
    o, i = normalize_text(outer), normalize_text(inner)
    return bool(i) and f" {i} " in f" {o} "


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Return the number of characters two half-open spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def spans_match(
    a: tuple[int, int], b: tuple[int, int], threshold: float = OVERLAP_THRESHOLD
) -> bool:
    """Return whether two spans overlap by at least ``threshold`` of the shorter one."""
    shared = overlap(a[0], a[1], b[0], b[1])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shared > 0 and shared >= threshold * max(shorter, 1)


# --- entities: mention level (offsets) --------------------------------------------------------


def innermost_mentions(gold: Sequence[GoldEntity]) -> list[GoldEntity]:
    """Return gold mentions minus those that strictly contain a mention of the same instance.

    MEANTIME nests "Airbus parent EADS" around "EADS" (same entity); recall counts the name once.
    """

    def contains(outer: GoldEntity, inner: GoldEntity) -> bool:
        return (
            outer is not inner
            and outer.instance is not None
            and outer.instance == inner.instance
            and outer.start <= inner.start  # type: ignore[operator]
            and inner.end <= outer.end  # type: ignore[operator]
            and (outer.start, outer.end) != (inner.start, inner.end)
        )

    return [g for g in gold if not any(contains(g, other) for other in gold)]


def _span(item: Any) -> tuple[int, int]:
    return (item.start, item.end)


def entity_mention_score(
    gold: Sequence[GoldEntity], predicted: Sequence[PredictedMention], typed: bool
) -> Score:
    """Return mention-level entity P/R by span overlap; ``typed`` also requires a right type.

    Typed: gold mentions without accepted types are left out of recall, and a predicted
    mention whose only overlapping gold mentions are untyped is left out of precision.
    Ignored gold mentions (CoNLL MISC) count nowhere: they are left out of recall, and a
    prediction that overlaps one and matches no scored gold mention is left out of precision.
    """
    ignored = [g for g in gold if g.ignored]
    gold = [g for g in gold if not g.ignored]
    recall_gold = [g for g in innermost_mentions(gold) if g.types or not typed]
    found = sum(
        any(spans_match(_span(g), _span(p)) and (not typed or p.type in g.types)
            for p in predicted)
        for g in recall_gold
    )
    correct = total = 0
    for p in predicted:
        hits = [g for g in gold if spans_match(_span(g), _span(p))]
        if not hits and any(overlap(p.start, p.end, g.start, g.end) for g in ignored):
            continue
        if typed and hits and not any(g.types for g in hits):
            continue
        if typed and _nested_other_name(p, hits, predicted):
            continue
        total += 1
        correct += any(not typed or p.type in g.types for g in hits)
    return Score(correct, total, found, len(recall_gold))


def _nested_other_name(p: PredictedMention, hits: Sequence[GoldEntity],
                       predicted: Sequence[PredictedMention]) -> bool:
    """Return True for a name nested inside a longer gold mention of another entity that a
    different prediction gets right ("Chrysler" in "Chrysler Chief Executive Robert Nardelli"),
    or for a phrase around a gold name that a prediction nested in it gets right (the group
    "European governments" around "European", Europe).

    MEANTIME annotates only the longest extent, so such nested names are unannotated; and it
    marks a name premodifying a noun (PRE.NAM) inside the phrase's own mention, which the
    scorer leaves out as unnamed. Either prediction is left out of typed precision rather
    than counted wrong.
    """
    if any(p.type in g.types for g in hits):
        return False
    for g in hits:
        if g.start is None or g.end is None or p.type in g.types:
            continue
        inside = g.start <= p.start and p.end <= g.end and p.end - p.start < g.end - g.start
        if inside and any(q is not p and q.type in g.types and spans_match(_span(g), _span(q))
                          for q in predicted):
            return True
        around = p.start <= g.start and g.end <= p.end and g.end - g.start < p.end - p.start
        if around and any(q is not p and q.type in g.types and p.start <= q.start and
                          q.end <= p.end and spans_match(_span(g), _span(q)) for q in predicted):
            return True
    return False


#: Where a noun phrase's postmodifier starts: an apposition, an of-phrase, a relative clause.
_POSTMODIFIER = re.compile(r",|\s+(?:of|who|from|at)\s+|\s+[-–—]\s+")


def _head_ends(g: GoldEntity) -> range:
    """Return where a gold mention's head may end: at the last word before its first
    postmodifier, else at its last word ("Apple Computer's iTunes" → "iTunes"; "Jim Press,
    the Vice Chairman" → "Press"), with or without the stops and quote marks after it."""
    found = _POSTMODIFIER.search(g.text)
    before = g.text[:found.start()].rstrip() if found else g.text
    bare = before.rstrip("\"'.\u201d\u2019")
    return range(g.start + len(bare), g.start + len(before) + 1)  # type: ignore[operator]


def _best_entity(g: GoldEntity, predicted: Sequence[PredictedMention]) -> str | None:
    """Return the entity a gold mention names: the predicted mention inside it that ends at
    its head; with none, the one that overlaps it most, and of two that overlap it equally
    the shorter.

    A MEANTIME named mention spans its noun phrase, premodifiers included ("Apple
    Computer's iTunes", "European airframer Airbus"), and the gold marks a name premodifying
    it as a mention of its own entity (PRE.NAM: "European" of "European governments"): the
    phrase's entity is the one its head names, not the longest name inside it.
    """
    matched = [p for p in predicted if spans_match(_span(g), _span(p))]
    ends = _head_ends(g)
    at_head = [p for p in matched if g.start <= p.start and p.end in ends]  # type: ignore
    if at_head:
        return max(at_head, key=lambda p: p.end - p.start).entity
    best, best_key = None, (0, 0)
    for p in matched:
        shared = overlap(g.start, g.end, p.start, p.end)  # type: ignore[arg-type]
        key = (shared, -(p.end - p.start))
        if shared and key > best_key:
            best, best_key = p.entity, key
    return best


def instance_landings(
    gold: Sequence[GoldEntity], predicted: Sequence[PredictedMention]
) -> dict[str, list[tuple[GoldEntity, str]]]:
    """Return, per gold instance, its matched mentions each with the predicted entity it lands
    on (that of its best-overlapping predicted mention), in gold order."""
    by_instance: dict[str, list[tuple[GoldEntity, str]]] = defaultdict(list)
    for g in innermost_mentions(gold):
        if g.instance is None:
            continue
        entity = _best_entity(g, predicted)
        if entity is not None:
            by_instance[g.instance].append((g, entity))
    return dict(by_instance)


def duplicate_mention_rate(
    gold: Sequence[GoldEntity], predicted: Sequence[PredictedMention]
) -> Rate:
    """Return gold instances split over ≥2 predicted entities / instances with ≥2 matched mentions.

    Each gold mention goes to the predicted entity of its best-overlapping predicted mention.
    """
    eligible = [{e for _, e in landed} for landed in instance_landings(gold, predicted).values()
                if len(landed) >= 2]
    return Rate(sum(len(ids) >= 2 for ids in eligible), len(eligible))


# --- entities: name level (plain gold) --------------------------------------------------------


def gold_names(g: GoldEntity) -> set[str]:
    """Return the folded names a gold entity may be predicted under (text and aliases)."""
    return {n for n in (normalize_name(x) for x in (g.text, *g.aliases)) if n}


def predicted_names(p: PredictedEntity) -> set[str]:
    """Return the folded name and aliases of a predicted entity."""
    return {n for n in (normalize_name(x) for x in (p.name, *p.aliases)) if n}


def names_match(g: GoldEntity, p: PredictedEntity) -> bool:
    """Return whether the predicted name or an alias equals the gold text or an alias (folded)."""
    return bool(gold_names(g) & predicted_names(p))


def entity_name_score(
    gold: Sequence[GoldEntity], predicted: Sequence[PredictedEntity], typed: bool
) -> Score:
    """Return name-level entity P/R: nodes matched by name/alias; ``typed`` also needs the type."""
    recall_gold = [g for g in gold if g.types or not typed]
    found = sum(
        any(names_match(g, p) and (not typed or p.type in g.types) for p in predicted)
        for g in recall_gold
    )
    correct = total = 0
    for p in predicted:
        hits = [g for g in gold if names_match(g, p)]
        if typed and hits and not any(g.types for g in hits):
            continue
        total += 1
        correct += any(not typed or p.type in g.types for g in hits)
    return Score(correct, total, found, len(recall_gold))


def duplicate_entity_rate(gold: Sequence[GoldEntity], predicted: Sequence[PredictedEntity]) -> Rate:
    """Return gold entities matched by ≥2 predicted nodes / gold entities matched at all."""
    counts = [sum(names_match(g, p) for p in predicted) for g in gold]
    matched = [c for c in counts if c >= 1]
    return Rate(sum(c >= 2 for c in matched), len(matched))


def junk_actors(junk: Iterable[str], predicted: Sequence[PredictedEntity]) -> list[str]:
    """Return names of predicted nodes that are junk: a name/alias equal to or containing one.

    A junk string is a heading, ad or link text; a real actor merely named inside it is fine,
    so containment is tested one way only (the junk string inside the predicted name).
    """
    junk_list = [j for j in junk if normalize_name(j)]
    out = []
    for p in predicted:
        names = (p.name, *p.aliases)
        if any(normalize_name(n) == normalize_name(j) or contains_phrase(n, j)
               for n in names for j in junk_list):
            out.append(p.name)
    return out


# --- quotes and speakers ----------------------------------------------------------------------


def quotes_match(g: GoldQuote, p: PredictedQuote) -> bool:
    """Return whether quotes match: spans overlap ≥50% of the shorter, else text containment."""
    if None not in (g.start, g.end, p.start, p.end):
        return spans_match((g.start, g.end), (p.start, p.end))  # type: ignore[arg-type]
    gt, pt = normalize_text(g.quote), normalize_text(p.quote)
    return bool(gt and pt) and (gt in pt or pt in gt)


def quote_score(
    gold: Sequence[GoldQuote], predicted: Sequence[PredictedQuote]
) -> tuple[Score, list[tuple[GoldQuote, PredictedQuote]]]:
    """Return direct-quote P/R and the (gold, first matching prediction) pairs found."""
    pairs = []
    for g in gold:
        match = next((p for p in predicted if quotes_match(g, p)), None)
        if match is not None:
            pairs.append((g, match))
    correct = sum(any(quotes_match(g, p) for g in gold) for p in predicted)
    return Score(correct, len(predicted), len(pairs), len(gold)), pairs


#: Capitalised words that do not make a speaker a name (pronouns, determiners, quantifiers).
NOT_NAME_WORDS = frozenset(
    "i he she it we they you me him her us them his its our their my your this that these those "
    "the a an one some many several other others another both all each someone somebody "
    "officials official sources source".split()
)


def is_named_speaker(speaker: str | None) -> bool:
    """Return whether a gold speaker span contains a name (a capitalised non-pronoun word)."""
    if not speaker:
        return False
    words = re.findall(r"[^\W\d_][\w'’.-]*", speaker)
    return any(w[0].isupper() and w.lower().strip(".") not in NOT_NAME_WORDS for w in words)


def gold_speaker_name(gold: str) -> str:
    """Return the name part of a literal gold speaker span, without its appositive.

    >>> gold_speaker_name("Mr. McGinley, the law professor")
    'Mr. McGinley'
    >>> gold_speaker_name("Pence himself")
    'Pence'
    """
    name = _POSTMODIFIER.split(gold, maxsplit=1)[0].strip()
    return re.sub(r"\s+(?:himself|herself|themselves|itself)$", "", name)


#: A name of one to four capitalised words ("Cummings", "Sen. Tim Kaine").
_NAME_WORDS = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")


def gold_speaker_names(gold: str) -> list[str]:
    """Return the forms of a literal gold speaker span a predicted name may match: its name
    part, a name in apposition after a description ("The club's general manager, David
    Feder"), each name of speakers named together ("Cummings and Conyers": a quote two people
    give is each one's), and the whole span when it ends in a capitalised name with no
    appositive ("Secretary of Homeland Security Jeh Johnson").

    >>> gold_speaker_names("Ryan's spokeswoman, AshLee Strong,")
    ["Ryan's spokeswoman", 'AshLee Strong']
    >>> gold_speaker_names("Cummings and Conyers")
    ['Cummings and Conyers', 'Cummings', 'Conyers']
    """
    forms = [gold_speaker_name(gold) or gold]
    together = re.split(r"\s+(?:and|&)\s+", forms[0])
    if len(together) > 1 and all(_NAME_WORDS.fullmatch(p) for p in together):
        forms += together
    parts = [p.strip() for p in gold.split(",") if p.strip()]
    forms += [p for p in parts[1:] if re.fullmatch(r"(?:[A-Z][\w'’.-]*\s*){2,4}", p)]
    words = gold.split()
    if "," not in gold and len(words) > 1 and words[-1][:1].isupper() and \
            words[-2][:1].isupper() and gold not in forms:
        forms.append(gold)
    return forms


def speaker_matches(predicted: str | None, gold: str | None) -> bool:
    """Return whether speakers agree: same last word (surname) or one contains the other,
    against any form of :func:`gold_speaker_names` (the gold span's appositive — "Flynn, a
    top surrogate" — is cut off first)."""
    if not predicted or not gold:
        return False
    p = normalize_name(predicted)
    for form in gold_speaker_names(gold):
        g = normalize_name(form)
        if p and g and (p.split()[-1] == g.split()[-1] or contains_phrase(p, g)
                        or contains_phrase(g, p)):
            return True
    return _initials(predicted) in {w.strip(".").upper() for w in gold.split()
                                    if sum(c.isupper() for c in w) >= 2}


def quote_speaker_matches(predicted: PredictedQuote, gold: str | None) -> bool:
    """Return whether a predicted quote's speaker is the gold speaker: its name, or another
    name of the same actor, matches (:func:`speaker_matches`): an article may name a singer
    by stage name and real name, and the actor is right whichever kg shows."""
    return any(speaker_matches(name, gold)
               for name in (predicted.speaker, *predicted.speaker_names))


def _initials(name: str) -> str:
    """Return the initials of a name's capitalised words ("International Monetary Fund" →
    "IMF"), to match a gold span that abbreviates it ("the IMF")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper()) if " " in name else ""


#: Words after which a description's head noun is over ("a spokesman for Disney").
_DESCRIPTION_END = re.compile(r",|\s+(?:of|who|which|that|from|at|for|in|on|with)\s+")


def description_matches(description: str | None, gold: str | None) -> bool:
    """Return whether kg's description of an unnamed or described speaker is the gold span:
    one inside the other and the same head noun ("a spokesman" for "a spokesman for Disney",
    "the Milwaukee Journal Sentinel" for "the Sentinel"; not "the company" for "the company's
    chief executive").

    >>> description_matches("The Indiana governor", "The Indiana governor")
    True
    """
    if not description or not gold:
        return False
    d, g = normalize_name(description), normalize_name(gold_speaker_name(gold) or gold)
    head = normalize_name(_DESCRIPTION_END.split(gold, maxsplit=1)[0])
    full = normalize_name(gold)
    return bool(d and head) and (d in (g, full) or (d.split()[-1] == head.split()[-1] and (
        contains_phrase(full, d) or contains_phrase(d, head))))


def speaker_accuracy(pairs: Iterable[tuple[GoldQuote, PredictedQuote]],
                     by_description: bool = True) -> Rate:
    """Return right speakers / matched quotes whose gold speaker is a name: the predicted
    name matches the gold span, or (``by_description``) kg's description of the speaker is
    that span (the quote is attributed to the gold's words, whatever name kg resolved them to).
    """
    named = [(g, p) for g, p in pairs if is_named_speaker(g.speaker)]
    return Rate(sum(quote_speaker_matches(p, g.speaker)
                    or (by_description and description_matches(p.description, g.speaker))
                    for g, p in named), len(named))


# --- dates ------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}


def date_precision(value: str | None) -> str | None:
    """Return ``day``/``month``/``year`` for ISO ``YYYY[-MM[-DD]]`` values, else ``None``."""
    if not value or not _ISO_DATE.match(value):
        return None
    return {10: "day", 7: "month", 4: "year"}[len(value)]


def date_value_matches(gold: str, predicted: str | None, precision: str | None = None) -> bool:
    """Return whether a predicted date equals the gold value at the gold's precision.

    The prediction is first cut to its own ``precision``; it must be at least as precise as
    the gold (``2009-06-18`` is right for gold ``2009-06``; ``2009`` is not). ``fuzzy``
    precision (report date standing in) is never right.
    """
    if date_precision(gold) is None or not predicted or precision == "fuzzy":
        return False
    value = predicted[: _PRECISION_LENGTH.get(precision or "", 10)]
    return len(value) >= len(gold) and value[: len(gold)] == gold


def dates_match(g: GoldDate, p: PredictedDate) -> bool:
    """Return whether a predicted date expression is the gold one (span overlap or text)."""
    if None not in (g.start, g.end, p.start, p.end):
        return spans_match((g.start, g.end), (p.start, p.end))  # type: ignore[arg-type]
    return bool(p.text) and (contains_phrase(p.text, g.text) or contains_phrase(g.text, p.text))


class DateScores(NamedTuple):
    """Date results: span P/R, value accuracy over matched gold, value recall over all gold."""

    spans: Score
    accuracy: Rate
    recall: Rate


def date_scores(gold: Sequence[GoldDate], predicted: Sequence[PredictedDate]) -> DateScores:
    """Return date span P/R and normalisation accuracy over gold dates with an ISO day/month/year.

    Gold values such as ``PAST_REF``, weeks or quarters are left out of recall and accuracy,
    but a prediction overlapping them still counts as a correct span.
    """
    normalizable = [g for g in gold if date_precision(g.value)]
    matched = right = 0
    for g in normalizable:
        hits = [p for p in predicted if dates_match(g, p)]
        if hits:
            matched += 1
            right += any(date_value_matches(g.value, p.value, p.precision) for p in hits)
    correct = sum(any(dates_match(g, p) for g in gold) for p in predicted)
    return DateScores(
        spans=Score(correct, len(predicted), matched, len(normalizable)),
        accuracy=Rate(right, matched),
        recall=Rate(right, len(normalizable)),
    )


def event_date_hit(gold_dates: Sequence[str], predicted: Sequence[PredictedDate]) -> bool:
    """Return whether a gold main-event day is among the predicted event dates.

    Day-precision predictions must equal the day; month-precision ones the month; year and
    fuzzy (report date standing in) predictions never count.
    """
    for p in predicted:
        if not p.value:
            continue
        if p.precision in (None, "day") and len(p.value) >= 10:
            if any(p.value[:10] == g[:10] for g in gold_dates):
                return True
        elif p.precision == "month" and any(p.value[:7] == g[:7] for g in gold_dates):
            return True
    return False
