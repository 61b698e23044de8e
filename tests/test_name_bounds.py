"""Where names start and end (kg.extract.name_bounds), on sentences written for the tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from kg.extract.name_bounds import (
    _joined_company_names,
    _split_at_spaced_dash,
    with_division_number,
)


def actor_names(nlp, text: str) -> dict[str, str]:
    """Return actor mention text → type for a text."""
    doc = nlp(text)
    return {s.text: s.label_ for s in doc.spans["kg_actors"]}


@pytest.mark.parametrize(("words", "start", "end", "expected"), [
    ("in the Harrow and Wealdstone League Division One today".split(), 4, 7,
     "Harrow and Wealdstone League Division One"),
    ("the League said two clubs".split(), 1, 2, "League"),
    ("Harrow and Leeds United drew".split(), 2, 4, "Leeds United"),
    ("it sells the Strato and Strato Max now".split(), 5, 7, "Strato Max"),
    # before a plural noun the names joined by "and" are two: one station each
    ("output at the Kelby and Marsh stations fell".split(), 5, 6, "Marsh"),
    ("output at the Kelby and Marsh League fell".split(), 5, 7, "Kelby and Marsh League"),
])
def test_with_division_number(nlp, words, start, end, expected):
    doc = nlp(" ".join(words))
    assert with_division_number(Span(doc, start, end, label="ORG")).text == expected


def test_a_capitalised_word_starting_the_sentence_is_no_part_of_a_name(nlp):
    names = actor_names(nlp, "Fellow Austin resident Maria Lopez testified on Monday.")
    assert "Fellow Austin" not in names
    assert names.get("Austin") == "Place"
    assert names.get("Maria Lopez") == "Person"


@pytest.mark.parametrize("text", [
    "Rose Byrne said the film would open in May.",
    "Grace Lindqvist said the vote was close.",
])
def test_a_given_name_starting_the_sentence_stays(nlp, text):
    first = text.split()[0]
    assert any(name.startswith(first + " ") for name in actor_names(nlp, text))


@pytest.mark.parametrize(("text", "name"), [
    ("Mikel Oyarzabal scored twice for the visitors on Sunday.", "Mikel Oyarzabal"),
    ("The goal came from Mikel Oyarzabal after ten minutes.", "Mikel Oyarzabal"),
])
def test_a_given_name_before_a_one_word_name_makes_a_person(nlp, text, name):
    assert actor_names(nlp, text).get(name) == "Person"


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Troops from Chad arrived in the capital on Monday.", "Chad", "Country"),
    ("In California, a lawsuit was filed against the firm.", "California", "Place"),
])
def test_a_place_after_a_word_that_is_a_given_name_keeps_its_type(nlp, text, name, type_):
    assert actor_names(nlp, text).get(name) == type_


@pytest.mark.parametrize(("words", "ents", "expected"), [
    ("Files from Harkwell Martin leaked".split(), [(2, 3, "ORG"), (3, 4, "PRODUCT")],
     [("Harkwell Martin", "ORG")]),
    ("Files from Harkwell Martin leaked".split(), [(2, 3, "ORG"), (3, 4, "PERSON")],
     [("Harkwell Martin", "ORG")]),
    ("Harkwell hired Martin today".split(), [(0, 1, "ORG"), (2, 3, "PERSON")],
     [("Harkwell", "ORG"), ("Martin", "PERSON")]),
    ("Files from Harkwell Zzyxq leaked".split(), [(2, 3, "ORG"), (3, 4, "PERSON")],
     [("Harkwell", "ORG"), ("Zzyxq", "PERSON")]),
])
def test_a_company_name_cut_before_a_given_name_is_joined(nlp, words, ents, expected):
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    assert [(e.text, e.label_) for e in _joined_company_names(list(doc.ents))] == expected


def test_a_name_after_a_spaced_dash_takes_its_type_from_its_other_mentions(nlp):
    names = actor_names(nlp, "Velmara sued Orbix on Monday. The suit came from a firm based "
                             "in San Jose - Velmara. Velmara said it owns the name.")
    assert names.get("San Jose") == "Place"
    assert "San Jose - Velmara" not in names


@pytest.mark.parametrize(("words", "start", "end", "label", "expected"), [
    ("Results : Brekke City 4 , Solvik 2".split(), 2, 5, "ORG", "Brekke City"),
    ("at the new Terminal 3 of the airport".split(), 3, 5, "ORG", "Terminal 3"),  # no score
    ("SAILING - Halden wins".split(), 0, 2, "ORG", "SAILING -"),  # a section label
    ("Standings : Brekke 5 4 1".split(), 2, 6, "ORG", "Brekke"),
])
def test_entity_name(nlp, words, start, end, label, expected):
    from kg.extract.name_bounds import entity_name

    doc = Doc(nlp.vocab, words=words)
    assert entity_name(Span(doc, start, end, label=label)).text == expected


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Norway innings:\nR. Ponting not out 46\n", "R. Ponting", "Person"),
    ("In the final Florian Rousseau beat the champion.", "Florian Rousseau", "Person"),
])
def test_an_initial_or_given_name_takes_the_surname_after_it(nlp, text, name, type_):
    from kg.extract.person_name_bounds import with_surname_after

    doc = nlp(text)
    first = next(t.i for t in doc if t.text == name.split()[0])
    span = with_surname_after(Span(doc, first, first + 1, label="NORP"))
    assert (span.text, span.label_) == (name, "PERSON")


@pytest.mark.parametrize(("last", "ents", "expected"), [
    # listed with a name the model labels no person's: no person, the entity stays as it is
    (["Velt", "Labs"], ["B-ORG", "I-ORG"], ("Mira", "ORG")),
    (["Velt", "Labs"], ["O", "B-LOC"], ("Mira", "ORG")),  # the other name's label: no person
    # listed with a person: the given name and surname make a person
    (["Tom", "Rask"], ["B-PERSON", "I-PERSON"], ("Mira Glow", "PERSON")),
])
def test_a_name_listed_with_an_organisation_stays_one(nlp, last, ents, expected):
    from kg.extract.person_name_bounds import with_surname_after

    words = ["Gifts", "from", "Mira", "Glow", "and", *last, "."]
    doc = Doc(nlp.vocab, words=words, heads=[0, 0, 3, 1, 3, 6, 3, 0],
              deps=["ROOT", "prep", "compound", "pobj", "cc", "compound", "conj", "punct"],
              pos=["NOUN", "ADP", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT"],
              ents=["O", "O", "B-ORG", "O", "O", *ents, "O"])
    span = with_surname_after(Span(doc, 2, 3, label="ORG"))
    assert (span.text, span.label_) == expected


@pytest.mark.parametrize(("text", "word"), [
    ("Jordan Lake flooded again.", "Jordan"),  # a country's name stays as it is
    ("Flights from Florian Airport and Halden resumed.", "Florian"),  # three-word name
])
def test_no_surname_taken_after_a_country_or_before_a_longer_name(nlp, text, word):
    from kg.extract.person_name_bounds import with_surname_after

    doc = nlp(text)
    first = next(t.i for t in doc if t.text == word)
    ent = Span(doc, first, first + 1, label="GPE")
    assert with_surname_after(ent) is ent


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("Goalkeepers - Ole Strand, Jon Haug.", 0, 4, [("Ole Strand", "PERSON")]),
    ("Norway - Ole Strand (captain).", 0, 4, [("Norway", "GPE"), ("Ole Strand", "PERSON")]),
    ("Scores: 8 - Ole Strand (Brann)", 2, 6, None),  # a number: figures_trim's job
    ("Halden-Solvik talks", 0, 3, None),  # a hyphen inside a name
    ("A router maker based in Halden - Netcorp. It grew.", 5, 8,
     [("Halden", "GPE"), ("Netcorp", "ORG")]),
    ("Far East Gold - Moribund market seen.", 0, 5, [("Far East Gold", "ORG")]),
    # a date in an itinerary is no name: "May" is no person
    ("May 31 - Ole Strand (Brann)", 0, 5, [("Ole Strand", "PERSON")]),
    ("Halden - 2 June v Brann", 0, 6, [("Halden", "GPE")]),
    # a word the article also writes in lower case is that word, no name
    ("Halden - Visitors who come by boat pay, as other visitors do.", 0, 3,
     [("Halden", "GPE")]),
    # a body's full name, then the short name the article also writes alone: one name
    ("Staff of the National Water Authority - Apavest met. Apavest said so.", 3, 8, None),
    ("Staff of the National Water Authority - Apavest met.", 3, 8,
     [("National Water Authority", "ORG"), ("Apavest", "ORG")]),
])
def test_split_at_spaced_dash(nlp, text, start, end, expected):

    doc = nlp(text)
    parts = _split_at_spaced_dash(Span(doc, start, end, label="ORG"))
    assert (None if parts is None else [(p.text, p.label_) for p in parts]) == expected


@pytest.mark.parametrize("name", ["McAteer", "DeWitt", "O'Neill"])
def test_a_surname_with_an_inner_capital_stays_a_person(nlp, name):
    from kg.extract.name_titles import clean_person_span

    doc = nlp(f"The side was as follows: Brady, Keane, {name}, Irwin.")
    i = next(t.i for t in doc if t.text == name.split("'")[0] or t.text == name)
    span = clean_person_span(Span(doc, i, i + len(nlp.tokenizer(name)), label="PERSON"))
    assert span is not None and span.text == name


@pytest.mark.parametrize(("text", "name"), [
    ("Rebels of the National Liberation Army of Peru laid down arms.",
     "National Liberation Army of Peru"),
    ("The deal was signed with the United Workers Front of Bolivia in May.",
     "United Workers Front of Bolivia"),
])
def test_an_organisation_ending_in_of_takes_the_country_after_it(extract, text, name):
    x = extract(text)
    assert {(e.name, e.type) for e in x.entities} == {(name, "Organization")}


@pytest.mark.parametrize(("text", "name"), [
    ("Health Secretary Joel Oyug'i said the clinics would open.", "Joel Oyug'i"),
    ("Running mate Ka’rim Halid spoke in Jakarta on Monday.", "Ka'rim Halid"),
    ("Judge Mary O'Brien read the ruling on Friday.", "Mary O'Brien"),
])
def test_a_name_word_with_an_apostrophe_inside_is_part_of_the_name(extract, text, name):
    people = {e.name for e in extract(text).entities if e.type == "Person"}
    assert name in people


@pytest.mark.parametrize(("text", "person", "employer"), [
    ('"Orders held up," said Northwind COO Ravi Menon on Monday.', "Ravi Menon", "Northwind"),
    ("Brightline chief executive Dana Kimura said margins rose.", "Dana Kimura", "Brightline"),
])
def test_a_title_inside_a_person_span_leaves_the_name_after_it(extract, text, person,
                                                               employer):
    names = {e.name for e in extract(text).entities}
    assert person in names
    assert not any(employer in n and person in n for n in names)


@pytest.mark.parametrize(("text", "company", "period"), [
    ("Solvane Q2 profit fell 3 per cent, the company said.", "Solvane", "Q2"),
    ("Orvex FY24 revenue rose, Orvex said on Friday.", "Orvex", "FY24"),
])
def test_a_reporting_period_is_no_part_of_a_company_name(extract, text, company, period):
    names = {e.name for e in extract(text).entities}
    assert company in names
    assert not any(period in n for n in names)


@pytest.mark.parametrize(("text", "name"), [
    ("The bank was co-founded by Ada Ike and CTO Musty Mustapha.", "Musty Mustapha"),
    ("The clinic is run by Dr Wekesa Barasa, a surgeon.", "Wekesa Barasa"),
])
def test_a_word_between_a_title_and_a_surname_is_a_given_name(extract, text, name):
    assert name in {e.name for e in extract(text).entities if e.type == "Person"}


def _span_of(doc, name: str, label: str) -> Span:
    """Return the span of ``name``'s first occurrence in ``doc`` with an NER label."""
    start = doc.text.index(name)
    return doc.char_span(start, start + len(name), label=label)


