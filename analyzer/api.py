"""Library entry points behind the CLI: score, flag and trust whole inputs (files and folders, or
articles held in memory: score_articles), and train the trust model (train_from_labels,
train_from_rows)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from analyzer.article import Article
from analyzer.io.readers import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_LINE_BYTES,
    Listing,
    PageCache,
    ReadError,
    memory_articles,
    read_paths,
)
from analyzer.pipeline import prepare_context, score_stream
from analyzer.signals import RunContext
from analyzer.stories import Flag, group_and_flag
from analyzer.trust import TrustModel, rank_sources, resolve_model

# Training is a library call too: from a labels file, or from rows (dicts, a DataFrame) in memory.
from analyzer.trust.training import TrainResult as TrainResult
from analyzer.trust.training import train_from_labels as train_from_labels
from analyzer.trust.training import train_from_rows as train_from_rows

PathLike = str | os.PathLike[str]
# A trust model, a model file, or None for the shipped models/trust.json.
ModelLike = TrustModel | str | os.PathLike[str] | None
# What score_articles takes: a text, a record (as a JSONL line holds one), or an Article.
ArticleLike = Article | str | dict[str, Any]
# `flag` and `trust` compare every article with every other copy, so they hold all scored
# articles in memory: ~19.5 kB each once scored (bench/bench_memory.py on bbc_dev.jsonl), and `flag`'s
# whole run peaked at ~51 kB an article with its grouping indexes (session 32, h32f, scratch: 1,432 MB
# at 20,000 mixed news articles), so 200,000 articles need ~10 GB, within a 24 GB machine.
# Over the limit they stop with TooManyArticles (--max-articles); so does `score` where it compares
# the copies (json, csv, table, jsonl --compare); `score --format jsonl` streams, no limit.
DEFAULT_MAX_ARTICLES = 200_000


class TooManyArticles(ValueError):
    """More articles than `flag`/`trust` may hold in memory."""


class SchedulerError(RuntimeError):
    """A Dask scheduler (--scheduler) that cannot be used: unreachable, or dask not installed."""


def as_paths(paths: PathLike | Iterable[PathLike]) -> list[PathLike]:
    """The paths to read: one str or os.PathLike is one path, anything else an iterable of them.
    A str is itself an iterable of str, so `trust_paths("seeds/")` read '.', '/' and every letter
    as paths: the current folder and the whole file system from '/' (a helper's bug hunt)."""
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return list(paths)


def score_paths(
    paths: PathLike | Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, model: ModelLike = None, jobs: int = 1,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES, skip: Callable[[Article], bool] | None = None,
    compare: bool = False, max_articles: int = DEFAULT_MAX_ARTICLES,
) -> Iterator[Article | ReadError] | list[Article | ReadError]:
    """Score every article under `paths`, streaming; ReadErrors are yielded in place of bad inputs.

    `compare=True` also compares the copies, as `analyzer score` does by default in its json, csv and
    table formats (compare_scored): the result is then a list, every article held in memory (more than
    `max_articles` raise TooManyArticles). Off by default here: the stream stays a lazy iterator
    whose articles are each judged alone, as before (a caller iterating it one at a time would
    otherwise wait for the whole input and hold it).

    The input is read twice: a cheap pre-pass counts lines repeated across a source's articles
    (boilerplate of that source), then the articles are scored one at a time (HTML pages are
    extracted once: readers.PageCache). A file the pre-pass found in a folder and the second reading
    no longer finds (deleted meanwhile) comes back as a ReadError in its place, "vanished during the
    run" (readers.Listing). With `jobs` > 1
    (0 = every CPU; a negative number raises ValueError, as --jobs refuses it) they are scored on
    that many processes, same results in the same order.
    Articles for which `skip` returns True are not scored nor yielded (--resume). Paths are taken as
    given: a glob pattern is not expanded here, as the CLI and analyzer.distributed expand one (give
    `sorted(glob.glob(pattern, recursive=True))`); a pattern reads as a missing path.
    """
    check_jobs(jobs)
    _check_compare(compare, skip)
    paths = as_paths(paths)
    trust_model = resolve_model(model)  # fails before any reading when the model file is bad
    pages, listing = PageCache(), Listing()  # shared by the two readings: a file gone since is reported
    context = prepare_context(read_paths(paths, max_bytes=max_bytes, max_line_bytes=max_line_bytes, pages=pages,
                                         listing=listing))
    items = read_paths(paths, max_bytes=max_bytes, max_line_bytes=max_line_bytes, pages=pages, listing=listing)
    scored = _scored(items, context, trust_model, jobs, skip)
    return compare_scored(scored, model=trust_model, max_articles=max_articles) if compare else scored


def score_articles(
    items: Iterable[ArticleLike], *, model: ModelLike = None, jobs: int = 1,
    skip: Callable[[Article], bool] | None = None, compare: bool = False,
    max_articles: int = DEFAULT_MAX_ARTICLES,
) -> Iterator[Article | ReadError] | list[Article | ReadError]:
    """Score texts, records or Articles held in memory as one run, as `analyzer score` scores them
    written to files: the same per-source pre-pass as score_paths (lines repeated across a source's
    articles read as its boilerplate, which score_text, one text at a time, cannot see) and the
    same batches, so the output equals `score` on the files (tests/test_api.py).

    Each item is a str (the text of an article file: its front matter gives metadata, a banner or
    credit its source), a dict (a record as a JSONL line holds one: `text`, else `content` or
    `body`; optional `id`, `source`, `url`, `title`, `date`) or an Article (scored as a fresh copy
    of its input fields). An item without an id is `text:N`, N from 1 in input order; an id given
    twice for two texts (of one path: texts and records have none) is `<id>:<N>` the second time, the
    same text again a ReadError (read once), as in one JSONL file; an item that cannot be read (no
    text) is yielded as a ReadError named so, in its place. The items are read
    into memory before the first is scored (the pre-pass reads them all); anything but a str, a
    dict or an Article raises TypeError then. `model`, `jobs` and `skip` as score_paths'. One str,
    dict or Article given alone is one item, as one path is to score_paths. `compare` and
    `max_articles` as score_paths' (off by default: the result stays an iterator).
    """
    check_jobs(jobs)
    _check_compare(compare, skip)
    trust_model = resolve_model(model)
    # A str iterates as its letters and a dict as its keys: `score_articles(text)` scored every letter
    # of the text as an article, `score_articles(record)` every field name (session 26 bug hunt, A1).
    if isinstance(items, str | dict | Article):
        items = [items]
    articles = list(memory_articles(items))
    scored = _scored(articles, prepare_context(articles), trust_model, jobs, skip)
    return compare_scored(scored, model=trust_model, max_articles=max_articles) if compare else scored


def _check_compare(compare: bool, skip: Callable[[Article], bool] | None) -> None:
    """ValueError for compare with skip: the articles skipped (already written by an interrupted run)
    would be missing from the comparison, the originals of the copies scored now among them."""
    if compare and skip is not None:
        raise ValueError("compare=True needs every article: it cannot be combined with skip (--resume)")


def compare_scored(items: Iterable[Article | ReadError], *, model: ModelLike = None,
                   max_articles: int = DEFAULT_MAX_ARTICLES) -> list[Article | ReadError]:
    """Scored articles (score_paths' or score_articles' stream, or a distributed run's) held and
    compared, as `analyzer score` compares them: each copy `flag` shows to be garbled gets flag's
    label where its own is clean, flag's spans as evidence of a `copy_` kind (the original's wording
    as suggestion), the hold `trust` gives it (scores["trust"] and details["trust"]), a translation
    score of at least compare.FLAGGED_COPY_TRANSLATION, a machine translation beside its original its
    flag's probability (not where flag only repeats the article's own label) and details["copy"]
    (original, label, similarity, spans added, its own scoring, a machine translation's direction).
    Returns the items in input order, ReadErrors in their places; more than `max_articles` articles
    raise TooManyArticles. `model`: the one that scored them (the hold reruns it on the copy)."""
    from analyzer.compare import compare_articles

    trust_model = resolve_model(model)
    held = list(_at_most(items, max_articles, COMPARE_REMEDY))
    _check_keys(item for item in held if isinstance(item, Article))
    compare_articles([item for item in held if isinstance(item, Article)], trust_model)
    return held


def check_jobs(jobs: int) -> None:
    """ValueError unless `jobs` is 1 or more, or 0 for every CPU, as the CLI's --jobs takes it.
    parallel.resolve_jobs read any negative value as every CPU, where joblib counts -2 as every CPU
    but one and GNU parallel -1 as every CPU but one: a number whose meaning depends on the tool
    the caller knows is refused, in the library as on the command line (bughunt24 A4)."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise ValueError(f"jobs={jobs!r}: give a number of processes, 1 or more, or 0 for every CPU")


def _scored(items: Iterable[Article | ReadError], context: RunContext, model: TrustModel, jobs: int,
            skip: Callable[[Article], bool] | None) -> Iterator[Article | ReadError]:
    """score_paths' and score_articles' scoring pass over the items the pre-pass read."""
    if skip is not None:
        items = (item for item in items if isinstance(item, ReadError) or not skip(item))
    if jobs != 1:
        from analyzer.parallel import score_parallel

        return score_parallel(items, context, jobs=jobs, model=model)
    return score_stream(items, context, model=model)


def split(items: Iterable[Article | ReadError]) -> tuple[list[Article], list[ReadError]]:
    """The scored articles and the skipped inputs of score_paths' stream, each in input order."""
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


def flag_articles(articles: Iterable[Article | ReadError], errors: list[ReadError] | None = None) -> FlagResult:
    """Group scored articles into stories and flag their garbled copies (`analyzer flag` on them).
    `articles` may be any iterable, score_paths' stream too: its ReadErrors join `errors`."""
    articles, errors = _held(articles, errors)[:2]
    stories, flags = group_and_flag(articles)
    return FlagResult(stories, flags, errors, articles)


def _held(items: Iterable[Article | ReadError], errors: list[ReadError] | None) -> tuple[
        list[Article], list[ReadError], dict[int, Article]]:
    """The articles of `items` in a list, and `errors` with the ReadErrors among them. A generator
    raised TypeError deep in story grouping (flag_articles), and trust_articles, which reads the
    articles twice, ranked an exhausted one as no source at all (session 26 bug hunt, A3). Articles
    compared by compare_scored are read as scored alone (compare.uncompared) from a copy, which the
    third value maps (by id()) to the caller's record: undoing the comparison in place turned the
    caller's records back to clean, their copy_ spans and, for flag_articles, their hold gone."""
    from analyzer.compare import scored_alone

    articles, found = split(items)
    for article in articles:
        _check_scored(article)
    _check_keys(articles)
    # Articles `score` compared (compare_scored) are read as scored alone: flag would take the
    # comparison's label and spans for the copy's own, and trust would hold it twice.
    held: list[Article] = []
    given: dict[int, Article] = {}
    for article in articles:
        alone = scored_alone(article)
        if alone is not article:
            given[id(alone)] = article
        held.append(alone)
    return held, [*(errors or []), *found], given


def _check_keys(articles: Iterable[Article]) -> None:
    """ValueError for two articles of one (path, id). Articles scored in separate calls (an Airflow
    task's batches) each number their ids from text:1: flag named a spun copy as made from itself
    ('text:1', original 'text:1'), and trust and compare_scored held the clean originals of the
    other batch as garbled (bug hunt 31b, A6). One run's articles never share a key."""
    keys: set[tuple[str, str]] = set()
    for article in articles:
        if article.key in keys:
            where = f" of path {article.path!r}" if article.path else ""
            raise ValueError(f"two articles have the id {article.id!r}{where}: flag and trust tell articles apart "
                             "by path and id; score them in one call (ids without one are numbered per call, "
                             "text:1, text:2, ...) or give each its own id")
        keys.add(article.key)


def _check_scored(item: object) -> None:
    """TypeError for an item that is no Article, ValueError for an Article never scored: texts or
    records given to flag_articles / trust_articles raised AttributeError deep in compare.py, and an
    Article built by hand and not scored was ranked on its empty features (trust 0.896 for any text)
    and never flagged, silently (bug hunt 31b, A2)."""
    if not isinstance(item, Article):
        raise TypeError(f"give scored Articles (api.score_articles(items) or api.score_paths(paths)), "
                        f"not {type(item).__name__}")
    if "trust" not in item.scores:
        raise ValueError(f"article {item.id!r} is not scored: give it to api.score_articles first")
    if not isinstance(item.source, str):
        # A source set after scoring from a DataFrame's cell (NaN, None) raised AttributeError in the ranking.
        raise TypeError(f"article {item.id!r}: its source is a str ('unknown' for none), "
                        f"not {type(item.source).__name__}")


def flag_paths(
    paths: PathLike | Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, model: ModelLike = None, jobs: int = 1,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES, max_articles: int = DEFAULT_MAX_ARTICLES,
    progress: Callable[[Iterator[Article | ReadError]], Iterable[Article | ReadError]] | None = None,
) -> FlagResult:
    """`analyzer flag PATHS`: `.stories`, `.flags` (garbled copies, each naming its original), `.errors`
    (skipped inputs) and `.articles` (every scored article); `.to_dict()` is the CLI's JSON. Options as
    score_paths'; more than `max_articles` articles raise TooManyArticles. `progress` wraps the stream
    of scored items (the CLI's progress bar), each passed on as it comes."""
    scored = score_paths(paths, max_bytes=max_bytes, model=model, jobs=jobs, max_line_bytes=max_line_bytes)
    if progress is not None:
        scored = progress(scored)  # type: ignore[arg-type]
    articles, errors = split(_at_most(scored, max_articles))
    return flag_articles(articles, errors)


# What TooManyArticles says to do, by command: flag, trust and report, and score comparing copies.
FLAG_REMEDY = ("flag, trust and report hold every article in memory to compare copies; split the input "
               "or raise --max-articles")
COMPARE_REMEDY = ("score holds every article in memory to compare copies; split the input, raise --max-articles, "
                  "or give --no-compare")


def _at_most(items: Iterable[Article | ReadError], limit: int,
             remedy: str = FLAG_REMEDY) -> Iterator[Article | ReadError]:
    """`items`, raising TooManyArticles as soon as the (limit + 1)th article arrives."""
    count = 0
    for item in items:
        if isinstance(item, Article):
            count += 1
            if count > limit:
                raise TooManyArticles(f"more than {limit:,} articles: {remedy}")
        yield item


@dataclass
class TrustResult:
    sources: list[dict[str, Any]]
    errors: list[ReadError]
    articles: list[Article] = field(default_factory=list)
    # The grouping the ranking counted garbled copies from (the report draws its story diffs).
    flagged: FlagResult | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"sources": self.sources, "errors": [e.to_dict() for e in self.errors]}


