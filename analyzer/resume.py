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
output (the CLI warns). An article whose text or metadata changed since its line was written (a
scraper rewrote the file, metadata.csv was corrected) is scored again and its old line dropped: a
digest of each written article's input is kept beside the partial file in `.FILE.partial.texts`
(removed when the run completes), since the line itself does not hold the text; if it is deleted
by hand, the kept lines stay, unchecked, and the CLI warns (ResumableRun.unrecorded). The lines
written on resuming spell a file's path as the kept lines do. Without a partial file, --resume
starts from a complete FILE of an earlier run and adds only the articles it lacks.

What the run was scored with - the sha256 of the trust model and of the other model files, the
options that change scores or what is skipped, the analyzer version, a fingerprint of its code
(the package's source files and lexicons, code_fingerprint) and the versions of the packages whose
behaviour decides the output (dependency_versions) - is recorded beside the partial
file in `.FILE.partial.settings` (JSON, replaced atomically, removed when the run completes), not in
FILE: the output format stays the one OUTPUT.md fixes. `--resume` refuses, before touching the
partial file, when the models, the version, the code or those packages differ (two models' trust
in one ranking); the options decide only what is skipped and may change. A partial file without
one (an older version's) or a complete FILE cannot be checked: resumed as before, with a warning.

The partial file is locked (flock) from before it is opened until it is renamed onto FILE: a second
run to the same FILE, or a --resume while the run still goes, is refused (RunInProgress) before
touching it. The kernel drops the lock of a process that dies, so a --resume after a kill goes on.
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

from analyzer import __version__
from analyzer.article import Article
from analyzer.io.readers import scrub_surrogates
from analyzer.io.writers import replaced_path
from analyzer.resources import model_path

PARTIAL_SUFFIX = ".partial"
SETTINGS_SUFFIX = ".settings"
# The digests of the texts of the articles written, one "key digest" line each (article_key, hex).
TEXTS_SUFFIX = ".texts"
# 2: the record holds `code`, the fingerprint of the package's source files and lexicons.
# 3: and `dependencies`, the versions of OUTPUT_DEPENDENCIES.
SETTINGS_VERSION = 3
# The shipped model files a score is computed with besides the trust model (translation.py,
# boilerplate_model.py, spin_model.py): retraining one between a run and its resume changes scores.
OTHER_MODELS = ("translation.json", "boilerplate.json", "spin_detector.json")
# What else decides an article's output within one version number (0.1.0 for every commit): the
# package's own source files and the lexicons it reads (an upgrade, an edit of an installed copy, a
# swapped TSV), each hashed whole into one sha256 by code_fingerprint. The parts and how a refusal
# names them.
CODE_PARTS = {"source": "its source files", "lexicons": "its lexicons"}
# The installed packages whose behaviour decides what `score` writes for an article, by their
# distribution names: numbers (numpy; scikit-learn's English stop words in analyzer.align),
# language (langdetect), readability (textstat, and pyphen, whose en_US hyphenation patterns
# signals.readability reads itself for the syllables of a word outside the CMU table), word
# frequencies (wordfreq), phrase matching (pyahocorasick), HTML pages and feeds (trafilatura,
# htmldate, lxml, defusedxml) and the registrable domain that names a page's source (tldextract's
# Public Suffix List snapshot). An upgrade of one between a run and its resume (pip install -U)
# gave one file scored by two sets of libraries, with nothing to tell (h24c's open note). Not:
# typer and rich (the terminal), datasketch and scipy (`flag` and `trust`, which resume nothing),
# threadpoolctl (thread counts, same floats).
OUTPUT_DEPENDENCIES = ("numpy", "scikit-learn", "langdetect", "textstat", "pyphen", "wordfreq", "pyahocorasick",
                       "trafilatura", "htmldate", "lxml", "defusedxml", "tldextract")
NOT_INSTALLED = "not installed"  # trafilatura without the html extra: installing it changes what is read
# A package the record does not name: the build that wrote it did not yet check that package.
NOT_RECORDED = "not recorded"


def partial_path(target: str | os.PathLike[str]) -> Path:
    target = Path(target)
    return target.with_name(f".{target.name}{PARTIAL_SUFFIX}")


def settings_path(partial: Path) -> Path:
    return partial.with_name(partial.name + SETTINGS_SUFFIX)


def texts_path(partial: Path) -> Path:
    return partial.with_name(partial.name + TEXTS_SUFFIX)


def text_digest(article: Article) -> str:
    """A digest of the article's input as read: its text, and its source, url, title and date,
    which a metadata.csv corrected between the stop and the resume changes (the source names the
    article's trust row and its source's repeated lines): a resume tells a changed input by it."""
    given = [article.decoded, article.source, article.url, article.title, article.date]
    raw = json.dumps([scrub_surrogates(v) if isinstance(v, str) else v for v in given], default=str)
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


# How the texts file marks a kept line found stale (its text changed) by a resume that then stopped
# before dropping it: "- NUMBER", so that the next resume neither keeps it nor counts it as done.
STALE_MARK = "-"


def _recorded_digests(partial: Path) -> tuple[dict[int, str], set[int]]:
    """({article_key: text digest} of the articles a run wrote, the numbers of kept lines found
    stale); a line cut by a crash is passed over."""
    digests: dict[int, str] = {}
    stale: set[int] = set()
    with contextlib.suppress(FileNotFoundError):
        with texts_path(partial).open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                # A line with no end was cut by a crash: "- 12" cut to "- 1" would drop line 1.
                if not line.endswith("\n"):
                    break
                key, _, digest = line.strip().partition(" ")
                with contextlib.suppress(ValueError):
                    if key == STALE_MARK and digest.isdigit():
                        stale.add(int(digest))
                    elif len(key) == 16 and len(digest) == 32:
                        digests[int(key, 16)] = digest
    return digests, stale


class SettingsMismatch(Exception):
    """--resume of a partial file scored with other models or options; the message is one line."""


class RunInProgress(Exception):
    """Another process is writing the same partial file; the message is one line."""


def _lock(partial: Path, output: str | os.PathLike[str]) -> tuple[int | None, bool]:
    """(a descriptor holding an exclusive lock on `partial`, whether the file was there before:
    it is created empty when missing), or RunInProgress when another run holds it. Two runs to one
    FILE (an hourly cron job that overran, a --resume typed while the run still goes) had both
    written into the one partial file, each at its own offset, and the first to finish renamed it
    with the other still writing into it: one exited 0 with the other's articles, the other with a
    traceback. No descriptor where flock is missing (Windows)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None, partial.exists()
    while True:
        try:
            fd, existed = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666), False
        except FileExistsError:
            try:
                fd, existed = os.open(partial, os.O_RDWR), True
            except FileNotFoundError:  # renamed away in between
                continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise RunInProgress(f"{output} is being written by another run (its partial file {partial} is "
                                "locked); wait for it to finish, or write to another file") from None
        except OSError:  # a file system without locks (some network mounts): run as before
            return fd, existed
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(partial))
        except FileNotFoundError:
            same = False
        if same:
            return fd, existed
        # The run that held it renamed it onto FILE between our open and our lock: lock the new one.
        os.close(fd)


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # a shipped model missing is reported by the scorer itself
        return "unreadable"


def _digest(root: Path, files: list[Path]) -> str:
    """sha256 over the files' paths (relative to root) and contents, in path order."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        name = path.relative_to(root).as_posix().encode("utf-8", "surrogateescape")
        try:
            data = path.read_bytes()
        except OSError:
            data = b"unreadable"
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)
    return digest.hexdigest()


def code_fingerprint(package: Path | None = None) -> dict[str, str]:
    """{part: sha256} of what decides the output besides the models and the version (CODE_PARTS):
    the package's .py files and its lexicons (.tsv and .npy under analyzer/lexicons): 18 MB in 90
    files, 25-44 ms once per run on this machine, where the run's start-up (lexicons and models
    loaded) takes about 1.9 s (README)."""
    package = package or Path(__file__).resolve().parent
    lexicons = package / "lexicons"
    return {
        "source": _digest(package, list(package.rglob("*.py"))),
        "lexicons": _digest(lexicons, [*lexicons.glob("*.tsv"), *lexicons.glob("*.npy")]),
    }


def dependency_versions() -> dict[str, str]:
    """{distribution: installed version} of OUTPUT_DEPENDENCIES, from the installed packages'
    metadata (importlib.metadata: no package is imported; 2-7 ms a package on a first call here,
    review 25)."""
    from importlib import metadata

    versions = {}
    for name in OUTPUT_DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = NOT_INSTALLED
    return versions


def run_settings(model: str | os.PathLike[str] | None, *, max_bytes: int, max_line_bytes: int,
                 time_limit: float | None) -> dict[str, object]:
    """What a run's scores depend on besides the text: models by content (a retrained model at the
    same path is another model), options as given (None: the default or $ANALYZER_TIME_LIMIT). The
    options are for the reader of the record only: they decide which articles are skipped, never an
    article's scores, so a resume may change them (--time-limit 0 to get past a slow article)."""
    from analyzer import guard

    trust = Path(model) if model is not None else model_path("trust.json")
    limit = repr(float(time_limit)) if time_limit is not None else os.environ.get(guard.ENV_VAR) or "default"
    return {
        "version": SETTINGS_VERSION,
        "analyzer": __version__,
        "trust_model": {"file": str(trust) if model is not None else "shipped models/trust.json",
                        "sha256": _sha256(trust)},
        "models": {name: _sha256(model_path(name)) for name in OTHER_MODELS},
        "code": code_fingerprint(),
        "dependencies": dependency_versions(),
        "max_bytes": max_bytes, "max_line_bytes": max_line_bytes, "time_limit": limit,
    }


def _differences(old: dict[str, object], new: dict[str, object]) -> list[str]:
    said: list[str] = []
    old_trust, new_trust = old.get("trust_model"), new["trust_model"]
    if not isinstance(old_trust, dict) or old_trust.get("sha256") != new_trust["sha256"]:  # type: ignore[index]
        before = (f"{old_trust.get('file')}, sha256 {str(old_trust.get('sha256'))[:12]}"
                  if isinstance(old_trust, dict) else "unknown")
        said.append(f"another trust model ({before}; now {new_trust['file']}, "  # type: ignore[index]
                    f"sha256 {new_trust['sha256'][:12]})")  # type: ignore[index]
    old_models = old.get("models") if isinstance(old.get("models"), dict) else {}
    changed = [name for name in OTHER_MODELS if old_models.get(name) != new["models"][name]]  # type: ignore[union-attr,index]
    if changed:
        said.append(f"other model files ({', '.join(changed)} changed since)")
    if old.get("analyzer") != new["analyzer"]:
        said.append(f"analyzer {old.get('analyzer')} (now {new['analyzer']})")
    elif not isinstance(old_code := old.get("code"), dict):
        said.append("other analyzer code (the build that started it recorded no fingerprint of its code)")
    elif changed_code := [name for part, name in CODE_PARTS.items()
                          if old_code.get(part) != new["code"][part]]:  # type: ignore[index]
        said.append(f"other analyzer code ({' and '.join(changed_code)} changed since: an upgrade or an edit)")
    old_versions = old.get("dependencies")
    if not isinstance(old_versions, dict):
        if not said:
            said.append("other packages, maybe (the build that started it recorded no versions of the packages "
                        "it uses)")
    elif changed_versions := [f"{name} {old_versions.get(name, NOT_RECORDED)}, now {version}"
                              for name, version in new["dependencies"].items()  # type: ignore[union-attr]
                              if old_versions.get(name, NOT_RECORDED) != version]:
        said.append(f"other versions of the packages it uses ({'; '.join(changed_versions)})")
    return said


def check_settings(partial: Path, settings: dict[str, object], output: str | os.PathLike[str]) -> bool:
    """False when `partial` has no record to check against; raises SettingsMismatch when it differs."""
    try:
        recorded = json.loads(settings_path(partial).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        recorded = None
    if not isinstance(recorded, dict):
        raise SettingsMismatch(f"cannot resume {output}: the record of what it was scored with "
                               f"({settings_path(partial)}) is unreadable; rerun without --resume")
    said = _differences(recorded, settings)
    if said:
        raise SettingsMismatch(f"cannot resume {output}: it was scored with {' and '.join(said)}; "
                               "rerun without --resume (or with the settings it was started with)")
    return True


def _record_settings(partial: Path, settings: dict[str, object]) -> None:
    """Written atomically: a crash leaves the old record or the new one, never half of one."""
    target = settings_path(partial)
    temporary = target.with_name(target.name + ".tmp")
    try:
        temporary.write_text(json.dumps(settings, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise


def _remove(temporary: Path) -> None:
    """A temporary file of a write that failed (a full disk, a permission): nothing is left beside FILE."""
    with contextlib.suppress(OSError):
        temporary.unlink()


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
    # The partial file's line numbers (from 0) of each key, to drop the line of a changed text.
    lines: dict[int, list[int]] = field(default_factory=dict)
    # The ids of the lines left out as stale, marked by an earlier resume that stopped before it
    # dropped them: this run drops them, and says so as that resume would have.
    stale_ids: list[str] = field(default_factory=list)

    def add(self, ident: str, path: str | None, line: int = -1) -> None:
        if path and not os.path.isabs(path) and not os.path.lexists(path):
            self.loose.setdefault((Path(path).name, ident), Counter())[_tail(path)] += 1
        else:
            where = resolved(path)
            key = article_key(ident, where)
            self.keys[key] += 1
            self.lines.setdefault(key, []).append(line)
            if path and where:
                self.spellings.setdefault(where, path)

    def left(self) -> int:
        """How many recorded articles no input of this run took."""
        return sum(self.keys.values()) + sum(sum(tails.values()) for tails in self.loose.values())

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


def recover(partial: Path, stale: set[int] | None = None) -> tuple[Done, int]:
    """(the articles completely written in `partial`, their number), leaving out the lines numbered
    in `stale` (dropped when the run completes).

    Truncates `partial` after its last good line, so appending continues on a clean boundary.
    """
    done = Done()
    kept = 0
    offset = 0
    with partial.open("rb+") as handle:
        for number, raw in enumerate(handle):  # lines end at b"\n" only (a raw U+2028 in JSON is no break)
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                break
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                break
            path = record.get("path")
            if stale is None or number not in stale:
                done.add(record["id"], path if isinstance(path, str) else None, number)
                kept += 1
            else:
                done.stale_ids.append(record["id"])
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
    # Lines kept from a partial file with no record of its settings, or from a complete FILE.
    unchecked: bool = False
    # The digests of the texts already written (_recorded_digests), and where this run adds its own.
    digests: dict[int, str] = field(default_factory=dict)
    texts: IO[str] | None = None
    # Kept lines (their numbers) whose article's text changed since: dropped when the run completes.
    stale: list[int] = field(default_factory=list)
    # Their ids, with those of lines an earlier, stopped resume found stale (Done.stale_ids).
    changed: list[str] = field(default_factory=list)
    # Kept lines with no digest of their text to check: the texts file was deleted (by hand) or emptied.
    unrecorded: int = 0

    def skip(self, article: Article) -> bool:
        """True for an article already in the output (each recorded occurrence skips once). An
        article to score takes the spelling of its file's path that the kept lines use (`data/a.jsonl`
        resumed as `$PWD/data`), so that the output reads as one run's, not two. An article whose
        text is not the one its kept line was scored from is scored again, that line dropped."""
        if self.done.take(article.id, article.path):
            key = article_key(article.id, resolved(article.path))
            recorded = self.digests.get(key)
            lines = self.done.lines.get(key)
            if recorded is None or recorded == text_digest(article) or not lines:
                self.skipped += 1
                return True
            self.stale.append(lines.pop(0))
            self.changed.append(article.id)
            if self.texts is not None:
                self.texts.write(f"{STALE_MARK} {self.stale[-1]}\n")
        if self.done.spellings and article.path:
            article.path = self.done.spellings.get(resolved(article.path) or "", article.path)
        return False

    def written(self, article: Article) -> None:
        """Note the digest of an article's text before its line is written (a crash between the two
        leaves a digest of no line, which matches nothing)."""
        if self.texts is not None:
            self.texts.write(f"{article_key(article.id, resolved(article.path)):016x} {text_digest(article)}\n")


@contextlib.contextmanager
def resumable_jsonl(target: str | os.PathLike[str], *, resume: bool,
                    settings: dict[str, object] | None = None) -> Iterator[ResumableRun]:
    """Open the partial file for FILE (continued when `resume`), rename it onto FILE on success.

    With `settings` (run_settings), --resume raises SettingsMismatch, the partial file untouched,
    when the partial file was scored with others; they are recorded beside it for the next resume."""
    output = target
    target = replaced_path(target)
    partial = partial_path(target)
    lock, existed = _lock(partial, output)  # held until the partial file is renamed onto FILE
    try:
        run = _open_run(target, partial, output, resume=resume, settings=settings, existed=existed)
    except BaseException:
        _unlock(lock, partial, existed)
        raise
    try:
        yield from _completed(run, target, partial, settings)
    finally:
        if lock is not None:
            os.close(lock)


def _unlock(lock: int | None, partial: Path, existed: bool) -> None:
    """Give up the lock of a run refused before it began; a partial file it made for the lock goes."""
    if lock is None:
        return
    if not existed:
        with contextlib.suppress(OSError):
            if not partial.stat().st_size:
                partial.unlink()
    os.close(lock)


def _check_not_compared(target: Path, output: str | os.PathLike[str]) -> None:
    """SettingsMismatch when the complete FILE a resume would start from was written with --compare
    (a line with details["copy"]): the articles added would be judged alone beside compared ones, a
    garbled copy whose original is already in FILE not compared with it (review 27), as --compare
    --resume is refused. A --compare file with no such line (the comparison flagged nothing) is the
    file --no-compare writes, byte for byte: it is resumed as one, every article judged alone, and
    the CLI's warning for a file that recorded no settings says that the articles added are not
    compared (review 27, low: nothing tells the two files apart)."""
    from analyzer.compare import COPY_DETAIL

    marker = f'"{COPY_DETAIL}":'.encode()
    with target.open("rb") as handle:
        for raw in handle:
            if marker not in raw:
                continue
            with contextlib.suppress(ValueError, RecursionError):
                record = json.loads(raw)
                details = record.get("details") if isinstance(record, dict) else None
                if isinstance(details, dict) and COPY_DETAIL in details:
                    raise SettingsMismatch(
                        f"cannot resume {output}: it was written with --compare (the copies compared), and --resume "
                        "would add articles judged alone beside them; rerun with --compare, without --resume")


def _open_run(target: Path, partial: Path, output: str | os.PathLike[str], *, resume: bool,
              settings: dict[str, object] | None, existed: bool) -> ResumableRun:
    done = Done()
    kept = 0
    checked = True
    digests: dict[int, str] = {}
    stale: set[int] = set()
    if resume:
        if not existed and target.is_file():
            _check_not_compared(target, output)
            for record in (settings_path(partial), texts_path(partial)):
                with contextlib.suppress(FileNotFoundError):  # a record left by a crash after the rename
                    record.unlink()
            shutil.copyfile(target, partial)
        if partial.exists():
            if settings is not None and partial.stat().st_size:  # no line yet: nothing to mix
                checked = check_settings(partial, settings, output)
            digests, stale = _recorded_digests(partial)
            done, kept = recover(partial, stale)
    # Line-buffered: each article's line reaches the OS as soon as it is written, so a killed
    # process loses at most the line in progress.
    handle = open(partial, "a" if resume else "w", encoding="utf-8", newline="", buffering=1)  # noqa: SIM115
    texts = open(texts_path(partial), "a" if resume else "w", encoding="utf-8", buffering=1)  # noqa: SIM115
    # Kept lines with no digest cannot be checked; rescoring them would undo what --resume is for,
    # while the settings record still checks the models and the code: kept, with a warning. (A line
    # whose relative path does not resolve from here is matched later, by its input: not counted.)
    unrecorded = sum(n for key, n in done.keys.items() if key not in digests) if checked else 0
    return ResumableRun(handle, partial, kept, done, unchecked=bool(kept) and not checked, digests=digests,
                        texts=texts, stale=sorted(stale), changed=list(done.stale_ids), unrecorded=unrecorded)


def _completed(run: ResumableRun, target: Path, partial: Path,
               settings: dict[str, object] | None) -> Iterator[ResumableRun]:
    handle = run.handle
    try:
        if settings is not None:  # after the truncation: an old run's lines never get this run's record
            _record_settings(partial, settings)
        yield run
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        if run.stale:
            _write_without(partial, target, set(run.stale))
            partial.unlink()
        else:
            os.replace(partial, target)
        for record in (settings_path(partial), texts_path(partial)):
            with contextlib.suppress(FileNotFoundError):
                record.unlink()
    except BaseException:
        with contextlib.suppress(OSError):
            handle.close()
        raise
    finally:
        if run.texts is not None:
            with contextlib.suppress(OSError):
                run.texts.close()


def _write_without(partial: Path, target: Path, numbers: set[int]) -> None:
    """The partial file without the lines of these numbers (kept lines of texts changed since),
    written onto FILE atomically; the partial file is left whole, so that a crash before it is
    removed leaves what a resume reads as before (its texts file numbers those lines)."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        with partial.open("rb") as source, temporary.open("wb") as kept:
            for number, raw in enumerate(source):
                if number not in numbers:
                    kept.write(raw)
            kept.flush()
            os.fsync(kept.fileno())
        os.replace(temporary, target)
    except BaseException:  # the partial file and its records stay whole: a later --resume completes the run
        _remove(temporary)
        raise
