"""Serialise SPARQL results held in memory (rows of pyoxigraph terms) and negotiate formats.

The endpoint reads a query's solutions row by row (to enforce its time limit and row cap), so
it cannot hand pyoxigraph's one-shot ``QuerySolutions.serialize`` the iterator any more; these
writers produce the same W3C formats (SPARQL 1.1 Query Results JSON, XML, CSV and TSV) from
the collected rows. ASK results and RDF graphs still go through pyoxigraph's serialisers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Result format name → media type (SELECT and ASK).
RESULT_MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Graph format name → media type (CONSTRUCT and DESCRIBE).
GRAPH_MEDIA_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
GRAPH_RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
ASK_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}

# Accepted media types (and ``format`` / ``output`` parameter values) → format name.
_RESULT_ALIASES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "xml": "xml",
    "text/csv": "csv",
    "csv": "csv",
    "text/tab-separated-values": "tsv",
    "tsv": "tsv",
}
_GRAPH_ALIASES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "text/n3": "turtle",
    "turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "ntriples": "ntriples",
    "n-triples": "ntriples",
    "nt": "ntriples",
    "application/ld+json": "jsonld",
    "application/x-json+ld": "jsonld",
    "application/json": "jsonld",
    "json-ld": "jsonld",
    "jsonld": "jsonld",
    "json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
    "rdf": "rdfxml",
    "rdfxml": "rdfxml",
    "rdf+xml": "rdfxml",
    "xml": "rdfxml",
}


class NotAcceptable(ValueError):
    """No format the client accepts can carry this kind of result."""


def _accept_ranges(accept: str) -> list[str]:
    """Return the media ranges of an ``Accept`` header, best first (ties keep their order)."""
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, index, media))
    return [media for _, _, media in sorted(ranges)]


def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> str:
    """Return the format name for a result ``kind`` ("results" or "graph").

    The best media type of ``Accept`` that fits wins; when it names none (absent, ``*/*``), a
    ``format`` / ``output`` parameter decides; else JSON for SELECT / ASK and Turtle for graphs.
    Raises :class:`NotAcceptable` when ``Accept`` and ``fmt`` name only formats that cannot
    carry this kind of result.
    """
    aliases = _RESULT_ALIASES if kind == "results" else _GRAPH_ALIASES
    default = "json" if kind == "results" else "turtle"
    ranges = _accept_ranges(accept or "")
    wildcard = not ranges
    for media in ranges:
        if media in aliases:
            return aliases[media]
        if media in ("*/*", "application/*", "text/*"):
            wildcard = True
            break
    key = (fmt or "").strip().lower()
    if key in aliases:
        return aliases[key]
    if wildcard:
        return default
    offered = RESULT_MEDIA_TYPES if kind == "results" else GRAPH_MEDIA_TYPES
    raise NotAcceptable(
        f"cannot answer in {accept!r}; this result can be sent as {', '.join(offered.values())}"
    )


# ------------------------------------------------------------------------- SELECT writers


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def select_json(variables: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Return SPARQL 1.1 Query Results JSON of a SELECT."""
    bindings = [
        {var: _json_term(t) for var, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def select_xml(variables: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Return SPARQL Query Results XML of a SELECT."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>',
        *(f"<variable name={quoteattr(v)}/>" for v in variables),
        "</head><results>",
    ]
    for row in rows:
        out.append("<result>")
        for var, term in zip(variables, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "".join(out).encode("utf-8")


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value if hasattr(term, "value") else str(term)


def select_csv(variables: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Return SPARQL 1.1 Query Results CSV of a SELECT (plain values, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([_csv_value(t) for t in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _tsv_value(term: Any) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t")


def select_tsv(variables: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Return SPARQL 1.1 Query Results TSV of a SELECT (terms in N-Triples syntax)."""
    lines = ["\t".join("?" + v for v in variables)]
    lines += ["\t".join(_tsv_value(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


SELECT_WRITERS = {"json": select_json, "xml": select_xml, "csv": select_csv, "tsv": select_tsv}

#: Text a spreadsheet would run as a formula when it opens a CSV/TSV cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_TYPES = {XSD_STRING, "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def spreadsheet_safe_term(term: Any) -> Any:
    """Return ``term`` with a ``'`` before a text literal that starts like a formula
    (``=HYPERLINK(...)``, ``+1``, ``@SUM``); numbers, IRIs and other terms unchanged."""
    if (isinstance(term, ox.Literal) and term.datatype.value in _TEXT_TYPES
            and term.value.startswith(FORMULA_STARTS)):
        if term.language:
            return ox.Literal("'" + term.value, language=term.language)
        return ox.Literal("'" + term.value)
    return term


def serialize_select(fmt: str, variables: Sequence[str], rows: Sequence[Sequence[Any]],
                     spreadsheet_safe: bool = False) -> bytes:
    """Return SELECT results (variable names, rows of pyoxigraph terms or None) in ``fmt``;
    with ``spreadsheet_safe``, CSV/TSV text cells cannot start a formula (``kg query``'s
    default; the endpoint answers the values as stored)."""
    if spreadsheet_safe and fmt in ("csv", "tsv"):
        rows = [[spreadsheet_safe_term(t) for t in row] for row in rows]
    return SELECT_WRITERS[fmt](variables, rows)


def serialize_ask(fmt: str, value: ox.QueryBoolean) -> bytes:
    """Return an ASK result in ``fmt`` (pyoxigraph's serialiser)."""
    return value.serialize(format=ASK_FORMATS[fmt])


def serialize_graph(fmt: str, triples: Sequence[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """Return CONSTRUCT / DESCRIBE triples in ``fmt`` (pyoxigraph's serialisers)."""
    use = prefixes if fmt in ("turtle", "rdfxml") else None
    return ox.serialize(triples, format=GRAPH_RDF_FORMATS[fmt], prefixes=use)
