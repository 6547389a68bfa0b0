"""Command line: parses options and calls library functions, nothing more."""

from __future__ import annotations

import contextlib
import errno
import functools
import inspect
import os
import signal
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from analyzer import __version__, api, guard
from analyzer.article import Article
from analyzer.distributed import pattern_matches
from analyzer.io import readers, writers
from analyzer.io.readers import DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE_BYTES, STDIN, ReadError
from analyzer.trust.model import GARBLED_COPY_TRUST

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Tell which copies of a news story can be trusted.")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"analyzer {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True, help="Show the version and exit.")] = False) -> None:
    """Tell which copies of a news story can be trusted."""


# Show a progress bar only for runs with more inputs than this, or more bytes: one daily dump of
# 20,000 articles in one JSONL file (60 MB) is one input, and showed nothing for minutes (h32f).
# 1 MB is ~400 bbc_dev.jsonl articles, ~2 s of scoring on one core.
PROGRESS_MIN_FILES = 5
PROGRESS_MIN_BYTES = 1_000_000
TABLE_WIDTH_OFF_TERMINAL = 200


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    # CSV separated by tabs: only `-o FILE.tsv` had written it, so `score scrape/ | cut -f3` had no way
    # to it on standard output, and `-f tsv`, after the help names .tsv, was refused (bug hunt 32).
    tsv = "tsv"


# readable=False on every input path: click's own check exits 2 ("bad usage") for the whole run when
# one file given among others is unreadable, where the contract skips it, says why and exits 3; a
# path that cannot yield anything at all exits 1 (_nothing_to_read).
PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).", show_default=False,
                                                readable=False)]
# Case aside (bug hunt 29): `-f JSON`, as other tools' options take it, was refused.
FormatOpt = Annotated[
    Format | None, typer.Option("--format", "-f", case_sensitive=False,
                                # The default by --output's name (bug hunt 30, O1) was in no help (bug hunt 31).
                                help="Output format; tsv is csv separated by tabs (default: the type --output FILE "
                                     "is named as, .csv, .tsv, .jsonl or .ndjson, other names json; without "
                                     "--output, table on a terminal, else json).")
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE atomically instead of stdout.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip files larger than this.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
# 0, not -1, for every CPU: joblib reads -2 as every CPU but one and GNU parallel -1 so, so a negative
# number is refused here and in the library alike (api.check_jobs).
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Worker processes (0 = every CPU; negative numbers are refused).")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", help="Run on a Dask cluster: ADDRESS (tcp://host:8786) or local:N (needs the dask extra).")]
ModelOpt = Annotated[Path | None, typer.Option(
    "--model", readable=False,
    help="Trust model file (from `analyzer train`) instead of the shipped models/trust.json.")]
MaxLineBytesOpt = Annotated[int, typer.Option("--max-line-bytes", min=1, help="Skip JSONL lines longer than this.")]
TimeLimitOpt = Annotated[float | None, typer.Option(
    "--time-limit", min=0, show_default=False,
    help="Seconds allowed per article; a slower one is skipped and reported (0 = off). Default: 10 s, and 10 s"
         " per million characters of a longer article.")]
MaxArticlesOpt = Annotated[int, typer.Option(
    "--max-articles", min=1, help="Most articles held in memory to compare copies; more stops with an error.")]
ResumeOpt = Annotated[bool, typer.Option(
    "--resume", help="Continue an interrupted `--format jsonl --output FILE` run without rescoring what it wrote.")]
CompareOpt = Annotated[bool | None, typer.Option(
    "--compare/--no-compare", show_default=False,
    help="Compare the copies in the input as `flag` does, and carry its findings into each garbled copy's record "
         f"(label, evidence, trust held at {GARBLED_COPY_TRUST:g}, a machine translation beside its original at "
         "(1 - the probability that its flag is right) x its own trust). Default: on for json, csv and table "
         "(which hold every article), off for jsonl (which streams; --compare holds it to the end).")]


def _shared_ids(articles: Iterable[Article]) -> set[str]:
    """The ids two or more of `articles` hold (story.txt in two folders): shown with their paths."""
    return {i for i, n in Counter(a.id for a in articles).items() if n > 1}


def _set_time_limit(seconds: float | None) -> None:
    """--time-limit as given; without it, $ANALYZER_TIME_LIMIT or the default that grows with an
    article's length (guard.default_limit). A limit an earlier command of this process set is
    dropped, as the default was set before."""
    if seconds is not None:
        guard.set_limit(seconds)
    elif guard._limit is not None:
        guard.clear_limit()


