"""Events: dated happenings with a type, participants (agent, target) and place.

Sources: timeline lines ("November 19, 2025: Russian strikes hit Ternopil"), sentences with a
date expression, and undated sentences whose main verb is an event verb (dated by the nearest
dated sentence of the same paragraph, else by the publication date with precision ``fuzzy``).
The type comes from the trigger's lemma (:data:`kg.lexicon.EVENT_LEMMAS`); agents from the
subject, targets from the object or an "on/against X" phrase, places from Place/Country actors
in "in/at/near X" phrases. ``kg_events`` stores :class:`EventInfo` records in
``doc._.kg_events``; events of one article with the same type, overlapping participants and
compatible dates merge (:func:`merge_events`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.actors import actor_index
from kg.extract.boilerplate import doc_text, in_ranges, line_bounds
from kg.extract.dates import FUTURE_AUX, DateInfo, DateValue, _published
from kg.lexicon import EVENT_LEMMAS, SPEECH_VERBS

if not Doc.has_extension("kg_events"):
    Doc.set_extension("kg_events", default=[])

_PLACE_TYPES = ("Place", "Country")
_PLACE_PREPS = frozenset("in at near outside inside across into over throughout around".split())
_TARGET_PREPS = frozenset("on against with to upon toward towards".split())
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "fuzzy": 3}
_QUOTE_CHARS = "\"“”"
#: Prose sentences after the title that make the lede: the main event and its date.
LEDE_SENTENCES = 3
#: Prose sentences of the opening (inverted pyramid) whose own dates yield events even without
#: named participants, and where the main event's date is sought when the lede has none.
OPENING_SENTENCES = 10
#: Days before publication within which a date further down the opening may date the main
#: event (older ones are background).
RECENT_DAYS = 31
#: Types that say nothing about what happened, so do not pick a date by type.
_UNTYPED = frozenset({"other", "announce", "report", "statement"})


@dataclass(frozen=True)
class EventInfo:
    """An event found in a document (character offsets of its clause)."""

    type: str
    trigger: str
    date: DateValue | None
    date_text: str | None
    agents: tuple[str, ...]
    targets: tuple[str, ...]
    others: tuple[str, ...]
    places: tuple[str, ...]
    start: int
    end: int
    label: str
    lemma: str = ""
    mentions: tuple[tuple[int, int], ...] = ()
    date_basis: str = "text"


def event_type(token: Token) -> str | None:
    """Return the event type of a trigger token by its lemma, or ``None``."""
    return EVENT_LEMMAS.get(token.lemma_.lower()) or EVENT_LEMMAS.get(token.lower_)


def _clause_root(root: Token) -> Token:
    """Return the clause that carries the event: the content of "X said (that) <clause>"."""
    if root.lemma_.lower() in SPEECH_VERBS and event_type(root) in (None, "other", "announce"):
        for child in root.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                return child
    return root


def _nominal(token: Token) -> bool:
    """Return whether a token is a noun, or a gerund used as one ("Seattle shooting leaves
    five hurt": no subject or object of its own)."""
    return token.pos_ == "NOUN" or (token.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "dobj", "obj", "aux") for c in token.children))


def _trigger(root: Token, any_verb: bool = False) -> tuple[Token, str] | None:
    """Return the event trigger of a clause: an event noun subject or the main verb.

    With ``any_verb`` a main verb outside the lexicon still makes an event of type ``other``.
    """
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and _nominal(child):
            for noun in sorted(_core(child), key=lambda t: t.i):
                t = event_type(noun)
                if _nominal(noun) and t and t != "other":
                    return noun, t
    t = event_type(root)
    if t and t not in ("announce", "other"):
        return root, t
    for child in root.children:  # "Rubio leads talks", "launched an invasion", "announced
        if child.dep_ in ("dobj", "obj") and child.pos_ == "NOUN":  # sanctions"
            typed = event_type(child)
            if typed and typed not in ("other", "announce", "report"):
                return child, typed
    if t:
        return root, t
    for child in root.children:
        if child.dep_ in ("xcomp", "conj") and child.pos_ == "VERB" and event_type(child):
            return child, event_type(child)
    if root.pos_ == "AUX":  # "five people are dead after a tram overturned"
        for child in root.children:
            if child.dep_ == "advcl" and event_type(child) not in (None, "other", "announce",
                                                                   "report"):
                return child, event_type(child)
    if any_verb and root.pos_ == "VERB" and root.lemma_.lower() not in SPEECH_VERBS:
        return root, "other"
    return None


