"""A cheap stylometric profile of English text for the translation signal's style model.

`style_features(text)` gives figures that tell machine translation from human translation and
native English news (function-word rates, sentence-length spread, lexical diversity, word rarity
and predictability, punctuation habits; STYLE_FEATURES names and explains them). Vectorised over
a text's words with numpy and cached per-word tables: no per-article heavy work.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from functools import cache
from itertools import accumulate, chain, count, repeat

import numpy as np

from analyzer import lexicons
from analyzer.spinning import _PAIR_BASE, _bigram_lookup, _index  # shared bigram table
from analyzer.text import UNREAD, joined_runs

# A word counts as rare below this wordfreq Zipf frequency (about once per 10 million words).
RARE_ZIPF = 2.0
# Window (words) of the moving-average type/token ratio: length-independent lexical diversity
# (Covington & McFall 2010, "Cutting the Gordian knot: the moving-average type-token ratio").
MATTR_WINDOW = 50
# A second, shorter window for mattr25: repetition inside a sentence (mean BBC sentence: 21 words).
MATTR_SHORT_WINDOW = 25
# MATTR is averaged over this many evenly spaced windows rather than all of them (speed).
MATTR_SAMPLES = 12

STYLE_FEATURES: tuple[str, ...] = (
    "function_words",   # share of tokens that are function words (mt_function_words.tsv)
    "fw_the",           # rate of "the" (literal translation keeps source determiners)
    "fw_of",            # rate of "of" (genitive chains)
    "fw_and",           # rate of "and" (MT keeps the source's coordination; translators restructure)
    "fw_is",
    "pronoun_rate",     # personal pronouns per word (translators resolve references to pronouns)
    "they_rate",        # they/their/them per word
    "mattr",            # moving-average type/token ratio (window 50): MT has lower lexical diversity
    "mean_zipf",        # mean wordfreq Zipf frequency of words: MT prefers common words
    "rare_share",       # share of words below RARE_ZIPF (incl. typos: humans make them, MT does not)
    "bigram_logmean",   # mean log10 Google Books count of adjacent word pairs: MT is predictable
    "bigram_share",     # share of adjacent word pairs found among common Google Books bigrams
    "bigram_back",      # mean log10 count(w1 w2) - Zipf(w2): how expected the word before is
    "sent_len_mean",    # words per sentence
    "sent_len_cv",      # coefficient of variation of sentence length (MT: more uniform)
    "word_len",         # characters per word
    "comma_rate",       # commas per word
    "semicolon_rate",   # semicolons per word (human translators join clauses; MT keeps segments)
    "ing_rate",         # words in -ing of 6+ letters per word: human translators restructure clauses
                        # into participles, MT keeps the source's finite clauses (paired win rate of
                        # MT 0.40 / 0.22 / 0.42 on de-en / ja-en / zh-en, mt/ WMT 2021 dev sets)
    "nominal_rate",     # nominalisations (-tion/-ment/-ness/-ity) per word: MT renders source nouns as
                        # nouns (win rate 0.57 / 0.56 / 0.61, same sets)
    "typography",       # (typographic - straight) / (both + 1) over quotes and apostrophes
    # Added 2026-11-22: cues on which native news > human translation > machine translation in all
    # three WMT pairs (so the native rows and the translations pull the same way); the four
    # together: leave-one-pair-out 0.811 -> 0.829, ja-en 0.722 -> 0.739 (mt/ WMT 2021 dev sets).
    "contraction_rate", # contractions (don't, it's, they're) per word: native writers use them,
                        # translations rarely (Baker 1993 "normalisation"); MT least of all
    "phrasal_rate",     # content word + adverbial particle (set up, ruled out) per word: phrasal verbs
                        # have no one-word source, so translations, MT most, prefer Latinate verbs
    "mattr25",          # MATTR at window 25 (within-sentence repetition; window 50 is clause-to-clause)
    "which_rate",       # rate of "which": translators build relative clauses, MT keeps source order
    # Added 2026-11-23: document-level lexical cohesion (see _lexical_chain).
    "lexical_chain",    # share of a text's content words that recur in another sentence
)
# Features that describe typesetting rather than wording: MT pipelines normalise punctuation to
# straight ASCII quotes, but whether a human reference uses curly ones depends on the translator's
# tools (WMT 2021: curly in de-en and zh-en references, straight in ja-en). Reported with and
# without by evaluation/eval_translation.py.
TYPOGRAPHY_FEATURES: tuple[str, ...] = ("typography",)

# Google Books log10 count given to a word pair absent from spin_bigrams.tsv: the table lists pairs
# seen at least 6.4 million times (log10 6.8), so an absent one is rarer (same value as
# analyzer.spinning.ABSENT_BIGRAM_LOG10).
ABSENT_BIGRAM_LOG10 = 6.5
# Zipf below which a word counts as unseen for bigram_back (wordfreq gives 0 to unknown words).
MIN_KNOWN_ZIPF = 1.0

# "-ing" words counted by ing_rate have at least this many letters ("thing", "king", "bring" do not).
MIN_ING_LETTERS = 6
# Noun-forming suffixes counted by nominal_rate.
_NOMINAL_SUFFIXES = ("tion", "ment", "ness", "ity")
# Adverbial particles of English phrasal verbs (Quirk et al. 1985, A Comprehensive Grammar of the
# English Language, 16.3); after a content word they mark a phrasal verb ("set up", "ruled out").
PARTICLES = frozenset({"up", "out", "off", "down", "back", "away", "over", "around", "through", "along"})
# Contractions: a word ending in a clitic (n't, 're, 've, 'll, 'm, 'd), or 's after these words, where
# it is "is"/"has"/"us" rather than a possessive.
_CONTRACTION_ENDINGS = ("n't", "'re", "'ve", "'ll", "'m", "'d")
_S_CONTRACTIONS = frozenset({"it's", "that's", "there's", "he's", "she's", "what's", "who's", "here's", "let's"})
# Word classes of _word_info (code): other, "-ing" participle, nominalisation, contraction, particle.
_OTHER, _ING, _NOMINAL, _CONTRACTION, _PARTICLE = 0, 1, 2, 3, 4
_PRONOUNS = ("i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "his", "its",
             "our", "their", "my", "your")
# Words whose counts style_features reads by name.
_COUNTED = frozenset(("the", "of", "and", "is", "which") + _PRONOUNS)
# Typographic marks are mapped to ASCII before any word-level feature, so that only the
# `typography` feature sees them (curly apostrophes would otherwise make "didn’t" an unknown word);
# invisible characters and bidi marks are dropped ("inter\xadnational" is one word; no offsets are
# kept here).
_TYPOGRAPHIC = "’‘“”„«»"
_TO_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                           "–": "-", "—": "-"} | dict.fromkeys(UNREAD, ""))
_TO_ASCII_PAIRS = tuple((chr(k), v) for k, v in _TO_ASCII.items())


def _to_ascii(text: str) -> str:
    """text.translate(_TO_ASCII), by one str.replace per mark: 5x faster on bbc_dev.jsonl."""
    for mark, ascii_mark in _TO_ASCII_PAIRS:
        if mark in text:
            text = text.replace(mark, ascii_mark)
    return text

# Stretches of text without punctuation or digits: words inside one stretch are adjacent.
_RUN_BREAK_RE = re.compile(r"[^\w\s']+|[\d_]+")
# The words: the white-space separated tokens of those stretches, stripped of apostrophes ("'"
# inside a word stays); one split gives them with the gaps between them (no per-stretch loop).
_STYLE_WORD_SPLIT_RE = re.compile(r"([^\W\d_']+(?:'+[^\W\d_']+)*)")
# The same split for lower-case ASCII text, where [^\W\d_'] is [a-z]: 1.5x faster (bbc_dev.jsonl).
_ASCII_WORD_SPLIT_RE = re.compile(r"([a-z]+(?:'+[a-z]+)*)")
# [.!?]+(?=\s|$)|\n, written to start with one character class: Python's re then skips ahead
# to the next candidate character (2.5x faster on bbc_dev.jsonl); the same matches. A run of marks is
# tried from its start only (the lookbehind: no mark before the first), possessively: tried from each
# of its marks, a line of 30,000 dots took 4 s a split (review 31b); a match from within a run ends
# where one from its start does, so the matches are the same.
_SENTENCE_SPLIT_RE = re.compile(r"[.!?\n](?:(?<=\n)|(?<![.!?].)[.!?]*+(?=\s|$))")
# The same split keeping the separators (so that each sentence's offset is known).
_SENTENCE_PARTS_RE = re.compile(f"({_SENTENCE_SPLIT_RE.pattern})")


@cache
def _function_words() -> frozenset[str]:
    return lexicons.terms("mt_function_words")


# Lexical cohesion (Halliday & Hasan 1976: lexical chains). A translator who sees the whole document
# can keep one English word for a term the source repeats; sentence-by-sentence MT, as in WMT 2021,
# chooses afresh in each sentence (Voita et al. 2019, lexical cohesion errors of context-agnostic
# MT). Alone lexical_chain is near chance (ROC AUC 0.47-0.49 per pair, mt/ WMT 2021 dev), but next to
# the other features (mattr: repetition within 50 words) it gets a negative weight, -0.30: at equal
# local repetition, MT repeats fewer content words across sentences. Added to the 25 features,
# evaluation/eval_translation.py --quick, both models refitted per held-out pair: leave-one-pair-out
# fused 0.7471 -> 0.7612, style alone 0.8210 -> 0.8319 (ja-en 0.7474 -> 0.7545); Moby spun vs
# original 0.8945 -> 0.8938 (2026-11-23). Caveat: the zh-en/de-en pseudo-documents (12 consecutive
# segments of the test set) cross article boundaries and their machine side mixes 4-11 systems,
# which lowers recurrence by itself; the ja-en documents (one system each) are the clean test.
# Content words: letters only, at least MIN_CHAIN_LETTERS of them, outside the stop words
# (stopwords_en.tsv, mt_function_words.tsv); "-ies" and "-s" plurals count as their singular.
MIN_CHAIN_LETTERS = 3
_CHAIN_WORD_RE = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


@cache
def _chain_stop_words() -> frozenset[str]:
    return lexicons.terms("stopwords_en") | _function_words()


def _chain_key(word: str) -> str:
    """A content word's plural read as its singular ("cities" -> "city", "farms" -> "farm")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _content_key(word: str) -> str:
    """A lower-case word's _chain_key, or "" for a word that is no content word (stop word, fewer
    than MIN_CHAIN_LETTERS letters, a hyphen or apostrophe)."""
    return (_chain_key(word) if len(word) >= MIN_CHAIN_LETTERS and word.isalpha()
            and word not in _chain_stop_words() else "")


