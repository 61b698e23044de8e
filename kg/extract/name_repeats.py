"""Every mention of a name the article already has as an actor: the NER model reads each
mention on its own and misses some ("Essex" found in one sentence, not in a list three
lines down; "SHEARER" in a capitalised headline over a story about Alan Shearer's
"Shearer"). A name found once is a name wherever the article writes it the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.actor_context import lowercase_words
from kg.extract.dates import MONTHS, WEEKDAYS
from kg.extract.knowledge import is_country_or_city
from kg.lexicon.people import NAME_SUFFIXES
from kg.lexicon.products import MACHINE_NOUNS, PRODUCT_NOUNS
from kg.lexicon.speech import SPEECH_VERBS

#: Actor types whose names are repeated (products and plans are named by evidence).
REPEATED_TYPES = frozenset({"Person", "Organization", "Place", "Country"})

if not Span.has_extension("kg_repeat"):
    # True on a mention only this module found: its type is a copy, no evidence of its own
    Span.set_extension("kg_repeat", default=False)


def is_repeat(span: Span) -> bool:
    """Return whether a mention was found by :func:`repeated_names`, not by the model."""
    return span._.kg_repeat


def _name_forms(spans: Iterable[Span]) -> dict[tuple[str, ...], str]:
    """Return the words of every actor name (and the same in capitals) → its type."""
    forms: dict[tuple[str, ...], str] = {}
    for span in spans:
        words = tuple(t.text for t in span if not t.is_space)
        if span.label_ in REPEATED_TYPES and words and any(t.is_alpha for t in span):
            forms.setdefault(words, span.label_)
            forms.setdefault(tuple(w.upper() for w in words), span.label_)
            if span.label_ == "Person" and len(words) > 1 and span[-1].is_alpha:
                forms.setdefault((words[-1],), "Person")  # "Shearer" of "Alan Shearer"
                forms.setdefault((words[-1].upper(),), "Person")
                surname = _hyphenated_surname(span)
                if len(surname) < len(words):  # "AASLAND-BERG:" of "Sigrid Aasland-Berg"
                    forms.setdefault(surname, "Person")
                    forms.setdefault(tuple(w.upper() for w in surname), "Person")
    return forms


def _hyphenated_surname(span: Span) -> tuple[str, ...]:
    """Return the words of a person's surname joined by hyphens written close ("Aasland",
    "-", "Berg" of "Sigrid Aasland-Berg"); one word when it has no hyphen."""
    doc, start = span.doc, span.end - 1
    while start - 2 >= span.start + 1 and doc[start - 1].text == "-" and \
            not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        start -= 2
    return tuple(t.text for t in doc[start:span.end])


def _stands_alone(doc: Doc, start: int, end: int) -> bool:
    """Return whether ``doc[start:end]`` is a whole name, not part of a longer one: no
    capitalised word right after it, nor right before it unless that one starts the
    sentence or the line. In capitals ("SHEARER NAMED AS ENGLAND CAPTAIN") every word
    is capitalised: there the name with the words beside it must be no place kg knows
    ("YORK" of "NEW YORK")."""
    if all(t.is_upper for t in doc[start:end] if t.is_alpha):
        before = start - 1 if start > 0 and doc[start - 1].is_alpha else start
        after = end + 1 if end < len(doc) and doc[end].is_alpha else end
        return not any(is_country_or_city(w.text)
                       for w in (doc[before:end], doc[start:after]) if len(w) > end - start)
    after = doc[end] if end < len(doc) else None
    before = doc[start - 1] if start > 0 else None
    if after is not None and after.is_alpha and after.text[:1].isupper() and \
            "\n" not in doc[end - 1].whitespace_:
        return False
    if _suffixed(doc, end):
        return False  # "Halcón de Plata Jr.": the son's name, not the father's
    return before is None or not (before.is_alpha and before.text[:1].isupper()) or \
        before.is_sent_start or "\n" in before.whitespace_


def _suffixed(doc: Doc, end: int) -> bool:
    """Return True when a name suffix follows ``doc[:end]`` ("Jr.", "III"; "Jr." and "Sr."
    also after a comma, where "Senior" starts a title): the name with it is another
    person's, a son's or father's."""
    i = end
    if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ not in ("junior", "senior"):
        i += 1
    return i < len(doc) and doc[i].lower_ in NAME_SUFFIXES and doc[i].text[:1].isupper()


