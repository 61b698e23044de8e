"""Time the example queries with actors read through per-key references, on a copy of a
real store: the query cost of the layout bench/README.md decides for flat incremental
builds ("The layout, for whoever builds it"), measured before anything is migrated.

The layout: an article graph names each actor by a reference node ``kgid:ref/<digest of the
actor key>`` wherever it names an actor IRI now, and the actors graph holds ``ref
kg:refersTo actor`` once per key. This script writes that layout from a store and its build
history (the link index gives each article's actor keys and the actor each key joins):

* every actor-valued position of an article graph (``schema:mentions``, ``kg:hasMention``,
  ``kg:speaker``, ``kg:about``, ``kg:stanceTarget``, ``kg:hasActor``, ``kg:agent``,
  ``kg:target``, ``kg:hasPlace``) and of a role (``org:holds``, ``org:heldBy``,
  ``org:postIn``, with the role's article) names the reference of the article's key that
  joins that actor. Where an article holds several keys of one actor ("Kong" and "Herndon
  Kong"), the real layout splits the actor's mentions between their references; here all go
  to the first key's (so the converted store has at most as many references per article as
  the real one would: the join counts below are a lower bound by that much);
* the actors graph gains ``ref a kg:ActorReference ; kg:refersTo actor`` per reference.

Then each example query runs on the original store and its hop form (:data:`HOP`) on the
converted one, in this process: a cold run and the best of 3 warm runs, CPU and wall time,
and the rows of both are compared (the same rows, as sets, but the ``?example`` column a
``SAMPLE`` fills with any row's value: the hop must not change answers).

    python bench/measure_ref_queries.py --store STORE --history STORE.build/history.sqlite \
        --work /tmp/refs --json out.json

Kept as the record of that measurement: the layout is built since (bench/README.md, "Actor
references, built"), the shipped queries are the forms of :data:`HOP`, and opening a store of
the old layout migrates it, so this no longer runs against an old store as it is.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.model import digest  # noqa: E402
from kg.rdf import KG, KGID, ORG, SCHEMA, actor_iri, article_id_of  # noqa: E402

ACTORS = ox.NamedNode(str(KGID["graph/actors"]))
ARTICLE_GRAPH = str(KGID) + "graph/article/"
REFERS_TO = ox.NamedNode(str(KG.refersTo))
REFERENCE = ox.NamedNode(str(KG.ActorReference))
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MENTIONED_IN = ox.NamedNode(str(KG.mentionedIn))
ROLE_PREFIX = str(KGID) + "role/"
ACTOR_PREFIX = str(KGID) + "actor/"
#: Predicates whose object is an actor, and those whose subject is one.
ACTOR_OBJECT = {str(p) for p in (SCHEMA.mentions, KG.speaker, KG.about, KG.stanceTarget,
                                 KG.hasActor, KG.agent, KG.target, KG.hasPlace, ORG.heldBy,
                                 ORG.postIn)}
ACTOR_SUBJECT = {str(p) for p in (KG.hasMention, ORG.holds)}

_PREFIXES = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX kget: <https://w3id.org/kg/ontology/event-type/>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
"""

