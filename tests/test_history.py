"""Tests for kg.history: unlinked extractions kept beside the store survive a round trip."""

from __future__ import annotations

import json

import pytest
from records import RUBIO_ID, RUSSIA_ID

from kg.history import BuildHistory, extraction_from_json, extraction_to_json, linked_digest
from kg.link import AliasRule
from kg.rdf import content_hash

TEXT = """Port Deal Signed
Published: 2025-11-27

Prime Minister Rui Tavares signed the harbour agreement in Porto on Wednesday.
"This is a good day for both countries," Tavares said, criticizing Spain over the delays.
"""


def test_extraction_round_trips_through_json(extract):
    x = extract(TEXT)
    assert x.entities and x.statements and x.events
    back = extraction_from_json(extraction_to_json(x))
    assert back == x
    assert linked_digest(back) == linked_digest(x)


def test_history_keeps_extractions_rules_and_state_on_disk(extract, tmp_path):
    folder = tmp_path / "kg-store.build"
    history = BuildHistory(folder)
    x = extract(TEXT)
    history.keep(x)
    history.add_rules([AliasRule("Tavares", "Rui Tavares", "Person")])
    history.add_rules([AliasRule("tavares", "Rui Tavares", "Person", "split")])
    assert history.dirty_ids == [x.article.id]
    history.close()
    again = BuildHistory(folder)
    assert again.extraction(x.article.id) == x
    assert again.has(x.article.id, content_hash(x.article))
    assert [r.action for r in again.rules] == ["split"]  # the later rule for the alias wins
    again.set_pending([x.article.id])
    assert (again.dirty_ids, again.pending_ids) == ([], [x.article.id])
    again.finish()
    again.forget([x.article.id])
    again.close()
    assert BuildHistory(folder).extraction(x.article.id) is None


def test_a_history_of_the_json_lines_layout_is_read_once(extract, tmp_path):
    folder = tmp_path / "kg-store.build"
    folder.mkdir()
    x = extract(TEXT)
    (folder / "extractions.jsonl").write_text(
        json.dumps(extraction_to_json(x)) + "\n" + '{"article": {"id"', encoding="utf-8")
    (folder / "state.json").write_text(json.dumps(
        {"rules": [{"alias": "Tavares", "canonical": "Rui Tavares", "type": "Person",
                    "action": "merge"}], "linked": {x.article.id: "abc"}}), encoding="utf-8")
    history = BuildHistory(folder)
    assert history.extraction(x.article.id) == x
    assert history.linked_digest(x.article.id) == "abc"
    assert [r.alias for r in history.rules] == ["Tavares"]
    assert not (folder / "extractions.jsonl").exists()


def _linked(names: dict[str, str], mapping: dict[str, str] | None = None):
    """Return GENEVA linked with ``mapping`` (default: every actor to itself) under the
    canonical ``names``, speakers as the article names them (as a build stores it)."""
    from dataclasses import replace

    from records import GENEVA

    from kg.link import remap_ids

    linked = remap_ids(GENEVA, mapping or {e.id: e.id for e in GENEVA.entities}, names)
    speakers = [s.speaker for s in GENEVA.statements]
    return replace(linked, statements=tuple(replace(s, speaker=speaker) for s, speaker in
                                            zip(linked.statements, speakers, strict=True)))


@pytest.mark.parametrize("names,mapping,same", [
    ({RUBIO_ID: "MARCO RUBIO", RUSSIA_ID: "Russian Federation"}, {}, True),  # renamed
    ({}, {RUBIO_ID: "person/m-rubio"}, True),  # the speaker's key joins another actor
    ({}, {RUSSIA_ID: "country/russian-federation"}, False),  # the attack's agent: a new id
])
def test_the_event_links_follow_event_ids_not_actor_ids_or_names(names, mapping, same):
    """An article's graph names its own keys' references and its own events' references: a
    key linked to another actor or an actor renamed changes neither its graph nor its event
    links, and an event id that follows the link changes the event links only."""
    from records import GENEVA

    from kg.link.relink import events_digest, linked_events

    base = events_digest(linked_events(GENEVA, _linked({})))
    changed = linked_events(GENEVA, _linked(names, {e.id: e.id for e in GENEVA.entities}
                                            | mapping))
    assert (events_digest(changed) == base) == same
    assert set(changed) == set(linked_events(GENEVA, GENEVA))  # the references stay


