"""Tests for kg.ingest: formats, metadata detection, stable ids and bad input."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from kg import ingest
from kg.ingest import IngestError, iter_sources, parse_date, read_articles, read_text
from kg.model import Article

TXT = (
    "Harbour Talks Resume in Lisbon\n"
    "Published: 2025-03-04\n"
    "\n"
    "Port workers and shipping firms met on Monday, union leader Ana Costa said.\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def read_one(path: Path, **kwargs) -> Article:
    articles = list(read_articles([str(path)], **kwargs))
    assert len(articles) == 1
    return articles[0]


def error_of(path: Path) -> str:
    with pytest.raises(IngestError) as info:
        list(read_articles([str(path)]))
    return str(info.value)


# --------------------------------------------------------------------------- text & markdown


def test_txt_keeps_text_and_detects_title_and_date(tmp_path):
    path = write(tmp_path, "a.txt", TXT)
    article = read_one(path)
    assert article.title == "Harbour Talks Resume in Lisbon"
    assert article.published == "2025-03-04"
    assert article.text == TXT
    assert article.source == path.as_posix()
    assert article.url is None
    assert article.id == Article.make_id("a.txt", TXT)


def test_crlf_and_bom_are_normalised(tmp_path):
    path = write(tmp_path, "a.txt", "\ufeff" + TXT.replace("\n", "\r\n"))
    article = read_one(path)
    assert article.text == TXT
    assert article.title == "Harbour Talks Resume in Lisbon"


def test_curly_quotes_are_kept(tmp_path):
    body = "Title Line Here\n\n“We will stay,” she said — it’s final.\n"
    assert read_one(write(tmp_path, "q.txt", body)).text == body


@pytest.mark.parametrize(
    ("content", "title"),
    [
        (
            "# Ministers Agree on Fishing Quotas\n\nBody text.\n",
            "Ministers Agree on Fishing Quotas",
        ),
        ("\n\n## **Bold Headline Here**\nBody.\n", "Bold Headline Here"),
        (
            "---\ntitle: Front Matter Title\ndate: 2025-06-01\n---\n# Other\nBody.\n",
            "Front Matter Title",
        ),
    ],
)
def test_markdown_title(tmp_path, content, title):
    assert read_one(write(tmp_path, "m.md", content)).title == title


def test_markdown_front_matter_date(tmp_path):
    content = "---\ntitle: T\ndate: June 1, 2025\n---\nBody.\n"
    assert read_one(write(tmp_path, "m.md", content)).published == "2025-06-01"


def test_breadcrumb_line_before_headline_is_skipped(tmp_path):
    content = "World News\n\nPort Strike Ends After Three Weeks of Talks\n\nWorkers returned.\n"
    assert read_one(write(tmp_path, "b.txt", content)).title == (
        "Port Strike Ends After Three Weeks of Talks"
    )


@pytest.mark.parametrize(
    ("header", "iso"),
    [
        ("Published: 2025-11-24", "2025-11-24"),
        ("Date: November 24, 2025", "2025-11-24"),
        ("**Published:** Nov. 3, 2025", "2025-11-03"),
        (
            "GENEVA, Nov. 24, 2025 — Talks opened in the city today with many delegates.",
            "2025-11-24",
        ),
        ("November 24, 2025", "2025-11-24"),
        ("By Jo Reyes | 5 September 2025", "2025-09-05"),
        ("Published: November 2025", "2025-11-01"),
    ],
)
def test_published_detection(tmp_path, header, iso):
    content = f"Leaders Meet in Geneva\n{header}\n\nThe meeting lasted two hours.\n"
    assert read_one(write(tmp_path, "d.txt", content)).published == iso


@pytest.mark.parametrize(
    "lead",
    [
        # a date inside a long lead sentence is an event date, not the publication date
        "Officials said on November 19, 2025, that strikes had hit the city and caused damage.",
        "In late November 2025, talks resumed.",
    ],
)
def test_event_dates_in_lead_are_not_published(tmp_path, lead):
    content = f"Leaders Meet in Geneva\n\n{lead}\n"
    assert read_one(write(tmp_path, "d.txt", content)).published is None


def test_published_override(tmp_path):
    path = write(tmp_path, "a.txt", TXT)
    assert read_one(path, published="2024-12-31").published == "2024-12-31"


@pytest.mark.parametrize("bad", ["2025-13-01", "yesterday", "24/11/2025", ""])
def test_published_override_must_be_iso(tmp_path, bad):
    path = write(tmp_path, "a.txt", TXT)
    with pytest.raises(ValueError, match="ISO date"):
        list(read_articles([str(path)], published=bad))


def test_unparseable_published_line_is_an_error(tmp_path):
    path = write(tmp_path, "a.txt", "Title Of Piece\nPublished: sometime soon\n\nBody.\n")
    assert (
        error_of(path)
        == f"{path.as_posix()}: line 2: published date is not a parseable date ('sometime soon')"
    )


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Nov. 24, 2025", "2025-11-24"),
        ("24 November 2025", "2025-11-24"),
        ("2025-11-24T23:30:00-05:00", "2025-11-24"),
        ("Tuesday, November 25, 2025", "2025-11-25"),
        ("2025-02-30", None),
        ("2025", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(value, iso):
    assert parse_date(value) == iso


# --------------------------------------------------------------------------- stable ids


def test_ids_are_stable_across_working_directories(tmp_path, monkeypatch):
    path = write(tmp_path / "sub", "a.txt", TXT)
    first = read_one(path)
    monkeypatch.chdir(tmp_path)
    second = read_one(Path("sub/a.txt"))
    assert first.id == second.id
    assert second.source == "sub/a.txt"


def test_ids_differ_by_name_and_text(tmp_path):
    a = read_one(write(tmp_path, "a.txt", TXT))
    b = read_one(write(tmp_path, "b.txt", TXT))
    c = read_one(write(tmp_path, "c.txt", TXT + "More.\n"))
    assert len({a.id, b.id, c.id}) == 3


# --------------------------------------------------------------------------- HTML

HTML = """<!doctype html><html><head>
<title>Vote Count Ends | Example Times</title>
<meta property="article:published_time" content="2025-05-18T21:10:00+02:00">
<link rel="canonical" href="https://news.example/vote">
<style>.x{color:red}</style><script>var hidden = "Script Junk";</script>
</head><body>
<header><a href="/">Example Times</a><nav><a href="/w">World Menu</a></nav></header>
<main><article>
<h1>Vote Count Ends in Tight Race</h1>
<p>Election officials finished counting on Sunday &amp; declared a winner.</p>
<p>&ldquo;It was close,&rdquo; said <b>Mara Lind</b>.</p>
<ul><li>Turnout: 71%</li></ul>
</article>
<aside>Most Read Sidebar</aside></main>
<form><label>Newsletter Signup</label></form>
<noscript>Enable Script Notice</noscript>
<footer>Copyright Footer Text</footer>
</body></html>"""


def test_html_main_text_title_date_url(tmp_path):
    article = read_one(write(tmp_path, "page.html", HTML))
    assert article.title == "Vote Count Ends in Tight Race"
    assert article.published == "2025-05-18"
    assert article.url == "https://news.example/vote"
    assert article.text == (
        "Vote Count Ends in Tight Race\n\n"
        "Election officials finished counting on Sunday & declared a winner.\n\n"
        "“It was close,” said Mara Lind.\n\n"
        "Turnout: 71%"
    )
    for junk in (
        "Script Junk",
        "World Menu",
        "Most Read",
        "Newsletter",
        "Enable Script",
        "Copyright",
        "color:red",
    ):
        assert junk not in article.text


@pytest.mark.parametrize(
    ("head", "body", "title", "published"),
    [
        ("<title>Only Title</title>", "<p>Text here.</p>", "Only Title", None),
        ("<meta name='date' content='2025-01-02'>", "<h1>Head</h1><p>x</p>", "Head", "2025-01-02"),
        (
            "",
            "<h1>Polls close</h1><p>By A. <time datetime='2025-07-08T10:00'>July 8</time></p>",
            "Polls close",
            "2025-07-08",
        ),
    ],
)
def test_html_title_and_date_fallbacks(tmp_path, head, body, title, published):
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    article = read_one(write(tmp_path, "p.htm", page))
    assert (article.title, article.published) == (title, published)


def test_html_without_text_is_an_error(tmp_path):
    path = write(tmp_path, "e.html", "<html><script>x()</script><nav>Menu</nav></html>")
    assert error_of(path) == f"{path.as_posix()}: no article text after removing HTML markup"


# --------------------------------------------------------------------------- JSON / JSONL


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_records(tmp_path):
    content = jsonl(
        {
            "id": "wire 1/a",
            "title": "One",
            "text": "First.",
            "published": "2025-02-03",
            "url": "https://x.example/1",
        },
        "",
        {"title": "Two", "text": "Second.\r\nLine.", "date": "March 4, 2025"},
        {"text": "Third headline\nbody"},
    )
    articles = list(read_articles([str(write(tmp_path, "w.jsonl", content))]))
    assert [a.id for a in articles] == [
        "wire-1-a",
        Article.make_id("w.jsonl", "Second.\nLine."),
        Article.make_id("w.jsonl", "Third headline\nbody"),
    ]
    assert [a.title for a in articles] == ["One", "Two", "Third headline"]
    assert [a.published for a in articles] == ["2025-02-03", "2025-03-04", None]
    assert articles[0].url == "https://x.example/1"
    assert articles[1].text == "Second.\nLine."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "malformed JSON (Expecting property name enclosed in double quotes)"),
        ('["a", "b"]', "expected a JSON object, got a list"),
        ('{"title": "x"}', "missing field 'text'"),
        ('{"text": "   "}', "empty field 'text'"),
        ('{"text": 5}', "field 'text' must be a string, got a number"),
        (
            '{"text": "x", "published": "whenever"}',
            "published date is not a parseable date ('whenever')",
        ),
    ],
)
def test_jsonl_bad_line(tmp_path, line, reason):
    path = write(tmp_path, "w.jsonl", jsonl({"text": "ok"}, line))
    assert error_of(path) == f"{path.as_posix()}: line 2: {reason}"


def test_jsonl_duplicate_id(tmp_path):
    path = write(tmp_path, "w.jsonl", jsonl({"id": "a", "text": "x"}, {"id": "a", "text": "y"}))
    assert (
        error_of(path) == f"{path.as_posix()}: line 2: duplicate article id 'a' (first at line 1)"
    )


def test_jsonl_on_error_skips_bad_lines_and_continues(tmp_path):
    path = write(
        tmp_path, "w.jsonl", jsonl({"id": "a", "text": "x"}, "{oops", {"id": "c", "text": "z"})
    )
    errors: list[IngestError] = []
    articles = list(read_articles([str(path)], on_error=errors.append))
    assert [a.id for a in articles] == ["a", "c"]
    assert [(e.line, e.source) for e in errors] == [(2, path.as_posix())]


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        ({"id": "solo", "text": "One."}, ["solo"]),
        ([{"id": "x", "text": "A."}, {"id": "y", "text": "B."}], ["x", "y"]),
    ],
)
def test_json_object_or_list(tmp_path, data, ids):
    path = write(tmp_path, "a.json", json.dumps(data))
    assert [a.id for a in read_articles([str(path)])] == ids


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('"just a string"', "expected an article object or a list, got a string"),
        ("[]", "empty list of articles"),
        ("[1,", "malformed JSON (Expecting value at line 1 column 4)"),
        ('[{"text": "a"}, {"title": "b"}]', "item 2: missing field 'text'"),
    ],
)
def test_json_bad(tmp_path, content, reason):
    path = write(tmp_path, "a.json", content)
    assert error_of(path) == f"{path.as_posix()}: {reason}"


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("e.txt", b"", "empty file"),
        ("w.txt", b"  \n\t\r\n ", "empty file"),
        ("bom.txt", b"\xef\xbb\xbf\n", "empty file"),
        ("b.txt", b"PK\x03\x04\x00\x00binary", "binary file (NUL bytes in the first 8 KiB)"),
        ("u.txt", b"Title\nabc \xff def", "not UTF-8 text (invalid byte 0xff at offset 10)"),
        ("s.txt", b"\xef\xbb\xbfTi\xe9", "not UTF-8 text (invalid byte 0xe9 at offset 5)"),
        (
            "x.txt",
            "Title\n".encode("utf-16"),
            "UTF-16 text is not supported (save the file as UTF-8)",
        ),
        ("e.jsonl", b"\n\n", "empty file"),
    ],
)
def test_bad_files(tmp_path, name, content, reason):
    path = write(tmp_path, name, content)
    assert error_of(path) == f"{path.as_posix()}: {reason}"


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    assert error_of(path) == f"{path.as_posix()}: no such file"


def test_file_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 1024 * 1024)
    path = write(tmp_path, "big.txt", "Title\n" + "x" * (1024 * 1024 + 100))
    assert error_of(path) == f"{path.as_posix()}: file too large (1.0 MB > limit 1.0 MB)"


def test_error_is_one_line(tmp_path):
    path = write(tmp_path, "a.json", '{"text": "x", "published": "not\\na date"}')
    assert "\n" not in error_of(path)


def test_on_error_continues_with_next_file(tmp_path):
    bad = write(tmp_path, "1-bad.txt", b"\x00\x01")
    good = write(tmp_path, "2-good.txt", TXT)
    errors: list[IngestError] = []
    articles = list(read_articles([str(bad), str(good)], on_error=errors.append))
    assert [a.source for a in articles] == [good.as_posix()]
    assert [e.source for e in errors] == [bad.as_posix()]


def test_without_on_error_first_bad_file_raises(tmp_path):
    bad = write(tmp_path, "1-bad.txt", b"")
    good = write(tmp_path, "2-good.txt", TXT)
    with pytest.raises(IngestError, match="empty file"):
        list(read_articles([str(bad), str(good)]))


# --------------------------------------------------------------------------- sources, stdin


def test_iter_sources_expands_folders_sorted(tmp_path):
    for name in [
        "b.txt",
        "a.md",
        "sub/c.jsonl",
        "sub/z.html",
        "d.htm",
        "e.json",
        "skip.csv",
        ".hidden.txt",
        ".git/x.txt",
        "sub/.cache/y.txt",
    ]:
        write(tmp_path, name, "x")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in iter_sources([str(tmp_path)])]
    assert found == ["a.md", "b.txt", "d.htm", "e.json", "sub/c.jsonl", "sub/z.html"]


def test_iter_sources_passes_stdin_and_files_through(tmp_path):
    path = write(tmp_path, "notes.rst", "x")
    assert list(iter_sources(["-", str(path)])) == ["-", path]


def test_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    errors: list[IngestError] = []
    assert list(read_articles([str(tmp_path / "empty")], on_error=errors.append)) == []
    assert len(errors) == 1 and "no article files" in str(errors[0])


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TXT.encode("utf-8"))))
    article = read_one(Path("-"))
    assert (article.source, article.title, article.published) == (
        "<stdin>",
        "Harbour Talks Resume in Lisbon",
        "2025-03-04",
    )
    assert article.id == Article.make_id("<stdin>", TXT)


def test_read_text():
    article = read_text("# Short Headline Words\n\nBody.", published="2025-01-01")
    assert (article.title, article.published, article.source) == (
        "Short Headline Words",
        "2025-01-01",
        "<stdin>",
    )


# --------------------------------------------------------------------------- sample data

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"


@pytest.mark.skipif(not DATA.is_dir(), reason="sample articles not present")
def test_sample_articles_read_cleanly():
    errors: list[IngestError] = []
    articles = list(read_articles([os.fspath(DATA)], on_error=errors.append))
    assert errors == []
    assert len(articles) == 8
    assert all(a.title and a.published and a.text.strip() for a in articles)
    assert len({a.id for a in articles}) == 8


# --------------------------------------------------------------------------- control characters

_PAD = "Harbour cranes were idle all week. " * 300  # past the 8 KiB binary sniff


@pytest.mark.parametrize(("name", "content", "text"), [
    ("late-nul.txt", TXT + _PAD + "Costa\x00 said talks went well.\n",
     TXT + _PAD + "Costa said talks went well.\n"),
    ("controls.txt", TXT + "Costa\x07 said\x1b talks\x7f went\x0cwell.\x9b\n",
     TXT + "Costa said talks went\nwell.\n"),
    ("escaped.jsonl", '{"id": "x", "text": "Costa\\u0000 said\\ud800 it\\u0008 went well.", '
     '"title": "Talks\\u0001 resume"}\n', "Costa said it went well."),
    ("page.html", "<html><body><article><h1>Talks&#1; resume</h1><p>Costa said\x02 it "
     "went&#0; well.</p></article></body></html>", "Talks resume\n\nCosta said it went\ufffd well."),
])
def test_control_characters_are_removed_everywhere(tmp_path, name, content, text):
    article = read_one(write(tmp_path, name, content))
    assert article.text == text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in article.title + article.text)


def test_nul_in_the_first_8_kib_is_still_a_binary_file(tmp_path):
    assert "binary file" in error_of(write(tmp_path, "b.txt", b"Title\n\x00\x01\x02 text"))
