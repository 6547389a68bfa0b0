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

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.resources import ModelError, finite_number, load_json_model, model_path
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
# ... unless it is in title case: this share of its words capitalised (a teaser headline above a
# paragraph). Headline style capitalises all but short function words; 0.6 leaves room for them.
# Grouped CV, content-line F1 newspaper3k_pages 0.866 -> 0.872, trafilatura_page_lines_en 0.846
# -> 0.852 (eval_boilerplate.py; model retrained).
TITLE_CASE_SHARE = 0.6
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
# A foreign unit counts as quoted inside the article when article prose lies at most this many
# units before and after it (a quoted line plus its credit line: trafilatura_page_lines_en.tsv).
FOREIGN_EMBED_REACH = 3
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


def _normal(text: str) -> str:
    """Lower case, whitespace runs as one space: how lines are compared with the title and each other."""
    return " ".join(text.lower().split())


def _is_title(text: str, title: str) -> bool:
    """The line is the article's title (`title` already _normal; an empty title matches nothing)."""
    return bool(title) and _normal(text) == title


def _title_case(text: str) -> bool:
    """Most words capitalised, as in a headline or teaser ("Doubts About Gaza War Are Beginning to
    Creep In"), unlike a paragraph split at a link ("... said Prime Minister")."""
    words = text.split()
    return sum(1 for w in words if w[0].isupper()) >= TITLE_CASE_SHARE * len(words)


def _units(lines: list, rules: list[_Rule | None], title: str = "") -> list[list[int]]:
    """Group hard-wrapped lines into paragraphs: a line continues the previous one when that one
    does not end a sentence and this one starts in lower case, or follows a long line that
    stops mid-phrase (on a lower-case word or a comma). Lines a pattern flags stay alone, and so
    does a line equal to the article's title (a headline ending on a lower-case word, "... in
    Syria: Monitor", is not wrapped into the first paragraph)."""
    units: list[list[int]] = []
    for i, line in enumerate(lines):
        if (
            units and rules[i] is None and rules[units[-1][-1]] is None
            and not _is_title(lines[units[-1][-1]].text, title)
        ):
            prev = lines[units[-1][-1]].text
            first = line.text[0]
            stops_mid_phrase = prev[-1] in ",;" or (prev[-1].islower() and not _title_case(prev))
            if not _ends_sentence(prev) and (first.islower() or (len(prev) >= WRAP_MIN_CHARS and stops_mid_phrase)):
                units[-1].append(i)
                continue
        units.append([i])
    return units


@dataclass(slots=True)
class PageAnalysis:
    """What the rules know about an article's lines, grouped into units (hard-wrapped paragraphs)."""

    units: list[list[int]]
    texts: list[str]
    toks: list[tuple[str, ...]]
    words: list[int]
    density: list[float]
    terminal: list[bool]
    prose: list[bool]
    sentence_like: list[bool]
    kinds: list[str | None]
    weak: list[bool]
    hard: list[bool]  # decided by a rule whatever the context: strong pattern, foreign, repeated
    page_like: bool
    heuristic: list[bool]  # the rules' own content decision (main block + jusText-style context)
    kept: list[tuple[int, int, float]]  # kept main blocks: first unit, last unit, share of prose chars
    title: str
    headlines: list[int]  # units read as the headline just above a main block
    closing: list[int]  # sentence-like units right after a main block (its closing lines)


