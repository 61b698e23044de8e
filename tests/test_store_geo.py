"""Tests for kg.store.geo: places and countries get their point, GeoNames and Wikidata links
in the actors graph, decided from the whole store (any order of articles, removals included)."""

from __future__ import annotations

import itertools

import pytest
from records import extractions

from kg.model import Article, Entity, Extraction, Mention, entity_id
from kg.rdf import ACTORS_GRAPH, KGID
from kg.store import KGStore
from kg.validate import validate_store

LOCATIONS = """
SELECT ?name ?lat ?long ?basis ?same WHERE {
  ?a kg:name ?name ; schema:geo ?p .
  ?p geo:lat ?lat ; geo:long ?long ; kg:locationBasis ?basis .
  OPTIONAL { ?a owl:sameAs ?same }
} ORDER BY ?name ?same
"""


def article(name: str, text: str, places: dict[str, str]) -> Extraction:
    """Return an extraction of ``text`` naming each ``places`` key with its actor type."""
    a = Article(id=f"geo-{name}", title=name, text=text, published="2025-06-01",
                source=f"tests/{name}.txt")
    entities = []
    for place, type_ in places.items():
        start = text.index(place)
        code = {"Ukraine": "UA", "Russia": "RU", "Venezuela": "VE", "Spain": "ES"}.get(place)
        entities.append(Entity(id=entity_id(type_, place), name=place, type=type_,
                               mentions=(Mention(place, start, start + len(place), 0),),
                               country_code=code))
    return Extraction(article=a, entities=tuple(entities), model="test")


# Sentences written for these tests.
BAKERY = article("bakery", "A new bakery opened in Pokrovsk on Monday.", {"Pokrovsk": "Place"})
FRONT = article("front", "Ukraine said shelling near Pokrovsk eased overnight.",
                {"Ukraine": "Country", "Pokrovsk": "Place"})
ORANGES = article("oranges", "Growers in Valencia, Spain, expect a record orange harvest.",
                  {"Valencia": "Place", "Spain": "Country"})
OIL = article("oil", "Venezuela plans a new refinery outside Valencia.",
              {"Venezuela": "Country", "Valencia": "Place"})


def locations(store: KGStore) -> list[tuple]:
    """Return (name, lat, long, basis, sameAs) rows, values as text."""
    return [tuple(None if r[k] is None else str(r[k])
                  for k in ("name", "lat", "long", "basis", "same"))
            for r in store.query(LOCATIONS)]


def points(store: KGStore) -> int:
    """Return how many geo:Point nodes the actors graph holds."""
    rows = list(store.query(f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH <{ACTORS_GRAPH}>"
                            " { ?p a geo:Point } }"))
    return int(rows[0]["n"])


def located(store: KGStore, name: str) -> str | None:
    """Return the GeoNames IRI of the actor called ``name``, or None."""
    rows = [r for r in locations(store) if r[0] == name and "geonames" in (r[4] or "")]
    return rows[0][4] if rows else None


def store_of(*batches: list[Extraction]) -> KGStore:
    store = KGStore.open(None)
    for batch in batches:
        store.add_batch(batch)
    return store


def test_sample_records_get_points_and_links() -> None:
    store = store_of(extractions())
    rows = locations(store)
    names = {r[0] for r in rows}
    assert {"Geneva", "Ternopil", "Brussels", "Russia", "Ukraine", "United States"} <= names
    assert ("Ukraine", "49.1597", "31.2528", "country",
            "http://www.wikidata.org/entity/Q212") in rows
    assert located(store, "Ukraine") == "https://sws.geonames.org/690791/"
    assert located(store, "Ternopil") == "https://sws.geonames.org/691650/"
    assert points(store) == len(names)
    assert validate_store(store).conforms


def test_order_of_articles_does_not_matter() -> None:
    results = set()
    for order in itertools.permutations([BAKERY, FRONT, ORANGES, OIL]):
        store = store_of(*([x] for x in order))
        results.add(tuple(locations(store)))
    together = store_of([BAKERY, FRONT, ORANGES, OIL])
    assert results == {tuple(locations(together))}


