"""Where an actor's name starts and ends: the corrections kg makes to the NER model's spans
(scores and numbers cut off, titles stripped, name particles and given names added, run-on
names split) before the mention is typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, disabled_names, rule
from kg.extract.actor_junk import split_place_list
from kg.extract.actor_patterns import bodies_before_brackets, name_before_bracket
from kg.extract.boilerplate import doc_text
from kg.extract.countries import lookup_country
from kg.extract.doc_memo import lower_case_words, per_doc, scratch
from kg.extract.headline_names import headline_name_parts
from kg.extract.knowledge import is_country_or_city, is_given_name
from kg.extract.syntax import POSSESSIVES, first_conjunct
from kg.extract.table_names import split_at_scores
from kg.lexicon.organisations import BODY_HEADS, ORG_NAME_SUFFIXES
from kg.lexicon.people import (
    NAME_SUFFIXES,
    RANK_ABBREVIATIONS,
    TITLE_HEADS,
)
from kg.lexicon.places import FACILITY_HEADS

_FIGURE_RE = re.compile(r"^[\W\d_]+$|^v$|^vs\.?$")


#: Labels NER gives names that a score or number ran into ("Surrey 429-7" as LAW).
_FIGURE_LABELS = frozenset("CARDINAL QUANTITY MONEY PERCENT LAW WORK_OF_ART PRODUCT "
                           "EVENT ORDINAL".split())


@rule("figures_trim", off=PASS_THROUGH)
def without_figures(ent: Span) -> Span:
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
        if start == ent.start and end == ent.end - 1 and label != "EVENT" and \
                _numbered_product(ent):  # a numbered event is a match's ("Game 4")
            return Span(ent.doc, ent.start, ent.end, label="PRODUCT")  # "the Fenix 8"
        label = _label_from_knowledge(ent.doc[start:end])
    elif _after_entry_time(ent, start) and not _written_again(ent.doc[start:end]):
        label = _label_from_knowledge(ent.doc[start:end])  # "22:57 Turnout, according to"
    return Span(ent.doc, start, end, label=label)


@rule("credit_slash_split", off=None)
def split_at_credit_slash(ent: Span) -> list[Span] | None:
    """Return the names on either side of a slash written close after a full name, or before
    words that start a name going on past the entity ("Ama Mensah" and "Reuters" of "(Ama
    Mensah/Reuters)", "Orvane" of "(Orvane/The Daily Star)"): a credit joins the
    photographer or source and the agency so, two names. The second is a person's when a
    given name starts it, else the agency's; a name cut off mid-way is left out. A slash
    between two words of one name ("AC/DC", "Tyco/ADT") stays: None, unless the article
    names the word before it alone elsewhere ("ITV/Rex Features" beside "Bosses at ITV")."""
    doc = ent.doc
    runs_on = ent.end < len(doc) and doc[ent.end].is_title and bool(doc[ent.end - 1].whitespace_)
    for token in ent[1:-1]:
        if token.text != "/" or token.whitespace_ or doc[token.i - 1].whitespace_:
            continue
        if not (runs_on or doc[token.i + 1].lower_ == "the" or token.i - ent.start >= 2 or
                _named_alone(doc[ent.start:token.i])):
            return None
        parts = [Span(doc, ent.start, token.i, label=ent.label_)]
        after = doc[token.i + 1:ent.end]
        if not runs_on and all(t.is_title or t.is_upper for t in after if t.is_alpha):
            person = len(after) >= 2 and is_given_name(after[0].text)
            parts.append(Span(doc, after.start, after.end, label="PERSON" if person else "ORG"))
        return parts
    return None


def _named_alone(part: Span) -> bool:
    """Return whether the article names ``part`` on its own elsewhere, an entity of the
    model's of just those words ("ITV" beside "ITV/Rex Features"): a name, not half of
    one ("AC" of "AC/DC")."""
    return any(e.text == part.text and e.start != part.start for e in part.doc.ents)


def _after_entry_time(ent: Span, start: int) -> bool:
    """Return whether the words cut from the start of an entity end in the time of day that
    opens a live blog's entry ("22:57 Turnout, according to ..."): the word after it starts
    the entry, so its capital, which the model read as a name's, is no evidence of one."""
    from kg.extract.actor_junk import CLOCK_TIME_RE, starts_sentence_or_line

    doc = ent.doc
    last = start - 1
    while last > ent.start and doc[last].text in _ENTRY_DASHES:
        last -= 1  # "14:14 - Airport firefighters reach ..."
    return ent.start <= last < start < ent.end and \
        CLOCK_TIME_RE.match(doc[last].text) is not None and starts_sentence_or_line(doc[start])


