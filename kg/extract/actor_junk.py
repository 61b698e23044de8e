"""Spans that are no actors: time zones, currency codes, makers in product names, named
events, lists, headings, roles without a name, weather, common nouns that start a sentence.
Each test is a registered rule (:mod:`kg.ablation`); :func:`looks_like_junk` applies them all.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.ablation import rule
from kg.extract.actor_context import lowercase_words
from kg.extract.actor_patterns import EVENT_HEADS
from kg.extract.boilerplate import doc_text, line_bounds
from kg.extract.countries import lookup_country
from kg.lexicon import (
    GENERIC_BODY_WORDS,
    HONORIFICS,
    TITLE_HEADS,
    TITLE_WORDS,
    WEATHER_WORDS,
)


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


_TIME_ZONES = frozenset("UTC GMT BST CET CEST EET EST EDT CST CDT MST MDT PST PDT JST IST".split())


def is_table_figure(token: Token) -> bool:
    """Return whether a number is a score or figure in a table or list ("C. Lewis 94 ,",
    "Kent 108-3 (", "Hawick 23" at the end of a line): followed by punctuation that is no
    sentence end, another number or a line break."""
    if not any(c.isdigit() for c in token.text):
        return False
    doc, i = token.doc, token.i
    while i + 2 < len(doc) and doc[i + 1].text in ("-", "/") and doc[i + 2].like_num and \
            not doc[i].whitespace_:
        i += 2  # "429-7", "4-43"
    if i + 1 >= len(doc):
        return True
    token, nxt = doc[i], doc[i + 1]
    return nxt.text in (",", ";", "(", ")", ":") or nxt.like_num or "\n" in token.whitespace_ \
        or (nxt.is_space and "\n" in nxt.text)


def looks_like_junk(span: Span) -> bool:
    """Return True for spans that are not actors: any of :data:`JUNK_TESTS` says so."""
    return any(test(span) for test in JUNK_TESTS)


@rule("time_zone_junk")
def _time_zone(span: Span) -> bool:
    """Return True for a time zone ("GMT", "EST") NER took for an organisation."""
    return span.text in _TIME_ZONES


@rule("currency_code_junk")
def _currency_code(span: Span) -> bool:
    """Return True for a currency code that is no country code ("EUR", "JPY")."""
    return span.text in _currency_codes() and lookup_country(span.text) is None


#: A dimension or screen resolution ("320x240", "1920×1080"): a figure, not a name.
_DIMENSION_RE = re.compile(r"^\d+\s*[x×]\s*\d+$")


@rule("dimension_junk")
def _dimension(span: Span) -> bool:
    """Return True for a dimension or screen resolution the model took for a name
    ("a resolution of 320x240")."""
    return bool(_DIMENSION_RE.match(span.text))


@rule("unit_after_number_junk")
def _unit_after_number(span: Span) -> bool:
    """Return True for a short word written close after a number ("GB" of "30GB", "GHz" of
    "2GHz"): a unit of measure, not a name."""
    doc = span.doc
    return len(span) == 1 and len(span.text) <= 3 and span.start > 0 and \
        doc[span.start - 1].text[-1:].isdigit() and not doc[span.start - 1].whitespace_


@rule("event_name_junk")
def _event_name(span: Span) -> bool:
    """Return True for a named event ("Worldwide Developers Conference", "World Cup")."""
    return span.label_ in ("ORG", "Organization") and span[-1].text in EVENT_HEADS


@rule("name_list_junk")
def _list_of_words(span: Span) -> bool:
    """Return True for a list ("Maintenance, Repair and Overhaul"): no name."""
    return "," in span.text and any(t.lower_ in ("and", "or") for t in span)


@rule("heading_junk")
def _heading(span: Span) -> bool:
    """Return True for an '&' heading that fills its line ("Key Developments & Timeline");
    "Kessler & Lund" in prose is a firm."""
    return "&" in span.text and _fills_its_line(span)


@rule("lowercase_junk")
def _starts_lowercase(span: Span) -> bool:
    """Return True for a name starting with a lowercase letter (plans and groups aside); a
    brand's spelling the sentence treats as a company ("shares of eBay") is a name."""
    from kg.extract.products import BRAND_RE, company_context

    return span.label_ not in ("PLAN", "KG_DEMONYM", "KG_GROUP", "PRODUCT") and \
        span.text[0].islower() and not (BRAND_RE.match(span[0].text) and company_context(span))


@rule("role_only_junk")
def _role_only(span: Span) -> bool:
    """Return True for a role with nobody's name ("Councilwoman", "District 2
    Councilwoman")."""
    return all(t.lower_ in TITLE_WORDS | HONORIFICS or t.like_num or t.text == "District"
               for t in span)


@rule("post_name_junk")
def _post(span: Span) -> bool:
    """Return True for a post ("Director of Management and Budget"): a title, then "of"."""
    return len(span) > 2 and span[0].lower_ in TITLE_HEADS and span[1].lower_ == "of"


@rule("weather_junk")
def _weather(span: Span) -> bool:
    """Return True for weather ("Storm Elowen", "Hurricane Mara")."""
    return span[0].lower_ in WEATHER_WORDS and len(span) > 1


@rule("sentence_initial_noun_junk")
def _sentence_initial_common_noun(span: Span) -> bool:
    """Return True for a common noun capitalised only because it starts a sentence
    ("Turnout was low ... turnout fell"): the article writes it in lower case elsewhere."""
    return len(span) == 1 and span[0].is_sent_start and span.text.istitle() and \
        span[0].lower_ in lowercase_words(span.doc)


@rule("generic_body_junk")
def describes_body(span: Span) -> bool:
    """Return True for "the Council", "the Ministry": a description, not a name. It is no
    actor of its own; it is a mention of the one body the article names in full with that
    head noun, if there is one (:mod:`kg.extract.short_forms`)."""
    return len(span) == 1 and span.text in GENERIC_BODY_WORDS and span.start > 0 and \
        span.doc[span.start - 1].lower_ == "the"


#: The tests :func:`looks_like_junk` applies, each a registered rule.
JUNK_TESTS = (_time_zone, _currency_code, _dimension, _unit_after_number, _event_name,
              _list_of_words, _heading, _starts_lowercase, _role_only, _post, _weather,
              _sentence_initial_common_noun)


def _fills_its_line(span: Span) -> bool:
    """Return whether a span is the whole of its line (a heading, not a name in prose)."""
    text = doc_text(span.doc)
    start, end = line_bounds(text, span.start_char, span.end_char)
    return len(span.text) >= 0.8 * len(text[start:end].strip())
