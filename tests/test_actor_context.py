"""Tests for kg.extract.actor_context: an entity's actor type from the words around it."""

import pytest
from spacy.tokens import Span


@pytest.mark.parametrize(("text", "word", "expected"), [
    # an adjective the model calls a group is no actor
    ("Airlines may not buy Nordavian aircraft, the minister said.", "Nordavian", None),
    ("The Republican senator spoke on Monday.", "Republican", None),
    # a continent's adjective names the continent, as a country's names the country
    ("Airlines may not buy European aircraft, the minister said.", "European", "Place"),
    ("Shares of African miners rose on Monday.", "African", "Place"),
    # a town's name the tagger reads as an adjective names the town; a town named like an
    # adjective ("Roman", "Liberal") is the adjective
    ("Boats land cod every morning at the Peterhead fish market.", "Peterhead", "Place"),
    ("Tourists visited the Roman baths on Monday.", "Roman", None),
    ("The Liberal senator spoke on Monday.", "Liberal", None),
    # a proper noun the model called a group is a name, kept as the group it was labelled
    ("Shares fell on the Tallinn stock exchange on Friday.", "Tallinn", "Group"),
    ("The domestic Kyodori news agency said the talks ended.", "Kyodori", "Group"),
    ("Voters chose the Republicans in May.", "Republicans", "Group"),
])
def test_an_adjective_group_is_dropped_but_a_proper_noun_is_not(nlp, text, word, expected):
    from kg.extract.actor_context import actor_type

    doc = nlp(text)
    i = next(t.i for t in doc if t.text == word)
    assert actor_type(Span(doc, i, i + 1, label="NORP")) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Shares of European carmakers fell on Monday. Talks in Europe went on.", "Europe"),
    ("Asian markets rose as the yen fell.", "Asia"),
])
def test_a_continents_adjective_is_the_continent(extract, text, name):
    places = {(e.name, e.type) for e in extract(text).entities}
    assert (name, "Place") in places
    assert not any(n.endswith("an") for n, _ in places)


def _with_countries(nlp, text: str):
    """Return ``text`` tokenised with its country names labelled GPE."""
    doc = nlp.make_doc(text)
    spans, at = [], 0
    for country in ("Norway", "Denmark", "France"):
        at = 0
        while (at := text.find(country, at)) >= 0:
            spans.append(doc.char_span(at, at + len(country), label="GPE"))
            at += len(country)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("They flew to Toulouse, France, on Monday.", "Toulouse", True),
    ("Signed:\nAnn Berg, Norway\nJon Lie, Denmark\n", "Ann Berg", False),
    ("Signed:\nAnn Berg, Norway\nJon Lie, Oslo Institute, Denmark\n", "Oslo Institute", False),
    ("Signed:\nAnn Berg, Norway\n\nShe was born in Toulouse, France.\n", "Toulouse", True),
    ("She works from Toulouse in France now.", "Toulouse", True),
    # a name ending in a company or body word is an organisation placed in its country
    ("She is an economist at Fjord Bank in Norway.", "Fjord Bank", False),
    ("He spoke for Bergen Council, Norway, on Monday.", "Bergen Council", False),
])
def test_a_name_with_its_country_is_a_place_unless_a_list_or_a_body_says_otherwise(
        nlp, text, name, expected):
    from kg.extract.actor_context_places import place_with_country

    doc = _with_countries(nlp, text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="Person")
    assert place_with_country(span) is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a title inside the span, in apposition on either side, or before a list's colon
    ("Spokeswoman Dara Quill said the plant would close.", "Spokeswoman Dara Quill", True),
    ("The group met on Monday. Its chair, Lena Voss-Arnt, said the review would take a year.",
     "Lena Voss-Arnt", True),
    ("The phone sold well, TK Marsh, head of the mobile unit, told reporters.", "TK Marsh",
     True),
    ("Trade Minister: Oskar Lindqvist\nHealth Minister: Ilse Bramm\n", "Oskar Lindqvist", True),
    # no title beside the name, or a title the name does not stand in apposition to
    ("Norvale Partners, a fund based in Oslo, bought the stake.", "Norvale Partners", False),
    ("The president of Kessler Lund spoke on Monday.", "Kessler Lund", False),
    ("Kessler Lund spokesman Ed Marr declined to comment.", "Kessler Lund", False),
    ("Its chair, the Ostbank Group, said the review would take a year.", "Ostbank Group", False),
    # a rank in a field is held by companies and teams too
    ("The market leader, Norvale Quist, cut prices again.", "Norvale Quist", False),
    ("Ostra Varna, the league leader, lost on Sunday.", "Ostra Varna", False),
    ("The finance minister, Ilse Bramm, left early.", "Ilse Bramm", True),
])
@pytest.mark.parametrize("label", ["ORG", "PRODUCT"])
def test_a_name_with_a_title_beside_it_is_a_persons(nlp, text, name, expected, label):
    from kg.extract.actor_context_titles import _titled_person

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert _titled_person(span) is expected


