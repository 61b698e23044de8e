"""Guard: every edge users see is backed by exactly one fact of the store.

For the NetworkX projection, the GraphML and GEXF exports and the graph page's data, the
edges of each relation must be the store's facts of that relation, the same endpoints the
same number of times. Checked on generated corpora (records built here, no spaCy) and on the
sample corpus ``data/articles`` (spaCy). Also: documented and example queries return no
duplicate rows, and each returns rows on the sample corpus.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from records import extractions

import kg.graph as graph
from kg.graph import to_networkx, top_actors
from kg.graphfile import write_gexf, write_graphml
from kg.model import (
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    Participant,
    Role,
    Stance,
    Statement,
    digest,
    entity_id,
)
from kg.ontology_files import example_queries
from kg.store import KGStore
from kg.viz.actors import actor_network, all_links
from kg.viz.corpus import corpus_payload
from kg.viz.data import graph_payload

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"

#: Candidate events (confidence below 0.5) are kept in the store and left out of the graph.
_SURE = "FILTER NOT EXISTS {{ ?{0} kg:confidence ?c FILTER(?c < 0.5) }}"
#: relation → SPARQL giving one row (source, target) per fact of that relation (article
#: graphs name references: each is read through its kg:refersTo link to the actor, an
#: event report through its link to the event).
FACTS = {
    "said": "SELECT DISTINCT ?u ?v WHERE { ?v a kg:Statement ; kg:speaker/kg:refersTo ?u }",
    "about": "SELECT DISTINCT ?u ?v WHERE { ?u a kg:Statement ; kg:about/kg:refersTo ?v }",
    "took_part_in": "SELECT DISTINCT ?u ?v WHERE { ?v a kg:Event . ?er kg:refersTo ?v ;"
                    " kg:hasActor/kg:refersTo ?u " + _SURE.format("er") + " }",
    "located_in": "SELECT DISTINCT ?u ?v WHERE { ?u a kg:Event . ?er kg:refersTo ?u ;"
                  " kg:hasPlace/kg:refersTo ?v " + _SURE.format("er") + " }",
    "holds_role": "SELECT DISTINCT ?u ?v ?r WHERE { ?p kg:refersTo ?u ; org:holds ?r ."
                  " ?r org:postIn/kg:refersTo ?v }",
}


def store_facts(store: KGStore) -> Counter:
    """Return Counter of (relation, source, target) over the store's facts."""
    out: Counter = Counter()
    for relation, sparql in FACTS.items():
        out.update((relation, str(r["u"]), str(r["v"])) for r in store.query(sparql))
    return out


def graph_edges(G: nx.MultiDiGraph) -> Counter:
    return Counter((d["label"], str(u), str(v)) for u, v, d in G.edges(data=True))


def page_edges(G: nx.MultiDiGraph) -> Counter:
    payload = graph_payload(G, title="t")
    ids = [n["id"] for n in payload["nodes"]]
    return Counter((e[2], ids[e[0]], ids[e[1]]) for e in payload["edges"])


def assert_actor_links_are_facts(G: nx.MultiDiGraph, facts: Counter) -> None:
    """Each link of the actor network lists its supporting facts, each a fact of the store;
    every role and every statement about another actor than its speaker backs some link."""
    net = actor_network(G, max_actors=10**6, max_edges=10**6)
    used = set()
    for edge in net.edges:
        assert edge.facts and edge.items
        assert all(f in facts for f in edge.facts), edge
        used.update(edge.facts)
    said = {(v, u) for rel, u, v in facts if rel == "said"}  # statement → speaker
    wanted = {f for f in facts if f[0] == "holds_role" and f[1] != f[2]}
    wanted |= {f for f in facts if f[0] == "about"
               and any(s == f[1] and sp != f[2] for s, sp in said)}
    assert wanted <= used
    page = corpus_payload(G, title="t", max_actors=10**6, max_edges=10**6)
    ids = [a["id"] for a in page["actors"]]
    assert sorted((e[2], ids[e[0]], ids[e[1]]) for e in page["edges"]) == sorted(
        (e.relation, e.source, e.target) for e in net.edges)


