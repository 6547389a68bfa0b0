"""RSS, Atom and JSON feeds: one article per item, the way aggregators and auto-blogs receive wire
stories.

RSS 2.0 (`<rss><channel><item>`), RSS 1.0 (RDF), Atom 1.0 (`<feed><entry>`) and JSON Feed
(jsonfeed.org, 1.0 and 1.1: `content_html`, else `content_text`, else `summary`). An item's text is
its full content where the feed carries it (`content:encoded`, Atom `<content>`), else its
`<description>` or `<summary>`, read as a browser shows the HTML (text.html_text); evidence offsets
index that text. Its source is the item's own `<source>` (an aggregator's feed names the publisher
of each item), else metadata.csv's, else the feed's title. Parsed with defusedxml: a feed that
declares entities is refused (an entity can expand without bound), and nothing is fetched. A feed
declared UTF-8 (or not declared) whose bytes are not all UTF-8 has its stray bytes read as
windows-1252, as feedparser and browsers do, rather than refused whole.
"""

from __future__ import annotations

import codecs
import re
from html.entities import html5
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from analyzer.text import html_text

# .rdf: RSS 1.0 feeds are served and saved under that name (`index.rdf`).
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf"})

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"


class FeedError(ValueError):
    """A file that cannot be read as a feed; the message is the reason to report."""


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: Element | None) -> str:
    """The element's text, white space collapsed ("" when absent)."""
    return "" if element is None else " ".join("".join(element.itertext()).split())


def _first(item: Element, *tags: str) -> Element | None:
    """The first child with one of these tags (in the order given) and some text."""
    for tag in tags:
        for child in item.findall(tag):
            if "".join(child.itertext()).strip() or len(child):
                return child
    return None


def _atom_text(element: Element | None) -> str:
    """An Atom text construct as shown: type "text" as written, "html" as HTML, "xhtml" as the
    markup of its child element."""
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        for node in element.iter():
            node.tag = _local(node.tag)  # <html:p> reads as <p>
        return html_text("".join(tostring(child, encoding="unicode") for child in element))
    if kind.endswith("html"):  # "html", or a media type ("text/html")
        return html_text("".join(element.itertext()))
    return "".join(element.itertext()).strip()


def _rss_item(item: Element, ns: str) -> dict[str, str]:
    body = _first(item, f"{CONTENT}encoded", f"{ns}description")
    link = _text(item.find(f"{ns}link"))
    guid = item.find(f"{ns}guid")
    if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
        link = _text(guid)
    return {
        "text": html_text("".join(body.itertext())) if body is not None else "",
        "title": html_text(_text(item.find(f"{ns}title"))),
        "url": link,
        "date": _text(_first(item, f"{ns}pubDate", f"{DC}date")),
        "source": _text(item.find(f"{ns}source")),
    }


def _trafilatura_doc(doc: Element) -> dict[str, str]:
    """trafilatura's XML output (`trafilatura --xml`: <doc sitename= title= url= date=><main>...): its
    main text, a paragraph, heading, list or quote a block, as an item; such files had been skipped,
    "not an RSS or Atom feed (its root element is <doc>)" (bug hunt 32)."""
    main = doc.find("main")
    blocks = ("".join(block.itertext()).strip() for block in (main if main is not None else ()))
    return {
        "text": "\n\n".join(block for block in blocks if block),
        "title": doc.get("title", ""),
        "url": doc.get("url", "") or doc.get("source", ""),
        "date": doc.get("date", ""),
        "source": doc.get("sitename", ""),
    }


def _atom_entry(entry: Element) -> dict[str, str]:
    links = entry.findall(f"{ATOM}link")
    link = next((x.get("href", "") for x in links if x.get("rel", "alternate") == "alternate"), "")
    return {
        "text": _atom_text(_first(entry, f"{ATOM}content", f"{ATOM}summary")),
        "title": _atom_text(entry.find(f"{ATOM}title")),
        "url": link,
        "date": _text(_first(entry, f"{ATOM}published", f"{ATOM}updated")),
        "source": _atom_text(entry.find(f"{ATOM}source/{ATOM}title")),
    }