@pytest.mark.parametrize(("text", "name", "label", "expected"), [
    # a product noun describes the name, whatever label the model gave it
    ("It ships with the web browser Quillo and a mail program.", "Quillo", "PERSON", True),
    ("It ships with the web browser Quillo and a mail program.", "Quillo", "ORG", True),
    ("The operating system Tarn runs on the new laptops.", "Tarn", "ORG", True),
    # a model noun: a product for an organisation, both modifying one noun too ...
    ("Velmont will fund the next model Arrow for the fleet.", "Arrow", "ORG", True),
    ("Velmont builds its model Arrow and Dune vehicles in Ohio.", "Arrow", "ORG", True),
    # ... but a person may be a fashion model
    ("The fashion model Ada Quist opened the show.", "Ada Quist", "PERSON", False),
    # no product noun before the name
    ("The retailer Norvale cut prices on Monday.", "Norvale", "ORG", False),
    # a brand of a kind of goods, labelled an organisation: the company selling them ...
    ("Sales rose at cosmetics brand Lumora on Monday.", "Lumora", "ORG", False),
    ("Shoppers favoured sportswear brand Lumora this year.", "Lumora", "ORG", False),
    # ... a bare brand stays a product
    ("Sales rose for the brand Lumora on Monday.", "Lumora", "ORG", True),
])
def test_a_name_a_product_noun_describes_is_a_product(nlp, text, name, label, expected):
    from kg.extract.actor_context import _described_as_product

    doc = nlp(text)
    start = text.index(name)
    assert _described_as_product(doc.char_span(start, start + len(name), label=label)) \
        is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a product noun heads the phrase in apposition: the name is a product's
    ("Tarn, the new version, ships in May.", "Tarn", True),
    ("Users liked Quillo, a browser from Oslo.", "Quillo", True),
    ("Tarn, the software update, ships in May.", "Tarn", True),  # both product nouns
    # the product noun modifies a later word: part of a title, nothing of the name
    ("By Maren Ostby, Film Editor\n\nOSLO — The festival opened.", "Maren Ostby", False),
    ("Ada Quist, Album Reviewer, wrote the column.", "Ada Quist", False),
    # no comma after the name
    ("Tarn ships in May with the new version.", "Tarn", False),
])
def test_a_name_in_apposition_to_a_product_noun_heading_its_phrase(nlp, text, name, expected):
    from kg.extract.actor_context import _product_apposition

    doc = nlp(text)
    start = text.index(name)
    assert _product_apposition(doc.char_span(start, start + len(name), label="PERSON")) \
        is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a single word after "the" is no person: dropped, unless a preposition of place governs
    # it in one of its mentions: a place in all of them
    ("Boeing has named the Worldliner after its range.", "Worldliner", "drop"),
    ("Rain is expected in the Wimmera and the Mallee this week.", "Wimmera", "Place"),
    ("Rain is expected in the Wimmera and the Mallee this week.", "Mallee", "Place"),
    ("Pilgrims bathed at the Sangam on Monday.", "Sangam", "Place"),
    ("The probe spent a night on the Vantor and woke again.", "Vantor", "Place"),
    ("The Vantor's crust is thin, and the probe landed on the Vantor.", "Vantor", "Place"),
    ("The Vantor's crust is thin, engineers said.", "Vantor", "drop"),
    # or it is itself placed at a named place: a river or site seen there
    ("Officials said the Tavra at Kelso bridge was rising fast.", "Tavra", "Place"),
    ("Boeing named the Worldliner in 2020.", "Worldliner", "drop"),
    # a plural is a band or team
    ("Fans of the Beatles gathered at the hall.", "Beatles", "Organization"),
])
def test_a_single_name_after_the_is_dropped_unless_a_place_preposition_governs_it(
        nlp, text, name, expected):
    from kg.extract.actor_context import _the_name

    doc = nlp(text)
    i = next(t.i for t in doc if t.text == name)
    assert _the_name(Span(doc, i, i + 1, label="PERSON")) == expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a US state's AP abbreviation or postal code after a place and a comma: the state
    ("The band opens its tour in Statesboro, Ga. on Friday.", "Ga.", "Georgia"),
    ("The firm moved to Omaha, Neb. last year.", "Neb.", "Nebraska"),
    ("He grew up in Albany, N.Y. and left at 18.", "N.Y.", "New York"),
    ("The plant in Dayton, OH closed in May.", "OH", "Ohio"),
    # a province the gazetteers know, after a town the model tagged as it pleased
    ("The storm made landfall near Dilasag, Aurora on Monday.", "Aurora", "Aurora"),
    ("Relief reached Calayan, Cagayan on Tuesday.", "Cagayan", "Cagayan"),
    # no place before the comma, or a list of names: nothing
    ("Thanks go to Ann Lee, Aurora Diaz and the crew.", "Aurora", None),
    ("Ga. is no word of this sentence, Ga. says.", "Ga.", None),
    ("The bill passed, Georgia officials said.", "Georgia", None),
])
def test_a_region_after_a_place_and_a_comma(nlp, text, name, expected):
    from kg.extract.actor_context_places import region_after_place

    doc = nlp(text)
    start = text.rindex(name)
    span = doc.char_span(start, start + len(name), label="Person")
    assert region_after_place(span) == expected