#: Dashes written between a live blog entry's time and its first word.
_ENTRY_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _written_again(name: Span) -> bool:
    """Return whether the article writes a name's words at another place too, as a name of
    their own: not inside a longer capitalised name ("Airport" of "Malvinas Argentinas
    International Airport")."""
    doc = name.doc
    found = re.finditer(rf"\b{re.escape(name.text)}\b", doc_text(doc))
    return any(m.start() != name.start_char and not _inside_longer_name(doc, m.start(), m.end())
               for m in found)


def _inside_longer_name(doc: Doc, start_char: int, end_char: int) -> bool:
    """Return whether the words at these characters have a capitalised word right before
    (one that does not open the sentence) or right after them."""
    words = doc.char_span(start_char, end_char, alignment_mode="expand")
    if words is None:
        return False
    before = doc[words.start - 1] if words.start > 0 else None
    after = doc[words.end] if words.end < len(doc) else None
    return (before is not None and before.is_title and not before.is_sent_start) or \
        (after is not None and after.is_title)


#: Words that introduce examples of the noun before them ("watches, including the X").
_EXAMPLE_WORDS = frozenset(("including", "as", "like"))


def _numbered_product(ent: Span) -> bool:
    """Return True for a name NER labelled a law, a work or a number whose last word is a
    model number, not a score ("the Fenix 8", "Forerunner 965"), when the article says it is
    a product: a noun for a device after it ("Xiaomi 15 phones"), a device noun it is an
    example of ("its watches, including the Fenix 8 and the Venu 4"), or a first word the
    article writes before another model number (a line of models)."""
    from kg.extract.products import names_a_model_line, score_follows
    from kg.extract.table_names import in_table_row
    from kg.lexicon.products import MACHINE_NOUNS, PRODUCT_NOUNS

    name = [t for t in ent[:-1] if t.lower_ != "the"]
    number = ent[-1]
    if not name or len(name) > 3 or not all(t.is_alpha and t.is_title for t in name) or \
            not number.is_digit or in_table_row(number) or score_follows(number):
        return False  # a comma after the number is no score here: the evidence decides
    nouns = PRODUCT_NOUNS | MACHINE_NOUNS
    root = first_conjunct(ent.root)  # "the Fenix 8 and [the Venu 4]"
    head = root.head
    described = head.i >= ent.end and head.pos_ == "NOUN" and head.lemma_.lower() in nouns
    example = root.dep_ == "pobj" and head.lower_ in _EXAMPLE_WORDS and \
        head.head.pos_ == "NOUN" and head.head.lemma_.lower() in nouns
    return described or example or names_a_model_line(name[0])


_DASHES = frozenset(("-", "--", "–", "—"))


def entity_name(ent: Span) -> Span:
    """Return the name an entity gives once kg's bounds are applied to it: without the
    scores of a results table, the line breaks and brackets NER ran into it ("Bristol City
    4" → "Bristol City", "the Boston Red Sox 7-0") or the share it moved ("Westpac 1.8 per
    cent"), with the number that ends a division's name ("League Division One"). An entity
    whose cut holds a dash ending it ("SOCCER -": a section label before a headline) or a
    number that is neither ("Terminal 3 of the airport") stays as written."""
    trimmed = without_figures(ent)
    cut = [t for t in ent if not trimmed.start <= t.i < trimmed.end]
    if any((t.text in _DASHES and (t.whitespace_ or t.i == ent.end - 1)) or
           (t.like_num and not (_score(t) or _percentage(t))) for t in cut):
        trimmed = ent
    return with_division_number(trimmed)


def _percentage(token: Token) -> bool:
    """Return whether a number is a percentage ("1.8 per cent", "3 percent", "12%"): a
    figure the sentence gives of the name before it, never part of that name."""
    doc, i = token.doc, token.i + 1
    if i >= len(doc):
        return False
    return doc[i].text == "%" or doc[i].lower_ in ("percent", "pct") or (
        doc[i].lower_ == "per" and i + 1 < len(doc) and doc[i + 1].lower_ == "cent")


