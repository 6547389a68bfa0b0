"""Readability: Flesch reading ease and Flesch-Kincaid grade via textstat, fully offline."""

from __future__ import annotations

import re
import sys
import types
from functools import cache

from analyzer import lexicons
from analyzer.article import Article
from analyzer.signals.base import RunContext, SignalResult, other_language
from analyzer.text import as_shown

NAME = "readability"
# textstat's module that loads the CMU dictionary through nltk (textstat 0.7.x).
_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"
# Most syllables of a word in syllables.tsv (the CMU dictionary maximum is 12; headroom for rebuilds).
MAX_SYLLABLES = 30
# textstat 0.7's English Flesch constants (textstat.backend.utils.constants.LANG_CONFIGS["en"] and
# metrics._flesch_kincaid_grade), applied in the same order so the floats come out identical.
FRE_BASE, FRE_SENTENCE_LENGTH, FRE_SYLL_PER_WORD = 206.835, 1.015, 84.6
FKG_SENTENCE_LENGTH, FKG_SYLL_PER_WORD, FKG_BASE = 0.39, 11.8, 15.59
# textstat's language (its default, en_US): picks the syllable table and pyphen's dictionary.
LANG = "en_US"
# textstat's remove_punctuation(rm_apostrophe=False) in one pass: its two substitutions (drop
# apostrophes not opening a contraction ending, then all other punctuation but apostrophes) both
# look at the original text, so applying them as one alternation deletes the same characters.
_PUNCTUATION_RE = re.compile(r"'(?![tsd]|ve|ll|re)|[^\w\s']")
# The same deletion in two steps, about twice as fast on bbc_dev.jsonl: the apostrophe rule first
# (it only deletes apostrophes, so the characters after every other apostrophe are unchanged),
# then a str.translate that deletes each character matching [^\w\s'] (a context-free rule).
_APOSTROPHE_RE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION_CHAR_RE = re.compile(r"[^\w\s']")
# Distinct characters whose deletion verdict is remembered: a hostile text may hold any of the
# 1.1M code points, so past this many the verdict is computed again instead of stored.
PUNCTUATION_MEMO_MAX = 8192


class _PunctuationTable(dict[int, str | None]):
    """str.translate table: code point -> None (delete) or the character, filled on demand."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = None if _PUNCTUATION_CHAR_RE.match(char) else char
        if len(self) < PUNCTUATION_MEMO_MAX:
            self[code] = kept
        return kept


_punctuation_table = _PunctuationTable()


def remove_punctuation(text: str) -> str:
    """textstat's remove_punctuation(text, rm_apostrophe=False): `_PUNCTUATION_RE.sub("", text)`."""
    if "'" in text:
        text = _APOSTROPHE_RE.sub("", text)
    return text.translate(_punctuation_table)

# textstat's count_sentences splitter.
_SENTENCE_RE = re.compile(r"\b[^.!?]+[.!?]*")
# A fragment holds three or more words once punctuation is removed. Removal deletes only
# non-space characters and keeps every \w, so a white-space token survives exactly when it holds
# a \w: this matches the first three such tokens (possessive, so no token is split in two)
# instead of stripping and splitting every fragment.
_TOKEN = r"(?:[^\s\w]++\s++)*+[^\s\w]*+\w\S*+"
_THREE_WORDS_RE = re.compile(r"\s*+" + _TOKEN + r"(?:\s++" + _TOKEN + r"){2}")
# Words whose syllable count is memoised (the table or pyphen): bounded so that an endless
# stream of new words cannot grow it without limit; bbc_dev.jsonl has ~30k distinct words.
SYLLABLE_MEMO_MAX = 200_000


class _SyllableMemo(dict[str, int]):
    """word -> textstat's syllable count, computed on first lookup (no set of new words to build
    for every text: most words of an article are already known)."""

    def __missing__(self, word: str) -> int:
        if len(self) >= SYLLABLE_MEMO_MAX:
            self.clear()
        entry = _syllable_table().get(word)
        count = len(entry[0]) if entry is not None else pyphen_syllables(word)
        self[word] = count
        return count


_syllable_memo = _SyllableMemo()


