"""Abbreviations that are not initialisms: a short name built from the first syllables of a
body's words ("Ketraco" of "Kenya Electricity Transmission Company", "Caricom" of "Caribbean
Community"), as South African, Kenyan and Malaysian usage writes them in brackets after the
name. Read only where the article sets the short name in brackets right after the name
(:func:`kg.extract.actors.abbreviated_names`), which is the evidence they are one body.
"""

from __future__ import annotations

from kg.ablation import rule

#: Words an abbreviation leaves out ("of", "the").
_JOINERS = frozenset("of the and for de du des la le".split())
#: Legal words that may end a name and be left out of its short form ("Bhd", "Company").
_LEGAL_ENDS = frozenset("bhd berhad ltd limited plc inc corp corporation co company".split())


def _content_words(name: str) -> list[str]:
    """Return the lower-case words of ``name`` that an abbreviation may draw on."""
    words = [w.strip(".,'’").lower() for w in name.replace("-", " ").split()]
    return [w for w in words if w.isalpha() and w not in _JOINERS]


def _chunk_sizes(letters: str, word: str) -> list[int]:
    """Return how many of ``letters`` the word can give, longest first: a beginning of the
    word ("ke" of "kenya"), or its initial and one later letter, the initial
    of a part of a compound ("ow" of "oilworkers")."""
    if not letters or letters[0] != word[0]:
        return []
    prefix = 1
    while prefix < min(len(letters), len(word)) and letters[prefix] == word[prefix]:
        prefix += 1
    sizes = set(range(1, prefix + 1))
    if len(letters) > 1 and letters[1] in word[2:]:
        sizes.add(2)
    return sorted(sizes, reverse=True)


def _spells(letters: str, words: tuple[str, ...], skipped: int) -> bool:
    """Return whether ``letters`` are drawn, in order, from ``words``, each word giving
    :func:`_chunk_sizes` of them; while ``skipped`` is 0, one word before the last may
    give none ("KenGen" of "Kenya Electricity Generating")."""
    if not letters:
        return not words
    if not words:
        return False
    if skipped == 0 and len(words) > 1 and _spells(letters, words[1:], 1):
        return True
    return any(_spells(letters[k:], words[1:], skipped)
               for k in _chunk_sizes(letters, words[0]))


@rule("syllable_abbreviations")
def syllable_abbreviates(short: str, name: str) -> bool:
    """Return whether ``short`` is built from the first letters or syllables of ``name``'s
    words in order ("Busa" of "Business Unity South Africa", "OWTU" of "Oilworkers' Trade
    Union", "Petros" of "Petroleum Sarawak Bhd"); a legal word at the
    end may be left out.

    >>> syllable_abbreviates("Ketraco", "Kenya Electricity Transmission Company")
    True
    >>> syllable_abbreviates("Kamau", "Kenya Electricity Transmission Company")
    False
    """
    letters = "".join(c for c in short.lower() if c.isalpha())
    # only a short name in mixed case leaves a word out ("KenGen"): in capitals it is an
    # initialism of every word, and a skip would let a name before the body's start it
    skip = 0 if any(c.islower() for c in short) else 1
    words = _content_words(name)
    if len(letters) < 2 or len(words) < 2 or letters[0] != words[0][0]:
        return False
    candidates = [words]
    while len(candidates[-1]) > 2 and candidates[-1][-1] in _LEGAL_ENDS:
        candidates.append(candidates[-1][:-1])
    for core in candidates:
        rest = tuple(core[1:])
        if any(_spells(letters[k:], rest, skip) for k in _chunk_sizes(letters, core[0])):
            return True
    return False