def _score(token: Token) -> bool:
    """Return whether a number is a score: in a results table or a match result's row
    ("Newport 29 Caerphilly 10"), followed by punctuation or a line break, or one side of
    "7-0"."""
    from kg.extract.actor_junk import is_table_figure
    from kg.extract.table_names import in_table_row

    doc, i = token.doc, token.i
    joined = (i + 2 < len(doc) and doc[i + 1].text == "-" and not token.whitespace_ and
              doc[i + 2].like_num) or (i >= 2 and doc[i - 1].text == "-" and
                                       not doc[i - 2].whitespace_ and doc[i - 2].like_num)
    return joined or is_table_figure(token) or in_table_row(token)


def _label_from_knowledge(name: Span) -> str:
    """Return an NER label for a name cut out of a number-like entity, from what kg knows
    about its words (a country, a city, a given name: not an article the tagger reads as
    one, "The" of "The Morning Ledger:"), else ``""`` (no actor)."""
    if not all(t.is_title or t.is_upper for t in name if t.is_alpha) or \
            name.text in FACILITY_HEADS:
        return ""  # a site's head alone names no site ("14:14 - Airport firefighters")
    if is_country_or_city(name.text):
        return "GPE"
    if len(name) >= 2 and name[0].pos_ != "DET" and is_given_name(name[0].text):
        return "PERSON"
    return ""


@rule("person_after_office", off=PASS_THROUGH)
def person_after_office(ent: Span) -> Span:
    """Return the person's name at the end of an "organisation" that is the rest of a title
    ("President of [the Republic Marko Novak]" → "Marko Novak"): after "of", a name of two
    or three capitalised words starting with a given name, after what the office is of (a
    capitalised word: not "the [Roman Curia]", "the US [Marine Corps]"); else the entity.
    The word before "of" must be an office ("the finale of [the Dar Al Noor] show" holds no
    person: "Al" is a given name, a finale no office)."""
    doc = ent.doc
    if ent.label_ not in ("ORG", "GPE") or ent.start < 2 or doc[ent.start - 1].lower_ != "of" \
            or doc[ent.start - 2].lower_ not in TITLE_HEADS:
        return ent
    for i in range(ent.start + 1, ent.end - 1):
        name = doc[i:ent.end]
        if len(name) <= 3 and is_given_name(doc[i].text) and all(
                t.is_title and t.is_alpha for t in name) and \
                name[-1].text not in ORG_NAME_SUFFIXES | BODY_HEADS and \
                _office_domain(doc[ent.start:i]):
            return Span(doc, i, ent.end, label="PERSON")
    return ent


def _office_domain(words: Span) -> bool:
    """Return whether the words between "of" and a name say what an office is of: a
    capitalised word that is no acronym and no country ("the Republic", "Defense"), not a
    bare "the" nor "the US" opening a body's name ("the US Marine Corps")."""
    return any(t.is_title and t.is_alpha and t.lower_ != "the" and
               lookup_country(t.text) is None for t in words)


@per_doc
def _entity_labels(doc: Doc) -> dict[str, str]:
    """Return entity text → NER label, for the names the article writes on their own."""
    return {e.text: e.label_ for e in doc.ents}


@rule("split_run_on_name", off=None)
def _split_run_on_name(ent: Span) -> list[Span] | None:
    """Return a person entity cut to a full name the article writes on its own, when NER ran
    it on into the next words ("Donald Trump Seattle (pictured) was ...": a photo caption
    before the text), with the rest as an entity if the article also names it alone. A
    rank's abbreviations ("Pol Lt Col Anan Srisuk") are a title before the name, so a cut
    must leave a full name after them, not a given name alone ("Pol Lt Col Anan")."""
    if ent.label_ != "PERSON" or len(ent) < 3:
        return None
    labels, doc = _entity_labels(ent.doc), ent.doc
    for cut in range(ent.end - 1, ent.start + _rank_words(ent) + 1, -1):
        if labels.get(doc[ent.start:cut].text) == "PERSON" and \
                doc[cut].lower_ not in NAME_SUFFIXES:
            out = [Span(doc, ent.start, cut, label="PERSON")]
            rest = labels.get(doc[cut:ent.end].text)
            if rest is not None and rest != "PERSON":
                out.append(Span(doc, cut, ent.end, label=rest))
            return out
    return None


def _rank_words(ent: Span) -> int:
    """Return how many abbreviated ranks open ``ent`` ("Pol Maj Gen Anan Srisuk": three)."""
    count = 0
    while count < len(ent) and ent[count].lower_ in RANK_ABBREVIATIONS:
        count += 1
    return count


