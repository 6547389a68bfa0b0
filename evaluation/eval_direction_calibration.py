"""Calibration of the rewrite direction on language pairs the models never saw.

`flag` names the machine copy of two translations of one text by stories.rewrite_direction, the log-odds
d that its first copy is the machine one (translation evidence from models/translation.json plus the pair
model models/translation_pairs.json), and `trust` holds a machine-translation flag naming its original at
max(0.029, 1 - sigmoid(d)) (trust.model.GRADED_HOLD_LABEL), on the claim that sigmoid(d) is the
probability that the flag is right. This measures that claim, per WMT language pair held out:

- data: mt/wmt_dev_docs.jsonl (ja-en documents) and mt/wmt_dev_segments.tsv (zh-en, de-en; pseudo-documents
  of train_translation.SEGMENTS_PER_DOC consecutive segments), the human and the machine translation of each
  source, as scripts/train_translation.py and evaluation/eval_translation.py --pairs read them;
- held out: for each language pair, both models refitted without it (scripts/train_translation.py and
  scripts/train_translation_pairs.py, `train(data, without=pair)`, held in memory: models/ is not touched),
  that pair's documents scored with them as `analyzer score` scores them (api.score_articles, the human
  translations under one source and the machine ones under another, as bench/build_flag_corpus.py gives
  them), d = rewrite_direction(machine, human); beside it the shipped models (in-sample, every pair);
- per language pair and over the held-out pairs together: the share of pairs whose machine copy sigmoid(d)
  names (d > 0; d = 0 counts half), the expected number of wrong directions sum min(p, 1 - p), p = sigmoid(d),
  against the observed number, the chance of observing that many or more if the p were right (Poisson
  binomial), the Brier score mean (1 - p)^2 and the log loss mean -log p (the truth is always "the machine
  copy is the first"), and a reliability table: pairs binned by sigmoid(|d|), the probability of the side d
  names, against the share of them named right;
- the flags `flag` gives on each pair's documents (api.flag_articles): machine-translation flags naming an
  original with a direction, how many flag the human translation, against the expected number
  sum (1 - sigmoid(direction)), what the graded hold rests on.

Usage: python evaluation/eval_direction_calibration.py [--data ../shared/data] [--pairs ja-en zh-en de-en]
                                                      [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_translation as T  # noqa: E402
import train_translation_pairs as P  # noqa: E402

from analyzer import api, stories  # noqa: E402
from analyzer.article import Article  # noqa: E402
from analyzer.signals import translation as tr  # noqa: E402
from analyzer.trust.model import GRADED_HOLD_LABEL, flag_probability  # noqa: E402

LANGUAGE_PAIRS = ("ja-en", "zh-en", "de-en")
# The sources the two translations are scored under (bench/build_flag_corpus.py's for WMT ja-en).
HUMAN_SOURCE, MACHINE_SOURCE = "WMT reference", "MT auto-blog"
# Reliability bins of sigmoid(|d|), the probability of the side d names (0.5 to 1).
BIN_EDGES = (0.5, 0.6, 0.7, 0.8, 0.9, 0.99, 1.0)


@dataclass
class PairReading:
    """One source's human and machine translation: d = rewrite_direction(machine, human)."""

    language_pair: str
    source: str
    direction: float


@dataclass
class FlagReading:
    """A machine-translation flag naming an original with a direction; right when it flags the machine copy."""

    language_pair: str
    copy: str
    direction: float
    right: bool


def poisson_binomial_tail(ps: list[float], k: int) -> float:
    """P(at least k of independent events with probabilities ps happen)."""
    dist = [1.0]
    for p in ps:
        nxt = [0.0] * (len(dist) + 1)
        for i, q in enumerate(dist):
            nxt[i] += q * (1 - p)
            nxt[i + 1] += q * p
        dist = nxt
    return sum(dist[k:]) if k < len(dist) else 0.0


def calibration(directions: list[float]) -> dict:
    """Figures of the directions d (each d of a (machine, human) pair: d > 0 names the machine copy)."""
    n = len(directions)
    if not n:
        return {"pairs": 0}
    ps = [flag_probability(d) for d in directions]
    wrong_p = [min(p, 1 - p) for p in ps]
    observed = sum(1.0 if d < 0 else 0.5 if d == 0 else 0.0 for d in directions)
    table = []
    for lo, hi in zip(BIN_EDGES, BIN_EDGES[1:], strict=False):
        members = [(max(p, 1 - p), 1.0 if d > 0 else 0.5 if d == 0 else 0.0)
                   for p, d in zip(ps, directions, strict=True)
                   if lo <= max(p, 1 - p) < hi or (hi == 1.0 and max(p, 1 - p) == 1.0)]
        table.append({"bin": f"{lo:.2f}-{hi:.2f}", "pairs": len(members),
                      "mean_probability": sum(c for c, _ in members) / len(members) if members else None,
                      "share_right": sum(r for _, r in members) / len(members) if members else None})
    return {"pairs": n, "ties": sum(d == 0 for d in directions), "share_right": 1 - observed / n,
            "observed_wrong": observed,
            "expected_wrong": sum(wrong_p),
            "p_at_least_observed": poisson_binomial_tail(wrong_p, math.ceil(observed)),
            "brier": sum((1 - p) ** 2 for p in ps) / n,
            # -log sigmoid(d) = softplus(-d), taken so that a confident wrong d costs -d, not a floor's
            # log (sigmoid(-800) is 0.0 in floats).
            "log_loss": sum(max(-d, 0.0) + math.log1p(math.exp(-abs(d))) for d in directions) / n,
            "reliability": table}


