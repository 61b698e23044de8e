"""Products as actors of their own type (kg.extract.products), on sentences written for the
tests: model numbers, brand spellings, sale and launch verbs, repeats of a product's name."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.extract.products import label_only_product, ner_product, with_model_number


def names_by_type(extraction) -> dict[str, set[str]]:
    """Return actor names grouped by type."""
    out: dict[str, set[str]] = {}
    for entity in extraction.entities:
        out.setdefault(entity.type, set()).add(entity.name)
    return out


def entity_named(extraction, name: str):
    """Return the one actor called ``name``."""
    (entity,) = [e for e in extraction.entities if e.name == name]
    return entity


@pytest.mark.parametrize(("text", "product"), [
    ("Qantas will retire its last Boeing 747 next year.", "Boeing 747"),
    ("Owners of the iPhone 4 complained about the antenna.", "iPhone 4"),
    ("The update for Mac OS X arrives in the autumn.", "Mac OS X"),
    ("Norrland Air ordered ten Airbus A350 jets on Monday.", "Airbus A350"),
    ("Developers praised iOS 5 at the conference.", "iOS 5"),
])
def test_a_model_designation_makes_a_product(extract, text, product):
    assert product in names_by_type(extract(text)).get("Product", set())


@pytest.mark.parametrize(("text", "not_product"), [
    ("Celtic 2 Rangers 1 was the score at Parkhead.", "Celtic 2"),
    ("Garuda Flight 421 landed safely in Bali.", "Flight 421"),
    ("Middlesex 199 and 426 beat Hampshire 232 and 205.", "Middlesex 199"),
    ("Velmor Systems Inc Q2 profit rose sharply.", "Q2"),
])
def test_scores_flights_and_quarters_are_no_model_numbers(extract, text, not_product):
    products = names_by_type(extract(text)).get("Product", set())
    assert not any(not_product in name for name in products)


def test_the_pixelbook_nova_is_a_product_in_every_mention(extract):
    x = extract("Google unveiled the Pixelbook Nova on Monday. Reviewers said the Pixelbook "
                "Nova was light. The Pixelbook Nova goes on sale in March.")
    types = names_by_type(x)
    assert "Pixelbook Nova" in types.get("Product", set())
    assert not any("Pixelbook" in name for t, names in types.items() if t != "Product"
                   for name in names)
    assert len(entity_named(x, "Pixelbook Nova").mentions) == 3


@pytest.mark.parametrize(("text", "name"), [
    ("Sales of the iPod slowed after Christmas.", "iPod"),
    ("Listeners bought more songs on iTunes than ever.", "iTunes"),
])
def test_a_brand_spelling_makes_a_product(extract, text, name):
    assert name in names_by_type(extract(text)).get("Product", set())


def test_a_brand_spelled_company_after_an_org_noun_is_no_product(nlp):
    doc = nlp("Shoppers left the online retailer eBay for rivals.")
    assert not [s for s in doc.spans["kg_actors"] if s.text == "eBay" and s.label_ == "Product"]


def test_a_model_written_alone_is_the_same_product(extract):
    x = extract("Skyways took delivery of its first Airbus A380 on Friday. The A380 will fly "
                "to Perth, and two more A380s follow in May.")
    a380 = entity_named(x, "Airbus A380")
    assert a380.type == "Product"
    assert {"A380", "A380s"} <= set(a380.aliases)


def test_a_model_after_its_makers_possessive_is_a_product(extract):
    x = extract("Airlines have waited three years for Boeing's 787 to arrive.")
    types = names_by_type(x)
    assert "787" in types.get("Product", set())
    assert "Boeing" in types.get("Organization", set())


def test_a_split_company_name_is_no_product(nlp):
    doc = nlp("Boeing and Lockheed Martin bid for the tanker contract.")
    ents = {e.text: e for e in doc.ents}
    if "Martin" in ents and ents["Martin"].label_ == "PRODUCT":  # the model split the name
        assert not ner_product(ents["Martin"])
    assert "Martin" not in {s.text for s in doc.spans["kg_actors"] if s.label_ == "Product"}


@pytest.mark.parametrize(("words", "label", "start", "end", "expected"), [
    (["Qantas", "flies", "the", "Boeing", "787", "Dreamliner", "now"], "ORG", 3, 4,
     "Boeing 787 Dreamliner"),
    (["Buy", "the", "iPhone", "4", "today"], "ORG", 2, 3, "iPhone 4"),
    (["Essex", "beat", "Kent", "108", "-", "3", "today"], "ORG", 2, 3, "Kent"),
    (["Crowds", "in", "Leeds", "cheered"], "GPE", 2, 3, "Leeds"),
    # a model's generation after its designation is part of its name
    (["Buy", "the", "Vantor", "Z7s", "Gen", "2", "today"], "ORG", 2, 3, "Vantor Z7s Gen 2"),
    (["Buy", "the", "Vantor", "Z7s", "Gen", "2", "today"], "PERSON", 4, 6, "Vantor Z7s Gen 2"),
    (["Buy", "the", "Vantor", "Z7s", "Gen", "2", "today"], "PERSON", 4, 5, "Vantor Z7s Gen 2"),
    (["Fans", "of", "Ana", "Gen", "2", "cheered"], "PERSON", 3, 5, "Gen 2"),
    # a one-word "person" written before model numbers twice is a line of models
    (["Pavo", "900", "sold", "out", ";", "a", "Pavo", "800", "is", "cheaper"], "PERSON", 0, 1,
     "Pavo 900"),
    (["Pavo", "900", "sold", "out", ";", "Pavo", "said", "more", "came"], "PERSON", 0, 1,
     "Pavo"),
    # so is a one-word "organisation": its model's words come with it
    (["Orvana", "unveils", "Lumo", "6", "Max", ";", "the", "Lumo", "6", "costs", "less"],
     "ORG", 2, 3, "Lumo 6 Max"),
    (["Halden", "won", "2", "-", "1", ";", "Halden", "2", "-", "0", "Solvik"], "ORG", 0, 1,
     "Halden"),
])
def test_with_model_number(nlp, words, label, start, end, expected):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words)
    ent = Span(doc, start, end, label=label)
    doc.ents = [ent]
    assert with_model_number(ent).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Taurus", True), ("Boeing 787", False), ("iPod", False), ("Mac OS X", False),
])
def test_label_only_product(nlp, text, expected):
    doc = nlp.make_doc(text)
    assert label_only_product(doc[:]) is expected


def test_a_makers_name_before_a_product_is_the_product(nlp):
    from kg.extract.products import with_maker_products

    doc = nlp.make_doc("Vantor stopped the Vantor Strada . The Strada sold poorly , said "
                       "Ines Strada .")
    spans = [Span(doc, 0, 1, label="Organization"), Span(doc, 3, 5, label="Organization"),
             Span(doc, 7, 8, label="Product"), Span(doc, 12, 14, label="Person")]
    assert [(s.text, s.label_) for s in with_maker_products(spans)] == [
        ("Vantor", "Organization"), ("Vantor Strada", "Product"), ("Strada", "Product"),
        ("Ines Strada", "Person")]


@pytest.mark.parametrize(("text", "name"), [
    ("Corvane introduces the Nimbus Pad and Nimbus TV", "Nimbus TV"),
    ("Critics praised the Lumio Slate's screen but not its battery.", "Lumio Slate"),
    ("In forums, Kestrel users say the update broke their machines.", "Kestrel"),
    ("Tallis unveiled a new machine. The Surface Slab is a thin aluminium laptop.",
     "Surface Slab"),
])
def test_the_parse_makes_a_product(extract, text, name):
    assert name in names_by_type(extract(text)).get("Product", set())


@pytest.mark.parametrize("text", [
    "Shares of eBay fell 2 percent on Friday.",
    "eBay said on Tuesday that its profit rose.",
])
def test_a_brand_spelled_company_is_a_company(extract, text):
    assert "eBay" in names_by_type(extract(text)).get("Organization", set())


@pytest.mark.parametrize(("text", "expected"), [
    ("Shares of Corvane fell sharply .", True),
    ("Corvane said the quarter was weak .", True),
    ("The Corvane chief executive resigned .", True),
    ("Reviewers liked the Corvane 's screen .", False),
    ("Reviewers liked the Corvane .", False),
])
def test_company_context(nlp, text, expected):
    from kg.extract.products import company_context

    doc = nlp(text)
    i = next(t.i for t in doc if t.text == "Corvane")
    assert company_context(doc[i:i + 1]) is expected


def test_plural_model_numbers_are_products(extract):
    x = extract("Norrland Air signed firm orders for 12 777s and 20 more 787s.")
    assert {"777s", "787s"} <= names_by_type(x).get("Product", set())


def test_a_model_number_and_name_are_one_product_with_its_short_name(extract):
    x = extract("Velora Airways will fly the new 787 Dreamliner from March. The Dreamliner "
                "seats 250.")
    plane = entity_named(x, "787 Dreamliner")
    assert plane.type == "Product"
    assert len(plane.mentions) == 2


def test_round_numbers_are_no_short_names_of_an_index(extract):
    x = extract("The FTSE 100 fell on Monday. Traders expect 100 more job cuts.")
    assert "100" not in {n for e in x.entities for n in (e.name, *e.aliases)}


def test_a_products_name_with_a_model_word_is_the_product(nlp):
    from kg.extract.products import with_maker_products

    doc = nlp.make_doc("The Strato and Strato Max ship . Saturn Corporation sold the Saturn .")
    spans = [Span(doc, 1, 2, label="Product"), Span(doc, 3, 5, label="Organization"),
             Span(doc, 7, 9, label="Organization"), Span(doc, 11, 12, label="Product")]
    assert [(s.text, s.label_) for s in with_maker_products(spans)] == [
        ("Strato", "Product"), ("Strato Max", "Product"),
        ("Saturn Corporation", "Organization"), ("Saturn", "Product")]


def test_a_makers_possessive_starts_no_product_name(extract):
    x = extract("Users praised Tallis Computer's Mac OS X, version 10.4.")
    types = names_by_type(x)
    assert "Tallis Computer" in types.get("Organization", set())
    assert "Mac OS X" in types.get("Product", set())
    assert not any("Tallis" in name for name in types.get("Product", set()))


def test_a_number_that_counts_is_no_model(extract):
    x = extract("Velora flies the Boeing 747 to Oslo. Last year, Boeing booked 747 new orders.")
    plane = entity_named(x, "Boeing 747")
    assert len(plane.mentions) == 1


@pytest.mark.parametrize(("text", "product"), [
    ("The 747-400ER can carry more fuel than older jets.", "747-400ER"),
    ("Norrland Air took delivery of its first A340-500HGW on Friday.", "A340-500HGW"),
    ("Velora Airways said the 767-300ER would be retired by 2030.", "767-300ER"),
    ("Pilots said the Boeing 737-900ER handled well.", "Boeing 737-900ER"),
    ("The carrier will fly the A350-1000 to Lima from June.", "A350-1000"),
])
def test_a_model_number_with_its_variant_is_a_product(extract, text, product):
    assert product in names_by_type(extract(text)).get("Product", set())


@pytest.mark.parametrize(("text", "not_product"), [
    ("Call 555-1200 to book a seat, the airline said.", "555"),
    ("Kent were 240-300 short of the target, Velora Sports said.", "240"),
    ("Garuda Flight 737-800 landed safely in Bali.", "737"),
    ("The plant will cut 300-400 jobs, Velmor said.", "300"),
    ("Sales rose in 2005-2006, Velmor said.", "2005"),
])
def test_phone_numbers_ranges_and_flights_are_no_variants(extract, text, not_product):
    products = names_by_type(extract(text)).get("Product", set())
    assert not any(not_product in name for name in products)


@pytest.mark.parametrize(("text", "product"), [
    ("Velmor's next jet, the 5e5, will fly in 2030.", "5e5"),
    ("Orders for the 3E3 fell after the test flight, Norrland Aero said.", "3E3"),
])
def test_a_models_code_name_after_the_is_a_product(extract, text, product):
    assert product in names_by_type(extract(text)).get("Product", set())


@pytest.mark.parametrize(("text", "not_product"), [
    ("Velmor said the 9x9 grid was too small.", "9x9"),
    ("Light covers about 3e8 metres each second.", "3e8"),
])
def test_dimensions_and_amounts_are_no_code_names(extract, text, not_product):
    products = names_by_type(extract(text)).get("Product", set())
    assert not any(not_product in name for name in products)


@pytest.mark.parametrize(("text", "spans", "expected"), [
    # the article writes the whole name capitalised once: the lower-case mention is it too
    ("The Zenpad Mini ships . The Zenpad mini sold .",
     [(1, 3, "Product"), (6, 7, "Product")], ["Zenpad Mini", "Zenpad mini"]),
    # the longest run that completes a name is taken
    ("The Zenpad Mini Pro ships . The Zenpad mini pro sold .",
     [(1, 4, "Product"), (7, 8, "Product")], ["Zenpad Mini Pro", "Zenpad mini pro"]),
    # the words after the brand are a product of the article on their own ("Nova")
    ("Nova and Vista ship . The zPad nova sold .",
     [(0, 1, "Product"), (2, 3, "Product"), (6, 7, "Product")], ["Nova", "Vista", "zPad nova"]),
    # no capitalised form in the article: the mention stays as found
    ("The zPad mini sold .", [(1, 2, "Product")], ["zPad"]),
    # a mention of another type written with the product's words is the product
    ("The Zenpad Mini ships . Zenpad mini buyers queued .",
     [(1, 3, "Product"), (5, 6, "Person")], ["Zenpad Mini", "Zenpad mini"]),
    # ... but only a product's brand takes another product's name after it
    ("Nova and Vista ship . Zenpad nova buyers queued .",
     [(0, 1, "Product"), (2, 3, "Product"), (5, 6, "Organization")],
     ["Nova", "Vista", "Zenpad"]),
])
def test_a_product_written_in_another_case_is_stretched_to_its_name(nlp, text, spans, expected):
    from kg.extract.product_mentions import with_case_variants

    doc = nlp.make_doc(text)
    out = with_case_variants([Span(doc, s, e, label=label) for s, e, label in spans])
    assert [s.text for s in out] == expected
    assert [s.label_ for s in out if s.text in ("Zenpad mini", "zPad nova")] in ([], ["Product"])


def test_a_name_only_the_model_calls_a_product_stretches_nothing(nlp):
    from kg.extract.product_mentions import with_case_variants

    doc = nlp.make_doc("The Taurus Sport ships . The Taurus sport sold .")
    evidence = Span(doc, 1, 3, label="Product")
    evidence._.kg_product_label_only = True
    out = with_case_variants([evidence, Span(doc, 6, 7, label="Product")])
    assert [s.text for s in out] == ["Taurus Sport", "Taurus"]


@pytest.mark.parametrize(("text", "name", "mentions"), [
    ("Corvane unveiled the zPad Max on Monday. The zPad max costs $300, and the zPad max "
     "sold out.", "zPad Max", 3),
    ("Arden unveiled the Veltro Nano in May. Reviewers said the Veltro nano was light, and "
     "the Veltro nano sold well.", "Veltro Nano", 3),
    ("Corvane sells the zPad Classic, Nova and Mini. The zPad nova is thinner.", "Nova", 2),
])
def test_one_product_written_in_two_cases_is_one_actor(extract, text, name, mentions):
    x = extract(text)
    (product,) = [e for e in x.entities if e.type == "Product"
                  and name.lower() in {n.lower() for n in (e.name, *e.aliases)}]
    assert len(product.mentions) == mentions


@pytest.mark.parametrize(("words", "label", "end", "product"), [
    (["Sales", "of", "the", "Walkman", "2", "rose", "."], "PERSON", 5, True),
    (["We", "tried", "the", "Lumo", "Cosmos", "7", "."], "ORG", 6, True),
    (["Leeds", "beat", "Hull", "3", "-", "2", "today"], "ORG", 4, False),
    (["Fans", "watched", "Channel", "4", "."], "ORG", 4, False),
    (["Fans", "cheered", "Hull", "3", "Leeds", "1", "."], "ORG", 4, False),
])
def test_a_person_or_body_ending_in_a_small_number_is_a_product(nlp, words, label, end,
                                                                 product):
    from spacy.tokens import Doc

    from kg.extract.products import ends_in_designation

    doc = Doc(nlp.vocab, words=words)
    ent = Span(doc, 2, end, label=label)
    doc.ents = [ent]
    found = with_model_number(ent)
    assert (found.text, found.label_ == "PRODUCT") == (ent.text, product)
    assert ends_in_designation(ent) is product


@pytest.mark.parametrize(("text", "name"), [
    ("The company also showed the Norvex Watch9 and said its Norvex Fold5 would ship in May.",
     "Norvex Watch9"),
    ("Orvana unveiled the Lumio Tab8, the Lumio Tab8 Pro and its Lumio Ring at an event in "
     "Seoul.", "Lumio Ring"),
])
def test_a_product_lines_names_are_products(extract, text, name):
    assert (name, "Product") in {(e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Boeing delivered the Boeing 787 and the Boeing 777 this year, and Boeing Global "
     "Services hired staff.", "Boeing Global Services", "Organization"),
])
def test_a_makers_name_is_no_product_line(extract, text, name, type_):
    assert (name, type_) in {(e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize(("words", "start", "product"), [
    # the last name of a list of names with figures, at its full stop: a figure
    (["Lions", ":", "Ivo", "Vale", "9", ",", "Ibai", "Ruiz", "4", "."], 6, False),
    (["Lions", ":", "Vale", "9", ",", "Ruiz", "4", "."], 5, False),
    # a product after a figure that ends no list of names
    (["It", "costs", "9", ",", "the", "Lumo", "Cosmos", "7", "."], 5, True),
    (["It", "sold", "9", ",", "Lumo", "Cosmos", "7", "more"], 4, True),
])
def test_the_last_figure_of_a_list_numbers_no_product(nlp, words, start, product):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words)
    ent = Span(doc, start, len(words) - 1, label="PERSON")
    doc.ents = [ent]
    assert (with_model_number(ent).label_ == "PRODUCT") is product


@pytest.mark.parametrize(("text", "name", "mentions"), [
    ("Orvana said it sold 90,000 Orvana QX7 cars in a week. The QX7, its second car, costs "
     "less than rivals.", "Orvana QX7", 2),
    ("Velto said on Monday it had taken 50,000 orders for its Velto KR5 within a day. The KR5 "
     "starts at $30,000.", "Velto KR5", 2),
])
def test_a_models_coded_name_written_alone_is_the_product(extract, text, name, mentions):
    (product,) = [e for e in extract(text).entities if e.name == name]
    assert (product.type, len(product.mentions)) == ("Product", mentions)


@pytest.mark.parametrize(("text", "prefixes"), [
    # a thousands separator, decimals or a scale word after the figure: an amount
    ("Workers earn P640 a day and want P1,200 a day.", {"P"}),
    ("The blackouts cost the economy R800 million a week.", {"R"}),
    ("Fees reached RM2.5 per page in Penang.", {"RM"}),
    # a model's number alone says nothing of a currency
    ("Skyways flew the A380 to Perth on Monday.", set()),
])
def test_capitals_before_an_amount_are_a_currency_sign(nlp, text, prefixes):
    from kg.extract.products import currency_prefixes

    assert currency_prefixes(nlp(text)) == prefixes


@pytest.mark.parametrize(("text", "name", "expected"), [
    # the article writes the capitals before an amount: every figure after them is one
    ("Workers earn P640 a day and want P1,200 a day.", "P640", False),
    ("The board raised it to P695 from July. Unions want P1,200.", "P695", False),
    # no amount after the capitals: the designation alone is a model
    ("Skyways flew the A380 to Perth. Fares rose to R1,500.", "A380", True),
])
def test_a_figure_after_a_currency_sign_is_no_product(extract, text, name, expected):
    assert (name in names_by_type(extract(text)).get("Product", set())) is expected


@pytest.mark.parametrize(("label_only", "expected"), [
    (False, "Product"),  # a product with evidence opens the longer name: its model
    (True, "Organization"),  # only the model's label says product: no evidence
])
def test_only_an_evidenced_product_opens_a_longer_product_name(nlp, label_only, expected):
    from kg.extract.products import with_maker_products

    doc = nlp.make_doc("The Strato shipped . Strato Max Movement met .")
    product = Span(doc, 1, 2, label="Product")
    product._.kg_product_label_only = label_only
    spans = [product, Span(doc, 4, 7, label="Organization")]
    assert [s.label_ for s in with_maker_products(spans)] == ["Product", expected]


@pytest.mark.parametrize(("words", "other", "other_label", "product"), [
    # a surname the article writes at the end of a person's full name: a figure follows it
    (["Ivo", "Vale", "won", ".", "Table", ":", "Vale", "248", "points"], (0, 2), "PERSON",
     False),
    (["Ivo", "Vale", "won", ".", "Table", ":", "Vale", "248", "points"], (0, 2), "ORG", False),
    # no given name and no person's label: a maker before its model's number
    (["Orvana", "Labs", "won", ".", "Table", ":", "Vale", "248", "points"], (0, 2), "ORG",
     True),
    # the full name ends otherwise: a maker before its model's number
    (["Ivo", "Vale", "won", ".", "We", "flew", "Borva", "248", "jets"], (0, 2), "PERSON",
     True),
])
def test_a_persons_surname_before_a_number_is_no_product(nlp, words, other, other_label,
                                                          product):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words)
    ent = Span(doc, 6, 7, label="ORG")
    doc.ents = [Span(doc, *other, label=other_label), ent]
    assert (with_model_number(ent).label_ == "PRODUCT") is product


@pytest.mark.parametrize(("name", "expected"), [
    ("Strato Max", "Product"),  # a model after an evidenced product's name
    ("Strato City Council", "Organization"),  # a body's head ends it: the body
])
def test_a_body_head_ends_no_product_name(nlp, name, expected):
    from kg.extract.products import with_maker_products

    doc = nlp.make_doc(f"The Strato shipped . {name} met .")
    product = Span(doc, 1, 2, label="Product")
    product._.kg_product_label_only = False
    spans = [product, Span(doc, 4, 4 + len(name.split()), label="Organization")]
    assert [s.label_ for s in with_maker_products(spans)] == ["Product", expected]
