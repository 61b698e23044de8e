"""When a statement was made: the date that modifies its cue ("said on Tuesday"), else the
publication date standing in (precision ``fuzzy``).

A date of another clause of the sentence dates that clause, not the saying: in "Kovač, who
met the envoy on Monday, said on Tuesday that the vote, due on Friday, would be close" the
statement is Tuesday's; Monday is the meeting's and Friday, in the reported content, the
vote's. A date inside quote marks is about what was said, never when.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.ablation import rule
from kg.extract.dates import DateInfo
from kg.extract.quotes.cues import is_speech_verb
from kg.extract.quotes.records import StatementInfo

#: Verbs of putting words out that may stand between a cue and its date ("said in a statement
#: released on Tuesday", "told a briefing held on Monday").
_RELEASE_VERBS = frozenset("release issue publish post give hold".split())
#: Verbs of speaking that introduce no words of their own ("Speaking on Monday, X said").
_SPEAKING_VERBS = frozenset("speak talk address comment".split())


def _cue_token(doc: Doc, statement: StatementInfo) -> Token | None:
    """Return the token of the statement's cue, or ``None`` when it has none."""
    if statement.cue_start is None:
        return None
    span = doc.char_span(statement.cue_start, statement.cue_start + 1,
                         alignment_mode="expand")
    return span[0] if span is not None else None


def _joins_the_saying(verb: Token, cue: Token) -> bool:
    """Return whether ``verb``, on the way from a date up to ``cue``, is the saying itself: a
    speech verb joined to the cue ("spoke on Tuesday and said", "Kovač, speaking on Tuesday,
    said") or the act the cue goes with ("Last Friday, Cramer went on a tirade, saying")."""
    if cue.head == verb and cue.dep_ == "advcl" and cue.tag_ == "VBG":
        return True
    joined = cue.head == verb or cue in (verb.head, verb.head.head)
    return joined and (is_speech_verb(verb) or verb.lemma_.lower() in _SPEAKING_VERBS)


def _in_sentence(date: DateInfo, cue: Token) -> bool:
    """Return whether ``date`` is in the sentence of ``cue``."""
    return cue.sent.start_char <= date.start < cue.sent.end_char


@rule("said_on_the_cue", off=True)
def dates_the_saying(doc: Doc, date: DateInfo, cue: Token) -> bool:
    """Return whether ``date`` modifies the statement's ``cue`` ("said on Tuesday", "On
    Monday, X told reporters"): its chain of heads reaches the cue without passing through
    another clause's verb ("who met the envoy on Monday") or a verb of the content."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(12):
        if token == cue:
            return True
        if token != span.root and token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
            if _joins_the_saying(token, cue):
                return True
            if not (token.lemma_.lower() in _RELEASE_VERBS and token.dep_ in ("acl", "relcl")):
                return False  # another clause's verb: "who met the envoy on Monday"
        if token.head == token:
            return False
        token = token.head
    return False


def statement_date(doc: Doc, statement: StatementInfo,
                   published: str | None) -> tuple[str | None, str | None]:
    """Return the ISO date and precision of when ``statement`` was made: the date of its cue,
    else ``published`` at precision ``fuzzy`` (no date of its own; the report date stands
    in), else ``(None, None)``."""
    quoted = getattr(doc._, "kg_quoted", None) or []
    is_direct = statement.kind == "direct"
    cue = _cue_token(doc, statement)
    for date in doc._.kg_dates if cue is not None else ():
        if date.timeline or any(q_start <= date.start < q_end for q_start, q_end in quoted):
            continue
        if not is_direct and statement.start <= date.start < statement.end:
            continue  # a date of the reported content is the content's
        if _in_sentence(date, cue) and dates_the_saying(doc, date, cue):
            return date.value.iso, date.value.precision
    return (published, "fuzzy") if published else (None, None)
