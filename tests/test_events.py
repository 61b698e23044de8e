"""Tests for kg.extract.events: typed, dated events with participants, places and merging."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg.extract.dates import DateValue
from kg.extract.events import EventInfo, dates_compatible, event_label, merge_events
from kg.lexicon.events import EVENT_LEMMAS, EVENT_TYPES

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "event-types.ttl"

TIMELINE = """Timeline of the dispute

- March 3, 2025: Russian drone strikes on Kharkiv injure dozens of people.
- March 5, 2025: Ukrainian President Volodymyr Zelenskyy receives the draft plan.
- March 7, 2025: Poland and Germany sign a pipeline agreement in Berlin.
"""


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


def _events(nlp, text: str, published: str = "2025-03-12") -> list[EventInfo]:
    doc = nlp.make_doc(text)
    doc._.kg_published = published
    return nlp(doc)._.kg_events


def _names(ids: tuple[str, ...]) -> set[str]:
    return {i.split("/", 1)[1] for i in ids}


def test_timeline_entries_become_dated_events(nlp) -> None:
    events = _events(nlp, TIMELINE)
    assert [(e.date.iso, e.date.precision, e.type) for e in events] == [
        ("2025-03-03", "day", "attack"), ("2025-03-05", "day", "receive"),
        ("2025-03-07", "day", "sign")]


def test_attack_has_agent_and_place(nlp) -> None:
    attack = _events(nlp, TIMELINE)[0]
    assert _names(attack.agents) == {"russia"}
    assert _names(attack.places) == {"kharkiv"}
    assert attack.label == "Russia strikes on Kharkiv"


def test_person_not_title_country_is_agent(nlp) -> None:
    receive = _events(nlp, TIMELINE)[1]
    assert _names(receive.agents) == {"volodymyr-zelenskyy"}


def test_sign_has_agents_and_place(nlp) -> None:
    sign = _events(nlp, TIMELINE)[2]
    assert _names(sign.agents) == {"poland", "germany"}
    assert _names(sign.places) == {"berlin"}


@pytest.mark.parametrize(
    ("text", "iso", "precision", "type_"),
    [
        ("Marco Rubio met Sergei Lavrov in Geneva on Monday.", "2025-03-10", "day", "meet"),
        ("Marco Rubio will meet Sergei Lavrov in Geneva on Friday.", "2025-03-14", "day",
         "meet"),
        ("France rejected the proposal last month.", "2025-02", "month", "reject"),
        ("Russia attacked Odesa with drones.", "2025-03-12", "fuzzy", "attack"),
    ],
)
def test_sentence_events_are_dated(nlp, text: str, iso: str, precision: str,
                                   type_: str) -> None:
    [event] = _events(nlp, text)
    assert (event.date, event.type) == (DateValue(iso, precision), type_)


def test_undated_sentence_takes_paragraph_date(nlp) -> None:
    text = ("Talks opened in Geneva on Monday. Marco Rubio met Sergei Lavrov there.\n\n"
            "Later, Russia attacked Odesa.")
    events = _events(nlp, text)
    meet = next(e for e in events if e.type == "meet" and "person/marco-rubio" in e.agents)
    attack = next(e for e in events if e.type == "attack")
    assert meet.date == DateValue("2025-03-10", "day")
    assert attack.date.precision == "fuzzy"


def test_same_strike_reported_twice_merges(nlp) -> None:
    text = ("Russia attacked Odesa on Monday. Russia struck Odesa again, officials said.")
    attacks = [e for e in _events(nlp, text) if e.type == "attack"]
    assert len(attacks) == 1
    assert attacks[0].date == DateValue("2025-03-10", "day")


def _event(type_: str, iso: str, precision: str, agents=(), places=(), start=0) -> EventInfo:
    return EventInfo(type_, "t", DateValue(iso, precision), None, tuple(agents), (), (),
                     tuple(places), start, start + 1, "l", mentions=((start, start + 1),))


@pytest.mark.parametrize(
    ("a", "b", "merged"),
    [
        (_event("attack", "2025-03-10", "day", ["country/russia"]),
         _event("attack", "2025-03", "month", ["country/russia"], start=5), 1),
        (_event("attack", "2025-03-10", "day", ["country/russia"]),
         _event("attack", "2025-03-11", "day", ["country/russia"], start=5), 2),
        (_event("attack", "2025-03-10", "day", ["country/russia"]),
         _event("meet", "2025-03-10", "day", ["country/russia"], start=5), 2),
        (_event("attack", "2025-03-10", "day", [], ["place/odesa"]),
         _event("attack", "2025-03-12", "fuzzy", ["country/russia"], ["place/odesa"], 5), 1),
        (_event("attack", "2025-03-10", "day", ["country/russia"], ["place/odesa"]),
         _event("attack", "2025-03-10", "day", ["country/russia"], ["place/kyiv"], 5), 2),
    ],
)
def test_merge_events(a: EventInfo, b: EventInfo, merged: int) -> None:
    out = merge_events([a, b])
    assert len(out) == merged
    if merged == 1:
        assert out[0].date.precision == "day"
        assert out[0].mentions == ((0, 1), (5, 6))


@pytest.mark.parametrize(("a", "b", "ok"), [("2025-03-10", "2025-03", True),
                                            ("2025-03", "2025-04", False),
                                            ("2025", "2025-03-10", True)])
def test_dates_compatible(a: str, b: str, ok: bool) -> None:
    assert dates_compatible(DateValue(a, "day"), DateValue(b, "day")) is ok


@pytest.mark.parametrize(
    ("agents", "trigger", "targets", "places", "type_", "label"),
    [
        (["Russia"], "strikes", [], ["Ternopil"], "attack", "Russia strikes on Ternopil"),
        ([], "shooting", [], ["Seattle"], "attack", "shooting in Seattle"),
        (["Ukraine"], "counterproposal", [], [], "propose", "Ukraine counterproposal"),
        (["Poland", "Germany"], "talks", ["Russia"], ["Geneva"], "meet",
         "Poland and Germany talks Russia in Geneva"),
    ],
)
def test_event_label(agents, trigger, targets, places, type_, label) -> None:
    assert event_label(agents, trigger, targets, places, type_) == label


def test_lexicon_types_are_in_taxonomy() -> None:
    assert set(EVENT_LEMMAS.values()) <= set(EVENT_TYPES)
    assert all(code == "" or (len(code) == 2 and code.isdigit()) for code in EVENT_TYPES.values())


def test_ontology_lists_every_type_with_its_cameo_code() -> None:
    import rdflib

    graph = rdflib.Graph().parse(ONTOLOGY)
    kget = rdflib.Namespace("https://w3id.org/kg/ontology/event-type/")
    cameo = rdflib.URIRef("https://w3id.org/kg/ontology#cameoCode")
    for name, code in EVENT_TYPES.items():
        concept = kget[name]
        assert (concept, rdflib.RDF.type, rdflib.SKOS.Concept) in graph
        assert {str(o) for o in graph.objects(concept, cameo)} == ({code} if code else set())


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        # the title's event is dated by the lede's weekday (published on a Wednesday)
        ("Storm Floods Harbour District\n\nHeavy rain flooded the harbour on Tuesday, the "
         "mayor said.", "2025-03-11", "day"),
        # a dated lede sentence without any named actor still gives an event
        ("Bridge reopens after repairs\n\nThe old bridge reopened to traffic on Monday after "
         "months of repairs.", "2025-03-10", "day"),
        # the lede names no date: the main event keeps the publication day as fuzzy
        ("Ferry sinks near island\n\nA small ferry sank near the island, the coastguard "
         "said.", "2025-03-12", "fuzzy"),
    ],
)
def test_main_event_dated_by_lede(nlp, text: str, iso: str, precision: str) -> None:
    events = _events(nlp, text)
    assert events
    assert DateValue(iso, precision) in [e.date for e in events]
    if precision == "fuzzy":
        assert all(e.date.precision == "fuzzy" for e in events)


def test_each_dated_clause_of_the_lede_is_an_event(nlp) -> None:
    text = ("The mayor, who won the vote on Monday, opened the new bridge on Tuesday, "
            "officials said.")
    dates = {e.date.iso for e in _events(nlp, text)}
    assert {"2025-03-10", "2025-03-11"} <= dates


def test_undated_late_sentence_without_actor_gives_no_event(nlp) -> None:
    filler = " ".join(f"The committee met for session number {n}." for n in range(12))
    text = f"Council meets\n\n{filler} The old bridge reopened on Monday."
    assert "2025-03-10" not in {e.date.iso for e in _events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "titles", "body"),
    [
        ("Storm Floods Harbour\n\nRain flooded the harbour. Crews pumped water away.",
         1, 2),
        ("Rain flooded the harbour on Monday. Crews pumped water away.", 0, 2),
    ],
)
def test_opening_sentences(nlp, text: str, titles: int, body: int) -> None:
    from kg.extract.boilerplate import doc_text
    from kg.extract.events import opening_sentences

    doc = nlp(text)
    found = opening_sentences(list(doc.sents), doc_text(doc), doc._.kg_junk,
                              doc._.kg_headlines)
    assert (len(found[0]), len(found[1])) == (titles, body)


@pytest.mark.parametrize(
    ("dated", "iso"),
    [
        ({0: ("2025-03-20", "day"), 1: ("2025-03-10", "day")}, "2025-03-10"),  # future skipped
        ({0: ("2025", "year"), 2: ("2025-02", "month")}, "2025-02"),
        ({1: ("2025-03-11", "day"), 0: ("2025-03-09", "day")}, "2025-03-09"),  # lede order
        ({}, None),
    ],
)
def test_main_event_date(dated, iso) -> None:
    from kg.extract.dates import DateInfo
    from kg.extract.events import main_event_date

    infos = {i: DateInfo("x", 0, 1, DateValue(v, p)) for i, (v, p) in dated.items()}
    found = main_event_date([0, 1, 2], infos, DateValue("2025-03-12", "fuzzy"))
    assert (found.value.iso if found else None) == iso


@pytest.mark.parametrize(
    ("text", "iso", "precision", "basis"),
    [
        # present perfect lede: the event stands on the publication day
        ("Harbour crane falls\n\nA harbour crane has collapsed onto two cargo ships, port "
         "officials said.", "2025-03-12", "day", "publication"),
        # present tense with a copula: the trigger is the event verb of the "after" clause
        ("Crane accident at port\n\nThree workers are injured after a crane collapsed at "
         "the port.", "2025-03-12", "day", "publication"),
        # a bare time of day in the lede names the publication day
        ("Train leaves the tracks\n\nA freight train derailed near the station at around "
         "5.40am, blocking the line.", "2025-03-12", "day", "publication"),
        # simple past and no date: the day is unknown, so the publication day stays fuzzy
        ("Ferry sinks near island\n\nA small ferry sank near the island, the coastguard "
         "said.", "2025-03-12", "fuzzy", "publication"),
        # an explicit date in the lede wins over the tense
        ("Crane accident at port\n\nA crane has collapsed at the port on Monday, officials "
         "said.", "2025-03-10", "day", "text"),
    ],
)
def test_main_event_on_the_report_day(nlp, text: str, iso: str, precision: str,
                                      basis: str) -> None:
    events = _events(nlp, text)
    assert (DateValue(iso, precision), basis) in [(e.date, e.date_basis) for e in events]


def test_later_opening_date_does_not_date_a_present_perfect_lede(nlp) -> None:
    text = ("Police name the crash victims\n\nPolice have named the four victims of the "
            "bus crash. The driver was a local man. His family lives nearby. The bus left "
            "the depot on Saturday.")
    main = next(e for e in _events(nlp, text) if e.type == "appoint")
    assert (main.date, main.date_basis) == (DateValue("2025-03-12", "day"), "publication")


@pytest.mark.parametrize(
    ("text", "current"),
    [
        ("The minister has resigned.", True),
        ("Rescuers are searching the rubble.", True),
        ("The company changes its logo.", True),
        ("The minister resigned.", False),
        ("The minister will resign.", False),
        ("The minister had resigned.", False),
    ],
)
def test_reported_as_current(nlp, text: str, current: bool) -> None:
    from kg.extract.events import reported_as_current

    assert reported_as_current(next(nlp(text).sents).root) is current


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("The tram overturned at around 6am near the stop.", "6am"),
        ("The polls closed at 10 p.m. in the capital.", "10 p.m."),
        ("The two leaders spoke for 90 minutes.", None),
        ("A freight train derailed at 5.40am.", "5.40am"),
    ],
)
def test_clock_time(nlp, text: str, clock: str | None) -> None:
    from kg.extract.events import clock_time

    found = clock_time(next(nlp(text).sents))
    assert (found[0] if found is not None else None) == clock


@pytest.mark.parametrize("lemma", ["derail", "overturn", "collapse", "explosion", "crash"])
def test_accidents_are_typed(lemma: str) -> None:
    assert EVENT_LEMMAS[lemma] == "accident"


@pytest.mark.parametrize(("text", "iso"), [
    ("The old bridge reopened on Tuesday, its first opening since March.", "2025-03-11"),
    ("The port authority said the harbour would stay shut until Friday.", None),
])
def test_reference_dates_do_not_date_the_event(nlp, text: str, iso: str | None) -> None:
    dates = {e.date.iso for e in _events(nlp, text) if e.date.precision != "fuzzy"}
    assert dates == ({iso} if iso else set())


@pytest.mark.parametrize(("text", "places"), [
    # "the city of X" object of an attack is its place
    ("Russian missiles struck the port of Odesa on Tuesday.", {"odesa"}),
    # a place of another verb joined by "and" is not this event's place
    ("Russian drones hit the city of Kharkiv on Monday, and troops kept pressing in Donetsk.",
     {"kharkiv"}),
])
def test_attack_places(nlp, text: str, places: set[str]) -> None:
    attack = next(e for e in _events(nlp, text) if e.type == "attack")
    assert _names(attack.places) == places


@pytest.mark.parametrize(("text", "type_", "label"), [
    ("Russia launched an invasion of Ukraine in February 2022.", "attack",
     "Russia launches invasion in Ukraine"),
    ("The EU announced new sanctions on Russian banks on Monday.", "sanction",
     "European Union announces new sanctions on Russia"),
])
def test_light_verb_takes_the_type_of_its_object(nlp, text: str, type_: str, label: str) -> None:
    events = _events(nlp, text)
    assert [(e.type, e.label) for e in events] == [(type_, label)]


@pytest.mark.parametrize(("text", "label"), [
    ("# Opposition candidate wins Maldives presidential polls\n\nThe commission said on Monday "
     "that the candidate won.", "Opposition candidate wins Maldives"),
    ("# Singer announces plan to release new album\n\nThe singer will tour in May.",
     "Singer announces plan"),
])
def test_a_headlines_heading_mark_is_no_word_of_a_label(nlp, text: str, label: str) -> None:
    assert _events(nlp, text)[0].label == label


@pytest.mark.parametrize("noun", ["shooting", "stabbing", "massacre", "bombing"])
def test_violent_nouns_are_attacks(noun: str) -> None:
    assert EVENT_LEMMAS[noun] == "attack"


def test_title_event_takes_the_date_of_its_own_type(nlp) -> None:
    # "Friday" dates the death toll; "late Thursday" dates the bombing the title reports
    text = ("Rebels attack the consulate in Kandahar with a truck bomb\n\nThe death toll from "
            "a truck bombing at the consulate in Kandahar rose to nine Friday. Officials said the "
            "bombing late Thursday tore a crater in the road.")
    main = next(e for e in _events(nlp, text, "2025-03-15") if (0, 59) in e.mentions)
    assert (main.type, main.date, main.date_text) == (
        "attack", DateValue("2025-03-13", "day"), "late Thursday")


def test_title_line_places_complete_the_main_event(nlp) -> None:
    text = ("Rally shooting: Five shot in Leeds close to a protest\n\nFive people have been "
            "shot close to a busy market.")
    main = next(e for e in _events(nlp, text) if e.start == 0)
    assert main.type == "attack"
    assert _names(main.places) == {"leeds"}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("A bomber rams a truck into the embassy in Valdora, officials said.", "attack"),
        ("Valdora shooting leaves three hurt in the old town, police said.", "attack"),
    ],
)
def test_event_types_of_subjects_and_verbs(nlp, text: str, type_: str) -> None:
    types = {e.type for e in _events(nlp, text)}
    assert type_ in types


def test_attributive_year_dates_no_event(nlp) -> None:
    text = ("Rossi wins in the rain\n\nMarco Rossi crashed into Pablo Ferrer but went on to "
            "win. The 2009 world champion Ferrer could not respond.")
    assert "2009" not in {e.date.iso for e in _events(nlp, text, "2025-03-09")}


@pytest.mark.parametrize(
    ("date", "compatible"),
    [
        (DateValue("2025-03-10", "day"), True),
        (DateValue("2025-02", "month"), True),
        (DateValue("2025", "year"), True),
        (DateValue("2007", "year"), False),   # "the 2007 champion" is no report of today
        (DateValue("2024-11-02", "day"), False),
        (DateValue("2025-03-10", "fuzzy"), True),
    ],
)
def test_fuzzy_dates_compatible_only_around_them(date: DateValue, compatible: bool) -> None:
    assert dates_compatible(DateValue("2025-03-12", "fuzzy"), date) is compatible
    assert dates_compatible(date, DateValue("2025-03-12", "fuzzy")) is compatible


def test_standfirst_then_present_perfect_lede_is_the_report_day(nlp) -> None:
    text = ("Chocolate maker shrinks its bars\n\nThe change was made because of higher "
            "costs.\n\nShoppers have voiced anger after the maker reduced the size of its "
            "bars.")
    main = next(e for e in _events(nlp, text) if e.start == 0)
    assert (main.date, main.date_basis) == (DateValue("2025-03-12", "day"), "publication")


def test_old_date_further_down_the_opening_does_not_date_the_main_event(nlp) -> None:
    text = ("Driver avoids crash at wet race\n\nThe driver swerved past a spinning car. The "
            "race started behind the safety car. Rain fell on the track all day. The crowd "
            "cheered loudly. Cars ranked on March 22, 2024 by readers.")
    main = next(e for e in _events(nlp, text, "2025-03-09") if e.start == 0)
    assert main.date.precision == "fuzzy"


@pytest.mark.parametrize(
    ("lemma", "label"),
    [("have", "Ana Silva has 11 wins"), ("be", "Ana Silva is")],
)
def test_label_irregular_verbs(nlp, lemma: str, label: str) -> None:
    from kg.extract.events.labels import _third_person

    assert _third_person(lemma) == label.split()[2]


def test_merged_event_has_no_actor_as_both_agent_and_target() -> None:
    from dataclasses import replace

    a = _event("criticize", "2025-03-10", "day", ["person/ana-silva", "organization/fbi"])
    b = replace(_event("criticize", "2025-03-10", "day", ["person/ana-silva"], start=5),
                targets=("organization/fbi", "person/jon-berg"))
    [out] = merge_events([a, b])
    assert (out.agents, out.targets) == (("person/ana-silva", "organization/fbi"),
                                         ("person/jon-berg",))


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Ana Silva blames Jon Berg for defeat\n\nSilva spoke to donors.", "criticize"),
        ("Silva condemns attack\n\nMayor Ana Silva has condemned the attack on the port.",
         "criticize"),
    ],
)
def test_criticism_is_its_own_type(nlp, text: str, type_: str) -> None:
    main = next(e for e in _events(nlp, text) if e.start == 0)
    assert main.type == type_


@pytest.mark.parametrize(
    ("text", "date_text", "reference"),
    [
        ("Jon Berg resigned on the Sunday before the vote.", "Sunday", True),
        ("The index had its biggest gain since March.", "March", True),
        ("Jon Berg resigned on Sunday before noon.", "Sunday", False),
        ("Jon Berg resigned on Sunday.", "Sunday", False),
    ],
)
def test_reference_point(nlp, text: str, date_text: str, reference: bool) -> None:
    from kg.extract.events import reference_point

    doc = nlp.make_doc(text)
    doc._.kg_published = "2025-03-12"
    doc = nlp(doc)
    date = next(d for d in doc._.kg_dates if date_text in d.text)
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    assert reference_point(span) is reference


def test_date_inside_a_quote_does_not_date_the_speakers_act(nlp) -> None:
    text = ("Envoy Ana Silva criticized Russia's stance: \u201cThey could have accepted the "
            "ceasefire already in March.\u201d Jon Berg accused the West of delay.")
    events = [e for e in _events(nlp, text, "2025-11-25") if e.type == "criticize"]
    assert events
    assert all(e.date.precision == "fuzzy" for e in events)


@pytest.mark.parametrize(("text", "modality", "label"), [
    ("Chile would not sign a trade deal with Peru on Monday.", "negated",
     "Chile would not sign trade deal"),
    ("Chile failed to sign the trade deal with Peru on Monday.", "negated",
     "Chile failed to sign trade deal"),
    ("Chile will meet Peru in Lima on Monday.", "planned", "Chile will meet Peru in Lima"),
    ("Chile signed a trade deal with Peru on Monday.", "asserted", "Chile signs trade deal"),
])
def test_event_modality_and_its_words_in_the_label(nlp, text: str, modality: str,
                                                   label: str) -> None:
    [event] = [e for e in _events(nlp, text) if e.type in ("sign", "agree", "meet")]
    assert event.modality == modality
    assert event.label.startswith(label)


def test_a_deadline_dates_the_plan_not_the_sentence_event(nlp) -> None:
    text = ("Norway pledged on Monday to halve its emissions by 2035. "
            "Critics accused Norway of delay on Tuesday.")
    events = _events(nlp, text)
    assert all(e.date.iso != "2035" for e in events if e.modality != "planned")
    accusation = next(e for e in events if e.type == "criticize")
    assert accusation.date.iso == "2025-03-11"


def test_since_dates_nothing(nlp) -> None:
    events = _events(nlp, "Chile has hosted Peru's delegation in Lima since March.")
    assert all(e.date_text != "March" for e in events)


@pytest.mark.parametrize(("text", "phrase"), [
    ("More than 60,000 people fled the fighting into Chad on Monday.", "More than 60,000 people"),
    ("Brazil and Chile opposed any mention of tariffs on Monday.", "mention of tariffs"),
])
def test_labels_keep_numbers_and_whole_phrases(nlp, text: str, phrase: str) -> None:
    labels = [e.label for e in _events(nlp, text)]
    assert any(phrase in label for label in labels), labels


def test_phrasal_verbs_keep_their_particle(nlp) -> None:
    events = _events(nlp, "Chile and Peru drew up a 12-point trade plan in Lima on Monday.")
    assert any("draw up 12-point trade plan" in e.label for e in events)


def test_events_without_participants_are_low_confidence_candidates(nlp) -> None:
    from kg.extract.events import CANDIDATE_CONFIDENCE

    text = ("Chile met Peru in Lima on Monday to discuss the border.\n\n"
            "On Tuesday the weather turned and work ran late.")
    events = _events(nlp, text)
    meeting = next(e for e in events if e.type == "meet")
    assert meeting.confidence >= CANDIDATE_CONFIDENCE
    assert all(e.confidence < CANDIDATE_CONFIDENCE for e in events
               if not (e.agents or e.targets or e.places))


@pytest.mark.parametrize(("agents", "targets", "places", "type_", "sure"), [
    (("a",), (), (), "meet", True),
    ((), (), ("p",), "attack", True),
    ((), (), (), "attack", False),
    ((), (), (), "other", False),
])
def test_event_confidence(agents, targets, places, type_: str, sure: bool) -> None:
    from kg.extract.events import CANDIDATE_CONFIDENCE, event_confidence

    score = event_confidence(agents, targets, places, type_)
    assert 0 <= score <= 1
    assert (score >= CANDIDATE_CONFIDENCE) is sure


def test_exactly_one_main_event_from_the_title(nlp) -> None:
    text = ("Chile and Peru sign border treaty in Lima\n\n"
            "Chile and Peru signed a border treaty in Lima on Monday. Officials from both "
            "countries met again on Tuesday to discuss trade.")
    events = _events(nlp, text)
    [main] = [e for e in events if e.main]
    assert main.type in ("sign", "agree")
    assert main.confidence >= 0.5


def test_same_happening_told_twice_in_an_article_is_one_event(nlp) -> None:
    text = ("Chile and Peru drew up a trade plan in Lima on Monday. "
            "Chile and Peru presented the trade plan in Lima on Monday.")
    events = [e for e in _events(nlp, text) if e.type == "propose"]
    assert len(events) <= 1 or len({e.date.iso for e in events}) > 1


def test_negated_and_asserted_events_stay_apart() -> None:
    a = EventInfo("sign", "sign", DateValue("2025-03-10", "day"), None, ("country/chile",), (),
                  (), (), 0, 10, "Chile signs", lemma="sign")
    b = EventInfo("sign", "sign", DateValue("2025-03-10", "day"), None, ("country/chile",), (),
                  (), (), 20, 30, "Chile would not sign", lemma="sign", modality="negated",
                  main=True, confidence=0.9)
    merged = merge_events([a, b])
    assert len(merged) == 2
    c = EventInfo("sign", "sign", DateValue("2025-03-10", "day"), None, ("country/chile",), (),
                  (), (), 40, 50, "Chile signs deal", lemma="sign", main=True, confidence=0.5)
    [one] = merge_events([a, c])
    assert one.main and one.confidence == 1.0 and len(one.mentions) == 0


def test_untyped_clause_merges_into_the_typed_event_of_the_same_agents_and_day() -> None:
    day = DateValue("2025-10-06", "day")
    untyped = EventInfo("other", "drew", day, None, ("country/chile",), (), (),
                        ("place/lima",), 0, 10, "Chile draws up in Lima", lemma="draw",
                        mentions=((0, 10),))
    typed = EventInfo("propose", "draft", day, None, ("country/chile",), (), (),
                      ("place/lima",), 20, 40, "Chile drafts plan in Lima", lemma="draft",
                      mentions=((20, 40),))
    [one] = merge_events([untyped, typed])
    assert one.type == "propose" and one.mentions == ((0, 10), (20, 40))
    other_day = replace(typed, date=DateValue("2025-10-07", "day"))
    assert len(merge_events([untyped, other_day])) == 2


@pytest.mark.parametrize(("text", "trigger", "precision"), [
    # another actor's clause after a dated sentence keeps no borrowed date
    ("The treaty was drafted by Norland officials in Oslo late last month. Valdorian "
     "ministers criticized the draft on grounds of fairness.", "criticized", "fuzzy"),
    # the same actor goes on: the neighbour's date stands
    ("Norland drafted the treaty in Oslo late last month. Norland rejected every change.",
     "rejected", "month"),
])
def test_undated_sentence_takes_a_neighbours_date_only_when_it_continues_it(
        nlp, text: str, trigger: str, precision: str) -> None:
    event = next(e for e in _events(nlp, text) if e.trigger == trigger)
    assert event.date.precision == precision


def test_event_without_agent_merges_with_the_same_target_same_day() -> None:
    day = DateValue("2025-06-02", "day")
    handed = EventInfo("propose", "proposal", day, None, (), ("plan/proposal",), (), (), 0, 10,
                       "handed over proposal", lemma="proposal", mentions=((0, 10),))
    presented = EventInfo("propose", "present", day, None, ("country/chile",),
                          ("plan/proposal",), (), (), 20, 40, "Chile presents proposal",
                          lemma="present", mentions=((20, 40),))
    [one] = merge_events([handed, presented])
    assert one.agents == ("country/chile",) and one.mentions == ((0, 10), (20, 40))
    rival = replace(handed, agents=("country/peru",))
    assert len(merge_events([rival, presented])) == 2  # another agent: another proposal


@pytest.mark.parametrize(("text", "trigger", "agents"), [
    ("Delegates from Chile and Peru said they had settled the dispute on Sunday.", "settled",
     {"chile", "peru"}),
    ("Voters cheered Senator Maria Gonzalez, who chaired the panel in Lima on Sunday.", "chaired",
     {"maria-gonzalez"}),
])
def test_pronoun_subject_takes_the_actor_it_stands_for(nlp, text: str, trigger: str,
                                                       agents: set[str]) -> None:
    event = next(e for e in _events(nlp, text) if e.trigger == trigger)
    assert _names(event.agents) == agents


def test_merged_reports_keep_the_trigger_of_each(nlp) -> None:
    text = ("Zentra Motors signs rail deal with Ostrava\n\n"
            "On Monday, Zentra Motors signed the rail deal with Ostrava.")
    [deal] = [e for e in _events(nlp, text) if e.type == "sign"]
    assert [text[s:t] for s, t in deal.triggers] == ["signs", "signed"]


@pytest.mark.parametrize(("text", "modality", "label"), [
    # the clause of a report or claim is reported, its adverb kept in the label
    ("Chile reportedly signed a trade deal with Peru on Monday.", "reported",
     "Chile reportedly signed"),
    ("Lawmakers in Lima cited reports that Chile had signed a trade deal with Peru on Monday.",
     "reported", "Chile had signed"),
])
def test_reported_events_are_not_asserted(nlp, text: str, modality: str, label: str) -> None:
    [event] = [e for e in _events(nlp, text) if e.type in ("sign", "agree")]
    assert event.modality == modality
    assert event.label.startswith(label)


def test_modal_label_names_its_subject_once(nlp) -> None:
    events = _events(nlp, "Analysts in Lima said on Monday that Chile would grow.")
    [event] = [e for e in events if e.trigger == "grow"]
    assert event.label.count("Chile") == 1


def test_typed_passive_with_a_by_agent_is_the_happening(nlp) -> None:
    events = _events(nlp, "The trade deal was approved by Chile on Monday.")
    [event] = [e for e in events if e.main]
    assert (event.trigger, event.type, event.label) == ("approved", "approve",
                                                       "Chile approves trade deal")


@pytest.mark.parametrize(("text", "trigger", "modality", "agent"), [
    # a clause inside a quote is its speaker's word: reported, "we" the speaker
    ('Ana Silva said on Monday: "We have closed the mine in Tete."', "closed", "reported",
     "ana-silva"),
    ('"Chile bought the ferry last year," Ana Silva said on Monday.', "bought", "reported",
     "chile"),
    # a quote's plan or negation stays what it is
    ('"Chile will not buy the ferry," Ana Silva said on Monday.', "buy", "negated", "chile"),
])
def test_clauses_inside_a_quote_are_reported_events(nlp, text: str, trigger: str,
                                                   modality: str, agent: str) -> None:
    events = _events(nlp, text)
    [event] = [e for e in events if e.trigger == trigger]
    assert (event.modality, event.main) == (modality, False)
    assert [a.split("/")[1] for a in event.agents] == [agent]


def test_passive_label_names_its_subject_once(nlp) -> None:
    events = _events(nlp, "Three miners were named by the police of Tete on Monday.")
    assert all(e.label.count("miners") <= 1 for e in events)


@pytest.mark.parametrize(("text", "trigger"), [
    ("Astronomers at an observatory in northern Chile have found a comet from beyond the "
     "solar system, only the fourth such object ever detected.", "found"),
    ("Engineers at a lab in Oslo have built a battery that charges in a minute, only the "
     "second such cell ever made.", "built"),
])
def test_a_bare_participle_parsed_as_root_does_not_take_the_main_event(nlp, text, trigger):
    """The finite clause ("have found") is the lede's happening, not the appended "ever
    detected" the parser made the root."""
    [main] = [e for e in _events(nlp, "Discovery\n\n" + text) if e.main]
    assert main.trigger == trigger


