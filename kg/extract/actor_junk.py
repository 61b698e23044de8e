"""Spans that are no actors: time zones, currency codes, makers in product names, named
events, lists, headings, roles without a name, weather, common nouns that start a sentence.
Each test is a registered rule (:mod:`kg.ablation`); :func:`looks_like_junk` applies them all,
after :func:`without_lowercase_lead` has cut off lower-case words NER ran into a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.actor_context import lowercase_words
from kg.extract.actor_patterns import EVENT_HEADS
from kg.extract.boilerplate import doc_text, line_bounds
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import per_doc, tokens
from kg.extract.knowledge import is_country_or_city
from kg.extract.name_match import in_order
from kg.extract.syntax import POSSESSIVES
from kg.lexicon.organisations import BODY_HEADS, GENERIC_BODY_WORDS
from kg.lexicon.people import (
    HONORIFICS,
    ROLE_HEADS,
    ROLE_NOUNS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from kg.lexicon.places import WEATHER_WORDS


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
    """Return True for a time zone ("GMT", "EST") NER took for an organisation, unless the
    article defines the letters as a longer name's abbreviation ("Transport Safety Board
    (JST)"): that body's, whatever zone is spelt the same way."""
    return span.text in _TIME_ZONES and span.text not in _bracketed_after_names(span.doc)


@per_doc
def _bracketed_after_names(doc: Doc) -> frozenset[str]:
    """Return the one-word capitals the article writes in brackets right after a
    capitalised name ("Transport Safety Board (JST)"): that name's abbreviation, whether
    or not its letters match the name's words (a body's own-language initials)."""
    return frozenset(t.text for t in doc[2:-1] if t.is_upper and t.is_alpha and
                     doc[t.i - 1].text == "(" and doc[t.i + 1].text == ")" and
                     doc[t.i - 2].is_title)


@rule("currency_code_junk")
def _currency_code(span: Span) -> bool:
    """Return True for a currency code that is no country code, written as an amount's
    unit: next to a number, brackets aside ("$99 (USD)", "JPY 40 billion"), or for an
    amount written with its currency's letters glued to the figure ("N1,482" in an article
    on the naira, "Sh95" in one on shillings). A code alone may be a company's name ("Intel
    and AMD"), and letters and a figure a product's ("H20") where no currency of those
    letters is named."""
    if span.text in _currency_codes() and lookup_country(span.text) is None:
        return _beside_number(span)
    return _lettered_amount(span)


#: Letters glued to a figure, the figure perhaps with a magnitude ("N1,482", "N3.2bn",
#: "Sh95", "Rs2,585").
_LETTERED_AMOUNT_RE = re.compile(r"^([A-Z][a-z]{0,2})\d[\d,.]*(?:bn|m|k|tn)?$")


def _lettered_amount(span: Span) -> bool:
    """Return whether a one-word span is letters and a figure where the letters abbreviate
    a currency the article names in lower case: they start its name and come in its order
    ("N" of "naira", "Sh" of "shillings", "Rs" of "rupees")."""
    match = _LETTERED_AMOUNT_RE.match(span.text) if len(span) == 1 else None
    if match is None:
        return False
    letters = match.group(1).lower()
    return any(word[0] == letters[0] and in_order(letters, word)
               for word in _named_currencies(span.doc))


@per_doc
def _named_currencies(doc: Doc) -> frozenset[str]:
    """Return the currency names the article writes in lower case ("naira", "shillings"),
    by the last word of pycountry's currency names."""
    return frozenset(word for word in lowercase_words(doc)
                     if word.removesuffix("s") in _currency_words())


@lru_cache(maxsize=1)
def _currency_words() -> frozenset[str]:
    """Return the last words of pycountry's currency names, in lower case ("naira",
    "shilling", "rupee", "dollar")."""
    import pycountry

    return frozenset(c.name.split()[-1].lower() for c in pycountry.currencies)


def _beside_number(span: Span) -> bool:
    """Return whether the word before or after a span, brackets skipped, is a number."""
    doc = span.doc
    before = [t for t in doc[max(0, span.start - 2):span.start] if t.text not in "()"]
    after = [t for t in doc[span.end:span.end + 2] if t.text not in "()"]
    return bool(before and before[-1].like_num or after and after[0].like_num)


