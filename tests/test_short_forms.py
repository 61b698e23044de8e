"""Short forms and descriptions of named actors (kg.extract.short_forms), on sentences and
forms written for the tests: one node for "the Commission" after "the Nordic Fisheries
Commission", none for "the Council" when two councils could be meant."""

from __future__ import annotations

import pytest

from kg.extract.short_forms import Form, head_token, short_form_targets


def plan(*marks: str) -> Form:
    return Form("Plan", "plan", frozenset(marks))


def org(head: str, *marks: str) -> Form:
    return Form("Organization", head, frozenset(marks))


@pytest.mark.parametrize(("forms", "links"), [
    # one fuller name: the generic and the partial forms join it
    ({"a": plan("20"), "b": plan(), "c": Form("Plan", "offer", frozenset({"tovia"}))},
     {"b": "a"}),
    ({"a": plan("20", "tovia"), "b": plan(), "c": plan("tovia"), "d": plan("20")},
     {"b": "a", "c": "a", "d": "a"}),
    # two fuller names with the head: the short form could be either
    ({"a": plan("20"), "b": plan("9"), "c": plan()}, {}),
    ({"a": org("council", "valmont"), "b": org("council", "arvia"), "c": org("council")}, {}),
    # a chain ends at its fullest name
    ({"a": org("commission", "nordic"), "b": org("commission", "nordic", "fisheries"),
      "c": org("commission")}, {"a": "b", "c": "b"}),
    # another head, or a type that cannot be the same actor
    ({"a": org("commission", "nordic"), "b": org("council")}, {}),
    ({"a": Form("Place", "court", frozenset({"marlow"})), "b": org("court")}, {}),
    ({"a": org("plan", "tovia"), "b": plan()}, {}),
    # an identifying word the fuller name lacks: another actor
    ({"a": plan("20"), "b": plan("tovia")}, {}),
])
def test_short_form_targets(forms, links):
    assert short_form_targets(forms) == links


@pytest.mark.parametrize(("words", "span", "head"), [
    ("the Court of Appeals ruled".split(), (1, 4), "Court"),
    ("a 20 - point peace plan".split(), (1, 6), "plan"),
    ("the Nordic Fisheries Commission".split(), (1, 4), "Commission"),
])
def test_head_token(nlp, words, span, head):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words)
    assert head_token(doc[span[0]:span[1]]).text == head


def entities_named(extraction, name: str) -> list:
    return [e for e in extraction.entities if name == e.name or name in e.aliases]


@pytest.mark.parametrize(("text", "full", "short"), [
    ("The Nordic Fisheries Commission proposed quotas on Monday. The Commission said the "
     "quotas would start in May.", "Nordic Fisheries Commission", "Commission"),
    ("The Valmont City Council met on Tuesday. The Council voted 7-2 to approve the budget.",
     "Valmont City Council", "Council"),
    ("The Supreme Court of Arvia heard the appeal on Monday. The Court will rule in June.",
     "Supreme Court of Arvia", "Court"),
    ("Tovia drafted a 20-point peace plan last week. Ostland said the draft peace plan was "
     "too harsh, and Tovia defended the peace plan.", "20-point peace plan", "peace plan"),
])
def test_a_short_form_after_the_one_full_name_is_that_actor(extract, text, full, short):
    x = extract(text)
    (actor,) = entities_named(x, full)
    assert actor.name == full
    assert short in actor.aliases
    assert len(actor.mentions) >= 2


@pytest.mark.parametrize(("text", "fulls", "short"), [
    ("The Valmont City Council and the Arvia County Council met on Tuesday. The Council "
     "voted to approve the budget.", ["Valmont City Council", "Arvia County Council"],
     "Council"),
    ("Tovia drafted a 20-point peace plan, and Ostland answered with a 9-point peace plan. "
     "Critics said the peace plan was weak.", ["20-point peace plan", "9-point peace plan"],
     "peace plan"),
    ("Bans were lifted on the carriers Tovia Star Airlines and Blue Wing Airlines on Monday.",
     ["Tovia Star Airlines", "Blue Wing Airlines"], "Blue Wing Airlines"),
])
def test_a_short_form_two_actors_share_stays_apart(extract, text, fulls, short):
    x = extract(text)
    for name in fulls:
        (actor,) = entities_named(x, name)
        assert short not in actor.aliases


def test_a_bare_body_word_that_names_no_actor_is_no_actor(extract):
    x = extract("The Valmont City Council and the Arvia County Council met on Tuesday. The "
                "Council voted to approve the budget.")
    assert not [e for e in x.entities if e.name == "Council"]


def test_a_headline_in_title_case_names_the_plan_of_the_article(extract):
    x = extract("# Tovia Peace Plan Divides Ostland\n\nTovia drafted a 20-point Tovia-Ostland "
                "peace plan last week. Ostland rejected the 20-point peace plan on Monday.")
    plans = [e for e in x.entities if e.type == "Plan"]
    assert len(plans) == 1
    assert "Tovia Peace Plan" in {plans[0].name, *plans[0].aliases}
