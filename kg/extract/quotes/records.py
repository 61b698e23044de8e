"""The statement record the quote finders return (character offsets of the content)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatementInfo:
    """A statement found in a document (character offsets of the content).

    ``parts`` holds the quoted pieces of a direct quote split by its attribution (the
    statement runs from the first part's start to the last part's end); ``text`` is the
    content with the pieces joined by a space.
    """

    kind: str
    start: int
    end: int
    speaker_id: str | None
    speaker_description: str | None
    cue: str | None
    cue_lemma: str | None
    about_ids: tuple[str, ...]
    stances: tuple[tuple[str, str], ...]
    parts: tuple[tuple[int, int], ...] = ()
    text: str = ""
    #: Character offset of the cue word ("said", "according"), ``None`` without a cue.
    cue_start: int | None = None
