"""Known spinner outputs: the curated context patterns of analyzer/lexicons/spin_known_phrases.tsv,
such as "japanese Syria" (eastern), "in line with the monitor" (according to), "other halves"
(wives), after the tortured-phrases method of Cabanac et al. (2021). Compiles the rows with cheap
substring tests (required literals, trigger words) that decide which regexes a text needs, and
scans a text for them: evidence of kind 'tortured_phrase' with the news wording as suggestion.
"""

from __future__ import annotations

import re
from functools import cache

from analyzer import lexicons
from analyzer.article import Evidence, read_as_shown
from analyzer.scan import Needles, match_width, matches_around
from analyzer.text import Overlaps

# The evidence of both spin detectors (this one and analyzer.spinning's learned one).
SIGNAL = "translation"
KIND = "tortured_phrase"

_GROUP_RE = re.compile(r"\([^()]*\)")
_LITERAL_RE = re.compile(r"[A-Za-z]{4,}")
_OPTIONAL_RE = re.compile(r"\\[A-Za-z]|[A-Za-z][?*{]")


def _trigger(pattern: str) -> str:
    """A lower-case word every match must contain (text outside any group), or '' if none."""
    bare = pattern
    while True:
        stripped = _GROUP_RE.sub(" ", bare)
        if stripped == bare:
            break
        bare = stripped
    words = _LITERAL_RE.findall(_OPTIONAL_RE.sub(" ", bare))
    return max(words, key=len).lower() if words else ""


_SPAN_GROUP_RE = re.compile(r"\(\?P<span>([A-Za-z |]+)\)")


def _triggers(pattern: str) -> tuple[str, ...]:
    """Lower-case strings one of which every match contains; () when none is known.

    The word outside any group (_trigger); failing that, the alternatives of a plain-literal
    `span` group ("(?P<span>through|thru)"): the regexes without a trigger cost most of the scan.
    """
    trigger = _trigger(pattern)
    if trigger:
        return (trigger,)
    m = _SPAN_GROUP_RE.search(pattern)
    if m is None:
        return ()
    alternatives = tuple(a.lower() for a in m.group(1).split("|"))
    return alternatives if all(alternatives) else ()


_ESCAPE_RE = re.compile(r"\\.")
_CLASS_RE = re.compile(r"\[[^\]]*\]")
_QUANTIFIED_RE = re.compile(r".[?*+{]")
_RUN_RE = re.compile(r"[A-Za-z ]+")
# A literal run must be this long to be worth a substring test (shorter ones are in every text).
MIN_REQUIRED_CHARS = 4


def _required(pattern: str) -> tuple[str, ...]:
    """Lower-case literal strings every match contains (outside groups, classes, escapes and
    quantified characters, e.g. "more or less"); () when the pattern has a top-level alternative
    or verbose flag. Stricter than the trigger word: "more" alone is in most articles."""
    if "(?x" in pattern:
        return ()
    bare = _CLASS_RE.sub("\0", _ESCAPE_RE.sub("\0", pattern))
    while True:
        stripped = _GROUP_RE.sub("\0", bare)
        if stripped == bare:
            break
        bare = stripped
    if "|" in bare:
        return ()
    bare = _QUANTIFIED_RE.sub("\0", bare)
    runs = (r.strip().lower() for r in _RUN_RE.findall(bare))
    return tuple(r for r in runs if len(r) >= MIN_REQUIRED_CHARS)


@cache
def _known() -> tuple[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str], str], ...]:
    """(required, triggers, pattern, suggestion): cheap substring tests run before the regex,
    all of `required` and one of `triggers` (when given) must occur in the lower-cased text."""
    out = []
    for row in lexicons.load("spin_known_phrases"):
        flags = re.IGNORECASE if row["case"] == "ci" else 0
        out.append((_required(row["pattern"]), _triggers(row["pattern"]), re.compile(row["pattern"], flags),
                    row["suggestion"]))
    return tuple(out)


@cache
def _known_widths() -> tuple[int, ...]:
    """match_width of each _known() pattern, in the same order."""
    return tuple(match_width(pattern) for _, _, pattern, _ in _known())


@cache
def _trigger_users() -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...], tuple[int, ...]]:
    """(distinct triggers of the _known() patterns, the patterns listing each, the patterns
    without triggers), patterns by their index."""
    known = _known()
    distinct = tuple(dict.fromkeys(t for _, triggers, _, _ in known for t in triggers))
    users = tuple(tuple(i for i, (_, triggers, _, _) in enumerate(known) if t in triggers) for t in distinct)
    return distinct, users, tuple(i for i, (_, triggers, _, _) in enumerate(known) if not triggers)


@cache
def _trigger_index() -> dict[str, int]:
    """Trigger -> its index in _trigger_users()[0] (and _trigger_needles())."""
    return {t: i for i, t in enumerate(_trigger_users()[0])}


@cache
def _trigger_needles() -> Needles:
    """The distinct triggers of _trigger_users(), found in one pass over a text."""
    return Needles(_trigger_users()[0])


def match_case(original: str, suggestion: str) -> str:
    """The suggestion capitalised like the flagged words (both detectors' suggestions)."""
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def known_evidence(text: str, *, shown: bool = False) -> list[Evidence]:
    """Matches of the known spinner outputs in text, first row first, none overlapping another;
    read across invisible characters ("japa\xadnese Syria"). `shown`: text is already a reading
    view's text (the translation signal's), which must not be read as shown again: "&amp;shy;"
    shows as "&shy;", not as nothing."""
    return _known_evidence(text) if shown else read_as_shown(_known_evidence, text)


def _known_evidence(text: str) -> list[Evidence]:
    evidence: list[Evidence] = []
    taken = Overlaps()  # the spans flagged so far (a phrase matched inside one is not flagged again)
    lowered = text.lower()
    known, widths = _known(), _known_widths()
    _, users, untriggered = _trigger_users()
    # The patterns with a trigger in the text (or none to test): the distinct triggers are found
    # in one pass, instead of a Python loop over every pattern; with where they start, which the
    # regexes are then tried near (scan.matches_around): a str.find pass per trigger and pattern
    # cost 0.03-0.06 ms an article more (bbc_dev.jsonl, 2026-11-23).
    occurrences = _trigger_needles().found_at(lowered)
    chosen = set(untriggered)
    for found in occurrences:
        chosen.update(users[found])
    index_of = _trigger_index()
    near = len(lowered) == len(text)  # positions in `lowered` are those of `text` (not so after "İ")
    for i in sorted(chosen):
        (required, triggers, pattern, suggestion), width = known[i], widths[i]
        # map() over the bound method: no generator frame per pattern.
        if required and not all(map(lowered.__contains__, required)):
            continue
        # finditer_near, with the occurrences already found.
        matches = None
        if triggers and width and near:
            matches = matches_around(pattern, text, [(len(t), occurrences.get(index_of[t], ())) for t in triggers],
                                     width)
        for m in pattern.finditer(text) if matches is None else matches:
            start, end = m.span("span") if "span" in pattern.groupindex else m.span()
            if start == end or taken.overlaps(start, end):
                continue
            taken.add(start, end)
            evidence.append(
                Evidence.at(
                    text, start, end, signal=SIGNAL, kind=KIND,
                    suggestion=match_case(text[start:end], suggestion),
                    reason=f"Spinner-style synonym swap; news copy would say '{suggestion}'.",
                )
            )
    return evidence

