"""Train the learned spun-word detector (models/spin_detector.json) on spun BBC articles.

Data: clean BBC articles (../shared/data/news/bbc_dev.jsonl) split by article id into a train
half and a test half (md5 of the id). Half of the train articles are first put into American
spelling (AMERICAN_SHARE). Each train article is spun by analyzer.spinner with BOTH
thesauri (Moby and WordNet) at several rates; every candidate word of the spun and of the clean
text (analyzer.spinning.candidates: a word the inverse thesaurus links to a more common synonym)
is a training row, labelled 1 when it lies in a substitution.

Model: binned-feature logistic regression (scikit-learn): every raw feature is cut at quantile
edges of the training rows and one-hot encoded, so each bin gets its own weight; then a second
stage, a one-hidden-layer network over the raw features, the document inputs
(analyzer.spin_model.DOC_INPUTS: the mean and top first-stage probabilities of the text's
candidates) and the first stage's log-odds. The file stores edges and weights as plain JSON
(never pickle). The operating threshold is the lowest one that
keeps false flags on the clean texts of a calibration part of the train half (not used for
fitting) at or below TARGET_FALSE_FLAGS_PER_1000 words.

Generalisation: the hidden test uses an unknown spinner, so the same recipe is fitted leaving
one training thesaurus out and tested on the test half spun with that one (printed as
cross-thesaurus figures), and every model is also tested on the spinner thesauri it was not
trained on (analyzer.spinner.THESAURI; Roget is held out by default). `--thesauri` picks the
training thesauri for leave-one-thesaurus-out comparisons.

    /work/venv/bin/python scripts/train_spin_detector.py            # writes models/spin_detector.json
    /work/venv/bin/python scripts/train_spin_detector.py --no-write  # figures only
    /work/venv/bin/python scripts/train_spin_detector.py --no-write --fit-limit 150 --test-limit 100 --skip-cross
                                                                     # a quick iteration (~30 s)
    /work/venv/bin/python scripts/train_spin_detector.py --thesauri wordnet,roget --skip-cross --output /tmp/m.json
                                                                     # another training set
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer import spin_known, spin_model, spinning  # noqa: E402
from analyzer.spinner import THESAURI as SPINNER_THESAURI  # noqa: E402
from analyzer.spinner import americanize, spin  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "news" / "bbc_dev.jsonl"
OUT = ROOT / "models" / spin_model.MODEL_FILE

# Training thesauri of the shipped model. Roget (the spinner's third table) stays out: it is the
# unseen spinner of evaluation/eval_spinning.py.
THESAURI = ("moby", "wordnet")
# Substitutions per word of the training copies, cycled over articles: light to heavy spinning
# around the 5 per 100 words.
TRAIN_RATES = (0.03, 0.05, 0.08)
EVAL_RATE = 0.05
# Issue 3 target: <= 1 false flag per 1,000 words of clean BBC text; the team keeps <= 0.6. With
# the document inputs false flags cluster in a few spun-looking clean articles, so the 214
# calibration articles are a noisy guide: set at 0.6 there, the threshold gave 0.72 on the clean
# test half and 1.08 on PolNeAR dev articles; at 0.4, 0.43 and 0.75 (the v3 model at 0.6: 0.48
# and 0.79) (scripts/train_spin_detector.py and evaluation/eval_spinning.py, 2026-11-22).
TARGET_FALSE_FLAGS_PER_1000 = 0.4
# Looser threshold for the document-level rare-synonym rate (a feature, not evidence).
RARE_THRESHOLD = 0.3
MAX_BINS = 10
# L2 strength of the logistic regression (sklearn C); few, coarse features, so mild.
C = 0.5
# The dense vector blocks enter the regression multiplied by this, so that one L2 strength (C)
# suits them and the one-hot bins: products of unit-vector components are ~0.01, bins are 0/1.
# Not tuned: 3 is the only value tried (experiment of 2026-11-21 on bbc_dev.jsonl, see the card).
DENSE_SCALE = 3.0
# lbfgs iterations: 300 dense columns converge more slowly than the bins alone.
MAX_ITER = 5000
# Second stage: a one-hidden-layer ReLU network (sklearn MLPClassifier) over the standardised raw
# features and the first stage's log-odds. Chosen in an exploration run of 2026-11-21 outside the
# repository (bbc_dev.jsonl, half the fit articles, 300 test articles): 64 units or two layers gave
# no more, and gradient-boosted trees, about as good, were much dearer to evaluate per article.
# The figures that stand are this script's own (test half, printed and kept in the model file).
STAGE2_HIDDEN = 32
STAGE2_ALPHA = 1e-3   # sklearn's L2 default is 1e-4; the first stage already fits most of it
STAGE2_MAX_ITER = 200
# Share of the train half held back to set the threshold.
CALIBRATION_SHARE = 0.25
# Share of the train half (fit and calibration) put into American spelling (analyzer.spinner.
# americanize) before spinning. BBC writes British English and Moby is an American thesaurus, so a
# detector that never saw "color" or "center" in clean text learned them as spinner output and
# flagged them in US news ("the center of the town"). Half, so that both spellings are as
# common among the clean training texts; the test half stays as published, and
# evaluation/eval_spinning.py measures false flags on it Americanized too (2026-11-22, before ->
# after, each model with its own gate): flags on its 1,935 American-spelled words 24 -> 10, false
# flags per 1,000 words 0.73 -> 0.69; on the test half as published 0.61 -> 0.55, BASIL 0.36 ->
# 0.31, PolNeAR 0.75 -> 0.72.
AMERICAN_SHARE = 0.5


def _bucket(article_id: str) -> float:
    """Stable pseudo-random number in [0, 1) from the article id."""
    return int(hashlib.md5(article_id.encode()).hexdigest()[:8], 16) / 2**32


def load_split() -> tuple[list[dict], list[dict], list[dict]]:
    """(fit, calibration, test) articles: test = the half with bucket >= 0.5."""
    articles = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    test = [a for a in articles if _bucket(a["id"]) >= 0.5]
    train = [_spelled(a) for a in articles if _bucket(a["id"]) < 0.5]
    calib = [a for a in train if _bucket(a["id"]) < 0.5 * CALIBRATION_SHARE]
    fit = [a for a in train if _bucket(a["id"]) >= 0.5 * CALIBRATION_SHARE]
    return fit, calib, test


def _spelled(article: dict) -> dict:
    """The article, Americanized when its id falls in the AMERICAN_SHARE."""
    if _bucket(f"{article['id']}/spelling") >= AMERICAN_SHARE:
        return article
    return {**article, "text": americanize(article["text"])}


def _seed(article_id: str, thesaurus: str) -> int:
    return int(hashlib.md5(f"{article_id}/{thesaurus}".encode()).hexdigest()[:8], 16)


@dataclass
class Version:
    """One text (clean or spun) with its candidates and the substitution spans."""

    text: str
    cands: spinning.Candidates
    subs: list  # analyzer.spinner.Substitution
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0))


def make_version(text: str, subs: list) -> Version:
    cands = spinning.candidates(text)
    labels = np.array([any(s < sub.end and e > sub.start for sub in subs) for s, e in cands.spans], dtype=float)
    return Version(text, cands, subs, labels)


def spun_versions(articles: list[dict], thesaurus: str, rates: tuple[float, ...]) -> list[Version]:
    out = []
    for k, art in enumerate(articles):
        spun = spin(art["text"], rate=rates[k % len(rates)], seed=_seed(art["id"], thesaurus), thesaurus=thesaurus)
        out.append(make_version(spun.text, spun.substitutions))
    return out


def clean_versions(articles: list[dict]) -> list[Version]:
    return [make_version(a["text"], []) for a in articles]


# --- binned logistic regression ------------------------------------------------------------------

def bin_edges(column: np.ndarray) -> list[float]:
    values = np.unique(column)
    if len(values) <= MAX_BINS:
        return [float((a + b) / 2) for a, b in zip(values[:-1], values[1:], strict=True)]
    qs = np.quantile(column, np.linspace(0, 1, MAX_BINS + 1)[1:-1])
    return sorted({round(float(q), 4) for q in qs})


def one_hot(raw: np.ndarray, edges: list[list[float]]):
    from scipy.sparse import csr_matrix  # noqa: PLC0415

    n = raw.shape[0]
    cols = []
    offset = 0
    for j, e in enumerate(edges):
        cols.append(offset + np.searchsorted(np.array(e), raw[:, j], side="right"))
        offset += len(e) + 1
    col_idx = np.stack(cols, axis=1).ravel()
    row_idx = np.repeat(np.arange(n), len(edges))
    return csr_matrix((np.ones(len(col_idx)), (row_idx, col_idx)), shape=(n, offset))


def fit(versions: list[Version]) -> dict:
    from scipy.sparse import csr_matrix, hstack  # noqa: PLC0415
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    raw = np.vstack([v.cands.raw for v in versions if len(v.labels)])
    dense = np.vstack([v.cands.dense for v in versions if len(v.labels)])
    y = np.concatenate([v.labels for v in versions if len(v.labels)])
    edges = [bin_edges(raw[:, j]) for j in range(raw.shape[1])]
    clf = LogisticRegression(C=C, max_iter=MAX_ITER)
    clf.fit(hstack((one_hot(raw, edges), csr_matrix(dense * DENSE_SCALE))).tocsr(), y)
    coef = clf.coef_[0]
    n_binned = sum(len(e) + 1 for e in edges)
    feats = []
    offset = 0
    for name, e in zip(spin_model.FEATURES, edges, strict=True):
        w = coef[offset : offset + len(e) + 1]
        offset += len(e) + 1
        feats.append({"name": name, "edges": e, "weights": [round(float(x), 5) for x in w]})
    first = {
        "format": spin_model.MODEL_FORMAT,
        "format_version": spin_model.MODEL_FORMAT_VERSION,
        "features": feats,
        "dense": {"blocks": list(spin_model.DENSE_BLOCKS), "scale": DENSE_SCALE,
                  "weights": [round(float(x), 5) for x in coef[n_binned:]]},
        "intercept": round(float(clf.intercept_[0]), 5),
        "threshold": 0.5,
        "rare_threshold": RARE_THRESHOLD,
        "training": {"rows": int(len(y)), "positives": int(y.sum())},
    }
    # The second stage learns on the first stage's in-sample log-odds: a regularised linear model
    # of ~640 weights on >100k rows hardly overfits, so they stand in for out-of-fold ones (the
    # test-half figures printed by main() are the check). The document inputs are computed text
    # by text, as SpinModel.probabilities does.
    stage1 = spin_model.parse_model(first)
    logits = [stage1.first_stage(v.cands.raw, v.cands.dense) for v in versions if len(v.labels)]
    doc = np.vstack([spin_model.doc_inputs(z) for z in logits])
    first["stage2"] = fit_stage2(raw, doc, np.concatenate(logits), y)
    return first


def fit_stage2(raw: np.ndarray, doc: np.ndarray, first_logit: np.ndarray, y: np.ndarray) -> dict:
    from sklearn.neural_network import MLPClassifier  # noqa: PLC0415
    from sklearn.preprocessing import StandardScaler  # noqa: PLC0415

    x = np.column_stack((raw, doc, first_logit))
    scaler = StandardScaler().fit(x)
    # Constant columns (a feature with one value in the training rows) get scale 1, as sklearn does.
    net = MLPClassifier(hidden_layer_sizes=(STAGE2_HIDDEN,), alpha=STAGE2_ALPHA, max_iter=STAGE2_MAX_ITER,
                        early_stopping=True, random_state=0).fit(scaler.transform(x), y)
    return {
        "inputs": [*spin_model.FEATURES, *spin_model.DOC_INPUTS, spin_model.STAGE2_INPUT],
        "hidden": STAGE2_HIDDEN,
        "mean": [float(v) for v in scaler.mean_],
        "scale": [float(v) for v in scaler.scale_],
        "hidden_weights": [[float(v) for v in row] for row in net.coefs_[0]],
        "hidden_bias": [float(v) for v in net.intercepts_[0]],
        "out_weights": [float(v) for v in net.coefs_[1][:, 0]],
        "out_bias": float(net.intercepts_[1][0]),
    }


def probabilities(model: spin_model.SpinModel, versions: list[Version]) -> list[np.ndarray]:
    return [model.probabilities(v.cands.raw, v.cands.dense) if len(v.labels) else np.zeros(0) for v in versions]


def choose_threshold(model: spin_model.SpinModel, clean: list[Version]) -> float:
    """Lowest threshold with learned false flags <= target per 1,000 words on clean texts."""
    probs = np.sort(np.concatenate(probabilities(model, clean)))[::-1]
    words = sum(v.cands.n_words for v in clean)
    allowed = int(TARGET_FALSE_FLAGS_PER_1000 * words / 1000)
    # Flags are probs >= t: allow `allowed` of them (ties make it slightly conservative).
    t = float(probs[allowed]) + 1e-6 if allowed < len(probs) else 0.5
    return min(0.99, max(t, RARE_THRESHOLD))


# --- evaluation ----------------------------------------------------------------------------------

def auc(pos: list[float], neg: list[float]) -> float:
    """ROC AUC by rank comparison (ties count one half)."""
    p, n = np.array(pos), np.array(neg)
    if not len(p) or not len(n):
        return float("nan")
    wins = (p[:, None] > n[None, :]).sum() + 0.5 * (p[:, None] == n[None, :]).sum()
    return float(wins / (len(p) * len(n)))


def doc_score(probs: np.ndarray) -> float:
    """Document score: mean spin probability over candidate words (spin_features'
    mean_spin_probability). evaluation/eval_spinning.py also reports learned_spin_per_100w, which
    ranks spun vs original copies a little better with this linear model."""
    return float(probs.mean()) if len(probs) else 0.0


def flags(model: spin_model.SpinModel, v: Version, probs: np.ndarray) -> list:
    """find_spun's flags for a version under `model` (known phrases, learned words, gated words)."""
    known = spin_known.known_evidence(v.text)
    taken = [(e.start, e.end) for e in known]
    confident, gated = spinning.learned_split(v.text, v.cands, probs, model, taken)
    return known + confident + gated


