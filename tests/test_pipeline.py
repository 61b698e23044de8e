"""End to end over the sample Geneva article (our own restatement of the seed's facts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_articles
from kg.pipeline import extract_articles

GENEVA = Path(__file__).resolve().parents[1] / "data" / "articles" / "01-geneva-peace-talks.txt"


@pytest.fixture(scope="module")
def geneva(nlp):
    [article] = list(read_articles([str(GENEVA)]))
    return next(extract_articles([article], nlp=nlp))


def test_actors_have_types_and_no_duplicates(geneva):
    by_name = {e.name: e.type for e in geneva.entities}
    expected = {"Marco Rubio": "Person", "Vladimir Putin": "Person", "Kaja Kallas": "Person",
                "Volodymyr Zelenskyy": "Person", "Dmitry Peskov": "Person",
                "Russia": "Country", "Ukraine": "Country", "United States": "Country",
                "Geneva": "Place", "Ternopil": "Place", "NATO": "Organization",
                "Kremlin": "Organization", "28-point peace plan": "Plan"}
    assert {k: by_name.get(k) for k in expected} == expected
    assert len(by_name) == len(geneva.entities)


def test_no_junk_actors(geneva):
    names = {e.name for e in geneva.entities}
    assert not any("&" in n or n.startswith("Related") for n in names)


def test_quotes_have_named_speakers(geneva):
    direct = [s for s in geneva.statements if s.kind == "direct"]
    assert len(direct) >= 5
    assert all(s.speaker for s in direct)
    assert all(s.speaker.lower() not in ("he", "she", "they", "we") for s in direct)
    speakers = {s.speaker for s in direct}
    assert {"Marco Rubio", "Kaja Kallas", "Dmitry Peskov"} <= speakers


def test_provenance_offsets_point_into_the_text(geneva):
    text = geneva.article.text
    for entity in geneva.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
    for s in geneva.statements:
        assert s.quote in text[s.mention.start:s.mention.end + 1] or s.quote.split()[0] in text


def test_timeline_events(geneva):
    dated = {e.date: e for e in geneva.events if e.date_precision == "day"}
    strike = dated["2025-11-19"]
    assert strike.type == "attack"
    assert "country/russia" in {p.entity_id for p in strike.participants if p.role == "agent"}
    assert [p.name for p in strike.places] == ["Ternopil"]


def test_roles(geneva):
    roles = {(r.person_id, r.title) for r in geneva.roles}
    assert ("person/marco-rubio", "Secretary of State") in roles


def test_merged_event_keeps_every_report_span(extract):
    from kg.rdf import KG, event_iri, extraction_triples

    x = extract("Russia attacked Odesa on Monday. Russia struck Odesa again, officials said.")
    attack = next(e for e in x.events if e.type == "attack")
    assert [m.text for m in attack.mentions] == [
        "Russia attacked Odesa on Monday.", "Russia struck Odesa again, officials said."]
    assert [m["start"] for m in attack.to_json()["mentions"]] == [0, 33]
    triples = extraction_triples(x)
    spans = [o for s, p, o in triples if s == event_iri(attack.id) and p == KG.hasMention]
    assert len(spans) == 2
