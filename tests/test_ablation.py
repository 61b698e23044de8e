"""Ablation switches: components left out of the pipeline and rules turned off by KG_DISABLE."""

from __future__ import annotations

import pytest

from kg.ablation import (
    PASS_THROUGH,
    RULES,
    disabled_names,
    reads_disabled_once,
    rule,
    rule_enabled,
    unknown_names,
)


@rule("test_upper", off=PASS_THROUGH)
def upper(text: str) -> str:
    return text.upper()


@rule("test_is_long")
def is_long(text: str) -> bool:
    return len(text) > 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", set()), ("kg_roles", {"kg_roles"}), (" kg_roles , test_upper ,", {"kg_roles",
                                                                           "test_upper"})],
)
def test_disabled_names_from_environment(monkeypatch, value, expected):
    monkeypatch.setenv("KG_DISABLE", value)
    assert disabled_names() == expected
    assert rule_enabled("kg_roles") == ("kg_roles" not in expected)


def test_rules_run_unless_disabled(monkeypatch):
    monkeypatch.delenv("KG_DISABLE", raising=False)
    assert (upper("oslo"), is_long("oslo")) == ("OSLO", True)
    monkeypatch.setenv("KG_DISABLE", "test_upper,test_is_long")
    assert (upper("oslo"), is_long("oslo")) == ("oslo", False)
    assert RULES["test_upper"].endswith("test_ablation.upper")


@pytest.mark.parametrize(("value", "expected"), [("", ["OSLO", True, "OSLO"]),
                                                  ("test_upper", ["oslo", True, "oslo"]),
                                                  ("test_is_long", ["OSLO", False, "OSLO"])])
def test_a_component_reads_the_switch_once_as_it_starts(monkeypatch, value, expected):
    monkeypatch.setenv("KG_DISABLE", value)

    @reads_disabled_once
    def component(text: str) -> list:
        first = [upper(text), is_long(text)]
        monkeypatch.setenv("KG_DISABLE", "test_upper,test_is_long")  # read already
        return [*first, upper(text)]

    assert component("oslo") == expected
    assert (upper("oslo"), is_long("oslo")) == ("oslo", False)  # outside: read at each call


def test_unknown_names():
    assert unknown_names({"kg_roles", "test_upper", "nope"}, ["kg_roles"]) == ["nope"]


def test_disabled_component_is_left_out_of_the_pipeline(monkeypatch):
    from kg.nlp import load_pipeline

    monkeypatch.setenv("KG_DISABLE", "kg_roles")
    nlp = load_pipeline()
    assert "kg_roles" in nlp.disabled and "kg_roles" not in nlp.pipe_names
    doc = nlp("Mayor Ines Ruiz opened the bridge in Lyon on Friday.")
    assert doc._.kg_roles == []
    monkeypatch.delenv("KG_DISABLE")
    assert "kg_roles" in load_pipeline().pipe_names


