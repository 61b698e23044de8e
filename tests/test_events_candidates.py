"""Tests for kg.extract.events.candidates: every clause with a trigger and a participant is
an event, agents as written, themes apart from agents, candidates below the page threshold."""

from __future__ import annotations

import pytest

from kg.extract.events import CANDIDATE_CONFIDENCE, EventInfo
from kg.extract.events.candidates import (
    TYPED_CLAUSE_CONFIDENCE,
    UNTYPED_CLAUSE_CONFIDENCE,
    clause_confidence,
)


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


def _events(nlp, text: str) -> list[EventInfo]:
    doc = nlp.make_doc(text)
    doc._.kg_published = "2024-06-14"
    return nlp(doc)._.kg_events


def _by_trigger(nlp, text: str) -> dict[str, EventInfo]:
    return {e.trigger: e for e in _events(nlp, text)}


@pytest.mark.parametrize(("text", "trigger", "agent_text"), [
    # a verb completing another takes its subject
    ("Zentra Motors plans to shut its plant in Ostrava next spring.", "shut", "Zentra Motors"),
    # a verb joined by "and" shares the subject
    ("The miners blocked the road and burned tyres outside the mine.", "burned", "The miners"),
    # a relative pronoun stands for the noun it follows
    ("Officials praised the union, which organised the strike at the depot.", "organised",
     "the union"),
    # the "by" phrase of a passive is the agent
    ("The new bridge was opened by the mayor of Tarnow.", "opened", "the mayor of Tarnow"),
])
def test_every_clause_with_a_subject_is_an_event_with_its_agent(
        nlp, text: str, trigger: str, agent_text: str) -> None:
    event = _by_trigger(nlp, text)[trigger]
    assert event.agent_text == agent_text


@pytest.mark.parametrize(("text", "trigger"), [
    ("Shares of Zentra Motors fell sharply after the report.", "fell"),
    ("The old ferry sank near the harbour of Split.", "sank"),
])
def test_subject_that_undergoes_the_happening_is_no_agent(nlp, text: str,
                                                          trigger: str) -> None:
    event = _by_trigger(nlp, text).get(trigger)
    assert event is None or (event.agent_text == "" and event.agents == ())


def test_subject_of_a_falling_verb_is_its_target_not_repeated_in_the_label(nlp) -> None:
    [event] = [e for e in _events(nlp, "Zentra Motors shares fell on Tuesday.")
               if e.trigger == "fell"]
    assert event.agents == () and [t.split("/")[1] for t in event.targets] == ["zentra-motors"]
    assert event.label == "Zentra Motors shares fell"


def test_clause_events_below_named_typed_ones_in_confidence(nlp) -> None:
    events = _by_trigger(nlp, "Ostrava police arrested two men. The crowd waved flags.")
    assert events["waved"].confidence < CANDIDATE_CONFIDENCE  # no named participant


@pytest.mark.parametrize(("confidence", "type_", "expected"), [
    (0.9, "attack", TYPED_CLAUSE_CONFIDENCE),
    (0.9, "other", UNTYPED_CLAUSE_CONFIDENCE),
    (0.3, "attack", 0.3),
])
def test_clause_confidence(confidence: float, type_: str, expected: float) -> None:
    assert clause_confidence(confidence, type_) == expected


def test_light_verb_and_its_event_noun_make_one_event(nlp) -> None:
    events = _events(nlp, "Valdoria launched an invasion of Norland on 3 May 2024.")
    assert [e.trigger for e in events] == ["invasion"]


def test_event_noun_with_an_owner_is_an_event(nlp) -> None:
    events = _events(nlp, "Talks resumed after Norland's invasion of Valdoria, diplomats said.")
    invasion = next(e for e in events if e.trigger == "invasion")
    assert invasion.type == "attack" and [a.split("/")[1] for a in invasion.agents] == ["norland"]


def test_speech_clause_without_a_statement_is_a_candidate(nlp) -> None:
    events = _events(nlp, "Ostrava officials said the depot would reopen soon.")
    said = [e for e in events if e.trigger == "said"]
    assert all(e.confidence < CANDIDATE_CONFIDENCE for e in said)


