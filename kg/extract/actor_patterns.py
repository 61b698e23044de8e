"""Entity-ruler patterns kg adds before the NER model, so it neither splits nor mislabels
known names: countries and demonyms, well-known organisations and places, organisations named
after a country or with a demonym ("Singapore Airlines", "Ukrainian Presidential Office"),
blocs ("Western allies"), multi-word titles and plans ("28-point peace plan").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, rule, rule_enabled
from kg.extract.countries import demonym_forms, is_demonym
from kg.extract.doc_memo import per_doc, tokens
from kg.extract.syntax import POSSESSIVES
from kg.lexicon.organisations import BODY_HEADS, KNOWN_ORGS, NAMED_BODY_HEADS, ORG_HEADS
from kg.lexicon.places import KNOWN_PLACES

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


#: Words that say only what an agreement is about ("a peace deal", "the ceasefire agreement",
#: "a trade pact"): a plan named with these and its noun alone is a kind, not one plan.
_PLAN_KIND_WORDS = frozenset({"peace", "ceasefire", "trade", "free-trade", "security",
                              "climate"})


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
    variants = sorted({v for demonym in demonym_forms() for v in _cased_variants(demonym)})
    for variant in variants:
        patterns.append({"label": "KG_DEMONYM", "pattern": variant})
        if is_demonym(variant + "s"):  # not "Philippines", the country
            patterns.append({"label": "KG_DEMONYM", "pattern": variant + "s"})
    # "Ukrainian Presidential Office": one token pattern per head for all one-word demonyms
    # (thousands of single patterns made the ruler slower than the NER model)
    patterns.extend(_demonym_body_patterns(variants))
    patterns.extend(_demonym_named_bodies(variants))
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
    (thousands of single patterns made the ruler slower than the NER model). A country's
    name written before a head is no demonym: "the U.S. embassy" is the embassy of the
    country "U.S." names, which stays a country as "the US embassy" does."""
    variants = [v for v in variants if is_demonym(v)]
    one_word = {"ORTH": {"IN": [v for v in variants if " " not in v]}}
    patterns = []
    for head in ORG_HEADS:
        head_words = [{"LOWER": w} for w in head.split()]
        patterns.append({"label": "ORG", "pattern": [one_word, *head_words]})
        patterns += [{"label": "ORG", "pattern": [{"ORTH": w} for w in v.split()] + head_words}
                     for v in variants if " " in v]
    return patterns


