"""Hedging: sentences that qualify their claims."""

from __future__ import annotations

import re
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult

NAME = "hedging"


@cache
def _cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = sorted(lexicons.load("hedges"), key=lambda r: len(r["term"]), reverse=True)
    return tuple((re.compile(rf"\b{re.escape(r['term'])}\b", re.IGNORECASE), r["kind"]) for r in rows)


def hedging_signal(article: Article, context: RunContext) -> SignalResult:
    text = article.text
    sentences = article.content_sentences
    evidence, hedged = [], 0
    for sent in sentences:
        found = False
        for pattern, kind in _cues():
            for m in pattern.finditer(sent.text):
                found = True
                evidence.append(
                    Evidence.at(text, sent.start + m.start(), sent.start + m.end(), signal=NAME,
                                kind=kind, reason="This wording qualifies how certain the claim is.")
                )
        hedged += found
    share = hedged / len(sentences) if sentences else 0.0
    return SignalResult(scores={"hedging": share}, evidence=evidence,
                        details={"hedged_sentences": hedged, "sentences": len(sentences)})
