"""The trust table: per-source trust shrunk toward the run's mean, with an interval and reasons."""

from __future__ import annotations

from collections.abc import Iterable

from analyzer import features
from analyzer.article import Article
from analyzer.trust.model import TrustModel

# Beta prior worth this many articles, centred on the run's mean article trust (empirical Bayes,
# Efron & Morris 1975): a source needs a few articles before its own mean outweighs the prior,
# so one lucky article cannot outrank fifty consistent ones.
PRIOR_ARTICLES = 2.0
# Central credible interval of the Beta posterior (95%).
INTERVAL_MASS = 0.95
# Mean signal columns of the contract, then extra columns that explain a rank.
SIGNAL_COLUMNS = ("translation", "boilerplate", "attribution", "hedging")
FEATURE_COLUMNS = ("quote_rate", "named_sources", "wire_credit")
# Features named in the `why` column (largest mean contributions to the logit).
WHY_FEATURES = 3


def _beta_interval(a: float, b: float) -> tuple[float, float]:
    from scipy.special import betaincinv

    tail = (1.0 - INTERVAL_MASS) / 2.0
    return float(betaincinv(a, b, tail)), float(betaincinv(a, b, 1.0 - tail))


def _why(model: TrustModel, rows: list[dict[str, float]]) -> str:
    if not rows:
        return ""
    totals: dict[str, float] = {}
    for values in rows:
        for name, c in model.contributions(values).items():
            totals[name] = totals.get(name, 0.0) + c / len(rows)
    top = sorted(totals.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:WHY_FEATURES]
    return ", ".join(f"{name} {c:+.1f}" for name, c in top if abs(c) >= 0.05)


def rank_sources(
    articles: Iterable[Article], flagged: set[str] | None = None, model: TrustModel | None = None
) -> list[dict[str, float | int | str]]:
    """One row per source, ranked by posterior mean trust (1 = most trusted).

    Articles that `flag` found garbled are rescored with that knowledge (their `trust` score is
    updated in place), since the article-level pass could not see the other copies.
    """
    from analyzer.trust import default_model

    model = model or default_model()
    flagged = flagged or set()
    by_source: dict[str, list[tuple[Article, dict[str, float]]]] = {}
    for article in articles:
        values = features.extract(article, article.id in flagged)
        if article.id in flagged:
            article.scores["trust"] = model.probability(values)
        by_source.setdefault(article.source, []).append((article, values))
    if not by_source:
        return []
    all_scores = [a.scores.get("trust", 0.5) for items in by_source.values() for a, _ in items]
    prior_mean = min(0.99, max(0.01, sum(all_scores) / len(all_scores)))
    a0, b0 = PRIOR_ARTICLES * prior_mean, PRIOR_ARTICLES * (1.0 - prior_mean)
    rows = []
    for source, items in by_source.items():
        n = len(items)
        total = sum(min(1.0, max(0.0, a.scores.get("trust", 0.5))) for a, _ in items)
        a, b = a0 + total, b0 + n - total
        low, high = _beta_interval(a, b)
        rows.append({
            "source": source,
            "articles": n,
            "trust": round(a / (a + b), 4),
            "trust_low": round(low, 4),
            "trust_high": round(high, 4),
            "garbled": sum(1 for art, v in items if v["garbled"] > 0),
            **{k: round(sum(float(art.scores.get(k, 0.0)) for art, _ in items) / n, 4) for k in SIGNAL_COLUMNS},
            **{k: round(sum(v.get(k, 0.0) for _, v in items) / n, 4) for k in FEATURE_COLUMNS},
            "mean_article_trust": round(total / n, 4),
            "why": _why(model, [v for _, v in items]),
        })
    rows.sort(key=lambda r: (-float(r["trust"]), -int(r["articles"]), str(r["source"])))
    return [{"rank": i, **row} for i, row in enumerate(rows, start=1)]
