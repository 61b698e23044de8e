"""Tests for kg.frames: SELECT rows of RDF terms as a DataFrame of plain, typed columns."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pyoxigraph as ox
import pytest

from kg.frames import date_value, solutions_frame, term_value

XSD = "http://www.w3.org/2001/XMLSchema#"


def lit(value: str, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype) if datatype else None)


@pytest.mark.parametrize(("term", "expected"), [
    (ox.NamedNode("https://w3id.org/kg/id/actor/country/japan"),
     "https://w3id.org/kg/id/actor/country/japan"),
    (ox.BlankNode("b1"), "_:b1"),
    (lit("Japan"), "Japan"),
    (lit("12", "integer"), 12),
    (lit("0.5", "decimal"), 0.5),
    (lit("true", "boolean"), True),
    (lit("many", "integer"), "many"),
    (None, None),
])
def test_term_value(term, expected) -> None:
    value = term_value(term)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(("term", "expected"), [
    (lit("2025-11-19", "date"), (datetime(2025, 11, 19), "day")),
    (lit("2024-02", "gYearMonth"), (datetime(2024, 2, 1), "month")),
    (lit("2023", "gYear"), (datetime(2023, 1, 1), "year")),
    (lit("2025-11-30T13:34:09+01:00", "dateTime"), (datetime(2025, 11, 30, 12, 34, 9), "time")),
    (lit("2025-13", "gYearMonth"), (None, None)),
    (lit("2025-11"), (None, None)),
])
def test_date_value(term, expected) -> None:
    assert date_value(term) == expected


def test_frame_with_mixed_precision_dates_and_unbound_values() -> None:
    rows = [[ox.NamedNode("https://x.example/e1"), lit("2025-11-19", "date"), lit("3", "integer")],
            [ox.NamedNode("https://x.example/e2"), lit("2025-11", "gYearMonth"), None]]
    df = solutions_frame(["e", "date", "n"], rows)
    assert list(df.columns) == ["e", "date", "date_precision", "n"]
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-11-19", "2025-11-01"]
    assert df["date_precision"].tolist() == ["day", "month"]
    assert [type(v) for v in df["e"]] == [str, str]
    assert df["n"].tolist()[0] == 3 and df["n"].tolist()[1] is None


def test_an_existing_precision_column_is_kept() -> None:
    rows = [[lit("2025", "gYear"), lit("year")]]
    df = solutions_frame(["date", "date_precision"], rows)
    assert list(df.columns) == ["date", "date_precision"]
    assert df["date_precision"].tolist() == ["year"]
