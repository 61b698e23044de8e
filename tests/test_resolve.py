"""Within-article resolution (kg.extract.resolve) on sentences written for the tests:
company names with and without suffixes, and products named by their model."""

from __future__ import annotations

import pytest


def entities_named(extraction, name: str) -> list:
    """Return the actors whose name or alias is ``name``."""
    return [e for e in extraction.entities if name == e.name or name in e.aliases]


def test_a_company_with_and_without_its_suffix_is_one_actor(extract):
    x = extract("Passengers praised Aer Lingus Group PLC on Monday, and Aer Lingus said it "
                "was pleased.")
    (airline,) = entities_named(x, "Aer Lingus")
    assert airline.type == "Organization"
    assert {airline.name, *airline.aliases} == {"Aer Lingus Group PLC", "Aer Lingus"}


@pytest.mark.parametrize(("text", "name", "short"), [
    # two companies, so the acronym is no short form of the article's one company
    ("Corvane Motors Corporation and Halvard Steel Corporation signed a deal on Monday. CM "
     "said sales fell.", "Corvane Motors Corporation", "CM"),
    ("Halvard Steel Corporation and Corvane Motors Corporation signed a deal on Monday. HS "
     "said demand was weak.", "Halvard Steel Corporation", "HS"),
    ("Tarn Aeronautic Defence & Space NV won the contract. TADS said it would hire.",
     "Tarn Aeronautic Defence & Space NV", "TADS"),
])
def test_an_acronym_without_the_legal_suffix_is_the_company(extract, text, name, short):
    x = extract(text)
    company = [e for e in x.entities if short in (e.name, *e.aliases)]
    assert [e.name for e in company] == [name]


@pytest.mark.parametrize(("text", "name", "short"), [
    ("Corvane released the Game Engine Toolkit (GET) and the zPad Max in May. The GET runs "
     "on the zPad Max.", "Game Engine Toolkit", "GET"),
    ("Corvane released the Nimbus Developer Kit (NDK) and the zPad Max on Monday. Coders "
     "said the NDK made the zPad Max useful.", "Nimbus Developer Kit", "NDK"),
])
def test_a_products_acronym_is_the_product(extract, text, name, short):
    x = extract(text)
    product = [e for e in x.entities if short in (e.name, *e.aliases)]
    assert [(e.name, e.type) for e in product] == [(name, "Product")]


def test_a_bare_product_name_stays_apart_from_its_model(extract):
    x = extract("Arden launched the zPhone 5G in May. Reviewers said the zPhone was fast.")
    names = {e.name for e in x.entities if e.type == "Product"}
    assert {"zPhone 5G", "zPhone"} <= names


def test_a_product_in_another_case_or_number_is_one_actor(extract):
    x = extract("Corvane unveiled the zPad Max on Monday. The zpad Max costs $400.")
    products = [e for e in x.entities if e.type == "Product"]
    assert len(products) == 1


@pytest.mark.parametrize(("text", "speaker"), [
    # the surname names the Berg named in full last before it, not the later one
    ("Finance Minister Ola Berg met the unions on Tuesday. Berg said talks would continue.\n\n"
     "The new cabinet: Anna Berg (finance), Jonas Lie (defence).", "Ola Berg"),
    ("Anna Berg chairs the board. Ola Berg runs the fund. Berg said the fund would grow.",
     "Ola Berg"),
    # a surname before any full name names the first person named after it
    ("Berg said the fund would grow. Ola Berg runs it; Anna Berg chairs the board.",
     "Ola Berg"),
])
def test_a_shared_surname_names_the_person_named_last_before_it(extract, text, speaker):
    x = extract(text)
    names = {e.id: e.name for e in x.entities}
    assert {names[s.speaker_id] for s in x.statements} == {speaker}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("The launch is at the California Theater in downtown San Jose, California, on Friday.",
     "California", "Place"),
    ("Ontario Hydro raised prices again, and shoppers in Ontario complained.", "Ontario",
     "Place"),
    # a first word the gazetteers do not know as a place is the organisation's short name
    ("Corvane Semiconductors opened a plant. Corvane said it would hire 200 people.",
     "Corvane Semiconductors", "Organization"),
])
def test_a_known_place_is_no_short_name_of_an_organisation_named_after_it(
        extract, text, name, type_):
    x = extract(text)
    assert {e.type for e in x.entities if e.name == name} == {type_}


