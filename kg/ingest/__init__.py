"""Read news articles from files, folders or stdin into :class:`kg.model.Article` records.

Formats: plain text (``.txt``), Markdown (``.md``), HTML (``.html``/``.htm``, main text and
metadata by trafilatura), JSON Lines (``.jsonl``, one article object a line), JSON (``.json``,
one object or a list of them), web archives (``.warc``/``.warc.gz``, every HTML response an
article, streamed), feeds (``.rss``/``.atom``/``.xml``, every item an article) and web
pages fetched from a list of URLs. Articles that are not English, and copies of an article
already read, are skipped with a notice. Every bad input becomes an :class:`IngestError`
with a one-line message naming the file and the reason, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.ingest.base import (
    MAX_BYTES,
    IngestError,
    Skipped,
    _check_iso_date,
    _decode,
    _mb,
    _normalise,
    parse_date,
    remove_control_characters,
)
from kg.ingest.duplicates import SeenTexts
from kg.ingest.feeds import FEED_SUFFIXES, feed_articles
from kg.ingest.html import html_article
from kg.ingest.language import language_notice, with_language
from kg.ingest.text import _json_articles, _jsonl_articles, _plain_article
from kg.ingest.warc import WARC_SUFFIXES, warc_articles
from kg.model import Article

if TYPE_CHECKING:
    from kg.ingest.urls import FetchSettings

__all__ = [
    "MAX_BYTES", "SUFFIXES", "STDIN", "STDIN_SOURCE", "FetchSettings", "IngestError", "Skipped",
    "SeenTexts", "iter_sources", "parse_date", "read_url_list", "read_articles", "read_text",
    "remove_control_characters",
]


def __getattr__(name: str):
    """Import the web fetching (:mod:`kg.ingest.urls`) when first used: reading files never
    needs it, so ``kg extract`` starts without it."""
    if name in ("FetchSettings", "read_url_list"):
        from kg.ingest import urls

        return getattr(urls, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: File name suffixes picked up when a folder is expanded.
SUFFIXES: tuple[str, ...] = (
    ".txt", ".md", ".html", ".htm", ".jsonl", ".json", *WARC_SUFFIXES, *FEED_SUFFIXES
)
#: The path meaning "read standard input".
STDIN = "-"
#: ``Article.source`` of text read from standard input.
STDIN_SOURCE = "<stdin>"

# --------------------------------------------------------------------------- sources


def iter_sources(paths: Sequence[str]) -> Iterator[Path | str]:
    """Yield the files to read: folders expanded recursively (sorted, known suffixes only,
    hidden entries skipped), ``-`` passed through as stdin, other paths as given."""
    for p in paths:
        yield from _expand(p)


def _expand(p: str) -> Iterator[Path | str]:
    """Yield the sources one command-line path stands for."""
    if p == STDIN:
        yield STDIN
        return
    path = Path(p)
    if path.is_dir():
        yield from _files_under(path)
    else:
        yield path


def _files_under(folder: Path) -> list[Path]:
    """Return article files below ``folder``, sorted, skipping hidden files and folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append(Path(root) / name)
    return sorted(found, key=lambda f: f.relative_to(folder).parts)


# --------------------------------------------------------------------------- reading


