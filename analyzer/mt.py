"""Machine-translation artifacts in English text.

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

The translation-style profile of the document model is in analyzer.stylometry. Everything uses
precompiled regexes and cached lexicons: no per-article heavy work.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from analyzer import lexicons
from analyzer.article import Evidence, read_as_shown
from analyzer.scan import Needles, finditer_near, match_width, matches_from
from analyzer.text import APOSTROPHES, line_around

SIGNAL = "translation"

MT_KINDS = ("mt_calque", "foreign_acronym", "gendered_pronoun", "conditional_hearsay", "article_name",
            "stray_space", "foreign_number", "broken_sentence", "untranslated_text")

# A reversed-acronym candidate must not be an English word at least this frequent (wordfreq
# Zipf 3.0 = once per million words): "WON" would otherwise reverse NOW.
MAX_ACRONYM_WORD_ZIPF = 3.0
# Words between a collective noun and "she" (one clause, measured on seed 001 and BBC dev copy).
MAX_PRONOUN_GAP_CHARS = 90

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
# Source code quoted in an article ("( $port == 443) ? 'https' : 'http' ) . '://'") spaces its
# operators: a line with an arrow, a comparison, a PHP/shell variable or a trailing brace or
# semicolon is not prose (a newspaper3k body quoting PHP drew four stray-space flags).
_CODE_LINE_RE = re.compile(r"=>|->|[=!]==?|\$[A-Za-z_]|[;{}][ \t\r]*$|\)[ \t]*\{")  # \r: a CRLF line
# A closing quote with a space before it at the end of a line, or glued to the next word.
_QUOTE_SPACE_RE = re.compile(r"[.,!?] (?P<q>[\"”])(?=[ \t\r]*$|[a-z])", re.MULTILINE)
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


APOSTROPHE, CURLY_APOSTROPHE = "'", "\u2019"


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
            # An apostrophe may be typeset ("Author’s right of the image"): _phrases looks for the
            # needle in text with curly apostrophes made straight.
            pattern = re.compile(rf"(?<!\w){re.escape(phrase).replace(APOSTROPHE, APOSTROPHES)}", re.IGNORECASE)
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


def _zipf(word: str) -> float:
    return lexicons.zipf(word.lower())


def _ev(text: str, start: int, end: int, kind: str, reason: str, suggestion: str | None) -> Evidence:
    return Evidence.at(text, start, end, signal=SIGNAL, kind=kind, reason=reason, suggestion=suggestion)


@cache
def _phrase_needles() -> tuple[tuple[Needles, tuple[int, ...]], tuple[Needles, tuple[int, ...]]]:
    """For the lower-case needles of _phrase_matchers() and for the case-sensitive ones: a Needles
    of them, and their rows (indices in _phrase_matchers())."""
    rows = _phrase_matchers()

    def part(exact: bool) -> tuple[Needles, tuple[int, ...]]:
        chosen = tuple(i for i, m in enumerate(rows) if m[1] == exact)
        return Needles([rows[i][0] for i in chosen]), chosen

    return part(False), part(True)


# Characters re.IGNORECASE matches to an ASCII letter that str.lower does not make one ("ı" and
# "İ" match i, "ſ" matches s; found by testing every code point against [a-z]): where a text holds
# one, a phrase's regex may match where its lower-case needle does not occur.
_UNFOLDED = ("\u0131", "\u0130", "\u017f")


def _phrase_rows(text: str, lowered: str) -> list[int]:
    """The rows of _phrase_matchers() whose needle occurs (in `lowered`, text.lower(), for the
    case-insensitive ones), in lexicon order: one pass over each text (scan.Needles)."""
    (folded, folded_rows), (exact, exact_rows) = _phrase_needles()
    return sorted([folded_rows[i] for i in folded.found(lowered)] + [exact_rows[i] for i in exact.found(text)])


def _phrase_starts(text: str, lowered: str) -> list[tuple[int, list[int] | None]]:
    """(row of _phrase_matchers(), where its matches can start) for each row whose needle occurs,
    in lexicon order; None for "anywhere" (the whole text is scanned).

    A phrase's regex matches its needle (case aside, either apostrophe) from the needle's first
    character, so where `lowered` lines up with `text` character for character its matches start
    where the needle occurs (scan.Needles.found_at). Scanning the whole text with each phrase's
    regex that occurs took 1.4 s of a 5 MB article of joined bbc_dev.jsonl texts (pyinstrument).
    """
    (folded, folded_rows), (exact, exact_rows) = _phrase_needles()
    aligned = len(lowered) == len(text) and not any(c in text for c in _UNFOLDED)
    if aligned:
        found = [(folded_rows[i], starts) for i, starts in folded.found_at(lowered).items()]
    else:
        found = [(folded_rows[i], None) for i in folded.found(lowered)]
    found += [(exact_rows[i], starts) for i, starts in exact.found_at(text).items()]
    return sorted(found, key=lambda row_starts: row_starts[0])


def _phrases(text: str) -> list[Evidence]:
    out = []
    matchers = _phrase_matchers()
    for row, starts in _phrase_starts(text, text.lower().replace(CURLY_APOSTROPHE, APOSTROPHE)):
        _, _, pattern, suggestion, kind = matchers[row]
        matches = pattern.finditer(text) if starts is None else matches_from(pattern, text, starts)
        for m in matches:
            if kind == "foreign_acronym":
                reason = f"'{m.group()}' is the foreign-language acronym for '{suggestion}'."
            else:
                reason = f"Word-for-word translation of the English phrase '{suggestion}'."
            out.append(_ev(text, m.start(), m.end(), kind, reason, suggestion))
    return out


MIN_ACRONYM_LETTERS = 3  # of _ACRONYM_RE
# The text as ASCII bytes (anything else a '?'), every ASCII capital an "A" and every other byte a
# space, one byte per character (bytes.translate: C speed): runs of capitals are found with bytes.find.
_CAPITAL_MARKS = bytes(ord("A") if ord("A") <= c <= ord("Z") else ord(" ") for c in range(256))


def _acronym_matches(text: str) -> list[re.Match[str]]:
    """list(_ACRONYM_RE.finditer(text)): the regex tried only where MIN_ACRONYM_LETTERS capitals
    or more follow, left to right, going on after each match's end (the attempts of finditer that
    can succeed: a match is capitals only). Half the articles have no such run; scanning for the
    regex's first character class took 0.04 ms an article (bbc_dev.jsonl), as does a bytes regex
    for the runs: bytes.find skips ahead in C."""
    marks = text.encode("ascii", "replace").translate(_CAPITAL_MARKS)
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


def _reordered_acronyms(text: str) -> list[Evidence]:
    english, by_letters, listed = _acronym_tables()
    out = []
    for m in _acronym_matches(text):
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
    (scan.finditer_near: a whole-text scan when they are too many)."""
    return finditer_near(_PRONOUN_RE, text, text, ("she",), _pronoun_width())


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
    """list(_articleless_re().finditer(text)), the regex tried only one character before each "he "
    that a listed name follows (every match is "[Tt]he NAME"): one regex search led by the literal
    "he ", where scan.finditer_near's str.find per name (22 of them) took 0.06-0.09 ms an article
    (bbc_dev.jsonl, 2026-11-23)."""
    starts = {m.start() - 1 for m in _articleless_leads().finditer(text) if m.start()}
    return matches_from(_articleless_re(), text, starts)


