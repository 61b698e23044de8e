"""Text, Markdown and JSON / JSON Lines articles.

For text and Markdown the article keeps the file content exactly so that character offsets
refer to the file; title and publication date are only detected from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kg.ingest.base import IngestError, _explicit_date, _normalise, parse_date
from kg.model import Article

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE_IN_LINE = re.compile(
    rf"\b(?:{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)
_DASH_AFTER = re.compile(r"^\s*(?:\(\w+\)\s*)?(?:—|–|--|-)")
_META_LINE = re.compile(
    r"^\s*(?:\*\*|__)?(published(?: on| date)?|publication date|date(?:d)?)(?:\*\*|__)?\s*:\s*"
    r"(?:\*\*|__)?(.*?)(?:\*\*|__)?\s*$",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_DATELINE_LINES = 3
_META_LINES = 30


def _plain_article(text: str, source: str, name: str, markdown: bool) -> Article:
    """Return the article of a text/Markdown document; ``text`` is kept as is."""
    lines = text.split("\n")
    front = _front_matter(lines)
    title = front.get("title") or _title_of(lines, markdown)
    published = _published_of(lines, front, source)
    return Article(
        id=Article.make_id(name, text),
        title=title,
        text=text,
        published=published,
        source=source,
        url=front.get("url") or None,
    )


def _front_matter(lines: list[str]) -> dict[str, str]:
    """Return ``key: value`` pairs of a leading ``---`` block (Markdown front matter)."""
    if not lines or lines[0].strip() != "---":
        return {}
    fields: dict[str, str] = {}
    for line in lines[1:60]:
        if line.strip() in ("---", "..."):
            return fields
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return {}


def _content_lines(lines: list[str]) -> list[tuple[int, str]]:
    """Return (1-based line number, stripped text) of non-empty lines after front matter."""
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i, ln in enumerate(lines[1:], 1) if ln.strip() in ("---", "...")), 0)
        start = end + 1 if end else 0
    return [(i + 1, ln.strip()) for i, ln in enumerate(lines) if i >= start and ln.strip()]


def _title_of(lines: list[str], markdown: bool) -> str:
    """Return the title: the first non-empty, non-metadata line (Markdown ``#`` stripped).

    A leading one- or two-word section label ("News Russia") followed by a headline is
    taken for a breadcrumb and skipped.
    """
    candidates = [ln for _, ln in _content_lines(lines) if not _META_LINE.match(ln)][:2]
    if not candidates:
        return ""
    cleaned = [_clean_title(c, markdown) for c in candidates]
    if len(cleaned) == 2 and _is_breadcrumb(cleaned[0]) and _is_headline(cleaned[1]):
        return cleaned[1]
    return cleaned[0]


def _clean_title(line: str, markdown: bool) -> str:
    if markdown or _MD_HEADING.match(line):
        line = _MD_HEADING.sub("", line)
        line = re.sub(r"^(\*\*|__)(.+)\1$", r"\2", line.strip())
    return line.strip()


def _is_breadcrumb(line: str) -> bool:
    return len(line.split()) <= 2 and not line.endswith((".", "!", "?", ":", '"', "”"))


def _is_headline(line: str) -> bool:
    return 3 <= len(line.split()) <= 25 and not line.endswith(".")


def _published_of(lines: list[str], front: dict[str, str], source: str) -> str | None:
    """Return the publication date from front matter, a ``Published:`` line or a dateline."""
    for key in ("published", "date"):
        if front.get(key):
            return _explicit_date(front[key], source, None)
    content = _content_lines(lines)
    for number, line in content[:_META_LINES]:
        m = _META_LINE.match(line)
        if m and m.group(2):
            return _explicit_date(m.group(2), source, number)
    return _dateline_date(content[1 : 1 + _DATELINE_LINES])


def _dateline_date(lines: Iterable[tuple[int, str]]) -> str | None:
    """Return the date of a dateline near the top.

    A date counts when it stands on a short line ("November 24, 2025", "By A. Writer |
    Nov. 24, 2025") or is followed by a dash ("GENEVA, Nov. 24, 2025 — ..."); dates inside
    lead sentences are events, not the publication date.
    """
    for _, line in lines:
        for m in _DATE_IN_LINE.finditer(line):
            short = len(line.split()) <= 12
            if short or _DASH_AFTER.match(line[m.end() :]):
                iso = parse_date(m.group(0))
                if iso:
                    return iso
    return None


# --------------------------------------------------------------------------- JSON


def _jsonl_articles(
    text: str, source: str, name: str, report: Callable[[IngestError], None]
) -> Iterator[Article]:
    """Yield one article per non-blank line; a bad line is reported, then skipped."""
    seen: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise IngestError(source, f"malformed JSON ({err.msg})", number) from None
            article = _record_article(obj, source, name, number, "line")
            _check_unique(article.id, seen, source, number, "line")
        except IngestError as err:
            report(err)
            continue
        yield article


def _json_articles(
    text: str, source: str, name: str, report: Callable[[IngestError], None]
) -> Iterator[Article]:
    """Yield the article object, or each article of a list, of a ``.json`` file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise IngestError(
            source, f"malformed JSON ({err.msg} at line {err.lineno} column {err.colno})"
        ) from None
    if isinstance(data, dict):
        yield _record_article(data, source, name, None, "item")
        return
    if not isinstance(data, list):
        raise IngestError(source, f"expected an article object or a list, got {_kind(data)}")
    if not data:
        raise IngestError(source, "empty list of articles")
    seen: dict[str, int] = {}
    for number, obj in enumerate(data, 1):
        try:
            article = _record_article(obj, source, name, number, "item")
            _check_unique(article.id, seen, source, number, "item")
        except IngestError as err:
            report(err)
            continue
        yield article


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )


def _check_unique(id_: str, seen: dict[str, int], source: str, number: int, item: str) -> None:
    if id_ in seen:
        raise IngestError(
            source, f"duplicate article id {id_!r} (first at {item} {seen[id_]})", number, item
        )
    seen[id_] = number


def _record_article(obj: Any, source: str, name: str, number: int | None, item: str) -> Article:
    """Return the article of one JSON object with ``text`` (required), ``id``, ``title``,
    ``published``/``date`` and ``url``."""

    def fail(reason: str) -> IngestError:
        return IngestError(source, reason, number, item)

    if not isinstance(obj, dict):
        raise fail(f"expected a JSON object, got {_kind(obj)}")
    if "text" not in obj:
        raise fail("missing field 'text'")
    fields = {}
    for key in ("text", "title", "url", "published", "date"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(f"field {key!r} must be a string, got {_kind(value)}")
        fields[key] = _normalise(value) if value is not None else ""
    text = fields["text"]
    if not text.strip():
        raise fail("empty field 'text'")
    raw_date = fields["published"] or fields["date"]
    published = _explicit_date(raw_date, source, number, item) if raw_date.strip() else None
    title = fields["title"].strip() or _first_line(text)
    return Article(
        id=_record_id(obj.get("id"), name, text),
        title=title,
        text=text,
        published=published,
        source=source,
        url=fields["url"].strip() or None,
    )


def _record_id(raw: Any, name: str, text: str) -> str:
    """Return the sanitised given id, or a stable id from file name and text."""
    if isinstance(raw, str | int) and not isinstance(raw, bool):
        clean = _ID_UNSAFE.sub("-", str(raw)).strip("-")
        if clean:
            return clean
    return Article.make_id(name, text)


def _first_line(text: str) -> str:
    return next((ln.strip() for ln in text.split("\n") if ln.strip()), "")[:200]
