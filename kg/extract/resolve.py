"""Within-article entity resolution: one entity per real-world actor.

Rules, in order: countries by ISO code (name, abbreviation, demonym); well-known
organisations by alias table; acronyms of organisation and product names ("EU" = "European
Union", "SDK" = "Software Development Kit"); people by full name, surname or first name
(spellings of a surname are linked across articles, :mod:`kg.link`); short forms and
descriptions ("the peace plan", "the Commission", "the Council") to the one fuller name of
the article they can stand for (:mod:`kg.extract.short_forms`).
``kg_resolve`` sets ``span._.kg_entity`` on every actor mention and ``doc._.kg_entities``
(id → :class:`EntityInfo`). Names in headlines, tables and lists count like names in prose.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, reads_disabled_once, rule, rule_enabled
from kg.extract.actor_context_places import (
    _names_a_site,
    object_of_place_preposition,
    routes_and_venues,
)
from kg.extract.actor_context_titles import after_title
from kg.extract.actor_patterns import EVENT_HEADS
from kg.extract.actors import ACTORS_KEY, abbreviations
from kg.extract.countries import lookup_country, normalise_surface
from kg.extract.doc_memo import lower_case_words
from kg.extract.knowledge import continent_of_adjective
from kg.extract.known_places import known_place
from kg.extract.name_match import (
    abbreviates,
    org_core,
    same_full_name,
    same_person,
    same_product,
    shortened_product,
)
from kg.extract.name_repeats import in_date_or_amount
from kg.extract.other_names import other_name_links, other_names_as_persons
from kg.extract.product_aliases import product_aliases
from kg.extract.products import BRAND_RE
from kg.extract.short_forms import actor_links, entity_forms, mention_form
from kg.extract.surnames import (
    full_names_of_titled_surnames,
    relabel_surnames,
    without_suffix,
)
from kg.extract.syntax import first_conjunct
from kg.extract.type_votes import GEO_FEATURE_NOUNS
from kg.extract.types import decide_types
from kg.lexicon.organisations import BODY_HEADS, KNOWN_ORGS
from kg.lexicon.places import FACILITY_HEADS, LANDMARK_SEATS, ROUTE_VENUE_HEADS
from kg.model import entity_id

if not Span.has_extension("kg_entity"):
    Span.set_extension("kg_entity", default=None)
if not Doc.has_extension("kg_entities"):
    Doc.set_extension("kg_entities", default={})


@dataclass
class EntityInfo:
    """A resolved actor of one article (mutable while the component builds it)."""

    id: str
    name: str
    type: str
    country_code: str | None = None
    surface: Counter = field(default_factory=Counter)

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(sorted(s for s in self.surface if s != self.name))


def clean_surface(text: str) -> str:
    """Return a mention's text without possessive, line breaks and doubled spaces."""
    text = re.sub(r"\s+", " ", text.replace("’", "'")).strip()
    return re.sub(r"'s?$", "", text).strip()


