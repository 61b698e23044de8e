"""Web pages: main text and metadata through trafilatura (dates by htmldate).

trafilatura removes the page furniture a news page carries around its article (cookie
banner, navigation, share bar, advertisements, newsletter box, related links, comments,
footer) even without an ``<article>`` element, keeps a number split by markup
("26.<b>8</b>") in one piece, and reads title, author, site name, canonical URL and the
publication date (JSON-LD, ``<meta>``, ``<time>``, URL) from the page.
"""

from __future__ import annotations

import logging
import re

from kg.ingest.base import IngestError, _normalise, parse_date, remove_control_characters
from kg.model import Article

#: trafilatura blocks kept as paragraphs (children of the extracted ``<body>``).
_LIST_TAGS = frozenset({"list"})
_TABLE_TAGS = frozenset({"table"})
#: Character references to NUL (HTML reads U+FFFD) and to other C0 controls (dropped):
#: lxml refuses a page holding them.
_NUL_REF = re.compile(r"&#(?:0+|[xX]0+);")
_CONTROL_REF = re.compile(
    r"&#(?:0*(?:[1-8]|1[1-24-9]|2\d|3[01]|12[7-9]|1[3-5]\d)"
    r"|[xX]0*(?:[1-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]));"
)
_LANG_ATTR = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def html_article(
    markup: str | bytes, source: str, name: str, url: str | None = None,
    fetched: str | None = None,
) -> Article:
    """Return the article of an HTML page: main text blocks joined by blank lines.

    ``url`` is where the page came from (a WARC record, a fetched link) and is used when the
    page names no canonical URL; ``fetched`` (ISO date) stands in for a page without a
    publication date. Raises :class:`IngestError` if the page holds no article text.
    """
    doc = _extract(_without_control_references(markup), url)
    blocks = _blocks(doc.body) if doc is not None and doc.body is not None else []
    text = _normalise("\n\n".join(blocks))
    if not text.strip():
        raise IngestError(source, "no article text after removing HTML markup")
    return Article(
        id=Article.make_id(name, text),
        title=_normalise(_one_line(doc.title or "")) or blocks[0][:200],
        text=text,
        published=_published(doc.date) or fetched,
        source=source,
        url=doc.url or url or None,
        author=_one_line(doc.author or "") or None,
        site=_one_line(doc.sitename or "") or None,
        language=declared_language(markup),
    )


def _without_control_references(markup: str | bytes) -> str | bytes:
    """Return ``markup`` with character references to control characters resolved."""
    if isinstance(markup, bytes):
        return markup
    return _CONTROL_REF.sub("", _NUL_REF.sub("\ufffd", remove_control_characters(markup)))


def _extract(markup: str | bytes, url: str | None):
    """Return trafilatura's document of the page (``None`` when nothing was found)."""
    import trafilatura  # slow import: only when a page is read

    try:
        return trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError):  # markup lxml cannot parse at all
        return None


def _blocks(body) -> list[str]:
    """Return the text of each paragraph, heading, list item, quote and table row."""
    blocks: list[str] = []
    for child in body:
        if child.tag in _LIST_TAGS:
            rows = [_text_of(item) for item in child.iter("item")]
        elif child.tag in _TABLE_TAGS:
            rows = [" ".join(_text_of(c) for c in row.iter("cell")) for row in child.iter("row")]
        else:
            rows = [_text_of(child)]
        blocks.extend(r for r in rows if r)
    return blocks


def _text_of(element) -> str:
    return _one_line("".join(element.itertext()))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _published(value: str | None) -> str | None:
    return parse_date(value) if value else None


def declared_language(markup: str | bytes) -> str | None:
    """Return the language the page declares (``<html lang="de-AT">`` → ``de``), or ``None``."""
    head = markup[:4096] if isinstance(markup, str) else markup[:4096].decode("latin-1")
    m = _LANG_ATTR.search(head)
    return m.group(1).lower()[:2] if m else None
