"""Terminal rendering of one scored article with its evidence highlighted (rich).

The same highlights as the HTML report: one colour per signal (legend on top), overlapping
spans split at every boundary with their styles combined, the likely original wording inline
after a flagged span (`japanese→eastern`), then the scores and the evidence list.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import replace
from typing import Any

from analyzer.article import COPY_DETAIL, EXCERPT_DETAIL, SCORE_KEYS, Article, Evidence
from analyzer.io.writers import CONTROL_SHOWN
from analyzer.report import SIGNAL_HELP, SIGNAL_ORDER, Collapsed, segments
from analyzer.text import references_shown, visible
from analyzer.trust.model import TrustModel

# One style per signal, reused by the legend. Applied outermost first (SIGNAL_ORDER), so where
# spans overlap the innermost signal's background (translation) wins.
SIGNAL_STYLES = {
    "boilerplate": "grey58 italic",
    "attribution": "underline green",
    "hedging": "black on yellow3",
    "language": "black on plum2",
    "translation": "bold white on red3",
}
OTHER_STYLE = "reverse"
SUGGESTION_STYLE = "bold cyan"
BAR_WIDTH = 20
# Below this terminal width the evidence table has three columns instead of six (at 80, six left
# the reason 12 characters); a kind is cut at KIND_WIDTH (the longest, conditional_hearsay, is 19).
NARROW_WIDTH = 110
KIND_WIDTH = 20
# Rows of the trust breakdown, and the smallest effect (log-odds) worth a row.
TRUST_ROWS = 8
# Rows of the evidence table. rich lays a table out cell by cell (~0.6 ms a row): a 760 kB article's
# 9,826 spans took 5.6-17 s to draw (bug hunt 33), more than scoring it, in a list no one reads in a
# terminal. 500 is above the most spans of any bbc_dev article (1,625 articles: median 26, 99th
# percentile 92, max 314; scratch count of `score --format json`), so an article's table is whole
# unless the text is far longer than an article. The rest are highlighted in the text all the same,
# counted in the legend, and a line under the table says how to list them (evidence_rows).
EVIDENCE_ROWS = 500
MIN_TRUST_EFFECT = 0.05
# Scores where a high value is a bad sign (drawn red), the others good (green); readability is
# Flesch reading ease, 0..100 for ordinary prose (Flesch 1948).
BAD_WHEN_HIGH = {"translation", "boilerplate"}
SCORE_HELP = {
    "translation": "machine translation / spinning",
    "boilerplate": "share of characters in boilerplate",
    "attribution": "share of sentences attributed",
    "hedging": "share of sentences that hedge",
    "readability": "Flesch reading ease (higher = easier)",
    "trust": "trust classifier's output",
}

def safe(value: object) -> str:
    """Article-derived text with control characters made harmless (same length): an ESC could
    rewrite the screen. Each becomes one visible character, so evidence offsets stay valid."""
    return ("" if value is None else str(value)).translate(CONTROL_SHOWN)


def style_for(signal: str) -> str:
    return SIGNAL_STYLES.get(signal, OTHER_STYLE)


def highlighted(article: Article) -> Any:
    """The article text as rich Text: every span styled, suggestions inline after their span."""
    from rich.style import Style
    from rich.text import Text

    # The text as shown (Article.text: markup hidden at the same length), its gaps of blanked
    # markup collapsed and the spans moved with them (a block tag had shown as an indent).
    collapsed = Collapsed.of(article)
    text = safe(collapsed.text)
    evidence = sorted((replace(ev, start=collapsed.at(ev.start, start=True), end=collapsed.at(ev.end, start=False))
                       for ev in article.evidence), key=lambda e: (e.start, e.end, e.signal, e.kind))
    ends: dict[int, list[Evidence]] = {}
    for ev in evidence:
        if ev.suggestion and 0 <= ev.start < ev.end <= len(text):
            ends.setdefault(ev.end, []).append(ev)
    out = Text()
    for a, b, covering in segments(len(text), evidence, extra_cuts=ends):
        signals = {evidence[i].signal for i in covering}
        ordered = [s for s in SIGNAL_ORDER if s in signals] + sorted(signals - set(SIGNAL_ORDER))
        style = Style.combine(Style.parse(style_for(s)) for s in ordered) if ordered else None
        out.append(visible(references_shown(text[a:b]), marks=True), style=style)
        shown: set[str] = set()
        for ev in ends.get(b, ()):
            if ev.suggestion not in shown:
                shown.add(ev.suggestion or "")
                out.append("→" + safe(ev.suggestion), style=SUGGESTION_STYLE)
    return out


def legend(article: Article | None = None, width: int | None = None) -> Any:
    """One item per signal (its style and, for an article, its count of spans) and the key to inline
    suggestions. Given a terminal `width`, items go onto as many lines as needed, each item whole
    (the terminal's own wrap had cut between a signal and its count, or inside "original wording")."""
    from rich.text import Text

    counts: dict[str, int] = {}
    for ev in article.evidence if article is not None else ():
        counts[ev.signal] = counts.get(ev.signal, 0) + 1
    items: list[Text] = []
    named = [(name, SIGNAL_STYLES[name]) for name in reversed(SIGNAL_ORDER)]
    named += [(safe(name), OTHER_STYLE) for name in sorted(set(counts) - set(SIGNAL_ORDER))]
    for name, style in named:
        item = Text(f" {name} ", style=style)
        if article is not None:
            item.append(f" {counts.get(name, 0)}")
        items.append(item)
    key = Text("word")
    key.append("→original wording", style=SUGGESTION_STYLE)
    items.append(key)
    head, gap = "legend: ", "  "
    out = Text(head)
    line = len(head)
    for n, item in enumerate(items):
        if n and width is not None and line + len(gap) + item.cell_len > width:
            out.append("\n" + " " * len(head))
            line = len(head)
        elif n:
            out.append(gap)
            line += len(gap)
        out.append_text(item)
        line += item.cell_len
    return out


def scores_table(article: Article) -> Any:
    from rich.table import Table

    table = Table(title="scores", show_edge=False, box=None, padding=(0, 1))
    for col, justify in (("score", "left"), ("value", "right"), ("", "left"), ("meaning", "left")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for key in SCORE_KEYS:
        details = article.details.get(key)
        if isinstance(details, dict) and details.get("skipped"):  # not measured: no bar for a zero
            table.add_row(key, "-", "", "not judged (see above)")
            continue
        value = float(article.scores.get(key, 0.0))
        share = min(1.0, max(0.0, value / 100.0 if key == "readability" else value))
        filled = round(share * BAR_WIDTH)
        colour = "red" if key in BAD_WHEN_HIGH else "green"
        bar = f"[{colour}]{'█' * filled}[/][grey30]{'░' * (BAR_WIDTH - filled)}[/]"
        shown = f"{value:.1f}" if key == "readability" else f"{value:.2f}"
        table.add_row(key, shown, bar, SCORE_HELP.get(key, ""))
    return table


def evidence_rows(article: Article, limit: int = EVIDENCE_ROWS) -> list[tuple[int, Evidence]]:
    """The evidence the table lists, each with its number in text order (from 1): all of it, or past
    `limit` spans the `limit` most telling (translation first, then language, hedging, attribution,
    boilerplate, other signals last; each in text order), listed in text order under their own
    numbers, so the gaps show where spans were left out."""
    ordered = sorted(article.evidence, key=lambda e: (e.start, e.end, e.signal, e.kind))
    numbered = list(enumerate(ordered, start=1))
    if len(numbered) <= limit:
        return numbered
    rank = {signal: n for n, signal in enumerate(reversed(SIGNAL_ORDER))}
    chosen = sorted(numbered, key=lambda item: (rank.get(item[1].signal, len(rank)), item[0]))[:limit]
    return sorted(chosen, key=lambda item: item[0])


def evidence_table(article: Article, width: int | None = None, limit: int = EVIDENCE_ROWS) -> Any:
    """The evidence list (at most `limit` rows, evidence_rows). On a terminal narrower than
    NARROW_WIDTH, three columns: six columns of equal share left the reason 12 characters at 80
    columns, words cut mid-word."""
    from rich.table import Table
    from rich.text import Text

    rows = evidence_rows(article, limit)
    total = len(article.evidence)
    title = f"evidence ({total} span{'' if total == 1 else 's'}"
    title += f", {len(rows)} listed)" if len(rows) < total else ")"
    table = Table(title=title)
    narrow = width is not None and width < NARROW_WIDTH
    if narrow:  # signal over kind; text over its suggestion; the reason takes the rest of the line
        table.add_column("signal / kind", no_wrap=True, overflow="ellipsis", max_width=KIND_WIDTH)
        table.add_column("text → suggestion", ratio=2, overflow="fold")
        table.add_column("reason", ratio=3)
    else:
        for col in ("#", "signal", "kind", "text", "suggestion", "reason"):
            table.add_column(col, overflow="fold")
    for n, ev in rows:
        snippet = safe(ev.text)
        snippet = snippet if len(snippet) <= 60 else snippet[:59] + "…"
        signal = Text(safe(ev.signal), style=style_for(ev.signal))
        suggestion = Text(safe(ev.suggestion or ""), style=SUGGESTION_STYLE)
        if narrow:
            shown = Text(snippet)
            if ev.suggestion:
                shown.append("\n→ ")
                shown.append(suggestion)
            table.add_row(Text.assemble(signal, "\n", safe(ev.kind)), shown, Text(safe(ev.reason)))
        else:
            table.add_row(str(n), signal, Text(safe(ev.kind)), Text(snippet), suggestion, Text(safe(ev.reason)))
    return table


def unlisted_note(article: Article, limit: int = EVIDENCE_ROWS) -> str | None:
    """The line under a table that lists fewer spans than the article has, or None."""
    left = len(article.evidence) - min(limit, len(article.evidence))
    if not left:
        return None
    return (f"{left:,} more span{'' if left == 1 else 's'} not listed above (all are highlighted in the text "
            f"and counted in the legend); `analyzer score FILE --format json` lists every one")


def trust_table(article: Article, model: TrustModel) -> Any:
    """The features that moved this article's trust most, as log-odds against an average
    training article (the same contributions as the trust table's `why` column)."""
    from rich.table import Table
    from rich.text import Text

    from analyzer import features

    values = features.extract(article)
    effects = sorted(model.contributions(values).items(), key=lambda kv: (-abs(kv[1]), kv[0]))
    trust = float(article.scores.get("trust", 0.0))
    title = f"why trust is {trust:.2f} (log-odds against an average training article)"
    if (note := trust_note(article)) is not None:
        # The effects below are the model's reading, which the trust shown is not (held low), or
        # which reads signals that were not measured (another language): say so first.
        title = f"trust {trust:.2f}: {note}; the model alone gives {model.probability(values):.2f}, from these effects"
    table = Table(title=title, show_edge=False, box=None, padding=(0, 1))
    for col, justify in (("feature", "left"), ("value", "right"), ("effect", "right"), ("meaning", "left")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for name, effect in effects[:TRUST_ROWS]:
        if abs(effect) < MIN_TRUST_EFFECT:
            break
        table.add_row(name, f"{values.get(name, 0.0):.2f}",
                      Text(f"{effect:+.2f}", style="green" if effect > 0 else "red"),
                      features.FEATURE_HELP.get(name, ""))
    return table


def trust_note(article: Article) -> str | None:
    """Why the article's trust is not the model's reading of its features, or None: held low
    (too little prose, a run-on text; analyzer.trust.model.held_low), or not judged (another
    language, a truncated excerpt: `trust` leaves such articles out of a source's trust)."""
    from analyzer.signals.base import LEXICON_LANGUAGE, NO_LANGUAGE
    from analyzer.trust.model import (
        EXCERPT_REASON,
        MIN_PROSE_WORDS,
        NO_PROSE_KIND,
        NO_PROSE_TRUST,
        RUN_ON_WORDS,
        hold,
    )

    if article.language == NO_LANGUAGE:
        return (f"not judged, the text has no detectable language ('{NO_LANGUAGE}': no letters), so this trust "
                "is not meaningful")
    if article.language != LEXICON_LANGUAGE:
        return (f"not judged, the article is in '{safe(article.language)}' and translation, attribution and "
                f"hedging read {LEXICON_LANGUAGE} only, so this trust is not meaningful")
    if isinstance(cut := article.details.get(EXCERPT_DETAIL), dict):
        return (f"not judged, the text is a {safe(str(cut.get('why', EXCERPT_REASON)))}, so this trust is not "
                "meaningful")
    found = hold(article)  # the hold the pipeline found, cached on the article
    if found is None:
        return None
    if found.kind == NO_PROSE_KIND:
        return f"held at {NO_PROSE_TRUST:g} or below, fewer than {MIN_PROSE_WORDS} words of prose"
    return (f"held at {NO_PROSE_TRUST:g} or below, sentences of {RUN_ON_WORDS} words or more on average (the "
            "text lost its sentence ends, so the rates over sentences cannot be read)")


def header(article: Article, show_path: bool = False) -> Any:
    """The article's first lines; `show_path`: its file too, for an id that another article shown
    has (story.txt in two folders had been two panels headed "story" alike; bug hunt 27, X1)."""
    from rich.text import Text

    out = Text()
    out.append(safe(article.id), style="bold")
    out.append(f"  source: {safe(article.source)}  language: {safe(article.language)}  ")
    out.append(f"label: {safe(article.label)}", style="bold red" if article.label != "clean" else "green")
    out.append(f"  words: {article.words}")
    if show_path and article.path:
        out.append(f"\npath: {safe(article.path)}")
    if article.title:
        out.append(f"\ntitle: {safe(article.title)}")
    if article.extracted:  # the file holds markup: the panel's text is what the offsets index
        out.append("\ntext extracted from the input (shown below): evidence offsets index it, "
                   "and JSON output gives it as `text`", style="yellow")
    for signal, details in sorted(article.details.items()):
        if isinstance(details, dict) and details.get("skipped"):  # e.g. translation on a French story
            out.append(f"\nnot judged by {safe(signal)}: {safe(details['skipped'])}", style="yellow")
    return out


def compared_note(found: dict[str, Any]) -> str:
    """The line saying what `score`'s comparison found for a record it compared (its details["copy"])
    and that the article is shown as read alone."""
    what = f"a {found.get('label')} copy"
    if found.get("original"):
        what += f" of {found['original']}" + (f" ({found['original_path']})" if found.get("original_path") else "")
    return (f"score's comparison of the copies in its input flagged this as {safe(what)}; shown here as read "
            "alone, as `analyzer explain` reads a file (label, trust and evidence without the comparison's)")


def select(articles: list[Article], ids: list[str]) -> tuple[list[Article], list[str]]:
    """The articles whose id (or path, for an id two files share, or url) is one of `ids`, in input
    order, and the ids that matched none. `explain FOLDER --id ID` scores the article with the
    rest of its folder, so its trust is the one `score FOLDER` gave: the per-source pre-pass
    (lines a source repeats are boilerplate) sees the same articles."""
    # An id matches in either Unicode form: a file named on a Mac holds its accents decomposed (NFD),
    # and the "café" typed on a keyboard (NFC) had matched nothing (bug hunt 32).
    wanted: dict[str, set[str]] = {}
    for i in ids:
        wanted.setdefault(unicodedata.normalize("NFC", i), set()).add(i)
    # A path matches however it is spelled: the output's `path` is the input's spelling (scrape/a.txt),
    # and an absolute or ./ spelling of that file had matched nothing (bug hunt 30, X1).
    # Every id spelling one file (scrape/a.txt and ./scrape/a.txt given together) is found by it.
    where: dict[str, set[str]] = {}
    for i in ids:
        where.setdefault(_place(i), set()).add(i)
    chosen, found = [], set()
    for a in articles:
        named = wanted.get(unicodedata.normalize("NFC", a.id), set()) | (
            where.get(_place(a.path), set()) if a.path is not None else set())
        if a.url:  # a feed item by its link, which stays as the item moves in the feed (its id does not)
            named |= wanted.get(unicodedata.normalize("NFC", a.url), set())
        if named:
            chosen.append(a)
            found |= named
    return chosen, [i for i in dict.fromkeys(ids) if i not in found]


def _place(path: str) -> str:
    """A path as one spelling of its file: absolute and normalised (not resolved: a link is its own name),
    in Unicode's composed form (NFC), as an id is compared."""
    return unicodedata.normalize("NFC", os.path.abspath(path))


def render(article: Article, console: Any, model: TrustModel | str | os.PathLike[str] | None = None, *,
           show_path: bool = False) -> None:
    """`analyzer explain` of one scored article on a rich Console: header, highlighted text, scores,
    what moved its trust under `model` (a TrustModel, a model file from `analyzer train` as
    api.score_paths takes it, or None for the shipped one; a path had failed with AttributeError
    'contributions', bughunt24 A5) and the evidence table. `show_path`: name its file in the header
    (an id shared with another article shown).

    A record `score` compared (details["copy"]: a garbled copy of another article of its input) is
    shown as scored alone (compare.scored_alone), as `analyzer explain` reads a file, with a line
    naming what the comparison found: its label, trust and features had been the comparison's, so
    "what moved its trust" read flag's label and its 0.971 translation score (review 27, low)."""
    from rich.panel import Panel
    from rich.text import Text

    from analyzer.compare import scored_alone
    from analyzer.trust import resolve_model

    compared = article.details.get(COPY_DETAIL)
    article = scored_alone(article)
    console.print(header(article, show_path))
    if isinstance(compared, dict):
        console.print(Text(compared_note(compared), style="yellow"))
    console.print(legend(article, console.width))
    console.print(Panel(highlighted(article), title=Text(safe(article.id)), title_align="left",
                        subtitle=f"trust {float(article.scores.get('trust', 0.0)):.2f}", subtitle_align="right"))
    console.print(scores_table(article))
    console.print(trust_table(article, resolve_model(model)))
    if article.evidence:
        console.print(evidence_table(article, console.width))
        if (note := unlisted_note(article)) is not None:
            console.print(Text(note, style="yellow"))


__all__ = ["EVIDENCE_ROWS", "SIGNAL_HELP", "SIGNAL_STYLES", "evidence_rows", "evidence_table", "highlighted",
           "legend", "render", "safe", "scores_table", "select", "trust_table", "unlisted_note"]
