"""Tests for kg.link.index: a component of actor keys decides the same as the whole corpus,
and the surname keys find every similar surname (actors written for this test)."""

from __future__ import annotations

import itertools
import sqlite3

import pytest
from rapidfuzz import fuzz

from kg.link import SURNAME_SIMILARITY, ActorLinker, AliasRule, SurnameIndex, surname_keys
from kg.link.index import LinkIndex, decode_key, encode_key
from kg.model import entity_id

SURNAMES = ["Zelenskyy", "Zelensky", "Zelenskiy", "Navalny", "Navalnyy", "Trump", "Trumpf",
            "Tavares", "Tavarez", "Ivanov", "Ivanova", "Ivanovs", "Smith", "Smyth", "Li", "Lee",
            "Kiper", "Kipper", "Medvedev", "Medvedchuk", "Al-Sisi", "Sisi"]


@pytest.mark.parametrize("a,b", list(itertools.combinations(SURNAMES, 2)))
def test_similar_surnames_share_a_key_and_only_they_are_candidates(a, b):
    similar = fuzz.ratio(a.lower(), b.lower()) >= SURNAME_SIMILARITY
    if similar:
        assert surname_keys(a) & surname_keys(b)
    index = SurnameIndex()
    index.add(b, "b")
    if similar:
        assert index.candidates(a) == ["b"]


def _key(type_, name, *aliases):
    return type_, name, tuple(sorted(aliases)), entity_id(type_, name)


KEYS = [
    _key("Person", "Donald Trump"), _key("Person", "Trump"), _key("Person", "Melania Trump"),
    _key("Person", "Volodymyr Zelenskyy"), _key("Person", "Zelensky"),
    _key("Person", "Oleh Kiper"), _key("Person", "Kiper"), _key("Person", "Rui Tavares"),
    _key("Person", "Tavares"), _key("Place", "Mazar-e-Sharif"), _key("Place", "Mazar-i-Sharif"),
    _key("Country", "Russia", "Russian Federation"), _key("Country", "Russian Federation"),
    _key("Organization", "European Union", "EU"), _key("Organization", "EU"),
    _key("Person", "Karl Nehammer"),
]
RULES = [AliasRule("Tavares", "Rui Tavares", "Person", "split")]


def _whole(keys):
    linker = ActorLinker([], RULES)
    return linker.decide(keys), linker.names


@pytest.mark.parametrize("subset", [KEYS, KEYS[::2], KEYS[1::2], KEYS[3:11]])
def test_each_component_decides_as_the_whole_corpus(subset):
    index = LinkIndex(sqlite3.connect(":memory:"), RULES)
    for n, key in enumerate(subset):
        index.set_article_keys(f"a{n}", {key})
    decided, names = _whole(subset)
    for key in subset:
        component = index.component([key])
        assert key in component and component <= set(subset)
        part, part_names = _whole(component)
        assert part.get(key) == decided.get(key)
        target = decided.get(key, (key[3],))[0]
        assert part_names[target] == names[target]


def test_components_keep_unrelated_actors_apart():
    index = LinkIndex(sqlite3.connect(":memory:"))
    for n, key in enumerate(KEYS):
        index.set_article_keys(f"a{n}", {key})
    trump = index.component([_key("Person", "Trump")])
    assert {k[1] for k in trump} == {"Donald Trump", "Trump", "Melania Trump"}
    assert {k[1] for k in index.component([_key("Organization", "EU")])} == {
        "European Union", "EU"}


def test_keys_round_trip_and_unused_ones_are_dropped():
    index = LinkIndex(sqlite3.connect(":memory:"))
    key = _key("Country", "Russia", "Russian Federation")
    assert decode_key(encode_key(key)) == key
    assert index.set_article_keys("a1", {key}) == {key}
    assert index.set_article_keys("a1", {key}) == set()
    assert index.set_article_keys("a1", set()) == {key}
    assert index.drop_unused([key]) == set()
    assert index.all_keys() == set()


def test_main_event_dated_by_its_dateline_is_a_report_in_the_index():
    """The store's index treats a title dated only by its dateline as the corpus linker does
    (:func:`kg.link.report_dated`): a report that a dated one may date, never a date."""
    from kg.link.index import dated_rows, undated_rows
    from kg.model import Article, Event, Extraction, Mention, Participant

    event = Event(id="e1", date="2025-06-10", date_precision="day", type="resign", label="x",
                  trigger="resigns", participants=(Participant("person/ana-vidal", "Ana Vidal",
                                                               "agent"),),
                  places=(), mention=Mention("Ana Vidal resigns", 0, 17, 0),
                  sentence_text="Ana Vidal resigns", date_text="June 10, 2025",
                  date_basis="text", main=True)
    x = Extraction(Article("a", "Ana Vidal resigns", "text", published="2025-06-10"),
                   events=(event,))
    assert [row[5] for row in dated_rows(x)] == [1]
    assert undated_rows(x) == [("resign", "person/ana-vidal", "2025-06-10")]


def test_a_changed_name_renames_the_actor_and_a_changed_target_relinks_the_key():
    from kg.link.index import Decision

    index = LinkIndex(sqlite3.connect(":memory:"))
    brussels, capital = _key("Place", "Brussels"), _key("Place", "BRUSSELS", "Bruxelles")
    target = brussels[3]
    index.set_article_keys("a1", {brussels})
    index.set_article_keys("a2", {capital})
    assert index.set_decisions({brussels: Decision(target, "", "Brussels")}) == {brussels}
    assert index.renamed() == []
    assert index.set_decisions({brussels: Decision(target, "", "BRUSSELS"),
                                capital: Decision(target, "", "BRUSSELS")}) == {capital}
    assert index.renamed() == [target]
    assert index.actor_names(target) == ("BRUSSELS", {"Brussels", "Bruxelles"})
    index.clear_renamed([target])
    assert index.renamed() == []
    assert index.set_decisions({brussels: Decision("place/other", "alias", "BRUSSELS")}) == {
        brussels}
    assert index.renamed() == []
    assert index.actor_names("place/nowhere") is None


@pytest.mark.parametrize("decided", [[], [0], [0, 2], [0, 1, 2]])
def test_article_decisions_are_the_decisions_of_its_decided_keys(decided):
    """One read gives what :meth:`LinkIndex.decision` gives key by key, undecided keys and
    other articles' keys left out."""
    from kg.link.index import Decision

    index = LinkIndex(sqlite3.connect(":memory:"))
    mine = [_key("Person", "Donald Trump"), _key("Person", "Trump"), _key("Country", "Russia")]
    other = _key("Person", "Melania Trump")
    index.set_article_keys("a1", set(mine))
    index.set_article_keys("a2", {other, mine[0]})
    rules = ["", "surname", "alias"]
    index.set_decisions({mine[n]: Decision(mine[0][3], rules[n], "Donald Trump")
                         for n in decided} | {other: Decision(other[3], "", "Melania Trump")})
    expected = {mine[n]: Decision(mine[0][3], rules[n], "Donald Trump") for n in decided}
    assert index.article_decisions("a1") == expected
    assert expected == {k: d for k in index.article_keys("a1")
                        if (d := index.decision(k)) is not None}
    assert set(index.article_decisions("a2")) == {other} | ({mine[0]} if 0 in decided else set())
    assert index.article_decisions("none") == {}
