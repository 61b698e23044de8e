"""Swapping a store built in a fresh directory in for an empty one, safe against kills.

A bulk clean build (:mod:`kg.store.bulk`) fills ``<store>.bulk`` beside the store, which
stays as it was (empty) meanwhile. Then:

1. the fresh store is flushed and closed;
2. **the commit point**: one transaction of the build history records the digests of the
   articles written, their merge records and the alias rules they were linked with, clears
   the list of articles to write, and notes that ``<store>.bulk`` is to be swapped in;
3. the store moves aside to ``<store>.replaced`` and ``<store>.bulk`` takes its name (two
   renames);
4. ``<store>.replaced`` is deleted, the merge log is rewritten from the history, and the
   note is dropped.

Opening the store (:meth:`kg.store.KGStore.open`) finishes steps 3–4 if the note is there
(:func:`finish_swap`), and otherwise deletes a ``<store>.bulk`` a killed build left
(:func:`drop_unfinished`): the history then still lists the articles to write, so the next
build writes them. A kill at any step leaves the old store or the new one, never a mix, with
the history in step.
"""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

from kg.history import DATABASE, BuildHistory, history_dir


def fresh_dir(path: str | Path) -> Path:
    """Return the directory a bulk build of the store at ``path`` fills."""
    p = Path(path)
    return p.with_name(p.name + ".bulk")


def replaced_dir(path: str | Path) -> Path:
    """Return where the store at ``path`` moves while the fresh one takes its name."""
    p = Path(path)
    return p.with_name(p.name + ".replaced")


def reached(step: str) -> None:
    """Called at each step of a swap (a kill test stops the process here)."""


def swap_in(store, history: BuildHistory) -> None:
    """Commit the history of a bulk build of ``store`` (a :class:`kg.store.KGStore` on
    disk, whose fresh directory is filled and closed; the digests of the articles written
    staged in ``history``) and swap the fresh store in."""
    gc.collect()  # the fresh store's last handle: its lock goes with it
    reached("loaded")
    history.commit_written(swap=True)
    reached("committed")
    store.close()
    _finish(Path(store.path), history)
    store.reopen()


def _finish(path: Path, history: BuildHistory) -> None:
    """Do steps 3–4 of the module docstring from wherever a kill stopped them."""
    from kg.link.index import LinkIndex
    from kg.link.merge_log import merge_log_path, rewrite_merge_log

    fresh, old = fresh_dir(path), replaced_dir(path)
    if fresh.exists():
        if path.exists():
            if old.exists():
                shutil.rmtree(old)
            os.rename(path, old)
            reached("renamed-old")
        os.rename(fresh, path)
        reached("renamed-new")
    if old.exists():
        shutil.rmtree(old)
        reached("removed-old")
    rewrite_merge_log(merge_log_path(path), LinkIndex(history.conn))
    history.clear_swap()


def finish_swap(path: str | Path) -> bool:
    """Finish a swap a killed build committed (before the store at ``path`` is opened);
    return whether there was one."""
    path = Path(path)
    if not (history_dir(path) / DATABASE).exists():
        return False
    history = BuildHistory(history_dir(path))
    try:
        if not history.swap_committed():
            return False
        _finish(path, history)
        return True
    finally:
        history.close()


def drop_unfinished(path: str | Path) -> bool:
    """Delete the fresh directory of a bulk build killed before its commit point (call it
    holding the store's lock, so that no build is filling it); return whether there was one."""
    fresh = fresh_dir(path)
    if not fresh.exists():
        return False
    shutil.rmtree(fresh)
    return True


__all__ = ["drop_unfinished", "finish_swap", "fresh_dir", "reached", "replaced_dir", "swap_in"]
