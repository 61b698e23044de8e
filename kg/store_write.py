"""Writing articles into the store: each batch lands whole (or not at all) in one transaction.

One :meth:`pyoxigraph.Store.extend` (quads, never SPARQL text) is the commit point of a
batch. It writes every quad the batch adds where it belongs: the graphs of new articles, the
quads a replaced article's new version has and its old one had not, and the facts the batch
adds to the shared actors graph (computed here, in Python, from the batch and from indexed
lookups of the few actors, roles and events it touches). Beside them it stages, in private
staging graphs, the quads to take away from each graph it changes (a replaced article's
old quads its new version drops, the actors-graph facts the batch takes away), the graphs to
drop and the actors whose location the write decides again. One SPARQL Update then only
deletes each staging graph's quads from the graph it stands for and drops the staging graphs,
and the locations of the affected places are decided from the updated store. If the process
dies after the ``extend``, opening the store finishes what it staged (:func:`finish_staged`):
a process killed with ``kill -9`` leaves the old or the new version of a batch, never part of
it, and never a place without its location. Nothing here reads more of the store than the
graphs the batch replaces and the actors, roles and events it touches, so a batch costs the
same in an empty store and in a large one, and rewriting an article costs its change.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import RDF, XSD, Literal

from kg.model import Entity, Event, Extraction, Role
from kg.rdf import (
    KG,
    KGID,
    ORG,
    SKOS,
    actor_iri,
    actor_triples,
    article_graph_iri,
    event_triples,
    extraction_triples,
    role_triples,
)
from kg.store_geo import refresh_locations
from kg.store_terms import ACTORS_NODE, COUNT_NODE, MENTIONS_NODE, quads, sparql_iri, to_ox

STAGING_PREFIX = str(KGID) + "graph/staging/"
_HAS_MENTION = ox.NamedNode(str(KG.hasMention))
_MENTION_TEXT = ox.NamedNode(str(KG.mentionText))
_MENTIONED_IN = ox.NamedNode(str(KG.mentionedIn))
_NAME = ox.NamedNode(str(KG.name))
_ALT = ox.NamedNode(str(SKOS.altLabel))
_HOLDS = ox.NamedNode(str(ORG.holds))
_TYPE = ox.NamedNode(str(RDF.type))
_ROLE_PREFIX = str(KGID) + "role/"
_EVENT_PREFIX = str(KGID) + "event/"
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


def _stage(name: str) -> ox.NamedNode:
    return ox.NamedNode(STAGING_PREFIX + name)


def _surface(text: str) -> str:
    """Return a mention text as an alias it gives (spaces collapsed, possessive dropped)."""
    return _POSSESSIVE.sub("", _SPACE.sub(" ", text))


def _spellings(surface: str) -> list[str]:
    """Return the mention texts that read as ``surface`` with single spaces (see
    :func:`_surface`): itself and its possessives."""
    return [surface] + [surface + end for end in ("'s", "'", "’s", "’")]


def _count(n: int) -> ox.Literal:
    return to_ox(Literal(n, datatype=XSD.integer))


def shared_facts(extractions: Iterable[Extraction]
                 ) -> tuple[dict[str, Entity], dict[str, Role], dict[str, Event]]:
    """Return the actors, roles and events a batch of articles shares (by id): the first
    entity seen of an id wins, with the names and aliases of the others as its aliases."""
    entities: dict[str, Entity] = {}
    roles: dict[str, Role] = {}
    events: dict[str, Event] = {}
    for x in extractions:
        roles.update((role.id, role) for role in x.roles)
        events.update((event.id, event) for event in x.events)
        for entity in x.entities:
            first = entities.setdefault(entity.id, entity)
            if first is not entity:
                aliases = (set(first.aliases) | set(entity.aliases) | {entity.name}) - {
                    first.name}
                entities[entity.id] = dataclasses.replace(first, aliases=tuple(sorted(aliases)))
    return entities, roles, events


def shared_quads(entities: dict[str, Entity], roles: dict[str, Role],
                 events: dict[str, Event]) -> list[ox.Quad]:
    """Return the actors-graph facts of :func:`shared_facts` but the actors' names (a
    stored name stays, see :func:`gives_way`)."""
    shared = (actor_triples(entities.values()) + role_triples(roles.values())
              + event_triples(events.values()))
    return [q for q in quads(shared, ACTORS_NODE) if q.predicate != _NAME]


def gives_way(stored: str, entity: Entity) -> bool:
    """Return whether an actor's stored name gives way to ``entity``'s: a person's bare
    surname does to the full name."""
    return (entity.type == "Person" and entity.name != stored
            and entity.name.endswith(" " + stored))


def name_quad(entity: Entity) -> ox.Quad:
    """Return the actors-graph quad naming ``entity``'s actor by its name."""
    return ox.Quad(ox.NamedNode(str(actor_iri(entity.id))), _NAME, ox.Literal(entity.name),
                   ACTORS_NODE)


