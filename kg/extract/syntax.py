"""Parse-tree helpers the rules share: words joined by coordination ("A, B and C"), the
possessive endings the tokenizer splits off a name."""

from __future__ import annotations

from spacy.tokens import Token

#: The possessive endings the tokenizer splits off a name ("Ruto's", "Jesus'").
POSSESSIVES = frozenset(("'s", "’s", "'", "’"))


def first_conjunct(token: Token) -> Token:
    """Return the first of the words coordinated with ``token`` ("Venu" in "the Fenix 8 and
    the Venu 4" gives "Fenix"), or ``token`` itself when it is no conjunct: the word whose
    head and dependency the whole coordination has."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def conjuncts(token: Token) -> list[Token]:
    """Return the words joined to ``token`` by coordination, itself left out ("Nano" and
    "Shuffle" for "the iPod Classic, Nano and Shuffle")."""
    first = first_conjunct(token)
    found, todo = [first], [first]
    while todo:
        for child in todo.pop().children:
            if child.dep_ == "conj":
                found.append(child)
                todo.append(child)
    return [t for t in found if t != token]
