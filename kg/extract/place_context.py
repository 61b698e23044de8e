"""Where the words around a name say it is a place, beyond the one word before it.

:mod:`kg.extract.types` votes "Place" for a name right after a locative word ("in
Nugegoda"). News also lists places after one preposition ("prices in Rajagiriya and
Nugegoda"), counts them by their kind in the plural ("the Binga and Hwange districts", "the
provinces of Lao Cai, Yen Bai and Ha Giang"), and moves people and goods between places
("a poet from Chitungwiza", "trains to Eskisehir", "units at Kusile"). These rules read
that evidence; the prepositions that also take organisations and persons ("at Google", "a
letter from Smith") count only for a name a gazetteer knows or the learned classifier
confidently calls a place.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from kg.ablation import rule
from kg.extract.actor_type import CONFIDENT, classify_actor
from kg.extract.countries import is_demonym
from kg.extract.person_evidence import LOCATIVE
from kg.extract.short_forms import head_token
from kg.extract.syntax import POSSESSIVES, first_conjunct
from kg.lexicon.organisations import (
    BODY_HEADS,
    INSTITUTION_HEADS,
    NAMED_BODY_HEADS,
    ORG_NAME_SUFFIXES,
)
from kg.lexicon.people import PERSON_NOUNS, TITLE_HEADS

#: Plurals and local kinds of land areas ("the Binga and Hwange districts", "Ukhiya
#: upazila", "North Sinai governorate"), beside the singular nouns of
#: :data:`kg.extract.type_votes.GEO_FEATURE_NOUNS`.
MORE_GEO_NOUNS = frozenset(
    """provinces regions districts counties villages towns cities suburbs municipalities
    prefectures townships neighbourhoods neighborhoods upazila upazilas governorate
    governorates constituency constituencies""".split())
#: Prepositions of place or motion whose object may also be a body or a person ("units at
#: Kusile", "staff at Google", "trains to Eskisehir", "a letter to Smith"): evidence for a
#: name known as a place (or confidently called one), not alone. Not "between", which
#: also joins rivals ("a contest between Boeing and Northrop").
WIDE_LOCATIVE = LOCATIVE | frozenset(
    "at to across throughout via over on up down along".split())
#: Of those, the ones that take persons and bodies as often as places ("an analyst at
#: Bernstein", "spoke to Tinashe Gumbo", "centred on Waikato-Tainui").
_PERSONAL_PREPOSITIONS = frozenset({"to", "from", "on"})


@rule("geo_noun_plurals", off=frozenset())
def more_geo_nouns() -> frozenset[str]:
    """Return the plural and local nouns of land areas that say the name before them (or
    after "of") is a place, as the singular ones do ("the Chipinge and Hwange districts",
    "the provinces of Lao Cai and Yen Bai", "Ukhiya upazila")."""
    return MORE_GEO_NOUNS


@rule("locative_conjunct_place")
def conjunct_place_evidence(span: Span) -> bool:
    """Return True for a name listed after another that a locative word governs ("prices
    in Rajagiriya and Nugegoda", "stays behind in Aparri, Buguey or Gonzaga"): the list
    shares the preposition, so each name is where the first is; "in" counts, as for the
    first name, only against a person's or a group's label ("a stake in Opel and Fiat"); a
    name ending in a body's word is none ("near Canefield, the Regulatory Commission")."""
    root = span.root
    if root.dep_ != "conj" or span[-1].text in BODY_HEADS | ORG_NAME_SUFFIXES:
        return False  # "near Canefield, the ... Regulatory Commission said": no list
    first = first_conjunct(root)
    prepositions = LOCATIVE if span.label_ in ("Person", "Group") else LOCATIVE - {"in", "into"}
    return first.dep_ == "pobj" and first.head.lower_ in prepositions and \
        first.head.i < span.start and not _possessive_after(span)


@rule("locative_group_place")
def group_place_evidence(span: Span) -> bool:
    """Return True for a name the model calls a group (NORP) that no demonym list knows,
    governed by a locative word ("selling land in Mabvuku", "plants at Olkaria") or
    written before a lower-case noun of land ("the Chipinge district", "the Binga and
    Hwange districts"): the model calls a
    town it does not know its people; a nationality ("in French", "Kurdish areas") stays
    a group."""
    if span.label_ != "Group" or is_demonym(span.text) or _possessive_after(span):
        return False
    token = first_conjunct(span.root)
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE | {"at"} and \
            token.head.i < span.start:
        return True
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.is_lower and \
        after.lower_ in MORE_GEO_NOUNS | {"district", "county", "province", "region"} and \
        first_conjunct(span.root).head.i == after.i


@rule("wide_locative_known_place")
def widely_placed(span: Span) -> bool:
    """Return True when a preposition of place or motion governs a mention, itself or
    through the names listed with it ("units at Kusile", "between Garissa and Madogo",
    "trains to Eskisehir"), or "from" says where someone or something comes from (its head
    no verb: "a poet from Chitungwiza", "silk from Lyon", "He is from Louth"; not "joined
    Milan from Torino"); "at" after a job names an employer ("an analyst at Bernstein"), an
    abbreviation after "the" a body ("to the GAO"). Asked
    only of a name a gazetteer knows as a place or the learned classifier confidently
    calls one."""
    token = first_conjunct(span.root)
    if token.dep_ != "pobj" or token.head.i > span.start or _possessive_after(span) or \
            _abbreviation_after_the(span):
        return False
    prep = token.head
    if prep.lower_ == "at" and prep.head.lemma_.lower() in PERSON_NOUNS | TITLE_HEADS:
        return False  # "an analyst at Bernstein": an employer
    if prep.lower_ in WIDE_LOCATIVE:
        return True
    return prep.lower_ == "from" and _origin_from(prep)


def _placed_as_no_body(span: Span) -> bool:
    """Return whether a mention is :func:`widely_placed` by a preposition that seldom
    takes a person or a body (not "to", "from", "on": "spoke to Tinashe Gumbo", "centred
    on Waikato-Tainui"), and not as "in the <name>", where courts, records and committees
    are named ("in the High Court", "in the Congressional Record")."""
    doc = span.doc
    prep = first_conjunct(span.root).head
    in_the = prep.lower_ in ("in", "into") and span.start > 0 and \
        doc[span.start - 1].lower_ == "the"
    return prep.lower_ not in _PERSONAL_PREPOSITIONS and not in_the and widely_placed(span)


@rule("learned_place_by_locative", off=None)
def learned_place(voted: str, tally: Counter, mentions: list[Span]) -> str | None:
    """Return "Place" for a name the votes made an organisation or a group on the model's
    labels alone when the learned classifier confidently calls it a place (p ≥ CONFIDENT)
    and a preposition of place or motion governs one of its mentions
    (:func:`widely_placed`, not "in the": "a hill climb in Uludag", "up the Bosphorus",
    "workshops in Normandy"; not "in the High Court"); else None. The classifier's choice
    of a place needs a gazetteer or the context's word
    (:func:`kg.extract.type_overrides.learned_type`); this is the context's. A name whose
    head is a body's or an institution's ("held at the Szeged Chess Museum", "a service at
    the Uniting Church of Tuvalu") is no place by the preposition alone."""
    if voted not in ("Organization", "Group") or \
            tally[voted] > sum(m.label_ == voted for m in mentions) or \
            _institution_name(mentions[0]) or not any(map(_placed_as_no_body, mentions)):
        return None
    guess = classify_actor(mentions)
    return "Place" if guess.label == "Place" and guess.probability >= CONFIDENT else None


#: The complement a body's or institution's name is cut at to find its head.
_OF = frozenset({"of"})


def _institution_name(span: Span) -> bool:
    """Return whether a name's head (its last word, or the word before its first "of") is
    a body's or an institution's ("Hungarian Chess Union", "Church of Tuvalu")."""
    return head_token(span, _OF).text in NAMED_BODY_HEADS | INSTITUTION_HEADS


def _origin_from(prep: Token) -> bool:
    """Return whether "from" tells an origin: it hangs on a noun or on "be" ("a
    22-year-old from", "is from"), not on a verb of moving or taking."""
    head = prep.head
    return head.pos_ in ("NOUN", "PROPN", "NUM") or head.lemma_ == "be"


def _abbreviation_after_the(span: Span) -> bool:
    """Return whether a mention is one word in capitals after "the" ("to the GAO"): a body's
    abbreviation, whatever town a gazetteer spells the same way (Gao)."""
    doc = span.doc
    return len(span) == 1 and span[0].is_upper and span.start > 0 and \
        doc[span.start - 1].lower_ == "the"


def _possessive_after(span: Span) -> bool:
    """Return whether a possessive ending follows a mention ("in Apple's plans")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in POSSESSIVES
