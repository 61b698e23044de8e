"""Products named in lists and after their maker: evidence an article gives about a name as a
whole, read once every mention is typed.

A name joined by "and", "or" or commas to one of the article's products is a product too
("the iPod Classic, Nano and Shuffle"; "the Chrysler Aspen, PT Cruiser and Durango"),
unless the article makes it a maker ("Boeing" of "Boeing 787") or the sentence treats it
as a company ("Airbus said"). A name written "the", a maker the article names on its own,
then a model's name ("the Chrysler Aspen" beside "Chrysler") is that maker's product. A
colour in a list of colours ("Black and White") is a product's finish, no actor.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.actor_context import lowercase_words
from kg.extract.knowledge import is_country_or_city
from kg.extract.product_mentions import with_case_variants
from kg.extract.products import company_context
from kg.extract.syntax import conjuncts
from kg.lexicon.organisations import BODY_HEADS, NAMED_BODY_HEADS, ORG_NAME_SUFFIXES
from kg.lexicon.places import FACILITY_HEADS
from kg.lexicon.products import COLOUR_WORDS

#: Types a list or a maker's name may turn into a product (countries and plans are known).
RETYPED = frozenset({"Person", "Organization", "Group", "Place"})


def _evidence_products(spans: list[Span]) -> list[Span]:
    """Return the mentions typed Product on evidence (not on the model's label alone) that
    the sentence does not treat as a company ("Tel, M1 and Sky Mobile all said": no list
    of products)."""
    return [s for s in spans if s.label_ == "Product" and not s._.kg_product_label_only
            and not company_context(s)]


def _maker_names(spans: list[Span], products: list[Span]) -> set[str]:
    """Return the names the article writes before a product's model ("Boeing" of "Boeing
    787") or as an organisation on their own: makers, never products themselves."""
    names = {s.text.lower() for s in spans if s.label_ == "Organization"}
    prefixes = {p[:k].text.lower() for p in products for k in range(1, len(p))}
    return {n for n in names if n in prefixes}


@rule("product_maker_model_name", off=PASS_THROUGH)
def with_maker_model_names(spans: list[Span]) -> list[Span]:
    """Return ``spans`` with "the", a maker, then a model's name typed as a product ("the
    Chrysler Aspen" where the article names "Chrysler" on its own, no city or country): the
    model's name is one capitalised word that is no company, body, site, city or country
    word nor a word the article writes in lower case ("the Budapest Stock Exchange"), nor the
    start of a body's name the model cut short ("the ISRO Telemetry, Tracking and Command
    Network"), and the article never writes the whole name without "the" (a company's is:
    "Northrop Grumman won the bid" beside "the Northrop Grumman plan")."""
    orgs = {s.text for s in spans if s.label_ == "Organization"}
    bare = {s.text for s in spans if not _after_the(s)}
    out = []
    for span in spans:
        if span.label_ == "Organization" and span.text not in bare and \
                _maker_then_model(span, orgs):
            span = _retyped(span, "Product")
        out.append(span)
    return out


@rule("product_line_after_the", off=PASS_THROUGH)
def with_product_lines(spans: list[Span]) -> list[Span]:
    """Return ``spans`` with a one-word "organisation" written after "the" typed as a product
    when the article names a product that starts with it ("the MacBook" beside "MacBook
    Pro"): a maker is not written "the Boeing", a product line is. A city or a country
    is no product line: "the Croydon tram crash" beside a caption's "Croydon Tram"; nor a
    maker that modifies a noun in lower case, which "the" belongs to ("the Airbus delivery
    centre")."""
    starts = {p[0].text for p in spans if p.label_ == "Product" and len(p) > 1}
    out = []
    for span in spans:
        doc = span.doc
        if span.label_ == "Organization" and len(span) == 1 and span.text in starts and \
                span.start > 0 and doc[span.start - 1].lower_ == "the" and \
                not _modifies_lower_noun(span) and not company_context(span) and \
                not is_country_or_city(span.text):
            span = _retyped(span, "Product")
        out.append(span)
    return out


def _after_the(span: Span) -> bool:
    """Return whether "the" comes right before a mention ("the Chrysler Aspen")."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the"


def _modifies_lower_noun(span: Span) -> bool:
    """Return whether a name is a modifier of a noun in lower case after it ("Airbus" of
    "the Airbus delivery centre")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].is_lower and doc[span.end].pos_ == "NOUN" \
        and span.root.head.i >= span.end


def _maker_then_model(span: Span, orgs: set[str]) -> bool:
    """Return whether an organisation's name reads "the" + one of ``orgs`` + a model name."""
    if not _after_the(span) or company_context(span):
        return False
    if len(span) < 2:
        return False
    maker, model = span[:-1].text, span[-1]
    return maker in orgs and not is_country_or_city(maker) and \
        model.is_title and model.is_alpha and \
        model.text not in ORG_NAME_SUFFIXES | BODY_HEADS | FACILITY_HEADS and \
        model.lower_ not in lowercase_words(span.doc) and not is_country_or_city(model.text) \
        and not _body_name_goes_on(span)


