"""RSS, Atom and JSON feeds: one article per item, metadata from the feed, bad feeds reported."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from analyzer.article import Article
from analyzer.cli import app
from analyzer.io.feeds import FeedError, feed_items
from analyzer.io.readers import ReadError, read_paths

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Daily Aggregator</title>
  <item>
    <title>IS holds out in Hajin</title>
    <link>https://aggregator.example.com/hajin</link>
    <pubDate>Mon, 10 Dec 2018 10:00:00 GMT</pubDate>
    <source url="https://www.afp.com/">AFP</source>
    <description>A teaser.</description>
    <content:encoded><![CDATA[<p>Fighting raged in japanese Syria.</p>
      <p>The <a href="https://x.example/obs">Observatory</a> said 20 fighters died.</p>
      <script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Second &amp; last</title>
    <guid>https://aggregator.example.com/2</guid>
    <dc:date>2018-12-11</dc:date>
    <description>&lt;p&gt;AT&amp;amp;T said it&amp;#8217;s over.&lt;/p&gt;
      &lt;p&gt;Hundreds fled.&lt;/p&gt;</description>
  </item>
  <item><title>No text</title></item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="ISO-8859-1"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Caf\xe9 News</title>
  <entry>
    <title type="html">A &lt;em&gt;fine&lt;/em&gt; day</title>
    <link rel="self" href="https://cafe.example/1.atom"/>
    <link href="https://cafe.example/1"/>
    <published>2018-12-10T10:00:00Z</published>
    <source><title>Reuters</title></source>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Officials said the town fell.</p>
      <p>Caf\xe9 owners <em>fled</em>.</p></div></content>
  </entry>
  <entry>
    <title>Plain</title>
    <updated>2018-12-12T00:00:00Z</updated>
    <summary>x &lt; y, the ministry said.</summary>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title></channel>
  <item rdf:about="https://old.example/1"><title>One</title><link>https://old.example/1</link>
    <description>The town fell, officials said.</description></item>
</rdf:RDF>
"""


def _read(*paths: Path) -> tuple[list[Article], list[ReadError]]:
    articles, errors = [], []
    for item in read_paths(paths):
        (errors if isinstance(item, ReadError) else articles).append(item)
    return articles, errors


def test_rss_items_are_articles_with_their_metadata(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    articles, errors = _read(tmp_path)
    first, second = articles
    assert (first.id, first.source, first.url, first.title, first.date) == (
        "wire:1", "AFP", "https://aggregator.example.com/hajin", "IS holds out in Hajin",
        "Mon, 10 Dec 2018 10:00:00 GMT")
    # The full content, not the teaser, read as a browser shows it: no tag, URL or script.
    assert first.text == "Fighting raged in japanese Syria.\n\nThe Observatory said 20 fighters died."
    # An HTML description escaped in the XML; a permalink guid is the address; the feed names the source.
    assert second.text == "AT&T said it’s over.\n\nHundreds fled."
    assert (second.source, second.url, second.title, second.date) == (
        "Daily Aggregator", "https://aggregator.example.com/2", "Second & last", "2018-12-11")
    assert [(e.path, e.reason) for e in errors] == [
        (f"{tmp_path / 'wire.rss'}:3", "feed item without text (no content, description or summary)")]


def test_atom_and_rdf_feeds(tmp_path: Path) -> None:
    (tmp_path / "cafe.atom").write_bytes(ATOM.encode("iso-8859-1"))  # its declaration decides
    (tmp_path / "old.xml").write_text(RDF, encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert errors == []
    by_id = {a.id: a for a in articles}
    entry = by_id["cafe:1"]
    assert entry.text == "Officials said the town fell.\n\nCafé owners fled."
    assert (entry.source, entry.url, entry.title, entry.date) == (
        "Reuters", "https://cafe.example/1", "A fine day", "2018-12-10T10:00:00Z")
    plain = by_id["cafe:2"]
    assert (plain.text, plain.source, plain.url, plain.date) == (
        "x < y, the ministry said.", "Café News", None, "2018-12-12T00:00:00Z")
    assert (by_id["old:1"].source, by_id["old:1"].url) == ("Old Wire", "https://old.example/1")


def test_metadata_csv_names_the_source_of_a_feed_without_item_sources(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,source\nwire.rss,Aggregator Inc\n", encoding="utf-8")
    articles, _ = _read(tmp_path)
    assert [a.source for a in articles] == ["AFP", "Aggregator Inc"]  # an item's own source first


def test_bad_feeds_are_reported_by_name_with_the_reason(tmp_path: Path) -> None:
    files = {
        "bomb.rss": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                    "<rss><channel><item><description>&b;</description></item></channel></rss>",
        "broken.rss": "<rss><channel><item><description>unclosed",
        "sitemap.xml": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url/></urlset>',
        "empty.atom": '<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing</title></feed>',
        "nochannel.rss": "<rss version='2.0'></rss>",
    }
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "good.rss").write_text(RSS, encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert len(articles) == 2
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert "entities" in reasons["bomb.rss"]
    assert reasons["broken.rss"].startswith("not well-formed XML")
    assert reasons["sitemap.xml"] == "XML file is not an RSS or Atom feed (its root element is <urlset>)"
    assert reasons["empty.atom"] == "the feed has no items"
    assert reasons["nochannel.rss"] == "RSS feed without a <channel>"


def test_a_feed_with_a_skipped_item_exits_3(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(tmp_path), "--format", "json", "--quiet"])
    assert result.exit_code == 3
    assert '"id": "wire:1"' in result.stdout and "wire.rss:3" in result.stdout


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<rss>", "<channel>", "<item>", "<description>", "</description>", "</item>",
                                 "</channel>", "</rss>", "<title>", "</title>", "&lt;p&gt;", "&amp;", "x", " ",
                                 "<![CDATA[<p>a</p>]]>", "&bogus;", "\x00", "é", "<"]), max_size=30))
