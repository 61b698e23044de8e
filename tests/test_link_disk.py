"""Tests for kg.link.disk: the linker with its tables on disk decides every key as the
in-memory linker does (names and keys written for these tests)."""

from __future__ import annotations

import pytest

from kg.link import ActorLinker, AliasRule, actor_key
from kg.link.disk import DiskLinker
from kg.model import Entity, entity_id


def _key(type_: str, name: str, *aliases: str):
    return actor_key(Entity(id=entity_id(type_, name), name=name, type=type_,
                            aliases=tuple(aliases)))


PEOPLE = [_key("Person", "Halvard Brekkestad"), _key("Person", "Brekkestad"),
          _key("Person", "Brekkestadt"), _key("Person", "H. Brekkestad"),
          _key("Person", "Ingrid Brekkestad"), _key("Person", "Tomasz Wielgorski"),
          _key("Person", "Wielgorsky"), _key("Person", "Tomas Wielgorsky", "Tom Wielgorsky"),
          _key("Person", "Tom Wielgorsky"), _key("Person", "Odile Fauconnet")]
PLACES = [_key("Place", "Kazzarabad-e-Nuri"), _key("Place", "Kazzarabad-i-Nuri"),
          _key("Place", "Kazzarabad"), _key("Place", "Port Lemmerick", "Lemmerick"),
          _key("Place", "Lemmerick"), _key("Country", "Lemmerick")]
ORGS = [_key("Organization", "Fauconnet Holdings", "FH"), _key("Organization", "FH"),
        _key("Organization", "fauconnet holdings")]
RULES = [AliasRule("Brekkestadt", "Halvard Brekkestad", "Person"),
         AliasRule("FH", "", "Organization", "split")]


def _decisions(linker, keys):
    decided = linker.decide(keys)
    return {k: (*decided.get(k, (k[3], "")), linker.names.get(decided.get(k, (k[3],))[0], k[1]))
            for k in keys}


@pytest.mark.parametrize("keys", [PEOPLE, PLACES, ORGS, PEOPLE + PLACES + ORGS,
                                  PEOPLE[4:] + PEOPLE[:4]])
@pytest.mark.parametrize("rules", [[], RULES])
def test_the_disk_linker_decides_as_the_memory_linker(keys, rules):
    expected = _decisions(ActorLinker([], rules), keys)
    with DiskLinker(rules) as linker:
        assert _decisions(linker, keys) == expected


def test_the_keys_exercise_every_rule():
    rules = {rule for _, rule, _ in _decisions(ActorLinker([], RULES),
                                               PEOPLE + PLACES + ORGS).values()}
    assert rules >= {"alias-file", "surname", "transliteration", "alias"}


def test_the_disk_linker_finds_a_surname_by_its_variants():
    with DiskLinker() as linker:
        linker.decide([PEOPLE[0]])
        assert linker.surnames.candidates("Brekkestadt") == [PEOPLE[0][3]]
        assert linker.surnames.candidates("Fauconnet") == []
