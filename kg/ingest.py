"""Read news articles from files, folders or stdin into :class:`kg.model.Article` records.

Formats: plain text (``.txt``), Markdown (``.md``), HTML (``.html``/``.htm``), JSON Lines
(``.jsonl``, one article object a line) and JSON (``.json``, one object or a list of them).
For text and Markdown the article keeps the file content exactly (BOM stripped, line endings
normalised to ``\\n``) so that character offsets refer to the file; title and publication date
are only detected from it. Every bad input becomes an :class:`IngestError` with a one-line
message naming the file and the reason, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.model import Article

#: Largest input accepted, in bytes (per file, and for stdin).
MAX_BYTES = 20 * 1024 * 1024
#: File name suffixes picked up when a folder is expanded.
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".jsonl", ".json")
#: The path meaning "read standard input".
STDIN = "-"
#: ``Article.source`` of text read from standard input.
STDIN_SOURCE = "<stdin>"

_SNIFF_BYTES = 8 * 1024
_DATE_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
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


class IngestError(Exception):
    """A file (or one line of it) that cannot be read as an article.

    ``str(err)`` is one line: ``<source>: [line N: ]<reason>``.
    """

    def __init__(self, source: str, reason: str, line: int | None = None, item: str = "line"):
        self.source = source
        self.reason = " ".join(reason.split())
        self.line = line
        where = f"{item} {line}: " if line is not None else ""
        super().__init__(f"{source}: {where}{self.reason}")


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
) -> Iterator[Article]:
    """Yield the articles found in ``paths`` (files, folders or ``-`` for stdin).

    ``published`` (``YYYY-MM-DD``) overrides any date found in the articles. A bad file (or
    a bad line of a ``.jsonl`` file) raises :class:`IngestError`, unless ``on_error`` is given:
    then it is called with the error and reading continues (``--keep-going``).
    Raises ``ValueError`` if ``published`` is not an ISO date.
    """
    override = _check_iso_date(published) if published is not None else None
    report = on_error or _raise
    for p in paths:
        count = 0
        for src in _expand(p):
            count += 1
            try:
                for article in _read_source(src, report):
                    yield replace(article, published=override) if override else article
            except IngestError as err:
                report(err)
        if count == 0:
            report(IngestError(p, f"folder holds no article files ({', '.join(SUFFIXES)})"))


def read_text(text: str, source: str = STDIN_SOURCE, published: str | None = None) -> Article:
    """Return the article of plain text ``text`` (as for a ``.txt`` file named ``source``)."""
    article = _plain_article(_normalise(text), source, Path(source).name, markdown=True)
    if not article.text.strip():
        raise IngestError(source, "empty file")
    return replace(article, published=_check_iso_date(published)) if published else article


def _raise(err: IngestError) -> None:
    raise err


def _check_iso_date(value: str) -> str:
    """Return ``value`` if it is a valid ``YYYY-MM-DD`` date, else raise ``ValueError``."""
    m = re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip())
    try:
        if not m:
            raise ValueError
        return date.fromisoformat(m.group(0)).isoformat()
    except ValueError:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _read_source(src: Path | str, report: Callable[[IngestError], None]) -> Iterator[Article]:
    """Yield the articles of one source; per-line errors go to ``report``."""
    if src == STDIN:
        text = _decode(_read_stdin_bytes(), STDIN_SOURCE)
        yield _plain_article(text, STDIN_SOURCE, STDIN_SOURCE, markdown=True)
        return
    path = Path(src)
    source = path.as_posix()
    text = _decode(_read_file_bytes(path, source), source)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        yield _html_article(text, source, path.name)
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


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _decode(data: bytes, source: str) -> str:
    """Return ``data`` decoded as UTF-8 with normalised line endings, or raise IngestError."""
    if not data.strip():
        raise IngestError(source, "empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise IngestError(source, "UTF-16 text is not supported (save the file as UTF-8)")
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise IngestError(source, "binary file (NUL bytes in the first 8 KiB)")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = bom + err.start
        raise IngestError(
            source, f"not UTF-8 text (invalid byte 0x{data[offset]:02x} at offset {offset})"
        ) from None
    text = _normalise(text)
    if not text.strip():
        raise IngestError(source, "empty file")
    return text


def _normalise(text: str) -> str:
    """Return ``text`` without a leading BOM, with ``\\n`` line endings and without control
    characters."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return remove_control_characters(text)


