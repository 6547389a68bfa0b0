"""Boilerplate lines: scraper residue, players and captions, navigation, promos, foreign paragraphs.

Every line is labelled content or boilerplate (with a kind and a reason). The method combines:
1. Line patterns (lexicons/boilerplate_patterns.tsv): residue tags, captions, menus, share
   buttons, comments, cookie and legal notices, promos, bylines and datelines.
2. Lines repeated across several articles of the same source in this run (RunContext), which
   single-page extractors cannot see: a site's footer or promo is the same on all its pages.
3. Foreign-language paragraphs found by the language signal (which runs first).
4. jusText's line classes on plain text (Pomikalek 2011: length and stop-word density) and the
   web-corpus line rules of C4/Gopher/FineWeb (terminal punctuation, word counts): prose lines
   become anchors; anchors close to each other form blocks, and the block holding most prose is
   the article body (the main-block idea of Body Text Extraction, Finn et al. 2001). Short lines
   between body paragraphs (subheadings, one-line quotes) are content, as in jusText's second
   pass; lines outside the body (menus, teasers, comment threads, footers) are boilerplate.
   The headline just above the body, and a line equal to the article's title, are content.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult
from analyzer.signals.language import stopwords, tokens
from analyzer.text import WORD_RE

NAME = "boilerplate"

# jusText's defaults for a "good" (prose) paragraph: at least LENGTH_LOW characters and a
# stop-word density of STOPWORDS_HIGH, or at least LENGTH_HIGH characters (Pomikalek 2011,
# jusText 3.0 defaults: length_low 70, length_high 200, stopwords_low 0.30, stopwords_high 0.32).
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_HIGH = 0.32
STOPWORDS_LOW = 0.30
# Without a stop-word list for the article's language, a prose line needs this many words and
# terminal punctuation (the C4 / Gopher rules: lines of 3+ words ending in terminal punctuation;
# we ask for more because menus of 3-9 words are common).
MIN_PROSE_WORDS = 10
# Anchors (prose lines) more than this many lines apart start a new block. Three lines cover a
# caption pair or an ad label between two paragraphs (measured on newspaper3k_pages.jsonl).
MAX_GAP_LINES = 3
# A block other than the largest is kept when it holds at least this share of its prose
# characters (measured on newspaper3k_pages.jsonl and trafilatura_page_lines_en.tsv: teasers and
# comment threads sit in small blocks away from the body).
KEEP_BLOCK_SHARE = 0.5
# The headline sits at most this many lines above the body (bylines and dates in between).
HEADLINE_WINDOW = 4
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
# A line this long that stops on a lower-case word or a comma was hard-wrapped (fixed-width text).
WRAP_MIN_CHARS = 40
# A line of another article of the same source counts as that source's boilerplate when it occurs
# in at least this many of the source's articles; a prose line needs more, since one source may
# run two versions of a story (a site's promo paragraph is on every page).
REPEAT_MIN_ARTICLES = 2
REPEAT_PROSE_MIN_ARTICLES = 3
# ... and, in a big run, at least this share of the source's articles: a site's promo is on all
# its pages, while three match previews of 1,625 BBC articles sharing a line-up is news
# (bbc_dev.jsonl).
REPEAT_PROSE_SHARE = 0.1
# An article whose prose is mostly repeated in the source's other articles is a copy of one of
# them: repetition says nothing about its lines then.
COPY_SHARE = 0.5
# Kinds of line that only a whole web page carries (menus, share bars, footers...). The main-block
# selection runs only on texts with at least PAGE_MIN_FLAGS of them: an extracted article's
# lists and sports line-ups look like menus to the line statistics (measured on bbc_dev.jsonl,
# where block selection on every article flagged 3% of the clean lines).
PAGE_KINDS = frozenset({
    "navigation", "share_buttons", "comments", "cookie_notice", "legal", "promo", "related_links",
    "byline_dateline", "author_bio", "repeated_across_source",
})
PAGE_MIN_FLAGS = 2
# Sources under which repetition does not mean "same site".
UNKNOWN_SOURCES = frozenset({"", "unknown"})

_TERMINAL = frozenset(".!?…")
_CLOSERS = "\"'”’»)]*"

REASONS = {
    "scraper_residue": "Left over by the scraping or auto-posting software, not part of the article.",
    "separator": "A line of symbols only, a layout separator.",
    "caption": "A photo or media caption or player notice, not the article's text.",
    "credit": "A photo or agency credit line.",
    "navigation": "Site navigation or a section label, not part of the article.",
    "related_links": "A link to another article.",
    "share_buttons": "Share or social-media button labels.",
    "comments": "Part of the comment section or its controls.",
    "cookie_notice": "A cookie, browser or JavaScript notice.",
    "legal": "A copyright, terms or data-licence notice.",
    "promo": "A promotion: newsletter, subscription, app or publisher advert.",
    "author_bio": "An author biography or author link, not the article's text.",
    "byline_dateline": "A byline, date or reading-time line of the page.",
    "foreign_language": "A paragraph in another language than the article.",
    "repeated_across_source": "This line appears in {n} articles of {source} in this run: the site's own boilerplate.",
    "outside_main_text": "Text outside the article's main body (teaser, sidebar, comment or footer).",
}


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    strong: bool


def _split_pattern(pattern: str) -> tuple[str, str]:
    """('full', p) for an anchored pattern; ('search', p) for '.*X.*' / '.*X' forms, rewritten so
    that a search finds them without the costly leading '.*' (same lines match)."""
    if pattern.startswith(".*"):
        inner = pattern[2:]
        if inner.endswith(".*") and not inner.endswith("\\.*"):
            return "search", inner[:-2]
        return "search", f"(?:{inner})\\Z"
    return "full", pattern


@dataclass(frozen=True, slots=True)
class _Triggered:
    index: int
    max_words: int
    words: frozenset[str]
    pairs: tuple[frozenset[str], ...]
    substrings: tuple[str, ...]
    regex: re.Pattern[str]
    search: bool


@cache
def _trigger_screen() -> tuple[frozenset[str], re.Pattern[str]]:
    """Every trigger word, and one regex for every trigger substring: lines holding neither (most
    body paragraphs) skip the triggered patterns in one set test and one scan."""
    triggered = _rules()[2]
    # A pair needs both words, so its longest (rarest) word is enough to screen on.
    words = frozenset().union(*(r.words for r in triggered)) | {
        max(sorted(pair), key=len) for r in triggered for pair in r.pairs
    }
    subs = sorted({sub for r in triggered for sub in r.substrings})
    return words, re.compile("|".join(map(re.escape, subs)) or "(?!)", re.IGNORECASE)


@cache
def _rules() -> tuple[
    tuple[int, ...],
    tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None], ...],
    tuple[_Triggered, ...],
    tuple[_Rule, ...],
]:
    """Combined regexes per word-count bucket: bucket i holds the untriggered patterns allowed for
    lines of at most limits[i] words (unlimited ones included); the last bucket, unlimited ones
    only. Each bucket has one anchored regex (fullmatch) and one for contains-patterns (search).
    Patterns with trigger words are tried one by one, only on lines holding a trigger."""
    rows = lexicons.load("boilerplate_patterns")
    rules = tuple(_Rule(row["kind"], row["strength"] == "strong") for row in rows)
    limits = tuple(sorted({int(row["max_words"]) for row in rows if int(row["max_words"]) > 0}))
    split = [_split_pattern(row["pattern"]) for row in rows]
    triggered = []
    plain = []
    for i, row in enumerate(rows):
        trig = row.get("triggers", "").split()
        if not trig:
            plain.append(i)
            continue
        mode, pattern = split[i]
        triggered.append(
            _Triggered(
                i, int(row["max_words"]),
                frozenset(t for t in trig if WORD_RE.fullmatch(t)),
                tuple(frozenset(t.split("+")) for t in trig if "+" in t),
                tuple(t for t in trig if "+" not in t and not WORD_RE.fullmatch(t)),
                re.compile(pattern, re.IGNORECASE), mode == "search",
            )
        )

    def combined(allowed: list[int], mode: str) -> re.Pattern[str] | None:
        parts = [f"(?P<r{i}>{split[i][1]})" for i in allowed if split[i][0] == mode]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    buckets = []
    for limit in (*limits, None):
        allowed = [
            i for i in plain
            if int(rows[i]["max_words"]) == 0 or (limit is not None and int(rows[i]["max_words"]) >= limit)
        ]
        buckets.append((combined(allowed, "full"), combined(allowed, "search")))
    return limits, tuple(buckets), tuple(triggered), rules


def match_rule(line: str, toks: Sequence[str] | None = None) -> _Rule | None:
    """The first lexicon pattern matching the whole line (within its word limit), if any.
    `toks`: the line's lower-cased words, when the caller has them already."""
    limits, buckets, triggered, rules = _rules()
    if toks is None:
        toks = tokens(line)
    n_words = len(toks)
    full, search = buckets[bisect_left(limits, n_words)]
    matches = (full.fullmatch(line) if full else None, search.search(line) if search else None)
    found = [int(m.lastgroup[1:]) for m in matches if m and m.lastgroup]
    tokset = set(toks)
    screen_words, screen_subs = _trigger_screen()
    if tokset.isdisjoint(screen_words) and not screen_subs.search(line):
        triggered = ()
    lower: str | None = None
    for rule in triggered:
        if rule.max_words and n_words > rule.max_words:
            continue
        if found and rule.index > min(found):
            break
        hit = not rule.words.isdisjoint(tokset) or any(pair <= tokset for pair in rule.pairs)
        if not hit and rule.substrings:
            lower = lower if lower is not None else line.lower()
            hit = any(sub in lower for sub in rule.substrings)
        if hit and (rule.regex.search(line) if rule.search else rule.regex.fullmatch(line)):
            found.append(rule.index)
            break
    if not found:
        return None
    return rules[min(found)]


