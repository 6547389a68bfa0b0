"""Evaluate the spun-phrase detector (analyzer/spinning.py).

Prints, each with its data set named:
- seeds (seeds/000-004): tortured-phrase flags per seed; for seed 003 (spun AFP copy) how many
  flags carry a suggestion;
- bbc_dev.jsonl spun by analyzer.spinner (Moby thesaurus; the detector uses WordNet and a curated
  list) at 5 substitutions per 100 words: span recall (a substitution counts as found when a
  flag overlaps it), suggestion accuracy on found spans, and the document-level ROC AUC of the
  rare-synonym rate (spun vs original);
- clean bbc_dev.jsonl: false flags per 1,000 words;
- speed: find_spun + spin_features, articles per second on one core.

Usage: python evaluation/eval_spinning.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.spinner import spin  # noqa: E402
from analyzer.spinning import find_spun, spin_features  # noqa: E402
from analyzer.text import count_words  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "news" / "bbc_dev.jsonl"
SPIN_RATE = 0.05


def auc(pos: list[float], neg: list[float]) -> float:
    """ROC AUC by pairwise comparison (ties count one half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def eval_seeds() -> dict[str, int]:
    out = {}
    for path in sorted((ROOT / "seeds").glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        flags = find_spun(text)
        out[path.name[:3]] = len(flags)
        with_sugg = sum(1 for f in flags if f.suggestion)
        print(f"seeds/{path.name}: {len(flags)} tortured-phrase flags ({with_sugg} with a suggestion)")
    return out


def eval_bbc(limit: int | None) -> dict[str, float]:
    articles = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        articles = articles[:limit]
    found = total = right = 0
    spun_words = clean_words = clean_flags = spun_false = 0
    pos: list[float] = []
    neg: list[float] = []
    for k, art in enumerate(articles):
        text = art["text"]
        spun = spin(text, rate=SPIN_RATE, seed=k)
        flags = find_spun(spun.text)
        for sub in spun.substitutions:
            total += 1
            hits = [f for f in flags if f.start < sub.end and f.end > sub.start]
            if hits:
                found += 1
                right += any((h.suggestion or "").lower() == sub.original.lower() for h in hits)
        spun_false += sum(
            1 for f in flags if not any(f.start < s.end and f.end > s.start for s in spun.substitutions)
        )
        spun_words += count_words(spun.text)
        clean = find_spun(text)
        clean_flags += len(clean)
        clean_words += count_words(text)
        spun_feats = spin_features(spun.text, flags)
        pos.append(spun_feats["rare_synonym_per_100w"] + spun_feats["spin_flags_per_100w"])
        feats = spin_features(text, clean)
        neg.append(feats["rare_synonym_per_100w"] + feats["spin_flags_per_100w"])
    n = len(articles)
    recall = found / max(total, 1)
    print(f"bbc_dev.jsonl ({n} articles) spun by analyzer.spinner (moby, {SPIN_RATE:.0%} of words, seed=index):")
    print(f"  substitutions {total}, span recall {recall:.3f},"
          f" right suggestion on found spans {right / max(found, 1):.3f}")
    print(f"  flags not on a substitution in spun text: {1000 * spun_false / max(spun_words, 1):.2f} per 1,000 words")
    print(f"  document ROC AUC (rare-synonym rate + flag rate), spun vs original: {auc(pos, neg):.3f}")
    fp_rate = 1000 * clean_flags / max(clean_words, 1)
    print(f"clean bbc_dev.jsonl ({n} articles, {clean_words} words): {clean_flags} flags"
          f" = {fp_rate:.3f} per 1,000 words")
    start = time.process_time()
    for art in articles:
        ev = find_spun(art["text"])
        spin_features(art["text"], ev)
    rate = n / (time.process_time() - start)
    print(f"speed on clean bbc_dev.jsonl: {rate:.0f} articles/s (find_spun + spin_features, one core, CPU time, warm)")
    return {"recall": recall, "fp_per_1000": fp_rate, "speed": rate}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    eval_seeds()
    if BBC.is_file():
        eval_bbc(args.limit)
    else:
        print(f"{BBC} absent: BBC figures skipped")


if __name__ == "__main__":
    main()
