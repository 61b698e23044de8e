"""A person's name NER ran together with the office written before it and typed as a body
("Minister for [Housing Darragh Coughlan]" tagged ORG: the office's field, then its holder):
the span relabelled and cut to the person, the field kept as a place when it names one.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.countries import lookup_country
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
