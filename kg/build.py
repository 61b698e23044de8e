"""Build or update a store from article files: ingest → extract → link → store.

Unchanged articles are skipped (by content hash), changed ones replace their graph, and each
article is written in one transaction, so an interrupted build leaves only whole articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.ingest import IngestError, read_articles
from kg.link import ActorLinker, AliasRule, EventLinker
from kg.model import Article, Extraction
from kg.pipeline import extract_articles
from kg.rdf import content_hash
from kg.store import KGStore


@dataclass
class BuildReport:
    """What a build did: counts of added, replaced and skipped articles, and errors."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    triples: int = 0
    merges: int = 0


def merge_log_path(store_path: str | Path) -> Path:
    """Return the merge-log file kept beside a store directory."""
    p = Path(store_path)
    return p.with_name(p.name + ".merges.jsonl")


def _new_articles(store: KGStore, articles: Iterable[Article],
                  report: BuildReport) -> Iterator[Article]:
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            continue
        seen.add(article.id)
        stored = store.article_checksum(article.id)
        if stored is not None and stored == content_hash(article):
            report.unchanged += 1
            continue
        yield article


def build_store(
    paths: Sequence[str],
    store: KGStore,
    *,
    published: str | None = None,
    model: str | None = None,
    aliases: list[AliasRule] = (),
    keep_going: bool = False,
    on_article: Callable[[Extraction], None] | None = None,
    batch_size: int = 32,
) -> BuildReport:
    """Ingest ``paths`` into ``store``; return a :class:`BuildReport`.

    Articles are written ``batch_size`` at a time, each batch in one transaction (a killed
    build keeps whole articles only; at most the last batch is lost).

    Raises :class:`~kg.ingest.IngestError` on the first bad file unless ``keep_going``.
    """
    from kg.nlp import load_pipeline

    report = BuildReport()

    def record_error(error: IngestError) -> None:
        report.errors.append(str(error))

    on_error = record_error if keep_going else None
    articles = read_articles(paths, published=published, on_error=on_error)
    linker = ActorLinker(store.known_actors(), list(aliases))
    nlp = load_pipeline(model)
    batch: list[Extraction] = []
    events: EventLinker | None = None  # made for the first new article: no-op builds skip it

    def flush() -> None:
        nonlocal events
        if not batch:
            return
        if events is None:
            events = EventLinker(store.known_events())
        report.triples += store.add_batch(events.link_batch(batch))
        batch.clear()

    try:
        for extraction in extract_articles(_new_articles(store, articles, report), nlp=nlp):
            linked = linker.link(extraction)
            if store.has_article(linked.article.id):
                report.replaced += 1
            else:
                report.added += 1
            batch.append(linked)
            if len(batch) >= batch_size:
                flush()
            if on_article is not None:
                on_article(linked)
    finally:  # a build stopped by an error still keeps the whole articles extracted before it
        flush()
    if events is not None:
        relink_stored_events(store, events)
    report.merges = len(linker.log)
    if store.path is not None and linker.log:
        with merge_log_path(store.path).open("a", encoding="utf-8") as fh:
            for record in linker.log:
                fh.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
    return report


def relink_stored_events(store: KGStore, events: EventLinker) -> int:
    """Date the stored reports that a later article dates (any order, any earlier build):
    each event dated only from its publication that ``events`` knows dated elsewhere takes
    that event's id and date. Returns how many were relinked."""
    relinked = 0
    for row in store.report_dated_events():
        known = events.match(row["type"], row["actors"], row["published"], row["article"],
                             fuzzy=row["precision"] == "fuzzy")
        if known is not None and store.relink_event(row["article"], row["event"], known):
            relinked += 1
    return relinked


def extract_paths(paths: Sequence[str], *, published: str | None = None,
                  model: str | None = None, keep_going: bool = False,
                  on_error: Callable[[IngestError], None] | None = None,
                  ) -> Iterator[Extraction]:
    """Yield extractions for article files without a store, linking actors across them."""
    from kg.nlp import load_pipeline

    articles = read_articles(paths, published=published, on_error=on_error if keep_going else None)
    linker, events = ActorLinker(), EventLinker()
    for extraction in extract_articles(articles, nlp=load_pipeline(model)):
        linked = linker.link(extraction)
        events.learn(linked)
        yield events.link(linked)
