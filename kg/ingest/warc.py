"""Web archives (``.warc``, ``.warc.gz``, e.g. Common Crawl's CC-NEWS) read with warcio.

Every HTML ``response`` record with status 200 becomes an article (its target URL, the fetch
date standing in for a missing publication date). Records are streamed one at a time, so an
archive of any size is read in constant memory; other records are skipped and counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from kg.ingest.base import MAX_BYTES, IngestError, Skipped, parse_date
from kg.ingest.html import html_article
from kg.model import Article

WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz")
NOT_HTML = "non-HTML record"
NOT_OK = "non-200 response"
NO_TEXT = "page without article text"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_articles(path: Path, source: str, notice: Callable[[Skipped], None]) -> Iterator[Article]:
    """Yield the article of each HTML 200 response in the archive at ``path``.

    Request, metadata and other non-response records are passed over silently; responses
    that are not HTML, not status 200, too large or without text go to ``notice``.
    Raises :class:`IngestError` if the file is missing or not a WARC archive.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), 1):
                if record.format != "warc":  # warcio reads any text as an old ARC file
                    raise IngestError(source, "not a WARC archive (no WARC/1.x header)")
                if record.rec_type != "response":
                    continue
                article = _record_article(record, source, number, notice)
                if article is not None:
                    yield article
    except FileNotFoundError:
        raise IngestError(source, "no such file") from None
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except ArchiveLoadFailed as err:
        raise IngestError(source, f"not a WARC archive ({_first_line(str(err))})") from None
    if number == 0:
        raise IngestError(source, "not a WARC archive (no WARC records)")


def _record_article(record, source: str, number: int,
                    notice: Callable[[Skipped], None]) -> Article | None:
    """Return the article of one response record, or ``None`` (and a notice) to skip it."""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{source}: record {number} {url}".rstrip()
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    if status != "200":
        notice(Skipped(where, NOT_OK, f"status {status or 'none'}"))
        return None
    ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if ctype not in _HTML_TYPES:
        notice(Skipped(where, NOT_HTML, ctype or "no content type"))
        return None
    body = record.content_stream().read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        notice(Skipped(where, NO_TEXT, "page too large"))
        return None
    fetched = parse_date(record.rec_headers.get_header("WARC-Date") or "")
    try:
        return html_article(body, f"{source}#{number}", url or f"{source}#{number}", url=url,
                            fetched=fetched)
    except IngestError:
        notice(Skipped(where, NO_TEXT))
        return None


def _first_line(text: str) -> str:
    return text.strip().split("\n")[0][:200]