def test_secondary_clause_takes_no_date_from_another_sentence(nlp) -> None:
    events = _by_trigger(nlp, "The council met on Monday. Later the mayor, who opposed the "
                              "plan, left the party.")
    opposed = events["opposed"]
    assert opposed.date.precision == "fuzzy" and opposed.date_basis == "publication"


@pytest.mark.parametrize(("text", "trigger"), [
    # a headline's participle is a passive without its auxiliary
    ("Zentra Motors allowed to bid for rail contracts", "allowed"),
    ("Karel Novak appointed as Zentra Motors chief", "appointed"),
    # a verb joined by "and" with a passive of its own does not share the active subject
    ("The left wing of the glider hit the fence and was bent against it.", "bent"),
    # an index that loses an amount undergoes the fall
    ("The Ostrava Stock Index lost 2.4% on Tuesday.", "lost"),
    ("The Ostrava Stock Index gained 155 points on Tuesday.", "gained"),
])
def test_subject_that_undergoes_it_is_no_agent_in_passives_and_measures(
        nlp, text: str, trigger: str) -> None:
    event = _by_trigger(nlp, text).get(trigger)
    assert event is None or (event.agent_text == "" and event.agents == ())


def test_a_company_losing_money_is_the_agent(nlp) -> None:
    event = _by_trigger(nlp, "Zentra Motors lost $6 billion in the first quarter.")["lost"]
    assert event.agent_text == "Zentra Motors"


@pytest.mark.parametrize(("text", "trigger"), [
    # a demonstrative standing for a clause, a date, or a happening does nothing
    ("Zentra Motors cut 900 jobs. This worried the unions of Ostrava.", "worried"),
    ("The 1991 agreement barred Zentra Motors from using the name.", "barred"),
])
def test_subject_that_is_no_doer_is_no_agent(nlp, text: str, trigger: str) -> None:
    event = _by_trigger(nlp, text).get(trigger)
    assert event is None or event.agent_text == ""


@pytest.mark.parametrize(("text", "trigger"), [
    # a happening as subject or "by" phrase is a cause, and the actors inside it no agents
    ("The order, worth $15 billion, has given a boost to the Tarnow Air Show.", "given"),
    ("The show was dominated by a dispute between Zentra Motors and Velmor.", "dominated"),
    ("Velmor's decision to cut prices makes its phones cheaper.", "makes"),
    ("The suspension of trading on the Ostrava exchange followed a sharp fall.", "followed"),
    ("The meetings were dominated by the trade war between Velmor and Zentra Motors.",
     "dominated"),
])
def test_happening_as_subject_is_no_agent(nlp, text: str, trigger: str) -> None:
    event = _by_trigger(nlp, text).get(trigger)
    assert event is None or (event.agent_text == "" and event.agents == ())


@pytest.mark.parametrize(("text", "trigger"), [
    # a verb of how things stand tells no happening
    ("The package from Velmor includes a cash payment.", "includes"),
    ("The Velmor program costs 99 dollars to join.", "costs"),
    ("The new Zentra phone features a larger screen.", "features"),
    ("The layoffs at Velmor equal six percent of its staff.", "equal"),
])
def test_relation_verbs_make_no_event(nlp, text: str, trigger: str) -> None:
    assert trigger not in _by_trigger(nlp, text)


def test_a_happening_beside_a_relation_verb_stays(nlp) -> None:
    events = _by_trigger(nlp, "Velmor cut 900 jobs, which include 200 in Ostrava.")
    assert "cut" in events and "include" not in events


@pytest.mark.parametrize(("text", "trigger", "agent_text"), [
    # "we" in reported speech is the speaker's group, left as written
    ('"We have cut our prices," said Lena Berg of Velmor.', "cut", "We"),
    ("Lena Berg said we would sign the lease in May.", "sign", "we"),
    # "they" of the speakers themselves stands for them
    ("Negotiators said they had settled the dispute with Velmor.", "settled", "Negotiators"),
])
def test_we_in_reported_speech_is_not_the_speaker(nlp, text: str, trigger: str,
                                                  agent_text: str) -> None:
    assert _by_trigger(nlp, text)[trigger].agent_text == agent_text


