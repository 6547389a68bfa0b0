"""Per-article CPU time of the attribution, hedging and readability signals on bbc_dev.jsonl.

Sentences are split before timing (the pipeline shares them between signals); each signal runs
over the same articles REPEATS times and the best run is reported, in CPU time (process_time) so
that other processes on the machine do not inflate it.
Run: python bench/bench_text_signals.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from analyzer.article import Article
from analyzer.signals.attribution import attribution_signal
from analyzer.signals.base import RunContext
from analyzer.signals.hedging import hedging_signal
from analyzer.signals.readability import readability_signal

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "news" / "bbc_dev.jsonl"
REPEATS = 3


def load_rows(data: Path, limit: int) -> list[dict] | None:
    """The first `limit` (0 = all) records of a JSONL file; None, with a message, when it is missing."""
    if not data.is_file():
        print(f"no data at {data}", file=sys.stderr)
        return None
    rows = [json.loads(line) for line in data.open(encoding="utf-8")]
    return rows[:limit] if limit else rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    rows = load_rows(args.data, args.limit)
    if rows is None:
        return 1
    articles = [Article(id=str(i), text=r["text"]) for i, r in enumerate(rows)]
    for article in articles:
        _ = article.sentences
    context = RunContext()
    total = 0.0
    for signal in (attribution_signal, hedging_signal, readability_signal):
        signal(articles[0], context)  # load lexicons and dictionaries outside the timing
        runs = []
        for _ in range(REPEATS):
            t0 = time.process_time()
            for article in articles:
                signal(article, context)
            runs.append((time.process_time() - t0) / len(articles) * 1000)
        best = min(runs)
        total += best
        # The first pass also fills per-word memos (readability's syllable counts), as a run on a
        # new corpus does; later passes find every word known.
        print(f"{args.data.name} ({len(articles)} articles) {signal.__name__:20s}: {best:.3f} ms/article CPU "
              f"(first pass {runs[0]:.3f})")
    print(f"{args.data.name} attribution + hedging + readability: {total:.3f} ms/article CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
