"""Locate files shipped with the package (models), installed or run from a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

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
