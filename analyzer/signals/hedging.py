"""Hedging: sentences that qualify how certain their claims are.

Cues come from analyzer/lexicons/hedges.tsv with a kind (modal, epistemic, hearsay,
approximator, verification, speculation) and a rule that keeps the classic false positives out: "May" the
month, "could not have been clearer" and other negated modals, "about" meaning concerning (an
approximator only counts before a number), "military might", "claimed responsibility".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult, other_language, scan_as_shown
from analyzer.signals.cue_patterns import trie_pattern, word_pattern
from analyzer.text import Span

NAME = "hedging"

_REASONS = {
    "modal": "A modal verb presents the claim as possible rather than certain.",
    "epistemic": "This wording marks the claim as likely or uncertain, not established.",
    "hearsay": "The claim is presented as reported by others, not confirmed.",
    "approximator": "An approximate figure: the exact number is not known.",
    "verification": "The outlet says it could not verify the claim itself.",
    "speculation": "Conditional, alternative or opinion wording: the sentence does not assert a plain fact.",
}

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|millions?|billions?|half|"
    r"a\s+(?:dozen|hundred|thousand|million|billion|third|quarter|half|score)"
)
_NUMBER_AFTER = re.compile(r"\s+(?:[$£€]\s?)?(?:\d|(?:" + _NUMBER_WORDS + r")\b)", re.IGNORECASE)
_NEGATION_AFTER = re.compile(r"\s+(?:not|never)\b", re.IGNORECASE)
_TO_AFTER = re.compile(r"\s+(?:to|that|as\s+if|as\s+though)\b", re.IGNORECASE)
_THAT_AFTER = re.compile(r"\s+that\b", re.IGNORECASE)
_DATE_AFTER = re.compile(r"\s+\d")
_CLAIM_OBJECT_AFTER = re.compile(r"\s+(?:responsibility|credit|victory|the\s+lives|\d[\d,]*\s+lives)\b",
                                 re.IGNORECASE)
# "might" as a noun: after these words it is strength, not a modal ("military might").
_NOUN_BEFORE = frozenset(
    """a an the this that its his her their our my your whose all full military economic naval
    american russian chinese industrial""".split()
)
_PREVIOUS_WORD = re.compile(r"([\w’'-]+)\W*$")


@cache
def _cues() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    rows = lexicons.load("hedges")
    table = {" ".join(r["term"].lower().split()): (r["kind"], r["rule"].strip()) for r in rows}
    return word_pattern(table), table


@cache
def _lower_cues() -> re.Pattern[str]:
    """The cue pattern without IGNORECASE, for lower-cased ASCII sentences (about 3x faster on
    bbc_dev.jsonl). On ASCII text, case-insensitive matching of the lower-case terms is exactly
    a plain match on the lower-cased text, at the same offsets; other text uses `_cues()`."""
    return word_pattern(_cues()[1], flags=0)


def _entry(table: dict[str, tuple[str, str]], matched: str) -> tuple[str, str]:
    """The lexicon entry (kind, rule) of the cue text a pattern matched.

    Case-insensitive matching lets a few characters match a letter they do not lower-case to
    ("İ" matches "i" but lower-cases to "i̇"), so the lower-cased text is not always a key: then
    the entry is the term that the text matches case-insensitively (this used to raise KeyError
    and skip the whole article).
    """
    entry = table.get(" ".join(matched.lower().split()))
    if entry is None:
        entry = next(value for term, value in table.items()
                     if re.fullmatch(trie_pattern([term]), matched, re.IGNORECASE))
    return entry


def _previous_word(sentence: str, pos: int) -> str:
    m = _PREVIOUS_WORD.search(sentence, 0, pos)
    return m.group(1).lower() if m and not sentence[m.end(1):pos].strip() else ""


def _keeps(rule: str, sentence: str, start: int, end: int) -> bool:
    """Whether the rule of a lexicon entry lets the match sentence[start:end] count as a hedge."""
    if rule == "number":
        return bool(_NUMBER_AFTER.match(sentence, end))
    if rule == "lower":
        word = sentence[start:end]
        if word[0].isupper() and sentence[:start].strip(" “\"'‘(") != "":
            return False  # "in May", "Theresa May"
        return not (word[0].isupper() and _DATE_AFTER.match(sentence, end))  # "May 1, 2018"
    if rule == "positive":
        return not _NEGATION_AFTER.match(sentence, end)
    if rule == "verb":
        return _previous_word(sentence, start) not in _NOUN_BEFORE
    if rule == "to":
        return bool(_TO_AFTER.match(sentence, end))
    if rule == "claim":
        return not _CLAIM_OBJECT_AFTER.match(sentence, end)
    if rule == "possible":
        previous = _previous_word(sentence, start)
        return previous != "as" and not (previous.endswith("est") and len(previous) > 4)
    if rule == "not_that":
        return not _THAT_AFTER.match(sentence, end)
    return True


def find_hedges(text: str, sentences: list[Span]) -> tuple[list[Evidence], list[bool]]:
    """Evidence for every hedge cue in `sentences`, and per sentence whether it hedges."""
    pattern, table = _cues()
    evidence: list[Evidence] = []
    hedged = [False] * len(sentences)
    lower_pattern = _lower_cues()
    for i, sent in enumerate(sentences):
        s = sent.text
        search, subject = (lower_pattern.search, s.lower()) if s.isascii() else (pattern.search, s)
        pos = 0
        while (m := search(subject, pos)) is not None:
            start, end = m.span()
            kind, rule = _entry(table, s[start:end])
            if not _keeps(rule, s, start, end):
                # Retry just after the start: a shorter cue inside may still count ("an estimated
                # cost" is no approximator, but "estimated" is a hedge).
                pos = start + 1
                continue
            pos = end
            hedged[i] = True
            evidence.append(Evidence.at(text, sent.start + start, sent.start + end,
                                        signal=NAME, kind=kind, reason=_REASONS[kind]))
    return evidence, hedged


def hedging_signal(article: Article, context: RunContext) -> SignalResult:
    if (skipped := other_language(article, NAME)) is not None:
        return SignalResult(scores={NAME: 0.0}, details={"skipped": skipped})
    sentences = article.content_sentences
    evidence, flags = scan_as_shown(find_hedges, article.prose, sentences)
    kinds = Counter(ev.kind for ev in evidence)
    details = {
        "hedged_sentences": sum(flags),
        "sentences": len(sentences),
        "cues": {kind: kinds[kind] for kind in _REASONS if kinds[kind]},
        "verification_statements": kinds["verification"],
    }
    share = sum(flags) / len(sentences) if sentences else 0.0
    return SignalResult(scores={"hedging": share}, evidence=evidence, details=details)
