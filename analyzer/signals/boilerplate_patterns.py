"""Line patterns of the boilerplate signal: the lexicon lexicons/boilerplate_patterns.tsv (residue
tags, captions, menus, share buttons, comment controls, cookie and legal notices, promos, bylines
and datelines, each with a kind, a strength and a word limit) compiled into a few combined regexes
per word-count bucket, plus the patterns that need a trigger word tried only on lines holding one;
and the teaser-section headings of lexicons/boilerplate_section_heads.tsv ("Related", "Most
read"). It knows lines on their own, without context: boilerplate_rules.py weighs them on a page.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from analyzer import lexicons
from analyzer.signals.language import tokens
from analyzer.text import WORD_RE


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    strong: bool


def _split_pattern(pattern: str) -> tuple[str, str]:
    """('full', p) for an anchored pattern; ('search', p) for '.*X.*' / '.*X' forms, rewritten so
    that a search finds them without the costly leading '.*' (same lines match)."""
    if pattern.startswith(".*"):
        inner = pattern[2:]
        if inner.endswith(".*") and not inner.endswith("\\.*"):
            return "search", inner[:-2]
        return "search", f"(?:{inner})\\Z"
    return "full", pattern


@dataclass(frozen=True, slots=True)
class _Triggered:
    index: int
    max_words: int
    words: frozenset[str]
    pairs: tuple[frozenset[str], ...]
    substrings: tuple[str, ...]
    regex: re.Pattern[str]
    search: bool


@cache
def _trigger_screen() -> tuple[frozenset[str], re.Pattern[str]]:
    """Every trigger word, and one regex for every trigger substring: lines holding neither (most
    body paragraphs) skip the triggered patterns in one set test and one scan."""
    triggered = _rules()[2]
    # A pair needs both words, so its longest (rarest) word is enough to screen on.
    words = frozenset().union(*(r.words for r in triggered)) | {
        max(sorted(pair), key=len) for r in triggered for pair in r.pairs
    }
    subs = sorted({sub for r in triggered for sub in r.substrings})
    return words, re.compile("|".join(map(re.escape, subs)) or "(?!)", re.IGNORECASE)


@cache
def _rules() -> tuple[
    tuple[int, ...],
    tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None], ...],
    tuple[_Triggered, ...],
    tuple[Rule, ...],
]:
    """Combined regexes per word-count bucket: bucket i holds the untriggered patterns allowed for
    lines of at most limits[i] words (unlimited ones included); the last bucket, unlimited ones
    only. Each bucket has one anchored regex (fullmatch) and one for contains-patterns (search).
    Patterns with trigger words are tried one by one, only on lines holding a trigger."""
    rows = lexicons.load("boilerplate_patterns")
    rules = tuple(Rule(row["kind"], row["strength"] == "strong") for row in rows)
    limits = tuple(sorted({int(row["max_words"]) for row in rows if int(row["max_words"]) > 0}))
    split = [_split_pattern(row["pattern"]) for row in rows]
    triggered = []
    plain = []
    for i, row in enumerate(rows):
        trig = row.get("triggers", "").split()
        if not trig:
            plain.append(i)
            continue
        mode, pattern = split[i]
        triggered.append(
            _Triggered(
                i, int(row["max_words"]),
                frozenset(t for t in trig if WORD_RE.fullmatch(t)),
                tuple(frozenset(t.split("+")) for t in trig if "+" in t),
                tuple(t for t in trig if "+" not in t and not WORD_RE.fullmatch(t)),
                re.compile(pattern, re.IGNORECASE), mode == "search",
            )
        )

    def combined(allowed: list[int], mode: str) -> re.Pattern[str] | None:
        parts = [f"(?P<r{i}>{split[i][1]})" for i in allowed if split[i][0] == mode]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    buckets = []
    for limit in (*limits, None):
        allowed = [
            i for i in plain
            if int(rows[i]["max_words"]) == 0 or (limit is not None and int(rows[i]["max_words"]) >= limit)
        ]
        buckets.append((combined(allowed, "full"), combined(allowed, "search")))
    return limits, tuple(buckets), tuple(triggered), rules


def match_rule(line: str, toks: Sequence[str] | None = None) -> Rule | None:
    """The first lexicon pattern matching the whole line (within its word limit), if any.
    `toks`: the line's lower-cased words, when the caller has them already."""
    limits, buckets, triggered, rules = _rules()
    if toks is None:
        toks = tokens(line)
    n_words = len(toks)
    full, search = buckets[bisect_left(limits, n_words)]
    matches = (full.fullmatch(line) if full else None, search.search(line) if search else None)
    found = [int(m.lastgroup[1:]) for m in matches if m and m.lastgroup]
    tokset = set(toks)
    screen_words, screen_subs = _trigger_screen()
    if tokset.isdisjoint(screen_words) and not screen_subs.search(line):
        triggered = ()
    lower: str | None = None
    for rule in triggered:
        if rule.max_words and n_words > rule.max_words:
            continue
        if found and rule.index > min(found):
            break
        hit = not rule.words.isdisjoint(tokset) or any(pair <= tokset for pair in rule.pairs)
        if not hit and rule.substrings:
            lower = lower if lower is not None else line.lower()
            hit = any(sub in lower for sub in rule.substrings)
        if hit and (rule.regex.search(line) if rule.search else rule.regex.fullmatch(line)):
            found.append(rule.index)
            break
    if not found:
        return None
    return rules[min(found)]


def line_kind(line: str) -> str | None:
    """The boilerplate kind the patterns give a line on their own (no context), or None."""
    rule = match_rule(line)
    return rule.kind if rule else None


@cache
def section_heads() -> re.Pattern[str]:
    rows = lexicons.load("boilerplate_section_heads")
    return re.compile(r"\W*(?:" + "|".join(row["pattern"] for row in rows) + r")\W*", re.IGNORECASE)


# Separators between two section names on one line ("World / Middle East", "Sport > Football").
_SECTION_SEPARATOR = r"\s*[/>›»|:–—-]\s*"


@cache
def section_labels() -> re.Pattern[str]:
    """One section name of lexicons/boilerplate_section_labels.tsv, or two joined by a separator,
    as a whole line (surrounding punctuation and symbols allowed; "&" and "and" alike)."""
    names = sorted((row["term"] for row in lexicons.load("boilerplate_section_labels")), key=len, reverse=True)
    name = "|".join(re.escape(n).replace("\\&", "(?:&|and)").replace("\\ ", r"\s+") for n in names)
    return re.compile(rf"\W*(?:{name})(?:{_SECTION_SEPARATOR}(?:{name}))?\W*", re.IGNORECASE)