def _actors_in(tokens, actors: dict[int, Span]) -> list[Span]:
    seen: dict[int, Span] = {}
    for t in tokens:
        span = actors.get(t.i)
        if span is not None:
            seen[span.start] = span
    return [seen[k] for k in sorted(seen)]


def _core(token: Token):
    """Yield a phrase's tokens without its prepositional and clausal modifiers."""
    yield token
    for child in token.children:
        if child.dep_ not in ("prep", "acl", "relcl", "advcl", "appos", "punct", "cc"):
            yield from _core(child)
        elif child.dep_ == "cc":
            yield child


def _governing_prep(span: Span) -> str:
    """Return the preposition heading an actor mention ("in Ternopil" → ``in``), or ``""``."""
    token = span.root
    while token.dep_ in ("conj", "appos", "compound") and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        return token.head.lower_
    return ""


def _places(clause: Span, actors: dict[int, Span], attack: bool = False) -> list[Span]:
    """Return Place/Country mentions of ``clause`` in "in/at/near X" phrases (also "on X" for
    attacks) or bare Places compounded with a noun ("Geneva talks")."""
    out = []
    preps = _PLACE_PREPS | {"on", "against"} if attack else _PLACE_PREPS
    for span in _actors_in(clause, actors):
        if span.label_ not in _PLACE_TYPES or (span.label_ == "Country" and not attack and
                                                _governing_prep(span) not in _PLACE_PREPS):
            continue
        prep = _governing_prep(span)
        if prep in preps or (span.label_ == "Place" and span.root.dep_ == "compound"):
            out.append(span)
    return out


def _inside_role(span: Span, person_spans: list[Span]) -> bool:
    """Return whether ``span`` is part of a person's title ("US Secretary of State X")."""
    token = span.root
    for _ in range(5):
        if token.dep_ not in ("compound", "nmod", "amod", "poss", "pobj", "prep") or (
                token.dep_ == "prep" and token.lower_ != "of"):
            break
        token = token.head
        if any(p.start <= token.i < p.end for p in person_spans):
            return True
    for role in span.doc._.kg_roles:
        if role.start <= span.start_char and span.end_char <= role.end and any(
                p.start_char >= span.end_char and p.end_char <= role.end for p in person_spans):
            return True
    return False


