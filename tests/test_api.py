"""The Python API as a notebook uses it: kg.build / kg.extract again and again, typed frames."""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd
import pytest
from records import RUBIO_ID, extractions, sample_store

import kg
from kg.api import KnowledgeGraph
from kg.rdf import actor_iri

ARTICLE = """Dock Workers Return
Published: 2025-10-02

Harbour Minister Lena Ostrova said the dock strike in Valmora ended on Tuesday.
"""


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "dock.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_build_and_extract_work_again_and_again(article: Path) -> None:
    importlib.import_module("kg.build")  # what used to replace kg.build with the module
    importlib.import_module("kg.extract")
    for _ in range(2):
        graph = kg.build(str(article), store=None)
        assert graph.stats()["articles"] == 1
        assert [x.article.title for x in kg.extract(str(article))] == ["Dock Workers Return"]
    from kg.build import build_store  # the submodules stay importable

    assert callable(build_store) and callable(kg.build) and callable(kg.extract)


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph(sample_store())


def test_query_frame_has_plain_str_iris(graph: KnowledgeGraph) -> None:
    df = graph.query("SELECT ?a ?n WHERE { ?a a kg:Person ; kg:name ?n }")
    assert list(df.itertuples(index=False, name=None)) == [(str(actor_iri(RUBIO_ID)),
                                                            "Marco Rubio")]
    assert type(df.loc[0, "a"]) is str


def test_query_frame_dates_are_datetime64_with_precision(graph: KnowledgeGraph) -> None:
    df = graph.query("SELECT ?label ?date WHERE { ?r kg:label ?label ; kg:refersTo/kg:date ?date }"
                     " ORDER BY ?date")
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    dated = dict(zip(df["date"].dt.strftime("%Y-%m-%d"), df["date_precision"], strict=True))
    assert dated == {"2025-11-01": "month", "2025-11-19": "day", "2025-12-02": "day"}


def test_query_binds_values_and_counts_are_ints(graph: KnowledgeGraph) -> None:
    df = graph.query("SELECT ?who (COUNT(?s) AS ?n) WHERE { ?s kg:speaker/kg:refersTo ?p . ?p kg:name ?who }"
                     " GROUP BY ?who", who="Marco Rubio")
    said = sum(st.speaker_id == RUBIO_ID for x in extractions() for st in x.statements)
    assert df["n"].dtype == "int64" and df["n"].tolist() == [said] == [3]


def test_binding_an_unselected_variable_of_an_aggregate_is_refused(graph: KnowledgeGraph) -> None:
    from kg.store import QueryError

    with pytest.raises(QueryError, match=r"cannot bind \?who"):
        graph.query("SELECT (COUNT(?s) AS ?n) WHERE { ?s kg:speaker/kg:refersTo ?p . ?p kg:name ?who }",
                    who="Marco Rubio")


def test_ask_gives_a_bool(graph: KnowledgeGraph) -> None:
    assert graph.query("ASK { ?a a kg:Person }") is True


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "jsonld"])
def test_export_writes_graph_files_and_rdf(graph: KnowledgeGraph, tmp_path: Path,
                                           fmt: str) -> None:
    path = graph.export(tmp_path / f"kg.{fmt}", fmt)
    assert "Marco Rubio" in path.read_text(encoding="utf-8")
