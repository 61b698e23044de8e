"""Run every evaluation (shared datasets + our seed gold) and write ``bench/quality.md``.

Usage: ``.venv/bin/python bench/run_quality.py [--limit N] [--model NAME] [--output PATH]
[--sets conll2003_dev,meantime] [--disable NAMES]``. Every set is scored for kg and plain spaCy
on the same model in the same run. Datasets under ``../shared/eval`` (or ``KG_EVAL_DIR``) are
skipped with a message when absent, as is the seed gold file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate.adapters import NAMED_SETS, load_gold, named_set_path  # noqa: E402
from kg.evaluate.cli import check_disable, report_rows  # noqa: E402
from kg.evaluate.run import run_eval  # noqa: E402

SETS = tuple(NAMED_SETS)
NOTES = """\
## How to read this

* P / R / F1: recall = gold items found / gold items; precision = predicted items matching
  some gold item / predicted items. Spans match when they overlap by half of the shorter one.
* MEANTIME: named mentions (NAM, PRE.NAM) of the annotated region (title, dateline, first 4
  sentences); PER→Person, ORG→Organization, LOC→Place or Country, PRO→Product (for kg and
  the baseline, whose PRODUCT label is Product); FIN/MIX count for untyped scores only.
  Duplicate nodes: gold entities with ≥2 matched mentions whose mentions land on ≥2
  predicted nodes (lower is better). Dates: DATE timexes other than the dateline
  with an ISO day/month/year value; value right at the gold's precision. Slices: the four
  MEANTIME corpora (airbus, apple, gm, stock).
* CoNLL-2003 dev: every mention (title and dateline lines included); PER→Person,
  ORG→Organization, LOC→Place or Country; MISC is neither rewarded nor penalised (left out of
  recall; a prediction overlapping a MISC mention and no other gold mention is not counted).
  Slices: `sports` when the title's head (at most four words before its first hyphen:
  "SOCCER -", "RUGBY UNION -", "Boxing-") names a sport, else `other`.
