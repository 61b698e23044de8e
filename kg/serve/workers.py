"""Query workers: separate processes that run SPARQL on a read-only view of the store.

Oxigraph cannot cancel a running query and its parser can overflow the stack, so queries run in
worker processes: one query at a time each, with an address-space limit (``--memory-limit``).
A worker that outlives the time limit is killed (SIGKILL), which really stops the computation,
and a fresh one takes its place; a worker that dies (memory limit, crash) costs only its query.
Other clients keep being answered by the other workers meanwhile.

Workers open the store with :meth:`pyoxigraph.Store.read_only`, beside the server's own
read-write handle when updates are allowed; each job carries the store generation, and a worker
reopens its view when an update has changed the store since it last opened it.
"""

from __future__ import annotations

import gc
import json
import os
import queue
import resource
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kg.serve.endpoint import Reply, error_reply, run_query, timeout_reply

__all__ = ["Job", "WorkerPool"]


@dataclass(frozen=True)
class Job:
    """One piece of work for a worker: a SPARQL query, or a graph page (``page``)."""

    sparql: str = ""
    accept: str | None = None
    fmt: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10_000
    page: str = ""
    generation: int = 0


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # a lower hard limit is already in force
        pass


def _page(store: ox.Store, path: str, name: str) -> Reply:
    """Return the actor network (graph), timeline or all-facts page of the store."""
    from kg.graph import to_networkx
    from kg.store import KGStore
    from kg.viz import graph_page_html, timeline_page_html
    from kg.viz.actors import MAX_ACTORS

    # the actor network and the timeline draw the top actors: read only them and their facts
    G = to_networkx(KGStore(store, Path(path)), max_actors=None if name == "facts" else MAX_ACTORS)
    if name == "graph":
        text = graph_page_html(G, title="kg graph", facts_href="/facts")
    elif name == "facts":
        text = graph_page_html(G, view="facts", title="kg facts", timeline_href="/timeline")
    else:
        text = timeline_page_html(G, title="kg timeline", facts_href="/facts")
    return Reply(200, "text/html; charset=utf-8", text.encode("utf-8"))


def _execute(store: ox.Store, path: str, job: Job, allow_service: tuple[str, ...]) -> Reply:
    if job.page:
        return _page(store, path, job.page)
    return run_query(
        store, job.sparql, accept=job.accept, fmt=job.fmt,
        default_graphs=list(job.default_graphs), named_graphs=list(job.named_graphs),
        max_rows=job.max_rows, allow_service=allow_service,
    )


def worker_main(jobs: Connection, answers: Connection, path: str, memory_mb: int,
                allow_service: tuple[str, ...]) -> None:
    """Serve jobs from ``jobs`` until it closes (the body of a worker process)."""
    _limit_memory(memory_mb)
    store: ox.Store | None = None
    seen = -1
    try:
        store, seen = ox.Store.read_only(path), 0
    except (OSError, RuntimeError, ValueError):  # reported with the first job
        pass
    answers.send(READY)
    while True:
        try:
            job: Job = jobs.recv()
        except (EOFError, OSError):
            return
        try:
            if store is None or job.generation != seen:
                store = None
                gc.collect()
                store = ox.Store.read_only(path)
                seen = job.generation
            reply = _execute(store, path, job, allow_service)
        except MemoryError:
            reply = error_reply(503, f"query stopped: it needed more than the memory limit of"
                                f" {memory_mb} MiB; narrow it or add a LIMIT")
        except Exception as exc:  # noqa: BLE001 - any failure becomes the client's 500
            reply = error_reply(500, f"query failed: {type(exc).__name__}: "
                                f"{' '.join(str(exc).split())[:300]}")
        try:
            answers.send(reply)
        except (OSError, ValueError):
            return


