"""Run the signals over articles: the one place where an Article gets its scores."""

from __future__ import annotations

import hashlib
import os
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from analyzer import guard, spinning
from analyzer.article import Article
from analyzer.io.readers import ReadError
from analyzer.signals import REGISTRY, RunContext, Signal

if TYPE_CHECKING:
    from analyzer.text import Span
    from analyzer.trust.model import TrustModel

# Lines shorter than this are not counted for cross-article repetition ("Share", "Photo" are
# handled by the line rules; counting them would only cost memory).
MIN_REPEATED_LINE_CHARS = 8
# Lines found in fewer articles of a source than this are dropped from the pre-pass counts: a
# line in one article is not repeated (analyzer.signals.boilerplate_rules.REPEAT_MIN_ARTICLES = 2 reads
# only counts >= 2), and keeping every line would grow the context, which each worker holds, with
# the corpus.
MIN_CONTEXT_COUNT = 2
# Versions of one story (a first take and its update, in an hourly scrape of one outlet) count as one
# article in the pre-pass counts: their shared headline and lede are that story's, not the site's
# furniture (bug hunt 27, B1: an update beside its first take had its headline and lede read as the
# source's boilerplate, trust 0.93 -> 0.14). An article is a version of another when at least this
# share of its prose (lines of VERSION_PROSE_CHARS or more that end a sentence) is in the other, and
# both open on the same prose line: a first take is wholly inside its update (1.0). The pages of one
# outlet share prose furniture (legal notes, promos, teasers): in newspaper3k_pages.jsonl at most
# 0.59 of a page's prose when both open on the same line (youbeauty.com), 0.35 of a cut page's; one
# page (cleveland.com, a gallery) has no prose but the footer's legal lines, 1.0, and opens on
# them, where the other page opens on its story. bbc_dev.jsonl's repeated articles: 146 of 148
# ordered pairs >= 0.8 open on the same line (measured 2026-11-24, /tmp/h27g/proxy_stats.py).
VERSION_SHARE = 0.8
# A prose line for the version test: as long as boilerplate_rules.LENGTH_LOW, the shortest prose
# paragraph jusText takes, and ending a sentence (the pre-pass has no stop words).
VERSION_PROSE_CHARS = 70
# Only prose lines found in at most this many articles of a source link versions, which bounds the
# pairwise step (a line's articles, pair by pair) and keeps the pre-pass linear in the articles: a
# line in more articles is the site's, or a story kept in more versions than this: where more than
# this many articles open on one prose line, each is joined with the one of them of most prose
# instead (_join_many_versions, linear; review 27b).
VERSION_MAX_ARTICLES = 8
# In the pairwise version step, a prose line also found in articles opening on at least this many
# other prose lines is the site's furniture (a footer on its story pages), not a story's: one other
# is not enough, a story's lines are also in one page that wraps it (a copy saved with its site's
# page around it) or a follow-up quoting it. On one other opening (and the site's lines left out of
# the version share), the trust training set (scripts/train_trust.py: bodies beside their raw pages,
# spun and residue-wrapped copies) lost joins in 18 of its 88 sources; on two and only pages of no
# prose of their own kept apart, none: pre-pass counts equal there and on bbc_dev, basil_triplets,
# newspaper3k_pages, wmt_dev_docs and the flag corpus (2026-11-24, scratch).
SITE_OPENINGS = 2
# Scored once, unguarded, before a process's first guarded article: the first article pays for
# loading lexicons, word frequencies and models (~8 s on this machine), which must not count
# against the per-article time limit. A few paragraphs of news prose, one of them in French: a
# single sentence left the signals' gated stages unloaded (the known spinner phrases, the MT
# phrase matchers, the hedge cues; the language detector's profiles, which only a foreign
# paragraph asks for): 0.1-0.5 s of CPU charged to the first article, which a --time-limit of 0.3
# skipped (a helper's bug hunt).
WARM_UP_TEXT = (
    "LONDON (AFP) - The minister said on Monday that prices may rise, officials told reporters.\n\n"
    "Shares in the company fell by 4% in early trading after it warned that profits could be lower than "
    "expected this year, blaming higher energy costs and weaker demand in Europe.\n\n"
    "\"We are confident that the plan will work,\" the chief executive told a news conference in the "
    "capital, adding that it was likely to take several months before results were seen.\n\n"
    "Analysts suggested the figures might reflect a wider slowdown, although some argued that the "
    "market had already priced in much of the bad news, according to a report by the central bank.\n\n"
    "Le ministre a dit lundi que les prix pourraient augmenter dans les mois qui viennent, selon "
    "les responsables.\n"
)
_warmed_up = False


