"""The trust table: per-source trust shrunk toward a uniform prior, with an interval and reasons.

rank_sources reduces the articles to mergeable per-source statistics (SourceStats) and turns them
into rows with rows_from_stats; analyzer.distributed computes the same statistics per partition on
a cluster, merges them and calls the same rows_from_stats, so both give identical tables.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from typing import Protocol

from analyzer import features, lexicons
from analyzer.article import Article, ArticleKey
from analyzer.signals.base import LEXICON_LANGUAGE
from analyzer.text import plain_layout
from analyzer.trust.model import (
    EXCERPT_REASON,
    GARBLED_COPY_KIND,
    HOLD_NAMES,
    HOLD_TRUST,
    NO_TEXT_REASON,
    Hold,
    TrustModel,
    garbled_copy_detail,
    garbled_copy_hold,
    graded,
    graded_hold,
    held_low,
    hold,
    language_name,
    not_judged_reason,
    not_judged_why,
)


class CopyFlag(Protocol):
    """A stories.Flag as the trust table reads it: the copy's key, label and original."""

    @property
    def key(self) -> ArticleKey: ...

    label: str
    original: str | None


@dataclass(frozen=True)
class GarbledCopy:
    """What the trust table needs of a stories.Flag: the copy's Article.key, its label and its
    original as the flag names it (its id, with its path where the run holds that id twice; None:
    no cleaner copy in the input), and a machine translation's direction log-odds (Flag.direction),
    which grades its hold. analyzer.distributed sends these to its workers, not the flags with their evidence."""

    key: ArticleKey
    label: str
    original: str | None
    direction: float | None = None


def garbled_copies(flags: Iterable[CopyFlag]) -> list[GarbledCopy]:
    """The GarbledCopy of each flag."""
    return [GarbledCopy((f.key[0], f.key[1]), f.label, getattr(f, "original_name", None) or f.original,
                        getattr(f, "direction", None)) for f in flags]


# A flagged copy: its Flag or GarbledCopy (its hold names the original), its Article.key, or a bare
# id (every article of that id).
Flagged = CopyFlag | ArticleKey | str
# Garbled copies named one by one in a source's `why`; the others are counted.
WHY_COPIES = 3

# The source model (evaluation/eval_source_trust.py measures it and checks its calibration). The trusts
# of a source's articles are read as draws of Beta(mu KAPPA, (1 - mu) KAPPA) around the source's trust mu:
# an article's trust varies about mu with variance phi mu (1 - mu), phi = 1 / (KAPPA + 1), so each article
# counts as 1 / phi Bernoulli outcomes, not one (session 31's interval, 2-3 times too wide).
# KAPPA 4.86: pooled within-source dispersion (moments) of article trust on PolNeAR dev (7 publishers x 12
# articles, 2.80) and BASIL (NYT, Fox News, HuffPost x 100, 6.89; 6.54 and 4.73 pooled before an editor's
# "[sic]" stopped reading as a spun word, session 33). Held out: BBC dev by topic 3.65, WMT ja-en
# documents by system 2.50.
KAPPA = 4.86
PHI = 1.0 / (KAPPA + 1.0)
# A source's own dispersion counts beside the pooled one (a moderated variance, Smyth 2004): phi_s =
# (DISPERSION_ARTICLES PHI + sum of squared deviations / (m (1 - m))) / (DISPERSION_ARTICLES + n - 1), so
# a source whose articles disagree (half clean, half garbled) gets the wider interval its spread warrants,
# and one of two articles mostly the pooled one. 5.7: the prior degrees of freedom of the sources'
# dispersions on the same data (PolNeAR dev and BASIL, 10 sources; the excess spread of log phi_s over
# its sampling spread).
DISPERSION_ARTICLES = 5.7
# The prior of mu: the uniform Beta(1, 1) (Bayes-Laplace), centred on 0.5 and the same in every run (a prior
# centred on the run's mean let one article outrank fifty: bug hunt 31b, S1, S2). Worth 2 outcomes, about
# 2 PHI = 0.35 of an article. Real sources sit far from 0.5 (means 0.71-0.96 on PolNeAR dev and BASIL,
# 0.26-0.89 held out), so a prior worth 2 articles at 0.5 (session 31's weight) pulls them away from their
# own articles: from one article its 95% interval covered the rest of the source's mean in 0.32 of draws
# (posterior predictive; 0.93 with this prior) on PolNeAR dev and BASIL, 0.65 (0.85) held out
# (evaluation/eval_source_trust.py).
PRIOR_MEAN = 0.5
PRIOR_STRENGTH = 2.0
# Central credible interval of mu's posterior (95%).
INTERVAL_MASS = 0.95
# `why` says a source's articles agree or disagree more than usual where its dispersion is this share
# below or above PHI: a wording threshold, not a measurement (a quarter moves the interval's width by
# about an eighth).
DISPERSION_SAID = 0.25
# Sources are ranked by trust_low, the trust a source has with probability 1 - (1 - INTERVAL_MASS) / 2:
# with a prior this weak one article's posterior mean follows the article (0.99 -> 0.86), so ranked by
# the mean one lucky article would outrank fifty consistent ones; its wide interval keeps its low end at
# 0.58 or below, under that of fifty articles of mean 0.65 or more that spread as a source's usually do
# (tests/test_trust.py).
# Mean signal columns of the contract, then extra columns that explain a rank.
SIGNAL_COLUMNS = ("translation", "boilerplate", "attribution", "hedging")
FEATURE_COLUMNS = ("quote_rate", "named_sources", "wire_credit")
# The columns the English-lexicon signals measure, averaged over the articles they read (judged, or held
# by their text alone: SourceStats.unread) only: on
# another language they are 0, never measured (signals.base.other_language), and a mixed source's
# attribution was the mean of its English article's 0.67 and its French article's 0 (a helper's bug
# hunt). Boilerplate, quotations and news-agency credits read the same in any language.
JUDGED_COLUMNS = ("translation", "attribution", "hedging", "named_sources")
# Features named in the `why` column (largest mean contributions to the logit).
WHY_FEATURES = 3


