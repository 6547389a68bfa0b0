"""Readability: Flesch reading ease and Flesch-Kincaid grade via textstat, fully offline."""

from __future__ import annotations

import sys
import types
from functools import cache

from analyzer import lexicons
from analyzer.article import Article
from analyzer.signals.base import RunContext, SignalResult

NAME = "readability"
# textstat's module that loads the CMU dictionary through nltk (textstat 0.7.x).
_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"
# Most syllables of a word in syllables.tsv (the CMU dictionary maximum is 12; headroom for rebuilds).
MAX_SYLLABLES = 30


@cache
def _syllable_table() -> dict[str, list[tuple[str, ...]]]:
    """word -> a stand-in CMU entry with as many stressed phones as the word has syllables.

    textstat counts syllables as `sum(p[-1].isdigit() for p in cmu[word][0])`; the counts were
    precomputed from the CMU dictionary (lexicons/syllables.tsv, scripts/build_syllables.py), so
    the 126k-entry pronunciation parse (~0.8 s a process) is gone and the counts stay identical.
    One shared entry per count keeps the table small; words not in it fall back to pyphen inside
    textstat, as before (pyphen caches each word's hyphenation itself).
    """
    # Keyed by the count as written in the file: no int() per row (~65 ms for the whole table).
    entries = {str(n): [("1",) * n] for n in range(MAX_SYLLABLES + 1)}
    fields = "\t".join(lexicons.data_lines("syllables")).split("\t")
    return dict(zip(fields[0::2], map(entries.__getitem__, fields[1::2]), strict=True))


def _get_cmudict(lang: str) -> dict[str, list[tuple[str, ...]]] | None:
    return _syllable_table() if lang.startswith("en") else None


@cache
def _textstat():  # type: ignore[no-untyped-def]
    """textstat, with its CMU dictionary lookup served from the shipped syllable table.

    textstat's own loader imports nltk (~2.5 s, pulling in scipy.stats and sklearn) and calls
    nltk.download('cmudict') when the corpus is missing, which needs the network. Registering our
    loader under that module's name before textstat is first imported keeps nltk out entirely;
    if textstat was already imported elsewhere, its counting function is repointed instead.
    """
    if "textstat" not in sys.modules:
        shim = types.ModuleType(_CMUDICT_MODULE)
        shim.get_cmudict = _get_cmudict  # type: ignore[attr-defined]
        sys.modules.setdefault(_CMUDICT_MODULE, shim)
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _get_cmudict
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
