"""Turn paths into Articles, following OUTPUT.md's input contract, and beyond it: a JSON array of
article records (.json, a scraper's export), a table of them (.csv, .tsv: a spreadsheet or a
dataset's export), feeds (RSS, Atom, JSON Feed: analyzer.io.feeds) and any of these gzipped.

Every problem with one input becomes a ReadError (path + one-line reason) and reading goes on;
nothing here raises for bad input.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import csv
import datetime
import errno
import gzip
import hashlib
import io
import json
import math
import numbers
import os
import re
import shutil
import stat
import sys
import tempfile
import time
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import unescape
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import urlsplit

from analyzer import lexicons
from analyzer.article import EXCERPT_DETAIL, LABELS, Article
from analyzer.io.feeds import FEED_SUFFIXES, FeedError, feed_items, is_json_feed, json_feed_items
from analyzer.text import as_shown, front_matter, has_invisible, html_text, visible

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from trafilatura.settings import Document

# 10 MB: far above any news article (the longest in bbc_dev.jsonl is 25 kB), small enough
# that a stray dump or video file cannot exhaust memory.
DEFAULT_MAX_BYTES = 10_000_000
# A JSONL line longer than this is reported instead of parsed (same reasoning as above;
# --max-line-bytes). json.loads needs several times a line's size in memory, hence a cap per line.
DEFAULT_MAX_LINE_BYTES = 10_000_000
# Folders whose metadata.csv table is kept while walking: the walk yields a folder's files
# together, so a handful suffices; bounded so that a million folders do not pile up tables.
METADATA_CACHE_FOLDERS = 64
# Lone UTF-16 surrogates (JSON's "\ud800" escapes, undecodable file names) cannot be written as
# UTF-8. They are replaced by U+FFFD, one code point for one, so offsets stay the same.
SURROGATE_RE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHAR = "\ufffd"
# C0 control bytes other than tab, newline, CR and FF: their share marks a binary file.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
TEXT_SUFFIXES = frozenset({".txt", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# `.ndjson` (newline-delimited JSON, ndjson.org; Elasticsearch's bulk files, some news APIs'
# exports) is another name for JSON Lines and is read as `.jsonl` in every way.
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
# Every type read_file reads by its name; a file of another type is read only as a saved page.
READ_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | TABLE_SUFFIXES | FEED_SUFFIXES
# A gzipped file (`dump.jsonl.gz`: archives of scraped news are mostly gzipped JSON Lines) is read
# as the type its name has without this suffix.
GZIP_SUFFIX = ".gz"
METADATA_NAME = "metadata.csv"
# How to install an optional extra (html, dask), said where it is missing: from a checkout of this
# repository, as README's quick start installs analyzer.
EXTRA_INSTALL = "pip install '.[{extra}]' in analyzer's checkout"
METADATA_FIELDS = ("source", "url", "title", "date")
# Lines at the top and bottom of an article searched for a publisher banner.
BANNER_LINES = 3
# Characters at each end of a long text searched for those lines: 3 lines of a news article
# (headline, byline, lead) are far shorter than this.
BANNER_SCAN_CHARS = 20_000
# Share of C0 control characters (other than tab/newline/CR/FF) above which decoded text is binary.
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class ReadError:
    path: str
    reason: str
    # The article's id when one article (not a whole file) failed, e.g. a scoring time-out.
    id: str | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"path": self.path, "reason": self.reason}
        if self.id is not None:
            data["id"] = self.id
        return data


def scrub_surrogates(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (same length, same offsets)."""
    return SURROGATE_RE.sub(REPLACEMENT_CHAR, text) if SURROGATE_RE.search(text) else text


# The byte-order marks of UTF-16 (little- and big-endian), which decode() reads.
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# UTF-32's (Notepad++ and iconv write it; Python's "utf-32" codec reads either order by its BOM). Its
# little-endian BOM opens with UTF-16 LE's, so it is looked for first: read as UTF-16, such a file was
# every other character NUL and skipped as "binary file (control characters)" (bug hunt 28, L2).
UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


# Bytes a character takes at most in UTF-32 (UTF-16: 4 as a surrogate pair, 2 else), against at
# least 1 in UTF-8: a UTF-8 line of n bytes is at most this many times n in a wide encoding.
WIDE_CHAR_BYTES = 4


def bom_codec(data: bytes) -> str | None:
    """The codec a wide-character BOM opening `data` names ("utf-32" or "utf-16"), else None."""
    if data.startswith(UTF32_BOMS):
        return "utf-32"
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    return None


class DecodeError(ValueError):
    """Raised by decode() with a one-line reason."""


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else cp1252 — as OUTPUT.md fixes; UTF-32 with BOM too."""
    wide = bom_codec(data)
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8")
    elif wide:
        text = _strict(data, wide)
    else:
        if b"\x00" in data:
            bare = _bare_utf16(data)
            if bare is None:
                raise DecodeError("binary file (contains NUL bytes)")
            return _not_binary(_strict(data, bare))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "cp1252")
    return _not_binary(text)


# UTF-16 written without a BOM (SQL Server's `bcp -w`, .NET's Encoding.Unicode bytes, Python's
# "utf-16-le"): a text of Latin letters has a NUL as every second byte, at odd offsets (little
# endian) or even ones (big endian), and almost none at the others; a binary file's NULs fall
# anywhere. Looked for in the first UTF16_SNIFF_BYTES. Measured (/tmp/h30a/s/utf16_shares.py,
# scratch): bbc_dev.jsonl's 1,625 texts as UTF-16-LE have NULs at 1.000 of odd offsets and 0.000 of
# even ones; of 1,000 binary files (shared libraries, PNG, gzip, .pyc) none qualifies, the closest
# 0.74 / 0.52. The bounds leave room for a few units outside Latin-1 (Cyrillic, CJK, emoji: their
# high byte is no NUL; a text mostly in those scripts is not told, and stays refused as binary).
UTF16_SNIFF_BYTES = 4096
UTF16_NUL_SHARE = 0.9
UTF16_OTHER_NUL_SHARE = 0.02


def _bare_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when `data` reads as UTF-16 text without a BOM, else None."""
    head = data[:UTF16_SNIFF_BYTES]
    if len(data) % 2 or len(head) < 2:
        return None
    pairs = len(head) // 2
    even, odd = head[0::2].count(0) / pairs, head[1::2].count(0) / pairs
    if odd >= UTF16_NUL_SHARE and even <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def wide_codec(head: bytes) -> str | None:
    """The codec of a file opening with `head`: a wide-character BOM's (bom_codec), else UTF-16 without
    a BOM told by its NULs (_bare_utf16, on the whole code units of `head`), else None. For readers
    that see a file's first bytes only: a line-at-a-time reader must recode such a file as decode does."""
    return bom_codec(head[:4]) or _bare_utf16(head[:len(head) // 2 * 2])


def _not_binary(text: str) -> str:
    """`text`, or DecodeError when control characters mark it a binary file (MAX_CONTROL_SHARE)."""
    if text and _control_count(text) > MAX_CONTROL_SHARE * len(text):
        raise DecodeError("binary file (control characters)")
    return text


# A page's own charset declaration (<meta charset="windows-1251">, or the http-equiv form), looked
# for where browsers look: the first 1024 bytes (WHATWG HTML, "prescan a byte stream").
_HTML_CHARSET_RE = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
HTML_PRESCAN_BYTES = 1024
# Labels that WHATWG's encoding standard reads as windows-1252, which decode() falls back to.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252"})


def decode_html(data: bytes) -> str:
    """An HTML page's text: a BOM first, then the charset its markup declares (a windows-1251 or
    Shift_JIS page read as cp1252 gave mojibake or was refused), else as decode()."""
    match = None if data.startswith(b"\xef\xbb\xbf") or bom_codec(data) else \
        _HTML_CHARSET_RE.search(data, 0, HTML_PRESCAN_BYTES)
    label = match.group(1).decode("ascii").lower() if match else ""
    # A page whose <meta> could be read is ASCII-compatible: a declared UTF-16 is read as UTF-8 (WHATWG).
    if not label or label in _AS_CP1252 or label.replace("_", "-").startswith(("utf-8", "utf8", "utf-16", "utf-32")):
        return decode(data)
    try:
        text = data.decode(label)
    except (LookupError, UnicodeDecodeError):
        return decode(data)  # an unknown label or a wrong declaration: the usual guess
    return _not_binary(text)


def _control_count(text: str) -> int:
    # bytes.translate runs in C: a 50 MB text is counted in milliseconds, not seconds.
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, _CONTROL_BYTES))


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"undecodable bytes at offset {exc.start} (not {encoding})") from None


@cache
def _banners() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(row["pattern"], re.IGNORECASE | re.MULTILINE), row["source"])
        for row in lexicons.load("source_banners")
    )


def infer_source(text: str) -> str:
    """The outlet named by a banner or credit at the top or bottom of the text, else 'unknown'."""
    if len(text) > 2 * BANNER_SCAN_CHARS:
        # Only the edges can hold a banner: a 50 MB one-line text must not be searched whole.
        head = [line.strip() for line in text[:BANNER_SCAN_CHARS].strip().splitlines() if line.strip()]
        tail = [line.strip() for line in text[-BANNER_SCAN_CHARS:].strip().splitlines() if line.strip()]
        edges = "\n".join(head[:BANNER_LINES] + tail[-BANNER_LINES:])
    else:
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        edges = "\n".join(lines[:BANNER_LINES] + lines[-BANNER_LINES:])
    for pattern, source in _banners():
        if pattern.search(edges):
            return source
    return "unknown"


def source_of(text: str, url: str | None) -> str:
    """With no source given: a banner or credit in the text (OUTPUT.md: the source is inferred
    from the text), else the host of the article's address, else 'unknown'. WordPress REST names
    its site only in `link`, and a folder of three sites' exports was one source 'unknown'."""
    source = infer_source(text)
    if source == "unknown":
        return url_host(url) or source
    return source


def _read_metadata(
    folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, stale: list[ReadError] | None = None
) -> tuple[dict[str, dict[str, str]], list[ReadError]]:
    path = folder / METADATA_NAME
    data = _load_bytes(path, max_bytes)
    if isinstance(data, ReadError):
        return {}, [ReadError(str(path), f"metadata not read: {data.reason}")]
    try:
        raw = decode(data)
    except DecodeError as exc:
        return {}, [ReadError(str(path), f"metadata not read: {exc}")]
    return parse_metadata(folder, raw, check_files=True, stale=stale)


# Spreadsheets in locales with a decimal comma (most of Europe) save "CSV" with semicolons, and
# some exports use tabs or bars; the header tells which: the first of these that yields the column
# the table needs ('file' in metadata.csv, 'text' in a table of articles).
DELIMITERS = (",", ";", "\t", "|")


def _delimiter(raw: str, column: str | tuple[str, ...], first: str = ",") -> str:
    """The delimiter whose split of the header row names `column` (or one of them)."""
    columns = (column,) if isinstance(column, str) else column
    header = _LINE_BREAK_RE.split(raw, maxsplit=1)[0]  # the csv module ends a line at a lone CR too
    for delimiter in dict.fromkeys((first, *DELIMITERS)):
        try:
            names = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:  # a stray quote: the table's reader reports it
            continue
        if any(name.strip().strip('"').strip().lower() in columns for name in names):
            return delimiter
    return first


_LINE_BREAK_RE = re.compile(r"\r\n?|\n")
# Lines a spreadsheet or a script leaves above a table's header: blank lines, and Excel's `sep=;`, the
# line naming the delimiter that Excel writes for a locale and reads itself. Read as the header, both
# gave "no 'file' column" (metadata.csv) or "no 'text' column" (bug hunt 30's list, 31 M2).
_TABLE_HEAD_RE = re.compile(r"(?:[ \t]*(?:\r\n?|\n))*(?:sep=([^\r\n])[ \t]*(?:\r\n?|\n)(?:[ \t]*(?:\r\n?|\n))*)?")


def table_head(raw: str) -> tuple[str, str | None, int]:
    """`raw` from its header row on (leading blank lines and a `sep=X` line left out), the delimiter
    a `sep=` line names, and the number of lines left out (to number the rest as in the file)."""
    head = _TABLE_HEAD_RE.match(raw)
    if head is None or not head.group():
        return raw, None, 0
    return raw[head.end():], head.group(1), len(_LINE_BREAK_RE.findall(head.group()))



def parse_metadata(folder: Path, raw: str, *, check_files: bool = False, stale: list[ReadError] | None = None
                   ) -> tuple[dict[str, dict[str, str]], list[ReadError]]:
    """metadata.csv text -> {normalised file path: {field: value}}, and the problems met.

    Comma-separated, or separated by semicolons, tabs or bars (DELIMITERS). A row naming a
    file already listed is reported and ignored (the first row wins); a column named twice is
    reported and its first occurrence used; a malformed CSV keeps the rows read before the fault.
    With `check_files` (the metadata.csv of a folder on disk), a row naming no file is reported
    (in `stale` when given) and left out.
    """
    where = str(folder / METADATA_NAME)
    errors: list[ReadError] = []
    table: dict[str, dict[str, str]] = {}
    raw, named, above = table_head(raw.replace("\0", "").removeprefix("\ufeff"))
    # A lone CR ends a row too. skipinitialspace: a spreadsheet's `"File" , "Source"` read the quoted
    # names after a space as '"source"' (every value is stripped anyway).
    rows = csv.reader(io.StringIO(raw, newline=None), delimiter=named or _delimiter(raw, "file"),
                      skipinitialspace=True)
    try:
        header = [name.strip().lower() for name in next(rows, [])]
        if "file" not in header:
            return {}, [ReadError(where, "metadata has no 'file' column; its rows were ignored")]
        columns: dict[str, int] = {}
        for index, name in enumerate(header):
            if name in columns:
                errors.append(ReadError(where, f"metadata column '{name}' appears twice; the first is used"))
            else:
                columns[name] = index
        # A field under the names a front matter gives it too (FRONT_MATTER_KEYS: `publisher`, `outlet`,
        # `site_name` for the source; `link` for the url; `published` for the date): a metadata.csv
        # headed `file,outlet` had given every file source unknown, without a word (bug hunt 30, M1).
        wanted = [(k, columns[name]) for k in METADATA_FIELDS
                  if (name := next((n for n in FRONT_MATTER_KEYS[k] if n in columns), None)) is not None]
        if not wanted:
            errors.append(ReadError(where, f"metadata has no column it reads ({', '.join(METADATA_FIELDS)}) beside "
                                           f"'file' (its columns: {', '.join(header)}); its rows give nothing"))
        for row in rows:
            name = row[columns["file"]].strip() if len(row) > columns["file"] else ""
            if not name:
                continue
            key = _metadata_key(str(folder / name))
            spelled = name
            if check_files and not _lexists_spelled_either_way(key) and "\\" in name and os.sep == "/":
                # A spreadsheet on Windows writes 2024\a.txt; a name holding a backslash is rare here.
                # Read so before the folder test: '..\x.txt' named a file outside it, dropped unsaid.
                spelled = name.replace("\\", "/")
                key = _metadata_key(str(folder / spelled))
            if check_files:
                # An absolute name (a script's `find $PWD ...`) made a key no walked file has, and a name
                # outside the folder ('../x.txt') one no lookup of this table asks for: both rows were
                # dropped without a word (session 26 bug hunt, M1). A folder's table gives its own tree.
                inside = _within(key, folder)
                if os.path.isabs(spelled) and _outside(inside):  # the folder given through a link
                    inside = _within(os.path.realpath(key), Path(os.path.realpath(folder)))
                if _outside(inside):
                    (errors if stale is None else stale).append(ReadError(
                        where, f"metadata names '{name}' (line {rows.line_num + above}), outside its folder; a "
                               "metadata.csv gives the files of its folder and subfolders: the row was ignored"))
                    continue
                if os.path.isabs(spelled):
                    key = _metadata_key(str(folder / inside))
            if check_files and not _lexists_spelled_either_way(key) and _lexists_spelled_either_way(key + ".gz"):
                # The folder gzipped after its table was written (`gzip -r scrape/2024-03`, as logs are
                # archived): every row had been "no such file" and its article's source lost, exit 3 on
                # every run (bug hunt 33, M3). A file is read as its name without .gz says.
                key += ".gz"
            if check_files and not _lexists_spelled_either_way(key):
                # Else the row's source is silently lost and its file ranked as "unknown" or inferred.
                (errors if stale is None else stale).append(ReadError(
                    where, f"metadata names '{name}' (line {rows.line_num + above}) but there is no such file; names "
                           "are relative to the metadata's folder and match case"))
                continue
            if key in table:
                errors.append(ReadError(where, f"metadata lists '{name}' twice (line {rows.line_num + above}); "
                                               "the first row is used"))
                continue
            table[key] = {k: scrub_surrogates(row[i].strip()) for k, i in wanted if i < len(row) and row[i].strip()}
    except csv.Error as exc:
        errors.append(ReadError(where, f"metadata is malformed CSV at line {rows.line_num + above} ({exc}); "
                                       "later rows were ignored"))
    return table, errors


def _metadata_key(path: str) -> str:
    """A file's key in a metadata table: its normalised path in Unicode NFC. A file named on macOS
    and copied over (rsync, a zip) keeps its name's decomposed form (NFD: "u" + U+0308 for "ü"),
    where a spreadsheet's metadata.csv spells it composed: its row was "no such file" and its
    article lost its source (bug hunt 29)."""
    return unicodedata.normalize("NFC", os.path.normpath(path))


def _lexists_spelled_either_way(path: str) -> bool:
    return any(os.path.lexists(unicodedata.normalize(form, path)) for form in ("NFC", "NFD"))


def _within(path: str, folder: Path) -> str:
    """`path` relative to `folder`, both made absolute as spelled (links not followed)."""
    return os.path.relpath(os.path.abspath(path), os.path.abspath(folder))


def _outside(relative: str) -> bool:
    return relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc)


