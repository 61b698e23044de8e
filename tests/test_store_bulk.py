"""The bulk writer leaves the store the batch writer leaves, and `kg build` into an empty
store (bulk loader) equals `kg build --no-bulk` (records and articles written for this test)."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build_store, merge_log_path
from kg.history import BuildHistory, extraction_from_json, extraction_to_json, history_dir
from kg.model import Article, Entity, Extraction, Mention, entity_id
from kg.store import KGStore
from kg.store.bulk import BulkWriter
from kg.store.write import write_batch

ROOT = Path(__file__).resolve().parents[1]
BUILD = sys.modules["kg.build"]  # the module (kg.build is also the name of a function)
AT = "2025-05-01T10:00:00+00:00"
ANNA = entity_id("Person", "Anna Kowalski")
UN = entity_id("Organization", "United Nations")
HAMILTON = entity_id("Place", "Hamilton")
NZ = entity_id("Country", "New Zealand")


def _article(key: str, text: str, entities: list[tuple[str, str, str, tuple[str, ...],
                                                       str | None]]) -> Extraction:
    """Return a hand-made extraction of ``text``: each entity (id, name, type, aliases,
    country code) mentioned wherever its name or an alias occurs."""
    article = Article(id=f"art-{key}", title=text.split(".")[0], text=text,
                      published="2025-04-0" + key[-1], source=f"tests/{key}.txt")
    out = []
    for id_, name, type_, aliases, code in entities:
        mentions = tuple(Mention(text=form, start=i, end=i + len(form), sentence=0)
                         for form in (name, *aliases) for i in _starts(text, form))
        out.append(Entity(id=id_, name=name, type=type_, aliases=aliases, mentions=mentions,
                          country_code=code))
    return Extraction(article=article, entities=tuple(out), model="test")


def _starts(text: str, form: str) -> list[int]:
    found, start = [], text.find(form)
    while start >= 0:
        found.append(start)
        start = text.find(form, start + 1)
    return found


# Batch 1 names Anna Kowalski by her bare surname and Hamilton with no country; later
# batches give her full name, an alias of the UN, and name New Zealand beside Hamilton.
ARTICLES = {
    "a1": _article("a1", "Kowalski opened the bridge in Hamilton.",
                   [(ANNA, "Kowalski", "Person", (), None),
                    (HAMILTON, "Hamilton", "Place", (), None)]),
    "a2": _article("a2", "Anna Kowalski presented the budget. Kowalski spoke twice.",
                   [(ANNA, "Anna Kowalski", "Person", ("Kowalski",), None)]),
    "a3": _article("a3", "The United Nations (UN) opened talks. The UN asked for trucks.",
                   [(UN, "United Nations", "Organization", ("UN",), None)]),
    "a4": _article("a4", "Officials in Hamilton, New Zealand, thanked the UN and Kowalski.",
                   [(HAMILTON, "Hamilton", "Place", (), None),
                    (NZ, "New Zealand", "Country", (), "NZ"),
                    (UN, "UN", "Organization", (), None),
                    (ANNA, "Kowalski", "Person", (), None)]),
}


def _batch_store(batches: list[list[str]]) -> ox.Store:
    store = ox.Store()
    for names in batches:
        write_batch(store, [ARTICLES[n] for n in names], ingested_at=AT)
    return store


def _bulk_store(batches: list[list[str]], buffer: int | None) -> ox.Store:
    store = ox.Store()
    writer = BulkWriter(store, buffer=buffer)
    for names in batches:
        writer.add_batch([ARTICLES[n] for n in names], ingested_at=AT)
    writer.finish()
    return store


def _actor_facts(store: ox.Store, actor: str, predicate: str) -> set[str]:
    node = ox.NamedNode(f"https://w3id.org/kg/id/actor/{actor}")
    return {q.object.value for q in store.quads_for_pattern(
        node, ox.NamedNode(predicate), None, None)}


SPLITS = [
    [["a1"], ["a2"], ["a3"], ["a4"]],
    [["a1", "a2"], ["a3", "a4"]],
    [["a4", "a1"], ["a3"], ["a2"]],
    [["a1", "a2", "a3", "a4"]],
]


@pytest.mark.parametrize("batches", SPLITS)
@pytest.mark.parametrize("buffer", [None, 7])
def test_bulk_writer_leaves_the_store_the_batch_writer_leaves(batches, buffer):
    assert set(_bulk_store(batches, buffer)) == set(_batch_store(batches))


class _RecordingStore:
    """A memory store that records how many quads each bulk load hands it."""

    def __init__(self) -> None:
        self.store = ox.Store()
        self.loads: list[int] = []

    def bulk_extend(self, quads) -> None:
        quads = list(quads)
        self.loads.append(len(quads))
        self.store.bulk_extend(quads)

    def __contains__(self, quad) -> bool:
        return quad in self.store

    def __getattr__(self, name):
        return getattr(self.store, name)


@pytest.mark.parametrize("buffer", [3, 7, 40])
def test_no_bulk_load_holds_more_than_the_buffer(buffer):
    """An article's graph, a batch's shared facts and the names and counts written at the
    end are loaded a buffer at a time, so a build's memory does not grow with the corpus."""
    recording = _RecordingStore()
    writer = BulkWriter(recording, buffer=buffer)
    for names in SPLITS[0]:
        writer.add_batch([ARTICLES[n] for n in names], ingested_at=AT)
    writer.finish()
    assert len(recording.loads) > 1 and max(recording.loads) <= buffer
    assert set(recording.store) == set(_batch_store(SPLITS[0]))


