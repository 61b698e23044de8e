"""Tests for kg.store.write: a batch lands whole, and a write stopped after its commit point is
finished when the store is next opened (records from tests/records.py)."""

from __future__ import annotations

import dataclasses

import pytest
from records import BRUSSELS, GENEVA, GENEVA_ID, RUBIO_ID, extractions

import kg.store.write as store_write
from kg.store import KGStore

STAMP = "2025-11-25T08:00:00+00:00"


class Killed(BaseException):
    """Stands for the process dying (nothing after it runs)."""


def _renamed(x, aid):
    return dataclasses.replace(x, article=dataclasses.replace(x.article, id=aid))


@pytest.mark.parametrize("second", [[_renamed(GENEVA, "g2")], [GENEVA], [BRUSSELS, GENEVA]])
def test_a_write_killed_after_its_commit_point_is_finished_on_open(tmp_path, monkeypatch,
                                                                   second):
    expected = KGStore.open(tmp_path / "expected")
    expected.add_batch(list(extractions()), ingested_at=STAMP)
    expected.add_batch(second, ingested_at=STAMP)
    with KGStore.open(tmp_path / "killed") as store:
        store.add_batch(list(extractions()), ingested_at=STAMP)
        real = store_write.finish_staged

        def die(*args, **kwargs):
            raise Killed

        monkeypatch.setattr(store_write, "finish_staged", die)
        with pytest.raises(Killed):
            store.add_batch(second, ingested_at=STAMP)
        monkeypatch.setattr(store_write, "finish_staged", real)
    with KGStore.open(tmp_path / "killed") as store:
        assert set(store.ox) == set(expected.ox)
        rubio = next(a for a in store.known_actors() if a["id"] == RUBIO_ID)
        assert rubio["mentions"] == next(a for a in expected.known_actors()
                                         if a["id"] == RUBIO_ID)["mentions"]


def test_a_batch_touches_no_staging_graph_afterwards():
    store = KGStore.open()
    store.add_batch(list(extractions()), ingested_at=STAMP)
    store.add_batch([GENEVA], ingested_at=STAMP)
    assert not [g for g in store.ox.named_graphs()
                if g.value.startswith(store_write.STAGING_PREFIX)]


def _locations(store: KGStore) -> set[tuple[str, str]]:
    rows = store.query("SELECT ?a ?p WHERE { ?a schema:geo ?p }")
    return {(str(r["a"]), str(r["p"])) for r in rows}


@pytest.mark.parametrize("second", [[GENEVA], [BRUSSELS, _renamed(GENEVA, "g2")]])
def test_a_write_killed_before_its_locations_leaves_no_place_unplaced(tmp_path, monkeypatch,
                                                                      second):
    expected = KGStore.open(tmp_path / "expected")
    expected.add_batch(second, ingested_at=STAMP)
    assert _locations(expected)  # Geneva, Russia... are placed
    with KGStore.open(tmp_path / "killed") as store:
        real = store_write.refresh_locations

        def die(*args, **kwargs):
            raise Killed

        monkeypatch.setattr(store_write, "refresh_locations", die)
        with pytest.raises(Killed):
            store.add_batch(second, ingested_at=STAMP)
        monkeypatch.setattr(store_write, "refresh_locations", real)
    with KGStore.open(tmp_path / "killed") as store:
        assert _locations(store) == _locations(expected)
        assert set(store.ox) == set(expected.ox)


def _with_rubio_mention(x, text: str, alias: bool):
    """Return ``x`` with one more mention of Rubio reading ``text`` (and the alias it gives)."""
    def more(e):
        extra = dataclasses.replace(e.mentions[0], text=text, start=0, end=1)
        aliases = (*e.aliases, "Secretary Rubio") if alias else e.aliases
        return dataclasses.replace(e, aliases=aliases, mentions=(*e.mentions, extra))
    return dataclasses.replace(x, entities=tuple(more(e) if e.id == RUBIO_ID else e
                                                 for e in x.entities))


def _rubio_aliases(store: KGStore) -> set[str]:
    from kg.rdf import actor_iri

    rows = store.query("SELECT ?l WHERE { ?a skos:altLabel ?l }", {"a": actor_iri(RUBIO_ID)})
    return {str(r["l"]) for r in rows}


@pytest.mark.parametrize("other,stays", [(None, False), (False, False), (True, True)])
def test_an_alias_only_a_replaced_version_gave_goes_unless_another_key_gives_it(other, stays):
    """GENEVA's first version gives Rubio's key the alias "Secretary Rubio"; its new version
    does not. An actor's aliases are those its stored references' keys give: the alias stays
    only if another stored article's key gives it too (a mention reading so is not enough)."""
    store = KGStore.open()
    more = [_with_rubio_mention(_renamed(GENEVA, "g2"), "Secretary Rubio", other)
            ] if other is not None else []
    store.add_batch([_with_rubio_mention(GENEVA, "Secretary Rubio", True), *more],
                    ingested_at=STAMP)
    assert "Secretary Rubio" in _rubio_aliases(store)
    store.add_batch([GENEVA], ingested_at=STAMP)
    assert ("Secretary Rubio" in _rubio_aliases(store)) == stays
    clean = KGStore.open()
    clean.add_batch([GENEVA, *more], ingested_at=STAMP)
    assert set(store.ox) == set(clean.ox)


def _die(*args, **kwargs):
    raise Killed


