"""SPARQL SELECT results as a pandas DataFrame with plain, typed columns.

IRIs and ids become plain ``str``; numbers and booleans their Python types; a column holding
dates (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``, ``xsd:dateTime``) becomes
``datetime64`` (a month or year as its first day; date-times in UTC) with a companion column
``<name>_precision`` saying ``day``, ``month``, ``year`` or ``time``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
#: Date datatypes → (precision, how to pad the lexical form to a full date).
DATE_TYPES: dict[str, tuple[str, str]] = {
    XSD + "date": ("day", ""),
    XSD + "gYearMonth": ("month", "-01"),
    XSD + "gYear": ("year", "-01-01"),
    XSD + "dateTime": ("time", ""),
}
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                               "positiveInteger", "negativeInteger", "nonPositiveInteger")}
_FLOATS = {XSD + t for t in ("decimal", "double", "float")}


def term_value(term: Any) -> Any:
    """Return one non-date RDF term as a plain Python value (IRIs as ``str``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    datatype = term.datatype.value
    try:
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype in _FLOATS:
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
    except ValueError:
        pass
    return term.value


def _is_date(term: Any) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in DATE_TYPES


def date_value(term: Any) -> tuple[datetime | None, str | None]:
    """Return a date literal as a naive UTC datetime and its precision (``None`` if unusable)."""
    if not _is_date(term):
        return None, None
    precision, pad = DATE_TYPES[term.datatype.value]
    text = term.value
    try:
        if precision == "time":
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC).replace(tzinfo=None)
            return moment, precision
        return datetime.fromisoformat(text[:10] + pad if pad else text[:10]), precision
    except ValueError:
        return None, None


def solutions_frame(variables: Sequence[str], rows: Sequence[Sequence[Any]]):
    """Return rows of pyoxigraph terms (``None`` when unbound) as a typed DataFrame."""
    import pandas as pd

    columns: dict[str, Any] = {}
    for i, name in enumerate(variables):
        terms = [row[i] for row in rows]
        if any(_is_date(t) for t in terms):
            dates = [date_value(t) for t in terms]
            columns[name] = pd.to_datetime(pd.Series([d for d, _ in dates], dtype="object"))
            precision = f"{name}_precision"
            if precision not in variables:
                columns[precision] = pd.Series([p for _, p in dates], dtype="object")
        else:
            columns[name] = pd.Series([term_value(t) for t in terms], dtype="object")
            values = [v for v in columns[name] if v is not None]
            if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values) \
                    and len(values) == len(terms):
                columns[name] = columns[name].astype("int64")
    return pd.DataFrame(columns, columns=list(columns))


def query_frame(result: Any):
    """Return a pyoxigraph ``QuerySolutions`` as a typed DataFrame (see module doc)."""
    variables = [v.value for v in result.variables]
    rows = [[solution[v] for v in variables] for solution in result]
    return solutions_frame(variables, rows)
