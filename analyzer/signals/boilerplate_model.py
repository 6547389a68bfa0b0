"""The learned line model of the boilerplate signal: on web pages (texts with page furniture) it
decides content vs boilerplate for the units no hard rule decides. Features of a unit come from its
own text and the rule layer's PageAnalysis (boilerplate_rules.py) plus context: the main block,
windows of units around it, neighbours two lines away. Two stages: a logistic regression over those
features, then gradient-boosted trees over them plus the first stage's probabilities of the unit
and its neighbours (stacking, the learned form of jusText's context pass). This module holds the
features, the model file's format and validation (models/boilerplate.json, plain JSON written by
scripts/train_boilerplate.py) and the scoring.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from analyzer.resources import ModelError, finite_number, load_json_model, model_path
from analyzer.signals.boilerplate_rules import (
    PAGE_KINDS,
    SECTION_REACH,
    PageAnalysis,
    headline_like,
    is_title,
    normal_form,
)

# Trained by scripts/train_boilerplate.py on newspaper3k_pages.jsonl and
# trafilatura_page_lines_en.tsv; coefficients and tree nodes are plain JSON in models/boilerplate.json.
MODEL_FILE = "boilerplate.json"
MODEL_FORMAT = "analyzer.boilerplate.line_model"
MODEL_VERSION = 4
# Bounds on a trees stage, so that a tampered file cannot make loading or scoring blow up (the
# shipped model has far fewer: see scripts/train_boilerplate.py).
MAX_TREES = 1000
MAX_TREE_NODES = 255
# Lines of context on each side whose features join a unit's own (two lines cover a caption or
# a byline between a teaser and the body).
NEIGHBOURS = (-2, -1, 1, 2)
# Window (units on each side) for the block-level statistics, as in jusText's context pass.
WINDOW = 3

_CODE_CHARS = frozenset("{}()[];=<>_/\\$#`|*&%^~@")
_LIST_RE = re.compile(r"\s*(?:[-•·*–—>▪►✓]|\d{1,3}[.)](?!\d)|\(\d{1,3}\)|[a-z][.)]\s)")
_LINKISH_RE = re.compile(r"https?://|www\.|@\w|\.com\b|\.org\b|#\w", re.IGNORECASE)
# A whole line inside one pair of brackets: "(AP Photo)", "[via Buzzfeed]", "{* loginWidget *}",
# "(576)": credits, counters and template slots more often than prose.
_BRACKETED_RE = re.compile(r"\s*(?:\(.*\)|\[.*\]|\{.*\}|<.*>)\s*")
# Words that address the reader: calls to action and promos ("We rely on your support", "Get the
# latest news straight to your phone") talk to the reader, news prose mostly does not. Pronouns
# are grammar, not a lexicon of boilerplate; the model weighs the share.
_READER_WORDS = frozenset({"you", "your", "you're", "yours", "we", "our", "us", "we're", "we've"})

BASE_FEATURES: tuple[str, ...] = (
    "log_chars", "log_words", "stop_density", "terminal", "ends_colon", "capitalised_share", "digit_share",
    "punct_share", "non_latin_share", "code_share", "starts_lower", "list_item", "hard_rule", "weak_rule",
    "prose", "sentence_like", "heuristic_content", "headline_like", "is_title", "mean_word_length",
    "linkish", "log_lines", "page_kind", "bracketed", "reader_address",
)
# Neighbour features: a subset of the base ones (the ones that describe a line's surroundings).
NEIGHBOUR_BASE: tuple[str, ...] = (
    "log_chars", "stop_density", "terminal", "capitalised_share", "non_latin_share", "code_share",
    "hard_rule", "prose", "heuristic_content",
)
CONTEXT_FEATURES: tuple[str, ...] = (
    "position", "log_units", "in_main_block", "log_distance_to_main", "before_main", "after_main",
    "main_block_share", "window_stop_density", "window_prose_share", "window_hard_share", "page_hard_share",
    "page_stop_density", "relative_length", "wide_stop_density", "wide_prose_share", "log_distance_prev_flag",
    "log_distance_next_flag", "after_comments_or_related", "duplicate_in_page", "log_short_run",
    "log_prose_run", "foreign_embedded",
)
# Second stage (stacking, the learned counterpart of jusText's context pass): the first stage's
# content probabilities of the unit, of its neighbours and over the windows.
# p_prev_prose / p_next_prose / p_between_prose are jusText's second pass in learned form: a short
# line takes its class from the nearest prose lines before and after it, skipping other short lines
# (a subheading between two body paragraphs is content, one between two teasers is not).
PROB_FEATURES: tuple[str, ...] = (
    "p", "p@-2", "p@-1", "p@+1", "p@+2", "p_window", "p_wide", "p_prev_prose", "p_next_prose", "p_between_prose",
)
# Units on each side for the wide window (a teaser list or a comment thread is longer than WINDOW).
WIDE_WINDOW = 10
# A page's size for log_units when text.split_lines cut some of its lines into sentences: the
# units then count sentences, not layout lines, and a text that lost its line breaks tells nothing
# of its page's size. Each cut line counts as one unit, and the page as at least this many: the
# mean of log_units over the training units is 5.28 (models/boilerplate.json's first stage), a page
# of 195 units. Counted in sentences, a 2 MB line of BBC prose was a page of 16,287 units, six times
# the largest training page (2,728 lines, trafilatura_page_lines_en.tsv), and the first stage's
# weight on log_units (-0.62 a standard deviation) took 3.7 from the log-odds of every sentence.
CUT_PAGE_UNITS = 195
# Kinds that open a section of teasers or comments.
_SECTION_KINDS = frozenset({"comments", "related_links"})


def feature_names() -> tuple[str, ...]:
    names = list(BASE_FEATURES) + list(CONTEXT_FEATURES)
    for offset in NEIGHBOURS:
        names.append(f"exists@{offset:+d}")
        names.extend(f"{name}@{offset:+d}" for name in NEIGHBOUR_BASE)
    return tuple(names)


_NEIGHBOUR_COLS = [BASE_FEATURES.index(name) for name in NEIGHBOUR_BASE]
_PROSE_COL = BASE_FEATURES.index("prose")


class _CharClasses(dict[int, str]):
    """str.translate table: a code point -> its class for _base_row's counts, filled on first use.
    "a" a letter up to U+024F (Latin), "n" a letter above, "d" a digit, "s" white space, "c" a
    punctuation mark or symbol of _CODE_CHARS, "p" any other. One str.translate and five counts
    (C loops) instead of a Python loop per character: that loop took 2.3 s of a 5 MB article of
    joined bbc_dev.jsonl texts (pyinstrument)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if c.isalpha():
            kind = "n" if c > "\u024f" else "a"
        elif c.isdigit():
            kind = "d"
        elif c.isspace():
            kind = "s"
        else:
            kind = "c" if c in _CODE_CHARS else "p"
        if len(self) < _MAX_CLASSES_KEPT:
            self[code] = kind
        return kind