#: The example queries that read actors, with the hop (``kg:refersTo``) where they name one.
HOP: dict[str, str] = {
    "01-quotes-by-speaker": """
SELECT ?speaker ?quote ?kind ?date ?article WHERE {
  { SELECT ?s ?date WHERE { ?s kg:saidOn ?d . BIND(STR(?d) AS ?date) }
    ORDER BY DESC(?date) LIMIT 100 }
  ?s kg:speaker ?ref ; kg:quote ?quote ; kg:statementKind ?kind ; kg:mentionedIn ?a .
  ?ref kg:refersTo ?sp . ?sp kg:name ?speaker .
  ?a schema:headline ?article .
}
ORDER BY ?speaker DESC(?date) ?quote""",
    "02-said-about-country": """
SELECT DISTINCT ?speaker ?quote ?stance ?sentence WHERE {
  ?russia kg:name "Russia" . FILTER EXISTS { ?russia a kg:Country }
  ?ref kg:refersTo ?russia .
  ?s kg:about ?ref ; kg:quote ?quote ; kg:sentenceText ?sentence .
  OPTIONAL { ?s kg:speaker/kg:refersTo ?sp OPTIONAL { ?sp kg:name ?speaker } }
  OPTIONAL { ?s kg:stance ?st . ?st kg:stanceTarget/kg:refersTo ?russia ;
             kg:polarity ?stance }
}
ORDER BY ?speaker""",
    "03-who-criticized-russia": """
SELECT ?speaker (COUNT(DISTINCT ?s) AS ?statements) (SAMPLE(?quote) AS ?example) WHERE {
  ?target kg:name "Russia" .
  ?tref kg:refersTo ?target .
  ?st kg:stanceTarget ?tref ; kg:polarity "negative" .
  ?s kg:stance ?st ; kg:quote ?quote ; kg:speaker ?ref .
  ?ref kg:refersTo ?sp . ?sp kg:name ?speaker .
}
GROUP BY ?speaker
ORDER BY DESC(?statements)""",
    "04-what-x-said-about-y": """
SELECT DISTINCT ?quote ?kind ?date ?sentence WHERE {
  ?x kg:name "Haruto Ishikawa" .
  ?y kg:name "Japan" .
  ?xref kg:refersTo ?x . ?yref kg:refersTo ?y .
  ?s kg:speaker ?xref ; kg:about ?yref ; kg:quote ?quote ; kg:statementKind ?kind ;
     kg:sentenceText ?sentence .
  OPTIONAL { ?s kg:saidOn ?date }
}
ORDER BY ?date""",
    "06-attacks-on-places": """
SELECT DISTINCT ?date ?place ?agent ?target ?sentence WHERE {
  ?e kg:eventType kget:attack ; kg:hasPlace/kg:refersTo ?p ; kg:sentenceText ?sentence .
  ?p kg:name ?place .
  FILTER NOT EXISTS { ?e kg:confidence ?c FILTER(?c < 0.5) }
  FILTER NOT EXISTS { ?e kg:modality ?m FILTER(?m != "asserted") }
  OPTIONAL { ?e kg:date ?date }
  OPTIONAL { ?e kg:agent/kg:refersTo ?ag OPTIONAL { ?ag kg:name ?agent } }
  OPTIONAL { ?e kg:target/kg:refersTo ?tg OPTIONAL { ?tg kg:name ?target } }
}
ORDER BY ?date""",
    "07-co-participants": """
SELECT ?actor1 ?actor2 ?events (SAMPLE(?label) AS ?example) WHERE {
  {
    SELECT ?a1 ?a2 (COUNT(DISTINCT ?e) AS ?events) (SAMPLE(?l) AS ?label) WHERE {
      { SELECT ?e WHERE { ?e kg:date ?d } ORDER BY DESC(STR(?d)) LIMIT 1000 }
      GRAPH ?g { ?e kg:hasActor ?r1 , ?r2 ; kg:label ?l }
      ?r1 kg:refersTo ?a1 . ?r2 kg:refersTo ?a2 .
      FILTER(STR(?a1) < STR(?a2))
    }
    GROUP BY ?a1 ?a2
    ORDER BY DESC(?events) ?a1 ?a2
    LIMIT 100
  }
  ?a1 kg:name ?n1 . ?a2 kg:name ?n2 .
  BIND(IF(?n1 < ?n2, ?n1, ?n2) AS ?actor1)
  BIND(IF(?n1 < ?n2, ?n2, ?n1) AS ?actor2)
}
GROUP BY ?actor1 ?actor2 ?events
ORDER BY DESC(?events) ?actor1 ?actor2
LIMIT 100""",
    "09-actor-timeline": """
SELECT DISTINCT ?date ?relation ?text WHERE {
  ?actor kg:name "Russia" .
  ?ref kg:refersTo ?actor .
  {
    ?x kg:agent ?ref ; kg:label ?text . BIND("agent of" AS ?relation)
  } UNION {
    ?x kg:target ?ref ; kg:label ?text . BIND("target of" AS ?relation)
  } UNION {
    ?x kg:hasActor ?ref ; kg:label ?text . BIND("took part in" AS ?relation)
  } UNION {
    ?x kg:about ?ref ; kg:quote ?text . BIND("talked about in" AS ?relation)
  } UNION {
    ?x kg:speaker ?ref ; kg:quote ?text . BIND("said" AS ?relation)
  }
  # outside the union, where ?actor is bound (inside, Oxigraph reads every reference)
  FILTER(?relation != "took part in"
         || NOT EXISTS { ?x (kg:agent|kg:target)/kg:refersTo ?actor })
  OPTIONAL { ?x kg:date|kg:saidOn ?d }
  BIND(COALESCE(STR(?d), "") AS ?date)
}
ORDER BY ?date""",
    "10-most-mentioned-actors": """
SELECT ?name ?type ?mentions (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  {
    SELECT ?actor ?mentions WHERE {
      {
        SELECT (MIN(?count) AS ?least) WHERE {
          { SELECT ?count WHERE {
              GRAPH <https://w3id.org/kg/id/graph/actors> { ?x kg:mentionCount ?count } }
            ORDER BY DESC(?count) LIMIT 20 }
        }
      }
      GRAPH <https://w3id.org/kg/id/graph/actors> { ?actor kg:mentionCount ?mentions }
      FILTER(?mentions >= ?least)
    }
    LIMIT 1000
  }
  GRAPH <https://w3id.org/kg/id/graph/actors> { ?actor kg:name ?name ; a ?cls .
                                                ?ref kg:refersTo ?actor }
  FILTER(?cls != kg:Actor)
  ?a schema:mentions ?ref .
  BIND(STRAFTER(STR(?cls), STR(kg:)) AS ?type)
}
GROUP BY ?name ?type ?mentions
ORDER BY DESC(?mentions) ?name
LIMIT 20""",
    "11-roles": """
SELECT ?person ?title ?of (COUNT(DISTINCT ?art) AS ?articles) (SAMPLE(?sentence) AS ?example)
WHERE {
  { SELECT ?p ?mentions WHERE {
      GRAPH <https://w3id.org/kg/id/graph/actors> { ?p kg:mentionCount ?mentions } }
    ORDER BY DESC(?mentions) LIMIT 100 }
  ?p kg:name ?person .
  ?ref kg:refersTo ?p ; org:holds ?r .
  ?r kg:roleTitle ?title ; kg:sentenceText ?sentence ; kg:mentionedIn ?art .
  OPTIONAL { ?r org:postIn/kg:refersTo ?o OPTIONAL { ?o kg:name ?of } }
}
GROUP BY ?person ?title ?of ?mentions
ORDER BY DESC(?mentions) ?person ?title ?of""",
}


