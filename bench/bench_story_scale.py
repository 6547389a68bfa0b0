"""Counts and CPU time of story grouping and flagging at growing corpus sizes: is the cost linear?

    python bench/bench_story_scale.py [--sizes 2500 10000 40000] [--shape both|replicated|story]
                                      [--corpus FLAG_CORPUS] [--copies-share 0.05]

Two shapes, each size in a fresh process:
- replicated: bench/bench_flag.py's --scale corpus (the flag corpus' fingerprints replicated with
  perturbations, bench_flag.replicate; needs FLAG_CORPUS from bench/build_flag_corpus.py), grouping
  alone on precomputed representations (stories.group), as the README's figure;
- story: ../shared/data/news/bbc_dev.jsonl articles made distinct stories (in each replica of the
  file after the first, every word but the KEEP_COMMON most frequent gets a replica's suffix), plus
  one story (line STORY_LINE) copied copies-share x size times with small edits (spun at 0.03 or
  0.05 with the copy's seed, a republishing line added, or a paragraph cut), the original in the
  run too: a wire story on thousands of sites. Articles are read, not scored (every label clean,
  as bench_flag.py --pairwise-only); then stories.group_and_flag, the pipeline's pre-pass
  (pipeline.prepare_context: version joining, 97 sources) and trust's ranking of the flags
  (trust.rank_sources).

Printed per size: deterministic counts (candidate pairs, alignments while grouping, container
cosines, alignments, direction judgements and spun_apart tests while flagging) and CPU seconds
(time.process_time: the machine is shared, wall time is noisy) per article, with the ratio of each
to the previous size's (1.0 = linear; with 4x the articles, 4.0 per article would be quadratic).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BBC = ROOT.parent / "shared" / "data" / "news" / "bbc_dev.jsonl"
# The story copied many times: a 12-paragraph bbc_dev.jsonl article of ordinary length.
STORY_LINE = 50
SOURCES = 97
_WORD = re.compile(r"[A-Za-z]+")


class Counts:
    """Calls of the functions whose number says whether a step is linear."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def wrap(self, owner: Any, name: str, label: str) -> None:
        inner: Callable[..., Any] = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[label] += 1
            return inner(*args, **kwargs)

        setattr(owner, name, counted)


def _suffix(rep: int) -> str:
    out = ""
    while True:
        rep, r = divmod(rep, 26)
        out += chr(ord("a") + r)
        if not rep:
            return "q" + out


