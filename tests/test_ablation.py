"""Ablation switches: components left out of the pipeline and rules turned off by KG_DISABLE."""

from __future__ import annotations

import pytest

from kg.ablation import PASS_THROUGH, RULES, disabled_names, rule, rule_enabled, unknown_names


@rule("test_upper", off=PASS_THROUGH)
def upper(text: str) -> str:
    return text.upper()


@rule("test_is_long")
def is_long(text: str) -> bool:
    return len(text) > 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", set()), ("kg_roles", {"kg_roles"}), (" kg_roles , test_upper ,", {"kg_roles",
                                                                           "test_upper"})],
)
def test_disabled_names_from_environment(monkeypatch, value, expected):
    monkeypatch.setenv("KG_DISABLE", value)
    assert disabled_names() == expected
    assert rule_enabled("kg_roles") == ("kg_roles" not in expected)


def test_rules_run_unless_disabled(monkeypatch):
    monkeypatch.delenv("KG_DISABLE", raising=False)
    assert (upper("oslo"), is_long("oslo")) == ("OSLO", True)
    monkeypatch.setenv("KG_DISABLE", "test_upper,test_is_long")
    assert (upper("oslo"), is_long("oslo")) == ("oslo", False)
    assert RULES["test_upper"].endswith("test_ablation.upper")


def test_unknown_names():
    assert unknown_names({"kg_roles", "test_upper", "nope"}, ["kg_roles"]) == ["nope"]


def test_disabled_component_is_left_out_of_the_pipeline(monkeypatch):
    from kg.nlp import load_pipeline

    monkeypatch.setenv("KG_DISABLE", "kg_roles")
    nlp = load_pipeline()
    assert "kg_roles" in nlp.disabled and "kg_roles" not in nlp.pipe_names
    doc = nlp("Mayor Ines Ruiz opened the bridge in Lyon on Friday.")
    assert doc._.kg_roles == []
    monkeypatch.delenv("KG_DISABLE")
    assert "kg_roles" in load_pipeline().pipe_names
