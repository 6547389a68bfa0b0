"""Trust: turn an article's signals into a trust score, and rank sources (first version)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from analyzer.article import Article

# First-version weights (replaced by the trained model of issue 6).
WEIGHTS = {"translation": -4.0, "boilerplate": -2.0, "attribution": 2.5, "hedging": 0.5}
BIAS = 0.5
# Prior pseudo-count for shrinking a source's mean toward the run mean: a source needs about this
# many articles before its own mean outweighs the prior (empirical-Bayes style, Efron & Morris 1975).
PRIOR_ARTICLES = 3.0
INTERVAL_Z = 1.96


@dataclass
class LinearTrust:
    weights: dict[str, float]
    bias: float

    def score(self, article: Article) -> float:
        z = self.bias + sum(w * float(article.scores.get(k, 0.0)) for k, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-z))


@cache
def default_model() -> LinearTrust:
    return LinearTrust(WEIGHTS, BIAS)


def rank_sources(articles: list[Article], flagged: set[str] | None = None) -> list[dict[str, float | int | str]]:
    flagged = flagged or set()
    by_source: dict[str, list[Article]] = {}
    for article in articles:
        by_source.setdefault(article.source, []).append(article)
    if not by_source:
        return []
    overall = sum(a.scores["trust"] for a in articles) / len(articles)
    rows = []
    for source, items in sorted(by_source.items()):
        n = len(items)
        values = [a.scores["trust"] for a in items]
        mean = (sum(values) + PRIOR_ARTICLES * overall) / (n + PRIOR_ARTICLES)
        var = sum((v - mean) ** 2 for v in values) / n if n > 1 else 0.25
        half = INTERVAL_Z * math.sqrt(max(var, 0.01) / (n + PRIOR_ARTICLES))
        rows.append({
            "source": source,
            "articles": n,
            "trust": round(mean, 4),
            "trust_low": round(max(0.0, mean - half), 4),
            "trust_high": round(min(1.0, mean + half), 4),
            "garbled": sum(1 for a in items if a.label != "clean" or a.id in flagged),
            **{k: round(sum(a.scores.get(k, 0.0) for a in items) / n, 4)
               for k in ("translation", "boilerplate", "attribution", "hedging")},
        })
    rows.sort(key=lambda r: (-float(r["trust"]), str(r["source"])))
    return [{"rank": i, **row} for i, row in enumerate(rows, start=1)]
