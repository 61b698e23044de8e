"""kg's derived-data cache directory, and writing a file there so readers never see half of
it (the name tables, the actor-type weights, the entity ruler's pattern tokens).

Kept apart from :mod:`kg.gazetteers` so that a pipeline component using the cache does not
import (or, for the doc cache's fingerprint, depend on the source of) the gazetteers.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
