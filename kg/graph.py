"""Project the store onto a NetworkX :class:`~networkx.MultiDiGraph` (actors, events, statements).

Every edge stands for exactly one fact of the store: ``said`` (``kg:speaker``), ``about``
(``kg:about``), ``took_part_in`` (``kg:hasActor``), ``located_in`` (``kg:hasPlace``) and
``holds_role`` (a role, ``org:Post``, that is ``org:postIn`` a country or organisation).
Article graphs name actors by references (:func:`kg.rdf.reference_iri`) and event reports by
event references (:func:`kg.rdf.event_reference_iri`); each is read through its ``kg:refersTo``
link in the shared graph, so the graph's nodes are the actors and the events.

Attribute contract (the graph page relies on it). Every value is a scalar (``str``, ``int``),
so ``nx.write_graphml(G, path)`` and ``nx.write_gexf(G, path)`` work on the graph as it is:

* nodes keyed by IRI string; always ``kind`` ("actor" | "event" | "statement"), ``type``,
  ``label`` and ``mentions`` (int); when known ``country_code``, ``date`` (ISO 8601 text:
  ``2025-11-24``, ``2025-11`` or ``2025``), ``date_precision`` (day | month | year),
  ``date_basis`` (events: text, context or publication, the best of its reports' own;
  ``date`` is the date the event is linked to), ``quote``, ``speaker``,
  ``kind_of_statement``; for a located Place or Country ``lat`` and ``lon`` (float, WGS84),
  ``geonames`` and ``wikidata`` (entity IRIs); ``aliases`` and ``roles`` as text joined by
  :data:`LIST_SEPARATOR` (read back with :func:`list_attr`); ``evidence``, a JSON array of at
  most 5 objects with article, title, url (the article's address, "" when unknown), sentence,
  start, end (read back with :func:`evidence_attr`). A value that is not known is left out,
  never ``None`` or ``""``.
* edges keyed by a stable id unique in the graph (``"said:…"``); always ``label`` ("said",
  "about", "took_part_in", "located_in", "holds_role"), ``evidence`` (the sentence) and
  ``article``; when known ``date``, ``stance`` (about), ``role`` (took_part_in: agent, target or
  participant), ``title`` (holds_role).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from kg.model import digest
from kg.rdf import article_id_of, event_type_of
from kg.store import streaming_failed

if TYPE_CHECKING:
    from kg.store import KGStore

MAX_EVIDENCE = 5
#: Date bases from the most direct (the report's own words) to the least.
_BASIS_RANK = {"text": 0, "context": 1, "linked": 2, "publication": 3}  # linked: earlier kg
LABEL_LENGTH = 80
#: Separator of list-valued node attributes (``aliases``, ``roles``).
LIST_SEPARATOR = " | "
#: The relations drawn as edges.
RELATIONS = ("said", "about", "took_part_in", "located_in", "holds_role")

_ACTORS = """
SELECT ?a ?name ?type ?count ?code ?lat ?lon ?geonames ?wikidata WHERE {
  #only
  ?a a kg:Actor ; kg:name ?name ; a ?cls .
  FILTER(?cls != kg:Actor && STRSTARTS(STR(?cls), STR(kg:)))
  BIND(STRAFTER(STR(?cls), STR(kg:)) AS ?type)
  OPTIONAL { ?a kg:mentionCount ?count }
  OPTIONAL { ?a kg:countryCode ?code }
  OPTIONAL { ?a schema:geo ?point . ?point geo:lat ?lat ; geo:long ?lon }
  OPTIONAL { ?a owl:sameAs ?geonames
             FILTER(STRSTARTS(STR(?geonames), "https://sws.geonames.org/")) }
  OPTIONAL { ?a owl:sameAs ?wikidata
             FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) }
}
"""
_ALIASES = """
SELECT DISTINCT ?a ?alias WHERE {
  #only
  ?a a kg:Actor ; skos:altLabel ?alias
}
"""
# ?org is bound inside the OPTIONAL that reads its name: an OPTIONAL on an unbound variable
# would join every named actor to a role without an organisation.
_ROLES = """
SELECT DISTINCT ?person ?role ?title ?org ?orgName ?sentence ?art WHERE {
  #only
  ?pref kg:refersTo ?person ; org:holds ?role . ?role kg:roleTitle ?title .
  OPTIONAL { ?role kg:sentenceText ?sentence }
  OPTIONAL { ?role kg:mentionedIn ?art }
  OPTIONAL { ?role org:postIn/kg:refersTo ?org OPTIONAL { ?org kg:name ?orgName } }
} ORDER BY ?role ?art ?sentence
"""
#: An actor's mentions with their sentence and article (``?a`` bound by the caller or not).
_MENTION_PATTERN = """
SELECT ?a ?art ?title ?url ?sentence ?start ?end WHERE {
  ?ref kg:refersTo ?a ; kg:hasMention ?m .
  ?m kg:mentionedIn ?art ; kg:startOffset ?start ; kg:endOffset ?end .
  OPTIONAL { ?m kg:sentenceText ?sentence }
  OPTIONAL { ?art schema:headline ?title }
  OPTIONAL { ?art schema:url ?url }
}"""
_MENTIONS = _MENTION_PATTERN + " ORDER BY ?a ?art ?start\n"
#: Every report of the events in scope (``#only``: all events, or a VALUES list of some, see
#: :func:`event_rows`), one row per report: an event several articles report has a reference
#: (``?r``, which ``kg:refersTo`` the event) with a label in each; the date is the event's.
#: Shaped for Oxigraph's planner (bench/README.md, "Graph pages"): after the sub-select every
#: pattern is an OPTIONAL of one quad, which it looks up per row; a required pattern there
#: would be scanned over the whole store and hash-joined, and a filter beside the OPTIONALs
#: would only run after all of them.
_EVENTS = """
SELECT ?e ?etype ?label ?date ?precision ?basis ?art ?title ?url ?sentence ?start ?end
WHERE {
  { SELECT DISTINCT ?e ?r ?g ?art WHERE {  # the reports kept: candidates (below 0.5) stay out
    #only
    ?e a kg:Event . ?r kg:refersTo ?e . GRAPH ?g { ?r kg:mentionedIn ?art }
    FILTER NOT EXISTS { GRAPH ?g { ?r kg:confidence ?c FILTER(?c < 0.5) } }
  } }
  OPTIONAL { ?e kg:eventType ?etype }
  OPTIONAL { GRAPH ?g { ?r kg:label ?label } }
  OPTIONAL { ?e kg:date ?date }
  OPTIONAL { ?e kg:datePrecision ?precision }
  OPTIONAL { GRAPH ?g { ?r kg:dateBasis ?basis } }
  OPTIONAL { GRAPH ?g { ?r kg:sentenceText ?sentence } }
  OPTIONAL { GRAPH ?g { ?r kg:startOffset ?start } }
  OPTIONAL { GRAPH ?g { ?r kg:endOffset ?end } }
  OPTIONAL { ?art schema:headline ?title }
  OPTIONAL { ?art schema:url ?url }
  FILTER(BOUND(?etype) && BOUND(?label))
} ORDER BY ?e ?art ?start ?end ?label ?sentence ?etype ?basis ?date ?precision ?title ?url
"""  # every column: the first row names and types the event, whatever order the plan reads

#: Events a limited projection reads per query, as a VALUES list: Oxigraph starts from a list
#: of up to ~1,000 events, but from ``?e a kg:Event`` (every event of the store) past ~2,000
#: (bench/README.md, "Event pages at 10,000 articles").
EVENT_CHUNK = 500
# An event report (``?er``) names the actor and refers to the event (``?e``); only kept reports
# count (#kept: candidates name no participant, as they name no event); the role is read
# over every report of the event, as a part any report gives counts: the best rank of the
# actor's parts in any report (agent 2, target 1, taking part 0), among actors that take part
# (``?least = 0``). Each branch starts from its own actors (``#only``, so ``?a`` is bound
# inside the branch) and is three lookups a row; the role read per row by
# ``EXISTS { ?x kg:refersTo ?e ; kg:agent/kg:refersTo ?a }`` read every reference of the
# actor per row instead (bench/README.md, "Event references at 10,000 articles": 24 s of CPU
# for 300 actors of a 300-article store, against 0.3 s for this form).
_EVENT_ACTORS = """
SELECT DISTINCT ?e ?a ?role WHERE {
  {  # an actor's part (agent, target) says how it took part, never whether it is the place
    { SELECT ?e ?a (MAX(?rank) AS ?best) (MIN(?rank) AS ?least) WHERE {
      {
        #only
        ?r kg:refersTo ?a . GRAPH ?g { ?er kg:hasActor ?r } #kept
        ?er kg:refersTo ?e . BIND(0 AS ?rank)
      } UNION {
        #only
        ?r kg:refersTo ?a . GRAPH ?g { ?er kg:agent ?r } #kept
        ?er kg:refersTo ?e . BIND(2 AS ?rank)
      } UNION {
        #only
        ?r kg:refersTo ?a . GRAPH ?g { ?er kg:target ?r } #kept
        ?er kg:refersTo ?e . BIND(1 AS ?rank)
      }
    } GROUP BY ?e ?a }
    FILTER(?least = 0)
    BIND(IF(?best = 2, "agent", IF(?best = 1, "target", "participant")) AS ?role)
  } UNION {
    #only
    ?r kg:refersTo ?a . GRAPH ?g { ?er kg:hasPlace ?r } #kept
    ?er kg:refersTo ?e . BIND("place" AS ?role)
  }
}
""".replace("#kept", "FILTER NOT EXISTS { GRAPH ?g { ?er kg:confidence ?c FILTER(?c < 0.5) } }")
_STATEMENTS = """
SELECT ?s ?quote ?kind ?speaker ?speakerName ?date ?precision ?art ?title ?url ?sentence
  ?start ?end
