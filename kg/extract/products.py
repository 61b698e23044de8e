"""Products: named goods, vehicles, devices and software ("the iPhone 4", "Airbus A380",
"the Pixelbook Nova") as actors of their own type, never people or companies.

The evidence, all of it read from the article: the model's PRODUCT label; a model
designation after a name ("Boeing 787", "iPhone 4", "Mac OS X"); a name written like a
brand, lower case then upper case ("iPod", "iTunes"); the sentence selling or launching it
("goes on sale", "unveiled the ..."); a product noun before it ("web browser Safari") or in
apposition ("Lion, the new version"). :func:`brand_names` finds the mentions NER left out
(brand names, "the A380", "Boeing's 787"; a product's name written again is found by
:mod:`kg.extract.product_mentions`), and :func:`with_maker_products` makes "Ford Taurus" a
product where "the Taurus" is one. The model's PRODUCT label alone is weak evidence (it
often calls a surname a product), so such mentions vote like any label and are not spread
(``kg_product_label_only``).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.doc_memo import per_doc
from kg.extract.syntax import POSSESSIVES, first_conjunct
from kg.lexicon.organisations import (
    BODY_HEADS,
    COMPANY_NOUNS,
    COMPANY_VERBS,
    ORG_NAME_SUFFIXES,
    ORG_NOUNS,
)
from kg.lexicon.products import (
    LAUNCH_VERBS,
    MACHINE_NOUNS,
    PRODUCT_FEATURE_VERBS,
    PRODUCT_PART_NOUNS,
    PRODUCT_USER_NOUNS,
)

#: A model designation: a number, or letters and digits ("787", "A380", "737-800", "3GS").
MODEL_RE = re.compile(r"^(?=.*\d)[A-Za-z]{0,3}-?\d[\w-]*$")
#: Words of operating-system and software names that follow the maker ("Mac OS X").
MODEL_WORDS = frozenset({"OS", "X"})
#: A designation standing on its own as a product ("A380", "A350s"): letters, then digits.
STANDALONE_MODEL_RE = re.compile(r"^[A-Z]{1,2}\d{3,4}[A-Za-z]{0,2}$")
#: A model's name of capitals then digits after its maker or line ("YU7" of "Xiaomi YU7",
#: "MX450" of "Instinct MX450"): the model written alone is the product.
CODED_MODEL_RE = re.compile(r"^(?=.{3})[A-Z]{1,3}\d{1,4}[A-Za-z]{0,2}$")
#: A model's code name of digit, letter, digit ("7E7", "the 7e7"); "x" joins dimensions ("9x9").
CODE_MODEL_RE = re.compile(r"^\d[a-wyzA-WYZ]\d$")
#: A model designation in the plural, standing for the planes or machines of that model
#: ("18 777s", "46 more 787s"); round hundreds ("the 300s") are no model.
PLURAL_MODEL_RE = re.compile(r"^\d\d[1-9]s$")
#: A capitalised word with a model's number written close after it ("Watch9", "Fold8"): a
#: line's name and its generation, no common word.
NUMBERED_WORD_RE = re.compile(r"^[A-Z][a-z]{2,}\d{1,2}$")
#: A brand written lower case then upper case ("iPhone", "iTunes", "eReader").
BRAND_RE = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]+$")
#: NER labels a product name may carry (the model calls most of them companies or people).
NAME_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "GPE", "LOC", "FAC", "NORP"})
if not Span.has_extension("kg_product_label_only"):
    #: True for a product mention whose only evidence is the model's PRODUCT label: it
    #: votes like any label, not like evidence (kg.extract.types).
    Span.set_extension("kg_product_label_only", default=False)

#: Words after which a number is a route, flight or channel, not a model ("Flight 447").
NUMBERED_WORDS = frozenset(
    "Flight Route Highway Interstate Channel Radio Chapter Terminal Gate Platform Section "
    "Article Resolution Apollo Formula Group Division League Week Day Round Stage".split())
#: Entity types of numbers that are amounts, not model designations ("iPhone 4 for $199").
AMOUNT_TYPES = frozenset({"MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"})


#: A decade, an ordinal, a quarter or half-year, or a number with a unit: never a model
#: ("1990s", "80s", "2nd", "Q2", "H1", "6mth", "10km").
DECADE_RE = re.compile(r"^(?:\d{2})?\d0s$|^\d+(?:st|nd|rd|th)$|^[QH]\d$|^\d+[a-z]{2,}$")


def _is_designation(token: Token, name: Span) -> bool:
    """Return True for a token that designates a model of ``name``: "OS", "X", letters with
    digits ("A380", "3GS", "787s", "Watch9"), a number of three or more digits after a company or
    product ("Boeing 787", "737-800"), or any number after a product or brand name ("iPhone
    4"). Amounts, dates, decades and match scores ("Celtic 2") are no designations."""
    text = token.text
    if text in MODEL_WORDS and token.i > name.start:
        return True
    if NUMBERED_WORD_RE.match(text) and token.ent_type_ not in AMOUNT_TYPES:
        return True  # "Galaxy" + "Watch9"
    if not MODEL_RE.match(text) or token.ent_type_ in AMOUNT_TYPES or DECADE_RE.match(text):
        return False
    if any(c.isalpha() for c in text):
        return True
    groups = text.split("-")
    if all(len(g) >= 3 for g in groups):
        return name.label_ in ("ORG", "PRODUCT")
    return name.label_ == "PRODUCT" or bool(BRAND_RE.match(name[0].text))


def _table_number(token: Token) -> bool:
    """Return True for a plain number that reads as a figure in a table or a score ("Essex
    372 ,"); designations with letters ("737s,", "A380,") are never figures."""
    from kg.extract.actor_junk import is_table_figure
    from kg.extract.table_names import in_table_row

    # any plain number in a table row or match-result line is one ("Rennes 3 Toulouse 2")
    return not any(c.isalpha() for c in token.text) and (
        is_table_figure(token) or in_table_row(token) or _ends_figure_list(token))


def _ends_figure_list(token: Token) -> bool:
    """Return True for a number that ends a list of names with figures at its full stop
    ("Vale 9, Ruiz 4."): the name before it follows a comma after another figure."""
    doc, i = token.doc, token.i
    if i + 1 >= len(doc) or doc[i + 1].text != ".":
        return False
    k = i - 1
    while k > 0 and i - k <= 4 and doc[k].is_alpha and doc[k].text[:1].isupper():
        k -= 1  # the name's words
    return k < i - 1 and k > 0 and doc[k].text == "," and doc[k - 1].is_digit


def score_follows(token: Token) -> bool:
    """Return True for a number that a dash, slash, "and" or "for" joins to another ("108-3",
    "2/1", "199 and 426", "218 for 9"): a score or a result, not a model. A model's variant
    ("737-800", "A330-200": three digits, a dash, round hundreds) is no score."""
    doc, i = token.doc, token.i
    return i + 2 < len(doc) and doc[i + 1].lower_ in ("-", "/", "and", "for") and \
        doc[i + 2].like_num and not variant_designation(token)


#: A model's variant after its dash: round hundreds or thousands, maybe with letters for its
#: range or body ("800", "300ER", "200LR", "900ULR", "1000").
VARIANT_RE = re.compile(r"^[1-9]0{2,3}[A-Z]{0,3}$")


@rule("product_variant_number")
def variant_designation(token: Token) -> bool:
    """Return True for a model number joined to its variant ("737-800", "A330-200",
    "777-300ER", "A350-900ULR"): three digits or letters and digits, a dash written close,
    round hundreds or thousands."""
    doc, i = token.doc, token.i
    return i + 2 < len(doc) and doc[i + 1].text == "-" and not token.whitespace_ and \
        not doc[i + 1].whitespace_ and len(token.text) >= 3 and \
        bool(VARIANT_RE.match(doc[i + 2].text))


def _model_end(name: Span) -> int:
    """Return where the model designation after ``name`` ends (``name.end`` if none):
    designation tokens, then up to two capitalised name words in no other entity ("787
    Dreamliner", "OS X Snow Leopard")."""
    doc, end = name.doc, name.end
    i = end
    while i < len(doc) and i - end < 3 and _is_designation(doc[i], name) and \
            not (name.label_ != "PRODUCT" and _table_number(doc[i])) and \
            not score_follows(doc[i]):
        i += 3 if variant_designation(doc[i]) else 1  # "737" "-" "800"
    name_end = i + 2  # "OS X Snow Leopard"
    while end < i < min(name_end, len(doc)) and doc[i].is_title and doc[i].is_alpha and \
            doc[i].ent_type_ in ("", "PRODUCT", "ORG"):
        i += 1
    return i


@rule("product_model_number", off=PASS_THROUGH)
def with_model_number(ent: Span) -> Span:
    """Return a name extended over the model designation after it, as a product ("Boeing"
    + "787", "iPhone" + "4", "Mac" + "OS X"); a name ending in a designation ("Boeing 787"
    as one entity) is a product too. Other entities come back unchanged, and so does a
    person's surname before a plain number ("Bianchetti 239": :func:`surname_of_a_person`)."""
    if ent.label_ not in NAME_LABELS or not any(t.is_alpha for t in ent):
        return ent
    model = _model_of_generation(ent)
    if model is not None:
        return model
    end = _model_end(_as_model_line(ent))
    if end > ent.end:
        end = _generation_end(ent.doc, end)
    last = ent[-1]
    inside = len(ent) > 1 and (any(c.isdigit() for c in last.text) and _numbered_as_model(
        ent) and not _table_number(last) or any(t.text == "OS" for t in ent[1:]))
    if (end == ent.end and not inside) or ent[-2 if inside else -1].text in NUMBERED_WORDS:
        return ent
    if end > ent.end and not ent[-1].is_alpha and not ent[-1].text.isalnum():
        return ent  # "Kent 108-3": a score, not a model
    if end > ent.end and ent.doc[ent.end].is_digit and surname_of_a_person(ent):
        return ent  # "Bianchetti 239" after "Lorenzo Bianchetti": a person's figure
    return Span(ent.doc, ent.start, end, label="PRODUCT")


def surname_of_a_person(ent: Span) -> bool:
    """Return True for a name the article also writes as a person's, at the end of a longer
    name the model labels a person or a given name opens ("Hamdan Al Suwaidi", "Lorenzo
    Bianchetti"): a plain number after it is that person's figure ("Bianchetti 239"), not
    a model's number."""
    from kg.extract.knowledge import is_given_name

    if ent.label_ == "PRODUCT":
        return False
    words = [t.text for t in ent]
    return any(len(e) > len(ent) and [t.text for t in e[-len(ent):]] == words
               and (e.label_ == "PERSON" or is_given_name(e[0].text))
               for e in ent.doc.ents if e.start != ent.start)


def _as_model_line(ent: Span) -> Span:
    """Return a one-word "person" or "organisation" as a product when the article writes it
    before a model number at two places or more ("Forerunner 975 ... a Forerunner 965"): a
    line of models, whose numbers are designations as after a company's name; else the name
    unchanged. Scores are no model numbers ("Halden 2-1", "Halden 2, Solvik 1")."""
    if ent.label_ not in ("PERSON", "ORG") or len(ent) != 1 or not names_a_model_line(ent[0]):
        return ent
    return Span(ent.doc, ent.start, ent.end, label="PRODUCT")


def names_a_model_line(word: Token) -> bool:
    """Return True for a word the article writes before a model number at two places or
    more ("Forerunner 975 ... a Forerunner 965"); scores are no model numbers."""
    return _words_before_model_numbers(word.doc)[word.text] >= 2


@per_doc
def _words_before_model_numbers(doc: Doc) -> Counter[str]:
    """Return how often the article writes each word right before a number that may be a
    model's (no score, no table's number): counted once per article, not once per name."""
    return Counter(t.text for t in doc[:-1] if doc[t.i + 1].is_digit and
                   not _table_number(doc[t.i + 1]) and not score_follows(doc[t.i + 1]))


def _model_of_generation(ent: Span) -> Span | None:
    """Return the whole model's name for a "name" that is only its generation, a capitalised
    word and a number of one or two digits after a designation with letters and digits
    and the model's capitalised name ("Gen 3" of "Vantor X9 Gen 3"), as a product; else
    None."""
    doc, start, end = ent.doc, ent.start - 1, ent.start + 2  # the number may be cut off
    if len(ent) > 2 or end > len(doc) or not ent[0].is_title or not doc[end - 1].is_digit or \
            len(doc[end - 1]) > 2 or start < 1 or not MODEL_RE.match(doc[start].text) or \
            doc[start].is_digit:
        return None
    first = start
    while first > 0 and start - first < 2 and doc[first - 1].text[0].isupper() and \
            doc[first - 1].is_alpha and not doc[first - 1].is_upper:  # "ThinkPad", not "NEW"
        first -= 1
    return Span(doc, first, end, label="PRODUCT") if first < start else None


def _generation_end(doc: Doc, end: int) -> int:
    """Return where a model's name ends when a capitalised word and a number of one or two
    digits follow its designation ("Gen 3" of "Vantor X9 Gen 3", "Series 2"), else ``end``:
    the generation is part of the name."""
    if end < len(doc) and doc[end - 1].is_title and doc[end].is_digit and len(doc[end]) <= 2:
        return end + 1
    if end + 1 < len(doc) and doc[end].is_title and doc[end].is_alpha and \
            doc[end + 1].is_digit and len(doc[end + 1]) <= 2 and not score_follows(doc[end + 1]):
        return end + 2
    return end


@rule("product_maker_split", off=None)
def maker_of_product(ent: Span) -> Span | None:
    """Return the maker's name a product's name starts with, up to its possessive ("Apple
    Computer" of "Apple Computer's Mac OS X"), or None: the maker is a company of its own."""
    if ent.label_ != "PRODUCT":
        return None
    cut = next((t.i for t in ent[1:-1] if t.text in POSSESSIVES), None)
    if cut is None:
        return None
    return Span(ent.doc, ent.start, cut, label="ORG")


def ner_product(ent: Span) -> bool:
    """Return True for an entity the model labels PRODUCT that may be one: not a given name
    cut from the company name before it ("Martin" of "Lockheed Martin"), a headline word in
    capitals ("SEMIFINAL") or a figure ("VS 21.0 MLN"); a bare one-word name needs "the"
    before it ("the Taurus"), as the model often calls a surname a product ("Eyles said")."""
    from kg.extract.knowledge import is_given_name

    if ent.label_ != "PRODUCT":
        return False
    doc = ent.doc
    name = ent[1:] if ent[0].lower_ == "the" else ent
    the = ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
    if len(name) == 1 and label_only_product(name) and not the:
        return False
    split = ent.start > 0 and doc[ent.start - 1].ent_type_ == "ORG" and \
        doc[ent.start - 1].whitespace_ and is_given_name(ent.text)
    if len(ent) == 1 and (split or (ent.text.isupper() and len(ent.text) > 4
                                    and ent.text.isalpha())):
        return False
    return not any(t.like_num and not _is_designation(t, ent) for t in ent)


def ends_in_designation(ent: Span) -> bool:
    """Return True for a name that ends in its model designation ("the Rolls-Royce Trent 900
    engines", "Boeing 737"), so the number is kept as part of it, not cut as a figure."""
    last = ent[-1]
    return len(ent) > 1 and ent.label_ in NAME_LABELS and any(t.is_alpha for t in ent) and \
        last.is_digit and _numbered_as_model(ent) and not _table_number(last) and \
        not score_follows(last) and ent[-2].text not in NUMBERED_WORDS


def _numbered_as_model(ent: Span) -> bool:
    """Return whether a name's last word numbers it as a model: a designation, or a small
    number the model ran into a person or body (:func:`_numbered_name`)."""
    return _is_designation(ent[-1], ent) or _numbered_name(ent)


def _numbered_name(ent: Span) -> bool:
    """Return True for a person or organisation the model ran a number of one or two digits
    into, written right after a capitalised word of it ("Walkman 2", "the Lumo Cosmos 7"):
    no person's or body's name ends in a number, a model's does. A number after another or
    before another name is a score ("Celtic 2 Rangers 1", "3-2")."""
    last, before, doc = ent[-1], ent[-2], ent.doc
    name_after = ent.end < len(doc) and doc[ent.end].is_title
    return ent.label_ in ("PERSON", "ORG") and last.is_digit and len(last) <= 2 and \
        before.is_title and before.is_alpha and not name_after and \
        not any(t.like_num for t in ent[:-1]) and not score_follows(last)


def is_variant_name(ent: Span) -> bool:
    """Return True for a name that is a model number and its variant alone ("777-200LR"),
    so the number is kept, not cut off as a figure before "200LR"."""
    doc = ent.doc
    return len(ent) == 3 and variant_designation(ent[0]) and \
        (ent.start == 0 or doc[ent.start - 1].text not in NUMBERED_WORDS)


def label_only_product(span: Span) -> bool:
    """Return True for a product name with no sign of one but the model's label: no model
    designation, no brand spelling ("Taurus", not "Boeing 787" or "iPod")."""
    return not any(any(c.isdigit() for c in t.text) or t.text in MODEL_WORDS for t in span) \
        and not BRAND_RE.match(span[0].text)


@rule("product_brand_shape")
def brand_shaped(ent: Span) -> bool:
    """Return True for a name written like a product brand, lower case then upper case
    ("iPhone", "iTunes Music Store"), unless the words around it call it a company ("the
    online retailer eBay", "shares of eBay", "eBay said")."""
    first = 1 if len(ent) > 1 and ent[0].lower_ == "the" else 0  # "the iPod Classic"
    if not BRAND_RE.match(ent[first].text):
        return False
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (prev is None or prev.lower_ not in ORG_NOUNS) and not company_context(ent)


def _governing_verb(token: Token) -> Token:
    """Return the word a token's phrase hangs from, past the names joined or in apposition
    to it ("Apple TV" in "introduces iPhone and Apple TV" hangs from "introduces")."""
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    return token


def _noun_after(ent: Span) -> Token | None:
    """Return the word after a name and its possessive ("screen" of "the X's screen")."""
    doc, i = ent.doc, ent.end
    if i < len(doc) and doc[i].text in POSSESSIVES:
        i += 1
    return doc[i] if i < len(doc) else None


@rule("company_context")
def company_context(ent: Span) -> bool:
    """Return True when the sentence treats a name as a company: shares or a chief belong to
    it ("shares of eBay", "eBay's chief executive", "eBay shares"), or it says, reports or
    hires ("eBay said"). A product is never the subject of these."""
    root = _governing_verb(ent.root)
    after = _noun_after(ent)
    if after is not None and after.lower_ in COMPANY_NOUNS:
        return True
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in COMPANY_NOUNS:
        return True
    return root.dep_ == "nsubj" and head.lemma_ in COMPANY_VERBS


@rule("product_context")
def product_context(ent: Span) -> bool:
    """Return True when the parse says a name the model called a company is a product: the
    object of a launch ("Apple introduces iPhone and Apple TV", "introduced the new MacBook
    line"), the subject of what products do or are ("The Macbook features a 13-inch display",
    "The Surface Book is a thin laptop"), the
    owner of a product's part ("the Veltro X's screen"), or the name of its users
    ("Macintosh users"). A name the sentence also treats as a company is none."""
    root = ent.root
    head = root.head
    if root.dep_ == "compound" and head.pos_ == "NOUN" and head.i >= ent.end:
        if head.lower_ in PRODUCT_USER_NOUNS:
            return not company_context(ent)
        root, head = head, head.head  # "the new MacBook line": the line is launched
    verb = first_conjunct(root)  # "introduces iPhone and Apple TV"
    launched = verb.dep_ in ("dobj", "nsubjpass") and verb.head.lemma_ in LAUNCH_VERBS
    featured = verb.dep_ == "nsubj" and (verb.head.lemma_ in PRODUCT_FEATURE_VERBS or (
        verb.head.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_ in MACHINE_NOUNS
                                         for c in verb.head.children)))
    after = _noun_after(ent)
    possessive = ent[-1].text in POSSESSIVES or (after is not None and after.i > ent.end)
    part = possessive and after is not None and after.lower_ in PRODUCT_PART_NOUNS
    person = ent.label_ == "PERSON"  # "released Smith", "Smith weighs 80kg": no product
    return ((launched or featured) and not person or part) and not company_context(ent)