class _Resolver:
    """Assigns entity ids to mentions of one document."""

    def __init__(self) -> None:
        self.entities: dict[str, EntityInfo] = {}
        self.people: list[EntityInfo] = []
        #: Person or organisation id → the starts of its full-name mentions.
        self.named_at: dict[str, list[int]] = {}

    def _get(self, id_: str, name: str, type_: str, code: str | None = None) -> EntityInfo:
        if id_ not in self.entities:
            self.entities[id_] = EntityInfo(id_, name, type_, code)
        return self.entities[id_]

    def person(self, text: str, at: int = 0) -> EntityInfo:
        """Return the person a mention at character ``at`` names: a full name, or a single
        name of the person named in full most recently before it ("Berg" after "Ola Berg",
        though an "Anna Berg" comes later)."""
        if len(text.split()) >= 2:
            info = self._full_name(text)
            self.named_at.setdefault(info.id, []).append(at)
            return info
        candidates = [p for p in reversed(self.people) if same_person(text, p.name)]
        if candidates:
            return self._named_last_before(candidates, at)
        info = self._get(entity_id("Person", text), text, "Person")
        self.people.append(info)
        return info

    def _full_name(self, text: str) -> EntityInfo:
        for info in reversed(self.people):
            if len(info.name.split()) >= 2 and same_full_name(text, info.name):
                if len(text) > len(info.name):
                    info.name = text
                return info
        info = self._get(entity_id("Person", text), text, "Person")
        if info not in self.people:
            self.people.append(info)
        return info

    def _named_last_before(self, candidates: list[EntityInfo], at: int) -> EntityInfo:
        """Return the candidate named in full last before ``at``, else the first named after
        it, else the first candidate."""
        def last_before(info: EntityInfo) -> int:
            return max((p for p in self.named_at.get(info.id, []) if p <= at), default=-1)

        before = max(candidates, key=last_before)
        if last_before(before) >= 0:
            return before
        return min(candidates, key=lambda info: min(self.named_at.get(info.id, [at]),
                                                     default=at))

    @rule("acronym_merge", off=None)
    def abbreviated(self, text: str, type_: str = "Organization") -> EntityInfo | None:
        """Return the organisation (or product) whose name the capitals ``text`` abbreviate
        ("ECB", "SDK" of "Software Development Kit")."""
        for info in self.entities.values():
            if info.type == type_ and abbreviates(text, info.name):
                return info
        return None

    @rule("org_first_word_merge", off=None)
    def shortened(self, text: str, at: int = 0) -> EntityInfo | None:
        """Return the organisation whose many-word name ``text`` starts ("Corvane" after
        "Corvane Semiconductors"). Where the word also ends another organisation's name
        ("Douglas" of "Douglas Aircraft" and "McDonnell Douglas"), the one named last before
        character ``at``, else first after it, as for a surname two people share."""
        named = [info for info in self.entities.values()
                 if info.type == "Organization" and " " in info.name]
        starts = [info for info in named if info.name.split()[0] == text]
        ends = [info for info in named if info.name.split()[-1] == text and info not in starts]
        if not starts or not ends:
            return starts[0] if starts else None
        return self._named_last_before(starts + ends, at)

    @rule("org_core_merge", off=None)
    def same_core(self, text: str) -> EntityInfo | None:
        """Return the organisation whose name differs from ``text`` only by a company
        suffix or a country before it ("Aer Lingus Group PLC" = "Aer Lingus", "the U.S. Air
        Force" = "Air Force", "China Eastern Airlines" = "China Eastern")."""
        core = org_core(text)
        for info in self.entities.values():
            if info.type == "Organization" and info.name != text and org_core(info.name) == core:
                return info
        return None

    def resolve(self, span: Span) -> EntityInfo:
        text = span._.kg_dateline_name or clean_surface(span.text)  # "BAKU —" is Baku
        type_ = span.label_
        if type_ == "Place" and text in abbreviations(span.doc):  # "KICC" of "... Centre (KICC)"
            known = self.abbreviated(text, "Place")
            if known is not None:
                return known
        if type_ == "Organization":  # "DWD" of "the German Weather Service (DWD)"
            text = span.doc.user_data.get("kg_short_names", {}).get(text, text)
        aliases = span.doc.user_data.get("kg_product_aliases", {})
        if type_ == "Product" and text in aliases:  # "iPhone" of "their iPhone, the iPhone 3GS"
            text = clean_surface(aliases[text])
        if type_ in ("Place", "Person", "Country") and _capitals_name(text):
            text = text.title()  # datelines: "BRUSSELS" is Brussels
        if type_ == "Country":
            country = lookup_country(text)
            if country is not None:
                return self._get(
                    entity_id("Country", country.name), country.name, "Country", country.alpha_2
                )
            type_ = "Place"
        if type_ == "Place":
            text = continent_of_adjective(text) or _state_named(span, text) or \
                span.doc.user_data.get("kg_site_short_names", {}).get(text, text)
        key = normalise_surface(text)
        if type_ == "Group" and _western_bloc(key):
            key = "the west"  # "Western allies", "Western partners": the West
        key = key if key in KNOWN_ORGS else "the " + key
        if key in KNOWN_ORGS:
            name, known_type = KNOWN_ORGS[key]
            known_type = landmark_type(known_type, key)
            return self._get(entity_id(known_type, name), name, known_type)
        if type_ == "Person":
            return self.person(text, span.start_char)
        if type_ == "Organization":
            known = self.abbreviated(text) if text.isupper() else self.same_core(text)
            if known is None and " " not in text:
                known = self.shortened(text, span.start_char)
            if known is not None:
                return known
        if type_ == "Product":
            known = same_product(text, self.entities.values()) or (
                shortened_product(text, self.entities.values()) if " " not in text else None
            ) or (self.abbreviated(text, "Product") if text.isupper() else None)
            if known is not None:
                return known
        name = text[0].upper() + text[1:] if type_ == "Organization" and \
            not BRAND_RE.match(text) else text  # "eBay" stays eBay
        return self._get(entity_id(type_, name), name, type_)