WHERE {
  #only
  ?s a kg:Statement ; kg:quote ?quote ; kg:statementKind ?kind ; kg:mentionedIn ?art .
  #speaker
  OPTIONAL { ?s kg:speakerName ?speakerName }
  OPTIONAL { ?s kg:saidOn ?date }
  OPTIONAL { ?s kg:datePrecision ?precision }
  OPTIONAL { ?s kg:sentenceText ?sentence }
  OPTIONAL { ?s kg:startOffset ?start }
  OPTIONAL { ?s kg:endOffset ?end }
  OPTIONAL { ?art schema:headline ?title }
  OPTIONAL { ?art schema:url ?url }
}
"""
_ABOUT = """
SELECT DISTINCT ?s ?a ?polarity WHERE {
  #only
  ?r kg:refersTo ?a . ?s kg:about ?r .
  OPTIONAL { ?s kg:stance ?st . ?st kg:stanceTarget/kg:refersTo ?a ; kg:polarity ?polarity }
}
"""
#: How the whole projection reads a statement's speaker (a limited one binds it first).
_SPEAKER = "OPTIONAL { ?s kg:speaker ?sref . ?sref kg:refersTo ?speaker }"


#: The actors with the most facts (statements said or about them, events and reports they
#: take part in or host, roles): one aggregate over single-pattern scans per reference, then
#: summed per actor, linear in the store.
_RANKED = """
SELECT ?a (SUM(?n) AS ?facts) WHERE {
  { SELECT ?r (COUNT(*) AS ?n) WHERE {
    { ?x kg:speaker ?r } UNION { ?x kg:about ?r } UNION { ?r org:holds ?x }
    UNION { ?x org:postIn ?r } UNION { GRAPH ?g { ?x kg:hasActor ?r } }
    UNION { GRAPH ?g { ?x kg:hasPlace ?r } }
  } GROUP BY ?r }
  ?r kg:refersTo ?a .
}
GROUP BY ?a
ORDER BY DESC(?facts) ?a
"""
#: The first mentions of one actor (its evidence when the projection is capped).
_MENTIONS_OF = _MENTION_PATTERN + " LIMIT 5\n"


@dataclass(frozen=True)
class Scope:
    """The actors a projection is limited to (``None``: the whole store).

    A limited projection holds those actors, the statements they said, the events they took
    part in or host, their roles, and only the edges between them and those facts, so every
    edge is still one fact of the store.
    """

    actors: frozenset[str] | None = None

    def only(self, sparql: str, pattern: str) -> str:
        """Return ``sparql`` limited by ``pattern`` at each ``#only`` (``{k}``: the actors as a
        VALUES list)."""
        if self.actors is None:
            return sparql
        values = " ".join(str(ox.NamedNode(a)) for a in sorted(self.actors))
        return sparql.replace("#only", pattern.replace("{k}", "{ " + values + " }"))

    def keeps(self, iri: str) -> bool:
        """Return whether actor ``iri`` is in the projection."""
        return self.actors is None or iri in self.actors


#: The projection's queries by name, with the pattern a limited :class:`Scope` puts at their
#: ``#only`` (``{k}``: its actors).
_SCOPED = {
    "actors": (_ACTORS, "VALUES ?a {k}"),
    "aliases": (_ALIASES, "VALUES ?a {k}"),
    "roles": (_ROLES, "VALUES ?person {k}"),
    "event actors": (_EVENT_ACTORS, "VALUES ?a {k}"),
    "statements": (_STATEMENTS, "VALUES ?speaker {k} ?sref kg:refersTo ?speaker ."
                                " ?s kg:speaker ?sref ."),
    "about": (_ABOUT, "VALUES ?a {k}"),
}


def page_query(name: str, scope: Scope) -> str:
    """Return the SPARQL :func:`to_networkx` runs for ``scope`` under ``name`` (a key of
    :data:`PAGE_QUERIES`; bench/ times them one by one; the events: :func:`event_rows`)."""
    sparql, pattern = _SCOPED[name]
    sparql = scope.only(sparql, pattern)
    if name == "statements":  # a limited projection binds the speaker first
        sparql = sparql.replace("#speaker", _SPEAKER if scope.actors is None else "")
    return sparql


#: The names of the queries :func:`page_query` gives (besides them the projection reads the
#: ranking, :func:`top_actors`, the events, :func:`event_rows`, and each limited actor's first
#: mentions, ``_MENTIONS_OF``).
PAGE_QUERIES = tuple(_SCOPED)


def events_query(events: list[str] | None) -> str:
    """Return the query of the reports of ``events`` (a VALUES list; ``None``: every event)."""
    if events is None:
        return _EVENTS
    return _EVENTS.replace("#only", "VALUES ?e { " + " ".join(
        str(ox.NamedNode(e)) for e in events) + " }")


def event_rows(store: KGStore, events: Iterable[str] | None) -> Iterator[dict[str, str | None]]:
    """Yield the kept reports of ``events`` (``None``: of every event in the store) ordered as
    :data:`_EVENTS` orders them: one query per :data:`EVENT_CHUNK` events in IRI order, each
    ordered by event first, so the chunks follow each other in that order."""
    if events is None:
        yield from _rows(store, _EVENTS)
        return
    ordered = sorted(set(events))
    for start in range(0, len(ordered), EVENT_CHUNK):
        yield from _rows(store, events_query(ordered[start:start + EVENT_CHUNK]))


def scoped_events(parts: Iterable[dict[str, str | None]], scope: Scope) -> set[str] | None:
    """Return the events of a limited projection, those its actors take part in or host, from
    the rows of its ``event actors`` query (``None`` for the whole store)."""
    return None if scope.actors is None else {str(r["e"]) for r in parts}


def top_actors(store: KGStore, n: int) -> list[str]:
    """Return the ``n`` actors with the most facts in the store, most first."""
    return [r["a"] for r in _rows(store, f"{_RANKED} LIMIT {int(n)}")]


def _rows(store: KGStore, sparql: str,
          bindings: dict[str, Any] | None = None) -> Iterator[dict[str, str | None]]:
    """Yield the rows of a SELECT query as dicts of each value's text (IRI or lexical form;
    ``None`` when unbound): the projection reads every value as text or a number, and this
    costs a fraction of :meth:`KGStore.query`'s typed values on pages of many rows."""
    result = store.raw_query(sparql, bindings)
    names = [v.value for v in result.variables]
    try:
        for solution in result:
            yield {n: None if solution[n] is None else solution[n].value for n in names}
    except (OSError, RuntimeError) as exc:  # raised while results stream
        raise streaming_failed(exc) from exc


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _date(value: Any) -> str | None:
    """Return a date value from a query row as an ISO string (``None`` kept)."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _short(text: str, length: int = LABEL_LENGTH) -> str:
    """Return ``text`` cut to ``length`` characters with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def list_attr(value: Any) -> list[str]:
    """Return a list-valued attribute (``aliases``, ``roles``) as a list of strings.

    Accepts the joined text :func:`to_networkx` stores as well as a list (hand-built graphs).

    >>> list_attr("Rubio | Marco Rubio")
    ['Rubio', 'Marco Rubio']
    """
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [x.strip() for x in value.split(LIST_SEPARATOR) if x.strip()]
    return [str(x) for x in value]