def _participants(root: Token, trigger: Token, clause: Span, actors: dict[int, Span]):
    """Return agents, targets and places of a clause."""
    agents: list[Span] = []
    targets: list[Span] = []
    subject_heads = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if trigger is not root and trigger.dep_ not in ("dobj", "obj") and not any(
            trigger in head.subtree for head in subject_heads):
        subject_heads = [trigger]
    passive = any(c.dep_ == "nsubjpass" for c in root.children) and trigger is root
    for head in subject_heads:
        spans = [s for s in _actors_in(_core(head), actors) if s.label_ != "Place"]
        (targets if passive else agents).extend(
            s for s in spans if _governing_prep(s) not in _PLACE_PREPS)
    for child in root.children:
        if child.dep_ in ("dobj", "obj", "attr", "dative"):
            targets.extend(_actors_in(_core(child), actors))
        elif child.dep_ == "agent":
            agents.extend(_actors_in(child.subtree, actors))
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            targets.extend(s for s in _actors_in(child.subtree, actors)
                           if s.label_ not in _PLACE_TYPES or child.lower_ in ("on", "against"))
    if trigger is not root:  # "strikes on Kyiv", "talks with Russia", "talks led by X"
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against", "with"):
                targets.extend(_actors_in(child.subtree, actors))
            elif child.dep_ == "acl":
                for grand in child.children:
                    if grand.dep_ == "agent":
                        agents.extend(_actors_in(grand.subtree, actors))
    attack = event_type(trigger) == "attack"
    places = _places(clause, actors, attack=attack)
    if attack:  # "hit the western city of Ternopil", "struck the port of Odesa"
        places += [s for child in root.children if child.dep_ in ("dobj", "obj")
                   for s in _actors_in(child.subtree, actors)
                   if s.label_ in _PLACE_TYPES and _governing_prep(s) == "of" and s not in places]
    other_clauses = {t.i for c in root.children if c.dep_ == "conj"
                     and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    places = [p for p in places if p.root.i not in other_clauses]  # "..., and troops pressed in X"
    agents = [a for a in agents if a.label_ != "Place"]
    persons = [a for a in agents if a.label_ == "Person"]
    if persons:  # "Ukrainian President X", "US Secretary of State X": X is the agent
        agents = [a for a in agents if a.label_ == "Person"
                  or not (a._.kg_demonym or _inside_role(a, persons))]
    targets = [t for t in targets if t not in agents and not _inside_role(t, persons)]
    targets = [t for t in targets if t.label_ != "Place" or not places or t not in places]
    return agents, targets, places


def _ids(spans: list[Span], exclude: set[str] = frozenset()) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s._.kg_entity for s in spans
                               if s._.kg_entity and s._.kg_entity not in exclude))


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


