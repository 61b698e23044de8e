"""Statements: direct quotes and reported speech, each with a named speaker.

Direct quotes are found from quote marks (curly or straight; multi-paragraph quotes whose
closing mark is left out; a quote split by its attribution is one statement). The speaker is
found first from the attribution right next to the marks (``"...," X said``, ``"...," said
X``, ``X said, "..."``, ``X: "..."``, ``"..." ― X``), then through the dependency parse (the
speech verb a partial quote hangs from, the nearest speech verb of the sentence), and is
resolved to a named actor through pronouns ("he said" → the last person named), roles ("the
Kremlin spokesman" → the person holding it), relative clauses ("Rubio, who said"), authors
of documents ("Lee's brief said" → Lee), organisations of spokespeople ("a Dow spokeswoman" →
Dow) and capitals under any gazetteer spelling ("Kiev said" → Ukraine). A
proper-noun speaker that NER missed becomes a Person actor. Quotes with no attribution at
their marks take the ``― Name`` ending their line, a ``Name, description.`` line after them,
or the speaker of the sentence just before them; nested speech goes to the outermost named
speaker (``Lee said Kim called it "..."`` → Lee, the PolNeAR convention). Reported speech is
a speech verb with a named subject and a ``that``-clause, an object ("X accused Y of ...")
or "according to X". ``kg_quotes`` stores :class:`StatementInfo` records in
``doc._.kg_statements`` and the character ranges inside quote marks in ``doc._.kg_quoted``.

Modules: ``marks`` (pairing quote marks, linear in their number), ``speakers`` (subject of a
cue → named actor), ``attribution`` (cue and speaker of a direct quote), ``about`` (actors a
statement is about, stance), ``direct`` and ``reported`` (the two kinds of statement),
``records`` (:class:`StatementInfo`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.ablation import reads_disabled_once

if not Doc.has_extension("kg_statements"):
    Doc.set_extension("kg_statements", default=[])
if not Doc.has_extension("kg_quoted"):
    Doc.set_extension("kg_quoted", default=[])

from kg.extract.quotes.direct import direct_quotes  # noqa: E402  (after the extensions)
from kg.extract.quotes.marks import (  # noqa: E402
    QuoteSpan,
    is_scare_quote,
    is_work_title,
    merge_split_quotes,
    quote_spans,
)
from kg.extract.quotes.records import StatementInfo  # noqa: E402
from kg.extract.quotes.reported import reported_speech  # noqa: E402
from kg.extract.quotes.speakers import SPEAKER_TYPES, Attributor  # noqa: E402

__all__ = [
    "SPEAKER_TYPES", "Attributor", "QuoteSpan", "StatementInfo", "direct_quotes",
    "find_statements", "is_scare_quote", "is_work_title", "merge_split_quotes", "quote_spans",
    "reported_speech",
]


def find_statements(doc: Doc) -> list[StatementInfo]:
    """Return the direct and reported statements of ``doc`` in text order."""
    attributor = Attributor(doc)
    direct = direct_quotes(doc, attributor)
    reported = reported_speech(doc, attributor, direct)
    attributor.names.commit()
    return sorted(direct + reported, key=lambda s: s.start)


@Language.component("kg_quotes", assigns=["doc._.kg_statements", "doc._.kg_quoted"],
                    requires=["doc._.kg_entities", "doc._.kg_roles"])
@reads_disabled_once
def quotes_component(doc: Doc) -> Doc:
    """Find statements and their speakers."""
    doc._.kg_statements = find_statements(doc)
    return doc
