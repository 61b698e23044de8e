"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the store, with a query page and graph pages.

Routes: ``/sparql`` (query: GET ``query=``, POST form ``query=``, POST
``application/sparql-query``; update: POST form ``update=`` or ``application/sparql-update``;
GET without a query: the SPARQL 1.1 Service Description in Turtle), ``/`` (query page),
``/graph``, ``/timeline`` and ``/facts`` (the interactive pages of :mod:`kg.viz`).

The default graph is the union of all graphs unless the request names ``default-graph-uri`` /
``named-graph-uri``. Queries run in worker processes (:mod:`kg.serve.workers`) that are killed
at the time limit; ``SERVICE`` and ``LOAD`` are refused (:mod:`kg.sparql_guard`).
"""

from kg.push import push_command
from kg.serve.app import KGServer, make_server, query_page_html
from kg.serve.command import serve_command
from kg.serve.endpoint import EndpointConfig, Reply, run_query, run_update

__all__ = [
    "EndpointConfig",
    "KGServer",
    "Reply",
    "make_server",
    "push_command",
    "query_page_html",
    "run_query",
    "run_update",
    "serve_command",
]