@pytest.mark.parametrize(("text", "trigger", "agent_text"), [
    # a source that speaks stays the speaker; a body or group of people is an agent
    ("The statement said Velmor would cut prices.", "said", "The statement"),
    ("The commission of inquiry blamed Zentra Motors for the delay.", "blamed",
     "The commission of inquiry"),
])
def test_speaking_source_and_bodies_stay_agents(nlp, text: str, trigger: str,
                                               agent_text: str) -> None:
    assert _by_trigger(nlp, text)[trigger].agent_text == agent_text


@pytest.mark.parametrize(("text", "trigger", "agent_text"), [
    # an ownerless object's infinitive is done by the subject of the verb
    ("Zentra Motors has won a contract to supply the Ostrava fire brigade with trucks.",
     "supply", "Zentra Motors"),
    # so is a purpose
    ("Zentra Motors opened a plant in Brno to build electric buses.", "build",
     "Zentra Motors"),
])
def test_infinitive_without_a_subject_takes_its_controller(
        nlp, text: str, trigger: str, agent_text: str) -> None:
    event = _by_trigger(nlp, text)[trigger]
    assert (event.agent_text, event.modality) == (agent_text, "planned")


@pytest.mark.parametrize(("text", "trigger", "target"), [
    # the owner of a killing, an arrest or an appointment undergoes it
    ("The Saudi leader denies any knowledge of Jamal Khashoggi's killing in Istanbul.",
     "killing", "khashoggi"),
    ("Police confirmed Lena Berg's arrest in Oslo on Friday.", "arrest", "berg"),
])
def test_owner_who_undergoes_the_happening_is_its_target(nlp, text: str, trigger: str,
                                                         target: str) -> None:
    event = _by_trigger(nlp, text)[trigger]
    assert (event.agents, event.agent_text) == ((), "")
    assert [t.startswith("person/") and t.endswith(target) for t in event.targets] == [True]


@pytest.mark.parametrize(("text", "trigger", "agent"), [
    # a happening noun with a named owner is the owner's event, typed or not
    ("Russia's invasion of Ukraine was condemned by Poland.", "invasion", "russia"),
    ("Russia's war against Ukraine entered its third year.", "war", "russia"),
    ("Analysts welcomed Zentra Motors' decision on Monday.", "decision", "zentra-motors"),
    ("The court of Ostrava upheld Zentra Motors' protest.", "protest", "zentra-motors"),
    ("The Norland Airways order lifted the shares of the plane maker.", "order",
     "norland-airways"),
])
def test_happening_noun_with_an_owner_is_its_event(nlp, text: str, trigger: str,
                                                    agent: str) -> None:
    event = _by_trigger(nlp, text)[trigger]
    assert [a.split("/")[1] for a in event.agents] == [agent]


def test_light_verb_keeps_its_noun_when_the_owner_is_the_subject(nlp) -> None:
    events = _by_trigger(nlp, "Valdoria launched its invasion of Norland on 3 May 2024.")
    assert "invasion" in events and events["invasion"].type == "attack"


@pytest.mark.parametrize("text", [
    "Donors pledged money for the Ostrava reconstruction.",
    "Lawmakers approved the Zentra Motors bailout.",
])
def test_noun_whose_owner_undergoes_it_is_no_event_of_the_owner(nlp, text: str) -> None:
    assert not [e for e in _events(nlp, text) if e.trigger in ("reconstruction", "bailout")
                and e.agents]


