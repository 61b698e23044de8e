"""Endpoint fuzz run (by hand): random SPARQL from a small grammar, plus hostile fragments,
against ``kg serve``; every request must get an HTTP answer, the server must stay up and a
loopback listener named in SERVICE / LOAD clauses must never be contacted.

The grammar mixes valid pieces (triple patterns, FILTER, OPTIONAL, UNION, VALUES, GROUP BY,
sub-queries, property paths) with damage (dropped or doubled tokens, random Unicode, deep
brackets, SERVICE and LOAD glued in every way the parser accepts, \\u escapes).

    .venv/bin/python bench/fuzz_serve.py                    # 2000 requests, seed 1
    .venv/bin/python bench/fuzz_serve.py --requests 500 --seed 7

Prints counts by status, connection errors and contacts of the listener (target: 0 and 0).
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import sys
from collections import Counter
from urllib.parse import urlencode, urlsplit

from kg.serve import EndpointConfig, make_server
from kg.store import KGStore

PREDICATES = ["kg:name", "kg:quote", "kg:speaker", "a", "kg:hasActor", "kg:date",
              "<https://schema.org/headline>", "kg:mentionCount", "kg:name/kg:name", "^kg:speaker",
              "kg:refersTo", "kg:speaker/kg:refersTo"]
VARIABLES = ["?s", "?p", "?o", "?a", "?b", "?n", "$x"]
LITERALS = ['"Marco Rubio"', "1", "-2.5", '"x"@en', '"2025-11-01"^^xsd:date', "true",
            '"\\u0041"', "'''long\nstring'''"]


def _term(rng: random.Random) -> str:
    return rng.choice(VARIABLES + LITERALS + ["kg:Person", "<urn:x>", "_:b"])


def _pattern(rng: random.Random, depth: int) -> str:
    choice = rng.randrange(9 if depth < 4 else 3)
    if choice < 3:
        return f"{rng.choice(VARIABLES)} {rng.choice(PREDICATES)} {_term(rng)} ."
    if choice == 3:
        return f"OPTIONAL {{ {_group(rng, depth + 1)} }}"
    if choice == 4:
        return f"{{ {_group(rng, depth + 1)} }} UNION {{ {_group(rng, depth + 1)} }}"
    if choice == 5:
        op = rng.choice(["=", "!=", "<", ">", "&&", "||"])
        return f"FILTER({_term(rng)} {op} {_term(rng)})"
    if choice == 6:
        return f"VALUES {rng.choice(VARIABLES)} {{ {_term(rng)} {_term(rng)} }}"
    if choice == 7:
        return f"{{ SELECT {rng.choice(VARIABLES)} WHERE {{ {_group(rng, depth + 1)} }} LIMIT 5 }}"
    return f"BIND(STRLEN(STR({_term(rng)})) AS ?len{depth})"


def _group(rng: random.Random, depth: int) -> str:
    return " ".join(_pattern(rng, depth) for _ in range(rng.randint(1, 3)))


def _hostile(rng: random.Random, port: int) -> str:
    target = f"<http://127.0.0.1:{port}/sparql>"
    glue = rng.choice([" ", ".", "}", "\n# c\n", " SILENT "])
    word = rng.choice(["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "\\U00000053ERVICE"])
    if rng.random() < 0.2:
        return f"LOAD {target}"
    return f"SELECT * WHERE {{ ?a ?b ?c {glue}{word}{glue if glue != '.' else ' '}{target}" \
           " { ?s ?p ?o } }"


def _char(rng: random.Random) -> str:
    """Return a random character (any plane but surrogates, which cannot be sent)."""
    code = rng.randrange(1, 0x2FFFF)
    return chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _damage(rng: random.Random, query: str) -> str:
    tokens = query.split(" ")
    action = rng.randrange(6)
    if action == 0 and len(tokens) > 2:
        del tokens[rng.randrange(len(tokens))]
    elif action == 1:
        i = rng.randrange(len(tokens))
        tokens.insert(i, tokens[i])
    elif action == 2:
        tokens.insert(rng.randrange(len(tokens)), "".join(
            _char(rng) for _ in range(rng.randint(1, 8))))
    elif action == 3:
        n = rng.choice([50, 200, 5000])
        tokens.insert(rng.randrange(len(tokens)), rng.choice("{([") * n)
    return " ".join(tokens)


def random_query(rng: random.Random, port: int) -> str:
    """Return one random, possibly malformed or hostile, SPARQL request text."""
    if rng.random() < 0.15:
        return _hostile(rng, port)
    form = rng.choice(["SELECT *", "SELECT DISTINCT ?s", "ASK", "CONSTRUCT { ?s ?p ?o }",
                       "SELECT (COUNT(*) AS ?n)", "DESCRIBE ?s"])
    query = f"{form} WHERE {{ {_group(rng, 0)} }}"
    if form.startswith("SELECT") and rng.random() < 0.5:
        query += f" ORDER BY {rng.choice(VARIABLES)} LIMIT {rng.randint(0, 50)}"
    return _damage(rng, query) if rng.random() < 0.5 else query


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sys.path.insert(0, "tests")
    from records import sample_store

    rng = random.Random(args.seed)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    store: KGStore = sample_store()
    server = make_server(store, "127.0.0.1", 0, EndpointConfig(timeout=5, max_rows=1000),
                         quiet=True)
    server.start()
    statuses: Counter = Counter()
    errors: Counter = Counter()
    parts = urlsplit(server.url)
    try:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        for _ in range(args.requests):
            query = random_query(rng, port)
            key = "update" if query.startswith("LOAD") else "query"
            try:
                conn.request("POST", "/sparql", urlencode({key: query}),
                             {"Content-Type": "application/x-www-form-urlencoded"})
                response = conn.getresponse()
                response.read()
                statuses[response.status] += 1
            except (OSError, http.client.HTTPException) as exc:
                errors[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        conn.close()
    finally:
        server.stop()
        store.close()
    contacts = 0
    while True:
        try:
            listener.accept()[0].close()
            contacts += 1
        except BlockingIOError:
            break
    listener.close()
    print(f"{args.requests} requests (seed {args.seed}): statuses {dict(sorted(statuses.items()))};"
          f" connection errors {sum(errors.values())} {dict(errors)};"
          f" listener contacts {contacts}")
    return 0 if not errors and not contacts and not statuses.get(500, 0) else 1


if __name__ == "__main__":
    sys.exit(main())