@pytest.mark.parametrize(("text", "name", "type_"), [
    # buildings that stand for the office in them are places in annotated news
    ("The White House said on Monday that talks would go on.", "White House", "Place"),
    # only CoNLL labels the Kremlin a location; the seed's annotation says organisation
    ("Officials at the Kremlin declined to comment on the report.", "Kremlin", "Organization"),
    # the Pentagon is annotated as an organisation
    ("The Pentagon said the drill was routine.", "Pentagon", "Organization"),
])
def test_seats_of_power_named_for_a_building(extract, text, name, type_):
    assert {e.type for e in extract(text).entities if e.name == name} == {type_}


def test_a_seat_of_power_that_speaks_still_speaks_for_its_country(extract):
    x = extract('The White House said: "The talks will continue next week."')
    speakers = {s.speaker for s in x.statements}
    assert "United States" in speakers


@pytest.mark.parametrize(("text", "name", "type_"), [
    # a company's legal form after its name, where the model reads a person
    ("The deal was signed by Marvello SpA on Friday. Marvello SpA will pay in cash.",
     "Marvello SpA", "Organization"),
])
def test_a_legal_form_ends_a_company_name(extract, text, name, type_):
    assert {e.type for e in extract(text).entities if e.name == name} == {type_}


def test_a_line_of_business_gives_no_family_name(nlp):
    from kg.extract.surnames import common_word_after_first, relabel_surnames

    doc = nlp("The tyre and cables maker Corvetti said on Friday that Corvetti Cables will grow.")
    company = doc.char_span(doc.text.index("Corvetti"), doc.text.index("Corvetti") + 8,
                            label="Organization")
    start = doc.text.index("Corvetti Cables")
    misread = doc.char_span(start, start + len("Corvetti Cables"), label="Person")
    assert common_word_after_first(misread)
    assert [s.label_ for s in relabel_surnames([company, misread])][0] == "Organization"


def test_a_family_name_written_first_still_names_the_person(nlp):
    from kg.extract.surnames import relabel_surnames

    doc = nlp("Wang Donghai arrived on Monday. Wang said the talks went well.")
    full = doc.char_span(0, len("Wang Donghai"), label="Person")
    at = doc.text.index("Wang said")
    short = doc.char_span(at, at + 4, label="Organization")
    assert [s.label_ for s in relabel_surnames([full, short])] == ["Person", "Person"]


@pytest.mark.parametrize(("text", "person", "surname"), [
    ("The court convicted clerk Ramon Velasco Jr on Monday. Velasco will appeal.",
     "Ramon Velasco Jr", "Velasco"),
    ("Engineer Tomas Arroyo III built the bridge. Arroyo said it was safe.",
     "Tomas Arroyo III", "Arroyo"),
])
def test_a_surname_before_jr_or_iii_names_the_same_person(extract, text, person, surname):
    people = {e.name: set(e.aliases) for e in extract(text).entities if e.type == "Person"}
    assert surname in people[person]
    assert surname not in people


@pytest.mark.parametrize(("text", "person"), [
    ("The Commissioner of Police, Oluwole Adeyinka, spoke on Friday. Mr Adeyinka said 40 "
     "suspects were held.", "Oluwole Adeyinka"),
    ("The school's head, Wanjiru Kamotho, met parents. Ms Kamotho said fees would fall.",
     "Wanjiru Kamotho"),
])
def test_a_full_name_takes_the_type_its_titled_surname_has(extract, text, person):
    entities = extract(text).entities
    assert [e.type for e in entities if e.name == person] == ["Person"]
    assert not any(e.type != "Person" and person.split()[-1] in e.name for e in entities)


