"""Products named in lists, after their maker, with variant numbers and in colour lists
(kg.extract.product_lists, kg.extract.products), on sentences written for the tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from kg.extract.product_lists import (
    with_listed_products,
    with_maker_model_names,
    with_product_lines,
    without_listed_colours,
)
from kg.extract.products import variant_designation
from kg.extract.syntax import conjuncts


def typed(nlp, text: str) -> dict[str, str]:
    """Return actor mention text → type for ``text``."""
    doc = nlp(text)
    return {s.text: s.label_ for s in doc.spans["kg_actors"]}


@pytest.mark.parametrize(("text", "product", "maker"), [
    ("Pilots said the Boeing 737-800 handled well in the storm.", "Boeing 737-800", "Boeing"),
    ("Skyline Air will lease the Airbus A330-200 from March.", "Airbus A330-200", "Airbus"),
    ("Nordvik Air took the Boeing 777-300ER off the Oslo route.", "Boeing 777-300ER",
     "Boeing"),
])
def test_a_model_and_its_variant_are_one_product(nlp, text, product, maker):
    types = typed(nlp, text)
    assert types.get(product) == "Product"
    assert maker not in types or types[maker] == "Organization"


@pytest.mark.parametrize(("words", "i", "expected"), [
    (["the", "737", "-", "800", "flew"], 1, True),
    (["the", "A330", "-", "200", "flew"], 1, True),
    (["Kent", "108", "-", "3", "today"], 1, False),
    (["won", "112", "-", "105", "today"], 1, False),
])
def test_variant_designation(nlp, words, i, expected):
    doc = Doc(nlp.vocab, words=words, spaces=[True, False, False, True, False])
    assert variant_designation(doc[i]) is expected


@pytest.mark.parametrize(("text", "product"), [
    ("Nordic carriers prefer Boeing's 787, a long-range jet, to older models.", "787"),
    ("The airline retired Airbus's A340, and kept its older jets.", "A340"),
])
def test_a_model_after_a_possessive_maker_and_a_comma_is_a_product(nlp, text, product):
    types = typed(nlp, text)
    assert types.get(product) == "Product"


@pytest.mark.parametrize(("text", "products"), [
    ("Besides the iPhone Mini, Nano and Flex, the company has shown the iPhone Fold.",
     {"Nano", "Flex"}),
    ("Stores still stock the iPhone 3G, Nova and Mira in every colour.",
     {"iPhone 3G", "Nova", "Mira"}),
])
def test_names_listed_with_a_product_are_products(nlp, text, products):
    types = typed(nlp, text)
    assert {name for name, type_ in types.items() if type_ == "Product"} >= products


def test_the_maker_in_a_list_with_its_product_stays_a_company(nlp):
    doc = nlp.make_doc("Buyers compared the Veltro X1 and Veltro .")
    spans = [Span(doc, 3, 5, label="Product"), Span(doc, 6, 7, label="Organization")]
    doc.spans["kg_actors"] = spans
    # no parse: nothing is joined, so nothing changes
    assert [(s.text, s.label_) for s in with_listed_products(spans)] == [
        ("Veltro X1", "Product"), ("Veltro", "Organization")]


def test_a_maker_joined_to_a_product_is_no_product(nlp):
    doc = nlp("Travellers prefer the Boeing 787 and Airbus for long flights.")
    spans = [Span(doc, 3, 5, label="Product"), Span(doc, 7, 8, label="Organization"),
             Span(doc, 10, 11, label="Organization")]
    out = {s.text: s.label_ for s in with_listed_products(spans)}
    if any(t.text == "Airbus" for t in conjuncts(doc[4])):
        assert out["Airbus"] == "Product"  # joined, and the article never makes it a maker
    spans.append(Span(doc, 0, 0, label="Organization"))
    doc2 = nlp("Airbus said the Airbus A350 and the Boeing 787 compete.")
    spans2 = [Span(doc2, 0, 1, label="Organization"), Span(doc2, 3, 5, label="Product"),
              Span(doc2, 7, 9, label="Product")]
    assert {s.text: s.label_ for s in with_listed_products(spans2)}["Airbus"] == "Organization"


@pytest.mark.parametrize(("text", "product", "maker"), [
    ("Trelmar Motors said it will stop making the Trelmar Vextra next year.", "Trelmar Vextra",
     "Trelmar Motors"),
    ("Corvane announced that the Corvane Falka will be built in Ohio.", "Corvane Falka",
     "Corvane"),
])
def test_the_maker_then_a_model_name_is_a_product(nlp, text, product, maker):
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    start = words.index(product.split()[0], 1)
    maker_len = len(maker.split())
    spans = [Span(doc, 0, maker_len, label="Organization"),
             Span(doc, start, start + len(product.split()), label="Organization")]
    if maker_len > 1:  # the article names the maker by its first word alone as well
        spans.insert(1, Span(doc, 0, 1, label="Organization"))
    out = {s.text: s.label_ for s in with_maker_model_names(spans)}
    assert out[product] == "Product"
    assert out[maker] == "Organization"


@pytest.mark.parametrize(("text", "line", "expected"), [
    ("Fans queued for the Velmi at launch. The Velmi Air sold out.", "Velmi", "Product"),
    # a city or a country is no product line, whatever a caption calls a product
    ("Crews cleared the Leeds tram line. Photo: Leeds Tram depot.", "Leeds", "Organization"),
    ("Pilots praised the Norway route. Photo: Norway Air jet.", "Norway", "Organization"),
])
def test_one_word_after_the_is_a_product_line_unless_a_place(nlp, text, line, expected):
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    first = words.index(line)
    second = words.index(line, first + 1)
    spans = [Span(doc, first, first + 1, label="Organization"),
             Span(doc, second, second + 2, label="Product")]
    assert {s.text: s.label_ for s in with_product_lines(spans)}[line] == expected


@pytest.mark.parametrize(("text", "company"), [
    ("Corvane sold the Corvane Group to investors.", "Corvane Group"),
    ("Corvane opened the Corvane Plant in Ohio.", "Corvane Plant"),
    ("Corvane hired staff for Corvane Falka.", "Corvane Falka"),  # no "the" before it
])
def test_a_makers_company_or_site_is_no_product(nlp, text, company):
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    start = words.index("Corvane", 1)
    spans = [Span(doc, 0, 1, label="Organization"),
             Span(doc, start, start + 2, label="Organization")]
    out = {s.text: s.label_ for s in with_maker_model_names(spans)}
    assert out[company] == "Organization"


@pytest.mark.parametrize(("text", "cut", "expected"), [
    # the model's entity is the start of a body's name that runs on past a comma and "and"
    ("Velora said the probe runs from the Velora Telemetry, Tracking and Control Network.",
     "Velora Telemetry", "Organization"),
    ("Velora said crews train at the Velora Mission and Launch Centre.", "Velora Mission",
     "Organization"),
    # a list of the maker's models runs on to no such word: the first is a product
    ("Velora said it would stop making the Velora Tarvo, Mistral and Falka.", "Velora Tarvo",
     "Product"),
    ("Velora said the Velora Tarvo Sport would be built in Ohio.", "Velora Tarvo", "Product"),
])
def test_a_body_name_cut_short_is_no_makers_product(nlp, text, cut, expected):
    doc = nlp.make_doc(text)
    start = [t.text for t in doc].index("Velora", 1)
    spans = [Span(doc, 0, 1, label="Organization"),
             Span(doc, start, start + len(cut.split()), label="Organization")]
    assert {s.text: s.label_ for s in with_maker_model_names(spans)}[cut] == expected


@pytest.mark.parametrize(("text", "colour"), [
    ("The new phone ships in Black and White from Friday.", "White"),
    ("Buyers may choose Silver, Gold or Red for the case.", "Red"),
])
def test_a_colour_in_a_list_of_colours_is_no_actor(nlp, text, colour):
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == colour)
    spans = [Span(doc, i, i + 1, label="Person")]
    if any(t.lower_ in ("black", "silver", "gold") for t in conjuncts(doc[i])):
        assert without_listed_colours(spans) == []


@pytest.mark.parametrize("text", [
    "Ellen White and Maria Black met the press.",
    "Coach Dana White praised the squad.",
])
def test_a_person_named_like_a_colour_stays(nlp, text):
    doc = nlp(text)
    spans = [s for s in doc.spans["kg_actors"] if s.label_ == "Person"]
    assert spans and without_listed_colours(spans) == spans


@pytest.mark.parametrize(("text", "name"), [
    ("The update works with the Lumo Mini and the Studio version.", "Studio"),
    ("Reviewers liked the Sprint edition more than the base car.", "Sprint"),
])
def test_a_name_written_only_before_a_variant_noun_is_no_company(nlp, text, name):
    types = typed(nlp, text)
    assert types.get(name) in (None, "Product")


@pytest.mark.parametrize(("text", "maker"), [
    # a company elsewhere in the article, and the owner of a product line by its possessive
    ("Analysts said the move from Norvex, which made the last four Lumio chips, would help. "
     "The Lumio Tab8 and Norvex's Galaxy line compete.", "Norvex"),
    ("Pixel phones hold 4 percent of the market, far behind Orvana's iPhone and Norvex's "
     "Galaxy line.", "Norvex"),
])
def test_a_maker_listed_with_a_product_stays_a_company(extract, text, maker):
    types = {e.type for e in extract(text).entities if e.name == maker}
    assert types == {"Organization"}




def _parsed_list(nlp, verb: str, lemma: str, subject_first: bool) -> Doc:
    """Return a parsed list of three names and a product, "Tellar, Skynet, M7 and Ravel
    Telecom", the subject of ``verb`` or its object after "Fans": a parse written for the
    test, so that the model's guesses do not decide it."""
    names = ["Tellar", ",", "Skynet", ",", "M7", "and", "Ravel", "Telecom"]
    rel = [0, 0, 0, 2, 2, 4, 7, 4]  # heads inside the list
    deps = ["", "punct", "appos", "punct", "conj", "cc", "compound", "conj"]
    if subject_first:
        words = names + ["all", verb, "."]
        heads = [h for h in rel] + [0, 9, 9]
        heads[0], deps[0] = 9, "nsubj"
        deps += ["appos", "ROOT", "punct"]
        pos = ["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "PROPN", "PRON",
               "VERB", "PUNCT"]
    else:
        words = ["Fans", verb] + names + ["."]
        heads = [1, 1] + [h + 2 for h in rel] + [1]
        heads[2], deps[0] = 1, "dobj"
        deps = ["nsubj", "ROOT"] + deps + ["punct"]
        pos = ["NOUN", "VERB", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN",
               "PROPN", "PUNCT"]
    lemmas = [lemma if w == verb else w for w in words]
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)