def test_any_bytes_give_items_or_a_feed_error(pieces: list[str]) -> None:
    try:
        _title, items = feed_items("".join(pieces).encode("utf-8"))
    except FeedError as exc:
        assert str(exc)
    else:
        assert all(isinstance(v, str) for item in items for v in item.values())


def test_html_named_references_of_old_feeds_are_read() -> None:
    # RSS 0.91 declares Netscape's DTD, which defines HTML's references; expat reads no DTD.
    data = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
            '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
            "<rss version='0.91'><channel><title>Caf&eacute;</title><item>"
            "<description>Caf\xe9 &eacute;t&eacute; &mdash; fine &amp; dandy</description></item></channel></rss>"
            ).encode("iso-8859-1")
    title, [item] = feed_items(data)
    assert (title, item["text"]) == ("Café", "Café été — fine & dandy")
    # A reference HTML does not define either is still an error.
    with pytest.raises(FeedError, match="undefined entity &bogus;"):
        feed_items(data.replace(b"dandy", b"&bogus;"))


def _declared(encoding: str, body: bytes) -> bytes:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>T</title><item>'
            "<description>").encode("ascii") + body + b"</description></item></channel></rss>"


def test_feeds_in_encodings_expat_cannot_read_are_decoded() -> None:
    # fuzz_readers found both (eighteenth session): expat raised ValueError for a multi-byte
    # encoding ("multi-byte encodings are not supported") and LookupError for an unknown name,
    # and either ended the whole run with a traceback.
    texts = {"Shift_JIS": "首相は述べた。", "EUC-JP": "首相は述べた。", "GB2312": "总理表示。", "Big5": "總理表示。"}
    for encoding, text in texts.items():
        _title, [item] = feed_items(_declared(encoding, f"{text} Officials said.".encode(encoding)))
        assert item["text"] == f"{text} Officials said.", encoding
    # An encoding Python does not know: read as UTF-8 when it is.
    _title, [item] = feed_items(_declared("UTF-9", "Café said.".encode()))
    assert item["text"] == "Café said."
    with pytest.raises(FeedError, match="declared encoding"):
        feed_items(_declared("latin-nine", "Café said.".encode("cp1252")))


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("declared", [True, False])
def test_a_utf32_feed_is_read_as_its_utf8_copy(tmp_path: Path, encoding: str, declared: bool) -> None:
    # expat reads no UTF-32: such a feed (iconv, Notepad++) was "not well-formed XML: invalid token",
    # where a UTF-32 text file is read (closing 28, left open).
    rss = RSS if declared else RSS.replace(' encoding="UTF-8"', "")
    (tmp_path / "utf8.rss").write_bytes(rss.encode("utf-8"))
    wide_rss = "\ufeff" + rss.replace('encoding="UTF-8"', 'encoding="UTF-32"')
    (tmp_path / "wide.rss").write_bytes(wide_rss.encode(encoding))

    def read(name: str) -> list[tuple[str | None, ...]]:
        return [(a.text, a.title, a.source, a.url) if isinstance(a, Article) else (a.path.replace(name, ""), a.reason)
                for a in read_paths([tmp_path / name])]

    wide = read("wide.rss")
    assert wide == read("utf8.rss") and len([a for a in wide if len(a) == 4]) >= 2
    with pytest.raises(FeedError, match="not UTF-32 text"):
        feed_items(codecs.BOM_UTF32_LE + b"<rss>\xff\xff\xff\xff")


def test_a_feed_in_an_unknown_encoding_is_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.rss").write_bytes(_declared("latin-nine", "Café said.".encode("cp1252")))
    (tmp_path / "b.rss").write_bytes(_declared("Shift_JIS", "首相は述べた。 Officials said.".encode("shift_jis")))
    result = CliRunner().invoke(app, ["score", str(tmp_path), "--format", "json", "--quiet"])
    assert result.exit_code == 3, result.output
    out = json.loads(result.stdout)
    assert [a["id"] for a in out["articles"]] == ["b:1"]
    assert [(Path(e["path"]).name, "declared encoding" in e["reason"]) for e in out["errors"]] == [("a.rss", True)]