def test_the_cases_the_bulk_writer_must_match_are_there():
    """The batch writer's result for one article a batch: the bare surname gave way to the
    full name, mention counts add up over batches, aliases gather, and Hamilton (placed in
    Canada, the largest Hamilton, before New Zealand was named beside it) is in New Zealand."""
    store = _bulk_store(SPLITS[0], None)
    kg = "https://w3id.org/kg/ontology#"
    assert _actor_facts(store, ANNA, kg + "name") == {"Anna Kowalski"}
    assert _actor_facts(store, ANNA, kg + "mentionCount") == {"5"}
    assert _actor_facts(store, UN, "http://www.w3.org/2004/02/skos/core#altLabel") == {"UN"}
    same_as = "http://www.w3.org/2002/07/owl#sameAs"
    assert _actor_facts(_batch_store([["a1"]]), HAMILTON, same_as) == {
        "https://sws.geonames.org/5969782/"}  # Hamilton, Ontario
    assert _actor_facts(store, HAMILTON, same_as) == {"https://sws.geonames.org/2190324/"}


# --------------------------------------------------------------------------- kg build


CORPUS = {
    "a-bridge.txt": """Bridge reopens after repairs
Published: 2025-03-03

The old river bridge reopened to traffic on Monday after six months of repairs.
"The city kept its promise," Kowalski told reporters at the opening.
Kowalski said the work had cost less than planned.
""",
    "b-floods.txt": """Floods close roads in Hamilton
Published: 2025-03-04

Heavy rain flooded several roads in Hamilton on Tuesday, and schools closed early.
Emergency crews pumped water out of basements through the night.
""",
    "c-mayor.txt": """Mayor presents budget
Published: 2025-03-05

Mayor Anna Kowalski presented the city budget to the council on Wednesday.
"We will invest in schools and roads," Anna Kowalski said.
""",
    "d-aid.txt": """Aid talks in Geneva
Published: 2025-03-06

The United Nations (UN) opened talks on food aid in Geneva on Thursday.
"We need more trucks at the border," a UN spokesman said.
""",
    "e-hamilton.txt": """Hamilton counts the cost
Published: 2025-03-07

Officials in Hamilton, New Zealand, said on Friday that the floods caused millions of
dollars of damage. The government in Wellington promised help for families in Hamilton.
""",
    "f-convoy.txt": """Food convoy crosses border
Published: 2025-03-08

A UN food convoy crossed the border on Saturday, the United Nations said.
Kowalski sent a message of support to the aid workers.
""",
}


def snapshot(store_path: Path) -> tuple[list[str], list[str]]:
    """Return the store's N-Quads lines (sorted, ingest times left out) and its merge log."""
    out = store_path.with_name(store_path.name + ".nq")
    with KGStore.open(store_path) as store:
        store.export(out, format="nq")
    quads = sorted(line for line in out.read_text(encoding="utf-8").splitlines()
                   if line.strip() and "generatedAtTime" not in line)
    out.unlink()
    log = merge_log_path(store_path)
    return quads, sorted(log.read_text(encoding="utf-8").splitlines()) if log.exists() else []


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def kept_records(store_path: Path) -> dict[str, dict]:
    """Return the unlinked extraction records a build kept, by article id."""
    history = BuildHistory(history_dir(store_path))
    try:
        return {i: extraction_to_json(history.extraction(i)) for i in history.kept_ids()}
    finally:
        history.close()


def replaying(records: dict[str, dict]):
    """Return a stand-in for the extraction step that hands back the kept records."""
    def replay(articles, **_):
        for article in articles:
            yield extraction_from_json(records[article.id])
    return replay


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("bulk") / "articles")


@pytest.fixture(scope="module")
def records(corpus, tmp_path_factory) -> dict[str, dict]:
    """The corpus extracted once (spaCy), for the builds below to replay."""
    path = tmp_path_factory.mktemp("extracted") / "kg-store"
    with KGStore.open(path) as store:
        build_store([str(corpus)], store, bulk=False)
    return kept_records(path)


