"""Offset-preserving segmentation shared by every signal: lines, sentences, words.

Everything returns character offsets into the original string so that evidence spans
always point at the decoded text. No NLTK data is needed.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html.entities import html5
from itertools import filterfalse
from typing import NamedTuple

import numpy as np


class Span(NamedTuple):
    start: int
    end: int
    text: str


# Rates per 100 words (evidence spans, first-person pronouns, figures) are counted over at least
# this many words, as though a shorter text's missing words held nothing: one false span in a
# 22-word lead is not 4.5 per 100 words. A helper acting as a daily user found 10-12% of 2- and
# 4-sentence BBC leads scoring translation above 0.5, one at 0.996 with trust 0.04 from one weak
# spin span (2026-11-23). Below the word counts of the training documents (0.5% of WMT and BBC
# documents are shorter), so the models are fitted as before.
RATE_MIN_WORDS = 100
WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_LINE_RE = re.compile(r"[^\n\r\u2028\u2029]+")

# Abbreviations after which a full stop does not end a sentence (titles, months, common news forms).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt maj capt sgt cmdr adm st jr sr rev hon
    no nos vs etc inc ltd co corp dept univ approx fig est jan feb mar apr jun jul aug sep
    sept oct nov dec u.s u.k u.n e.g i.e a.m p.m""".split()
)


# Space characters of scraped HTML (&nbsp;, &thinsp;, &#8239; ...) that the signals' patterns, written
# with plain spaces ("Media playback is not supported", "in line with the monitor"), would not
# match, and line breaks other than LF and CRLF (a lone CR of old Mac files, U+2028/U+2029 of
# some CMS exports, vertical tab, form feed) that their patterns and paragraph rules would not
# see: plain_layout reads each as one space or one LF, so offsets are unchanged.
SPACE_LIKE = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
LINE_BREAK_LIKE = "\u2028\u2029\x0b\x0c"
# Hyphens other than the ASCII one: U+2011, the non-breaking hyphen a word processor puts in
# "well-known" or "Hans-Werner" (Word's Ctrl+Shift+-), and U+2010. Read as written, the patterns
# written with "-" missed them: on the first 60 bbc_dev.jsonl articles so written, 12 attribution
# spans were lost (named sources "Frank-Juergen Weise", "CBI director-general ...") and 11 added
# ("known" of "well-known" as a reporting verb), trust moving by up to 0.063 (bug hunt 31, H1).
HYPHEN_LIKE = "\u2010\u2011"
# Characters that show nothing: a soft hyphen or a zero-width space inside a word is part of it
# ("inter\xadnational"). They cannot be dropped at the same length: a tokeniser joins over them, or a
# scan reads a ReadingView of the text and maps its spans back.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Bidirectional formatting characters: the left-to-right and right-to-left marks (LRM, RLM) and
# Arabic letter mark, the embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and the isolates (LRI,
# RLI, FSI, PDI). They show nothing but order right-to-left text, so a display keeps them (visible);
# the signals read text without them, as without INVISIBLE (UNREAD). Read as characters, an LRM at a
# paragraph's end had cost a named source and a quote span had held the mark (bug hunt 30).
BIDI_MARKS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# What the signals do not read: ReadingView leaves these out, tokenisers join over them, and shares of
# characters do not count them.
UNREAD = INVISIBLE + BIDI_MARKS
# A sentence ends at . ! ? (or an ellipsis) plus closing quotes/brackets, before white space; a
# character that shows nothing (UNREAD) may stand before the space. A zero-width space or word
# joiner after each full stop (CMS and web-editor output, "&#8203;" in feeds) had run every
# sentence of a paragraph into one: on the first 60 bbc_dev.jsonl articles attribution moved by up
# to 0.667, hedging by 0.75 and trust by 0.192 on average, 0.574 at most (bug hunt 31, Z1).
# Tried only where a run of end marks starts, and possessive: a match from within a run ends where
# one from its start does, so each start was a scan to the run's end, quadratic (a line of 30,000
# dots took 21 s, and its article was skipped at --time-limit; review 31b). The same matches.
_SENT_END_RE = re.compile(f"(?<![.!?…])[.!?…]++(?:[\"'”’»)\\]]|[{UNREAD}])*+(?=\\s)")
# An HTML character reference closed by ";" (named, decimal or hex); report._TOKEN_RE reads it too.
REFERENCE = "&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_REFERENCE_RE = re.compile(REFERENCE)
# Markdown that html2text and trafilatura's markdown output leave in text: a link, whose text is
# what a reader sees ("[Hajin](https://...)"), and emphasis, its text ("**IS**", and italics:
# "_Hajin_", html2text's default, or "*Hajin*"). An image shows no text: markup_hidden hides it.
_MARKDOWN_LINK = r"\[[^\]\n]{1,200}\]\((?:https?://|www\.|/)[^)\s]{0,500}\)"
# Not inside a word: "f**king" is censored, not emphasised, and "snake_case_name" is a name.
# Each opens with its marker and looks behind it after (re scans for a leading literal fast; a
# leading lookbehind was tried at every position: 380 us a search of a bbc_dev.jsonl article).
_MARKDOWN_STRONG = r"\*\*(?<![\w*]\*\*)(?=\w)[^*\n]{1,200}?(?<=[\w.,!?])\*\*(?![\w*])"
_MARKDOWN_EM = (r"\*(?<![\w*]\*)(?=[^\W_])[^*\n]{1,200}?(?<=[\w.,!?])\*(?![\w*])"
                r"|_(?<![\w_]_)(?=[^\W_])[^_\n]{1,200}?(?<=[^\W_]|[.,!?])_(?![\w_])")
_EMPHASIS_RE = re.compile(f"{_MARKDOWN_STRONG}|{_MARKDOWN_EM}")
# A letter written decomposed (Unicode NFD: macOS file names and pasteboards, some PDF extractions)
# as a base and its combining marks, "cafe\u0301": a word scan split "Herve\u0301" at the mark, and
# a text scored otherwise than its composed (NFC) copy (s2 of basil_triplets.jsonl: translation
# 0.169 -> 0.058, bughunt27 U1). The view reads the run composed. The marks: Combining Diacritical
# Marks and their Extended and Supplement blocks, those for symbols and half marks, kana voicing
# marks; and a Hangul syllable written as its jamo (NFD of Korean).
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a"
_DECOMPOSED = f"[^\\s{_COMBINING}][{_COMBINING}]+|[\u1100-\u1112][\u1161-\u1175][\u11a8-\u11c2]?"
_DECOMPOSED_RE = re.compile(_DECOMPOSED)
_MARK_RE = re.compile(f"[{_COMBINING}]")
# Latin ligatures a PDF's text keeps as one character each (U+FB00-FB06: "ﬁnancial", "eﬀect"), read
# as their letters (NFKC: 2 or 3 characters each). Read as written, a word scan split "ﬁnancial" into
# "nancial": on the first 200 bbc_dev.jsonl articles so written (evaluation/eval_invariance.py), 95
# articles were called garbled beside their own copy and trust moved by 0.019 on average, 0.207 at
# most (bug hunt 31). Not in plain_layout: the mapping changes the length.
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
_LIGATURE_LETTERS = str.maketrans({c: unicodedata.normalize("NFKC", c) for c in LIGATURES})
_HIDDEN_PARTS = (f"[{UNREAD}]+", REFERENCE, _MARKDOWN_LINK, _MARKDOWN_STRONG, _MARKDOWN_EM, f"[{LIGATURES}]",
                 _DECOMPOSED)


