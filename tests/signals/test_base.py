from __future__ import annotations

from analyzer.article import Article
from analyzer.signals.attribution import attribution_signal
from analyzer.signals.base import RunContext
from analyzer.signals.hedging import hedging_signal

PLAIN = ("The spokeswoman said the talks had failed. According to officials, the ceasefire may "
         "collapse. The ministry could not independently verify the reports.")
# CMS hyphenation and a zero-width space inside the cue words.
HIDDEN = ("The spokes\xadwoman said the talks had failed. Accor\u200bding to officials, the ceasefire may "
          "col\xadlapse. The ministry could not indepen\xaddently verify the reports.")


def _kinds_and_words(article: Article, signal: object) -> tuple[dict[str, float], list[tuple[str, str]]]:
    result = signal(article, RunContext())  # type: ignore[operator]
    for ev in result.evidence:
        assert ev.text == article.text[ev.start:ev.end]
    return result.scores, [(ev.kind, ev.text.replace("\xad", "").replace("\u200b", "")) for ev in result.evidence]


def test_cues_split_by_invisible_characters_are_found() -> None:
    # The scans read the text without its invisible characters; spans come back as the text's.
    for signal in (attribution_signal, hedging_signal):
        plain = _kinds_and_words(Article(id="p", text=PLAIN), signal)
        hidden = _kinds_and_words(Article(id="h", text=HIDDEN), signal)
        assert hidden == plain and plain[1], signal
