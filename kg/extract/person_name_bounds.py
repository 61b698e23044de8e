"""Where a person's name starts and ends beside the words NER leaves out or takes in: a
given name before it, an apostrophe inside it, a surname after a first name, a name after a
bare title (the person-name half of :mod:`kg.extract.name_bounds`)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.countries import lookup_country
from kg.extract.knowledge import is_country_or_city, is_given_name
from kg.lexicon.organisations import BODY_HEADS, ORG_NAME_SUFFIXES
from kg.lexicon.people import HONORIFICS, TITLE_HEADS, TITLE_WORDS

#: Parts of speech of function words: a capitalised one opens a sentence ("In Kauhava, ..."),
#: whatever list of given names spells it the same way.
FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "PART"})


@rule("given_name_before", off=PASS_THROUGH)
def with_given_name_before(ent: Span) -> Span:
    """Return a person's name extended over the given name NER left out of it ("Councilwoman
    Ivy [Taylor]"): one capitalised given name right before, in no entity, that the tagger
    reads as no function word ("In Kauhava" stays "Kauhava")."""
    doc, start = ent.doc, ent.start
    if start == 0:
        return ent
    prev = doc[start - 1]
    if prev.is_title and prev.is_alpha and not prev.ent_type_ and \
            prev.pos_ not in FUNCTION_POS and (
            is_given_name(prev.text) or _titled_given_name(prev)) \
            and prev.lower_ not in TITLE_WORDS | HONORIFICS:
        return Span(doc, start - 1, ent.end, label=ent.label_)
    return ent


@rule("titled_given_name_before")
def _titled_given_name(word: Token) -> bool:
    """Return True for a capitalised word between a title or honorific and a person's
    surname ("CTO [Musty] Mustapha", "Dr [Wekesa] Barasa"): a given name no list needs to
    know."""
    doc = word.doc
    return word.i > 0 and not word.is_sent_start and doc[word.i - 1].lower_ in \
        TITLE_HEADS | HONORIFICS and not is_country_or_city(word.text)


#: A name word with an apostrophe inside it ("O'Brien", "Ma'ruf", "Matiang'i", "Ng'ang'a"):
#: the tokenizer splits a possessive ("Ruto's") off, so such a token is one word of a name.
APOSTROPHE_NAME_RE = re.compile(r"^[A-Z][a-z]*(?:['\u2019][A-Za-z][a-z]*)+$")


def apostrophe_name_word(token: Token) -> bool:
    """Return whether a token is a capitalised name word with an apostrophe inside it."""
    return bool(APOSTROPHE_NAME_RE.match(token.text)) and not token.ent_type_


@rule("apostrophe_name_parts", off=PASS_THROUGH)
def with_apostrophe_name_parts(ent: Span) -> Span:
    """Return a person's name extended over the words with an apostrophe inside them that NER
    left out on either side ("Fred [Matiang'i]", "[Ma'ruf] Amin"): such a word is a name's,
    whatever name lists say; a possessive is a token of its own."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start > 0 and apostrophe_name_word(doc[start - 1]):
        start -= 1
    while end < len(doc) and apostrophe_name_word(doc[end]):
        end += 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end,
                                                                  label=ent.label_)


#: A one-letter initial ("R.").
INITIAL_RE = re.compile(r"^[A-Z]\.$")


@rule("surname_after_first_name", off=PASS_THROUGH)
def with_surname_after(ent: Span) -> Span:
    """Return a one-word entity that is an initial or a given name extended over the
    surname NER left out after it ("R." tagged NORP before "Ponting", "Florian" before
    "Rousseau"), as a person: one capitalised proper noun right after, in no entity and
    not followed by another capitalised word; a country's or a city's name stays as it is.
    A name the model labels an organisation, listed with a name that is no person's
    ("products from [Huda] Beauty and L'Oréal Paris") or labelled so alone elsewhere in the
    article, is no person's: it stays as it is."""
    doc, end = ent.doc, ent.end
    if len(ent) != 1 or ent.label_ not in ("NORP", "ORG", "GPE", "LOC", "PERSON") or \
            end >= len(doc):
        return ent
    first, nxt = ent[0], doc[end]
    initial = bool(INITIAL_RE.match(first.text))
    if not initial and (not is_given_name(first.text) or ent.label_ == "PERSON" or
                        is_country_or_city(first.text)):
        return ent
    if "\n" in first.whitespace_ or not (nxt.is_title and nxt.is_alpha and len(nxt) > 1 and
                                         nxt.pos_ == "PROPN" and not nxt.ent_type_):
        return ent
    after = doc[end + 1] if end + 1 < len(doc) else None
    if after is not None and after.is_title and after.is_alpha and "\n" not in nxt.whitespace_:
        return ent
    if ent.label_ == "ORG" and (_listed_with_no_person(nxt) or _named_alone_elsewhere(ent)):
        return ent
    return Span(doc, ent.start, end + 1, label="PERSON")


def _named_alone_elsewhere(ent: Span) -> bool:
    """Return whether the model labels the word of a one-word entity, alone, as a name that
    is no person's at another place in the article ("[Kora] Telecom ... [Kora] bid"): the
    short name of a company, where news calls a person by the surname, not the given name."""
    return any(len(e) == 1 and e.start != ent.start and e.text == ent.text and
               e.label_ not in ("PERSON", "") for e in ent.doc.ents)


def _listed_with_no_person(token: Token) -> bool:
    """Return whether a word is coordinated with a word of a name the model labelled, and
    not as a person's ("Beauty" in "Huda Beauty and L'Oréal Paris")."""
    return any(t.ent_type_ not in ("", "PERSON") for t in token.conjuncts)


@rule("name_after_bare_title", off=PASS_THROUGH)
def with_name_after_title(ent: Span) -> Span:
    """Return a "person" that is only a title extended over the name after it that NER
    left out ("[Councilor] Pickett echoed ...", "[Mayor] Alvarado"): up to three
    capitalised proper nouns in no entity, none a country or a body's or company's word."""
    doc = ent.doc
    if ent.label_ != "PERSON" or not all(t.lower_ in TITLE_WORDS | HONORIFICS for t in ent):
        return ent
    end = ent.end
    while end < len(doc) and end - ent.end < 3 and doc[end].is_title and doc[end].is_alpha \
            and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and \
            doc[end].text not in ORG_NAME_SUFFIXES | BODY_HEADS and \
            lookup_country(doc[end].text) is None:
        end += 1
    return ent if end == ent.end else Span(doc, ent.start, end, label="PERSON")


@rule("given_name_makes_person", off=PASS_THROUGH)
def person_with_given_name(ent: Span) -> Span:
    """Return a one-word "organisation" or "place" after a given name NER left out as that
    person's full name ("Mikel [Oyarzabal]" tagged ORG → the person "Mikel Oyarzabal"); a
    country's name ("Chad") or a company word ("Motors") after it stays as it is."""
    doc, start = ent.doc, ent.start
    if len(ent) != 1 or ent.label_ not in ("ORG", "GPE", "LOC", "NORP", "FAC") or start == 0 \
            or not ent[0].is_title or ent.text in ORG_NAME_SUFFIXES | BODY_HEADS or \
            lookup_country(ent.text) is not None:
        return ent
    prev = doc[start - 1]
    if prev.is_title and prev.is_alpha and not prev.ent_type_ and prev.pos_ == "PROPN" and \
            not prev.is_stop and is_given_name(prev.text) and \
            prev.lower_ not in TITLE_WORDS | HONORIFICS:  # "In California" is no name
        return Span(doc, start - 1, ent.end, label="PERSON")
    return ent
