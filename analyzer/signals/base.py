"""What every signal returns, and the run-wide context signals may read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from analyzer.article import Article, Evidence, moved_back
from analyzer.text import Span, reading_view


@dataclass
class SignalResult:
    """Scores go to article.scores, evidence to article.evidence, details to article.details[name]."""

    scores: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    # Optional article-level fields a signal owns (e.g. language, label).
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunContext:
    """Facts about the whole run that a single article cannot see.

    `source_lines[source]` maps a normalised line hash to the number of distinct articles of that
    source containing it; filled by a cheap pre-pass (see analyzer.pipeline.prepare_context).
    Only lines found in two or more articles of the source are kept (pipeline.MIN_CONTEXT_COUNT):
    a line found in only one article is left out, so a missing hash means "not repeated", not
    "never seen". Lines shorter than pipeline.MIN_REPEATED_LINE_CHARS are not counted at all.
    """

    source_lines: dict[str, dict[int, int]] = field(default_factory=dict)
    source_articles: dict[str, int] = field(default_factory=dict)


class Signal(Protocol):
    """A signal is any callable of this shape; the registry key is its name."""

    def __call__(self, article: Article, context: RunContext) -> SignalResult: ...


# The lexicons, thesauri and models of translation, attribution and hedging are English.
LEXICON_LANGUAGE = "en"


def other_language(article: Article, signal: str) -> str | None:
    """Why an English-lexicon signal leaves this article unjudged (details["skipped"]), or None.

    On a French story the English detectors took its own "EI" (for IS) for a foreign acronym, and
    the cue lexicons find no "said" and no "may": a score of 0 there would read as "no attribution"
    or "no hedge" rather than "not measured"."""
    if article.language == LEXICON_LANGUAGE:
        return None
    return f"article language is {article.language!r}; the {signal} lexicons read English only"


SentenceScan = Callable[[str, list[Span]], tuple[list[Evidence], list[bool]]]


def scan_as_shown(scan: SentenceScan, text: str, sentences: list[Span]) -> tuple[list[Evidence], list[bool]]:
    """scan(text, sentences) -> (evidence, a flag per sentence), run on the text as a reader sees it
    where that differs (text.ReadingView), so that a soft hyphen inside a cue word ("spokes\xadwoman")
    or a character reference ("the ministry&#8217;s statement") does not hide it; evidence offsets
    come back as the text's."""
    view = reading_view(text)
    if view is None:
        return scan(text, sentences)
    evidence, flags = scan(view.text, view.spans(sentences))
    return moved_back(evidence, view, text), flags