def read_articles(
    paths: Sequence[str],
    published: str | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    urls: Sequence[str] = (),
    fetch: FetchSettings | None = None,
    seen: SeenTexts | None = None,
) -> Iterator[Article]:
    """Yield the articles found in ``paths`` (files, folders or ``-`` for stdin), then those
    of the web pages at ``urls`` (fetched as ``fetch`` says; failures go to ``on_skip``).

    ``published`` (``YYYY-MM-DD``) overrides any date found in the articles. A bad file (or
    a bad line of a ``.jsonl`` file) raises :class:`IngestError`, unless ``on_error`` is given:
    then it is called with the error and reading continues (``--keep-going``). Records left
    out on purpose (not English, non-HTML or failed WARC responses, copies and near-identical
    copies of an article read before or known to ``seen``) go to ``on_skip``.
    Raises ``ValueError`` if ``published`` is not an ISO date.
    """
    override = _check_iso_date(published) if published is not None else None
    report = on_error or _raise
    notice = on_skip or _ignore
    seen = seen if seen is not None else SeenTexts()
    for p in paths:
        count = 0
        for src in _expand(p):
            count += 1
            try:
                yield from _kept(_read_source(src, report, notice), override, seen, notice)
            except IngestError as err:
                report(err)
        if count == 0:
            report(IngestError(p, f"folder holds no article files ({', '.join(SUFFIXES)})"))
    if urls:
        from kg.ingest.urls import FetchSettings, url_articles

        pages = url_articles(list(urls), fetch or FetchSettings(), notice)
        yield from _kept(pages, override, seen, notice)


def _kept(articles: Iterator[Article], override: str | None, seen: SeenTexts,
          notice: Callable[[Skipped], None]) -> Iterator[Article]:
    """Yield the English ones of ``articles`` not copies of one read before (others go to
    ``notice``, as do kept ones that become copies of one read later), dated ``override``."""
    for article in map(with_language, articles):
        article = replace(article, published=override) if override else article
        skipped = language_notice(article) or seen.notice(article)
        for earlier in [skipped, *seen.take_notices()]:
            if earlier is not None:
                notice(earlier)
        if skipped is None:
            yield article


def read_text(text: str, source: str = STDIN_SOURCE, published: str | None = None) -> Article:
    """Return the article of plain text ``text`` (as for a ``.txt`` file named ``source``)."""
    article = _plain_article(_normalise(text), source, Path(source).name, markdown=True)
    if not article.text.strip():
        raise IngestError(source, "empty file")
    return replace(article, published=_check_iso_date(published)) if published else article


def _raise(err: IngestError) -> None:
    raise err


def _ignore(_: Skipped) -> None:
    return None


def _read_source(
    src: Path | str, report: Callable[[IngestError], None], notice: Callable[[Skipped], None]
) -> Iterator[Article]:
    """Yield the articles of one source; per-line errors go to ``report``, skipped records to
    ``notice``."""
    if src == STDIN:
        text = _decode(_read_stdin_bytes(), STDIN_SOURCE)
        yield _plain_article(text, STDIN_SOURCE, STDIN_SOURCE, markdown=True)
        return
    path = Path(src)
    source = path.as_posix()
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from warc_articles(path, source, notice)
        return
    text = _decode(_read_file_bytes(path, source), source)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        yield html_article(text, source, path.name)
    elif suffix in FEED_SUFFIXES or suffix == ".xml":
        yield from feed_articles(text, source, path.name, report)
    elif suffix == ".jsonl":
        yield from _jsonl_articles(text, source, path.name, report)
    elif suffix == ".json":
        yield from _json_articles(text, source, path.name, report)
    else:
        yield _plain_article(text, source, path.name, markdown=suffix == ".md")


def _read_file_bytes(path: Path, source: str) -> bytes:
    """Return the bytes of ``path`` or raise :class:`IngestError` (missing, too large, ...)."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IngestError(source, "is a folder")
        if size > MAX_BYTES:
            raise IngestError(source, f"file too large ({_mb(size)} > limit {_mb(MAX_BYTES)})")
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(source, "no such file") from None
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as err:
        raise IngestError(source, f"cannot read ({err.strerror or err})") from None


def _read_stdin_bytes() -> bytes:
    """Return standard input as bytes, refusing more than :data:`MAX_BYTES`."""
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_BYTES + 1) if stream is not None else sys.stdin.read().encode()
    if len(data) > MAX_BYTES:
        raise IngestError(STDIN_SOURCE, f"input too large (> limit {_mb(MAX_BYTES)})")
    return data
