"""Copies of articles in a store: each copy (the same or a near-identical text as an
article published earlier, :mod:`kg.ingest.duplicates`) is not extracted, its mentions are
not counted, and the store holds a short record of it in the graph ``kgid:graph/copies``:
its article IRI, headline, URL, date and source, and ``kg:duplicateOf`` the article it
repeats, so a researcher sees every outlet that ran the story.

The decisions live in the near-duplicate index of the build history; a build makes the
store agree with them: an article that became a copy leaves the store and the build
history (the re-link then counts its actors and events as gone), an article that stopped
being one (the text it copied changed) is extracted, and the copy records are rewritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.history import BuildHistory
from kg.ingest.duplicates import SeenTexts
from kg.model import Article

if TYPE_CHECKING:
    from kg.store import KGStore


def stored_texts(history: BuildHistory) -> SeenTexts:
    """Return the near-duplicate index of a store's build history, ranked by publication (a
    history kept before copies were ranked is signed again, once)."""
    texts = SeenTexts(history.conn, ranked=True)
    if texts.is_empty():
        for x in history.extractions(history.kept_ids()):
            texts.remember(x.article)
    return texts


def unfinished(history: BuildHistory, texts: SeenTexts) -> Iterator[Article]:
    """Yield the kept articles of the index without a kept extraction: read by a build that
    stopped before extracting them, or no longer copies (the article they copied changed)."""
    ids = [r[0] for r in history.conn.execute(
        "SELECT t.id FROM texts t WHERE t.target IS NULL AND NOT EXISTS"
        " (SELECT 1 FROM extractions e WHERE e.id = t.id) ORDER BY t.id")]
    for article_id in ids:
        article = texts.article(article_id)
        if article is not None:
            yield article


def withdraw_copies(history: BuildHistory) -> list[str]:
    """Drop from the build history the extractions of articles that are copies now, and
    mark them for the re-link (which removes them from the store); return their ids."""
    ids = [r[0] for r in history.conn.execute(
        "SELECT t.id FROM texts t JOIN extractions e ON e.id = t.id"
        " WHERE t.target IS NOT NULL ORDER BY t.id")]
    history.withdraw(ids)
    return ids


def write_copies(store: KGStore, texts: SeenTexts) -> int:
    """Write the records of new and changed copies (and drop those of articles that are no
    longer copies); return how many changed."""
    from kg.rdf import copy_triples

    done = []
    for article_id, copy in texts.unwritten():
        quads = [] if copy is None else copy_triples(copy)
        store.replace_copy(article_id, quads)
        done.append(article_id)
    with texts.conn:
        texts.set_written(done)
    return len(done)


__all__ = ["stored_texts", "unfinished", "withdraw_copies", "write_copies"]