#: A text per registered rule on which switching it off changes kg's actors (written for
#: the test). A rule added to kg needs a case here (test_every_rule_has_a_case).
RULE_CASES: list[tuple[str, str]] = [
    ('named_body_org', 'The far-right Chega party finished second. Chega, led by Andre '
                       'Ventura, won 62 seats. The Socialists would not rely on Chega.'),
    ('placed_known_place', 'Investigators said the Croydon tram crash began at a bend. The '
                           'Croydon tram crash inquiry opened. Croydon tram crash survivors '
                           'met. Mary Lane, 62, from Croydon, was among them.'),
    ('landmark_places', 'The White House said on Monday that talks would go on.'),
    ('geo_noun_plurals', 'Crops failed across the provinces of Lao Cai and Yen Bai.'),
    ('locative_conjunct_place', 'Nobody stays behind in Arnsby, Toller or Wenlow, the mayor '
                                'said.'),
    ('locative_group_place', 'Water ran out in Mabvuku on Monday.'),
    ('wide_locative_known_place', 'A young poet from Ostrava read first.'),
    ('learned_place_by_locative', 'Families in Mabvuku have no water. Residents of Mabvuku '
                                  'marched.'),
    ('tie_without_given_name', "Engineers got papers from Lockheed Martin, a rival of the firm. Lockheed Martin's Atlas rocket flew."),
    ('appositive_names', 'The carmaker will cut 5,000 jobs at its German division, Opel, by 2027. Managers at Opel were told on Friday.'),
    ('organisation_in_event_name', 'Rescuers reached the site where Borealis Air Flight 312 came down.'),
    ('maker_before_product', 'It is the successor to the Lumo line and contains Intel Core Duo processors. Other Lumo models moved to Intel chips.'),
    ('no_repeats_in_dates', 'Ines May, the coach, named the squad.\nTour dates:\nMay 13 Arrive in Leeds\nMay 14 Rest day\n'),
    ('people_noun_junk', "Results on Friday:\nWomen's 100 metres hurdles\n1. Ilse Varga (Hungary) 12.81\n2. Anna Berg (Sweden) 12.90\nMen's 400 metres\n1. Tomasz Wrzesniak (Poland) 44.90\n"),
    ('legal_form_org', 'The deal was signed by Marvello SpA on Friday. Marvello SpA will pay in cash.'),
    ('family_first_common_word', 'Italian tyre and cables giant Pirelli said on Friday that it would grow. Pirelli Cables will build a plant, and Pirelli staff cheered.'),
    ('list_lines_kept', 'Ines Ruiz spoke.\n\nThe team:\n\nDr Kamau Wekesa – Health\nDr Otieno Barasa – Finance\n'),
    ('person_title_strip', 'Pope Leo spoke on Sunday.'),
    ('surname_mentions', 'Ines Okafor won the race.\n\nWhy Okafor Keeps Winning\n\nShe trains daily.'),
    ('time_zone_junk', 'GMT and BST differ by an hour.'),
    ('abbreviation_names', 'The Economic Community of West African States (ECOWAS) met in Abuja. ECOWAS said talks would go on.'),
    ('syllable_abbreviations', 'Officials of the Harbour Workers Federation of Tanzania '
                               '(Hawfeta) met on Monday. Hawfeta said talks had failed.'),
    ('placed_city_not_person', 'Floods hit Lao Cai on Monday, and hundreds of people in Lao Cai '
                               'lost homes.'),
    ('acronym_merge', 'Harmon Valley Transit Authority raised fares on Monday. HVTA said costs rose.'),
    ('model_named_bodies', 'Officials at the Norwegian Museum lent ten paintings to the town.'),
    ('credit_outlets', 'Harbour workers went on strike on Monday.\n\nPhoto: Mara Quist/Velmorsport'),
    ('credit_country_outlet', '# Tonga bans shark fishing\n\nNeiafu, Tonga\n\nThe Ministry of '
                              'Fisheries has banned shark fishing for two years, officials said '
                              'on Monday.\n\nPhoto: Divers at the reef. Manino Tonga / Kalena '
                              'Tuala'),
    ('adjective_group_drop', 'The Republican senator spoke on Monday.'),
    ('bloc_patterns', 'Western allies pledged more aid to Kyiv, and the West promised tanks.'),
    ('city_first_not_person', 'Austin Energy raised its prices on Monday.'),
    ('capitals_titlecase', 'Crowds in LONDON cheered. London was calm later.'),
    ('country_by_name', 'Officials from France met their Ukrainian counterparts.'),
    ('currency_code_junk', 'The bill came to 500 CHF in total.'),
    ('dateline_actors', 'GENEVA (Reuters) — Talks on the ceasefire resumed on Tuesday.'),
    ('demonym_body_patterns', 'The Ukrainian Presidential Office said the Russian central bank was to blame.'),
    ('demonym_named_bodies', 'The Danish Chess Union said on Monday it would host the final.'),
    ('event_name_junk', 'Apple showed new phones at the Worldwide Developers Conference in San Jose.'),
    ('figures_trim', '8 - Luc Nilis scored twice.'),
    ('generic_body_junk', 'The proposal now goes to the Council for a vote.'),
    ('short_form_merge', 'The Nordic Fisheries Commission set quotas. The Commission said they start in May.'),
    ('given_name_before', 'Councilwoman Ivy Taylor voted against the budget.'),
    ('heading_junk', 'Key Developments & Timeline\n\nMayor Ines Ruiz opened the bridge in Lyon.'),
    ('leading_the_trim', 'The Ostrava Mining Company said profits rose.'),
    ('lowercase_junk', 'Protesters marched in el-Fasher.'),
    ('name_list_junk', 'The firm offers Maintenance, Repair and Overhaul services.'),
    ('one_type_per_name', 'Harlan said on Monday that the deal was good. Later, Harlan signed the lease for its new office.'),
    ('org_first_word_merge', 'Corvane Semiconductors posted a loss. Corvane said sales fell.'),
    ('org_noun_person', 'Shares of retailer Best Buy fell.'),
    ('person_after_office', 'President of the Republic Marko Novak signed the law.'),
    ('person_after_office_field',
     'Commissioner for Transportation Ade Bellowe said the state was ready.'),
    ('person_evidence', 'Ines Okafor Holdings said. Ines Okafor said.'),
    ('given_name_disowned', 'Rival Mateo League Rugby is waiting for a decision on its own plan.'),
    ('place_evidence', 'He is selling plots by the roadside in Tambara this week.'),
    ('place_with_country', 'The jet was flown to Toulouse, France.'),
    ('employer_evidence', 'St Mirren boss Jim Goodwin praised his side.'),
    ('office_of_evidence', 'The mayor of Eastbrook, Lena Ortiz, opposed the new tram line.'),
    ('gazetteer_name_guard', 'Jordan Henderson scored twice for Liverpool.'),
    ('plan_patterns', 'Both sides accepted the 28-point peace plan.'),
    ('product_apposition_drop', 'Apple released Lion, the new version of its system.'),
    ('product_line_drop', 'Apple sold more new MacBook Air laptops.'),
    ('product_brand_shape', 'Apple said the iPhone sold well. The iPhone 4 costs more.'),
    ('product_brand_shape_outside_entities',
     'Apple said the iPhone sold well. The iPhone 4 costs more.'),
    ('product_case_variants', 'Corvane unveiled the zPad Max on Monday. The zPad max costs '
                              '$300.'),
    ('product_fewer_words', 'Corvane sells films on the zTunes Movie Store. Users of the '
                            'zTunes Store can rent them.'),
    ('product_maker_names', 'Ford recalled the Taurus. A Ford Taurus sells well.'),
    ('product_model_number', 'The airline ordered ten Boeing 787 jets.'),
    ('product_noun_drop', 'The web browser Safari got faster.'),
    ('regional_demonym_drop', 'North American sales fell.'),
    ('role_only_junk', 'The Councilwoman voted against it.'),
    ('sentence_initial_noun_junk', 'Turnout was low on Monday. Officials said turnout fell.'),
    ('short_form_of_org', 'The airline, Ryanair, cut fares. Ryanair said demand was weak.'),
    ('short_org_relabel', 'Corvane Semiconductors posted a loss. Corvane said sales fell.'),
    ('site_is_place', 'Workers gathered at the Airbus Delivery Center.'),
    ('site_short_name', 'Flights between Tovaro International Airport and Lisbon will be '
                        'cut in August. At Tovaro, travellers queued at the counters.'),
    ('unread_glued_place', '13:05 - Kyiv Boryspil Terminal, used by most airlines, '
                           'reports long queues.'),

    ('name_before_bracket', 'The Authority for the Supervision and Control of Coastal '
                            'Fisheries Licences (ASCOF) said quotas would fall.'),
    ('body_before_bracket', 'Solvik Chamber of Mines (SCM) chairman Ola Dahl said output '
                            'fell.'),
    ('work_title_body_org', 'Neighbours asked the state to call the project in. The Friends '
                            'of the Old Quarry group, which gathered the objections, said it '
                            'was weighing an appeal.'),
    ('route_venue_place', 'Traffic was stopped on the Third Mainland Bridge after a crash on '
                          'Monday.'),
    ('split_run_on_name', 'Donald Trump spoke.\n\nDonald Trump Seattle (pictured) was there.'),
    ('surname_relabel', 'Wang Donghai spoke. Wang said the talks went well.'),
    ('team_evidence', 'Leicestershire beat Somerset by five wickets.'),
    ('the_name_person', 'Fans of the Beatles gathered.'),
    ('titled_person', 'Spokeswoman Sandy Angers said the plant would close.'),
    ('place_before_namesake', 'Hotels in Kalmar are full, the tourism office said. The '
                              'cathedral was built for King Erik Kalmar.'),
    ('western_bloc_merge', 'Western allies met on Monday. Western partners pledged aid.'),
    ('company_context', 'Shares of eBay fell 2 percent on Friday.'),
    ('product_context', 'Corvane introduces the Nimbus Pad and Nimbus TV'),
    ('product_maker_split', "Users praised Tallis Computer's Mac OS X, version 10.4."),
    ('product_repeats', 'Velora Airways will fly the new 787 Dreamliner from March. The '
                        'Dreamliner seats 250.'),
    ('numbered_name_bounds', 'He played for Burnley in the Lancashire and Cheshire League '
                             'Division One last season.'),
    ('sentence_initial_modifier_strip', 'Fellow Austin resident Maria Lopez testified on '
                                        'Monday.'),
    ('city_before_noun_place', 'Fellow Austin resident Maria Lopez testified on Monday.'),
    ('org_core_merge', 'Passengers praised Aer Lingus Group PLC on Monday, and Aer Lingus '
                       'said it was pleased.'),
    ('learned_type', "Ostrava Sparta beat Dunmore 3-1 on Saturday. Dunmore's coach was sacked "
                     "after the defeat."),
    ('headline_name_bounds', '# Halvorsen Reports Headway in Fishing Talks\n\nForeign Minister Ingrid Halvorsen said the talks had made progress.'),
    ('given_name_makes_person', 'St Mirren beat Livingston 2-0 at home. Mikel Oyarzabal scored twice for Spain.'),
    ('given_name_pairs', 'Mikel Oyarzabal scored twice for the visitors on Sunday.'),
    ('table_score_split', 'Results:\nNewport 29 Caerphilly 10\n'),
    ('table_row_names', 'Results on Saturday:\nBlackpool 0 Wycombe 0\n'),
    ('surname_after_first_name', 'Norway innings:\nR. Ponting not out 46\n'),
    ('split_at_spaced_dash', 'Coach names squad\n\nCoach Henrik Aas named 23 players on '
     'Monday for the qualifiers against Portugal and Serbia.\n\n'
     'Goalkeepers - Ole Strand (Brann), Jon Haug (Molde).\n'),
    ('initial_surname_person', 'Glamorgan 259 and 207 (A. Dale 69, H. Morris 69; D. Blenkiron '
     '4-43), Durham 114 (S. Brown 5-40).\n'),
    ('listed_with_persons', 'The new cabinet: Anna Berg (finance), Kari Nygaard (justice), '
     'Jonas Lie (defence), Marit Solheim (foreign affairs) and Erik Dahl (health).\n'),
    ('repeated_names', 'SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.\nThe costliest footballer '
     'Alan Shearer was named as the new England captain on Friday.\n'),
    ('town_named_not_person', 'Livingston beat Falkirk 2-0 on Saturday, while Blackburn drew with Wigan.'),
    ('product_variant_number', 'Pilots said the Boeing 737-800 handled well in the storm.'),
    ('product_code_name', "Velmor's next jet, the 5e5, will fly in 2030."),
    ('product_variant_alone', 'Ryanair ordered ten 737-800ER jets from Boeing.'),
    ('dimension_junk', 'The Vexo plays video at 320x240, Orbix said.'),
    ('unit_after_number_junk', 'Buyers can pick a 64GB model or a 128GB model for the new iPod.'),
    ('split_at_spaced_dash', 'Velmara sued Orbix on Monday. The suit came from a firm based in '
                             'San Jose - Velmara. Velmara said it owns the name.'),
    ('join_split_company_name', 'Papers taken from Lockheed Martin, a rival of the firm, were '
                                'returned.'),
    ('product_maker_model_name', 'Chrysler said on Monday that the Chrysler Vexa would be '
                                 'dropped next year.'),
    ('product_line_after_the', 'The new Mac Pro and the iMac are faster. Apps open quicker on '
                               'the iMac and on the Mac.'),
    ('product_coordination', 'Besides the iPhone Mini, Nano and Flex, the company has shown '
                             'the iPhone Fold.'),
    ('colour_in_list_drop', 'The tablet ships in Black and White from Friday, the company said.'),
    ('product_noun_drop', "Velmont will spend the grant on the design of Velmont's next "
                          "model Arrow, a family car."),
    ('titled_surname', 'Councilor Varga spoke first.'),
    ('name_after_bare_title', 'Councilor Nolan spoke first. Councilor Pickett echoed Nolan\'s '
                              'sentiments.'),
    ('storm_name_junk', 'Typhoon Merbok weakened overnight. Merbok is now heading north.'),
    ('geo_feature_place', 'Typhoon Noru hit the coastal town of Burdeos on Friday.'),
    ('country_list_lines', 'The letter was signed by:\n\nAnn Berg, Norway\nJon Lie, Oslo Institute, Denmark\nKari Nygaard, Norway\n'),
    ('line_of_persons', 'Rovers won 2-0.\n\nRovers: Ann Berg; Jon Lie, Kari Nygaard, Milan Vukovic, Ola Dahl; Tor Vik.\n'),
    ('named_subdivision_place', 'A former health executive of Nakuru County was jailed on Monday.'),
    ('region_after_place', 'The band opens its tour on Friday in Statesboro, Ga. before '
                           'heading west.'),
    ('org_of_place_join', 'Rebels of the National Liberation Army of Peru laid down arms.'),
    ('age_apposition_person', 'Okonkwo Adeyemi Balogun, 64, was sworn in on Friday.'),
    ('aged_names', 'A former chief justice has been sentenced in absentia to nine years in '
                   'prison.\n\nSurendra Kumar Sinha, 70, was the head of the court in 2017.\n\n'
                   'Sinha left the country in 2017.'),
    ('apostrophe_name_parts', 'Running mate Ka’rim Halid spoke in Jakarta on Monday.'),
    ('titled_unlisted_names', "The court heard from Dr Kamau'i on Friday."),
    ('honorific_full_name', 'According to Mr Edro Makinde, the site was safe.'),
    ('suffix_surname', 'The court convicted clerk Ramon Velasco Jr on Monday. Velasco will '
                       'appeal.'),
    ('titled_surname_full_name', 'The Commissioner of Police, Oluwole Adeyinka, spoke on '
                                 'Friday. Mr Adeyinka said 40 suspects were held.'),
    ('title_phrase_junk', 'Associate Justice Maria Ocampo wrote the ruling, and Presiding '
                          'Justice and Division Chair Lina Roque agreed.'),
    ('common_noun_acronym_junk', 'Solvane said its AI (artificial intelligence) unit grew.'),
    ('slash_dateline_places', 'SEOUL/LISBON ― Orvex Electronics showed a new phone on Sunday.'),
    ('inner_title_strip', '"Margins were steady," said Veltrix COO Arjun Nair.'),
    ('titled_given_name_before', 'The bank was co-founded by Ada Ike and CTO Musty Mustapha.'),
    ('other_name_alias', 'Kofi Mensah will headline the festival. The Ghanaian rapper, whose '
                         'real name is Kwame Osei Boateng, will play on Saturday.'),
    ('furniture_names_kept', '# Port strike ends\n\nWorkers at the port of Tamale returned '
                             'on Monday.\n\nRelated: Strike in Nairobi enters third day\n'),
    ('credit_slash_split', 'Workers returned on Monday.\n\nImage: Travellers queue at the '
                           'border post on Tuesday. (Phil Dlamini/AFP)\n'),
    ('place_list_split', 'Plots were sold without approval in places like Caledonia, Hopley '
                         'and Epworth.'),
    ('product_alias_evidence', 'Velmor plans to sell films via the online zTunes Music Store. '
                               'Analysts say zTunes is the biggest online retailer of music.'),
    ('style_honorific_strip', 'Datuk Rahim Yusof said the port would reopen on Friday.'),
    ('initialled_short_name', 'Minister Ana Roe talks to students of Halden Commonwealth '
                              'University School of the Arts in Oman (HCUarts Oman) on Monday.'),
    # the mends of written9's hurts: a dateline's place and wire service split at a full
    # stop, a body's bracketed abbreviation typed by the head before "of"
    ('dateline_actors', 'TARNOVA. NEWSLINK – Talks on the port resumed on Tuesday.'),
    ('abbreviation_names', 'The Secretariat of the Coral Waste Programme (SCWP) sent staff. '
                           'SCWP said more would come.'),
]