def mention_count(actor: ox.NamedNode, n: int) -> ox.Quad:
    """Return the actors-graph quad giving an actor's mention count."""
    return ox.Quad(actor, COUNT_NODE, _count(n), ACTORS_NODE)


class _Batch:
    """The article graphs, old and new, and the shared facts of one write."""

    def __init__(self, store: ox.Store, extractions: Sequence[Extraction],
                 removed: Iterable[str], ingested_at: str) -> None:
        self.store = store
        self.new: dict[ox.NamedNode, list[ox.Quad]] = {}
        self.written = 0
        self.surfaces: dict[ox.NamedNode, set[str]] | None = None
        self.kept: dict[ox.NamedNode, set[str]] = {}
        #: Actors whose mentions the write changes (their locations are decided again).
        self.affected: set[str] = set()
        for x in extractions:
            graph = ox.NamedNode(str(article_graph_iri(x.article.id)))
            triples = extraction_triples(x, ingested_at)
            self.written += len(triples)
            self.new[graph] = quads(triples, graph)
        self.entities, self.roles, self.events = shared_facts(extractions)
        gone = [ox.NamedNode(str(article_graph_iri(i))) for i in removed]
        #: Graphs the write replaces or drops (their old content no longer counts).
        self.old = {g for g in (*self.new, *gone) if store.contains_named_graph(g)}
        self.dropped = [g for g in gone if g in self.old and g not in self.new]
        #: The old graphs' quads, read once: an in-memory store compares terms as the store
        #: does (canonical literals), and its lookups cost nothing like the store's on disk.
        self.before = ox.Store()
        self.before.extend(q for g in self.old for q in store.quads_for_pattern(None, None,
                                                                                 None, g))
        after = ox.Store()
        after.extend(q for g, qs in self.new.items() if g in self.old for q in qs)
        #: What the write changes in each graph: the quads it adds and those it takes away
        #: (a rewritten article whose actor or event changed differs by a few quads).
        self.added = {g: [q for q in qs if q not in self.before] if g in self.old else qs
                      for g, qs in self.new.items()}
        self.taken = {g: [q for q in self.before.quads_for_pattern(None, None, None, g)
                          if q not in after] for g in self.old}

    # -- what the graphs say ------------------------------------------------------------------

    def old_quads(self, subject=None, predicate=None, obj=None) -> list[ox.Quad]:
        return list(self.before.quads_for_pattern(subject, predicate, obj, None))

    def changed_quads(self, predicate: ox.NamedNode) -> tuple[list[ox.Quad], list[ox.Quad]]:
        """Return the quads of ``predicate`` the write takes away and those it adds."""
        return ([q for qs in self.taken.values() for q in qs if q.predicate == predicate],
                [q for qs in self.added.values() for q in qs if q.predicate == predicate])

    def new_quads(self, predicate: ox.NamedNode) -> Iterable[ox.Quad]:
        return (q for qs in self.new.values() for q in qs if q.predicate == predicate)

    def kept_elsewhere(self, subject, predicate, obj) -> bool:
        """Return whether a graph the write keeps holds (subject, predicate, obj)."""
        return any(q.graph_name not in self.old and q.graph_name != ACTORS_NODE
                   for q in self.store.quads_for_pattern(subject, predicate, obj, None))

    # -- the shared facts ---------------------------------------------------------------------

    def actor_changes(self) -> tuple[set[ox.Quad], set[ox.Quad]]:
        """Return the quads to add to and remove from the actors graph."""
        add = set(shared_quads(self.entities, self.roles, self.events))
        remove: set[ox.Quad] = set()
        self._names(add, remove)
        self._aliases(add, remove)
        self._counts_and_orphans(add, remove)
        self._unreported_facts(remove)
        remove -= add  # a fact the batch gives again stays
        return ({q for q in add if q not in self.store},
                {q for q in remove if q in self.store})

    def _names(self, add: set[ox.Quad], remove: set[ox.Quad]) -> None:
        """A stored name stays, but a person's bare surname gives way to the full name."""
        for entity in self.entities.values():
            node = ox.NamedNode(str(actor_iri(entity.id)))
            stored = next(self.store.quads_for_pattern(node, _NAME, None, ACTORS_NODE), None)
            if stored is None:
                add.add(name_quad(entity))
            elif gives_way(stored.object.value, entity):
                remove.add(stored)
                add.add(name_quad(entity))

    def _aliases(self, add: set[ox.Quad], remove: set[ox.Quad]) -> None:
        """Aliases only an old article version gave (one of its mention texts, in no kept or
        new graph) go, unless the batch gives them again."""
        texts: dict[ox.NamedNode, set[str]] = {}
        for q in self._taken_mentions():
            for t in self.before.quads_for_pattern(q.object, _MENTION_TEXT, None, q.graph_name):
                texts.setdefault(q.subject, set()).add(_surface(t.object.value))
        for actor, surfaces in texts.items():
            for alias in self.store.quads_for_pattern(actor, _ALT, None, ACTORS_NODE):
                if alias.object.value in surfaces and not self._said_elsewhere(actor,
                                                                               alias.object.value):
                    remove.add(alias)

    def _taken_mentions(self) -> set[ox.Quad]:
        """Return the old ``kg:hasMention`` quads whose link or mention text the write takes
        away (a mention kept as it was still gives its text, so it can drop no alias)."""
        links, _ = self.changed_quads(_HAS_MENTION)
        texts, _ = self.changed_quads(_MENTION_TEXT)
        return set(links) | {q for t in texts for q in self.before.quads_for_pattern(
            None, _HAS_MENTION, t.subject, t.graph_name)}

    def _said_elsewhere(self, actor: ox.NamedNode, surface: str) -> bool:
        """Return whether a kept or new graph gives ``actor`` a mention reading ``surface``:
        looked up by the mention texts that read so (the store's object index), never by
        scanning the actor's mentions, but for a name of several words no such text gives
        (only a text with other white space between its words could, so those are read)."""
        if surface in self._new_surfaces().get(actor, ()):
            return True
        for text in _spellings(surface):
            for q in self.store.quads_for_pattern(None, _MENTION_TEXT, ox.Literal(text), None):
                if q.graph_name not in self.old and q.graph_name != ACTORS_NODE and ox.Quad(
                        actor, _HAS_MENTION, q.subject, q.graph_name) in self.store:
                    return True
        return " " in surface and surface in self._kept_surfaces(actor)

    def _kept_surfaces(self, actor: ox.NamedNode) -> set[str]:
        """Return the surface forms the kept graphs give ``actor`` (read once per write)."""
        if actor not in self.kept:
            found = set()
            for q in self.store.quads_for_pattern(actor, _HAS_MENTION, None, None):
                if q.graph_name not in self.old and q.graph_name != ACTORS_NODE:
                    found |= {_surface(t.object.value) for t in self.store.quads_for_pattern(
                        q.object, _MENTION_TEXT, None, q.graph_name)}
            self.kept[actor] = found
        return self.kept[actor]

    def _new_surfaces(self) -> dict[ox.NamedNode, set[str]]:
        """Return the surface forms the batch's new graphs give each actor (computed once)."""
        if self.surfaces is None:
            texts = {q.subject: q.object.value for q in self.new_quads(_MENTION_TEXT)}
            self.surfaces = {}
            for q in self.new_quads(_HAS_MENTION):
                if q.object in texts:
                    self.surfaces.setdefault(q.subject, set()).add(_surface(texts[q.object]))
        return self.surfaces

    def _counts_and_orphans(self, add: set[ox.Quad], remove: set[ox.Quad]) -> None:
        """Mention counts move by the mentions the batch takes away and adds; actors no
        article mentions any more lose every fact."""
        delta: dict[ox.NamedNode, int] = {}
        taken, added = self.changed_quads(_HAS_MENTION)
        for q in taken:
            delta[q.subject] = delta.get(q.subject, 0) - 1
        for q in added:
            delta[q.subject] = delta.get(q.subject, 0) + 1
        mentioned = {q.object for q in self.new_quads(MENTIONS_NODE)}
        affected = mentioned | {q.object for q in self.old_quads(None, MENTIONS_NODE, None)}
        taken, added = self.changed_quads(MENTIONS_NODE)
        changed = {q.object for q in (*taken, *added)} | {a for a, n in delta.items() if n}
        self.affected = self._relocated()
        for actor in affected & changed:  # the others' count and facts stay as they are
            stored = list(self.store.quads_for_pattern(actor, COUNT_NODE, None, ACTORS_NODE))
            if actor not in mentioned and not self.kept_elsewhere(None, MENTIONS_NODE, actor):
                remove.update(self.store.quads_for_pattern(actor, None, None, ACTORS_NODE))
                continue
            n = (int(stored[0].object.value) if stored else 0) + delta.get(actor, 0)
            remove.update(stored)
            add.add(mention_count(actor, n))

    def _relocated(self) -> set[str]:
        """Return the actors whose location the write can change: every actor of a graph
        whose mentioned actors change (a place's location depends on the countries the
        articles mentioning it name), none of a graph that mentions the same actors."""
        out: set[str] = set()
        for graph in {*self.new, *self.old}:
            if any(q.predicate == MENTIONS_NODE for q in (*self.added.get(graph, ()),
                                                          *self.taken.get(graph, ()))):
                out |= {q.object.value for q in self.new.get(graph, ())
                        if q.predicate == MENTIONS_NODE}
                out |= {q.object.value for q in self.before.quads_for_pattern(
                    None, MENTIONS_NODE, None, graph)}
        return out

    def _unreported_facts(self, remove: set[ox.Quad]) -> None:
        """Roles and events no kept or new article reports lose their shared facts."""
        reported = {q.subject for q in self.new_quads(_MENTIONED_IN)}
        for q in self.changed_quads(_MENTIONED_IN)[0]:  # a report kept keeps its node
            node = q.subject
            if not isinstance(node, ox.NamedNode) or node in reported:
                continue
            if not node.value.startswith((_ROLE_PREFIX, _EVENT_PREFIX)):
                continue
            if self.kept_elsewhere(node, _MENTIONED_IN, None):
                continue
            remove.update(self.store.quads_for_pattern(node, None, None, ACTORS_NODE))
            if node.value.startswith(_ROLE_PREFIX):
                remove.update(self.store.quads_for_pattern(None, _HOLDS, node, ACTORS_NODE))


