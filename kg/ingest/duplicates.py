"""The same article reached twice (two URLs, a syndicated copy, a file read twice under
two names) or a near-identical copy of it (wire copy with a new headline or a reworded
sentence) is one story: one copy is kept, the others are skipped with a notice naming the
copy they repeat, so a story's mentions are counted once.

Which copy is kept does not depend on reading order when the texts are ranked by
publication (:func:`publication_rank`, what ``kg build`` does): an article is a copy if its
text is the same as, or near-identical to, that of an article published earlier (ties: the
smaller article id), kept or itself a copy; it names the earliest of those. A copy read
before its original is kept until the original arrives, then becomes a copy (its notice says
so). Without a ranking (``kg extract``, streaming) the first one read is kept.

Near-duplicates are found by MinHash over word 3-shingles of the case- and
punctuation-normalised body text, with an LSH band index (each article is compared only with
the few that share a band, never with every other one); a copy is one whose estimated
Jaccard similarity to the other is at least :data:`NEAR_THRESHOLD`. A band that many texts
share (the page template of one site, a stock paragraph) would make every text a candidate
of every other: only the :data:`BAND_CANDIDATES` earliest-ranked texts of each band are
compared, and a text's own copies are reached through it (when an earlier copy arrives,
the copies of the later-ranked texts it is near-identical to are compared with it), so the
work per article stays bounded however many pages share a template. The index is an SQLite
database (a store's build history, or in memory), so memory stays flat.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass

import numpy as np

from kg.ingest.base import Skipped
from kg.model import Article, digest

DUPLICATE = "duplicate"
NEAR_DUPLICATE = "near-duplicate"
#: Estimated Jaccard similarity of word 3-shingle sets (headline left out) at or above which
#: two texts are one story: a wire story of eight sentences with one rewritten scores about
#: 0.74; two stories sharing two of their eight sentences about 0.2.
NEAR_THRESHOLD = 0.6
SHINGLE = 3
PERMUTATIONS = 128
BANDS = 32  # 4 rows a band: a pair at similarity 0.6 shares a band with probability 0.99
#: Texts compared per LSH band (and per exact text): the earliest-ranked this many that share
#: it. Later ones are the copies of these, reached through them.
BAND_CANDIDATES = 32
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


_SCHEMA = """
CREATE TABLE IF NOT EXISTS texts (id TEXT PRIMARY KEY, key TEXT, label TEXT, rank TEXT,
    checksum TEXT, sig BLOB, record BLOB, target TEXT, kind TEXT, score REAL,
    written INTEGER);
CREATE INDEX IF NOT EXISTS texts_by_key_rank ON texts (key, rank);
CREATE INDEX IF NOT EXISTS texts_by_target ON texts (target);
CREATE INDEX IF NOT EXISTS texts_unwritten ON texts (written) WHERE written = 0;
CREATE TABLE IF NOT EXISTS text_bands (band BLOB, rank TEXT, id TEXT,
    PRIMARY KEY (band, rank, id)) WITHOUT ROWID;
