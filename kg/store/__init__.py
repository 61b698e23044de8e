"""The embedded knowledge-graph store: Oxigraph (RocksDB) in a directory, a graph per article.

Layout: each article's facts live in the named graph ``…/id/graph/article/<article id>`` (with
its provenance: source, title, publication date, ingest time, kg version, spaCy model, and
``schema:mentions`` for each actor it names); an article graph names each actor by the
reference of its key (``…/id/ref/<digest>``, :func:`kg.rdf.reference_iri`). Facts shared by
articles are stored once in ``…/id/graph/actors``: each reference's ``kg:refersTo`` link to
its actor, actors (types, canonical name, aliases, country code, total mention count, derived
from their references: :mod:`kg.store.actors`), roles (``org:Post`` with title, holder,
organisation) and each event's class and type. So a query over the union of graphs sees each
of them once. Stores of older layouts are rewritten in place when opened
(:mod:`kg.store.migrate`).

Writes (:mod:`kg.store.write`) land a batch of articles whole or not at all, whatever kills
the process (a write the process died in the middle of is finished when the store is next
opened). A clean
build into an empty store is bulk-loaded into a fresh directory and swapped in
(:mod:`kg.store.bulk`, :mod:`kg.store.swap`); opening the store finishes or undoes a swap a
kill interrupted. Article text is never formatted into SPARQL strings: it enters as RDF
terms through :meth:`pyoxigraph.Store.extend`, and user values bind through substitutions.
Export and import: :mod:`kg.store.files`; term conversion: :mod:`kg.store.terms`; SPARQL and
the store's errors: :mod:`kg.store.query`; summaries (articles, actors, counts):
:mod:`kg.store.summary`; the marker of a running ``kg serve``: :mod:`kg.store.served`.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset

from kg.history import history_dir
from kg.model import Extraction
from kg.rdf import (
    COPIES_GRAPH,
    KG,
    article_graph_iri,
    article_iri,
)
from kg.store.files import (
    DATASET_FORMATS,
    EXPORT_FORMATS,
    EXPORT_PREFIXES,
    FormatError,
    export_store,
    import_dataset,
)
from kg.store.migrate import (
    LayoutError,
    check_event_references,
    mark_for_relink,
    migrate_layout,
    migrate_references,
)
from kg.store.query import QueryError, StoreError, StoreQueries, streaming_failed
from kg.store.served import (
    SERVE_MARKER,
    remove_serve_marker,
    served_message,
    serving_process,
    write_serve_marker,
)
from kg.store.summary import StoreSummaries
from kg.store.swap import drop_unfinished, finish_swap, fresh_dir
from kg.store.terms import from_ox_term, to_ox, to_python
from kg.store.terms import quads as ox_quads
from kg.store.write import (
    STAGING_PREFIX,
    EventLinks,
    Links,
    finish_staged,
    locate_staged,
    write_batch,
)

__all__ = ["DATASET_FORMATS", "EXPORT_FORMATS", "EXPORT_PREFIXES", "SERVE_MARKER",
           "STAGING_PREFIX", "KGStore", "QueryError", "StoreError", "from_ox_term",
           "release_free_heap", "remove_serve_marker", "serving_process", "streaming_failed",
           "to_ox", "to_python", "write_serve_marker"]


# ---------------------------------------------------------------------- process memory


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """Return glibc's ``malloc_trim`` (``None`` on a C library without it)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_heap() -> bool:
    """Hand the free pages of the C heap back to the system; return whether the C library
    can (glibc's ``malloc_trim``). A flushed write buffer of the store (tens of MB per batch)
    leaves free pages inside the heap, which stay in the process's resident memory until
    trimmed: on a 2,000-article build, ~100 MB of its peak RSS."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


# ---------------------------------------------------------------------- the store


class KGStore(StoreQueries, StoreSummaries):
    """A kg knowledge graph in an Oxigraph store (on disk, or in memory when path is None)."""

    def __init__(self, store: ox.Store, path: Path | None = None) -> None:
        self._ox: ox.Store | None = store
        self.path = path
        self._dataset: Dataset | None = None
        #: Hosts that ``SERVICE`` may reach in :meth:`query` (none: no remote access).
        self.allow_service: tuple[str, ...] = ()

    # -- lifecycle ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None) -> KGStore:
        """Open (or create) the store in directory ``path``; ``None`` keeps it in memory."""
        if path is None:
            return cls(ox.Store())
        path = Path(path)
        try:
            finish_swap(path)  # a bulk build killed after its commit point
        except OSError as exc:
            raise StoreError(f"{path}: cannot finish swapping in a bulk build"
                             f" ({' '.join(str(exc).split())})") from exc
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a kg store (it is a file, not a directory)")
        if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
            raise StoreError(f"{path}: not a kg store (directory holds no Oxigraph database)")
        server = serving_process(path)
        if server and server["pid"] != os.getpid():
            raise StoreError(served_message(path, server))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # "--store out/kg-store" just works
            store = ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if "lock" in first.lower():
                raise StoreError(f"{path}: store is in use by another process") from exc
            raise StoreError(f"{path}: cannot open store ({first})") from exc
        kg_store = cls(store, path)
        drop_unfinished(path)  # a bulk build killed before it: the history redoes it
        finish_staged(store)
        try:
            migrate_layout(store, path)
            check_event_references(store, path)  # before rewriting the actor positions
            if migrate_references(store) and history_dir(path).is_dir():
                mark_for_relink(history_dir(path))
        except LayoutError as exc:
            kg_store.close()
            raise StoreError(str(exc)) from exc
        return kg_store

    @classmethod
    def open_read(cls, path: str | Path) -> KGStore:
        """Open an existing store for reading, beside a running ``kg serve`` or another
        process that holds it: read-write when nobody does (so leftovers of a killed build
        are dropped), else read-only (the data as of opening)."""
        path = Path(path)
        if serving_process(path) is None:
            try:
                return cls.open(path)
            except StoreError as exc:
                if "in use" not in str(exc):
                    raise
        if not (path / "CURRENT").exists():
            raise StoreError(f"{path}: not a kg store (directory holds no Oxigraph database)")
        try:
            return cls(ox.Store.read_only(str(path)), path)
        except (OSError, RuntimeError) as exc:
            first = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise StoreError(f"{path}: cannot open store read-only ({first})") from exc

    def close(self) -> None:
        """Flush and release the store (the directory lock is freed)."""
        if self._ox is not None:
            try:
                self._ox.flush()
            except (OSError, RuntimeError):  # a read-only store cannot flush
                pass
        self._dataset = None
        self._ox = None
        gc.collect()

    def reopen(self) -> None:
        """Open the store's directory again after :meth:`close` (a bulk build swapped a
        fresh store in)."""
        if self.path is None or self._ox is not None:
            raise StoreError("only a closed store on disk can be reopened")
        self._ox = ox.Store(str(self.path))

    def is_empty(self) -> bool:
        """Return whether the store holds no quad at all."""
        return next(iter(self.ox), None) is None

    def fresh_store(self) -> ox.Store:
        """Return the store a bulk build fills: a new one in the fresh directory beside a
        store on disk (any one a killed build left is deleted), this one in memory."""
        if self.path is None:
            return self.ox
        fresh = fresh_dir(self.path)
        if fresh.exists():
            shutil.rmtree(fresh)
        return ox.Store(str(fresh))

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def ox(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`."""
        if self._ox is None:
            raise StoreError("store is closed")
        return self._ox

    @property
    def dataset(self) -> Dataset:
        """An rdflib :class:`~rdflib.Dataset` over the same Oxigraph store (oxrdflib)."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore

            self._dataset = Dataset(store=OxigraphStore(store=self.ox))
        return self._dataset

    # -- articles -------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Return whether the store holds a graph for this article."""
        return self.ox.contains_named_graph(ox.NamedNode(str(article_graph_iri(article_id))))

    def article_checksum(self, article_id: str) -> str | None:
        """Return the stored ``kg:contentHash`` of an article (``None`` if absent)."""
        graph = ox.NamedNode(str(article_graph_iri(article_id)))
        quads = self.ox.quads_for_pattern(None, ox.NamedNode(str(KG.contentHash)), None, graph)
        return next((q.object.value for q in quads), None)

    def article_triple_count(self, article_id: str) -> int:
        """Return the number of triples in an article's named graph (0 if absent)."""
        graph = ox.NamedNode(str(article_graph_iri(article_id)))
        return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, graph))

    def add_extraction(self, extraction: Extraction, ingested_at: str | None = None) -> int:
        """Store one article's extraction, replacing its previous graph atomically.

        Returns the number of triples in the article's named graph.
        """
        return self.add_batch([extraction], ingested_at)

    def add_batch(self, extractions: Sequence[Extraction], ingested_at: str | None = None, *,
                  links: Links | None = None, events: EventLinks | None = None,
                  locate: bool = True) -> int:
        """Store several articles in one transaction (see :mod:`kg.store.write`); ``links``
        and ``events``: the actor each key joins and the event each event reference refers
        to, as a re-link decided (:func:`kg.store.write.write_batch`).

        Each article's graph is replaced; the batch lands whole or not at all, so an
        interrupted build still leaves only whole articles. Returns the triples written.
        A store on disk then writes its in-memory tables out (:meth:`pyoxigraph.Store.flush`)
        and hands the heap pages they held back to the system (:func:`release_free_heap`),
        so the memory of a build does not grow with the store it writes. ``locate=False``:
        the places the batch touches stay staged for :meth:`locate_staged`.
        """
        written = write_batch(self.ox, extractions, ingested_at=ingested_at, links=links,
                              events=events, locate=locate)
        if self.path is not None:
            self.ox.flush()
            release_free_heap()
        return written

    def add_extractions(self, extractions: Iterable[Extraction], batch_size: int = 1) -> int:
        """Store many extractions, ``batch_size`` articles per transaction; return triples."""
        total = 0
        batch: list[Extraction] = []
        for extraction in extractions:
            batch.append(extraction)
            if len(batch) >= batch_size:
                total += self.add_batch(batch)
                batch = []
        return total + self.add_batch(batch)

    def relink_keys(self, links: Links, *, locate: bool = True) -> None:
        """Link the references of actor keys to the actors a re-link decided, with their
        canonical names (``links``: key → (actor id, name)), and bring the actors they leave
        and join in step, in one write; no article graph changes (``locate``: as
        :meth:`add_batch`)."""
        write_batch(self.ox, [], links=links, locate=locate)

    def locate_staged(self) -> None:
        """Locate the places that writes with ``locate=False`` left staged, once each
        (:func:`kg.store.write.locate_staged`)."""
        locate_staged(self.ox)

    def remove_article(self, article_id: str, *, locate: bool = True) -> bool:
        """Remove an article's graph, the aliases only it gave, and actors no other article
        has; return whether it existed (``locate``: as :meth:`add_batch`)."""
        if not self.has_article(article_id):
            return False
        write_batch(self.ox, [], removed=[article_id], locate=locate)
        return True

    def replace_copy(self, article_id: str, triples: Sequence[tuple]) -> None:
        """Replace the record of a copy of an article (:func:`kg.rdf.copy_triples`) in the
        copies graph; no triples: drop it."""
        graph = to_ox(COPIES_GRAPH)
        node = to_ox(article_iri(article_id))
        for quad in list(self.ox.quads_for_pattern(node, None, None, graph)):
            self.ox.remove(quad)
        if triples:
            self.ox.extend(ox_quads(triples, graph))

    # -- import / export ------------------------------------------------------------------------

    def export(self, dest: str | Path | IO[bytes], format: str = "trig", *,
               resolve_actors: bool = False) -> None:
        """Write the store to ``dest``: ttl / nt / jsonld as the union, trig / nq with graphs
        (``resolve_actors``: actors in place of their references, see
        :func:`kg.store.files.export_store`)."""
        try:
            export_store(self.ox, dest, format, resolve_actors=resolve_actors)
        except FormatError as exc:
            raise StoreError(str(exc)) from exc

    def import_file(self, path: str | Path, format: str | None = None) -> int:
        """Load a TriG / N-Quads file (named graphs kept) in one transaction; return quads added."""
        try:
            return import_dataset(self.ox, path, format)
        except FormatError as exc:
            raise StoreError(str(exc)) from exc
        except (SyntaxError, OSError, ValueError) as exc:
            message = " ".join(str(exc).split())
            raise StoreError(f"{path}: cannot import ({message})") from exc
