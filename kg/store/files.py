"""Export a store to RDF files and import TriG / N-Quads into it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from kg.rdf import ACTORS_GRAPH, KG, KGID, PREFIXES
from kg.store.terms import from_ox_term

_REFERS_TO = ox.NamedNode(str(KG.refersTo))
_REF_PREFIX = str(KGID) + "ref/"
_EREF_PREFIX = str(KGID) + "eref/"
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_EVENT_REFERENCE = ox.NamedNode(str(KG.EventReference))

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
#: Prefixes written in exports: not ``kgid:``, whose ids hold '/', which Turtle would escape as
#: ``kgid:actor\/person\/x`` (valid, but Virtuoso and other tools reject it).
EXPORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "kgid"}
#: Formats that keep named graphs (the others export the union of all graphs).
DATASET_FORMATS = frozenset({"trig", "nq"})


class FormatError(ValueError):
    """An export or import format kg does not write or read (message is one line)."""


def export_store(store: ox.Store, dest: str | Path | IO[bytes], format: str = "trig", *,
                 resolve_actors: bool = False) -> None:
    """Write ``store`` to ``dest``: ttl / nt / jsonld as the union, trig / nq with graphs.

    ``resolve_actors``: each actor reference is written as the actor it refers to and the
    references' own facts are left out (:func:`resolved_quads`), for tools that should not
    need the hop; the default writes the stored layout, which ``kg import`` loads back."""
    fmt = format.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise FormatError(f"unknown export format {format!r} (use {', '.join(EXPORT_FORMATS)})")
    output = str(dest) if isinstance(dest, str | Path) else dest
    prefixes = {k: v for k, v in EXPORT_PREFIXES.items() if k != "rdf" or fmt != "jsonld"}
    if fmt in DATASET_FORMATS:
        if resolve_actors:
            ox.serialize(resolved_quads(store), output, EXPORT_FORMATS[fmt], prefixes=prefixes)
        else:
            store.dump(output, EXPORT_FORMATS[fmt], prefixes=prefixes)
        return
    if resolve_actors:
        triples: Iterable[ox.Triple] = list(dict.fromkeys(
            ox.Triple(q.subject, q.predicate, q.object) for q in resolved_quads(store)))
    else:
        triples = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE {"
            " { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"
        )
    if EXPORT_FORMATS[fmt] == ox.RdfFormat.JSON_LD:
        _write_compact_jsonld(triples, output)
        return
    ox.serialize(triples, output, EXPORT_FORMATS[fmt], prefixes=prefixes)


def resolved_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Yield the store's quads with every actor and event reference replaced by the actor or
    event it ``kg:refersTo`` and the references' own facts (link, key facts, class) left out,
    each quad of a graph once (two keys of one actor in an article name the same actor)."""
    actors = ox.NamedNode(str(ACTORS_GRAPH))
    target = {q.subject: q.object
              for q in store.quads_for_pattern(None, _REFERS_TO, None, actors)}

    def term(node):
        return target.get(node, node)

    graphs = [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]
    for graph in graphs:
        seen: set[ox.Quad] = set()
        for q in store.quads_for_pattern(None, None, None, graph):
            if graph == actors and isinstance(q.subject, ox.NamedNode) and (
                    q.subject.value.startswith(_EREF_PREFIX) or (
                        q.subject.value.startswith(_REF_PREFIX) and q.predicate != ox.NamedNode(
                            "http://www.w3.org/ns/org#holds"))):
                continue
            if q.predicate == _TYPE and q.object == _EVENT_REFERENCE:
                continue
            out = ox.Quad(term(q.subject), q.predicate, term(q.object), q.graph_name)
            if out not in seen:
                seen.add(out)
                yield out


def import_dataset(store: ox.Store, path: str | Path, format: str | None = None) -> int:
    """Load a TriG / N-Quads file (named graphs kept) in one transaction; return quads added.

    Raises :class:`FormatError` for other formats and ``SyntaxError`` / ``OSError`` as
    pyoxigraph does for a bad file."""
    path = Path(path)
    fmt = (format or path.suffix).lower().lstrip(".")
    if fmt not in DATASET_FORMATS:
        raise FormatError(f"{path}: import needs TriG (.trig) or N-Quads (.nq), not {fmt!r}")
    before = len(store)
    store.load(path=str(path), format=EXPORT_FORMATS[fmt])
    return len(store) - before


def _write_compact_jsonld(triples: Iterable[ox.Triple], dest: str | IO[bytes]) -> None:
    """Write triples as JSON-LD compacted with an ``@context`` of kg's prefixes (``kg:name``,
    ``"@type": "kg:Person"``), one ``@graph`` of nodes (rdflib's JSON-LD serialiser)."""
    graph = Graph()
    for t in triples:
        graph.add((from_ox_term(t.subject), from_ox_term(t.predicate), from_ox_term(t.object)))
    context = {k: v for k, v in PREFIXES.items() if k != "rdf"}
    data = graph.serialize(format="json-ld", context=context, auto_compact=True, indent=1)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(dest, str):
        Path(dest).write_bytes(payload)
    else:
        dest.write(payload)
