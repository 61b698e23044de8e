"""The model-stage cache: extractions from stored documents equal the pipeline's own, with
every rule on and with each rule off (including the rules that act before the model)."""

from __future__ import annotations

import pytest
from test_ablation import RULE_CASES

from kg.model import Article
from kg.nlp import KG_COMPONENTS

#: Texts written for the test: a dateline with a wire service, furniture (byline, heading,
#: related links), a list, a quote, dated events, a parenthesised abbreviation.
TEXTS: list[str] = [
    "# Talks in Tromsø\n\nPublished: 2025-03-14\n\nTROMSØ (Reuters) — Finance Minister Ola Berg "
    "met Karen Holm in Tromsø on Tuesday.\n\nBerg said talks would continue.\n",
    "By Ana Lopes, Staff Writer\n\nMayor Ines Ruiz opened the Harmon Bridge in Lyon on Friday. "
    "\"It took six years,\" Ruiz said.\n\nRelated:\n\nIvy Taylor Wins Council Seat In Seattle\n",
    "The new cabinet:\n\nMarta Silva – Finance\nRita Sousa – Health\n\nThe Economic Community "
    "of West African States (ECOWAS) met in Abuja on 3 March. ECOWAS said talks would go on.",
    "Corvane Semiconductors posted a loss on Monday. Corvane said sales fell, and Western "
    "allies pledged more aid to Kyiv under the 28-point peace plan.",
]


def articles(texts: list[str]) -> list[Article]:
    return [Article(f"cache-{i}", "", text, "2025-11-25", "test") for i, text in enumerate(texts)]


def direct(texts: list[str]) -> list[dict]:
    """Return kg's extractions of ``texts`` through the whole pipeline, as JSON."""
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_articles

    return [x.to_json() for x in extract_articles(articles(texts), nlp=load_pipeline())]


def cached(texts: list[str], directory) -> list[dict]:
    """Return kg's extractions of ``texts`` made from the model-stage cache, as JSON."""
    from kg.doc_cache import DocCache

    return [x.to_json() for x in DocCache(directory).extractions(articles(texts))]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("model-docs")


@pytest.fixture
def pipes_run(monkeypatch):
    """Record the pipe names the cache runs over documents."""
    import kg.doc_cache

    seen: list[str] = []
    real = kg.doc_cache.run_pipes

    def spy(nlp, pairs, names, batch_size=16):
        seen.extend(names)
        return real(nlp, pairs, names, batch_size)

    monkeypatch.setattr(kg.doc_cache, "run_pipes", spy)
    return seen


def test_cold_and_warm_cache_give_the_pipelines_extractions(monkeypatch, tmp_path, pipes_run):
    monkeypatch.delenv("KG_DISABLE", raising=False)
    expected = direct(TEXTS)
    assert cached(TEXTS, tmp_path) == expected
    assert {"tagger", "parser", "kg_entity_ruler", "ner"} <= set(pipes_run)
    pipes_run.clear()
    assert cached(TEXTS, tmp_path) == expected  # read back from disk
    assert set(pipes_run) <= set(KG_COMPONENTS)  # kg's post-model pipes only
    assert "kg_actors" in pipes_run


def test_chunked_articles_are_cached_per_chunk(monkeypatch, tmp_path):
    import kg.pipeline

    monkeypatch.delenv("KG_DISABLE", raising=False)
    monkeypatch.setattr(kg.pipeline, "CHUNK_CHARS", 150)
    text = "\n\n".join(TEXTS[:2])
    assert len(kg.pipeline.text_chunks(text, 150)) > 1
    assert cached([text], tmp_path) == direct([text])


def test_the_publication_date_comes_from_the_article_not_the_cache(monkeypatch, tmp_path):
    from kg.doc_cache import DocCache

    monkeypatch.delenv("KG_DISABLE", raising=False)
    text = "Mayor Ines Ruiz opened the bridge on Friday."
    dates = []
    for published in ("2025-11-25", "2024-02-02"):
        [x] = DocCache(tmp_path).extractions([Article("a", "", text, published, "test")])
        dates.append({e.date for e in x.events})
    assert dates[0] != dates[1]


@pytest.mark.parametrize(("name", "text"), RULE_CASES, ids=[n for n, _ in RULE_CASES])
def test_a_rule_switched_off_gives_the_pipelines_extraction(monkeypatch, cache_dir, name, text):
    monkeypatch.delenv("KG_DISABLE", raising=False)
    cached([text], cache_dir)  # the all-on documents are stored first, as in an ablation
    monkeypatch.setenv("KG_DISABLE", name)
    assert cached([text], cache_dir) == direct([text])


@pytest.mark.parametrize(
    ("rule", "parse_changes", "model_stage_changes"),
    [("dateline_actors", True, True), ("plan_patterns", False, True),
     # the gazetteer guard reads the headline lines page furniture keeps
     ("list_lines_kept", False, True),
     ("heading_junk", False, False), ("surname_mentions", False, False)],
)
def test_the_fingerprint_changes_with_the_rules_of_its_stage(
        monkeypatch, rule, parse_changes, model_stage_changes):
    from kg.doc_cache import MODEL_STAGE, RULER, pipeline_for_disabled, stage_fingerprint

    monkeypatch.delenv("KG_DISABLE", raising=False)
    on = pipeline_for_disabled()
    before = (stage_fingerprint(on, RULER), stage_fingerprint(on, MODEL_STAGE))
    monkeypatch.setenv("KG_DISABLE", rule)
    off = pipeline_for_disabled()
    after = (stage_fingerprint(off, RULER), stage_fingerprint(off, MODEL_STAGE))
    assert (before[0] != after[0], before[1] != after[1]) == (parse_changes, model_stage_changes)
    assert (off is on) == (rule != "plan_patterns")  # only pattern rules reload the model


def test_kg_modules_are_followed_through_their_imports():
    from kg.doc_cache import kg_module_closure

    assert kg_module_closure("kg.extract.furniture") == (
        "kg.ablation", "kg.extract.boilerplate", "kg.extract.furniture",
        "kg.lexicon.page_lines")
