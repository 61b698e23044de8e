"""Names in results tables and lists (kg.extract.table_names, and the name bounds and type
evidence lists need), on articles written for the tests."""

from __future__ import annotations

import pytest

from kg.extract.table_names import split_at_scores, table_row_names

RESULTS = ("SOCCER - FRENCH LEAGUE RESULTS\n\nPARIS 2024-05-12\n\n"
           "Results of French league matches played on Sunday:\n\n"
           "Lyon 2 Nantes 1\nMarseille 0 Lille 0\nRennes 3 Toulouse 2\n")
STANDINGS = ("Standings after Sunday's games (played, won, drawn, lost, points):\n"
             "Halden 5 4 1 0 13\nBrekke 5 3 1 1 10\nSolvik 5 0 0 5 0\n\n"
             "Solvik have lost every game, two of them to Brekke.\n")
GOLF = ("Leading scores after the final round on Sunday:\n"
        "Tomasz Wrzesniak (Poland) 68 70 71 209\nAna Lopes (Portugal) 70 70 70 210\n")
CABINET = ("New government sworn in\n\nThe prime minister presented her government on "
           "Tuesday.\n\nThe new cabinet: Anna Berg (finance), Jonas Lie (defence), Marit "
           "Solheim (foreign affairs), Erik Dahl (health) and Kari Nygaard (justice).\n\n"
           "Berg said the budget would come first.\n")
SQUAD = ("Coach names squad for qualifiers\n\nCoach Henrik Aas named 23 players on Monday for "
         "the qualifiers against Portugal and Serbia.\n\n"
         "Goalkeepers - Ole Strand (Brann), Jon Haug (Molde).\n\n"
         "Defenders - Lars Moe, Knut Saether, Stig Rye, Tor Lunde.\n\n"
         "Aas said Strand was his first choice.\n")
SIGNATORIES = ("Scientists sign climate letter\n\nMore than 40 researchers signed an open "
               "letter to the government on Friday.\n\nAmong the signatories were Helga Brun "
               "of the University of Bergen, Omar Haddad, Li Wei and Sigrid Vold.\n\n"
               "The letter asks for a new climate law.\n")
SCORECARD = ("Norway innings:\nR. Ponting not out 46\nD. Lehmann c Vik b Dahl 12\n"
             "Total (for 4 wickets) 190\n")
TEAM_SHEET = ("Ireland's side was as follows: Brady, Keane, McAteer, Irwin, McLoughlin, "
              "O'Neill.\n")


def actors(extract, text: str) -> dict[str, str]:
    """Return actor name → type of an article."""
    return {e.name: e.type for e in extract(text).entities}


@pytest.mark.parametrize(("text", "expected"), [
    (RESULTS, {"Lyon": "Organization", "Nantes": "Organization", "Marseille": "Organization",
               "Lille": "Organization", "Rennes": "Organization", "Toulouse": "Organization"}),
    (STANDINGS, {"Halden": "Organization", "Brekke": "Organization",
                 "Solvik": "Organization"}),
    (GOLF, {"Tomasz Wrzesniak": "Person", "Ana Lopes": "Person", "Poland": "Country",
            "Portugal": "Country"}),
    (CABINET, {"Anna Berg": "Person", "Jonas Lie": "Person", "Marit Solheim": "Person",
               "Erik Dahl": "Person", "Kari Nygaard": "Person"}),
    (SQUAD, {"Ole Strand": "Person", "Jon Haug": "Person", "Lars Moe": "Person",
             "Stig Rye": "Person", "Tor Lunde": "Person", "Henrik Aas": "Person"}),
    (SIGNATORIES, {"Helga Brun": "Person", "Omar Haddad": "Person", "Li Wei": "Person",
                   "Sigrid Vold": "Person", "University of Bergen": "Organization"}),
    (SCORECARD, {"R. Ponting": "Person", "D. Lehmann": "Person"}),
    (TEAM_SHEET, {"McAteer": "Person", "McLoughlin": "Person", "O'Neill": "Person"}),
])
def test_names_in_tables_and_lists_are_actors_of_their_type(extract, text, expected):
    found = actors(extract, text)
    assert {name: found.get(name) for name in expected} == expected


@pytest.mark.parametrize(("text", "not_actors"), [
    (SQUAD, {"Goalkeepers", "Defenders", "Goalkeepers - Ole Strand"}),
    (SCORECARD, {"Total"}),
    (STANDINGS, {"Standings"}),
    ("Fixtures for the spring:\nMay 12 Halden 2 Brekke 1\nJune 3 Solvik 0 Brekke 4\n",
     {"May", "June"}),
    ("Quarterly figures (in millions):\nRevenue 412 380\nProfit 51 47\n\n"
     "Revenue rose while profit fell slightly.\n", {"Revenue", "Profit"}),
])
def test_labels_headings_and_dates_in_tables_are_no_actors(extract, text, not_actors):
    assert not_actors.isdisjoint(actors(extract, text))


