"""Tests for kg.link.relink: re-linking only what new articles reach gives the store of a clean
build, whatever the order and split of builds (extractions written for this test)."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from kg.history import BuildHistory
from kg.link.relink import relink
from kg.model import Article, Entity, Event, Extraction, Mention, Participant, entity_id
from kg.rdf import actor_iri, event_reference_iri
from kg.store import KGStore


def _article(aid: str, text: str, published: str, *entities: tuple[str, str],
             events: tuple[Event, ...] = ()) -> Extraction:
    ents = []
    for name, type_ in entities:
        start = text.index(name)
        ents.append(Entity(entity_id(type_, name), name, type_,
                           mentions=(Mention(name, start, start + len(name), 0),)))
    return Extraction(Article(aid, aid, text, published, f"{aid}.txt"), tuple(ents),
                      events=events, model="test")


def _strike(aid: str, text: str, date: str | None, basis: str, precision: str) -> Event:
    start = text.index("struck")
    return Event(f"{aid}-ev", date, precision, "attack", "drone strike", "struck",
                 (Participant(entity_id("Country", "Russia"), "Russia", "agent"),),
                 (Participant(entity_id("Place", "Odesa"), "Odesa", "place"),),
                 Mention("struck", start, start + 6, 0), text, date_basis=basis)


T1 = "Donald Trump met Karl Nehammer in Vienna."
T2 = "Melania Trump toured a hospital in Vienna."
T3 = "Trump criticised the tariffs."
T4 = "Russia struck a depot in Odesa on Wednesday."
T5 = "Russia struck a depot in Odesa, officials said."
ARTICLES = [
    _article("a1", T1, "2025-04-07", ("Donald Trump", "Person"), ("Karl Nehammer", "Person"),
             ("Vienna", "Place")),
    _article("a2", T2, "2025-04-08", ("Melania Trump", "Person"), ("Vienna", "Place")),
    _article("a3", T3, "2025-04-09", ("Trump", "Person")),
    _article("a4", T4, "2025-04-10", ("Russia", "Country"), ("Odesa", "Place"),
             events=(_strike("a4", T4, "2025-04-09", "text", "day"),)),
    _article("a5", T5, "2025-04-11", ("Russia", "Country"), ("Odesa", "Place"),
             events=(_strike("a5", T5, "2025-04", "publication", "fuzzy"),)),
]


def _build(path, batches, batch_size: int = 32) -> tuple[KGStore, set]:
    store = KGStore.open(path)
    written = set()
    for batch in batches:
        history = BuildHistory.for_store(store)
        for x in batch:
            history.keep(x)
        written = relink(store, history, {x.article.id for x in batch}, batch_size)
        history.close()
    return store, written


def _quads(store: KGStore) -> set:
    return {q for q in store.ox if "generatedAtTime" not in q.predicate.value}


def _clean_quads(folder, articles: list[Extraction]) -> set:
    """Return the quads of a clean build of ``articles`` (one build) in ``folder``."""
    store, _ = _build(folder / "kg-store", [articles])
    quads = _quads(store)
    store.close()
    return quads


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return _clean_quads(tmp_path_factory.mktemp("clean"), ARTICLES)


@pytest.mark.parametrize("order", list(itertools.permutations(range(5)))[::17])
def test_one_article_a_build_in_any_order_equals_a_clean_build(tmp_path, clean, order):
    store, _ = _build(tmp_path / "kg-store", [[ARTICLES[i]] for i in order])
    assert _quads(store) == clean
    store.close()


def test_the_undated_strike_is_linked_and_the_ambiguous_surname_is_not(clean):
    refers = {q.subject.value: q.object.value for q in clean
              if q.predicate.value.endswith("#refersTo")}
    a4, a5 = (str(event_reference_iri(a, f"{a}-ev")) for a in ("a4", "a5"))
    assert refers[a5] == refers[a4]  # a5's strike refers to a4's event, dated by a4
    dates = {q.object.value for q in clean if q.subject.value == refers[a4]
             and q.predicate.value.endswith("#date")}
    assert dates == {"2025-04-09"}
    subjects = {q.subject.value for q in clean}
    assert any(s.endswith("/person/trump") for s in subjects)  # Donald or Melania: neither


def test_an_unrelated_article_rewrites_only_itself(tmp_path):
    other = _article("a6", "Storms hit Lisbon.", "2025-04-12", ("Lisbon", "Place"))
    _, written = _build(tmp_path / "kg-store", [ARTICLES, [other]])
    assert written == {"a6"}


def _graph(store: KGStore, article_id: str) -> set:
    from kg.rdf import article_graph_iri

    graph = article_graph_iri(article_id)
    return {q for q in store.ox if q.graph_name.value == str(graph)}


def _links(store: KGStore) -> dict[str, str]:
    """Return reference → the actor it refers to."""
    return {q.subject.value: q.object.value for q in store.ox
            if q.predicate.value.endswith("#refersTo")}


@pytest.mark.parametrize("first", [[0, 2, 3], [2], [2, 4]])
def test_a_new_namesake_relinks_a_key_by_its_link_alone(tmp_path, first):
    """Melania Trump makes the bare "Trump" of a3 ambiguous: a3's key stops joining Donald
    Trump. Its reference's link changes in the actors graph; a3's graph is not rewritten,
    and the store is that of a clean build of the same articles."""
    store, _ = _build(tmp_path / "kg-store", [[ARTICLES[i] for i in first]])
    before, links = _graph(store, "a3"), _links(store)
    store.close()
    store, written = _build(tmp_path / "kg-store", [[ARTICLES[0]], [ARTICLES[1]]])
    assert written == {"a2"}  # a1 in the intermediate build; a3 never
    assert _graph(store, "a3") == before
    changed = {r for r, a in _links(store).items() if links.get(r, a) != a}
    assert {links[r] for r in changed} <= {str(actor_iri("person/donald-trump"))}
    assert {_links(store)[r] for r in changed} <= {str(actor_iri("person/trump"))}
    assert len(changed) == (1 if 0 in first else 0)
    clean, _ = _build(tmp_path / "clean", [[ARTICLES[i] for i in {*first, 0, 1}]])
    assert _quads(store) == _quads(clean)
    store.close()
    clean.close()


def test_a_dated_report_relinks_the_undated_one(tmp_path):
    undated_first = [[ARTICLES[4]], [ARTICLES[3]]]
    _, written = _build(tmp_path / "kg-store", undated_first)
    assert written == {"a4", "a5"}


@pytest.mark.parametrize("order", [[4, 3], [3, 4]])
def test_linking_a_stored_report_to_another_event_rewrites_no_article_graph(tmp_path, order):
    """a5's undated strike refers to a4's dated one whichever comes first: when a4 comes
    second, a5's graph stays as it was and only its event reference's link changes."""
    store, _ = _build(tmp_path / "kg-store", [[ARTICLES[order[0]]]])
    first = ARTICLES[order[0]].article.id
    before, links = _graph(store, first), _links(store)
    store.close()
    store, written = _build(tmp_path / "kg-store", [[ARTICLES[order[1]]]])
    assert _graph(store, first) == before
    ref = str(event_reference_iri(first, f"{first}-ev"))
    assert (_links(store)[ref] != links[ref]) == (first == "a5")
    assert written == ({"a4", "a5"} if first == "a5" else {"a5"})
    clean, _ = _build(tmp_path / "clean", [[ARTICLES[3], ARTICLES[4]]])
    assert _quads(store) == _quads(clean)
    store.close()
    clean.close()


def test_a_changed_article_is_linked_again(tmp_path, clean):
    renamed = dataclasses.replace(ARTICLES[2], entities=())
    store, _ = _build(tmp_path / "kg-store", [ARTICLES, [renamed], [ARTICLES[2]]])
    assert _quads(store) == clean
    store.close()


class Killed(BaseException):
    """Stands for the process being killed (nothing after it runs)."""


def _die(*args, **kwargs):
    raise Killed


T6 = "Storms hit Porto on Monday."
T7 = "Rain fell on PORTO, which its people call Oporto."
PORTO = _article("a6", T6, "2025-04-12", ("Porto", "Place"))
PORTO_CAPS = dataclasses.replace(
    _article("a7", T7, "2025-04-13", ("PORTO", "Place")),
    entities=tuple(dataclasses.replace(e, aliases=("Oporto",)) for e in
                   _article("a7", T7, "2025-04-13", ("PORTO", "Place")).entities))


def _names(quads: set) -> tuple[set, set]:
    """Return the kg:name and skos:altLabel values of the store's Porto."""
    porto = [q for q in quads if q.subject.value.endswith("/place/porto")]
    return ({q.object.value for q in porto if q.predicate.value.endswith("#name")},
            {q.object.value for q in porto if q.predicate.value.endswith("altLabel")})


