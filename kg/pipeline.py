"""Run kg's spaCy pipeline over articles and build :class:`~kg.model.Extraction` records.

The components annotate the ``Doc``; :func:`doc_to_extraction` is the single place that reads
those annotations and turns them into typed records.

>>> from kg.model import Article
>>> [x] = extract_articles([Article("a1", "T", "Marco Rubio met Putin.")])  # doctest: +SKIP
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.actors import ACTORS_KEY
from kg.extract.modality import span_modality
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
        self.doc_text = doc.text  # Doc.text is rebuilt on every access: read it once
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


def _roles(doc: Doc, sents: _Sentences) -> list[Role]:
    roles = []
    for r in doc._.kg_roles:
        roles.append(Role(
            id=digest(r.person_id, r.title.lower(), r.of_id),
            person_id=r.person_id, title=r.title, of_id=r.of_id,
            mention=_mention(doc, sents, r.start, r.end)))
    return roles


def _name(doc: Doc, id_: str | None) -> str | None:
    info = doc._.kg_entities.get(id_) if id_ else None
    return info.name if info is not None else None


def _statement_date(doc: Doc, sents: _Sentences, start: int, end: int,
                    published: str | None) -> tuple[str | None, str | None]:
    """Return the date a statement was made: a date in its sentences outside the quoted or
    reported content (dates inside any quote marks never count), else the publication date
    (precision ``fuzzy``)."""
    quoted = getattr(doc._, "kg_quoted", None) or []
    is_direct = any(q_start == start for q_start, _ in quoted)
    first, last = sents.index(start), sents.index(max(start, end - 1))
    for date in doc._.kg_dates:
        if date.timeline or not first <= sents.index(date.start) <= last + 1:
            continue
        if sents.index(date.start) == last + 1 and not 0 <= date.start - end < 40:
            continue
        in_quote = any(q_start <= date.start < q_end for q_start, q_end in quoted)
        in_content = start <= date.start < end and not is_direct
        if not in_quote and not in_content:
            return date.value.iso, date.value.precision
    return (published, "fuzzy") if published else (None, None)


def _statements(doc: Doc, sents: _Sentences, article: Article) -> tuple[Statement, ...]:
    out = []
    for s in doc._.kg_statements:
        date, precision = _statement_date(doc, sents, s.start, s.end, article.published)
        about = tuple(a for a in s.about_ids if a in doc._.kg_entities)
        out.append(Statement(
            id=digest(article.id, "statement", s.start, s.end),
            quote=s.text or sents.doc_text[s.start:s.end].strip(), kind=s.kind,
            speaker=_name(doc, s.speaker_id), speaker_id=s.speaker_id,
            speaker_description=None if s.speaker_id else s.speaker_description,
            cue=s.cue, date=date, date_precision=precision,
            about=tuple(_name(doc, a) for a in about), about_ids=about,
            mention=_mention(doc, sents, s.start, s.end), sentence_text=sents.text(s.start),
            stances=tuple(Stance(t, p) for t, p in s.stances if t in doc._.kg_entities),
            modality=span_modality(doc, s.start, s.end),
        ))
    return tuple(out)


def event_id(article_id: str, type_: str, date: str | None, precision: str | None,
             agents: tuple[str, ...], places: tuple[str, ...], start: int,
             modality: str = "asserted") -> str:
    """Return an event id: from content when specific enough (so articles share it); a
    negated, planned or supposed event is never the one that happened."""
    if date and precision in ("day", "month") and (agents or places):
        kind = () if modality == "asserted" else (modality,)
        return digest("event", type_, date, sorted(agents), sorted(places), *kind)
    return digest("event", article_id, type_, start)


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
        ))
    return tuple(out)


def doc_to_extraction(doc: Doc, article: Article, model: str = "") -> Extraction:
    """Return the records of one processed article (reads the ``kg_*`` annotations)."""
    sents = _Sentences(doc)
    roles = _roles(doc, sents)
    return Extraction(
        article=article,
        entities=_entities(doc, sents, roles),
        statements=_statements(doc, sents, article),
        events=_events(doc, sents, article),
        roles=tuple(roles),
        model=model,
        dates=tuple(DateMention(d.text, d.start, d.end, sents.index(d.start), d.value.iso,
                                d.value.precision) for d in doc._.kg_dates),
    )


def _docs(nlp: Language, articles: Iterable[Article]) -> Iterator[tuple[Doc, Article]]:
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.kg_published = article.published
        yield doc, article


def extract_articles(articles: Iterable[Article], nlp: Language | None = None,
                     batch_size: int = 16) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per article, streaming through ``nlp.pipe``."""
    nlp = nlp or load_pipeline()
    label = model_label(nlp)
    pairs = _docs(nlp, articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield doc_to_extraction(doc, article, label)
