"""Direct quotes: quote marks grouped into statements, each with speaker, cue, about and
stance."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.ablation import PASS_THROUGH, rule
from kg.extract.boilerplate import doc_text, in_ranges
from kg.extract.furniture import is_caption
from kg.extract.quotes.about import _about_ids, _object_actor_ids, _stances
from kg.extract.quotes.attribution import _attribute
from kg.extract.quotes.marks import (
    QuoteSpan,
    _quote_marks,
    _words,
    is_scare_quote,
    is_work_title,
    merge_split_quotes,
)
from kg.extract.quotes.records import StatementInfo
from kg.extract.quotes.speakers import Attributor


def _statement_groups(doc: Doc) -> list[tuple[QuoteSpan, ...]]:
    marks = _quote_marks(doc_text(doc))
    doc._.kg_quoted = [(q.start, q.end) for q in marks]
    junk = furniture_without_captions(doc._.kg_junk, doc._.kg_named_furniture, doc_text(doc))
    kept = []
    for q in marks:
        text = doc_text(doc)[q.start:q.end]
        if not text.strip() or in_ranges(q.start, q.end, junk):
            continue
        if not q.open_ended and (is_scare_quote(text) or is_work_title(text)):
            continue
        kept.append(q)
    return merge_split_quotes(doc_text(doc), kept)


@rule("quotes_in_captions", off=PASS_THROUGH)
def furniture_without_captions(junk: list[tuple[int, int]], named: list[tuple[int, int]],
                               text: str) -> list[tuple[int, int]]:
    """Return the furniture ranges whose quotes are no statements: all but captions written
    as prose (``Image 2 of 8: Lee greets guests. "We sewed it by hand," she said.``), which
    quote someone as the article's own sentences do."""
    return [(s, e) for s, e in junk if (s, e) not in named or not is_caption(text[s:e])]


#: Most words a phrase quoted inside the writer's own sentence has as a scare quote or a term
#: ("reckless", "whitelist"); every written set's guideline counts none of them as a quote.
#: Two-word phrases ("too passive", "years late") are quotes in some guidelines and not in
#: others, so they stay quotes (with two, written4's quotes fell 0.0062).
_MAX_PHRASE_WORDS = 1


@rule("scare_quote_in_sentence")
def is_phrase_in_sentence(text: str, start: int, end: int) -> bool:
    """Return True for one quoted word that the writer's sentence runs through (a word
    right before the opening mark: ``called the plan "reckless"``, ``its "whitelist" scheme``):
    a scare quote or a term, not something said. A short utterance standing as its own
    sentence stays a quote (``"Never," she said.``, ``He replied "No way."``).

    >>> t = 'Lee called it "reckless." "Never," she said.'
    >>> is_phrase_in_sentence(t, 15, 24), is_phrase_in_sentence(t, 27, 33)
    (True, False)
    """
    quoted = text[start:end].strip()
    if not quoted or len(_words(quoted)) > _MAX_PHRASE_WORDS:
        return False
    if quoted[0].isupper() and quoted.endswith((".", "!", "?")):
        return False
    before = text[:max(0, start - 1)].rstrip(" \t")
    return bool(before) and bool(re.match(r"\w", before[-1]))


