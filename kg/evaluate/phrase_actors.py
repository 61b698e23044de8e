"""Main-event actors: do a system's actors name the gold who / where of an article's main event?

Giveme5W1H gives each article's main event as free phrases ("FBI Director James Comey",
"northern Afghan city of Mazar-i-Sharif", "At least seven people"), not as entity spans. The
measure here asks, per phrase, whether the article's extracted actors include a mention
inside it (whole words, folded as :func:`kg.evaluate.metrics.normalize_name` folds names):

* **named phrases** — the rate counts only phrases that name someone or somewhere, decided
  from the gold text alone (:func:`kg.evaluate.adapters.name_words`), so every system is
  scored on the same phrases; ``main_actors_all`` counts every phrase;
* **typed** — the mention's actor type must fit the role: ``who`` → Person, Organization,
  Country or Group (an actor, whatever its head noun); ``where`` → Place or Country;
* **junk** (precision-like, lower is better) — of the distinct actor mentions inside some
  who / where phrase, those that cover none of the phrase's name words ("Dozens" of "Dozens
  of rescuers", "fans" of "Toblerone fans").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from kg.evaluate.adapters import GoldPhrase
from kg.evaluate.metrics import Rate, normalize_name

#: Gold role → the actor types that fit it.
ROLE_TYPES: dict[str, frozenset[str]] = {
    "who": frozenset({"Person", "Organization", "Country", "Group"}),
    "where": frozenset({"Place", "Country"}),
}
#: Score parts this module adds (all rates; ``main_actor_junk`` is lower-is-better).
PARTS: tuple[str, ...] = ("main_actors", "main_actors_typed", "main_who_typed",
                          "main_where_typed", "main_actors_all", "main_actor_junk")


class ActorMention(NamedTuple):
    """One mention of a predicted actor: its surface text and the actor's type."""

    text: str
    type: str


def fold(text: str) -> str:
    """Return text folded for whole-word containment (ASCII, lowercase, no dots, no
    possessive or leading "the").

    >>> fold("the U.S.'s")
    'us'
    """
    return normalize_name(text)


def inside(phrase: str, mention: str) -> bool:
    """Return whether ``mention`` occurs in ``phrase`` as whole words (both folded).

    >>> inside("FBI Director James Comey", "Comey's")
    True
    >>> inside("Cubs", "Chicago Cubs")
    False
    """
    m = fold(mention)
    return bool(m) and f" {m} " in f" {fold(phrase)} "


def actor_mentions(pred: dict[str, Any], text: str) -> list[ActorMention]:
    """Return the distinct (surface text, type) mentions of a prediction's actors, the text
    read from the article at the mention's span (its ``text`` field when it has no span)."""
    out: dict[ActorMention, None] = {}
    for entity in pred.get("entities", []):
        for m in entity.get("mentions", []):
            start, end = m.get("start"), m.get("end")
            surface = text[start:end] if start is not None and end is not None \
                else m.get("text") or ""
            if surface.strip():
                out[ActorMention(surface, entity.get("type", ""))] = None
    return list(out)


def phrase_status(phrase: GoldPhrase, mentions: Sequence[ActorMention]) -> tuple[str, str]:
    """Return (``right`` / ``wrong_type`` / ``missed``, the types of the actor mentions inside
    it) for one gold phrase: right when one of them has a type fitting the role."""
    types = sorted({m.type for m in mentions if inside(phrase.text, m.text)})
    if not types:
        return "missed", ""
    status = "right" if set(types) & ROLE_TYPES[phrase.role] else "wrong_type"
    return status, "/".join(types)


def _hit(phrase: GoldPhrase, mentions: Sequence[ActorMention], typed: bool) -> bool:
    status = phrase_status(phrase, mentions)[0]
    return status == "right" or (not typed and status == "wrong_type")


def _covers_a_name(phrase: GoldPhrase, mention: ActorMention) -> bool:
    """Return whether the mention includes one of the phrase's name words."""
    words = set(fold(mention.text).split())
    return any(set(fold(n).split()) & words for n in phrase.names)


def within_phrases(phrases: Sequence[GoldPhrase],
                   mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """Return the mentions inside some gold phrase."""
    return [m for m in mentions if any(inside(p.text, m.text) for p in phrases)]


def junk_mentions(phrases: Sequence[GoldPhrase],
                  mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """Return the mentions inside some gold phrase that cover a name word of none of the
    phrases they are inside ("Driver" of "tram driver")."""
    return [m for m in within_phrases(phrases, mentions)
            if not any(inside(p.text, m.text) and _covers_a_name(p, m) for p in phrases)]


def phrase_actor_scores(phrases: Sequence[GoldPhrase],
                        mentions: Sequence[ActorMention]) -> dict[str, Any]:
    """Return the main-event actor rates of one article (:data:`PARTS`) and the names of
    its junk mentions (``main_actor_junk_names``)."""
    named = [p for p in phrases if p.names]
    scores: dict[str, Any] = {
        "main_actors": Rate(sum(_hit(p, mentions, False) for p in named), len(named)),
        "main_actors_typed": Rate(sum(_hit(p, mentions, True) for p in named), len(named)),
        "main_actors_all": Rate(sum(_hit(p, mentions, False) for p in phrases), len(phrases)),
    }
    for role in ROLE_TYPES:
        of_role = [p for p in named if p.role == role]
        scores[f"main_{role}_typed"] = Rate(sum(_hit(p, mentions, True) for p in of_role),
                                            len(of_role))
    junk = junk_mentions(phrases, mentions)
    scores["main_actor_junk"] = Rate(len(junk), len(within_phrases(phrases, mentions)))
    scores["main_actor_junk_names"] = [m.text for m in junk]
    return scores