def _state_named(span: Span, text: str) -> str | None:
    """Return the US state a place's abbreviation names, as the article names it elsewhere:
    an AP abbreviation anywhere ("Tenn." of a dateline, "Statesboro, Ga."), a postal code
    after a place and a comma ("Nashville, TN") (:func:`region_after_place`)."""
    from kg.extract.actor_context_places import region_after_place
    from kg.extract.knowledge import us_state_of_abbreviation

    if "." in text and rule_enabled("region_after_place"):
        return us_state_of_abbreviation(text)
    region = region_after_place(span)
    return region if region is not None and region != text else None


@rule("landmark_places", off=PASS_THROUGH)
def landmark_type(known_type: str, key: str) -> str:
    """Return "Place" for a building that stands for the office inside it ("the White House
    said"), else ``known_type``: CoNLL-2003 and MEANTIME both annotate these names as
    locations (:data:`kg.lexicon.places.LANDMARK_SEATS`). "The Kremlin" is a location in CoNLL
    only and an organisation in the seed's annotation, so it stays an organisation."""
    return "Place" if key.removeprefix("the ") in LANDMARK_SEATS else known_type


@rule("capitals_titlecase")
def _capitals_name(text: str) -> bool:
    """Return True for a name in capitals that is written so only for emphasis, as in a
    dateline ("BRUSSELS" is Brussels): longer than an acronym."""
    return text.isupper() and len(text) > 4


@rule("western_bloc_merge")
def _western_bloc(key: str) -> bool:
    """Return True for a group that stands for the West ("Western allies", "Western
    partners")."""
    return key.startswith("western ")


def _single_word_mentions(doc: Doc, spans: list[Span], words: dict[str, EntityInfo],
                          label: str, accept=lambda token: True) -> list[Span]:
    """Return new one-word mentions of ``words`` (word → entity) outside existing spans and
    junk, labelled ``label``; ``accept`` may refuse a token."""
    from kg.extract.boilerplate import in_ranges, word_positions

    covered = {i for s in spans for i in range(s.start, s.end)}
    positions = word_positions(doc)
    written = {s.text: s for s in spans if len(s) == 1}  # the article's own one-word names
    extra = []
    for i in sorted(i for word in words for i in positions.get(word, ())):
        token = doc[i]
        info = words[token.text]
        if i in covered or not accept(token) or \
                in_ranges(token.idx, token.idx + 1, doc._.kg_junk):
            continue
        same = written.get(token.text)
        if same is not None and same._.kg_entity != info.id:
            continue  # "Mac" is already another actor of the article: no second type
        span = Span(doc, token.i, token.i + 1, label=label)
        span._.kg_entity = info.id
        info.surface[token.text] += 1
        extra.append(span)
    return extra


@rule("surname_mentions", off=[])
def _surname_mentions(doc: Doc, spans: list[Span], resolver: _Resolver) -> list[Span]:
    """Return mentions NER missed: bare surnames of people the article names in full."""
    surnames = {}
    for info in resolver.people:
        parts = without_suffix(info.name).split()
        if len(parts) >= 2:
            surnames.setdefault(parts[-1], info)
    return _single_word_mentions(
        doc, spans, surnames, "Person",
        accept=lambda token: not in_date_or_amount(token) and not _common_noun_use(token))


def _common_noun_use(token: Token) -> bool:
    """Return whether a capitalised word is the common noun the article also writes in lower
    case ("Halva makers ... the halva trade", "Lena Kaur, Books Editor ... new books",
    beside the firms "Ozkan Halva" and "Tarn Books"), with no title before it that would
    make it a surname ("Mr Halva"): no mention of a person's surname."""
    return token.lower_ in lower_case_words(token.doc) and \
        not after_title(token.doc, token.i)


#: Prepositions before an organisation's one-word name that make it a site's short form.
SITE_LOCATIVES = frozenset("at in near outside into".split())

#: Last words of events held in a town and named after it ("Frankfurt Book Fair", "Boston
#: Marathon"): the town's name alone stays the town's.
HOSTED_EVENT_HEADS = EVENT_HEADS | frozenset("Fair Fest Carnival Biennale Regatta".split())


