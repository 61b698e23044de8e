"""Actor extraction and within-article resolution rules, on texts written for the tests."""

from __future__ import annotations

import pytest

from kg.extract.boilerplate import is_headline_case
from kg.extract.countries import is_demonym, lookup_country
from kg.extract.furniture import junk_and_headline_ranges
from kg.extract.name_match import acronym


def names_by_type(extraction) -> dict[str, set[str]]:
    """Return actor names grouped by type."""
    out: dict[str, set[str]] = {}
    for entity in extraction.entities:
        out.setdefault(entity.type, set()).add(entity.name)
    return out


@pytest.mark.parametrize(
    ("surface", "name", "code"),
    [("US", "United States", "US"), ("U.S.", "United States", "US"),
     ("United States", "United States", "US"), ("Russian", "Russia", "RU"),
     ("Russia's", "Russia", "RU"), ("Ukrainians", "Ukraine", "UA"), ("Swedish", "Sweden", "SE"),
     ("UK", "United Kingdom", "GB"), ("Iran", "Iran", "IR")],
)
def test_lookup_country(surface, name, code):
    country = lookup_country(surface)
    assert (country.name, country.alpha_2) == (name, code)


@pytest.mark.parametrize(("surface", "expected"), [("Russian", True), ("Russia", False),
                                                   ("U.S.", False)])
def test_is_demonym(surface, expected):
    assert is_demonym(surface) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Witkoff Meets Putin as Russia Ukraine War Escalates", True),
     ("Background & Context", True),
     ("The minister met her counterpart on Tuesday.", False),
     ("Officials said talks would resume", False)],
)
def test_is_headline_case(line, expected):
    assert is_headline_case(line) is expected


def test_junk_lines_are_found():
    text = ("Harbour Deal Signed\n\nThe mayor of Lisbon signed the deal.\n\n"
            "Related: Mayor Visits Porto\n")
    junk, headlines = junk_and_headline_ranges(text)
    junk_text = [text[a:b] for a, b in junk]
    assert "Related: Mayor Visits Porto" in junk_text
    assert [text[a:b] for a, b in headlines] == ["Harbour Deal Signed"]


def test_acronym():
    assert acronym("European Central Bank") == "ECB"


def test_person_full_name_and_surname_are_one_entity(extract):
    x = extract("Ukrainian President Volodymyr Zelenskyy arrived in Brussels on Monday. "
                "Zelenskyy met officials there. Later, Zelenskyy said he was hopeful.")
    people = [e for e in x.entities if e.type == "Person"]
    assert [p.name for p in people] == ["Volodymyr Zelenskyy"]
    assert set(people[0].aliases) == {"Zelenskyy"}
    assert len(people[0].mentions) == 3


def test_demonym_is_country_and_abbreviations_merge(extract):
    x = extract("Russian drones struck the port. The U.S. condemned the attack, and the "
                "United States Navy moved ships. US officials met Russia's envoy.")
    countries = {e.name: e for e in x.entities if e.type == "Country"}
    assert set(countries) == {"Russia", "United States"}
    assert countries["Russia"].country_code == "RU"
    assert "Russian" in countries["Russia"].aliases


def test_roles_are_stripped_from_names_and_kept(extract):
    x = extract("US Secretary of State Marco Rubio met Kremlin spokesman Dmitry Peskov "
                "in Geneva. EU High Representative Kaja Kallas was not there.")
    people = {e.name: e for e in x.entities if e.type == "Person"}
    assert set(people) == {"Marco Rubio", "Dmitry Peskov", "Kaja Kallas"}
    roles = {(r.person_id, r.title, r.of_id) for r in x.roles}
    assert ("person/marco-rubio", "Secretary of State", "country/united-states") in roles
    assert ("person/dmitry-peskov", "spokesman", "organization/kremlin") in roles
    assert ("person/kaja-kallas", "High Representative", "organization/european-union") in roles
    assert "State" not in {e.name for e in x.entities}


def test_appositive_role(extract):
    x = extract("Dmitry Peskov, the Kremlin spokesman, rejected the proposal on Friday.")
    assert {(r.title, r.of_id) for r in x.roles} == {("spokesman", "organization/kremlin")}


