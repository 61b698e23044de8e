"""Writing a clean build into a fresh store with Oxigraph's bulk loader.

:meth:`pyoxigraph.Store.bulk_extend` writes quads straight to new RocksDB files, without a
transaction, and only adds. The transactional writer (:mod:`kg.store.write`) cannot use it:
each batch replaces actors-graph facts earlier batches wrote (an actor's mention count, a
person's bare surname giving way to the full name) and locates the places it touches.
:class:`BulkWriter` writes what a clean build's batches would leave instead: each batch's
article graphs, roles, event references' links and events, and each actor reference the
first time it comes (its link and key facts, :func:`kg.rdf.reference_triples`), while each
reference's actor and key facts and each actor's name and mention count are kept aside;
:meth:`BulkWriter.finish` writes every actor's facts derived from its references
(:mod:`kg.store.actors`) and locates the places. The result is the store the batches would
write one by one into an empty store (a test compares their N-Quads).

Memory does not grow with the corpus: the references, names and counts (a row per key and
per actor of the corpus) are kept in a private temporary SQLite database, not in Python, and
each bulk load hands the C heap's free pages back (:func:`kg.store.release_free_heap`), which
would otherwise stay resident after every load.

Nothing here is safe against a kill: the caller loads a fresh directory and swaps it in
(:mod:`kg.store.swap`).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

import pyoxigraph as ox

from kg.model import Extraction
from kg.rdf import (
    KG,
    actor_iri,
    article_graph_iri,
    event_triples,
    extraction_triples,
    reference_triples,
)
from kg.store import release_free_heap
from kg.store.actors import CODE, RefFacts, actor_facts
from kg.store.geo import refresh_locations
from kg.store.terms import ACTORS_NODE, quads
from kg.store.write import EventLinks, Links, gives_way, shared_facts

_HAS_MENTION = ox.NamedNode(str(KG.hasMention))
#: Quads held before a ``bulk_extend`` (each call writes new files, so not one per batch).
BUFFER_QUADS = 200_000
#: Actors located per update at the end.
LOCATE_CHUNK = 2_000
_SCHEMA = """
CREATE TABLE refs (ref TEXT PRIMARY KEY, actor TEXT, type TEXT, forms TEXT) WITHOUT ROWID;
CREATE INDEX refs_by_actor ON refs (actor);
CREATE TABLE codes (ref TEXT, code TEXT, PRIMARY KEY (ref, code)) WITHOUT ROWID;
CREATE TABLE names (actor TEXT PRIMARY KEY, name TEXT, decided INTEGER) WITHOUT ROWID;
CREATE TABLE counts (actor TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class BulkWriter:
    """Adds a clean build's batches to an empty ``store`` with the bulk loader; call
    :meth:`finish` once after the last batch."""

    def __init__(self, store: ox.Store, buffer: int | None = None) -> None:
        self.store = store
        self.buffer = buffer or BUFFER_QUADS
        self.pending: list[ox.Quad] = []
        self.loads = 0
        #: Each reference's actor and key facts, each actor's name and mention count, kept
        #: on disk until the end (one row per key and per actor of the corpus).
        self.actors = sqlite3.connect("")  # a private temporary database, deleted on close
        self.actors.execute("PRAGMA journal_mode=OFF")
        self.actors.execute("PRAGMA synchronous=OFF")
        self.actors.executescript(_SCHEMA)

    def add_batch(self, extractions: Sequence[Extraction], ingested_at: str | None = None, *,
                  links: Links | None = None, events: EventLinks | None = None) -> int:
        """Add a batch of articles in their stored form (one ingest time; ``links``: the
        actor each key joins, ``events``: the event each event reference refers to, as
        :func:`kg.store.write.write_batch` takes them); return the
        triples of their article graphs (as :meth:`kg.store.KGStore.add_batch` does)."""
        extractions = list({x.article.id: x for x in extractions}.values())
        links = links or {}
        at = ingested_at or _now()
        written = 0
        delta: dict[str, int] = {}
        for x in extractions:
            graph = ox.NamedNode(str(article_graph_iri(x.article.id)))
            graph_quads = quads(extraction_triples(x, at), graph)
            written += len(graph_quads)
            for q in graph_quads:
                if q.predicate == _HAS_MENTION:
                    delta[q.subject.value] = delta.get(q.subject.value, 0) + 1
            self._queue(graph_quads)
        shared = shared_facts(extractions, events)
        self._queue(shared.quads)
        self._queue(quads(event_triples(shared.events), ACTORS_NODE))  # each event's refs agree
        for ref, key in shared.keys.items():
            target, name = links.get(key, (shared.actors[ref], None))
            actor = str(actor_iri(target))
            if self.actors.execute("SELECT 1 FROM refs WHERE ref = ?", (ref.value,)).fetchone():
                found = self.actors.execute("SELECT actor FROM refs WHERE ref = ?",
                                            (ref.value,)).fetchone()
                actor = found[0]
            else:
                self.actors.execute("INSERT INTO refs VALUES (?, ?, ?, ?)", (
                    ref.value, actor, key[0], json.dumps(sorted(RefFacts.of_key(key).forms))))
                self._queue(quads(reference_triples(key, target), ACTORS_NODE))
            self.actors.executemany("INSERT OR IGNORE INTO codes VALUES (?, ?)",
                                    [(ref.value, c) for c in sorted(shared.codes[ref])])
            self._keep_name(actor, name, shared.names.get(target))
            self.actors.execute(
                "INSERT INTO counts VALUES (?, ?) ON CONFLICT (actor) DO UPDATE SET"
                " n = n + excluded.n", (actor, delta.get(ref.value, 0)))
        return written

    def _keep_name(self, actor: str, decided: str | None, entity) -> None:
        """Keep the name of an actor: the decided one, else the first given, unless a later
        one is one it gives way to (:func:`kg.store.write.gives_way`)."""
        row = self.actors.execute("SELECT name, decided FROM names WHERE actor = ?",
                                  (actor,)).fetchone()
        if decided is not None:
            if row is None or row[0] != decided:
                self.actors.execute("INSERT OR REPLACE INTO names VALUES (?, ?, 1)",
                                    (actor, decided))
        elif entity is not None and (row is None or (not row[1] and gives_way(row[0], entity))):
            self.actors.execute("INSERT OR REPLACE INTO names VALUES (?, ?, 0)",
                                (actor, entity.name))

    def _queue(self, new: Iterable[ox.Quad]) -> None:
        """Add quads to the buffer, loading it whenever it is full (``new`` may be a
        generator of any length: no load holds more than the buffer)."""
        new = iter(new)
        while chunk := list(itertools.islice(new, self.buffer - len(self.pending))):
            self.pending.extend(chunk)
            if len(self.pending) >= self.buffer:
                self._load()

    def _load(self) -> None:
        if self.pending:
            self.store.bulk_extend(self.pending)
            self.pending = []
            release_free_heap()
            self.loads += 1
            loaded(self.loads)

    def finish(self) -> None:
        """Write the references' country codes and the actors' facts derived from their
        references (:mod:`kg.store.actors`), then locate every Place and Country actor (as
        each batch's write would have, once)."""
        self._queue(ox.Quad(ox.NamedNode(r), CODE, ox.Literal(c), ACTORS_NODE)
                    for r, c in self.actors.execute("SELECT ref, code FROM codes"))
        self._queue(self._actor_quads())
        self._load()
        actors = (a for (a,) in self.actors.execute("SELECT actor FROM counts ORDER BY actor"))
        while chunk := list(itertools.islice(actors, LOCATE_CHUNK)):
            refresh_locations(self.store, chunk)
            release_free_heap()
        self.store.flush()
        self.actors.close()

    def _actor_quads(self) -> Iterator[ox.Quad]:
        """Yield every actor's derived facts, one actor's references read at a time."""
        rows = self.actors.execute(
            "SELECT r.actor, r.type, r.forms, (SELECT group_concat(code, char(31)) FROM codes"
            " WHERE codes.ref = r.ref), n.name, c.n FROM refs r LEFT JOIN names n ON"
            " n.actor = r.actor LEFT JOIN counts c ON c.actor = r.actor ORDER BY r.actor")
        for actor, group in itertools.groupby(rows, key=lambda r: r[0]):
            group = list(group)
            facts = [RefFacts(t, set(json.loads(forms)), set(codes.split("\x1f")) if codes
                              else set()) for _, t, forms, codes, _, _ in group]
            name = group[0][4] or min((min(f.forms) for f in facts if f.forms), default="")
            yield from sorted(actor_facts(ox.NamedNode(actor), name, facts, group[0][5] or 0),
                              key=str)


def loaded(loads: int) -> None:
    """Called after each bulk load (a kill test stops the process here)."""


__all__ = ["BUFFER_QUADS", "BulkWriter", "loaded"]
