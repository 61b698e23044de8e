"""The marker a running ``kg serve`` leaves in the store directory, so that other commands
know the store is served (and by which process) before they try to change it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

SERVE_MARKER = "kg-serve.json"


def write_serve_marker(path: str | Path, url: str) -> None:
    """Record in the store directory that this process serves it at ``url``."""
    marker = {"pid": os.getpid(), "url": url}
    (Path(path) / SERVE_MARKER).write_text(json.dumps(marker), encoding="utf-8")


def remove_serve_marker(path: str | Path) -> None:
    """Drop the marker of :func:`write_serve_marker` (if it is this process's)."""
    marker = Path(path) / SERVE_MARKER
    if (serving_process(path) or {}).get("pid") == os.getpid():
        marker.unlink(missing_ok=True)


def serving_process(path: str | Path) -> dict[str, Any] | None:
    """Return ``{"pid", "url"}`` of the live ``kg serve`` serving the store, else ``None``."""
    try:
        marker = json.loads((Path(path) / SERVE_MARKER).read_text(encoding="utf-8"))
        pid = int(marker["pid"])
        os.kill(pid, 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {"pid": pid, "url": str(marker.get("url", ""))}


def served_message(path: Path, server: dict[str, Any]) -> str:
    """Return the one-line error for changing a store that ``server`` serves."""
    return (f"{path}: store is served by kg serve (pid {server['pid']}, {server['url']});"
            " stop the server to change the store")
