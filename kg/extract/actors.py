"""Actor mentions: spaCy NER plus kg's gazetteer patterns, typed and cleaned of junk.

``kg_entity_ruler`` (a spaCy ``entity_ruler`` placed before ``ner``) marks countries,
demonyms, well-known organisations and places, plans and multi-word titles, so NER does not
split or mislabel them. ``kg_actors`` then turns ``doc.ents`` into typed actor mentions in
``doc.spans["kg_actors"]`` (span label = actor type), dropping junk.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.boilerplate import doc_text, in_ranges, line_bounds
from kg.extract.countries import is_demonym, lookup_country
from kg.extract.knowledge import is_city, is_given_name
from kg.lexicon import (
    BODY_HEADS,
    DEMONYMS,
    DEVICE_NOUNS,
    FACILITY_HEADS,
    GENERIC_BODY_WORDS,
    HONORIFICS,
    KNOWN_ORGS,
    KNOWN_PLACES,
    NAME_SUFFIXES,
    NATIONALITY_NOUNS,
    ORG_HEADS,
    ORG_NAME_SUFFIXES,
    ORG_NOUNS,
    PRODUCT_NOUNS,
    PRODUCT_OBJECT_VERBS,
    PRODUCT_SUBJECT_VERBS,
    REGION_PREFIXES,
    SITE_CENTER_WORDS,
    TITLE_HEADS,
    TITLE_WORDS,
    WEATHER_WORDS,
)

ACTORS_KEY = "kg_actors"
if not Span.has_extension("kg_demonym"):
    Span.set_extension("kg_demonym", default=False)

_TITLE_PHRASES = (
    "Secretary of State", "Secretary of Defense", "Secretary of the Treasury",
    "Secretary of Commerce", "Secretary-General", "Secretary General", "High Representative",
    "Foreign Minister", "Prime Minister", "Defence Minister", "Defense Minister",
    "Finance Minister", "Trade Minister", "Economy Minister", "Interior Minister",
    "Climate Minister", "Environment Minister", "Energy Minister", "Foreign Secretary",
    "Home Secretary", "Chief Executive", "Chief Executive Officer", "Chief Financial Officer",
    "Special Envoy", "National Security Adviser", "National Security Advisor", "Vice President",
    "Deputy Prime Minister", "Attorney General", "Speaker of the House", "Chancellor",
    "President", "Prime Minister-designate", "Commissioner", "Trade Representative",
)
_PLAN_MODIFIERS = ["peace", "ceasefire", "trade", "free", "security", "climate", "draft",
                   "unconditional", "revised", "original", "framework", "counter"]
_PLAN_NOUNS = ["plan", "proposal", "agreement", "deal", "offer", "accord", "treaty", "pact",
               "roadmap", "counterproposal", "counter-proposal", "framework"]


def _cased_variants(form: str) -> set[str]:
    """Return the capitalisations of a lowercase gazetteer form that count as names."""
    words = form.split()
    title = " ".join(w if w in ("and", "of", "the") else w[:1].upper() + w[1:] for w in words)
    variants = {title}
    if len(form.replace(".", "")) <= 4:
        variants.add(form.upper())
    return variants


def ruler_patterns() -> list[dict]:
    """Return the entity-ruler patterns for countries, demonyms, organisations, places, plans."""
    from kg.extract.countries import surface_forms

    patterns: list[dict] = []
    for form in surface_forms():
        label = "KG_DEMONYM" if is_demonym(form) else "GPE"
        for variant in _cased_variants(form):
            patterns.append({"label": label, "pattern": variant})
    variants = sorted({v for demonym in DEMONYMS for v in _cased_variants(demonym)})
    for variant in variants:
        patterns.append({"label": "KG_DEMONYM", "pattern": variant})
        patterns.append({"label": "KG_DEMONYM", "pattern": variant + "s"})
    # "Ukrainian Presidential Office": one token pattern per head for all one-word demonyms
    # (thousands of single patterns made the ruler slower than the NER model)
    patterns.extend(_demonym_body_patterns(variants))
    for form, (_, type_) in KNOWN_ORGS.items():
        if form == "who":  # the pronoun; only the upper-case acronym is the organisation
            patterns.append({"label": "ORG", "pattern": "WHO"})
            continue
        label = "KG_GROUP" if type_ == "Group" else "ORG"
        for variant in _cased_variants(form):
            patterns.append({"label": label, "pattern": variant})
    patterns.extend(_bloc_patterns())
    for place in KNOWN_PLACES:
        patterns.append({"label": "LOC", "pattern": place})
    patterns.extend(_national_org_patterns())
    patterns.extend(_title_patterns())
    patterns.extend(_plan_patterns())
    return patterns


@rule("demonym_body_patterns", off=[])
def _demonym_body_patterns(variants: list[str]) -> list[dict]:
    """Return ORG patterns for a body named with a demonym ("Ukrainian Presidential Office",
    "Russian central bank"): one token pattern per head for all one-word demonyms
    (thousands of single patterns made the ruler slower than the NER model)."""
    one_word = {"ORTH": {"IN": [v for v in variants if " " not in v]}}
    patterns = []
    for head in ORG_HEADS:
        head_words = [{"LOWER": w} for w in head.split()]
        patterns.append({"label": "ORG", "pattern": [one_word, *head_words]})
        patterns += [{"label": "ORG", "pattern": [{"ORTH": w} for w in v.split()] + head_words}
                     for v in variants if " " in v]
    return patterns


@rule("bloc_patterns", off=[])
def _bloc_patterns() -> list[dict]:
    """Return group patterns for blocs: "the West", "Western allies", "European partners"."""
    return [
        {"label": "KG_GROUP", "pattern": [{"LOWER": "the"}, {"ORTH": "West"}]},
        {"label": "KG_GROUP", "pattern": [
            {"IS_TITLE": True, "LOWER": {"IN": _BLOC_ADJECTIVES}},
            {"LOWER": {"IN": ["allies", "partners", "powers", "nations", "states",
                              "governments", "leaders", "capitals"]}}]},
    ]


@rule("title_phrase_patterns", off=[])
def _title_patterns() -> list[dict]:
    """Return patterns for multi-word titles ("Secretary of State"), so NER does not take a
    title for an organisation or a name."""
    return [{"label": "KG_TITLE", "pattern": title} for title in _TITLE_PHRASES]


_NATIONAL_ORG_SUFFIXES = [
    "Airlines", "Airways", "Air", "Eastern", "Southern", "Northern", "Western", "Railways",
    "Railway", "Telecom", "Post", "Television", "Broadcasting", "Times", "News", "Daily",
    "Bank", "Petroleum", "Oil", "Motors", "Steel", "Electric", "Mobile", "Airport",
    "Exchange", "Council", "Cargo", "Express", "Energy", "Gas", "Power", "Insurance",
]


_BLOC_ADJECTIVES = ["european", "western", "arab", "gulf", "nordic", "baltic", "african",
                    "asian", "latin", "g7", "nato", "eu"]
_ORG_OF_HEADS = ["Bank", "Ministry", "Government", "Parliament", "University", "Embassy",
                 "Department", "Office", "Council", "Court", "Institute", "Academy", "Service",
                 "Agency", "Commission", "Authority", "Administration", "Bureau"]
#: Words before such a head in the names of official bodies ("Federal Service for ...").
_OFFICIAL_MODIFIERS = ["Federal", "National", "Central", "State", "Supreme", "Royal",
                       "International", "General", "Constitutional", "Regional", "Foreign"]
#: Heads of a government body named after its country ("US Labor Department").
_AGENCY_HEADS = ["Department", "Ministry", "Agency", "Bureau", "Commission", "Administration",
                 "Treasury", "Office"]
#: Heads of companies and banks named with a demonym ("Swiss National Bank", "Thai Airways").
_DEMONYM_ORG_SUFFIXES = ["Airways", "Airlines", "Bank", "Railways", "Broadcasting", "Telecom"]


def _country_token_patterns() -> list[list[dict]]:
    """Return token sequences matching a country name, one per name length: one-word names,
    and the plain two- and three-word ones ("United States", "South Korea") word by word.

    A pattern per length keeps the ruler fast; the word-by-word sets also admit mixes such
    as "Saudi States", which do not occur in text."""
    from kg.extract.countries import surface_forms

    names = sorted({v for f in surface_forms() if not is_demonym(f) for v in _cased_variants(f)})
    multi = [n.split() for n in names if " " in n and len(n.split()) <= 3
             and all(re.fullmatch(r"[A-Z][a-z]+", w) for w in n.split())]
    by_length = [[{"ORTH": {"IN": sorted({n[i] for n in multi if len(n) == size})}}
                  for i in range(size)] for size in (2, 3) if any(len(n) == size for n in multi)]
    return [[{"ORTH": {"IN": [n for n in names if " " not in n]}}], *by_length]


@rule("national_org_patterns", off=[])
def _national_org_patterns() -> list[dict]:
    """Return patterns for organisations named after a country ("Singapore Airlines",
    "Air France", "United States Air Force", "US Labor Department", "Swiss National Bank"),
    so the country inside does not split them."""
    the = {"LOWER": "the", "OP": "?"}  # so "the United States Navy" outranks "the United States"
    patterns = []
    for country in _country_token_patterns():
        patterns += [
            [the, *country, {"ORTH": {"IN": _NATIONAL_ORG_SUFFIXES}},
             {"ORTH": {"IN": ["Airlines", "Force", "Lines", "Group", "International"]},
              "OP": "?"}],
            [{"ORTH": "Air"}, *country],
            [the, *country, {"ORTH": {"IN": ["Air", "Naval"]}},
             {"ORTH": {"IN": ["Force", "Forces"]}}],
            [the, *country, {"ORTH": {"IN": ["Army", "Navy", "Marines", "Marine"]}},
             {"ORTH": "Corps", "OP": "?"}],
            [the, *country, {"IS_TITLE": True, "OP": "?"}, {"ORTH": {"IN": _AGENCY_HEADS}}],
            [the, *country, {"ORTH": {"IN": _AGENCY_HEADS}}, {"LOWER": "of"},
             {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}],
        ]
    demonym = {"ORTH": {"IN": sorted({v for d in DEMONYMS for v in _cased_variants(d)
                                      if " " not in v})}}
    patterns.append([the, demonym, {"ORTH": "National", "OP": "?"},
                     {"ORTH": {"IN": _DEMONYM_ORG_SUFFIXES}},
                     {"ORTH": {"IN": ["International", "Airlines"]}, "OP": "?"}])
    modifier = {"ORTH": {"IN": _OFFICIAL_MODIFIERS}, "OP": "?"}
    patterns.append([modifier, {"ORTH": {"IN": _ORG_OF_HEADS}}, {"LOWER": {"IN": ["of", "for"]}},
                     {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True},
                     {"IS_TITLE": True, "OP": "?"}])
    return [{"label": "ORG", "pattern": p} for p in patterns]


@rule("plan_patterns", off=[])
def _plan_patterns() -> list[dict]:
    """Return token patterns for plans: "28-point peace plan", "counterproposal", ..."""
    numbered = [{"LIKE_NUM": True}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["point", "step"]}}]
    modifiers = {"LOWER": {"IN": _PLAN_MODIFIERS}, "OP": "*"}
    origin = {"ENT_TYPE": {"IN": ["GPE", "KG_DEMONYM", "ORG"]}, "OP": "*"}
    hyphen = {"ORTH": "-", "OP": "?"}
    noun = {"LOWER": {"IN": _PLAN_NOUNS}}
    return [
        {"label": "PLAN", "pattern": numbered + [origin, hyphen, origin, modifiers, noun]},
        {"label": "PLAN", "pattern": [{"LOWER": {"IN": ["counterproposal", "counter-proposal"]}}]},
        {"label": "PLAN", "pattern": [{"LOWER": {"IN": ["peace", "ceasefire"]}},
                                      {"LOWER": {"IN": ["plan", "deal", "agreement", "offer",
                                                        "proposal", "accord", "framework"]}}]},
        {"label": "PLAN", "pattern": [{"LOWER": {"IN": ["unconditional", "draft", "revised"]}},
                                      {"LOWER": {"IN": ["peace", "ceasefire"]}},
                                      {"LOWER": {"IN": ["plan", "deal", "agreement", "offer",
                                                        "proposal"]}}]},
        {"label": "PLAN", "pattern": [{"LOWER": {"IN": ["trade", "free-trade"]}},
                                      {"LOWER": {"IN": ["deal", "agreement", "pact"]}}]},
        {"label": "PLAN", "pattern": [{"IS_TITLE": True, "OP": "+"},
                                      {"ORTH": {"IN": ["Agreement", "Accord", "Treaty", "Plan",
                                                       "Pact", "Protocol"]}}]},
    ]


_NON_NAME_RE = re.compile(r"^[\W\d_]+$")
_ALLOWED_LABELS = {
    "PERSON": "Person", "GPE": "Country", "LOC": "Place", "FAC": "Place", "ORG": "Organization",
    "NORP": "Group", "KG_DEMONYM": "Country", "KG_GROUP": "Group", "PLAN": "Plan",
    "LAW": "Plan",
}


def actor_type(ent: Span) -> str | None:
    """Return the kg actor type of an entity span, or ``None`` if it is not an actor."""
    label = _ALLOWED_LABELS.get(ent.label_)
    text = ent.text.strip()
    if label is None or _NON_NAME_RE.match(text):
        return None
    known = _known_org_type(text)
    if known is not None:
        return known
    if label in ("Country", "Place", "Organization", "Group") and _names_a_country(text):
        return "Country"
    if label == "Country":
        return "Place"
    if label == "Group" and _adjective_group(ent):
        return None
    if label == "Plan" and _lowercase_law(ent):
        return None
    return label


@rule("known_org_type", off=None)
def _known_org_type(text: str) -> str | None:
    """Return the type kg's list of well-known organisations gives a name ("NATO", "the
    Kremlin"), or ``None``."""
    key = text.lower().replace("’", "'")
    if key in KNOWN_ORGS:
        return KNOWN_ORGS[key][1]
    if key.startswith("the ") and key[4:] in KNOWN_ORGS:
        return KNOWN_ORGS[key[4:]][1]
    return None