@pytest.mark.parametrize(("text", "name", "other"), [
    ('Kofi Mensah will headline the festival in June. The Ghanaian rapper, whose real name '
     'is Kwame Osei Boateng, will play on the Saturday night.', "Kofi Mensah",
     "Kwame Osei Boateng"),
    ("The award went to Lina Moraes, born Carolina Duarte Moraes, who moved to Lisbon.",
     "Lina Moraes", "Carolina Duarte"),
    ("Kofi Mensah opened the show. His real name is Kwame Osei Boateng.", "Kofi Mensah",
     "Kwame Osei Boateng"),
])
def test_a_persons_other_name_is_an_alias(extract, text, name, other):
    (person,) = [e for e in extract(text).entities if e.type == "Person"]
    assert person.name == name and other in person.aliases


@pytest.mark.parametrize(("words", "start", "end", "label", "expected"), [
    ("The singer , whose real name is Imani Wairimu , won .".split(), 7, 9, "Organization",
     "Person"),
    ("Her birth name is Shani Kamau Otieno .".split(), 4, 7, "Organization", "Person"),
    ("The rapper , born Tamu Kariuki , sang .".split(), 4, 6, "Place", "Person"),
    # a stage name may be a band's; a name with no cue keeps its label
    ("The duo , known as Mellow Reef , sang .".split(), 5, 7, "Organization",
     "Organization"),
    ("Shares of Imani Wairimu rose .".split(), 2, 4, "Organization", "Organization"),
])
def test_a_real_name_is_a_persons(nlp, words, start, end, label, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.other_names import other_names_as_persons

    doc = Doc(nlp.vocab, words=words)
    [span] = other_names_as_persons([Span(doc, start, end, label=label)])
    assert span.label_ == expected


@pytest.mark.parametrize("text", [
    "Kofi Mensah was born in 1970 in Kumasi. Kwame Boateng was born in Accra.",
    "Kofi Mensah met Ama Owusu, whose brother is Kwame Boateng.",
    "Coach Kofi Mensah picked the Brazilian-born Ana Silva for the final.",
    "Kofi Mensah blamed a hacking group known as Fancy Lynx for the breach, and Ama Owusu "
    "agreed.",
])
def test_a_birth_place_or_a_relative_is_no_other_name(extract, text):
    assert len([e for e in extract(text).entities if e.type == "Person"]) >= 2


def test_a_quote_of_a_person_named_by_another_name_goes_to_the_person(extract):
    x = extract('Kofi Mensah will headline the festival in June. The Ghanaian rapper, whose '
                'real name is Kwame Osei Boateng, will play on the Saturday night. "We are '
                'ready," he said.')
    assert [s.speaker for s in x.statements] == ["Kofi Mensah"]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Presiding judge Moon Ha-won upheld the verdict. Ha-won won nothing.", "Moon Ha-won",
     False),  # "won" of the hyphenated given name is no line of business
    ("The tyre and cables maker Corvetti said that Corvetti Cables will grow.",
     "Corvetti Cables", True),
])
def test_a_hyphenated_given_name_is_no_common_word(nlp, text, name, expected):
    from kg.extract.surnames import common_word_after_first

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="Person")
    assert common_word_after_first(span) is expected


@pytest.mark.parametrize(("text", "word", "org"), [
    # a headline's word that starts one company's name and ends another's: the one the body
    # names first
    ("Ships leave Halvard yard, ending Halvard era\n\nThe shipbuilder Nordsee Halvard "
     "delivered its last ferry on Monday. The yard was the first home of Halvard Shipbuilding "
     "and Nordsee Halvard.", "Halvard", "Nordsee Halvard"),
    # in the body, the one named last before it
    ("The Halvard Ferry Company closed its yard on Monday. The shipbuilder Nordsee Halvard "
     "delivered its last ferry. Halvard said the era was over.", "Halvard", "Nordsee Halvard"),
    # a word that only starts a company's name is that company
    ("Corvane Semiconductors posted a loss. Corvane said sales fell.", "Corvane",
     "Corvane Semiconductors"),
])
def test_a_word_two_companies_share_names_the_one_named_last_before_it(extract, text, word,
                                                                        org):
    x = extract(text)
    landed = {e.name for e in x.entities if any(m.text == word for m in e.mentions)}
    assert landed == {org}


