"""Tests for kg.ingest.urls: fetching a list of links from a local HTTP server."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.ingest import FetchSettings, IngestError, Skipped, read_articles, read_url_list

PARAGRAPHS = [
    "The harbour council of Norrvik approved a new ferry line to the outer islands on Monday, "
    "with the first crossing planned for the spring.",
    "Council chair Maja Lund said the line would halve travel times for the four hundred "
    "islanders who commute to the mainland every day.",
]
STORY = ('<html lang="en"><head><title>Ferry line approved</title>'
         '<meta name="author" content="Ola Strand">'
         '<meta property="article:published_time" content="2025-08-11T09:00:00Z"></head>'
         '<body><nav><a href="/">Home page link</a></nav><article><h1>Ferry line approved</h1>'
         + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
         + "</article><footer>All rights reserved footer</footer></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.hits[self.path] += 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/story": (200, "text/html; charset=utf-8", STORY),
            "/private/story": (200, "text/html", STORY),
            "/missing": (404, "text/html", b"<p>gone</p>"),
            "/data.json": (200, "application/json", b'{"a": 1}'),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
            routes["/slow"] = (200, "text/html", STORY)
        status, ctype, body = routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:
        return None


@pytest.fixture()
def server():
    Handler.hits = Counter()
    Handler.agents = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch_all(base: str, cache, paths: list[str]):
    settings = FetchSettings(cache=cache, timeout=0.5, retries=1, backoff=0.0, interval=0.0)
    notices: list[Skipped] = []
    articles = list(read_articles([], urls=[base + p for p in paths], fetch=settings,
                                  on_skip=notices.append))
    return articles, {n.source.removeprefix(base): n.detail for n in notices}


def test_url_list_gives_articles_and_one_line_per_failure(server, tmp_path):
    paths = ["/story", "/moved", "/missing", "/loop", "/data.json", "/slow", "/private/story"]
    articles, failures = fetch_all(server, tmp_path / "cache", paths)
    assert [(a.source, a.title, a.published, a.author) for a in articles] == [
        (server + "/story", "Ferry line approved", "2025-08-11", "Ola Strand"),
    ]
    assert articles[0].text == "\n\n".join(["Ferry line approved", *PARAGRAPHS])
    assert failures == {
        "/moved": f"same text as {server}/story",  # the redirect reached the same page
        "/missing": "HTTP 404",
        "/loop": "too many redirects",
        "/data.json": "not HTML (application/json)",
        "/slow": "timed out after 0.5 s (2 tries)",
        "/private/story": "disallowed by robots.txt",
    }
    assert Handler.hits["/private/story"] == 0
    assert all(agent.startswith("kg/") for agent in Handler.agents)


def test_second_run_is_served_from_the_cache(server, tmp_path):
    first, _ = fetch_all(server, tmp_path / "cache", ["/story", "/missing"])
    assert len(first) == 1
    second, failures = fetch_all(server, tmp_path / "cache", ["/story", "/missing"])
    assert first == second
    assert Handler.hits["/story"] == 1
    assert Handler.hits["/missing"] == 2  # failures are not cached: asked again
    assert failures == {"/missing": "HTTP 404"}


@pytest.mark.parametrize(("content", "urls"), [
    ("# news\nhttps://a.example/1\n\n  https://b.example/2  \n", ["https://a.example/1", "https://b.example/2"]),
    ("", []),
])
def test_read_url_list(tmp_path, content, urls):
    path = tmp_path / "urls.txt"
    path.write_text(content, encoding="utf-8")
    assert read_url_list(str(path)) == urls


def test_missing_url_list_is_one_error(tmp_path):
    with pytest.raises(IngestError) as info:
        read_url_list(str(tmp_path / "nope.txt"))
    assert str(info.value) == f"{tmp_path / 'nope.txt'}: no such file"


def test_not_a_web_url_is_a_failure_line():
    notices: list[Skipped] = []
    assert list(read_articles([], urls=["ftp://x.example/a"], on_skip=notices.append)) == []
    assert [str(n) for n in notices] == ["ftp://x.example/a: failed URL (not an http(s) URL)"]


@pytest.mark.slow
def test_kg_build_urls_reports_failures_and_reuses_the_cache(server, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/story\n{server}/missing\n", encoding="utf-8")
    args = ["build", "--urls", str(urls), "--store", str(tmp_path / "s"), "-q",
            "--host-interval", "0"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert f"skipped {server}/missing: failed URL (HTTP 404)" in first.output
    assert "1 added" in first.output and "1 failed URL" in first.output
    assert (tmp_path / "s.http-cache").is_dir()
    second = CliRunner().invoke(main, args)
    assert "1 unchanged" in second.output
    assert Handler.hits["/story"] == 1


def test_kg_build_needs_paths_or_urls():
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2 and "give article files or folders, or --urls FILE" in result.output
