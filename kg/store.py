"""The embedded knowledge-graph store: Oxigraph (RocksDB) in a directory, a graph per article.

Layout: each article's facts live in the named graph ``…/id/graph/article/<article id>`` (with
its provenance: source, title, publication date, ingest time, kg version, spaCy model, and
``schema:mentions`` for each actor it names); facts shared by articles are stored once in
``…/id/graph/actors``: actors (types, canonical name, aliases, country code, total mention
count), roles (``org:Post`` with title, holder, organisation) and each event's class and type.
So a query over the union of graphs sees each of them once. Stores of the older layout are
rewritten in place when opened (:meth:`KGStore._migrate`).

Crash safety: :meth:`KGStore.add_extraction` first writes the new triples into a private staging
graph (one transaction), then swaps them into the article graph, merges the actor facts and
drops the staging graph in a single SPARQL Update, which Oxigraph applies as one RocksDB
transaction. A process killed with ``kill -9`` at any moment therefore leaves either the old or
the new version of an article, never part of one; leftover staging graphs are dropped the next
time the store is opened. Article text is never formatted into SPARQL strings: it enters as RDF
terms through :meth:`pyoxigraph.Store.extend`, and user values bind through substitutions.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.model import Entity, Event, Extraction, Role
from kg.rdf import (
    ACTORS_GRAPH,
    KG,
    KGID,
    PREFIXES,
    SCHEMA,
    actor_iri,
    actor_triples,
    article_graph_iri,
    article_id_of,
    entity_id_of,
    event_triples,
    extraction_triples,
    role_triples,
)
from kg.sparql_guard import QueryRefused, check_query, describe_syntax_error
from kg.store_geo import refresh_locations

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_AGGREGATE = re.compile(r"\bGROUP\s+BY\b|(?<![?$:\w])(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)"
                        r"\s*\(", re.IGNORECASE)
STAGING_PREFIX = str(KGID) + "graph/staging/"

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
#: Prefixes written in exports: not ``kgid:``, whose ids hold '/', which Turtle would escape as
#: ``kgid:actor\/person\/x`` (valid, but Virtuoso and other tools reject it).
EXPORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "kgid"}
#: Formats that keep named graphs (the others export the union of all graphs).
DATASET_FORMATS = frozenset({"trig", "nq"})


class StoreError(Exception):
    """The store cannot be opened or used (message is one line, fit for the CLI)."""


class QueryError(StoreError):
    """A SPARQL query is malformed or failed."""


# ---------------------------------------------------------------------- sharing with kg serve

SERVE_MARKER = "kg-serve.json"


def write_serve_marker(path: str | Path, url: str) -> None:
    """Record in the store directory that this process serves it at ``url``."""
    marker = {"pid": os.getpid(), "url": url}
    (Path(path) / SERVE_MARKER).write_text(json.dumps(marker), encoding="utf-8")


def remove_serve_marker(path: str | Path) -> None:
    """Drop the marker of :func:`write_serve_marker` (if it is this process's)."""
    marker = Path(path) / SERVE_MARKER
    if (serving_process(path) or {}).get("pid") == os.getpid():
        marker.unlink(missing_ok=True)


def serving_process(path: str | Path) -> dict[str, Any] | None:
    """Return ``{"pid", "url"}`` of the live ``kg serve`` serving the store, else ``None``."""
    try:
        marker = json.loads((Path(path) / SERVE_MARKER).read_text(encoding="utf-8"))
        pid = int(marker["pid"])
        os.kill(pid, 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {"pid": pid, "url": str(marker.get("url", ""))}


def _served_message(path: Path, server: dict[str, Any]) -> str:
    return (f"{path}: store is served by kg serve (pid {server['pid']}, {server['url']});"
            " stop the server to change the store")


# ---------------------------------------------------------------------- term conversion


def to_ox(value: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Return ``value`` (rdflib term, pyoxigraph term or Python value) as a pyoxigraph term.

    Plain ``str`` becomes a string literal; pass :class:`rdflib.URIRef` to bind an IRI.
    """
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal):
        return value
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if not isinstance(value, Literal):
        value = Literal(value)
    if value.language:
        return ox.Literal(str(value), language=value.language)
    datatype = ox.NamedNode(str(value.datatype)) if value.datatype else None
    return ox.Literal(str(value), datatype=datatype)


def from_ox_term(term: Any) -> Identifier | None:
    """Return a pyoxigraph term as an rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported RDF term {term!r}")


def to_python(term: Any) -> Any:
    """Return a pyoxigraph term as a plain Python value (IRIs stay :class:`URIRef`)."""
    node = from_ox_term(term)
    if isinstance(node, Literal):
        value = node.toPython()
        return str(value) if isinstance(value, Literal) else value
    return node


def _quads(triples: Iterable[tuple], graph: URIRef) -> list[ox.Quad]:
    g = ox.NamedNode(str(graph))
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]


def _iri(node: str) -> str:
    """Return ``node`` (one of kg's own IRIs) in SPARQL ``<…>`` form."""
    text = str(node)
    if any(c in text for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not a safe IRI: {text!r}")
    return f"<{text}>"


# ---------------------------------------------------------------------- the store


class KGStore:
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
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a kg store (it is a file, not a directory)")
        if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
            raise StoreError(f"{path}: not a kg store (directory holds no Oxigraph database)")
        server = serving_process(path)
        if server and server["pid"] != os.getpid():
            raise StoreError(_served_message(path, server))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # "--store out/kg-store" just works
            store = ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if "lock" in first.lower():
                raise StoreError(f"{path}: store is in use by another process") from exc
            raise StoreError(f"{path}: cannot open store ({first})") from exc
        kg_store = cls(store, path)
        kg_store._drop_staging()
        kg_store._migrate()
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

    def _old_layout(self) -> bool:
        """Return whether the store repeats actor or event types in article graphs or holds
        roles as ``kg:holdsRole`` (the layout before kg stored shared facts once)."""
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        actors = ox.NamedNode(str(ACTORS_GRAPH))
        for cls in (KG.Actor, KG.Event):
            typed = self.ox.quads_for_pattern(None, rdf_type, ox.NamedNode(str(cls)), None)
            if any(q.graph_name != actors for q in typed):
                return True
        return any(True for _ in self.ox.quads_for_pattern(
            None, ox.NamedNode(str(KG.holdsRole)), None, None))

    def _migrate(self) -> None:
        """Rewrite a store of the old layout in place (one transaction): actor types leave the
        article graphs, which say ``schema:mentions`` instead; roles become ``org:Post`` s
        described once in the actors graph; an event's class and type move there too."""
        if not self._old_layout():
            return
        a = _iri(ACTORS_GRAPH)
        role_props = "rdf:type, kg:roleTitle, kg:roleHolder, kg:roleOf"
        try:
            self.ox.update(
                f"INSERT {{ GRAPH ?g {{ ?art schema:mentions ?x }} }} WHERE {{ GRAPH ?g {{"
                f" ?x a kg:Actor . ?g kg:sourceArticle ?art }} FILTER(?g != {a}) }} ;\n"
                f"DELETE {{ GRAPH ?g {{ ?x a ?c }} }} WHERE {{ GRAPH ?g {{ ?x a kg:Actor , ?c }}"
                f" FILTER(?g != {a}) }} ;\n"
                f"INSERT {{ GRAPH {a} {{ ?r a kg:Role , org:Post ; kg:roleTitle ?t ;"
                f" org:heldBy ?p . ?p org:holds ?r }} }} WHERE {{ GRAPH ?g {{ ?r a kg:Role ;"
                f" kg:roleTitle ?t ; kg:roleHolder ?p }} }} ;\n"
                f"INSERT {{ GRAPH {a} {{ ?r org:postIn ?o }} }} WHERE {{ GRAPH ?g {{ ?r a kg:Role ;"
                f" kg:roleOf ?o }} }} ;\n"
                f"DELETE {{ GRAPH ?g {{ ?r ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?r a kg:Role ; ?p ?o"
                f" FILTER(?p IN ({role_props})) }} FILTER(?g != {a}) }} ;\n"
                f"DELETE WHERE {{ GRAPH ?g {{ ?p kg:holdsRole ?r }} }} ;\n"
                f"INSERT {{ GRAPH {a} {{ ?e a kg:Event ; kg:eventType ?t }} }} WHERE {{ GRAPH ?g"
                f" {{ ?e a kg:Event ; kg:eventType ?t }} FILTER(?g != {a}) }} ;\n"
                f"DELETE {{ GRAPH ?g {{ ?e a kg:Event ; kg:eventType ?t }} }} WHERE {{ GRAPH ?g"
                f" {{ ?e a kg:Event ; kg:eventType ?t }} FILTER(?g != {a}) }}",
                prefixes=PREFIXES,
            )
        except OSError as exc:
            where = self.path or "store"
            raise StoreError(f"{where}: written by an older kg and cannot be upgraded here"
                             f" ({' '.join(str(exc).split())}); rebuild it with"
                             f" `kg build ARTICLES --store NEW-STORE`") from exc

    def _drop_staging(self) -> None:
        for graph in list(self.ox.named_graphs()):
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(STAGING_PREFIX):
                self.ox.remove_graph(graph)

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

    def _graph_actors(self, graph: URIRef) -> set[str]:
        """Return the actors an article graph mentions (``schema:mentions`` from its article)."""
        quads = self.ox.quads_for_pattern(
            None, ox.NamedNode(str(SCHEMA.mentions)), None, ox.NamedNode(str(graph)))
        return {q.object.value for q in quads}

    def add_extraction(self, extraction: Extraction, ingested_at: str | None = None) -> int:
        """Store one article's extraction, replacing its previous graph atomically.

        Returns the number of triples in the article's named graph.
        """
        return self.add_batch([extraction], ingested_at)

    def add_batch(self, extractions: Sequence[Extraction], ingested_at: str | None = None) -> int:
        """Store several articles in one transaction (bulk loading for large builds).

        Each article's graph is replaced; the batch lands whole or not at all, so an
        interrupted build still leaves only whole articles. Returns the triples written.
        """
        extractions = list({x.article.id: x for x in extractions}.values())
        if not extractions:
            return 0
        ingested_at = ingested_at or datetime.now(UTC).isoformat(timespec="seconds")
        stage_actors = URIRef(STAGING_PREFIX + "actors")
        quads: list[ox.Quad] = []
        statements: list[str] = []
        affected: set[str] = set()
        entities: dict[str, Entity] = {}
        roles: dict[str, Role] = {}
        events: dict[str, Event] = {}
        written = 0
        for extraction in extractions:
            graph = article_graph_iri(extraction.article.id)
            stage = URIRef(STAGING_PREFIX + str(graph).removeprefix(str(KGID) + "graph/"))
            triples = extraction_triples(extraction, ingested_at)
            written += len(triples)
            roles.update((role.id, role) for role in extraction.roles)
            events.update((event.id, event) for event in extraction.events)
            for entity in extraction.entities:  # the first name seen wins; aliases add up
                first = entities.setdefault(entity.id, entity)
                if first is not entity:
                    aliases = (set(first.aliases) | set(entity.aliases) | {entity.name}) - {
                        first.name}
                    entities[entity.id] = dataclasses.replace(first,
                                                              aliases=tuple(sorted(aliases)))
            previous = self._graph_actors(graph)
            affected |= previous | {str(o) for s, p, o in triples if p == SCHEMA.mentions}
            self.ox.remove_graph(ox.NamedNode(str(stage)))
            quads += _quads(triples, stage)
            if previous:  # a changed article: the aliases only its old text gave go
                statements.append(self._alias_pruning(graph))
            statements += [f"DROP SILENT GRAPH {_iri(graph)} ;",
                           f"ADD SILENT {_iri(stage)} TO {_iri(graph)} ;",
                           f"DROP SILENT GRAPH {_iri(stage)} ;"]
        statements += self._name_upgrades(entities.values())
        self.ox.remove_graph(ox.NamedNode(str(stage_actors)))
        shared = (actor_triples(entities.values()) + role_triples(roles.values())
                  + event_triples(events.values()))
        self.ox.extend(quads + _quads(shared, stage_actors))
        self.ox.update(
            "\n".join(
                statements
                + [
                    f"INSERT {{ GRAPH {_iri(ACTORS_GRAPH)} {{ ?s ?p ?o }} }} WHERE {{ GRAPH"
                    f" {_iri(stage_actors)} {{ ?s ?p ?o FILTER(?p != kg:name) }} }} ;",
                    f"INSERT {{ GRAPH {_iri(ACTORS_GRAPH)} {{ ?s kg:name ?o }} }} WHERE {{ GRAPH"
                    f" {_iri(stage_actors)} {{ ?s kg:name ?o }} FILTER NOT EXISTS {{ GRAPH"
                    f" {_iri(ACTORS_GRAPH)} {{ ?s kg:name ?x }} }} }} ;",
                    f"DROP SILENT GRAPH {_iri(stage_actors)} ;",
                    self._actor_upkeep(affected),
                ]
            ),
            prefixes=PREFIXES,
        )
        refresh_locations(self.ox, affected)
        return written

    def _name_upgrades(self, entities: Iterable[Entity]) -> list[str]:
        """Return updates dropping a person's stored bare surname when a batch brings the full
        name ("Tavares" → "Rui Tavares"), so the insert that follows stores the full one."""
        out = []
        name_pred, graph = ox.NamedNode(str(KG.name)), ox.NamedNode(str(ACTORS_GRAPH))
        for entity in entities:
            if entity.type != "Person":
                continue
            iri = actor_iri(entity.id)
            stored = next((q.object.value for q in self.ox.quads_for_pattern(
                ox.NamedNode(str(iri)), name_pred, None, graph)), None)
            if stored and entity.name != stored and entity.name.endswith(" " + stored):
                out.append(f"DELETE WHERE {{ GRAPH {_iri(ACTORS_GRAPH)} {{ {_iri(iri)}"
                           " kg:name ?o } } ;")
        return out

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

    @staticmethod
    def _actor_upkeep(actors: set[str]) -> str:
        """Return SPARQL Update dropping orphaned actors and roles (no article graph mentions
        them any more) and refreshing mention counts."""
        actors_graph = _iri(ACTORS_GRAPH)
        orphans = KGStore._fact_upkeep()
        if not actors:
            return orphans
        values = " ".join(_iri(a) for a in sorted(actors))
        return (
            orphans + " ;\n"
            f"DELETE {{ GRAPH {actors_graph} {{ ?a ?p ?o }} }} WHERE {{ VALUES ?a {{ {values} }}"
            f" GRAPH {actors_graph} {{ ?a ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?g"
            f" {{ ?art schema:mentions ?a }} FILTER(?g != {actors_graph}) }} }} ;\n"
            f"DELETE {{ GRAPH {actors_graph} {{ ?a kg:mentionCount ?c }} }} WHERE {{ VALUES ?a"
            f" {{ {values} }} GRAPH {actors_graph} {{ ?a kg:mentionCount ?c }} }} ;\n"
            f"INSERT {{ GRAPH {actors_graph} {{ ?a kg:mentionCount ?n }} }} WHERE {{ {{ SELECT ?a"
            f" (COUNT(DISTINCT ?m) AS ?n) WHERE {{ VALUES ?a {{ {values} }} GRAPH {actors_graph}"
            f" {{ ?a a kg:Actor }} OPTIONAL {{ GRAPH ?g {{ ?a kg:hasMention ?m }} }} }}"
            f" GROUP BY ?a }} }}"
        )

    @staticmethod
    def _fact_upkeep() -> str:
        """Return SPARQL Update dropping the shared facts of roles and events that no article
        graph reports any more (``kg:mentionedIn``)."""
        shared = _iri(ACTORS_GRAPH)
        unreported = (f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?x kg:mentionedIn ?art }}"
                      f" FILTER(?g != {shared}) }}")
        return (
            f"DELETE {{ GRAPH {shared} {{ ?x ?p ?o . ?h org:holds ?x }} }} WHERE {{"
            f" GRAPH {shared} {{ ?x a kg:Role ; ?p ?o ; org:heldBy ?h }} {unreported} }} ;\n"
            f"DELETE {{ GRAPH {shared} {{ ?x ?p ?o }} }} WHERE {{"
            f" GRAPH {shared} {{ ?x a kg:Event ; ?p ?o }} {unreported} }}"
        )

    @staticmethod
    def _alias_pruning(graph: URIRef) -> str:
        """Return SPARQL Update dropping the aliases only ``graph`` wrote: an actor's
        ``skos:altLabel`` equal to one of its mention texts there and in no other graph."""
        actors_graph = _iri(ACTORS_GRAPH)
        surface = "REPLACE(REPLACE(STR(?{0}), \"\\\\s+\", \" \"), \"['’]s?$\", \"\")"
        return (
            f"DELETE {{ GRAPH {actors_graph} {{ ?a skos:altLabel ?l }} }} WHERE {{"
            f" GRAPH {_iri(graph)} {{ ?a kg:hasMention ?m . ?m kg:mentionText ?t }}"
            f" GRAPH {actors_graph} {{ ?a skos:altLabel ?l }}"
            f" FILTER(STR(?l) = {surface.format('t')})"
            f" FILTER NOT EXISTS {{ GRAPH ?g {{ ?a kg:hasMention ?m2 . ?m2 kg:mentionText ?t2 }}"
            f" FILTER(?g != {_iri(graph)} && ?g != {actors_graph}"
            f" && STR(?l) = {surface.format('t2')}) }} }} ;"
        )

    def remove_article(self, article_id: str) -> bool:
        """Remove an article's graph, the aliases only it gave, and actors no other article
        has; return whether it existed."""
        if not self.has_article(article_id):
            return False
        graph = article_graph_iri(article_id)
        affected = self._graph_actors(graph)
        self.ox.update(
            self._alias_pruning(graph) + f"\nDROP SILENT GRAPH {_iri(graph)} ;\n"
            + self._actor_upkeep(affected),
            prefixes=PREFIXES,
        )
        refresh_locations(self.ox, affected)
        return True

    # -- queries --------------------------------------------------------------------------------

    def _run(self, sparql: str, init_bindings: dict[str, Any] | None) -> Any:
        """Run SPARQL on pyoxigraph with union default graph, prefixes and substitutions."""
        try:
            check_query(sparql, self.allow_service)
        except QueryRefused as exc:
            raise QueryError(str(exc)) from exc
        substitutions = {
            ox.Variable(str(k).lstrip("?$")): to_ox(v) for k, v in (init_bindings or {}).items()
        }
        try:
            return self.ox.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
            )
        except SyntaxError as exc:
            raise QueryError(describe_syntax_error(sparql, exc)) from exc
        except (RuntimeError, OSError) as exc:
            if not substitutions or "projection" not in str(exc):
                raise QueryError(" ".join(str(exc).split())) from exc
        # Oxigraph substitutes only projected variables; bind the others with a trailing
        # VALUES clause of serialised RDF terms (the terms escape themselves).
        # After GROUP BY a trailing VALUES joins the groups, so it could not restrict what is
        # counted: refuse instead of answering as if the value were not given.
        if _AGGREGATE.search(sparql):
            names = ", ".join(f"?{v.value}" for v in substitutions)
            raise QueryError(f"cannot bind {names} in a query with aggregates unless it is"
                             " selected; put the value in the query or select the variable")
        variables = " ".join(str(v) for v in substitutions)
        row = " ".join(str(t) for t in substitutions.values())
        try:
            return self.ox.query(
                f"{sparql}\nVALUES ({variables}) {{ ({row}) }}",
                prefixes=PREFIXES,
                use_default_graph_as_union=True,
            )
        except SyntaxError as exc:
            raise QueryError(describe_syntax_error(sparql, exc)) from exc

    def raw_query(self, sparql: str, init_bindings: dict[str, Any] | None = None) -> Any:
        """Run SPARQL like :meth:`query` and return pyoxigraph's result as it is
        (``QuerySolutions`` of RDF terms, ``QueryBoolean`` or ``QueryTriples``), for writers
        of the W3C result formats and for typed data frames."""
        return self._run(sparql, init_bindings)

    def query(
        self, sparql: str, init_bindings: dict[str, Any] | None = None
    ) -> list[dict[str, Any]] | bool | Graph:
        """Run SPARQL over the union of all graphs (``GRAPH ?g`` reaches each named graph).

        Prefixes of :data:`kg.rdf.PREFIXES` (kg:, kgid:, schema:, ...) need no declaration.
        Bound variables need not be projected (unprojected ones are bound by a VALUES clause).

        Returns rows (dicts of Python values; IRIs as :class:`URIRef`) for SELECT, a bool for ASK
        and an rdflib :class:`Graph` for CONSTRUCT / DESCRIBE. ``init_bindings`` maps variable
        names to values (``URIRef`` for IRIs; ``str``/``int``/``date``/``Literal`` for literals);
        they are substituted as RDF terms, never formatted into the query.
        """
        result = self._run(sparql, init_bindings)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        try:
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                return [{n: to_python(sol[n]) for n in names} for sol in result]
            graph = Graph()
            for prefix, ns in PREFIXES.items():
                graph.bind(prefix, ns)
            for t in result:
                graph.add((from_ox_term(t.subject), from_ox_term(t.predicate),
                           from_ox_term(t.object)))
            return graph
        except (OSError, RuntimeError, ValueError) as exc:  # raised while results stream
            raise QueryError(f"query failed: {' '.join(str(exc).split())[:300]}") from exc

    def query_dataframe(self, sparql: str, init_bindings: dict[str, Any] | None = None):
        """Run a SELECT query and return a typed :class:`pandas.DataFrame` (plain ``str``
        IRIs, dates as ``datetime64`` with a ``<name>_precision`` column; see
        :mod:`kg.frames`)."""
        from kg.frames import query_frame

        result = self._run(sparql, init_bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("query_dataframe needs a SELECT query")
        try:
            return query_frame(result)
        except (OSError, RuntimeError, ValueError) as exc:  # raised while results stream
            raise QueryError(f"query failed: {' '.join(str(exc).split())[:300]}") from exc

    # -- import / export ------------------------------------------------------------------------

    def export(self, dest: str | Path | IO[bytes], format: str = "trig") -> None:
        """Write the store to ``dest``: ttl / nt / jsonld as the union, trig / nq with graphs."""
        fmt = format.lower().lstrip(".")
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {format!r} (use {', '.join(EXPORT_FORMATS)})")
        output = str(dest) if isinstance(dest, str | Path) else dest
        prefixes = {k: v for k, v in EXPORT_PREFIXES.items() if k != "rdf" or fmt != "jsonld"}
        if fmt in DATASET_FORMATS:
            self.ox.dump(output, EXPORT_FORMATS[fmt], prefixes=prefixes)
            return
        triples = self.ox.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE {"
            " { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"
        )
        if EXPORT_FORMATS[fmt] == ox.RdfFormat.JSON_LD:
            _write_compact_jsonld(triples, output)
            return
        ox.serialize(triples, output, EXPORT_FORMATS[fmt], prefixes=prefixes)

    def import_file(self, path: str | Path, format: str | None = None) -> int:
        """Load a TriG / N-Quads file (named graphs kept) in one transaction; return quads added."""
        path = Path(path)
        fmt = (format or path.suffix).lower().lstrip(".")
        if fmt not in DATASET_FORMATS:
            raise StoreError(f"{path}: import needs TriG (.trig) or N-Quads (.nq), not {fmt!r}")
        before = len(self.ox)
        try:
            self.ox.load(path=str(path), format=EXPORT_FORMATS[fmt])
        except (SyntaxError, OSError, ValueError) as exc:
            message = " ".join(str(exc).split())
            raise StoreError(f"{path}: cannot import ({message})") from exc
        return len(self.ox) - before

    # -- summaries ------------------------------------------------------------------------------

    def triple_count(self) -> int:
        """Return the number of quads in the store (all graphs)."""
        return len(self.ox)

    def articles(self) -> list[dict[str, Any]]:
        """Return one dict per stored article: id, title, published, source, url, provenance."""
        rows = self.query(
            """
            SELECT ?g ?id ?title ?published ?source ?url ?ingested ?model ?version ?hash WHERE {
              GRAPH ?g {
                ?g kg:sourceArticle ?a .
                ?a kg:articleId ?id ; schema:headline ?title ; kg:contentHash ?hash .
                OPTIONAL { ?a schema:datePublished ?published }
                OPTIONAL { ?a kg:sourcePath ?source }
                OPTIONAL { ?a schema:url ?url }
                OPTIONAL { ?g prov:generatedAtTime ?ingested }
                OPTIONAL { ?g kg:spacyModel ?model }
                OPTIONAL { ?g kg:kgVersion ?version }
              }
            } ORDER BY ?published ?id
            """
        )
        return [
            {
                "id": str(r["id"]),
                "title": str(r["title"]),
                "published": _iso(r["published"]),
                "source": r["source"],
                "url": str(r["url"]) if r["url"] is not None else None,
                "ingested_at": _iso(r["ingested"]),
                "model": r["model"],
                "kg_version": r["version"],
                "content_hash": r["hash"],
                "graph": str(r["g"]),
            }
            for r in rows
        ]

    def known_actors(self) -> list[dict[str, Any]]:
        """Return the actors of the store (id, name, type, aliases, mentions, country_code)."""
        rows = self.query(
            """
            SELECT ?a ?name ?type ?count ?code
                   (GROUP_CONCAT(DISTINCT ?alias; SEPARATOR="\\u001f") AS ?aliases) WHERE {
              GRAPH kgid:graph\\/actors {
                ?a a kg:Actor ; kg:name ?name ; a ?cls .
                FILTER(?cls != kg:Actor && STRSTARTS(STR(?cls), STR(kg:)))
                OPTIONAL { ?a kg:mentionCount ?count }
                OPTIONAL { ?a kg:countryCode ?code }
                OPTIONAL { ?a skos:altLabel ?alias }
              }
              BIND(STRAFTER(STR(?cls), STR(kg:)) AS ?type)
            } GROUP BY ?a ?name ?type ?count ?code ORDER BY DESC(?count) ?name
            """
        )
        return [
            {
                "id": entity_id_of(r["a"]),
                "iri": str(r["a"]),
                "name": r["name"],
                "type": r["type"],
                "aliases": sorted(x for x in (r["aliases"] or "").split("\x1f") if x),
                "mentions": int(r["count"] or 0),
                "country_code": r["code"],
            }
            for r in rows
        ]

    def stats(self) -> dict[str, Any]:
        """Return counts (articles, actors by type, events, statements, roles) and top actors."""
        counts = self.query(
            """
            SELECT
              (COUNT(DISTINCT ?art) AS ?articles) (COUNT(DISTINCT ?ev) AS ?events)
              (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?ro) AS ?roles)
            WHERE {
              { ?art a kg:Article } UNION { ?ev a kg:Event } UNION { ?st a kg:Statement }
              UNION { ?ro a kg:Role }
            }
            """
        )[0]
        actors = self.known_actors()
        by_type: dict[str, int] = {}
        for actor in actors:
            by_type[actor["type"]] = by_type.get(actor["type"], 0) + 1
        return {
            "articles": int(counts["articles"]),
            "actors": len(actors),
            "actors_by_type": dict(sorted(by_type.items())),
            "events": int(counts["events"]),
            "statements": int(counts["statements"]),
            "roles": int(counts["roles"]),
            "triples": self.triple_count(),
            "top_actors": [
                {k: a[k] for k in ("id", "name", "type", "mentions")} for a in actors[:10]
            ],
        }

    def article_ids(self) -> list[str]:
        """Return the ids of the stored articles (from their named graphs)."""
        prefix = str(KGID) + "graph/article/"
        return sorted(
            article_id_of(g.value)
            for g in self.ox.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)
        )


def _write_compact_jsonld(triples: Iterable[ox.Triple], dest: str | IO[bytes]) -> None:
    """Write triples as JSON-LD compacted with an ``@context`` of kg's prefixes (``kg:name``,
    ``"@type": "kg:Person"``), one ``@graph`` of nodes (rdflib's JSON-LD serialiser)."""
    graph = Graph()
    for t in triples:
        graph.add((from_ox_term(t.subject), from_ox_term(t.predicate), from_ox_term(t.object)))
    context = {k: v for k, v in PREFIXES.items() if k != "rdf"}
    data = graph.serialize(format="json-ld", context=context, auto_compact=True, indent=1)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(dest, str):
        Path(dest).write_bytes(payload)
    else:
        dest.write(payload)


def _iso(value: Any) -> str | None:
    """Return dates / datetimes as ISO strings (others as ``str``, ``None`` kept)."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
