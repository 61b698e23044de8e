"""Count the stored articles that adding the next part of the scale corpus re-links, by cause,
and how many each store layout or actor-IRI rule would still rewrite (bench/README.md,
"Where the re-linked articles come from").

No store is built: the actor keys of the first ``--size`` articles are decided as a clean
build decides them (:meth:`kg.link.ActorLinker.decide`, the decisions ``kg build`` makes),
then those of the same articles plus the next part; a stored article is rewritten when an
actor IRI it uses changes (its actor keys' targets), or an event id it holds (event ids are
made from the linked agents and places, so articles share a dated event). Near-duplicate
articles and undated reports dated by another article are not modelled.

    python bench/measure_relinks.py --corpus /work/scale/out --size 2000
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from kg.history import extraction_from_json
from kg.link import ActorKey, ActorLinker, actor_key, remap_ids
from kg.model import Extraction


def read_parts(records: Path, count: int) -> list[Extraction]:
    """Return the extractions of the first ``count`` record parts, in order, with what
    linking reads only (actors without mentions, events; no statements or roles)."""
    out = []
    for part in sorted(records.glob("part-*.jsonl"))[:count]:
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                x = extraction_from_json(json.loads(line))
                out.append(replace(x, statements=(), roles=(), entities=tuple(
                    replace(e, mentions=()) for e in x.entities)))
    return out


def decide(extractions: list[Extraction]) -> dict[ActorKey, str]:
    """Return the actor id every key of ``extractions`` links to (its own id when none)."""
    keys = {actor_key(e) for x in extractions for e in x.entities}
    decided = ActorLinker().decide(keys)
    return {k: decided[k][0] if k in decided else k[3] for k in keys}


def key_articles(extractions: list[Extraction]) -> Counter:
    """Return how many articles hold each actor id (before linking)."""
    return Counter(i for x in extractions for i in {e.id for e in x.entities})


#: A rule naming a cluster: (members' ids, articles per id, the id linking gives it) → the
#: id its IRI is made from.
Namer = Callable[[list[str], Counter, str], str]


def by_root(members: list[str], counts: Counter, root: str) -> str:
    """The id of the key decided first (longest name): the rule of kg now."""
    return root


def by_most_articles(members: list[str], counts: Counter, root: str) -> str:
    """The member id most articles use (ties: the root, then the smallest id)."""
    return min(members, key=lambda m: (-counts[m], m != root, m))


def by_hash(members: list[str], counts: Counter, root: str) -> str:
    """The member id of the smallest hash: a function of the membership alone."""
    return min(members, key=lambda m: hashlib.sha1(m.encode()).hexdigest())


def named(targets: dict[ActorKey, str], counts: Counter, namer: Namer) -> dict[ActorKey, str]:
    """Return ``targets`` with each cluster (keys of one target) renamed by ``namer``."""
    clusters: dict[str, list[str]] = {}
    for key, target in targets.items():
        clusters.setdefault(target, []).append(key[3])
    names = {t: namer(sorted(set(m)), counts, t) for t, m in clusters.items()}
    return {k: names[t] for k, t in targets.items()}


def linked_ids(x: Extraction, targets: dict[ActorKey, str]) -> tuple[frozenset, frozenset]:
    """Return the actor ids and the event ids of ``x`` linked through ``targets``."""
    mapping = {e.id: targets[actor_key(e)] for e in x.entities}
    linked = remap_ids(x, {**mapping, **{v: v for v in mapping.values() if v not in mapping}})
    return frozenset(mapping.values()), frozenset(ev.id for ev in linked.events)


def cause(key: ActorKey, old: dict[ActorKey, str], new: dict[ActorKey, str],
          joined: set[str]) -> str:
    """Return why ``key``'s actor changed (current IRI rule) and the key's type (``joined``:
    the actors that were their own and now join another)."""
    before, after = old[key], new[key]
    if after == key[3]:
        why = "left the actor it joined"
    elif before == key[3] or before in joined:
        why = "its actor joined another (a key decided before it came)"
    else:
        why = "moved to another actor"
    return f"{why}: {key[0]}"


def measure(records: Path, size: int, per_part: int = 100) -> dict:
    """Return the keys and stored articles the next part re-links: by cause (articles per
    cause; an article can have several) and, per IRI rule, the articles whose actor IRIs or
    event ids change and the (article, key) links that change."""
    stored = read_parts(records, size // per_part)
    added = read_parts(records, size // per_part + 1)[len(stored):]
    old, new = decide(stored), decide(stored + added)
    counts_old, counts_new = key_articles(stored), key_articles(stored + added)
    out: dict = {"stored": len(stored), "added": len(added), "keys_stored": len(old),
                 "keys_changed": sum(1 for k in old if old[k] != new[k]), "causes": Counter()}
    joined = {k[3] for k in old if old[k] == k[3] and new[k] != k[3]}
    for x in stored:
        keys = map(actor_key, x.entities)
        reasons = {cause(k, old, new, joined) for k in keys if old[k] != new[k]}
        out["causes"].update(reasons)
    schemes = {"root (now)": by_root, "most articles": by_most_articles, "hash": by_hash}
    for label, namer in schemes.items():
        o, n = named(old, counts_old, namer), named(new, counts_new, namer)
        actors = events = either = refs = 0
        for x in stored:
            a_old, e_old = linked_ids(x, o)
            a_new, e_new = linked_ids(x, n)
            actors += a_old != a_new
            events += e_old != e_new
            either += a_old != a_new or e_old != e_new
            refs += sum(1 for k in {actor_key(e) for e in x.entities} if o[k] != n[k])
        out[label] = {"articles_actor_changed": actors, "articles_event_changed": events,
                      "articles_rewritten": either, "article_key_links_changed": refs}
    out["causes"] = dict(out["causes"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("bench/out"))
    parser.add_argument("--size", type=int, default=2000)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.corpus / "records", args.size), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
