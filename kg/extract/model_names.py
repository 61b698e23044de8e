"""``kg_model_names``: bodies whose name opens or ends with a country or demonym, as the NER
model reads them whole once kg's gazetteer no longer marks the country.

The entity ruler marks countries and demonyms before the model runs (so the small model
neither splits nor mislabels them), and the model cannot take a marked word into a longer
name: "Turkish" of "Turkish Aerospace", "British" of "the British Museum" stay the country.
This component runs the ruler and the model again on a copy of such an article without
those marks, and keeps the model's organisation where it spans the country's word and the
capitalised words beside it. What the model reads as an event or place ("Chinese New Year",
"the South China Sea") keeps the country, as does a state body right after it ("the US
Senate", "the Canadian Government"), the country's own mention as CoNLL and MEANTIME mark it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.ablation import reads_disabled_once, rule
from kg.extract.gazetteer_guard import CALENDAR_WORDS, names_a_state_body
from kg.extract.headline_names import in_headline
from kg.extract.knowledge import is_given_name

#: Labels of the gazetteer's countries and demonyms a longer name can hold.
COUNTRY_LABELS = frozenset({"GPE", "KG_DEMONYM"})
#: Pipes that mark entities, in pipeline order; kg's run again on the copy.
_MARKING_PIPES = ("kg_entity_ruler", "kg_gazetteer_guard", "ner")


def _continues_name(token: Token) -> bool:
    """Return whether ``token`` may continue a name beside a country: a capitalised word
    (no day or month) or a number ("FRANCE 24")."""
    return (token.is_alpha and token.text[:1].isupper() and token.lower_ not in CALENDAR_WORDS
            ) or token.like_num


def glued_countries(doc: Doc) -> list[Span]:
    """Return the countries and demonyms in ``doc.ents`` with a word beside them in the same
    sentence that may make them part of a longer name (the word before: not the sentence's
    first, "In Kenya")."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in COUNTRY_LABELS:
            continue
        after = doc[ent.end] if ent.end < len(doc) else None
        before = doc[ent.start - 1] if ent.start > 0 else None
        if (after is not None and not after.is_sent_start and _continues_name(after)) or (
                before is not None and not ent[0].is_sent_start and not before.is_sent_start
                and _continues_name(before)):
            out.append(ent)
    return out


def _remarked(doc: Doc, pipes: list[Callable[[Doc], Doc]], unmarked: list[Span]) -> Doc:
    """Return ``doc`` (a sentence's own copy: :meth:`Span.as_doc`) with its entities
    ``pipes`` marked again, the ``unmarked`` spans left to the last (the model)."""
    copy = doc
    copy.set_ents([], default="missing")
    *marking, model = pipes
    for pipe in marking:
        copy = pipe(copy)
    holes = [Span(copy, s.start, s.end) for s in unmarked]
    kept = [e for e in copy.ents if not any(e.start < h.end and h.start < e.end for h in holes)]
    copy.set_ents(kept, missing=holes, default="unmodified")
    return model(copy)


def _named_body(org: Span, country: Span, marked: frozenset[int] = frozenset()) -> bool:
    """Return whether the model's organisation ``org`` is a body named with ``country``:
    it holds the country and a capitalised word or number beside it that is no other
    ``marked`` country ("The Russia Ukraine war"), and no state body follows the country
    ("US Senate")."""
    if not (org.start <= country.start and country.end <= org.end) or len(org) == len(country):
        return False
    rest = [t for t in org if (t.i < country.start or t.i >= country.end) and t.i not in marked]
    return any(_continues_name(t) and not t.is_stop for t in rest) and not names_a_state_body(
        org.doc, country.end) and not _names_a_person(org.doc, country.end, org.end)


def _names_a_person(doc: Doc, start: int, end: int) -> bool:
    """Return whether the words from ``start`` to ``end`` after a demonym are a person's
    name: a given name first, and the last word written alone elsewhere in the article
    ("the Estonian Kaarel Tamm" ... "Tamm's car")."""
    words = [t for t in doc[start:end] if not t.is_punct]
    if len(words) < 2 or not is_given_name(words[0].text):
        return False
    last = words[-1]
    return any(t.text == last.text and t.i != last.i and not (
        t.i > 0 and doc[t.i - 1].text == words[-2].text) for t in doc)


def _name_end(org: Span) -> int:
    """Return where the name in ``org`` ends: after its last word that is not in lower case
    (the model's "Danish Aerospace company" is the name "Danish Aerospace")."""
    end = org.end
    while end > org.start + 1 and org.doc[end - 1].is_lower:
        end -= 1
    return end


def _sentence_orgs(doc: Doc, pipes: list[Callable[[Doc], Doc]],
                   glued: list[Span]) -> list[tuple[int, int]]:
    """Return the (start, end) in ``doc`` of the model's organisations in each sentence
    holding a ``glued`` country, read again without the gazetteer's marks (only those
    sentences run the model again: most of an article never does; a headline-case line,
    whose capitals say nothing, alone reads names the article does not write)."""
    found = []
    for sent in sorted({c.sent for c in glued if not in_headline(c)}, key=lambda s: s.start):
        inside = [c for c in glued if sent.start <= c.start and c.end <= sent.end]
        alone = sent.as_doc()
        copy = _remarked(alone, pipes, [
            Span(alone, c.start - sent.start, c.end - sent.start) for c in inside])
        found.extend((sent.start + e.start, sent.start + e.end)
                     for e in copy.ents if e.label_ == "ORG")
    return found


@rule("model_named_bodies", off=[])
def model_named_bodies(doc: Doc, pipes: list[Callable[[Doc], Doc]]) -> list[Span]:
    """Return the organisations the model reads over a country or demonym the gazetteer
    marked and the words beside it ("Turkish Aerospace", "Irish Aid", "Penguin Random House
    New Zealand"), once the gazetteer no longer marks it (see the module docstring)."""
    glued = glued_countries(doc)
    marked = frozenset(t.i for c in glued for t in c)
    found = []
    for start, end in _sentence_orgs(doc, pipes, glued) if glued else ():
        org = Span(doc, start, end)
        if any(_named_body(org, country, marked) for country in glued):
            found.append(Span(doc, start, _name_end(org), label="ORG"))
    return found


class ModelNames:
    """The ``kg_model_names`` pipe: puts the model's bodies named with a country in
    ``doc.ents`` in place of the country and whatever else they overlap."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    @reads_disabled_once
    def __call__(self, doc: Doc) -> Doc:
        """Return ``doc`` with :func:`model_named_bodies` in its entities."""
        if not all(name in self.nlp.pipe_names for name in _MARKING_PIPES):
            return doc
        bodies = model_named_bodies(doc, [self.nlp.get_pipe(n) for n in _MARKING_PIPES])
        if bodies:
            kept = [e for e in doc.ents
                    if not any(e.start < b.end and b.start < e.end for b in bodies)]
            doc.ents = sorted(kept + bodies, key=lambda s: s.start)
        return doc


@Language.factory("kg_model_names", requires=["doc.ents"], assigns=["doc.ents"])
def make_model_names(nlp: Language, name: str) -> ModelNames:
    """Return the ``kg_model_names`` pipe of ``nlp`` (it runs ``nlp``'s ruler and model)."""
    return ModelNames(nlp)
