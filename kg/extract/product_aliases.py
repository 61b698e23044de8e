"""One-word product names that the article itself says stand for a longer product name: the
line a model is named in apposition to ("their popular Veltro, the Veltro 5X"), or a brand
the article calls a shop beside the one shop named with it ("Zunes is the biggest online
retailer" beside "the Zunes Music Store"). Without such evidence a line stays apart from its
models and software from its shop (:func:`kg.extract.resolve._fewer_product_words`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.ablation import rule

#: Nouns for a business that sells things: a product named with one as its last word is a
#: shop, and a name the article calls one is a shop's.
SHOP_NOUNS = frozenset("store shop retailer marketplace outlet distributor seller".split())
#: Verbs that say what their subject is ("X is a retailer", "X becomes the distributor").
_COPULAS = frozenset(("be", "become", "remain"))


@rule("product_alias_evidence", off={})
def product_aliases(spans: list[Span]) -> dict[str, str]:
    """Return one-word product name → the name (as written) it stands for in this article: a
    model's name in apposition to its line's ("its latest iteration of their popular
    Veltro, the Veltro 5X": the Veltro the article speaks of is the 5X), or the one shop
    named with a word the article calls a shop ("Zunes is the biggest online retailer",
    "the Zunes Music Store")."""
    products = [s for s in spans if s.label_ == "Product"]
    short = {s.text for s in products if len(s) == 1}
    aliases = {}
    for span in products:
        head = span.root.head
        if len(span) > 1 and span.root.dep_ == "appos" and head.text == span[0].text and \
                head.text in short:
            aliases[head.text] = span.text
    for word in short:
        shops = {s.text for s in products if len(s) > 1 and
                 s[0].text == word and s[-1].lemma_.lower() in SHOP_NOUNS}
        if word not in aliases and len(shops) == 1 and _called_a_shop(word, products):
            aliases[word] = shops.pop()
    return aliases


def _called_a_shop(word: str, products: list[Span]) -> bool:
    """Return whether a mention of ``word`` is the subject of a verb that says it is a shop
    ("X is the biggest online retailer", "if X becomes the dominant distributor")."""
    return any(s.text == word and s.root.dep_ == "nsubj" and _says_a_shop(s.root.head)
               for s in products)


def _says_a_shop(verb: Token) -> bool:
    """Return whether a copula's complement is a shop noun, past a preposition the writer
    slipped in ("is currently by the biggest retailer")."""
    if verb.lemma_ not in _COPULAS:
        return False
    nouns = [c for c in verb.children if c.dep_ == "attr"] + [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(n.lemma_.lower() in SHOP_NOUNS for n in nouns)
