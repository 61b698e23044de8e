"""What a build keeps beside the store so that every build links the whole corpus the same way.

Linking actors and events across articles depends on which articles are known. To make the
store independent of build history (split runs, kills, resumes), each build re-links *all*
stored articles from their unlinked extractions, in article-id order, and rewrites the ones
whose linked form changed. The unlinked extractions, the alias rules and the digest of each
article's linked form live in ``<store>.build/`` (in memory for a memory store):

* ``extractions.jsonl``: one unlinked extraction per line (appended before the article is
  stored, so a kill never leaves a stored article without one; the last line of an id wins);
* ``state.json``: alias rules given so far, the digest of each stored article's linked form,
  and ``pending`` (with the articles being stored) while a build is between its first write
  and its merge log.
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kg.link import AliasRule
from kg.model import (
    Article,
    DateMention,
    Entity,
    Event,
    Extraction,
    Mention,
    Participant,
    Role,
    Stance,
    Statement,
    digest,
)

_MEMORY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # memory store → history


def history_dir(store_path: str | Path) -> Path:
    """Return the folder kept beside a store directory for its build history."""
    p = Path(store_path)
    return p.with_name(p.name + ".build")


# --------------------------------------------------------------------------- JSON round trip


def extraction_to_json(x: Extraction) -> dict[str, Any]:
    """Return every field of an extraction as JSON-ready data (see :func:`extraction_from_json`)."""
    data = asdict(x)
    data.pop("meta", None)
    return data


def _mention(d: dict) -> Mention:
    return Mention(**d)


def _participants(items: Iterable[dict]) -> tuple[Participant, ...]:
    return tuple(Participant(**p) for p in items)


def extraction_from_json(d: dict[str, Any]) -> Extraction:
    """Return the extraction written by :func:`extraction_to_json`."""
    entities = tuple(Entity(**{**e, "aliases": tuple(e["aliases"]), "roles": tuple(e["roles"]),
                               "mentions": tuple(map(_mention, e["mentions"]))})
                     for e in d["entities"])
    statements = tuple(Statement(**{
        **s, "about": tuple(s["about"]), "about_ids": tuple(s["about_ids"]),
        "mention": _mention(s["mention"]), "stances": tuple(Stance(**t) for t in s["stances"])})
        for s in d["statements"])
    events = tuple(Event(**{
        **e, "participants": _participants(e["participants"]), "places": _participants(e["places"]),
        "mention": _mention(e["mention"]), "mentions": tuple(map(_mention, e["mentions"]))})
        for e in d["events"])
    roles = tuple(Role(**{**r, "mention": _mention(r["mention"])}) for r in d["roles"])
    return Extraction(article=Article(**d["article"]), entities=entities, statements=statements,
                      events=events, roles=roles, model=d["model"],
                      dates=tuple(DateMention(**m) for m in d["dates"]))


def linked_digest(x: Extraction) -> str:
    """Return a digest of an extraction's full content (what the store would hold)."""
    return digest(json.dumps(extraction_to_json(x), sort_keys=True, ensure_ascii=False),
                  length=32)


# --------------------------------------------------------------------------- the history


class BuildHistory:
    """Unlinked extractions, alias rules and linked digests of one store."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.raw: dict[str, dict[str, Any]] = {}  # article id → extraction JSON
        self.rules: list[AliasRule] = []
        self.linked: dict[str, str] = {}
        self.pending = False
        #: Articles an unfinished build was storing (the next build stores them, whatever it
        #: is given).
        self.pending_ids: list[str] = []
        if folder is not None:
            self._load(folder)

    @classmethod
    def for_store(cls, store: Any) -> BuildHistory:
        """Return the history of a :class:`~kg.store.KGStore` (kept in memory if it is)."""
        if store.path is None:
            return _MEMORY.setdefault(store, cls(None))
        return cls(history_dir(store.path))

    def _load(self, folder: Path) -> None:
        lines = folder / "extractions.jsonl"
        if lines.exists():
            for line in lines.read_text(encoding="utf-8").splitlines():
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short by a kill
                self.raw[data["article"]["id"]] = data
        state = folder / "state.json"
        if state.exists():
            data = json.loads(state.read_text(encoding="utf-8"))
            self.rules = [AliasRule(**r) for r in data.get("rules", [])]
            self.linked = data.get("linked", {})
            self.pending = bool(data.get("pending"))
            self.pending_ids = list(data.get("pending_ids", []))

    def extraction(self, article_id: str) -> Extraction | None:
        """Return the unlinked extraction kept for an article, or ``None``."""
        data = self.raw.get(article_id)
        return extraction_from_json(data) if data is not None else None

    def has(self, article_id: str, checksum: str) -> bool:
        """Return whether the kept extraction is of this exact article content."""
        from kg.rdf import content_hash

        data = self.raw.get(article_id)
        return data is not None and content_hash(Article(**data["article"])) == checksum

    def keep(self, extraction: Extraction) -> None:
        """Keep an unlinked extraction (durably, before its article is stored)."""
        data = extraction_to_json(extraction)
        self.raw[extraction.article.id] = data
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            with (self.folder / "extractions.jsonl").open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(data, ensure_ascii=False) + "\n")
                fh.flush()
                os.fsync(fh.fileno())

    def add_rules(self, rules: Iterable[AliasRule]) -> None:
        """Add alias rules; a rule for the same alias and type replaces the older one."""
        merged = {(r.alias.lower(), r.type): r for r in self.rules}
        merged.update({(r.alias.lower(), r.type): r for r in rules})
        self.rules = list(merged.values())

    def save(self, keep: Iterable[str] | None = None) -> None:
        """Write the state (and, given the ids to ``keep``, compact the extractions)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if keep is not None:
            ids = set(keep)
            self.raw = {k: v for k, v in self.raw.items() if k in ids}
            _write_atomic(self.folder / "extractions.jsonl", "".join(
                json.dumps(self.raw[k], ensure_ascii=False) + "\n" for k in sorted(self.raw)))
        state = {"rules": [asdict(r) for r in self.rules], "linked": self.linked,
                 "pending": self.pending, "pending_ids": self.pending_ids}
        _write_atomic(self.folder / "state.json", json.dumps(state, ensure_ascii=False,
                                                             sort_keys=True))


def _write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (a kill leaves the old or the new file)."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


__all__ = ["BuildHistory", "extraction_from_json", "extraction_to_json", "history_dir",
           "linked_digest"]
