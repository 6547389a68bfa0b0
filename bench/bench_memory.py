"""Memory held per scored article, the figure behind api.DEFAULT_MAX_ARTICLES.

    python bench/bench_memory.py [JSONL] [--limit N]

`flag` and `trust` keep every scored Article (with its evidence and details) to compare copies;
this scores the first N articles of JSONL (default ../shared/data/news/bbc_dev.jsonl) the way
api.flag_paths does and prints the bytes traced by tracemalloc per article held.
"""

from __future__ import annotations

import argparse
import gc
import tracemalloc
from pathlib import Path

from analyzer import api

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "bbc_dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jsonl", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args()
    # Warm up: lexicons, models and caches loaded once per process are not per-article memory.
    list(api.score_paths([args.jsonl]))
    gc.collect()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    held = []
    for item in api.score_paths([args.jsonl]):
        if isinstance(item, api.Article):
            held.append(item)
            if len(held) >= args.limit:
                break
    gc.collect()
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_article = (after - before) / max(1, len(held))
    print(f"data set: {args.jsonl.name}")
    print(f"articles held: {len(held)}")
    print(f"bytes per scored article held: {per_article:,.0f}")
    print(f"articles per GB: {1e9 / per_article:,.0f}")


if __name__ == "__main__":
    main()