def line_key(line: str) -> int:
    """A stable 64-bit key for a normalised line (stable across processes, unlike hash())."""
    norm = " ".join(line.lower().split())
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


@dataclass
class LineTable:
    """The pre-pass's raw record, before counting: per source, each article's distinct line keys in
    line order (a flat array of 8-byte integers, not a dict of Python ints, ~100 bytes an entry), the
    length of those that are prose (VERSION_PROSE_CHARS; else 0) and the article's number of keys,
    ~12 bytes per line of input. Tables of parts of a run merge (`merge`) before they are counted
    (`context`), so the versions of one story in two files join as they do in one (distributed)."""

    source_articles: dict[str, int] = field(default_factory=dict)
    keys: dict[str, array[int]] = field(default_factory=dict)
    prose: dict[str, array[int]] = field(default_factory=dict)
    sizes: dict[str, array[int]] = field(default_factory=dict)
    # Each article's lines_signature, in order: what tells the scoring pass which story's versions
    # an article is one of (RunContext.versions), 8 bytes an article.
    signatures: dict[str, array[int]] = field(default_factory=dict)

    def add(self, article: Article) -> None:
        from analyzer.signals.boilerplate_rules import ends_sentence

        source = article.source
        self.source_articles[source] = self.source_articles.get(source, 0) + 1
        if source not in self.keys:
            self.keys[source], self.prose[source], self.sizes[source] = array("Q"), array("I"), array("I")
            self.signatures[source] = array("Q")
        lines = {line_key(s.text): len(s.text) if len(s.text) >= VERSION_PROSE_CHARS and ends_sentence(s.text) else 0
                 for s in counted_lines(article)}
        self.keys[source].extend(lines)
        self.prose[source].extend(lines.values())
        self.sizes[source].append(len(lines))
        self.signatures[source].append(lines_signature(lines))
        article.__dict__.pop("lines", None)  # the cached split is rebuilt when the article is scored

    def merge(self, other: LineTable) -> LineTable:
        """This table followed by `other` (in place), as if one pre-pass had read both parts in order."""
        for source, n in other.source_articles.items():
            self.source_articles[source] = self.source_articles.get(source, 0) + n
        for table, more in ((self.keys, other.keys), (self.prose, other.prose), (self.sizes, other.sizes),
                            (self.signatures, other.signatures)):
            for source, values in more.items():
                table.setdefault(source, array(values.typecode)).extend(values)
        return self

    def context(self, min_count: int = MIN_CONTEXT_COUNT) -> RunContext:
        """The counts the signals read: for each source, in how many of its articles (versions of
        one story counting once, story_counts) each line found in at least `min_count` occurs; and
        which articles are versions of one story (RunContext.versions: by their lines_signature, the
        story's signature and its number of versions), for the trust table to count such a story once."""
        context = RunContext(source_articles=dict(self.source_articles))
        for source, buffer in self.keys.items():
            counts, groups = _story_counts(buffer, self.prose[source], self.sizes[source], min_count)
            context.source_lines[source] = counts
            if groups is not None:
                versions = _version_groups(*groups, self.signatures[source])
                if versions:
                    context.versions[source] = versions
        return context