class _ChainKeys(dict[str, str]):
    """Lower-case word -> _content_key; filled on first use, bounded like the word table
    (lexicons.ZIPF_CACHE_WORDS). A dict probe per word instead of the tests and the plural rule:
    0.15 against 0.22 ms an article (bbc_dev.jsonl)."""

    def __missing__(self, word: str) -> str:
        key = _content_key(word)
        if len(self) < lexicons.ZIPF_CACHE_WORDS:
            self[word] = key
        return key


_CHAIN_KEYS = _ChainKeys()


def _lexical_chain(sentences: list[str]) -> float:
    """Share of the distinct content words (_chain_key) of lower-case `sentences` found in two or more
    of them (a word repeated within one sentence counts once)."""
    # Each sentence's set of keys, chained into one Counter: C-level loops, where Counter.update per
    # sentence (a Python call with its argument checks, ~26 a bbc_dev.jsonl article) cost 20% more.
    in_sentences = Counter(chain.from_iterable(
        map(set, map(map, repeat(_CHAIN_KEYS.__getitem__), map(_CHAIN_WORD_RE.findall, sentences)))))
    in_sentences.pop("", None)
    if not in_sentences:
        return 0.0
    # Keys in one sentence only are the 1s: the count of the others, an integer as the sum gave.
    return (len(in_sentences) - list(in_sentences.values()).count(1)) / len(in_sentences)


