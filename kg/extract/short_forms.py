"""Short forms and descriptions of named actors: one node however an article names it.

An article names a body or a plan in full once ("the Nordic Fisheries Commission", "a
20-point peace plan") and then by a shorter form or a description ("the Commission", "the
draft peace plan", "the Court"; a headline's "Fisheries Peace Plan"). A mention is a short
form of a fuller name when both have the same head noun ("commission", "plan", "court"),
their types are compatible, and every word that *identifies* the short form (a number, a
proper name, an acronym) is also a word that identifies the fuller name, which has more of
them. Descriptive words ("draft", "revised", "peace" written in lower case) identify
nothing. A short form goes to the fullest such name only when there is exactly one: with
two ("the Valmont City Council", "the Arvia County Council") "the Council" could be either,
and stays unlinked.

:func:`mention_form` reads a mention's :class:`Form`; :func:`short_form_targets` decides the
links; :func:`actor_links` adds the fuller forms the article writes as noun phrases and
returns the links; :mod:`kg.extract.resolve` applies them to the article's entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.actor_context import lowercase_words
from kg.extract.boilerplate import in_ranges

#: Actor types whose short forms join a fuller name, each with the types it may join.
#: People have their own surname rules; places and countries are not described so.
COMPATIBLE_TYPES: dict[str, frozenset[str]] = {
    "Organization": frozenset({"Organization"}),
    "Plan": frozenset({"Plan"}),
}

#: Lower-case words after a head noun that start its complement ("Court of Appeals").
_COMPLEMENT_STARTS = frozenset({"of", "for", "on", "in"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their"})


@dataclass(frozen=True)
class Form:
    """What a mention tells about its actor: type, head noun and identifying words."""

    type: str
    head: str
    marks: frozenset[str]


def head_token(span: Span, starts: frozenset[str] = _COMPLEMENT_STARTS) -> Token:
    """Return a name's head noun: the last word before a lower-case complement opened by one
    of ``starts`` ("Court" of "Court of Appeals"), else the last word (a headline's parse is
    unreliable, so the dependency root is not used)."""
    for token in span[1:]:
        if token.lower_ in starts and token.is_lower:
            return span.doc[token.i - 1]
    return span[-1]


def identifies(token: Token, in_headline: bool) -> bool:
    """Return whether a word tells one actor from others of its kind: a number, an acronym,
    or a capitalised word, unless the capital only comes from a headline's title case or a
    sentence start and the article writes the word in lower case elsewhere ("Peace" in
    "Fisheries Peace Plan")."""
    if token.like_num or (token.is_upper and len(token) > 1):
        return True
    if not token.is_alpha or token.is_lower or token.lower_ in _DETERMINERS:
        return False
    written_lower = token.lower_ in lowercase_words(token.doc)
    return not (written_lower and (in_headline or token.is_sent_start))


def mention_form(span: Span) -> Form:
    """Return the :class:`Form` of an actor mention labelled with its kg type."""
    return Form(span.label_, head_token(span).lower_, _marks(span))


def entity_forms(spans: Iterable[Span]) -> dict[str, Form]:
    """Return entity id → the form of its mentions (identifying words pooled), for the
    entities of a type that has short forms."""
    forms: dict[str, Form] = {}
    for span in spans:
        id_ = span._.kg_entity
        if id_ is None or span.label_ not in COMPATIBLE_TYPES:
            continue
        form = mention_form(span)
        known = forms.get(id_)
        forms[id_] = form if known is None else Form(
            known.type, known.head, known.marks | form.marks)
    return forms


def shortens(short: Form, full: Form) -> bool:
    """Return whether ``short`` can name the actor ``full`` names: same head, a compatible
    type, and fewer identifying words, all of them ``full``'s."""
    return short.head == full.head and full.type in COMPATIBLE_TYPES.get(short.type, ()) \
        and short.marks < full.marks


@rule("short_form_merge", off={})
def short_form_targets(forms: Mapping[str, Form]) -> dict[str, str]:
    """Return id → id of the one fullest name each short form stands for; a short form that
    two or more fullest names could expand is left out."""
    links = {}
    for id_, form in forms.items():
        fuller = [other for other, full in forms.items() if shortens(form, full)]
        fullest = [f for f in fuller if not any(shortens(forms[f], forms[g]) for g in fuller)]
        if len(fullest) == 1:
            links[id_] = fullest[0]
    return links


def written_forms(doc: Doc, forms: Mapping[str, Form]) -> dict[str, Form]:
    """Return the fuller forms the article writes around its actors' names as noun phrases
    (NER finds "the 20-point peace plan" but not "the 20-point Arvia-Ostland peace plan"):
    key ``@<start>`` → the form of a noun chunk that heads on an actor's head noun and has
    identifying words no actor has, typed like the one type of the actors it spells out."""
    seen = set(forms.values())
    heads: dict[str, list[Form]] = {}
    for form in forms.values():
        heads.setdefault(form.head, []).append(form)
    written = {}
    for chunk in doc.noun_chunks:
        head = head_token(chunk)
        if head.lower_ not in heads or _lists(chunk) or \
                in_ranges(chunk.start_char, chunk.end_char, doc._.kg_junk):
            continue
        types = {f.type for f in heads[head.lower_] if f.marks and f.marks <= _marks(chunk)}
        if len(types) == 1:
            form = Form(types.pop(), head.lower_, _marks(chunk))
            if form not in seen:
                seen.add(form)
                written[f"@{chunk.start}"] = form
    return written


def _lists(span: Span) -> bool:
    """Return whether a phrase joins several ("the Arvia Fisheries Commission and the Ostland
    Fisheries Commission"): its words are no one actor's."""
    return any(t.lower_ in ("and", "or", "nor") or t.text in (",", ";") or t.dep_ == "cc"
               for t in span)


def _marks(span: Span) -> frozenset[str]:
    """Return the identifying words of a mention (:func:`identifies`) but its head's."""
    head = head_token(span)
    in_headline = in_ranges(span.start_char, span.end_char, span.doc._.kg_headlines)
    return frozenset(t.lower_ for t in span if t.i != head.i and identifies(t, in_headline))


def actor_links(doc: Doc, forms: Mapping[str, Form], sizes: Mapping[str, int],
                descriptions: Iterable[Form] = ()) -> tuple[dict[str, str], list[str | None]]:
    """Return the short forms among the article's actors (id → id of the actor each stands
    for) and, for each description ("the Council"), the id of its actor or None.

    Where the fullest name is a noun phrase no actor has (:func:`written_forms`), the
    actors it spells out are one: the one with the most identifying words (then the most
    mentions) is it."""
    descriptions = list(descriptions)
    everything = {**forms, **written_forms(doc, forms),
                  **{f"#{k}": form for k, form in enumerate(descriptions)}}
    links = short_form_targets(everything)
    target_of: dict[str, str] = {}
    for full in set(links.values()):
        shorts = [s for s, f in links.items() if f == full and s in forms]
        if full in forms:
            target_of[full] = full
        elif shorts:
            target_of[full] = max(shorts, key=lambda i: (len(forms[i].marks), sizes.get(i, 0)))
    actors = {s: target_of[f] for s, f in links.items()
              if s in forms and f in target_of and target_of[f] != s}
    found = [target_of.get(links.get(f"#{k}", ""))
             for k in range(len(descriptions))]
    return actors, found
