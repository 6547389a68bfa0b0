"""Lexicons shipped as TSV data files.

Each file starts with `#` comment lines naming its provenance, then a header row, then one
entry per line. Loading is cached: every lexicon is read once per process.
"""

from __future__ import annotations

import csv
import math
from functools import cache
from importlib import resources


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


@cache
def zipf(word: str) -> float:
    """wordfreq Zipf frequency of a lower-case word, unrounded; 0 when unknown.

    Shared by the spinning detector and the MT style features (one cache for both).
    """
    freq = _word_frequencies().get(word, 0.0)
    return math.log10(freq) + 9.0 if freq > 0 else 0.0
