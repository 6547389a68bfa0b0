"""Compare ways of fusing the translation model's two probabilities into `scores.translation`.

The shipped models/translation.json gives, per document, p_garbled (spun or artifact-laden) and
p_style (machine-translation style). This script ranks two tasks with several fusion rules and
weights, keeping the two probabilities fixed:
- spun vs original: news/bbc_dev.jsonl held-out split of scripts/train_translation.py, each
  article and its copy spun by analyzer.spinner (Moby, 5 substitutions per 100 words; the seeds
  of evaluation/eval_translation.py);
- human vs machine translation: mt/wmt_dev_docs.jsonl (ja-en) + mt/wmt_dev_segments.tsv (zh-en,
  de-en pseudo-documents), in-sample for the style model and leave-one-language-pair-out (the
  style model refitted on the two other pairs and the native BBC rows, as
  scripts/train_translation.py fits it; p_garbled as shipped).
It prints the document ROC AUC of each rule: p_garbled alone, p_style alone, the noisy-OR
1 - (1 - g)(1 - w s) of the first model, the log-odds sum logit(g) + w logit(s) of the second,
and the odds sum of analyzer.signals.translation.combine over a grid of its weight and offset
(shipped values marked). It also prints p_style alone per language pair (leave-one-pair-out) and
its distribution on native English news it was not fitted on: the held-out BBC originals,
PolNeAR US political articles (attribution/polnear_dev_paragraphs.tsv, paragraphs joined by
file) and newspaper3k extracted bodies (boilerplate/newspaper3k_pages.jsonl, extracted_body).

Usage: python evaluation/eval_fusion.py [--data ../shared/data] [--limit 150]  (--limit 0: all 503)
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_translation as T  # noqa: E402

from analyzer.signals import translation as tr  # noqa: E402

NOISY_OR_WEIGHTS = (0.3, 0.6)
LOG_ODDS_WEIGHTS = (0.5, 1.0, 1.5)
ODDS_SUM_WEIGHTS = (1.0, 1.5, 2.0)
ODDS_SUM_OFFSETS = (-1.0, 0.0, 0.5, 1.0)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


def probabilities(text: str, model: tr.TranslationModel) -> tuple[float, float]:
    """(p_garbled, p_style) of the shipped model, unrounded."""
    spun, mt_ev, spin = tr.detect(text)
    values = tr.features(text, spun, mt_ev, spin)
    return model.garbled.probability(values), model.style.probability(values)


def lopo_style(data: Path, docs: list, rows: list[dict[str, float]]) -> np.ndarray:
    """p_style of each wmt document from a style model fitted without its language pair."""
    native = T.native_style_rows(data)
    out = np.zeros(len(docs))
    for pair in sorted({d.group for d in docs}):
        train = [i for i, d in enumerate(docs) if d.group != pair]
        test = [i for i, d in enumerate(docs) if d.group == pair]
        style = T.fit_style([rows[i] for i in train], [docs[i] for i in train], native)
        out[test] = T.apply(style, [rows[i] for i in test])
    return out


def native_texts(data: Path) -> dict[str, list[str]]:
    """Native English news never used in training: PolNeAR articles and newspaper3k bodies."""
    paragraphs: dict[str, list[tuple[int, str]]] = {}
    with (data / "attribution" / "polnear_dev_paragraphs.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            paragraphs.setdefault(row["filename"], []).append((int(row["para_idx"]), row["text"]))
    with (data / "boilerplate" / "newspaper3k_pages.jsonl").open(encoding="utf-8") as fh:
        bodies = [r["text"] for r in map(json.loads, fh) if r["variant"] == "extracted_body"]
    return {"attribution/polnear_dev_paragraphs.tsv articles": ["\n\n".join(t for _, t in sorted(p))
                                                                for _, p in sorted(paragraphs.items())],
            "boilerplate/newspaper3k_pages.jsonl extracted bodies": bodies}


def _distribution(name: str, p: np.ndarray) -> None:
    print(f"p_style on {name} ({len(p)}): mean {p.mean():.3f}  p90 {np.quantile(p, 0.9):.3f}  "
          f"above 0.5 {(p > 0.5).mean():.1%} ({int((p > 0.5).sum())})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=150, help="held-out BBC articles (default 150, 0 = all)")
    args = parser.parse_args()
    from analyzer.spinner import spin  # noqa: PLC0415 - test/build extra

    model = tr.default_model()
    if model is None:
        raise SystemExit("models/translation.json is missing: run scripts/train_translation.py")
    articles = [a for a in T.bbc_articles(args.data) if T.is_test_id(a["id"])][: args.limit or None]
    bbc, y_bbc = [], []
    for i, art in enumerate(articles):
        bbc.append(probabilities(art["text"], model))
        bbc.append(probabilities(spin(art["text"], rate=T.EVAL_SPIN_RATE, seed=10_000 + i).text, model))
        y_bbc += [0, 1]
    docs = T.wmt_docs(args.data)
    rows = T.feature_table(docs)
    g_w = np.array([model.garbled.probability(r) for r in rows])
    s_w = np.array([model.style.probability(r) for r in rows])
    s_lopo = lopo_style(args.data, docs, rows)
    y_wmt = [d.label for d in docs]
    g_b, s_b = np.array(bbc).T
    groups = np.array([d.group for d in docs])
    print("p_style alone, leave-one-pair-out per pair: " + "  ".join(
        f"{p} {roc_auc_score(np.array(y_wmt)[groups == p], s_lopo[groups == p]):.3f}" for p in sorted(set(groups))))
    _distribution("news/bbc_dev.jsonl held-out originals", s_b[0::2])
    for name, texts in native_texts(args.data).items():
        _distribution(name, np.array([model.style.probability(tr.features(t, [], [], {})) for t in texts]))

    def line(name: str, fuse) -> None:  # type: ignore[no-untyped-def]
        print(f"{name:36} spun vs original {roc_auc_score(y_bbc, fuse(g_b, s_b)):.3f}"
              f"   human vs MT in-sample {roc_auc_score(y_wmt, fuse(g_w, s_w)):.3f}"
              f"   leave-one-pair-out {roc_auc_score(y_wmt, fuse(g_w, s_lopo)):.3f}")

    print(f"document ROC AUC: spun vs original = news/bbc_dev.jsonl held-out {len(articles)} articles, Moby"
          f" spinner at {T.EVAL_SPIN_RATE:.0%}; human vs MT = mt/ wmt dev, {len(docs)} documents")
    line("p_garbled alone", lambda g, s: g)
    line("p_style alone", lambda g, s: s)
    for w in NOISY_OR_WEIGHTS:
        line(f"noisy-OR, weight {w}", lambda g, s, w=w: 1 - (1 - g) * (1 - w * s))
    for w in LOG_ODDS_WEIGHTS:
        line(f"log-odds sum, weight {w}", lambda g, s, w=w: _logit(g) + w * _logit(s))
    for w in ODDS_SUM_WEIGHTS:
        for c in ODDS_SUM_OFFSETS:
            shipped = " (shipped)" if (w, c) == (model.style_weight, model.style_offset) else ""
            line(f"odds sum, weight {w} offset {c}{shipped}", lambda g, s, w=w, c=c: np.array(
                [tr.combine(a, b, w, c) for a, b in zip(g, s, strict=True)]))


if __name__ == "__main__":
    main()
