"""Lists of links (``kg build --urls urls.txt``) fetched with a polite HTTP client.

httpx with timeouts, retries with exponential backoff on timeouts, connection errors, 429 and
5xx, a user agent naming kg, a minimum interval between requests to one host, robots.txt
honoured, and a local cache so a re-run does not fetch a page again. Each page goes through
the HTML reader; every failure is one :class:`~kg.ingest.base.Skipped` line, never a crash.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from kg.ingest.base import MAX_BYTES, IngestError, Skipped
from kg.ingest.html import html_article
from kg.model import Article

FAILED = "failed URL"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchSettings:
    """How politely to fetch: per-request ``timeout`` (s), ``retries`` after the first try,
    ``backoff`` (s, doubled each retry), ``interval`` (s) between requests to one host, and
    the ``cache`` folder (``None``: no cache)."""

    cache: Path | None = None
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    interval: float = 1.0
    max_redirects: int = 5
    user_agent: str = field(default_factory=lambda: _user_agent())


def _user_agent() -> str:
    from kg.rdf import kg_version

    return f"kg/{kg_version()} (news knowledge graph builder; polite fetcher, honours robots.txt)"


def read_url_list(path: str) -> list[str]:
    """Return the URLs of a list file (one a line; blank lines and ``#`` comments ignored).

    Raises :class:`IngestError` if the file cannot be read.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise IngestError(path, f"cannot read URL list ({err})") from None
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]


def url_articles(urls: list[str], settings: FetchSettings,
                 notice: Callable[[Skipped], None]) -> Iterator[Article]:
    """Yield the article of each URL's page; each URL that fails goes to ``notice``."""
    with _Fetcher(settings) as fetcher:
        for url in urls:
            try:
                yield fetcher.article(url)
            except IngestError as err:
                notice(Skipped(url, FAILED, err.reason))


@dataclass(frozen=True)
class _Page:
    url: str
    status: int
    content_type: str
    fetched: str
    body: bytes


class _Fetcher:
    """One HTTP client with robots.txt, per-host pacing, retries and a cache."""

    def __init__(self, settings: FetchSettings) -> None:
        import httpx

        self.settings = settings
        self.client = httpx.Client(
            timeout=settings.timeout, follow_redirects=True,
            max_redirects=settings.max_redirects, headers={"User-Agent": settings.user_agent},
        )
        self.robots: dict[str, RobotFileParser] = {}
        self.last_request: dict[str, float] = {}

    def __enter__(self) -> _Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def article(self, url: str) -> Article:
        """Return the article at ``url`` or raise :class:`IngestError` saying why not."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise IngestError(url, "not an http(s) URL")
        page = self._cached(url) or self._fetch(url)
        if page.status != 200:
            raise IngestError(url, f"HTTP {page.status}")
        if page.content_type not in _HTML_TYPES:
            raise IngestError(url, f"not HTML ({page.content_type or 'no content type'})")
        return html_article(page.body, url, url, url=page.url, fetched=page.fetched)

    # ---------------------------------------------------------------- network
    def _fetch(self, url: str) -> _Page:
        import httpx

        if not self._allowed(url):
            raise IngestError(url, "disallowed by robots.txt")
        for attempt in range(self.settings.retries + 1):
            if attempt:
                time.sleep(self.settings.backoff * 2 ** (attempt - 1))
            try:
                response = self._get(url)
            except httpx.TooManyRedirects:
                raise IngestError(url, "too many redirects") from None
            except httpx.TimeoutException:
                reason = f"timed out after {self.settings.timeout:g} s"
                continue
            except httpx.HTTPError as err:
                reason = f"cannot fetch ({type(err).__name__})"
                continue
            if response.status_code in _RETRY_STATUS:
                reason = f"HTTP {response.status_code}"
                continue
            page = _page_of(response)
            if page.status == 200:  # a 404 may be there tomorrow: only pages are cached
                self._store(url, page)
            return page
        raise IngestError(url, f"{reason} ({self.settings.retries + 1} tries)")

    def _get(self, url: str):
        """Return the response of one GET, waiting for the host's interval first."""
        host = urlsplit(url).netloc
        wait = self.last_request.get(host, -1e9) + self.settings.interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return self.client.get(url)
        finally:
            self.last_request[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        """Return whether the host's robots.txt lets kg fetch ``url`` (no robots.txt: yes)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.robots:
            parser = RobotFileParser(root + "/robots.txt")
            try:
                response = self._get(root + "/robots.txt")
                lines = response.text.splitlines() if response.status_code == 200 else []
            except Exception:  # noqa: BLE001 - an unreachable robots.txt restricts nothing
                lines = []
            parser.parse(lines)
            self.robots[root] = parser
        return self.robots[root].can_fetch(self.settings.user_agent, url)

    # ---------------------------------------------------------------- cache
    def _cache_files(self, url: str) -> tuple[Path, Path] | None:
        if self.settings.cache is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.settings.cache / f"{key}.json", self.settings.cache / f"{key}.body"

    def _cached(self, url: str) -> _Page | None:
        files = self._cache_files(url)
        if files is None or not files[0].exists() or not files[1].exists():
            return None
        try:
            meta = json.loads(files[0].read_text(encoding="utf-8"))
            return _Page(meta["url"], meta["status"], meta["content_type"], meta["fetched"],
                         files[1].read_bytes())
        except (OSError, ValueError, KeyError):
            return None  # a damaged cache entry is fetched again

    def _store(self, url: str, page: _Page) -> None:
        files = self._cache_files(url)
        if files is None:
            return
        files[0].parent.mkdir(parents=True, exist_ok=True)
        files[1].write_bytes(page.body)
        meta = {"url": page.url, "status": page.status, "content_type": page.content_type,
                "fetched": page.fetched}
        files[0].write_text(json.dumps(meta), encoding="utf-8")  # written last: marks complete


def _page_of(response) -> _Page:
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    body = response.content[: MAX_BYTES + 1]
    if len(body) > MAX_BYTES:
        raise IngestError(str(response.url), "page too large")
    return _Page(str(response.url), response.status_code, ctype,
                 datetime.now(UTC).date().isoformat(), body)