def analyse(article: Article, context: RunContext) -> PageAnalysis:
    """Rules, unit statistics and the heuristic main-block decision (language signal must have run)."""
    lines = article.lines
    stops = stopwords(article.language)
    title = _normal(article.title or "")

    line_toks = [tokens(line.text) for line in lines]
    line_rules = [match_rule(line.text, toks) for line, toks in zip(lines, line_toks, strict=True)]
    units = _units(lines, line_rules, title)
    unit_texts = [" ".join(lines[i].text for i in unit) for unit in units]
    n = len(units)

    unit_toks: list[tuple[str, ...]] = []
    words: list[int] = []
    densities: list[float] = []
    terminals: list[bool] = []
    prose: list[bool] = []
    sentence_like: list[bool] = []
    kinds: list[str | None] = [None] * n
    weak: list[bool] = [False] * n
    hard: list[bool] = [False] * n
    for u, (unit, utext) in enumerate(zip(units, unit_texts, strict=True)):
        toks = line_toks[unit[0]] if len(unit) == 1 else tuple(t for i in unit for t in line_toks[i])
        unit_toks.append(toks)
        words.append(len(toks))
        length = len(utext)
        terminal = _ends_sentence(utext)
        density = sum(map(stops.__contains__, toks)) / len(toks) if toks and stops else 0.0
        densities.append(density)
        terminals.append(terminal)
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
            hard[u] = rule.strong

    foreign = {(e.start, e.end) for e in article.evidence if e.kind == "foreign_language"}
    repeated = _repeated_lines(article, context, units, prose)
    for u, unit in enumerate(units):
        if any((lines[i].start, lines[i].end) in foreign for i in unit):
            kinds[u], weak[u], hard[u] = "foreign_language", False, True
        elif kinds[u] is None and all(i in repeated for i in unit):
            kinds[u], hard[u] = "repeated_across_source", True
    # A foreign line with article prose close on both sides is quoted in the article (a tweet, an
    # example sentence): only weak evidence, left to the context. Foreign promos and footers sit
    # at the edges of the text and stay hard.
    anchors = [i for i in range(n) if prose[i] and kinds[i] is None]
    for u in range(n):
        if kinds[u] == "foreign_language":
            k = bisect_left(anchors, u)
            if 0 < k < len(anchors) and max(u - anchors[k - 1], anchors[k] - u) <= FOREIGN_EMBED_REACH:
                weak[u], hard[u] = True, False

    page_flags = sum(1 for kind in kinds if kind in PAGE_KINDS)
    page_like = page_flags >= PAGE_MIN_FLAGS
    kept: list[tuple[int, int, float]] = []
    headlines: list[int] = []
    closing: list[int] = []
    if page_like:
        content, kept, headlines, closing = _main_blocks(unit_texts, words, prose, sentence_like, kinds, title)
    else:
        # No page furniture: an extracted article (lists, line-ups and tables are its own).
        content = [kind is None for kind in kinds]
    # Weak patterns inside the body (between two content units) are the body's own sentences.
    for u in range(1, n - 1):
        if weak[u] and content[u - 1] and content[u + 1]:
            content[u] = True
    return PageAnalysis(
        units, unit_texts, unit_toks, words, densities, terminals, prose, sentence_like, kinds, weak, hard,
        page_like, content, kept, title, headlines, closing,
    )


def decide(
    page: PageAnalysis, model: LineModel | None, probs: np.ndarray | None = None
) -> tuple[list[bool], list[str | None]]:
    """Content flag and boilerplate kind per unit. On a web page with a model, the learned line
    classifier replaces the main-block heuristic (which is one of its features); decisions of
    hard rules (strong patterns, foreign paragraphs, repetition across the source) stand.
    `probs`: the model's content probabilities of the units, when the caller has them already."""
    kinds = list(page.kinds)
    content = list(page.heuristic)
    if model is not None and page.page_like:
        if probs is None:
            probs = model.predict(unit_features(page))
        content = [bool(p >= model.threshold) and not h for p, h in zip(probs, page.hard, strict=True)]
        # The headline above the body is the article's own (newspaper3k keeps it out of its
        # bodies, so the training data cannot teach the model that).
        for u in page.headlines:
            content[u] = not page.hard[u]
        # Nor can it drop the sentences that close the body (jusText's rule: a sentence-like line
        # right after good paragraphs is good), e.g. a last paragraph that lost its full stop.
        # Grouped CV, content-line F1 newspaper3k_pages 0.861 -> 0.863, trafilatura_page_lines_en
        # 0.840 -> 0.842; and a model with trees in both stages dropped seed 003's last paragraph.
        for u in page.closing:
            content[u] = not page.hard[u]
        if page.title:
            for u, unit_text in enumerate(page.texts):
                if not page.hard[u] and _is_title(unit_text, page.title):
                    content[u] = True
        # Teasers under a "Related" / "Most read" heading look like headlines, which the model
        # keeps next to the body. Grouped CV, content-line F1 newspaper3k_pages 0.863 -> 0.866,
        # trafilatura_page_lines_en 0.842 -> 0.846.
        teasers = teaser_units(page)
        for u in teasers:
            content[u] = False
    else:
        teasers = []
    for u in range(len(page.units)):
        if content[u] and not page.hard[u]:
            kinds[u] = None  # a weak pattern the context clears
    for u in teasers:
        kinds[u] = "related_links"
    return content, kinds


