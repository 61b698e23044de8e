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
from spacy.tokens import Doc, Span

from kg.extract.boilerplate import in_ranges
from kg.extract.countries import is_demonym, lookup_country
from kg.lexicon import (
    DEMONYMS,
    HONORIFICS,
    KNOWN_ORGS,
    KNOWN_PLACES,
    ORG_HEADS,
    TITLE_HEADS,
    TITLE_WORDS,
)

ACTORS_KEY = "kg_actors"
if not Span.has_extension("kg_demonym"):
    Span.set_extension("kg_demonym", default=False)
if not Span.has_extension("kg_headline"):
    Span.set_extension("kg_headline", default=False)

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
    for demonym in DEMONYMS:
        for variant in _cased_variants(demonym):
            patterns.append({"label": "KG_DEMONYM", "pattern": variant})
            patterns.append({"label": "KG_DEMONYM", "pattern": variant + "s"})
            for head in ORG_HEADS:
                head_words = [{"LOWER": w} for w in head.split()]
                patterns.append(
                    {"label": "ORG", "pattern": [{"ORTH": w} for w in variant.split()] + head_words}
                )
    for form, (_, type_) in KNOWN_ORGS.items():
        if form == "who":  # the pronoun; only the upper-case acronym is the organisation
            patterns.append({"label": "ORG", "pattern": "WHO"})
            continue
        label = "KG_GROUP" if type_ == "Group" else "ORG"
        for variant in _cased_variants(form):
            patterns.append({"label": label, "pattern": variant})
    patterns.append({"label": "KG_GROUP", "pattern": [{"LOWER": "the"}, {"ORTH": "West"}]})
    patterns.append({"label": "KG_GROUP", "pattern": [
        {"IS_TITLE": True, "LOWER": {"IN": _BLOC_ADJECTIVES}},
        {"LOWER": {"IN": ["allies", "partners", "powers", "nations", "states", "governments",
                          "leaders", "capitals"]}}]})
    for place in KNOWN_PLACES:
        patterns.append({"label": "LOC", "pattern": place})
    patterns.extend(_national_org_patterns())
    for title in _TITLE_PHRASES:
        patterns.append({"label": "KG_TITLE", "pattern": title})
    patterns.extend(_plan_patterns())
    return patterns


_NATIONAL_ORG_SUFFIXES = [
    "Airlines", "Airways", "Air", "Eastern", "Southern", "Northern", "Western", "Railways",
    "Railway", "Telecom", "Post", "Television", "Broadcasting", "Times", "News", "Daily",
    "Bank", "Petroleum", "Oil", "Motors", "Steel", "Electric", "Mobile", "Airport",
    "Exchange", "Council", "Cargo", "Express", "Energy", "Gas", "Power", "Insurance",
]


_BLOC_ADJECTIVES = ["european", "western", "arab", "gulf", "nordic", "baltic", "african",
                    "asian", "latin", "g7", "nato", "eu"]
_ORG_OF_HEADS = ["Bank", "Ministry", "Government", "Parliament", "University", "Embassy",
                 "Department", "Office", "Council", "Court", "Institute", "Academy"]


def _national_org_patterns() -> list[dict]:
    """Return patterns for organisations named after a country ("Singapore Airlines",
    "Air France", "U.S. Air Force"), so the country inside does not split them."""
    from kg.extract.countries import surface_forms

    names = sorted({v for f in surface_forms() if not is_demonym(f) for v in _cased_variants(f)})
    country = {"ORTH": {"IN": [n for n in names if " " not in n]}}
    return [
        {"label": "ORG", "pattern": [country, {"ORTH": {"IN": _NATIONAL_ORG_SUFFIXES}},
                                     {"ORTH": {"IN": ["Airlines", "Force", "Lines", "Group"]},
                                      "OP": "?"}]},
        {"label": "ORG", "pattern": [{"ORTH": "Air"}, country]},
        {"label": "ORG", "pattern": [{"ORTH": {"IN": _ORG_OF_HEADS}}, {"LOWER": "of"},
                                     {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True},
                                     {"IS_TITLE": True, "OP": "?"}]},
        {"label": "ORG", "pattern": [country, {"ORTH": {"IN": ["Air", "Naval"]}},
                                     {"ORTH": {"IN": ["Force", "Forces"]}}]},
    ]


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
    key = text.lower().replace("’", "'")
    if key in KNOWN_ORGS:
        return KNOWN_ORGS[key][1]
    if key.startswith("the ") and key[4:] in KNOWN_ORGS:
        return KNOWN_ORGS[key[4:]][1]
    country = lookup_country(text)
    if label in ("Country", "Place", "Organization", "Group") and country is not None:
        return "Country"
    if label == "Country":
        return "Place"
    if label == "Group" and not _is_plural_group(ent):
        return None
    if label == "Plan" and ent.label_ == "LAW" and not ent[-1].is_title:
        return None
    return label