@cache
def _articleless_leads() -> re.Pattern[str]:
    """ "he " before a name of _articleless_re(); the name is looked ahead at, so that every "he "
    is found (two never overlap)."""
    names = sorted({row["term"] for row in lexicons.load("mt_articleless_names")}, key=len, reverse=True)
    return re.compile(rf"he (?={'|'.join(map(re.escape, names))})")


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
        # A bracket spaced on both sides is a page template's, e.g. the Motley Fool's ticker links
        # "(NASDAQ: AAPL ) ," (seven flags on one newspaper3k page labelled it machine-translated).
        if before == ")" and text[start - 2:start - 1] == " ":
            continue
        # A spaced ellipsis (". . .", AP and Chicago style) starts with a space before a period.
        if m.group("p") == "." and _SPACED_ELLIPSIS_RE.match(text, m.end("p")):
            continue
        if _CODE_LINE_RE.search(line_around(text, start)):
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
# A number grouped the English way with two or more commas ("227,936,640"): a text that writes
# those uses the dot as its decimal point, so its "1.524 times" is a decimal (a newspaper3k body
# about Mars drew three thousands-dot flags). One group ("1,500") is left out: it would also be a
# continental decimal.
_ENGLISH_GROUPING_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,]|\.\d)")
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
    dots = _matches_before(_THOUSANDS_DOT_RE, _DOT_DIGITS_RE, text)
    if dots and _ENGLISH_GROUPING_RE.search(text):
        dots = []
    for m in dots:
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


# One character of those scripts in brackets with an emoticon's arms is its face: the shrug
# ¯\_(ツ)_/¯ (a newspaper3k body). A gloss in brackets, "the tasuki (襷)", is still flagged.
_EMOTICON_FACE_RE = re.compile(r"[_\\/¯]\(.\)|\(.\)[_\\/¯]")


# Every character of _UNTRANSLATED_RE is at or above this code point.
_UNTRANSLATED_FROM = 0x3000


def _untranslated(text: str) -> list[Evidence]:
    # The regex tries every character (a class leads it); a text whose highest code point lies below
    # its scripts (curly quotes, dashes, a pound sign: nearly every non-ASCII news text) has no match.
    # numpy's max over the code points took ~0.01 ms where the scan took 0.05-0.1 ms on the
    # non-ASCII 28% of bbc_dev.jsonl (2026-11-23).
    if text.isascii() or np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).max() < (
            _UNTRANSLATED_FROM):
        return []
    return [_ev(text, m.start(), m.end(), "untranslated_text",
                "Characters of the source language's script left in the English text: machine "
                "translation copies what it cannot translate.", None)
            for m in _UNTRANSLATED_RE.finditer(text)
            if not (m.end() - m.start() == 1 and _EMOTICON_FACE_RE.search(text, m.start() - 2, m.end() + 2))]


def find_mt(text: str, body: str | None = None, *, shown: bool = False) -> list[Evidence]:
    """Machine-translation artifacts in `text`, one evidence span each, without overlaps.

    `body` is `text` with its non-content lines blanked (same length): the pattern detectors
    (spacing, numbers, pronouns, scripts...) read it, since a page's menus and widgets ("Your
    weather is set to . You can...", "日本 (Japan)") are templates, not translations; the curated
    calques and acronyms read the whole text (seed 001's "Author's right of the image" is a
    caption line). `shown`: text is already a reading view's text (spin_known.known_evidence)."""
    body = text if body is None else body
    found = (_phrases(text) if shown else read_as_shown(_phrases, text)) + _reordered_acronyms(text)
    patterned = (_gendered_pronouns(body) + _hearsay(body) + _article_names(body) + _spacing(body)
                 + _numbers(body) + _broken_sentences(body) + _untranslated(body))
    # A match reaching into a blanked character is not the text's own.
    found += [e for e in patterned if body is text or text[e.start:e.end] == e.text]
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Evidence] = []
    for ev in found:
        if kept and ev.start < kept[-1].end:
            continue  # overlapping matches: keep the first, longest one
        kept.append(ev)
    return kept