def export_edges(G: nx.MultiDiGraph, tmp_path: Path, writer, reader) -> Counter:
    path = tmp_path / "graph.out"
    writer(G, path)
    return graph_edges(reader(str(path)))


#: Natural queries over the union of graphs that must give one row per actor / role / event.
ONE_ROW_EACH = (
    "SELECT ?a ?n WHERE { ?a a kg:Actor ; kg:name ?n }",
    "SELECT ?a ?t WHERE { ?a a kg:Person ; a ?t }",
    "SELECT ?r ?t ?o WHERE { ?r a kg:Role ; kg:roleTitle ?t . OPTIONAL { ?r org:postIn ?o } }",
    "SELECT ?e ?t WHERE { ?e a kg:Event ; kg:eventType ?t }",
)
#: Shared facts (actors graph) that no article graph reports any more: a role, an event no
#: reported reference refers to, the link of an event reference no article graph holds.
ORPHANS = """
SELECT ?x WHERE {
  {
    GRAPH kgid:graph\\/actors { { ?x a kg:Role } UNION { ?x kg:refersTo ?e . ?e a kg:Event } }
    FILTER NOT EXISTS { GRAPH ?g { ?x kg:mentionedIn ?art } FILTER(?g != kgid:graph\\/actors) }
  } UNION {
    GRAPH kgid:graph\\/actors { ?x a kg:Event }
    FILTER NOT EXISTS { ?r kg:refersTo ?x . GRAPH ?g { ?r kg:mentionedIn ?art } }
  }
}"""


def assert_each_fact_once(store: KGStore) -> None:
    for sparql in ONE_ROW_EACH:
        rows = [tuple(map(str, r.values())) for r in store.query(sparql)]
        assert len(rows) == len(set(rows)), sparql
    assert store.query(ORPHANS) == []


def assert_edges_are_facts(store: KGStore, tmp_path: Path) -> None:
    assert_each_fact_once(store)
    facts = store_facts(store)
    G = to_networkx(store)
    assert graph_edges(G) == facts
    assert page_edges(G) == facts
    assert_actor_links_are_facts(G, facts)
    assert export_edges(G, tmp_path, write_graphml, nx.read_graphml) == facts
    assert export_edges(G, tmp_path, write_gexf, nx.read_gexf) == facts
    assert export_edges(G, tmp_path, nx.write_graphml, nx.read_graphml) == facts


# --------------------------------------------------------------------- generated corpora

TYPES = ("Person", "Country", "Organization", "Place")


