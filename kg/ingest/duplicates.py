"""The same article reached twice (two URLs, a syndicated copy, a file read twice under
two names) or a near-identical copy of it (wire copy with a new headline or a reworded
sentence): the first one read, or the one already stored, is kept; later copies are skipped
with a notice naming it, so a story's mentions are counted once.

Near-duplicates are found by MinHash over word 3-shingles of the case- and
punctuation-normalised body text, with an LSH band index (each article is compared only with
the few that share a band, never with every other one); a copy is one whose estimated
Jaccard similarity to a kept article is at least :data:`NEAR_THRESHOLD`.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

from kg.ingest.base import Skipped
from kg.model import Article

DUPLICATE = "duplicate"
NEAR_DUPLICATE = "near-duplicate"
#: Estimated Jaccard similarity of word 3-shingle sets (headline left out) at or above which
#: two texts are one story: a wire story of eight sentences with one rewritten scores about
#: 0.74; two stories sharing two of their eight sentences about 0.2.
NEAR_THRESHOLD = 0.6
SHINGLE = 3
PERMUTATIONS = 128
BANDS = 32  # 4 rows a band: a pair at similarity 0.6 shares a band with probability 0.99
#: Texts with fewer shingles than this are compared by exact text only (too short to judge).
MIN_SHINGLES = 8

_PRIME = (1 << 61) - 1
_MAX = np.uint64((1 << 32) - 1)
_RNG = np.random.RandomState(17)  # fixed: signatures are the same in every run
_A = _RNG.randint(1, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.randint(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def text_key(text: str) -> str:
    """Return the digest of ``text`` with case and spacing normalised.

    >>> text_key("Talks  resume.\\n\\nCosta said so.") == text_key("talks resume. costa said so.")
    True
    """
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()[:32]


def body(text: str, title: str) -> str:
    """Return ``text`` without its headline (a syndicated copy often has its own).

    >>> body("Talks resume. Costa said so.", "Talks resume.")
    ' Costa said so.'
    """
    return text[len(title):] if title and text.startswith(title) else text


def shingles(text: str) -> set[int]:
    """Return the 32-bit hashes of the word 3-shingles of ``text`` (case and punctuation
    ignored).

    >>> len(shingles("The talks, resumed. The talks resumed!"))
    3
    """
    words = _WORD.findall(text.casefold())
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode("utf-8"))
            for i in range(len(words) - SHINGLE + 1)}


def signature(hashes: set[int]) -> np.ndarray:
    """Return the MinHash signature (:data:`PERMUTATIONS` values) of a set of shingle hashes."""
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    permuted = np.bitwise_and((np.outer(values, _A) + _B) % np.uint64(_PRIME), _MAX)
    return permuted.min(axis=0)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Return the Jaccard similarity estimated from two signatures."""
    return float(np.mean(a == b))


@dataclass(frozen=True)
class Kept:
    """A text kept so far: how notices name it, and its article id if it is already stored
    (a stored article read again under its own id is the same article, not a copy)."""

    label: str
    stored_id: str | None = None

    def is_same_article(self, article: Article) -> bool:
        return self.stored_id is not None and self.stored_id == article.id


class SeenTexts:
    """Texts read so far in one run, and those of the articles already stored (a digest and
    a MinHash signature each, so memory stays small)."""

    def __init__(self) -> None:
        self.first: dict[str, Kept] = {}
        self.kept: list[Kept] = []
        self.signatures: list[np.ndarray] = []
        self.bands: dict[tuple[int, bytes], list[int]] = {}

    def remember(self, article_id: str, text: str, title: str, label: str) -> None:
        """Know the text of a stored article, so copies of it in this run are skipped."""
        self._add(text, title, Kept(label, article_id))

    def notice(self, article: Article) -> Skipped | None:
        """Return why ``article`` is skipped (same or near-identical text as one kept
        before), or ``None`` (and keep it)."""
        key = text_key(article.text)
        exact = self.first.get(key)
        if exact is not None and not exact.is_same_article(article):
            return Skipped(article.source, DUPLICATE, f"same text as {exact.label}")
        hashes = shingles(body(article.text, article.title))
        sig = signature(hashes) if len(hashes) >= MIN_SHINGLES else None
        if exact is None and sig is not None:
            near = self._nearest(sig, article)
            if near is not None:
                kept, score = near
                return Skipped(article.source, NEAR_DUPLICATE,
                               f"near-identical to {kept.label}, similarity {score:.2f}")
        if exact is None:
            self._add_signed(key, sig, Kept(article.url or article.source))
        return None

    def _add(self, text: str, title: str, kept: Kept) -> None:
        hashes = shingles(body(text, title))
        sig = signature(hashes) if len(hashes) >= MIN_SHINGLES else None
        self._add_signed(text_key(text), sig, kept)

    def _add_signed(self, key: str, sig: np.ndarray | None, kept: Kept) -> None:
        self.first.setdefault(key, kept)
        if sig is None:
            return
        index = len(self.kept)
        self.kept.append(kept)
        self.signatures.append(sig)
        for band in _band_keys(sig):
            self.bands.setdefault(band, []).append(index)

    def _nearest(self, sig: np.ndarray, article: Article) -> tuple[Kept, float] | None:
        """Return the most similar kept text at or above the threshold (first kept on a
        tie), or ``None``."""
        candidates = sorted({i for band in _band_keys(sig) for i in self.bands.get(band, ())})
        best: tuple[Kept, float] | None = None
        for i in candidates:
            if self.kept[i].is_same_article(article):
                continue
            score = similarity(sig, self.signatures[i])
            if score >= NEAR_THRESHOLD and (best is None or score > best[1]):
                best = (self.kept[i], score)
        return best


def _band_keys(sig: np.ndarray) -> list[tuple[int, bytes]]:
    """Return the LSH band keys of a signature."""
    rows = PERMUTATIONS // BANDS
    return [(b, sig[b * rows:(b + 1) * rows].tobytes()) for b in range(BANDS)]