@pytest.mark.parametrize(("text", "name", "expected"), [
    # examples of a device noun ("watches, including ...")
    ("Tolmar said its other watches, including the Kestrel 8 and the Varo 4, were not "
     "affected.", "the Kestrel 8", ("the Kestrel 8", "PRODUCT")),
    ("Tolmar said its other watches, including the Kestrel 8 and the Varo 4, were not "
     "affected.", "the Varo 4", ("the Varo 4", "PRODUCT")),
    # a device noun after the number
    ("Tolmar is recalling 90,000 Strider 975 watches.", "Strider 975",
     ("Strider 975", "PRODUCT")),
    # a line of models: the word is written before another model number
    ("Owners get a refund or a free Strider 965. Others keep their Strider 975 for now.",
     "Strider 965", ("Strider 965", "PRODUCT")),
    # no sign of a product: the number is cut off as before
    ("Voters backed Proposition 8 in the election.", "Proposition 8", ("Proposition", "")),
    ("The council cited Article 12 of the charter on Monday.", "Article 12", ("Article", "")),
])
def test_a_numbered_name_the_article_makes_a_product_keeps_its_number(nlp, text, name,
                                                                       expected):
    from kg.extract.name_bounds import without_figures

    cut = without_figures(_span_of(nlp(text), name, "LAW"))
    assert (cut.text, cut.label_) == expected


