"""Line-level evaluation of the boilerplate signal against jusText on the same plain-text lines.

Data sets (../shared/data/boilerplate, see its README):
- newspaper3k_pages.jsonl: the whole visible text of a news page (variant raw_page_text) and the
  body the newspaper3k tests expect (variant extracted_body), linked by `cluster`. A page line is
  gold content when it is a line of the expected body, or a piece of it (pages split paragraphs at
  inline tags): a substring of the body of at least MIN_SUBSTRING_CHARS, or a shorter substring
  next to such a line. Lines equal to the page's title are left out of the scoring: newspaper3k
  keeps the title in a separate field, so its bodies never contain it, while our signal keeps
  headlines as content on purpose.
- trafilatura_page_lines_en.tsv: every visible line of 163 English pages, labelled main /
  boilerplate where one of trafilatura's test snippets falls in it; other lines are not scored.

Each page is fed to the signal as one Article (text = its lines joined by newlines; source = the
outlet), all pages of a data set in one run so that lines repeated across pages of one outlet
count, exactly as `analyzer score` would do on a folder. jusText gets the same lines, one <p> each,
with its English stop list and default settings.

The signal's learned line classifier (models/boilerplate.json) was trained on these same pages
by scripts/train_boilerplate.py, so its figures here are in-sample. The honest figures are the
grouped cross-validation ones: each page is labelled by a model trained without any page of its
outlet (GroupKFold by outlet), with the shipped threshold. Also printed: the rules alone (no
model) and cross-set transfer (trained on one data set, tested on the other).

Prints precision, recall and F1 of the content class per data set, for analyzer and jusText.
Run: python evaluation/eval_boilerplate.py [--errors N] [--no-cv]
"""

from __future__ import annotations

import argparse
import csv
import html
import importlib.util
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "boilerplate"
# A page line this long that occurs inside the expected body is a piece of the body; shorter
# pieces ("Apple", "here") only count next to a long one (they could occur anywhere by chance).
MIN_SUBSTRING_CHARS = 20


@dataclass
class Page:
    dataset: str
    id: str
    source: str
    title: str | None
    lines: list[str]
    gold: list[bool | None]  # True content, False boilerplate, None not scored


def _norm(line: str) -> str:
    return " ".join(line.split())


def load_newspaper3k(path: Path) -> list[Page]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    bodies = {r["cluster"]: r for r in rows if r["variant"] == "extracted_body"}
    pages = []
    for row in rows:
        if row["variant"] != "raw_page_text" or row["cluster"] not in bodies:
            continue
        body = bodies[row["cluster"]]["text"]
        body_norm = _norm(body)
        body_lines = {_norm(x) for x in body.split("\n") if x.strip()}
        lines = [_norm(x) for x in row["text"].split("\n") if x.strip()]
        strong = [line in body_lines or (len(line) >= MIN_SUBSTRING_CHARS and line in body_norm) for line in lines]
        gold: list[bool | None] = []
        for i, line in enumerate(lines):
            if strong[i]:
                gold.append(True)
            elif line in body_norm and (
                (i > 0 and strong[i - 1]) or (i + 1 < len(lines) and strong[i + 1])
            ):
                gold.append(True)
            else:
                gold.append(False)
        title = _norm(row.get("title") or "")
        if title:
            untitled = title not in body_norm
            gold = [None if line == title and untitled else g for line, g in zip(lines, gold, strict=True)]
        pages.append(Page("newspaper3k_pages", row["id"], row["source"], title or None, lines, gold))
    return pages


def load_trafilatura(path: Path, segments: Path) -> list[Page]:
    domains: dict[str, str] = {}
    with segments.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            domains[row["file"]] = urlparse(row["url"]).netloc.removeprefix("www.") or row["file"]
    by_file: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            by_file[row["file"]].append((row["text"], row["label"]))
    pages = []
    for name, items in by_file.items():
        lines, gold = [], []
        for text, label in items:
            if not text.strip():
                continue
            lines.append(_norm(text))
            gold.append(True if label == "main" else False if label == "boilerplate" else None)
        pages.append(Page("trafilatura_page_lines_en", name, domains.get(name, name), None, lines, gold))
    return pages


def _train_module():
    path = ROOT / "scripts" / "train_boilerplate.py"
    spec = importlib.util.spec_from_file_location("train_boilerplate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def cross_validated(data: Path = DATA) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Grouped-CV figures per data set at the shipped model's threshold, and cross-set transfer."""
    from analyzer.signals.boilerplate import default_model

    train = _train_module()
    model = default_model()
    threshold = model.threshold if model is not None else 0.5
    prepared = train.prepare_all(data)
    cv = train.cross_validate(prepared, thresholds=(threshold,))
    return {name: by_t[threshold] for name, by_t in cv.items()}, train.transfer(prepared, threshold)


def analyzer_labels(pages: list[Page], use_model: bool = True) -> list[list[bool]]:
    """Content flag per line from the language + boilerplate signals, one run per data set;
    `use_model=False`: the rules alone (the learned line classifier switched off)."""
    from analyzer.article import Article
    from analyzer.pipeline import prepare_context
    from analyzer.signals import boilerplate
    from analyzer.signals.boilerplate import boilerplate_signal
    from analyzer.signals.language import language_signal

    if not use_model:
        saved = boilerplate.default_model
        boilerplate.default_model = lambda: None  # type: ignore[assignment]
        try:
            return analyzer_labels(pages)
        finally:
            boilerplate.default_model = saved

    articles = [
        Article(id=p.id, text="\n".join(p.lines), source=p.source, title=p.title) for p in pages
    ]
    context = prepare_context(articles)
    out = []
    for article in articles:
        for signal in (language_signal, boilerplate_signal):
            result = signal(article, context)
            article.evidence.extend(result.evidence)
            for key, value in result.fields.items():
                setattr(article, key, value)
        ranges = article.content_ranges or []
        starts = {start for start, _ in ranges}
        out.append([line.start in starts for line in article.lines])
    return out


def justext_labels(pages: list[Page]) -> list[list[bool]]:
    import justext

    stoplist = justext.get_stoplist("English")
    out = []
    for page in pages:
        doc = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in page.lines) + "</body></html>"
        paragraphs = justext.justext(doc.encode("utf-8"), stoplist, encoding="utf-8")
        by_text: dict[str, list[bool]] = defaultdict(list)
        for par in paragraphs:
            by_text[_norm(par.text)].append(not par.is_boilerplate)
        labels = []
        for line in page.lines:
            queue = by_text.get(_norm(line))
            labels.append(queue.pop(0) if queue else False)
        out.append(labels)
    return out


