"""Self-contained HTML report: summary, trust chart and table, highlighted articles, story diffs.

The page is one file with inline CSS and JavaScript and no URL to any other resource, so it
opens offline and makes no request. Its Content-Security-Policy allows only the report's own
style and script (by hash) and data: images, so even a text that slipped through escaping
could not run script or fetch anything. Everything taken from the input is escaped.
"""

from __future__ import annotations

import base64
import bisect
import contextlib
import difflib
import hashlib
import html
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from analyzer.article import SCORE_KEYS, Article, ArticleKey, Evidence
from analyzer.io.readers import DEFAULT_MAX_BYTES, ReadError, scrub_surrogates
from analyzer.text import REFERENCE, markup_gaps, references_shown, visible
from analyzer.trust.model import flag_probability, graded
from analyzer.trust.ranking import INTERVAL_MASS, PRIOR_MEAN, shown_names

PathLike = str | os.PathLike[str]

# Highlight layers from outermost to innermost: a span inside a boilerplate line nests inside
# it, and translation (the most important flag) is innermost so its colour shows on top.
SIGNAL_ORDER = ("boilerplate", "attribution", "hedging", "language", "translation")
SIGNAL_HELP = {
    "translation": "machine translation or spinning artifact",
    "boilerplate": "boilerplate: navigation, promo, scraper residue",
    "attribution": "attribution to a source",
    "hedging": "hedge: uncertain or unverified claim",
    "language": "language: text not in the article's language",
    "other": "other evidence",
}
# Trust below LOW is drawn red and below MID amber in the chart: the trust classifier's output
# is a probability, so 0.5 is its own decision boundary; 0.7 marks sources the model is sure of.
TRUST_LOW, TRUST_MID = 0.5, 0.7
# Spinners and MT replace a word or a short phrase; longer replaced blocks are rewrites and are
# marked in the diff but left out of the substitution list (measured on seed 003: the longest
# spun phrase, "past due" for "late", is 2 tokens; 4 leaves room).
SUBSTITUTION_MAX_TOKENS = 4
# Chart geometry (pixels).
CHART_LABEL_W, CHART_PLOT_W, CHART_ROW_H, CHART_PAD = 250, 520, 26, 30
CHART_LABEL_CHARS = 34
# Story diffs: one difflib.SequenceMatcher over two whole texts costs about n² (each search for the
# longest match walks every occurrence of "the", ",", ... in the other text): `report` on a
# bbc_dev.jsonl original of 100 KB beside its spun copy took 9.8 s, 200 KB 26 s, 400 KB 180 s; with
# anchors 12 s, 13 s, 18 s, and 800 KB 19 s, mostly scoring (2026-11-23). The texts are first
# cut at anchors (_anchors) and SequenceMatcher runs on the stretches between them. A stretch
# without anchors is diffed whole up to DIFF_MAX_CELLS token pairs (1000 x 1000: a long BBC
# article; 14 ms on bbc_dev.jsonl text respun at 30%), and beyond that halved.
DIFF_MAX_CELLS = 1_000_000
# What the page of a large run holds (`report`'s default; --full-page lifts both): the sections of
# PAGE_MAX_ARTICLES articles (the garbled copies first, then their originals) and PAGE_MAX_DIFFS
# flagged copies beside their original as a diff; every source, story, flagged copy and article
# stays listed, and the articles left out are written in full to a companion JSON Lines file. On a
# 20,000-article scrape (h32f's scratch corpus of bbc_dev, basil_triplets, wmt_dev_docs and
# newspaper3k pages with spun and republished copies) a section averaged ~22 kB and a flagged copy's
# diff ~18 kB: the whole page was 505 MB, which no browser opens usably; capped, 37 MB, of which the
# sections 14 MB, the stories 13 MB and the table listing every article 7 MB (h33d, scratch).
PAGE_MAX_ARTICLES = 500
PAGE_MAX_DIFFS = 250

# A character reference (&#8217;, &amp;) is one token, and inside a word part of it: a CMS export's
# "ministry&#8217;s" is the word "ministry's", as flag compares the copies as shown. Its key is the
# character it stands for, a typeset apostrophe read as a plain one: the diff had listed
# "' -> &#8217;" among a spun copy's substituted wordings (bug hunt 30, F5).
# &#146; and &#x92; too: cp1252's apostrophe as a reference, which HTML reads as ’ (html.unescape does).
_APOSTROPHE = r"(?:['’]|&#0*8217;|&#[xX]0*2019;|&rsquo;|&apos;|&#0*39;|&#[xX]0*27;|&#0*146;|&#[xX]0*92;)"
_TOKEN_RE = re.compile(rf"\w+(?:{_APOSTROPHE}\w+)*|{REFERENCE}|[^\w\s]")
_CLASS_RE = re.compile(r"[^a-z0-9_-]+")


def esc(value: object) -> str:
    """Escape for HTML text and quoted attribute values alike."""
    return html.escape("" if value is None else str(value), quote=True)


def bdi(value: object) -> str:
    """A name from the input set inside other text, isolated from it (HTML's <bdi>): an Arabic or
    Hebrew source followed by " (3 articles" drew as "3( <name> articles", the bracket and the count
    taken into the right-to-left run (Unicode bidi rules N1, I1; bug hunt 30, B1)."""
    return f"<bdi>{esc(value)}</bdi>"


@cache
def signal_class(signal: str) -> str:
    name = _CLASS_RE.sub("-", signal.lower())
    return name if name in SIGNAL_HELP else "other"


# ---------------------------------------------------------------------------------------------
# Overlapping spans: split the text at every span boundary, nest one element per layer.


@dataclass(frozen=True)
class Span:
    """One highlight: [start, end) of a text, drawn as `css` on nesting `layer`."""

    start: int
    end: int
    css: str
    layer: int
    title: str = ""
    ref: str | None = None  # id of the footnote / evidence it stands for


def segments(length: int, spans: Sequence[Span | Evidence], lo: int = 0, hi: int | None = None,
             extra_cuts: Iterable[int] = ()) -> Iterator[tuple[int, int, list[int]]]:
    """Cut text[lo:hi] at every span boundary; yield (start, end, indices of the spans covering it).

    Spans are clamped to [lo, hi); empty ones are ignored. Works for anything with .start/.end,
    so the terminal view (analyzer.explain) shares it.
    """
    hi = length if hi is None else min(hi, length)
    lo = max(0, min(lo, hi))
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    cuts = {lo, hi}
    cuts.update(k for k in extra_cuts if lo < k < hi)
    for n, span in enumerate(spans):
        s, e = max(lo, min(span.start, hi)), max(lo, min(span.end, hi))
        if s >= e:
            continue
        starts.setdefault(s, []).append(n)
        ends.setdefault(e, []).append(n)
        cuts.update((s, e))
    active: set[int] = set()
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:], strict=False):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        yield a, b, sorted(active)


