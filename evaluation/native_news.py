"""Native English news of ../shared/data that no model was trained on, as whole article texts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

POLNEAR = Path("attribution") / "polnear_dev_paragraphs.tsv"
BASIL = Path("news") / "basil_triplets.jsonl"
NEWSPAPER3K = Path("boilerplate") / "newspaper3k_pages.jsonl"


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


def jsonl_texts(path: Path, **where: str) -> list[str]:
    """The `text` of each row of a JSONL file whose fields equal `where`."""
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r["text"] for r in rows if all(r.get(k) == v for k, v in where.items())]


def basil_articles(data: Path) -> list[str]:
    """The 300 BASIL articles (NYT, Fox News, HuffPost on the same 100 events)."""
    return jsonl_texts(data / BASIL)


def newspaper3k_bodies(data: Path) -> list[str]:
    """The article bodies newspaper3k's tests expect from its news pages (variant extracted_body)."""
    return jsonl_texts(data / NEWSPAPER3K, variant="extracted_body")


def newspaper3k_pages(data: Path) -> list[str]:
    """The whole visible text of newspaper3k's test pages (variant raw_page_text): menus, teasers,
    widgets and comments around the body."""
    return jsonl_texts(data / NEWSPAPER3K, variant="raw_page_text")
