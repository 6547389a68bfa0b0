"""Sentence and word alignment between two copies of a story, and the substitutions it reveals.

Two levels, both offset-preserving:
- sentences are compared as sets of normalised content words (stop words dropped, light
  stemming), and a monotone alignment (longest weighted chain of matching sentence pairs, kept in
  order) tells how much of one copy reappears in the other: a translation or a spun copy keeps
  the sentence order of its original, a different outlet's report on the same event does not;
- inside each aligned sentence pair, difflib's SequenceMatcher on word tokens gives the
  substitutions: `japanese Syria` in the copy where the original has `eastern Syria`.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

import numpy as np

from analyzer import lexicons
from analyzer.text import WORD_RE, ReadingView, Span, as_shown, reading_view, split_sentences

# A sentence pair matches when the Dice overlap of their content-word sets reaches this. Measured
# on ../shared/data: human vs machine translations of the same WMT21 ja-en segment mostly score
# 0.4-0.8; sentences of different BBC articles almost never reach 0.4 (bench/bench_flag.py).
SENTENCE_MATCH_DICE = 0.4
# Sentences with fewer content words ("We reject him.", datelines) are left out: short quotes are
# what different outlets share, and they are not evidence of one copy being made from another.
MIN_SENTENCE_CONTENT_WORDS = 3
# Longest replaced run (in tokens, either side) reported as one substitution; longer runs are
# rewrites, not word swaps (article spinners swap words and phrases of up to about 3 words).
MAX_SUBSTITUTION_TOKENS = 4
# Sentence pairs whose token-level similarity (SequenceMatcher ratio) is below this are rewrites:
# their differences are not reported word by word.
MIN_SENTENCE_RATIO = 0.5
# Cap on sentences per copy fed to the quadratic sentence alignment (keeps one pair under ~10 ms).
MAX_SENTENCES = 200
# Second pass, by meaning (filled_gaps): two translations of one text share its meaning, not always
# its words ("defeated" for "broke down"), so only 25-45% of a machine translation's sentences reach
# SENTENCE_MATCH_DICE with the human one's in the WMT21 ja-en pairs that surface alignment leaves
# underived. There, two different content words count as a partial match, their cosine, when their
# GloVe vectors (lexicons spin_vectors) are at least this close (soft_dice). 0.62 is the 99.9th
# percentile of the cosine of random pairs of the 20,000 most frequent words of the table (200,000
# pairs, seed 0; median 0.07, 99th percentile 0.46): two sentences of 10 content words on unrelated
# things gain about 0.1 of a match. Not fitted on any alignment; a quarter of the WordNet synonym
# pairs of spin_synonyms_wordnet.tsv reach it.
SOFT_MATCH_COSINE = 0.62
VECTORS = "spin_vectors"
# ...and only in a gap between two sentence pairs the surface alignment made where both copies hold
# as many sentences, give or take this many: a translation renders its source sentence by sentence,
# one split or merged at times (the sentence-length premise of Gale & Church 1993), while a report
# of the same event by another outlet skips and adds sentences between the ones it shares. Not
# fitted. Without it, BASIL same-event reports (basil_triplets.jsonl, flag corpus) got 2 of their
# 600 ordered pairs derived (stories.DERIVED_MIN_SENTENCE_SHARE), with it none.
GAP_SLACK = 1
# ...and only where words alone aligned this many sentence pairs in order: the argument that two
# texts are one is the order of their sentences, and k sentences of texts written apart fall in the
# same order by chance with probability 1/k!, under 5% from 4 on (as stories.
# DERIVED_MIN_REWRITE_SENTENCES). The filling adds to that argument, it does not make it: two BBC
# leads on one subject with as many sentences (bbc_dev.jsonl, 5 and 5, none aligned on words) were
# aligned sentence for sentence on topic words alone and one called a machine translation of the other.
FILL_MIN_PAIRS = 4


@cache
def _stop_words() -> frozenset[str]:
    # scikit-learn's ENGLISH_STOP_WORDS, shipped as data: importing scikit-learn for it cost `flag` about
    # 1.3 s of start-up (session 32, cProfile of flag_articles on the flag corpus).
    return lexicons.terms("align_stop_words")


@cache
def normalise(word: str) -> str:
    """Lower case, no possessive, crude plural stripping (prefectures ~ prefecture)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def token_id(word: str) -> int:
    """Stable 32-bit id of a normalised content word, or -1 for a stop word / one-letter token."""
    w = normalise(word)
    if len(w) < 2 or w in _stop_words():
        return -1
    return zlib.crc32(w.encode("utf-8", "surrogatepass"))