def _object_text(trigger: Token) -> list[str]:
    """Return the short text of a verb's direct object ("the draft peace plan" → "draft
    peace plan"), for labels of events whose object is not an actor."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "obj"):
            tokens = sorted((t for t in _core(child) if t.dep_ not in ("det", "poss", "cc")),
                            key=lambda t: t.i)
            if 0 < len(tokens) <= 5:
                return [" ".join(t.text for t in tokens)]
    return []


def _subject_text(trigger: Token) -> str:
    """Return the short text of a verb's subject when it names no actor ("the tram",
    "Several people"), for labels of events without agents."""
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN", "NUM"):
            datelines = trigger.doc._.kg_datelines
            tokens = sorted((t for t in _core(child) if t.dep_ not in ("det", "poss", "cc")
                             and t.ent_type_ not in ("DATE", "TIME") and t.is_alpha
                             and not (t.is_upper and len(t) > 3)
                             and not in_ranges(t.idx, t.idx + len(t), datelines)),
                            key=lambda t: t.i)
            if 0 < len(tokens) <= 5:
                return " ".join(t.text for t in tokens)
    return ""


def _label(entities: dict, agents, trigger: Token, targets, places, type_: str) -> str:
    def names(ids):
        return [entities[i].name for i in ids if i in entities]

    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj"):
        # "launched an invasion", "announced sanctions": the verb, its object, then the target
        verb, target_names = trigger.head, names(targets)
        obj = " ".join(_object_text(verb)) or trigger.text
        if target_names:
            obj += " on " + " and ".join(target_names[:2])
        label = event_label(names(agents), verb, [obj], names(places), "other")
        subject = "" if names(agents) else _subject_text(verb)
        return f"{subject} {label}".strip()
    objects = names(targets) or _object_text(trigger)
    label = event_label(names(agents), trigger, objects, names(places), type_)
    subject = "" if names(agents) else _subject_text(trigger)
    return f"{subject} {label}".strip()


def _clause_event(sent: Span, date: DateInfo | None, fallback: DateInfo | None,
                  pub_value: DateValue | None, actors, entities,
                  loose: bool = False, root: Token | None = None,
                  places: list[Span] = ()) -> EventInfo | None:
    """Return the event of one clause, dated by its own date, ``fallback`` or publication.

    With ``loose`` (a dated sentence of the opening) the event needs no named participant;
    ``root`` picks a clause of ``sent`` other than its main one; ``places`` are its places
    when the clause names none.
    """
    root = _clause_root(root if root is not None else sent.root)
    dated = date is not None and date.value.precision in ("day", "month")
    found = _trigger(root, any_verb=dated or loose)
    if found is None:
        return None
    trigger, type_ = found
    if _quoted(trigger):
        return None
    if root.lemma_.lower() in SPEECH_VERBS and trigger is root and type_ in ("announce", "other"):
        return None
    agents, targets, own_places = _participants(root, trigger, sent, actors)
    agent_ids = _ids(agents)
    target_ids = _ids(targets, set(agent_ids))
    place_ids = _ids(own_places) or _ids(places, set(agent_ids) | set(target_ids))
    if not loose:
        if not (agent_ids or target_ids or place_ids or (dated and type_ != "other")):
            return None
        if type_ == "other" and not agent_ids:
            return None
        if date is None and not agent_ids:
            return None
    used = date or fallback
    value = used.value if used is not None else pub_value
    if value is None:
        return None
    basis = "text" if date is not None else "context" if fallback is not None else "publication"
    return EventInfo(
        type=type_, trigger=trigger.text, date=value, date_basis=basis,
        date_text=used.text if used is not None else None,
        agents=agent_ids, targets=target_ids, others=(), places=place_ids,
        start=sent.start_char, end=sent.end_char,
        label=_label(entities, agent_ids, trigger, target_ids, place_ids, type_),
        lemma=trigger.lemma_.lower(), mentions=((sent.start_char, sent.end_char),),
    )


def _timeline_clause(doc: Doc, date: DateInfo) -> Span | None:
    """Return the text after a timeline date ("November 19, 2025: <clause>") up to its end."""
    text = doc_text(doc)
    line_end = text.find("\n", date.end)
    line_end = len(text) if line_end == -1 else line_end
    colon = text.find(":", date.end, line_end)
    start = (colon if colon != -1 else date.end) + 1
    span = doc.char_span(start, line_end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    first = span[0].sent
    return doc[span.start:min(first.end, span.end)] if first.end > span.start else span


def dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    """Return whether two event dates may name the same day: one contains the other, or
    one is fuzzy (around its day) and the other lies in the weeks around it ("2007" is not).
    """
    if a is None or b is None or a.precision == b.precision == "fuzzy":
        return True
    if "fuzzy" in (a.precision, b.precision):
        fuzzy, other = (a, b) if a.precision == "fuzzy" else (b, a)
        return _within(other, fuzzy.iso, RECENT_DAYS, 7)  # the weeks around the fuzzy day
    return a.iso.startswith(b.iso) or b.iso.startswith(a.iso)


def _within(value: DateValue, anchor_iso: str, before: int, after: int | None = None) -> bool:
    """Return whether ``value`` overlaps the days from ``before`` days before the day
    ``anchor_iso`` to ``after`` days after it (no end when ``None``)."""
    try:
        anchor = dt.date.fromisoformat(anchor_iso[:10])
    except ValueError:
        return True

    def cut(days: int) -> str:
        return (anchor + dt.timedelta(days=days)).isoformat()[:len(value.iso)]

    return cut(-before) <= value.iso and (after is None or value.iso <= cut(after))


def _better_date(a: EventInfo, b: EventInfo) -> EventInfo:
    """Return the event whose date is the more precise."""
    rank_a = _PRECISION_RANK.get(a.date.precision, 4) if a.date else 5
    rank_b = _PRECISION_RANK.get(b.date.precision, 4) if b.date else 5
    return b if rank_b < rank_a else a


def same_event(a: EventInfo, b: EventInfo) -> bool:
    """Return whether two events are one: same type, shared agent or place, compatible dates."""
    if a.type != b.type or a.type == "other" or not dates_compatible(a.date, b.date):
        return False
    if not (a.agents or a.targets or a.places) or not (b.agents or b.targets or b.places):
        return True  # "the attack happened late Thursday" completes "X attacked Y"
    if set(a.agents) & set(b.agents):
        return not (a.places and b.places and not set(a.places) & set(b.places))
    return bool(set(a.places) & set(b.places)) and not (
        a.agents and b.agents and not set(a.agents) & set(b.agents))


def merge_events(events: list[EventInfo]) -> list[EventInfo]:
    """Merge events of one article that are the same (:func:`same_event`), keeping every
    mention and the most precise date."""
    merged: list[EventInfo] = []
    for event in events:
        for i, other in enumerate(merged):
            if same_event(event, other):
                keep = _better_date(other, event)
                agents = tuple(dict.fromkeys(keep.agents + other.agents + event.agents))
                merged[i] = replace(
                    keep, agents=agents,
                    targets=tuple(t for t in dict.fromkeys(other.targets + event.targets)
                                  if t not in agents),
                    places=tuple(dict.fromkeys(keep.places + other.places + event.places)),
                    mentions=tuple(dict.fromkeys(other.mentions + event.mentions)),
                )
                break
        else:
            merged.append(event)
    return merged


_REFERENCE_PREPS = frozenset("since until till before after".split())


def reference_point(span: Span) -> bool:
    """Return whether a date is a reference point of its clause, not the time of its event:
    "since March", "until Friday", "before the election" ("after" a date too), or is counted
    from another event ("on the Sunday before the election")."""
    doc, first = span.doc, span[0]
    prev = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in ("before", "after") and (
            first.lower_ == "the" or (prev is not None and prev.lower_ == "the")):
        return True
    return first.lower_ in _REFERENCE_PREPS or (prev is not None
                                                and prev.lower_ in _REFERENCE_PREPS)


def attributive(span: Span) -> bool:
    """Return whether a date only describes a thing ("the 2007 world champion", "the 2016
    season"), so dates no event; "the November 19 strikes" dates the strikes."""
    root, head = span.root, span.root.head
    return root.dep_ in ("compound", "nummod", "amod", "nmod") and head is not root and \
        head.i >= span.end and head.pos_ in ("NOUN", "PROPN") and \
        event_type(head) in (None, "other")


def _sentence_date(dates: list[DateInfo]) -> DateInfo | None:
    """Return the date of a sentence: its most precise non-timeline date."""
    usable = [d for d in dates if not d.timeline]
    if not usable:
        return None
    return min(usable, key=lambda d: _PRECISION_RANK.get(d.value.precision, 4))


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _nearest_dates(sents: list[Span], dated: dict[int, DateInfo], text: str) -> dict[int, DateInfo]:
    """Return, per undated sentence, the date of the nearest dated sentence (day or month
    precision) in the same paragraph, the previous one winning ties."""
    starts = _paragraph_starts(text)
    para = {}
    for i, sent in enumerate(sents):
        para[i] = sum(1 for s in starts if s <= sent.start_char)
    out: dict[int, DateInfo] = {}
    for i in range(len(sents)):
        if i in dated:
            continue
        best = None
        for j in sorted(dated, key=lambda j: (abs(j - i), j > i)):
            if para[j] == para[i] and dated[j].value.precision in ("day", "month"):
                best = dated[j]
                break
        if best is not None:
            out[i] = best
    return out


def _is_quote(sent: Span) -> bool:
    """Return whether a sentence starts with a quote mark."""
    return sent.text.lstrip()[:1] in _QUOTE_CHARS


def _quoted(token: Token) -> bool:
    """Return whether a token lies inside quotation marks opened earlier on its line."""
    text = doc_text(token.doc)
    line = text[text.rfind("\n", 0, token.idx) + 1:token.idx]
    return (line.count("“") > line.count("”")) or line.count('"') % 2 == 1


def _is_prose(sent: Span) -> bool:
    """Return whether a sentence is a clause of text (a verb, several words), not furniture."""
    return len(sent) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in sent)


