"""Metrics: each matching rule and score with hand-computed expected numbers."""

from __future__ import annotations

import pytest

from kg.evaluate.adapters import GoldDate, GoldEntity, GoldQuote
from kg.evaluate.metrics import (
    PredictedDate,
    PredictedEntity,
    PredictedMention,
    PredictedQuote,
    Rate,
    Score,
    date_precision,
    date_scores,
    date_value_matches,
    description_matches,
    duplicate_entity_rate,
    duplicate_mention_rate,
    entity_mention_score,
    entity_name_score,
    event_date_hit,
    innermost_mentions,
    instance_landings,
    is_named_speaker,
    junk_actors,
    normalize_name,
    quote_score,
    spans_match,
    speaker_accuracy,
    speaker_matches,
)

ORG, PER, LOC = ("Organization",), ("Person",), ("Place", "Country")


def test_score_and_rate_arithmetic():
    s = Score(3, 4, 2, 5) + Score(1, 1, 1, 1)
    assert (s.precision, s.recall) == (0.8, 0.5)
    assert s.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    assert Score().f1 == 0.0
    assert (Rate(1, 4) + Rate(1, 0)).value == 0.5
    assert Rate().value == 0.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (0, 10), True),
        ((0, 10), (5, 20), True),  # 5 shared = half of the shorter (10)
        ((0, 10), (6, 20), False),  # 4 shared < 5
        ((0, 4), (0, 40), True),  # nested short span
        ((0, 10), (10, 20), False),  # touching only
    ],
)
def test_spans_match(a, b, expected):
    assert spans_match(a, b) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("U.S.", "us"), ("the United States", "united states"), ("Russia's", "russia"),
     ("Zelenskyy’s", "zelenskyy"), ("  Kaja   Kallas ", "kaja kallas"), ("Genève", "geneve")],
)
def test_normalize_name(text, expected):
    assert normalize_name(text) == expected


def _gold_mentions() -> list[GoldEntity]:
    return [
        GoldEntity("Acme", ORG, start=0, end=4, instance="A"),
        GoldEntity("Jane Doe", PER, start=10, end=18, instance="J"),
        GoldEntity("Paris", LOC, start=30, end=35, instance="P"),
        GoldEntity("Acme", ORG, start=50, end=54, instance="A"),
        GoldEntity("Widget X", (), start=60, end=68, instance="W"),  # product: untyped only
    ]


def _pred_mentions() -> list[PredictedMention]:
    return [
        PredictedMention(0, 4, "Organization", "org/acme"),
        PredictedMention(10, 18, "Organization", "org/jane"),  # wrong type
        PredictedMention(30, 35, "Country", "country/paris"),  # LOC accepts Country
        PredictedMention(60, 66, "Organization", "org/widget"),  # only untyped gold
        PredictedMention(80, 85, "Person", "person/ghost"),  # no gold
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # typed: gold 4 (Widget excluded), found Acme@0 + Paris = 2; predicted counted 4
        # (widget excluded), right: acme + paris = 2
        (True, Score(2, 4, 2, 4)),
        # untyped: gold 5, found 0,10,30,60 = 4; predicted 5, right 4
        (False, Score(4, 5, 4, 5)),
    ],
)
def test_entity_mention_score(typed, expected):
    assert entity_mention_score(_gold_mentions(), _pred_mentions(), typed) == expected


def test_innermost_mentions_drops_wrapper_of_same_instance():
    outer = GoldEntity("Airbus parent Eads", ORG, start=0, end=18, instance="E")
    inner = GoldEntity("Eads", ORG, start=14, end=18, instance="E")
    other = GoldEntity("Airbus", ORG, start=0, end=6, instance="B")
    assert innermost_mentions([outer, inner, other]) == [inner, other]


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        (["org/acme", "org/acme"], Rate(0, 1)),  # both Acme mentions on one node
        (["org/acme", "org/acme-corp"], Rate(1, 1)),  # split over two nodes
    ],
)
def test_duplicate_mention_rate(entities, expected):
    gold = _gold_mentions()
    pred = [PredictedMention(0, 4, "Organization", entities[0]),
            PredictedMention(50, 54, "Organization", entities[1]),
            PredictedMention(10, 18, "Person", "person/jane")]  # J has 1 mention: not eligible
    assert duplicate_mention_rate(gold, pred) == expected


