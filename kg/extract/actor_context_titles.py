"""A person's name by its title: a title or honorific inside a name or beside it makes the
name a person's whatever NER called it ("Spokeswoman Sandy Angers", "Mr Widodo", "its chair,
Ann Berg-Lund"). Part of :mod:`kg.extract.actor_context`'s corrections.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.demonyms import NATIONALITY_NOUNS
from kg.extract.actor_patterns import AGENCY_HEADS, ORG_OF_HEADS
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import per_doc
from kg.extract.knowledge import is_city
from kg.lexicon.organisations import ORG_NAME_SUFFIXES
from kg.lexicon.people import HONORIFICS, ROLE_NOUNS, TITLE_HEADS, TITLE_WORDS


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
