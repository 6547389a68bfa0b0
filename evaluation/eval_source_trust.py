"""Measure the trust table's per-source model (analyzer.trust.ranking) on real multi-article sources,
and check its intervals' calibration.

    .venv/bin/python evaluation/eval_source_trust.py [--data ../shared/data] [--splits 40]

Every article is scored alone (`analyzer score`'s trust, the shipped models/trust.json); a source is
a publisher, an outlet, a BBC topic or a translation system:
- fit (the constants of analyzer.trust.ranking are read here): PolNeAR dev (attribution/
  polnear_dev_paragraphs.tsv, articles grouped by publisher: 7 sources) and BASIL (news/
  basil_triplets.jsonl: NYT, Fox News, HuffPost, 100 articles each);
- held out (never used to set a constant): BBC dev (news/bbc_dev.jsonl, one source per topic) and
  the WMT ja-en documents (mt/wmt_dev_docs.jsonl, one source per system: the human reference ref-A,
  and each machine translation system with at least SPLIT_MIN_ARTICLES documents).

Printed:
1. the within-source dispersion: article trusts of a source read as Beta(mu kappa, (1 - mu) kappa),
   pooled kappa = 1 / phi - 1 with phi = sum of squared deviations from each source's mean / sum of
   (n - 1) m (1 - m) (method of moments), per set and per source; and the prior degrees of freedom d0 of
   the sources' own dispersions (Smyth 2004, moments of log phi_s);
2. the between-source spread: tau^2 of the sources' true means (one-way random effects, method of
   moments) and the prior weight in articles, within-source variance / tau^2;
3. calibration: each source's articles split at random in halves (SPLITS seeded splits); from one half
   the interval of each method: the table of session 31 (uniform Beta(1, 1) prior, each article one
   Bernoulli outcome), the Beta-within candidates with phi and d0 measured in 1. on the fit sets, and the
   table's own model where ranking has one (source_posterior). Reported: how often the interval of mu
   covers the other half's mean (below the level even when calibrated: that mean is noisy too), how often
   the posterior predictive interval of the other half's mean covers it, the mean width, and the mean
   squared error of the posterior mean as a prediction of the other half's mean;
4. the same from 1, 2 and 5 articles against the mean of the source's other articles.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

from native_news import BASIL, polnear_paragraphs  # noqa: E402

from analyzer import guard  # noqa: E402
from analyzer.api import score_articles  # noqa: E402
from analyzer.trust import ranking  # noqa: E402

BBC = Path("news") / "bbc_dev.jsonl"
WMT_DOCS = Path("mt") / "wmt_dev_docs.jsonl"
# A source enters the split-half check with at least this many articles (4 per half).
SPLIT_MIN_ARTICLES = 8
# Sizes of the small samples checked against the rest of a source's articles.
SMALL_SAMPLES = (1, 2, 5)

Groups = dict[str, list[float]]


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _scored(records: list[dict]) -> Groups:
    """Trust of each record scored alone, grouped by its `source` (one run per set, as `score`)."""
    groups: Groups = {}
    for article in score_articles(records):
        trust = article.scores["trust"]  # type: ignore[union-attr]
        groups.setdefault(article.source, []).append(min(1.0, max(0.0, float(trust))))  # type: ignore[union-attr]
    return groups


def fit_sets(data: Path) -> dict[str, Groups]:
    """The sets the constants are measured on: PolNeAR dev by publisher, BASIL by outlet."""
    polnear = [{"id": name, "text": "\n\n".join(r["text"] for r in paras), "source": "polnear " + paras[0]["publisher"]}
               for name, paras in polnear_paragraphs(data).items()]
    basil = [{"id": r["id"], "text": r["text"], "source": r["source"]} for r in _jsonl(data / BASIL)]
    return {"PolNeAR dev": _scored(polnear), "BASIL": _scored(basil)}


def held_out_sets(data: Path) -> dict[str, Groups]:
    """The sets no constant was measured on: BBC dev by topic, WMT ja-en documents by system."""
    bbc = [{"id": r["id"], "text": r["text"], "source": "bbc " + r["topic"]} for r in _jsonl(data / BBC)]
    wmt = [{"id": f"{r['id']}", "text": r["text"], "source": "wmt " + r["system"]} for r in _jsonl(data / WMT_DOCS)]
    return {"BBC dev": _scored(bbc), "WMT ja-en docs": _scored(wmt)}


def dispersion(groups: Groups) -> tuple[float, float]:
    """phi (variance of an article's trust over mu (1 - mu) of its source) pooled over the sources
    with two articles or more, and kappa = 1 / phi - 1."""
    ss = sum(sum((x - statistics.fmean(g)) ** 2 for x in g) for g in groups.values() if len(g) > 1)
    scale = sum((len(g) - 1) * statistics.fmean(g) * (1 - statistics.fmean(g)) for g in groups.values() if len(g) > 1)
    phi = ss / scale if scale else float("nan")
    return phi, 1 / phi - 1


def between(groups: Groups) -> tuple[float, float, float]:
    """Within-source variance, between-source variance of the true means (tau^2, one-way random
    effects by moments, unbalanced) and their ratio: the prior's weight in articles."""
    gs = [g for g in groups.values() if g]
    k, n = len(gs), sum(len(g) for g in gs)
    grand = sum(sum(g) for g in gs) / n
    msw = sum(sum((x - statistics.fmean(g)) ** 2 for x in g) for g in gs) / (n - k)
    msb = sum(len(g) * (statistics.fmean(g) - grand) ** 2 for g in gs) / (k - 1)
    n0 = (n - sum(len(g) ** 2 for g in gs) / n) / (k - 1)
    tau2 = max((msb - msw) / n0, 1e-9)
    return msw, tau2, msw / tau2


# An interval method: (article trusts of a sample, size of the sample to predict) -> (mean, low, high,
# predictive low, predictive high).
Method = Callable[[list[float], int], tuple[float, float, float, float, float]]
LEVEL = ranking.INTERVAL_MASS  # the stated level of every interval checked


def old_uniform(xs: list[float], n_other: int) -> tuple[float, float, float, float, float]:
    """The table of session 31: a uniform Beta(1, 1) prior, each article one Bernoulli outcome; its
    predictive interval read the same way (the beta-binomial mean of n_other outcomes)."""
    from scipy.stats import betabinom

    a, b = 1 + sum(xs), 1 + len(xs) - sum(xs)
    dist = betabinom(n_other, a, b)
    tail = (1 - LEVEL) / 2
    posterior = ranking.SourcePosterior(a, b, 1.0)  # type: ignore[attr-defined]
    return (posterior.mean, *posterior.interval, float(dist.ppf(tail)) / n_other, float(dist.ppf(1 - tail)) / n_other)


def beta_within(phi0: float, d0: float | None, prior_strength: float, prior_mean: float = 0.5) -> Method:
    """The candidate: article trusts of a source Beta(mu kappa, (1 - mu) kappa), phi = 1 / (kappa + 1) the
    pooled `phi0`, or with d0 (not None) the source's own dispersion moderated toward it, (d0 phi0 +
    SS / (m (1 - m))) / (d0 + n - 1); mu's prior Beta(prior_mean s, (1 - prior_mean) s), s =
    prior_strength; posterior Beta(prior + S / phi, prior + (n - S) / phi) (quasi-likelihood: each article
    counts as 1 / phi Bernoulli outcomes); the predictive interval of the mean of n_other more articles by a
    normal approximation (mu's variance + phi E[mu (1 - mu)] / n_other): the table's SourcePosterior with
    these constants."""

    def method(xs: list[float], n_other: int) -> tuple[float, float, float, float, float]:
        n, total = len(xs), sum(xs)
        m = total / n
        phi = phi0
        if d0 is not None:
            own = sum((x - m) ** 2 for x in xs) / (m * (1 - m)) if 0 < m < 1 else 0.0
            phi = (d0 * phi0 + own) / (d0 + n - 1)
        posterior = ranking.SourcePosterior(prior_strength * prior_mean + total / phi,  # type: ignore[attr-defined]
                                            prior_strength * (1 - prior_mean) + (n - total) / phi, phi)
        return (posterior.mean, *posterior.interval, *posterior.predictive(n_other))

    return method


def shipped(xs: list[float], n_other: int) -> tuple[float, float, float, float, float]:
    """The trust table's own posterior (ranking.source_posterior) and its predictive interval."""
    p = ranking.source_posterior(len(xs), sum(xs), sum(x * x for x in xs))  # type: ignore[attr-defined]
    return (p.mean, *p.interval, *p.predictive(n_other))


def dispersion_dof(groups: Groups) -> float:
    """The prior degrees of freedom d0 of the sources' dispersions (Smyth 2004, by moments): the
    spread of log phi_s over the sources with 3 articles or more beyond its sampling spread."""
    from scipy.optimize import brentq
    from scipy.special import digamma, polygamma

    logs, expected = [], []
    for xs in groups.values():
        if len(xs) < 3:
            continue
        m, d = statistics.fmean(xs), len(xs) - 1
        phi = sum((x - m) ** 2 for x in xs) / d / (m * (1 - m))
        logs.append(math.log(phi) - digamma(d / 2) + math.log(d / 2))
        expected.append(polygamma(1, d / 2))
    excess = statistics.variance(logs) - statistics.fmean(expected)
    return float("inf") if excess <= 0 else 2 * brentq(lambda y: polygamma(1, y) - excess, 1e-3, 1e6)


def _check(pairs: list[tuple[list[float], list[float]]], method: Method) -> dict[str, float]:
    covered = predicted = 0
    width = error = 0.0
    for sample, other in pairs:
        mean, low, high, p_low, p_high = method(sample, len(other))
        target = statistics.fmean(other)
        covered += low <= target <= high
        predicted += p_low <= target <= p_high
        width += high - low
        error += (mean - target) ** 2
    n = len(pairs)
    return {"n": n, "mu covers": covered / n, "predictive covers": predicted / n, "width": width / n, "mse": error / n}


def split_pairs(groups: Groups, splits: int, seed: int, size: int | None = None
                ) -> list[tuple[list[float], list[float]]]:
    """(size articles, the source's other articles), `splits` draws per source with SPLIT_MIN_ARTICLES
    articles or more; size None: half of them."""
    rng = random.Random(seed)
    pairs = []
    for name in sorted(groups):
        xs = groups[name]
        if len(xs) < SPLIT_MIN_ARTICLES:
            continue
        cut = len(xs) // 2 if size is None else size
        for _ in range(splits):
            shuffled = rng.sample(xs, len(xs))
            pairs.append((shuffled[:cut], shuffled[cut:]))
    return pairs


def report(title: str, sets: dict[str, Groups], splits: int, methods: dict[str, Method]) -> None:
    print(f"\n== {title}")
    for name, groups in sets.items():
        phi, kappa = dispersion(groups)
        msw, tau2, weight = between(groups)
        print(f"{name}: {len(groups)} sources, {sum(map(len, groups.values()))} articles; within-source kappa "
              f"{kappa:.2f} (phi {phi:.3f}); within variance {msw:.4f}, between tau^2 {tau2:.4f}, prior weight "
              f"{weight:.1f} articles")
        for source in sorted(groups):
            xs = groups[source]
            m = statistics.fmean(xs)
            sd = statistics.stdev(xs) if len(xs) > 1 else float("nan")
            k = m * (1 - m) / sd ** 2 - 1 if len(xs) > 1 and sd > 0 else float("nan")
            print(f"    {source:<28} n {len(xs):>4}  mean {m:.3f}  sd {sd:.3f}  kappa {k:.1f}")
    merged = {f"{name}/{s}": xs for name, groups in sets.items() for s, xs in groups.items()}
    if len(sets) > 1:
        phi, kappa = dispersion(merged)
        msw, tau2, weight = between(merged)
        print(f"all of them: {len(merged)} sources; within-source kappa {kappa:.2f} (phi {phi:.3f}); "
              f"within variance {msw:.4f}, tau^2 {tau2:.4f}, prior weight {weight:.1f} articles; dispersion "
              f"prior degrees of freedom {dispersion_dof(merged):.1f}")
    level = LEVEL
    checks = [(f"halves ({splits} splits per source of {SPLIT_MIN_ARTICLES}+ articles)",
               split_pairs(merged, splits, 1))]
    checks += [(f"{size} article{'s' if size > 1 else ''} vs the rest", split_pairs(merged, splits, 2 + size, size))
               for size in SMALL_SAMPLES]
    print(f"calibration at the stated {level:.0%} level (interval from one sample; target: the other sample's mean)")
    for label, pairs in checks:
        for method_name, method in methods.items():
            r = _check(pairs, method)
            print(f"  {label:<44} {method_name:<28} n {r['n']:>4}  interval of mu covers {r['mu covers']:.3f}  "
                  f"predictive covers {r['predictive covers']:.3f}  width {r['width']:.3f}  mse {r['mse']:.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--splits", type=int, default=40, help="random splits per source (seeded)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    guard.set_limit(0)  # a batch job: no per-article time-out on a loaded machine
    fit = fit_sets(args.data)
    merged = {f"{name}/{s}": xs for name, groups in fit.items() for s, xs in groups.items()}
    phi0, d0 = dispersion(merged)[0], dispersion_dof(merged)
    methods: dict[str, Method] = {
        "old: Beta(1,1), Bernoulli": old_uniform,
        # The candidates with the dispersion measured on the fit sets (printed below).
        "Beta-within pooled": beta_within(phi0, None, 2.0),
        "Beta-within moderated": beta_within(phi0, d0, 2.0),
        # The brief's literal reading: a prior worth 2 articles at 0.5 (2 / phi0 outcomes).
        "Beta-within, prior 2 art.": beta_within(phi0, d0, 2.0 / phi0),
    }
    if hasattr(ranking, "source_posterior"):  # the table's own model, where it has one
        methods["shipped table"] = shipped
    print(f"measured on the fit sets: phi {phi0:.4f} (kappa {1 / phi0 - 1:.2f}), d0 {d0:.2f}")
    report("fit: the constants are measured here", fit, args.splits, methods)
    report("held out", held_out_sets(args.data), args.splits, methods)
    print(f"done in {time.perf_counter() - started:.1f} s wall")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