READY = "ready"
#: Seconds a new worker may take to start (imports, opening the store); not query time.
STARTUP_LIMIT = 120.0
_ENTRY = "import sys; from kg.serve.workers import worker_process; worker_process(sys.argv)"


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection  # jobs to the worker
    answers: Connection  # replies from it
    ready: bool = False

    def wait_ready(self) -> bool:
        """Wait for the worker's start-up message; return whether it came."""
        if not self.ready:
            try:
                self.ready = self.answers.poll(STARTUP_LIMIT) and self.answers.recv() == READY
            except (EOFError, OSError):
                self.ready = False
        return self.ready


class WorkerPool:
    """A fixed number of query worker processes over the store at ``path``."""

    def __init__(self, path: str | Path, size: int, timeout: float, memory_mb: int,
                 allow_service: tuple[str, ...] = ()) -> None:
        self.path = str(path)
        self.size = max(1, size)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.allow_service = tuple(allow_service)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._live: dict[int, _Worker] = {}

    def start(self) -> None:
        """Start the workers and wait until they are ready."""
        workers = [self._spawn() for _ in range(self.size)]
        for worker in workers:
            worker.wait_ready()
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        """Start a worker as a fresh interpreter (see :func:`worker_process`): unlike
        multiprocessing it never re-imports the caller's main module, and it holds nothing of
        the server but two pipes."""
        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        settings = json.dumps({"fds": [jobs_read, answers_write], "path": self.path,
                               "memory_mb": self.memory_mb,
                               "allow_service": list(self.allow_service)})
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "RUST_BACKTRACE": "0", "PYTHONPATH": os.pathsep.join(
            [package_root, *filter(None, [os.environ.get("PYTHONPATH")])])}
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _ENTRY, settings],
                pass_fds=(jobs_read, answers_write), stdin=subprocess.DEVNULL, env=env,
            )
        finally:
            os.close(jobs_read)
            os.close(answers_write)
        worker = _Worker(process, Connection(jobs_write, readable=False),
                         Connection(answers_read, writable=False))
        self._live[id(worker)] = worker
        return worker

    def _kill(self, worker: _Worker) -> int | None:
        self._live.pop(id(worker), None)
        if worker.process.poll() is None:
            worker.process.kill()
        try:
            worker.process.wait(10)
        except subprocess.TimeoutExpired:
            pass
        worker.conn.close()
        worker.answers.close()
        return worker.process.returncode

    def _replace(self, worker: _Worker) -> tuple[_Worker | None, int | None]:
        code = self._kill(worker)
        with self._lock:
            return (None if self._closed else self._spawn()), code

    def run(self, job: Job, wait: float | None = None) -> Reply:
        """Run ``job`` on an idle worker; 503 when none frees up within ``wait`` seconds, when
        the job outlives the time limit (its worker is killed) or when the worker dies."""
        wait = self.timeout if wait is None else wait
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            return error_reply(503, f"server busy: all {self.size} query workers are running"
                               " queries; retry later", {"Retry-After": "5"})
        replacement: _Worker | None = worker
        try:
            if not worker.wait_ready():
                raise EOFError("worker did not start")
            worker.conn.send(job)
            if worker.answers.poll(self.timeout):
                return worker.answers.recv()
            replacement, _ = self._replace(worker)
            return timeout_reply(self.timeout)
        except (EOFError, OSError):
            replacement, code = self._replace(worker)
            return error_reply(503, f"query stopped: its worker died (exit {code}), most likely"
                               f" at the memory limit of {self.memory_mb} MiB; narrow the"
                               " query or add a LIMIT")
        finally:
            if replacement is not None:
                self._idle.put(replacement)

    def close(self) -> None:
        """Stop every worker (running queries are killed)."""
        with self._lock:
            self._closed = True
            workers = list(self._live.values())
        for worker in workers:
            self._kill(worker)


def worker_process(argv: list[str]) -> None:
    """Run a worker from its command line (a JSON object of settings, see ``_spawn``)."""
    settings = json.loads(argv[1])
    jobs_fd, answers_fd = settings["fds"]
    worker_main(Connection(jobs_fd, writable=False), Connection(answers_fd, readable=False),
                settings["path"], settings["memory_mb"], tuple(settings["allow_service"]))
