"""Per-article CPU time of the parts of the translation signal on bbc_dev.jsonl.

Parts: analyzer.spinning.candidates (and candidates_many, the batched form the pipeline uses),
SpinModel.probabilities, the known-phrase scan (spin_known.known_evidence), find_spun,
analyzer.mt.find_mt and analyzer.stylometry.style_features, then the whole translation signal.

CPU time (process_time), so other processes on the machine inflate it little; every part runs
REPEATS times after a warm-up pass (which fills the per-word memos) and the median and best runs
are printed. `--baseline DIR` also loads spinning.py, mt.py and stylometry.py from DIR (an older
copy; before stylometry.py existed, mt.py held style_features; before spin_known.py and
spin_model.py existed, spinning.py held the known-phrase scan and the model; a baseline
spinning.py that imports them gets the current ones) and times them in the same
process, interleaved run by run with the current code, so that a before/after comparison sees
the same machine load.

Run: python bench/bench_translation.py [--limit N] [--repeats R] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from bench_text_signals import load_rows  # noqa: E402 - bench/ is the script's folder (sys.path[0])

from analyzer import mt, pipeline, spin_known, spin_model, spinning, stylometry
from analyzer.article import Article
from analyzer.pipeline import limit_blas_threads
from analyzer.signals.base import RunContext
from analyzer.signals.translation import translation_signal

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "news" / "bbc_dev.jsonl"
REPEATS = 5
# Articles per candidates_many call (the pipeline's prefetch chunk).
CHUNK = spinning.PREFETCH_ARTICLES if hasattr(spinning, "PREFETCH_ARTICLES") else 32


def _load(directory: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"baseline_{name}", directory / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _parts(sp: ModuleType, m: ModuleType, st: ModuleType, texts: list[str], model: Any,
           known: Callable[[str], Any]) -> dict[str, Callable[[], Any]]:
    """`model`: the detector's SpinModel; `known`: the known-phrase scan (spin_known.known_evidence)."""
    cands = [sp.candidates(t) for t in texts]

    def probabilities() -> None:
        for c in cands:
            if len(c.raw):
                model.probabilities(c.raw, c.dense)

    parts: dict[str, Callable[[], Any]] = {
        "spinning.candidates": lambda: [sp.candidates(t) for t in texts],
    }
    if hasattr(sp, "candidates_many"):
        parts["spinning.candidates_many"] = lambda: [sp.candidates_many(texts[i:i + CHUNK])
                                                     for i in range(0, len(texts), CHUNK)]
    if model is not None:
        parts["SpinModel.probabilities"] = probabilities
    parts.update({
        "spin_known.known_evidence": lambda: [known(t) for t in texts],
        "spinning.find_spun": lambda: [sp.find_spun(t) for t in texts],
        "mt.find_mt": lambda: [m.find_mt(t) for t in texts],
        "stylometry.style_features": lambda: [st.style_features(t) for t in texts],
    })
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--baseline", type=Path, help="folder holding older spinning.py and mt.py (and stylometry.py)")
    args = parser.parse_args(argv)
    rows = load_rows(args.data, args.limit)
    if rows is None:
        return 1
    limit_blas_threads()  # as every scoring process does (analyzer.pipeline.warm_up)
    texts = [r["text"] for r in rows]
    versions = {"current": _parts(spinning, mt, stylometry, texts, spin_model.default_model(),
                                  spin_known.known_evidence)}
    if args.baseline:
        old_mt = _load(args.baseline, "mt")
        old_style = _load(args.baseline, "stylometry") if (args.baseline / "stylometry.py").exists() else old_mt
        old_sp = _load(args.baseline, "spinning")
        if hasattr(old_sp, "default_model"):  # before spin_model.py and spin_known.py
            old_model, old_known = old_sp.default_model(), old_sp._known_evidence
        else:
            old_model = _load(args.baseline, "spin_model").default_model()
            old_known = _load(args.baseline, "spin_known").known_evidence
        versions["baseline"] = _parts(old_sp, old_mt, old_style, texts, old_model, old_known)
    for parts in versions.values():
        for fn in parts.values():
            fn()  # warm-up: lexicons, models and per-word memos
    runs: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.repeats):
        for version, parts in versions.items():
            for name, fn in parts.items():
                t0 = time.process_time()
                fn()
                runs.setdefault((version, name), []).append((time.process_time() - t0) / len(texts) * 1000)
    label = f"{args.data.name} ({len(texts)} articles)"
    for name in versions["current"]:
        line = f"{label} {name:26s}"
        for version in versions:
            r = runs.get((version, name))
            if r:
                line += f"  {version}: median {statistics.median(r):.3f} best {min(r):.3f} ms/article CPU"
        print(line)
    # The whole signal, current code only (it imports analyzer.spinning and analyzer.mt): one
    # article at a time, and as analyzer.pipeline.score_stream runs it (candidates prefetched for
    # CHUNK articles at a time).
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    context = RunContext()

    def one_by_one() -> None:
        for article in articles:
            translation_signal(article, context)

    def prefetched() -> None:
        for i in range(0, len(articles), CHUNK):
            chunk = articles[i:i + CHUNK]
            # The pipeline's own prefetch: the text the detector reads (translation.detector_text:
            # an article's prose differs from its text where a paragraph is hard-wrapped, 17 of
            # bbc_dev.jsonl), where prefetching `text` left those articles to the per-article path.
            pipeline.prefetch(chunk)
            for article in chunk:
                translation_signal(article, context)

    whole: dict[str, list[float]] = {"translation_signal": [], "translation_signal+prefetch": []}
    for _ in range(args.repeats):
        for name, fn in zip(whole, (one_by_one, prefetched), strict=True):
            t0 = time.process_time()
            fn()
            whole[name].append((time.process_time() - t0) / len(texts) * 1000)
    for name, r in whole.items():
        print(f"{label} {name:26s}  current: median {statistics.median(r):.3f} best {min(r):.3f} ms/article CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
