"""A scale corpus of at least 10,000 distinct articles made from the real texts of
``../shared/eval`` (see bench/README.md, "Scale").

Step 1 (``base``): read every article of the eval sets (PolNeAR, MEANTIME, Giveme5W1H,
CoNLL-2003 train and dev: 1,550 real news texts) and extract each once with kg's pipeline,
keeping the unlinked extraction records (``base-records.jsonl``).

Step 2 (``make``): write ``--worlds`` variants of every base article, in parts of 100.
World ``k`` is a consistent re-casting of the whole corpus: every token of a person, place,
organisation or group name is mapped through a permutation of all such tokens (within its
class) seeded by ``k``, so the same real person gets the same new name in every article of a
world and cross-article linking stays as dense as in real news; every number outside a date
is replaced, and publication dates move ``k * 9`` days. The texts are checked distinct (exact
and near-duplicate, with kg's own MinHash index) and the ones it would skip are dropped. Each
variant comes with the base article's extraction record rewritten the same way (names, ids,
offsets, dates), so a build can replay records instead of running NLP
(``bench/bench_scale.py``).

    python bench/scale_corpus.py base --out bench/out
    python bench/scale_corpus.py make --out bench/out --worlds 16
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = ("polnear", "meantime_en", "giveme5w1h_gold", "conll2003_train", "conll2003_dev")
NAMED = ("Person", "Place", "Organization", "Group", "Country")
_TOKEN = re.compile(r"[A-Z][\w.-]*\w|[A-Z]")
_NUMBER = re.compile(r"(?<![\w-])\d[\d,.]*\d(?![\w-])|(?<![\w-])\d(?![\w-])")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: Record fields that are not article text: an actor's type ("Country") and ISO country code
#: stay as they are (a name token mapping would turn "Country" into a name and drop the class).
_KEPT = ("type", "country_code")


def base_articles(eval_dir: Path = EVAL) -> Iterator[dict]:
    """Yield the eval articles as ``{"id", "title", "text", "published"}``."""
    for name in SETS:
        path = eval_dir / name / "normalized.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            yield {"id": f"{name}-{obj['id']}", "title": obj.get("title") or "",
                   "text": obj["text"], "published": _iso_day(obj.get("date"))}


def _iso_day(value: str | None) -> str:
    """Return the ISO day of a date field (a fixed day when the set gives none)."""
    return value[:10] if value and _ISO.match(value) else "2020-01-01"


def extract_base(out: Path, limit: int = 0) -> None:
    """Extract every base article once; write their unlinked records."""
    from kg.history import extraction_to_json
    from kg.model import Article
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_articles

    out.mkdir(parents=True, exist_ok=True)
    articles = [Article(id=a["id"], title=a["title"], text=a["text"], published=a["published"],
                        source=a["id"] + ".txt") for a in base_articles()]
    articles = articles[:limit] if limit else articles
    with (out / "base-records.jsonl").open("w", encoding="utf-8") as fh:
        for n, x in enumerate(extract_articles(articles, nlp=load_pipeline()), 1):
            fh.write(json.dumps(extraction_to_json(x), ensure_ascii=False) + "\n")
            if n % 100 == 0:
                print(n, flush=True)


# --------------------------------------------------------------------------- variants


def name_tokens(records: list[dict]) -> dict[str, list[str]]:
    """Return the distinct capitalised tokens of named actors in the base records, by the
    class they are most often part of (people, places and countries, organisations)."""
    counts: dict[str, dict[str, int]] = {}
    for r in records:
        for e in r["entities"]:
            if e["type"] in NAMED:
                kind = {"Country": "Place", "Group": "Organization"}.get(e["type"], e["type"])
                for form in (e["name"], *e["aliases"], *(m["text"] for m in e["mentions"])):
                    for token in _TOKEN.findall(form):
                        by_kind = counts.setdefault(token, {})
                        by_kind[kind] = by_kind.get(kind, 0) + 1
    out: dict[str, list[str]] = {}
    for token, by_kind in sorted(counts.items()):
        if len(token) > 2:
            out.setdefault(max(sorted(by_kind), key=by_kind.get), []).append(token)
    return out


def world_mapping(tokens: dict[str, list[str]], world: int) -> dict[str, str]:
    """Return world ``world``'s permutation of the name tokens within each class (identity
    for world 0)."""
    mapping: dict[str, str] = {}
    if world == 0:
        return mapping
    for kind in sorted(tokens):
        shuffled = tokens[kind][:]
        random.Random(f"{world}-{kind}").shuffle(shuffled)
        mapping.update((a, b) for a, b in zip(tokens[kind], shuffled, strict=True) if a != b)
    return mapping


class Rewrite:
    """One article's text rewritten, with a map from old character offsets to new ones."""

    def __init__(self, text: str, mapping: dict[str, str], world: int,
                 keep: list[tuple[int, int]]) -> None:
        self.mapping, self.world = mapping, world
        edits = []
        for m in _TOKEN.finditer(text):
            if m.group() in mapping:
                edits.append((m.start(), m.end(), mapping[m.group()]))
        for m in _NUMBER.finditer(text):
            if world and not any(s <= m.start() < e for s, e in keep):
                edits.append((m.start(), m.end(), _number(m.group(), world)))
        edits.sort()
        parts, self.shifts, pos, shift = [], [], 0, 0
        for start, end, new in edits:
            if start < pos:
                continue
            parts += [text[pos:start], new]
            self.shifts.append((end, shift + len(new) - (end - start), start, shift))
            shift += len(new) - (end - start)
            pos = end
        parts.append(text[pos:])
        self.text = "".join(parts)

    def offset(self, old: int) -> int:
        """Return where old offset ``old`` is in the new text."""
        shift = 0
        for end, after, start, before in self.shifts:
            if old >= end:
                shift = after
            elif old > start:
                return old + before  # inside an edit: its start
            else:
                break
        return old + shift

    def string(self, text: str) -> str:
        """Return a piece of text rewritten like the article (names only)."""
        return _TOKEN.sub(lambda m: self.mapping.get(m.group(), m.group()), text)


