"""Train models/translation_pairs.json: which of two translations of one text is the machine one.

Data (../shared/data, never copied into the repo): the human and the machine translation of each
source in mt/wmt_dev_docs.jsonl (ja-en documents) and mt/wmt_dev_segments.tsv (zh-en, de-en,
pseudo-documents of train_translation.SEGMENTS_PER_DOC segments), read as
scripts/train_translation.py reads them.

Model: L2 logistic regression without intercept on d = x(machine) - x(human), each pair given both
ways (d -> 1, -d -> 0), so that it is antisymmetric: swapping the two copies flips its sign. x is the
style profile (analyzer.stylometry.STYLE_FEATURES, typography included), the log word count and the
MT artifact density, as analyzer.signals.translation.pair_values computes them; each difference is
divided by its standard deviation over the training pairs (`scale`), C = PAIR_C. Plain JSON
(feature names, scales, coefficients); analyzer.signals.translation.parse_pair_model validates it.

`flag` adds its log-odds to the difference of translation_evidence (analyzer.stories._garbled_side).
evaluation/eval_translation.py --pairs measures it leave-one-language-pair-out (fit_pairs with the
held-out pair left out).

Usage: python scripts/train_translation_pairs.py [--data ../shared/data] [--output models/translation_pairs.json]
                                                 [--without ja-en]
--without (out-of-fold evaluations) needs an --output other than the shipped file, as in train_translation.py.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import sys
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_translation as T  # noqa: E402

from analyzer import stylometry  # noqa: E402
from analyzer.signals import translation as tr  # noqa: E402

# L2 strength: 0.1, set before any measurement and not tuned (h28b notes: one value, fixed with the
# shipping rule); 328 pairs against 28 features.
PAIR_C = 0.1
PAIR_FEATURES: tuple[str, ...] = stylometry.STYLE_FEATURES + tr.PAIR_EXTRA_FEATURES


def pair_row(row: dict[str, float]) -> list[float]:
    """A feature row of train_translation.feature_table as the pair model reads it (pair_values)."""
    values = dict(row, log_words=math.log(max(row.get("words", 1.0), 1.0)))
    return [float(values.get(name, 0.0)) for name in PAIR_FEATURES]


def translation_pairs(docs: list[T.Doc]) -> list[tuple[int, int]]:
    """(machine, human) indices of `docs` for every source with both translations."""
    sides: dict[str, dict[int, int]] = {}
    for i, d in enumerate(docs):
        sides.setdefault(d.pair, {})[d.label] = i
    return [(s[1], s[0]) for _, s in sorted(sides.items()) if 0 in s and 1 in s]


def fit_pairs(rows: list[dict[str, float]], pairs: list[tuple[int, int]]) -> dict:
    """The pair model (a JSON-ready dict) fitted on (machine, human) index pairs of `rows`."""
    diffs = np.array([np.subtract(pair_row(rows[m]), pair_row(rows[h])) for m, h in pairs])
    scale = diffs.std(axis=0)
    scale[scale == 0] = 1.0
    x = diffs / scale
    model = LogisticRegression(C=PAIR_C, fit_intercept=False, max_iter=5000)
    model.fit(np.vstack([x, -x]), [1] * len(x) + [0] * len(x))
    return {"format": tr.PAIR_MODEL_FORMAT, "format_version": tr.PAIR_MODEL_FORMAT_VERSION,
            "features": list(PAIR_FEATURES), "scale": [round(float(v), 8) for v in scale],
            "coef": [round(float(v), 6) for v in model.coef_[0]]}


def train(data: Path, without: str | None = None) -> dict:
    docs = T.wmt_docs(data)
    T.check_without(docs, without)
    rows = T.feature_table(docs)
    pairs = [(m, h) for m, h in translation_pairs(docs) if docs[m].group != without]
    model = fit_pairs(rows, pairs)
    parsed = tr.parse_pair_model(model)
    counts: dict[str, int] = {}
    for m, _ in pairs:
        counts[docs[m].group] = counts.get(docs[m].group, 0) + 1
    train_order = sum(parsed.projection(dict(zip(PAIR_FEATURES, pair_row(rows[m]), strict=True)))
                      > parsed.projection(dict(zip(PAIR_FEATURES, pair_row(rows[h]), strict=True)))
                      for m, h in pairs) / len(pairs)
    model["version"] = date.today().isoformat()
    model["description"] = ("Which of two translations of one text is the machine one: log-odds "
                            "sum(coef * (x(a) - x(b)) / scale) > 0 names a. See TRANSLATION_MODEL_CARD.md.")
    model["training"] = {"data": "mt/wmt_dev_docs.jsonl (ja-en) + mt/wmt_dev_segments.tsv pseudo-documents of "
                                 f"{T.SEGMENTS_PER_DOC} segments (zh-en, de-en): human vs machine translation "
                                 "of each source", "pairs": counts, "C": PAIR_C,
                         "train_pair_order": round(train_order, 4)}
    print(json.dumps(model["training"], indent=1))
    return model


def fitted_without(data: Path, without: str) -> tuple[tr.TranslationModel, tr.PairModel]:
    """The translation model and the pair model fitted without the `without` language pair, as
    train_translation.py --without and this script's --without fit them, validated by the loaders' parsers
    and held in memory (nothing is written): the models of the out-of-fold evaluations
    (bench/bench_flag.py --out-of-fold, evaluation/eval_direction_calibration.py). Their training
    summaries go to stderr."""
    with contextlib.redirect_stdout(sys.stderr):
        return tr.parse_model(T.train(data, without)), tr.parse_pair_model(train(data, without))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=ROOT / "models" / tr.PAIR_MODEL_FILE)
    parser.add_argument("--without", help="leave this language pair out (e.g. ja-en: the flag corpus's)")
    args = parser.parse_args(argv)
    T.refuse_shipped_output(parser, args, parser.get_default("output"))
    T.write_model(train(args.data, args.without), args.output, tr.parse_pair_model)


if __name__ == "__main__":
    main()