def _is_plural_group(ent: Span) -> bool:
    """Return True for NORP mentions that name a group ("Republicans"), not an adjective."""
    return ent[-1].tag_ in ("NNPS", "NNS") or ent.text.endswith("s")


def clean_person_span(ent: Span) -> Span | None:
    """Return the person span without leading titles/honorifics and trailing possessive."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in (TITLE_WORDS | HONORIFICS):
        start += 1
    while end > start and (ent.doc[end - 1].text in ("'s", "’s", "'", "’")
                           or ent.doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    span = Span(ent.doc, start, end, label=ent.label_)
    if any(t.is_digit for t in span) or not span[0].is_title:
        return None
    return span


_EVENT_HEADS = frozenset(
    "Conference Summit Forum Expo Festival Olympics Games Cup Championship Week Show "
    "Awards Convention Congress Marathon".split())


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
    return nxt is not None and (bool(_MODEL_RE.match(nxt.text)) or nxt.text in ("OS", "OS X"))


def _looks_like_junk(span: Span) -> bool:
    """Return True for spans that are not actors: lowercase, long, '&' headings, numbers,
    currency codes and time zones, named events ("Worldwide Developers Conference") and
    makers' names used in product names ("Airbus A380")."""
    text = span.text
    if text in _TIME_ZONES:
        return True
    if span.label_ in ("ORG", "PERSON", "Organization", "Person") and _names_a_product(span):
        return True
    if text in _currency_codes() and lookup_country(text) is None:
        return True
    if span.label_ in ("ORG", "Organization") and span[-1].text in _EVENT_HEADS:
        return True
    letters = re.sub(r"[^A-Za-z]", "", text)
    if "&" in text or "\n" in text or len(span) > 7 or len(letters) < 2:
        return True
    if span.label_ not in ("PLAN", "KG_DEMONYM", "KG_GROUP") and text[0].islower():
        return True
    return bool(span.label_ == "PERSON" and span[-1].lower_ in TITLE_HEADS)


def actor_spans(doc: Doc) -> list[Span]:
    """Return typed actor mention spans of ``doc`` (label = kg actor type), junk removed."""
    spans: list[Span] = []
    junk, headlines = doc._.kg_junk, doc._.kg_headlines
    for ent in doc.ents:
        if in_ranges(ent.start_char, ent.end_char, junk):
            continue
        type_ = actor_type(ent)
        if type_ is None:
            continue
        span = clean_person_span(ent) if type_ == "Person" else _strip_possessive(ent)
        if span is None or _looks_like_junk(span):
            continue
        if type_ == "Person" and span.text in KNOWN_PLACES:
            type_ = "Place"
        if type_ != "Country" and in_ranges(span.start_char, span.end_char, doc._.kg_datelines):
            type_ = "Place"  # "ADDIS ABABA, Nov. 12 —" names where the story was filed
        typed = Span(doc, span.start, span.end, label=type_)
        typed._.kg_demonym = ent.label_ in ("KG_DEMONYM", "NORP") and type_ == "Country"
        typed._.kg_headline = in_ranges(ent.start_char, ent.end_char, headlines)
        spans.append(typed)
    return spans


def _strip_possessive(ent: Span) -> Span:
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    start = ent.start
    if ent.label_ != "KG_GROUP" and ent.doc[start].lower_ == "the" and end - start > 1:
        start += 1
    return Span(ent.doc, start, end, label=ent.label_)


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
