"""Spun ("tortured") phrases: evidence spans with the likely original wording, and document features.

Two detectors, both giving evidence of kind 'tortured_phrase':
- known spinner outputs (analyzer/lexicons/spin_known_phrases.tsv): context patterns such as
  "japanese Syria" (eastern), "in line with the monitor" (according to), "other halves" (wives),
  after the tortured-phrases method of Cabanac et al. (2021);
- a learned word-level detector for unseen spins. A spinner swaps a common word for a rarer
  "synonym" that does not fit its collocation, so a word is a candidate when an inverse thesaurus
  (the union of WordNet 3.0 and Moby, spin_inverse_synonyms.tsv) lists a more common synonym it may
  have replaced. Each candidate gets features from shipped tables: wordfreq Zipf frequencies of the
  word, its neighbours and its best likely original; Google Books bigram evidence (spin_bigrams.tsv)
  for (prev, word) and (word, next) against (prev, original) and (original, next), i.e. "a common
  synonym would make a far more frequent phrase"; capitalisation, stop-word neighbours and suffix
  class. A binned-feature logistic regression (models/spin_detector.json, plain JSON, trained by
  scripts/train_spin_detector.py on BBC articles spun with two thesauri) turns them into a
  probability; words above the model's threshold become evidence with the original as suggestion.

Everything at run time is dict look-ups over precomputed tables and one numpy pass per article.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from analyzer import lexicons
from analyzer.article import Evidence
from analyzer.resources import model_path

SIGNAL = "translation"
KIND = "tortured_phrase"
MODEL_FILE = "spin_detector.json"
MODEL_FORMAT = "analyzer-spin-detector"
MODEL_FORMAT_VERSION = 1

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_SENTENCE_END_RE = re.compile(r"(?:^|[.!?:;\n])[\s\"'“”‘’(\[]*$")
# Google Books log10 count given to a bigram absent from the table: the source lists bigrams seen
# at least 6.4 million times (log10 6.8), so an unlisted one is rarer than that.
ABSENT_BIGRAM_LOG10 = 6.5

_GROUP_RE = re.compile(r"\([^()]*\)")
_LITERAL_RE = re.compile(r"[A-Za-z]{4,}")
_OPTIONAL_RE = re.compile(r"\\[A-Za-z]|[A-Za-z][?*{]")

# Raw per-candidate features, in this order (the model file names the ones it uses).
FEATURES: tuple[str, ...] = (
    "zipf_word",          # Zipf frequency of the word
    "zipf_gap",           # Zipf(best original) - Zipf(word)
    "zipf_prev",          # Zipf of the previous word (0 without one: punctuation or start)
    "zipf_next",          # Zipf of the next word
    "bigram_prev",        # log10 Google Books count of (prev, word); ABSENT_BIGRAM_LOG10 if unlisted
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
)


def _trigger(pattern: str) -> str:
    """A lower-case word every match must contain (text outside any group), or '' if none."""
    bare = pattern
    while True:
        stripped = _GROUP_RE.sub(" ", bare)
        if stripped == bare:
            break
        bare = stripped
    words = _LITERAL_RE.findall(_OPTIONAL_RE.sub(" ", bare))
    return max(words, key=len).lower() if words else ""


@cache
def _known() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(trigger, pattern, suggestion); the trigger is a cheap substring test run before the regex."""
    out = []
    for row in lexicons.load("spin_known_phrases"):
        flags = re.IGNORECASE if row["case"] == "ci" else 0
        out.append((_trigger(row["pattern"]), re.compile(row["pattern"], flags), row["suggestion"]))
    return tuple(out)


def _table_lines(name: str) -> list[str]:
    return lexicons.data_lines(name)


@cache
def _inverse() -> dict[str, tuple[str, ...]]:
    out = {}
    for line in _table_lines("spin_inverse_synonyms"):
        word, _, originals = line.partition("\t")
        out[word] = tuple(originals.split("|"))
    return out


