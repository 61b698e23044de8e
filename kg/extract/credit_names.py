"""News outlets and agencies named by a credit, a byline or a sign-off, whatever NER reads
there: "Photo: Mara Quist/Photosport", "By Ines Okafor | Velmor Times", "With files from
The Harbour Press", "- The Lakeside Herald" on the article's last line.

These lines are furniture, so names the model finds there are mostly skipped, and the model
often finds none in a line of names alone. The line's shape says what the name is: the
side of a credit's slash after the photographer, the name after a byline's bar, the
agency a story was written "with", the outlet signing off. A name that starts with a given
name is a person's ("With a report from Ines Okafor"), left to the model; a byline's bar
before a job ("| Business Reporter") or a desk names no outlet.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.ablation import rule
from kg.extract.boilerplate import doc_text, in_ranges, iter_lines
from kg.extract.countries import lookup_country
from kg.extract.knowledge import is_given_name

#: One capitalised word of an outlet's name ("Photosport", "RNZ", "News24", "Daft.ie").
_WORD = r"[A-Z][\w&'’.-]*"
#: An outlet's name: one to four such words, maybe after "The".
_NAME = rf"(?:(?:The|THE) )?{_WORD}(?: {_WORD}){{0,3}}"
_NAME_RE = re.compile(_NAME)

#: A story's sign-off with its outlet or agency ("- The Herald", "— THE HARBOUR PRESS").
_SIGN_OFF_RE = re.compile(rf"^\s*[-–—]\s*(?P<name>{_NAME})\s*$")
#: An agency the story was written with ("With AAP", "With files from The Harbour Press").
_WITH_RE = re.compile(
    rf"^\s*(?:[-–—]\s*)?With (?:(?:additional )?(?:files|input|reporting|a report) from )?"
    rf"(?P<names>{_NAME}(?:(?:, | and ){_NAME})*)\.?\s*$")
#: A credit or source line's label ("Photo:", "Photos by", "Picture:", "Source:").
_CREDIT_RE = re.compile(
    r"^\s*(?:(?:photos?|pictures?|images?)(?: by| credit)?\s*:?|source\s*:|credit\s*:)",
    re.IGNORECASE)
#: An outlet after a credit's slash ("Mara Quist/Photosport", "(Ines Okafor / Velmor Times)").
_SLASH_RE = re.compile(rf"(?<=[\w.])\s?/\s?(?P<name>{_NAME})(?=\)|,|\.?\s*$)")
#: A credit's or source's single outlet ("Picture: PA", "Source: Velmor TV |", "Photos: Wam,").
_LABELLED_RE = re.compile(
    rf"(?:^\s*(?i:photos?|pictures?|images?|source|credit)\s*:|\bCredit:)\s*(?P<name>{_NAME})"
    r"(?=\s*(?:$|\||,|\.$))")
#: Words of a job or a desk after a byline's bar: no outlet's name.
_JOB_WORDS = frozenset(
    """reporter editor correspondent bureau desk writer critic columnist producer
    photographer contributor staff team""".split())
#: Lines that link to other stories: their bars divide headlines.
_LINK_RE = re.compile(r"^\s*(?:related|read more|see also|also read|more from)\b", re.IGNORECASE)

#: How many lines at the article's end may sign it off.
_SIGN_OFF_LINES = 2


def _outlet(name: str) -> bool:
    """Return whether a name in a credit's place is an outlet's: not a person's (two words
    or more, a given name first, no "The") nor a job's."""
    words = name.split()
    person = len(words) > 1 and words[0] not in ("The", "THE") and is_given_name(
        words[0].title())
    return not person and not any(w.lower() in _JOB_WORDS for w in words)


def _bar_outlets(line: str) -> list[re.Match]:
    """Return the outlet after a byline's last bar ("By Ines Okafor | Velmor Times",
    "Ines Okafor, Energy Reporter | VELMOR PRESS"): the line before the bar is a byline,
    opening with "By", a given name or holding a job; other bars divide links or cells."""
    if _LINK_RE.match(line) or " | " not in line:
        return []
    head = line.split(" | ", 1)[0].split()
    if not head or not (head[0] == "By" or is_given_name(head[0]) or any(
            w.strip(",").lower() in _JOB_WORDS for w in head)):
        return []
    start = line.rindex(" | ") + 3
    match = re.compile(rf"\s*(?P<name>{_NAME})\s*$").fullmatch(line, start)
    return [match] if match else []


def _credit_matches(line: str, last: bool) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of the outlets one line names by its shape; ``last``
    says whether it is among the article's last lines (where a sign-off is)."""
    found: list[tuple[int, int]] = []
    sign_off = _SIGN_OFF_RE.match(line) if last else None
    if sign_off:
        found.append(sign_off.span("name"))
    with_ = _WITH_RE.match(line)
    if with_:
        base = with_.start("names")
        found += [(base + m.start(), base + m.end()) for m in _NAME_RE.finditer(with_["names"])]
    if _CREDIT_RE.match(line) or "Credit:" in line:
        found += [m.span("name") for m in _SLASH_RE.finditer(line)]
        found += [m.span("name") for m in _LABELLED_RE.finditer(line)]
    found += [m.span("name") for m in _bar_outlets(line)]
    return [(s, e) for s, e in found if _outlet(line[s:e])]


@rule("credit_outlets", off=[])
def credit_outlets(doc: Doc, covered: set[int]) -> list[Span]:
    """Return the outlets and agencies a credit, byline or sign-off names by its shape (see
    the module docstring), where no other mention lies."""
    text = doc_text(doc)
    lines = [(s, e, line) for s, e, line in iter_lines(text) if line.strip()]
    out = []
    for n, (start, _, line) in enumerate(lines):
        if len(line) > 120:
            continue
        for s, e in _credit_matches(line, n >= len(lines) - _SIGN_OFF_LINES):
            span = doc.char_span(start + s, start + e, label="Organization",
                                 alignment_mode="contract")
            if span is not None and len(span) and not any(
                    i in covered for i in range(span.start, span.end)):
                out.append(span)
                covered.update(range(span.start, span.end))
    return out


@rule("credit_country_outlet")
def country_named_outlet(span: Span, named_furniture: list[tuple[int, int]]) -> bool:
    """Return True for a "person" in a credit line (``named_furniture``) whose words hold a
    country's name and whose first word is no given name ("Photo: Ula Ravu. Fetu Samoa /
    Ines Okafor"): a credit names persons only with a person's evidence, and a country is
    no credited person's surname but the land an outlet is named after."""
    words = [t for t in span if t.is_alpha]
    return len(words) >= 2 and in_ranges(span.start_char, span.end_char, named_furniture) \
        and not is_given_name(words[0].text) \
        and any(lookup_country(t.text) is not None for t in words)
