"""kg: turn English news articles into a knowledge graph of actors, events and statements.

>>> import kg
>>> graph = kg.build("data/articles", store=None)  # doctest: +SKIP
>>> graph.query("SELECT ?n WHERE { ?a a kg:Person ; kg:name ?n }")  # doctest: +SKIP
"""

from __future__ import annotations

import sys
import types
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

_API = ("build", "extract", "extract_text", "KnowledgeGraph")
#: API functions that share their name with a submodule (kg/build.py, kg/extract/).
_SHADOWED = frozenset({"build", "extract"})


class _Package(types.ModuleType):
    """The ``kg`` package: ``kg.build`` and ``kg.extract`` are always the API functions.

    Importing a submodule sets the package attribute of its name (``kg.build`` would become
    the module ``kg/build.py`` once anything imports it); reading those two names here always
    answers the function, so the API can be called any number of times. The submodules stay
    importable (``from kg.build import build_store``).
    """

    def __getattribute__(self, name: str):
        if name in _SHADOWED:
            from kg import api

            return getattr(api, name)
        return super().__getattribute__(name)


def __getattr__(name: str):
    """Import the API lazily so ``import kg`` stays fast (spaCy loads on first use)."""
    if name in _API:
        from kg import api

        return getattr(api, name)
    raise AttributeError(name)


sys.modules[__name__].__class__ = _Package

__all__ = ["KnowledgeGraph", "build", "extract", "extract_text", "__version__"]