#: A reporting period ("Q2", "H1", "FY20", "FY2024", "9M").
FISCAL_PERIOD_RE = re.compile(r"^(?:Q[1-4]|H[12]|[39]M|FY\d{2}(?:\d{2})?|Q[1-4]FY\d{2})$")
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
    """Return True for a list ("Maintenance, Repair and Overhaul"): no name. A list of
    places the gazetteers know ("Lyon, Nantes and Rennes") names places and is kept; one
    with a known place among capitalised names is split into them first
    (:func:`split_place_list`)."""
    return "," in span.text and any(t.lower_ in ("and", "or") for t in span) and \
        not all(is_country_or_city(item) for item in _items(span))


def _items(span: Span) -> list[str]:
    """Return the items of a list span, split at its commas, "and" and "or"."""
    return [item.strip() for item in re.split(r",|\band\b|\bor\b", span.text) if item.strip()]


#: Words that separate the items of a list.
_LIST_SEPARATORS = frozenset((",", "and", "or"))


@rule("place_list_split", off=None)
def split_place_list(ent: Span) -> list[Span] | None:
    """Return the names of a list the model read as one name, each a place, when one of them
    is a city or country the gazetteers know ("Caledonia", "Hopley" and "Epworth" of
    "Places like Caledonia, Hopley and Epworth"): a list's items are of one kind, so the
    names no gazetteer knows are places too, and each is a name of its own, not a junk
    list (:func:`_list_of_words`). None: no list ("Harlow, Essex"), an item that is no
    capitalised name of three words or fewer, or no item a known place ("Maintenance,
    Repair and Overhaul")."""
    doc = ent.doc
    if "," not in ent.text or not any(t.lower_ in ("and", "or") for t in ent):
        return None
    items, start = [], ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].lower_ in _LIST_SEPARATORS:
            if i > start:
                items.append(Span(doc, start, i, label="GPE"))
            start = i + 1
    if len(items) < 2 or any(len(item) > 3 or not all(t.is_title for t in item)
                             for item in items):
        return None
    if not any(is_country_or_city(item.text) for item in items):
        return None
    return items


@rule("heading_junk")
def _heading(span: Span) -> bool:
    """Return True for an '&' heading that fills its line ("Key Developments & Timeline");
    "Kessler & Lund" in prose is a firm."""
    return "&" in span.text and _fills_its_line(span)


@rule("lowercase_junk", off=PASS_THROUGH)
def without_lowercase_lead(span: Span) -> Span | None:
    """Return a name starting in lower case without the lower-case words NER ran into it
    ("the federal Securities and Exchange Commission", "her State Department", "a United
    Auto Workers negotiator"), or None when no capitalised word follows them ("healthcare",
    "state party", "un-", "ex-Access"): no name. Plans and groups keep their words, and a
    brand's spelling the sentence treats as a company ("shares of eBay") is a name, as is a
    word in apposition to a noun ("its pill, velnorab,": :func:`_renames_a_noun`). A common
    noun's possessive leads in too ("the council's Committee on Zoning")."""
    from kg.extract.products import BRAND_RE, company_context

    if span.label_ in ("PLAN", "KG_DEMONYM", "KG_GROUP", "PRODUCT") or \
            not span.text[0].islower() or (BRAND_RE.match(span[0].text) and company_context(span)) \
            or _renames_a_noun(span):
        return span
    doc, start = span.doc, span.start
    while start < span.end:
        if _lead_word(doc[start]):
            start += 1
        elif _possessive_lead(doc, start, span.end):
            start += 2
        else:
            break
    if start == span.start or start == span.end or not doc[start].text[:1].isupper():
        return None
    return Span(doc, start, span.end, label=span.label_)


def _possessive_lead(doc: Doc, i: int, end: int) -> bool:
    """Return whether ``doc[i]`` is a lower-case noun with its possessive before a name
    ("council" "'s" of "the council's Committee on Zoning"): the owner, no word of the name."""
    return i + 2 < end and doc[i].is_lower and doc[i].is_alpha and \
        doc[i + 1].text in ("'s", "’s") and bool(doc[i + 1].whitespace_)


