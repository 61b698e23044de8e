"""The page queries of kg.graph, rewritten for Oxigraph's planner, give the rows of their plain
forms (the queries before the rewrite, kept here) on stores written for the test: whole and
limited to the top actors."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from records import sample_store

import kg.graph as graph
from kg.model import (
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    Participant,
    Statement,
    digest,
    entity_id,
)
from kg.store import KGStore

#: The plain forms: every report (event reference) of the events in scope, candidates left
#: out by a filter beside the optional facts; the scope a sub-select of event IRIs.
PLAIN_EVENTS = """
SELECT ?e ?etype ?label ?date ?precision ?basis ?art ?title ?url ?sentence ?start ?end
WHERE {
  #only
  ?e a kg:Event ; kg:eventType ?etype .
  ?r kg:refersTo ?e .
  GRAPH ?g {
    ?r kg:label ?label ; kg:mentionedIn ?art .
    FILTER NOT EXISTS { ?r kg:confidence ?c FILTER(?c < 0.5) }
    OPTIONAL { ?r kg:dateBasis ?basis }
    OPTIONAL { ?r kg:sentenceText ?sentence }
    OPTIONAL { ?r kg:startOffset ?start }
    OPTIONAL { ?r kg:endOffset ?end }
  }
  OPTIONAL { ?e kg:date ?date }
  OPTIONAL { ?e kg:datePrecision ?precision }
  OPTIONAL { ?art schema:headline ?title }
  OPTIONAL { ?art schema:url ?url }
} ORDER BY ?e ?art ?start
"""
#: Candidate reports (below 0.5) name no participant and bring no event into a limited scope.
KEPT = "FILTER NOT EXISTS { ?er kg:confidence ?c FILTER(?c < 0.5) }"
PLAIN_EVENTS_OF = ("{ SELECT DISTINCT ?e WHERE { VALUES ?k {k} ?kr kg:refersTo ?k . { GRAPH ?g0"
                   " { ?er kg:hasActor ?kr " + KEPT + " } } UNION { GRAPH ?g0 { ?er kg:hasPlace"
                   " ?kr " + KEPT + " } } ?er kg:refersTo ?e } }")
#: The role read by OPTIONAL joins, the actors limited once outside the UNION.
PLAIN_EVENT_ACTORS = """
SELECT DISTINCT ?e ?a ?role WHERE {
  #only
  {
    ?er kg:refersTo ?e ; kg:hasActor ?r . ?r kg:refersTo ?a . #kept
    OPTIONAL { ?x kg:refersTo ?e ; kg:agent ?ar . ?ar kg:refersTo ?a . BIND("agent" AS ?agent)
               FILTER NOT EXISTS { ?x kg:confidence ?xc FILTER(?xc < 0.5) } }
    OPTIONAL { ?y kg:refersTo ?e ; kg:target ?tr . ?tr kg:refersTo ?a .
               BIND("target" AS ?target) FILTER NOT EXISTS { ?y kg:confidence ?yc FILTER(?yc < 0.5) } }
    BIND(COALESCE(?agent, ?target, "participant") AS ?role)
  } UNION { ?er kg:refersTo ?e ; kg:hasPlace ?r . ?r kg:refersTo ?a . #kept
            BIND("place" AS ?role) }
}
""".replace("#kept", KEPT)
#: The role read per row by EXISTS (the shipped form before the grouped ranks: the same rows,
#: but Oxigraph read every reference of the actor for each row).
PER_ROW_EVENT_ACTORS = """
SELECT DISTINCT ?e ?a ?role WHERE {
  {
    #only
    ?r kg:refersTo ?a . ?er kg:hasActor ?r . ?er kg:refersTo ?e . #kept
    BIND(IF(EXISTS { ?x kg:refersTo ?e ; kg:agent/kg:refersTo ?a #other }, "agent",
            IF(EXISTS { ?x kg:refersTo ?e ; kg:target/kg:refersTo ?a #other }, "target",
               "participant")) AS ?role)
  } UNION {
    #only
    ?r kg:refersTo ?a . ?er kg:hasPlace ?r . ?er kg:refersTo ?e . #kept BIND("place" AS ?role)
  }
}
""".replace("#kept", KEPT + "\n").replace("#other", KEPT.replace("?er", "?x"))

NAMES = [("Person", f"Person {c}") for c in "ABCDEF"] + [
    ("Country", "Country G"), ("Country", "Country H"), ("Organization", "Group I"),
    ("Place", "Town J"), ("Place", "Town K")]


def _article(seed: int, a: int, rng: random.Random, shared: list[str]) -> Extraction:
    """Return one article's extraction: events (some shared with other articles, some
    candidates, some undated, some reported twice in the article), a statement."""
    cast = rng.sample(NAMES, 6)
    sentences = [f"{name} was seen on day {k}." for k, (_, name) in enumerate(cast)]
    text = " ".join(sentences)
    article = Article(Article.make_id(f"pages/{seed}/{a}", text), f"Story {a}", text,
                      f"2025-11-1{a % 9}", f"pages/{seed}/{a}.txt",
                      url=f"https://news.example/{seed}/{a}" if a % 2 else None)
    starts = [text.index(s) for s in sentences]

    def span(k: int) -> Mention:
        return Mention(cast[k][1], starts[k], starts[k] + len(cast[k][1]), k)

    entities = tuple(Entity(entity_id(t, n), n, t, mentions=(span(k),))
                     for k, (t, n) in enumerate(cast))
    ids = [e.id for e in entities]
    places = [k for k, (t, _) in enumerate(cast) if t == "Place"]
    events = []
    for j in range(rng.randint(2, 5)):
        eid = rng.choice(shared) if rng.random() < 0.5 else digest(article.id, "event", j)
        who = rng.sample(range(len(ids)), 3)
        roles = rng.sample(["agent", "target", "participant"], 2)
        participants = (Participant(ids[who[0]], cast[who[0]][1], roles[0]),
                        Participant(ids[who[1]], cast[who[1]][1], roles[1]),
                        Participant(ids[who[2]], cast[who[2]][1]))
        where = tuple(Participant(ids[k], cast[k][1]) for k in places[:rng.randint(0, 1)])
        dated = rng.random() < 0.7
        for k in {who[0], who[rng.randint(0, 1)]}:  # sometimes two reports in one article
            events.append(Event(
                eid, "2025-11" if dated else None, "month" if dated else None,
                rng.choice(("meet", "attack")), f"meeting {j} of {cast[k][1]}", "met",
                participants, where, span(k), sentences[k],
                date_basis=rng.choice(("text", "publication")) if dated else None,
                confidence=rng.choice((0.3, 0.9, 1.0))))
    speaker = rng.randrange(len(ids))
    statements = (Statement(digest(article.id, "st"), f"words {a}", "reported",
                            cast[speaker][1], ids[speaker], "said", article.published, "day",
                            (), (ids[(speaker + 1) % len(ids)],), span(speaker),
                            sentences[speaker]),)
    return Extraction(article, entities, statements, tuple(events), (), "test-model")


@pytest.fixture(scope="module", params=[1, 2, 3])
def store(request) -> KGStore:
    rng = random.Random(request.param)
    shared = [digest("shared event", request.param, i) for i in range(4)]
    kg_store = KGStore.open(None)
    kg_store.add_extractions([_article(request.param, a, rng, shared) for a in range(8)],
                             batch_size=3)
    return kg_store


def _answer(store: KGStore, sparql: str) -> Counter:
    """Return the rows of ``sparql`` as a multiset of tuples of text."""
    return Counter(tuple(None if v is None else str(v) for v in row.values())
                   for row in store.query(sparql))


def _event_rows(store: KGStore, scope: graph.Scope) -> list[tuple]:
    """Return the projection's event rows for ``scope`` (its events from its actors' parts)."""
    parts = graph._rows(store, graph.page_query("event actors", scope))
    return [tuple(r.values()) for r in graph.event_rows(store, graph.scoped_events(parts, scope))]


def _projected(store: KGStore, name: str, scope: graph.Scope) -> Counter:
    """Return the rows the projection reads under ``name`` as a multiset of tuples of text."""
    if name == "events":
        return Counter(_event_rows(store, scope))
    return _answer(store, graph.page_query(name, scope))


#: page query name → its plain form and the pattern that limits it.
PLAIN = {"events": (PLAIN_EVENTS, PLAIN_EVENTS_OF),
         "event actors": (PLAIN_EVENT_ACTORS, "VALUES ?a {k}")}


@pytest.mark.parametrize("name", PLAIN)
@pytest.mark.parametrize("top", [None, 1, 3, 100])
def test_page_queries_give_the_rows_of_their_plain_forms(store: KGStore, name: str,
                                                         top: int | None) -> None:
    scope = graph.Scope(None if top is None else frozenset(graph.top_actors(store, top)))
    expected = _answer(store, scope.only(*PLAIN[name]))
    assert expected  # the store has rows for every scope
    assert _projected(store, name, scope) == expected


@pytest.mark.parametrize("chunk", [1, 2, 5, 1000])
@pytest.mark.parametrize("top", [1, 3, 100])
def test_events_read_by_iri_in_chunks_keep_the_order_of_one_query(
        store: KGStore, top: int, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The events listed by IRI, one query per chunk, give the rows of one query that selects
    the actors' events inside it, in its order (the first row of an event names it)."""
    scope = graph.Scope(frozenset(graph.top_actors(store, top)))
    one = scope.only(graph.events_query(None), PLAIN_EVENTS_OF)
    before = [tuple(r.values()) for r in graph._rows(store, one)]
    monkeypatch.setattr(graph, "EVENT_CHUNK", chunk)
    assert len({row[0] for row in before}) > 1  # several events, so several chunks
    assert _event_rows(store, scope) == before