def evidence_attr(value: Any) -> list[dict[str, Any]]:
    """Return a node's ``evidence`` attribute (JSON text or a list of dicts) as a list."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [item for item in value or () if isinstance(item, dict)]


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    """Return one evidence dict from a query row with art/title/sentence/start/end."""
    return {
        "article": article_id_of(row["art"]) if row.get("art") is not None else None,
        "title": _text(row.get("title")) or "",
        "sentence": _text(row.get("sentence")) or "",
        "url": _text(row.get("url")) or "",
        "start": int(row["start"]) if row.get("start") is not None else None,
        "end": int(row["end"]) if row.get("end") is not None else None,
    }


def _base_node(kind: str, type_: str | None, label: str) -> dict[str, Any]:
    return {"kind": kind, "type": type_ or "Actor", "label": label, "mentions": 0,
            "aliases": [], "roles": [], "evidence": []}


def _edge_key(label: str, *parts: str) -> str:
    """Return a stable edge id unique per relation and fact, e.g. ``said:3f2a…``."""
    return f"{label}:{digest(*parts)}"


def _add_edge(G: nx.MultiDiGraph, u: str, v: str, label: str, fact: str = "",
              **attrs: Any) -> None:
    """Add one edge for one fact (attributes that are ``None`` are left out)."""
    G.add_edge(u, v, key=_edge_key(label, u, v, fact), label=label,
               **{k: x for k, x in attrs.items() if x is not None})


def _add_actors(G: nx.MultiDiGraph, store: KGStore, scope: Scope) -> None:
    """Add actor nodes with aliases, mention counts and evidence."""
    for r in _rows(store, page_query("actors", scope)):
        iri = str(r["a"])
        if iri in G:
            continue
        node = _base_node("actor", str(r["type"]), str(r["name"]))
        node["mentions"] = int(r["count"] or 0)
        node["country_code"] = _text(r["code"])
        if r["lat"] is not None and r["lon"] is not None:
            node["lat"], node["lon"] = float(r["lat"]), float(r["lon"])
        node["geonames"] = _text(r["geonames"])
        node["wikidata"] = _text(r["wikidata"])
        G.add_node(iri, **node)
    for r in _rows(store, page_query("aliases", scope)):
        aliases = G.nodes[str(r["a"])]["aliases"] if str(r["a"]) in G else None
        if aliases is not None and str(r["alias"]) not in aliases:
            aliases.append(str(r["alias"]))
    if scope.actors is not None:  # the first mentions of each actor; its count is the store's
        for iri in scope.actors & set(G):
            G.nodes[iri]["evidence"] = [_evidence(r) for r in _rows(
                store, _MENTIONS_OF, {"a": URIRef(iri)})]
        for iri in G:
            G.nodes[iri]["aliases"].sort()
        return
    counted: dict[str, int] = {}
    for r in _rows(store, _MENTIONS):
        iri = str(r["a"])
        if iri not in G:
            continue
        counted[iri] = counted.get(iri, 0) + 1
        evidence = G.nodes[iri]["evidence"]
        if len(evidence) < MAX_EVIDENCE:
            evidence.append(_evidence(r))
    for iri, n in counted.items():
        G.nodes[iri]["mentions"] = max(G.nodes[iri]["mentions"], n)
    for iri in G:
        G.nodes[iri]["aliases"].sort()


def _add_roles(G: nx.MultiDiGraph, store: KGStore, scope: Scope) -> None:
    """Add role strings to persons and one ``holds_role`` edge per role that is a post in a
    country or organisation (a role stated in several articles is still one edge)."""
    seen: set[str] = set()
    for r in _rows(store, page_query("roles", scope)):
        person, role, title = str(r["person"]), str(r["role"]), str(r["title"])
        if person not in G or role in seen:
            continue
        seen.add(role)
        org_name = _text(r["orgName"])
        text = f"{title} ({org_name})" if org_name else title
        if text not in G.nodes[person]["roles"]:
            G.nodes[person]["roles"].append(text)
        if r["org"] is not None and scope.keeps(str(r["org"])):
            org = str(r["org"])
            _ensure_actor(G, org)
            _add_edge(G, person, org, "holds_role", role, title=title,
                      evidence=_text(r["sentence"]) or "",
                      article=article_id_of(r["art"]) if r["art"] is not None else None)


def _ensure_actor(G: nx.MultiDiGraph, iri: str) -> None:
    """Add a bare actor node for an IRI the actors graph does not describe."""
    if iri not in G:
        slug = iri.rstrip("/").rsplit("/", 1)[-1]
        G.add_node(iri, **_base_node("actor", None, slug.replace("-", " ")))


def _add_events(G: nx.MultiDiGraph, store: KGStore, scope: Scope) -> None:
    """Add event nodes and ``took_part_in`` / ``located_in`` edges. The actors' parts are read
    first: a limited projection's events are theirs, so each event is read once, by its IRI."""
    parts = list(_rows(store, page_query("event actors", scope)))
    for r in event_rows(store, scoped_events(parts, scope)):
        iri = str(r["e"])
        if iri in G:  # the same event reported again (another article or sentence)
            evidence, known = _evidence(r), G.nodes[iri]["evidence"]
            basis = _text(r["basis"])  # the event is as dated as its best-dated report
            if _BASIS_RANK.get(basis, 9) < _BASIS_RANK.get(G.nodes[iri]["date_basis"], 9):
                G.nodes[iri]["date_basis"] = basis
            if evidence not in known:
                G.nodes[iri]["mentions"] += 1
                if len(known) < MAX_EVIDENCE:
                    known.append(evidence)
            continue
        etype = event_type_of(r["etype"])
        node = _base_node("event", etype, str(r["label"]))
        node.update(
            mentions=1,
            date=_date(r["date"]),
            date_precision=_text(r["precision"]),
            date_basis=_text(r["basis"]),
            evidence=[_evidence(r)],
        )
        G.add_node(iri, **node)
    for r in parts:
        event, actor, role = str(r["e"]), str(r["a"]), str(r["role"])
        if event not in G:
            continue
        _ensure_actor(G, actor)
        data = G.nodes[event]
        common = {
            "date": data["date"],
            "evidence": data["evidence"][0]["sentence"] if data["evidence"] else "",
            "article": data["evidence"][0]["article"] if data["evidence"] else None,
        }
        if role == "place":
            _add_edge(G, event, actor, "located_in", **common)
        else:
            _add_edge(G, actor, event, "took_part_in", role=role, **common)