# A content key id and a sentence index packed in one int64: the key above these bits (key ids are
# fewer than the word table's rows, lexicons.ZIPF_CACHE_WORDS; sentences fewer than 2**32).
_SENTENCE_BITS = 32


def _chain_share(keys: np.ndarray, sentence: np.ndarray) -> float:
    """_lexical_chain from each token's content key id (-1: no content word) and sentence index.

    The same integer ratio from one sort of the (key, sentence) pairs instead of a regex pass over
    each sentence, a dict probe per word, a set per sentence and a Counter (0.15 ms an article of
    bbc_dev.jsonl): the key ids come with the style profile's other per-word columns (_WordTable)."""
    content = keys >= 0
    pairs = (keys[content] << _SENTENCE_BITS) | sentence[content]
    if not len(pairs):
        return 0.0
    pairs.sort()
    first = np.empty(len(pairs), dtype=bool)  # the first of equal pairs: a key once per sentence
    first[0] = True
    np.not_equal(pairs[1:], pairs[:-1], out=first[1:])
    by_key = pairs[first] >> _SENTENCE_BITS  # sorted: a key's sentences are one run
    again = by_key[1:] == by_key[:-1]  # the key's next sentence
    distinct = len(by_key) - int(np.count_nonzero(again))
    # Keys in two sentences or more: the runs of `again`.
    recurring = int(again[0]) + int(np.count_nonzero(again[1:] > again[:-1])) if len(again) else 0
    return recurring / distinct


