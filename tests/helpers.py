"""Helpers shared by the tests."""

from __future__ import annotations

import errno
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_script(relative: str) -> ModuleType:
    """A repository script (evaluation/, scripts/) imported as a module, once per session."""
    path = ROOT / relative
    if path.stem in sys.modules:
        return sys.modules[path.stem]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def count_scored(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the id of every article the pipeline scores from now on."""
    from analyzer import pipeline

    scored: list[str] = []
    original = pipeline._finish  # every scored article ends there once (score_article, score_items)

    def counting(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        scored.append(article.id)
        return original(article, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_finish", counting)
    return scored


def lock_folder(monkeypatch: pytest.MonkeyPatch, folder: Path, unreadable: tuple[Path, ...] = ()) -> None:
    """Make the file system answer as it does for a user who may not enter `folder` (stat, lstat
    and access of anything inside it fail with EACCES; listing it too) and may not read the files
    `unreadable`. chmod does not stop root, and CI runs as root."""
    real_stat, real_lstat, real_access, real_scandir = os.stat, os.lstat, os.access, os.scandir
    real_open = Path.open

    def inside(path: object, follow: bool) -> bool:
        if not isinstance(path, str | os.PathLike):
            return False  # a file descriptor
        full = Path(os.path.realpath(path) if follow else os.path.abspath(path))
        return full != folder and full.is_relative_to(folder)

    def denied(path: object) -> PermissionError:
        return PermissionError(errno.EACCES, "Permission denied", os.fspath(path))  # type: ignore[arg-type]

    def stat(path, *args, follow_symlinks: bool = True, **kwargs):  # type: ignore[no-untyped-def]
        if inside(path, follow_symlinks):
            raise denied(path)
        return real_stat(path, *args, follow_symlinks=follow_symlinks, **kwargs)

    def lstat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if inside(path, False):
            raise denied(path)
        return real_lstat(path, *args, **kwargs)

    def access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if inside(path, True) or Path(os.path.realpath(path)) in {folder, *unreadable}:
            return False
        return real_access(path, mode, *args, **kwargs)

    def scandir(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(os.path.realpath(path)) == folder or inside(path, True):
            raise denied(path)
        return real_scandir(path, *args, **kwargs)

    def open_(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(os.path.realpath(self)) in unreadable:
            raise denied(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "lstat", lstat)
    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", open_)


# The AFP seed spun lightly (analyzer.spinner, rate 0.03, seed 1): `score` labels the copy clean with
# trust 0.96 (the translation signal misses it) and `flag` finds it a spun copy of the original.
SPUN_SEED = "004_5cf1ccbb3be23d88.txt"


def spun_pair(folder: Path, seeds: Path) -> Path:
    """A JSON Lines file of the AFP seed ("orig", source Wire) and its spun copy ("copy", source Blog)."""
    import json

    from analyzer.spinner import spin

    text = (seeds / SPUN_SEED).read_text(encoding="utf-8")
    path = folder / "pair.jsonl"
    rows = [{"id": "orig", "source": "Wire", "text": text},
            {"id": "copy", "source": "Blog", "text": spin(text, rate=0.03, seed=1).text}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def held_why(row: dict) -> str:
    """A one-article source's `why` without its last reason, the shrinkage in words
    (analyzer.trust.ranking._shrinkage), which must say that one article says little."""
    head, _, shrinkage = str(row["why"]).rpartition(", mean ")
    assert shrinkage.endswith("one article says little (wide interval)"), row["why"]
    return head