@pytest.mark.parametrize(("text", "trigger", "agents"), [
    # a possessive pronoun stands for the subject of its clause when it agrees
    ("Zentra Motors defended its acquisition of Brova Steel on Monday.", "acquisition",
     ["zentra-motors"]),
    ("In his speech on Monday, Pavel Novak praised the miners of Ostrava.", "speech",
     ["pavel-novak"]),
    # "their" stands for the subject of the clause above, coordination and all
    ("Chile and Peru signed a pact on Monday, the first since their partnership "
     "negotiation ended.", "negotiation", ["chile", "peru"]),
    # else for the nearest actor before it that agrees ("its" is no person)
    ("On Monday Pavel Novak praised Zentra Motors and cited its acquisition of Brova Steel.",
     "acquisition", ["zentra-motors"]),
    # a "by" phrase names the owner
    ("The acquisition of Brova Steel by Zentra Motors closed on Monday.", "acquisition",
     ["zentra-motors"]),
])
def test_happening_noun_owned_by_a_pronoun_or_by_phrase_is_its_event(
        nlp, text: str, trigger: str, agents: list[str]) -> None:
    event = _by_trigger(nlp, text)[trigger]
    assert [a.split("/")[1] for a in event.agents] == agents


@pytest.mark.parametrize(("text", "noun"), [
    ("Zentra Motors opened a plant in Brno and moved its truck division there.", "division"),
    ("Analysts said Zentra Motors had lost its reputation in Brno.", "reputation"),
])
def test_thing_noun_with_a_pronoun_owner_is_no_event(nlp, text: str, noun: str) -> None:
    assert noun not in _by_trigger(nlp, text)


@pytest.mark.parametrize(("text", "trigger", "agent"), [
    # a gerund adjunct is done by the subject of the verb it hangs from, active even when
    # that verb is passive
    ("Zentra Motors was fined on Monday after violating the emission rules of Ostrava.",
     "violating", "zentra-motors"),
    ("Zentra Motors bought Brova Steel on Monday as a means of expanding its steel output.",
     "expanding", "zentra-motors"),
])
def test_gerund_adjunct_takes_the_subject_of_its_verb(nlp, text: str, trigger: str,
                                                      agent: str) -> None:
    event = _by_trigger(nlp, text)[trigger]
    assert [a.split("/")[1] for a in event.agents] == [agent]


@pytest.mark.parametrize(("text", "trigger"), [
    # the subject undergoes the happening: the gerund has no agent either
    ("Shares of Zentra Motors fell 3% on Monday, reaching a low of 20 euros.", "reaching"),
    # a speech gerund is told by the statement of its verb
    ("Speaking to reporters in Brno, Pavel Novak said the plant would close.", "Speaking"),
])
def test_gerund_adjunct_of_a_theme_or_speech_is_no_agent_event(nlp, text: str,
                                                               trigger: str) -> None:
    event = _by_trigger(nlp, text).get(trigger)
    assert event is None or not event.agents


def test_infinitive_of_a_verb_with_an_object_is_done_by_that_object(nlp) -> None:
    text = "Pavel Novak told Zentra Motors on Monday not to buy Brova Steel."
    event = _by_trigger(nlp, text)["buy"]
    assert [a.split("/")[1] for a in event.agents] == ["zentra-motors"]
    assert (event.agent_text, event.modality) == ("Zentra Motors", "negated")


def test_gerund_used_as_a_noun_is_no_clause_of_its_verb(nlp) -> None:
    text = "Two guards of the Brno depot were treated on Monday after shooting near the gate."
    event = _by_trigger(nlp, text).get("shooting")
    assert event is None or not event.agents


@pytest.mark.parametrize("pronoun", ["her", "its", "their"])
def test_possessive_in_a_sentence_without_a_verb_finds_no_antecedent_and_stops(nlp, pronoun):
    """A heading or caption rooted on a noun ("Fresh doubts over her plan"): the search for
    the pronoun's clause stops at the root (it once looped for ever there)."""
    from spacy.tokens import Doc

    from kg.extract.events.candidates import possessive_antecedent

    words = ["Fresh", "doubts", "over", pronoun, "plan"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 4, 2],
              deps=["amod", "ROOT", "prep", "poss", "pobj"],
              pos=["ADJ", "NOUN", "ADP", "PRON", "NOUN"])
    assert possessive_antecedent(doc[3], {}) == []