def read_lines(articles: Iterable[Article | ReadError]) -> LineTable:
    """The pre-pass's reading step (LineTable), without the counting."""
    table = LineTable()
    for article in articles:
        if not isinstance(article, ReadError):
            table.add(article)
    return table


def prepare_context(articles: Iterable[Article | ReadError], *, min_count: int = MIN_CONTEXT_COUNT) -> RunContext:
    """Pre-pass: for each source, in how many of its articles each line occurs, versions of one story
    counting once (story_counts). Only lines found in at least `min_count` articles are kept; memory
    grows by ~12 bytes per line of input while reading (LineTable)."""
    return read_lines(articles).context(min_count)


def lines_signature(keys: Iterable[int]) -> int:
    """A stable 64-bit key for an article's set of line keys (LineTable.add's, line_key of its lines
    of MIN_REPEATED_LINE_CHARS or more): the same in the pre-pass and when the article is scored."""
    data = array("Q", sorted(set(keys))).tobytes()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def counted_lines(article: Article) -> Iterator[Span]:
    """The lines of an article the pre-pass counts: those of MIN_REPEATED_LINE_CHARS or more."""
    return (s for s in article.lines if len(s.text) >= MIN_REPEATED_LINE_CHARS)


def article_signature(article: Article) -> int:
    """lines_signature of an article's lines, as LineTable.add reads them."""
    return lines_signature(line_key(s.text) for s in counted_lines(article))


def _version_groups(groups: Any, openings: Any, signatures: array[int]) -> dict[int, tuple[int, int]]:
    """{article signature: (story, versions)} for the articles of a group of two or more (`groups`:
    each article's group root; `openings`: the key of its first prose line, which all versions of a
    story share). A story is named by that key, so that an article's name for it does not change
    when another version comes or goes (score --resume keeps the lines of unchanged inputs); by its
    root article's signature where two stories open on one line."""
    import numpy as np

    roots, size = np.unique(groups, return_counts=True)
    many = {g: n for g, n in zip(roots.tolist(), size.tolist(), strict=True) if n > 1}
    opened = openings.tolist()
    shared = Counter(opened[g] for g in many)
    signed = signatures.tolist()
    name = {g: opened[g] if shared[opened[g]] == 1 else signed[g] for g in many}
    return {signed[a]: (name[g], many[g]) for a, g in enumerate(groups.tolist()) if g in many}


def story_counts(buffer: array[int], prose: array[int], sizes: array[int], min_count: int = 1) -> dict[int, int]:
    """{key: articles} for the keys in at least min_count articles, as count_keys, but an article
    counts once with the versions of its story: an article at least VERSION_SHARE of whose prose
    (prose[i]: the length of key i's line when it is prose, else 0) another article holds is one
    group with it (union-find over the pairs of articles sharing a prose line found in at most
    VERSION_MAX_ARTICLES articles). `sizes`: the number of keys of each article, in order."""
    return _story_counts(buffer, prose, sizes, min_count)[0]


