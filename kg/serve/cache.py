"""Answers of ``kg serve`` kept for the store's current state, so a query many clients send
(a dashboard's, the example queries) runs once.

The store changes only through the endpoint's own SPARQL Update (``kg build`` refuses to write
while ``kg serve`` runs), and every update raises the endpoint's generation, which is part of
each :class:`~kg.serve.workers.Job`: an answer is therefore never served for a state it was
not computed on. Identical requests that arrive while the first is still running wait for its
answer instead of each taking a worker ("single flight"). Only complete ``200`` answers are
kept, least recently used first out, within a byte budget.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from kg.serve.endpoint import Reply
from kg.serve.workers import Job

#: Header telling clients whether the answer came from the cache (``hit``) or was computed.
CACHE_HEADER = "X-KG-Cache"


class ReplyCache:
    """Least-recently-used ``200`` replies by job, at most ``max_bytes`` of bodies in all.

    >>> cache = ReplyCache(max_bytes=10)
    >>> cache.put(Job(sparql="ASK {}"), Reply(200, "text/plain", b"true"))
    >>> cache.get(Job(sparql="ASK {}")).body
    b'true'
    >>> cache.get(Job(sparql="ASK {}", generation=1)) is None  # after an update
    True
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._replies: OrderedDict[Job, Reply] = OrderedDict()
        self._running: dict[Job, asyncio.Future[Reply]] = {}

    def __len__(self) -> int:
        return len(self._replies)

    def get(self, job: Job) -> Reply | None:
        """Return the kept reply for ``job`` (now the most recently used), or ``None``."""
        reply = self._replies.get(job)
        if reply is not None:
            self._replies.move_to_end(job)
        return reply

    def put(self, job: Job, reply: Reply) -> None:
        """Keep ``reply`` if it is a ``200`` that fits the budget, dropping the least recently
        used replies and those of older generations to make room."""
        if reply.status != 200 or len(reply.body) > self.max_bytes or job in self._replies:
            return
        for old in [j for j in self._replies if j.generation < job.generation]:
            self._drop(old)
        while self._replies and self.size + len(reply.body) > self.max_bytes:
            self._drop(next(iter(self._replies)))
        self._replies[job] = reply
        self.size += len(reply.body)

    def _drop(self, job: Job) -> None:
        self.size -= len(self._replies.pop(job).body)

    async def answer(self, job: Job, compute: Callable[[], Awaitable[Reply]]) -> Reply:
        """Return the reply for ``job``: kept, awaited from an identical running request, or
        computed by ``compute`` (and kept). The reply carries :data:`CACHE_HEADER`: ``hit``,
        ``shared`` or ``miss``."""
        kept = self.get(job)
        if kept is not None:
            return _marked(kept, "hit")
        running = self._running.get(job)
        if running is not None:
            return _marked(await asyncio.shield(running), "shared")
        future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self._running[job] = future
        try:
            reply = await compute()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: waiters re-raise it, nobody else must
            raise
        finally:
            del self._running[job]
        future.set_result(reply)
        self.put(job, reply)
        return _marked(reply, "miss")


def _marked(reply: Reply, outcome: str) -> Reply:
    return Reply(reply.status, reply.content_type, reply.body,
                 {**reply.headers, CACHE_HEADER: outcome})
