"""Fuzz every signal of analyzer.signals.REGISTRY and the whole score_article on arbitrary text.

    python fuzz/fuzz_signals.py [libFuzzer options] [CORPUS_DIR]

Contract checked: no exception, finite scores (0..1 where the contract says so), every evidence
span inside the text and equal to it, and the JSON line of the article is valid UTF-8.
"""

from __future__ import annotations

import math
import sys

import atheris

with atheris.instrument_imports(include=["analyzer"]):
    from analyzer.article import Article
    from analyzer.io.writers import dumps
    from analyzer.pipeline import score_article
    from analyzer.signals import REGISTRY, RunContext

UNIT_SCORES = ("translation", "boilerplate", "attribution", "hedging", "trust")
SIGNALS = list(REGISTRY.items())


def check(text: str, scores: dict[str, float], evidence: list) -> None:  # type: ignore[type-arg]
    for key, value in scores.items():
        assert math.isfinite(value), (key, value)
        if key in UNIT_SCORES:
            assert 0.0 <= value <= 1.0, (key, value)
    for ev in evidence:
        assert 0 <= ev.start <= ev.end <= len(text), ev
        assert text[ev.start:ev.end] == ev.text, ev


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    choice = provider.ConsumeIntInRange(0, len(SIGNALS))
    text = provider.ConsumeUnicode(provider.remaining_bytes())
    if choice < len(SIGNALS):  # one signal alone, on a fresh article
        name, signal = SIGNALS[choice]
        article = Article(id="fuzz", text=text)
        result = signal(article, RunContext())
        # A signal may take a span's text from the prose (a hard wrap read as a space); the
        # pipeline sets it from the text as given, as here.
        article.restore_evidence_text(result.evidence)
        check(article.decoded, result.scores, result.evidence)
    else:  # the whole pipeline, as `analyzer score` runs it
        article = score_article(Article(id="fuzz", text=text), time_limit=0)
        check(text, article.scores, article.evidence)  # span texts come from the text as given
        dumps(article.to_dict()).encode("utf-8")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
