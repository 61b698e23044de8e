"""Map :class:`~kg.model.Extraction` records to RDF triples of the kg ontology.

Every IRI is built from record ids (never random), so mapping the same extraction twice gives
the same triples and rebuilding never duplicates one. Text from articles enters only as rdflib
:class:`~rdflib.Literal` objects, never formatted into query strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import metadata
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from rdflib import OWL, RDF, RDFS, XSD, Literal, Namespace, URIRef

from kg.actor_keys import ActorKey, bare_key, named_ids
from kg.geo import Location
from kg.link import actor_key
from kg.link.index import encode_key
from kg.model import Article, Entity, Event, Extraction, Mention, Role, Statement, digest

if TYPE_CHECKING:  # kg.ingest loads the readers: not needed to map records
    from kg.ingest.duplicates import Copy

KG = Namespace("https://w3id.org/kg/ontology#")
KGID = Namespace("https://w3id.org/kg/id/")
KGET = Namespace("https://w3id.org/kg/ontology/event-type/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ORG = Namespace("http://www.w3.org/ns/org#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

#: Prefixes for serialisations and SPARQL (prefix → namespace IRI).
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "kgid": str(KGID),
    "kget": str(KGET),
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "org": str(ORG),
    "geo": str(GEO),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

#: IRI of the named graph holding the shared actor facts.
ACTORS_GRAPH = KGID["graph/actors"]
#: IRI of the named graph holding the records of copies (:func:`copy_triples`).
COPIES_GRAPH = KGID["graph/copies"]

#: Actor type name → ontology class.
ACTOR_CLASSES: dict[str, URIRef] = {
    "Person": KG.Person,
    "Country": KG.Country,
    "Place": KG.Place,
    "Organization": KG.Organization,
    "Plan": KG.Plan,
    "Group": KG.Group,
    "Product": KG.Product,
}

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)


def _safe(id_: str) -> str:
    """Return ``id_`` percent-encoded for use as an IRI path (slashes kept)."""
    return quote(id_, safe="/-._~")


def actor_iri(entity_id: str) -> URIRef:
    """Return the IRI of an actor, e.g. ``…/id/actor/person/marco-rubio``."""
    return KGID["actor/" + _safe(entity_id)]


def key_of(entity: Entity) -> ActorKey:
    """Return an entity's actor key (:func:`kg.link.actor_key`)."""
    return actor_key(entity)


def reference_iri(key: ActorKey) -> URIRef:
    """Return the IRI of an actor reference, ``…/id/ref/<digest of the actor key>``: article
    graphs name it wherever they name an actor, and the actors graph says which actor it
    ``kg:refersTo`` (one quad per key), so linking a key to another actor rewrites no
    article."""
    return KGID["ref/" + digest(encode_key(key), length=32)]


def article_refs(extraction: Extraction) -> dict[str, URIRef]:
    """Return entity id → the reference an article graph names it by (the key of the
    article's entity of that id; an id no entity has gets the reference of a bare key)."""
    out = {e.id: reference_iri(actor_key(e)) for e in extraction.entities}
    for id_ in named_ids(extraction):
        if id_ not in out:
            out[id_] = reference_iri(bare_key(id_))
    return out


def entity_id_of(iri: str) -> str:
    """Return the entity id of an actor IRI (inverse of :func:`actor_iri`)."""
    return unquote(str(iri).removeprefix(str(KGID) + "actor/"))


def geo_iri(actor: str) -> URIRef:
    """Return the IRI of an actor's point (``…/id/geo/place/geneva`` for the actor
    ``…/id/actor/place/geneva``)."""
    return KGID["geo/" + _safe(entity_id_of(actor))]


def article_iri(article_id: str) -> URIRef:
    """Return the IRI of an article."""
    return KGID["article/" + _safe(article_id)]


def article_id_of(iri: str) -> str:
    """Return the article id of an article or article-graph IRI."""
    text = str(iri)
    for prefix in (str(KGID) + "graph/article/", str(KGID) + "article/"):
        text = text.removeprefix(prefix)
    return unquote(text)


def article_graph_iri(article_id: str) -> URIRef:
    """Return the IRI of the named graph holding one article's facts."""
    return KGID["graph/article/" + _safe(article_id)]


def statement_iri(statement_id: str) -> URIRef:
    """Return the IRI of a statement."""
    return KGID["statement/" + _safe(statement_id)]


def event_iri(event_id: str) -> URIRef:
    """Return the IRI of an event."""
    return KGID["event/" + _safe(event_id)]


