"""The organisation inside a named event or flight: "Adam Air Flight 574" is a flight of the
airline Adam Air, "the Apple Worldwide Developers Conference" an event Apple holds. The NER
model takes the whole as one organisation, which kg then drops as an event (or keeps with
"Flight" in its name); the organisation it names is an actor all the same.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.ablation import PASS_THROUGH, rule
from kg.extract.actor_patterns import EVENT_HEADS
from kg.extract.doc_memo import per_doc

#: Words after an airline's name that make a flight's name with the number after them.
FLIGHT_WORDS = frozenset({"Flight", "flight"})


@per_doc
def _organisation_names(doc: Doc) -> frozenset[str]:
    """Return the texts of the article's organisation entities."""
    return frozenset(e.text for e in doc.ents if e.label_ == "ORG")


def _airline(ent: Span) -> Span | None:
    """Return the airline's name before "Flight" and its number ("Adam Air Flight 574"),
    or None."""
    doc = ent.doc
    for token in ent[1:]:
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.text in FLIGHT_WORDS and nxt is not None and nxt.like_num and \
                all(t.is_title or t.is_upper for t in doc[ent.start:token.i]):
            return Span(doc, ent.start, token.i, label="ORG")
    return None


def _organiser(ent: Span) -> Span | None:
    """Return the organisation an event's name starts with when the article names that
    organisation on its own too ("Apple" of "Apple Worldwide Developers Conference")."""
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    if ent[-1].text not in EVENT_HEADS or ent.end - start < 3:
        return None
    names = _organisation_names(ent.doc)
    for end in range(ent.end - 2, start, -1):
        if ent.doc[start:end].text in names:
            return Span(ent.doc, start, end, label="ORG")
    return None


@rule("organisation_in_event_name", off=PASS_THROUGH)
def organisation_in_event_name(ent: Span) -> Span:
    """Return the organisation a flight's or an event's name starts with ("Adam Air" of
    "Adam Air Flight 574", "Apple" of "Apple Worldwide Developers Conference" where the
    article names Apple alone too); else ``ent`` itself."""
    if ent.label_ != "ORG" or len(ent) < 2:
        return ent
    return _airline(ent) or _organiser(ent) or ent
