"""Every mention of a name the article already has (kg.extract.name_repeats), on articles
written for the tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.extract.name_repeats import repeated_names


def mentions(nlp, text: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """Return the repeated mentions of ``names`` (text → type, each found at its first
    occurrence) in ``text``."""
    doc = nlp(text)
    spans, covered = [], set()
    for name, type_ in names.items():
        start = doc.text.index(name)
        span = doc.char_span(start, start + len(name), label=type_)
        spans.append(span)
        covered |= set(range(span.start, span.end))
    return [(s.text, s.label_) for s in repeated_names(doc, spans, covered)]


@pytest.mark.parametrize(("text", "names", "expected"), [
    # "Senior" after a comma starts a title, not a suffix
    ("Ola Dahl spoke. The firm hired Ola Dahl, Senior Partner at Vik, in May.\n",
     {"Ola Dahl": "Person"}, [("Ola Dahl", "Person")]),
    ("Halden beat Solvik on Sunday.\nThe leaders: Brekke, Halden, Tromso.\n",
     {"Halden": "Organization"}, [("Halden", "Organization")]),
    ("CYCLING - WRZESNIAK WINS IN HALDEN\nTomasz Wrzesniak won the stage in Halden.\n",
     {"Tomasz Wrzesniak": "Person", "Halden": "Place"},
     [("WRZESNIAK", "Person"), ("HALDEN", "Place")]),
    ("Marta Silva scored twice. Coach Ola Vik praised Silva after the game.\n",
     {"Marta Silva": "Person"}, [("Silva", "Person")]),
    # a transcript's label in capitals is the whole hyphenated surname
    ("The governor Ane Brekke-Dahl spoke first.\n\nBREKKE-DAHL: Thank you all.\n",
     {"Ane Brekke-Dahl": "Person"}, [("BREKKE-DAHL", "Person")]),
    ("Ane Brekke-Dahl spoke. Later Brekke-Dahl left.\n",
     {"Ane Brekke-Dahl": "Person"}, [("Brekke-Dahl", "Person")]),
])
def test_a_name_found_once_is_found_everywhere(nlp, text, names, expected):
    assert mentions(nlp, text, names) == expected


@pytest.mark.parametrize(("text", "names"), [
    # part of a longer name
    ("Halden won again.\nThe Halden Sports Club met on Monday.\n", {"Halden": "Organization"}),
    # a one-word name the article also writes in lower case
    ("Mark Bush spoke.\nThe bush fire spread and Bush left.\n", {"Mark Bush": "Person"}),
    # a capitalised word of a known place
    ("Jose scored.\nFLIGHTS TO SAN JOSE CANCELLED\n", {"Jose": "Person"}),
    # a place does not speak: this "Halden" is something else
    ("Talks were held in Halden.\nHalden said the talks went well.\n", {"Halden": "Place"}),
    # a name suffix makes the name another person's, a son's or a father's
    ("Rayo de Oro retired in 1990.\nHis son now fights as Rayo de Oro Jr. in Monterrey.\n",
     {"Rayo de Oro": "Person"}),
    ("Tomas Brandt spoke first. Later Tomas Brandt, Sr. told the hall he was proud.\n",
     {"Tomas Brandt": "Person"}),
    ("Ana Ruiz won the seat. Ana Ruiz III, her grandson, ran in 2030.\n",
     {"Ana Ruiz": "Person"}),
])
def test_no_repeat_inside_a_longer_name_or_of_a_common_word(nlp, text, names):
    assert mentions(nlp, text, names) == []


def test_repeats_are_marked_as_repeats(nlp):
    doc = nlp("Halden beat Solvik on Sunday.\nThe leaders: Brekke, Halden, Tromso.\n")
    found = Span(doc, 0, 1, label="Organization")
    repeats = repeated_names(doc, [found], {0})
    assert [(s.text, s._.kg_repeat) for s in repeats] == [("Halden", True)]
    assert found._.kg_repeat is False


def test_covered_tokens_are_not_repeated(nlp):
    doc = nlp("Halden beat Solvik. Halden lead.")
    first = Span(doc, 0, 1, label="Organization")
    second = Span(doc, 4, 5, label="Organization")
    assert repeated_names(doc, [first, second], {0, 4}) == []


@pytest.mark.parametrize(("text", "names", "expected"), [
    # a maker's name before its product's name and a noun for what that is
    ("Quantrel makes chips. The laptop uses Quantrel Vega Duo processors.",
     {"Quantrel": "Organization"}, [("Quantrel", "Organization")]),
    ("Tessar designs chips. The tablet runs on Tessar Arc processors.",
     {"Tessar": "Organization"}, [("Tessar", "Organization")]),
])
def test_a_maker_before_its_product_name(nlp, text, names, expected):
    assert mentions(nlp, text, names) == expected


@pytest.mark.parametrize(("text", "names"), [
    # no product noun after the capitalised words: part of a longer name
    ("Quantrel makes chips. Quantrel Vega Holdings said sales rose.",
     {"Quantrel": "Organization"}),
    # a person's name is no maker
    ("Ana Quantrel spoke. The laptop uses Quantrel Vega processors.",
     {"Ana Quantrel": "Person"}),
])
def test_no_maker_without_a_product_noun(nlp, text, names):
    assert mentions(nlp, text, names) == []


def test_no_repeat_inside_a_date(nlp):
    # "May" is a name here once, and a month in the dates after it
    doc = nlp("Itinerary drawn up by Selma May:\nMay 3 Arrive in Brenvik\nMay 4 Rest day\n")
    start = doc.text.index("Selma May")
    person = doc.char_span(start, start + len("Selma May"), label="Person")
    found = repeated_names(doc, [person], set(range(person.start, person.end)))
    assert [s.text for s in found if s.start_char > person.end_char] == []


@pytest.mark.parametrize(("words", "amount", "label", "repeated"), [
    (["Ana", "May", "spoke", ".", "On", "May", "3", "she", "left", "."], (5, 7), "DATE", []),
    (["Ana", "May", "spoke", ".", "Due", "Sept.", "3", ",", "May", "said", "."], (5, 7), "DATE",
     ["May"]),
    # a box-score line the model read as a date or a count: the name is still a name
    (["Kofi", "Garnet", "scored", ".", "Garnet", "11", ",", "Ruiz", "9", "."], (4, 6), "DATE",
     ["Garnet"]),
    (["Kofi", "Garnet", "scored", "and", "then", "Garnet", "left", "."], (5, 6), "CARDINAL",
     ["Garnet"]),
    (["Ada", "Rand", "paid", "20", "Rand", "."], (3, 5), "MONEY", []),
])
def test_only_calendar_words_and_amounts_hold_no_repeat(words, amount, label, repeated):
    import spacy
    from spacy.tokens import Doc

    spaces = [k + 1 < len(words) and words[k + 1] not in (".", ",") for k in range(len(words))]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, *amount, label=label)]
    person = Span(doc, 0, 2, label="Person")
    found = repeated_names(doc, [person], set(range(0, 2)))
    assert [s.text for s in found] == repeated


@pytest.mark.parametrize(("word", "label", "held"), [
    ("May", "DATE", True), ("Sept.", "DATE", True), ("THU", "TIME", True),
    ("46th", "ORDINAL", True), ("fourth", "ORDINAL", True), ("Rand", "MONEY", True),
    ("Garnet", "DATE", False), ("Garnet", "CARDINAL", False), ("Garnet", "", False),
])
def test_in_date_or_amount(word, label, held):
    import spacy
    from spacy.tokens import Doc

    from kg.extract.name_repeats import in_date_or_amount

    doc = Doc(spacy.blank("en").vocab, words=["on", word, "3"])
    doc.ents = [Span(doc, 1, 3, label=label)] if label else []
    assert in_date_or_amount(doc[1]) is held


@pytest.mark.parametrize(("words", "amount", "label", "word", "held"), [
    # an amount with a figure: its words are units and currencies
    (["paid", "20", "Rand", "today"], (1, 3), "MONEY", "Rand", True),
    (["ran", "5", "Nordic", "miles"], (1, 4), "QUANTITY", "Nordic", True),
    # no figure (a headline) or a clock time (a live blog's stamp): the name is a name
    (["#", "NORWAY", "SALMON", "EXPORTS"], (0, 3), "MONEY", "NORWAY", False),
    (["22:12", "Vestre", "leader", "spoke"], (0, 2), "QUANTITY", "Vestre", False),
])
def test_a_name_in_an_amount_without_a_figure_is_a_name(words, amount, label, word, held):
    import spacy
    from spacy.tokens import Doc

    from kg.extract.name_repeats import in_date_or_amount

    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, *amount, label=label)]
    assert in_date_or_amount(doc[words.index(word)]) is held
