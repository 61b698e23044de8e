"""Build or update a store from article files: ingest → extract → link → store.

Unchanged articles are skipped (by content hash); new and changed ones are extracted and kept
unlinked in the build history (:mod:`kg.history`); then the whole corpus is linked again in
article-id order and the articles whose linked form changed are rewritten, each batch in one
transaction. An interrupted build leaves only whole articles, and the store after any
sequence of builds and kills equals a clean build of the same articles.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.history import BuildHistory, linked_digest
from kg.ingest import FetchSettings, IngestError, SeenTexts, Skipped, read_articles
from kg.link import ActorLinker, AliasRule, EventLinker, MergeRecord, remap_ids
from kg.model import Article, Extraction
from kg.parallel import extract_in_order

if TYPE_CHECKING:  # kg.store and kg.rdf load pyoxigraph and rdflib: not needed by kg extract
    from kg.store import KGStore


@dataclass
class BuildReport:
    """What a build did: counts of added, replaced and skipped articles, and errors."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    notices: list[Skipped] = field(default_factory=list)
    triples: int = 0
    merges: int = 0


def merge_log_path(store_path: str | Path) -> Path:
    """Return the merge-log file kept beside a store directory."""
    p = Path(store_path)
    return p.with_name(p.name + ".merges.jsonl")


def stored_texts(store: KGStore, history: BuildHistory) -> SeenTexts:
    """Return the texts of the stored articles (from their kept extractions), so that a copy
    arriving in a later build under a new id is skipped like one within a build."""
    seen = SeenTexts()
    for article_id in sorted(set(store.article_ids()) | set(history.pending_ids)):
        data = history.raw.get(article_id)
        if data is not None:
            article = data["article"]
            seen.remember(article_id, article["text"], article.get("title", ""),
                          article.get("url") or article.get("source") or article_id)
    return seen


def _to_extract(store: KGStore, history: BuildHistory, articles: Iterable[Article],
                report: BuildReport, built: list[str]) -> Iterator[Article]:
    """Yield the articles that need extracting; count the rest (unchanged, or extracted by an
    earlier build that stopped before storing them). ``built`` collects every article id of
    this build that is new or changed."""
    from kg.rdf import content_hash

    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            continue
        seen.add(article.id)
        checksum = content_hash(article)
        stored = store.article_checksum(article.id)
        if history.has(article.id, checksum):
            if stored == checksum:
                report.unchanged += 1
            else:
                _count(report, stored is not None)
                built.append(article.id)
            continue
        _count(report, stored is not None)
        built.append(article.id)
        yield article


def _count(report: BuildReport, replaced: bool) -> None:
    if replaced:
        report.replaced += 1
    else:
        report.added += 1


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
    urls: Sequence[str] = (),
    fetch: FetchSettings | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> BuildReport:
    """Ingest ``paths`` into ``store``; return a :class:`BuildReport`.

    New and changed articles are extracted and kept (unlinked) in the store's build history;
    then every stored article is linked again in article-id order (:func:`relink_store`), so
    the store is the same whatever the history of builds, splits and kills that led to it.
    Articles are written ``batch_size`` at a time, each batch in one transaction (a killed
    build keeps whole articles only, and the next build finishes its work).

    Extraction runs in ``workers`` processes or on the Dask cluster at ``scheduler``
    (:mod:`kg.parallel`); records come back in input order, so the store is the same.

    Raises :class:`~kg.ingest.IngestError` on the first bad file unless ``keep_going`` (the
    articles read before it are stored).
    """
    report = BuildReport()

    def record_error(error: IngestError) -> None:
        report.errors.append(str(error))

    def record_skip(notice: Skipped) -> None:
        report.skipped[notice.kind] = report.skipped.get(notice.kind, 0) + 1
        report.notices.append(notice)

    on_error = record_error if keep_going else None
    history = BuildHistory.for_store(store)
    articles = read_articles(paths, published=published, on_error=on_error, on_skip=record_skip,
                             urls=urls, fetch=fetch, seen=stored_texts(store, history))
    rules_before = list(history.rules)
    history.add_rules(aliases)
    built: list[str] = []
    try:
        candidates = _to_extract(store, history, articles, report, built)
        for extraction in extract_in_order(candidates, workers=workers, scheduler=scheduler,
                                           model=model):
            history.keep(extraction)
            if on_article is not None:
                on_article(extraction)
    finally:  # a build stopped by an error still stores the articles extracted before it
        if built or history.pending or history.rules != rules_before:
            log = relink_store(store, history, set(built), batch_size)
            report.merges = sum(1 for r in log if r.article in set(built))
    report.triples = sum(store.article_triple_count(i) for i in built if store.has_article(i))
    return report


def _with_final_names(extraction: Extraction, names: dict[str, str]) -> Extraction:
    """Return ``extraction`` with every actor under the name the whole corpus gives it."""
    return remap_ids(extraction, {e.id: e.id for e in extraction.entities}, names)


def relink_store(store: KGStore, history: BuildHistory, fresh: set[str] = frozenset(),
                 batch_size: int = 32) -> list[MergeRecord]:
    """Link every stored article (and the ``fresh`` ones of this build) again from its
    unlinked extraction, in article-id order, and store those whose linked form changed;
    rewrite the merge log. Returns the merge records.

    Actor links and event ids are then decided by the whole corpus, never by which article
    was stored first: a clean build and any sequence of partial builds end with the same
    store and the same merge log.
    """
    corpus = set(store.article_ids()) | set(fresh) | set(history.pending_ids)
    history.pending, history.pending_ids = True, sorted(corpus)
    history.save()
    raw = {i: history.extraction(i) for i in sorted(corpus)}
    ids = [i for i, x in raw.items() if x is not None]
    linker = ActorLinker([], list(history.rules))
    linked = linker.link_corpus([raw[i] for i in ids])
    linked = EventLinker().link_batch([_with_final_names(x, linker.names) for x in linked])
    digests = {x.article.id: linked_digest(x) for x in linked}
    changed = [x for x in linked if history.linked.get(x.article.id) != digests[x.article.id]
               or not store.has_article(x.article.id)]
    for start in range(0, len(changed), batch_size):
        store.add_batch(changed[start:start + batch_size])
    if store.path is not None:
        write_merge_log(merge_log_path(store.path), linker.log)
    history.linked = digests
    history.pending, history.pending_ids = False, []
    history.save(keep=ids)
    return linker.log


def write_merge_log(path: Path, log: Iterable[MergeRecord]) -> None:
    """Replace the merge log with ``log`` in one step (a kill leaves the old or the new)."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for record in log:
            fh.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def extract_paths(paths: Sequence[str], *, published: str | None = None,
                  model: str | None = None, keep_going: bool = False,
                  on_error: Callable[[IngestError], None] | None = None,
                  on_skip: Callable[[Skipped], None] | None = None,
                  workers: int = 1, scheduler: str | None = None,
                  ) -> Iterator[Extraction]:
    """Yield extractions for article files without a store, linking actors across them
    (extraction in ``workers`` processes or on a Dask ``scheduler``, linking here in order)."""
    articles = read_articles(paths, published=published,
                             on_error=on_error if keep_going else None, on_skip=on_skip)
    linker, events = ActorLinker(), EventLinker()
    for extraction in extract_in_order(articles, workers=workers, scheduler=scheduler,
                                       model=model):
        linked = linker.link(extraction)
        events.learn(linked)
        yield events.link(linked)
