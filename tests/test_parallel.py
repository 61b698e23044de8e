"""Tests for kg.parallel: the same store, the same records and the same errors for any number
of workers, local processes or a Dask cluster."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import kg.parallel
from kg.build import build_store
from kg.ingest import IngestError
from kg.model import Article, Extraction
from kg.parallel import EngineError, extract_in_order
from kg.store import KGStore

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles"

FILES = {
    "a-port.txt": "Port reopens\nPublished: 2025-06-02\n\n"
                  "Mayor Ines Okafor reopened the harbour in Lagos on Monday.\n",
    "b-vote.txt": "Council votes\nPublished: 2025-06-03\n\n"
                  "The city council of Accra approved the budget on Tuesday, Kwame Mensah said.\n",
    "c-visit.txt": "Minister visits\nPublished: 2025-06-04\n\n"
                   "Minister Dara Quist visited a school in Oslo on Wednesday.\n",
    "d-empty.txt": "",
    "e-strike.txt": "Workers strike\nPublished: 2025-06-05\n\n"
                    "Dock workers in Hamburg went on strike on Thursday, union leader Jonas Brandt said.\n",
}


@pytest.fixture
def batches_of_one(monkeypatch) -> list[int]:
    """Send one article per task (so a short corpus spreads over every worker); return the
    sizes of the batches that went to a pool or cluster."""
    monkeypatch.setattr(kg.parallel, "BATCH_ARTICLES", 1)
    sent: list[int] = []
    real = kg.parallel._ordered

    def counting(batches, submit, window):
        def counted():
            for batch in batches:
                sent.append(len(batch))
                yield batch
        return real(counted(), submit, window)

    monkeypatch.setattr(kg.parallel, "_ordered", counting)
    return sent


def _quads(store_path: Path, paths: list[str], **kwargs) -> list[str]:
    """Return the N-Quads of a fresh build (build times left out), sorted."""
    with KGStore.open(store_path) as store:
        build_store(paths, store, **kwargs)
        out = store_path.with_name(store_path.name + ".nq")
        store.export(out, format="nq")
    return sorted(line for line in out.read_text(encoding="utf-8").splitlines()
                  if line.strip() and "generatedAtTime" not in line)


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory) -> list[str]:
    return _quads(tmp_path_factory.mktemp("one") / "store", [str(SAMPLE)], workers=1)


@pytest.fixture(scope="module")
def dask_scheduler(one_worker):
    """Yield the address of a Dask LocalCluster of 2 worker processes (forked from this one,
    which has loaded the pipeline, to save each worker loading it again)."""
    distributed = pytest.importorskip("distributed")
    import dask

    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["2 workers", "4 workers", "dask"])
def test_the_sample_corpus_gives_the_same_quads_whatever_the_parallelism(
        engine, one_worker, batches_of_one, tmp_path, request):
    if engine == "dask":
        options = {"scheduler": request.getfixturevalue("dask_scheduler")}
    else:
        options = {"workers": int(engine.split()[0])}
    quads = _quads(tmp_path / "store", [str(SAMPLE)], **options)
    assert len(one_worker) > 1000
    assert quads == one_worker
    assert batches_of_one == [1] * 8  # every sample article went out as its own task


def _write(folder: Path, names: list[str]) -> list[str]:
    folder.mkdir()
    for name in names:
        (folder / name).write_text(FILES[name], encoding="utf-8")
    return [str(folder)]


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_file_stops_the_build_after_storing_the_articles_before_it(
        workers, batches_of_one, tmp_path):
    paths = _write(tmp_path / "in", sorted(FILES))
    with KGStore.open(None) as store:
        with pytest.raises(IngestError, match=r"d-empty\.txt: empty file"):
            build_store(paths, store, workers=workers)
        titles = sorted(a["title"] for a in store.articles())
    assert titles == ["Council votes", "Minister visits", "Port reopens"]
    assert batches_of_one == ([] if workers == 1 else [1, 1, 1])


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_keep_going_skips_the_bad_file_with_any_number_of_workers(workers, batches_of_one,
                                                                  tmp_path):
    paths = _write(tmp_path / "in", sorted(FILES))
    with KGStore.open(None) as store:
        report = build_store(paths, store, workers=workers, keep_going=True)
        titles = sorted(a["title"] for a in store.articles())
    assert [e.rsplit("/", 1)[-1] for e in report.errors] == ["d-empty.txt: empty file"]
    assert (report.added, titles) == (4, ["Council votes", "Minister visits", "Port reopens",
                                          "Workers strike"])


def _records(count: int) -> list[Article]:
    return [Article(f"a{i}", f"Title {i}", f"Text {i}.") for i in range(count)]


def test_records_come_back_in_input_order_when_later_batches_finish_first():
    """Each batch waits until the batch after it has finished: the last finishes first."""
    batches = [[a] for a in _records(4)]
    done = [threading.Event() for _ in batches]
    finished: list[str] = []

    def work(index: int, batch: list[Article]) -> list[Extraction]:
        if index + 1 < len(batches):
            done[index + 1].wait(timeout=30)
        finished.append(batch[0].id)
        done[index].set()
        return [Extraction(article=a) for a in batch]

    with ThreadPoolExecutor(len(batches)) as pool:
        numbered = iter(range(len(batches)))
        records = list(kg.parallel._ordered(
            iter(batches), lambda batch: pool.submit(work, next(numbered), batch),
            window=len(batches)))
    assert finished == ["a3", "a2", "a1", "a0"]
    assert [x.article.id for x in records] == ["a0", "a1", "a2", "a3"]


def test_an_input_error_is_raised_after_the_articles_read_before_it(monkeypatch):
    def articles():
        yield from _records(3)
        raise IngestError("c.txt", "not UTF-8")

    def fake_extract(articles, nlp=None):
        return (Extraction(article=a) for a in articles)

    monkeypatch.setattr("kg.pipeline.extract_articles", fake_extract)
    monkeypatch.setattr("kg.nlp.load_pipeline", lambda model=None: None)
    seen: list[str] = []
    with pytest.raises(IngestError, match="not UTF-8"):
        for record in extract_in_order(articles()):
            seen.append(record.article.id)
    assert seen == ["a0", "a1", "a2"]


def test_an_unreachable_scheduler_is_a_one_line_error(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(kg.parallel, "CONNECT_TIMEOUT", 0.5)
    with pytest.raises(EngineError, match=r"^tcp://127\.0\.0\.1:9: cannot reach the Dask "
                                          r"scheduler \(.+\)$"):
        list(extract_in_order(_records(2), scheduler="tcp://127.0.0.1:9"))


@pytest.mark.parametrize("workers", [0, -2])
def test_fewer_than_one_worker_is_refused(workers):
    with pytest.raises(EngineError, match="at least 1"):
        list(extract_in_order(_records(1), workers=workers))
