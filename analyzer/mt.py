"""Machine-translation artifacts in English text, and a cheap stylometric profile.

`find_mt(text)` returns evidence spans (signal "translation") for artifacts that machine
translation from another language leaves in English news copy:

- `mt_calque`: a word-for-word rendering of a fixed English phrase ("Photo of the file" for
  *File photo*), from the lexicon translation_artifacts.tsv;
- `foreign_acronym`: a foreign acronym for an English name, from the lexicon ("OTAN", "EI") or,
  generically, an all-capitals token that is no English word but spells a known English
  acronym backwards ("FDS" for SDF: Romance languages put the adjective after the noun);
- `gendered_pronoun`: a collective noun taken up by "she"/"her" ("the coalition said she");
- `conditional_hearsay`: the Romance "journalistic conditional" rendered as "would be + past
  participle" in a sentence that reports no speech ("militants would be based in Iraq");
- `article_name`: "the IS" used as a bare noun (Romance "l'EI");
- `stray_space`: a space before . , ; : ! ? or inside a closing quote;
- `foreign_number`: a decimal comma ("7,7 million") or a thousands dot ("15.500");
- `broken_sentence`: a full stop followed by a lower-case conjunction ("Kingdom. and which");
- `untranslated_text`: source-script characters left in the English output (Chinese/Japanese/
  Korean characters, kana, full-width forms, CJK brackets such as 「」【】・): MT copies what it
  cannot translate (11 of 81 machine ja-en documents in mt/wmt_dev_docs.jsonl, 0 of 81 human).

`style_features(text)` gives language-independent figures (function-word rates, sentence-length
spread, lexical diversity, word rarity, punctuation habits) for the document model.
Everything uses precompiled regexes and cached lexicons: no per-article heavy work.
"""

from __future__ import annotations

import math
import re
import threading
from functools import cache
from itertools import count, repeat

import numpy as np

from analyzer import lexicons
from analyzer.article import Evidence
from analyzer.scan import match_width, matches_from, matches_near
from analyzer.text import joined_runs

SIGNAL = "translation"

MT_KINDS = ("mt_calque", "foreign_acronym", "gendered_pronoun", "conditional_hearsay", "article_name",
            "stray_space", "foreign_number", "broken_sentence", "untranslated_text")

# A reversed-acronym candidate must not be an English word at least this frequent (wordfreq
# Zipf 3.0 = once per million words): "WON" would otherwise reverse NOW.
MAX_ACRONYM_WORD_ZIPF = 3.0
# Words between a collective noun and "she" (one clause, measured on seed 001 and BBC dev copy).
MAX_PRONOUN_GAP_CHARS = 90
# A word counts as rare below this wordfreq Zipf frequency (about once per 10 million words).
RARE_ZIPF = 2.0
# Window (words) of the moving-average type/token ratio: length-independent lexical diversity
# (Covington & McFall 2010, "Cutting the Gordian knot: the moving-average type-token ratio").
MATTR_WINDOW = 50
# A second, shorter window for mattr25: repetition inside a sentence (mean BBC sentence: 21 words).
MATTR_SHORT_WINDOW = 25
# MATTR is averaged over this many evenly spaced windows rather than all of them (speed).
MATTR_SAMPLES = 12

# Patterns start with a character class, not \b or a look-behind: Python's re then skips ahead
# with a fast prefix scan (3-5x faster on BBC dev copy); the boundary is checked in code.
_ACRONYM_RE = re.compile(r"[A-Z]{3,6}\b")

# "she" as the subject of what an organisation reports ("the coalition ... said that she was").
_PRONOUN_RE = re.compile(
    r"\b(?:said|says|stated|announced|added|indicated|explained|declared|affirmed|assured|estimated|"
    r"warned|reported|confirmed|insisted|noted|stressed|considered|believed|hoped|expected)(?: that)? "
    r"(?P<p>she)\b"
)
# "would be/have been + participle" (hearsay conditional); the participle is a regular -ed/-en
# form or one of the adjectives/irregulars the conditional takes in news copy.
# Only states and events that wire copy reports as unconfirmed (location, death, responsibility):
# "would be ferried/used" is a plan, not hearsay (false flags on BBC dev copy with any participle).
_HEARSAY_RE = re.compile(
    r"\b(?P<aux>would) (?P<be>be|have been)\s+(?:(?:still|now|also|already|currently) )?"
    r"(?P<part>based|located|hiding|hidden|holed up|held|detained|present|dead|killed|injured|wounded|"
    r"responsible|behind|among|involved|stationed|deployed|in hiding|in custody)\b"
)
# Clues that "would" is reported speech, a real conditional or a future-in-the-past.
_HEARSAY_GUARD_RE = re.compile(
    r"\b(?:if|unless|otherwise|said|says|say|told|tell|warned|announced|added|believe[sd]?|thinks?|thought|"
    r"expect(?:s|ed)?|hope[sd]?|promised|agreed|decided|plan(?:s|ned)?|claimed|insisted|argued|"
    r"suggested|wanted|wished|feared|knew|know|whether|when|until|once|so that|meaning|ensure|"
    r"predicted|estimated|proposed|confirmed|stated|indicated|reported|announce[sd]?|that)\b",
    re.IGNORECASE,
)
# "the IS" + verb/adverb/function word/punctuation (with a noun after it, "the IS group" is fine).
_ARTICLE_NAME_TAIL_RE = re.compile(
    r"\s*(?:[,.;:!?)]|(?:no|not|still|also|already|now|has|had|have|is|was|were|are|will|would|could|"
    r"can|may|might|controls?|of|in|on|at|from|and|or|who|which|that|to|as|with|for|by)\b|[a-z]+ed\b)"
)
# Space before punctuation, not an ellipsis, not a list dash, not ":)" smileys.
_STRAY_SPACE_RE = re.compile(r" (?P<p>[.,;:!?])(?=\s|$|[\"”])")
_STRAY_SPACE_LITERALS = tuple(f" {p}" for p in ".,;:!?")  # one starts every match
_STRAY_SPACE_AFTER = frozenset('"”’)]')
_SPACED_ELLIPSIS_RE = re.compile(r" ?\.")
# A closing quote with a space before it at the end of a line, or glued to the next word.
_QUOTE_SPACE_RE = re.compile(r"[.,!?] (?P<q>[\"”])(?=[ \t]*$|[a-z])", re.MULTILINE)
_QUOTE_SPACE_LITERALS = (' "', " ”")  # one follows the first character of every match
# Decimal comma with a unit ("7,7 million", "3,5%", "2,5 percent"): English uses a point.
_DECIMAL_COMMA_RE = re.compile(
    r"(?P<i>\d{1,3}),(?P<f>\d{1,2})(?=\s?(?:%|per ?cent|percent|million|billion|trillion|"
    r"km|kilomet|metres|meters|tonnes|degrees|euros?|dollars|points)\b|\s?%)",
    re.IGNORECASE,
)
# Thousands dot ("15.500", "1.200.000"); a lone group of three decimals after a non-zero integer
# part is almost never a real decimal in news copy.
# Followed by a scale word or a rate it is an English decimal ("4.464 million", "43.305 per
# dollar": BBC dev copy), so those are skipped.
_THOUSANDS_DOT_RE = re.compile(
    r"(?P<n>[1-9]\d{0,2}(?:\.\d{3})+)(?!\d|[.,]\d)"
    r"(?!\s*(?:million|billion|trillion|bn|mn|m\b|per\b|%|percent|pc\b|points?|euros? (?:per|to|against)|"
    r"to the|against|a share|cents|pence|p\b))",
    re.IGNORECASE,
)
# Source-script leftovers: CJK punctuation (U+3000-303F), kana (U+3040-30FF), CJK ideographs
# (U+3400-9FFF), Hangul (U+AC00-D7AF) and full-width forms (U+FF00-FFEF). Cyrillic and Greek are
# left out: English news quotes them on purpose (names, slogans).
_UNTRANSLATED_RE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]+")
# A full stop followed by a lower-case conjunction: two MT segments glued back together.
_BROKEN_SENTENCE_RE = re.compile(r"\. (?P<w>and|which|but|or|who|whose|where)\b")


