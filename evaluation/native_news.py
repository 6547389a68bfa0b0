"""Native English news of ../shared/data that no model was trained on, as whole article texts."""

from __future__ import annotations

import csv
from pathlib import Path

POLNEAR = Path("attribution") / "polnear_dev_paragraphs.tsv"


def polnear_articles(data: Path) -> list[str]:
    """The PolNeAR dev articles, their paragraphs joined back in order (by file name)."""
    paragraphs: dict[str, list[tuple[int, str]]] = {}
    with (data / POLNEAR).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            paragraphs.setdefault(row["filename"], []).append((int(row["para_idx"]), row["text"]))
    return ["\n\n".join(text for _, text in sorted(paras)) for _, paras in sorted(paragraphs.items())]
