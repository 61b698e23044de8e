"""Attribution of direct quotes: the cue and speaker next to the quote marks, through the
parse, or from the layout around the quote (``― Name``, a name line, the sentence before)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.boilerplate import doc_text
from kg.extract.quotes.cues import inverted_subject, is_cue, leading_subject, subject_of
from kg.extract.quotes.marks import _CLOSE_MARKS, _DASHES, _OPEN, QuoteSpan, _words
from kg.extract.quotes.speakers import (
    _SINGULAR_PRONOUNS,
    SPEAKER_TYPES,
    Attributor,
    _proper_name,
)
from kg.lexicon.speech import QUOTE_FRAMING_VERBS, SPEECH_NOUNS

#: Words opening a clause of time or cause after a quote: what follows is no attribution.
_SUBORDINATORS = frozenset({"when", "before", "after", "while", "because", "since", "until",
                            "if", "though", "although"})




@dataclass
class Found:
    cue: Token | None = None
    subject: Token | None = None
    speaker_id: str | None = None
    description: str | None = None


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _attribution_after(doc: Doc, att: Attributor, end: int) -> Found | None:
    """Return the cue right after a closing mark (``"...," X said`` / ``said X``)."""
    text = doc_text(doc)
    stop = len(text)
    for mark in ("“", '"', "\n"):
        k = text.find(mark, end + 1, end + 200)
        if k != -1:
            stop = min(stop, k)
    window = _tokens_between(doc, end + 1, min(stop, end + 160))
    sent_end = None
    for t in window:
        if t.text in (".", "?", "!", ";") and t.i > window[0].i:
            sent_end = t.i
            break
    sentence = [t for t in window if sent_end is None or t.i < sent_end]
    window = sentence[:14]
    if sentence and sentence[0].lower_ == "as":  # '"...," as Lee, a long title, puts it'
        window += [t for t in sentence[14:] if _puts_it(t)]
    dash = _dash_speaker(doc, att, end)
    if dash is not None:
        return dash
    words = [t for t in window if not t.is_punct and not t.is_space]
    if words and words[0].lower_ in _SUBORDINATORS:
        return None  # '"...," when Kim blasted him': a clause of time, not an attribution
    if words and words[0].pos_ == "CCONJ":
        return None  # '"..." and Berg confirmed "..."': the next clause's cue, not this one's
    if len(words) > 2 and words[0].lower_ == "according" and words[1].lower_ == "to":
        for t in words[2:7]:
            actor = att.actors.get(t.i)
            if actor is not None and actor.label_ in SPEAKER_TYPES and actor._.kg_entity:
                return Found(None, actor[0], actor._.kg_entity)
        return None
    for t in window:
        if not is_cue(t) and not _puts_it(t):
            continue
        subject = subject_of(t)
        inside = {w.i for w in window}
        if subject is not None and (subject.idx < end or subject.i not in inside):
            subject = None
        prev = t.doc[t.i - 1]
        if subject is None and prev.i in inside and prev.pos_ in ("PROPN", "NOUN", "PRON"):
            subject = prev
        lead = leading_subject(window, t)
        if subject is None or (subject.i > t.i and lead is not None
                               and not _is_name_subject(subject, att)):
            subject = lead or subject
        if subject is None or (subject.i > t.i and inverted_subject(t) is not None):
            subject = inverted_subject(t) or subject
        if subject is not None and subject.idx > end:
            return Found(t, subject)
    return None


def _puts_it(token: Token) -> bool:
    """Return True for the verb of ``as Lee put it``."""
    return token.lemma_.lower() == "put" and any(
        c.lower_ == "it" and c.dep_ in ("dobj", "obj") for c in token.children) and any(
        c.lower_ == "as" for c in token.children)


def _is_name_subject(token: Token, att: Attributor) -> bool:
    """Return True when a token is a named actor or a proper noun ("says David Lee")."""
    actor = att.actors.get(token.i)
    return (actor is not None and actor.label_ in SPEAKER_TYPES) or (
        token.pos_ == "PROPN" and token.text[:1].isupper())


def _is_described_person(token: Token, att: Attributor) -> bool:
    """Return True when a token is a description of a person named earlier ("the Indiana
    governor"), or a document or spokesperson speaking for a named actor ("Lee's brief")."""
    return token.pos_ == "NOUN" and (att.by_role(token) or att.by_description(token)
                                     or att.owner_of(token)) is not None


def _dash_speaker(doc: Doc, att: Attributor, end: int) -> Found | None:
    """Return the speaker of ``"..." ― Name`` (a name after a dash)."""
    m = re.match(r"\s*[" + _DASHES + r"]\s*", doc_text(doc)[end + 1:end + 6].replace("\xa0", " "))
    if m is None:
        return None
    tokens = _tokens_between(doc, end + 1 + m.end(), end + 1 + m.end() + 60)
    for t in tokens[:4]:
        actor = att.actors.get(t.i)
        if actor is not None and actor.label_ in SPEAKER_TYPES and actor._.kg_entity:
            return Found(None, t, actor._.kg_entity)
    if tokens and tokens[0].pos_ == "PROPN":
        head = tokens[0]
        while head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "PROPN" and \
                doc[head.i + 1].text[:1].isupper():
            head = doc[head.i + 1]
        name = _proper_name(head)
        if name is not None:
            person = att.names.person_for_name(name)
            if person is not None:
                return Found(None, head, person)
    return None


def _attribution_before(doc: Doc, att: Attributor, start: int) -> Found | None:
    """Return the cue right before an opening mark (``X said, "..."``, ``X: "..."``)."""
    text = doc_text(doc)
    before = text[max(0, start - 300):start - 1]
    stripped = before.rstrip()
    if not stripped.endswith((",", ":")):
        return None
    tokens = _tokens_between(doc, max(0, start - 300), start - 1)
    while tokens and tokens[-1].is_space:
        tokens.pop()
    if not tokens:
        return None
    sent = att.sent_of(tokens[-1].i)
    tokens = [t for t in tokens if t.i >= sent.start]
    according = _according_to_before(doc, att, tokens)
    if according is not None:
        return according
    if "\n" in before[len(before) - (len(before) - len(stripped)):] and stripped.endswith(":"):
        tokens = tokens[-12:]
    for t in reversed(tokens):
        if t.text in ("”", '"') and t.i != tokens[-1].i:
            break
        if is_cue(t):
            subject = subject_of(t)
            if subject is not None and subject.idx < start:
                return _outer_speaker(Found(t, subject), att, (start, start))
    if stripped.endswith(":"):
        labelled = _line_label_speaker(doc, att, max(0, start - 300) + len(stripped) - 1)
        if labelled is not None:
            return labelled
        i = tokens[-1].i - 1 if tokens[-1].text == ":" else tokens[-1].i
        while i >= 0 and doc[i].is_punct:
            i -= 1
        actor = att.actors.get(i)
        if actor is not None and actor._.kg_entity and actor.label_ in SPEAKER_TYPES:
            return Found(None, doc[i], actor._.kg_entity)
        if i >= 0 and doc[i].pos_ == "VERB":
            subject = subject_of(doc[i])
            if subject is not None and subject.i < i:
                return Found(doc[i], subject)
        if i >= 0 and doc[i].pos_ == "PROPN":
            name = _proper_name(doc[i])
            if name is not None:
                person = att.names.person_for_name(name)
                if person is not None:
                    return Found(None, doc[i], person)
        if i >= 0:
            return _introducing_subject(att, doc[i])
    return None


def _introducing_subject(att: Attributor, last: Token) -> Found | None:
    """Return the named subject of a sentence ending in a colon before a quote
    (``Lee made the following comment: "..."``, ``Lee swiped at Kim in tweets: "..."``)."""
    root = att.sent_of(last.i).root
    if root.i > last.i:  # the parse hangs the words before the colon under the quote's verb
        root = next((a for a in last.ancestors if a.i <= last.i and a.pos_ in ("VERB", "AUX")),
                    root)
    if root.pos_ not in ("VERB", "AUX") or root.i > last.i:
        return None
    subject = subject_of(root)
    if subject is None or subject.i > last.i:
        return None
    actor = att.actors.get(subject.i)
    if (actor is not None and actor.label_ in SPEAKER_TYPES) or \
            subject.lower_ in _SINGULAR_PRONOUNS:
        return Found(None, subject)
    return None


def _according_to_before(doc: Doc, att: Attributor, tokens: list[Token]) -> Found | None:
    """Return the source of ``according to X, "..."`` right before a quote."""
    words = [t for t in tokens[-8:] if not t.is_space]
    for k, t in enumerate(words[:-2]):
        if t.lower_ == "according" and words[k + 1].lower_ == "to":
            source = [w for w in words[k + 2:] if not w.is_punct]
            if not source or any(w.pos_ == "VERB" for w in source):
                return None
            return Found(None, source[-1])
    return None


def _line_label_speaker(doc: Doc, att: Attributor, colon: int) -> Found | None:
    """Return the person opening a ``Name, Outlet: "..."`` line (the name before the comma)."""
    line_start = doc_text(doc).rfind("\n", 0, colon) + 1
    label = doc_text(doc)[line_start:colon]
    comma = label.find(",")
    if comma <= 0 or len(_words(label)) > 12 or len(_words(label[:comma])) > 4:
        return None
    tokens = _tokens_between(doc, line_start, line_start + comma)
    for t in tokens:
        actor = att.actors.get(t.i)
        if actor is not None and actor.label_ == "Person" and actor._.kg_entity:
            return Found(None, t, actor._.kg_entity)
    if tokens and tokens[-1].pos_ == "PROPN":
        name = _proper_name(tokens[-1])
        if name is not None and len(name) >= 2:
            person = att.names.person_for_name(name)
            if person is not None:
                return Found(None, tokens[-1], person)
    return None


def _governing_cue(span: Span, att: Attributor) -> Found | None:
    """Return the speech verb a partial quote hangs from (``called the talks "productive"``)."""
    quote = (span.start_char, span.end_char)
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head == t]
    found = [f for f in (_cue_above(root, att, quote) for root in roots[:4]) if f is not None]
    if not found:
        return None
    best = min(found, key=lambda f: (f[0], f[1]))[2]
    return best if best.cue is None else _outer_speaker(best, att, quote)


