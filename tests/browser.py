"""Shared setup of the browser tests: Playwright and Debian's Chromium, or a module skip."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

#: Headless Chromium flags for this machine's closed network (no background connections).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_or_skip() -> tuple[ModuleType, str]:
    """Return Playwright's sync API and the Chromium executable, or skip the calling module."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    chromium = next(
        (p for p in ("/usr/bin/chromium", shutil.which("chromium")) if p and Path(p).exists()),
        None)
    if chromium is None:
        pytest.skip("no Chromium found (apt-get install chromium)", allow_module_level=True)
    return sync_api, chromium