"""
_COLUMNS = "id, key, label, rank, sig, target, kind, score"


@dataclass(frozen=True)
class Copy:
    """A copy of an article: its own article record, the id of the article it repeats (the
    earliest-ranked one with the same or a near-identical text), how (:data:`DUPLICATE` or
    :data:`NEAR_DUPLICATE`) and the estimated similarity of the two texts."""

    article: Article
    of: str
    kind: str
    similarity: float


@dataclass(frozen=True)
class _Entry:
    """One indexed text: its article id, digest, label, rank, signature and, for a copy,
    the id of the article it repeats."""

    id: str
    key: str
    label: str
    rank: str
    sig: np.ndarray | None
    target: str | None
    kind: str | None
    score: float | None

    @classmethod
    def of_row(cls, row: tuple) -> _Entry:
        sig = None if row[4] is None else np.frombuffer(row[4], dtype=np.uint64)
        return cls(row[0], row[1], row[2], row[3], sig, row[5], row[6], row[7])


def publication_rank(article: Article) -> str:
    """Return the rank that decides which copy of a story is kept: the earliest published
    (undated last), ties by the smaller article id.

    >>> publication_rank(Article("a2", "T", "x", "2025-06-02")) < publication_rank(
    ...     Article("a1", "T", "x", None))
    True
    """
    return f"{article.published or '~'}\\t{article.id}"


class SeenTexts:
    """The texts read so far (and those of a store's articles): a digest and a MinHash
    signature each, in an SQLite database (a store's build history, else a private temporary
    file), with the copy each one repeats, if any, and (when ranked) the article record, to
    extract an article again that stops being a copy.

    ``ranked``: keep the earliest-published copy of a story whatever the reading order
    (:func:`publication_rank`; a kept article becomes a copy when an earlier-published one
    arrives, and :meth:`take_notices` reports it); else keep the first one read."""

    def __init__(self, conn: sqlite3.Connection | None = None, *, ranked: bool = False) -> None:
        self.conn = conn if conn is not None else sqlite3.connect("")  # a private temp file
        self.ranked = ranked
        _create_tables(self.conn)
        self._order = self.conn.execute("SELECT COUNT(*) FROM texts").fetchone()[0]
        self._notices: list[Skipped] = []

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM texts LIMIT 1").fetchone() is None

    def remember(self, article: Article) -> None:
        """Know a stored article as kept (without comparing it: it was compared when read)."""
        self._store(article, _checksum(article), self._rank(article), None, 1,
                    _sign(article.text, article.title))

    # -- deciding -------------------------------------------------------------------------------

    def notice(self, article: Article) -> Skipped | None:
        """Return why ``article`` is skipped (a copy of one read or stored before), or
        ``None`` (it is kept). An article read again under its own id is itself, not a copy;
        if its content changed, the texts that were copies of it are decided again."""
        if self.conn.execute("SELECT 1 FROM run_ids WHERE id = ?", (article.id,)).fetchone():
            old = self._entry(article.id)
            return Skipped(article.source, DUPLICATE,
                           f"same text as {old.label if old else article.id}")
        self.conn.execute("INSERT INTO run_ids VALUES (?)", (article.id,))
        checksum = _checksum(article)
        old = self._entry(article.id)
        row = self.conn.execute("SELECT checksum FROM texts WHERE id = ?",
                                (article.id,)).fetchone()
        if old is not None and row[0] == checksum:
            return self._skip_notice(article.source, old)
        if old is not None:
            self._withdraw(old)
        return self._skip_notice(article.source, self._insert(article, checksum))

    def take_notices(self) -> list[Skipped]:
        """Return (and forget) the notices of kept articles that became copies of one read
        since (an earlier-published copy of the same story)."""
        notices, self._notices = self._notices, []
        return notices

    def _rank(self, article: Article) -> str:
        if self.ranked:
            return publication_rank(article)
        self._order += 1
        return f"{self._order:012d}"

    def _insert(self, article: Article, checksum: str) -> _Entry:
        """Index a new text; make the later-ranked texts it is near-identical to its copies."""
        key, sig, rank = text_key(article.text), _sign(article.text, article.title), \
            self._rank(article)
        similar = self._similar(article.id, key, sig)
        earlier = [(e, score) for e, score in similar if e.rank < rank]
        first = min(earlier, key=lambda pair: pair[0].rank) if earlier else None
        self._store(article, checksum, rank, first and _link(first[0], key, first[1]), 0, sig)
        later = [(e, score) for e, score in similar if e.rank > rank]
        for other, score in later + self._later_copies(later, key, sig, rank):
            if other.target is None or self._rank_of(other.target) > rank:
                self._set_target(other.id, _link_to(article.id, other.key == key, score))
                if other.target is None:
                    self._notices.append(self._skip_notice(self._source(other.id),
                                                           self._entry(other.id)))
        return self._entry(article.id)

    def _later_copies(self, later: list[tuple[_Entry, float]], key: str, sig: np.ndarray | None,
                      rank: str) -> list[tuple[_Entry, float]]:
        """Return the copies of the ``later`` texts that are the same as or near-identical to
        a text of ``rank`` and were not among them: a story's copies share its bands, so a
        band can hold more of them than :data:`BAND_CANDIDATES`; they are reached here."""
        seen = {e.id for e, _ in later}
        found: list[tuple[_Entry, float]] = []
        for other, _ in later:
            for row in self.conn.execute(f"SELECT {_COLUMNS} FROM texts WHERE target = ?",
                                         (other.id,)).fetchall():
                copy = _Entry.of_row(row)
                if copy.id in seen or copy.rank <= rank:
                    continue
                seen.add(copy.id)
                score = 1.0 if copy.key == key else (
                    similarity(copy.sig, sig) if copy.sig is not None and sig is not None
                    else 0.0)
                if score >= NEAR_THRESHOLD:
                    found.append((copy, score))
        return found

    def _withdraw(self, old: _Entry) -> None:
        """Drop an indexed text (its article changed); decide its copies again."""
        self.conn.execute("DELETE FROM texts WHERE id = ?", (old.id,))
        self._drop_bands(old)
        copies = [_Entry.of_row(r) for r in self.conn.execute(
            f"SELECT {_COLUMNS} FROM texts WHERE target = ?", (old.id,)).fetchall()]
        for copy in copies:
            earlier = [(e, s) for e, s in self._similar(copy.id, copy.key, copy.sig)
                       if e.rank < copy.rank]
            first = min(earlier, key=lambda pair: pair[0].rank) if earlier else None
            self._set_target(copy.id, first and _link(first[0], copy.key, first[1]))

    def forget(self, article_id: str) -> list[str]:
        """Drop an article's text and those of its copies from the index (the article is
        removed from the store); return the ids of the copies dropped with it."""
        copies = [r[0] for r in self.conn.execute(
            "SELECT id FROM texts WHERE target = ? ORDER BY id", (article_id,))]
        for entry in filter(None, map(self._entry, [article_id, *copies])):
            self.conn.execute("DELETE FROM texts WHERE id = ?", (entry.id,))
            self._drop_bands(entry)
        self.conn.commit()
        return copies

    def _similar(self, article_id: str, key: str, sig: np.ndarray | None
                 ) -> list[tuple[_Entry, float]]:
        """Return the other indexed texts the same as or near-identical to this one, with
        their similarity (1.0 for the same text), by article id."""
        found = {r[0]: 1.0 for r in self.conn.execute(
            "SELECT id FROM texts WHERE key = ? AND id != ? ORDER BY rank, id LIMIT ?",
            (key, article_id, BAND_CANDIDATES))}
        if sig is not None:
            candidates = sorted(self._band_candidates(sig) - {article_id})
            for start in range(0, len(candidates), 512):
                block = candidates[start:start + 512]
                rows = self.conn.execute(
                    f"SELECT id, sig FROM texts WHERE id IN ({','.join('?' * len(block))})"
                    " AND sig IS NOT NULL", block).fetchall()
                if not rows:
                    continue
                sigs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint64)
                scores = (sigs.reshape(len(rows), PERMUTATIONS) == sig).mean(axis=1)
                for (other, _), score in zip(rows, scores, strict=True):
                    if score >= NEAR_THRESHOLD:
                        found.setdefault(other, float(score))
        return [(self._entry(i), found[i]) for i in sorted(found)]

    def _band_candidates(self, sig: np.ndarray) -> set[str]:
        """Return the ids of the :data:`BAND_CANDIDATES` earliest-ranked texts of each band of
        ``sig`` (an index range each, however many texts share the band)."""
        ids: set[str] = set()
        for band in band_keys(sig):
            ids.update(r[0] for r in self.conn.execute(
                "SELECT id FROM text_bands WHERE band = ? ORDER BY rank, id LIMIT ?",
                (band, BAND_CANDIDATES)))
        return ids

    def _skip_notice(self, source: str, entry: _Entry | None) -> Skipped | None:
        if entry is None or entry.target is None:
            return None
        target = self._entry(entry.target)
        label = target.label if target is not None else entry.target
        if entry.kind == DUPLICATE:
            return Skipped(source, DUPLICATE, f"same text as {label}")
        return Skipped(source, NEAR_DUPLICATE,
                       f"near-identical to {label}, similarity {entry.score:.2f}")

    # -- storage --------------------------------------------------------------------------------

    def _entry(self, article_id: str) -> _Entry | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM texts WHERE id = ?",
                                (article_id,)).fetchone()
        return _Entry.of_row(row) if row else None

    def _rank_of(self, article_id: str) -> str:
        row = self.conn.execute("SELECT rank FROM texts WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else "~"

    def _source(self, article_id: str) -> str:
        article = self.article(article_id)
        return article.source if article is not None else article_id

    def article(self, article_id: str) -> Article | None:
        """Return the article record of an indexed text."""
        row = self.conn.execute("SELECT record FROM texts WHERE id = ?",
                                (article_id,)).fetchone()
        return _unpack(row[0]) if row and row[0] is not None else None

    def _store(self, article: Article, checksum: str, rank: str,
               link: tuple[str, str, float] | None, written: int,
               sig: np.ndarray | None) -> None:
        target, kind, score = link or (None, None, None)
        old = self._entry(article.id)
        if old is not None:
            self._drop_bands(old)
        self.conn.execute(
            "INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, text_key(article.text), article.url or article.source or article.id,
             rank, checksum, None if sig is None else sig.tobytes(),
             _pack(article) if self.ranked else None, target,
             kind, score, written))
        if sig is not None:
            self.conn.executemany("INSERT OR IGNORE INTO text_bands VALUES (?, ?, ?)",
                                  [(b, rank, article.id) for b in band_keys(sig)])

    def _drop_bands(self, entry: _Entry) -> None:
        if entry.sig is not None:
            self.conn.executemany("DELETE FROM text_bands WHERE band = ? AND rank = ? AND id = ?",
                                  [(b, entry.rank, entry.id) for b in band_keys(entry.sig)])

    def _set_target(self, article_id: str, link: tuple[str, str, float] | None) -> None:
        target, kind, score = link or (None, None, None)
        self.conn.execute("UPDATE texts SET target = ?, kind = ?, score = ?, written = 0"
                          " WHERE id = ?", (target, kind, score, article_id))

    # -- what a store shows ---------------------------------------------------------------------

    def unwritten(self) -> Iterator[tuple[str, Copy | None]]:
        """Yield ``(article id, copy)`` of the texts whose copy record in the store is out of
        date (``None``: the article is no copy, any record of it goes)."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM texts WHERE written = 0")]
        for article_id in sorted(ids):
            yield article_id, self.copy(article_id)

    def copy(self, article_id: str) -> Copy | None:
        """Return the copy an indexed article is, or ``None`` if it is kept."""
        entry = self._entry(article_id)
        if entry is None or entry.target is None:
            return None
        return Copy(self.article(article_id), entry.target, entry.kind, entry.score)

    def set_written(self, article_ids: list[str]) -> None:
        """Record that the copy records of ``article_ids`` are in the store."""
        self.conn.executemany("UPDATE texts SET written = 1 WHERE id = ?",
                              [(i,) for i in article_ids])