# Per lower-case word: (Zipf frequency, word class (_OTHER, _ING, _NOMINAL, _CONTRACTION,
# _PARTICLE) for the rate features, the word's id in the spinning detector's bigram table (-1 if
# absent), str.isalpha, whether it is a function word, its _content_key): _word_info, memoised by
# _WordTable (with an id for the key).
_WordInfo = tuple[float, int, int, bool, bool, str]


def _word_class(word: str) -> int:
    if word in PARTICLES:
        return _PARTICLE
    if "'" in word and (word.endswith(_CONTRACTION_ENDINGS) or word in _S_CONTRACTIONS):
        return _CONTRACTION
    if len(word) >= MIN_ING_LETTERS and word.endswith("ing"):
        return _ING
    return _NOMINAL if word.endswith(_NOMINAL_SUFFIXES) else _OTHER


def _word_info(word: str) -> _WordInfo:
    return (lexicons.zipf(word), _word_class(word), _index().vocab.get(word, -1), word.isalpha(),
            word in _function_words(), _content_key(word))


# _content_key -> its id in the word table's chain column (ids only need to be distinct; "" is -1).
# Grown with the table only, so bounded by its rows.
_CHAIN_IDS: dict[str, int] = {"": -1}


class _WordTable:
    """_word_info of every word seen so far as one row of six arrays (zipf, code, vid, alpha,
    function, chain: the id of its content key in _CHAIN_IDS), so that a text's distinct words give
    their arrays by one dict probe each and six gathers (a tuple memo plus zip and np.array per text
    cost 0.1-0.15 ms an article more on bbc_dev.jsonl). Bounded like lexicons.zipf (ZIPF_CACHE_WORDS
    rows), so that memory stays flat over an open vocabulary: past the bound a text's new words are
    looked up each time."""

    def __init__(self) -> None:
        self.row: dict[str, int] = {}
        # Grown by doubling (amortised), so that a text with new words does not copy the table.
        self.columns = (np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                        np.zeros(0, dtype=bool), np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64))
        # Writers take the lock (a Dask worker may score in several threads); a row is published in
        # `row` after its values are in `columns`, and a grown copy keeps them, so readers need none.
        self.lock = threading.Lock()

    def arrays(self, words: list[str]) -> tuple[np.ndarray, ...]:
        """(zipf, code, vid, alpha, function, chain) of distinct `words`, in their order."""
        rows = np.fromiter(map(self.row.get, words, repeat(-1)), dtype=np.intp, count=len(words))
        missing = (rows < 0).nonzero()[0].tolist()
        if missing:
            new = [words[i] for i in missing]
            with self.lock:
                if not self._add(new):
                    return _info_arrays([_word_info(w) for w in words], {"": -1})  # ids for this text only
            rows[missing] = np.fromiter(map(self.row.__getitem__, new), dtype=np.intp, count=len(new))
        columns = self.columns
        return tuple(column[rows] for column in columns)

    def _add(self, words: list[str]) -> bool:
        """Give rows to the words not in the table yet; False (and nothing added) past the bound."""
        new = [w for w in words if w not in self.row]
        start = len(self.row)
        if start + len(new) > lexicons.ZIPF_CACHE_WORDS:
            return False
        if not new:
            return True
        fresh = _info_arrays(list(map(_word_info, new)), _CHAIN_IDS)
        columns = self.columns
        if start + len(new) > len(columns[0]):
            size = max(2 * len(columns[0]), start + len(new), 1024)
            grown = []
            for column in columns:
                bigger = np.zeros(size, dtype=column.dtype)
                bigger[:start] = column[:start]
                grown.append(bigger)
            columns = tuple(grown)
        for column, values in zip(columns, fresh, strict=True):
            column[start : start + len(new)] = values
        self.columns = columns
        self.row.update(zip(new, range(start, start + len(new)), strict=True))
        return True


