"""Article-level features for the trust model, read from what the signals left on an article.

Every signal is read defensively: a missing score, detail or evidence kind counts as 0, so this
works with the first versions of the signals and with later, richer ones (the model is retrained
by scripts/train_trust.py whenever the signals change). A few cheap style figures that no
signal owns (quotes, datelines, first/second person, exclamations) are computed here from the
text with precompiled regexes.

All features are bounded rates or shares (per sentence, per 100 words, 0/1 flags), never raw
counts, so that long and short articles are comparable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from analyzer import lexicons
from analyzer.article import Article
from analyzer.text import RATE_MIN_WORDS, UNREAD, as_shown, has_invisible, split_lines

# Order matters: the model file stores coefficients in this order and the loader checks it.
FEATURE_NAMES: tuple[str, ...] = (
    "translation",          # scores.translation
    # One density for every kind of garbling: split by kind, the weights followed how rare each
    # kind's evidence is in training rather than how much damage it marks.
    "artifact_density",     # log1p(translation evidence per 100 words)
    "garbled",              # label != clean, or flagged as a garbled copy by `flag`
    "machine_evidence",     # log-odds that the English is machine-made (see machine_evidence)
    "boilerplate",          # scores.boilerplate: share of characters in boilerplate lines
    "residue_lines",        # share of lines that are scraper residue / navigation / promo
    "foreign_share",        # share of characters not in the article's main language
    "attribution",          # scores.attribution: share of content sentences attributed
    "named_sources",        # distinct named sources per content sentence (capped at 1)
    "anonymous_share",      # anonymous sources / all sources
    "quote_rate",           # quotations per content sentence (capped at 1)
    "wire_credit",          # a news agency is credited (AFP, Reuters, AP...)
    "dateline",             # the body opens with a dateline ("BEIRUT:", "WASHINGTON (Reuters) -")
    "hedging",              # scores.hedging: share of sentences with a hedge cue
    "verification",         # "could not independently verify" and the like
    "readability",          # Flesch reading ease / 100, clipped to [0, 1.2]
    "first_person",         # I/me/my/we/our per 100 words outside quotations
    "second_person",        # you/your per 100 words outside quotations
    "exclamation",          # sentences ending in '!' outside quotations, per sentence
    "question",             # sentences ending in '?' outside quotations, per sentence
    "number_rate",          # figures outside quotations per 100 words: reported facts carry numbers
    "sourcing",             # mean of attribution and quote_rate (see MODEL_FEATURES)
)

# One line per feature for readers of `analyzer explain` (what a high value means).
FEATURE_HELP: dict[str, str] = {
    "translation": "translation score (machine translation / spinning)",
    "artifact_density": "translation evidence spans per 100 words (log)",
    "garbled": "labelled spun or machine-translated, or flagged as a garbled copy",
    "machine_evidence": "log-odds that the English is machine-made",
    "boilerplate": "share of characters in boilerplate lines",
    "residue_lines": "share of lines that are scraper residue, navigation or promos",
    "foreign_share": "share of characters not in the main language",
    "attribution": "share of sentences attributed to a source",
    "named_sources": "distinct named sources per sentence",
    "anonymous_share": "share of sources left unnamed",
    "quote_rate": "quotations per sentence",
    "wire_credit": "a news agency is credited",
    "dateline": "the body opens with a dateline",
    "hedging": "share of sentences with a hedge",
    "verification": "says what could not be verified",
    "readability": "Flesch reading ease / 100",
    "first_person": "I / we per 100 words outside quotes",
    "second_person": "you per 100 words outside quotes",
    "exclamation": "share of sentences ending in '!'",
    "question": "share of sentences ending in '?'",
    "number_rate": "figures per 100 words outside quotes",
    "sourcing": "mean of attribution share and quotation rate",
}

# The features a trust model is fitted on by default: attribution and quote_rate enter only
# through their mean, "sourcing". The training data can hardly tell them apart (a copy stripped
# of its sourcing loses its quotes and its "said" together), so fitted apart nearly all the
# weight went to quote_rate (+1.1 against +0.1, models/trust.json of 2026-11-22), and trust
# followed an article's gold attribution share poorly on held-out PolNeAR dev articles
# (Spearman +0.36). With the mean: sourcing weight +0.9, Spearman +0.43, grouped-CV ROC AUC
# 0.820 -> 0.823 (evaluation/eval_trust.py). Both stay in FEATURE_NAMES, so a model file that
# weighs them apart (as earlier versions of `analyzer train` wrote) still loads.
SOURCING_PARTS = ("attribution", "quote_rate")
MODEL_FEATURES: tuple[str, ...] = tuple(n for n in FEATURE_NAMES if n not in SOURCING_PARTS)

# Expected direction of each feature's effect on trust, from journalism practice (sourcing,
# quotes, datelines and agency credits mark reported news; garbling, residue and second-person
# address mark copied or unsourced text). Training drops a feature whose fitted weight comes out
# against its direction (a collinearity or sampling artefact), so the weights stay explainable.
# 0 = no constraint.
FEATURE_SIGNS: dict[str, int] = {
    "translation": -1, "artifact_density": -1, "garbled": -1, "machine_evidence": -1,
    "boilerplate": -1, "residue_lines": -1, "foreign_share": -1,
    "attribution": 1, "named_sources": 1, "anonymous_share": 0, "quote_rate": 1, "wire_credit": 1,
    "dateline": 1, "hedging": 0, "verification": 1, "readability": 0,
    "first_person": -1, "second_person": -1, "exclamation": -1, "question": -1, "number_rate": 0,
    "sourcing": 1,
}

# Boilerplate evidence kinds that mark a scraped, unedited page rather than the article's own
# furniture (captions and bylines are normal on a clean page). Named as boilerplate.REASONS names
# them (a test checks it): until 2026-11-22 "share", "cookie" and three other names here matched no
# kind the signal reports, so share buttons and cookie notices never counted.
RESIDUE_KINDS = frozenset({"scraper_residue", "navigation", "promo", "share_buttons", "cookie_notice", "comments",
                           "repeated_across_source", "related_links"})

# machine_evidence: the translation signal's two probabilities (details keys) and MT artifact
# count. Either model alone may show a copy is machine-made (fluent MT has no artifacts, a literal
# one may read like native news), so their odds add, as in the signal's own fusion but without
# its style exponent (fitted to rank documents against native news); each MT artifact per 100
# words adds one unit of log-odds (a direct trace, rare in human translations). Between the human
# and the machine translation of each WMT21 ja-en document it ranks the machine one higher in 88%
# of pairs (bench/bench_flag.py; the style probability alone 85%, in-sample for the style model).
#
# Which of two translations of one text is the machine one is decided on translation_evidence, the
# same sum without the garbled probability: that model is fitted with both translations as clean
# rows, so it does not order them, and on a language pair neither model saw it orders them the
# wrong way. Share of pairs whose machine copy scores higher, both models refitted without the
# pair (evaluation/eval_translation.py --pairs, mt/wmt_dev_docs.jsonl + mt/wmt_dev_segments.tsv):
# machine_evidence ja-en 0.877, de-en 0.643, zh-en 0.834; translation_evidence 0.877, 0.976, 0.951.
# machine_evidence stays what the floor of a machine translation (stories.MACHINE_EVIDENCE_FLOOR),
# the choice of a story's original and the trust model read: a garbled copy is machine-made too.
# Trust refitted on translation_evidence instead (scripts/train_trust.py, evaluation/eval_trust.py,
# twenty-fifth session) gives the feature no weight (-0.861 -> 0.000) and clean above spun 0.982
# -> 0.972 of 283 pairs (human above machine translation 0.753 -> 0.753): machine evidence would
# no longer lower trust at all, so trust keeps machine_evidence.
MACHINE_STYLE_KEY = "p_machine_style"
GARBLED_KEY = "p_garbled"
MT_COUNT_KEY = "mt_artifacts"
MT_ARTIFACT_LOGIT = 1.0
# Probabilities are clipped this far from 0 and 1 before taking odds (the signal stores 4 decimals).
PROB_EPS = 1e-4
# Bounds of machine_evidence (log-odds): beyond them the evidence is conclusive either way.
EVIDENCE_BOUNDS = (-10.0, 20.0)
# Quotations of at least this many words count ("said it was 'fine'" does not).
MIN_QUOTE_WORDS = 3
_QUOTE_RE = re.compile(r"[\"“”«»](?P<body>[^\"“”«»\n]{3,600})[\"“”«»]")
# First- and second-person pronouns and figures, each a whole word (case-sensitive: "US" is not
# "us"), i.e. the matches of \b(?:(?P<first>...)|(?P<second>...))\b|\b\d[\d,.]* as one pattern.
# They are counted with two patterns that start with a literal or a digit, so the regex engine
# skips to candidate characters instead of testing \b at every position (2x faster on
# bbc_dev.jsonl); the leading \b is checked on each candidate instead (see _count_whole).
FIRST_PERSON = frozenset("I me My my mine myself We we us Our our Ours ours ourselves".split())
SECOND_PERSON = frozenset("You you Your your Yours yours Yourself yourself Yourselves yourselves".split())
_PRONOUN_RE = re.compile(r"(?:" + "|".join(sorted(FIRST_PERSON | SECOND_PERSON)) + r")\b")
_NUMBER_RE = re.compile(r"\d[\d,.]*")
# A dateline: a place in capitals, an optional state/date and agency credit, then a dash or colon,
# at the start of the body ("WASHINGTON —", "BEIRUT:", "LONDON (Reuters) -"; AP and Reuters style).
_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+\d{1,2})?)?\s*(?:\([A-Z][\w .-]{1,30}\))?\s*[-–—:]\s+\S"
)
# Content sentences searched for a dateline (a headline or a standfirst may come first).
DATELINE_SENTENCES = 3
_SENTENCE_FINAL_RE = re.compile(r"([!?])[\"'”’»)\]]*\s*$")


def _num(value: Any) -> float:
    """A finite float from whatever a signal stored, 0.0 for anything else."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float) and math.isfinite(float(value)):
        return float(value)
    if isinstance(value, list | tuple | set | frozenset | dict):
        return float(len(value))
    return 0.0


