"""Sentence-level evaluation of the hedging signal.

Data sets:
- ../shared/data/hedging/sfu_review_speculation_sentences.tsv: 17,263 product-review sentences
  (SFU Review corpus) labelled certain / uncertain. Its cues are broader than news hedging ("if",
  "or", "can", "should"), so this figure is reported, not tuned for. Printed beside it: the
  published hedge word list of words/hedges (../shared/data/hedging/hedge_lexicons.tsv, category
  `hedge`) matched as whole words, the "word list alone" baseline.
- seeds/ with evaluation/hedging_seed_gold.tsv: the five seed articles with their hedge cues
  annotated by hand; a seed sentence is gold-hedged when it contains an annotated cue.

Prints precision, recall and F1 of the hedged class per data set.
Run: python evaluation/eval_hedging.py [--errors N]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from analyzer.signals.base import scan_as_shown
from analyzer.signals.hedging import find_hedges
from analyzer.text import Span, split_sentences

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "hedging"
SFU = "sfu_review_speculation_sentences.tsv"
LEXICONS = "hedge_lexicons.tsv"
SEEDS = ROOT / "seeds"
SEED_GOLD = Path(__file__).resolve().parent / "hedging_seed_gold.tsv"


def _prf(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _one_sentence(text: str) -> list[bool]:
    _, flags = scan_as_shown(find_hedges, text, [Span(0, len(text), text)])
    return flags


def sfu_scores(data: Path = DATA, errors: int = 0) -> dict[str, tuple[float, float, float]]:
    with (data / SFU).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    with (data / LEXICONS).open(encoding="utf-8", newline="") as handle:
        words = [r["term"] for r in csv.DictReader(handle, delimiter="\t") if r["category"] == "hedge"]
    baseline_re = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE,
    )
    gold = [r["label"] == "uncertain" for r in rows]
    pred = [_one_sentence(r["text"])[0] for r in rows]
    baseline = [bool(baseline_re.search(r["text"])) for r in rows]
    shown = 0
    for row, g, p in zip(rows, gold, pred, strict=True):
        if shown < errors and g != p:
            shown += 1
            print(f"  [{'FP' if p else 'FN'}] cues={row['spec_cues']!r} {row['text'][:160]}")
    return {"analyzer": _prf(gold, pred), "word list": _prf(gold, baseline)}


def seed_gold() -> dict[str, list[tuple[int, int]]]:
    """Gold cue spans per seed file, located by their unique context."""
    gold: dict[str, list[tuple[int, int]]] = {}
    lines = [ln for ln in SEED_GOLD.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        text = (SEEDS / row["file"]).read_text(encoding="utf-8")
        at = text.find(row["context"])
        if at < 0 or text.find(row["context"], at + 1) >= 0:
            raise ValueError(f"context not unique in {row['file']}: {row['context']!r}")
        start = at + row["context"].index(row["cue"])
        gold.setdefault(row["file"], []).append((start, start + len(row["cue"])))
    return gold


def seed_scores(errors: int = 0) -> tuple[float, float, float]:
    gold_all, pred_all = [], []
    for name, spans in sorted(seed_gold().items()):
        text = (SEEDS / name).read_text(encoding="utf-8")
        sentences = split_sentences(text)
        _, flags = scan_as_shown(find_hedges, text, sentences)
        for sent, flag in zip(sentences, flags, strict=True):
            g = any(sent.start <= s < sent.end for s, _ in spans)
            gold_all.append(g)
            pred_all.append(flag)
            if errors and g != flag:
                print(f"  [{'FP' if flag else 'FN'}] {name}: {sent.text[:160]}")
    return _prf(gold_all, pred_all)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", type=int, default=0, help="print N misclassified sentences")
    args = parser.parse_args(argv)
    p, r, f = seed_scores(args.errors)
    print(f"seeds (hand-annotated, {SEED_GOLD.name}) hedged-sentence analyzer : P={p:.3f} R={r:.3f} F1={f:.3f}")
    if not args.data.is_dir():
        print(f"no data at {args.data}: SFU figures skipped", file=sys.stderr)
        return 0
    for name, (p, r, f) in sfu_scores(args.data, args.errors).items():
        print(f"SFU Review speculation ({SFU}) uncertain-sentence {name:9s}: P={p:.3f} R={r:.3f} F1={f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