@rule("country_by_name")
def _names_a_country(text: str) -> bool:
    """Return True when a place, organisation or group name is a country's name, code or
    demonym ("France", "U.S.", "Ukrainian"): the actor is the country."""
    return lookup_country(text) is not None


@rule("adjective_group_drop")
def _adjective_group(ent: Span) -> bool:
    """Return True for a NORP mention that is an adjective ("Swiss"), not a group
    ("Republicans"): no actor."""
    return not (ent[-1].tag_ in ("NNPS", "NNS") or ent.text.endswith("s"))


@rule("lowercase_law_drop")
def _lowercase_law(ent: Span) -> bool:
    """Return True for a LAW entity that ends in a lowercase word ("article 5 of the
    treaty"): a reference, not a named plan."""
    return ent.label_ == "LAW" and not ent[-1].is_title


def clean_person_span(ent: Span) -> Span | None:
    """Return the person span without leading titles/honorifics and trailing possessive."""
    start, end = _after_titles(ent), ent.end
    while end > start and (ent.doc[end - 1].text in ("'s", "’s", "'", "’")
                           or ent.doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    span = Span(ent.doc, start, end, label=ent.label_)
    if any(t.is_digit for t in span) or not span[0].is_title:
        return None
    return span


@rule("person_title_strip", off=None)
def _title_words_before_name(ent: Span) -> int:
    """Return where a person's name starts after the titles and honorifics NER put in it
    ("Goalkeeper Jan Novak" → "Jan Novak")."""
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ in (TITLE_WORDS | HONORIFICS):
        start += 1
    return start


def _after_titles(ent: Span) -> int:
    """Return the start of a person's name: after its titles, unless that rule is off."""
    start = _title_words_before_name(ent)
    return ent.start if start is None else start


_EVENT_HEADS = frozenset(
    "Conference Summit Forum Expo Festival Olympics Games Cup Championship Week Show "
    "Awards Convention Marathon".split())  # not "Congress": "US Congress" is a legislature


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


_TIME_ZONES = frozenset("UTC GMT BST CET CEST EET EST EDT CST CDT MST MDT PST PDT JST IST".split())
_MODEL_RE = re.compile(r"^(?=.*\d)[A-Za-z]*-?\d[\w-]*$")


def _names_a_product(span: Span) -> bool:
    """Return True when an organisation name is part of a product or model name
    ("Airbus A380", "Boeing 787", "Mac OS X", "Rolls-Royce Trent 900")."""
    doc = span.doc
    if any(ch.isdigit() for ch in span.text):
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None or _is_table_figure(nxt):
        return False
    return bool(_MODEL_RE.match(nxt.text)) or nxt.text in ("OS", "OS X")


def _is_table_figure(token: Token) -> bool:
    """Return whether a number is a score or figure in a table or list ("C. Lewis 94 ,",
    "Kent 108-3 (", "Hawick 23" at the end of a line): followed by punctuation that is no
    sentence end, another number or a line break."""
    if not any(c.isdigit() for c in token.text):
        return False
    doc, i = token.doc, token.i
    while i + 2 < len(doc) and doc[i + 1].text in ("-", "/") and doc[i + 2].like_num and \
            not doc[i].whitespace_:
        i += 2  # "429-7", "4-43"
    if i + 1 >= len(doc):
        return True
    token, nxt = doc[i], doc[i + 1]
    return nxt.text in (",", ";", "(", ")", ":") or nxt.like_num or "\n" in token.whitespace_ \
        or (nxt.is_space and "\n" in nxt.text)


def _looks_like_junk(span: Span) -> bool:
    """Return True for spans that are not actors: any of :data:`JUNK_TESTS` says so."""
    return any(test(span) for test in JUNK_TESTS)


@rule("time_zone_junk")
def _time_zone(span: Span) -> bool:
    """Return True for a time zone ("GMT", "EST") NER took for an organisation."""
    return span.text in _TIME_ZONES


@rule("product_maker_junk")
def _maker_in_product_name(span: Span) -> bool:
    """Return True for a maker's name used in a product or model name ("Airbus A380")."""
    return span.label_ in ("ORG", "PERSON", "Organization", "Person") and _names_a_product(span)


@rule("currency_code_junk")
def _currency_code(span: Span) -> bool:
    """Return True for a currency code that is no country code ("EUR", "JPY")."""
    return span.text in _currency_codes() and lookup_country(span.text) is None


@rule("event_name_junk")
def _event_name(span: Span) -> bool:
    """Return True for a named event ("Worldwide Developers Conference", "World Cup")."""
    return span.label_ in ("ORG", "Organization") and span[-1].text in _EVENT_HEADS


@rule("name_list_junk")
def _list_of_words(span: Span) -> bool:
    """Return True for a list ("Maintenance, Repair and Overhaul"): no name."""
    return "," in span.text and any(t.lower_ in ("and", "or") for t in span)


@rule("heading_junk")
def _heading(span: Span) -> bool:
    """Return True for an '&' heading that fills its line ("Key Developments & Timeline");
    "Kessler & Lund" in prose is a firm."""
    return "&" in span.text and _fills_its_line(span)


@rule("span_shape_junk")
def _not_name_shaped(span: Span) -> bool:
    """Return True for a span no name looks like: across a line break, longer than seven
    words, or with fewer than two letters."""
    letters = re.sub(r"[^A-Za-z]", "", span.text)
    return "\n" in span.text or len(span) > 7 or len(letters) < 2


@rule("lowercase_junk")
def _starts_lowercase(span: Span) -> bool:
    """Return True for a name starting with a lowercase letter (plans and groups aside)."""
    return span.label_ not in ("PLAN", "KG_DEMONYM", "KG_GROUP") and span.text[0].islower()


@rule("role_only_junk")
def _role_only(span: Span) -> bool:
    """Return True for a role with nobody's name ("Councilwoman", "District 2
    Councilwoman")."""
    return all(t.lower_ in TITLE_WORDS | HONORIFICS or t.like_num or t.text == "District"
               for t in span)


@rule("post_name_junk")
def _post(span: Span) -> bool:
    """Return True for a post ("Director of Management and Budget"): a title, then "of"."""
    return len(span) > 2 and span[0].lower_ in TITLE_HEADS and span[1].lower_ == "of"


@rule("weather_junk")
def _weather(span: Span) -> bool:
    """Return True for weather ("Storm Elowen", "Hurricane Mara")."""
    return span[0].lower_ in WEATHER_WORDS and len(span) > 1


@rule("sentence_initial_noun_junk")
def _sentence_initial_common_noun(span: Span) -> bool:
    """Return True for a common noun capitalised only because it starts a sentence
    ("Turnout was low ... turnout fell"): the article writes it in lower case elsewhere."""
    return len(span) == 1 and span[0].is_sent_start and span.text.istitle() and \
        span[0].lower_ in _lowercase_words(span.doc)


@rule("generic_body_junk")
def _generic_body(span: Span) -> bool:
    """Return True for "the Council", "the Ministry": a description, not a name."""
    return len(span) == 1 and span.text in GENERIC_BODY_WORDS and span.start > 0 and \
        span.doc[span.start - 1].lower_ == "the"


#: The tests :func:`_looks_like_junk` applies, each a registered rule.
JUNK_TESTS = (_time_zone, _maker_in_product_name, _currency_code, _event_name, _list_of_words,
              _heading, _not_name_shaped, _starts_lowercase, _role_only, _post, _weather,
              _sentence_initial_common_noun, _generic_body)


def contextual_type(ent: Span, type_: str | None) -> str | None:
    """Return the actor type of an entity corrected by the words around it (``None``: drop)."""
    if type_ == "Organization" and _titled_person(ent):
        return "Person"  # "Spokeswoman Sandy Angers said": NER took the title for a name
    if type_ == "Organization" and _affiliated_person(ent):
        return "Person"
    if type_ in ("Place", "Country") and (_regional_demonym(ent) or _in_event_name(ent)):
        return None
    if type_ == "Organization" and _product_line(ent):
        return None
    if type_ in ("Organization", "Person") and _sold_as_product(ent):
        return None
    if type_ == "Organization" and _names_a_site(ent):
        return "Place"
    if type_ == "Organization" and len(ent) == 1 and _place_with_country(ent):
        return "Place"  # "flown to Toulouse, France"
    if type_ == "Person":
        return _person_in_context(ent)
    return type_


@rule("site_is_place")
def _names_a_site(ent: Span) -> bool:
    """Return True for an organisation-like name of a building or site ("Long Beach Airport",
    "Airbus Delivery Center"), which is a place."""
    last = ent[-1].text
    return last in FACILITY_HEADS or (
        last in ("Center", "Centre") and len(ent) > 1 and ent[-2].text in SITE_CENTER_WORDS)


def _token_before(ent: Span) -> Token | None:
    """Return the token before an entity, or ``None`` at the start of the document."""
    return ent.doc[ent.start - 1] if ent.start > 0 else None


@rule("regional_demonym_drop")
def _regional_demonym(ent: Span) -> bool:
    """Return True for a demonym naming a region ("North American", "Latin American"),
    which is no mention of the country."""
    prev = _token_before(ent)
    return ent.label_ == "KG_DEMONYM" and prev is not None and prev.text in REGION_PREFIXES


@rule("place_in_event_name_drop")
def _in_event_name(ent: Span) -> bool:
    """Return True for a place that starts a named event ("Paris Air Show", "2008 Beijing
    Olympic Games"): the event is named after the place, it does not mention it."""
    for token in ent.doc[ent.end: ent.end + 3]:
        if token.text in _EVENT_HEADS:
            return True
        if not token.is_title:
            return False
    return False


@rule("titled_person")
def _titled_person(ent: Span) -> bool:
    """Return True for an organisation span that is a title and a person's name
    ("Spokeswoman Sandy Angers")."""
    if not (ent[0].is_title and ent[0].lower_ in TITLE_HEADS):
        return False
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ in TITLE_WORDS:
        start += 1
    name = ent.doc[start: ent.end]
    return 2 <= len(name) <= 3 and all(
        t.is_title and t.pos_ == "PROPN" and t.text not in _ORG_OF_HEADS + _AGENCY_HEADS
        and t.text not in ORG_NAME_SUFFIXES for t in name)


@rule("sold_as_product_drop")
def _sold_as_product(ent: Span) -> bool:
    """Return True for a name the sentence sells or launches ("the Pixelbook Nova goes on
    sale", "costs $999", "Google unveiled the Pixelbook Nova"): a product, not an actor."""
    root = ent.root
    head = root.head
    if root.dep_ == "nsubj" and (head.lemma_ in PRODUCT_SUBJECT_VERBS or (
            head.lemma_ == "go" and any(c.lower_ == "on" and any(g.lower_ == "sale"
                                                                 for g in c.children)
                                        for c in head.children))):
        return True
    return root.dep_ == "dobj" and head.lemma_ in PRODUCT_OBJECT_VERBS and \
        ent[-1].text not in ORG_NAME_SUFFIXES


@rule("product_line_drop")
def _product_line(ent: Span) -> bool:
    """Return True for an organisation-like name that the article only ever writes before a
    device noun ("new MacBook Air laptops"): it names a product line, not a company."""
    return ent.text not in _names_not_before_devices(ent.doc)


def _person_in_context(ent: Span) -> str | None:
    """Return the type of a PERSON entity given its context: "web browser Safari" is no
    actor, "retailer Best Buy", "the Beatles" and "Douglas Aircraft" are organisations,
    "Toulouse, France" is a place."""
    if _described_as_product(ent) or _product_apposition(ent):
        return None
    if _described_as_org(ent):
        return "Organization"
    if _place_with_country(ent):
        return "Place"
    after_the = _the_name(ent)
    if after_the is not None:
        return None if after_the == _DROP else after_the
    if len(ent) == 1 and not _is_person_word(ent) and _short_form_of_org(ent):
        return "Organization"
    return "Person"


#: What :func:`_the_name` returns for a name that is no actor.
_DROP = "drop"


def _describing_noun(ent: Span) -> str:
    """Return the lowercase noun right before an entity that describes it ("browser" in
    "web browser Safari"), else ``""``."""
    prev = _token_before(ent)
    return prev.lower_ if prev is not None and _describes(prev, ent) else ""


@rule("product_noun_drop")
def _described_as_product(ent: Span) -> bool:
    """Return True for a "person" a product noun describes ("web browser Safari")."""
    return _describing_noun(ent) in PRODUCT_NOUNS


@rule("org_noun_person")
def _described_as_org(ent: Span) -> bool:
    """Return True for a "person" an organisation noun describes or a company suffix ends
    ("retailer Best Buy", "Douglas Aircraft"): an organisation."""
    return _describing_noun(ent) in ORG_NOUNS or ent[-1].text in ORG_NAME_SUFFIXES


@rule("the_name_person", off=None)
def _the_name(ent: Span) -> str | None:
    """Return the type of a "person" after "the": a plural is a band or team ("the Beatles":
    Organization), a single word no person at all ("the Danube": ``"drop"`` → no actor);
    ``None`` when the rule does not apply."""
    prev = _token_before(ent)
    plural = ent[-1].tag_ == "NNPS" or ent.text.endswith("s")
    if prev is not None and prev.lower_ == "the" and not _modifies_noun(ent) and (
            plural or len(ent) == 1) and not _is_person_word(ent):
        return "Organization" if plural else _DROP
    return None


def _describes(noun: Token, ent: Span) -> bool:
    """Return True when ``noun`` (the word before the entity) is a description of it: a
    compound ("browser Safari") or the head of its apposition ("retailer Best Buy")."""
    return noun.head.i in range(ent.start, ent.end) or (
        ent.root.head == noun and ent.root.dep_ in ("appos", "compound", "npadvmod"))


def _per_doc(compute):
    """Decorate ``compute(doc)`` to run once per document (kept in ``doc.user_data``): the
    context rules ask the same question for every entity of an article."""
    key = "kg_" + compute.__name__.lstrip("_")

    def cached(doc: Doc):
        if key not in doc.user_data:
            doc.user_data[key] = compute(doc)
        return doc.user_data[key]

    return cached


@_per_doc
def _lowercase_words(doc: Doc) -> set[str]:
    """Return the words the article writes in lower case (common words, not names)."""
    return {t.text for t in doc if t.is_lower and t.is_alpha}


@_per_doc
def _person_words(doc: Doc) -> set[str]:
    """Return the words of the article's multi-word person names and of names written after
    a title or honorific ("Mr. Trump", "President Obama")."""
    words = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text not in ORG_NAME_SUFFIXES:
            words.update(t.text for t in ent if t.lower_ not in TITLE_WORDS | HONORIFICS)
    words.update(t.text for t in doc if t.is_title and after_title(doc, t.i))
    return {w.replace("’", "'") for w in words}


def _is_person_word(ent: Span) -> bool:
    """Return True for a one-word name the article also uses in a person's full name or after
    a title ("Clinton", "Clintons" after "Hillary Clinton")."""
    words = _person_words(ent.doc)
    word = ent.text.replace("’", "'")
    return len(ent) == 1 and (word in words or word.rstrip("s") in words)


def _modifies_noun(ent: Span) -> bool:
    """Return True when the entity is a modifier of the next noun ("the Obama administration")."""
    doc, root = ent.doc, ent.root
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i >= ent.end:
        return True
    return ent.end < len(doc) and doc[ent.end].pos_ in ("NOUN", "PROPN")


@rule("product_apposition_drop")
def _product_apposition(ent: Span) -> bool:
    """Return True for a name in apposition to a product noun ("Lion, the new version")."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    for token in doc[ent.end + 1: ent.end + 5]:
        if token.lower_ in PRODUCT_NOUNS:
            return True
        if token.pos_ not in ("DET", "ADJ", "ADV", "NUM", "PRON"):
            return False
    return False


_LOCATIVE_PREPOSITIONS = frozenset("from in at near to into outside".split())


@rule("place_with_country")
def _place_with_country(ent: Span) -> bool:
    """Return True for a name followed by its country ("Toulouse, France", "from Toulouse in
    France"): a place, not a person."""
    doc, i = ent.doc, ent.end
    if i + 1 >= len(doc):
        return False
    prev = _token_before(ent)
    located = doc[i].lower_ == "in" and prev is not None and prev.lower_ in _LOCATIVE_PREPOSITIONS
    if doc[i].text != "," and not located:
        return False
    j = i + 1
    while j < len(doc) and doc[j].ent_type_ == "GPE" and (j == i + 1 or doc[j].ent_iob_ == "I"):
        j += 1
    followed = j < len(doc) and doc[j].lower_ in ("'s", "’s", "and", "or")  # no list
    return j > i + 1 and not followed and lookup_country(doc[i + 1: j].text) is not None


@rule("short_form_of_org")
def _short_form_of_org(ent: Span) -> bool:
    """Return True for a one-word "person" that the article writes elsewhere as a company
    name ("Cerberus Capital Management") or describes as an organisation ("airline,
    Ryanair")."""
    return ent.text in _company_first_words(ent.doc) or ent.text in _org_appositions(ent.doc)


@_per_doc
def _org_appositions(doc: Doc) -> set[str]:
    """Return the words in apposition to an organisation noun ("the airline, Ryanair")."""
    return {t.text for t in doc if t.dep_ == "appos" and t.head.lower_ in ORG_NOUNS}


@_per_doc
def _company_first_words(doc: Doc) -> set[str]:
    """Return the first words of company names of the article ("Cerberus" of "Cerberus
    Capital Management")."""
    return {e[0].text for e in doc.ents if len(e) > 1 and e[-1].text in ORG_NAME_SUFFIXES}


@_per_doc
def _names_not_before_devices(doc: Doc) -> set[str]:
    """Return the entity texts the article writes at least once other than right before a
    device noun ("MacBook Air laptops" only → not in the set)."""
    return {e.text for e in doc.ents
            if not (e.end < len(doc) and doc[e.end].lower_ in DEVICE_NOUNS)}


def _fills_its_line(span: Span) -> bool:
    """Return whether a span is the whole of its line (a heading, not a name in prose)."""
    text = doc_text(span.doc)
    start, end = line_bounds(text, span.start_char, span.end_char)
    return len(span.text) >= 0.8 * len(text[start:end].strip())


_FIGURE_RE = re.compile(r"^[\W\d_]+$|^v$|^vs\.?$")
#: Labels NER gives names that a score or number ran into ("Surrey 429-7" as LAW).
_FIGURE_LABELS = frozenset("CARDINAL QUANTITY MONEY PERCENT LAW WORK_OF_ART PRODUCT "
                           "EVENT ORDINAL".split())


@rule("figures_trim", off=PASS_THROUGH)
def _without_figures(ent: Span) -> Span:
    """Return an entity without the scores, numbers, dashes and line breaks NER ran it into
    ("Leicestershire 296", "8 - Luc Nilis", "George\\n"): a name in a results table or a
    squad list is still a name."""
    if ent.label_ == "PLAN":
        return ent  # "28-point peace plan"
    start, end = ent.start, ent.end
    while start < end and _FIGURE_RE.match(ent.doc[start].text.strip() or "-"):
        start += 1
    while end > start and _FIGURE_RE.match(ent.doc[end - 1].text.strip() or "-") and \
            ent.doc[end - 1].text not in (".", "'"):
        end -= 1
    if (start, end) == (ent.start, ent.end) or start == end:
        return ent
    label = ent.label_
    if label in _FIGURE_LABELS:
        label = _label_from_knowledge(ent.doc[start:end])
    return Span(ent.doc, start, end, label=label)


def _label_from_knowledge(name: Span) -> str:
    """Return an NER label for a name cut out of a number-like entity, from what kg knows
    about its words (a country, a city, a given name), else ``""`` (no actor)."""
    if not all(t.is_title or t.is_upper for t in name if t.is_alpha):
        return ""
    if lookup_country(name.text) is not None or is_city(name.text):
        return "GPE"
    if len(name) >= 2 and is_given_name(name[0].text):
        return "PERSON"
    return ""


@rule("person_after_office", off=PASS_THROUGH)
def _person_after_office(ent: Span) -> Span:
    """Return the person's name at the end of an "organisation" that is the rest of a title
    ("President of [the Republic Marko Novak]" → "Marko Novak"): after "of", a name of two
    or three capitalised words starting with a given name; else the entity."""
    doc = ent.doc
    if ent.label_ not in ("ORG", "GPE") or ent.start == 0 or doc[ent.start - 1].lower_ != "of":
        return ent
    for i in range(ent.start + 1, ent.end - 1):
        name = doc[i:ent.end]
        if len(name) <= 3 and is_given_name(doc[i].text) and all(
                t.is_title and t.is_alpha for t in name) and \
                name[-1].text not in ORG_NAME_SUFFIXES | BODY_HEADS:
            return Span(doc, i, ent.end, label="PERSON")
    return ent


@rule("trailing_preposition_trim", off=PASS_THROUGH)
def _without_trailing_preposition(ent: Span) -> Span:
    """Return an entity without the prepositions NER let it end with ("Tomasz Wierzbicki of")."""
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].pos_ == "ADP":
        end -= 1
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


@rule("affiliated_person")
def _affiliated_person(ent: Span) -> bool:
    """Return True for an "organisation" that is a person's name followed by their firm
    ("Tomasz Wierzbicki of Kessler & Lund"): two or three capitalised proper nouns, then
    "of"/"at"/"from" and an organisation."""
    doc = ent.doc
    if not 2 <= len(ent) <= 3 or ent.end + 1 >= len(doc):
        return False
    if doc[ent.end].lower_ not in ("of", "at", "from") or doc[ent.end + 1].ent_type_ != "ORG":
        return False
    return all(t.pos_ == "PROPN" and t.is_title and t.is_alpha
               and t.text not in ORG_NAME_SUFFIXES | BODY_HEADS
               and t.lower_ not in TITLE_WORDS for t in ent)


_NAME_PARTICLES = frozenset("von van der den de del della di da du le la ter bin ibn al".split())


@rule("name_particles", off=PASS_THROUGH)
def _with_name_particles(ent: Span) -> Span:
    """Return a person's name extended over the particles NER cut it at ("Ursula von" +
    "der Leyen", "Ludwig van" + "Beethoven"): particles, then one capitalised word."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and doc[end].lower_ in _NAME_PARTICLES and doc[end].is_lower:
        end += 1
    if ent[-1].lower_ not in _NAME_PARTICLES and end == ent.end:
        return ent
    if end < len(doc) and doc[end].is_title and doc[end].is_alpha:
        return Span(doc, ent.start, end + 1, label=ent.label_)
    return ent


@rule("given_name_before", off=PASS_THROUGH)
def _with_given_name_before(ent: Span) -> Span:
    """Return a person's name extended over the given name NER left out of it ("Councilwoman
    Ivy [Taylor]"): one capitalised given name right before, in no entity."""
    doc, start = ent.doc, ent.start
    if start == 0:
        return ent
    prev = doc[start - 1]
    if prev.is_title and prev.is_alpha and not prev.ent_type_ and is_given_name(prev.text) \
            and prev.lower_ not in TITLE_WORDS | HONORIFICS:
        return Span(doc, start - 1, ent.end, label=ent.label_)
    return ent


@rule("hyphenated_name_parts", off=PASS_THROUGH)
def _with_hyphenated_parts(ent: Span) -> Span:
    """Return a name extended over the hyphenated parts NER cut it at: a lowercase particle,
    then a capitalised word ("Mazar" + "-e-Sharif", "Stratford" + "-upon-Avon")."""
    doc, end = ent.doc, ent.end
    while end + 3 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-" \
            and all(not doc[k].whitespace_ for k in range(end, end + 3)) \
            and doc[end + 1].is_lower and doc[end + 1].is_alpha and doc[end + 2].text == "-" \
            and doc[end + 3].is_title and doc[end + 3].is_alpha:
        end += 4
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)