@pytest.mark.parametrize(("after", "expected"), [
    # a site named after the place: the model's place label stands
    ("stadium", "Place"),
    ("airport", "Place"),
    # nothing says place: the one-word form of the organisation's name
    ("members", "Organization"),
])
def test_a_place_naming_a_site_is_no_short_name_of_an_organisation(nlp, after, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.resolve import _relabel_short_org_names

    words = ["The", "Vastorra", "Growers", "Society", "met", "at", "Vastorra", after, "."]
    doc = Doc(nlp.vocab, words=words)
    spans = [Span(doc, 1, 4, label="Organization"), Span(doc, 6, 7, label="Place")]
    assert _relabel_short_org_names(spans)[1].label_ == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a preposition governs the word the model labels a place: the town stays the town
    ("The Vastorra Growers Society met on Monday. She was born in Vastorra in 1950.", "Place"),
    ("The Vastorra Growers Society met on Monday. Work resumed at Vastorra and Kell.",
     "Place"),
    # nothing governs it, or a preposition hung on a noun: the organisation's short name
    ("The Vastorra Growers Society met on Monday. Vastorra members voted.", "Organization"),
    ("The Vastorra Growers Society met on Monday. Shares in Vastorra rose.", "Organization"),
    # "at" says where a thing stands even after a noun
    ("The Vastorra Growers Society met on Monday. The pits at Vastorra closed.", "Place"),
])
def test_a_place_a_preposition_governs_is_no_short_name_of_an_organisation(nlp, text,
                                                                            expected):
    from spacy.tokens import Span

    from kg.extract.resolve import _relabel_short_org_names

    doc = nlp(text)
    org = Span(doc, 1, 4, label="Organization")
    i = next(t.i for t in doc if t.text == "Vastorra" and t.i > 4)
    spans = [org, Span(doc, i, i + 1, label="Place")]
    assert _relabel_short_org_names(spans)[1].label_ == expected


@pytest.mark.parametrize(("a", "b", "same"), [
    # words left out before the head word, in any case or number
    ("App Store", "iTunes Apps Stores", True),
    ("iTunes store", "iTunes Music Store", True),
    ("OS X", "Mac OS X", True),
    ("Lumo Store", "the Lumo Media Store", True),
    # another head word: a line and its model, software and its shop
    ("iPhone", "iPhone 3GS", False),
    ("iTunes", "iTunes Music Store", False),
    ("iPod Software", "iPod Nano", False),
    # two names of one length are no shortening of each other
    ("Apps Store", "Music Store", False),
    # the words must come in the same order
    ("Store Music", "iTunes Music Store", False),
])
def test_a_product_named_with_fewer_words_before_its_head(a, b, same):
    from kg.extract.name_match import fewer_product_words

    assert fewer_product_words(a, b) is same
    assert fewer_product_words(b, a) is same


@pytest.mark.parametrize(("names", "text", "expected"), [
    (["iTunes Music Store"], "iTunes Store", "iTunes Music Store"),
    (["App Store"], "iTunes Apps Stores", "App Store"),
    (["iPhone"], "iPhone 3GS", None),
    (["Macbook"], "MacBook", "Macbook"),
])
def test_same_product(names, text, expected):
    from kg.extract.name_match import same_product
    from kg.extract.resolve import EntityInfo

    found = same_product(text, [EntityInfo(f"p{i}", n, "Product") for i, n in
                                 enumerate(names)])
    assert (found.name if found else None) == expected