def write_batch(store: ox.Store, extractions: Sequence[Extraction], *,
                removed: Iterable[str] = (), ingested_at: str | None = None) -> int:
    """Replace the graphs of ``extractions`` (and drop those of the ``removed`` article ids)
    as one step, keeping the actors graph and the places' locations in step; return the
    triples written.

    One :meth:`pyoxigraph.Store.extend` (a single transaction) adds what the write adds and
    stages what it takes away (see the module docstring); :func:`finish_staged` then applies
    the staged part. The ``extend`` is the commit point: if the process dies after it,
    opening the store finishes the write, so a killed batch is never half applied."""
    extractions = list({x.article.id: x for x in extractions}.values())
    removed = list(removed)
    if not extractions and not removed:
        return 0
    batch = _Batch(store, extractions,
                   removed, ingested_at or datetime.now(UTC).isoformat(timespec="seconds"))
    add, remove = batch.actor_changes()
    written: list[ox.Quad] = list(add)
    staged = _staged_removal(ACTORS_NODE, remove)
    replaced = [g for g in batch.new if g in batch.old]
    for qs in batch.added.values():
        written += qs
    for graph in replaced:
        staged += _staged_removal(graph, batch.taken[graph])
    staged += _markers(batch.dropped)
    staged += [ox.Quad(ox.NamedNode(a), _TYPE, _LOCATED, _LOCATE) for a in sorted(batch.affected)]
    store.extend(written + staged)
    finish_staged(store, sorted({q.graph_name for q in staged}, key=str))
    return batch.written


