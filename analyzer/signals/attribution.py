"""Attribution: sentences whose claims are credited to a source."""

from __future__ import annotations

import re
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult

NAME = "attribution"


@cache
def _cue_re() -> re.Pattern[str]:
    cues = sorted(lexicons.terms("reporting_verbs"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)


def attribution_signal(article: Article, context: RunContext) -> SignalResult:
    text = article.text
    sentences = article.content_sentences
    evidence, attributed = [], 0
    for sent in sentences:
        hits = list(_cue_re().finditer(sent.text))
        if not hits:
            continue
        attributed += 1
        for m in hits:
            evidence.append(
                Evidence.at(text, sent.start + m.start(), sent.start + m.end(), signal=NAME,
                            kind="reporting_verb", reason="A reporting verb credits this claim to a source.")
            )
    share = attributed / len(sentences) if sentences else 0.0
    return SignalResult(scores={"attribution": share}, evidence=evidence,
                        details={"attributed_sentences": attributed, "sentences": len(sentences)})