@pytest.mark.parametrize(
    ("text", "type_", "name"),
    [("The sides discussed the 28-point peace plan in Miami.", "Plan", "28-point peace plan"),
     ("Kyiv sent a counterproposal to Washington.", "Plan", "counterproposal"),
     ("Moscow rejected the unconditional ceasefire offer again.", "Plan",
      "unconditional ceasefire offer"),
     ("The EU and NATO met in Brussels.", "Organization", "European Union"),
     ("Peskov accused the West of prolonging the war.", "Group", "the West")],
)
def test_typed_actor(extract, text, type_, name):
    assert name in names_by_type(extract(text)).get(type_, set())


def test_no_junk_actors_from_headings_and_links(extract):
    text = ("Key Developments & Timeline\n\n"
            "Finnish President Alexander Stubb visited Kyiv on Monday.\n\n"
            "Related: Witkoff Meets Putin as Talks Stall\n")
    names = {e.name for e in extract(text).entities}
    assert "Alexander Stubb" in names
    assert not names & {"Key Developments & Timeline", "Witkoff", "Putin", "Witkoff Meets Putin"}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Harbour Deal Signed in Valletta\n\nMinister Ana Borg signed the deal on Monday.\n",
     "Valletta", "Place"),
    ("Squad\nGoalkeepers: Ana Borg, Marco Vella\n\nThe coach named the squad.\n",
     "Marco Vella", "Person"),
])
def test_names_in_headlines_and_tables_are_kept(extract, text, name, type_):
    assert name in names_by_type(extract(text)).get(type_, set())


def test_numbers_and_dates_never_actors(extract):
    x = extract("On November 19, 2025, 25 people were hurt in Ternopil, officials said.")
    assert {e.name for e in x.entities} == {"Ternopil"}


@pytest.mark.parametrize(("text", "group"), [
    ("European allies backed the plan on Monday.", "European allies"),
    ("Kyiv thanked its Western partners for the aid.", "the West"),
])
def test_blocs_are_groups(extract, text, group):
    assert group in names_by_type(extract(text)).get("Group", set())


@pytest.mark.parametrize(("text", "group", "place"), [
    ("Oslo will brief European governments on the plan.", "European governments", "Europe"),
    ("The minister met Asian leaders in Hanoi.", "Asian leaders", "Asia"),
    ("Kyiv thanked Western allies for the aid.", "the West", None),
])
def test_a_bloc_keeps_the_place_it_is_of(extract, text, group, place):
    entities = {e.name: e for e in extract(text).entities}
    bloc = entities[group]
    assert bloc.type == "Group"
    start = bloc.mentions[0].start
    nested = [e.name for e in entities.values() if e is not bloc and any(
        m.start == start for m in e.mentions)]
    assert nested == ([place] if place else [])
    if place:
        assert entities[place].type == "Place"


@pytest.mark.parametrize(("text", "product"), [
    ("China Eastern bought twenty new Airbus A320 jets.", "Airbus A320"),
    ("Rolls-Royce Trent 900 engines failed at 16:15 UTC.", "Rolls-Royce Trent 900"),
])
def test_product_names_are_products_and_time_zones_no_actors(extract, text, product):
    by_type = names_by_type(extract(text))
    assert product in by_type.get("Product", set())
    assert not {n for names in by_type.values() for n in names} & {"Airbus", "UTC"}


def test_long_caption_prefixed_paragraph_is_prose():
    text = "Title\n\nPhoto LONDON -- " + "Officials in London said the talks would go on. " * 8 + "\n"
    junk, _ = junk_and_headline_ranges(text)
    assert junk == []


def test_dateline_with_accented_capitals():
    from kg.extract.boilerplate import DATELINE_RE

    assert [m.group(1) for m in DATELINE_RE.finditer("BELÉM, Brazil — Talks ran late.")] == [
        "BELÉM, Brazil —"]


