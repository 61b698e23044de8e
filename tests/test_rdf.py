"""Tests for kg.rdf: IRIs, date datatypes, the triples of the test records."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import OWL, RDF, XSD, BNode, Literal, URIRef
from records import (
    BRUSSELS,
    GENEVA,
    IMG_NAME,
    RUBIO_ID,
    RUSSIA_ID,
    SCRIPT_QUOTE,
    TERNOPIL_ID,
    UKRAINE_ID,
    US_ID,
)

from kg.geo import Location
from kg.model import Event, entity_id
from kg.rdf import (
    GEO,
    KG,
    KGET,
    ORG,
    PROV,
    SCHEMA,
    SKOS,
    actor_iri,
    actor_triples,
    article_graph_iri,
    article_id_of,
    article_iri,
    article_refs,
    content_hash,
    date_literal,
    entity_id_of,
    event_iri,
    event_links,
    event_reference_iri,
    event_triples,
    event_type_iri,
    extraction_triples,
    geo_iri,
    key_of,
    location_triples,
    mention_iri,
    reference_iri,
    reference_role_iri,
    reference_triples,
    role_iri,
    role_triples,
    statement_iri,
)

ID = "https://w3id.org/kg/id/"


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (actor_iri("person/marco-rubio"), ID + "actor/person/marco-rubio"),
        (article_iri("a123"), ID + "article/a123"),
        (article_graph_iri("a123"), ID + "graph/article/a123"),
        (statement_iri("s1"), ID + "statement/s1"),
        (event_iri("e1"), ID + "event/e1"),
        (role_iri("r1"), ID + "role/r1"),
        (mention_iri("a123", 4, 9), ID + "mention/a123/4-9"),
        (actor_iri("group/a b<c>"), ID + "actor/group/a%20b%3Cc%3E"),
        (event_type_iri("Attack"), "https://w3id.org/kg/ontology/event-type/attack"),
    ],
)
def test_iri_builders(iri: URIRef, expected: str) -> None:
    assert str(iri) == expected


@pytest.mark.parametrize("entity_id", ["person/marco-rubio", "group/a b<c>"])
def test_entity_id_round_trip(entity_id: str) -> None:
    assert entity_id_of(actor_iri(entity_id)) == entity_id


def test_article_id_of_graph_and_article() -> None:
    assert article_id_of(article_graph_iri("a9")) == "a9"
    assert article_id_of(article_iri("a9")) == "a9"


@pytest.mark.parametrize(
    ("value", "datatype"),
    [
        ("2025-11-19", XSD.date),
        ("2025-11", XSD.gYearMonth),
        ("2025", XSD.gYear),
        ("November 2025", None),
        (None, None),
        ("", None),
    ],
)
def test_date_literal_datatype_follows_precision(value: str | None, datatype) -> None:
    literal = date_literal(value)
    if datatype is None:
        assert literal is None
    else:
        assert literal == Literal(value, datatype=datatype)


@pytest.fixture(scope="module")
def geneva() -> set[tuple]:
    return set(extraction_triples(GENEVA, "2025-11-25T08:00:00+00:00"))


def test_same_extraction_twice_gives_identical_triples() -> None:
    for ex in (GENEVA, BRUSSELS):
        first, second = extraction_triples(ex), extraction_triples(ex)
        assert first == second
        assert len(first) == len(set(first))


def test_no_blank_nodes(geneva: set[tuple]) -> None:
    assert not [t for t in geneva if any(isinstance(x, BNode) for x in t)]


def _eref(event: Event) -> URIRef:
    """Return the event reference GENEVA's graph names one of its events by."""
    return event_reference_iri(GENEVA.article.id, event.id)


