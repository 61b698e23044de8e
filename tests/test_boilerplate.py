"""Page furniture and datelines: what kg_boilerplate marks, and that the lede survives it."""

from __future__ import annotations

import pytest

from kg.extract.boilerplate import dateline_parts, place_name
from kg.extract.furniture import junk_and_headline_ranges
from kg.ingest import read_text
from kg.pipeline import extract_articles

LEDES = {
    "BAKU —": ("Baku", None),
    "GENEVA (Reuters) -": ("Geneva", "Reuters"),
    "MANILA, Philippines —": ("Manila", None),
    "WASHINGTON (AP) —": ("Washington", "AP"),
    "TROMSØ —": ("Tromsø", None),
    "LYON (AFP) —": ("Lyon", "AFP"),
}
HEADERS = {
    "published": "# Harbour talks resume\n\nPublished: 2025-03-14\n\n",
    "plain": "# Harbour talks resume\n\n",
    "extra blank lines": "# Harbour talks resume\n\n\n\n",
    "published, extra blank lines": "Harbour talks resume\n\nPublished: 2025-03-14\n\n\n",
    "no title": "",
}
LEDE = "Finance Minister Ola Berg met Karen Holm at the port on Tuesday."
FOLLOW = "\n\nBerg said talks would continue.\n"


@pytest.mark.parametrize("header", list(HEADERS), ids=list(HEADERS))
@pytest.mark.parametrize("dateline", list(LEDES))
def test_dateline_lede_keeps_its_actors_place_and_agency(nlp, header, dateline):
    text = HEADERS[header] + f"{dateline} {LEDE}" + FOLLOW
    article = read_text(text, source="wire.md")
    extraction = next(extract_articles([article], nlp=nlp))
    actors = {e.name: e for e in extraction.entities}
    assert {"Ola Berg", "Karen Holm"} <= set(actors), sorted(actors)
    place, agency = LEDES[dateline]
    at = text.index(dateline)
    [filed] = [e for e in extraction.entities if at in {m.start for m in e.mentions}]
    assert (filed.name.casefold(), filed.type) == (place.casefold(), "Place")
    if agency is not None:
        assert actors[agency].type == "Organization"
        assert text.index(agency, at) in {m.start for m in actors[agency].mentions}


@pytest.mark.parametrize(
    ("head", "place", "regions", "agency"),
    [("BAKU —", "BAKU", [], None),
     ("GENEVA (Reuters) -", "GENEVA", [], "Reuters"),
     ("MANILA, Philippines —", "MANILA", ["Philippines"], None),
     ("ADDIS ABABA, Nov. 12 —", "ADDIS ABABA", [], None),
     ("SANTA CRUZ, Bolivia (AP) —", "SANTA CRUZ", ["Bolivia"], "AP"),
     ("ST. LOUIS —", "ST. LOUIS", [], None),
     ("BARCELONA, Spain ―", "BARCELONA", ["Spain"], None),
     ("SEOUL/LISBON ―", "SEOUL", ["LISBON"], None),
     ("NAIROBI / KAMPALA (AFP) —", "NAIROBI", ["KAMPALA"], "AFP"),
     ("BUSAN, March 4 (Hanmir) --", "BUSAN", [], "Hanmir"),
     # a full stop after the place's word: the wire service follows it
     ("TARNOVA. NEWSLINK –", "TARNOVA", [], "NEWSLINK"),
     ("NEW HALDEN. WIREPRESS -", "NEW HALDEN", [], "WIREPRESS"),
     ("MT. HALDEN —", "MT. HALDEN", [], None)],
)
def test_dateline_parts(head, place, regions, agency):
    parts = dateline_parts(head, 0, len(head))
    assert parts is not None
    assert head[slice(*parts.place)] == place
    assert [head[slice(*r)] for r in parts.regions] == regions
    assert (head[slice(*parts.agency)] if parts.agency else None) == agency


@pytest.mark.parametrize("head", ["BREAKING —", "UPDATE 2 -", "EXCLUSIVE —"])
def test_newsroom_label_is_no_dateline_place(head):
    assert dateline_parts(head, 0, len(head)) is None


