"""Score, flag and trust on a Dask cluster (`--scheduler ADDRESS`), for corpora past one machine.

Dask (`pip install '.[dask]'` in the checkout) is imported only here and only when used. The workers must
have `analyzer` installed and see the input paths (a shared or network file system).

How a run is laid out:
1. The client lists the input files (folders, files or glob patterns such as 'dumps/*.jsonl')
   and their metadata.csv rows, exactly as analyzer.io.readers.read_paths does; no article is
   read on the client.
2. Pre-pass, one task per file: the per-source line record (pipeline.LineTable) of that file and
   its number of items. The records are merged on the workers by a tree of combine tasks and
   counted once merged (so versions of one story in two files join, as in one process); the
   context stays on the cluster and is handed to the scoring tasks.
3. Scoring: the items are cut into partitions of PARTITION_ITEMS (a big JSONL file is split into
   several partitions), each scored on a worker.
   - score: partitions are streamed back to the client in input order through a bounded window,
     so the client's memory stays flat and the output equals a single-process run byte for byte;
   - trust: each partition reduces its articles to per-source sufficient statistics (counts and
     exact sums, see SourceStats), combined pairwise on the workers; the client only turns the
     final per-source sums into table rows;
   - flag: story grouping aligns copies against each other, so the scored articles (without their
     per-signal details, but the few grouping reads: GROUPING_DETAILS) are gathered on the client
     for analyzer.stories.group_and_flag.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyzer.api import SchedulerError, as_paths
from analyzer.article import Article, ArticleKey
from analyzer.features import GARBLED_KEY, MACHINE_STYLE_KEY, MT_COUNT_KEY
from analyzer.io.readers import DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE_BYTES, STDIN, ReadError, input_files, read_file
from analyzer.parallel import drop_caches
from analyzer.pipeline import LineTable
from analyzer.signals import RunContext
from analyzer.trust.ranking import (
    GarbledCopy,
    SourceStats,
    garbled_copies,
    merge_source_stats,
    repeats_of,
    rows_from_stats,
    source_stats,
)

if TYPE_CHECKING:
    from analyzer.api import FlagResult, TrustResult

PathLike = str | os.PathLike[str]
# Items (articles or read errors) per scoring task: ~0.5-1 s of work at 70-150 articles/s
# (bench/bench_score.py on bbc_dev.jsonl), far above Dask's per-task overhead (~1 ms), and small
# enough that the last tasks balance across workers (bbc_dev.jsonl makes 26 partitions).
PARTITION_ITEMS = 64
# Scoring partitions in flight per worker thread when streaming `score` output to the client.
WINDOW_PER_THREAD = 2
# Partial results merged per combine task (the fan-in of the reduction tree).
COMBINE_FANIN = 8
# `--scheduler local:N` starts a LocalCluster of N single-threaded worker processes.
LOCAL_PREFIX = "local"
GLOB_CHARS = frozenset("*?[")


# ---------------------------------------------------------------------------------------- client


@contextmanager
def connect(scheduler: Any) -> Iterator[Any]:
    """A dask.distributed Client for `scheduler`: a Client, an address, or 'local[:N]'."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the environment
        from analyzer.io.readers import EXTRA_INSTALL

        raise SchedulerError(f"--scheduler needs the optional extra: {EXTRA_INSTALL.format(extra='dask')}") from None
    if not isinstance(scheduler, str):
        yield scheduler
        return
    if scheduler == LOCAL_PREFIX or scheduler.startswith(LOCAL_PREFIX + ":"):
        _, _, count = scheduler.partition(":")
        workers = int(count) if count else os.cpu_count() or 1
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler)
    except OSError as exc:  # else reported as a failed write of the output, where it surfaces
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        yield client