class Collapsed:
    """A text with its gaps of blanked markup collapsed (text.markup_gaps), and where its offsets
    fall in it: the display's, not the JSON output's, which index the text as given."""

    def __init__(self, text: str, gaps: list[tuple[int, int, str]]) -> None:
        self.gaps = gaps
        self.starts = [start for start, _, _ in gaps]
        self.shown_starts: list[int] = []  # where each gap's replacement starts in self.text
        parts: list[str] = []
        covered = shift = 0
        for start, end, shown in gaps:
            parts += [text[covered:start], shown]
            self.shown_starts.append(start + shift)
            shift += len(shown) - (end - start)
            covered = end
        parts.append(text[covered:])
        self.text = "".join(parts)

    @classmethod
    def of(cls, article: Article) -> Collapsed:
        """The article's text as shown (Article.text: markup hidden at the same length), collapsed."""
        return cls(article.text, markup_gaps(article.text, article.decoded))

    def at(self, offset: int, *, start: bool) -> int:
        """Where `offset` falls in the collapsed text; inside a gap, a span's start falls after
        the gap's replacement and its end before it (nothing of the gap is the span's)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return offset
        gap_start, gap_end, shown = self.gaps[i]
        if offset >= gap_end:
            return self.shown_starts[i] + len(shown) + offset - gap_end
        if offset == gap_start or not start:
            return self.shown_starts[i]
        return self.shown_starts[i] + len(shown)


def render_spans(text: str, spans: Sequence[Span], lo: int = 0, hi: int | None = None,
                 after: dict[int, str] | None = None) -> str:
    """HTML for text[lo:hi] with `spans` highlighted; `after[offset]` is raw HTML put at offset."""
    out: list[str] = []
    for a, b, covering in segments(len(text), spans, lo, hi, after or ()):
        piece = esc(visible(references_shown(text[a:b]), joiners=True, marks=True))
        out.append(_nest(piece, [spans[i] for i in covering]) if covering else piece)
        if after and b in after:
            out.append(after[b])
    return "".join(out)


def _nest(inner_html: str, covering: list[Span]) -> str:
    """One <mark> per layer, outermost first; the innermost carries every title and ref."""
    layers: dict[int, list[Span]] = {}
    for span in covering:
        layers.setdefault(span.layer, []).append(span)
    order = sorted(layers)
    titles = list(dict.fromkeys(s.title for s in covering if s.title))
    refs = list(dict.fromkeys(s.ref for s in covering if s.ref))
    out = inner_html
    for depth, layer in enumerate(reversed(order)):
        css = " ".join(dict.fromkeys(s.css for s in layers[layer]))
        attrs = f' class="{esc(css)}"'
        if depth == 0:
            if titles:
                attrs += f' title="{esc(chr(10).join(titles))}"'
            if refs:
                attrs += f' data-ev="{esc(" ".join(refs))}"'
        out = f"<mark{attrs}>{out}</mark>"
    return out


# ---------------------------------------------------------------------------------------------
# Assets and page frame.


@cache
def _asset(name: str) -> str:
    return resources.files("analyzer.report_assets").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def _script() -> str:
    """The page's script as _page_tail writes it and _page_head's policy hashes it (the two must match)."""
    return "\n" + _asset("report.js")


def _page_head(title: str) -> str:
    css, js = "\n" + _asset("report.css"), _script()
    csp = (f"default-src 'none'; style-src '{_csp_hash(css)}'; script-src '{_csp_hash(js)}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return (
        # The generator tag tells a later run over the folder that this file is our report.
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"generator\" content=\"analyzer\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(csp)}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
    )


def _page_tail() -> str:
    return f"\n<script>{_script()}</script>\n</body>\n</html>\n"


# ---------------------------------------------------------------------------------------------
# Sections.


def _fmt(value: Any, digits: int = 2) -> str:
    try:
        return f"{float(value):.{digits}f}"
    except (TypeError, ValueError):
        return "" if value is None else str(value)


class _Articles:
    """The report's articles by Article.key, and by id for a reference without a path (a Flag made
    by hand): two folders may hold the same file name, so an id alone can name two articles."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.anchors: dict[ArticleKey, str] = {}
        # The articles whose section is on the page (None: every one); the others are named unlinked.
        self.on_page: set[ArticleKey] | None = None
        self._by_key: dict[ArticleKey, Article] = {}
        self._by_id: dict[str, Article] = {}
        for n, a in enumerate(articles, start=1):
            self.anchors.setdefault(a.key, f"a{n}")
            self._by_key.setdefault(a.key, a)
            self._by_id.setdefault(a.id, a)

    def get(self, article_id: str | None, path: str | None) -> Article | None:
        if article_id is None:
            return None
        return self._by_id.get(article_id) if path is None else self._by_key.get((path, article_id))

    def copy(self, flag: Any) -> Article | None:
        return self.get(flag.id, getattr(flag, "path", None))

    def original(self, flag: Any) -> Article | None:
        return self.get(flag.original, getattr(flag, "original_path", None))

    def members(self, story: dict[str, Any]) -> list[tuple[str, Article | None]]:
        """(id, article) of each member of a story (its "paths", where given, tell equal ids apart)."""
        ids = [str(m) for m in story.get("articles", [])]
        paths = story.get("paths") or [None] * len(ids)
        return [(m, self.get(m, p)) for m, p in zip(ids, paths, strict=False)]

    def shown(self, article: Article | None) -> bool:
        return article is not None and (self.on_page is None or article.key in self.on_page)

    def link(self, name: str, article: Article | None) -> str:
        return f'<a href="#{self.anchors[article.key]}">{bdi(name)}</a>' if self.shown(article) else bdi(name)


def _flags_by_key(index: _Articles, flag_result: Any) -> dict[ArticleKey, Any]:
    out: dict[ArticleKey, Any] = {}
    for f in getattr(flag_result, "flags", None) or []:
        copy = index.copy(f)
        if copy is not None:
            out.setdefault(copy.key, f)
    return out


def _summary(articles: Sequence[Article], garbled: set[ArticleKey], stories: list[dict[str, Any]],
             errors: Sequence[ReadError]) -> str:
    # Named as the trust table's rows are: an agency's "AFP" and "Agence France-Presse" are one source.
    shown = shown_names(a.source for a in articles)
    sources = Counter(shown[a.source] for a in articles)
    garbled_by_source = Counter(shown[a.source] for a in articles if a.key in garbled)
    cards = [
        (len(articles), "articles", ""),
        (len(garbled), "garbled copies", " bad" if garbled else ""),
        (len(stories), "stories", ""),
        (len(sources), "sources", ""),
    ]
    if errors:
        cards.append((len(errors), "inputs skipped", " bad"))
    html_cards = "".join(
        f'<div class="card{extra}" data-count="{esc(label)}"><div class="num">{n}</div>'
        f'<div class="lbl">{esc(label)}</div></div>' for n, label, extra in cards)
    items = "".join(
        f'<li><span class="src">{bdi(src)}</span> <span class="muted">({n} article{"s" if n != 1 else ""},'
        f' {garbled_by_source[src]} garbled)</span></li>'
        for src, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f'<section id="summary"><h2>Summary</h2><div class="cards">{html_cards}</div>'
            f'<p class="caption">Sources in this input:</p><ul class="sources-list">{items}</ul></section>')


def not_judged(row: dict[str, Any]) -> bool:
    """Whether a trust-table row is a source none of whose articles was judged (another language):
    its trust is the prior's mean (0.5, trust.ranking.PRIOR_MEAN)."""
    try:
        return int(row.get("not_judged") or 0) >= int(row.get("articles") or 0) > 0
    except (TypeError, ValueError):
        return False


# What a flag's similarity is (stories.py verifies candidates by it); the report showed the number alone.
SIMILARITY_HELP = ("TF-IDF cosine of the copy's and the original's content words: 1 = the same words, "
                   "0 = none shared")


def _count(n: object, noun: str) -> str:
    """"1 article", "2 articles": the chart's tooltip said "1 articles" (bug hunt 31b, R4)."""
    return f"{esc(n)} {noun}{'' if n == 1 else 's'}"


