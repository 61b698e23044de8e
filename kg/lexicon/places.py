"""Words of places: known places, the name words of facilities, roads, venues and sites, weather.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

#: First words of the names of storms, which are weather, not actors ("Storm Elowen").
WEATHER_WORDS: frozenset[str] = frozenset(
    "storm hurricane typhoon cyclone tropical tornado".split())


#: Last words of the names of buildings and sites: an "organisation" ending in one is a place
#: ("Long Beach Airport").
FACILITY_HEADS: frozenset[str] = frozenset(
    "Airport Airfield Plant Factory Stadium Arena Terminal Hangar".split()
)


#: Last words of the names of roads, bridges and venues ("Scenic Highway", "Third Mainland
#: Bridge", "Grace Road"), and first words of roads and stadiums ("Interstate 95", "Estádio
#: MorumBIS", "Avenida Paulista", "Rue de Rivoli", "Jalan Sudirman"): the name is a site, a
#: place, not a body.
ROUTE_VENUE_HEADS: frozenset[str] = frozenset(
    "Road Street Avenue Boulevard Highway Motorway Expressway Freeway Bridge Gymnasium".split())


ROUTE_VENUE_FIRST_WORDS: frozenset[str] = frozenset(
    "Interstate Estadio Estádio Stade Stadio Avenida Avinguda Rua Calle Rue Jalan".split())


#: Words that make a "Center" a site ("Delivery Center", "Convention Center"), where most
#: centres are institutions ("Tax Policy Center"); a bank or airline before it names an
#: arena after its sponsor ("American Airlines Center", "American Bank Center").
SITE_CENTER_WORDS: frozenset[str] = frozenset(
    """Delivery Convention Trade Shopping Space Exhibition Conference Visitor Visitors
    Distribution Data Sports Civic Test Training Assembly Maintenance Bank Airlines
    Airways""".split()
)


#: Last words of temples and shrines, and of protected areas with the word that makes them
#: one ("Borobudur Temple", "Komodo National Park", "Mudumalai Tiger Reserve", not the
#: "Federal Reserve"): a site, a place, as the written sets and CoNLL's LOC mark them.
LANDMARK_HEADS: frozenset[str] = frozenset("Temple Shrine Pagoda".split())


PROTECTED_AREA_WORDS: dict[str, frozenset[str]] = {
    "Park": frozenset("National Marine".split()), "Reserve": frozenset(
        "Nature Game Wildlife Tiger Forest Biosphere Marine".split())}


#: Well-known places spaCy's small model often mislabels (e.g. "Kyiv" as a person) or misses.
#: Multi-word names are listed whole: their words alone ("City", "East") are no places.
KNOWN_PLACES: frozenset[str] = frozenset((
    "Addis Ababa", "Buenos Aires", "Mexico City", "Middle East",
    *"""Kyiv Kiev Moscow Kharkiv Odesa Odessa Lviv Dnipro Zaporizhzhia Kherson Mariupol Donetsk
    Luhansk Donbas Crimea Bakhmut Avdiivka Pokrovsk Kupiansk Ternopil Sumy Chernihiv Geneva
    Brussels Washington Beijing London Paris Berlin Rome Madrid Warsaw Vienna Tokyo Seoul
    Istanbul Ankara Riyadh Doha Cairo Tehran Baghdad Damascus Beirut Jerusalem Gaza
    Miami Davos Belem Belém Bonn Minsk Tallinn Riga Vilnius Helsinki Stockholm Oslo Copenhagen
    Ottawa Delhi Mumbai Islamabad Kabul Jakarta Manila Hanoi Bangkok Singapore Sydney Canberra
    Nairobi Lagos Johannesburg Pretoria Khartoum Tripoli Tunis Algiers Rabat
    Brasilia Brasília Lima Bogota Bogotá Caracas Havana Santiago
    Europe Asia Africa Americas Balkans Arctic Sahel""".split()
))


#: Buildings named for the office inside them that news annotation types as a location, not
#: an organisation: CoNLL-2003 train labels "White House" LOC 12 times and "Kremlin" LOC 11
#: times (never ORG), MEANTIME "(the) White House" a place 3 times. The Pentagon is not one:
#: both sets label it ORG.
LANDMARK_SEATS: frozenset[str] = frozenset({"white house"})
