"""Per-mention error listing: kg's misses, wrong types and spurious mentions beside the baseline."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from kg.evaluate.adapters import GoldDoc, GoldEntity
from kg.evaluate.cli import eval_command
from kg.evaluate.errors import all_errors, document_errors, error_summary, write_errors

TEXT = "Coach Ola Vik met Mia Dahl in Halden before the Nordic Cup and a Riverton game ."


def span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def gold_doc() -> GoldDoc:
    def ent(needle, types, ignored=False):
        return GoldEntity(needle, types, start=span(needle)[0], end=span(needle)[1],
                          ignored=ignored)

    return GoldDoc(id="d1", text=TEXT, dataset="conll2003", domain="sports",
                   parts=frozenset({"entities"}),
                   entities=(ent("Ola Vik", ("Person",)), ent("Mia Dahl", ("Person",)),
                             ent("Halden", ("Place", "Country")),
                             ent("Nordic Cup", (), ignored=True),
                             ent("Riverton", ("Organization",))))


def prediction(*items: tuple[str, str]) -> dict:
    return {"entities": [{"id": f"{t}/{n}", "name": n, "type": t,
                          "mentions": [{"text": n, "start": span(n)[0], "end": span(n)[1]}]}
                         for n, t in items]}


KG = prediction(("Ola Vik", "Person"), ("Mia Dahl", "Organization"), ("Nordic Cup", "Group"),
                ("Coach", "Person"))
BASELINE = prediction(("Ola Vik", "Person"), ("Mia Dahl", "Person"), ("Halden", "Place"),
                      ("Coach", "Person"))


def test_document_errors_with_baseline_outcome():
    rows = {(e.error, e.text): (e.baseline, e.kg_type) for e in
            document_errors(gold_doc(), KG, BASELINE)}
    assert rows == {
        ("wrong_type", "Mia Dahl"): ("right", "Organization"),
        ("missed", "Halden"): ("right", ""),
        ("missed", "Riverton"): ("missed", ""),
        ("spurious", "Coach"): ("also", "Person"),
    }


def test_kg_only_errors_come_first_and_summary_counts():
    errors = all_errors([gold_doc()], [KG], [BASELINE])
    assert [(e.error, e.baseline) for e in errors] == [
        ("missed", "right"), ("wrong_type", "right"), ("missed", "missed"), ("spurious", "also")]
    assert error_summary(errors) == ("missed: 2 (baseline missed: 1, baseline right: 1); "
                                     "wrong_type: 1 (baseline right: 1); "
                                     "spurious: 1 (baseline also: 1)")


def test_write_errors_tab_separated_with_context():
    out = io.StringIO()
    write_errors(all_errors([gold_doc()], [KG], None), out)
    header, *rows = out.getvalue().splitlines()
    assert header.split("\t")[:4] == ["doc", "domain", "error", "baseline"]
    first = rows[0].split("\t")
    assert first[2:5] == ["missed", "", "Halden"]
    assert "[Halden]" in first[-1]


def test_cli_errors_file(tmp_path):
    record = {"id": "c1", "title": "Coach meets.", "text": TEXT, "split": "dev",
              "entities": [{"text": "Halden", "type": "LOC", "start": span("Halden")[0],
                            "end": span("Halden")[1]}]}
    path = tmp_path / "conll.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "errors.tsv"
    result = CliRunner().invoke(
        eval_command, [str(path), "--errors", str(out), "--json"],
        obj={"eval_predictor": lambda docs: [KG for _ in docs],
             "eval_baseline": lambda docs: [BASELINE for _ in docs]})
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1].split("\t")[2:5] == ["missed", "right", "Halden"]
    assert "predictions" not in result.output


QUOTE_TEXT = ('Ola Vik met Mia Dahl. Vik said the plan was "a real step forward" for the town. '
              '"We will not sign it," Dahl said. "Nobody asked us at all," a Halden aide said.')


def quote_doc() -> GoldDoc:
    from kg.evaluate.adapters import GoldQuote

    def quote(piece: str, speaker: str, direct: str) -> GoldQuote:
        start = QUOTE_TEXT.index(piece)
        return GoldQuote(piece, speaker, start, start + len(piece), direct)

    return GoldDoc(id="q1", text=QUOTE_TEXT, dataset="polnear", domain="wire",
                   parts=frozenset({"quotes"}),
                   quotes=(quote("a real step forward", "Vik", "partial"),
                           quote("We will not sign it,", "Dahl", "full"),
                           quote("Nobody asked us at all,", "a Halden aide", "full")))


def quote_prediction(*speakers: tuple[str, str | None, str | None]) -> dict:
    statements = []
    for piece, speaker, description in speakers:
        start = QUOTE_TEXT.index(piece)
        statements.append({"quote": piece, "speaker": speaker, "kind": "direct", "start": start,
                           "end": start + len(piece), "speaker_description": description})
    return {"statements": statements}


def test_speaker_errors_list_quotes_whose_named_speaker_kg_misses():
    kg = quote_prediction(("a real step forward", "Mia Dahl", None),
                          ("We will not sign it,", "Mia Dahl", None),
                          ("Nobody asked us at all,", None, "a Halden aide"))
    base = quote_prediction(("a real step forward", "Ola Vik", None),
                            ("We will not sign it,", "Ola Vik", None))
    errors = document_errors(quote_doc(), kg, base)
    # the right speaker is no error; a described speaker counts by resolved name only
    assert [(e.error, e.baseline, e.text, e.gold_type, e.kg_type) for e in errors] == [
        ("wrong_speaker:partial", "right", "a real step forward", "Vik", "Mia Dahl | "),
        ("wrong_speaker:full", "missed", "Nobody asked us at all,", "a Halden aide",
         " | a Halden aide"),
    ]
    assert error_summary(errors) == ("wrong_speaker:full: 1 (baseline missed: 1); "
                                     "wrong_speaker:partial: 1 (baseline right: 1)")


def phrase_doc() -> GoldDoc:
    from kg.evaluate.adapters import GoldPhrase

    return GoldDoc(id="g1", text=TEXT, dataset="giveme5w1h", parts=frozenset({"phrases"}),
                   phrases=(GoldPhrase("who", "Coach Ola Vik", ("Ola", "Vik")),
                            GoldPhrase("who", "Mia Dahl", ("Mia", "Dahl")),
                            GoldPhrase("where", "in Halden", ("Halden",)),
                            GoldPhrase("who", "a Riverton game", ())))


def test_phrase_errors_list_missed_wrong_type_and_junk_beside_the_baseline():
    kg = prediction(("Ola Vik", "Person"), ("Halden", "Person"), ("Coach", "Person"))
    base = prediction(("Mia Dahl", "Person"), ("Halden", "Place"), ("Riverton", "Organization"))
    rows = [(e.error, e.baseline, e.text, e.kg_type)
            for e in document_errors(phrase_doc(), kg, base)]
    assert rows == [("main_who:missed", "right", "Mia Dahl", ""),
                    ("main_where:wrong_type", "right", "in Halden", "Person"),
                    ("main_actor_junk", "not", "Coach", "Person")]
    # the other way round: "Riverton" inside the phrase that names no one is junk
    assert [e.error for e in document_errors(phrase_doc(), base, kg)] == [
        "main_who:missed", "main_actor_junk"]


SPLIT_TEXT = "Vela Phone sales rose. The Vela phone sold well, and Vela Phone buyers waited ."
#: gold mentions of the one product: start of each 10-letter mention
GOLD_STARTS = (0, 27, 53)


def split_doc() -> GoldDoc:
    return GoldDoc(id="s1", text=SPLIT_TEXT, dataset="meantime", domain="apple",
                   parts=frozenset({"entities"}),
                   entities=tuple(GoldEntity(SPLIT_TEXT[s:s + 10], ("Product",), start=s,
                                             end=s + 10, instance="vela")
                                  for s in GOLD_STARTS))


def node(name: str, *spans: tuple[int, int]) -> dict:
    return {"id": f"Product/{name}", "name": name, "type": "Product",
            "mentions": [{"text": SPLIT_TEXT[s:e], "start": s, "end": e} for s, e in spans]}


FIRST, THE_SECOND, SECOND, THIRD = (0, 10), (23, 37), (27, 37), (53, 63)


@pytest.mark.parametrize(("kg_nodes", "base_nodes", "expected"), [
    # one node for all three mentions: no split
    ([node("Vela Phone", FIRST, SECOND, THIRD)], [node("Vela Phone", FIRST, THIRD)], []),
    # the mention written with "The" in another case lands on a node of its own; the
    # baseline joins them
    ([node("Vela Phone", FIRST, THIRD), node("The Vela phone", THE_SECOND)],
     [node("Vela Phone", FIRST, SECOND, THIRD)],
     [("split", "not", "Vela Phone",
       "Vela Phone/Product: Vela Phone, Vela Phone | The Vela phone/Product: Vela phone")]),
    # three nodes; the baseline splits too
    ([node("A", FIRST), node("B", SECOND), node("C", THIRD)],
     [node("A", FIRST), node("B", SECOND, THIRD)],
     [("split", "also", "Vela Phone",
       "A/Product: Vela Phone | B/Product: Vela phone | C/Product: Vela Phone")]),
])
def test_split_errors_name_the_nodes_of_each_split_gold_entity(kg_nodes, base_nodes, expected):
    errors = document_errors(split_doc(), {"entities": kg_nodes}, {"entities": base_nodes})
    assert [(e.error, e.baseline, e.text, e.kg_type) for e in errors] == expected
    assert error_summary(errors) == (
        f"split: 1 (baseline {expected[0][1]}: 1)" if expected else "no errors")
