"""Translation signal: machine-translation artifacts and spun phrases, a document score and label.

Evidence comes from two detectors: spun phrases (analyzer.spinning.find_spun, kind
"tortured_phrase") and machine-translation artifacts (analyzer.mt.find_mt: calques, foreign
acronyms, gendered pronouns for organisations, hearsay conditional, stray spaces, foreign number
formats...). The document score comes from the plain-JSON model models/translation.json
(trained by scripts/train_translation.py), made of two logistic regressions:

- `garbled`: clean vs garbled (spun / artifact-laden) from artifact densities and the spinning
  detector's features;
- `style`: human vs machine translation from a stylometric profile (function-word rates,
  sentence-length spread, lexical diversity, word rarity, punctuation habits).

score = sigmoid(log(odds(p_garbled) + exp(style_offset) * odds(p_style) ** style_weight))
(`combine`): the odds of the two models add, so either one alone can rank a copy high (a spun
copy through p_garbled, a fluent machine translation with no artifacts through the style term)
while the noise of the other, low on that kind of text, stays in the small odds. The label
rests on the evidence alone: `clean` when p_garbled is below the threshold (or fewer than
MIN_LABEL_FLAGS spans were flagged), else `spun` when spun phrases outnumber MT artifacts, else
`machine_translated`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from analyzer import mt, stylometry
from analyzer.article import PAIR_STYLE_CACHE, READING_CACHE, Article, Evidence, moved_back
from analyzer.resources import ModelError, finite_number, load_json_model, model_path
from analyzer.signals.base import RunContext, SignalResult, other_language
from analyzer.spinning import find_spun_split, spin_features
from analyzer.text import RATE_MIN_WORDS, ReadingView, count_words, lines_filled, reading_view

NAME = "translation"
MODEL_FILE = "translation.json"
MODEL_FORMAT = "analyzer-translation-model"
MODEL_FORMAT_VERSION = 2
SUBMODELS = ("garbled", "style")
# Bounds of the fusion parameters a model file may hold (combine): a style exponent above 5 or an
# offset beyond e^+-10 would let one model drown the other entirely; the shipped values are 2 and
# 0.5 (scripts/train_translation.py).
MAX_STYLE_WEIGHT = 5.0
MAX_STYLE_OFFSET = 10.0
# Evidence kinds that come from spinning rather than machine translation.
SPUN_KINDS = frozenset({"tortured_phrase", "rare_synonym", "spun_phrase", "substitution"})


# The style profile describes running prose; a page of figures (results tables, share prices)
# lies far outside it: its type/token ratios sat 20-27 standard deviations below the training mean,
# and the linear style model extrapolated to p_style 0.99-1.00 with no evidence span (a bug hunt,
# eighteenth session). Each standardised style feature is clipped to this many standard
# deviations, which news prose and translations rarely leave.
STYLE_Z_CLIP = 4.0


@dataclass(frozen=True)
class LogisticModel:
    """Standardise (clipped to +-clip), dot with coefficients, add the intercept, squash."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    clip: float = math.inf
    # Texts of fewer words (values["words"]) have their deviation from the intercept shrunk in
    # proportion: a profile of two sentences (no sentence-length spread, a type/token ratio of
    # every word new) says little, so it stays near the prior. 0: no shrinkage.
    full_words: float = 0.0

    def __post_init__(self) -> None:
        # (name, mean, scale, coefficient) per feature, zipped once: decision runs twice an article.
        object.__setattr__(self, "_terms", tuple(zip(self.features, self.mean, self.scale, self.coef, strict=True)))

    def decision(self, values: dict[str, float]) -> float:
        z = self.intercept
        high, low, get = self.clip, -self.clip, values.get
        # min(high, max(low, x)) as comparisons (no builtin call per feature): the same float, NaN
        # included (max(low, nan) is low; nan > low is False).
        for name, mu, sd, w in self._terms:  # type: ignore[attr-defined]
            x = (get(name, 0.0) - mu) / sd
            x = x if x > low else low
            z += w * (x if x < high else high)
        words = values.get("words", self.full_words)
        if words < self.full_words:
            z = self.intercept + (z - self.intercept) * max(0.0, words) / self.full_words
        return z

    def probability(self, values: dict[str, float]) -> float:
        z = max(-30.0, min(30.0, self.decision(values)))
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class TranslationModel:
    garbled: LogisticModel
    style: LogisticModel
    style_weight: float
    style_offset: float
    threshold: float
    version: str
    training: dict[str, Any]

    def score(self, values: dict[str, float]) -> tuple[float, float, float]:
        """(score, p_garbled, p_style)."""
        g = self.garbled.probability(values)
        s = self.style.probability(values)
        return combine(g, s, self.style_weight, self.style_offset), g, s


