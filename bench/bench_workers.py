"""Extraction throughput with 1 and 2 workers against plain spaCy, and `kg extract` start-up.

Run by hand: ``.venv/bin/python bench/bench_workers.py [--articles 240] [--rounds 2]``.

* Throughput: the same articles through plain ``nlp.pipe`` (the model kg loads, default
  batch size), through kg with 1 worker and with 2 workers (:func:`kg.parallel.extract_in_order`,
  the extraction step of ``kg build``, pool start-up included), in one process after a warm-up;
  ``--rounds`` alternating runs of each, the fastest kept (the least disturbed by other jobs).
  Beside the wall time, the CPU seconds of this process and its workers (less disturbed than
  wall time by other jobs, though a crowded machine inflates them too).
* Start-up: wall and CPU time of ``kg extract`` on one short article (a fresh interpreter
  each time, with compiled bytecode as installed) against a fresh interpreter that loads the
  plain model and runs it on the same text; ``--starts`` alternating runs of each, the
  median kept. ``--startup-only --baseline DIR`` times only this, with another kg source
  tree (an earlier commit's) in the same rounds.

The corpus is the real, distinct articles of ``../shared/eval`` (MEANTIME, Giveme5W1H,
PolNeAR) when present, else ``data/articles`` with numbered copies (repeated texts flatter
kg's date cache). The load average of the machine is printed beside the results. Replaces the
``## Workers and start-up`` section of ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "bench" / "README.md"
EVAL = ROOT.parent / "shared" / "eval"
EVAL_SETS = ("meantime_en", "giveme5w1h_gold", "polnear")
SECTION = "## Workers and start-up"
SHORT = ("Port reopens\n\nMayor Ines Okafor reopened the harbour in Lagos on Monday, "
         "officials said.\n")


def corpus(limit: int):
    """Return up to ``limit`` articles and where they come from."""
    from kg.model import Article

    files = [EVAL / name / "normalized.jsonl" for name in EVAL_SETS]
    if all(f.exists() for f in files):
        articles = []
        for f in files:
            for line in f.read_text(encoding="utf-8").splitlines():
                d = json.loads(line)
                articles.append(Article(f"{f.parent.name}-{d['id']}", d.get("title") or "",
                                        d["text"], d.get("date")))
        step = max(1, len(articles) // limit)  # an even share of each set
        return articles[::step][:limit], "the distinct articles of " + ", ".join(EVAL_SETS)
    from kg.ingest import read_articles

    base = list(read_articles([str(ROOT / "data" / "articles")]))
    copies = -(-limit // len(base))
    articles = [dataclasses.replace(a, id=f"{a.id}-{i}") for i in range(copies) for a in base]
    return articles[:limit], f"`data/articles` × {copies} (repeated texts)"


def cpu_seconds() -> float:
    """Return the CPU seconds of this process and of its finished child processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def best_of(rounds: int, runs: dict) -> tuple[dict[str, float], dict[str, float]]:
    """Return the fastest of ``rounds`` alternating wall times of each run, and the CPU
    seconds (this process and its workers) of that run."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            started, cpu = time.perf_counter(), cpu_seconds()
            run()
            times[name].append((time.perf_counter() - started, cpu_seconds() - cpu))
            print(f"  {name}: {times[name][-1][0]:.1f} s", file=sys.stderr, flush=True)
    best = {name: min(t) for name, t in times.items()}
    return {n: b[0] for n, b in best.items()}, {n: b[1] for n, b in best.items()}


def throughput(articles, rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    import spacy

    from kg.nlp import load_pipeline, resolve_model_name
    from kg.parallel import extract_in_order

    plain = spacy.load(resolve_model_name())
    load_pipeline()
    list(plain.pipe(a.text for a in articles[:8]))  # warm both up
    list(extract_in_order(articles[:8], workers=1))
    return best_of(rounds, {
        "plain": lambda: list(plain.pipe(a.text for a in articles)),
        "kg1": lambda: list(extract_in_order(articles, workers=1)),
        "kg2": lambda: list(extract_in_order(articles, workers=2)),
    })


def startup(starts: int, baselines: tuple[str, ...] = ()) -> dict[str, dict[str, float]]:
    """Return the median wall and CPU seconds (and the least CPU) of a fresh ``kg extract``
    and of a fresh plain spaCy load + run on one short article, run alternately; with
    ``baselines`` (other kg source trees, e.g. an earlier commit's), their ``kg extract``
    too, in the same rounds, its output checked to be the same.

    All run with compiled bytecode, as an installed kg has it (pip compiles it on install,
    spaCy's is in site-packages): the bytecode goes to a temporary ``PYTHONPYCACHEPREFIX``
    during one untimed run of each, even where ``PYTHONDONTWRITEBYTECODE`` is set; without
    it every start compiled kg's 55 modules from source (~0.15 s of CPU) and spaCy's none.
    The untimed run also fills kg's cache directory, as any earlier run would have.
    """
    from kg.nlp import resolve_model_name

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pyc")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        short = Path(tmp) / "short.txt"
        short.write_text(SHORT, encoding="utf-8")
        plain = (f"import spacy; nlp = spacy.load({resolve_model_name()!r}); "
                 f"print(len(nlp(open({str(short)!r}).read()).ents))")
        kg = [sys.executable, "-m", "kg.cli", "extract", str(short), "--workers", "1"]
        commands = {"plain": ([sys.executable, "-c", plain], str(ROOT)),
                    "kg": (kg, str(ROOT)),
                    **{f"kg at {b}": (kg, str(Path(b).resolve())) for b in baselines}}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        outputs = {}
        for name, (command, root) in commands.items():  # writes the bytecode
            outputs[name] = subprocess.run(command, env={**env, "PYTHONPATH": root}, cwd=root,
                                           check=True, capture_output=True).stdout
        if any(outputs[b] != outputs["kg"] for b in commands if b.startswith("kg at")):
            raise SystemExit("a baseline's kg extract output differs from this tree's")
        for _ in range(starts):
            for name, (command, root) in commands.items():
                before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                subprocess.run(command, env={**env, "PYTHONPATH": root}, cwd=root, check=True,
                               capture_output=True)  # cwd: ``-m`` imports kg from there
                wall = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                times[name].append((wall, cpu))
    return {name: {"wall": statistics.median(w for w, _ in t),
                   "cpu": statistics.median(c for _, c in t),
                   "cpu_min": min(c for _, c in t)} for name, t in times.items()}


def startup_table(starts: dict[str, dict[str, float]], args) -> str:
    """Return the start-up times as a table, each against plain spaCy's in the same run."""
    plain = starts["plain"]
    lines = [f"Start-up, one short article, fresh interpreter, compiled bytecode; "
             f"{args.starts} alternating starts each, {time.strftime('%Y-%m-%d %H:%M')}, load "
             f"average {os.getloadavg()[0]:.1f}:", "",
             "| `kg extract` on one short article | CPU median | vs plain | CPU min | vs plain "
             "| wall median |", "|---|---:|---:|---:|---:|---:|"]
    for name, t in starts.items():
        label = "plain spaCy load + run" if name == "plain" else name
        lines.append(f"| {label} | {t['cpu']:.2f} s | {t['cpu'] / plain['cpu']:.2f}× | "
                     f"{t['cpu_min']:.2f} s | {t['cpu_min'] / plain['cpu_min']:.2f}× | "
                     f"{t['wall']:.2f} s |")
    return "\n".join(lines) + "\n"


def report(articles, source: str, measured: tuple, starts: dict, loads: list, args) -> str:
    rates, cpu = measured
    words = sum(len(a.text.split()) for a in articles)
    ws = {name: words / seconds for name, seconds in rates.items()}
    per_cpu = {name: words / seconds for name, seconds in cpu.items()}
    rows = [
        ("plain spaCy `nlp.pipe`", rates["plain"], ws["plain"], "1.00×", cpu["plain"], "1.00×",
         ""),
        ("kg, 1 worker", rates["kg1"], ws["kg1"], f"{ws['kg1'] / ws['plain']:.2f}×", cpu["kg1"],
         f"{per_cpu['kg1'] / per_cpu['plain']:.2f}×", "target ≥ 0.85×"),
        ("kg, 2 workers", rates["kg2"], ws["kg2"], f"{ws['kg2'] / ws['plain']:.2f}×", cpu["kg2"],
         f"{per_cpu['kg2'] / per_cpu['plain']:.2f}×",
         f"wall: {ws['kg2'] / ws['kg1']:.2f}× kg 1 worker (target ≥ 1.7×)"),
    ]
    from kg.nlp import resolve_model_name

    lines = [
        SECTION, "",
        "`bench/bench_workers.py`: " + __doc__.splitlines()[0], "",
        f"{len(articles)} articles, {words:,} words ({source}); model {resolve_model_name()}; "
        f"{os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M')}; fastest of "
        f"{args.rounds} alternating runs. Load average (1 min) before / between / after the "
        f"runs: {' / '.join(f'{x:.1f}' for x in loads)}.", "",
        "| extraction | wall s | words/s | vs plain spaCy | CPU s (all processes) | words per CPU s"
        " vs plain | note |",
        "|---|---:|---:|---:|---:|---:|---|",
        *(f"| {n} | {s:.1f} | {w:,.0f} | {r} | {c:.1f} | {rc} | {note} |"
          for n, s, w, r, c, rc, note in rows), "",
        f"Start-up, one short article, fresh interpreter, compiled bytecode (median of "
        f"{args.starts}): plain spaCy load + run {starts['plain']['wall']:.2f} s wall / "
        f"{starts['plain']['cpu']:.2f} s CPU, `kg extract` {starts['kg']['wall']:.2f} s / "
        f"{starts['kg']['cpu']:.2f} s ({starts['kg']['wall'] / starts['plain']['wall']:.2f}× "
        f"plain in wall time, {starts['kg']['cpu'] / starts['plain']['cpu']:.2f}× in CPU time;"
        " target ≤ 1.00×).", "",
    ]
    return "\n".join(lines)


def replace_section(section: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    if SECTION in text:
        head, rest = text.split(SECTION, 1)
        tail = rest[rest.find("\n## "):] if "\n## " in rest else ""
        text = head + section + tail.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--no-readme", action="store_true", help="Print only.")
    parser.add_argument("--startup-only", action="store_true",
                        help="Time only the start-up and print its table (README untouched).")
    parser.add_argument("--baseline", action="append", default=[], metavar="DIR",
                        help="Another kg source tree to time beside this one (start-up).")
    args = parser.parse_args()
    if args.startup_only:
        print(startup_table(startup(args.starts, tuple(args.baseline)), args))
        return
    articles, source = corpus(args.articles)
    loads = [os.getloadavg()[0]]
    rates = throughput(articles, args.rounds)
    loads.append(os.getloadavg()[0])
    starts = startup(args.starts)
    loads.append(os.getloadavg()[0])
    section = report(articles, source, rates, starts, loads, args)
    print(section)
    if not args.no_readme:
        replace_section(section)


if __name__ == "__main__":
    main()