#: Last words of the names of divisions and stages that a number ends ("Division One").
NUMBERED_NAME_HEADS = frozenset("Division League Group Conference Tier Zone Round Stage".split())


@rule("numbered_name_bounds", off=PASS_THROUGH)
def with_division_number(ent: Span) -> Span:
    """Return an organisation's name with the number that ends it ("League Division One",
    "Group 2") and the names joined before it after "the" ("the Lancashire and Cheshire
    League", where NER took only "Cheshire League"), unless the name before "and" is the
    first word of this one ("the Macbook and Macbook Pro" names two products) or a plural
    noun follows ("the Belle and Hampton stations": two stations)."""
    if ent.label_ != "ORG":
        return ent
    doc, start, end = ent.doc, ent.start, ent.end
    if ent[-1].text in NUMBERED_NAME_HEADS and end < len(doc) and doc[end].like_num and \
            (doc[end].is_title or doc[end].is_digit) and len(doc[end].text) <= 5 and \
            doc[end].ent_type_ in ("", "CARDINAL"):
        end += 1
    if start >= 3 and doc[start - 1].lower_ == "and" and doc[start - 2].pos_ == "PROPN" and \
            doc[start - 2].is_title and doc[start - 3].lower_ == "the" and \
            doc[start - 2].text != ent[0].text and not _names_plural_noun(doc, end):
        start -= 2  # not "the Macbook and Macbook Pro", nor "the Belle and Hampton stations"
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label="ORG")


def _names_plural_noun(doc: Doc, end: int) -> bool:
    """Return whether a lower-case plural noun follows a name at ``end`` ("the Belle and
    Hampton stations"): the names joined by "and" are two, one of each."""
    return end < len(doc) and doc[end].tag_ == "NNS" and doc[end].is_lower


@rule("split_at_spaced_dash", off=None)
def _split_at_spaced_dash(ent: Span) -> list[Span] | None:
    """Return the names on either side of a dash written with spaces that NER ran over
    ("Goalkeepers - Ole Strand", "Sri Lanka - Arjuna Ranatunga": a list's label, then its
    first item), each labelled by what kg knows of its words (a country or city, a given
    name), else, if longer than a word, as the entity; one word the article also writes in
    lower case is that common word ("Central Java - Visitors who ..."); one word kg knows
    nothing of is a name only after the dash as a noun of its own ("San Jose - Cisco"): a
    list's label ("Goalkeepers") or a word describing the noun after it ("Gold - Moribund
    market") is none, nor is a date ("May 31 - June 2" in an itinerary: "May" is no
    person). None: no such dash, only figures on one side, or a body's full name and the
    short name the article writes alone (:func:`_body_and_short_name`)."""
    doc = ent.doc
    cuts = [t.i for t in ent[1:-1] if t.text in _DASHES and t.whitespace_ and
            doc[t.i - 1].whitespace_]
    if not cuts or ent.label_ == "PLAN":
        return None
    bounds = list(zip([ent.start] + [c + 1 for c in cuts], [*cuts, ent.end], strict=True))
    parts = [doc[a:b] for a, b in bounds]
    if any(not any(t.is_alpha for t in part) for part in parts):
        return None  # "8 - Luc Nilis": a number, then the name (:func:`without_figures`)
    if _body_and_short_name(parts, ent):
        return None
    out = []
    for part in parts:
        if _a_date(part):
            continue
        label = _label_from_knowledge(part)
        if not label and len(part) == 1 and part[0].lower_ in lower_case_words(doc):
            continue  # "Central Java - Visitors who ...": the article writes "visitors"
        label = label or (
            ent.label_ if len(part) > 1 or _proper_noun_after(part, ent) else "")
        if label:
            out.append(Span(doc, part.start, part.end, label=label))
    return out


def _body_and_short_name(parts: list[Span], ent: Span) -> bool:
    """Return whether a body's full name and, after the dash, the short name the article
    also writes alone are one official name ("National Water Authority - Apavest" and later
    "Apavest"): the short name is that body's, no second actor."""
    if ent.label_ != "ORG" or len(parts) != 2 or len(parts[0]) < 2 or \
            parts[0][-1].text not in BODY_HEADS or _label_from_knowledge(parts[1]):
        return False
    short = parts[1].text
    return any(doc_text == short for doc_text in _texts_outside(ent, len(parts[1])))