# Probabilities are clipped to this distance from 0 and 1 before the log-odds (both models clip
# their decision at +-30, so this only guards against log(0)).
_P_EPSILON = 1e-9


def _logit(p: float) -> float:
    p = min(1.0 - _P_EPSILON, max(_P_EPSILON, p))
    return math.log(p / (1.0 - p))


def combine(p_garbled: float, p_style: float, style_weight: float, style_offset: float = 0.0) -> float:
    """Document score: odds(score) = odds(p_garbled) + exp(style_offset) * odds(p_style) ** style_weight.

    The odds add (a soft maximum of the two log-odds), so each model ranks the texts it knows
    and the other's noise, low odds on that kind of text, hardly moves them. It replaced the
    log-odds sum logit(g) + w * logit(s) (naive Bayes), which let the style model's spread on
    native news (its log-odds vary by +-1.3 on BBC originals) and p_garbled's spread on
    translations (+-1.6) blur both rankings. With the same two models (style model fitted with
    native rows), weight 2 and offset 0.5 against the log-odds sum of weight 1: spun vs original
    0.854 against 0.801 (503 held-out bbc_dev.jsonl articles), human vs MT in-sample 0.806 against
    0.766 and leave-one-pair-out 0.728 against 0.731 (mt/ wmt dev; evaluation/eval_fusion.py
    --limit 0, 2026-11-21). The weight and offset a model file holds are chosen with its training
    (scripts/train_translation.py: STYLE_WEIGHT, STYLE_OFFSET).
    """
    a, b = _logit(p_garbled), style_weight * _logit(p_style) + style_offset
    z = max(a, b) + math.log1p(math.exp(-abs(a - b)))  # log(e^a + e^b) without overflow
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _finite_list(raw: Any, what: str, length: int | None = None) -> tuple[float, ...]:
    if not isinstance(raw, list) or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw):
        raise ModelError(f"{what} must be a list of numbers")
    if not all(math.isfinite(v) for v in raw):
        raise ModelError(f"{what} holds a non-finite number")
    if length is not None and len(raw) != length:
        raise ModelError(f"{what} has {len(raw)} values, expected {length}")
    return tuple(float(v) for v in raw)


def _check_format(data: Any, what: str, fmt: str, version: int) -> None:
    """ModelError unless `data` is a JSON object naming the file format `fmt` at `version`."""
    if not isinstance(data, dict):
        raise ModelError(f"the {what} file must hold a JSON object")
    if data.get("format") != fmt or data.get("format_version") != version:
        raise ModelError(f"not a {fmt} v{version} file "
                         f"(format={data.get('format')!r}, format_version={data.get('format_version')!r})")


def _feature_names(raw: Any, what: str) -> list[str]:
    """A model's feature names (`what` names them in an error): a non-empty list without repeats."""
    if not isinstance(raw, list) or not raw or not all(isinstance(f, str) for f in raw):
        raise ModelError(f"{what} must be a non-empty list of names")
    if len(set(raw)) != len(raw):
        raise ModelError(f"{what} has duplicates")
    return raw


def _positive_scale(raw: Any, what: str, length: int) -> tuple[float, ...]:
    scale = _finite_list(raw, what, length)
    if any(v <= 0 for v in scale):
        raise ModelError(f"{what} must be positive")
    return scale


def _parse_logistic(raw: Any, name: str) -> LogisticModel:
    if not isinstance(raw, dict):
        raise ModelError(f"models.{name} must be an object")
    features = _feature_names(raw.get("features"), f"models.{name}.features")
    n = len(features)
    scale = _positive_scale(raw.get("scale"), f"models.{name}.scale", n)
    intercept = finite_number(raw.get("intercept"), f"models.{name}.intercept")
    return LogisticModel(tuple(features), _finite_list(raw.get("mean"), f"models.{name}.mean", n), scale,
                         _finite_list(raw.get("coef"), f"models.{name}.coef", n), intercept,
                         *((STYLE_Z_CLIP, RATE_MIN_WORDS) if name == "style" else (math.inf, 0.0)))


