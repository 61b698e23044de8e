"""An actor's shared facts derived from the actor references that refer to it.

Article graphs name actors by references (``kgid:ref/<digest of the actor key>``,
:func:`kg.rdf.reference_iri`); the actors graph holds, per reference, the actor it
``kg:refersTo`` and what its key says (``kg:keyType``, ``kg:keyName``, ``kg:keyAlias``,
``kg:countryCode``: they never change, since the reference *is* the key). An actor's types,
aliases and country codes are the union over its references, its mention count the sum of
their ``kg:hasMention`` links, and its name the decided canonical one; an actor no reference
refers to has no facts. Every writer (batches, the bulk loader, re-links, the migration)
computes them here, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, XSD, Literal

from kg.rdf import ACTOR_CLASSES, KG, KGID, SKOS, ActorKey
from kg.store.terms import ACTORS_NODE, COUNT_NODE, to_ox

REF_PREFIX = str(KGID) + "ref/"
REFERS_TO = ox.NamedNode(str(KG.refersTo))
KEY_TYPE = ox.NamedNode(str(KG.keyType))
KEY_NAME = ox.NamedNode(str(KG.keyName))
KEY_ALIAS = ox.NamedNode(str(KG.keyAlias))
CODE = ox.NamedNode(str(KG.countryCode))
HAS_MENTION = ox.NamedNode(str(KG.hasMention))
NAME = ox.NamedNode(str(KG.name))
ALT = ox.NamedNode(str(SKOS.altLabel))
TYPE = ox.NamedNode(str(RDF.type))
ACTOR_CLASS = ox.NamedNode(str(KG.Actor))
#: The predicates of an actor's derived facts (its location is :mod:`kg.store.geo`'s).
DERIVED = frozenset({TYPE, NAME, ALT, CODE, COUNT_NODE})


@dataclass
class RefFacts:
    """What one reference's key says about its actor: type, the names it goes by, codes."""

    type: str = ""
    forms: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)

    @classmethod
    def of_key(cls, key: ActorKey, codes: Iterable[str] = ()) -> RefFacts:
        type_, name, aliases, _ = key
        return cls(type_, {f for f in (name, *aliases) if f}, set(codes))


def is_reference(node: object) -> bool:
    """Return whether ``node`` is an actor reference."""
    return isinstance(node, ox.NamedNode) and node.value.startswith(REF_PREFIX)


def stored_target(store: ox.Store, ref: ox.NamedNode) -> ox.NamedNode | None:
    """Return the actor a stored reference refers to (``None``: not stored)."""
    q = next(store.quads_for_pattern(ref, REFERS_TO, None, ACTORS_NODE), None)
    return q.object if q is not None else None


def stored_refs(store: ox.Store, actor: ox.NamedNode) -> set[ox.NamedNode]:
    """Return the stored references that refer to ``actor``."""
    return {q.subject for q in store.quads_for_pattern(None, REFERS_TO, actor, ACTORS_NODE)}


def stored_ref_facts(store: ox.Store, ref: ox.NamedNode) -> RefFacts:
    """Return what the actors graph says of a reference's key."""
    facts = RefFacts()
    for q in store.quads_for_pattern(ref, None, None, ACTORS_NODE):
        if q.predicate == KEY_TYPE:
            facts.type = q.object.value
        elif q.predicate in (KEY_NAME, KEY_ALIAS):
            facts.forms.add(q.object.value)
        elif q.predicate == CODE:
            facts.codes.add(q.object.value)
    return facts


def ref_mentions(store: ox.Store, ref: ox.NamedNode) -> int:
    """Return how many mentions the article graphs link to ``ref``."""
    return sum(1 for q in store.quads_for_pattern(ref, HAS_MENTION, None, None)
               if q.graph_name != ACTORS_NODE)


def stored_name(store: ox.Store, actor: ox.NamedNode) -> str | None:
    q = next(store.quads_for_pattern(actor, NAME, None, ACTORS_NODE), None)
    return q.object.value if q is not None else None


