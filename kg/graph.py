"""Project the store onto a NetworkX :class:`~networkx.MultiDiGraph` (actors, events, statements).

Attribute contract (the graph page relies on it):

* nodes keyed by IRI string; ``kind`` ("actor" | "event" | "statement"), ``type``, ``label``,
  ``mentions``, ``aliases``, ``roles``, ``country_code``, ``date``, ``date_precision``,
  ``date_basis`` (events: text, context, publication or linked), ``quote``,
  ``speaker``, ``kind_of_statement`` and ``evidence`` (at most 5 dicts with article, title,
  sentence, start, end);
* edges keyed by their ``label``: "said", "about" (``stance``), "took_part_in" (``role``),
  "located_in", "holds_role" (``title``); every edge has ``date``, ``evidence``, ``article``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.rdf import article_id_of, event_type_of

if TYPE_CHECKING:
    from kg.store import KGStore

MAX_EVIDENCE = 5
#: Date bases from the most direct (the report's own words) to the least.
_BASIS_RANK = {"text": 0, "context": 1, "linked": 2, "publication": 3}
LABEL_LENGTH = 80

_ACTORS = """
SELECT ?a ?name ?type ?count ?code WHERE {
  ?a a kg:Actor ; kg:name ?name ; a ?cls .
  FILTER(?cls != kg:Actor && STRSTARTS(STR(?cls), STR(kg:)))
  BIND(STRAFTER(STR(?cls), STR(kg:)) AS ?type)
  OPTIONAL { ?a kg:mentionCount ?count }
  OPTIONAL { ?a kg:countryCode ?code }
}
"""
_ALIASES = "SELECT DISTINCT ?a ?alias WHERE { ?a a kg:Actor ; skos:altLabel ?alias }"
_ROLES = """
SELECT DISTINCT ?person ?role ?title ?org ?orgName ?sentence ?art WHERE {
  GRAPH ?g {
    ?person kg:holdsRole ?role . ?role kg:roleTitle ?title .
    OPTIONAL { ?role kg:roleOf ?org }
    OPTIONAL { ?role kg:sentenceText ?sentence }
    OPTIONAL { ?role kg:mentionedIn ?art }
  }
  OPTIONAL { ?org kg:name ?orgName }
}
"""
_MENTIONS = """
SELECT ?a ?art ?title ?sentence ?start ?end WHERE {
  ?a kg:hasMention ?m .
  ?m kg:mentionedIn ?art ; kg:startOffset ?start ; kg:endOffset ?end .
  OPTIONAL { ?m kg:sentenceText ?sentence }
  OPTIONAL { ?art schema:headline ?title }
} ORDER BY ?a ?art ?start
"""
_EVENTS = """
SELECT ?e ?etype ?label ?date ?precision ?basis ?art ?title ?sentence ?start ?end WHERE {
  GRAPH ?g {  # one row per report: an event several articles report has a label in each
    ?e a kg:Event ; kg:eventType ?etype ; kg:label ?label ; kg:mentionedIn ?art .
    OPTIONAL { ?e kg:date ?date }
    OPTIONAL { ?e kg:datePrecision ?precision }
    OPTIONAL { ?e kg:dateBasis ?basis }
    OPTIONAL { ?e kg:sentenceText ?sentence }
    OPTIONAL { ?e kg:startOffset ?start }
    OPTIONAL { ?e kg:endOffset ?end }
  }
  OPTIONAL { ?art schema:headline ?title }
} ORDER BY ?e ?art ?start
"""
_EVENT_ACTORS = """
SELECT DISTINCT ?e ?a ?role WHERE {
  { ?e kg:hasActor ?a . BIND("participant" AS ?base) }
  UNION { ?e kg:hasPlace ?a . BIND("place" AS ?base) }
  OPTIONAL { ?e kg:agent ?a . BIND("agent" AS ?agent) }
  OPTIONAL { ?e kg:target ?a . BIND("target" AS ?target) }
  BIND(COALESCE(?agent, ?target, ?base) AS ?role)
}
"""
_STATEMENTS = """
SELECT ?s ?quote ?kind ?speaker ?speakerName ?date ?precision ?art ?title ?sentence ?start ?end
WHERE {
  ?s a kg:Statement ; kg:quote ?quote ; kg:statementKind ?kind ; kg:mentionedIn ?art .
  OPTIONAL { ?s kg:speaker ?speaker }
  OPTIONAL { ?s kg:speakerName ?speakerName }
  OPTIONAL { ?s kg:saidOn ?date }
  OPTIONAL { ?s kg:datePrecision ?precision }
  OPTIONAL { ?s kg:sentenceText ?sentence }
  OPTIONAL { ?s kg:startOffset ?start }
  OPTIONAL { ?s kg:endOffset ?end }
  OPTIONAL { ?art schema:headline ?title }
}
"""
_ABOUT = """
SELECT DISTINCT ?s ?a ?polarity WHERE {
  ?s kg:about ?a .
  OPTIONAL { ?s kg:stance ?st . ?st kg:stanceTarget ?a ; kg:polarity ?polarity }
}
"""


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


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    """Return one evidence dict from a query row with art/title/sentence/start/end."""
    return {
        "article": article_id_of(row["art"]) if row.get("art") is not None else None,
        "title": _text(row.get("title")) or "",
        "sentence": _text(row.get("sentence")) or "",
        "start": int(row["start"]) if row.get("start") is not None else None,
        "end": int(row["end"]) if row.get("end") is not None else None,
    }


def _base_node(kind: str, type_: str | None, label: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "type": type_,
        "label": label,
        "mentions": 0,
        "aliases": [],
        "roles": [],
        "country_code": None,
        "date": None,
        "date_precision": None,
        "date_basis": None,
        "quote": None,
        "speaker": None,
        "kind_of_statement": None,
        "evidence": [],
    }


def _add_actors(G: nx.MultiDiGraph, store: KGStore) -> None:
    """Add actor nodes with aliases, mention counts and evidence."""
    for r in store.query(_ACTORS):
        iri = str(r["a"])
        if iri in G:
            continue
        node = _base_node("actor", str(r["type"]), str(r["name"]))
        node["mentions"] = int(r["count"] or 0)
        node["country_code"] = _text(r["code"])
        G.add_node(iri, **node)
    for r in store.query(_ALIASES):
        aliases = G.nodes[str(r["a"])]["aliases"] if str(r["a"]) in G else None
        if aliases is not None and str(r["alias"]) not in aliases:
            aliases.append(str(r["alias"]))
    counted: dict[str, int] = {}
    for r in store.query(_MENTIONS):
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


def _add_roles(G: nx.MultiDiGraph, store: KGStore) -> None:
    """Add role strings to persons and ``holds_role`` edges to their country / organisation."""
    for r in store.query(_ROLES):
        person, title = str(r["person"]), str(r["title"])
        if person not in G:
            continue
        org_name = _text(r["orgName"])
        text = f"{title} ({org_name})" if org_name else title
        if text not in G.nodes[person]["roles"]:
            G.nodes[person]["roles"].append(text)
        if r["org"] is not None:
            org = str(r["org"])
            _ensure_actor(G, org)
            G.add_edge(
                person,
                org,
                key="holds_role",
                label="holds_role",
                title=title,
                date=None,
                evidence=_text(r["sentence"]) or "",
                article=article_id_of(r["art"]) if r["art"] is not None else None,
            )


def _ensure_actor(G: nx.MultiDiGraph, iri: str) -> None:
    """Add a bare actor node for an IRI the actors graph does not describe."""
    if iri not in G:
        slug = iri.rstrip("/").rsplit("/", 1)[-1]
        G.add_node(iri, **_base_node("actor", None, slug.replace("-", " ")))


def _add_events(G: nx.MultiDiGraph, store: KGStore) -> None:
    """Add event nodes and ``took_part_in`` / ``located_in`` edges."""
    for r in store.query(_EVENTS):
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
    for r in store.query(_EVENT_ACTORS):
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
            G.add_edge(event, actor, key="located_in", label="located_in", **common)
        else:
            G.add_edge(actor, event, key="took_part_in", label="took_part_in", role=role, **common)


def _add_statements(G: nx.MultiDiGraph, store: KGStore) -> None:
    """Add statement nodes and ``said`` / ``about`` edges."""
    for r in store.query(_STATEMENTS):
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
            G.add_edge(
                speaker_iri,
                iri,
                key="said",
                label="said",
                date=node["date"],
                evidence=evidence["sentence"],
                article=evidence["article"],
            )
    for r in store.query(_ABOUT):
        statement, actor = str(r["s"]), str(r["a"])
        if statement not in G:
            continue
        _ensure_actor(G, actor)
        data = G.nodes[statement]
        G.add_edge(
            statement,
            actor,
            key="about",
            label="about",
            stance=_text(r["polarity"]),
            date=data["date"],
            evidence=data["evidence"][0]["sentence"],
            article=data["evidence"][0]["article"],
        )


def to_networkx(store: KGStore) -> nx.MultiDiGraph:
    """Return the store as a MultiDiGraph of actors, events and statements (see module doc)."""
    G = nx.MultiDiGraph()
    _add_actors(G, store)
    _add_roles(G, store)
    _add_events(G, store)
    _add_statements(G, store)
    return G


def _scalar(value: Any) -> str | int | float | bool:
    """Return ``value`` as a GraphML/GEXF scalar (lists and dicts as JSON, ``None`` as "")."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def scalar_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of ``G`` whose attributes are all scalars (for GraphML / GEXF)."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in data.items()})
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GraphML (list/dict attributes as JSON strings, ``None`` as "")."""
    nx.write_graphml(scalar_graph(G), str(path))


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GEXF (list/dict attributes as JSON strings, ``None`` as "")."""
    nx.write_gexf(scalar_graph(G), str(path))


__all__ = ["to_networkx", "write_graphml", "write_gexf", "scalar_graph"]