def _is_title_line(sent: Span, text: str) -> bool:
    """Return whether a sentence fills a line without closing punctuation (a title)."""
    start, end = line_bounds(text, sent.start_char, sent.start_char + len(sent.text.rstrip()))
    line = text[start:end].strip()
    return bool(line) and line[-1] not in ".?!\"”’:;" and sent.text.strip() == line


def opening_sentences(sents: list[Span], text: str, skip: list[tuple[int, int]],
                      headlines: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Return the indices of the title sentences (headings before the first body sentence)
    and of the first :data:`OPENING_SENTENCES` prose sentences of the body."""
    titles: list[int] = []
    body: list[int] = []
    for i, sent in enumerate(sents):
        if len(body) >= OPENING_SENTENCES:
            break
        if in_ranges(sent.start_char, sent.end_char, skip) or not sent.text.strip():
            continue
        heading = in_ranges(sent.start_char, sent.end_char, headlines) or (
            _is_title_line(sent, text) and not body)
        if heading:
            if not body:
                titles.append(i)
        elif _is_prose(sent) and not _is_quote(sent):
            body.append(i)
    return titles, body


def _governing_verb(doc: Doc, date: DateInfo) -> Token | None:
    """Return the verb or event noun a date expression modifies ("met ... on Thursday" →
    ``met``, "the bombing late Thursday" → ``bombing``)."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    token = span.root.head if span is not None and span.root.head is not span.root else None
    for _ in range(8):
        if token is None or token.pos_ in ("VERB", "AUX") or (
                token.pos_ == "NOUN" and event_type(token) not in (None, "other", "announce",
                                                                    "report")):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _date_clause_events(sent: Span, dates: list[DateInfo], events: list[EventInfo],
                        actors, entities) -> list[EventInfo]:
    """Return events for the other dated clauses of an opening sentence ("X, who won on
    Wednesday, met Y on Thursday"), each spanning its clause and dated by its own date."""
    out: list[EventInfo] = []
    for date in dates:
        if date.value.precision not in ("day", "month") or any(
                e.start == sent.start_char and e.date_text == date.text for e in events):
            continue
        verb = _governing_verb(sent.doc, date)
        if verb is None or not (sent.start <= verb.i < sent.end):
            continue
        event = _clause_event(sent, date, None, None, actors, entities, loose=True, root=verb)
        if event is None or any(e.start <= sent.start_char < e.end and e.lemma == event.lemma
                                and e.date == event.date for e in events + out):
            continue
        tokens = sorted(verb.subtree, key=lambda t: t.i)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        out.append(replace(event, start=start, end=end, mentions=((start, end),)))
    return out


def _not_after(value: DateValue, published: DateValue | None) -> bool:
    """Return whether a date lies on or before publication (always, when that is unknown)."""
    return published is None or value.iso <= published.iso[:len(value.iso)]


def main_event_date(order: list[int], dated: dict[int, DateInfo],
                    published: DateValue | None, recent: bool = False) -> DateInfo | None:
    """Return the first day- or month-precision date, not after publication, of the
    sentences in ``order`` (the lede, then the rest of the opening); with ``recent`` only a
    date of the weeks before publication (further down the opening, older dates are
    background: "the 2007 world champion", a related story's date)."""
    for i in order:
        date = dated.get(i)
        if date is not None and date.value.precision in ("day", "month") and \
                _not_after(date.value, published) and (
                    not recent or published is None
                    or _within(date.value, published.iso, RECENT_DAYS)):
            return date
    return None


def date_of_type(order: list[int], sent_dates: dict[int, list[DateInfo]], type_: str,
                 doc: Doc, published: DateValue | None) -> DateInfo | None:
    """Return the first date in the sentences ``order`` that dates a clause of ``type_``
    ("the bombing late Thursday tore a crater" for a title "Taliban attacks consulate", not
    "the death toll rose Friday"), or ``None``."""
    if type_ in _UNTYPED:
        return None
    for i in order:
        for date in sent_dates.get(i, []):
            if date.value.precision not in ("day", "month") or \
                    not _not_after(date.value, published):
                continue
            verb = _governing_verb(doc, date)
            found = _trigger(verb) if verb is not None else None
            if found is not None and found[1] == type_:
                return date
    return None


_CLOCK_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]\.?m\b)|\b\d{1,2}:\d{2}\b|"
    r"\b(?:noon|midday|midnight|rush hour)\b", re.I)


