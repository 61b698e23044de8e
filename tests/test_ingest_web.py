"""Tests for kg.ingest's web inputs: saved pages (trafilatura), WARC archives, feeds,
language filtering and what ``--keep-going`` reports."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kg.ingest import IngestError, Skipped, read_articles
from kg.ingest.language import detect_language

BODY = [
    "The river authority of Valdmark opened the new Brenner lock on Tuesday after four years "
    "of construction, allowing barges of up to 3,000 tonnes to pass the old weir.",
    "Transport minister Ilse Varga said the lock would cut freight times between the coast "
    "and the inland ports by almost a day, and that tolls would stay frozen until 2027.",
    "Shipping companies welcomed the opening but warned that low water in summer could "
    "still halt traffic for weeks, as it did during the drought two years ago.",
]

FURNITURE = {
    "cookie": '<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve '
              'your experience. Accept all cookies or manage preferences.</p>'
              '<button>Accept</button></div>',
    "nav": '<nav class="main-nav"><ul><li><a href="/world">World desk</a></li>'
           '<li><a href="/sport">Sport pages</a></li><li><a href="/opinion">Opinion corner</a>'
           '</li></ul></nav>',
    "share": '<div class="share-bar social-share"><a href="#">Share on Facebook</a>'
             '<a href="#">Share on X</a><a href="#">Email this story</a></div>',
    "ad": '<div class="advertisement ad-slot"><p>ADVERTISEMENT: Buy premium garden gnomes '
          'today at half price.</p></div>',
    "newsletter": '<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>Sign '
                  'up for our free newsletter, delivered daily.</p><form><input '
                  'type="email"><button>Subscribe</button></form></div>',
    "related": '<div class="related-articles"><h3>Related stories</h3><ul><li><a href="/a">'
               'Harbour strike enters third week</a></li><li><a href="/b">Bridge repairs '
               'delayed again</a></li></ul></div>',
    "comments": '<section id="comments" class="comments"><h3>12 comments</h3><div '
                'class="comment"><p>Gerd99: Finally! Took them long enough, typical.</p></div>'
                '</section>',
    "footer": '<footer class="site-footer"><p>Copyright 2025 The Valdmark Courier. All '
              'rights reserved.</p><a href="/privacy">Privacy policy</a></footer>',
}

JSON_LD = {
    "@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "New Brenner lock opens to barges",
    "datePublished": "2025-09-16T08:30:00+02:00", "dateModified": "2025-09-18T10:00:00+02:00",
    "author": {"@type": "Person", "name": "Petra Holm"},
    "publisher": {"@type": "Organization", "name": "The Valdmark Courier"},
}


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>New Brenner lock opens to barges | The Valdmark Courier</title>{head}"
            f"</head><body>{body}</body></html>")


def story(paragraphs=BODY) -> str:
    return ('<div class="story-body"><h1>New Brenner lock opens to barges</h1>'
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>")


def with_furniture(*kinds: str) -> str:
    """A saved page without an <article> element: the story among page furniture."""
    top = "".join(FURNITURE[k] for k in kinds if k in ("cookie", "nav", "share", "ad"))
    bottom = "".join(FURNITURE[k] for k in kinds if k not in ("cookie", "nav", "share", "ad"))
    ld = f'<script type="application/ld+json">{json.dumps(JSON_LD)}</script>'
    canonical = '<link rel="canonical" href="https://courier.example/2025/09/brenner-lock">'
    site = '<meta property="og:site_name" content="The Valdmark Courier">'
    return page(f'<div class="page">{top}{story()}{bottom}</div>', ld + canonical + site)


def read(tmp_path: Path, name: str, content: str | bytes, **kwargs):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return list(read_articles([str(path)], **kwargs))


# --------------------------------------------------------------------------- saved pages


@pytest.mark.parametrize("kind", sorted(FURNITURE))
def test_saved_page_keeps_only_the_body_with_its_date_and_author(tmp_path, kind):
    [article] = read(tmp_path, f"{kind}.html", with_furniture(kind))
    assert article.text == "\n\n".join(["New Brenner lock opens to barges", *BODY])
    assert article.published == "2025-09-16"
    assert article.author == "Petra Holm"


def test_saved_page_with_all_furniture_and_its_metadata(tmp_path):
    [article] = read(tmp_path, "all.html", with_furniture(*FURNITURE))
    assert article.text == "\n\n".join(["New Brenner lock opens to barges", *BODY])
    assert (article.title, article.published, article.author) == (
        "New Brenner lock opens to barges", "2025-09-16", "Petra Holm")
    assert article.url == "https://courier.example/2025/09/brenner-lock"
    assert article.site == "The Valdmark Courier"
    assert article.language == "en"


def test_markup_inside_a_number_keeps_the_number_whole(tmp_path):
    split = BODY[:2] + ["The Greens came second with 26.<b>8</b> percent of the vote, "
                        "well ahead of the Liberals."]
    [article] = read(tmp_path, "n.html", page(story(split)))
    assert "second with 26.8 percent of the vote" in article.text
    assert "26.\n" not in article.text


@pytest.mark.parametrize(("head", "body_extra", "published"), [
    ('<meta property="article:published_time" content="2025-03-02T10:00:00Z">', "", "2025-03-02"),
    ('<meta name="date" content="2025-04-05">', "", "2025-04-05"),
    ("", '<p class="byline">By Petra Holm, <time datetime="2025-06-07T09:00" class="published">'
         "June 7</time></p>", "2025-06-07"),
])
def test_publication_date_from_meta_and_time(tmp_path, head, body_extra, published):
    [article] = read(tmp_path, "d.html", page(body_extra + story(), head))
    assert article.published == published


def test_publication_date_from_the_url(tmp_path):
    canonical = '<link rel="canonical" href="https://courier.example/2024/11/03/lock-opens">'
    [article] = read(tmp_path, "u.html", page(story(), canonical))
    assert (article.published, article.url) == (
        "2024-11-03", "https://courier.example/2024/11/03/lock-opens")


# --------------------------------------------------------------------------- WARC


def write_warc(path: Path, records: list[tuple[str, int, str, bytes]], gz: bool) -> None:
    """Write (url, status, content type, body) responses, each after a request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, status, ctype, body in records:
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders(
                                                f"GET {url} HTTP/1.1", [], is_http_request=True))
            writer.write_record(req)
            headers = StatusAndHeaders(f"{status} X", [("Content-Type", ctype)],
                                       protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-10-01T12:00:00Z"})
            writer.write_record(rec)


def warc_records(n_html: int) -> list[tuple[str, int, str, bytes]]:
    records = []
    for i in range(n_html):
        # Each page its own story (near-identical pages would be read once): a number every
        # few words keeps the word 3-shingles of two pages apart.
        body = [f"Barge number {i} passed the Brenner lock carrying {i * 7} tonnes of grain, "
                f"the lock keeper of shift {i % 3} said on Wednesday.",
                f"Its crew of {i % 9 + 2} sailors had waited {i + 4} hours at berth {i * 3 + 1} "
                f"for pilot {i + 50} and tug {i * 2 + 7} before the gates opened at {i % 12}."]
        dated = i % 2 == 0  # half the pages carry their date, half fall back to the fetch date
        head = '<meta name="date" content="2025-09-20">' if dated else ""
        records.append((f"https://courier.example/barge/{i}", 200, "text/html; charset=utf-8",
                        page(story(body), head).encode()))
    records += [(f"https://courier.example/img/{i}.png", 200, "image/png", b"\x89PNG...")
                for i in range(40)]
    records += [(f"https://courier.example/gone/{i}", 404, "text/html", b"<p>Not found</p>")
                for i in range(30)]
    return records


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_become_articles_and_the_rest_is_counted(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, warc_records(130), gz)
    notices: list[Skipped] = []
    articles = list(read_articles([str(path)], on_skip=notices.append))
    assert len(articles) == 130
    assert {a.url for a in articles} == {f"https://courier.example/barge/{i}" for i in range(130)}
    by_url = {a.url: a for a in articles}
    assert by_url["https://courier.example/barge/0"].published == "2025-09-20"
    assert by_url["https://courier.example/barge/1"].published == "2025-10-01"
    assert "carrying 7 tonnes" in by_url["https://courier.example/barge/1"].text
    kinds = [n.kind for n in notices]
    assert (kinds.count("non-HTML record"), kinds.count("non-200 response")) == (40, 30)
    assert len({a.id for a in articles}) == 130


def test_a_warc_builds_into_the_store_with_its_counts(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.store import KGStore

    path = tmp_path / "crawl.warc.gz"
    write_warc(path, warc_records(130), gz=True)  # 400 records: 200 requests, 200 responses
    args = ["build", str(path), "--store", str(tmp_path / "s"), "-q"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert ("130 added, 0 replaced, 0 unchanged, 0 skipped, 30 non-200 response,"
            " 40 non-HTML record;") in first.output
    second = CliRunner().invoke(main, args)
    assert "0 added, 0 replaced, 130 unchanged" in second.output
    with KGStore.open(tmp_path / "s") as store:
        urls = {a["url"] for a in store.articles()}
    assert urls == {f"https://courier.example/barge/{i}" for i in range(130)}


def test_a_file_that_is_not_a_warc_is_one_error(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not an archive\n")
    with pytest.raises(IngestError) as info:
        list(read_articles([str(path)]))
    assert str(info.value).startswith(f"{path.as_posix()}: not a WARC archive")


# --------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Valdmark Courier</title><link>https://courier.example/</link>
<item><title>Lock opens</title><link>https://courier.example/lock</link>
<pubDate>Tue, 16 Sep 2025 08:30:00 +0200</pubDate><dc:creator>Petra Holm</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The new lock opened on Tuesday.</p><p>Minister Ilse Varga cut the ribbon.</p>]]></content:encoded>
</item>
<item><title>Harbour strike ends</title><link>https://courier.example/strike</link>
<pubDate>Wed, 17 Sep 2025 18:00:00 +0000</pubDate>
<description>&lt;p&gt;Dock workers returned to work on Wednesday.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://courier.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier Atom</title>
<entry><title>Bridge repairs delayed</title><link href="https://courier.example/bridge"/>
<id>urn:x:1</id><updated>2025-09-19T07:00:00Z</updated><published>2025-09-18T07:00:00Z</published>
<author><name>Jonas Berg</name></author>
<content type="html">&lt;p&gt;Repairs on the Ost bridge will take until spring.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_items_become_articles_from_content_or_summary(tmp_path):
    errors: list[IngestError] = []
    articles = read(tmp_path, "courier.rss", RSS, on_error=errors.append)
    assert [(a.title, a.url, a.published) for a in articles] == [
        ("Lock opens", "https://courier.example/lock", "2025-09-16"),
        ("Harbour strike ends", "https://courier.example/strike", "2025-09-17"),
    ]
    assert articles[0].text == "The new lock opened on Tuesday.\n\nMinister Ilse Varga cut the ribbon."
    assert articles[1].text == "Dock workers returned to work on Wednesday."
    assert (articles[0].author, articles[0].site) == ("Petra Holm", "Valdmark Courier")
    assert [str(e) for e in errors] == [
        f"{(tmp_path / 'courier.rss').as_posix()}: item 3: item has no content or summary"]


def test_atom_entry_becomes_an_article(tmp_path):
    [article] = read(tmp_path, "courier.atom", ATOM)
    assert (article.title, article.url, article.published, article.author) == (
        "Bridge repairs delayed", "https://courier.example/bridge", "2025-09-18", "Jonas Berg")
    assert article.text == "Repairs on the Ost bridge will take until spring."


def test_xml_that_is_not_a_feed_is_one_error(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("just some words, no feed here", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        list(read_articles([str(path)]))
    assert str(info.value).startswith(f"{path.as_posix()}: not an RSS or Atom feed")


# --------------------------------------------------------------------------- language

GERMAN = ("Die Flussbehörde von Valdmark hat am Dienstag die neue Schleuse eröffnet. Nach vier "
          "Jahren Bauzeit können nun Lastkähne mit bis zu dreitausend Tonnen das alte Wehr "
          "passieren, sagte die Verkehrsministerin bei der Eröffnung.")


@pytest.mark.parametrize(("text", "lang"), [(" ".join(BODY), "en"), (GERMAN, "de"),
                                            ("Too short to judge.", None)])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_non_english_articles_are_skipped_with_a_notice(tmp_path):
    lines = [json.dumps({"id": "en", "text": " ".join(BODY)}),
             json.dumps({"id": "de", "text": GERMAN})]
    notices: list[Skipped] = []
    articles = read(tmp_path, "mixed.jsonl", "\n".join(lines), on_skip=notices.append)
    assert [a.id for a in articles] == ["en"]
    assert articles[0].language == "en"
    assert [str(n) for n in notices] == [
        f"{(tmp_path / 'mixed.jsonl').as_posix()}: not English (language de)"]


def test_a_page_declaring_another_language_is_skipped(tmp_path):
    notices: list[Skipped] = []
    assert read(tmp_path, "fr.html", page(story(), lang="fr"), on_skip=notices.append) == []
    assert [n.kind for n in notices] == ["not English"]


# --------------------------------------------------------------------------- metadata out


def test_page_metadata_reaches_rdf_and_the_json_contract(tmp_path):
    from rdflib import Literal

    from kg.model import Extraction
    from kg.rdf import SCHEMA, article_iri, article_triples

    [article] = read(tmp_path, "all.html", with_furniture(*FURNITURE))
    extraction = Extraction(article=article, entities=(), statements=(), events=())
    triples = {(p, o) for s, p, o in article_triples(extraction) if s == article_iri(article.id)}
    assert (SCHEMA.author, Literal("Petra Holm")) in triples
    assert (SCHEMA.publisher, Literal("The Valdmark Courier")) in triples
    assert (SCHEMA.inLanguage, Literal("en")) in triples
    assert any(p == SCHEMA.url and str(o) == article.url for p, o in triples)
    record = extraction.to_json()["article"]
    assert {k: record[k] for k in ("author", "site", "language")} == {
        "author": "Petra Holm", "site": "The Valdmark Courier", "language": "en"}


# --------------------------------------------------------------------------- --keep-going


@pytest.mark.slow
def test_keep_going_says_which_line_was_skipped_and_what_was_added(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    good = {"id": "lock", "text": " ".join(BODY), "published": "2025-09-16"}
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "--store", str(tmp_path / "s"),
                                       "--keep-going", "-q"])
    assert result.exit_code == 0, result.output
    assert f"warning: skipped line 2 of {path.as_posix()}: malformed JSON" in result.output
    assert "1 added" in result.output and "1 skipped" in result.output


@pytest.mark.slow
def test_build_counts_non_english_and_lists_them_under_verbose(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "en", "text": " ".join(BODY)}) + "\n"
                    + json.dumps({"id": "de", "text": GERMAN}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "--store", str(tmp_path / "s"),
                                       "-q", "--verbose"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and "1 not English" in result.output
    assert f"skipped {path.as_posix()}: not English (language de)" in result.output


# --------------------------------------------------------------------------- duplicates


def test_the_same_text_under_two_names_is_one_article(tmp_path):
    first = tmp_path / "a" / "lock.txt"
    second = tmp_path / "b" / "lock-copy.txt"
    for path, text in ((first, "\n\n".join(BODY)), (second, "\n".join(BODY).upper())):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    other = tmp_path / "b" / "other.txt"
    other.write_text(BODY[0], encoding="utf-8")
    notices: list[Skipped] = []
    articles = list(read_articles([str(tmp_path)], on_skip=notices.append))
    assert [a.source for a in articles] == [first.as_posix(), other.as_posix()]
    assert [str(n) for n in notices] == [
        f"{second.as_posix()}: duplicate (same text as {first.as_posix()})"]


def test_a_warc_page_also_given_as_a_saved_page_is_read_once(tmp_path):
    html = with_furniture("nav", "comments")
    saved = tmp_path / "saved.html"
    saved.write_text(html, encoding="utf-8")
    write_warc(tmp_path / "c.warc", [("https://courier.example/lock", 200, "text/html",
                                      html.encode())], gz=False)
    notices: list[Skipped] = []
    articles = list(read_articles([str(saved), str(tmp_path / "c.warc")], on_skip=notices.append))
    assert [a.source for a in articles] == [saved.as_posix()]
    assert [n.kind for n in notices] == ["duplicate"]