def prf(pages: list[Page], predicted: list[list[bool]]) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for page, pred in zip(pages, predicted, strict=True):
        for gold, guess in zip(page.gold, pred, strict=True):
            if gold is None:
                continue
            if guess and gold:
                tp += 1
            elif guess:
                fp += 1
            elif gold:
                fn += 1
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "lines": tp + fp + fn + tn}


def datasets(data: Path = DATA) -> dict[str, list[Page]]:
    return {
        "newspaper3k_pages": load_newspaper3k(data / "newspaper3k_pages.jsonl"),
        "trafilatura_page_lines_en": load_trafilatura(
            data / "trafilatura_page_lines_en.tsv", data / "trafilatura_segments_en.tsv"
        ),
    }


def evaluate(
    data: Path = DATA, with_justext: bool = True, with_cv: bool = False
) -> dict[str, dict[str, dict[str, float]]]:
    """Per data set: "analyzer" (shipped signal, in-sample for its model), "analyzer_cv" (grouped
    CV, with `with_cv`), "jusText" (with `with_justext`)."""
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, pages in datasets(data).items():
        results[name] = {"analyzer": prf(pages, analyzer_labels(pages))}
        if with_justext:
            results[name]["jusText"] = prf(pages, justext_labels(pages))
    if with_cv:
        cv, _ = cross_validated(data)
        for name, figures in cv.items():
            results[name]["analyzer_cv"] = figures
    return results


def show_errors(pages: list[Page], predicted: list[list[bool]], limit: int) -> None:
    shown = 0
    for page, pred in zip(pages, predicted, strict=True):
        for i, (gold, guess) in enumerate(zip(page.gold, pred, strict=True)):
            if gold is None or gold == guess:
                continue
            tag = "FP" if guess else "FN"
            print(f"  {tag} {page.id}:{i}: {page.lines[i][:140]}")
            shown += 1
            if shown >= limit:
                return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", type=int, default=0, help="print up to N misclassified lines per data set")
    parser.add_argument("--no-justext", action="store_true")
    parser.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    print("Content-class line precision / recall / F1 (boilerplate signal vs jusText, same lines)")
    cv: dict[str, dict[str, float]] = {}
    transfer: dict[str, dict[str, float]] = {}
    if not args.no_cv:
        cv, transfer = cross_validated(args.data)
    for name, pages in datasets(args.data).items():
        t0 = time.perf_counter()
        ours = analyzer_labels(pages)
        elapsed = time.perf_counter() - t0
        rows = []
        if name in cv:
            rows.append(("analyzer, grouped CV by outlet (model never saw the outlet)", cv[name]))
        rows.append(("analyzer, shipped model (in-sample: trained on these pages)", prf(pages, ours)))
        rows.append(("analyzer, rules only (no model)", prf(pages, analyzer_labels(pages, use_model=False))))
        if not args.no_justext:
            rows.append(("jusText 3.0 defaults, English stop list", prf(pages, justext_labels(pages))))
        for system, m in rows:
            print(
                f"{name:26s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}  {system}"
            )
        print(f"{name:26s} pages: {len(pages)}, lines scored: {rows[-1][1]['lines']}")
        print(f"{name:28s} analyzer time {1000 * elapsed / len(pages):.2f} ms/page")
        if args.errors:
            show_errors(pages, ours, args.errors)
    for key, m in transfer.items():
        print(f"transfer {key}: P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
    clean_articles(args.data.parent / "news" / "bbc_dev.jsonl")
    return 0


def clean_articles(path: Path) -> None:
    """Clean extracted articles: how many lines get flagged, and the cost of language + boilerplate."""
    if not path.is_file():
        return
    from analyzer.article import Article
    from analyzer.pipeline import prepare_context
    from analyzer.signals.boilerplate import boilerplate_signal
    from analyzer.signals.language import language_signal

    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    articles = [
        Article(id=r["id"], text=r["text"], source=r.get("source", "unknown"), title=r.get("title")) for r in rows
    ]
    context = prepare_context(articles)
    language_signal(Article(id="warm-up", text="Warm up the caches."), context)
    flagged = lines = 0
    start = time.perf_counter()
    for article in articles:
        result = language_signal(article, context)
        article.evidence.extend(result.evidence)
        article.language = result.fields["language"]
        flagged += len(boilerplate_signal(article, context).evidence)
        lines += len(article.lines)
    elapsed = time.perf_counter() - start
    print(
        f"{path.name:28s} clean articles: {flagged} of {lines} lines flagged as boilerplate; "
        f"language + boilerplate {1000 * elapsed / len(articles):.2f} ms/article ({len(articles)} articles)"
    )


if __name__ == "__main__":
    sys.exit(main())
