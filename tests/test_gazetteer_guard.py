"""Tests for kg.extract.gazetteer_guard: gazetteer matches never cut longer names."""

from __future__ import annotations

import pytest


def actor_names(extract, text: str) -> set[tuple[str, str]]:
    return {(entity.name, entity.type) for entity in extract(text).entities}


@pytest.mark.parametrize(("text", "expected", "not_expected"), [
    ("Jordan Henderson scored twice for Liverpool.", ("Jordan Henderson", "Person"),
     ("Jordan", "Country")),
    ("Chad Smith, the drummer, said the tour was over.", ("Chad Smith", "Person"),
     ("Chad", "Country")),
    ("The Washington Post reported the vote.", ("Washington Post", "Organization"),
     ("Washington", "Place")),
    ("The Austin City Council approved the budget.", ("Austin City Council", "Organization"),
     ("City", "Place")),
    ("She moved to Mexico City in May.", ("Mexico City", "Place"), ("Mexico", "Country")),
])
def test_a_country_or_place_inside_a_longer_name_is_left_to_the_model(
        extract, text, expected, not_expected) -> None:
    names = actor_names(extract, text)
    assert expected in names
    assert not_expected not in names


@pytest.mark.parametrize(("text", "expected"), [
    ("Shelling hit Kyiv and Kharkiv on Tuesday.", {("Kyiv", "Place"), ("Kharkiv", "Place")}),
    ("Russian drones struck Kyiv overnight.", {("Kyiv", "Place"), ("Russia", "Country")}),
    ("US President Donald Trump met officials in Geneva.",
     {("United States", "Country"), ("Donald Trump", "Person"), ("Geneva", "Place")}),
    ("Prices rose in the Middle East and in Addis Ababa.",
     {("Middle East", "Place"), ("Addis Ababa", "Place")}),
])
def test_standalone_gazetteer_names_keep_their_type(extract, text, expected) -> None:
    assert expected <= actor_names(extract, text)


@pytest.mark.parametrize("text", ["Paris Hilton attended the gala.",
                                  "Oil rose in the Middle East.",
                                  "The City of London opened."])
def test_words_of_multi_word_places_are_no_places_alone(extract, text) -> None:
    assert not {name for name, _ in actor_names(extract, text)} & {"Paris", "City", "East",
                                                                   "Middle"}


def _ruler_doc(nlp, text: str):
    """Return ``text`` run through the pipeline up to the entity ruler (the guard's input)."""
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names[:nlp.pipe_names.index("kg_entity_ruler") + 1]:
        doc = nlp.get_pipe(name)(doc)
    return doc


@pytest.mark.parametrize(("text", "place", "glued"), [
    # a headline capitalises every word: "Election" and "Across" go on no name the body has
    ("# Norway Election Night Live: Labour Leads\n\nVoters in Norway chose a new "
     "parliament. The election was close.\n", "Norway", False),
    ("# Rail Strike Live: Trains Cancelled Across Denmark as Drivers Walk Out\n\nTrains "
     "stopped across Denmark on Monday as drivers walked out.\n", "Denmark", False),
    # the body capitalises the word beside the place: one name, in the headline too
    ("# Jordan Henderson Scores Twice\n\nThe midfielder Jordan Henderson scored twice on "
     "Sunday.\n", "Jordan", True),
    # running text: the guard as before
    ("Voters in Norway Election Night chose.\n", "Norway", True),
])
def test_headline_capitals_glue_no_place_to_a_word_the_body_writes_in_lower_case(
        nlp, text, place, glued) -> None:
    from kg.extract.gazetteer_guard import glued_places

    doc = _ruler_doc(nlp, text)
    first = next(e for e in doc.ents if e.text == place)
    assert ((first.start, first.end) in {(g.start, g.end) for g in glued_places(doc)}) is glued


@pytest.mark.parametrize(("text", "place", "glued"), [
    # a question's verb after a transcript's label glues nothing to the country
    ("Ama Owusu (Daily Star): Is Kenya ready to reopen its borders with Uganda?", "Kenya",
     False),
    ("(Efua Boateng, Daily Graphic): Will Ghana reopen its land borders with Togo?", "Ghana",
     False),
    # a polity noun after a place names that polity: the gazetteer's place stays
    ("Bronzes were taken from the ancient Benin Kingdom in 1897, the curator said.", "Benin",
     False),
    # a name word still glues
    ("The midfielder Jordan Henderson scored twice.", "Jordan", True),
])
def test_a_function_word_or_a_polity_noun_continues_no_name(nlp, text, place, glued) -> None:
    from kg.extract.gazetteer_guard import glued_places

    doc = _ruler_doc(nlp, text)
    first = next(e for e in doc.ents if e.text == place)
    assert ((first.start, first.end) in {(g.start, g.end) for g in glued_places(doc)}) is glued


@pytest.mark.parametrize(("text", "expected"), [
    ("Bronzes were taken from the ancient Benin Kingdom in 1897, the curator said.",
     ("Benin", "Country")),
])
def test_a_polity_noun_keeps_the_country_in_the_extraction(extract, text, expected) -> None:
    assert expected in actor_names(extract, text)


@pytest.mark.parametrize(("model", "restored"), [
    ([], ["Kyiv"]),  # the model read no name there: the gazetteer's place comes back
    ([(2, 5, "FAC")], []),  # the model read the whole name
    ([(3, 4, "PERSON")], []),  # the model read the glued word as a name of its own
    ([(0, 1, "CARDINAL")], ["Kyiv"]),  # a name elsewhere in the sentence
])
def test_a_glued_place_the_model_reads_nothing_over_gets_its_label_back(
        nlp, model, restored) -> None:
    from spacy.tokens import Doc, Span

    from kg.extract.gazetteer_guard import GLUED_KEY, gazetteer_restore_component

    doc = Doc(nlp.vocab, words=["13:05", "-", "Kyiv", "Boryspil", "Terminal", "reports",
                                "queues", "."])
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in model]
    doc.user_data[GLUED_KEY] = [(2, 3, "LOC", 3)]
    doc = gazetteer_restore_component(doc)
    assert [e.text for e in doc.ents if e.label_ == "LOC"] == restored
    assert GLUED_KEY not in doc.user_data


@pytest.mark.parametrize(("words", "glued", "restored"), [
    # a site named after the place: the place comes back
    (["Flights", "to", "Kyiv", "Boryspil", "Airport", "resumed", "."], (2, 3, "LOC", 3),
     ["Kyiv"]),
    # no site's head ends the name: whatever it is, the place alone is not it
    (["Fans", "of", "Kyiv", "Boryspil", "United", "cheered", "."], (2, 3, "LOC", 3), []),
    # a word before the place makes it part of another name ("Real Madrid")
    (["Signed", "from", "Real", "Madrid", "Airport", "today", "."], (3, 4, "GPE", 2), []),
])
def test_only_a_place_starting_a_sites_name_comes_back(nlp, words, glued, restored) -> None:
    from spacy.tokens import Doc

    from kg.extract.gazetteer_guard import unread_glued_places

    doc = Doc(nlp.vocab, words=words)
    assert [s.text for s in unread_glued_places(doc, [glued])] == restored
