"""Country lookup by name, abbreviation or demonym, backed by pycountry.

>>> lookup_country("U.S.").name
'United States'
>>> lookup_country("Russian").alpha_2
'RU'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry

from kg.demonyms import COUNTRY_ALIASES, COUNTRY_DISPLAY, DEMONYMS


@dataclass(frozen=True)
class Country:
    """A country: display name and ISO 3166 codes."""

    name: str
    alpha_2: str
    alpha_3: str


@lru_cache(maxsize=1)
def _country_table() -> dict[str, Country]:
    """Return lowercase surface form → Country for every pycountry country plus our aliases."""
    table: dict[str, Country] = {}
    by_name: dict[str, Country] = {}
    for c in pycountry.countries:
        display = COUNTRY_DISPLAY.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        country = Country(display, c.alpha_2, c.alpha_3)
        by_name[display.lower()] = country
        for form in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                     display):
            if form:
                table.setdefault(form.lower(), country)
    kosovo = Country("Kosovo", "XK", "XKX")
    by_name["kosovo"] = table["kosovo"] = kosovo
    for alias, name in COUNTRY_ALIASES.items():
        if name.lower() in by_name:
            table[alias] = by_name[name.lower()]
    for demonym, name in DEMONYMS.items():
        if name.lower() in by_name:
            table.setdefault(demonym, by_name[name.lower()])
    return table


def normalise_surface(text: str) -> str:
    """Return the lowercase lookup key of a surface form (possessive and 'the' removed)."""
    key = text.strip().replace("’", "'").lower()
    for suffix in ("'s", "'"):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
            break
    if key.startswith("the "):
        key = key[4:]
    return key


def lookup_country(text: str) -> Country | None:
    """Return the country a name, abbreviation or demonym stands for, or ``None``."""
    key = normalise_surface(text)
    table = _country_table()
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in DEMONYMS:  # "Russians", "Ukrainians"
        return table.get(key[:-1])
    return None


def country_by_code(alpha_2: str) -> Country | None:
    """Return the country with an ISO 3166 alpha-2 code (display name as :func:`lookup_country`).

    >>> country_by_code("NO").name
    'Norway'
    """
    code = alpha_2.upper()
    return next((c for c in _country_table().values() if c.alpha_2 == code), None)


def is_demonym(text: str) -> bool:
    """Return True if ``text`` is a demonym/adjective rather than a country name."""
    key = normalise_surface(text)
    return (key in DEMONYMS or (key.endswith("s") and key[:-1] in DEMONYMS)) and key not in (
        "u.s.",
    )


def surface_forms() -> list[str]:
    """Return every surface form the table knows (for the entity ruler)."""
    return sorted(_country_table())
