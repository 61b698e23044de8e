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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import RDF

from kg.actor_keys import article_keys
from kg.model import Entity, Extraction
from kg.rdf import (
    KG,
    KGID,
    ORG,
    ActorKey,
    EventLink,
    actor_iri,
    article_graph_iri,
    article_refs,
    entity_id_of,
    event_iri,
    event_links,
    event_node_triples,
    extraction_triples,
    key_of,
    reference_iri,
    reference_triples,
    role_triples,
)
from kg.store.actors import (
    CODE,
    HAS_MENTION,
    REFERS_TO,
    RefFacts,
    actor_facts,
    count_quad,
    is_reference,
    label_quads,
    ref_mentions,
    stored_count,
    stored_facts,
    stored_name,
    stored_ref_facts,
    stored_refs,
    stored_target,
    type_quads,
)
from kg.store.geo import refresh_locations
from kg.store.terms import ACTORS_NODE, COUNT_NODE, MENTIONS_NODE, quads, sparql_iri

STAGING_PREFIX = str(KGID) + "graph/staging/"
_MENTIONED_IN = ox.NamedNode(str(KG.mentionedIn))
_HOLDS = ox.NamedNode(str(ORG.holds))
_TYPE = ox.NamedNode(str(RDF.type))
_ROLE_PREFIX = str(KGID) + "role/"
_EREF_PREFIX = str(KGID) + "eref/"
#: Actor key → (actor id, canonical name): what a re-link decided for each key.
Links = Mapping[ActorKey, tuple[str, str]]
#: Event reference → the shared event it refers to (:func:`kg.rdf.event_links`).
EventLinks = Mapping[object, EventLink]


def _stage(name: str) -> ox.NamedNode:
    return ox.NamedNode(STAGING_PREFIX + name)


def _actor(actor_id: str) -> ox.NamedNode:
    return ox.NamedNode(str(actor_iri(actor_id)))


def _ref(key: ActorKey) -> ox.NamedNode:
    return ox.NamedNode(str(reference_iri(key)))


@dataclass
class SharedFacts:
    """What a batch of articles says beside its article graphs: each reference's key, country
    codes and default actor, the name each actor is given (the first entity of an id), and
    the quads of its roles, and the shared event each of its event references refers to."""

    keys: dict[ox.NamedNode, ActorKey] = field(default_factory=dict)
    codes: dict[ox.NamedNode, set[str]] = field(default_factory=dict)
    actors: dict[ox.NamedNode, str] = field(default_factory=dict)
    names: dict[str, Entity] = field(default_factory=dict)
    quads: list[ox.Quad] = field(default_factory=list)
    events: dict[ox.NamedNode, EventLink] = field(default_factory=dict)


def shared_facts(extractions: Iterable[Extraction], events: EventLinks | None = None
                 ) -> SharedFacts:
    """Return the shared facts of a batch (see :class:`SharedFacts`); ``events``: the links
    of event references a re-link decided (an article's events it does not give refer to
    the events of their own ids)."""
    out = SharedFacts()
    roles: list[tuple] = []
    for x in extractions:
        refs = article_refs(x)
        roles += role_triples(x.roles, refs)
        out.events.update((ox.NamedNode(str(r)), link) for r, link in event_links(x).items())
        for key, actor_id in article_keys(x).items():
            ref = _ref(key)
            out.keys.setdefault(ref, key)
            out.actors.setdefault(ref, actor_id)
            out.codes.setdefault(ref, set())
        for entity in x.entities:
            out.names.setdefault(entity.id, entity)
            if entity.country_code:
                out.codes[_ref(key_of(entity))].add(entity.country_code)
    out.events.update((ox.NamedNode(str(r)), link) for r, link in (events or {}).items())
    out.quads = quads(list(dict.fromkeys(roles)), ACTORS_NODE)
    return out


def gives_way(stored: str, entity: Entity) -> bool:
    """Return whether an actor's stored name gives way to ``entity``'s: a person's bare
    surname does to the full name."""
    return (entity.type == "Person" and entity.name != stored
            and entity.name.endswith(" " + stored))


