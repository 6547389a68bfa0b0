"""Property tests: any text in, valid scores and spans out, the same every time."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.pipeline import score_text

UNIT_SCORES = ("translation", "boilerplate", "attribution", "hedging", "trust")

# Text built from news-like pieces as well as arbitrary Unicode, so that signals get exercised.
news_bits = st.sampled_from([
    "the Observatory said.", "Author's right of the image", "in japanese Syria", "[ad_2]Source link",
    "could not independently verify", "\n", "\n\n", " EI ", "“quoted,” he told AFP.", "may", "May 2018",
    "Middle East Eye propose une couverture", "?? ??", "greater than 37,000", " ,", "\u200b", "\u202e",
    "Media\u00a0playback is not supported on your device", "\u00a0", "\u202f", "in line with\u2009the monitor",
])
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(news_bits, st.text(max_size=30)), max_size=40).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_valid_scores_and_spans(text: str) -> None:
    article = score_text(text)
    for key in UNIT_SCORES:
        value = article.scores[key]
        assert math.isfinite(value) and 0.0 <= value <= 1.0, (key, value)
    assert math.isfinite(article.scores["readability"])
    assert article.label in {"clean", "machine_translated", "spun"}
    for ev in article.evidence:
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.text
    again = score_text(text).to_dict()
    assert again == article.to_dict()