def test_surname_with_particle_is_the_same_person(extract):
    x = extract("EU trade commissioner Pieter Van Acker signed the pact on Friday. "
                "\"It is a good day,\" Van Acker said.")
    people = [e for e in x.entities if e.type == "Person"]
    assert [p.name for p in people] == ["Pieter Van Acker"]
    assert x.statements[0].speaker == "Pieter Van Acker"


def actor_mentions(nlp, text: str) -> set[tuple[str, str]]:
    """Return the (text, type) actor mentions kg_actors finds in ``text``."""
    doc = nlp(text)
    return {(s.text, s.label_) for s in doc.spans["kg_actors"]}


@pytest.mark.parametrize("text", [
    "The carmaker lost money on its North American sales last year.",
    "Shoppers in Latin American cities spent less in March.",
])
def test_regional_demonym_is_no_country(nlp, text):
    assert not {t for _, t in actor_mentions(nlp, text)} & {"Country"}


@pytest.mark.parametrize(("text", "org"), [
    ("The deal gave the United States Air Force forty new tankers.", "United States Air Force"),
    ("A report from the US Labor Department showed more hiring.", "US Labor Department"),
    ("The U.S. Department of Energy funded the lab.", "U.S. Department of Energy"),
    ("The Swiss National Bank cut its main rate.", "Swiss National Bank"),
    ("A Thai Airways International jet hit a truck.", "Thai Airways International"),
    ("The Federal Service for the Financial Markets halted trading.",
     "Federal Service for the Financial Markets"),
])
def test_organisations_named_after_a_country_are_whole(nlp, text, org):
    mentions = actor_mentions(nlp, text)
    assert (org, "Organization") in mentions
    assert not any(t == "Country" for _, t in mentions)


@pytest.mark.parametrize(("text", "mention"), [
    ("Fans still love the Beatles, the singer said.", ("Beatles", "Organization")),
    ("Sales at electronics retailer Best Buy fell in May.", ("Best Buy", "Organization")),
    ("The weekly magazine Der Spiegel printed the memo.", ("Der Spiegel", "Organization")),
    ("The hangar was the first home of Douglas Aircraft.", ("Douglas Aircraft", "Organization")),
    ("The jet took off from Toulouse in France at noon.", ("Toulouse", "Place")),
    ("The plane was flown to Toulouse, France for a ceremony.", ("Toulouse", "Place")),
    ("Airbus, Germany and France signed the deal.", ("Airbus", "Organization")),
    ("The fund was sold to Cerberus Capital Management in May. Cerberus will pay the debts.",
     ("Cerberus", "Organization")),
    ("Spokeswoman Sandy Angers said that the team would meet again.", ("Sandy Angers", "Person")),
    ("Irish low-cost airline, Ryanair, bought jets. Ryanair said it was pleased.",
     ("Ryanair", "Organization")),
    # guards: a family named after a person of the article, a titled surname, a modifier
    ("Hillary Clinton spoke on Monday. Donors have given money to the Clintons for years.",
     ("Clintons", "Person")),
    ("Mr. Smith met reporters. Smith said the Smith Group would grow.", ("Smith", "Person")),
    ("Last year the Obama administration pushed the law.", ("Obama", "Person")),
])
def test_person_entities_typed_by_context(nlp, text, mention):
    assert mention in actor_mentions(nlp, text)


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Users are buzzing about Tiger, the newest version of the system.", "Tiger", "Product"),
    ("It ships with the web browser Safari and a mail program.", "Safari", "Product"),
    ("The boat cruised down the Danube on Sunday.", "Danube", None),
    ("The laptop is faster than the PowerBook it replaces.", "PowerBook", "Product"),
])
def test_products_named_like_people_are_no_people(nlp, text, name, type_):
    types = {t for m, t in actor_mentions(nlp, text) if m == name}
    assert types == ({type_} if type_ else set())


@pytest.mark.parametrize(("text", "name"), [
    ("Demand for Maintenance, Repair and Overhaul work grew fast.",
     "Maintenance, Repair and Overhaul"),
    ("Boeing won orders at the Paris Air Show on Monday.", "Paris"),
    ("The jets will fly before the 2008 Beijing Olympic Games.", "Beijing"),
])
def test_lists_and_event_places_are_not_actors(nlp, text, name):
    assert name not in {m for m, _ in actor_mentions(nlp, text)}