@cache
def _syllable_table() -> dict[str, list[tuple[str, ...]]]:
    """word -> a stand-in CMU entry with as many stressed phones as the word has syllables.

    textstat counts syllables as `sum(p[-1].isdigit() for p in cmu[word][0])`; the counts were
    precomputed from the CMU dictionary (lexicons/syllables.tsv, scripts/build_syllables.py), so
    the 126k-entry pronunciation parse (~0.8 s a process) is gone and the counts stay identical.
    One shared entry per count keeps the table small; words not in it fall back to pyphen's
    hyphenation points, as in textstat (counted by pyphen_syllables, memoised in _syllable_memo:
    pyphen's own unbounded per-word cache is no longer filled).
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


@cache
def _pyphen():  # type: ignore[no-untyped-def]
    _textstat()
    from textstat.backend.utils._get_pyphen import get_pyphen

    return get_pyphen(LANG)


# Marks a string that is not the start of any hyphenation pattern.
_NO_PATTERN = object()


@cache
def _hyphenation() -> tuple[dict[str, object], int, int]:
    """pyphen's patterns for LANG keyed by every prefix of a pattern, and its left/right margins.

    A prefix that is not itself a pattern maps to None; a string missing from the map starts no
    pattern, so the scan from one position can stop there instead of trying every length up to
    the longest pattern (28 characters in en_US), as pyphen does.
    """
    pyphen = _pyphen()
    patterns = pyphen.hd.patterns
    nodes: dict[str, object] = {}
    for key in patterns:
        for end in range(1, len(key)):
            nodes.setdefault(key[:end], None)
    nodes.update(patterns)
    return nodes, pyphen.left, pyphen.right


def pyphen_syllables(word: str) -> int:
    """textstat's syllable count for a word outside the CMU table: len(pyphen.positions(word)) + 1.

    The same Liang pattern matching as pyphen's HyphDict.positions (each pattern's values raise
    the scores between letters; odd scores are hyphenation points, kept within the left/right
    margins), with the scan of each position stopped at the first string that starts no
    pattern: about 3.5x faster on the bbc_dev.jsonl words, the same counts (tests compare them).
    """
    nodes, left, right = _hyphenation()
    pointed = f".{word.lower()}."
    n = len(pointed)
    scores = [0] * (n + 1)
    get = nodes.get
    for i in range(n - 1):
        j = i + 1
        while j <= n:
            node = get(pointed[i:j], _NO_PATTERN)
            if node is _NO_PATTERN:
                break
            if node is not None:
                offset, values = node  # type: ignore[misc]
                k = i + offset
                for value in values:
                    if value > scores[k]:
                        scores[k] = value
                    k += 1
            j += 1
    # pyphen's point at score index i is position i - 1, kept when left <= i - 1 <= len(word) - right.
    last = min(len(word) - right + 1, n)
    return 1 + sum(scores[i] & 1 for i in range(left + 1, last + 1))


def flesch(text: str) -> tuple[float, float]:
    """textstat's (flesch_reading_ease, flesch_kincaid_grade) of text, counted once for both.

    textstat runs its word list, sentence count and syllable count through per-call helpers
    (two regex substitutions and an lru_cache lookup per sentence); this repeats its counting
    rules with precompiled patterns, so the values are identical (tests/signals/test_readability.py
    compares them with textstat on bbc_dev.jsonl) at about a third of the cost.
    """
    if not text:
        return 0.0, 0.0
    # count_syllables: lower-cased after punctuation removal, as textstat's list_words does.
    # Lower-casing neither makes nor removes white space, so the word count is the same.
    lowered = remove_punctuation(text).lower().split()
    n_words = len(lowered)
    # count_sentences: fragments of two words or fewer do not count, but at least one sentence.
    sentences = _SENTENCE_RE.findall(text)
    three = _THREE_WORDS_RE.match
    n_sentences = max(1, sum(1 for s in sentences if three(s)))
    syllables = sum(map(_syllable_memo.__getitem__, lowered))
    sentence_length = n_words / n_sentences
    per_word = syllables / n_words if n_words else 0.0
    if sentence_length == 0 or per_word == 0:
        return 0.0, 0.0
    ease = FRE_BASE - FRE_SENTENCE_LENGTH * sentence_length - FRE_SYLL_PER_WORD * per_word
    grade = (FKG_SENTENCE_LENGTH * sentence_length) + (FKG_SYLL_PER_WORD * per_word) - FKG_BASE
    return ease, grade


def readability_signal(article: Article, context: RunContext) -> SignalResult:
    # As shown: "don&#8217;t" is one word of one syllable, not three words.
    body = as_shown("\n".join(s.text for s in article.content_sentences))
    if not body.strip():
        return SignalResult(scores={NAME: 0.0}, details={"flesch_kincaid_grade": 0.0})
    if (skipped := other_language(article, NAME)) is not None:
        # Flesch's constants and the syllable table are English: a Chinese article, with no spaces
        # between words, read 117.2 ("very easy") while every other signal said "not judged" (bug hunt 33).
        return SignalResult(scores={NAME: 0.0}, details={"flesch_kincaid_grade": 0.0, "skipped": skipped})
    ease, grade = flesch(body)
    return SignalResult(scores={NAME: round(ease, 2)},
                        details={"flesch_kincaid_grade": round(grade, 2)})