@cache
def _phrase_matchers() -> tuple[tuple[str, bool, re.Pattern[str], str, str], ...]:
    """(needle, case_sensitive, pattern, suggestion, kind) per lexicon row.

    The needle is a plain substring tested first (C speed); the regex only runs on a hit. One big
    alternation was 4x slower: Python's re does not turn alternations into a trie.
    """
    out = []
    for row in lexicons.load("translation_artifacts"):
        phrase, kind = row["phrase"], row["kind"]
        if kind not in MT_KINDS:
            continue
        if kind == "foreign_acronym":
            # Acronyms are case-sensitive ("EI" but not "ei"); "EE.UU." ends in a dot.
            pattern = re.compile(rf"(?<![\w.]){re.escape(phrase)}(?![\w-])")
            out.append((phrase, True, pattern, row["suggestion"], kind))
        else:
            # Captions may be glued to the next line's text ("Legend of the mediaRicardo").
            pattern = re.compile(rf"(?<!\w){re.escape(phrase)}", re.IGNORECASE)
            out.append((phrase.lower(), False, pattern, row["suggestion"], kind))
    return tuple(out)


@cache
def _acronym_tables() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    english = frozenset(row["acronym"] for row in lexicons.load("mt_english_acronyms"))
    # Keyed by the reversed letters: "Forces démocratiques syriennes" gives FDS for SDF. (Any
    # reordering was tried and rejected: "CBE" reorders ECB; BBC dev copy.)
    by_letters = {acronym[::-1]: acronym for acronym in english if len(acronym) >= 3}
    listed = frozenset(row["phrase"] for row in lexicons.load("translation_artifacts"))
    return english, by_letters, listed


@cache
def _collective_re() -> re.Pattern[str]:
    nouns = sorted(lexicons.terms("mt_collective_nouns"), key=len, reverse=True)
    return re.compile(rf"\b(?:the|The)(?: [\w-]+){{0,3}} (?:{'|'.join(map(re.escape, nouns))})\b")


@cache
def _person_re() -> re.Pattern[str]:
    nouns = sorted({row["term"] for row in lexicons.load("mt_person_nouns")}, key=len, reverse=True)
    # A person noun, a title, or a personal name (two capitalised words) blocks the pronoun link.
    words = "|".join(map(re.escape, nouns))
    return re.compile(rf"\b(?i:{words})\b|\b[A-Z][a-z]+ [A-Z][a-z]+\b")


@cache
def _articleless_re() -> re.Pattern[str]:
    names = sorted({row["term"] for row in lexicons.load("mt_articleless_names")}, key=len, reverse=True)
    return re.compile(rf"[Tt]he (?P<name>{'|'.join(map(re.escape, names))})\b(?![-'’])")


def _zipf_lower(word: str) -> float:
    return lexicons.zipf(word)


def _zipf(word: str) -> float:
    return _zipf_lower(word.lower())


def _ev(text: str, start: int, end: int, kind: str, reason: str, suggestion: str | None) -> Evidence:
    return Evidence.at(text, start, end, signal=SIGNAL, kind=kind, reason=reason, suggestion=suggestion)


# A listed acronym of ASCII capitals only occurs inside a run of capitals of the text: the text as
# ASCII bytes (anything else a '?') with every other byte a space holds those runs, one byte per
# character (bytes.translate: C speed, where a regex scan of the text cost as much as the 28
# substring tests it saves). Both acronym scans read it.
_CAPITALS_ONLY_RE = re.compile(r"[A-Z]+")
_CAPITAL_BYTES = bytes(c if ord("A") <= c <= ord("Z") else ord(" ") for c in range(256))


def _capitals(text: str) -> bytes:
    return text.encode("ascii", "replace").translate(_CAPITAL_BYTES)

_Plan = tuple[tuple[str, "_Plan | int"], ...]


def _prefix_plan(needles: list[tuple[int, str]], words: int = 1) -> _Plan:
    """Needles (row, lower-case phrase) grouped by their first `words` words: (needle, row) for a
    needle alone in its group, (the group's prefix with the space after it, plan of the group)
    else. A needle occurs only where its prefix does, so a group is tested once where its prefix
    is absent (most groups in most texts)."""
    groups: dict[tuple[bool, str], list[tuple[int, str]]] = {}  # (a prefix?, the prefix or needle)
    for row, needle in needles:
        parts = needle.split(" ")
        key = (True, " ".join(parts[:words]) + " ") if len(parts) > words else (False, needle)
        groups.setdefault(key, []).append((row, needle))
    plan: list[tuple[str, _Plan | int]] = []
    for (is_prefix, prefix), members in groups.items():
        if is_prefix and len(members) > 1:
            plan.append((prefix, _prefix_plan(members, words + 1)))
        else:
            plan += [(needle, row) for row, needle in members]  # (a needle listed twice: each row)
    return tuple(plan)