@cache
def _section_heads() -> re.Pattern[str]:
    rows = lexicons.load("boilerplate_section_heads")
    return re.compile(r"\W*(?:" + "|".join(row["pattern"] for row in rows) + r")\W*", re.IGNORECASE)


def teaser_units(page: PageAnalysis) -> list[int]:
    """Units listed under a teaser-section heading (lexicons/boilerplate_section_heads.tsv): lines
    that no pattern flags and that end without a full stop, down to the next article paragraph
    and at most SECTION_REACH units below the heading. The headline above the body and a line
    equal to the title are never teasers."""
    heads = _section_heads()
    n = len(page.units)
    out: list[int] = []
    for h in range(n):
        if not 0 < page.words[h] <= SECTION_HEAD_MAX_WORDS or not heads.fullmatch(page.texts[h]):
            continue
        for u in range(h + 1, min(n, h + 1 + SECTION_REACH)):
            if page.prose[u] and page.terminal[u]:
                break
            if (
                page.kinds[u] is None and not page.terminal[u] and u not in page.headlines
                and not _is_title(page.texts[u], page.title)
            ):
                out.append(u)
    return out


def boilerplate_signal(article: Article, context: RunContext) -> SignalResult:
    text = article.text
    lines = article.lines
    page = analyse(article, context)
    units = page.units
    model = default_model() if page.page_like else None
    content, kinds = decide(page, model)

    evidence: list[Evidence] = []
    ranges: list[tuple[int, int]] = []
    bad_chars = 0
    for u, unit in enumerate(units):
        if content[u] and kinds[u] is None:
            ranges.extend((lines[i].start, lines[i].end) for i in unit)
            continue
        kind = kinds[u] or (
            "navigation" if not page.sentence_like[u] and page.words[u] < MIN_PROSE_WORDS else "outside_main_text"
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
        details={
            "lines": len(units), "boilerplate_lines": len(evidence), "kinds": dict(sorted(by_kind.items())),
            "method": "model" if model is not None else "rules",
        },
        fields={"content_ranges": ranges},
    )


# --- learned line classifier --------------------------------------------------------------------
# On web pages (texts with page furniture) a two-stage model decides content vs boilerplate for
# the units no hard rule decides: a logistic regression over per-unit and context features, then
# gradient-boosted trees over the same features plus the first stage's probabilities of the unit
# and its neighbours (stacking: the learned form of jusText's context pass). Trained by
# scripts/train_boilerplate.py on newspaper3k_pages.jsonl and trafilatura_page_lines_en.tsv;
# coefficients and tree nodes are plain JSON in models/boilerplate.json.
MODEL_FILE = "boilerplate.json"
MODEL_FORMAT = "analyzer.boilerplate.line_model"
MODEL_VERSION = 4
# Bounds on a trees stage, so that a tampered file cannot make loading or scoring blow up (the
# shipped model has far fewer: see scripts/train_boilerplate.py).
MAX_TREES = 1000
MAX_TREE_NODES = 255
# Lines of context on each side whose features join a unit's own (two lines cover a caption or
# a byline between a teaser and the body).
NEIGHBOURS = (-2, -1, 1, 2)
# Window (units on each side) for the block-level statistics, as in jusText's context pass.
WINDOW = 3

