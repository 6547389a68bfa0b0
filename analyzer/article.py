"""The record that flows through the pipeline, and the evidence spans signals attach to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from analyzer import text as textutil

LABELS = ("clean", "machine_translated", "spun")
SCORE_KEYS = ("translation", "boilerplate", "attribution", "hedging", "readability", "trust")


@dataclass(slots=True)
class Evidence:
    """One flagged character span, as in OUTPUT.md. `text` always equals article.text[start:end]."""

    signal: str
    kind: str
    start: int
    end: int
    text: str
    reason: str
    suggestion: str | None = None

    @classmethod
    def at(
        cls,
        source_text: str,
        start: int,
        end: int,
        *,
        signal: str,
        kind: str,
        reason: str,
        suggestion: str | None = None,
    ) -> Evidence:
        """Build a span from offsets so that `text` can never disagree with them."""
        return cls(signal, kind, start, end, source_text[start:end], reason, suggestion)

    def to_dict(self) -> dict[str, Any]:
        return {
            "signal": self.signal,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
            "reason": self.reason,
        }


@dataclass
class Article:
    """One article. Readers fill the input fields; signals fill scores, evidence and details."""

    id: str
    text: str
    path: str | None = None
    source: str = "unknown"
    url: str | None = None
    title: str | None = None
    date: str | None = None
    language: str = "en"
    label: str = "clean"
    scores: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    # Per-signal figures that are not scores (quote counts, grade levels, feature values...).
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Character ranges of lines the boilerplate signal kept as content; None = whole text.
    content_ranges: list[tuple[int, int]] | None = None

    @cached_property
    def lines(self) -> list[textutil.Span]:
        return textutil.split_lines(self.text)

    @cached_property
    def sentences(self) -> list[textutil.Span]:
        return textutil.split_sentences(self.text)

    @property
    def content_sentences(self) -> list[textutil.Span]:
        """Sentences inside content lines (all sentences until boilerplate has run)."""
        if self.content_ranges is None:
            return self.sentences
        return textutil.within(self.sentences, self.content_ranges)

    @property
    def words(self) -> int:
        return textutil.count_words(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "language": self.language,
            # self.words, counted by findall (one C call) instead of a generator over finditer.
            "words": len(textutil.WORD_RE.findall(self.text)),
            "scores": {key: round(float(self.scores.get(key, 0.0)), 4) for key in SCORE_KEYS},
            "label": self.label,
            "evidence": [ev.to_dict() for ev in sorted(self.evidence, key=_evidence_order)],
            "details": self.details,
        }


def _evidence_order(ev: Evidence) -> tuple[int, int, str, str]:
    return (ev.start, ev.end, ev.signal, ev.kind)
