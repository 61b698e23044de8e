"""Our plain gold format (the seed article, the written set, a user's own file): one JSON
record per article with its text (or ``text_file``) and the entities, quotes, dates, events
and junk it annotates; :func:`kg.evaluate.adapters.load_gold` reads it for ``plain``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.evaluate.adapters import GoldDate, GoldDoc, GoldEntity, GoldEvent, GoldQuote


class MissingTextError(LookupError):
    """Raised when a plain gold record's ``text_file`` cannot be found."""


def resolve_text_file(name: str, base: Path) -> Path | None:
    """Return the text file path relative to ``base`` (the gold file's folder), else the CWD."""
    for candidate in (base / name, Path.cwd() / name, Path(name)):
        if candidate.is_file():
            return candidate
    return None


def _strings(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in (values or ()) if v is not None and str(v).strip())


def plain_doc(record: dict[str, Any], base: Path) -> GoldDoc:
    """Return a document of our plain gold format; ``base`` resolves ``text_file``."""
    if "text" in record and record["text"] is not None:
        text = record["text"]
    elif record.get("text_file"):
        found = resolve_text_file(record["text_file"], base)
        if found is None:
            raise MissingTextError(f"text file {record['text_file']!r} not found")
        text = found.read_text(encoding="utf-8")
    else:
        raise ValueError("record has neither 'text' nor 'text_file'")
    gold = record.get("gold") or {}
    entities = plain_entities(gold.get("entities", []))
    quotes = tuple(
        GoldQuote(quote=q["quote"], speaker=q.get("speaker"), start=q.get("start"),
                  end=q.get("end"))
        for q in gold.get("quotes", [])
    )
    dates = tuple(
        GoldDate(text=d["text"], value=d.get("iso") or d.get("value") or "",
                 start=d.get("start"), end=d.get("end"))
        for d in gold.get("dates", [])
    )
    events = tuple(
        GoldEvent(dates=_strings(e.get("dates") or [e.get("date")]), what=e.get("what"))
        for e in gold.get("events", [])
    )
    parts = {k for k in ("entities", "quotes", "dates", "events", "junk") if k in gold}
    return GoldDoc(
        id=str(record.get("id") or record.get("text_file") or "doc"),
        text=text,
        published=record.get("published"),
        title=record.get("title") or "",
        entities=entities,
        quotes=quotes,
        dates=dates,
        events=events,
        junk=_strings(gold.get("junk")),
        parts=frozenset(parts),
        dataset="plain",
        domain=record.get("domain") or None,
    )


def plain_entities(items: Iterable[dict[str, Any]]) -> tuple[GoldEntity, ...]:
    """Return plain gold entities: names with aliases, or mentions with offsets when every
    item has them (``instance`` groups one entity's mentions; else the name does)."""
    items = list(items)
    spans = bool(items) and all(e.get("start") is not None and e.get("end") is not None
                                for e in items)
    return tuple(
        GoldEntity(
            text=e["text"],
            types=tuple(e["types"]) if e.get("types") is not None
            else (e["type"],) if e.get("type") else (),
            aliases=_strings(e.get("aliases")),
            start=int(e["start"]) if spans else None,
            end=int(e["end"]) if spans else None,
            instance=str(e.get("instance") or e["text"]),
            ignored=bool(e.get("ignored")),
        )
        for e in items
    )