def _number(text: str, world: int) -> str:
    digits = [c for c in text if c.isdigit()]
    value = int("".join(digits)) if digits else 0
    return str(value + 3 * world + 1)


def shift_date(value: str | None, days: int) -> str | None:
    """Return an ISO date (or its prefix) moved by ``days`` (other values unchanged)."""
    if not value or not _ISO.match(value):
        return value
    moved = date.fromisoformat(value[:10]) + timedelta(days=days)
    return moved.isoformat() + value[10:]


def variant(record: dict, mapping: dict[str, str], world: int) -> dict:
    """Return the extraction record of world ``world``'s variant of a base article."""
    from kg.model import entity_id

    article = record["article"]
    keep = [(d["start"], d["end"]) for d in record.get("dates", [])]
    rw = Rewrite(article["text"], mapping, world, keep)
    days = 9 * world
    ids: dict[str, str] = {}
    for e in record["entities"]:
        ids[e["id"]] = entity_id(e["type"], rw.string(e["name"]))

    def walk(value, key=None):
        if isinstance(value, dict):
            out = {k: walk(v, k) for k, v in value.items()}
            if "start" in out and "end" in out and isinstance(out["start"], int):
                out["start"], out["end"] = rw.offset(value["start"]), rw.offset(value["end"])
            return out
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str):
            if key in ("id", "entity_id", "speaker_id", "person_id", "of_id", "target_id") \
                    and value in ids:
                return ids[value]
            if key in ("date", "published", "value"):
                return shift_date(value, days)
            if key in _KEPT:
                return value
            return rw.string(value)
        return value

    out = walk({k: v for k, v in record.items() if k != "article"})
    out["about_ids"] = None
    out.pop("about_ids")
    for s in out["statements"]:
        s["about_ids"] = [ids.get(i, i) for i in s["about_ids"]]
    suffix = f"-w{world}" if world else ""
    out["article"] = {**article, "id": article["id"] + suffix, "text": rw.text,
                      "title": rw.string(article["title"]),
                      "source": article["id"] + suffix + ".txt",
                      "published": shift_date(article.get("published"), days)}
    return _fix_mention_texts(out)


def _fix_mention_texts(record: dict) -> dict:
    """Make every mention's text the span it points at in the new text."""
    text = record["article"]["text"]
    for e in record["entities"]:
        for m in e["mentions"]:
            m["text"] = text[m["start"]:m["end"]]
    return record


def make(out: Path, worlds: int, part_size: int = 100) -> None:
    """Write ``articles/part-NNNN.jsonl`` (articles as ``kg build`` reads them) and
    ``records/part-NNNN.jsonl`` (their extraction records), ``part_size`` a part: every base
    article in every world, near-duplicates (by kg's own index) and texts kg would read
    differently (control characters) left out."""
    from kg.history import extraction_from_json
    from kg.ingest.base import _normalise
    from kg.ingest.duplicates import SeenTexts

    records = [json.loads(line) for line in
               (out / "base-records.jsonl").read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if _normalise(r["article"]["text"]) == r["article"]["text"]
               and r["article"]["title"].strip() == r["article"]["title"]]
    tokens = name_tokens(records)
    seen = SeenTexts()
    kept = skipped = 0
    for sub in ("articles", "records"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for old in (out / sub).glob("part-*.jsonl"):
            old.unlink()
    for world in range(worlds):
        mapping = world_mapping(tokens, world)
        for record in records:
            new = variant(record, mapping, world)
            article = extraction_from_json(new).article
            if seen.notice(article) is not None:
                skipped += 1
                continue
            a = new["article"]
            part = f"part-{kept // part_size:04d}.jsonl"
            with (out / "articles" / part).open("a", encoding="utf-8") as fa:
                fa.write(json.dumps({"id": a["id"], "title": a["title"], "text": a["text"],
                                     "date": a["published"]}, ensure_ascii=False) + "\n")
            with (out / "records" / part).open("a", encoding="utf-8") as fr:
                fr.write(json.dumps(new, ensure_ascii=False) + "\n")
            kept += 1
    print(f"{len(records)} base articles, {worlds} worlds: {kept} distinct articles written"
          f" ({skipped} near-duplicates left out)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("base", "make"))
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--worlds", type=int, default=8)
    parser.add_argument("--limit", type=int, default=0,
                        help="base step: extract only the first N articles")
    args = parser.parse_args(argv)
    if args.step == "base":
        extract_base(args.out, args.limit)
    else:
        make(args.out, args.worlds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
