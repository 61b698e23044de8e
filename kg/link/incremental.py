"""Decide again only the actor keys a change to the key set can move, with exactly the
decisions of deciding their whole component (:func:`kg.link.relink.decide_component`).

:meth:`kg.link.ActorLinker.decide` decides keys one at a time in :func:`kg.link.key_order`,
each reading what earlier keys learnt. Every value it reads is kept under one block of
:func:`kg.link.index.key_blocks` (a name form, a long place name's first letters, a surname
variant), the value under a block is that of the *first* key to learn it, and an actor's name
is that of the first key to join it, a key holding the actor's id block. So a key's decision
can change only when an earlier key sharing a block with it came, went, or moved (joined
another actor or by another rule), or when the name of an actor it can find changed; the
keys that must be decided again are the ones after a changed key in one of its blocks, and
so on from every key whose decision moved, until none moves. A place name is only compared
with the forms of its prefix block at :data:`kg.link.PLACE_SIMILARITY`, so a place key
changes only the later place names that similar.

Deciding a key needs what the earlier keys of its blocks learnt: they are learnt again from
their stored decisions, in key order, by a linker in memory (:func:`_sweep`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from kg.link import (
    PLACE_MIN_LENGTH,
    PLACE_SIMILARITY,
    ActorKey,
    ActorLinker,
    _ratio,
    key_order,
    norm_form,
)
from kg.link.index import Decision, LinkIndex, decode_key, key_blocks

#: Above this many keys to learn, the linker keeps its tables on disk
#: (:class:`kg.link.disk.DiskLinker`, same answers).
MEMORY_KEYS = 200_000


class _Stored:
    """What the index holds about the keys one change reaches: stored decisions, block
    members and the keys joining each actor, read once per change."""

    def __init__(self, index: LinkIndex, gone: dict[ActorKey, Decision]) -> None:
        self.conn: sqlite3.Connection = index.conn
        self.rules = index.rules
        self.decisions: dict[ActorKey, Decision | None] = dict(gone)
        self._members: dict[str, list[ActorKey]] = {}
        self._blocks: dict[ActorKey, set[str]] = {}
        self._decoded: dict[str, ActorKey] = {}  # a key is in many blocks: decoded once

    def blocks(self, key: ActorKey) -> set[str]:
        """Return the blocks of ``key`` (computed: the alias rules have not changed)."""
        found = self._blocks.get(key)
        if found is None:
            found = self._blocks[key] = key_blocks(key, self.rules)
        return found

    def members(self, block: str) -> list[ActorKey]:
        """Return the keys in the index holding ``block``, with their stored decisions read."""
        found = self._members.get(block)
        if found is None:
            found = []
            for text, target, rule, name in self.conn.execute(
                    "SELECT k.key, a.target, a.rule, a.name FROM key_blocks k JOIN actor_keys a"
                    " ON a.key = k.key WHERE k.block = ?", (block,)):
                key = self._decoded.get(text)
                if key is None:
                    key = self._decoded[text] = decode_key(text)
                self.decisions.setdefault(
                    key, None if target is None else Decision(target, rule, name))
                found.append(key)
            self._members[block] = found
        return found

    def joining(self, actor: str) -> list[ActorKey]:
        """Return the keys whose stored decision joins ``actor`` (its own id included)."""
        out = []
        for text, rule, name in self.conn.execute(
                "SELECT key, rule, name FROM actor_keys WHERE target = ?", (actor,)):
            key = decode_key(text)
            self.decisions.setdefault(key, Decision(actor, rule, name))
            out.append(key)
        return out

    def known(self, key: ActorKey) -> str | None:
        """Return the actor the stored decision of ``key`` joins (``None``: a new key)."""
        found = self.decisions.get(key)
        return None if found is None else found.target


def has_decisions(index: LinkIndex) -> bool:
    """Return whether the index holds any decided key (a first build has none)."""
    return index.conn.execute("SELECT 1 FROM actor_keys WHERE target IS NOT NULL LIMIT 1"
                              ).fetchone() is not None


def decide_changes(index: LinkIndex, rules: Iterable, seeds: Iterable[ActorKey]
                   ) -> dict[ActorKey, Decision]:
    """Drop the ``seeds`` (keys that came to or went from an article) no article holds any
    more, and return the decisions about every key whose decision (or actor's name) the
    seeds that came or went can change: the same decisions as deciding their components
    again (see the module docstring). The other keys keep their stored decisions."""
    seeds = set(seeds)
    before = {k: index.decision(k) for k in seeds}
    live = index.drop_unused(seeds)
    gone = {k: d for k in seeds - live if (d := before[k]) is not None}
    added = {k for k in live if before[k] is None}
    if not added and not gone:
        return {}
    return _Change(_Stored(index, gone), list(rules), added, set(gone)).decide()


class _Change:
    """The fixpoint of :func:`decide_changes`: decide, find what moved, widen, again."""

    def __init__(self, stored: _Stored, rules: list, added: set[ActorKey],
                 gone: set[ActorKey]) -> None:
        self.stored, self.rules, self.added, self.gone = stored, rules, added, gone
        self._later: dict[ActorKey, set[ActorKey]] = {}

    def decide(self) -> dict[ActorKey, Decision]:
        todo = set(self.added) | self._reached(self.added | self.gone)
        while True:
            actors = {self.stored.known(k) for k in todo | self.gone} - {None}
            decided, names = _sweep(self.stored, self.rules, todo, self.gone, actors)
            moved = {k for k, (target, rule) in decided.items()
                     if self.stored.decisions.get(k) is None
                     or (self.stored.decisions[k].target, self.stored.decisions[k].rule)
                     != (target, rule)}
            renamed = self._renamed(decided, moved, names)
            wider = todo | self._reached(moved) | self._reached(self._learners(renamed, decided))
            if wider == todo:
                break
            todo = wider
        out = {k: Decision(t, r, names[t]) for k, (t, r) in decided.items()}
        for actor in renamed:  # keys not decided again that join a renamed actor
            for key in self.stored.joining(actor):
                if key not in out and key not in self.gone:
                    old = self.stored.decisions[key]
                    out[key] = Decision(old.target, old.rule, names[actor])
        return out

    def _reached(self, changed: Iterable[ActorKey]) -> set[ActorKey]:
        """Return the keys after a ``changed`` key in one of its blocks that its change can
        move (the module docstring)."""
        out: set[ActorKey] = set()
        for key in changed:
            if key not in self._later:
                self._later[key] = self._later_keys(key)
            out |= self._later[key]
        return out

    def _later_keys(self, key: ActorKey) -> set[ActorKey]:
        """Return the keys after ``key`` in one of its blocks that its change can move."""
        out: set[ActorKey] = set()
        at = key_order(key)
        for block in self.stored.blocks(key):
            later = [k for k in self.stored.members(block)
                     if key_order(k) > at and k not in self.gone]
            if block.startswith("place\x1f"):
                later = [k for k in later if _place_close(key, k)]
            out.update(later)
        return out

    def _renamed(self, decided: dict[ActorKey, tuple[str, str]], moved: set[ActorKey],
                 names: dict[str, str]) -> set[str]:
        """Return the actors a moved, new or gone key joined or joins whose name changed."""
        actors = {self.stored.known(k) for k in moved | self.gone} | {
            decided[k][0] for k in moved}
        out = set()
        for actor in actors - {None}:
            joining = self.stored.joining(actor)
            old = next((self.stored.decisions[k].name for k in joining), None)
            if old is not None and actor in names and names[actor] != old:
                out.add(actor)
        return out

    def _learners(self, actors: set[str], decided: dict[ActorKey, tuple[str, str]]
                  ) -> set[ActorKey]:
        """Return every key that joins one of ``actors``, before or after the change: the
        keys reading an actor's name share a block with one of them."""
        out = {k for k, (target, _) in decided.items() if target in actors}
        for actor in actors:
            out.update(self.stored.joining(actor))
        return out - self.gone


def _place_close(changed: ActorKey, reader: ActorKey) -> bool:
    """Return whether a place form of ``changed`` is similar enough to ``reader``'s name
    for :meth:`kg.link.ActorLinker._place_match` to see it."""
    if reader[0] != "Place" or changed[0] != "Place":
        return False
    name = norm_form(reader[1])
    if len(name) < PLACE_MIN_LENGTH:
        return False
    forms = {norm_form(f) for f in (changed[1], *changed[2])}
    return any(len(f) >= PLACE_MIN_LENGTH and f[:3] == name[:3]
               and _ratio(f, name) >= PLACE_SIMILARITY for f in forms)


def _sweep(stored: _Stored, rules: list, todo: set[ActorKey], gone: set[ActorKey],
           actors: set[str]) -> tuple[dict[ActorKey, tuple[str, str]], dict[str, str]]:
    """Decide the ``todo`` keys in key order, after learning from its stored decision each
    key of their blocks (and each key of the id block of an actor those join, which holds
    the key naming the actor); return (actor, rule) for each and the names of the actors
    they join and of ``actors``."""
    learn = set(todo)
    for key in todo:
        for block in stored.blocks(key):
            learn.update(stored.members(block))
    actors = set(actors) | {k for key in learn if (k := stored.known(key)) is not None}
    for actor in actors:
        learn.update(stored.members(f"id\x1f{actor}"))
    learn -= gone
    linker = _linker(rules, len(learn))
    decided: dict[ActorKey, tuple[str, str]] = {}
    try:
        for key in sorted(learn, key=key_order):
            type_, name, aliases, id_ = key
            if key in todo:
                found = linker.decide([key])
                decided[key] = found.get(key, (id_, ""))
            else:
                known = stored.known(key)
                linker._learn(id_ if known is None else known, name, type_, aliases)
        names = {t: linker.names.get(t, k[1]) for k, (t, _) in decided.items()}
        names.update({a: found for a in actors if (found := linker.names.get(a)) is not None})
        return decided, names
    finally:
        if hasattr(linker, "close"):
            linker.close()


def _linker(rules: list, size: int) -> ActorLinker:
    """Return a linker in memory, or with its tables on disk for many keys."""
    if size <= MEMORY_KEYS:
        return ActorLinker([], rules)
    from kg.link.disk import DiskLinker

    return DiskLinker(rules)


__all__ = ["MEMORY_KEYS", "decide_changes", "has_decisions"]