def clock_time(sent: Span) -> tuple[str, int, int] | None:
    """Return the first time of day in a sentence and its offsets ("6am", "11.30am", "the
    morning rush hour" → "rush hour"); durations ("90 minutes") are not times of day."""
    match = _CLOCK_RE.search(sent.text)
    if match is None:
        return None
    return match.group(), sent.start_char + match.start(), sent.start_char + match.end()


def reported_as_current(root: Token) -> bool:
    """Return whether a clause is told in the present or present perfect ("has come under
    fire", "are trying to reach", "changes"): a news lede in these tenses reports what stands
    on the day of publication."""
    if root.tag_ in ("VBZ", "VBP"):
        return True
    if root.tag_ in ("VBN", "VBG"):
        auxes = sorted((c for c in root.children if c.dep_ in ("aux", "auxpass")),
                       key=lambda t: t.i)
        return bool(auxes) and auxes[0].tag_ in ("VBZ", "VBP") and \
            auxes[0].lower_ not in FUTURE_AUX
    return False


def report_day(sents: list[Span], lede: list[int],
               published: DateValue | None) -> DateInfo | None:
    """Return the publication day as the main event's date when the lede has no date but
    says the event is of that day: a time of day ("at around 6am") or a lede told in the
    present or present perfect. ``None`` otherwise (the event stays ``fuzzy``)."""
    if published is None or not lede:
        return None
    day = DateValue(published.iso[:10], "day")
    for i in lede:
        clock = clock_time(sents[i])
        if clock is not None:
            return DateInfo(*clock, day)
    for i in lede[:2]:
        if reported_as_current(_clause_root(sents[i].root)):
            return DateInfo("", sents[i].start_char, sents[i].start_char, day)
    return None


