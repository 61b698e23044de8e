"""Readers turning each gold format into one record type, :class:`GoldDoc`.

Formats: MEANTIME, PolNeAR, Giveme5W1H and CoNLL-2003 (the ``normalized.jsonl`` files of
``../shared/eval``) and our own plain format (JSON or JSONL)::

    {"id", "text" | "text_file", "published", "domain",
     "gold": {"entities": [{"text", "type" | "types", "aliases", "start", "end", "instance",
                            "ignored"}],
              "quotes": [{"quote", "speaker", "start", "end"}],
              "dates": [{"text", "iso"}], "junk": ["..."]}}

Choices (documented here because they change the figures):

* MEANTIME: named mentions only (``syntactic_type`` NAM / PRE.NAM) starting before
  ``annotated_end``; PER→Person, ORG→Organization, LOC→Place *or* Country, PRO→Product; FIN
  (stock indexes, currencies), MIX and untyped mentions are kept with no accepted type, so they
  count for untyped scoring only.
  Dates: DATE timexes with a text span, except the dateline (``CREATION_TIME``).
  Domain slice: the article's corpus (``airbus``, ``apple``, ``gm``, ``stock``).
* CoNLL-2003: every mention; PER→Person, ORG→Organization, LOC→Place *or* Country; MISC
  mentions are kept as ``ignored`` (neither found nor missed, and a prediction overlapping
  one is not counted). Domain slice: ``sports`` when the title's head — the words before its
  first hyphen, at most four ("SOCCER -", "RUGBY UNION -", "Boxing-") — names a sport
  (:data:`SPORT_WORDS`), else ``other``.
* PolNeAR: ``direct_quotes`` with 3 or more words; the literal gold speaker span is kept;
  each takes the ``direct`` value (``full`` / ``partial``) of its attribution in ``quotes``.
* Giveme5W1H: text = title, blank line, description (left out when the text already starts
  with it), blank line, text — the 5W1H phrases were annotated over all three. The main
  event's dates are the ``event_date`` values of its ``when`` items; its ``who`` and
  ``where`` phrases are kept (:class:`GoldPhrase`), each with the words that are names by
  the gold text's capitalisation (:func:`name_words`).
* Plain: ``text_file`` is resolved against the gold file's folder first, then the current
  directory; a document whose text cannot be found is skipped with a message. Entities are
  names with aliases (scored by name, as the seed is) unless every one has offsets; then
  they are mentions (scored by span, as MEANTIME and CoNLL are), grouped by ``instance``,
  with ``ignored`` ones counted nowhere (as CoNLL's MISC). ``types`` lists the kg types
  right for an entity (``["Place", "Country"]``) where one ``type`` is not enough.
  Domain slice: the record's ``domain`` (the written set: sports, courts, city, products,
  wire, other; written2: health, politics, business, environment, arts, crime, technology;
  written3: sports, courts, city, products, wire, science, obituaries; written4: elections,
  conflict, markets, transport, education, religion, agriculture; written5: weather, energy,
  labour, immigration, entertainment, cyber, shipping; written6: motorsport, defence, housing,
  retail, books, royalty, aid; written7: diplomacy, aviation, tourism, wildlife, heritage,
  finance, space; written8: food, telecom, mining, gaming, architecture, water, racing;
  written9: chess, forestry, insurance, postal, pharma, fisheries, mountaineering).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATASETS: tuple[str, ...] = ("meantime", "polnear", "giveme5w1h", "conll2003", "plain")

#: MEANTIME entity type → the kg types that count as right for it.
MEANTIME_TYPES: dict[str, tuple[str, ...]] = {
    "PER": ("Person",),
    "ORG": ("Organization",),
    "LOC": ("Place", "Country"),
    "PRO": ("Product",),
}
#: Giveme5W1H roles whose phrases name the main event's actors.
PHRASE_ROLES: tuple[str, ...] = ("who", "where")
NAMED_SYNTACTIC_TYPES = frozenset({"NAM", "PRE.NAM"})
#: CoNLL-2003 entity type → the kg types that count as right for it (MISC: not scored).
CONLL_TYPES: dict[str, tuple[str, ...]] = {
    "PER": ("Person",),
    "ORG": ("Organization",),
    "LOC": ("Place", "Country"),
}
#: Words that make a CoNLL title head ("CRICKET -") a sports section.
SPORT_WORDS = frozenset(
    "soccer football cricket tennis golf baseball basketball boxing athletics cycling rugby "
    "racing squash hockey swimming rowing skiing sailing motorcycling badminton volleyball "
    "handball wrestling judo nfl nba nhl olympics sport sports".split())


def meantime_types(gold_type: str | None, text: str) -> tuple[str, ...]:
    """Return the kg types right for a MEANTIME mention. MEANTIME types a country acting
    politically ("the United States said") as ORG; kg's Country actor is that political
    entity, so Country counts as right there too.

    >>> meantime_types("ORG", "United States")
    ('Organization', 'Country')
    """
    types = MEANTIME_TYPES.get(gold_type or "", ())
    if gold_type == "ORG":
        from kg.extract.countries import is_demonym, lookup_country

        if lookup_country(text) is not None and not is_demonym(text):
            types = (*types, "Country")
    return types
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class GoldEntity:
    """A gold actor: a mention with offsets (MEANTIME) or a name with aliases (plain).

    ``types`` lists the kg types accepted as right; empty means "untyped scoring only".
    ``instance`` groups mentions of one real-world entity (for the duplicate-nodes metric).
    ``ignored`` marks a mention that is neither rewarded nor penalised (CoNLL MISC).
    """

    text: str
    types: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    instance: str | None = None
    ignored: bool = False


@dataclass(frozen=True)
class GoldQuote:
    """A gold direct quote (content without quote marks) and its literal speaker."""

    quote: str
    speaker: str | None
    start: int | None = None
    end: int | None = None
    #: ``full`` (the whole content is quoted) or ``partial`` (a quote inside reported
    #: speech), where the gold says so (PolNeAR's ``direct``); else ``None``.
    direct: str | None = None


@dataclass(frozen=True)
class GoldDate:
    """A gold date expression with its normalized ISO value (``2005-06-06``, ``2005-06``)."""

    text: str
    value: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class GoldEvent:
    """A gold main event: the ISO day(s) it happened and, if given, what happened."""

    dates: tuple[str, ...]
    what: str | None = None


#: An all-capitals first word this long or shorter is an abbreviation ("US", "FBI", "UK").
MAX_ABBREVIATION = 5
_WORD = re.compile(r"[^\W_][\w'’.-]*")


@dataclass(frozen=True)
class GoldPhrase:
    """A gold who / where phrase of an article's main event.

    ``names`` lists its name words (:func:`name_words`, read from the gold text); empty
    means the phrase names no one ("At least seven people"). ``agreement`` is the number of
    coders who gave it.
    """

    role: str
    text: str
    names: tuple[str, ...] = ()
    agreement: int | None = None


def _writes_lowercase(word: str, text: str) -> bool:
    """Return whether ``text`` has ``word`` in lowercase as a whole word of running text (not
    inside a link, a handle or a hashtag: "toblerone.com", "@croydon", "#croydon")."""
    pattern = rf"(?<![\w./@#-]){re.escape(word.lower())}(?![\w/@#-])(?!\.\w)"
    return re.search(pattern, text) is not None


def _is_stop_word(word: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    return word.lower() in STOP_WORDS


def name_words(phrase: str, text: str) -> tuple[str, ...]:
    """Return the words of a gold phrase that are names, judged by the gold's capitalisation.

    A capitalised word inside the phrase is a name. Capitals say less for the phrase's first
    word (any sentence starts with one) and for a word in capitals ("LONDON", "AN
    EXPLOSION"): such a word is a name when the article never writes it in lowercase
    ("Croydon", "FELIPE"; not "Dozens"... written "dozens" elsewhere, "AN") and it is no
    stop word ("Two", "Several", "At"); or, outside a phrase all in capitals, when it is an
    abbreviation of 2-5 capitals ("FBI", "US", "UK").

    >>> name_words("At least seven people", "")
    ()
    >>> name_words("FBI Director James Comey", "")
    ('FBI', 'Director', 'James', 'Comey')
    >>> name_words("AN EXPLOSION", "an explosion")
    ()
    """
    words = _WORD.findall(phrase)
    all_capitals = len(words) > 1 and all(w.isupper() for w in words)
    out = []
    for n, word in enumerate(words):
        if not word[0].isupper():
            continue
        letters = sum(c.isalpha() for c in word)
        if n > 0 and not word.isupper():
            out.append(word)
        elif word.isupper() and not all_capitals and 2 <= letters <= MAX_ABBREVIATION:
            out.append(word)
        elif not _writes_lowercase(word, text) and not _is_stop_word(word):
            out.append(word)
    return tuple(out)


@dataclass(frozen=True)
class GoldDoc:
    """One gold article: its text and every annotation the dataset has for it.

    ``parts`` names the annotation layers present (``entities``, ``quotes``, ``dates``,
    ``events``, ``phrases``, ``junk``) so that absent layers are not scored as zero.
    ``domain`` names the slice the document is also reported in (MEANTIME corpus, CoNLL
    sports / other).
    """

    id: str
    text: str
    published: str | None = None
    title: str = ""
    entities: tuple[GoldEntity, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    dates: tuple[GoldDate, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    phrases: tuple[GoldPhrase, ...] = ()
    junk: tuple[str, ...] = ()
    annotated_end: int | None = None
    parts: frozenset[str] = field(default_factory=frozenset)
    dataset: str = "plain"
    domain: str | None = None


@dataclass(frozen=True)
class GoldSet:
    """Documents read from one gold file plus the messages about documents skipped."""

    dataset: str
    path: str
    docs: tuple[GoldDoc, ...]
    skipped: tuple[str, ...] = ()


#: Named gold sets: name → (title, path under the evaluation folder, or from the repo root
#: for ``seed``). ``kg eval NAME`` and ``bench/run_quality.py`` use these.
NAMED_SETS: dict[str, tuple[str, str]] = {
    "meantime": ("MEANTIME (entities, dates)", "meantime_en/normalized.jsonl"),
    "conll2003_dev": ("CoNLL-2003 dev (entities)", "conll2003_dev/normalized.jsonl"),
    "polnear": ("PolNeAR (direct quotes, speakers)", "polnear/normalized.jsonl"),
    "giveme5w1h": ("Giveme5W1H (main-event date, who/where actors)",
                   "giveme5w1h_gold/normalized.jsonl"),
    "seed": ("Seed article (our annotation)", "bench/gold/seed.gold.json"),
    "written": ("Written set (our articles and annotation: entities, speakers; 6 domains)",
                "bench/written/gold.jsonl"),
    "written2": ("Written set 2 (our articles and annotation, blind: entities, speakers; "
                 "7 domains)", "bench/written2/gold.jsonl"),
    "written3": ("Written set 3 (our articles and annotation, blind: entities, speakers; "
                 "7 news domains)", "bench/written3/gold.jsonl"),
    "written4": ("Written set 4 (our articles and annotation, blind: entities, speakers; "
                 "7 unseen domains, varied outlet styles)", "bench/written4/gold.jsonl"),
    "written5": ("Written set 5 (our articles and annotation, blind: entities, speakers; "
                 "7 more unseen domains, varied outlets)", "bench/written5/gold.jsonl"),
    "written6": ("Written set 6 (our articles and annotation, blind: entities, speakers; "
                 "7 more unseen domains, varied outlets)", "bench/written6/gold.jsonl"),
    "written7": ("Written set 7 (our articles and annotation, blind: entities, speakers; "
                 "7 more unseen domains, varied outlets)", "bench/written7/gold.jsonl"),
    "written8": ("Written set 8 (our articles and annotation, blind: entities, speakers; "
                 "7 more unseen domains, varied outlets)", "bench/written8/gold.jsonl"),
    "written9": ("Written set 9 (our articles and annotation, blind: entities, speakers; "
                 "7 more unseen domains, varied outlets)", "bench/written9/gold.jsonl"),
}
#: Named sets kept in the repository (their paths are from its root), all in the plain format.
REPO_SETS = frozenset({"seed", "written", "written2", "written3", "written4", "written5",
                       "written6", "written7", "written8", "written9"})
SET_ALIASES = {"conll2003": "conll2003_dev", "conll": "conll2003_dev"}
REPO_ROOT = Path(__file__).resolve().parents[2]


def eval_dir() -> Path:
    """Return the folder of the shared gold sets: ``KG_EVAL_DIR``, else ``../shared/eval``
    next to the current directory, else next to the repository."""
    import os

    if os.environ.get("KG_EVAL_DIR"):
        return Path(os.environ["KG_EVAL_DIR"])
    here = Path.cwd().parent / "shared" / "eval"
    return here if here.is_dir() else REPO_ROOT.parent / "shared" / "eval"


def named_set_path(name: str) -> Path | None:
    """Return the gold file of a named set (``conll2003_dev``, ``meantime``, ...), or None
    when ``name`` is not a set name."""
    name = SET_ALIASES.get(name, name)
    if name not in NAMED_SETS:
        return None
    relative = NAMED_SETS[name][1]
    return REPO_ROOT / relative if name in REPO_SETS else eval_dir() / relative


class GoldFormatError(ValueError):
    """Raised when a gold file cannot be read or its format cannot be recognised."""


# --- reading -------------------------------------------------------------------------------


def read_records(path: Path) -> list[dict[str, Any]]:
    """Return the JSON objects of a JSONL file, or of a JSON file (object, list or ``docs``)."""
    text = path.read_text(encoding="utf-8")
    stripped = text.lstrip()
    if not stripped:
        return []
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        data = None
    if data is None:
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise GoldFormatError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        return records
    if isinstance(data, dict) and isinstance(data.get("docs"), list):
        return list(data["docs"])
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return list(data)
    raise GoldFormatError(f"{path}: expected a JSON object or list")


def detect_dataset(path: Path, records: list[dict[str, Any]]) -> str:
    """Return the dataset name for a gold file, from its path first, then its first record."""
    lowered = str(path).lower()
    for name in ("meantime", "polnear", "giveme5w1h", "conll2003"):
        if name in lowered:
            return name
    first = records[0] if records else {}
    if "gold" in first:
        return "plain"
    if "annotated_end" in first or "entity_instances" in first:
        return "meantime"
    if "direct_quotes" in first:
        return "polnear"
    if "events" in first and "description" in first:
        return "giveme5w1h"
    if "entities" in first and "split" in first:
        return "conll2003"
    raise GoldFormatError(f"{path}: cannot tell the gold format; pass --dataset")


def load_gold(path: str | Path, dataset: str | None = None, limit: int | None = None) -> GoldSet:
    """Return the gold documents of ``path`` read by the adapter for its (detected) dataset."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"gold file not found: {path}")
    records = read_records(path)
    name = dataset or detect_dataset(path, records)
    if name not in DATASETS:
        raise GoldFormatError(f"unknown dataset {name!r}; one of {', '.join(DATASETS)}")
    if limit is not None:
        records = records[:limit]
    from kg.evaluate.plain import MissingTextError, plain_doc  # it reads these records

    docs: list[GoldDoc] = []
    skipped: list[str] = []
    for n, record in enumerate(records, 1):
        try:
            if name == "plain":
                docs.append(plain_doc(record, path.parent))
            else:
                docs.append(ADAPTERS[name](record))
        except MissingTextError as exc:
            skipped.append(f"{path}: record {n}: {exc}")
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldFormatError(f"{path}: record {n}: not {name} gold ({exc!r})") from exc
    return GoldSet(dataset=name, path=str(path), docs=tuple(docs), skipped=tuple(skipped))


# --- MEANTIME -------------------------------------------------------------------------------


def meantime_doc(record: dict[str, Any]) -> GoldDoc:
    """Return a MEANTIME article with named mentions and DATE timexes of its annotated region."""
    end = record.get("annotated_end")
    limit = len(record["text"]) if end is None else int(end)
    entities = tuple(
        GoldEntity(
            text=m["text"],
            types=meantime_types(m.get("type"), m.get("text") or ""),
            start=m["start"],
            end=m["end"],
            instance=m.get("instance_id"),
        )
        for m in record.get("entities", [])
        if m.get("syntactic_type") in NAMED_SYNTACTIC_TYPES
        and m.get("start") is not None
        and m["start"] < limit
    )
    dates = tuple(
        GoldDate(text=t["text"], value=t["value"], start=t["start"], end=t["end"])
        for t in record.get("timexes", [])
        if t.get("type") == "DATE"
        and t.get("function") != "CREATION_TIME"
        and t.get("start") is not None
        and t["start"] < limit
        and t.get("value")
    )
    return GoldDoc(
        id=str(record["id"]),
        text=record["text"],
        published=record.get("date"),
        title=record.get("title") or "",
        entities=entities,
        dates=dates,
        annotated_end=limit,
        parts=frozenset({"entities", "dates"}),
        dataset="meantime",
        domain=meantime_domain(record),
    )


def meantime_domain(record: dict[str, Any]) -> str | None:
    """Return the MEANTIME corpus of an article without its prefix (``corpus_gm`` → ``gm``)."""
    corpus = record.get("corpus")
    return str(corpus).removeprefix("corpus_") if corpus else None


# --- PolNeAR --------------------------------------------------------------------------------


def polnear_doc(record: dict[str, Any]) -> GoldDoc:
    """Return a PolNeAR article with its direct quotes of 3 or more words, each marked
    ``full`` or ``partial`` from its attribution."""
    direct = {q.get("ann_id"): q.get("direct") for q in record.get("quotes", [])}
    quotes = tuple(
        GoldQuote(quote=q["quote"], speaker=q.get("speaker"), start=q["start"], end=q["end"],
                  direct=direct.get(q.get("ann_id")))
        for q in record.get("direct_quotes", [])
        if q.get("n_words", len(q["quote"].split())) >= MIN_QUOTE_WORDS
    )
    return GoldDoc(
        id=str(record["id"]),
        text=record["text"],
        published=record.get("date"),
        title=record.get("title") or "",
        quotes=quotes,
        parts=frozenset({"quotes"}),
        dataset="polnear",
    )


# --- Giveme5W1H -----------------------------------------------------------------------------


def giveme5w1h_text(title: str, description: str | None, text: str) -> str:
    """Return title, description (unless the text starts with it) and text, blank-line joined."""
    parts = [title.strip()] if title and title.strip() else []
    description = (description or "").strip()
    body = text.strip()
    if description and not body.startswith(description[:60]):
        parts.append(description)
    parts.append(body)
    return "\n\n".join(parts)


def giveme5w1h_phrases(events: Iterable[dict[str, Any]], text: str) -> tuple[GoldPhrase, ...]:
    """Return the who / where phrases of the main events, each once per role (folded case
    and spaces), with the name words the gold text shows (:func:`name_words`)."""
    out: dict[tuple[str, str], GoldPhrase] = {}
    for event in events:
        for role in PHRASE_ROLES:
            for item in event.get(role) or []:
                phrase = " ".join((item.get("text") or "").split())
                if phrase and (role, phrase.lower()) not in out:
                    out[(role, phrase.lower())] = GoldPhrase(
                        role, phrase, name_words(phrase, text), item.get("agreement"))
    return tuple(out.values())


def giveme5w1h_doc(record: dict[str, Any]) -> GoldDoc:
    """Return a Giveme5W1H article with its main event's date(s)."""
    events = []
    for event in record.get("events", []):
        dates = tuple(
            dict.fromkeys(w["event_date"] for w in event.get("when", []) if w.get("event_date"))
        )
        what = next((w["text"] for w in event.get("what", []) if w.get("text")), None)
        events.append(GoldEvent(dates=dates, what=what))
    text = giveme5w1h_text(record.get("title") or "", record.get("description"),
                           record["text"])
    phrases = giveme5w1h_phrases(record.get("events", []), text)
    return GoldDoc(
        id=str(record["id"]),
        text=text,
        published=record.get("date"),
        title=record.get("title") or "",
        events=tuple(events),
        phrases=phrases,
        parts=frozenset({"events", "phrases"} if phrases else {"events"}),
        dataset="giveme5w1h",
    )


# --- CoNLL-2003 -----------------------------------------------------------------------------

_TITLE_HEAD = re.compile(r"^\s*([^-–—]+?)\s*[-–—]")


def conll_domain(title: str) -> str:
    """Return ``sports`` when the title's head (up to 4 words before its first hyphen)
    names a sport, else ``other``.

    >>> conll_domain("RUGBY UNION - HOME SIDE WIN AT LAST.")
    'sports'
    >>> conll_domain("Ministers agree budget - agency.")
    'other'
    """
    match = _TITLE_HEAD.match(title)
    if not match or len(match.group(1).split()) > 4:
        return "other"
    words = re.findall(r"[a-z]+", match.group(1).lower())
    # a word that is a sport, or glues one of 6+ letters to another ("BASKETBALLSOCCER")
    sports = any(w in SPORT_WORDS or any(len(s) >= 6 and s in w for s in SPORT_WORDS)
                 for w in words)
    return "sports" if sports else "other"


def conll_doc(record: dict[str, Any]) -> GoldDoc:
    """Return a CoNLL-2003 article with every mention; MISC mentions are kept as ignored."""
    entities = tuple(
        GoldEntity(
            text=m["text"],
            types=CONLL_TYPES.get(m["type"], ()),
            start=m["start"],
            end=m["end"],
            ignored=m["type"] not in CONLL_TYPES,
        )
        for m in record.get("entities", [])
    )
    title = record.get("title") or ""
    return GoldDoc(
        id=str(record["id"]),
        text=record["text"],
        published=record.get("date"),
        title=title,
        entities=entities,
        parts=frozenset({"entities"}),
        dataset="conll2003",
        domain=conll_domain(title),
    )


ADAPTERS = {"meantime": meantime_doc, "polnear": polnear_doc, "giveme5w1h": giveme5w1h_doc,
            "conll2003": conll_doc}