def rename_actors(store: ox.Store, names: dict[str, tuple[str, set[str]]]) -> None:
    """Give actors their canonical name in the actors graph, in one step (``names``: actor
    id → the name and the actor's other names): the new name stops being an alias, and the
    old one becomes an alias while an article still calls the actor so. Actors the store does
    not hold yet are left to the write of their articles.

    As in :func:`write_batch`, one ``extend`` adds the new quads and stages the old ones,
    and :func:`finish_staged` deletes those (on the next opening after a kill)."""
    add: list[ox.Quad] = []
    remove: list[ox.Quad] = []
    for actor_id, (name, others) in sorted(names.items()):
        node = ox.NamedNode(str(actor_iri(actor_id)))
        stored = [q for q in store.quads_for_pattern(node, _NAME, None, ACTORS_NODE)
                  if q.object.value != name]
        if not stored:
            continue
        remove += stored
        add.append(ox.Quad(node, _NAME, ox.Literal(name), ACTORS_NODE))
        alias = ox.Quad(node, _ALT, ox.Literal(name), ACTORS_NODE)
        if alias in store:
            remove.append(alias)
        add += [ox.Quad(node, _ALT, q.object, ACTORS_NODE) for q in stored
                if q.object.value in others]
    if not remove:
        return
    staged = _staged_removal(ACTORS_NODE, remove)
    store.extend(add + staged)
    finish_staged(store, sorted({q.graph_name for q in staged}, key=str))