@pytest.mark.parametrize(("batches", "place", "geonames"), [
    ([[BAKERY]], "Pokrovsk", None),                      # too small to place unaided
    ([[BAKERY], [FRONT]], "Pokrovsk", 704422),           # another article names Ukraine
    ([[ORANGES]], "Valencia", 2509954),                  # Spain named beside it
    ([[OIL]], "Valencia", 3625549),                      # Venezuela named beside it
])
def test_named_countries_of_every_article_decide(batches, place: str,
                                                 geonames: int | None) -> None:
    expected = f"https://sws.geonames.org/{geonames}/" if geonames else None
    assert located(store_of(*batches), place) == expected


def test_removing_the_evidence_unplaces_and_leaves_no_orphan_points() -> None:
    store = store_of([BAKERY], [FRONT])
    assert located(store, "Pokrovsk") == "https://sws.geonames.org/704422/"
    store.remove_article(FRONT.article.id)
    assert located(store, "Pokrovsk") is None
    assert points(store) == 0  # Ukraine went with its only article, Pokrovsk has no point
    store.remove_article(BAKERY.article.id)
    assert points(store) == 0 and locations(store) == []


def test_rebuilding_an_article_keeps_one_point_each() -> None:
    store = store_of([FRONT])
    store.add_batch([FRONT])
    store.add_batch([FRONT, ORANGES])
    rows = locations(store)
    assert points(store) == 4
    assert len([r for r in rows if r[0] == "Pokrovsk"]) == 1
    assert validate_store(store).conforms


def test_shapes_catch_a_point_out_of_range() -> None:
    store = store_of([FRONT])
    store.ox.update(
        "DELETE { GRAPH ?g { ?p geo:lat ?x } } INSERT { GRAPH ?g { ?p geo:lat 123.5 } }"
        " WHERE { GRAPH ?g { ?p a geo:Point ; geo:lat ?x } }",
        prefixes={"geo": "http://www.w3.org/2003/01/geo/wgs84_pos#"})
    report = validate_store(store)
    assert not report.conforms
    assert [m for _, _, m in report.violations] == [
        "geo:lat must be one decimal in [-90, 90]"] * 2  # Ukraine's point and Pokrovsk's


@pytest.mark.parametrize("few_refs", [0, 8])  # graphs' mentions read, or references looked up
@pytest.mark.parametrize(("batches", "expected"), [
    ([[ORANGES]], {"Valencia": {"ES"}}),
    ([[ORANGES, OIL]], {"Valencia": {"ES", "VE"}}),     # one place, two countries' articles
    ([[ORANGES], [OIL], [BAKERY, FRONT]], {"Valencia": {"ES", "VE"}, "Pokrovsk": {"UA"}}),
    ([[BAKERY]], {}),                                    # no country named beside it
])
def test_named_countries_are_those_an_article_names_beside_the_place(
        batches, expected, few_refs: int, monkeypatch) -> None:
    from kg.geo import evidence_codes
    from kg.store.geo import _located_actors, _named_countries

    monkeypatch.setattr("kg.store.geo.FEW_REFS", few_refs)
    store = store_of(*batches)
    actors = _located_actors(store.ox, None)
    wanted = {iri: evidence_codes(name) for iri, type_, name, _ in actors if type_ == "Place"}
    names = {iri: name for iri, _, name, _ in actors}
    found = _named_countries(store.ox, {k: v for k, v in wanted.items() if v})
    assert {names[k]: v for k, v in found.items()} == expected


@pytest.mark.parametrize("names", [
    ["Valencia"], ["Spain", "Pokrovsk"], ["Valencia", "Venezuela", "Ukraine"], [],
])
def test_located_actors_looked_up_are_those_of_every_actor(names: list[str]) -> None:
    from kg.store.geo import _located_actors

    store = store_of([ORANGES, OIL], [BAKERY, FRONT])
    every = _located_actors(store.ox, None)
    assert sorted(name for _, _, name, _ in every) == [
        "Pokrovsk", "Spain", "Ukraine", "Valencia", "Venezuela"]
    assert {name: (type_, code) for _, type_, name, code in every}["Spain"] == ("Country", "ES")
    iris = [iri for iri, _, name, _ in every if name in names]
    not_located = str(KGID) + "actor/nobody"  # an IRI the actors graph does not hold
    assert _located_actors(store.ox, [*iris, not_located]) == [
        row for row in every if row[0] in iris]
