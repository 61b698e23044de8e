"""The same article reached twice (two URLs, a syndicated copy, a file read twice under
two names): the first one read is kept, later copies are skipped with a notice naming it."""

from __future__ import annotations

import hashlib

from kg.ingest.base import Skipped
from kg.model import Article

DUPLICATE = "duplicate"


def text_key(text: str) -> str:
    """Return the digest of ``text`` with case and spacing normalised.

    >>> text_key("Talks  resume.\\n\\nCosta said so.") == text_key("talks resume. costa said so.")
    True
    """
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()[:32]


class SeenTexts:
    """Texts read so far in one run (a digest each, so memory stays small)."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}

    def notice(self, article: Article) -> Skipped | None:
        """Return why ``article`` is skipped (same text as one read before), or ``None``."""
        key = text_key(article.text)
        if key in self.first:
            return Skipped(article.source, DUPLICATE, f"same text as {self.first[key]}")
        self.first[key] = article.url or article.source
        return None
