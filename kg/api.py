"""The Python API for notebooks: build a graph, query it, draw it.

>>> import kg
>>> g = kg.build("data/articles", store=None)       # doctest: +SKIP
>>> g.query("SELECT ?name WHERE { ?a kg:name ?name } LIMIT 3")  # doctest: +SKIP
>>> G = g.to_networkx()                              # doctest: +SKIP
>>> g.show()                                         # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.build import BuildReport, build_store, extract_paths
from kg.link import load_aliases
from kg.model import Extraction
from kg.store import KGStore


class KnowledgeGraph:
    """A kg store opened for exploration: SPARQL to pandas, NetworkX, HTML pages."""

    def __init__(self, store: KGStore, report: BuildReport | None = None) -> None:
        self.store = store
        self.report = report

    @classmethod
    def open(cls, path: str | Path) -> KnowledgeGraph:
        """Open an existing store directory."""
        return cls(KGStore.open(path))

    def add(self, paths: str | Sequence[str], **options: Any) -> BuildReport:
        """Ingest more articles (files, folders) into this graph; see :func:`build`."""
        paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
        aliases = options.pop("aliases", None)
        rules = load_aliases(aliases) if aliases else []
        self.report = build_store([str(p) for p in paths], self.store, aliases=rules, **options)
        return self.report

    def query(self, sparql: str, **bindings: Any):
        """Run SPARQL; SELECT gives a pandas DataFrame (values bound safely by name).

        Columns are plain: IRIs and text as ``str``, numbers as numbers, and a date column
        as ``datetime64`` (a month or year as its first day) with ``<name>_precision`` beside
        it (day, month, year or time). ASK gives a bool, CONSTRUCT an rdflib Graph.

        >>> g.query("SELECT ?q WHERE { ?s kg:speaker/kg:refersTo/kg:name ?n ; kg:quote ?q }",
        ...         n="Marco Rubio")  # doctest: +SKIP
        """
        import pyoxigraph as ox
        from rdflib import Literal

        from kg.frames import query_frame

        init = {k: v if not isinstance(v, str) else Literal(v) for k, v in bindings.items()}
        result = self.store.raw_query(sparql, init_bindings=init or None)
        if isinstance(result, ox.QuerySolutions):
            return query_frame(result)
        return self.store.query(sparql, init_bindings=init or None)

    def stats(self) -> dict[str, Any]:
        """Return counts by type and the most-mentioned actors."""
        return self.store.stats()

    def actors(self):
        """Return the actors as a DataFrame (id, name, type, aliases, mentions, country_code)."""
        import pandas as pd

        return pd.DataFrame(self.store.known_actors())

    def to_networkx(self):
        """Return the graph as a ``networkx.MultiDiGraph`` (actors, events, statements)."""
        from kg.graph import to_networkx

        return to_networkx(self.store)

    def show(self, view: str = "actors", *, focus: str | None = None, depth: int = 2,
             timeline: bool = False, **kw: Any):
        """Render a page inline in Jupyter / VS Code (no files, no CDN): ``view`` is "actors"
        (the actor network), "facts" (statements and events as nodes too), "timeline" or
        "map"; ``kw`` as for :func:`kg.viz.graph_page_html`."""
        from kg.viz import show_in_notebook

        G = self.to_networkx()
        if focus is not None:
            kw.update(focus=focus, depth=depth)
        return show_in_notebook(G, view=view, timeline=timeline, **kw)

    def to_html(self, path: str | Path, **kw: Any) -> Path:
        """Write the interactive graph page to ``path`` (``view=`` as for :meth:`show`)."""
        from kg.viz import render_graph_page

        return render_graph_page(self.to_networkx(), path, **kw)

    def export(self, path: str | Path, format: str = "trig") -> Path:
        """Export the store as RDF (ttl, nt, jsonld, trig, nq) or the graph as GraphML / GEXF
        (graphml, gexf; see :mod:`kg.graphfile`)."""
        if format.lower() in ("graphml", "gexf"):
            from kg.graphfile import write_gexf, write_graphml

            writer = write_graphml if format.lower() == "graphml" else write_gexf
            writer(self.to_networkx(), path)
        else:
            self.store.export(path, format)
        return Path(path)

    def close(self) -> None:
        """Close the underlying store."""
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def build(paths: str | Sequence[str], store: str | Path | None = "kg-store",
          **options: Any) -> KnowledgeGraph:
    """Build (or update) a graph from article files; ``store=None`` keeps it in memory.

    Options: ``published``, ``model``, ``aliases`` (CSV path), ``keep_going``, ``workers``
    (extraction processes), ``scheduler`` (a Dask scheduler address).
    """
    graph = KnowledgeGraph(KGStore.open(store))
    graph.add(paths, **options)
    return graph


def extract(paths: str | Sequence[str], **options: Any) -> list[Extraction]:
    """Return the extractions of article files without a store (see ``kg extract``)."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return list(extract_paths([str(p) for p in paths], **options))


def extract_text(text: str, *, title: str = "", published: str | None = None,
                 model: str | None = None) -> Extraction:
    """Return the extraction of one article given as a string."""
    from kg.model import Article
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_articles

    article = Article(Article.make_id("<text>", text), title or text.strip().split("\n")[0][:80],
                      text, published, "<text>")
    return next(extract_articles([article], nlp=load_pipeline(model)))