@dataclass(slots=True)
class Profile:
    """Compact content-word view of one copy: token ids in order and sentence ends into them."""

    tokens: np.ndarray  # uint32 content-word ids, in text order
    bounds: np.ndarray  # int32 end index (exclusive) in `tokens` of each kept sentence

    def sentence_sets(self) -> list[frozenset[int]]:
        out = []
        start = 0
        for end in self.bounds.tolist():
            out.append(frozenset(self.tokens[start:end].tolist()))
            start = end
        return out

    def nbytes(self) -> int:
        return int(self.tokens.nbytes + self.bounds.nbytes)


_IDS: dict[str, int] = {}
# Bound on the word -> id memo (a few hundred MB at most on very large runs).
MAX_MEMO_WORDS = 2_000_000


def sentence_ids(sentence: str) -> list[int]:
    """Content-word ids of a sentence, in order (a plain dict memo: this runs on every word)."""
    out = []
    memo = _IDS
    for w in WORD_RE.findall(sentence):
        t = memo.get(w)
        if t is None:
            if len(memo) >= MAX_MEMO_WORDS:
                memo.clear()
            t = memo[w] = token_id(w)
        if t >= 0:
            out.append(t)
    return out


def profile(sentences: Sequence[Span] | Sequence[str]) -> Profile:
    """Profile of the given sentences (Spans or strings); short sentences are dropped."""
    tokens: list[int] = []
    bounds: list[int] = []
    for s in sentences[:MAX_SENTENCES]:
        # As shown: a link's URL or a soft hyphen would make words no other copy has.
        ids = sentence_ids(as_shown(s.text if isinstance(s, Span) else s))
        if len(set(ids)) >= MIN_SENTENCE_CONTENT_WORDS:
            tokens.extend(ids)
            bounds.append(len(tokens))
    return Profile(np.asarray(tokens, dtype=np.uint32), np.asarray(bounds, dtype=np.int32))


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


@cache
def _vector_rows() -> tuple[dict[int, int], np.ndarray]:
    """Content-word id -> row of the GloVe table (the first, most frequent, word with that id: "city"
    and "cities" normalise apart, "prefectures" and "prefecture" alike), and the unit vectors."""
    from analyzer import lexicons

    words, matrix = lexicons.vectors(VECTORS)
    rows: dict[int, int] = {}
    for k, w in enumerate(words):
        t = token_id(w)
        if t >= 0:
            rows.setdefault(t, k)
    return rows, matrix


def soft_dice(a: list[frozenset[int]], b: list[frozenset[int]]) -> np.ndarray:
    """Soft Dice of every sentence of a with every sentence of b (an n x m matrix): twice the
    matched weight over the two sentences' sizes, where a content word matches the same word (1) or
    one whose GloVe vector is at least SOFT_MATCH_COSINE close (its cosine), each word once, the
    closest pairs first. With exact matches only it is the Dice of SENTENCE_MATCH_DICE."""
    rows, matrix = _vector_rows()
    # One copy's words against the other's only (not their union against itself): a's words x b's.
    vocab_a, vocab_b = sorted(set().union(*a)), sorted(set().union(*b))
    col_a = {t: k for k, t in enumerate(vocab_a)}
    col_b = {t: k for k, t in enumerate(vocab_b)}
    close = np.zeros((len(vocab_a), len(vocab_b)), dtype=np.float32)
    have_a = [k for k, t in enumerate(vocab_a) if t in rows]
    have_b = [k for k, t in enumerate(vocab_b) if t in rows]
    if have_a and have_b:
        cos = matrix[[rows[vocab_a[k]] for k in have_a]] @ matrix[[rows[vocab_b[k]] for k in have_b]].T
        close[np.ix_(have_a, have_b)] = np.where(cos >= SOFT_MATCH_COSINE, cos, 0.0)
    for t in col_a.keys() & col_b.keys():
        close[col_a[t], col_b[t]] = 1.0
    cols_a = [[col_a[t] for t in s] for s in a]
    cols_b = [[col_b[t] for t in s] for s in b]

    def incidence(cols: list[list[int]], size: int) -> np.ndarray:
        out = np.zeros((len(cols), size), dtype=np.float32)
        for i, c in enumerate(cols):
            out[i, c] = 1.0
        return out

    inc_a, inc_b = incidence(cols_a, len(vocab_a)), incidence(cols_b, len(vocab_b))
    # Each word's best match in each sentence of the other copy, summed both ways: a bound on the
    # one-to-one matching (a word may be the best of several), computed for all pairs at once; the
    # matching itself only where the bound reaches the threshold.
    best_in_b = np.stack([close[:, c].max(axis=1) for c in cols_b], axis=1)
    best_in_a = np.stack([close[c, :].max(axis=0) for c in cols_a], axis=1)
    sizes = inc_a.sum(axis=1)[:, None] + inc_b.sum(axis=1)[None, :]
    out = (inc_a @ best_in_b + (inc_b @ best_in_a).T) / sizes
    for i, j in zip(*np.nonzero(out >= SENTENCE_MATCH_DICE), strict=True):
        out[i, j] = 2 * _matched(close[np.ix_(cols_a[i], cols_b[j])]) / sizes[i, j]
    return out