@pytest.mark.parametrize(("disabled", "expected"), [
    # a list the model read as one name, one item a known place: each item a place
    ("", {("Caledonia", "Place"), ("Hopley", "Place"), ("Epworth", "Place")}),
    # not split, the list is dropped as no name (name_list_junk)
    ("place_list_split", set()),
])
def test_a_list_with_a_known_place_names_places(nlp, monkeypatch, disabled, expected):
    monkeypatch.setenv("KG_DISABLE", disabled)
    text = "Plots were sold without approval in places like Caledonia, Hopley and Epworth."
    assert actor_mentions(nlp, text) == expected


def test_a_product_line_is_a_product(nlp):
    text = "Apple unveiled new MacBook Air laptops. Buyers liked the MacBook Air laptops."
    assert {t for m, t in actor_mentions(nlp, text) if m == "MacBook Air"} == {"Product"}


@pytest.mark.parametrize(("text", "mention"), [
    ("The jet flew in from the Airbus Delivery Center on Friday.",
     ("Airbus Delivery Center", "Place")),
    ("The new park was built near the Long Beach Airport.", ("Long Beach Airport", "Place")),
    ("A portion of the Scenic Highway in Dunmore collapsed in two places, the mayor said.",
     ("Scenic Highway", "Place")),
    ("Traffic was stopped on the Third Mainland Bridge after a crash on Monday.",
     ("Third Mainland Bridge", "Place")),
    ("The fourth test will be played at Trent Bridge, Nottingham, in August.",
     ("Trent Bridge", "Place")),
    ("Police closed Interstate 80 near the state line after a truck overturned on Monday.",
     ("Interstate 80", "Place")),
    ("The Russian government closed the stock markets.", ("Russian", "Country")),
    ("Putin spoke in Moscow on Monday.", ("Putin", "Person")),
    ("The bill now goes to the US Congress for a vote.", ("Congress", "Organization")),
    ("Stocks in the US economy fell as Japanese stocks slid.", ("Japanese", "Country")),
])
def test_sites_governments_and_bare_surnames(nlp, text, mention):
    assert mention in actor_mentions(nlp, text)


@pytest.mark.parametrize(("text", "mentions"), [
    ("Portuguese Prime Minister Luis Montenegro spoke in Lisbon.",
     {("Luis Montenegro", "Person")}),
    ("Mr. Montenegro declined to comment.", {("Montenegro", "Person")}),
    ("Luis Montenegro met the president in Lisbon.", {("Luis Montenegro", "Person")}),
    ("Voters in Northern Ireland went to the polls.", {("Northern Ireland", "Place")}),
    ("The President of Montenegro spoke.", {("Montenegro", "Country")}),
])
def test_country_name_as_a_titled_persons_surname(nlp, text, mentions):
    assert mentions <= actor_mentions(nlp, text)


def test_bare_surname_like_a_country_is_the_person(extract):
    x = extract("Prime Minister Luis Montenegro opened the session on Monday. Montenegro "
                "said the budget was safe. Later he flew to Spain.")
    assert {(e.name, e.type) for e in x.entities} == {("Luis Montenegro", "Person"),
                                                      ("Spain", "Country")}
    assert x.statements[0].speaker == "Luis Montenegro"


@pytest.mark.parametrize(("text", "mentions"), [
    ("According to Anna Berg of Kessler & Lund, orders rose.",
     {("Anna Berg", "Person"), ("Kessler & Lund", "Organization")}),
    ("Shares of Procter & Gamble rose on Monday.", {("Procter & Gamble", "Organization")}),
])
def test_particles_affiliations_and_ampersand_names(nlp, text, mentions):
    assert mentions <= actor_mentions(nlp, text)


def test_heading_with_ampersand_is_no_actor(nlp):
    assert actor_mentions(nlp, "Background & Context\n\nThe talks began in May.") == set()


