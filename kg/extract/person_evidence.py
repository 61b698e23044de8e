"""Evidence that a name is a person's, or is not: titles and honorifics before it, a given
name opening it, lists of full names and line-ups it is written in, an age after it; and what
says a given name is no person's (a land or water word, a body's word, initials in brackets,
a company's ways, a town named that way). :func:`kg.extract.type_votes.mention_votes` weighs it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.boilerplate import line_bounds, word_positions
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import per_doc, tokens
from kg.extract.knowledge import (
    is_city,
    is_continent,
    is_country_or_city,
    is_given_name,
    is_region_name,
)
from kg.extract.person_name_bounds import INITIAL_RE
from kg.extract.syntax import conjuncts
from kg.lexicon.organisations import BODY_HEADS, NAMED_BODY_HEADS, ORG_NAME_SUFFIXES
from kg.lexicon.people import HONORIFICS, TITLE_HEADS
from kg.lexicon.places import FACILITY_HEADS

#: Prepositions before a place, rarely before a person or a company ("fighting near Tavildara").
LOCATIVE = frozenset("in near outside around towards into".split())


@rule("person_evidence")
def person_evidence(span: Span) -> bool:
    """Return True when the words around a mention say it is a person: a title or honorific
    before it ("Ms Tanabe", "Midfielder Wrzesniak" after cleaning), a list of persons it is
    one of, an age after it ("Surendra Kumar Sinha, 70,"), or a given name starting a name
    of two or three words that ends in no company, body or road word ("Tomasz Wrzesniak")."""
    from kg.extract.actor_context_places import routes_and_venues
    from kg.extract.actor_context_titles import initials_like_honorific

    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in TITLE_HEADS | HONORIFICS and \
            not initials_like_honorific(doc[span.start - 1]):
        return True
    if listed_with_persons(span) or in_line_of_persons(span) or age_follows(span):
        return True
    last = span[-1].text
    if is_city(span.text) or is_region_name(span.text) or any(
            lookup_country(t.text) is not None for t in span):
        return False  # "San Jose", "Nova Scotia", "Thai Airways International"
    if _city_first_word(span):
        return False
    if initial_and_surname(span):
        return True
    return 2 <= len(span) <= 3 and len(span[0]) > 2 and is_given_name(span[0].text) and all(
        _name_cased(t) for t in span) and last not in (
        ORG_NAME_SUFFIXES | BODY_HEADS | NAMED_BODY_HEADS | FACILITY_HEADS) \
        and not _named_like_no_person(span) and not _given_name_disowned(span) \
        and not routes_and_venues(span)  # "Trent Bridge"


#: Capitalised nouns of land and water that open a place's name ("River Tay", "Lake Ohrid",
#: "Mount Kenya"), some of them also given names in the name lists.
_GEO_NAME_HEADS = frozenset(
    "River Lake Mount Cape Port Fort Bay Gulf Loch Glen Isle Island Sea Point".split())
#: Nouns of settlements that, capitalised after the first word, make a name a town's or a
#: club's ("Swindon Town", "Lion City Sailors"), never a person's surname.
_SETTLEMENT_WORDS = frozenset("City Town County Village Township".split())


def _named_like_no_person(span: Span) -> bool:
    """Return True when the words around a name opening with a given name say it is no
    person: a noun of land or water opens it ("the River Tay"), a settlement's noun follows
    the given name ("Dara Town", "Lion City Sailors"), the model reads the given name alone
    as a place elsewhere ("at Imara Racecourse ... at Imara"), its initials follow it in
    brackets ("Hanne Vik Institute (HVI)"), the model calls it no person after "the" ("the
    Rosa Talvo arts centre"), or a place after a locative word ("a plant in Mai Lan"), or it
    is coordinated only with names the model calls organisations ("Kessler Brandt and Orvo
    Partners advised")."""
    doc, label = span.doc, span.label_
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if span[0].text in _GEO_NAME_HEADS or _initials_follow(span) or any(
            t.text in _SETTLEMENT_WORDS for t in span[1:]) or \
            span[0].text in _model_places(doc):
        return True
    if label == "Person":
        return False
    return before == "the" or (label == "Place" and before in LOCATIVE) or \
        _listed_with_organisations(span)


@per_doc
def _model_places(doc: Doc) -> frozenset[str]:
    """Return the one-word names the model labels a place or a site somewhere in the article
    ("Imara" in "races at Imara on Friday")."""
    return frozenset(e.text for e in doc.ents if len(e) == 1 and
                     e.label_ in ("GPE", "LOC", "FAC"))


def _initials_follow(span: Span) -> bool:
    """Return whether the initials of a name's words follow it in brackets ("Hanne Vik
    Institute (HVI)"): news abbreviates bodies and companies so, not people."""
    doc, end = span.doc, span.end
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return False
    short = doc[end + 1].text
    return short.isupper() and short.replace("-", "") == "".join(t.text[0] for t in span)


def _listed_with_organisations(span: Span) -> bool:
    """Return whether the parse coordinates a name with other names only, each of them one
    the model labels an organisation and none opening with a given name ("Kessler Brandt
    and Orvo Partners"; not "Anna Berg and Jonas Lie", two persons the model missed)."""
    others = [t for t in conjuncts(span.root) if not span.start <= t.i < span.end]
    return bool(others) and all(
        t.ent_type_ == "ORG" and not is_given_name(_entity_start(t).text) for t in others)


def _entity_start(token: Token) -> Token:
    """Return the first token of the entity ``token`` is in."""
    doc, i = token.doc, token.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return doc[i]


#: Words inside the names of leagues, forces and firms that end no person's name
#: ("Major League Baseball", "the Coast Guard", "Hanseong Securities").
_NO_SURNAME_WORDS = frozenset("League Guard Securities".split())
#: Nouns of a company's money and people, after its name or possessive ("Kestrel's
#: revenue", "Kestrel shareholders"), not a person's ("Ms Dale's shares" is hers).
_COMPANY_ONLY_NOUNS = frozenset(
    """stock stocks revenue revenues profit profits earnings headquarters shareholders
    employees""".split())


@rule("given_name_disowned")
def _given_name_disowned(span: Span) -> bool:
    """Return True when a name starting with a given name is no person's all the same: a
    later word is a continent, or a city the article never writes alone, as it would a
    surname, while it writes the given name alone, as it would a club's short name ("Olek
    Gdansk ... Olek scored", not "Ana Sevilla ... Sevilla said"); a word of leagues and
    firms ("Major League Baseball"); or a word of it used like a company's name elsewhere
    in the article ("Kestrel shares fell", "shares of Kestrel")."""
    if any(t.text in _NO_SURNAME_WORDS or is_continent(t.text) for t in span[1:]):
        return True
    if _written_alone(span[0], 1) and any(
            is_city(t.text) and not _written_alone(t, -1) for t in span[1:]):
        return True
    return bool({t.text for t in span} & _company_words(span.doc))


def _written_alone(word: Token, side: int) -> bool:
    """Return whether the article writes a word of a name without its neighbour in the name
    (the word before it for ``side`` -1, after it for 1): "Sevilla" beside "Ana Sevilla"."""
    doc = word.doc
    toks = tokens(doc)
    beside = toks[word.i + side].text
    return any(not (0 <= i + side < len(toks) and toks[i + side].text == beside)
               for i in word_positions(doc)[word.text])


@per_doc
def _company_words(doc: Doc) -> frozenset[str]:
    """Return the capitalised words the article uses like a company's name: before a noun
    of a company's money or people ("Kestrel's revenue", "Kestrel shares") or after "shares
    of" ("Kestrel said it" says nothing: "it" is as often what a person said)."""
    return frozenset(t.text for t in doc if t.is_title and _used_like_company(t))


def _used_like_company(token: Token) -> bool:
    """Return whether a capitalised word is used like a company's name (see
    :func:`_company_words`)."""
    doc, i = token.doc, token.i
    after = [t.lower_ for t in doc[i + 1:i + 3]]
    if after and after[0] in ("'s", "’s") and len(after) > 1:
        after = after[1:]
    if after and (after[0] in _COMPANY_ONLY_NOUNS or (
            after[0] == "shares" and doc[i + 1].lower_ == "shares")):
        return True
    return i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in ("shares", "stock")


def _name_cased(token: Token) -> bool:
    """Return whether a word is cased like a name: a capital, then letters, inner capitals
    and apostrophes allowed ("Ava", "DuVernay", "McAteer", "O'Neill"; not "UN" or "3D")."""
    text = token.text
    letters = text.replace("'", "").replace("’", "")
    return len(text) > 1 and text[0].isupper() and letters.isalpha() and not text.isupper()


@rule("listed_with_persons")
def listed_with_persons(span: Span) -> bool:
    """Return True for a name in a list of two or more other names that the model labels
    persons, all of them full names ("Anna Berg, Jonas Lie and Kari Nygaard", a cabinet or
    a squad): the list is one of people. A city or a country is no person in any list."""
    if is_country_or_city(span.text):
        return False  # "Breisach, Kehl and Freiburg", two towns NER took for people
    others = [t for t in conjuncts(span.root) if not span.start <= t.i < span.end]
    return len(others) >= 2 and all(t.ent_type_ == "PERSON" and _full_name(t) for t in others)


#: Marks that part the names of a list line ("Ann Berg; Jon Lie, Kari Nygaard (Ola Dahl 71)").
_LIST_MARKS = frozenset(",;:()")


@rule("line_of_persons")
def in_line_of_persons(span: Span) -> bool:
    """Return True for a name between list marks on a line of names, not prose, where the
    model labels three or more other names persons' full names, and more than half of all
    ("Ann Berg; Jon Lie, Kari Nygaard, Ola Dahl.": a line-up or a cabinet), where the parse
    often finds no list. The full stop that ends a line ends its last name too."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    if not all(t is None or t.text in _LIST_MARKS or "\n" in t.text or _ends_line(t)
               for t in (before, after)) \
            or (before is not None and before.text == "(") or \
            (after is not None and after.text == ":"):
        return False  # "Ann Berg (Alton FC)", "Alton FC: Ann Berg; ...": a club
    start, end = line_bounds(doc.text, span.start_char, span.end_char)
    others = [e for e in doc.ents if start <= e.start_char and e.end_char <= end and
              e.label_ in _NAME_LABELS and not (e.start < span.end and span.start < e.end)]
    persons = sum(e.label_ == "PERSON" and len(e) > 1 for e in others)
    return persons >= 3 and 2 * persons > len(others) and _names_only(doc.char_span(
        start, end, alignment_mode="expand"))


def _ends_line(token: Token) -> bool:
    """Return whether a token is a full stop that ends its line ("... Ola Dahl.")."""
    doc = token.doc
    return token.text == "." and (token.i + 1 == len(doc) or "\n" in token.whitespace_ or
                                  "\n" in doc[token.i + 1].text)


def _names_only(line: Span) -> bool:
    """Return whether a line is names and marks, not prose: one word in five at most is a
    lower-case word ("Ann Berg; Jon Lie (Ola Dahl 71)", not "ALTON, Norway — A late goal
    from Ann Berg ...")."""
    words = [t for t in line if not t.is_space]
    return 5 * sum(t.is_lower and t.is_alpha for t in words) <= len(words)


#: The model's labels of names (not of dates, figures or quantities).
_NAME_LABELS = frozenset("PERSON ORG GPE LOC FAC NORP PRODUCT EVENT WORK_OF_ART".split())


def _full_name(token: Token) -> bool:
    """Return whether ``token`` ends a person entity of two words or more ("Jonas Lie")."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].ent_type_ == "PERSON" and \
        not token.ent_iob_ == "B"


@rule("initial_surname_person")
def initial_and_surname(span: Span) -> bool:
    """Return True for a name written as an initial and a surname ("H. Morris", "K.
    Curran"), the way results and scorer lists write players: a person; "N. Korea", which
    the model reads as a place, is none."""
    return len(span) == 2 and span.label_ not in ("Place", "Country") and \
        bool(INITIAL_RE.match(span[0].text)) and span[1].is_title and span[1].is_alpha and \
        span[1].text not in ORG_NAME_SUFFIXES | BODY_HEADS


@rule("age_apposition_person")
def age_follows(span: Span) -> bool:
    """Return True for a name of two or three words followed by an age between commas
    ("Surendra Kumar Sinha, 70, was ..."): news gives ages to people, not to places or
    bodies."""
    doc, end = span.doc, span.end
    if not 2 <= len(span) <= 3 or end + 3 > len(doc) or doc[end].text != "," or \
            doc[end + 2].text not in (",", ")"):
        return False
    age = doc[end + 1]
    return age.is_digit and 15 <= int(age.text) <= 110


@rule("city_first_not_person")
def _city_first_word(span: Span) -> bool:
    """Return True for a name the model saw as no person whose first word is a city
    ("the Houston Chronicle"): that word is no given name, whatever name lists say, unless
    the name stands in apposition to a title ("its president, Lucas Beber,") or is joined
    by "and" to a person's full name ("Ana Reyes and Paco Dizon")."""
    return span.label_ != "Person" and is_city(span[0].text) and \
        not _titled_apposition(span) and not _joined_to_person(span)


def _joined_to_person(span: Span) -> bool:
    """Return whether a name with no "the" before it is joined by "and" to a name the model
    labels a person's full name somewhere in the article ("Ana Reyes and Paco Dizon",
    "Paco Dizon and Ana Reyes"): names joined so are of one kind."""
    doc, root = span.doc, span.root
    if span.start > 0 and doc[span.start - 1].lower_ == "the":
        return False
    joined = [root.head] if root.dep_ == "conj" else []
    joined += [c for c in root.children if c.dep_ == "conj"]
    heads = _full_name_heads(doc) if joined else frozenset()
    return any(t.text in heads and t.text != span[-1].text and _and_between(span, t)
               for t in joined)


def _and_between(span: Span, token: Token) -> bool:
    """Return whether "and" stands between a name and a word of a name joined to it ("Ana
    Reyes and newcomer Paco Dizon"), not a list's comma alone ("Jon Lie, Kari Nygaard")."""
    doc = span.doc
    between = doc[token.i + 1:span.start] if token.i < span.start else doc[span.end:token.i]
    return any(t.lower_ == "and" for t in between)


def _full_name_heads(doc: Doc) -> frozenset[str]:
    """Return the last words of the names of two words or more that the model labels
    persons and a given name starts ("Maria Santos"; not "Garfield Elementary", a school
    named like its neighbour "Lincoln Elementary", which ends as it does)."""
    return frozenset(e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2
                     and is_given_name(e[0].text))


def _titled_apposition(span: Span) -> bool:
    """Return whether a name opening with a given name is in apposition to a title ("its
    president, Lucas Beber, said"): the title says whose name it is, a person's."""
    root = span.root
    return len(span) > 1 and is_given_name(span[0].text) and root.dep_ == "appos" and \
        root.head.lower_ in TITLE_HEADS


@rule("town_named_not_person")
def named_after_town(span: Span) -> bool:
    """Return True for a "person" named after a town: the town's name alone ("Livingston"),
    or a town then another word ("Manchester United"), the town no given name (so not
    "Houston Nutt"). Such a name is a person's only if nothing else says otherwise: a match
    result says it is a club."""
    if span.label_ != "Person":
        return False
    if len(span) == 1:
        return is_city(span.text) and not is_given_name(span.text)
    return any(is_city(span[:k].text) and not is_given_name(span[0].text)
               for k in range(1, len(span)))