def _chart(rows: Sequence[dict[str, Any]]) -> str:
    """Horizontal bars of trust per source with the interval as a whisker, in inline SVG."""
    height = CHART_PAD * 2 + CHART_ROW_H * len(rows)
    width = CHART_LABEL_W + CHART_PLOT_W + 60
    x0 = CHART_LABEL_W

    def x(v: Any) -> float:
        try:
            f = float(v)
        except (TypeError, ValueError):
            f = 0.0
        return round(x0 + CHART_PLOT_W * min(1.0, max(0.0, f)), 1)

    parts = [f'<svg class="chart" id="trust-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>Trust by source, with its interval</title>']
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        tx = x(tick)
        parts.append(f'<line class="grid" x1="{tx}" y1="{CHART_PAD - 6}" x2="{tx}" y2="{height - CHART_PAD}"/>'
                     f'<text x="{tx}" y="{CHART_PAD - 12}" text-anchor="middle">{tick:.2f}</text>')
    for n, row in enumerate(rows):
        y = CHART_PAD + n * CHART_ROW_H
        name = str(row.get("source", ""))
        short = name if len(name) <= CHART_LABEL_CHARS else name[:CHART_LABEL_CHARS - 1] + "…"
        cy = y + CHART_ROW_H / 2
        if not_judged(row):
            # The row's trust is the prior's mean, not a measurement (analyzer.trust.ranking): no bar,
            # no whisker, a label saying so.
            parts.append(
                f'<g class="row unjudged" data-source="{esc(name)}"><title>{esc(name)}: not judged, '
                f'{esc(row.get("why", ""))}</title>'
                f'<text x="{x0 - 8}" y="{cy + 4}" text-anchor="end">{esc(short)}</text>'
                f'<text class="unjudged" x="{x0 + 6}" y="{cy + 4}">not judged</text></g>')
            continue
        trust = float(row.get("trust", 0.0) or 0.0)
        level = "low" if trust < TRUST_LOW else "mid" if trust < TRUST_MID else "high"
        low, high = row.get("trust_low", trust), row.get("trust_high", trust)
        parts.append(
            f'<g class="row" data-source="{esc(name)}"><title>{esc(name)}: trust {_fmt(trust)} '
            f'(interval {_fmt(low)}–{_fmt(high)}), {_count(row.get("articles"), "article")}</title>'
            f'<text x="{x0 - 8}" y="{cy + 4}" text-anchor="end">{esc(short)}</text>'
            f'<rect class="bar {level}" x="{x0}" y="{y + 5}" width="{round(x(trust) - x0, 1)}" '
            f'height="{CHART_ROW_H - 10}" rx="2"/>'
            f'<line class="ci" x1="{x(low)}" y1="{cy}" x2="{x(high)}" y2="{cy}"/>'
            f'<line class="ci" x1="{x(low)}" y1="{cy - 6}" x2="{x(low)}" y2="{cy + 6}"/>'
            f'<line class="ci" x1="{x(high)}" y1="{cy - 6}" x2="{x(high)}" y2="{cy + 6}"/>'
            f'<text x="{x(max(trust, float(high or 0))) + 6}" y="{cy + 4}">{_fmt(trust)}</text></g>')
    parts.append(f'<line class="axis" x1="{x0}" y1="{CHART_PAD - 6}" x2="{x0}" y2="{height - CHART_PAD}"/></svg>')
    return "".join(parts)


TRUST_COLUMNS = (("rank", "rank", False), ("source", "source", True), ("articles", "articles", False),
                 ("trust", "trust", False), ("trust_low", "interval", False), ("garbled", "garbled", False),
                 ("translation", "translation", False), ("boilerplate", "boilerplate", False),
                 ("attribution", "attribution", False), ("hedging", "hedging", False),
                 # The articles left out of a source's trust for their language (analyzer.trust.ranking);
                 # why it ranks where it does is the source cell's tooltip (a column would not fit).
                 ("not_judged", "not judged", False))


def _th(label: str, text_col: bool) -> str:
    return f'<th scope="col"{" class=txt" if text_col else ""}><button type="button">{esc(label)}</button></th>'