* PolNeAR: direct-quote segments of 3+ words; speaker accuracy over matched quotes whose
  gold speaker is a name (same surname, or one contains the other, against the gold span's
  name part, a name in apposition after a description, each of speakers named together
  ("Cummings and Conyers"), or the initials of kg's name), or
  whose gold span is kg's `speaker_description` (same head noun, one inside the other: the
  gold speakers are literal spans, "The Indiana governor"); reported also for full quotes and
  for partial quotes inside reported speech (PolNeAR's `direct` field).
* Giveme5W1H: share of articles whose main-event day is among kg's dated events (day or month
  precision; fuzzy dates do not count). The baseline there is "the publication day". The
  second row leaves out articles whose gold day is later than their publication date (the
  text cannot name it; the gold days were set per topic and adjusted by hand). kg reads the
  articles as one corpus, as `kg build` does: with actors linked across articles, an event
  dated only from its publication takes the date of the same event dated in another
  article's text (same type, a shared actor or place, ≤ 3 days before), or, if it has no day
  at all, the day another article's present-tense lede gives it.
  Who/where actors: per main-event `who` / `where` phrase (each once per article), whether
  an actor mention lies inside it (whole words, folded); counted over the phrases that name
  someone or somewhere by the gold text's capitalisation (a capitalised word after the first;
  the first word, or a word in capitals, only if the article never writes it in lowercase
  outside links and it is no stop word, or if it is an abbreviation of 2-5 capitals), so
  the same phrases for every system (219 of 254; the "every phrase" row counts all). Typed:
  who → Person, Organization, Country or Group; where → Place or Country. Junk: distinct
  actor mentions inside some phrase covering none of its name words ("Driver" of "tram
  driver"), of all actor mentions inside phrases.
* Seed: entities matched by name or alias (no offsets), junk actors against the listed junk.
* Written (`bench/written/`, our own 40 articles, annotated blind to kg's rules by
  `bench/written/GUIDELINE.md`): every named mention with offsets, scored by span as CoNLL is;
  person→Person, organisation→Organization, location→Place or Country, a national team named
  by its country→Place, Country or Organization, product→Product; nationality words, events,
  competitions, named storms, laws, agreements and works are ignored (as CoNLL's MISC).
  Duplicate nodes as for MEANTIME. Speakers as for PolNeAR, the gold being the speaker's full
  name (a pronoun's antecedent). Slices: the article's domain (sports, courts, city,
  products, wire copy with a dateline, other).
* Written set 2 (`bench/written2/`, our own 42 articles, written and annotated by the same
  guideline before kg was run on them): scored as the written set. Slices: health,
  politics abroad, business, environment, arts, crime, technology.
* Written set 3 (`bench/written3/`, our own 42 articles, written and annotated blind by the
  same guideline): scored as the written set. Slices: sports, courts, city government,
  products, wire copy, science, obituaries and profiles.
* Written set 4 (`bench/written4/`, our own 42 articles, written and annotated blind by the
  same guideline, in varied outlet styles: press releases, live blogs, transcripts, captions,
  newsletters, Indian / Nigerian / Australian / Irish conventions): scored as the written set.
  Slices: elections abroad, conflict, markets, transport, education, religion, agriculture.
* Written set 5 (`bench/written5/`, our own 42 articles, written and annotated blind by the
  same guideline, in UK tabloid, Canadian, South African, Kenyan, Pakistani, Philippine,
  Singaporean / Malaysian and Caribbean styles: explainers, bullet lists, round-ups, opinion,
  corrections): scored as the written set. Slices: weather and disasters, energy and mining,
  labour, immigration, entertainment, cybersecurity and telecoms, shipping and fisheries.
* Written set 6 (`bench/written6/`, our own 42 articles, written and annotated blind by the
  same guideline, in Gulf, Chinese state media, Ghanaian, Zimbabwean, Australian, New Zealand,
  Sri Lankan, Bangladeshi, Irish, Israeli, Turkish and European broadcaster styles: press
  releases, live blogs, interviews, listicles, photo galleries, briefs, a long feature,
  corrections): scored as the written set. Slices: motor sport and golf, defence procurement,
  housing and property, retail and fashion, books and prizes, royalty and state ceremonial,
  humanitarian aid.
* Written set 7 (`bench/written7/`, our own 42 articles, written and annotated blind by the
  same guideline, in Korean (Yonhap), Japanese (Kyodo / NHK), Indian, Nigerian, Indonesian,
  Vietnamese, Ethiopian, Ugandan, Tanzanian, Polish, Baltic, Nordic, Russian- and
  Ukrainian-outlet, Latin American and US local-paper styles: transcripts, timelines, an
  explainer, live blogs, captions, a Q&A, press releases, corrections): scored as the written
  set. Slices: diplomacy and summits, aviation, tourism, wildlife and conservation, heritage
  and archaeology, public finance, space industry.
* Written set 8 (`bench/written8/`, our own 42 articles, written and annotated blind by the
  same guideline, in Pakistani, Bangladeshi, Filipino, Malaysian, Turkish-, Iranian- and
  Gulf-outlet, West African francophone, Ghanaian, South African, Caribbean, Irish, Scottish
  local and Australian regional styles: results tables, live blogs, letters to the editor,
  press releases, a Q&A, obituaries, court and tribunal reports): scored as the written set.
  Slices: food and dining, telecom, mining, gaming and esports, architecture, water, horse
  racing.
* Written set 9 (`bench/written9/`, our own 35 articles, written and annotated blind by the
  same guideline, in Armenian, Hungarian, Taiwanese, Czech, Kazakh, Welsh, Papua New Guinean,
  Brazilian, Romanian, Malawian, Egyptian, Hong Kong, Fijian, Jordanian, Namibian, Samoan,
  Thai, Moroccan, Dutch, Saudi, Rwandan, Greek, Croatian, Cambodian, Botswana, Icelandic,
  Maltese, Mozambican, Pacific, Tongan, Nepali, Kyrgyz, Swiss and Georgian styles: live blogs,
  lists, a market table, Q&As, press releases, obituaries, court reports, corrections, a
  round-up, an explainer): scored as the written set. Slices: chess and mind sports,
  forestry, insurance, postal and logistics, pharmaceuticals, fisheries, mountaineering.
* Baseline: plain spaCy NER, one node per surface string, no resolution; quotes by a naive
  quote-mark regex with the nearest PERSON as speaker; dates by dateparser.
"""


def shown_path(path: Path) -> Path:
    """Return a gold path as the report shows it: from the repository root when inside it
    (``bench/gold/...``), else from its parent (``shared/eval/...``)."""
    path = path.resolve()
    for base in (ROOT, ROOT.parent):
        if path.is_relative_to(base):
            return path.relative_to(base)
    return path


def report_markdown(title: str, report: dict[str, Any], seconds: float) -> str:
    """Return one dataset's section: a table of parts × systems."""
    systems = list(report["systems"])
    header = ["part"] + [f"{s} {c}" for s in systems for c in ("P", "R", "F1 / rate")]
    lines = [f"## {title}", "",
             f"`{shown_path(Path(report['path']))}`: {report['docs']} documents, "
             f"{seconds:.0f} s", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in report_rows(report)]
    for system in systems:
        junk = report["systems"][system].get("junk_names")
        if junk is not None:
            lines += ["", f"{system} junk actors: {', '.join(junk) or 'none'}"]
    for message in report["skipped"]:
        lines += ["", f"skipped: {message}"]
    return "\n".join(lines) + "\n"


def commit_note() -> str:
    """Return " at commit abc1234" for the checked-out commit, or "" outside git."""
    import subprocess

    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return f" at commit {done.stdout.strip()}" if done.stdout.strip() else ""


def kept_sections(path: Path) -> str:
    """Return the sections other scripts wrote after "How to read this" in ``path`` ("Rule
    ablation", "Events on MEANTIME", ...), which a rerun keeps."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    notes = old.find("## How to read this")
    after = old.find("\n## ", notes + 1) if notes != -1 else -1
    return "\n" + old[after + 1:] if after != -1 else ""


def main(argv: list[str] | None = None) -> int:
    """Run the evaluations found and write the markdown report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "quality.md")
    parser.add_argument("--sets", default=",".join(SETS),
                        help=f"comma-separated named sets to run (default: {','.join(SETS)})")
    parser.add_argument("--disable", default="",
                        help="comma-separated kg components or rules to switch off (KG_DISABLE)")
    args = parser.parse_args(argv)
    if args.disable:
        os.environ["KG_DISABLE"] = ",".join(sorted(check_disable(args.disable)))
    os.chdir(ROOT)  # plain gold text_file paths may be relative to the repo root
    sections, missing = [], []
    for name in args.sets.split(","):
        title, path = NAMED_SETS[name][0], named_set_path(name)
        if path is None or not path.is_file():
            print(f"skip {title}: {path} is absent")
            missing.append(f"{title}: `{path.name}` absent, not run")
            continue
        gold = load_gold(path, limit=args.limit)
        if not gold.docs:
            print(f"skip {title}: no documents ({'; '.join(gold.skipped)})")
            missing.append(f"{title}: no documents ({'; '.join(gold.skipped)})")
            continue
        print(f"{title}: {len(gold.docs)} documents ...", flush=True)
        started = time.monotonic()
        report = run_eval(gold, baseline=not args.no_baseline, model=args.model)
        sections.append(report_markdown(title, report, time.monotonic() - started))
    if not sections:
        print("nothing to evaluate (../shared/eval and bench/gold are absent)")
        return 0
    lines = ["# Quality figures", "",
             f"Run {dt.date.today().isoformat()} by `bench/run_quality.py`{commit_note()}"
             + (f" (first {args.limit} documents per set)" if args.limit else "")
             + (f", model `{args.model}`" if args.model else "")
             + (f", with `{os.environ['KG_DISABLE']}` switched off" if args.disable else "")
             + ".", ""]
    lines += [s for section in sections for s in (section, "")]
    if missing:
        lines += ["## Not run", ""] + [f"* {m}" for m in missing] + [""]
    lines.append(NOTES)
    args.output.write_text("\n".join(lines) + kept_sections(args.output), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
