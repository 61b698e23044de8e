"""A person's other name given in the article: a real, birth or legal name ("whose real name
is X", "born X", "née X") or a stage name ("known as Y"). Such a name is a person's, and the
same person's as the one named before its cue: :func:`other_name_links` returns the links
and :mod:`kg.extract.resolve` applies them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.ablation import PASS_THROUGH, rule

#: Words that introduce a person's other name right before it: a birth or legal name ("whose
#: real name is X", "born X", "née X") or a stage name ("X, known as Y", "better known as Y").
_OTHER_NAME_CUES: tuple[tuple[str, ...], ...] = (
    ("real", "name", "is"), ("birth", "name", "is"), ("legal", "name", "is"),
    ("real", "name", "was"), ("born",), ("née",), ("nee",), ("known", "as"))


#: Words between a comma and the cue of another name ("whose real name", "also known as").
_CUE_LEADS = frozenset(
    "whose his her their also better commonly widely popularly originally still and".split())


def _set_off(doc: Doc, cue_start: int) -> bool:
    """Return whether the cue of another name opens a phrase set off from what it describes:
    after a comma or a parenthesis, or starting a sentence ("Her real name is X"). Not after
    a noun ("a hacking group known as Fancy Bear") nor a hyphen ("Brazilian-born Ana
    Silva": a birthplace)."""
    i = cue_start - 1
    while i >= 0 and doc[i].lower_ in _CUE_LEADS:
        i -= 1
    return i < 0 or doc[i].text in (",", "(") or doc[i + 1].is_sent_start


def _name_cue(span: Span, cues: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """Return the cue of ``cues`` written right before ``span`` and set off from what it
    describes (:func:`_set_off`), else None."""
    doc = span.doc
    cue = next((c for c in cues if span.start >= len(c) and
                tuple(t.lower_ for t in doc[span.start - len(c):span.start]) == c), None)
    return cue if cue is not None and _set_off(doc, span.start - len(cue)) else None


#: The cues of a birth or legal name: only a person has one (a stage name, "known as", may
#: be a band's or a company's).
_PERSONAL_NAME_CUES = tuple(c for c in _OTHER_NAME_CUES if c != ("known", "as"))


@rule("other_name_person", off=PASS_THROUGH)
def other_names_as_persons(spans: list[Span]) -> list[Span]:
    """Return spans with a name of two or three capitalised words given as someone's real,
    birth or legal name relabelled as a person ("The singer, whose real name is Ama
    Wambui, ..." where the model read an organisation): only people have one."""
    out = []
    for span in spans:
        if span.label_ != "Person" and 2 <= len(span) <= 3 and \
                all(t.is_title and t.is_alpha for t in span) and \
                _name_cue(span, _PERSONAL_NAME_CUES) is not None:
            span = Span(span.doc, span.start, span.end, label="Person")
        out.append(span)
    return out


def _other_name_of(span: Span, spans: list[Span]) -> Span | None:
    """Return the person a person's name is given as another name of: the one named last
    before its cue ("Kofi Mensah, whose real name is Kwame Boateng"; "the singer, born X",
    after "Kofi Mensah"), else None. The cue must come right before the name ("born in
    1970", "born to X" are no name)."""
    doc = span.doc
    cue = _name_cue(span, _OTHER_NAME_CUES)
    if cue is None:
        return None
    last = span.sent.start - 1
    while last > 0 and doc[last].is_space:
        last -= 1  # the blank line between paragraphs
    previous = doc[last].sent.start if last >= 0 else span.sent.start
    before = [s for s in spans if s.label_ == "Person" and previous < s.end and
              s.end <= span.start - len(cue) and s._.kg_entity != span._.kg_entity]
    return max(before, key=lambda s: s.start) if before else None


@rule("other_name_alias", off=[])
def other_name_links(spans: list[Span]) -> list[tuple[str, str]]:
    """Return (kept, joined) entity ids for each person's other name given in the article (a
    real, birth or stage name, :func:`_other_name_of`): the person named first keeps the
    actor, the other name becomes its alias, not a second person."""
    def first_named(id_: str) -> int:
        return min(s.start for s in spans if s._.kg_entity == id_)

    links = []
    for span in [s for s in spans if s.label_ == "Person"]:
        named = _other_name_of(span, spans)
        if named is not None and span._.kg_entity != named._.kg_entity:
            keep, gone = sorted((named._.kg_entity, span._.kg_entity), key=first_named)
            links.append((keep, gone))
    return links
