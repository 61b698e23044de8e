"""Scale benchmarks of `kg build` (linking, store writes, history, memory) and of the example
queries, on the scale corpus of ``bench/scale_corpus.py`` (see bench/README.md, "Scale").

Builds *replay* the corpus's extraction records instead of running spaCy: ``kg build``
runs as usual (reading the article files, near-duplicate checks, history, linking, store
writes) except that the extraction step hands back each article's stored record. So the
figures are the cost of everything after extraction, the part this benchmark is about
(extraction cost per article does not depend on the corpus size). Each build runs in its own
process, which reports its time and peak RSS.

    python bench/bench_scale.py --corpus bench/out --work /tmp/kg-scale
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Replay:
    """Stands in for the extraction step: yields each article's stored record."""

    def __init__(self, records: Path) -> None:
        self.records = records
        self.part: str | None = None
        self.by_id: dict[str, dict] = {}

    def extract(self, articles: Iterable, nlp=None, **_) -> Iterator:
        from kg.history import extraction_from_json
        from kg.ingest.duplicates import text_key

        for article in articles:
            part = Path(article.source).name
            if part != self.part:
                lines = (self.records / part).read_text(encoding="utf-8").splitlines()
                self.by_id = {text_key(r["article"]["text"]): r for r in map(json.loads, lines)}
                self.part = part
            record = extraction_from_json(self.by_id[text_key(article.text)])
            yield _with_article(record, article)


def _with_article(record, article):
    """Return ``record`` as extracted from ``article``: statement, role and event ids made
    from its own article id, as the pipeline makes them (remapping every entity to itself
    recomputes role and event ids)."""
    from kg.link import remap_ids
    from kg.model import digest

    record = replace(record, article=article, statements=tuple(
        replace(s, id=digest(article.id, "statement", s.mention.start, s.mention.end))
        for s in record.statements))
    return remap_ids(record, {e.id: e.id for e in record.entities}, {})


def build(store: Path, parts: list[Path], records: Path, bulk: bool = True) -> dict:
    """Build ``store`` from article ``parts`` replaying records; return time and counts
    (``bulk``: into an empty store with Oxigraph's bulk loader, as ``kg build`` does)."""
    import kg.nlp
    from kg.build import build_store
    from kg.store import KGStore

    kg.nlp.load_pipeline = lambda model=None: None
    sys.modules["kg.build"].extract_in_order = Replay(records).extract  # kg.build is the API
    start, cpu = time.perf_counter(), time.process_time()
    with KGStore.open(store) as kg_store:
        report = build_store([str(p) for p in parts], kg_store, batch_size=64, bulk=bulk)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        quads = kg_store.triple_count()  # reads every quad: not part of the build's cost
    return {"seconds": seconds, "cpu": cpu, "added": report.added, "skipped": report.skipped,
            "quads": quads, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            / 1024}


def queries(store: Path) -> list[dict]:
    """Time every example query on ``store`` (a cold run, then the best of 3 warm runs; wall
    time, and CPU time, which a loaded machine inflates less)."""
    from kg.ontology_files import example_queries
    from kg.store import KGStore

    out = []
    with KGStore.open_read(store) as kg_store:
        for q in example_queries():
            times, cpu, rows = [], [], 0
            for _ in range(4):
                start, cpu_start = time.perf_counter(), time.process_time()
                rows = len(kg_store.query(q["sparql"]))
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - cpu_start)
            out.append({"name": q["name"], "rows": rows, "cold": times[0],
                        "warm": min(times[1:]), "cpu_cold": cpu[0], "cpu_warm": min(cpu[1:])})
    return out


def store_digest(store: Path) -> dict:
    """Return the quads of ``store`` as a digest of its sorted N-Quads lines (ingest times
    left out), to compare two builds of the same articles."""
    import hashlib

    from kg.store import KGStore

    out = store.with_name(store.name + ".nq")
    with KGStore.open_read(store) as kg_store:
        kg_store.export(out, format="nq")
    lines = sorted(line for line in out.read_text(encoding="utf-8").splitlines()
                   if line.strip() and "generatedAtTime" not in line)
    out.unlink()
    return {"quads": len(lines),
            "sha256": hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()}