@rule("short_org_relabel", off=PASS_THROUGH)
def _relabel_short_org_names(spans: list[Span]) -> list[Span]:
    """Return spans with a one-word mention of the first word of an organisation's name
    relabelled as that organisation ("Corvane" tagged Person or Place after "Corvane
    Semiconductors"); countries, people the article names in full, known cities ("fans in
    Philadelphia" beside the "Philadelphia Eagles", "San Jose, California" beside "the
    California Theater": a city, state or province the gazetteers know; "at Othaya stadium":
    a place naming a site) and places with public bodies or the events they host named after
    them ("Seattle" in "Seattle Police Department", "Eastgate" of the "Eastgate Neighborhood
    Association", "Frankfurt" of the "Frankfurt Book Fair") keep their type, as does the
    first word of a site's name too ("Borobudur" of the "Borobudur Temple" beside the
    "Borobudur Conservation Centre": :func:`site_short_names`)."""
    sites = {s[0].text for s in spans if s.label_ == "Place" and len(s) >= 2 and
             _names_a_site(s)}
    firsts = {s[0].text for s in spans if s.label_ == "Organization" and len(s) >= 2
              and not any(t.text in BODY_HEADS for t in s[1:])  # "Seattle Police Dept"
              and s[1].lower_ not in GEO_FEATURE_NOUNS  # "Eastgate Neighborhood Association"
              and s[-1].text not in HOSTED_EVENT_HEADS} - sites
    people = _people_words(spans)
    out = []
    for span in spans:
        if len(span) == 1 and span.label_ in ("Person", "Place") and span.text in firsts \
                and span.text not in people and not (span.label_ == "Place" and (
                    known_place(span) or _site_named_after(span) or _placed_by(span))):
            relabelled = Span(span.doc, span.start, span.end, label="Organization")
            span = relabelled
        out.append(span)
    return out


@rule("site_short_name", off={})
def site_short_names(spans: list[Span]) -> dict[str, str]:
    """Return one-word name → the one site of the article whose name it starts ("Kansai" of
    "Kansai International Airport", "Borobudur" of "Borobudur Temple"), the site's short
    form, which joins it as a place. A word the gazetteers know as a place ("Kisumu" beside
    "Kisumu Airport"), a person's the article names in full or after a title, or an
    organisation's acting outside a locative ("Airbus said" beside the "Airbus Delivery
    Center"; "At Kansai, travelers queued" is the site) keeps its own actor."""
    sites: dict[str, set[str]] = {}
    for span in spans:
        if span.label_ == "Place" and len(span) >= 2 and span[0].is_title and \
                _names_a_site(span) and not routes_and_venues(span):
            sites.setdefault(span[0].text, set()).add(clean_surface(span.text))
    alone: dict[str, list[Span]] = {}
    for span in spans:
        if len(span) == 1 and span.text in sites:
            alone.setdefault(span.text, []).append(span)
    people = _people_words(spans)
    return {word: names.pop() for word, names in sites.items()
            if len(names) == 1 and word in alone and word not in people
            and _short_site_mentions(alone[word])}


def _short_site_mentions(mentions: list[Span]) -> bool:
    """Return whether one-word mentions may be a site's short form: persons or places no
    gazetteer knows, and organisations only after a locative ("At Kansai")."""
    return not known_place(mentions[0]) and all(
        m.label_ in ("Person", "Place") or (m.label_ == "Organization" and m.start > 0 and
                                             m.doc[m.start - 1].lower_ in SITE_LOCATIVES)
        for m in mentions)


def _people_words(spans: list[Span]) -> set[str]:
    """Return the words of the persons the article names in full or after a title."""
    return {t.text for s in spans
            if s.label_ == "Person" and (len(s) >= 2 or after_title(s.doc, s.start))
            for t in s}


#: Prepositions of place that place a mention only after a verb: after a noun they may take
#: a company ("shares in Corvane"), where "at" still says where a thing stands ("the pits at
#: Saindak").
_PLACING_AFTER_VERBS = frozenset({"in", "on", "from"})


def _placed_by(span: Span) -> bool:
    """Return whether a preposition of place governs a mention the model labels a place
    ("born in Govan", "the pits at Saindak" beside the "Govan Housing Association", the
    "Saindak Metals" company): the model's label and the locative together say the town,
    not the body named after it; "in", "on" and "from" only after a verb ("shares in
    Corvane": the company)."""
    if not object_of_place_preposition(span.root):
        return False
    prep = first_conjunct(span.root).head
    return prep.lower_ not in _PLACING_AFTER_VERBS or prep.head.pos_ in ("VERB", "AUX")


