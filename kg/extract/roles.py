"""Roles: the titles people hold, and of which country or organisation.

"US Secretary of State Marco Rubio" → (Marco Rubio, "Secretary of State", United States);
"Dmitry Peskov, the Kremlin spokesman," → (Dmitry Peskov, "spokesman", Kremlin).
``kg_roles`` stores :class:`RoleInfo` records in ``doc._.kg_roles``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.ablation import reads_disabled_once
from kg.extract.actors import ACTORS_KEY, actor_index
from kg.lexicon.people import TITLE_HEADS, TITLE_WORDS

if not Doc.has_extension("kg_roles"):
    Doc.set_extension("kg_roles", default=[])

_EDGE_WORDS = frozenset({"of", "the", "and", "for", "a", "an"})
#: Nouns for a seat on a body, a title after the body's name ("University District Council
#: Member Jane Doe": a member of that council) or on their own ("Councilmember Jane Doe").
MEMBER_NOUNS = frozenset("member councilmember boardmember trustee delegate".split())


@dataclass(frozen=True)
class RoleInfo:
    """A title held by a person in one article, with the span that says so."""

    person_id: str
    title: str
    of_id: str | None
    start: int
    end: int


def _is_title_token(token) -> bool:
    return (token.lower_ in TITLE_WORDS | MEMBER_NOUNS or token.ent_type_ == "KG_TITLE") and \
        not token.is_punct


def _title_compound(token, end: int) -> bool:
    """Return True for a common noun the parse makes part of a title written after it, before
    token ``end`` ("council member", "board member", "state police spokesman"): the title
    says of what, where the title word alone ("member") does not."""
    return (token.is_lower or token.is_sent_start) and token.pos_ == "NOUN" and \
        token.dep_ == "compound" and token.i < token.head.i < end and \
        _is_title_token(token.head)


def _trim(tokens: list) -> list:
    while tokens and tokens[0].lower_ in _EDGE_WORDS:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower_ in _EDGE_WORDS:
        tokens = tokens[:-1]
    return tokens


def _title_text(tokens: list) -> str | None:
    tokens = _trim(tokens)
    if not tokens or not any(t.lower_ in TITLE_HEADS | MEMBER_NOUNS or t.ent_type_ == "KG_TITLE"
                             for t in tokens):
        return None
    return " ".join(t.text for t in tokens)


def role_before(person: Span, actors: dict[int, Span]) -> RoleInfo | None:
    """Return the role written before a name ("Kremlin spokesman Dmitry Peskov", "the mayor
    of Eastbrook, Lena Ortiz")."""
    doc = person.doc
    i = person.start - 1
    if i >= 0 and doc[i].lower_ == "of":
        return None  # "the mayor of Eastbrook": Eastbrook is what the mayor is of
    while i >= person.sent.start and i not in actors and (
            _is_title_token(doc[i]) or _title_compound(doc[i], person.start)):
        i -= 1
    title = _title_text(list(doc[i + 1 : person.start]))
    if title is None:
        return role_of_before(person, actors)
    of = actors.get(i) if i >= person.sent.start else None
    of_id = of._.kg_entity if of is not None and of.label_ != "Person" else None
    start = of.start_char if of_id else doc[i + 1].idx
    return RoleInfo(person._.kg_entity, title, of_id, start, person.end_char)


def _apposition_start(person: Span) -> int | None:
    """Return the token after ", the" that follows a name (an apposition starts there), or
    None when no comma follows it."""
    doc, j = person.doc, person.end
    if j >= len(doc) or doc[j].text != ",":
        return None
    j += 1
    while j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    return j


def role_after(person: Span, actors: dict[int, Span]) -> RoleInfo | None:
    """Return an appositive role ("Dmitry Peskov, the Kremlin spokesman,")."""
    doc = person.doc
    j = _apposition_start(person)
    if j is None:
        return None
    of = actors.get(j)
    if of is not None and of.label_ != "Person":
        j = of.end
    else:
        of = None
    k = j
    while k < len(doc) and k not in actors and _is_title_token(doc[k]):
        k += 1
    if k < len(doc) and doc[k].text not in (",", ".", ";", "—", "–", ")"):
        return None
    title = _title_text(list(doc[j:k]))
    if title is None:
        return None
    return RoleInfo(person._.kg_entity, title, of._.kg_entity if of else None, person.start_char,
                    doc[k - 1].idx + len(doc[k - 1].text))


def _title_before_of(doc: Doc, of: Span) -> tuple[int, str] | None:
    """Return the first token and text of a title written just before "of ``of``" ("the
    mayor of Eastbrook" → "mayor"), or None."""
    if of.start < 2 or doc[of.start - 1].lower_ != "of":
        return None
    i = of.start - 2
    while i >= of.sent.start and _is_title_token(doc[i]) and doc[i].lower_ != "of":
        i -= 1
    title = _title_text(list(doc[i + 1 : of.start - 1]))
    return (i + 1, title) if title else None


def _body_of(actors: dict[int, Span], i: int) -> Span | None:
    """Return the actor ending at token ``i`` when it can hold office-holders (no person)."""
    of = actors.get(i)
    return of if of is not None and of.end == i + 1 and of.label_ != "Person" else None


def role_of_before(person: Span, actors: dict[int, Span]) -> RoleInfo | None:
    """Return a "title of body" role written before a name, with or without a comma ("the
    governor of Texas Greg Abbott", "the mayor of Eastbrook, Lena Ortiz")."""
    doc = person.doc
    i = person.start - 1
    if i >= person.sent.start and doc[i].text == ",":
        i -= 1
    of = _body_of(actors, i) if i >= person.sent.start else None
    found = _title_before_of(doc, of) if of is not None else None
    if found is None or of._.kg_entity is None:
        return None
    start, title = found
    return RoleInfo(person._.kg_entity, title, of._.kg_entity, doc[start].idx, person.end_char)


def role_of_after(person: Span, actors: dict[int, Span]) -> RoleInfo | None:
    """Return an appositive "title of body" role ("Lena Ortiz, the mayor of Eastbrook,")."""
    doc = person.doc
    j = _apposition_start(person)
    if j is None:
        return None
    k = j
    while k < len(doc) and k not in actors and _is_title_token(doc[k]) and doc[k].lower_ != "of":
        k += 1
    if k == j or k + 1 >= len(doc) or doc[k].lower_ != "of":
        return None
    of = actors.get(k + 1)
    if of is None or of.start != k + 1 or of.label_ == "Person" or of._.kg_entity is None:
        return None
    if of.end < len(doc) and doc[of.end].text not in (",", ".", ";", "—", "–", ")"):
        return None
    title = _title_text(list(doc[j:k]))
    if title is None:
        return None
    return RoleInfo(person._.kg_entity, title, of._.kg_entity, person.start_char, of.end_char)


def find_roles(doc: Doc) -> list[RoleInfo]:
    """Return the roles of the named people of ``doc``, one per (person, title, of)."""
    actors = actor_index(doc)
    roles: dict[tuple, RoleInfo] = {}
    for span in doc.spans.get(ACTORS_KEY, []):
        if span.label_ != "Person" or span._.kg_entity is None:
            continue
        for role in (role_before(span, actors), role_after(span, actors) or
                     role_of_after(span, actors)):
            if role is not None:
                roles.setdefault((role.person_id, role.title.lower(), role.of_id), role)
    return list(roles.values())


@Language.component("kg_roles", assigns=["doc._.kg_roles"], requires=["doc._.kg_entities"])
@reads_disabled_once
def roles_component(doc: Doc) -> Doc:
    """Find the titles people hold."""
    doc._.kg_roles = find_roles(doc)
    return doc