def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ReadError]:
    """Files to read, in a stable order; folders recursively, hidden entries and a saved page's
    assets folder (page_assets) skipped.

    Streams: it holds one folder's listing and the folders still to visit, never every path.
    Symbolic links to folders inside a tree are reported, not followed (they can loop).
    """
    for path in _distinct_inputs(paths):
        try:
            info = path.stat()
        except OSError as exc:
            yield ReadError(str(path), path_reason(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode) and not download_folder(path.name):
            yield from _walk_dir(path)
        else:
            yield path  # a download folder given is read_file's to report, as a partial file is


def _distinct_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The given paths without those another one covers: the same file or folder given twice, or
    a path inside a given folder that its walk reads (not hidden), so that no article is read and
    counted twice (`analyzer trust seeds seeds/000.txt` made a story of one file with itself)."""
    given = [Path(raw) for raw in paths]
    absolute = [Path(os.path.abspath(p)) for p in given]
    # os.path's tests, not Path's: Path.is_dir raises on a path in a folder the user may not enter
    # (PermissionError), which is to be reported by the walk, not end the run.
    folders = [a for p, a in zip(given, absolute, strict=True) if os.path.isdir(p)]
    # A link named among the paths is a copy of its target when that is read anyway: a file given
    # too, one a given folder walks into, or one another link given named first. The shell names
    # every entry of a folder in `analyzer trust scrape/*`, so scrape/latest.txt -> 2024/a.txt was
    # read twice (one source counted twice, flag made a story of a file with itself) where `trust
    # scrape` read it once (bug hunt 33, G1). Read as another type than its target, it is no copy.
    real_folders = [Path(os.path.realpath(p)) for p in given if os.path.isdir(p)]
    real_files = {os.path.realpath(p) for p in given if os.path.isfile(p) and not os.path.islink(p)}
    linked: set[str] = set()
    kept: list[Path] = []
    seen: set[Path] = set()
    for path, full in zip(given, absolute, strict=True):
        # A missing path stays, to be reported as missing.
        inside = os.path.exists(path) and any(full != folder and walks_into(folder, full) for folder in folders)
        if full in seen or inside:
            continue
        if os.path.islink(path) and os.path.isfile(path):
            target = os.path.realpath(path)
            if file_type(Path(target)) == file_type(path) and (
                    target in real_files or target in linked
                    or any(walks_into(folder, Path(target)) for folder in real_folders)):
                continue
            linked.add(target)
        seen.add(full)
        kept.append(path)
    return kept


def _named_metadata(root: Path, roots: list[Path]) -> bool:
    """Whether `root` is a folder's metadata.csv named beside articles of that folder, as the shell
    names it in `analyzer score seeds/*`: it gives their source, url, title and date, as it does to
    the walk of the folder, which passes over it; read as a table of articles it had been skipped as
    one with no 'text' column, exit 3, on the shipped seeds (a helper's bug hunt, bughunt24 M1).
    Named alone, it is read as before (and reported when it holds no articles)."""
    if root.name != METADATA_NAME or not os.path.isfile(root):
        return False
    return named_beside_its_folder(root, roots)


def named_beside_its_folder(root: Path, roots: Iterable[str | os.PathLike[str]]) -> bool:
    """Whether the file `root` is named beside another entry of its folder, as the shell names them
    all in `analyzer trust scrape/*`: a run over the folder's entries, not over that file alone."""
    if str(root) == STDIN or not os.path.isfile(root):
        return False
    full = Path(os.path.abspath(root))
    return any(str(other) != STDIN and Path(os.path.abspath(other)).parent == full.parent
               and Path(os.path.abspath(other)) != full for other in roots)


def _named_own_output(root: Path, roots: list[Path]) -> bool:
    """Whether `root` is a file an analyzer command wrote (this run's output, or is_own_output's)
    named beside other entries of its folder: `analyzer score scrape/* -o scrape/scores.jsonl` the
    next day read yesterday's scores.jsonl ("missing 'text' field" on every line), trust.csv ("no
    'text' column") and report.html (an article of source unknown, ranked in the trust table), exit 3,
    where `analyzer score scrape` passes over them (bug hunt 33, O6). Named alone it is read."""
    return named_beside_its_folder(root, roots) and (_excluded_file(root) or is_own_output(root))


# Files an operating system keeps in folders, hidden where it runs (Windows' hidden and system
# attributes, macOS's custom-icon file "Icon\r") but not by a leading dot once the folder is copied
# here (a share, a zip): skipped as hidden files are. Each had been "unsupported file type '.db'"
# ('.ini'; "Icon\r", empty: "empty file"), exit 3 on every run over the folder (bug hunt 31, W1).
SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", "icon\r"})


def _hidden(name: str) -> bool:
    """Whether the walk leaves a file or folder named `name` out: hidden (a leading dot) or SYSTEM_FILES."""
    return name.startswith(".") or name.lower() in SYSTEM_FILES


# Safari downloads into a folder NAME.download holding the partial file under its own name and an
# Info.plist: the walk went in and read the cut-short page (review 31b, F7). It is listed as one
# file, which read_file skips as an unfinished download (PARTIAL_DOWNLOAD_SUFFIXES), as Chrome's
# page.html.crdownload is.
DOWNLOAD_FOLDER_SUFFIX = ".download"


def download_folder(name: str) -> bool:
    """Whether a folder named `name` is a download in progress (DOWNLOAD_FOLDER_SUFFIX)."""
    lowered = name.lower()
    return lowered.endswith(DOWNLOAD_FOLDER_SUFFIX) and lowered != DOWNLOAD_FOLDER_SUFFIX


def walks_into(folder: Path, path: Path) -> bool:
    """Whether the walk of `folder` reaches `path` (both absolute or both real): it lies inside it
    and no part of the way is hidden (_list_dir leaves hidden entries out) nor a saved page's
    assets folder (page_assets) nor a download in progress (download_folder)."""
    if not path.is_relative_to(folder):
        return False
    parts = path.relative_to(folder).parts
    return not any(_hidden(part) or (n < len(parts) - 1 and (
        download_folder(part) or page_assets(folder.joinpath(*parts[:n]), part))) for n, part in enumerate(parts))


# A browser's "Save Page As... Web Page, Complete" (Chrome, Edge, Firefox) writes NAME.html and
# NAME_files/ beside it, holding the page's scripts, styles, images and the HTML of its frames (ads,
# consent banners, players): read as articles and files of a scrape, each frame was an article of a
# few words and each asset an unsupported file, exit 3 on every run (bug hunt 27, S1).
PAGE_ASSETS_SUFFIX = "_files"


def page_assets(folder: Path, name: str, files: Iterable[str] | None = None) -> bool:
    """Whether `name`, a sub-folder of `folder`, is the assets folder of a page saved beside it
    (NAME_files beside NAME.html or NAME.htm, in any case); `files`: the folder's file names, when
    listed already."""
    if not name.endswith(PAGE_ASSETS_SUFFIX) or name == PAGE_ASSETS_SUFFIX:
        return False
    page = name[: -len(PAGE_ASSETS_SUFFIX)]
    if files is None:
        return any(os.path.isfile(folder / f"{page}{suffix}") for suffix in (".html", ".htm", ".HTML", ".HTM"))
    return any(f[: len(page)] == page and f[len(page):].lower() in HTML_SUFFIXES for f in files)


def path_reason(path: Path, exc: OSError) -> str:
    """Why a path given or found could not be stat'ed or opened. Only a missing target makes a
    link "broken": a link whose target sits in a folder the user may not read is a permission
    problem."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, FileNotFoundError | NotADirectoryError):  # NotADirectory: `story.txt/x`
        return "broken symbolic link" if path.is_symlink() else "no such file or folder"
    return f"cannot read: {_reason(exc)}"


def _list_dir(folder: Path) -> tuple[list[str], list[str], set[str], list[ReadError]]:
    """(sub-folder names, file names, which files are symbolic links, problems) of one folder,
    unsorted; hidden entries left out."""
    dirs: list[str] = []
    files: list[str] = []
    links: set[str] = set()
    errors: list[ReadError] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if _hidden(entry.name):
                    continue
                try:
                    if entry.is_symlink():
                        try:
                            to_folder = entry.is_dir()
                        except OSError:  # a link loop: ELOOP
                            to_folder = False
                        if to_folder:
                            errors.append(ReadError(str(folder / entry.name),
                                                    "symbolic link to a folder, not followed (it could loop)"))
                        else:
                            files.append(entry.name)  # _walk_dir reports broken links and loops
                            links.add(entry.name)
                    elif entry.is_dir(follow_symlinks=False):
                        # A download in progress is listed as the file it will be, not walked into.
                        (files if download_folder(entry.name) else dirs).append(entry.name)
                    else:
                        files.append(entry.name)
                except OSError as exc:
                    errors.append(ReadError(str(folder / entry.name), f"cannot read: {_reason(exc)}"))
    except OSError as exc:
        errors.append(ReadError(str(folder), f"cannot read folder: {_reason(exc)}"))
    return dirs, files, links, errors


def _walk_dir(root: Path) -> Iterator[Path | ReadError]:
    # An explicit stack, not os.walk: Python 3.11's os.walk recurses and dies with RecursionError
    # on folders nested ~1000 deep. Order: a folder's files (sorted), then its sub-folders
    # (sorted), depth first - the order os.walk gave.
    stack = [root]
    real_root = Path(os.path.realpath(root))
    linked: set[str] = set()  # the targets of links read so far
    while stack:
        folder = stack.pop()
        dirs, files, links, errors = _list_dir(folder)
        yield from errors
        for name in sorted(files):
            if name == METADATA_NAME:
                continue
            path = folder / name
            if name in links:
                try:
                    path.stat()
                except OSError as exc:
                    yield ReadError(str(path), path_reason(path, exc))
                    continue
                # A link to a file the walk reads itself, or to one another link gave, would be the
                # same article twice: trust counted its source twice and flag paired it with itself.
                # A link read as another type than its target (story.txt -> story.raw) is no copy.
                target = os.path.realpath(path)
                if file_type(Path(target)) == file_type(path) and (
                        target in linked or walks_into(real_root, Path(target))):
                    continue
                linked.add(target)
            yield path
        stack.extend(folder / name for name in sorted(dirs, reverse=True) if not page_assets(folder, name, files))


VANISHED = "vanished during the run: listed when the run began, gone before it was scored"


class Listing:
    """The files the first walk of a run (the pre-pass) found in the folders given, for the second
    walk (the scoring) to name those gone since: a file deleted in between had left the output
    without a word, exit 0 (bug hunt 31: 3,000 files, 1,000 deleted mid-run). Held per folder as its
    file names in walk order, joined and compressed (a scrape's names, alike, take a few bytes each),
    so a run of a million files holds a few MB; the second walk only compares names it lists anyway,
    no stat. Used by input_files: the first full walk with it records, the next ones compare."""

    def __init__(self) -> None:
        # Per folder given: (folder, its files' names packed), in walk order.
        self._groups: dict[str, list[tuple[str, bytes]]] = {}
        self._complete = False

    @staticmethod
    def _pack(names: list[str]) -> bytes:
        return zlib.compress("\0".join(names).encode("utf-8", "surrogatepass"), 1)

    @staticmethod
    def _unpack(packed: bytes) -> list[str]:
        return zlib.decompress(packed).decode("utf-8", "surrogatepass").split("\0")

    def _recorded(self, root: str, items: Iterable[Path | ReadError]) -> Iterator[Path | ReadError]:
        groups = self._groups.setdefault(root, [])
        folder, names = "", []
        for item in items:
            if isinstance(item, Path):
                parent = str(item.parent)
                if parent != folder and names:
                    groups.append((folder, self._pack(names)))
                    names = []
                folder = parent
                names.append(item.name)
            yield item
        if names:
            groups.append((folder, self._pack(names)))

    def _compared(self, root: str, items: Iterable[Path | ReadError]) -> Iterator[Path | ReadError]:
        """`items` with a ReadError (VANISHED) in the place of each file the first walk listed and
        this one does not: both walks go in one order, a folder's files sorted, then its folders."""
        groups = self._groups.get(root, [])
        where = {folder: n for n, (folder, _) in enumerate(groups)}
        done = 0  # groups before this one are passed
        folder, listed, at = "", [], 0  # the folder walked now and its names of the first walk
        # Paths this walk reported itself: a file replaced by a broken link since the first walk is
        # that error, not also gone (it was reported twice). As many as the errors the run lists.
        reported: set[str] = set()

        def gone(folder: str, names: Iterable[str]) -> Iterator[ReadError]:
            paths = (str(Path(folder) / name) for name in names)
            return (ReadError(path, VANISHED) for path in paths if path not in reported)

        for item in items:
            if isinstance(item, ReadError):  # not placed: a folder's problems come before its files
                reported.add(item.path)
                yield item
                continue
            parent, name = str(item.parent), item.name
            if parent != folder:
                yield from gone(folder, listed[at:])
                folder, listed, at = parent, [], 0
                n = where.get(parent, -1)
                if n >= done:  # folders the first walk listed between the last one and this: all gone
                    for before, packed in groups[done:n]:
                        yield from gone(before, self._unpack(packed))
                    listed, done = self._unpack(groups[n][1]), n + 1
            while at < len(listed) and listed[at] < name:
                yield from gone(folder, [listed[at]])
                at += 1
            if at < len(listed) and listed[at] == name:
                at += 1
            yield item
        yield from gone(folder, listed[at:])
        for before, packed in groups[done:]:
            yield from gone(before, self._unpack(packed))


@dataclass
class MetadataTables:
    """The metadata.csv tables one reading has read, and the folders whose problems it has reported:
    input_files keeps one per call, unless given one shared by readings of one run's files one at a
    time. train reads each path row's file alone, and each reading parsed its folder's table and
    every table above it again, a stat per row of each: 2,000 rows under one metadata.csv of 2,000 rows
    took 206 s of CPU (review 32; the tables above since bug hunt 31's N1)."""

    # Bounded (see METADATA_CACHE_FOLDERS): a folder's table and its rows naming no file.
    folders: OrderedDict[Path, tuple[dict[str, dict[str, str]], list[ReadError]]] = field(default_factory=OrderedDict)
    reported: set[Path] = field(default_factory=set)  # a folder's metadata problems are reported once
    reported_stale: set[Path] = field(default_factory=set)
    above: dict[Path, dict[str, dict[str, str]]] = field(default_factory=dict)  # tables above the paths given
    _homes: set[Path] | None = field(default=None, init=False, repr=False)

    def home_folders(self) -> set[Path]:
        """The user's home folder as HOME spells it and as its real path (none where it cannot be
        found: a service account without one), which the tables above a path are not read past: a
        path given relative is made absolute from the current folder's real path (getcwd), so under a
        HOME naming it through a link the walk passed it by (review 32). Found once per reading."""
        if self._homes is None:
            try:
                self._homes = {Path(os.path.abspath(Path.home())), Path(os.path.realpath(Path.home()))}
            except RuntimeError:
                self._homes = set()
        return self._homes


def input_files(paths: Iterable[str | os.PathLike[str]], *, listing: Listing | None = None,
                tables: MetadataTables | None = None) -> Iterator[tuple[Path, dict[str, str]] | ReadError]:
    """The files read_paths reads, each with its metadata.csv row, and the errors met, in order.

    A file's row comes from the metadata.csv of its own folder or, failing that, of a folder above
    it within the given folder: a row may name a file in a subfolder ("2024/05/a.txt", relative to
    the metadata.csv's folder). Split from read_paths so that analyzer.distributed can plan the
    same reads on a cluster. `listing`: shared by a run's walks (Listing), the files its first walk
    found and this one does not are reported. `tables`: the metadata.csv tables read so far
    (MetadataTables), shared by readings of one run's files one at a time.
    """
    compare = listing is not None and listing._complete
    if listing is not None and not compare:
        listing._groups.clear()  # an earlier walk left unfinished records nothing
    tables = MetadataTables() if tables is None else tables
    cache, reported, reported_stale = tables.folders, tables.reported, tables.reported_stale

    def metadata(folder: Path, walked: bool) -> tuple[dict[str, dict[str, str]], list[ReadError]]:
        """The folder's table, and its problems not yet reported; rows naming no file (stale) only
        when the run walks the folder: a run on one named file of it is no run over its files."""
        errors: list[ReadError] = []
        if folder in cache:
            cache.move_to_end(folder)
            table, stale = cache[folder]
        else:
            table, stale = {}, []
            if os.path.isfile(folder / METADATA_NAME):
                table, errors = _read_metadata(folder, stale=stale)
                errors = [] if folder in reported else errors
                if errors:
                    reported.add(folder)
            cache[folder] = (table, stale)
            if len(cache) > METADATA_CACHE_FOLDERS:
                cache.popitem(last=False)
        if walked and stale and folder not in reported_stale:
            reported_stale.add(folder)
            errors = errors + stale
        return table, errors

    roots = _distinct_inputs(paths)
    for root in roots:
        if str(root) == STDIN:
            yield root, {}
            continue
        if _named_metadata(root, roots) or _named_own_output(root, roots):
            continue
        walked = os.path.isdir(root)
        top = root if walked else root.parent
        tables_above = _tables_above(top, tables)  # once per path given, not per file
        items = walk([root])
        if compare:
            items = listing._compared(str(root), items)  # type: ignore[union-attr]
        elif listing is not None and walked:  # a file given is reported missing by the walk itself
            items = listing._recorded(str(root), items)
        for item in items:
            if isinstance(item, ReadError):
                yield item
                continue
            if item != root and (_excluded_file(item) or is_own_output(item) or robots_file(item)):
                continue  # this run's output, or an earlier run's kept beside the articles; one named is read
            key = _metadata_key(str(item))
            folder, row = item.parent, None
            while row is None:
                table, errors = metadata(folder, walked)
                yield from errors
                row = table.get(key)
                if folder == top or folder == folder.parent:
                    break
                folder = folder.parent
            if row is None:
                row = _row_above(item, tables_above)
            yield item, row or {}
    if listing is not None:
        listing._complete = True


def _tables_above(top: Path, read: MetadataTables) -> list[dict[str, dict[str, str]]]:
    """The metadata.csv tables of the folders above `top` (the folder given, or the folder of the file
    given), nearest first, that have rows: `score scrape/2024/05` or `explain scrape/2024/05/a.txt` with
    scrape/metadata.csv naming "2024/05/a.txt" had given source unknown without a word, where `score
    scrape/` gave the row's (bug hunt 31, N1). Such a table is not the run's: its problems (rows naming
    no file, a missing 'file' column: any metadata.csv above) are not reported. Not above the user's
    home folder or a mount point: a table there is some other tree's, and each one found costs a stat
    per row (review 31b: `explain` of one file under an unrelated 200,000-row table four levels up
    took 4.3 s). `read`: the tables read so far (MetadataTables.above), each read once."""
    cache, homes = read.above, read.home_folders()
    tables: list[dict[str, dict[str, str]]] = []
    start = Path(os.path.abspath(top))
    if start in homes or os.path.ismount(start):
        # The home folder or a mount point given (or a file in it): its own table is the walk's, and
        # the walk up had begun above it, reading /home/metadata.csv for `explain ~/a.txt` (review 32).
        return tables
    for folder in start.parents:
        if folder not in cache:
            cache[folder] = _read_metadata(folder, stale=[])[0] if os.path.isfile(folder / METADATA_NAME) else {}
        if cache[folder]:
            tables.append(cache[folder])
        if folder in homes or os.path.ismount(folder):
            break
    return tables


def _row_above(item: Path, tables: list[dict[str, dict[str, str]]]) -> dict[str, str] | None:
    """The row naming `item` in the nearest of `tables` (_tables_above) that names it."""
    if not tables:
        return None
    key = _metadata_key(os.path.abspath(item))
    return next((table[key] for table in tables if key in table), None)


# The first bytes of what analyzer's own commands write (analyzer.io.writers, analyzer.report):
# score/flag/trust JSON, an ARTICLE, FLAG or SOURCE line of JSONL, the CSV headers, the HTML
# report (its generator tag) and a table written to a text file. Feed and HTML articles carry
# their text in the output, so `score scrape/ -o scrape/scores.jsonl` was read back as articles by
# the next run over the folder, each twice, and the next --resume refused to write over an input.
# Each pattern asks for enough of the shape (the fields that follow) that a user's own corpus
# ({"id", "label": "spun", "original", "text"}, a CSV sharing our first columns) is still read.
_STRING = r'"(?:[^"\\\n]|\\.)*"'
_OWN_OUTPUT_RE = re.compile(
    r'\ufeff?(?:\{"articles": \[\n(?:\]|\{"id": )|\{\n  "(?:stories|sources)": \[)'
    rf'|\{{"id": {_STRING}, "path": (?:null|{_STRING}), "source": [^\n]*?'
    r'"language": "[^"\n]*", "words": \d+, "scores": \{'
    rf'|\{{"id": {_STRING}, "label": "(?:spun|machine_translated)", "original": (?:null|{_STRING}), '
    r'"similarity": [-\d.e]+, "evidence": \['
    rf'|\{{"rank": \d+, "source": {_STRING}, "articles": \d+, "trust": '
    # The CSV headers, comma- or (a file named .tsv, bug hunt 31) tab-separated; flag's, and any columns
    # added after its first seven (`direction` since b51ce84: its CSV was read back as a table with no
    # text column, bug hunt 31, O4).
    + (r'|\ufeff?(?:id,path,source,language,words,translation,boilerplate,attribution,hedging,readability,trust,label,'
       r'evidence\r?\n|id,label,original,similarity,evidence,path,original_path(?:,\w+)*\r?\n'
       r'|rank,source,articles,trust,trust_low,trust_high,garbled,translation,boilerplate,attribution,hedging,)'
       ).replace(",", "[,\t]") +
    # A trust model `train` wrote (TrustModel.save; trust.model.FORMAT): kept beside the articles it
    # was trained on and given as --model, it was reported, "neither an article ...", exit 3 (bug hunt 31).
    r'|\{\n  "format": "analyzer-trust",'
    r'|<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="generator" content="analyzer">'
    r'|\s*analyzer (?:score|flag: garbled copies|trust: sources ranked by trust(?:_low)?) *\n\S*┏')
# What a run writes to standard error, saved by the shell beside the articles (`analyzer score
# scrape/ > scrape/scores.jsonl 2> scrape/errors.log`, README's example): its skipped inputs, one
# `skipped PATH: REASON` line each (json, csv), JSON Lines of them (jsonl) or a table (table), and
# its warning and progress lines. The next command over the folder had reported the log as an
# unsupported file type, exit 3, every day (bug hunt 29); an empty log is a day with nothing to say.
LOG_SUFFIXES = frozenset({".log", ".err"})
_OWN_LOG_LINE_RE = re.compile(
    r'(?:skipped .+?: |warning: |error: |resuming: |report written to |trained on |'
    r'\{"path": (?:"(?:[^"\\\n]|\\.)*"), "reason": |\s*skipped inputs\s*$|[┏┃┡│└╭╰]|\s*$)')
# A .txt is an article unless it also holds a line no article opens with: a skipped input named by a
# path (a folder separator or a file suffix before the colon), a JSON Lines error record or a table's
# frame. Review 29 A1: a one-line article "skipped breakfast: ..." had been passed over unread.
_OWN_LOG_MARK_RE = re.compile(r'skipped (?:.*[/\\].*?|.*?\.\w{1,8}): |\{"path": |[┏┃┡│└╭╰]')
OWN_OUTPUT_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".html", ".txt", *LOG_SUFFIXES})
# Bytes read to tell: a JSON Lines record's "scores" can follow a long title; a report's or a
# table's mark is in its first line or two, and every article file of a folder is looked at.
_OWN_OUTPUT_HEAD = {".html": 4096, ".txt": 4096, ".log": 4096, ".err": 4096}
_OWN_OUTPUT_HEAD_DEFAULT = 65_536
# Files a run writes (the CLI's --output): its own walk passes them over whatever they hold, an
# empty JSONL of a day with no flags too (excluding()).
_excluded: frozenset[str] = frozenset()
_excluded_files: frozenset[tuple[int, int]] = frozenset()
# Whether the walk also passes over an empty file that another process of this command line has
# open for writing (excluding(job_outputs=True), the CLI's commands).
_job_outputs = False
_PROC = Path("/proc")


@contextlib.contextmanager
def excluding(paths: Iterable[str | os.PathLike[str] | None],
              files: Iterable[tuple[int, int]] = (), job_outputs: bool = False) -> Iterator[None]:
    """Within the block, the walk of input folders passes over these files (an output being
    written into a folder that is read): named by path, or by (device, inode) for a file known by
    an open descriptor only (standard output redirected by the shell). With job_outputs, also an
    empty file being written by another process of the same command line (_written_by_job)."""
    global _excluded, _excluded_files, _job_outputs, _job_scan
    before, before_files, before_job = _excluded, _excluded_files, _job_outputs
    _job_scan = None  # a new run asks the job again
    _excluded = before | {os.path.realpath(p) for p in paths if p is not None and str(p) != STDIN}
    _excluded_files = before_files | frozenset(files)
    _job_outputs = before_job or job_outputs
    try:
        yield
    finally:
        _excluded, _excluded_files, _job_outputs = before, before_files, before_job


def _excluded_file(path: Path) -> bool:
    if _excluded and os.path.realpath(path) in _excluded:
        return True
    if not _excluded_files and not _job_outputs:
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    if (info.st_dev, info.st_ino) in _excluded_files:
        return True
    return _job_outputs and info.st_size == 0 and stat.S_ISREG(info.st_mode) and _written_by_job(info)


def _written_by_job(info: os.stat_result) -> bool:
    """Whether another process of this process group (the shell's job: every command of a pipeline)
    has the file open for writing: `analyzer score scrape/ | tee scrape/scores.csv` makes tee create
    the empty file before the walk reaches it, which a run had reported as an "empty file", exit 3,
    every day (bug hunt 32). The shell's `>` is known from our own standard output
    (cli._redirected_files); a pipe's far end is known only from /proc, so this is Linux's alone
    (elsewhere the file stays an empty input). Asked of empty files only: the rest of a tee'd
    output is recognised by its content (is_own_output)."""
    global _job_scan
    now = time.monotonic()
    if _job_scan is None or now - _job_scan[0] > JOB_SCAN_SECONDS:
        _job_scan = (now, _job_written_files())
    return (info.st_dev, info.st_ino) in _job_scan[1]


# The files the job's other processes write, read again after this many seconds at most: a folder of
# a thousand empty files asks once, not a thousand times (a scan reads every process's stat line),
# and a tee started late is seen within a second.
JOB_SCAN_SECONDS = 1.0
_job_scan: tuple[float, frozenset[tuple[int, int]]] | None = None


def _job_written_files() -> frozenset[tuple[int, int]]:
    """(device, inode) of the regular files that the other processes of this process group hold
    open for writing; none where there is no /proc or no process group."""
    try:
        group, me = os.getpgrp(), os.getpid()
        pids = [name for name in os.listdir(_PROC) if name.isdigit() and int(name) != me]
    except (OSError, AttributeError):  # no /proc, or no process groups (Windows)
        return frozenset()
    found = set()
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            raw = (_PROC / pid / "stat").read_bytes()
            # Fields after the command's name, which may hold spaces or ")": state, ppid, pgrp.
            if int(raw[raw.rindex(b")") + 2:].split()[2]) != group:
                continue
            for fd in os.listdir(_PROC / pid / "fd"):
                with contextlib.suppress(OSError, ValueError):
                    held = os.stat(_PROC / pid / "fd" / fd)
                    if stat.S_ISREG(held.st_mode) and _open_for_writing(pid, fd):
                        found.add((held.st_dev, held.st_ino))
    return frozenset(found)


def _open_for_writing(pid: str, fd: str) -> bool:
    """Whether the descriptor's access mode (fdinfo's octal flags) is O_WRONLY or O_RDWR."""
    for line in (_PROC / pid / "fdinfo" / fd).read_text().splitlines():
        if line.startswith("flags:"):
            return (int(line.split()[1], 8) & 3) in (os.O_WRONLY, os.O_RDWR)  # 3: O_ACCMODE
    return False


def is_own_output(path: str | os.PathLike[str]) -> bool:
    """Whether the file is what an analyzer command wrote (its first record or header), as it
    wrote it or rewritten by another tool (a JSON record's fields in another layout), gzipped too:
    yesterday's `scores.jsonl` compressed beside the articles had been read as articles, every line
    "missing 'text' field", exit 3 on every run (bug hunt 32)."""
    inner = unzipped(Path(path))
    gzipped = inner != Path(path)
    suffix = file_type(inner)
    if suffix in HTML_SUFFIXES or (suffix not in OWN_OUTPUT_SUFFIXES and suffix not in READ_SUFFIXES):
        # Our report saved as report.htm, or under a name read as a page when it opens as one
        # (read_file): read back as an article of 1,311 words, and the next day's `report -o` onto
        # it refused as an input (bug hunt 30, O3). Told by its opening, as report.html is.
        suffix = ".html"
    elif suffix not in OWN_OUTPUT_SUFFIXES:
        return False
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    # A FIFO that stands where a file was is never opened: it would wait for a writer forever.
    if not stat.S_ISREG(info.st_mode):
        return False
    if info.st_size == 0 and suffix in LOG_SUFFIXES and not gzipped:
        return True
    return _own_output_seen(os.fspath(path), suffix, info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev,
                            gzipped)


# Files whose verdict is kept: a run walks its input twice (the pre-pass, then the scoring), so
# each file's head was read twice; keyed on the file's size and modification time, a file changed
# since is read again. Bounded, as a walk of a million files must not pile them up. Measured: an
# entry is 385 bytes (tracemalloc, 50-character paths), so 65,536 are 24 MiB, against ~400 MB of a
# run's peak; a hit saves ~20 us a file (5,000 .txt files of bbc_dev.jsonl texts, page cache warm:
# 32.9 -> 11.7 us a file, the stat left), 1.3 s at this size. A walk over it (kept in walk order,
# least recently used out) finds none on its second pass: the cost is then the re-reading alone.
OWN_OUTPUT_CACHE_FILES = 65_536


@lru_cache(maxsize=OWN_OUTPUT_CACHE_FILES)
def _own_output_seen(path: str, suffix: str, size: int, mtime_ns: int, inode: int, device: int,
                     gzipped: bool = False) -> bool:
    return _own_output_file(path, suffix, gzipped)


# Compressed bytes read for a gzipped file's head: text compresses, so this many give at least the
# head's decompressed bytes, the gzip header (with a file name) included.
_OWN_GZIP_SLACK = 1024


def _own_output_file(path: str, suffix: str, gzipped: bool = False) -> bool:
    """is_own_output's reading of the first bytes of the file (of type `suffix`, file_type),
    decompressed if `gzipped`."""
    try:
        # Non-blocking: the file may have been replaced by a FIFO since it was looked at.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        size = _OWN_OUTPUT_HEAD.get(suffix, _OWN_OUTPUT_HEAD_DEFAULT)
        head = os.read(fd, size + _OWN_GZIP_SLACK if gzipped else size)
        if gzipped:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
            if not head and suffix in LOG_SUFFIXES:
                return True  # an empty log, as an empty one not gzipped is
    except (OSError, zlib.error):
        return False
    finally:
        os.close(fd)
    text = head.decode("utf-8", errors="replace")
    if suffix in LOG_SUFFIXES | TEXT_SUFFIXES and _own_log(text, whole=len(head) < _OWN_OUTPUT_HEAD.get(suffix, 0),
                                                           marked=suffix not in LOG_SUFFIXES):
        return True
    if _OWN_OUTPUT_RE.match(text) is not None:
        # ...unless its first line, our layout with the article's text added (json.dumps of a
        # record joined with its text), is an article to read (see _own_record).
        first = _first_json(text.lstrip("\ufeff")) if suffix in JSONL_SUFFIXES else None
        return not (isinstance(first, dict) and "text" in first)
    # Our records rewritten by another tool (`jq -c`, pandas' to_json, json.dumps with other
    # separators or sorted keys): the same fields in another layout, told by the first record parsed.
    if suffix in JSONL_SUFFIXES:
        return _own_record(_first_json(text.lstrip("\ufeff \t\r\n")))
    if suffix == ".json":
        return _own_document(text.lstrip("\ufeff"))
    return False


def _own_log(text: str, *, whole: bool, marked: bool = False) -> bool:
    """Whether text is what a run wrote to standard error (_OWN_LOG_LINE_RE): every line ours (the
    last one read may be cut short unless `whole`), and at least one that is not blank; if `marked`
    (a .txt, which is read as an article otherwise), at least one line that only a log holds."""
    lines = text.lstrip("\ufeff").splitlines()
    if not whole and len(lines) > 1:
        lines = lines[:-1]
    return (any(line.strip() for line in lines) and all(_OWN_LOG_LINE_RE.match(line) for line in lines)
            and (not marked or any(_OWN_LOG_MARK_RE.match(line) for line in lines)))


# A JSON document of ours opens with one of these keys and a list (score, flag, trust --format json),
# or with an empty list of errors first (keys sorted).
_OWN_DOCUMENT_RE = re.compile(r'\s*\{\s*(?:"errors"\s*:\s*\[\s*\]\s*,\s*)?"(articles|stories|sources)"\s*:\s*\[\s*')
# ...an empty list then, as a run with nothing to list writes it, is followed by these keys.
_OWN_EMPTY_LIST_RE = re.compile(r'\]\s*,\s*"(?:errors|flags)"\s*:')
_OWN_LABELS = frozenset(LABELS)  # a label added to the article record is ours too


def _first_json(text: str, start: int = 0) -> object:
    """The JSON value at `start` of `text`, None when it does not parse whole from there (a value
    running past the bytes read, or no JSON)."""
    try:
        return json.JSONDecoder().raw_decode(text, start)[0]
    except (ValueError, RecursionError):
        return None


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _own_record(record: object, kind: str | None = None) -> bool:
    """Whether a JSON value is an ARTICLE, FLAG or SOURCE record of ours (OUTPUT.md), whatever its
    layout: by the fields that only our records carry together (an ARTICLE's scores and evidence,
    a FLAG's similarity and evidence, a SOURCE's rank, articles and trust), so that a user's corpus
    ({id, label, original, text}, {rank, source, text}) is read. `kind`: the list of our JSON
    document it comes from (articles, flags, sources, stories), else any line of our JSONL."""
    # Our records never carry the article's text; a record that does is an article to read (our
    # output joined back with its texts: a labelled training set), to be neither skipped nor replaced.
    if not isinstance(record, dict) or "text" in record:
        return False
    get = record.get
    scored = isinstance(get("id"), str) and get("label") in _OWN_LABELS and isinstance(get("evidence"), list)
    # An ARTICLE's scores and evidence, its label dropped or not (`jq -c '{id, source, scores, evidence}'`
    # had been read back as articles with no text, every line an error: bug hunt 29).
    article = isinstance(get("id"), str) and isinstance(get("scores"), dict) and isinstance(get("evidence"), list)
    flag = scored and get("label") != "clean" and "original" in record and _number(get("similarity"))
    source = isinstance(get("rank"), int) and isinstance(get("source"), str) and isinstance(get("articles"), int) \
        and "trust" in record and (record["trust"] is None or _number(record["trust"]))
    if kind is None:
        return article or flag or source
    if kind == "stories":
        return isinstance(get("story"), str) and isinstance(get("articles"), list) and "original" in record
    return {"articles": article, "flags": flag, "sources": source}.get(kind, False)


def _own_document(text: str) -> bool:
    """Whether a JSON document is our score, flag or trust output in any layout: parsed whole when
    it fits in the bytes read, else by its opening (its first key and list, and that list's first
    record of ours, or the list empty as a run writes it)."""
    document = _first_json(text.lstrip())
    if isinstance(document, dict):
        if not isinstance(document.get("errors"), list):
            return False
        lists = [key for key in ("articles", "stories", "flags", "sources") if isinstance(document.get(key), list)]
        if lists not in (["articles"], ["stories", "flags"], ["sources"]):
            return False
        return all(not document[key] or _own_record(document[key][0], key) for key in lists)
    match = _OWN_DOCUMENT_RE.match(text)
    if match is None:
        return False
    if text.startswith("]", match.end()):
        return _OWN_EMPTY_LIST_RE.match(text, match.end()) is not None
    return _own_record(_first_json(text, match.end()), match.group(1))


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    pages: PageCache | None = None,
    listing: Listing | None = None,
    tables: MetadataTables | None = None,
) -> Iterator[Article | ReadError]:
    """Articles (and ReadErrors) from files and folders, streaming one file at a time. `pages`:
    HTML pages' extraction shared by the readings of one run (PageCache); `listing`: the files the
    first reading found, for the next to report those gone since (Listing); `tables`: the
    metadata.csv tables read so far (MetadataTables), for readings of one file at a time."""
    for entry in input_files(paths, listing=listing, tables=tables):
        if isinstance(entry, ReadError):
            yield entry
        else:
            yield from read_file(entry[0], meta=entry[1], max_bytes=max_bytes, max_line_bytes=max_line_bytes,
                                 pages=pages)