@rule("nationality_noun_person", off=PASS_THROUGH)
def _after_nationality_noun(ent: Span) -> Span:
    """Return an entity without a leading nationality noun, as a person ("Frenchman Romain
    Grosjean", tagged ORG → the person "Romain Grosjean")."""
    if len(ent) < 2 or ent[0].lower_ not in NATIONALITY_NOUNS or \
            not all(t.is_title and t.is_alpha for t in ent[1:]):
        return ent
    return Span(ent.doc, ent.start + 1, ent.end, label="PERSON")


@_per_doc
def _entity_labels(doc: Doc) -> dict[str, str]:
    """Return entity text → NER label, for the names the article writes on their own."""
    return {e.text: e.label_ for e in doc.ents}


@rule("split_run_on_name", off=None)
def _split_run_on_name(ent: Span) -> list[Span] | None:
    """Return a person entity cut to a full name the article writes on its own, when NER ran
    it on into the next words ("Donald Trump Seattle (pictured) was ...": a photo caption
    before the text), with the rest as an entity if the article also names it alone."""
    if ent.label_ != "PERSON" or len(ent) < 3:
        return None
    labels, doc = _entity_labels(ent.doc), ent.doc
    for cut in range(ent.end - 1, ent.start + 1, -1):
        if labels.get(doc[ent.start:cut].text) == "PERSON" and \
                doc[cut].lower_ not in NAME_SUFFIXES:
            out = [Span(doc, ent.start, cut, label="PERSON")]
            rest = labels.get(doc[cut:ent.end].text)
            if rest is not None and rest != "PERSON":
                out.append(Span(doc, cut, ent.end, label=rest))
            return out
    return None


