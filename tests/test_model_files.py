"""Tests for kg.model_files: loading a model without what kg never runs, same pipeline."""

from __future__ import annotations

import re

import pytest
import spacy

from kg.model_files import (
    TOKENIZER_FROM_DISK,
    SavedTokenizer,
    load_options,
    model_files,
    saves_default_tokenizer,
    shipped_disabled,
    with_suffixes,
)
from kg.nlp import AMPERSAND_NAME_PERIOD, resolve_model_name, split_ampersand_name_period

TEXT = ("Mayor Ines O'Kafor didn't reopen the U.S. harbour in Lagos (on Mon.) :) - see "
        "www.harbour-lagos.ng, e.g. at 9:30am; costs $4.5bn/yr, officials said.\n\nBye!")


@pytest.fixture(scope="module")
def plain():
    """The model as spaCy loads it by default."""
    return spacy.load(resolve_model_name())


def _pattern(search) -> str | None:
    return None if search is None else search.__self__.pattern


def test_kg_loads_the_model_tokenizer_unchanged(nlp, plain) -> None:
    """The model's own tokenizer, with kg's one deliberate suffix ("AT&T." → "AT&T", ".")."""
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_FROM_DISK
    assert nlp.tokenizer.rules == plain.tokenizer.rules
    for attr in ("prefix_search", "infix_finditer", "token_match", "url_match"):
        assert _pattern(getattr(nlp.tokenizer, attr)) == _pattern(getattr(plain.tokenizer, attr))
    assert _pattern(nlp.tokenizer.suffix_search) == (
        f"{_pattern(plain.tokenizer.suffix_search)}|{AMPERSAND_NAME_PERIOD}")
    assert nlp.tokenizer.faster_heuristics == plain.tokenizer.faster_heuristics
    assert [t.text for t in nlp.make_doc(TEXT)] == [t.text for t in plain.make_doc(TEXT)]


def test_the_expressions_from_the_cache_equal_re_compile(nlp) -> None:
    """Pattern ==: the same expression, flags and compiled code as ``re.compile``'s."""
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        compiled = getattr(nlp.tokenizer, attr).__self__
        assert compiled == re.compile(compiled.pattern)


#: Special cases beside affixes (spaCy's special-case matcher), and names joined by "&".
AFFIXED = "(U.S.) and AT&T. said: \"don't.\" (e.g. P&G.) :) Mon.) 'Cos U.K.-based \"A&E.\"?"


@pytest.mark.parametrize(("suffixes", "word", "split"), [
    ((AMPERSAND_NAME_PERIOD,), "AT&T.", ["AT&T", "."]),
    ((r"(?<=[0-9])x$", r"(?<=&)Q$"), "12x", ["12", "x"]),
])
def test_suffixes_joined_while_reading_equal_suffixes_set_after_loading(suffixes, word,
                                                                        split) -> None:
    """Joined before the special cases are built (once) or set after loading (spaCy builds
    them again): the same tokenizer."""
    name = resolve_model_name()
    read = spacy.load(name, **load_options(name, extra_suffixes=suffixes))
    after = spacy.load(name, exclude=load_options(name)["exclude"])
    after.tokenizer.suffix_search = re.compile(
        with_suffixes(_pattern(after.tokenizer.suffix_search), suffixes)).search
    assert isinstance(read.tokenizer, SavedTokenizer)
    assert read.tokenizer.rules == after.tokenizer.rules
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        assert _pattern(getattr(read.tokenizer, attr)) == _pattern(getattr(after.tokenizer, attr))
    text = f"{AFFIXED} 12x tall&Q {TEXT}"
    assert [t.text for t in read.make_doc(text)] == [t.text for t in after.make_doc(text)]
    assert [t.text for t in read.make_doc(f"Then {word}")][1:] == split


def test_the_suffix_is_not_joined_twice(nlp) -> None:
    before = _pattern(nlp.tokenizer.suffix_search)
    split_ampersand_name_period(nlp)
    assert _pattern(nlp.tokenizer.suffix_search) == before
    assert before.count(AMPERSAND_NAME_PERIOD) == 1


@pytest.mark.parametrize(("pattern", "suffixes", "expected"), [
    ("a$|b$", ("c$",), "a$|b$|c$"),
    ("a$|c$", ("c$",), "a$|c$"),
    ("", ("c$", "d$"), "c$|d$"),
])
def test_with_suffixes_joins_the_missing_ones(pattern, suffixes, expected) -> None:
    assert with_suffixes(pattern, suffixes) == expected


def test_the_model_parses_as_spacy_loads_it(nlp, plain) -> None:
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler",
                                  "lemmatizer"]):
        ours = nlp(TEXT)
    with plain.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler",
                                    "lemmatizer"]):
        theirs = plain(TEXT)
    assert [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in ours] == \
        [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in theirs]
    assert "senter" in plain.disabled and "senter" not in nlp.component_names


def _model_folder(tmp_path, meta: str, tokenizer: str | None, saved: bool = True,
                  inline: bool = False):
    (tmp_path / "meta.json").write_text(meta, encoding="utf-8")
    if tokenizer is not None:
        block = (f'tokenizer = {{"@tokenizers":"{tokenizer}"}}\n' if inline
                 else f'\n[nlp.tokenizer]\n@tokenizers = "{tokenizer}"\n')
        (tmp_path / "config.cfg").write_text(f'[nlp]\nlang = "en"\n{block}', encoding="utf-8")
    if saved:
        (tmp_path / "tokenizer").write_bytes(b"\x80")
    return tmp_path


@pytest.mark.parametrize(("meta", "expected"), [
    ('{"name": "m", "disabled": ["senter"]}', ["senter"]),
    ('{"name": "m", "disabled": []}', []),
    ('{"name": "m"}', []),
    ('{"name": "m", "disabled": "senter"}', []),
])
def test_components_shipped_switched_off_are_left_out(tmp_path, meta, expected) -> None:
    folder = _model_folder(tmp_path, meta, "spacy.Tokenizer.v1")
    assert shipped_disabled(model_files(str(folder))[0]) == expected
    assert load_options(str(folder))["exclude"] == expected


@pytest.mark.parametrize(("tokenizer", "saved", "inline", "replaced"), [
    ("spacy.Tokenizer.v1", True, False, True),
    ("spacy.Tokenizer.v1", True, True, True),
    ("spacy.Tokenizer.v1", False, False, False),  # nothing on disk would replace the rules
    ("spacy.ja.JapaneseTokenizer", True, False, False),  # another factory is kept
    ("spacy.ja.JapaneseTokenizer", True, True, False),
    (None, True, False, False),  # no config to read
])
def test_only_a_saved_default_tokenizer_starts_empty(tmp_path, tokenizer, saved, inline,
                                                     replaced):
    folder = _model_folder(tmp_path, '{"name": "m"}', tokenizer, saved, inline)
    assert saves_default_tokenizer(folder) is replaced
    assert ("config" in load_options(str(folder))) is replaced


@pytest.mark.parametrize("meta", ["not json", "[1, 2]"])
def test_unreadable_model_files_change_nothing(tmp_path, meta) -> None:
    folder = _model_folder(tmp_path, meta, "spacy.Tokenizer.v1")
    assert model_files(str(folder)) is None and load_options(str(folder)) == {}


def test_an_unknown_model_changes_nothing() -> None:
    assert load_options("no_such_model") == {}


def test_an_installed_package_is_found_with_its_data_folder() -> None:
    meta, folder = model_files(resolve_model_name())
    assert (folder / "config.cfg").is_file() and meta["lang"] == "en"