@cache
def _phrase_plan() -> tuple[_Plan, tuple[tuple[bytes, int], ...], tuple[tuple[str, int], ...]]:
    """(_prefix_plan of the lower-case needles, case-sensitive needles of capitals only, the other
    case-sensitive needles), each with its row in _phrase_matchers()."""
    rows = list(enumerate(_phrase_matchers()))
    capitals = tuple((m[0].encode("ascii"), i) for i, m in rows if m[1] and _CAPITALS_ONLY_RE.fullmatch(m[0]))
    others = tuple((m[0], i) for i, m in rows if m[1] and not _CAPITALS_ONLY_RE.fullmatch(m[0]))
    return _prefix_plan([(i, m[0]) for i, m in rows if not m[1]]), capitals, others


def _planned_rows(plan: _Plan, lowered: str, out: list[int]) -> None:
    for needle, then in plan:
        if needle in lowered:
            if isinstance(then, int):
                out.append(then)
            else:
                _planned_rows(then, lowered, out)


def _phrase_rows(text: str, lowered: str, capitals: bytes | None = None) -> list[int]:
    """The rows of _phrase_matchers() whose needle occurs (in `lowered`, text.lower(), for the
    case-insensitive ones), in lexicon order.

    Each substring test scans the text (80 of them took 0.12 ms an article on bbc_dev.jsonl, 0.08
    now): groups of phrases are skipped on their common first words, and the acronyms are looked
    for in the text's runs of capitals only (`capitals`: _capitals(text), when the caller has it)."""
    plan, acronyms, others = _phrase_plan()
    hits: list[int] = []
    _planned_rows(plan, lowered, hits)
    runs = b" ".join((_capitals(text) if capitals is None else capitals).split())
    hits += [row for needle, row in acronyms if needle in runs]
    hits += [row for needle, row in others if needle in text]
    return sorted(hits)


def _phrases(text: str, capitals: bytes | None = None) -> list[Evidence]:
    out = []
    matchers = _phrase_matchers()
    for row in _phrase_rows(text, text.lower(), capitals):
        _, _, pattern, suggestion, kind = matchers[row]
        for m in pattern.finditer(text):
            if kind == "foreign_acronym":
                reason = f"'{m.group()}' is the foreign-language acronym for '{suggestion}'."
            else:
                reason = f"Word-for-word translation of the English phrase '{suggestion}'."
            out.append(_ev(text, m.start(), m.end(), kind, reason, suggestion))
    return out


MIN_ACRONYM_LETTERS = 3  # of _ACRONYM_RE
# Every capital of _capitals() as "A": runs of capitals are then found with bytes.find.
_CAPITAL_MARKS = bytes(ord("A") if ord("A") <= c <= ord("Z") else c for c in range(256))


def _acronym_matches(text: str, capitals: bytes | None = None) -> list[re.Match[str]]:
    """list(_ACRONYM_RE.finditer(text)): the regex tried only where MIN_ACRONYM_LETTERS capitals
    or more follow (runs found in `capitals`, _capitals(text)), left to right, going on after each
    match's end (the attempts of finditer that can succeed: a match is capitals only). Half the
    articles have no such run; scanning for the regex's first character class took 0.04 ms an
    article (bbc_dev.jsonl), as does a bytes regex for the runs: bytes.find skips ahead in C."""
    marks = (_capitals(text) if capitals is None else capitals).translate(_CAPITAL_MARKS)
    run = b"A" * MIN_ACRONYM_LETTERS
    starts: list[int] = []
    at = marks.find(run)
    while at >= 0:
        run_end = marks.find(b" ", at)
        if run_end < 0:
            run_end = len(marks)
        starts += range(at, run_end - MIN_ACRONYM_LETTERS + 1)
        at = marks.find(run, run_end)
    return matches_from(_ACRONYM_RE, text, starts)


def _reordered_acronyms(text: str, capitals: bytes | None = None) -> list[Evidence]:
    english, by_letters, listed = _acronym_tables()
    out = []
    for m in _acronym_matches(text, capitals):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        token = m.group()
        if token in english or token in listed:
            continue
        target = by_letters.get(token)
        if target is None or _zipf(token) >= MAX_ACRONYM_WORD_ZIPF:
            continue
        out.append(_ev(text, m.start(), m.end(), "foreign_acronym",
                       f"'{token}' is the English acronym '{target}' in reverse order, as a "
                       "Romance-language acronym puts it.", target))
    return out


def _matches_at(pattern: re.Pattern[str], text: str, literals: tuple[str, ...], offset: int = 0) -> list[re.Match[str]]:
    """list(pattern.finditer(text)) for a pattern whose every match holds one of `literals`
    `offset` characters after its start (and looks at nothing before its start but through \\b):
    pattern.match there only, left to right, going on after each match's end, which are the
    attempts of finditer that can succeed. str.find skips ahead to a literal at C speed, where the
    regex scan tries every position (a \\b, a character class or a common character first)."""
    starts = set()
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            if at >= offset:
                starts.add(at - offset)
            at = text.find(literal, at + 1)
    return matches_from(pattern, text, starts)


def _pronoun_matches(text: str) -> list[re.Match[str]]:
    """list(_PRONOUN_RE.finditer(text)), the regex tried only near the occurrences of "she"
    (scan.matches_near; a whole-text scan when they are too many)."""
    found = matches_near(_PRONOUN_RE, text, text, ("she",), _pronoun_width())
    return list(_PRONOUN_RE.finditer(text)) if found is None else found


@cache
def _pronoun_width() -> int:
    """Longest _PRONOUN_RE match (0: unknown, the whole text is scanned)."""
    return match_width(_PRONOUN_RE)


