"""Keep the locations of Place and Country actors in the store's shared actors graph.

A place's location depends on the whole corpus (the countries named in every article that
mentions it through one of its references, see :mod:`kg.geo`), so it is decided again from
the store for every actor an added or removed article touches: the store's content alone
fixes the result, whatever order the articles came in.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.geo import actor_location, evidence_codes
from kg.rdf import ACTORS_GRAPH, KG, PREFIXES, RDF, geo_iri, location_triples
from kg.store.terms import ACTORS_NODE, COUNT_NODE, MENTIONS_NODE

_CODE = ox.NamedNode(str(KG.countryCode))
_REFERS_TO = ox.NamedNode(str(KG.refersTo))
_COUNTRY = ox.NamedNode(str(KG.Country))
_TYPE = ox.NamedNode(str(RDF.type))
_NAME = ox.NamedNode(str(KG.name))
#: The classes of the actors located, and their type names.
_LOCATED = {ox.NamedNode(str(KG.Place)): "Place", _COUNTRY: "Country"}
#: Up to this many references of an actor are looked up one by one in an article graph
#: (:meth:`_Mentions.named_together`) rather than read with the graph's every mention.
FEW_REFS = 8
_GEO_PREFIXES = ("https://sws.geonames.org/", "http://www.wikidata.org/entity/")


def _values(actors: Iterable[str] | None) -> str:
    """Return a ``VALUES ?a`` clause for ``actors`` (empty for all actors)."""
    if actors is None:
        return ""
    return "VALUES ?a { " + " ".join(f"<{a}>" for a in sorted(actors)) + " }"


def _located_actors(store: ox.Store, actors: Iterable[str] | None
                    ) -> list[tuple[str, str, str, str | None]]:
    """Return (iri, type, name, country code) of the Place and Country actors among
    ``actors`` (all when None), sorted. Each actor is looked up by its IRI (a query joining
    a list of actors with the actors graph costs what the graph holds, not what the list
    does); of several names or codes the least is taken."""
    if actors is None:
        nodes = {q.subject for cls in _LOCATED for q in store.quads_for_pattern(
            None, _TYPE, cls, ACTORS_NODE) if isinstance(q.subject, ox.NamedNode)}
    else:
        nodes = {ox.NamedNode(a) for a in actors}
    out = []
    for node in sorted(nodes, key=lambda n: n.value):
        type_ = next((name for cls, name in _LOCATED.items()
                      if ox.Quad(node, _TYPE, cls, ACTORS_NODE) in store), None)
        names = [q.object.value for q in store.quads_for_pattern(node, _NAME, None, ACTORS_NODE)]
        if type_ is None or not names:
            continue
        codes = [q.object.value for q in store.quads_for_pattern(node, _CODE, None, ACTORS_NODE)]
        out.append((node.value, type_, min(names), min(codes, default=None)))
    return out


def _named_countries(store: ox.Store, wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    """Return place IRI → the codes among ``wanted[place]`` of countries named in an article
    that mentions the place. Each (place, country) pair reads the articles of whichever of
    the two is mentioned less often, until one names the other, so a batch never reads every
    article about a frequent place."""
    by_code: dict[str, list[ox.NamedNode]] = {}
    out: dict[str, set[str]] = {}
    mentions = _Mentions(store)
    for place, codes in wanted.items():
        node = ox.NamedNode(place)
        mentions.forget_graphs()  # a place's graphs are asked about again for each country
        for code in sorted(codes):
            if code not in by_code:
                by_code[code] = _countries_of(store, code)
            if any(mentions.named_together(node, c) for c in by_code[code]):
                out.setdefault(place, set()).add(code)
    return out


def _countries_of(store: ox.Store, code: str) -> list[ox.NamedNode]:
    """Return the Country actors with country code ``code`` (looked up by the code, not by
    reading every code of the actors graph: its references hold codes too)."""
    return [q.subject for q in store.quads_for_pattern(None, _CODE, ox.Literal(code),
                                                       ACTORS_NODE)
            if ox.Quad(q.subject, _TYPE, _COUNTRY, ACTORS_NODE) in store]


class _Mentions:
    """Which article graphs mention which actors, read from a store that does not change
    meanwhile: each actor's references read once (a country is asked about many places), and
    each graph's mentions once until :meth:`forget_graphs` (a place is asked about each
    country its name could lie in)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._refs: dict[ox.NamedNode, set[ox.NamedNode]] = {}
        self._counts: dict[ox.NamedNode, int] = {}
        self._mentioned: dict[tuple[ox.NamedNode, ox.NamedNode], set[ox.NamedNode]] = {}

    def count(self, actor: ox.NamedNode) -> int:
        """Return the actor's mention count, as the actors graph holds it."""
        if actor not in self._counts:
            q = next(self.store.quads_for_pattern(actor, COUNT_NODE, None, ACTORS_NODE), None)
            self._counts[actor] = int(q.object.value) if q is not None else 0
        return self._counts[actor]

    def refs(self, actor: ox.NamedNode) -> set[ox.NamedNode]:
        """Return the references that refer to ``actor`` (article graphs name those)."""
        if actor not in self._refs:
            self._refs[actor] = {q.subject for q in self.store.quads_for_pattern(
                None, _REFERS_TO, actor, ACTORS_NODE)}
        return self._refs[actor]

    def mentioned(self, article: ox.NamedNode, graph: ox.NamedNode) -> set[ox.NamedNode]:
        """Return what ``article`` mentions in its ``graph``."""
        if (article, graph) not in self._mentioned:
            self._mentioned[article, graph] = {q.object for q in self.store.quads_for_pattern(
                article, MENTIONS_NODE, None, graph)}
        return self._mentioned[article, graph]

    def forget_graphs(self) -> None:
        """Drop the graphs' mentions read so far (what is kept stays small: a clean build
        locates every place of the corpus in one pass)."""
        self._mentioned.clear()

    def named_together(self, a: ox.NamedNode, b: ox.NamedNode) -> bool:
        """Return whether one article graph mentions both actors (through their
        references)."""
        rare, other = sorted((a, b), key=lambda x: (self.count(x), x.value))
        others = self.refs(other)
        for ref in self.refs(rare):
            for q in self.store.quads_for_pattern(None, MENTIONS_NODE, ref, None):
                if q.graph_name != ACTORS_NODE and self._mentions_any(q.subject, q.graph_name,
                                                                      others):
                    return True
        return False

    def _mentions_any(self, article: ox.NamedNode, graph: ox.NamedNode,
                      refs: set[ox.NamedNode]) -> bool:
        """Return whether ``article`` mentions one of ``refs`` in its ``graph``: a few
        references are looked up one by one (reading a graph's every mention costs more
        than a lookup each), more in the graph's mentions, read once."""
        if len(refs) > FEW_REFS or (article, graph) in self._mentioned:
            return not refs.isdisjoint(self.mentioned(article, graph))
        return any(ox.Quad(article, MENTIONS_NODE, ref, graph) in self.store for ref in refs)


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
    located_actors = _located_actors(store, actors)
    wanted = {iri: evidence_codes(name) for iri, type_, name, _ in located_actors
              if type_ == "Place"}
    countries = _named_countries(store, {k: v for k, v in wanted.items() if v})
    triples = []
    located = 0
    for iri, type_, name, code in located_actors:
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