def _child(*args: str) -> subprocess.Popen:
    """Start this script in a child process (its figures: :func:`_result`)."""
    return subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _result(child: subprocess.Popen) -> dict:
    """Wait for a child of :func:`_child`; return the JSON it prints."""
    out, err = child.communicate()
    if child.returncode != 0:
        raise SystemExit(err[-3000:])
    return json.loads(out.strip().splitlines()[-1])


def _fresh(path: Path) -> Path:
    for p in (path, *(path.with_name(path.name + end) for end in (
            ".build", ".merges.jsonl", ".bulk", ".replaced"))):
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
    return path


def _build_child(store: Path, parts: list[Path], records: Path,
                 bulk: bool = True) -> subprocess.Popen:
    return _child("_build" if bulk else "_build-no-bulk", str(store), str(records),
                  *map(str, parts))


def run_bulk(corpus: Path, work: Path, size: int) -> dict:
    """Build the first ``size`` articles into an empty store with the bulk loader and
    without (``--no-bulk``), side by side; return both builds' figures and the digests of
    the two stores (equal when the bulk path writes what the batches write)."""
    parts = sorted((corpus / "articles").glob("part-*.jsonl"))
    per_part = sum(1 for _ in parts[0].open(encoding="utf-8"))
    chosen, records = parts[:max(1, size // per_part)], corpus / "records"
    work.mkdir(parents=True, exist_ok=True)
    stores = {"bulk": _fresh(work / "bulk"), "batches": _fresh(work / "batches")}
    children = {k: _build_child(v, chosen, records, bulk=k == "bulk") for k, v in stores.items()}
    result = {k: _result(c) for k, c in children.items()}
    for k, store in stores.items():
        result[k]["store"] = _result(_child("_digest", str(store)))
    return result


def report_bulk(result: dict) -> str:
    """Return the figures of :func:`run_bulk` as Markdown."""
    b, n = result["bulk"], result["batches"]
    same = "equal" if b["store"] == n["store"] else "**different**"
    return "\n".join([
        "| measure | batches (--no-bulk) | bulk loader | ratio |", "|---|---:|---:|---:|",
        f"| articles built | {n['added']:,} | {b['added']:,} | |",
        f"| quads in the store | {n['quads']:,} | {b['quads']:,} | {same} N-Quads |",
        f"| build CPU time | {n['cpu']:.1f} s | {b['cpu']:.1f} s | {b['cpu'] / n['cpu']:.2f}× |",
        f"| build CPU per article | {n['cpu'] / n['added'] * 1000:.1f} ms"
        f" | {b['cpu'] / b['added'] * 1000:.1f} ms | |",
        f"| build wall time | {n['seconds']:.1f} s | {b['seconds']:.1f} s"
        f" | {b['seconds'] / n['seconds']:.2f}× |",
        f"| peak RSS | {n['peak_rss_mb']:.0f} MB | {b['peak_rss_mb']:.0f} MB"
        f" | {b['peak_rss_mb'] / n['peak_rss_mb']:.2f}× |",
    ])


def run(corpus: Path, work: Path, small: int, large: int, queries: bool = True) -> dict:
    """Run every scale benchmark; return the figures. The builds into fresh stores run side
    by side (each in its own process: CPU time and peak RSS are its own)."""
    parts = sorted((corpus / "articles").glob("part-*.jsonl"))
    records = corpus / "records"
    per_part = sum(1 for _ in parts[0].open(encoding="utf-8"))
    n_small, n_large = small // per_part, large // per_part
    if len(parts) < n_large + 1:
        raise SystemExit(f"{corpus}: needs {n_large + 1} parts of {per_part}, has {len(parts)}")
    work.mkdir(parents=True, exist_ok=True)
    extra = parts[n_large]
    large_build = _build_child(_fresh(work / "large"), parts[:n_large], records)
    small_build = _build_child(_fresh(work / "small"), parts[:n_small], records)
    result: dict = {"small": _result(small_build)}
    result["add_to_empty"] = _result(_build_child(_fresh(work / "empty"), [extra], records))
    _fresh(work / "small")
    result["large"] = _result(large_build)
    if queries:
        result["queries"] = _result(_child("_queries", str(work / "large")))
    result["add_to_large"] = _result(_build_child(work / "large", [extra], records))
    return result


def report(result: dict) -> str:
    """Return the figures as Markdown."""
    s, big = result["small"], result["large"]
    per_s, per_l = s["seconds"] / s["added"], big["seconds"] / big["added"]
    cpu_s, cpu_l = s["cpu"] / s["added"], big["cpu"] / big["added"]
    add_l, add_e = result["add_to_large"], result["add_to_empty"]
    per_al, per_ae = add_l["seconds"] / add_l["added"], add_e["seconds"] / add_e["added"]
    cpu_al, cpu_ae = add_l["cpu"] / add_l["added"], add_e["cpu"] / add_e["added"]
    lines = [
        "| measure | small | large | ratio |", "|---|---:|---:|---:|",
        f"| articles built | {s['added']:,} | {big['added']:,} | |",
        f"| quads in the store | {s['quads']:,} | {big['quads']:,} | |",
        f"| build time per article (wall) | {per_s * 1000:.1f} ms | {per_l * 1000:.1f} ms"
        f" | {per_l / per_s:.2f}× |",
        f"| build CPU time per article | {cpu_s * 1000:.1f} ms | {cpu_l * 1000:.1f} ms"
        f" | {cpu_l / cpu_s:.2f}× |",
        f"| peak RSS | {s['peak_rss_mb']:.0f} MB | {big['peak_rss_mb']:.0f} MB"
        f" | {big['peak_rss_mb'] / s['peak_rss_mb']:.2f}× |",
        f"| adding {add_e['added']} articles, per article (to an empty store / to the large"
        f" one), wall | {per_ae * 1000:.1f} ms | {per_al * 1000:.1f} ms | {per_al / per_ae:.2f}× |",
        f"| the same, CPU | {cpu_ae * 1000:.1f} ms | {cpu_al * 1000:.1f} ms"
        f" | {cpu_al / cpu_ae:.2f}× |",
        f"| the same, peak RSS | {add_e['peak_rss_mb']:.0f} MB | {add_l['peak_rss_mb']:.0f} MB"
        f" | {add_l['peak_rss_mb'] / add_e['peak_rss_mb']:.2f}× |",
    ]
    if result.get("queries"):
        lines += ["", "| query | rows | cold | warm (best of 3) | CPU warm |",
                  "|---|---:|---:|---:|---:|"]
        lines += [f"| {q['name']} | {q['rows']:,} | {q['cold'] * 1000:.0f} ms"
                  f" | {q['warm'] * 1000:.0f} ms | {q['cpu_warm'] * 1000:.0f} ms |"
                  for q in result["queries"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("_build", "_build-no-bulk"):
        print(json.dumps(build(Path(argv[1]), [Path(p) for p in argv[3:]], Path(argv[2]),
                               bulk=argv[0] == "_build")))
        return 0
    if argv and argv[0] == "_digest":
        print(json.dumps(store_digest(Path(argv[1]))))
        return 0
    if argv and argv[0] == "_queries":
        print(json.dumps(queries(Path(argv[1]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-scale"))
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-queries", action="store_true",
                        help="time the builds only (not the example queries)")
    parser.add_argument("--bulk", action="store_true",
                        help="compare a clean build of --small articles with Oxigraph's bulk"
                        " loader and without (--no-bulk), instead of the scale runs")
    args = parser.parse_args(argv)
    if args.bulk:
        result = run_bulk(args.corpus, args.work, args.small)
        text = report_bulk(result)
    else:
        result = run(args.corpus, args.work, args.small, args.large, not args.no_queries)
        text = report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
