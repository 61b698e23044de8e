"""Tests for kg.bucketed: lookup tables packed in buckets, read on first use."""

from __future__ import annotations

import pytest

from kg.bucketed import BucketedTable, bucket_of, pack_tables, unpack_tables

TABLES = {
    "towns": frozenset({"kelburn", "dunmore", "são tomé", "", "quillan"}),
    "kinds": {"kelburn": "town", "dunmore": "village", "são tomé": "city"},
}


@pytest.mark.parametrize("buckets", [1, 3, 64])
def test_tables_read_back_unchanged(buckets: int) -> None:
    tables = unpack_tables(pack_tables(TABLES, buckets=buckets))
    assert {name: table.materialize() for name, table in tables.items()} == TABLES
    assert [tables["towns"].kind, tables["kinds"].kind] == ["set", "dict"]
    assert [len(tables["towns"]), len(tables["kinds"])] == [5, 3]


@pytest.mark.parametrize(("key", "in_towns", "kind"), [
    ("kelburn", True, "town"), ("são tomé", True, "city"), ("quillan", True, None),
    ("", True, None), ("Kelburn", False, None), ("rotterdam", False, None),
    ("\udcff", False, None), (3, False, None), (None, False, None),
])
def test_lookups_answer_as_the_whole_tables_do(key, in_towns: bool, kind) -> None:
    tables = unpack_tables(pack_tables(TABLES, buckets=8))
    assert (key in tables["towns"]) is in_towns is (key in TABLES["towns"])
    assert tables["kinds"].get(key) == kind == TABLES["kinds"].get(key)
    assert tables["kinds"].get(key, "?") == TABLES["kinds"].get(key, "?")


def test_missing_keys_raise_key_error() -> None:
    kinds = unpack_tables(pack_tables(TABLES))["kinds"]
    assert kinds["dunmore"] == "village"
    for key in ("rotterdam", 3):
        with pytest.raises(KeyError):
            kinds[key]


def test_only_the_bucket_of_a_key_is_read() -> None:
    towns = unpack_tables(pack_tables(TABLES, buckets=64))["towns"]
    assert "dunmore" in towns and "rotterdam" not in towns
    read = [i for i, bucket in enumerate(towns._loaded) if bucket is not None]
    assert read == sorted({bucket_of("dunmore", 64), bucket_of("rotterdam", 64)})
    towns.load_all()
    assert None not in towns._loaded


def test_buckets_are_the_same_in_every_process() -> None:
    assert bucket_of("kelburn", 4096) == 1680867804 % 4096  # crc32, not the salted hash()


@pytest.mark.parametrize("data", [
    b"", b"kgbt1\n", b"something else entirely", pack_tables(TABLES)[:-1],
    pack_tables(TABLES) + b"\x00", pack_tables(TABLES)[:20],
])
def test_damaged_packs_are_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        unpack_tables(data)


def test_tables_are_bucketed_tables() -> None:
    assert all(isinstance(t, BucketedTable) for t in unpack_tables(pack_tables(TABLES)).values())
