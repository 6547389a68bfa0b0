"""Model file loading: every defect of a file is a ModelError naming it, never another exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer import spin_model
from analyzer.resources import ModelError, model_path
from analyzer.signals import boilerplate_model, translation
from analyzer.trust import model as trust_model

LOADERS = {
    "spin_detector.json": spin_model.load_model,
    "translation.json": translation.load_model,
    "boilerplate.json": boilerplate_model.load_model,
    "trust.json": trust_model.load_model,
}


def _with_huge_number(text: str) -> str:
    """The shipped file with its first number after '"intercept": ' (or the first digit run)
    replaced by an integer far beyond a float's range (valid JSON)."""
    at = text.index('"intercept": ') + len('"intercept": ') if '"intercept": ' in text else None
    if at is None:
        at = next(i for i, c in enumerate(text) if c.isdigit())
    end = at
    while end < len(text) and (text[end].isdigit() or text[end] in "-.eE+"):
        end += 1
    return text[:at] + "1" + "0" * 400 + text[end:]


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_number_beyond_float_range_is_a_model_error(name: str, tmp_path: Path) -> None:
    bad = tmp_path / name
    bad.write_text(_with_huge_number(model_path(name).read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ModelError, match=name):
        LOADERS[name](bad)


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_integer_past_the_digit_limit_is_a_model_error(name: str, tmp_path: Path) -> None:
    bad = tmp_path / name
    bad.write_text(json.dumps({"format": 1}).replace("1", "1" * 5000), encoding="utf-8")
    with pytest.raises(ModelError, match=name):
        LOADERS[name](bad)
