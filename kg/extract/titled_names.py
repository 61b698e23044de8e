"""A person's name NER ran together with the office or title written before it and typed as
a body: "Minister for [Housing Darragh Coughlan]" (the office's field, then its holder) tagged ORG,
and "[GM Ivo Markel]" (a title of the article's field no list holds). Each rule returns the
span relabelled (and cut) as a person, or the entity unchanged.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import per_doc
from kg.extract.knowledge import is_given_name
from kg.extract.known_places import names_a_known_place
from kg.lexicon.organisations import NAMED_BODY_HEADS
from kg.lexicon.people import (
    HONORIFICS,
    PERSON_NOUNS,
    TITLE_HEADS,
    TITLE_WORDS,
)

#: NER labels of the entities a person's name can hide in.
OTHER_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
#: Characters that join the parts of one name word ("MacLeod-Grant", "O'Neill").
NAME_JOINERS = frozenset("-'\u2019")


def _name_words(words: Span) -> int | None:
    """Return how many words a run of capitalised words holds (hyphens and apostrophes join
    parts of one word), or ``None`` when a token is no part of a name (lower case, a figure,
    a title word, a country's name or demonym)."""
    count = 0
    for token in words:
        if token.text in NAME_JOINERS:
            continue
        letters = token.text.replace("'", "").replace("\u2019", "")
        if not (letters.isalpha() and token.text[:1].isupper()) or \
                token.lower_ in TITLE_WORDS | HONORIFICS or lookup_country(token.text):
            return None
        count += 0 if token.i > words.start and token.nbor(-1).text in NAME_JOINERS else 1
    return count


def _holder_name(doc_words: Span) -> bool:
    """Return whether words can be a person's full name: two or three name words
    (:func:`_name_words`), the last no word a body's name ends in ("Group", "Trust")."""
    return _name_words(doc_words) in (2, 3) and \
        doc_words[-1].text not in NAMED_BODY_HEADS


def _capitalised_office(prep: Token) -> bool:
    """Return whether "for" hangs on a capitalised office before it ("Minister for",
    "Commissioner for", "Member for"): an office's name, not a lower-case job ("a
    spokesman for Royal Dutch Shell": an employer)."""
    office = prep.head
    return office.i < prep.i and office.is_title and \
        office.lower_ in TITLE_HEADS | PERSON_NOUNS


@rule("person_after_office_field", off=PASS_THROUGH)
def person_after_office_field(ent: Span) -> Span:
    """Return the holder's name at the end of an "organisation" NER ran from the field of a
    capitalised office named with "for" to the person holding it ("Minister for [Housing
    Darragh Coughlan]", "Commissioner for [Transportation Ade Bello]", "Member for
    [Kalgoorlie Ana Roe]" → the person): the field is its first word and any title words
    after it ("Foreign Affairs"), or it ends before a given name; the rest is two or three
    name words. Else the entity unchanged (`person_after_office` reads the offices "of")."""
    doc = ent.doc
    if ent.label_ not in OTHER_LABELS or ent.start < 2 or len(ent) < 3 or \
            doc[ent.start - 1].lower_ != "for" or not _capitalised_office(doc[ent.start - 1]):
        return ent
    start = next((t.i for t in ent[1:-1] if is_given_name(t.text)), None)
    if start is None:
        start = ent.start + 1
        while start < ent.end and doc[start].lower_ in TITLE_WORDS:
            start += 1
    name = doc[start:ent.end]
    if not name or not _holder_name(name) or doc[ent.start].lower_ in HONORIFICS:
        return ent
    return Span(doc, start, ent.end, label="PERSON")


def office_field_place(ent: Span, holder: Span) -> Span | None:
    """Return the field :func:`person_after_office_field` cut off before the holder's name as
    a place actor when a gazetteer knows it as a country, city or region (the seat of
    "Member for [Kalgoorlie] Ana Roe"), else ``None`` ("Minister for Housing": no actor)."""
    if holder.start <= ent.start:
        return None
    field = ent.doc[ent.start:holder.start]
    if not names_a_known_place(field):
        return None
    return Span(ent.doc, field.start, field.end,
                label="Country" if lookup_country(field.text) else "Place")


def _prefix_candidate(word: Token) -> bool:
    """Return whether a capitalised word could be a title the lexicons lack: no given name,
    no title word they know, no country or demonym ("American Ana Roe") and no word the
    model calls a person, a people or a place."""
    return word.is_alpha and word.text[:1].isupper() and not is_given_name(word.text) and \
        word.lower_ not in TITLE_WORDS | HONORIFICS and lookup_country(word.text) is None \
        and word.ent_type_ not in ("PERSON", "NORP", "GPE", "LOC")


@per_doc
def _article_titles(doc: Doc) -> dict[str, frozenset[str]]:
    """Return the capitalised words the article writes right before two or more different
    names of persons, alone or opening an entity NER ran on over the name ("GM Ana
    Pertova", "GM Lev Karsky", "[GM Ivo Markel]" tagged ORG; "Sister Ana Obi" and "Sister
    Obi"), with those names: titles of the article's field ("GM" and "IM" of chess, a
    religious sister's style) that no list holds, the word staying while the name after it
    changes."""
    full: dict[str, set[str]] = {}  # word → the full names written after it
    short: dict[str, set[str]] = {}  # word → the one-word names NER ran together with it
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start > 0 and _prefix_candidate(doc[ent.start - 1]):
            if _holder_name(ent):
                full.setdefault(doc[ent.start - 1].text, set()).add(ent.text)
        elif len(ent) == 1 and _prefix_candidate(ent[0]):
            named = _following_name(doc, ent.end)  # "[GM] R R Laxman": no person entity
            if named:
                full.setdefault(ent.text, set()).add(named)
        elif ent.label_ != "PERSON" and len(ent) >= 2 and _prefix_candidate(ent[0]):
            rest = ent[1:]
            if len(rest) >= 2 and is_given_name(rest[0].text) and _holder_name(rest):
                full.setdefault(ent[0].text, set()).add(rest.text)
            elif _name_words(rest) == 1:
                short.setdefault(ent[0].text, set()).add(rest.text)
    titles = {}
    for word, names in full.items():
        surnames = {name.split()[-1] for name in names} & short.get(word, set())
        if len(names) >= 2 or surnames:
            titles[word] = frozenset(names | surnames)
    return titles


@rule("article_title_prefix", off=PASS_THROUGH)
def without_article_title(ent: Span) -> Span | None:
    """Return an entity without the title the article writes before many persons' names
    (:func:`_article_titles`): ``None`` for the title alone, before a name or not ("[GM]
    Lev Karsky", "a [GM] norm": no actor), the person's name for the title and a name NER ran
    together ("[GM Ivo Markel]" tagged ORG → the person "Ivo Markel"), or the title and the
    last word of a name it comes before elsewhere ("[Sister Obi]" beside "Sister Ana Obi");
    else the entity."""
    doc = ent.doc
    if not ent or ent[0].text not in _article_titles(doc):
        return ent
    if len(ent) == 1:
        return None
    surnames = {name.split()[-1] for name in _article_titles(doc)[ent[0].text]}
    if ent.label_ == "PERSON" or _holder_name(ent[1:]) or ent[1:].text in surnames:
        return Span(doc, ent.start + 1, ent.end, label="PERSON")
    return ent


def _name_follows(doc: Doc, i: int) -> bool:
    """Return whether a person's name starts at token ``i``: a person entity, or two or
    three name words, whatever NER made of them ("GM [Ana Pertova]" untagged, "GM Maxime
    [Vachier-Lagrave]" tagged ORG)."""
    if i >= len(doc):
        return False
    if doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B":
        return True
    return any(i + size <= len(doc) and _holder_name(doc[i:i + size]) for size in range(2, 6))


def _following_name(doc: Doc, i: int) -> str | None:
    """Return the longest run of two to five tokens from ``i`` that is a person's full name
    (:func:`_holder_name`), else ``None``."""
    return next((doc[i:i + size].text for size in range(5, 1, -1)
                 if i + size <= len(doc) and _holder_name(doc[i:i + size])), None)
