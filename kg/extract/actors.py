"""Actor mentions: spaCy NER plus kg's gazetteer patterns, typed and cleaned of junk.

``kg_entity_ruler`` (a spaCy ``entity_ruler`` placed before ``ner``) marks countries,
demonyms, well-known organisations and places, plans and multi-word titles, so NER does not
split or mislabel them. ``kg_actors`` then turns ``doc.ents`` into typed actor mentions in
``doc.spans["kg_actors"]`` (span label = actor type), dropping junk.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.ablation import reads_disabled_once, rule, rule_enabled
from kg.extract.abbreviation_match import syllable_abbreviates
from kg.extract.actor_context import actor_type, contextual_type, lowercase_words
from kg.extract.actor_context_places import routes_and_venues
from kg.extract.actor_context_titles import after_title
from kg.extract.actor_junk import (
    describes_body,
    looks_like_junk,
    title_phrase,
    without_lowercase_lead,
)
from kg.extract.actor_patterns import (
    EVENT_HEADS,
    bracketed_short_names,
    names_a_kind_of_plan,
    short_name_spans,
)
from kg.extract.appositive_names import appositive_names
from kg.extract.boilerplate import in_ranges
from kg.extract.countries import lookup_country
from kg.extract.credit_names import country_named_outlet, credit_outlets
from kg.extract.doc_memo import per_doc, tokens
from kg.extract.event_names import organisation_in_event_name
from kg.extract.knowledge import is_city, is_country_or_city, is_given_name
from kg.extract.known_places import unlisted_subdivisions
from kg.extract.name_bounds import (
    ner_entities,
    person_after_office,
    strip_possessive,
    with_division_number,
    without_figures,
)
from kg.extract.name_match import abbreviates
from kg.extract.name_repeats import repeated_names
from kg.extract.name_titles import clean_person_span, styled_person
from kg.extract.person_name_bounds import (
    apostrophe_name_word,
    person_with_given_name,
    with_apostrophe_name_parts,
    with_given_name_before,
    with_name_after_title,
    with_surname_after,
)
from kg.extract.product_lists import listed_products
from kg.extract.product_mentions import missed_products
from kg.extract.products import (
    as_product,
    ends_in_designation,
    is_variant_name,
    label_only_product,
    maker_of_product,
    ner_product,
    with_maker_products,
    with_model_number,
)
from kg.extract.table_names import table_row_names
from kg.extract.titled_names import office_field_place, person_after_office_field
from kg.lexicon.organisations import BODY_HEADS, ORG_NAME_SUFFIXES, ORG_NOUNS
from kg.lexicon.people import HONORIFICS, TITLE_HEADS, TITLE_WORDS
from kg.lexicon.places import FACILITY_HEADS
from kg.lexicon.products import PRODUCT_NOUNS

ACTORS_KEY = "kg_actors"


if not Span.has_extension("kg_description"):
    Span.set_extension("kg_description", default=False)  # "the Council": see short_forms
if not Span.has_extension("kg_demonym"):
    Span.set_extension("kg_demonym", default=False)


def actor_spans(doc: Doc) -> list[Span]:
    """Return typed actor mention spans of ``doc`` (label = kg actor type), junk removed."""
    spans: list[Span] = []
    junk = name_free_furniture(doc)
    taken = 0  # tokens before this index belong to an earlier, extended name
    for ent in ner_entities(doc):
        if ent.start < taken or in_ranges(ent.start_char, ent.end_char, junk):
            continue
        ent = organisation_in_event_name(ent)
        ner_label = ent.label_
        if not (ends_in_designation(ent) or is_variant_name(ent) or routes_and_venues(ent)):
            ent = without_figures(ent)
        ent = with_division_number(ent)
        ent = person_after_office(ent)
        holder = person_after_office_field(ent)
        field = office_field_place(ent, holder)
        if field is not None:  # "Member for Kalgoorlie Ana Roe": the seat, then its holder
            spans.append(field)
        ent = with_model_number(person_with_given_name(holder))
        ent = with_surname_after(styled_person(ent))
        maker = maker_of_product(ent)
        if maker is not None:  # "Apple Computer's Mac OS X": a company, then its product
            cut = maker.end + 1
            maker = strip_possessive(maker)
            spans.append(Span(doc, maker.start, maker.end, label="Organization"))
            ent = Span(doc, cut, ent.end, label="PRODUCT")
        if ent.label_ == "PERSON":
            ent = with_apostrophe_name_parts(
                with_given_name_before(with_name_after_title(ent)))
        taken = ent.end
        type_ = contextual_type(ent, actor_type(ent))
        if type_ == "Person" and country_named_outlet(ent, doc._.kg_named_furniture):
            type_ = "Organization"  # "Photo: ... Fetu Samoa / Ines Okafor": an outlet
        if type_ == "Product" and ent.label_ == "PRODUCT" and not ner_product(ent):
            type_ = None  # "Martin" of "Lockheed Martin"
        if type_ is None:
            continue
        if type_ == "Product":
            ent = as_product(ent)
        named = person_named_like_country(ent) if type_ == "Country" else None
        if named is not None:
            ent, type_ = named, "Person"  # "Prime Minister Luis Montenegro"
        span = clean_person_span(ent) if type_ == "Person" else strip_possessive(ent)
        if span is not None:
            span = without_lowercase_lead(span)
        if span is None or looks_like_junk(span):
            continue
        if type_ == "Person" and span.start > ent.start and _city_before_noun(span):
            type_ = "Place"  # "Fellow Austin resident", once "Fellow" is cut off
        typed = Span(doc, span.start, span.end, label=type_)
        typed._.kg_description = describes_body(span) or names_a_kind_of_plan(span)
        typed._.kg_demonym = ent.label_ in ("KG_DEMONYM", "NORP") and type_ == "Country"
        typed._.kg_product_label_only = type_ == "Product" and ner_label == "PRODUCT" and \
            label_only_product(typed)
        place = place_of_bloc(typed) if ent.label_ == "KG_GROUP" else None
        spans += [place, typed] if place is not None else [typed]  # the group wins its tokens
    short_names = bracketed_short_names(doc, spans)
    abbreviated = abbreviated_names(doc)
    doc.user_data["kg_short_names"] = {**syllable_short_names(abbreviated), **short_names}
    spans = _with_abbreviations(spans, _outside(abbreviated
                                                + short_name_spans(doc, short_names), junk))
    # names found by their words alone (a title, a given name) are not read in headlines
    junk_and_headlines = junk + doc._.kg_headlines
    covered = {i for s in spans for i in range(s.start, s.end)}
    extra = [*credit_outlets(doc, covered)]  # furniture by design: a credit's line
    extra += _outside(titled_unlisted_names(doc, covered), junk_and_headlines)
    covered |= {i for s in extra for i in range(s.start, s.end)}
    extra += _outside(given_name_pairs(doc, covered), junk_and_headlines)
    covered |= {i for s in extra for i in range(s.start, s.end)}
    extra += _outside(table_row_names(doc, covered), junk)
    extra += _outside(aged_names(doc, covered), junk)
    extra += _outside(unlisted_subdivisions(doc, covered), junk)
    extra += _outside(appositive_names(doc, covered), junk)
    extra += _outside(missed_products(doc, spans + extra), junk)
    covered |= {i for s in extra for i in range(s.start, s.end)}
    extra += _outside(repeated_names(doc, spans + extra, covered), junk)
    spans = sorted(with_maker_products(spans + extra), key=lambda s: s.start)
    return listed_products(spans)


def name_free_furniture(doc: Doc) -> list[tuple[int, int]]:
    """Return the furniture ranges where no name counts: junk but for captions, credits and
    links written in sentence case (:func:`kg.extract.furniture.names_are_content`)."""
    named = set(doc._.kg_named_furniture)
    return [r for r in doc._.kg_junk if r not in named]


def _outside(spans: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    """Return the mentions that lie in none of ``ranges`` (page furniture, headlines)."""
    return [s for s in spans if not in_ranges(s.start_char, s.end_char, ranges)]

def place_of_bloc(group: Span) -> Span | None:
    """Return the place a bloc is of, as a mention nested in the group's ("European" of
    "European governments": Europe), or ``None``: the adjective of a continent or country
    before a common noun names that place, as it does alone ("its European division"), and
    MEANTIME and OntoNotes mark such a premodifier as a mention of its own entity."""
    if len(group) < 2 or not group[1].is_lower:
        return None
    adjective = Span(group.doc, group.start, group.start + 1, label="NORP")
    type_ = actor_type(adjective)
    if type_ not in ("Place", "Country"):
        return None
    place = Span(group.doc, group.start, group.start + 1, label=type_)
    place._.kg_demonym = type_ == "Country"
    return place


@rule("city_before_noun_place")
def _city_before_noun(span: Span) -> bool:
    """Return True for a one-word "person" that is a city's name and describes the noun
    after it ("Austin resident", after "Fellow" is cut off): a place. Asked only of names
    cut out of a longer one: "the Obama administration" names a person."""
    doc = span.doc
    return len(span) == 1 and is_city(span.text) and span.end < len(doc) and \
        doc[span.end].pos_ == "NOUN" and span.root.head.i == span.end


_NAME_JOINERS = frozenset("of the and for to".split())  # "to": "Parties to the ... Agreement"
#: Heads of abbreviated names that are things made and sold, not bodies.
_THING_HEADS = PRODUCT_NOUNS | {"kit", "toolkit"}


@rule("abbreviation_names", off=[])
def abbreviated_names(doc: Doc) -> list[Span]:
    """Return the names written with their abbreviation in parentheses and the abbreviation
    itself wherever the article writes it ("Economic Community of West African States
    (ECOWAS)", "ECOWAS said"), as mentions of one organisation: the
    longest run of capitalised words (and "of", "the", "and", "for", and commas between
    capitalised words) before "(" whose initials or syllables make the abbreviation
    (:func:`_abbreviates_name`)."""
    found = []
    toks = tokens(doc)
    for token in toks[2:-1]:
        i = token.i
        if not (_abbreviation_shape(token) and toks[i - 1].text == "(" and
                toks[i + 1].text == ")") or lookup_country(token.text) is not None:
            continue
        best = None
        for start in range(max(0, i - 12), i - 2):
            words = doc[start:i - 1]
            if _name_run(words) and _lists_fields(words) and \
                    _abbreviates_name(token.text, words.text):
                best = words
                break
        if best is not None and best[-1].text not in EVENT_HEADS and \
                not title_phrase(best):  # "(WWDC)" is an event, "(CS)" a title
            type_ = _abbreviated_type(best)
            found.append(Span(doc, best.start, best.end, label=type_))
            found += [Span(doc, t.i, t.i + 1, label=type_) for t in toks if t.text == token.text]
    return found


def _lists_fields(words: Span) -> bool:
    """Return whether the commas in ``words`` (if any) list a body's fields: each between
    two capitalised words, the last before an "and", and a body's head before the list or a
    name after it ("Immigration, Refugees and Citizenship Canada", "Department of Mines,
    Energy and Water"). A list alone names activities, no body ("Maintenance, Repair and
    Overhaul"), and "Harlow, Essex" is a place and its county."""
    doc = words.doc
    commas = [t.i for t in words if t.text == ","]
    if not commas:
        return True
    joined = [t.i for t in doc[commas[-1]:words.end] if t.lower_ == "and"]
    return bool(joined) and all(
        words.start < i < words.end - 1 and doc[i - 1].is_title and doc[i + 1].is_title
        for i in commas) and (words[0].text in BODY_HEADS or words.end - joined[-1] > 2)


def _abbreviates_name(short: str, name: str) -> bool:
    """Return whether ``short`` abbreviates ``name``: in capitals, as an initialism or by
    syllables ("OWTU" of "Oilworkers' Trade Union"); in mixed case ("Busa"), by syllables
    alone, so that ``syllable_abbreviations`` decides every such short name."""
    return _is_initialism(short, name) or syllable_abbreviates(short, name)


def _is_initialism(short: str, name: str) -> bool:
    """Return whether ``short``, in capitals, is an initialism of ``name`` ("ECOWAS")."""
    return short.isupper() and abbreviates(short, name)


def syllable_short_names(abbreviated: list[Span]) -> dict[str, str]:
    """Return each bracketed abbreviation that is no initialism of its name ("Busa" of
    "Business Unity South Africa") mapped to that name, so the resolver joins the two, as
    ``acronym_merge`` joins an initialism in capitals to its name; ``abbreviated`` is what
    :func:`abbreviated_names` found (each name ends before its bracket)."""
    names = {}
    for span in abbreviated:
        if len(span) > 1:
            short = span.doc[span.end + 1].text
            if not _is_initialism(short, span.text):
                names[short] = span.text
    return names


def _abbreviation_shape(token: Token) -> bool:
    """Return whether a bracketed word is written like an abbreviation: capitals ("ECOWAS"),
    or, as syllable abbreviations are (``syllable_abbreviations``), a capital and at least
    two more letters ("Busa", "KenGen"), not a plural of capitals ("GDRs")."""
    text = token.text
    if not token.is_alpha or len(token) < 2 or not text[0].isupper():
        return False
    plural = text.endswith("s") and text[:-1].isupper()  # "GDRs": things, counted
    return token.is_upper or (len(token) >= 3 and not plural and
                              rule_enabled("syllable_abbreviations"))


def _name_run(words: Span) -> bool:
    """Return whether ``words`` can be a body's name before its bracketed abbreviation:
    capitalised words, "of", "the", "and", "for" and commas (:func:`_lists_fields` says
    which commas), starting with a capitalised word."""
    first = words[0]
    return first.is_title and first.lower_ not in _NAME_JOINERS and all(
        t.is_title or t.lower_ in _NAME_JOINERS or t.text == "," for t in words)


@per_doc
def abbreviations(doc: Doc) -> dict[str, str]:
    """Return the abbreviations the article defines in brackets after the names they
    abbreviate (:func:`abbreviated_names`), each mapped to that name: "CAN" → "Christian
    Association of Nigeria" of "Christian Association of Nigeria (CAN)"."""
    out: dict[str, str] = {}
    name = ""
    for span in abbreviated_names(doc):  # each name, then its abbreviation's mentions
        if len(span) > 1:
            name = span.text
        else:
            out.setdefault(span.text, name)
    return out


def _abbreviated_type(name: Span) -> str:
    """Return the type of a name written with its abbreviation: a country, a product when
    its head is a product noun ("Software Development Kit (SDK)"), else an organisation.
    The head is the word before "of", "for" or "to" if the name has one ("Secretariat of
    the ... Programme (SPREP)" is a body)."""
    if lookup_country(name.text) is not None:
        return "Country"
    joins = [t.i for t in name[1:] if t.lower_ in ("of", "for", "to")]
    head = name.doc[joins[0] - 1] if joins else name[-1]
    return "Product" if head.lower_ in _THING_HEADS else "Organization"


def _with_abbreviations(spans: list[Span], names: list[Span]) -> list[Span]:
    """Return ``spans`` with the abbreviated names in place of the mentions they overlap."""
    if not names:
        return spans
    taken = {i for n in names for i in range(n.start, n.end)}
    kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
    return sorted(kept + names, key=lambda s: s.start)


def _name_word(token: Token, lower: frozenset[str], first: bool = False) -> bool:
    """Return whether a token can be a word of a person's name no list knows: a capitalised
    proper noun (or a word with an apostrophe inside, "Matiang'i") that the article never
    writes in lower case and that is no title, country, city, company or body word. The
    first word may be one the parse calls a verb when a proper noun follows ("CTO Segun
    Ade": a given name no list knows)."""
    doc = token.doc
    misread = first and not token.is_sent_start and token.i + 1 < len(doc) and \
        doc[token.i + 1].pos_ == "PROPN" and doc[token.i + 1].is_title
    shaped = apostrophe_name_word(token) or (
        token.is_title and token.is_alpha and len(token) > 1 and
        (token.pos_ == "PROPN" or misread))
    return shaped and not token.ent_type_ and token.lower_ not in lower and \
        token.lower_ not in TITLE_WORDS | HONORIFICS and not is_country_or_city(token.text) \
        and token.text not in ORG_NAME_SUFFIXES | BODY_HEADS | FACILITY_HEADS


@rule("titled_unlisted_names", off=[])
def titled_unlisted_names(doc: Doc, covered: set[int]) -> list[Span]:
    """Return person names NER missed after an honorific or a title whose given name no list
    knows ("Dr Matiang'i", "Deputy Governor Sandiaga Uno", "foreign secretaries Asel Omar
    Turdu"): after "Mr", "Ms" or "Dr" one to three name words, after a title in any case or
    number two or three (:func:`_name_word`), in no entity and with no capitalised word
    after them."""
    lower = lowercase_words(doc)
    names = []
    toks = tokens(doc)
    for token in toks[:-1]:
        honorific = token.lower_ in HONORIFICS
        if not (honorific and (token.is_title or token.is_upper) or _title_head(token)):
            continue
        end = token.i + 1
        while end < len(toks) and end - token.i <= 3 and end not in covered and \
                _name_word(toks[end], lower, first=end == token.i + 1):
            end += 1
        size = end - token.i - 1
        if size >= (1 if honorific else 2) and not (end < len(toks) and toks[end].is_title):
            names.append(Span(doc, token.i + 1, end, label="Person"))
            covered |= set(range(token.i + 1, end))
    return names


def _title_head(token: Token) -> bool:
    """Return whether a word heads a title, in any case and number ("Governor", "foreign
    secretaries" by its lemma)."""
    return token.lower_ in TITLE_HEADS or token.lemma_.lower() in TITLE_HEADS


@rule("given_name_pairs", off=[])
def given_name_pairs(doc: Doc, covered: set[int]) -> list[Span]:
    """Return person names NER missed altogether ("Mikel Oyarzabal scored"): a given name
    and one more capitalised proper noun, outside any entity, neither word written in lower
    case in the article nor a country or city, with no capitalised word on either side (so
    no part of a longer name such as "Grace Lutheran Church")."""
    lower = lowercase_words(doc)
    names = []
    toks = tokens(doc)
    for token in toks[:-1]:
        i, nxt = token.i, toks[token.i + 1]
        if i in covered or i + 1 in covered or token.ent_type_ or nxt.ent_type_ or not (
                token.pos_ == nxt.pos_ == "PROPN" and token.is_title and nxt.is_title and
                token.is_alpha and nxt.is_alpha and len(nxt) > 2):
            continue
        before = toks[i - 1] if i > 0 else None
        after = toks[i + 2] if i + 2 < len(toks) else None
        if (before is not None and before.is_title and not token.is_sent_start) or (
                after is not None and (after.is_title or after.text in ("&", "-"))) or \
                _names_a_thing(doc, i):
            continue
        pair = doc[i:i + 2]
        if is_given_name(token.text) and not token.is_stop and token.lower_ not in lower and \
                nxt.lower_ not in lower and token.lower_ not in TITLE_WORDS | HONORIFICS and \
                nxt.text not in ORG_NAME_SUFFIXES | BODY_HEADS | FACILITY_HEADS and \
                not any(is_country_or_city(t.text) for t in pair):
            names.append(Span(doc, i, i + 2, label="Person"))
    return names


def _names_a_thing(doc: Doc, i: int) -> bool:
    """Return whether the two words from token ``i`` name a thing, not a person: "the"
    before them ("the Lisbon Open"), a slash joining them to a city or country as its other
    name ("Tāmaki Makaurau / Auckland") or an organisation noun in apposition ("Grace
    Haven, a relief agency")."""
    if i > 0 and doc[i - 1].lower_ == "the":
        return True
    after = doc[i + 3] if i + 3 < len(doc) and doc[i + 2].text == "/" else None
    if after is not None and is_country_or_city(after.text):
        return True
    return any(c.dep_ == "appos" and c.lower_ in ORG_NOUNS for c in doc[i + 1].children)


@rule("aged_names", off=[])
def aged_names(doc: Doc, covered: set[int]) -> list[Span]:
    """Return person names NER missed that the article gives an age ("Surendra Kumar Sinha,
    70, was ..."): two or three capitalised proper nouns in no entity, none a title or a
    country, a city or a body's word, followed by an age between commas."""
    from kg.extract.person_evidence import age_follows

    names = []
    toks = tokens(doc)
    for token in toks[:-4]:
        i = token.i
        if not (token.is_title and token.is_alpha and token.pos_ == "PROPN"):
            continue  # the name's first word, which every size below requires
        for size in (3, 2):
            if i + size >= len(toks) or any(
                    j in covered or toks[j].ent_type_ not in ("", "ORG", "GPE", "NORP")
                    for j in range(i, i + size)) or (i > 0 and toks[i - 1].is_title and
                                                      not toks[i - 1].is_sent_start):
                continue
            words = doc[i:i + size]
            if all(t.is_title and t.is_alpha and t.pos_ == "PROPN" and
                   t.lower_ not in TITLE_WORDS | HONORIFICS and lookup_country(t.text) is None
                   and t.text not in ORG_NAME_SUFFIXES | BODY_HEADS | FACILITY_HEADS
                   for t in words) and not is_city(words.text) and age_follows(words):
                names.append(Span(doc, i, i + size, label="Person"))
                covered |= set(range(i, i + size))
                break
    return names


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


@per_doc
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


@Language.component("kg_actors", assigns=["doc.spans"], requires=["doc.ents"])
@reads_disabled_once
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