@pytest.mark.parametrize(
    ("text", "place", "expected"),
    [("TROMSØ — Talks in Tromsø went on.", "TROMSØ", "Tromsø"),
     ("ADDIS ABABA — Talks went on.", "ADDIS ABABA", "Addis Ababa"),
     ("BAKU — The talks in BAKU went on.", "BAKU", "Baku")],
)
def test_place_name_as_spelled_elsewhere(text, place, expected):
    assert place_name(text, place) == expected


@pytest.mark.parametrize(
    "text",
    ["CRICKET - HOSTS WIN BY TEN RUNS.\n\nThe hosts won at the Oval on Friday.",
     "Notes\n\nRUGBY UNION - Late Try Settles Derby\n\nThe hosts won on Friday."],
)
def test_section_label_before_a_headline_is_no_dateline(nlp, text):
    assert list(nlp(text).spans["kg_dateline"]) == []


@pytest.mark.parametrize(("lede", "place", "agency", "dash"), [
    ("GENEVA (Reuters) - Envoys met on Monday.", "GENEVA", "Reuters", ") -"),
    # a typewriter's double hyphen is a dash
    ("BUSAN (Hanmir) -- Envoys met on Monday.", "BUSAN", "Hanmir", ") --"),
])
def test_dateline_agency_is_not_typed_as_place(nlp, lede, place, agency, dash):
    doc = nlp("Talks\n\n" + lede)
    labels = {s.text: s.label_ for s in doc.spans["kg_dateline"]}
    assert labels == {place: "Place", agency: "Organization"}
    assert [doc.text[a:b] for a, b in doc._.kg_datelines] == [place + " (", dash]


def test_dateline_paragraph_after_metadata_is_not_junk():
    text = "# Talks\n\nPublished: 2025-03-14\n\nTROMSØ — Ola Berg met Karen Holm.\n"
    junk, _ = junk_and_headline_ranges(text)
    assert [text[a:b] for a, b in junk] == ["Published: 2025-03-14"]


@pytest.mark.parametrize(
    ("text", "names"),
    [("Deal\n\nBAKU — Oil Minister Parviz Shahbazov signed the deal in Baku.",
      {"BAKU": "Baku"}),
     ("Deal\n\nLYON (AFP) — The mayor opened the bridge.", {"LYON": "Lyon", "AFP": "AFP"}),
     ("Storm\n\nMANILA, Philippines — Winds hit the coast.",
      {"MANILA": "Manila", "Philippines": "Philippines"})],
)
def test_dateline_spans_carry_the_place_name(nlp, text, names):
    doc = nlp(text)
    assert {s.text: s._.kg_dateline_name for s in doc.spans["kg_dateline"]} == names
    assert {e.text for e in doc.ents} >= set(names)


# --- names in lists are content, not headings -------------------------------------------------

SQUAD = ("Squad named for Oslo friendly\n\nCoach Mia Dahl named her squad on Monday.\n\n"
         "Goalkeepers: Ingrid Lunde, Sofie Berg\nDefenders: Hanna Vik, Tuva Moen, Ella Strand\n\n"
         "The team meets on Friday.\n")
SIGNATORIES = ("Letter signed\n\nThe open letter was signed by:\n\n"
               "- Dr. Amara Okafor, University of Lagos\n"
               "- Prof. Lena Fischer, Heidelberg University\n- Tomasz Wrzesniak\n\n"
               "It was sent on Friday.\n")
TEAM = ("Cup final\n\nThe hosts won 2-1 on Sunday.\n\n"
        "Team: Ana Lopes, Marta Silva, Joana Costa, Rita Sousa\n\n"
        "Substitutes: Ines Neves, Sara Reis\n")
LINEUP = ("Lineups\n\nThe teams were:\n\n"
          "Riverton - Jan Novak, Petr Dvorak, Karel Kral, Tomas Hruby\n\n"
          "Halden - Ola Vik, Per Moen, Lars Dahl\n")
