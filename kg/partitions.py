"""Write extraction records as partitioned JSON Lines (``kg extract -o DIR``) for other tools.

``DIR/part-00000.jsonl``, ``part-00001.jsonl``, ...: each holds ``size`` articles in input
order, one ``kg extract --format json`` object per line, the format Dask
(``dask.bag.read_text``), Spark and DuckDB read as one data set. Each part is written to a
temporary name and renamed when complete, so a reader never sees half a part; parts left by
an earlier, longer run in the same folder are removed at the end. A run stopped by a bad
input file keeps the records of the articles before it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from kg.model import Extraction

PART_NAME = "part-{:05d}.jsonl"
_PART = re.compile(r"^part-(\d{5,})\.jsonl$")


class PartitionError(OSError):
    """The output folder cannot be written."""


def part_paths(folder: str | Path) -> list[Path]:
    """Return the part files in ``folder``, in order."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _PART.match(p.name)),
                  key=lambda p: int(_PART.match(p.name).group(1)))


def write_partitions(records: Iterable[Extraction], folder: str | Path,
                     size: int = 1000) -> tuple[int, int]:
    """Write ``records`` to ``folder`` in parts of ``size`` articles; return (articles, parts)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PartitionError(f"{folder}: cannot create output folder ({exc.strerror})") from None
    count = parts = 0
    handle = None
    try:
        for record in records:
            if count % size == 0:
                if handle is not None:
                    _close(handle, folder / PART_NAME.format(parts - 1))
                handle = (folder / (PART_NAME.format(parts) + ".tmp")).open("w", encoding="utf-8")
                parts += 1
            handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
            count += 1
    finally:  # also when the input stops at an error: the records before it are whole
        if handle is not None:
            _close(handle, folder / PART_NAME.format(parts - 1))
        for stale in part_paths(folder)[parts:]:
            stale.unlink()
    return count, parts


def _close(handle, final: Path) -> None:
    handle.close()
    os.replace(handle.name, final)


__all__ = ["PartitionError", "part_paths", "write_partitions"]