def _add_statements(G: nx.MultiDiGraph, store: KGStore, scope: Scope) -> None:
    """Add statement nodes and ``said`` / ``about`` edges."""
    for r in _rows(store, page_query("statements", scope)):
        iri = str(r["s"])
        if iri in G:
            continue
        quote = str(r["quote"])
        speaker_iri = _text(r["speaker"])
        speaker = _text(r["speakerName"])
        if speaker_iri and speaker_iri in G:
            speaker = G.nodes[speaker_iri]["label"]
        node = _base_node("statement", "Statement", _short(quote))
        evidence = _evidence(r)
        node.update(
            mentions=1,
            date=_date(r["date"]),
            date_precision=_text(r["precision"]),
            quote=quote,
            speaker=speaker,
            kind_of_statement=str(r["kind"]),
            evidence=[evidence],
        )
        G.add_node(iri, **node)
        if speaker_iri:
            _ensure_actor(G, speaker_iri)
            _add_edge(G, speaker_iri, iri, "said", date=node["date"],
                      evidence=evidence["sentence"], article=evidence["article"])
    for r in _rows(store, page_query("about", scope)):
        statement, actor = str(r["s"]), str(r["a"])
        if statement not in G:
            continue
        _ensure_actor(G, actor)
        data = G.nodes[statement]
        _add_edge(G, statement, actor, "about", stance=_text(r["polarity"]), date=data["date"],
                  evidence=data["evidence"][0]["sentence"],
                  article=data["evidence"][0]["article"])