def parse_model(data: Any) -> TranslationModel:
    """Validate a decoded model file; raise ModelError with the reason when it is malformed."""
    _check_format(data, "model", MODEL_FORMAT, MODEL_FORMAT_VERSION)
    models = data.get("models")
    if not isinstance(models, dict) or set(models) != set(SUBMODELS):
        raise ModelError(f"models must hold exactly {', '.join(SUBMODELS)}")
    weight = data.get("style_weight")
    offset = data.get("style_offset")
    threshold = data.get("threshold")
    for label, value, low, high in (("style_weight", weight, 0.0, MAX_STYLE_WEIGHT),
                                    ("style_offset", offset, -MAX_STYLE_OFFSET, MAX_STYLE_OFFSET),
                                    ("threshold", threshold, 0.0, 1.0)):
        if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:
            raise ModelError(f"{label} must be a number in [{low:g}, {high:g}]")
    known = set(feature_names())
    garbled = _parse_logistic(models["garbled"], "garbled")
    style = _parse_logistic(models["style"], "style")
    unknown = [f for f in garbled.features + style.features if f not in known and not f.startswith("spin_")]
    if unknown:
        raise ModelError(f"the model uses features this code does not compute: {', '.join(unknown)}")
    training = data.get("training", {})
    return TranslationModel(garbled, style, float(weight), float(offset), float(threshold),
                            str(data.get("version", "")), training if isinstance(training, dict) else {})


def load_model(path: str | Path) -> TranslationModel:
    """Read and validate a model file (plain JSON, never pickle)."""
    return load_json_model(path, "translation model", parse_model)


@cache
def default_model() -> TranslationModel | None:
    """The shipped model, or None before scripts/train_translation.py has produced one."""
    path = model_path(MODEL_FILE)
    if not path.is_file():
        return None
    return load_model(path)


# --- which of two translations of one text is the machine one ---------------------------------
# models/translation_pairs.json (scripts/train_translation_pairs.py): a logistic regression without
# intercept on the difference of two translations' profiles (style features, log word count, MT
# artifact density), fitted on the human and machine translation of each WMT source side by side.
# Within a pair the source is the same, so what differs is the translator: the document style model,
# fitted on documents of different sources (and native news), has to learn that through the
# content. Linear, so w . (x(a) - x(b)) = pair_style(a) - pair_style(b): one projection per article.
PAIR_MODEL_FILE = "translation_pairs.json"
PAIR_MODEL_FORMAT = "analyzer-translation-pairs"
PAIR_MODEL_FORMAT_VERSION = 1
# The profile's two values beside the style features.
PAIR_EXTRA_FEATURES: tuple[str, ...] = ("log_words", "mt_density")


@dataclass(frozen=True)
class PairModel:
    features: tuple[str, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]

    def projection(self, values: dict[str, float]) -> float:
        """w . x / scale: the article's side of the pair difference."""
        return sum(c * values.get(f, 0.0) / s for f, s, c in zip(self.features, self.scale, self.coef, strict=True))


def parse_pair_model(data: Any) -> PairModel:
    """Validate a decoded pair model file; ModelError with the reason when it is malformed."""
    _check_format(data, "pair model", PAIR_MODEL_FORMAT, PAIR_MODEL_FORMAT_VERSION)
    names = _feature_names(data.get("features"), "features")
    unknown = [f for f in names if f not in stylometry.STYLE_FEATURES and f not in PAIR_EXTRA_FEATURES]
    if unknown:
        raise ModelError(f"the pair model uses features this code does not compute: {', '.join(unknown)}")
    scale = _positive_scale(data.get("scale"), "scale", len(names))
    return PairModel(tuple(names), scale, _finite_list(data.get("coef"), "coef", len(names)))


