"""Story grouping on short texts: every paragraph of ../shared/data/news/bbc_dev.jsonl as an article.

    python bench/bench_paragraphs.py [--save STORIES.json] [--compare STORIES.json] [--show 10]

Session 26 (bug hunt 25, F2). The 7,691 paragraphs (split on blank lines) are human BBC copy; the
same paragraph recurs in versions of one story, and paragraphs of related reports (one bid, one
awards night) share names and figures, often in one sentence. A change to candidate generation or
verification must not join different paragraphs that were apart before. Grouping alone
(stories.group on fingerprints of the paragraphs' sentences), in this process: prints the stories
of two or more paragraphs, the candidate pairs, aligned pairs, grouping seconds and peak RSS.
--save writes the multi-paragraph stories (paragraph indices); --compare reads such a file from an
earlier run (the code before a change) and counts the pairs of different paragraphs (texts not
equal once whitespace is normalised) grouped now but not then, printing the stories that hold them.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "news" / "bbc_dev.jsonl"


def paragraphs(path: Path = DATA) -> list[str]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [p for r in rows for p in r["text"].split("\n\n") if p.strip()]


def _pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {(a, b) for g in groups for a, b in combinations(sorted(g), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write the multi-paragraph stories (indices) here")
    parser.add_argument("--compare", type=Path, help="a --save file of an earlier run to compare with")
    parser.add_argument("--show", type=int, default=10, help="new stories to print with their texts")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is not present", file=sys.stderr)
        return 1
    from analyzer import stories
    from analyzer.text import split_sentences

    paras = paragraphs()
    fps = [stories.fingerprint(str(i), split_sentences(p)) for i, p in enumerate(paras)]
    t0 = time.perf_counter()
    grouping = stories.group(fps)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    multi = [g for g in grouping.stories if len(g) > 1]
    stats = grouping.stats
    print(f"data set: {len(paras)} paragraphs of {DATA.name} as articles (grouping only)")
    print(f"  stories of 2+ paragraphs {len(multi)}; candidates {stats['candidates']:.0f} "
          f"(LSH {stats['candidates_lsh']:.0f}, anchors {stats['candidates_anchor']:.0f}"
          + (f", contained {stats['candidates_contained']:.0f}" if "candidates_contained" in stats else "")
          + f"), aligned {stats['aligned_pairs']:.0f}; grouping {seconds:.1f} s, peak RSS {peak:.0f} MiB")
    if args.save:
        args.save.write_text(json.dumps(multi), encoding="utf-8")
    if args.compare:
        before = _pairs(json.loads(args.compare.read_text(encoding="utf-8")))
        norm = [" ".join(p.split()) for p in paras]
        new = {(a, b) for a, b in _pairs(multi) - before if norm[a] != norm[b]}
        gone = {(a, b) for a, b in before - _pairs(multi) if norm[a] != norm[b]}
        held = [g for g in multi if any((a, b) in new for a, b in combinations(sorted(g), 2))]
        print(f"  against {args.compare.name}: pairs of different paragraphs grouped now, not before: {len(new)} "
              f"(in {len(held)} stories); grouped before, not now: {len(gone)}")
        for g in held[:args.show]:
            print(f"    story of {len(g)}:")
            for i in g:
                print(f"      [{i}] {norm[i][:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