def trust_paths(
    paths: PathLike | Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, model: ModelLike = None, jobs: int = 1,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES, max_articles: int = DEFAULT_MAX_ARTICLES,
    progress: Callable[[Iterator[Article | ReadError]], Iterable[Article | ReadError]] | None = None,
) -> TrustResult:
    """`analyzer trust PATHS`: `.sources` (the ranked rows of the trust table), `.errors`, `.articles`
    and `.flagged` (the grouping whose garbled copies it counted); `.to_dict()` is the CLI's JSON.
    `model`: a TrustModel, a model file from `analyzer train`, or None for the shipped one. `progress`
    as flag_paths'."""
    trust_model = resolve_model(model)
    flagged = flag_paths(paths, max_bytes=max_bytes, model=trust_model, jobs=jobs, max_line_bytes=max_line_bytes,
                         max_articles=max_articles, progress=progress)
    return _ranked(flagged, trust_model)


def trust_articles(articles: Iterable[Article | ReadError], errors: list[ReadError] | None = None, *,
                   model: ModelLike = None) -> TrustResult:
    """`analyzer trust` on articles already scored (score_articles or score_paths, split), as
    flag_articles is `analyzer flag` on them: the same TrustResult as trust_paths on their files.
    `model` as trust_paths': each article's trust is computed again with it (written back to
    `scores["trust"]`), so the table is that model's whichever model scored them. `articles` as
    flag_articles takes them: a record `score` compared keeps its comparison (label, copy_ spans,
    details["copy"]), its trust the hold's with `model`."""
    from analyzer.compare import COPY_DETAIL, keep_trust

    trust_model = resolve_model(model)
    articles, errors, given = _held(articles, errors)
    # The ranking took each article's trust as scored and its `why` from `model`: articles scored with
    # the shipped model and ranked with a retrained one mixed both, silently (session 26 bug hunt, A2).
    own_trust: dict[int, float] = {}
    for article in articles:
        article.scores["trust"] = own_trust[id(article)] = trust_model.score(article)
    ranked = _ranked(flag_articles(articles, errors), trust_model)
    for article in articles:
        record = given.get(id(article))
        if record is not None:  # a compared record keeps its comparison, with this model's trust
            record.details[COPY_DETAIL]["own"]["trust"] = own_trust[id(article)]
            keep_trust(record, article)
    return ranked


def _ranked(flagged: FlagResult, model: TrustModel) -> TrustResult:
    """The trust table of a flagged run: its garbled copies count as such, and are held low (their
    `why` names the original each was made from)."""
    return TrustResult(rank_sources(flagged.articles, flagged.flags, model), flagged.errors, flagged.articles,
                       flagged)
