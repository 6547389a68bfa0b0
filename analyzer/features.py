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
from typing import Any

from analyzer.article import Article

# Order matters: the model file stores coefficients in this order and the loader checks it.
FEATURE_NAMES: tuple[str, ...] = (
    "translation",          # scores.translation
    "artifact_density",     # log1p(translation evidence per 100 words)
    "spun_density",         # log1p(tortured phrases / substitutions per 100 words)
    "mt_density",           # log1p(other machine-translation artifacts per 100 words)
    "garbled",              # label != clean, or flagged as a garbled copy by `flag`
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
    "number_rate",          # figures (digits) per 100 words: reported facts carry numbers
)

# Evidence kinds (signal "translation") counted as spinning rather than machine translation.
SPUN_KINDS = frozenset({"tortured_phrase", "substitution", "rare_synonym", "spun_phrase"})
# Boilerplate evidence kinds that mark a scraped, unedited page rather than the article's own
# furniture (captions and bylines are normal on a clean page).
RESIDUE_KINDS = frozenset({"scraper_residue", "navigation", "promo", "share", "cookie", "aggregator",
                           "repeated_across_source", "related_links", "subscription", "social"})

# Quotations of at least this many words count ("said it was 'fine'" does not).
MIN_QUOTE_WORDS = 3
_QUOTE_RE = re.compile(r"[\"“”«»](?P<body>[^\"“”«»\n]{3,600})[\"“”«»]")
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_NUMBER_RE = re.compile(r"(?<![\w.])\d[\d,.]*")
_FIRST_RE = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our|ours|ourselves)\b")
_SECOND_RE = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
# Agency credits, matched case-sensitively: used only when the attribution signal reports none.
_WIRE_RE = re.compile(
    r"\b(?:AFP|Reuters|AP|Associated Press|Agence France-Presse|dpa|Xinhua|Bloomberg|UPI|ANSA|EFE|"
    r"Kyodo|Yonhap|PA Media|Press Association|Anadolu|Interfax|TASS|WAM|SPA|KUNA|PTI|IANS|AAP|CP)\b"
)
# A dateline: a place in capitals (or Title case followed by a colon) then an optional agency
# credit and a dash or colon, at the start of the first content line (AP, Reuters, AFP style).
_DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Za-z.'-]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?=:))"
    r"\s*(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?\s*)?(?:\((?:[A-Z][\w ]{1,30})\))?\s*(?:[-–—:])\s+\S"
)
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


def _strip_quotes(text: str) -> str:
    return _QUOTE_RE.sub(" ", text)


def extract(article: Article, flagged: bool = False) -> dict[str, float]:
    """Feature values of one scored article, in FEATURE_NAMES order."""
    scores = article.scores
    details = article.details
    words = max(1, sum(1 for _ in _WORD_RE.finditer(article.text)))
    per100 = 100.0 / words

    kinds: dict[tuple[str, str], int] = {}
    for ev in article.evidence:
        key = (ev.signal, ev.kind)
        kinds[key] = kinds.get(key, 0) + 1
    translation_ev = sum(n for (sig, _), n in kinds.items() if sig == "translation")
    spun_ev = sum(n for (sig, kind), n in kinds.items() if sig == "translation" and kind in SPUN_KINDS)
    residue_ev = sum(n for (sig, kind), n in kinds.items() if sig == "boilerplate" and kind in RESIDUE_KINDS)
    verification_ev = sum(n for (_, kind), n in kinds.items() if "verif" in kind)

    lines = article.lines
    sentences = article.content_sentences or article.sentences
    n_sent = max(1, len(sentences))
    body = "\n".join(s.text for s in sentences)

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
    if not wire:
        wire = float(kinds.get(("attribution", "wire_credit"), 0)) or (1.0 if _WIRE_RE.search(article.text) else 0.0)

    first_line = next((s.text for s in sentences), "")
    unquoted = _strip_quotes(body)
    exclaim = question = 0
    for sent in sentences:
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

    garbled = 1.0 if flagged or article.label not in ("clean", "", None) else 0.0
    values = {
        "translation": _clip(_num(scores.get("translation"))),
        "artifact_density": math.log1p(translation_ev * per100),
        "spun_density": math.log1p(spun_ev * per100),
        "mt_density": math.log1p((translation_ev - spun_ev) * per100),
        "garbled": garbled,
        "boilerplate": _clip(_num(scores.get("boilerplate"))),
        "residue_lines": _clip(residue_ev / max(1, len(lines))),
        "foreign_share": _clip(1.0 - main_share),
        "attribution": _clip(_num(scores.get("attribution"))),
        "named_sources": _clip(named / n_sent),
        "anonymous_share": _clip(anonymous / (named + anonymous)) if named + anonymous > 0 else 0.0,
        "quote_rate": _clip(quotes / n_sent),
        "wire_credit": 1.0 if wire > 0 else 0.0,
        "dateline": 1.0 if _DATELINE_RE.match(first_line) else 0.0,
        "hedging": _clip(_num(scores.get("hedging"))),
        "verification": 1.0 if verification > 0 else 0.0,
        "readability": _clip(_num(scores.get("readability")) / 100.0, 0.0, 1.2),
        "first_person": _clip(len(_FIRST_RE.findall(unquoted)) * per100, 0.0, 20.0),
        "second_person": _clip(len(_SECOND_RE.findall(unquoted)) * per100, 0.0, 20.0),
        "exclamation": _clip(exclaim / n_sent),
        "question": _clip(question / n_sent),
        "number_rate": _clip(len(_NUMBER_RE.findall(body)) * per100, 0.0, 30.0),
    }
    return values


def vector(article: Article, flagged: bool = False, names: Iterable[str] = FEATURE_NAMES) -> list[float]:
    values = extract(article, flagged)
    return [values.get(name, 0.0) for name in names]
