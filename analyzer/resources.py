"""Locate files shipped with the package (models), installed or run from a checkout."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# In a checkout the models live in the top-level models/ folder; an install maps that folder to
# the package analyzer.models (see pyproject.toml).
_CHECKOUT_MODELS = Path(__file__).resolve().parent.parent / "models"


def model_path(name: str) -> Path:
    """Path of a shipped model file such as 'trust.json'."""
    try:
        candidate = resources.files("analyzer.models").joinpath(name)
        if candidate.is_file():
            return Path(str(candidate))
    except ModuleNotFoundError:
        pass
    return _CHECKOUT_MODELS / name


# No shipped model is near this size (the largest, translation.json, is ~20 kB); a bigger file
# is not a model of ours and is refused before it is parsed.
MAX_MODEL_BYTES = 5_000_000


class ModelError(ValueError):
    """A model file is unreadable or malformed; the message is one line naming the file."""


def load_json_model(path: str | Path, what: str, parse: Callable[[Any], T]) -> T:
    """Read a plain-JSON model file and validate it with `parse` (never pickle: no code runs)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_MODEL_BYTES:
            raise ModelError(f"the {what} {p} is {size:,} bytes, too large for a model file")
        data = json.loads(p.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ModelError(f"cannot read the {what} {p}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ModelError(f"the {what} {p} is not valid JSON: {exc}") from None
    except ValueError as exc:  # an integer past Python's digit limit for str -> int
        raise ModelError(f"the {what} {p} holds an unreadable number: {exc}") from None
    try:
        return parse(data)
    except ModelError as exc:
        raise ModelError(f"{p}: {exc}") from None
    except OverflowError:  # JSON allows integers of any size; a model's numbers are floats
        raise ModelError(f"{p}: a number is too large for a {what}") from None


def finite_number(value: Any, what: str) -> float:
    """A model file's number as a float: a JSON number (not a bool) that is finite; else
    ModelError with `what` in the message."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ModelError(f"{what} must be a finite number")
    return float(value)
