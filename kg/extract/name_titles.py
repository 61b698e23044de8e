"""Where a person's name starts after the words NER takes in before it: titles, offices,
styles of address and a sentence's opening modifier stripped ("Goalkeeper Jan Novak",
"Cllr Ann Berg"; the title half of :mod:`kg.extract.name_bounds`)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.ablation import rule
from kg.extract.knowledge import is_given_name
from kg.extract.syntax import POSSESSIVES
from kg.lexicon.people import (
    HONORIFICS,
    ROLE_HEADS,
    STYLE_HONORIFICS,
    TITLE_HEADS,
    TITLE_WORDS,
)


def clean_person_span(ent: Span) -> Span | None:
    """Return the person span without leading titles/honorifics and trailing possessive,
    or None when what is left starts with no capitalised word ("McAteer" is one, "GB" no)."""
    start, end = _after_titles(ent), ent.end
    while end > start and (ent.doc[end - 1].text in POSSESSIVES
                           or ent.doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    span = Span(ent.doc, start, end, label=ent.label_)
    first = span[0].text
    if any(t.is_digit for t in span) or not (span[0].is_title or (
            first[:1].isupper() and any(c.islower() for c in first))):
        return None
    return span


@rule("person_title_strip", off=None)
def _title_words_before_name(ent: Span) -> int:
    """Return where a person's name starts after the titles and honorifics NER put in it
    ("Goalkeeper Jan Novak" → "Jan Novak"). Words that only qualify a title and leave no
    name after them ("Labour" of '"Labour is in hock"') are no title but a body's name, as
    the rule `role_only_junk` reads them: the span stays whole; so does an office of a place
    (:func:`_office_of_place`)."""
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ in (TITLE_WORDS | HONORIFICS):
        start += 1
    if start == ent.end and not any(t.lower_ in ROLE_HEADS for t in ent) or \
            _office_of_place(ent):
        return ent.start
    return start


def _office_of_place(ent: Span) -> bool:
    """Return whether a "person" NER read with "the" before it is followed by "of" and a
    capitalised name ("the Yang di-Pertua Negeri of Penang", "the Emir of Kano"): an office
    of a place or a body, no person's name, so "the" is no title to strip."""
    doc, end = ent.doc, ent.end
    return ent[0].lower_ == "the" and end + 1 < len(doc) and doc[end].lower_ == "of" and \
        doc[end + 1].is_title


@rule("inner_title_strip", off=None)
def _name_after_inner_title(words: Span) -> int | None:
    """Return where a person's name starts after a title NER ran an employer and the name
    around ("Infosys COO Pravin Rao", "Acme chief executive Dana Kim" → the name after the
    title): the title's head, then two or three capitalised words that are no title."""
    for token in words[1:-1]:
        rest = words.doc[token.i + 1: words.end]
        if token.lower_ in TITLE_HEADS and token.lower_ not in HONORIFICS and \
                2 <= len(rest) <= 3 and all(
                    t.is_title and t.lower_ not in TITLE_WORDS | HONORIFICS for t in rest):
            return token.i + 1
    return None


def _after_titles(ent: Span) -> int:
    """Return the start of a person's name: after its titles (unless that rule is off) and a
    capitalised word that starts the sentence and describes the name."""
    start = _title_words_before_name(ent)
    start = ent.start if start is None else start
    styled = _after_style_honorifics(ent.doc[start:ent.end])
    if styled is not None:
        start = styled
        again = _title_words_before_name(ent.doc[start:ent.end])
        start = start if again is None else again
    start = _name_after_inner_title(ent.doc[start:ent.end]) or start
    return start + 1 if start + 1 < ent.end and _sentence_initial_modifier(ent.doc[start]) \
        else start


#: The first word of each style of address: a name opening with another has none.
_STYLE_FIRST_WORDS = frozenset(style[0] for style in STYLE_HONORIFICS)


@rule("style_honorific_strip", off=None)
def _after_style_honorifics(words: Span) -> int | None:
    """Return where a person's name starts after the styles of address NER ran into it
    ("Cllr Robert Alden", "Datuk Seri Anwar Ibrahim", "Hon. Abena Serwaa" → the name after
    them), or ``None`` when it opens with none: honours and forms of address given to
    people, no part of the name, as "Mr" is none. Only written capitalised, so a span of
    styles alone ("Datuk Seri") leaves no name."""
    doc, i = words.doc, words.start
    while i < words.end and doc[i].lower_ in _STYLE_FIRST_WORDS:
        size = next((len(style) for style in STYLE_HONORIFICS if i + len(style) <= words.end
                     and all(t.lower_ == w and (t.text[:1].isupper() or w == "the")
                             for t, w in zip(doc[i:i + len(style)], style, strict=True))), 0)
        if not size:
            break
        i += size
    return i if i > words.start else None


def styled_person(ent: Span) -> Span:
    """Return a span NER typed otherwise as a person when it opens with a style of address
    and one to three capitalised words follow ("Cllr Aoife" tagged ORG): such styles are
    given to people only (rule `style_honorific_strip`)."""
    start = None if ent.label_ == "PERSON" else _after_style_honorifics(ent)
    if start is None or not 1 <= ent.end - start <= 3 or not all(
            t.text[:1].isupper() and t.is_alpha for t in ent.doc[start:ent.end]):
        return ent
    return Span(ent.doc, ent.start, ent.end, label="PERSON")


@rule("sentence_initial_modifier_strip")
def _sentence_initial_modifier(token: Token) -> bool:
    """Return True for the first word of a sentence that the parse makes an adjective of
    the name after it, or that describes the person named after it, and that is no given
    name ("Fellow Austin resident ...", "Former Smith aide ...", "Widow Mary Hollis"),
    which NER ran into the name because of its capital."""
    return token.is_sent_start and token.text.isalpha() and not is_given_name(token.text) \
        and (token.dep_ == "amod" or _describes_named_person(token))


def _describes_named_person(token: Token) -> bool:
    """Return whether a capitalised word opening a sentence comes before a given name and a
    surname that the article writes again, while it never writes the word capitalised inside
    a sentence ("Widow Mary Hollis, 81, ... Mrs Hollis said"): a tabloid's word for who she
    is, no part of her name. A family name written first is written again so ("Koh Boon
    Keat ... said Mr Koh")."""
    doc, i = token.doc, token.i
    if i + 2 >= len(doc) or not is_given_name(doc[i + 1].text) or not doc[i + 2].is_title:
        return False
    surname = doc[i + 2].text
    return any(t.text == surname for t in doc if t.i != i + 2) and \
        not any(t.text == token.text and not t.is_sent_start for t in doc)