@pytest.mark.parametrize(("text", "state", "mentions"), [
    # a dateline's AP abbreviation and the state written out: one place, the state
    ("NASHVILLE, Tenn. (AP) — Tennessee officials said a man was hurt in Nashville.",
     "Tennessee", 2),
    ("Tampa, Fla. has a new mayor, and Florida voters approved the bonds.", "Florida", 2),
    ("Workers at the plant in Dayton, OH, were laid off.", "Ohio", 1),
])
def test_a_states_abbreviation_is_the_state(extract, text, state, mentions):
    x = extract(text)
    [place] = [e for e in x.entities if e.name == state]
    assert (place.type, len(place.mentions)) == ("Place", mentions)
    assert not [e for e in x.entities if e.name.endswith(".") or e.name == "OH"]


@pytest.mark.parametrize(("text", "ids"), [
    # a site and the capitals the article defines for it: one place
    ("Fans filled the Morvane Riverside Convention Centre (MRCC) on Friday. Tickets for the "
     "MRCC sold out.", 1),
    # capitals the article never defines stay apart, however well they fit
    ("Fans filled the Morvane Riverside Convention Centre on Friday. Tickets for the MRCC "
     "sold out.", 2),
])
def test_a_places_defined_abbreviation_is_the_place(nlp, text, ids):
    from spacy.tokens import Span

    from kg.extract.actors import ACTORS_KEY
    from kg.extract.resolve import resolve_mentions

    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Morvane")
    spans = [Span(doc, start, start + 4, label="Place")] + [
        Span(doc, t.i, t.i + 1, label="Place") for t in doc if t.text == "MRCC"]
    doc.spans[ACTORS_KEY] = spans
    entities = resolve_mentions(doc)
    place = entities[spans[0]._.kg_entity]
    assert len(entities) == ids
    assert (place.type, set(place.surface)) == (
        "Place", {"Morvane Riverside Convention Centre", "MRCC"} if ids == 1 else
        {"Morvane Riverside Convention Centre"})


@pytest.mark.parametrize(("text", "name", "short"), [
    # kg's bounds take in the name before "and" that NER left out: the short name is its
    ("The Harbour and Port Authority of Veldra (HPA) said on Monday that ships waited. HPA "
     "chief executive Tomas Rell spoke.", "Harbour and Port Authority of Veldra", "HPA"),
])
def test_a_bracketed_short_name_joins_the_name_kg_bounds(extract, text, name, short):
    [org] = [e for e in extract(text).entities if e.type == "Organization"]
    assert (org.name, org.aliases) == (name, (short,))