def test_event_dates_typed_by_precision(geneva: set[tuple]) -> None:
    """The date is the shared event's (as linked); the report keeps its own date basis."""
    shared = set(event_triples(event_links(GENEVA)))
    attack, meeting = (event_iri(e.id) for e in GENEVA.events)
    assert (attack, KG.date, Literal("2025-11-19", datatype=XSD.date)) in shared
    assert (meeting, KG.date, Literal("2025-11", datatype=XSD.gYearMonth)) in shared
    assert (attack, KG.datePrecision, Literal("day")) in shared
    assert (meeting, KG.datePrecision, Literal("month")) in shared
    reports = {_eref(e) for e in GENEVA.events}
    assert not [t for t in geneva if t[0] in reports and t[1] in (KG.date, KG.datePrecision)]
    assert (_eref(GENEVA.events[0]), KG.dateBasis, Literal("text")) in geneva
    assert not [t for t in geneva if t[0] == _eref(GENEVA.events[1]) and t[1] == KG.dateBasis]


@pytest.mark.parametrize("linked_id", ["other-event", None])
def test_event_links_give_the_linked_event_of_each_own_report(linked_id) -> None:
    """The article graph names an event report by the article and its own event id; the
    link (shared graph) gives the event it was linked to, with that event's date."""
    attack = GENEVA.events[0]
    linked = dataclasses.replace(GENEVA, events=(dataclasses.replace(
        attack, id=linked_id or attack.id, date="2025-11-20"), *GENEVA.events[1:]))
    links = event_links(GENEVA, linked)
    assert set(links) == {_eref(e) for e in GENEVA.events}
    assert links[_eref(attack)] == (linked_id or attack.id, attack.type, "2025-11-20", "day")
    assert event_reference_iri("other-article", attack.id) != _eref(attack)


def _ref(actor_id: str) -> URIRef:
    """Return the reference GENEVA's graph names an actor by."""
    return article_refs(GENEVA)[actor_id]


@pytest.mark.parametrize("change,same", [
    (lambda e: e, True),
    (lambda e: dataclasses.replace(e, mentions=e.mentions[:1]), True),  # the key only
    (lambda e: dataclasses.replace(e, aliases=(*e.aliases, "Secretary Rubio")), False),
    (lambda e: dataclasses.replace(e, name="Rubio"), False),
    (lambda e: dataclasses.replace(e, id="person/rubio"), False),
])
def test_a_reference_is_the_key_of_an_actor(change, same: bool) -> None:
    rubio = next(e for e in GENEVA.entities if e.id == RUBIO_ID)
    assert (reference_iri(key_of(change(rubio))) == _ref(RUBIO_ID)) == same
    assert str(_ref(RUBIO_ID)).startswith(ID + "ref/")


def test_reference_triples_say_the_actor_and_the_key() -> None:
    key = ("Person", "Marco Rubio", ("Rubio", "Secretary Rubio"), RUBIO_ID)
    ref = reference_iri(key)
    assert set(reference_triples(key, "person/m-rubio", ["US"])) == {
        (ref, RDF.type, KG.ActorReference), (ref, KG.refersTo, actor_iri("person/m-rubio")),
        (ref, KG.keyType, Literal("Person")), (ref, KG.keyName, Literal("Marco Rubio")),
        (ref, KG.keyAlias, Literal("Rubio")), (ref, KG.keyAlias, Literal("Secretary Rubio")),
        (ref, KG.countryCode, Literal("US"))}


def test_attack_actors_place_and_type(geneva: set[tuple]) -> None:
    event, attack = event_iri(GENEVA.events[0].id), _eref(GENEVA.events[0])
    assert (event, RDF.type, KG.Event) not in geneva  # shared by every report
    assert (attack, RDF.type, KG.EventReference) in geneva
    shared = set(event_triples(event_links(GENEVA)))
    assert {(event, RDF.type, KG.Event), (event, KG.eventType, KGET.attack),
            (attack, KG.refersTo, event)} <= shared
    assert (attack, KG.agent, _ref(RUSSIA_ID)) in geneva
    assert (attack, KG.target, _ref(UKRAINE_ID)) in geneva
    assert (attack, KG.hasActor, _ref(RUSSIA_ID)) in geneva
    assert (attack, KG.hasPlace, _ref(TERNOPIL_ID)) in geneva


