"""Command line: parses options and calls library functions, nothing more."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from analyzer import api
from analyzer.io import writers
from analyzer.io.readers import DEFAULT_MAX_BYTES, ReadError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Tell which copies of a news story can be trusted.")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
# Show a progress bar only for runs with more inputs than this.
PROGRESS_MIN_FILES = 5
TABLE_WIDTH_OFF_TERMINAL = 200


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).", show_default=False)]
FormatOpt = Annotated[Format | None, typer.Option("--format", "-f", help="Output format (default: table on a terminal, else json).")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE atomically instead of stdout.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip files larger than this.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0 = every CPU).")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", help="Run on a Dask cluster: ADDRESS (tcp://host:8786) or local:N (needs analyzer[dask]).")]


def _format(fmt: Format | None, output: Path | None) -> str:
    if fmt is not None:
        return fmt.value
    return "table" if output is None and sys.stdout.isatty() else "json"


def _progress(items, quiet: bool, total_hint: int):  # type: ignore[no-untyped-def]
    """Wrap an iterator with a rich progress bar on stderr when it is worth showing."""
    if quiet or not sys.stderr.isatty() or total_hint <= PROGRESS_MIN_FILES:
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr()) as progress:
        task = progress.add_task("scoring", total=None)
        for item in items:
            progress.advance(task)
            yield item


def _stderr():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


def _count_inputs(paths: list[Path]) -> int:
    from analyzer.io.readers import walk

    return sum(1 for _ in walk(paths))


def _report_errors(errors: list[ReadError], fmt: str) -> int:
    if errors and fmt == "table":
        _stderr().print(writers.errors_table(errors))
    return EXIT_SKIPPED if errors else EXIT_OK


@app.command()
def score(paths: PathsArg, format: FormatOpt = None, output: OutputOpt = None,
          max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, quiet: QuietOpt = False, jobs: JobsOpt = 1,
          scheduler: SchedulerOpt = None) -> None:
    """Score every article for translation, boilerplate, attribution, hedging, readability and trust."""
    fmt = _format(format, output)
    if scheduler:
        from analyzer import distributed

        scored = distributed.score_paths(paths, scheduler=scheduler, max_bytes=max_bytes)
    else:
        scored = api.score_paths(paths, max_bytes=max_bytes, jobs=jobs)
    items = _progress(scored, quiet, _count_inputs(paths))
    with writers.atomic_output(output) as out:
        kept, errors = writers.write_articles(items, out, fmt, errors_out=sys.stderr)
        if fmt == "table":
            _table_console(out).print(writers.article_table(kept))
    raise typer.Exit(_report_errors(errors, fmt))


def _table_console(out):  # type: ignore[no-untyped-def]
    from rich.console import Console

    # Off a terminal there is no width to discover; wide enough that ids and sources stay whole.
    return Console(file=out, width=None if out.isatty() else TABLE_WIDTH_OFF_TERMINAL)


@app.command()
def flag(paths: PathsArg, format: FormatOpt = None, output: OutputOpt = None,
         max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, quiet: QuietOpt = False, jobs: JobsOpt = 1,
         scheduler: SchedulerOpt = None) -> None:
    """Group copies of the same story and flag machine-translated or spun copies."""
    fmt = _format(format, output)
    if scheduler:
        from analyzer import distributed

        result = distributed.flag_paths(paths, scheduler=scheduler, max_bytes=max_bytes)
    else:
        result = api.flag_paths(paths, max_bytes=max_bytes, jobs=jobs)
    with writers.atomic_output(output) as out:
        if fmt == "json":
            out.write(writers.dumps(result.to_dict(), indent=2) + "\n")
        elif fmt == "jsonl":
            for f in result.flags:
                out.write(writers.dumps(f.to_dict()) + "\n")
            for e in result.errors:
                sys.stderr.write(writers.dumps(e.to_dict()) + "\n")
        elif fmt == "csv":
            rows = [{**f.to_dict(), "evidence": len(f.evidence)} for f in result.flags]
            writers.write_rows(rows, out, ("id", "label", "original", "similarity", "evidence"))
        else:
            from rich.table import Table

            table = Table(title="analyzer flag: garbled copies")
            for col in ("id", "label", "original", "similarity", "evidence"):
                table.add_column(col)
            for f in result.flags:
                table.add_row(f.id, f.label, f.original or "-", f"{f.similarity:.2f}", str(len(f.evidence)))
            console = _table_console(out)
            console.print(table)
            console.print(f"{len(result.stories)} stories, {len(result.flags)} garbled copies")
    raise typer.Exit(_report_errors(result.errors, fmt))


@app.command()
def trust(paths: PathsArg, format: FormatOpt = None, output: OutputOpt = None,
          max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, quiet: QuietOpt = False, jobs: JobsOpt = 1,
          scheduler: SchedulerOpt = None) -> None:
    """Rank sources by the trust classifier, with intervals and the signals behind each rank."""
    fmt = _format(format, output)
    if scheduler:
        from analyzer import distributed

        result = distributed.trust_paths(paths, scheduler=scheduler, max_bytes=max_bytes)
    else:
        result = api.trust_paths(paths, max_bytes=max_bytes, jobs=jobs)
    with writers.atomic_output(output) as out:
        if fmt == "json":
            out.write(writers.dumps(result.to_dict(), indent=2) + "\n")
        elif fmt == "jsonl":
            for row in result.sources:
                out.write(writers.dumps(row) + "\n")
            for e in result.errors:
                sys.stderr.write(writers.dumps(e.to_dict()) + "\n")
        elif fmt == "csv":
            columns = result.sources[0].keys() if result.sources else ("rank", "source")
            writers.write_rows(result.sources, out, columns)
        else:
            _table_console(out).print(writers.source_table(result.sources))
    raise typer.Exit(_report_errors(result.errors, fmt))


@app.command()
def explain(file: Annotated[Path, typer.Argument(help="An article file (.txt, .md, .jsonl, .html).")],
            max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES) -> None:
    """Show an article with every evidence span highlighted, its reason and suggestion."""
    from analyzer.explain import render

    articles, errors = api.split(api.score_paths([file], max_bytes=max_bytes))
    console = _table_console(sys.stdout)
    for article in articles:
        render(article, console)
    raise typer.Exit(_report_errors(errors, "table"))


@app.command()
def report(paths: PathsArg, output: OutputOpt = None, max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
           quiet: QuietOpt = False) -> None:
    """Write one self-contained HTML report: summary, trust chart, highlighted articles, story diffs."""
    from analyzer.report import write_report

    errors = write_report(paths, output, max_bytes=max_bytes)
    if output is not None and not quiet:
        _stderr().print(f"report written to {output}")
    raise typer.Exit(_report_errors(errors, "table"))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