def compare_pages(converted: Path, top: int) -> list[dict]:
    """Time the page queries of ``kg.graph.to_networkx(store, max_actors=top)`` (what ``kg
    viz`` and ``kg serve``'s ``/graph`` draw) on ``converted``: kg.graph's own queries
    (:func:`kg.graph.page_query`), which read actors through the references since the layout
    was built, timed by bench/bench_pages.py. (At the measurement they ran beside forms for
    the layout before, which kg.graph no longer has.)"""
    from bench_pages import page_queries

    from kg.store import KGStore

    with KGStore.open_read(converted) as store:
        return page_queries(store, top)


def key_refs(history: Path) -> tuple[dict[str, dict[str, str]], Counter]:
    """Return article id → (actor IRI → reference IRI) from the link index of a build
    history (the first key, in key-text order, of each actor an article holds), and the
    number of keys each article holds per actor beyond the first (see the module doc)."""
    conn = sqlite3.connect(f"file:{history}?mode=ro", uri=True)
    target = dict(conn.execute("SELECT key, target FROM actor_keys"))
    out: dict[str, dict[str, str]] = {}
    folded: Counter = Counter()
    for key, article in conn.execute("SELECT key, article FROM key_articles ORDER BY key"):
        actor = str(actor_iri(target.get(key) or json.loads(key)[3]))
        refs = out.setdefault(article, {})
        if actor in refs:
            folded["keys folded into another key's reference"] += 1
        else:
            refs[actor] = str(KGID["ref/" + digest(key, length=32)])
    conn.close()
    return out, folded


