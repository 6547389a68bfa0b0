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
5. On web pages, a learned two-stage line model replaces the main-block heuristic (one of its
   features) for the lines no hard rule decides.

The parts live in their own modules: boilerplate_patterns.py (1, the line lexicons),
boilerplate_rules.py (2-4: units, repetition, foreign paragraphs, jusText classes, main blocks,
teasers under a section heading), boilerplate_model.py (5: features, model file, scoring). This
module decides each line from them (decide) and assembles the signal's evidence, score and the
article's content_ranges.
"""

from __future__ import annotations

import numpy as np

from analyzer.article import Article, Evidence
from analyzer.signals import boilerplate_model
from analyzer.signals.base import RunContext, SignalResult
from analyzer.signals.boilerplate_rules import MIN_PROSE_WORDS, PageAnalysis, analyse, is_title, line_key, teaser_units
from analyzer.text import length_for

NAME = "boilerplate"

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
    "section_label": "The site's section label above the headline (e.g. World, Business), not the article's text.",
    "foreign_language": "A paragraph in another language than the article.",
    "repeated_across_source": "This line appears in {n} articles of {source} in this run: the site's own boilerplate.",
    "outside_main_text": "Text outside the article's main body (teaser, sidebar, comment or footer).",
}


def opening_lede(page: PageAnalysis) -> range:
    """The units from the top of the text down to the first main block's first unit when nothing
    above that block is page furniture: only the headline and sentences the rules read as the
    block's own (sentence-like, no pattern, too short for a prose paragraph: a prose one would
    be a block the rules did not keep); an empty range when anything else comes first."""
    if not page.kept:
        return range(0)
    first = min(block[0] for block in page.kept)
    headlines = set(page.headlines)
    if all(u in headlines or (page.kinds[u] is None and page.sentence_like[u] and not page.prose[u])
           for u in range(first)):
        return range(first + 1)
    return range(0)


def decide(
    page: PageAnalysis, model: boilerplate_model.LineModel | None, probs: np.ndarray | None = None
) -> tuple[list[bool], list[str | None]]:
    """Content flag and boilerplate kind per unit. On a web page with a model, the learned line
    classifier replaces the main-block heuristic (which is one of its features); decisions of
    hard rules (strong patterns, foreign paragraphs, repetition across the source) stand.
    `probs`: the model's content probabilities of the units, when the caller has them already."""
    kinds = list(page.kinds)
    content = list(page.heuristic)
    if model is not None and page.page_like:
        if probs is None:
            probs = model.predict(boilerplate_model.unit_features(page))
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
        # Nor the lede of a text that opens with its body (no header above it: a copy whose page
        # furniture is a footer). The model learned the top of a page from pages that open with
        # menus and headlines, and called such a text's first sentence a teaser,
        # "outside_main_text", in a run where the source's copies share footer lines (bughunt25 F4).
        for u in opening_lede(page):
            content[u] = not page.hard[u]
        if page.title:
            for u, unit_text in enumerate(page.texts):
                if not page.hard[u] and is_title(unit_text, page.title):
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


def boilerplate_signal(article: Article, context: RunContext) -> SignalResult:
    text = article.text
    lines = article.lines
    page = analyse(article, context)
    units = page.units
    model = boilerplate_model.default_model() if page.page_like else None
    content, kinds = decide(page, model)

    evidence: list[Evidence] = []
    ranges: list[tuple[int, int]] = []
    bad_chars = 0
    # The share counts the characters that show: not markup (text.markup_hidden) nor soft hyphens.
    size = length_for(text)
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
                count = context.source_lines.get(article.source, {}).get(line_key(line.text), 0)
                reason = reason.format(n=count, source=article.source)
            evidence.append(Evidence.at(text, line.start, line.end, signal=NAME, kind=kind, reason=reason))
            bad_chars += size(line.text)
    total = sum(size(line.text) for line in lines)
    share = bad_chars / total if total else 0.0
    by_kind: dict[str, int] = {}
    for ev in evidence:
        by_kind[ev.kind] = by_kind.get(ev.kind, 0) + 1
    details: dict[str, object] = {
        "lines": len(units), "boilerplate_lines": len(evidence), "kinds": dict(sorted(by_kind.items())),
        "method": "model" if model is not None else "rules",
    }
    if story := story_versions(article, context):
        details["versions"] = story
    return SignalResult(scores={"boilerplate": share}, evidence=evidence, details=details,
                        fields={"content_ranges": ranges})


def story_versions(article: Article, context: RunContext) -> dict[str, object] | None:
    """{"story": its story's name (hex)} for an article the pre-pass read as one of several versions
    of a story of its source (RunContext.versions), else None: the trust table counts such a story
    once (trust.ranking.source_stats). Not the number of versions: a record `score --resume` kept
    would then differ from a fresh run's where another version of its story was added or removed."""
    versions = context.versions.get(article.source)
    if not versions:
        return None
    from analyzer import pipeline  # late: the pipeline imports the signals

    found = versions.get(pipeline.article_signature(article))
    return {"story": f"{found[0]:016x}"} if found else None
