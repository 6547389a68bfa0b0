"""How often the translation signal labels a text garbled, by the number of evidence spans the label
needs (analyzer.signals.translation.MIN_LABEL_FLAGS; shipped value marked).

A text is labelled garbled when p_garbled reaches the model's threshold and it holds at least k
spans. Printed per data set, each named:
- news/bbc_dev.jsonl held-out articles (split of scripts/train_translation.py), clean and spun by
  analyzer.spinner at 5 substitutions per 100 words with each of its thesauri: Moby, WordNet and
  Roget, the one no model was trained on (labels wanted);
- native news never trained on: PolNeAR articles and newspaper3k extracted bodies, and the human
  and machine translations of mt/ wmt dev (labels not wanted: none of them is spun or garbled);
- newspaper3k whole pages (menus, teasers, widgets, comments) as the pipeline reads them: the
  boilerplate signal first, so the learned spin detector and the MT pattern detectors read the
  content lines only (translation.body_text); and, for comparison, the same pages with every line
  read. Also printed: their evidence spans per 1,000 words.

Usage: python evaluation/eval_labels.py [--data ../shared/data] [--limit 200]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "evaluation"))

import train_translation as T  # noqa: E402
from eval_fusion import native_texts  # noqa: E402
from native_news import newspaper3k_pages  # noqa: E402

from analyzer.article import Article  # noqa: E402
from analyzer.signals import translation as tr  # noqa: E402
from analyzer.signals.base import RunContext  # noqa: E402
from analyzer.signals.boilerplate import boilerplate_signal  # noqa: E402
from analyzer.spinner import THESAURI, spin  # noqa: E402
from analyzer.text import count_words  # noqa: E402

SPANS = (2, 3, 4)
SPIN_RATE = 0.05


def label_inputs(texts: list[str], model: tr.TranslationModel) -> list[tuple[float, int]]:
    """(p_garbled, evidence spans) of each text."""
    out = []
    for text in texts:
        spun, mt_ev, spin_values = tr.detect(text)
        out.append((model.score(tr.features(text, spun, mt_ev, spin_values))[1], len(spun) + tr.mt_label_count(mt_ev)))
    return out


def page_inputs(pages: list[str], model: tr.TranslationModel, content_only: bool = True
                ) -> tuple[list[tuple[float, int]], float]:
    """(p_garbled, evidence spans) of each whole page read as the pipeline does (content_only) or
    with every line read, and the pages' evidence spans per 1,000 words."""
    out, words = [], 0
    for i, text in enumerate(pages):
        article = Article(id=f"page{i}", text=text)
        if content_only:
            article.content_ranges = boilerplate_signal(article, RunContext()).fields["content_ranges"]
        read = tr.reading(article)
        spun, _gated, mt_ev, spin_values = tr.detect_all(read.text, read.body, shown=True)
        values = tr.features(read.text, spun, mt_ev, spin_values, read.content)
        out.append((model.score(values)[1], len(spun) + tr.mt_label_count(mt_ev)))
        words += count_words(text)
    return out, 1000.0 * sum(n for _, n in out) / max(1, words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=200, help="held-out BBC articles (0: all)")
    args = parser.parse_args(argv)
    model = tr.default_model()
    if model is None:
        print("no models/translation.json", file=sys.stderr)
        return 1
    bbc = [a["text"] for a in T.bbc_articles(args.data) if T.is_test_id(a["id"])]
    bbc = bbc[: args.limit or None]
    wmt = T.wmt_docs(args.data)
    sets = {
        f"news/bbc_dev.jsonl held-out ({len(bbc)}), clean": bbc,
        **{f"same, spun ({thesaurus}, {SPIN_RATE:.0%})": [spin(t, rate=SPIN_RATE, seed=i, thesaurus=thesaurus).text
                                                          for i, t in enumerate(bbc)]
           for thesaurus in THESAURI},
        **native_texts(args.data),
        "mt/ wmt dev human translations": [d.text for d in wmt if d.label == 0],
        "mt/ wmt dev machine translations": [d.text for d in wmt if d.label == 1],
    }
    print(f"share labelled garbled (p_garbled >= {model.threshold} and >= k evidence spans); "
          f"shipped k = {tr.MIN_LABEL_FLAGS}")
    for name, texts in sets.items():
        _print_row(name, label_inputs(texts, model), model)
    for content_only, how in ((True, "content lines"), (False, "every line")):
        pages, per_1000 = page_inputs(newspaper3k_pages(args.data), model, content_only)
        _print_row(f"boilerplate/newspaper3k_pages.jsonl whole pages, {how}", pages, model)
        print(f"  {'':<62} {per_1000:.2f} evidence spans per 1,000 words")
    return 0


def _print_row(name: str, rows: list[tuple[float, int]], model: tr.TranslationModel) -> None:
    shares = "  ".join(
        f"k={k}{'*' if k == tr.MIN_LABEL_FLAGS else ''} "
        f"{sum(g >= model.threshold and n >= k for g, n in rows) / len(rows):.3f}" for k in SPANS)
    print(f"  {name:<62} n={len(rows):<4} {shares}")


if __name__ == "__main__":
    raise SystemExit(main())