def _gendered_pronouns(text: str) -> list[Evidence]:
    out: list[Evidence] = []
    if "she" not in text:  # every match holds it; absent from 2/3 of bbc_dev.jsonl: 2.4x cheaper
        return out
    collective = _collective_re()
    person = _person_re()
    for m in _pronoun_matches(text):
        window_start = max(0, m.start() - MAX_PRONOUN_GAP_CHARS)
        window = text[window_start:m.start()]
        # Stay inside the sentence and outside quotations: cut at the last sentence end or quote.
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "),
                  window.rfind('"'), window.rfind("”"), window.rfind("“"))
        if cut >= 0:
            window = window[cut + 1:]
        nouns = list(collective.finditer(window))
        if not nouns:
            continue
        between = window[nouns[-1].end():]
        if person.search(nouns[-1].group()) or person.search(between):
            continue
        out.append(_ev(text, m.start("p"), m.end("p"), "gendered_pronoun",
                       f"'she' refers to an organisation ('{nouns[-1].group()}'): English uses 'it'; "
                       "the gendered pronoun is carried over from the source language.", "it"))
    return out


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos),
                text.rfind("! ", 0, pos))
    start = 0 if start < 0 else start + 1
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return start, (min(ends) if ends else len(text))


def _hearsay(text: str) -> list[Evidence]:
    out: list[Evidence] = []
    if "would " not in text:  # every match holds it; half of bbc_dev.jsonl articles do not
        return out
    for m in _matches_at(_HEARSAY_RE, text, ("would",)):
        start, end = _sentence_bounds(text, m.start())
        if _HEARSAY_GUARD_RE.search(text, start, end):
            continue
        # Quoted speech keeps its own tenses.
        opened = text.count("“", start, m.start()) > text.count("”", start, m.start())
        if text.count('"', start, m.start()) % 2 or opened:
            continue
        suggestion = "are believed to have been" if m.group("be") == "have been" else "are believed to be"
        span_end = m.start("part")
        out.append(_ev(text, m.start(), span_end - 1, "conditional_hearsay",
                       "The conditional used to report unconfirmed facts is a French/Spanish/Italian "
                       "construction; English says 'are believed to' or 'reportedly'.", suggestion))
    return out


def _article_name_matches(text: str) -> list[re.Match[str]]:
    """list(_articleless_re().finditer(text)), the regex tried only near the names it lists
    (scan.matches_near; a whole-text scan when they occur too often)."""
    pattern, triggers, width = _articleless_triggers()
    found = matches_near(pattern, text, text, triggers, width)
    return list(pattern.finditer(text)) if found is None else found


@cache
def _articleless_triggers() -> tuple[re.Pattern[str], tuple[str, ...], int]:
    """(_articleless_re(), the names no other name holds (every match holds one: "IS" for ISIS
    and ISIL), its longest match or 0)."""
    names = {row["term"] for row in lexicons.load("mt_articleless_names")}
    triggers = tuple(sorted(n for n in names if not any(o != n and o in n for o in names)))
    return _articleless_re(), triggers, match_width(_articleless_re())