def bigram_table() -> dict[str, float]:
    """'first second' -> log10 Google Books count (the shared table in analyzer.lexicons)."""
    return lexicons.bigrams()




@cache
def _freqs() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # noqa: PLC0415 - cached by wordfreq, shared with analyzer.mt

    return get_frequency_dict("en")


@cache
def _zipf(word: str) -> float:
    freq = _freqs().get(word, 0.0)
    return math.log10(freq) + 9.0 if freq > 0 else 0.0


@cache
def _skip() -> frozenset[str]:
    return lexicons.terms("spin_skip_words")


@cache
def _stop() -> frozenset[str]:
    return lexicons.terms("stopwords_en")


def _match_case(original: str, suggestion: str) -> str:
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


# --- the learned detector ----------------------------------------------------------------------

class ModelError(ValueError):
    """The spin detector model file is missing, malformed or does not match this code."""


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

    def probabilities(self, raw: np.ndarray) -> np.ndarray:
        """raw: candidates x len(FEATURES) -> probability that each candidate is a spun word."""
        z = np.full(raw.shape[0], self.intercept)
        for col, edges, weights in zip(self.columns, self.edges, self.weights, strict=True):
            z += weights[np.searchsorted(edges, raw[:, col], side="right")]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def _number(raw: Any, what: str) -> float:
    if not isinstance(raw, int | float) or isinstance(raw, bool) or not math.isfinite(raw):
        raise ModelError(f"{what} must be a finite number")
    return float(raw)


def parse_model(data: Any) -> SpinModel:
    """Validate a decoded model file; raise ModelError with the reason when it is malformed."""
    if not isinstance(data, dict):
        raise ModelError("the model file must hold a JSON object")
    if data.get("format") != MODEL_FORMAT or data.get("format_version") != MODEL_FORMAT_VERSION:
        raise ModelError(f"not a {MODEL_FORMAT} v{MODEL_FORMAT_VERSION} file")
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
        e_arr = np.array([_number(v, f"features[{i}].edges") for v in e], dtype=float)
        if np.any(np.diff(e_arr) <= 0):
            raise ModelError(f"features[{i}].edges must increase")
        names.append(feat["name"])
        columns.append(FEATURES.index(feat["name"]))
        edges.append(e_arr)
        weights.append(np.array([_number(v, f"features[{i}].weights") for v in w], dtype=float))
    if len(set(names)) != len(names):
        raise ModelError("features has duplicates")
    threshold = _number(data.get("threshold"), "threshold")
    rare = _number(data.get("rare_threshold"), "rare_threshold")
    if not 0.0 < rare <= threshold < 1.0:
        raise ModelError("need 0 < rare_threshold <= threshold < 1")
    training = data.get("training", {})
    return SpinModel(tuple(names), tuple(columns), tuple(edges), tuple(weights),
                     _number(data.get("intercept"), "intercept"), threshold, rare,
                     training if isinstance(training, dict) else {})