@pytest.mark.parametrize(("text", "name", "count"), [
    ("Corvane Semiconductors beat forecasts. Shares in Corvane rose 9 percent, and Corvane "
     "said demand was strong.", "Corvane Semiconductors", 3),
])
def test_short_names_join_the_full_name(extract, name, text, count):
    x = extract(text)
    entity = next(e for e in x.entities if e.name == name)
    assert len(entity.mentions) == count
    assert not [e for e in x.entities if e.name != name and e.name in name]


@pytest.mark.parametrize(("text", "mentions"), [
    # a caption running into the text does not make "Donald Trump Seattle" a person
    ("Crowds protested against Donald Trump. Police watch as people protest the election of "
     "Donald Trump Seattle (pictured) was one of many cities. Police in Seattle said.",
     {("Donald Trump", "Person"), ("Seattle", "Place")}),
])
def test_captions_run_into_text(nlp, text, mentions):
    found = actor_mentions(nlp, text)
    assert mentions <= found
    assert not {m for m, _ in found} & {"Donald Trump Seattle"}


def test_place_named_in_a_public_body_stays_a_place(extract):
    x = extract("A gunman opened fire in Seattle on Wednesday night. The Seattle Police Dept "
                "said the suspect fled. Seattle was calm by morning.")
    types = names_by_type(x)
    assert "Seattle" in types.get("Place", set())
    assert "Seattle" not in types.get("Organization", set())


def test_untitled_name_of_a_titled_person_like_a_country_is_the_person(nlp):
    doc = nlp("Prime Minister Luis Montenegro spoke in Lisbon. Later Luis Montenegro met the "
              "press.")
    assert [(s.text, s.label_) for s in doc.spans["kg_actors"]] == [
        ("Luis Montenegro", "Person"), ("Lisbon", "Place"), ("Luis Montenegro", "Person")]


@pytest.mark.parametrize(("text", "people"), [
    ("Scorers: Dunmore 3 ( Ana Borg 41 , Marco Vella 77 ; Joseph Camilleri 4-43 )\n",
     {"Marco Vella", "Joseph Camilleri"}),
    ("Team: 15 - Pieter Joubert , 14 - Justin Mahlangu , 13 - Japie Swart\n",
     {"Pieter Joubert", "Justin Mahlangu", "Japie Swart"}),
])
def test_names_in_score_tables_and_squad_lists(extract, text, people):
    """A score or shirt number next to a name does not make it junk."""
    assert people <= names_by_type(extract(text)).get("Person", set())


def test_a_model_number_makes_a_product_and_leaves_the_maker(extract):
    by_type = names_by_type(extract("A Boeing 747 landed. Boeing said it was safe."))
    assert by_type.get("Product") == {"Boeing 747"}
    assert by_type.get("Organization") == {"Boeing"}


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Midfielder Tomasz Wrzesniak scored twice for the visitors.", "Tomasz Wrzesniak",
     "Midfielder"),
    ("Goalkeeper Jan Novak saved a penalty in the last minute.", "Jan Novak", "Goalkeeper"),
    ("The motion was backed by Councilwoman Dana Reyes on Tuesday.", "Dana Reyes",
     "Councilwoman"),
    ("City Clerk Leticia Moran read the motion aloud.", "Leticia Moran", "Clerk"),
])
def test_role_nouns_are_roles_not_names(extract, text, name, role):
    people = {e.name: e for e in extract(text).entities if e.type == "Person"}
    assert name in people and role in people[name].roles


def test_person_after_an_office_of_a_state(extract):
    x = extract("President of the Republic Marko Novak opened the session.")
    names = names_by_type(x)
    assert "Marko Novak" in names.get("Person", set())
    assert not any("Republic Marko" in n for ns in names.values() for n in ns)


@pytest.mark.parametrize("text", [
    "The Councilwoman said no to the plan.",
    "The Council approved the budget on Monday.",
    "The Ministry said it would appeal the ruling.",
    "Storm Elowen hit the coast on Monday, cutting power to thousands.",
    "Turnout was low in the north. Officials said turnout fell by a third.",
])
def test_common_words_and_storms_are_no_actors(extract, text):
    assert not extract(text).entities