@cache
def _hidden_re(present: tuple[bool, ...]) -> re.Pattern[str] | None:
    """The runs ReadingView reads differently, only the kinds whose character the text holds
    (`present`, one flag per _HIDDEN_PARTS; the same matches as all of them): the invisible
    characters' class cannot be scanned for as fast as a literal, 39 of the 88 us a bbc_dev.jsonl
    article took with every kind (2026-11-23)."""
    parts = [part for part, here in zip(_HIDDEN_PARTS, present, strict=True) if here]
    return re.compile("|".join(parts)) if parts else None


def _hidden_kinds(text: str) -> tuple[bool, ...]:
    """Which kinds of _HIDDEN_PARTS text may hold, by the characters each needs."""
    emphasis = "*" in text or "_" in text
    return (has_invisible(text), "&" in text, "](" in text, "**" in text, emphasis, _ligatures(text),
            _decomposed(text))


def _ligatures(text: str) -> bool:
    """Whether text holds a ligature (LIGATURES); an ASCII text, none, pays no scan."""
    return not text.isascii() and any(c in text for c in LIGATURES)


def _decomposed(text: str) -> bool:
    """Whether text may hold a letter written decomposed (_DECOMPOSED): not in NFC. The quick check
    is in C: nearly every text is ASCII or NFC and pays no scan for marks."""
    return not text.isascii() and not unicodedata.is_normalized("NFC", text)
# C1 control characters in text are cp1252 bytes decoded as Latin-1 upstream ("\x92" for ’, "\x85"
# for …, as in some sentences of sfu_review_speculation_sentences.tsv); each is read as its cp1252
# character (the five bytes cp1252 leaves undefined stay).
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
C1_AS_CP1252 = {code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0) if code not in _CP1252_UNDEFINED}
_ODD_LAYOUT_RE = re.compile(f"[{SPACE_LIKE}{LINE_BREAK_LIKE}{HYPHEN_LIKE}\x80-\x9f]|\r(?!\n)")
_LONE_CR_RE = re.compile(r"\r(?!\n)")
# The ASCII characters _ODD_LAYOUT_RE may match (\r: a lone CR).
_ODD_LAYOUT_ASCII = tuple(c for c in SPACE_LIKE + LINE_BREAK_LIKE if c.isascii()) + ("\r",)
_PLAIN_LAYOUT = str.maketrans(dict.fromkeys(SPACE_LIKE, " ") | dict.fromkeys(LINE_BREAK_LIKE, "\n")
                              | dict.fromkeys(HYPHEN_LIKE, "-") | C1_AS_CP1252)


def plain_layout(text: str) -> str:
    """`text` with SPACE_LIKE characters as spaces, LINE_BREAK_LIKE ones and lone CRs as LFs,
    HYPHEN_LIKE ones as "-", and C1 controls as their cp1252 characters (the same string if it has
    none)."""
    # In ASCII text only _ODD_LAYOUT_ASCII can match: a few substring tests instead of the regex's
    # scan of every character (~0.03 ms an article on bbc_dev.jsonl, 72% of whose articles are
    # ASCII; 2026-11-23).
    if text.isascii() and not any(map(text.__contains__, _ODD_LAYOUT_ASCII)):
        return text
    if not _ODD_LAYOUT_RE.search(text):
        return text
    return _LONE_CR_RE.sub("\n", text.translate(_PLAIN_LAYOUT))


# HTML markup left in plain text: RSS content:encoded, CMS API fields and JSON exports carry "<p>",
# "<a href=...>", "<br />" in the text itself. A browser shows none of it: a block tag starts a new
# line, an inline tag shows nothing, and a script, a style sheet or a comment shows nothing at all.
# Read as written, a link's URL and attributes were words: on 200 bbc_dev.jsonl articles with each
# paragraph in <p> and a link every 20 words (evaluation/eval_invariance.py, 2026-11-23), trust rose
# by 0.104 on average, 8 translation spans were lost and 2 added, and `flag` called 164 of the 200
# copies spun beside their plain originals. Only the tag names of HTML count: "<grin>" or "x <y"
# are text.
_BLOCK_TAGS = frozenset("""address article aside blockquote body br dd details div dl dt figcaption figure
    footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section summary table tbody td
    tfoot th thead title tr ul""".split())
_INLINE_TAGS = frozenset("""a abbr audio b bdi bdo big cite code data del dfn em embed font i iframe img
    ins kbd label link mark meta object param picture q s samp small source span strike strong sub sup
    time track tt u var video wbr""".split())
_LINE_BREAK_RE = re.compile(r"[\n\r\u2028\u2029]")
_LINE_CONTENT_RE = re.compile(r"[^\n\r]+")


def lines_filled(text: str, char: str) -> str:
    """text with every character but its line breaks (LF, CR) as `char`, at the same length."""
    return _LINE_CONTENT_RE.sub(lambda m: char * len(m.group()), text)


@dataclass(frozen=True)
class _Syntax:
    """How a text writes markup: as HTML, or as HTML escaped once more ("&lt;p&gt;", "&amp;"), as a
    feed's XML holds an item's description and as a scraper that reads that XML as text leaves it.
    Read as written, an escaped link's URL and attributes were words, as in unescaped HTML: on 200
    bbc_dev.jsonl articles as an escaped feed description (evaluation/eval_invariance.py, 2026-11-23)
    trust rose by 0.106 on average, 8 translation spans were lost and 2 added, and `flag` called
    158 of the 200 copies garbled beside their plain originals."""

    lt: str
    gt: str
    tag: re.Pattern[str]      # a tag: its name in group 1
    link: re.Pattern[str]     # a whole link element to a web address (markup_hidden's gate)
    # Where an element that shows nothing begins (script, style sheet), a comment, a feed's CDATA
    # markers, a declaration. An element or a comment runs to its closer ("</script", "-->"), found
    # with str.find (_unshown), so that text full of openers without closers costs one pass (a lazy
    # regex to the closer scanned on from every opener: 69 s for a 2.3 MB text, 2026-11-23).
    unshown: re.Pattern[str]


