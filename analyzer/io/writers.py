"""Output formats (json, jsonl, csv, table) and atomic file writing."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from analyzer.article import SCORE_KEYS, Article
from analyzer.io.readers import ReadError, named_beside_its_folder, scrub_surrogates, walks_into

FORMATS = ("table", "json", "jsonl", "csv")


class OutputError(Exception):
    """An output that cannot be written; the message is one line naming it and why."""


def special_target(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is a device, FIFO or socket (/dev/null, /dev/stdout, a shell's >(...)), which
    is written in place: replacing it with a file would destroy it."""
    try:
        mode = os.stat(path).st_mode  # through symbolic links
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def check_output(path: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Raise OutputError, before any article is scored, for an output that cannot be written (a
    folder, a missing folder), that is one of the input files (it would be overwritten), or that is
    named as gzipped (GZIP_OUTPUT)."""
    if path is None or str(path) == "-" or special_target(path):
        return
    inputs = list(inputs)
    if Path(path).name.lower().endswith(".gz"):
        # The output is written as text: `-o scores.jsonl.gz` held plain JSON Lines under a gzip name,
        # which the next run skipped ("not a gzip file, though named .gz"), as zcat and pandas'
        # read_json refuse it (bug hunt 27, G1). Inputs may be gzipped; an output is compressed after.
        raise OutputError(f"{path}: the output is written uncompressed, not as gzip; name it without '.gz' "
                          "(and compress it afterwards, e.g. gzip FILE)")
    target = Path(os.path.realpath(path))  # a symbolic link's file is what gets written
    if os.path.isdir(target):  # os.path's tests return False where Path's raise PermissionError
        raise OutputError(f"{path} is a folder, not a file")
    if not os.path.isdir(target.parent):
        # `-o scores.csv/today.csv` where scores.csv is a file: not "does not exist" (bug hunt 30, O2).
        why = "is a file, not a folder" if os.path.exists(target.parent) else "does not exist"
        raise OutputError(f"cannot write {path}: folder {target.parent} {why}")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: no permission to write in {target.parent}")
    if os.path.isfile(target) and any(_reads(Path(given), target) for given in inputs):
        from analyzer.io.readers import is_own_output

        # An earlier run's output inside an input folder is not read (readers.input_files), nor is
        # this run's (readers.excluding): it may be replaced, so the same command runs again, or
        # --resume continues it; so may an empty file, which holds nothing to lose.
        replaceable = target.stat().st_size == 0 or is_own_output(target)
        # Named among its folder's other entries (the shell's `scrape/*`), it is passed over as the walk
        # passes over it (readers._named_own_output); named alone, it is an input (bug hunt 33, O6).
        named = [given for given in inputs if _named(Path(given), target)]
        if not (replaceable and all(named_beside_its_folder(Path(given), inputs) for given in named)):
            raise OutputError(f"{path} is also an input: writing the output would destroy it")


def _named(given: Path, target: Path) -> bool:
    """Whether `given` is the file `target` itself, not a folder holding it."""
    with contextlib.suppress(OSError):
        return not given.is_dir() and os.path.samefile(given, target)
    return False


def _reads(given: Path, target: Path) -> bool:
    """Whether reading `given` (a file, or a folder walked without its hidden entries) reads the
    existing file `target` (a real path)."""
    with contextlib.suppress(OSError):
        if given.is_dir():
            return walks_into(Path(os.path.realpath(given)), target)
        return os.path.samefile(given, target)
    return False


def replaced_path(path: str | os.PathLike[str]) -> Path:
    """The file an output to `path` replaces: a symbolic link stays and the file it names is
    replaced (atomic_output, resume.resumable_jsonl)."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str] | None) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path`, then rename it into place.

    Readers of `path` see the old file or the complete new one, never a partial one. With no
    path, write to stdout. A symbolic link stays and its file is replaced; a device, FIFO or
    socket is written in place (special_target).
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    if special_target(path):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    target = replaced_path(path)
    fd, tmp = _create_beside(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _create_beside(target: Path) -> tuple[int, str]:
    """A new temporary file next to target, opened for writing, with the mode a plain open()
    would give (tempfile.mkstemp makes it 0600, so every rewritten output would lose its read
    permission for others): 0666 less the umask, applied by the kernel, or the mode of the
    existing target."""
    while True:
        tmp = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        return fd, tmp


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """JSON that is always valid UTF-8: lone surrogates (which a JSONL input may carry as
    "\\ud800" escapes, or an undecodable file name as surrogateescape) become U+FFFD, one code
    point for one, so evidence offsets still index the text. Readers already scrub texts; this
    covers Articles built by library users and paths."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    try:
        # Only a surrogate fails strict UTF-8 encoding: ~30x cheaper than searching for one
        # (bbc_dev.jsonl output), and almost no text holds one.
        text.encode("utf-8")
    except UnicodeEncodeError:
        return scrub_surrogates(text)
    return text


# A spreadsheet runs a cell that starts with one of these as a formula: a scraped source or id
# "=HYPERLINK(...)" would become a link or a command. Such text gets a leading apostrophe (OWASP's
# advice for CSV injection); numbers, which are written as numbers, never start a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ...but a sign alone is text to a spreadsheet, not a formula: the path of standard input, "-",
# became "'-" and a script filtering on path == "-" missed it (a helper's bug hunt).
LONE_SIGNS = frozenset({"-", "+"})


def _cell(value: Any) -> Any:
    return scrub_surrogates(value) if isinstance(value, str) else value


# Control characters from the data (an id, a source, a file name) must not reach the terminal: an
# ESC could clear the screen, retitle the window or recolour what follows (bug hunt 30, T1). Each
# becomes one visible character, so a cell keeps its width; explain shows an article's text so too.
CONTROL_SHOWN = {c: "\ufffd" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))}
CONTROL_SHOWN[0x0D] = " "
# ...and in a table cell or a skipped-input line, the bidi embeddings, overrides and isolates too
# (U+202A-U+202E, U+2066-U+2069): a file name or source holding U+202E showed reversed, and the rest
# of its line with it ("Trojan Source", CVE-2021-42574; review 30). Not in explain's article text,
# where right-to-left text may need them.
TERMINAL_SHOWN = CONTROL_SHOWN | {c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


# ...and in a line of its own (a skipped input's `skipped PATH: REASON`), a line break too: a file
# name holding one ("new\nline.txt", which Linux allows) cut its line in two, and `grep skipped` lost
# the reason (bug hunt 32).
LINE_SHOWN = TERMINAL_SHOWN | {c: "\ufffd" for c in (0x0A, 0x2028, 0x2029)}


def terminal_text(value: object, *, line: bool = False) -> str:
    """Data as a terminal may show it in a table or a line: lone surrogates, control characters and
    bidi overrides made harmless; with `line`, line breaks too (a value on one line of its own)."""
    return scrub_surrogates("" if value is None else str(value)).translate(LINE_SHOWN if line else TERMINAL_SHOWN)


def _shown(value: Any) -> Any:
    """A table cell that shows data as written: a plain str is read by rich as markup, so an id
    "[/b]" crashed the table and a source "[video] Daily Star" lost its first word."""
    from rich.text import Text

    return Text(terminal_text(value))


def _csv_cell(value: Any) -> Any:
    value = _cell(value)
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) and \
        value not in LONE_SIGNS else value


CSV_COLUMNS = ("id", "path", "source", "language", "words", *SCORE_KEYS, "label", "evidence")
# The columns of a trust table (analyzer.trust.ranking's rows, in order): written as the CSV header
# when there is no row, so a day with no articles has the header of every other day, not "rank,source".
SOURCE_COLUMNS = ("rank", "source", "articles", "trust", "trust_low", "trust_high", "garbled", "translation",
                  "boilerplate", "attribution", "hedging", "quote_rate", "named_sources", "wire_credit",
                  "mean_article_trust", "not_judged", "repeats", "versions", "why")


def article_row(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    row = {
        "id": data["id"], "path": data["path"] or "", "source": data["source"],
        "language": data["language"], "words": data["words"], **data["scores"],
        "label": data["label"], "evidence": len(data["evidence"]),
    }
    return {key: _csv_cell(value) for key, value in row.items()}


def write_articles(
    items: Iterable[Article | ReadError],
    out: IO[str],
    fmt: str,
    *,
    errors_out: IO[str] | None = None,
    delimiter: str = ",",
    bom: bool = False,
) -> tuple[list[Article], list[ReadError]]:
    """Stream scored articles to `out` in `fmt`; returns what table output needs and the errors.

    json/jsonl/csv keep no articles in memory; table keeps them to lay the table out. `delimiter`
    and `bom`: CSV's (csv_writer).
    """
    errors: list[ReadError] = []
    kept: list[Article] = []
    first = True
    writer = None
    if fmt == "json":
        out.write('{"articles": [')
    elif fmt == "csv":
        writer = csv_writer(out, CSV_COLUMNS, delimiter, bom)
    for item in items:
        if isinstance(item, ReadError):
            errors.append(item)
            if fmt == "jsonl" and errors_out is not None:
                errors_out.write(dumps(item.to_dict()) + "\n")
            continue
        if fmt == "json":
            out.write(("\n" if first else ",\n") + dumps(item.to_dict()))
        elif fmt == "jsonl":
            out.write(dumps(item.to_dict()) + "\n")
        elif writer is not None:
            writer.writerow(article_row(item))
        else:
            kept.append(item)
        first = False
    if fmt == "json":
        out.write("\n], \"errors\": " + dumps([e.to_dict() for e in errors]) + "}\n")
    return kept, errors


def article_table(articles: list[Article]) -> Any:
    from rich.table import Table

    table = Table(title="analyzer score", show_lines=False)
    for col in ("id", "source", "lang", "words", "transl.", "boiler.", "attrib.", "hedging", "read.", "trust", "label"):
        table.add_column(col, justify="right" if col not in ("id", "source", "label", "lang") else "left")
    for a in articles:
        s = a.scores
        table.add_row(
            _shown(a.id), _shown(a.source), _shown(a.language), str(a.words), f"{s['translation']:.2f}",
            f"{s['boilerplate']:.2f}",
            f"{s['attribution']:.2f}", f"{s['hedging']:.2f}", f"{s['readability']:.1f}", f"{s['trust']:.2f}",
            _shown(a.label),
        )
    return table


def source_table(rows: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    # Ranked by trust_low (analyzer.trust.ranking.rows_from_stats), not by the trust column, which need not fall
    # down the table (review 32b, R2); readers._OWN_OUTPUT_RE knows this title and session 31's.
    table = Table(title="analyzer trust: sources ranked by trust_low")
    columns = ("rank", "source", "articles", "trust", "interval", "garbled", "translation",
               "boilerplate", "attribution", "hedging", "quotes", "why")
    for col in columns:
        table.add_column(col, justify="left" if col in ("source", "why") else "right")
    for r in rows:
        table.add_row(
            str(r["rank"]), _shown(r["source"]), str(r["articles"]), f"{r['trust']:.2f}",
            f"{r['trust_low']:.2f}–{r['trust_high']:.2f}", str(r["garbled"]), f"{r['translation']:.2f}",
            f"{r['boilerplate']:.2f}", f"{r['attribution']:.2f}", f"{r['hedging']:.2f}",
            # The trust model's largest contributions for this source (analyzer.trust.ranking).
            f"{r.get('quote_rate', 0.0):.2f}", _shown(r.get("why", "")),
        )
    return table


def errors_table(errors: list[ReadError]) -> Any:
    from rich.table import Table

    table = Table(title="skipped inputs", style="red")
    table.add_column("path", overflow="fold")  # a cut path could not be found again
    table.add_column("reason")
    for e in errors:
        table.add_row(_shown(e.path), _shown(e.reason))
    return table


# A CSV for a spreadsheet opens with a UTF-8 byte order mark: Excel on Windows reads a CSV without one
# in the ANSI code page (cp1252), so "Süddeutsche" and a quotation's curly marks came out as
# "SÃ¼ddeutsche" and "â€œ" (closing 31). The CLI writes it into an --output file only (cli._csv_bom).
CSV_BOM = "\ufeff"


def csv_writer(out: IO[str], columns: Iterable[str], delimiter: str = ",", bom: bool = False) -> csv.DictWriter:
    """A CSV writer on `out` with its header written, after CSV_BOM if `bom`; columns not named are
    left out of a row."""
    if bom:
        out.write(CSV_BOM)
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore",
                            delimiter=delimiter)
    writer.writeheader()
    return writer


def write_rows(rows: list[dict[str, Any]], out: IO[str], columns: Iterable[str], delimiter: str = ",",
               bom: bool = False) -> None:
    writer = csv_writer(out, columns, delimiter, bom)
    for row in rows:
        writer.writerow({key: _csv_cell(value) for key, value in row.items()})