def _detail(details: Mapping[str, Any], names: Iterable[str]) -> float | None:
    """The first of several possible detail keys that a signal set (signals evolve)."""
    for name in names:
        if name in details:
            return _num(details[name])
    return None


def _clip(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(high, max(low, value))


def _odds(p: float) -> float:
    p = _clip(p, PROB_EPS, 1.0 - PROB_EPS)
    return p / (1.0 - p)


def _word_count(text: str) -> int:
    """Whitespace tokens, at least 1: 5x cheaper than the word regex and only used to normalise
    rates. A token of invisible characters alone (markup text.markup_hidden hides: an image) is none."""
    tokens = text.split()
    if has_invisible(text):
        return max(1, sum(1 for t in tokens if t.strip(UNREAD)))
    return max(1, len(tokens))


def machine_evidence(article: Article) -> float:
    """Log-odds that the article's English is machine-made: the odds of the translation signal's
    style and garbled probabilities added, plus its MT artifact density (see MACHINE_STYLE_KEY);
    the translation score alone when the signal reports neither probability."""
    return _evidence(article, (MACHINE_STYLE_KEY, GARBLED_KEY))


def translation_evidence(article: Article) -> float:
    """Log-odds that, of two translations of one text, this is the machine one: the style
    probability's odds plus MT artifact density, as in machine_evidence but without the garbled
    probability (see the comment above MACHINE_STYLE_KEY); machine_evidence when the signal reports
    no style probability."""
    return _evidence(article, (MACHINE_STYLE_KEY,))


def _evidence(article: Article, keys: tuple[str, ...]) -> float:
    """The odds of the translation signal's probabilities under `keys` added, as log-odds, plus
    MT_ARTIFACT_LOGIT per MT artifact per 100 words, clipped to EVIDENCE_BOUNDS. With none of them
    reported: machine_evidence's, whose own fallback is the translation score."""
    details = article.details.get("translation", {})
    details = details if isinstance(details, dict) else {}
    probs = [details[k] for k in keys
             if isinstance(details.get(k), int | float) and not isinstance(details.get(k), bool)
             and math.isfinite(details[k])]
    if not probs and GARBLED_KEY not in keys:
        return machine_evidence(article)
    odds = sum(_odds(float(p)) for p in probs) if probs else _odds(_num(article.scores.get("translation")))
    words = max(_word_count(article.text), RATE_MIN_WORDS)
    z = math.log(odds) + MT_ARTIFACT_LOGIT * 100.0 * _num(details.get(MT_COUNT_KEY)) / words
    return _clip(z, *EVIDENCE_BOUNDS)


@cache
def _wire_re() -> re.Pattern[str]:
    """Agency names of the attribution lexicon, case-sensitive whole words (fallback only)."""
    names = sorted((row["term"] for row in lexicons.load("attribution_wire")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


@cache
def _dateline_labels() -> frozenset[str]:
    return frozenset(row["term"] for row in lexicons.load("dateline_labels"))


def _is_dateline(sentence: str) -> bool:
    m = _DATELINE_RE.match(sentence)
    return bool(m) and m.group("place") not in _dateline_labels()


def _strip_quotes(text: str) -> str:
    return _QUOTE_RE.sub(" ", text)


def _count_whole(pattern: re.Pattern[str], text: str) -> list[str]:
    """The matches of `\b` + pattern in text, found with `pattern` alone.

    The leftmost match at or after `pos` that starts at a word boundary is the one `\b` + pattern
    finds (every candidate matches a word character first, so the boundary only needs the
    character before it to be a non-word one); a candidate inside a word is skipped by one
    character, as the regex engine would.
    """
    found = []
    pos = 0
    search = pattern.search
    while (m := search(text, pos)) is not None:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # \w, as `re` defines it
            pos = start + 1
            continue
        found.append(m.group())
        pos = m.end()
    return found


def extract(article: Article, flagged: bool = False) -> dict[str, float]:
    """Feature values of one scored article, in FEATURE_NAMES order."""
    scores = article.scores
    details = article.details
    words = _word_count(article.text)
    per100 = 100.0 / max(words, RATE_MIN_WORDS)

    kinds: dict[tuple[str, str], int] = {}
    for ev in article.evidence:
        key = (ev.signal, ev.kind)
        kinds[key] = kinds.get(key, 0) + 1
    # The translation signal's confident evidence ("flags"): the spans its gate adds besides are
    # for the reader, the score rests on these. Counted from the evidence when a signal has no detail.
    translation_details = details.get("translation")
    translation_ev = (_detail(translation_details, ("flags",)) if isinstance(translation_details, dict) else None)
    if translation_ev is None:
        translation_ev = sum(n for (sig, _), n in kinds.items() if sig == "translation")
    residue_ev = sum(n for (sig, kind), n in kinds.items() if sig == "boilerplate" and kind in RESIDUE_KINDS)
    verification_ev = sum(n for (_, kind), n in kinds.items() if "verif" in kind)

    lines = article.lines
    sentences = article.content_sentences or article.sentences
    n_sent = max(1, len(sentences))
    body = as_shown("\n".join(s.text for s in sentences))  # "&#8217;" is no figure

    languages = details.get("language", {}).get("languages", {}) if isinstance(details.get("language"), dict) else {}
    main_share = max((_num(v) for v in languages.values()), default=1.0) if isinstance(languages, dict) else 1.0

    attribution = details.get("attribution", {})
    attribution = attribution if isinstance(attribution, dict) else {}
    named = _detail(attribution, ("named_sources", "distinct_named_sources", "named"))
    anonymous = _detail(attribution, ("anonymous_sources", "anonymous"))
    if named is None:
        named = float(kinds.get(("attribution", "named_source"), 0) + kinds.get(("attribution", "source_named"), 0))
    if anonymous is None:
        anonymous = float(kinds.get(("attribution", "anonymous_source"), 0)
                          + kinds.get(("attribution", "source_anonymous"), 0))
    quotes = _detail(attribution, ("quotes", "quotations"))
    if quotes is None:
        quotes = float(sum(1 for m in _QUOTE_RE.finditer(body) if len(m.group("body").split()) >= MIN_QUOTE_WORDS))
    wire = _detail(attribution, ("wire_credits", "wire_credit", "wire"))
    if wire is None:  # an attribution signal that does not report credits: evidence, else the text
        wire = float(kinds.get(("attribution", "wire_credit"), 0)) or (1.0 if _wire_re().search(article.text) else 0.0)

    unquoted = _strip_quotes(body)
    pronouns = _count_whole(_PRONOUN_RE, unquoted)
    first = sum(map(FIRST_PERSON.__contains__, pronouns))
    second = len(pronouns) - first
    numbers = len(_count_whole(_NUMBER_RE, unquoted))
    exclaim = question = 0
    for sent in sentences:
        # _SENTENCE_FINAL_RE needs a "!" or "?": most sentences skip its scan of the whole sentence.
        if "!" not in sent.text and "?" not in sent.text:
            continue
        m = _SENTENCE_FINAL_RE.search(sent.text)
        if m and not _QUOTE_RE.search(sent.text):
            if m.group(1) == "!":
                exclaim += 1
            else:
                question += 1

    hedging_details = details.get("hedging", {}) if isinstance(details.get("hedging"), dict) else {}
    verification = _detail(hedging_details, ("verification", "verification_statements"))
    if not verification:
        verification = float(verification_ev)

    garbled = 1.0 if article.label not in ("clean", "", None) else 0.0
    values = {
        "translation": _clip(_num(scores.get("translation"))),
        "artifact_density": math.log1p(translation_ev * per100),
        "garbled": garbled,
        "machine_evidence": machine_evidence(article),
        "boilerplate": _clip(_num(scores.get("boilerplate"))),
        # Lines of prose: a hard-wrapped article has three times the lines of its paragraphs.
        "residue_lines": _clip(residue_ev / max(1, len(lines) if article.prose is article.text
                                                else len(split_lines(article.prose)))),
        "foreign_share": _clip(1.0 - main_share),
        "attribution": _clip(_num(scores.get("attribution"))),
        "named_sources": _clip(named / n_sent),
        "anonymous_share": _clip(anonymous / (named + anonymous)) if named + anonymous > 0 else 0.0,
        "quote_rate": _clip(quotes / n_sent),
        "wire_credit": 1.0 if wire > 0 else 0.0,
        "dateline": 1.0 if any(_is_dateline(as_shown(s.text)) for s in sentences[:DATELINE_SENTENCES]) else 0.0,
        "hedging": _clip(_num(scores.get("hedging"))),
        "verification": 1.0 if verification > 0 else 0.0,
        "readability": _clip(_num(scores.get("readability")) / 100.0, 0.0, 1.2),
        "first_person": _clip(first * per100, 0.0, 20.0),
        "second_person": _clip(second * per100, 0.0, 20.0),
        "exclamation": _clip(exclaim / n_sent),
        "question": _clip(question / n_sent),
        "number_rate": _clip(numbers * per100, 0.0, 30.0),
    }
    values["sourcing"] = (values["attribution"] + values["quote_rate"]) / 2
    return as_flagged(values) if flagged else values


def as_flagged(values: dict[str, float]) -> dict[str, float]:
    """extract(article, True) from extract(article): a copy `flag` flagged is garbled, whatever its label
    (trust reads a graded copy both ways, and extracts it once)."""
    return {**values, "garbled": 1.0}


def vector(article: Article, flagged: bool = False, names: Iterable[str] = FEATURE_NAMES) -> list[float]:
    values = extract(article, flagged)
    return [values.get(name, 0.0) for name in names]
