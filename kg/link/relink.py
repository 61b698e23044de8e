"""Re-link, from their kept unlinked extractions, the articles a build's changes can reach, and
store those whose linked form changed.

The result equals linking the whole corpus at once (:meth:`kg.link.ActorLinker.link_corpus`,
then :meth:`kg.link.EventLinker.link_batch`), so the store does not depend on the order or
split of builds; but the work is that of the changes, not of the corpus:

1. the actor keys that came or went decide again only the keys they can move
   (:mod:`kg.link.incremental`; the first build and a change of alias rules decide whole
   components, :mod:`kg.link.index`);
2. an article graph names each actor by the reference of its key (:func:`kg.rdf.
   reference_iri`), and the actors graph says which actor each reference refers to: a key
   whose link changed (the actor it joins or the rule) or an actor whose canonical name
   changed is written there (:meth:`kg.store.KGStore.relink_keys`), no article graph holds
   either. The articles checked again are the new and changed ones and those holding, in an
   event, a re-linked key whose entities take another id (an event whose id comes from its
   content follows its linked agents and places, one in the event index all its actors; an
   undated event's id is its place in the article; the link index keeps each article's
   event keys); their
   dated events update the event index, and the undated reports those changes can date
   (same type and actor, published up to three days later) join them;
3. each of these is linked in full (actors, then events through the index); its graph is
   written when the article's own extraction differs from the one stored (the graph names
   its events by references fixed by its text, :func:`kg.rdf.event_reference_iri`), and its
   event references' links (:func:`linked_events`) when they differ: a stored article whose
   events were linked to others changes only those links in the shared graph. ``batch_size``
   articles a transaction.

An article whose extraction is no longer kept (it became a copy of another,
:mod:`kg.copies`) counts as changed: its actor keys and events leave the indexes and it
leaves the store.

Steps 1–2 commit to the build history together with the list of articles step 3 must check
(``pending``) and of the actors whose keys' links to write, so a build killed at any point is
finished by the next one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Set
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from kg.actor_keys import article_keys
from kg.history import DIGEST_LENGTH, BuildHistory, linked_digest
from kg.link import ActorKey, MergeRecord, actor_key, remap_ids
from kg.link.disk import DiskLinker
from kg.link.incremental import decide_changes, has_decisions
from kg.link.index import Decision, LinkIndex, decode_key, in_event_index
from kg.link.merge_log import merge_log_path, update_merge_log, write_merge_log
from kg.model import Extraction, digest
from kg.pipeline import id_from_content

#: Actor key → (actor id, canonical name), as :func:`kg.store.write.write_batch` takes them.
Links = dict[ActorKey, tuple[str, str]]

if TYPE_CHECKING:
    from kg.rdf import EventLink

#: Event reference → the shared event it refers to (:func:`kg.rdf.event_links`).
EventLinks = dict[Any, "EventLink"]

#: The definition of an article's event keys (:func:`_event_keys`) the link index's rows
#: follow: rows of an earlier one (wider: every event's agents) are dropped when a re-link
#: starts, and read again from the kept extractions when needed.
EVENT_KEYS_VERSION = "positional-events-free"


def decide_component(keys: set[ActorKey], history: BuildHistory) -> dict[ActorKey, Decision]:
    """Return the decision about every key of a component (its own id when it joins none).
    The linker learns on disk (:class:`kg.link.disk.DiskLinker`): a clean build's component
    is every actor of the corpus."""
    with DiskLinker(history.rules) as linker:
        decided = linker.decide(keys)
        out = {}
        for key in keys:
            target, rule = decided.get(key, (key[3], ""))
            out[key] = Decision(target, rule, linker.names.get(target, key[1]))
    return out


def _decisions(history: BuildHistory, index: LinkIndex, seeds: set[ActorKey],
               rules_changed: bool) -> dict[ActorKey, Decision]:
    """Return the decisions the keys that came or went (``seeds``) change: only the keys
    they can move (:mod:`kg.link.incremental`), or their whole components when nothing is
    decided yet or the alias rules changed (then every key is decided again)."""
    if not rules_changed and has_decisions(index):
        return decide_changes(index, history.rules, seeds)
    if rules_changed:
        index.reblock()
        seeds = index.all_keys()
    live = index.drop_unused(index.component(seeds))
    return decide_component(live, history) if live else {}


def actor_linked(x: Extraction, index: LinkIndex) -> tuple[Extraction, list[MergeRecord]]:
    """Return ``x`` with its actors linked as decided for the corpus, and its merge records.

    Its actors carry their canonical names (for the actors graph), but each statement keeps
    its speaker as the article names it (``kg:speakerName``): an article's graph holds no
    canonical name, so an actor renamed by another article rewrites no article."""
    mapping: dict[str, str] = {}
    names: dict[str, str] = {}
    log = []
    for entity in sorted(x.entities, key=actor_key):  # records in key order, as key_merges
        decision = index.decision(actor_key(entity))
        if decision is None:
            continue
        names.setdefault(decision.target, decision.name)
        if decision.rule:
            mapping[entity.id] = decision.target
            log.append(MergeRecord(x.article.id, entity.name, entity.id, decision.target,
                                   decision.rule))
    linked = remap_ids(x, mapping, names)
    linked = remap_ids(linked, {e.id: e.id for e in linked.entities}, names)
    return replace(linked, statements=tuple(  # a speaker as named in the article
        replace(s, speaker=own.speaker) for s, own in zip(linked.statements, x.statements,
                                                          strict=True))), log


def event_linked(x: Extraction, index: LinkIndex) -> Extraction:
    """Return an actor-linked ``x`` with its undated events linked to dated ones."""
    events = []
    for ev in x.events:
        match = index.match(ev, x)
        if match is not None:
            ev = replace(ev, id=match.id, date=match.date, date_precision="day",
                         date_text=match.date_text, date_basis="linked")
        events.append(ev)
    return replace(x, events=tuple(events))


def linked_events(x: Extraction, linked: Extraction) -> EventLinks:
    """Return the shared event each of an article's event references refers to, as linked
    (ids and dates; an event's id follows its linked agents and places): the article's graph
    holds its own events (:func:`kg.rdf.event_reference_iri`), so only these links change
    when its events are linked to others."""
    from kg.rdf import event_links  # rdflib stays unloaded on the extract path

    return event_links(x, linked)


def events_digest(events: EventLinks) -> str:
    """Return a digest of an article's event links (:func:`linked_events`)."""
    return digest(json.dumps(sorted((str(r), list(link)) for r, link in events.items())),
                  length=DIGEST_LENGTH)


def key_links(x: Extraction, index: LinkIndex) -> Links:
    """Return the actor each key of ``x`` joins, with its canonical name, as decided."""
    out: Links = {}
    for key, own in article_keys(x).items():
        decision = index.decision(key)
        out[key] = (decision.target, decision.name) if decision else (own, key[1])
    return out


def record_fields(record: MergeRecord) -> dict:
    """Return ``record`` as :func:`dataclasses.asdict` does (its fields are strings, so no
    deep copy is needed): a re-link writes the records of every article it checks."""
    return dict(vars(record))


def key_merges(index: LinkIndex, article_id: str) -> list[dict]:
    """Return an article's merge records from its keys' decisions (in key order, as
    :func:`actor_linked` gives them): a re-linked key changes them without the article."""
    out = []
    decisions = index.article_decisions(article_id)
    for key in sorted(decisions):
        decision = decisions[key]
        if decision.rule:
            out.append(record_fields(MergeRecord(article_id, key[1], key[3],
                                                 decision.target, decision.rule)))
    return out


def _event_keys(x: Extraction) -> set[ActorKey]:
    """Return the keys whose links an article's events follow: an event whose id comes from
    its content follows its agents and places (:func:`kg.pipeline.event_id`), and the event
    index's rows and a report's link to a dated event follow every participant of the
    events it holds; any other event's id is its place in the article, whatever its actors."""
    ids = set()
    for ev in x.events:
        indexed = in_event_index(ev, x.article)
        has_actors = any(p.role == "agent" for p in ev.participants) or bool(ev.places)
        if not indexed and not id_from_content(ev.type, ev.date, ev.date_precision,
                                               has_actors):
            continue
        ids.update(p.entity_id for p in ev.participants if indexed or p.role == "agent")
        ids.update(p.entity_id for p in ev.places)
    return {key for key, own in article_keys(x).items() if own in ids}


def _linked_id(key: ActorKey, decision: Decision | None) -> str | None:
    """Return the id :func:`actor_linked` gives the entities of ``key`` (``None``: not
    decided yet): a key re-linked by another rule to the same actor changes no event."""
    if decision is None:
        return None
    return decision.target if decision.rule else key[3]


def _stored_event_keys(history: BuildHistory, index: LinkIndex, article_id: str
                       ) -> set[ActorKey] | None:
    """Return the keys of a stored article's events from the link index (read from its
    kept extraction, and recorded, when an older index does not hold them; ``None``: no
    extraction is kept)."""
    keys = index.event_keys(article_id)
    if keys is None:
        x = history.extraction(article_id)
        if x is None:
            return None
        keys = _event_keys(x)
        index.set_event_keys(article_id, keys)
    return keys


def _refresh_later(index: LinkIndex, actors: Iterable[str]) -> None:
    """List ``actors`` as those whose keys' links and facts the store must write again (the
    list :func:`_refresh_actors` empties)."""
    index.conn.executemany("INSERT OR IGNORE INTO renamed VALUES (?)", [(a,) for a in actors])


#: Up to this many articles linked for the event index keep their linked form for the
#: writes (:func:`_linked_forms`); a larger re-link (a clean build) links them again.
KEEP_LINKED = 512

#: An article's kept extraction, actor-linked as decided, and its merge records.
Linked = tuple[Extraction, Extraction, list[MergeRecord]]


def _affected(store, history: BuildHistory, index: LinkIndex, changed: set[str],
              rules_changed: bool) -> tuple[set[str], dict[str, Linked]]:
    """Update the link index for the ``changed`` articles; return every article to check
    and the linked forms of those linked here (when at most :data:`KEEP_LINKED`), which
    the writes take instead of reading and linking them again: the decisions do not change
    in between."""
    seeds: set[ActorKey] = set()
    dated_by: set[str] = set()
    own: dict[str, Extraction] = {}
    for x in history.extractions(changed):
        seeds |= index.set_article_keys(x.article.id, {actor_key(e) for e in x.entities})
        index.set_event_keys(x.article.id, _event_keys(x))
        if len(changed) <= KEEP_LINKED:
            own[x.article.id] = x
    for article_id in sorted(changed - set(history.kept_of(changed))):  # withdrawn: copies
        seeds |= index.set_article_keys(article_id, set())
        for type_, actor, day in index.withdraw(article_id):
            dated_by |= index.reports_dated_by(type_, actor, day)
    decisions = _decisions(history, index, seeds, rules_changed)
    before = {k: _linked_id(k, index.decision(k)) for k in decisions}
    relinked = index.set_decisions(decisions)
    _refresh_later(index, {decisions[k].target for k in relinked})
    moved = {k for k in relinked if before[k] != _linked_id(k, decisions[k])}
    rewrite = set(changed)
    for article_id in sorted(index.articles_of(relinked) - rewrite):
        keys = _stored_event_keys(history, index, article_id)
        if keys is None:  # no kept extraction
            continue
        if keys & moved:  # its event ids and event links follow the ids its actors take
            rewrite.add(article_id)
        else:  # only the actors graph changes: its merge records follow the keys
            index.set_merges(article_id, key_merges(index, article_id))
    keep = len(rewrite) <= KEEP_LINKED
    linked_forms: dict[str, Linked] = {}
    for x in _kept(history, rewrite, own):
        linked, log = actor_linked(x, index)
        for type_, actor, day in index.set_events(linked):
            dated_by |= index.reports_dated_by(type_, actor, day)
        if keep:
            linked_forms[x.article.id] = (x, linked, log)
    return rewrite | dated_by, linked_forms


def _kept(history: BuildHistory, article_ids: Iterable[str], read: dict[str, Extraction]
          ) -> Iterator[Extraction]:
    """Yield the kept extractions of ``article_ids`` as :meth:`BuildHistory.extractions`
    does (sorted, unknown ids left out), taking those in ``read`` from there."""
    for article_id in sorted(set(article_ids)):
        x = read.get(article_id)
        if x is None:
            x = history.extraction(article_id)
        if x is not None:
            yield x


def relink(store, history: BuildHistory, fresh: Iterable[str] = (),
           batch_size: int = 32, *, bulk: bool = False) -> set[str]:
    """Re-link what the ``fresh`` articles (and any kept since the last re-link) can reach,
    write the changed ones to ``store`` and bring the merge log
    (:mod:`kg.link.merge_log`) up to date;
    return the ids written.

    ``bulk``: the store is empty, so the articles are written into a fresh store with
    Oxigraph's bulk loader (:mod:`kg.store.bulk`), which is then swapped in
    (:mod:`kg.store.swap`); the store is the one the batches would have written."""
    try:
        return _relink(store, history, set(fresh), batch_size, bulk)
    except BaseException:
        history.conn.rollback()  # what was not committed is done again by the next build
        raise


def _relink(store, history: BuildHistory, fresh: set[str], batch_size: int,
            bulk: bool) -> set[str]:
    index = LinkIndex(history.conn, history.rules)
    rules = json.dumps([asdict(r) for r in history.rules])
    rules_changed = history.linked_rules() != rules and (
        history.linked_rules() is not None or bool(history.rules))
    index.keep_event_keys_of(EVENT_KEYS_VERSION)  # committed with the pending list
    changed = fresh | set(history.dirty_ids)
    retried = set(history.pending_ids)  # a killed build's: kept since their digests, maybe
    to_check, linked_forms = _affected(store, history, index, changed, rules_changed)
    history.set_pending(to_check)  # commits the index with the list of articles to check
    if bulk:
        return _write_fresh(store, history, index, batch_size, linked_forms)
    _refresh_actors(store, history, index)
    written: set[str] = set()
    as_digested = to_check - changed - retried  # their extractions are those digested
    for chunk in _chunks(history.pending_ids, batch_size):
        for article_id in set(chunk) - set(history.kept_of(chunk)):  # withdrawn: copies
            if store.remove_article(article_id, locate=False):
                written.add(article_id)
        batch, digests, links, events = _linked_batch(store, history, index, chunk,
                                                      as_digested, linked_forms)
        if batch or events:
            store.add_batch(batch, links=links, events=events, locate=False)
            written |= set(digests)
        history.set_linked(digests)  # commits the merge records too
    store.locate_staged()  # every place the writes touched, once
    if store.path is not None:
        update_merge_log(merge_log_path(store.path), index)
    history.set_linked_rules()
    history.finish()
    return written


def _linked_batch(store, history: BuildHistory, index: LinkIndex, chunk: list[str],
                  as_digested: Set[str] = frozenset(), linked_forms: dict[str, Linked] | None
                  = None) -> tuple[list[Extraction], dict[str, str], Links, EventLinks]:
    """Return the articles of ``chunk`` whose graphs differ from the stored ones (or are not
    stored), the digests of every article whose graph or event links differ, their keys'
    links and their event references' links; their merge records go to the index. A
    digest is the graph's (:func:`kg.history.linked_digest` of the own extraction) followed
    by the event links' (:func:`events_digest`); ``as_digested``: articles whose kept
    extraction is the one their stored digest was made from (not kept again since), whose
    graph digest is the stored one's (digesting a large article costs more than linking it);
    ``linked_forms``: articles already linked (:func:`_affected`), taken out as used."""
    batch: list[Extraction] = []
    digests: dict[str, str] = {}
    links: Links = {}
    events: EventLinks = {}
    linked_forms = {} if linked_forms is None else linked_forms
    for x, linked, log in _linked_forms(history, index, chunk, linked_forms):
        linked = event_linked(linked, index)
        index.set_merges(x.article.id, [record_fields(r) for r in log])
        own = linked_events(x, linked)
        stored = history.linked_digest(x.article.id) or ""
        graph = _graph_digest(x, stored if x.article.id in as_digested else "")
        found = graph + events_digest(own)
        if found == stored and store.has_article(x.article.id):
            continue
        if not stored.startswith(graph) or not store.has_article(x.article.id):
            batch.append(x)
            links.update(key_links(x, index))
        digests[x.article.id] = found
        events.update(own)
    return batch, digests, links, events


def _linked_forms(history: BuildHistory, index: LinkIndex, chunk: list[str],
                  linked_forms: dict[str, Linked]) -> Iterator[Linked]:
    """Yield each kept article of ``chunk`` (sorted), actor-linked, with its merge records:
    from ``linked_forms`` (emptied of them) or read and linked here."""
    for article_id in sorted(set(chunk)):
        found = linked_forms.pop(article_id, None)
        if found is None:
            x = history.extraction(article_id)
            if x is None:
                continue
            found = (x, *actor_linked(x, index))
        yield found


def _graph_digest(x: Extraction, stored: str) -> str:
    """Return the graph part of ``x``'s digest: that of ``stored`` (a whole digest made from
    this very extraction) when given, else :func:`kg.history.linked_digest`."""
    if len(stored) == 2 * DIGEST_LENGTH:
        return stored[:DIGEST_LENGTH]
    return linked_digest(x)


def _write_fresh(store, history: BuildHistory, index: LinkIndex, batch_size: int,
                 linked_forms: dict[str, Linked] | None = None) -> set[str]:
    """Write every article to write into a fresh store with the bulk loader, batch by batch
    as :func:`_relink` would, then commit the history and swap the fresh store in (a memory
    store is filled in place). A fresh directory left by an error or a kill is deleted when
    the store is next opened."""
    from kg.store.swap import swap_in

    written = _fill(store.fresh_store(), store, history, index, batch_size, linked_forms)
    index.clear_renamed(index.renamed())  # committed with the swap: every key is linked
    if store.path is None:
        history.commit_written()
    else:
        swap_in(store, history)  # the fresh store is closed: no handle is left
    return written


def _fill(target, store, history: BuildHistory, index: LinkIndex, batch_size: int,
          linked_forms: dict[str, Linked] | None = None) -> set[str]:
    """Bulk-load the linked articles to write into ``target``; return their ids (their
    digests are staged in the history, committed with the swap)."""
    from kg.store.bulk import BulkWriter

    writer = BulkWriter(target)
    written: set[str] = set()
    for chunk in _chunks(history.pending_ids, batch_size):
        batch, found, links, events = _linked_batch(store, history, index, chunk,
                                                    linked_forms=linked_forms)
        writer.add_batch(batch, links=links, events=events)
        history.stage_linked(found)
        written.update(found)
    writer.finish()
    return written


def _refresh_actors(store, history: BuildHistory, index: LinkIndex) -> None:
    """Write the links of the keys of the listed actors (those a re-link gave a key or a new
    canonical name) and their facts, and those of the actors the keys leave; the index keeps
    them listed until this is done, so a build killed before finishes it in the next one."""
    actors = index.renamed()
    if not actors:
        return
    links: Links = {}
    for actor in actors:
        for text, name in index.conn.execute(
                "SELECT key, name FROM actor_keys WHERE target = ? AND EXISTS (SELECT 1 FROM"
                " key_articles WHERE key_articles.key = actor_keys.key)", (actor,)):
            links[decode_key(text)] = (actor, name)
    store.relink_keys(links, locate=False)  # located with the batches' places
    with history.conn:
        index.clear_renamed(actors)


def merge_count(history: BuildHistory, article_ids: Iterable[str]) -> int:
    """Return how many merge records the articles ``article_ids`` have."""
    index = LinkIndex(history.conn)
    return sum(index.merge_total(i) for i in set(article_ids))


def _chunks(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), max(1, size)):
        yield ids[start:start + size]


__all__ = ["actor_linked", "event_linked", "merge_count", "merge_log_path", "relink",
           "write_merge_log"]
