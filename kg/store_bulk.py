"""Writing a clean build into a fresh store with Oxigraph's bulk loader.

:meth:`pyoxigraph.Store.bulk_extend` writes quads straight to new RocksDB files, without a
transaction, and only adds. The transactional writer (:mod:`kg.store_write`) cannot use it:
each batch replaces actors-graph facts earlier batches wrote (an actor's mention count, a
person's bare surname giving way to the full name) and locates the places it touches.
:class:`BulkWriter` writes what a clean build's batches would leave instead: each batch's
article graphs and the shared facts it adds (:func:`kg.store_write.shared_quads`, the same
per batch, so a fact only the first entity of an id in a batch gives is left out just as
there), while the names and mention counts are kept aside and written once, with the
places' locations, by :meth:`BulkWriter.finish`. The result is the store the batches would
write one by one into an empty store (a test compares their N-Quads).

Memory does not grow with the corpus: the names and counts (one row per actor of the corpus)
are kept in a private temporary SQLite database, not in Python, and each bulk load hands the
C heap's free pages back (:func:`kg.store.release_free_heap`), which would otherwise stay
resident after every load.

Nothing here is safe against a kill: the caller loads a fresh directory and swaps it in
(:mod:`kg.store_swap`).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

import pyoxigraph as ox

from kg.model import Entity, Extraction
from kg.rdf import KG, actor_iri, article_graph_iri, extraction_triples
from kg.store import release_free_heap
from kg.store_geo import refresh_locations
from kg.store_terms import ACTORS_NODE, MENTIONS_NODE, quads
from kg.store_write import gives_way, mention_count, shared_facts, shared_quads

_HAS_MENTION = ox.NamedNode(str(KG.hasMention))
_NAME = ox.NamedNode(str(KG.name))
#: Quads held before a ``bulk_extend`` (each call writes new files, so not one per batch).
BUFFER_QUADS = 200_000
#: Actors located per update at the end.
LOCATE_CHUNK = 2_000
_SCHEMA = """
CREATE TABLE names (actor TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;
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
        #: Actor IRI → the name the actors graph gives it (``names``) and its mention count
        #: (``counts``, for the actors articles say they mention), kept on disk until the end.
        self.actors = sqlite3.connect("")  # a private temporary database, deleted on close
        self.actors.execute("PRAGMA journal_mode=OFF")
        self.actors.execute("PRAGMA synchronous=OFF")
        self.actors.executescript(_SCHEMA)

    def add_batch(self, extractions: Sequence[Extraction], ingested_at: str | None = None
                  ) -> int:
        """Add a batch of linked articles (one ingest time); return the triples of their
        article graphs (as :meth:`kg.store.KGStore.add_batch` does)."""
        extractions = list({x.article.id: x for x in extractions}.values())
        at = ingested_at or _now()
        written = 0
        delta: dict[str, int] = {}
        mentioned: set[str] = set()
        for x in extractions:
            graph = ox.NamedNode(str(article_graph_iri(x.article.id)))
            graph_quads = quads(extraction_triples(x, at), graph)
            written += len(graph_quads)
            for q in graph_quads:
                if q.predicate == _HAS_MENTION:
                    delta[q.subject.value] = delta.get(q.subject.value, 0) + 1
                elif q.predicate == MENTIONS_NODE:
                    mentioned.add(q.object.value)
            self._queue(graph_quads)
        entities, roles, events = shared_facts(extractions)
        self._queue(shared_quads(entities, roles, events))
        self._keep_names(entities.values())
        self.actors.executemany(
            "INSERT INTO counts VALUES (?, ?) ON CONFLICT (actor) DO UPDATE SET n = n + excluded.n",
            [(actor, delta.get(actor, 0)) for actor in sorted(mentioned)])
        return written

    def _keep_names(self, entities: Iterable[Entity]) -> None:
        """Keep the name of each entity's actor: the first given, unless a later one is one it
        gives way to (:func:`kg.store_write.gives_way`)."""
        for entity in entities:
            actor = str(actor_iri(entity.id))
            row = self.actors.execute("SELECT name FROM names WHERE actor = ?",
                                      (actor,)).fetchone()
            if row is None or gives_way(row[0], entity):
                self.actors.execute("INSERT OR REPLACE INTO names VALUES (?, ?)",
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
        """Write the actors' names and mention counts, then locate every Place and Country
        actor an article mentions (as each batch's write would have, once)."""
        self._queue(self._name_quads())
        self._queue(mention_count(ox.NamedNode(a), n) for a, n in self.actors.execute(
            "SELECT actor, n FROM counts"))
        self._load()
        actors = (a for (a,) in self.actors.execute("SELECT actor FROM counts ORDER BY actor"))
        while chunk := list(itertools.islice(actors, LOCATE_CHUNK)):
            refresh_locations(self.store, chunk)
            release_free_heap()
        self.store.flush()
        self.actors.close()

    def _name_quads(self) -> Iterator[ox.Quad]:
        """Yield the actors-graph quads naming each actor by the name kept for it."""
        for actor, name in self.actors.execute("SELECT actor, name FROM names"):
            yield ox.Quad(ox.NamedNode(actor), _NAME, ox.Literal(name), ACTORS_NODE)


def loaded(loads: int) -> None:
    """Called after each bulk load (a kill test stops the process here)."""


__all__ = ["BUFFER_QUADS", "BulkWriter", "loaded"]