@pytest.fixture(scope="module")
def clean_porto(tmp_path_factory):
    return _clean_quads(tmp_path_factory.mktemp("porto"), [PORTO, PORTO_CAPS])


def test_a_spelling_that_sorts_first_names_the_actor_in_a_clean_build(clean_porto):
    assert _names(clean_porto) == ({"PORTO"}, {"Porto", "Oporto"})


@pytest.mark.parametrize("order", [[[PORTO], [PORTO_CAPS]], [[PORTO_CAPS], [PORTO]]])
def test_a_renamed_actor_rewrites_no_stored_article(tmp_path, clean_porto, order):
    store, written = _build(tmp_path / "kg-store", order)
    assert written == {order[1][0].article.id}
    assert _quads(store) == clean_porto
    store.close()


def test_a_build_killed_before_renaming_is_finished_by_the_next(tmp_path, clean_porto,
                                                                monkeypatch):
    store, _ = _build(tmp_path / "kg-store", [[PORTO]])
    store.close()

    def die(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(KGStore, "relink_keys", die)
    with pytest.raises(Killed):
        _build(tmp_path / "kg-store", [[PORTO_CAPS]])
    monkeypatch.undo()
    store, written = _build(tmp_path / "kg-store", [[]])
    assert _quads(store) == clean_porto and written == {"a7"}
    store.close()


def test_a_store_naming_actor_iris_is_relinked_by_the_next_build(tmp_path):
    """A store written before references (its graphs name actor IRIs) opens migrated, one
    reference per actor, with the same facts; its build history then has every article
    linked again, so the next build, with nothing new, leaves the store of a clean build
    (there "Trump" and "Donald Trump" are two keys of one actor, two references)."""
    from kg.store.files import resolved_quads

    # no events: a store naming them without event references asks for a rebuild instead
    articles = [ARTICLES[0], ARTICLES[2], dataclasses.replace(ARTICLES[3], events=())]
    clean, _ = _build(tmp_path / "clean", [articles])
    path = tmp_path / "kg-store"
    store, _ = _build(path, [articles])
    old = list(resolved_quads(store.ox))
    store.ox.clear()
    store.ox.extend(old)
    store.close()
    with KGStore.open(path) as migrated:
        assert set(resolved_quads(migrated.ox)) == set(old)
        assert len(set(_links(migrated).values())) == len(_links(migrated))  # one per actor
        assert len(_links(migrated)) < len(_links(clean))
    store, written = _build(path, [[]])
    assert written == {x.article.id for x in articles}
    assert _quads(store) == _quads(clean)
    store.close()
    clean.close()


# -- a store of many articles sharing actors: adding to it equals a clean build -------------

#: The names of the first 40 articles, then those the later ones add: namesakes and
#: near-spellings that move the links of earlier keys ("Berg" is no longer Anna Berg).
PEOPLE = ("Anna Berg", "Berg", "Dora Lind", "Lind", "Erik Holm", "Holm", "Frida Sand")
PEOPLE_LATER = ("Carl Berg", "Eric Holm", "Lind")
PLACES = ("Westerhaven", "Nordvik", "Osterby")
PLACES_LATER = ("Westerhaaven", "Nordvika", "Osterby")
COUNTRIES = ("Valdoria", "Norland")


def _many(count: int, seed: int = 7) -> list[Extraction]:
    """Return ``count`` articles (fixed by ``seed``) whose people, places and countries
    overlap (namesakes, near-spellings) and whose strikes (with a person as target) are
    dated by their text or only by their report, so that later articles re-link keys and
    events of earlier ones."""
    import random
    from datetime import date, timedelta

    rng = random.Random(seed)
    out = []
    for n in range(count):
        aid = f"m{n:03d}"
        day = date(2025, 3, 1) + timedelta(days=rng.randrange(12))
        later = n >= 40
        people = rng.sample(PEOPLE_LATER if later else PEOPLE, rng.randint(1, 3))
        country, place = rng.choice(COUNTRIES), rng.choice(PLACES_LATER if later else PLACES)
        strike = f"{country} struck a depot in {place}."
        text = " ".join([*(f"{p} spoke to reporters." for p in people), strike])
        events = ()
        if rng.random() < 0.8:
            dated = rng.random() < 0.5
            on = (day - timedelta(days=rng.randrange(3))).isoformat()
            start = text.index("struck")
            events = (Event(f"{aid}-ev", on if dated else day.strftime("%Y-%m"),
                            "day" if dated else "fuzzy", "attack", "strike", "struck",
                            (Participant(entity_id("Country", country), country, "agent"),
                             Participant(entity_id("Person", people[0]), people[0], "target")),
                            (Participant(entity_id("Place", place), place, "place"),),
                            Mention("struck", start, start + 6, 0), strike,
                            date_basis="text" if dated else "publication"),)
        out.append(_article(aid, text, day.isoformat(), *((p, "Person") for p in people),
                            (country, "Country"), (place, "Place"), events=events))
    return out


MANY = _many(48)


@pytest.fixture(scope="module")
def clean_many(tmp_path_factory):
    return _clean_quads(tmp_path_factory.mktemp("many"), MANY)


@pytest.mark.parametrize("added", [range(40, 48), range(0, 48, 6), [5, 17, 30]])
def test_adding_to_a_store_of_many_articles_equals_a_clean_build(tmp_path, clean_many, added):
    rest = [x for n, x in enumerate(MANY) if n not in added]
    store, written = _build(tmp_path / "kg-store", [rest, [MANY[n] for n in added]])
    assert {f"m{n:03d}" for n in added} <= written
    assert _quads(store) == clean_many
    store.close()


def _no_event_keys(history: BuildHistory) -> None:
    history.conn.execute("DELETE FROM event_keys")


def _wider_event_keys(history: BuildHistory) -> None:
    from kg.link.index import LinkIndex
    from kg.link.relink import article_keys

    index = LinkIndex(history.conn)
    for x in MANY[:40]:
        index.set_event_keys(x.article.id, set(article_keys(x)))
    history.conn.execute("UPDATE meta SET value = 'earlier' WHERE key = 'event_keys'")


@pytest.mark.parametrize("edit", [_no_event_keys, _wider_event_keys])
def test_event_keys_missing_or_of_an_earlier_definition_are_read_again(tmp_path, clean_many,
                                                                        edit):
    """A link index written before it kept each article's event keys, or whose keys follow
    an earlier, wider definition (here: every key of the article, dropped when the next
    re-link starts): the re-link reads the keys it needs from the kept extractions, as this
    code defines them, and keeps them; the store is the same."""
    from kg.link.index import LinkIndex
    from kg.link.relink import _event_keys

    store, _ = _build(tmp_path / "kg-store", [MANY[:40]])
    store.close()
    history = BuildHistory(tmp_path / "kg-store.build")
    with history.conn:
        edit(history)
    history.close()
    store, _ = _build(tmp_path / "kg-store", [MANY[40:]])
    assert _quads(store) == clean_many
    store.close()
    history = BuildHistory(tmp_path / "kg-store.build")
    index = LinkIndex(history.conn)
    rows = {x.article.id: index.event_keys(x.article.id) for x in MANY}
    history.close()
    assert 8 <= sum(keys is not None for keys in rows.values()) < 48
    assert all(keys == _event_keys(x) for x in MANY if (keys := rows[x.article.id]) is not None)


@pytest.mark.parametrize("record", [
    ("a1", "Trump", "person/trump", "person/donald-trump", "surname"),
    ("a2", "EU", "organization/eu", "organization/european-union", "alias"),
    ("", "Ana Vidal", "person/ana-vidal", "person/ana-vidal", "merge")])
def test_record_fields_are_asdict_in_field_order(record):
    from kg.link import MergeRecord
    from kg.link.relink import record_fields

    merge = MergeRecord(*record)
    fields = record_fields(merge)
    assert list(fields.items()) == list(dataclasses.asdict(merge).items())
    assert fields == dict(zip(["article", "surface", "from_id", "to_id", "rule"], record, strict=True))
    assert fields is not vars(merge)


def _criticism(aid: str, text: str, date: str | None, precision: str | None,
               type_: str = "criticize") -> Event:
    start = text.index("criticised")
    return Event(f"{aid}-ev", date, precision, type_, "criticism", "criticised",
                 (Participant(entity_id("Person", "Trump"), "Trump", "agent"),), (),
                 Mention("criticised", start, start + 10, 0), text, date_basis="text")


T7 = "Trump criticised the tariffs in a speech."
_POSITIONAL = [_criticism("a7", T7, None, None), _criticism("a7", T7, "2024", "year"),
               _criticism("a7", T7, "2025-04-02", "day", "other")]
_BY_CONTENT = [_criticism("a7", T7, "2025-04-02", "day"), _criticism("a7", T7, "2025-04", "month")]


@pytest.mark.parametrize(("event", "follows"), [*((e, False) for e in _POSITIONAL),
                                                *((e, True) for e in _BY_CONTENT)])
def test_only_events_whose_id_or_index_rows_follow_their_actors_hold_event_keys(event, follows):
    """An event whose id is its place in the article (undated, dated to a year, untyped) and
    which is no row of the event index follows no key: re-linking its agent changes nothing
    in the article's graph."""
    from kg.link import actor_key
    from kg.link.relink import _event_keys

    x = _article("a7", T7, "2025-04-08", ("Trump", "Person"), events=(event,))
    assert _event_keys(x) == ({actor_key(x.entities[0])} if follows else set())


@pytest.mark.parametrize(("event", "follows"), [(_POSITIONAL[0], False), (_BY_CONTENT[0], True)])
def test_a_relinked_agent_rechecks_a_stored_article_only_when_its_event_ids_follow_it(
        tmp_path, monkeypatch, event, follows):
    """Donald Trump, added later, gives a7's "Trump" another id: a7 is linked and compared
    again only when an event's id follows that agent; either way the store is that of a
    clean build of both articles."""
    import kg.link.relink

    a7 = _article("a7", T7, "2025-04-08", ("Trump", "Person"), events=(event,))
    store, _ = _build(tmp_path / "kg-store", [[a7]])
    store.close()
    checked: list[str] = []
    linked_batch = kg.link.relink._linked_batch
    monkeypatch.setattr(kg.link.relink, "_linked_batch", lambda s, h, i, chunk, *rest: (
        checked.extend(chunk), linked_batch(s, h, i, chunk, *rest))[1])
    store, written = _build(tmp_path / "kg-store", [[ARTICLES[0]]])
    assert ("a7" in checked) == follows
    assert ("a7" in written) == follows
    clean, _ = _build(tmp_path / "clean", [[a7, ARTICLES[0]]])
    assert _quads(store) == _quads(clean)
    store.close()
    clean.close()


@pytest.mark.parametrize("batch_size", [1, 3])
def test_a_builds_places_are_located_once_after_its_batches(tmp_path, clean_many, monkeypatch,
                                                            batch_size):
    """Adding articles a few a batch locates the places every batch touched in one step
    after the last, and the store is the clean build's."""
    import kg.store.write as store_write

    store, _ = _build(tmp_path / "kg-store", [MANY[:40]])
    calls: list[set] = []
    real = store_write.refresh_locations
    monkeypatch.setattr(store_write, "refresh_locations", lambda s, actors=None, **k: (
        calls.append(set(actors)), real(s, actors, **k))[1])
    history = BuildHistory.for_store(store)
    for x in MANY[40:]:
        history.keep(x)
    written = relink(store, history, {x.article.id for x in MANY[40:]}, batch_size)
    history.close()
    assert len(written) > batch_size and len(calls) == 1 and calls[0]
    assert _quads(store) == clean_many
    store.close()


def test_a_build_killed_before_locating_is_finished_when_the_store_opens(tmp_path, clean_many,
                                                                         monkeypatch):
    store, _ = _build(tmp_path / "kg-store", [MANY[:40]])
    store.close()

    monkeypatch.setattr(KGStore, "locate_staged", _die)
    with pytest.raises(Killed):
        _build(tmp_path / "kg-store", [MANY[40:]], batch_size=2)
    monkeypatch.undo()
    store, _ = _build(tmp_path / "kg-store", [[]])
    assert _quads(store) == clean_many
    store.close()


def test_an_article_kept_again_before_a_killed_build_gets_its_new_graph(tmp_path, monkeypatch):
    """The killed build's list of articles to check holds a3 kept again: the next build
    digests it anew (its stored digest is of the version before) and writes its graph."""
    renamed = dataclasses.replace(ARTICLES[2], entities=())
    store, _ = _build(tmp_path / "kg-store", [ARTICLES])
    store.close()

    monkeypatch.setattr(KGStore, "add_batch", _die)
    with pytest.raises(Killed):
        _build(tmp_path / "kg-store", [[renamed]])
    monkeypatch.undo()
    store, written = _build(tmp_path / "kg-store", [[]])
    assert "a3" in written
    assert _quads(store) == _clean_quads(tmp_path / "clean", [*ARTICLES[:2], renamed,
                                                                *ARTICLES[3:]])
    store.close()


@pytest.mark.parametrize(("stored", "from_stored"), [
    ("a" * 32 + "b" * 32, True),   # a whole digest of this extraction: its graph part
    ("", False),                   # none stored
    ("a" * 32, False),             # not a whole digest (graph and event links)
])
def test_a_graph_digest_is_the_stored_ones_only_when_whole(stored, from_stored):
    from kg.history import linked_digest
    from kg.link.relink import _graph_digest

    x = ARTICLES[0]
    assert _graph_digest(x, stored) == ("a" * 32 if from_stored else linked_digest(x))


def test_a_rechecked_stored_articles_graph_digest_is_not_made_again(tmp_path, monkeypatch):
    """A stored article re-checked for a re-linked key (Trump of a3, joined by later
    articles) is not digested again; the store is the clean build's."""
    import kg.link.relink

    digested: list[str] = []
    real = kg.link.relink.linked_digest
    monkeypatch.setattr(kg.link.relink, "linked_digest", lambda x: (
        digested.append(x.article.id), real(x))[1])
    store, _ = _build(tmp_path / "kg-store", [MANY[:40]])
    digested.clear()
    checked: list[str] = []
    linked_batch = kg.link.relink._linked_batch
    monkeypatch.setattr(kg.link.relink, "_linked_batch", lambda s, h, i, chunk, *rest: (
        checked.extend(chunk), linked_batch(s, h, i, chunk, *rest))[1])
    history = BuildHistory.for_store(store)
    for x in MANY[40:]:
        history.keep(x)
    relink(store, history, {x.article.id for x in MANY[40:]})
    history.close()
    new = {x.article.id for x in MANY[40:]}
    assert set(checked) - new  # stored articles were checked again
    assert set(digested) == new
    store.close()


@pytest.mark.parametrize("keep", [512, 3, 0])
def test_an_article_linked_for_the_event_index_is_not_linked_again_for_its_write(
        tmp_path, clean_many, monkeypatch, keep):
    """The articles a build links to update the event index (the new ones and the stored
    ones whose event ids follow a re-linked key) keep their linked form for the writes when
    they are at most ``KEEP_LINKED``; more are linked again; the store is the clean
    build's either way."""
    import collections

    import kg.link.relink

    monkeypatch.setattr(kg.link.relink, "KEEP_LINKED", keep)
    store, _ = _build(tmp_path / "kg-store", [MANY[:40]])
    linked: collections.Counter = collections.Counter()
    real = kg.link.relink.actor_linked
    monkeypatch.setattr(kg.link.relink, "actor_linked", lambda x, index: (
        linked.update([x.article.id]), real(x, index))[1])
    history = BuildHistory.for_store(store)
    for x in MANY[40:]:
        history.keep(x)
    relink(store, history, {x.article.id for x in MANY[40:]}, batch_size=4)
    history.close()
    assert {x.article.id for x in MANY[40:]} <= set(linked)
    twice = {a for a, n in linked.items() if n > 1}
    assert (not twice) if keep >= len(linked) else twice
    assert _quads(store) == clean_many
    store.close()
