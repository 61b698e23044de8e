"""The decision step of adding articles to a large store, deciding whole components (as
before :mod:`kg.link.incremental`) and only the keys the new ones can move, on copies of one
build history, in one process; checks that both give the same decisions.

Give it the store of a ``bench_scale.py`` run (its last build added ``--last`` articles):
their actor keys are taken out of a copy of the history (the components they reach decided
again, as a build that never saw them would have them), then added back to two copies of
that, one decided each way. Also times the merge log after that addition: written whole
(before) and appended to (:mod:`kg.link.merge_log`).

    python bench/bench_decide.py /tmp/kg-scale/large --last 100
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from kg.history import DATABASE, BuildHistory, history_dir
from kg.link.incremental import decide_changes
from kg.link.index import LinkIndex
from kg.link.merge_log import merge_log_path, update_merge_log, write_merge_log
from kg.link.relink import decide_component


def _copy(source: Path, folder: Path) -> BuildHistory:
    folder.mkdir(parents=True)
    shutil.copy(source, folder / DATABASE)
    return BuildHistory(folder)


def _decisions(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("SELECT key, target, rule, name FROM actor_keys ORDER BY key").fetchall()


def _without(history: BuildHistory, last: int) -> tuple[dict[str, set], dict[str, list]]:
    """Take the ``last`` articles kept out of the link index (deciding what they reached
    again); return their actor keys and merge records."""
    index = LinkIndex(history.conn, history.rules)
    ids = [r[0] for r in history.conn.execute(
        "SELECT id FROM extractions ORDER BY rowid DESC LIMIT ?", (last,))]
    keys = {a: index.article_keys(a) for a in ids}
    merges = {a: json.loads(r[0]) for a in ids if (r := history.conn.execute(
        "SELECT records FROM merges WHERE article = ?", (a,)).fetchone())}
    seeds = set()
    for article in ids:
        seeds |= index.set_article_keys(article, set())
        index.set_merges(article, [])
    live = index.drop_unused(index.component(seeds))
    index.set_decisions(decide_component(live, history))
    history.conn.commit()
    return keys, merges


def _add(history: BuildHistory, keys: dict[str, set], incremental: bool) -> dict:
    """Add the articles' keys back and decide; return the CPU time and counts."""
    index = LinkIndex(history.conn, history.rules)
    start = time.process_time()
    seeds = set()
    for article, held in keys.items():
        seeds |= index.set_article_keys(article, held)
    added = time.process_time()
    if incremental:
        decisions = decide_changes(index, history.rules, seeds)
        reached = len(decisions)
    else:
        component = index.component(seeds)
        decisions = decide_component(index.drop_unused(component), history)
        reached = len(component)
    decided = time.process_time()
    relinked = index.set_decisions(decisions)
    history.conn.commit()
    end = time.process_time()
    return {"seed_keys": len(seeds), "keys_decided": reached, "keys_relinked": len(relinked),
            "cpu_keys": added - start, "cpu_decide": decided - added,
            "cpu_store": end - decided, "cpu": end - start}


def _merge_log(history: BuildHistory, merges: dict[str, list], work: Path) -> dict:
    """Time the merge log after adding the articles' records: whole and appended to."""
    index = LinkIndex(history.conn, history.rules)
    path = merge_log_path(work / "kg-store")
    update_merge_log(path, index)  # the log before the addition
    for article, records in merges.items():
        index.set_merges(article, records)
    history.conn.commit()
    start = time.process_time()
    write_merge_log(work / "whole.jsonl", index.merge_records())
    whole = time.process_time() - start
    start = time.process_time()
    how = update_merge_log(path, index)
    update = time.process_time() - start
    same = sorted(path.read_text().splitlines()) == sorted(
        (work / "whole.jsonl").read_text().splitlines())
    return {"cpu_whole": whole, "cpu_update": update, "how": how, "same_lines": same,
            "lines": sum(1 for _ in path.open())}


def run(store: Path, last: int) -> dict:
    source = history_dir(store) / DATABASE
    with tempfile.TemporaryDirectory(prefix="kg-decide-") as tmp:
        base = _copy(source, Path(tmp) / "base")
        keys, merges = _without(base, last)
        base.close()
        result: dict = {"articles": len(keys)}
        ways = {}
        for name, incremental in (("components", False), ("incremental", True)):
            history = _copy(Path(tmp) / "base" / DATABASE, Path(tmp) / name)
            result[name] = _add(history, keys, incremental)
            ways[name] = _decisions(history.conn)
            if incremental:
                result["merge_log"] = _merge_log(history, merges, Path(tmp))
            history.close()
        result["same_decisions"] = ways["components"] == ways["incremental"]
        result["keys"] = len(ways["components"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--last", type=int, default=100)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.store, args.last), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