_CODE_CHARS = frozenset("{}()[];=<>_/\\$#`|*&%^~@")
_LIST_RE = re.compile(r"\s*(?:[-•·*–—>▪►✓]|\d{1,3}[.)](?!\d)|\(\d{1,3}\)|[a-z][.)]\s)")
_LINKISH_RE = re.compile(r"https?://|www\.|@\w|\.com\b|\.org\b|#\w", re.IGNORECASE)
# A whole line inside one pair of brackets: "(AP Photo)", "[via Buzzfeed]", "{* loginWidget *}",
# "(576)": credits, counters and template slots more often than prose.
_BRACKETED_RE = re.compile(r"\s*(?:\(.*\)|\[.*\]|\{.*\}|<.*>)\s*")
# Words that address the reader: calls to action and promos ("We rely on your support", "Get the
# latest news straight to your phone") talk to the reader, news prose mostly does not. Pronouns
# are grammar, not a lexicon of boilerplate; the model weighs the share.
_READER_WORDS = frozenset({"you", "your", "you're", "yours", "we", "our", "us", "we're", "we've"})

BASE_FEATURES: tuple[str, ...] = (
    "log_chars", "log_words", "stop_density", "terminal", "ends_colon", "capitalised_share", "digit_share",
    "punct_share", "non_latin_share", "code_share", "starts_lower", "list_item", "hard_rule", "weak_rule",
    "prose", "sentence_like", "heuristic_content", "headline_like", "is_title", "mean_word_length",
    "linkish", "log_lines", "page_kind", "bracketed", "reader_address",
)
# Neighbour features: a subset of the base ones (the ones that describe a line's surroundings).
NEIGHBOUR_BASE: tuple[str, ...] = (
    "log_chars", "stop_density", "terminal", "capitalised_share", "non_latin_share", "code_share",
    "hard_rule", "prose", "heuristic_content",
)
CONTEXT_FEATURES: tuple[str, ...] = (
    "position", "log_units", "in_main_block", "log_distance_to_main", "before_main", "after_main",
    "main_block_share", "window_stop_density", "window_prose_share", "window_hard_share", "page_hard_share",
    "page_stop_density", "relative_length", "wide_stop_density", "wide_prose_share", "log_distance_prev_flag",
    "log_distance_next_flag", "after_comments_or_related", "duplicate_in_page", "log_short_run",
    "log_prose_run", "foreign_embedded",
)
# Second stage (stacking, the learned counterpart of jusText's context pass): the first stage's
# content probabilities of the unit, of its neighbours and over the windows.
# p_prev_prose / p_next_prose / p_between_prose are jusText's second pass in learned form: a short
# line takes its class from the nearest prose lines before and after it, skipping other short lines
# (a subheading between two body paragraphs is content, one between two teasers is not).
PROB_FEATURES: tuple[str, ...] = (
    "p", "p@-2", "p@-1", "p@+1", "p@+2", "p_window", "p_wide", "p_prev_prose", "p_next_prose", "p_between_prose",
)
# Units on each side for the wide window (a teaser list or a comment thread is longer than WINDOW).
WIDE_WINDOW = 10
# How far (units) a "Related" / "Comments" heading reaches down: the lines under it are its list.
SECTION_REACH = 12
# A heading that opens a teaser section has at most this many words ("You may also like").
SECTION_HEAD_MAX_WORDS = 6
# Kinds that open a section of teasers or comments.
_SECTION_KINDS = frozenset({"comments", "related_links"})


def feature_names() -> tuple[str, ...]:
    names = list(BASE_FEATURES) + list(CONTEXT_FEATURES)
    for offset in NEIGHBOURS:
        names.append(f"exists@{offset:+d}")
        names.extend(f"{name}@{offset:+d}" for name in NEIGHBOUR_BASE)
    return tuple(names)


_NEIGHBOUR_COLS = [BASE_FEATURES.index(name) for name in NEIGHBOUR_BASE]
_PROSE_COL = BASE_FEATURES.index("prose")