def _cue_above(root: Token, att: Attributor,
               quote: tuple[int, int]) -> tuple[int, int, Found] | None:
    """Return (steps up the parse, root position, cue and subject) of the nearest speech verb
    or speech noun above one root of a quote: of a quote's several roots, the one closest to
    its cue is the quote's clause (``told a woman who suggested that "..." is ...``)."""
    node = root
    for step in range(8):
        if node.head == node:
            break
        below, node = node, node.head
        if quote[0] <= node.idx < quote[1]:
            continue
        owner = _speech_noun_owner(node, att)
        if owner is not None:
            return step, root.i, Found(None, owner)
        if is_cue(node) or _frames_quote(node) or _characterises(node, below):
            subject = subject_of(node)
            if subject is not None and not quote[0] <= subject.idx < quote[1]:
                return step, root.i, Found(node, subject)
    return None


def _frames_quote(token: Token) -> bool:
    """Return True for a verb that frames a partial quote without being a speech verb
    (``attacked "..."``, ``went on about "..."``)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in QUOTE_FRAMING_VERBS:
        return True
    return lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children)


def _characterises(verb: Token, below: Token) -> bool:
    """Return True when a quote is what a verb calls something (``rated the claims as
    "..."``, ``has gone after Lee as a "..."``): the verb's subject chose those words."""
    return verb.pos_ == "VERB" and below.dep_ == "prep" and below.lower_ == "as" and \
        below.head.i == verb.i and any(
            c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.i < below.i and any(
                g.dep_ == "pobj" and g.pos_ in ("PROPN", "PRON") for g in c.children))
            for c in verb.children)