class Interrupted(BaseException):
    """SIGINT/SIGTERM/SIGHUP as an exception (BaseException: no `except Exception` swallows it), so
    that the run unwinds: atomic_output removes its temporary file, a JSONL run keeps its partial
    file for --resume."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _trust_model(path: Path | None):  # type: ignore[no-untyped-def]
    """The validated trust model, or exit 1 with a one-line message (no traceback)."""
    from analyzer.trust import ModelError, resolve_model

    try:
        return resolve_model(path)
    except ModelError as exc:
        typer.echo(f"error: bad trust model: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None


def _excluding_output(command):  # type: ignore[no-untyped-def]
    """Run a command with its --output file left out of the walk of its input folders: an output
    written into a folder that is read (`flag scrape/ -o scrape/flags.jsonl`) is never read back,
    even one holding nothing yet (an empty JSONL of a day with no flags)."""

    @functools.wraps(command)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        if str(kwargs.get("output")) == "-":
            # `-o -` is standard output, as no --output is: `score -f jsonl -o -` had taken the resumable
            # path and written a file named "-" (bug hunt 32), and a closed pipe said "writing - failed".
            kwargs["output"] = None
        if "paths" in kwargs:
            kwargs["paths"] = _expand_globs(kwargs["paths"])
        with readers.excluding([kwargs.get("output")], _redirected_files(), job_outputs=True):
            return command(*args, **kwargs)

    return run


def _expand_globs(paths: list[Path]) -> list[Path]:
    """Paths with glob patterns expanded (sorted, '**' recursing), as the shell would have done:
    a pattern reaches here quoted (`analyzer score 'dumps/*.jsonl'`, the README's form) or from a
    shell that leaves it to the program (Windows). Only --scheduler had expanded one, so without it
    the pattern was read as one missing file: nothing scored, exit 3 (a helper's bug hunt, bughunt24
    G1). A name that exists as written is kept; a pattern matching nothing is kept, and refused by
    _check_inputs as the only input, reported as missing among others."""
    out: list[Path] = []
    for path in paths:
        matches = None if str(path) == STDIN else pattern_matches(str(path))
        out.extend([path] if matches is None else [Path(match) for match in matches] or [path])
    return out


def _redirected_files() -> list[tuple[int, int]]:
    """The files standard output and standard error were redirected to by the shell, which creates
    them before the run: `analyzer score scrape/ -f jsonl > scrape/scores.jsonl` read its own first
    lines back as articles (a feed or HTML article's line carries its text), and `trust scrape/ -f
    table > scrape/trust.txt` or `2> scrape/errors.log` made every run exit 3 on an "empty file" or
    an "unsupported file type". They are left out of the walk as --output is, known by device and
    inode (os.fstat), which every platform gives, not by a name (/proc is Linux's alone)."""
    found = []
    for fd in (1, 2):
        with contextlib.suppress(OSError, ValueError):
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode):
                found.append((info.st_dev, info.st_ino))
    return found


def _check_inputs(paths: list[Path]) -> None:
    """Exit 1 when no path given can yield an article: every one missing (a mount that is missing,
    a typo in the only path), a broken symbolic link (`scrape/latest -> /mnt/...` with the mount
    gone) or a folder with no file (an unmounted mount point). Exit 3 ("done, some inputs
    skipped") is the everyday status of a scrape with one bad file, and exit 0 that of an empty
    result, so a job that accepts them would publish the empty result. One such path among others
    is reported and the run goes on."""
    if not paths:
        return
    problems: list[tuple[Path, str]] = []
    for p in paths:
        problem = _nothing_to_read(p)
        if problem is None:
            return
        problems.append((p, problem))
    if len(problems) == 1:
        typer.echo(f"error: {problems[0][0]}: {problems[0][1]}", err=True)
    else:
        listed = "; ".join(f"{p}: {problem}" for p, problem in problems)
        typer.echo(f"error: nothing to read ({listed})", err=True)
    raise typer.Exit(EXIT_FAILED)


def _nothing_to_read(path: Path) -> str | None:
    """Why `path` cannot yield an article (missing, a broken link, unreadable, a folder with no
    file), else None."""
    if str(path) == STDIN:
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None  # a link loop is reported by the run
        if isinstance(exc, FileNotFoundError) and not os.path.islink(path) and (
                matches := pattern_matches(str(path))) is not None:
            # A pattern that is still one matched nothing (_expand_globs), or reaches `train`, which reads one file.
            return "no such file (a pattern is not read here: give the file's name)" if matches \
                else "no file matches this pattern"
        # os.path.exists is False for a path in a folder the user may not enter, which is no
        # missing file: the reason is the readers' own ("cannot read: permission denied").
        return readers.path_reason(path, exc)
    if not os.access(path, os.R_OK):
        return "cannot read: permission denied"
    if os.path.isdir(path) and next(iter(readers.walk([path])), None) is None:
        return "empty folder (no files to read; a mount that is not mounted?)"
    return None


def _check_output(output: Path | None, paths: list[Path], scheduler: str | None = None, *,
                  metadata: bool = True) -> None:
    """Exit 1 with one line, before any scoring or output, when no input exists, when standard
    input is given to a Dask cluster, or when the output cannot be written or is an input."""
    _check_inputs(paths)
    if scheduler and any(str(p) == STDIN for p in paths):
        # distributed.expand says the same, but only once the output has begun (a JSON opening, a CSV header).
        typer.echo("error: standard input ('-') cannot be read on a Dask cluster; give files", err=True)
        raise typer.Exit(EXIT_FAILED)
    try:
        writers.check_output(output, [*paths, *(_metadata_read(paths) if metadata else [])])
    except writers.OutputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None


def _metadata_read(paths: list[Path]) -> list[Path]:
    """The metadata.csv beside each file named on the command line, which the run reads for the
    file's source (readers.input_files): `trust scrape/a.txt -f csv -o scrape/metadata.csv` replaced
    the folder's metadata with a trust table, exit 0, where the same output with `scrape/` as the
    input was refused. A walked folder's metadata.csv is inside it, which check_output sees."""
    return [p.parent / readers.METADATA_NAME for p in paths
            if str(p) != STDIN and os.path.isfile(p.parent / readers.METADATA_NAME) and not os.path.isdir(p)]


@contextlib.contextmanager
def _output(output: Path | None):  # type: ignore[no-untyped-def]
    """writers.atomic_output, with a failed write (disk full, a folder gone) as one line and exit 1;
    a reader that closed the pipe (`| head`) ends the run quietly."""
    try:
        with writers.atomic_output(output) as out:
            yield out
    except api.SchedulerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    except OSError as exc:
        if output is None and isinstance(exc, BrokenPipeError):
            # Python would complain again when it flushes stdout at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        else:  # a FIFO's reader going away included
            typer.echo(f"error: writing {output or 'the output'} failed: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None


# The format an --output FILE's name asks for when --format is not given: `score scrape/ -o
# scores.csv` wrote a JSON document into scores.csv, and README's own `-o scrape/scores.jsonl` one
# JSON document, not JSON Lines, that --resume then refused (bug hunt 30, O1). Other names: JSON.
# A .tsv is CSV separated by tabs: `-o scores.tsv` had written a JSON document (bug hunt 31).
OUTPUT_SUFFIX_FORMATS = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
# An --output FILE named as a web page with no --format: `trust seeds/ -o t.html` wrote a JSON document into
# t.html, which a browser shows as text, with no word that `report` writes the page (bug hunt 33). Refused
# before any scoring, naming `analyzer report`; `--format json` still writes JSON under such a name.
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def _csv_delimiter(output: Path | None, fmt: Format | None = None) -> str:
    """Tabs for --format tsv, or an --output FILE named .tsv (with --format csv too), else commas."""
    return "\t" if fmt == Format.tsv or (output is not None and output.suffix.lower() == ".tsv") else ","


def _csv_bom(output: Path | None) -> bool:
    """Whether CSV output opens with a byte order mark (writers.CSV_BOM): into an --output file, which a
    spreadsheet opens; not on standard output (`-o -` is none: _excluding_output) nor into a device or FIFO,
    which a script reads."""
    return output is not None and not writers.special_target(output)


def _format(fmt: Format | None, output: Path | None) -> str:
    """The format written: tsv is csv with tabs (_csv_delimiter)."""
    if fmt is not None:
        return "csv" if fmt == Format.tsv else fmt.value
    if output is not None:
        if output.suffix.lower() in PAGE_SUFFIXES:
            raise typer.BadParameter(
                f"{output.name} names a web page, which this command does not write (it writes json, csv, tsv or "
                f"jsonl, and would write json into it); `analyzer report PATHS -o {output.name}` writes the HTML "
                "report. Name the file .json, .csv, .tsv or .jsonl, or give --format to write one under this name",
                param_hint="--output")
        return OUTPUT_SUFFIX_FORMATS.get(output.suffix.lower(), "json")
    return "table" if sys.stdout.isatty() else "json"


def _progress(items, quiet: bool, total_hint: int, then: str | None = None):  # type: ignore[no-untyped-def]
    """Wrap an iterator with a rich progress bar on stderr when it is worth showing (`total_hint`:
    _count_inputs'). `then` says what the run does once every article is scored (comparing the
    copies, which takes a minute or more for 20,000 articles): said on stderr as the bar closes, where
    the terminal had stood still with no word, or `flag`, `trust` and `report` had shown no bar at all."""
    if quiet or not sys.stderr.isatty() or not total_hint:
        yield from items
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    count = 0
    # The number scored so far and the time taken: with no total known (the input is read as it is
    # scored) the bar alone only pulses, the same whether the run goes on or hangs.
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,.0f} articles"),
               TimeElapsedColumn())
    with Progress(*columns, transient=True, console=_stderr()) as progress:
        task = progress.add_task("scoring", total=None)
        for item in items:
            if isinstance(item, Article):
                progress.advance(task)
                count += 1
            yield item
    if then:
        _stderr().print(f"scored {_articles(count)}; {then}", highlight=False)


