"""The answer cache of ``kg serve``: budget, generations and single flight."""

from __future__ import annotations

import asyncio

import pytest

from kg.serve.cache import CACHE_HEADER, ReplyCache
from kg.serve.endpoint import Reply
from kg.serve.workers import Job


def _reply(body: bytes, status: int = 200) -> Reply:
    return Reply(status, "application/sparql-results+json", body)


def test_least_recently_used_leave_first_within_the_budget() -> None:
    cache = ReplyCache(max_bytes=10)
    a, b, c = (Job(sparql=q) for q in ("a", "b", "c"))
    cache.put(a, _reply(b"1234"))
    cache.put(b, _reply(b"5678"))
    assert cache.get(a) is not None  # a is now the most recently used
    cache.put(c, _reply(b"90ab"))
    assert (cache.get(a) is not None, cache.get(b), cache.get(c) is not None) == (True, None, True)
    assert cache.size == 8


@pytest.mark.parametrize(("status", "body", "kept"), [
    (200, b"ok", True),
    (503, b"busy", False),  # timeouts and refusals are computed again next time
    (422, b"too many rows", False),
    (200, b"x" * 11, False),  # larger than the whole budget
])
def test_only_whole_200_answers_that_fit_are_kept(status: int, body: bytes, kept: bool) -> None:
    cache = ReplyCache(max_bytes=10)
    cache.put(Job(sparql="q"), _reply(body, status))
    assert (cache.get(Job(sparql="q")) is not None) is kept


def test_a_newer_generation_drops_older_answers() -> None:
    cache = ReplyCache(max_bytes=100)
    cache.put(Job(sparql="a", generation=0), _reply(b"old"))
    cache.put(Job(sparql="b", generation=1), _reply(b"new"))
    assert cache.get(Job(sparql="a", generation=0)) is None
    assert len(cache) == 1


def test_identical_requests_in_flight_share_one_computation() -> None:
    cache = ReplyCache(max_bytes=100)
    calls = 0

    async def compute() -> Reply:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return _reply(b"rows")

    async def clients() -> list[Reply]:
        return await asyncio.gather(*(cache.answer(Job(sparql="q"), compute) for _ in range(5)))

    replies = asyncio.run(clients())
    assert calls == 1
    assert sorted(r.headers[CACHE_HEADER] for r in replies) == ["miss"] + ["shared"] * 4
    assert {r.body for r in replies} == {b"rows"}
    assert asyncio.run(cache.answer(Job(sparql="q"), compute)).headers[CACHE_HEADER] == "hit"
    assert calls == 1


def test_a_failure_reaches_every_waiter_and_is_not_kept() -> None:
    cache = ReplyCache(max_bytes=100)

    async def compute() -> Reply:
        await asyncio.sleep(0.05)
        raise RuntimeError("worker died")

    async def clients() -> list:
        return await asyncio.gather(*(cache.answer(Job(sparql="q"), compute) for _ in range(3)),
                                    return_exceptions=True)

    outcomes = asyncio.run(clients())
    assert [str(o) for o in outcomes] == ["worker died"] * 3
    assert cache.get(Job(sparql="q")) is None