class _Batch:
    """The article graphs, old and new, and the shared facts of one write."""

    def __init__(self, store: ox.Store, extractions: Sequence[Extraction],
                 removed: Iterable[str], ingested_at: str, links: Links | None = None,
                 events: EventLinks | None = None) -> None:
        self.store = store
        self.links = links = links or {}
        #: Actor → the canonical name the links give it; reference → the actor it joins.
        self.named = {_actor(target): name for target, name in links.values()}
        self.linked = {_ref(key): _actor(target) for key, (target, _) in links.items()}
        self.new: dict[ox.NamedNode, list[ox.Quad]] = {}
        self.written = 0
        #: Actors whose mentions the write changes (their locations are decided again).
        self.affected: set[str] = set()
        self._targets: dict[ox.NamedNode, ox.NamedNode | None] = {}
        for x in extractions:
            graph = ox.NamedNode(str(article_graph_iri(x.article.id)))
            triples = extraction_triples(x, ingested_at)
            self.written += len(triples)
            self.new[graph] = quads(triples, graph)
        self.shared = shared_facts(extractions, events)
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
        add = set(self.shared.quads)
        remove: set[ox.Quad] = set()
        orphans = self._orphan_refs()
        for ref in orphans:
            remove.update(self.store.quads_for_pattern(ref, None, None, ACTORS_NODE))
        moved = self._links(add, remove, orphans)
        delta: dict[ox.NamedNode, int] = {}
        taken, added = self.changed_quads(HAS_MENTION)
        for q in taken:
            delta[q.subject] = delta.get(q.subject, 0) - 1
        for q in added:
            delta[q.subject] = delta.get(q.subject, 0) + 1
        touched: dict[ox.NamedNode, set[ox.NamedNode]] = {}  # actor → its refs the write moves
        for ref, (old, new) in moved.items():
            for actor in (old, new):
                if actor is not None:
                    touched.setdefault(actor, set()).add(ref)
        for ref in {*delta, *orphans}:
            if is_reference(ref) and ref not in moved:
                target = self._target(ref)
                if target is not None:
                    touched.setdefault(target, set())
        for actor in self.named:  # a decided name may differ from the stored one
            touched.setdefault(actor, set())
        for actor in sorted(touched, key=lambda n: n.value):
            self._actor(actor, touched[actor], moved, orphans, delta, add, remove)
        self.affected = self._relocated(moved)
        self._unreported_facts(remove)
        self._event_changes(add, remove)
        remove -= add  # a fact the batch gives again stays
        return ({q for q in add if q not in self.store},
                {q for q in remove if q in self.store})

    def _target(self, ref: ox.NamedNode) -> ox.NamedNode | None:
        """Return the actor a reference refers to after the write."""
        if ref in self.linked:
            return self.linked[ref]
        stored = self._stored_target(ref)
        if stored is None and ref in self.shared.actors:
            return _actor(self.shared.actors[ref])
        return stored

    def _stored_target(self, ref: ox.NamedNode) -> ox.NamedNode | None:
        """Return the actor a reference refers to before the write (read once: a write
        asks about a reference for its link, its actor and its facts)."""
        if ref not in self._targets:
            self._targets[ref] = stored_target(self.store, ref)
        return self._targets[ref]

    def _orphan_refs(self) -> set[ox.NamedNode]:
        """Return the references no kept or new article graph mentions any more."""
        mentioned = {q.object for q in self.new_quads(MENTIONS_NODE)}
        taken, _ = self.changed_quads(MENTIONS_NODE)
        return {q.object for q in taken if is_reference(q.object) and q.object not in mentioned
                and not self.kept_elsewhere(None, MENTIONS_NODE, q.object)}

    def _links(self, add: set[ox.Quad], remove: set[ox.Quad], orphans: set[ox.NamedNode]
               ) -> dict[ox.NamedNode, tuple[ox.NamedNode | None, ox.NamedNode]]:
        """Write the facts of new references and the links that change; return reference →
        (stored actor or ``None``, actor) for each reference whose link the write changes."""
        refs = dict(self.shared.keys)
        for key in self.links:  # re-linked keys of articles the write does not touch
            ref = _ref(key)
            refs.setdefault(ref, key)
        moved = {}
        for ref in sorted(refs, key=lambda n: n.value):
            if ref in orphans:
                continue
            key = refs[ref]
            stored = self._stored_target(ref)
            if stored is None and ref not in self.shared.keys:
                continue  # a key no stored article holds yet
            target = self._target(ref)
            if stored is None:
                facts = reference_triples(key, entity_id_of(target.value),
                                          self.shared.codes.get(ref, ()))
                add.update(quads(facts, ACTORS_NODE))
            else:
                add.update(ox.Quad(ref, CODE, ox.Literal(c), ACTORS_NODE)
                           for c in self.shared.codes.get(ref, ()))
            if stored != target:
                moved[ref] = (stored, target)
                if stored is not None:
                    remove.add(ox.Quad(ref, REFERS_TO, stored, ACTORS_NODE))
                    add.add(ox.Quad(ref, REFERS_TO, target, ACTORS_NODE))
        return moved

    def _facts(self, ref: ox.NamedNode) -> RefFacts:
        key = self.shared.keys.get(ref)
        if key is None:
            return stored_ref_facts(self.store, ref)
        facts = RefFacts.of_key(key, self.shared.codes.get(ref, ()))
        if self._stored_target(ref) is not None:
            facts.codes |= stored_ref_facts(self.store, ref).codes
        return facts

    def _name(self, actor: ox.NamedNode) -> tuple[str | None, bool]:
        """Return the name the write gives ``actor`` and whether it stands (a decided
        canonical name) or only fills a gap (a stored name stays, but a bare surname gives
        way to the full name)."""
        if actor in self.named:
            return self.named[actor], True
        entity = self.shared.names.get(entity_id_of(actor.value))
        return (entity.name if entity is not None else None), False

    def _actor(self, actor: ox.NamedNode, moving: set[ox.NamedNode],
               moved: dict, orphans: set[ox.NamedNode], delta: dict[ox.NamedNode, int],
               add: set[ox.Quad], remove: set[ox.Quad]) -> None:
        """Bring one actor's derived facts in step with its references after the write."""
        store = self.store
        before = stored_refs(store, actor)
        gone = {r for r in before if r in orphans or (r in moved and moved[r][1] != actor)}
        came = {r for r in moving if moved[r][1] == actor}
        refs = (before - gone) | came
        old = stored_facts(store, actor)
        if not refs:
            remove.update(store.quads_for_pattern(actor, None, None, ACTORS_NODE))
            return
        count = stored_count(store, actor)
        count += sum(delta.get(r, 0) for r in before - gone)
        count -= sum(ref_mentions(store, r) for r in gone)  # as stored before the write
        count += sum(ref_mentions(store, r) + delta.get(r, 0) for r in came)
        given, stands = self._name(actor)
        stored = stored_name(store, actor)
        entity = self.shared.names.get(entity_id_of(actor.value))
        name = stored or given
        if given and stored != given and (stands or stored is None or (
                entity is not None and gives_way(stored, entity))):
            name = given
        if gone or name is None or name != stored:  # everything again, from the references left
            facts = [self._facts(r) for r in sorted(refs, key=lambda n: n.value)]
            name = name or min((min(f.forms) for f in facts if f.forms), default="")
            new = actor_facts(actor, name, facts, count)
            remove.update(old - new)
            add.update(new - old)
            return
        facts = [self._facts(r) for r in refs if r in came or r in self.shared.keys]
        remove.update(q for q in old if q.predicate == COUNT_NODE)
        add.add(count_quad(actor, count))
        add.update(type_quads(actor, facts) | label_quads(actor, name, facts))

    def _relocated(self, moved: dict) -> set[str]:
        """Return the actors whose location the write can change: every actor of a graph
        whose mentioned references change (a place's location depends on the countries the
        articles mentioning it name), none of a graph that mentions the same ones, and the
        actors a re-linked reference leaves and joins."""
        refs: set[ox.NamedNode] = set()
        for graph in {*self.new, *self.old}:
            if any(q.predicate == MENTIONS_NODE for q in (*self.added.get(graph, ()),
                                                          *self.taken.get(graph, ()))):
                refs |= {q.object for q in self.new.get(graph, ())
                         if q.predicate == MENTIONS_NODE}
                refs |= {q.object for q in self.before.quads_for_pattern(
                    None, MENTIONS_NODE, None, graph)}
        out = {a.value for old, new in moved.values() for a in (old, new) if a is not None}
        for ref in refs - set(moved):
            target = self._target(ref)
            if target is not None:
                out.add(target.value)
        return out

    def _event_changes(self, add: set[ox.Quad], remove: set[ox.Quad]) -> None:
        """Link the batch's event references to their events (only the links that change),
        give each event they refer to its facts (its id is made from its type and date, so
        every reference gives the same, and the write adds them whatever the order), and take
        away the links of references no graph holds any more and the facts of events no
        reference refers to."""
        links = self.shared.events
        reported = {q.subject for q in self.new_quads(_MENTIONED_IN)}
        leaving: dict[ox.NamedNode, set[ox.NamedNode]] = {}  # event → its refs that go
        for q in self.changed_quads(_MENTIONED_IN)[0]:
            ref = q.subject
            if isinstance(ref, ox.NamedNode) and ref.value.startswith(_EREF_PREFIX) and \
                    ref not in reported and ref not in links:
                for fact in self.store.quads_for_pattern(ref, None, None, ACTORS_NODE):
                    remove.add(fact)
                    if fact.predicate == REFERS_TO:
                        leaving.setdefault(fact.object, set()).add(ref)
        facts: dict[ox.NamedNode, set[ox.Quad]] = {}  # event → its facts, as linked
        for ref in sorted(links, key=lambda n: n.value):
            link = links[ref]
            event = ox.NamedNode(str(event_iri(link[0])))
            stored = stored_target(self.store, ref)
            if stored != event:
                if stored is not None:
                    remove.add(ox.Quad(ref, REFERS_TO, stored, ACTORS_NODE))
                    leaving.setdefault(stored, set()).add(ref)
                add.add(ox.Quad(ref, REFERS_TO, event, ACTORS_NODE))
            if event not in facts:  # made once an event: many references share one
                facts[event] = set(quads(event_node_triples(link), ACTORS_NODE))
        for new in facts.values():  # every reference of an event gives the same facts
            add.update(new)
        for event, gone in leaving.items():
            if event not in facts and all(
                    q.subject in gone for q in self.store.quads_for_pattern(
                        None, REFERS_TO, event, ACTORS_NODE)):
                remove.update(self.store.quads_for_pattern(event, None, None, ACTORS_NODE))

    def _unreported_facts(self, remove: set[ox.Quad]) -> None:
        """Roles no kept or new article reports lose their shared facts."""
        reported = {q.subject for q in self.new_quads(_MENTIONED_IN)}
        for q in self.changed_quads(_MENTIONED_IN)[0]:  # a report kept keeps its node
            node = q.subject
            if not isinstance(node, ox.NamedNode) or node in reported:
                continue
            if not node.value.startswith(_ROLE_PREFIX):
                continue
            if self.kept_elsewhere(node, _MENTIONED_IN, None):
                continue
            remove.update(self.store.quads_for_pattern(node, None, None, ACTORS_NODE))
            if node.value.startswith(_ROLE_PREFIX):
                remove.update(self.store.quads_for_pattern(None, _HOLDS, node, ACTORS_NODE))