def as_product(ent: Span) -> Span:
    """Return an entity relabelled PRODUCT (its words unchanged)."""
    return ent if ent.label_ == "PRODUCT" else Span(ent.doc, ent.start, ent.end, label="PRODUCT")


def _standalone_model(token: Token) -> bool:
    """Return True for a model designation written alone ("the A380", "A350s"): one or two
    capitals, then three or four digits, as a proper noun or a number outside any entity,
    whose capitals the article writes before no amount ("P695" where it writes "P1,200")."""
    return bool(STANDALONE_MODEL_RE.match(token.text) or PLURAL_MODEL_RE.match(token.text)) \
        and token.ent_type_ in ("", "PRODUCT", "CARDINAL", "ORG", "DATE") \
        and _letters_before_digits(token.text) not in currency_prefixes(token.doc)


#: Capitals written right before a figure ("P" of "P1,200", "RM" of "RM20,000").
_PREFIXED_FIGURE_RE = re.compile(r"^([A-Z]{1,3})(\d{1,3}(?:,\d{3})+|\d+\.\d+|\d+)$")
#: Words that scale the figure before them: an amount ("R900 million"), never a model.
SCALE_WORDS = frozenset("million billion trillion bn mn".split())


def _letters_before_digits(text: str) -> str:
    """Return the capitals a designation opens with ("A" of "A380", "" of "787s")."""
    return text[:len(text) - len(text.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]


@per_doc
def currency_prefixes(doc: Doc) -> frozenset[str]:
    """Return the capitals the article writes before an amount, so a sign of its currency
    ("R" of "R900 million", "P" of "P1,200 a day"): before a figure with a thousands
    separator or decimals, one a scale word follows, or one the model labels money. No
    model's number is written so, and every figure after those capitals is an amount."""
    return frozenset(
        m.group(1) for t in doc if (m := _PREFIXED_FIGURE_RE.match(t.text)) and (
            not m.group(2).isdigit() or t.ent_type_ == "MONEY" or (
                t.i + 1 < len(doc) and doc[t.i + 1].lower_ in SCALE_WORDS)))


@rule("product_variant_alone")
def _variant_model(token: Token) -> bool:
    """Return True for a model number and its variant written alone ("the 777-200LR",
    "A350-900ULR"), in no table and after no route or flight word ("Flight 777-200"); a
    number of digits alone must be in no amount or date ("300-400 jobs"), while letters
    make it a model whatever NER called it ("A350-1000" as a date). Two plain numbers must
    go down ("747-400"), as a range goes up ("cut 300-400 jobs")."""
    doc, i = token.doc, token.i
    if not variant_designation(token):
        return False
    digits = token.text.isdigit()
    amount = digits and any(t.ent_type_ in AMOUNT_TYPES for t in doc[i:i + 3])
    rising = digits and doc[i + 2].text.isdigit() and int(doc[i + 2].text) > int(token.text)
    return not amount and not rising and \
        not any(_table_number(t) for t in (token, doc[i + 2])) and \
        (i == 0 or doc[i - 1].text not in NUMBERED_WORDS)


@rule("product_code_name")
def _code_model(token: Token) -> bool:
    """Return True for a model's code name written as a noun after "the" ("the 7e7 does
    not compete"), not as a number before one ("the 9x9 grid") or an amount ("3e8 metres")."""
    doc, i = token.doc, token.i
    return bool(CODE_MODEL_RE.match(token.text)) and i > 0 and doc[i - 1].lower_ == "the" and \
        token.dep_ not in ("compound", "nummod", "amod") and token.ent_type_ not in AMOUNT_TYPES


def _named_model(token: Token) -> bool:
    """Return True for a model number followed by the model's name, both outside any entity
    ("the new 787 Dreamliner"): three or four digits that are no amount, date or figure,
    then one capitalised singular noun."""
    doc, i = token.doc, token.i
    if i + 1 >= len(doc) or not token.is_digit or not 3 <= len(token.text) <= 4 or \
            token.ent_type_ not in ("", "CARDINAL", "PRODUCT") or _table_number(token):
        return False
    name = doc[i + 1]
    return name.tag_ in ("NNP", "NN") and name.is_title and name.is_alpha and \
        name.ent_type_ in ("", "PRODUCT") and (i + 2 >= len(doc) or not doc[i + 2].is_title)


def _after_maker(token: Token) -> bool:
    """Return True for a model designation after its maker's possessive ("Boeing's 787",
    "Airbus's A350"): a company, "'s", then letters with digits or a number of three or more
    digits that is no amount."""
    doc, i = token.doc, token.i
    if i < 2 or doc[i - 1].text not in ("'s", "’s") or doc[i - 2].ent_type_ != "ORG":
        return False
    maker = doc[i - 2: i - 1]
    return _is_designation(token, Span(doc, maker.start, maker.end, label="ORG")) and \
        not _listed_figure(token) and not DECADE_RE.match(token.text)


def _listed_figure(token: Token) -> bool:
    """Return True for a number in a list of figures ("Essex's 372, 108 and 96"): another
    number or a line break follows it, not just a comma ("Boeing's 787, and")."""
    doc, i = token.doc, token.i
    if not _table_number(token) or i + 1 >= len(doc):
        return _table_number(token)
    nxt = doc[i + 2] if i + 2 < len(doc) else None
    return doc[i + 1].text != "," or (nxt is not None and nxt.like_num)


@rule("product_maker_names", off=PASS_THROUGH)
def with_maker_products(spans: list[Span]) -> list[Span]:
    """Return ``spans`` with a maker's name before one of the article's products relabelled as
    that product ("Ford Taurus" as an organisation, where "the Taurus" is a product), and a
    product's name with a model word after it too ("Macbook Pro" beside the product
    "Macbook"; "Saturn Corporation" stays a company), and a name opening with a product
    line's name (:func:`_line_names`). Only a product with evidence beyond the model's label
    opens a longer name: "the Māori monarch" tagged a product makes no product of the
    "Māori King Movement", nor a product's name one of a body ("Red Mesa City Council")."""
    names = {s.text.lower() for s in spans if s.label_ == "Product"}
    evidenced = {s.text.lower() for s in spans
                 if s.label_ == "Product" and not s._.kg_product_label_only}
    lines = _line_names(spans)
    out = []
    for span in spans:
        if span.label_ in ("Organization", "Person") and len(span) >= 2 and \
                span[0].text.lower() in lines:
            span = Span(span.doc, span.start, span.end, label="Product")  # "Galaxy Ring"
        elif span.label_ == "Organization" and len(span) >= 2 and (any(
                span[i:].text.lower() in names for i in range(1, len(span))) or (any(
                span[:i].text.lower() in evidenced for i in range(1, len(span)))
                and span[-1].text not in ORG_NAME_SUFFIXES | BODY_HEADS)):
            span = Span(span.doc, span.start, span.end, label="Product")
        out.append(span)
    return out


def _line_names(spans: list[Span]) -> set[str]:
    """Return the first words that open two or more of the article's numbered products and
    name no organisation of it ("galaxy" of "Galaxy Z Fold8" and "Galaxy Watch9", not
    "boeing" beside "Boeing"): a product line's name, so "Galaxy Ring" is one of its
    products, not a company."""
    numbered = Counter(s[0].text.lower() for s in spans if s.label_ == "Product" and len(s) > 1
                       and not s._.kg_product_label_only and s[0].is_alpha
                       and any(c.isdigit() for c in s[-1].text))
    orgs = {s[0].text.lower() for s in spans if s.label_ == "Organization"
            and (len(s) == 1 or s[-1].text in ORG_NAME_SUFFIXES)}  # "Boeing", "Boeing Co."
    return {word for word, n in numbered.items() if n >= 2 and word not in orgs}


@rule("product_brand_shape_outside_entities", off=[])
def brand_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Return product names outside every actor mention: brand-shaped proper names in no
    entity ("runs iOS 5", "the iPhone 4" where NER saw no name) with their model
    designation, model designations alone ("the A380") and after a maker's possessive
    ("Boeing's 787")."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    found: list[Span] = []
    for token in doc:
        if token.i in covered:
            continue
        if _variant_model(token) and not any(k in covered for k in range(token.i, token.i + 3)):
            found.append(Span(doc, token.i, token.i + 3, label="Product"))
            covered.update(range(token.i, token.i + 3))
            continue
        if _standalone_model(token) or _after_maker(token) or _code_model(token):
            found.append(Span(doc, token.i, token.i + 1, label="Product"))
            covered.add(token.i)
            continue
        if _named_model(token) and token.i + 1 not in covered:
            found.append(Span(doc, token.i, token.i + 2, label="Product"))
            covered.update((token.i, token.i + 1))
            continue
        if token.ent_type_ or not BRAND_RE.match(token.text):
            continue
        name = Span(doc, token.i, token.i + 1, label="PRODUCT")
        end = _model_end(name)
        if (token.pos_ == "PROPN" or end > name.end) and brand_shaped(name) and \
                not any(i in covered for i in range(token.i, end)):
            found.append(Span(doc, token.i, end, label="Product"))
            covered.update(range(token.i, end))
    return found