CABINET = ("New cabinet sworn in\n\nThe ministers are:\n\nJonas Lie\nMarta Holm\nPer Aas\n\n"
           "They take office at once.\n")


@pytest.mark.parametrize("text", [SQUAD, SIGNATORIES, TEAM, LINEUP, CABINET])
def test_list_lines_are_neither_headline_nor_junk(text):
    junk, headlines = junk_and_headline_ranges(text)
    marked = [text[a:b] for a, b in junk + headlines]
    assert marked in ([], [text.split("\n")[0]], ["Lineups"]), marked


@pytest.mark.parametrize(
    ("text", "names"),
    [(SQUAD, {"Sofie Berg", "Hanna Vik", "Tuva Moen"}),
     (SIGNATORIES, {"Amara Okafor", "Lena Fischer"}),
     (TEAM, {"Marta Silva", "Joana Costa", "Rita Sousa", "Sara Reis"}),
     (LINEUP, {"Petr Dvorak", "Karel Kral", "Tomas Hruby"})],
)
def test_names_in_lists_become_actors(extract, text, names):
    actors = {e.name: e.type for e in extract(text).entities}
    assert {n: actors.get(n) for n in names} == dict.fromkeys(names, "Person")


@pytest.mark.parametrize(
    ("line", "listed"),
    [("Team: Ana Lopes, Marta Silva", True),
     ("Signed: Ola Vik", True),
     ("- Prof. Lena Fischer, Heidelberg University", True),
     ("3. Karel Kral", True),
     ("Jan Novak, Petr Dvorak, Karel Kral", True),
     ("Witkoff Meets Putin as Russia Ukraine War Escalates", False),
     ("Key Developments & Timeline", False),
     ("Lebed, Chechens Sign Framework Deal", False)],
)
def test_is_list_line(line, listed):
    from kg.extract.furniture import is_list_line

    assert is_list_line(line) is listed


# --- tables and place-and-date datelines -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "table"),
    [("Riverton 3 Halden 1 Lunde 0 Vik 2", True),
     ("Hanwha 58 1 49 .542 6", True),
     ("Halden 24 14 6 4 41 22 48", True),
     ("Harbour Talks Resume After 3 Days", False),
     ("Apple Profit Rises 20 Percent", False)],
)
def test_is_table_line(line, table):
    from kg.extract.furniture import is_table_line

    assert is_table_line(line) is table


def test_results_table_rows_are_not_headlines():
    text = "Results\n\nResults of games played on Sunday.\nRiverton 3 Halden 1\nLunde 0 Vik 2\n"
    _, headlines = junk_and_headline_ranges(text)
    assert [text[a:b] for a, b in headlines] == ["Results"]


@pytest.mark.parametrize(
    ("line", "place", "region", "agency"),
    [("HALDEN 2001-04-07", "HALDEN", None, None),
     ("ST. LOUIS 2001-04-07", "ST. LOUIS", None, None),
     ("TROMSØ, Norway 2025-03-14", "TROMSØ", "Norway", None),
     ("OSLO, March 3", "OSLO", None, None),
     ("LYON 12 May 2024", "LYON", None, None),
     ("HALDEN (AFP) Apr 7, 2001", "HALDEN", None, "AFP"),
     ("BERGEN, Norway (Reuters) 2025-03-14", "BERGEN", "Norway", "Reuters")],
)
def test_place_and_date_dateline(nlp, line, place, region, agency):
    text = f"Harbour talks resume\n{line}\nThe mayor met union leaders on Friday.\n"
    doc = nlp(text)
    labels = {s.text: s.label_ for s in doc.spans["kg_dateline"]}
    assert labels == {place: "Place"} | ({region: "Place"} if region else {}) | (
        {agency: "Organization"} if agency else {})
    assert not junk_and_headline_ranges(text)[1][1:]  # only the title is a headline
    assert all(agency not in doc.text[a:b] for a, b in doc._.kg_datelines if agency)


@pytest.mark.parametrize("line", ["UPDATED 2001-04-07", "Talks went on 2001-04-07"])
def test_not_a_place_and_date_dateline(nlp, line):
    doc = nlp(f"Harbour talks resume\n{line}\nThe mayor met union leaders on Friday.\n")
    assert list(doc.spans["kg_dateline"]) == []


