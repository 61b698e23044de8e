"""Whether two names name one actor, from the names alone: an abbreviation and its name
("ECB", "European Central Bank"), a person's single and full names, two spellings of an
organisation's name ("Aer Lingus Group PLC", "Aer Lingus"), a product's shorter names. The
resolver (:mod:`kg.extract.resolve`) asks them of the article's entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.ablation import rule
from kg.extract.countries import lookup_country, normalise_surface
from kg.extract.surnames import without_suffix

if TYPE_CHECKING:
    from kg.extract.resolve import EntityInfo


def in_order(items: Iterable, sequence: Iterable) -> bool:
    """Return whether ``items`` occur in ``sequence`` in that order, others between them
    allowed ("rs" in "rupees"; "app", "store" in "itune", "app", "store").

    >>> in_order("rs", "rupees"), in_order("sr", "rupees")
    (True, False)
    """
    rest = iter(sequence)
    return all(item in rest for item in items)


def acronym(name: str) -> str:
    """Return the initials of a name's capitalised words.

    >>> acronym("European Central Bank")
    'ECB'
    """
    return "".join(w[0] for w in name.split() if w[:1].isupper())


_SMALL = frozenset("of the and for to de du des la le".split())


def abbreviates(short: str, name: str) -> bool:
    """Return whether ``short`` is an abbreviation of ``name``: the initials of its
    capitalised words, or their first letters ("ECOWAS" = "Economic Community of West
    African States", "ECB" = "European Central Bank").

    >>> abbreviates("ECOWAS", "Economic Community of West African States")
    True

    An ampersand is no word, and a legal suffix may be left out ("GM" = "General Motors
    Corporation", "EADS" = "European Aeronautic Defence & Space NV").
    """
    words = [w for w in re.split(r"[\s-]+", name) if w and w != "&" and w.lower() not in _SMALL]
    if len(short) < 2 or len(words) < 2 or not short.isalpha():
        return False
    core = list(words)
    while len(core) > 2 and core[-1].lower().replace(".", "") in _LEGAL_WORDS:
        core.pop()

    def match(letters: str, rest: list[str]) -> bool:
        if not rest:
            return not letters
        word = rest[0].upper()
        return any(letters[:k] == word[:k] and match(letters[k:], rest[1:])
                   for k in range(1, min(len(letters), len(word), 3) + 1))

    return match(short.upper(), words) or (core != words and match(short.upper(), core))


def same_person(short: str, full: str) -> bool:
    """Return True if single name ``short`` is the surname or first name of ``full``."""
    parts = without_suffix(full).split()
    last, first = parts[-1], parts[0]
    return short.lower() in (last.lower(), first.lower())


def same_full_name(a: str, b: str) -> bool:
    """Return True for two full names of one person: one ends the other ("Van Acker" in
    "Pieter Van Acker"), or the same surname after the same given name or its initial, one
    name longer ("Ana Lopes", "Ana M. Lopes") or one given name an initial ("A. Lopes", a
    race card's or a table's short form of "Ana Lopes")."""
    pa, pb = a.split(), b.split()
    if a.lower().endswith(" " + b.lower()) or b.lower().endswith(" " + a.lower()):
        return True
    if pa[-1].lower() == pb[-1].lower() and pa[0][0] == pb[0][0]:
        return len(pa) != len(pb) or pa[0].lower() == pb[0].lower() or \
            _initial(pa[0]) != _initial(pb[0])
    return False


def _initial(word: str) -> bool:
    """Return whether a word is a given name's initial ("A.", "A")."""
    return len(word.rstrip(".")) == 1 and word[0].isupper()


#: Words that end a company's name without changing the company ("Daimler AG" = "Daimler").
LEGAL_SUFFIXES = frozenset(
    "corp corporation inc ltd llc co company plc nv n.v. ag sa s.a. group holdings".split())
#: The legal suffixes without dots, as an abbreviation leaves them out ("N.V.").
_LEGAL_WORDS = frozenset(s.replace(".", "") for s in LEGAL_SUFFIXES)
#: Words of an industry that end a company's name ("China Eastern Airlines").
INDUSTRY_SUFFIXES = frozenset("airlines airways motors".split())


def org_core(name: str) -> str:
    """Return the part of an organisation's name that tells it apart: lower case, without
    dots, legal suffixes, an industry word after two or more words, or a country's name
    before two or more words.

    >>> org_core("Aer Lingus Group PLC"), org_core("the U.S. Air Force")
    ('aer lingus', 'air force')
    """
    words = [w for w in normalise_surface(name).replace(",", " ").split()]
    while len(words) > 1 and words[-1].rstrip(".") in {s.rstrip(".") for s in LEGAL_SUFFIXES}:
        words.pop()
    if len(words) > 2 and words[-1] in INDUSTRY_SUFFIXES:
        words.pop()
    for k in (2, 1):
        if len(words) - k >= 2 and lookup_country(" ".join(words[:k])) is not None:
            words = words[k:]
            break
    if len(words) >= 4 and _parent_abbreviation(name.split()[0], words[0]):
        words = words[1:]  # "UN Office for the Coordination of Humanitarian Affairs"
    return " ".join(w.replace(".", "") for w in words)


def _parent_abbreviation(written: str, word: str) -> bool:
    """Return whether a name's first word, as written, is a short abbreviation in capitals
    ("UN", "EU", "BBC") before three words or more: the body the name's owner belongs to,
    which the article may leave out."""
    return written.isupper() and written.isalpha() and 2 <= len(written) <= 4 and \
        word == written.lower()


def same_product(text: str, entities) -> EntityInfo | None:
    """Return the product ``text`` names in another case or number ("Macbook" =
    "MacBook", "Boeing 787 Dreamliners" = "Boeing 787 Dreamliner"), or with words of its
    name left out before its head word (see :func:`fewer_product_words`)."""
    key = text.lower().removesuffix("s")
    products = [i for i in entities if i.type == "Product" and i.name != text]
    return next((i for i in products if i.name.lower().removesuffix("s") == key), None) or \
        next((i for i in products if fewer_product_words(text, i.name)), None)


def _product_words(name: str) -> list[str]:
    """Return a product name's words in lower case, each without a plural "s" ("iTunes Apps
    Stores" → itune, app, store)."""
    return [w.lower().removesuffix("s") for w in name.replace('"', " ").split()]


@rule("product_fewer_words")
def fewer_product_words(a: str, b: str) -> bool:
    """Return True for two names of two words or more of one product, one the other with
    words left out before the head word they end in, in any case or number ("App Store" of
    "the iTunes Apps Stores", "iTunes Store" of "iTunes Music Store", "OS X" of "Mac OS X").
    A name with another last word is another product: "iPhone" is the line, "iPhone 3GS" a
    model of it, "iTunes" the software, "iTunes Store" the shop that sells through it."""
    short, long_ = sorted((_product_words(a), _product_words(b)), key=len)
    if len(short) < 2 or len(short) == len(long_) or short[-1] != long_[-1]:
        return False
    return in_order(short, long_)


def shortened_product(text: str, entities) -> EntityInfo | None:
    """Return the product a one-word name shortens: a later word of its name, in any case
    ("A380(s)" after "Airbus A380", "Dreamliner" after "Boeing 787 Dreamliner", "Nano"
    beside "iPod nano"). A bare product name
    ("the iPhone") stays apart from its models ("iPhone 3GS"): reviews use it for the line."""
    products = [i for i in entities if i.type == "Product" and " " in i.name]
    for info in products:
        words = info.name.split()
        short = [w.lower() for w in words[1:] + [w for w in words[:1]
                                                  if any(c.isdigit() for c in w)]]  # "787s"
        if text.lower() in short or text.lower().removesuffix("s") in short:
            return info
    return None