def line_kind(line: str) -> str | None:
    """The boilerplate kind the patterns give a line on their own (no context), or None."""
    rule = match_rule(line)
    return rule.kind if rule else None


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def _headline_like(text: str, n_words: int) -> bool:
    return (
        HEADLINE_MIN_WORDS <= n_words <= HEADLINE_MAX_WORDS
        and not text.rstrip(_CLOSERS).endswith(".")
        and (text[0].isupper() or text[0] in "\"'‘“«–-" or text[0].isdigit())
    )


def _units(lines: list, rules: list[_Rule | None]) -> list[list[int]]:
    """Group hard-wrapped lines into paragraphs: a line continues the previous one when that one
    does not end a sentence and this one starts in lower case, or follows a long line that
    stops mid-phrase (on a lower-case word or a comma). Lines a pattern flags stay alone."""
    units: list[list[int]] = []
    for i, line in enumerate(lines):
        if units and rules[i] is None and rules[units[-1][-1]] is None:
            prev = lines[units[-1][-1]].text
            first = line.text[0]
            if not _ends_sentence(prev) and (
                first.islower() or (len(prev) >= WRAP_MIN_CHARS and (prev[-1] in ",;" or prev[-1].islower()))
            ):
                units[-1].append(i)
                continue
        units.append([i])
    return units


