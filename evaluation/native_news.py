"""Native English news of ../shared/data that no model was trained on, as whole article texts."""

from __future__ import annotations

import csv
from pathlib import Path

POLNEAR = Path("attribution") / "polnear_dev_paragraphs.tsv"


def polnear_paragraphs(data: Path) -> dict[str, list[dict[str, str]]]:
    """The PolNeAR dev paragraph rows (text, label, publisher, frac_chars_in_attribution, ...) of
    each article, in order, by file name."""
    docs: dict[str, list[dict[str, str]]] = {}
    with (data / POLNEAR).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            docs.setdefault(row["filename"], []).append(row)
    for paras in docs.values():
        paras.sort(key=lambda r: int(r["para_idx"]))
    return dict(sorted(docs.items()))


def polnear_articles(data: Path) -> list[str]:
    """The PolNeAR dev articles, their paragraphs joined back in order (by file name)."""
    return ["\n\n".join(r["text"] for r in paras) for paras in polnear_paragraphs(data).values()]