def _larger_than(path: Path, max_bytes: int) -> bool:
    """A regular file of more than `max_bytes` (anything else is left to _load_bytes to report)."""
    try:
        info = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size > max_bytes


def _not_regular(path: Path) -> ReadError | None:
    """A FIFO or device is refused before open(): opening a FIFO blocks until a writer comes,
    reading /dev/zero never ends. Raises OSError where stat() does."""
    info = path.stat()
    if stat.S_ISREG(info.st_mode):
        return None
    kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
    return ReadError(str(path), f"not a regular file ({kind})")


def _load_bytes(path: Path, max_bytes: int, *, allow_empty: bool = False) -> bytes | ReadError:
    try:
        if (refused := _not_regular(path)) is not None:
            return refused
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())  # the file may have been replaced since stat()
            if info.st_size > max_bytes:
                return ReadError(str(path),
                                 f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return ReadError(str(path), path_reason(path, exc))
    if len(data) > max_bytes:
        return ReadError(str(path), f"file grew over the limit of {max_bytes:,} bytes while being read")
    if not data.strip() and not allow_empty:
        return ReadError(str(path), "empty file")
    return data


def unzipped(path: Path) -> Path:
    """The path a gzipped file has without `.gz` (`dump.jsonl.gz` -> `dump.jsonl`), whose name
    gives its type and ids; any other path as it is."""
    if path.suffix.lower() != GZIP_SUFFIX or not path.name[: -len(GZIP_SUFFIX)].strip("."):
        return path
    return path.with_name(path.name[: -len(GZIP_SUFFIX)])


def _stem(path: Path) -> str:
    """The file stem that default ids start with (`<stem>:<line>`), `.gz` taken off first."""
    return unzipped(path).stem


def _first_bytes(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file, for telling what it holds whatever its name; b"" for
    anything else or a file that cannot be read (left to be reported where it is read)."""
    try:
        if _not_regular(path) is not None:
            return b""
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


# `wget -r` (and httrack) saves each host's robots.txt beside the pages it mirrors: the walk had read
# it as an article of some ten words (held at 0.4), source unknown, a row of `trust` (bug hunt 31,
# R3). Told by its lines, all comments or `field: value` lines, one naming a user agent: an article
# saved under its slug, robots.txt, is read. Any field, not a list of known ones: Cloudflare's managed
# robots.txt has `Content-Signal: search=yes,ai-train=no`, and a file may open with a BOM (Google reads
# it); both had been read as articles. An empty one ("allow all", as a site may serve it) had been
# "empty file", exit 3 on every run (review 31b).
ROBOTS_NAME = "robots.txt"
ROBOTS_HEAD_BYTES = 65_536
_ROBOTS_LINE_RE = re.compile(r"\s*(?:#.*|[a-z][\w-]*\s*:.*)?", re.I)
_ROBOTS_AGENT_RE = re.compile(r"\s*user-agent\s*:", re.I)


def robots_file(path: Path) -> bool:
    """Whether the file is a site's robots.txt (ROBOTS_NAME, its lines robots directives, or none)."""
    if path.name.lower() != ROBOTS_NAME:
        return False
    head = _first_bytes(path, ROBOTS_HEAD_BYTES)
    lines = head.decode("utf-8", "replace").removeprefix("\ufeff").splitlines()
    if len(head) == ROBOTS_HEAD_BYTES:
        lines = lines[:-1]  # cut
    if not any(line.strip() for line in lines):
        # Blank, or empty (b"" is also what a file that cannot be read gives: it is reported where read).
        return bool(head) or _empty_file(path)
    return any(_ROBOTS_AGENT_RE.match(line) for line in lines) and all(
        _ROBOTS_LINE_RE.fullmatch(line) for line in lines)


def _empty_file(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def _opens_gzip(path: Path) -> bool:
    """Whether a regular file opens with gzip's magic bytes (GZIP_MAGIC), whatever its name."""
    return _first_bytes(path, len(GZIP_MAGIC)) == GZIP_MAGIC


def _open_raw(path: Path) -> IO[bytes]:
    """The bytes of a file, decompressed as they are read when it is gzipped (unzipped), or holds
    gzip under a plain name (`curl -o dump.jsonl` from a server that sends gzip; bug hunt 30, S2)."""
    if unzipped(path) is not path:
        return gzip.open(path, "rb")
    return gzip.open(path, "rb") if _opens_gzip(path) else path.open("rb")


def gzip_error(exc: BaseException, path: Path | None = None) -> str:
    """What is wrong with a gzipped file at `path`, or with gzipped standard input (None), whose
    reading raised `exc` (GZIP_ERRORS)."""
    what = "data" if path is None else "file"
    if isinstance(exc, EOFError):
        return f"damaged gzip {what}: it ends before its end-of-stream marker (cut short)"
    # Only a name ending in .gz promised gzip; a plain-named file read as gzip opened with its magic
    # bytes, so a bad header there is damage, not a misleading name.
    if path is not None and unzipped(path) is not path and isinstance(exc, gzip.BadGzipFile):
        return "not a gzip file, though named .gz"
    return f"damaged gzip {what}: {exc}"


# What reading a gzipped file raises for a damaged one: not gzip (BadGzipFile, an OSError), cut
# short (EOFError), corrupt data (zlib.error).
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
# The two bytes a gzip stream opens with (RFC 1952): standard input that opens so is decompressed.
GZIP_MAGIC = b"\x1f\x8b"


def gunzipped(source: IO[bytes]) -> IO[bytes]:
    """Standard input's bytes, decompressed as they are read when they open as gzip (GZIP_MAGIC);
    reading a damaged stream raises one of GZIP_ERRORS (gzip_error(exc) says which)."""
    if not hasattr(source, "peek"):  # a BytesIO given as standard input (tests, embedding)
        source = io.BufferedReader(source)  # type: ignore[arg-type]
    if source.peek(len(GZIP_MAGIC))[:len(GZIP_MAGIC)] == GZIP_MAGIC:  # type: ignore[attr-defined]
        return gzip.GzipFile(fileobj=source, mode="rb")
    return source


def _load_gzip(path: Path, max_bytes: int, *, allow_empty: bool = False) -> bytes | ReadError | None:
    """The decompressed bytes of a gzipped file, or None when they are over `max_bytes`. At most
    `max_bytes` + 1 are decompressed, so a gzip bomb (10 GB of zeros is 10 MB gzipped) is refused
    having held no more than an uncompressed file over the limit would be."""
    try:
        if (refused := _not_regular(path)) is not None:
            return refused
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except GZIP_ERRORS as exc:
        return ReadError(str(path), gzip_error(exc, path))
    except OSError as exc:
        return ReadError(str(path), path_reason(path, exc))
    if len(data) > max_bytes:
        return None
    if not data.strip() and not allow_empty:
        return ReadError(str(path), "empty file")
    return data


def file_type(path: Path) -> str:
    """The lower-case suffix that says how a file is read. A page saved by wget from an address
    with a query keeps it in its name (`index.html?id=5`, `story.php?id=7.html` aside): the query
    is not part of the type."""
    return path.suffix.lower().split("?", 1)[0]


def file_id(path: Path) -> str:
    """An article file's id: its name without the type, a query kept (`index?id=5`), so that the
    pages of one mirrored site stay apart."""
    if "?" not in path.suffix:
        return path.stem
    base, query = path.name.split("?", 1)
    return f"{Path(base).stem}?{query}"


# `-` as a path: the articles of standard input (`curl ... | jq -c ... | analyzer score -`).
STDIN = "-"
# Bytes copied at a time from standard input to its spool file. Measured on 25 copies of
# bbc_dev.jsonl (101 MB) piped by cat, best of 2 (load ~3): 64 KiB 0.114 s, 256 KiB 0.107 s,
# 1 MiB 0.092 s, 4 MiB 0.126 s, 16 MiB 0.33 s; peak RSS 32.6, 33.0, 35.5, 44.9, 81.6 MB.
SPOOL_CHUNK_BYTES = 1 << 20
# Bytes read at a time from the spool file by each pass. The same 101 MB read a line at a time,
# best of 3: 8 KiB (io's default) 0.106 s, 64 KiB 0.074 s, 1 MiB 0.084 s.
SPOOL_READ_BUFFER_BYTES = 1 << 16


@dataclass
class _Spool:
    """Standard input copied to a temporary file (closed when the next stream replaces it, or at
    exit): score_paths reads its input twice (the pre-pass counting repeated lines, then the
    scoring), a pipe can be read only once, and a JSON Lines stream of any length must not be held
    in memory. The file has no name (tempfile.TemporaryFile: unlinked as it is made, or never named
    with O_TMPFILE), so a run killed by SIGKILL or the OOM killer leaves nothing in /tmp; each pass
    reads it through _SpoolReader. `streamed`: JSON Lines over --max-bytes, read a line at a time as
    a big .jsonl file."""

    file: IO[bytes] | None
    streamed: bool
    # Held in memory instead when no temporary file can be made (a read-only or full /tmp): up
    # to --max-bytes, as every input was before standard input was spooled.
    data: bytes | None = None


# Standard input's spool, keyed on the stream it came from (a new sys.stdin is a new input).
_stdin: tuple[object, _Spool | ReadError] | None = None


def _close_stdin_spool() -> None:
    global _stdin
    if _stdin is not None and isinstance(_stdin[1], _Spool) and _stdin[1].file is not None:
        with contextlib.suppress(OSError):
            _stdin[1].file.close()  # unnamed: closing frees it
    _stdin = None


atexit.register(_close_stdin_spool)


EMPTY_STDIN = "empty standard input"


def _stdin_spool(max_bytes: int, max_line_bytes: int) -> _Spool | ReadError:
    global _stdin
    if _stdin is None or _stdin[0] is not sys.stdin:
        _close_stdin_spool()
        stream = sys.stdin
        source: IO[bytes] = stream.buffer if stream is not None else io.BytesIO()
        # `aws s3 cp s3://.../dump.jsonl.gz - | analyzer score -`, or curl without --compressed from a
        # server that sends gzip: read as what it holds, as a file named .gz is, bounded by its
        # decompressed size (it was "binary file (contains NUL bytes)"; bug hunt 30, S1).
        try:
            got = _spool(gunzipped(source), max_bytes, max_line_bytes)
        except GZIP_ERRORS as exc:
            got = ReadError(STDIN, gzip_error(exc))
        except OSError as exc:  # the temporary folder full or not writable
            got = ReadError(STDIN, f"cannot keep standard input in a temporary file: {_reason(exc)}")
        _stdin = (stream, got)
    return _stdin[1]


def _spool(source: IO[bytes], max_bytes: int, max_line_bytes: int) -> _Spool | ReadError:
    """Standard input in a temporary file. Up to `max_bytes` it is one input, read whole as a file
    is; beyond, only JSON Lines (its first line a JSON object) goes on, a line at a time, as a
    .jsonl file over --max-bytes does; a JSON document or a text over it is refused unread."""
    try:
        spool = tempfile.TemporaryFile(prefix="analyzer-stdin-", suffix=".jsonl")  # noqa: SIM115
    except OSError as exc:
        return _in_memory(source, max_bytes, exc)
    try:
        head = source.read(max_bytes + 1)
        spool.write(head)
        if len(head) <= max_bytes:
            if not head.strip():
                spool.close()
                return ReadError(STDIN, EMPTY_STDIN)
            spool.flush()
            return _Spool(spool, streamed=False)
        # The first line tells JSON Lines: read on to its end (within --max-line-bytes) if need be.
        start = len(head) - len(head.removeprefix(b"\xef\xbb\xbf").lstrip())
        while b"\n" not in head[start:] and len(head) - start <= max_line_bytes:
            more = source.read(SPOOL_CHUNK_BYTES)
            if not more:
                break
            spool.write(more)
            head += more
        if not _opens_json_lines(head[start:], max_line_bytes):
            spool.close()
            return ReadError(STDIN, f"standard input is over the limit of {max_bytes:,} bytes (--max-bytes); "
                                    "only JSON Lines (one object a line) is read beyond it")
        del head
        shutil.copyfileobj(source, spool, SPOOL_CHUNK_BYTES)
        spool.flush()
        return _Spool(spool, streamed=True)
    except BaseException:
        spool.close()
        raise


class _SpoolReader(io.RawIOBase):
    """The spool file read from its start with an offset of its own (os.pread; lseek and read
    where there is no pread), through a descriptor of its own: a pass still reading when the spool
    is closed (a new sys.stdin replaced it) goes on reading its file, not whatever file the next
    spool got the freed descriptor number for."""

    def __init__(self, fd: int) -> None:
        self._fd = os.dup(fd)  # pread leaves the shared offset alone
        self._offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = _pread(self._fd, len(buffer), self._offset)
        buffer[:len(data)] = data
        self._offset += len(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        super().close()


def _pread(fd: int, size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):  # POSIX, macOS included
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows: one pass reads at a time
    return os.read(fd, size)


def _in_memory(source: IO[bytes], max_bytes: int, why: OSError) -> _Spool | ReadError:
    """Standard input up to `max_bytes` held in memory, when no temporary file can be made."""
    head = source.read(max_bytes + 1)
    if not head.strip():
        return ReadError(STDIN, EMPTY_STDIN)
    if len(head) > max_bytes:
        return ReadError(STDIN, f"standard input is over the limit of {max_bytes:,} bytes (--max-bytes), and "
                                f"it cannot be kept in a temporary file to read on: {_reason(why)}")
    return _Spool(None, streamed=False, data=head)


def json_object_line(line: str | bytes) -> bool:
    """Whether one line of text is a whole JSON object (the first line of JSON Lines)."""
    return isinstance(_parsed_json(line), dict)


def _opens_json_lines(data: bytes, max_line_bytes: int) -> bool:
    """Whether `data` (from its first non-blank byte) opens with a JSON object on a line of its
    own; a first line over `max_line_bytes` that opens like one counts (it is reported as too long)."""
    if not data.startswith(b"{"):
        return False
    line, newline, _ = data.partition(b"\n")
    if not newline:
        return len(line) > max_line_bytes
    return json_object_line(line)


def _opens_json_record(text: str) -> bool:
    """Whether a text opens like a JSON record or an array of them ('{"', '{}', '[{', '[]'), so that
    a cut or damaged export is reported as malformed JSON rather than scored as a text, while
    "[Updated 10:42 GMT] ..." or "{Exclusive} ..." (scraped text) is read as the text it is."""
    return _JSON_RECORD_RE.match(text) is not None


_JSON_RECORD_RE = re.compile(r'\s*(?:\{\s*["}]|\[\s*[{\]])')


# What _parsed_json gives for a text that is not one JSON value (None is JSON's null).
_NOT_JSON = object()


def _parsed_json(text: str | bytes) -> object:
    """The JSON value `text` is, else _NOT_JSON."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _NOT_JSON


def json_opening(opening: str) -> tuple[object, bool]:
    """How a text opening with "{" reads (standard input, which has no file name to tell it): its
    first line's JSON value (_NOT_JSON if none), and whether that line is a news API's response on
    one line (`curl .../v2/everything | analyzer score -`), one document of articles rather than
    JSON Lines of one record without text. JSON Lines when the value is an object and no response."""
    first = opening.split("\n", 1)[0]
    head = _parsed_json(first)
    whole = not opening[len(first):].strip()
    response = (isinstance(head, dict) and whole
                and not any(name in head for name in TEXT_FIELDS) and article_list(head) is not None)
    return head, response


def stdin_articles(max_bytes: int = DEFAULT_MAX_BYTES, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
                   pages: PageCache | None = None) -> Iterator[Article | ReadError]:
    """The articles of standard input: JSON Lines when it opens with a JSON object on a line of
    its own (streamed a line at a time beyond --max-bytes), a JSON array or object when it is one
    (or opens like a record of one), a web page's main text (id 'stdin') or a feed's items when
    it opens as one, else one text article, id 'stdin'."""
    spool = _stdin_spool(max_bytes, max_line_bytes)
    if isinstance(spool, ReadError):
        yield spool
        return
    path = Path(STDIN)
    if spool.file is None:
        data = spool.data or b""
    else:
        # Each pass reads with its own offset (the file has no name to open again) and descriptor.
        try:
            reader = _SpoolReader(spool.file.fileno())
        except OSError as exc:  # out of descriptors
            yield ReadError(STDIN, f"cannot read: {_reason(exc)}")
            return
        with io.BufferedReader(reader, SPOOL_READ_BUFFER_BYTES) as handle:
            if spool.streamed:
                wide = wide_codec(handle.peek(UTF16_SNIFF_BYTES))
                # UTF-16 without a BOM opens with "{" too: its lines recoded, as a file's are.
                lines: IO[bytes] = codecs.EncodedFile(handle, "utf-8", wide) if wide else handle
                yield from _streamed_lines(path, lines, {}, max_line_bytes)
                return
            data = handle.read(max_bytes + 1)
    try:
        text = decode(data)
    except DecodeError as exc:
        yield ReadError(STDIN, str(exc))
        return
    opening = text.lstrip()
    if opening.startswith("{"):
        head, response = json_opening(opening)
        if isinstance(head, dict) and not response:
            yield from jsonl_articles(path, text, {}, max_line_bytes=max_line_bytes)
            return
        if response:  # the line parsed is the whole document: not parsed again
            yield from _json_value_articles(path, head, {})
            return
    if opening.startswith(("{", "[")):
        if _opens_json_record(opening):
            yield from json_articles(path, text, {})
            return
        # Parsed once: the value a text opening otherwise ('[1, 2]', '["a"]') is, read as a file's.
        if (value := _parsed_json(text)) is not _NOT_JSON:
            yield from _json_value_articles(path, value, {})
            return
    # `curl URL | analyzer score -`: a page or a feed, told by its opening as a file with no
    # extension is; read as text, its markup and menus were scored (trust 0.81 -> 0.26 on a
    # BBC page) and a feed's items were one article (bug hunt 28, S1).
    if opens_as_page(data):
        try:
            markup = decode_html(data)
        except DecodeError as exc:
            yield ReadError(STDIN, str(exc))
            return
        page = _extract_html(path, markup, pages)
        if isinstance(page, ReadError):
            yield page
            return
        page_text, page_meta = page
        yield _article("stdin", page_text, path=STDIN, meta=page_meta, extracted=True)
        return
    if _FEED_OPENING.match(data, 0, HTML_SNIFF_BYTES):
        yield from feed_articles(path, data, {})
        return
    # `csvkit ... | analyzer score -`, `xsv select ... | analyzer score -`: a table whose header row
    # names a text column is read as a .csv/.tsv file is (ids -:N); it had been one article of the
    # whole table, source unknown (bug hunt 29), though `train -` reads its labels so.
    if opens_as_table(text):
        yield from table_articles(path, text, {})
        return
    yield _article("stdin", text, path=STDIN, meta={})


def opens_as_table(text: str) -> bool:
    """Whether a text opens with a table's header row: at least two columns split by one of
    DELIMITERS, each a column's name (_COLUMN_NAME_RE: a few words, no sentence punctuation), one of
    them a record's text field (TEXT_FIELDS), as table_articles reads it. A text opening on a word
    "Text" or "Body" and a comma is prose, not a header. Blank lines and Excel's `sep=;` line above
    the header are left out, as read_table leaves them (table_head), the delimiter a `sep=` line names
    the one tried: such a table on standard input had been one article of the whole table."""
    body, named, _ = table_head(text.lstrip("\ufeff"))
    header, *rest = _LINE_BREAK_RE.split(body, maxsplit=1)
    for delimiter in (named,) if named else DELIMITERS:
        try:
            names = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            continue
        if (len(names) >= 2 and all(_COLUMN_NAME_RE.fullmatch(name.strip()) for name in names)
                and any(name.strip().lower() in TEXT_FIELDS for name in names)
                and _first_row_fits(rest[0] if rest else "", delimiter, len(names))):
            return True
    return False


def _first_row_fits(text: str, delimiter: str, columns: int) -> bool:
    """Whether the row after a header has as many cells (a quoted cell may span lines), or there is
    none: "Body | Soul" over a paragraph of prose is a title, not a header (review 29 A3)."""
    cut = len(text) > TABLE_ROW_PEEK
    try:
        row = next((r for r in csv.reader(io.StringIO(text[:TABLE_ROW_PEEK]), delimiter=delimiter) if r), None)
    except csv.Error:
        return cut
    return row is None or len(row) == columns or (cut and len(row) < columns)


# Characters of standard input read to find a table's first row after its header: a row's text
# cell is an article (bbc_dev.jsonl's longest text is under 40,000 characters); a row cut at this
# bound is taken as fitting when the cells read so far are not more than the header's.
TABLE_ROW_PEEK = 65_536
# A column name as spreadsheets and exports write them: `text`, `published_at`, `Source URL`,
# `author.name`; at most three words (a prose clause has more) and no sentence punctuation.
_COLUMN_NAME_RE = re.compile(r"[^\W\d][\w.\-/]*(?: [\w.\-/]+){0,2}")


# A file with no extension that opens as a web page does (a BOM, blanks and comments allowed
# before the doctype or <html>) is read as HTML; the opening lies in a page's first bytes.
_HTML_OPENING = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
HTML_SNIFF_BYTES = 4096
# Standard input that opens as an RSS, RSS 1.0 (RDF) or Atom feed does, after an XML declaration,
# a stylesheet instruction or comments: `curl .../feed | analyzer score -`.
_FEED_OPENING = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml\b.*?\?>\s*|<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
                           re.I | re.S)


def opens_as_page(data: bytes) -> bool:
    """Whether `data` opens as a web page does (_HTML_OPENING); a page in UTF-16 (a BOM: a
    Windows tool's "Unicode") is looked at decoded, as decode_html reads it."""
    wide = bom_codec(data)
    if wide:
        head = data[:HTML_SNIFF_BYTES].decode(wide, errors="ignore").encode("utf-8")
        return _HTML_OPENING.match(head) is not None
    return _HTML_OPENING.match(data, 0, HTML_SNIFF_BYTES) is not None


# Single-file web archives a browser saves (Chrome's and Edge's "Webpage, Single File", Safari's
# "Web Archive"): not read, and the reason says how to save the page so that it is.
WEB_ARCHIVE_SUFFIXES = frozenset({".mhtml", ".mht", ".webarchive"})


# The names a download has while it runs: Chrome's and Edge's .crdownload, Firefox's and wget2's
# .part, Opera's .opdownload, others' .partial and .download. Such a file is cut short; after bug hunt
# 30's E1 one opening as a page (page.html.crdownload) was read as a whole article (bug hunt 31, P1).
PARTIAL_DOWNLOAD_SUFFIXES = frozenset({".crdownload", ".part", ".partial", ".download", ".opdownload"})


def _unsupported(suffix: str) -> str:
    """Why a file of type `suffix` is not read, and what to give instead."""
    if suffix in PARTIAL_DOWNLOAD_SUFFIXES:
        return (f"an unfinished download ('{suffix}'): not read, as it may be cut short; score the file once "
                "its download completes")
    if suffix in WEB_ARCHIVE_SUFFIXES:
        return (f"unsupported file type '{suffix}': a browser's single-file web archive is not read; save the "
                "page as 'Webpage, HTML Only' (.html) instead")
    return (f"unsupported file type '{suffix}' (use .txt, .md, .jsonl, .json, .csv, .tsv, .html or an .rss, "
            ".atom, .rdf or .xml feed, or one of these gzipped, .gz)")


@cache
def _asset_type(suffix: str) -> str | None:
    """The media type a file named `suffix` is known as, where that is no web page: an image, a style
    sheet, a script, a PDF (Python's own table, mimetypes.MimeTypes(filenames=()), not the machine's
    /etc/mime.types: the same answer everywhere). A page under such a name is what a server sent in
    place of the file (a soft 404: `photo.jpg`, `style.css` of a mirrored site), no article (review 30:
    after E1 they were read as articles of 25 words, source unknown, counted by trust). None for a type
    the table does not know (.ece, .cms, .php, .aspx, .shtml: the types of page addresses) or calls a
    program's (_PROGRAM_TYPES: .pl, .py, .dll)."""
    import mimetypes

    kind = mimetypes.MimeTypes(filenames=()).guess_type(f"x{suffix}", strict=False)[0]
    return None if kind is None or kind in ("text/html", "application/xhtml+xml") or kind in _PROGRAM_TYPES else kind


# What Python's table calls the programs a server runs to make a page (.pl and .bat text/plain, .dll and
# .exe application/octet-stream, .py, .sh, .csh, .tcl): a page's address may end so (a Perl CGI's
# news.pl?id=7, an IIS extension's show.dll?id=3), as it ends in .php, so such a page is read (review 31:
# they were skipped as "a web page named as text/plain ('.pl')").
_PROGRAM_TYPES = frozenset(("text/plain", "application/octet-stream", "text/x-python", "application/x-sh",
                            "application/x-csh", "application/x-tcl"))


def _saved_page(path: Path) -> bool:
    """Whether a file of a type not read otherwise opens as a web page (opens_as_page, its first
    HTML_SNIFF_BYTES): a regular file only, and unreadable ones are left to be reported as before."""
    return opens_as_page(_first_bytes(path, HTML_SNIFF_BYTES))


def read_file(
    path: Path,
    *,
    meta: dict[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    pages: PageCache | None = None,
) -> Iterator[Article | ReadError]:
    if str(path) == STDIN:
        yield from stdin_articles(max_bytes, max_line_bytes, pages)
        return
    meta = meta or {}
    inner = unzipped(path)  # a gzipped file is read as the file it holds
    gzipped = inner is not path
    suffix = file_type(inner)
    if suffix not in READ_SUFFIXES:
        page = not gzipped and suffix not in PARTIAL_DOWNLOAD_SUFFIXES and _saved_page(path)
        if page and (asset := _asset_type(suffix)) is not None:
            yield ReadError(str(path), f"a web page named as {asset} ('{suffix}'): a server's error or "
                                       "placeholder page saved in place of the file, not read as an article")
            return
        if page:
            # A page wget saved under its address's own type (article12345.ece, story.php?id=7,
            # index.shtml, 1234.cms): read as HTML, as a page saved with no extension is.
            suffix = ".html"
        else:
            yield ReadError(str(path), _unsupported(f"{suffix}{GZIP_SUFFIX}" if gzipped else suffix))
            return
    # `curl -o dump.jsonl URL` from a server that sends gzip (no --compressed) saves gzip under the
    # plain name: it was "binary file (contains NUL bytes)", or over --max-bytes one error per line of
    # compressed bytes (bug hunt 30, S2). Read as what it holds, as dump.jsonl.gz is (_open_raw too).
    unpack = gzipped or _opens_gzip(path)
    if not unpack and _larger_than(path, max_bytes) and _streams_as_jsonl(path, suffix, max_line_bytes):
        yield from streamed_jsonl_articles(path, meta, max_line_bytes=max_line_bytes)
        return
    # A JSON Lines file of no records is a day with no items (or no flags), not a damaged article.
    if unpack:
        data = _load_gzip(path, max_bytes, allow_empty=suffix in JSONL_SUFFIXES)
        if data is None:  # decompressed over --max-bytes
            if _streams_as_jsonl(path, suffix, max_line_bytes):
                yield from streamed_jsonl_articles(path, meta, max_line_bytes=max_line_bytes)
            else:
                yield ReadError(str(path), f"decompresses to over the limit of {max_bytes:,} bytes (--max-bytes)")
            return
    else:
        data = _load_bytes(path, max_bytes, allow_empty=suffix in JSONL_SUFFIXES)
    if isinstance(data, ReadError):
        yield data
        return
    if not data.strip():
        return
    if not suffix and opens_as_page(data):
        suffix = ".html"  # a page wget saved under its address's last part ("story-slug"), no extension
    if suffix in FEED_SUFFIXES:
        # The XML parser reads the bytes: the feed's own encoding declaration decides.
        yield from feed_articles(path, data, meta)
        return
    try:
        text = decode_html(data) if suffix in HTML_SUFFIXES else decode(data)
    except DecodeError as exc:
        yield ReadError(str(path), str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_articles(path, text, meta, max_line_bytes=max_line_bytes)
        return
    if suffix in JSON_SUFFIXES:
        yield from json_articles(path, text, meta, max_line_bytes=max_line_bytes)
        return
    if suffix in TABLE_SUFFIXES:
        yield from table_articles(path, text, meta)
        return
    if suffix in HTML_SUFFIXES:
        extracted = _extract_html(path, text, pages)
        if isinstance(extracted, ReadError):
            yield extracted
            return
        text, page_meta = extracted
        # metadata.csv's values first, where it gives one; then the page's own
        meta = page_meta | {key: value for key, value in meta.items() if value}
    if not text.strip():
        yield ReadError(str(path), "empty file")
        return
    if suffix in TEXT_SUFFIXES:
        # metadata.csv's values first, where it gives one
        meta = front_matter_meta(text) | {key: value for key, value in meta.items() if value}
    yield _article(file_id(inner), text, path=str(path), meta=meta, extracted=suffix in HTML_SUFFIXES)


# Front-matter keys (text.front_matter) that give an article's metadata, first found first. A
# static-site export's markdown file carries its title, date and address there; `author` names a
# person, not the publisher, so it is no source. trafilatura's txt and markdown output with metadata
# names the site `sitename` (its `hostname` is the host, which a url gives anyway): such files had been
# source `bbc.co.uk` beside the `BBC News` of the same site's pages (bug hunt 32).
FRONT_MATTER_KEYS = {
    "title": ("title",),
    "date": ("date", "publishdate", "published", "pubdate", "date_published"),
    "url": ("url", "link", "canonical_url", "canonical", "source_url"),
    "source": ("source", "publisher", "publication", "site_name", "sitename", "outlet"),
}


def front_matter_meta(text: str) -> dict[str, str]:
    """metadata.csv's fields (title, date, url, source) as the text's front matter gives them; a
    url only as a web address."""
    fields = front_matter(text)
    if not fields:
        return {}
    meta: dict[str, str] = {}
    for name, keys in FRONT_MATTER_KEYS.items():
        value = next((fields[k] for k in keys if fields.get(k)), None)
        if value and (name != "url" or value.startswith(("http://", "https://"))):
            meta[name] = scrub_surrogates(value)
    return meta


def _article(ident: str, text: str, *, path: str | None, meta: dict[str, str], where: str | None = None,
             extracted: bool = False) -> Article | ReadError:
    """The Article, or a ReadError naming `where` (default: the path) when nothing of the text
    shows: only markup, a front matter or invisible characters (text.markup_hidden). `extracted`:
    the text is not the input as written (Article.extracted)."""
    # A page's address as a metadata.csv's or a front matter's source is its url (source_and_url).
    source, url = source_and_url([meta.get("source")], meta.get("url") or None)
    article = Article(
        id=scrub_surrogates(ident),
        text=text,
        path=path,
        source=source or source_of(text, url),
        url=url,
        title=meta.get("title") or None,
        date=read_date(meta.get("date")) or None,
        extracted=extracted,
    )
    if not article.text.strip() or (has_invisible(article.text) and not visible(article.text).strip()) or (
            # Character references that show nothing or white space alone ("&nbsp;", "&#8203;"): an
            # article of 0 words, trust 0.4, where markup alone is this error (bug hunt 31).
            article.text.lstrip().startswith("&") and not as_shown(article.text).strip()):
        return ReadError(where or str(path), "no text shows: only markup or invisible characters")
    return article


def jsonl_articles(
    path: Path, text: str, meta: dict[str, str], *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
) -> Iterator[Article | ReadError]:
    """One Article per JSONL line; each bad line is a ReadError naming `path:line`."""
    # Split on "\n" only: str.splitlines() also breaks at U+2028, U+0085 and friends, which
    # JSON strings may hold raw (our own jsonl output does).
    lines = text.split("\n")
    yield from _jsonl_lines(path, enumerate(lines, start=1), meta, max_line_bytes,
                            cut=len(lines) if lines[-1].strip() else None)


def streamed_jsonl_articles(
    path: Path, meta: dict[str, str], *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
) -> Iterator[Article | ReadError]:
    """jsonl_articles for a file over --max-bytes, read a line at a time: a daily dump of many
    articles is no single article, so only --max-line-bytes bounds it (it had been refused whole,
    "over the limit", with every article in it). Lines are UTF-8, as JSON Lines requires; a line
    that is not is reported by its number. A gzipped file (`.jsonl.gz`) is decompressed as it is
    read, so its lines are bounded as an uncompressed file's are."""
    try:
        with _open_raw(path) as handle:
            lines: IO[bytes] = handle
            wide = wide_codec(handle.peek(UTF16_SNIFF_BYTES))
            if wide:
                # Windows PowerShell 5's `>` and Out-File write UTF-16 with a BOM: each line is read as
                # UTF-8 once recoded (every line had been "not UTF-8 text" or "malformed JSON"); so is
                # UTF-16 without a BOM, as decode reads it (review 30: over --max-bytes, it was not).
                lines = codecs.EncodedFile(handle, "utf-8", wide)
            yield from _streamed_lines(path, lines, meta, max_line_bytes)
    except GZIP_ERRORS as exc:
        yield ReadError(str(path), gzip_error(exc, path))
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {_reason(exc)}")


def _streamed_lines(path: Path, handle: IO[bytes], meta: dict[str, str], max_line_bytes: int
                    ) -> Iterator[Article | ReadError]:
    """The articles of the JSON Lines `handle` (named `path`), a line at a time."""
    ids = _FileIds()
    for number, raw in enumerate(_bounded_lines(handle, max_line_bytes), start=1):
        if raw is None:
            yield ReadError(f"{path}:{number}", _line_over_limit(max_line_bytes))
            continue
        ended = raw.endswith(b"\n")
        raw = raw[:-1] if ended else raw
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield ReadError(f"{path}:{number}", "line is not UTF-8 text")
            continue
        yield from _jsonl_lines(path, [(number, line)], meta, max_line_bytes, ids, cut=None if ended else number)


def _line_over_limit(max_line_bytes: int) -> str:
    return f"line is over the limit of {max_line_bytes:,} bytes (--max-line-bytes)"


def _bounded_lines(handle: IO[bytes], max_line_bytes: int) -> Iterator[bytes | None]:
    """The file's lines with their LF (the last may have none), None for one over `max_line_bytes`
    (skipped unread)."""
    while True:
        raw = handle.readline(max_line_bytes + 2)
        if not raw:
            return
        if len(raw) > max_line_bytes + 1 or (len(raw) == max_line_bytes + 1 and not raw.endswith(b"\n")):
            while raw and not raw.endswith(b"\n"):  # the rest of the long line
                raw = handle.readline(1 << 20)
            yield None
            continue
        yield raw


# A last line with no line end that is no JSON: a scraper may still be appending it (the file grows
# while the run reads it); the reason says so, where it had read as a damaged line (bug hunt 31).
CUT_LAST_LINE = "; the file's last line has no line end: it may still be being written"


def _jsonl_lines(path: Path, lines: Iterable[tuple[int, str]], meta: dict[str, str], max_line_bytes: int,
                 ids: _FileIds | None = None, cut: int | None = None) -> Iterator[Article | ReadError]:
    """The articles of JSON Lines; `cut`: the number of a last line with no line end, if any."""
    ids = ids if ids is not None else _FileIds()
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{path}:{number}"
        # A character is 1..4 UTF-8 bytes: encode only when the length alone cannot tell.
        if len(line) > max_line_bytes or (
            4 * len(line) > max_line_bytes and len(line.encode("utf-8", "surrogatepass")) > max_line_bytes
        ):
            yield ReadError(where, _line_over_limit(max_line_bytes))
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield ReadError(where, _json_error(exc) + (CUT_LAST_LINE if number == cut else ""))
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "line is not a JSON object")
            continue
        yield _record_article(record, where, f"{_stem(path)}:{number}", path, meta, ids)


def _json_error(exc: ValueError | RecursionError, *, whole_file: bool = False) -> str:
    if isinstance(exc, json.JSONDecodeError):
        # Some of json's messages end in "at" ("Unterminated string starting at", "Invalid control character
        # at"): "... starting at at column 103" (bug hunt 31).
        at = " " if exc.msg.endswith(" at") else " at "
        return f"malformed JSON: {exc.msg}{at}{f'line {exc.lineno} ' if whole_file else ''}column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "malformed JSON: nested too deeply"
    return f"malformed JSON: {str(exc).split(':')[0]}"  # e.g. an integer of more than 4300 digits


class _FileIds:
    """The ids given so far in one file of many articles (JSONL, a JSON array, a table).

    Articles are told apart by (path, id), so an id given twice in one file (a scraper appending a
    re-scraped story) would make two articles one key for flag, trust and the report. A record that
    repeats an earlier one (same id, same text) is reported and read once, so a source's articles
    are not counted twice; a record that reuses an id for another text gets `<id>:<row>`, as a
    record without an id gets `<file stem>:<row>`.
    """

    def __init__(self) -> None:
        self.first: dict[str, tuple[str, int]] = {}  # id -> (where it was first given, hash of its text)

    def admit(self, article: Article | ReadError, where: str) -> Article | ReadError:
        if isinstance(article, ReadError):
            return article
        digest = hash(article.text)
        seen = self.first.get(article.id)
        if seen is not None:
            if seen[1] == digest:
                return ReadError(where, f"repeats the article at {seen[0]} (same id and text): read once")
            row = where.rsplit(":", 1)[1]
            while article.id in self.first:  # "<id>:<row>" may itself have been given
                article.id = f"{article.id}:{row}"
        self.first[article.id] = (where, digest)
        return article


def _first_value(value: object) -> object:
    """A field's value; of a list (Scrapy's .getall(): ["Reuters", "Reuters"]) its first non-empty
    string or object, since a source or a title is one value."""
    if isinstance(value, list):
        # Feedly's address list [{"href": ..., "type": "text/html"}]: its first object, read by field_value.
        return next((v for v in value if (isinstance(v, str) and v.strip()) or isinstance(v, dict)), None)
    return value


# The text field, first given first: a CMS's or a news API's export names it `content` (WordPress
# REST, NewsAPI) or `body`, news-please (a news crawler writing one JSON file per article) `maintext`
# and schema.org's NewsArticle (a page's JSON-LD saved as it is) `articleBody`: every such file had
# been skipped, "missing 'text' field" or "neither an article" (bug hunt 32).
TEXT_FIELDS = ("text", "content", "body", "maintext", "articleBody")
# How a message names the fields the text is also read from.
OTHER_TEXT_FIELDS = ", ".join(f"'{name}'" for name in TEXT_FIELDS[1:-1]) + f" or '{TEXT_FIELDS[-1]}'"
# Other names of the metadata fields, taken where the field itself is absent: WordPress REST's
# `link`, NewsAPI's `publishedAt`, news-please's `date_publish`, schema.org's `datePublished` and
# `headline`, the Guardian's content API's `webUrl`, `webPublicationDate` and `webTitle`, Feedly's
# `canonicalUrl`, `alternate` ([{"href": ...}]) and `published` (its `origin` below), Diffbot's
# `pageUrl` and `siteName`; the outlet under the names a front matter gives it
# (FRONT_MATTER_KEYS) and trafilatura's JSON output's (`source-hostname`, its site name, where its
# `source` holds the page's address: each page of `trafilatura --json` had been a source of its own).
FIELD_ALIASES = {"url": ("link", "webUrl", "canonicalUrl", "alternate", "pageUrl"),
                 "date": ("publishedAt", "date_publish", "datePublished", "webPublicationDate", "published"),
                 "title": ("headline", "webTitle"),
                 "source": ("source-hostname", *FRONT_MATTER_KEYS["source"][1:], "siteName")}
# Feedly's outlet: its entry's `origin` object, {"title": "BBC News", "htmlUrl": ...}. Only an object:
# a data set's `origin` is often a provenance string ("github:moztom/bbc_ml:..."), no outlet.
ORIGIN_KEY = "origin"


def web_address(value: str | None) -> bool:
    """Whether a field's value is an http(s) address alone, which names a page, not an outlet."""
    return bool(value) and re.fullmatch(r"https?://\S+", value.strip(), re.IGNORECASE) is not None


def source_and_url(names: Iterable[str | None], url: str | None) -> tuple[str | None, str | None]:
    """The source and url of an article given `names` for its source, first first, and `url`: the first
    name that is no web address (web_address: a page's address names no outlet), and `url`, else the first
    name that is one (trafilatura's JSON output puts the page's address under `source`; bug hunt 32)."""
    given = [name for name in names if name]
    return (next((name for name in given if not web_address(name)), None),
            url or next((name.strip() for name in given if web_address(name)), None))


def record_fields(record: dict[str, object]) -> dict[str, str]:
    """A record's metadata fields (METADATA_FIELDS, FIELD_ALIASES), each the first value given and not
    blank. A `source` that is a web address (trafilatura's JSON output puts the page's address there)
    names no outlet: it is the url where none is given, and the source is the next name given, else
    inferred as for a record with none. `analyzer train` reads a labels row's source here too."""
    fields: dict[str, str] = {}
    for name in METADATA_FIELDS:
        given = (field_value(record.get(k)) for k in (name, *FIELD_ALIASES.get(name, ())))
        # A blank value gives none: NewsAPI's {"name": ""} must not hide metadata.csv's source.
        if (value := next((v for v in given if v is not None and v.strip()
                           and not (name == "source" and web_address(v))), None)) is not None:
            fields[name] = value
    if "source" not in fields and isinstance(origin := record.get(ORIGIN_KEY), dict) and (
            name := field_value(origin)) is not None and name.strip() and not web_address(name):
        fields["source"] = name
    if "url" not in fields and web_address(address := field_value(record.get("source"))):
        fields["url"] = address.strip()  # type: ignore[union-attr]
    return fields


# The keys under which an API gives a text as {key: html}: WordPress REST's `rendered` (a post's
# content or title), Feedly's `content` (an entry's content or summary: {"content": html, "direction":
# "ltr"}; a Feedly export had every entry skipped, "'content' field is an object", bug hunt 33, S7).
RENDERED_KEYS = ("rendered", "content")


def _rendered(value: object) -> str | None:
    """An API's {"rendered": html} or {"content": html} (RENDERED_KEYS) as a browser shows the HTML,
    as a feed item's is read (text.html_text); None for any other value."""
    if isinstance(value, dict):
        html = next((value[key] for key in RENDERED_KEYS if isinstance(value.get(key), str)), None)
        if html is not None:
            return html_text(html)
    return None


def field_value(value: object) -> str | None:
    """A metadata field's value as a string; None when it gives none. `analyzer train` reads a row's
    source with it too, so a labels row names its outlet as score reads it."""
    value = _first_value(value)
    if isinstance(value, dict):
        # WordPress REST's title {"rendered": html}; NewsAPI's source {"id": ..., "name": "BBC News"};
        # Feedly's source {"title": "BBC News", "htmlUrl": ...} and address [{"href": ..., "type": ...}].
        value = _rendered(value) if "rendered" in value else next(
            (value[key] for key in ("name", "title", "href") if value.get(key) is not None), None)
    elif isinstance(value, datetime.date) or _numpy_datetime(value):
        value = iso_date(value)
    if isinstance(value, str | numbers.Real) and not isinstance(value, bool):
        # numbers.Real: a numpy integer (a DataFrame's int column, given as a dict) is a number as an int is.
        return scrub_surrogates(str(value))
    return None


def _numpy_datetime(value: object) -> bool:
    """Whether a value is numpy's datetime64, known by name and module as pandas' missing values are
    (readers imports no numpy)."""
    kind = type(value)
    return kind.__name__ == "datetime64" and kind.__module__ == "numpy"


# numpy datetime64 units coarser than a day ("2024", "2024-03"): written as numpy writes them, an
# ISO 8601 date of reduced precision, not as the first day they begin with.
COARSE_DATETIME_UNITS = ("Y", "M")


def iso_date(value: object) -> str | None:
    """A date held in memory as a value, not a string - a datetime.date or datetime (pandas' Timestamp
    is one), numpy's datetime64 (a DataFrame's datetime column given as rows) - as ISO 8601: the
    date alone ("2024-03-05", as a page's date is read) when it has no time of day and no time
    zone, else with them ("2024-03-05T10:30:00+00:00"). None for numpy's NaT."""
    if _numpy_datetime(value):
        if value != value:  # NaT, unequal to itself as NaN is
            return None
        if str(getattr(value, "dtype", "")).endswith(tuple(f"[{unit}]" for unit in COARSE_DATETIME_UNITS)):
            return str(value)
        held = value.astype("datetime64[us]").item()  # type: ignore[attr-defined]
        if not isinstance(held, datetime.date):  # beyond the years datetime holds: numpy's own ISO form
            return str(value)
        value = held
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None and value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat()
    return value.isoformat() if isinstance(value, datetime.date) else None


# A date given as Unix time, in seconds (a database's export) or milliseconds (pandas' to_json writes a
# datetime column so, its default date_unit), is read as a datetime value is (iso_date): ISO 8601, in
# UTC. It had been kept as its digits, `"date": "1700000000"`. Seconds of 9 digits or of 10 opening with 1
# (1973-03-03 to 2033-05-18), milliseconds of 13 opening with 1 (2001-09-09 to 2033-05-18), each maybe
# with a fraction; other numbers are kept as written, since read as Unix time they would be dates of the
# 1970s or after 2033: a year (2024), a yyyymmdd (20240305), a 10-digit yyyymmddhh (2024030510, 2034-02-20
# as seconds: review 32b, D1) or a 12-digit yyyymmddhhmm (202403051030, 1976-05-30 as milliseconds).
_UNIX_TIME_RE = re.compile(r"(?:(?P<seconds>[1-9]\d{8}|1\d{9})|(?P<milliseconds>1\d{12}))(?P<fraction>\.\d+)?")
_UNIX_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def read_date(value: str | None) -> str | None:
    """A date field as the output gives it: Unix time (_UNIX_TIME_RE) as ISO 8601 in UTC
    ("2023-11-14T22:13:20+00:00"), anything else as written."""
    match = _UNIX_TIME_RE.fullmatch(value.strip()) if value else None
    if match is None:
        return value
    # Counted in whole microseconds, exactly (a float would round 1700000000.000001).
    places = 6 if match["seconds"] else 3  # digits of a microsecond in the unit's fraction
    fraction = ((match["fraction"] or ".")[1:] + "0" * places)[:places]
    micro = int(match["seconds"] or match["milliseconds"]) * 10**places + int(fraction)
    return (_UNIX_EPOCH + datetime.timedelta(microseconds=micro)).isoformat()


def text_field(record: dict[str, object]) -> str:
    """The field of a JSON record holding its text: `text`, else `content` or `body` (TEXT_FIELDS),
    the first one present and not blank, else the first one present; `analyzer train` reads a labels
    row's text from it too. A blank field gives way to one that holds text: a scraper whose text
    extraction failed writes `"text": ""` beside the `content` it has, and a table's empty cell is
    "" (bug hunt 30, R1: such a record was skipped, "empty 'text' field")."""
    present = [name for name in TEXT_FIELDS if record.get(name) is not None]
    return next((name for name in present if not _blank(record[name])), present[0] if present else "text")


def _blank(value: object) -> bool:
    """Whether a text field holds nothing to read: a blank string, or an empty list of paragraphs."""
    return (isinstance(value, str) and not value.strip()) or (isinstance(value, list) and not value)


class TextFieldError(ValueError):
    """A record's text field is missing (`.kind` "missing"), blank ("empty") or holds no text
    ("type"); the message says which, in one line."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def _json_kind(value: object) -> str:
    """A value as its JSON type is named: a number, a list, an object, true or false."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an empty list" if not value else "a list that is not all strings"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def record_text(record: dict[str, object]) -> tuple[str, bool]:
    """The text of a JSON record or a table row (its text_field) and whether it was extracted from
    markup (WordPress REST's {"rendered": html}); a list of strings is its paragraphs (Scrapy's
    .getall()). TextFieldError when there is none. `score`'s readers and `analyzer train` both read a
    record's text here: a text that was a number or a list had been "missing or non-string" for one
    and "needs a non-empty 'text'" for the other, where it is present and of another type
    (bughunt24 T4)."""
    key = text_field(record)
    body = record.get(key)
    if body is None:
        raise TextFieldError(f"missing '{key}' field (a string, or a list of paragraph strings; "
                             f"also read from {OTHER_TEXT_FIELDS})", "missing")
    extracted = (shown := _rendered(body)) is not None
    if shown is not None:
        body = shown  # the text evidence offsets index is the one shown, not the markup
    elif isinstance(body, list) and body and all(isinstance(part, str) for part in body):
        # Scrapy's .getall() of the paragraphs: one paragraph a line, blank lines between.
        body = "\n\n".join(part.strip() for part in body if part.strip())
    if not isinstance(body, str):
        raise TextFieldError(f"'{key}' field is {_json_kind(body)}, not text (a string, or a list of paragraph "
                             "strings)", "type")
    if not body.strip():
        raise TextFieldError(f"empty '{key}' field", "empty")
    return body, extracted


def _record_article(record: dict[str, object], where: str, default_id: str, path: Path | None,
                    meta: dict[str, str], ids: _FileIds | None = None) -> Article | ReadError:
    """The Article of a JSON object (`text`, else `content` or `body`; optional `id`, `source`,
    `url`, `title`, `date`, FIELD_ALIASES); `ids`: the file's ids so far, for a file of many records;
    `path` None for a record given in memory (memory_articles)."""
    try:
        body, extracted = record_text(record)
    except TextFieldError as exc:
        return ReadError(where, str(exc))
    fields = record_fields(record)
    ident = given_id(record.get("id"))
    merged = {**meta, **fields}
    body, excerpt = _excerpt(record, body)
    article = _article(ident or default_id, scrub_surrogates(body), path=None if path is None else str(path),
                       meta=merged, where=where, extracted=extracted)
    if excerpt is not None and isinstance(article, Article):
        article.details[EXCERPT_DETAIL] = excerpt
    return article if ids is None else ids.admit(article, where)


# NewsAPI's free tier cuts an article's `content` to ~200 characters and ends it with the count of those
# it left out, "...team-m\u2026 [+3000 chars]" (newsapi.org/docs: "truncated to 200 chars"). The marker is
# no text of the article, and the stub was scored as a whole article of its source (bug hunt 33).
EXCERPT_MARKER = re.compile(r"[ \t]*\[\+(\d+) chars\]\s*\Z")
# The field a NewsAPI article gives beside `content`: its summary, a text of its own (not cut by a marker).
EXCERPT_ALTERNATIVE = "description"


def _excerpt(record: dict[str, object], body: str) -> tuple[str, dict[str, object] | None]:
    """A record's text whose end is an API's cut marker (EXCERPT_MARKER) without it, and what
    details[EXCERPT_DETAIL] says of it; (body, None) for a text not cut. Where the record's `description`
    is longer than the excerpt, the description is the text: the longer of what the API gave."""
    cut = EXCERPT_MARKER.search(body)
    if cut is None:
        return body, None
    kept = body[:cut.start()]
    other = record.get(EXCERPT_ALTERNATIVE)
    if isinstance(other, str) and len(other.strip()) > len(kept.strip()):
        kept = other
    left_out = int(cut.group(1))
    return kept, {"chars_given": len(kept), "chars_cut": left_out,
                  "why": f"truncated excerpt: the API gave {len(kept)} characters and cut {left_out} more "
                         f"('[+{left_out} chars]'), not the whole article"}


def given_id(value: object) -> str | None:
    """A record's id as text; None where it gives none (missing, empty, a bool, a fraction). An integer
    is its digits, a numpy integer too (review 25 R8), and so is a whole float: a DataFrame's id column
    of integers with one missing value is float64 (101.0), and every article of it had been `text:N`
    silently (bug hunt 31b, A3)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        value = int(value) if math.isfinite(value) and float(value).is_integer() else None
    return str(value) if isinstance(value, str | numbers.Integral) and str(value) else None


# The id of the n-th article given in memory (memory_articles) that names none, as a JSONL file
# named `text.jsonl` would give its n-th line: score_text's default id is "text".
MEMORY_ID = "text:{n}"


# The types of pandas' missing values besides NaN: NA (nullable columns) and NaT (datetime columns).
# Known by name and module, as pandas is not a dependency; their module is pandas._libs.missing and
# pandas._libs.tslibs.nattype in pandas 2, pandas.api.typing in pandas 3.
PANDAS_MISSING_TYPES = frozenset({"NAType", "NaTType"})


def missing_value(value: object) -> bool:
    """Whether a value in a row held in memory is pandas' (or numpy's) missing value: NaN, pd.NA,
    pd.NaT or numpy's NaT. NA is recognised by its type, not compared: `pd.NA != x` is NA, whose truth raises."""
    kind = type(value)
    if kind.__name__ in PANDAS_MISSING_TYPES and kind.__module__.partition(".")[0] == "pandas":
        return True
    return (isinstance(value, float) or _numpy_datetime(value)) and bool(value != value)  # NaN, numpy's NaT


def memory_rows(items: Iterable[object]) -> Iterable[object]:
    """Items given in memory as score_articles and train_from_rows read them: a pandas DataFrame
    as its rows (iterating one gives its column names), each a dict; a row's missing value (NaN,
    pd.NA, pd.NaT: missing_value) as no value (a NaN source had been the outlet "nan"; an NA label
    raised "boolean value of NA is ambiguous", a NaT one was "label NaT is not trusted/untrusted")."""
    to_dict = getattr(items, "to_dict", None)
    if callable(to_dict) and hasattr(items, "columns"):
        items = to_dict("records")
    return ({key: None if missing_value(value) else value for key, value in item.items()}
            if isinstance(item, dict) else item for item in items)


def not_text(value: object) -> str:
    """How a TypeError names a value given where an article's text was wanted: its type, and for
    bytes how to make text of them (score_text and memory_articles say it alike)."""
    hint = " (decode it first, e.g. data.decode('utf-8'))" if isinstance(value, bytes | bytearray) else ""
    return f"{type(value).__name__}{hint}"


def _given_article(item: Article, where: str) -> Article | ReadError:
    """The fresh copy of an Article given in memory, its input fields read as a record's are: an id
    that is no str or integer, or empty, is `where`; source, url, title and date as field_value reads
    them (a datetime as ISO 8601, a number as text, a missing value such as NaN none), a source of none
    or a blank one `unknown`; a path as a str; a
    blank text "empty text", as a blank str item is. An Article built by hand from a DataFrame's row
    (source None, a date, an int title) had been scored as given: its record said `"source": null`
    against the contract, trust_articles raised AttributeError, and to_dict() was no JSON (bug hunt
    31b, A1)."""
    text = item.decoded
    if not isinstance(text, str):
        raise TypeError(f"{where}: an Article's text is a str, not {not_text(text)}")
    if not text.strip():
        return ReadError(where, "empty text")
    ident = given_id(item.id) or where
    # A DataFrame's empty cell is NaN (pd.NA, NaT): no value, as memory_rows reads a row's, not the
    # text "nan" (review 32: the outlet "nan"); a blank source is none, as a record's is.
    given = {name: None if missing_value(value := getattr(item, name)) else field_value(value)
             for name in ("source", "url", "title", "date")}
    given["date"] = read_date(given["date"])
    source = given.pop("source")
    return Article(id=scrub_surrogates(ident), text=text, path=None if item.path is None else os.fspath(item.path),
                   source=source if source and source.strip() else "unknown", **given, extracted=item.extracted)


def memory_articles(items: Iterable[Article | str | dict[str, object]]) -> Iterator[Article | ReadError]:
    """The Articles of texts, records or Articles held in memory, each as `score` reads it from a
    file: a str as a .txt file's text (its front matter gives metadata, a banner or credit its
    source), a dict as a JSONL line's record (`text`, else `content` or `body`; `id`, `source`,
    `url`, `title`, `date`), an Article as a fresh copy of its input fields (scoring fills the copy,
    so an article scored before is not scored twice over); a pandas DataFrame as its rows
    (memory_rows). An item without an id is `text:N`, N
    from 1 in input order; a bad item is a ReadError named so. Ids repeat-checked as one file's
    (_FileIds), per path: texts, records and Articles without a path as one file, Articles of one
    path as another. One repeating an earlier one (same id and text) is reported and read once;
    another text under a taken id is `<id>:<N>`, so that no two articles share a key (path, id)."""
    ids: dict[str | None, _FileIds] = {None: _FileIds()}
    for number, item in enumerate(memory_rows(items), start=1):
        where = MEMORY_ID.format(n=number)
        if isinstance(item, Article):
            # Its (path, id) is checked too: an Article built without a path, beside a record of its
            # id, or one given twice, was a second article of one key, and flag named the spun copy
            # of such a pair as made from itself.
            copy = _given_article(item, where)
            yield ids.setdefault(None if isinstance(copy, ReadError) else copy.path, _FileIds()).admit(copy, where)
        elif isinstance(item, str):
            text = scrub_surrogates(item)
            if not text.strip():
                yield ReadError(where, "empty text")
                continue
            yield ids[None].admit(_article(where, text, path=None, meta=front_matter_meta(text), where=where), where)
        elif isinstance(item, dict):
            yield _record_article(item, where, where, None, {}, ids[None])
        else:
            raise TypeError(f"{where}: an article is a str, a dict (a record, as a JSONL line holds one) or an "
                            f"Article, not {not_text(item)}")


# The keys under which a response object holds its list of articles (NewsAPI's `articles`, a JSON
# API's `data`, other CMS exports' `items` and `posts`, the Guardian's content API's `results`,
# Diffbot's Article API's `objects`: its response had been skipped whole, bug hunt 33, S8).
ARTICLE_LIST_KEYS = frozenset({"articles", "items", "posts", "data", "results", "objects"})
# The Guardian's Open Platform content API (content.guardianapis.com/search) answers {"response":
# {"status": "ok", ..., "results": [...]}}, each result's text in its `fields` object (show-fields=
# bodyText: plain text; body: HTML), title `webTitle`, address `webUrl`, date `webPublicationDate`:
# such a file had been skipped whole, "neither an article ... nor a JSON Feed" (bug hunt 33, S6).
RESPONSE_KEY = "response"
NESTED_FIELDS_KEY = "fields"
NESTED_TEXT_FIELDS = ("bodyText", "body")


def article_list(data: dict[str, object]) -> list[object] | None:
    """The articles of a response object whose one list value is under ARTICLE_LIST_KEYS, or whose
    `response` object holds them (the Guardian's); None for any other object (ours, {"articles":
    [...], "errors": [...]}, has two lists). A result with its text in a `fields` object comes flat."""
    inner = data.get(RESPONSE_KEY)
    if isinstance(inner, dict) and not any(isinstance(value, list) for value in data.values()):
        data = inner
    lists = [key for key, value in data.items() if isinstance(value, list)]
    if len(lists) != 1 or lists[0] not in ARTICLE_LIST_KEYS:
        return None
    found = data[lists[0]]
    if not isinstance(found, list):
        return None
    if lists[0] == GOOGLE_READER_LIST:
        found = [_google_reader_entry(record) for record in found]
    return [_flat_fields(record) for record in found]


# A Google Reader API stream (Inoreader, FreshRSS, The Old Reader: {"items": [...]}), each entry's text
# its `summary` object {"content": html, "direction": "ltr"} (its `content` object where it gives the
# full text, read as Feedly's), its outlet `origin.title`, its address `canonical[0].href`: every entry
# had been skipped, "missing 'text' field" (bug hunt 33). `summary` is read only on such an entry (a
# summary object beside an origin object or a canonical list): a table's `summary` column, or a JSON
# record's summary string, is no article text.
GOOGLE_READER_LIST = "items"
GOOGLE_READER_TEXT = "summary"
GOOGLE_READER_URL = "canonical"


def _google_reader_entry(record: object) -> object:
    """A Google Reader API entry (an `origin` object or a `canonical` list, a `summary` or `content`
    object) as a record whose `content` is its summary object where it has no text field, and whose
    url is its `canonical` address where it gives none; any other item as it is."""
    if not isinstance(record, dict) or not (isinstance(record.get(ORIGIN_KEY), dict)
                                            or isinstance(record.get(GOOGLE_READER_URL), list)):
        return record
    summary = record.get(GOOGLE_READER_TEXT)
    summarised = isinstance(summary, dict) and isinstance(summary.get("content"), str)
    if not summarised and not isinstance(record.get("content"), dict):
        return record
    entry = dict(record)
    if summarised and not any(record.get(name) is not None for name in TEXT_FIELDS):
        entry["content"] = summary
    if record.get("url") is None and isinstance(record.get(GOOGLE_READER_URL), list):
        entry["url"] = record[GOOGLE_READER_URL]
    return entry


def _flat_fields(record: object) -> object:
    """A result whose text sits in a `fields` object (the Guardian's show-fields) as a flat record,
    its text `bodyText`, else the HTML `body`; any other item as it is."""
    if not isinstance(record, dict) or not isinstance(nested := record.get(NESTED_FIELDS_KEY), dict) or any(
            record.get(name) is not None for name in TEXT_FIELDS):
        return record
    flat = {**nested, **{key: value for key, value in record.items() if key != NESTED_FIELDS_KEY}}
    text = next((nested[name] for name in NESTED_TEXT_FIELDS
                 if isinstance(nested.get(name), str) and nested[name].strip()), None)
    if text is not None:
        flat["text"] = text
    return flat


def json_articles(path: Path, text: str, meta: dict[str, str], *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
                  ) -> Iterator[Article | ReadError]:
    """One Article per object of a JSON array (a scraper's export, Scrapy's `-o items.json`);
    records as in JSONL, ids `<file stem>:<position>` by default, a bad record reported as
    `path:position`. A single object with `text` is one article, id the file stem by default. A
    JSON Feed (jsonfeed.org) is read as feed_articles reads a feed. JSON Lines named .json is read
    as JSON Lines (json_lines_named_json)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if json_lines_named_json(text, exc):
            yield from jsonl_articles(path, text, meta, max_line_bytes=max_line_bytes)
            return
        yield ReadError(str(path), _json_error(exc, whole_file=True))
        return
    yield from _json_value_articles(path, data, meta)


def _json_value_articles(path: Path, data: object, meta: dict[str, str]) -> Iterator[Article | ReadError]:
    """json_articles for the JSON value already parsed from the file (or standard input)."""
    if is_json_feed(data):
        try:
            yield from _item_articles(path, *json_feed_items(data), meta)
        except FeedError as exc:
            yield ReadError(str(path), str(exc))
        return
    if isinstance(data, dict) and "text" in data:
        # One article saved per file (trafilatura --json, many scrapers): id the file name.
        yield _record_article(data, str(path), _stem(path), path, meta)
        return
    if isinstance(data, dict) and (listed := article_list(data)) is not None:
        data = listed  # a news API's response, {"status": "ok", "articles": [...]}: its articles
    elif isinstance(data, dict) and any(name in data for name in TEXT_FIELDS):
        # One post (WordPress REST's /posts/<id>): id the file name.
        yield _record_article(data, str(path), _stem(path), path, meta)
        return
    if not isinstance(data, list):
        yield ReadError(str(path), "JSON file is neither an article (an object with 'text'), an array of articles "
                                   "nor a JSON Feed")
        return
    if not data:
        yield ReadError(str(path), "no articles in the JSON array")
    ids = _FileIds()
    for number, record in enumerate(data, start=1):
        where = f"{path}:{number}"
        if not isinstance(record, dict):
            yield ReadError(where, "array item is not a JSON object")
            continue
        yield _record_article(record, where, f"{_stem(path)}:{number}", path, meta, ids)


def json_lines_named_json(text: str, error: BaseException) -> bool:
    """Whether a .json file that is not one JSON value is JSON Lines: a whole object on its first
    line and more after it (Spark's df.write.json, BigQuery's newline-delimited export and pandas'
    lines=True name such files .json). `analyzer train` decides it with this function too, so a labels
    file is JSON Lines exactly when `score` would read it so."""
    if not isinstance(error, json.JSONDecodeError) or error.msg != "Extra data":
        return False
    first = text.lstrip().split("\n", 1)[0]
    return first.startswith("{") and json_object_line(first)


def _streams_as_jsonl(path: Path, suffix: str, max_line_bytes: int) -> bool:
    """Whether a file over --max-bytes (as file_type `suffix`) is read a line at a time: JSON Lines,
    named .jsonl or named .json (_file_opens_json_lines)."""
    return suffix in JSONL_SUFFIXES or (suffix in JSON_SUFFIXES and _file_opens_json_lines(path, max_line_bytes))


def _file_opens_json_lines(path: Path, max_line_bytes: int) -> bool:
    """Whether a .json file (gzipped or not) over --max-bytes is JSON Lines, to be read a line at a
    time as a large .jsonl is (a Spark part file is 128 MB): its first line a whole JSON object, read
    within --max-line-bytes. A document over the limit is refused unread as before."""
    try:
        with _open_raw(path) as handle:
            head = handle.read(max_line_bytes + 2)
            wide = wide_codec(head)
            if wide:
                # UTF-16 or UTF-32 with a BOM (PowerShell 5's `>`), or UTF-16 without one: read as the streamed reader
                # recodes it to UTF-8 (streamed_jsonl_articles), where --max-line-bytes bounds the
                # line; the file had been refused whole, "over the limit" (bug hunt 28, J1's rest).
                head += handle.read(WIDE_CHAR_BYTES * (max_line_bytes + 2) - len(head))
    except (*GZIP_ERRORS, OSError):
        return False  # reported when the file is read
    if wide:
        head = codecs.getincrementaldecoder(wide)("replace").decode(head).encode("utf-8", "surrogatepass")
    line, newline, _ = head.removeprefix(b"\xef\xbb\xbf").lstrip().partition(b"\n")
    # Recoded, a wide line may be longer than --max-line-bytes: the bound is on its UTF-8 (review 29 B3).
    return bool(newline) and len(line) <= max_line_bytes + 1 and line.startswith(b"{") and json_object_line(line)


def _table_rows(text: str, delimiter: str) -> tuple[list[list[str]], str | None]:
    """The rows of a table, and the csv module's complaint where it stopped reading."""
    # An article is one field, and the csv module's default limit (128 kB) would refuse a long
    # one: lifted to the file's size (already within --max-bytes) while this table is read, then
    # restored, so metadata.csv keeps the default.
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    rows: list[list[str]] = []
    try:
        # newline="": the csv module ends a row at CR, LF or CRLF itself (a classic Mac
        # spreadsheet ends its rows with a lone CR), and a quoted cell keeps its line breaks as
        # written, so evidence offsets index the cell as pandas or csv (newline="") read it.
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        return rows, str(exc)
    finally:
        csv.field_size_limit(limit)
    return rows, None


@dataclass
class Table:
    """A table with a header row, as read_table gives it."""

    header: list[str]                       # column names, stripped and in lower case
    records: list[tuple[int, dict[str, str]]]  # (row number counted after the header, {name: cell})
    fault: str | None                       # the csv module's complaint where it stopped reading
    fault_row: int                          # the row it stopped at


def read_table(text: str, column: str | tuple[str, ...], first: str = ",") -> Table:
    """The rows of a table whose header names `column` (or one of them), as records keyed by
    lower-case column name.

    The delimiter is read from the header (DELIMITERS, `first` tried first); blank rows are left
    out; a column named twice gives its first occurrence. Used for article tables and for the
    labels of `analyzer train`, so both read the same tables the same way.
    """
    text, named, _ = table_head(text.replace("\0", ""))
    rows, fault = _table_rows(text, named or _delimiter(text, column, first))
    # A name quoted after a space (`"id" , "text"`) is read with its quotes: they are left out.
    header = [name.strip().strip('"').strip().lower() for name in rows[0]] if rows else []
    records = [
        # Filled from the right, so a column named twice gives its first occurrence.
        (number, {name: row[i] for i, name in reversed(list(enumerate(header))) if i < len(row) and name})
        for number, row in enumerate(rows[1:], start=1) if any(cell.strip() for cell in row)
    ]
    return Table(header, records, fault, len(rows))


def table_articles(path: Path, text: str, meta: dict[str, str]) -> Iterator[Article | ReadError]:
    """One Article per row of a table with a header (.csv, .tsv): columns as JSONL's fields (`text`,
    else `content` or `body`; optional `id`, `source`, `url`, `title`, `date`; names in any case,
    other columns ignored), the delimiter read from the header (DELIMITERS; a tab first for .tsv);
    ids `<file stem>:<row>` by default, a bad row reported as `path:row` (rows counted after the
    header). A CMS's CSV export with its text under `content` had been "no 'text' column", though the
    same records as JSON Lines, and the same table as `analyzer train`'s labels, were read (bug hunt 27)."""
    table = read_table(text, TEXT_FIELDS, "\t" if file_type(unzipped(path)) == ".tsv" else ",")
    if not any(name in table.header for name in TEXT_FIELDS):
        yield ReadError(str(path), f"table has no 'text' column (nor {OTHER_TEXT_FIELDS}; a header row "
                                   "naming the columns is needed)")
        return
    ids = _FileIds()
    for number, record in table.records:
        yield _record_article(record, f"{path}:{number}", f"{_stem(path)}:{number}", path, meta, ids)
    if table.fault is not None:
        yield ReadError(f"{path}:{table.fault_row}", f"malformed table row ({table.fault}); later rows were ignored")


def feed_articles(path: Path, data: bytes, meta: dict[str, str]) -> Iterator[Article | ReadError]:
    """One Article per item of an RSS or Atom feed (analyzer.io.feeds), id `<file stem>:<item
    number>`; the feed's fault, or an item without text, is a ReadError (`path:item number`).
    Source: the item's own, else metadata.csv's, else the feed's title."""
    try:
        feed_title, items = feed_items(data)
    except FeedError as exc:
        yield ReadError(str(path), str(exc))
        return
    yield from _item_articles(path, feed_title, items, meta)


def _item_articles(path: Path, feed_title: str, items: list[dict[str, str]],
                   meta: dict[str, str]) -> Iterator[Article | ReadError]:
    if not items:
        yield ReadError(str(path), "the feed has no items")
    given = {k: v for k, v in meta.items() if v}
    for number, item in enumerate(items, start=1):
        if not item["text"]:
            yield ReadError(f"{path}:{number}", "feed item without text (no content, description or summary)")
            continue
        fields = {k: scrub_surrogates(v) for k, v in item.items() if k in METADATA_FIELDS and v}
        if feed_title and not fields.get("source") and not given.get("source"):
            fields["source"] = scrub_surrogates(feed_title)
        yield _article(f"{_stem(path)}:{number}", scrub_surrogates(item["text"]), path=str(path),
                       meta={**given, **fields}, where=f"{path}:{number}", extracted=True)


# Bytes of compressed text and metadata PageCache keeps of one run's pages, at most: an entry for
# one of bench_score.py --html's pages (bbc_dev.jsonl's ~1.9 kB texts, zlib level 1) is 1.16 kB,
# 1.33 kB with Python's objects (tracemalloc), so ~27,000 such pages are extracted once and the
# run's memory grows by ~37 MB at most; later pages are extracted twice, as before.
PAGE_CACHE_BYTES = 32_000_000


class PageCache:
    """HTML pages' text and metadata as one run extracted them, kept from its first reading of
    the input (the pre-pass) for the second (scoring): trafilatura.extract ran twice a page, a
    third of score's CPU on bench_score.py --html's pages. An entry is keyed by the page's path
    and a digest of its markup (a page changed between the readings is extracted again) and is
    dropped when taken; at most `max_bytes` of compressed entries are held."""

    def __init__(self, max_bytes: int | None = None) -> None:
        self._kept: dict[tuple[str, bytes], tuple[bytes, dict[str, str]]] = {}
        self._free = PAGE_CACHE_BYTES if max_bytes is None else max_bytes

    @staticmethod
    def key(path: Path, html: str) -> tuple[str, bytes]:
        return str(path), hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def take(self, key: tuple[str, bytes]) -> tuple[str, dict[str, str]] | None:
        kept = self._kept.pop(key, None)
        if kept is None:
            return None
        packed, meta = kept
        self._free += _entry_bytes(packed, meta)
        return zlib.decompress(packed).decode("utf-8", "surrogatepass"), dict(meta)

    def keep(self, key: tuple[str, bytes], text: str, meta: dict[str, str]) -> None:
        packed = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)  # level 1: ~3x, 0.03 ms a page
        size = _entry_bytes(packed, meta)
        if size <= self._free and key not in self._kept:
            self._kept[key] = (packed, dict(meta))
            self._free -= size


def _entry_bytes(packed: bytes, meta: dict[str, str]) -> int:
    """A PageCache entry's size, its compressed text and its metadata's characters."""
    return len(packed) + sum(len(k) + len(v) for k, v in meta.items())


def _extract_html(path: Path, html: str, pages: PageCache | None = None) -> tuple[str, dict[str, str]] | ReadError:
    """The page's main text (trafilatura) and the metadata the page declares of itself; taken
    from `pages` when this run extracted the page already."""
    try:
        import trafilatura
    except ImportError as exc:
        # '.[html]', as README installs: 'analyzer[html]' asked the package index for a project of
        # that name rather than this checkout (a helper's bug hunt, bughunt24 D7).
        install = EXTRA_INSTALL.format(extra="html")
        if exc.name == "trafilatura":
            return ReadError(str(path), f"HTML input needs the optional extra: {install}")
        # Installed, but something it imports is missing (lxml.html.clean, bug hunt 28): say what,
        # since the extra named alone reads as done to one who just installed it.
        cause = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return ReadError(str(path), f"HTML input needs trafilatura, which is installed but does not import ({cause});"
                                    f" {install} installs what it needs")
    key = PageCache.key(path, html) if pages is not None else None
    if key is not None and (kept := pages.take(key)) is not None:
        return kept
    from trafilatura.utils import load_html

    # One parse for the text and the metadata: extract works on a copy of a tree given to it
    # (0.13 ms a page against 0.71 ms for parsing one of bench_score.py --html's pages) and leaves
    # the tree as it was (tests/io/test_readers.py). A page trafilatura cannot parse goes to extract
    # as markup, which then finds no text as before.
    tree = load_html(html)
    text = trafilatura.extract(html if tree is None else tree, include_comments=False, include_tables=False)
    if not text or not text.strip():
        return ReadError(str(path), "no article text found in the HTML page")
    meta = html_meta(html, tree)
    if key is not None:
        pages.keep(key, text, meta)
    return text, meta


# A page saved from the Wayback Machine names the archive as its site and address; the archived
# address follows the capture's timestamp (web.archive.org/web/20050101000000id_/http://...).
_WAYBACK = re.compile(r"^https?://(?:web\.)?archive\.org/web/\d{1,14}[a-z_]*/+(https?):/+(.+)$", re.I)
# The site trafilatura gives a page that declares none: its address's network location after "www."
# or "wN." (trafilatura.metadata.META_URL), port and user included.
_ADDRESS_SITE = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)", re.I)
# "Headline | Site" / "Headline - Site": a site name is a few capitalised words, after a dash
# shorter than the headline ("Obama - Trump debate in Ohio" is one headline: trafilatura keeps
# only "Obama").
_TITLE_SITE = re.compile(r"\s+[|\u2013\u2014-]\s+([^|\u2013\u2014]+?)\s*$")
# Counted on newspaper3k_pages.jsonl (229 pages of 68 sites, 113 distinct titles, 15 with a bar or
# dash suffix): suffixes of 1 word 9, 2 words 2, 3 words 2 ("MIT Technology Review"), 4 words 2
# ("Watch News Videos Online", a section's label, the one wrong site taken at 4; none at 3). Four
# is kept for the outlets whose names need it ("The New York Times", "The Wall Street Journal",
# "South China Morning Post"): a title's site is the last resort, after og:site_name and the host.
SITE_NAME_MAX_WORDS = 4
# Title case (AP, Chicago) leaves short function words lower case: "as", "of", "the".
TITLE_CASE_MIN_LETTERS = 3
# A date written nn/nn/yyyy with both numbers 12 or under reads as 3 April or 4 March (group 1:
# the value, blanked to tell whether the date came from it).
_AMBIGUOUS_DATE = re.compile(r"content=[\"']\s*((\d{1,2})[/.](\d{1,2})[/.](\d{4}))\b", re.I)
# Characters of a page searched for such a tag: the <head>, where meta tags stand, is far shorter.
AMBIGUOUS_DATE_SCAN_CHARS = 200_000


def url_host(url: str | None) -> str | None:
    """The site a web address names: its host's registrable domain (site_domain), lower case, an
    IDN in Unicode (a Wayback Machine capture's: the archived page's); None for no http(s) address."""
    url = url.strip() if url else ""
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = urlsplit(_archived(url)).hostname
    except ValueError:  # a malformed address: "http://[::1"
        return None
    # One spelling per host, as trafilatura writes a page's address: an IDN's labels in Unicode
    # (xn--bcher-kva.de is bücher.de), no root dot (example.com. is example.com).
    host = ".".join(_unicode_label(label) for label in (host or "").rstrip(".").split("."))
    return site_domain(host.removeprefix("www.")) or None


# Hosts whose subdomains are their users' own sites but which the Public Suffix List's private
# section leaves out (checked in tldextract 5.4.0's snapshot: blogspot.com, github.io and
# wixsite.com are there; these are not): x.wordpress.com and y.wordpress.com are two blogs.
USER_SITE_HOSTS = ("wordpress.com", "substack.com", "tumblr.com", "typepad.com", "livejournal.com",
                   "weebly.com", "ghost.io", "medium.com")
# Distinct hosts remembered (a run of many sites' pages asks for each host once per article).
SITE_DOMAIN_CACHE = 65_536


@lru_cache(maxsize=SITE_DOMAIN_CACHE)
def site_domain(host: str) -> str:
    """The outlet a host belongs to: its registrable domain under the Public Suffix List, private
    section included (thecaucus.blogs.nytimes.com and archive.nytimes.com are nytimes.com,
    news.bbc.co.uk is bbc.co.uk, x.blogspot.com stays x.blogspot.com): a host per source made one
    outlet several in `trust`, each with few articles (review 23, C1). An IP address, a name
    with no known suffix (localhost, intranet) or a bare suffix is kept as it is."""
    if not host or host.startswith("[") or ":" in host or host.replace(".", "").isdigit():
        return host  # an IP address (urlsplit's hostname has no brackets around an IPv6 one)
    return _suffix_list()(host).top_domain_under_public_suffix or host


@cache
def _suffix_list():  # noqa: ANN202 - tldextract is imported here, on first use (~0.2 s)
    """tldextract with its bundled snapshot of the list only: no download (suffix_list_urls=()),
    no cache directory read or written (cache_dir=None)."""
    import tldextract

    extract = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True,
                                    include_psl_private_domains=True, extra_suffixes=USER_SITE_HOSTS)
    extract("example.com")  # loads the list now, once, not in the first of several threads at once
    return extract


def _unicode_label(label: str) -> str:
    """A host's label as Unicode: an IDNA label (xn--...) decoded, another as it is."""
    if label.startswith("xn--"):
        with contextlib.suppress(UnicodeError):  # not valid punycode: kept as written
            return label.encode("ascii").decode("idna")
    return label


def _archived(url: str) -> str:
    """The archived page's own address for a Wayback Machine capture, else the address as given."""
    match = _WAYBACK.match(url)
    return f"{match.group(1).lower()}://{match.group(2)}" if match else url


def _title_site(html: str, title: str | None) -> tuple[str | None, str | None]:
    """The site's name from a "Headline | Site" title, and the title: the whole <title> when
    trafilatura cut off a part that does not read as a site's name."""
    found = re.search(r"<title[^>]*>(.*?)</title>", html[:200_000], re.I | re.S)
    raw = " ".join(unescape(found.group(1)).split()) if found else ""
    suffix = _TITLE_SITE.search(raw)
    if not suffix:
        return None, title
    site, lead = suffix.group(1).split(), raw[:suffix.start()].split()
    # A dash also joins the parts of a headline; a bar hardly ever does. After a dash, capitals tell
    # a site's name from the headline's words only when the headline is not in title case
    # ("Stocks Fall as Fed Raises Rates Again - Markets Wrap" is one headline).
    capitalised = [w[0].isupper() or w[0].isdigit() for w in site]
    title_case = all(w[0].isupper() or w[0].isdigit() for w in lead if len(w) > TITLE_CASE_MIN_LETTERS)
    doubtful_dash = "|" not in suffix.group(0) and (len(site) >= len(lead) or title_case)
    if len(site) <= SITE_NAME_MAX_WORDS and all(capitalised) and not doubtful_dash:
        return " ".join(site), title
    cut_here = title is not None and raw.startswith(title.strip()) and len(title.strip()) >= len(" ".join(lead))
    return None, raw if cut_here else title


def _ambiguous_date(html: str, date: str, url: str | None) -> bool:
    """Whether the page's date was taken from a tag whose day/month order the page leaves open: a
    content="03/04/2005" that reads as the date either way round, and without which the date is
    not found (htmldate run again with those values blanked). A date the page also gives elsewhere
    (its address, a <time datetime>, a tag written year first) is kept whatever other tags write."""
    head = html[:AMBIGUOUS_DATE_SCAN_CHARS]
    spans = [match.span(1) for match in _AMBIGUOUS_DATE.finditer(head)
             if _either_way(date, int(match.group(2)), int(match.group(3)), match.group(4))]
    if not spans:
        return False
    from htmldate import find_date
    from trafilatura.settings import set_date_params

    blanked = "".join(head[start:end] for start, end in zip([0] + [e for _, e in spans],
                                                           [s for s, _ in spans] + [len(head)], strict=True))
    try:
        found = find_date(blanked + html[len(head):], **{**set_date_params(False), "url": url})
    except Exception:  # noqa: BLE001 - htmldate failing on the page: the date's tag cannot be told
        return True
    return found != date


def _either_way(date: str, a: int, b: int, year: str) -> bool:
    """Whether the day/month pair (a, b) reads as `date` and also as another day."""
    return a != b and a <= 12 and b <= 12 and date in (f"{year}-{a:02d}-{b:02d}", f"{year}-{b:02d}-{a:02d}")


# The trafilatura whose extract_metadata _page_metadata follows: its steps were read in 2.0.0 and
# 2.3.1 (1.6 has another order, and an image step).
TRAFILATURA_MAJOR = "2"


def _page_metadata(tree: HtmlElement) -> Document:
    """trafilatura.extract_metadata(tree, extensive=False) for the fields html_meta uses (title,
    url, hostname, site name, date): its own steps in its own order (trafilatura 2), less those
    that only find the author, categories, tags and licence, which were 62% of its time on the
    pages of bench/bench_score.py --html (none of them reads or changes the tree or a field used
    here: the author's step works on a copy). tests/io/test_readers.py checks the fields against
    extract_metadata's on pages of every kind; a trafilatura of another major version, or without
    these steps, gets extract_metadata itself."""
    import trafilatura

    try:
        if trafilatura.__version__.split(".")[0] != TRAFILATURA_MAJOR:
            raise ImportError(trafilatura.__version__)
        from trafilatura import metadata as steps
        from trafilatura.settings import set_date_params

        examine, from_json, title_of, url_of = (steps.examine_meta, steps.extract_meta_json,
                                                steps.extract_title, steps.extract_url)
        domain, date_of, site_of, address_site = (steps.extract_domain, steps.find_date,
                                                  steps.extract_sitename, steps.META_URL)
    except (ImportError, AttributeError):
        return trafilatura.extract_metadata(tree, extensive=False)
    date_config = set_date_params(False)
    found = examine(tree)
    if found.author and " " not in found.author:  # as extract_metadata: the JSON-LD step adds to it
        found.author = None
    try:
        found = from_json(tree, found)
    except Exception as err:  # noqa: BLE001 - as extract_metadata: a bug in trafilatura's JSON-LD step
        steps.LOGGER.warning("error in JSON metadata extraction: %s", err)
    if not found.title:
        found.title = title_of(tree)
    if not found.url:
        found.url = url_of(tree, None)
    if found.url:
        found.hostname = domain(found.url, fast=True)
    date_config["url"] = found.url
    found.date = date_of(tree, **date_config)
    if not found.sitename:
        found.sitename = site_of(tree)
    if found.sitename:
        if isinstance(found.sitename, list):  # as trafilatura 2.0 (2.3 keeps only a string)
            found.sitename = found.sitename[0]
        elif isinstance(found.sitename, dict):
            found.sitename = str(found.sitename)
        found.sitename = found.sitename.lstrip("@")  # a Twitter handle
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url and (named := address_site.match(found.url)):
        found.sitename = named[1]
    found.filedate = date_config.get("max_date")
    found.clean_and_trim()
    return found


# A browser's "Save Page As" marks the page with the address it was saved from (Blink's and
# Internet Explorer's mark of the web, before or after the doctype): `<!-- saved from
# url=(0050)https://... -->`. A page that declares no address of its own (no canonical link, no
# og:url) was source unknown, url None, though the file says where it came from (bug hunt 29).
_SAVED_FROM_RE = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s<>\"']+?)\s*-->", re.I)
SAVED_FROM_REACH = 1024  # characters: the mark is written first, a doctype at most before it


def html_meta(html: str, tree: HtmlElement | None = None) -> dict[str, str]:
    """metadata.csv's fields as a saved page declares them (og:site_name, <title>, the canonical
    address, article:published_time; trafilatura.extract_metadata): without them every saved page
    was source 'unknown' and `trust` ranked a folder of many sites' pages as one source. The
    source is the site's name, else the host of the page's own address, else a "Headline | Site"
    title's site; the date only from the page's metadata (extensive=False: no guess from the
    text), and none when its day and month could be either way round. A Wayback Machine capture
    is the archived page's: its address and host, not the archive's. `tree`: the page as
    trafilatura.utils.load_html parsed it, when it already was."""
    from trafilatura import extract_metadata
    from trafilatura.utils import load_html

    try:
        tree = load_html(html) if tree is None else tree
        # A page trafilatura cannot parse: extract_metadata's empty Document
        found = extract_metadata(html, extensive=False) if tree is None else _page_metadata(tree)
    except Exception:  # noqa: BLE001 - metadata is a bonus; the text was extracted
        return {}
    if not found.url and (saved := _SAVED_FROM_RE.search(html, 0, SAVED_FROM_REACH)):
        found.url = saved.group(1)
    url = _archived(found.url) if found.url else None
    wayback = url != found.url  # a capture: the archived page's host, never the archive's
    site, host = found.sitename, url_host(url)
    if host is None and not wayback and found.hostname:
        host = site_domain(found.hostname)
    if site and found.url and (named := _ADDRESS_SITE.match(found.url)) and site == named.group(1):
        # No site declared: trafilatura named the page by its address, port and user included
        # ("example.com:8443"); the host is what a record with this link gets (url_host).
        site = None
    if wayback and site and "archive.org" in site.lower():
        site = None
    title_site, title = _title_site(html, found.title)
    date = None if found.date and _ambiguous_date(html, found.date, found.url) else found.date
    fields = {"source": site or host or title_site, "title": title, "url": url, "date": date}
    return {key: scrub_surrogates(str(value).strip()) for key, value in fields.items()
            if value and str(value).strip() and (key != "url" or str(value).startswith(("http://", "https://")))}
