"""Article-level features for the trust model: defensive reads, bounded values, the style cues."""

from __future__ import annotations

import math

import pytest

from analyzer import features
from analyzer.article import Article, Evidence
from analyzer.pipeline import score_text

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
    assert values["artifact_density"] == pytest.approx(math.log1p(2 * 100 / len(text.split())))
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
