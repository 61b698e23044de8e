"""Run kg's spaCy pipeline over articles and build :class:`~kg.model.Extraction` records.

The components annotate the ``Doc``; :func:`doc_to_extraction` is the single place that reads
those annotations and turns them into typed records.

>>> from kg.model import Article
>>> [x] = extract_articles([Article("a1", "T", "Marco Rubio met Putin.")])  # doctest: +SKIP
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.actors import ACTORS_KEY
from kg.extract.boilerplate import doc_text
from kg.extract.modality import statement_modality
from kg.extract.quotes.said_on import statement_date
from kg.model import (
    Article,
    DateMention,
    Entity,
    Event,
    Extraction,
    Mention,
    Participant,
    Role,
    Stance,
    Statement,
    digest,
)
from kg.nlp import load_pipeline, model_label


class _Sentences:
    """Sentence lookup by character offset."""

    def __init__(self, doc: Doc) -> None:
        self.doc_text = doc_text(doc)  # Doc.text is rebuilt on every access: read it once
        self.sents = list(doc.sents)
        self.starts = [s.start_char for s in self.sents]

    def index(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def text(self, char: int) -> str:
        return self.sents[self.index(char)].text.strip()


def _mention(doc: Doc, sents: _Sentences, start: int, end: int) -> Mention:
    return Mention(sents.doc_text[start:end], start, end, sents.index(start))


def _entities(doc: Doc, sents: _Sentences, roles: list[Role]) -> tuple[Entity, ...]:
    mentions: dict[str, list[Mention]] = {}
    for span in doc.spans.get(ACTORS_KEY, []):
        if span._.kg_entity:
            mentions.setdefault(span._.kg_entity, []).append(
                _mention(doc, sents, span.start_char, span.end_char))
    role_titles: dict[str, list[str]] = {}
    for role in roles:
        role_titles.setdefault(role.person_id, []).append(role.title)
    entities = []
    for id_, info in doc._.kg_entities.items():
        entities.append(Entity(
            id=id_, name=info.name, type=info.type, aliases=info.aliases,
            mentions=tuple(sorted(mentions.get(id_, []), key=lambda m: m.start)),
            country_code=info.country_code, roles=tuple(dict.fromkeys(role_titles.get(id_, []))),
        ))
    return tuple(sorted(entities, key=lambda e: (-len(e.mentions), e.id)))


def role_id(article_id: str, person_id: str, title: str, of_id: str | None) -> str:
    """Return a role's id: one node per person, title and country or body *in an article*
    (a role carries the span that states it, so each article states its own)."""
    return digest(article_id, person_id, title.lower(), of_id)


def unique_roles(roles: Iterable[Role]) -> tuple[Role, ...]:
    """Return ``roles`` with one role per id, the first stated (the article's first span)."""
    first: dict[str, Role] = {}
    for role in sorted(roles, key=lambda r: r.mention.start):
        first.setdefault(role.id, role)
    return tuple(first.values())


def _roles(doc: Doc, sents: _Sentences, article_id: str) -> list[Role]:
    roles = []
    for r in doc._.kg_roles:
        roles.append(Role(
            id=role_id(article_id, r.person_id, r.title, r.of_id),
            person_id=r.person_id, title=r.title, of_id=r.of_id,
            mention=_mention(doc, sents, r.start, r.end)))
    return roles


def _name(doc: Doc, id_: str | None) -> str | None:
    info = doc._.kg_entities.get(id_) if id_ else None
    return info.name if info is not None else None


def _statements(doc: Doc, sents: _Sentences, article: Article) -> tuple[Statement, ...]:
    """Return the statements of a document, one per content span (the first found: two cues
    claiming the same words, "X added" and "according to Y", would make one node with two
    speakers)."""
    out = []
    spans: set[tuple[int, int]] = set()
    for s in doc._.kg_statements:
        if (s.start, s.end) in spans:
            continue
        spans.add((s.start, s.end))
        date, precision = statement_date(doc, s, article.published)
        about = tuple(a for a in s.about_ids if a in doc._.kg_entities)
        out.append(Statement(
            id=digest(article.id, "statement", s.start, s.end),
            quote=s.text or sents.doc_text[s.start:s.end].strip(), kind=s.kind,
            speaker=_name(doc, s.speaker_id), speaker_id=s.speaker_id,
            speaker_description=s.speaker_description,
            cue=s.cue, date=date, date_precision=precision,
            about=tuple(_name(doc, a) for a in about), about_ids=about,
            mention=_mention(doc, sents, s.start, s.end), sentence_text=sents.text(s.start),
            stances=tuple(Stance(t, p) for t, p in s.stances if t in doc._.kg_entities),
            modality=statement_modality(doc, s.start, s.end, s.cue),
        ))
    return tuple(out)


def id_from_content(type_: str, date: str | None, precision: str | None,
                    has_actors: bool) -> bool:
    """Return whether :func:`event_id` gives an event its id from its content (type, date,
    agents and places, so the ids its actors are linked to change it), not from its place in
    the article."""
    return type_ != "other" and bool(date) and precision in ("day", "month") and has_actors


def event_id(article_id: str, type_: str, date: str | None, precision: str | None,
             agents: tuple[str, ...], places: tuple[str, ...], start: int,
             modality: str = "asserted") -> str:
    """Return an event id: from content when specific enough (so articles share it), else
    from its place in the article and its date (one sentence may report two dated events);
    a negated, planned or supposed event is never the one that happened, and an untyped one
    (``other``: its trigger says too little) is never another article's."""
    kind = () if modality == "asserted" else (modality,)
    if id_from_content(type_, date, precision, bool(agents or places)):
        return digest("event", type_, date, sorted(agents), sorted(places), *kind)
    return digest("event", article_id, type_, start, date, *kind)


def _events(doc: Doc, sents: _Sentences, article: Article) -> tuple[Event, ...]:
    out = []
    for e in doc._.kg_events:
        iso = e.date.iso if e.date else None
        precision = e.date.precision if e.date else None
        participants = tuple(
            [Participant(a, _name(doc, a) or a, "agent") for a in e.agents]
            + [Participant(t, _name(doc, t) or t, "target") for t in e.targets])
        places = tuple(Participant(p, _name(doc, p) or p, "place") for p in e.places)
        out.append(Event(
            id=event_id(article.id, e.type, iso, precision, e.agents, e.places, e.start,
                        e.modality),
            date=iso, date_precision=precision, type=e.type, label=e.label, trigger=e.trigger,
            participants=participants, places=places,
            mention=_mention(doc, sents, e.start, e.end),
            sentence_text=sents.doc_text[e.start:e.end].strip(), date_text=e.date_text,
            date_basis=e.date_basis if e.date else None,
            mentions=tuple(_mention(doc, sents, s, t) for s, t in e.mentions),
            modality=e.modality, main=e.main, confidence=e.confidence,
            agent_text=e.agent_text or None,
            triggers=tuple(_mention(doc, sents, s, t) for s, t in e.triggers),
        ))
    return tuple(out)


def doc_to_extraction(doc: Doc, article: Article, model: str = "") -> Extraction:
    """Return the records of one processed article (reads the ``kg_*`` annotations)."""
    sents = _Sentences(doc)
    roles = _roles(doc, sents, article.id)
    return Extraction(
        article=article,
        entities=_entities(doc, sents, roles),
        statements=_statements(doc, sents, article),
        events=_events(doc, sents, article),
        roles=unique_roles(roles),
        model=model,
        dates=tuple(DateMention(d.text, d.start, d.end, sents.index(d.start), d.value.iso,
                                d.value.precision) for d in doc._.kg_dates),
    )


#: Longest text handed to spaCy as one ``Doc``, in characters. Longer articles (up to the
#: ingest limit, :data:`kg.ingest.MAX_BYTES`) are processed in paragraph chunks of at most this
#: size: spaCy refuses texts over ``nlp.max_length`` and kg's article-wide steps grow faster
#: than linearly with length. Offsets stay article-global.
CHUNK_CHARS = 50_000

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def text_chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Return ``(offset, chunk)`` pieces of ``text``, each at most ``limit`` characters, cut
    after the last paragraph break that fits (else a line break, a sentence end, a space);
    the pieces joined give ``text`` back.

    >>> text_chunks("One.\\n\\nTwo.\\n\\nThree.", limit=10)
    [(0, 'One.\\n\\n'), (6, 'Two.\\n\\n'), (12, 'Three.')]
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = limit
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _shift(m: Mention, offset: int, sentences: int) -> Mention:
    return Mention(m.text, m.start + offset, m.end + offset, m.sentence + sentences)


def _shift_extraction(x: Extraction, article: Article, offset: int,
                      sentences: int) -> Extraction:
    """Return chunk extraction ``x`` with article-global offsets, sentence numbers and ids."""
    def mv(m: Mention) -> Mention:
        return _shift(m, offset, sentences)

    statements = tuple(replace(
        s, mention=mv(s.mention),
        id=digest(article.id, "statement", s.mention.start + offset, s.mention.end + offset))
        for s in x.statements)
    events = []
    for e in x.events:
        agents = tuple(p.entity_id for p in e.participants if p.role == "agent")
        places = tuple(p.entity_id for p in e.places)
        events.append(replace(
            e, mention=mv(e.mention), mentions=tuple(mv(m) for m in e.mentions),
            triggers=tuple(mv(m) for m in e.triggers),
            id=event_id(article.id, e.type, e.date, e.date_precision, agents, places,
                        e.mention.start + offset)))
    return replace(
        x, article=article,
        entities=tuple(replace(e, mentions=tuple(mv(m) for m in e.mentions))
                       for e in x.entities),
        statements=statements, events=tuple(events),
        roles=tuple(replace(r, mention=mv(r.mention)) for r in x.roles),
        dates=tuple(replace(d, start=d.start + offset, end=d.end + offset,
                            sentence=d.sentence + sentences) for d in x.dates))


def _merge_entities(parts: Iterable[Entity]) -> tuple[Entity, ...]:
    """Return one entity per id: the first chunk's name and type, all mentions, aliases and
    roles."""
    merged: dict[str, Entity] = {}
    for e in parts:
        seen = merged.get(e.id)
        merged[e.id] = e if seen is None else replace(
            seen, aliases=tuple(dict.fromkeys(seen.aliases + e.aliases)),
            mentions=seen.mentions + e.mentions,
            country_code=seen.country_code or e.country_code,
            roles=tuple(dict.fromkeys(seen.roles + e.roles)))
    return tuple(sorted(merged.values(), key=lambda e: (-len(e.mentions), e.id)))


def merge_chunks(article: Article, parts: list[tuple[Extraction, int, int]]) -> Extraction:
    """Return the extraction of a chunked article from ``(extraction, char offset, sentence
    offset)`` of each chunk: mentions and ids article-global, actors merged by id."""
    from kg.link import remap_ids

    shifted = [_shift_extraction(x, article, offset, sents) for x, offset, sents in parts]
    merged = Extraction(
        article=article,
        entities=_merge_entities(e for x in shifted for e in x.entities),
        statements=tuple(s for x in shifted for s in x.statements),
        events=tuple(e for x in shifted for e in x.events),
        roles=unique_roles(r for x in shifted for r in x.roles),
        model=shifted[0].model,
        dates=tuple(d for x in shifted for d in x.dates))
    surnames = surname_links(merged.entities)
    return remap_ids(merged, surnames, {e.id: e.name for e in merged.entities})


def surname_links(entities: Iterable[Entity]) -> dict[str, str]:
    """Return ``{id: id}`` from each one-word person ("Okafor", alone in a later chunk) to
    the only person of the article whose full name ends with that word ("Ines Okafor")."""
    people = [e for e in entities if e.type == "Person"]
    full: dict[str, set[str]] = {}
    for e in people:
        words = e.name.split()
        if len(words) > 1:
            full.setdefault(words[-1], set()).add(e.id)
    return {e.id: next(iter(full[e.name])) for e in people
            if " " not in e.name and len(full.get(e.name, ())) == 1}


def article_docs(nlp: Language, articles: Iterable[Article]
                 ) -> Iterator[tuple[Doc, tuple[Article, int, int]]]:
    """Yield a ``Doc`` per article, or per chunk of a long article, with (article, chunk
    offset, number of chunks)."""
    for article in articles:
        chunks = text_chunks(article.text, CHUNK_CHARS)
        for offset, chunk in chunks:
            doc = nlp.make_doc(chunk)
            doc._.kg_published = article.published
            yield doc, (article, offset, len(chunks))


def extract_articles(articles: Iterable[Article], nlp: Language | None = None,
                     batch_size: int = 16) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per article, streaming through ``nlp.pipe``."""
    nlp = nlp or load_pipeline()
    pairs = nlp.pipe(article_docs(nlp, articles), as_tuples=True, batch_size=batch_size)
    yield from doc_extractions(pairs, model_label(nlp))


def doc_extractions(pairs: Iterable[tuple[Doc, tuple[Article, int, int]]],
                    label: str) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per article from its annotated docs (one per chunk, in
    order, with the (article, chunk offset, number of chunks) :func:`article_docs` gives)."""
    parts: list[tuple[Extraction, int, int]] = []
    sentences = 0
    for doc, (article, offset, count) in pairs:
        if count == 1:
            yield doc_to_extraction(doc, article, label)
            continue
        chunk = replace(article, text=doc.text)
        parts.append((doc_to_extraction(doc, chunk, label), offset, sentences))
        sentences += len(list(doc.sents))
        if len(parts) == count:
            yield merge_chunks(article, parts)
            parts, sentences = [], 0