def event_reference_iri(article_id: str, event_id: str) -> URIRef:
    """Return the IRI an article graph names one of its event reports by,
    ``…/id/eref/<digest of the article id and the event's own id>``: fixed by the article's
    text (its own, unlinked event id), so linking the event to another shared event node
    (``kg:refersTo``, in the shared graph) rewrites no article."""
    return KGID["eref/" + digest(article_id, event_id, length=32)]


def event_id_of(iri: str) -> str:
    """Return the event id of an event IRI (inverse of :func:`event_iri`)."""
    return unquote(str(iri).removeprefix(str(KGID) + "event/"))


def role_iri(role_id: str) -> URIRef:
    """Return the IRI of a role."""
    return KGID["role/" + _safe(role_id)]


def stance_iri(statement_id: str, target_id: str) -> URIRef:
    """Return the IRI of the stance a statement takes toward one actor."""
    return KGID[f"stance/{_safe(statement_id)}/{_safe(target_id)}"]


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    """Return the IRI of a text span of an article (article id + character offsets)."""
    return KGID[f"mention/{_safe(article_id)}/{start}-{end}"]


def event_type_iri(event_type: str) -> URIRef:
    """Return the concept IRI of an event type (``attack`` → ``kget:attack``)."""
    return KGET[_safe(event_type.strip().lower() or "other")]


def event_type_of(iri: str) -> str:
    """Return the event type of a concept IRI (inverse of :func:`event_type_iri`)."""
    return unquote(str(iri).removeprefix(str(KGET)))


def date_literal(value: str | None) -> Literal | None:
    """Return ``value`` as an xsd:date / xsd:gYearMonth / xsd:gYear literal, or ``None``."""
    if not value:
        return None
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return None


def kg_version() -> str:
    """Return the installed kg version (``kg.__version__`` if set, else package metadata)."""
    import kg

    version = getattr(kg, "__version__", None)
    if version:
        return str(version)
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def content_hash(article: Article) -> str:
    """Return the digest of an article's content; a changed hash means "re-extract"."""
    metadata = [v for v in (article.author, article.site) if v]  # only pages have them
    return digest(article.title, article.text, article.published, article.source, article.url,
                  *metadata, length=32)


def _str(value: str) -> Literal:
    return Literal(value)


