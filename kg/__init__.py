"""kg: turn English news articles into a knowledge graph of actors, events and statements.

>>> import kg
>>> graph = kg.build("data/articles", store=None)  # doctest: +SKIP
>>> graph.query("SELECT ?n WHERE { ?a a kg:Person ; kg:name ?n }")  # doctest: +SKIP
"""

from __future__ import annotations

import sys
import types

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
    """Import the API lazily so ``import kg`` stays fast (spaCy loads on first use); read
    ``__version__`` from the package metadata on first use too (``kg extract`` never needs
    it)."""
    if name in _API:
        from kg import api

        return getattr(api, name)
    if name == "__version__":
        global __version__
        __version__ = _installed_version()
        return __version__
    raise AttributeError(name)


def _installed_version() -> str:
    """Return kg's version from the installed package's metadata ("0.0.0" from a source
    tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kg")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


sys.modules[__name__].__class__ = _Package

__all__ = ["KnowledgeGraph", "build", "extract", "extract_text", "__version__"]