@cache
def pair_model() -> PairModel | None:
    """The shipped pair model, or None where there is none (flag then compares translation_evidence alone)."""
    path = model_path(PAIR_MODEL_FILE)
    if not path.is_file():
        return None
    return load_json_model(path, "translation pair model", parse_pair_model)


@contextmanager
def models_swapped(model: TranslationModel | None, pairs: PairModel | None) -> Iterator[None]:
    """Within the block, default_model() and pair_model() give `model` and `pairs` (None: no model,
    as where none is shipped) instead of the shipped files, in this process only (a worker started
    by jobs > 1 would read the shipped ones). For evaluations that score with models refitted without a
    language pair (bench/bench_flag.py --out-of-fold, evaluation/eval_direction_calibration.py):
    nothing is ever written into models/. The signal and stories look both up here at each call; jobs > 1
    scores in this process within the block (parallel.score_parallel). Not for threads: the swap is the
    module's, seen by every thread, and restored in the order the blocks close."""
    global default_model, pair_model, _swapped
    saved = default_model, pair_model
    default_model, pair_model = (lambda: model), (lambda: pairs)  # type: ignore[assignment]
    _swapped += 1
    try:
        yield
    finally:
        default_model, pair_model = saved
        _swapped -= 1


# Open models_swapped blocks: parallel.score_parallel scores in this process while there is one.
_swapped = 0


def models_are_swapped() -> bool:
    """Whether default_model() and pair_model() give models_swapped's models, not the shipped ones."""
    return _swapped > 0


def pair_values(text: str, mt_artifacts: float) -> dict[str, float]:
    """The pair model's inputs for a text (its content lines) with this many MT artifacts, as
    `features` gives them to the document model (mt_density over RATE_MIN_WORDS words at least)."""
    values = stylometry.style_features(text)
    words = values["words"]
    values["log_words"] = math.log(max(words, 1.0))
    values["mt_density"] = math.log1p(mt_artifacts * 100.0 / max(RATE_MIN_WORDS, words))
    return values


def pair_style(article: Article) -> float | None:
    """The article's side of the pair model's log-odds (see PAIR_MODEL_FILE): of two translations
    of one text, pair_style(a) - pair_style(b) > 0 points at a being the machine one. None with no
    model, or where the translation signal did not read the article (no style probability: skipped
    as another language, or not run): a side is no difference, its value not centred (4 to 16 on
    bbc_dev.jsonl articles), so stories.rewrite_direction then leaves the pair term out for both.
    Kept on the article (PAIR_STYLE_CACHE) for its text, content lines and model (models_swapped)."""
    model = pair_model()
    details = article.details.get("translation", {})
    if model is None or not isinstance(details, dict) or not isinstance(details.get("p_machine_style"), int | float):
        return None
    artifacts = details.get("mt_artifacts")
    artifacts = float(artifacts) if isinstance(artifacts, int | float) and math.isfinite(artifacts) else 0.0
    key = (article.text, article.content_ranges, artifacts)
    kept = article.__dict__.get(PAIR_STYLE_CACHE)
    if kept is not None and kept[2] is model and kept[0][0] is key[0] and kept[0][1:] == key[1:]:
        return kept[1]
    read = reading(article)
    value = model.projection(pair_values(read.text if read.content is None else read.content, artifacts))
    article.__dict__[PAIR_STYLE_CACHE] = ((key[0], None if key[1] is None else list(key[1]), artifacts), value, model)
    return value


# --- features ----------------------------------------------------------------------------------

ARTIFACT_FEATURES: tuple[str, ...] = (
    "artifact_density",  # log1p(all translation evidence per 100 words)
    "spun_density",      # log1p(spun-phrase evidence per 100 words)
    "mt_density",        # log1p(machine-translation artifact evidence per 100 words)
    "mt_kinds",          # distinct MT artifact kinds found (0..len(mt.MT_KINDS))
)


def feature_names() -> tuple[str, ...]:
    return ARTIFACT_FEATURES + stylometry.STYLE_FEATURES


def detect(text: str) -> tuple[list[Evidence], list[Evidence], dict[str, float]]:
    """(spun evidence, MT evidence, spinning-detector features) for a text: the model's inputs."""
    spun, _gated, mt_ev, spin = detect_all(text)
    return spun, mt_ev, spin