@pytest.mark.parametrize("name", ["Russian central bank", "Ukrainian Presidential office",
                                  "Alaska Court of Appeals", "Ninth Circuit Court of Appeals"])
def test_organisation_names_are_kept_whole(extract, name):
    x = extract(f"The {name} said on Monday that it would act.")
    assert name in {e.name for e in x.entities if e.type == "Organization"}


def test_a_day_before_a_body_is_no_part_of_its_name(extract):
    x = extract("On Tuesday Bank of Japan officials met in Tokyo.")
    assert "Bank of Japan" in {e.name for e in x.entities if e.type == "Organization"}


def test_parenthesised_abbreviation_is_an_alias(extract):
    x = extract("Economic Community of West African States (ECOWAS) leaders met in Abuja. "
                "ECOWAS said it would act.")
    [org] = [e for e in x.entities if e.type == "Organization"]
    assert (org.name, org.aliases) == ("Economic Community of West African States", ("ECOWAS",))
    assert len(org.mentions) == 3


def test_a_rainforest_is_a_place(extract):
    x = extract("Loggers cleared land in the Amazon. Fires across the Amazon grew.")
    assert names_by_type(x).get("Place") == {"Amazon"}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Vendors got the Game Engine Toolkit (GET) in May. GET runs on phones.",
     "Game Engine Toolkit", "Product"),
    ("The Rural Transit Authority (RTA) cut fares. RTA said more buses would come.",
     "Rural Transit Authority", "Organization"),
    # the word before "of" is the head: a body that runs a programme
    ("The Secretariat of the Coral Waste Programme (SCWP) sent staff. SCWP said more would "
     "come.", "Secretariat of the Coral Waste Programme", "Organization"),
    ("Schools joined the Programme for Rural Reading (PRR) in May.",
     "Programme for Rural Reading", "Product"),
])
def test_abbreviated_name_is_typed_by_its_head(extract, text, name, type_):
    x = extract(text)
    [entity] = [e for e in x.entities if e.name == name]
    assert entity.type == type_


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a body's name that lists its fields keeps its commas
    ("Fisheries, Parks and Heritage Norland (FPHN) shut the lake. FPHN said it would reopen.",
     "Fisheries, Parks and Heritage Norland", True),
    ("The Department of Mines, Energy and Water (DMEW) said prices would rise.",
     "Department of Mines, Energy and Water", True),
    # a list alone names activities, no body; a place and its county are no such name
    ("Costs of Maintenance, Repair and Overhaul (MRO) rose at the plant.",
     "Maintenance, Repair and Overhaul", False),
    ("Flooding hit Harlow, Essex (HE) on Monday, the council said.", "Harlow, Essex", False),
])
def test_an_abbreviated_name_may_list_fields(extract, text, name, expected):
    names = {e.name for e in extract(text).entities if e.type == "Organization"}
    assert (name in names) is expected


@pytest.mark.parametrize(("short", "name", "expected"), [
    ("ECOWAS", "Economic Community of West African States", True),
    ("ECB", "European Central Bank", True),
    ("EU", "European Union", True),
    ("IMF", "European Central Bank", False),
    # an ampersand is no word; a legal suffix may be left out, or kept
    ("VADS", "Velmor Aeronautic Defence & Space NV", True),
    ("VM", "Velmor Motors Corporation", True),
    ("VMC", "Velmor Motors Corporation", True),
    ("VC", "Velmor Corporation", True),
    ("VMC", "Velmor Motors", False),
    ("PCSA", "Parties to the Coral Sea Agreement", True),  # "to" is a small word
])
def test_abbreviates(short, name, expected):
    from kg.extract.name_match import abbreviates

    assert abbreviates(short, name) is expected


def test_a_product_on_sale_is_a_product(extract):
    x = extract("Google unveiled the Pixelbook Nova in May. The Pixelbook Nova costs 999 "
                "dollars, Google said.")
    assert names_by_type(x) == {"Organization": {"Google"}, "Product": {"Pixelbook Nova"}}


