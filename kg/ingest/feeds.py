"""RSS and Atom feeds read with feedparser: each item an article from its content (or
summary, HTML removed), with its link and date."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from kg.ingest.base import IngestError, _normalise, parse_date
from kg.model import Article

FEED_SUFFIXES: tuple[str, ...] = (".rss", ".atom")


def feed_articles(
    text: str, source: str, name: str, report: Callable[[IngestError], None]
) -> Iterator[Article]:
    """Yield one article per feed item; an item without text is reported, then skipped.

    Raises :class:`IngestError` if ``text`` is not an RSS or Atom feed.
    """
    import feedparser

    feed = feedparser.parse(text)
    if not feed.get("version") and not feed.entries:
        reason = getattr(feed.get("bozo_exception"), "getMessage", lambda: "")()
        raise IngestError(source, "not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    site = _one_line(feed.feed.get("title", "")) or None
    for number, entry in enumerate(feed.entries, 1):
        try:
            yield _entry_article(entry, source, name, number, site)
        except IngestError as err:
            report(err)


def _entry_article(entry, source: str, name: str, number: int, site: str | None) -> Article:
    """Return the article of one feed item."""
    text = _normalise(_entry_text(entry))
    if not text.strip():
        raise IngestError(source, "item has no content or summary", number, "item")
    link = entry.get("link") or None
    title = _one_line(_strip_html(entry.get("title", ""))) or text.split("\n")[0][:200]
    return Article(
        id=Article.make_id(f"{name}#{link or number}", text),
        title=title,
        text=text,
        published=_entry_date(entry),
        source=f"{source}#{number}",
        url=link,
        author=_one_line(entry.get("author", "")) or None,
        site=site,
    )


def _entry_text(entry) -> str:
    """Return the item's longest content (``content:encoded``, Atom content), else summary,
    as paragraphs of plain text."""
    contents = [c.get("value", "") for c in entry.get("content", [])]
    best = max(contents, key=len, default="") or entry.get("summary", "")
    return _strip_html(best)


def _strip_html(markup: str) -> str:
    """Return the paragraphs of an HTML fragment as text (blank line between blocks)."""
    if "<" not in markup:
        return "\n\n".join(p.strip() for p in markup.split("\n\n") if p.strip())
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types for broken fragments
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    blocks = root.xpath("./p|./h1|./h2|./h3|./h4|./li|./ul/li|./ol/li|./blockquote|./div")
    texts = [_one_line(b.text_content()) for b in blocks] if blocks else []
    return "\n\n".join(t for t in texts if t) or _one_line(root.text_content())


def _entry_date(entry) -> str | None:
    """Return the item's publication (else update) date as an ISO date."""
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    for key in ("published", "updated"):
        if entry.get(key):
            return parse_date(entry[key])
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())
