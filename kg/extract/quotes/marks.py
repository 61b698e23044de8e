"""Quote marks: pairing opening and closing marks into quote spans (linear in the number of
marks), scare quotes and titles, quotes split by their attribution."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from kg.lexicon.speech import (
    PERSON_PRONOUNS,
    PHRASAL_SPEECH_VERBS,
    SPEECH_VERBS,
    WORK_TITLE_SMALL_WORDS,
)

_OPEN = {"“": "”", '"': '"', "«": "»", "„": "“"}
#: Closing marks also accepted for an opening mark (texts that mix straight and curly marks).
_ALSO_CLOSES = {'"': "”", "“": '"'}
_CLOSE_MARKS = frozenset({"”", '"', "»", "“"})
_MARKS = frozenset(_OPEN) | _CLOSE_MARKS
_MARKS_RE = re.compile("[" + "".join(sorted(_MARKS)) + "]")
_DASHES = "―—–-"


#: Longest attribution between the two parts of a split quote, in words.
_MAX_SPLIT_GAP_WORDS = 12




@dataclass(frozen=True)
class QuoteSpan:
    """Content inside quote marks; ``open_ended`` when the paragraph ends before a closing mark."""

    start: int
    end: int
    open_ended: bool = False


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of the content inside each pair of quote marks.

    A quote whose paragraph ends without a closing mark runs to the paragraph end (and the
    next paragraph's quote continues it).

    >>> quote_spans('He said, “We agreed.” Then: "Fine."')
    [(10, 20), (29, 34)]
    """
    return [(q.start, q.end) for q in _quote_marks(text)]


def _quote_marks(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    pos = 0
    for paragraph in re.split(r"(\n\s*\n|\n(?=\s*[“\"«„]))", text):
        if paragraph.strip() and not paragraph.startswith("\n"):
            spans.extend(QuoteSpan(pos + q.start, pos + q.end, q.open_ended)
                         for q in _paragraph_quotes(paragraph))
        pos += len(paragraph)
    return spans


class _MarkIndex:
    """Positions of each quote mark in a paragraph, for the next mark at or after a position
    in O(log n) (pairing stays linear however many marks a paragraph holds)."""

    def __init__(self, par: str) -> None:
        self.par = par
        self.positions: dict[str, list[int]] = {mark: [] for mark in _MARKS}
        for m in _MARKS_RE.finditer(par):
            self.positions[m.group()].append(m.start())

    def find(self, mark: str, start: int, end: int | None = None) -> int:
        """Return the first index of ``mark`` in ``[start, end)``, or -1 (like ``str.find``)."""
        positions = self.positions[mark]
        k = bisect_left(positions, start)
        if k == len(positions) or (end is not None and positions[k] >= end):
            return -1
        return positions[k]


def _paragraph_quotes(par: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    marks = _MarkIndex(par)
    openings = sorted(i for mark in _OPEN for i in marks.positions[mark])
    k = 0
    while k < len(openings):
        i = openings[k]
        ch = par[i]
        if ch != '"' or i == 0 or not par[i - 1].isalnum():
            j = _closing_mark(marks, ch, i + 1)
            if j == -1:
                end = len(par.rstrip())
                if end - i > 20:
                    spans.append(QuoteSpan(i + 1, end, True))
                break
            spans.append(QuoteSpan(i + 1, j))
            k = bisect_right(openings, j, k)
            continue
        k += 1
    return spans


def _closing_mark(marks: _MarkIndex, opening: str, start: int) -> int:
    """Return the index of the mark closing ``opening`` (a mixed straight/curly pair counts)."""
    j = marks.find(_OPEN[opening], start)
    other = _ALSO_CLOSES.get(opening)
    if other is not None:
        k = marks.find(other, start)
        if k == -1 or (j != -1 and k > j):
            return j
        if opening == '"' and marks.find("“", start, k) == -1:
            return k
        if opening == "“" and marks.find("“", start, k) == -1 and (
                j == -1 or marks.par[k - 1:k] in (",", ".", "?", "!")):
            return k
    return j


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def is_scare_quote(text: str) -> bool:
    """Return True for one- or two-word names or titles in quote marks ("Host Country")."""
    words = _words(text)
    if len(words) > 2:
        return False
    if not words:
        return True
    return all(w[0].isupper() for w in words)


def is_work_title(text: str) -> bool:
    """Return True for a short title-cased name in quote marks ("Fox and Friends").

    >>> is_work_title("The Steve Harvey Morning Show,"), is_work_title("We agreed to go.")
    (True, False)
    """
    words = _words(text)
    if not words or len(words) > 6 or text.rstrip().endswith(("?", "!")):
        return False
    big = [w for w in words if w.lower() not in WORK_TITLE_SMALL_WORDS]
    if not big or not all(w[0].isupper() or w[0].isdigit() for w in big):
        return False
    return not (words[0].lower() in PERSON_PRONOUNS | {"it", "you", "this", "that"}
                and len(words) > 2)


def merge_split_quotes(text: str, spans: list[QuoteSpan]) -> list[tuple[QuoteSpan, ...]]:
    """Group quote spans into statements: a quote split by its attribution is one group.

    ``"First part," she said, "second part."`` → one group of two spans.
    """
    groups: list[list[QuoteSpan]] = []
    for q in spans:
        if groups and _continues_split(text, groups[-1][-1], q):
            groups[-1].append(q)
        else:
            groups.append([q])
    return [tuple(g) for g in groups]


def _continues_split(text: str, first: QuoteSpan, second: QuoteSpan) -> bool:
    if first.open_ended:
        return False
    gap = text[first.end + 1:second.start - 1]
    if "\n" in gap or not text[first.start:first.end].rstrip().endswith((",", "—", "–", "-")):
        return False
    words = _words(gap)
    if not words or len(words) > _MAX_SPLIT_GAP_WORDS or not gap.strip().endswith((",", ":")):
        return False
    pairs = zip(words, words[1:], strict=False)
    return any(_lemma_guess(w) in SPEECH_VERBS for w in words) or any(
        (_lemma_guess(w), nxt.lower()) in PHRASAL_SPEECH_VERBS for w, nxt in pairs)


def _lemma_guess(word: str) -> str:
    """Return a cheap lemma of a verb form (``said`` → ``say``) for attribution gaps."""
    w = word.lower()
    irregular = {"said": "say", "says": "say", "told": "tell", "wrote": "write",
                 "writes": "write", "added": "add", "adds": "add", "asked": "ask"}
    if w in irregular:
        return irregular[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""),
                         ("s", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in SPEECH_VERBS:
            return w[: -len(suffix)] + repl
    return w