#: Rules that change who said what or what happened, not the actors: a text each on which
#: switching the rule off changes kg's statements or events (written for the test).
OUTPUT_CASES: list[tuple[str, str]] = [
    ('particle_event_type', 'Officials said on Monday they would step up checks at the '
                            'border.'),
    ('speaker_before_cue', 'Chief Executive and Founder Marta Kowalczyk said: "Buyers were '
                           'cautious all year, but they came back for value."'),
    ('statement_issuer', 'Velmor Holdings issued a statement on Monday. "We remain committed '
                         'to talks," the statement said.'),
    ('said_on_the_cue', 'Ana Kovač, who met the envoy on Monday, said the vote would be '
                        'close.'),
    ('future_tense_clues', 'Leaders to meet on Friday in Brussels'),
    ('scheduled_present', 'The summit begins Friday in Geneva.'),
    ('happening_not_agent', 'Zentra Motors cut prices on Monday, and the decision angered '
                            'rival carmakers.'),
    ('we_not_the_speaker', '"We have cut our prices," said Lena Berg of Velmor.'),
    ('relation_verb_no_event', 'The package from Velmor includes a cash payment.'),
    ('owner_undergoes', 'Police confirmed Lena Berg’s arrest in Oslo on Friday.'),
    ('scare_quote_in_sentence', 'Coach Ivo Olsen said his players had been "sluggish" on '
                                'Sunday.'),
    ('title_alone_no_speaker', 'Q: Will they move us?\n\nA: No. His Excellency the President '
                               'has said clearly, "No family will be left behind."'),
    ('short_names_unsure', 'Ana Lopes watched from the front row. Al Hajri, the designer, '
                           'greeted guests after her show. "Every dress is stitched by hand," '
                           'she said.'),
    ('quotes_in_captions', 'Workers returned on Monday.\n\nImage 2 of 6: Designer Mona Rahal '
                           'greets guests. "Every dress is stitched by hand," she said.\n'),
]


