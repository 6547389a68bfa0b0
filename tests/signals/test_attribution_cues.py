"""Attribution cue lexicons: the compiled verb forms, phrase cues, cue nouns and their scans."""

from __future__ import annotations

import re

from analyzer.signals.attribution_cues import (
    cue_scanner,
    hand_nouns,
    inflect,
    noun_forms,
    noun_spans,
    phrase_re,
    verb_forms,
)
from analyzer.signals.cue_patterns import CuePattern


def test_inflect_regular_and_listed_forms() -> None:
    assert inflect("say", "said") == {"say", "says", "saying", "said"}
    assert inflect("deny", "") == {"deny", "denies", "denying", "denied"}
    assert inflect("admit", "admitted") == {"admit", "admits", "admitting", "admitted"}
    assert inflect("note", "") == {"note", "notes", "noting", "noted"}


def test_verb_form_flags() -> None:
    forms = verb_forms()[1]
    assert forms["said"].participle and not forms["said"].homograph
    assert forms["claims"].third and forms["claims"].homograph
    assert forms["saying"].gerund and not forms["saying"].participle


def test_one_cue_scan_finds_what_separate_searches_find() -> None:
    """CueScanner (phrase cues and verb forms in one regex) returns the spans of one CuePattern
    per list, overlaps between the lists included ("said in a statement" and "said")."""
    scanner, phrases, verbs = cue_scanner(), phrase_re()[0], verb_forms()[0]
    nouns = CuePattern(noun_forms() | set(hand_nouns()))
    anchor = re.compile(
        r"[ ,]*(?:(?<=\s)(?:that|about|over|against|of|for|on|to|towards?)(?![\w\u2019'-])|[:\u201c\"\u2018])")
    for text in (
        "The ministry said in a statement that, according to officials, talks would resume.",
        "SAID-said said, told reporters told AFP; per cent, per Reuters. İstanbul officials claimed",
        "“We will not stop,” he added, noting that the report said otherwise, a spokesman confirmed.",
        "His claim that the vote was rigged, her warning: “stop”, their assertions, “go”, what that",
        "Claims about the vote, concerns over it, criticism of him, a report on it, a plea to stop",
        "",
    ):
        assert scanner.spans(text) == [phrases.spans(text), verbs.spans(text)]
        # Nouns are looked up only before an anchor; the same spans as a full search, so filtered.
        expected = [(a, b) for a, b in nouns.spans(text)
                    if anchor.match(text, b) and (a == 0 or text[a - 1].isspace())]
        assert noun_spans(text) == expected
