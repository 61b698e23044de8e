"""The merge log beside a store (``<store>.merges.jsonl``): one JSON merge record a line
(article, surface, from_id, to_id, rule), the records of every stored article.

A build appends the records its re-link added, so its cost is that of the change, not of
the corpus. The build history notes, for each article whose records changed since the log
was last written, the records the log holds for it (:meth:`kg.link.index.LinkIndex.unlogged`),
and the log's size then. Appending the new records is enough when no record went; when
some went (a key joins another actor, an article is withdrawn), their lines are filtered
out of the log in one pass that copies the other lines as they are. The lines are the same
as a clean build's, in another order: a clean build writes them by article, later builds
append theirs. Readers must not depend on the order.

Safe against kills: an append past the noted size is cut back to it and done again; a
rewrite (into a temporary file, then renamed) first clears the noted size, so a kill during
it leads to a whole rewrite from the history.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from kg.link.index import LinkIndex


def merge_log_path(store_path: str | Path) -> Path:
    """Return the merge-log file kept beside a store directory."""
    p = Path(store_path)
    return p.with_name(p.name + ".merges.jsonl")


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_merge_log(path: Path, records: Iterable[dict]) -> None:
    """Replace the merge log with ``records`` in one step (a kill leaves the old or the new)."""
    _replace(path, (_line(r) for r in records))


def _replace(path: Path, lines: Iterable[str]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.writelines(lines)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def rewrite_merge_log(path: Path, index: LinkIndex) -> None:
    """Write the whole merge log from the history's merge records."""
    index.set_logged(None)
    write_merge_log(path, index.merge_records())
    index.set_logged(path.stat().st_size)


def update_merge_log(path: Path, index: LinkIndex) -> str:
    """Bring the merge log up to the history's merge records; return how: ``unchanged``,
    ``appended``, ``filtered`` (some lines went) or ``rewritten`` (no usable log)."""
    size = index.logged_size()
    if size is None or not path.exists() or path.stat().st_size < size:
        rewrite_merge_log(path, index)
        return "rewritten"
    changes = index.unlogged()
    if not changes and path.stat().st_size == size:
        return "unchanged"
    gone, added = _difference(changes)
    if gone:
        index.set_logged(None)
        _replace(path, _filtered(path, size, gone, added))
        how = "filtered"
    else:
        with path.open("r+b") as fh:
            fh.truncate(size)  # a killed append is done again
            fh.seek(size)
            fh.write("".join(added).encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        how = "appended"
    index.set_logged(path.stat().st_size)
    return how


def _difference(changes: list[tuple[str, list[dict], list[dict]]]
                ) -> tuple[Counter, list[str]]:
    """Return the log lines that went (with their counts) and those that came, in order."""
    gone: Counter = Counter()
    added: list[str] = []
    for _article, old, new in changes:
        before, now = Counter(map(_line, old)), Counter(map(_line, new))
        gone += before - now
        extra = now - before
        for line in map(_line, new):
            if extra[line] > 0:
                extra[line] -= 1
                added.append(line)
    return gone, added


def _filtered(path: Path, size: int, gone: Counter, added: list[str]) -> Iterable[str]:
    """Yield the lines of the log's first ``size`` bytes but ``gone``, then ``added``."""
    left = Counter(gone)
    with path.open("rb") as fh:
        data = fh.read(size)
    for raw in data.decode("utf-8").splitlines(keepends=True):
        if left[raw] > 0:
            left[raw] -= 1
        else:
            yield raw
    yield from added


__all__ = ["merge_log_path", "rewrite_merge_log", "update_merge_log", "write_merge_log"]