def _corpus(seed: int, n_articles: int = 6, candidates: bool = False) -> list[Extraction]:
    """Return random extractions over a shared pool of actors: roles with and without an
    organisation (some stated in several articles), statements, events shared by articles
    (with ``candidates``, a report of one in three is a candidate, below 0.5)."""
    rng = random.Random(seed)
    pool = [(t, f"{t} {chr(65 + i)}{seed}") for t in TYPES for i in range(5)]
    persons = [p for p in pool if p[0] == "Person"]
    orgs = [p for p in pool if p[0] in ("Country", "Organization")]
    places = [p for p in pool if p[0] == "Place"]
    shared_events = [digest("event", seed, i) for i in range(3)]
    out = []
    for a in range(n_articles):
        cast = rng.sample(pool, 8)
        cast += [p for p in (rng.choice(persons), rng.choice(orgs), rng.choice(places))
                 if p not in cast]
        sentences = [f"{name} was in the news on day {k}." for k, (_, name) in enumerate(cast)]
        text = " ".join(sentences)
        article = Article(Article.make_id(f"gen/{seed}/{a}", text), f"Story {a}", text,
                          "2025-11-2" + str(a % 9), f"gen/{seed}/{a}.txt")
        starts = [text.index(s) for s in sentences]

        def span(k: int, starts=starts, cast=cast) -> Mention:
            return Mention(cast[k][1], starts[k], starts[k] + len(cast[k][1]), k)

        entities = tuple(Entity(entity_id(t, n), n, t, mentions=(span(k),))
                         for k, (t, n) in enumerate(cast))
        ids = [e.id for e in entities]
        kinds = [t for t, _ in cast]
        person_ix = [k for k, t in enumerate(kinds) if t == "Person"]
        org_ix = [k for k, t in enumerate(kinds) if t in ("Country", "Organization")]
        place_ix = [k for k, t in enumerate(kinds) if t == "Place"]
        roles = []
        for k in person_ix:
            of = ids[rng.choice(org_ix)] if rng.random() < 0.6 else None
            title = rng.choice(("minister", "spokesperson", "envoy"))
            roles.append(Role(digest(ids[k], title, of), ids[k], title, of, span(k)))
        statements, events = [], []
        for j in range(rng.randint(1, 4)):
            k = rng.choice(person_ix)
            about = tuple(sorted({ids[rng.choice(range(len(ids)))] for _ in range(2)}))
            stances = (Stance(about[0], "negative"),) if rng.random() < 0.5 else ()
            statements.append(Statement(
                digest(article.id, "st", j), f"words {j}", "reported", cast[k][1], ids[k], "said",
                article.published, "day", (), about, span(k), sentences[k], stances=stances))
        for j in range(rng.randint(1, 3)):
            eid = rng.choice(shared_events) if rng.random() < 0.5 else digest(article.id, j)
            who = rng.sample(range(len(ids)), 2)
            participants = (Participant(ids[who[0]], cast[who[0]][1], "agent"),
                            Participant(ids[who[1]], cast[who[1]][1]))
            where = tuple(Participant(ids[k], cast[k][1]) for k in place_ix[:1])
            sure = 0.3 if candidates and rng.random() < 0.34 else 1.0
            events.append(Event(eid, "2025-11", "month", "meet", f"meeting {j}", "met",
                                participants, where, span(who[0]), sentences[who[0]],
                                confidence=sure))
        out.append(Extraction(article, entities, tuple(statements), tuple(events), tuple(roles),
                              "test-model"))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_edges_are_facts_on_generated_corpora(seed: int, tmp_path: Path) -> None:
    store = KGStore.open(None)
    store.add_extractions(_corpus(seed), batch_size=2)
    facts = store_facts(store)
    assert {relation for relation, _, _ in facts} == set(FACTS)
    assert_edges_are_facts(store, tmp_path)


def test_edges_are_facts_after_removing_an_article(tmp_path: Path) -> None:
    corpus = _corpus(4)
    store = KGStore.open(None)
    store.add_extractions(corpus)
    store.remove_article(corpus[0].article.id)
    assert_edges_are_facts(store, tmp_path)


def test_edges_are_facts_on_the_test_records(tmp_path: Path) -> None:
    store = KGStore.open(None)
    store.add_extractions(extractions())
    assert_edges_are_facts(store, tmp_path)


# --------------------------------------------------------------------- capped projection

def _links_between(G: nx.MultiDiGraph, actors: set[str]) -> set:
    return {(e.relation, e.source, e.target, e.items, e.facts) for e in all_links(G)
            if e.source in actors and e.target in actors}


def assert_capped_edges_are_facts(store: KGStore, n: int) -> None:
    """The projection capped to the top ``n`` actors (what the pages draw) holds only those
    actors, only store facts, and every actor link between them that the full graph has."""
    facts = store_facts(store)
    top = set(top_actors(store, n))
    G = to_networkx(store, max_actors=n)
    edges = graph_edges(G)
    assert {x for x, d in G.nodes(data=True) if d["kind"] == "actor"} <= top
    assert all(edges[k] <= facts[k] for k in edges), edges - facts
    net = actor_network(G, max_actors=10**6, max_edges=10**6)
    assert all(f in facts for e in net.edges for f in e.facts)
    assert _links_between(G, top) == _links_between(to_networkx(store), top)
    page = corpus_payload(G, title="t")
    ids = [a["id"] for a in page["actors"]]
    drawn = Counter((e[2], ids[e[0]], ids[e[1]]) for e in page["edges"])
    links = Counter((e.relation, e.source, e.target) for e in net.edges)
    assert drawn and all(drawn[k] <= links[k] for k in drawn)