def detect_all(
    text: str, body: str | None = None, *, shown: bool = False
) -> tuple[list[Evidence], list[Evidence], list[Evidence], dict[str, float]]:
    """(confident spun evidence, gated spun evidence, MT evidence, spinning-detector features).

    `body` is `text` with its non-content lines blanked (`body_text`); the learned spin detector,
    the MT pattern detectors and the spin features read it, the curated rows read `text`. The
    features and the label read the confident spans only (the models were fitted on them); the
    gated ones (spinning.word_threshold) are shown as evidence where the article is labelled
    (shows_gated). `shown`: text is already as shown (Reading.text), so the curated scans do not read
    it as shown again (spin_known.known_evidence)."""
    spun, gated = find_spun_split(text, body, shown=shown)
    spin = dict(spin_features(text if body is None else body, spun))
    mt_ev = mt.find_mt(text, body, shown=shown)
    if spun or gated:
        # A span both detectors claim counts once, as spinning (its suggestion is word-level).
        taken = [(e.start, e.end) for e in spun]
        mt_ev = [e for e in mt_ev if not any(e.start < b and a < e.end for a, b in taken)]
        gated = [g for g in gated if not any(g.start < e.end and e.start < g.end for e in mt_ev)]
    # log1p: rates are heavy-tailed (seed 003 has 30x the training mean); keeps the linear model sane.
    return spun, gated, mt_ev, {f"spin_{k}": math.log1p(max(0.0, float(v))) for k, v in spin.items()}


def features(text: str, spun: list[Evidence], mt_ev: list[Evidence], spin: dict[str, float],
             style_text: str | None = None) -> dict[str, float]:
    """Model inputs; the style profile (and the words that densities count) read `style_text`, the
    article's content lines, when given."""
    style = stylometry.style_features(text if style_text is None else style_text)
    per100 = 100.0 / max(RATE_MIN_WORDS, style["words"])
    values = {
        "artifact_density": math.log1p((len(spun) + len(mt_ev)) * per100),
        "spun_density": math.log1p(len(spun) * per100),
        "mt_density": math.log1p(len(mt_ev) * per100),
        "mt_kinds": float(len({e.kind for e in mt_ev})),
    }
    values.update(style)
    values.update(spin)
    return values


# Evidence spans an article needs before it can be labelled garbled. A short clean text with one
# false span reached p_garbled 0.93 through the density feature (2026-11-21), hence at least 2.
# The v4 spin detector reads the whole article, so its false flags come in clusters: with 2, clean
# texts never trained on were labelled garbled in 6% of PolNeAR articles, 9.5% of newspaper3k
# bodies and 9.1% of WMT human translations; with 3, in 3.6%, 6.0% and 4.0%, while 39% of Moby-
# and 88% of WordNet-spun held-out bbc_dev.jsonl articles (5/100 words, 200) are still labelled
# (53% and 93% with 2). evaluation/eval_labels.py, 2026-11-22; bench/bench_flag.py gives the
# flag corpus figures.
MIN_LABEL_FLAGS = 3


# A space before punctuation ("insane ?") and foreign number formats ("7,7 million") follow a
# writer's or a CMS's conventions (French typography spaces "?", "!", ":" and ";"; a European
# site writes decimal commas), so however often they recur they are one piece of evidence toward
# the label: a clean bbc_dev.jsonl article with three "list insane ?" was labelled machine-translated.
TYPOGRAPHIC_KINDS = frozenset({"stray_space", "foreign_number"})


def mt_label_count(mt_ev: list[Evidence]) -> int:
    """The MT artifacts an article's label counts: typographic ones (TYPOGRAPHIC_KINDS) once."""
    typographic = sum(1 for e in mt_ev if e.kind in TYPOGRAPHIC_KINDS)
    return len(mt_ev) - typographic + min(1, typographic)


def label_for(score: float, threshold: float, spun: int, mt_count: int) -> str:
    """`mt_count`: mt_label_count of the MT evidence."""
    if score < threshold or spun + mt_count < MIN_LABEL_FLAGS:
        return "clean"
    return "spun" if spun > mt_count else "machine_translated"