@dataclass(frozen=True)
class SourcePosterior:
    """mu's posterior for one source: Beta(a, b), the prior's outcomes plus each article's trust
    counted as 1 / phi outcomes (a quasi-likelihood: the Beta model's mean and variance, closed form);
    phi is the source's moderated dispersion (SourceStats, DISPERSION_ARTICLES)."""

    a: float
    b: float
    phi: float

    @property
    def mean(self) -> float:
        return self.a / (self.a + self.b)

    @property
    def interval(self) -> tuple[float, float]:
        """The central INTERVAL_MASS credible interval of mu."""
        from scipy.special import betaincinv

        tail = (1.0 - INTERVAL_MASS) / 2.0
        return float(betaincinv(self.a, self.b, tail)), float(betaincinv(self.a, self.b, 1.0 - tail))

    def predictive(self, n: int) -> tuple[float, float]:
        """The central INTERVAL_MASS interval of the mean trust of n more articles of the source (normal
        approximation: mu's variance plus phi E[mu (1 - mu)] / n), for checking calibration."""
        from scipy.stats import norm

        mean, total = self.mean, self.a + self.b
        var_mu = mean * (1.0 - mean) / (total + 1.0)
        spread = (var_mu + self.phi * (mean * (1.0 - mean) - var_mu) / n) ** 0.5
        z = float(norm.ppf(1.0 - (1.0 - INTERVAL_MASS) / 2.0))
        return max(0.0, mean - z * spread), min(1.0, mean + z * spread)


def dispersion(n: float, total: float, squares: float, held: float = 0.0) -> float:
    """A source's moderated dispersion phi_s from its n articles' trust sum and sum of squares
    (DISPERSION_ARTICLES): the pooled PHI where n is 1, the source's own more as n grows. `held` of the
    articles have a hold's trust (a garbled copy's cap, GARBLED_COPY_TRUST, or a text's own hold where score
    labels it garbled; not a reading of its text): they
    add no degrees of freedom, so twenty copies held at one cap do not read as articles that agree (twenty
    briefs held at NO_PROSE_TRUST, counted until h33f, had narrowed the interval to 0.36-0.44; review 32b,
    R1); a spread they show still counts. At most dispersion_bound(n)."""
    mean = total / n if n else PRIOR_MEAN
    spread = mean * (1.0 - mean)
    # All articles at 0 or 1 have no spread to scale (their deviations are 0 too).
    own = max(0.0, squares - total * total / n) / spread if n and spread > 1e-12 else 0.0
    return min((DISPERSION_ARTICLES * PHI + own) / (DISPERSION_ARTICLES + max(0.0, n - 1.0 - held)),
               dispersion_bound(n))


def dispersion_bound(n: float) -> float:
    """The largest phi_s of n articles: n PHI, so that they count as at least as many outcomes (n / phi_s)
    as one article at the pooled dispersion (1 / PHI), and 1, a Bernoulli variable's (no variable in
    [0, 1] spreads more about its mean m than m (1 - m)). Unbounded, two articles of 0 and 1 counted as
    4.5 outcomes against one article's 5.7 and had the wider interval at the same mean, and held articles
    (no degrees of freedom) could reach phi 3.6. With it, a source's interval is never wider than one
    article's at the same mean, and the widest a source of n articles can have never widens as n grows
    (one article's for 1 to 5 articles, narrower from 6; OUTPUT.md: "an interval that narrows as a source has
    more articles"; tests/test_trust.py)."""
    return min(1.0, max(n, 1.0) * PHI)


def source_posterior(n: float, total: float, squares: float | None = None, held: float = 0.0) -> SourcePosterior:
    """mu's posterior from n articles whose trusts (clipped to [0, 1]) sum to `total` and their squares
    to `squares` (None: the pooled dispersion PHI), `held` of them at a hold's trust (dispersion)."""
    phi = PHI if squares is None else dispersion(n, total, squares, held)
    return SourcePosterior(PRIOR_STRENGTH * PRIOR_MEAN + total / phi,
                           PRIOR_STRENGTH * (1.0 - PRIOR_MEAN) + (n - total) / phi, phi)