def _syntax(lt: str, gt: str, inside: str, text: str) -> _Syntax:
    """Patterns with `lt` and `gt` for < and >; `inside`: a character of a tag's attributes,
    `text`: one of a link's text."""
    return _Syntax(
        lt, gt,
        re.compile(f"{lt}/?([A-Za-z][A-Za-z0-9]{{0,9}})(?:\\s{inside}{{0,2000}})?/?{gt}"),
        re.compile(f"{lt}a\\s{inside}{{0,2000}}?href=(?:[\"']|&quot;)?https?://{inside}{{1,2000}}{gt}"
                   f"{text}{{1,300}}{lt}/a\\s*{gt}", re.IGNORECASE),
        re.compile(f"{lt}(script|style|noscript|template)\\b{inside}{{0,2000}}{gt}|({lt}!--)"
                   f"|{lt}!\\[CDATA\\[|\\]\\]{gt}|{lt}![A-Za-z]{inside}{{0,500}}{gt}|{lt}\\?{inside}{{0,500}}\\?{gt}",
                   re.IGNORECASE))


_HTML = _syntax("<", ">", "[^<>]", "[^<>]")
# Escaped, neither a tag nor a link's text holds "&lt;" or "&gt;" (its own < and > are escaped twice,
# "&amp;lt;"), so a match attempt stops at the next one, as [^<>] does: when "&lt;" could run on
# inside a tag, 300 kB of "&lt;a " took 11 s.
_ESCAPED_CHAR = "(?:[^<>&]|&(?!lt;|gt;))"
_ESCAPED_HTML = _syntax("&lt;", "&gt;", _ESCAPED_CHAR, _ESCAPED_CHAR)


def _unshown(text: str, syntax: _Syntax) -> list[tuple[int, int]]:
    """(start, end) of the elements, comments and markers of syntax.unshown, in text order."""
    out: list[tuple[int, int]] = []
    lower: str | None = None
    unclosed: set[str] = set()  # closers not found after some opener: none after a later one either
    pos = 0
    while (match := syntax.unshown.search(text, pos)) is not None:
        end = match.end()
        closer = (f"{syntax.lt}/{match.group(1).lower()}" if match.group(1)
                  else f"--{syntax.gt}" if match.group(2) else None)
        if closer is not None:
            if lower is None:
                lower = text.lower()
            at = -1 if closer in unclosed else lower.find(closer, end)
            if at < 0:
                unclosed.add(closer)
                pos = end
                continue  # an opener without its closer shows as written
            end = at + len(closer) if match.group(2) else max(lower.find(syntax.gt, at) + len(syntax.gt), at + 1)
        out.append((match.start(), end))
        pos = end
    return out


# What hides a run of markup at the same length: a zero-width space per character (ReadingView
# leaves a run of them out, and the spin detector's tokens read across it).
_HIDDEN = "\u200b"
# A markdown image: it shows a picture, no text. Its URL had been read as words, and a line of
# images as a sentence: with one after every fourth paragraph of 200 bbc_dev.jsonl articles, 3
# translation spans were lost and trust moved by 0.009 on average (eval_invariance.py, 2026-11-23).
_MARKDOWN_IMAGE_RE = re.compile(r"!\[[^\]\n]{0,200}\]\((?:https?://|www\.|/)[^)\s]{0,500}\)")
# A base64 data URI ("data:image/png;base64,iVBOR..."): an image or a file written into the text,
# which shows it, not its letters. Read as written (an <img src="data:..."> in a text with no other
# markup stays text, MIN_MARKUP_TAGS; and a tag's attributes run to 2000 characters at most), a 4 MB
# one had counted as 121,398 words, readability -134697, in a 400-word article (bug hunt 30). Hidden
# wherever it stands, and an <img> element holding one with it (markup, not text about markup, as a
# whole link element is); "data:" not inside a word ("metadata:").
_DATA_URI = (r"data:(?<![\w.-]data:)(?:[\w.+-]+/[\w.+-]+)?(?:;[\w.+-]+=[^;,\s\"'<>()]{1,200}){0,10}"
             r";base64,[A-Za-z0-9+/]*+=*+")  # possessive: an <img> left open backtracked through it (4.8 s a MB)
_DATA_URI_RE = re.compile(f"<img\\s[^<>]{{0,2000}}?{_DATA_URI}[^<>]{{0,2000}}>|{_DATA_URI}", re.IGNORECASE)
# Whether a text may hold one, in any case as the pattern reads it (";Base64," was missed by a
# ";base64," / ";BASE64," test; review 31).
_BASE64_GATE_RE = re.compile(";base64,", re.IGNORECASE)
# A markdown heading's marks ("## Analysis"): a reader sees the heading, not the marks, which had
# been read as a word of the line's first sentence. Only before a blank line (or the end), as
# html2text and trafilatura write headings: a comment in a code listing ("# send some data", 10
# lines of trafilatura_page_lines_en.tsv) runs on into the code.
_MARKDOWN_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?=\S[^\n]*(?:\n[ \t\r]*\n|\n?\Z))", re.MULTILINE)


# Markup, not text about markup: a page on web design or a comment form ("You may use these HTML tags
# and attributes: <a href="" title="">") shows tags as text, on a few of its lines (28 lines of
# newspaper3k_pages.jsonl, 43 of trafilatura_page_lines_en.tsv). Markup left by a feed or a CMS
# export runs through the text: read as markup only where at least MIN_MARKUP_TAGS tags stand on
# at least MARKUP_LINE_SHARE of the lines (one line, for a feed item on a single line), or where a
# whole link element to a web address stands in the text (no page of ../shared/data's boilerplate
# sets holds one; a comment form shows '<a href="" title="">').
MIN_MARKUP_TAGS = 2
MARKUP_LINE_SHARE = 0.5


def _hide(match: re.Match[str]) -> str:
    return _HIDDEN * len(match.group())


# A static-site generator's front matter at the top of a markdown file (Jekyll, Hugo, Hexo, Gatsby):
# "key: value" lines between "---" lines (YAML), or "key = value" between "+++" (TOML). A page shows
# none of it. Read as text, on 200 bbc_dev.jsonl articles under a 7-line front matter trust moved by
# 0.351 on average (at most 0.884) and 14 translation spans were added, 6 lost (eval_invariance.py,
# 2026-11-23). Readers take the article's title, date, address and source from it (front_matter).
_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n"
    r"((?:(?:[ \t]+[^\n]*|[#-][^\n]*|[A-Za-z_][\w.-]*[ \t]*[:=][^\n]*|\r?)\n){1,200}?)"
    r"\1[ \t]*\r?(?:\n|\Z)")