_LOCATE, _DROP = _stage("locate"), _stage("drop")
_REMOVE_STAGE = STAGING_PREFIX + "remove/"
_LOCATED = ox.NamedNode(str(KG.Actor))
_GRAPH_PREFIX = str(KGID) + "graph/"
#: Staging graphs of earlier kg versions, still finished when a store written by one opens.
_ARTICLE_STAGE = STAGING_PREFIX + "article/"
_PLUS, _MINUS = _stage("actors-add"), _stage("actors-remove")


def _staged_removal(graph: ox.NamedNode, removed: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Return ``removed`` (quads of ``graph``) in the staging graph that takes them away."""
    stage = ox.NamedNode(_REMOVE_STAGE + graph.value.removeprefix(_GRAPH_PREFIX))
    return [ox.Quad(q.subject, q.predicate, q.object, stage) for q in removed]


def _markers(graphs: Iterable[ox.NamedNode]) -> list[ox.Quad]:
    """Return quads (in a staging graph) saying that ``graphs`` are to be dropped."""
    return [ox.Quad(g, _TYPE, ox.NamedNode(str(KG.ArticleGraph)), _DROP) for g in graphs]


def finish_staged(store: ox.Store, staged: list[ox.NamedNode] | None = None) -> None:
    """Apply what a write staged (quads to take away, dropped graphs) in one SPARQL Update
    that only deletes staged quads and drops graphs, then decide again the locations of the
    actors it staged (``staged``: the staging graphs of the write; by default every one in
    the store, as after a killed write)."""
    if staged is None:
        staged = [g for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING_PREFIX)]
    if not staged:
        return
    steps = []
    for stage in staged:
        if stage.value.startswith(_REMOVE_STAGE):
            graph = sparql_iri(_GRAPH_PREFIX + stage.value.removeprefix(_REMOVE_STAGE))
            steps.append(f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ GRAPH"
                         f" {sparql_iri(stage)} {{ ?s ?p ?o }} }} ;")
        elif stage.value.startswith(_ARTICLE_STAGE):
            graph = ox.NamedNode(_GRAPH_PREFIX + stage.value.removeprefix(_ARTICLE_STAGE))
            steps.append(f"MOVE SILENT GRAPH {sparql_iri(stage)} TO GRAPH {sparql_iri(graph)} ;")
    if _DROP in staged:
        steps += [f"DROP SILENT GRAPH {sparql_iri(q.subject)} ;"
                  for q in store.quads_for_pattern(None, _TYPE, None, _DROP)]
    if _MINUS in staged or _PLUS in staged:
        a = sparql_iri(ACTORS_NODE)
        steps += [f"DELETE {{ GRAPH {a} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {sparql_iri(_MINUS)}"
                  " { ?s ?p ?o } } ;", f"ADD SILENT GRAPH {sparql_iri(_PLUS)} TO GRAPH {a} ;"]
    steps += [f"DROP SILENT GRAPH {sparql_iri(g)} ;" for g in staged if g != _LOCATE]
    if steps:
        store.update("\n".join(steps).rstrip(" ;"))
    if _LOCATE in staged:
        actors = {q.subject.value for q in store.quads_for_pattern(None, None, None, _LOCATE)}
        refresh_locations(store, actors, then=f"DROP SILENT GRAPH {sparql_iri(_LOCATE)}")


__all__ = ["STAGING_PREFIX", "finish_staged", "gives_way", "mention_count", "name_quad",
           "rename_actors", "shared_facts", "shared_quads", "write_batch"]
