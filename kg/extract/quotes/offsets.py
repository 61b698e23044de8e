"""Offset lookups in O(log n): ranges a position overlaps, actors inside a character range.

The quote finders ask these once per token or statement; scanning every quote or actor
each time made an article of many quotes quadratic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

from spacy.tokens import Span


class Ranges:
    """Character ranges ``[start, end)``; :meth:`overlaps` answers like
    :func:`kg.extract.boilerplate.in_ranges` over the same list.

    >>> Ranges([(10, 20), (2, 5)]).overlaps(4, 6), Ranges([(10, 20)]).overlaps(20, 25)
    (True, False)
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [start for start, _ in ordered]
        self.max_ends = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Return True if ``[start, end)`` overlaps any range."""
        k = bisect_left(self.starts, end)  # ranges[:k] start before ``end``
        return k > 0 and self.max_ends[k - 1] > start


class ActorOffsets:
    """Actor mentions by start character, for the entities mentioned inside a range."""

    def __init__(self, spans: Iterable[Span]) -> None:
        marks = sorted((s.start_char, i, s._.kg_entity) for i, s in enumerate(spans))
        self.starts = [start for start, _, _ in marks]
        self.marks = marks

    def entity_ids(self, start: int, end: int, exclude: str | None) -> tuple[str, ...]:
        """Return the entities of the mentions starting in ``[start, end)`` (span order, each
        once), leaving out ``exclude`` and mentions with no entity."""
        k = bisect_left(self.starts, start)
        inside = []
        while k < len(self.marks) and self.marks[k][0] < end:
            inside.append(self.marks[k][1:])
            k += 1
        ids = (entity for _, entity in sorted(inside) if entity not in (exclude, None))
        return tuple(dict.fromkeys(ids))
