"""Run the signals over articles: the one place where an Article gets its scores."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from analyzer.article import Article
from analyzer.io.readers import ReadError
from analyzer.signals import REGISTRY, RunContext, Signal

if TYPE_CHECKING:
    from analyzer.trust.model import TrustModel

# Lines shorter than this are not counted for cross-article repetition ("Share", "Photo" are
# handled by the line rules; counting them would only cost memory).
MIN_REPEATED_LINE_CHARS = 8


def line_key(line: str) -> int:
    """A stable 64-bit key for a normalised line (stable across processes, unlike hash())."""
    norm = " ".join(line.lower().split())
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def prepare_context(articles: Iterable[Article | ReadError]) -> RunContext:
    """Pre-pass: for each source, in how many of its articles each line occurs."""
    context = RunContext()
    for article in articles:
        if isinstance(article, ReadError):
            continue
        context.source_articles[article.source] = context.source_articles.get(article.source, 0) + 1
        counts = context.source_lines.setdefault(article.source, {})
        for key in {line_key(s.text) for s in article.lines if len(s.text) >= MIN_REPEATED_LINE_CHARS}:
            counts[key] = counts.get(key, 0) + 1
    return context


def score_article(
    article: Article,
    context: RunContext | None = None,
    signals: Mapping[str, Signal] = REGISTRY,
    model: TrustModel | None = None,
) -> Article:
    """Run every signal on one article, in registry order, then the trust model (default: shipped)."""
    from analyzer import trust

    context = context or RunContext()
    for name, signal in signals.items():
        result = signal(article, context)
        article.scores.update(result.scores)
        article.evidence.extend(result.evidence)
        if result.details:
            article.details[name] = result.details
        for field_name, value in result.fields.items():
            setattr(article, field_name, value)
    article.scores["trust"] = (model or trust.default_model()).score(article)
    return article


def score_stream(
    items: Iterable[Article | ReadError], context: RunContext | None = None, model: TrustModel | None = None
) -> Iterator[Article | ReadError]:
    context = context or RunContext()
    for item in items:
        yield item if isinstance(item, ReadError) else score_article(item, context, model=model)


def score_text(text: str, *, id: str = "text", source: str = "unknown") -> Article:
    """Convenience for library users: score one string."""
    return score_article(Article(id=id, text=text, source=source))
