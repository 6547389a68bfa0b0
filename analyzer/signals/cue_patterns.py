"""Fast regular expressions for long cue lists (attribution and hedging lexicons).

Python's `re` tries the branches of an alternation one by one at every position, so a plain
`a|b|c|...` over a thousand verb forms costs a thousand attempts per character. Factoring the
list into a prefix trie ("sa(?:id|ys|y(?:ing)?)") makes each attempt follow one path, about 10x
faster on bbc_dev.jsonl. It matches exactly the same strings, longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from analyzer.text import APOSTROPHES

_END = ""


def _node_pattern(node: dict[str, dict]) -> str:
    branches = []
    optional = _END in node
    for char in sorted((c for c in node if c != _END), key=lambda c: (c == " ", c)):
        piece = r"\s+" if char == " " else APOSTROPHES if char == "'" else re.escape(char)
        branches.append(piece + _node_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        # Greedy: the longer cue wins ("could not independently verify" over "could").
        return "(?:" + body + ")?"
    return body


def trie_pattern(terms: Iterable[str]) -> str:
    """A regex source matching any of `terms` (single spaces match any run of white space, an
    apostrophe a straight or a curly one: "don't think" is "don’t think" in typeset copy)."""
    root: dict[str, dict] = {}
    for term in terms:
        node = root
        for char in " ".join(term.split()):
            node = node.setdefault(char, {})
        node[_END] = {}
    return _node_pattern(root) if root else "(?!)"


def word_pattern(terms: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole-word match of any term: not inside a longer word or a hyphenated compound."""
    return re.compile(r"(?<![\w-])" + trie_pattern(terms) + r"(?![\w-])", flags)


class CasePatterns(NamedTuple):
    """One pattern compiled twice: for the lower-cased text (cheaper than case-insensitive
    matching) and case-insensitive for the text itself, which is searched instead when lower()
    changed its length (so its offsets would not be the text's: "İ" lower-cases to two code points).
    """

    lower: re.Pattern[str]
    folded: re.Pattern[str]

    @classmethod
    def compile(cls, source: str) -> CasePatterns:
        return cls(re.compile(source), re.compile(source, re.IGNORECASE))

    def pick(self, text: str, lowered: str) -> tuple[re.Pattern[str], str]:
        """(pattern, string to search): offsets into that string are offsets into text."""
        return (self.lower, lowered) if len(lowered) == len(text) else (self.folded, text)


class CuePattern:
    """Whole-word, case-insensitive search for a cue list, run on the lower-cased text.

    `re.IGNORECASE` makes Python's engine about 3x slower on these tries (bbc_dev.jsonl), so the
    text is lower-cased first; offsets are unchanged unless lower-casing changes the length (rare
    characters such as "İ"), in which case the case-insensitive pattern is used instead.
    """

    __slots__ = ("_patterns",)

    def __init__(self, terms: Iterable[str]) -> None:
        lowered = [t.lower() for t in terms]
        self._patterns = CasePatterns.compile(r"(?<![\w-])" + trie_pattern(lowered) + r"(?![\w-])")

    def spans(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
        pattern, subject = self._patterns.pick(text, text.lower())
        end = len(text) if endpos is None else endpos
        return [m.span() for m in pattern.finditer(subject, pos, end)]


class CueScanner:
    """Several cue lists searched in one pass: the same spans as one CuePattern per list.

    One lower-casing and one regex scan per text instead of one per list. Each list sits in a
    look-ahead, so matches of different lists may overlap ("said in a statement" and "said") as
    with separate searches; within a list, matches are kept non-overlapping and leftmost-longest
    exactly as `finditer` would return them.
    """

    __slots__ = ("_count", "_groups", "_patterns")

    def __init__(self, *term_lists: Iterable[str]) -> None:
        tries = [trie_pattern([t.lower() for t in terms]) for terms in term_lists]
        self._count = len(tries)
        boundary = r"(?![\w-])"
        # Branch k: list k matches here (mandatory), lists after k may match too (optional).
        # Group numbers: branch k holds groups for lists k..n-1, in order.
        branches: list[str] = []
        groups: list[tuple[tuple[int, int], ...]] = []  # per branch: (group number, list index)
        number = 0
        for k in range(len(tries)):
            parts, owned = [], []
            for j in range(k, len(tries)):
                number += 1
                look = f"(?=({tries[j]}){boundary})"
                parts.append(look if j == k else f"(?:{look})?")
                owned.append((number, j))
            branches.append("".join(parts))
            groups.append(tuple(owned))
        self._groups = tuple(groups)
        # The match consumes the character before the cue instead of testing it in a look-behind:
        # a pattern that opens with a character set lets `re` skip every word character in its
        # fast search loop (most positions of a text), about 2x faster on bbc_dev.jsonl. The text
        # is scanned with a space in front, so that a cue at its very start is found too.
        self._patterns = CasePatterns.compile(r"[^\w-](?:" + "|".join(branches) + ")")

    def spans(self, text: str) -> list[list[tuple[int, int]]]:
        """For each list, its (start, end) matches in text."""
        pattern, subject = self._patterns.pick(text, text.lower())
        found: list[list[tuple[int, int]]] = [[] for _ in range(self._count)]
        ends = [0] * self._count
        for m in pattern.finditer(" " + subject):
            regs = m.regs  # all group spans at once; (-1, -1) for a list that did not match
            for branch in self._groups:
                if regs[branch[0][0]][0] >= 0:  # only one branch matched: the first list found
                    break
            for g, j in branch:
                start, end = regs[g]
                if start >= ends[j]:  # finditer per list never returns overlapping matches
                    found[j].append((start - 1, end - 1))  # offsets in `text` (no leading space)
                    ends[j] = end
        return found
