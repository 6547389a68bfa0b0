"""The learned spin detector's model: the candidate columns it reads (FEATURES, DENSE_BLOCKS), its
file format (models/spin_detector.json, plain JSON written by scripts/train_spin_detector.py from
BBC articles spun with two thesauri) with the validation of a file, and scoring. A binned-feature
logistic regression scores each candidate word; a small network (second stage) combines its
log-odds with the features and with document inputs (how spun the article's other candidates look:
a spinner swaps words all through a text) into the probability that the word is spun.
analyzer.spinning computes the candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from analyzer.resources import ModelError, finite_number, load_json_model, model_path

MODEL_FILE = "spin_detector.json"
MODEL_FORMAT = "analyzer-spin-detector"
MODEL_FORMAT_VERSION = 4
# v2 files (no second stage) and v3 files (no document inputs) still load: a user's retrained
# model keeps working.
READABLE_FORMAT_VERSIONS = (2, 3, 4)
# The second stage (a one-hidden-layer network) reads FEATURES columns by name, then (v4) the
# DOC_INPUTS, then STAGE2_INPUT, the first stage's log-odds.
STAGE2_INPUT = "first_stage_logit"
# Document inputs of the second stage, over the first stage's probabilities of all candidates of
# the article: their mean, and the mean of the top DOC_TOP_SHARE. A spinner swaps words all
# through a text, so a doubtful word in an article full of likely swaps is more likely one, and a
# lone oddity in a clean article less. Span recall on the bbc_dev.jsonl test half (300 articles,
# 5% spun, at 0.6 false flags per 1,000 clean words) rose from 0.089 to 0.222 (Moby) and from
# 0.252 to 0.501 (WordNet); scratch run of the training recipe on 500 fit articles, 2026-11-22
# (adding the top 3% and the share above 0.5 gave no more).
DOC_INPUTS = ("doc_first_stage_mean", "doc_first_stage_top")
DOC_TOP_SHARE = 0.1  # not tuned: the one value tried
# Refuse absurd hidden layers in a model file (the shipped one has 32 units).
MAX_STAGE2_HIDDEN = 1024

# Raw per-candidate features that analyzer.spinning computes, in this order (the model file names
# the ones it uses).
FEATURES: tuple[str, ...] = (
    "zipf_word",          # Zipf frequency of the word
    "zipf_gap",           # Zipf(best original) - Zipf(word)
    "zipf_prev",          # Zipf of the previous word (0 without one: punctuation or start)
    "zipf_next",          # Zipf of the next word
    "bigram_prev",        # log10 Google Books count of (prev, word); spinning.ABSENT_BIGRAM_LOG10 if unlisted
    "bigram_next",        # log10 count of (word, next)
    "pmi_prev",           # bigram_prev - zipf_prev - zipf_word: low = frequent words that never meet
    "pmi_next",
    "gain_prev",          # log10 count (prev, original) - bigram_prev
    "gain_next",          # log10 count (original, next) - bigram_next
    "gain_total",         # gain_prev + gain_next
    "has_prev",           # 1 when a word follows a single space before
    "has_next",
    "stop_prev",          # the previous word is a closed-class word
    "stop_next",
    "capitalised",        # capital at a sentence start (mid-sentence capitals are never candidates)
    "n_originals",        # how many likely originals the inverse thesaurus lists
    "original_rank",      # position of the chosen original in the list (WordNet synonyms first)
    "suffix_ly",
    "suffix_ed",
    "suffix_ing",
    "suffix_s",
    "word_len",
    "doc_word_count",     # occurrences of the word in the whole text (spinners swap one occurrence)
    "doc_original_count", # occurrences of the chosen original elsewhere in the text
    "doc_originals",      # how many of the word's likely originals occur in the text
    "doc_context",        # 1 when (prev, original) or (original, next) occurs elsewhere in the text
    # Interactions a binned linear model cannot form by itself:
    "unseen_prev_zipf",   # Zipf(prev) + Zipf(word) when (prev, word) is unlisted: two frequent words never met
    "unseen_next_zipf",
    "unseen_both",        # neither bigram listed while both neighbours exist
    "gain_x_gap",         # gain_total * zipf_gap: the swap back is both more common and a better fit
    # Word-vector context fit (GloVe, spin_vectors.*): co-occurrence statistics smoothed over a
    # whole news corpus, where the bigram table only lists the most frequent pairs. All 0 when the
    # word, its original or its context has no vector.
    "vec_similarity",     # cos(word, original): near-synonym (small change) or a far-fetched one
    "vec_fit",            # cos(word, context): context = content words within spinning.CONTEXT_WINDOW
    "vec_fit_gain",       # cos(original, context) - cos(word, context)
    "vec_best_fit_gain",  # the same for the best-fitting of all likely originals
    "vec_doc",            # cos(word, whole article)
    "vec_doc_gain",       # cos(original, article) - cos(word, article)
    "vec_prev_gain",      # cos(prev, original) - cos(prev, word)
    "vec_next_gain",      # cos(next, original) - cos(next, word)
    "vec_word_known",     # the word has a vector
    "vec_original_known", # the chosen original has a vector
    # Summaries over ALL likely originals (the columns above describe the chosen one only):
    "joint_gain",         # max over originals of min(gain_prev, gain_next) with both neighbours (else
                          # the one side's gain): an original that fits left AND right at once
    "originals_gaining",  # share of the originals with gain_prev + gain_next > 0
    "originals_fitting",  # share of the originals (with a vector) whose context fit beats the word's
    "original_is_top",    # the chosen original is the most frequent (Zipf) of the word's originals
    "originals_rarer",    # share of the originals rarer (Zipf) than the word: a spinner picks rarer words
)
# Dense blocks of DIMENSIONS values each, weighted one by one by the model (a learned diagonal
# form): (original - word) * context, (original - word) * (prev + next), and the word's vector
# (spinner output tends to be literary or archaic, a region of the vector space).
DENSE_BLOCKS: tuple[str, ...] = ("context_gain", "neighbour_gain", "word")
DIMENSIONS = 100  # of the shipped vectors (GloVe 6B 100-d); checked when spinning's table loads
DENSE_WIDTH = len(DENSE_BLOCKS) * DIMENSIONS


@dataclass(frozen=True)
class SpinModel:
    """Binned-feature logistic regression: each feature's value falls in a bin with a weight."""

    features: tuple[str, ...]
    columns: tuple[int, ...]  # index of each feature in FEATURES
    edges: tuple[np.ndarray, ...]
    weights: tuple[np.ndarray, ...]
    intercept: float
    threshold: float
    rare_threshold: float
    training: dict[str, Any]
    dense_weights: np.ndarray  # DENSE_WIDTH weights, already multiplied by the scale
    stage2: Stage2 | None = None

    def probabilities(self, raw: np.ndarray, dense: np.ndarray, binned: np.ndarray | None = None) -> np.ndarray:
        """raw: candidates x len(FEATURES), dense: candidates x dense width -> probability that
        each candidate is a spun word (the second stage's, when the model has one). `binned`:
        binned_logits(raw) when already computed (spinning.prefetch does it for a batch of articles)."""
        z = self.first_stage(raw, dense, binned)
        if self.stage2 is not None:
            z = self.stage2.decision(raw, z)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def probabilities_many(self, raws: Sequence[np.ndarray], denses: Sequence[np.ndarray]) -> list[np.ndarray]:
        """[probabilities(raw, dense) for each article], the very floats, for a batch of articles.

        The matrix products (BLAS, whose rounding may depend on the shape) and the document inputs
        (a sort and two sums per article) run article by article as in `probabilities`; the
        element-wise steps (sums, the outer product, ReLU, clip, exp) run once over the batch: an
        element's result does not depend on its neighbours. About 10 numpy calls an article instead
        of 27: 0.1-0.13 ms an article less on bbc_dev.jsonl in batches of 32 (a scratch timing on a
        loaded 2-core machine, 2026-11-23; bench/bench_translation.py's translation_signal+prefetch
        line includes it). tests/test_spin_model.py compares the bytes with `probabilities`.
        """
        sizes = [len(r) for r in raws]
        bounds = np.cumsum([0, *sizes]).tolist()
        if not bounds[-1]:
            return [np.zeros(0) for _ in raws]
        spans = [(lo, hi) for lo, hi in zip(bounds[:-1], bounds[1:], strict=True) if hi > lo]
        raw_all = np.concatenate(raws)
        # float32 @ float64 casts the float32 operand to a float64 copy first (the same values): an
        # article's copy (~0.4 MB) is read back from the CPU caches by its product, where one copy
        # of the whole batch (~13 MB) was written to memory and read back (0.25 -> 0.21 ms an
        # article of bbc_dev.jsonl in batches of 32; a scratch timing interleaved with the former
        # way on a loaded 2-core machine, 2026-11-24).
        dense_part = np.empty(bounds[-1])
        weights = self.dense_weights
        for (lo, hi), dense in zip(spans, (d for r, d in zip(raws, denses, strict=True) if len(r)), strict=True):
            dense_part[lo:hi] = dense.astype(np.float64) @ weights
        z = self.binned_logits(raw_all) + dense_part
        if self.stage2 is not None:
            z = self.stage2.decision_many(raws, z, spans)
        out = 1.0 / (1.0 + np.exp(-np.minimum(np.maximum(z, -30.0), 30.0)))
        return [out[lo:hi] for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]

    def probabilities_runs(self, runs: Iterable[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """probabilities(raw, dense) of ONE article's candidates given in runs of rows (raw, dense),
        the very floats, holding no run after its turn: the first stage's log-odds and the second
        stage's products with the raw features are kept (a float and `hidden` floats a candidate),
        the rest waits for the document inputs, which need every candidate's first stage. Each row's
        value depends on its row alone; the matrix products give the same floats for runs that are
        multiples of 4,096 rows (OpenBLAS, one thread: checked on random matrices of the shapes
        here, 5,000 to 100,001 rows in runs of 16,384), and tests/test_spinning.py compares the bytes."""
        firsts: list[np.ndarray] = []
        products: list[np.ndarray] = []
        folded = self.stage2._folded() if self.stage2 is not None else None
        for raw, dense in runs:
            firsts.append(self.first_stage(raw, dense))
            if folded is not None:
                products.append(raw @ folded[0])
        z = np.concatenate(firsts) if firsts else np.zeros(0)
        if self.stage2 is not None and len(z):
            z = self.stage2.decision_from(products, z)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def first_stage(self, raw: np.ndarray, dense: np.ndarray, binned: np.ndarray | None = None) -> np.ndarray:
        """Log-odds of the binned logistic regression with the dense vector products."""
        if binned is None:
            binned = self.binned_logits(raw)
        return binned + dense @ self.dense_weights

    def binned_logits(self, raw: np.ndarray) -> np.ndarray:
        """The intercept plus the bin weight of every feature, per candidate (row of raw).

        Each row's value depends on that row alone, so the rows of a whole batch of articles at once
        give the very floats an article's rows give: spinning.prefetch does so, one call instead of one per
        article (called per article, _binned_weights took 0.09 ms an article, mostly numpy call
        overhead on ~170 candidates; bbc_dev.jsonl).
        """
        picked = _binned_weights(self, raw)
        # Feature by feature, left to right, after the intercept (sequential, unlike sum's pairwise
        # summation): the same float sums as np.cumsum(picked, axis=0)[-1] gave, whose strided
        # per-column loop cost 7x more than one contiguous np.add per feature (a batch of 32
        # bbc_dev.jsonl articles; a scratch micro-benchmark outside the repository, 2026-11-22).
        total = picked[0] + self.intercept  # a new array: the rows of `picked` are not kept alive
        for row in picked[1:]:
            total += row
        return total


def _binned_weights(model: SpinModel, raw: np.ndarray) -> np.ndarray:
    """features x candidates: the weight of the bin each raw value falls in.

    The bin is the number of the feature's edges <= the value (np.searchsorted side="right"),
    counted in one comparison pass per edge rank (at most 9) over all features and candidates at
    once, into a uint8 array: 3x cheaper than comparing against every +inf-padded edge and taking
    the argmin (the former way), 2x cheaper than a searchsorted per feature. NaN compares False
    (bin 0); +inf is set to bin 0 as the argmin gave it. tests/test_spin_model.py checks the bins
    against np.searchsorted.
    """
    cached = model.__dict__.get("_bins_cache")
    if cached is None:
        n = len(model.edges)
        width = max((len(e) for e in model.edges), default=0)
        # Edge k of every feature as a column (+inf where a feature has fewer edges: never <= a
        # finite value).
        edges = np.full((width, n, 1), np.inf)
        for j, e in enumerate(model.edges):
            edges[: len(e), j, 0] = e
        weights = np.concatenate(model.weights) if n else np.zeros(0)
        first = np.cumsum([0] + [len(w) for w in model.weights[:-1]])[:, None]  # feature j's bin 0
        small = np.uint8 if width <= np.iinfo(np.uint8).max else np.intp  # a bin index fits
        cached = (edges, weights, first, np.array(model.columns, dtype=np.intp), small)
        object.__setattr__(model, "_bins_cache", cached)
    edges, weights, first, columns, small = cached
    values = raw[:, columns].T
    bins = np.zeros(values.shape, dtype=small)
    above = np.empty(values.shape, dtype=bool)
    for edge in edges:
        np.greater_equal(values, edge, out=above)
        bins += above.view(np.uint8)
    bins[values == np.inf] = 0
    return weights[first + bins]


@dataclass(frozen=True)
class Stage2:
    """One-hidden-layer ReLU network over the standardised FEATURES plus the first stage's
    log-odds: lets the features interact (a bigram gain matters for a rare word with both
    neighbours listed), which a binned linear model cannot express."""

    columns: np.ndarray  # FEATURES index of each feature input
    doc: bool            # DOC_INPUTS follow the feature inputs
    mean: np.ndarray     # len(columns) + 2 * doc + 1
    scale: np.ndarray
    hidden_weights: np.ndarray  # inputs x hidden
    hidden_bias: np.ndarray
    out_weights: np.ndarray     # hidden
    out_bias: float

    def decision(self, raw: np.ndarray, first_logit: np.ndarray) -> np.ndarray:
        w_raw, w_doc, w_first, bias = self._folded()
        # (x - mean) / scale @ W + b, with the standardisation folded into the weights: the raw
        # matrix is read as it is (no column copy) and the document inputs, the same on every
        # row, add one vector.
        pre = raw @ w_raw + np.multiply.outer(first_logit, w_first) + bias
        if self.doc and len(first_logit):
            pre += _doc_values(first_logit) @ w_doc
        h = np.maximum(pre, 0.0)
        return h @ self.out_weights + self.out_bias

    def decision_from(self, products: list[np.ndarray], first_logit: np.ndarray) -> np.ndarray:
        """decision(raw, first_logit) of one article from `raw @ w_raw` in runs of rows
        (SpinModel.probabilities_runs), run by run: the same floats."""
        w_raw, w_doc, w_first, bias = self._folded()
        doc = _doc_values(first_logit) @ w_doc if self.doc else None
        out = np.empty(len(first_logit))
        lo = 0
        for product in products:
            hi = lo + len(product)
            pre = product + np.multiply.outer(first_logit[lo:hi], w_first) + bias
            if doc is not None:
                pre += doc
            h = np.maximum(pre, 0.0)
            out[lo:hi] = h @ self.out_weights + self.out_bias
            lo = hi
        return out

    def decision_many(self, raws: Sequence[np.ndarray], first_logit: np.ndarray,
                      spans: list[tuple[int, int]]) -> np.ndarray:
        """decision() of each article's rows (rows lo:hi of first_logit for each (lo, hi) of `spans`,
        the articles with rows, in the order of `raws` less the empty ones), the same floats:
        products per article, element-wise steps over the batch (SpinModel.probabilities_many)."""
        w_raw, w_doc, w_first, bias = self._folded()
        products = np.empty((len(first_logit), len(bias)))
        for (lo, hi), raw in zip(spans, (r for r in raws if len(r)), strict=True):
            products[lo:hi] = raw @ w_raw
        pre = products + np.multiply.outer(first_logit, w_first)
        pre += bias
        if self.doc:
            p = 1.0 / (1.0 + np.exp(-np.minimum(np.maximum(first_logit, -30.0), 30.0)))  # as _doc_values
            for lo, hi in spans:
                pre[lo:hi] += _doc_means(np.sort(p[lo:hi])) @ w_doc
        h = np.maximum(pre, 0.0, out=pre)
        out = np.empty(len(first_logit))
        for lo, hi in spans:
            out[lo:hi] = h[lo:hi] @ self.out_weights
        out += self.out_bias
        return out

    def _folded(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        cached = self.__dict__.get("_folded_cache")
        if cached is None:
            w = self.hidden_weights / self.scale[:, None]
            n = len(self.columns)
            w_raw = np.zeros((len(FEATURES), w.shape[1]))
            np.add.at(w_raw, self.columns, w[:n])  # features the network does not read weigh 0
            cached = (w_raw, w[n:-1], w[-1], self.hidden_bias - (self.mean / self.scale) @ self.hidden_weights)
            object.__setattr__(self, "_folded_cache", cached)
        return cached


def doc_inputs(first_logit: np.ndarray) -> np.ndarray:
    """candidates x len(DOC_INPUTS): the same document values on every row. `first_logit` must
    hold all candidates of ONE article (SpinModel.probabilities is always called per article)."""
    return np.tile(_doc_values(first_logit), (len(first_logit), 1))


def _doc_values(first_logit: np.ndarray) -> np.ndarray:
    """DOC_INPUTS of one article's candidates (zeros without any)."""
    if not len(first_logit):
        return np.zeros(len(DOC_INPUTS))
    return _doc_means(np.sort(1.0 / (1.0 + np.exp(-np.clip(first_logit, -30.0, 30.0)))))


def _doc_means(p: np.ndarray) -> np.ndarray:
    """DOC_INPUTS from an article's sorted first-stage probabilities (at least one)."""
    top = p[-max(1, int(len(p) * DOC_TOP_SHARE)):]
    # ndarray.mean() is np.add.reduce divided by the count, through a Python-level wrapper: called
    # directly, the same floats for less overhead (once per article).
    return np.array([np.add.reduce(p) / len(p), np.add.reduce(top) / len(top)])


def _array(raw: Any, shape: tuple[int, ...], what: str) -> np.ndarray:
    """A nested list of finite numbers of exactly this shape."""
    try:
        arr = np.array(raw, dtype=float)
    except (TypeError, ValueError):
        raise ModelError(f"{what} must be a list of numbers") from None
    if arr.shape != shape or not np.all(np.isfinite(arr)):
        raise ModelError(f"{what} must hold {' x '.join(map(str, shape))} finite numbers")
    return arr


def _parse_stage2(data: Any, version: int) -> Stage2 | None:
    if data is None:
        return None
    inputs = data.get("inputs") if isinstance(data, dict) else None
    if not isinstance(inputs, list) or not inputs or inputs[-1] != STAGE2_INPUT:
        raise ModelError(f"stage2 must be an object whose inputs end with {STAGE2_INPUT!r}")
    # Distinct FEATURES names (a file written before FEATURES grew still loads), DOC_INPUTS (v4).
    doc = tuple(inputs[-1 - len(DOC_INPUTS) : -1]) == DOC_INPUTS
    named = inputs[: -1 - len(DOC_INPUTS) * doc]
    if not all(isinstance(name, str) and name in FEATURES for name in named) or len(set(named)) != len(named):
        raise ModelError("stage2.inputs must be distinct FEATURES names, then the document inputs, then"
                         f" {STAGE2_INPUT!r}")
    if doc and version < 4:
        raise ModelError("stage2 document inputs need format_version 4")
    width = data.get("hidden")
    if not isinstance(width, int) or isinstance(width, bool) or not 0 < width <= MAX_STAGE2_HIDDEN:
        raise ModelError(f"stage2.hidden must be an integer in 1..{MAX_STAGE2_HIDDEN}")
    n = len(inputs)
    scale = _array(data.get("scale"), (n,), "stage2.scale")
    if np.any(scale <= 0):
        raise ModelError("stage2.scale must be positive")
    return Stage2(np.array([FEATURES.index(name) for name in named], dtype=np.intp), doc,
                  _array(data.get("mean"), (n,), "stage2.mean"), scale,
                  _array(data.get("hidden_weights"), (n, width), "stage2.hidden_weights"),
                  _array(data.get("hidden_bias"), (width,), "stage2.hidden_bias"),
                  _array(data.get("out_weights"), (width,), "stage2.out_weights"),
                  finite_number(data.get("out_bias"), "stage2.out_bias"))


def parse_model(data: Any) -> SpinModel:
    """Validate a decoded model file; raise ModelError with the reason when it is malformed."""
    if not isinstance(data, dict):
        raise ModelError("the model file must hold a JSON object")
    if data.get("format") != MODEL_FORMAT or data.get("format_version") not in READABLE_FORMAT_VERSIONS:
        raise ModelError(f"not a {MODEL_FORMAT} v{MODEL_FORMAT_VERSION} file")
    if data.get("format_version") < 3 and "stage2" in data:
        raise ModelError("stage2 needs format_version 3 or later")
    feats = data.get("features")
    if not isinstance(feats, list) or not feats:
        raise ModelError("features must be a non-empty list")
    names, columns, edges, weights = [], [], [], []
    for i, feat in enumerate(feats):
        if not isinstance(feat, dict) or feat.get("name") not in FEATURES:
            raise ModelError(f"features[{i}] must be an object naming one of: {', '.join(FEATURES)}")
        e, w = feat.get("edges"), feat.get("weights")
        if not isinstance(e, list) or not isinstance(w, list) or len(w) != len(e) + 1:
            raise ModelError(f"features[{i}] needs edges (n) and weights (n + 1)")
        e_arr = np.array([finite_number(v, f"features[{i}].edges") for v in e], dtype=float)
        if np.any(np.diff(e_arr) <= 0):
            raise ModelError(f"features[{i}].edges must increase")
        names.append(feat["name"])
        columns.append(FEATURES.index(feat["name"]))
        edges.append(e_arr)
        weights.append(np.array([finite_number(v, f"features[{i}].weights") for v in w], dtype=float))
    if len(set(names)) != len(names):
        raise ModelError("features has duplicates")
    threshold = finite_number(data.get("threshold"), "threshold")
    rare = finite_number(data.get("rare_threshold"), "rare_threshold")
    if not 0.0 < rare <= threshold < 1.0:
        raise ModelError("need 0 < rare_threshold <= threshold < 1")
    training = data.get("training", {})
    dense = data.get("dense")
    if not isinstance(dense, dict) or dense.get("blocks") != list(DENSE_BLOCKS):
        raise ModelError(f"dense must be an object with blocks {list(DENSE_BLOCKS)}")
    dense_w = dense.get("weights")
    if not isinstance(dense_w, list) or len(dense_w) != DENSE_WIDTH:
        raise ModelError(f"dense.weights must hold {DENSE_WIDTH} numbers")
    scale = finite_number(dense.get("scale"), "dense.scale")
    dense_arr = np.array([finite_number(v, "dense.weights") for v in dense_w], dtype=float) * scale
    return SpinModel(tuple(names), tuple(columns), tuple(edges), tuple(weights),
                     finite_number(data.get("intercept"), "intercept"), threshold, rare,
                     training if isinstance(training, dict) else {}, dense_arr,
                     _parse_stage2(data.get("stage2"), data["format_version"]))


def load_model(path: str | Path) -> SpinModel:
    """Read and validate a model file (plain JSON, never pickle)."""
    return load_json_model(path, "spin detector", parse_model)


@cache
def default_model() -> SpinModel | None:
    """The shipped model, or None before scripts/train_spin_detector.py has produced one."""
    path = model_path(MODEL_FILE)
    return load_model(path) if path.is_file() else None
