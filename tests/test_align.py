"""Sentence/word alignment and substitution evidence (analyzer.align)."""

from __future__ import annotations

import re

import pytest

from analyzer import align

ORIGINAL = (
    "US-backed forces pressed the battle towards the last shred of the Islamic State group's caliphate "
    "in eastern Syria on Sunday, a war monitor said.\n"
    "The Syrian Democratic Forces announced a final push to retake the jihadist pocket near the Iraqi "
    "border late Saturday, after a pause of more than a week.\n"
    "Up to 600 jihadists could still remain inside, most of them foreigners, according to SDF spokesman "
    "Mustafa Bali.\n"
)
SPUN = (
    "US-backed forces pressed the battle towards the closing shred of the Islamic State group's caliphate "
    "in japanese Syria on Sunday, a warfare monitor mentioned.\n"
    "The Syrian Democratic Forces announced a final push to retake the jihadist pocket near the Iraqi "
    "border past due Saturday, after a pause of greater than a week.\n"
    "Up to 600 jihadists could nonetheless stay inside, most of them foreigners, in line with SDF spokesman "
    "Mustafa Bali.\n"
)


def test_substitutions_name_the_original_wording_with_exact_offsets() -> None:
    pa = align.align_pair(SPUN, ORIGINAL)
    assert pa.coverage == 1.0
    pairs = {(s.text, s.suggestion) for s in pa.substitutions}
    assert ("japanese Syria", "eastern Syria") in pairs
    assert any(s.text.startswith("warfare") and s.suggestion.startswith("war ") for s in pa.substitutions)
    for s in pa.substitutions:
        assert SPUN[s.start:s.end] == s.text
        assert s.suggestion in ORIGINAL
    assert 0.05 < pa.substitution_rate < 0.3
    assert pa.identity > 0.8