def _entities(doc: Doc):
    """Yield the entities of ``doc`` with run-on person names split."""
    for ent in doc.ents:
        yield from _split_run_on_name(ent) or [ent]


def actor_spans(doc: Doc) -> list[Span]:
    """Return typed actor mention spans of ``doc`` (label = kg actor type), junk removed."""
    spans: list[Span] = []
    junk = doc._.kg_junk
    taken = 0  # tokens before this index belong to an earlier, extended name
    for ent in _entities(doc):
        if ent.start < taken or in_ranges(ent.start_char, ent.end_char, junk):
            continue
        ent = _after_nationality_noun(_with_hyphenated_parts(_without_figures(ent)))
        ent = _person_after_office(ent)
        if ent.label_ == "PERSON":
            ent = _with_given_name_before(_with_name_particles(ent))
        taken = ent.end
        ent = _without_trailing_preposition(ent)
        type_ = contextual_type(ent, actor_type(ent))
        if type_ is None:
            continue
        named = person_named_like_country(ent) if type_ == "Country" else None
        if named is not None:
            ent, type_ = named, "Person"  # "Prime Minister Luis Montenegro"
        span = clean_person_span(ent) if type_ == "Person" else _strip_possessive(ent)
        if span is None or _looks_like_junk(span):
            continue
        if type_ == "Person" and _known_place(span):
            type_ = "Place"
        typed = Span(doc, span.start, span.end, label=type_)
        typed._.kg_demonym = ent.label_ in ("KG_DEMONYM", "NORP") and type_ == "Country"
        spans.append(typed)
    spans = _with_abbreviations(spans, [s for s in abbreviated_names(doc)
                                        if not in_ranges(s.start_char, s.end_char, junk)])
    covered = {i for s in spans for i in range(s.start, s.end)}
    extra = [s for s in titled_names(doc, covered)
             if not in_ranges(s.start_char, s.end_char, junk)]
    return sorted(spans + extra, key=lambda s: s.start)