def story_corpus(size: int, copies_share: float) -> tuple[list[dict[str, str]], int]:
    """{id, text, source} rows: distinct stories and one story's copies; returns them and the copies."""
    from analyzer.spinner import spin

    rows, seen = [], set()
    for line in BBC.open(encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            if r["text"] not in seen:
                seen.add(r["text"])
                rows.append(r)
    story = rows.pop(STORY_LINE)
    df: Counter[str] = Counter()
    for r in rows:
        df.update({w.lower() for w in _WORD.findall(r["text"])})
    # Words kept as they are in every replica, as for bench_flag.py's replicated fingerprints:
    # replicas are different stories that share ordinary vocabulary.
    from bench.bench_flag import KEEP_COMMON

    common = {w for w, _ in df.most_common(KEEP_COMMON)}
    copies = round(copies_share * size)
    out = []
    for k in range(size - copies - 1):
        r, rep = rows[k % len(rows)], k // len(rows)
        suffix = _suffix(rep)
        text = r["text"] if not rep else _WORD.sub(
            lambda m, s=suffix: m.group() if m.group().lower() in common else m.group() + s, r["text"])  # type: ignore[misc]
        out.append({"id": f"{r['id']}#{rep}", "text": text})
    out.append({"id": "story", "text": story["text"]})
    paragraphs = story["text"].split("\n\n")
    for c in range(copies):
        kind = c % 4
        if kind < 2:
            text = spin(story["text"], rate=(0.03, 0.05)[kind], seed=c).text
        elif kind == 2:
            text = story["text"] + f"\n\nThis story was republished by site {c}."
        else:
            cut = 1 + c % (len(paragraphs) - 1)
            text = "\n\n".join(paragraphs[:cut] + paragraphs[cut + 1:])
        out.append({"id": f"story-copy-{c}", "text": text})
    for i, r in enumerate(out):
        r["source"] = f"site-{i % SOURCES}"
    return out, copies


def _instrument(counts: Counts) -> None:
    from analyzer import align, stories

    counts.wrap(align, "coverage_regions", "grouping_alignments")
    counts.wrap(align, "align_pair", "flag_alignments")
    counts.wrap(stories, "_garbled_side", "direction_judgements")
    counts.wrap(stories, "spun_apart", "spun_apart_tests")
    counts.wrap(stories, "_cosine", "cosines")


def child(shape: str, size: int, corpus: Path | None, copies_share: float) -> dict[str, Any]:
    from analyzer import stories

    counts = Counts()
    _instrument(counts)
    row: dict[str, Any] = {"shape": shape, "size": size}
    if shape == "replicated":
        from bench.bench_flag import _pairs, prf, replicate

        fps, gold = replicate(corpus, size)  # type: ignore[arg-type]
        t = time.process_time()
        grouping = stories.group(fps)
        row["group_cpu"] = time.process_time() - t
        by_story: dict[str, list[str]] = {}
        for aid, s in gold.items():
            by_story.setdefault(s, []).append(aid)
        gold_pairs = _pairs(list(by_story.values()))
        pred_pairs = _pairs([[fps[i].id for i in g] for g in grouping.stories])
        row["grouping_f1"] = prf(len(gold_pairs & pred_pairs), len(pred_pairs - gold_pairs),
                                 len(gold_pairs - pred_pairs))[2]
        row["largest_story"] = max(len(g) for g in grouping.stories)
    else:
        from analyzer import pipeline
        from analyzer.article import Article
        from analyzer.trust import default_model, rank_sources

        items, copies = story_corpus(size, copies_share)
        row["copies"] = copies
        articles = [Article(id=r["id"], text=r["text"], source=r["source"]) for r in items]
        t = time.process_time()
        pipeline.prepare_context(articles)
        row["prepass_cpu"] = time.process_time() - t
        grouped: dict[str, Any] = {}
        group = stories.group

        def timed_group(fps: Any) -> Any:
            t0 = time.process_time()
            grouped["g"] = g = group(fps)
            row["group_cpu"] = time.process_time() - t0
            return g

        stories.group = timed_group  # type: ignore[assignment]
        t = time.process_time()
        found, flags = stories.group_and_flag(articles)
        row["flag_cpu"] = time.process_time() - t - row["group_cpu"]
        stories.group = group  # type: ignore[assignment]
        grouping = grouped["g"]
        copy_ids = {"story"} | {r["id"] for r in items if r["id"].startswith("story-copy-")}
        story = max(found, key=lambda s: len(set(s["articles"]) & copy_ids))
        row["story_members"] = len(story["articles"])
        row["story_copies_grouped"] = len(set(story["articles"]) & copy_ids)
        row["story_original"] = story["original"]
        row["flags"] = len(flags)
        row["flags_naming_story"] = sum(f.original == "story" for f in flags)
        model = default_model()
        for a in articles:
            a.scores.setdefault("trust", 0.5)
        t = time.process_time()
        rank_sources(articles, flags, model)
        row["trust_cpu"] = time.process_time() - t
    row.update({k: float(v) for k, v in grouping.stats.items() if not k.endswith("_seconds")})
    row.update({k: float(v) for k, v in counts.calls.items()})
    return row


COUNTS = ("candidates", "candidates_lsh", "candidates_anchor", "candidates_contained", "grouping_alignments",
          "cosines", "flag_alignments", "direction_judgements", "spun_apart_tests")
CPU = ("group_cpu", "flag_cpu", "prepass_cpu", "trust_cpu")


def report(rows: list[dict[str, Any]]) -> None:
    prev: dict[str, Any] | None = None
    for row in rows:
        extra = (f"grouping F1 {row['grouping_f1']:.3f}, largest story {row['largest_story']}"
                 if row["shape"] == "replicated" else
                 f"{row['copies']} copies of one story: {row['story_copies_grouped']} grouped in a story of "
                 f"{row['story_members']}, original {row['story_original']}, {row['flags_naming_story']} flags "
                 f"name it ({row['flags']} flags)")
        print(f"{row['shape']} {row['size']:,d} articles ({extra})")
        for key in (*COUNTS, *CPU):
            if key not in row:
                continue
            per = row[key] / row["size"] * (1000 if key in CPU else 1)
            unit = "ms CPU" if key in CPU else ""
            ratio = ""
            if prev is not None and key in prev and prev[key]:
                ratio = f"  x{per / (prev[key] / prev['size'] * (1000 if key in CPU else 1)):.2f} per article"
            total = f"{row[key]:.2f} s" if key in CPU else f"{row[key]:,.0f}"
            print(f"  {key:22s} {total:>14s}  {per:10.3f} {unit} per article{ratio}")
        prev = row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 10000, 40000])
    parser.add_argument("--shape", choices=("both", "replicated", "story"), default="both")
    parser.add_argument("--corpus", type=Path, help="flag corpus (bench/build_flag_corpus.py), for --shape replicated")
    parser.add_argument("--copies-share", type=float, default=0.05,
                        help="copies of the one story, as a share of the articles (story shape)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.corpus, args.copies_share)))
        return 0
    shapes = ("replicated", "story") if args.shape == "both" else (args.shape,)
    if "replicated" in shapes and args.corpus is None:
        parser.error("--shape replicated needs --corpus (bench/build_flag_corpus.py's folder)")
    all_rows = []
    for shape in shapes:
        rows = []
        for size in args.sizes:
            cmd = [sys.executable, __file__, "--child", shape, str(size), "--copies-share", str(args.copies_share)]
            if args.corpus is not None:
                cmd += ["--corpus", str(args.corpus)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        report(rows)
        all_rows += rows
    if args.json:
        print(json.dumps(all_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