_LONG_WORD_RE = re.compile(r"\b([A-Za-z]{4})([A-Za-z]{5,})\b")
LAYOUTS = {
    "soft hyphens": lambda t: _LONG_WORD_RE.sub("\\1\xad\\2", t),
    "character references": lambda t: t.replace("'", "&#8217;"),
    "curly apostrophes": lambda t: t.replace("'", "\u2019"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_copy_in_another_layout_has_the_same_words(layout: str) -> None:
    # A scraper that left soft hyphens or "&#8217;" in its copy changed no word: compared as
    # written, 30 of 40 bbc_dev.jsonl articles beside their soft-hyphenated copies were called spun.
    copy = LAYOUTS[layout](ORIGINAL)
    assert copy != ORIGINAL
    for garbled, original in ((copy, ORIGINAL), (ORIGINAL, copy)):
        pa = align.align_pair(garbled, original)
        assert pa.substitutions == [] and pa.identity == 1.0


def test_substitutions_in_a_copy_with_soft_hyphens_hold_its_characters() -> None:
    spun = LAYOUTS["soft hyphens"](SPUN)
    pa = align.align_pair(spun, LAYOUTS["character references"](ORIGINAL))
    assert {(s.text.replace("\xad", ""), s.suggestion) for s in pa.substitutions} == {
        (s.text, s.suggestion.replace("'", "’")) for s in align.align_pair(SPUN, ORIGINAL).substitutions}
    assert all(spun[s.start:s.end] == s.text for s in pa.substitutions)
    assert any("\xad" in s.text for s in pa.substitutions)  # "clos\xading shred"


def test_identical_copies_have_no_substitutions() -> None:
    pa = align.align_pair("Breaking News\n\n" + ORIGINAL + "\nSource link", ORIGINAL)
    assert pa.substitutions == []
    assert pa.identity == 1.0


def test_unrelated_text_does_not_align() -> None:
    other = ("The dollar has hit its highest level against the euro in almost three months.\n"
             "Analysts expect the Federal Reserve to raise interest rates again next month.\n")
    assert align.coverage(align.profile(other.splitlines()), align.profile(ORIGINAL.splitlines())) == 0.0
    assert align.align_pair(other, ORIGINAL).substitutions == []


def test_alignment_keeps_sentence_order() -> None:
    sents = ORIGINAL.strip().splitlines()
    reordered = [sents[2], sents[0], sents[1]]
    # In order, two of the three sentences can be chained; all three cannot.
    score, pairs = align.monotone_alignment([frozenset(align.sentence_ids(s)) for s in reordered],
                                            [frozenset(align.sentence_ids(s)) for s in sents])
    assert pairs == [(1, 0), (2, 1)]
    assert 0.4 < score < 1.0


def test_pair_alignment_counts_the_sentences_mapped_one_to_one() -> None:
    # The spun copy keeps all three sentences of its original; a copy of the first sentence with
    # two sentences of its own maps one of its three and one of the original's three.
    pa = align.align_pair(SPUN, ORIGINAL)
    assert (pa.sentences, pa.original_sentences, pa.aligned_sentences) == (3, 3, 3)
    assert pa.copy_share == pa.original_share == 1.0
    own = ("Aid convoys reached the town this week, officials in Damascus told journalists.\n"
           "A monitor counted dozens of lorries carrying flour, medicine and blankets.\n")
    pa = align.align_pair(ORIGINAL.splitlines()[0] + "\n" + own, ORIGINAL)
    assert (pa.sentences, pa.original_sentences, pa.aligned_sentences) == (3, 3, 1)
    assert pa.copy_share == pa.original_share == pytest.approx(1 / 3)


def test_stop_words_and_short_sentences_are_not_content() -> None:
    assert align.token_id("the") == -1
    assert align.token_id("Syria") == align.token_id("syria")
    assert align.token_id("prefectures") == align.token_id("prefecture")
    prof = align.profile(["We reject him.", ORIGINAL.splitlines()[0]])
    assert len(prof.bounds) == 1


def test_coverage_regions_name_the_sentences_each_copy_accounts_for() -> None:
    short = align.profile(["The central bank raised interest rates by half a point on Thursday."])
    long = align.profile(["Football clubs agreed new rules on player transfers at a meeting.",
                          "The central bank raised interest rates by half a point on Thursday.",
                          "Farmers protested against falling milk prices outside parliament."])
    cov, part_short, part_long = align.coverage_regions(short, long)
    assert cov == align.coverage(short, long) == 1.0
    assert part_short == {0} and part_long == {1}
    assert align.coverage_regions(long, short)[1:] == (part_long, part_short)


# Two renderings of one text: four sentences share their words, the fifth (between them) says the same
# thing in other words, as two translations of one source do.
_ANCHORS = ["Tokyo police arrested the mayor of Kofu on Monday morning.",
            "Prosecutors accuse him of taking bribes from three construction firms.",
            "The mayor denied every charge through his lawyer.",
            "Voters in Kofu will elect a new council next spring."]
_SAID = "The company bought a vehicle maker after posting record earnings."
_RESAID = "The firm purchased a car manufacturer after reporting huge profits."


def _sets(sentences: list[str]) -> list[frozenset[int]]:
    return [frozenset(align.sentence_ids(s)) for s in sentences]


def test_soft_dice_matches_sentences_that_say_the_same_in_other_words() -> None:
    a, b = _sets([_SAID, _ANCHORS[0]]), _sets([_RESAID])
    assert align._dice(a[0], b[0]) < align.SENTENCE_MATCH_DICE
    soft = align.soft_dice(a, b)
    assert soft[0, 0] >= align.SENTENCE_MATCH_DICE
    assert soft[1, 0] < align.SENTENCE_MATCH_DICE
    # Exact matches only: the Dice itself.
    same = _sets([_ANCHORS[1]])
    assert align.soft_dice(same, same)[0, 0] == pytest.approx(1.0)


def test_filled_gaps_align_a_reworded_sentence_between_word_aligned_ones() -> None:
    a = _sets(_ANCHORS[:2] + [_SAID] + _ANCHORS[2:])
    b = _sets(_ANCHORS[:2] + [_RESAID] + _ANCHORS[2:])
    _, pairs = align.monotone_alignment(a, b)
    assert (2, 2) not in pairs and len(pairs) == 4
    filled = align.filled_gaps(a, b, pairs)
    assert filled is not None and filled[1] == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]
    # Not when even every gap filled would fall short of the pairs the caller needs.
    assert align.filled_gaps(a, b, pairs, need=6) is None


def test_filled_gaps_need_four_word_aligned_pairs_and_gaps_of_one_size() -> None:
    # Three anchors: no order argument from words, nothing filled.
    a = _sets(_ANCHORS[:2] + [_SAID] + _ANCHORS[2:3])
    b = _sets(_ANCHORS[:2] + [_RESAID] + _ANCHORS[2:3])
    _, pairs = align.monotone_alignment(a, b)
    assert align.filled_gaps(a, b, pairs) is None
    # A gap of one sentence beside a gap of three (another report adds sentences): not filled.
    extra = ["Shares in the builders fell sharply in Tokyo trading.", "Analysts expect more arrests soon.",
             "The ruling party has suspended the mayor's membership."]
    a = _sets(_ANCHORS[:2] + [_SAID] + _ANCHORS[2:])
    b = _sets(_ANCHORS[:2] + [_RESAID, *extra] + _ANCHORS[2:])
    _, pairs = align.monotone_alignment(a, b)
    assert align.filled_gaps(a, b, pairs) is None


def test_align_pair_fills_gaps_only_where_the_surface_alignment_is_thin() -> None:
    said = [_SAID, "Its chief executive quit after the purchase.", "Sales of cars grew quickly."]
    resaid = [_RESAID, "Its boss resigned after the acquisition.", "Vehicle sales increased fast."]
    copy = " ".join(_ANCHORS[:2] + said + _ANCHORS[2:])
    original = " ".join(_ANCHORS[:2] + resaid + _ANCHORS[2:])
    surface = align.align_pair(copy, original)
    assert surface.aligned_sentences == 4
    filled = align.align_pair(copy, original, soft_below=0.6)
    assert filled.aligned_sentences > 4 and filled.copy_share >= 0.6
    # Half the sentences already aligned on words: no second pass under soft_below 0.5.
    assert align.align_pair(copy, original, soft_below=0.5).aligned_sentences == 4


def test_the_stop_words_are_scikit_learns_and_need_no_scikit_learn() -> None:
    # The shipped list is scikit-learn's ENGLISH_STOP_WORDS, word for word, and reading it no longer
    # imports scikit-learn (about 1.3 s of `flag`'s start-up, session 32).
    import subprocess
    import sys

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from analyzer.align import _stop_words

    assert _stop_words() == frozenset(ENGLISH_STOP_WORDS)
    code = ("import sys; from analyzer.align import token_id; assert token_id('the') == -1; "
            "assert token_id('minister') >= 0; print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
