"""Benchmark of the translation signal (issue 3), on the seeds and the dev data in ../shared/data.

Prints, each with the data set it was measured on:
- seeds: score, label, translation flags, distinct MT artifacts, spun flags;
- spun vs original BBC (news/bbc_dev.jsonl, held-out 30% split, analyzer.spinner at 5
  substitutions per 100 words): ROC AUC of scores.translation, span recall, false flags per
  1,000 words on the clean originals;
- human vs machine translation (mt/wmt_dev_docs.jsonl ja-en documents, mt/wmt_dev_segments.tsv
  zh-en/de-en pseudo-documents): ROC AUC of scores.translation with the shipped model (trained on
  all three pairs: in-sample) and leave-one-pair-out (the style model retrained without the pair);
- speed: the translation signal alone, articles per second on one core, news/bbc_dev.jsonl.

Usage: python evaluation/eval_translation.py [--data ../shared/data] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_translation as T  # noqa: E402

from analyzer.article import Article  # noqa: E402
from analyzer.mt import MT_KINDS  # noqa: E402
from analyzer.signals import translation as tr  # noqa: E402
from analyzer.signals.base import RunContext  # noqa: E402

SEEDS = ROOT / "seeds"


def run(text: str) -> tuple[float, str, list]:
    article = Article(id="x", text=text)
    result = tr.translation_signal(article, RunContext())
    return result.scores["translation"], result.fields["label"], result.evidence


def seed_report() -> dict[str, dict]:
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        score, label, evidence = run(path.read_text(encoding="utf-8"))
        mt_ev = [e for e in evidence if e.kind in MT_KINDS]
        out[path.stem[:3]] = {
            "score": round(score, 3), "label": label, "flags": len(evidence),
            "distinct_mt": len({(e.kind, e.text.strip().lower()) for e in mt_ev}),
            "mt_kinds": sorted({e.kind for e in mt_ev}),
            "spun": sum(e.kind in tr.SPUN_KINDS for e in evidence),
            "spun_with_suggestion": sum(e.kind in tr.SPUN_KINDS and bool(e.suggestion) for e in evidence),
        }
    return out


def spun_report(data: Path, limit: int | None = None) -> dict[str, float]:
    from analyzer.spinner import spin  # noqa: PLC0415 - test/build extra

    articles = [a for a in T.bbc_articles(data) if T.is_test_id(a["id"])][:limit]
    scores, labels = [], []
    hits = total_subs = false_flags = clean_words = 0
    for i, art in enumerate(articles):
        score, _, evidence = run(art["text"])
        scores.append(score)
        labels.append(0)
        false_flags += len(evidence)
        clean_words += len(art["text"].split())
        spun = spin(art["text"], rate=T.EVAL_SPIN_RATE, seed=10_000 + i)
        score, _, evidence = run(spun.text)
        scores.append(score)
        labels.append(1)
        for sub in spun.substitutions:
            total_subs += 1
            hits += any(e.start < sub.end and sub.start < e.end for e in evidence)
    return {"articles": len(articles), "auc": float(roc_auc_score(labels, scores)),
            "span_recall": hits / max(total_subs, 1),
            "false_flags_per_1000_words": 1000 * false_flags / max(clean_words, 1)}


def mt_report(data: Path) -> dict[str, dict[str, float]]:
    docs = T.wmt_docs(data)
    rows = T.feature_table(docs)
    model = tr.default_model()
    labels = np.array([d.label for d in docs])
    groups = np.array([d.group for d in docs])
    shipped = np.array([model.score(r)[0] for r in rows]) if model else np.zeros(len(docs))
    # Leave one language pair out: the style model is refitted without the pair; the garbled
    # model (trained on BBC and spun BBC plus these docs as negatives) is kept as shipped.
    lopo = np.zeros(len(docs))
    for pair in sorted(set(groups)):
        train = [i for i in range(len(docs)) if groups[i] != pair]
        style = tr._parse_logistic(T.fit_style([rows[i] for i in train], [docs[i] for i in train]), "style")
        for i in np.where(groups == pair)[0]:
            g = model.garbled.probability(rows[i]) if model else 0.0
            lopo[i] = 1 - (1 - g) * (1 - T.STYLE_WEIGHT * style.probability(rows[i]))
    out = {"all pairs": {"docs": len(docs), "auc_shipped_in_sample": float(roc_auc_score(labels, shipped)),
                         "auc_leave_one_pair_out": float(roc_auc_score(labels, lopo)),
                         "max_score": float(shipped.max()),
                         "labelled_garbled": int(sum(s >= (model.threshold if model else 0.5) for s in shipped))}}
    for pair in sorted(set(groups)):
        mask = groups == pair
        out[pair] = {"docs": int(mask.sum()),
                     "auc_shipped_in_sample": float(roc_auc_score(labels[mask], shipped[mask])),
                     "auc_leave_one_pair_out": float(roc_auc_score(labels[mask], lopo[mask]))}
    return out


def speed_report(data: Path) -> dict[str, float]:
    texts = [a["text"] for a in T.bbc_articles(data)]
    run(texts[0])  # warm the caches (lexicons, frequency table, model)
    context = RunContext()
    start = time.perf_counter()
    for i, text in enumerate(texts):
        tr.translation_signal(Article(id=str(i), text=text), context)
    elapsed = time.perf_counter() - start
    return {"articles": len(texts), "articles_per_second": len(texts) / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    parser.add_argument("--quick", action="store_true", help="spun test on 150 articles only")
    args = parser.parse_args()
    model = tr.default_model()
    print(f"model: models/translation.json version {model.version if model else '(none: fallback)'}")
    print("== seeds (seeds/*.txt)")
    for sid, rep in seed_report().items():
        print(f"seed {sid}: score {rep['score']:.3f} label {rep['label']:<18} flags {rep['flags']:>3} "
              f"distinct MT artifacts {rep['distinct_mt']:>2} spun {rep['spun']:>2} "
              f"(with suggestion {rep['spun_with_suggestion']}) kinds {','.join(rep['mt_kinds'])}")
    if not args.data.is_dir():
        print(f"{args.data} absent: dev-data figures skipped")
        return
    rep = spun_report(args.data, 150 if args.quick else None)
    print(f"== spun vs original, news/bbc_dev.jsonl held-out split ({rep['articles']} articles, "
          f"{T.EVAL_SPIN_RATE * 100:.0f} subs/100 words, Moby spinner)")
    print(f"ROC AUC {rep['auc']:.4f}  span recall {rep['span_recall']:.3f}  "
          f"false flags on clean {rep['false_flags_per_1000_words']:.3f} per 1,000 words")
    print("== human vs machine translation, mt/wmt_dev_docs.jsonl + mt/wmt_dev_segments.tsv (document level)")
    for name, r in mt_report(args.data).items():
        extra = "".join(f"  {k} {v}" for k, v in r.items() if k in ("max_score", "labelled_garbled"))
        print(f"{name:<9} docs {r['docs']:>4}  ROC AUC shipped (in-sample) {r['auc_shipped_in_sample']:.4f}  "
              f"leave-one-pair-out {r['auc_leave_one_pair_out']:.4f}{extra}")
    sp = speed_report(args.data)
    print(f"== speed, news/bbc_dev.jsonl: translation signal alone {sp['articles_per_second']:.0f} articles/s "
          f"({sp['articles']} articles, one core)")


if __name__ == "__main__":
    main()