@pytest.mark.parametrize(("last", "expected"), [
    # an event held in the town and named after it: the town keeps its label
    ("Fair", "Place"),
    ("Carnival", "Place"),
    # a company named after it: the one-word form is the company's
    ("Growers", "Organization"),
])
def test_a_town_hosting_an_event_named_after_it_keeps_its_type(nlp, last, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.resolve import _relabel_short_org_names

    words = ["Vastorra", ":", "The", "Vastorra", "Book", last, "opened", "."]
    doc = Doc(nlp.vocab, words=words)
    spans = [Span(doc, 0, 1, label="Place"), Span(doc, 3, 6, label="Organization")]
    assert _relabel_short_org_names(spans)[0].label_ == expected


def _site_doc(nlp, short: str, before: str, after: str, site: list[str]):
    """Return a doc "Flights left <site> . <before> <short> <after> ." and its spans: the
    site (a place) and the one-word name (labelled later)."""
    from spacy.tokens import Doc, Span

    words = ["Flights", "left", *site, ".", before, short, after, "."]
    doc = Doc(nlp.vocab, words=words)
    return doc, Span(doc, 2, 2 + len(site), label="Place"), 3 + len(site) + 1


@pytest.mark.parametrize(("short", "label", "before", "after", "expected"), [
    ("Tovaro", "Organization", "At", "travellers", "Tovaro International Airport"),
    ("Tovaro", "Person", "Then", "shut", "Tovaro International Airport"),
    ("Tovaro", "Place", "In", "traders", "Tovaro International Airport"),
    # an organisation acting, not a site after a locative: its own actor
    ("Tovaro", "Organization", "Then", "said", None),
    # a town the gazetteers know stays the town ("Kisumu" beside "Kisumu Airport")
    ("Kisumu", "Place", "In", "traders", None),
])
def test_a_sites_one_word_short_form_joins_the_site(nlp, short, label, before, after,
                                                    expected):
    from spacy.tokens import Span

    from kg.extract.resolve import site_short_names

    doc, site, at = _site_doc(nlp, short, before, after, [short, "International", "Airport"])
    names = site_short_names([site, Span(doc, at, at + 1, label=label)])
    assert names.get(short) == expected


@pytest.mark.parametrize(("sites", "person", "expected"), [
    ([["Tovaro", "Temple"]], False, "Tovaro Temple"),
    # two sites start with the word: it could be either
    ([["Tovaro", "Temple"], ["Tovaro", "Airport"]], False, None),
    # a person the article names in full keeps the name
    ([["Tovaro", "Temple"]], True, None),
])
def test_a_short_form_joins_only_one_site_and_no_persons_name(nlp, sites, person, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.resolve import site_short_names

    words = [w for site in sites for w in [*site, "and"]] + ["Ana", "Tovaro", "met", "Tovaro"]
    doc = Doc(nlp.vocab, words=words)
    spans, at = [], 0
    for site in sites:
        spans.append(Span(doc, at, at + len(site), label="Place"))
        at += len(site) + 1
    if person:
        spans.append(Span(doc, at, at + 2, label="Person"))
    spans.append(Span(doc, len(words) - 1, len(words), label="Place"))
    assert site_short_names(spans).get("Tovaro") == expected


@pytest.mark.parametrize(("site", "expected"), [
    # the word also starts a site's name: no short form of the organisation
    (["Vandari", "Temple"], "Place"),
    (["Vandari", "International", "Airport"], "Place"),
    # no site: the one-word form of the organisation's name
    (None, "Organization"),
])
def test_a_word_starting_a_sites_name_is_no_organisations_short_form(nlp, site, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.resolve import _relabel_short_org_names

    words = ["Vandari", ":", "The", "Vandari", "Conservation", "Centre", "met", "at",
             *(site or ["home"]), "."]
    doc = Doc(nlp.vocab, words=words)
    spans = [Span(doc, 0, 1, label="Place"), Span(doc, 3, 6, label="Organization")]
    if site:
        spans.append(Span(doc, 8, 8 + len(site), label="Place"))
    assert _relabel_short_org_names(spans)[0].label_ == expected


@pytest.mark.parametrize(("text", "site", "short"), [
    ("Flights between Tovaro International Airport and Lisbon will be cut in August. At "
     "Tovaro, travellers queued at the counters for hours.",
     "Tovaro International Airport", "Tovaro"),
    ("# Vandari to limit climbers\n\nVisitors who climb the Vandari Temple will need a ticket "
     "from June, the Vandari Conservation Centre said. Sellers in Vandari welcomed the rule.\n",
     "Vandari Temple", "Vandari"),
])
def test_a_sites_short_form_is_the_site_in_the_extraction(extract, text, site, short):
    [actor] = entities_named(extract(text), short)
    assert (actor.name, actor.type) == (site, "Place")

@pytest.mark.parametrize(("words", "dep", "common"), [
    # the article writes the word in lower case too, and it qualifies a lower-case noun
    ("Halva makers met . The halva trade grew .", "compound", True),
    # no lower-case use of the word: a surname still
    ("Ozkan makers met . The halva trade grew .", "compound", False),
    # a lower-case use, whatever the word does here: the common noun
    ("Halva met them . The halva trade grew .", "nsubj", True),
    # a title before it: a surname
    ("Mr Halva met . The halva trade grew .", "compound", False),
])
def test_a_common_noun_before_a_noun_is_no_surname(nlp, words, dep, common):
    from spacy.tokens import Doc

    from kg.extract.resolve import _common_noun_use

    doc = Doc(nlp.vocab, words=words.split(), heads=[1, 1, 1, 1, 6, 6, 6, 6, 6],
              deps=[dep, "ROOT", "dobj", "punct", "det", "compound", "ROOT", "punct", "punct"])
    assert _common_noun_use(doc[1 if words.startswith("Mr") else 0]) is common