def match_substitutions(subs: list, ev: list) -> tuple[int, int]:
    """(substitutions overlapped by a flag, those among them whose flag suggests the original)."""
    found = right = 0
    for sub in subs:
        hits = [f for f in ev if f.start < sub.end and f.end > sub.start]
        if hits:
            found += 1
            right += any((h.suggestion or "").lower() == sub.original.lower() for h in hits)
    return found, right


def evaluate(model: spin_model.SpinModel, spun: list[Version], clean: list[Version]) -> dict[str, float]:
    """Span recall, right-suggestion share, false flags on clean text, document ROC AUC."""
    found = total = right = 0
    pos, neg = [], []
    for v, probs in zip(spun, probabilities(model, spun), strict=True):
        f, r = match_substitutions(v.subs, flags(model, v, probs))
        found, right, total = found + f, right + r, total + len(v.subs)
        pos.append(doc_score(probs))
    false = words = 0
    for v, probs in zip(clean, probabilities(model, clean), strict=True):
        ev = flags(model, v, probs)
        false += len(ev)
        words += v.cands.n_words
        neg.append(doc_score(probs))
    return {
        "span_recall": found / max(1, total),
        "right_suggestion_share": right / max(1, found),
        "false_flags_per_1000_words": 1000 * false / max(1, words),
        "doc_auc": auc(pos, neg),
        "substitutions": total,
    }


