"""Extraction throughput with 1 and 2 workers against plain spaCy, and `kg extract` start-up.

Run by hand: ``.venv/bin/python bench/bench_workers.py [--articles 240] [--rounds 2]``.

* Throughput: the same articles through plain ``nlp.pipe`` (the model kg loads, default
  batch size), through kg with 1 worker and with 2 workers (:func:`kg.parallel.extract_in_order`,
  the extraction step of ``kg build``, pool start-up included), in one process after a warm-up;
  ``--rounds`` alternating runs of each, the fastest kept (the least disturbed by other jobs).
* Start-up: wall time of ``kg extract`` on one short article (a fresh interpreter each time)
  against a fresh interpreter that loads the plain model and runs it on the same text;
  ``--starts`` alternating runs of each, the median kept.

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


def best_of(rounds: int, runs: dict) -> dict[str, float]:
    """Return the fastest of ``rounds`` alternating wall times of each run."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
            print(f"  {name}: {times[name][-1]:.1f} s", file=sys.stderr, flush=True)
    return {name: min(t) for name, t in times.items()}


def throughput(articles, rounds: int) -> dict[str, float]:
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


def startup(starts: int) -> dict[str, float]:
    from kg.nlp import resolve_model_name

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.txt"
        short.write_text(SHORT, encoding="utf-8")
        plain = (f"import spacy; nlp = spacy.load({resolve_model_name()!r}); "
                 f"print(len(nlp(open({str(short)!r}).read()).ents))")
        commands = {
            "plain": [sys.executable, "-c", plain],
            "kg": [sys.executable, "-m", "kg.cli", "extract", str(short), "--workers", "1"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(starts):
            for name, command in commands.items():
                started = time.perf_counter()
                subprocess.run(command, env=env, check=True, capture_output=True)
                times[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) for name, t in times.items()}


def report(articles, source: str, rates: dict, starts: dict, loads: list, args) -> str:
    words = sum(len(a.text.split()) for a in articles)
    ws = {name: words / seconds for name, seconds in rates.items()}
    rows = [
        ("plain spaCy `nlp.pipe`", rates["plain"], ws["plain"], "1.00×", ""),
        ("kg, 1 worker", rates["kg1"], ws["kg1"], f"{ws['kg1'] / ws['plain']:.2f}×",
         "target ≥ 0.85×"),
        ("kg, 2 workers", rates["kg2"], ws["kg2"], f"{ws['kg2'] / ws['plain']:.2f}×",
         f"{ws['kg2'] / ws['kg1']:.2f}× kg 1 worker (target ≥ 1.7×)"),
    ]
    from kg.nlp import resolve_model_name

    lines = [
        SECTION, "",
        "`bench/bench_workers.py`: " + __doc__.splitlines()[0], "",
        f"{len(articles)} articles, {words:,} words ({source}); model {resolve_model_name()}; "
        f"{os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M')}; fastest of "
        f"{args.rounds} alternating runs. Load average (1 min) before / between / after the "
        f"runs: {' / '.join(f'{x:.1f}' for x in loads)}.", "",
        "| extraction | seconds | words/s | vs plain spaCy | note |",
        "|---|---:|---:|---:|---|",
        *(f"| {n} | {s:.1f} | {w:,.0f} | {r} | {note} |" for n, s, w, r, note in rows), "",
        f"Start-up, one short article, fresh interpreter (median of {args.starts}): plain "
        f"spaCy load + run {starts['plain']:.2f} s, `kg extract` {starts['kg']:.2f} s "
        f"({starts['kg'] / starts['plain']:.2f}× plain; target ≤ 1.00×).", "",
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
    args = parser.parse_args()
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
