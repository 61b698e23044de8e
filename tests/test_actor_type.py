"""Tests for the learned actor-type classifier (kg.extract.actor_type)."""

from __future__ import annotations

import numpy as np
import pytest

from kg.extract.actor_type import (
    LABELS,
    N_BUCKETS,
    ActorTypeModel,
    ActorTypeModelError,
    actor_vector,
    classify_actor,
    classify_span,
    decide_actor_type,
    default_model_path,
    load_model,
    mention_features,
    name_features,
    ner_majority,
    read_model,
)


def spans_of(doc, name: str):
    """Return every span of ``doc`` whose text is ``name``."""
    spans, start = [], 0
    while (at := doc.text.find(name, start)) >= 0:
        spans.append(doc.char_span(at, at + len(name), alignment_mode="expand"))
        start = at + len(name)
    assert spans, f"{name!r} not in the test text"
    return spans


def test_shipped_model_loads_with_one_weight_row_per_bucket():
    model = load_model()
    assert model.weights.shape == (N_BUCKETS, len(LABELS))
    assert model.bias.shape == (len(LABELS),)
    assert np.isfinite(model.weights).all()


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Midfielder Tomasz Wrzesniak scored twice in the second half.", "Tomasz Wrzesniak",
         "Person"),
        ("Ms Aiko Tanabe said the budget would be cut again next year.", "Aiko Tanabe",
         "Person"),
        ("Quillan Rovers 2 Dunmore United 1", "Dunmore United", "Organization"),
        ("Shares in Norvale Systems Inc fell 4 percent after the profit warning.",
         "Norvale Systems Inc", "Organization"),
        ("She studied law at the University of Tessaly before joining the court.",
         "University of Tessaly", "Organization"),
        ("Floods cut the road to the town of Kelburn on Tuesday.", "Kelburn", "Place"),
        ("Talks on the new port were held in Rotterdam on Friday.", "Rotterdam", "Place"),
        ("ORVIETO 1996-08-30\nThe mayor opened the new bridge on Friday.", "ORVIETO", "Place"),
    ],
)
def test_names_get_the_type_their_context_shows(nlp, text, name, expected):
    doc = nlp(text)
    guess = classify_actor(spans_of(doc, name))
    assert guess.label == expected, guess


def test_one_actor_gets_one_type_from_all_its_mentions(nlp):
    doc = nlp("Harlan signed the bill on Monday after a long night in the chamber. "
              "Critics attacked the plan. Harlan said the law would protect renters, and "
              "Harlan told reporters she would run again.")
    mentions = spans_of(doc, "Harlan")
    together = classify_actor(mentions)
    assert together.label == "Person"
    for span in mentions:
        assert classify_span(span, mentions) == together


def test_same_input_gives_the_same_probabilities(nlp):
    doc = nlp("Coach Ilse Marwick praised Brannock City after the 3-0 win.")
    span = spans_of(doc, "Brannock City")[0]
    first, second = classify_span(span), classify_span(span)
    assert first == second
    assert sum(p for _, p in first.probabilities) == pytest.approx(1.0, abs=1e-5)
    assert first.probability == max(p for _, p in first.probabilities)


@pytest.mark.parametrize(
    ("name", "feature"),
    [
        ("Aiko Tanabe", "gaz=given_first_multi"),
        ("France", "gaz=country"),
        ("Rotterdam", "gaz=city"),
        ("Acme Holdings Inc", "last=inc"),
        ("IBM", "all_caps"),
    ],
)
def test_name_features_carry_gazetteer_and_shape_evidence(name, feature):
    assert feature in name_features(name)


def test_context_features_name_the_title_word_and_the_verb(nlp):
    doc = nlp("Midfielder Tomasz Wrzesniak scored twice.")
    features = mention_features(spans_of(doc, "Tomasz Wrzesniak")[0])
    assert "l1=midfielder" in features
    assert "verb_nsubj=score" in features


def test_actor_vector_averages_the_mentions(nlp):
    doc = nlp("Kelburn is quiet. Rain fell on Kelburn.")
    vector = actor_vector(spans_of(doc, "Kelburn"))
    assert max(vector.values()) == pytest.approx(1.0)  # the name's features, in both
    assert min(vector.values()) == pytest.approx(0.5)  # a context feature of one mention


def test_actor_vector_needs_a_mention():
    with pytest.raises(ValueError, match="at least one mention"):
        actor_vector([])


@pytest.mark.parametrize("content", [b"not a numpy file", b""])
def test_unreadable_weights_give_an_error_naming_the_file(tmp_path, content):
    path = tmp_path / "weights.npz"
    path.write_bytes(content)
    with pytest.raises(ActorTypeModelError, match="weights.npz"):
        read_model(path)


def test_weights_for_other_features_are_refused(tmp_path):
    path = tmp_path / "old.npz"
    np.savez(path, weights=np.zeros((4, 3)), bias=np.zeros(3), labels=np.array(LABELS),
             version=np.array(0), buckets=np.array(4))
    with pytest.raises(ActorTypeModelError, match="retrain"):
        read_model(path)


@pytest.fixture
def model_cache(tmp_path, monkeypatch):
    """A private cache directory, and the shipped model read afresh through it."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    load_model.cache_clear()
    yield tmp_path / "cache"
    load_model.cache_clear()


def test_the_cached_copy_holds_the_shipped_weights_unchanged(model_cache):
    first = load_model()
    assert len(list(model_cache.glob("actor-type-*.npy"))) == 1
    load_model.cache_clear()
    cached, shipped = load_model(), read_model(default_model_path())
    assert cached.weights.dtype == np.float32 and cached.bias.dtype == np.float32
    for model in (first, cached):
        assert np.array_equal(model.weights, shipped.weights)
        assert np.array_equal(model.bias, shipped.bias)


@pytest.mark.parametrize("junk", [b"", b"not numpy", "other shape"])
def test_a_damaged_model_cache_falls_back_to_the_shipped_file(model_cache, junk):
    load_model()
    path = next(model_cache.glob("actor-type-*.npy"))
    if junk == "other shape":
        np.save(path, np.zeros((4, len(LABELS)), dtype=np.float32))
    else:
        path.write_bytes(junk)
    load_model.cache_clear()
    assert np.array_equal(load_model().weights, read_model(default_model_path()).weights)


def test_an_unwritable_model_cache_only_costs_the_read(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    load_model.cache_clear()
    try:
        assert load_model().weights.shape == (N_BUCKETS, len(LABELS))
    finally:
        load_model.cache_clear()
    assert list(tmp_path.iterdir()) == [blocker]


def uniform_model() -> ActorTypeModel:
    """Return a model with no evidence: every class 1/3."""
    return ActorTypeModel(np.zeros((N_BUCKETS, len(LABELS)), dtype=np.float32),
                          np.zeros(len(LABELS), dtype=np.float32))


def test_unsure_classifier_defers_to_the_ner_majority(nlp):
    doc = nlp("Vantrel Group said on Monday that Vantrel Group would cut 200 jobs.")
    mentions = spans_of(doc, "Vantrel Group")
    majority = ner_majority(mentions)
    assert majority is not None
    guess = decide_actor_type(mentions, uniform_model())
    assert (guess.label, guess.source) == (majority, "ner")
    assert guess.probability == pytest.approx(1 / 3)


def test_confident_classifier_keeps_its_type(nlp):
    doc = nlp("Ms Aiko Tanabe said the budget would be cut again next year.")
    guess = decide_actor_type(spans_of(doc, "Aiko Tanabe"))
    assert (guess.label, guess.source) == ("Person", "classifier")