def _article_names(text: str) -> list[Evidence]:
    out = []
    for m in _article_name_matches(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        if not _ARTICLE_NAME_TAIL_RE.match(text, m.end()):
            continue
        out.append(_ev(text, m.start(), m.end(), "article_name",
                       f"English news writes '{m.group('name')}' without an article when it stands "
                       "alone; 'the' is carried over from the source language.", m.group("name")))
    return out


def _spacing(text: str) -> list[Evidence]:
    out = []
    for m in _matches_at(_STRAY_SPACE_RE, text, _STRAY_SPACE_LITERALS):
        start = m.start("p") - 1
        before = text[start - 1] if start else " "
        if not (before.isalnum() or before in _STRAY_SPACE_AFTER):
            continue
        # A spaced ellipsis (". . .", AP and Chicago style) starts with a space before a period.
        if m.group("p") == "." and _SPACED_ELLIPSIS_RE.match(text, m.end("p")):
            continue
        # French typography puts a space before ; : ! ? - in English copy it is an artifact too,
        # but a spaced dash or an ellipsis " ..." is not matched by the pattern above.
        out.append(_ev(text, start, m.end("p"), "stray_space",
                       "A space before punctuation is a machine-translation or re-typesetting artifact.",
                       m.group("p")))
    for m in _matches_at(_QUOTE_SPACE_RE, text, _QUOTE_SPACE_LITERALS, 1):
        # Only a closing quote (odd number of straight quotes before it on its line) is wrong.
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.group("q") == '"' and text.count('"', line_start, m.start("q")) % 2 == 0:
            continue
        out.append(_ev(text, m.start("q") - 1, m.end("q"), "stray_space",
                       "A space inside a closing quotation mark is a machine-translation artifact.",
                       m.group("q")))
    return out


# Every _DECIMAL_COMMA_RE match has a comma before a digit 1 to 3 characters after its start, every
# _THOUSANDS_DOT_RE match a dot before three digits 1 to 3 characters after its start.
_COMMA_DIGIT_RE = re.compile(r",(?=\d)")
_DOT_DIGITS_RE = re.compile(r"\.(?=\d{3})")
MAX_DIGITS_BEFORE_SEPARATOR = 3


def _matches_before(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """list(pattern.finditer(text)) for a pattern whose matches (never empty, nothing looked at
    before their start) each hold an `anchor` match 1 to MAX_DIGITS_BEFORE_SEPARATOR characters
    after their start: pattern.match is tried there only, left to right, going on after each
    match's end, which are the attempts of finditer that can succeed. Both number patterns start
    with a digit class, which Python's re cannot skip ahead to: they took 0.06 ms an article on
    bbc_dev.jsonl, where separators before digits are few (a literal the anchor scan skips to).
    """
    starts = {start for m in anchor.finditer(text)
              for start in range(max(0, m.start() - MAX_DIGITS_BEFORE_SEPARATOR), m.start())}
    return matches_from(pattern, text, starts)


def _numbers(text: str) -> list[Evidence]:
    out = []
    for m in _matches_before(_DECIMAL_COMMA_RE, _COMMA_DIGIT_RE, text):
        if m.start() and (text[m.start() - 1] in ",." or text[m.start() - 1].isalnum()):
            continue
        out.append(_ev(text, m.start(), m.end(), "foreign_number",
                       "A decimal comma is a continental European number format; English uses a point.",
                       f"{m.group('i')}.{m.group('f')}"))
    for m in _matches_before(_THOUSANDS_DOT_RE, _DOT_DIGITS_RE, text):
        if m.start() and (text[m.start() - 1] in ".,$€£" or text[m.start() - 1].isalnum()):
            continue
        value = m.group("n")
        out.append(_ev(text, m.start(), m.end(), "foreign_number",
                       "A dot as thousands separator is a continental European number format; "
                       "English uses a comma.", value.replace(".", ",")))
    return out


def _broken_sentences(text: str) -> list[Evidence]:
    out = []
    for m in _BROKEN_SENTENCE_RE.finditer(text):
        if m.start() < 3 or not text[m.start() - 3:m.start()].isalpha() or not text[m.start() - 3:m.start()].islower():
            continue
        # "etc. and", "Inc. and", "U.S. and" are abbreviations, not glued segments.
        word_start = m.start()
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        if text[word_start:m.start()].lower() in {"etc", "inc", "ltd", "corp", "bros", "jr", "sr", "co"}:
            continue
        out.append(_ev(text, m.start(), m.start() + 1, "broken_sentence",
                       "A full stop before a lower-case conjunction: the sentence was cut in two "
                       "(a machine-translation segmentation artifact).", ","))
    return out


def _untranslated(text: str) -> list[Evidence]:
    if text.isascii():
        return []
    return [_ev(text, m.start(), m.end(), "untranslated_text",
                "Characters of the source language's script left in the English text: machine "
                "translation copies what it cannot translate.", None)
            for m in _UNTRANSLATED_RE.finditer(text)]


def find_mt(text: str) -> list[Evidence]:
    """Machine-translation artifacts in `text`, one evidence span each, without overlaps."""
    capitals = _capitals(text)
    found = (_phrases(text, capitals) + _reordered_acronyms(text, capitals) + _gendered_pronouns(text) + _hearsay(text)
             + _article_names(text) + _spacing(text) + _numbers(text) + _broken_sentences(text)
             + _untranslated(text))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Evidence] = []
    for ev in found:
        if kept and ev.start < kept[-1].end:
            continue  # overlapping matches: keep the first, longest one
        kept.append(ev)
    return kept


# --- stylometry ------------------------------------------------------------------------------

STYLE_FEATURES: tuple[str, ...] = (
    "function_words",   # share of tokens that are function words (mt_function_words.tsv)
    "fw_the",           # rate of "the" (literal translation keeps source determiners)
    "fw_of",            # rate of "of" (genitive chains)
    "fw_and",           # rate of "and" (MT keeps the source's coordination; translators restructure)
    "fw_is",
    "pronoun_rate",     # personal pronouns per word (translators resolve references to pronouns)
    "they_rate",        # they/their/them per word
    "mattr",            # moving-average type/token ratio (window 50): MT has lower lexical diversity
    "mean_zipf",        # mean wordfreq Zipf frequency of words: MT prefers common words
    "rare_share",       # share of words below RARE_ZIPF (incl. typos: humans make them, MT does not)
    "bigram_logmean",   # mean log10 Google Books count of adjacent word pairs: MT is predictable
    "bigram_share",     # share of adjacent word pairs found among common Google Books bigrams
    "bigram_back",      # mean log10 count(w1 w2) - Zipf(w2): how expected the word before is
    "sent_len_mean",    # words per sentence
    "sent_len_cv",      # coefficient of variation of sentence length (MT: more uniform)
    "word_len",         # characters per word
    "comma_rate",       # commas per word
    "semicolon_rate",   # semicolons per word (human translators join clauses; MT keeps segments)
    "ing_rate",         # words in -ing of 6+ letters per word: human translators restructure clauses
                        # into participles, MT keeps the source's finite clauses (paired win rate of
                        # MT 0.40 / 0.22 / 0.42 on de-en / ja-en / zh-en, mt/ WMT 2021 dev sets)
    "nominal_rate",     # nominalisations (-tion/-ment/-ness/-ity) per word: MT renders source nouns as
                        # nouns (win rate 0.57 / 0.56 / 0.61, same sets)
    "typography",       # (typographic - straight) / (both + 1) over quotes and apostrophes
    # Added 2026-11-22: cues on which native news > human translation > machine translation in all
    # three WMT pairs (so the native rows and the translations pull the same way); the four
    # together: leave-one-pair-out 0.811 -> 0.829, ja-en 0.722 -> 0.739 (mt/ WMT 2021 dev sets).
    "contraction_rate", # contractions (don't, it's, they're) per word: native writers use them,
                        # translations rarely (Baker 1993 "normalisation"); MT least of all
    "phrasal_rate",     # content word + adverbial particle (set up, ruled out) per word: phrasal verbs
                        # have no one-word source, so translations, MT most, prefer Latinate verbs
    "mattr25",          # MATTR at window 25 (within-sentence repetition; window 50 is clause-to-clause)
    "which_rate",       # rate of "which": translators build relative clauses, MT keeps source order
)
# Features that describe typesetting rather than wording: MT pipelines normalise punctuation to
# straight ASCII quotes, but whether a human reference uses curly ones depends on the translator's
# tools (WMT 2021: curly in de-en and zh-en references, straight in ja-en). Reported with and
# without by evaluation/eval_translation.py.
TYPOGRAPHY_FEATURES: tuple[str, ...] = ("typography",)

# Google Books log10 count given to a word pair absent from spin_bigrams.tsv: the table lists pairs
# seen at least 6.4 million times (log10 6.8), so an absent one is rarer (same value as
# analyzer.spinning.ABSENT_BIGRAM_LOG10).
ABSENT_BIGRAM_LOG10 = 6.5
# Zipf below which a word counts as unseen for bigram_back (wordfreq gives 0 to unknown words).
MIN_KNOWN_ZIPF = 1.0

# "-ing" words counted by ing_rate have at least this many letters ("thing", "king", "bring" do not).
MIN_ING_LETTERS = 6
# Noun-forming suffixes counted by nominal_rate.
_NOMINAL_SUFFIXES = ("tion", "ment", "ness", "ity")
# Adverbial particles of English phrasal verbs (Quirk et al. 1985, A Comprehensive Grammar of the
# English Language, 16.3); after a content word they mark a phrasal verb ("set up", "ruled out").
PARTICLES = frozenset({"up", "out", "off", "down", "back", "away", "over", "around", "through", "along"})
# Contractions: a word ending in a clitic (n't, 're, 've, 'll, 'm, 'd), or 's after these words, where
# it is "is"/"has"/"us" rather than a possessive.
_CONTRACTION_ENDINGS = ("n't", "'re", "'ve", "'ll", "'m", "'d")
_S_CONTRACTIONS = frozenset({"it's", "that's", "there's", "he's", "she's", "what's", "who's", "here's", "let's"})
# Word classes of _word_info (code): other, "-ing" participle, nominalisation, contraction, particle.
_OTHER, _ING, _NOMINAL, _CONTRACTION, _PARTICLE = 0, 1, 2, 3, 4
_PRONOUNS = ("i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "his", "its",
             "our", "their", "my", "your")
# Words whose counts style_features reads by name.
_COUNTED = frozenset(("the", "of", "and", "is", "which") + _PRONOUNS)
# Typographic marks are mapped to ASCII before any word-level feature, so that only the
# `typography` feature sees them (curly apostrophes would otherwise make "didn’t" an unknown word).
_TYPOGRAPHIC = "’‘“”„«»"
_TO_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                           "–": "-", "—": "-"})
_TO_ASCII_PAIRS = tuple((chr(k), v) for k, v in _TO_ASCII.items())