def write_batch(store: ox.Store, extractions: Sequence[Extraction], *,
                removed: Iterable[str] = (), ingested_at: str | None = None,
                links: Links | None = None, events: EventLinks | None = None,
                locate: bool = True) -> int:
    """Replace the graphs of ``extractions`` (and drop those of the ``removed`` article ids)
    as one step, keeping the actors graph and the places' locations in step; return the
    triples written. ``locate=False`` leaves the places to locate staged, for
    :func:`locate_staged` after the last of several writes (a place touched by each is
    located once). ``links``: the actor each key joins and its canonical name, as a re-link
    decided (a key it does not give keeps its stored link, or joins the actor of its own id),
    keys of articles the write does not touch included: their references are linked again,
    no article graph changes. ``events``: the shared event each event reference refers to,
    as a re-link decided (references of articles the write does not touch included: only
    their links change); a reference it does not give refers to the event of its own id.

    One :meth:`pyoxigraph.Store.extend` (a single transaction) adds what the write adds and
    stages what it takes away (see the module docstring); :func:`finish_staged` then applies
    the staged part. The ``extend`` is the commit point: if the process dies after it,
    opening the store finishes the write, so a killed batch is never half applied."""
    extractions = list({x.article.id: x for x in extractions}.values())
    removed = list(removed)
    if not extractions and not removed and not links and not events:
        return 0
    batch = _Batch(store, extractions, removed,
                   ingested_at or datetime.now(UTC).isoformat(timespec="seconds"), links or {},
                   events)
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
    finish_staged(store, sorted({q.graph_name for q in staged}, key=str), locate=locate)
    return batch.written


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


def finish_staged(store: ox.Store, staged: list[ox.NamedNode] | None = None, *,
                  locate: bool = True) -> None:
    """Apply what a write staged (quads to take away, dropped graphs) in one SPARQL Update
    that only deletes staged quads and drops graphs, then decide again the locations of the
    actors it staged (``staged``: the staging graphs of the write; by default every one in
    the store, as after a killed write; ``locate=False``: they stay staged)."""
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
    if _LOCATE in staged and locate:
        locate_staged(store)


def locate_staged(store: ox.Store) -> None:
    """Decide again the locations of the actors the writes staged, dropping their list in
    the same update (a process killed before leaves it, and opening the store locates
    them): a place's location depends on the store alone, so locating it once after
    several writes gives what locating it after each would."""
    actors = {q.subject.value for q in store.quads_for_pattern(None, None, None, _LOCATE)}
    refresh_locations(store, actors, then=f"DROP SILENT GRAPH {sparql_iri(_LOCATE)}")


__all__ = ["STAGING_PREFIX", "EventLinks", "Links", "SharedFacts", "finish_staged", "gives_way",
           "locate_staged", "shared_facts", "write_batch"]
