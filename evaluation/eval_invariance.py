"""How much the typography of scraped text moves the scores: clean BBC articles, each rewritten in
a layout scraped news comes in, scored as published and as rewritten.

A layout that changes no word should change no label, no evidence and no trust. Prints, per
layout, the articles whose label changed, the translation evidence spans added and lost, and the
mean and largest change of trust, and how many copies `analyzer flag` calls garbled when every
article is flagged beside its rewritten copy (the same words: none should be, unless the article is
when the articles are flagged alone; 2 of the first 200 are). The first layouts
are ones the tool reads as plain text (analyzer.text.plain_layout, CRLF-aware patterns,
apostrophe classes). Invisible characters inside
words and bidi marks (analyzer.text.UNREAD) are read across: by the spin detector's tokens and the style
profile, and by the attribution and hedging scans, the known spun phrases and the MT calques
through analyzer.text.ReadingView. HTML character references left in the text are read as the
characters they stand for: every detector of the translation signal reads the ReadingView, and the
boilerplate lines, readability and the trust features read the text as shown, in which markdown
links and emphasis read as their text, and a PDF's ligatures ("ﬁ") as their letters. HTML tags left
in the text read as a browser shows them (analyzer.text.markup_hidden): a block tag as a line break,
other markup as invisible, and so do markdown images, heading marks and a static-site generator's
front matter. Sentence scans read hard-wrapped paragraphs as running text (analyzer.text.unwrapped);
the boilerplate signal reads the lines as written.

The header layouts add what a scraper keeps above a body (headline, byline, date, section label,
"Updated" time, dateline): they change no word of the body, which must stay content; the last
column prints the mean change of the boilerplate share (the header's own byline and date lines).

    python evaluation/eval_invariance.py [--data ../shared/data] [--limit 200] [--layout TEXT]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

from analyzer import guard  # noqa: E402
from analyzer.article import Article  # noqa: E402
from analyzer.pipeline import score_text  # noqa: E402
from analyzer.stories import group_and_flag  # noqa: E402
from analyzer.text import BIDI_MARKS, C1_AS_CP1252, as_shown, markup_hidden, plain_layout  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
_LONG_WORD_RE = re.compile(r"\b([A-Za-z]{4})([A-Za-z]{5,})\b")
_CURLY = str.maketrans({"'": "\u2019"})
_MOJIBAKE = {ord(c): code for code, c in C1_AS_CP1252.items()}


def _every_fourth_space(text: str, space: str) -> str:
    parts = text.split(" ")
    return "".join(p + (space if i % 4 == 3 else " ") for i, p in enumerate(parts[:-1])) + parts[-1]


_MARKDOWN_WORD_RE = re.compile(r"\b[A-Za-z]{4,}\b")
_MARKDOWN_URL = "https://www.example.com/news/{}-12345"


def _markdown(match: re.Match[str]) -> str:
    """About one long word in 20 as a link and one in 30 as bold, chosen by offset (deterministic)."""
    word, k = match.group(), match.start() // 7
    if k % 20 == 0:
        return f"[{word}]({_MARKDOWN_URL.format(word.lower())})"
    return f"**{word}**" if k % 30 == 7 else word


def _italic(match: re.Match[str]) -> str:
    """About one long word in 30 in html2text's italics ("_word_")."""
    return f"_{match.group()}_" if (match.start() // 7) % 30 == 11 else match.group()


# Bidirectional marks as a right-to-left page or an editor leaves them around left-to-right text: an
# LRM after a paragraph, RLMs around it, an LTR embedding (LRE ... PDF), an LTR isolate (LRI ... PDI);
# paragraph i gets the (i mod 4)th.
_BIDI_WRAPS = (("", "\u200e"), ("\u200f", "\u200f"), ("\u202a", "\u202c"), ("\u2066", "\u2069"))


def _bidi_marked(text: str) -> str:
    return "\n\n".join(_BIDI_WRAPS[i % 4][0] + p + _BIDI_WRAPS[i % 4][1]
                        for i, p in enumerate(text.split("\n\n")))


def _html2text_more(text: str) -> str:
    """The rest of html2text's markdown: the title as a heading ("# "), italics, and an image (no
    alt text) after every fourth paragraph."""
    paragraphs = _MARKDOWN_WORD_RE.sub(_italic, text).split("\n\n")
    paragraphs[0] = "# " + paragraphs[0]
    return "\n\n".join(p + (f"\n\n![]({_MARKDOWN_URL.format(k)}.jpg)" if k % 4 == 1 else "")
                       for k, p in enumerate(paragraphs))


def _tagged(match: re.Match[str]) -> str:
    """About one long word in 20 as a link, one in 30 in <strong> and one in 30 in <em>."""
    word, k = match.group(), match.start() // 7
    if k % 20 == 0:
        return f'<a href="{_MARKDOWN_URL.format(word.lower())}">{word}</a>'
    return f"<strong>{word}</strong>" if k % 30 == 7 else f"<em>{word}</em>" if k % 30 == 13 else word


def _html_paragraphs(text: str) -> str:
    """Each paragraph in <p>, on its own line (a CMS export)."""
    return "\n".join(f"<p>{_MARKDOWN_WORD_RE.sub(_tagged, line)}</p>" if line.strip() else ""
                     for line in text.split("\n"))


_LINKED_WORD_RE = re.compile(r"\b[A-Za-z]{5,}\b")


def _link(match: re.Match[str]) -> str:
    return f'<a href="{_MARKDOWN_URL.format(match.group().lower())}">{match.group()}</a>'


def _sparse_links(text: str) -> str:
    """A link on the first long word of every third line, and no other markup (a text field)."""
    return "\n".join(_LINKED_WORD_RE.sub(_link, line, count=1) if k % 3 == 1 else line
                     for k, line in enumerate(text.split("\n")))


def _feed_item(text: str) -> str:
    """An RSS item's content: the paragraphs on one line in CDATA, an embed's script after them."""
    body = "".join(f"<p>{_MARKDOWN_WORD_RE.sub(_tagged, line)}</p>" for line in text.split("\n") if line.strip())
    return f'<![CDATA[{body}<script async src="https://platform.twitter.com/widgets.js"></script>]]>'


def _escaped_feed(text: str) -> str:
    """An RSS item's description as the feed's XML holds it, read without an XML parser: its HTML
    escaped once more ("&lt;p&gt;", "&amp;", "&#x27;"), the paragraphs on one line."""
    return html.escape("".join(f"<p>{_MARKDOWN_WORD_RE.sub(_tagged, line)}</p>"
                               for line in text.split("\n") if line.strip()))


def _front_matter(text: str) -> str:
    """A static-site generator's markdown file: a Jekyll-style front matter above the article."""
    title = text.split("\n", 1)[0].replace('"', "'")
    return (f'---\ntitle: "{title}"\ndate: 2005-03-01T10:00:00Z\nauthor: BBC News\ncategories: [business, world]\n'
            f"layout: post\npermalink: /news/2005/03/01/story-12345/\n---\n\n{text}")


LAYOUTS: dict[str, Callable[[str], str]] = {
    "non-breaking spaces (every 4th)": lambda t: _every_fourth_space(t, "\xa0"),
    "CRLF line ends": lambda t: t.replace("\n", "\r\n"),
    "lone CR line ends": lambda t: t.replace("\n", "\r"),
    "Unicode line and paragraph separators": lambda t: t.replace("\n\n", "\u2029\u2029").replace("\n", "\u2028"),
    "curly apostrophes": lambda t: t.translate(_CURLY),
    "curly apostrophes, cp1252 read as Latin-1": lambda t: t.translate(_CURLY).translate(_MOJIBAKE),
    # Not made plain: that would change the text's length, and offsets refer to the text given.
    "soft hyphens in words of 9+ letters": lambda t: _LONG_WORD_RE.sub("\\1\xad\\2", t),
    "zero-width spaces in words of 9+ letters": lambda t: _LONG_WORD_RE.sub("\\1\u200b\\2", t),
    "bidi marks around paragraphs": _bidi_marked,
    "HTML references (&#8217; &quot; &amp;)": lambda t: t.replace("&", "&amp;").replace("'", "&#8217;")
                                                     .replace('"', "&quot;"),
    "markdown links and bold (html2text)": lambda t: _MARKDOWN_WORD_RE.sub(_markdown, t),
    "markdown heading, italics, images": _html2text_more,
    "front matter (Jekyll markdown)": _front_matter,
    "HTML tags (<p> lines, <a href>, <em>)": _html_paragraphs,
    "HTML feed item (one line, CDATA, script)": _feed_item,
    "HTML links in a few lines, no other markup": _sparse_links,
    "escaped HTML (a feed's XML read as text)": _escaped_feed,
    # A PDF's text keeps its typeface's ligatures as single characters (U+FB00-FB06, "ﬁnancial").
    "PDF ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ)": lambda t: t.replace("ffi", "\ufb03").replace("ffl", "\ufb04")
    .replace("ff", "\ufb00").replace("fi", "\ufb01").replace("fl", "\ufb02"),
    # html2text, lynx and mail wrap text at 70-79 columns; Python's textwrap breaks after hyphens too.
    "hard-wrapped at 72 columns (textwrap)": lambda t: "\n".join("\n".join(textwrap.wrap(line, 72))
                                                                for line in t.split("\n")),
}



def _header(row: dict[str, str], full: bool) -> str:
    """Lines a news site prints above an article's body, as a scraper keeps them: the headline, a
    byline and the date; `full` adds the section label above the headline, an "Updated" time and
    a dateline line."""
    section = row.get("topic", "news").capitalize()
    lines = [f"{section}\n", row.get("title") or "Headline", "", f"By Jane Doe, {section} reporter", "10 May 2005"]
    if full:
        lines += ["Updated 10:32 GMT", "LONDON, 10 May 2005"]
    return "\n".join(lines[0 if full else 1:]) + "\n\n"


# Layouts that add lines above the body (they read the article's row: its title and topic). These
# lines are not the article's words: trust may move by their byline evidence, but the body must
# stay content (before the fix of 2026-11-23 the learned line model dropped it).
HEADER_LAYOUTS: dict[str, Callable[[str, dict[str, str]], str]] = {
    "header: headline, byline and date above the body": lambda t, row: _header(row, False) + t,
    "header: section, headline, byline, date, updated, dateline": lambda t, row: _header(row, True) + t,
}


# Undoes every layout above in a span's text, so that spans compare by their words.
_CANON = {ord("\xad"): None, ord("\u200b"): None, ord("\u2019"): "'"} | dict.fromkeys(map(ord, BIDI_MARKS))
_CANON |= {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}  # ligatures


REWRITTEN = "-rewritten"
_WRAPPED_HYPHEN_RE = re.compile(r"(?<=[A-Za-z])-\n(?=[A-Za-z])")


def _canonical(span: str) -> str:
    span = _WRAPPED_HYPHEN_RE.sub("-", plain_layout(as_shown(markup_hidden(span)).replace("\r\n", "\n")))
    return span.replace("\n", " ").translate(_CANON)


def _translation_spans(article: Article) -> set[tuple[str, str]]:
    return {(e.kind, _canonical(e.text)) for e in article.evidence if e.signal == "translation"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=200, help="first N articles of news/bbc_dev.jsonl")
    parser.add_argument("--layout", default="", help="only the layouts whose name holds this text")
    args = parser.parse_args(argv)
    path = args.data / "news" / "bbc_dev.jsonl"
    if not path.is_file():
        print(f"no evaluation data at {path}", file=sys.stderr)
        return 1
    guard.set_limit(0)  # a batch job: no per-article time-out on a loaded machine
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()][: args.limit]
    texts = [row["text"] for row in rows]
    plain = [score_text(t, id=str(i)) for i, t in enumerate(texts)]
    flagged_alone = {f.id for f in group_and_flag(plain)[1]}
    print(f"news/bbc_dev.jsonl, first {len(texts)} articles, each scored as published and rewritten")
    print(f"{'layout':<42} {'labels changed':>14} {'MT/spin spans +':>15} {'-':>4} "
          f"{'trust: mean |change|':>21} {'largest drop':>12} {'flag: garbled':>13} {'boilerplate: mean change':>24}")
    layouts: dict[str, Callable[[str, dict[str, str]], str]] = {
        **{name: (lambda t, _row, f=f: f(t)) for name, f in LAYOUTS.items()}, **HEADER_LAYOUTS}
    for name, rewrite in layouts.items():
        if args.layout not in name:
            continue
        changed = added = lost = 0
        deltas = []
        boilerplate = []
        rewritten = []
        for i, (text, row, before) in enumerate(zip(texts, rows, plain, strict=True)):
            after = score_text(rewrite(text, row), id=f"{i}{REWRITTEN}")
            rewritten.append(after)
            changed += after.label != before.label
            expected, got = _translation_spans(before), _translation_spans(after)
            added += len(got - expected)
            lost += len(expected - got)
            deltas.append(after.scores["trust"] - before.scores["trust"])
            boilerplate.append(after.scores["boilerplate"] - before.scores["boilerplate"])
        mean = sum(abs(d) for d in deltas) / len(deltas)
        # `analyzer flag` on each article beside its rewritten copy: the same words, so no copy may
        # be called garbled unless its article is when the articles are flagged alone.
        _, flags = group_and_flag(plain + rewritten)
        new = sum(1 for f in flags if f.id.removesuffix(REWRITTEN) not in flagged_alone)
        print(f"{name:<42} {changed:>6} of {len(texts):<6} {added:>15} {lost:>4} {mean:>21.3f} {min(deltas):>12.3f}"
              f" {new:>13} {sum(boilerplate) / len(boilerplate):>+24.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