@dataclass
class SourceStats:
    """Mergeable sufficient statistics of one source's articles for the trust table.

    Sums are exact (Fraction), so merging partial statistics in any order or partitioning (see
    analyzer.distributed) gives the same table as one pass over all articles.
    """

    articles: int = 0
    garbled: int = 0
    # Copies left out: the same text from the same source again (an hourly snapshot of a feed holds
    # the last hour's items again). Counted each time, 10 items saved twice were 20 articles and an
    # interval of 0.54-0.89 against 0.46-0.93 for one snapshot (bug hunt 23, H23c-11).
    repeats: int = 0
    # Trust, its reasons and the prior count only judged articles (in the lexicons' language): on
    # another language translation, attribution and hedging are not measured, and the model read
    # their zeros as "no sourcing" (a helper's bug hunt: the same story in 17 languages ranked by
    # language, Vietnamese last, "sourcing -2.0").
    judged: int = 0
    languages: dict[str, int] = field(default_factory=dict)  # of the articles not judged
    # English articles not judged either: no article text, every line page furniture (no_article_text).
    no_text: int = 0
    # English articles not judged as an API cut their text short (trust.model.excerpt: NewsAPI's stubs).
    excerpts: int = 0
    # English articles not judged for their text's hold alone (too little prose, run-on text; not a garbled
    # copy, nor labelled garbled by score), by kind: the hold's 0.4 is a ceiling set so that an unreadable
    # text does not rank with news, not a reading of the outlet. Counted at it, ten 9-word teasers took a
    # source of ten articles of mean 0.85 from 0.84 [0.74, 0.92] to 0.62 [0.48, 0.75] (h33f). A garbled copy
    # with such a hold still counts at its cap, and a text labelled garbled at its hold: the outlet published
    # a garbled copy (review33).
    unread: dict[str, int] = field(default_factory=dict)
    # Judged garbled copies held low (GARBLED_COPY_KIND), by kind: the features' reasons do not explain
    # their trust (a run-on text's "sourcing +3.5" pushed up a trust capped at 0.4; a helper's bug hunt),
    # so `why` names the hold and leaves their contributions out. A garbled copy with a hold of its own
    # (too little prose) counts under both kinds, and once in held_articles; an article held by its text
    # alone is not judged (unread) unless score labels it garbled, counted here under its kind and label
    # ("run_on_text/spun").
    held: dict[str, int] = field(default_factory=dict)
    held_articles: int = 0
    # The garbled copies held (GARBLED_COPY_KIND) by their (original, label, direction) as the flag gives them
    # (("002", "spun", None); original None: no cleaner copy in the input; all None: a bare key or id). The
    # direction (rounded to 4 places, as flag's JSON gives it) of a graded hold only: `why` says the flag's
    # probability, as the copy's details do (trust.model.garbled_copy_detail).
    copies_held: dict[tuple[str | None, str | None, float | None], int] = field(default_factory=dict)
    # The garbled copies held by the trust each is held at (its flag's hold, or its text's own where lower):
    # GARBLED_COPY_TRUST, or a machine translation's graded hold (trust.model.garbled_copy_trust).
    garbled_caps: dict[float, int] = field(default_factory=dict)
    # Garbled copies whose model trust was already at or below their hold (GARBLED_COPY_TRUST; the hold did not
    # bind): their features explain their trust, and their contributions count in `why` (the seeds'
    # machine translation: "machine_evidence -2.7, artifact_density -1.8" beside its hold).
    held_explained: int = 0
    # The spellings of the source's name read (every article, repeats too), by count: a news agency
    # is counted under one name (source_key) and shown under the spelling the run used most.
    names: dict[str, int] = field(default_factory=dict)
    trust_clipped: Fraction = Fraction(0)  # sum of scores.trust clipped to [0, 1] (the Beta posterior)
    trust_squares: Fraction = Fraction(0)  # sum of their squares (the source's dispersion, DISPERSION_ARTICLES)
    # Judged articles the pre-pass read as versions of one story of the source (a first take and its
    # updates: boilerplate details "versions", pipeline.LineTable.context), by (source, story): their
    # number, their trust_clipped and trust_squares sums. Such a story counts once in the trust and the
    # interval, its versions' mean as one article: a site keeping 10 updates of one story had the
    # interval of 10 distinct stories (closing 28, left open). Summed here, folded in rows_from_stats,
    # so partial statistics merge as the others do.
    stories: dict[tuple[str, str], tuple[int, Fraction, Fraction]] = field(default_factory=dict)
    sums: dict[str, Fraction] = field(default_factory=dict)  # signal columns and feature columns
    contributions: dict[str, Fraction] = field(default_factory=dict)  # per-feature logit shares

    def merge(self, other: SourceStats) -> None:
        self.articles += other.articles
        self.garbled += other.garbled
        self.repeats += other.repeats
        self.judged += other.judged
        self.no_text += other.no_text
        self.excerpts += other.excerpts
        self.held_articles += other.held_articles
        self.held_explained += other.held_explained
        for mine_counts, theirs_counts in ((self.languages, other.languages), (self.held, other.held),
                                           (self.unread, other.unread),
                                           (self.copies_held, other.copies_held), (self.names, other.names),
                                           (self.garbled_caps, other.garbled_caps)):
            for key, count in theirs_counts.items():
                mine_counts[key] = mine_counts.get(key, 0) + count
        self.trust_clipped += other.trust_clipped
        self.trust_squares += other.trust_squares
        for story, (n, clipped, squares) in other.stories.items():
            mine_n, mine_clipped, mine_squares = self.stories.get(story, (0, Fraction(0), Fraction(0)))
            self.stories[story] = (mine_n + n, mine_clipped + clipped, mine_squares + squares)
        for mine, theirs in ((self.sums, other.sums), (self.contributions, other.contributions)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, Fraction(0)) + value


