"""Run extraction in several local processes or on a Dask cluster, records back in input order.

Only the spaCy work is spread: articles go out in batches, and the :class:`~kg.model.Extraction`
records come back in the order the articles were read, so the one process that links and
stores them sees exactly what a single-process run would see (the store is the same for any
number of workers). At most ``2 × workers`` batches are out at a time, so memory stays flat
whatever the corpus size.

An error in the input (a bad file without ``--keep-going``) stops reading; the articles read
before it are still extracted and handed on, then the error is raised: the same records and
the same error for any number of workers.

>>> from kg.model import Article
>>> records = extract_in_order([Article("a1", "T", "Ines Okafor spoke.")], workers=2)
>>> [x.article.id for x in records]  # doctest: +SKIP
['a1']
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from kg.model import Article, Extraction

#: Articles sent to a worker in one task: large enough that sending them costs little next to
#: the NLP, small enough that every worker gets work on a short corpus.
BATCH_ARTICLES = 8
#: Batches kept in flight per worker (one running, one waiting).
IN_FLIGHT_PER_WORKER = 2
#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 10


class EngineError(RuntimeError):
    """The extraction engine cannot run (scheduler unreachable, Dask not installed)."""


def default_workers() -> int:
    """Return the number of cores this process may run on (the default ``--workers``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------- worker side

_WORKER_LOCK = threading.Lock()


def extract_batch(articles: list[Article], model: str | None,
                  disabled: str = "") -> list[Extraction]:
    """Return the extractions of a batch of articles (run in a worker process).

    ``disabled`` is the ``KG_DISABLE`` value of the process that asked, so a remote worker
    switches off the same components and rules. The pipeline is loaded once per process;
    one batch at a time runs in it (a Dask worker may have several threads).
    """
    from kg.ablation import ENV_VAR
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_articles

    with _WORKER_LOCK:
        if disabled:
            os.environ[ENV_VAR] = disabled
        else:
            os.environ.pop(ENV_VAR, None)
        return list(extract_articles(articles, nlp=load_pipeline(model)))


# --------------------------------------------------------------------------- ordering


@dataclass
class _InputError:
    """The error that stopped reading the input, raised once its articles are handed on."""

    error: Exception | None = None


def _until_error(articles: Iterable[Article], box: _InputError) -> Iterator[Article]:
    """Yield ``articles`` until the input raises; keep that error in ``box``."""
    iterator = iter(articles)
    while True:
        try:
            article = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # the caller raises it after the articles before it
            box.error = exc
            return
        yield article


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


Submit = Callable[[list[Article]], Any]  # → a future with .result()


def _ordered(batches: Iterator[list[Article]], submit: Submit, window: int
             ) -> Iterator[Extraction]:
    """Yield the records of ``batches`` in order, at most ``window`` batches in flight."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


# --------------------------------------------------------------------------- engines


@dataclass(frozen=True)
class Engine:
    """Where extraction runs: ``workers`` local processes, or a Dask ``scheduler`` address."""

    workers: int = 1
    scheduler: str | None = None
    model: str | None = None
    batch_size: int = BATCH_ARTICLES
    disabled: str = field(default_factory=lambda: os.environ.get("KG_DISABLE", ""))

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise EngineError(f"--workers must be at least 1, not {self.workers}")


def _in_process(articles: Iterable[Article], engine: Engine) -> Iterator[Extraction]:
    from kg import pipeline  # looked up at call time, so a test may patch extract_articles
    from kg.nlp import load_pipeline

    return pipeline.extract_articles(articles, nlp=load_pipeline(engine.model))


def preload(model: str | None = None) -> None:
    """Load the pipeline and the data its steps load on first use (gazetteers, the actor
    type model), so that processes forked afterwards share them instead of each loading them."""
    from kg.extract import actor_type
    from kg.extract.actor_junk import _currency_codes
    from kg.extract.countries import _country_table
    from kg.gazetteers import name_tables
    from kg.nlp import load_pipeline

    load_pipeline(model)
    name_tables().load_all()  # every bucket, not only those a first article needs
    for load in (actor_type.load_model, _currency_codes, _country_table):
        load()


@contextmanager
def _local_pool(engine: Engine) -> Iterator[tuple[Submit, int]]:
    """Yield (submit, window) over a pool of ``engine.workers`` processes.

    Where processes can be forked (Linux), the pipeline is loaded here first and the workers
    inherit it, so N workers cost one model load, not N; elsewhere each worker loads it.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        preload(engine.model)
    pool = ProcessPoolExecutor(engine.workers, mp_context=multiprocessing.get_context(method))
    try:
        yield (lambda batch: pool.submit(extract_batch, batch, engine.model, engine.disabled),
               engine.workers * IN_FLIGHT_PER_WORKER)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _dask_client(engine: Engine) -> Iterator[tuple[Submit, int]]:
    """Yield (submit, window) on the Dask cluster at ``engine.scheduler``."""
    try:
        from distributed import Client
    except ImportError:
        raise EngineError("--scheduler needs Dask: pip install 'kg[dask]'") from None
    try:
        client = Client(engine.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise EngineError(f"{engine.scheduler}: cannot reach the Dask scheduler ({reason})"
                          ) from None
    try:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        yield (lambda batch: client.submit(extract_batch, batch, engine.model, engine.disabled,
                                           pure=False),
               max(1, threads) * IN_FLIGHT_PER_WORKER)
    finally:
        client.close()


def extract_in_order(articles: Iterable[Article], workers: int = 1,
                     scheduler: str | None = None, model: str | None = None,
                     batch_size: int | None = None) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per article, in input order, extracted in this process
    (``workers=1``), in ``workers`` local processes, or on the Dask cluster at ``scheduler``
    (``tcp://HOST:8786``). A corpus of one batch is extracted here (no process start-up).
    """
    engine = Engine(workers, scheduler, model, batch_size or BATCH_ARTICLES)
    box = _InputError()
    yield from _extract(_until_error(articles, box), engine)
    if box.error is not None:
        raise box.error


def _extract(articles: Iterator[Article], engine: Engine) -> Iterator[Extraction]:
    if engine.scheduler is None and engine.workers == 1:
        yield from _in_process(articles, engine)
        return
    batches = _batches(articles, engine.batch_size)
    head = list(islice(batches, 2))
    if not head:
        return
    if len(head) == 1 and engine.scheduler is None:
        yield from _in_process(head[0], engine)
        return
    engine_context = _dask_client if engine.scheduler else _local_pool
    with engine_context(engine) as (submit, window):
        yield from _ordered(chain(head, batches), submit, window)


__all__ = ["BATCH_ARTICLES", "Engine", "EngineError", "default_workers", "extract_batch",
           "extract_in_order", "preload"]
