"""Memory held per scored article, the figure behind api.DEFAULT_MAX_ARTICLES; and, with --sizes,
the peak memory and CPU time of scoring one huge article.

    python bench/bench_memory.py [JSONL] [--limit N]
    python bench/bench_memory.py [JSONL] --sizes MB [MB ...]

`flag` and `trust` keep every scored Article (with its evidence and details) to compare copies;
this scores the first N articles of JSONL (default ../shared/data/news/bbc_dev.jsonl) the way
api.flag_paths does and prints the bytes traced by tracemalloc per article held.

With --sizes, for each size it builds one article of about that many MB (the texts of JSONL joined
with blank lines, from the first on, over again if need be, as a scraped page or a concatenated
feed is), scores it in a fresh process as `analyzer score` does (api.score_paths on a .txt file,
no --max-bytes or time limit in the way) and prints that process's peak resident memory
(getrusage ru_maxrss) and CPU seconds (user + system, start-up and model loading included), and
in brackets what start-up and model loading alone took (before the article is read).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

from analyzer import api

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "bbc_dev.jsonl"

# Run in the child: score one file and report the process's own peak RSS and CPU time.
_CHILD = """
import json, resource, sys
from analyzer import api, guard, pipeline
guard.set_limit(0)
MAX_BYTES = int(sys.argv[2])
pipeline.warm_up()  # as the first article would: models and lexicons loaded
ready = resource.getrusage(resource.RUSAGE_SELF)
items = list(api.score_paths([sys.argv[1]], max_bytes=MAX_BYTES, max_line_bytes=MAX_BYTES))
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"scored": sum(isinstance(i, api.Article) for i in items),
                  "max_rss_kb": usage.ru_maxrss, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "ready_rss_kb": ready.ru_maxrss, "ready_cpu_s": ready.ru_utime + ready.ru_stime}))
"""


def joined_article(jsonl: Path, megabytes: float) -> str:
    """The texts of `jsonl` joined with blank lines until about `megabytes` MB of UTF-8."""
    texts = [json.loads(line)["text"] for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    target = megabytes * 1_000_000
    parts: list[str] = []
    size = 0
    for text in itertools.cycle(texts):
        if size >= target:
            break
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    return "\n\n".join(parts)


def huge_articles(jsonl: Path, sizes: list[float]) -> None:
    print(f"data set: {jsonl.name} (texts joined with blank lines into one article)")
    print(f"{'MB':>6} {'chars':>11} {'peak RSS MB':>12} {'CPU s':>7}   (of which start-up: RSS MB, CPU s)")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            text = joined_article(jsonl, megabytes)
            path = Path(folder) / f"article_{megabytes:g}MB.txt"
            path.write_text(text, encoding="utf-8")
            command = [sys.executable, "-c", _CHILD, str(path), str(path.stat().st_size)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            if result["scored"] != 1:
                raise SystemExit(f"the {megabytes:g} MB article was not scored: {done.stderr[-2000:]}")
            print(f"{megabytes:>6g} {len(text):>11,} {result['max_rss_kb'] / 1024:>12,.0f} {result['cpu_s']:>7.1f}"
                  f"   ({result['ready_rss_kb'] / 1024:,.0f}, {result['ready_cpu_s']:.1f})", flush=True)


def held_per_article(jsonl: Path, limit: int) -> None:
    # Warm up: lexicons, models and caches loaded once per process are not per-article memory.
    list(api.score_paths([jsonl]))
    gc.collect()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    held = []
    for item in api.score_paths([jsonl]):
        if isinstance(item, api.Article):
            held.append(item)
            if len(held) >= limit:
                break
    gc.collect()
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_article = (after - before) / max(1, len(held))
    print(f"data set: {jsonl.name}")
    print(f"articles held: {len(held)}")
    print(f"bytes per scored article held: {per_article:,.0f}")
    print(f"articles per GB: {1e9 / per_article:,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jsonl", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--sizes", type=float, nargs="+", metavar="MB",
                        help="Score one article of each size (MB) in a fresh process: peak RSS and CPU time.")
    args = parser.parse_args()
    if args.sizes:
        huge_articles(args.jsonl, args.sizes)
    else:
        held_per_article(args.jsonl, args.limit)


if __name__ == "__main__":
    main()
