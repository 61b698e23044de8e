"""Writing a clean build into a fresh store with Oxigraph's bulk loader.

:meth:`pyoxigraph.Store.bulk_extend` writes quads straight to new RocksDB files, without a
transaction, and only adds. The transactional writer (:mod:`kg.store_write`) cannot use it:
each batch replaces actors-graph facts earlier batches wrote (an actor's mention count, a
person's bare surname giving way to the full name) and locates the places it touches.
:class:`BulkWriter` writes what a clean build's batches would leave instead: each batch's
article graphs and the shared facts it adds (:func:`kg.store_write.shared_quads`, the same
per batch, so a fact only the first entity of an id in a batch gives is left out just as
there), while the names and mention counts are kept in Python and written once, with the
places' locations, by :meth:`BulkWriter.finish`. The result is the store the batches would
write one by one into an empty store (a test compares their N-Quads).

Nothing here is safe against a kill: the caller loads a fresh directory and swaps it in
(:mod:`kg.store_swap`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import pyoxigraph as ox

from kg.model import Extraction
from kg.rdf import KG, article_graph_iri, extraction_triples
from kg.store_geo import refresh_locations
from kg.store_terms import MENTIONS_NODE, quads
from kg.store_write import gives_way, mention_count, name_quad, shared_facts, shared_quads

_HAS_MENTION = ox.NamedNode(str(KG.hasMention))
#: Quads held before a ``bulk_extend`` (each call writes new files, so not one per batch).
BUFFER_QUADS = 200_000
#: Actors located per update at the end.
LOCATE_CHUNK = 2_000


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
        #: Actor IRI → the name the actors graph gives it.
        self.names: dict[str, ox.Quad] = {}
        #: Actor IRI → mention count, for the actors articles say they mention.
        self.counts: dict[str, int] = {}

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
        for entity in entities.values():
            quad = name_quad(entity)
            stored = self.names.get(quad.subject.value)
            if stored is None or gives_way(stored.object.value, entity):
                self.names[quad.subject.value] = quad
        for actor in mentioned:
            self.counts[actor] = self.counts.get(actor, 0) + delta.get(actor, 0)
        return written

    def _queue(self, new: Iterable[ox.Quad]) -> None:
        self.pending.extend(new)
        if len(self.pending) >= self.buffer:
            self._load()

    def _load(self) -> None:
        if self.pending:
            self.store.bulk_extend(self.pending)
            self.pending = []
            self.loads += 1
            loaded(self.loads)

    def finish(self) -> None:
        """Write the actors' names and mention counts, then locate every Place and Country
        actor an article mentions (as each batch's write would have, once)."""
        self._queue(self.names.values())
        self._queue(mention_count(ox.NamedNode(a), n) for a, n in self.counts.items())
        self._load()
        actors = iter(sorted(self.counts))
        while chunk := list(itertools.islice(actors, LOCATE_CHUNK)):
            refresh_locations(self.store, chunk)
        self.store.flush()


def loaded(loads: int) -> None:
    """Called after each bulk load (a kill test stops the process here)."""


__all__ = ["BUFFER_QUADS", "BulkWriter", "loaded"]
