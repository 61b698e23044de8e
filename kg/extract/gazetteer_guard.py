"""Keep kg's gazetteer from cutting longer names: a country or place the entity ruler found
that is glued to a neighbouring capitalised word ("Jordan Henderson", "The Washington Post",
"Mexico City", "Georgia Tech") is handed back to the NER model, which sees the whole name.

The ruler runs before the model so that well-known places the small model mislabels ("Kyiv"
as a person) keep their label; this guard limits that to names that stand alone. A glued
place over which the model then reads no name at all gets the gazetteer's label back
(``kg_gazetteer_restore``, after ``ner``).
"""

from __future__ import annotations

import calendar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.ablation import reads_disabled_once, rule
from kg.extract.boilerplate import doc_text, in_ranges
from kg.extract.furniture import junk_and_headline_ranges
from kg.lexicon.people import TITLE_WORDS
from kg.lexicon.places import FACILITY_HEADS, LANDMARK_HEADS, ROUTE_VENUE_HEADS

#: Ruler labels of countries and places (demonyms, organisations and plans are not guarded).
GUARDED_LABELS = frozenset({"GPE", "LOC"})


#: Weekday and month names: capitalised, but never the rest of a place's name ("Asia Monday").
CALENDAR_WORDS = frozenset(
    name.lower() for name in (*calendar.day_name, *calendar.month_name) if name)
#: Bodies of a state: a country before them stays the country ("the US Senate", "the
#: United States Government", "the US Bankruptcy Court"), as CoNLL and MEANTIME annotate it.
STATE_BODIES = frozenset(
    """government senate congress parliament court ministry department treasury embassy
    cabinet administration army navy military forces police""".split())
#: Words that name a state or land itself: a country or place before them is that polity
#: ("the ancient Benin Kingdom", "the Benin Republic"), so the gazetteer's place stays.
POLITY_NOUNS = frozenset(
    "kingdom empire republic sultanate caliphate emirate principality".split())
#: Parts of speech of words that never continue a name ("Is" of "Is Nigeria prepared", a
#: question after a transcript's label).
FUNCTION_POS = frozenset("AUX ADP DET PRON CCONJ SCONJ PART ADV INTJ".split())
#: ``doc.user_data`` key of the glued places the guard handed to the model.
GLUED_KEY = "kg_glued_places"


def _is_name_word(token: Token) -> bool:
    """Return whether ``token`` is a capitalised word that no ruler match covers and that is
    no title ("President"), acronym ("RAF"), day or month or function word ("Is"), i.e. a
    word a longer name could continue with."""
    return (token.is_alpha and token.text[:1].isupper() and not token.is_upper
            and not token.ent_type_ and token.lower_ not in TITLE_WORDS
            and token.lower_ not in CALENDAR_WORDS and token.pos_ not in FUNCTION_POS)


def names_a_state_body(doc: Doc, start: int, heads: frozenset[str] = STATE_BODIES) -> bool:
    """Return whether the capitalised words from ``start`` hold a state body ("Senate"), or
    another of ``heads``."""
    end = start
    while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
        end += 1
    return any(token.lower_ in heads for token in doc[start:end])


def glued_to_a_name(span: Span) -> bool:
    """Return whether ``span`` is followed, or preceded mid-sentence, by a capitalised word
    that could make it part of a longer name ("Washington" in "The Washington Post")."""
    return _glued_word(span) is not None


def _glued_word(span: Span) -> Token | None:
    """Return the capitalised word after ``span`` (or before it mid-sentence) that could
    make it part of a longer name, else None."""
    doc = span.doc
    if span.end < len(doc) and _is_name_word(doc[span.end]) and not doc[span.end].is_sent_start:
        return None if names_a_state_body(doc, span.end, STATE_BODIES | POLITY_NOUNS) \
            else doc[span.end]
    if span.start > 0:
        before = doc[span.start - 1]  # sentence-initial, only a proper noun ("Luis", not "In")
        if _is_name_word(before) and (not before.is_sent_start or before.pos_ == "PROPN"):
            return before
    return None


def _body_name_words(doc: Doc, skipped: list[tuple[int, int]]) -> frozenset[str]:
    """Return the lower-cased words the article capitalises mid-sentence outside its
    headline-case lines and furniture (``skipped``): the words that may continue a name."""
    return frozenset(t.lower_ for t in doc if t.is_title and not t.is_sent_start
                     and not in_ranges(t.idx, t.idx + len(t), skipped))


@rule("gazetteer_name_guard", off=[])
def glued_places(doc: Doc) -> list[Span]:
    """Return the ruler's countries and places that are part of a longer capitalised name,
    which the NER model should label as a whole ("Jordan" in "Jordan Henderson"). A
    headline capitalises every word: there the word beside the place continues its name only
    if the body writes it capitalised too ("Portugal Election Night Live" over a story of
    the "election" keeps "Portugal")."""
    glued, ranges, body_words = [], None, None
    for ent in doc.ents:
        word = _glued_word(ent) if ent.label_ in GUARDED_LABELS else None
        if word is None:
            continue
        if ranges is None:  # read the lines only for an article with a glued place
            ranges = junk_and_headline_ranges(doc_text(doc))
        junk, headlines = ranges
        if in_ranges(ent.start_char, ent.end_char, headlines):
            if body_words is None:
                body_words = _body_name_words(doc, junk + headlines)
            if word.lower_ not in body_words:
                continue
        glued.append(ent)
    return glued


@rule("unread_glued_place", off=[])
def unread_glued_places(doc: Doc, glued: list[tuple[int, int, str, int]]) -> list[Span]:
    """Return the glued places (start, end, label, the glued word's index) that start a
    site's name the NER model read nothing over ("13:10 - Warsaw Modlin Airport, used by"):
    the site is named after the place, so the place is the best reading there is. A word
    before the place makes it part of another name ("Brahim Díaz (Real Madrid)": no place)."""
    return [Span(doc, start, end, label=label) for start, end, label, word in glued
            if word == end and _ends_in_site(doc, word)
            and not any(t.ent_type for t in doc[start:word + 1])]


def _ends_in_site(doc: Doc, start: int) -> bool:
    """Return whether the capitalised words from ``start`` end in a site's head ("Modlin
    Airport", "Balice Terminal")."""
    end = start
    while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
        end += 1
    return doc[end - 1].text in FACILITY_HEADS | LANDMARK_HEADS | ROUTE_VENUE_HEADS


@Language.component("kg_gazetteer_guard")
@reads_disabled_once
def gazetteer_guard_component(doc: Doc) -> Doc:
    """Remove the glued gazetteer matches from ``doc.ents`` (before ``ner`` runs), noting
    them in ``doc.user_data`` for ``kg_gazetteer_restore``."""
    glued = [(s.start, s.end, s.label_, _glued_word(s).i) for s in glued_places(doc)]
    if glued:
        bounds = {(start, end) for start, end, _, _ in glued}
        doc.ents = [ent for ent in doc.ents if (ent.start, ent.end) not in bounds]
        doc.user_data[GLUED_KEY] = glued
    return doc


@Language.component("kg_gazetteer_restore", requires=["doc.ents"], assigns=["doc.ents"])
def gazetteer_restore_component(doc: Doc) -> Doc:
    """Put back in ``doc.ents`` (after ``ner``) the glued places the model read no name over
    (:func:`unread_glued_places`)."""
    restored = unread_glued_places(doc, doc.user_data.pop(GLUED_KEY, []))
    if restored:
        doc.ents = sorted([*doc.ents, *restored], key=lambda span: span.start)
    return doc