PLAIN_GOLD = [
    GoldEntity("Volodymyr Zelenskyy", ("Person",), aliases=("Zelenskyy", "Zelensky")),
    GoldEntity("United States", ("Country",), aliases=("US", "U.S.")),
    GoldEntity("28-point plan", ("Plan",)),
    GoldEntity("Geneva", ()),  # untyped gold
]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # typed: gold 3; found Zelenskyy + US = 2. predicted: zel ok, us ok, plan wrong type,
        # geneva excluded (only untyped gold), ghost wrong -> 2 of 4
        (True, Score(2, 4, 2, 3)),
        # untyped: gold 4 all found; predicted 5, right 4
        (False, Score(4, 5, 4, 4)),
    ],
)
def test_entity_name_score(typed, expected):
    pred = [
        PredictedEntity("p/z", "Zelensky", "Person"),
        PredictedEntity("c/us", "United States of America", "Country", ("U.S.",)),
        PredictedEntity("o/plan", "28-Point Plan", "Organization"),
        PredictedEntity("pl/g", "Geneva", "Place"),
        PredictedEntity("p/x", "Related", "Person"),
    ]
    assert entity_name_score(PLAIN_GOLD, pred, typed) == expected


def test_duplicate_entity_rate():
    pred = [
        PredictedEntity("p/z1", "Zelenskyy", "Person"),
        PredictedEntity("p/z2", "Volodymyr Zelenskyy", "Person"),
        PredictedEntity("c/us", "US", "Country"),
    ]
    # Zelenskyy matched by 2 nodes (duplicate), US by 1; plan and Geneva unmatched
    assert duplicate_entity_rate(PLAIN_GOLD, pred) == Rate(1, 2)


@pytest.mark.parametrize(
    ("name", "is_junk"),
    [("Related", True), ("Related: Peace talks", True), ("Advertisement", True),
     ("Kremlin", False), ("Relatedness Inc", False)],
)
def test_junk_actors(name, is_junk):
    pred = [PredictedEntity("x", name, "Organization")]
    assert junk_actors(["Related", "ADVERTISEMENT"], pred) == ([name] if is_junk else [])


def test_quote_score_by_span_and_text():
    gold = [GoldQuote("we will fix every road", "The mayor", 10, 32),
            GoldQuote("It is too late for that.", "Ann Roe", 50, 74),
            GoldQuote("never again", "Bo", 90, 101)]
    pred = [PredictedQuote("we will fix every road", "Mayor", 10, 32),
            PredictedQuote("too late for that", "Roe", 56, 73),  # 17 of 17 chars inside
            PredictedQuote("something else entirely", None, 120, 143)]
    score, pairs = quote_score(gold, pred)
    assert score == Score(2, 3, 2, 3)
    assert [(g.speaker, p.speaker) for g, p in pairs] == [("The mayor", "Mayor"),
                                                          ("Ann Roe", "Roe")]
    text_only, _ = quote_score([GoldQuote("We will fix every road.", "X")],
                               [PredictedQuote("we will fix every road", "X")])
    assert text_only == Score(1, 1, 1, 1)


@pytest.mark.parametrize(
    ("speaker", "named"),
    [("he", False), ("She", False), ("The report", False), (None, False), ("said", False),
     ("Mr. Obama", True), ("The New York Post", True), ("Trump", True), ("I", False)],
)
def test_is_named_speaker(speaker, named):
    assert is_named_speaker(speaker) is named