@rule("maker_before_product")
def maker_before_product(doc: Doc, start: int, end: int, type_: str) -> bool:
    """Return True for an organisation's name written before the name of one of its products
    and a noun for what that is ("Intel Core Duo processors", "Boeing Dreamliner jets"):
    the company is named there, though capitalised words follow it."""
    if type_ != "Organization" or start > 0 and doc[start - 1].is_title and \
            not doc[start - 1].is_sent_start:
        return False
    i = end
    while i < len(doc) and i - end < 3 and doc[i].is_title and doc[i].pos_ == "PROPN":
        i += 1
    return end < i < len(doc) and doc[i].pos_ == "NOUN" and \
        doc[i].lemma_.lower() in PRODUCT_NOUNS | MACHINE_NOUNS


#: NER labels of dates and counts: a calendar word inside one is no name ("May" of "May 13").
AMOUNT_LABELS = frozenset("DATE TIME CARDINAL ORDINAL".split())
#: The names of the months and weekdays.
CALENDAR_NAMES = (*MONTHS, *WEEKDAYS)
#: NER labels of measured amounts: every word inside one is a unit or currency, no name.
MEASURE_LABELS = frozenset("MONEY PERCENT QUANTITY".split())


@rule("no_repeats_in_dates")
def in_date_or_amount(token: Token) -> bool:
    """Return True for a calendar word inside a date or count the model found ("May" of "May
    13", after "Theresa May" or a heading "May"), or any word of an amount with a figure
    ("$5 million"): no mention of a name, nor of a person's surname
    (:mod:`kg.extract.resolve`), is repeated there, nor a word in figures ("46th"). Another
    name the model ran into a date or count ("Garnet 11" in a box score, "the Kivu region"
    read as a date) is a name: no date is written without a calendar word, no amount
    without a figure."""
    name_like = token.is_alpha and token.text[:1].isupper()  # not "46th", "fourth"
    if token.ent_type_ in MEASURE_LABELS:
        return not name_like or _measure_has_figure(token)
    return token.ent_type_ in AMOUNT_LABELS and (not name_like or calendar_word(token.text))


def _measure_has_figure(token: Token) -> bool:
    """Return whether the amount ``token`` is in holds a figure that is no clock time ("$5
    million", "5 Swiss francs"): the model runs a name into a figure-less "amount" ("#
    BRAZIL SOY" in a headline) or into a live blog's time stamp ("22:12 Chega")."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return any(t.like_num and ":" not in t.text for t in doc[start:end])


def calendar_word(word: str) -> bool:
    """Return whether a word names a month or a weekday, in full or shortened to three
    letters or more ("May", "Sept.", "Thu").

    >>> calendar_word("Sept."), calendar_word("Sloane")
    (True, False)
    """
    word = word.lower().rstrip(".")
    return len(word) >= 3 and any(name.startswith(word) for name in CALENDAR_NAMES)


def _place_speaking(span: Span) -> bool:
    """Return whether a place's name is the subject of a speech verb ("RT boasts"): a place
    does not speak, so this mention names something else the article has not typed."""
    root = span.root
    return span.label_ == "Place" and root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


@rule("repeated_names", off=[])
def repeated_names(doc: Doc, spans: list[Span], covered: set[int]) -> list[Span]:
    """Return the mentions of the article's actor names that no actor covers ("Essex" in a
    list, "SHEARER" in a headline), each with its actor's type; a one-word name the article
    also writes in lower case ("Bush", "bush") is repeated only where the model found it,
    and a place's name not where it speaks."""
    forms = _name_forms(spans)
    if not forms:
        return []
    lower = lowercase_words(doc)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in forms:
        by_first.setdefault(words[0], []).append(words)
    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        match = None
        if i not in covered and token.text[:1].isupper() and not in_date_or_amount(token):
            for words in sorted(by_first.get(token.text, ()), key=len, reverse=True):
                end = i + len(words)
                if end <= len(doc) and tuple(t.text for t in doc[i:end]) == words and \
                        not any(j in covered for j in range(i, end)) and \
                        (_stands_alone(doc, i, end) or
                         maker_before_product(doc, i, end, forms[words])) and \
                        not (len(words) == 1 and words[0].lower() in lower):
                    match = Span(doc, i, end, label=forms[words])
                    break
        if match is not None and not _place_speaking(match):
            match._.kg_repeat = True
            found.append(match)
            i = match.end
        else:
            i += 1
    return found
