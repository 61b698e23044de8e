"""Build a written gold set (``written`` to ``written9``) from its annotated
articles (see ``GUIDELINE.md``; every set follows it).

Reads the set's ``annotated/*.md`` (line 1 ``domain: NAME``, then the article with ``[[text|CODE]]``
entity marks and ``{{Speaker}}`` quote marks), writes each plain article to ``articles/``
and one gold record per article to ``gold.jsonl``, checking every offset.

    python bench/written/build_gold.py                  # rebuild bench/written
    python bench/written/build_gold.py --check          # exit 1 when the built files are stale
    python bench/written/build_gold.py --set written6   # the same for bench/written6 (2 to 9)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOMAINS = ("sports", "courts", "city", "products", "wire", "other")
#: Written sets: folder name under ``bench/`` → the domains its articles may name.
SETS: dict[str, tuple[str, ...]] = {
    "written": DOMAINS,
    "written2": ("health", "politics", "business", "environment", "arts", "crime", "technology"),
    "written3": ("sports", "courts", "city", "products", "wire", "science", "obituaries"),
    "written4": ("elections", "conflict", "markets", "transport", "education", "religion",
                 "agriculture"),
    "written5": ("weather", "energy", "labour", "immigration", "entertainment", "cyber",
                 "shipping"),
    "written6": ("motorsport", "defence", "housing", "retail", "books", "royalty", "aid"),
    "written7": ("diplomacy", "aviation", "tourism", "wildlife", "heritage", "finance", "space"),
    "written8": ("food", "telecom", "mining", "gaming", "architecture", "water", "racing"),
    "written9": ("chess", "forestry", "insurance", "postal", "pharma", "fisheries",
                 "mountaineering"),
}
#: Entity code → kg types counted right; ``M`` marks an ignored name (CoNLL's MISC).
CODES: dict[str, tuple[str, ...]] = {
    "P": ("Person",),
    "O": ("Organization",),
    "L": ("Place", "Country"),
    "LO": ("Place", "Country", "Organization"),
    "R": ("Product",),
    "M": (),
}
_MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z]+)(?:\|([^\]]+))?\]\]|\{\{([^}]*)\}\}")
_OPENERS = '"“'
_CLOSERS = '"”'
NO_QUOTE = "-"


class AnnotationError(ValueError):
    """Raised with the file and reason when an annotated article breaks the guideline."""


@dataclass(frozen=True)
class Mark:
    """An entity mention of the plain text: span, code and instance."""

    start: int
    end: int
    code: str
    instance: str


def strip_marks(source: str, name: str) -> tuple[str, list[Mark], list[tuple[int, str]]]:
    """Return the plain text, its entity marks and its (offset, speaker) quote marks."""
    out: list[str] = []
    marks: list[Mark] = []
    speakers: list[tuple[int, str]] = []
    size = last = 0
    for m in _MARK.finditer(source):
        out.append(source[last:m.start()])
        size += m.start() - last
        last = m.end()
        if m.group(4) is not None:
            speakers.append((size, m.group(4).strip()))
            continue
        text, code, instance = m.group(1), m.group(2), m.group(3)
        if code not in CODES:
            raise AnnotationError(f"{name}: unknown code {code!r} on {text!r}")
        marks.append(Mark(size, size + len(text), code, (instance or "").strip()))
        out.append(text)
        size += len(text)
    out.append(source[last:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain or "{{" in plain or "}}" in plain:
        raise AnnotationError(f"{name}: a malformed mark is left in the text")
    return plain, marks, speakers


def instances(plain: str, marks: list[Mark]) -> list[str]:
    """Return each mark's instance: explicit, else, for a person, the earlier person's name
    it ends ("Tanabe" after "Aiko Tanabe"; not "Africa" after "West Africa"), else its own
    text."""
    out: list[str] = []
    for n, mark in enumerate(marks):
        text = plain[mark.start:mark.end]
        if mark.instance:
            out.append(mark.instance)
            continue
        earlier = next((out[k] for k in range(n - 1, -1, -1)
                        if mark.code == marks[k].code == "P"
                        and plain[marks[k].start:marks[k].end].endswith(" " + text)), None)
        out.append(earlier or text)
    return out


def quote_spans(plain: str, speakers: list[tuple[int, str]], name: str) -> list[dict]:
    """Return the gold quotes: the text inside the marks each ``{{Speaker}}`` opens, cut at
    the paragraph end when the quote runs on; every opening mark must have a speaker."""
    by_offset = dict(speakers)
    quotes = []
    for para in re.finditer(r"[^\n]+", plain):
        pos, end = para.start(), para.end()
        while pos < end:
            ch = plain[pos]
            if ch not in _OPENERS:
                pos += 1
                continue
            if pos not in by_offset:
                raise AnnotationError(f"{name}: quote at {plain[pos:pos + 40]!r} has no speaker")
            close = next((i for i in range(pos + 1, end) if plain[i] in _CLOSERS), end)
            speaker = by_offset.pop(pos)
            if speaker != NO_QUOTE:
                quotes.append({"quote": plain[pos + 1:close], "speaker": speaker,
                               "start": pos + 1, "end": close})
            pos = close + 1
    if by_offset:
        where = min(by_offset)
        raise AnnotationError(f"{name}: speaker mark not before a quote at "
                              f"{plain[where:where + 40]!r}")
    return quotes


def header(plain: str, name: str) -> tuple[str, str]:
    """Return the title (``# `` line) and the ``Published:`` date of an article."""
    lines = plain.split("\n")
    match = re.fullmatch(r"Published: (\d{4}-\d{2}-\d{2})", lines[2] if len(lines) > 2 else "")
    if not lines[0].startswith("# ") or not match:
        raise AnnotationError(f"{name}: expected '# Headline', blank, 'Published: YYYY-MM-DD'")
    return lines[0][2:].strip(), match.group(1)


def build_record(path: Path, domains: tuple[str, ...] = DOMAINS) -> tuple[str, dict]:
    """Return the plain text and the gold record of one annotated article."""
    name = path.name
    first, _, source = path.read_text(encoding="utf-8").partition("\n")
    domain = first.removeprefix("domain:").strip()
    if not first.startswith("domain:") or domain not in domains:
        raise AnnotationError(f"{name}: line 1 must be 'domain: one of {', '.join(domains)}'")
    plain, marks, speakers = strip_marks(source.lstrip("\n"), name)
    title, published = header(plain, name)
    entities = []
    for mark, instance in zip(marks, instances(plain, marks), strict=True):
        entity = {"text": plain[mark.start:mark.end], "types": list(CODES[mark.code]),
                  "start": mark.start, "end": mark.end, "instance": instance}
        if mark.code == "M":
            entity["ignored"] = True
        entities.append(entity)
    record = {
        "id": path.stem, "text_file": f"articles/{path.stem}.txt", "title": title,
        "published": published, "domain": domain,
        "gold": {"entities": entities, "quotes": quote_spans(plain, speakers, name)},
    }
    check_offsets(plain, record, name)
    return plain, record


def check_offsets(plain: str, record: dict, name: str) -> None:
    """Raise when a gold span's offsets do not give back its text."""
    for item in (*record["gold"]["entities"], *record["gold"]["quotes"]):
        text = item.get("text", item.get("quote"))
        if plain[item["start"]:item["end"]] != text or not text.strip() or text != text.strip():
            raise AnnotationError(f"{name}: bad span {text!r} at {item['start']}")


def build(folder: Path = HERE, domains: tuple[str, ...] | None = None
          ) -> tuple[dict[str, str], str]:
    """Return the plain articles (file name → text) and the gold JSONL of ``folder`` (whose
    articles may name the domains of its set, :data:`SETS`, unless ``domains`` is given)."""
    domains = domains or SETS.get(folder.name, DOMAINS)
    articles: dict[str, str] = {}
    lines = []
    for path in sorted((folder / "annotated").glob("*.md")):
        plain, record = build_record(path, domains)
        articles[f"{path.stem}.txt"] = plain
        lines.append(json.dumps(record, ensure_ascii=False))
    return articles, "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that articles/ and gold.jsonl are up to date")
    parser.add_argument("--set", default="written", choices=sorted(SETS),
                        help="the written set to build (a folder of bench/)")
    args = parser.parse_args(argv)
    root = HERE.parent / args.set
    try:
        articles, gold = build(root)
    except AnnotationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    folder = root / "articles"
    current = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    gold_path = root / "gold.jsonl"
    stale = current != articles or not gold_path.is_file() or \
        gold_path.read_text(encoding="utf-8") != gold
    if args.check:
        print("stale" if stale else "up to date")
        return 1 if stale else 0
    folder.mkdir(exist_ok=True)
    for old in set(current) - set(articles):
        (folder / old).unlink()
    for file_name, text in articles.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    gold_path.write_text(gold, encoding="utf-8")
    records = [json.loads(line) for line in gold.splitlines()]
    print(f"{len(records)} articles, "
          f"{sum(len(r['gold']['entities']) for r in records)} entity mentions, "
          f"{sum(len(r['gold']['quotes']) for r in records)} quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