def load_model(path: str | Path) -> SpinModel:
    """Read and validate a model file (plain JSON, never pickle)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"cannot read the spin detector {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ModelError(f"the spin detector {path} is not valid JSON: {exc}") from exc
    try:
        return parse_model(data)
    except ModelError as exc:
        raise ModelError(f"{path}: {exc}") from exc


@cache
def default_model() -> SpinModel | None:
    """The shipped model, or None before scripts/train_spin_detector.py has produced one."""
    path = model_path(MODEL_FILE)
    return load_model(path) if path.is_file() else None


@dataclass
class Candidates:
    """Words of a text that may be spun: spans, best likely original, raw feature matrix."""

    spans: list[tuple[int, int]]
    originals: list[str]
    raw: np.ndarray
    n_words: int


def candidates(text: str) -> Candidates:
    """Every word with a more common synonym in the inverse thesaurus, with its features."""
    inverse = _inverse()
    bigrams = lexicons.bigrams()
    skip = _skip()
    stop = _stop()
    absent = ABSENT_BIGRAM_LOG10
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    lowers = [t[2].lower() for t in tokens]
    n = len(tokens)
    counts = Counter(lowers)
    # Adjacent word pairs of this text (single space apart): a spinner leaves most occurrences of a
    # word alone, so the original often appears elsewhere in the same collocation.
    pairs = {f"{lowers[i]} {lowers[i + 1]}" for i in range(n - 1) if text[tokens[i][1] : tokens[i + 1][0]] == " "}
    spans: list[tuple[int, int]] = []
    originals: list[str] = []
    rows: list[tuple[float, ...]] = []
    for i, (start, end, word) in enumerate(tokens):
        lower = lowers[i]
        origs = inverse.get(lower)
        if origs is None or lower in skip:
            continue
        capital = word[0].isupper()
        if capital:
            # Names are not spun; a capital counts only at a sentence start, on a Capitalised word.
            if not word[1:].islower() or not _SENTENCE_END_RE.search(text, max(0, start - 6), start):
                continue
        prev = lowers[i - 1] if i > 0 and text[tokens[i - 1][1] : start] == " " else None
        nxt = lowers[i + 1] if i + 1 < n and text[end : tokens[i + 1][0]] == " " else None
        if prev is not None and tokens[i - 1][2][0].isupper() and not tokens[i - 1][2][1:].islower():
            prev = None  # acronyms and mixed case carry no bigram evidence
        zw = _zipf(lower)
        bp = bigrams.get(f"{prev} {lower}", absent) if prev else absent
        bn = bigrams.get(f"{lower} {nxt}", absent) if nxt else absent
        best_key = (-1, -99.0)
        best = 0
        n_present = 0
        for k, orig in enumerate(origs):
            gp = bigrams.get(f"{prev} {orig}", absent) - bp if prev else 0.0
            gn = bigrams.get(f"{orig} {nxt}", absent) - bn if nxt else 0.0
            context = (prev is not None and f"{prev} {orig}" in pairs) or (nxt is not None and f"{orig} {nxt}" in pairs)
            n_present += orig in counts
            key = (int(context), gp + gn)
            if key > best_key:
                best_key, best, gain_p, gain_n = key, k, gp, gn
        best_gain = gain_p + gain_n
        zp = _zipf(prev) if prev else 0.0
        zn = _zipf(nxt) if nxt else 0.0
        spans.append((start, end))
        originals.append(origs[best])
        rows.append((
            zw, _zipf(origs[best]) - zw, zp, zn, bp, bn,
            bp - zp - zw if prev else 0.0, bn - zn - zw if nxt else 0.0,
            gain_p, gain_n, best_gain,
            float(prev is not None), float(nxt is not None),
            float(prev in stop), float(nxt in stop), float(capital),
            float(len(origs)), float(best),
            float(lower.endswith("ly")), float(lower.endswith("ed")), float(lower.endswith("ing")),
            float(lower.endswith("s") and not lower.endswith("ss")), float(len(lower)),
            float(counts[lower]), float(counts.get(origs[best], 0)), float(n_present), float(best_key[0]),
            zp + zw if prev and bp == absent else 0.0, zn + zw if nxt and bn == absent else 0.0,
            float(prev is not None and nxt is not None and bp == absent and bn == absent),
            best_gain * (_zipf(origs[best]) - zw),
        ))
    raw = np.array(rows, dtype=float) if rows else np.zeros((0, len(FEATURES)))
    return Candidates(spans, originals, raw, n)


@lru_cache(maxsize=8)  # find_spun and spin_features score the same text back to back
def _scored(text: str) -> tuple[Candidates, np.ndarray]:
    cands = candidates(text)
    model = default_model()
    if model is None or not cands.spans:
        return cands, np.zeros(len(cands.spans))
    return cands, model.probabilities(cands.raw)


# --- public API ----------------------------------------------------------------------------------

def _known_evidence(text: str) -> list[Evidence]:
    evidence: list[Evidence] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    for trigger, pattern, suggestion in _known():
        if trigger and trigger not in lowered:
            continue
        for m in pattern.finditer(text):
            start, end = m.span("span") if "span" in pattern.groupindex else m.span()
            if start == end or any(start < e and end > s for s, e in taken):
                continue
            taken.append((start, end))
            evidence.append(
                Evidence.at(
                    text, start, end, signal=SIGNAL, kind=KIND,
                    suggestion=_match_case(text[start:end], suggestion),
                    reason=f"Spinner-style synonym swap; news copy would say '{suggestion}'.",
                )
            )
    return evidence


def _learned_evidence(text: str, cands: Candidates, probs: np.ndarray, threshold: float,
                      taken: list[tuple[int, int]]) -> list[Evidence]:
    out = []
    for k in np.flatnonzero(probs >= threshold):
        start, end = cands.spans[k]
        if any(start < e and end > s for s, e in taken):
            continue
        suggestion = _match_case(text[start:end], cands.originals[k])
        out.append(
            Evidence.at(
                text, start, end, signal=SIGNAL, kind=KIND, suggestion=suggestion,
                reason=(f"Rare synonym that fits its neighbours poorly (spin probability {probs[k]:.2f});"
                        f" '{cands.originals[k]}' would make a far more common phrase."),
            )
        )
    return out


def find_spun(text: str) -> list[Evidence]:
    """Evidence spans (signal 'translation', kind 'tortured_phrase'): known spins and learned ones."""
    evidence = _known_evidence(text)
    model = default_model()
    if model is not None:
        cands, probs = _scored(text)
        evidence += _learned_evidence(text, cands, probs, model.threshold, [(e.start, e.end) for e in evidence])
    evidence.sort(key=lambda ev: ev.start)
    return evidence


def rare_synonym_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, likely original) for words the learned detector finds more likely spun than not.

    Looser than find_spun (the model's rare_threshold): a document-level rate, not evidence.
    """
    model = default_model()
    if model is None:
        return []
    cands, probs = _scored(text)
    return [(*cands.spans[k], cands.originals[k]) for k in np.flatnonzero(probs >= model.rare_threshold)]


