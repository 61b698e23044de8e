"""Names the NER model missed that the sentence itself says what they are: in apposition to
a noun for a company ("its European division, Opel", "the carmaker, Vauxhall") or for a
product model ("Two models will go, the Sky and Astra"), and the names joined to such a
name by "and". A name the model does not know is still a company or a product when the
article says so.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.actor_context import lowercase_words
from kg.extract.doc_memo import tokens
from kg.extract.knowledge import is_country_or_city
from kg.lexicon.organisations import ORG_NOUNS
from kg.lexicon.people import HONORIFICS, TITLE_WORDS
from kg.lexicon.products import MACHINE_NOUNS

#: Nouns for a part of a company: a name in apposition to one is an organisation.
UNIT_NOUNS: frozenset[str] = frozenset("division unit subsidiary arm affiliate brand".split())
#: Nouns (lemmas) for what a name in apposition to them is an organisation or a product of.
APPOSITION_TYPES: dict[str, str] = {
    **{noun: "Organization" for noun in ORG_NOUNS | UNIT_NOUNS},
    **{noun: "Product" for noun in MACHINE_NOUNS | {"model"}},
}


def _name_word(token: Token, lower: set[str]) -> bool:
    """Return whether ``token`` can be a word of a name the model missed: a capitalised
    proper noun of two letters or more ("N" of "N / A" is none) in no entity, never written
    in lower case in the article, no title, no country and no city."""
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha and len(token) > 1 and \
        not token.ent_type_ and token.text.lower() not in lower and \
        token.lower_ not in TITLE_WORDS | HONORIFICS and \
        not is_country_or_city(token.text)


def _name_around(head: Token, lower: set[str]) -> Span | None:
    """Return the name whose last word is ``head``: it and the name words compounded
    before it, or None when ``head`` is no name word or the name starts a sentence."""
    if not _name_word(head, lower):
        return None
    start = head.i
    while start > 0 and head.doc[start - 1].dep_ == "compound" and \
            head.doc[start - 1].head.i == head.i and _name_word(head.doc[start - 1], lower):
        start -= 1
    if head.doc[start].is_sent_start:
        return None
    return head.doc[start:head.i + 1]


def _apposition_tokens(doc: Doc) -> list[Token]:
    """Return, in order, the tokens in apposition and those a token is in apposition to:
    the only ones :func:`_described_type` can type (one pass, no token's children read)."""
    toks = tokens(doc)
    return [toks[i] for i in sorted({j for t in toks if t.dep_ == "appos"
                                     for j in (t.i, t.head.i)})]


def _described_type(token: Token) -> str | None:
    """Return the type the noun a name stands in apposition to gives it ("division" →
    Organization, "models" → Product), either way round ("Opel, its division" or "its
    division, Opel"), or None."""
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        return APPOSITION_TYPES.get(token.head.lemma_.lower())
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return APPOSITION_TYPES.get(child.lemma_.lower())
    return None


@rule("appositive_names", off=[])
def appositive_names(doc: Doc, covered: set[int]) -> list[Span]:
    """Return the names NER missed in apposition to a noun for a company or a product model
    ("its European division, Opel"; "two models, the Sky and Astra"), and the names joined
    to one by "and", typed by that noun; none that overlaps ``covered``."""
    lower = lowercase_words(doc)
    found: list[Span] = []
    for token in _apposition_tokens(doc):
        type_ = _described_type(token)
        if type_ is None:
            continue
        heads = [token] + [t for t in token.conjuncts if t.i > token.i]
        for head in heads:
            name = _name_around(head, lower)
            if name is not None and not any(i in covered for i in range(name.start, name.end)):
                found.append(Span(doc, name.start, name.end, label=type_))
                covered.update(range(name.start, name.end))
    return found