@pytest.mark.parametrize(("line", "start", "end", "expected"), [
    ("Haitai 2 Samsung 0", 0, 4, ["Haitai", "Samsung"]),
    ("Bristol City 4 Leeds United 1", 0, 6, ["Bristol City", "Leeds United"]),
    ("Queen of the South 2 Halden 1", 0, 6, ["Queen of the South", "Halden"]),
    ("Bristol City 4 Leeds United 1", 0, 3, None),  # the score ends the entity: no split
])
def test_split_at_scores(nlp, line, start, end, expected):
    from spacy.tokens import Span

    doc = nlp("Results on Sunday:\n" + line + "\n")
    offset = next(t.i for t in doc if t.idx == len("Results on Sunday:\n"))
    ent = Span(doc, offset + start, offset + end, label="ORG")
    parts = split_at_scores(ent)
    assert (None if parts is None else [p.text for p in parts]) == expected


def test_split_at_scores_needs_a_table_row(nlp):
    from spacy.tokens import Span

    doc = nlp("The Apollo 11 Moon landing was watched by millions of people.")
    assert split_at_scores(Span(doc, 1, 4, label="EVENT")) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Results on Sunday:\nBrekke 3 Solvik 2\n", ["Brekke", "Solvik"]),  # a match result
    ("Standings:\nBrekke 5 4 1 0 13\nSolvik 5 3 1 1 10\n\nBrekke lead the league.\n",
     ["Brekke"]),  # named in the text below the table
    ("Standings:\nTromso 5 4 1 0 13\nSolvik 5 3 1 1 10\n", ["Tromso"]),  # a city
    ("Leading scores:\nMarta Silva 70 71 141\nRevenue 412 380\n", ["Marta Silva"]),
])
def test_table_row_names_need_evidence_beyond_the_layout(nlp, text, expected):
    doc = nlp(text)
    named = {t.i for e in doc.ents for t in e if e.label_ not in ("CARDINAL", "DATE")}
    names = [s.text for s in table_row_names(doc, set())]
    assert [n for n in expected if n not in names] == [] or named
    assert set(names) <= set(expected) | {e.text for e in doc.ents}


def test_table_row_names_skip_covered_tokens(nlp):
    doc = nlp("Results:\nHalden 3 Brekke 2\n")
    halden = next(t.i for t in doc if t.text == "Halden")
    assert [s.text for s in table_row_names(doc, {halden})] == ["Brekke"]


@pytest.mark.parametrize(("line", "result"), [
    ("Lyon 2 Nantes 1", True),
    ("Queen of the South 2 Halden 1 (halftime 1-0)", True),
    ("Bristol City 4, Leeds United 1", True),
    ("Halden won 3 of its 5 games", False),
    ("Revenue 412 380", False),
])
def test_is_result_line(line, result):
    from kg.extract.table_names import is_result_line

    assert is_result_line(line) is result


def test_prose_with_numbers_has_no_table_names(nlp):
    doc = nlp("Halden won 3 of its 5 games, and Brekke lost 2 in a row.\n")
    assert table_row_names(doc, set()) == []


def _doc_with_labels(nlp, text: str, labels: dict[str, str]):
    """Return the model's document of ``text`` with only the named entities ``labels`` gives
    (name → model label), each wherever the text writes it."""
    from spacy.util import filter_spans

    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("kg_")]):
        doc = nlp(text)
    spans = []
    for name, label in labels.items():
        start = text.find(name)
        while start >= 0:
            spans.append(doc.char_span(start, start + len(name), label=label))
            start = text.find(name, start + 1)
    doc.ents = filter_spans(spans)
    return doc


@pytest.mark.parametrize(("text", "labels", "side", "expected"), [
    ("Final\nNorthgate Rovers 2 Mila Falcons 1\n\nNorthgate Rovers coach Ian Roe spoke.\n",
     {"Northgate Rovers": "ORG"}, "Mila Falcons", True),
    ("Final\nMila Falcons 2 Northgate Rovers 1\n", {"Northgate Rovers": "ORG"},
     "Mila Falcons", True),
    # the other side a person somewhere, or named like one: sides of a singles match
    ("Final\nNorthgate Rovers 2 Mila Falcons 1\n\nNorthgate Rovers said so.\n",
     {"Northgate Rovers": "PERSON"}, "Mila Falcons", False),
    ("Final\nIan Roe 2 Mila Falcons 1\n", {"Ian Roe": "ORG"}, "Mila Falcons", False),
    # no match result: a sentence, a standings row
    ("Mila Falcons beat Northgate Rovers 2-1 on Sunday.\n", {"Northgate Rovers": "ORG"},
     "Mila Falcons", False),
    ("Standings\nNorthgate Rovers 5 4 1 0 13\nMila Falcons 5 3 1 1 10\n",
     {"Northgate Rovers": "ORG"}, "Mila Falcons", False),
])
def test_a_side_facing_an_organisation_is_one(nlp, text, labels, side, expected):
    from kg.extract.person_evidence import person_evidence
    from kg.extract.table_names import side_facing_an_organisation

    doc = _doc_with_labels(nlp, text, labels)
    start = text.index(side)
    span = doc.char_span(start, start + len(side), label="Person")
    assert side_facing_an_organisation(span) is expected
    assert person_evidence(span) is not expected  # "Mila" opens it: a given name
