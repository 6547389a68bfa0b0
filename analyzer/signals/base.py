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
    source containing it, the versions of one story counting once (pipeline.story_counts); filled
    by a cheap pre-pass (see analyzer.pipeline.prepare_context).
    Only lines found in two or more articles of the source are kept (pipeline.MIN_CONTEXT_COUNT):
    a line found in only one article is left out, so a missing hash means "not repeated", not
    "never seen". Lines shorter than pipeline.MIN_REPEATED_LINE_CHARS are not counted at all.
    """

    source_lines: dict[str, dict[int, int]] = field(default_factory=dict)
    source_articles: dict[str, int] = field(default_factory=dict)
    # versions[source]: for each article of a story the pre-pass read in several versions (its
    # lines_signature, pipeline.article_signature), that story's signature and number of versions;
    # the boilerplate signal notes it in the article's details, and the trust table counts the
    # story once (trust.ranking.source_stats).
    versions: dict[str, dict[int, tuple[int, int]]] = field(default_factory=dict)


class Signal(Protocol):
    """A signal is any callable of this shape; the registry key is its name."""

    def __call__(self, article: Article, context: RunContext) -> SignalResult: ...


# The lexicons, thesauri and models of translation, attribution and hedging are English.
LEXICON_LANGUAGE = "en"
# `language` of a text with no letters (emoji, punctuation, figures): it has no main language, and
# ISO 639-1 has no code for none; "und" (undetermined) is ISO 639-2's and BCP 47's. Such a text is
# treated as one in another language: not judged by the English lexicons, nor for a source's trust.
NO_LANGUAGE = "und"


def language_note(language: str) -> str:
    """How a reason names an article's language: "article language is 'fr'", or that it has none."""
    if language == NO_LANGUAGE:
        return f"the text has no detectable language ('{NO_LANGUAGE}': no letters)"
    return f"article language is {language!r}"


def other_language(article: Article, signal: str) -> str | None:
    """Why an English-lexicon signal leaves this article unjudged (details["skipped"]), or None.

    On a French story the English detectors took its own "EI" (for IS) for a foreign acronym, and
    the cue lexicons find no "said" and no "may": a score of 0 there would read as "no attribution"
    or "no hedge" rather than "not measured"."""
    if article.language == LEXICON_LANGUAGE:
        return None
    return f"{language_note(article.language)}; the {signal} lexicons read English only"


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