def expand(paths: PathLike | Iterable[PathLike]) -> list[PathLike]:
    """Paths with glob patterns expanded (sorted; '**' recurses); a pattern matching nothing is kept
    as is, so that the reader reports it like any missing path. One str or PathLike is one path."""
    out: list[PathLike] = []
    for raw in as_paths(paths):
        text = str(raw)
        if text == STDIN:  # the workers cannot read this process's standard input
            raise SchedulerError("standard input ('-') cannot be read on a Dask cluster; give files")
        matches = pattern_matches(text)
        out.extend([raw] if matches is None else matches or [raw])
    return out


def pattern_matches(text: str) -> list[str] | None:
    """The sorted matches of `text` read as a glob pattern ('**' recursing; [] when it matches
    nothing), or None when it is no pattern: no glob character, or a name that exists as written
    (`report[1].txt`). The CLI expands its inputs with it too, with or without --scheduler.
    os.path.lexists, not Path.exists: that raises PermissionError for a pattern inside a folder the
    user may not enter (not root), a traceback where the pattern is to be skipped with its reason."""
    if not GLOB_CHARS & set(text) or os.path.lexists(text):
        return None
    return sorted(glob.glob(text, recursive=True))


@dataclass(frozen=True)
class Segment:
    """Items [start, stop) of what analyzer.io.readers.read_file yields for one file."""

    path: str
    meta: dict[str, str]
    start: int
    stop: int


Part = Segment | ReadError


def plan_partitions(entries: Sequence[tuple[Path, dict[str, str]] | ReadError], counts: Sequence[int],
                    size: int = PARTITION_ITEMS) -> list[list[Part]]:
    """Cut the run's items, in input order, into partitions of about `size` items."""
    partitions: list[list[Part]] = []
    current: list[Part] = []
    filled = 0
    files = iter(counts)
    for entry in entries:
        if isinstance(entry, ReadError):
            current.append(entry)
            filled += 1
        else:
            path, meta = entry
            total, start = next(files), 0
            while start < total:
                take = min(total - start, size - filled)
                current.append(Segment(str(path), meta, start, start + take))
                start += take
                filled += take
                if filled >= size:
                    partitions.append(current)
                    current, filled = [], 0
            continue
        if filled >= size:
            partitions.append(current)
            current, filled = [], 0
    if current:
        partitions.append(current)
    return partitions


def _tree(client: Any, futures: list[Any], combine: Callable[..., Any]) -> Any:
    """Reduce futures to one with a tree of combine tasks on the workers (order preserved)."""
    while len(futures) > 1:
        futures = [client.submit(combine, *futures[i:i + COMBINE_FANIN], pure=False)
                   for i in range(0, len(futures), COMBINE_FANIN)]
    return futures[0]


@dataclass
class _Run:
    client: Any
    partitions: list[list[Part]]
    context: Any  # a Future holding the merged RunContext
    model: Any
    limits: dict[str, int]  # read_file's max_bytes and max_line_bytes

    def submit(self, partition: list[Part]) -> Any:
        return self.client.submit(_score_partition, partition, self.context, self.model, self.limits, pure=False)


def _prepare(client: Any, paths: Iterable[PathLike], limits: dict[str, int], model: Any) -> _Run:
    from analyzer.trust import resolve_model

    trust_model = resolve_model(model)
    entries = list(input_files(expand(paths)))
    files = [e for e in entries if not isinstance(e, ReadError)]
    prepass = [client.submit(_prepass_file, str(p), meta, limits, pure=False) for p, meta in files]
    counts = client.gather([client.submit(_first, f, pure=False) for f in prepass])
    contexts = [client.submit(_second, f, pure=False) for f in prepass]
    merged = _tree(client, contexts, merge_line_tables) if contexts else client.submit(LineTable, pure=False)
    context = client.submit(count_lines, merged, pure=False)
    return _Run(client, plan_partitions(entries, counts, PARTITION_ITEMS), context, trust_model, limits)


