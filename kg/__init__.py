"""kg: turn English news articles into a knowledge graph of actors, events and statements.

>>> import kg
>>> graph = kg.build("data/articles", store=None)  # doctest: +SKIP
>>> graph.query("SELECT ?n WHERE { ?a a kg:Person ; kg:name ?n }")  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"


def __getattr__(name: str):
    """Import the API lazily so ``import kg`` stays fast (spaCy loads on first use)."""
    if name in ("build", "extract", "extract_text", "KnowledgeGraph"):
        from kg import api

        return getattr(api, name)
    raise AttributeError(name)


__all__ = ["KnowledgeGraph", "build", "extract", "extract_text", "__version__"]
