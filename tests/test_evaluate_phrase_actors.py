"""Main-event who / where actors (Giveme5W1H): name words, containment, rates, kg eval output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.evaluate.adapters import GoldPhrase, load_gold, name_words
from kg.evaluate.cli import eval_command
from kg.evaluate.metrics import Rate
from kg.evaluate.phrase_actors import ActorMention, actor_mentions, inside, phrase_actor_scores

ARTICLE = ("Ferry sinks near Tarnby\n\nDozens of divers searched the water. Skipper Olla Venn "
           "said two crew were missing. See tarnbyferries.com for updates. The skipper's "
           "company, Nordlys Lines, confirmed it.")


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("Skipper Olla Venn", ARTICLE, ("Olla", "Venn")),  # "skipper" written lowercase
        ("Tarnby", ARTICLE, ("Tarnby",)),  # a link's "tarnbyferries.com" is no lowercase use
        ("Dozens of divers", ARTICLE, ("Dozens",)),  # never written "dozens"
        ("Dozens of divers", ARTICLE + " dozens more came.", ()),
        ("Two crew", ARTICLE, ()),  # a stop word
        ("the crew", ARTICLE, ()),
        ("UK", "us and them", ("UK",)),  # an abbreviation of capitals
        ("FERRY SINKS", "a ferry sinks", ()),  # a phrase all in capitals: lowercase test only
        ("OLLA VENN", ARTICLE, ("OLLA", "VENN")),
        ("port of Tarnby", ARTICLE, ("Tarnby",)),
    ],
)
def test_name_words_follow_the_gold_capitalisation(phrase, text, expected):
    assert name_words(phrase, text) == expected


@pytest.mark.parametrize(
    ("phrase", "mention", "expected"),
    [
        ("Skipper Olla Venn", "Olla Venn", True),
        ("Skipper Olla Venn", "Venn's", True),
        ("Skipper Olla Venn", "Ven", False),  # whole words only
        ("Venn", "Olla Venn", False),  # a mention around the phrase is not inside it
        ("at the Nordlys Lines depot", "the Nordlys Lines", True),
        ("U.S. waters", "US", True),
    ],
)
def test_inside_is_whole_word_containment(phrase, mention, expected):
    assert inside(phrase, mention) is expected


def phrases() -> tuple[GoldPhrase, ...]:
    return (
        GoldPhrase("who", "Skipper Olla Venn", ("Olla", "Venn"), 3),
        GoldPhrase("who", "Nordlys Lines", ("Nordlys", "Lines"), 2),
        GoldPhrase("who", "Dozens of divers", (), 1),
        GoldPhrase("where", "near Tarnby harbour", ("Tarnby",), 3),
    )


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # every named phrase found, each with a fitting type; "Skipper" covers no name: junk
        ([ActorMention("Olla Venn", "Person"), ActorMention("Nordlys Lines", "Organization"),
          ActorMention("Tarnby", "Place"), ActorMention("Skipper", "Person")],
         {"main_actors": Rate(3, 3), "main_actors_typed": Rate(3, 3),
          "main_who_typed": Rate(2, 2), "main_where_typed": Rate(1, 1),
          "main_actors_all": Rate(3, 4), "main_actor_junk": Rate(1, 4),
          "main_actor_junk_names": ["Skipper"]}),
        # the place typed a person, the company missed; "divers" in an unnamed phrase is junk
        ([ActorMention("Venn", "Person"), ActorMention("Tarnby", "Person"),
          ActorMention("divers", "Group"), ActorMention("Oslo", "Place")],
         {"main_actors": Rate(2, 3), "main_actors_typed": Rate(1, 3),
          "main_who_typed": Rate(1, 2), "main_where_typed": Rate(0, 1),
          "main_actors_all": Rate(3, 4), "main_actor_junk": Rate(1, 3),
          "main_actor_junk_names": ["divers"]}),
        ([], {"main_actors": Rate(0, 3), "main_actors_typed": Rate(0, 3),
              "main_who_typed": Rate(0, 2), "main_where_typed": Rate(0, 1),
              "main_actors_all": Rate(0, 4), "main_actor_junk": Rate(0, 0),
              "main_actor_junk_names": []}),
    ],
)
def test_phrase_actor_scores(mentions, expected):
    assert phrase_actor_scores(phrases(), mentions) == expected


def test_actor_mentions_read_the_surface_at_each_span():
    start = ARTICLE.index("Olla Venn")
    pred = {"entities": [
        {"name": "Olla Venn", "type": "Person",
         "mentions": [{"start": start, "end": start + 9}, {"start": start, "end": start + 9},
                      {"text": "Venn"}]},
        {"name": "Nordlys Lines", "type": "Organization", "mentions": []},
    ]}
    assert actor_mentions(pred, ARTICLE) == [ActorMention("Olla Venn", "Person"),
                                             ActorMention("Venn", "Person")]


def giveme_record() -> dict:
    return {
        "id": "f1", "title": "Ferry sinks near Tarnby",
        "description": "Dozens of divers searched the water.", "text": ARTICLE.split("\n\n")[1],
        "date": "2021-03-02",
        "events": [{
            "who": [{"text": "Skipper Olla Venn", "agreement": 3},
                    {"text": "skipper  Olla Venn", "agreement": 1},  # the same phrase again
                    {"text": "Dozens of divers", "agreement": 2}, {"text": None, "agreement": 1}],
            "where": [{"text": "Tarnby", "agreement": 3}],
            "when": [{"text": "on Monday", "agreement": 3, "event_date": "2021-03-01"}],
        }],
    }


def test_giveme5w1h_gold_keeps_who_and_where_phrases(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(giveme_record()) + "\n", encoding="utf-8")
    [doc] = load_gold(path, dataset="giveme5w1h").docs
    assert doc.phrases == (GoldPhrase("who", "Skipper Olla Venn", ("Olla", "Venn"), 3),
                           GoldPhrase("who", "Dozens of divers", ("Dozens",), 2),
                           GoldPhrase("where", "Tarnby", ("Tarnby",), 3))
    assert doc.parts == {"events", "phrases"}


def test_kg_eval_reports_main_event_actors_for_both_systems(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(giveme_record()) + "\n", encoding="utf-8")
    text = load_gold(path, dataset="giveme5w1h").docs[0].text

    def entity(name: str, kind: str) -> dict:
        start = text.index(name)
        return {"name": name, "type": kind,
                "mentions": [{"start": start, "end": start + len(name)}]}

    def kg(docs):
        return [{"entities": [entity("Olla Venn", "Person"), entity("Tarnby", "Place")],
                 "events": []} for _ in docs]

    def spacy(docs):
        return [{"entities": [entity("Skipper Olla", "Organization")], "events": []}
                for _ in docs]

    runner = CliRunner()
    result = runner.invoke(eval_command, [str(path), "--dataset", "giveme5w1h", "--json"],
                           obj={"eval_predictor": kg, "eval_baseline": spacy})
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    kg_scores, base = report["systems"]["kg"], report["systems"]["baseline"]
    # "Dozens" is never written in lowercase there, so its phrase counts as named: missed
    assert kg_scores["main_actors"] == {"value": 0.6667, "hits": 2, "total": 3}
    assert kg_scores["main_actors_typed"]["hits"] == 2
    assert base["main_actors"] == {"value": 0.3333, "hits": 1, "total": 3}
    assert base["main_who_typed"] == {"value": 0.5, "hits": 1, "total": 2}
    assert base["main_actor_junk"]["hits"] == 0
    table = runner.invoke(eval_command, [str(path), "--dataset", "giveme5w1h"],
                          obj={"eval_predictor": kg, "eval_baseline": spacy})
    assert "main-event who/where named by an actor" in table.output
    assert "0.667 (2/3)" in table.output
