"""A surname alone, one person with the full name: a surname the model typed otherwise is
the person the article names in full ("Jobs" after "Steve Jobs", "Wang" after "Wang
Donghai"), and a full name takes the type its titled surname has ("Mr Ishola").
:mod:`kg.extract.resolve` then joins the mentions into one actor.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.ablation import PASS_THROUGH, rule
from kg.extract.actor_context_titles import after_title
from kg.extract.countries import lookup_country
from kg.extract.headline_names import in_headline
from kg.extract.knowledge import is_city, is_region_name
from kg.lexicon.organisations import BODY_HEADS, ORG_NAME_SUFFIXES
from kg.lexicon.people import NAME_SUFFIXES


@rule("surname_relabel", off=PASS_THROUGH)
def relabel_surnames(spans: list[Span]) -> list[Span]:
    """Return spans with non-person mentions of a named person's surname relabelled as that
    person ("Jobs" tagged ORG after "Steve Jobs", "Van Acker" after "Pieter Van Acker",
    "Wang" after "Wang Donghai")."""
    full_names = [s.text.lower() for s in spans if s.label_ == "Person" and len(s) >= 2]
    given_after = [s.text.lower() for s in spans if s.label_ == "Person" and len(s) >= 2
                   and not common_word_after_first(s)]
    full_names += _names_before_suffixes(full_names, spans)
    places = places_before_namesakes(spans)
    out = []
    for span in spans:
        after_preposition = span.start > 0 and span.doc[span.start - 1].pos_ == "ADP"
        country = span.label_ == "Country" and not span._.kg_demonym and not after_preposition
        word = span.text.lower()
        surname = any(name.endswith(" " + word) for name in full_names) and \
            not (span.label_ == "Place" and word in places)
        # a family name written first ("Wang" after "Wang Donghai")
        # ... but a city's name stays the city ("Seattle" beside a misread "Seattle Fire")
        family_first = len(span) == 1 and span.label_ in ("Organization", "Place") and any(
            name.startswith(word + " ") for name in given_after) and not (
            span.label_ == "Place" and is_city(span.text))
        named_product = span.label_ == "Product" and span._.kg_product_label_only  # "Eyles"
        if ((span.label_ in ("Organization", "Place", "Group") or country or named_product)
                and surname) or family_first:
            relabelled = Span(span.doc, span.start, span.end, label="Person")
            span = relabelled
        out.append(span)
    return _one_label_per_surname(out, full_names)


@rule("place_before_namesake", off=frozenset())
def places_before_namesakes(spans: list[Span]) -> frozenset[str]:
    """Return the lower-case names of places the gazetteers know as a city or region that
    the running text names on their own, typed a place, before the first person whose full
    name ends in them ("the churches of Lalibela" before "King Gebre Meskel Lalibela"): a
    news text names a person in full before it shortens the name, so the earlier word is
    the place, not the person's surname. A headline or the article's first line (its
    title, whatever its case) comes before everything and says nothing of the order."""
    first: dict[str, int] = {}
    for span in spans:
        if span.label_ == "Person" and len(span) >= 2:
            first.setdefault(span.text.lower(), span.start)
    places = set()
    for span in spans:
        word = span.text.lower()
        if span.label_ != "Place" or not _in_running_text(span) or \
                not (is_city(span.text) or is_region_name(span.text)):
            continue
        starts = [start for name, start in first.items() if name.endswith(" " + word)]
        if starts and span.start < min(starts):
            places.add(word)
    return frozenset(places)


def _in_running_text(span: Span) -> bool:
    """Return whether a mention lies past the article's first line and in no headline."""
    return span.start_char > span.doc.text.find("\n") and not in_headline(span)


@rule("family_first_common_word")
def common_word_after_first(span: Span) -> bool:
    """Return True for a "person" whose later words the article also writes in lower case
    ("Pirelli Cables" beside "tyre and cables giant Pirelli"): a company's line of business,
    not a given name, so the name gives no family name to its first word."""
    from kg.extract.actor_context import lowercase_words

    lower = lowercase_words(span.doc)
    return any(t.text.lower() in lower for t in span[1:]
               if t.is_alpha and span.doc[t.i - 1].whitespace_)  # not "won" of "Jae-won"


@rule("suffix_surname", off=PASS_THROUGH)
def without_suffix(name: str) -> str:
    """Return a full name without the "Jr", "Sr" or "III" that ends it ("manuel tabalada jr"
    → "manuel tabalada"): the surname is the word before the suffix."""
    words = name.split()
    while len(words) > 2 and words[-1].lower() in NAME_SUFFIXES:
        words.pop()
    return " ".join(words)


def _names_before_suffixes(full_names: list[str], spans: list[Span]) -> list[str]:
    """Return the full names that end in "Jr" or "III" without it, unless the surname before
    the suffix is written elsewhere as a company ("Ford's chief executive, William Clay Ford
    Jr."): the company keeps its type."""
    from kg.extract.products import company_context

    companies = {s.text.lower() for s in spans if s.label_ == "Organization" and
                 len(s) == 1 and company_context(s)}
    out = []
    for name in full_names:
        short = without_suffix(name)
        if short != name and short.split()[-1] not in companies:
            out.append(short)
    return out


@rule("titled_surname_full_name", off=PASS_THROUGH)
def full_names_of_titled_surnames(spans: list[Span]) -> list[Span]:
    """Return spans with a full name the model took for an organisation or place relabelled
    as a person when its surname stands alone after a title or honorific elsewhere in the
    article ("Olanrewaju Ishola" tagged ORG beside "Mr Ishola"): one actor, one type, and the
    title says which. The name has two or three capitalised words and no company or body
    word, so "Ishola Holdings" stays a company."""
    titled = {s.text for s in spans if s.label_ == "Person" and len(s) == 1
              and after_title(s.doc, s.start)}
    return [Span(s.doc, s.start, s.end, label="Person")
            if s.label_ in ("Organization", "Place", "Group") and 2 <= len(s) <= 3
            and s[-1].text in titled and _plain_name(s) else s for s in spans]


def _plain_name(span: Span) -> bool:
    """Return whether every word of ``span`` is a capitalised word that names no body, ends
    no company's name and is no country or known city."""
    return all(t.is_title and t.text not in BODY_HEADS | ORG_NAME_SUFFIXES
               and lookup_country(t.text) is None for t in span) and not is_city(span.text)


def _one_label_per_surname(spans: list[Span], full_names: list[str]) -> list[Span]:
    """Return spans where every mention of a surname that one mention made a person is that
    person too ("in Jordan's film" after "Jordan said", with "Neil Jordan" named): a name
    has one type per article."""
    people = {s.text for s in spans if s.label_ == "Person" and len(s) == 1
              and any(name.endswith(" " + s.text.lower()) for name in full_names)}
    return [Span(s.doc, s.start, s.end, label="Person")
            if s.text in people and s.label_ in ("Country", "Organization", "Place", "Group")
            else s for s in spans]
