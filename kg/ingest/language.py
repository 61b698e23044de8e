"""Which articles are English: kg's models read English only.

The language a page declares wins; otherwise py3langid (a small model shipped inside the
package, nothing downloaded) judges text long enough to judge. Short texts and unsure
guesses count as English, so a terse English article is never dropped.
"""

from __future__ import annotations

from dataclasses import replace

from kg.ingest.base import Skipped
from kg.model import Article

#: Texts shorter than this (characters) are not judged.
MIN_CHARS = 200
#: Smallest probability py3langid must give a language other than English to skip a text.
MIN_CONFIDENCE = 0.95
_SAMPLE_CHARS = 5000
NOT_ENGLISH = "not English"

_identifier = None


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of ``text``'s language, or ``None`` if too short or unsure."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    lang, prob = _model().classify(sample)
    return lang if prob >= MIN_CONFIDENCE else None


def _model():
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def with_language(article: Article) -> Article:
    """Return ``article`` with its language: declared, else detected (``None`` if unsure)."""
    if article.language:
        return article
    return replace(article, language=detect_language(article.text))


def language_notice(article: Article) -> Skipped | None:
    """Return why ``article`` is skipped (not English), or ``None`` to keep it."""
    if article.language and article.language != "en":
        return Skipped(article.source, NOT_ENGLISH, f"language {article.language}")
    return None