def train(fit_versions: list[Version], calib_clean: list[Version]) -> dict:
    model_dict = fit(fit_versions)
    model_dict["threshold"] = round(choose_threshold(spin_model.parse_model(model_dict), calib_clean), 4)
    return model_dict


def trained_thesauri(model: spin_model.SpinModel) -> list[str]:
    """The spinner thesauri a detector was trained on, from its training record ("thesauri"; files
    written before it existed name them in "data")."""
    listed = model.training.get("thesauri")
    if isinstance(listed, list):
        return [str(t) for t in listed]
    return [t for t in SPINNER_THESAURI if t in str(model.training.get("data", ""))]


def leave_one_out(fit_spun: dict[str, list[Version]], fit_clean: list[Version],
                  calib_clean: list[Version]) -> Iterator[tuple[str, list[str], dict]]:
    """Leave one training thesaurus out: (the held-out thesaurus, the kept ones, the recipe fitted
    on their spun copies and the clean articles), for each of fit_spun's thesauri when there are
    two or more."""
    for held_out in fit_spun if len(fit_spun) > 1 else ():
        kept = [t for t in fit_spun if t != held_out]
        yield held_out, kept, train([v for t in kept for v in fit_spun[t]] + fit_clean, calib_clean)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--output", type=Path, default=OUT, help=f"model file (default {OUT})")
    # Quick iterations: fewer articles (the figures are then noisier) and no cross-thesaurus runs.
    parser.add_argument("--fit-limit", type=int, default=None, help="first N fit articles only")
    parser.add_argument("--test-limit", type=int, default=None, help="first N test articles only")
    parser.add_argument("--skip-cross", action="store_true", help="skip the cross-thesaurus models")
    parser.add_argument("--thesauri", default=",".join(THESAURI),
                        help=f"training thesauri, comma-separated, of {', '.join(SPINNER_THESAURI)}"
                             f" (default {','.join(THESAURI)})")
    args = parser.parse_args()
    thesauri = tuple(t.strip() for t in args.thesauri.split(",") if t.strip())
    unknown = [t for t in thesauri if t not in SPINNER_THESAURI]
    if unknown or not thesauri:
        parser.error(f"unknown thesauri {unknown} (available: {', '.join(SPINNER_THESAURI)})")
    t0 = time.time()
    fit_arts, calib_arts, test_arts = load_split()
    fit_arts, test_arts = fit_arts[: args.fit_limit], test_arts[: args.test_limit]
    print(f"bbc_dev.jsonl split by id: fit {len(fit_arts)}, calibration {len(calib_arts)}, test {len(test_arts)}")
    fit_spun = {th: spun_versions(fit_arts, th, TRAIN_RATES) for th in thesauri}
    fit_clean = clean_versions(fit_arts)
    calib_clean = clean_versions(calib_arts)
    test_spun = {th: spun_versions(test_arts, th, (EVAL_RATE,)) for th in SPINNER_THESAURI}
    test_clean = clean_versions(test_arts)
    print(f"features computed in {time.time() - t0:.0f}s")

    figures: dict[str, dict[str, float]] = {}
    for held_out, kept, md in () if args.skip_cross else leave_one_out(fit_spun, fit_clean, calib_clean):
        model = spin_model.parse_model(md)
        res = evaluate(model, test_spun[held_out], test_clean)
        figures[f"trained_{'_'.join(kept)}_tested_{held_out}"] = res
        print(f"cross-thesaurus: trained on {'+'.join(kept)}-spun bbc_dev train half, tested on {held_out}-spun"
              f" bbc_dev test half ({EVAL_RATE:.0%}) and clean test half (threshold {md['threshold']}):")
        _print(res)

    md = train([v for t in thesauri for v in fit_spun[t]] + fit_clean, calib_clean)
    model = spin_model.parse_model(md)
    for th in SPINNER_THESAURI:
        res = evaluate(model, test_spun[th], test_clean)
        seen = "trained on" if th in thesauri else "NOT trained on (unseen spinner)"
        figures[f"{'_'.join(thesauri)}_tested_{th}"] = res
        print(f"final model (trained on {'+'.join(thesauri)}), bbc_dev test half spun with {th} at {EVAL_RATE:.0%},"
              f" {seen} (threshold {md['threshold']}):")
        _print(res)
    md["training"].update({
        "data": "bbc_dev.jsonl train half (md5(id) < 0.5) spun by analyzer.spinner with"
                f" {' and '.join(thesauri)} at rates {list(TRAIN_RATES)}, plus the clean articles;"
                " threshold from the calibration part",
        "thesauri": list(thesauri),
        "target_false_flags_per_1000_words": TARGET_FALSE_FLAGS_PER_1000,
        "C": C,
        "test_figures": {k: {m: round(x, 4) for m, x in v.items()} for k, v in figures.items()},
    })
    if not args.no_write:
        args.output.write_text(json.dumps(md, indent=1) + "\n", encoding="utf-8")
        print("wrote", args.output)
    print(f"done in {time.time() - t0:.0f}s")


def _print(res: dict[str, float]) -> None:
    print(f"  span recall {res['span_recall']:.3f} ({res['substitutions']} substitutions),"
          f" right suggestion on found {res['right_suggestion_share']:.3f},"
          f" false flags on clean {res['false_flags_per_1000_words']:.3f} per 1,000 words,"
          f" document ROC AUC spun vs original {res['doc_auc']:.3f}")


if __name__ == "__main__":
    main()