# Code points whose class _CharClasses keeps: a text of every code point must not grow it past a
# few MB (all of Latin, Greek, Cyrillic, CJK and the rest of the Basic Multilingual Plane fit).
_MAX_CLASSES_KEPT = 1 << 16
_CHAR_CLASSES = _CharClasses()


def _base_row(page: PageAnalysis, u: int, lines_in_unit: int) -> list[float]:
    text = page.texts[u]
    chars = len(text) or 1
    split = text.split()
    n_split = len(split) or 1
    classes = text.translate(_CHAR_CLASSES)
    non_latin = classes.count("n")
    alpha = classes.count("a") + non_latin
    digits = classes.count("d")
    code = classes.count("c")
    punct = classes.count("p") + code
    caps = sum(1 for w in split if w[0].isupper())
    kind = page.kinds[u]
    return [
        math.log1p(len(text)),
        math.log1p(page.words[u]),
        page.density[u],
        float(page.terminal[u]),
        float(text.rstrip().endswith(":")),
        caps / n_split,
        digits / chars,
        punct / chars,
        non_latin / (alpha or 1),
        code / chars,
        float(text[:1].islower()),
        float(_LIST_RE.match(text) is not None),
        float(page.hard[u]),
        float(page.weak[u]),
        float(page.prose[u]),
        float(page.sentence_like[u]),
        float(page.heuristic[u]),
        float(headline_like(text, page.words[u])),
        float(is_title(text, page.title)),
        min(alpha / n_split, 20.0) / 10.0,
        float(_LINKISH_RE.search(text) is not None),
        math.log(lines_in_unit),
        float(kind in PAGE_KINDS),
        float(_BRACKETED_RE.fullmatch(text) is not None),
        sum(map(_READER_WORDS.__contains__, page.toks[u])) / (page.words[u] or 1),
    ]


def _window_sum(values: np.ndarray, half: int) -> np.ndarray:
    """Sum over [i - half, i + half] clipped to the array, for every i."""
    n = len(values)
    cumulative = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    return cumulative[np.minimum(index + half + 1, n)] - cumulative[np.maximum(index - half, 0)]