# The news agencies' names (analyzer/lexicons/attribution_wire.tsv, the wire credits the attribution
# signal reads): a source named by one of them is counted under its agency, so that "AFP" from a
# wire dateline and "Agence France-Presse" from a metadata.csv are one row, not two (closing 26,
# design calls not made). The whole name is matched, case and spacing aside; no other outlet is merged,
# and nothing is matched in part or fuzzily ("AFP Getty", "Reuters.com" stay their own rows).
WIRE_LEXICON = "attribution_wire"


@cache
def _agencies() -> dict[str, str]:
    return {" ".join(row["term"].split()).casefold(): row["agency"] for row in lexicons.load(WIRE_LEXICON)}


def source_key(source: str) -> str:
    """The name a source is counted under in the trust table: its news agency's (WIRE_LEXICON) for
    one of the agency's names ("AFP", "Agence France Presse" -> "Agence France-Presse"), else the
    source case aside: "BBC.com" and "bbc.com" (a host, which has no case), "The Guardian" and "THE
    GUARDIAN" were two rows of one outlet (bug hunt 31b, T1). The row shows the spelling the run used
    most (rows_from_stats)."""
    folded = " ".join(source.split()).casefold()
    return _agencies().get(folded, folded)


def is_agency(key: str) -> bool:
    """Whether a source_key is a news agency's own name (its row may gather several names)."""
    return key in _agencies().values()


def _add(table: dict[str, Fraction], key: str, value: float) -> None:
    table[key] = table.get(key, Fraction(0)) + Fraction(float(value))


def repeat_key(article: Article) -> tuple[str, str]:
    """What makes two articles one: the same source and the same text as read (a digest of it), its
    line ends and space-like characters as plain_layout reads them: a CRLF copy of an LF file gives
    the same evidence and scores (README), so it is the same article, not a second one."""
    plain = plain_layout(article.text).replace("\r\n", "\n")
    text = plain.encode("utf-8", "surrogatepass")  # a scraped text may hold a lone surrogate
    # The source as the table counts it: one agency's story under "AFP" and "Agence France-Presse" is one.
    return source_key(article.source), hashlib.blake2b(text, digest_size=16).hexdigest()


def repeats_of(articles: Iterable[Article]) -> list[bool]:
    """For each article in order: is it a repeat of an earlier one (repeat_key)? The first copy counts."""
    seen: set[tuple[str, str]] = set()
    out = []
    for article in articles:
        key = repeat_key(article)
        out.append(key in seen)
        seen.add(key)
    return out