@rule("known_place_not_person")
def _known_place(span: Span) -> bool:
    """Return True for a "person" that kg's list of places names ("Gaza", "Donbas")."""
    return span.text in KNOWN_PLACES


_NAME_JOINERS = frozenset("of the and for".split())


@rule("abbreviation_names", off=[])
def abbreviated_names(doc: Doc) -> list[Span]:
    """Return the names written with their abbreviation in parentheses and the abbreviation
    itself wherever the article writes it ("Economic Community of West African States
    (ECOWAS)", "ECOWAS said"), as mentions of one organisation: the
    longest run of capitalised words (and "of", "the", "and", "for") before "(" whose
    initials make the abbreviation."""
    from kg.extract.resolve import abbreviates

    found = []
    for token in doc[2:-1]:
        i = token.i
        if not (token.is_upper and token.is_alpha and len(token) >= 2
                and doc[i - 1].text == "(" and doc[i + 1].text == ")") or \
                lookup_country(token.text) is not None:
            continue
        best = None
        for start in range(max(0, i - 12), i - 2):
            words = doc[start:i - 1]
            first = words[0]
            if first.is_title and first.lower_ not in _NAME_JOINERS and all(
                    t.is_title or t.lower_ in _NAME_JOINERS for t in words) and \
                    abbreviates(token.text, words.text):
                best = words
                break
        if best is not None and best[-1].text not in _EVENT_HEADS:  # "(WWDC)" is an event
            type_ = "Country" if lookup_country(best.text) is not None else "Organization"
            found.append(Span(doc, best.start, best.end, label=type_))
            found += [Span(doc, t.i, t.i + 1, label=type_) for t in doc if t.text == token.text]
    return found


