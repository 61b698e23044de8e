"""YASGUI against ``kg serve`` in headless Chromium (Debian's /usr/bin/chromium, Playwright):
the vendored editor on kg's own query page, and the npm build served from another loopback
origin querying the endpoint through CORS. Skipped when Playwright or Chromium is missing."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser import CHROMIUM_ARGS, chromium_or_skip
from records import sample_store

from kg.serve import EndpointConfig, KGServer, make_server
from kg.serve.app import YASGUI_DIR
from kg.store import KGStore

pytestmark = pytest.mark.browser

sync_api, CHROMIUM = chromium_or_skip()
WAIT_MS = 60_000  # generous: only detects a hang

OTHER_ORIGIN_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="yasgui.min.css"></head>
<body><div id="y"></div><script src="yasgui.min.js"></script><script>
window.yasgui = new Yasgui(document.getElementById("y"), {
  requestConfig: { endpoint: "__ENDPOINT__", method: "POST" }, persistenceId: null,
  populateFromUrl: false });
window.yasgui.getTab().setQuery(
  "PREFIX kg: <https://w3id.org/kg/ontology#>\\nSELECT DISTINCT ?name WHERE { ?a a kg:Person ;"
  + " kg:name ?name }");
</script></body></html>
"""


@pytest.fixture(scope="module")
def store() -> Iterator[KGStore]:
    kg_store = sample_store()
    yield kg_store
    kg_store.close()


@pytest.fixture(scope="module")
def server(store: KGStore) -> Iterator[KGServer]:
    kg_server = make_server(store, "127.0.0.1", 0, EndpointConfig(cors=("*",)), quiet=True)
    kg_server.start()
    yield kg_server
    kg_server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def other_origin(tmp_path: Path, server: KGServer) -> Iterator[str]:
    """A static site on another loopback port holding the npm build of YASGUI."""
    for name in ("yasgui.min.js", "yasgui.min.css"):
        shutil.copy(YASGUI_DIR / name, tmp_path / name)
    page = OTHER_ORIGIN_PAGE.replace("__ENDPOINT__", server.url + "/sparql")
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    site = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site.server_address[1]}/index.html"
    site.shutdown()
    site.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


def _run_and_read(page) -> str:
    page.wait_for_selector(".yasqe .CodeMirror", timeout=WAIT_MS)
    page.click(".yasqe_queryButton", timeout=WAIT_MS)
    page.wait_for_selector(".yasr table tbody tr", timeout=WAIT_MS)
    return page.inner_text(".yasr")


def test_query_page_runs_an_example_in_yasgui(browser, server: KGServer) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server.url + "/", wait_until="load")
    page.wait_for_selector(".yasgui", timeout=WAIT_MS)
    assert page.is_hidden("#kg-plain")
    page.select_option("#kg-examples", label="Most-mentioned actors")
    query = page.evaluate("window.document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "PREFIX kg: <https://w3id.org/kg/ontology#>" in query
    assert "<https://w3id.org/kg/id/graph/actors>" in query
    assert page.inner_text("#kg-description").startswith("The 20 actors with the most mentions")
    text = _run_and_read(page)
    assert "Marco Rubio" in text and "Russia" in text
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]
    page.close()


def test_yasgui_on_another_origin_queries_with_cors(browser, other_origin: str) -> None:
    page = browser.new_page()
    page.goto(other_origin, wait_until="load")
    text = _run_and_read(page)
    assert "Marco Rubio" in text
    page.close()
