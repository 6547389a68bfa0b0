"""Turn paths into Articles, following OUTPUT.md's input contract.

Every problem with one input becomes a ReadError (path + one-line reason) and reading goes on;
nothing here raises for bad input.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analyzer import lexicons
from analyzer.article import Article

# 10 MB: far above any news article (the longest in bbc_dev.jsonl is 25 kB), small enough
# that a stray dump or video file cannot exhaust memory.
DEFAULT_MAX_BYTES = 10_000_000
# A JSONL line longer than this is reported instead of parsed (same reasoning as above).
DEFAULT_MAX_LINE_BYTES = 10_000_000
TEXT_SUFFIXES = frozenset({".txt", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
METADATA_NAME = "metadata.csv"
METADATA_FIELDS = ("source", "url", "title", "date")
# Lines at the top and bottom of an article searched for a publisher banner.
BANNER_LINES = 3
# Share of C0 control characters (other than tab/newline/CR/FF) above which decoded text is binary.
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class ReadError:
    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


class DecodeError(ValueError):
    """Raised by decode() with a one-line reason."""


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else cp1252 — as OUTPUT.md fixes."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16")
    else:
        if b"\x00" in data:
            raise DecodeError("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "cp1252")
    if text and sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f") > MAX_CONTROL_SHARE * len(text):
        raise DecodeError("binary file (control characters)")
    return text


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
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    edges = "\n".join(lines[:BANNER_LINES] + lines[-BANNER_LINES:])
    for pattern, source in _banners():
        if pattern.search(edges):
            return source
    return "unknown"


def _read_metadata(folder: Path) -> tuple[dict[str, dict[str, str]], ReadError | None]:
    path = folder / METADATA_NAME
    try:
        raw = decode(path.read_bytes())
    except (OSError, DecodeError) as exc:
        return {}, ReadError(str(path), f"metadata not read: {_reason(exc)}")
    reader = csv.DictReader(io.StringIO(raw))
    if not reader.fieldnames or "file" not in reader.fieldnames:
        return {}, ReadError(str(path), "metadata has no 'file' column; its rows were ignored")
    table: dict[str, dict[str, str]] = {}
    for row in reader:
        name = (row.get("file") or "").strip()
        if name:
            key = os.path.normpath(str(folder / name))
            table[key] = {k: (row.get(k) or "").strip() for k in METADATA_FIELDS if row.get(k)}
    return table, None


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
    """Files to read, in a stable order; folders recursively, hidden entries skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and not path.exists():
            yield ReadError(str(path), "broken symbolic link")
        elif path.is_dir():
            yield from _walk_dir(path)
        elif path.exists():
            yield path
        else:
            yield ReadError(str(path), "no such file or folder")


def _walk_dir(root: Path) -> Iterator[Path | ReadError]:
    # followlinks=False: a symlinked folder could loop back on itself.
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if path.is_symlink() and not path.exists():
                yield ReadError(str(path), "broken symbolic link")
            elif name != METADATA_NAME:
                yield path


def input_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, dict[str, str]] | ReadError]:
    """The files read_paths reads, each with its metadata.csv row, and the errors met, in order.

    Split from read_paths so that analyzer.distributed can plan the same reads on a cluster.
    """
    metadata_cache: dict[Path, dict[str, dict[str, str]]] = {}
    for item in walk(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        folder = item.parent
        if folder not in metadata_cache:
            table, error = ({}, None)
            if (folder / METADATA_NAME).is_file():
                table, error = _read_metadata(folder)
            metadata_cache[folder] = table
            if error:
                yield error
        yield item, metadata_cache[folder].get(os.path.normpath(str(item)), {})


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | ReadError]:
    """Articles (and ReadErrors) from files and folders, streaming one file at a time."""
    for entry in input_files(paths):
        if isinstance(entry, ReadError):
            yield entry
        else:
            yield from read_file(entry[0], meta=entry[1], max_bytes=max_bytes)


def _load_bytes(path: Path, max_bytes: int) -> bytes | ReadError:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return ReadError(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return ReadError(str(path), f"cannot read: {_reason(exc)}")
    if len(data) > max_bytes:
        return ReadError(str(path), f"file grew over the limit of {max_bytes:,} bytes while being read")
    if not data.strip():
        return ReadError(str(path), "empty file")
    return data


def read_file(
    path: Path, *, meta: dict[str, str] | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadError]:
    meta = meta or {}
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
        yield ReadError(str(path), f"unsupported file type '{suffix}' (use .txt, .md, .jsonl or .html)")
        return
    data = _load_bytes(path, max_bytes)
    if isinstance(data, ReadError):
        yield data
        return
    try:
        text = decode(data)
    except DecodeError as exc:
        yield ReadError(str(path), str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_articles(path, text, meta)
        return
    if suffix in HTML_SUFFIXES:
        extracted = _extract_html(path, text)
        if isinstance(extracted, ReadError):
            yield extracted
            return
        text = extracted
    if not text.strip():
        yield ReadError(str(path), "empty file")
        return
    yield _article(path.stem, text, path=str(path), meta=meta)


def _article(ident: str, text: str, *, path: str | None, meta: dict[str, str]) -> Article:
    return Article(
        id=ident,
        text=text,
        path=path,
        source=meta.get("source") or infer_source(text),
        url=meta.get("url") or None,
        title=meta.get("title") or None,
        date=meta.get("date") or None,
    )


def _jsonl_articles(path: Path, text: str, meta: dict[str, str]) -> Iterator[Article | ReadError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        if len(line.encode("utf-8", "surrogatepass")) > DEFAULT_MAX_LINE_BYTES:
            yield ReadError(where, f"line is over the limit of {DEFAULT_MAX_LINE_BYTES:,} bytes")
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield ReadError(where, f"malformed JSON: {getattr(exc, 'msg', 'nested too deeply')}")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "line is not a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str):
            yield ReadError(where, "missing or non-string 'text' field")
            continue
        if not body.strip():
            yield ReadError(where, "empty 'text' field")
            continue
        fields = {k: str(record[k]) for k in (*METADATA_FIELDS,) if isinstance(record.get(k), str | int | float)}
        ident = record.get("id")
        ident = str(ident) if isinstance(ident, str | int) and str(ident) else f"{path.stem}:{number}"
        yield _article(ident, body, path=str(path), meta={**meta, **fields})


def _extract_html(path: Path, html: str) -> str | ReadError:
    try:
        import trafilatura
    except ImportError:
        return ReadError(str(path), "HTML input needs the optional extra: pip install 'analyzer[html]'")
    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        return ReadError(str(path), "no article text found in the HTML page")
    return text
