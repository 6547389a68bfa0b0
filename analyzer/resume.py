"""Resumable JSONL runs: `analyzer score --format jsonl --output FILE [--resume]`.

A JSONL run to FILE writes, one flushed line per article, to a hidden partial file beside it
(`.FILE.partial`) and renames it onto FILE only when the run completes: FILE itself is always
the previous version or the complete new one. When a run is interrupted (Ctrl-C, SIGTERM, a
crash, a power cut after the line reached the disk), the partial file stays.

`--resume` continues it: every complete line (ending in a newline and holding a JSON object
with an `id`) counts as done; the first line that is not - the one a crash cut in the middle -
and anything after it is truncated away, and those articles are scored again. Articles are
matched by (file, id), counted with multiplicity so that duplicate ids in one JSONL file are
neither skipped nor scored twice. A file is matched by its resolved path, so a run started on
`data/` and resumed on `$PWD/data` (or from another folder, a cron job's absolute paths against
a hand-typed relative one) is the same run; a relative path recorded in FILE that does not
resolve from the current folder matches an input whose resolved path ends with it. The same
inputs are expected: articles of the partial file that are no longer in the input stay in the
output. The lines written on resuming spell a file's path as the kept lines do. Without a partial
file, --resume starts from a complete FILE of an earlier run and adds only the articles it lacks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO

from analyzer.article import Article
from analyzer.io.readers import scrub_surrogates
from analyzer.io.writers import replaced_path

PARTIAL_SUFFIX = ".partial"


def partial_path(target: str | os.PathLike[str]) -> Path:
    target = Path(target)
    return target.with_name(f".{target.name}{PARTIAL_SUFFIX}")


def article_key(ident: str, path: str | None) -> int:
    """A compact key for (path, id), computed the same from an Article and from its JSON line."""
    raw = f"{scrub_surrogates(path or '')}\0{scrub_surrogates(ident)}".encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big")


def resolved(path: str | None) -> str | None:
    """The path with symlinks, '..' and the current folder resolved; None stays None."""
    if not path:
        return path
    try:
        return _real(os.path.abspath(path))
    except (OSError, ValueError):  # a NUL byte, a loop the OS refuses
        return path


@lru_cache(maxsize=4096)  # every record of a JSONL file asks for its file's path; absolute, so no cwd in the key
def _real(absolute: str) -> str:
    return os.path.realpath(absolute)


def _tail(path: str) -> tuple[str, ...]:
    return tuple(part for part in Path(os.path.normpath(path)).parts if part not in ("", "."))


@dataclass
class Done:
    """The articles an earlier run wrote: keys of (resolved path, id), and the relative paths
    that do not resolve from here, by (file name, id), to match an input path ending with them."""

    keys: Counter[int] = field(default_factory=Counter)
    loose: dict[tuple[str, str], Counter[tuple[str, ...]]] = field(default_factory=dict)
    # How the recorded lines spell each file's path, by its resolved path (the first spelling met).
    spellings: dict[str, str] = field(default_factory=dict)

    def add(self, ident: str, path: str | None) -> None:
        if path and not os.path.isabs(path) and not os.path.lexists(path):
            self.loose.setdefault((Path(path).name, ident), Counter())[_tail(path)] += 1
        else:
            where = resolved(path)
            self.keys[article_key(ident, where)] += 1
            if path and where:
                self.spellings.setdefault(where, path)

    def take(self, ident: str, path: str | None) -> bool:
        """True once per recorded occurrence of the article."""
        where = resolved(path)
        key = article_key(ident, where)
        if self.keys[key] > 0:
            self.keys[key] -= 1
            return True
        tails = self.loose.get((Path(path).name, ident)) if path else None
        if tails and where:
            parts = _tail(where)
            for tail, count in tails.items():
                if count > 0 and parts[-len(tail):] == tail:
                    tails[tail] -= 1
                    return True
        return False

    def __bool__(self) -> bool:
        return bool(self.keys) or bool(self.loose)


def recover(partial: Path) -> tuple[Done, int]:
    """(the articles completely written in `partial`, their number).

    Truncates `partial` after its last good line, so appending continues on a clean boundary.
    """
    done = Done()
    kept = 0
    offset = 0
    with partial.open("rb+") as handle:
        for raw in handle:  # binary lines end at b"\n" only (a raw U+2028 inside JSON is no break)
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                break
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                break
            path = record.get("path")
            done.add(record["id"], path if isinstance(path, str) else None)
            kept += 1
            offset += len(raw)
        handle.truncate(offset)
    return done, kept


@dataclass
class ResumableRun:
    handle: IO[str]
    partial: Path
    kept: int = 0
    done: Done = field(default_factory=Done)
    skipped: int = 0

    def skip(self, article: Article) -> bool:
        """True for an article already in the output (each recorded occurrence skips once). An
        article to score takes the spelling of its file's path that the kept lines use (`data/a.jsonl`
        resumed as `$PWD/data`), so that the output reads as one run's, not two."""
        if self.done and self.done.take(article.id, article.path):
            self.skipped += 1
            return True
        if self.done.spellings and article.path:
            article.path = self.done.spellings.get(resolved(article.path) or "", article.path)
        return False


@contextlib.contextmanager
def resumable_jsonl(target: str | os.PathLike[str], *, resume: bool) -> Iterator[ResumableRun]:
    """Open the partial file for FILE (continued when `resume`), rename it onto FILE on success."""
    target = replaced_path(target)
    partial = partial_path(target)
    done = Done()
    kept = 0
    if resume:
        if not partial.exists() and target.is_file():
            shutil.copyfile(target, partial)
        if partial.exists():
            done, kept = recover(partial)
    # Line-buffered: each article's line reaches the OS as soon as it is written, so a killed
    # process loses at most the line in progress.
    handle = open(partial, "a" if resume else "w", encoding="utf-8", newline="", buffering=1)  # noqa: SIM115
    run = ResumableRun(handle, partial, kept, done)
    try:
        yield run
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            handle.close()
        raise