def _with_abbreviations(spans: list[Span], names: list[Span]) -> list[Span]:
    """Return ``spans`` with the abbreviated names in place of the mentions they overlap."""
    if not names:
        return spans
    taken = {i for n in names for i in range(n.start, n.end)}
    kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
    return sorted(kept + names, key=lambda s: s.start)


@rule("titled_names", off=[])
def titled_names(doc: Doc, covered: set[int]) -> list[Span]:
    """Return person names NER missed right after a capitalised title or role noun
    ("Goalkeeper Jan Novak saved", "Coach Maria Lopez"): two or three capitalised words
    outside any entity, the first a given name."""
    names = []
    for token in doc[:-2]:
        if not (token.is_title and token.lower_ in TITLE_HEADS) or token.i + 1 in covered:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and doc[end].is_title and \
                doc[end].is_alpha and not doc[end].ent_type_ and end not in covered:
            end += 1
        if 2 <= end - token.i - 1 <= 3 and is_given_name(doc[token.i + 1].text) and \
                doc[end - 1].text not in ORG_NAME_SUFFIXES | BODY_HEADS:
            names.append(Span(doc, token.i + 1, end, label="Person"))
    return names


def after_title(doc: Doc, i: int) -> bool:
    """Return whether token ``i`` follows a title, honorific or nationality noun ("Mr.
    Smith", "President Lula", "Frenchman Romain Grosjean"), which marks a person's name."""
    return i > 0 and doc[i - 1].lower_ in TITLE_HEADS | HONORIFICS | NATIONALITY_NOUNS


