"""SPARQL over a kg store: the errors of the store and :class:`StoreQueries`, the query
methods :class:`kg.store.KGStore` has (union default graph, kg's prefixes, bound values as RDF
terms, never formatted into the query)."""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.rdf import PREFIXES
from kg.sparql_guard import QueryRefused, check_query, describe_syntax_error
from kg.store.terms import from_ox_term, to_ox, to_python

_AGGREGATE = re.compile(r"\bGROUP\s+BY\b|(?<![?$:\w])(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)"
                        r"\s*\(", re.IGNORECASE)


class StoreError(Exception):
    """The store cannot be opened or used (message is one line, fit for the CLI)."""


class QueryError(StoreError):
    """A SPARQL query is malformed or failed."""


def streaming_failed(exc: Exception) -> QueryError:
    """Return the error for a query that failed while its results streamed, its message on
    one line and short (the store's own message can span pages)."""
    return QueryError(f"query failed: {' '.join(str(exc).split())[:300]}")


class StoreQueries:
    """SPARQL methods of a store holding an Oxigraph store ``ox`` and the hosts
    ``allow_service`` that ``SERVICE`` may reach."""

    ox: ox.Store
    allow_service: tuple[str, ...]

    def _run(self, sparql: str, init_bindings: dict[str, Any] | None) -> Any:
        """Run SPARQL on pyoxigraph with union default graph, prefixes and substitutions."""
        try:
            check_query(sparql, self.allow_service)
        except QueryRefused as exc:
            raise QueryError(str(exc)) from exc
        substitutions = {
            ox.Variable(str(k).lstrip("?$")): to_ox(v) for k, v in (init_bindings or {}).items()
        }
        try:
            return self.ox.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
            )
        except SyntaxError as exc:
            raise QueryError(describe_syntax_error(sparql, exc)) from exc
        except (RuntimeError, OSError) as exc:
            if not substitutions or "projection" not in str(exc):
                raise QueryError(" ".join(str(exc).split())) from exc
        # Oxigraph substitutes only projected variables; bind the others with a trailing
        # VALUES clause of serialised RDF terms (the terms escape themselves).
        # After GROUP BY a trailing VALUES joins the groups, so it could not restrict what is
        # counted: refuse instead of answering as if the value were not given.
        if _AGGREGATE.search(sparql):
            names = ", ".join(f"?{v.value}" for v in substitutions)
            raise QueryError(f"cannot bind {names} in a query with aggregates unless it is"
                             " selected; put the value in the query or select the variable")
        variables = " ".join(str(v) for v in substitutions)
        row = " ".join(str(t) for t in substitutions.values())
        try:
            return self.ox.query(
                f"{sparql}\nVALUES ({variables}) {{ ({row}) }}",
                prefixes=PREFIXES,
                use_default_graph_as_union=True,
            )
        except SyntaxError as exc:
            raise QueryError(describe_syntax_error(sparql, exc)) from exc

    def raw_query(self, sparql: str, init_bindings: dict[str, Any] | None = None) -> Any:
        """Run SPARQL like :meth:`query` and return pyoxigraph's result as it is
        (``QuerySolutions`` of RDF terms, ``QueryBoolean`` or ``QueryTriples``), for writers
        of the W3C result formats and for typed data frames."""
        return self._run(sparql, init_bindings)

    def query(
        self, sparql: str, init_bindings: dict[str, Any] | None = None
    ) -> list[dict[str, Any]] | bool | Graph:
        """Run SPARQL over the union of all graphs (``GRAPH ?g`` reaches each named graph).

        Prefixes of :data:`kg.rdf.PREFIXES` (kg:, kgid:, schema:, ...) need no declaration.
        Bound variables need not be projected (unprojected ones are bound by a VALUES clause).

        Returns rows (dicts of Python values; IRIs as :class:`URIRef`) for SELECT, a bool for ASK
        and an rdflib :class:`Graph` for CONSTRUCT / DESCRIBE. ``init_bindings`` maps variable
        names to values (``URIRef`` for IRIs; ``str``/``int``/``date``/``Literal`` for literals);
        they are substituted as RDF terms, never formatted into the query.
        """
        result = self._run(sparql, init_bindings)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        try:
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                return [{n: to_python(sol[n]) for n in names} for sol in result]
            graph = Graph()
            for prefix, ns in PREFIXES.items():
                graph.bind(prefix, ns)
            for t in result:
                graph.add((from_ox_term(t.subject), from_ox_term(t.predicate),
                           from_ox_term(t.object)))
            return graph
        except (OSError, RuntimeError, ValueError) as exc:  # raised while results stream
            raise streaming_failed(exc) from exc

    def query_dataframe(self, sparql: str, init_bindings: dict[str, Any] | None = None):
        """Run a SELECT query and return a typed :class:`pandas.DataFrame` (plain ``str``
        IRIs, dates as ``datetime64`` with a ``<name>_precision`` column; see
        :mod:`kg.frames`)."""
        from kg.frames import query_frame

        result = self._run(sparql, init_bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("query_dataframe needs a SELECT query")
        try:
            return query_frame(result)
        except (OSError, RuntimeError, ValueError) as exc:  # raised while results stream
            raise streaming_failed(exc) from exc
