"""Line-level evaluation of the boilerplate signal against jusText on the same plain-text lines.

Data sets (../shared/data/boilerplate): newspaper3k_pages.jsonl and trafilatura_page_lines_en.tsv,
loaded and labelled by evaluation/boilerplate_data.py (shared with scripts/train_boilerplate.py; its
docstring says how gold lines are derived).

Each page is fed to the signal as one Article (text = its lines joined by newlines; source = the
outlet), all pages of a data set in one run so that lines repeated across pages of one outlet
count, exactly as `analyzer score` would do on a folder. jusText gets the same lines, one <p> each,
with its English stop list and default settings.

The signal's learned line classifier (models/boilerplate.json) was trained on these same pages
by scripts/train_boilerplate.py, so its figures here are in-sample. The honest figures are the
grouped cross-validation ones: each page is labelled by a model trained without any page of its
outlet (GroupKFold by outlet), with the shipped threshold. Also printed: the rules alone (no
model) and cross-set transfer (trained on one data set, tested on the other).

Cut pages (boilerplate_data.cut_page: each page without the lines after its last content line, so
it ends in body text) get their own grouped-CV row: F1 and "bodies cut", the pages that lose a
content line. So does a page header with no footer on clean articles (page_header): the first
PAGE_HEADER_ARTICLES of news/bbc_dev.jsonl under a site menu, a share bar, the section label,
headline, byline and date; the body must stay content. Printed: the bodies that lose a content
line, and the mean change of the boilerplate share and mean |change| of trust against the
article alone.

Prints precision, recall and F1 of the content class per data set, for analyzer and jusText.
Run: python evaluation/eval_boilerplate.py [--errors N] [--no-cv] [--cut-weight W]
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.boilerplate_data import (  # noqa: E402
    CUT_WEIGHT,
    DATA,
    Page,
    cross_validate,
    cut_pages,
    datasets,
    norm,
    per_page_line,
    prepare_all,
    transfer,
    unambiguous_gold,
)
from evaluation.boilerplate_data import prf as prf_pairs  # noqa: E402

# Clean articles put under a page header (page_header): as many as eval_invariance.py rewrites.
PAGE_HEADER_ARTICLES = 200


def cross_validated(
    data: Path = DATA, predictions: dict[str, list[bool]] | None = None, cut_weight: float = CUT_WEIGHT
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Grouped-CV figures per data set (and its cut pages) at the shipped model's threshold, and
    cross-set transfer. `predictions` receives the out-of-fold line labels of each page (key:
    data set or "<data set> (cut)", then the page id). `cut_weight`: the cut pages' training weight
    (0: trained on whole pages only, as before they were added)."""
    from analyzer.signals.boilerplate_model import default_model

    model = default_model()
    threshold = model.threshold if model is not None else 0.5
    prepared = prepare_all(data)
    cv = cross_validate(prepared, thresholds=(threshold,), predictions=predictions, cut_weight=cut_weight)
    return {name: by_t[threshold] for name, by_t in cv.items()}, transfer(prepared, threshold)


def label_noise(data: Path, pages: list[Page], oof: dict[str, list[bool]]) -> dict[str, float]:
    """Grouped-CV figures on trafilatura's lines whose label is not in doubt (see
    boilerplate_data.unambiguous_gold), and how many labelled lines and CV errors are doubtful."""
    clean = unambiguous_gold(data)
    kept: list[tuple[bool | None, bool]] = []
    doubtful = errors = doubtful_errors = 0
    for page in pages:
        pred = oof[f"trafilatura_page_lines_en:{page.id}"]
        for gold, strict, guess in zip(page.gold, clean[page.id], pred, strict=True):
            if gold is None:
                continue
            wrong = gold != guess
            errors += wrong
            if strict is None:
                doubtful += 1
                doubtful_errors += wrong
            else:
                kept.append((strict, guess))
    print(
        f"trafilatura_page_lines_en  label noise: {doubtful} of {len(kept) + doubtful} labelled lines are doubtful "
        f"(snippet in several lines, case-only match, or both labels); they hold {doubtful_errors} of the "
        f"{errors} grouped-CV errors"
    )
    return prf_pairs(kept)


def analyzer_labels(pages: list[Page], use_model: bool = True) -> list[list[bool]]:
    """Content flag per line from the language + boilerplate signals, one run per data set;
    `use_model=False`: the rules alone (the learned line classifier switched off)."""
    from analyzer.article import Article
    from analyzer.pipeline import prepare_context
    from analyzer.signals import boilerplate_model
    from analyzer.signals.boilerplate import boilerplate_signal
    from analyzer.signals.language import language_signal

    if not use_model:
        saved = boilerplate_model.default_model
        boilerplate_model.default_model = lambda: None  # type: ignore[assignment]
        try:
            return analyzer_labels(pages)
        finally:
            boilerplate_model.default_model = saved

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
        out.append(per_page_line(article, [line.start in starts for line in article.lines]))
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
            by_text[norm(par.text)].append(not par.is_boilerplate)
        labels = []
        for line in page.lines:
            queue = by_text.get(norm(line))
            labels.append(queue.pop(0) if queue else False)
        out.append(labels)
    return out


