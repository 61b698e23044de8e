"""Adapters: each gold format read into GoldDoc from tiny files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate.adapters import (
    GoldFormatError,
    detect_dataset,
    giveme5w1h_text,
    load_gold,
)

MEANTIME_TEXT = (
    "Acme Corp hires Jane Doe\n\nMay 2, 2010\n\n"
    "Acme Corp said on Monday that Jane Doe joins the firm from Paris in June. "
    "Later Acme Corp grew."
)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def meantime_record() -> dict:
    t = MEANTIME_TEXT
    end = t.index("Later")

    def mention(needle, type_, syn, inst, nth=0):
        s, e = _span(t, needle, nth)
        return {"text": needle, "type": type_, "syntactic_type": syn, "start": s, "end": e,
                "instance_id": inst}

    def timex(needle, type_, value, function="NONE"):
        s, e = _span(t, needle)
        return {"text": needle, "type": type_, "value": value, "function": function,
                "start": s, "end": e}

    return {
        "id": "m1", "title": "Acme Corp hires Jane Doe", "text": t, "date": "2010-05-02",
        "annotated_end": end,
        "entities": [
            mention("Acme Corp", "ORG", "NAM", "ORG1"),
            mention("Jane Doe", "PER", "NAM", "PER1"),
            mention("Acme Corp", "ORG", "NAM", "ORG1", nth=1),
            mention("Jane Doe", "PER", "NAM", "PER1", nth=1),
            mention("the firm", "ORG", "NOM", "ORG1"),
            mention("Paris", "LOC", "PRE.NAM", "LOC1"),
            mention("Acme Corp", "ORG", "NAM", "ORG1", nth=2),  # after annotated_end
            {"text": "Acme", "type": "FIN", "syntactic_type": "NAM", "start": 0, "end": 4,
             "instance_id": None},
        ],
        "timexes": [
            timex("May 2, 2010", "DATE", "2010-05-02", "CREATION_TIME"),
            timex("Monday", "DATE", "2010-05-03"),
            timex("June", "DATE", "2010-06"),
            timex("Later", "DATE", "FUTURE_REF"),  # at annotated_end: outside
            {"text": None, "type": "DATE", "value": "2011", "function": "NONE", "start": None,
             "end": None, "implicit": True},
        ],
    }


def polnear_record() -> dict:
    t = ('Vote Day\n\nThe mayor said "we will fix every road" and Ms. Roe replied "No." '
         'Later she added: "It is too late for that."')
    q1, q2, q3 = _span(t, "we will fix every road"), _span(t, "No."), \
        _span(t, "It is too late for that.")
    return {
        "id": "p1", "title": "Vote Day", "text": t, "date": "2016-10-01",
        "quotes": [{"ann_id": "E1", "direct": "partial"}, {"ann_id": "E2", "direct": "full"},
                   {"ann_id": "E3", "direct": "full"}],
        "direct_quotes": [
            {"quote": "we will fix every road", "speaker": "The mayor", "start": q1[0],
             "end": q1[1], "n_words": 5, "ann_id": "E1"},
            {"quote": "No.", "speaker": "Ms. Roe", "start": q2[0], "end": q2[1], "n_words": 1,
             "ann_id": "E2"},
            {"quote": "It is too late for that.", "speaker": "she", "start": q3[0],
             "end": q3[1], "n_words": 6, "ann_id": "E3"},
        ],
    }


def giveme_record(text: str = "A bridge fell on Tuesday. Nobody was hurt.") -> dict:
    return {
        "id": "g1", "title": "Bridge falls", "description": "A bridge fell on Tuesday.",
        "text": text, "date": "2016-11-10",
        "events": [{"who": [], "what": [{"text": "bridge fell", "agreement": 3}],
                    "when": [{"text": "on Tuesday", "agreement": 3, "event_date": "2016-11-08"},
                             {"text": "Tuesday", "agreement": 2, "event_date": "2016-11-08"},
                             {"text": None, "agreement": 1}]}],
    }


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_meantime_keeps_named_mentions_of_annotated_region(tmp_path):
    gold = load_gold(write_jsonl(tmp_path / "meantime_en.jsonl", [meantime_record()]))
    doc = gold.docs[0]
    assert gold.dataset == "meantime"
    assert doc.annotated_end == MEANTIME_TEXT.index("Later")
    assert [(e.text, e.types, e.instance) for e in doc.entities] == [
        ("Acme Corp", ("Organization",), "ORG1"),
        ("Jane Doe", ("Person",), "PER1"),
        ("Acme Corp", ("Organization",), "ORG1"),
        ("Jane Doe", ("Person",), "PER1"),
        ("Paris", ("Place", "Country"), "LOC1"),
        ("Acme", (), None),
    ]
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)
    assert [(d.text, d.value) for d in doc.dates] == [("Monday", "2010-05-03"),
                                                      ("June", "2010-06")]
    assert doc.parts == {"entities", "dates"}
    assert doc.published == "2010-05-02"


def test_polnear_keeps_direct_quotes_of_three_words(tmp_path):
    gold = load_gold(write_jsonl(tmp_path / "x.jsonl", [polnear_record()]))
    doc = gold.docs[0]
    assert gold.dataset == "polnear"
    assert [(q.quote, q.speaker, q.direct) for q in doc.quotes] == [
        ("we will fix every road", "The mayor", "partial"),
        ("It is too late for that.", "she", "full")]
    assert all(doc.text[q.start:q.end] == q.quote for q in doc.quotes)
    assert doc.parts == {"quotes"}


@pytest.mark.parametrize(
    ("description", "text", "expected"),
    [
        ("Lede here.", "Lede here. Body.", "T\n\nLede here. Body."),
        ("Lede here.", "Body only.", "T\n\nLede here.\n\nBody only."),
        (None, "Body only.", "T\n\nBody only."),
    ],
)
def test_giveme5w1h_text_adds_description_unless_repeated(description, text, expected):
    assert giveme5w1h_text("T", description, text) == expected


def test_giveme5w1h_reads_main_event_dates(tmp_path):
    gold = load_gold(write_jsonl(tmp_path / "g.jsonl", [giveme_record()]), dataset="giveme5w1h")
    doc = gold.docs[0]
    assert doc.events[0].dates == ("2016-11-08",)
    assert doc.events[0].what == "bridge fell"
    assert doc.text == "Bridge falls\n\nA bridge fell on Tuesday. Nobody was hurt."


def test_plain_json_with_text_file_relative_to_gold(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Ann Lee met Bo Park.", encoding="utf-8")
    record = {
        "id": "s1", "text_file": "texts/a.txt", "published": "2025-11-20",
        "gold": {
            "entities": [{"text": "Ann Lee", "type": "Person", "aliases": ["Lee"]},
                         {"text": "Bo Park", "type": "Person"}],
            "quotes": [{"quote": "hello there friend", "speaker": "Ann Lee"}],
            "dates": [{"text": "November 19, 2025", "iso": "2025-11-19"}],
            "junk": ["Read more"],
        },
    }
    path = tmp_path / "seed.gold.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    doc = load_gold(path).docs[0]
    assert doc.text == "Ann Lee met Bo Park."
    assert [(e.text, e.types, e.aliases) for e in doc.entities] == [
        ("Ann Lee", ("Person",), ("Lee",)), ("Bo Park", ("Person",), ())]
    assert doc.quotes[0].speaker == "Ann Lee"
    assert doc.dates[0].value == "2025-11-19"
    assert doc.junk == ("Read more",)
    assert doc.parts == {"entities", "quotes", "dates", "junk"}


PLAIN_TEXT = "Ada Obi of Lagos met Obi again at the Rio Open."


@pytest.mark.parametrize(
    ("item", "expected"),
    [({"text": "Ada Obi", "type": "Person", "start": 0, "end": 7},
      ("Ada Obi", ("Person",), 0, 7, "Ada Obi", False)),
     ({"text": "Lagos", "types": ["Place", "Country"], "start": 11, "end": 16},
      ("Lagos", ("Place", "Country"), 11, 16, "Lagos", False)),
     ({"text": "Obi", "type": "Person", "start": 21, "end": 24, "instance": "Ada Obi"},
      ("Obi", ("Person",), 21, 24, "Ada Obi", False)),
     ({"text": "Rio Open", "types": [], "start": 38, "end": 46, "ignored": True},
      ("Rio Open", (), 38, 46, "Rio Open", True))],
)
def test_plain_mentions_keep_offsets_types_instance_and_ignored(tmp_path, item, expected):
    record = {"id": "w1", "text": PLAIN_TEXT, "domain": "sports",
              "gold": {"entities": [item, {"text": "Ada Obi", "start": 0, "end": 7}]}}
    [doc] = load_gold(write_jsonl(tmp_path / "g.jsonl", [record])).docs
    e = doc.entities[0]
    assert (e.text, e.types, e.start, e.end, e.instance, e.ignored) == expected
    assert PLAIN_TEXT[e.start:e.end] == e.text
    assert doc.domain == "sports"


def test_plain_entities_are_names_unless_every_one_has_offsets(tmp_path):
    record = {"id": "w2", "text": PLAIN_TEXT,
              "gold": {"entities": [{"text": "Ada Obi", "type": "Person", "start": 0, "end": 7},
                                    {"text": "Lagos", "type": "Place"}]}}
    [doc] = load_gold(write_jsonl(tmp_path / "g.jsonl", [record])).docs
    assert [(e.start, e.end, e.instance) for e in doc.entities] == [
        (None, None, "Ada Obi"), (None, None, "Lagos")]
    assert doc.domain is None


def test_plain_missing_text_file_is_skipped_with_message(tmp_path):
    records = [{"id": "a", "text_file": "nowhere.txt", "gold": {"entities": []}},
               {"id": "b", "text": "Here.", "gold": {"entities": []}}]
    gold = load_gold(write_jsonl(tmp_path / "g.jsonl", records))
    assert [d.id for d in gold.docs] == ["b"]
    assert len(gold.skipped) == 1 and "nowhere.txt" in gold.skipped[0]


def test_limit_reads_first_documents(tmp_path):
    records = [{"id": str(n), "text": "x", "gold": {}} for n in range(5)]
    assert [d.id for d in load_gold(write_jsonl(tmp_path / "g.jsonl", records), limit=2).docs] \
        == ["0", "1"]


@pytest.mark.parametrize(
    ("name", "record", "expected"),
    [
        ("a/meantime_en/normalized.jsonl", {}, "meantime"),
        ("x.jsonl", {"id": "1", "text": "t", "gold": {}}, "plain"),
        ("x.jsonl", {"annotated_end": 3}, "meantime"),
        ("x.jsonl", {"direct_quotes": []}, "polnear"),
        ("x.jsonl", {"events": [], "description": ""}, "giveme5w1h"),
    ],
)
def test_detect_dataset(name, record, expected):
    assert detect_dataset(Path(name), [record]) == expected


def test_unknown_format_and_missing_file_raise(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", [{"id": "1", "text": "t"}])
    with pytest.raises(GoldFormatError):
        load_gold(path)
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "absent.jsonl")


# --- CoNLL-2003 -------------------------------------------------------------------------------

CONLL_TEXT = ("SOCCER - RIVERTON BEAT HALDEN.\nHALDEN 2001-04-07\n"
              "Riverton striker Ola Vik scored twice in the Nordic Cup .")


def conll_record(title: str = "SOCCER - RIVERTON BEAT HALDEN.") -> dict:
    t = CONLL_TEXT

    def mention(needle, type_, nth=0):
        s, e = _span(t, needle, nth)
        return {"text": needle, "type": type_, "start": s, "end": e}

    return {"id": "c1", "title": title, "text": t, "date": "2001-04-07", "split": "dev",
            "entities": [mention("RIVERTON", "ORG"), mention("HALDEN", "LOC", 1),
                         mention("Ola Vik", "PER"), mention("Nordic Cup", "MISC")]}


def test_conll_types_and_misc_ignored(tmp_path):
    path = tmp_path / "conll2003_dev.jsonl"
    path.write_text(json.dumps(conll_record()) + "\n", encoding="utf-8")
    gold = load_gold(path)
    assert gold.dataset == "conll2003"
    [doc] = gold.docs
    assert doc.parts == frozenset({"entities"})
    by_text = {e.text: e for e in doc.entities}
    assert by_text["RIVERTON"].types == ("Organization",)
    assert by_text["HALDEN"].types == ("Place", "Country")
    assert by_text["Ola Vik"].types == ("Person",)
    assert by_text["Nordic Cup"].ignored and by_text["Nordic Cup"].types == ()
    assert not by_text["Ola Vik"].ignored
    assert doc.domain == "sports"


def test_conll_detected_from_content(tmp_path):
    path = tmp_path / "ner.jsonl"
    path.write_text(json.dumps(conll_record()) + "\n", encoding="utf-8")
    assert load_gold(path).dataset == "conll2003"


@pytest.mark.parametrize(
    ("title", "domain"),
    [("CRICKET - HOSTS WIN BY TEN RUNS.", "sports"),
     ("RUGBY UNION - LATE TRY SETTLES IT.", "sports"),
     ("Boxing-Champion retires.", "sports"),
     ("MOTOR RACING - POLE FOR VETERAN.", "sports"),
     ("BASKETBALLSOCCER - CUP RESULTS.", "sports"),
     ("Ministers agree budget - agency.", "other"),
     ("PRESS DIGEST - Morning papers - May 2.", "other"),
     ("Far East Gold - Quiet trade expected.", "other"),
     ("Transport workers strike - union.", "other"),
     ("Harbour reopens after storm.", "other")],
)
def test_conll_domain_from_title_head(title, domain):
    from kg.evaluate.adapters import conll_domain

    assert conll_domain(title) == domain


def test_meantime_domain_is_corpus(tmp_path):
    record = meantime_record() | {"corpus": "corpus_gm"}
    path = tmp_path / "meantime.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert load_gold(path).docs[0].domain == "gm"


@pytest.mark.parametrize(
    ("name", "tail"),
    [("conll2003_dev", "conll2003_dev/normalized.jsonl"),
     ("conll2003", "conll2003_dev/normalized.jsonl"),
     ("meantime", "meantime_en/normalized.jsonl"),
     ("seed", "bench/gold/seed.gold.json"),
     ("written", "bench/written/gold.jsonl"),
     ("written2", "bench/written2/gold.jsonl"),
     ("written3", "bench/written3/gold.jsonl"),
     ("written4", "bench/written4/gold.jsonl"),
     ("written5", "bench/written5/gold.jsonl"),
     ("written6", "bench/written6/gold.jsonl"),
     ("written7", "bench/written7/gold.jsonl"),
     ("written8", "bench/written8/gold.jsonl"),
     ("written9", "bench/written9/gold.jsonl")],
)
def test_named_set_paths(monkeypatch, tmp_path, name, tail):
    from kg.evaluate.adapters import REPO_SETS, named_set_path

    monkeypatch.setenv("KG_EVAL_DIR", str(tmp_path))
    path = named_set_path(name)
    assert str(path).endswith(tail)
    assert (path.parent.parent == tmp_path) != (name in REPO_SETS)
    assert named_set_path("no_such_set") is None


def test_meantime_products_are_typed_product(tmp_path):
    text = "The Skylark 9 sold well for Acme Corp."
    record = {"id": "m2", "corpus": "corpus_apple", "title": "", "text": text,
              "annotated_end": len(text), "entities": [
                  {"text": "The Skylark 9", "start": 0, "end": 13, "type": "PRO",
                   "syntactic_type": "NAM", "instance_id": "PRO1"},
                  {"text": "Acme Corp", "start": 28, "end": 37, "type": "ORG",
                   "syntactic_type": "NAM", "instance_id": "ORG1"}], "timexes": []}
    doc = load_gold(write_jsonl(tmp_path / "meantime_en.jsonl", [record])).docs[0]
    assert [(e.text, e.types) for e in doc.entities] == [("The Skylark 9", ("Product",)),
                                                          ("Acme Corp", ("Organization",))]