def _stderr():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


def _count_inputs(paths: list[Path]) -> int:
    """1 when the run is worth a progress bar (more than PROGRESS_MIN_FILES files, or more than
    PROGRESS_MIN_BYTES in all, standard input counting as large), else 0; the walk stops there."""
    from analyzer.io.readers import walk

    files = size = 0
    for found in walk(paths):
        if isinstance(found, ReadError):
            continue
        files += 1
        with contextlib.suppress(OSError):
            size += PROGRESS_MIN_BYTES + 1 if str(found) == STDIN else found.stat().st_size
        if files > PROGRESS_MIN_FILES or size > PROGRESS_MIN_BYTES:
            return 1
    return 0


# What flag, trust, report and score's comparison say once every article is scored.
COMPARING = "grouping copies of the same story and comparing them"


def _report_errors(errors: list[ReadError], fmt: str, paths: list[Path] | None = None) -> int:
    # jsonl wrote them to stderr as JSON lines already; json lists them in the output too, but a
    # user who sent it to a file should still see what was skipped and why (one plain line each:
    # whole paths, easy to grep). The table only on a terminal: sent to a file (`2> errors.log`) rich
    # wraps it at 80 columns and cuts a long path in two.
    if errors and fmt == "table" and sys.stderr.isatty():
        _stderr().print(writers.errors_table(errors))
    elif errors and fmt != "jsonl":
        for e in errors:
            # A control character in a file name must not reach the terminal (bug hunt 30, T1).
            sys.stderr.write(f"skipped {writers.terminal_text(e.path, line=True)}: "
                             f"{writers.terminal_text(e.reason, line=True)}\n")
    # Empty standard input as the only input is nothing to read, as an empty folder is
    # (_check_inputs): 'curl ... | analyzer score -' with curl failing must not exit 3, "done".
    if errors and paths and all(str(p) == STDIN for p in paths) and all(
            e.path == STDIN and e.reason == readers.EMPTY_STDIN for e in errors):
        return EXIT_FAILED
    return EXIT_SKIPPED if errors else EXIT_OK


