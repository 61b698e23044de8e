"""The actor keys an article's graph names: each actor by the key of the article's entity
(type, name, sorted aliases, own id: what a linking decision depends on,
:func:`kg.link.actor_key`), whatever actor the key was linked to. Kept apart from
:mod:`kg.rdf` so that the re-link reads them without loading rdflib."""

from __future__ import annotations

from kg.link import ActorKey, actor_key
from kg.model import Extraction


def bare_key(actor_id: str) -> ActorKey:
    """Return the key of an id an article names without an entity of it."""
    return "", "", (), actor_id


def article_keys(extraction: Extraction) -> dict[ActorKey, str]:
    """Return every actor key an article graph names, each with the actor id it stands for
    when no linking decision says otherwise (its own)."""
    out = {actor_key(e): e.id for e in extraction.entities}
    known = {e.id for e in extraction.entities}
    for id_ in named_ids(extraction):
        if id_ not in known:
            out[bare_key(id_)] = id_
    return out


def named_ids(extraction: Extraction) -> list[str]:
    """Return the actor ids an article's statements, events and roles name."""
    out: list[str] = []
    for st in extraction.statements:
        out += [i for i in (st.speaker_id, *st.about_ids) if i]
        out += [s.target_id for s in st.stances]
    for ev in extraction.events:
        out += [p.entity_id for p in (*ev.participants, *ev.places)]
    for role in extraction.roles:
        out += [i for i in (role.person_id, role.of_id) if i]
    return out


__all__ = ["ActorKey", "article_keys", "bare_key", "named_ids"]