def _matched(close: np.ndarray) -> float:
    """Weight of a greedy one-to-one matching of the rows and columns of a word similarity block."""
    x, y = np.nonzero(close > 0)
    values = close[x, y]
    used_x: set[int] = set()
    used_y: set[int] = set()
    total = 0.0
    for k in np.argsort(-values, kind="stable").tolist():
        if x[k] in used_x or y[k] in used_y:
            continue
        used_x.add(int(x[k]))
        used_y.add(int(y[k]))
        total += float(values[k])
    return total


def filled_gaps(a: list[frozenset[int]], b: list[frozenset[int]], pairs: list[tuple[int, int]],
                need: int = 0) -> tuple[float, list[tuple[int, int]]] | None:
    """monotone_alignment's result (`pairs`) with its gaps filled by meaning: between two pairs it
    aligned (and before the first, after the last), where both copies hold about as many sentences
    (GAP_SLACK), sentences also match on soft_dice. The surface pairs stay. None (nothing to fill)
    with fewer than FILL_MIN_PAIRS of them, or where filling every gap could not reach `need` pairs:
    the soft matching is computed only for pairs that could come out of it changed."""
    if len(pairs) < FILL_MIN_PAIRS:
        return None
    anchors = [(-1, -1), *pairs, (len(a), len(b))]
    gaps = [(i0 + 1, i1, j0 + 1, j1) for (i0, j0), (i1, j1) in zip(anchors, anchors[1:], strict=False)
            if i1 - i0 > 1 and j1 - j0 > 1 and abs((i1 - i0) - (j1 - j0)) <= GAP_SLACK]
    if not gaps or len(pairs) + sum(min(i1 - i0, j1 - j0) for i0, i1, j0, j1 in gaps) < need:
        return None
    rows = sorted({i for i0, i1, _, _ in gaps for i in range(i0, i1)})
    cols = sorted({j for _, _, j0, j1 in gaps for j in range(j0, j1)})
    soft = soft_dice([a[i] for i in rows], [b[j] for j in cols]) >= SENTENCE_MATCH_DICE
    at_row = {i: k for k, i in enumerate(rows)}
    at_col = {j: k for k, j in enumerate(cols)}
    allowed = np.zeros((len(a), len(b)), dtype=bool)
    for i0, i1, j0, j1 in gaps:
        allowed[i0:i1, j0:j1] = soft[at_row[i0]:at_row[i1 - 1] + 1, at_col[j0]:at_col[j1 - 1] + 1]
    for i, j in pairs:
        allowed[i, j] = True
    return monotone_alignment(a, b, allowed)


