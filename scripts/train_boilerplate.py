"""Train the boilerplate line classifier (models/boilerplate.json) and report grouped cross-validation.

Data, features, fitting and the grouped cross-validation live in evaluation/boilerplate_data.py,
shared with evaluation/eval_boilerplate.py (so both score the same lines the same way).

Cross-validation is grouped by outlet (GroupKFold over the source; an outlet's pages, and so every
line of a page, stay in one fold), and the figures are line-level content-class P / R / F1 of the
whole decision (hard rules + model + heuristic on texts without furniture), per data set. It also
reports cross-set transfer: trained on one data set, tested on the other. The model also learns
from the pages cut after their last content line (boilerplate_data.cut_page, weight CUT_WEIGHT),
so that a page ending in body text keeps it; their grouped-CV figures print as "<data set> (cut)".

    /work/venv/bin/python scripts/train_boilerplate.py           # CV report + writes the model
    /work/venv/bin/python scripts/train_boilerplate.py --no-write
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.signals import boilerplate_model as bm  # noqa: E402
from evaluation.boilerplate_data import (  # noqa: E402
    CUT_WEIGHT,
    DATA,
    FOLDS,
    STAGE_KINDS,
    TRAFILATURA_WEIGHT,
    TREE_PARAMS,
    C,
    best_threshold,
    cross_validate,
    fit,
    prepare_all,
    samples,
    stage_json,
    transfer,
)

MODEL_OUT = ROOT / "models" / bm.MODEL_FILE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--no-transfer", action="store_true", help="skip the cross-set transfer report")
    parser.add_argument("--search", action="store_true", help="grid over C and the trafilatura weight")
    parser.add_argument("--cut-weight", type=float, default=CUT_WEIGHT,
                        help="weight of the cut pages' samples (0: whole pages only, the model before them)")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    prepared = prepare_all(args.data)
    if args.search:
        for weight in (1.0, 3.0, 10.0, 30.0):
            for c in (0.01, 0.1, 1.0, 10.0):
                cv = cross_validate(prepared, c, trafilatura_weight=weight, cut_weight=args.cut_weight)
                t = best_threshold(cv)
                figures = "  ".join(f"{name} F1={cv[name][t]['f1']:.3f}" for name in sorted(cv))
                print(f"weight={weight:<5} C={c:<5} threshold={t:.2f}  {figures}")
    cv = cross_validate(prepared, cut_weight=args.cut_weight)
    threshold = best_threshold(cv)
    print(f"Grouped {FOLDS}-fold CV by outlet (C={C}, trafilatura weight {TRAFILATURA_WEIGHT}, "
          f"cut-page weight {args.cut_weight}, threshold {threshold})")
    for name in sorted(cv):
        m = cv[name][threshold]
        print(f"  {name:28s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
    if not args.no_transfer:
        print("Cross-set transfer (trained on one data set only)")
        for key, m in transfer(prepared, threshold).items():
            print(f"  {key:58s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
    _, y, _, groups = samples(prepared, cut_weight=args.cut_weight)
    fitted = fit(prepared, cut_weight=args.cut_weight)
    model = {
        "format": bm.MODEL_FORMAT,
        "version": bm.MODEL_VERSION,
        "about": (
            "Boilerplate line classifier: a logistic regression over unit features, then gradient-boosted "
            "trees over them plus its probabilities; built by scripts/train_boilerplate.py"
        ),
        "trained_on": {
            "data": ["boilerplate/newspaper3k_pages.jsonl", "boilerplate/trafilatura_page_lines_en.tsv"],
            "samples": int(len(y)),
            "content_samples": int(y.sum()),
            "outlets": len(set(groups)),
            "C": C,
            "trafilatura_weight": TRAFILATURA_WEIGHT,
            "cut_pages_weight": args.cut_weight,
            "stage_kinds": list(STAGE_KINDS),
            "tree_params": TREE_PARAMS,
        },
        "grouped_cv": {
            name: {k: round(v, 4) for k, v in cv[name][threshold].items() if k != "lines"} for name in sorted(cv)
        },
        "features": list(bm.feature_names()),
        "prob_features": list(bm.PROB_FEATURES),
        "stages": [stage_json(stage) for stage in fitted.stages],
        "threshold": threshold,
    }
    bm.parse_model(model)  # what we write must load
    if not args.no_write:
        MODEL_OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_OUT.relative_to(ROOT)} ({len(y)} samples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
