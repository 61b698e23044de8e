"""``bench/written/build_gold.py``: inline marks → plain article and offset gold, on tiny
annotated articles written here; and every written set's committed files are its build."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "written" / "build_gold.py"
_spec = importlib.util.spec_from_file_location("build_gold", SCRIPT)
build_gold = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("build_gold", build_gold)  # dataclasses look their module up
_spec.loader.exec_module(build_gold)  # type: ignore[union-attr]

HEAD = "# [[Ada Obi|P]] wins\n\nPublished: 2026-01-02\n\n"


def annotated(tmp_path: Path, body: str, domain: str = "sports") -> Path:
    (tmp_path / "annotated").mkdir(parents=True, exist_ok=True)
    path = tmp_path / "annotated" / "01-test.md"
    path.write_text(f"domain: {domain}\n\n{HEAD}{body}\n", encoding="utf-8")
    return path


def test_marks_become_offsets_instances_and_quotes(tmp_path):
    path = annotated(tmp_path, '[[Obi|P]] beat [[Japan|LO]] in the [[Rio Open|M]]. '
                     '{{Ada Obi}}"I am very happy," she said. {{-}}"Wow."\n\n'
                     '{{Ada Obi}}"It went well.\n\n{{Ada Obi}}"Next year again."')
    text, record = build_gold.build_record(path)
    assert text.startswith("# Ada Obi wins\n\nPublished: 2026-01-02\n\nObi beat Japan")
    entities = [(e["text"], e["types"], e["instance"], e.get("ignored", False))
                for e in record["gold"]["entities"]]
    assert entities == [
        ("Ada Obi", ["Person"], "Ada Obi", False), ("Obi", ["Person"], "Ada Obi", False),
        ("Japan", ["Place", "Country", "Organization"], "Japan", False),
        ("Rio Open", [], "Rio Open", True)]
    assert [(q["quote"], q["speaker"]) for q in record["gold"]["quotes"]] == [
        ("I am very happy,", "Ada Obi"), ("It went well.", "Ada Obi"),
        ("Next year again.", "Ada Obi")]
    for item in (*record["gold"]["entities"], *record["gold"]["quotes"]):
        assert text[item["start"]:item["end"]] == item.get("text", item.get("quote"))
    assert (record["title"], record["published"], record["domain"]) == (
        "Ada Obi wins", "2026-01-02", "sports")


@pytest.mark.parametrize(
    ("body", "domain", "message"),
    [('She said "no speaker here."', "sports", "has no speaker"),
     ("{{Ada Obi}} said nothing.", "sports", "speaker mark not before a quote"),
     ("[[Obi|X]] won.", "sports", "unknown code 'X'"),
     ("[[Obi|P won.", "sports", "malformed mark"),
     ("Obi won.", "gardening", "line 1 must be")],
)
def test_guideline_breaches_are_one_line_errors(tmp_path, body, domain, message):
    with pytest.raises(build_gold.AnnotationError, match=message):
        build_gold.build_record(annotated(tmp_path, body, domain))


def test_build_writes_one_gold_line_per_article(tmp_path):
    annotated(tmp_path, "[[Obi|P]] won.")
    articles, gold = build_gold.build(tmp_path)
    assert list(articles) == ["01-test.txt"]
    [record] = [json.loads(line) for line in gold.splitlines()]
    assert record["text_file"] == "articles/01-test.txt"


@pytest.mark.parametrize(("name", "domain", "other_set_domain"),
                         [("written", "sports", "health"), ("written2", "health", "sports"),
                          ("written3", "obituaries", "other"),
                          ("written4", "religion", "sports"),
                          ("written5", "shipping", "religion"),
                          ("written6", "royalty", "shipping"),
                          ("written7", "aviation", "royalty"),
                          ("written8", "racing", "aviation"),
                          ("written9", "mountaineering", "racing")])
def test_each_set_allows_its_own_domains(tmp_path, name, domain, other_set_domain):
    folder = tmp_path / name
    annotated(folder, "[[Obi|P]] won.", domain)
    assert json.loads(build_gold.build(folder)[1])["domain"] == domain
    annotated(folder, "[[Obi|P]] won.", other_set_domain)
    with pytest.raises(build_gold.AnnotationError, match="line 1 must be"):
        build_gold.build(folder)


@pytest.mark.parametrize(("name", "articles"), [("written", 40), ("written2", 42), ("written3", 42),
                                                 ("written4", 42), ("written5", 42),
                                                 ("written6", 42), ("written7", 42),
                                                 ("written8", 42), ("written9", 35)])
def test_committed_articles_and_gold_are_the_build_of_the_annotations(name, articles):
    folder = SCRIPT.parents[1] / name
    built, gold = build_gold.build(folder)
    assert len(built) == articles
    assert built == {p.name: p.read_text(encoding="utf-8")
                     for p in (folder / "articles").glob("*.txt")}
    assert gold == (folder / "gold.jsonl").read_text(encoding="utf-8")
    assert build_gold.main(["--check", "--set", name]) == 0
