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
import sqlite3
import zlib
from collections.abc import Iterator
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


class MemoryTexts:
    """Texts kept in memory (a run without a store)."""

    def __init__(self) -> None:
        self.first_kept: dict[str, Kept] = {}
        self.kept: list[Kept] = []
        self.signatures: list[np.ndarray] = []
        self.bands: dict[bytes, list[int]] = {}

    def first(self, key: str) -> Kept | None:
        return self.first_kept.get(key)

    def remember(self, article_id: str, text: str, title: str, label: str) -> None:
        """Keep the text of a stored article."""
        self.add(text_key(text), _sign(text, title), Kept(label, article_id))

    def add(self, key: str, sig: np.ndarray | None, kept: Kept) -> None:
        self.first_kept.setdefault(key, kept)
        if sig is None:
            return
        index = len(self.kept)
        self.kept.append(kept)
        self.signatures.append(sig)
        for band in band_keys(sig):
            self.bands.setdefault(band, []).append(index)

    def candidates(self, sig: np.ndarray) -> Iterator[tuple[Kept, np.ndarray]]:
        """Yield the kept texts sharing an LSH band with ``sig``, first kept first."""
        for i in sorted({i for band in band_keys(sig) for i in self.bands.get(band, ())}):
            yield self.kept[i], self.signatures[i]