def boilerplate_signal(article: Article, context: RunContext) -> SignalResult:
    text = article.text
    lines = article.lines
    stops = stopwords(article.language)
    title = " ".join((article.title or "").lower().split())

    line_toks = [tokens(line.text) for line in lines]
    line_rules = [match_rule(line.text, toks) for line, toks in zip(lines, line_toks, strict=True)]
    units = _units(lines, line_rules)
    unit_texts = [" ".join(lines[i].text for i in unit) for unit in units]
    n = len(units)

    words: list[int] = []
    prose: list[bool] = []
    sentence_like: list[bool] = []
    kinds: list[str | None] = [None] * n
    weak: list[bool] = [False] * n
    for u, (unit, utext) in enumerate(zip(units, unit_texts, strict=True)):
        toks = line_toks[unit[0]] if len(unit) == 1 else [t for i in unit for t in line_toks[i]]
        words.append(len(toks))
        length = len(utext)
        terminal = _ends_sentence(utext)
        density = sum(map(stops.__contains__, toks)) / len(toks) if toks and stops else 0.0
        if stops:
            good = (length >= LENGTH_HIGH and density >= STOPWORDS_LOW) or (
                length >= LENGTH_LOW and density >= STOPWORDS_HIGH and terminal
            )
        else:
            good = (length >= LENGTH_HIGH) or (len(toks) >= MIN_PROSE_WORDS and terminal)
        prose.append(good)
        # Terminal punctuation (C4's rule), or jusText's "near-good" prose missing its full stop.
        near = length >= LENGTH_LOW and (density >= STOPWORDS_LOW if stops else len(toks) >= MIN_PROSE_WORDS)
        sentence_like.append((terminal and len(toks) >= HEADLINE_MIN_WORDS) or near)
        rule = line_rules[unit[0]] if len(unit) == 1 else match_rule(utext, toks)
        if rule is not None:
            kinds[u] = rule.kind
            weak[u] = not rule.strong

    foreign = {(e.start, e.end) for e in article.evidence if e.kind == "foreign_language"}
    repeated = _repeated_lines(article, context, units, prose)
    for u, unit in enumerate(units):
        if any((lines[i].start, lines[i].end) in foreign for i in unit):
            kinds[u], weak[u] = "foreign_language", False
        elif kinds[u] is None and all(i in repeated for i in unit):
            kinds[u] = "repeated_across_source"

    page_flags = sum(1 for kind in kinds if kind in PAGE_KINDS)
    if page_flags >= PAGE_MIN_FLAGS:
        content = _main_blocks(unit_texts, words, prose, sentence_like, kinds, title)
    else:
        # No page furniture: an extracted article (lists, line-ups and tables are its own).
        content = [kind is None for kind in kinds]
    # Weak patterns inside the body (between two content units) are the body's own sentences.
    for u in range(1, n - 1):
        if weak[u] and content[u - 1] and content[u + 1]:
            kinds[u] = None
            content[u] = True

    evidence: list[Evidence] = []
    ranges: list[tuple[int, int]] = []
    bad_chars = 0
    for u, unit in enumerate(units):
        if content[u] and kinds[u] is None:
            ranges.extend((lines[i].start, lines[i].end) for i in unit)
            continue
        kind = kinds[u] or (
            "navigation" if not sentence_like[u] and words[u] < MIN_PROSE_WORDS else "outside_main_text"
        )
        for i in unit:
            line = lines[i]
            reason = REASONS[kind]
            if kind == "repeated_across_source":
                count = context.source_lines.get(article.source, {}).get(_line_key(line.text), 0)
                reason = reason.format(n=count, source=article.source)
            evidence.append(Evidence.at(text, line.start, line.end, signal=NAME, kind=kind, reason=reason))
            bad_chars += line.end - line.start
    total = sum(line.end - line.start for line in lines)
    share = bad_chars / total if total else 0.0
    by_kind: dict[str, int] = {}
    for ev in evidence:
        by_kind[ev.kind] = by_kind.get(ev.kind, 0) + 1
    return SignalResult(
        scores={"boilerplate": share},
        evidence=evidence,
        details={"lines": n, "boilerplate_lines": len(evidence), "kinds": dict(sorted(by_kind.items()))},
        fields={"content_ranges": ranges},
    )


