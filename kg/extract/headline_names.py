"""Names in headlines, bounded by what the article's text says about their words.

A headline capitalises every word, so the NER model reads verbs and nouns next to a name as
part of it ("Rubio Reports Headway" as a person, "Japan Seal Pact" as a plan). The body
says which words are names: a word the article capitalises in running text (or inside a name
NER finds there) is a name word, any other is not. A headline name is cut to its runs of
name words, each typed as the body types it; a name whose words the body never uses stays
as NER read it (no evidence either way).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.ablation import rule
from kg.extract.boilerplate import in_ranges
from kg.extract.doc_memo import per_doc


def in_headline(ent: Span) -> bool:
    """Return whether ``ent`` lies in one of the article's headline-case lines."""
    return in_ranges(ent.start_char, ent.end_char, ent.doc._.kg_headlines)


def _in_body(doc: Doc, start: int, end: int) -> bool:
    """Return whether characters start..end are running text, not a headline or furniture."""
    return not in_ranges(start, end, doc._.kg_headlines + doc._.kg_junk)


@per_doc
def body_name_words(doc: Doc) -> frozenset[str]:
    """Return the lower-cased words the body writes as names: capitalised words that do not
    start a sentence, and every word of a name NER finds in the body."""
    words = {t.lower_ for t in doc if t.is_title and not t.is_sent_start
             and _in_body(doc, t.idx, t.idx + len(t))}
    words |= {t.lower_ for e in doc.ents if _in_body(doc, e.start_char, e.end_char) for t in e}
    return frozenset(words)


@per_doc
def body_name_labels(doc: Doc) -> dict[str, str]:
    """Return body name text (and a person's surname) → NER label, for typing headline
    names cut down to a name the body writes ("Rubio" of "Marco Rubio")."""
    labels: dict[str, str] = {}
    for ent in doc.ents:
        if not _in_body(doc, ent.start_char, ent.end_char):
            continue
        labels.setdefault(ent.text, ent.label_)
        if ent.label_ == "PERSON" and len(ent) >= 2:
            labels.setdefault(ent[-1].text, "PERSON")
    return labels


def _name_word_runs(ent: Span, words: frozenset[str]) -> list[tuple[int, int]]:
    """Return the (start, end) token runs of ``ent`` whose words the body writes as names."""
    runs: list[tuple[int, int]] = []
    start = None
    for token in ent:
        named = token.lower_ in words or not token.is_alpha and start is not None
        if named and start is None:
            start = token.i
        elif not named and start is not None:
            runs.append((start, token.i))
            start = None
    if start is not None:
        runs.append((start, ent.end))
    return [(a, b) for a, b in runs if any(t.is_alpha for t in ent.doc[a:b])]


@per_doc
def body_common_words(doc: Doc) -> frozenset[str]:
    """Return the words the body writes in lower case and never as a name ("seal", "pact")."""
    words = {t.text for t in doc if t.is_lower and t.is_alpha
             and _in_body(doc, t.idx, t.idx + len(t))}
    return frozenset(words - body_name_words(doc))


def _alone_on_its_line(ent: Span) -> bool:
    """Return whether ``ent`` holds every word of its headline-case line: a byline ("Larry
    Fine" under the headline) or a desk credit ("-- Oslo Energy Desk"), a name with no
    headline words beside it to cut."""
    doc = ent.doc
    for start, end in doc._.kg_headlines:
        if start < ent.end_char and ent.start_char < end:
            line = doc.char_span(start, end, alignment_mode="expand")
            return line is not None and all(
                ent.start <= t.i < ent.end for t in line if t.is_alpha)
    return False


@rule("headline_name_bounds", off=None)
def headline_name_parts(ent: Span) -> list[Span] | None:
    """Return the parts of a headline name that the body writes as names, each labelled as
    the body labels it ("Rubio Reports Headway" → "Rubio", a person; parts the body never
    names are dropped, and so is a name whose words the body writes only in lower case:
    "Student Privacy"), or None to keep the name as it is (not in a headline, written so in
    the body, no word of it seen there, or a byline's person with no part named alone and
    no word written in lower case: "By Kofi Adjei-Mensah", whose "Mensah" the body writes
    in another name)."""
    if not in_headline(ent) or _alone_on_its_line(ent):
        return None
    doc = ent.doc
    labels = body_name_labels(doc)
    if ent.text in labels:
        return None
    runs = _name_word_runs(ent, body_name_words(doc))
    if not runs:
        return [] if _has_common_word(ent) else None
    if len(ent) < 2 or runs == [(ent.start, ent.end)]:
        return None
    parts = [Span(doc, start, end, label=labels[doc[start:end].text]) for start, end in runs
             if doc[start:end].text in labels]
    if not parts and _byline_person(ent) and not _has_common_word(ent):
        return None  # "By Kofi Adjei-Mensah": no part named alone, no word seen in lower case
    return parts


def _byline_person(ent: Span) -> bool:
    """Return whether ``ent`` is the person a byline names: the model's person right after
    "By" or "From" opening its line ("By Kofi Adjei-Mensah, Accra")."""
    doc, i = ent.doc, ent.start - 1
    if ent.label_ != "PERSON" or i < 0 or doc[i].lower_ not in ("by", "from"):
        return False
    return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_


def _has_common_word(ent: Span) -> bool:
    """Return whether the body writes a word of ``ent`` in lower case and never as a name:
    evidence that the headline joined a name to other words ("Seal", "Pact")."""
    common = body_common_words(ent.doc)
    return any(t.lower_ in common for t in ent)