def _headline_places(sents: list[Span], titles: list[int], actors) -> list[Span]:
    """Return the places the title lines name ("Trump rally shooting: Five shot in
    Seattle"), in any of their sentences."""
    text = doc_text(sents[0].doc) if sents else ""
    lines = {line_bounds(text, sents[i].start_char) for i in titles}
    return [p for sent in sents if any(s <= sent.start_char < e for s, e in lines)
            for p in _places(sent, actors, attack=True)]


def _main_event(sents: list[Span], titles: list[int], body: list[int],
                dated: dict[int, DateInfo], sent_dates: dict[int, list[DateInfo]],
                pub_value: DateValue | None, actors, entities) -> tuple[int, EventInfo] | None:
    """Return the main event (inverted pyramid): the main clause of the title, else of the
    lede, dated by the lede's date (one that dates an event of its type first), else the
    publication day when the lede says so (:func:`report_day`), else a recent date of the
    opening, else the publication day (``fuzzy``). Its places include the title's."""
    lede = titles + body[:LEDE_SENTENCES]
    date = main_event_date(lede, dated, pub_value)
    today = report_day(sents, body[:LEDE_SENTENCES], pub_value) if date is None else None
    if date is None and today is None:
        date = main_event_date(body[LEDE_SENTENCES:], dated, pub_value, recent=True)
    places = _headline_places(sents, titles, actors)
    for i in titles + body[:1]:
        event = _clause_event(sents[i], date or today, None, pub_value, actors, entities,
                              loose=True, places=places)
        if event is None:
            continue
        typed = date_of_type(lede, sent_dates, event.type, sents[i].doc, pub_value)
        if typed is not None and typed is not date:
            event = replace(event, date=typed.value, date_text=typed.text, date_basis="text")
        elif today is not None:
            event = replace(event, date_basis="publication", date_text=today.text or None)
        return i, event
    return None


def _add_main_event(events: list[EventInfo], main: tuple[int, EventInfo] | None,
                    sents: list[Span], lede: list[int]) -> list[EventInfo]:
    """Return ``events`` with the main event: added unless a lede sentence already gives the
    same happening (its sentence, or the same trigger lemma), whose fuzzy date it then fixes."""
    if main is None:
        return events
    index, event = main
    spans = [(sents[i].start_char, sents[i].end_char) for i in lede]
    for k, other in enumerate(events):
        in_lede = any(s <= other.start and other.end <= e for s, e in spans)
        if other.start == event.start or (in_lede and other.lemma == event.lemma):
            if other.date is None or (other.date.precision == "fuzzy" and event.date and
                                      event.date.precision != "fuzzy"):
                events[k] = replace(other, date=event.date, date_text=event.date_text,
                                    date_basis=event.date_basis)
            return events
    return events + [event]