def prf(pages: list[Page], predicted: list[list[bool]]) -> dict[str, float]:
    pairs = [pair for page, pred in zip(pages, predicted, strict=True) for pair in zip(page.gold, pred, strict=True)]
    return prf_pairs(pairs)


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
        for name, figures in cv.items():  # "<data set> (cut)": the cut pages
            results.setdefault(name, {})["analyzer_cv"] = figures
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
    parser.add_argument("--cut-weight", type=float, default=CUT_WEIGHT,
                        help="training weight of cut pages in the grouped CV (0: whole pages only)")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    print("Content-class line precision / recall / F1 (boilerplate signal vs jusText, same lines)")
    cv: dict[str, dict[str, float]] = {}
    transfer: dict[str, dict[str, float]] = {}
    oof: dict[str, list[bool]] = {}
    if not args.no_cv:
        cv, transfer = cross_validated(args.data, oof, args.cut_weight)
    for name, pages in datasets(args.data).items():
        t0 = time.perf_counter()
        ours = analyzer_labels(pages)
        elapsed = time.perf_counter() - t0
        rows = []
        if name in cv:
            rows.append(("analyzer, grouped CV by outlet (model never saw the outlet)", cv[name]))
            if name == "trafilatura_page_lines_en":
                rows.append((
                    "analyzer, grouped CV, unambiguous labels only (label-noise check)",
                    label_noise(args.data, pages, oof),
                ))
        rows.append(("analyzer, shipped model (in-sample: trained on these pages)", prf(pages, ours)))
        rows.append(("analyzer, rules only (no model)", prf(pages, analyzer_labels(pages, use_model=False))))
        if not args.no_justext:
            rows.append(("jusText 3.0 defaults, English stop list", prf(pages, justext_labels(pages))))
        for system, m in rows:
            print(
                f"{name:26s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}  {system}"
            )
        print(f"{name:26s} pages: {len(pages)}, lines scored: {rows[-1][1]['lines']}")
        if f"{name} (cut)" in cv:
            cut = cut_pages(pages)
            lost = sum(1 for page in cut if any(
                gold and not guess for gold, guess in zip(page.gold, oof[f"{name} (cut):{page.id}"], strict=True)))
            m = cv[f"{name} (cut)"]
            print(f"{name:26s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}  "
                  f"cut pages (no footer), grouped CV: bodies cut {lost} of {len(cut)}")
        print(f"{name:28s} analyzer time {1000 * elapsed / len(pages):.2f} ms/page")
        if args.errors:
            show_errors(pages, ours, args.errors)
    for key, m in transfer.items():
        print(f"transfer {key}: P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
    clean_articles(args.data.parent / "news" / "bbc_dev.jsonl")
    page_header(args.data.parent / "news" / "bbc_dev.jsonl")
    return 0


def _page_header(row: dict[str, str]) -> str:
    """A news page's header above an article, with no footer below it: skip link, site menu, share
    bar, the section label, headline, byline and date (eval_invariance.py's header lines)."""
    section = row.get("topic", "news").capitalize()
    return "\n".join([
        "Skip to content", "Home", "News", "Sport", "Weather", "Share this article", section,
        row.get("title") or "Headline", "", f"By Jane Doe, {section} reporter", "10 May 2005",
    ]) + "\n\n"


def page_header(path: Path, limit: int = PAGE_HEADER_ARTICLES) -> None:
    """Clean articles under a page header and no footer (_page_header), scored as `analyzer score`
    does, against the article alone: bodies that lose a content line, mean change of the
    boilerplate share, mean |change| of trust."""
    if not path.is_file():
        return
    from analyzer import guard
    from analyzer.pipeline import score_text

    guard.set_limit(0)  # a batch job: no per-article time-out on a loaded machine
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()][:limit]
    cut = 0
    boilerplate = trust = 0.0
    for i, row in enumerate(rows):
        alone = score_text(row["text"], id=str(i))
        header = _page_header(row)
        paged = score_text(header + row["text"], id=f"{i}-paged")
        kept = {(start - len(header), end - len(header)) for start, end in paged.content_ranges or []}
        body = alone.content_ranges or [(line.start, line.end) for line in alone.lines]
        cut += any(span not in kept for span in body)
        boilerplate += paged.scores["boilerplate"] - alone.scores["boilerplate"]
        trust += abs(paged.scores["trust"] - alone.scores["trust"])
    n = len(rows) or 1
    print(
        f"{path.name:28s} page header, no footer: bodies cut {cut} of {len(rows)}; boilerplate mean change "
        f"{boilerplate / n:+.3f}, trust mean |change| {trust / n:.3f}"
    )


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