def _speech_noun_owner(node: Token, att: Attributor) -> Token | None:
    """Return the owner of a speech noun over a partial quote (``Lee's claim that "..."``)."""
    if node.pos_ != "NOUN" or node.lemma_.lower() not in SPEECH_NOUNS:
        return None
    for child in node.children:
        if child.dep_ == "poss":
            actor = att.actors.get(child.i)
            if actor is not None and actor.label_ in SPEAKER_TYPES and actor._.kg_entity:
                return child
    return None


def _outer_speaker(found: Found, att: Attributor, quote: tuple[int, int]) -> Found:
    """Return the outermost named speaker of nested speech (``Lee said Kim called it "..."``
    → Lee: the quote is reported within Lee's words; not across a clause of time only, as in
    ``as Kim went on about "...", Lee said yes``)."""
    node = found.cue
    if _own_coordinated_clause(node):
        return found
    reported = False
    while node is not None and node.head.i != node.i:
        reported = reported or node.dep_ not in ("advcl", "conj")
        node = node.head
        if att.quoted.overlaps(node.idx, node.idx + 1):
            break  # a parse running through the quote's own words
        if not reported or not is_cue(node):
            continue
        subject = subject_of(node)
        between = node.doc[min(node.i, found.cue.i):max(node.i, found.cue.i)]
        if subject is not None and not quote[0] <= subject.idx < quote[1] and \
                (_is_name_subject(subject, att) or _is_described_person(subject, att)) and \
                not any(t.text == ")" for t in between):
            found = Found(node, subject)
    source = _according_to_source(found.cue, att)
    return Found(found.cue, source) if source is not None else found


