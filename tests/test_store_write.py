"""Tests for kg.store_write: a batch lands whole, and a write stopped after its commit point is
finished when the store is next opened (records from tests/records.py)."""

from __future__ import annotations

import dataclasses

import pytest
from records import BRUSSELS, GENEVA, RUBIO_ID, extractions

import kg.store_write as store_write
from kg.store import KGStore

STAMP = "2025-11-25T08:00:00+00:00"


class Killed(BaseException):
    """Stands for the process dying (nothing after it runs)."""


def _renamed(x, aid):
    return dataclasses.replace(x, article=dataclasses.replace(x.article, id=aid))


@pytest.mark.parametrize("second", [[_renamed(GENEVA, "g2")], [GENEVA], [BRUSSELS, GENEVA]])
def test_a_write_killed_after_its_commit_point_is_finished_on_open(tmp_path, monkeypatch,
                                                                   second):
    expected = KGStore.open(tmp_path / "expected")
    expected.add_batch(list(extractions()), ingested_at=STAMP)
    expected.add_batch(second, ingested_at=STAMP)
    with KGStore.open(tmp_path / "killed") as store:
        store.add_batch(list(extractions()), ingested_at=STAMP)
        real = store_write.finish_staged

        def die(*args, **kwargs):
            raise Killed

        monkeypatch.setattr(store_write, "finish_staged", die)
        with pytest.raises(Killed):
            store.add_batch(second, ingested_at=STAMP)
        monkeypatch.setattr(store_write, "finish_staged", real)
    with KGStore.open(tmp_path / "killed") as store:
        assert set(store.ox) == set(expected.ox)
        rubio = next(a for a in store.known_actors() if a["id"] == RUBIO_ID)
        assert rubio["mentions"] == next(a for a in expected.known_actors()
                                         if a["id"] == RUBIO_ID)["mentions"]


def test_a_batch_touches_no_staging_graph_afterwards():
    store = KGStore.open()
    store.add_batch(list(extractions()), ingested_at=STAMP)
    store.add_batch([GENEVA], ingested_at=STAMP)
    assert not [g for g in store.ox.named_graphs()
                if g.value.startswith(store_write.STAGING_PREFIX)]
