"""Read-only lookup tables (sets and dicts keyed by strings) packed as ``marshal`` buckets
and unmarshalled one bucket at a time, on the first lookup that needs it.

A run that looks up a few dozen names (``kg extract`` on one article) reads a few dozen
small buckets instead of whole tables of 30,000-60,000 names (about 60 ms of CPU at every
start); a long run ends up reading them all, at the same total cost as before.

>>> tables = unpack_tables(pack_tables({"cities": frozenset({"oslo"}), "kinds": {"oslo": "city"}}))
>>> "oslo" in tables["cities"], tables["kinds"].get("oslo"), tables["kinds"].get("bergen")
(True, 'city', None)
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from collections.abc import Mapping
from typing import Any

#: Buckets per table: ~15 names each in kg's name tables.
BUCKETS = 4096
_MAGIC = b"kgbt1\n"
_KINDS = {"set": frozenset, "dict": dict}


def bucket_of(key: str, buckets: int) -> int:
    """Return the bucket of ``key``: the same in every process (``hash()`` of a str is not)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


class BucketedTable:
    """A frozenset or dict of str keys whose buckets are unmarshalled on first use."""

    __slots__ = ("_data", "_offsets", "_loaded", "kind", "size")

    def __init__(self, data: memoryview, offsets: array, kind: str, size: int) -> None:
        self._data, self._offsets, self.kind, self.size = data, offsets, kind, size
        self._loaded: list[Any] = [None] * (len(offsets) - 1)

    def _bucket(self, key: str) -> Any:
        index = bucket_of(key, len(self._loaded))
        bucket = self._loaded[index]
        if bucket is None:
            start, end = self._offsets[index], self._offsets[index + 1]
            bucket = self._loaded[index] = marshal.loads(self._data[start:end])
        return bucket

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._bucket(key)

    def get(self, key: object, default: Any = None) -> Any:
        """Return the value of ``key`` (a dict table), else ``default``."""
        if not isinstance(key, str):
            return default
        return self._bucket(key).get(key, default)

    def __getitem__(self, key: str) -> Any:
        if not isinstance(key, str):
            raise KeyError(key)
        return self._bucket(key)[key]

    def __len__(self) -> int:
        return self.size

    def load_all(self) -> None:
        """Unmarshal every bucket now (before forking workers, so they share them)."""
        for index, bucket in enumerate(self._loaded):
            if bucket is None:
                start, end = self._offsets[index], self._offsets[index + 1]
                self._loaded[index] = marshal.loads(self._data[start:end])

    def materialize(self) -> frozenset[str] | dict[str, Any]:
        """Return the whole table as one frozenset or dict."""
        self.load_all()
        if self.kind == "set":
            return frozenset().union(*self._loaded)
        whole: dict[str, Any] = {}
        for bucket in self._loaded:
            whole.update(bucket)
        return whole


def pack_tables(tables: Mapping[str, frozenset[str] | dict[str, Any]],
                buckets: int = BUCKETS) -> bytes:
    """Return ``tables`` (name → frozenset or dict of str keys) packed for
    :func:`unpack_tables`."""
    header: dict[str, tuple[str, int, bytes]] = {}
    blobs: list[bytes] = []
    position = 0
    for name, table in tables.items():
        kind = "set" if isinstance(table, frozenset) else "dict"
        parts: list[Any] = [set() if kind == "set" else {} for _ in range(buckets)]
        for key in table:
            part = parts[bucket_of(key, buckets)]
            if kind == "set":
                part.add(key)
            else:
                part[key] = table[key]
        offsets = array("q", [position])
        for part in parts:
            blob = marshal.dumps(frozenset(part) if kind == "set" else part)
            blobs.append(blob)
            position += len(blob)
            offsets.append(position)
        header[name] = (kind, len(table), offsets.tobytes())
    head = marshal.dumps(header)
    return _MAGIC + len(head).to_bytes(8, "little") + head + b"".join(blobs)


def unpack_tables(data: bytes) -> dict[str, BucketedTable]:
    """Return the tables packed in ``data`` (buckets still packed), or raise ValueError when
    ``data`` is not a complete pack."""
    if not data.startswith(_MAGIC):
        raise ValueError("not a table pack")
    start = len(_MAGIC) + 8
    length = int.from_bytes(data[len(_MAGIC):start], "little")
    try:
        header = marshal.loads(data[start:start + length])
    except (ValueError, EOFError, TypeError) as exc:
        raise ValueError(f"damaged header ({exc})") from exc
    body = memoryview(data)[start + length:]
    tables: dict[str, BucketedTable] = {}
    for name, entry in (header.items() if isinstance(header, dict) else ()):
        if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] in _KINDS
                and isinstance(entry[1], int) and isinstance(entry[2], bytes)):
            raise ValueError(f"damaged header entry {name!r}")
        offsets = array("q")
        offsets.frombytes(entry[2])
        if len(offsets) < 2 or offsets[-1] > len(body) or list(offsets) != sorted(offsets):
            raise ValueError(f"table {name!r} is truncated")
        tables[name] = BucketedTable(body, offsets, entry[0], entry[1])
    if not isinstance(header, dict) or sum(
            t._offsets[-1] - t._offsets[0] for t in tables.values()) != len(body):
        raise ValueError("table pack is truncated or has trailing data")
    return tables