def _trust(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return '<section id="trust"><h2>Trust by source</h2><p class="muted">No sources.</p></section>'
    head = "".join(_th(label, txt) for _, label, txt in TRUST_COLUMNS)
    body = []
    for row in rows:
        cells = []
        for key, _, txt in TRUST_COLUMNS:
            value = row.get(key, "")
            if key in ("trust", "trust_low") and not_judged(row):
                shown, value = "–", ""  # the prior's mean, not a judgement: see the chart
            elif key == "trust_low":
                shown = f"{_fmt(row.get('trust_low'))}–{_fmt(row.get('trust_high'))}"
            elif key in ("rank", "articles", "garbled", "source", "not_judged"):
                shown = str(value)
            else:
                shown = _fmt(value)
            why = f' title="{esc(row.get("why", ""))}"' if key == "source" and row.get("why") else ""
            cells.append(f'<td{" class=txt" if txt else ""}{why} data-sort="{esc(value)}">{esc(shown)}</td>')
        body.append(f'<tr data-source="{esc(row.get("source", ""))}">{"".join(cells)}</tr>')
    return (f'<section id="trust"><h2>Trust by source</h2>'
            f'<p class="caption">Bars: mean trust of the source\'s articles (shrunk toward {PRIOR_MEAN:g} by the '
            f'uniform prior); whiskers: its {INTERVAL_MASS:.0%} interval, which narrows as a source has more articles '
            f'that agree; sources are ranked by the interval\'s low end, so one lucky article does not outrank many '
            f'consistent ones; a source with no article judged (all in another language, or pages with no '
            f'article text) has neither. In the table, translation, '
            f'boilerplate, attribution and hedging are means over the source\'s articles; hover a source for '
            f'why it ranks where it does.'
            f'</p>{_chart(rows)}'
            f'<table class="data sortable" id="trust-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></section>')


def _legend() -> str:
    items = "".join(
        f'<label><input type="checkbox" checked data-toggle-signal="{name}"> '
        f'<mark class="sig-{name}">{esc(name)}</mark> <span class="muted">{esc(SIGNAL_HELP[name])}</span></label>'
        for name in (*reversed(SIGNAL_ORDER), "other"))
    return f'<div class="legend" id="legend"><b>Highlights:</b> {items}</div>'


def _evidence_title(ev: Evidence) -> str:
    title = f"{ev.signal} · {ev.kind}: {ev.reason}"
    if ev.suggestion:
        title += f"\nlikely original: {ev.suggestion}"
    return title


def _sorted_evidence(article: Article) -> list[Evidence]:
    return sorted(article.evidence, key=lambda e: (e.start, e.end, e.signal, e.kind))


def _layer(signal: str) -> int:
    name = signal_class(signal)
    return SIGNAL_ORDER.index(name) if name in SIGNAL_ORDER else len(SIGNAL_ORDER)


def _article_text(article: Article, anchor: str) -> tuple[str, str]:
    """The highlighted text and its footnote list."""
    evidence = _sorted_evidence(article)
    # Gaps of blanked markup collapsed, as explain shows them (a block tag had shown as an indent
    # under white-space: pre-wrap); the footnotes keep the offsets of the JSON output.
    shown = Collapsed.of(article)
    spans = [Span(shown.at(ev.start, start=True), shown.at(ev.end, start=False), f"ev sig-{signal_class(ev.signal)}",
                  _layer(ev.signal), _evidence_title(ev), f"{anchor}-e{n}") for n, ev in enumerate(evidence, start=1)]
    after: dict[int, str] = {}
    notes = []
    for n, ev in enumerate(evidence, start=1):
        ref = f"{anchor}-e{n}"
        end = max(0, min(shown.at(ev.end, start=False), len(shown.text)))
        after[end] = after.get(end, "") + f'<sup class="ref"><a href="#{ref}">{n}</a></sup>'
        suggestion = (f' → <span class="suggest" dir="auto">{esc(ev.suggestion)}</span>' if ev.suggestion else "")
        notes.append(
            f'<li id="{ref}" data-signal="{esc(ev.signal)}" data-kind="{esc(ev.kind)}" data-start="{ev.start}" '
            f'data-end="{ev.end}" data-suggestion="{esc(ev.suggestion or "")}">'
            f'<span class="sig-tag sig-{signal_class(ev.signal)}">{esc(ev.signal)}</span> {esc(ev.kind)}: '
            f'<q dir="auto">{esc(ev.text)}</q>{suggestion} — {esc(ev.reason)}</li>')
    text_html = render_spans(shown.text, spans, after=after)
    notes_html = (f'<details class="notes"><summary>{len(notes)} evidence span{"s" if len(notes) != 1 else ""}'
                  f'</summary><ol class="notes">{"".join(notes)}</ol></details>' if notes else
                  '<p class="muted">No evidence spans.</p>')
    return text_html, notes_html


def _meter(value: float, lo: float = 0.0, hi: float = 1.0) -> str:
    share = min(1.0, max(0.0, (value - lo) / (hi - lo)))
    return (f'<span class="meter"><svg width="60" height="8" viewBox="0 0 60 8" aria-hidden="true">'
            f'<rect width="{round(60 * share, 1)}" height="8" fill="#4f8fd6"/></svg></span>')


def _scores(article: Article) -> str:
    """The article's scores, each with what it measures as its tooltip (explain's meaning column). A
    signal not measured (another language) is "–", not judged, as explain shows it: the report drew
    "attribution 0.00" with a bar for a French article, and its trust with no word that it is not
    meaningful there (bug hunt 31b, R5)."""
    from analyzer.explain import SCORE_HELP, trust_note

    parts = []
    for key in SCORE_KEYS:
        details = article.details.get(key)
        help_text = SCORE_HELP.get(key, "")
        if isinstance(details, dict) and details.get("skipped"):
            parts.append(f'<span class="score" data-score="{key}" title="{esc(help_text)}: not judged">'
                         f'{key} <b>–</b> <span class="muted">not judged</span></span>')
            continue
        value = float(article.scores.get(key, 0.0))
        # Flesch reading ease is 0..100 for ordinary prose (Flesch 1948).
        meter = _meter(value, 0.0, 100.0) if key == "readability" else _meter(value)
        shown = _fmt(value, 1 if key == "readability" else 2)
        note = trust_note(article) if key == "trust" else None
        title = f"{help_text}; {note}" if note else help_text
        # The note's first clause shown ("not judged", "held at 0.4 or below"), the whole as tooltip.
        aside = f' <span class="muted">{esc(note.split(",")[0])}</span>' if note else ""
        parts.append(f'<span class="score" data-score="{key}" title="{esc(title)}">{key} {meter} <b>{shown}</b>'
                     f'{aside}</span>')
    return f'<div class="scores">{"".join(parts)}</div>'


def _article_section(article: Article, anchor: str, flag: Any, words: int) -> str:
    text_html, notes_html = _article_text(article, anchor)
    label = flag.label if flag is not None else article.label
    meta = [f'source <b>{bdi(article.source)}</b>', f'language <b>{esc(article.language)}</b>',
            f'label <b class="label-{_CLASS_RE.sub("-", label)}">{esc(label)}</b>', f'{words} words']
    if flag is not None and flag.original:
        meta.append(f'likely original <b>{bdi(flag.original)}</b>')
    held = article.details.get("trust")
    if isinstance(held, dict) and held.get("why"):
        # Why its trust is not the model's reading (trust.model.Hold): too little prose, a run-on
        # text, or a garbled copy of its original (the trust table's rescoring).
        meta.append(f'trust <b class="held">{esc(held["why"])}</b>')
    for key in ("title", "url", "date", "path"):
        value = getattr(article, key, None)
        if value:
            meta.append(f'{key} <b>{bdi(value)}</b>')  # URLs shown as text: the report links nowhere
    return (f'<section class="article" id="{anchor}" data-id="{esc(article.id)}" data-label="{esc(label)}">'
            f'<h3>{esc(article.id)}</h3><div class="meta">{" · ".join(meta)}</div>{_scores(article)}'
            f'<div class="text" dir="auto">{text_html}</div>{notes_html}</section>')


def _articles_index(articles: Sequence[Article], index: _Articles, flags: dict[ArticleKey, Any],
                    words: list[int]) -> str:
    cols = (("id", True), ("source", True), ("label", True), ("words", False), ("trust", False),
            ("translation", False), ("boilerplate", False), ("attribution", False), ("hedging", False),
            ("readability", False), ("evidence", False))
    head = "".join(_th(c, txt) for c, txt in cols)
    rows = []
    for n, a in enumerate(articles):
        label = flags[a.key].label if a.key in flags else a.label
        s = a.scores
        # An article whose section is not on the page (the page's cap) is named, not linked.
        name = f'<a href="#{index.anchors[a.key]}">{esc(a.id)}</a>' if index.shown(a) else esc(a.id)
        cells = [f'<td class="txt" data-sort="{esc(a.id)}">{name}</td>',
                 f'<td class="txt">{esc(a.source)}</td>', f'<td class="txt">{esc(label)}</td>',
                 f'<td>{words[n]}</td>']
        for key in ("trust", "translation", "boilerplate", "attribution", "hedging", "readability"):
            value = float(s.get(key, 0.0))
            cells.append(f'<td data-sort="{round(value, 4)}">{_fmt(value, 1 if key == "readability" else 2)}</td>')
        cells.append(f"<td>{len(a.evidence)}</td>")
        rows.append(f'<tr>{"".join(cells)}</tr>')
    return (f'<table class="data sortable" id="articles-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


# ---------------------------------------------------------------------------------------------
# Story diffs: the garbled copy beside its original.


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    key: str


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), _token_key(m.group())) for m in _TOKEN_RE.finditer(text)]


def _token_key(token: str) -> str:
    """What a token reads as: lower case, its character references decoded, ’ as '."""
    if "&" in token:
        token = html.unescape(token)
    return token.replace("’", "'").lower()


@dataclass
class Diff:
    rows: list[tuple[str, str, bool]]  # (original html, copy html, changed)
    substitutions: list[tuple[str, str, int]]  # (original wording, copy wording, count)