@pytest.mark.parametrize(("text", "person"), [
    ("Vote counts showed Mr Widodo with a clear lead.", "Widodo"),
    ("Councilor Varga spoke first.", "Varga"),
    ("Councilor Nolan spoke first. Councilor Pickett echoed Nolan's sentiments.", "Pickett"),
])
def test_a_title_before_a_surname_makes_a_person_without_the_title(extract, text, person):
    names = names_by_type(extract(text))
    assert person in names.get("Person", set())
    assert not any(n.startswith(("Mr ", "Councilor")) for ns in names.values() for n in ns)


def test_titled_surname_is_the_person_named_in_full():
    """"Mr Widodo" is one node with "Joko Widodo", not an organisation of its own."""
    from kg.model import Article
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_articles

    text = ("Joko Widodo led the count on Wednesday. Polls showed Mr Widodo ahead of his rival, "
            "and Mr Widodo thanked voters.")
    [x] = extract_articles([Article("t", "", text)], nlp=load_pipeline())
    [widodo] = [e for e in x.entities if "Widodo" in e.name]
    assert (widodo.name, widodo.type, len(widodo.mentions)) == ("Joko Widodo", "Person", 3)


@pytest.mark.parametrize("text", [
    "Typhoon Merbok weakened overnight. Merbok is now heading north.",
    "Super Typhoon Hinnamnor crossed the sea. Hinnamnor then turned west.",
    "Rain fell for days. An earlier storm, Kalmaegi, left a trail of destruction.",
    "Typhoon Fung-wong made landfall. Fung-wong - known locally as Uwan - brought floods.",
])
def test_storm_names_are_no_actors_in_any_mention(extract, text):
    assert not extract(text).entities


@pytest.mark.parametrize(("text", "kept"), [
    ("After the storm, Mayor Ines Ruiz said the roads were clear.", "Ines Ruiz"),
    ("The hurricane hit the town known as Port Ellis on Monday.", "Port Ellis"),
    ("Crews cleared debris after the Oklahoma tornado on Monday.", "Oklahoma"),
    ("Reuters storm coverage drew readers on Monday.", "Reuters"),
])
def test_names_near_a_storm_word_are_kept(extract, text, kept):
    assert kept in {e.name for e in extract(text).entities}


@pytest.mark.parametrize(("text", "name"), [
    ("The storm will weaken by Friday, the Eastern Typhoon Centre said.",
     "Eastern Typhoon Centre"),
    ("The Gulf Hurricane Service said the storm would weaken by Friday.",
     "Gulf Hurricane Service"),
])
def test_a_body_that_tracks_storms_is_an_organisation(extract, text, name):
    assert {(e.name, e.type) for e in extract(text).entities} >= {(name, "Organization")}


@pytest.mark.parametrize(("text", "person"), [
    ("A former chief justice has been sentenced in absentia to nine years in prison.\n\n"
     "Surendra Kumar Sinha, 70, was the head of the court in 2017.", "Surendra Kumar Sinha"),
    ("Okonkwo Adeyemi Balogun, 64, was sworn in on Friday.", "Okonkwo Adeyemi Balogun"),
])
def test_a_name_given_an_age_is_a_person(extract, text, person):
    assert person in names_by_type(extract(text)).get("Person", set())


