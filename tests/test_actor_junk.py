"""Spans that name no actor (kg.extract.actor_junk), on words written for the tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from kg.extract.actor_junk import _currency_code, _dimension, _list_of_words, _unit_after_number


@pytest.mark.parametrize(("text", "expected"), [
    ("640x480", True), ("1920×1080", True), ("Model3x", False), ("A320", False),
    ("Orbix", False),
])
def test_a_dimension_is_no_name(nlp, text, expected):
    doc = Doc(nlp.vocab, words=[text])
    assert _dimension(Span(doc, 0, 1, label="ORG")) is expected


@pytest.mark.parametrize(("words", "code", "expected"), [
    ("The fund raised 40 billion JPY in March .", "JPY", True),
    ("The course costs $ 120 ( CHF ) a term .", "CHF", True),
    ("It paid CHF 90 million for the site .", "CHF", True),
    ("Laptops with chips from Intel and AMD sold well .", "AMD", False),
    ("The JPY slipped against the euro .", "JPY", False),
    ("Shares of AMD rose 4 percent .", "AMD", False),
])
def test_a_currency_code_is_junk_only_as_an_amounts_unit(nlp, words, code, expected):
    doc = Doc(nlp.vocab, words=words.split())
    i = words.split().index(code)
    assert _currency_code(Span(doc, i, i + 1, label="ORG")) is expected


@pytest.mark.parametrize(("words", "amount", "expected"), [
    ("The naira rose to N1,482 per dollar .", "N1,482", True),
    ("Its naira bonds raised N3.2bn in May .", "N3.2bn", True),
    ("The naira gained N23 on Tuesday .", "N23", True),
    ("Growers earn Sh95 a kilo , in Kenyan shillings .", "Sh95", True),
    ("Fares rose to Rs2,585 , or 40 rupees more .", "Rs2,585", True),
    # letters and a figure where no currency of those letters is named: a product
    ("It stopped buying H20 chips priced in dollars .", "H20", False),
    ("It ordered 30 A321 jets for 9 billion euros .", "A321", False),
    ("The N1,482 figure was quoted without a currency .", "N1,482", False),
])
def test_letters_glued_to_a_figure_are_an_amount_in_a_named_currency(nlp, words, amount,
                                                                      expected):
    doc = Doc(nlp.vocab, words=words.split())
    i = words.split().index(amount)
    assert _currency_code(Span(doc, i, i + 1, label="ORG")) is expected


@pytest.mark.parametrize(("words", "items", "expected"), [
    ("It offers Maintenance , Repair and Overhaul services .", "Maintenance Overhaul", True),
    ("Only Hikers , Cyclists or Riders may enter .", "Hikers Riders", True),
    ("The tour goes to Lyon , Nantes and Rennes in May .", "Lyon Rennes", False),
    ("Talks in Kenya , Ghana or Peru went well .", "Kenya Peru", False),
    ("The tour goes to Lyon , Tesco and Rennes in May .", "Lyon Rennes", True),
])
def test_a_list_is_junk_unless_its_items_are_known_places(nlp, words, items, expected):
    doc = Doc(nlp.vocab, words=words.split())
    first, last = (words.split().index(item) for item in items.split())
    assert _list_of_words(Span(doc, first, last + 1, label="GPE")) is expected


def test_a_screen_resolution_is_no_actor(nlp):
    doc = nlp("The Vexo plays video at 320x240, Orbix said.")
    assert "320x240" not in {s.text for s in doc.spans["kg_actors"]}
    assert "Orbix" in {s.text for s in doc.spans["kg_actors"]}


@pytest.mark.parametrize(("words", "spaces", "i", "expected"), [
    (["a", "64", "GB", "model"], [True, False, True, False], 2, True),
    (["a", "64", "GB", "model"], [True, True, True, False], 2, False),
    (["Flight", "9", "Orbix", "landed"], [True, False, True, False], 2, False),
])
def test_a_unit_after_a_number_is_no_name(nlp, words, spaces, i, expected):
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    assert _unit_after_number(Span(doc, i, i + 1, label="PERSON")) is expected


@pytest.mark.parametrize(("text", "word", "actor"), [
    ("# Phone rivalry\n\nSamsung said its new phone would beat Apple.", "Phone", False),
    ("Turnout was low. Officials said turnout fell in every district.", "Turnout", False),
    # a name the article never writes in lower case stays an actor
    ("# Halvorsen returns\n\nHalvorsen said the club had changed.", "Halvorsen", True),
])
def test_a_word_capitalised_only_by_its_place_is_no_actor(nlp, text, word, actor):
    doc = nlp(text)
    assert (word in {s.text for s in doc.spans["kg_actors"]}) is actor


@pytest.mark.parametrize(("text", "lemma", "expected"), [
    ("Men", "man", True), ("Women", "woman", True), ("Juniors", "junior", True),
    ("Menzies", "Menzies", False), ("Mena", "Mena", False),
    # players of one role, in the plural, head a squad list
    ("Forwards", "forward", True), ("Goalkeepers", "goalkeeper", True),
    # in the singular a role noun may be a surname
    ("Driver", "driver", False), ("Coach", "coach", False),
])
def test_a_noun_for_people_alone_is_no_name(nlp, text, lemma, expected):
    from kg.extract.actor_junk import _people_noun

    doc = Doc(nlp.vocab, words=[text], lemmas=[lemma])
    assert _people_noun(Span(doc, 0, 1, label="ORG")) is expected


def test_results_section_headings_give_no_actor(nlp):
    doc = nlp("Results of the meeting in Brenvik on Sunday:\nWomen's long jump\n1. Ilse Varga "
              "(Hungary) 6.81\nMen's 400 metres\n1. Tomasz Wrzesniak (Poland) 44.90\n")
    names = {s.text for s in doc.spans["kg_actors"]}
    assert not names & {"Men", "Women"}
    assert "Ilse Varga" in names


@pytest.mark.parametrize(("text", "title"), [
    ("Associate Justice Maria Ocampo wrote the ruling, and Presiding Justice and Division "
     "Chair Lina Roque agreed.", "Presiding Justice"),
    ("Health Cabinet Secretary (CS) Dr. Joel Wekesa opened the clinic. The CS added that fees "
     "would fall.", "CS"),
    ("Acting Director Halim Osei and the Permanent Secretary met on Friday.",
     "Permanent Secretary"),
])
def test_a_title_with_nobodys_name_is_no_actor(extract, text, title):
    names = {e.name for e in extract(text).entities}
    assert title not in names
    assert not any(n in ("Associate Justice", "Cabinet Secretary") for n in names)


@pytest.mark.parametrize(("text", "acronym"), [
    ("Demand for artificial intelligence (AI) chips grew. AI firms said sales doubled.", "AI"),
    ("Revenue rose 9 per cent year-on-year (YoY). YoY growth was the best, Orvex said.",
     "YoY"),
    ("Sales of EV (electric vehicles) rose. EV makers cheered.", "EV"),
    ("Orvex Q3 results beat forecasts. Q3 sales rose, Orvex said.", "Q3"),
])
def test_an_acronym_spelled_out_in_lower_case_is_no_actor(extract, text, acronym):
    assert acronym not in {e.name for e in extract(text).entities}


def test_an_acronym_spelled_out_as_a_name_stays_an_actor(extract):
    text = "The European Central Bank (ECB) raised rates. The ECB said prices rose."
    assert ("European Central Bank", "Organization") in {
        (e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize(("text", "name"), [
    ("A complaint was filed by the federal Trade Commission and the state.", "Trade Commission"),
    ("She said politics had no place at her State Department.", "State Department"),
    ('He pledged to build what he called a "New Orvex" by 2030.', "New Orvex"),
])
def test_lower_case_words_run_into_a_name_are_cut_off(extract, text, name):
    names = {e.name for e in extract(text).entities}
    assert name in names
    assert not any(n[:1].islower() or n.split()[0] in ("Federal", "Her", "A") for n in names)


@pytest.mark.parametrize(("text", "name"), [
    ("Ana Ruiz, chairwoman of the council's Committee on Harbour Dues, said fees would rise.",
     "Committee on Harbour Dues"),
    ("The council's Committee on Parks and Public Lands, chaired by Ana Ruiz, met on Monday.",
     "Committee on Parks and Public Lands"),
])
def test_a_common_nouns_possessive_is_cut_off_a_name(extract, text, name):
    assert (name, "Organization") in {(e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize(("words", "label", "expected"), [
    (["the", "federal", "Harbour", "Board"], "ORG", "Harbour Board"),
    (["her", "Foreign", "Ministry"], "ORG", "Foreign Ministry"),
    (["a", '"', "New", "Orvex"], "ORG", "New Orvex"),
    (["healthcare"], "ORG", None),
    (["state", "party"], "ORG", None),
    (["ex", "-", "Orvex", "Radio"], "ORG", None),
    (["Harbour", "Board"], "ORG", "Harbour Board"),
    (["western", "allies"], "KG_GROUP", "western allies"),
    (["the", "board", "'s", "Committee", "on", "Tariffs"], "ORG", "Committee on Tariffs"),
    (["her", "union", "'s", "Works", "Council"], "ORG", "Works Council"),
    (["the", "board", "'s", "chair"], "ORG", None),
    (["board", "'s"], "ORG", None),
])
def test_a_name_keeps_no_lower_case_lead(words, label, expected):
    import spacy
    from spacy.tokens import Doc, Span

    from kg.extract.actor_junk import without_lowercase_lead

    glued = ("-", '"')  # written against the next word
    spaces = [k + 1 < len(words) and w not in glued and words[k + 1] not in ("-", "'s")
              for k, w in enumerate(words)]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    found = without_lowercase_lead(Span(doc, 0, len(words), label=label))
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize(("words", "role"), [
    (["Councilwoman"], True), (["District", "2", "Councilwoman"], True),
    (["Deputy", "Mayor"], True), (["Labour"], False), (["Energy"], False),
])
def test_a_title_modifier_alone_is_no_role(words, role):
    import spacy

    from kg.extract.actor_junk import _role_only

    doc = Doc(spacy.blank("en").vocab, words=words)
    assert _role_only(Span(doc, 0, len(words), label="ORG")) is role


@pytest.mark.parametrize(("text", "name"), [
    ("Novo Nordisk is waiting for approval of its new tablet, cagrivastin, which could "
     "reach pharmacies in June.", "cagrivastin"),
])
def test_a_lower_case_word_in_apposition_to_a_noun_is_a_name(extract, text, name):
    assert name in {e.name.lower() for e in extract(text).entities}


@pytest.mark.parametrize(("text", "word", "kept"), [
    ("Novo Nordisk is waiting for approval of its new tablet, cagrivastin, which could "
     "reach pharmacies in June.", "cagrivastin", True),
    ("Novo Nordisk is waiting for approval of cagrivastin in June.", "cagrivastin", False),
    ("1993 - Six former Soviet republics, Russia, Belarus and Armenia, signed framework "
     "agreements.", "republics", False),
])
def test_renames_a_noun(nlp, text, word, kept):
    from kg.extract.actor_junk import _renames_a_noun

    doc = nlp(text)
    i = next(t.i for t in doc if t.text == word)
    assert _renames_a_noun(Span(doc, i, i + 1, label="ORG")) is kept


@pytest.mark.parametrize(("words", "i", "expected"), [
    # past the time of day that opens a live blog's entry
    (["them", ".", "\n\n", "22:57", "Turnout", ",", "officials", "said"], 4, True),
    # past a Markdown heading's marks
    (["rivals", ".", "\n\n", "#", "Phone", "rivalry"], 4, True),
    # a time inside a sentence, or a word mid-sentence, opens nothing
    (["polls", "at", "22:57", "Turnout", "rose"], 3, False),
    (["officials", "said", "Turnout", "rose"], 2, False),
])
def test_starts_sentence_or_line(nlp, words, i, expected):
    from kg.extract.actor_junk import starts_sentence_or_line

    doc = Doc(nlp.vocab, words=words)
    assert starts_sentence_or_line(doc[i]) is expected


@pytest.mark.parametrize(("text", "zone", "expected"), [
    ("Talks open at 09:00 JST on Monday .", "JST", True),
    ("Flights left at 14:00 GMT .", "GMT", True),
    # capitals bracketed after a name are that name's abbreviation, no zone
    ("The Road Safety Board ( JST ) said so . JST staff agreed .", "JST", False),
    ("The Ground Movement Team ( GMT ) met . GMT will report .", "GMT", False),
])
def test_a_time_zone_is_junk_unless_bracketed_after_a_name(nlp, text, zone, expected):
    from kg.extract.actor_junk import _time_zone

    doc = nlp.make_doc(text)
    i = max(t.i for t in doc if t.text == zone)
    assert _time_zone(Span(doc, i, i + 1, label="ORG")) is expected
