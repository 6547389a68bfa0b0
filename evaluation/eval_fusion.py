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

With --stacked it also measures fusions that are fitted rather than chosen on a grid, all
cross-fitted so that no fusion sees the rows it is scored on (stacked_report):
- a stacked logistic regression over [logit p_garbled, logit p_style], fitted on out-of-fold
  predictions of both tasks (training BBC originals, spun and MT-injected copies, BASIL originals
  and spun copies in 5 folds by article; the WMT documents by language pair), the two tasks
  weighted equally;
- the same with an evidence gate: logit p_translated, a logistic regression "translated (WMT human
  or machine) vs native news" over the style profile without typography, and its products with
  both log-odds (so that the weight of each model can depend on whether the text reads translated);
- the odds sum with p_garbled's log-odds lowered by GATE_SHRINK * p_translated.
Leave-one-pair-out is nested: for each held-out pair the components and the stacker are refitted
without it (the stacker's own out-of-fold rows included).

With --candidates it refits the style model with a candidate family of evaluation/style_candidates.py
(--family: bigram = CANDIDATE_STYLE_FEATURES, the default; consistency = CONSISTENCY_FEATURES,
document-level consistency; consistency_kept = CONSISTENCY_KEPT) added and
with other L2 strengths (CANDIDATE_CONFIGS; candidates_report) and prints, per configuration,
p_style leave-one-pair-out per pair, its mean on the held-out BBC originals and PolNeAR articles,
and the fused figures: at the shipped weight and offset, and at the grid point (FUSION_GRID) with
the best leave-one-pair-out among those whose spun-vs-original and in-sample figures are not
below the shipped model's (p_garbled as shipped throughout).

Usage: python evaluation/eval_fusion.py [--data ../shared/data] [--limit 150] [--stacked] [--candidates]
  [--family bigram|consistency|consistency_kept]
  (--limit 0: all 503)
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import style_candidates  # noqa: E402
import train_translation as T  # noqa: E402
from native_news import newspaper3k_bodies, polnear_articles  # noqa: E402

from analyzer import stylometry  # noqa: E402
from analyzer.signals import translation as tr  # noqa: E402
from analyzer.spinner import THESAURI  # noqa: E402

# Spinners other than the Moby one of the fusion grid: their spun copies of the same held-out
# articles (same seeds) are scored with the shipped fusion only. Roget is the thesaurus neither
# the spinning detector nor this model was trained on (analyzer.spinner.THESAURI).
OTHER_SPINNERS = ("roget",)
NOISY_OR_WEIGHTS = (0.3, 0.6)
LOG_ODDS_WEIGHTS = (0.5, 1.0, 1.5)
ODDS_SUM_WEIGHTS = (1.0, 1.5, 2.0)
ODDS_SUM_OFFSETS = (-1.0, 0.0, 0.5, 1.0)
# --stacked: folds of the native rows (by article / BASIL event), L2 strength of the gate
# (as the style model's C_STYLE: weak, pair-dependent cues) and of the stacker, and the shrink
# factors of p_garbled's log-odds by p_translated in the gated odds sum.
STACK_FOLDS = 5
GATE_C = 0.03
STACK_C = 1.0
GATE_SHRINK = (0.0, 2.0, 4.0, 8.0)  # 0: the shipped odds sum, components cross-fitted


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
    return {"attribution/polnear_dev_paragraphs.tsv articles": polnear_articles(data),
            "boilerplate/newspaper3k_pages.jsonl extracted bodies": newspaper3k_bodies(data)}


def _distribution(name: str, p: np.ndarray) -> None:
    print(f"p_style on {name} ({len(p)}): mean {p.mean():.3f}  p90 {np.quantile(p, 0.9):.3f}  "
          f"above 0.5 {(p > 0.5).mean():.1%} ({int((p > 0.5).sum())})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=150, help="held-out BBC articles (default 150, 0 = all)")
    parser.add_argument("--stacked", action="store_true", help="also the cross-fitted stacked and gated fusions")
    parser.add_argument("--candidates", action="store_true",
                        help="also the style model refitted with the candidate features and other L2 strengths")
    parser.add_argument("--family", default="bigram", choices=sorted(style_candidates.FAMILIES),
                        help="candidate family of evaluation/style_candidates.py for --candidates")
    args = parser.parse_args()
    if args.candidates and args.family.startswith("consistency") and not style_candidates.WORDNET_DIR.is_dir():
        parser.error(f"--family {args.family} reads WordNet 3.0 from {style_candidates.WORDNET_DIR}"
                     " (Debian wordnet-base), which is not installed")
    from analyzer.spinner import spin  # noqa: PLC0415 - test/build extra

    model = tr.default_model()
    if model is None:
        raise SystemExit("models/translation.json is missing: run scripts/train_translation.py")
    articles = [a for a in T.bbc_articles(args.data) if T.is_test_id(a["id"])][: args.limit or None]
    bbc, y_bbc = [], []
    spun_texts = []
    for i, art in enumerate(articles):
        spun_texts.append(spin(art["text"], rate=T.EVAL_SPIN_RATE, seed=10_000 + i).text)
        bbc.append(probabilities(art["text"], model))
        bbc.append(probabilities(spun_texts[-1], model))
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
    originals = bbc[0::2]
    for thesaurus in OTHER_SPINNERS:
        other = [probabilities(spin(art["text"], rate=T.EVAL_SPIN_RATE, seed=10_000 + i, thesaurus=thesaurus).text,
                               model) for i, art in enumerate(articles)]
        fused, garbled = spun_aucs(originals, other, model)
        print(f"spun vs original, news/bbc_dev.jsonl held-out {len(articles)} articles, {thesaurus} spinner at"
              f" {T.EVAL_SPIN_RATE:.0%} (same seeds): p_garbled alone {garbled:.3f},"
              f" scores.translation (shipped odds sum) {fused:.3f}")
    native_spun_report(args.data, model, spin)
    if args.stacked:
        stacked_report(args.data, [a["text"] for a in articles] + spun_texts)
    if args.candidates:
        heldout = [t for pair in zip([a["text"] for a in articles], spun_texts, strict=True) for t in pair]
        polnear = next(t for n, t in native_texts(args.data).items() if n.startswith("attribution"))
        candidates_report(args.data, docs, rows, {"g_b": g_b, "g_w": g_w, "y_bbc": np.array(y_bbc)}, heldout, polnear,
                          args.family)



def spun_aucs(originals: list[tuple[float, float]], spun: list[tuple[float, float]],
              model: tr.TranslationModel) -> tuple[float, float]:
    """ROC AUC spun vs original of the shipped fusion and of p_garbled alone, from (p_garbled,
    p_style) pairs."""
    g, s = np.array(originals + spun).T
    y = [0] * len(originals) + [1] * len(spun)
    fused = [tr.combine(a, b, model.style_weight, model.style_offset) for a, b in zip(g, s, strict=True)]
    return roc_auc_score(y, fused), roc_auc_score(y, g)


def native_spun_report(data: Path, model: tr.TranslationModel, spin) -> None:  # type: ignore[no-untyped-def]
    """Spun vs original on native news that no model was fitted on (native_texts), every spinner.

    BBC's held-out articles are short (a median of about 330 words), so a copy spun at 5/100 words
    holds few swaps; these sets are other outlets, other years and longer articles, a check that
    the BBC figure neither flatters nor understates the unseen-news case."""
    print(f"spun vs original on native news never trained on (analyzer.spinner at {T.EVAL_SPIN_RATE:.0%},"
          f" shipped fusion weight {model.style_weight} offset {model.style_offset}):")
    for name, texts in native_texts(data).items():
        originals = [probabilities(t, model) for t in texts]
        for thesaurus in THESAURI:
            spun = [probabilities(spin(t, rate=T.EVAL_SPIN_RATE, seed=20_000 + i, thesaurus=thesaurus).text, model)
                    for i, t in enumerate(texts)]
            fused, garbled = spun_aucs(originals, spun, model)
            print(f"  {name} ({len(texts)}), {thesaurus}: scores.translation {fused:.3f}"
                  f"   p_garbled alone {garbled:.3f}")


# --- cross-fitted stacked and gated fusions (--stacked) -------------------------------------------

GATE_FEATURES = tuple(f for f in stylometry.STYLE_FEATURES if f not in stylometry.TYPOGRAPHY_FEATURES)


def _fold(key: str) -> str:
    return f"native{int.from_bytes(hashlib.blake2b(key.encode(), digest_size=2).digest(), 'big') % STACK_FOLDS}"


def training_table(data: Path) -> tuple[list[dict[str, float]], np.ndarray, list[str], list[str], list[str]]:
    """(feature rows, labels, task, fold, kind) of every training row of scripts/train_translation.py
    plus BASIL originals and spun copies: task "spun" = garbled (1) vs original (0), task "mt" =
    machine (1) vs human (0) translation; folds by article (native) or language pair (WMT)."""
    train = [a for a in T.bbc_articles(data) if not T.is_test_id(a["id"])]
    basil = T.other_native_articles(data)
    wmt = T.wmt_docs(data)
    spun, injected = T.spun_docs(train, T.TRAIN_SPIN_RATES), T.injected_docs(train)
    basil_spun = T.spun_docs(basil, T.TRAIN_SPIN_RATES)
    basil_folds = [_fold(str(a.get("cluster", i))) for i, a in enumerate(basil)]
    parts = [([a["text"] for a in train], [0] * len(train), [_fold(a["id"]) for a in train], "bbc"),
             ([d.text for d in spun], [1] * len(spun), [_fold(a["id"]) for a in train], "bbc_spun"),
             ([d.text for d in injected], [1] * len(injected), [_fold(d.id.split("#")[0]) for d in injected], "bbc_mt"),
             ([a["text"] for a in basil], [0] * len(basil), basil_folds, "basil"),
             ([d.text for d in basil_spun], [1] * len(basil_spun), basil_folds, "basil_spun"),
             ([d.text for d in wmt], [d.label for d in wmt], [d.group for d in wmt], "wmt")]
    rows, labels, tasks, folds, kinds = [], [], [], [], []
    for texts, ys, fs, kind in parts:
        rows += T.feature_table([T.Doc("", t, "", 0) for t in texts])
        labels += ys
        folds += fs
        kinds += [kind] * len(texts)
        tasks += ["mt" if kind == "wmt" else "spun"] * len(texts)
    return rows, np.array(labels), tasks, folds, kinds


def fit_components(rows: list[dict[str, float]], labels: np.ndarray, kinds: list[str], idx: list[int]) -> dict:
    """garbled and style models as scripts/train_translation.py fits them, and the gate, on rows[idx]."""
    garbled_kinds = {"bbc", "bbc_spun", "bbc_mt", "wmt"}
    g_idx = [i for i in idx if kinds[i] in garbled_kinds]
    garbled = T.fit_garbled([rows[i] for i in g_idx], [int(labels[i]) if kinds[i] != "wmt" else 0 for i in g_idx],
                            T.GARBLED_BASE + T.SPIN_FEATURES_USED)
    w_idx = [i for i in idx if kinds[i] == "wmt"]
    native = [rows[i] for i in idx if kinds[i] in ("bbc", "bbc_spun", "basil", "basil_spun")]
    style = T.fit_style([rows[i] for i in w_idx], [T.Doc("", "", "", int(labels[i])) for i in w_idx], native)
    X = T.matrix(native + [rows[i] for i in w_idx], GATE_FEATURES)
    y = [0] * len(native) + [1] * len(w_idx)
    weights = [len(w_idx) / len(native)] * len(native) + [1.0] * len(w_idx)
    scaler = StandardScaler().fit(X)
    gate = LogisticRegression(C=GATE_C, max_iter=5000).fit(scaler.transform(X), y, sample_weight=weights)
    return {"g": garbled, "s": style, "t": T._logistic_json(GATE_FEATURES, scaler, gate.coef_[0], gate.intercept_[0])}


def component_logits(models: dict, rows: list[dict[str, float]]) -> np.ndarray:
    """Columns: logit p_garbled, logit p_style, logit p_translated."""
    return np.column_stack([_logit(T.apply(models[k], rows)) for k in ("g", "s", "t")])


def out_of_fold(rows: list[dict[str, float]], labels: np.ndarray, kinds: list[str], folds: list[str],
                idx: list[int]) -> np.ndarray:
    """component_logits of rows[idx], each fold's from components fitted on the other folds of idx."""
    out = np.zeros((len(idx), 3))
    for fold in sorted({folds[i] for i in idx}):
        inside = [k for k, i in enumerate(idx) if folds[i] == fold]
        models = fit_components(rows, labels, kinds, [i for i in idx if folds[i] != fold])
        out[inside] = component_logits(models, [rows[idx[k]] for k in inside])
    return out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


STACK_INPUTS = {
    "stacked LR [g, s]": lambda z: z[:, :2],
    "stacked LR [g, s, t, g*T, s*T]": lambda z: np.column_stack(
        [z, z[:, 0] * _sigmoid(z[:, 2]), z[:, 1] * _sigmoid(z[:, 2])]),
}


def fit_stacker(z: np.ndarray, labels: np.ndarray, tasks: list[str], inputs) -> object:  # type: ignore[no-untyped-def]
    """Logistic regression over inputs(z), the two tasks weighted equally; returns a scoring function."""
    X = inputs(z)
    n_spun = tasks.count("spun")
    weights = np.array([0.5 / n_spun if t == "spun" else 0.5 / (len(tasks) - n_spun) for t in tasks]) * len(tasks)
    scaler = StandardScaler().fit(X)
    model = LogisticRegression(C=STACK_C, max_iter=5000).fit(scaler.transform(X), labels, sample_weight=weights)
    return lambda zz: model.decision_function(scaler.transform(inputs(zz)))


def stacked_report(data: Path, heldout: list[str]) -> None:
    """Print the cross-fitted fusions' ROC AUC: spun vs original on `heldout` (held-out BBC
    originals then their spun copies), human vs MT in-sample and leave-one-pair-out (nested)."""
    rows, labels, tasks, folds, kinds = training_table(data)
    test_rows = T.feature_table([T.Doc("", t, "", 0) for t in heldout])
    y_test = np.r_[np.zeros(len(heldout) // 2), np.ones(len(heldout) // 2)]
    everything = list(range(len(rows)))
    wmt = [i for i in everything if kinds[i] == "wmt"]
    pairs = sorted({folds[i] for i in wmt})
    y_wmt = labels[wmt]
    fused = {name: [np.zeros(0), np.zeros(0), np.zeros(len(wmt))] for name in STACK_INPUTS}
    gated = {j: [np.zeros(0), np.zeros(0), np.zeros(len(wmt))] for j in GATE_SHRINK}

    def gate_fuse(z: np.ndarray, j: float) -> np.ndarray:
        return np.logaddexp(z[:, 0] - j * _sigmoid(z[:, 2]), T.STYLE_WEIGHT * z[:, 1] + T.STYLE_OFFSET)

    for held in [None, *pairs]:
        idx = [i for i in everything if folds[i] != held]
        z_oof = out_of_fold(rows, labels, kinds, folds, idx)
        models = fit_components(rows, labels, kinds, idx)
        targets = [test_rows, [rows[i] for i in wmt]] if held is None else [[rows[i] for i in wmt if folds[i] == held]]
        zs = [component_logits(models, r) for r in targets]
        mask = np.array([folds[i] == held for i in wmt])
        for name, inputs in STACK_INPUTS.items():
            score = fit_stacker(z_oof, labels[idx], [tasks[i] for i in idx], inputs)
            if held is None:
                fused[name][0], fused[name][1] = score(zs[0]), score(zs[1])
            else:
                fused[name][2][mask] = score(zs[0])
        for j in GATE_SHRINK:
            if held is None:
                gated[j][0], gated[j][1] = gate_fuse(zs[0], j), gate_fuse(zs[1], j)
            else:
                gated[j][2][mask] = gate_fuse(zs[0], j)
    groups = np.array([folds[i] for i in wmt])
    print(f"cross-fitted fusions: spun vs original = news/bbc_dev.jsonl held-out {len(heldout) // 2} articles "
          f"(Moby, {T.EVAL_SPIN_RATE:.0%}); human vs MT = mt/ wmt dev {len(wmt)} documents; training rows: "
          "bbc_dev.jsonl train split (originals, spun, MT-injected), news/basil_triplets.jsonl (originals, spun)")
    lines = {**fused, **{f"odds sum, g log-odds - {j:g} p_translated" if j else "odds sum (shipped rule)": v
                         for j, v in gated.items()}}
    for name, (test, inside, lopo) in lines.items():
        per_pair = "  ".join(f"{p} {roc_auc_score(y_wmt[groups == p], lopo[groups == p]):.3f}" for p in pairs)
        print(f"{name:44} spun vs original {roc_auc_score(y_test, test):.3f}   human vs MT in-sample "
              f"{roc_auc_score(y_wmt, inside):.3f}   leave-one-pair-out {roc_auc_score(y_wmt, lopo):.3f} ({per_pair})")


# --- candidate style features and L2 strengths (--candidates) -------------------------------------

# (C of the style regression, with analyzer.style_candidates.CANDIDATE_STYLE_FEATURES?): the shipped setting, the
# candidates at it, and the candidates with the weaker regularisation that raises p_style alone.
CANDIDATE_CONFIGS = ((T.C_STYLE, False), (T.C_STYLE, True), (0.06, True), (0.1, True), (0.1, False))
# Fusion grid searched per configuration (odds sum: weight, offset).
FUSION_GRID = (np.arange(1.0, 4.01, 0.25), np.arange(-0.5, 3.01, 0.125))


def _with_candidates(rows: list[dict[str, float]], texts: list[str], family: str = "bigram") -> list[dict[str, float]]:
    function = style_candidates.FAMILIES[family][1]
    return [{**row, **function(t)} for row, t in zip(rows, texts, strict=True)]


def candidates_report(data: Path, docs: list, rows: list[dict[str, float]], garbled: dict[str, np.ndarray],
                      heldout: list[str], polnear: list[str], family: str = "bigram") -> None:
    """Print, per CANDIDATE_CONFIGS entry, p_style leave-one-pair-out, its native means and the
    fused figures (see the module docstring). `heldout` alternates held-out BBC originals and their
    spun copies, in the order of garbled["g_b"]."""
    texts = T.native_style_texts(data)
    native = _with_candidates([stylometry.style_features(t) for t in texts], texts, family)
    rows = _with_candidates(rows, [d.text for d in docs], family)
    bbc_rows = _with_candidates([stylometry.style_features(t) for t in heldout], heldout, family)
    pol_rows = _with_candidates([stylometry.style_features(t) for t in polnear], polnear, family)
    extra = style_candidates.FAMILIES[family][0]
    y = np.array([d.label for d in docs])
    groups = np.array([d.group for d in docs])
    g_b, g_w, y_bbc = garbled["g_b"], garbled["g_w"], garbled["y_bbc"]

    def fused(gp: np.ndarray, sp: np.ndarray, w: float, c: float) -> np.ndarray:
        return np.logaddexp(_logit(gp), c + w * _logit(sp))

    print(f"candidate style models: p_style leave-one-pair-out on mt/ wmt dev ({len(docs)} documents); "
          f"p_style means on news/bbc_dev.jsonl held-out originals ({len(heldout) // 2}) and "
          f"attribution/polnear_dev_paragraphs.tsv articles ({len(polnear)}); candidates: {family} family "
          f"({', '.join(extra)}); fused = spun vs original "
          "(bbc_dev.jsonl held-out, Moby 5%) / human vs MT in-sample / leave-one-pair-out")
    floor = None
    for c_style, candidates in CANDIDATE_CONFIGS:
        names = T.style_names() + (extra if candidates else ())
        style = T.fit_style(rows, docs, native, names=names, c=c_style)
        s_w, s_b = T.apply(style, rows), T.apply(style, bbc_rows)
        s_l = np.zeros(len(docs))
        for pair in sorted(set(groups)):
            train, test = np.flatnonzero(groups != pair), np.flatnonzero(groups == pair)
            model = T.fit_style([rows[i] for i in train], [docs[i] for i in train], native, names=names, c=c_style)
            s_l[test] = T.apply(model, [rows[i] for i in test])

        def figures(w: float, c: float, s_b: np.ndarray = s_b, s_w: np.ndarray = s_w,
                    s_l: np.ndarray = s_l) -> tuple[float, float, float]:
            return (roc_auc_score(y_bbc, fused(g_b, s_b, w, c)), roc_auc_score(y, fused(g_w, s_w, w, c)),
                    roc_auc_score(y, fused(g_w, s_l, w, c)))

        shipped = figures(T.STYLE_WEIGHT, T.STYLE_OFFSET)
        floor = floor or shipped  # the first configuration is the shipped model
        best = max(((figures(w, c), w, c) for w in FUSION_GRID[0] for c in FUSION_GRID[1]),
                   key=lambda f: f[0][2] if f[0][0] >= floor[0] and f[0][1] >= floor[1] else -1.0)
        per_pair = "  ".join(f"{p} {roc_auc_score(y[groups == p], s_l[groups == p]):.4f}" for p in sorted(set(groups)))
        print(f"C {c_style:<5} {'+ candidates' if candidates else 'shipped features':17} p_style leave-one-pair-out "
              f"{roc_auc_score(y, s_l):.4f} ({per_pair})  native means BBC {s_b[0::2].mean():.3f} "
              f"PolNeAR {T.apply(style, pol_rows).mean():.3f}")
        f_l = fused(g_w, s_l, T.STYLE_WEIGHT, T.STYLE_OFFSET)
        fused_pairs = "  ".join(f"{p} {roc_auc_score(y[groups == p], f_l[groups == p]):.4f}"
                                for p in sorted(set(groups)))
        print(f"{'':25} fused at {T.STYLE_WEIGHT:g} / {T.STYLE_OFFSET:g}: " + " / ".join(f"{v:.4f}" for v in shipped)
              + f" (leave-one-pair-out {fused_pairs});  best leave-one-pair-out not below the shipped on the other "
              f"two: weight {best[1]:g} offset "
              f"{best[2]:g}: " + " / ".join(f"{v:.4f}" for v in best[0]))


if __name__ == "__main__":
    main()