def flag_figures(flags: list[FlagReading]) -> dict:
    wrong = sum(not f.right for f in flags)
    ps = [1 - flag_probability(f.direction) for f in flags]
    return {"flags": len(flags), "wrong": wrong, "expected_wrong": sum(ps),
            "p_at_least_observed": poisson_binomial_tail(ps, wrong) if flags else 1.0,
            "wrong_flags": [(f.copy, round(f.direction, 3)) for f in flags if not f.right]}


def pair_documents(docs: list[T.Doc], language_pair: str) -> tuple[list[dict], list[tuple[str, str]]]:
    """The records of one language pair's documents and the (machine id, human id) of each source."""
    chosen = [d for d in docs if d.group == language_pair]
    # wmt_dev_docs.jsonl gives both translations of a source one id; a run reads the second as `<id>:2`.
    ids = [f"{d.pair}-{'mt' if d.label else 'ref'}" for d in chosen]
    records = [{"id": i, "source": MACHINE_SOURCE if d.label else HUMAN_SOURCE, "text": d.text}
               for i, d in zip(ids, chosen, strict=True)]
    return records, [(ids[m], ids[h]) for m, h in P.translation_pairs(chosen)]


def read_pairs(docs: list[T.Doc], language_pair: str) -> tuple[list[PairReading], list[FlagReading]]:
    """Score one language pair's documents with the models in use and read their directions and flags."""
    records, pairs = pair_documents(docs, language_pair)
    scored = [a for a in api.score_articles(records) if isinstance(a, Article)]
    by_id = {a.id: a for a in scored}
    readings = [PairReading(language_pair, m, stories.rewrite_direction(by_id[m], by_id[h]))
                for m, h in pairs if m in by_id and h in by_id]
    machine_ids = {m for m, _ in pairs}
    flags = [FlagReading(language_pair, f.id, f.direction, f.id in machine_ids)
             for f in api.flag_articles(scored).flags
             if f.label == GRADED_HOLD_LABEL and f.original is not None and f.direction is not None]
    return readings, flags


def report(data: Path, language_pairs: tuple[str, ...]) -> dict:
    docs = T.wmt_docs(data)
    out: dict = {"in_sample": {}, "held_out": {}}
    held: list[PairReading] = []
    held_flags: list[FlagReading] = []
    shipped: list[PairReading] = []
    shipped_flags: list[FlagReading] = []
    for pair in language_pairs:
        readings, flags = read_pairs(docs, pair)
        shipped += readings
        shipped_flags += flags
        out["in_sample"][pair] = _figures(readings, flags)
        print(f"{pair}: in-sample read; fitting without it", file=sys.stderr)
        with tr.models_swapped(*P.fitted_without(data, pair)):
            readings, flags = read_pairs(docs, pair)
        held += readings
        held_flags += flags
        out["held_out"][pair] = _figures(readings, flags)
    out["in_sample"]["all"] = _figures(shipped, shipped_flags)
    out["held_out"]["all"] = _figures(held, held_flags)
    return out


def _figures(readings: list[PairReading], flags: list[FlagReading]) -> dict:
    """calibration and flag_figures, with the sources whose direction names the human translation."""
    return {**calibration([r.direction for r in readings]), "flags": flag_figures(flags),
            "wrong_pairs": [(r.source, round(r.direction, 3)) for r in readings if r.direction <= 0]}


def _f(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_report(out: dict) -> None:
    print("== calibration of stories.rewrite_direction (what flag names the machine copy by and the graded hold "
          "reads), mt/wmt_dev_docs.jsonl (ja-en) + mt/wmt_dev_segments.tsv (zh-en, de-en; pseudo-documents of "
          f"{T.SEGMENTS_PER_DOC} segments): human vs machine translation of each source")
    for split, name in (("held_out", "held out (both models fitted without the language pair)"),
                        ("in_sample", "in-sample (shipped models, fitted on every pair)")):
        print(f"-- {name}")
        for pair, r in out[split].items():
            if not r.get("pairs"):
                continue
            fl = r["flags"]
            print(f"{pair:<6} pairs {r['pairs']:>4d} (d = 0: {r['ties']})  named right {r['share_right']:.3f}  "
                  "wrong observed "
                  f"{r['observed_wrong']:.1f} vs expected {r['expected_wrong']:.1f} (P(>= observed) "
                  f"{r['p_at_least_observed']:.3f})  Brier {r['brier']:.4f}  log loss {r['log_loss']:.4f}  |  "
                  f"MT flags with a direction {fl['flags']}, wrong {fl['wrong']} vs expected "
                  f"{fl['expected_wrong']:.1f} (P(>= observed) {fl['p_at_least_observed']:.3f})")
        r = out[split]["all"]
        print("   reliability (all pairs): sigmoid(|d|) bin, pairs, mean sigmoid(|d|), share named right")
        for b in r["reliability"]:
            print(f"     {b['bin']}  {b['pairs']:>4d}  {_f(b['mean_probability'])}  {_f(b['share_right'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    parser.add_argument("--pairs", nargs="+", default=list(LANGUAGE_PAIRS), choices=LANGUAGE_PAIRS)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object too")
    args = parser.parse_args(argv)
    out = report(args.data, tuple(args.pairs))
    print_report(out)
    if args.json:
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