_FRONT_KEY_RE = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*(.*?)\r?$", re.MULTILINE)


def _front_matter(text: str) -> re.Match[str] | None:
    if not text.lstrip("\ufeff").startswith(("---", "+++")):
        return None
    match = _FRONT_MATTER_RE.match(text)
    return match if match is not None and _FRONT_KEY_RE.search(match.group(2)) else None


def _unquoted(value: str) -> str:
    """A front matter's quoted scalar as it reads: YAML doubles a quote inside single quotes (`'It''s
    over'`, as Ruby's to_yaml writes a WordPress export's titles for Jekyll) and escapes one inside
    double quotes with a backslash (`"He said \\"no\\""`, as TOML does); the quotes had been taken off and
    the escapes kept (bug hunt 33, F1)."""
    inner = value[1:-1]
    if value[0] == "'":
        return inner.replace("''", "'")
    if "\\" not in inner:
        return inner
    try:
        decoded = json.loads(value)  # YAML's and TOML's double-quoted escapes are JSON's, mostly
    except ValueError:
        return inner.replace('\\"', '"').replace("\\\\", "\\")
    # A "\ud800" escape would decode to a lone surrogate, which no UTF-8 output can hold: kept as written.
    if not isinstance(decoded, str) or any("\ud800" <= c <= "\udfff" for c in decoded):
        return inner
    return decoded


def front_matter(text: str) -> dict[str, str]:
    """The scalar fields of the text's front matter, keys lower-cased, quotes taken off (lists,
    tables and empty values left out); {} without front matter."""
    match = _front_matter(text)
    if match is None:
        return {}
    fields: dict[str, str] = {}
    for key, value in _FRONT_KEY_RE.findall(match.group(2)):
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = _unquoted(value).strip()
        if value and value[0] not in "[{|>" and key.lower() not in fields:
            fields[key.lower()] = value
    return fields


def markup_hidden(text: str) -> str:
    """`text` with its HTML markup as a browser shows it, at the same length (the same string if it
    has none): a block tag ("<p>", "</div>", "<br/>") reads as a line break and spaces, an inline
    tag ("<a href=...>", "</em>"), an element that shows nothing (script, style, comment), and a
    markdown image or heading mark ("## "), a base64 data URI and a front matter as zero-width spaces
    (its line breaks kept), which text.ReadingView leaves out. In a text without HTML markup, markup escaped once
    more ("&lt;p&gt;": a feed's XML read as text) reads the same way, and then its "&amp;" as "&".
    Text that shows a few tags and no link element is left as it is (MARKUP_LINE_SHARE)."""
    if (front := _front_matter(text)) is not None:
        text = lines_filled(text[:front.end()], _HIDDEN) + text[front.end():]
    if _BASE64_GATE_RE.search(text):
        text = _DATA_URI_RE.sub(_hide, text)
    if "![" in text:
        text = _MARKDOWN_IMAGE_RE.sub(_hide, text)
    if "#" in text:
        text = _MARKDOWN_HEADING_RE.sub(_hide, text)
    if "<" in text and (hidden := _tags_hidden(text, _HTML)) is not text:
        return hidden  # HTML: an escaped tag in it is one it shows ("&lt;p&gt;" in a code sample)
    if "&lt;" in text and (hidden := _tags_hidden(text, _ESCAPED_HTML)) is not text:
        # HTML escaped once more: its text is too ("AT&amp;amp;T", "&amp;#8217;"), so "&amp;" reads
        # as "&" (text.ReadingView leaves the zero-width spaces out and decodes what follows).
        return hidden.replace("&amp;", _HIDDEN * 4 + "&")
    return text


def _tags_hidden(text: str, syntax: _Syntax, *, markup: bool = False) -> str:
    """markup_hidden's pass over the tags, elements and comments written in `syntax`; the same
    string where it finds too few (MARKUP_LINE_SHARE), unless the text is known to be `markup`."""
    edits: list[tuple[int, int, bool]] = []  # (start, end, is a block tag: reads as a line break)
    for match in syntax.tag.finditer(text):
        name = match.group(1).lower()
        if name in _BLOCK_TAGS or name in _INLINE_TAGS:
            edits.append((match.start(), match.end(), name in _BLOCK_TAGS))
    if not markup:
        if len(edits) < MIN_MARKUP_TAGS:
            return text
        breaks = [m.start() for m in _LINE_BREAK_RE.finditer(text)]
        tagged = len({bisect_right(breaks, start) for start, _, _ in edits})
        lines = sum(1 for m in _LINE_RE.finditer(text) if not m.group().isspace())
        if tagged < MARKUP_LINE_SHARE * lines and not syntax.link.search(text):
            return text
    edits.extend((start, end, False) for start, end in _unshown(text, syntax))
    parts: list[str] = []
    covered = 0
    for start, end, block in sorted(edits):
        if start < covered:
            continue  # a tag inside a script or a comment
        parts.append(text[covered:start])
        parts.append(("\n" + " " * (end - start - 1)) if block else _HIDDEN * (end - start))
        covered = end
    parts.append(text[covered:])
    return "".join(parts)


_BLANK_LINES_RE = re.compile(r"\n{3,}")


def html_text(fragment: str) -> str:
    """The text a browser shows for an HTML fragment (a feed item's content): white space runs
    read as one space, a block tag as a line break (a paragraph ends with a blank line), other
    tags, scripts and comments as nothing, character references as their characters."""
    shown = as_shown(_tags_hidden(" ".join(fragment.split()), _HTML, markup=True))
    lines = "\n".join(" ".join(line.split()) for line in shown.split("\n"))
    return _BLANK_LINES_RE.sub("\n\n", lines).strip()


# Hard-wrapped paragraphs (html2text wraps at 78 columns, lynx and w3m dumps at 79, mail at 72,
# Python's textwrap at 70): a line break inside a sentence would end it ("a line break always ends
# a sentence"), cutting cue words from their quotes. Wrapped at 72 columns, the first 100 articles
# of bbc_dev.jsonl lost 0.30 of attribution share and 0.25 of trust on average (2026-11-23).
# Which blocks are wrapped: unwrapped(). Not tuned: the widths of the wrapping tools above, and a
# slack for the longest words a wrap moves to the next line (a "full" line is within WRAP_SLACK of
# the wrapping width).
WRAP_MIN_WIDTH = 50
WRAP_MAX_WIDTH = 100
WRAP_SLACK = 0.35
# How much longer than the text's longest wrapped line seen a line of another block may be.
WRAP_WIDTH_SPREAD = 8
_ENDS_SENTENCE_RE = re.compile(f"[.!?…](?:[\"'”’»)\\]]|[{UNREAD}])*\\s*$")
_BULLET_RE = re.compile(r"[-*•·>]\s")