@pytest.mark.parametrize(("words", "expected"), [
    (["Avenida", "Faria", "Norte"], True),
    (["Rua", "das", "Flores"], True),
    (["Jalan", "Merdeka"], True),
    (["Calle", "Mayor"], True),
    (["Avenue", "Capital"], False),  # "Avenue" first names firms too
    (["Via", "Rail"], False),
])
def test_a_road_word_before_a_name_makes_a_site(nlp, words, expected):
    from spacy.tokens import Doc

    from kg.extract.actor_context_places import routes_and_venues

    doc = Doc(nlp.vocab, words=["On", *words, "today", "."])
    assert routes_and_venues(Span(doc, 1, 1 + len(words), label="ORG")) is expected


@pytest.mark.parametrize(("words", "expected"), [
    (["Vantara", "Temple"], True),
    (["Oshiro", "Shrine"], True),
    (["Kelso", "National", "Park"], True),
    (["Ruvani", "Tiger", "Reserve"], True),
    (["Temple"], False),  # the head alone names no site
    (["Federal", "Reserve"], False),  # a reserve that protects nothing: a bank
    (["Kelso", "Park"], False),  # a surname as often as a park
    (["Ruvani", "Growers", "Society"], False),
])
def test_temples_and_protected_areas_are_sites(nlp, words, expected):
    from spacy.tokens import Doc

    from kg.extract.actor_context_places import _names_a_site

    doc = Doc(nlp.vocab, words=["At", *words, "today", "."])
    assert _names_a_site(Span(doc, 1, 1 + len(words), label="ORG")) is expected

@pytest.mark.parametrize(("words", "i", "titled"), [
    (["Dr", "Okafor", "spoke"], 1, True),
    (["DR", "Congo", "extends", "quotas"], 1, False),  # a country's initials, no "Dr"
    (["MR", "Lande", "Shipping", "grew"], 1, False),
    (["DR", "OKAFOR", "SPOKE"], 1, True),  # a line in capitals keeps its honorific
    (["MR.", "OKAFOR", "SPOKE"], 1, True),
    (["CEO", "Ana", "Reyes", "spoke"], 1, True),  # a title in capitals is one still
])
def test_an_honorific_in_capitals_before_a_cased_word_is_initials(nlp, words, i, titled):
    from spacy.tokens import Doc

    from kg.extract.actor_context_titles import after_title

    assert after_title(Doc(nlp.vocab, words=words), i) is titled

@pytest.mark.parametrize(("text", "name", "expected"), [
    # a work-like title before a noun of a body names the body
    ("The Friends of the Quay group collected 300 signatures.", "The Friends of the Quay",
     "Organization"),
    ("Members of the Save Our Pier campaign met on Monday.", "Save Our Pier", "Organization"),
    # a title without one, or before a noun its phrase does not hang on, is no actor
    ("She read The Friends of the Mill twice.", "The Friends of the Mill", None),
    ("The Last Supper group tour starts at noon.", "The Last Supper", None),
])
def test_a_work_of_art_before_a_body_noun_is_an_organisation(nlp, text, name, expected):
    from kg.extract.actor_context import actor_type

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="WORK_OF_ART")
    assert actor_type(span) == expected


@pytest.mark.parametrize(("text", "org", "other", "expected"), [
    # a name only ever written before a device or variant noun names a product line
    ("Stores cut the price of Veltro models on Monday.", "Veltro", None, True),
    # a capitalised "Model" opening another name the model found is no such noun
    ("Imran Butt, 31, from Multan's Model Town, won the final.", "Multan's", "Model Town",
     False),
])
def test_a_name_before_a_device_noun_is_a_product_line(nlp, text, org, other, expected):
    from kg.extract.actor_context import _product_line

    doc = nlp(text)

    def span(name: str, label: str) -> Span:
        start = text.index(name)
        return doc.char_span(start, start + len(name), label=label)

    doc.ents = [span(org, "ORG")] + ([span(other, "GPE")] if other else [])
    assert _product_line(span(org, "ORG")) is expected