def _nearest_flagged(flags: list[bool] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the nearest flagged unit strictly before / after each unit (-1 when there is none)."""
    n = len(flags)
    before = np.full(n, -1, dtype=np.int64)
    after = np.full(n, -1, dtype=np.int64)
    last = -1
    for i in range(n):
        before[i] = last
        if flags[i]:
            last = i
    last = -1
    for i in range(n - 1, -1, -1):
        after[i] = last
        if flags[i]:
            last = i
    return before, after


def _distances(flags: list[bool], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Units to the nearest flagged unit before / after each unit (n when there is none)."""
    before, after = _nearest_flagged(flags)
    index = np.arange(n)
    return (np.where(before >= 0, index - before, n).astype(np.float64),
            np.where(after >= 0, after - index, n).astype(np.float64))


def _runs(flags: list[bool]) -> np.ndarray:
    """Length of the run of consecutive flagged units each unit belongs to (0 when unflagged): a
    menu or teaser list is a long run of short lines, a subheading a run of one (block structure,
    as in jusText's and BTE's view of a page as alternating runs)."""
    out = np.zeros(len(flags))
    start = 0
    for i in range(len(flags) + 1):
        if i == len(flags) or not flags[i]:
            if i > start:
                out[start:i] = i - start
            start = i + 1
    return out


def _nearest(values: np.ndarray, flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each unit, the value at the nearest flagged unit strictly before / after it (0 if none)."""
    before, after = _nearest_flagged(flags)
    return np.where(before >= 0, values[before], 0.0), np.where(after >= 0, values[after], 0.0)


def prob_features(probs: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The second stage's extra columns (PROB_FEATURES) from the first stage's probabilities and
    the units' features `x` (unit_features)."""
    n = len(probs)
    cols = [probs]
    for offset in (-2, -1, 1, 2):
        shifted = np.zeros(n)
        lo, hi = max(0, -offset), min(n, n - offset)
        if lo < hi:
            shifted[lo:hi] = probs[lo + offset:hi + offset]
        cols.append(shifted)
    ones = np.ones(n)
    cols.append(_window_sum(probs, WINDOW) / _window_sum(ones, WINDOW))
    cols.append(_window_sum(probs, WIDE_WINDOW) / _window_sum(ones, WIDE_WINDOW))
    prev_prose, next_prose = _nearest(probs, x[:, _PROSE_COL] > 0.5)
    cols.extend([prev_prose, next_prose, np.minimum(prev_prose, next_prose)])
    return np.column_stack(cols)


def unit_features(page: PageAnalysis) -> np.ndarray:
    """Feature matrix (units x feature_names()) of a page."""
    n = len(page.units)
    base = np.array(
        [_base_row(page, u, len(unit)) for u, unit in enumerate(page.units)], dtype=np.float64
    ).reshape(n, len(BASE_FEATURES))
    chars = np.array([len(t) for t in page.texts], dtype=np.float64)
    density = base[:, BASE_FEATURES.index("stop_density")]
    prose = base[:, BASE_FEATURES.index("prose")]
    hard = base[:, BASE_FEATURES.index("hard_rule")]

    # Kept main blocks: inside one, or how far before / after the nearest.
    index = np.arange(n, dtype=np.float64)
    inside = np.zeros(n)
    share = np.zeros(n)
    if page.kept:
        firsts = np.array([k[0] for k in page.kept], dtype=np.float64)
        lasts = np.array([k[1] for k in page.kept], dtype=np.float64)
        dist = np.maximum(firsts[None, :] - index[:, None], 0) + np.maximum(index[:, None] - lasts[None, :], 0)
        nearest = dist.argmin(axis=1)
        distance = dist[np.arange(n), nearest]
        for first, last, s in page.kept:
            inside[first:last + 1] = 1.0
            share[first:last + 1] = s
        before = (index < firsts.min()).astype(np.float64)
        after = (index > lasts.max()).astype(np.float64)
    else:
        distance = np.full(n, float(n))
        before = np.zeros(n)
        after = np.zeros(n)

    # Block-level statistics over a window of units (character-weighted stop-word density).
    weighted = _window_sum(density * chars, WINDOW)
    window_chars = _window_sum(chars, WINDOW)
    counts = _window_sum(np.ones(n), WINDOW)
    wide_counts = _window_sum(np.ones(n), WIDE_WINDOW)
    total_chars = chars.sum() or 1.0
    page_flag = [kind in PAGE_KINDS for kind in page.kinds]
    prev_flag, next_flag = _distances(page_flag, n)
    # A unit at most SECTION_REACH units below a comments or related-links unit. Not from _distances:
    # it gives n when no such unit comes before, so on a page of SECTION_REACH units or fewer every
    # unit read as following a comment section (1,775 of the 2,056 units of the first 200
    # bbc_dev.jsonl articles under eval_invariance.py's fuller header, none of which has one).
    section_before, _ = _nearest_flagged([kind in _SECTION_KINDS for kind in page.kinds])
    after_section = (section_before >= 0) & (np.arange(n) - section_before <= SECTION_REACH)
    keys = [normal_form(t) for t in page.texts]
    occurrences: dict[str, int] = {}
    for key in keys:
        occurrences[key] = occurrences.get(key, 0) + 1
    median = float(np.median(chars)) if n else 1.0
    cut = sum(page.continues)
    context = np.column_stack([
        index / max(n - 1, 1),
        np.full(n, math.log1p(max(n - cut, CUT_PAGE_UNITS) if cut else n)),
        inside,
        np.log1p(distance),
        before,
        after,
        share,
        weighted / np.maximum(window_chars, 1.0),
        _window_sum(prose, WINDOW) / counts,
        _window_sum(hard, WINDOW) / counts,
        np.full(n, hard.mean() if n else 0.0),
        np.full(n, float((density * chars).sum() / total_chars)),
        np.log1p(chars) - math.log1p(median),
        _window_sum(density * chars, WIDE_WINDOW) / np.maximum(_window_sum(chars, WIDE_WINDOW), 1.0),
        _window_sum(prose, WIDE_WINDOW) / wide_counts,
        np.log1p(prev_flag),
        np.log1p(next_flag),
        after_section.astype(np.float64),
        np.array([float(occurrences[key] > 1) for key in keys]),
        np.log1p(_runs([not s for s in page.sentence_like])),
        np.log1p(_runs(page.prose)),
        np.array([float(k == "foreign_language" and not h) for k, h in zip(page.kinds, page.hard, strict=True)]),
    ])
    parts = [base, context]
    sub = base[:, _NEIGHBOUR_COLS]
    width = sub.shape[1]
    for offset in NEIGHBOURS:
        shifted = np.zeros((n, width + 1))
        lo, hi = max(0, -offset), min(n, n - offset)
        if lo < hi:
            shifted[lo:hi, 0] = 1.0
            shifted[lo:hi, 1:] = sub[lo + offset:hi + offset]
        parts.append(shifted)
    return np.hstack(parts)


@dataclass(frozen=True)
class Stage:
    """One standardised logistic regression: p = sigmoid(((x - mean) / scale) . coef + intercept)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@dataclass(frozen=True)
class TreeStage:
    """Gradient-boosted regression trees on the log-odds (scikit-learn's
    HistGradientBoostingClassifier, exported node by node): p = sigmoid(baseline + sum of the
    leaf values reached). The nodes of all trees are concatenated; a leaf points to itself, so
    `depth` steps of "go left when x[feature] <= threshold" reach every row's leaf in every tree
    at once (a few numpy operations per level, whatever the number of trees)."""

    feature: np.ndarray  # node -> feature column (0 for leaves)
    threshold: np.ndarray  # node -> split value (0 for leaves)
    left: np.ndarray  # node -> node index (itself for leaves)
    right: np.ndarray
    value: np.ndarray  # node -> leaf value (0 for inner nodes)
    roots: np.ndarray  # tree -> index of its root node
    depth: int
    baseline: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        node = np.repeat(self.roots[:, None], len(x), axis=1)
        rows = np.arange(len(x))[None, :]
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        z = self.baseline + self.value[node].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@dataclass(frozen=True)
class LineModel:
    """The first stage reads unit_features(); the optional second stage reads them plus
    prob_features() of the first stage's output."""

    stages: tuple[Stage | TreeStage, ...]
    threshold: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        probs = self.stages[0].predict(x)
        if len(self.stages) > 1:
            probs = self.stages[1].predict(np.hstack([x, prob_features(probs, x)]))
        return probs


def _numbers(data: dict, key: str, size: int | None, where: str, integer: bool = False) -> np.ndarray:
    values = data.get(key)
    if not isinstance(values, list) or (size is not None and len(values) != size) or not values:
        raise ModelError(f"{where}: {key!r} must be a list of {size or 'some'} numbers")
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in values):
        raise ModelError(f"{where}: {key!r} must hold numbers")
    arr = np.array(values, dtype=np.float64)
    if not np.isfinite(arr).all():
        raise ModelError(f"{where}: {key!r} must hold finite numbers")
    if integer:
        if (arr != np.round(arr)).any():
            raise ModelError(f"{where}: {key!r} must hold integers")
        return arr.astype(np.int64)
    return arr


def _parse_logreg(data: dict, width: int, where: str) -> Stage:
    arrays = {key: _numbers(data, key, width, where) for key in ("mean", "scale", "coef")}
    if (arrays["scale"] <= 0).any():
        raise ModelError(f"{where}: 'scale' must be positive")
    intercept = finite_number(data.get("intercept"), f"{where}: 'intercept'")
    return Stage(arrays["mean"], arrays["scale"], arrays["coef"], intercept)


def _parse_trees(data: dict, width: int, where: str) -> TreeStage:
    trees = data.get("trees")
    if not isinstance(trees, list) or not 0 < len(trees) <= MAX_TREES:
        raise ModelError(f"{where}: 'trees' must be a list of 1 to {MAX_TREES} trees")
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    depth = 0
    offset = 0
    for t, tree in enumerate(trees):
        at = f"{where}, tree {t + 1}"
        if not isinstance(tree, dict):
            raise ModelError(f"{at} must be a JSON object")
        f = _numbers(tree, "feature", None, at, integer=True)
        size = len(f)
        if size > MAX_TREE_NODES:
            raise ModelError(f"{at}: more than {MAX_TREE_NODES} nodes")
        thr = _numbers(tree, "threshold", size, at)
        lo = _numbers(tree, "left", size, at, integer=True)
        hi = _numbers(tree, "right", size, at, integer=True)
        val = _numbers(tree, "value", size, at)
        node_depth = np.zeros(size, dtype=np.int64)
        for i in range(size):
            if f[i] < 0:  # a leaf: it points to itself
                lo[i] = hi[i] = i
                f[i], thr[i] = 0, 0.0
                continue
            # Children after their parent: no cycles, and every path ends in a leaf.
            if f[i] >= width or not (i < lo[i] < size and i < hi[i] < size):
                raise ModelError(f"{at}: node {i} has a bad feature or child index")
            node_depth[lo[i]] = node_depth[hi[i]] = node_depth[i] + 1
            val[i] = 0.0
        depth = max(depth, int(node_depth.max()))
        feature.append(f)
        threshold.append(thr)
        left.append(lo + offset)
        right.append(hi + offset)
        value.append(val)
        roots.append(offset)
        offset += size
    return TreeStage(
        np.concatenate(feature), np.concatenate(threshold), np.concatenate(left), np.concatenate(right),
        np.concatenate(value), np.array(roots, dtype=np.int64), depth,
        finite_number(data.get("baseline"), f"{where}: 'baseline'"),
    )


def _parse_stage(data: object, width: int, where: str) -> Stage | TreeStage:
    if not isinstance(data, dict):
        raise ModelError(f"{where} must be a JSON object")
    kind = data.get("kind")
    if kind == "logreg":
        return _parse_logreg(data, width, where)
    if kind == "trees":
        return _parse_trees(data, width, where)
    raise ModelError(f"{where}: 'kind' must be 'logreg' or 'trees'")


def parse_model(data: object) -> LineModel:
    """Validate a decoded model file: format, version, feature names in order, finite numbers."""
    if not isinstance(data, dict):
        raise ModelError("the model must be a JSON object")
    if data.get("format") != MODEL_FORMAT or data.get("version") != MODEL_VERSION:
        raise ModelError(f"expected format {MODEL_FORMAT!r} version {MODEL_VERSION}")
    if tuple(data.get("features") or ()) != feature_names():
        raise ModelError("the model's features do not match this version of the signal; retrain it")
    stages = data.get("stages")
    if not isinstance(stages, list) or not 1 <= len(stages) <= 2:
        raise ModelError("'stages' must be a list of one or two stages")
    if len(stages) == 2 and tuple(data.get("prob_features") or ()) != PROB_FEATURES:
        raise ModelError("the second stage's features do not match this version of the signal; retrain it")
    width = len(feature_names())
    parsed = tuple(
        _parse_stage(stage, width + (len(PROB_FEATURES) if k else 0), f"stage {k + 1}")
        for k, stage in enumerate(stages)
    )
    threshold = data.get("threshold")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0.0 < threshold < 1.0:
        raise ModelError("'threshold' must be a number in (0, 1)")
    return LineModel(parsed, float(threshold))


def load_model(path: Path) -> LineModel:
    return load_json_model(path, "boilerplate model", parse_model)


@cache
def default_model() -> LineModel | None:
    """The shipped model, or None before scripts/train_boilerplate.py has produced one (the rules
    then decide alone)."""
    path = model_path(MODEL_FILE)
    if not path.is_file():
        return None
    return load_model(path)