def _int(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def _span_triples(node: URIRef, article: URIRef, mention: Mention, sentence: str | None) -> list:
    """Return the provenance triples of a fact node read from one text span."""
    out: list[Triple] = [
        (node, KG.mentionedIn, article),
        (node, KG.sentenceIndex, _int(mention.sentence)),
        (node, KG.startOffset, _int(mention.start)),
        (node, KG.endOffset, _int(mention.end)),
    ]
    if sentence:
        out.append((node, KG.sentenceText, _str(sentence)))
    return out


def _sentence_map(extraction: Extraction) -> dict[int, str]:
    """Return sentence index → sentence text known from statements, events and roles."""
    known: dict[int, str] = {}
    for item in (*extraction.statements, *extraction.events):
        if item.sentence_text:
            known.setdefault(item.mention.sentence, item.sentence_text)
    return known


def _sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """Return the sentence-like stretch of ``text`` around ``start:end`` (at most ``limit``)."""
    left = max(text.rfind(c, max(0, start - limit), start) for c in ".!?\n")
    right_candidates = [i for c in ".!?\n" if (i := text.find(c, end, end + limit)) != -1]
    right = min(right_candidates) + 1 if right_candidates else min(len(text), end + limit)
    return text[left + 1 : right].strip()


def article_triples(extraction: Extraction, ingested_at: str | None = None) -> list[Triple]:
    """Return the article node and the provenance of its named graph."""
    a = extraction.article
    art, graph = article_iri(a.id), article_graph_iri(a.id)
    out: list[Triple] = [
        (art, RDF.type, KG.Article),
        (art, KG.articleId, _str(a.id)),
        (art, SCHEMA.headline, _str(a.title)),
        (art, KG.sourcePath, _str(a.source)),
        (art, KG.contentHash, _str(content_hash(a))),
        (graph, RDF.type, KG.ArticleGraph),
        (graph, KG.sourceArticle, art),
        (graph, KG.kgVersion, _str(kg_version())),
        (graph, KG.spacyModel, _str(extraction.model or "unknown")),
    ]
    out += publication_triples(art, a)
    if ingested_at:
        out.append((graph, PROV.generatedAtTime, Literal(ingested_at, datatype=XSD.dateTime)))
    return out


def copy_triples(copy: Copy) -> list[Triple]:
    """Return the record of a copy of an article (not extracted, so none of its mentions
    count): ``kg:duplicateOf`` the article it repeats, with its own headline, URL, date,
    source and publisher, so both outlets are known."""
    a = copy.article
    node = article_iri(a.id)
    out: list[Triple] = [
        (node, RDF.type, KG.ArticleCopy),
        (node, KG.articleId, _str(a.id)),
        (node, SCHEMA.headline, _str(a.title)),
        (node, KG.sourcePath, _str(a.source)),
        (node, KG.duplicateOf, article_iri(copy.of)),
        (node, KG.similarity, Literal(f"{copy.similarity:.2f}", datatype=XSD.decimal)),
    ]
    return out + publication_triples(node, a)


def publication_triples(node: URIRef, article: Article) -> list[Triple]:
    """Return what is known of an article's publication: date, URL, author, publisher and
    language (for a kept article and for a copy alike)."""
    out: list[Triple] = []
    published = date_literal(article.published)
    if published is not None:
        out.append((node, SCHEMA.datePublished, published))
    if article.url:
        out.append((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    for prop, value in ((SCHEMA.author, article.author), (SCHEMA.publisher, article.site),
                        (SCHEMA.inLanguage, article.language)):
        if value:
            out.append((node, prop, _str(value)))
    return out


def _entity_triples(extraction: Extraction, entity: Entity, sentences: dict[int, str],
                    refs: Mapping[str, URIRef]) -> list:
    """Return an actor's mentions in one article, and ``schema:mentions`` from the article.

    The graph names the entity by its reference (:func:`reference_iri`); the actor's types
    and canonical ``kg:name`` live only in the actors graph (:func:`kg.store.actors`), so a
    query over the union of graphs sees each of them once and two articles spelling a name
    differently ("BRUSSELS", "Brussels") never give an actor two names.
    """
    a = extraction.article
    node, art = refs[entity.id], article_iri(a.id)
    out: list[Triple] = [(art, SCHEMA.mentions, node)]
    for m in entity.mentions:
        mnode = mention_iri(a.id, m.start, m.end)
        sentence = sentences.get(m.sentence) or _sentence_around(a.text, m.start, m.end)
        out += [
            (node, KG.hasMention, mnode),
            (mnode, RDF.type, KG.Mention),
            (mnode, KG.mentionText, _str(m.text)),
            *_span_triples(mnode, art, m, sentence),
        ]
    return out


def reference_role_iri(role: Role, refs: Mapping[str, URIRef]) -> URIRef:
    """Return the IRI of a role as an article graph holds it: made from the role's id and the
    references of its person and organisation, so a role whose key changes is another role
    (its ``org:heldBy`` never changes)."""
    return role_iri(digest(role.id, refs[role.person_id], refs[role.of_id] if role.of_id
                           else ""))


def _role_triples(extraction: Extraction, role: Role, sentences: dict[int, str],
                  refs: Mapping[str, URIRef]) -> list[Triple]:
    """Return where one article states a role (the role itself is in :func:`role_triples`)."""
    sentence = sentences.get(role.mention.sentence) or _sentence_around(
        extraction.article.text, role.mention.start, role.mention.end
    )
    return _span_triples(reference_role_iri(role, refs), article_iri(extraction.article.id),
                         role.mention, sentence)


def role_triples(roles: Iterable[Role], refs: Mapping[str, URIRef]) -> list[Triple]:
    """Return roles as W3C Organization Ontology posts, for the shared actors graph: the
    person (the reference ``refs`` gives the article's entity) ``org:holds`` it, it is
    ``org:postIn`` its country or organisation (when known) and has a ``kg:roleTitle``. A
    role id is per article (:func:`kg.pipeline.role_id`), so each role node has the one
    span that states it (in the article graph) and these triples are never
    repeated across graphs."""
    out: list[Triple] = []
    for role in roles:
        node, person = reference_role_iri(role, refs), refs[role.person_id]
        out += [
            (node, RDF.type, KG.Role),
            (node, RDF.type, ORG.Post),
            (node, KG.roleTitle, _str(role.title)),
            (node, ORG.heldBy, person),
            (person, ORG.holds, node),
        ]
        if role.of_id:
            out.append((node, ORG.postIn, refs[role.of_id]))
    return _unique(out)


def _statement_triples(extraction: Extraction, st: Statement,
                       refs: Mapping[str, URIRef]) -> list[Triple]:
    """Return a statement with speaker, quote, targets, stances and provenance."""
    node = statement_iri(st.id)
    out: list[Triple] = [
        (node, RDF.type, KG.Statement),
        (node, KG.quote, _str(st.quote)),
        (node, KG.statementKind, _str(st.kind)),
        *_span_triples(node, article_iri(extraction.article.id), st.mention, st.sentence_text),
    ]
    if st.speaker_id:
        out.append((node, KG.speaker, refs[st.speaker_id]))
    if st.speaker:
        out.append((node, KG.speakerName, _str(st.speaker)))
    if st.speaker_description:
        out.append((node, KG.speakerDescription, _str(st.speaker_description)))
    if st.cue:
        out.append((node, KG.cue, _str(st.cue)))
    said_on = date_literal(st.date)
    if said_on is not None:
        out.append((node, KG.saidOn, said_on))
    if st.date_precision:
        out.append((node, KG.datePrecision, _str(st.date_precision)))
    out.append((node, KG.modality, _str(st.modality)))
    out += [(node, KG.about, refs[i]) for i in st.about_ids]
    for stance in st.stances:
        snode = stance_iri(st.id, stance.target_id)
        out += [
            (node, KG.stance, snode),
            (snode, RDF.type, KG.Stance),
            (snode, KG.stanceTarget, refs[stance.target_id]),
            (snode, KG.polarity, _str(stance.polarity)),
        ]
    return out


_ROLE_PROPERTIES = {"agent": KG.agent, "target": KG.target}


def _event_triples(extraction: Extraction, ev: Event, refs: Mapping[str, URIRef],
                   sentences: dict[int, str] | None = None) -> list[Triple]:
    """Return one article's report of an event: label, date text, actors, places and provenance
    (its main span, and a ``kg:hasMention`` span for every sentence that reports it). The
    event's class, type and linked date are the shared event node's (:func:`event_triples`),
    which the report ``kg:refersTo``."""
    node = event_reference_iri(extraction.article.id, ev.id)
    out: list[Triple] = [
        (node, RDF.type, KG.EventReference),
        (node, KG.label, _str(ev.label)),
        *_span_triples(node, article_iri(extraction.article.id), ev.mention, ev.sentence_text),
    ]
    if ev.trigger:
        out.append((node, KG.trigger, _str(ev.trigger)))
    if ev.date_text:  # the date itself is the shared event's, as linked
        out.append((node, KG.dateText, _str(ev.date_text)))
    if ev.date_basis:
        out.append((node, KG.dateBasis, _str(ev.date_basis)))
    out += [(node, KG.modality, _str(ev.modality)),
            (node, KG.confidence, Literal(f"{ev.confidence:.2f}", datatype=XSD.decimal))]
    if ev.main:
        out.append((article_iri(extraction.article.id), KG.mainEvent, node))
    for p in ev.participants:
        actor = refs[p.entity_id]
        out.append((node, KG.hasActor, actor))
        if p.role in _ROLE_PROPERTIES:
            out.append((node, _ROLE_PROPERTIES[p.role], actor))
    out += [(node, KG.hasPlace, refs[p.entity_id]) for p in ev.places]
    art = article_iri(extraction.article.id)
    for m in ev.mentions:
        mnode = mention_iri(extraction.article.id, m.start, m.end)
        sentence = (sentences or {}).get(m.sentence) or _sentence_around(
            extraction.article.text, m.start, m.end)
        out += [(node, KG.hasMention, mnode), (mnode, RDF.type, KG.Mention),
                (mnode, KG.mentionText, _str(m.text)), *_span_triples(mnode, art, m, sentence)]
    return out


def _unique(triples: Iterable[Triple]) -> list[Triple]:
    """Return ``triples`` without duplicates, first occurrence order kept."""
    return list(dict.fromkeys(triples))


def extraction_triples(extraction: Extraction, ingested_at: str | None = None) -> list[Triple]:
    """Return the triples of one article's named graph (article, facts and provenance).

    ``ingested_at`` (ISO datetime) becomes ``prov:generatedAtTime`` of the graph; without it the
    result depends only on the extraction, so the same extraction always maps the same way.
    Actors are named by the references of the article's own keys (:func:`article_refs`).
    """
    sentences = _sentence_map(extraction)
    refs = article_refs(extraction)
    out = article_triples(extraction, ingested_at)
    for entity in extraction.entities:
        out += _entity_triples(extraction, entity, sentences, refs)
    for role in extraction.roles:
        out += _role_triples(extraction, role, sentences, refs)
    for st in extraction.statements:
        out += _statement_triples(extraction, st, refs)
    for ev in extraction.events:
        out += _event_triples(extraction, ev, refs, sentences)
    return _unique(out)


#: An event report's link: (event id, type, date, date precision) of the shared event node
#: it refers to, as linking gave them.
EventLink = tuple[str, str, str | None, str | None]


def event_links(own: Extraction, linked: Extraction | None = None) -> dict[URIRef, EventLink]:
    """Return each event reference of an article (named by ``own``'s event ids) → the shared
    event it refers to, as ``linked`` (the same article, its events linked; by default
    ``own`` itself) gives it."""
    linked = linked or own
    return {event_reference_iri(own.article.id, ev.id): (lev.id, lev.type, lev.date,
                                                         lev.date_precision)
            for ev, lev in zip(own.events, linked.events, strict=True)}


def event_node_triples(link: EventLink) -> list[Triple]:
    """Return the facts of a shared event node (``a kg:Event``, ``kg:eventType``, the date it
    is linked to and its precision): every report referring to it gives the same, so a union
    query sees each event once."""
    id_, type_, date, precision = link
    node = event_iri(id_)
    out: list[Triple] = [(node, RDF.type, KG.Event), (node, KG.eventType, event_type_iri(type_))]
    literal = date_literal(date)
    if literal is not None:
        out.append((node, KG.date, literal))
        if precision:
            out.append((node, KG.datePrecision, _str(precision)))
    return out


def event_triples(links: Mapping[URIRef, EventLink]) -> list[Triple]:
    """Return the shared-graph triples of event references: each ``kg:refersTo`` its event,
    and the event nodes' facts (:func:`event_node_triples`)."""
    out: list[Triple] = []
    for ref, link in links.items():
        out.append((ref, KG.refersTo, event_iri(link[0])))
        out += event_node_triples(link)
    return _unique(out)


def actor_triples(entities: Iterable[Entity]) -> list[Triple]:
    """Return the shared actor facts (types, name, aliases, country code) of ``entities``."""
    out: list[Triple] = []
    for e in entities:
        node = actor_iri(e.id)
        out += [
            (node, RDF.type, KG.Actor),
            (node, RDF.type, ACTOR_CLASSES.get(e.type, KG.Actor)),
            (node, KG.name, _str(e.name)),
        ]
        out += [(node, SKOS.altLabel, _str(alias)) for alias in e.aliases if alias != e.name]
        if e.country_code:
            out.append((node, KG.countryCode, _str(e.country_code)))
    return _unique(out)


def reference_triples(key: ActorKey, actor_id: str, country_codes: Iterable[str] = ()
                      ) -> list[Triple]:
    """Return the actors-graph facts of the reference of ``key``: the actor it refers to and
    what the key says (the name and aliases the articles give, the type, country codes),
    from which the actor's own types and aliases are derived."""
    type_, name, aliases, _ = key
    node = reference_iri(key)
    out: list[Triple] = [(node, RDF.type, KG.ActorReference),
                         (node, KG.refersTo, actor_iri(actor_id))]
    if type_:
        out.append((node, KG.keyType, _str(type_)))
    if name:
        out.append((node, KG.keyName, _str(name)))
    out += [(node, KG.keyAlias, _str(a)) for a in aliases if a != name]
    out += [(node, KG.countryCode, _str(c)) for c in sorted(set(country_codes))]
    return out


def location_triples(actor: str, location: Location) -> list[Triple]:
    """Return where an actor is: ``schema:geo`` a point with W3C WGS84 ``geo:lat`` /
    ``geo:long`` (and schema.org's latitude / longitude), how it was chosen
    (``kg:locationBasis``), and ``owl:sameAs`` its GeoNames feature and Wikidata item."""
    node, point = URIRef(actor), geo_iri(actor)
    lat = Literal(f"{location.lat:.5f}", datatype=XSD.decimal)
    lon = Literal(f"{location.lon:.5f}", datatype=XSD.decimal)
    out: list[Triple] = [
        (node, SCHEMA.geo, point),
        (point, RDF.type, SCHEMA.GeoCoordinates),
        (point, RDF.type, GEO.Point),
        (point, GEO.lat, lat),
        (point, GEO.long, lon),
        (point, SCHEMA.latitude, lat),
        (point, SCHEMA.longitude, lon),
        (point, KG.locationBasis, _str(location.basis)),
    ]
    out += [(node, OWL.sameAs, URIRef(iri))
            for iri in (location.geonames_iri, location.wikidata_iri) if iri]
    return out
