"""Keep the locations of Place and Country actors in the store's shared actors graph.

A place's location depends on the whole corpus (the countries named in every article that
mentions it, see :mod:`kg.geo`), so it is decided again from the store for every actor an
added or removed article touches: the store's content alone fixes the result, whatever order
the articles came in.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.geo import actor_location
from kg.rdf import ACTORS_GRAPH, PREFIXES, geo_iri, location_triples

_GEO_PREFIXES = ("https://sws.geonames.org/", "http://www.wikidata.org/entity/")


def _values(actors: Iterable[str] | None) -> str:
    """Return a ``VALUES ?a`` clause for ``actors`` (empty for all actors)."""
    if actors is None:
        return ""
    return "VALUES ?a { " + " ".join(f"<{a}>" for a in sorted(actors)) + " }"


def _located_actors(store: ox.Store, values: str) -> list[tuple[str, str, str, str | None]]:
    """Return (iri, type, name, country code) of the Place and Country actors to locate."""
    query = f"""
    SELECT ?a ?type ?name ?code WHERE {{ {values}
      GRAPH <{ACTORS_GRAPH}> {{
        ?a a ?cls ; kg:name ?name .
        VALUES (?cls ?type) {{ (kg:Place "Place") (kg:Country "Country") }}
        OPTIONAL {{ ?a kg:countryCode ?code }}
      }}
    }}"""
    rows = store.query(query, prefixes=PREFIXES)
    out = {}
    for r in rows:
        iri = r["a"].value
        code = r["code"].value if r["code"] is not None else None
        out.setdefault(iri, (iri, r["type"].value, r["name"].value, code))
    return [out[k] for k in sorted(out)]


def _named_countries(store: ox.Store, values: str) -> dict[str, set[str]]:
    """Return place IRI → ISO codes of the countries named in articles that mention it."""
    query = f"""
    SELECT DISTINCT ?a ?code WHERE {{ {values}
      GRAPH <{ACTORS_GRAPH}> {{ ?a a kg:Place }}
      GRAPH ?g {{ ?art schema:mentions ?a , ?c }}
      GRAPH <{ACTORS_GRAPH}> {{ ?c a kg:Country ; kg:countryCode ?code }}
    }}"""
    out: dict[str, set[str]] = {}
    for r in store.query(query, prefixes=PREFIXES):
        out.setdefault(r["a"].value, set()).add(r["code"].value)
    return out


def _clear(actors: set[str] | None) -> str:
    """Return SPARQL Update removing the location triples of ``actors`` (all when None),
    the points of actors already dropped from the actors graph included."""
    graph = f"<{ACTORS_GRAPH}>"
    same_as = " || ".join(f'STRSTARTS(STR(?x), "{p}")' for p in _GEO_PREFIXES)
    if actors is None:
        points = f"GRAPH {graph} {{ ?p a geo:Point ; ?pp ?o }}"
    else:
        iris = " ".join(f"<{geo_iri(a)}>" for a in sorted(actors))
        points = f"VALUES ?p {{ {iris} }} GRAPH {graph} {{ ?p ?pp ?o }}"
    values = _values(actors)
    return (
        f"DELETE {{ GRAPH {graph} {{ ?p ?pp ?o }} }} WHERE {{ {points} }} ;\n"
        f"DELETE {{ GRAPH {graph} {{ ?a schema:geo ?p }} }} WHERE {{ {values}"
        f" GRAPH {graph} {{ ?a schema:geo ?p }} }} ;\n"
        f"DELETE {{ GRAPH {graph} {{ ?a owl:sameAs ?x }} }} WHERE {{ {values}"
        f" GRAPH {graph} {{ ?a owl:sameAs ?x FILTER({same_as}) }} }}"
    )


def refresh_locations(store: ox.Store, actors: Iterable[str] | None = None, *,
                      then: str = "") -> int:
    """Decide again where the Place and Country actors among ``actors`` (all when None) are,
    replacing their location triples in one update (which also runs the SPARQL Update
    ``then``: a write drops the staged list of actors to locate with it); return how many
    have a location."""
    actors = None if actors is None else set(actors)
    if actors is not None and not actors:
        if then:
            store.update(then)
        return 0
    values = _values(actors)
    countries = _named_countries(store, values)
    triples = []
    located = 0
    for iri, type_, name, code in _located_actors(store, values):
        location = actor_location(type_, name, code, countries.get(iri, ()))
        if location is not None:
            located += 1
            triples += location_triples(iri, location)
    data = " ".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
    update = _clear(actors)
    if data:
        update += f" ;\nINSERT DATA {{ GRAPH <{ACTORS_GRAPH}> {{ {data} }} }}"
    if then:
        update += " ;\n" + then
    store.update(update, prefixes=PREFIXES)
    return located