def _given_names_before(ent: Span) -> int:
    """Return where the given names (up to two capitalised proper nouns outside any entity)
    before a one-word entity start."""
    doc, start = ent.doc, ent.start
    while start > 0 and ent.start - start < 2:
        prev = doc[start - 1]
        if not (prev.pos_ == "PROPN" and prev.is_title and prev.ent_type_ in ("", "PERSON")
                and prev.is_alpha and prev.lower_ not in TITLE_WORDS | HONORIFICS):
            break
        start -= 1
    return start


@_per_doc
def _titled_names_like_countries(doc: Doc) -> frozenset[str]:
    """Return the full names of the article's titled people whose surname is a country name
    ("Luis Montenegro" after "Prime Minister Luis Montenegro")."""
    names = set()
    for ent in doc.ents:
        if ent.label_ == "GPE" and len(ent) == 1:
            start = _given_names_before(ent)
            if start < ent.start and after_title(doc, start):
                names.add(doc[start:ent.end].text)
    return frozenset(names)


@rule("country_named_person", off=None)
def person_named_like_country(ent: Span) -> Span | None:
    """Return the name when a country name is a titled person's surname ("Prime Minister Luis
    Montenegro", "Mr. Montenegro", and "Luis Montenegro" in an article that titles him once):
    given names and the country name after a title or honorific; else ``None``."""
    if ent.label_ != "GPE" or len(ent) != 1:
        return None
    doc, start = ent.doc, _given_names_before(ent)
    if after_title(doc, start) or (start < ent.start and doc[start:ent.end].text
                                   in _titled_names_like_countries(doc)):
        return Span(doc, start, ent.end, label="PERSON")
    return None


def _strip_possessive(ent: Span) -> Span:
    """Return a name without its possessive ending and (groups aside) a leading "the"."""
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    start = ent.start
    if ent.label_ != "KG_GROUP" and end - ent.start > 1 and _leading_the(ent):
        start += 1
    return Span(ent.doc, start, end, label=ent.label_)


@rule("leading_the_trim")
def _leading_the(ent: Span) -> bool:
    """Return True when a name starts with "the" that is no part of it ("the Kremlin")."""
    return ent.doc[ent.start].lower_ == "the"


@Language.component("kg_actors", assigns=["doc.spans"], requires=["doc.ents"])
def actors_component(doc: Doc) -> Doc:
    """Store typed actor mentions in ``doc.spans["kg_actors"]``."""
    doc.spans[ACTORS_KEY] = actor_spans(doc)
    return doc


def actor_index(doc: Doc) -> dict[int, Span]:
    """Return token index → resolved actor mention covering it."""
    index: dict[int, Span] = {}
    for span in doc.spans.get(ACTORS_KEY, []):
        for i in range(span.start, span.end):
            index[i] = span
    return index
