"""Quote scaling: an article of N quotations, N = 2,500 / 5,000 / 10,000 / 20,000.

Run by hand: ``.venv/bin/python bench/bench_quotes.py [--sizes 2500 5000 10000 20000]``.
Measures the CPU time of quote-mark pairing alone (``quote_spans``: one paragraph of N
quotes, straight and mixed straight/curly marks) and of the whole extraction of the article
(``extract_articles``: spaCy, then all kg components over paragraph chunks). Prints a
Markdown table of seconds and of the ratio to the smallest size (linear growth doubles when
N doubles) and replaces the ``## Quotes`` section of ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "bench" / "README.md"


def quote_paragraph(n: int, opening: str = '"') -> str:
    """Return one paragraph of ``n`` attributed quotes."""
    return " ".join(f'{opening}Point {i} still stands," Mayor Ines Okafor said.' for i in range(n))


def quote_article(n: int) -> str:
    """Return an article of ``n`` quotes, five to a paragraph."""
    paragraphs = [quote_paragraph(5) for _ in range(n // 5)]
    return "Bridge talks go on\n\n" + "\n\n".join(paragraphs) + "\n"


def seconds(fn, *args) -> float:
    """Return the CPU time of ``fn(*args)`` in this process (steady on a shared machine)."""
    started = time.process_time()
    fn(*args)
    return time.process_time() - started


def extract_all(articles, nlp) -> list:
    """Return every extraction of ``articles`` (drains the stream)."""
    from kg.pipeline import extract_articles

    return list(extract_articles(articles, nlp=nlp))


def measure(sizes: list[int], whole: bool) -> list[dict[str, float]]:
    """Return one row of timings per size."""
    from kg.extract.quotes import quote_spans
    from kg.model import Article
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    rows = []
    for n in sizes:
        straight, mixed = quote_paragraph(n), quote_paragraph(n, "“")
        row = {"n": n,
               "pairing": seconds(quote_spans, straight),
               "mixed": seconds(quote_spans, mixed)}
        if whole:
            article = Article(f"q{n}", "Bridge talks go on", quote_article(n), "2025-11-25", "b")
            row["extract"] = seconds(extract_all, [article], nlp)
        rows.append(row)
        print(row, flush=True)
    return rows


def table(rows: list[dict[str, float]]) -> str:
    """Return the Markdown table: seconds and ratio to the first size."""
    cols = [c for c in ("pairing", "mixed", "extract") if c in rows[0]]
    names = {"pairing": "pairing (straight marks)", "mixed": "pairing (mixed marks)",
             "extract": "whole extraction"}
    head = "| quotes | " + " | ".join(f"{names[c]} s | ratio" for c in cols) + " |"
    lines = [head, "|---:|" + "---:|---:|" * len(cols)]
    for row in rows:
        cells = [f"{row['n']:,}"]
        for c in cols:
            cells += [f"{row[c]:.3f}", f"{row[c] / rows[0][c]:.1f}×"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000, 20000])
    parser.add_argument("--pairing-only", action="store_true")
    args = parser.parse_args()
    rows = measure(args.sizes, whole=not args.pairing_only)
    print(table(rows))
    section = ("## Quotes\n\n`bench/bench_quotes.py`: an article of N quotes (`\"Point i still "
               "stands,\" Mayor Ines Okafor said.`); ratio = time / time at the smallest N "
               "(linear: 2×, 4×, 8×); CPU seconds.\n\n" + table(rows) + "\n")
    text = README.read_text(encoding="utf-8")
    if "## Quotes\n" in text:
        text = re.sub(r"## Quotes\n.*?(?=\n## |\Z)", lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