@pytest.mark.parametrize(("verb", "lemma", "subject_first", "telecom"), [
    # the list says something: its names are companies, and its product makes no list
    ("said", "say", True, None),
    ("warned", "warn", True, None),
    # the list is bought: a name no entity covers, joined to the product, is one
    ("bought", "buy", False, "Product"),
])
def test_a_list_the_sentence_treats_as_companies_makes_no_products(nlp, verb, lemma,
                                                                   subject_first, telecom):
    doc = _parsed_list(nlp, verb, lemma, subject_first)
    at = {t.text: t.i for t in doc}
    spans = [Span(doc, at["Tellar"], at["Tellar"] + 1, label="Organization"),
             Span(doc, at["Skynet"], at["Skynet"] + 1, label="Organization"),
             Span(doc, at["M7"], at["M7"] + 1, label="Product")]
    out = {s.text: s.label_ for s in with_listed_products(spans)}
    assert out.get("Telecom") == telecom


@pytest.mark.parametrize(("text", "expected"), [
    ("Fans queued for the Velmi at launch. The Velmi Air sold out.", "Product"),
    # the maker modifies a noun in lower case: "the" is the centre's
    ("Crews met at the Velmi delivery centre. The Velmi Air sold out.", "Organization"),
])
def test_a_maker_before_a_lower_case_noun_is_no_product_line(nlp, text, expected):
    doc = nlp(text)
    first, second = [t.i for t in doc if t.text == "Velmi"]
    spans = [Span(doc, first, first + 1, label="Organization"),
             Span(doc, second, second + 2, label="Product")]
    assert with_product_lines(spans)[0].label_ == expected