def _line_key(line: str) -> int:
    from analyzer.pipeline import line_key  # late: the pipeline imports the signals

    return line_key(line)


def _repeated_lines(
    article: Article, context: RunContext, units: list[list[int]], unit_prose: list[bool]
) -> set[int]:
    """Indices of lines repeated in other articles of the same source in this run."""
    if article.source in UNKNOWN_SOURCES or context.source_articles.get(article.source, 0) < REPEAT_MIN_ARTICLES:
        return set()
    counts = context.source_lines.get(article.source)
    if not counts:
        return set()
    found: dict[int, int] = {}
    for i, line in enumerate(article.lines):
        c = counts.get(_line_key(line.text), 0)
        if c >= REPEAT_MIN_ARTICLES:
            found[i] = c
    if not found:
        return set()
    prose = [False] * len(article.lines)
    for unit, p in zip(units, unit_prose, strict=True):
        for i in unit:
            prose[i] = p
    prose_chars = sum(len(line.text) for line, p in zip(article.lines, prose, strict=False) if p)
    repeated_prose = sum(len(article.lines[i].text) for i in found if prose[i])
    if prose_chars and repeated_prose > COPY_SHARE * prose_chars:
        return set()  # a copy of another article of the source, not a page of site furniture
    sentence = [_ends_sentence(line.text) for line in article.lines]
    prose_floor = max(REPEAT_PROSE_MIN_ARTICLES, REPEAT_PROSE_SHARE * context.source_articles[article.source])
    return {i for i, c in found.items() if not (prose[i] or sentence[i]) or c >= prose_floor}