def test_the_stores_hold_what_the_queries_tell_apart(store: KGStore) -> None:
    """Candidates, events reported twice in an article and by several articles, and every
    role are in the stores, so the comparison above could fail."""
    rows = store.query("""SELECT ?e (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(?c) AS ?reports)
      (SUM(IF(?c < 0.5, 1, 0)) AS ?candidates) WHERE {
          ?r kg:refersTo ?e . GRAPH ?g { ?r kg:confidence ?c } }
      GROUP BY ?e""")
    assert any(r["graphs"] > 1 for r in rows)
    assert any(r["candidates"] > 0 for r in rows)
    assert any(r["candidates"] < r["reports"] for r in rows if r["candidates"])
    roles = {r["role"] for r in store.query(graph.page_query("event actors", graph.Scope()))}
    assert roles == {"agent", "target", "participant", "place"}


def test_rows_are_text_of_the_typed_values(store: KGStore) -> None:
    """The projection's light rows hold the text of what KGStore.query types (dates too)."""
    sparql = graph.events_query(None)
    typed = [{k: None if v is None else v.isoformat() if hasattr(v, "isoformat") else str(v)
              for k, v in row.items()} for row in store.query(sparql)]
    assert list(graph._rows(store, sparql)) == typed
    assert any(r["date"] for r in typed)


@pytest.mark.parametrize("top", [None, 3, 100])  # the top actor alone takes part in none
def test_event_actors_give_the_rows_of_the_per_row_form_on_the_sample_data(
        top: int | None) -> None:
    store = sample_store()
    scope = graph.Scope(None if top is None else frozenset(graph.top_actors(store, top)))
    expected = _answer(store, scope.only(PER_ROW_EVENT_ACTORS, "VALUES ?a {k}"))
    assert expected
    assert _answer(store, graph.page_query("event actors", scope)) == expected