def _base_row(page: PageAnalysis, u: int, lines_in_unit: int) -> list[float]:
    text = page.texts[u]
    chars = len(text) or 1
    split = text.split()
    n_split = len(split) or 1
    digits = alpha = punct = code = non_latin = 0
    for c in text:
        if c.isalpha():
            alpha += 1
            if c > "\u024f":
                non_latin += 1
        elif c.isdigit():
            digits += 1
        elif not c.isspace():
            punct += 1
            if c in _CODE_CHARS:
                code += 1
    caps = sum(1 for w in split if w[0].isupper())
    kind = page.kinds[u]
    return [
        math.log1p(len(text)),
        math.log1p(page.words[u]),
        page.density[u],
        float(page.terminal[u]),
        float(text.rstrip().endswith(":")),
        caps / n_split,
        digits / chars,
        punct / chars,
        non_latin / (alpha or 1),
        code / chars,
        float(text[:1].islower()),
        float(_LIST_RE.match(text) is not None),
        float(page.hard[u]),
        float(page.weak[u]),
        float(page.prose[u]),
        float(page.sentence_like[u]),
        float(page.heuristic[u]),
        float(_headline_like(text, page.words[u])),
        float(_is_title(text, page.title)),
        min(alpha / n_split, 20.0) / 10.0,
        float(_LINKISH_RE.search(text) is not None),
        math.log(lines_in_unit),
        float(kind in PAGE_KINDS),
        float(_BRACKETED_RE.fullmatch(text) is not None),
        sum(map(_READER_WORDS.__contains__, page.toks[u])) / (page.words[u] or 1),
    ]


def _window_sum(values: np.ndarray, half: int) -> np.ndarray:
    """Sum over [i - half, i + half] clipped to the array, for every i."""
    n = len(values)
    cumulative = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    return cumulative[np.minimum(index + half + 1, n)] - cumulative[np.maximum(index - half, 0)]