def _rubio_names(store: KGStore) -> tuple[str, list[str]]:
    rubio = next(a for a in store.known_actors() if a["id"] == RUBIO_ID)
    return rubio["name"], rubio["aliases"]


def _rubio_key():
    from kg.rdf import key_of

    return key_of(next(e for e in GENEVA.entities if e.id == RUBIO_ID))


@pytest.mark.parametrize("actor,name,aliases", [
    (RUBIO_ID, "Rubio", ["Marco Rubio"]),  # an alias becomes the name
    (RUBIO_ID, "MARCO RUBIO", ["Marco Rubio", "Rubio"]),
    ("person/m-rubio", "Marco Rubio", ["Rubio"]),  # the key joins another actor
])
def test_relinking_a_key_changes_only_its_link_and_the_actors(tmp_path, monkeypatch, actor,
                                                             name, aliases):
    """A re-link or a rename changes the reference's link and the facts of the actors it
    leaves and joins (derived from their references); no article graph; and a write killed
    after its commit point is finished when the store is next opened."""
    from kg.rdf import reference_iri

    links = {_rubio_key(): (actor, name)}
    expected = KGStore.open()
    expected.add_batch([GENEVA], ingested_at=STAMP)
    expected.relink_keys(links)
    found = next(a for a in expected.known_actors() if a["id"] == actor)
    assert (found["name"], found["aliases"]) == (name, aliases)
    assert found["mentions"] == 3
    assert (actor == RUBIO_ID) == any(a["id"] == RUBIO_ID for a in expected.known_actors())
    with KGStore.open(tmp_path / "killed") as store:
        store.add_batch([GENEVA], ingested_at=STAMP)
        before = set(store.ox)
        monkeypatch.setattr(store_write, "finish_staged", _die)
        with pytest.raises(Killed):
            store.relink_keys(links)
        monkeypatch.undo()
    with KGStore.open(tmp_path / "killed") as store:  # the kill came after the commit point
        assert set(store.ox) == set(expected.ox)
        changed = before ^ set(store.ox)
        assert {q.graph_name.value.rsplit("/", 1)[-1] for q in changed} == {"actors"}
        touched = {q.subject.value for q in changed if "/geo/" not in q.subject.value}
        moved = {str(reference_iri(_rubio_key()))} if actor != RUBIO_ID else set()
        assert touched == moved | {f"https://w3id.org/kg/id/actor/{a}" for a in {RUBIO_ID, actor}}
        store.relink_keys(links)  # done already: nothing changes
        assert set(store.ox) == set(expected.ox)


def _rubio_as(x, actor_id: str):
    """Return ``x`` with Rubio linked to another actor (as a new namesake or key join does)."""
    from kg.link import remap_ids

    return remap_ids(x, {RUBIO_ID: actor_id}, {actor_id: "Marco Rubio"})


def _redated(x):
    """Return ``x`` with its first event dated by another report (as the event linker does)."""
    first = dataclasses.replace(x.events[0], id="event-linked", date="2025-11-20",
                                date_precision="day", date_basis="linked")
    return dataclasses.replace(x, events=(first, *x.events[1:]))


def _graph_quads(store, article_id: str) -> set:
    import pyoxigraph as ox

    from kg.rdf import article_graph_iri

    graph = ox.NamedNode(str(article_graph_iri(article_id)))
    return set(store.ox.quads_for_pattern(None, None, None, graph))


def _canonical(quads) -> set:
    """Return ``quads`` as the store holds them (literals in canonical form)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(quads)
    return set(store)


@pytest.mark.parametrize("change", [lambda x: _rubio_as(x, "person/marco-rubio-2"), _redated,
                                    lambda x: _redated(_rubio_as(x, "person/m-rubio"))])
def test_rewriting_an_article_writes_only_its_changed_quads(change):
    """A stored article re-linked (an actor IRI or an event changed) is rewritten by its
    difference: the write adds only the quads its old graph lacks and takes away only those
    its new graph drops, and the store ends as if the new version alone had been written."""
    new = change(GENEVA)
    expected = KGStore.open()
    expected.add_batch([BRUSSELS, new], ingested_at=STAMP)
    store = KGStore.open()
    store.add_batch([BRUSSELS, GENEVA], ingested_at=STAMP)
    old_graph = _graph_quads(store, GENEVA.article.id)
    batch = store_write._Batch(store.ox, [new], [], STAMP)
    (graph,) = batch.new
    new_graph = _canonical(batch.new[graph])
    assert _canonical(batch.added[graph]) == new_graph - old_graph
    assert set(batch.taken[graph]) == old_graph - new_graph
    assert 0 < len(batch.added[graph]) < len(old_graph) / 2  # a few quads, not the graph
    store.add_batch([new], ingested_at=STAMP)
    assert set(store.ox) == set(expected.ox)
    assert _locations(store) == _locations(expected)


@pytest.mark.parametrize("change,relocated", [
    (_redated, False),  # same actors mentioned: no place can move
    (lambda x: _rubio_as(x, "person/marco-rubio-2"), True),
])
def test_a_rewrite_locates_again_only_when_its_mentioned_actors_change(change, relocated):
    from kg.rdf import actor_iri

    store = KGStore.open()
    store.add_batch([GENEVA], ingested_at=STAMP)
    batch = store_write._Batch(store.ox, [change(GENEVA)], [], STAMP)
    batch.actor_changes()
    geneva = str(actor_iri(GENEVA_ID))
    assert (geneva in batch.affected) == relocated
    assert bool(batch.affected) == relocated
