"""Countries by name, code and demonym (kg.extract.countries): kg's own demonyms completed
from packaged data (countryinfo's demonyms, pycountry's currency names)."""

from __future__ import annotations

import pycountry
import pytest

from kg.extract.countries import (
    _currency_adjective,
    demonym_forms,
    is_demonym,
    lookup_country,
    packaged_demonyms,
)


@pytest.mark.parametrize(("surface", "code"), [
    ("Philippine", "PH"),  # the adjective before "Peso" in pycountry's currency names
    ("Kuwaiti", "KW"), ("Ivorian", "CI"), ("Malagasy", "MG"), ("Fijian", "FJ"),
    ("Jamaican", "JM"), ("Kuwaitis", "KW"), ("Senegalese", "SN"),
    ("Filipino", "PH"), ("Russian", "RU"),  # kg's own table
])
def test_a_packaged_demonym_names_its_country(surface, code):
    assert lookup_country(surface).alpha_2 == code
    assert is_demonym(surface)


@pytest.mark.parametrize(("surface", "code"), [
    ("Philippines", "PH"),  # the country, not the plural of "Philippine"
    ("Djibouti", "DJ"),  # countryinfo's "demonym" of Djibouti is its name
])
def test_a_country_s_name_is_no_demonym(surface, code):
    assert lookup_country(surface).alpha_2 == code
    assert not is_demonym(surface)


@pytest.mark.parametrize("form", [
    "dominican",  # Dominica's and the Dominican Republic's
    "channel islander",  # Jersey's and Guernsey's
    "kittian and nevisian",  # two islands' people joined
    "french",  # kg's own table keeps France's
])
def test_an_ambiguous_or_joined_form_is_not_taken_from_the_packages(form):
    assert form not in packaged_demonyms()
    assert (form in demonym_forms()) is (form == "french")


@pytest.mark.parametrize(("currency", "code", "adjective"), [
    ("Philippine Peso", "PH", "Philippine"),
    ("Kuwaiti Dinar", "KW", "Kuwaiti"),
    ("Fiji Dollar", "FJ", None),  # the country's name
    ("Peso Uruguayo", "UY", None),  # no adjective before the noun
    ("Surinam Dollar", "SR", None),  # an old name, no adjective's ending
    ("Afghani", "AF", None),  # the currency's own noun
])
def test_a_currency_s_name_gives_its_country_s_adjective(currency, code, adjective):
    assert _currency_adjective(currency, pycountry.countries.get(alpha_2=code)) == adjective
