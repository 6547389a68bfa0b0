"""Lexicons shipped as TSV data files.

Each file starts with `#` comment lines naming its provenance, then a header row, then one
entry per line. Loading is cached: every lexicon is read once per process.
"""

from __future__ import annotations

import csv
import math
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@cache
def load(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `analyzer/lexicons/<name>.tsv` as dicts keyed by the header."""
    raw = resources.files(__name__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "") for k, v in row.items()} for row in reader)


@cache
def terms(name: str, column: str = "term") -> frozenset[str]:
    """One column of a lexicon as a set (lower-cased)."""
    return frozenset(row[column].lower() for row in load(name))


def data_lines(name: str) -> list[str]:
    """Data lines of a large lexicon (comments and header dropped), read without per-row dicts."""
    raw = resources.files(__name__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [line for line in raw.split("\n") if line and not line.startswith("#")]
    return lines[1:]


@cache
def bigrams() -> dict[str, float]:
    """'first second' -> log10 Google Books count (spin_bigrams.tsv), one shared copy per process.

    Used by the spinning detector, the MT style features and the story flagger.
    """
    table: dict[str, float] = {}
    for line in data_lines("spin_bigrams"):
        pair, _, count = line.partition("\t")
        table[pair] = float(count)
    return table


@cache
def _word_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # loaded once, on first use

    return get_frequency_dict("en")


# Distinct words whose Zipf frequency stays cached: a scraped corpus has an open vocabulary, and an
# unbounded cache would grow with it (bbc_dev.jsonl has about 30,000 distinct words).
ZIPF_CACHE_WORDS = 1 << 17


@lru_cache(maxsize=ZIPF_CACHE_WORDS)
def zipf(word: str) -> float:
    """wordfreq Zipf frequency of a lower-case word, unrounded; 0 when unknown.

    Shared by the spinning detector and the MT style features (one cache for both).
    """
    freq = _word_frequencies().get(word, 0.0)
    return math.log10(freq) + 9.0 if freq > 0 else 0.0


@cache
def vectors(name: str) -> tuple[tuple[str, ...], np.ndarray]:
    """(words, unit vectors as float32 rows) of `<name>.tsv` + `<name>.npy`.

    The .npy holds int8 numbers only and is read with allow_pickle=False, so a tampered file
    cannot run code; rows are re-normalised to unit length here.
    """
    import io

    import numpy as np

    words = tuple(data_lines(name))
    raw = resources.files(__name__).joinpath(f"{name}.npy").read_bytes()
    matrix = np.load(io.BytesIO(raw), allow_pickle=False)
    if matrix.ndim != 2 or matrix.dtype != np.int8 or matrix.shape[0] != len(words):
        raise ValueError(f"{name}.npy must be an int8 matrix with one row per word of {name}.tsv")
    out = matrix.astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    out /= np.where(norms > 0, norms, 1.0)
    return words, out