def _create_tables(conn: sqlite3.Connection) -> None:
    """Create the index tables (dropping those of the layout before copies were ranked:
    the build signs its stored articles again)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(texts)")}
    if columns and "rank" not in columns:
        conn.execute("DROP TABLE texts")
        conn.execute("DROP TABLE IF EXISTS text_bands")
    band_columns = {r[1] for r in conn.execute("PRAGMA table_info(text_bands)")}
    rebuild_bands = bool(band_columns) and "rank" not in band_columns
    if rebuild_bands:  # bands before they were ordered by rank: index them again
        conn.execute("DROP TABLE text_bands")
    conn.execute("DROP INDEX IF EXISTS texts_by_key")  # now by key and rank
    conn.executescript(_SCHEMA)
    if rebuild_bands:
        for article_id, rank, sig in conn.execute(
                "SELECT id, rank, sig FROM texts WHERE sig IS NOT NULL").fetchall():
            conn.executemany("INSERT OR IGNORE INTO text_bands VALUES (?, ?, ?)", [
                (b, rank, article_id)
                for b in band_keys(np.frombuffer(sig, dtype=np.uint64))])
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS run_ids (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM run_ids")


def _link(target: _Entry, key: str, score: float) -> tuple[str, str, float]:
    return _link_to(target.id, target.key == key, score)


def _link_to(target_id: str, same_text: bool, score: float) -> tuple[str, str, float]:
    """Return (target id, kind, similarity) of a copy."""
    return (target_id, DUPLICATE, 1.0) if same_text else (target_id, NEAR_DUPLICATE, score)


def _checksum(article: Article) -> str:
    return digest(json.dumps(asdict(article), sort_keys=True, ensure_ascii=False), length=32)


def _pack(article: Article) -> bytes:
    return zlib.compress(json.dumps(asdict(article), ensure_ascii=False).encode("utf-8"))


def _unpack(blob: bytes) -> Article:
    return Article(**json.loads(zlib.decompress(blob).decode("utf-8")))


def _sign(text: str, title: str) -> np.ndarray | None:
    """Return the signature of an article's body, or ``None`` if too short to judge."""
    hashes = shingles(body(text, title))
    return signature(hashes) if len(hashes) >= MIN_SHINGLES else None


def band_keys(sig: np.ndarray) -> list[bytes]:
    """Return the LSH band keys of a signature (band number and its rows, as bytes)."""
    rows = PERMUTATIONS // BANDS
    return [bytes([b]) + sig[b * rows:(b + 1) * rows].tobytes() for b in range(BANDS)]