def source_stats(
    articles: Iterable[Article], flagged: Iterable[Flagged] | None, model: TrustModel, *, rescore: bool = False,
    repeats: Sequence[bool] | None = None,
) -> dict[str, SourceStats]:
    """Per-source statistics of some articles. Articles in `flagged` (garbled copies found by
    `flag`: their Flag or GarbledCopy, their Article.key, or a bare id, which marks every article of
    that id) are rescored with that knowledge and held at GARBLED_COPY_TRUST or below, a machine
    translation beside its original at its graded hold (trust.model.garbled_copy_trust; a hold of
    kind GARBLED_COPY_KIND naming the original, when a Flag or GarbledCopy gives it); `rescore=True`
    also writes that score back to their scores["trust"] and the hold to details["trust"], as
    TrustModel.score writes a text's hold. A repeat (the same source and text as an earlier article:
    repeats_of) is only counted in `repeats`; `repeats` gives, per article, whether it is one
    (analyzer.distributed decides over the whole run and hands each partition its part), else they
    are found here."""
    by_key: dict[tuple[str, ...], Hold] = {}
    by_id: dict[str, Hold] = {}
    for item in flagged or ():
        if isinstance(item, str):
            by_id[item] = garbled_copy_hold(None, None)
        elif isinstance(item, tuple | list):
            by_key[tuple(item)] = garbled_copy_hold(None, None)  # a key may come back from a worker as a list
        else:
            by_key[tuple(item.key)] = flag_hold(item)
    from analyzer.compare import keep_trust, scored_alone

    stats: dict[str, SourceStats] = {}
    if repeats is None:
        articles = list(articles)
        repeats = repeats_of(articles)
    for record, repeat in zip(articles, repeats, strict=True):
        # A record `score` compared is read as scored alone (its own label and translation score,
        # which the features read; review 27): the table is trust's, the comparison not counted twice.
        article = scored_alone(record)
        copy = by_key.get(article.key) or by_id.get(article.id)
        is_flagged = copy is not None
        alone = features.extract(article)  # held_copy reads a graded copy's features as not flagged too
        values = features.as_flagged(alone) if is_flagged else alone
        # Not judged: another language, or no article text (no_article_text: a section index, a consent
        # wall), whose zeros would read as an outlet's (bug hunt 32).
        reason = not_judged_reason(article)
        judged = reason is None
        explained = False
        own: Hold | None = None  # a flagged copy's own text hold (too little prose, run-on), kept beside its flag
        if copy is not None:
            trust, found, own, explained = held_copy(article, copy, model, alone, rescore=rescore)
        else:
            trust = article.scores.get("trust", 0.5)
            found = hold(article)
            earlier = article.details.get("trust")
            if isinstance(earlier, dict) and GARBLED_COPY_KIND in (earlier.get("held"), earlier.get("flagged")):
                # Held by an earlier ranking whose flags named it, not by these: its scored trust is
                # that hold's GARBLED_COPY_TRUST, so it is read again (review 26: a second rank_sources without the
                # flags kept the copy at the hold, its `why` and the report still saying "garbled copy").
                if rescore:  # TrustModel.score also writes or clears the text's own hold in details
                    trust = article.scores["trust"] = model.score(article)
                else:
                    trust = held_low(article, model.probability(values))
        # Held by its text alone (too little prose, run-on; not a garbled copy): not judged for its source
        # either (SourceStats.unread), its kind kept for `why`. Unless score labels it garbled by its text
        # alone (spun, machine_translated: the `garbled` feature and column): the outlet published a garbled
        # copy, a reading of it as a flag's is, so it counts at its hold (six run-on spun copies beside three
        # clean articles were left out, their source ranked on the three; review33).
        unread = (found.kind if judged and copy is None and found is not None and not values["garbled"]
                  else None)
        judged = judged and unread is None
        if rescore:
            keep_trust(record, article)
        s = stats.setdefault(source_key(article.source), SourceStats())
        s.names[article.source] = s.names.get(article.source, 0) + 1
        if repeat:
            s.repeats += 1
            continue
        s.articles += 1
        s.garbled += 1 if values["garbled"] > 0 else 0
        # A text held by its text alone is English prose the signals read: its signals are measurements
        # and count in the columns (OUTPUT.md: "means over its articles"); only its trust, a ceiling, is
        # left out (review33: a teaser had taken a source's attribution column from score's 0.754 to 0.630).
        read = judged or unread is not None
        for key in SIGNAL_COLUMNS:
            if read or key not in JUDGED_COLUMNS:
                _add(s.sums, key, float(article.scores.get(key, 0.0)))
        for key in FEATURE_COLUMNS:
            if read or key not in JUDGED_COLUMNS:
                _add(s.sums, key, values.get(key, 0.0))
        if not judged:
            if unread is not None:
                s.unread[unread] = s.unread.get(unread, 0) + 1
            elif reason == EXCERPT_REASON:
                s.excerpts += 1
            elif reason == NO_TEXT_REASON:
                s.no_text += 1
            else:
                s.languages[article.language] = s.languages.get(article.language, 0) + 1
            continue
        s.judged += 1
        clipped = Fraction(min(1.0, max(0.0, float(trust))))
        s.trust_clipped += clipped
        s.trust_squares += clipped * clipped
        if (story := _story(article)) is not None:
            n, clipped_sum, squares_sum = s.stories.get(story, (0, Fraction(0), Fraction(0)))
            s.stories[story] = (n + 1, clipped_sum + clipped, squares_sum + clipped * clipped)
        if found is not None:
            s.held_articles += 1
            # A text held by its text alone and labelled garbled: its kind with its label ("run_on_text/spun").
            labelled = f"/{article.label}" if copy is None else ""
            for kind in (found.kind + labelled, *((own.kind,) if own is not None else ())):
                s.held[kind] = s.held.get(kind, 0) + 1
            if found.kind == GARBLED_COPY_KIND:
                direction = (round(found.direction, 4) if found.direction is not None
                             and graded(found.label, found.original, found.direction) else None)
                copy_of = (found.original, found.label, direction)
                s.copies_held[copy_of] = s.copies_held.get(copy_of, 0) + 1
                cap = min(found.trust, own.trust) if own is not None else found.trust
                s.garbled_caps[cap] = s.garbled_caps.get(cap, 0) + 1
            if not explained:
                continue
            s.held_explained += 1
        for name, c in model.contributions(values).items():
            _add(s.contributions, name, c)
    return stats


def _story(article: Article) -> tuple[str, str] | None:
    """(source, story) of an article the pre-pass read as one of several versions of a story
    (signals.boilerplate.story_versions), else None."""
    found = article.details.get("boilerplate", {}).get("versions")
    if isinstance(found, dict) and isinstance(found.get("story"), str):
        return article.source, found["story"]
    return None


def _folded(s: SourceStats) -> tuple[int, Fraction, Fraction]:
    """The judged articles counted, the sum of their trust clipped to [0, 1] and of its squares, each
    story the pre-pass read in several versions counted once, as its versions' mean."""
    judged, clipped, squares = s.judged, s.trust_clipped, s.trust_squares
    for n, clipped_sum, squares_sum in s.stories.values():
        if n > 1:
            judged -= n - 1
            clipped += clipped_sum / n - clipped_sum
            squares += (clipped_sum / n) ** 2 - squares_sum
    return judged, clipped, squares


def flag_hold(flag: CopyFlag) -> Hold:
    """The hold of a copy `flag` flagged, its original named as the flag names it
    (Flag.original_name: with its path where its id repeats in the run), graded by its direction where it
    has one (trust.model.garbled_copy_trust)."""
    named = getattr(flag, "original_name", None) or flag.original
    return garbled_copy_hold(flag.label, named, getattr(flag, "evidence", ()), getattr(flag, "direction", None))


