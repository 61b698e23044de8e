"""Tests for kg.extract.entity_ruler: phrase patterns from cached tokens, same matches as
spaCy's entity ruler."""

from __future__ import annotations

import marshal

import pytest
import spacy
from spacy.pipeline import EntityRuler

from kg.extract.actor_patterns import ruler_patterns
from kg.extract.entity_ruler import (
    CachedPhraseRuler,
    PhraseText,
    phrase_tokens,
    tokenizer_rules,
)

PATTERNS = [
    {"label": "GPE", "pattern": "Valdoria"},
    {"label": "GPE", "pattern": "U.S."},  # a special case of the tokenizer
    {"label": "ORG", "pattern": "Harbour Board of Valdoria"},
    {"label": "ORG", "pattern": "AT&T"},
    {"label": "ORG", "pattern": "Kestrel-Marsh Ltd."},  # infixes and a suffix period
    {"label": "ORG", "pattern": "Quill  Works"},  # two spaces: a whitespace token
    {"label": "PERSON", "pattern": "Ines Okafor", "id": "okafor"},
    {"label": "KG_TITLE", "pattern": "Harbour Master"},
    {"label": "ORG", "pattern": [{"LOWER": "the"}, {"ORTH": "Port"}, {"IS_TITLE": True}]},
    {"label": "KG_TITLE", "pattern": ""},  # matches nothing, counted as spaCy does
]
TEXT = ("Ines Okafor, Harbour Master of the Harbour Board of Valdoria, met AT&T and "
        "Kestrel-Marsh Ltd. staff from the U.S. at the Port Authority; Quill  Works and "
        "Valdoria's Harbour Board agreed.")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _ruled(nlp, factory: str, patterns: list[dict], text: str = TEXT):
    """Return the entities and the ruler's patterns, with a fresh ruler of ``factory``."""
    for name in list(nlp.pipe_names):
        nlp.remove_pipe(name)
    ruler = nlp.add_pipe(factory)
    ruler.add_patterns(patterns)
    doc = nlp(text)
    return ([(e.text, e.label_, e.ent_id_, e.start, e.end) for e in doc.ents],
            ruler.patterns, len(ruler), ruler.labels, ruler.ent_ids)


def test_the_same_entities_and_patterns_as_spacys_ruler(blank, cache) -> None:
    theirs = _ruled(blank, "entity_ruler", PATTERNS)
    cold = _ruled(blank, "kg_entity_ruler", PATTERNS)
    assert len(list(cache.glob("phrase-tokens-*"))) == 1
    warm = _ruled(blank, "kg_entity_ruler", PATTERNS)  # from the cache file
    assert cold == warm == theirs
    assert theirs[0] == [
        ("Ines Okafor", "PERSON", "okafor", 0, 2), ("Harbour Master", "KG_TITLE", "", 3, 5),
        ("Harbour Board of Valdoria", "ORG", "", 7, 11), ("AT&T", "ORG", "", 13, 14),
        ("Kestrel-Marsh Ltd.", "ORG", "", 15, 19), ("U.S.", "GPE", "", 22, 23),
        ("the Port Authority", "ORG", "", 24, 27), ("Quill  Works", "ORG", "", 28, 31),
        ("Valdoria", "GPE", "", 32, 33)]


def test_kgs_own_patterns_give_the_same_entities(nlp, cache) -> None:
    """kg's pipeline ruler (cached tokens) against spaCy's ruler with kg's patterns."""
    text = ("The Ukrainian Presidential Office said the United States and the EU backed the "
            "28-point peace plan; Secretary of State Marco Rubio flew to Saudi Arabia. "
            "Officials of Air France and the Swiss National Bank met in Washington. The Alaska "
            "Court of Appeals ruled on Tuesday.")
    patterns = ruler_patterns()
    theirs = spacy.blank("en", vocab=nlp.vocab)
    theirs.tokenizer = nlp.tokenizer
    tagging = ["tok2vec", "tagger", "attribute_ruler"]  # token patterns read the tags
    for name in tagging:
        theirs.add_pipe(name, source=nlp)
    ruler = theirs.add_pipe("entity_ruler")
    ruler.add_patterns(patterns)
    with nlp.select_pipes(enable=[*tagging, "kg_entity_ruler"]):
        ours = nlp(text)
    expected = theirs(text)
    assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in expected.ents]
    assert ("Ukrainian Presidential Office", "ORG") in [(e.text, e.label_) for e in ours.ents]
    assert ("Alaska Court of Appeals", "ORG") in [(e.text, e.label_) for e in ours.ents]
    kg_ruler = nlp.get_pipe("kg_entity_ruler")
    assert isinstance(kg_ruler, CachedPhraseRuler)
    assert sorted(map(str, kg_ruler.patterns)) == sorted(map(str, ruler.patterns))