@pytest.mark.parametrize(("words", "ent", "expected"), [
    # what the office is of, then the holder: the holder's name
    ("The President of the Republic Marko Novak spoke .".split(), (3, 7), "Marko Novak"),
    ("The Secretary of Defense Lucas Brandt spoke .".split(), (3, 6), "Lucas Brandt"),
    # a body's name after "of": no office's domain before the "given name"
    ("She heads a department of the Roman Curia .".split(), (5, 8), "the Roman Curia"),
    ("Troops of the US Marine Corps landed .".split(), (2, 6), "the US Marine Corps"),
    # no office before "of": a label's name with a given name inside it stays whole
    ("The finale of the Casa Al Rima show .".split(), (3, 7), "the Casa Al Rima"),
    ("A rival of the Bayt Omar Zain brand .".split(), (3, 7), "the Bayt Omar Zain"),
])
def test_person_after_office_needs_what_the_office_is_of(nlp, words, ent, expected):
    from kg.extract.name_bounds import person_after_office

    doc = Doc(nlp.vocab, words=words)
    assert person_after_office(Span(doc, *ent, label="ORG")).text == expected


@pytest.mark.parametrize(("words", "ent", "expected"), [
    # a live blog's entry time run into the entry's first word, written nowhere else
    (["Polls", "closed", ".", "\n\n", "22:57", "Turnout", ",", "officials", "said", ",",
      "is", "high", "."], (4, 6, "PERSON"), ("Turnout", "")),
    # ... a name the article writes again keeps the model's label
    (["\n\n", "22:57", "Halvorsen", "spoke", ".", "\n\n", "22:40", "Halvorsen", "arrived"],
     (1, 3, "PERSON"), ("Halvorsen", "PERSON")),
    # ... a place kg knows gets its label from that knowledge
    (["\n\n", "22:57", "Lisbon", "voted", "late", "."], (1, 3, "ORG"), ("Lisbon", "GPE")),
    # a number before a name that is no time of day (a squad number) changes no label
    (["\n\n", "8", "Halvorsen", "(", "captain", ")"], (1, 3, "PERSON"),
     ("Halvorsen", "PERSON")),
    # a time inside a sentence does not open an entry
    (["At", "22:57", "Halvorsen", "spoke", "."], (1, 3, "PERSON"), ("Halvorsen", "PERSON")),
    # a dash between the entry's time and its first word
    (["\n\n", "14:14", "-", "Turnout", "is", "high", "."], (1, 4, "ORG"), ("Turnout", "")),
    # a word written again only inside a longer name is not written again as a name
    (["Jets", "use", "Velmora", "Turnout", "Hall", ".", "\n\n", "14:14", "Turnout", "rose"],
     (7, 9, "ORG"), ("Turnout", "")),
    # a site's head alone names no site, whatever town is spelt the same way
    (["\n\n", "14:14", "-", "Airport", "crews", "arrive", "."], (1, 4, "FAC"), ("Airport", "")),
])
def test_a_word_after_a_live_blog_entry_time_needs_evidence_of_a_name(nlp, words, ent,
                                                                      expected):
    from kg.extract.name_bounds import without_figures

    doc = Doc(nlp.vocab, words=words)
    cut = without_figures(Span(doc, ent[0], ent[1], label=ent[2]))
    assert (cut.text, cut.label_) == expected