def _story_counts(buffer: array[int], prose: array[int], sizes: array[int], min_count: int = 1) -> tuple[
        dict[int, int], Any]:
    """story_counts, and each article's group (its root's index, in order) and the key of its first
    prose line; None: every article its own."""
    if len(sizes) < 2:
        return count_keys(buffer, min_count), None  # one article: no versions
    import numpy as np

    flat = np.frombuffer(buffer, dtype=np.uint64)
    values, inverse, counts = np.unique(flat, return_inverse=True, return_counts=True)
    chars = np.frombuffer(prose, dtype=np.uint32).astype(np.int64)
    owner = np.repeat(np.arange(len(sizes)), np.frombuffer(sizes, dtype=np.uint32))
    found = counts[inverse]
    linking = np.flatnonzero((chars > 0) & (found >= 2) & (found <= VERSION_MAX_ARTICLES))
    # Each article's first prose line (index into values; -1: none; keys are in line order): a
    # version opens as its story does, a page whose only prose is the site's footer does not.
    first = np.full(len(sizes), -1, dtype=np.int64)
    prose_at = np.flatnonzero(chars > 0)
    with_prose, at = np.unique(owner[prose_at], return_index=True)
    first[with_prose] = inverse[prose_at[at]]
    parent = list(range(len(sizes)))

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    if linking.size:
        own_prose = np.bincount(owner, weights=chars, minlength=len(sizes))
        order = linking[np.argsort(inverse[linking], kind="stable")]
        held: dict[tuple[int, int], int] = {}  # (a, b): chars of a's prose that b holds
        # Of each article's prose, chars in lines of the site: a line also found in articles opening
        # on SITE_OPENINGS other prose lines (versions open alike) is the site's, and an article
        # whose prose is all the site's joins nothing. Pages whose only prose is the site's footer
        # (galleries) open on it, and 2 to 8 of them beside the site's story pages had joined as
        # one story's versions, their footer counted once (review 28, L5). Only a page of no prose
        # of its own is kept apart: leaving the site's lines out of the share too cost joins of a
        # story's versions (one outlet of the trust training set, whose byline was on 3 openings).
        site_prose = [0] * len(sizes)
        opening = first.tolist()
        key_of, owners, lengths = inverse[order].tolist(), owner[order].tolist(), chars[order].tolist()
        start = 0
        for end in range(1, len(order) + 1):
            if end < len(order) and key_of[end] == key_of[start]:
                continue
            site = len({opening[owners[i]] for i in range(start, end)}) > SITE_OPENINGS
            for i in range(start, end):
                if site:
                    site_prose[owners[i]] += lengths[i]
                for j in range(start, end):
                    if i != j:
                        pair = (owners[i], owners[j])
                        held[pair] = held.get(pair, 0) + lengths[i]
            start = end
        for (a, b), c in held.items():
            if c >= VERSION_SHARE * own_prose[a] and first[a] == first[b] and own_prose[a] > site_prose[a]:
                parent[root(a)] = root(b)
    joined = _join_many_versions(first, inverse, chars, owner, sizes, root, parent)
    groups = np.array([root(a) for a in range(len(sizes))], dtype=np.int64)
    if (linking.size == 0 and not joined) or len(set(groups.tolist())) == len(sizes):
        keep = counts >= min_count
        return dict(zip(values[keep].tolist(), counts[keep].tolist(), strict=True)), None
    # Distinct (key, group) pairs, counted per key.
    pairs = np.unique(inverse.astype(np.int64) * len(sizes) + groups[owner])
    per_key = np.bincount(pairs // len(sizes), minlength=len(values))
    keep = per_key >= min_count
    openings = np.where(first >= 0, values[np.maximum(first, 0)], 0)
    return dict(zip(values[keep].tolist(), per_key[keep].tolist(), strict=True)), (groups, openings)


def _join_many_versions(first: Any, inverse: Any, chars: Any, owner: Any, sizes: array[int],
                        root: Callable[[int], int], parent: list[int]) -> bool:
    """Join the versions of a story kept in more than VERSION_MAX_ARTICLES articles, whose lines the
    pairwise step never links (an hourly scrape of a live page: 8 first takes and their update, and
    the update's headline and lede read as the source's furniture, trust 0.32 -> 0.01; review 27b).
    Among the articles opening on one prose line, more than VERSION_MAX_ARTICLES of them, each is
    joined with the one of most prose (the latest version of a story that grows) when at least
    VERSION_SHARE of its prose is in it: one pass over each article's keys, so linear. Whether any
    was joined."""
    import numpy as np

    opened, members = np.unique(first[first >= 0], return_counts=True)
    many = set(opened[members > VERSION_MAX_ARTICLES].tolist())
    if not many:
        return False
    ends = np.cumsum(np.frombuffer(sizes, dtype=np.uint32).astype(np.int64))
    starts = ends - np.frombuffer(sizes, dtype=np.uint32)
    own_prose = np.bincount(owner, weights=chars, minlength=len(sizes))
    stories: dict[int, list[int]] = {}
    for a, opening in enumerate(first.tolist()):
        if opening in many:
            stories.setdefault(opening, []).append(a)
    occurs = np.bincount(inverse, minlength=int(inverse.max()) + 1 if inverse.size else 0)
    joined = False
    for articles in stories.values():
        fullest = max(articles, key=lambda a: (own_prose[a], -a))
        versions = _versions(articles, fullest, starts, ends, inverse, chars, set())
        # A line also found in an article of the source that is no version (one that opens on
        # another line, or holds prose of its own) is the site's furniture, not the story's: pages
        # whose only prose is the site's footer (a gallery) open on it as one and are wholly held by
        # the fullest of them, and joined as one they left the site's story pages their footer
        # read as content (100 galleries and 5 stories: footer in 105 articles counted 6, under
        # REPEAT_PROSE_SHARE; review 28). Their versions are those that still hold it without such lines.
        inside: dict[int, int] = {}
        for a in (*versions, fullest):
            for k in inverse[starts[a]:ends[a]].tolist():
                inside[k] = inside.get(k, 0) + 1
        site = {k for k, n in inside.items() if occurs[k] > n}
        if site:
            versions = _versions(versions, fullest, starts, ends, inverse, chars, site)
        for a in versions:
            parent[root(a)] = root(fullest)
            joined = True
    return joined


def _versions(articles: list[int], fullest: int, starts: Any, ends: Any, inverse: Any, chars: Any,
              site: set[int]) -> list[int]:
    """The articles (fullest aside) at least VERSION_SHARE of whose prose, lines of `site` left out,
    the fullest holds; none whose prose is all the site's."""
    span = slice(starts[fullest], ends[fullest])
    holds = set(inverse[span][chars[span] > 0].tolist()) - site
    out = []
    for a in articles:
        if a == fullest:
            continue
        span = slice(starts[a], ends[a])
        own = kept = 0
        for k, c in zip(inverse[span].tolist(), chars[span].tolist(), strict=True):
            if c and k not in site:
                own += c
                kept += c if k in holds else 0
        if own and kept >= VERSION_SHARE * own:
            out.append(a)
    return out


def count_keys(buffer: array[int], min_count: int = 1) -> dict[int, int]:
    """{key: occurrences} for the keys occurring at least min_count times (in key order)."""
    if not buffer:
        return {}
    import numpy as np

    values, counts = np.unique(np.frombuffer(buffer, dtype=np.uint64), return_counts=True)
    keep = counts >= min_count
    return dict(zip(values[keep].tolist(), counts[keep].tolist(), strict=True))


def score_article(
    article: Article,
    context: RunContext | None = None,
    signals: Mapping[str, Signal] = REGISTRY,
    model: TrustModel | None = None,
    *,
    time_limit: float | None = None,
) -> Article:
    """Run every signal on one article, in registry order, then the trust model (default: shipped).

    Raises guard.ScoringTimeout when it takes longer than `time_limit` seconds (default:
    guard.current_limit() for the article's length, the CLI's --time-limit).
    """
    warm_up(model)
    if time_limit is None:
        time_limit = guard.current_limit(len(article.text))
    return _finish(article, context or RunContext(), signals, model, time_limit)


def _run_signals(article: Article, context: RunContext, signals: Mapping[str, Signal]) -> None:
    for name, signal in signals.items():
        result = signal(article, context)
        article.restore_evidence_text(result.evidence)
        article.scores.update(result.scores)
        article.evidence.extend(result.evidence)
        if result.details:
            article.details[name] = result.details
        for field_name, value in result.fields.items():
            setattr(article, field_name, value)


def _begin(article: Article, context: RunContext, signals: Mapping[str, Signal], time_limit: float | None) -> Article:
    with guard.time_limit(time_limit):
        _run_signals(article, context, signals)
    return article


def _finish(article: Article, context: RunContext, signals: Mapping[str, Signal], model: TrustModel | None,
            time_limit: float | None, limit: float | None = None) -> Article:
    """The signals, then the trust model, within `time_limit` seconds (`limit`: the article's whole
    limit, which a time-out names)."""
    from analyzer import trust

    with guard.time_limit(time_limit, limit):
        _run_signals(article, context, signals)
        article.scores["trust"] = (model or trust.default_model()).score(article)
        # Says why trust was held low, where the text has too little prose to judge (no signal's job).
        article.evidence.extend(trust.held_low_evidence(article))
    article.drop_content_cache()  # only scoring needs it: articles kept by `flag` stay as small
    return article


# Threads numpy's BLAS may use in a scoring process. OpenBLAS otherwise starts one per core and,
# after each of the signals' small matrix products, the idle ones spin: on a 2-core machine that
# doubled the CPU time of every stage (bench/bench_score.py on bbc_dev.jsonl: 8.5 against 5.6 ms
# an article, output byte-identical, 2026-11-22). Parallelism comes from --jobs and Dask workers.
BLAS_THREADS = 1


def limit_blas_threads() -> None:
    """Limit numpy's BLAS to BLAS_THREADS threads in this process (threadpoolctl, a scikit-learn
    dependency; nothing happens without it)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(BLAS_THREADS, user_api="blas")


def warm_up(model: TrustModel | None = None) -> None:
    """Once per process: score WARM_UP_TEXT unguarded, so loading costs escape the time limit.

    A failure here is not the article's fault (a broken model file, a missing lexicon): it
    propagates, where a failure on one article only skips that article.
    """
    global _warmed_up
    if _warmed_up:
        return
    _warmed_up = True  # before scoring: score_article calls back here
    limit_blas_threads()
    try:
        score_article(Article(id="warm-up", text=WARM_UP_TEXT), RunContext(), REGISTRY, model, time_limit=0)
    except BaseException:
        _warmed_up = False
        raise


# The signal after which a chunk's spin-detector candidates are computed (prefetch): the detector
# reads the content lines this signal sets (translation.body_text).
PREFETCH_AFTER = "boilerplate"
# A time-limited article's second stage gets at least this much of its limit, so that a first
# stage ending right at the limit still times out in the second one rather than not at all.
MIN_STAGE_SECONDS = 0.001


def _guarded(step: Callable[..., Article], item: Article, *args: Any) -> Article | ReadError:
    """step(item, *args), where a time-out or a signal's failure becomes a ReadError (its path, id and
    reason) so that the run goes on and exits 3."""
    try:
        return step(item, *args)
    except guard.ScoringTimeout as exc:
        return ReadError(item.path or item.id, f"article '{item.id}': {exc}; skipped", id=item.id)
    except Exception as exc:  # a signal's bug on one hostile text must not end the whole run
        reason = f"article '{item.id}': scoring failed ({type(exc).__name__}: {exc}); skipped"
        return ReadError(item.path or item.id, reason[:500], id=item.id)


def score_items(
    items: Iterable[Article | ReadError], context: RunContext | None = None, model: TrustModel | None = None,
    signals: Mapping[str, Signal] = REGISTRY,
) -> Iterator[Article | ReadError]:
    """score_article over a chunk of items, with the same results, for a stream: an article that
    times out or breaks a signal becomes a ReadError (its path, id and reason) so that the run goes
    on and exits 3. The signals up to PREFETCH_AFTER run on every article first, then the spin
    detector's candidates of all of them are computed in one numpy pass (prefetch), then the other
    signals run article by article. Each article keeps one time limit over both stages."""
    context = context or RunContext()
    warm_up(model)
    names = list(signals)
    cut = names.index(PREFETCH_AFTER) + 1 if PREFETCH_AFTER in names else 0
    head = {name: signals[name] for name in names[:cut]}
    tail = {name: signals[name] for name in names[cut:]}
    begun: list[tuple[Article | ReadError, float, float]] = []  # (item, its limit, time spent)
    for item in items:
        if isinstance(item, ReadError):
            begun.append((item, 0.0, 0.0))
            continue
        limit = guard.current_limit(len(item.text))
        started = time.monotonic()
        begun.append((_guarded(_begin, item, context, head, limit), limit, time.monotonic() - started))
    prefetch(item for item, _, _ in begun)
    for item, limit, spent in begun:
        if isinstance(item, ReadError):
            yield item
            continue
        left = max(MIN_STAGE_SECONDS, limit - spent) if limit > 0 else 0.0
        yield _guarded(_finish, item, context, tail, model, left, limit)


def score_stream(
    items: Iterable[Article | ReadError], context: RunContext | None = None, model: TrustModel | None = None
) -> Iterator[Article | ReadError]:
    context = context or RunContext()
    iterator = iter(items)
    # Reads up to PREFETCH_ARTICLES articles ahead: the spin detector computes their candidates in
    # one numpy pass. The first article comes alone, so that its result streams out at once.
    size = 1
    while chunk := list(islice(iterator, size)):
        yield from score_items(chunk, context, model)
        size = spinning.PREFETCH_ARTICLES


def prefetch(items: Iterable[Article | ReadError]) -> None:
    """Let the signals precompute, together, what they will need for these items (same values as
    one by one): the spin detector's candidates (analyzer.spinning.prefetch) of the text it will
    read (translation.detector_text: the content lines, once the boilerplate signal has run)."""
    from analyzer.signals.translation import detector_text

    spinning.prefetch(detector_text(item) for item in items if isinstance(item, Article))


def score_text(text: str, *, id: str = "text", source: str | None = None,
               model: TrustModel | str | os.PathLike[str] | None = None) -> Article:
    """Convenience for library users: score one string, as `analyzer score` scores a file holding
    it: its front matter gives its metadata; without `source` (or one there), the outlet a banner or
    credit names, else its url's site, else "unknown" (the CLI's reader infers it so; here it had
    always been "unknown"). `model`: a trust model, or its file as
    `analyzer train` wrote it, as api.score_paths takes them (default: shipped)."""
    from analyzer.io.readers import (
        field_value,
        front_matter_meta,
        given_id,
        missing_value,
        not_text,
        read_date,
        source_and_url,
        source_of,
    )
    from analyzer.trust import resolve_model

    # A model file's path had failed deep in scoring ("'str' object has no attribute 'score'"), and
    # bytes or None with "sequence item 0: expected str instance" or "has no len()".
    if not isinstance(text, str):
        raise TypeError(f"score_text takes the article's text as a str, not {not_text(text)}")
    # Its front matter gives its metadata, as a file's does: a Markdown article read into a notebook
    # and scored here had been source "unknown", title None, where `score` read "Reuters" from the
    # same file (bug hunt 27, A5).
    meta = front_matter_meta(text)
    # Read as a record's fields are: a DataFrame's empty cell (NaN) given as `source` had been the
    # source, written `"source": NaN` (no JSON), and an int id `"id": 5` (bug hunt 31b, A7).
    source = None if source is None or missing_value(source) else field_value(source)
    id = given_id(id) or "text"
    # A web address as the source (trafilatura's JSON output's `source`) names a page, not an outlet:
    # the url where none is given, as the readers take it (readers.record_fields; bug hunt 32).
    source, url = source_and_url([source, meta.get("source")], meta.get("url"))
    article = Article(id=id, text=text, source=source or source_of(text, url),
                      url=url, title=meta.get("title"), date=read_date(meta.get("date")))
    return score_article(article, model=resolve_model(model))