def stored_count(store: ox.Store, actor: ox.NamedNode) -> int:
    q = next(store.quads_for_pattern(actor, COUNT_NODE, None, ACTORS_NODE), None)
    return int(q.object.value) if q is not None else 0


def stored_facts(store: ox.Store, actor: ox.NamedNode) -> set[ox.Quad]:
    """Return an actor's derived facts as stored (not its location)."""
    return {q for q in store.quads_for_pattern(actor, None, None, ACTORS_NODE)
            if q.predicate in DERIVED}


def count_quad(actor: ox.NamedNode, n: int) -> ox.Quad:
    """Return the actors-graph quad giving an actor's mention count."""
    return ox.Quad(actor, COUNT_NODE, to_ox(Literal(n, datatype=XSD.integer)), ACTORS_NODE)


def type_quads(actor: ox.NamedNode, facts: Iterable[RefFacts]) -> set[ox.Quad]:
    """Return the class quads an actor's references give it."""
    out = {ox.Quad(actor, TYPE, ACTOR_CLASS, ACTORS_NODE)}
    for f in facts:
        cls = ACTOR_CLASSES.get(f.type, KG.Actor)
        out.add(ox.Quad(actor, TYPE, ox.NamedNode(str(cls)), ACTORS_NODE))
    return out


def label_quads(actor: ox.NamedNode, name: str, facts: Iterable[RefFacts]) -> set[ox.Quad]:
    """Return an actor's aliases (every name its references' keys give but ``name``) and
    country codes."""
    out: set[ox.Quad] = set()
    for f in facts:
        out |= {ox.Quad(actor, ALT, ox.Literal(form), ACTORS_NODE) for form in f.forms
                if form != name}
        out |= {ox.Quad(actor, CODE, ox.Literal(code), ACTORS_NODE) for code in f.codes}
    return out


def actor_facts(actor: ox.NamedNode, name: str, facts: list[RefFacts], count: int
                ) -> set[ox.Quad]:
    """Return every derived fact of an actor (types, name, aliases, codes, mention count)."""
    return (type_quads(actor, facts) | label_quads(actor, name, facts)
            | {ox.Quad(actor, NAME, ox.Literal(name), ACTORS_NODE), count_quad(actor, count)})


def derive_actors(store: ox.Store, names: dict[str, str] | None = None,
                  actors: Iterable[str] | None = None) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """Return the quads to add and to remove so that ``actors`` (every actor a reference
    refers to when ``None``) have the facts their stored references give; ``names``: actor
    IRI → canonical name (else the stored name, else the first key name in sorted order)."""
    names = names or {}
    if actors is None:
        nodes = {q.object for q in store.quads_for_pattern(None, REFERS_TO, None, ACTORS_NODE)
                 if is_reference(q.subject)}  # event references refer to events
    else:
        nodes = {ox.NamedNode(a) for a in actors}
    add: list[ox.Quad] = []
    remove: list[ox.Quad] = []
    for actor in sorted(nodes, key=lambda n: n.value):
        refs = sorted(stored_refs(store, actor), key=lambda n: n.value)
        old = stored_facts(store, actor)
        if not refs:
            remove += list(store.quads_for_pattern(actor, None, None, ACTORS_NODE))
            continue
        facts = [stored_ref_facts(store, r) for r in refs]
        name = names.get(actor.value) or stored_name(store, actor) or min(
            (min(f.forms) for f in facts if f.forms), default="")
        new = actor_facts(actor, name, facts, sum(ref_mentions(store, r) for r in refs))
        add += sorted(new - old, key=str)
        remove += sorted(old - new, key=str)
    return add, remove


__all__ = ["ALT", "CODE", "DERIVED", "HAS_MENTION", "KEY_ALIAS", "KEY_NAME", "KEY_TYPE", "NAME",
           "REFERS_TO", "REF_PREFIX", "RefFacts", "actor_facts", "count_quad", "derive_actors",
           "is_reference", "label_quads", "ref_mentions", "stored_count", "stored_facts",
           "stored_name", "stored_ref_facts", "stored_refs", "stored_target", "type_quads"]