@pytest.mark.parametrize(("words", "start", "end", "expected"), [
    # a percentage the sentence gives of a company is cut off like a score
    ("shares rose 2.1 per cent and Westpac 1.8 per cent .".split(), 6, 8, "Westpac"),
    ("Westpac 1.8 percent lower".split(), 0, 2, "Westpac"),
    ("and Westpac 1.8 % lower".split(), 1, 3, "Westpac"),
    # a number that is no percentage stays part of the name
    ("paid Westpac 1.8 per share".split(), 1, 3, "Westpac 1.8"),  # "per" without "cent"
    ("at Terminal 3 of the airport".split(), 1, 3, "Terminal 3"),
])
def test_a_percentage_is_cut_off_a_name(nlp, words, start, end, expected):
    from kg.extract.name_bounds import entity_name

    doc = Doc(nlp.vocab, words=words)
    assert entity_name(Span(doc, start, end, label="ORG")).text == expected


@pytest.mark.parametrize(("text", "name", "label", "expected"), [
    # "The" is in the given-name list, but the tagger reads it as an article
    ("The Morning Ledger: rates hold as markets wait.", "The Morning Ledger:",
     "WORK_OF_ART", ("The Morning Ledger", "")),
    ("Maria Lopez 12 was the score they posted.", "Maria Lopez 12", "CARDINAL",
     ("Maria Lopez", "PERSON")),
    # a word written before two numbers is a line of models, unless the model calls the
    # numbered name an event: a series' match
    ("Game 3 went long. 9:15 PM - Game 4 underway.", "Game 4", "WORK_OF_ART",
     ("Game 4", "PRODUCT")),
    ("Game 3 went long. 9:15 PM - Game 4 underway.", "Game 4", "EVENT", ("Game", "")),
])
def test_a_name_cut_out_of_a_figure_takes_its_label_from_knowledge(nlp, text, name, label,
                                                                  expected):
    from kg.extract.name_bounds import without_figures

    cut = without_figures(_span_of(nlp(text), name, label))
    assert (cut.text, cut.label_) == expected


