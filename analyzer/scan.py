"""Regex scans that try a pattern only where one of its matches can start.

Python's re cannot skip ahead to a pattern that opens with \\b, a character class or a case-
insensitive word, so finditer tries every position of the text. When every match holds a literal
that str.find reaches at C speed (a trigger word, a separator), trying pattern.match at the few
positions a match can start from, left to right and going on after each match's end, gives
exactly finditer's matches: pattern.match at a position is the attempt finditer makes there
(look-behinds and \\b see the text before it), provided no match is empty. Used by the known-phrase
scan of analyzer.spin_known and the artifact scans of analyzer.mt; tests compare them with finditer
on random texts (tests/test_spin_known.py, tests/test_mt.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import ahocorasick

# A regex is tried only near its triggers when its matches are at most this long...
MAX_WINDOW_WIDTH = 100
# ...and when those positions are fewer than 1 in this many characters of the text (else one scan
# of the whole text is as cheap). The known-phrase regexes of analyzer.spin_known scan a whole text
# in 0.06 to 0.5 ms each when their trigger occurs (bbc_dev.jsonl).
WINDOW_SHARE = 16


def match_width(pattern: re.Pattern[str]) -> int:
    """Longest match of `pattern` when all its matches are non-empty and at most MAX_WINDOW_WIDTH
    long, else 0."""
    try:
        from re import _parser  # noqa: PLC0415 - private (Python 3.11+); without it, whole-text scans

        low, high = _parser.parse(pattern.pattern, pattern.flags).getwidth()
    except Exception:  # noqa: BLE001
        return 0
    return high if 0 < low and high <= MAX_WINDOW_WIDTH else 0


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """pattern.match at each of `starts` (a set of positions that holds every start of a match of
    finditer), in order, going on after each match's end: list(pattern.finditer(text))."""
    out = []
    end = 0
    match = pattern.match
    for start in sorted(starts):
        if start >= end and (m := match(text, start)) is not None:
            out.append(m)
            end = m.end()
    return out


def matches_near(pattern: re.Pattern[str], text: str, lowered: str, triggers: tuple[str, ...],
                 width: int) -> list[re.Match[str]] | None:
    """list(pattern.finditer(text)), trying the regex only where a match can start; None when those
    places are too many to be worth it.

    Every match contains one of `triggers` in the lower-cased text (lowered must be as long as
    text) and is at most `width` long (match_width), so it starts at most width - len(trigger)
    characters before an occurrence of one.
    """
    return matches_around(pattern, text, ((len(t), _occurrences(lowered, t)) for t in triggers), width)


def _occurrences(text: str, needle: str) -> Iterator[int]:
    """Every position where `needle` starts in `text`, overlapping ones too, found as they are read
    (matches_around may stop early)."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def matches_around(pattern: re.Pattern[str], text: str, found: Iterable[tuple[int, Iterable[int]]],
                   width: int) -> list[re.Match[str]] | None:
    """matches_near's work from the triggers' occurrences: `found` holds, for each trigger, its
    length and every position where it starts in the lower-cased text, either already known
    (Needles.found_at: no str.find pass per trigger again) or found as they are read (matches_near)."""
    limit = len(text) // WINDOW_SHARE
    starts: set[int] = set()
    for length, positions in found:
        back = width - length
        if back < 0:
            return None
        for at in positions:
            starts.update(range(max(0, at - back), at + 1))
            if len(starts) > limit:
                return None
    return matches_from(pattern, text, starts)


def finditer_near(pattern: re.Pattern[str], text: str, lowered: str, triggers: tuple[str, ...],
                  width: int) -> list[re.Match[str]]:
    """list(pattern.finditer(text)): by matches_near where it can answer (triggers and a width
    known, `lowered` as long as `text`: str.lower may change lengths, "İ"), else by scanning the
    whole text."""
    found = None
    if triggers and width and len(lowered) == len(text):
        found = matches_near(pattern, text, lowered, triggers, width)
    return list(pattern.finditer(text)) if found is None else found


class Needles:
    """Which of many fixed strings occur in a text, in one pass (an Aho-Corasick automaton,
    pyahocorasick) instead of one substring scan per string. With it the known-phrase scan of
    analyzer.spin_known (184 triggers) took 0.13 ms an article of bbc_dev.jsonl, against 0.36 ms
    with a substring test per trigger (bench/bench_translation.py, fourteenth session)."""

    def __init__(self, needles: Sequence[str]) -> None:
        self.needles = tuple(needles)
        self._empty = {i for i, needle in enumerate(self.needles) if not needle}  # in every text
        self._lengths = tuple(map(len, self.needles))
        self._automaton: ahocorasick.Automaton | None = None
        if len(self._empty) < len(self.needles):
            automaton = ahocorasick.Automaton()
            for i, needle in enumerate(self.needles):
                if not needle:
                    continue
                if needle in automaton:
                    automaton.get(needle).append(i)
                else:
                    automaton.add_word(needle, [i])
            automaton.make_automaton()
            self._automaton = automaton

    def found_at(self, text: str) -> dict[int, list[int]]:
        """Index (in `needles`) of each needle that occurs in text -> every position where it
        starts, ascending (overlapping occurrences too, as repeated str.find gives them); the empty
        needles are left out."""
        out: dict[int, list[int]] = {}
        if self._automaton is None:
            return out
        lengths = self._lengths
        for end, indices in self._automaton.iter(text):
            for i in indices:
                out.setdefault(i, []).append(end - lengths[i] + 1)
        return out

    def found(self, text: str) -> set[int]:
        """Indices (in `needles`) of the needles that occur in text: {i for i, n in
        enumerate(needles) if n in text}."""
        out = set(self._empty)
        if self._automaton is None:
            return out
        for _, indices in self._automaton.iter(text):
            out.update(indices)
        return out