def diff_copy(original: str, copy: str, copy_spans: Sequence[Span] = ()) -> Diff:
    """Word-level diff of `copy` against `original`, in rows aligned on the copy's paragraphs."""
    a, b = _tokens(original), _tokens(copy)
    opcodes = _opcodes(_matching_blocks([t.key for t in a], [t.key for t in b]))
    orig_spans: list[Span] = []
    spans = list(copy_spans)
    subs: Counter[tuple[str, str]] = Counter()
    first_seen: dict[tuple[str, str], int] = {}
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        o_words = original[a[i1].start:a[i2 - 1].end] if i2 > i1 else ""
        c_words = copy[b[j1].start:b[j2 - 1].end] if j2 > j1 else ""
        if tag == "replace":
            orig_spans.append(Span(a[i1].start, a[i2 - 1].end, "diff-orig", 0, f"the copy has: {c_words}"))
            spans.append(Span(b[j1].start, b[j2 - 1].end, "diff-copy", 0, f"original: {o_words}"))
            if i2 - i1 <= SUBSTITUTION_MAX_TOKENS and j2 - j1 <= SUBSTITUTION_MAX_TOKENS:
                key = (" ".join(o_words.split()), " ".join(c_words.split()))
                subs[key] += 1
                first_seen.setdefault(key, len(first_seen))
        elif tag == "delete":
            orig_spans.append(Span(a[i1].start, a[i2 - 1].end, "diff-drop", 0, "missing from the copy"))
        else:
            spans.append(Span(b[j1].start, b[j2 - 1].end, "diff-add", 0, "not in the original"))
    # Rows: cut the copy at its paragraph breaks, the original at the matching token.
    cuts_b = [0] + [j for j in range(1, len(b)) if "\n" in copy[b[j - 1].end:b[j].start]] + [len(b)]
    j_ends = [op[4] for op in opcodes]
    cuts_a = [_map_index(opcodes, j_ends, j, len(a)) for j in cuts_b]
    cuts_a[0], cuts_a[-1] = 0, len(a)
    for n in range(1, len(cuts_a)):  # keep the mapping monotone
        cuts_a[n] = max(cuts_a[n], cuts_a[n - 1])

    def pos(tokens: list[_Tok], text: str, k: int, last: bool) -> int:
        if last or k >= len(tokens):
            return len(text)
        return 0 if k == 0 else tokens[k].start

    a_rows, b_rows = [], []
    for n in range(len(cuts_b) - 1):
        last = n == len(cuts_b) - 2
        a_lo, a_hi = pos(a, original, cuts_a[n], False), pos(a, original, cuts_a[n + 1], last)
        b_lo, b_hi = pos(b, copy, cuts_b[n], False), pos(b, copy, cuts_b[n + 1], last)
        if n == 0:
            a_lo = b_lo = 0
        a_rows.append((a_lo, a_hi))
        b_rows.append((b_lo, b_hi))
    rows = []
    for (a_lo, a_hi), (b_lo, b_hi), o_in, c_in in zip(a_rows, b_rows, _per_window(orig_spans, a_rows),
                                                     _per_window(spans, b_rows), strict=True):
        rows.append((render_spans(original, o_in, a_lo, a_hi).strip("\n"),
                     render_spans(copy, c_in, b_lo, b_hi).strip("\n"), bool(o_in or c_in)))
    ordered = sorted(subs.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))
    return Diff(rows, [(o, c, n) for (o, c), n in ordered])


def _per_window(spans: Sequence[Span], windows: Sequence[tuple[int, int]]) -> list[list[Span]]:
    """The spans overlapping each window [lo, hi) (start < hi and end > lo), in their order in `spans`.

    One sweep over the spans sorted by start, for windows whose lo and hi never decrease (the diff's
    rows): rendering each row from every span of the text cost rows x spans (render_spans: 9.8 s of
    108 s profiled for `report` on the 200 KB bbc_dev.jsonl pair, 2026-11-23)."""
    order = sorted(range(len(spans)), key=lambda n: spans[n].start)
    out: list[list[Span]] = []
    active: list[int] = []
    k = 0
    for lo, hi in windows:
        while k < len(order) and spans[order[k]].start < hi:
            active.append(order[k])
            k += 1
        active = [n for n in active if spans[n].end > lo]
        out.append([spans[n] for n in sorted(active)])
    return out


Block = tuple[int, int, int]  # (i, j, size): a[i:i + size] == b[j:j + size]


def _matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    """difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks(), found between
    anchors so that the cost grows about linearly with the texts, not with their product.

    The same blocks as SequenceMatcher over the whole texts for each of the 1,625 bbc_dev.jsonl
    articles beside its spun copy (wordnet, 5%), and for the 100/200/400 KB joined-text pairs; of 407
    copies with paragraphs dropped, respun and Americanised, 5 differ, each only in which side of a
    dropped paragraph one "." is matched (as many tokens matched) (2026-11-23).
    """
    raw: list[Block] = []
    _match_between(a, b, 0, len(a), 0, len(b), raw)
    blocks: list[Block] = []
    for i, j, k in raw:  # join touching blocks, as SequenceMatcher does
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + k)
        else:
            blocks.append((i, j, k))
    blocks.append((len(a), len(b), 0))
    return blocks


def _match_between(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int,
                   out: list[Block]) -> None:
    """Append the matching blocks of a[alo:ahi] and b[blo:bhi], in order, to `out`."""
    if alo >= ahi or blo >= bhi:
        return
    runs = _anchor_runs(a, b, alo, ahi, blo, bhi)
    if runs:
        for i0, j0, size in runs:
            _match_between(a, b, alo, i0, blo, j0, out)
            out.append((i0, j0, size))
            alo, blo = i0 + size, j0 + size
        _match_between(a, b, alo, ahi, blo, bhi, out)
    elif (ahi - alo) * (bhi - blo) <= DIFF_MAX_CELLS:
        matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        out.extend((alo + i, blo + j, k) for i, j, k in matcher.get_matching_blocks() if k)
    else:  # long and without a word found once in each (a text repeated): halve both in proportion
        amid = (alo + ahi) // 2
        bmid = blo + (bhi - blo) * (amid - alo) // (ahi - alo)
        _match_between(a, b, alo, amid, blo, bmid, out)
        _match_between(a, b, amid, ahi, bmid, bhi, out)


