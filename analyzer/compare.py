"""`score`'s comparison of the copies in its input: flag's findings carried into each flagged
article's record (issue 6, session 27).

`score` judged each article alone, so a spun or machine-translated copy that reads clean on its own
(on bench/bench_flag.py's flag corpus, 193 of 300 spun copies and 78 of 81 machine translations) was
labelled `clean`, with no evidence and a trust of ~0.75, while `flag` on the same input found it
garbled, with spans carrying the original's wording, and `trust` held it low (GARBLED_COPY_TRUST). carry_flags puts
that into the copy's record: flag's label where its own is `clean`, flag's spans as evidence of a
`copy_` kind (the original's wording as their suggestion), the hold `trust` applies
(trust.ranking.held_copy), a translation score of at least FLAGGED_COPY_TRANSLATION, or for a machine
translation naming its original the probability that its flag is right (1 - flag_hold's graded hold, before
held_copy multiplies it by the copy's own trust), where the
comparison found something (an original, or spans from another copy), and
details["copy"] saying what came from the comparison. uncompared undoes it, so that `flag` and
`trust` run on such records read each article's own scoring and do not count the comparison twice.
"""

from __future__ import annotations

import copy as copying
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from analyzer.article import COPY_DETAIL, Article
from analyzer.stories import Flag, group_and_flag
from analyzer.trust.model import FLAG_PRECISION, GARBLED_COPY_TRUST, TrustModel, note_hold
from analyzer.trust.ranking import flag_hold, held_copy

# The translation score of a copy `flag` shows to be garbled, at least: `flag`'s precision, the share
# of its flags that are garbled copies (trust.model.FLAG_PRECISION, 0.971 on the flag corpus). A machine
# translation naming its original: its own flag's probability, 1 - flag_hold's trust (trust.model.GRADED_HOLD_LABEL;
# not 1 - the trust held_copy holds it at, P(flag wrong) x its own trust since h31b).
FLAGGED_COPY_TRANSLATION = FLAG_PRECISION
# The kind of a span found by comparing the copy with its original is flag's kind under this prefix
# (copy_substitution, copy_reworded_sentence, copy_learned_substitution): told apart from the
# article's own spans (tortured_phrase, mt_calque ...), which no comparison is needed for.
COPY_KIND_PREFIX = "copy_"


def compare_articles(articles: list[Article], model: TrustModel) -> list[Flag]:
    """Group `articles` into stories as `flag` does and carry each flag into its copy's record
    (carry_flags). Returns the flags. Articles compared before (details["copy"]) are compared again
    from their own scoring (uncompared): compare_scored given score's compared output took the
    comparison's label, trust and spans for the copy's own, and its own scoring was lost."""
    for article in articles:
        uncompared(article)
    _, flags = group_and_flag(articles)
    carry_flags(articles, flags, model)
    return flags


def carry_flags(articles: Iterable[Article], flags: Iterable[Flag], model: TrustModel) -> None:
    """Write each flag's findings into its copy's record, in place (see the module's docstring)."""
    by_key = {f.key: f for f in flags}
    for article in articles:
        found = by_key.get(article.key)
        if found is not None:
            _carry(article, found, model)


def _carry(article: Article, flag: Flag, model: TrustModel) -> None:
    own = {"label": article.label, "translation": article.scores.get("translation", 0.0),
           "trust": article.scores.get("trust", 0.5)}
    # The hold first, on the article's own scoring: the features `trust` reads it with (the same
    # function, so score's trust for the copy is the trust table's).
    copy = flag_hold(flag)
    held_copy(article, copy, model, rescore=True)
    if article.label == "clean":
        article.label = flag.label
    # flag's spans include the copy's own translation evidence (its spans as scored): those the
    # record has already at the same place are not repeated.
    have = {(e.start, e.end) for e in article.evidence if e.signal == "translation"}
    added = 0
    for ev in flag.evidence:
        if (ev.start, ev.end) in have:
            continue
        have.add((ev.start, ev.end))
        kind = ev.kind if ev.kind.startswith(COPY_KIND_PREFIX) else COPY_KIND_PREFIX + ev.kind
        article.evidence.append(replace(ev, kind=kind))
        added += 1
    if flag.original is not None or added:
        # Not where flag only repeats the article's own label (no cleaner copy in the input, no span
        # from another copy): the comparison found nothing, and its translation score is the signal's
        # (review 27: 0.762 -> 0.971 for a lone copy the signal labelled spun, flag corpus bbc-other-0064).
        # `copy` is flag_hold's, not held_copy's (which is times the copy's own trust): 1 - its trust is P(flag right).
        floor = FLAGGED_COPY_TRANSLATION if copy.trust <= GARBLED_COPY_TRUST else round(1.0 - copy.trust, 3)
        article.scores["translation"] = max(float(own["translation"]), floor)
    article.details[COPY_DETAIL] = {"original": flag.original, "original_path": flag.original_path,
                                    "label": flag.label, "similarity": round(flag.similarity, 4),
                                    "evidence": added, "own": own,
                                    **({"direction": round(flag.direction, 4)} if flag.direction is not None else {})}


def uncompared(article: Article) -> Article:
    """The article with its own scoring back, where carry_flags changed it (in place; returned):
    its label, translation score and trust, without the `copy_` spans and details["copy"], its
    details["trust"] its text's own hold's (note_hold, as TrustModel.score writes it). Reads details["copy"],
    so a record read back from `score`'s JSON is restored too."""
    found: Any = article.details.get(COPY_DETAIL)
    if not isinstance(found, dict) or not isinstance(found.get("own"), dict):
        return article
    own = found["own"]
    article.label = str(own.get("label", article.label))
    for key in ("translation", "trust"):
        if key in own:
            article.scores[key] = float(own[key])
    article.evidence = [e for e in article.evidence if not e.kind.startswith(COPY_KIND_PREFIX)]
    del article.details[COPY_DETAIL]
    note_hold(article)
    return article


def scored_alone(article: Article) -> Article:
    """The article as scored alone: itself where it was not compared, else a copy of it uncompared
    (scores, evidence and details copied; its cached segmentation shared, the text being the same).
    What flag_articles, trust_articles and the trust table read, so that the caller's compared record
    keeps its comparison: undoing it in place turned the caller's garbled copy back to clean (review 27)."""
    if COPY_DETAIL not in article.details:
        return article
    own = copying.copy(article)
    own.scores, own.evidence, own.details = dict(article.scores), list(article.evidence), dict(article.details)
    return uncompared(own)


def keep_trust(record: Article, alone: Article) -> None:
    """The trust a ranking wrote to `alone` (scored_alone's copy of `record`) written to the compared
    record too, as to every other article it ranks."""
    if alone is record:
        return
    record.scores["trust"] = alone.scores["trust"]
    if "trust" in alone.details:
        record.details["trust"] = alone.details["trust"]
    else:
        record.details.pop("trust", None)
