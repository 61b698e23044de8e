"""The type votes of one mention: its label, plus the evidence around it (a match result, an
employer's title, an office held over it, a locative word, a noun of land or water).

:func:`kg.extract.types.decide_types` pools these votes over all the mentions of a name.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from kg.ablation import rule
from kg.extract.countries import lookup_country
from kg.extract.knowledge import is_country_or_city, is_given_name
from kg.extract.known_places import (
    known_place,
    named_subdivision,
    names_a_known_place,
    subdivision_before_kind,
)
from kg.extract.person_evidence import LOCATIVE, named_after_town, person_evidence
from kg.extract.place_context import (
    conjunct_place_evidence,
    group_place_evidence,
    more_geo_nouns,
)
from kg.extract.syntax import POSSESSIVES
from kg.lexicon.organisations import BODY_HEADS, ORG_NAME_SUFFIXES
from kg.lexicon.people import TITLE_HEADS, TITLE_WORDS

#: Types a name may move between; the others are decided by lists and patterns.
CONTESTED = ("Person", "Organization", "Place", "Product", "Group")
#: Verbs of a match result: their subject and object are teams or players ("Leicestershire
#: beat Somerset", "Essex drew with Kent").
RESULT_VERBS = frozenset(
    "beat defeat edge rout thrash crush overcome outclass draw tie lose trail".split())
#: Prepositions of a match result and the verbs they follow ("drew with Kent", "lost to
#: Kent"; not "drew crowds to City Hall").
RESULT_PREPOSITIONS = {"with": frozenset("draw tie level".split()), "to": frozenset({"lose"})}
#: Weight of a mention's evidence against one vote per NER label.
EVIDENCE = 2


@rule("team_evidence")
def team_evidence(span: Span) -> bool:
    """Return True when a mention is a side in a match result: subject or object of a result
    verb ("Essex beat Kent"), or followed by a score in a results line ("Essex 372", "Lyon 2
    Nantes 1"). A number after a locative preposition's object numbers a district ("flats in
    Colombo 3 (Kollupitiya)"): no side is "in" a results line."""
    from kg.extract.actor_junk import is_table_figure
    from kg.extract.table_names import in_table_row

    doc, root = span.doc, span.root
    head = root.head
    if root.dep_ in ("nsubj", "dobj") and head.lemma_ in RESULT_VERBS:
        return True
    if root.dep_ == "pobj" and head.head.lemma_ in RESULT_PREPOSITIONS.get(head.lower_, ()):
        return True
    score = doc[span.end] if span.end < len(doc) else None
    after_locative = span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE
    return score is not None and not after_locative and score.like_num and \
        score.ent_type_ != "DATE" and (  # "NEW YORK 1996-08-30": a dateline
            is_table_figure(score) or in_table_row(score))


#: Titles of public office, of government, the courts and the police: "Paris mayor Anne Hidalgo",
#: "Lyon prosecutor Marc Rey" and "Harlow County Sheriff Dana Reyes" say the name is a city's
#: or a county's, not an employer's.
PUBLIC_OFFICES = frozenset(
    """mayor governor senator sen. minister president premier prime ambassador king queen prince
    princess pope chancellor envoy commissioner congressman congresswoman rep. speaker
    secretary attorney judge justice general admiral colonel lieutenant commander leader
    president-elect deputy representative official officials prosecutor attorney-general
    magistrate coroner sheriff constable inspector detective sergeant treasurer councillor
    councilor councilman councilwoman alderman alderwoman assemblyman assemblywoman
    assemblymember""".split())


@rule("employer_evidence")
def employer_evidence(span: Span) -> bool:
    """Return True when a mention is followed by a title that is no public office and a
    person's name ("United manager Ruben Amorim", "Motherwell boss Graham Alexander"): it
    names the person's employer or club, an organisation."""
    if lookup_country(span.text) is not None:
        return False  # "France coach Didier Deschamps": a country's team is the country
    return _employee_follows(span.doc, span.end)


def _employee_follows(doc: Doc, start: int) -> bool:
    """Return whether a title that is no public office and a person's name start at token
    ``start`` ("manager Ruben Amorim")."""
    i, heads = start, 0
    while i < len(doc) and i < start + 3 and (
            doc[i].lower_ in TITLE_WORDS or doc[i].lower_ in EMPLOYEE_WORDS):
        if doc[i].lower_ in PUBLIC_OFFICES:
            return False
        heads += doc[i].lower_ in TITLE_HEADS or doc[i].lower_ in EMPLOYEE_WORDS
        i += 1
    return heads > 0 and i < len(doc) and doc[i].ent_type_ == "PERSON"


#: Nouns of employment that are not in the title list ("Motherwell boss", "Apple owner").
EMPLOYEE_WORDS = frozenset({"boss", "owner", "chief"})


#: Offices held over a place: "the mayor of Eastbrook" says Eastbrook is a town.
PLACE_OFFICES = frozenset("mayor governor premier".split())


@rule("office_of_evidence")
def office_of_type(span: Span) -> str | None:
    """Return the type a mention has as what a title is of: a place for a mayor or governor
    ("the mayor of Eastbrook"), else an organisation ("the chairman of Northwind"); None
    when no title governs it. A person is never what an office is of, nor a name after the
    office's field in lower case ("director general of civil aviation X": X holds it)."""
    root = span.root
    of = root.head
    if span.label_ == "Person" and is_given_name(span[0].text) and len(span) > 1:
        return None  # "the wife of Lena Ortiz"-like phrases name a person
    if root.dep_ != "pobj" or of.lower_ != "of" or of.head.lower_ not in TITLE_HEADS:
        return None
    if any(t.is_lower and t.is_alpha and not t.is_stop for t in span.doc[of.i + 1:span.start]):
        return None  # "director general of civil aviation Lukman Siregar": the holder
    return "Place" if of.head.lower_ in PLACE_OFFICES or known_place(span) else "Organization"




@rule("place_evidence")
def place_evidence(span: Span) -> bool:
    """Return True when the words around a mention say it is a place: the object of a
    locative preposition ("near Tavildara", not "in Smith's view"), a name followed by its
    country ("Longyear, Norway"), or the dateline. The dateline and the country say where a
    report was filed, not what its name is elsewhere: a name the article's results make a
    side ("Wigan beat Bradford", "Wigan 42") is its club there, and they say nothing."""
    from kg.extract.actor_context_places import place_with_country
    from kg.extract.boilerplate import in_ranges

    doc = span.doc
    if in_ranges(span.start_char, span.end_char, doc._.kg_datelines) or \
            place_with_country(span):
        return not _a_side_elsewhere(span)
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ == "the" and span.start > 1 and \
            doc[span.start - 2].lower_ in LOCATIVE | {"across", "through"} and len(span) == 1 \
            and span.text not in BODY_HEADS | ORG_NAME_SUFFIXES:
        return True  # "land in the Amazon" (not "in the Senate")
    # "a stake in Opel" is no place: "in" counts only against a person label
    prepositions = LOCATIVE if span.label_ == "Person" else LOCATIVE - {"in", "into"}
    return before is not None and before.lower_ in prepositions and not (
        after is not None and after.text in POSSESSIVES) and not _starts_a_body_name(span)


def _starts_a_body_name(span: Span) -> bool:
    """Return whether the mention opens a longer name the model labels an organisation in
    the article and no gazetteer knows it as a country or city ("skewed towards Northrop"
    beside "Northrop Grumman"): the body's short form, whatever preposition governs it."""
    prefix = span.text + " "
    return not is_country_or_city(span.text) and any(
        ent.label_ == "ORG" and ent.text.startswith(prefix) for ent in span.doc.ents)


def _a_side_elsewhere(span: Span) -> bool:
    """Return whether another mention of the name is a side in a match result
    (:func:`team_evidence`): the name is a club's in that article."""
    from kg.extract.actors import ACTORS_KEY

    doc, key = span.doc, span.text.lower()
    mentions = doc.spans[ACTORS_KEY] if ACTORS_KEY in doc.spans else doc.ents
    return any(m.text.lower() == key and m.start != span.start and team_evidence(m)
               for m in mentions)


#: Nouns of land and water that say the name next to them is a place: after it in lower case
#: ("Polillo island", "the Sierra Madre mountain range"), before it with "of" ("the coastal
#: town of Burdeos"), or, capitalised, as its last word ("Ohio Valley").
GEO_FEATURE_NOUNS = frozenset(
    """island islands isle province region district county river mountains mountain range
    valley peninsula lake bay coast desert plateau basin delta gulf strait archipelago sea
    prefecture municipality village town city area suburb neighbourhood neighborhood
    township""".split())
#: Nouns of people by where they live or come from: with "of" before a name they say it is a
#: place ("a 26-year-old resident of Newport", "a native of Ikeja").
RESIDENT_NOUNS = frozenset("resident residents native natives".split())
#: Of those, the ones that also end the names of clubs and councils ("Manchester City",
#: "Swindon Town", "Derby County"): as a capitalised last word they say nothing.
_CLUB_NAME_ENDS = frozenset("city town county village".split())
#: Last words of the names of waters that also end broadcasters' names ("the Mozambique
#: Channel", "the History Channel"): a place's name only after a place the gazetteers know.
_PLACE_LED_WATERS = frozenset({"channel"})


@rule("geo_feature_place")
def geo_feature_evidence(span: Span) -> bool:
    """Return True when a noun of land or water next to a name says it is a place: "Polillo
    island", "the Sierra Madre mountain range", "the coastal town of Burdeos", "Ohio
    Valley", "the Aksa area", "a resident of Newport" (a name ending in "City", "Town" or
    "County" may be a club's, one ending in "Channel" a broadcaster's unless a known place
    leads it: "the Mozambique Channel")."""
    doc = span.doc
    last = span[-1]
    if len(span) > 1 and last.is_title and last.lower_ in GEO_FEATURE_NOUNS - _CLUB_NAME_ENDS:
        return True
    if len(span) > 1 and last.is_title and last.lower_ in _PLACE_LED_WATERS and \
            names_a_known_place(span[:-1]):
        return True  # "the Mozambique Channel", not "the History Channel"
    if named_subdivision(span) and not team_evidence(span):
        return True  # "Ross County 2 Alloa 1": a club named after its county
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and subdivision_before_kind(span, after):
        return True
    nouns = GEO_FEATURE_NOUNS | more_geo_nouns()
    if after is not None and after.is_lower and after.lower_ in nouns and \
            after.pos_ in ("NOUN", "PROPN") and (span.root.head.i >= span.end or (
                span.root.dep_ == "conj" and span.root.head.head.i == after.i)):
        return True  # "Polillo island", "the Madh Island and Aksa area"
    return span.start > 1 and doc[span.start - 1].lower_ == "of" and \
        doc[span.start - 2].is_lower and doc[span.start - 2].lower_ in \
        nouns | RESIDENT_NOUNS or _said_to_be_a_place(span)


def _said_to_be_a_place(span: Span) -> bool:
    """Return True for the subject of "is a ..." whose noun is one of land or water ("Kalvaro
    is a town of 9,000 people", "Lissa is a small island"), as "X is a thin laptop" makes a
    product (:func:`kg.extract.products.product_context`)."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
        c.dep_ == "attr" and c.lower_ in GEO_FEATURE_NOUNS for c in root.head.children)


def mention_votes(span: Span) -> Counter:
    """Return the type votes of one mention: its label, plus evidence."""
    from kg.extract.actor_context_places import region_after_place

    votes = Counter({span.label_: 1})
    if span.label_ == "Product" and not span._.kg_product_label_only:
        votes["Product"] += EVIDENCE  # a product label comes from evidence ("iPhone 4", sold)
    elif span.label_ != "Group" and geo_feature_evidence(span):
        votes["Place"] += EVIDENCE
    elif region_after_place(span):
        votes["Place"] += EVIDENCE  # "Statesboro, Ga.", "Dilasag, Aurora": a region
    elif person_evidence(span):
        votes["Person"] += EVIDENCE
    elif (span.label_ in ("Place", "Organization") or named_after_town(span)) and \
            team_evidence(span):
        votes["Organization"] += EVIDENCE  # "Livingston beat Falkirk", a town's club
    elif employer_evidence(span):
        votes["Organization"] += EVIDENCE
    elif office_of := office_of_type(span):
        votes[office_of] += EVIDENCE
    elif place_evidence(span) or conjunct_place_evidence(span) or \
            group_place_evidence(span):
        votes["Place"] += EVIDENCE
    return votes
