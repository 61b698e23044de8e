"""Events: dated happenings with a type, participants (agent, target) and place.

Sources: timeline lines ("November 19, 2025: Russian strikes hit Ternopil"), sentences with a
date expression, and undated sentences whose main verb is an event verb (dated by the nearest
dated sentence of the same paragraph, else by the publication date with precision ``fuzzy``).
The type comes from the trigger's lemma (:data:`kg.lexicon.events.EVENT_LEMMAS`); agents from the
subject, targets from the object or an "on/against X" phrase, places from Place/Country actors
in "in/at/near X" phrases. ``kg_events`` stores :class:`EventInfo` records in
``doc._.kg_events``; events of one article with the same type, overlapping participants and
compatible dates merge (:func:`merge_events`).

Modules by job: :mod:`.clauses` (trigger, type, participants), :mod:`.labels`,
:mod:`.dating` (which date dates an event), :mod:`.merge` (one event per happening),
:mod:`.record` (:class:`EventInfo`, confidence); modality comes from
:mod:`kg.extract.modality`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.ablation import reads_disabled_once
from kg.extract.actors import actor_index
from kg.extract.boilerplate import doc_text, in_ranges, line_bounds
from kg.extract.dates import DateInfo, DateValue, _published
from kg.extract.events.candidates import (
    clause_confidence,
    clause_verbs,
    event_nouns,
    nominal_agent_ids,
    object_only,
    owner_phrase,
)
from kg.extract.events.clauses import (
    _PLACE_TYPES,
    _actors_in,
    _clause_root,
    _governing_verb,
    _ids,
    _participants,
    _places,
    _trigger,
    agent_phrase,
    event_type,
)
from kg.extract.events.dating import (
    _nearest_dates,
    _sentence_date,
    attributive,
    clock_time,
    date_of_type,
    dates_compatible,
    deadline_date,
    main_event_date,
    reference_point,
    report_day,
    reported_as_current,
)
from kg.extract.events.labels import _label, event_label
from kg.extract.events.merge import merge_events, same_event
from kg.extract.events.record import CANDIDATE_CONFIDENCE, EventInfo, event_confidence
from kg.extract.modality import clause_modality
from kg.lexicon.speech import SPEECH_VERBS

__all__ = [
    "CANDIDATE_CONFIDENCE", "EventInfo", "clock_time", "dates_compatible", "deadline_date",
    "event_confidence", "event_label", "event_type", "find_events", "main_event_date",
    "merge_events", "opening_sentences", "reference_point", "reported_as_current",
    "same_event",
]

if not Doc.has_extension("kg_events"):
    Doc.set_extension("kg_events", default=[])

_QUOTE_CHARS = "\"“”"
#: Prose sentences after the title that make the lede: the main event and its date.
LEDE_SENTENCES = 3
#: Prose sentences of the opening (inverted pyramid) whose own dates yield events even without
#: named participants, and where the main event's date is sought when the lede has none.
OPENING_SENTENCES = 10

def _clause_event(sent: Span, date: DateInfo | None, fallback: DateInfo | None,
                  pub_value: DateValue | None, actors, entities,
                  loose: bool = False, root: Token | None = None,
                  places: list[Span] = (), deadline: DateInfo | None = None,
                  own_trigger: bool = False) -> EventInfo | None:
    """Return the event of one clause, dated by its own date, ``fallback`` or publication.

    With ``loose`` (a dated sentence of the opening) the event needs no named participant
    (without one it is a low-confidence candidate); ``root`` picks a clause of ``sent`` other
    than its main one; ``places`` are its places when the clause names none; ``deadline`` (a
    "by 2035" of the sentence) dates the event only when it is a plan or goal; with
    ``own_trigger`` the verb ``root`` is the trigger ("upheld", not its object "protest").
    """
    root = root if own_trigger and root is not None else _clause_root(
        root if root is not None else sent.root)
    dated = date is not None and date.value.precision in ("day", "month")
    found = (root, event_type(root) or "other") if own_trigger else \
        _trigger(root, any_verb=dated or loose)
    if found is None:
        return None
    trigger, type_ = found
    quoted = _quoted(trigger)
    if quoted and not own_trigger:
        return None
    if root.lemma_.lower() in SPEECH_VERBS and trigger is root and type_ in (
            "announce", "other") and not own_trigger:
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
    if deadline is not None and _governing_verb(sent.doc, deadline) not in (trigger, root):
        deadline = None  # "accused X of failing to pay by 2035": the target is not the clause's
    modality = clause_modality(trigger, deadline=deadline is not None)
    if quoted and modality == "asserted":
        modality = "reported"  # the speaker's words, not the writer's
    if modality == "planned" and deadline is not None:
        date = deadline  # "aims to cut emissions by 2035": the plan's target date
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
        label=_label(entities, agent_ids, trigger, target_ids, place_ids, type_, modality),
        lemma=trigger.lemma_.lower(), mentions=((sent.start_char, sent.end_char),),
        modality=modality, confidence=event_confidence(agent_ids, target_ids, place_ids, type_),
        agent_text=_agent_text(root, trigger), triggers=(_offsets(trigger),),
    )


def _offsets(token: Token) -> tuple[int, int]:
    """Return the character offsets of a token."""
    return token.idx, token.idx + len(token)


def _agent_text(root: Token, trigger: Token) -> str:
    """Return the agent phrase of a clause (:func:`agent_phrase`), none when the trigger is
    the subject itself ("the strike killed five")."""
    if trigger.i != root.i and any(trigger in c.subtree for c in root.children
                                   if c.dep_ in ("nsubj", "nsubjpass")):
        return ""
    return agent_phrase(root if trigger.pos_ not in ("VERB",) else trigger)


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


def _is_quote(sent: Span) -> bool:
    """Return whether a sentence starts with a quote mark (its text read from the document's,
    not joined from its tokens)."""
    return doc_text(sent.doc)[sent.start_char:sent.end_char].lstrip()[:1] in _QUOTE_CHARS


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


def _continues(event: EventInfo, sent: Span, dated: Span, actors) -> bool:
    """Return whether the event of an undated sentence goes on telling the happening of a
    dated one, so may take its date: one of its participants is named there, the dated
    sentence tells a happening of its type ("Talks opened on Monday. X met Y there."), or it
    points back ("He later met ...", "met there"). "European governments criticized the
    draft" after "The draft was drawn up by US officials late last month" does not."""
    named = {s._.kg_entity for s in _actors_in(dated, actors) if s._.kg_entity}
    if named & set(event.agents + event.targets + event.places):
        return True
    if event.type != "other" and any(event_type(t) == event.type for t in dated):
        return True
    return any((t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PRON")
               or (t.lower_ == "there" and t.dep_ == "advmod")
               for t in sent if t.head.i == sent.root.i)


def _context_dated(event: EventInfo | None, sent: Span, context: DateInfo | None,
                   pub_value: DateValue | None, actors) -> EventInfo | None:
    """Return ``event`` dated by the publication instead of another sentence's date when it
    does not continue that sentence's happening (:func:`_continues`)."""
    if event is None or event.date_basis != "context" or context is None:
        return event
    span = sent.doc.char_span(context.start, context.end, alignment_mode="expand")
    if span is None or _continues(event, sent, span.sent, actors):
        return event
    if pub_value is None:
        return None
    return replace(event, date=pub_value, date_text=None, date_basis="publication")


def _told(events: list[EventInfo], start: int, end: int, *lemmas: str) -> bool:
    """Return whether an event of ``events`` already has one of the triggers ``lemmas`` in
    the span."""
    return any(e.lemma in lemmas and s <= end and start <= t
               for e in events for s, t in (e.mentions or ((e.start, e.end),)))


def _clause_lemmas(verb: Token) -> tuple[str, ...]:
    """Return the lemmas that may trigger a verb's event: its own, its subject's and its
    object's ("launched an invasion" is the event "invasion")."""
    return (verb.lemma_.lower(), *(c.lemma_.lower() for c in verb.children
                                   if c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj")))


def _own_date(sent: Span, dates: list[DateInfo], token: Token) -> DateInfo | None:
    """Return the date of ``dates`` that modifies ``token`` (its verb or event noun): "was
    accused last year" is dated by the year."""
    for date in dates:
        if date.value.precision in ("day", "month", "year") and \
                _governing_verb(sent.doc, date) == token:
            return date
    return None


def _secondary_events(sent: Span, dates: list[DateInfo], sentence_date: DateInfo | None,
                      pub_value: DateValue | None, events: list[EventInfo],
                      actors, entities) -> list[EventInfo]:
    """Return the events of a sentence's clauses that no event tells yet (:mod:`.candidates`):
    each verb with a subject and each typed event noun with an owner, when it names a
    participant. Each is dated by a date that modifies it (the sentence's own date for its
    main verb), else by the publication (``fuzzy``): another sentence's date is no evidence."""
    out: list[EventInfo] = []
    cues = {st.cue for st in sent.doc._.kg_statements
            if sent.start_char <= st.start < sent.end_char or
            st.start <= sent.start_char < st.end}
    for verb in clause_verbs(sent, speech=True):
        speech = verb.lemma_.lower() in SPEECH_VERBS and not object_only(verb)
        if speech and verb.text in cues:
            continue  # a statement tells it
        own = _own_date(sent, dates, verb) or (sentence_date if verb.i == sent.root.i else None)
        event = _clause_event(sent, own, None, pub_value, actors, entities, loose=True,
                              root=verb, own_trigger=True)
        if event is None or not (event.agents or event.targets or event.places
                                 or event.agent_text):
            continue
        tokens = sorted(verb.subtree, key=lambda t: t.i)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if _told(events + out, start, end, event.lemma, *_clause_lemmas(verb)):
            continue
        confidence = clause_confidence(event.confidence, "other" if speech else event.type)
        out.append(replace(event, start=start, end=end, mentions=((start, end),),
                           confidence=confidence))
    for noun in event_nouns(sent):
        agents = nominal_agent_ids(noun, actors)
        if not agents or _told(events + out, noun.idx, noun.idx + len(noun), noun.lemma_.lower()):
            continue
        event = _nominal_event(sent, noun, agents, _own_date(sent, dates, noun), pub_value,
                               actors, entities)
        if event is not None:
            out.append(event)
    return out


def _nominal_event(sent: Span, noun: Token, agents: tuple[str, ...], date: DateInfo | None,
                   pub_value: DateValue | None, actors, entities) -> EventInfo | None:
    """Return the event of an event noun with its owner as agent ("Ford's takeover of
    Jaguar"), its "on/against/with" phrase as target and its "in X" as place."""
    value = date.value if date is not None else pub_value
    if value is None:
        return None
    _, targets, places = _participants(noun, noun, sent, actors)
    type_ = event_type(noun) or "other"
    target_ids = _ids(targets, set(agents))
    place_ids = _ids(places, set(agents) | set(target_ids))
    modality = clause_modality(noun)
    start, end = noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge)
    return EventInfo(
        type=type_, trigger=noun.text, date=value, date_text=date.text if date else None,
        date_basis="text" if date is not None else "publication",
        agents=agents, targets=target_ids, others=(), places=place_ids, start=start, end=end,
        label=_label(entities, agents, noun, target_ids, place_ids, type_, modality,
                     nominal=True),
        lemma=noun.lemma_.lower(), mentions=((start, end),), modality=modality,
        confidence=clause_confidence(event_confidence(agents, target_ids, place_ids, type_),
                                     type_),
        agent_text=owner_phrase(noun), triggers=(_offsets(noun),))


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
    found = [(i, e) for i in titles + body[:1] if (e := _clause_event(
        sents[i], date or today, None, pub_value, actors, entities, loose=True,
        places=places)) is not None]
    # the first clause that names who or where, else the first clause at all
    for i, event in sorted(found, key=lambda f: f[1].confidence < CANDIDATE_CONFIDENCE):
        typed = date_of_type(lede, sent_dates, event.type, sents[i].doc, pub_value)
        if typed is not None and typed is not date:
            event = replace(event, date=typed.value, date_text=typed.text, date_basis="text")
        elif today is not None:
            event = replace(event, date_basis="publication", date_text=today.text or None)
        return i, replace(event, main=True,
                          confidence=max(event.confidence, CANDIDATE_CONFIDENCE))
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
        same_clause = other.start == event.start and (
            other.lemma == event.lemma or other.type == event.type != "other")
        if same_clause or (in_lede and other.lemma == event.lemma):
            if other.date is None or (other.date.precision == "fuzzy" and event.date and
                                      event.date.precision != "fuzzy"):
                other = replace(other, date=event.date, date_text=event.date_text,
                                date_basis=event.date_basis)
            events[k] = replace(other, main=True,
                                confidence=max(other.confidence, event.confidence))
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
    deadlines: dict[int, list[DateInfo]] = {}
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
        elif deadline_date(span):
            deadlines.setdefault(i, []).append(date)
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
        if _is_quote(sent):  # a quote tells no main event; its clauses are its speaker's
            events += _secondary_events(sent, [], None, pub_value, events, actors, entities)
            continue
        own = dated.get(i)
        loose = i in opening and own is not None and own.value.precision in ("day", "month")
        event = _context_dated(_clause_event(
            sent, own, nearest.get(i), pub_value, actors, entities, loose,
            deadline=_sentence_date(deadlines.get(i, []))), sent, nearest.get(i), pub_value,
            actors)
        if event is not None:
            events.append(event)
        if i in opening and sent_dates.get(i):
            events += _date_clause_events(sent, sent_dates[i], events, actors, entities)
        events += _secondary_events(sent, sent_dates.get(i, []), own, pub_value, events,
                                    actors, entities)
    dated.update({i: d for i, ds in heading_dates.items()
                  if (d := _sentence_date(ds)) is not None})
    main = _main_event(sents, [i for i in titles if i not in used_sents], body, dated,
                       sent_dates, pub_value, actors, entities)
    events = _add_main_event(events, main, sents, titles + body[:LEDE_SENTENCES])
    for i in titles:  # the title's other clauses ("Apple unveils a phone as sales fall")
        if i not in used_sents and not in_ranges(sents[i].start_char, sents[i].end_char, junk):
            events += _secondary_events(sents[i], heading_dates.get(i, []), None, pub_value,
                                        events, actors, entities)
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
                     lemma=trigger.lemma_.lower(), triggers=(_offsets(trigger),))


@Language.component("kg_events", assigns=["doc._.kg_events"],
                    requires=["doc._.kg_dates", "doc._.kg_entities"])
@reads_disabled_once
def events_component(doc: Doc) -> Doc:
    """Find dated, typed events with participants and places."""
    doc._.kg_events = find_events(doc)
    return doc
