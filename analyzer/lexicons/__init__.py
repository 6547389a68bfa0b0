"""Lexicons shipped as TSV data files.

Each file starts with `#` comment lines naming its provenance, then a header row, then one
entry per line. Loading is cached: every lexicon is read once per process.
"""

from __future__ import annotations

import csv
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