@pytest.mark.parametrize(
    ("predicted", "gold", "right"),
    [("Barack Obama", "Mr. Obama", True), ("Clinton", "Hillary Clinton", True),
     ("New York Post", "The New York Post", True), ("Donald Trump", "Mike Pence", False),
     (None, "Trump", False), ("Marco Rubio", "Rubio's", True),
     # a name in apposition after a description, a title with "of", a reflexive, initials
     ("Dana Feld", "The club's general manager, Dana Feld", True),
     ("Dana Feld", "The club's general manager, Ann Roe", False),
     ("Jon Vik", "Secretary of Homeland Security Jon Vik", True),
     ("Mark Penn", "Penn himself", True),
     ("International Monetary Fund", "the IMF", True),
     ("National Urban League", "Ann Roe, the chief executive of the National Urban League",
      False),
     # speakers named together: each one's full name is right, a third person is not
     ("Ada Lindqvist", "Lindqvist and Okafor", True),
     ("Bayo Okafor", "Lindqvist and Okafor", True),
     ("Lindqvist", "Lindqvist and Okafor", True),
     ("Ada Berg", "Lindqvist and Okafor", False),
     ("Ada Lindqvist", "Lindqvist and the others", False)],
)
def test_speaker_matches(predicted, gold, right):
    assert speaker_matches(predicted, gold) is right


@pytest.mark.parametrize(
    ("description", "gold", "right"),
    [("The Indiana governor", "The Indiana governor", True),
     ("a spokesman", "a spokesman for Acme", True),
     ("Officials", "Officials at the port authority, a state agency,", True),
     ("the Milwaukee Courier Sentinel", "the Sentinel", True),
     ("the former secretary of state", "the former secretary of state", True),
     ("The company", "The company's chief executive, Ann Roe", False),
     ("a senior official", "a White House official", False),
     ("the IMF report", "the IMF", False),
     (None, "The Indiana governor", False)],
)
def test_description_matches(description, gold, right):
    assert description_matches(description, gold) is right


def test_speaker_accuracy_counts_named_gold_only():
    pairs = [(GoldQuote("q", "Mr. Obama"), PredictedQuote("q", "Barack Obama")),
             (GoldQuote("q", "Warren"), PredictedQuote("q", "Sanders")),
             (GoldQuote("q", "he"), PredictedQuote("q", "Obama"))]
    assert speaker_accuracy(pairs) == Rate(1, 2)


def test_speaker_accuracy_takes_the_description_kg_reports():
    pairs = [(GoldQuote("q", "The Ohio governor"),
              PredictedQuote("q", "Mark Penn", description="the Ohio governor")),
             (GoldQuote("q", "A Dow spokeswoman"),
              PredictedQuote("q", None, description="A Dow spokeswoman")),
             (GoldQuote("q", "A Dow spokeswoman"), PredictedQuote("q", None))]
    assert speaker_accuracy(pairs) == Rate(2, 3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2005-06-06", "day"), ("2005-06", "month"), ("2005", "year"), ("PAST_REF", None),
     ("2005-W23", None), ("XXXX-XX-XX", None)],
)
def test_date_precision(value, expected):
    assert date_precision(value) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "precision", "right"),
    [
        ("2005-06-06", "2005-06-06", "day", True),
        ("2005-06-06", "2005-06-07", "day", False),
        ("2005-06", "2005-06-18", "day", True),  # more precise than gold: right
        ("2005-06", "2005-06-01", "month", True),
        ("2005-06-06", "2005-06-01", "month", False),  # less precise than gold
        ("2005", "2005-01-01", "year", True),
        ("2005-06-06", "2005-06-06", "fuzzy", False),
        ("PAST_REF", "2005-06-06", "day", False),
        ("2005-06-06", None, None, False),
    ],
)
def test_date_value_matches(gold, predicted, precision, right):
    assert date_value_matches(gold, predicted, precision) is right


def test_date_scores():
    gold = [GoldDate("Monday", "2010-05-03", 10, 16), GoldDate("June", "2010-06", 30, 34),
            GoldDate("recently", "PAST_REF", 40, 48), GoldDate("2009", "2009", 60, 64)]
    pred = [PredictedDate("Monday", "2010-05-03", "day", 10, 16),
            PredictedDate("June", "2011-06", "month", 30, 34),  # wrong year
            PredictedDate("recently", None, None, 40, 48),  # right span, gold not normalizable
            PredictedDate("Friday", "2010-05-07", "day", 70, 76)]  # no gold
    result = date_scores(gold, pred)
    # normalizable gold: Monday, June, 2009 -> 2 matched; predicted right spans: 3 of 4
    assert result.spans == Score(3, 4, 2, 3)
    assert result.accuracy == Rate(1, 2)
    assert result.recall == Rate(1, 3)