def test_section_label_is_not_a_dateline_range(nlp):
    doc = nlp("GOLF - LEADING SCORES.\nHALDEN 2001-04-07\nLeading scores after one round.\n")
    assert [doc.text[a:b] for a, b in doc._.kg_datelines] == ["HALDEN 2001-04-07"]


@pytest.mark.parametrize(("text", "places"), [
    ("SEOUL/LISBON ― Orvex Electronics showed a new phone on Sunday, the company said.",
     {"Seoul", "Lisbon"}),
    ("OSLO, Norway ― Talks on the fishing deal resumed on Tuesday.", {"Oslo"}),
])
def test_a_dateline_with_a_bar_or_slashes_names_its_places(extract, text, places):
    extraction = extract(text)
    assert places <= {e.name for e in extraction.entities if e.type == "Place"}


@pytest.mark.parametrize(
    ("line", "named"),
    [("Photo: Ama Boateng on stage in Tamale. (Kofi Mensah/Daily Star)", True),
     ("Image credit: Lena Moe at the Harbour Hall last week. Orvane Pictures/Ola Dahl", True),
     ("Related: Orvane to cut 200 jobs in Tamale | Why the strike failed", True),
     ("Read more: Inside the Tamale port control room", True),
     ("Photo caption: Drill cores at the Red Hill site. (Orvane/The Daily Star)", True),
     ("Related: Orvane Meets Union as Strike Looms", False),
     ("Related: Talks Resume in Tamale | Orvane cuts jobs", False),
     ("Advertisement - story continues below", False),
     ("Sign up to our newsletter from Harbour House", False),
     ("Read more:", False)],
)
def test_names_are_content(line, named):
    from kg.extract.furniture import names_are_content

    assert names_are_content(line) is named


@pytest.mark.parametrize(
    ("line", "caption"),
    [("Image 3 of 9: Dock workers march in Tamale on Monday.", True),
     ("Photo: Ama Boateng on stage in Tamale.", True),
     ("Video shows the crane falling onto the quay.", True),
     ("Related: Orvane to cut 200 jobs in Tamale", False),
     ("Read more: Inside the Tamale port control room", False),
     ("Workers at the port returned on Monday.", False)],
)
def test_is_caption(line, caption):
    from kg.extract.furniture import is_caption

    assert is_caption(line) is caption


CAPTIONED = ("# Port strike ends\n\nWorkers at the port of Tamale returned on Monday, the "
             "union said.\n\n{line}\n")


@pytest.mark.parametrize(
    ("line", "kept", "dropped"),
    [("Photo: Dock workers march in Tamale on Monday. (Kwame Asante/Daily Star)",
      {"Kwame Asante"}, set()),
     ("Related: Strike in Nairobi enters third day", {"Nairobi"}, set()),
     ("Related: Strike in Nairobi Enters Third Day", set(), {"Nairobi"}),
     ("Advertisement: Kwame Asante reads the news on Radio Tamale", set(),
      {"Kwame Asante"})],
)
def test_caption_and_link_names_become_actors_chrome_names_do_not(
        extract, line, kept, dropped):
    names = {e.name for e in extract(CAPTIONED.format(line=line)).entities}
    assert (kept <= names, dropped & names) == (True, set()), names


@pytest.mark.parametrize(("line", "speakers"), [
    # a caption written as prose quotes someone as the article does (quotes_in_captions)
    ('Photo 2 of 6: Union leader Ama Boateng at the gate. "We will be back next week for '
     'sure," she said. (Kwame Asante/Daily Star)', ["Ama Boateng"]),
    # a link to another story quotes that story's people, not this one's
    ('Related: Ama Boateng says "we will be back next week for sure"', []),
])
def test_quotes_in_a_caption_count_those_in_a_link_do_not(extract, line, speakers):
    statements = extract(CAPTIONED.format(line=line)).statements
    assert [s.speaker for s in statements if s.kind == "direct"] == speakers