def monotone_alignment(a: list[frozenset[int]], b: list[frozenset[int]], matches: np.ndarray | None = None
                       ) -> tuple[float, list[tuple[int, int]]]:
    """Heaviest in-order chain of matching sentence pairs (weight = size of a's sentence): pairs
    reaching SENTENCE_MATCH_DICE, or those `matches` (n x m, bool) marks.

    Returns the chain's weight over a's total weight, and the aligned (i, j) pairs.
    """
    if not a or not b:
        return 0.0, []
    n, m = len(a), len(b)
    given = matches.tolist() if matches is not None else None
    # Plain lists: element access on small numpy arrays is slower than on lists.
    score = [[0] * (m + 1) for _ in range(n + 1)]
    match: set[tuple[int, int]] = set()
    b_sizes = [len(sb) for sb in b]
    for i, sa in enumerate(a):
        row, prev = score[i + 1], score[i]
        wa = len(sa)
        for j, sb in enumerate(b):
            best = row[j] if row[j] > prev[j + 1] else prev[j + 1]
            if prev[j] + wa > best and (given[i][j] if given is not None
                                        else len(sa & sb) * 2 >= SENTENCE_MATCH_DICE * (wa + b_sizes[j])):
                best = prev[j] + wa
                match.add((i, j))
            row[j + 1] = best
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        if (i - 1, j - 1) in match and score[i][j] == score[i - 1][j - 1] + len(a[i - 1]):
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i - 1][j] >= score[i][j - 1]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    total = sum(len(s) for s in a)
    return float(score[n][m]) / total if total else 0.0, pairs


def coverage(a: Profile, b: Profile) -> float:
    """Share of the smaller copy's content words that sit in sentences aligned, in order, with the
    other: coverage_regions' first figure. Story grouping (the hot path) calls coverage_regions
    itself; a copy of its body here had been a twin to keep in step (closing note 24)."""
    return coverage_regions(a, b)[0]


def coverage_regions(a: Profile, b: Profile) -> tuple[float, frozenset[int], frozenset[int]]:
    """coverage(a, b), and the indices of a's and of b's sentences (of Profile.sentence_sets) that
    the in-order alignment maps to the other copy: which part of each the other accounts for. The
    smaller copy (by content words) is aligned against the larger one."""
    sa, sb = a.sentence_sets(), b.sentence_sets()
    if sum(map(len, sa)) > sum(map(len, sb)):
        cov, pairs = monotone_alignment(sb, sa)
        return cov, frozenset(j for _, j in pairs), frozenset(i for i, _ in pairs)
    cov, pairs = monotone_alignment(sa, sb)
    return cov, frozenset(i for i, _ in pairs), frozenset(j for _, j in pairs)


def filled_regions(a: Profile, b: Profile, regions: tuple[float, frozenset[int], frozenset[int]], share: float
                   ) -> tuple[float, frozenset[int], frozenset[int]] | None:
    """coverage_regions(a, b) (`regions`, as it returned them) with the alignment's gaps filled by
    meaning (filled_gaps), or None where nothing could be filled to map `share` of each copy's
    sentences. The aligned pairs are the two parts in order: the alignment is monotone."""
    sa, sb = a.sentence_sets(), b.sentence_sets()
    part_a, part_b = regions[1], regions[2]
    swapped = sum(map(len, sa)) > sum(map(len, sb))
    if swapped:
        sa, sb, part_a, part_b = sb, sa, part_b, part_a
    pairs = list(zip(sorted(part_a), sorted(part_b), strict=True))
    filled = filled_gaps(sa, sb, pairs, math.ceil(share * max(len(sa), len(sb))))
    if filled is None:
        return None
    cov, pairs = filled
    if swapped:
        return cov, frozenset(j for _, j in pairs), frozenset(i for i, _ in pairs)
    return cov, frozenset(i for i, _ in pairs), frozenset(j for _, j in pairs)


@dataclass(frozen=True, slots=True)
class Substitution:
    """A replaced run in the garbled copy (offsets into its text) and the original wording."""

    start: int
    end: int
    text: str
    suggestion: str


@dataclass(slots=True)
class PairAlignment:
    """What aligning a garbled copy with its original showed."""

    coverage: float  # share of the garbled copy's content words in aligned sentences
    aligned_tokens: int  # word tokens of the garbled copy in aligned sentence pairs
    same_tokens: int  # of those, tokens equal in the original
    substituted_tokens: int  # tokens inside reported substitutions
    substitutions: list[Substitution]
    # Aligned sentences worded too differently for word swaps (below MIN_SENTENCE_RATIO), the most
    # different first: the garbled copy's sentence, the original's as the suggestion. Two
    # translations of one text differ so; they are a rewrite's evidence where no word was swapped.
    rewordings: list[Substitution] = field(default_factory=list)
    # Sentences of each copy (those of MIN_SENTENCE_CONTENT_WORDS or more) and how many pairs of
    # them the in-order alignment maps one to one: how much of each copy the other accounts for.
    sentences: int = 0
    original_sentences: int = 0
    aligned_sentences: int = 0

    @property
    def copy_share(self) -> float:
        """Share of the garbled copy's sentences mapped one to one, in order, to the original's."""
        return self.aligned_sentences / self.sentences if self.sentences else 0.0

    @property
    def original_share(self) -> float:
        """Share of the original's sentences mapped one to one, in order, to the copy's."""
        return self.aligned_sentences / self.original_sentences if self.original_sentences else 0.0

    @property
    def identity(self) -> float:
        return self.same_tokens / self.aligned_tokens if self.aligned_tokens else 0.0

    @property
    def substitution_rate(self) -> float:
        return self.substituted_tokens / self.aligned_tokens if self.aligned_tokens else 0.0