def _to_ascii(text: str) -> str:
    """text.translate(_TO_ASCII), by one str.replace per mark: 5x faster on bbc_dev.jsonl."""
    for mark, ascii_mark in _TO_ASCII_PAIRS:
        if mark in text:
            text = text.replace(mark, ascii_mark)
    return text

# Stretches of text without punctuation or digits: words inside one stretch are adjacent.
_RUN_BREAK_RE = re.compile(r"[^\w\s']+|[\d_]+")
# The words: the white-space separated tokens of those stretches, stripped of apostrophes ("'"
# inside a word stays); one split gives them with the gaps between them (no per-stretch loop).
_STYLE_WORD_SPLIT_RE = re.compile(r"([^\W\d_']+(?:'+[^\W\d_']+)*)")
# The same split for lower-case ASCII text, where [^\W\d_'] is [a-z]: 1.5x faster (bbc_dev.jsonl).
_ASCII_WORD_SPLIT_RE = re.compile(r"([a-z]+(?:'+[a-z]+)*)")
# [.!?]+(?=\s|$)|\n, written to start with one character class: Python's re then skips ahead
# to the next candidate character (2.5x faster on bbc_dev.jsonl); the same matches.
_SENTENCE_SPLIT_RE = re.compile(r"[.!?\n](?:(?<=\n)|[.!?]*(?=\s|$))")


@cache
def _function_words() -> frozenset[str]:
    return lexicons.terms("mt_function_words")


# Per lower-case word: (Zipf frequency, word class (_OTHER, _ING, _NOMINAL, _CONTRACTION,
# _PARTICLE) for the rate features, the word's id in the spinning detector's bigram table (-1 if
# absent), str.isalpha, whether it is a function word): _word_info, memoised by _WordTable.
_WordInfo = tuple[float, int, int, bool, bool]


def _word_class(word: str) -> int:
    if word in PARTICLES:
        return _PARTICLE
    if "'" in word and (word.endswith(_CONTRACTION_ENDINGS) or word in _S_CONTRACTIONS):
        return _CONTRACTION
    if len(word) >= MIN_ING_LETTERS and word.endswith("ing"):
        return _ING
    return _NOMINAL if word.endswith(_NOMINAL_SUFFIXES) else _OTHER


def _word_info(word: str) -> _WordInfo:
    from analyzer.spinning import _index  # noqa: PLC0415 - shared table

    return (_zipf_lower(word), _word_class(word), _index().vocab.get(word, -1), word.isalpha(),
            word in _function_words())


class _WordTable:
    """_word_info of every word seen so far as one row of five arrays (zipf, code, vid, alpha,
    function), so that a text's distinct words give their arrays by one dict probe each and five
    gathers (a tuple memo plus zip and np.array per text cost 0.1-0.15 ms an article more on
    bbc_dev.jsonl). Bounded like lexicons.zipf (ZIPF_CACHE_WORDS rows), so that memory stays flat
    over an open vocabulary: past the bound a text's new words are looked up each time."""

    def __init__(self) -> None:
        self.row: dict[str, int] = {}
        # Grown by doubling (amortised), so that a text with new words does not copy the table.
        self.columns = (np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                        np.zeros(0, dtype=bool), np.zeros(0, dtype=bool))
        # Writers take the lock (a Dask worker may score in several threads); a row is published in
        # `row` after its values are in `columns`, and a grown copy keeps them, so readers need none.
        self.lock = threading.Lock()

    def arrays(self, words: list[str]) -> tuple[np.ndarray, ...]:
        """(zipf, code, vid, alpha, function) of distinct `words`, in their order."""
        rows = np.fromiter(map(self.row.get, words, repeat(-1)), dtype=np.intp, count=len(words))
        missing = np.flatnonzero(rows < 0).tolist()
        if missing:
            new = [words[i] for i in missing]
            with self.lock:
                if not self._add(new):
                    return _info_arrays([_word_info(w) for w in words])
            rows[missing] = np.fromiter(map(self.row.__getitem__, new), dtype=np.intp, count=len(new))
        columns = self.columns
        return tuple(column[rows] for column in columns)

    def _add(self, words: list[str]) -> bool:
        """Give rows to the words not in the table yet; False (and nothing added) past the bound."""
        new = [w for w in words if w not in self.row]
        start = len(self.row)
        if start + len(new) > lexicons.ZIPF_CACHE_WORDS:
            return False
        if not new:
            return True
        fresh = _info_arrays(list(map(_word_info, new)))
        columns = self.columns
        if start + len(new) > len(columns[0]):
            size = max(2 * len(columns[0]), start + len(new), 1024)
            grown = []
            for column in columns:
                bigger = np.zeros(size, dtype=column.dtype)
                bigger[:start] = column[:start]
                grown.append(bigger)
            columns = tuple(grown)
        for column, values in zip(columns, fresh, strict=True):
            column[start : start + len(new)] = values
        self.columns = columns
        self.row.update(zip(new, range(start, start + len(new)), strict=True))
        return True


def _info_arrays(info: list[_WordInfo]) -> tuple[np.ndarray, ...]:
    """The five _WordTable columns of a list of _word_info tuples."""
    zs, codes, vids, alphas, funcs = zip(*info, strict=True)
    return (np.array(zs, dtype=float), np.array(codes, dtype=np.int64), np.array(vids, dtype=np.int64),
            np.array(alphas, dtype=bool), np.array(funcs, dtype=bool))