def test_statements_speaker_kind_about_and_stance(geneva: set[tuple]) -> None:
    direct, reported = (statement_iri(s.id) for s in GENEVA.statements)
    rubio = _ref(RUBIO_ID)
    assert (direct, KG.speaker, rubio) in geneva
    assert (direct, KG.statementKind, Literal("direct")) in geneva
    assert (reported, KG.statementKind, Literal("reported")) in geneva
    assert (reported, KG.about, _ref(RUSSIA_ID)) in geneva
    stances = [o for s, p, o in geneva if s == reported and p == KG.stance]
    assert len(stances) == 1
    assert (stances[0], KG.polarity, Literal("negative")) in geneva
    assert (stances[0], KG.stanceTarget, _ref(RUSSIA_ID)) in geneva


def test_statement_provenance_points_at_quote(geneva: set[tuple]) -> None:
    st = GENEVA.statements[1]
    node = statement_iri(st.id)
    start = next(o for s, p, o in geneva if s == node and p == KG.startOffset).toPython()
    end = next(o for s, p, o in geneva if s == node and p == KG.endOffset).toPython()
    assert GENEVA.article.text[start:end] == st.quote
    assert (node, KG.mentionedIn, article_iri(GENEVA.article.id)) in geneva
    assert (node, KG.sentenceText, Literal(st.sentence_text)) in geneva


def test_role_is_an_org_post_described_once() -> None:
    refs = article_refs(GENEVA)
    role = reference_role_iri(GENEVA.roles[0], refs)
    shared = set(role_triples(GENEVA.roles, refs))
    assert (_ref(RUBIO_ID), ORG.holds, role) in shared
    assert (role, ORG.heldBy, _ref(RUBIO_ID)) in shared
    assert {(role, RDF.type, KG.Role), (role, RDF.type, ORG.Post)} <= shared
    assert (role, KG.roleTitle, Literal("Secretary of State")) in shared
    assert (role, ORG.postIn, _ref(US_ID)) in shared


def test_article_graph_keeps_where_a_role_is_stated(geneva: set[tuple]) -> None:
    role = reference_role_iri(GENEVA.roles[0], article_refs(GENEVA))
    assert (role, KG.mentionedIn, article_iri(GENEVA.article.id)) in geneva
    assert not [t for t in geneva if t[0] == role and t[1] in (RDF.type, KG.roleTitle)]


def test_article_graph_names_its_actors_without_typing_them(geneva: set[tuple]) -> None:
    art = article_iri(GENEVA.article.id)
    assert (art, SCHEMA.mentions, _ref(RUBIO_ID)) in geneva
    named = {str(_ref(e.id)) for e in GENEVA.entities} | {str(actor_iri(e.id))
                                                           for e in GENEVA.entities}
    assert not [t for t in geneva if str(t[0]) in named and t[1] == RDF.type]
    assert not [t for t in geneva if any(str(x).startswith(ID + "actor/") for x in t)]


def test_actor_mentions_carry_offsets(geneva: set[tuple]) -> None:
    rubio = _ref(RUBIO_ID)
    mentions = {o for s, p, o in geneva if s == rubio and p == KG.hasMention}
    assert len(mentions) == 3
    for m in mentions:
        start = next(o for s, p, o in geneva if s == m and p == KG.startOffset).toPython()
        text = next(o for s, p, o in geneva if s == m and p == KG.mentionText)
        assert GENEVA.article.text[start : start + len(text)] == str(text)


def test_article_metadata_and_graph_provenance(geneva: set[tuple]) -> None:
    a = GENEVA.article
    art, graph = article_iri(a.id), article_graph_iri(a.id)
    assert (art, SCHEMA.headline, Literal("Talks in Geneva")) in geneva
    assert (art, SCHEMA.datePublished, Literal("2025-11-24", datatype=XSD.date)) in geneva
    assert (art, KG.contentHash, Literal(content_hash(a))) in geneva
    assert (graph, KG.sourceArticle, art) in geneva
    assert (graph, KG.spacyModel, Literal(GENEVA.model)) in geneva
    assert (graph, PROV.generatedAtTime,
            Literal("2025-11-25T08:00:00+00:00", datatype=XSD.dateTime)) in geneva
    assert any(s == graph and p == KG.kgVersion for s, p, _ in geneva)


