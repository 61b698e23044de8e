"""kg's derived-data cache directory, and writing a file there so readers never see half of
it (the name tables, the actor-type weights, the entity ruler's pattern tokens), and the
marshal files named after what they were made from (the tokenizer's regular expressions and
pattern tokens).

Kept apart from :mod:`kg.gazetteers` so that a pipeline component using the cache does not
import (or, for the doc cache's fingerprint, depend on the source of) the gazetteers.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

#: marshal's format 2 writes no back-references: the same value gives the same bytes.
MARSHAL_VERSION = 2


def cache_dir() -> Path:
    """Return the directory of kg's derived-data cache (``$KG_CACHE_DIR`` or ~/.cache/kg)."""
    configured = os.environ.get("KG_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it (readers see the
    old file or the new one, never half of one); raise OSError when that fails."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise


def marshal_cache_file(kind: str, version: int, key: Any) -> Path:
    """Return the cache file of ``kind`` (format ``version``) named after ``key``, every
    input its content depends on; raise ValueError when marshal cannot write ``key``.

    >>> marshal_cache_file("regex", 1, ("a+", 0)).name  # doctest: +ELLIPSIS
    'regex-1-....marshal'
    """
    digest = hashlib.blake2b(marshal.dumps(key, MARSHAL_VERSION), digest_size=16).hexdigest()
    return cache_dir() / f"{kind}-{version}-{digest}.marshal"


def read_marshal(path: Path) -> Any | None:
    """Return the value marshalled at ``path``, or None when it is missing or unreadable."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_marshal(path: Path, value: Any) -> None:
    """Write ``value`` marshalled to ``path`` atomically; raise OSError when that fails."""
    write_file_atomically(path, marshal.dumps(value, MARSHAL_VERSION))
