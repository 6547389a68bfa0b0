"""Machine-translation artifacts and spun phrases (first version: known phrase list)."""

from __future__ import annotations

import re
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult

NAME = "translation"
# Flags per 100 words at which the score saturates; first-version constant, to be replaced by
# the trained model of issue 3.
SATURATION_PER_100_WORDS = 2.0


@cache
def _matchers() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    out = []
    for row in lexicons.load("translation_artifacts"):
        phrase = row["phrase"]
        # Acronyms are matched case-sensitively, phrases case-insensitively.
        flags = 0 if phrase.isupper() or phrase[:1].isupper() else re.IGNORECASE
        out.append((re.compile(rf"\b{re.escape(phrase)}\b", flags), row["suggestion"], row["kind"]))
    return tuple(out)


def translation_signal(article: Article, context: RunContext) -> SignalResult:
    text = article.text
    evidence = []
    for pattern, suggestion, kind in _matchers():
        for m in pattern.finditer(text):
            evidence.append(
                Evidence.at(text, m.start(), m.end(), signal=NAME, kind=kind, suggestion=suggestion,
                            reason=f"Looks like a garbled rendering of '{suggestion}'.")
            )
    words = max(article.words, 1)
    density = 100 * len(evidence) / words
    score = min(1.0, density / SATURATION_PER_100_WORDS)
    spun = sum(1 for e in evidence if e.kind == "tortured_phrase")
    label = "clean"
    if score >= 0.5:
        label = "spun" if spun > len(evidence) - spun else "machine_translated"
    return SignalResult(scores={"translation": score}, evidence=evidence,
                        details={"flags": len(evidence)}, fields={"label": label})
