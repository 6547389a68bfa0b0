"""Article-level features for the trust model: defensive reads, bounded values, the style cues."""

from __future__ import annotations

import math
import re

import pytest

from analyzer import features
from analyzer.article import Article, Evidence
from analyzer.pipeline import score_text
from analyzer.text import RATE_MIN_WORDS

WIRE = (
    "BEIRUT (AFP) - Syrian forces retook the town on Saturday, the Britain-based Syrian Observatory "
    "for Human Rights said.\n"
    "\"The battle is over,\" Observatory chief Rami Abdel Rahman told AFP, adding that 35 militants "
    "were killed.\n"
    "The monitor could not independently verify the figures, officials said.\n"
)
RANT = (
    "You won't believe what they are hiding from you!\n"
    "I have been saying this for years and we all know the truth. Why does nobody ask questions?\n"
    "Share this before they delete it!\n"
)


def test_bare_article_gives_every_feature_as_zero_or_finite() -> None:
    # An article no signal has touched: every read must fall back to 0, nothing may raise.
    values = features.extract(Article(id="x", text="Plain text without anything."))
    assert list(values) == list(features.FEATURE_NAMES)
    assert all(math.isfinite(v) for v in values.values())
    assert values["translation"] == 0.0 and values["attribution"] == 0.0 and values["garbled"] == 0.0


def test_odd_details_are_read_defensively() -> None:
    article = Article(id="x", text="Some text here. More text.")
    article.scores = {"translation": float("nan"), "attribution": 7.0, "readability": -300.0}
    article.details = {"attribution": {"named_sources": ["A", "B"], "anonymous_sources": "many", "quotes": None},
                       "language": "en", "hedging": ["not", "a", "dict"]}
    values = features.extract(article)
    assert values["translation"] == 0.0  # NaN is not a number we trust
    assert values["attribution"] == 1.0  # clipped
    assert values["readability"] == 0.0
    assert values["named_sources"] > 0  # a list counts its members
    assert all(math.isfinite(v) for v in values.values())


def test_flagged_copy_is_garbled() -> None:
    article = Article(id="x", text="Text.")
    assert features.extract(article)["garbled"] == 0.0
    assert features.extract(article, flagged=True)["garbled"] == 1.0
    article.label = "spun"
    assert features.extract(article)["garbled"] == 1.0


def test_evidence_kinds_feed_densities() -> None:
    text = "the pinnacle of the warfare monitor mentioned it " * 5
    article = Article(id="x", text=text)
    article.evidence = [Evidence.at(text, 4, 12, signal="translation", kind="tortured_phrase", reason="r"),
                        Evidence.at(text, 20, 27, signal="translation", kind="mt_calque", reason="r")]
    values = features.extract(article)
    # 40 words: the rate counts at least RATE_MIN_WORDS (a short text's missing words hold nothing).
    assert values["artifact_density"] == pytest.approx(math.log1p(2 * 100 / max(len(text.split()), RATE_MIN_WORDS)))
    long_text = text * 5
    article = Article(id="y", text=long_text)
    article.evidence = [Evidence.at(long_text, 4, 12, signal="translation", kind="tortured_phrase", reason="r")]
    assert features.extract(article)["artifact_density"] == pytest.approx(math.log1p(100 / len(long_text.split())))
    article = Article(id="x", text=text)
    article.evidence = [Evidence.at(text, 4, 12, signal="translation", kind="tortured_phrase", reason="r"),
                        Evidence.at(text, 20, 27, signal="translation", kind="mt_calque", reason="r")]
    article.evidence = article.evidence[:1]
    assert 0 < features.extract(article)["artifact_density"] < values["artifact_density"]


def test_wire_copy_and_rant_differ_on_sourcing_and_style() -> None:
    wire = features.extract(score_text(WIRE, source="AFP"))
    rant = features.extract(score_text(RANT, source="blog"))
    assert wire["dateline"] == 1.0 and rant["dateline"] == 0.0
    assert wire["wire_credit"] == 1.0 and rant["wire_credit"] == 0.0
    assert wire["quote_rate"] > 0 and rant["quote_rate"] == 0.0
    assert wire["attribution"] > rant["attribution"]
    assert rant["second_person"] > wire["second_person"]
    assert rant["first_person"] > wire["first_person"]
    assert rant["exclamation"] > 0 and rant["question"] > 0
    assert wire["number_rate"] > rant["number_rate"]


def test_a_dateline_inside_markup_is_a_dateline() -> None:
    tagged = "".join(f"<p>{line}</p>" for line in WIRE.splitlines() if line.strip())
    tagged = tagged.replace("BEIRUT", '<a href="https://example.com/beirut">BEIRUT</a>', 1)
    assert "BEIRUT</a>" in tagged
    assert features.extract(score_text(tagged, source="AFP"))["dateline"] == 1.0