@pytest.mark.parametrize(("seed", "n"), [(1, 3), (2, 6), (3, 10), (5, 2)])
def test_capped_projection_edges_are_facts(seed: int, n: int) -> None:
    store = KGStore.open(None)
    store.add_extractions(_corpus(seed), batch_size=2)
    assert_capped_edges_are_facts(store, n)


@pytest.mark.parametrize("chunk", [1, 3, 500])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_edges_are_facts_with_candidate_reports(seed: int, chunk: int, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A candidate report of a shared event names no participant or place of it: every edge,
    whole or capped (its events read by IRI, ``chunk`` a query), is a fact of a kept report."""
    monkeypatch.setattr(graph, "EVENT_CHUNK", chunk)
    store = KGStore.open(None)
    store.add_extractions(_corpus(seed, n_articles=10, candidates=True), batch_size=3)
    sure = store_facts(store)
    every = Counter((r["u"], r["v"]) for r in store.query(
        FACTS["took_part_in"].replace(_SURE.format("er"), "")))
    assert sum(every.values()) > sum(n for (rel, *_), n in sure.items() if rel == "took_part_in")
    assert_edges_are_facts(store, tmp_path)
    for n in (2, 5):
        assert_capped_edges_are_facts(store, n)


def test_top_actors_rank_by_facts() -> None:
    store = KGStore.open(None)
    store.add_extractions(_corpus(6))
    by_facts = Counter()
    for relation, u, v in store_facts(store):
        if relation in ("said", "took_part_in", "holds_role"):
            by_facts[u] += 1
        if relation in ("about", "located_in", "holds_role"):
            by_facts[v] += 1
    top = top_actors(store, 4)
    assert len(top) == 4 and by_facts[top[0]] == max(by_facts.values())
    assert [by_facts[a] for a in top] == sorted((by_facts[a] for a in top), reverse=True)


def test_capped_projection_of_every_actor_is_the_whole_graph() -> None:
    store = KGStore.open(None)
    store.add_extractions(_corpus(7))
    assert graph_edges(to_networkx(store, max_actors=10**6)) == store_facts(store)


# --------------------------------------------------------------------- the sample corpus

PERSONS = "SELECT ?n WHERE { ?a a kg:Person ; kg:name ?n }"


def documented_queries() -> list[str]:
    """Return the SELECT queries shown in the README and the API docstrings."""
    found = []
    for path in (ROOT / "README.md", ROOT / "kg" / "__init__.py", ROOT / "kg" / "api.py"):
        text = path.read_text(encoding="utf-8")
        found += re.findall(r'query\(\s*"""(.*?)"""', text, flags=re.DOTALL)
        found += [q for q in re.findall(r'query\("(SELECT[^"]*)"', text) if "\n" not in q]
        found += re.findall(r"```sparql\n(.*?)```", text, flags=re.DOTALL)
    return [q.strip() for q in found]


@pytest.fixture(scope="module")
def sample() -> KGStore:
    pytest.importorskip("spacy")
    from kg.build import build_store

    store = KGStore.open(None)
    build_store([str(SAMPLE)], store)
    return store


@pytest.mark.slow
def test_edges_are_facts_on_the_sample_corpus(sample: KGStore, tmp_path: Path) -> None:
    assert_edges_are_facts(sample, tmp_path)


@pytest.mark.slow
def test_capped_edges_are_facts_on_the_sample_corpus(sample: KGStore) -> None:
    assert_capped_edges_are_facts(sample, 15)


@pytest.mark.slow
def test_holds_role_edges_are_the_roles_in_an_organisation(sample: KGStore) -> None:
    roles = sample.query("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Role ;"
                         " org:postIn ?o }")[0]["n"]
    G = to_networkx(sample)
    assert sum(d["label"] == "holds_role" for *_, d in G.edges(data=True)) == roles > 0


@pytest.mark.slow
def test_one_row_per_person(sample: KGStore) -> None:
    rows = sample.query(PERSONS)
    persons = sample.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Person }")
    assert len(rows) == persons[0]["n"] > 0


def test_documented_queries_are_found() -> None:
    queries = documented_queries()
    assert PERSONS in [" ".join(q.split()) for q in queries] and len(queries) >= 4


QUERIES = {q["name"]: q["sparql"] for q in example_queries()}


@pytest.mark.slow
@pytest.mark.parametrize("name", [*QUERIES, "documented"])
def test_queries_return_rows_without_duplicates(sample: KGStore, name: str) -> None:
    for sparql in [QUERIES[name]] if name in QUERIES else documented_queries():
        rows = sample.query(sparql)
        assert rows, sparql
        keys = [tuple(map(str, r.values())) for r in rows]
        assert len(keys) == len(set(keys)), sparql


# --------------------------------------------------------------------- query audit

def _certain(node) -> set:
    """Return the variables every solution of an algebra ``node`` binds."""
    from rdflib.term import Variable

    name = getattr(node, "name", "")
    if name == "BGP":
        return {t for triple in node.triples for t in triple if isinstance(t, Variable)}
    if name == "Join":
        return _certain(node.p1) | _certain(node.p2)
    if name in ("LeftJoin", "Minus"):
        return _certain(node.p1)
    if name == "Union":
        return _certain(node.p1) & _certain(node.p2)
    if name == "Graph":
        return _certain(node.p) | ({node.term} if isinstance(node.term, Variable) else set())
    if name == "Extend":
        return _certain(node.p) | {node.var}
    if name in ("Filter", "Project", "Distinct", "Reduced", "Slice", "OrderBy"):
        return _certain(node.p)
    return set(getattr(node, "_vars", None) or ())


def _maybe_unbound_joins(node) -> list[str]:
    """Return the variables an OPTIONAL joins on while only possibly bound before it: the
    pattern that joined every named actor to a role without an organisation."""
    from rdflib.plugins.sparql.parserutils import CompValue

    found = []
    if getattr(node, "name", "") == "LeftJoin":
        before = set(getattr(node.p1, "_vars", None) or ())
        found += sorted(str(v) for v in (set(node.p2._vars or ()) & before) - _certain(node.p1))
    for key in ("p", "p1", "p2"):
        child = node.get(key) if isinstance(node, CompValue) else None
        if isinstance(child, CompValue):
            found += _maybe_unbound_joins(child)
    return found


def _audit(sparql: str) -> list[str]:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    from kg.rdf import PREFIXES

    header = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    text = sparql if "PREFIX kg:" in sparql else header + sparql
    return _maybe_unbound_joins(translateQuery(parseQuery(text)).algebra)


def projection_queries() -> dict[str, str]:
    """Return the SELECT queries the graph projection runs, by constant name."""
    import kg.graph

    return {k: v for k, v in vars(kg.graph).items()
            if k.startswith("_") and k[1:].isupper() and isinstance(v, str) and "SELECT" in v}


AUDITED = {**projection_queries(), **QUERIES,
           **{f"documented-{i}": q for i, q in enumerate(documented_queries())}}


@pytest.mark.parametrize("name", AUDITED)
def test_no_optional_joins_on_a_maybe_unbound_variable(name: str) -> None:
    assert _audit(AUDITED[name]) == []


def test_the_audit_finds_the_old_roles_query() -> None:
    old = """SELECT DISTINCT ?person ?org ?orgName WHERE {
      GRAPH ?g { ?person org:holds ?role . OPTIONAL { ?role org:postIn ?org } }
      OPTIONAL { ?org kg:name ?orgName } }"""
    assert _audit(old) == ["org"]