#: Vertical tab, form feed and NEL end a line; other C0/C1 controls (NUL included), lone
#: surrogates (from JSON escapes) and U+FFFE/U+FFFF are dropped: they carry no text and are
#: not allowed in XML (GraphML/GEXF exports) or UTF-8 (the store).
_LINE_CONTROLS = re.compile("[\x0b\x0c\x85]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def remove_control_characters(text: str) -> str:
    """Return ``text`` without control characters, except tab and line breaks.

    >>> remove_control_characters("a\\x00b\\x0cc\\td")
    'ab\\nc\\td'
    """
    return _CONTROLS.sub("", _LINE_CONTROLS.sub("\n", text))


# --------------------------------------------------------------------------- dates


def parse_date(value: str) -> str | None:
    """Return the ISO date (``YYYY-MM-DD``) written in ``value``, or ``None``.

    ISO dates and timestamps keep their calendar date; other absolute dates are parsed with
    ``dateparser`` (English, month and year required, month-only dates → the 1st).

    >>> parse_date("Nov. 24, 2025"), parse_date("2025-11-24T23:10:00-05:00"), parse_date("soon")
    ('2025-11-24', '2025-11-24', None)
    """
    value = value.strip()
    if not value:
        return None
    m = _ISO_DATE.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    import dateparser  # slow import: only when a non-ISO date needs parsing

    parsed = dateparser.parse(value, languages=["en"], settings=_DATE_SETTINGS)
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    return parsed.date().isoformat()


def _explicit_date(value: str, source: str, line: int | None, item: str = "line") -> str:
    """Return the ISO date of a metadata value, or raise IngestError naming it."""
    iso = parse_date(value)
    if iso is None:
        raise IngestError(source, f"published date is not a parseable date ({value!r})", line, item)
    return iso


# --------------------------------------------------------------------------- text, markdown


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


# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset(
    "script style nav header footer aside form noscript template svg iframe button select"
    " head".split()
)
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote pre div section article main ul ol dl dt dd table tr td"
    " th figcaption figure br hr body title".split()
)
_MAIN_TAGS = frozenset({"article", "main"})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr"})
_PUBLISHED_META: tuple[str, ...] = tuple(
    "article:published_time og:published_time datepublished date dc.date dcterms.date pubdate"
    " publishdate publication_date sailthru.date".split()
)


class _ArticleHTMLParser(HTMLParser):
    """Collect text blocks, title candidates, dates and the canonical URL of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: dict[str, int] = {}
        self.blocks: list[tuple[str, bool]] = []
        self.buffer: list[str] = []
        self.meta: dict[str, str] = {}
        self.times: list[str] = []
        self.canonical: str | None = None
        self.title_parts: list[str] = []
        self.headings: list[tuple[str, bool]] = []
        self.h1_parts: list[str] | None = None

    # state helpers
    def _depth(self, tags: Iterable[str]) -> int:
        return sum(self.open.get(t, 0) for t in tags)

    def _skipping(self) -> bool:
        skipped = self._depth(_SKIP_TAGS - {"header"})
        if self.open.get("header", 0) and not self._depth(_MAIN_TAGS):
            skipped += 1
        return skipped > 0

    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text:
            self.blocks.append((text, self._depth(_MAIN_TAGS) > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = self.canonical or a.get("href") or None
        elif tag == "time" and a.get("datetime") and not self._depth(_HIDDEN_TAGS):
            self.times.append(a["datetime"])
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "h1" and not self._depth(_HIDDEN_TAGS | {"nav", "aside", "footer"}):
            self.h1_parts = []
        if tag not in _VOID_TAGS:
            self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS or tag in _SKIP_TAGS:
            self._flush()
        if tag == "h1" and self.h1_parts is not None:
            heading = " ".join("".join(self.h1_parts).split())
            if heading:
                self.headings.append((heading, self._depth(_MAIN_TAGS) > 0))
            self.h1_parts = None
        if self.open.get(tag, 0) > 0:
            self.open[tag] -= 1

    def handle_data(self, data: str) -> None:
        if self.open.get("title", 0) and not self._depth(_HIDDEN_TAGS | {"svg"}):
            self.title_parts.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if not self._skipping():
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _html_article(markup: str, source: str, name: str) -> Article:
    """Return the article of an HTML page: main text blocks joined by blank lines."""
    parser = _ArticleHTMLParser()
    parser.feed(markup)
    parser.close()
    main = [text for text, in_main in parser.blocks if in_main]
    blocks = main or [text for text, _ in parser.blocks]
    text = "\n\n".join(blocks)
    if not text.strip():
        raise IngestError(source, "no article text after removing HTML markup")
    title = _html_title(parser) or blocks[0][:200]
    return Article(
        id=Article.make_id(name, text),
        title=title,
        text=text,
        published=_html_published(parser, source),
        source=source,
        url=parser.canonical or parser.meta.get("og:url") or None,
    )


def _html_title(parser: _ArticleHTMLParser) -> str:
    """Return the headline: the first ``<h1>`` of the article, else ``og:title``, else the
    first ``<h1>`` of the page, else ``<title>``."""
    in_main = [h for h, main in parser.headings if main]
    anywhere = [h for h, _ in parser.headings]
    page_title = " ".join("".join(parser.title_parts).split())
    candidates = (*in_main[:1], parser.meta.get("og:title", ""), *anywhere[:1], page_title)
    return next((t for t in candidates if t), "")


def _html_published(parser: _ArticleHTMLParser, source: str) -> str | None:
    """Return the page's publication date: metadata first, then the first ``<time>``."""
    for key in _PUBLISHED_META:
        if parser.meta.get(key):
            return _explicit_date(parser.meta[key], source, None)
    return next((iso for iso in map(parse_date, parser.times) if iso), None)


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
