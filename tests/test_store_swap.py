"""A bulk build killed at any step (a real process stopped with ``os._exit``) leaves, once the
store is opened again, the old store (empty, the build to redo) or the new one, whole, with
the build history and the merge log in step: never a mix (articles written for the test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_store_bulk import (
    BUILD,
    CORPUS,
    kept_records,
    replaying,
    snapshot,
    write_corpus,
)

from kg.build import build_store
from kg.history import BuildHistory, history_dir
from kg.store import KGStore
from kg.store.swap import fresh_dir, replaced_dir

ROOT = Path(__file__).resolve().parents[1]

# Runs a bulk build that replays kept records and stops the process dead (no cleanup, no
# flush: os._exit) at the named step: "load-N" after the N-th bulk load of the fresh store,
# or a step of kg.store.swap.swap_in.
CHILD = textwrap.dedent("""
    import json, os, sys
    import kg.store.bulk, kg.store.swap
    from kg.build import build_store
    from kg.history import extraction_from_json
    from kg.store import KGStore

    store_path, corpus, records_path, step = sys.argv[1:5]
    with open(records_path, encoding="utf-8") as fh:
        records = {r["article"]["id"]: r for r in map(json.loads, fh)}

    def replay(articles, **_):
        for article in articles:
            yield extraction_from_json(records[article.id])

    def stop(at):
        if at == step:
            os._exit(9)

    sys.modules["kg.build"].extract_in_order = replay
    kg.store.bulk.BUFFER_QUADS = 60  # several bulk loads
    kg.store.bulk.loaded = lambda n: stop(f"load-{n}")
    kg.store.swap.reached = stop
    with KGStore.open(store_path) as store:
        build_store([corpus], store, batch_size=2)
    sys.exit(3)  # the step was never reached
""")

ROLLED_BACK = ["load-1", "load-3", "loaded"]
FINISHED = ["committed", "renamed-old", "renamed-new", "removed-old"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("swap") / "articles")


@pytest.fixture(scope="module")
def extracted(corpus, tmp_path_factory) -> tuple[dict, Path]:
    """The corpus extracted once (spaCy), and its records as JSON Lines."""
    path = tmp_path_factory.mktemp("extracted") / "kg-store"
    with KGStore.open(path) as store:
        build_store([str(corpus)], store, bulk=False)
    records = kept_records(path)
    lines = path.with_name("records.jsonl")
    lines.write_text("".join(json.dumps(r) + "\n" for r in records.values()), encoding="utf-8")
    return records, lines


@pytest.fixture(scope="module")
def clean(corpus, extracted, tmp_path_factory):
    """The store the batch writer makes of the corpus (batch size 2, as the child's)."""
    path = tmp_path_factory.mktemp("clean") / "kg-store"
    with pytest.MonkeyPatch.context() as patch, KGStore.open(path) as store:
        patch.setattr(BUILD, "extract_in_order", replaying(extracted[0]))
        build_store([str(corpus)], store, batch_size=2, bulk=False)
    return snapshot(path)


def _killed_build(path: Path, corpus: Path, records: Path, step: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, "-c", CHILD, str(path), str(corpus), str(records),
                            step], env=env, capture_output=True, text=True, timeout=600)
    assert child.returncode == 9, child.stderr[-2000:]


def _history(path: Path) -> tuple[list[str], bool, list[str]]:
    """Return the articles left to write, whether a swap is committed, the digested ids."""
    history = BuildHistory(history_dir(path))
    try:
        digested = [i for i in history.kept_ids() if history.linked_digest(i)]
        return history.pending_ids, history.swap_committed(), digested
    finally:
        history.close()


@pytest.mark.parametrize("step", ROLLED_BACK)
def test_a_build_killed_before_its_commit_point_is_undone(corpus, extracted, clean,
                                                          tmp_path, monkeypatch, step):
    records, lines = extracted
    path = tmp_path / "kg-store"
    _killed_build(path, corpus, lines, step)
    assert fresh_dir(path).exists()  # the killed build left its fresh store
    with KGStore.open(path) as store:
        assert store.is_empty()  # the old store: nothing of the killed build
    assert not fresh_dir(path).exists() and not replaced_dir(path).exists()
    pending, committed, digested = _history(path)
    assert sorted(pending) == sorted(records) and not committed and digested == []
    assert not path.with_name("kg-store.merges.jsonl").exists()
    monkeypatch.setattr(BUILD, "extract_in_order", replaying(records))
    with KGStore.open(path) as store:  # the next build writes it all (no extraction)
        report = build_store([str(corpus)], store, batch_size=2)
    assert report.added == len(CORPUS)
    assert snapshot(path) == clean


@pytest.mark.parametrize("step", FINISHED)
def test_a_build_killed_after_its_commit_point_is_finished_on_opening(corpus, extracted,
                                                                      clean, tmp_path,
                                                                      monkeypatch, step):
    records, lines = extracted
    path = tmp_path / "kg-store"
    _killed_build(path, corpus, lines, step)
    assert _history(path)[1]  # the swap is committed, not finished
    assert snapshot(path) == clean  # opening finishes it: the whole new store
    assert not fresh_dir(path).exists() and not replaced_dir(path).exists()
    pending, committed, digested = _history(path)
    assert pending == [] and not committed and sorted(digested) == sorted(records)
    monkeypatch.setattr(BUILD, "extract_in_order", replaying(records))
    with KGStore.open(path) as store:
        report = build_store([str(corpus)], store, batch_size=2)
    assert (report.added, report.unchanged) == (0, len(CORPUS))
    assert snapshot(path) == clean


def test_every_step_of_the_swap_is_tested():
    """The kill points above are the steps :mod:`kg.store.swap` reports, in order."""
    import inspect

    import kg.store.swap

    source = inspect.getsource(kg.store.swap)
    steps = [s for s in ROLLED_BACK + FINISHED if not s.startswith("load-")]
    assert [s for s in steps if f'reached("{s}")' in source] == steps
    assert [source.index(f'reached("{s}")') for s in steps] == sorted(
        source.index(f'reached("{s}")') for s in steps)