def _run_ons(lines: list[tuple[int, str]], width: int) -> list[int]:
    """Offsets of the line breaks inside the wrapped paragraphs of a block of lines (lines: (end
    offset, text)) wrapped at `width`."""
    stripped = [line.strip() for _, line in lines]
    full = [len(line) >= width * (1 - WRAP_SLACK) for line in stripped]
    out = []
    for i, line in enumerate(stripped[:-1]):
        following = stripped[i + 1]
        # A wrapping tool fills a line greedily: it breaks there only if the next word does not fit.
        # A headline over a paragraph, or a paragraph's last line, has room left for it.
        if not full[i] or len(line) + 1 + len(following.split(None, 1)[0]) <= width:
            continue
        if following[:1].islower():
            out.append(lines[i][0])
        # Mid-sentence, a line runs on into a full one or into its paragraph's last line ("...in a
        # row in\nFebruary, but at a slower pace."; "...that camp,"\nRobertson added."); a page's
        # headline does not run on into the menu under it, nor a sentence into a list item.
        elif (not _ENDS_SENTENCE_RE.search(line) and not _BULLET_RE.match(following)
              and (full[i + 1] or i + 2 == len(lines) or _ENDS_SENTENCE_RE.search(following))):
            out.append(lines[i][0])
    return out


def _wrap_width(lines: list[tuple[int, str]]) -> int:
    """The wrapping width of a block of lines: its longest line that runs on into a line starting in
    lower case (the sign of a wrap), where every line of the block is at most WRAP_MAX_WIDTH long
    (on a page, menus and teasers sit in blocks with longer lines); 0: not wrapped."""
    lengths = [len(line.strip()) for _, line in lines]
    if len(lines) < 2 or max(lengths) > WRAP_MAX_WIDTH:
        return 0
    return max((n for n, (_, nxt) in zip(lengths, lines[1:], strict=False)
                if n >= WRAP_MIN_WIDTH and nxt.lstrip()[:1].islower()), default=0)


def unwrapped(text: str) -> str:
    """`text` with the line breaks inside hard-wrapped paragraphs as spaces, or as zero-width spaces
    after a hyphen (same length; "\r\n" becomes two); the same string if it has none.

    A block of lines (no blank line between) is wrapped at _wrap_width, or, without a lower-case
    run-on of its own, at the text's wrapping width where its lines fit it; a line break is
    a wrap where the line is full (within WRAP_SLACK of the width) and the next line's first word
    would not have fitted on it."""
    if "\n" not in text:
        return text
    blocks: list[list[tuple[int, str]]] = []
    block: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            block.append((end, line))
        elif block:
            blocks.append(block)
            block = []
        pos = end + 1
    if block:
        blocks.append(block)
    widths = [_wrap_width(b) for b in blocks]
    text_width = max(widths, default=0)  # wrapped lines are at most the tool's width: the longest is nearest
    if not text_width:
        return text
    breaks: list[int] = []
    for b, width in zip(blocks, widths, strict=True):
        if not width and len(b) > 1:
            # No lower-case run-on of its own (a two-line paragraph): wrapped if as wide as the text.
            longest = max(len(line.strip()) for _, line in b)
            fits = text_width * (1 - WRAP_SLACK) <= longest <= text_width + WRAP_WIDTH_SPREAD
            width = max(text_width, longest) if fits else 0
        if width:
            breaks.extend(_run_ons(b, width))
    if not breaks:
        return text
    chars = list(text)
    for at in breaks:  # the offset where a line ends: its "\r" if any, then its "\n"
        cr = chars[at - 1] == "\r"
        # Wrapping tools break after a hyphen ("US-\nbacked"): the break reads as nothing there
        # (an invisible character: ReadingView leaves it out), elsewhere as a space.
        end = at - 1 if cr else at
        joint = "\u200b" if text[end - 1:end] == "-" and text[end - 2:end - 1].isalpha() else " "
        if cr:
            chars[at - 1] = joint
        chars[at] = joint
    return "".join(chars)


# A straight or a typeset apostrophe, for patterns built from lexicon terms ("don't think" is
# "don’t think" in typeset copy). Not part of plain_layout: ’ also closes a single quotation.
APOSTROPHES = "['’]"


# A physical line longer than this is not one layout unit but text that lost its line breaks (an
# article scraped into one CSV cell or one paragraph, page blocks glued together): split_lines cuts
# it into its sentences, so that boilerplate rules and the line model judge sentence-sized units as
# on a page with line breaks, and a residue line pattern ("[ad_2]", "Source link") flags one
# sentence, not the whole article. Every line labelled boilerplate in
# trafilatura_page_lines_en.tsv is under 680 characters; 99% of the paragraphs of
# basil_triplets.jsonl, newspaper3k bodies and polnear_dev_paragraphs.tsv are under 1,100 (BBC's
# in bbc_dev.jsonl run longer: 1.1% above 1,500).
LONG_LINE_CHARS = 1500


