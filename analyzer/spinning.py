"""Spun ("tortured") phrases: evidence spans with the likely original wording, and document features.

Two parts:
- known spinner outputs (analyzer/lexicons/spin_known_phrases.tsv): context patterns such as
  "japanese Syria" (eastern), "in line with the monitor" (according to), "other halves" (wives),
  after the tortured-phrases method of Cabanac et al. (2021). These give the evidence spans.
- a thesaurus + frequency test for unseen spins: a word whose far more common WordNet synonym
  forms a Google Books bigram with a neighbour while the word itself forms none
  (spin_rare_synonyms.tsv, spin_bigrams.tsv, built by scripts/build_spin_lexicons.py). On
  clean BBC text this test fires about 9 times per 1,000 words (evaluation/eval_spinning.py),
  far too often for evidence spans, so it feeds only the document-level rate in spin_features.

Everything is precomputed tables and dict look-ups: no WordNet or thesaurus access per article.
"""

from __future__ import annotations

import re
from functools import cache

from analyzer import lexicons
from analyzer.article import Evidence

SIGNAL = "translation"
KIND = "tortured_phrase"

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# The original must be at least this much (Zipf) more common than the word in the text, as in the
# shipped table (scripts/build_spin_lexicons.py MIN_ZIPF_GAP); re-checked after inflection.
_PARTICLES = frozenset("on in to with of for at by from up out off down over about into as".split())


_GROUP_RE = re.compile(r"\([^()]*\)")
_LITERAL_RE = re.compile(r"[A-Za-z]{4,}")
_OPTIONAL_RE = re.compile(r"\\[A-Za-z]|[A-Za-z][?*{]")


def _trigger(pattern: str) -> str:
    """A lower-case word every match must contain (text outside any group), or '' if none."""
    bare = pattern
    while True:
        stripped = _GROUP_RE.sub(" ", bare)
        if stripped == bare:
            break
        bare = stripped
    words = _LITERAL_RE.findall(_OPTIONAL_RE.sub(" ", bare))
    return max(words, key=len).lower() if words else ""


@cache
def _known() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(trigger, pattern, suggestion); the trigger is a cheap substring test run before the regex."""
    out = []
    for row in lexicons.load("spin_known_phrases"):
        flags = re.IGNORECASE if row["case"] == "ci" else 0
        out.append((_trigger(row["pattern"]), re.compile(row["pattern"], flags), row["suggestion"]))
    return tuple(out)


@cache
def _rare_synonyms() -> dict[str, tuple[str, ...]]:
    return {row["word"]: tuple(row["originals"].split("|")) for row in lexicons.load("spin_rare_synonyms")}


@cache
def _bigrams() -> dict[tuple[str, str], float]:
    out = {}
    for row in lexicons.load("spin_bigrams"):
        first, second = row["bigram"].split(" ")
        out[(first, second)] = float(row["log10_count"])
    return out


@cache
def _skip() -> frozenset[str]:
    return lexicons.terms("spin_skip_words")


def _match_case(original: str, suggestion: str) -> str:
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def find_spun(text: str) -> list[Evidence]:
    """Evidence spans (signal 'translation', kind 'tortured_phrase') for known spun phrases."""
    evidence: list[Evidence] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    for trigger, pattern, suggestion in _known():
        if trigger and trigger not in lowered:
            continue
        for m in pattern.finditer(text):
            start, end = m.span("span") if "span" in pattern.groupindex else m.span()
            if start == end or any(start < e and end > s for s, e in taken):
                continue
            taken.append((start, end))
            found = text[start:end]
            evidence.append(
                Evidence.at(
                    text, start, end, signal=SIGNAL, kind=KIND,
                    suggestion=_match_case(found, suggestion),
                    reason=f"Spinner-style synonym swap; news copy would say '{suggestion}'.",
                )
            )
    evidence.sort(key=lambda ev: ev.start)
    return evidence


def _lemmas(word: str) -> list[tuple[str, str]]:
    out = [(word, "")]
    if word.endswith("ies") and len(word) > 4:
        out.append((word[:-3] + "y", "s"))
    if word.endswith("es") and len(word) > 3:
        out.append((word[:-2], "s"))
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append((word[:-1], "s"))
    if word.endswith("ed") and len(word) > 4:
        out += [(word[:-2], "ed"), (word[:-1], "ed")]
    if word.endswith("ing") and len(word) > 5:
        out += [(word[:-3], "ing"), (word[:-3] + "e", "ing")]
    return out


def _inflect(word: str, ending: str) -> str:
    if ending == "s":
        if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
            return word[:-1] + "ies"
        return word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")
    if ending == "ed":
        return word + ("d" if word.endswith("e") else "ed")
    if ending == "ing":
        return (word[:-1] if word.endswith("e") and not word.endswith("ee") else word) + "ing"
    return word


def rare_synonym_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, likely original) for words that fit no neighbour while a common synonym does.

    Too noisy for evidence spans (see module docstring); used as a document-level rate.
    """
    table = _rare_synonyms()
    bigrams = _bigrams()
    skip = _skip()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    hits = []
    for i, (start, end, word) in enumerate(tokens):
        lower = word.lower()
        if lower in skip or (word[:1].isupper() and i > 0):
            continue
        prev = tokens[i - 1][2].lower() if i > 0 and text[tokens[i - 1][1] : start] == " " else None
        nxt = tokens[i + 1][2].lower() if i + 1 < len(tokens) and text[end : tokens[i + 1][0]] == " " else None
        if (prev and (prev, lower) in bigrams) or (nxt and (lower, nxt) in bigrams):
            continue
        best: tuple[float, str] | None = None
        for lemma, ending in _lemmas(lower):
            for orig in table.get(lemma, ()):
                inflected = _inflect(orig, ending)
                for pair in ((prev, inflected), (inflected, nxt)):
                    if None in pair:
                        continue
                    count = bigrams.get(pair)  # type: ignore[arg-type]
                    if count and (best is None or count > best[0]):
                        best = (count, inflected)
        if best:
            hits.append((start, end, best[1]))
    return hits


def spin_features(text: str, evidence: list[Evidence]) -> dict[str, float]:
    """Document features for the translation model (keys are stable).

    spin_flags_per_100w: tortured-phrase evidence spans per 100 words (kind == 'tortured_phrase');
    known_phrase_per_100w: the same, counting only distinct flagged wordings;
    rare_synonym_per_100w: words that fit no neighbour while a common WordNet synonym does;
    mean_flag_strength: share of flags whose suggestion differs in more than case (0 if none).
    """
    words = max(1, sum(1 for _ in _TOKEN_RE.finditer(text)))
    spun = [ev for ev in evidence if ev.kind == KIND]
    distinct = {ev.text.lower() for ev in spun}
    strong = sum(1 for ev in spun if ev.suggestion and ev.suggestion.lower() != ev.text.lower())
    return {
        "spin_flags_per_100w": 100.0 * len(spun) / words,
        "known_phrase_per_100w": 100.0 * len(distinct) / words,
        "rare_synonym_per_100w": 100.0 * len(rare_synonym_hits(text)) / words,
        "mean_flag_strength": strong / len(spun) if spun else 0.0,
    }
