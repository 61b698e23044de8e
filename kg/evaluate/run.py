"""Run a predictor over gold documents and score every part the gold annotates.

A predictor takes gold documents and returns one ``Extraction.to_json()`` dict per document,
in order. :func:`kg_predictor` runs kg's pipeline; :func:`kg.evaluate.baseline.baseline_predictor`
runs plain spaCy NER; tests pass their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from kg.evaluate.adapters import GoldDoc, GoldSet
from kg.evaluate.metrics import (
    PredictedDate,
    PredictedEntity,
    PredictedMention,
    PredictedQuote,
    Rate,
    Score,
    date_scores,
    duplicate_entity_rate,
    duplicate_mention_rate,
    entity_mention_score,
    entity_name_score,
    event_date_hit,
    junk_actors,
    quote_score,
    speaker_accuracy,
)
from kg.evaluate.phrase_actors import PARTS as PHRASE_PARTS
from kg.evaluate.phrase_actors import actor_mentions, phrase_actor_scores

Predictor = Callable[[Sequence[GoldDoc]], list[dict[str, Any]]]

#: Parts in report order, with whether each is a P/R/F1 score or a single rate.
PARTS: tuple[tuple[str, str], ...] = (
    ("entities_typed", "score"),
    ("entities_untyped", "score"),
    ("duplicate_nodes", "rate"),
    ("junk_actors", "rate"),
    ("quotes", "score"),
    ("speakers", "rate"),
    ("speakers_full", "rate"),
    ("speakers_partial", "rate"),
    ("speakers_by_name", "rate"),
    ("speakers_full_by_name", "rate"),
    ("speakers_partial_by_name", "rate"),
    ("dates", "score"),
    ("date_accuracy", "rate"),
    ("date_recall", "rate"),
    ("event_date_hit", "rate"),
    ("event_date_hit_reachable", "rate"),
    *((part, "rate") for part in PHRASE_PARTS),
)
MIN_QUOTE_WORDS = 3
#: Parts that list names (pooled by concatenation) rather than count.
LIST_PARTS = frozenset({"junk_names", "main_actor_junk_names"})


class EvalError(RuntimeError):
    """Raised when the evaluation cannot run (no pipeline, predictor output mismatch)."""


# --- flattening predictions --------------------------------------------------------------------


def predicted_mentions(pred: dict[str, Any], limit: int | None = None) -> list[PredictedMention]:
    """Return every entity mention of a prediction starting before ``limit`` (if given)."""
    out = []
    for entity in pred.get("entities", []):
        for m in entity.get("mentions", []):
            if m.get("start") is None or m.get("end") is None:
                continue
            if limit is None or m["start"] < limit:
                out.append(PredictedMention(m["start"], m["end"], entity.get("type", ""),
                                            entity.get("id") or entity.get("name", "")))
    return out


def predicted_entities(pred: dict[str, Any]) -> list[PredictedEntity]:
    """Return the predicted nodes (id, name, type, aliases) of a prediction."""
    return [
        PredictedEntity(e.get("id") or e["name"], e["name"], e.get("type", ""),
                        tuple(e.get("aliases") or ()))
        for e in pred.get("entities", [])
    ]


def predicted_quotes(pred: dict[str, Any], min_words: int = 0) -> list[PredictedQuote]:
    """Return the direct-quote statements of a prediction with at least ``min_words`` words,
    each with the names of its speaker's actor (found by id, else by name)."""
    names = _actor_names(pred)
    return [
        PredictedQuote(s.get("quote") or "", s.get("speaker"), s.get("start"), s.get("end"),
                       s.get("speaker_description"),
                       names.get(s.get("speaker_id") or "", names.get(s.get("speaker") or "", ())))
        for s in pred.get("statements", [])
        if s.get("kind", "direct") == "direct"
        and len((s.get("quote") or "").split()) >= min_words
    ]