_WORDS = _WordTable()


# Bounds of the _GAP_JOINS cache (gaps with numbers are open-ended): entries and gap length.
MAX_GAP_CACHE = 100_000
MAX_CACHED_GAP = 40


class _GapJoins(dict[str, bool]):
    """Whether a gap between two words keeps them adjacent (no punctuation or digit in it), per gap
    string: the gaps repeat (" ", ", ", ". ", "\n"), so a dict probe replaces a regex search; a
    gap not seen yet is searched (and kept, within the bounds) by __missing__, so that a text's
    gaps map straight into np.fromiter."""

    def __missing__(self, gap: str) -> bool:
        joins = _RUN_BREAK_RE.search(gap) is None
        if len(gap) <= MAX_CACHED_GAP and len(self) < MAX_GAP_CACHE:
            self[gap] = joins
        return joins


_GAP_JOINS = _GapJoins({" ": True})


def _gap_joins(gap: str) -> bool:
    return _GAP_JOINS[gap]


# _ascii_words' classes of the bytes of a lower-case ASCII text (bytes.translate tables): letter,
# apostrophe, white space (\s) and the rest, which _RUN_BREAK_RE matches: a gap between two words
# with none of those keeps them adjacent (_GAP_JOINS).
_LETTER, _APOSTROPHE, _SPACE, _BREAK = 0, 1, 2, 3
_BYTE_CLASSES = bytes(
    _LETTER if ord("a") <= c <= ord("z") else _APOSTROPHE if c == ord("'")
    else _SPACE if c < 128 and _RUN_BREAK_RE.search(chr(c)) is None else _BREAK for c in range(256))
# Letters and apostrophes as they are, every other byte a space.
_WORD_BYTES = bytes(c if ord("a") <= c <= ord("z") or c == ord("'") else ord(" ") for c in range(256))


def _ascii_words(lowered: str) -> tuple[list[str], np.ndarray, int]:
    """(words, whether each pair of adjacent words is in one run (_GAP_JOINS of the gap), letters
    in the words) of a lower-case ASCII text without a run of apostrophes (''), by C-level bytes
    passes and numpy.

    The words are _ASCII_WORD_SPLIT_RE's: maximal runs of letters and of apostrophes between two
    letters (a lone apostrophe: the text holds no ''). With every other character a space, an
    apostrophe next to a space is the only one left out. 0.08 ms an article, where re.split, the
    gap look-ups and the word lengths took 0.15 ms (bbc_dev.jsonl); tests/test_mt.py compares both
    on random texts.
    """
    raw = lowered.encode("ascii")
    classes = np.frombuffer(raw.translate(_BYTE_CLASSES), dtype=np.uint8)
    _, starts, ends = joined_runs(classes == _LETTER, classes == _APOSTROPHE)
    spelled = (b" " + raw + b" ").translate(_WORD_BYTES).replace(b" '", b"  ").replace(b"' ", b"  ")
    # Gap i (between words i and i + 1) keeps the pair in one run when no break lies in it.
    breaks = np.flatnonzero(classes == _BREAK)
    same_run = breaks.searchsorted(starts[1:]) == breaks.searchsorted(ends[:-1])
    return spelled.decode("ascii").split(), same_run, len(spelled) - spelled.count(b" ")


class _Breaks(dict[int, bool]):
    """Code point -> whether _RUN_BREAK_RE matches the character (then it is in no word and breaks
    a run, as "?" does); filled on first use, bounded like _GAP_JOINS."""

    def __missing__(self, code: int) -> bool:
        breaks = _RUN_BREAK_RE.search(chr(code)) is not None
        if len(self) < MAX_GAP_CACHE:
            self[code] = breaks
        return breaks


_BREAKS = _Breaks()


def _as_ascii(lowered: str) -> str | None:
    """`lowered` with "?" for each non-ASCII character when every one of them breaks runs (a pound
    sign, an ellipsis: 28% of bbc_dev.jsonl articles, which then take _ascii_words too); None when
    one may be a letter or white space."""
    wide = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not all(map(_BREAKS.__getitem__, np.unique(wide[wide >= 128]).tolist())):
        return None
    return lowered.encode("ascii", "replace").decode("ascii")


def _words(lowered: str) -> tuple[list[str], np.ndarray, int]:
    """_ascii_words(lowered), also for the texts it does not take (by re.split)."""
    if not lowered.isascii():
        lowered = _as_ascii(lowered) or lowered
    if lowered.isascii():
        if "''" not in lowered:
            return _ascii_words(lowered)
        parts = _ASCII_WORD_SPLIT_RE.split(lowered)
    else:
        parts = _STYLE_WORD_SPLIT_RE.split(lowered)
    words, gaps = parts[1::2], parts[2:-1:2]
    return (words, np.fromiter(map(_GAP_JOINS.__getitem__, gaps), dtype=bool, count=len(gaps)),
            sum(map(len, words)))


def _bigram_stats(same_run: np.ndarray, slots: np.ndarray, word_ids: np.ndarray, alphabetic: np.ndarray,
                  zipf: np.ndarray, code: np.ndarray, function: np.ndarray) -> tuple[float, float, int, int, int]:
    """(sum of log10 counts, sum of count - Zipf(second), pairs found, pairs, phrasal pairs) over
    adjacent pairs.

    Word i of the text is distinct word slots[i], whose id in the bigram table (-1 if absent),
    str.isalpha, Zipf frequency, word class and function-word flag are word_ids, alphabetic, zipf,
    code and function at that slot; same_run[i] says whether no punctuation or digit separates
    words i and i + 1 (_GAP_JOINS): only then does the pair count. A phrasal pair is a content
    word and a particle.

    Vectorised through the spinning detector's integer-coded bigram table (one hash probe per
    article); np.cumsum adds left to right, so the sums equal those of a plain loop.
    """
    from analyzer.spinning import _PAIR_BASE, _bigram_lookup, _index  # noqa: PLC0415 - shared table

    if len(slots) < 2:
        return 0.0, 0.0, 0, 0, 0
    ix = _index()
    # Words outside the table get distinct ids above the vocabulary (their pairs are never listed).
    ids = np.where(word_ids >= 0, word_ids, len(ix.words) + np.arange(len(word_ids)))[slots]
    phrasal = int(np.count_nonzero(same_run & (code[slots[1:]] == _PARTICLE) & ~function[slots[:-1]]))
    found, hit = _bigram_lookup(ix, ids[:-1] * _PAIR_BASE + ids[1:])
    alpha = alphabetic[slots]
    # An unlisted pair counts as rare only between alphabetic words ("don't", "u.s" are not in the table).
    keep = same_run & (hit | (alpha[:-1] & alpha[1:]))
    listed = found[keep]
    if not len(listed):
        return 0.0, 0.0, 0, 0, phrasal
    zb = zipf[slots[1:]][keep]
    back = listed - np.where(zb > MIN_KNOWN_ZIPF, zb, MIN_KNOWN_ZIPF)
    return (float(np.cumsum(listed)[-1]), float(np.cumsum(back)[-1]), int(np.count_nonzero(hit & same_run)),
            len(listed), phrasal)


