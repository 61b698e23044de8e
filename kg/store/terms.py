"""Conversion between rdflib terms, Python values and pyoxigraph terms, for the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.rdf import ACTORS_GRAPH, KG, SCHEMA

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: The actors graph and the actor terms the store's writers match on, as pyoxigraph nodes.
ACTORS_NODE = ox.NamedNode(str(ACTORS_GRAPH))
MENTIONS_NODE = ox.NamedNode(str(SCHEMA.mentions))
COUNT_NODE = ox.NamedNode(str(KG.mentionCount))


def to_ox(value: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Return ``value`` (rdflib term, pyoxigraph term or Python value) as a pyoxigraph term.

    Plain ``str`` becomes a string literal; pass :class:`rdflib.URIRef` to bind an IRI.
    """
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal):
        return value
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if not isinstance(value, Literal):
        value = Literal(value)
    if value.language:
        return ox.Literal(str(value), language=value.language)
    datatype = ox.NamedNode(str(value.datatype)) if value.datatype else None
    return ox.Literal(str(value), datatype=datatype)


def from_ox_term(term: Any) -> Identifier | None:
    """Return a pyoxigraph term as an rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported RDF term {term!r}")


def to_python(term: Any) -> Any:
    """Return a pyoxigraph term as a plain Python value (IRIs stay :class:`URIRef`)."""
    node = from_ox_term(term)
    if isinstance(node, Literal):
        value = node.toPython()
        return str(value) if isinstance(value, Literal) else value
    return node


def quads(triples: Iterable[tuple], graph: Any) -> list[ox.Quad]:
    """Return rdflib-style triples as pyoxigraph quads in ``graph``."""
    g = graph if isinstance(graph, ox.NamedNode) else ox.NamedNode(str(graph))
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]


def sparql_iri(node: Any) -> str:
    """Return ``node`` (one of kg's own IRIs) in SPARQL ``<…>`` form."""
    text = node.value if isinstance(node, ox.NamedNode) else str(node)
    if any(c in text for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not a safe IRI: {text!r}")
    return f"<{text}>"