def direct_quotes(doc: Doc, attributor: Attributor) -> list[StatementInfo]:
    """Return direct quotes of ``doc`` with speaker, cue, about and stance."""
    found: list[StatementInfo] = []
    open_ended: list[bool] = []
    #: The last quote attributed, a phrase quoted in a sentence too: the quote after it may
    #: go on with its speaker (``she called it "outrageous".`` then ``"If any bank ..."``).
    last: tuple[StatementInfo, bool] | None = None
    for group in _statement_groups(doc):
        start, end = group[0].start, group[-1].end
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        result = _attribute(doc, attributor, group, span)
        speaker_id, description = result.speaker_id, result.description
        if speaker_id is None and description is None and last is not None and \
                _continues(attributor, last[0], last[1], start, end):
            speaker_id, description = last[0].speaker_id, last[0].speaker_description
        cue = result.cue
        cue_lemma = cue.lemma_.lower() if cue is not None else None
        objects = [o for o in (_object_actor_ids(cue, attributor) if cue is not None else [])
                   if o != speaker_id]
        about: list[str] = list(objects)
        for q in group:
            about += _about_ids(attributor, q.start, q.end, speaker_id)
        parts = tuple((q.start, q.end) for q in group)
        text = " ".join(doc_text(doc)[s:e].strip() for s, e in parts)
        info = StatementInfo(
            "direct", start, end, speaker_id, description,
            cue.text if cue is not None else None, cue_lemma,
            tuple(a for a in dict.fromkeys(about) if a != speaker_id),
            _stances(cue_lemma, objects), parts if len(parts) > 1 else (), text,
            cue.idx if cue is not None else None)
        last = (info, group[-1].open_ended)
        if len(group) == 1 and not group[0].open_ended and \
                is_phrase_in_sentence(doc_text(doc), start, end):
            continue
        found.append(info)
        open_ended.append(group[-1].open_ended)
    _fill_open_ended_speakers(found, open_ended)
    return found


def _continues(att: Attributor, previous: StatementInfo, open_ended: bool, start: int,
               end: int) -> bool:
    """Return True when an unattributed quote goes on with the quote before it: the previous
    paragraph ran on without a closing mark, or the quote follows within 400 characters with
    no sentence of narrative in between (``"...," Lee said.`` then ``"More."``); never for a
    slogan or title standing alone on its line without a sentence's end ("Fish for the
    future")."""
    if open_ended:
        return True
    text = doc_text(att.doc)
    if start - previous.end >= 400 or is_standalone_title(text, start, end):
        return False
    return not _narrative_between(att, previous.end, start)


def _narrative_between(att: Attributor, after: int, before: int) -> bool:
    """Return True when a sentence of the writer's own lies between two quotes (beyond the
    sentence that attributes the first one), or the second quote opens inside a new sentence
    of the writer's ("According to NBC, Lee does not "want ...": not the first quote's
    speaker going on)."""
    gap = att.doc.char_span(after, before, alignment_mode="contract")
    words = [t for t in gap or () if t.is_alpha and not att.quoted.overlaps(t.idx, t.idx + 1)]
    if not words:
        return False
    attribution = att.sent_of(words[0].i).start
    if _opens_inside_new_sentence(att, after, before, words[-1]):
        return True
    return any(att.sent_of(t.i).start != attribution for t in words)


def _opens_inside_new_sentence(att: Attributor, after: int, before: int, last) -> bool:
    """Return True when the writer's words right before the second quote (``last``) and
    the quote itself are one sentence, not the sentence the first quote ends in."""
    first_end = att.doc.char_span(max(0, after - 1), after, alignment_mode="expand")
    second = att.doc.char_span(before, min(before + 1, len(doc_text(att.doc))),
                               alignment_mode="expand")
    if not first_end or not second:
        return False
    own = att.sent_of(last.i).start
    return att.sent_of(second[0].i).start == own and att.sent_of(first_end[0].i).start != own


def is_standalone_title(text: str, start: int, end: int) -> bool:
    """Return True for quoted words alone on their line that end no sentence (a slogan, a
    headline, a banner: ``"Fish for the future"``)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    outside = (text[line_start:start] + text[end:line_end]).strip(" \t“”\"'")
    return not outside and not text[start:end].rstrip().endswith((".", "?", "!", ",", "…"))


def _fill_open_ended_speakers(found: list[StatementInfo], open_ended: list[bool]) -> None:
    """Give a multi-paragraph quote's unattributed paragraphs the speaker of a later one."""
    for i in range(len(found) - 2, -1, -1):
        s, nxt = found[i], found[i + 1]
        if open_ended[i] and s.speaker_id is None and nxt.speaker_id is not None:
            found[i] = StatementInfo(s.kind, s.start, s.end, nxt.speaker_id, None, nxt.cue,
                                     nxt.cue_lemma, tuple(a for a in s.about_ids
                                                          if a != nxt.speaker_id),
                                     s.stances, s.parts, s.text, nxt.cue_start)