def _renames_a_noun(span: Span) -> bool:
    """Return whether a one-word name the tagger reads as a proper noun, set off by a comma,
    stands in apposition to a common noun, which it names ("its new pill, velnorab, ...",
    "velnorab, a daily pill, ..."): the sentence treats the word as a name, though written
    in lower case (drug names)."""
    token, doc = span[0], span.doc
    if len(span) != 1 or not token.is_alpha or token.pos_ != "PROPN":
        return False  # the tagger reads it as a name, not as a noun ("republics")
    after_noun = token.dep_ == "appos" and _common_noun(token.head) and \
        token.head.i < token.i and token.i > 0 and doc[token.i - 1].text == ","
    before_noun = any(c.dep_ == "appos" and _common_noun(c) and c.left_edge.i == token.i + 2
                      and doc[token.i + 1].text == "," for c in token.children)
    return after_noun or before_noun


def _common_noun(token: Token) -> bool:
    """Return whether a word is a common noun: tagged a noun, or written in lower case where
    the tagger took it for a name ("tablet")."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_lower)


def _lead_word(token: Token) -> bool:
    """Return whether a token may lead into a name without being part of it: a lower-case
    word written apart from the next ("federal", "her", "a"; not "ex" of "ex-Access"), or an
    opening quote mark."""
    return (token.is_lower and token.is_alpha and bool(token.whitespace_)) or \
        (token.is_quote and token.is_left_punct)


@rule("role_only_junk")
def _role_only(span: Span) -> bool:
    """Return True for a role with nobody's name ("Councilwoman", "District 2
    Councilwoman"): title words with a title's head among them. A title's modifier alone
    names a body ("Labour", the party), no role."""
    return all(t.lower_ in TITLE_WORDS | HONORIFICS or t.like_num or t.text == "District"
               for t in span) and any(t.lower_ in ROLE_HEADS for t in span)


@rule("title_phrase_junk")
def title_phrase(span: Span) -> bool:
    """Return True for a title of two or more words with nobody's name ("Associate Justice",
    "Presiding Justice", "Cabinet Secretary"): a title's head ("Justice", "Secretary") after
    words that only qualify a title."""
    return _is_title_phrase(span) or (len(span) == 1 and span.text in
                                      _title_abbreviations(span.doc))


def _is_title_phrase(words: Span) -> bool:
    """Return whether ``words`` are title words ending in a title's head, one of them a word
    that only qualifies a title ("Associate", "Cabinet")."""
    return len(words) >= 2 and words[-1].lower_ in TITLE_HEADS | {"justice"} and all(
        t.lower_ in TITLE_WORDS | HONORIFICS | TITLE_MODIFIERS for t in words[:-1]) and \
        any(t.lower_ in TITLE_MODIFIERS for t in words[:-1])


@per_doc
def _title_abbreviations(doc: Doc) -> frozenset[str]:
    """Return the abbreviations the article gives a title in parentheses ("Cabinet Secretary
    (CS)"): each stands for the title wherever it is written, not for a body."""
    found = set()
    toks = tokens(doc)
    for token in toks[3:-1]:
        if toks[token.i - 1].text == "(" and toks[token.i + 1].text == ")" and token.is_upper \
                and 2 <= len(token) <= 4:
            size = len(token)
            words = doc[token.i - 1 - size: token.i - 1]
            if "".join(t.text[0] for t in words) == token.text and _is_title_phrase(words):
                found.add(token.text)
    return frozenset(found)


@rule("common_noun_acronym_junk")
def common_noun_acronym(span: Span) -> bool:
    """Return True for an acronym the article spells out in lower case ("artificial
    intelligence (AI)", "AI (artificial intelligence)", "year-on-year (YoY)") and for a
    reporting period ("Q3", "FY20"): each stands for a common noun, not for a country, a body
    or a product, wherever it is written."""
    return len(span) == 1 and (span.text in _common_noun_acronyms(span.doc) or
                               bool(FISCAL_PERIOD_RE.match(span.text)))


@per_doc
def _common_noun_acronyms(doc: Doc) -> frozenset[str]:
    """Return the article's acronyms written beside their lower-case spelling in brackets."""
    found = set()
    toks = tokens(doc)
    for token in toks[1:-1]:
        if not (2 <= len(token) <= 6 and token.text[0].isupper() and token.is_alpha and
                sum(c.isupper() for c in token.text) >= 2):
            continue
        before, after = toks[token.i - 1], toks[token.i + 1]
        if before.text == "(" and after.text == ")":
            words = _words_before(doc, token.i - 1)  # "artificial intelligence (AI)"
        elif after.text == "(":
            words = _words_after(doc, token.i + 2)  # "AI (artificial intelligence)"
        else:
            continue
        if words and all(w.islower() for w in words) and _initials_of(token.text, words):
            found.add(token.text)
    return frozenset(found)


def _words_before(doc: Doc, end: int) -> list[str]:
    """Return up to six words (hyphenated parts split) right before token ``end``."""
    text = doc[max(0, end - 8):end].text
    return re.findall(r"[^\W\d_]+", text)[-6:]


def _words_after(doc: Doc, start: int) -> list[str]:
    """Return the words up to the closing bracket after token ``start`` (six at most)."""
    words = []
    for token in doc[start:start + 10]:
        if token.text == ")":
            return re.findall(r"[^\W\d_]+", " ".join(words))[:6]
        words.append(token.text)
    return []


def _initials_of(acronym: str, words: list[str]) -> bool:
    """Return whether the capitals of ``acronym`` are the initials of the last (before) or
    first (after) words of ``words`` ("AI": artificial intelligence; "YoY": year on year)."""
    capitals = [c.lower() for c in acronym if c.isupper()]
    letters = [c.lower() for c in acronym]
    for option in (capitals, letters):
        n = len(option)
        for chunk in (words[-n:], words[:n]):
            if len(chunk) == n and [w[0] for w in chunk] == option:
                return True
    return False


#: Labels (the model's and kg's) of places, which a storm is named after, not called
#: ("the Oklahoma tornado").
_PLACE_LABELS = frozenset("GPE LOC FAC Place Country".split())


#: Last words of the names of the bodies that forecast and track storms.
_WATCHER_ENDS = BODY_HEADS | frozenset("Center Centre Service Network".split())


@rule("storm_name_junk")
def _storm_name(span: Span) -> bool:
    """Return True for weather: a storm's name wherever the article writes it, with a storm
    word before its last word ("Storm Elowen", "Super Typhoon Haima"), or one the article
    gives a storm elsewhere ("Typhoon Haima ... Haima struck", "an earlier storm, Kalmaegi,",
    "known locally as Uwan" of a typhoon), and a word that describes a storm word ("Super
    typhoon"). A storm is weather, not an actor; a name ending in a body's word is the body
    that tracks storms ("the Regional Typhoon Centre", "the Storm Warning Office")."""
    if span[-1].text in _WATCHER_ENDS:
        return False
    if any(t.lower_ in WEATHER_WORDS for t in span[:-1]):
        return True
    doc = span.doc
    if len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in WEATHER_WORDS and \
            span.root.head.i == span.end and span.label_ not in _PLACE_LABELS and \
            not is_country_or_city(span.text):
        return True  # "Super" of "Super Typhoon Haima", not "the Oklahoma tornado"
    return _name_key(span) in _storm_names(span.doc)


def _name_key(span: Span) -> str:
    """Return a name's words without a leading "the" or a trailing possessive."""
    words = [t.text for t in span if t.lower_ != "the" or t.i != span.start]
    while words and words[-1] in POSSESSIVES:
        words.pop()
    return " ".join(words)


@per_doc
def _storm_names(doc: Doc) -> frozenset[str]:
    """Return the names the article gives storms: the capitalised words right after a storm
    word ("typhoon Nona", "Tropical Storm Ana") or after a storm word and a comma ("an
    earlier storm, Kalmaegi,"), and what a storm is "known as" ("Haima, known locally as
    Lawin")."""
    names = set()
    for token in tokens(doc):
        if token.lower_ in WEATHER_WORDS and token.i + 2 < len(doc):
            comma = token.nbor(1).text == ","
            start = token.i + 2 if comma else token.i + 1
            end = _capitalised_end(doc, start)
            # after a comma, a name is in apposition only when a comma or dash closes it
            if end > start and (not comma or (end < len(doc) and doc[end].text in ",-—")):
                names.add(doc[start:end].text)
    for token in tokens(doc):
        if token.lower_ == "known" and _follows_storm(doc, token.i, names):
            nxt = token.i + 1
            while nxt < len(doc) and nxt < token.i + 3 and doc[nxt].pos_ == "ADV":
                nxt += 1
            if nxt + 1 < len(doc) and doc[nxt].lower_ == "as":
                end = _capitalised_end(doc, nxt + 1)
                if end > nxt + 1:
                    names.add(doc[nxt + 1:end].text)
    return frozenset(names)


def _follows_storm(doc: Doc, i: int, names: set[str]) -> bool:
    """Return whether the word before token ``i`` (past commas and dashes) is a storm word
    or ends a storm's name."""
    j = i - 1
    while j >= 0 and doc[j].is_punct:
        j -= 1
    return j >= 0 and (doc[j].lower_ in WEATHER_WORDS or any(
        doc[max(0, j - len(n.split("-")) * 2):j + 1].text.endswith(n) for n in names))


def _capitalised_end(doc: Doc, start: int) -> int:
    """Return the end of the run of capitalised words (hyphens inside: "Fung-wong") from
    ``start`` that are no date or storm word; ``start`` when there is none."""
    end = start
    while end < len(doc) and end - start < 5 and (
            (doc[end].is_title and doc[end].is_alpha and doc[end].ent_type_ not in
             ("DATE", "TIME") and doc[end].lower_ not in WEATHER_WORDS)
            or (doc[end].text == "-" and end > start and not doc[end - 1].whitespace_)
            or (end > start and doc[end - 1].text == "-" and doc[end].is_alpha)):
        end += 1
    return end - 1 if end > start and doc[end - 1].text == "-" else end


@rule("sentence_initial_noun_junk")
def _sentence_initial_common_noun(span: Span) -> bool:
    """Return True for a common noun capitalised only because it starts a sentence
    ("Turnout was low ... turnout fell") or a heading ("# Phone rivalry"): the article
    writes it in lower case elsewhere."""
    return len(span) == 1 and starts_sentence_or_line(span[0]) and span.text.istitle() and \
        span[0].lower_ in lowercase_words(span.doc)


#: A time of day written as hours and minutes ("22:57"), as a live blog opens each entry.
CLOCK_TIME_RE = re.compile(r"^\d{1,2}:\d{2}$")


def starts_sentence_or_line(token: Token) -> bool:
    """Return whether a token is the first word of its sentence or of its line, past a
    Markdown heading's or list's marks ("# Phone rivalry") and the time of day a live blog's
    entry opens with ("22:57 Turnout, according to ...")."""
    if token.is_sent_start:
        return True
    doc, i = token.doc, token.i - 1
    while i >= 0 and (doc[i].text in ("#", "##", "###", "*", "-") or
                      CLOCK_TIME_RE.match(doc[i].text)) and not doc[i].is_space:
        i -= 1
    return i < token.i - 1 and (i < 0 or doc[i].is_space or "\n" in doc[i].whitespace_)


@rule("generic_body_junk")
def describes_body(span: Span) -> bool:
    """Return True for "the Council", "the Ministry": a description, not a name. It is no
    actor of its own; it is a mention of the one body the article names in full with that
    head noun, if there is one (:mod:`kg.extract.short_forms`)."""
    return len(span) == 1 and span.text in GENERIC_BODY_WORDS and span.start > 0 and \
        span.doc[span.start - 1].lower_ == "the"


#: The tests :func:`looks_like_junk` applies, each a registered rule.
#: Common nouns for people by sex or age, capitalised at the head of a line or a table
#: section ("Men's 200 metres", "Women's singles"): never an actor on their own.
PEOPLE_GROUP_NOUNS = frozenset(
    "men women man woman boys girls juniors seniors veterans people".split())


@rule("people_noun_junk")
def _people_noun(span: Span) -> bool:
    """Return True for a one-word "name" that is a common noun for people ("Men" of "Men's
    discus", "Women" of "Women's high jump") or for players or officials of one role in the
    plural ("Forwards:", "Defenders:" of a squad list), which the model takes for an
    organisation or a person at the head of a results section or a list. A role noun in the
    singular may be a surname ("Driver")."""
    if len(span) != 1:
        return False
    word, lemma = span[0].lower_, span[0].lemma_.lower()
    return word in PEOPLE_GROUP_NOUNS or (lemma != word and lemma in ROLE_NOUNS)


JUNK_TESTS = (_time_zone, _currency_code, _dimension, _unit_after_number, _event_name,
              _list_of_words, _heading, _role_only, title_phrase,
              common_noun_acronym, _storm_name,
              _sentence_initial_common_noun, _people_noun)


def _fills_its_line(span: Span) -> bool:
    """Return whether a span is the whole of its line (a heading, not a name in prose)."""
    text = doc_text(span.doc)
    start, end = line_bounds(text, span.start_char, span.end_char)
    return len(span.text) >= 0.8 * len(text[start:end].strip())
