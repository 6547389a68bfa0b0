"""Which curated lexicon rows fire on clean English: the precision check for hand-written rows.

The MT calques and foreign acronyms (`translation_artifacts.tsv`), the article-before-name rows
(`mt_articleless_names.tsv`) and the known spun phrases (`spin_known_phrases.tsv`) are matched
on native and human-translated English of ../shared/data that nobody garbled: every match there
is a false flag. Prints, per corpus, its size and the rows that matched with their counts; a row
that never appears fired 0 times on all of it.

    python evaluation/eval_lexicon_rows.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

from native_news import BASIL, NEWSPAPER3K, basil_articles, jsonl_texts, polnear_articles  # noqa: E402

from analyzer import mt, spin_known  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MT_ROW_KINDS = ("mt_calque", "foreign_acronym", "article_name")


def _tsv(path: Path, **where: str) -> Iterator[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if all(row.get(k) == v for k, v in where.items()):
                yield row["text"]


def clean_corpora(data: Path) -> dict[str, list[str]]:
    """Name (with its file) -> texts: native news, scraped pages and human translations."""
    return {
        "news/bbc_dev.jsonl": jsonl_texts(data / "news" / "bbc_dev.jsonl"),
        str(BASIL): basil_articles(data),
        "boilerplate/newspaper3k_pages.jsonl (bodies and pages)":
            jsonl_texts(data / NEWSPAPER3K),
        "attribution/polnear_dev_paragraphs.tsv (articles)": polnear_articles(data),
        "boilerplate/trafilatura_page_lines_en.tsv (lines)":
            list(_tsv(data / "boilerplate" / "trafilatura_page_lines_en.tsv")),
        "mt/ human translations (wmt_dev_segments.tsv, wmt_dev_docs.jsonl)":
            list(_tsv(data / "mt" / "wmt_dev_segments.tsv", label="human_translation"))
            + jsonl_texts(data / "mt" / "wmt_dev_docs.jsonl", label="human_translation"),
    }


def fired_rows(texts: list[str]) -> Counter[str]:
    """'lexicon: flagged text' -> flags in `texts`, as the detectors give them (mt.find_mt and
    spin_known.known_evidence: overlaps resolved, a row's `span` group narrowing its flag)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for ev in mt.find_mt(text):
            if ev.kind in MT_ROW_KINDS:
                counts[f"{ev.kind}: {ev.text}"] += 1
        for ev in spin_known.known_evidence(text):
            counts[f"known spun phrase: {ev.text!r} -> {ev.suggestion}"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    total_words = total_hits = 0
    for name, texts in clean_corpora(args.data).items():
        words = sum(len(t.split()) for t in texts)
        counts = fired_rows(texts)
        total_words += words
        total_hits += sum(counts.values())
        print(f"{name}: {len(texts)} texts, {words:,} words, {sum(counts.values())} matches of curated rows")
        for row, n in counts.most_common():
            print(f"  {n:4d}  {row}")
    print(f"all clean English: {total_words:,} words, {total_hits} matches "
          f"({1000 * total_hits / max(1, total_words):.3f} per 1,000 words); done in "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