def _info_arrays(info: list[_WordInfo], key_ids: dict[str, int]) -> tuple[np.ndarray, ...]:
    """The six _WordTable columns of a list of _word_info tuples; content keys get their ids from
    `key_ids` (new ones added)."""
    zs, codes, vids, alphas, funcs, keys = zip(*info, strict=True)
    chain = [key_ids.setdefault(key, len(key_ids)) for key in keys]  # "" is in it: -1
    return (np.array(zs, dtype=float), np.array(codes, dtype=np.int64), np.array(vids, dtype=np.int64),
            np.array(alphas, dtype=bool), np.array(funcs, dtype=bool), np.array(chain, dtype=np.int64))


_WORDS = _WordTable()


# Bounds of the _GAP_JOINS cache (gaps with numbers are open-ended): entries and gap length.
MAX_GAP_CACHE = 100_000
MAX_CACHED_GAP = 40


class _GapJoins(dict[str, bool]):
    """Whether a gap between two words keeps them adjacent (no punctuation or digit in it), per gap
    string: the gaps repeat (" ", ", ", ". ", "\n"), so a dict probe replaces a regex search; a
    gap not seen yet is searched (and kept, within the bounds) by __missing__, so that a text's
    gaps map straight into np.fromiter."""

    def __missing__(self, gap: str) -> bool:
        joins = _RUN_BREAK_RE.search(gap) is None
        if len(gap) <= MAX_CACHED_GAP and len(self) < MAX_GAP_CACHE:
            self[gap] = joins
        return joins


_GAP_JOINS = _GapJoins({" ": True})


def _gap_joins(gap: str) -> bool:
    return _GAP_JOINS[gap]


# _ascii_words' classes of the bytes of a lower-case ASCII text (bytes.translate tables): letter,
# apostrophe, white space (\s) and the rest, which _RUN_BREAK_RE matches: a gap between two words
# with none of those keeps them adjacent (_GAP_JOINS).
_LETTER, _APOSTROPHE, _SPACE, _BREAK = 0, 1, 2, 3
_BYTE_CLASSES = bytes(
    _LETTER if ord("a") <= c <= ord("z") else _APOSTROPHE if c == ord("'")
    else _SPACE if c < 128 and _RUN_BREAK_RE.search(chr(c)) is None else _BREAK for c in range(256))
# Letters and apostrophes as they are, every other byte a space.
_WORD_BYTES = bytes(c if ord("a") <= c <= ord("z") or c == ord("'") else ord(" ") for c in range(256))


