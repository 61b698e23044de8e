"""Tests for kg.history: unlinked extractions kept beside the store survive a round trip."""

from __future__ import annotations

from kg.history import BuildHistory, extraction_from_json, extraction_to_json, linked_digest
from kg.link import AliasRule

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
    history.pending, history.pending_ids = True, [x.article.id]
    history.save()
    again = BuildHistory(folder)
    assert again.extraction(x.article.id) == x
    assert [r.action for r in again.rules] == ["split"]  # the later rule for the alias wins
    assert (again.pending, again.pending_ids) == (True, [x.article.id])
    again.save(keep=[])
    assert BuildHistory(folder).extraction(x.article.id) is None