def find_events(doc: Doc) -> list[EventInfo]:
    """Return the events of ``doc``: timeline entries, dated and event-verb sentences, and the
    main event of the title and lede."""
    actors = actor_index(doc)
    entities = doc._.kg_entities
    junk, headlines = doc._.kg_junk, doc._.kg_headlines
    text = doc_text(doc)
    published = _published(doc)
    pub_value = DateValue(published.isoformat(), "fuzzy") if published else None
    events: list[EventInfo] = []
    sents = list(doc.sents)
    used_sents: set[int] = set()
    sent_dates: dict[int, list[DateInfo]] = {}
    heading_dates: dict[int, list[DateInfo]] = {}
    sent_index = {s.start: i for i, s in enumerate(sents)}
    for date in doc._.kg_dates:
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is None:
            continue
        i = sent_index[span.sent.start]
        if date.timeline:
            clause = _timeline_clause(doc, date)
            used_sents.add(i)
            if clause is None:
                continue
            event = _clause_event(clause, date, None, None, actors, entities)
            if event is None:
                event = _timeline_fallback(clause, date, actors, entities)
            if event is not None:
                events.append(replace(event, start=date.start, end=clause.end_char,
                                      mentions=((date.start, clause.end_char),)))
        elif reference_point(span) or attributive(span) or _quoted(span[0]):
            continue  # "the biggest gain since March" does not date the gain, nor a quote
        elif in_ranges(date.start, date.end, headlines):
            heading_dates.setdefault(i, []).append(date)
        elif not in_ranges(date.start, date.end, junk):
            sent_dates.setdefault(i, []).append(date)
    dated = {i: d for i, ds in sent_dates.items() if (d := _sentence_date(ds)) is not None}
    nearest = _nearest_dates(sents, dated, text)
    titles, body = opening_sentences(sents, text, junk, headlines)
    opening = set(body)
    for i, sent in enumerate(sents):
        if i in used_sents or in_ranges(sent.start_char, sent.end_char, junk + headlines):
            continue
        if _is_quote(sent):
            continue
        own = dated.get(i)
        loose = i in opening and own is not None and own.value.precision in ("day", "month")
        event = _clause_event(sent, own, nearest.get(i), pub_value, actors, entities, loose)
        if event is not None:
            events.append(event)
        if i in opening and sent_dates.get(i):
            events += _date_clause_events(sent, sent_dates[i], events, actors, entities)
    dated.update({i: d for i, ds in heading_dates.items()
                  if (d := _sentence_date(ds)) is not None})
    main = _main_event(sents, [i for i in titles if i not in used_sents], body, dated,
                       sent_dates, pub_value, actors, entities)
    events = _add_main_event(events, main, sents, titles + body[:LEDE_SENTENCES])
    return merge_events(events)


def _timeline_fallback(clause: Span, date: DateInfo, actors, entities) -> EventInfo | None:
    """Return an event for a timeline line whose clause root is not an event verb."""
    spans = _actors_in(clause, actors)
    if not spans:
        return None
    typed = [t for t in clause if event_type(t) and event_type(t) != "other"]
    trigger = typed[0] if typed else clause.root
    type_ = event_type(trigger) if typed else "other"
    agents = _ids([s for s in spans if s.label_ not in _PLACE_TYPES or s.label_ == "Country"][:2])
    places = _ids([s for s in spans if s.label_ == "Place"])
    return EventInfo(type_, trigger.text, date.value, date.text, agents, (), (), places,
                     clause.start_char, clause.end_char,
                     _label(entities, agents, trigger, (), places, type_),
                     lemma=trigger.lemma_.lower())


@Language.component("kg_events", assigns=["doc._.kg_events"],
                    requires=["doc._.kg_dates", "doc._.kg_entities"])
def events_component(doc: Doc) -> Doc:
    """Find dated, typed events with participants and places."""
    doc._.kg_events = find_events(doc)
    return doc