def shows_gated(label: str) -> bool:
    """Whether an article's gated spin words (spinning.word_threshold) are shown: only where it is
    labelled (label_for), so where the document model finds it garbled AND it holds MIN_LABEL_FLAGS
    confident spans.

    The gate lets weaker words in where many words look spun, since a spinner swaps words all
    through a text; whether the text is spun is the document model's call. On clean native news
    the gate opens in short, informal pieces (lyrics, fashion, food searches, a quoted column) that
    p_garbled rates garbled on one or two confident spans, and MIN_LABEL_FLAGS keeps the label
    clean there for the same reason (false flags come in clusters). Showing gated words where
    p_garbled alone reached the threshold gave 5 to 34 spans in each such article: all the gated
    flags of PolNeAR dev (8, in 1 article) and of newspaper3k bodies (54, in 4; none labelled).
    evaluation/eval_translation.py --quick (2026-11-24): false flags per 1,000 words PolNeAR
    0.571 -> 0.453, newspaper3k bodies 1.528 -> 0.846; the price is the gated words of spun
    held-out bbc_dev.jsonl articles with fewer than 3 confident spans (9 of 150: Moby span recall
    0.205 -> 0.192). The document score and the label do not change."""
    return label != "clean"


# Without a trained model (fresh checkout before training): artifacts per 100 words at which the
# score saturates; 2 = seed 001's MT density is ~2.3 per 100 words.
FALLBACK_SATURATION_PER_100_WORDS = 2.0
FALLBACK_THRESHOLD = 0.5


# Fewer content words than this and the style profile reads the whole text instead.
MIN_CONTENT_WORDS = 50


@dataclass(frozen=True)
class Reading:
    """What the detectors read of an article: its prose (Article.prose: wrapped paragraphs run on)
    as a reader sees it, and its content lines.

    Soft hyphens and zero-width characters left out, HTML character references and markdown read
    as shown (text.ReadingView): every detector reads "the ministry&#8217;s" as "the ministry’s",
    and the translation signal maps its spans back to the article's offsets (`view`)."""

    view: ReadingView | None  # None: the text as shown is the article's text
    text: str                 # the article's text as shown
    body: str | None          # `text` with every line outside the content lines blanked (body_text)
    content: str | None       # the content lines joined by line breaks (content_text)

    @property
    def detector_text(self) -> str:
        """The text the learned spin detector reads: the body, else the whole text."""
        return self.text if self.body is None else self.body


def reading(article: Article) -> Reading:
    view = reading_view(article.prose)  # prose: a wrapped paragraph's sentences are not cut
    text = article.prose if view is None else view.text
    content = _content(article, text, view)
    if content is None:
        return Reading(view, text, None, None)
    return Reading(view, text, _blanked(text, content[0]), content[1])


def _content(article: Article, text: str, view: ReadingView | None
             ) -> tuple[list[tuple[int, int]], str] | None:
    """(boilerplate's content ranges as ranges of `text`, the article as shown; their text joined by
    line breaks) where the ranges leave lines out and hold MIN_CONTENT_WORDS words; else None: the
    whole text is read."""
    ranges = article.content_ranges
    if not ranges:
        return None
    covered = sum(end - start for start, end in ranges)
    if covered >= sum(line.end - line.start for line in article.lines):
        return None  # no boilerplate line: the text itself
    ranges = _run_on(ranges, article.prose)
    if view is not None:
        ranges = view.ranges(ranges)
    joined = "\n".join(text[start:end] for start, end in ranges)
    return (ranges, joined) if count_words(joined) >= MIN_CONTENT_WORDS else None


