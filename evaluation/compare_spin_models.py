"""Compare spun-word detector files on every spinner thesaurus, at their own and at a common operating point.

For leave-one-thesaurus-out comparisons (scripts/train_spin_detector.py --thesauri ... --output F):
each model's threshold comes from its own calibration part, so the false flags it gives on the
test half differ from model to model, and span recall moves with them. This script prints, for
each model file given, on the bbc_dev.jsonl TEST half (md5(id) >= 0.5, never trained on) spun by
analyzer.spinner with each thesaurus (analyzer.spinner.THESAURI) at 5 substitutions per 100 words:
- at the model's own threshold: span recall, right-suggestion share, false flags per 1,000 clean
  words (the clean test half) and document ROC AUC by mean spin probability (the figures of
  scripts/train_spin_detector.py's evaluate);
- with the article gate of analyzer.spinning at its shipped GATE_PROBABILITY, and at the value its
  own rule gives for the model (the lowest in steps of 0.05 at which the gate opens on at most 0.1%
  of the clean articles of the bbc_dev.jsonl training half; the shipped value was set so for the
  shipped model only, and a model trained on other thesauri puts more clean words above it);
- at a common operating point: the threshold moved (bisection) until the clean test half gets
  --fp-target false flags per 1,000 words, then the span recall there. This uses the test half's
  clean texts to set the threshold, so it is a comparison of models, not a figure to ship.

    python evaluation/compare_spin_models.py models/spin_detector.json /tmp/a.json [--fp-target 0.5]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_spin_detector as T  # noqa: E402

from analyzer import spin_model, spinning  # noqa: E402
from analyzer.spinner import THESAURI  # noqa: E402

# Bisection steps on the threshold for the common operating point (0.3-0.995 to within ~0.001).
BISECTION_STEPS = 10
# The gate rule of analyzer.spinning (comment above GATE_PROBABILITY): steps and the share of clean
# training-half articles it may open on.
GATE_STEP = 0.05
GATE_MAX_OPEN_SHARE = 0.001


def gate_by_rule(model: spin_model.SpinModel, train_clean: list[T.Version]) -> float:
    """The lowest GATE_PROBABILITY (steps of GATE_STEP) at which the gate opens on at most
    GATE_MAX_OPEN_SHARE of the clean training-half articles, for this model."""
    probs = T.probabilities(model, train_clean)
    allowed = int(GATE_MAX_OPEN_SHARE * len(train_clean))
    for step in range(1, round(1 / GATE_STEP)):
        gate = round(step * GATE_STEP, 2)
        opened = sum(spinning.gate_opens(p, v.cands.n_words, gate) for v, p in zip(train_clean, probs, strict=True))
        if opened <= allowed:
            return gate
    return 1.0


def false_flags_per_1000(model: spin_model.SpinModel, clean: list[T.Version]) -> float:
    flags = sum(len(T.flags(model, v, p)) for v, p in zip(clean, T.probabilities(model, clean), strict=True))
    return 1000 * flags / max(1, sum(v.cands.n_words for v in clean))


def at_false_flags(model: spin_model.SpinModel, clean: list[T.Version], target: float) -> spin_model.SpinModel:
    """The model with the lowest threshold whose false flags on `clean` stay at or below `target`."""
    low, high = T.RARE_THRESHOLD, 0.995
    for _ in range(BISECTION_STEPS):
        mid = (low + high) / 2
        if false_flags_per_1000(dataclasses.replace(model, threshold=mid), clean) <= target:
            high = mid
        else:
            low = mid
    return dataclasses.replace(model, threshold=high)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", type=Path, nargs="+", help="detector files (scripts/train_spin_detector.py --output)")
    parser.add_argument("--fp-target", type=float, default=0.5, help="false flags per 1,000 clean words (default 0.5)")
    parser.add_argument("--limit", type=int, default=None, help="first N test articles only")
    args = parser.parse_args()
    fit_arts, calib_arts, test_arts = T.load_split()
    test_arts = test_arts[: args.limit]
    train_clean = T.clean_versions(fit_arts + calib_arts)
    shipped_gate = spinning.GATE_PROBABILITY
    clean = T.clean_versions(test_arts)
    spun = {th: T.spun_versions(test_arts, th, (T.EVAL_RATE,)) for th in THESAURI}
    print(f"bbc_dev.jsonl test half ({len(test_arts)} articles), spun at {T.EVAL_RATE:.0%} per thesaurus;"
          " false flags on its clean texts")
    for path in args.models:
        model = spin_model.load_model(path)
        trained = T.trained_thesauri(model)
        for gate in dict.fromkeys((shipped_gate, gate_by_rule(model, train_clean))):
            spinning.GATE_PROBABILITY = gate  # read as a module global by spinning.word_threshold
            report(path, model, trained, gate, clean, spun, args.fp_target)
        spinning.GATE_PROBABILITY = shipped_gate


def report(path: Path, model: spin_model.SpinModel, trained: list[str], gate: float, clean: list[T.Version],
           spun: dict[str, list[T.Version]], fp_target: float) -> None:
    common = at_false_flags(model, clean, fp_target)
    print(f"{path} (trained on {'+'.join(trained)}; gate probability {gate}; own threshold {model.threshold:.4f},"
          f" false flags {false_flags_per_1000(model, clean):.3f} per 1,000 words; threshold {common.threshold:.4f}"
          f" for {fp_target} per 1,000 words gives {false_flags_per_1000(common, clean):.3f}):")
    for th in THESAURI:
        own = T.evaluate(model, spun[th], clean)
        matched = T.evaluate(common, spun[th], clean)
        seen = "trained" if th in trained else "UNSEEN"
        print(f"  {th:8} ({seen:7}) document ROC AUC {own['doc_auc']:.3f}; own threshold: span recall"
              f" {own['span_recall']:.3f}, right suggestion {own['right_suggestion_share']:.3f}; at"
              f" {fp_target} false flags per 1,000 words: span recall {matched['span_recall']:.3f}")


if __name__ == "__main__":
    main()