def _site_named_after(span: Span) -> bool:
    """Return whether a name is followed by a lower-case noun of a site or a road ("Othaya
    stadium", "Kisumu airport"): a place's name, given to what stands there."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.is_lower and \
        after.text.title() in FACILITY_HEADS | ROUTE_VENUE_HEADS


def _join_short_forms(doc: Doc, spans: list[Span], descriptions: list[Span],
                      resolver: _Resolver) -> list[Span]:
    """Point short forms ("the peace plan", "the Commission") at the one fuller name they
    stand for (:mod:`kg.extract.short_forms`) and return the descriptions ("the Council")
    that found theirs, as mentions of it; the others are no actor."""
    forms = entity_forms(spans)
    sizes = {id_: info.surface.total() for id_, info in resolver.entities.items()}
    described = [Span(doc, s.start, s.end, label="Plan" if s.label_ == "Plan" else
                      "Organization") for s in descriptions]
    links, found = actor_links(doc, forms, sizes, [mention_form(s) for s in described])
    for span in spans:
        target = links.get(span._.kg_entity)
        if target is not None:
            resolver.entities[span._.kg_entity].surface.clear()
            span._.kg_entity = target
            resolver.entities[target].surface[clean_surface(span.text)] += 1
    out = []
    for span, target in zip(described, found, strict=True):
        if target is not None:
            span._.kg_entity = links.get(target, target)
            resolver.entities[span._.kg_entity].surface[clean_surface(span.text)] += 1
            out.append(span)
    return out


def _join_other_names(spans: list[Span], resolver: _Resolver) -> None:
    """Move every mention of a person's other name to the person it names
    (:func:`other_name_links`)."""
    joined: dict[str, str] = {}
    for keep, gone in other_name_links(spans):
        keep, gone = joined.get(keep, keep), joined.get(gone, gone)
        if keep == gone:
            continue
        joined[gone] = keep
        for other in spans:
            if other._.kg_entity == gone:
                other._.kg_entity = keep
                resolver.entities[keep].surface[clean_surface(other.text)] += 1
        resolver.entities[gone].surface.clear()


def resolve_mentions(doc: Doc) -> dict[str, EntityInfo]:
    """Assign ``span._.kg_entity`` to actor mentions and return the article's entities."""
    resolver = _Resolver()
    spans = list(doc.spans[ACTORS_KEY])
    descriptions = [s for s in spans if s._.kg_description]
    spans = [s for s in spans if not s._.kg_description]
    spans = _relabel_short_org_names(other_names_as_persons(
        relabel_surnames(full_names_of_titled_surnames(decide_types(spans)))))
    sites = doc.user_data["kg_site_short_names"] = site_short_names(spans)
    spans = [Span(doc, s.start, s.end, label="Place") if len(s) == 1 and s.text in sites
             else s for s in spans]
    doc.user_data["kg_product_aliases"] = product_aliases(spans)
    # Full names first, so that a surname (or an organisation's or product's short name) seen
    # before its full name still finds it.
    ordered = sorted(spans, key=lambda s: (len(s) < 2 or s.label_ not in (
        "Person", "Organization", "Product"), s.start))
    for span in ordered:
        info = resolver.resolve(span)
        span._.kg_entity = info.id
        if info.type == "Organization" and len(span) > 1:  # where a short name's org is named
            resolver.named_at.setdefault(info.id, []).append(span.start_char)
        info.surface[clean_surface(span.text)] += 1
    spans += _join_short_forms(doc, spans, descriptions, resolver)
    spans += _surname_mentions(doc, spans, resolver)
    _join_other_names(spans, resolver)
    doc.spans[ACTORS_KEY] = spans
    used = {s._.kg_entity for s in spans}
    return {id_: info for id_, info in resolver.entities.items() if id_ in used and info.surface}


@Language.component("kg_resolve", assigns=["doc._.kg_entities"], requires=["doc.spans"])
@reads_disabled_once
def resolve_component(doc: Doc) -> Doc:
    """Resolve actor mentions of the article into entities."""
    doc._.kg_entities = resolve_mentions(doc)
    return doc