def _ascii_words(lowered: str) -> tuple[list[str], np.ndarray, int, np.ndarray, np.ndarray]:
    """(words, whether each pair of adjacent words is in one run (_GAP_JOINS of the gap), letters
    in the words, the start of each word in `lowered`, whether it stands alone in _lexical_chain's
    tokens) of a lower-case ASCII text without a run of apostrophes (''), by C-level bytes passes
    and numpy.

    The words are _ASCII_WORD_SPLIT_RE's: maximal runs of letters and of apostrophes between two
    letters (a lone apostrophe: the text holds no ''). With every other character a space, an
    apostrophe next to a space is the only one left out. 0.08 ms an article, where re.split, the
    gap look-ups and the word lengths took 0.15 ms (bbc_dev.jsonl); tests/test_mt.py compares both
    on random texts. In _CHAIN_WORD_RE's tokens a hyphen between two letters joins them as an
    apostrophe does: "well-known" is one token there, which is no content word, but two words here.
    """
    raw = lowered.encode("ascii")
    classes = np.frombuffer(raw.translate(_BYTE_CLASSES), dtype=np.uint8)
    letter = classes == _LETTER
    _, starts, ends = joined_runs(letter, classes == _APOSTROPHE)
    spelled = (b" " + raw + b" ").translate(_WORD_BYTES).replace(b" '", b"  ").replace(b"' ", b"  ")
    # Gap i (between words i and i + 1) keeps the pair in one run when no break lies in it.
    breaks = (classes == _BREAK).nonzero()[0]
    same_run = breaks.searchsorted(starts[1:]) == breaks.searchsorted(ends[:-1])
    if b"-" in raw:
        # hyphen_joins[i + 1]: character i is a hyphen between two letters (padded by one on each side).
        hyphen_joins = np.zeros(len(raw) + 2, dtype=bool)
        if len(raw) > 2:
            hyphen_joins[2:-2] = (np.frombuffer(raw, dtype=np.uint8)[1:-1] == ord("-")) & letter[:-2] & letter[2:]
        alone = ~(hyphen_joins[starts] | hyphen_joins[ends + 1])  # the characters before and after the word
    else:
        alone = np.ones(len(starts), dtype=bool)
    return spelled.decode("ascii").split(), same_run, len(spelled) - spelled.count(b" "), starts, alone


class _Breaks(dict[int, bool]):
    """Code point -> whether _RUN_BREAK_RE matches the character (then it is in no word and breaks
    a run, as "?" does); filled on first use, bounded like _GAP_JOINS."""

    def __missing__(self, code: int) -> bool:
        breaks = _RUN_BREAK_RE.search(chr(code)) is not None
        if len(self) < MAX_GAP_CACHE:
            self[code] = breaks
        return breaks


_BREAKS = _Breaks()


def _as_ascii(lowered: str) -> str | None:
    """`lowered` with "?" for each non-ASCII character when every one of them breaks runs (a pound
    sign, an ellipsis: 28% of bbc_dev.jsonl articles, which then take _ascii_words too); None when
    one may be a letter or white space."""
    wide = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not all(map(_BREAKS.__getitem__, np.unique(wide[wide >= 128]).tolist())):
        return None
    return lowered.encode("ascii", "replace").decode("ascii")


def _words(lowered: str) -> tuple[list[str], np.ndarray, int, tuple[np.ndarray, np.ndarray] | None]:
    """_ascii_words(lowered)'s words, runs and letters, also for the texts it does not take (by
    re.split), and, for the texts it takes, its (word starts, stand-alone words); None for the others."""
    if not lowered.isascii():
        lowered = _as_ascii(lowered) or lowered
    if lowered.isascii():
        if "''" not in lowered:
            words, same_run, letters, starts, alone = _ascii_words(lowered)
            return words, same_run, letters, (starts, alone)
        parts = _ASCII_WORD_SPLIT_RE.split(lowered)
    else:
        parts = _STYLE_WORD_SPLIT_RE.split(lowered)
    words, gaps = parts[1::2], parts[2:-1:2]
    return (words, np.fromiter(map(_GAP_JOINS.__getitem__, gaps), dtype=bool, count=len(gaps)),
            sum(map(len, words)), None)


