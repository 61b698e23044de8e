"""Country lookup by name, abbreviation or demonym, backed by pycountry, with the demonyms
of kg's own table completed from countryinfo's and from pycountry's currency names.

>>> lookup_country("U.S.").name
'United States'
>>> lookup_country("Russian").alpha_2
'RU'
>>> lookup_country("Philippine").name, lookup_country("Ivorian").alpha_2
('Philippines', 'CI')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from countryinfo import all_countries

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
    by_code = {c.alpha_2: c for c in by_name.values()}
    for demonym, code in packaged_demonyms().items():
        table.setdefault(demonym, by_code[code])
    return table


@lru_cache(maxsize=1)
def packaged_demonyms() -> dict[str, str]:
    """Return lowercase demonym → ISO alpha-2 code from packaged data, for the demonyms and
    adjectives kg's own table (:data:`kg.demonyms.DEMONYMS`) lacks: countryinfo's demonym
    of each country ("Ivorian", "Malagasy", "Fijian") and the adjective that opens like
    the country's name before the noun of its currency in pycountry ("Philippine Peso",
    "Kuwaiti Dinar"). A form two countries share ("Dominican", "Channel Islander"), a
    country's own name ("Djibouti") and a form joining two ("Kittian and Nevisian") are
    left out."""
    found: dict[str, set[str]] = {}
    for info in all_countries():
        for form in re.split(r"[,/]", info.demonym() or ""):
            found.setdefault(form.strip().lower(), set()).add(info.iso(2))
    countries = {c.alpha_2: c for c in pycountry.countries}
    for currency in pycountry.currencies:
        country = countries.get(currency.alpha_3[:2])  # "PHP": the Philippines' "PH"
        adjective = _currency_adjective(currency.name, country) if country else None
        if adjective:
            found.setdefault(adjective.lower(), set()).add(country.alpha_2)
    names = _country_names()
    return {form: code for form, (code, *others) in found.items()
            if form and not others and code in countries and form not in DEMONYMS and
            form not in names and " and " not in form}


#: Endings of the adjectives of countries ("Philippine", "Kuwaiti", "Jamaican", "Nepalese").
_ADJECTIVE_ENDINGS = ("an", "ese", "i", "ine", "ish", "ic")


def _currency_adjective(currency: str, country: object) -> str | None:
    """Return the adjective of ``country`` a currency's name puts before its noun, opening
    with the country's name's first four letters ("Philippine" of "Philippine Peso"), else
    None ("Fiji" of "Fiji Dollar" is the name, "Peso Uruguayo" is Spanish)."""
    name = getattr(country, "common_name", None) or country.name
    words = {w.lower() for w in re.split(r"[\s,()]+", f"{country.name} {name}")}
    return next((w for w in currency.split()[:-1] if w.isalpha() and w[:1].isupper() and
                 w.lower() not in words and w[:4].lower() == name[:4].lower() and
                 w.endswith(_ADJECTIVE_ENDINGS)), None)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Return the lowercase names pycountry and kg's aliases give countries ("Philippines" is
    the country, not the plural of the adjective "Philippine")."""
    names = set(COUNTRY_ALIASES) | {n.lower() for n in COUNTRY_DISPLAY.values()}
    for c in pycountry.countries:
        names.update(n.lower() for n in (c.name, getattr(c, "common_name", None),
                                         getattr(c, "official_name", None)) if n)
    return frozenset(names)


@lru_cache(maxsize=1)
def demonym_forms() -> frozenset[str]:
    """Return every lowercase demonym kg knows: its own table's and the packaged ones."""
    return frozenset(DEMONYMS) | frozenset(packaged_demonyms())


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
    if key.endswith("s") and key[:-1] in demonym_forms():  # "Russians", "Ukrainians"
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
    forms = demonym_forms()
    return (key in forms or (key.endswith("s") and key[:-1] in forms and
                             key not in _country_names())) and key not in ("u.s.",)


def surface_forms() -> list[str]:
    """Return every surface form the table knows (for the entity ruler)."""
    return sorted(_country_table())
