"""Where kg's ontology files are (``kg.ttl``, ``shapes.ttl``) and the example SPARQL queries
kept beside them, read with their titles for the query page (:mod:`kg.serve.app`)."""

from __future__ import annotations

import re
from pathlib import Path


def ontology_dir() -> Path:
    """Return the directory holding ``kg.ttl``, ``shapes.ttl`` and ``queries/``.

    Looks for a copy packaged inside ``kg/ontology`` first, then the repository's ``ontology/``.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise FileNotFoundError("kg ontology not found (looked in kg/ontology and ontology/)")


def example_queries(directory: Path | None = None) -> list[dict[str, str]]:
    """Return the example SPARQL queries (name, title, description, sparql), sorted by name."""
    directory = directory or ontology_dir() / "queries"
    out = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = dict(
            re.findall(r"^#\s*(title|description):\s*(.+?)\s*$", text, flags=re.MULTILINE)
        )
        out.append(
            {
                "name": path.stem,
                "title": header.get("title", path.stem),
                "description": header.get("description", ""),
                "sparql": text,
            }
        )
    return out
