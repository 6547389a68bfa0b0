"""Versions of wire stories in one `analyzer flag` run: is each early cut version grouped with its story?

    python bench/bench_wire.py [--stories 10] [--out wire.jsonl] [--pairwise-only] [--json]

Session 26 (bug hunt 25, F2). For the first N distinct ../shared/data/news/bbc_dev.jsonl articles of
MIN_PARAGRAPHS or more paragraphs (bench/build_flag_corpus.py's de-duplication), five copies as a wire
service and the sites that take it publish them:
- v1, the early cut: the first EARLY_SHARE of the paragraphs (rounded up);
- v2, the first LATER_SHARE of them;
- v3, the full story;
- mirror, the full story plus a share footer;
- spun, the full story through analyzer.spinner (rate SPIN_RATE): an auto-blog.
Prints how many stories are one story in the output (all five copies grouped together), how many
early versions are grouped with their story, grouping precision over pairs (no copy grouped with
another story's), and how many spun copies are flagged naming v2, v3 or the mirror as original.
--out keeps the generated JSON Lines file (a scratch file: never commit it).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DATA = ROOT.parent / "shared" / "data" / "news" / "bbc_dev.jsonl"
MIN_PARAGRAPHS = 7
EARLY_SHARE = 0.35
LATER_SHARE = 0.7
SPIN_RATE = 0.05
FOOTER = "Share this: Facebook | Twitter | Email\n\nRead more business stories"
COPIES = ("v1", "v2", "v3", "mirror", "spun")


def build(stories: int = 10, data: Path = DATA) -> list[dict]:
    """The wire set: five copies of each of `stories` BBC articles, as {id, source, text, story}."""
    from build_flag_corpus import _jsonl, _unique_bbc

    from analyzer.spinner import spin

    rows = [r for r in _unique_bbc(_jsonl(data)) if len(_paragraphs(r["text"])) >= MIN_PARAGRAPHS][:stories]
    out: list[dict] = []
    for i, row in enumerate(rows):
        paras = _paragraphs(row["text"])
        full = "\n\n".join(paras)
        texts = {"v1": "\n\n".join(paras[:math.ceil(EARLY_SHARE * len(paras))]),
                 "v2": "\n\n".join(paras[:round(LATER_SHARE * len(paras))]),
                 "v3": full,
                 "mirror": f"{full}\n\n{FOOTER}",
                 "spun": spin(full, rate=SPIN_RATE, seed=i).text}
        for name in COPIES:
            out.append({"id": f"s{i}-{name}", "source": "Wire" if name != "spun" else "autoblog",
                        "text": texts[name], "story": f"s{i}"})
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def evaluate(records: list[dict], result: dict) -> dict[str, float]:
    truth = {r["id"]: r["story"] for r in records}
    story_of = {aid: s["story"] for s in result["stories"] for aid in s["articles"]}
    n = len({r["story"] for r in records})
    whole = sum(len({story_of[f"s{i}-{c}"] for c in COPIES}) == 1 for i in range(n))
    early = sum(story_of[f"s{i}-v1"] == story_of[f"s{i}-v3"] for i in range(n))
    pred = {tuple(sorted(p)) for s in result["stories"] for p in combinations(s["articles"], 2)}
    wrong = sum(truth[a] != truth[b] for a, b in pred)
    flags = {f["id"]: f for f in result["flags"]}
    spun_ok = sum(flags.get(f"s{i}-spun", {}).get("original") in {f"s{i}-v2", f"s{i}-v3", f"s{i}-mirror"}
                  for i in range(n))
    return {"stories": n, "whole_stories": whole, "early_joined": early,
            "grouping_precision": (len(pred) - wrong) / len(pred) if pred else 1.0,
            "spun_flagged_with_fuller_original": spun_ok}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10)
    parser.add_argument("--out", type=Path, help="keep the generated JSON Lines file here")
    parser.add_argument("--pairwise-only", action="store_true",
                        help="read the articles without running the signals (grouping only)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is not present", file=sys.stderr)
        return 1
    from analyzer import api

    records = build(args.stories)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.out or Path(tmp) / "wire.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps({k: r[k] for k in ("id", "source", "text")}, ensure_ascii=False) + "\n")
        if args.pairwise_only:
            from analyzer.io.readers import read_paths

            articles, errors = api.split(read_paths([path]))
            result = api.flag_articles(articles, errors).to_dict()
        else:
            result = api.flag_paths([path]).to_dict()
    figures = evaluate(records, result)
    print(f"data set: wire set from {DATA.name} ({figures['stories']} stories x {len(COPIES)} copies: "
          f"v1 first {EARLY_SHARE:.0%} of paragraphs, v2 {LATER_SHARE:.0%}, v3 full, mirror, spun)")
    print(f"  stories grouped whole            {figures['whole_stories']} of {figures['stories']}")
    print(f"  early versions (v1) joined       {figures['early_joined']} of {figures['stories']}")
    print(f"  grouping precision (pairs)       {figures['grouping_precision']:.3f}")
    print(f"  spun copies naming v2/v3/mirror  {figures['spun_flagged_with_fuller_original']} of {figures['stories']}")
    for s in result["stories"]:
        if len(s["articles"]) < len(COPIES):
            print(f"    {s['story']}: {', '.join(s['articles'])} (original {s['original']})")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
