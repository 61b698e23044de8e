"""Entity-ruler patterns (kg.extract.actor_patterns), on sentences written for the tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "name"), [
    ("The Danish Chess Union said on Monday it would host the final.", "Danish Chess Union"),
    ("Members of the Finnish Nurses' Association voted to strike.",
     "Finnish Nurses' Association"),
    ("The Canadian Civil Liberties Association of Quebec sued the city.",
     "Canadian Civil Liberties Association of Quebec"),
    ("Shares in Dangote rose on the Ghanaian Exchange on Friday.", "Ghanaian Exchange"),
])
def test_a_body_a_demonym_opens_is_an_organisation(extract, text, name):
    x = extract(text)
    assert name in {e.name for e in x.entities if e.type == "Organization"}
    assert not [e for e in x.entities if e.type == "Country"]


@pytest.mark.parametrize(("text", "name"), [
    ("The strike was called by the Kenya National Union of Teachers in Nairobi.",
     "Kenya National Union of Teachers"),
    ("Teams from the Jamaica Defence Force reached the western parishes.",
     "Jamaica Defence Force"),
    ("The Ghana Revenue Authority said on Monday it would audit the firms.",
     "Ghana Revenue Authority"),
    ("The South Africa Rugby Union of the Cape named a new coach.",
     "South Africa Rugby Union of the Cape"),
])
def test_a_body_a_countrys_name_opens_is_an_organisation(extract, text, name):
    x = extract(text)
    assert name in {e.name for e in x.entities if e.type == "Organization"}
    assert not [e for e in x.entities if e.type == "Country"]


@pytest.mark.parametrize(("text", "country"), [
    ("Funds came from the Kenya Government and a bank.", "Kenya"),
    ("Kenya Police said the road was closed.", "Kenya"),
])
def test_a_countrys_name_before_a_head_alone_is_the_country(extract, text, country):
    assert country in {e.name for e in extract(text).entities if e.type == "Country"}


@pytest.mark.parametrize(("text", "country"), [
    ("Russian President Vladimir Putin met the French Foreign Minister.", "Russia"),
    ("Danish officials said the plan would fail.", "Denmark"),
])
def test_a_demonym_before_a_title_or_noun_is_the_country(extract, text, country):
    assert country in {e.name for e in extract(text).entities if e.type == "Country"}


@pytest.mark.parametrize(("text", "country"), [
    ("Funds came from the Danish Government and a bank.", "Denmark"),
])
def test_a_demonym_before_a_public_bodys_head_alone_is_the_country(extract, text, country):
    assert country in {e.name for e in extract(text).entities if e.type == "Country"}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Shelters opened across the city, including the American Bank Center, officials said.",
     "American Bank Center", "Place"),
    ("The Mavericks beat the Suns at the American Airlines Center on Friday.",
     "American Airlines Center", "Place"),
    ("The Swiss National Bank raised rates, and American Airlines cut fares.",
     "Swiss National Bank", "Organization"),
    ("The Swiss National Bank raised rates, and American Airlines cut fares.",
     "American Airlines", "Organization"),
])
def test_a_building_named_after_a_bank_or_airline_is_a_place(extract, text, name, type_):
    assert (name, type_) in {(e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize(("text", "name", "short"), [
    ("The Danish Roads Agency (Vejstyrelsen) closed the bridge. Vejstyrelsen said it was "
     "unsafe.", "Danish Roads Agency", "Vejstyrelsen"),
    ("The Finnish Weather Service (FWS-K) warned of storms. FWS-K said winds would rise.",
     "Finnish Weather Service", "FWS-K"),
    # an official body named with "of" or "for": its abbreviation in its own language
    ("Ivalda Rocha, head of the State Department of Criminal Investigations (DEIC), spoke "
     "on Monday.", "State Department of Criminal Investigations", "DEIC"),
    ("Marta Vell, who runs the Federal Agency for Roads (AFVR), said the bridge was shut.",
     "Federal Agency for Roads", "AFVR"),
])
def test_a_bracketed_short_name_after_a_demonym_or_official_body_is_that_body(
        extract, text, name, short):
    x = extract(text)
    by_name = {e.name: e for e in x.entities}
    assert name in by_name and short not in by_name
    assert short in {m.text for m in by_name[name].mentions}


@pytest.mark.parametrize(("words", "ent", "expected"), [
    ("The German Rail Council ( GRC ) met .", (1, 4), {"GRC": "German Rail Council"}),
    ("The German Rail Council ( Bahnrat ) met .", (1, 4), {"Bahnrat": "German Rail Council"}),
    ("The German Rail Council ( 2024 ) met .", (1, 4), {}),
    ("The German Rail Council ( in Bonn ) met .", (1, 4), {}),
    ("Talks with Hanne Vik Council ( HVC ) went on .", (2, 5), {}),  # no demonym
    ("The State Department of Criminal Investigations ( DEIC ) met .", (1, 6),
     {"DEIC": "State Department of Criminal Investigations"}),
    ("The State Department of Criminal Investigations ( Deic ) met .", (1, 6), {}),
    ("The Agency for Roads ( AFR ) met .", (1, 4), {"AFR": "Agency for Roads"}),
    ("The Roads Agency ( ROA ) met .", (1, 3), {}),  # no "of" or "for": no official body
])
def test_bracketed_short_names(nlp, words, ent, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.actor_patterns import bracketed_short_names

    doc = Doc(nlp.vocab, words=words.split())
    doc.ents = [Span(doc, *ent, label="ORG")]
    assert bracketed_short_names(doc) == expected


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("The North Atlantic Treaty Organisation met in Brussels.",
     "North Atlantic Treaty Organisation", "Organization"),
    ("Envoys of the Caspian Treaty Secretariat met in Baku.", "Caspian Treaty Secretariat",
     "Organization"),
    ("Ministers signed the Lisbon Treaty in 2007.", "Lisbon Treaty", "Plan"),
    # the body of those bound by a treaty, and its abbreviation
    ("Boats buy days from the Parties to the Coral Sea Agreement (PCSA) each year.",
     "Parties to the Coral Sea Agreement", "Organization"),
    ("The States Parties to the Harwick Treaty met in Vienna.",
     "States Parties to the Harwick Treaty", "Organization"),
])
def test_a_body_named_after_a_treaty_is_an_organisation(extract, text, name, type_):
    assert (name, type_) in {(e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize(("text", "name"), [
    ("Crowds in Arvale greeted the peace deal by singing. Officials said the peace deal "
     "would hold.", "peace deal"),
    ("A committee monitors the ceasefire agreement between Tovia and Ostland.",
     "ceasefire agreement"),
    ("Ostland and Tovia began talks on a trade pact in May.", "trade pact"),
])
def test_a_plan_named_only_by_its_kind_is_no_actor(extract, text, name):
    x = extract(text)
    assert not [e for e in x.entities if e.type == "Plan"]
    assert name not in {a for e in x.entities for a in (e.name, *e.aliases)}


@pytest.mark.parametrize(("text", "plan", "short"), [
    ("Tovia drafted a 20-point peace plan on Monday. Ostland rejected the peace plan.",
     "20-point peace plan", "peace plan"),
    ("Envoys signed the Harwick Peace Agreement in May. Rebels broke the peace agreement "
     "in June.", "Harwick Peace Agreement", "peace agreement"),
])
def test_a_plan_named_by_its_kind_is_a_mention_of_the_named_plan(extract, text, plan, short):
    (actor,) = [e for e in extract(text).entities if e.type == "Plan"]
    assert actor.name == plan
    assert short in actor.aliases


def test_a_treaty_bodys_abbreviation_is_its_alias(extract):
    x = extract("Boats buy days from the Parties to the Coral Sea Agreement (PCSA). The PCSA "
                "said prices would rise.")
    [body] = [e for e in x.entities if e.name == "Parties to the Coral Sea Agreement"]
    assert (body.type, body.aliases, len(body.mentions)) == ("Organization", ("PCSA",), 3)


@pytest.mark.parametrize(("words", "kind"), [
    ("the peace deal", True),
    ("a ceasefire agreement", True),
    ("trade pact", True),
    ("28 - point peace plan", False),
    ("unconditional ceasefire offer", False),
    ("counterproposal", False),
])
def test_names_a_kind_of_plan(nlp, words, kind):
    from spacy.tokens import Doc, Span

    from kg.extract.actor_patterns import names_a_kind_of_plan

    doc = Doc(nlp.vocab, words=words.split())
    assert names_a_kind_of_plan(Span(doc, 0, len(doc), label="PLAN")) is kind


@pytest.mark.parametrize(("text", "country", "not_org"), [
    ("The flag came down over U.S. army headquarters in Berlin.", "United States",
     "U.S. army"),
    ("A U.S. embassy statement said the talks would resume.", "United States", "U.S. embassy"),
    ("The U.S. military was told to prepare.", "United States", "U.S. military"),
])
def test_a_countrys_name_before_a_bodys_head_stays_the_country(extract, text, country,
                                                               not_org):
    names = {(e.name, e.type) for e in extract(text).entities}
    assert (country, "Country") in names
    assert not [n for n, t in names if n == not_org]


@pytest.mark.parametrize(("text", "name"), [
    ("The Ukrainian Presidential Office said talks would resume.",
     "Ukrainian Presidential Office"),
    ("Reserves held by the Russian central bank were frozen.", "Russian central bank"),
])
def test_a_demonym_before_a_bodys_head_names_the_body(extract, text, name):
    assert name in {e.name for e in extract(text).entities if e.type == "Organization"}


@pytest.mark.parametrize(("actor", "expected"), [
    # kg's bounds took in the name joined before NER's: the short name is kg's name's
    ((1, 7), {"HPA": "Harbour and Port Authority of Veldra"}),
    # no actor ends where the entity does: NER's name
    ((1, 6), {"HPA": "Port Authority of Veldra"}),
    (None, {"HPA": "Port Authority of Veldra"}),
])
def test_a_bracketed_short_name_is_kgs_bounded_names(nlp, actor, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.actor_patterns import bracketed_short_names

    doc = Doc(nlp.vocab, words="The Harbour and Port Authority of Veldra ( HPA ) said .".split())
    doc.ents = [Span(doc, 3, 7, label="ORG")]
    actors = [Span(doc, *actor, label="Organization")] if actor else []
    assert bracketed_short_names(doc, actors) == expected


@pytest.mark.parametrize(("text", "org", "surface", "country_mentions"), [
    # a short name opening with the name's initials, after the place the body is in
    ("Minister Ana Roe talks to students of Halden Commonwealth University School of the "
     "Arts in Oman (HCUarts Oman) on Monday.",
     "Halden Commonwealth University School of the Arts", "HCUarts Oman", 1),
    # an acronym alone is no such short name: the place in brackets stays the country's
    ("Minister Ana Roe met students of Georgetown University School of Foreign Service in "
     "Qatar (GUSFS Qatar) on Monday.",
     "Georgetown University School of Foreign Service", None, 2),
])
def test_an_initialled_short_name_is_the_bodys(nlp, text, org, surface, country_mentions):
    doc = nlp(text)
    entities = {e.name: e for e in doc._.kg_entities.values()}
    assert (surface in entities[org].surface) is (surface is not None)
    assert sum(e.surface.total() for e in entities.values() if e.type == "Country") == \
        country_mentions


@pytest.mark.parametrize(("text", "name", "short"), [
    # the abbreviation in brackets stands for the whole long name a pattern cut short
    ("The Authority for the Supervision and Control of Coastal Fisheries Licences (ASCOF) "
     "said quotas would fall. ASCOF chairman Peter Obi said so.",
     "Authority for the Supervision and Control of Coastal Fisheries Licences", "ASCOF"),
])
def test_a_long_name_runs_on_to_its_bracketed_abbreviation(extract, text, name, short):
    x = extract(text)
    orgs = [e for e in x.entities if e.type == "Organization"]
    assert [e.name for e in orgs] == [name]


@pytest.mark.parametrize(("text", "expected"), [
    # no bracket after the capitalised words, or a lower-case word first: the name as found
    ("The Authority for the Supervision and Control of Coastal Fisheries said so.",
     "Authority for the Supervision"),
    ("The Authority for the Supervision said new rules (ASCOF) would follow.",
     "Authority for the Supervision"),
])
def test_a_name_without_its_abbreviation_is_not_run_on(nlp, text, expected):
    from kg.extract.actor_patterns import name_before_bracket

    doc = nlp(text)
    start = text.index(expected)
    ent = doc.char_span(start, start + len(expected), label="ORG")
    assert name_before_bracket(ent).text == expected


@pytest.mark.parametrize(("text", "names", "expected"), [
    ("The Authority for the Supervision and Control of Coastal Fisheries (ACCF) met.",
     ["Authority for the Supervision"],
     "Authority for the Supervision and Control of Coastal Fisheries"),
    # another name the model found stands between: the abbreviation is that name's
    ("The Kelby Wildlife Institute and the Tiger Conservation Authority (TCA) met.",
     ["Kelby Wildlife Institute", "Tiger Conservation Authority"], "Kelby Wildlife Institute"),
])
def test_a_name_runs_on_only_through_words_no_other_name_covers(nlp, text, names, expected):
    from kg.extract.actor_patterns import name_before_bracket

    doc = nlp(text)
    spans = [doc.char_span(text.index(n), text.index(n) + len(n), label="ORG") for n in names]
    doc.ents = spans
    assert name_before_bracket(spans[0]).text == expected


def test_a_name_does_not_run_on_past_its_line(nlp):
    from kg.extract.actor_patterns import name_before_bracket

    text = "By Ada Obi, Kelby\n\nThe Staff Union of Colleges (SUC) went on strike."
    doc = nlp(text)
    start = text.index("Kelby")
    ent = doc.char_span(start, start + len("Kelby\n\n"), label="ORG")
    assert name_before_bracket(ent).text == "Kelby\n\n"


def _model_doc(nlp, text: str):
    """Return the spaCy model's document of ``text``, before kg's components read it."""
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("kg_")]):
        return nlp(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Halden Chamber of Commerce (HTO) head Ana Berg said prices rose.",
     ["Halden Chamber of Commerce"]),
    # a sentence's common first word and the connectors after it open no name
    ("Yesterday the Vesna Water Board (VWB) said supply would resume.", ["Vesna Water Board"]),
    ("Members of the Orvik Port Authority (OPA) voted on Monday.", ["Orvik Port Authority"]),
    # a possessive ending inside the name is part of it
    ("The Dockers' Trade Union (DTU) met.", ["Dockers' Trade Union"]),
    ("The People's Water Board (PWB) met.", ["People's Water Board"]),
    ("Staff at Orvik Mills (OM) walked out.", []),  # no body's head: a company, or a place
    ("A report by Ana Berg (AB) was read out.", []),
    ("The Vesna Council (Vc) met.", []),  # no abbreviation in the bracket
    ("The Council (TC) met.", []),  # the head alone is no name
    ("Orvik Port\nAuthority (OPA) staff met.", []),  # the name ends at its line's end
])
def test_a_body_the_model_left_unlabelled_ends_at_its_bracketed_abbreviation(
        nlp, text, expected):
    from kg.extract.actor_patterns import bodies_before_brackets

    doc = _model_doc(nlp, text)
    doc.ents = []  # as if the model had read no name there
    assert [b.text for b in bodies_before_brackets(doc)] == expected


@pytest.mark.parametrize(("text", "before", "label", "expected"), [
    # words right after a name the model read: the rules that join names decide
    ("The Halden State Water Board (HSWB) met.", "Halden", "GPE", []),
    ("Ana Berg Water Board (ABWB) staff met.", "Ana Berg", "PERSON", []),
    # a date before the name is no part of it
    ("On Monday the Vesna Water Board (VWB) met.", "Monday", "DATE", ["Vesna Water Board"]),
])
def test_a_name_the_model_read_stops_a_body_before_a_bracket(nlp, text, before, label,
                                                             expected):
    from kg.extract.actor_patterns import bodies_before_brackets

    doc = _model_doc(nlp, text)
    start = text.index(before)
    doc.ents = [doc.char_span(start, start + len(before), label=label)]
    assert [b.text for b in bodies_before_brackets(doc)] == expected


@pytest.mark.parametrize(("text", "name", "short"), [
    ("Solvik Chamber of Mines (SCM) chairman Ola Dahl said output fell.",
     "Solvik Chamber of Mines", "SCM"),
    ("Dunmere Growers Association (DGA) secretary Kate Moss said the harvest was late.",
     "Dunmere Growers Association", "DGA"),
])
def test_a_body_before_its_bracketed_abbreviation_is_one_organisation(
        extract, text, name, short):
    entities = {e.name: e for e in extract(text).entities}
    assert entities[name].type == "Organization"
    assert short in entities[name].aliases