def _kept_sentences(text: str, sentences: Sequence[Span] | None) -> tuple[list[Span], list[frozenset[int]]]:
    spans, sets = [], []
    for s in (sentences if sentences is not None else split_sentences(text))[:MAX_SENTENCES]:
        ids = frozenset(sentence_ids(s.text))
        if len(ids) >= MIN_SENTENCE_CONTENT_WORDS:
            spans.append(s)
            sets.append(ids)
    return spans, sets


@dataclass(slots=True)
class _Side:
    """One copy as align_pair reads it, whichever copy it is paired with: its reading view, the text
    as shown, its kept sentences and their content-word sets, and each sentence's word tokens once
    a pair has asked for them."""

    given: str  # the text as given (Substitution offsets are moved back to it)
    sentences: Sequence[Span] | None  # as given: held so that its id, the cache key, stays its own
    view: ReadingView | None
    text: str  # as shown
    spans: list[Span]
    sets: list[frozenset[int]]
    words: list[tuple[list[tuple[int, int, str]], list[str]] | None]

    def tokens(self, k: int) -> tuple[list[tuple[int, int, str]], list[str]]:
        """(start, end, word) of kept sentence k's words, and the words alone (SequenceMatcher's)."""
        got = self.words[k]
        if got is None:
            toks = _word_tokens(self.spans[k])
            got = self.words[k] = (toks, [t[2] for t in toks])
        return got


def _side(text: str, sentences: Sequence[Span] | None) -> _Side:
    cache = _SIDES.get()
    key = (text, id(sentences))
    if cache is not None:
        hit = cache.get(key)
        if hit is not None and hit.sentences is sentences:
            return hit
    view = reading_view(text)
    shown, shown_sentences = _shown(text, sentences, view)
    spans, sets = _kept_sentences(shown, shown_sentences)
    side = _Side(text, sentences, view, shown, spans, sets, [None] * len(spans))
    if cache is not None:
        cache[key] = side
    return side


# The copies read while sides_cached() is open, by (text, id of its sentences): `flag` aligns each copy
# of a story with several others (choosing the original, each copy's verdict, the direction's
# back alignment), and every pair had split and tokenized both copies again (~2.4 ms of CPU per
# article after scoring, h32f's cProfile of 5,000 articles: sentence_ids and _word_tokens).
_SIDES: ContextVar[dict[tuple[str, int], _Side] | None] = ContextVar("align_sides", default=None)


@contextmanager
def sides_cached() -> Iterator[dict[tuple[str, int], _Side]]:
    """Within it, align_pair reads each copy (a text and its sentences object) once. Scoped, so its
    memory is that of the copies aligned inside it; the cache it yields may be cleared between
    stories (stories.group_and_flag does, so it holds one story's copies at most)."""
    cache: dict[tuple[str, int], _Side] = {}
    token = _SIDES.set(cache)
    try:
        yield cache
    finally:
        _SIDES.reset(token)