@app.command()
@_excluding_output
def score(paths: PathsArg, format: FormatOpt = None, output: OutputOpt = None,
          max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, quiet: QuietOpt = False, jobs: JobsOpt = 1,
          scheduler: SchedulerOpt = None, model: ModelOpt = None,
          max_line_bytes: MaxLineBytesOpt = DEFAULT_MAX_LINE_BYTES,
          time_limit: TimeLimitOpt = None, resume: ResumeOpt = False, compare: CompareOpt = None,
          max_articles: MaxArticlesOpt = api.DEFAULT_MAX_ARTICLES) -> None:
    """Score every article for translation, boilerplate, attribution, hedging, readability and trust.

    In json, csv and table output the copies of one story are compared as `flag` compares them: a
    garbled copy gets flag's label, its evidence (the original's wording as suggestion) and the
    trust `trust` holds it at (--no-compare: each article alone). jsonl streams each article alone
    unless --compare is given."""
    fmt = _format(format, output)
    if resume and (fmt != "jsonl" or output is None or scheduler):
        raise typer.BadParameter("needs --output FILE in JSON Lines (--format jsonl, or a FILE named .jsonl) "
                                 "and no --scheduler", param_hint="--resume")
    if resume and compare:
        # Comparing needs every article, and --resume leaves out those already written.
        typer.echo("error: --resume cannot be combined with --compare (comparing needs every article scored "
                   "together)", err=True)
        raise typer.Exit(EXIT_USAGE)
    compare = fmt != "jsonl" if compare is None else compare
    _check_output(output, paths, scheduler)
    _set_time_limit(time_limit)
    trust_model = _trust_model(model)
    if fmt == "jsonl" and output is not None and not scheduler and not compare and \
            not writers.special_target(output):
        from analyzer.resume import run_settings

        settings = run_settings(model, max_bytes=max_bytes, max_line_bytes=max_line_bytes, time_limit=time_limit)
        errors = _score_resumable(paths, output, resume=resume, quiet=quiet, jobs=jobs, max_bytes=max_bytes,
                                  max_line_bytes=max_line_bytes, trust_model=trust_model, settings=settings)
        raise typer.Exit(_report_errors(errors, fmt, paths))
    if scheduler:
        from analyzer import distributed

        scored = distributed.score_paths(paths, scheduler=scheduler, max_bytes=max_bytes, model=trust_model,
                                          max_line_bytes=max_line_bytes)
    else:
        scored = api.score_paths(paths, max_bytes=max_bytes, jobs=jobs, model=trust_model,
                                 max_line_bytes=max_line_bytes)
    items: Iterable[Article | ReadError] = _progress(scored, quiet, _count_inputs(paths),
                                                     COMPARING if compare else None)
    if compare:
        # Held to the end and compared on this machine (a --scheduler run's articles too, once collected).
        items = _within_limit(api.compare_scored, items, model=trust_model, max_articles=max_articles)
    with _output(output) as out:
        kept, errors = writers.write_articles(items, out, fmt, errors_out=sys.stderr,
                                              delimiter=_csv_delimiter(output, format), bom=_csv_bom(output))
        if fmt == "table":
            _table_console(out).print(writers.article_table(kept))
    raise typer.Exit(_report_errors(errors, fmt, paths))


