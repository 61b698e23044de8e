"""Build or update a store from article files: ingest → extract → link → store.

Unchanged articles are skipped (by content hash); new and changed ones are extracted and kept
unlinked in the build history (:mod:`kg.history`); then every article they can affect is
linked again as a link of the whole corpus would link it (:mod:`kg.link.relink`) and the articles
whose linked form changed are rewritten, each batch in one transaction. An interrupted build
leaves only whole articles, and the store after any sequence of builds and kills equals a
clean build of the same articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from kg.copies import stored_texts, unfinished, withdraw_copies, write_copies
from kg.extract_files import extract_paths as extract_paths  # moved; kept importable
from kg.history import BuildHistory
from kg.ingest import FetchSettings, IngestError, Skipped, read_articles
from kg.link import AliasRule
from kg.link.relink import merge_count, relink
from kg.link.relink import merge_log_path as merge_log_path  # where kg.build users found it
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


def _count(report: BuildReport, replaced: bool, step: int = 1) -> None:
    if replaced:
        report.replaced += step
    else:
        report.added += step


def _uncount(report: BuildReport, store: KGStore, built: list[str],
             withdrawn: list[str]) -> None:
    """Take back the count of articles of this build that turned out to be copies of one
    read after them (they are counted as skipped)."""
    fresh = set(built)
    for article_id in withdrawn:
        if article_id in fresh:
            _count(report, store.has_article(article_id), -1)


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
    bulk: bool = True,
) -> BuildReport:
    """Ingest ``paths`` into ``store``; return a :class:`BuildReport`.

    New and changed articles are extracted and kept (unlinked) in the store's build history;
    then every article they can affect is linked again (:func:`kg.link.relink.relink`), so the
    store is the same whatever the history of builds, splits and kills that led to it.
    Articles are written ``batch_size`` at a time, each batch in one transaction (a killed
    build keeps whole articles only, and the next build finishes its work).

    Extraction runs in ``workers`` processes or on the Dask cluster at ``scheduler``
    (:mod:`kg.parallel`); records come back in input order, so the store is the same.

    Into an empty store (and unless ``bulk`` is false) the articles are written with
    Oxigraph's bulk loader into a fresh store swapped in at the end (:mod:`kg.store.swap`):
    the same store, written faster, but a build killed before the swap keeps none of its
    articles (the next build writes them all, without extracting them again).

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
    try:
        seen = stored_texts(history)
        articles = chain(read_articles(paths, published=published, on_error=on_error,
                                       on_skip=record_skip, urls=urls, fetch=fetch, seen=seen),
                         unfinished(history, seen))  # runs once reading is done
        history.add_rules(aliases)
        built: list[str] = []
        try:
            candidates = _to_extract(store, history, articles, report, built)
            for extraction in extract_in_order(candidates, workers=workers,
                                               scheduler=scheduler, model=model):
                history.keep(extraction)
                if on_article is not None:
                    on_article(extraction)
        finally:  # a build stopped by an error still stores the articles extracted before it
            _uncount(report, store, built, withdraw_copies(history))
            relink(store, history, built, batch_size, bulk=bulk and store.is_empty())
            write_copies(store, seen)
        report.merges = merge_count(history, built)
        report.triples = sum(store.article_triple_count(i) for i in built
                             if store.has_article(i))
    except IngestError as exc:  # the articles before the bad input are stored: say so
        raise stopped_error(exc, report) from None
    finally:
        history.close()
    return report


def stopped_error(error: IngestError, report: BuildReport) -> IngestError:
    """Return ``error`` saying that the build stopped there and how many articles it stored
    before it (they stay: a rerun of the fixed input adds only what is left)."""
    kept = report.added + report.replaced
    noun = "article" if kept == 1 else "articles"
    reason = (f"{error.reason}; build stopped there, {kept} {noun} before it stored "
              "(--keep-going skips bad input)")
    return IngestError(error.source, reason, line=error.line, item=error.item)


def remove_articles(store: KGStore, article_ids: Sequence[str],
                    batch_size: int = 32) -> dict[str, list[str]]:
    """Remove articles (and the actors only they mention) from ``store`` and its build
    history; return, for each removed id, the ids of its copies whose records went with it.

    The removal goes through the re-link, as a build's withdrawn articles do, so the
    articles whose links depended on a removed one are linked again, and the store equals a
    clean build without it. A removed text no longer makes later near-copies of it copies.
    Ids neither in the store nor recorded as a copy are left out of the result.
    """
    history = BuildHistory.for_store(store)
    try:
        texts = stored_texts(history)
        removed: dict[str, list[str]] = {}
        for article_id in dict.fromkeys(article_ids):
            was_copy = texts.copy(article_id) is not None
            if not (store.has_article(article_id) or was_copy):
                continue
            copies = texts.forget(article_id)
            for gone in [article_id, *copies]:
                store.replace_copy(gone, [])
            if history.kept_of([article_id]):
                history.withdraw([article_id])  # the re-link removes it from the store
            else:
                store.remove_article(article_id)  # stored without a history (kg import)
            removed[article_id] = copies
        relink(store, history, (), batch_size)
    finally:
        history.close()
    return removed