def _actor_names(pred: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Return entity id and name → the entity's name and aliases."""
    out: dict[str, tuple[str, ...]] = {}
    for e in pred.get("entities", []):
        names = (e.get("name") or "", *(e.get("aliases") or ()))
        for key in (e.get("id"), e.get("name")):
            if key:
                out.setdefault(key, names)
    return out


def locate(text: str, needle: str, near: int | None) -> tuple[int, int] | None:
    """Return the span of the occurrence of ``needle`` in ``text`` closest to ``near``."""
    if not needle:
        return None
    spans = [m.span() for m in re.finditer(re.escape(needle), text)]
    if not spans:
        return None
    return min(spans, key=lambda s: abs(s[0] - (near or 0)))


def predicted_dates(
    pred: dict[str, Any], text: str, limit: int | None = None
) -> list[PredictedDate]:
    """Return predicted date expressions: the ``dates`` list when present, else event dates.

    Event dates carry only ``date_text``; its span is the occurrence nearest the event.
    """
    out: list[PredictedDate] = []
    if "dates" in pred:
        for d in pred["dates"]:
            out.append(PredictedDate(
                d.get("text"), d.get("value") or d.get("iso") or d.get("date"),
                d.get("precision") or d.get("date_precision"), d.get("start"), d.get("end"),
            ))
    else:
        seen = set()
        for e in pred.get("events", []):
            span = locate(text, e.get("date_text") or "", e.get("start"))
            if span is None or span in seen:
                continue
            seen.add(span)
            out.append(PredictedDate(e["date_text"], e.get("date"), e.get("date_precision"),
                                     *span))
    return [d for d in out if limit is None or d.start is None or d.start < limit]


def predicted_event_dates(pred: dict[str, Any]) -> list[PredictedDate]:
    """Return the date of every predicted event."""
    return [
        PredictedDate(e.get("date_text"), e.get("date"), e.get("date_precision"))
        for e in pred.get("events", [])
    ]


# --- scoring -----------------------------------------------------------------------------------


def gold_day_reachable(gold_dates: Sequence[str], published: str | None) -> bool:
    """Return whether a gold main-event day could be read from the article: not after its
    publication date (some gold days are later than the article that reports them).

    >>> gold_day_reachable(["2016-11-12"], "2016-11-08")
    False
    """
    if not published or len(published) < 10:
        return True
    return any(g[:10] <= published[:10] for g in gold_dates)


def score_document(gold: GoldDoc, pred: dict[str, Any]) -> dict[str, Any]:
    """Return the scores (Score / Rate values, plus junk names) of one prediction."""
    scores: dict[str, Any] = {}
    if "entities" in gold.parts:
        if gold.entities and all(g.start is not None for g in gold.entities):
            mentions = predicted_mentions(pred, gold.annotated_end)
            scores["entities_typed"] = entity_mention_score(gold.entities, mentions, typed=True)
            scores["entities_untyped"] = entity_mention_score(gold.entities, mentions, False)
            named = [g for g in gold.entities if not g.ignored]  # ignored names count nowhere
            if any(g.instance is not None for g in named):
                scores["duplicate_nodes"] = duplicate_mention_rate(named, mentions)
        else:
            nodes = predicted_entities(pred)
            scores["entities_typed"] = entity_name_score(gold.entities, nodes, typed=True)
            scores["entities_untyped"] = entity_name_score(gold.entities, nodes, typed=False)
            scores["duplicate_nodes"] = duplicate_entity_rate(gold.entities, nodes)
    if "junk" in gold.parts:
        nodes = predicted_entities(pred)
        junk = junk_actors(gold.junk, nodes)
        scores["junk_actors"] = Rate(len(junk), len(nodes))
        scores["junk_names"] = junk
    if "quotes" in gold.parts:
        min_words = MIN_QUOTE_WORDS if gold.dataset == "polnear" else 0
        quote, pairs = quote_score(gold.quotes, predicted_quotes(pred, min_words))
        scores["quotes"] = quote
        scores["speakers"] = speaker_accuracy(pairs)
        for kind in ("full", "partial"):
            if any(g.direct == kind for g in gold.quotes):
                scores[f"speakers_{kind}"] = speaker_accuracy(
                    (g, p) for g, p in pairs if g.direct == kind)
                scores[f"speakers_{kind}_by_name"] = speaker_accuracy(
                    ((g, p) for g, p in pairs if g.direct == kind), by_description=False)
        scores["speakers_by_name"] = speaker_accuracy(pairs, by_description=False)
    if "dates" in gold.parts:
        result = date_scores(gold.dates, predicted_dates(pred, gold.text, gold.annotated_end))
        scores["dates"] = result.spans
        scores["date_accuracy"] = result.accuracy
        scores["date_recall"] = result.recall
    if "events" in gold.parts:
        dated = [e for e in gold.events if e.dates]
        if dated:
            events = predicted_event_dates(pred)
            hits = [event_date_hit(e.dates, events) for e in dated]
            scores["event_date_hit"] = Rate(sum(hits), len(dated))
            reachable = [h for e, h in zip(dated, hits, strict=True)
                         if gold_day_reachable(e.dates, gold.published)]
            scores["event_date_hit_reachable"] = Rate(sum(reachable), len(reachable))
    if "phrases" in gold.parts:
        scores.update(phrase_actor_scores(gold.phrases, actor_mentions(pred, gold.text)))
    return scores


def pool_scores(per_doc: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return the micro-pooled scores of several documents (counts summed per part)."""
    pooled: dict[str, Any] = {}
    for scores in per_doc:
        for key, value in scores.items():
            if key in LIST_PARTS:
                pooled.setdefault(key, []).extend(value)
            elif key in pooled:
                pooled[key] = pooled[key] + value
            else:
                pooled[key] = value
    return pooled


def scores_json(pooled: dict[str, Any]) -> dict[str, Any]:
    """Return pooled scores as JSON (adds ``duplicate_free`` = 1 - duplicate rate)."""
    out: dict[str, Any] = {}
    for key, value in pooled.items():
        out[key] = value.to_json() if isinstance(value, Score | Rate) else value
    if "duplicate_nodes" in pooled:
        dup = pooled["duplicate_nodes"]
        out["duplicate_free"] = {"value": round(1 - dup.value, 4), "hits": dup.total - dup.hits,
                                 "total": dup.total}
    return out


def predict(predictor: Predictor, docs: Sequence[GoldDoc]) -> list[dict[str, Any]]:
    """Return the predictor's output for ``docs``, checking there is one dict per document."""
    preds = list(predictor(docs))
    if len(preds) != len(docs):
        raise EvalError(f"predictor returned {len(preds)} results for {len(docs)} documents")
    return preds


def evaluate_system(predictor: Predictor, docs: Sequence[GoldDoc]) -> dict[str, Any]:
    """Return the pooled JSON scores of one predictor over ``docs``."""
    return scores_json(pool_scores(score_documents(predict(predictor, docs), docs)))


def score_documents(preds: Sequence[dict[str, Any]],
                    docs: Sequence[GoldDoc]) -> list[dict[str, Any]]:
    """Return the scores of each prediction against its gold document."""
    return [score_document(g, p) for g, p in zip(docs, preds, strict=True)]


def domain_slices(per_doc: Sequence[dict[str, Any]],
                  docs: Sequence[GoldDoc]) -> dict[str, dict[str, Any]]:
    """Return the pooled JSON scores per document domain (none when no document has one)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for scores, gold in zip(per_doc, docs, strict=True):
        if gold.domain:
            groups.setdefault(gold.domain, []).append(scores)
    return {name: scores_json(pool_scores(groups[name])) for name in sorted(groups)}


def _with_event_dates(extraction, dated):
    """Return ``extraction`` with the ids and dates its events took in ``dated`` (the same
    extraction, actor-linked and event-linked across the corpus)."""
    from dataclasses import replace

    events = tuple(
        replace(e, id=d.id, date=d.date, date_precision=d.date_precision,
                date_text=d.date_text, date_basis=d.date_basis)
        for e, d in zip(extraction.events, dated.events, strict=True))
    return replace(extraction, events=events)


def kg_predictor(model: str | None = None, batch_size: int = 16) -> Predictor:
    """Return a predictor running kg's pipeline; each result is ``Extraction.to_json()``
    (whose ``dates`` list lets date normalisation be scored on every date expression).

    The documents are one corpus, as in ``kg build``: with actors linked across documents
    (:class:`kg.link.ActorLinker`), undated events take the date of the same event dated in
    another document (:class:`kg.link.EventLinker`). Actors keep the names each document
    gives them, so entities and speakers are scored per document."""

    def run(docs: Sequence[GoldDoc]) -> list[dict[str, Any]]:
        try:
            from kg.nlp import load_pipeline
            from kg.pipeline import extract_articles
        except ImportError as exc:
            raise EvalError(f"kg's extraction pipeline is not available: {exc}") from exc
        extractions = list(extract_articles(gold_articles(docs), nlp=load_pipeline(model),
                                            batch_size=batch_size))
        return corpus_predictions(extractions)

    return run


def cached_predictor(directory: Any, model: str | None = None) -> Predictor:
    """Return a predictor like :func:`kg_predictor` whose spaCy model stage is kept in
    ``directory`` (:class:`kg.doc_cache.DocCache`): the same output, the model run only on
    texts not stored yet."""

    def run(docs: Sequence[GoldDoc]) -> list[dict[str, Any]]:
        from kg.doc_cache import DocCache

        return corpus_predictions(DocCache(directory).extractions(gold_articles(docs), model))

    return run


def gold_articles(docs: Sequence[GoldDoc]) -> list[Any]:
    """Return the gold documents as :class:`kg.model.Article` records, in order."""
    from kg.model import Article

    return [Article(id=d.id, title=d.title, text=d.text, published=d.published,
                    source=d.dataset) for d in docs]


def corpus_predictions(extractions: Sequence[Any]) -> list[dict[str, Any]]:
    """Return each extraction as scored: ``to_json()`` after linking the documents as one
    corpus (actors across documents, undated events to the same event dated elsewhere)."""
    from kg.link import ActorLinker, EventLinker

    actors = ActorLinker()
    dated = EventLinker().link_batch([actors.link(x) for x in extractions])
    return [_with_event_dates(x, d).to_json() for x, d in zip(extractions, dated, strict=True)]


def run_eval(
    gold: GoldSet | Sequence[GoldDoc],
    predictor: Predictor | None = None,
    baseline: Predictor | bool = True,
    model: str | None = None,
    keep_predictions: bool = False,
) -> dict[str, Any]:
    """Return the report of kg (or ``predictor``) and, unless off, the baseline over ``gold``.

    Shape: ``{"dataset", "path", "docs", "skipped", "systems": {"kg": {...}, "baseline": {...}},
    "domains": {name: n_docs}, "slices": {name: {"kg": {...}, "baseline": {...}}}}`` where
    each system maps part names to P/R/F1 (``precision``/``recall``/``f1`` + counts) or
    rates (``value``/``hits``/``total``); ``slices`` pools the documents of each domain
    (MEANTIME corpus, CoNLL sports / other). ``predictions`` keeps each system's raw output
    per document when ``keep_predictions`` is set (for error listings).
    """
    from kg.evaluate.baseline import baseline_predictor

    docs = list(gold.docs) if isinstance(gold, GoldSet) else list(gold)
    predictors: dict[str, Predictor] = {"kg": predictor or kg_predictor(model)}
    if baseline is True:
        baseline = baseline_predictor(model)
    if baseline:
        predictors["baseline"] = baseline
    systems: dict[str, Any] = {}
    slices: dict[str, dict[str, Any]] = {}
    predictions: dict[str, list[dict[str, Any]]] = {}
    for name, run in predictors.items():
        preds = predict(run, docs)
        per_doc = score_documents(preds, docs)
        systems[name] = scores_json(pool_scores(per_doc))
        for domain, scores in domain_slices(per_doc, docs).items():
            slices.setdefault(domain, {})[name] = scores
        if keep_predictions:
            predictions[name] = preds
    dataset = gold.dataset if isinstance(gold, GoldSet) else (docs[0].dataset if docs else "")
    report = {
        "dataset": dataset,
        "path": gold.path if isinstance(gold, GoldSet) else None,
        "docs": len(docs),
        "skipped": list(gold.skipped) if isinstance(gold, GoldSet) else [],
        "systems": systems,
        "domains": dict(sorted(Counter(d.domain for d in docs if d.domain).items())),
        "slices": slices,
    }
    if keep_predictions:
        report["predictions"] = predictions
    return report
