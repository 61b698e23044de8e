"""``kg_entity_ruler``: spaCy's entity ruler, with its phrase patterns' tokens cached.

spaCy's ruler makes a Doc of every phrase pattern, and so a lexeme (a few dozen attribute
functions) of every word in them: for kg's ~970 phrase patterns ~0.03 s of CPU at every
start, before the first article. A phrase pattern matched on the token text (spaCy's
default) needs only the hashes of its tokens' text, so this ruler takes the tokens from a
cache file in ``$KG_CACHE_DIR`` named after the tokenizer's rules and the pattern texts (made
with the tokenizer when it is missing, damaged or stale), and adds their hashes to the same
phrase matcher in the same order: the same matches, the same entities. Its token patterns
are matched around the words they need (:mod:`kg.extract.anchored_matcher`), which finds the
same matches as spaCy's ``Matcher`` in a fraction of the time.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from kg.cache_files import marshal_cache_file, read_marshal, write_marshal
from kg.extract.anchored_matcher import AnchoredMatcher, Match

#: Bumped when the cache file's content changes meaning.
CACHE_FORMAT = 1


@dataclass(frozen=True)
class PhraseText:
    """A phrase pattern kept as its text: all that :attr:`EntityRuler.patterns` (and so
    saving the ruler, or the doc cache's fingerprint) reads of spaCy's pattern Doc."""

    text: str


class CachedPhraseRuler(EntityRuler):
    """An entity ruler whose phrase patterns are added from their cached tokens (see the
    module docstring); with another ``phrase_matcher_attr`` it is spaCy's ruler."""

    _anchored: AnchoredMatcher | None = None

    def match(self, doc: Doc) -> list[Match]:
        """Return spaCy's ruler's matches, longest first: the token patterns' found around
        their anchors. The set spaCy makes of them orders only two labels of the same words
        by how it was filled; for those (rare) the document is matched again as spaCy does."""
        self._require_patterns()
        if self._anchored is None:
            self._anchored = AnchoredMatcher(self.nlp.vocab, [
                (key, pattern) for key, patterns in self.token_patterns.items()
                for pattern in patterns])
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")  # no patterns: as spaCy
            matches = [*self._anchored(doc), *self.phrase_matcher(doc)]
        found = {(m_id, start, end) for m_id, start, end in matches if start != end}
        if len({(start, end) for _, start, end in found}) < len(found):
            return super().match(doc)
        return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def clear(self) -> None:
        """Remove every pattern (and the anchored matcher made of them)."""
        super().clear()
        self._anchored = None

    def remove(self, ent_id: str) -> None:
        """Remove the patterns of ``ent_id`` (and the anchored matcher made of them)."""
        super().remove(ent_id)
        self._anchored = None

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Add token patterns as spaCy does, and phrase patterns by their tokens' hashes."""
        self._anchored = None
        if self.phrase_matcher_attr is not None:  # matches on more than the token text
            super().add_patterns(patterns)
            return
        phrases = [p for p in patterns if isinstance(p["pattern"], str)]
        super().add_patterns([p for p in patterns if not isinstance(p["pattern"], str)])
        strings = self.nlp.vocab.strings
        tokens = phrase_tokens(self.nlp.tokenizer, [p["pattern"] for p in phrases])
        for entry, words in zip(phrases, tokens, strict=True):  # spaCy's order: after tokens
            label = entry["label"]
            if "id" in entry:
                ent_label, label = label, self._create_label(label, entry["id"])
                self._ent_ids[self.matcher._normalize_key(label)] = (ent_label, entry["id"])
            self.phrase_patterns[label].append(PhraseText(entry["pattern"]))
            self.phrase_matcher.add(label, [[strings.add(word) for word in words]])


@Language.factory("kg_entity_ruler", default_config={"overwrite_ents": False})
def make_entity_ruler(nlp: Language, name: str, overwrite_ents: bool) -> CachedPhraseRuler:
    """Return an empty :class:`CachedPhraseRuler` (kg adds its patterns, see
    :func:`kg.nlp.add_kg_components`)."""
    return CachedPhraseRuler(nlp, name, overwrite_ents=overwrite_ents)


def phrase_tokens(tokenizer: Callable, texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Return the tokens ``tokenizer`` makes of each of ``texts``, read from the cache when
    an earlier run made them with the same rules (and written there when not).

    The cache holds the distinct texts in sorted order: kg builds some of its patterns from
    sets, whose order changes from one process to the next."""
    distinct = sorted(set(texts))
    path = _cache_path(tokenizer, distinct)
    tokens = _read_tokens(path, len(distinct)) if path else None
    if tokens is None:
        tokens = [tuple(token.text for token in tokenizer(text)) for text in distinct]
        if path:
            try:
                write_marshal(path, tokens)
            except OSError:
                pass  # an unwritable cache only costs the tokenizing
    by_text = dict(zip(distinct, tokens, strict=True))
    return [by_text[text] for text in texts]


def tokenizer_rules(tokenizer: Callable) -> tuple | None:
    """Return everything that decides how spaCy's ``tokenizer`` splits a text (its special
    cases and affix, token and URL patterns), or None for another kind of tokenizer."""
    if not isinstance(tokenizer, Tokenizer):
        return None
    patterns = []
    for search in (tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer,
                   tokenizer.token_match, tokenizer.url_match):
        pattern = getattr(getattr(search, "__self__", None), "pattern", None)
        if search is not None and not isinstance(pattern, str):
            return None  # a hand-written function: nothing to name it by
        patterns.append(pattern)
    return (type(tokenizer).__name__, tuple(patterns), tokenizer.faster_heuristics,
            tokenizer.rules)


def _cache_path(tokenizer: Callable, texts: Sequence[str]) -> Path | None:
    """Return the cache file of the tokens of ``texts`` (None when the tokenizer's rules
    cannot be named)."""
    rules = tokenizer_rules(tokenizer)
    if rules is None:
        return None
    try:
        return marshal_cache_file(
            "phrase-tokens", CACHE_FORMAT, (CACHE_FORMAT, spacy.__version__, rules, list(texts)))
    except ValueError:  # a rule holding something marshal cannot write
        return None


def _read_tokens(path: Path, count: int) -> list[tuple[str, ...]] | None:
    """Return the ``count`` token tuples cached at ``path``, or None when there are none."""
    tokens = read_marshal(path)
    if not (isinstance(tokens, list) and len(tokens) == count and all(
            isinstance(words, tuple) and all(isinstance(w, str) for w in words)
            for words in tokens)):
        return None
    return tokens
