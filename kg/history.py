"""What a build keeps beside the store so that every build links the corpus the same way.

Linking actors and events across articles depends on which articles are known. To make the
store independent of build history (split runs, kills, resumes), a build keeps each article's
*unlinked* extraction and re-links, from those, every article a change can reach
(:mod:`kg.link.relink`), so the store always equals a clean build of the same articles. All of it
lives in one SQLite database, ``<store>.build/history.sqlite`` (in memory for a memory
store), read a row at a time, so a build never holds the corpus in memory:

* ``extractions``: the unlinked extraction of each article (compressed JSON) and its checksum;
* ``dirty``: articles kept since the last finished re-link (the next build re-links them);
* ``pending``: articles whose stored form a build was rewriting when it stopped;
* ``linked``: the digest of each stored article's linked form;
* ``meta``: the alias rules given so far;
* the near-duplicate index of the texts read (:class:`kg.ingest.duplicates.SeenTexts`)
  and the link index (:class:`kg.link.index.LinkIndex`).

A history folder of the JSON Lines layout before (``extractions.jsonl``, ``state.json``) is
read into the database once.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import weakref
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from kg.link import AliasRule
from kg.model import (
    Article,
    DateMention,
    Entity,
    Event,
    Extraction,
    Mention,
    Participant,
    Role,
    Stance,
    Statement,
    digest,
)

_MEMORY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # memory store → history
DATABASE = "history.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (id TEXT PRIMARY KEY, checksum TEXT, data BLOB);
CREATE TABLE IF NOT EXISTS dirty (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS pending (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS linked (id TEXT PRIMARY KEY, digest TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


def history_dir(store_path: str | Path) -> Path:
    """Return the folder kept beside a store directory for its build history."""
    p = Path(store_path)
    return p.with_name(p.name + ".build")


def connect(path: Path | None) -> sqlite3.Connection:
    """Return a connection to a history database (``None``: in memory)."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(":memory:" if path is None else str(path))
    conn.execute("PRAGMA journal_mode=WAL" if path is not None else "PRAGMA journal_mode=MEMORY")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


# --------------------------------------------------------------------------- JSON round trip