def _bigram_stats(same_run: np.ndarray, slots: np.ndarray, word_ids: np.ndarray, alphabetic: np.ndarray,
                  zipf: np.ndarray, code: np.ndarray, function: np.ndarray) -> tuple[float, float, int, int, int]:
    """(sum of log10 counts, sum of count - Zipf(second), pairs found, pairs, phrasal pairs) over
    adjacent pairs.

    Word i of the text is distinct word slots[i], whose id in the bigram table (-1 if absent),
    str.isalpha, Zipf frequency, word class and function-word flag are word_ids, alphabetic, zipf,
    code and function at that slot; same_run[i] says whether no punctuation or digit separates
    words i and i + 1 (_GAP_JOINS): only then does the pair count. A phrasal pair is a content
    word and a particle.

    Vectorised through the spinning detector's integer-coded bigram table (one hash probe per
    article); np.add.accumulate (np.cumsum without its Python wrapper) adds left to right, so the
    sums equal those of a plain loop.
    """
    if len(slots) < 2:
        return 0.0, 0.0, 0, 0, 0
    ix = _index()
    # Words outside the table get distinct ids above the vocabulary (their pairs are never listed).
    ids = np.where(word_ids >= 0, word_ids, len(ix.words) + np.arange(len(word_ids)))[slots]
    phrasal = int(np.count_nonzero(same_run & (code[slots[1:]] == _PARTICLE) & ~function[slots[:-1]]))
    found, hit = _bigram_lookup(ix, ids[:-1] * _PAIR_BASE + ids[1:])
    alpha = alphabetic[slots]
    # An unlisted pair counts as rare only between alphabetic words ("don't", "u.s" are not in the table).
    keep = same_run & (hit | (alpha[:-1] & alpha[1:]))
    listed = found[keep]
    if not len(listed):
        return 0.0, 0.0, 0, 0, phrasal
    zb = zipf[slots[1:]][keep]
    back = listed - np.fmax(zb, MIN_KNOWN_ZIPF)  # np.where(zb > MIN_KNOWN_ZIPF, zb, MIN_KNOWN_ZIPF), NaN too
    return (float(np.add.accumulate(listed)[-1]), float(np.add.accumulate(back)[-1]),
            int(np.count_nonzero(hit & same_run)),
            len(listed), phrasal)


_INT16_MAX = int(np.iinfo(np.int16).max)


def _previous(slots: np.ndarray) -> np.ndarray:
    """Position of each word's previous occurrence (-1 for a first one); slots: distinct-word ids."""
    # A stable sort is one order whatever the dtype: on int16 numpy's is a radix sort (1.5x faster).
    order = (slots.astype(np.int16) if len(slots) <= _INT16_MAX else slots).argsort(kind="stable")
    previous = np.full(len(slots), -1, dtype=np.intp)
    same = slots[order[1:]] == slots[order[:-1]]
    previous[order[1:][same]] = order[:-1][same]
    return previous


@cache
def _offsets(window: int) -> np.ndarray:
    """np.arange(window), made once per window size."""
    return np.arange(window)