def held_copy(article: Article, copy: Hold, model: TrustModel, alone: dict[str, float] | None = None, *,
              rescore: bool = True) -> tuple[float, Hold | None, Hold | None, bool]:
    """The trust of a copy `flag` flagged (`copy`: its garbled_copy_hold), as the trust table holds it
    and `score`'s comparison of copies (analyzer.compare) carries it into the copy's record: held at
    the flag's hold or below (GARBLED_COPY_TRUST), or a machine translation naming its original at its
    flag's P(wrong) times its own trust (trust.model.graded_hold: the returned hold's trust), its text's own
    hold kept beside the flag's; not held where the copy is
    not judged (another language, or no article text: its trust stays score's). `alone`: its features as not flagged
    (features.extract(article)), computed here when not given. `rescore=True` writes the trust to
    scores["trust"] and the reasons to details["trust"]. Returns the trust, the hold the table counts
    (None: not judged), the text's own hold, and whether the model's features explain the trust (the
    model's trust was at or below the hold already, and the text has no hold of its own)."""
    own: Hold | None = None
    if not_judged_reason(article) is not None:
        # Not judged (another language, or no article text): the table leaves its trust out and counts
        # no hold, so it is not held at GARBLED_COPY_TRUST either; its details say it is a garbled copy
        # and that it was not judged (review 26: "held at 0.4" in its details, "not judged" in the
        # table; the same for a page with no article text, session 32's note). Its trust stays score's.
        trust = article.scores.get("trust", 0.5)
        if rescore:
            own = hold(article)
            article.details["trust"] = {"flagged": copy.kind, "why": not_judged_why(article, _names(copy, own))}
        return trust, None, own, False
    # Shown garbled by comparison with the other copies: held at the flag's hold or below,
    # whatever the text's own hold (computed once per article: held_low asks for it).
    if alone is None:
        alone = features.extract(article)
    raw = model.probability(features.as_flagged(alone))
    own = hold(article)
    modelled = held_low(article, raw)
    # A machine translation naming its original: P(flag wrong) x its trust judged alone, as not a copy
    # (trust.model.graded_hold); its features with `garbled` set would count the flag twice.
    graded_copy = graded(copy.label, copy.original, copy.direction)
    if graded_copy:
        copy = graded_hold(copy, held_low(article, model.probability(alone)))
    trust = copy.trust if graded_copy else min(modelled, copy.trust)
    explained = modelled <= copy.trust and own is None and not graded_copy
    if rescore:
        article.scores["trust"] = trust
        # Both reasons where the text has its own hold too (review 26: its "too little prose" was
        # lost), "held at" as TrustModel.score and the table say of that hold; not "held at 0.029"
        # where only the flag holds it and the model's trust was lower already (see _why).
        cap = min(copy.trust, own.trust) if own is not None else copy.trust
        held_at = f"held at {cap:g}: " if raw > trust or own is not None or graded_copy else ""
        article.details["trust"] = {"held": copy.kind, "why": held_at + _names(copy, own)}
    return trust, copy, own, explained


def merge_source_stats(*parts: dict[str, SourceStats]) -> dict[str, SourceStats]:
    """Per-source statistics of several parts combined (the parts are left unchanged)."""
    merged: dict[str, SourceStats] = {}
    for part in parts:
        for source, stats in part.items():
            merged.setdefault(source, SourceStats()).merge(stats)
    return merged


def rows_from_stats(stats: dict[str, SourceStats]) -> list[dict[str, float | int | str | None]]:
    """The trust table: one row per source, ranked by trust_low, the low end of its trust's credible
    interval (1 = most trusted; see the comment above INTERVAL_MASS), then by its posterior mean trust.

    A source none of whose articles could be judged (all in another language, or pages with no article
    text) is listed after the ranked ones at the prior, with the interval 0-1 (nothing known) and `why`
    saying so."""
    if not stats:
        return []
    rows = []
    for source, s in stats.items():
        n = s.articles
        total = float(s.trust_clipped)
        # Versions of one story count as one article (SourceStats.stories).
        counted, clipped, squares = _folded(s)
        # Held articles whose trust is their hold's, not the model's reading (held_explained: the model's
        # trust was at or below the hold already).
        posterior = source_posterior(counted, float(clipped), float(squares), s.held_articles - s.held_explained)
        # Nothing judged is nothing known: the prior's interval (0.81-1.00 beside one trusted
        # source) sorted such a source among the best on trust_low (bug hunt 23, H23c-7).
        low, high = posterior.interval if s.judged else (0.0, 1.0)
        rows.append({
            "source": _shown_name(source, s.names),
            "articles": n,
            "trust": round(posterior.mean, 4),
            "trust_low": round(low, 4),
            "trust_high": round(high, 4),
            "garbled": s.garbled,
            **{k: _mean(s.sums.get(k, Fraction(0)), s.judged + sum(s.unread.values()) if k in JUDGED_COLUMNS else n)
               for k in SIGNAL_COLUMNS + FEATURE_COLUMNS},
            "mean_article_trust": round(total / s.judged, 4) if s.judged else None,
            "not_judged": n - s.judged,
            # Copies of an article already counted (same source and text: hourly snapshots of one
            # feed), left out of `articles` and the trust so that they do not narrow the interval.
            "repeats": s.repeats,
            # Judged articles that are versions of a story already counted (a first take beside its
            # update): in `articles`, but the story counts once in the trust and the interval.
            "versions": s.judged - counted,
            "why": _why(s, source, posterior, counted, float(clipped), float(squares)),
        })
    rows.sort(key=lambda r: (r["not_judged"] == r["articles"], -float(r["trust_low"]), -float(r["trust"]),
                             -int(r["articles"]), str(r["source"])))
    return [{"rank": i, **row} for i, row in enumerate(rows, start=1)]


