"""Shared pieces of the readers: the one-line :class:`IngestError`, decoding, control
characters and date parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

#: Largest input accepted, in bytes (per file, and for stdin).
MAX_BYTES = 20 * 1024 * 1024
_SNIFF_BYTES = 8 * 1024
_DATE_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


class IngestError(Exception):
    """A file (or one line of it) that cannot be read as an article.

    ``str(err)`` is one line: ``<source>: [line N: ]<reason>``.
    """

    def __init__(self, source: str, reason: str, line: int | None = None, item: str = "line"):
        self.source = source
        self.reason = " ".join(reason.split())
        self.line = line
        self.item = item
        where = f"{item} {line}: " if line is not None else ""
        super().__init__(f"{source}: {where}{self.reason}")



def _check_iso_date(value: str) -> str:
    """Return ``value`` if it is a valid ``YYYY-MM-DD`` date, else raise ``ValueError``."""
    m = re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip())
    try:
        if not m:
            raise ValueError
        return date.fromisoformat(m.group(0)).isoformat()
    except ValueError:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None



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


@dataclass(frozen=True)
class Skipped:
    """A record left out on purpose (not an error): ``kind`` counts it in the build report,
    ``str()`` is the one-line reason shown under ``--verbose``."""

    source: str
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.source}: {self.kind}" + (f" ({self.detail})" if self.detail else "")
