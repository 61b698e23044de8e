"""Readable event labels written from the parse: subject, verb (with modal words), object, place."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.boilerplate import in_ranges
from kg.lexicon.modality import NEGATION_WORDS, REPORTING_ADVERBS

_IRREGULAR_THIRD_PERSON = {"have": "has", "be": "is"}


def _third_person(lemma: str) -> str:
    """Return the third-person singular present of a verb lemma ("endorse" → "endorses")."""
    if lemma in _IRREGULAR_THIRD_PERSON:
        return _IRREGULAR_THIRD_PERSON[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


#: Attacks that happen in a place rather than on it ("shooting in Seattle").
_ATTACKS_IN = frozenset("shooting shoot stabbing stab killing kill massacre ambush ram".split())


def event_label(agents: list[str], trigger: Token | str, targets: list[str],
                places: list[str], type_: str = "other") -> str:
    """Return a short readable label: "Russia strikes on Ternopil", "X endorses Y in Z"."""
    def names(values: list[str]) -> str:
        return " and ".join(values[:2])

    if isinstance(trigger, Token) and trigger.pos_ in ("VERB", "AUX"):
        lemma = trigger.lemma_.lower()
        verb = _third_person(lemma) if len(agents) == 1 else lemma
        if not agents:
            verb = trigger.text
        verb = " ".join([verb, *(c.text for c in trigger.children if c.dep_ == "prt")])
    else:
        verb = trigger.text if isinstance(trigger, Token) else trigger
    words = [names(agents), verb]
    if targets:
        words.append(names(targets))
    if places:
        word = (trigger.lemma_ if isinstance(trigger, Token) else trigger).lower()
        on = type_ == "attack" and not targets and word not in _ATTACKS_IN
        words.append(("on " if on else "in ") + names(places))
    return " ".join(w for w in words if w).strip()


_NAME_ENTS = frozenset("PERSON NORP FAC ORG GPE LOC EVENT".split())
#: Most words of a subject or object phrase in a label; longer phrases are left out whole
#: rather than cut inside.
_PHRASE_WORDS = 7


def _phrase(token: Token):
    """Yield a phrase's tokens with its "of" complements ("mention of sanctions", not "of
    Ukraine": names go to the label's target or place) but without other prepositional and
    clausal modifiers."""
    yield token
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > token.i and not any(
                t.ent_type_ in _NAME_ENTS for t in child.subtree):
            yield from child.subtree
        elif child.dep_ not in ("prep", "acl", "relcl", "advcl", "appos", "punct"):
            yield from _phrase(child)


def _phrase_text(head: Token, keep=lambda t: True) -> str:
    """Return a phrase's words from its first to its last kept token, no word dropped inside
    ("more than 60,000 people"), without a leading determiner; ``""`` when too long."""
    tokens = sorted((t for t in _phrase(head) if keep(t)), key=lambda t: t.i)
    while tokens and (tokens[0].dep_ in ("det", "poss", "cc", "punct", "case") or
                      not any(c.isalnum() for c in tokens[0].text)):
        tokens = tokens[1:]  # also a heading's "#" or a bullet's "*"
    while tokens and tokens[-1].dep_ in ("punct", "cc", "case"):
        tokens = tokens[:-1]
    if not tokens or tokens[-1].i - tokens[0].i + 1 > _PHRASE_WORDS:
        return ""
    words = head.doc[tokens[0].i:tokens[-1].i + 1]
    return words.text if len(words) == len(tokens) else ""


def _verb_phrase(trigger: Token) -> str:
    """Return the words that tell a clause's modality with its verb ("would not sign",
    "refused to sign", "plans to visit", "will meet", "reportedly paid"), in text order."""
    chain, token = [trigger], trigger
    while token.dep_ in ("xcomp",) and token.head != token and len(chain) < 4:
        token = token.head
        chain.append(token)
    tokens = {t for link in chain for t in [link, *link.children]
              if t is link or t.dep_ in ("aux", "auxpass", "neg", "prt") or
              (t.dep_ == "advmod" and t.lower_ in NEGATION_WORDS | REPORTING_ADVERBS)}
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _object_text(trigger: Token) -> list[str]:
    """Return the text of a verb's direct object ("the draft peace plan" → "draft peace
    plan", "any mention of sanctions"), or of a passive subject when the verb has a "by"
    agent, for labels of events whose object is not an actor."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "obj"):
            text = _phrase_text(child)
            return [text] if text else []
    if any(c.dep_ == "agent" for c in trigger.children):  # "the plan was approved by X"
        for child in trigger.children:
            if child.dep_ == "nsubjpass":
                text = _phrase_text(child)
                return [text] if text else []
    return []


def _subject_text(trigger: Token) -> str:
    """Return the short text of a verb's subject when it names no actor ("the tram",
    "Several people"), for labels of events without agents."""
    datelines = trigger.doc._.kg_datelines
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN", "NUM"):
            return _phrase_text(child, lambda t: t.ent_type_ not in ("DATE", "TIME")
                                and (t.is_alpha or t.like_num or t.is_punct)
                                and not (t.is_upper and len(t) > 3)
                                and not in_ranges(t.idx, t.idx + len(t), datelines))
    return ""


def _verb_object(trigger: Token) -> bool:
    """Return whether an event noun is told by the verb whose object it is ("launched an
    invasion"), not one with an owner of its own ("upheld Boeing's protest")."""
    return trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and not any(
        c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") for c in trigger.children)


def _label(entities: dict, agents, trigger: Token, targets, places, type_: str,
           modality: str = "asserted", nominal: bool = False) -> str:
    """Return an event's label from the parse: subject, verb (with its modal words when the
    event is not asserted), object and place; with ``nominal`` the event is its noun with
    its owner ("Ford decision"), not the verb whose object the noun is."""
    def names(ids):
        return [entities[i].name for i in ids if i in entities]

    if nominal:
        return event_label(names(agents), trigger, names(targets), names(places), type_)
    if modality != "asserted":
        verb = trigger.head if _verb_object(trigger) else trigger
        if verb.pos_ in ("VERB", "AUX"):
            subject = "" if names(agents) else _subject_text(verb)
            objects = [n for n in names(targets) if n.lower() not in subject.lower()] or \
                _object_text(verb) or ([trigger.text] if verb is not trigger else [])
            label = event_label(names(agents), _verb_phrase(verb), objects, names(places),
                                type_)
            return f"{subject} {label}".strip()

    if _verb_object(trigger):
        # "launched an invasion", "announced sanctions": the verb, its object, then the target
        verb = trigger.head
        obj = " ".join(_object_text(verb)) or trigger.text
        target_names = [n for n in names(targets) if n.lower() not in obj.lower()]
        if target_names:
            obj += " on " + " and ".join(target_names[:2])
        label = event_label(names(agents), verb, [obj], names(places), "other")
        subject = "" if names(agents) else _subject_text(verb)
        return f"{subject} {label}".strip()
    subject = "" if names(agents) else _subject_text(trigger)
    # "Boeing shares fell": a target the subject already names is not repeated after the verb
    objects = [n for n in names(targets) if n.lower() not in subject.lower()] or \
        [o for o in _object_text(trigger) if not subject or o.lower() not in subject.lower()]
    label = event_label(names(agents), trigger, objects, names(places), type_)
    return f"{subject} {label}".strip()