def test_rates_count_the_words_that_show() -> None:
    # Markdown images show no word: the rates per word must not fall as they are added.
    pictured = "\n".join(f"{line}\n![](https://example.com/{k}.jpg)" for k, line in enumerate(WIRE.splitlines()))
    plain = features.extract(score_text(WIRE, source="AFP"))
    marked = features.extract(score_text(pictured, source="AFP"))
    assert marked["number_rate"] == plain["number_rate"] > 0


def test_pronouns_inside_quotations_do_not_count() -> None:
    quoted = features.extract(Article(id="q", text='He said: "I think we will win and you will see."'))
    assert quoted["first_person"] == 0.0 and quoted["second_person"] == 0.0


def test_dateline_rules() -> None:
    assert features._is_dateline("WASHINGTON — The Supreme Court ruled")
    assert features._is_dateline("NEW YORK, Jan. 5 (AP) — Stocks fell")
    assert features._is_dateline("LONDON (Reuters) - Britain said")
    assert not features._is_dateline("BREAKING: something happened")
    assert not features._is_dateline("US-backed forces pushed on")
    assert not features._is_dateline("Plot Details: the hero dies")


def test_every_feature_has_a_sign() -> None:
    assert set(features.FEATURE_SIGNS) == set(features.FEATURE_NAMES)
    assert set(features.FEATURE_SIGNS.values()) <= {-1, 0, 1}


# The one-pass pattern that _count_whole's two searches replace (features.py before 2026-11-22).
_ONE_PASS_STYLE_RE = re.compile(
    r"\b(?:(?P<first>I|me|[Mm]y|mine|myself|[Ww]e|us|[Oo]urs?|ourselves)|(?P<second>[Yy]ou(?:rs?|rself|rselves)?))\b"
    r"|\b\d[\d,.]*"
)


def _one_pass_counts(text: str) -> tuple[int, int, int]:
    first = second = numbers = 0
    for m in _ONE_PASS_STYLE_RE.finditer(text):
        if m.group("first"):
            first += 1
        elif m.group("second"):
            second += 1
        else:
            numbers += 1
    return first, second, numbers


def _split_counts(text: str) -> tuple[int, int, int]:
    pronouns = features._count_whole(features._PRONOUN_RE, text)
    first = sum(map(features.FIRST_PERSON.__contains__, pronouns))
    return first, len(pronouns) - first, len(features._count_whole(features._NUMBER_RE, text))


def test_style_counts_equal_the_one_pass_pattern() -> None:
    import random

    texts = [
        WIRE, RANT, "", "I", "us", "bus", "a12,3 g7 1,000.5 .5 _5 x_us my_self 5me Ours ours yourselves",
        "Myself, myselfish; you're your's YOURS Yours! Ünited we ours'd 1.2.3,4 ٣ 四 ²",
    ]
    rnd = random.Random(7)
    pieces = ["I", "me", "my", "My", "mine", "myself", "we", "We", "us", "our", "Ours", "ourselves", "you", "You",
              "yours", "yourself", "yourselves", "12", "3,5", "7.", ",", ".", "_", "a", "s", "self", " ", "-", "é",
              "'", "\n", "٣", "²"]
    for _ in range(2000):
        texts.append("".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))))
    assert [_split_counts(t) for t in texts] == [_one_pass_counts(t) for t in texts]


def test_style_counts_on_bbc_dev(shared_data) -> None:  # type: ignore[no-untyped-def]
    import json

    texts = [json.loads(line)["text"] for line in (shared_data / "news" / "bbc_dev.jsonl").open(encoding="utf-8")]
    assert [_split_counts(t) for t in texts] == [_one_pass_counts(t) for t in texts]


def test_every_feature_has_a_meaning() -> None:
    assert set(features.FEATURE_HELP) == set(features.FEATURE_NAMES)
    assert all(features.FEATURE_HELP.values())


def test_residue_kinds_are_kinds_the_boilerplate_signal_reports() -> None:
    from analyzer.signals.boilerplate import REASONS

    assert features.RESIDUE_KINDS <= set(REASONS)
    assert {"share_buttons", "cookie_notice", "scraper_residue", "navigation"} <= features.RESIDUE_KINDS
    assert not {"caption", "byline_dateline", "credit"} & features.RESIDUE_KINDS  # normal on a clean page


def test_share_buttons_count_as_residue() -> None:
    body = ("The government announced on Monday that it would raise the minimum wage by five percent. "
            "Officials said the increase would help about two million workers.")
    cookies = "This site uses cookies. By continuing to browse the site you agree to our use of cookies."
    share = "Share this story with a friend"
    article = score_text("\n\n".join([body, body.replace("Monday", "Tuesday"), share, cookies]))
    assert features.extract(article)["residue_lines"] == pytest.approx(0.5)