def convert(source: ox.Store, refs: dict[str, dict[str, str]], dest: Path) -> dict:
    """Write the reference layout of ``source`` into a new store at ``dest``."""
    role_article = {q.subject.value: article_id_of(q.graph_name.value)
                    for q in source.quads_for_pattern(None, MENTIONED_IN, None)
                    if q.subject.value.startswith(ROLE_PREFIX)
                    and q.graph_name.value.startswith(ARTICLE_GRAPH)}
    used: dict[str, str] = {}
    counts: Counter = Counter()

    def ref(article: str | None, actor: ox.NamedNode) -> ox.NamedNode:
        found = refs.get(article, {}).get(actor.value) if article else None
        if found is None:  # an actor the index does not list for the article
            counts["actors without a key of their article"] += 1
            found = str(KGID["ref/" + digest("unkeyed", article, actor.value, length=32)])
        used[found] = actor.value
        return ox.NamedNode(found)

    def mapped(q: ox.Quad) -> ox.Quad:
        graph = q.graph_name
        p = q.predicate.value
        node = q.subject if p in ACTOR_SUBJECT else q.object
        if (p not in ACTOR_OBJECT and p not in ACTOR_SUBJECT) or not (
                isinstance(node, ox.NamedNode) and node.value.startswith(ACTOR_PREFIX)):
            return q  # (an event's kg:hasMention names no actor)
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(ARTICLE_GRAPH):
            article = article_id_of(graph.value)
        elif p == str(ORG.holds):
            article = role_article.get(q.object.value)
        else:
            article = role_article.get(q.subject.value)
        counts["actor positions"] += 1
        if p in ACTOR_SUBJECT:
            return ox.Quad(ref(article, q.subject), q.predicate, q.object, graph)
        return ox.Quad(q.subject, q.predicate, ref(article, q.object), graph)

    target = ox.Store(str(dest))
    target.bulk_extend(mapped(q) for q in source)
    target.bulk_extend(
        [ox.Quad(ox.NamedNode(r), TYPE, REFERENCE, ACTORS) for r in used]
        + [ox.Quad(ox.NamedNode(r), REFERS_TO, ox.NamedNode(a), ACTORS)
           for r, a in used.items()])
    target.optimize()
    del target
    counts["references"] = len(used)
    counts["actors referred to"] = len(set(used.values()))
    return dict(counts)


def timed(store, sparql: str) -> tuple[list, list[float], list[float]]:
    """Return the rows of ``sparql`` and the CPU and wall seconds of 4 runs."""
    cpu, wall, rows = [], [], []
    for _ in range(4):
        c, w = time.process_time(), time.perf_counter()
        rows = store.query(sparql)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return rows, cpu, wall


def _row_set(rows: list[dict]) -> set:
    """Return ``rows`` as a set, without ``?example`` (a ``SAMPLE``: any row's value)."""
    return {tuple(sorted((k, str(v)) for k, v in r.items() if k != "example")) for r in rows}


def compare(store: Path, converted: Path) -> list[dict]:
    """Time each example query on ``store`` and its hop form on ``converted``."""
    from kg.ontology_files import example_queries
    from kg.store import KGStore

    out = []
    with KGStore.open_read(store) as before, KGStore.open_read(converted) as after:
        for q in example_queries():
            hop = _PREFIXES + HOP[q["name"]] if q["name"] in HOP else q["sparql"]
            rows, cpu, wall = timed(before, q["sparql"])
            hop_rows, hop_cpu, hop_wall = timed(after, hop)
            out.append({"name": q["name"], "rows": len(rows), "hop_rows": len(hop_rows),
                        "same_rows": _row_set(rows) == _row_set(hop_rows),
                        "reads_actors": q["name"] in HOP,
                        "cpu": [cpu[0], min(cpu[1:])], "hop_cpu": [hop_cpu[0], min(hop_cpu[1:])],
                        "wall": [wall[0], min(wall[1:])],
                        "hop_wall": [hop_wall[0], min(hop_wall[1:])]})
            print(json.dumps(out[-1]), flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True,
                        help="a kg store (a copy: opening it finishes what a killed build left)")
    parser.add_argument("--history", type=Path, required=True,
                        help="its build history (STORE.build/history.sqlite)")
    parser.add_argument("--work", type=Path, required=True,
                        help="directory for the converted store (created)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--pages", type=int, default=0, metavar="N",
                        help="also time the page data queries for the top N actors")
    args = parser.parse_args()
    converted = args.work / "refs"
    figures: dict = {}
    if not converted.exists():
        start = time.perf_counter()
        refs, folded = key_refs(args.history)
        source = ox.Store.read_only(str(args.store))
        figures["conversion"] = {**convert(source, refs, converted), **folded,
                                 "seconds": time.perf_counter() - start}
        print(json.dumps(figures["conversion"]), flush=True)
    figures["queries"] = compare(args.store, converted)
    if args.pages:
        figures["pages"] = compare_pages(converted, args.pages)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