def score_paths(paths: Iterable[PathLike], *, scheduler: Any, max_bytes: int = DEFAULT_MAX_BYTES,
                model: Any = None, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[Article | ReadError]:
    """Like analyzer.api.score_paths, scored on the cluster; streams in input order."""
    with connect(scheduler) as client:
        run = _prepare(client, paths, {"max_bytes": max_bytes, "max_line_bytes": max_line_bytes}, model)
        window = max(1, WINDOW_PER_THREAD * sum(client.nthreads().values()))
        pending: list[Any] = []
        todo = iter(run.partitions)
        for partition in islice(todo, window):
            pending.append(run.submit(partition))
        while pending:
            head = pending.pop(0)
            items = head.result()
            head.release()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(run.submit(nxt))
            yield from items


def _scored_on_cluster(client: Any, paths: Iterable[PathLike], limits: dict[str, int],
                       model: Any) -> tuple[_Run, list[Any]]:
    run = _prepare(client, paths, limits, model)
    return run, [run.submit(p) for p in run.partitions]


def _gather_for_flag(client: Any, scored: list[Any]) -> tuple[list[Article], list[ReadError], list[int]]:
    """The partitions' articles in input order, their read errors, and each partition's article count."""
    articles: list[Article] = []
    errors: list[ReadError] = []
    sizes: list[int] = []
    for future in scored:
        before = len(articles)
        for item in client.submit(_for_flag, future, pure=False).result():
            (errors if isinstance(item, ReadError) else articles).append(item)  # type: ignore[arg-type]
        sizes.append(len(articles) - before)
    return articles, errors, sizes


def _score_and_gather(client: Any, paths: Iterable[PathLike], max_bytes: int, max_line_bytes: int,
                      model: Any) -> tuple[Any, list[Article], list[ReadError], list[int]]:
    """Score on the cluster and bring back what story grouping needs (flag and trust share it)."""
    limits = {"max_bytes": max_bytes, "max_line_bytes": max_line_bytes}
    cluster = _scored_on_cluster(client, paths, limits, model)
    articles, errors, sizes = _gather_for_flag(client, cluster[1])
    return cluster, articles, errors, sizes


def flag_paths(paths: Iterable[PathLike], *, scheduler: Any, max_bytes: int = DEFAULT_MAX_BYTES,
               model: Any = None, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> FlagResult:
    """Like analyzer.api.flag_paths: scoring on the cluster, story grouping on the client."""
    from analyzer.api import flag_articles

    with connect(scheduler) as client:
        _, articles, errors, _ = _score_and_gather(client, paths, max_bytes, max_line_bytes, model)
    return flag_articles(articles, errors)


def trust_paths(paths: Iterable[PathLike], *, scheduler: Any, max_bytes: int = DEFAULT_MAX_BYTES,
                model: Any = None, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> TrustResult:
    """Like analyzer.api.trust_paths; per-source statistics are combined on the workers."""
    from analyzer.api import TrustResult, flag_articles

    with connect(scheduler) as client:
        (run, scored), articles, errors, sizes = _score_and_gather(client, paths, max_bytes, max_line_bytes, model)
        # What the workers' statistics need of each flag: the copy, its label and its original (its
        # hold's `why` names them), not the evidence.
        flagged = garbled_copies(flag_articles(articles, errors).flags)
        # A repeat (same source, same text) is one of the whole run, not of a partition: decided here,
        # in input order as rank_sources does, and each partition is told which of its articles are.
        repeats = repeats_of(articles)
        del articles
        flagged_future = client.scatter(flagged, broadcast=True) if flagged else None
        parts, start = [], 0
        for size in sizes:
            part = repeats[start:start + size]
            parts.append(part if any(part) else None)
            start += size
        partials = [client.submit(source_stats_of, future, flagged_future, run.model, part, pure=False)
                    for future, part in zip(scored, parts, strict=True)]
        totals = _tree(client, partials, merge_source_stats).result()
    return TrustResult(rows_from_stats(totals), errors)


# --------------------------------------------------------------------------------------- workers


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def _second(pair: tuple[Any, Any]) -> Any:
    return pair[1]


def _prepass_file(path: str, meta: dict[str, str], limits: dict[str, int]) -> tuple[int, LineTable]:
    """The number of items read_file yields for one file, and that file's pre-pass record."""
    from analyzer.pipeline import read_lines

    count = 0

    def counted() -> Iterator[Article | ReadError]:
        nonlocal count
        for item in read_file(Path(path), meta=meta, **limits):
            count += 1
            yield item

    table = read_lines(counted())  # counted only once merged (count_lines)
    return count, table


def _read_part(part: Part, limits: dict[str, int]) -> Iterator[Article | ReadError]:
    if isinstance(part, ReadError):
        yield part
    else:
        yield from islice(read_file(Path(part.path), meta=part.meta, **limits), part.start, part.stop)


def _score_partition(
    partition: list[Part], context: RunContext, model: Any, limits: dict[str, int]
) -> list[Article | ReadError]:
    from analyzer.pipeline import score_items

    out: list[Article | ReadError] = []
    for part in partition:
        items = list(_read_part(part, limits))  # a partition is a bounded number of articles
        # The spin detector's candidates of the part in one numpy pass; failures become ReadErrors,
        # as in score_stream.
        out += [scored if isinstance(scored, ReadError) else drop_caches(scored)
                for scored in score_items(items, context, model)]
    return out


# The per-signal details story grouping reads: features.machine_evidence weighs two copies by the
# translation signal's style and garbled probabilities and its MT artifact count. Gathered without
# them it fell back to the translation score, and `flag`/`trust --scheduler` chose other originals
# and flagged other copies than a local run (a helper's bug hunt: the human and machine English of
# a WMT21 ja-en document, no flag locally, the human one flagged on a cluster). "skipped" too: where
# the signal skipped a copy (another language) stories.rewrite_direction reads no direction and
# Flag.direction is None; gathered without it, the copy's fallback evidence was read as a reading (review 31).
GROUPING_DETAILS = {"translation": (MACHINE_STYLE_KEY, GARBLED_KEY, MT_COUNT_KEY, "skipped")}


def _for_flag(items: list[Article | ReadError]) -> list[Article | ReadError]:
    """What story grouping needs: the articles without their per-signal details but those it reads."""
    out: list[Article | ReadError] = []
    for item in items:
        if isinstance(item, Article):
            light = item.without_details()
            for signal, keys in GROUPING_DETAILS.items():
                given = item.details.get(signal)
                if isinstance(given, dict):
                    light.details[signal] = {k: given[k] for k in keys if k in given}
            item = light
        out.append(item)
    return out


def merge_line_tables(*parts: LineTable) -> LineTable:
    """The pre-pass records of several files, in order: equal to one pre-pass reading them all."""
    merged = LineTable()
    for part in parts:
        merged.merge(part)
    return merged


def count_lines(table: LineTable) -> RunContext:
    """The counts the signals read, as single-process prepare_context gives them: counted once the
    files' records are merged, so the versions of one story in two files join (pipeline.story_counts)."""
    return table.context()


# ---------------------------------------------------------------------- per-source statistics
# The mergeable statistics and the table rows live in analyzer.trust.ranking (SourceStats,
# source_stats, merge_source_stats, rows_from_stats), shared with rank_sources. Sums are exact
# (Fraction), so the table does not depend on how the articles were partitioned.


def source_stats_of(
    items: list[Article | ReadError], flagged: Sequence[GarbledCopy | ArticleKey] | None, model: Any,
    repeats: Sequence[bool] | None = None,
) -> dict[str, SourceStats]:
    """Per-source statistics of one scored partition (read errors skipped). `repeats`: which of its
    articles repeat an earlier one of the run (decided on the client); None, none do."""
    articles = [i for i in items if isinstance(i, Article)]
    return source_stats(articles, flagged, model, repeats=repeats or [False] * len(articles))


__all__ = [
    "SourceStats", "connect", "expand", "flag_paths", "merge_line_tables", "count_lines", "merge_source_stats",
    "plan_partitions", "rows_from_stats", "score_paths", "source_stats", "trust_paths",
]