#: Rules for which no sentence written so far changes the small model's output (each tried
#: with several): what they correct, the model gets right or never produces in isolated
#: sentences. bench/quality.md ("Rule ablation") says what each does on the data sets.
UNTRIGGERED: frozenset[str] = frozenset({
    "learned_tie_break", "title_phrase_patterns",
    # since the gazetteer guard hands a country glued to a capitalised word back to the model
    # ("Luis Montenegro", "Singapore Airlines"), the model gets these right
    "country_named_person", "national_org_patterns",
    # a real name the model reads as an organisation: in short texts the other rules (the
    # alias of the stage name, the type vote) already make it a person
    "other_name_person",
})


def actors(text: str) -> list[tuple]:
    """Return kg's actors of ``text``: name, type, aliases and mention offsets, sorted."""
    from kg.model import Article
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_articles

    [extraction] = extract_articles([Article("rule-case", "", text)], nlp=load_pipeline())
    return sorted((e.name, e.type, e.aliases, tuple((m.start, m.end) for m in e.mentions))
                  for e in extraction.entities)


#: Rules whose case the learned classifier (rule ``learned_type``) also repairs on its own:
#: their effect is shown with it off. bench/quality.md ("Rule ablation") says whether they
#: still pay on the data sets.
ALSO_LEARNED: frozenset[str] = frozenset({
    "org_noun_person", "person_evidence", "place_with_country", "town_named_not_person",
    "place_evidence",
})
#: Rules whose case a later rule also settles: that rule is off on both sides of the test.
ALSO_OFF: dict[str, str] = {
    "place_with_country": "wide_locative_known_place",
    "locative_group_place": "learned_place_by_locative",
}