def _anchor_runs(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[Block]:
    """The equal runs around the anchors, as SequenceMatcher would take them: each run as long as
    it goes, and where two would take the same token, the longer (the earlier if equal) keeps it.
    Cut at the anchor word alone, a "-" or "the" next to it could be matched elsewhere."""
    runs: list[list[int]] = []  # [i0, j0, i1, j1]
    for i, j in _anchors(a, b, alo, ahi, blo, bhi):
        if runs and runs[-1][1] - runs[-1][0] == j - i and runs[-1][2] > i:
            continue  # in the run of the anchor before
        i0, j0, i1, j1 = i, j, i + 1, j + 1
        while i0 > alo and j0 > blo and a[i0 - 1] == b[j0 - 1]:
            i0, j0 = i0 - 1, j0 - 1
        while i1 < ahi and j1 < bhi and a[i1] == b[j1]:
            i1, j1 = i1 + 1, j1 + 1
        if runs:
            prev = runs[-1]
            over = max(prev[2] - i0, prev[3] - j0)
            if over > 0:  # never past either anchor: each word is found once in each text
                if prev[2] - prev[0] >= i1 - i0:
                    i0, j0 = i0 + over, j0 + over
                else:
                    prev[2], prev[3] = prev[2] - over, prev[3] - over
        runs.append([i0, j0, i1, j1])
    return [(i0, j0, i1 - i0) for i0, j0, i1, _ in runs]


def _anchors(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """Pairs (i, j), in order in both, of a token found once in a[alo:ahi] and once in b[blo:bhi]
    whose neighbours are equal too (patience diff's anchors): the longest chain increasing in both."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    la, lb = len(a), len(b)
    pairs = []
    for i in range(alo, ahi):
        j = where_b.get(a[i])
        if j is None or count_a[a[i]] != 1:
            continue
        if (i == 0) != (j == 0) or (i > 0 and a[i - 1] != b[j - 1]):
            continue
        if (i == la - 1) != (j == lb - 1) or (i < la - 1 and a[i + 1] != b[j + 1]):
            continue
        pairs.append((i, j))
    # Longest increasing subsequence of j (patience sorting): tails[k] ends the best chain of k + 1.
    tails: list[int] = []
    tail_js: list[int] = []
    back: list[int] = []
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tail_js, j)
        back.append(tails[k - 1] if k else -1)
        if k == len(tails):
            tails.append(n)
            tail_js.append(j)
        else:
            tails[k] = n
            tail_js[k] = j
    chain = []
    n = tails[-1] if tails else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    chain.reverse()
    return chain


def _opcodes(blocks: Sequence[Block]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher.get_opcodes() from its matching blocks."""
    ops = []
    i = j = 0
    for ai, bj, size in blocks:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            ops.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            ops.append(("equal", ai, i, bj, j))
    return ops


def _map_index(opcodes: Sequence[tuple[str, int, int, int, int]], j_ends: Sequence[int], j: int,
               a_len: int) -> int:
    """The original's token index matching the copy's token index j (`j_ends`: each opcode's j2)."""
    # The first opcode ending after j holds it: opcodes tile the copy in order.
    n = bisect.bisect_right(j_ends, j)
    if n == len(opcodes):
        return a_len
    tag, i1, i2, j1, j2 = opcodes[n]
    if tag == "equal":
        return i1 + (j - j1)
    return i1 + round((j - j1) * (i2 - i1) / (j2 - j1))


def _flag_spans(copy: Article, flag: Any) -> list[Span]:
    spans = []
    for ev in getattr(flag, "evidence", None) or []:
        if ev.start < ev.end <= len(copy.text) and copy.text[ev.start:ev.end] == ev.text:
            spans.append(Span(ev.start, ev.end, f"flag-ev sig-{signal_class(ev.signal)}", 1, _evidence_title(ev)))
    return spans


class _Diffs:
    """How many flagged copies the page still shows beside their original as a diff (None: all)."""

    def __init__(self, limit: int | None) -> None:
        self.left = limit
        self.shown = self.left_out = 0

    def take(self) -> bool:
        if self.left is not None:
            if self.left <= 0:
                self.left_out += 1
                return False
            self.left -= 1
        self.shown += 1
        return True


def _story_section(story: dict[str, Any], n: int, flags: list[Any], index: _Articles,
                   diffs: _Diffs | None = None) -> str:
    members = index.members(story)
    story_original = index.get(story.get("original"), story.get("original_path"))
    labels = {copy.key: f.label for f in flags if (copy := index.copy(f)) is not None}
    items = []
    for m, article in members:
        role = " (original)" if article is not None and article is story_original else ""
        label = labels.get(article.key, article.label) if article is not None else ""
        items.append(f"<li>{index.link(m, article)}{esc(role)} <span class=\"muted\">"
                     f"{bdi(article.source) if article is not None else ''} · {esc(label)}</span></li>")
    blocks = []
    for flag in flags:
        copy = index.copy(flag)
        if copy is None:
            continue
        original = index.original(flag)
        # A machine translation's flag rests on the pair's direction: its probability, which its trust
        # hold is graded by (trust.model.GRADED_HOLD_LABEL), is shown beside the similarity.
        direction = getattr(flag, "direction", None)
        shown = (f', flag right with p {flag_probability(direction):.2f}'
                 if direction is not None and graded(flag.label, flag.original, direction) else "")
        head = (f'<h4>{esc(flag.id)} <span class="label-{_CLASS_RE.sub("-", flag.label)}">{esc(flag.label)}</span>'
                f' <span class="muted" title="{SIMILARITY_HELP}">similarity {_fmt(flag.similarity)}{shown}</span></h4>')
        copy_spans = _flag_spans(copy, flag)
        capped = original is not None and diffs is not None and not diffs.take()
        if original is None or capped:
            # Nothing to diff against (or the page's diffs are used up): list what the flag found; the
            # text is highlighted in its section.
            found = Counter((ev.suggestion or "", ev.text, ev.kind) for ev in getattr(flag, "evidence", None) or [])
            found_html = "".join(
                # dir="auto" isolates each side, so two right-to-left words keep their order round the arrow.
                (f'<li><del dir="auto">{esc(o)}</del> → <ins dir="auto">{esc(c)}</ins>' if o
                 else f'<li><ins dir="auto">{esc(c)}</ins>')
                + f' <span class="muted">{esc(kind)}</span>{f" ×{k}" if k > 1 else ""}</li>'
                for (o, c, kind), k in found.items())
            link = (f'<a href="#{index.anchors[copy.key]}">highlighted in its article section</a>'
                    if index.shown(copy) else "its section left out with the articles this page does not show")
            why = (f'Its diff beside {bdi(original.id)} is left out: this page shows {diffs.shown if diffs else 0} '
                   'diffs (--full-page shows every one).' if capped and original is not None
                   else 'The input holds no cleaner copy of this story.')
            blocks.append(f'<div class="flagged" data-copy="{esc(flag.id)}">{head}<p class="caption">{why} '
                          f'The flag rests on {sum(found.values())} span'
                          f'{"s" if sum(found.values()) != 1 else ""} (likely original → copy), {link}:</p>'
                          f'<ul class="subs">{found_html}</ul></div>')
            continue
        diff = diff_copy(original.text, copy.text, copy_spans)
        subs = "".join(f'<li><del dir="auto">{esc(o)}</del> → <ins dir="auto">{esc(c)}</ins>'
                       f'{f" ×{k}" if k > 1 else ""}</li>'
                       for o, c, k in diff.substitutions)
        subs_html = (f'<p class="caption">{len(diff.substitutions)} substituted wording'
                     f'{"s" if len(diff.substitutions) != 1 else ""} (original → copy):</p><ul class="subs">{subs}</ul>'
                     if subs else '<p class="muted">No word substitutions.</p>')
        rows = "".join(f'<tr class="{"changed" if changed else "same"}"><td dir="auto">{o}</td>'
                       f'<td dir="auto">{c}</td></tr>'
                       for o, c, changed in diff.rows)
        blocks.append(
            f'<div class="flagged" data-copy="{esc(flag.id)}" data-original="{esc(original.id)}">{head}{subs_html}'
            f'<table class="diff"><thead><tr><th>original: {esc(original.id)} ({esc(original.source)})</th>'
            f'<th>garbled copy: {esc(copy.id)} ({esc(copy.source)})</th></tr></thead><tbody>{rows}</tbody></table>'
            f'</div>')
    return (f'<section class="story" id="story-{n}" data-story="{esc(story.get("story", ""))}">'
            f'<h3>{esc(story.get("story", ""))}: {len(members)} cop{"ies" if len(members) != 1 else "y"}, '
            f'{len(flags)} garbled</h3><ul>{"".join(items)}</ul>{"".join(blocks)}</section>')


def _stories(flag_result: Any, index: _Articles) -> str:
    return "".join(_stories_parts(flag_result, index))


def _stories_parts(flag_result: Any, index: _Articles, diffs: _Diffs | None = None) -> Iterator[str]:
    """The Stories section in pieces, one per story with a garbled copy (each holds its diffs)."""
    stories = list(getattr(flag_result, "stories", None) or [])
    flags = list(getattr(flag_result, "flags", None) or [])
    # Each flag placed in the stories holding its copy, looked up by the copy's key: every story
    # had scanned every flag, quadratic at scale (h32f: 20,000 scored articles, ~11,000 stories
    # and ~2,600 flags).
    stories_of: dict[ArticleKey, list[int]] = {}
    for n, story in enumerate(stories):
        for key in dict.fromkeys(a.key for _, a in index.members(story) if a is not None):
            stories_of.setdefault(key, []).append(n)
    by_story: dict[int, list[Any]] = {n: [] for n in range(len(stories))}
    placed: set[int] = set()  # id() of the flags placed (a Flag is not hashable)
    for f in flags:
        copy = index.copy(f)
        for n in stories_of.get(copy.key, ()) if copy is not None else ():
            by_story[n].append(f)
            placed.add(id(f))
    orphans = [f for f in flags if id(f) not in placed]
    quiet = [s for n, s in enumerate(stories) if not by_story[n]]
    rows = "".join(
        f'<tr><td class="txt">{esc(s.get("story", ""))}</td><td>{len(s.get("articles", []))}</td>'
        f'<td class="txt">{", ".join(index.link(m, a) for m, a in index.members(s))}</td></tr>'
        for s in quiet)
    quiet_html = (f'<p class="caption">{len(quiet)} stor{"ies" if len(quiet) != 1 else "y"} without a garbled copy:'
                  f'</p><table class="data sortable" id="stories-table"><thead><tr>{_th("story", True)}'
                  f'{_th("copies", False)}{_th("articles", True)}</tr></thead><tbody>{rows}</tbody></table>'
                  if quiet else "")
    intro = ('<p class="caption">Each garbled copy beside the copy it most likely came from. In the copy, '
             '<mark class="diff-copy">red</mark> marks substituted wording (hover for the original), '
             '<mark class="diff-add">orange</mark> text that is not in the original; in the original, '
             '<mark class="diff-orig">blue</mark> marks the wording that was replaced, '
             '<mark class="diff-drop">grey</mark> text the copy dropped.</p>')
    if not any(index.original(f) is not None and index.copy(f) is not None for f in flags):
        intro = ('<p class="caption">No flagged copy has a cleaner copy in the input to compare with; '
                 'each lists the evidence of its flag.</p>')
    if not placed:
        intro = '<p class="muted">No garbled copies were flagged.</p>'
    yield f'<section id="stories"><h2>Stories</h2>{intro}'
    for n, story in enumerate(stories):
        if by_story[n]:
            yield _story_section(story, n + 1, by_story[n], index, diffs)
    if orphans:
        yield _story_section({"story": "other flagged copies", "articles": [f.id for f in orphans],
                              "paths": [getattr(f, "path", None) for f in orphans], "original": None},
                             len(stories) + 1, orphans, index, diffs)
    yield f'{quiet_html}</section>'


def _errors(errors: Sequence[ReadError]) -> str:
    if not errors:
        return ""
    rows = "".join(f'<tr><td class="txt">{esc(e.path)}</td><td class="txt">{esc(e.reason)}</td></tr>' for e in errors)
    return (f'<section id="errors"><h2>Skipped inputs</h2><table class="data errors"><thead><tr><th class="txt">path'
            f'</th><th class="txt">reason</th></tr></thead><tbody>{rows}</tbody></table></section>')


# ---------------------------------------------------------------------------------------------
# Entry points.


def render_report(articles: Iterable[Article], flag_result: Any = None,
                  trust_rows: Sequence[dict[str, Any]] | None = None, *, title: str = "analyzer report",
                  model_note: str | None = None) -> str:
    """The whole report as one HTML string (deterministic: no timestamps, input order kept).

    `flag_result` is an analyzer.api.FlagResult (stories, flags, errors) or None; `trust_rows`
    are the rows of analyzer.trust.rank_sources (the `trust` command's sources); `model_note`
    names a trust model other than the shipped one (model_note()), shown under the title.
    """
    return "".join(report_parts(articles, flag_result, trust_rows, title=title, model_note=model_note))


def _on_page(articles: Sequence[Article], index: _Articles, garbled: set[ArticleKey], flag_result: Any,
             limit: int | None) -> set[ArticleKey] | None:
    """The articles whose section a page of at most `limit` sections holds: the garbled copies, then
    the originals they were flagged beside, then the others, each in input order (None: every one)."""
    if limit is None or len(articles) <= limit:
        return None
    originals = {o.key for f in getattr(flag_result, "flags", None) or [] if (o := index.original(f)) is not None}
    chosen: set[ArticleKey] = set()
    for group in (garbled, originals, None):
        for a in articles:
            if len(chosen) >= limit:
                return chosen
            if group is None or a.key in group:
                chosen.add(a.key)
    return chosen


def _left_out_note(total: int, shown: int, diffs: _Diffs, companion: str | None) -> str:
    """What a capped page leaves out and where it is."""
    parts = []
    if shown < total:
        parts.append(f"the sections of {shown:,} of {total:,} articles (the garbled copies first, then "
                     "their originals; the others are listed in the Articles table, unlinked)")
    if diffs.left_out:
        parts.append(f"{diffs.shown:,} of {diffs.shown + diffs.left_out:,} flagged copies beside their original as a "
                     "diff (the others with their flag's spans)")
    if not parts:
        return ""
    where = ("" if shown >= total else
             f"The articles left out are in {bdi(companion)} beside this page, one JSON record per line (as "
             "<code>score --format jsonl</code> writes it, with its flag). " if companion is not None else
             "Written with <code>--output FILE</code>, the articles left out go to a JSON Lines file beside it. ")
    return (f'<p class="left-out">This page holds {" and ".join(parts)}: a page of every one would be too large '
            f'for a browser. {where}<code>--full-page</code> writes everything on the page.</p>')


class Page:
    """A report page, written a piece at a time (parts), and the articles it leaves out (left_out).

    `max_articles` caps the article sections on it and `max_diffs` the flagged copies shown beside
    their original as a diff (None: no cap, every one, as render_report); `companion` is the name
    of the file the articles left out are written to (left_out_records), which the page names."""

    def __init__(self, articles: Iterable[Article], flag_result: Any = None,
                 trust_rows: Sequence[dict[str, Any]] | None = None, *, title: str = "analyzer report",
                 model_note: str | None = None, max_articles: int | None = None, max_diffs: int | None = None,
                 companion: str | None = None) -> None:
        self.articles = list(articles)
        self.flag_result = flag_result
        self.trust_rows = list(trust_rows or [])
        self.title, self.model_note, self.companion = title, model_note, companion
        self.index = _Articles(self.articles)
        self.flags = _flags_by_key(self.index, flag_result)
        self.garbled = set(self.flags) | {a.key for a in self.articles if a.label != "clean"}
        self.index.on_page = _on_page(self.articles, self.index, self.garbled, flag_result, max_articles)
        self.max_diffs = max_diffs

    def left_out(self) -> list[Article]:
        """The articles whose section is not on the page, in input order."""
        if self.index.on_page is None:
            return []
        return [a for a in self.articles if a.key not in self.index.on_page]

    def left_out_records(self) -> Iterator[dict[str, Any]]:
        """Each article left out as `score --format jsonl` writes it, with its flag (as `flag` writes
        it) or null: its scores and evidence, which the page does not show."""
        for a in self.left_out():
            record = a.to_dict()
            flag = self.flags.get(a.key)
            record["flag"] = flag.to_dict() if flag is not None and hasattr(flag, "to_dict") else None
            yield record

    def parts(self) -> Iterator[str]:
        articles, index, flags, garbled = self.articles, self.index, self.flags, self.garbled
        flag_result, title, model_note = self.flag_result, self.title, self.model_note
        errors = list(getattr(flag_result, "errors", None) or [])
        stories = list(getattr(flag_result, "stories", None) or [])
        sources = set(shown_names(a.source for a in articles).values())
        skipped_link = '<a href="#errors">Skipped</a>' if errors else ""
        words = [a.words for a in articles]  # counted once: the index and the sections both show it
        diffs = _Diffs(self.max_diffs)
        # The stories come before the note that counts their diffs: made first, held as pieces.
        story_parts = list(_stories_parts(flag_result, index, diffs)) if self.max_diffs is not None else None
        shown = len(articles) if index.on_page is None else len(index.on_page)
        note = _left_out_note(len(articles), shown, diffs, self.companion)

        def body() -> Iterator[str]:
            yield (
                f'<header class="top"><h1>{esc(title)}</h1><p>{_count(len(articles), "article")} '
                f'from {_count(len(sources), "source")}; {len(garbled)} garbled.</p>'
                f'{f"<p class=model>{esc(model_note)}</p>" if model_note else ""}{note}</header>'
                '<nav class="toc"><a href="#summary">Summary</a><a href="#trust">Trust</a>'
                f'<a href="#stories">Stories</a><a href="#articles">Articles</a>{skipped_link}</nav><main>'
                f'{_summary(articles, garbled, stories, errors)}{_trust(self.trust_rows)}')
            yield from story_parts if story_parts is not None else _stories_parts(flag_result, index)
            yield (f'<section id="articles"><h2>Articles</h2>{_legend()}'
                   f'{_articles_index(articles, index, flags, words)}')
            for n, a in enumerate(articles):
                if index.shown(a):
                    yield _article_section(a, f"a{n + 1}", flags.get(a.key), words[n])
            yield (f'</section>{_errors(errors)}</main>'
                   '<footer>Generated by analyzer. Hover a highlight for its reason and the likely original wording; '
                   'numbers point to the evidence list under each article. This file makes no network request.'
                   '</footer>')

        yield _page_head(title)
        for part in body():
            # A file name that is not UTF-8 reaches here with lone surrogates (surrogateescape), which a
            # UTF-8 page cannot hold: one U+FFFD each, as the JSON outputs write them (a surrogate is one
            # code point, so piece by piece is the whole page's scrub).
            yield scrub_surrogates(part)
        yield _page_tail()


def report_parts(articles: Iterable[Article], flag_result: Any = None,
                 trust_rows: Sequence[dict[str, Any]] | None = None, *, title: str = "analyzer report",
                 model_note: str | None = None) -> Iterator[str]:
    """render_report's page in pieces, to be written one after the other: an article's section, a
    story's diffs. Joined into one string, a page of 20,000 articles (~500 MB of HTML, held as
    Python text of up to 4 bytes a character, and copied by each concatenation) took the run's peak
    memory from ~1 GB to several GB (h32f). Every article and diff: Page caps them."""
    return Page(articles, flag_result, trust_rows, title=title, model_note=model_note).parts()


def build_report(paths: Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 model: Any = None, model_file: PathLike | None = None, **options: Any) -> tuple[str, list[ReadError]]:
    """Score, flag and rank `paths` as the score/flag/trust commands do; return (html, skipped inputs).

    `model` is what analyzer.api accepts: a TrustModel, a model file, or None for the shipped one;
    `model_file` the file a TrustModel was read from, for the page to name it (model_note);
    `options` are api.trust_paths's others (jobs, max_line_bytes, max_articles).
    """
    parts, errors = build_report_parts(paths, max_bytes=max_bytes, model=model, model_file=model_file, **options)
    return "".join(parts), errors


def build_report_parts(paths: Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, model: Any = None,
                       model_file: PathLike | None = None, **options: Any) -> tuple[Iterator[str], list[ReadError]]:
    """build_report's page as report_parts' pieces, to write one at a time: the scoring, flagging and
    ranking are done when it returns, the HTML made as it is written. Every article and diff."""
    page, errors = build_report_page(paths, max_bytes=max_bytes, model=model, model_file=model_file, **options)
    return page.parts(), errors


def build_report_page(paths: Iterable[PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, model: Any = None,
                      model_file: PathLike | None = None, page_articles: int | None = None,
                      page_diffs: int | None = None, companion: str | None = None,
                      **options: Any) -> tuple[Page, list[ReadError]]:
    """Score, flag and rank `paths` (as build_report) into a Page capped at `page_articles` sections
    and `page_diffs` diffs (None: every one), naming `companion` as the file of the articles left out
    (the `report` command's --output and its companion)."""
    from analyzer import api
    from analyzer.trust import resolve_model

    trust_model = resolve_model(model)
    ranked = api.trust_paths(paths, max_bytes=max_bytes, model=trust_model, **options)
    assert ranked.flagged is not None  # trust_paths always keeps its flag result
    note = model_note(model_file if model_file is not None else model, trust_model)
    return (Page(ranked.articles, ranked.flagged, ranked.sources, model_note=note, max_articles=page_articles,
                 max_diffs=page_diffs, companion=companion),
            list(ranked.errors))


def companion_path(output: PathLike) -> Path:
    """The companion of a capped page: `report.html` -> `report.articles.jsonl` beside it."""
    out = Path(output)
    return out.with_name(f"{out.stem if out.suffix.lower() in ('.html', '.htm') else out.name}.articles.jsonl")


def model_note(given: Any, model: Any) -> str | None:
    """What the page says of a trust model other than the shipped one: its file (or "given in
    memory") and what it was trained on. A report of `report --model my.json` ranked the sources
    with a newsroom's model and said so nowhere, so a reader took it for the shipped model's
    ranking (session 26 bug hunt, X1). None for the shipped model."""
    from analyzer.trust import default_model

    if given is None or model == default_model():
        return None
    training = getattr(model, "training", None) or {}
    facts = [str(training["data"])] if training.get("data") else []
    if isinstance(training.get("articles"), int):
        facts.append(f"{training['articles']} articles")
    if isinstance(training.get("cv_roc_auc"), int | float):
        facts.append(f"grouped cross-validation ROC AUC {training['cv_roc_auc']:.3f}")
    name = os.fspath(given) if isinstance(given, str | os.PathLike) else "given in memory"
    return f"Trust from the model {name}{' (' + '; '.join(facts) + ')' if facts else ''}, not the shipped one."


def write_page(page: Page, output: PathLike | None, companion: PathLike | None = None, *,
               opener: Callable[[Any], contextlib.AbstractContextManager[TextIO]] | None = None) -> int:
    """Write the articles `page` leaves out to `companion` (if any are, and it is given), then the page
    to `output` (stdout if None), each atomically through `opener` (writers.atomic_output by default;
    the CLI's turns a failed write into an exit status): the page last, so a page never names a
    companion that is not there. Return how many articles were left out."""
    from analyzer.io.writers import atomic_output, dumps

    open_output = opener or atomic_output
    left_out = len(page.left_out())
    if left_out and companion is not None:
        with open_output(companion) as side:
            for record in page.left_out_records():  # a line at a time: as `score --format jsonl`
                side.write(dumps(record) + "\n")
    with open_output(output) as out:
        out.writelines(page.parts())  # piece by piece: the page of a large run is never one string
    return left_out


def report_page(paths: Iterable[PathLike], output: PathLike | None, *, full_page: bool = False,
                **options: Any) -> tuple[Page, list[ReadError], Path | None]:
    """build_report_page as the `report` command makes it: capped at PAGE_MAX_ARTICLES sections and
    PAGE_MAX_DIFFS diffs unless `full_page`, naming companion_path(output) for the articles left out
    (none on stdout). Return (page, skipped inputs, companion or None). `options` are
    build_report_page's (max_bytes, model, model_file, jobs, max_line_bytes, max_articles, progress)."""
    companion = companion_path(output) if output is not None and not full_page else None
    page, errors = build_report_page(paths, page_articles=None if full_page else PAGE_MAX_ARTICLES,
                                     page_diffs=None if full_page else PAGE_MAX_DIFFS,
                                     companion=companion.name if companion is not None else None, **options)
    return page, errors, companion


def write_report(paths: Iterable[PathLike], output: PathLike | None, *, full_page: bool = False,
                 **options: Any) -> list[ReadError]:
    """Write the report for `paths` as the `report` command does (report_page, then write_page):
    to `output` atomically (stdout if None), the articles a capped page leaves out beside it.
    Return the skipped inputs."""
    page, errors, companion = report_page(paths, output, full_page=full_page, **options)
    write_page(page, output, companion)
    return errors
