"""Compare ways of fusing the translation model's two probabilities into `scores.translation`.

The shipped models/translation.json gives, per document, p_garbled (spun or artifact-laden) and
p_style (machine-translation style). This script ranks two tasks with several fusion rules and
weights, keeping the two probabilities fixed:
- spun vs original: news/bbc_dev.jsonl held-out split of scripts/train_translation.py, each
  article and its copy spun by analyzer.spinner (Moby, 5 substitutions per 100 words; the seeds
  of evaluation/eval_translation.py);
- human vs machine translation: mt/wmt_dev_docs.jsonl (ja-en) + mt/wmt_dev_segments.tsv (zh-en,
  de-en pseudo-documents), in-sample for the style model.
It prints the document ROC AUC of each rule: p_garbled alone, the noisy-OR 1 - (1 - g)(1 - w s)
of the first model, and the log-odds sum of analyzer.signals.translation.combine (shipped,
weight = the model's style_weight).

Usage: python evaluation/eval_fusion.py [--data ../shared/data] [--limit 150]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_translation as T  # noqa: E402

from analyzer.signals import translation as tr  # noqa: E402

NOISY_OR_WEIGHTS = (0.3, 0.45, 0.6)
LOG_ODDS_WEIGHTS = (0.5, 0.7, 1.0, 1.5)


def probabilities(text: str, model: tr.TranslationModel) -> tuple[float, float]:
    """(p_garbled, p_style) of the shipped model, unrounded."""
    spun, mt_ev, spin = tr.detect(text)
    values = tr.features(text, spun, mt_ev, spin)
    return model.garbled.probability(values), model.style.probability(values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=150, help="held-out BBC articles (default 150)")
    args = parser.parse_args()
    from analyzer.spinner import spin  # noqa: PLC0415 - test/build extra

    model = tr.default_model()
    if model is None:
        raise SystemExit("models/translation.json is missing: run scripts/train_translation.py")
    articles = [a for a in T.bbc_articles(args.data) if T.is_test_id(a["id"])][: args.limit]
    bbc, y_bbc = [], []
    for i, art in enumerate(articles):
        bbc.append(probabilities(art["text"], model))
        bbc.append(probabilities(spin(art["text"], rate=T.EVAL_SPIN_RATE, seed=10_000 + i).text, model))
        y_bbc += [0, 1]
    docs = T.wmt_docs(args.data)
    wmt = [probabilities(d.text, model) for d in docs]
    y_wmt = [d.label for d in docs]
    g_b, s_b = np.array(bbc).T
    g_w, s_w = np.array(wmt).T

    def line(name: str, fuse) -> None:  # type: ignore[no-untyped-def]
        print(f"{name:<32} spun vs original {roc_auc_score(y_bbc, fuse(g_b, s_b)):.3f}"
              f"   human vs MT {roc_auc_score(y_wmt, fuse(g_w, s_w)):.3f}")

    print(f"document ROC AUC: spun vs original = news/bbc_dev.jsonl held-out {len(articles)} articles, Moby"
          f" spinner at {T.EVAL_SPIN_RATE:.0%}; human vs MT = mt/ wmt dev, {len(docs)} documents (in-sample)")
    line("p_garbled alone", lambda g, s: g)
    line("p_style alone", lambda g, s: s)
    for w in NOISY_OR_WEIGHTS:
        line(f"noisy-OR, weight {w}", lambda g, s, w=w: 1 - (1 - g) * (1 - w * s))
    for w in LOG_ODDS_WEIGHTS:
        shipped = " (shipped)" if w == model.style_weight else ""
        line(f"log-odds, weight {w}{shipped}", lambda g, s, w=w: np.array(
            [tr.combine(a, b, w) for a, b in zip(g, s, strict=True)]))


if __name__ == "__main__":
    main()