@pytest.mark.parametrize("text", [
    "The U.S. Navy and the Valdorian Harbour Ministry signed the Kestrel Accord.",  # ties
    "Officials of Air France and the Swiss National Bank met the Alaska Court of Appeals.",
    "A 28-point peace plan; the West and European allies backed it in Singapore.",
    "Nothing here names anyone.",
])
def test_kgs_matches_are_spacys_in_spacys_order(nlp, text) -> None:
    """The anchored token matches, ordered as spaCy's ruler orders its own (two labels of
    the same words, "U.S." GPE and KG_DEMONYM, in the order spaCy's set gives them)."""
    kg_ruler = nlp.get_pipe("kg_entity_ruler")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "attribute_ruler"]):
        doc = nlp(text)
    assert kg_ruler.match(doc) == EntityRuler.match(kg_ruler, doc)


def test_a_changed_ruler_matches_its_new_patterns(blank, cache) -> None:
    for name in list(blank.pipe_names):
        blank.remove_pipe(name)
    ruler = blank.add_pipe("kg_entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": [{"ORTH": "Harbour"}, {"ORTH": "Board"}],
                         "id": "board"}])
    assert [e.text for e in blank("the Harbour Board met").ents] == ["Harbour Board"]
    ruler.remove("board")
    ruler.add_patterns([{"label": "ORG", "pattern": [{"ORTH": "Port"}, {"IS_TITLE": True}]}])
    assert [e.text for e in blank("the Harbour Board met the Port Authority").ents] == \
        ["Port Authority"]
    ruler.clear()
    ruler.add_patterns([{"label": "GPE", "pattern": [{"LOWER": "valdoria"}]}])
    assert [e.text for e in blank("the Port Authority of VALDORIA").ents] == ["VALDORIA"]


def test_cached_tokens_are_the_tokenizers(blank, cache) -> None:
    texts = [p["pattern"] for p in PATTERNS if isinstance(p["pattern"], str)]
    expected = [tuple(t.text for t in blank.tokenizer(text)) for text in texts]
    assert phrase_tokens(blank.tokenizer, texts) == expected  # made and written
    assert phrase_tokens(blank.tokenizer, list(reversed(texts))) == expected[::-1]  # read
    assert expected[1] == ("U.S.",) and expected[5] == ("Quill", " ", "Works")
    assert len(list(cache.glob("phrase-tokens-*"))) == 1  # same texts in any order


def test_a_changed_tokenizer_rule_is_a_new_cache_file(cache) -> None:
    nlp = spacy.blank("en")
    texts = ["Harbour Board of Valdoria", "Valdoria-based"]
    assert phrase_tokens(nlp.tokenizer, texts)[1] == ("Valdoria", "-", "based")
    nlp.tokenizer.add_special_case("Valdoria-based", [{"ORTH": "Valdoria-based"}])
    assert phrase_tokens(nlp.tokenizer, texts)[1] == ("Valdoria-based",)
    assert len(list(cache.glob("phrase-tokens-*"))) == 2


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"[", marshal.dumps([("one",)]),
                                     marshal.dumps([1, 2]), marshal.dumps([("a",), ("b", 3)])])
def test_a_damaged_cache_file_is_made_again(blank, cache, content) -> None:
    texts = ["Harbour Master", "U.S."]
    expected = phrase_tokens(blank.tokenizer, texts)
    (path,) = cache.glob("phrase-tokens-*")
    path.write_bytes(content)
    assert phrase_tokens(blank.tokenizer, texts) == expected
    assert path.read_bytes() != content  # written again


def test_an_unwritable_cache_only_costs_the_tokenizing(blank, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    assert phrase_tokens(blank.tokenizer, ["Harbour Master"]) == [("Harbour", "Master")]


def test_a_hand_written_tokenizer_is_not_cached(cache) -> None:
    def tokenizer(text):
        return spacy.blank("en").make_doc(text)

    assert tokenizer_rules(tokenizer) is None
    assert phrase_tokens(tokenizer, ["Harbour Master"]) == [("Harbour", "Master")]
    assert not cache.exists()


def test_a_phrase_pattern_is_kept_as_its_text(blank, cache) -> None:
    ruler = blank.add_pipe("kg_entity_ruler", name="texts")
    ruler.add_patterns([{"label": "GPE", "pattern": "Valdoria"}])
    assert ruler.phrase_patterns["GPE"] == [PhraseText("Valdoria")]
    assert ruler.patterns == [{"label": "GPE", "pattern": "Valdoria"}]
    blank.remove_pipe("texts")
