"""Upgrade a store written by an older kg to the current layout, in place."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from kg.rdf import (
    ACTOR_CLASSES,
    ACTORS_GRAPH,
    KG,
    KGID,
    ORG,
    PREFIXES,
    SCHEMA,
    ActorKey,
    entity_id_of,
    reference_iri,
    reference_triples,
)
from kg.store.terms import ACTORS_NODE, quads, sparql_iri

_ACTOR_PREFIX = str(KGID) + "actor/"
#: Predicates whose object is an actor in the layout before references, and those whose
#: subject is one (``kg:hasMention`` of an event names a mention, not an actor).
_ACTOR_OBJECT = frozenset(ox.NamedNode(str(p)) for p in (
    SCHEMA.mentions, KG.speaker, KG.about, KG.stanceTarget, KG.hasActor, KG.agent, KG.target,
    KG.hasPlace, ORG.heldBy, ORG.postIn))
_ACTOR_SUBJECT = frozenset(ox.NamedNode(str(p)) for p in (KG.hasMention, ORG.holds))
_CLASS_TYPES = {str(cls): type_ for type_, cls in ACTOR_CLASSES.items()}


class LayoutError(Exception):
    """The store is of an old layout and cannot be upgraded here (message is one line)."""


def _old_layout(store: ox.Store) -> bool:
    """Return whether the store repeats actor or event types in article graphs or holds
    roles as ``kg:holdsRole`` (the layout before kg stored shared facts once)."""
    if any(True for _ in store.quads_for_pattern(None, ox.NamedNode(str(KG.holdsRole)), None,
                                                  None)):
        return True
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    actors = ox.NamedNode(str(ACTORS_GRAPH))
    classes = [ox.NamedNode(str(cls)) for cls in (KG.Actor, KG.Event)]
    # one lookup per article graph: the typed actors and events of the actors graph (every
    # one of them in the current layout) are never read
    return any(next(store.quads_for_pattern(None, rdf_type, cls, graph), None) is not None
               for graph in store.named_graphs() if graph != actors for cls in classes)



def migrate_layout(store: ox.Store, where: object = None) -> None:
    """Rewrite a store of the old layout in place (one transaction): actor types leave the
    article graphs, which say ``schema:mentions`` instead; roles become ``org:Post`` s
    described once in the actors graph; an event's class and type move there too."""
    if not _old_layout(store):
        return
    a = sparql_iri(ACTORS_GRAPH)
    role_props = "rdf:type, kg:roleTitle, kg:roleHolder, kg:roleOf"
    try:
        store.update(
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
        where = where or "store"
        raise LayoutError(f"{where}: written by an older kg and cannot be upgraded here"
                          f" ({' '.join(str(exc).split())}); rebuild it with"
                          f" `kg build ARTICLES --store NEW-STORE`") from exc


def check_event_references(store: ox.Store, where: object = None) -> None:
    """Raise :class:`LayoutError` when the store's article graphs name events by the shared
    event IRIs, as before event references (:func:`kg.rdf.event_reference_iri`): an event
    node no reference refers to (two lookups, whatever the store's size). The events' own
    ids, which the references are made from, are not in such a store, so it is rebuilt."""
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    event = next(store.quads_for_pattern(None, rdf_type, ox.NamedNode(str(KG.Event)),
                                         ACTORS_NODE), None)
    if event is None or next(store.quads_for_pattern(
            None, ox.NamedNode(str(KG.refersTo)), event.subject, ACTORS_NODE), None) is not None:
        return
    raise LayoutError(f"{where or 'store'}: written by an older kg that names events without"
                      f" event references; rebuild it with `kg build ARTICLES --store NEW-STORE`")


def _is_actor(node: object) -> bool:
    return isinstance(node, ox.NamedNode) and node.value.startswith(_ACTOR_PREFIX)


def names_actor_iris(store: ox.Store) -> bool:
    """Return whether the store's graphs name actors by their IRIs, as before actor
    references (:func:`kg.rdf.reference_iri`): two lookups, whatever the store's size."""
    if next(store.quads_for_pattern(None, ox.NamedNode(str(KG.refersTo)), None, ACTORS_NODE),
            None) is not None:
        return False
    mentions = ox.NamedNode(str(SCHEMA.mentions))
    return any(_is_actor(q.object) for q in store.quads_for_pattern(None, mentions, None, None))


def _actor_key(store: ox.Store, actor: ox.NamedNode) -> tuple[ActorKey, list[str]]:
    """Return the key an actor's stored facts give (its type, name, sorted aliases and id)
    and its country codes."""
    type_, name, aliases, codes = "", "", [], []
    for q in store.quads_for_pattern(actor, None, None, ACTORS_NODE):
        p = q.predicate.value
        if p.endswith("#type") and q.object.value in _CLASS_TYPES:
            type_ = type_ or _CLASS_TYPES[q.object.value]
        elif q.predicate == ox.NamedNode(str(KG.name)):
            name = q.object.value
        elif p.endswith("#altLabel"):
            aliases.append(q.object.value)
        elif q.predicate == ox.NamedNode(str(KG.countryCode)):
            codes.append(q.object.value)
    return (type_, name, tuple(sorted(aliases)), entity_id_of(actor.value)), codes


def _referenced(store: ox.Store, refs: dict[ox.NamedNode, ox.NamedNode]
                ) -> Iterator[tuple[ox.Quad, ox.Quad]]:
    """Yield (quad naming an actor, the same naming its reference) for every actor position
    of the store; ``refs`` fills with actor → reference."""
    def ref(actor: ox.NamedNode) -> ox.NamedNode:
        if actor not in refs:
            refs[actor] = ox.NamedNode(str(reference_iri(_actor_key(store, actor)[0])))
        return refs[actor]

    for p in _ACTOR_OBJECT:
        for q in list(store.quads_for_pattern(None, p, None, None)):
            if _is_actor(q.object):
                yield q, ox.Quad(q.subject, p, ref(q.object), q.graph_name)
    for p in _ACTOR_SUBJECT:
        for q in list(store.quads_for_pattern(None, p, None, None)):
            if _is_actor(q.subject):
                yield q, ox.Quad(ref(q.subject), p, q.object, q.graph_name)


def migrate_references(store: ox.Store) -> bool:
    """Rewrite a store whose graphs name actors by their IRIs so that they name actor
    references, one per actor (its key: the type, name and aliases the actors graph gives
    it), each ``kg:refersTo`` its actor; return whether the store was rewritten. The actors'
    own facts stay as they are (a reference carrying them derives the same). One ``extend``
    adds the new quads and stages the old ones, which :func:`kg.store.write.finish_staged`
    deletes (on the next opening after a kill). A build history kept beside the store should
    then link every article again, which names each key's own reference
    (:func:`mark_for_relink`)."""
    from kg.store.write import _staged_removal, finish_staged

    if not names_actor_iris(store):
        return False
    refs: dict[ox.NamedNode, ox.NamedNode] = {}
    pairs = list(_referenced(store, refs))
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    for old, _ in pairs:
        by_graph.setdefault(old.graph_name, []).append(old)
    added = [new for _, new in pairs]
    for actor in sorted(refs, key=lambda n: n.value):
        key, codes = _actor_key(store, actor)
        added += quads(reference_triples(key, key[3], codes), ACTORS_NODE)
    staged = [q for graph, old in by_graph.items() for q in _staged_removal(graph, old)]
    store.extend(added + staged)
    finish_staged(store, sorted({q.graph_name for q in staged}, key=str))
    return True


def mark_for_relink(history_folder) -> None:
    """Mark every article a build history keeps for the next build's re-link (after
    :func:`migrate_references`, so each key gets its own reference)."""
    from kg.history import BuildHistory

    history = BuildHistory(history_folder)
    try:
        with history.conn:
            history.conn.executemany("INSERT OR IGNORE INTO dirty VALUES (?)",
                                     [(i,) for i in history.kept_ids()])
            history.conn.execute("DELETE FROM linked")
    finally:
        history.close()
