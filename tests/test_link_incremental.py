"""Tests for kg.link.incremental: deciding only the keys a change can move gives exactly the
decisions of deciding every key again, for any split of the keys into stored, new and gone
(actors written for this test)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.link import ActorLinker, AliasRule
from kg.link.incremental import decide_changes, has_decisions
from kg.link.index import Decision, LinkIndex
from kg.model import entity_id

FIRST = ["Anna", "Bohdan", "Olena"]
SURNAMES = ["Kovalenko", "Kovalenco", "Kowalenko", "Shevchenko", "Shevchenco", "Lee", "Li",
            "Bondar"]
PLACES = ["Mazar-e-Sharif", "Mazar-i-Sharif", "Mazaro Heights", "Kharkivska", "Kharkiwska",
          "Kharkiv", "Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporozhie", "Lviv"]
COUNTRIES = ["Ukraine", "Russia", "Russian Federation", "RF"]
ORGS = ["European Union", "EU", "E.U.", "E-U", "Eunion", "United Nations", "UN"]
RULES = [AliasRule("Bondar", "Olena Bondar", "Person"), AliasRule("UN", "UN", "Organization",
                                                                   "split"),
         AliasRule("Kharkiwska", "Kharkiv", "Place")]


def _person(draw) -> str:
    """A full name, a bare surname, or a spelling of one with the same id (another case, a
    hyphen: one word) or a longer name."""
    surname = draw(st.sampled_from(SURNAMES))
    if draw(st.integers(0, 3)) == 0:
        return surname
    name = f"{draw(st.sampled_from(FIRST))} {surname}"
    variant = draw(st.sampled_from(["", "upper", "hyphen", "longer"]))
    return {"": name, "upper": name.upper(), "hyphen": name.replace(" ", "-"),
            "longer": f"{FIRST[0]} {name}"}[variant]


def _names(draw) -> tuple[str, str, tuple[str, ...]]:
    """A type, a name and up to two aliases drawn from the names of that type."""
    type_ = draw(st.sampled_from(["Person", "Person", "Place", "Country", "Organization"]))
    if type_ == "Person":
        name, pool = _person(draw), [_person(draw) for _ in range(2)]
    else:
        pool = {"Place": PLACES, "Country": COUNTRIES, "Organization": ORGS}[type_]
        name = draw(st.sampled_from(pool))
    aliases = draw(st.lists(st.sampled_from(pool), max_size=2, unique=True))
    return type_, name, tuple(a for a in aliases if a != name)


@st.composite
def _split(draw):
    """Distinct keys, each stored, new, or stored then gone."""
    keys = set()
    for _ in range(draw(st.integers(2, 24))):
        type_, name, aliases = _names(draw)
        keys.add((type_, name, tuple(sorted(aliases)), entity_id(type_, name)))
    keys = sorted(keys)
    fates = draw(st.lists(st.sampled_from(["stored", "new", "gone"]), min_size=len(keys),
                          max_size=len(keys)))
    return dict(zip(keys, fates, strict=True)), draw(st.booleans())


def _whole(keys, rules) -> dict:
    """Decide every key again, as a clean build does."""
    linker = ActorLinker([], rules)
    decided = linker.decide(keys)
    return {k: Decision(*decided.get(k, (k[3], "")), linker.names.get(
        decided.get(k, (k[3],))[0], k[1])) for k in keys}


def _index(keys, rules) -> LinkIndex:
    """Return an index holding ``keys`` (one article each) with the decisions of a clean
    build."""
    index = LinkIndex(sqlite3.connect(":memory:"), rules)
    for n, key in enumerate(sorted(keys)):
        index.set_article_keys(f"old{n}", {key})
    index.set_decisions(_whole(keys, rules))
    return index


def _stored(index: LinkIndex, keys) -> dict:
    return {k: index.decision(k) for k in keys}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_split())
def test_deciding_the_keys_a_change_moves_equals_deciding_all_again(split):
    fates, with_rules = split
    rules = RULES if with_rules else []
    before = [k for k, fate in fates.items() if fate != "new"]
    after = [k for k, fate in fates.items() if fate != "gone"]
    index = _index(before, rules)
    seeds = set()
    for n, key in enumerate(sorted(before)):
        if fates[key] == "gone":
            seeds |= index.set_article_keys(f"old{n}", set())
    for n, key in enumerate(sorted(k for k in after if fates[k] == "new")):
        seeds |= index.set_article_keys(f"new{n}", {key})
    decisions = decide_changes(index, rules, seeds)
    index.set_decisions(decisions)
    assert _stored(index, after) == _whole(after, rules)
    assert index.all_keys() == set(after)


def _key(type_, name, *aliases):
    return type_, name, tuple(sorted(aliases)), entity_id(type_, name)


@pytest.mark.parametrize("stored, new, moved", [
    # a full name makes the bare surname of stored articles an alias of it
    ([_key("Person", "Trump")], [_key("Person", "Donald Trump")],
     {_key("Person", "Trump"): ("person/donald-trump", "surname")}),
    # a namesake makes the bare surname ambiguous: it joins no one any more
    ([_key("Person", "Donald Trump"), _key("Person", "Trump")], [_key("Person", "Melania Trump")],
     {_key("Person", "Trump"): ("person/trump", "")}),
    # an unrelated actor moves nothing
    ([_key("Person", "Donald Trump"), _key("Person", "Trump")], [_key("Place", "Vienna")], {}),
    # a spelling of a long place name joins the one stored
    ([_key("Place", "Mazar-e-Sharif")], [_key("Place", "Mazar-i-Sharif")], {}),
])
def test_a_new_key_decides_itself_and_moves_only_what_it_changes(stored, new, moved):
    index = _index(stored, [])
    seeds = set()
    for n, key in enumerate(new):
        seeds |= index.set_article_keys(f"new{n}", {key})
    decisions = decide_changes(index, [], seeds)
    changed = {k: (d.target, d.rule) for k, d in decisions.items()
               if k in stored and index.decision(k) != d}
    assert changed == moved
    assert set(new) <= set(decisions)
    index.set_decisions(decisions)
    assert _stored(index, stored + new) == _whole(stored + new, [])


def test_a_spelling_that_sorts_first_renames_the_actor_of_every_key_joining_it():
    stored = [_key("Person", "Donald Trump"), _key("Person", "Trump")]
    new = ("Person", "DONALD TRUMP", (), entity_id("Person", "Donald Trump"))
    index = _index(stored, [])
    decisions = decide_changes(index, [], index.set_article_keys("new", {new}))
    assert {k: d.name for k, d in decisions.items()} == {
        new: "DONALD TRUMP", stored[0]: "DONALD TRUMP", stored[1]: "DONALD TRUMP"}


def test_nothing_is_decided_before_a_first_build_and_nothing_for_known_keys():
    index = LinkIndex(sqlite3.connect(":memory:"), [])
    assert not has_decisions(index)
    key = _key("Person", "Donald Trump")
    index.set_article_keys("a", {key})
    index.set_decisions(_whole([key], []))
    assert has_decisions(index)
    assert decide_changes(index, [], index.set_article_keys("b", {key})) == {}


def test_a_key_joining_through_a_chain_of_aliases_takes_the_first_name_of_the_actor():
    union = ("Organization", "European Union", ("EU",), entity_id("Organization",
                                                                   "European Union"))
    stored = [union, ("Organization", "EU", ("Union",), entity_id("Organization", "EU"))]
    new = _key("Organization", "Union")  # decided after "EU", which joined the union
    index = _index(stored, [])
    decisions = decide_changes(index, [], index.set_article_keys("new", {new}))
    assert decisions == {new: Decision(union[3], "alias", "European Union")}


def test_a_new_first_spelling_changes_the_rule_of_a_key_sharing_no_block_with_it():
    first, reader = _key("Organization", "E.U."), _key("Organization", "Eunion", "E.U.")
    new = _key("Organization", "E-U")  # the same id, sorting first: the actor's new name
    index = _index([first, reader], [])
    assert index.decision(reader).rule == "same-name"
    decisions = decide_changes(index, [], index.set_article_keys("new", {new}))
    assert decisions[reader] == Decision("organization/e-u", "alias", "E-U")
