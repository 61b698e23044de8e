"""End to end over the sample Geneva article (our own restatement of the seed's facts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_articles
from kg.pipeline import extract_articles

GENEVA = Path(__file__).resolve().parents[1] / "data" / "articles" / "01-geneva-peace-talks.txt"


@pytest.fixture(scope="module")
def geneva(nlp):
    [article] = list(read_articles([str(GENEVA)]))
    return next(extract_articles([article], nlp=nlp))


def test_actors_have_types_and_no_duplicates(geneva):
    by_name = {e.name: e.type for e in geneva.entities}
    expected = {"Marco Rubio": "Person", "Vladimir Putin": "Person", "Kaja Kallas": "Person",
                "Volodymyr Zelenskyy": "Person", "Dmitry Peskov": "Person",
                "Russia": "Country", "Ukraine": "Country", "United States": "Country",
                "Geneva": "Place", "Ternopil": "Place", "NATO": "Organization",
                "Kremlin": "Organization", "28-point peace plan": "Plan"}
    assert {k: by_name.get(k) for k in expected} == expected
    assert len(by_name) == len(geneva.entities)


def test_no_junk_actors(geneva):
    names = {e.name for e in geneva.entities}
    assert not any("&" in n or n.startswith("Related") for n in names)


def test_quotes_have_named_speakers(geneva):
    direct = [s for s in geneva.statements if s.kind == "direct"]
    assert len(direct) >= 5
    assert all(s.speaker for s in direct)
    assert all(s.speaker.lower() not in ("he", "she", "they", "we") for s in direct)
    speakers = {s.speaker for s in direct}
    assert {"Marco Rubio", "Kaja Kallas", "Dmitry Peskov"} <= speakers


def test_provenance_offsets_point_into_the_text(geneva):
    text = geneva.article.text
    for entity in geneva.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
    for s in geneva.statements:
        assert s.quote in text[s.mention.start:s.mention.end + 1] or s.quote.split()[0] in text


def test_timeline_events(geneva):
    dated = {e.date: e for e in geneva.events if e.date_precision == "day"}
    strike = dated["2025-11-19"]
    assert strike.type == "attack"
    assert "country/russia" in {p.entity_id for p in strike.participants if p.role == "agent"}
    assert [p.name for p in strike.places] == ["Ternopil"]


def test_roles(geneva):
    roles = {(r.person_id, r.title) for r in geneva.roles}
    assert ("person/marco-rubio", "Secretary of State") in roles


def test_merged_event_keeps_every_report_span(extract):
    from kg.rdf import KG, event_reference_iri, extraction_triples

    x = extract("Russia attacked Odesa on Monday. Russia struck Odesa again, officials said.")
    attack = next(e for e in x.events if e.type == "attack")
    assert [m.text for m in attack.mentions] == [
        "Russia attacked Odesa on Monday.", "Russia struck Odesa again, officials said."]
    assert [m["start"] for m in attack.to_json()["mentions"]] == [0, 33]
    triples = extraction_triples(x)
    report = event_reference_iri(x.article.id, attack.id)
    spans = [o for s, p, o in triples if s == report and p == KG.hasMention]
    assert len(spans) == 2


# --------------------------------------------------------------------------- long texts

LONG_PARAGRAPHS = [
    'Mayor Ines Okafor opened the new bridge in Lagos on Monday. "It joins two halves of the '
    'city," Okafor said.',
    "Governor Paul Adeyemi praised the builders. Adeyemi said the bridge took four years.",
    '"Traffic will fall by a third," Okafor told reporters on Tuesday.',
    "The engineers said the bridge can carry heavy lorries.",
]


@pytest.mark.parametrize("limit", [40, 120, 1000])
@pytest.mark.parametrize("text", [
    "\n\n".join(LONG_PARAGRAPHS * 3),
    " ".join(LONG_PARAGRAPHS * 3),
    "x" * 500,
])
def test_text_chunks_cover_the_text_within_the_limit(text: str, limit: int):
    from kg.pipeline import text_chunks

    chunks = text_chunks(text, limit)
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= limit for _, c in chunks)
    assert [o for o, _ in chunks] == [sum(len(c) for _, c in chunks[:i]) for i in range(len(chunks))]


def test_text_chunks_cut_after_paragraphs():
    from kg.pipeline import text_chunks

    text = "\n\n".join(LONG_PARAGRAPHS)
    chunks = text_chunks(text, len(LONG_PARAGRAPHS[0]) + len(LONG_PARAGRAPHS[1]) + 10)
    assert [c.strip() for _, c in chunks] == [
        "\n\n".join(LONG_PARAGRAPHS[:2]), "\n\n".join(LONG_PARAGRAPHS[2:])]


@pytest.fixture
def small_limits(nlp, monkeypatch):
    """Chunks of 150 characters and a spaCy limit of 400, so a short text is 'too long'."""
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "CHUNK_CHARS", 150)
    monkeypatch.setattr(nlp, "max_length", 400)
    return nlp


def _long_article(text: str):
    from kg.model import Article

    return Article(Article.make_id("long", text), "Bridge opens", text, "2025-11-25", "long")


def test_a_text_over_the_spacy_limit_is_extracted_in_chunks(small_limits):
    text = "\n\n".join(LONG_PARAGRAPHS * 4)
    assert len(text) > small_limits.max_length
    [x] = extract_articles([_long_article(text)], nlp=small_limits)
    mentions = [m for e in x.entities for m in e.mentions] + [s.mention for s in x.statements]
    mentions += [r.mention for r in x.roles]
    assert mentions and all(text[m.start:m.end] == m.text for m in mentions)
    assert all(text[d.start:d.end] == d.text for d in x.dates)
    [okafor] = [e for e in x.entities if "Okafor" in e.name]
    assert len(okafor.mentions) == 12  # one actor, "Okafor" in a later chunk included
    assert len({e.id for e in x.entities}) == len(x.entities)
    quotes = sorted(s.quote for s in x.statements if s.kind == "direct")
    assert quotes == sorted(["It joins two halves of the city,", "Traffic will fall by a third,"]
                            * 4)
    assert len({s.id for s in x.statements}) == len(x.statements)
    sentences = [m.sentence for m in sorted(mentions, key=lambda m: m.start)]
    assert sentences == sorted(sentences) and sentences[-1] > 10


def test_chunked_statements_match_the_whole_text(small_limits, monkeypatch):
    import kg.pipeline

    text = "\n\n".join(LONG_PARAGRAPHS)
    [chunked] = extract_articles([_long_article(text)], nlp=small_limits)
    monkeypatch.setattr(kg.pipeline, "CHUNK_CHARS", 10_000)
    monkeypatch.setattr(small_limits, "max_length", 10_000)
    [whole] = extract_articles([_long_article(text)], nlp=small_limits)

    def quotes(x):
        return {(s.quote, s.mention.start, s.mention.sentence, s.speaker) for s in x.statements
                if s.kind == "direct"}

    assert quotes(chunked) == quotes(whole) and len(quotes(whole)) == 2


@pytest.mark.parametrize(("a", "b"), [
    (("2011-03", "month"), ("2011-06", "month")),
    (("2011", "year"), ("2012", "year")),
])
def test_two_dated_events_of_one_sentence_get_two_ids(a, b):
    from kg.pipeline import event_id

    first = event_id("art1", "other", a[0], a[1], (), (), 731)
    assert first != event_id("art1", "other", b[0], b[1], (), (), 731)
    assert first == event_id("art1", "other", a[0], a[1], (), (), 731)


def test_only_typed_events_share_ids_across_articles():
    from kg.pipeline import event_id

    def two(type_: str) -> tuple[str, str]:
        return tuple(event_id(art, type_, "2025-05-02", "day", ("country/chile",), (), 10)
                     for art in ("art1", "art2"))

    signed, other = two("sign"), two("other")
    assert signed[0] == signed[1]  # "Chile signed ..." in two articles: one event
    assert other[0] != other[1]  # "Chile closed ...", "Chile said ...": the trigger is unknown


def test_one_statement_per_content_span(nlp):
    from kg.extract.quotes import StatementInfo
    from kg.model import Article
    from kg.pipeline import doc_to_extraction

    text = "Talks stall\n\nThe ministers failed to agree, Lara Costa added, a source said.\n"
    doc = nlp(text)
    content = (13, 44)  # "The ministers failed to agree"
    costa = next(iter(doc._.kg_entities), None)
    doc._.kg_statements = [
        StatementInfo("reported", *content, costa, None, "added", "add", (), ()),
        StatementInfo("reported", *content, None, "a source", "said", "say", (), ()),
    ]
    x = doc_to_extraction(doc, Article("a1", "Talks stall", text, "2025-11-25"))
    assert [(s.cue, s.mention.start, s.mention.end) for s in x.statements] == [("added", 13, 44)]