def _according_to_source(cue: Token | None, att: Attributor) -> Token | None:
    """Return the named source of "according to X" on a cue (``According to Yahoo News, Lee
    said that "..."``): the outermost source of what the cue reports."""
    for prep in (c for c in (cue.children if cue is not None else ())
                 if c.lower_ == "according"):
        for to in (c for c in prep.children if c.lower_ == "to"):
            for pobj in (c for c in to.children if c.dep_ == "pobj"):
                actor = att.actors.get(pobj.i)
                if actor is not None and actor.label_ in SPEAKER_TYPES and actor._.kg_entity:
                    return pobj
    return None


def _own_coordinated_clause(cue: Token | None) -> bool:
    """Return True for a cue opening its own clause of a coordination, with its own subject
    (``X warned there would be "..." and Berg confirmed "..."``): its quote is Berg's, however
    the parse hangs the clause under X's words."""
    return cue is not None and cue.dep_ == "conj" and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)


def _nearest_cue(span: Span, att: Attributor) -> Found | None:
    """Return the nearest speech verb with a subject in the sentences the quote touches."""
    start, end = span.start_char, span.end_char
    first = att.sent_of(span.start)
    last = att.sent_of(span.end - 1)
    lo, hi = first.start, last.end
    nxt = att.sent_of(hi) if hi < len(span.doc) else None
    if nxt is not None and nxt.start == hi and len(nxt) <= 12 and \
            "\n" not in doc_text(span.doc)[end:nxt.start_char] and nxt[0].text not in _OPEN:
        hi = nxt.end
    candidates = [t for t in span.doc[lo:hi] if is_cue(t) and not start <= t.idx < end]
    candidates.sort(key=lambda t: (t.tag_ in ("VBG", "VBN") and t.dep_ != "ROOT",
                                   min(abs(t.idx - start), abs(t.idx - end))))
    for cue in candidates:
        subject = subject_of(cue)
        if subject is not None and not start <= subject.idx < end:
            return Found(cue, subject)
    return None


def _according_to_sentence(span: Span, att: Attributor) -> Found | None:
    """Return the source of a sentence opening "According to X," with a quote later in it
    and no cue of its own ("According to NBC, which cited sources, Lee does not "want to
    ..."")."""
    sent = att.sent_of(span.start)
    words = [t for t in sent if not t.is_space and not t.is_punct]
    if len(words) < 3 or words[0].lower_ != "according" or words[1].lower_ != "to" or \
            words[2].i >= span.start:
        return None
    for t in sent[words[2].i - sent.start:]:
        if t.text == "," or t.i >= span.start:
            break
        actor = att.actors.get(t.i)
        if actor is not None and actor.label_ in SPEAKER_TYPES and actor._.kg_entity:
            return Found(None, actor[0], actor._.kg_entity)
    return None


def _resolve(found: Found, att: Attributor, quote: tuple[int, int]) -> Found:
    if found.speaker_id is None and found.subject is not None:
        found.speaker_id, found.description = att.speaker(found.subject, quote[0], quote)
    return found