# An HTML named reference ("&eacute;", "&nbsp;") outside the five that XML defines: RSS 0.91 feeds
# declare Netscape's DTD, which defines HTML's, and other feeds use them anyway; feed readers
# accept them, expat (which reads no external DTD) does not.
_HTML_ENTITY_RE = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def _numeric(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    if name in _XML_ENTITIES or (text := html5.get(name.decode("ascii") + ";")) is None:
        return match.group()
    return b"".join(b"&#%d;" % ord(c) for c in text)


# The encoding pseudo-attribute of an XML declaration (group 3: its value).
_DECLARED_ENCODING_RE = re.compile(rb"\A(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(['\"])([^'\"]*)\2")


def _as_utf8(data: bytes) -> bytes | None:
    """The feed decoded from its declared encoding (UTF-8 if Python does not know that one), as
    UTF-8 without the declaration; None if it has none or does not decode."""
    match = _DECLARED_ENCODING_RE.match(data)
    if match is None:
        return None
    try:
        text = data.decode(match.group(3).decode("ascii", "replace"))
    except (LookupError, UnicodeError):
        try:
            text = data.decode("utf-8")
        except UnicodeError:
            return None
    return _DECLARED_ENCODING_RE.sub(rb"\1", text.encode("utf-8"), count=1)


def _cp1252_strays(error: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: the bytes UTF-8 cannot decode read as windows-1252 (U+FFFD for the
    five it leaves undefined), one at a time, so the UTF-8 around them is kept as it is."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("cp1252", "replace"), error.end


_CP1252_STRAYS = "analyzer-feed-cp1252-strays"
codecs.register_error(_CP1252_STRAYS, _cp1252_strays)
_UTF8_NAMES = frozenset({"utf-8", "utf8"})
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _stray_bytes_recoded(data: bytes) -> bytes | None:
    """A feed declared UTF-8 (or not declared, so UTF-8) holding bytes that are not UTF-8 (an old
    CMS's "Caf\xe9"), with those bytes read as windows-1252, as feedparser and browsers do, and
    its declaration kept; None for any other feed."""
    match = _DECLARED_ENCODING_RE.match(data)
    declared = match.group(3).decode("ascii", "replace").lower() if match else "utf-8"
    if declared not in _UTF8_NAMES or data.startswith(_UTF16_BOMS):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", _CP1252_STRAYS).encode("utf-8")
    return None  # all UTF-8: the fault is another


def _parse(data: bytes, *, redeclared: bool = False) -> Element:
    try:
        return fromstring(data)
    except DefusedXmlException:
        raise FeedError("the feed declares XML entities (refused: an entity can expand without bound)") from None
    except ParseError as exc:
        if "undefined entity" in str(exc) and (fixed := _HTML_ENTITY_RE.sub(_numeric, data)) != data:
            return _parse(fixed, redeclared=redeclared)  # once: the HTML references are numeric now
        if (recoded := _stray_bytes_recoded(data)) is not None:
            return _parse(recoded, redeclared=redeclared)  # once: all UTF-8 now
        raise FeedError(f"not well-formed XML: {exc}") from None
    except (LookupError, ValueError) as exc:
        # expat decodes UTF-8, UTF-16 and single-byte encodings; a multi-byte one (Shift_JIS, GB2312,
        # Big5: "multi-byte encodings are not supported") or a name Python does not know ("UTF-9")
        # raised here. Decoded by Python instead, once.
        if not redeclared and (fixed := _as_utf8(data)) is not None:
            return _parse(fixed, redeclared=True)
        raise FeedError(f"cannot read the feed's declared encoding ({exc})") from None


# UTF-32's byte-order marks (little- and big-endian). expat reads UTF-8, UTF-16 and single-byte
# encodings only: a UTF-32 feed (iconv and Notepad++ write one) was "not well-formed XML: invalid
# token" at its first byte, where a UTF-32 text file is read (readers.decode; closing 28, left open).
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def _utf32_as_utf8(data: bytes) -> bytes:
    """A feed opening on a UTF-32 BOM, as UTF-8 without its encoding declaration (the bytes no
    longer are what it declares), as _as_utf8 gives a feed Python decodes; other feeds as they are."""
    if not data.startswith(_UTF32_BOMS):
        return data
    try:
        text = data.decode("utf-32")
    except UnicodeDecodeError as exc:
        raise FeedError(f"not UTF-32 text after its byte-order mark ({exc.reason} at byte {exc.start})") from None
    return _DECLARED_ENCODING_RE.sub(rb"\1", text.encode("utf-8", "surrogatepass"), count=1)


def feed_items(data: bytes) -> tuple[str, list[dict[str, str]]]:
    """(the feed's title, each item's text, title, url, date and source; "" where absent).

    Raises FeedError with the reason when the bytes are no well-formed RSS or Atom feed."""
    root = _parse(_utf32_as_utf8(data))
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise FeedError("RSS feed without a <channel>")
        return _text(channel.find("title")), [_rss_item(item, "") for item in channel.findall("item")]
    if root.tag == f"{RDF}RDF":
        items = [_rss_item(item, RSS1) for item in root.findall(f"{RSS1}item")]
        return _text(root.find(f"{RSS1}channel/{RSS1}title")), items
    if root.tag == f"{ATOM}feed":
        return _atom_text(root.find(f"{ATOM}title")), [_atom_entry(e) for e in root.findall(f"{ATOM}entry")]
    if root.tag == f"{ATOM}entry":  # a single Atom entry document
        return "", [_atom_entry(root)]
    if root.tag == "doc" and root.find("main") is not None:  # trafilatura's XML output, one page
        return "", [_trafilatura_doc(root)]
    raise FeedError(f"XML file is not an RSS or Atom feed (its root element is <{_local(root.tag)}>)")


# The start of a JSON Feed's "version" (https://jsonfeed.org/version/1.1).
JSON_FEED_VERSION = "https://jsonfeed.org/version/"


def is_json_feed(data: object) -> bool:
    return isinstance(data, dict) and str(data.get("version", "")).startswith(JSON_FEED_VERSION)


def _field(record: dict[str, object], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def json_feed_items(feed: dict[str, object]) -> tuple[str, list[dict[str, str]]]:
    """feed_items for a parsed JSON Feed; FeedError without an "items" array."""
    items = feed.get("items")
    if not isinstance(items, list):
        raise FeedError("JSON Feed without an 'items' array")
    out = []
    for item in items:
        item = item if isinstance(item, dict) else {}
        body = _field(item, "content_html")
        text = html_text(body) if body.strip() else (_field(item, "content_text") or _field(item, "summary")).strip()
        out.append({
            "text": text,
            "title": " ".join(_field(item, "title").split()),
            "url": _field(item, "url") or _field(item, "external_url"),
            "date": _field(item, "date_published") or _field(item, "date_modified"),
            "source": "",
        })
    return " ".join(_field(feed, "title").split()), out
