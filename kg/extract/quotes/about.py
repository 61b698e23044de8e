"""What a statement is about: the actors in its content and the objects of its cue, and the
stance a cue expresses toward them."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.quotes.speakers import Attributor
from kg.lexicon.speech import NEGATIVE_CUES, POSITIVE_CUES


def _about_ids(attributor: Attributor, start: int, end: int,
               exclude: str | None) -> tuple[str, ...]:
    """Return the actors mentioned in ``[start, end)`` other than ``exclude`` (the speaker)."""
    return attributor.actor_offsets.entity_ids(start, end, exclude)


def _object_actor_ids(cue: Token, attributor: Attributor) -> list[str]:
    ids: list[str] = []
    for child in cue.children:
        if child.dep_ in ("dobj", "obj", "dative") or (
            child.dep_ == "prep" and child.lower_ in ("of", "on", "against", "about")
        ):
            for t in child.subtree:
                if t.dep_ in ("ccomp", "pcomp", "relcl", "acl") or t.text in ("“", '"'):
                    break
                actor = attributor.actors.get(t.i)
                if actor is not None and actor._.kg_entity and actor._.kg_entity not in ids \
                        and actor.label_ != "Place":
                    ids.append(actor._.kg_entity)
    return ids


def _stances(cue_lemma: str | None, targets: list[str]) -> tuple[tuple[str, str], ...]:
    if cue_lemma in NEGATIVE_CUES:
        return tuple((t, "negative") for t in targets)
    if cue_lemma in POSITIVE_CUES:
        return tuple((t, "positive") for t in targets)
    return ()