def _mattr(previous: np.ndarray, window: int, distinct: int) -> float:
    """Moving-average type/token ratio over MATTR_SAMPLES evenly spaced windows.

    A window's types are its words whose previous occurrence lies before the window: the same
    counts as len(set(window)), from one comparison over all windows (a set per window cost 0.04
    ms an article more on bbc_dev.jsonl).
    """
    n = len(previous)
    if n <= window:
        return distinct / max(n, 1)
    step = max(1, (n - window) // MATTR_SAMPLES)
    starts = np.arange(0, n - window + 1, step)[:, None]
    types = int(np.count_nonzero(previous[starts + _offsets(window)] < starts))
    return types / (len(starts) * window)


def style_features(text: str) -> dict[str, float]:
    """Stylometric profile of a text (see STYLE_FEATURES); evaluation/eval_translation.py times it.

    Per-word work runs over the distinct words (first-occurrence order) and numpy arrays indexed
    by each token's slot among them; sums keep the order of a plain loop over the distinct words
    (np.add.accumulate), so every value equals the plain computation (tests/test_mt.py checks it).

    Small-array numpy calls dominate on one article: the forms used (ndarray methods, ufuncs,
    .nonzero()[0] for np.flatnonzero, np.add.accumulate for np.cumsum) skip Python-level wrappers
    that cost 2-5 us a call here (the same results; bbc_dev.jsonl, 2026-11-23).
    """
    plain = text if text.isascii() else _to_ascii(text)
    lowered = plain.lower()
    words, same_run, letters, located = _words(lowered)
    n = max(len(words), 1)
    # Each word's first position (one dict pass), then its slot among the distinct words, in
    # first-occurrence order (dict.fromkeys' order).
    first: dict[str, int] = {}
    at = np.fromiter(map(first.setdefault, words, count()), dtype=np.intp, count=len(words))
    distinct = list(first)
    slot_at = np.empty(len(words), dtype=np.intp)
    slot_at[np.fromiter(first.values(), dtype=np.intp, count=len(distinct))] = np.arange(len(distinct))
    slots = slot_at[at]
    per_word = np.bincount(slots, minlength=len(distinct))
    # One gather for the counted words (a numpy scalar look-up per word cost ~0.01 ms an article).
    counted = [w for w in _COUNTED if w in first]
    counts = dict(zip(counted, per_word[slot_at[list(map(first.__getitem__, counted))]].tolist(), strict=True))
    # Per distinct word: frequency, rarity and word class weighted by the counts.
    if distinct:
        zipf, code, word_ids, alphabetic, function, chain_ids = _WORDS.arrays(distinct)
        zipf_sum = float(np.add.accumulate(zipf * per_word)[-1])
        rare = int(per_word[zipf < RARE_ZIPF].sum())
        # Tokens per word class in one call (integer sums: exact in float64) instead of three
        # masks, gathers and sums.
        by_code = np.bincount(code, weights=per_word, minlength=_PARTICLE + 1).tolist()
        ing, nominal, contractions = int(by_code[_ING]), int(by_code[_NOMINAL]), int(by_code[_CONTRACTION])
        function_words = int(per_word[function].sum())
    else:
        zipf, word_ids, alphabetic = np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        code, function, chain_ids = np.zeros(0, dtype=int), np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
        zipf_sum, rare, ing, nominal, contractions, function_words = 0.0, 0, 0, 0, 0, 0
    pair_sum, back_sum, pair_hits, pairs, phrasal = _bigram_stats(same_run, slots, word_ids, alphabetic, zipf,
                                                                  code, function)
    previous = _previous(slots)
    # The split ignores case: one split serves the lengths and lexical_chain.
    parts = _SENTENCE_PARTS_RE.split(lowered)
    sentences = parts[0::2]
    if located is None:
        lexical_chain = _lexical_chain(sentences)
    else:
        # A word's sentence: the separators that end before it (parts alternate sentence, separator).
        starts, alone = located
        sentence_ends = np.fromiter(accumulate(map(len, parts)), dtype=np.intp, count=len(parts))[1::2]
        lexical_chain = _chain_share(np.where(alone, chain_ids[slots], -1),
                                     sentence_ends.searchsorted(starts, side="right"))
    sent_lens = list(filter(None, map(len, map(str.split, sentences)))) or [0]
    mean_len = sum(sent_lens) / len(sent_lens)
    var = sum((k - mean_len) ** 2 for k in sent_lens) / len(sent_lens)
    typographic = sum(text.count(c) for c in _TYPOGRAPHIC)
    straight = text.count('"') + text.count("'")
    return {
        "words": float(len(words)),  # not a model feature: lets callers normalise counts
        "function_words": function_words / n,
        "fw_the": counts.get("the", 0) / n,
        "fw_of": counts.get("of", 0) / n,
        "fw_and": counts.get("and", 0) / n,
        "fw_is": counts.get("is", 0) / n,
        "pronoun_rate": sum(map(counts.get, _PRONOUNS, repeat(0))) / n,
        "they_rate": (counts.get("they", 0) + counts.get("their", 0) + counts.get("them", 0)) / n,
        "mattr": _mattr(previous, MATTR_WINDOW, len(distinct)),
        "mean_zipf": zipf_sum / n,
        "rare_share": rare / n,
        "bigram_logmean": pair_sum / pairs if pairs else ABSENT_BIGRAM_LOG10,
        "bigram_share": pair_hits / pairs if pairs else 0.0,
        "bigram_back": back_sum / pairs if pairs else 0.0,
        "sent_len_mean": mean_len,
        "sent_len_cv": math.sqrt(var) / mean_len if mean_len else 0.0,
        "word_len": letters / n,
        "comma_rate": text.count(",") / n,
        "semicolon_rate": text.count(";") / n,
        "ing_rate": ing / n,
        "nominal_rate": nominal / n,
        "typography": (typographic - straight) / (typographic + straight + 1),
        "contraction_rate": contractions / n,
        "phrasal_rate": phrasal / n,
        "mattr25": _mattr(previous, MATTR_SHORT_WINDOW, len(distinct)),
        "which_rate": counts.get("which", 0) / n,
        "lexical_chain": lexical_chain,
    }
