"""Tests for kg.evaluate.event_scores: agent events, negation and cross-document pairs."""

from __future__ import annotations

import pytest

from kg.evaluate.event_scores import (
    PredictedEvent,
    agent_event_counts,
    agent_event_errors,
    cross_document_pairs,
    kg_predicted_events,
    negated_counts,
    verb_baseline,
)

TEXT = "Chile signed the pact. Peru did not sign it."
SIGNED = TEXT.index("signed")
SIGN = TEXT.index("sign it")


def _gold(start: int, end: int, who=(), polarity="POS", instance="") -> dict:
    return {"start": start, "end": end, "who": list(who), "polarity": polarity,
            "instance_id": instance}


GOLD = [_gold(SIGNED, SIGNED + 6, ["Chile"], instance="e1"),
        _gold(SIGN, SIGN + 4, ["Peru"], "NEG", "e2")]


@pytest.mark.parametrize(("preds", "counts"), [
    ([PredictedEvent(SIGNED, SIGNED + 6, ("Chile",))], (1, 1, 1)),
    ([PredictedEvent(SIGNED, SIGNED + 6, ("Peru",))], (0, 1, 0)),
    ([PredictedEvent(SIGNED, SIGNED + 6, ()), PredictedEvent(SIGN, SIGN + 4, ("Peru",))],
     (1, 1, 1)),
])
def test_agent_event_counts(preds, counts) -> None:
    assert agent_event_counts(GOLD, preds) == counts


@pytest.mark.parametrize(("modality", "counts"), [("asserted", (1, 1)), ("negated", (0, 1))])
def test_negated_counts(modality: str, counts) -> None:
    assert negated_counts(GOLD, [PredictedEvent(SIGN, SIGN + 4, ("Peru",), modality)]) == counts


def test_cross_document_pairs() -> None:
    a = [_gold(0, 4, instance="x"), _gold(10, 14, instance="y")]
    b = [_gold(0, 4, instance="x"), _gold(10, 14, instance="z")]
    preds_a = [PredictedEvent(0, 4, (), id="k1"), PredictedEvent(10, 14, (), id="k2")]
    preds_b = [PredictedEvent(0, 4, (), id="k1"), PredictedEvent(10, 14, (), id="k2")]
    assert cross_document_pairs([("a", a, preds_a), ("b", b, preds_b)]) == (1, 2, 1)


def test_kg_events_locate_their_trigger() -> None:
    pred = {"events": [{"trigger": "sign", "start": SIGN - 12, "end": len(TEXT),
                        "mentions": [], "modality": "negated", "id": "k",
                        "participant_roles": [{"entity_id": "country/peru", "name": "Peru",
                                               "role": "agent"}]}]}
    [event] = kg_predicted_events(pred, TEXT)
    assert (event.start, event.agents, event.modality) == (SIGN, ("Peru",), "negated")


def test_verb_baseline_takes_every_verb_with_a_subject(nlp) -> None:
    events = verb_baseline(nlp(TEXT))
    assert {(TEXT[e.start:e.end], e.agents) for e in events} >= {("signed", ("Chile",))}


STORY = "Chile signs pact\n\nChile signed the pact on Monday, Lima said. Peru left."


def _pred_event(trigger: str, start: int, end: int, **extra) -> dict:
    return {"trigger": trigger, "start": start, "end": end,
            "mentions": [{"start": start, "end": end}], "participant_roles": [], **extra}


def test_kg_events_keep_the_annotated_region_and_find_another_form_of_the_trigger() -> None:
    body = STORY.index("Chile signed")
    pred = {"events": [
        # merged with the title's "signs": its trigger found as "signed" in the body mention
        {**_pred_event("signs", 0, 16, agent_text="Chile"),
         "mentions": [{"start": 0, "end": 16}, {"start": body, "end": body + 30}]},
        _pred_event("left", STORY.index("Peru left"), len(STORY), agent_text="Peru"),
    ]}
    events = kg_predicted_events(pred, STORY, limit=STORY.index("Peru"))
    assert [(STORY[e.start:e.end], e.agents) for e in events] == [
        ("signs", ("Chile",)), ("signed", ("Chile",))]


def test_statements_count_as_speech_events_when_asked() -> None:
    pred = {"events": [], "statements": [{
        "cue": "said", "speaker": "Lima", "speaker_description": None, "modality": "asserted",
        "start": STORY.index("Chile signed"), "end": STORY.index(", Lima"),
        "sentence_text": "Chile signed the pact on Monday, Lima said.", "id": "s1"}]}
    assert kg_predicted_events(pred, STORY) == []
    [said] = kg_predicted_events(pred, STORY, statements=True)
    assert (STORY[said.start:said.end], said.agents) == ("said", ("Lima",))


ENTITY_TEXT = "Brenko Air, which flies to Oslo, bought two jets. It said the British deal closed."


def _mention(text: str, chain: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = ENTITY_TEXT.index(text, start + 1)
    return {"text": text, "start": start, "end": start + len(text), "entity_m_id": chain}


ENTITIES = [_mention("Brenko Air", "1"), _mention("which", "1"), _mention("It", "1")]
FLIES = ENTITY_TEXT.index("flies")
SAID = ENTITY_TEXT.index("said")


@pytest.mark.parametrize(("gold_who", "start", "agent", "counts"), [
    # MEANTIME's coreference chain: a relative or personal pronoun is the actor it stands for
    (["which"], FLIES, "Brenko Air", (1, 1, 1)),
    (["It"], SAID, "Brenko Air", (1, 1, 1)),
    # the literal pronoun still counts, as for the baseline
    (["It"], SAID, "It", (1, 1, 1)),
    # whole words only: "it" is not in "British"
    (["It"], SAID, "the British deal", (0, 1, 0)),
])
def test_agents_match_through_gold_coreference_and_whole_words(
        gold_who, start: int, agent: str, counts) -> None:
    gold = [_gold(start, start + 4, gold_who)]
    preds = [PredictedEvent(start, start + 4, (agent,))]
    assert agent_event_counts(gold, preds, ENTITIES) == counts


def test_records_of_one_trigger_are_one_mention() -> None:
    gold = [_gold(SAID, SAID + 4, ["It"])]
    preds = [PredictedEvent(SAID, SAID + 4, ("Oslo",)), PredictedEvent(SAID, SAID + 4, ("It",))]
    assert agent_event_counts(gold, preds, ENTITIES) == (1, 1, 1)


def test_statement_cue_found_after_its_quote() -> None:
    text = '"We will fly to Oslo in May." The move was welcome, said Brenko Air.'
    pred = {"statements": [{"cue": "said", "speaker": "Brenko Air", "modality": "asserted",
                            "start": 1, "end": 27, "sentence_text": text[:29], "id": "s"}]}
    [said] = kg_predicted_events(pred, text, statements=True)
    assert text[said.start:said.end] == "said" and said.start == text.index("said")


def test_agent_event_errors_list_the_misses_and_the_wrong() -> None:
    right = PredictedEvent(SIGNED, SIGNED + 6, ("Chile",))
    wrong = PredictedEvent(SIGN, SIGN + 4, ("Chile",))
    missed, wrongs = agent_event_errors(GOLD, [right, wrong])
    assert [(g["start"], [p.agents for p in hits]) for g, hits in missed] == [
        (SIGN, [("Chile",)])]
    assert wrongs == [wrong]