def test_date_scores_match_by_text_without_offsets():
    result = date_scores([GoldDate("November 19, 2025", "2025-11-19")],
                         [PredictedDate("On November 19, 2025", "2025-11-19", "day")])
    assert result.recall == Rate(1, 1)


@pytest.mark.parametrize(
    ("predicted", "hit"),
    [
        ([PredictedDate(None, "2016-11-08", "day")], True),
        ([PredictedDate(None, "2016-11-09", "day")], False),
        ([PredictedDate(None, "2016-11-01", "month")], True),
        ([PredictedDate(None, "2016-11-08", "fuzzy")], False),
        ([PredictedDate(None, "2016-01-01", "year")], False),
        ([PredictedDate(None, None, None), PredictedDate(None, "2016-11-08", "day")], True),
        ([], False),
    ],
)
def test_event_date_hit(predicted, hit):
    assert event_date_hit(("2016-11-08",), predicted) is hit


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [("Patrick McGinley", "Mr. McGinley, the law professor", True),
     ("Michael Flynn", "Flynn, a top Trump surrogate,", True),
     ("Michael Flynn", "Mr. Pence, the governor", False)],
)
def test_speaker_matches_ignores_gold_appositive(predicted, gold, expected):
    from kg.evaluate.metrics import speaker_matches

    assert speaker_matches(predicted, gold) is expected


def test_nested_name_of_another_type_is_left_out_of_typed_precision():
    from kg.evaluate.adapters import GoldEntity
    from kg.evaluate.metrics import PredictedMention, entity_mention_score

    text = "Chrysler Chief Executive Robert Nardelli spoke."
    gold = [GoldEntity(text=text[:40], types=("Person",), aliases=(), start=0, end=40)]
    predicted = [PredictedMention(0, 8, "Organization", "org/chrysler"),
                 PredictedMention(25, 40, "Person", "person/robert-nardelli")]
    score = entity_mention_score(gold, predicted, typed=True)
    assert (score.pred_correct, score.pred_total) == (1, 1)
    alone = entity_mention_score(gold, predicted[:1], typed=True)
    assert (alone.pred_correct, alone.pred_total) == (0, 1)


@pytest.mark.parametrize(
    ("nested", "expected"),
    [
        (True, (1, 1)),   # "Nordic" right inside the group: the group is left out
        (False, (0, 1)),  # no nested prediction: the group is a wrong type for "Nordic"
    ],
)
def test_phrase_around_a_name_another_prediction_gets_right(nested, expected):
    # "Nordic ministers met.": gold marks "Nordic" (a place) inside the unnamed phrase
    gold = [GoldEntity("Nordic", LOC, start=0, end=6, instance="N")]
    predicted = [PredictedMention(0, 16, "Group", "group/nordic-ministers")]
    if nested:
        predicted.insert(0, PredictedMention(0, 6, "Place", "place/nordic"))
    score = entity_mention_score(gold, predicted, typed=True)
    assert (score.pred_correct, score.pred_total) == expected


@pytest.mark.parametrize("group_first", [True, False])
def test_a_gold_name_lands_on_the_prediction_of_its_own_extent(group_first):
    # "its Nordic unit ... told Nordic ministers": both gold "Nordic" mentions are the place;
    # the second is nested in the group's phrase, overlapping both predictions equally
    gold = [GoldEntity("Nordic", LOC, start=4, end=10, instance="N"),
            GoldEntity("Nordic", LOC, start=30, end=36, instance="N")]
    group = PredictedMention(30, 46, "Group", "group/nordic-ministers")
    place = [PredictedMention(4, 10, "Place", "place/nordic"),
             PredictedMention(30, 36, "Place", "place/nordic")]
    predicted = [group, *place] if group_first else [*place, group]
    assert duplicate_mention_rate(gold, predicted) == Rate(0, 1)


