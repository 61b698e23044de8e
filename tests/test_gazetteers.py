"""Tests for kg.gazetteers: shared packaged data and the cached name tables."""

from __future__ import annotations

import marshal

import pytest

from kg import gazetteers
from kg.bucketed import BucketedTable, pack_tables, unpack_tables


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A private cache directory, and name tables read afresh from it."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    gazetteers.name_tables.cache_clear()
    yield tmp_path / "cache"
    gazetteers.name_tables.cache_clear()


def test_name_tables_are_cached_and_read_back_unchanged(cache_dir) -> None:
    built = gazetteers.name_tables()
    files = list(cache_dir.glob("name-tables-*.tables"))
    assert len(files) == 1
    gazetteers.name_tables.cache_clear()
    read = gazetteers.name_tables()
    assert isinstance(read.given_names, BucketedTable)
    assert read.materialized() == built.materialized() == gazetteers.build_name_tables()


def test_a_lookup_reads_only_the_buckets_it_needs(cache_dir) -> None:
    gazetteers.name_tables()
    gazetteers.name_tables.cache_clear()
    tables = gazetteers.name_tables()
    assert "tomasz" in tables.given_names and "turnout" not in tables.given_names
    assert sum(b is not None for b in tables.given_names._loaded) <= 2
    assert all(b is None for b in tables.places._loaded)
    tables.load_all()
    assert all(b is not None for b in tables.places._loaded)


_WRONG_KINDS = {"given_names": frozenset(), "folded_given_names": frozenset(),
                "folded_cities": {"oslo": "city"}, "places": {}, "genders": {},
                "capital_spellings": {}}


@pytest.mark.parametrize("junk", [
    b"", b"{not marshal", marshal.dumps({"given_names": 3}), marshal.dumps([1, 2]), b"\x00\xff",
    pack_tables(_WRONG_KINDS), pack_tables({"given_names": frozenset({"ann"})}),
    pack_tables(_WRONG_KINDS)[:-7], pack_tables(_WRONG_KINDS) + b"\x00",
])
def test_a_damaged_cache_is_rebuilt(cache_dir, junk: bytes) -> None:
    gazetteers.name_tables()
    path = next(cache_dir.glob("name-tables-*.tables"))
    path.write_bytes(junk)
    gazetteers.name_tables.cache_clear()
    tables = gazetteers.name_tables()
    assert "oslo" in tables.folded_cities
    assert tables.places.get("oslo") == "city"
    assert "given_names" in unpack_tables(path.read_bytes())


def test_an_unwritable_cache_only_costs_the_parse(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    gazetteers.name_tables.cache_clear()
    try:
        assert gazetteers.name_tables().places["oslo"] == "city"
    finally:
        gazetteers.name_tables.cache_clear()
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.parametrize(("spelling", "code"), [("kiev", "UA"),
                                                ("peking", None), ("philadelphia", None)])
def test_capital_spellings_are_cached_with_the_tables(cache_dir, spelling, code) -> None:
    gazetteers.name_tables()
    gazetteers.name_tables.cache_clear()
    assert gazetteers.name_tables().capital_spellings.get(spelling) == code


@pytest.mark.parametrize(("name", "gender"), [
    ("christine", "female"), ("tomasz", "male"), ("kim", "female"), ("casey", None),
    ("quist", None)])
def test_genders_follow_gender_guesser(name: str, gender: str | None) -> None:
    assert gazetteers.name_tables().genders.get(name) == gender


@pytest.mark.parametrize(("text", "folded"), [("Poznań", "poznan"), ("São Paulo", "sao paulo"),
                                              (" O’Neill ", "o'neill")])
def test_fold_name(text: str, folded: str) -> None:
    assert gazetteers.fold_name(text) == folded


def test_cities_and_countries_are_parsed_once() -> None:
    assert gazetteers.cities() is gazetteers.cities()
    assert gazetteers.countries()["NO"]["capital"] == "Oslo"


@pytest.mark.parametrize(("name", "state"), [("Harris County", "TX"), ("Cook County", "IL")])
def test_us_counties_name_their_state(name, state) -> None:
    assert state in {c["state"] for c in gazetteers.us_counties() if c["name"] == name}
