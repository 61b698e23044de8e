"""Upgrade a store written by an older kg to the current layout, in place."""

from __future__ import annotations

import pyoxigraph as ox

from kg.rdf import ACTORS_GRAPH, KG, PREFIXES
from kg.store_terms import sparql_iri


class LayoutError(Exception):
    """The store is of an old layout and cannot be upgraded here (message is one line)."""


def _old_layout(store: ox.Store) -> bool:
    """Return whether the store repeats actor or event types in article graphs or holds
    roles as ``kg:holdsRole`` (the layout before kg stored shared facts once)."""
    if any(True for _ in store.quads_for_pattern(None, ox.NamedNode(str(KG.holdsRole)), None,
                                                  None)):
        return True
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    actors = ox.NamedNode(str(ACTORS_GRAPH))
    classes = [ox.NamedNode(str(cls)) for cls in (KG.Actor, KG.Event)]
    # one lookup per article graph: the typed actors and events of the actors graph (every
    # one of them in the current layout) are never read
    return any(next(store.quads_for_pattern(None, rdf_type, cls, graph), None) is not None
               for graph in store.named_graphs() if graph != actors for cls in classes)



def migrate_layout(store: ox.Store, where: object = None) -> None:
    """Rewrite a store of the old layout in place (one transaction): actor types leave the
    article graphs, which say ``schema:mentions`` instead; roles become ``org:Post`` s
    described once in the actors graph; an event's class and type move there too."""
    if not _old_layout(store):
        return
    a = sparql_iri(ACTORS_GRAPH)
    role_props = "rdf:type, kg:roleTitle, kg:roleHolder, kg:roleOf"
    try:
        store.update(
            f"INSERT {{ GRAPH ?g {{ ?art schema:mentions ?x }} }} WHERE {{ GRAPH ?g {{"
            f" ?x a kg:Actor . ?g kg:sourceArticle ?art }} FILTER(?g != {a}) }} ;\n"
            f"DELETE {{ GRAPH ?g {{ ?x a ?c }} }} WHERE {{ GRAPH ?g {{ ?x a kg:Actor , ?c }}"
            f" FILTER(?g != {a}) }} ;\n"
            f"INSERT {{ GRAPH {a} {{ ?r a kg:Role , org:Post ; kg:roleTitle ?t ;"
            f" org:heldBy ?p . ?p org:holds ?r }} }} WHERE {{ GRAPH ?g {{ ?r a kg:Role ;"
            f" kg:roleTitle ?t ; kg:roleHolder ?p }} }} ;\n"
            f"INSERT {{ GRAPH {a} {{ ?r org:postIn ?o }} }} WHERE {{ GRAPH ?g {{ ?r a kg:Role ;"
            f" kg:roleOf ?o }} }} ;\n"
            f"DELETE {{ GRAPH ?g {{ ?r ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?r a kg:Role ; ?p ?o"
            f" FILTER(?p IN ({role_props})) }} FILTER(?g != {a}) }} ;\n"
            f"DELETE WHERE {{ GRAPH ?g {{ ?p kg:holdsRole ?r }} }} ;\n"
            f"INSERT {{ GRAPH {a} {{ ?e a kg:Event ; kg:eventType ?t }} }} WHERE {{ GRAPH ?g"
            f" {{ ?e a kg:Event ; kg:eventType ?t }} FILTER(?g != {a}) }} ;\n"
            f"DELETE {{ GRAPH ?g {{ ?e a kg:Event ; kg:eventType ?t }} }} WHERE {{ GRAPH ?g"
            f" {{ ?e a kg:Event ; kg:eventType ?t }} FILTER(?g != {a}) }}",
            prefixes=PREFIXES,
        )
    except OSError as exc:
        where = where or "store"
        raise LayoutError(f"{where}: written by an older kg and cannot be upgraded here"
                          f" ({' '.join(str(exc).split())}); rebuild it with"
                          f" `kg build ARTICLES --store NEW-STORE`") from exc