@pytest.mark.parametrize(
    ("text", "predicted", "lands_on"),
    [
        # a possessor before the head is another entity's name: the head names the mention's
        ("Vantor Systems's zTunes", [(0, 14, "org/vantor"), (17, 23, "product/ztunes")],
         "product/ztunes"),
        # a description before the head ("Nordic airframer Corvane")
        ("Nordic airframer Corvane", [(0, 6, "place/nordic"), (17, 24, "org/corvane")],
         "org/corvane"),
        # the head comes before an apposition
        ("Ola Berg, the chairman of Corvane", [(0, 8, "person/ola-berg"),
                                              (26, 33, "org/corvane")], "person/ola-berg"),
        # a stop after the head's last word
        ("Halden Group N.V.", [(0, 17, "org/halden")], "org/halden"),
        # no name at the head ("newest jet"): the one that overlaps the mention most
        ("Corvane's newest jet", [(0, 7, "org/corvane")], "org/corvane"),
    ],
)
def test_a_gold_mention_lands_on_the_name_at_its_head(text, predicted, lands_on):
    gold = [GoldEntity(text, ORG, start=0, end=len(text), instance="X")]
    mentions = [PredictedMention(a, b, "Organization", e) for a, b, e in predicted]
    assert [e for _, e in instance_landings(gold, mentions)["X"]] == [lands_on]


# --- ignored gold mentions (CoNLL MISC) --------------------------------------------------------


def test_ignored_gold_mentions_count_nowhere():
    gold = [GoldEntity("Ola Vik", PER, start=0, end=7),
            GoldEntity("Nordic", (), start=20, end=26, ignored=True),
            GoldEntity("Halden", LOC, start=40, end=46)]
    predicted = [PredictedMention(0, 7, "Person", "p1"),
                 PredictedMention(20, 26, "Group", "g1"),      # on MISC: not counted
                 PredictedMention(20, 30, "Organization", "o1"),  # overlaps MISC: not counted
                 PredictedMention(50, 55, "Person", "p2")]     # on nothing: wrong
    typed = entity_mention_score(gold, predicted, typed=True)
    untyped = entity_mention_score(gold, predicted, typed=False)
    assert (typed.pred_correct, typed.pred_total, typed.gold_found, typed.gold_total) == (
        1, 2, 1, 2)
    assert (untyped.pred_correct, untyped.pred_total, untyped.gold_found,
            untyped.gold_total) == (1, 2, 1, 2)


def test_prediction_matching_scored_gold_still_counts_over_misc():
    gold = [GoldEntity("Nordic", (), start=0, end=6, ignored=True),
            GoldEntity("Nordic Bank", ORG, start=0, end=11)]
    wrong = entity_mention_score(gold, [PredictedMention(0, 11, "Person", "x")], typed=True)
    assert (wrong.pred_correct, wrong.pred_total, wrong.gold_found) == (0, 1, 0)


@pytest.mark.parametrize(("by_description", "hits"), [(True, 2), (False, 1)])
def test_speaker_accuracy_by_name_leaves_out_description_matches(by_description, hits):
    pairs = [
        (GoldQuote("a", "The Harbour Board chair", 0, 1),
         PredictedQuote("a", "Ines Vale", 0, 1, "The Harbour Board chair")),  # the gold's words
        (GoldQuote("b", "Ann Roe", 2, 3), PredictedQuote("b", "Roe", 2, 3)),
    ]
    assert speaker_accuracy(pairs, by_description=by_description).hits == hits


@pytest.mark.parametrize(("gold", "speaker", "names", "right"), [
    ("Kato Blue", "Akin Tolu Bamidele", ("Akin Tolu Bamidele", "Kato Blue"), True),  # stage name
    ("Kato Blue", "Akin Tolu Bamidele", ("Akin Tolu Bamidele",), False),
    ("Kato Blue", "Kato Blue", (), True),
    ("Kato Blue", None, ("Kato Blue",), True),
    ("Kato Blue", "Dana Reyes", ("Dana Reyes", "Reyes"), False),
])
def test_a_speaker_counts_under_any_name_of_its_actor(gold, speaker, names, right):
    pairs = [(GoldQuote("q", gold), PredictedQuote("q", speaker, speaker_names=names))]
    assert speaker_accuracy(pairs) == Rate(int(right), 1)
