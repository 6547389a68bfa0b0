"""Candidate style features for the MT style model, measured but not shipped.

evaluation/eval_fusion.py --candidates refits the style model with them (see
models/TRANSLATION_MODEL_CARD.md, fourth version). They stay out of analyzer.mt so that the
scoring path carries no code it does not run; they reuse its tokenisation and bigram table.
"""

from __future__ import annotations

import math

import numpy as np

from analyzer import lexicons, mt

# How Google Books bigram predictability is spread, not only its mean; on each, machine translation > human
# translation >= native news in all three WMT 2021 pairs (unpaired ROC AUC per pair de-en / ja-en
# / zh-en 0.58 / 0.59 / 0.68, 0.63 / 0.63 / 0.66, 0.62 / 0.64 / 0.59; mt/ wmt dev), but together
# they add only +0.003 leave-one-pair-out to the style model (TRANSLATION_MODEL_CARD.md, 2026-11-22).
CANDIDATE_STYLE_FEATURES: tuple[str, ...] = (
    "bigram_function",  # mean log10 count of adjacent pairs opening with a function word ("of the")
    "bigram_median",    # median log10 count of adjacent pairs
    "sent_bigram_sd",   # spread across sentences of the per-sentence mean bigram log count
)
# Sentences with fewer adjacent word pairs than this do not count for sent_bigram_sd (a headline
# has a mean too noisy to compare).
MIN_SENTENCE_PAIRS = 4


def candidate_style_features(text: str) -> dict[str, float]:
    """CANDIDATE_STYLE_FEATURES of a text, with the pairs style_features' bigram features count
    (words of one punctuation-free stretch; an unlisted pair counts as mt.ABSENT_BIGRAM_LOG10 between
    alphabetic words). A plain loop: for evaluation, not for the scoring path."""
    lowered = mt._to_ascii(text).lower()
    parts = mt._STYLE_WORD_SPLIT_RE.split(lowered)
    words, gaps = parts[1::2], parts[2:-1:2]
    table, fws = lexicons.bigrams(), mt._function_words()
    values: list[float] = []
    after_function: list[float] = []
    by_sentence: dict[int, list[float]] = {}
    sentence = 0
    for i, gap in enumerate(gaps):
        first, second = words[i], words[i + 1]
        count = table.get(f"{first} {second}") if mt._gap_joins(gap) else None
        if count is None and mt._gap_joins(gap) and first.isalpha() and second.isalpha():
            count = mt.ABSENT_BIGRAM_LOG10
        if count is not None:
            values.append(count)
            by_sentence.setdefault(sentence, []).append(count)
            if first in fws:
                after_function.append(count)
        # A word follows the gap: "U.S" (gap ".") is no sentence end, "said. The" (gap ". ") is.
        if mt._SENTENCE_SPLIT_RE.search(gap + "a"):
            sentence += 1
    means = [sum(v) / len(v) for v in by_sentence.values() if len(v) >= MIN_SENTENCE_PAIRS]
    centre = sum(means) / len(means) if means else 0.0
    return {
        "bigram_function": sum(after_function) / len(after_function) if after_function else mt.ABSENT_BIGRAM_LOG10,
        "bigram_median": float(np.median(values)) if values else mt.ABSENT_BIGRAM_LOG10,
        "sent_bigram_sd": math.sqrt(sum((m - centre) ** 2 for m in means) / len(means)) if len(means) >= 2 else 0.0,
    }
