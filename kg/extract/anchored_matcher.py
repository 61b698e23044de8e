"""Token patterns matched only around the words they need: the same matches as spaCy's
``Matcher``, found in a fraction of the document.

spaCy's ``Matcher`` starts every pattern at every token, so kg's ~160 entity-ruler token
patterns cost as much as a model pipe. Most of them need one word of a list somewhere
("Ministry", a demonym, "Agreement"): :class:`AnchoredMatcher` finds the tokens with that
word (its *anchor*) from the document's word arrays, and runs the patterns of that anchor
only on the stretch of tokens a match through it can cover; patterns with no such word, or
that can run on without bound, run on the whole document (only when their anchor occurs).
A match lies inside the stretch around its own anchor, and a match found inside a stretch
is a match in the document (a token pattern reads only the tokens it covers), so the
matches are the same; only their order differs.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Token attributes an anchor can be read from, by their pattern names.
_ANCHOR_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}
_COUNT_RE = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")

Match = tuple[int, int, int]


def op_counts(op: str | None) -> tuple[int, float] | None:
    """Return the least and most tokens a pattern token with operator ``op`` covers
    (None for an operator this module does not bound, such as "!")."""
    fixed = {None: (1, 1), "1": (1, 1), "?": (0, 1), "*": (0, math.inf), "+": (1, math.inf)}
    if op in fixed:
        return fixed[op]
    found = _COUNT_RE.fullmatch(op or "")
    if found is None:
        return None
    low, comma, high = found.groups()
    least = int(low or 0)
    return least, (int(high) if high else math.inf) if comma else least


def anchor_words(spec: dict) -> tuple[int, frozenset[str]] | None:
    """Return the attribute and the words one of which a token must have to match ``spec``
    (its ORTH or LOWER as a word or an ``IN`` list), or None when it asks for none."""
    for key, value in spec.items():
        attr = _ANCHOR_ATTRS.get(key.upper()) if isinstance(key, str) else None
        if attr is None:
            continue
        if isinstance(value, str):
            return attr, frozenset([value])
        if isinstance(value, dict) and set(value) == {"IN"} and \
                all(isinstance(word, str) for word in value["IN"]):  # not hashes
            return attr, frozenset(value["IN"])
    return None


@dataclass(frozen=True)
class Reach:
    """Where a pattern's matches can lie around its anchor's first token: up to ``before``
    tokens before it and ``after`` tokens from it on (infinite: anywhere)."""

    attr: int
    words: frozenset[str]
    before: float
    after: float


def pattern_reach(pattern: Sequence[dict]) -> Reach | None:
    """Return the anchor of a token pattern (its required token with the fewest words to
    choose from) and how far its matches reach around it, or None when it has none."""
    counts = [op_counts(spec.get("OP")) for spec in pattern]
    if any(c is None for c in counts):
        return None
    best = None
    for i, spec in enumerate(pattern):
        anchor = anchor_words(spec) if counts[i][0] >= 1 else None
        if anchor and (best is None or len(anchor[1]) < len(best[1][1])):
            best = (i, anchor)
    if best is None:
        return None
    i, (attr, words) = best
    return Reach(attr, words, sum(c[1] for c in counts[:i]), sum(c[1] for c in counts[i:]))


@dataclass
class _Group:
    """The patterns of one anchor, with their widest reach and a matcher of their own."""

    attr: int
    words: frozenset[str]
    matcher: Matcher
    before: float = 0
    after: float = 0
    hashes: frozenset[int] = field(default=frozenset())


class AnchoredMatcher:
    """spaCy's ``Matcher`` over token patterns, run only around their anchors (see the
    module docstring). Called on a Doc, it returns the same set of ``(match_id, start,
    end)`` as ``Matcher`` does for the same patterns added under the same keys."""

    def __init__(self, vocab: Vocab, patterns: Iterable[tuple[str, list[dict]]]) -> None:
        self.vocab = vocab
        self.everywhere = Matcher(vocab, validate=False)
        groups: dict[tuple[int, frozenset[str]], _Group] = {}
        by_group: dict[tuple[int, frozenset[str]], dict[str, list]] = defaultdict(
            lambda: defaultdict(list))
        everywhere: dict[str, list] = defaultdict(list)
        for key, pattern in patterns:
            reach = pattern_reach(pattern)
            if reach is None:
                everywhere[key].append(pattern)
                continue
            where = (reach.attr, reach.words)
            group = groups.setdefault(where, _Group(
                reach.attr, reach.words, Matcher(vocab, validate=False),
                hashes=frozenset(vocab.strings[w] for w in reach.words)))
            group.before = max(group.before, reach.before)
            group.after = max(group.after, reach.after)
            by_group[where][key].append(pattern)
        for where, keyed in by_group.items():
            for key, some in keyed.items():
                groups[where].matcher.add(key, some)
        for key, some in everywhere.items():
            self.everywhere.add(key, some)
        self.groups = list(groups.values())

    def __call__(self, doc: Doc) -> list[Match]:
        """Return the matches of the patterns in ``doc`` (no order promised)."""
        found = list(self.everywhere(doc)) if len(self.everywhere) else []
        positions = _word_positions(doc)
        for group in self.groups:
            at = positions[group.attr]
            starts = sorted(i for h in group.hashes & at.keys() for i in at[h])
            for start, end in _windows(starts, group.before, group.after, len(doc)):
                if start == 0 and end == len(doc):
                    found.extend(group.matcher(doc))
                else:
                    found.extend((m, start + s, start + e)
                                 for m, s, e in group.matcher(doc[start:end]))
        return found


def _word_positions(doc: Doc) -> dict[int, dict[int, list[int]]]:
    """Return, for ORTH and LOWER, each word's hash → the indices of its tokens."""
    out: dict[int, dict[int, list[int]]] = {ORTH: {}, LOWER: {}}
    if len(doc):
        for i, (orth, lower) in enumerate(doc.to_array([ORTH, LOWER]).tolist()):
            out[ORTH].setdefault(orth, []).append(i)
            out[LOWER].setdefault(lower, []).append(i)
    return out


def _windows(starts: list[int], before: float, after: float, size: int
             ) -> list[tuple[int, int]]:
    """Return the merged stretches ``[i - before, i + after)`` around ``starts`` (sorted),
    cut to the document's ``size`` tokens."""
    out: list[tuple[int, int]] = []
    for i in starts:
        start = 0 if before == math.inf else max(0, i - int(before))
        end = size if after == math.inf else min(size, i + int(after))
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
