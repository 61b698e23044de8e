"""Gold-bounded actor mentions for training and measuring kg's actor-type classifier.

Used by ``bench/train_actor_type.py`` (CoNLL-2003 train) and ``bench/measure_actor_type.py``
(CoNLL-2003 dev and MEANTIME, measurement only). Articles are parsed with the same spaCy model
kg uses; parses are cached as DocBin files when a cache folder is given.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate.adapters import conll_domain  # noqa: E402
from kg.extract.countries import lookup_country  # noqa: E402
from kg.nlp import resolve_model_name  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval"
GOLD_LABELS: dict[str, str] = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}
NAMED = frozenset({"NAM", "PRE.NAM"})


@dataclass(frozen=True)
class Mention:
    """A gold mention: its span, the types that count as right, its actor key and slice."""

    span: Span
    label: str
    accepted: frozenset[str]
    actor: str
    domain: str


def load_records(path: Path) -> list[dict]:
    """Return the articles of a ``normalized.jsonl`` file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def plain_model() -> Language:
    """Return the spaCy model kg uses, without kg's components."""
    return spacy.load(resolve_model_name())


def parsed_docs(records: list[dict], nlp: Language, cache: Path | None, name: str) -> list[Doc]:
    """Return the parsed articles, read from / written to ``cache/<name>-<n>.<model>.spacy``."""
    model = nlp.meta.get("name", "model")
    target = cache / f"{name}-{len(records)}.{model}.spacy" if cache else None
    if target and target.exists():
        docs = list(DocBin().from_disk(target).get_docs(nlp.vocab))
        if len(docs) == len(records):
            return docs
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=16))
    if target:
        target.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(target)
    return docs


def actor_key(text: str) -> str:
    """Return the grouping key of a mention: lowercase words, possessive dropped."""
    key = " ".join(text.replace("’", "'").lower().split())
    return key[:-2] if key.endswith("'s") else key


def _merge_surnames(keys: set[str]) -> dict[str, str]:
    """Return key → actor key, a one-word key joined to the one longer key ending in it."""
    merged = {key: key for key in keys}
    for key in keys:
        if " " in key:
            continue
        longer = [k for k in keys if " " in k and k.rsplit(" ", 1)[1] == key]
        if len(longer) == 1:
            merged[key] = longer[0]
    return merged


def _group(raw: list[tuple[Span, str, frozenset[str], str]]) -> list[Mention]:
    """Return mentions with actor keys (same name, or a surname of one longer name)."""
    merged = _merge_surnames({actor_key(span.text) for span, *_ in raw})
    return [Mention(span, label, accepted, merged[actor_key(span.text)], domain)
            for span, label, accepted, domain in raw]


def accepted_types(label: str, text: str) -> frozenset[str]:
    """Return the types that count as right: the gold one, and for a place or organisation
    the country gazetteer knows, both (kg makes either a Country, see kg.extract.actors)."""
    if label != "Person" and lookup_country(text) is not None:
        return frozenset({"Place", "Organization"})
    return frozenset({label})


def conll_mentions(record: dict, doc: Doc) -> list[Mention]:
    """Return the PER/LOC/ORG gold mentions of a CoNLL-2003 article (MISC skipped)."""
    domain = conll_domain(record.get("title") or record["text"].split("\n", 1)[0])
    raw = []
    for ent in record["entities"]:
        label = GOLD_LABELS.get(ent["type"])
        span = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
        if label and span is not None:
            raw.append((span, label, accepted_types(label, span.text), domain))
    return _group(raw)


def meantime_mentions(record: dict, doc: Doc) -> list[Mention]:
    """Return MEANTIME's named PER/LOC/ORG mentions (before ``annotated_end``)."""
    limit = record.get("annotated_end") or len(record["text"])
    raw = []
    for ent in record["entities"]:
        label = GOLD_LABELS.get(ent.get("type") or "")
        if not label or ent.get("syntactic_type") not in NAMED or ent["start"] >= limit:
            continue
        span = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
        if span is None:
            continue
        raw.append((span, label, accepted_types(label, span.text),
                    record.get("corpus", "meantime")))
    return _group(raw)


def actors(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Return actor key → its mentions."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[mention.actor].append(mention)
    return dict(groups)


def dataset(name: str, nlp: Language, cache: Path | None, limit: int | None = None
            ) -> Iterator[tuple[Doc, list[Mention]]]:
    """Yield (doc, gold mentions) for ``conll2003_train``, ``conll2003_dev`` or ``meantime``."""
    folder = {"meantime": "meantime_en"}.get(name, name)
    path = EVAL_DIR / folder / "normalized.jsonl"
    if not path.exists():
        raise SystemExit(f"{path}: gold file not found (is ../shared/eval present?)")
    records = load_records(path)[:limit]
    docs = parsed_docs(records, nlp, cache, name)
    reader = meantime_mentions if name == "meantime" else conll_mentions
    for record, doc in zip(records, docs, strict=True):
        yield doc, reader(record, doc)
