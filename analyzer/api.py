"""Library entry points behind the CLI: score, flag and trust whole inputs."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from analyzer.article import Article
from analyzer.io.readers import DEFAULT_MAX_BYTES, ReadError, read_paths
from analyzer.pipeline import prepare_context, score_stream
from analyzer.stories import Flag, group_and_flag
from analyzer.trust import TrustModel, rank_sources, resolve_model

PathLike = str | os.PathLike[str]
# A trust model, a model file, or None for the shipped models/trust.json.
ModelLike = TrustModel | str | os.PathLike[str] | None


def score_paths(
    paths: Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, model: ModelLike = None, jobs: int = 1
) -> Iterator[Article | ReadError]:
    """Score every article under `paths`, streaming; ReadErrors are yielded in place of bad inputs.

    The input is read twice: a cheap pre-pass counts lines repeated across a source's articles
    (boilerplate of that source), then the articles are scored one at a time. With `jobs` > 1
    (0 = every CPU) they are scored on that many processes, same results in the same order.
    """
    paths = list(paths)
    trust_model = resolve_model(model)  # fails before any reading when the model file is bad
    context = prepare_context(read_paths(paths, max_bytes=max_bytes))
    if jobs != 1:
        from analyzer.parallel import score_parallel

        return score_parallel(read_paths(paths, max_bytes=max_bytes), context, jobs=jobs, model=trust_model)
    return score_stream(read_paths(paths, max_bytes=max_bytes), context, model=trust_model)


def split(items: Iterable[Article | ReadError]) -> tuple[list[Article], list[ReadError]]:
    articles: list[Article] = []
    errors: list[ReadError] = []
    for item in items:
        (errors if isinstance(item, ReadError) else articles).append(item)  # type: ignore[arg-type]
    return articles, errors


@dataclass
class FlagResult:
    stories: list[dict[str, Any]]
    flags: list[Flag]
    errors: list[ReadError]
    articles: list[Article] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"stories": self.stories, "flags": [f.to_dict() for f in self.flags],
                "errors": [e.to_dict() for e in self.errors]}


def flag_articles(articles: list[Article], errors: list[ReadError] | None = None) -> FlagResult:
    stories, flags = group_and_flag(articles)
    return FlagResult(stories, flags, errors or [], articles)


def flag_paths(
    paths: Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, model: ModelLike = None, jobs: int = 1
) -> FlagResult:
    articles, errors = split(score_paths(paths, max_bytes=max_bytes, model=model, jobs=jobs))
    return flag_articles(articles, errors)


@dataclass
class TrustResult:
    sources: list[dict[str, Any]]
    errors: list[ReadError]
    articles: list[Article] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"sources": self.sources, "errors": [e.to_dict() for e in self.errors]}


def trust_paths(
    paths: Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, model: ModelLike = None, jobs: int = 1
) -> TrustResult:
    trust_model = resolve_model(model)
    flagged = flag_paths(paths, max_bytes=max_bytes, model=trust_model, jobs=jobs)
    garbled = {f.id for f in flagged.flags}
    return TrustResult(rank_sources(flagged.articles, garbled, trust_model), flagged.errors, flagged.articles)