class StoredTexts:
    """Texts of a store's articles in its build history database (:mod:`kg.history`): a
    digest and a MinHash signature each, signed once when the article is kept and looked up
    by LSH band, so a build never reads or signs the stored corpus again. Texts read in the
    running build go to temporary tables of the same database (memory stays flat)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("CREATE TABLE IF NOT EXISTS texts (id TEXT PRIMARY KEY, key TEXT,"
                     " label TEXT, sig BLOB)")
        conn.execute("CREATE INDEX IF NOT EXISTS texts_by_key ON texts (key)")
        conn.execute("CREATE TABLE IF NOT EXISTS text_bands (band BLOB, id TEXT,"
                     " PRIMARY KEY (band, id)) WITHOUT ROWID")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS run_texts (n INTEGER PRIMARY KEY,"
                     " key TEXT, label TEXT, sig BLOB)")
        conn.execute("CREATE INDEX IF NOT EXISTS temp.run_texts_by_key ON run_texts (key)")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS run_bands (band BLOB, n INTEGER)")
        conn.execute("CREATE INDEX IF NOT EXISTS temp.run_bands_by_band ON run_bands (band)")
        conn.execute("DELETE FROM run_texts")
        conn.execute("DELETE FROM run_bands")

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM texts LIMIT 1").fetchone() is None

    def remember(self, article_id: str, text: str, title: str, label: str) -> None:
        """Keep the text of a stored article (replacing an earlier version's)."""
        sig = _sign(text, title)
        self.conn.execute("DELETE FROM text_bands WHERE id = ?", (article_id,))
        self.conn.execute("INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?)",
                          (article_id, text_key(text), label,
                           None if sig is None else sig.tobytes()))
        if sig is not None:
            self.conn.executemany("INSERT OR IGNORE INTO text_bands VALUES (?, ?)",
                                  [(b, article_id) for b in band_keys(sig)])

    def forget(self, article_ids: list[str]) -> None:
        """Drop the texts of articles no longer kept."""
        for article_id in article_ids:
            self.conn.execute("DELETE FROM texts WHERE id = ?", (article_id,))
            self.conn.execute("DELETE FROM text_bands WHERE id = ?", (article_id,))

    def first(self, key: str) -> Kept | None:
        row = self.conn.execute("SELECT id, label FROM texts WHERE key = ? ORDER BY id"
                                " LIMIT 1", (key,)).fetchone()
        if row is not None:
            return Kept(row[1], row[0])
        row = self.conn.execute("SELECT label FROM run_texts WHERE key = ? ORDER BY n LIMIT 1",
                                (key,)).fetchone()
        return Kept(row[0]) if row is not None else None

    def add(self, key: str, sig: np.ndarray | None, kept: Kept) -> None:
        cursor = self.conn.execute("INSERT INTO run_texts (key, label, sig) VALUES (?, ?, ?)",
                                   (key, kept.label, None if sig is None else sig.tobytes()))
        if sig is not None:
            self.conn.executemany("INSERT INTO run_bands VALUES (?, ?)",
                                  [(b, cursor.lastrowid) for b in band_keys(sig)])

    def candidates(self, sig: np.ndarray) -> Iterator[tuple[Kept, np.ndarray]]:
        """Yield the kept texts sharing an LSH band with ``sig``: stored ones by id, then
        those of this run in reading order."""
        bands = band_keys(sig)
        marks = ",".join("?" * len(bands))
        stored = self.conn.execute(
            f"SELECT DISTINCT t.id, t.label, t.sig FROM text_bands b JOIN texts t ON t.id = b.id"
            f" WHERE b.band IN ({marks}) ORDER BY t.id", bands).fetchall()
        for article_id, label, blob in stored:
            yield Kept(label, article_id), np.frombuffer(blob, dtype=np.uint64)
        run = self.conn.execute(
            f"SELECT DISTINCT t.n, t.label, t.sig FROM run_bands b JOIN run_texts t ON t.n = b.n"
            f" WHERE b.band IN ({marks}) ORDER BY t.n", bands).fetchall()
        for _, label, blob in run:
            yield Kept(label), np.frombuffer(blob, dtype=np.uint64)


class SeenTexts:
    """Texts read so far in one run, and those of the articles already stored (a digest and
    a MinHash signature each, so memory stays small), in memory or in a store's build history
    (:class:`StoredTexts`)."""

    def __init__(self, index: MemoryTexts | StoredTexts | None = None) -> None:
        self.index = index if index is not None else MemoryTexts()

    def remember(self, article_id: str, text: str, title: str, label: str) -> None:
        """Know the text of a stored article, so copies of it in this run are skipped."""
        self.index.remember(article_id, text, title, label)

    def notice(self, article: Article) -> Skipped | None:
        """Return why ``article`` is skipped (same or near-identical text as one kept
        before), or ``None`` (and keep it)."""
        key = text_key(article.text)
        exact = self.index.first(key)
        if exact is not None and not exact.is_same_article(article):
            return Skipped(article.source, DUPLICATE, f"same text as {exact.label}")
        sig = _sign(article.text, article.title)
        if exact is None and sig is not None:
            near = self._nearest(sig, article)
            if near is not None:
                kept, score = near
                return Skipped(article.source, NEAR_DUPLICATE,
                               f"near-identical to {kept.label}, similarity {score:.2f}")
        if exact is None:
            self.index.add(key, sig, Kept(article.url or article.source))
        return None

    def _nearest(self, sig: np.ndarray, article: Article) -> tuple[Kept, float] | None:
        """Return the most similar kept text at or above the threshold (first kept on a
        tie), or ``None``."""
        best: tuple[Kept, float] | None = None
        for kept, other in self.index.candidates(sig):
            if kept.is_same_article(article):
                continue
            score = similarity(sig, other)
            if score >= NEAR_THRESHOLD and (best is None or score > best[1]):
                best = (kept, score)
        return best


def _sign(text: str, title: str) -> np.ndarray | None:
    """Return the signature of an article's body, or ``None`` if too short to judge."""
    hashes = shingles(body(text, title))
    return signature(hashes) if len(hashes) >= MIN_SHINGLES else None


def band_keys(sig: np.ndarray) -> list[bytes]:
    """Return the LSH band keys of a signature (band number and its rows, as bytes)."""
    rows = PERMUTATIONS // BANDS
    return [bytes([b]) + sig[b * rows:(b + 1) * rows].tobytes() for b in range(BANDS)]