def _score_resumable(paths: list[Path], output: Path, *, resume: bool, quiet: bool, jobs: int, max_bytes: int,
                     max_line_bytes: int, trust_model, settings) -> list[ReadError]:  # type: ignore[no-untyped-def]
    """`score --format jsonl --output FILE`: appends to a partial file that --resume continues."""
    from analyzer.resume import RunInProgress, SettingsMismatch, resumable_jsonl, texts_path

    with contextlib.ExitStack() as stack:
        try:  # refused before the partial file is touched
            run = stack.enter_context(resumable_jsonl(output, resume=resume, settings=settings))
        except (SettingsMismatch, RunInProgress) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(EXIT_FAILED) from None
        if run.unchecked:
            typer.echo(f"warning: the {run.kept} articles already in {output} were written by a run that did not "
                       "record its trust model and options (an older version, or a complete file): they could not "
                       "be checked against this run's, nor their texts against the inputs'; the articles added are "
                       "judged alone, not compared with those (rerun with --compare, without --resume, to compare "
                       "the copies)", err=True)
        elif run.unrecorded:
            some = "" if run.unrecorded == run.kept else f"{run.unrecorded} of "
            typer.echo(f"warning: the record of the texts of {some}the {_articles(run.kept)} already in {output} "
                       f"({texts_path(run.partial)}) is gone: they are kept, not checked for inputs changed since "
                       "they were written; rerun without --resume to score every article again", err=True)
        if run.kept and not quiet:
            typer.echo(f"resuming: {run.kept} articles already written are not scored again", err=True)
        scored = api.score_paths(paths, max_bytes=max_bytes, jobs=jobs, model=trust_model,
                                 max_line_bytes=max_line_bytes, skip=run.skip)
        stopped = (f"stopped: the articles scored so far are kept in {run.partial}; "
                   "run the same command with --resume to continue")
        appended = 0

        def counted(items: Iterable[Article | ReadError]) -> Iterator[Article | ReadError]:
            nonlocal appended
            for item in items:
                if isinstance(item, Article):
                    appended += 1
                    run.written(item)
                yield item

        try:
            _, errors = writers.write_articles(counted(_progress(scored, quiet, _count_inputs(paths))), run.handle,
                                               "jsonl", errors_out=sys.stderr)
        except OSError as exc:  # disk full, the folder gone: one line, as _output says it, not a traceback
            typer.echo(f"error: writing {output} failed: {exc.strerror or exc}", err=True)
            typer.echo(stopped, err=True)
            raise typer.Exit(EXIT_FAILED) from None
        except BaseException:
            typer.echo(stopped, err=True)
            raise
        if run.kept and not run.skipped and not run.changed:
            typer.echo(f"warning: none of the {run.kept} articles already in {output} matched an input: kept the "
                       f"{run.kept} lines already in {output} and appended {appended}; --resume expects "
                       "the same inputs as the interrupted run", err=True)
        else:
            _resume_changes(run, output)
        try:  # the partial file renamed onto FILE, or written onto it without the stale lines
            stack.close()
        except OSError as exc:  # its partial file and records are left whole, and no temporary file
            typer.echo(f"error: writing {output} failed: {exc.strerror or exc}", err=True)
            typer.echo(stopped, err=True)
            raise typer.Exit(EXIT_FAILED) from None
    return errors


