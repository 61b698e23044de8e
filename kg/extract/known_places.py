"""Places the gazetteers know by name, and the subdivisions and numbered parts of a city
written with their kind ("Travis County", "Kano State", "34th Ward"): evidence that a name is
a place whatever the model's label says (:mod:`kg.extract.types` weighs it)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.doc_memo import tokens
from kg.extract.knowledge import (
    continent_of_adjective,
    is_city,
    is_country_or_city,
    is_named_subdivision,
    is_region_name,
    is_subdivision_of_kind,
)


def names_a_known_place(words: Span) -> bool:
    """Return whether ``words`` name a country, city or region the gazetteers know."""
    text = words.text.replace("\n", " ")
    return is_country_or_city(text) or is_region_name(text)


def known_place(span: Span) -> bool:
    """Return whether the gazetteers know the name as a city, subdivision or US state, or
    it is named like a site ("Changi Airport", "Airbus Delivery Center"). Countries are left
    out on purpose (unlike :func:`names_a_known_place`): a country's name is typed a country
    before the votes (:func:`kg.extract.actor_context.actor_type`)."""
    from kg.extract.actor_context_places import _names_a_site
    from kg.extract.actor_type import place_names

    if _defined_abbreviation(span):
        return False  # "Christian Association of Nigeria (CAN)": no "Can", a Turkish town
    text = span.text.replace("\n", " ")
    return is_city(text) or text.lower() in place_names() or _names_a_site(span) or \
        continent_of_adjective(text) is not None or named_subdivision(span)


def _defined_abbreviation(span: Span) -> bool:
    """Return whether a one-word name in capitals is one the article defines as the
    abbreviation of a longer name ("... of Nigeria (CAN)"): that name's, whatever town a
    gazetteer spells the same way."""
    from kg.extract.actors import abbreviations

    return len(span) == 1 and span[0].is_upper and span.text in abbreviations(span.doc)


@rule("named_subdivision_place")
def named_subdivision(span: Span) -> bool:
    """Return whether the gazetteers know a name as a subdivision written with its kind
    ("Travis County", "Kiambu County", a state outside the US with "State": "Kano State"),
    or it is a numbered part of a city ("34th Ward"): a place, whatever a title of it or
    the learned classifier says."""
    text = span.text.replace("\n", " ")
    if text.startswith("the "):
        text = text[4:]
    return (is_named_subdivision(text) and not _acting_body(span)) or _numbered_part(span)


def _acting_body(span: Span) -> bool:
    """Return whether a subdivision's name is written after "the" as the subject of a verb
    ("the Kitui County cleared drains"): its government acting, a body. The place is
    written without the article ("Kitui County fired her") or after a preposition."""
    doc = span.doc
    the = span[0].lower_ == "the" or (span.start > 0 and doc[span.start - 1].lower_ == "the")
    return the and span.root.dep_ == "nsubj" and span.root.head.pos_ == "VERB"


def subdivision_before_kind(span: Span, after: Token) -> bool:
    """Return True for a subdivision's name before its kind in lower case (part of the rule
    ``geo_feature_place``), the kind pycountry gives it ("Rakhine state", "Sindh province",
    "the Kano state government"): a place, where a bare "state" after a name says nothing
    ("a police state")."""
    return after.is_lower and span.root.head.i >= span.end and \
        is_subdivision_of_kind(span.text, after.text)


def _numbered_part(span: Span) -> bool:
    """Return whether a name is a numbered part of a city or a state: an ordinal in figures
    before its kind ("34th Ward") or a number after it ("District 9")."""
    if len(span) != 2:
        return False
    first, last = span[0], span[1]
    return (bool(ORDINAL_RE.match(first.text)) and last.text in NUMBERED_PLACE_HEADS) or \
        (first.text in NUMBERED_PLACE_HEADS and last.is_digit and len(last.text) <= 3)


def unlisted_subdivisions(doc: Doc, covered: set[int]) -> list[Span]:
    """Return the two-word subdivisions written with their kind that no actor covers: the
    numbered parts of a city ("the 14th Ward", which the model leaves out, "District 9",
    which it reads as a date) and the names the gazetteers know ("Harlan County Sheriff"):
    places (:func:`named_subdivision`). A word in lower case makes none ("eastern
    province"), nor do two words after a proper noun, which are part of a longer name
    ("Seoul Central District Court")."""
    found = []
    toks = tokens(doc)
    for i in range(len(toks) - 1):
        if covered & {i, i + 1} or \
                any(t.is_alpha and t.is_lower or t.ent_type_ not in _FIGURE_TYPES
                    for t in toks[i:i + 2]) or (i > 0 and toks[i - 1].pos_ == "PROPN"):
            continue
        span = Span(doc, i, i + 2, label="Place")
        if named_subdivision(span):
            found.append(span)
    return found


#: An ordinal in figures ("34th", "1st").
ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th)$")
#: Parts of a city or a state that are numbered ("34th Ward", "5th District", "District 9").
NUMBERED_PLACE_HEADS = frozenset("Ward District Precinct Arrondissement".split())
#: The model's labels for no name, which a numbered place may carry ("District 9": DATE).
_FIGURE_TYPES = frozenset({"", "DATE", "CARDINAL", "ORDINAL"})