def _nearest_flagged(flags: list[bool] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the nearest flagged unit strictly before / after each unit (-1 when there is none)."""
    n = len(flags)
    before = np.full(n, -1, dtype=np.int64)
    after = np.full(n, -1, dtype=np.int64)
    last = -1
    for i in range(n):
        before[i] = last
        if flags[i]:
            last = i
    last = -1
    for i in range(n - 1, -1, -1):
        after[i] = last
        if flags[i]:
            last = i
    return before, after


def _distances(flags: list[bool], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Units to the nearest flagged unit before / after each unit (n when there is none)."""
    before, after = _nearest_flagged(flags)
    index = np.arange(n)
    return (np.where(before >= 0, index - before, n).astype(np.float64),
            np.where(after >= 0, after - index, n).astype(np.float64))


def _runs(flags: list[bool]) -> np.ndarray:
    """Length of the run of consecutive flagged units each unit belongs to (0 when unflagged): a
    menu or teaser list is a long run of short lines, a subheading a run of one (block structure,
    as in jusText's and BTE's view of a page as alternating runs)."""
    out = np.zeros(len(flags))
    start = 0
    for i in range(len(flags) + 1):
        if i == len(flags) or not flags[i]:
            if i > start:
                out[start:i] = i - start
            start = i + 1
    return out


def _nearest(values: np.ndarray, flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each unit, the value at the nearest flagged unit strictly before / after it (0 if none)."""
    before, after = _nearest_flagged(flags)
    return np.where(before >= 0, values[before], 0.0), np.where(after >= 0, values[after], 0.0)


def prob_features(probs: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The second stage's extra columns (PROB_FEATURES) from the first stage's probabilities and
    the units' features `x` (unit_features)."""
    n = len(probs)
    cols = [probs]
    for offset in (-2, -1, 1, 2):
        shifted = np.zeros(n)
        lo, hi = max(0, -offset), min(n, n - offset)
        if lo < hi:
            shifted[lo:hi] = probs[lo + offset:hi + offset]
        cols.append(shifted)
    ones = np.ones(n)
    cols.append(_window_sum(probs, WINDOW) / _window_sum(ones, WINDOW))
    cols.append(_window_sum(probs, WIDE_WINDOW) / _window_sum(ones, WIDE_WINDOW))
    prev_prose, next_prose = _nearest(probs, x[:, _PROSE_COL] > 0.5)
    cols.extend([prev_prose, next_prose, np.minimum(prev_prose, next_prose)])
    return np.column_stack(cols)


def unit_features(page: PageAnalysis) -> np.ndarray:
    """Feature matrix (units x feature_names()) of a page."""
    n = len(page.units)
    base = np.array(
        [_base_row(page, u, len(unit)) for u, unit in enumerate(page.units)], dtype=np.float64
    ).reshape(n, len(BASE_FEATURES))
    chars = np.array([len(t) for t in page.texts], dtype=np.float64)
    density = base[:, BASE_FEATURES.index("stop_density")]
    prose = base[:, BASE_FEATURES.index("prose")]
    hard = base[:, BASE_FEATURES.index("hard_rule")]

    # Kept main blocks: inside one, or how far before / after the nearest.
    index = np.arange(n, dtype=np.float64)
    inside = np.zeros(n)
    share = np.zeros(n)
    if page.kept:
        firsts = np.array([k[0] for k in page.kept], dtype=np.float64)
        lasts = np.array([k[1] for k in page.kept], dtype=np.float64)
        dist = np.maximum(firsts[None, :] - index[:, None], 0) + np.maximum(index[:, None] - lasts[None, :], 0)
        nearest = dist.argmin(axis=1)
        distance = dist[np.arange(n), nearest]
        for first, last, s in page.kept:
            inside[first:last + 1] = 1.0
            share[first:last + 1] = s
        before = (index < firsts.min()).astype(np.float64)
        after = (index > lasts.max()).astype(np.float64)
    else:
        distance = np.full(n, float(n))
        before = np.zeros(n)
        after = np.zeros(n)

    # Block-level statistics over a window of units (character-weighted stop-word density).
    weighted = _window_sum(density * chars, WINDOW)
    window_chars = _window_sum(chars, WINDOW)
    counts = _window_sum(np.ones(n), WINDOW)
    wide_counts = _window_sum(np.ones(n), WIDE_WINDOW)
    total_chars = chars.sum() or 1.0
    page_flag = [kind in PAGE_KINDS for kind in page.kinds]
    prev_flag, next_flag = _distances(page_flag, n)
    prev_section, _ = _distances([kind in _SECTION_KINDS for kind in page.kinds], n)
    keys = [_normal(t) for t in page.texts]
    occurrences: dict[str, int] = {}
    for key in keys:
        occurrences[key] = occurrences.get(key, 0) + 1
    median = float(np.median(chars)) if n else 1.0
    context = np.column_stack([
        index / max(n - 1, 1),
        np.full(n, math.log1p(n)),
        inside,
        np.log1p(distance),
        before,
        after,
        share,
        weighted / np.maximum(window_chars, 1.0),
        _window_sum(prose, WINDOW) / counts,
        _window_sum(hard, WINDOW) / counts,
        np.full(n, hard.mean() if n else 0.0),
        np.full(n, float((density * chars).sum() / total_chars)),
        np.log1p(chars) - math.log1p(median),
        _window_sum(density * chars, WIDE_WINDOW) / np.maximum(_window_sum(chars, WIDE_WINDOW), 1.0),
        _window_sum(prose, WIDE_WINDOW) / wide_counts,
        np.log1p(prev_flag),
        np.log1p(next_flag),
        (prev_section <= SECTION_REACH).astype(np.float64),
        np.array([float(occurrences[key] > 1) for key in keys]),
        np.log1p(_runs([not s for s in page.sentence_like])),
        np.log1p(_runs(page.prose)),
        np.array([float(k == "foreign_language" and not h) for k, h in zip(page.kinds, page.hard, strict=True)]),
    ])
    parts = [base, context]
    sub = base[:, _NEIGHBOUR_COLS]
    width = sub.shape[1]
    for offset in NEIGHBOURS:
        shifted = np.zeros((n, width + 1))
        lo, hi = max(0, -offset), min(n, n - offset)
        if lo < hi:
            shifted[lo:hi, 0] = 1.0
            shifted[lo:hi, 1:] = sub[lo + offset:hi + offset]
        parts.append(shifted)
    return np.hstack(parts)


@dataclass(frozen=True)
class Stage:
    """One standardised logistic regression: p = sigmoid(((x - mean) / scale) . coef + intercept)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@dataclass(frozen=True)
class TreeStage:
    """Gradient-boosted regression trees on the log-odds (scikit-learn's
    HistGradientBoostingClassifier, exported node by node): p = sigmoid(baseline + sum of the
    leaf values reached). The nodes of all trees are concatenated; a leaf points to itself, so
    `depth` steps of "go left when x[feature] <= threshold" reach every row's leaf in every tree
    at once (a few numpy operations per level, whatever the number of trees)."""

    feature: np.ndarray  # node -> feature column (0 for leaves)
    threshold: np.ndarray  # node -> split value (0 for leaves)
    left: np.ndarray  # node -> node index (itself for leaves)
    right: np.ndarray
    value: np.ndarray  # node -> leaf value (0 for inner nodes)
    roots: np.ndarray  # tree -> index of its root node
    depth: int
    baseline: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        node = np.repeat(self.roots[:, None], len(x), axis=1)
        rows = np.arange(len(x))[None, :]
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        z = self.baseline + self.value[node].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@dataclass(frozen=True)
class LineModel:
    """The first stage reads unit_features(); the optional second stage reads them plus
    prob_features() of the first stage's output."""

    stages: tuple[Stage | TreeStage, ...]
    threshold: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        probs = self.stages[0].predict(x)
        if len(self.stages) > 1:
            probs = self.stages[1].predict(np.hstack([x, prob_features(probs, x)]))
        return probs


def _numbers(data: dict, key: str, size: int | None, where: str, integer: bool = False) -> np.ndarray:
    values = data.get(key)
    if not isinstance(values, list) or (size is not None and len(values) != size) or not values:
        raise ModelError(f"{where}: {key!r} must be a list of {size or 'some'} numbers")
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in values):
        raise ModelError(f"{where}: {key!r} must hold numbers")
    arr = np.array(values, dtype=np.float64)
    if not np.isfinite(arr).all():
        raise ModelError(f"{where}: {key!r} must hold finite numbers")
    if integer:
        if (arr != np.round(arr)).any():
            raise ModelError(f"{where}: {key!r} must hold integers")
        return arr.astype(np.int64)
    return arr


def _parse_logreg(data: dict, width: int, where: str) -> Stage:
    arrays = {key: _numbers(data, key, width, where) for key in ("mean", "scale", "coef")}
    if (arrays["scale"] <= 0).any():
        raise ModelError(f"{where}: 'scale' must be positive")
    intercept = finite_number(data.get("intercept"), f"{where}: 'intercept'")
    return Stage(arrays["mean"], arrays["scale"], arrays["coef"], intercept)


def _parse_trees(data: dict, width: int, where: str) -> TreeStage:
    trees = data.get("trees")
    if not isinstance(trees, list) or not 0 < len(trees) <= MAX_TREES:
        raise ModelError(f"{where}: 'trees' must be a list of 1 to {MAX_TREES} trees")
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    depth = 0
    offset = 0
    for t, tree in enumerate(trees):
        at = f"{where}, tree {t + 1}"
        if not isinstance(tree, dict):
            raise ModelError(f"{at} must be a JSON object")
        f = _numbers(tree, "feature", None, at, integer=True)
        size = len(f)
        if size > MAX_TREE_NODES:
            raise ModelError(f"{at}: more than {MAX_TREE_NODES} nodes")
        thr = _numbers(tree, "threshold", size, at)
        lo = _numbers(tree, "left", size, at, integer=True)
        hi = _numbers(tree, "right", size, at, integer=True)
        val = _numbers(tree, "value", size, at)
        node_depth = np.zeros(size, dtype=np.int64)
        for i in range(size):
            if f[i] < 0:  # a leaf: it points to itself
                lo[i] = hi[i] = i
                f[i], thr[i] = 0, 0.0
                continue
            # Children after their parent: no cycles, and every path ends in a leaf.
            if f[i] >= width or not (i < lo[i] < size and i < hi[i] < size):
                raise ModelError(f"{at}: node {i} has a bad feature or child index")
            node_depth[lo[i]] = node_depth[hi[i]] = node_depth[i] + 1
            val[i] = 0.0
        depth = max(depth, int(node_depth.max()))
        feature.append(f)
        threshold.append(thr)
        left.append(lo + offset)
        right.append(hi + offset)
        value.append(val)
        roots.append(offset)
        offset += size
    return TreeStage(
        np.concatenate(feature), np.concatenate(threshold), np.concatenate(left), np.concatenate(right),
        np.concatenate(value), np.array(roots, dtype=np.int64), depth,
        finite_number(data.get("baseline"), f"{where}: 'baseline'"),
    )


def _parse_stage(data: object, width: int, where: str) -> Stage | TreeStage:
    if not isinstance(data, dict):
        raise ModelError(f"{where} must be a JSON object")
    kind = data.get("kind")
    if kind == "logreg":
        return _parse_logreg(data, width, where)
    if kind == "trees":
        return _parse_trees(data, width, where)
    raise ModelError(f"{where}: 'kind' must be 'logreg' or 'trees'")


def parse_model(data: object) -> LineModel:
    """Validate a decoded model file: format, version, feature names in order, finite numbers."""
    if not isinstance(data, dict):
        raise ModelError("the model must be a JSON object")
    if data.get("format") != MODEL_FORMAT or data.get("version") != MODEL_VERSION:
        raise ModelError(f"expected format {MODEL_FORMAT!r} version {MODEL_VERSION}")
    if tuple(data.get("features") or ()) != feature_names():
        raise ModelError("the model's features do not match this version of the signal; retrain it")
    stages = data.get("stages")
    if not isinstance(stages, list) or not 1 <= len(stages) <= 2:
        raise ModelError("'stages' must be a list of one or two stages")
    if len(stages) == 2 and tuple(data.get("prob_features") or ()) != PROB_FEATURES:
        raise ModelError("the second stage's features do not match this version of the signal; retrain it")
    width = len(feature_names())
    parsed = tuple(
        _parse_stage(stage, width + (len(PROB_FEATURES) if k else 0), f"stage {k + 1}")
        for k, stage in enumerate(stages)
    )
    threshold = data.get("threshold")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0.0 < threshold < 1.0:
        raise ModelError("'threshold' must be a number in (0, 1)")
    return LineModel(parsed, float(threshold))


def load_model(path: Path) -> LineModel:
    return load_json_model(path, "boilerplate model", parse_model)


@cache
def default_model() -> LineModel | None:
    """The shipped model, or None before scripts/train_boilerplate.py has produced one (the rules
    then decide alone)."""
    path = model_path(MODEL_FILE)
    if not path.is_file():
        return None
    return load_model(path)


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
) -> tuple[list[bool], list[tuple[int, int, float]], list[int], list[int]]:
    """Content flag per unit from the prose anchors: the main block(s) and their surroundings;
    the kept blocks (first unit, last unit, share of the page's prose characters); the headlines
    found above them; the sentence-like units closing them."""
    n = len(texts)
    anchors = [i for i in range(n) if prose[i] and kinds[i] is None]
    if not anchors:
        anchors = [i for i in range(n) if sentence_like[i] and kinds[i] is None]
    if not anchors:
        # Nothing reads as prose (a list, a one-line text): keep what no rule flags.
        return [kinds[i] is None for i in range(n)], [], [], []

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
    total = sum(scores) or 1
    spans = [(b[0], b[-1], s / total) for b, s in zip(blocks, scores, strict=True) if b in kept]

    content = [False] * n
    headlines: list[int] = []
    closing: list[int] = []
    for block in kept:
        first, last = block[0], block[-1]
        for i in range(first, last + 1):
            content[i] = kinds[i] is None
        # Sentences right after the body (a closing line, a list of names) belong to it.
        j = last + 1
        while j < n and kinds[j] is None and sentence_like[j]:
            content[j] = True
            closing.append(j)
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
            if content[k]:
                headlines.append(k)
            break
    if title:
        for i, unit_text in enumerate(texts):
            if kinds[i] is None and _is_title(unit_text, title):
                content[i] = True
    return content, spans, headlines, closing