def test_ingest_time_omitted_without_value() -> None:
    assert not [t for t in extraction_triples(GENEVA) if t[1] == PROV.generatedAtTime]


def test_hostile_text_is_kept_verbatim_as_literals() -> None:
    triples = set(extraction_triples(BRUSSELS))
    assert any(p == KG.quote and str(o) == SCRIPT_QUOTE for _, p, o in triples)
    assert any(p == KG.mentionText and str(o) == IMG_NAME for _, p, o in triples)
    assert any(p == KG.name and str(o) == IMG_NAME for _, p, o in actor_triples(BRUSSELS.entities))


def test_article_graph_leaves_names_to_the_actors_graph() -> None:
    assert not [t for t in extraction_triples(GENEVA) if t[1] == KG.name]


def test_actor_triples_name_aliases_and_code() -> None:
    triples = set(actor_triples(GENEVA.entities))
    us = actor_iri(US_ID)
    assert (us, RDF.type, KG.Country) in triples
    assert (us, KG.name, Literal("United States")) in triples
    assert (us, SKOS.altLabel, Literal("US")) in triples
    assert (us, KG.countryCode, Literal("US")) in triples
    assert (actor_iri(RUBIO_ID), RDF.type, KG.Person) in triples


@pytest.mark.parametrize("field", ["title", "text", "published", "url"])
def test_content_hash_changes_with_content(field: str) -> None:
    import dataclasses

    changed = dataclasses.replace(GENEVA.article, **{field: "2024-01-01"})
    assert content_hash(changed) != content_hash(GENEVA.article)


def test_event_modality_confidence_and_main_event() -> None:
    from dataclasses import replace

    attack, meeting = GENEVA.events[:2]
    ex = replace(GENEVA, events=(replace(attack, main=True, confidence=0.9),
                                 replace(meeting, modality="planned", confidence=0.3)))
    triples = set(extraction_triples(ex))
    a, m = _eref(attack), _eref(meeting)
    assert (article_iri(GENEVA.article.id), KG.mainEvent, a) in triples
    assert (article_iri(GENEVA.article.id), KG.mainEvent, m) not in triples
    assert (a, KG.modality, Literal("asserted")) in triples
    assert (m, KG.modality, Literal("planned")) in triples
    assert (m, KG.confidence, Literal("0.30", datatype=XSD.decimal)) in triples
    assert all((statement_iri(s.id), KG.modality, Literal(s.modality)) in triples
               for s in GENEVA.statements)


@pytest.mark.parametrize(("location", "same_as"), [
    (Location(46.20222, 6.14569, 2660646, "population", "Geneva", "CH"),
     {"https://sws.geonames.org/2660646/"}),
    (Location(49.1597, 31.2528, 690791, "country", "Ukraine", "UA", "Q212"),
     {"https://sws.geonames.org/690791/", "http://www.wikidata.org/entity/Q212"}),
    (Location(-8.5, 179.2, None, "country", "Tuvalu", "TV", "Q672"),
     {"http://www.wikidata.org/entity/Q672"}),
])
def test_location_triples(location: Location, same_as: set[str]) -> None:
    actor = actor_iri(entity_id("Place", location.name))
    triples = set(location_triples(str(actor), location))
    point = geo_iri(str(actor))
    assert str(point) == str(actor).replace("/actor/", "/geo/")
    assert (actor, SCHEMA.geo, point) in triples
    assert {(point, RDF.type, GEO.Point), (point, RDF.type, SCHEMA.GeoCoordinates)} <= triples
    lat = Literal(f"{location.lat:.5f}", datatype=XSD.decimal)
    assert {(point, GEO.lat, lat), (point, SCHEMA.latitude, lat)} <= triples
    assert (point, GEO.long, Literal(f"{location.lon:.5f}", datatype=XSD.decimal)) in triples
    assert (point, KG.locationBasis, Literal(location.basis)) in triples
    assert {str(o) for s, p, o in triples if p == OWL.sameAs} == same_as
    assert not any(isinstance(t, BNode) for triple in triples for t in triple)