def _build(path: Path, paths: list[str], **options):
    with KGStore.open(path) as store:
        report = build_store(paths, store, **options)
        empty = store.is_empty()
    return report, empty


@pytest.mark.parametrize("batch_size", [1, 2, 32])
def test_a_bulk_build_equals_the_batch_build(corpus, records, tmp_path, monkeypatch,
                                             batch_size):
    monkeypatch.setattr(BUILD, "extract_in_order", replaying(records))
    batches, bulk = tmp_path / "batches" / "kg-store", tmp_path / "bulk" / "kg-store"
    _build(batches, [str(corpus)], batch_size=batch_size, bulk=False)
    report, _ = _build(bulk, [str(corpus)], batch_size=batch_size)
    assert report.added == len(CORPUS) and report.merges >= 1
    assert snapshot(bulk) == snapshot(batches)
    assert not (bulk.parent / "kg-store.bulk").exists()
    assert not (bulk.parent / "kg-store.replaced").exists()
    quads, log = snapshot(bulk)
    assert any('"surname"' in line and "anna-kowalski" in line for line in log)
    assert any("actor/place/hamilton> <http://www.w3.org/2002/07/owl#sameAs>"
               " <https://sws.geonames.org/2190324/>" in q for q in quads)  # New Zealand


def test_a_bulk_build_keeps_the_history_in_step(corpus, records, tmp_path, monkeypatch):
    monkeypatch.setattr(BUILD, "extract_in_order", replaying(records))
    path = tmp_path / "kg-store"
    _build(path, [str(corpus)])
    history = BuildHistory(history_dir(path))
    try:
        assert history.pending_ids == [] and not history.swap_committed()
        assert all(history.linked_digest(i) for i in records)
    finally:
        history.close()
    report, _ = _build(path, [str(corpus)])
    assert (report.added, report.unchanged) == (0, len(CORPUS))


def test_the_sample_articles_build_the_same_store_either_way(tmp_path):
    articles = str(ROOT / "data" / "articles")
    _build(tmp_path / "batches", [articles], bulk=False)
    _, empty = _build(tmp_path / "bulk", [articles])
    assert not empty
    assert snapshot(tmp_path / "bulk") == snapshot(tmp_path / "batches")


def test_a_build_into_a_non_empty_store_writes_batch_by_batch(corpus, records, tmp_path,
                                                              monkeypatch):
    monkeypatch.setattr(BUILD, "extract_in_order", replaying(records))
    path = tmp_path / "kg-store"
    _build(path, [str(corpus / "a-bridge.txt")])
    calls = []
    real = KGStore.add_batch
    monkeypatch.setattr(KGStore, "add_batch",
                        lambda self, xs, at=None, **kw: calls.append(len(xs))
                        or real(self, xs, at, **kw))
    _build(path, [str(corpus)])
    assert calls  # the transactional writer ran


def test_a_memory_store_is_bulk_loaded_in_place(corpus, records, tmp_path, monkeypatch):
    monkeypatch.setattr(BUILD, "extract_in_order", replaying(records))
    batches = tmp_path / "kg-store"
    _build(batches, [str(corpus)], bulk=False)
    memory = KGStore.open(None)
    build_store([str(corpus)], memory)
    out = tmp_path / "memory.nq"
    memory.export(out, format="nq")
    quads = sorted(line for line in out.read_text(encoding="utf-8").splitlines()
                   if line.strip() and "generatedAtTime" not in line)
    assert quads == snapshot(batches)[0]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("bulk", ["--bulk", "--no-bulk"])
def test_bad_input_is_one_line_and_leaves_the_store_intact(corpus, records, tmp_path,
                                                           monkeypatch, bulk):
    from click.testing import CliRunner

    from kg.cli import main

    monkeypatch.setattr(BUILD, "extract_in_order", replaying(records))
    path = tmp_path / "kg-store"
    _build(path, [str(corpus)])
    before = snapshot(path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(bad), "--store", str(path), bulk, "-q"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "bad.jsonl" in result.output
    assert snapshot(path) == before


def test_bad_input_into_an_empty_store_stores_the_articles_before_it(corpus, records,
                                                                     tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main

    monkeypatch.setattr(BUILD, "extract_in_order", replaying(records))
    bad = tmp_path / "zz-bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    first = [str(corpus / "a-bridge.txt"), str(corpus / "c-mayor.txt")]
    outputs = {}
    for option in ("--bulk", "--no-bulk"):
        path = tmp_path / option.strip("-") / "kg-store"
        result = CliRunner().invoke(main, ["build", *first, str(bad), "--store", str(path),
                                           option, "-q"])
        assert result.exit_code == 1 and result.output.count("\n") == 1
        assert "2 articles before it stored" in result.output
        outputs[option] = snapshot(path)
    assert outputs["--bulk"] == outputs["--no-bulk"]
    assert outputs["--bulk"][0]