def _node_scalars(data: dict[str, Any]) -> dict[str, Any]:
    """Return node attributes as scalars: lists joined, evidence as JSON, unknowns left out."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "evidence":
            value = json.dumps(value, ensure_ascii=False) if value else None
        elif isinstance(value, list):
            value = LIST_SEPARATOR.join(value) if value else None
        if value is not None and value != "":
            out[key] = value
    return out


def _scalar_nodes(G: nx.MultiDiGraph) -> None:
    """Replace every node's attributes by their scalar form (see the module doc)."""
    for node in G:
        data = G.nodes[node]
        scalars = _node_scalars(data)
        data.clear()
        data.update(scalars)


def to_networkx(store: KGStore, *, max_actors: int | None = None) -> nx.MultiDiGraph:
    """Return the store as a MultiDiGraph of actors, events and statements (see module doc).

    ``max_actors`` limits it to the actors with the most facts (:func:`top_actors`) and the
    facts between them (see :class:`Scope`): what the pages draw, at a cost that does not grow
    with the whole store's graph.

    >>> G = to_networkx(store)                      # doctest: +SKIP
    >>> nx.write_graphml(G, "kg.graphml")           # doctest: +SKIP
    """
    scope = Scope(None if max_actors is None else frozenset(top_actors(store, max_actors)))
    G = nx.MultiDiGraph()
    _add_actors(G, store, scope)
    _add_roles(G, store, scope)
    _add_events(G, store, scope)
    _add_statements(G, store, scope)
    _scalar_nodes(G)
    return G


__all__ = ["EVENT_CHUNK", "LIST_SEPARATOR", "PAGE_QUERIES", "RELATIONS", "Scope", "event_rows",
           "events_query", "evidence_attr", "list_attr", "page_query", "scoped_events",
           "to_networkx", "top_actors"]
