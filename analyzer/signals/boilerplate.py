"""Boilerplate lines: scraper residue, players and captions, navigation, foreign-language promos."""

from __future__ import annotations

import re
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult

NAME = "boilerplate"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(row["pattern"], re.IGNORECASE), row["kind"])
        for row in lexicons.load("boilerplate_patterns")
    )


def line_kind(line: str) -> str | None:
    for pattern, kind in _patterns():
        if pattern.fullmatch(line):
            return kind
    return None


def boilerplate_signal(article: Article, context: RunContext) -> SignalResult:
    text = article.text
    foreign = {(e.start, e.end) for e in article.evidence if e.kind == "foreign_language"}
    evidence, content = [], []
    for line in article.lines:
        kind = line_kind(line.text)
        if kind is None and (line.start, line.end) in foreign:
            kind = "foreign_language"
        if kind is None:
            content.append((line.start, line.end))
            continue
        evidence.append(
            Evidence.at(text, line.start, line.end, signal=NAME, kind=kind,
                        reason=f"This line is {kind.replace('_', ' ')}, not part of the article.")
        )
    total = sum(len(line.text) for line in article.lines) or 1
    share = sum(e.end - e.start for e in evidence) / total
    return SignalResult(
        scores={"boilerplate": share},
        evidence=evidence,
        details={"lines": len(article.lines), "boilerplate_lines": len(evidence)},
        fields={"content_ranges": content},
    )