@pytest.mark.parametrize(
    ("words", "start", "end", "label", "expected"),
    [(["(", "Kwame", "Asante", "/", "The", "Daily", "Star", ")"], 1, 5, "PERSON",
      [("Kwame Asante", "PERSON")]),
     (["(", "Kwame", "Asante", "/", "Reuters", ")"], 1, 5, "PERSON",
      [("Kwame Asante", "PERSON"), ("Reuters", "ORG")]),
     (["Orvane", "Pictures", "/", "Maria", "Lopez"], 0, 5, "ORG",
      [("Orvane Pictures", "ORG"), ("Maria Lopez", "PERSON")]),
     (["The", "band", "AC", "/", "DC", "played", "."], 2, 5, "ORG", None),
     (["Shares", "of", "Tyco", "/", "ADT", "rose", "."], 2, 5, "ORG", None)],
)
def test_a_credit_slash_splits_two_names(nlp, words, start, end, label, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.name_bounds import split_at_credit_slash

    spaces = [False if w in ("(", "/") or (i + 1 < len(words) and words[i + 1] in (
        "/", ")", ".")) else True for i, w in enumerate(words)]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    parts = split_at_credit_slash(Span(doc, start, end, label=label))
    assert (parts if parts is None else [(p.text, p.label_) for p in parts]) == expected


@pytest.mark.parametrize(("words", "named", "expected"), [
    # the article names the word before the slash alone: a credit of two names
    ("Bosses at Corvex agreed . Picture : Corvex/Lanter Images", [(2, 3)],
     [("Corvex", "ORG"), ("Lanter Images", "ORG")]),
    # never alone (or only inside a longer name): one name
    ("Fans of Corvex/Lanter Images agreed .", [], None),
    ("Bosses at Corvex Holdings agreed . Picture : Corvex/Lanter Images", [(2, 4)], None),
])
def test_a_slash_after_a_name_the_article_writes_alone_splits(nlp, words, named, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.name_bounds import split_at_credit_slash

    tokens = words.replace("/", " / ").split()
    spaces = [i + 1 < len(tokens) and "/" not in (w, tokens[i + 1])
              for i, w in enumerate(tokens)]
    doc = Doc(nlp.vocab, words=tokens, spaces=spaces)
    slash = tokens.index("/")
    credit = Span(doc, slash - 1, slash + 3, label="ORG")
    doc.ents = [Span(doc, a, b, label="ORG") for a, b in named] + [credit]
    parts = split_at_credit_slash(credit)
    assert (parts if parts is None else [(p.text, p.label_) for p in parts]) == expected


@pytest.mark.parametrize(("words", "expected"), [
    # titles before a name are stripped
    (["Goalkeeper", "Jan", "Novak"], 1),
    (["Dr", "Elin", "Marsh"], 1),
    # a title's modifier alone leaves no name: it names a body, the span stays whole
    (["Labour"], 0),
    (["Foreign", "Affairs"], 0),
    # a role alone is still stripped to nothing (junk, as before)
    (["Energy", "Minister"], 2),
    (["Mrs"], 1),
])
def test_title_words_are_stripped_only_before_a_name_or_a_role(nlp, words, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.name_titles import _title_words_before_name

    doc = Doc(nlp.vocab, words=[*words, "said", "so", "."])
    assert _title_words_before_name(Span(doc, 0, len(words), label="PERSON")) == expected


@pytest.mark.parametrize(("text", "name"), [
    ('The minister said: "Labour is in hock to the unions."', "Labour"),
])
def test_a_party_the_model_calls_a_person_is_kept(nlp, text, name):
    assert actor_names(nlp, text).get(name) == "Organization"


@pytest.mark.parametrize(("text", "name", "not_name"), [
    # a word for who the person is, before a full name the article writes again
    ("Widow Mary Hollis, 81, lost her savings. Mrs Hollis said the bank must act.",
     "Mary Hollis", "Widow Mary Hollis"),
    ("Hairdresser Sam Brooks, 29, waited an hour. Brooks said it was the third time.",
     "Sam Brooks", "Hairdresser Sam Brooks"),
    # a family name written first is written again inside a sentence: it stays
    ("Lim Wei Ling said the law was fair. Asked again, Ms Lim said the same.",
     "Lim Wei Ling", "Wei Ling"),
])
def test_a_word_describing_a_named_person_is_no_part_of_the_name(nlp, text, name, not_name):
    names = actor_names(nlp, text)
    assert name in names and not_name not in names


@pytest.mark.parametrize(("text", "town"), [
    ("In Veskari, sheep farmer Matti Rantanen said wolves came at night.", "Veskari"),
    ("In Horvala, the mayor said the road would reopen.", "Horvala"),
])
def test_a_capitalised_preposition_is_no_given_name(nlp, text, town):
    from kg.extract.person_name_bounds import with_given_name_before

    doc = nlp(text)
    i = next(t.i for t in doc if t.text == town)
    assert doc[0].pos_ == "ADP"
    assert with_given_name_before(Span(doc, i, i + 1, label="PERSON")).text == town


@pytest.mark.parametrize(("words", "expected"), [
    ("Cllr Marta Quist spoke".split(), 1),
    ("Datuk Seri Halim Osman spoke".split(), 2),
    ("Datuk Patinggi Tan Sri Abang Johan spoke".split(), 4),
    ("Hon. Efua Mensah spoke".split(), 1),
    # only a capitalised style counts, and a name opening with none is left alone
    ("cr Marta Quist spoke".split(), None),
    ("Marta Quist spoke".split(), None),
])
def test_style_honorifics_before_a_name(nlp, words, expected):
    from kg.extract.name_titles import _after_style_honorifics

    doc = Doc(nlp.vocab, words=words)
    start = _after_style_honorifics(doc[0:len(words) - 1])
    assert start == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Cllr Marta Quist, the council leader, said the bins would be collected.", "Marta Quist"),
    ("Prime Minister Datuk Seri Halim Osman opened the bridge on Monday.", "Halim Osman"),
    ("Datuk Rahim Yusof said the port would reopen on Friday.", "Rahim Yusof"),
])
def test_styles_of_address_are_no_part_of_the_name(nlp, text, name):
    names = actor_names(nlp, text)
    assert names.get(name) == "Person"
    assert not any(n != name and name in n for n in names)


@pytest.mark.parametrize(("words", "label", "expected"), [
    ("Cllr Aoife Quist won".split(), "ORG", "PERSON"),
    ("Datuk Rahim Yusof spoke".split(), "ORG", "PERSON"),
    # no style, or no capitalised name after it: the label stays
    ("Acme Holdings spoke".split(), "ORG", "ORG"),
    ("Cllr of Leeds spoke".split(), "ORG", "ORG"),
])
def test_a_style_of_address_makes_a_person(nlp, words, label, expected):
    from kg.extract.name_titles import styled_person

    doc = Doc(nlp.vocab, words=words)
    assert styled_person(Span(doc, 0, len(words) - 1, label=label)).label_ == expected

@pytest.mark.parametrize(("ents", "expected"), [
    # the model labels the word alone an organisation elsewhere: a company's short name
    (["B-ORG", "O", "O", "O", "B-ORG", "O", "O", "O"], ("Nadia", "ORG")),
    # the only labelled mention: a given name and the surname after it
    (["O", "O", "O", "O", "B-ORG", "O", "O", "O"], ("Nadia Kessel", "PERSON")),
])
def test_a_given_name_the_model_labels_an_organisation_alone_takes_no_surname(
        nlp, ents, expected):
    from kg.extract.person_name_bounds import with_surname_after

    words = ["Nadia", "bid", "twice", ".", "Nadia", "Kessel", "won", "."]
    doc = Doc(nlp.vocab, words=words, ents=ents,
              pos=["PROPN", "VERB", "ADV", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"])
    span = with_surname_after(Span(doc, 4, 5, label="ORG"))
    assert (span.text, span.label_) == expected


@pytest.mark.parametrize(("words", "after", "expected"), [
    # an office of a place: "the" stays, and the span is no person's name
    (["the", "Tuan", "Besar"], ["of", "Marat", "."], None),
    # "the" before a name followed by no "of": stripped as before
    (["the", "Nova", "Store"], ["sells", "apps", "."], "Nova Store"),
    (["the", "Tuan", "Besar"], ["of", "course", "."], "Tuan Besar"),
])
def test_the_office_of_a_place_is_no_person(nlp, words, after, expected):
    from kg.extract.name_titles import clean_person_span

    doc = Doc(nlp.vocab, words=["Honoured", "by", *words, *after])
    span = clean_person_span(Span(doc, 2, 2 + len(words), label="PERSON"))
    assert (None if span is None else span.text) == expected


@pytest.mark.parametrize(("text", "kept", "cut"), [
    # a rank's abbreviations are a title: the full name after them is not cut
    ("Police arrested nine people on Monday. Pol Col Anan Srisuk, who led the raid, said "
     "more arrests would follow. Pol Col Anan said the gang used fake numbers.",
     "Anan Srisuk", "Srisuk"),
    ("Troops left on Monday. Lt Col Rafi Osman Karim, who led them, said more would go. "
     "Lt Col Rafi said the roads were open.", "Rafi Osman Karim", "Osman Karim"),
])
def test_a_rank_before_a_name_is_no_name_to_cut_at(nlp, text, kept, cut):
    names = actor_names(nlp, text)
    assert any(name.endswith(kept) for name in names), names
    assert cut not in names


def test_a_run_on_name_is_still_cut(nlp):
    names = actor_names(nlp, "Donald Trump spoke.\n\nDonald Trump Seattle (pictured) was there.")
    assert "Donald Trump Seattle" not in names
