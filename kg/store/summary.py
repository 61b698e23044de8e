"""What a kg store holds, summed up: :class:`StoreSummaries`, the methods
:class:`kg.store.KGStore` has for its articles, actors, counts and article ids."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pyoxigraph as ox

from kg.rdf import KGID, article_id_of, entity_id_of


class StoreSummaries:
    """Summaries of a store that has ``ox`` (an Oxigraph store) and ``query`` (SPARQL rows)."""

    ox: ox.Store

    def triple_count(self) -> int:
        """Return the number of quads in the store (all graphs)."""
        return len(self.ox)

    def articles(self) -> list[dict[str, Any]]:
        """Return one dict per stored article: id, title, published, source, url, provenance."""
        rows = self.query(
            """
            SELECT ?g ?id ?title ?published ?source ?url ?ingested ?model ?version ?hash WHERE {
              GRAPH ?g {
                ?g kg:sourceArticle ?a .
                ?a kg:articleId ?id ; schema:headline ?title ; kg:contentHash ?hash .
                OPTIONAL { ?a schema:datePublished ?published }
                OPTIONAL { ?a kg:sourcePath ?source }
                OPTIONAL { ?a schema:url ?url }
                OPTIONAL { ?g prov:generatedAtTime ?ingested }
                OPTIONAL { ?g kg:spacyModel ?model }
                OPTIONAL { ?g kg:kgVersion ?version }
              }
            } ORDER BY ?published ?id
            """
        )
        return [
            {
                "id": str(r["id"]),
                "title": str(r["title"]),
                "published": _iso(r["published"]),
                "source": r["source"],
                "url": str(r["url"]) if r["url"] is not None else None,
                "ingested_at": _iso(r["ingested"]),
                "model": r["model"],
                "kg_version": r["version"],
                "content_hash": r["hash"],
                "graph": str(r["g"]),
            }
            for r in rows
        ]

    def known_actors(self) -> list[dict[str, Any]]:
        """Return the actors of the store (id, name, type, aliases, mentions, country_code)."""
        rows = self.query(
            """
            SELECT ?a ?name ?type ?count ?code
                   (GROUP_CONCAT(DISTINCT ?alias; SEPARATOR="\\u001f") AS ?aliases) WHERE {
              GRAPH kgid:graph\\/actors {
                ?a a kg:Actor ; kg:name ?name ; a ?cls .
                FILTER(?cls != kg:Actor && STRSTARTS(STR(?cls), STR(kg:)))
                OPTIONAL { ?a kg:mentionCount ?count }
                OPTIONAL { ?a kg:countryCode ?code }
                OPTIONAL { ?a skos:altLabel ?alias }
              }
              BIND(STRAFTER(STR(?cls), STR(kg:)) AS ?type)
            } GROUP BY ?a ?name ?type ?count ?code ORDER BY DESC(?count) ?name
            """
        )
        return [
            {
                "id": entity_id_of(r["a"]),
                "iri": str(r["a"]),
                "name": r["name"],
                "type": r["type"],
                "aliases": sorted(x for x in (r["aliases"] or "").split("\x1f") if x),
                "mentions": int(r["count"] or 0),
                "country_code": r["code"],
            }
            for r in rows
        ]

    def stats(self) -> dict[str, Any]:
        """Return counts (articles, actors by type, events, statements, roles) and top actors."""
        counts = self.query(
            """
            SELECT
              (COUNT(DISTINCT ?art) AS ?articles) (COUNT(DISTINCT ?ev) AS ?events)
              (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?ro) AS ?roles)
            WHERE {
              { ?art a kg:Article } UNION { ?ev a kg:Event } UNION { ?st a kg:Statement }
              UNION { ?ro a kg:Role }
            }
            """
        )[0]
        actors = self.known_actors()
        by_type: dict[str, int] = {}
        for actor in actors:
            by_type[actor["type"]] = by_type.get(actor["type"], 0) + 1
        return {
            "articles": int(counts["articles"]),
            "actors": len(actors),
            "actors_by_type": dict(sorted(by_type.items())),
            "events": int(counts["events"]),
            "statements": int(counts["statements"]),
            "roles": int(counts["roles"]),
            "triples": self.triple_count(),
            "top_actors": [
                {k: a[k] for k in ("id", "name", "type", "mentions")} for a in actors[:10]
            ],
        }

    def article_ids(self) -> list[str]:
        """Return the ids of the stored articles (from their named graphs)."""
        prefix = str(KGID) + "graph/article/"
        return sorted(
            article_id_of(g.value)
            for g in self.ox.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)
        )


def _iso(value: Any) -> str | None:
    """Return dates / datetimes as ISO strings (others as ``str``, ``None`` kept)."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
