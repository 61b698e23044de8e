"""Tests for ontology/: kg.ttl parses (rdflib, Oxigraph), every term is documented, the mapping
uses only declared terms, shapes cover every class and every example query returns rows."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import SKOS
from records import extractions, sample_store

from kg.lexicon.events import EVENT_TYPES
from kg.ontology_files import example_queries, ontology_dir
from kg.rdf import (
    KG,
    actor_triples,
    extraction_triples,
    location_triples,
)
from kg.store import KGStore

SH = Namespace("http://www.w3.org/ns/shacl#")
BASE = "https://w3id.org/kg/ontology"
GEO_NS = "http://www.w3.org/2003/01/geo/wgs84_pos#"


@pytest.fixture(scope="module")
def onto() -> Graph:
    from kg.validate import load_ontology

    return load_ontology()


def test_parses_with_oxigraph(onto: Graph) -> None:
    quads = [q for name in ("kg.ttl", "event-types.ttl")
             for q in ox.parse(path=str(ontology_dir() / name), format=ox.RdfFormat.TURTLE)]
    assert len(set(quads)) == len(onto)


def _kg_terms(onto: Graph) -> set[URIRef]:
    return {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(BASE)}


def test_every_term_has_label_and_comment(onto: Graph) -> None:
    terms = _kg_terms(onto)
    assert len(terms) > 60
    missing = [t for t in terms if onto.value(t, RDFS.label) is None
               or (onto.value(t, RDFS.comment) or onto.value(t, SKOS.definition)) is None]
    assert missing == []


def test_mapping_uses_only_declared_terms(onto: Graph) -> None:
    declared = _kg_terms(onto)
    used = set()
    for ex in extractions():
        for triple in [*extraction_triples(ex, "2025-01-01T00:00:00"), *actor_triples(ex.entities)]:
            used |= {t for t in triple if isinstance(t, URIRef) and str(t).startswith(BASE)}
    assert used - declared == set()


def test_location_triples_use_declared_terms(onto: Graph) -> None:
    from kg.geo import country_location

    triples = location_triples("https://w3id.org/kg/id/actor/country/ukraine",
                               country_location("UA"))
    used = {p for _, p, _ in triples} | {o for _, p, o in triples if p == RDF.type}
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    assert used - declared == {RDF.type, OWL.sameAs}  # built into RDF and OWL
    assert {URIRef(GEO_NS + "lat"), URIRef(GEO_NS + "long"), KG.locationBasis} <= used


@pytest.mark.parametrize(
    ("cls", "parents"),
    [
        (KG.Person, {"https://schema.org/Person", "http://www.w3.org/ns/prov#Person"}),
        (KG.Event, {"http://semanticweb.cs.vu.nl/2009/11/sem/Event", "https://schema.org/Event"}),
        (KG.Statement, {"https://schema.org/Quotation", "http://www.w3.org/ns/prov#Entity"}),
        (KG.Article, {"https://schema.org/NewsArticle"}),
        (KG.Actor, {"http://semanticweb.cs.vu.nl/2009/11/sem/Actor"}),
    ],
)
def test_alignment(onto: Graph, cls: URIRef, parents: set[str]) -> None:
    assert parents <= {str(o) for o in onto.objects(cls, RDFS.subClassOf)}


def test_event_type_scheme_with_cameo(onto: Graph) -> None:
    kget = Namespace(BASE + "/event-type/")
    assert {str(s) for s in onto.subjects(RDF.type, KG.EventType)} == {
        str(kget[t]) for t in EVENT_TYPES
    }
    assert str(onto.value(kget.attack, KG.cameoCode)) == "19"
    assert str(onto.value(kget.meet, KG.cameoCode)) == "04"


def test_shapes_cover_every_class(onto: Graph) -> None:
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    classes = {c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(BASE)}
    assert classes - set(shapes.objects(None, SH.targetClass)) == set()


@pytest.fixture(scope="module")
def store() -> KGStore:
    return sample_store()


QUERIES = example_queries()


def test_at_least_ten_example_queries() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("query", QUERIES, ids=[q["name"] for q in QUERIES])
def test_example_query_runs(store: KGStore, query: dict) -> None:
    """Each runs here; tests/test_graph_facts.py checks each returns rows on data/articles."""
    assert query["title"] != query["name"] and query["description"]
    rows = store.query(query["sparql"])
    assert isinstance(rows, list)
    assert all(any(v is not None for v in row.values()) for row in rows)


def test_most_mentioned_actors_lists_a_store_of_fewer_than_twenty(store: KGStore) -> None:
    """Query 10 ranks on the 20th highest mention count; a smaller store lists every actor."""
    [query] = [q for q in QUERIES if q["name"].startswith("10-")]
    names = [row["name"] for row in store.query(query["sparql"])]
    actors = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a "
                         "<https://w3id.org/kg/ontology#mentionCount> ?c } }")[0]["n"]
    assert 0 < int(actors) < 20
    assert len(names) == int(actors) and "Marco Rubio" in names


# ---------------------------------------------------------------- OWL 2 DL


def test_no_data_or_object_property_under_an_annotation_property(onto: Graph) -> None:
    """OWL 2 DL keeps annotation, data and object properties apart (rdfs:label is one)."""
    annotation = set(onto.subjects(RDF.type, OWL.AnnotationProperty)) | {RDFS.label, RDFS.comment}
    typed = set(onto.subjects(RDF.type, OWL.DatatypeProperty)) | set(
        onto.subjects(RDF.type, OWL.ObjectProperty))
    assert [(p, q) for p in typed for q in onto.objects(p, RDFS.subPropertyOf)
            if q in annotation] == []
    assert typed & annotation == set()


def test_roles_are_w3c_organization_posts(onto: Graph) -> None:
    org = Namespace("http://www.w3.org/ns/org#")
    assert set(onto.objects(KG.Role, RDFS.subClassOf)) == {org.Post}
    assert not list(onto.triples((KG.Role, RDFS.subClassOf, URIRef(
        "http://semanticweb.cs.vu.nl/2009/11/sem/Role"))))


def _java() -> bool:
    import shutil
    import subprocess

    if shutil.which("java") is None:
        return False
    return subprocess.run(["java", "-version"], capture_output=True).returncode == 0


def test_owl2_dl_with_hermit(onto: Graph, tmp_path, capfd) -> None:
    """owlready2 loads the ontology without a profile warning and HermiT (Java) finds it
    consistent with every class satisfiable."""
    owlready2 = pytest.importorskip("owlready2")
    if not _java():
        pytest.skip("HermiT needs Java")
    path = tmp_path / "kg.nt"
    onto.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    warnings = [line for line in capfd.readouterr().err.splitlines() if "WARNING" in line]
    assert warnings == []
    assert list(world.inconsistent_classes()) == []
    assert ontology.search_one(iri=str(KG.Person)) is not None


# ---------------------------------------------------------------- latest-first rewrites

_ONT = "https://w3id.org/kg/ontology#"
_ID = "https://w3id.org/kg/id/"
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _dated_store() -> KGStore:
    """Three article graphs of events and statements, many on the same dates (of day, month
    and year precision), one event reported by two articles with different labels (each
    report an event reference, which refers to the dated event); each article names an
    actor by its own reference (two keys of one actor in article 3)."""
    store = KGStore.open(None)

    def node(path: str) -> ox.NamedNode:
        return ox.NamedNode(_ID + path)

    def kg(term: str) -> ox.NamedNode:
        return ox.NamedNode(_ONT + term)

    dates = {"2025-11-03": "date", "2025-11": "gYearMonth", "2025": "gYear",
             "2025-10-30": "date"}
    items = [  # (kind, id, date, article number, actors)
        ("event", "e1", "2025-11-03", 1, ("a", "b")), ("event", "e2", "2025-11-03", 1, ("a", "b")),
        ("event", "e3", "2025-11", 2, ("a", "c")), ("event", "e4", "2025", 2, ("b", "c")),
        ("event", "e5", "2025-10-30", 3, ("a", "b", "c")), ("event", "e1", "2025-11-03", 3, ("a", "b")),
        ("statement", "s1", "2025-11-03", 1, ()), ("statement", "s2", "2025", 2, ()),
        ("statement", "s3", "2025-11", 3, ()), ("statement", "s4", "2025-10-30", 3, ()),
    ]
    quads = []
    for n in (1, 2, 3):
        graph, art = node(f"graph/article/a{n}"), node(f"article/a{n}")
        quads += [ox.Quad(art, ox.NamedNode("https://schema.org/headline"),
                          ox.Literal(f"Headline {n}"), graph)]
    for letter in "abc":
        quads.append(ox.Quad(node(f"actor/person/{letter}"), kg("name"),
                             ox.Literal(f"Person {letter.upper()}"), node("graph/actors")))
    for kind, ident, day, n, actors in items:
        graph = node(f"graph/article/a{n}")
        date = ox.Literal(day, datatype=ox.NamedNode(_XSD + dates[day]))
        text = ox.Literal(f"{ident} in article {n}")
        if kind == "event":  # the article's report refers to the event, which holds the date
            subject, event = node(f"eref/{ident}-{n}"), node(f"event/{ident}")
            quads += [ox.Quad(subject, kg("refersTo"), event, node("graph/actors")),
                      ox.Quad(event, kg("date"), date, node("graph/actors"))]
        else:
            subject = node(f"statement/{ident}")
            quads.append(ox.Quad(subject, kg("saidOn"), date, graph))
        quads += [ox.Quad(subject, kg("label" if kind == "event" else "quote"), text, graph),
                  ox.Quad(subject, kg("mentionedIn"), node(f"article/a{n}"), graph)]
        key = "x" if ident == "e5" else ""  # another key of the same actors
        quads += [ox.Quad(subject, kg("hasActor"), node(f"ref/{a}{n}{key}"), graph)
                  for a in actors]
    refs = {q.object for q in quads if q.predicate == kg("hasActor")}
    quads += [ox.Quad(r, kg("refersTo"), node("actor/person/" + r.value.split("/")[-1][0]),
                      node("graph/actors")) for r in refs]
    store.ox.extend(quads)
    return store


def _query(prefix: str) -> str:
    [query] = [q for q in QUERIES if q["name"].startswith(prefix)]
    return query["sparql"]


def _latest_items(query: str, limit: int) -> tuple[str, str]:
    """Return query 08's sub-select of the latest dated items (with ``limit``) as shipped,
    and the same without its latest-dates-first step (sorting every dated item)."""
    inner = query[query.index("    SELECT DISTINCT ?x ?date WHERE {"):
                  query.index("\n    LIMIT 100\n") + len("\n    LIMIT 100\n")]
    assert inner.count("LIMIT 100") == 2
    inner = inner.replace("LIMIT 100", f"LIMIT {limit}")
    latest_dates = inner[inner.index("      # the 100 latest dates"):
                         inner.index("      { ?x kg:date ?d } UNION")]
    assert "GROUP BY ?d" in latest_dates
    return inner, inner.replace(latest_dates, "")


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 6, 10, 100])
def test_timeline_reads_the_latest_dates_first_without_changing_its_rows(limit: int) -> None:
    """Query 08 picks the latest dates before their items; that selects the items of sorting
    every dated item: the same dates, the same items but for which of those sharing the
    oldest date kept come first (ORDER BY leaves ties to the store, before as now)."""
    from collections import Counter

    store = _dated_store()
    shipped, reference = _latest_items(_query("08-"), limit)
    got, expected = store.query(shipped), store.query(reference)
    assert Counter(r["date"] for r in got) == Counter(r["date"] for r in expected)
    assert len(got) == min(limit, 9)
    oldest = min(r["date"] for r in expected)
    assert ({(r["x"], r["date"]) for r in got if r["date"] > oldest}
            == {(r["x"], r["date"]) for r in expected if r["date"] > oldest})


def test_timeline_lists_every_dated_item_of_a_small_store() -> None:
    store = _dated_store()
    shipped = _query("08-")
    inner, reference_inner = _latest_items(shipped, 100)
    rows = store.query(shipped)
    assert rows == store.query(shipped.replace(inner, reference_inner)) and len(rows) == 10
    assert rows[0]["date"] == "2025-11-03" and rows[-1]["date"] == "2025"


@pytest.mark.parametrize("limit", [1, 3, 5, 1000])
def test_co_participants_read_labels_within_the_sub_select(limit: int) -> None:
    """Query 07 takes one shared event's label inside its sub-select; the pairs and counts
    are those of reading the label for a sampled event afterwards."""
    shipped = _query("07-").replace("LIMIT 1000", f"LIMIT {limit}")
    reference = (shipped.replace("(SAMPLE(?l) AS ?label)", "(SAMPLE(?r) AS ?one)")
                 .replace("; kg:label ?l }", "}")
                 .replace("?a2 kg:name ?n2 .\n", "?a2 kg:name ?n2 .\n  ?one kg:label ?label .\n"))
    assert reference != shipped
    store = _dated_store()
    labels = {str(r["l"]) for r in store.query("SELECT ?l WHERE { ?e kg:label ?l }")}
    rows, expected = store.query(shipped), store.query(reference)

    def pairs(found: list[dict]) -> list[tuple]:
        return [(r["actor1"], r["actor2"], r["events"]) for r in found]

    assert pairs(rows) == pairs(expected) and rows
    assert all(str(r["example"]) in labels for r in rows)
    if limit == 1000:
        assert pairs(rows)[0] == ("Person A", "Person B", 3)
