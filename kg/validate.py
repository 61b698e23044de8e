"""Validate a kg store against the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Namespace

from kg.ontology_files import ontology_dir
from kg.rdf import PREFIXES

if TYPE_CHECKING:
    from kg.store import KGStore

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class ValidationReport:
    """Outcome of a SHACL validation: ``violations`` are (focus node, path, message) triples."""

    conforms: bool
    violations: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """Return a one-line summary, e.g. ``"conforms"`` or ``"3 violations"``."""
        if self.conforms:
            return "conforms"
        n = len(self.violations)
        return f"{n} violation{'s' if n != 1 else ''}"


def load_shapes(path: Path | None = None) -> Graph:
    """Return the SHACL shapes graph."""
    return Graph().parse(path or ontology_dir() / "shapes.ttl", format="turtle")


ONTOLOGY_FILES: tuple[str, ...] = ("kg.ttl", "event-types.ttl")


def load_ontology(path: Path | None = None) -> Graph:
    """Return the kg ontology graph: classes and properties plus the event-type scheme."""
    graph = Graph()
    for p in [path] if path else [ontology_dir() / name for name in ONTOLOGY_FILES]:
        graph.parse(p, format="turtle")
    return graph


def _violations(results: Graph) -> list[tuple[str, str, str]]:
    """Return (focus node, path, message) for every sh:ValidationResult, sorted."""
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        out.append((str(focus or ""), str(path or ""), str(message or "")))
    return sorted(set(out))


def validate_graph(data: Graph, inference: str = "none") -> ValidationReport:
    """Validate an rdflib graph (e.g. a store's union graph) with the kg shapes and ontology."""
    from pyshacl import validate

    conforms, results, _text = validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference=inference,
        advanced=True,
        allow_warnings=True,
    )
    return ValidationReport(conforms=bool(conforms), violations=_violations(results))


def union_graph(store: KGStore) -> Graph:
    """Return all triples of the store (every named graph) as one rdflib graph."""
    graph = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    )
    assert isinstance(graph, Graph)
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


def validate_store(store: KGStore, inference: str = "none") -> ValidationReport:
    """Validate the union of all graphs of ``store`` against ``ontology/shapes.ttl``."""
    return validate_graph(union_graph(store), inference=inference)
