"""The actor linker with its lookup tables on disk, for deciding a whole corpus's actors.

:class:`kg.link.ActorLinker` keeps what it has learnt (names by form, people and the deletion
variants of their surnames, places by their first letters) in dictionaries: fine for the
keys one build touches, but a clean build decides every actor key of the corpus in one pass
(:func:`kg.link.relink.decide_component`), and the surname variants alone grow to millions of
entries at 10,000 articles. :class:`DiskLinker` is the same linker (same rules, same order,
same answers) whose tables live in a private temporary SQLite database, which SQLite keeps
on disk beyond a small page cache and deletes when closed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from kg.link import ActorLinker, AliasRule, SurnameIndex, surname_keys

_SEP = "\x1f"
_SCHEMA = """
CREATE TABLE forms (key TEXT PRIMARY KEY, id TEXT) WITHOUT ROWID;
CREATE TABLE names (key TEXT PRIMARY KEY, id TEXT) WITHOUT ROWID;
CREATE TABLE people (key TEXT PRIMARY KEY, id TEXT) WITHOUT ROWID;
CREATE TABLE places (prefix TEXT, form TEXT, id TEXT, PRIMARY KEY (prefix, form)) WITHOUT ROWID;
CREATE TABLE surnames (variant TEXT, id TEXT, PRIMARY KEY (variant, id)) WITHOUT ROWID;
"""


class _Table:
    """A ``str`` → ``str`` mapping kept in one table (the subset of ``dict`` the linker uses;
    tuple keys are joined)."""

    def __init__(self, conn: sqlite3.Connection, table: str) -> None:
        self.conn = conn
        self._get = f"SELECT id FROM {table} WHERE key = ?"
        self._add = f"INSERT OR IGNORE INTO {table} VALUES (?, ?)"
        self._set = f"INSERT OR REPLACE INTO {table} VALUES (?, ?)"

    @staticmethod
    def _key(key: str | tuple[str, ...]) -> str:
        return _SEP.join(key) if isinstance(key, tuple) else key

    def get(self, key, default: str | None = None) -> str | None:
        row = self.conn.execute(self._get, (self._key(key),)).fetchone()
        return row[0] if row else default

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value: str) -> None:
        self.conn.execute(self._set, (self._key(key), value))

    def setdefault(self, key, value: str) -> str:
        self.conn.execute(self._add, (self._key(key), value))
        return self[key]


class _PlaceForms:
    """The place forms learnt under one three-letter prefix."""

    def __init__(self, conn: sqlite3.Connection, prefix: str) -> None:
        self.conn, self.prefix = conn, prefix

    def setdefault(self, form: str, id_: str) -> str:
        self.conn.execute("INSERT OR IGNORE INTO places VALUES (?, ?, ?)",
                          (self.prefix, form, id_))
        return self.conn.execute("SELECT id FROM places WHERE prefix = ? AND form = ?",
                                 (self.prefix, form)).fetchone()[0]

    def items(self) -> Iterator[tuple[str, str]]:
        return iter(self.conn.execute("SELECT form, id FROM places WHERE prefix = ?",
                                      (self.prefix,)).fetchall())


class _Places:
    """Place forms by prefix (``places.setdefault(prefix, {})`` / ``places.get(prefix, {})``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def setdefault(self, prefix: str, _default=None) -> _PlaceForms:
        return _PlaceForms(self.conn, prefix)

    def get(self, prefix: str, _default=None) -> _PlaceForms:
        return _PlaceForms(self.conn, prefix)


class _Surnames(SurnameIndex):
    """Person ids by the deletion variants of their surname, in a table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, surname: str, id_: str) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO surnames VALUES (?, ?)",
                              [(v, id_) for v in surname_keys(surname)])

    def discard(self, surname: str, id_: str) -> None:
        self.conn.executemany("DELETE FROM surnames WHERE variant = ? AND id = ?",
                              [(v, id_) for v in surname_keys(surname)])

    def candidates(self, surname: str) -> list[str]:
        variants = sorted(surname_keys(surname))
        found: set[str] = set()
        for start in range(0, len(variants), 500):  # under SQLite's parameter limit
            chunk = variants[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found |= {r[0] for r in self.conn.execute(
                f"SELECT id FROM surnames WHERE variant IN ({marks})", chunk)}
        return sorted(found)


class DiskLinker(ActorLinker):
    """An :class:`~kg.link.ActorLinker` whose learnt tables are on disk (see the module
    docstring); :meth:`close` deletes them."""

    def __init__(self, rules: Iterable[AliasRule] = ()) -> None:
        super().__init__([], list(rules))
        self.conn = sqlite3.connect("")  # a private temporary database, deleted on close
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.executescript(_SCHEMA)
        self.by_form = _Table(self.conn, "forms")  # type: ignore[assignment]
        self.names = _Table(self.conn, "names")  # type: ignore[assignment]
        self.people = _Table(self.conn, "people")  # type: ignore[assignment]
        self.places = _Places(self.conn)  # type: ignore[assignment]
        self.surnames = _Surnames(self.conn)

    def close(self) -> None:
        """Delete the tables."""
        self.conn.close()

    def __enter__(self) -> DiskLinker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["DiskLinker"]