def _previous(slots: np.ndarray) -> np.ndarray:
    """Position of each word's previous occurrence (-1 for a first one); slots: distinct-word ids."""
    # A stable sort is one order whatever the dtype: on int16 numpy's is a radix sort (1.5x faster).
    order = np.argsort(slots.astype(np.int16) if len(slots) <= np.iinfo(np.int16).max else slots, kind="stable")
    previous = np.full(len(slots), -1, dtype=np.intp)
    same = slots[order[1:]] == slots[order[:-1]]
    previous[order[1:][same]] = order[:-1][same]
    return previous


def _mattr(previous: np.ndarray, window: int, distinct: int) -> float:
    """Moving-average type/token ratio over MATTR_SAMPLES evenly spaced windows.

    A window's types are its words whose previous occurrence lies before the window: the same
    counts as len(set(window)), from one comparison over all windows (a set per window cost 0.04
    ms an article more on bbc_dev.jsonl).
    """
    n = len(previous)
    if n <= window:
        return distinct / max(n, 1)
    step = max(1, (n - window) // MATTR_SAMPLES)
    starts = np.arange(0, n - window + 1, step)
    types = int(np.count_nonzero(previous[starts[:, None] + np.arange(window)] < starts[:, None]))
    return types / (len(starts) * window)


def style_features(text: str) -> dict[str, float]:
    """Stylometric profile of a text (see STYLE_FEATURES); evaluation/eval_translation.py times it.

    Per-word work runs over the distinct words (first-occurrence order) and numpy arrays indexed
    by each token's slot among them; sums keep the order of a plain loop over the distinct words
    (np.cumsum), so every value equals the plain computation (tests/test_mt.py checks it).
    """
    plain = text if text.isascii() else _to_ascii(text)
    words, same_run, letters = _words(plain.lower())
    n = max(len(words), 1)
    # Each word's first position (one dict pass), then its slot among the distinct words, in
    # first-occurrence order (dict.fromkeys' order).
    first: dict[str, int] = {}
    at = np.fromiter(map(first.setdefault, words, count()), dtype=np.intp, count=len(words))
    distinct = list(first)
    slot_at = np.empty(len(words), dtype=np.intp)
    slot_at[np.fromiter(first.values(), dtype=np.intp, count=len(distinct))] = np.arange(len(distinct))
    slots = slot_at[at]
    per_word = np.bincount(slots, minlength=len(distinct))
    counts = {w: int(per_word[slot_at[first[w]]]) for w in _COUNTED if w in first}
    # Per distinct word: frequency, rarity and word class weighted by the counts.
    if distinct:
        zipf, code, word_ids, alphabetic, function = _WORDS.arrays(distinct)
        zipf_sum = float(np.cumsum(zipf * per_word)[-1])
        rare = int(per_word[zipf < RARE_ZIPF].sum())
        ing, nominal = int(per_word[code == _ING].sum()), int(per_word[code == _NOMINAL].sum())
        contractions = int(per_word[code == _CONTRACTION].sum())
        function_words = int(per_word[function].sum())
    else:
        zipf, word_ids, alphabetic = np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        code, function = np.zeros(0, dtype=int), np.zeros(0, dtype=bool)
        zipf_sum, rare, ing, nominal, contractions, function_words = 0.0, 0, 0, 0, 0, 0
    pair_sum, back_sum, pair_hits, pairs, phrasal = _bigram_stats(same_run, slots, word_ids, alphabetic, zipf,
                                                                  code, function)
    previous = _previous(slots)
    sent_lens = list(filter(None, map(len, map(str.split, _SENTENCE_SPLIT_RE.split(plain))))) or [0]
    mean_len = sum(sent_lens) / len(sent_lens)
    var = sum((k - mean_len) ** 2 for k in sent_lens) / len(sent_lens)
    typographic = sum(text.count(c) for c in _TYPOGRAPHIC)
    straight = text.count('"') + text.count("'")
    return {
        "words": float(len(words)),  # not a model feature: lets callers normalise counts
        "function_words": function_words / n,
        "fw_the": counts.get("the", 0) / n,
        "fw_of": counts.get("of", 0) / n,
        "fw_and": counts.get("and", 0) / n,
        "fw_is": counts.get("is", 0) / n,
        "pronoun_rate": sum(map(counts.get, _PRONOUNS, repeat(0))) / n,
        "they_rate": (counts.get("they", 0) + counts.get("their", 0) + counts.get("them", 0)) / n,
        "mattr": _mattr(previous, MATTR_WINDOW, len(distinct)),
        "mean_zipf": zipf_sum / n,
        "rare_share": rare / n,
        "bigram_logmean": pair_sum / pairs if pairs else ABSENT_BIGRAM_LOG10,
        "bigram_share": pair_hits / pairs if pairs else 0.0,
        "bigram_back": back_sum / pairs if pairs else 0.0,
        "sent_len_mean": mean_len,
        "sent_len_cv": math.sqrt(var) / mean_len if mean_len else 0.0,
        "word_len": letters / n,
        "comma_rate": text.count(",") / n,
        "semicolon_rate": text.count(";") / n,
        "ing_rate": ing / n,
        "nominal_rate": nominal / n,
        "typography": (typographic - straight) / (typographic + straight + 1),
        "contraction_rate": contractions / n,
        "phrasal_rate": phrasal / n,
        "mattr25": _mattr(previous, MATTR_SHORT_WINDOW, len(distinct)),
        "which_rate": counts.get("which", 0) / n,
    }
