"""The link index kept in the build history: what each linking decision depends on, so a build
re-decides only the actors and events its new articles can reach.

Actors: each distinct actor *key* (type, name, aliases, id: :func:`kg.link.actor_key`) with
the articles that hold it, its decision (the actor it joins, the rule, the canonical name)
and its *blocks*: every value a lookup of :class:`kg.link.ActorLinker` can go through (its id,
each normalised name form, a person's surname and the deletion variants a similar surname
shares with it (:func:`kg.link.surname_keys`), a long place name's first letters, the
canonical actor of an alias rule). A decision reads only keys that share a block with it, so
the keys connected through shared blocks (a *component*) decide each other and nothing else:
deciding a component in the corpus order (:func:`kg.link.key_order`) gives the same result as
deciding the whole corpus.

Events: each article's day-dated events by (type, actor, date) and its undated reports by
(type, actor, publication day), so a change to dated events finds the reports it can date;
and the keys each article's events name, so a re-linked key finds the articles whose events
it can change without reading them.

Nothing here commits: the caller commits the index with the build history, in one step.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from kg.link import (
    LINK_DAYS,
    ActorKey,
    AliasRule,
    KnownEvent,
    best_event,
    event_actors,
    norm_form,
    report_dated,
    report_window,
    surname_keys,
)
from kg.model import Article, Event, Extraction, entity_id

_SCHEMA = """
CREATE TABLE IF NOT EXISTS actor_keys (key TEXT PRIMARY KEY, target TEXT, rule TEXT, name TEXT);
CREATE INDEX IF NOT EXISTS actor_keys_by_target ON actor_keys (target);
CREATE TABLE IF NOT EXISTS renamed (actor TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS key_articles (key TEXT, article TEXT, PRIMARY KEY (key, article))
  WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS key_articles_by_article ON key_articles (article);
CREATE TABLE IF NOT EXISTS key_blocks (block TEXT, key TEXT, PRIMARY KEY (block, key))
  WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS key_blocks_by_key ON key_blocks (key);
CREATE TABLE IF NOT EXISTS dated (article TEXT, event TEXT, type TEXT, actor TEXT, date TEXT,
  date_text TEXT, reported INTEGER, actors TEXT);
CREATE INDEX IF NOT EXISTS dated_lookup ON dated (type, actor, date);
CREATE INDEX IF NOT EXISTS dated_by_article ON dated (article);
CREATE TABLE IF NOT EXISTS undated (article TEXT, type TEXT, actor TEXT, published TEXT);
CREATE INDEX IF NOT EXISTS undated_lookup ON undated (type, actor, published);
CREATE INDEX IF NOT EXISTS undated_by_article ON undated (article);
CREATE TABLE IF NOT EXISTS event_keys (article TEXT PRIMARY KEY, keys TEXT);
CREATE TABLE IF NOT EXISTS merges (article TEXT PRIMARY KEY, records TEXT);
CREATE TABLE IF NOT EXISTS merges_unlogged (article TEXT PRIMARY KEY, records TEXT);
CREATE TABLE IF NOT EXISTS merge_log_size (size INTEGER);
"""
PLACE_PREFIX = 3


@dataclass(frozen=True)
class Decision:
    """What a key links to: the actor id (its own if none), the rule and the canonical name."""

    target: str
    rule: str
    name: str


def encode_key(key: ActorKey) -> str:
    """Return an actor key as the text stored in the index."""
    type_, name, aliases, id_ = key
    return json.dumps([type_, name, list(aliases), id_], ensure_ascii=False)


def decode_key(text: str) -> ActorKey:
    """Return the actor key stored as ``text``."""
    type_, name, aliases, id_ = json.loads(text)
    return type_, name, tuple(aliases), id_


def key_blocks(key: ActorKey, rules: dict[tuple[str, str], AliasRule]) -> set[str]:
    """Return every lookup value a decision about ``key`` (or reading ``key``) can go
    through (see the module docstring)."""
    type_, name, aliases, id_ = key
    forms = (name, *aliases)
    blocks = {f"id\x1f{id_}"} | {f"form\x1f{type_}\x1f{norm_form(f)}" for f in forms}
    for form in forms:
        rule = rules.get((norm_form(form), type_))
        if rule is not None and rule.action == "merge":
            blocks.add(f"id\x1f{entity_id(rule.type, rule.canonical)}")
        if type_ == "Place" and len(norm_form(form)) >= 8:
            blocks.add(f"place\x1f{norm_form(form)[:PLACE_PREFIX]}")
    if type_ == "Person" and name.split():
        surname = name.split()[-1]
        blocks.add(f"form\x1fPerson\x1f{norm_form(surname)}")
        blocks |= {f"sur\x1f{v}" for v in surname_keys(surname)}
    return blocks


class LinkIndex:
    """The actor and event indexes of one build history (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection, rules: Iterable[AliasRule] = ()) -> None:
        self.conn = conn
        self.rules = {(norm_form(r.alias), r.type): r for r in rules}
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)

    # -- actor keys -----------------------------------------------------------------------------

    def article_keys(self, article_id: str) -> set[ActorKey]:
        """Return the actor keys an article held when last linked."""
        rows = self.conn.execute("SELECT key FROM key_articles WHERE article = ?", (article_id,))
        return {decode_key(r[0]) for r in rows}

    def article_decisions(self, article_id: str) -> dict[ActorKey, Decision]:
        """Return the decided keys an article held when last linked, with their decisions, in
        one read (not one per key: a re-link re-reads the merge records of many articles)."""
        rows = self.conn.execute(
            "SELECT k.key, a.target, a.rule, a.name FROM key_articles k JOIN actor_keys a"
            " ON a.key = k.key WHERE k.article = ? AND a.target IS NOT NULL", (article_id,))
        return {decode_key(text): Decision(target, rule, name)
                for text, target, rule, name in rows}

    def set_article_keys(self, article_id: str, keys: set[ActorKey]) -> set[ActorKey]:
        """Record the actor keys of an article; return the keys that came or went."""
        old = self.article_keys(article_id)
        self.conn.execute("DELETE FROM key_articles WHERE article = ?", (article_id,))
        self.conn.executemany("INSERT INTO key_articles VALUES (?, ?)",
                              [(encode_key(k), article_id) for k in keys])
        for key in keys - old:
            self._add_key(key)
        return (keys - old) | (old - keys)

    def _add_key(self, key: ActorKey) -> None:
        text = encode_key(key)
        if self.conn.execute("SELECT 1 FROM actor_keys WHERE key = ?", (text,)).fetchone():
            return
        self.conn.execute("INSERT INTO actor_keys VALUES (?, NULL, NULL, NULL)", (text,))
        self.conn.executemany("INSERT OR IGNORE INTO key_blocks VALUES (?, ?)",
                              [(b, text) for b in key_blocks(key, self.rules)])

    def all_keys(self) -> set[ActorKey]:
        """Return every key in the index (when the alias rules change, all are re-decided)."""
        return {decode_key(r[0]) for r in self.conn.execute("SELECT key FROM actor_keys")}

    def reblock(self) -> None:
        """Compute every key's blocks again (after the alias rules changed)."""
        self.conn.execute("DELETE FROM key_blocks")
        for key in self.all_keys():
            self.conn.executemany("INSERT OR IGNORE INTO key_blocks VALUES (?, ?)",
                                  [(b, encode_key(key)) for b in key_blocks(key, self.rules)])

    def component(self, seeds: Iterable[ActorKey]) -> set[ActorKey]:
        """Return the keys connected to ``seeds`` through shared blocks (seeds included)."""
        found = {encode_key(k) for k in seeds}
        frontier, seen_blocks = set(found), set()
        while frontier:
            blocks = set()
            for text in frontier:
                blocks |= {r[0] for r in self.conn.execute(
                    "SELECT block FROM key_blocks WHERE key = ?", (text,))}
            blocks -= seen_blocks
            seen_blocks |= blocks
            frontier = set()
            for block in blocks:
                frontier |= {r[0] for r in self.conn.execute(
                    "SELECT key FROM key_blocks WHERE block = ?", (block,))}
            frontier -= found
            found |= frontier
        return {decode_key(t) for t in found}

    def drop_unused(self, keys: Iterable[ActorKey]) -> set[ActorKey]:
        """Drop the ``keys`` no article holds any more; return the ones still in use."""
        live = set()
        for key in keys:
            text = encode_key(key)
            if self.conn.execute("SELECT 1 FROM key_articles WHERE key = ? LIMIT 1",
                                 (text,)).fetchone():
                live.add(key)
            else:
                self.conn.execute("DELETE FROM actor_keys WHERE key = ?", (text,))
                self.conn.execute("DELETE FROM key_blocks WHERE key = ?", (text,))
        return live

    def decision(self, key: ActorKey) -> Decision | None:
        """Return the stored decision about ``key``."""
        row = self.conn.execute("SELECT target, rule, name FROM actor_keys WHERE key = ?",
                                (encode_key(key),)).fetchone()
        return Decision(*row) if row and row[0] is not None else None

    def set_decisions(self, decisions: dict[ActorKey, Decision]) -> set[ActorKey]:
        """Store decisions; return the keys whose link changed (the actor they join or the
        rule). An actor whose canonical name alone changed is recorded as renamed
        (:meth:`renamed`): its articles' graphs do not hold the name, so none is re-linked."""
        relinked = set()
        for key, new in decisions.items():
            old = self.decision(key)
            if old == new:
                continue
            if old is None or (old.target, old.rule) != (new.target, new.rule):
                relinked.add(key)
            else:
                self.conn.execute("INSERT OR IGNORE INTO renamed VALUES (?)", (new.target,))
            self.conn.execute("UPDATE actor_keys SET target = ?, rule = ?, name = ?"
                              " WHERE key = ?", (new.target, new.rule, new.name,
                                                 encode_key(key)))
        return relinked

    def renamed(self) -> list[str]:
        """Return the actors whose canonical name the store may still have to change
        (sorted ids)."""
        return [r[0] for r in self.conn.execute("SELECT actor FROM renamed ORDER BY actor")]

    def clear_renamed(self, actors: Iterable[str]) -> None:
        """Record that the store holds the current names of ``actors``."""
        self.conn.executemany("DELETE FROM renamed WHERE actor = ?", [(a,) for a in actors])

    def actor_names(self, actor: str) -> tuple[str, set[str]] | None:
        """Return an actor's canonical name and its other names (every name and alias of the
        keys that join it, held by an article, but the canonical one), as a clean build
        writes them to the actors graph; ``None`` if no article holds it."""
        name, forms = None, set()
        for key_text, key_name in self.conn.execute(
                "SELECT key, name FROM actor_keys WHERE target = ? AND EXISTS (SELECT 1 FROM"
                " key_articles WHERE key_articles.key = actor_keys.key)", (actor,)):
            _, own, aliases, _ = decode_key(key_text)
            name = key_name
            forms |= {own, *aliases}
        return None if name is None else (name, forms - {name})

    def articles_of(self, keys: Iterable[ActorKey]) -> set[str]:
        """Return the articles holding any of ``keys``."""
        out: set[str] = set()
        for key in keys:
            out |= {r[0] for r in self.conn.execute(
                "SELECT article FROM key_articles WHERE key = ?", (encode_key(key),))}
        return out

    # -- events ---------------------------------------------------------------------------------

    def set_events(self, x: Extraction) -> set[tuple[str, str, str]]:
        """Record the dated events and undated reports of an actor-linked extraction; return
        the (type, actor, date) of dated events that came or went."""
        article_id = x.article.id
        old = set(self.conn.execute("SELECT event, type, actor, date, date_text, reported,"
                                    " actors FROM dated WHERE article = ?", (article_id,)))
        new = set(dated_rows(x))
        self.conn.execute("DELETE FROM dated WHERE article = ?", (article_id,))
        self.conn.executemany("INSERT INTO dated VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              [(article_id, *row) for row in sorted(new, key=str)])
        self.conn.execute("DELETE FROM undated WHERE article = ?", (article_id,))
        self.conn.executemany("INSERT INTO undated VALUES (?, ?, ?, ?)",
                              [(article_id, *row) for row in undated_rows(x)])
        return {(r[1], r[2], r[3]) for r in old ^ new}

    def withdraw(self, article_id: str) -> set[tuple[str, str, str]]:
        """Drop an article no longer kept from the event index and the merge records; return
        the (type, actor, date) of its dated events."""
        gone = {(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT type, actor, date FROM dated WHERE article = ?", (article_id,))}
        for table in ("dated", "undated", "event_keys"):
            self.conn.execute(f"DELETE FROM {table} WHERE article = ?", (article_id,))
        self.set_merges(article_id, [])
        self.conn.execute("DELETE FROM merges WHERE article = ?", (article_id,))
        return gone

    def event_keys(self, article_id: str) -> set[ActorKey] | None:
        """Return the keys of the actors and places of an article's events, as last
        recorded (``None``: not recorded, as in an index written before they were)."""
        row = self.conn.execute("SELECT keys FROM event_keys WHERE article = ?",
                                (article_id,)).fetchone()
        return None if row is None else {decode_key(k) for k in json.loads(row[0])}

    def set_event_keys(self, article_id: str, keys: set[ActorKey]) -> None:
        """Record the keys of the actors and places of an article's events (a re-link of
        one of them can change the article's event ids and event links)."""
        text = json.dumps(sorted(encode_key(k) for k in keys), ensure_ascii=False)
        self.conn.execute("INSERT OR REPLACE INTO event_keys VALUES (?, ?)", (article_id, text))

    def keep_event_keys_of(self, version: str) -> bool:
        """Drop every article's event keys unless they follow ``version`` of their definition
        (then each is read again from its kept extraction when needed), and record it as the
        one the rows follow; return whether rows were kept."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'event_keys'").fetchone()
        if row is not None and row[0] == version:
            return True
        self.conn.execute("DELETE FROM event_keys")
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('event_keys', ?)", (version,))
        return False

    def reports_dated_by(self, type_: str, actor: str, day: str) -> set[str]:
        """Return the articles with an undated report of ``type_`` with ``actor`` published
        from ``day`` to :data:`~kg.link.LINK_DAYS` days after it."""
        from datetime import date, timedelta

        try:
            last = (date.fromisoformat(day[:10]) + timedelta(days=LINK_DAYS)).isoformat()
        except ValueError:
            return set()
        rows = self.conn.execute("SELECT article FROM undated WHERE type = ? AND actor = ?"
                                 " AND published >= ? AND published <= ?",
                                 (type_, actor, day[:10], last))
        return {r[0] for r in rows}

    def match(self, ev: Event, x: Extraction) -> KnownEvent | None:
        """Return the dated event an undated report in ``x`` stands for (as
        :meth:`kg.link.EventLinker.match` does over the whole corpus), or ``None``."""
        window = report_window(x.article.published)
        by_report = report_dated(ev, x.article)
        if not (ev.date_basis == "publication" or by_report) or ev.type == "other" or \
                window is None:
            return None
        earliest, latest = window
        actors = event_actors(ev)
        fuzzy = ev.date_precision == "fuzzy" and not by_report
        found = {}
        for actor in actors:
            for row in self.conn.execute(
                    "SELECT event, date, date_text, reported, actors, article FROM dated WHERE"
                    " type = ? AND actor = ? AND date >= ? AND date <= ? AND article != ?",
                    (ev.type, actor, earliest, latest, x.article.id)):
                if fuzzy or not row[3]:
                    known = KnownEvent(row[0], ev.type, row[1], frozenset(json.loads(row[4])),
                                       row[5], row[2], reported=bool(row[3]))
                    found[row] = known  # one per row: best_event decides
        return best_event(found.values(), actors)

    # -- merge log ------------------------------------------------------------------------------

    def set_merges(self, article_id: str, records: list[dict]) -> None:
        """Record the merge records of one article; when they change, note the ones the
        merge log holds for it (:meth:`unlogged`)."""
        row = self.conn.execute("SELECT records FROM merges WHERE article = ?",
                                (article_id,)).fetchone()
        text = json.dumps(records, ensure_ascii=False)
        if (row[0] if row else "[]") != text:
            self.conn.execute("INSERT OR IGNORE INTO merges_unlogged VALUES (?, ?)",
                              (article_id, row[0] if row else "[]"))
        self.conn.execute("INSERT OR REPLACE INTO merges VALUES (?, ?)", (article_id, text))

    def merge_total(self, article_id: str) -> int:
        """Return the number of merge records of one article."""
        row = self.conn.execute("SELECT records FROM merges WHERE article = ?",
                                (article_id,)).fetchone()
        return len(json.loads(row[0])) if row else 0

    def merge_records(self) -> Iterable[dict]:
        """Yield every merge record, by article id."""
        for (records,) in self.conn.execute("SELECT records FROM merges ORDER BY article"):
            yield from json.loads(records)

    def unlogged(self) -> list[tuple[str, list[dict], list[dict]]]:
        """Return (article, records in the merge log, records now) for each article whose
        merge records changed since the log was last written (by article id)."""
        rows = self.conn.execute(
            "SELECT u.article, u.records, m.records FROM merges_unlogged u LEFT JOIN merges m"
            " ON m.article = u.article ORDER BY u.article")
        return [(a, json.loads(old), json.loads(new or "[]")) for a, old, new in rows]

    def logged_size(self) -> int | None:
        """Return the size of the merge log as last written (``None``: unknown, or a
        rewrite was started)."""
        row = self.conn.execute("SELECT size FROM merge_log_size").fetchone()
        return row[0] if row else None

    def set_logged(self, size: int | None) -> None:
        """Record the merge log's size; a size (the log holds every record) also clears
        the notes of :meth:`unlogged`. Commits."""
        with self.conn:
            self.conn.execute("DELETE FROM merge_log_size")
            if size is not None:
                self.conn.execute("INSERT INTO merge_log_size VALUES (?)", (size,))
                self.conn.execute("DELETE FROM merges_unlogged")


def in_event_index(ev: Event, article: Article) -> bool:
    """Return whether an event can be a row of the event index (a day-dated event, or a
    report that may take another article's date, :meth:`LinkIndex.match`): only then do
    its participants other than the agents count in linking it."""
    if ev.type == "other":
        return False
    return _day_dated(ev) or ev.date_basis == "publication" or report_dated(ev, article)


def _day_dated(ev: Event) -> bool:
    return ev.date_precision == "day" and ev.date_basis in ("text", "context", "publication") \
        and ev.type != "other" and bool(ev.date)


def dated_rows(x: Extraction) -> list[tuple]:
    """Return the index rows of the day-dated events an actor-linked extraction reports
    (what :meth:`kg.link.EventLinker.learn` learns): one per event and actor."""
    rows = []
    for ev in x.events:
        if _day_dated(ev):
            actors = event_actors(ev)
            encoded = json.dumps(sorted(actors))
            reported = ev.date_basis == "publication" or report_dated(ev, x.article)
            rows += [(ev.id, ev.type, actor, ev.date, ev.date_text, int(reported), encoded)
                     for actor in sorted(actors)]
    return rows


def undated_rows(x: Extraction) -> list[tuple]:
    """Return the index rows of the reports in ``x`` that may take another article's date."""
    published = (x.article.published or "")[:10]
    if not published:
        return []
    return sorted({(ev.type, actor, published) for ev in x.events
                   if (ev.date_basis == "publication" or report_dated(ev, x.article))
                   and ev.type != "other"
                   for actor in event_actors(ev)})


__all__ = ["Decision", "LinkIndex", "decode_key", "encode_key", "in_event_index",
           "key_blocks"]
