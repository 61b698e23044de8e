"""Comparisons of person names that within-article resolution (:mod:`kg.extract.resolve`)
and cross-article linking (:mod:`kg.link`) share: no spaCy, plain strings."""

from __future__ import annotations

from kg.ablation import rule
from kg.lexicon import PATRONYMIC_PARTICLES


@rule("patronymic_parent")
def names_parent(short: str, full: str) -> bool:
    """Return True when ``short`` ends ``full`` right after a patronymic particle: the
    parent, another person ("Mohammed bin Rashid" in "Hamdan bin Mohammed bin Rashid",
    "Maktoum" in "Hind bint Maktoum"); "bin Laden" keeps its particle and is the same man."""
    words, tail = full.lower().split(), short.lower().split()
    return 0 < len(tail) < len(words) and words[-len(tail):] == tail and \
        full.split()[-len(tail) - 1] in PATRONYMIC_PARTICLES