@pytest.mark.parametrize(("text", "lemma", "type_"), [
    ("Northwind Holdings changed its name to Northwind Energy in January.", "name", None),
    ("The council named Lena Ortiz as its new treasurer.", "name", "appoint"),
    ("Brannock secured a 2-1 win over Calloway on Sunday.", "win", None),
    ("Lena Ortiz won the mayoral race in Eastbrook.", "win", "elect"),
])
def test_verb_only_lemmas_type_only_verbs(nlp, text: str, lemma: str, type_: str | None) -> None:
    from kg.extract.events.clauses import event_type

    doc = nlp(text)
    [token] = [t for t in doc if t.lemma_.lower() == lemma]
    assert event_type(token) == type_


def test_a_year_that_modifies_a_clause_dates_it(nlp) -> None:
    events = _events(nlp, "The mayor of Eastbrook, Lena Ortiz, who was accused last year of "
                          "misusing city funds, resigned on Monday.", published="2026-03-10")
    dated = {e.lemma: (e.date.iso, e.date.precision) for e in events if e.date}
    assert dated["accuse"] == ("2025", "year")
    assert dated["resign"] == ("2026-03-09", "day")


def _extraction(nlp, text: str):
    """Return kg's extraction of ``text`` with this module's pipeline."""
    from kg.model import Article
    from kg.pipeline import extract_articles

    article = Article(Article.make_id("test", text), "Test", text, "2025-11-25", "test")
    return next(extract_articles([article], nlp=nlp))


@pytest.mark.parametrize(("text", "trigger", "type_"), [
    ("Officials said on Monday they would step up checks at the border.", "step", "other"),
    ("The president stepped out of his car on Friday.", "stepped", "other"),
    ("The minister stepped down on Friday after the vote.", "stepped", "resign"),
    ("The chairman will step aside in May, the board said.", "step", "resign"),
    ("The union backed down on Tuesday.", "backed", "other"),
    ("The party backed the plan on Monday.", "backed", "endorse"),
])
def test_a_particle_decides_whether_a_verb_names_its_event(nlp, text, trigger, type_):
    assert (trigger, type_) in {(e.trigger, e.type) for e in _extraction(nlp, text).events}
