"""Helpers shared by the tests."""

from __future__ import annotations

import importlib.util
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