def _attribute(doc: Doc, att: Attributor, group: tuple[QuoteSpan, ...],
               span: Span) -> Found:
    """Return cue and speaker of one quote (a group of split parts)."""
    first, last = group[0], group[-1]
    quote = (first.start, last.end)
    if len(group) > 1:
        gap = _tokens_between(doc, first.end + 1, group[1].start - 1)
        for t in gap:
            if is_cue(t):
                subject = subject_of(t) or inverted_subject(t)
                if subject is not None and subject.i in {g.i for g in gap}:
                    return _resolve(Found(t, subject), att, quote)
    tail = doc_text(doc)[last.end:last.end + 3]
    ends_open = doc_text(doc)[last.start:last.end].rstrip().endswith((",", "?", "!", "—", "–"))
    order = [_attribution_before, _attribution_after]
    if ends_open or not tail.startswith(("”", '"')):
        order.reverse()
    if not ends_open and _starts_mid_sentence(doc_text(doc), first.start):
        found = _governing_cue(span, att)
        if found is not None:
            found = _resolve(found, att, quote)
            if found.speaker_id is not None or (found.cue is not None and found.description):
                return found  # the cue governing the quote: its subject, named or not
    described: Found | None = None  # an unnamed speaker, kept unless a named one turns up
    for finder in order:
        pos = first.start if finder is _attribution_before else last.end
        found = finder(doc, att, pos)
        if found is not None:
            found = _resolve(found, att, quote)
            if found.speaker_id is not None:
                return found
            if found.description is not None and described is None:
                described = found
    layout = None if described is not None else _layout_speaker(doc, att, group)
    if layout is not None and layout.speaker_id is not None:
        return layout
    unnamed: Found | None = None
    for finder2 in (_governing_cue, _nearest_cue, _according_to_sentence):
        found = finder2(span, att)
        if found is not None:
            found = _resolve(found, att, quote)
            if found.speaker_id is not None:
                return found
            if described is None and found.description is not None:
                described = found
            unnamed = unnamed or found
    return described or layout or unnamed or Found()


_LINE_END_DASH = re.compile(r"[”\"]\s*[―—–]\s*[A-Z][^\n“”\"]{1,60}$")
#: ``Name Surname, description.`` opening a line (2-4 capitalised words, then a comma).
_NAME_LINE = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3},")


def _line_end_dash(doc: Doc, att: Attributor, end: int) -> Found | None:
    """Return the author of a social-post line ending ``...” ― Name`` (the quote may stop at
    an inner quote mark before the line's end)."""
    text = doc_text(doc)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    m = _LINE_END_DASH.search(text, end, line_end)
    if m is None or text[line_end - 1:line_end] == ":":
        return None
    return _dash_speaker(doc, att, m.start())


def _next_line_author(doc: Doc, att: Attributor, end: int) -> Found | None:
    """Return the person named on the line after a quote (``"..."`` then ``Name, a scholar.``)."""
    text = doc_text(doc)
    gap = text[end:end + 4]
    m = re.match(r"[”\"]?[ \t]*\n[ \t]*", gap + text[end + 4:end + 12])
    if m is None:
        return None
    line_start = end + m.end()
    line_end = text.find("\n", line_start)
    line = text[line_start:len(text) if line_end == -1 else line_end]
    name = _NAME_LINE.match(line)
    if name is None or len(_words(line)) > 25 or not line.rstrip().endswith((".", '."', ".”")):
        return None
    tokens = [t for t in _tokens_between(doc, line_start, line_start + name.end() - 1)]
    actor = next((att.actors[t.i] for t in tokens if t.i in att.actors), None)
    if actor is not None and actor.label_ == "Person" and actor._.kg_entity and \
            not any(is_cue(t) or t.pos_ == "VERB" for t in doc[actor.end:actor.end + 1]):
        return Found(None, doc[actor.start], actor._.kg_entity)
    return None


