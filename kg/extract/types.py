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
contradict it (:func:`kg.extract.type_overrides.learned_type`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.tokens import Span

from kg.ablation import PASS_THROUGH, rule
from kg.extract.countries import normalise_surface
from kg.extract.name_repeats import is_repeat
from kg.extract.place_context import learned_place
from kg.extract.type_overrides import (
    learned_type,
    named_body,
    placed_city,
    placed_known_place,
    tie_breaker,
    tie_without_given_name,
)
from kg.extract.type_votes import CONTESTED, mention_votes


def name_key(span: Span) -> str:
    """Return the key that makes two mentions one name ("the Harlan's" = "Harlan")."""
    return normalise_surface(span.text.replace("\n", " "))


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
    """Return :func:`kg.extract.type_votes.mention_votes` keeping each mention's answer (by
    its tokens and label): :func:`decide_types` asks it of most mentions twice, to find ties
    and to count. The answers are shared: their callers only read them."""
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