@rule("demonym_named_bodies", off=[])
def _demonym_named_bodies(variants: list[str]) -> list[dict]:
    """Return ORG patterns for a capitalised name a demonym opens and a body's head noun ends
    ("Danish Chess Union", "Peruvian Society of Surgeons", "Swiss Bankers' Association of
    Geneva", "Ghanaian Exchange"): the demonym is part of the name, not the country, as NER
    alone finds it. A public body's head right after the demonym is the country's body, the
    demonym the country ("the Canadian Government", as MEANTIME marks it)."""
    one_word = {"ORTH": {"IN": [v for v in variants if " " not in v]}}
    words = {"IS_TITLE": True, "OP": "{1,3}"}
    possessive = {"ORTH": {"IN": ["'", "'s", "\u2019", "\u2019s"]}, "OP": "?"}
    head = {"ORTH": {"IN": sorted(NAMED_BODY_HEADS)}}
    # a public body's head right after the demonym is the country's ("the Canadian Government")
    own_head = {"ORTH": {"IN": sorted(NAMED_BODY_HEADS - BODY_HEADS)}}
    of_place = [{"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True, "OP": "{1,3}"}]
    and_more = [{"LOWER": "and"}, {"IS_TITLE": True, "OP": "{1,2}"}]
    return [{"label": "ORG", "pattern": name + tail}
            for name in ([one_word, words, possessive, head], [one_word, own_head])
            for tail in ([], of_place, of_place + and_more)]


def bracketed_short_names(doc: Doc, actors: Sequence[Span] = ()) -> dict[str, str]:
    """Return the short or native names written in brackets right after a body's name a
    demonym opens, each mapped to that name ("Norsk Vegvesen" and "NV" of "the Norwegian
    Roads Agency (NV)"): a translated name is followed by the body's own name or its
    abbreviation, whose letters need not match. Part of ``demonym_named_bodies``, whose
    names they complete; and of ``national_org_patterns`` for an official body named with
    "of" ("the State Department of Criminal Investigations (DEIC)"), whose abbreviation
    in upper case is the body's, in its own language. Each maps to the name as kg bounds
    it, one of ``actors`` that ends where the entity does and takes it in ("Maritime and
    Port Authority of Singapore" of NER's "Port Authority of Singapore"), so the short
    name is that actor's."""
    out = {}
    for ent in map(name_before_bracket, doc.ents):
        end = ent.end
        if ent.label_ != "ORG" or len(ent) < 2 or end + 2 >= len(doc):
            continue
        opening = end if doc[end].text == "(" else _bracket_after_place(ent)
        if opening is None:
            continue
        close = next((t.i for t in doc[opening + 1:opening + 5] if t.text == ")"), None)
        short = doc[opening + 1:close] if close else None
        if not short or not short[0].text[:1].isupper() or short[0].is_digit:
            continue
        one_word = not any(t.whitespace_ for t in short[:-1])
        if opening == end and one_word and (
                _demonym_body(ent) and rule_enabled("demonym_named_bodies") or
                _official_body_of(ent) and short.text.isupper() and len(short) == 1 and
                rule_enabled("national_org_patterns")) or initialled_short_name(ent, short):
            out[short.text] = next((a.text for a in actors if a.end == end and
                                    a.start <= ent.start), ent.text)
    for body in bodies_before_brackets(doc):
        out.setdefault(doc[body.end + 1].text, body.text)
    return out


#: Lower-case words inside a body's long name ("Authority for the Regulation and Control of
#: Strategic Mineral Substances Markets").
_NAME_CONNECTORS = frozenset("and of for the on in".split())


@rule("name_before_bracket", off=PASS_THROUGH)
def name_before_bracket(ent: Span) -> Span:
    """Return an organisation's name run on to the bracketed abbreviation that follows it
    through capitalised words and connectors no other name covers ("Authority for the
    Regulation" + "and Control of Strategic Mineral Substances Markets (ARECOMS)"): a name
    pattern cut the long name short, and the abbreviation stands for all of it. Else the
    name as it was."""
    doc, i = ent.doc, ent.end
    if ent.label_ != "ORG":
        return ent
    while i < min(len(doc), ent.end + 12) and "\n" not in doc[i - 1].text_with_ws and \
            not doc[i].ent_type_ and (  # another name: "... of India and the NTCA (NTCA)"
            (doc[i].is_alpha and doc[i].is_title) or doc[i].lower_ in _NAME_CONNECTORS):
        i += 1
    bracket = doc[i:i + 3]
    if i == ent.end or not doc[i - 1].is_title or len(bracket) < 3 or \
            bracket[0].text != "(" or bracket[2].text != ")" or \
            not (bracket[1].is_upper and bracket[1].is_alpha and len(bracket[1]) > 1):
        return ent
    return Span(doc, ent.start, i, label=ent.label_)


@rule("body_before_bracket", off=())
def bodies_before_brackets(doc: Doc) -> tuple[Span, ...]:
    """Return the names of organisations the model left unlabelled before a bracketed
    abbreviation: capitalised words on one line, joined by connectors ("of", "for", "and",
    "the"), one of them a body's head, no word of them in an entity ("Halden Chamber of
    Commerce (HTO)", "Vesna Water Board (VWB)"). The bracket says a name ends there and
    the head says it is a body's, whose letters the abbreviation need not match. Words
    right after a name the model read are left to the rules that join names."""
    return tuple(Span(doc, a, b, label="ORG") for a, b in _body_bounds_before_brackets(doc))


@per_doc
def _body_bounds_before_brackets(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Return the token bounds of :func:`bodies_before_brackets` (kept per document)."""
    toks = tokens(doc)
    bounds = []
    for i in range(1, len(toks) - 2):
        if toks[i].text != "(" or toks[i + 2].text != ")" or not _abbreviation(toks[i + 1]):
            continue
        run = _unlabelled_run_start(toks, i)
        start = _name_start(toks, run, i)
        if i - start >= 2 and any(t.text in NAMED_BODY_HEADS for t in toks[start:i]) and \
                not _after_a_name(toks, run):
            bounds.append((start, i))
    return tuple(bounds)


def _abbreviation(token: Token) -> bool:
    """Return whether a token is written like an abbreviation: capitals, two or more."""
    return token.is_upper and token.is_alpha and len(token) > 1


def _unlabelled_run_start(toks: list[Token], end: int) -> int:
    """Return where the capitalised words and connectors no entity covers that end at token
    ``end`` start, on ``end``'s line and at most twelve words back."""
    start = end
    while start > max(0, end - 12) and not toks[start - 1].ent_type_ and \
            "\n" not in toks[start - 1].whitespace_ and (
            (toks[start - 1].is_alpha and toks[start - 1].is_title) or
            toks[start - 1].lower_ in _NAME_CONNECTORS or _inner_possessive(toks, start - 1)):
        start -= 1
    return start


def _inner_possessive(toks: list[Token], i: int) -> bool:
    """Return whether token ``i`` is a possessive ending glued to a capitalised word
    ("People's Liberation Army", "Oilfields Workers' Trade Union")."""
    return toks[i].text in POSSESSIVES and i > 0 and toks[i - 1].is_title and \
        not toks[i - 1].whitespace_


def _name_start(toks: list[Token], start: int, end: int) -> int:
    """Return where a name opens in a run of words: after connectors and a sentence's
    common first word ("The", "Yesterday")."""
    while start < end and (toks[start].lower_ in _NAME_CONNECTORS or
                           toks[start].text in POSSESSIVES or (
            toks[start].is_sent_start and toks[start].pos_ != "PROPN")):
        start += 1
    return start


#: The model's labels of dates and figures, no names: "On Monday" before a body's name.
_FIGURE_LABELS = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())


def _after_a_name(toks: list[Token], start: int) -> bool:
    """Return whether a run of words comes right after a name the model read on its line
    ("Lagos" + "State Traffic Management Authority", "Department of Information" + "and
    Communications Technology"): the rules that join names decide what those words are."""
    before = toks[start - 1] if start > 0 else None
    return before is not None and bool(before.ent_type_) and not before.is_space and \
        before.ent_type_ not in _FIGURE_LABELS and "\n" not in before.whitespace_


def _bracket_after_place(ent: Span) -> int | None:
    """Return where a bracket opens after a name and the place it is in ("School of the
    Arts in Doha (...)"), else None."""
    doc, i = ent.doc, ent.end
    if doc[i].lower_ not in ("in", "at"):
        return None
    i += 1
    while i < min(len(doc), ent.end + 5) and doc[i].is_title:
        i += 1
    return i if i > ent.end + 1 and i < len(doc) and doc[i].text == "(" else None


#: Capitals that open a word ("VCU" of "VCUarts").
_LEADING_CAPITALS_RE = re.compile(r"^[A-Z]{2,}")


@rule("initialled_short_name")
def initialled_short_name(ent: Span, short: Span) -> bool:
    """Return True for a short name in brackets after an organisation's name (and the place
    it is in) whose first word opens with the initials of the name's words and goes on in
    lower case ("Halden State University School of Design in Oman (HSUdesign Oman)"): the
    body's own short name, so a place's name in it ("Oman") is no mention of the place. An
    acronym alone ("(HSU)") is left to :func:`kg.extract.resolve.abbreviates`."""
    match = _LEADING_CAPITALS_RE.match(short[0].text)
    if match is None or match.end() == len(short[0].text):
        return False
    initials = "".join(t.text[0] for t in ent if t.text[:1].isupper())
    return initials.startswith(match.group())


def _demonym_body(ent: Span) -> bool:
    """Return whether a name opens with a demonym and has a body's head ("German Rail
    Council")."""
    return is_demonym(ent[0].lower_) and any(t.text in NAMED_BODY_HEADS for t in ent[1:])


def _official_body_of(ent: Span) -> bool:
    """Return whether a name is an official body's head with its "of" or "for" complement
    ("State Department of Criminal Investigations", "Agency for Roads")."""
    return any(t.text in ORG_OF_HEADS and t.i + 1 < ent.end and
               ent.doc[t.i + 1].lower_ in ("of", "for") for t in ent[:-2])


def short_name_spans(doc: Doc, names: dict[str, str]) -> list[Span]:
    """Return an organisation mention for every place the article writes one of the
    bracketed short names (:func:`bracketed_short_names`)."""
    found = []
    for short in names:
        words = short.split()
        for token in doc:
            if doc[token.i:token.i + len(words)].text == short:
                found.append(Span(doc, token.i, token.i + len(words), label="Organization"))
    return found


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


#: Days and months, proper nouns that never start a body's name ("On Tuesday Bank of Japan").
_CALENDAR = ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
             "April May June July August September October November December").split()


_BLOC_ADJECTIVES = ["european", "western", "arab", "gulf", "nordic", "baltic", "african",
                    "asian", "latin", "g7", "nato", "eu"]


ORG_OF_HEADS = ["Bank", "Ministry", "Government", "Parliament", "University", "Embassy",
                 "Department", "Office", "Council", "Court", "Institute", "Academy", "Service",
                 "Agency", "Commission", "Authority", "Administration", "Bureau"]


#: Words before such a head in the names of official bodies ("Federal Service for ...").
_OFFICIAL_MODIFIERS = ["Federal", "National", "Central", "State", "Supreme", "Royal",
                       "International", "General", "Constitutional", "Regional", "Foreign"]


#: Heads of a government body named after its country ("US Labor Department").
AGENCY_HEADS = ["Department", "Ministry", "Agency", "Bureau", "Commission", "Administration",
                 "Treasury", "Office"]


#: Heads of companies and banks named with a demonym ("Swiss National Bank", "Thai Airways").
_DEMONYM_ORG_SUFFIXES = ["Airways", "Airlines", "Bank", "Railways", "Broadcasting", "Telecom"]
#: Last words of buildings named after a company ("American Airlines Center", "American Bank
#: Center"): a venue, not the company.
_VENUE_HEADS = ["Center", "Centre", "Arena", "Stadium", "Tower", "Plaza", "Building", "Field"]


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


def _country_named_bodies() -> list[dict]:
    """Return ORG patterns for a capitalised name a country's name opens and a body's head
    noun ends, maybe with "of <name>" ("Kenya National Union of Teachers", "Jamaica Defence
    Force", "Nigeria Police Force"): the country is part of the name, as NER alone finds it,
    as for a demonym (``demonym_named_bodies``). A head right after the country ("the Kenya
    Government") stays the country's."""
    words = {"IS_TITLE": True, "OP": "{1,3}"}
    head = {"ORTH": {"IN": sorted(NAMED_BODY_HEADS)}}
    of_name = [{"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True, "OP": "{1,3}"}]
    return [{"label": "ORG", "pattern": [*country, words, head, *tail]}
            for country in _spelled_country_patterns() for tail in ([], of_name)]


def _spelled_country_patterns() -> list[list[dict]]:
    """Return :func:`_country_token_patterns` with the one-word names spelled out only:
    an abbreviation before a body ("the US Bankruptcy Court") is the country's own mention,
    as MEANTIME marks it inside the court's name."""
    one, *longer = _country_token_patterns()
    spelled = [n for n in one[0]["ORTH"]["IN"] if re.fullmatch(r"[A-Z][a-z]+", n)]
    return [[{"ORTH": {"IN": spelled}}], *longer]


@rule("national_org_patterns", off=[])
def _national_org_patterns() -> list[dict]:
    """Return patterns for organisations named after a country ("Singapore Airlines",
    "Air France", "United States Air Force", "US Labor Department", "Swiss National Bank",
    "Jamaica Defence Force": :func:`_country_named_bodies`), so the country inside does
    not split them, and for buildings named after such a company
    ("the American Bank Center", a place)."""
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
            [the, *country, {"IS_TITLE": True, "OP": "?"}, {"ORTH": {"IN": AGENCY_HEADS}}],
            [the, *country, {"ORTH": {"IN": AGENCY_HEADS}}, {"LOWER": "of"},
             {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}],
        ]
    demonym = {"ORTH": {"IN": sorted({v for d in demonym_forms() for v in _cased_variants(d)
                                      if " " not in v})}}
    company = [the, demonym, {"ORTH": "National", "OP": "?"},
               {"ORTH": {"IN": _DEMONYM_ORG_SUFFIXES}},
               {"ORTH": {"IN": ["International", "Airlines"]}, "OP": "?"}]
    patterns.append(company)
    # a building named after the company is a place: the longer match wins
    venues = [[*company, {"ORTH": {"IN": _VENUE_HEADS}}]]
    modifier = {"ORTH": {"IN": _OFFICIAL_MODIFIERS}, "OP": "?"}
    # a proper noun before it is part of the name ("the Alaska Court of Appeals", "the Ninth
    # Circuit Court of Appeals"), so the body's own words do not cut it off
    place = {"POS": "PROPN", "IS_LOWER": False, "OP": "?", "ORTH": {"NOT_IN": _CALENDAR}}
    patterns.append([place, place, modifier, {"ORTH": {"IN": ORG_OF_HEADS}},
                     {"LOWER": {"IN": ["of", "for"]}}, {"LOWER": "the", "OP": "?"},
                     {"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}])
    return [{"label": "ORG", "pattern": p} for p in patterns] + _country_named_bodies() + \
        [{"label": "FAC", "pattern": p} for p in venues]


@rule("plan_patterns", off=[])
def _plan_patterns() -> list[dict]:
    """Return token patterns for plans: "28-point peace plan", "counterproposal", ..."""
    numbered = [{"LIKE_NUM": True}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["point", "step"]}}]
    modifiers = {"LOWER": {"IN": _PLAN_MODIFIERS}, "OP": "*"}
    origin = {"ENT_TYPE": {"IN": ["GPE", "KG_DEMONYM", "ORG"]}, "OP": "*"}
    hyphen = {"ORTH": "-", "OP": "?"}
    noun = {"LOWER": {"IN": _PLAN_NOUNS}}
    titled_plan = [{"IS_TITLE": True, "OP": "+"},
                   {"ORTH": {"IN": ["Agreement", "Accord", "Treaty", "Plan", "Pact", "Protocol"]}}]
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
        {"label": "PLAN", "pattern": titled_plan},
        # a body named after a treaty is an organisation: the longer match wins ("North
        # Atlantic Treaty Organisation", "Warsaw Pact Organization")
        {"label": "ORG", "pattern": [*titled_plan, {"ORTH": {"IN": _TREATY_BODY_HEADS}}]},
        # so is the body of those bound by one: "the Parties to the Nauru Agreement", "the
        # States Parties to the Ottawa Treaty" (its abbreviation then names the body)
        {"label": "ORG", "pattern": [{"ORTH": {"IN": _TREATY_MEMBERS}, "OP": "+"},
                                     {"LOWER": {"IN": ["to", "of"]}}, {"LOWER": "the"},
                                     *titled_plan]},
    ]


def names_a_kind_of_plan(span: Span) -> bool:
    """Return True for a plan named only by what it is about ("the peace deal", "a ceasefire
    agreement", "a trade pact"): no number, origin, title or qualifier sets one plan apart,
    so it is no actor of its own but a mention of the one plan the article names in full
    with that noun ("the 28-point peace plan"), if there is one. Part of ``plan_patterns``."""
    words = [t.lower_ for t in span if t.lower_ not in ("the", "a", "an")]
    return span.label_ == "PLAN" and len(words) >= 2 and words[-1] in _PLAN_NOUNS and \
        all(w in _PLAN_KIND_WORDS for w in words[:-1])


#: Words that name those bound by a treaty as one body ("Parties to the ... Agreement").
_TREATY_MEMBERS = ["Parties", "States", "Members", "Signatories", "Contracting"]
#: Words that make a treaty's name a body's ("North Atlantic Treaty Organisation").
_TREATY_BODY_HEADS = ["Organisation", "Organization", "Alliance", "Secretariat", "Council",
                      "Commission"]


EVENT_HEADS = frozenset(
    "Conference Summit Forum Expo Festival Olympics Games Cup Championship Week Show "
    "Awards Convention Marathon".split())  # not "Congress": "US Congress" is a legislature
