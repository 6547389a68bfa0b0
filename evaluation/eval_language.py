"""Evaluation of the language signal (analyzer/signals/language.py) on data available offline.

Three measurements, each printed with its data set:

1. English articles: ../shared/data/news/bbc_dev.jsonl (1,625 BBC articles) and basil_triplets.jsonl
   (300 NYT / Fox News / HuffPost articles). Article-language accuracy (all are English) and the
   number of paragraphs wrongly flagged as foreign (every flag is a false positive here).
2. Real foreign lines: the only non-English text in ../shared/data is a handful of lines listed in
   evaluation/language_foreign_lines.tsv by reference (file, record id, line index, language; the
   texts stay in ../shared): Spanish headlines of Fox News Latino and a Czech tweet in the
   newspaper3k pages, plus the French promo footer of seeds/000. Each line is inserted as a
   paragraph into every Nth English BBC article (synthetic mixed articles); foreign-paragraph
   precision and recall are measured over those articles. LIMIT: 6 distinct foreign lines in 3
   languages (es, cs, fr), so recall is a rough figure; no real non-English article exists
   offline, so article-language accuracy is measured on English articles only.
3. The gate: how often langdetect actually runs (the cheap stop-word test passes most English
   paragraphs): share of paragraphs and of articles that reach langdetect on bbc_dev.jsonl.
4. Chinese (Simplified and Traditional), Japanese and Korean: no such text exists in ../shared/data,
   so pseudo-paragraphs of frequent words are drawn (seeded, by frequency) from the word lists of
   the wordfreq package (zh, ja, ko; Traditional Chinese by wordfreq's own traditional-to-simplified
   character table read backwards). Article-language accuracy of each paragraph alone, and the share
   inserted into an English BBC article that is flagged foreign with the right language. LIMIT:
   word salad, not prose; it measures telling the scripts apart, not fluent text. Skipped without
   wordfreq.

Run: python evaluation/eval_language.py [--every N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import random
import sys
import time
from pathlib import Path

import analyzer.signals.language as language
from analyzer.article import Article
from analyzer.signals.base import RunContext

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
GOLD = ROOT / "evaluation" / "language_foreign_lines.tsv"
ENGLISH_SETS = ("news/bbc_dev.jsonl", "news/basil_triplets.jsonl")
# Insert the foreign lines into every EVERY-th BBC article (a lean run; 1 = all 1,625).
EVERY = 5
# CJK pseudo-paragraphs per language variant, each of at least CJK_CHARS characters (a BBC lead is
# about 130 characters; 40 is a short paragraph, above language.MIN_UNSPACED_CHARS), drawn from the
# CJK_VOCABULARY most frequent words of wordfreq's list, with this seed.
CJK_PARAGRAPHS = 200
CJK_CHARS = 40
CJK_VOCABULARY = 5000
CJK_SEED = 7


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def foreign_lines(data: Path = DATA) -> list[tuple[str, str]]:
    """(text, language) of the referenced foreign lines, read from ../shared and the seeds."""
    out = []
    cache: dict[str, dict[str, str]] = {}
    with GOLD.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader((ln for ln in handle if not ln.startswith("#")), delimiter="\t")]
    for row in rows:
        if row["file"].startswith("seeds/"):
            text = (ROOT / row["file"]).read_text(encoding="utf-8")
        else:
            if row["file"] not in cache:
                cache[row["file"]] = {r["id"]: r["text"] for r in _jsonl(data / row["file"])}
            text = cache[row["file"]][row["id"]]
        out.append((text.split("\n")[int(row["line"])].strip(), row["lang"]))
    return out


def english_articles(data: Path = DATA) -> dict[str, tuple[float, int, int]]:
    """Per data set: (article-language accuracy, paragraphs flagged foreign, articles)."""
    out = {}
    for name in ENGLISH_SETS:
        rows = _jsonl(data / name)
        correct = flagged = 0
        for r in rows:
            result = language.language_signal(Article(id=str(r["id"]), text=r["text"]), RunContext())
            correct += result.fields["language"] == "en"
            flagged += len(result.evidence)
        out[name] = (correct / len(rows), flagged, len(rows))
    return out


def mixed_articles(data: Path = DATA, every: int = EVERY) -> dict[str, float | int]:
    """Foreign-paragraph precision / recall and article-language accuracy on BBC articles with one
    foreign line inserted as a middle paragraph."""
    rows = _jsonl(data / ENGLISH_SETS[0])[::every]
    tp = fp = fn = correct = n = 0
    for text_foreign, _lang in foreign_lines(data):
        for r in rows:
            paragraphs = r["text"].split("\n")
            mid = len(paragraphs) // 2
            text = "\n".join([*paragraphs[:mid], text_foreign, *paragraphs[mid:]])
            start = len("\n".join(paragraphs[:mid])) + (1 if mid else 0)
            result = language.language_signal(Article(id=str(r["id"]), text=text), RunContext())
            hit = any(ev.start == start for ev in result.evidence)
            tp += hit
            fn += not hit
            fp += sum(ev.start != start for ev in result.evidence)
            correct += result.fields["language"] == "en"
            n += 1
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "article_accuracy": correct / n if n else 0.0,
        "articles": n,
    }


def gate_rate(data: Path = DATA) -> dict[str, float | int]:
    """Share of paragraphs (lines) and of articles for which langdetect runs on bbc_dev.jsonl."""
    calls = 0
    real = language.detect

    def counting(text: str) -> tuple[str, float]:
        nonlocal calls
        calls += 1
        return real(text)

    language.detect = counting  # type: ignore[assignment]
    articles_with_call = lines = 0
    try:
        rows = _jsonl(data / ENGLISH_SETS[0])
        for r in rows:
            before = calls
            article = Article(id=str(r["id"]), text=r["text"])
            lines += len(article.lines)
            language.language_signal(article, RunContext())
            articles_with_call += calls > before
    finally:
        language.detect = real  # type: ignore[assignment]
    return {"calls": calls, "lines": lines, "line_rate": calls / lines if lines else 0.0,
            "article_rate": articles_with_call / len(rows), "articles": len(rows)}


def _traditional() -> dict[str, str]:
    """Simplified -> Traditional characters: wordfreq's traditional-to-simplified table read backwards
    (of several traditional forms, the lowest code point)."""
    from wordfreq.util import data_path

    with gzip.open(data_path("_chinese_mapping.msgpack.gz")) as handle:
        import msgpack

        table = msgpack.load(handle, raw=False, strict_map_key=False)
    out: dict[str, str] = {}
    for trad, simp in sorted(table.items()):
        if len(simp) == 1 and simp != chr(trad):
            out.setdefault(simp, chr(trad))
    return out


def cjk_paragraphs(n: int = CJK_PARAGRAPHS) -> dict[str, tuple[str, list[str]]]:
    """{variant: (language code, pseudo-paragraphs)} for zh-Hans, zh-Hant, ja and ko."""
    import wordfreq

    rnd = random.Random(CJK_SEED)
    out: dict[str, tuple[str, list[str]]] = {}
    to_traditional = _traditional()
    for variant, lang in (("zh-Hans", "zh"), ("zh-Hant", "zh"), ("ja", "ja"), ("ko", "ko")):
        # The frequency table itself: word_frequency() would need jieba / MeCab to tokenize its query.
        table = wordfreq.get_frequency_dict(lang, wordlist="best")
        common = sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))[:CJK_VOCABULARY]
        words, weights = [w for w, _ in common], [f for _, f in common]
        joiner, stop = (" ", ".") if lang == "ko" else ("", "。")
        paragraphs = []
        for _ in range(n):
            picked: list[str] = []
            while len(joiner.join(picked)) < CJK_CHARS:
                picked += rnd.choices(words, weights, k=4)
            text = joiner.join(picked) + stop
            if variant == "zh-Hant":
                text = "".join(to_traditional.get(c, c) for c in text)
            paragraphs.append(text)
        out[variant] = (lang, paragraphs)
    return out


def cjk_report(data: Path = DATA, every: int = EVERY) -> dict[str, dict[str, float]]:
    """Per variant: article-language accuracy of each paragraph alone, and the share of the
    paragraphs inserted into an English BBC article flagged foreign with the right language."""
    hosts = _jsonl(data / ENGLISH_SETS[0])[::every]
    out = {}
    for variant, (lang, paragraphs) in cjk_paragraphs().items():
        alone = sum(language.language_signal(Article(id="p", text=p), RunContext()).fields["language"] == lang
                    for p in paragraphs)
        found = 0
        for i, paragraph in enumerate(paragraphs):
            host = hosts[i % len(hosts)]["text"].split("\n")
            mid = len(host) // 2
            head = "\n".join(host[:mid])
            start = len(head) + (1 if mid else 0)
            text = "\n".join([*host[:mid], paragraph, *host[mid:]])
            result = language.language_signal(Article(id="m", text=text), RunContext())
            found += any(ev.start == start and f"({lang})" in ev.reason for ev in result.evidence)
        out[variant] = {"alone": alone / len(paragraphs), "inserted": found / len(paragraphs), "n": len(paragraphs)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--every", type=int, default=EVERY)
    args = parser.parse_args(argv)
    if not (args.data / ENGLISH_SETS[0]).is_file():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    for name, (accuracy, flagged, n) in english_articles(args.data).items():
        print(f"{name} ({n} English articles): article-language accuracy {accuracy:.3f}; "
              f"paragraphs wrongly flagged foreign: {flagged}")
    foreign = foreign_lines(args.data)
    mixed = mixed_articles(args.data, args.every)
    langs = ",".join(sorted({lang for _, lang in foreign}))
    print(f"bbc_dev.jsonl every {args.every}th article + one of {len(foreign)} real foreign lines ({langs}; "
          f"{GOLD.name}) = {mixed['articles']} mixed articles: foreign-paragraph "
          f"P={mixed['precision']:.3f} R={mixed['recall']:.3f}; article-language accuracy "
          f"{mixed['article_accuracy']:.3f}")
    gate = gate_rate(args.data)
    print(f"bbc_dev.jsonl gate: langdetect ran on {gate['calls']} of {gate['lines']} lines "
          f"({gate['line_rate']:.4f}) and in {gate['article_rate']:.3f} of {gate['articles']} articles")
    if importlib.util.find_spec("wordfreq") is None:
        print("CJK: skipped (no wordfreq)")
    else:
        for variant, r in cjk_report(args.data, args.every).items():
            print(f"CJK {variant}: {int(r['n'])} wordfreq pseudo-paragraphs: article language right "
                  f"{r['alone']:.3f} alone; flagged foreign with the right language {r['inserted']:.3f} "
                  f"inside a bbc_dev.jsonl article")
    print(f"time: {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