def joined_runs(letters: np.ndarray, joiners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mask, starts, ends) of the words of a text given per character as two boolean arrays: the
    maximal runs of letters, a joiner (an apostrophe, a hyphen) counting as a letter when letters
    stand on both its sides, as in the regex [a-z]+(?:'[a-z]+)*. The tokenisers of the spin
    detector and the style profile use it on whole batches, where re.split cost twice as much.
    """
    padded = np.zeros(len(letters) + 2, dtype=bool)  # a non-word character on either side
    mask = padded[1:-1]
    mask[:] = letters
    if len(letters) > 2:
        mask[1:-1] |= joiners[1:-1] & mask[:-2] & mask[2:]  # the right side reads letters only
    # (np.diff with prepend= costs 20x more; np.flatnonzero's wrapper 10x .nonzero()[0] on one article)
    edges = (padded[1:] != padded[:-1]).nonzero()[0]
    return mask, edges[0::2], edges[1::2]


_VISIBLE_CORE_RE = re.compile(f"[^\\s{UNREAD}](?:.*[^\\s{UNREAD}])?", re.DOTALL)


def split_lines(text: str) -> list[Span]:
    """Non-empty lines with their offsets (leading/trailing blanks trimmed); a line longer than
    LONG_LINE_CHARS comes as its sentences."""
    spans = []
    for match in _LINE_RE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        if stripped[0] in UNREAD or stripped[-1] in UNREAD:
            # Markup read as invisible (markup_hidden) and bidi marks at a line's ends are trimmed like
            # blanks; a line of them alone (a script, "<![CDATA[") is no line.
            core = _VISIBLE_CORE_RE.search(stripped)
            if core is None:
                continue
            start += core.start()
            stripped = core.group()
        line = Span(start, start + len(stripped), stripped)
        if len(stripped) > LONG_LINE_CHARS:
            spans.extend(split_sentences(text, [line]))
        else:
            spans.append(line)
    return spans


def line_around(text: str, start: int, end: int | None = None) -> str:
    """The line (or lines) of `text` holding text[start:end], without its line breaks."""
    stop = text.find("\n", start if end is None else end)
    return text[text.rfind("\n", 0, start) + 1:len(text) if stop < 0 else stop]


def _ends_with_abbreviation(text: str, dot_pos: int, *, initials: bool = False) -> bool:
    """True when the full stop at dot_pos closes an abbreviation or an initial, not a sentence
    (`initials`: a single lower-case letter is an initial too, in a lower-cased text)."""
    begin = dot_pos
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    token = text[begin:dot_pos].lower()
    if not token:
        return False
    if len(token) == 1 and (initials or text[begin].isupper()):  # an initial: "George W. Bush"
        return True
    return token in _ABBREVIATIONS


_NEXT_CHAR_RE = re.compile(r"\s*(\S?)")


_FIRST_LETTER_RE = re.compile(r"[^\W\d_]")


def lower_cased(lines: list[Span]) -> bool:
    """Whether no sentence of these lines starts with a capital while some start lower-case: a text
    lower-cased whole (an NLP pipeline's corpus, a lower-casing scraper), whose sentence ends a
    lower-case letter follows. Looks at each line's first letter, then at the letter after each
    sentence end; stops at the first capital."""
    lower = False
    for line in lines:
        first = _FIRST_LETTER_RE.search(line.text)
        if first is None:
            continue
        if first.group().isupper():
            return False
        lower = lower or first.group().islower()
    for line in lines:
        body = line.text
        for match in _SENT_END_RE.finditer(body):
            following = _NEXT_CHAR_RE.match(body, match.end()).group(1)  # type: ignore[union-attr]
            if following.isupper():
                return False
    return lower


def split_sentences(text: str, lines: list[Span] | None = None) -> list[Span]:
    """Sentences within each line; a line break always ends a sentence.

    `lines` is split_lines(text) when the caller already has it (Article caches both).
    """
    sentences: list[Span] = []
    lines = split_lines(text) if lines is None else lines
    # In a text with no capital at any sentence start, a lower-case letter after ". " starts a
    # sentence: read as an unknown abbreviation, the first 200 bbc_dev.jsonl articles lower-cased
    # ran their sentences together, 21 were held as run-on text and attribution averaged 0.860
    # against 0.616 as written (a helper's bug hunt). Known abbreviations and initials still hold.
    lower = lower_cased(lines)
    for line in lines:
        start = 0
        body = line.text
        for match in _SENT_END_RE.finditer(body):
            end = match.end()
            # "." alone, or with only characters that show nothing after it ("Mr.\u200b Smith").
            if body[match.start()] == "." and (match.end() - match.start() == 1 or not match.group().strip(UNREAD)[1:]):
                if _ends_with_abbreviation(body, match.start(), initials=lower):
                    continue
            # Lower-case continuation after "." is usually an abbreviation we do not know. (The
            # next character, found in place: slicing the rest of the line at every sentence end
            # was quadratic, 15 s on a line of 800,000 ". ".)
            if not lower and _NEXT_CHAR_RE.match(body, end).group(1).islower():  # type: ignore[union-attr]
                continue
            chunk = body[start:end].strip()
            if chunk:
                offset = line.start + start + (len(body[start:end]) - len(body[start:end].lstrip()))
                sentences.append(Span(offset, offset + len(chunk), chunk))
            start = end
        chunk = body[start:].strip()
        if chunk:
            offset = line.start + start + (len(body[start:]) - len(body[start:].lstrip()))
            sentences.append(Span(offset, offset + len(chunk), chunk))
    return sentences


def words(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def count_words(text: str) -> int:
    """Words of a text (an article's `words`): len(WORD_RE.findall(text)), about 1.5x faster on
    bbc_dev.jsonl; but each letter of a script written without spaces (UNSPACED_SCRIPT_RANGES:
    Chinese, Japanese, Thai...) is a word, as word processors count Chinese and Japanese, where
    WORD_RE read a whole clause as one word (a 50-character Chinese text had 4 words). Chinese
    and Japanese words average 1.62 and 1.70 characters (wordfreq 3.1's "best" lists, weighted by
    frequency): the count is about 1.6x their words.

    WORD_RE matches never hold white space, so they are the matches within each white-space
    token; a token of word characters only (str.isalnum is `re`'s \\w but for "_") is exactly
    one match, and only the other tokens go through the regex.
    """
    if not text.isascii() and _UNSPACED_RE.search(text) is not None:
        letters = sum(map(str.isalpha, _UNSPACED_RE.findall(text)))
        return letters + count_words(_UNSPACED_RE.sub(" ", text))
    tokens = text.split()
    plain = sum(map(str.isalnum, tokens))
    return plain + len(WORD_RE.findall(" ".join(filterfalse(str.isalnum, tokens))))


# Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Myanmar, Khmer;
# Unicode blocks): WORD_RE reads a whole clause of them as one word, so prose_words counts each
# character, more than their words (Chinese words average about 1.5 characters): a count that can
# keep such a text out of a "too few words" judgement, never push one into it.
UNSPACED_SCRIPT_RANGES = (
    ("\u0e00", "\u0eff"),  # Thai, Lao
    ("\u1000", "\u109f"),  # Myanmar
    ("\u1780", "\u17ff"),  # Khmer
    ("\u3040", "\u30ff"),  # Hiragana, Katakana
    ("\u3400", "\u4dbf"),  # CJK Unified Ideographs Extension A
    ("\u4e00", "\u9fff"),  # CJK Unified Ideographs
    ("\uf900", "\ufaff"),  # CJK Compatibility Ideographs
)
_UNSPACED_RE = re.compile("[" + "".join(f"{lo}-{hi}" for lo, hi in UNSPACED_SCRIPT_RANGES) + "]")
# What prose_words skips, read a white-space token at a time (so that no pattern backtracks over a
# long text): a token that opens (after brackets or quotes) with a hashtag, an @handle, an e-mail
# address or a domain and a path; and links inside a token ("more](https://...)").
_NOT_PROSE_TOKEN_RE = re.compile(r"[^\w#@]*(?:[#@]\w|[\w.+-]+@[\w-]+\.|[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}/)")
_LINK_RE = re.compile(r"(?:https?://|www\.)\S*")
_TOKEN_RE = re.compile(r"\S+")


def prose_words(text: str, enough: int | None = None) -> int:
    """Words of prose in text: words holding a letter, outside links, e-mail addresses, hashtags and
    @handles (a character of a script written without spaces counts as a word, UNSPACED_SCRIPT_RANGES).
    Figures, symbols and emoji are no words. Counting stops once `enough` words are found."""
    count = 0
    for match in _TOKEN_RE.finditer(text):  # lazily: most texts have `enough` words in their first line
        token = match.group()
        if not any(map(str.isalpha, token)) or _NOT_PROSE_TOKEN_RE.match(token):
            continue
        if "://" in token or "www." in token:
            token = _LINK_RE.sub(" ", token)
        for word in WORD_RE.findall(token):
            if any(map(str.isalpha, word)):
                count += len(_UNSPACED_RE.findall(word)) or 1
        if enough is not None and count >= enough:
            break
    return count


def within(spans: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    """The spans whose start falls inside one of the sorted, non-overlapping ranges."""
    if not ranges:
        return []
    starts = [r[0] for r in ranges]
    kept = []
    for span in spans:
        i = bisect_right(starts, span.start) - 1
        if i >= 0 and span.start < ranges[i][1]:
            kept.append(span)
    return kept


class Overlaps:
    """A set of spans (start, end) that answers whether a span overlaps any of them, in log time:
    `any(start < e and end > s for s, e in spans)`, which over every span held was quadratic in a
    huge article (a flagged word checked against every known-phrase span before it).

    Spans sorted by start, with the largest end among the first i (`reach`): a span overlaps one
    held iff some held span starts before its end and ends after its start, i.e. the largest end
    among those starting before its end is past its start.
    """

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.starts: list[int] = []
        self.reach: list[int] = []
        for start, end in sorted(spans or ()):
            self.starts.append(start)
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def __len__(self) -> int:
        return len(self.starts)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Hold one more span. Cheap when it overlaps none held (the callers add only such spans):
        the ends after it are past it already."""
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.reach.insert(i, max(end, self.reach[i - 1]) if i else end)
        k = i + 1
        while k < len(self.reach) and self.reach[k] < end:
            self.reach[k] = end
            k += 1


class ReadingView:
    """A text as a reader sees it, for scans whose words must not be split, with the way back from
    offsets in the view to offsets in the text. These differ from the text:

    - its invisible characters and bidi marks (UNREAD) are left out: "spokes\xadwoman said";
    - its HTML character references are decoded: scraped feeds and CMS exports leave "don&#8217;t"
      and "AT&amp;T" in plain text, and the spin detector read "8217" and a lone "t" as words
      (11 spurious spun-word spans on 200 bbc_dev.jsonl articles, evaluation/eval_invariance.py).
      Only references closed by ";" that html.unescape knows; a decoded character goes through
      plain_layout, and one that shows nothing ("&shy;", "&#8203;") is left out;
    - markdown links and strong emphasis read as their text: html2text's output
      ("[Hajin](https://...)", "**IS**"). A link's URL had counted as a word of 40 letters: on 100
      bbc_dev.jsonl articles with a link every 20 words, readability fell by 12 points and trust
      rose by 0.07 (2026-11-23). A span inside such a text maps back to the whole link or emphasis;
    - a Latin ligature ("\ufb01nancial", LIGATURES) reads as its letters ("financial"); a span maps
      back to the whole ligature;
    - a letter written decomposed (NFD, "cafe\u0301") reads composed (NFC, "caf\xe9"), as a reader
      sees one letter; a span maps back to the base and its marks (_DECOMPOSED). So does a mark
      written as a reference ("cafe&#769;"): it composes with the letter before it.

    Keeps one record per edit (few), not a table per character: a 10 MB article with one soft
    hyphen costs no more than its view."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        # Per edit, in text order: text span [t_start, t_end) reads as view span [v_start, v_end).
        self._t_start: list[int] = []
        self._t_end: list[int] = []
        self._v_start: list[int] = []
        self._v_end: list[int] = []
        pos = shown = 0
        pattern = _hidden_re(_hidden_kinds(text))
        for match in () if pattern is None else pattern.finditer(text):
            shows = _as_shown(match.group())
            if shows is None:
                continue
            start = match.start()
            if _MARK_RE.match(shows):
                # A combining mark written as a reference ("e&#769;"): it composes with the letter
                # before it, as a mark written as it is does (_DECOMPOSED), the two one edit.
                if self._t_end and self._t_end[-1] == match.start() == pos:  # after an edit: "e&#769;&#770;"
                    composed = unicodedata.normalize("NFC", parts[-1] + shows)
                    if composed != parts[-1] + shows:
                        shown += len(composed) - len(parts[-1])
                        parts[-1] = composed
                        self._t_end[-1], self._v_end[-1] = match.end(), shown
                        pos = match.end()
                        continue
                elif match.start() > pos and not _MARK_RE.match(text[match.start() - 1]) \
                        and not text[match.start() - 1].isspace():
                    base = text[match.start() - 1]
                    composed = unicodedata.normalize("NFC", base + shows)
                    if composed != base + shows:
                        start, shows = match.start() - 1, composed  # one edit from the letter on
            parts.append(text[pos:start])
            shown += start - pos
            self._t_start.append(start)
            self._t_end.append(match.end())
            self._v_start.append(shown)
            parts.append(shows)
            shown += len(shows)
            self._v_end.append(shown)
            pos = match.end()
        parts.append(text[pos:])
        self.text = "".join(parts)
        self._length = len(text)

    @property
    def edits(self) -> int:
        """How many runs (invisible characters, references, markdown) the view reads differently."""
        return len(self._t_start)

    def from_text(self, pos: int) -> int:
        """The view offset of text offset `pos`; inside an edited run, where its reading starts."""
        i = bisect_left(self._t_start, pos) - 1  # the last edit starting before pos
        if i < 0:
            return pos
        if pos < self._t_end[i]:
            return self._v_start[i]
        return self._v_end[i] + pos - self._t_end[i]

    def _char(self, view_pos: int) -> tuple[int, int]:
        """The text span that the view's character at view_pos comes from."""
        i = bisect_right(self._v_start, view_pos) - 1  # the last edit read at or before view_pos
        if i < 0:
            return view_pos, view_pos + 1
        if view_pos < self._v_end[i]:
            return self._t_start[i], self._t_end[i]
        at = self._t_end[i] + view_pos - self._v_end[i]
        return at, at + 1

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        """The text span of view span [start, end): from its first to its last shown character."""
        first = self._char(start)[0] if start < len(self.text) else self._length
        return (first, self._char(end - 1)[1]) if end > start else (first, first)

    def spans(self, spans: list[Span]) -> list[Span]:
        """Text spans (sentences, lines) as spans of the view."""
        out = []
        for span in spans:
            start, end = self.from_text(span.start), self.from_text(span.end)
            out.append(Span(start, end, self.text[start:end]))
        return out

    def ranges(self, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Text ranges (boilerplate's content ranges) as ranges of the view."""
        return [(self.from_text(start), self.from_text(end)) for start, end in ranges]


def _as_shown(run: str) -> str | None:
    """What a reader sees for an invisible character, a character reference or a markdown link or
    emphasis marker; None: as written."""
    if _DECOMPOSED_RE.fullmatch(run):
        composed = unicodedata.normalize("NFC", run)
        return None if composed == run else composed
    if run[0] == "[":
        return as_shown(run[1:run.index("](")])
    if run.startswith("**"):
        return as_shown(run[2:-2])
    if run[0] in "*_":
        return as_shown(run[1:-1])
    if run in LIGATURES:
        return run.translate(_LIGATURE_LETTERS)
    if run[0] != "&":
        return ""
    if run[1] != "#" and run[1:] not in html5:
        # Not a reference ("&T;"). html.unescape would still decode a legacy prefix: "&ampa;" -> "&a;".
        return None
    shown = plain_layout(html.unescape(run)).translate(_LIGATURE_LETTERS)  # "&#64257;" as "fi" too
    return "" if all(c in UNREAD for c in shown) else shown


def reading_view(text: str) -> ReadingView | None:
    """The ReadingView of text, or None when the view would be the text (nearly every text)."""
    # Substring tests, and searches led by a literal: 4 us an article against 88 for one search of
    # every kind of run (bbc_dev.jsonl, 2026-11-23); the signals ask about nine times per article.
    if (not ("&" in text and _REFERENCE_RE.search(text)) and not has_invisible(text)
            and "](" not in text and not (("*" in text or "_" in text) and _EMPHASIS_RE.search(text))
            and not _ligatures(text) and not _decomposed(text)):
        return None
    view = ReadingView(text)
    return view if view.edits else None


def shown_length(text: str) -> int:
    """len(text) without the characters the signals do not read (UNREAD: soft hyphens, the markup
    that markup_hidden hides, bidi marks), for shares of characters that must not grow with markup."""
    return len(visible(text))


def length_for(text: str) -> Callable[[str], int]:
    """The length to measure parts of `text` with: shown_length where it holds invisible
    characters or bidi marks, else plain len (the same figure, at no cost)."""
    return shown_length if has_invisible(text) else len


# Zero-width joiners shape the characters beside them: an emoji sequence ("👨‍👩‍👧" is one glyph, three
# without them) and Persian, Urdu and Indic letters ("می‌خواهم"). A browser draws them as the
# writer meant, so a web page keeps them (report.py); a terminal's width count does not (explain.py).
JOINERS = "\u200c\u200d"
_UNREAD_DROPPED = dict.fromkeys(map(ord, UNREAD))
# visible's tables, by (joiners, marks): UNREAD dropped but the characters kept.
_DROPPED = {(joiners, marks): {k: v for k, v in _UNREAD_DROPPED.items()
                               if not (joiners and chr(k) in JOINERS or marks and chr(k) in BIDI_MARKS)}
            for joiners in (False, True) for marks in (False, True)}


def visible(text: str, *, joiners: bool = False, marks: bool = False) -> str:
    """text without its invisible characters and bidi marks (UNREAD): what the signals read of it.
    For a display (Article.text sliced at evidence offsets, then this: the markup markup_hidden hid
    shows nothing), `marks` keeps BIDI_MARKS, which order right-to-left text, and `joiners` keeps
    JOINERS."""
    if not has_invisible(text):
        return text
    return text.translate(_DROPPED[joiners, marks])


def references_shown(text: str) -> str:
    """`text` with its HTML character references ("&#8217;", "&amp;", "&eacute;") as the characters
    they stand for, as a browser shows them: for a display of a slice of Article.text cut at span
    offsets (explain, the report), whose offsets index the references as written. Bug hunt 30 and 31:
    the report and explain had shown "the ministry&#8217;s" raw. A reference to a control character
    shows nothing (html.unescape drops most) or stays as written: an ESC could rewrite a terminal."""
    if "&" not in text:
        return text
    return _REFERENCE_RE.sub(_reference_shown, text)


def _reference_shown(match: re.Match[str]) -> str:
    shown = html.unescape(match.group())
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n" for c in shown):
        return match.group()
    return shown


# A display shows a gap of blanked markup as at most one blank line (a paragraph's end, as a block
# tag reads: "</p><p>" is two line breaks), or as one space within a line.
MAX_GAP_LINE_BREAKS = 2
_GAP_RE = re.compile(f"[\\s{INVISIBLE}]+")
_SHOWS_RE = re.compile(f"[^\\s{INVISIBLE}]")


def markup_gaps(text: str, given: str) -> list[tuple[int, int, str]]:
    """(start, end, shown as) of each run of white space and invisible characters in `text` that
    holds markup blanked out (markup_hidden: a block tag as a line break and spaces, other markup as
    zero-width spaces), `given` being the text before it (same length): for a display, which
    collapses them ("<div><p class=...>" had shown as a blank line and a 26-column indent). A gap
    shows as its line breaks, at most MAX_GAP_LINE_BREAKS, or else as one space if it holds white
    space; at either end of the text as nothing. White space the text was given with stays."""
    if text is given or len(text) != len(given):
        return []
    gaps = []
    for match in _GAP_RE.finditer(text):
        start, end = match.span()
        if not _SHOWS_RE.search(given, start, end):
            continue  # white space (or invisible characters) as given
        run = match.group()
        if start == 0 or end == len(text):
            shown = ""
        elif (breaks := run.count("\n")) > 0:
            shown = "\n" * min(breaks, MAX_GAP_LINE_BREAKS)
        else:
            shown = " " if any(c.isspace() for c in run) else ""
        gaps.append((start, end, shown))
    return gaps


def has_invisible(text: str) -> bool:
    """Whether text holds a character the signals do not read (UNREAD): an invisible character
    (e.g. markup markup_hidden hid) or a bidi mark."""
    return not text.isascii() and any(c in text for c in UNREAD)


def as_shown(text: str) -> str:
    """The text as a reader sees it (ReadingView.text), for counts that keep no offsets."""
    view = reading_view(text)
    return text if view is None else view.text