def extraction_to_json(x: Extraction) -> dict[str, Any]:
    """Return every field of an extraction as JSON-ready data (see :func:`extraction_from_json`):
    the JSON of :func:`dataclasses.asdict` less ``meta``, made without its deep copies (a
    re-link digests every article it checks)."""
    return {name: _plain(getattr(x, name)) for name in _field_names(type(x)) if name != "meta"}


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value: Any) -> Any:
    """Return ``value`` (model dataclasses, tuples and plain values) as JSON-ready data."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}


def _mention(d: dict) -> Mention:
    return Mention(**d)


def _participants(items: Iterable[dict]) -> tuple[Participant, ...]:
    return tuple(Participant(**p) for p in items)


def extraction_from_json(d: dict[str, Any]) -> Extraction:
    """Return the extraction written by :func:`extraction_to_json`."""
    entities = tuple(Entity(**{**e, "aliases": tuple(e["aliases"]), "roles": tuple(e["roles"]),
                               "mentions": tuple(map(_mention, e["mentions"]))})
                     for e in d["entities"])
    statements = tuple(Statement(**{
        **s, "about": tuple(s["about"]), "about_ids": tuple(s["about_ids"]),
        "mention": _mention(s["mention"]), "stances": tuple(Stance(**t) for t in s["stances"])})
        for s in d["statements"])
    events = tuple(Event(**{
        **e, "participants": _participants(e["participants"]), "places": _participants(e["places"]),
        "mention": _mention(e["mention"]), "mentions": tuple(map(_mention, e["mentions"])),
        "triggers": tuple(map(_mention, e.get("triggers", ())))})
        for e in d["events"])
    roles = tuple(Role(**{**r, "mention": _mention(r["mention"])}) for r in d["roles"])
    return Extraction(article=Article(**d["article"]), entities=entities, statements=statements,
                      events=events, roles=roles, model=d["model"],
                      dates=tuple(DateMention(**m) for m in d["dates"]))


#: The length of :func:`linked_digest` (an article's stored digest is it followed by its event
#: links' digest of the same length, :func:`kg.link.relink.events_digest`).
DIGEST_LENGTH = 32


def linked_digest(stored: Extraction) -> str:
    """Return a digest of what an article's graph holds: its own extraction (actors named by
    the references of their keys, events by references fixed by its text), which holds no
    actor IRI, no canonical name and no linked event id: a key linked to another actor, an
    actor renamed or an event linked to another changes the shared graph, not the article
    (:func:`kg.link.relink._linked_batch` adds the digest of the event links)."""
    return digest(json.dumps(extraction_to_json(stored), sort_keys=True, ensure_ascii=False),
                  length=DIGEST_LENGTH)


def _pack(x: Extraction) -> bytes:
    return zlib.compress(json.dumps(extraction_to_json(x), ensure_ascii=False).encode("utf-8"))


def _unpack(blob: bytes) -> dict[str, Any]:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


# --------------------------------------------------------------------------- the history


class BuildHistory:
    """Unlinked extractions, alias rules, linked digests and indexes of one store."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.conn = connect(None if folder is None else folder / DATABASE)
        self.conn.executescript(_SCHEMA)
        if folder is not None:
            _import_json_layout(self, folder)

    @classmethod
    def for_store(cls, store: Any) -> BuildHistory:
        """Return the history of a :class:`~kg.store.KGStore` (kept in memory if it is)."""
        if store.path is None:
            return _MEMORY.setdefault(store, cls(None))
        return cls(history_dir(store.path))

    def close(self) -> None:
        """Release the database (a memory history is kept for its store)."""
        if self.folder is not None:
            self.conn.close()

    # -- extractions ----------------------------------------------------------------------------

    def extraction(self, article_id: str) -> Extraction | None:
        """Return the unlinked extraction kept for an article, or ``None``."""
        row = self.conn.execute("SELECT data FROM extractions WHERE id = ?",
                                (article_id,)).fetchone()
        return extraction_from_json(_unpack(row[0])) if row else None

    def extractions(self, article_ids: Iterable[str]) -> Iterator[Extraction]:
        """Yield the kept extractions of ``article_ids`` (sorted; unknown ids left out)."""
        for article_id in sorted(set(article_ids)):
            x = self.extraction(article_id)
            if x is not None:
                yield x

    def kept_of(self, article_ids: Iterable[str]) -> list[str]:
        """Return those of ``article_ids`` with a kept extraction (sorted)."""
        return [i for i in sorted(set(article_ids)) if self.conn.execute(
            "SELECT 1 FROM extractions WHERE id = ?", (i,)).fetchone()]

    def has(self, article_id: str, checksum: str) -> bool:
        """Return whether the kept extraction is of this exact article content."""
        row = self.conn.execute("SELECT checksum FROM extractions WHERE id = ?",
                                (article_id,)).fetchone()
        return row is not None and row[0] == checksum

    def kept_ids(self) -> list[str]:
        """Return the ids of every kept extraction (sorted)."""
        return [r[0] for r in self.conn.execute("SELECT id FROM extractions ORDER BY id")]

    def keep(self, extraction: Extraction) -> None:
        """Keep an unlinked extraction (durably, before its article is stored); the next
        re-link takes it in."""
        from kg.rdf import content_hash

        article_id = extraction.article.id
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)",
                              (article_id, content_hash(extraction.article), _pack(extraction)))
            self.conn.execute("INSERT OR IGNORE INTO dirty VALUES (?)", (article_id,))

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop the kept extractions of articles the store will not hold."""
        with self.conn:
            self.conn.executemany("DELETE FROM extractions WHERE id = ?",
                                  [(i,) for i in article_ids])

    def withdraw(self, article_ids: Iterable[str]) -> None:
        """Drop the kept extractions of articles the store will no longer hold (copies of
        another) and mark them for the re-link, which removes them from the store."""
        ids = [(i,) for i in article_ids]
        with self.conn:
            self.conn.executemany("DELETE FROM extractions WHERE id = ?", ids)
            self.conn.executemany("INSERT OR IGNORE INTO dirty VALUES (?)", ids)

    # -- build state ----------------------------------------------------------------------------

    def _ids(self, table: str) -> list[str]:
        return [r[0] for r in self.conn.execute(f"SELECT id FROM {table} ORDER BY id")]

    @property
    def dirty_ids(self) -> list[str]:
        """Articles kept but not yet re-linked."""
        return self._ids("dirty")

    @property
    def pending_ids(self) -> list[str]:
        """Articles whose stored form an unfinished build was rewriting."""
        return self._ids("pending")

    def set_pending(self, article_ids: Iterable[str]) -> None:
        """Record (durably) the articles a re-link is about to rewrite; clear the dirty ones."""
        with self.conn:
            self.conn.executemany("INSERT OR IGNORE INTO pending VALUES (?)",
                                  [(i,) for i in article_ids])
            self.conn.execute("DELETE FROM dirty")

    def finish(self) -> None:
        """Record that every pending article is stored as linked."""
        with self.conn:
            self.conn.execute("DELETE FROM pending")

    def linked_digest(self, article_id: str) -> str | None:
        """Return the digest of the linked form stored for an article."""
        row = self.conn.execute("SELECT digest FROM linked WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def set_linked(self, digests: dict[str, str]) -> None:
        """Record the digests of linked forms just stored."""
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO linked VALUES (?, ?)",
                                  list(digests.items()))

    def stage_linked(self, digests: dict[str, str]) -> None:
        """Record the digests of linked forms a bulk build wrote, without committing:
        :meth:`commit_written` commits them with the rest (a build that fails or is killed
        before leaves none), and the build holds no digest of the corpus in memory."""
        self.conn.executemany("INSERT OR REPLACE INTO linked VALUES (?, ?)",
                              list(digests.items()))

    def commit_written(self, digests: dict[str, str] | None = None, *,
                       swap: bool = False) -> None:
        """Record, in one transaction with what the connection has pending (the merge
        records, the digests of :meth:`stage_linked`), that a whole re-link is stored: the
        digests of the articles written, the alias rules followed, no article left to write;
        ``swap``: and that the fresh store of a bulk build is to be swapped in
        (:mod:`kg.store.swap`)."""
        with self.conn:
            self.stage_linked(digests or {})
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('linked_rules', ?)",
                              (json.dumps([asdict(r) for r in self.rules]),))
            self.conn.execute("DELETE FROM pending")
            if swap:
                self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('swap', 'committed')")

    def swap_committed(self) -> bool:
        """Return whether a bulk build committed a swap not yet finished."""
        return self.conn.execute("SELECT 1 FROM meta WHERE key = 'swap'").fetchone() is not None

    def clear_swap(self) -> None:
        """Record that the swap of a bulk build is finished."""
        with self.conn:
            self.conn.execute("DELETE FROM meta WHERE key = 'swap'")

    # -- alias rules ----------------------------------------------------------------------------

    @property
    def rules(self) -> list[AliasRule]:
        """The alias rules given so far."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()
        return [AliasRule(**r) for r in json.loads(row[0])] if row else []

    def add_rules(self, rules: Iterable[AliasRule]) -> None:
        """Add alias rules; a rule for the same alias and type replaces the older one."""
        merged = {(r.alias.lower(), r.type): r for r in self.rules}
        merged.update({(r.alias.lower(), r.type): r for r in rules})
        self._set_meta("rules", json.dumps([asdict(r) for r in merged.values()]))

    def linked_rules(self) -> str | None:
        """Return the alias rules (JSON) the link index was last built with."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'linked_rules'").fetchone()
        return row[0] if row else None

    def set_linked_rules(self) -> None:
        """Record that the link index now follows the current alias rules."""
        self._set_meta("linked_rules", json.dumps([asdict(r) for r in self.rules]))

    def _set_meta(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _import_json_layout(history: BuildHistory, folder: Path) -> None:
    """Read a history of the JSON Lines layout into the database, then move it aside."""
    lines, state = folder / "extractions.jsonl", folder / "state.json"
    if not lines.exists():
        return
    for line in lines.read_text(encoding="utf-8").splitlines():
        try:
            history.keep(extraction_from_json(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError):
            continue  # a line cut short by a kill
    if state.exists():
        data = json.loads(state.read_text(encoding="utf-8"))
        history.add_rules(AliasRule(**r) for r in data.get("rules", []))
        history.set_linked(data.get("linked", {}))
        history.set_pending(data.get("pending_ids", []))
        state.rename(state.with_suffix(".json.imported"))
    lines.rename(lines.with_suffix(".jsonl.imported"))


__all__ = ["BuildHistory", "extraction_from_json", "extraction_to_json", "history_dir",
           "linked_digest"]