def _shown_name(key: str, names: dict[str, int]) -> str:
    """The name a source's row shows: the spelling the run used most, or on a tie the agency's own
    name (source_key; an agency is read under several names, any source in several cases)."""
    most = max(names.values(), default=0)
    tied = [name for name, n in names.items() if n == most]
    if len(tied) == 1:
        return tied[0]
    # An agency by its own name; two cases of one outlet as often by the one of capitals first, not the
    # key's folded case.
    return key if is_agency(key) else min(tied)


def shown_names(sources: Iterable[str]) -> dict[str, str]:
    """Each source as the trust table's row names it: an agency's several names ("AFP",
    "Agence France-Presse") map to the one spelling its row shows (source_key, _shown_name), so a
    summary beside the table counts the sources the table ranks."""
    names: dict[str, Counter[str]] = {}
    for source in sources:
        names.setdefault(source_key(source), Counter())[source] += 1
    shown = {key: _shown_name(key, dict(counts)) for key, counts in names.items()}
    return {source: shown[key] for key, counts in names.items() for source in counts}


def _mean(total: Fraction, count: int) -> float:
    """total / count rounded for the table; 0.0 over no article (a source with none judged, which
    `not_judged` and `why` name)."""
    return round(float(total / count), 4) if count else 0.0


def _why(s: SourceStats, key: str, posterior: SourcePosterior, counted: int, clipped: float, squares: float) -> str:
    """The articles held low, the features with the largest mean contributions to the logit over
    the other judged articles (and the garbled copies the hold did not lower), signed; the
    articles left out of the trust for their language; and how the articles' mean was shrunk."""
    reasons = []
    held = s.held_articles
    if held:
        counts = sorted((_held_name(s, kind, count), count) for kind, count in s.held.items())
        # Counts only where the kinds are not each of the held articles' (a garbled copy with too
        # little prose: "garbled copy of 002 (spun), too little prose").
        kinds = ", ".join(name if all(n == held for _, n in counts) else f"{name} {count}" for name, count in counts)
        # The cap of each held article is its lowest hold's: a garbled copy with too little prose
        # is held at GARBLED_COPY_TRUST, as its details say, not at "0.029-0.4" (review 29). A range where
        # a machine translation's hold is graded, or where some held articles are held by their text alone
        # (labelled garbled; the others are not judged: SourceStats.unread). garbled_caps holds a cap for
        # each garbled copy held (source_stats counts both at once).
        garbled = s.held.get(GARBLED_COPY_KIND, 0)
        caps = sorted(set(s.garbled_caps)
                      | ({HOLD_TRUST[kind.partition("/")[0]] for kind in s.held if kind != GARBLED_COPY_KIND}
                         if held > garbled else set()))
        at = f"{caps[0]:g}" if len(caps) == 1 else f"{caps[0]:g}-{caps[-1]:g}"
        # Garbled copies whose model trust was already below the cap (the seeds' 0.003) were not
        # lowered by the hold: "held at 0.4" would misread as their trust, so only what they are is said.
        prefix = "" if held == s.held_explained and set(s.held) == {GARBLED_COPY_KIND} else f"held at {at}: "
        reasons.append(f"{prefix}{kinds} ({held} article{'s' if held != 1 else ''})"
                       if held == s.judged else f"{held} of {s.judged} articles {prefix or 'flagged: '}{kinds}")
    explained = s.judged - held + s.held_explained
    if explained:
        means = ((k, float(v / explained)) for k, v in s.contributions.items())
        top = sorted(means, key=lambda kv: (-abs(kv[1]), kv[0]))[:WHY_FEATURES]
        reasons += [f"{name} {c:+.1f}" for name, c in top if abs(c) >= 0.05]
    if s.repeats:
        reasons.append(f"{s.repeats} repeat{'s' if s.repeats != 1 else ''} left out (same text)")
    if stories := [n for n, *_ in s.stories.values() if n > 1]:
        reasons.append(f"{sum(stories)} articles are versions of {len(stories)} "
                       f"stor{'ies' if len(stories) != 1 else 'y'}, each story counted once")
    if len(s.names) > 1:  # a news agency under several of its names, or one source in several cases
        spelled = ", ".join(f"{name} {n}" for name, n in sorted(s.names.items(), key=lambda kv: (-kv[1], kv[0])))
        reasons.append(f"one agency named {spelled}" if is_agency(key) else f"one source spelled {spelled}")
    if s.languages:
        shown = ", ".join(f"{language_name(language)} {count}" for language, count in sorted(s.languages.items()))
        reasons.append(_not_judged(s, sum(s.languages.values()), f"language {shown}",
                                   f"language {shown}; the signals read {LEXICON_LANGUAGE}"))
    if s.no_text:
        reasons.append(_not_judged(s, s.no_text, NO_TEXT_REASON))
    if s.excerpts:
        reasons.append(_not_judged(s, s.excerpts, EXCERPT_REASON))
    if s.unread:
        kinds = sorted((HOLD_NAMES.get(kind, kind), n) for kind, n in s.unread.items())
        shown = ", ".join(name if len(kinds) == 1 else f"{name} {n}" for name, n in kinds)
        reasons.append(_not_judged(s, sum(s.unread.values()), shown))
    if counted and (shrunk := _shrinkage(posterior, counted, clipped, squares)):
        reasons.append(shrunk)
    return ", ".join(reasons)


