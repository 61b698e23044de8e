"""Peak memory and time of reading a WARC archive (kg.ingest, no extraction) as it grows.

Writes a gzipped WARC of N records (three in four HTML responses of a few paragraphs, the
rest images and 404s, each response after its request record) and reads it in a fresh child
process per size, reporting articles, peak RSS, seconds and CPU seconds (the figure to
compare on a loaded machine). Run by hand:

    .venv/bin/python bench/bench_warc.py --records 1000 10000
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = """
import json, resource, sys, time
from kg.ingest import read_articles
skipped = []
t, cpu = time.perf_counter(), time.process_time()
n = sum(1 for _ in read_articles([sys.argv[1]], on_skip=skipped.append))
print(json.dumps({"articles": n, "skipped": len(skipped), "seconds": time.perf_counter() - t,
                  "cpu_seconds": time.process_time() - cpu,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_WORDS = ("council harbour minister ferry lock barge islands tolls freight coast river weir "
          "drought spring summer commuters mainland workers union talks wages cranes").split()


def _page(i: int) -> bytes:
    paragraphs = "".join(
        f"<p>Report {i}.{k}: the {_WORDS[(i + k) % len(_WORDS)]} committee met on Monday and "
        f"agreed that the {_WORDS[(i * 7 + k) % len(_WORDS)]} plan would cost {i * 13 + k} "
        f"thousand crowns, the chair said after a long session.</p>" for k in range(6))
    return (f'<html lang="en"><head><title>Report {i}</title></head><body><nav>Menu</nav>'
            f"<article><h1>Report {i}</h1>{paragraphs}</article><footer>Footer</footer>"
            "</body></html>").encode()


def write_warc(path: Path, records: int) -> None:
    """Write ``records`` response records (with their requests) to a gzipped WARC."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(records):
            url = f"https://news.example/{i}"
            status, ctype, body = {0: ("404 Not Found", "text/html", b"gone"),
                                   1: ("200 OK", "image/png", b"\x89PNG")}.get(
                i % 8, ("200 OK", "text/html; charset=utf-8", _page(i)))
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), http_headers=StatusAndHeaders(
                    f"GET /{i} HTTP/1.1", [], is_http_request=True)))
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body),
                http_headers=StatusAndHeaders(status, [("Content-Type", ctype)],
                                              protocol="HTTP/1.1")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    print("| records | archive | articles | skipped | seconds | CPU seconds | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.records:
            path = Path(tmp) / f"crawl-{n}.warc.gz"
            write_warc(path, n)
            out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], cwd=root,
                                 capture_output=True, text=True, check=True,
                                 env={"PYTHONPATH": str(root)})
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"| {n:,} | {path.stat().st_size / 1e6:.1f} MB | {r['articles']:,} | "
                  f"{r['skipped']:,} | {r['seconds']:.0f} | {r['cpu_seconds']:.0f} | "
                  f"{r['peak_rss_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