def _main_blocks(
    texts: list[str],
    words: list[int],
    prose: list[bool],
    sentence_like: list[bool],
    kinds: list[str | None],
    title: str,
) -> list[bool]:
    """Content flag per line from the prose anchors: the main block(s) and their surroundings."""
    n = len(texts)
    anchors = [i for i in range(n) if prose[i] and kinds[i] is None]
    if not anchors:
        anchors = [i for i in range(n) if sentence_like[i] and kinds[i] is None]
    if not anchors:
        # Nothing reads as prose (a list, a one-line text): keep what no rule flags.
        return [kinds[i] is None for i in range(n)]

    blocks: list[list[int]] = [[anchors[0]]]
    for prev, cur in zip(anchors, anchors[1:], strict=False):
        if cur - prev - 1 > MAX_GAP_LINES:
            blocks.append([cur])
        else:
            blocks[-1].append(cur)
    scores = [sum(len(texts[i]) for i in block) for block in blocks]
    # A comment section (opened by a comments line after the largest block) holds no article text.
    main_end = blocks[scores.index(max(scores))][-1]
    opened = next((i for i in range(main_end, n) if kinds[i] == "comments"), n)
    scores = [s if b[0] < opened else 0 for b, s in zip(blocks, scores, strict=True)]
    best = max(scores)
    kept = [b for b, s in zip(blocks, scores, strict=True) if s > 0 and s >= KEEP_BLOCK_SHARE * best]

    content = [False] * n
    for block in kept:
        first, last = block[0], block[-1]
        for i in range(first, last + 1):
            content[i] = kinds[i] is None
        # Sentences right after the body (a closing line, a list of names) belong to it.
        j = last + 1
        while j < n and kinds[j] is None and sentence_like[j]:
            content[j] = True
            j += 1
        # Same above it, then the headline (bylines and dates in between are flagged by rules).
        j = first - 1
        while j >= 0 and kinds[j] is None and sentence_like[j]:
            content[j] = True
            j -= 1
        for k in range(j, max(-1, j - HEADLINE_WINDOW), -1):
            if kinds[k] is not None:
                continue  # a byline or date between headline and body
            content[k] = _headline_like(texts[k], words[k])
            break
    if title:
        for i, unit_text in enumerate(texts):
            if kinds[i] is None and " ".join(unit_text.lower().split()) == title:
                content[i] = True
    return content