#: Rules whose case the NER model also reads whole once the gazetteer's demonym is taken off
#: (rule ``model_named_bodies``): their effect is shown with it off.
ALSO_MODEL_READ: frozenset[str] = frozenset({"demonym_named_bodies"})


@pytest.mark.parametrize(("name", "text"), RULE_CASES, ids=[n for n, _ in RULE_CASES])
def test_switching_a_rule_off_changes_the_actors(monkeypatch, name, text):
    base = ",".join(filter(None, [
        also for also, rules in (("learned_type", ALSO_LEARNED),
                                 ("model_named_bodies", ALSO_MODEL_READ)) if name in rules
    ] + [ALSO_OFF.get(name, "")]))
    monkeypatch.setenv("KG_DISABLE", base)
    on = actors(text)
    monkeypatch.setenv("KG_DISABLE", f"{base},{name}")
    off = actors(text)
    assert on != off, f"{name} changed nothing: {on}"


def test_every_rule_has_a_case():
    import kg.extract  # noqa: F401  (registers the rules)

    kg_rules = {n for n, target in RULES.items() if target.startswith("kg.")}
    cased = {n for n, _ in RULE_CASES + OUTPUT_CASES}
    assert not cased & UNTRIGGERED
    assert kg_rules == cased | UNTRIGGERED