def test_json_feed_items_are_articles(tmp_path: Path) -> None:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Wire  Blog",
            "items": [{"id": "1", "url": "https://blog.example/1", "title": "Hajin",
                       "content_html": "<p>The town <em>fell</em>.</p><p>Hundreds fled.</p>",
                       "date_published": "2018-12-10T10:00:00Z"},
                      {"id": "2", "content_text": "Officials said the talks failed.", "summary": "Talks"},
                      {"id": "3", "title": "no content"}, "not an object"]}
    (tmp_path / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    (tmp_path / "broken.json").write_text(json.dumps({"version": "https://jsonfeed.org/version/1"}), encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert [(a.id, a.text, a.source, a.url, a.title, a.date) for a in articles] == [
        ("feed:1", "The town fell.\n\nHundreds fled.", "Wire Blog", "https://blog.example/1", "Hajin",
         "2018-12-10T10:00:00Z"),
        ("feed:2", "Officials said the talks failed.", "Wire Blog", None, None, None)]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert reasons == {"broken.json": "JSON Feed without an 'items' array",
                       "feed.json:3": "feed item without text (no content, description or summary)",
                       "feed.json:4": "feed item without text (no content, description or summary)"}


def test_a_utf8_feed_with_stray_latin1_bytes_and_an_rdf_file_are_read(tmp_path: Path) -> None:
    # An old CMS's "Caf\xe9" in a feed declared UTF-8 made the whole feed "not well-formed XML";
    # the stray byte is read as windows-1252, the UTF-8 around it as written.
    (tmp_path / "badenc.rss").write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bad</title><item>'
        b"<title>Caf\xe9</title><description>The caf\xe9 owners said it\xe2\x80\x99s over, officials said."
        b"</description></item></channel></rss>")
    (tmp_path / "broken.rss").write_bytes(b"<rss><channel><item><description>Caf\xe9, unclosed")
    # RSS 1.0 saved as .rdf was an "unsupported file type '.rdf'".
    (tmp_path / "index.rdf").write_text(RDF, encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert [(a.id, a.title, a.text) for a in articles] == [
        ("badenc:1", "Café", "The café owners said it’s over, officials said."),
        ("index:1", "One", "The town fell, officials said.")]
    assert [e.path for e in errors] == [str(tmp_path / "broken.rss")]
    assert errors[0].reason.startswith("not well-formed XML")


def test_trafilaturas_xml_output_is_read_as_one_article(tmp_path: Path) -> None:
    # `trafilatura --xml` writes one page as <doc sitename= title= url= date=><main>...: such files had
    # been skipped, "XML file is not an RSS or Atom feed (its root element is <doc>)" (bug hunt 32).
    doc = ('<doc sitename="BBC News" title="Dollar gains" author="Jane Reporter" date="2005-03-01" '
           'url="https://www.bbc.co.uk/news/business-1" hostname="bbc.co.uk" fingerprint="7da8">\n'
           '  <main>\n    <head rend="h1">Dollar gains</head>\n'
           '    <p>The dollar rose on <hi rend="#b">Friday</hi>.</p>\n'
           '    <list><item>One</item></list>\n    <p>The euro fell.</p>\n  </main>\n  <comments/>\n</doc>\n')
    (tmp_path / "page.xml").write_text(doc, encoding="utf-8")
    read = list(read_paths([tmp_path]))
    assert [(a.text, a.source, a.title, a.url, a.date) for a in read if isinstance(a, Article)] == [
        ("Dollar gains\n\nThe dollar rose on Friday.\n\nOne\n\nThe euro fell.", "BBC News", "Dollar gains",
         "https://www.bbc.co.uk/news/business-1", "2005-03-01")]
    assert not [r for r in read if isinstance(r, ReadError)]


def test_explain_finds_a_feed_item_by_its_link(tmp_path: Path) -> None:
    """A feed item's id is `<file stem>:<item number>`, which changes as the item moves down the feed;
    its link does not: `explain feed.rss --id <link>` found nothing (bug hunt 32). The RSS guid that
    is a permalink is the link where the item gives none."""
    (tmp_path / "wire.rss").write_text(RSS.replace("  <item><title>No text</title></item>\n", ""), encoding="utf-8")
    for wanted, ident, title in (("https://aggregator.example.com/hajin", "wire:1", "IS holds out in Hajin"),
                                 ("https://aggregator.example.com/2", "wire:2", "Second & last")):
        result = CliRunner().invoke(app, ["explain", str(tmp_path / "wire.rss"), "--id", wanted],
                                    env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"{ident}  ") and f"title: {title}\n" in result.output
        assert result.output.count("title: ") == 1