#: Last words of the names of companies, bodies, clubs and sites ("Network", "Centre").
_NAME_END_WORDS = NAMED_BODY_HEADS | FACILITY_HEADS


def _body_name_goes_on(span: Span) -> bool:
    """Return whether the capitalised words, commas and "and" right after a mention run on
    to a word that ends a company's, body's or site's name ("the ISRO Telemetry, Tracking
    and Command Network", of which the model's entity is the start): the words name one
    body, cut short by the model, not a maker's product."""
    doc = span.doc
    for token in doc[span.end: span.end + _RUN_ON]:
        if token.text in _NAME_END_WORDS:
            return True
        if not (token.is_title or token.lower_ in (",", "and", "&")) or \
                "\n" in token.whitespace_:
            return False
    return False


#: How many words after a model's name :func:`_body_name_goes_on` reads.
_RUN_ON = 8


@rule("product_coordination", off=PASS_THROUGH)
def with_listed_products(spans: list[Span]) -> list[Span]:
    """Return ``spans`` with the names joined to a product in a list typed as products, and
    the capitalised proper nouns in such a list that no mention covers added as products
    ("Shuffle" in "the iPod Classic, Nano and Shuffle"). A product only the model's label
    names ("the Taurus") makes a product only of a one-word name written after "the" like
    it ("the Taurus ... and the Falcon"): the model often calls a surname a product. A maker
    stays a company: a name written before a product's model, typed Organization where no
    list joins it to a product, or owning another name ("Samsung's Galaxy line")."""
    products = _evidence_products(spans)
    named = [s for s in spans if s.label_ == "Product" and s._.kg_product_label_only
             and _after_the(s)]
    if not products and not named:
        return spans
    doc = spans[0].doc
    in_product = {i for p in products for i in range(p.start, p.end)}
    in_named = {i for p in named for i in range(p.start, p.end)}
    listed = [span.label_ in RETYPED and (_listed_with(span.root, in_product) or (
        _after_the(span) and len(span) == 1 and _listed_with(span.root, in_named)))
        for span in spans]
    makers = _maker_names(spans, products) | _companies_unlisted(spans, listed)
    out = []
    for span, in_list in zip(spans, listed, strict=True):
        if in_list and span.text.lower() not in makers and not company_context(span) and \
                not _owner_of_name(span):
            span = _retyped(span, "Product")
        out.append(span)
    covered = {i for s in out for i in range(s.start, s.end)}
    out += [Span(doc, t.i, t.i + 1, label="Product") for t in doc
            if t.i not in covered and _bare_list_name(t, in_product, makers)]
    return sorted(out, key=lambda s: s.start)


def _companies_unlisted(spans: list[Span], listed: list[bool]) -> set[str]:
    """Return the names the article types Organization where no list joins them to a product
    ("from Samsung, which made the chips" beside "the iPhone and Samsung's"): a company, in
    a list of products too."""
    return {s.text.lower() for s, in_list in zip(spans, listed, strict=True)
            if s.label_ == "Organization" and not in_list}


def _owner_of_name(span: Span) -> bool:
    """Return whether a mention owns another name by its possessive ("Samsung's Galaxy
    line"): a maker, while a product's possessive owns a part ("the phone's screen")."""
    doc, end = span.doc, span.end
    return end + 1 < len(doc) and doc[end].text in ("'s", "’s") and \
        doc[end + 1].pos_ == "PROPN" and doc[end + 1].text[:1].isupper()


def _listed_with(token: Token, in_product: set[int]) -> bool:
    """Return whether one of the words joined to ``token`` lies in a product's name or
    has one before it ("Classic" after the product "iPod")."""
    return token.i not in in_product and any(
        t.i in in_product or any(c.dep_ == "compound" and c.i in in_product
                                 for c in t.children)
        for t in conjuncts(token))


def _bare_list_name(token: Token, in_product: set[int], makers: set[str]) -> bool:
    """Return True for a capitalised proper noun in no entity, joined to a product ("and
    Shuffle"): the list names it as a product."""
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha and len(token) > 2 \
        and not token.ent_type_ and not token.is_sent_start and \
        token.lower_ not in makers and _listed_with(token, in_product)


@rule("colour_in_list_drop", off=PASS_THROUGH)
def without_listed_colours(spans: list[Span]) -> list[Span]:
    """Return ``spans`` without the one-word names that are colours joined to another
    colour ("in Black and White"): a product's finish, not a person."""
    return [s for s in spans if not (
        len(s) == 1 and s.text.lower() in COLOUR_WORDS and s.label_ in RETYPED
        and any(t.lower_ in COLOUR_WORDS for t in conjuncts(s.root)))]


def _retyped(span: Span, label: str) -> Span:
    """Return a copy of a mention with another type, keeping its extension values."""
    from kg.extract.types import relabel

    return relabel(span, label)


def listed_products(spans: list[Span]) -> list[Span]:
    """Return the mentions with the article's list and maker evidence applied."""
    return with_case_variants(without_listed_colours(
        with_product_lines(with_listed_products(with_maker_model_names(spans)))))