def _previous_sentence_speaker(doc: Doc, att: Attributor, start: int) -> Found | None:
    """Return who speaks in the sentence right before a quote that opens a new sentence.

    ``"...," Lee said to the group. "Next part."`` and ``Lee, a nurse, chimed in. "..."``:
    the same paragraph, a finished sentence with a speech verb (else its subject, when a
    person does something) and then the quote.
    """
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start - 1].rstrip()
    closed = len(before) > 2 and (before[-2] in _CLOSE_MARKS or (
        before[-1] in _CLOSE_MARKS and before[-2] in ".?!"))  # 'Lee Said It Was "Wrong." "'
    if len(before) < 2 or (before[-1] not in ".?!" and not closed):
        return None
    tokens = [t for t in _tokens_between(doc, line_start, start - 1) if not t.is_space]
    if not tokens:
        return None
    sent = att.sent_of(tokens[-1].i)
    lo = max(sent.start, tokens[0].i)
    quoted = att.quoted
    words = [t for t in doc[lo:sent.end] if not quoted.overlaps(t.idx, t.idx + 1)]
    cues = sorted((t for t in words if is_cue(t)), key=lambda t: t.dep_ != "ROOT")
    for cue in cues:
        subject = subject_of(cue) or inverted_subject(cue)
        if subject is None and cue.i > lo and _is_name_subject(doc[cue.i - 1], att):
            subject = doc[cue.i - 1]
        if subject is not None and subject.i >= lo and not quoted.overlaps(subject.idx,
                                                                          subject.idx + 1):
            return Found(cue, subject)
    root = sent.root
    if closed:
        return None
    subject = subject_of(root) if root.pos_ in ("VERB", "AUX") and root.i >= lo else None
    if subject is not None and subject.i >= lo:
        actor = att.actors.get(subject.i)
        if (actor is not None and actor.label_ == "Person") or \
                subject.lower_ in _SINGULAR_PRONOUNS:
            return Found(None, subject)
    return None


def _layout_speaker(doc: Doc, att: Attributor, group: tuple[QuoteSpan, ...]) -> Found | None:
    """Return the speaker from the lines and sentence around a quote with no attribution
    next to its marks: ``― Name`` ending the line, a ``Name, description.`` line after it,
    the speaker of the sentence just before it, named or (``"..." Lee's niece shouted.
    "..."``) only described."""
    first, last = group[0], group[-1]
    quote = (first.start, last.end)
    for finder in (_line_end_dash, _next_line_author):
        found = finder(doc, att, last.end)
        if found is not None:
            return found
    inner = doc_text(doc).rfind("\n", first.start, last.end)
    if inner != -1:  # the author's line swallowed by the quote: "...\nName, a scholar."
        found = _next_line_author(doc, att, inner)
        if found is not None:
            return found
    found = _line_label_before(doc, att, first.start)
    if found is not None:
        return found
    found = _previous_sentence_speaker(doc, att, first.start)
    if found is not None:
        found = _resolve(found, att, quote)
        if found.speaker_id is not None or found.description is not None:
            return found
    return None


#: A line opening with a speaker's label: one to three capitalised words and a colon (after
#: the quote mark of a transcript quoted whole).
_LINE_LABEL = re.compile(r"[ \t]*[\"“]?([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}):[ \t]")


def _line_label_before(doc: Doc, att: Attributor, start: int) -> Found | None:
    """Return the named person labelling the line a quote stands on (``Lee: As senator,
    "I worked with them"``), as in transcripts and summary headings."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    m = _LINE_LABEL.match(text, line_start, start)
    if m is None:
        return None
    tokens = [t for t in _tokens_between(doc, m.start(1), m.end(1)) if not t.is_punct]
    actor = next((att.actors[t.i] for t in tokens if t.i in att.actors), None)
    if actor is not None and actor.label_ == "Person" and actor._.kg_entity:
        return Found(None, doc[actor.start], actor._.kg_entity)
    name = _proper_name(tokens[-1]) if tokens else None
    person = att.names.person_for_name(name) if name is not None and actor is None else None
    return Found(None, tokens[-1], person) if person is not None else None


def _starts_mid_sentence(text: str, start: int) -> bool:
    """Return True when a quote opens inside a sentence (``called Ohio "..."``)."""
    before = text[max(0, start - 40):start - 1]
    line = before.rsplit("\n", 1)[-1].rstrip()
    return bool(_words(line)) and not line.endswith((".", "?", "!", ":", ",", "”", '"'))