def _not_judged(s: SourceStats, count: int, reason: str, alone: str | None = None) -> str:
    """`why`'s words for `count` articles left out of the trust for `reason`: "2 of 6 articles not judged
    (reason)", or where none of the source's was judged "no article judged for trust (alone or reason)"."""
    if s.judged:
        return f"{count} of {s.articles} articles not judged ({reason})"
    return f"no article judged for trust ({alone or reason})"


def _shrinkage(posterior: SourcePosterior, counted: int, clipped: float, squares: float) -> str:
    """The shrinkage in words ("" where there is nothing to say): the articles' mean and the trust the
    prior shrinks it to, and why the interval is as wide as it is (one article; articles that agree or
    disagree more than a source's usually do, DISPERSION_SAID). Articles that disagree are given their
    trusts' standard deviation: ten articles of 0.99 and 0.01 have a wider interval (0.47) than one
    article of 0.99 (0.43), since their mean sits at 0.5 where any interval is widest (one article of 0.5:
    0.64), and a reader comparing the two rows needs to see why (review 32b, R4). Where the bound holds
    the dispersion (dispersion_bound), the interval is one article's at their mean, and `why` says so."""
    mean = clipped / counted
    said = []
    if round(posterior.mean, 2) != round(mean, 2):
        said.append(f"mean {mean:.2f} shrunk to {posterior.mean:.2f} toward {PRIOR_MEAN:g}")
    if counted == 1:
        said.append("one article says little (wide interval)")
    elif posterior.phi > PHI * (1.0 + DISPERSION_SAID):
        sd = (max(0.0, squares - clipped * clipped / counted) / (counted - 1)) ** 0.5
        bound = dispersion_bound(counted)
        wide = ("as wide as one article's at their mean" if bound < 1.0 and posterior.phi >= bound * (1.0 - 1e-9)
                else "wider interval")
        said.append(f"its articles disagree more than a source's usually do (trust sd {sd:.2f}; {wide})")
    elif posterior.phi < PHI * (1.0 - DISPERSION_SAID):
        said.append("its articles agree more than a source's usually do (narrower interval)")
    return ": ".join(said)


def _names(copy: Hold, own: Hold | None) -> str:
    """A flagged copy's hold named, and its text's own hold beside it: "garbled copy of 002 (spun),
    too little prose"."""
    return copy.name + (f", {own.name}" if own is not None else "")


def _held_name(s: SourceStats, kind: str, count: int) -> str:
    """A kind of hold as the `why` names it: garbled copies with their originals ("garbled copy of
    002 (spun)"; "garbled copies of 002 (spun), of 005 (spun) and 2 more"; those with no original
    counted: "and 1 with no cleaner copy in the input"), others by HOLD_NAMES."""
    if kind != GARBLED_COPY_KIND:
        # A text held by its text alone that score labels garbled: "run-on text labelled spun".
        base, _, label = kind.partition("/")
        return HOLD_NAMES.get(base, base) + (f" labelled {label}" if label else "")
    name = HOLD_NAMES[kind]
    if count == 1:
        [(original, label, direction)] = s.copies_held
        detail = garbled_copy_detail(label, original, direction)
        return f"{name} {detail}" if detail else name
    # Read from each copy's (original, label, direction), not parsed back from the text of its detail.
    ranked = sorted((((garbled_copy_detail(label, original, direction), original, label), n)
                     for (original, label, direction), n in s.copies_held.items()),
                    key=lambda kv: (-kv[1], kv[0][0]))
    named = [detail for (detail, original, _), _ in ranked if original is not None]
    parts = named[:WHY_COPIES]
    if len(named) > WHY_COPIES:
        parts.append(f"{len(named) - WHY_COPIES} more")
    # Flagged with no cleaner copy in the input; a copy given by its key or id alone has no label.
    alone = sum(n for (_, original, label), n in ranked if original is None and label)
    if not parts:
        return "garbled copies" + (" with no cleaner copy in the input" if alone else "")
    if alone:
        parts.append(f"{alone} with no cleaner copy in the input")
    return "garbled copies " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def rank_sources(
    articles: Iterable[Article], flagged: Iterable[Flagged] | None = None, model: TrustModel | None = None
) -> list[dict[str, float | int | str | None]]:
    """One row per source, ranked by trust_low, then trust (rows_from_stats; 1 = most trusted).

    Articles that `flag` found garbled (`flagged`: as in source_stats; give the flags, so that `why`
    names their originals) are rescored with that knowledge and held at GARBLED_COPY_TRUST or below,
    a machine translation beside its original at (1 - its flag's probability) x its own trust
    (trust.model.graded_hold; their `trust` score and details["trust"] are updated in place), since
    the article-level pass could not see the other copies.
    """
    from analyzer.trust import default_model

    model = model or default_model()
    return rows_from_stats(source_stats(articles, flagged, model, rescore=True))