def _run_on(ranges: list[tuple[int, int]], prose: str) -> list[tuple[int, int]]:
    """Content ranges (one per line) with the lines of a wrapped paragraph as one range: the
    style profile reads its sentences whole (Article.prose has spaces for their line breaks)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        gap = prose[out[-1][1]:start] if out and out[-1][1] <= start else "\n"
        if not gap.strip() and "\n" not in gap:  # the lines meet at a wrap: one range
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def content_text(article: Article) -> str | None:
    """The article's content lines (boilerplate's content_ranges) as shown, or None to read the
    whole text.

    The style model was fitted on article bodies. A wire story's trailer ("___", "Copyright 2018
    The Associated Press. All rights reserved...") or a page's navigation are short, formulaic
    lines that read as machine-made to it: one AP-style story of 150 words scored p_style 0.74
    with its three trailer lines and 0.11 without them.
    """
    return reading(article).content


def body_text(article: Article) -> str | None:
    """The article's text as shown (Reading.text) with every character outside its content ranges
    blanked (line breaks kept, so offsets and lines hold), or None where the whole text is read.

    The learned spin detector and the MT pattern detectors were fitted and tuned on article
    bodies; on a whole page they flagged menu, teaser, widget and comment lines ("Estates for
    Sale", "Your weather is set to . You can..."). evaluation/eval_labels.py, the 113 newspaper3k
    whole pages: evidence spans per 1,000 words 0.68 with every line read, 0.45 with this; pages
    labelled garbled 0.035 and 0.027 (2026-11-22)."""
    return reading(article).body


def _blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    pos = 0
    for start, end in sorted(ranges):
        if start > pos:
            parts.append(lines_filled(text[pos:start], " "))
        parts.append(text[max(pos, start):end])
        pos = max(pos, end)
    parts.append(lines_filled(text[pos:], " "))
    return "".join(parts)


def detector_text(article: Article) -> str:
    """The text the learned spin detector reads (Reading.detector_text). The pipeline asks for it
    just before the article's signals run (pipeline.prefetch): the Reading is left on the article
    for its translation_signal, which takes it back (_reading_once) instead of making it again."""
    read = reading(article)
    ranges = article.content_ranges
    article.__dict__[READING_CACHE] = (article.text, None if ranges is None else list(ranges), read)
    return read.detector_text


def _reading_once(article: Article) -> Reading:
    """reading(article), taking the one detector_text left where the article's text and content
    ranges are still those it was made from."""
    kept = article.__dict__.pop(READING_CACHE, None)
    if kept is not None and kept[0] is article.text and kept[1] == article.content_ranges:
        return kept[2]
    return reading(article)


def translation_signal(article: Article, context: RunContext) -> SignalResult:
    if (skipped := other_language(article, NAME)) is not None:
        # On a French story the detectors also read its function words as machine-made style
        # (score 1.0). Nothing here can judge the copy, so it is not called garbled. The Reading the
        # prefetch left goes with the article's other caches (Article.drop_content_cache).
        return SignalResult(scores={"translation": 0.0}, fields={"label": "clean"}, details={"skipped": skipped})
    # The content lines, found once: the detectors read them blanked in place, the style profile joined.
    read = _reading_once(article)
    spun, gated, mt_ev, spin = detect_all(read.text, read.body, shown=True)
    values = features(read.text, spun, mt_ev, spin, read.content)
    model = default_model()
    if model is None:
        density = math.expm1(values["artifact_density"])
        score, g, s = min(1.0, density / FALLBACK_SATURATION_PER_100_WORDS), float("nan"), float("nan")
        threshold = FALLBACK_THRESHOLD
    else:
        score, g, s = model.score(values)
        threshold = model.threshold
    # The label rests on the evidence (p_garbled) alone: a fluent machine translation with no
    # artifact ranks high through the style term of the score but is not called garbled.
    garbled = score if g != g else g
    label = label_for(garbled, threshold, len(spun), mt_label_count(mt_ev))
    if not shows_gated(label):
        gated = []
    details = {
        # Confident evidence only (what the score and the label rest on); "gated" counts the spans
        # shown besides (spinning.word_threshold).
        "flags": len(spun) + len(mt_ev),
        "spun": len(spun),
        "gated": len(gated),
        "mt_artifacts": len(mt_ev),
        "mt_kinds": sorted({e.kind for e in mt_ev}),
        "p_garbled": round(g, 4) if g == g else None,
        "p_machine_style": round(s, 4) if s == s else None,
        # What the learned detector and the MT patterns read (body_text); curated rows read all.
        "read": "whole text" if read.body is None else "content lines",
    }
    if read.view is not None:
        spun, gated, mt_ev = (moved_back(found, read.view, article.text) for found in (spun, gated, mt_ev))
    evidence = sorted(spun + gated, key=lambda ev: ev.start) + mt_ev  # stable: spun is in order already
    return SignalResult(scores={"translation": score}, evidence=evidence, details=details,
                        fields={"label": label})
