"""Trust: a small classifier turns an article's signals into `scores.trust`; sources are ranked.

- `default_model().score(article)`: trust in [0, 1] from the shipped models/trust.json.
- `load_model(path)`: a validated model file (ModelError on anything malformed).
- `rank_sources(articles, flags)`: the trust table, shrunk toward a prior, with intervals; the
  copies `flag` flagged are held at 0.029 or below (trust.model.GARBLED_COPY_TRUST: 1 - flag's precision),
  a machine translation beside its original at (1 - its flag's probability) x its own trust
  (trust.model.GRADED_HOLD_LABEL, graded_hold).
- `train_from_labels(labels, output)`: retrain on a newsroom's own labelled articles;
  `train_from_rows(rows)` on rows held in memory (dicts, a DataFrame).
"""

from __future__ import annotations

import os
from functools import cache

from analyzer.trust.model import ModelError, TrustModel, held_low, held_low_evidence, load_model, too_little_prose
from analyzer.trust.ranking import rank_sources
from analyzer.trust.training import TrainingError, TrainResult, train_from_labels, train_from_rows

MODEL_FILE = "trust.json"


@cache
def default_model() -> TrustModel:
    """The shipped model (models/trust.json), validated once per process."""
    from analyzer.resources import model_path

    return load_model(model_path(MODEL_FILE))


def resolve_model(model: TrustModel | str | os.PathLike[str] | None) -> TrustModel:
    """A model object, a model file path, or None for the shipped model."""
    if model is None:
        return default_model()
    if isinstance(model, TrustModel):
        return model
    if not isinstance(model, str | os.PathLike):
        # A model file's JSON loaded as a dict had raised pathlib's "expected str, bytes or os.PathLike
        # object, not dict" (bug hunt 31b, A4).
        hint = " (give the file's path, or analyzer.trust.model.from_dict(data))" if isinstance(model, dict) else ""
        raise TypeError(f"model is a TrustModel, a model file's path or None, not {type(model).__name__}{hint}")
    return load_model(model)


__all__ = [
    "ModelError", "TrainResult", "TrainingError", "TrustModel", "default_model", "held_low", "load_model",
    "held_low_evidence", "rank_sources", "resolve_model", "too_little_prose", "train_from_labels",
    "train_from_rows",
]
