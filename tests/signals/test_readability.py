"""Readability: textstat's Flesch formulas, offline (no NLTK downloader), grade in details."""

from __future__ import annotations

import math

import nltk
import pytest
import textstat

from analyzer.article import Article
from analyzer.signals.base import RunContext
from analyzer.signals.readability import readability_signal

SIMPLE = "The cat sat on the mat. The dog ran. We had fun."
HARD = ("Notwithstanding considerable methodological heterogeneity, the multinational consortium "
        "characterised institutional accountability mechanisms comprehensively.")


def test_never_calls_the_nltk_downloader(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("nltk.download must never be called")

    def missing(*args: object, **kwargs: object) -> None:
        raise LookupError("no NLTK data on this machine")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", missing)
    result = readability_signal(Article(id="r", text=SIMPLE + " Unusualword appears."), RunContext())
    assert math.isfinite(result.scores["readability"])


def test_flesch_scores_and_grade() -> None:
    easy = readability_signal(Article(id="e", text=SIMPLE), RunContext())
    hard = readability_signal(Article(id="h", text=HARD), RunContext())
    assert easy.scores["readability"] > 90 > 0 > hard.scores["readability"]
    assert easy.details["flesch_kincaid_grade"] < 3 < 20 < hard.details["flesch_kincaid_grade"]


def test_matches_textstat_on_the_content_text() -> None:
    result = readability_signal(Article(id="s", text=SIMPLE), RunContext())
    assert result.scores["readability"] == pytest.approx(textstat.flesch_reading_ease(SIMPLE), abs=0.01)


def test_only_content_lines_count() -> None:
    text = SIMPLE + "\n" + HARD
    article = Article(id="c", text=text)
    article.content_ranges = [(0, len(SIMPLE))]
    assert readability_signal(article, RunContext()).scores["readability"] > 90


def test_empty_text() -> None:
    result = readability_signal(Article(id="0", text="   "), RunContext())
    assert result.scores["readability"] == 0.0
    assert result.details["flesch_kincaid_grade"] == 0.0