def test_rules_are_listed_with_what_they_do():
    from click.testing import CliRunner

    from kg.evaluate.cli import eval_command

    result = CliRunner().invoke(eval_command, ["--list-rules"])
    listed = dict(line.split("\t", 1) for line in result.output.splitlines())
    assert result.exit_code == 0
    assert {n for n, _ in RULE_CASES} <= set(listed)
    assert listed["storm_name_junk"].startswith("Return True for weather")


def test_recording_fired_counts_calls_that_changed_something(monkeypatch):
    from kg.ablation import recording_fired

    monkeypatch.delenv("KG_DISABLE", raising=False)
    with recording_fired() as fired:
        results = [upper("oslo"), upper("OSLO"), is_long("rome"), is_long("oslo5")]
    assert results == ["OSLO", "OSLO", True, True]
    assert (fired["test_upper"], fired["test_is_long"]) == (1, 2)


def output(text: str) -> tuple[list, list, list]:
    """Return kg's actors, statements (speaker, quote, date) and events (type, trigger, date,
    agent as written) of ``text``."""
    from kg.model import Article
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_articles

    [extraction] = extract_articles([Article("rule-case", "", text, "2025-11-25")],
                                    nlp=load_pipeline())
    return (actors(text),
            sorted((s.speaker or "", s.quote, s.date or "") for s in extraction.statements),
            sorted((e.type, e.trigger, e.date or "", e.agent_text or "")
                   for e in extraction.events))


@pytest.mark.parametrize(("name", "text"), OUTPUT_CASES, ids=[n for n, _ in OUTPUT_CASES])
def test_switching_a_rule_off_changes_statements_or_events(monkeypatch, name, text):
    monkeypatch.setenv("KG_DISABLE", "")
    on = output(text)
    monkeypatch.setenv("KG_DISABLE", name)
    off = output(text)
    assert on != off, f"{name} changed nothing: {on}"