def _spaced(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    gap = text[left[1]:right[0]]
    return gap == "" or gap.isspace()


def align_pair(garbled: str, original: str, garbled_sentences: Sequence[Span] | None = None,
               original_sentences: Sequence[Span] | None = None, soft_below: float = 0.0) -> PairAlignment:
    """Align `garbled` to `original` by sentence, then by word; collect substitutions. Where the
    surface alignment maps under `soft_below` of either copy's sentences, they are aligned again
    its gaps filled by meaning (filled_gaps): a second pass, only where words fell short.

    Both copies are compared as a reader sees them (text.ReadingView): a copy whose scraper left
    soft hyphens or "&#8217;" in it has the same words as one without. Compared as written, 30 of 40
    bbc_dev.jsonl articles beside their soft-hyphenated copies were flagged as spun, and 4 of 40
    beside copies with character references (2026-11-23)."""
    g, o = _side(garbled, garbled_sentences), _side(original, original_sentences)
    pa = _align_pair(g, o, soft_below)
    if g.view is not None:
        pa.substitutions = _moved_back(pa.substitutions, garbled, g.view)
        pa.rewordings = _moved_back(pa.rewordings, garbled, g.view)
    return pa


def _moved_back(subs: list[Substitution], garbled: str, view: ReadingView) -> list[Substitution]:
    """Substitutions found in the reading view, at the offsets of the text as given."""
    moved = []
    for sub in subs:
        start, end = view.to_text(sub.start, sub.end)
        moved.append(Substitution(start, end, garbled[start:end], sub.suggestion))
    return moved


def _shown(text: str, sentences: Sequence[Span] | None, view: ReadingView | None
           ) -> tuple[str, Sequence[Span] | None]:
    if view is None:
        return text, sentences
    return view.text, (None if sentences is None else view.spans(list(sentences)))


def _word_tokens(span: Span) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased word) of the words of a sentence, at text offsets. A typeset
    apostrophe is the same word: "Japan’s" in one copy, "Japan's" in the other."""
    return [(m.start() + span.start, m.end() + span.start, m.group().lower().replace("’", "'"))
            for m in WORD_RE.finditer(span.text)]


def _align_pair(g: _Side, o: _Side, soft_below: float = 0.0) -> PairAlignment:
    garbled, original = g.text, o.text
    g_spans, g_sets, o_spans, o_sets = g.spans, g.sets, o.spans, o.sets
    cov, pairs = monotone_alignment(g_sets, o_sets)
    if len(pairs) < soft_below * max(len(g_sets), len(o_sets)):
        filled = filled_gaps(g_sets, o_sets, pairs, math.ceil(soft_below * max(len(g_sets), len(o_sets))))
        if filled is not None:
            cov, pairs = filled
    aligned = same = substituted = 0
    subs: list[Substitution] = []
    reworded: list[tuple[float, Substitution]] = []
    for i, j in pairs:
        (g_tokens, g_words), (o_tokens, o_words) = g.tokens(i), o.tokens(j)
        matcher = SequenceMatcher(None, g_words, o_words, autojunk=False)
        aligned += len(g_tokens)
        same += sum(block.size for block in matcher.get_matching_blocks())
        ratio = matcher.ratio()
        if ratio < MIN_SENTENCE_RATIO:
            sentence = g_spans[i]
            start = sentence.start + len(sentence.text) - len(sentence.text.lstrip())
            end = sentence.start + len(sentence.text.rstrip())
            reworded.append((ratio, Substitution(start, end, garbled[start:end], o_spans[j].text.strip())))
            continue
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "replace" or i2 - i1 > MAX_SUBSTITUTION_TOKENS or j2 - j1 > MAX_SUBSTITUTION_TOKENS:
                continue
            substituted += i2 - i1
            # One unchanged neighbour word of context makes the phrase specific ("japanese Syria",
            # not "japanese") so that it can be recognised safely in other copies.
            # Not across punctuation: "change. But" is not a phrase.
            if (i2 < len(g_tokens) and j2 < len(o_tokens)
                    and _spaced(garbled, g_tokens[i2 - 1], g_tokens[i2])
                    and _spaced(original, o_tokens[j2 - 1], o_tokens[j2])):
                i2, j2 = i2 + 1, j2 + 1
            elif (i1 > 0 and j1 > 0 and _spaced(garbled, g_tokens[i1 - 1], g_tokens[i1])
                  and _spaced(original, o_tokens[j1 - 1], o_tokens[j1])):
                i1, j1 = i1 - 1, j1 - 1
            start, end = g_tokens[i1][0], g_tokens[i2 - 1][1]
            subs.append(Substitution(start, end, garbled[start:end],
                                     original[o_tokens[j1][0]:o_tokens[j2 - 1][1]]))
    reworded.sort(key=lambda item: (item[0], item[1].start))
    return PairAlignment(cov, aligned, same, substituted, subs, [sub for _, sub in reworded],
                         len(g_sets), len(o_sets), len(pairs))