def spin_features(text: str, evidence: list[Evidence]) -> dict[str, float]:
    """Document features for the translation model (keys are stable).

    spin_flags_per_100w: tortured-phrase evidence spans per 100 words (kind == 'tortured_phrase');
    known_phrase_per_100w: the same, counting only distinct flagged wordings;
    rare_synonym_per_100w: words above the learned detector's looser rare_threshold;
    mean_flag_strength: share of flags whose suggestion differs in more than case (0 if none);
    learned_spin_per_100w: expected number of spun words per 100 words (sum of the learned
      detector's probabilities);
    mean_spin_probability: mean learned probability over candidate words.
    """
    spun = [ev for ev in evidence if ev.kind == KIND]
    distinct = {ev.text.lower() for ev in spun}
    strong = sum(1 for ev in spun if ev.suggestion and ev.suggestion.lower() != ev.text.lower())
    cands, probs = _scored(text)
    words = max(1, cands.n_words)
    rare = default_model()
    n_rare = int(np.count_nonzero(probs >= rare.rare_threshold)) if rare is not None else 0
    return {
        "spin_flags_per_100w": 100.0 * len(spun) / words,
        "known_phrase_per_100w": 100.0 * len(distinct) / words,
        "rare_synonym_per_100w": 100.0 * n_rare / words,
        "mean_flag_strength": strong / len(spun) if spun else 0.0,
        "learned_spin_per_100w": 100.0 * float(probs.sum()) / words,
        "mean_spin_probability": float(probs.mean()) if len(probs) else 0.0,
    }