def _resume_changes(run, output: Path) -> None:  # type: ignore[no-untyped-def]
    """Warn of kept articles whose input changed since they were written, or is gone (session 26 R1)."""
    if run.changed:
        shown = ", ".join(run.changed[:5]) + (", ..." if len(run.changed) > 5 else "")
        typer.echo(f"warning: scored again, as their text or metadata changed since their lines in {output} were "
                   f"written: {shown} ({_articles(len(run.changed))}); the old lines dropped, the new ones follow "
                   "the others", err=True)
    left = run.done.left()
    if left:
        typer.echo(f"warning: {output} keeps the lines of {_articles(left)} this run did not read (removed, renamed "
                   "or unreadable since); --resume expects the same inputs as the interrupted run", err=True)


def _articles(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


def _table_console(out):  # type: ignore[no-untyped-def]
    from rich.console import Console

    # Off a terminal there is no width to discover; wide enough that ids and sources stay whole,
    # unless COLUMNS gives one (rich reads it): `COLUMNS=80 analyzer explain x | less -R`.
    chosen = out.isatty() or os.environ.get("COLUMNS", "").strip().isdigit()
    return Console(file=out, width=None if chosen else TABLE_WIDTH_OFF_TERMINAL)


@app.command()
@_excluding_output
def flag(paths: PathsArg, format: FormatOpt = None, output: OutputOpt = None,
         max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, quiet: QuietOpt = False, jobs: JobsOpt = 1,
         scheduler: SchedulerOpt = None, max_line_bytes: MaxLineBytesOpt = DEFAULT_MAX_LINE_BYTES,
         time_limit: TimeLimitOpt = None,
         max_articles: MaxArticlesOpt = api.DEFAULT_MAX_ARTICLES) -> None:
    """Group copies of the same story and flag machine-translated or spun copies."""
    fmt = _format(format, output)
    _check_output(output, paths, scheduler)
    _set_time_limit(time_limit)
    if scheduler:
        from analyzer import distributed

        result = _within_limit(distributed.flag_paths, paths, scheduler=scheduler, max_bytes=max_bytes,
                               max_line_bytes=max_line_bytes)
    else:
        result = _within_limit(api.flag_paths, paths, max_bytes=max_bytes, jobs=jobs, max_line_bytes=max_line_bytes,
                               max_articles=max_articles, progress=_progress_of(paths, quiet))
    with _output(output) as out:
        if fmt == "json":
            out.write(writers.dumps(result.to_dict(), indent=2) + "\n")
        elif fmt == "jsonl":
            for f in result.flags:
                out.write(writers.dumps(f.to_dict()) + "\n")
            for e in result.errors:
                sys.stderr.write(writers.dumps(e.to_dict()) + "\n")
        elif fmt == "csv":
            rows = [{**f.to_dict(), "evidence": len(f.evidence)} for f in result.flags]
            writers.write_rows(rows, out, ("id", "label", "original", "similarity", "evidence", "path",
                                           "original_path", "direction"), _csv_delimiter(output, format),
                             _csv_bom(output))
        else:
            from rich.table import Table
            from rich.text import Text

            table = Table(title="analyzer flag: garbled copies")
            for col in ("id", "label", "original", "similarity", "evidence"):
                table.add_column(col)
            # An id two files share (afp/story.txt, blog/story.txt) is shown as the file's path.
            shared = _shared_ids(result.articles)

            def name(article_id: str | None, path: str | None) -> Text:
                # Text, not str: rich would read an id such as "[/b]" as markup.
                return Text(writers.terminal_text((path or article_id or "-") if article_id in shared
                                                  else (article_id or "-")))

            for f in result.flags:
                table.add_row(name(f.id, f.path), f.label, name(f.original, f.original_path), f"{f.similarity:.2f}",
                              str(len(f.evidence)))
            console = _table_console(out)
            console.print(table)
            console.print(f"{len(result.stories)} stories, {len(result.flags)} garbled copies")
    raise typer.Exit(_report_errors(result.errors, fmt, paths))


def _progress_of(paths: list[Path], quiet: bool):  # type: ignore[no-untyped-def]
    """flag's, trust's and report's progress bar over the scoring, then a word on the comparing."""
    return functools.partial(_progress, quiet=quiet, total_hint=_count_inputs(paths), then=COMPARING)


def _within_limit(run, *args, **kwargs):  # type: ignore[no-untyped-def]
    """api.flag_paths/trust_paths (or distributed's), or exit 1 with a one-line message when over
    --max-articles or when the Dask scheduler cannot be reached."""
    try:
        return run(*args, **kwargs)
    except (api.TooManyArticles, api.SchedulerError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None


@app.command()
@_excluding_output
def trust(paths: PathsArg, format: FormatOpt = None, output: OutputOpt = None,
          max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, quiet: QuietOpt = False, jobs: JobsOpt = 1,
          scheduler: SchedulerOpt = None, model: ModelOpt = None,
          max_line_bytes: MaxLineBytesOpt = DEFAULT_MAX_LINE_BYTES, time_limit: TimeLimitOpt = None,
          max_articles: MaxArticlesOpt = api.DEFAULT_MAX_ARTICLES) -> None:
    """Rank sources by the trust classifier (by the low end of each interval), with intervals and the signals
    behind each rank."""
    fmt = _format(format, output)
    _check_output(output, paths, scheduler)
    _set_time_limit(time_limit)
    trust_model = _trust_model(model)
    if scheduler:
        from analyzer import distributed

        result = _within_limit(distributed.trust_paths, paths, scheduler=scheduler, max_bytes=max_bytes,
                               model=trust_model, max_line_bytes=max_line_bytes)
    else:
        result = _within_limit(api.trust_paths, paths, max_bytes=max_bytes, jobs=jobs, model=trust_model,
                               max_line_bytes=max_line_bytes, max_articles=max_articles,
                               progress=_progress_of(paths, quiet))
    with _output(output) as out:
        if fmt == "json":
            out.write(writers.dumps(result.to_dict(), indent=2) + "\n")
        elif fmt == "jsonl":
            for row in result.sources:
                out.write(writers.dumps(row) + "\n")
            for e in result.errors:
                sys.stderr.write(writers.dumps(e.to_dict()) + "\n")
        elif fmt == "csv":
            columns = result.sources[0].keys() if result.sources else writers.SOURCE_COLUMNS
            writers.write_rows(result.sources, out, columns, _csv_delimiter(output, format), _csv_bom(output))
        else:
            _table_console(out).print(writers.source_table(result.sources))
    raise typer.Exit(_report_errors(result.errors, fmt, paths))


@app.command()
def train(labels: Annotated[Path, typer.Argument(help="Labelled articles: JSONL, CSV/TSV or a JSON array "
                                                       "(or a pandas to_json layout) with "
                                                       "`text` (or `content`, `body`, `maintext`, `articleBody`) "
                                                       "or `path`, `label` "
                                                       "(trusted/untrusted, 1/0, 1.0/0.0, "
                                                       "or clean/spun/machine_translated), "
                                                       "optional `source`; `-` reads them from standard "
                                                       "input (JSONL, JSON or CSV/TSV, told by their opening).",
                                                  readable=False)],
          output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write (atomically).")],
          max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES) -> None:
    """Retrain the trust model on your own labelled articles; use it with --model FILE.

    A row that cannot be used is skipped and named on stderr with its reason; the model is fitted
    on the others and the exit status is 3."""
    from analyzer.trust import TrainingError, train_from_labels

    _check_output(output, [labels], metadata=False)  # a labels file's rows carry their source
    try:
        result = train_from_labels(labels, output, max_bytes=max_bytes)
    except (TrainingError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    auc = "n/a (folds hold out whole sources: give each label two or more sources)" if result.cv.roc_auc is None else \
        f"{result.cv.roc_auc:.3f}"
    skipped = f"; {len(result.skipped)} rows skipped" if result.skipped else ""
    # The cross-validation's groups less the articles with no source, each its own group: "from 15
    # sources" had stood beside the warning "no article has a source" (bug hunt 31).
    sources = result.groups - result.unsourced
    origin = f"from {sources} source{'s' if sources != 1 else ''}"
    if not sources:
        origin = "with no source"
    elif result.unsourced:
        origin += f" and {result.unsourced} article{'s' if result.unsourced != 1 else ''} with none"
    typer.echo(f"trained on {result.n} articles ({result.positives} trusted) {origin}"
               f"{skipped}; grouped cross-validation ROC AUC {auc}; wrote {output}", err=True)
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    raise typer.Exit(_report_errors(result.skipped, "text"))


@app.command()
@_excluding_output
def explain(file: Annotated[list[Path], typer.Argument(
                help="An article file (.txt, .md, .html), or each article of a .jsonl, .json, .csv or feed file, or "
                     "of a folder; several (`explain scrape/*.txt`, as the shell expands it) are scored together, "
                     "as `score` scores them.",
                show_default=False, readable=False)],
            max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, model: ModelOpt = None,
            ids: Annotated[list[str] | None, typer.Option(
                "--id", help="Only the article with this id (repeatable); give its folder as FILE to score it "
                             "with the articles `score FOLDER` scored it with.")] = None) -> None:
    """Show an article with its evidence highlighted, reasons and suggestions, and what moved its trust."""
    from analyzer.explain import render, select
    from analyzer.report import model_note

    # Several paths as `score` takes them: the shell's expansion of `scrape/*.txt` had been refused,
    # "Got unexpected extra arguments", exit 2 (bug hunt 32); a quoted pattern is expanded here.
    files = _expand_globs(file)
    _check_inputs(files)
    trust_model = _trust_model(model)
    articles, errors = api.split(api.score_paths(files, max_bytes=max_bytes, model=trust_model))
    missing: list[str] = []
    if ids:
        articles, missing = select(articles, ids)
        for article_id in missing:
            where = " ".join(str(path) for path in file)
            typer.echo(f"error: no article with id {article_id!r} in {where}", err=True)
        if missing and not articles:
            raise typer.Exit(EXIT_FAILED)
    console = _table_console(sys.stdout)
    note = model_note(model, trust_model)
    if note is not None:
        # Named as `report --model` names it under its title (session 26 bug hunt, X1); the
        # shipped model's output is as before. Text, not markup: a file name may hold "[/b]".
        from rich.text import Text

        console.print(Text(note))
    # An id two of the articles shown share (story.txt in two folders) is told apart by its path,
    # which --id also takes.
    shared = _shared_ids(articles)
    for article in articles:
        render(article, console, trust_model, show_path=article.id in shared)
    raise typer.Exit(_report_errors(errors, "table", files) or (EXIT_SKIPPED if missing else EXIT_OK))


@app.command()
@_excluding_output
def report(paths: PathsArg, output: OutputOpt = None, max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
           quiet: QuietOpt = False, jobs: JobsOpt = 1, model: ModelOpt = None,
           max_line_bytes: MaxLineBytesOpt = DEFAULT_MAX_LINE_BYTES,
           time_limit: TimeLimitOpt = None, max_articles: MaxArticlesOpt = api.DEFAULT_MAX_ARTICLES,
           full_page: Annotated[bool, typer.Option(
               "--full-page", help="Every article's section and every diff on the page, however large. Without it "
                                   "a large run's page holds 500 article sections (garbled copies first) and 250 "
                                   "diffs, and the articles left out go to FILE.articles.jsonl beside --output."
           )] = False) -> None:
    """Write one self-contained HTML report: summary, trust chart, highlighted articles, story diffs."""
    from analyzer.report import companion_path, report_page, write_page

    _check_output(output, paths)
    # The articles a capped page leaves out go beside it; checked as --output is, before any scoring.
    companion = companion_path(output) if output is not None and not full_page else None
    if companion is not None:
        _check_output(companion, paths)
    _set_time_limit(time_limit)
    # The same options and model as `trust`, so the report's table is the one `trust` prints.
    page, errors, companion = _within_limit(report_page, paths, output, full_page=full_page,
                                            max_bytes=max_bytes, model=_trust_model(model), jobs=jobs,
                                            model_file=model, max_line_bytes=max_line_bytes,
                                            max_articles=max_articles, progress=_progress_of(paths, quiet))
    left_out = write_page(page, output, companion, opener=_output)
    if output is not None and not quiet:
        typer.echo(f"report written to {output}", err=True)
        if left_out and companion is not None:
            typer.echo(f"{left_out:,} articles not shown on the page (its cap; --full-page lifts it) written to "
                       f"{companion}", err=True)
    raise typer.Exit(_report_errors(errors, "table", paths))


def _unwrap_help() -> None:
    """Each command's help with the line breaks inside a paragraph joined: typer (0.29) keeps them in
    every paragraph after the first, and rich then wraps each line again, so `score --help` broke its
    second paragraph after "a", "and the" (bug hunt 32)."""
    for info in app.registered_commands:
        doc = info.help if isinstance(info.help, str) else inspect.getdoc(info.callback)
        if doc:
            info.help = "\n\n".join(" ".join(part.split()) for part in doc.split("\n\n"))


_unwrap_help()


def main() -> None:
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _raise_interrupted)
    from analyzer.resources import ModelError

    try:
        app()
    except ModelError as exc:
        # A shipped model file damaged after install, read where a signal first needs it (a --model
        # FILE is checked before scoring): one line naming the file, not typer's traceback (review 28).
        typer.echo(f"error: {exc}; reinstall analyzer to restore its model files", err=True)
        sys.exit(EXIT_FAILED)
    except Interrupted as exc:
        name = signal.Signals(exc.signum).name
        typer.echo(f"interrupted by {name}; no output file was left half-written", err=True)
        sys.exit(128 + exc.signum)  # the shell's convention for death by signal


if __name__ == "__main__":
    main()