def _texts_outside(ent: Span, size: int) -> Iterator[str]:
    """Yield the texts of every run of ``size`` tokens of the document outside ``ent``."""
    doc = ent.doc
    for i in range(len(doc) - size + 1):
        if i + size <= ent.start or i >= ent.end:
            yield doc[i:i + size].text


def _a_date(part: Span) -> bool:
    """Return whether a part of a name is a date: a month's name beside a number ("May
    31", "2 June")."""
    from kg.extract.dates import MONTHS

    months = set(MONTHS)
    return any(t.lower_ in months and (
        (t.i + 1 < part.end and t.nbor().like_num) or (t.i > part.start and t.nbor(-1).like_num))
        for t in part)


def _proper_noun_after(part: Span, ent: Span) -> bool:
    """Return whether a one-word part after a dash is a proper noun that describes no noun
    outside the entity ("Cisco", not "Moribund" of "Moribund market")."""
    token = part[0]
    return part.start > ent.start and token.pos_ == "PROPN" and not (
        token.dep_ in ("compound", "amod") and not ent.start <= token.head.i < ent.end)


@rule("join_split_company_name", off=PASS_THROUGH)
def _joined_company_names(ents: list[Span]) -> list[Span]:
    """Return the entities with a company's name that NER cut before a word that
    is also a given name joined again ("Lockheed" + "Martin" → "Lockheed Martin"): an
    organisation, then one capitalised word the model labels a product or person, written
    right after it."""
    from kg.extract.knowledge import is_given_name

    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "ORG" and prev.end == ent.start and \
                doc[prev.end - 1].whitespace_ and len(ent) == 1 and ent[0].is_title and \
                ent.label_ in ("PRODUCT", "PERSON") and is_given_name(ent.text) and \
                doc[prev.end - 1].is_alpha:
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def ner_entities(doc: Doc) -> tuple[Span, ...]:
    """Return the entities of ``doc`` with run-on person names, joined names, the two sides
    of a score in a table row, names joined by a spaced dash or a credit's slash and a list
    of places split, a company's name NER cut joined again, a body's name run on to its
    bracketed abbreviation (or found before it where the model read none), and headline
    names cut to the words the body writes as names.
    Made once while the document's entities and the rules switched off stay the same: the
    actors and two of their context rules ask for them."""
    kept = scratch(doc)
    state = (tuple((e.start, e.end, e.label, e.kb_id) for e in doc.ents), disabled_names())
    last_state, made = kept.get("ner_entities", (None, ()))
    if last_state != state:
        made = tuple(_split_entities(doc))
        kept["ner_entities"] = (state, made)
    return made


def _split_entities(doc: Doc) -> Iterator[Span]:
    """Yield :func:`ner_entities`, made anew."""
    ents = sorted([*doc.ents, *bodies_before_brackets(doc)], key=lambda e: e.start)
    for ent in _joined_company_names(ents):
        parts = headline_name_parts(ent)
        if parts is not None:
            yield from parts
            continue
        ent = name_before_bracket(_with_place_after_of(ent))
        yield from _split_run_on_name(ent) or split_at_scores(ent) or \
            _split_at_spaced_dash(ent) or split_at_credit_slash(ent) or \
            split_place_list(ent) or [ent]


@rule("org_of_place_join", off=PASS_THROUGH)
def _with_place_after_of(ent: Span) -> Span:
    """Return an organisation's name that ends in "of" joined to the country or place the
    gazetteer marked right after it ("Revolutionary Armed Forces of" + "Colombia"): no
    name ends in "of", so the place completes it."""
    doc = ent.doc
    if ent.label_ != "ORG" or len(ent) < 2 or ent[-1].lower_ != "of" or ent.end >= len(doc):
        return ent
    nxt = doc[ent.end]
    if nxt.ent_iob_ != "B" or nxt.ent_type_ not in ("GPE", "LOC", "KG_DEMONYM"):
        return ent
    end = ent.end + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, ent.start, end, label="ORG")


def strip_possessive(ent: Span) -> Span:
    """Return a name without its possessive ending and (groups aside) a leading "the"."""
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].text in POSSESSIVES:
        end -= 1
    start = ent.start
    if ent.label_ != "KG_GROUP" and end - ent.start > 1 and _leading_the(ent):
        start += 1
    return Span(ent.doc, start, end, label=ent.label_)


@rule("leading_the_trim")
def _leading_the(ent: Span) -> bool:
    """Return True when a name starts with "the" that is no part of it ("the Kremlin")."""
    return ent.doc[ent.start].lower_ == "the"