@pytest.mark.parametrize(("text", "name"), [
    ("Dr Kamau'i said the ward would reopen.", "Kamau'i"),
    ("Mr Obuya told the court he was innocent.", "Obuya"),
    ("The party picked Jakarta Deputy Governor Sandoro Umbu as its candidate.", "Sandoro Umbu"),
    ("The bank was co-founded by Ada Ike and CTO Segun Adebowale in 2019.", "Segun Adebowale"),
])
def test_a_name_no_list_knows_after_an_honorific_or_title_is_a_person(extract, text, name):
    assert (name, "Person") in {(e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize("text", [
    "The Governor General spoke at noon.",
    "Dr Jones Said The Plan Would Work, the board heard.",
])
def test_no_name_is_made_of_a_title_alone_or_a_capitalised_run_on(extract, text):
    people = {e.name for e in extract(text).entities if e.type == "Person"}
    assert "General" not in people
    assert not any("Said" in p for p in people)


@pytest.mark.parametrize(("text", "name"), [
    ("The inspector, Mr Edro Makinde, said the site was safe.", "Edro Makinde"),
    ("Its founder, Dr Amaka Obiora Eze, opened the school.", "Amaka Obiora Eze"),
    ("The firm was co-founded by CTO Musa Abdullahi in 2019.", "Musa Abdullahi"),
])
def test_an_honorific_before_a_full_name_makes_a_person(extract, text, name):
    assert (name, "Person") in {(e.name, e.type) for e in extract(text).entities}


@pytest.mark.parametrize(("text", "pair"), [
    ("Fans watched Mikel Oyarzabal at the ground.", "Mikel Oyarzabal"),
    ("Fans watched the Marta Open at the ground.", None),  # "the" before: an event
    # a slash joining the pair to a city: the city's other name
    ("Locals thanked Marta Hinewai / Wellington for the wells.", None),
    ("Locals thanked Marta Hinewai / Oyelaran for the wells.", "Marta Hinewai"),
    # an organisation noun in apposition: a body, not a person
    ("Locals thanked Grace Haven, a relief agency, for the wells.", None),
    ("Locals thanked Grace Haven, a nurse, for the wells.", "Grace Haven"),
])
def test_given_name_pairs_skip_things(nlp, text, pair):
    from kg.extract.actors import given_name_pairs

    doc = nlp(text)
    doc.ents = []
    found = [s.text for s in given_name_pairs(doc, set())]
    assert found == ([pair] if pair else [])


def _tagged_doc(nlp, words: str, tags: str, lemmas: str):
    """Return a Doc of ``words`` with the given parts of speech and lemmas (no entities), so
    a rule reads the same tags whatever the model would guess."""
    from spacy.tokens import Doc

    split = words.split()
    return Doc(nlp.vocab, words=split, pos=tags.split(), lemmas=lemmas.split(),
               sent_starts=[True] + [False] * (len(split) - 1))


@pytest.mark.parametrize(("words", "tags", "lemmas", "names"), [
    # a title in lower case and in the plural still heads a name
    ("Foreign secretaries Asel Omar Turdu of Kyrgyzstan met .",
     "ADJ NOUN PROPN PROPN PROPN ADP PROPN VERB PUNCT",
     "foreign secretary asel omar turdu of kyrgyzstan meet .", ["Asel Omar Turdu"]),
    ("The state governor Tunde Okafor spoke .", "DET NOUN NOUN PROPN PROPN VERB PUNCT",
     "the state governor tunde okafor speak .", ["Tunde Okafor"]),
    ("Deputy Governor Tunde Okafor spoke .", "ADJ PROPN PROPN PROPN VERB PUNCT",
     "deputy governor tunde okafor speak .", ["Tunde Okafor"]),
    # no title before the words: no name
    ("The visitors Asel Omar spoke .", "DET NOUN PROPN PROPN VERB PUNCT",
     "the visitor asel omar speak .", []),
    # after a title, one word is no name (an honorific's is: "Dr Kamau")
    ("The governor Okafor spoke .", "DET NOUN PROPN VERB PUNCT",
     "the governor okafor speak .", []),
])
def test_names_after_a_title_in_any_case_and_number(nlp, words, tags, lemmas, names):
    from kg.extract.actors import titled_unlisted_names

    doc = _tagged_doc(nlp, words, tags, lemmas)
    assert [s.text for s in titled_unlisted_names(doc, set())] == names


@pytest.mark.parametrize(("words", "person"), [
    (["Mr", "Montenegro", "declined", "."], "Montenegro"),
    (["DR", "Congo", "extends", "quotas", "."], None),  # initials of a country, no "Dr"
])
def test_a_country_after_an_honorific_in_capitals_is_no_surname(nlp, words, person):
    from spacy.tokens import Doc, Span

    from kg.extract.actors import person_named_like_country

    ents = ["O", "B-GPE"] + ["O"] * (len(words) - 2)
    doc = Doc(nlp.vocab, words=words, ents=ents)
    span = person_named_like_country(Span(doc, 1, 2, label="GPE"))
    assert (None if span is None else span.text) == person
