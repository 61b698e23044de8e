"""Extraction speed and memory: kg's pipeline against the plain spaCy model, same process.

Run by hand: ``.venv/bin/python bench/bench_extract.py [--copies 20]``. Texts are the sample
articles in ``data/articles`` repeated ``--copies`` times (ids differ so nothing is cached).
Prints a Markdown table and replaces the ``## Extraction`` section of ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "bench" / "README.md"


def sample_articles(copies: int):
    """Return the sample articles repeated ``copies`` times with distinct ids."""
    from kg.ingest import read_articles

    base = list(read_articles([str(ROOT / "data" / "articles")]))
    return [dataclasses.replace(a, id=f"{a.id}-{i}") for i in range(copies) for a in base]


def timed(run) -> tuple[float, float]:
    """Return (seconds, peak MiB of Python allocations) of one call."""
    tracemalloc.start()
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()

    import spacy

    from kg.nlp import load_pipeline, resolve_model_name
    from kg.pipeline import extract_articles

    articles = sample_articles(args.copies)
    words = sum(len(a.text.split()) for a in articles)
    plain = spacy.load(resolve_model_name())
    kg_nlp = load_pipeline()
    list(plain.pipe(a.text for a in articles[:8]))  # warm both up
    list(extract_articles(articles[:8], nlp=kg_nlp))

    base_s, base_mb = timed(lambda: list(plain.pipe(a.text for a in articles)))
    kg_s, kg_mb = timed(lambda: list(extract_articles(articles, nlp=kg_nlp)))
    rows = [
        ("plain spaCy (`nlp.pipe`)", base_s, base_mb, 1.0),
        ("kg extraction (`extract_articles`)", kg_s, kg_mb, kg_s / base_s),
    ]
    table = [
        f"{len(articles)} articles, {words:,} words (`data/articles` × {args.copies}); "
        f"model {resolve_model_name()}; {time.strftime('%Y-%m-%d')}.",
        "",
        "| run | seconds | articles/s | words/s | peak Python MiB | time vs plain spaCy |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, seconds, mb, ratio in rows:
        table.append(f"| {name} | {seconds:.1f} | {len(articles) / seconds:.1f} | "
                     f"{words / seconds:,.0f} | {mb:.0f} | {ratio:.2f}× |")
    section = "## Extraction\n\n`bench/bench_extract.py`: " + __doc__.splitlines()[0] + "\n\n"
    section += "\n".join(table) + "\n\n"
    print(section)
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    if "## Extraction" in text:
        head, rest = text.split("## Extraction", 1)
        tail = rest[rest.find("\n## "):] if "\n## " in rest else ""
        text = head + section + tail.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
