"""HTML report: structure, highlights (overlapping spans), story diffs, escaping, no network."""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analyzer import report
from analyzer.api import FlagResult
from analyzer.article import Article, Evidence
from analyzer.report import Span, diff_copy, render_report, segments
from analyzer.stories import Flag

# --- a small DOM built with the standard library's parser ------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "area", "base", "col", "embed", "track"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self, skip: tuple[str, ...] = ()) -> str:
        return "".join(c if isinstance(c, str) else ("" if c.tag in skip else c.text(skip)) for c in self.children)

    def iter(self):  # type: ignore[no-untyped-def]
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and all(
            (v in (n.attrs.get(k.rstrip("_")) or "").split()) if k.endswith("_") else n.attrs.get(k) == v
            for k, v in attrs.items())]

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def ancestors(self):  # type: ignore[no-untyped-def]
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag: str) -> None:
        node = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        self.cur = node.parent or self.root

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.cur is builder.root, "unclosed element"
    return builder.root


def innermost_marks(root: Node) -> list[Node]:
    return [m for m in root.find_all("mark") if "data-ev" in m.attrs]


def evidence_text(root: Node, ref: str) -> str:
    """The text of every highlight standing for evidence `ref`, in document order."""
    return "".join(m.text() for m in innermost_marks(root) if ref in m.attrs["data-ev"].split())


def article_section(root: Node, article_id: str) -> Node:
    (section,) = [s for s in root.find_all("section") if s.attrs.get("data-id") == article_id]
    return section


# --- constructed articles --------------------------------------------------------------------

OVERLAP_TEXT = ("Subscribe now for Author's right of the image offers!\n"
                "The fighters were said to be in japanese Syria, officials said.")


def overlap_article() -> Article:
    t = OVERLAP_TEXT
    line = t.index("\n")
    art = t.index("Author's right of the image")
    jap = t.index("japanese Syria")
    said = t.index("said to be")
    evidence = [
        # a boilerplate line containing a translation flag
        Evidence.at(t, 0, line, signal="boilerplate", kind="promo", reason="Promotional line."),
        Evidence.at(t, art, art + len("Author's right of the image"), signal="translation", kind="mt_calque",
                    reason="Machine-translated caption credit.", suggestion="Image copyright"),
        # partial overlaps: hedge "said to be" crosses the attribution "said", attribution crosses the hedge
        Evidence.at(t, said, said + len("said to be"), signal="hedging", kind="hedge_cue", reason="Hedge."),
        Evidence.at(t, said, said + len("said"), signal="attribution", kind="reporting_verb", reason="Verb."),
        Evidence.at(t, said + 5, jap + len("japanese"), signal="language", kind="odd", reason="Odd span."),
        Evidence.at(t, jap, jap + len("japanese Syria"), signal="translation", kind="tortured_phrase",
                    reason="Spun wording.", suggestion="eastern Syria"),
    ]
    return Article(id="overlap", text=t, source="Test Source", evidence=evidence,
                   scores={"translation": 0.8, "boilerplate": 0.4, "attribution": 0.5, "hedging": 0.5,
                           "readability": 60.0, "trust": 0.2}, label="spun")


def test_segments_cut_at_every_boundary() -> None:
    spans = [Span(0, 5, "a", 0), Span(3, 8, "b", 1), Span(4, 4, "empty", 0), Span(9, 50, "c", 0)]
    assert list(segments(10, spans)) == [(0, 3, [0]), (3, 5, [0, 1]), (5, 8, [1]), (8, 9, []), (9, 10, [3])]


def test_overlapping_spans_render_nested_and_complete() -> None:
    article = overlap_article()
    root = parse(render_report([article], None, []))
    section = article_section(root, "overlap")
    (body,) = [d for d in section.find_all("div") if "text" in d.classes()]
    # The highlighted text, without footnote numbers, is exactly the article text.
    assert body.text(skip=("sup",)) == article.text
    ordered = sorted(article.evidence, key=lambda e: (e.start, e.end, e.signal, e.kind))
    for n, ev in enumerate(ordered, start=1):
        ref = f"a1-e{n}"
        assert evidence_text(section, ref) == ev.text, (ev.signal, ev.kind)
        (note,) = [li for li in section.find_all("li") if li.attrs.get("id") == ref]
        assert note.attrs["data-signal"] == ev.signal and int(note.attrs["data-start"]) == ev.start
        assert (note.attrs["data-suggestion"] or None) == ev.suggestion
    # The translation flag inside the boilerplate line nests inside it.
    calque = [m for m in innermost_marks(section) if m.text() == "Author's right of the image"]
    assert len(calque) == 1 and "sig-translation" in calque[0].classes()
    assert any("sig-boilerplate" in a.classes() for a in calque[0].ancestors())
    assert "Image copyright" in calque[0].attrs["title"]
    # "said" carries hedging and attribution; " to" only hedging; "be" hedging and language.
    said = [m for m in innermost_marks(section) if m.text() == "said" and "sig-attribution" in
            {c for a in [m, *m.ancestors()] for c in a.classes()}]
    assert len(said) == 1
    chain = {c for a in [said[0], *said[0].ancestors()] for c in a.classes()}
    assert {"sig-hedging", "sig-attribution"} <= chain
    assert "Hedge." in said[0].attrs["title"] and "Verb." in said[0].attrs["title"]
    # The spun phrase: split by the language span, each part keeps the suggestion on hover.
    parts = [m for m in innermost_marks(section) if "a1-e6" in m.attrs["data-ev"].split()]
    assert "".join(p.text() for p in parts) == "japanese Syria" and len(parts) == 2
    assert all("eastern Syria" in p.attrs["title"] for p in parts)


def test_script_in_article_is_shown_as_text() -> None:
    text = 'Before <script>alert(1)</script> after "quoted" & <img src=x onerror=alert(5)> end.'
    start = text.index("<script>")
    hostile = '"><script>alert(2)</script>'
    article = Article(
        id=f"x{hostile}", text=text, source="<img src=x onerror=alert(3)>", title="</title><script>alert(4)</script>",
        url="javascript:alert(6)", label="spun", scores={"trust": 0.1},
        evidence=[Evidence.at(text, start, start + 25, signal="translation<b>", kind='k"ind', reason='r"<i>',
                              suggestion="</mark><script>alert(7)</script>")])
    flags = FlagResult([{"story": hostile, "articles": [article.id], "original": None}],
                       [Flag(article.id, "spun", None, 0.5, list(article.evidence))], [])
    page = render_report([article], flags, [{"rank": 1, "source": article.source, "articles": 1, "trust": 0.1,
                                             "trust_low": 0.0, "trust_high": 0.3, "garbled": 1}])
    assert "<script>alert" not in page and "<img" not in page
    root = parse(page)
    scripts = root.find_all("script")
    assert len(scripts) == 1 and "alert" not in scripts[0].text()
    assert not root.find_all("img")
    assert not [n for n in root.iter() if any(k.startswith("on") for k in n.attrs)]
    assert not [n for n in root.iter() if "javascript:" in (n.attrs.get("href") or "")]
    body_text = root.text()
    assert "<script>alert(1)</script>" in body_text and "<img src=x onerror=alert(3)>" in body_text
    section = article_section(root, article.id)
    assert evidence_text(section, "a1-e1") == "<script>alert(1)</script>"


def test_blanked_markup_is_collapsed_in_the_article_text() -> None:
    # Block tags are blanked as a line break and spaces (offsets hold); under pre-wrap they had
    # shown as blank lines and a deep indent. The footnote keeps the JSON output's offsets.
    from tests.test_explain import TAGGED

    may = TAGGED.index("may")
    article = Article(id="tagged", text=TAGGED, evidence=[
        Evidence.at(TAGGED, may, may + 3, signal="hedging", kind="hedge_cue", reason="r")])
    section = article_section(parse(render_report([article])), "tagged")
    (text,) = [d for d in section.find_all("div") if d.attrs.get("class") == "text"]
    assert text.text() == ("The minister said the plan may1 be delayed.\n\n"
                           "Critics argued it could fail, reports said.")
    assert evidence_text(section, "a1-e1") == "may"
    (note,) = [li for li in section.find_all("li") if li.attrs.get("id") == "a1-e1"]
    assert (note.attrs["data-start"], note.attrs["data-end"]) == (str(may), str(may + 3))


def _shown_text(text: str, article_id: str) -> Node:
    """The text block of an article's section in the report, its "said" marked as a reporting verb."""
    said = text.index("said")
    article = Article(id=article_id, text=text, evidence=[
        Evidence.at(text, said, said + 4, signal="attribution", kind="reporting_verb", reason="r")])
    section = article_section(parse(render_report([article])), article_id)
    (shown,) = [d for d in section.find_all("div") if d.attrs.get("class") == "text"]
    return shown


def test_zero_width_joiners_are_kept_in_the_article_text() -> None:
    # They make an emoji sequence one glyph and join Persian letters; markup blanked as zero-width
    # spaces, and a soft hyphen, still show nothing.
    text = ("The family emoji \U0001f468\u200d\U0001f469\u200d\U0001f467 was posted, officials said.\n\n"
            "A reader wrote \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 <b>and</b> inter\u00adnational.")
    shown = _shown_text(text, "joined")
    assert "\U0001f468\u200d\U0001f469\u200d\U0001f467" in shown.text()
    assert "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 and international." in shown.text()
    assert "\u200b" not in shown.text() and "\u00ad" not in shown.text()


def test_bidi_marks_are_kept_in_the_article_text() -> None:
    # The signals do not read them (text.UNREAD), but they order right-to-left text: the page keeps
    # them, as it keeps the zero-width joiners.
    text = ("\u202bThe minister \u05d4\u05e9\u05e8 said\u200f the plan would wait.\u202c\n\n"
            "\u2067\u05d4\u05e9\u05e8\u2069 (3) was quoted, officials\u200e said.")
    shown = _shown_text(text, "bidi")
    for mark in "\u202b\u200f\u202c\u2067\u2069\u200e":
        assert mark in shown.text()


def test_right_to_left_text_takes_its_own_direction() -> None:
    # An Arabic article is laid out from the right: the text block, each paragraph of it (a Hebrew
    # paragraph in an English article too), and each quoted evidence span find their direction from their
    # own letters; a spun pair's two sides keep their order round the arrow. English text is unchanged.
    arabic = ("\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 "
              "\u0627\u0644\u0627\u062a\u0641\u0627\u0642 \u0642\u0631\u064a\u0628.")  # "the minister said ..."
    verb = arabic.index("\u0627\u0644\u0648\u0632\u064a\u0631")
    article = Article(id="rtl", text=arabic, evidence=[
        Evidence.at(arabic, verb, verb + 6, signal="attribution", kind="named_source", reason="r",
                    suggestion="\u0627\u0644\u0631\u0626\u064a\u0633")])
    root = parse(render_report([article]))
    (shown,) = [d for d in article_section(root, "rtl").find_all("div") if d.attrs.get("class") == "text"]
    assert shown.attrs.get("dir") == "auto"
    (quoted,) = article_section(root, "rtl").find_all("q")
    assert quoted.attrs.get("dir") == "auto" and quoted.text() == arabic[verb:verb + 6]
    (suggested,) = article_section(root, "rtl").find_all("span", class_="suggest")
    assert suggested.attrs.get("dir") == "auto"
    (style,) = root.find_all("style")
    rules = {m.group(1).strip(): m.group(2) for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", style.text())}
    assert "unicode-bidi: plaintext" in rules[".text"] and "unicode-bidi: plaintext" in rules[".diff td"]
    orig, spun, flags = spun_pair()
    block = [d for d in parse(render_report([orig, spun], flags, [])).find_all("div")
             if d.attrs.get("data-copy") == "spun"][0]
    cells = [td for tr in block.find_all("table")[0].find_all("tr")[1:] for td in tr.find_all("td")]
    assert cells and all(td.attrs.get("dir") == "auto" for td in cells)
    sides = [n for ul in block.find_all("ul", class_="subs") for n in ul.iter() if n.tag in ("del", "ins")]
    assert sides and all(n.attrs.get("dir") == "auto" for n in sides)


def test_a_right_to_left_name_is_isolated_from_the_text_around_it() -> None:
    """An Arabic source followed by " (1 article, 0 garbled)" drew as "1( <name> article, ...": the
    bracket and the count joined its right-to-left run (bug hunt 30, B1). Each name from the input
    set inside other text (summary, article header, a story's list) is a <bdi>."""
    source, title = "\u0627\u0644\u062c\u0632\u064a\u0631\u0629 \u0646\u062a", "\u05e9\u05dc\u05d5\u05dd"
    article = Article(id="a1", text="The minister said on Monday that the talks would resume.", source=source,
                      title=title)
    root = parse(render_report([article]))
    (item,) = [li for li in root.find_all("li") if li.parent.attrs.get("class") == "sources-list"]
    assert [n.text() for n in item.find_all("bdi")] == [source]
    meta = [d for d in article_section(root, "a1").find_all("div") if d.attrs.get("class") == "meta"][0]
    assert {n.text() for n in meta.find_all("bdi")} >= {source, title}
    orig, spun, flags = spun_pair()
    spun.source = source
    story = parse(render_report([orig, spun], flags, [])).find_all("section", class_="story")[0]
    assert source in [n.text() for n in story.find_all("bdi")]


def test_page_loads_nothing_from_the_network() -> None:
    page = render_report([overlap_article()], None, [])
    assert not re.search(r"""(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.I)
    assert not re.search(r"url\(|@import|<link|<iframe|<img|<object|<embed", page, re.I)
    root = parse(page)
    (csp,) = [m for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    policy = csp.attrs["content"] or ""
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    # The policy allows exactly the inline style and script (by hash), so they still apply.
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        (node,) = root.find_all(tag)
        digest = base64.b64encode(hashlib.sha256(node.text().encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def spun_pair() -> tuple[Article, Article, FlagResult]:
    original = ("Fighting raged in eastern Syria on Sunday, a war monitor said.\n\n"
                "The offensive began in September and the alliance has since taken most of the pocket.\n\n"
                "Up to 600 jihadists could still remain inside, according to a spokesman.")
    copy = ("Breaking News\n\n"
            "Fighting raged in japanese Syria on Sunday, a warfare monitor mentioned.\n\n"
            "The offensive began in September and the alliance has since taken most of the pocket.\n\n"
            "Up to 600 jihadists could nonetheless stay inside, in line with a spokesman.")
    orig = Article(id="orig", text=original, source="AFP", scores={"trust": 0.9})
    spun = Article(id="spun", text=copy, source="blog", label="spun", scores={"trust": 0.2})
    at = copy.index("japanese")
    sub = Evidence.at(copy, at, at + len("japanese"), signal="translation", kind="substitution",
                      reason="Replaced wording.", suggestion="eastern")
    result = FlagResult([{"story": "story-0001", "articles": ["orig", "spun"], "original": "orig"}],
                        [Flag("spun", "spun", "orig", 0.6, [sub])], [])
    return orig, spun, result


def test_diff_lists_the_substitutions() -> None:
    orig, spun, _ = spun_pair()
    diff = diff_copy(orig.text, spun.text)
    assert diff.substitutions == [("eastern", "japanese", 1), ("war", "warfare", 1), ("said", "mentioned", 1),
                                  ("still remain", "nonetheless stay", 1), ("according to", "in line with", 1)]
    # One row per paragraph of the copy; the unchanged paragraph is not marked.
    assert len(diff.rows) == 4
    assert [changed for _, _, changed in diff.rows] == [True, True, False, True]


def test_diff_reads_character_references_as_the_characters_they_stand_for() -> None:
    """A CMS export of the spun copy writes "ministry&#8217;s" and "AT&amp;T": the diff listed
    "' -> &#8217;" among its substituted wordings, where flag compares the copies as shown (bug hunt
    30, F5). A typeset apostrophe against a plain one is no substitution either."""
    original = "The ministry's plan for AT&T was said to be late.\n\nOfficials said it's over."
    copy = "The ministry&#8217;s plan for AT&amp;T was mentioned to be late.\n\nOfficials said it’s over."
    assert diff_copy(original, copy).substitutions == [("said", "mentioned", 1)]
    # cp1252's apostrophe written as a reference (&#146;, read by HTML as ’): one word too (review 30).
    assert diff_copy(original, copy.replace("&#8217;", "&#146;")).substitutions == [("said", "mentioned", 1)]


def bbc_text(shared_data: Path, size: int) -> str:
    rows = (shared_data / "news" / "bbc_dev.jsonl").read_text(encoding="utf-8").splitlines()
    return "\n\n".join(json.loads(line)["text"] for line in rows)[:size]


def test_diff_blocks_are_sequence_matchers(shared_data: Path) -> None:
    # The anchored diff gives the blocks of one SequenceMatcher over the whole texts.
    from analyzer.spinner import spin

    rows = (shared_data / "news" / "bbc_dev.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    for n, line in enumerate(rows):
        text = json.loads(line)["text"]
        for thesaurus, rate in (("wordnet", 0.05), ("roget", 0.2)):
            a = [t.key for t in report._tokens(text)]
            b = [t.key for t in report._tokens(spin(text, rate, n, thesaurus).text)]
            expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
            assert report._matching_blocks(a, b) == [tuple(m) for m in expected]


def test_diff_of_a_text_without_anchors_is_halved(monkeypatch: pytest.MonkeyPatch) -> None:
    # A text repeated has no word found once: past DIFF_MAX_CELLS it is halved, and stays a diff.
    monkeypatch.setattr(report, "DIFF_MAX_CELLS", 400)
    a = ("the cat sat on the mat . " * 40).split()
    b = ("the cat sat on a mat . " * 40).split()
    blocks = report._matching_blocks(a, b)
    assert blocks[-1] == (len(a), len(b), 0)
    for (i, j, k), (i2, j2, _) in zip(blocks, blocks[1:], strict=False):
        assert a[i:i + k] == b[j:j + k] and i + k <= i2 and j + k <= j2
    assert sum(k for _, _, k in blocks) >= len(b) * 6 // 7 - 2


def test_diff_work_grows_linearly(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Not timed: the tokens compared (token pairs searched by SequenceMatcher, tokens scanned for
    # anchors) and the spans each row is drawn from. One SequenceMatcher over both whole texts, and
    # every span scanned for every row, grew as n²: `report` on a 100 KB bbc_dev.jsonl text beside
    # its spun copy took 9.8 s, 400 KB 180 s. Here 2.0x the tokens compared and 2.0x the spans for
    # twice the text, where the whole-text diff had 3.4x and 3.9x (2026-11-23).
    from analyzer.spinner import spin

    work = {"compared": 0, "spans": 0}
    find = difflib.SequenceMatcher.find_longest_match
    anchors = report._anchors
    draw = report.segments

    def counted_find(self: difflib.SequenceMatcher[str], alo: int, ahi: int, blo: int, bhi: int) -> difflib.Match:
        work["compared"] += (ahi - alo) * (bhi - blo)
        return find(self, alo, ahi, blo, bhi)

    def counted_anchors(a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int) -> object:
        work["compared"] += (ahi - alo) + (bhi - blo)
        return anchors(a, b, alo, ahi, blo, bhi)

    def counted_segments(length: int, spans: list[Span], *args: object) -> object:
        work["spans"] += len(spans)
        return draw(length, spans, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", counted_find)
    monkeypatch.setattr(report, "_anchors", counted_anchors)
    monkeypatch.setattr(report, "segments", counted_segments)
    measured = []
    for size in (20_000, 40_000):
        original = bbc_text(shared_data, size)
        work.update(compared=0, spans=0)
        diff = diff_copy(original, spin(original, 0.05, 2, "wordnet").text)
        assert len(diff.substitutions) > 50 and len(diff.rows) > 20
        measured.append(dict(work, tokens=len(report._tokens(original))))
    small, large = measured
    assert large["compared"] < 2.5 * small["compared"], measured
    assert large["spans"] < 2.5 * small["spans"], measured
    assert large["compared"] < 10 * large["tokens"], measured


def test_story_section_shows_copy_beside_original() -> None:
    orig, spun, flags = spun_pair()
    root = parse(render_report([orig, spun], flags, []))
    (block,) = [d for d in root.find_all("div") if d.attrs.get("data-copy") == "spun"]
    assert block.attrs["data-original"] == "orig"
    (table,) = block.find_all("table")
    rows = table.find_all("tr")[1:]
    left = "".join(r.find_all("td")[0].text() for r in rows)
    right = "".join(r.find_all("td")[1].text() for r in rows)
    assert re.sub(r"\s+", "", left) == re.sub(r"\s+", "", orig.text)
    assert re.sub(r"\s+", "", right) == re.sub(r"\s+", "", spun.text)
    copy_marks = {m.text(): m for m in block.find_all("mark") if "title" in m.attrs and m.text()}
    assert "original: eastern" in copy_marks["japanese"].attrs["title"]
    chain = {c for a in [copy_marks["japanese"], *copy_marks["japanese"].ancestors()] for c in a.classes()}
    assert {"diff-copy", "flag-ev"} <= chain  # the diff and the flag's substitution evidence
    assert "the copy has: japanese" in copy_marks["eastern"].attrs["title"]
    assert "diff-add" in copy_marks["Breaking News"].classes()
    subs = [li.text() for ul in block.find_all("ul", class_="subs") for li in ul.find_all("li")]
    assert "eastern → japanese" in subs and "according to → in line with" in subs
    # The summary counts the flagged copy.
    cards = {d.attrs["data-count"]: d.text() for d in root.find_all("div") if "data-count" in d.attrs}
    assert cards["garbled copies"].startswith("1") and cards["articles"].startswith("2")


def test_flag_without_original_lists_its_evidence() -> None:
    _, spun, flags = spun_pair()
    flags = FlagResult([{"story": "story-0001", "articles": ["spun"], "original": None}],
                       [Flag("spun", "spun", None, 0.0, flags.flags[0].evidence)], [])
    root = parse(render_report([spun], flags, []))
    (block,) = [d for d in root.find_all("div") if d.attrs.get("data-copy") == "spun"]
    assert not block.find_all("table")
    items = [li.text() for li in block.find_all("li")]
    assert items == ["eastern → japanese substitution"]
    assert [a.attrs["href"] for a in block.find_all("a")] == ["#a1"]


def test_copies_sharing_a_file_name_keep_their_own_sections_and_labels() -> None:
    # afp/story.txt and blog/story.txt: the same id, told apart by their paths.
    orig, spun, _ = spun_pair()
    orig.id = spun.id = "story"
    orig.path, spun.path = "afp/story.txt", "blog/story.txt"
    spun.label = "clean"  # only `flag` found it garbled
    sub = Evidence.at(spun.text, 0, 8, signal="translation", kind="substitution", reason="Added.", suggestion="")
    flags = FlagResult([{"story": "story-0001", "articles": ["story", "story"], "original": "story",
                         "paths": [orig.path, spun.path], "original_path": orig.path}],
                       [Flag("story", "spun", "story", 0.6, [sub], spun.path, orig.path)], [])
    root = parse(render_report([orig, spun], flags, []))
    sections = [s for s in root.find_all("section") if s.attrs.get("data-id") == "story"]
    assert [(s.attrs["id"], s.attrs["data-label"]) for s in sections] == [("a1", "clean"), ("a2", "spun")]
    (block,) = [d for d in root.find_all("div") if d.attrs.get("data-copy") == "story"]
    header = "".join(th.text() for th in block.find_all("th"))
    assert "original: story (AFP)" in header and "garbled copy: story (blog)" in header
    (story,) = [s for s in root.find_all("section") if s.attrs.get("data-story") == "story-0001"]
    links = [(a.attrs["href"], a.parent.text()) for a in story.find_all("a") if a.parent.tag == "li"]
    assert [href for href, _ in links] == ["#a1", "#a2"] and "(original)" in links[0][1]
    cards = {d.attrs["data-count"]: d.text() for d in root.find_all("div") if "data-count" in d.attrs}
    assert cards["garbled copies"].startswith("1")


def test_summary_counts_an_agency_under_its_names_as_one_source() -> None:
    # The trust table has one row for "AFP" and "Agence France-Presse" (trust.ranking.source_key);
    # the summary beside it counted two sources.
    orig, spun, flags = spun_pair()
    again = Article(id="again", text=orig.text + " More.", source="Agence France-Presse", scores={"trust": 0.9})
    root = parse(render_report([orig, again, spun], flags, []))
    cards = {d.attrs["data-count"]: d.text() for d in root.find_all("div") if "data-count" in d.attrs}
    assert cards["sources"].startswith("2")
    items = [li.text() for li in root.find_all("li") if li.parent.attrs.get("class") == "sources-list"]
    assert [t.split(" (")[0] for t in items] == ["Agence France-Presse", "blog"]
    assert "from 2 sources" in root.find_all("header")[0].text()


def test_render_is_deterministic() -> None:
    orig, spun, flags = spun_pair()
    assert render_report([orig, spun], flags, []) == render_report([orig, spun], flags, [])


# --- the seeds, end to end -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_report(seeds_dir: Path) -> tuple[str, FlagResult, list[dict[str, object]]]:
    from analyzer import api
    from analyzer.report import build_report

    page, errors = build_report([seeds_dir])
    assert errors == []
    flagged = api.flag_paths([seeds_dir])
    return page, flagged, api.trust_paths([seeds_dir]).sources


def test_seeds_report_summary_and_trust_table(seeds_report) -> None:  # type: ignore[no-untyped-def]
    page, flagged, sources = seeds_report
    root = parse(page)
    cards = {d.attrs["data-count"]: d.text() for d in root.find_all("div") if "data-count" in d.attrs}
    assert cards["articles"].startswith("5")
    assert cards["sources"].startswith(str(len({a.source for a in flagged.articles})))
    (table,) = [t for t in root.find_all("table") if t.attrs.get("id") == "trust-table"]
    rows = table.find_all("tbody")[0].find_all("tr")
    assert [r.attrs["data-source"] for r in rows] == [s["source"] for s in sources]
    (chart,) = [s for s in root.find_all("svg") if s.attrs.get("id") == "trust-chart"]
    assert [g.attrs["data-source"] for g in chart.find_all("g", class_="row")] == [s["source"] for s in sources]
    assert len(root.find_all("section", class_="article")) == 5


def test_seeds_report_highlights_every_evidence_span(seeds_report) -> None:  # type: ignore[no-untyped-def]
    page, flagged, _ = seeds_report
    root = parse(page)
    total = 0
    for article in flagged.articles:
        section = article_section(root, article.id)
        ordered = sorted(article.evidence, key=lambda e: (e.start, e.end, e.signal, e.kind))
        for n, ev in enumerate(ordered, start=1):
            anchor = section.attrs["id"]
            assert evidence_text(section, f"{anchor}-e{n}") == ev.text
            total += 1
    assert total >= 20


def test_seed_003_spun_phrases_carry_their_suggestion(seeds_report) -> None:  # type: ignore[no-untyped-def]
    page, flagged, _ = seeds_report
    root = parse(page)
    (spun,) = [a for a in flagged.articles if a.id.startswith("003_")]
    section = article_section(root, spun.id)
    suggested = [e for e in spun.evidence if e.signal == "translation" and e.suggestion]
    assert suggested, "the translation signal flags no spun phrase in seed 003"
    for ev in suggested:
        marks = [m for m in innermost_marks(section) if ev.suggestion in m.attrs.get("title", "")
                 and m.text() and m.text() in ev.text]
        assert marks, (ev.text, ev.suggestion)
        assert "sig-translation" in marks[0].classes()
    # The spinner's signature substitution: "japanese Syria" for "eastern Syria".
    japanese = [m for m in innermost_marks(section) if m.text().lower().startswith("japanese")
                and "eastern" in m.attrs.get("title", "") and "sig-translation" in m.classes()]
    assert japanese


def test_cli_report_writes_the_file(seeds_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from analyzer.cli import app

    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(seeds_dir), "--output", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # atomic: no temporary file left


FEED_TEXT = ('<p>Aid reached <a href="https://example.com/syria">japanese Syria</a> on <em>Monday</em>.</p>\n'
             "<p>Officials said the convoy was safe.</p>")


def feed_article() -> Article:
    """An article whose text kept its feed's markup, with a spun phrase inside a link."""
    start = FEED_TEXT.index("japanese")
    return Article(id="feed", text=FEED_TEXT, scores={"trust": 0.5},
                   evidence=[Evidence.at(FEED_TEXT, start, start + 14, signal="translation", kind="tortured_phrase",
                                         reason="r", suggestion="eastern Syria")])


def test_markup_left_in_the_text_is_not_shown() -> None:
    # The report shows the article as a page does: the feed's tags are no text (Article.text hides
    # them at the same length, so the evidence offsets into the file still hold).
    root = parse(render_report([feed_article()]))
    section = article_section(root, "feed")
    shown = section.text()
    assert "Aid reached japanese Syria" in shown and "Officials said the convoy was safe." in shown
    assert "href" not in shown and "<p>" not in shown and "<em>" not in shown
    assert evidence_text(section, "a1-e1") == "japanese Syria"


def test_a_file_name_that_is_not_utf8_is_shown_not_a_crash(tmp_path: Path, seeds_dir: Path) -> None:
    import os

    from analyzer.report import build_report

    folder = tmp_path / "in"
    folder.mkdir()
    # An archive unzipped from Windows: the name's byte \xe9 is no UTF-8.
    name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(name, "wb") as handle:
        handle.write((seeds_dir / "000_a6a572ebb9df023c.txt").read_bytes())
    page, errors = build_report([folder])
    assert errors == [] and "caf\ufffd" in page
    page.encode("utf-8")


def test_cli_report_ranks_with_the_given_model(seeds_dir: Path, tmp_path: Path) -> None:
    """`report --model FILE` shows the trust that `trust --model FILE` gives, not the shipped model's."""
    import json
    import re

    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.resources import model_path

    data = json.loads(model_path("trust.json").read_text(encoding="utf-8"))
    data["intercept"] = -60.0  # every article near 0: no source can keep the shipped model's trust
    model = tmp_path / "own.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(seeds_dir), "--output", str(out), "--quiet",
                                      "--model", str(model), "--jobs", "1", "--max-articles", "100"])
    assert result.exit_code == 0, result.output
    shown = re.findall(r": trust ([0-9.]+)", out.read_text(encoding="utf-8"))
    # Every article near 0: each one-article source at the uniform prior's floor, 1 / (2 + 1 / PHI) (0.13;
    # an article counts as 1 / PHI outcomes), where the shipped model keeps the clean seeds near 0.86.
    from analyzer.trust.ranking import PHI, PRIOR_MEAN, PRIOR_STRENGTH

    floor = round(PRIOR_STRENGTH * PRIOR_MEAN / (PRIOR_STRENGTH + 1 / PHI), 2)
    assert len(shown) == 5 and all(float(t) == floor for t in shown), (shown, floor)
    # The page names the model that ranked its sources: a reader took a newsroom model's ranking
    # for the shipped model's (session 26 bug hunt, X1). The shipped model's page names none.
    assert f"<p class=model>Trust from the model {model} (../shared/data: " in out.read_text(encoding="utf-8")
    assert "not the shipped one" in out.read_text(encoding="utf-8")
    shipped = tmp_path / "shipped.html"
    assert CliRunner().invoke(app, ["report", str(seeds_dir), "-o", str(shipped), "--quiet"]).exit_code == 0
    assert "class=model" not in shipped.read_text(encoding="utf-8")


def _report_of_an_english_and_a_spanish_source(tmp_path: Path, seeds_dir: Path) -> str:
    """The report of a wire source's English article and a source whose one article is Spanish."""
    from analyzer.report import build_report

    (tmp_path / "en.txt").write_text((seeds_dir / "004_5cf1ccbb3be23d88.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    (tmp_path / "es.txt").write_text("El ministro de Agricultura anunció el martes un paquete de ayudas para los "
                                     "agricultores afectados por la sequía, según informó la agencia oficial.",
                                     encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,source\nen.txt,Wire\nes.txt,Diario\n", encoding="utf-8")
    page, _ = build_report([tmp_path])
    return page


def test_the_trust_table_says_which_articles_were_not_judged_and_why(tmp_path: Path, seeds_dir: Path) -> None:
    """A source whose articles are in another language is listed at the prior: the table says so."""
    page = _report_of_an_english_and_a_spanish_source(tmp_path, seeds_dir)
    table = page[page.index('id="trust-table"'):]
    assert ">not judged<" in table
    assert 'title="no article judged for trust (language es 1; the signals read en)" data-sort="Diario"' in table


def test_the_chart_draws_no_trust_for_a_source_with_no_article_judged(tmp_path: Path, seeds_dir: Path) -> None:
    """Its trust is the run's prior: a bar of 0.89 beside the judged sources read as a measurement
    (a helper's bug hunt)."""
    page = _report_of_an_english_and_a_spanish_source(tmp_path, seeds_dir)
    chart = page[page.index('id="trust-chart"'):page.index("</svg>", page.index('id="trust-chart"'))]
    rows = {m.group(1): m.group(2) for m in re.finditer(r'<g class="row[^"]*" data-source="([^"]+)">(.*?)</g>', chart)}
    assert set(rows) == {"Wire", "Diario"}
    assert 'class="bar' in rows["Wire"] and 'class="bar' not in rows["Diario"] and 'class="ci"' not in rows["Diario"]
    assert ">not judged<" in rows["Diario"] and ": trust" not in rows["Diario"]
    table = page[page.index('id="trust-table"'):]
    diario = table[table.index('data-source="Diario"'):]
    assert '<td data-sort="">–</td>' in diario[:diario.index("</tr>")]


# A DOM of the few calls report.js makes, enough to click a sortable table's headers under node.
_SORT_HARNESS = """
const [script, table, clicks] = JSON.parse(require("fs").readFileSync(0, "utf8"));
function attrs(values) {
  return {getAttribute: (n) => (n in values ? values[n] : null), setAttribute: (n, v) => { values[n] = v; },
          removeAttribute: (n) => { delete values[n]; }};
}
const body = {rows: table.rows.map((cells) => ({cells: cells.map((v) => attrs({"data-sort": v}))})),
              appendChild(row) { this.rows.splice(this.rows.indexOf(row), 1); this.rows.push(row); }};
const handlers = [];
const heads = table.head.map((_, i) => Object.assign(attrs({}), {
  querySelector: () => ({addEventListener: (_e, f) => { handlers[i] = f; }})}));
const tbl = {tBodies: [body], tHead: {rows: [{cells: heads}]}};
global.document = {querySelectorAll: (q) => (q === "table.sortable" ? [tbl] : []), body: attrs({})};
eval(script);
const out = clicks.map((i) => { handlers[i](); return body.rows.map((r) => r.cells[i].getAttribute("data-sort")); });
process.stdout.write(JSON.stringify(out));
"""


def rows_with_one_not_judged() -> list[dict[str, object]]:
    """Trust rows of three sources, the second (Diario) with no article judged: its trust cell is empty."""
    base = {"garbled": 0, "translation": 0.1, "boilerplate": 0.1, "attribution": 0.5, "hedging": 0.1}
    return [{**base, "rank": 1, "source": "Wire", "articles": 3, "trust": 0.81, "trust_low": 0.7, "trust_high": 0.9,
             "not_judged": 0},
            {**base, "rank": 2, "source": "Diario", "articles": 1, "trust": 0.62, "trust_low": 0.3,
             "trust_high": 0.9, "not_judged": 1},
            {**base, "rank": 3, "source": "Blog", "articles": 2, "trust": 0.35, "trust_low": 0.2, "trust_high": 0.5,
             "not_judged": 0}]


def test_the_trust_table_sorts_a_source_not_judged_last_either_way() -> None:
    """Its trust cell is empty (the run's prior, not a judgement): sorted ascending it had come first,
    above the least trusted source (bug hunt 30). report.js, run under node on the table's cells."""
    import shutil
    import subprocess

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("node is not installed")
    rows = rows_with_one_not_judged()
    (table,) = [t for t in parse(report._trust(rows)).find_all("table") if t.attrs.get("id") == "trust-table"]
    (thead,) = table.find_all("thead")
    (tbody,) = table.find_all("tbody")
    cells = [[str(td.attrs.get("data-sort")) for td in tr.find_all("td")] for tr in tbody.find_all("tr")]
    column = [label for _, label, _ in report.TRUST_COLUMNS].index("trust")
    assert [row[column] for row in cells] == ["0.81", "", "0.35"]
    data = json.dumps([report._asset("report.js"), {"head": [th.text() for th in thead.find_all("th")], "rows": cells},
                       [column, column, 1]])
    done = subprocess.run([node, "-e", _SORT_HARNESS], input=data, capture_output=True, text=True, timeout=60,
                          check=True)
    ascending, descending, by_source = json.loads(done.stdout)
    assert ascending == ["0.35", "0.81", ""]
    assert descending == ["0.81", "0.35", ""]
    assert by_source == ["Blog", "Diario", "Wire"]  # other columns sort as before


def test_report_says_a_garbled_copy_is_held_and_names_its_original(tmp_path: Path, seeds_dir: Path) -> None:
    """Session 26: the trust table's rescoring holds a copy `flag` finds spun at 0.4; the report's
    table (the source's tooltip) and the copy's section say why."""
    from analyzer.report import build_report
    from tests.helpers import spun_pair

    page, errors = build_report([spun_pair(tmp_path, seeds_dir)])
    assert errors == []
    root = parse(page)
    (table,) = [t for t in root.find_all("table") if t.attrs.get("id") == "trust-table"]
    assert [r.attrs["data-source"] for r in table.find_all("tbody")[0].find_all("tr")] == ["Wire", "Blog"]
    assert 'title="held at 0.029: garbled copy of orig (spun) (1 article), mean 0.03 shrunk to 0.15 toward ' in page
    (copy,) = [s for s in root.find_all("section", class_="article") if s.attrs.get("data-id") == "copy"]
    assert "trust held at 0.029: garbled copy of orig (spun)" in copy.text()
    (orig,) = [s for s in root.find_all("section", class_="article") if s.attrs.get("data-id") == "orig"]
    assert "held at" not in orig.text()


def test_report_says_a_machine_translation_is_held_by_its_direction(tmp_path: Path, shared_data: Path) -> None:
    """A machine translation beside its original is held at (1 - its flag's probability) x its own trust
    (WMT21 ja-en yahoo-ja.978355: flag right with p 0.68, own trust 0.739, held at 0.236, not 0.029): the
    copy's section and its story block say so."""
    from analyzer.report import build_report

    rows = [json.loads(line) for line in (shared_data / "mt" / "wmt_dev_docs.jsonl").read_text(encoding="utf-8")
            .splitlines() if '"doc_id": "yahoo-ja.978355"' in line and '"lang_pair": "ja-en"' in line]
    path = tmp_path / "pair.jsonl"
    path.write_text("".join(json.dumps({"id": r["label"], "source": r["label"], "text": r["text"]}) + "\n"
                            for r in rows), encoding="utf-8")
    page, errors = build_report([path])
    assert errors == []
    root = parse(page)
    (copy,) = [s for s in root.find_all("section", class_="article") if s.attrs.get("data-id") == "machine_translation"]
    assert ("trust held at 0.236: garbled copy of human_translation (machine_translated, flag right with p 0.68, "
            "so 0.319 x own trust 0.739)" in copy.text())
    (block,) = [d for d in root.find_all("div") if d.attrs.get("data-copy") == "machine_translation"]
    assert "flag right with p 0.68" in block.text()


def test_character_references_show_as_the_characters_they_stand_for() -> None:
    # Bug hunt 30 and 31: a CMS export's "ministry&#8217;s" and "AT&amp;T" had shown raw in the article
    # text and the diff rows. Display only: the span and its footnote keep the offsets of the JSON output.
    text = "The ministry&#8217;s spokesman said AT&amp;T would pay &pound;5m for the clich&eacute;."
    shown = _shown_text(text, "refs")
    assert shown.text() == "The ministry’s spokesman said1 AT&T would pay £5m for the cliché."
    diff = diff_copy("The ministry's plan was late.", "The ministry&#8217;s plan was overdue.")
    assert "ministry’s" in diff.rows[0][1] and "&#8217;" not in diff.rows[0][1]


def test_a_count_of_one_is_singular_in_the_chart_and_explain() -> None:
    """The trust chart's tooltip said "1 articles", explain's table "evidence (1 spans)" (bug hunt 31b, R4)."""
    import io

    from rich.console import Console

    from analyzer.explain import render

    rows = [{"rank": 1, "source": "Solo", "articles": 1, "trust": 0.9, "trust_low": 0.4, "trust_high": 1.0},
            {"rank": 2, "source": "Many", "articles": 2, "trust": 0.8, "trust_low": 0.5, "trust_high": 0.95}]
    chart = report._chart(rows)
    assert "1.00), 1 article</title>" in chart and "0.95), 2 articles</title>" in chart
    article = Article(id="a", text="Officials said it.", scores={"trust": 0.5})
    article.evidence = [Evidence("attribution", "reporting_verb", 10, 14, "said", "A reporting verb.")]
    console = Console(file=io.StringIO(), record=True, width=100, force_terminal=False)
    render(article, console)
    assert "evidence (1 span)" in console.export_text()


def test_an_articles_scores_say_what_they_measure_and_not_judged_where_not_measured() -> None:
    """The report drew "attribution 0.00" with a bar for a French article, whose attribution, hedging
    and translation were never measured (explain says "not judged"), its trust with no word that it
    is not meaningful there, and no score said what it measures (bug hunt 31b, R5)."""
    from analyzer.pipeline import score_text

    french = score_text("Le gouvernement a annoncé lundi une nouvelle réforme des retraites, qui sera présentée "
                        "au Parlement la semaine prochaine. Selon le ministre du Travail, le texte prévoit un "
                        "relèvement progressif de l'âge légal de départ.")
    assert french.language == "fr"
    scores = report._scores(french)
    assert 'data-score="attribution" title="share of sentences attributed: not judged">attribution <b>–</b>' in scores
    assert "0.00" not in scores.split('data-score="boilerplate"')[0]  # translation: not drawn as a zero
    assert '<span class="muted">not judged</span></span></div>' in scores  # beside the trust
    english = report._scores(overlap_article())
    assert 'title="Flesch reading ease (higher = easier)"' in english and "not judged" not in english


def test_the_trust_caption_says_what_the_interval_and_the_signal_columns_are() -> None:
    """The report's trust table named no interval mass, no prior and not that its signal columns are
    means (bug hunt 31b, R6)."""
    rows = [{"rank": 1, "source": "Solo", "articles": 1, "trust": 0.9, "trust_low": 0.4, "trust_high": 1.0}]
    caption = report._trust(rows)
    assert "95% interval" in caption and "shrunk toward 0.5 by the uniform prior" in caption
    assert "ranked by the interval's low end" in caption
    assert "hedging are means over the source's articles" in caption


def test_a_flags_similarity_says_what_it_is() -> None:
    """A story's flagged copy showed "similarity 0.88" with nothing saying what is compared (bug hunt
    31b, R7)."""
    orig, spun, flags = spun_pair()
    page = render_report([orig, spun], flags, [])
    assert re.search(r'<span class="muted" title="TF-IDF cosine of the copy[^"]*">similarity ', page)


def test_stories_place_each_flag_by_its_copy_not_by_scanning_every_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each story scanned every flag for its own (stories x flags lookups: h32f, 20,000 scored articles
    # with ~11,000 stories and ~2,600 flags). Counted, not timed: the lookups of a flag's copy grow with
    # the flags, not with stories x flags. The flags still land in their own stories, in order.
    lookups = 0
    copy = report._Articles.copy

    def counted(self: report._Articles, flag: Flag) -> Article | None:
        nonlocal lookups
        lookups += 1
        return copy(self, flag)

    monkeypatch.setattr(report._Articles, "copy", counted)
    n = 60
    articles = [Article(id=f"a{k}", text=f"Text {k}.", source="s") for k in range(2 * n)]
    stories = [{"story": f"story-{k}", "articles": [f"a{2 * k}", f"a{2 * k + 1}"], "original": f"a{2 * k}",
                "paths": [None, None]} for k in range(n)]
    flags = [Flag(f"a{2 * k + 1}", "spun", f"a{2 * k}", 0.9) for k in range(0, n, 6)]
    index = report._Articles(articles)
    html = report._stories(FlagResult(stories, flags, []), index)
    assert lookups <= 8 * len(flags)
    for k in range(0, n, 6):
        section = html.split(f'data-story="story-{k}"')[1].split("</section>")[0]
        assert f'data-copy="a{2 * k + 1}"' in section
    assert html.count('class="flagged"') == len(flags)


def test_report_is_made_in_pieces_of_one_article_or_story_each() -> None:
    # The page was one string: ~500 MB of HTML for 20,000 articles, held as Python text of up to 4
    # bytes a character and copied by each concatenation, took `report`'s peak memory to several GB
    # (h32f). The command writes report_parts' pieces one at a time: none holds two articles' sections
    # or two stories' diffs, and joined they are render_report's page.
    orig, spun, flags = spun_pair()
    others = [Article(id=f"o{k}", text=f"Another story {k}, told plainly.", source="s") for k in range(5)]
    for a in others:
        a.scores["trust"] = 0.5
    articles = [orig, spun, *others]
    parts = list(report.report_parts(articles, flags, []))
    assert "".join(parts) == render_report(articles, flags, [])
    assert max(p.count('<section class="article"') for p in parts) == 1
    assert sum(p.count('<section class="article"') for p in parts) == len(articles)
    assert max(p.count('<div class="flagged"') for p in parts) == 1


def _many(n: int) -> tuple[list[Article], FlagResult]:
    """spun_pair's two copies after n plain articles, and a second spun copy of the same original."""
    orig, spun, result = spun_pair()
    again = Article(id="again", text=spun.text.replace("Breaking News", "Latest"), source="farm", label="spun",
                    scores={"trust": 0.2})
    plain = [Article(id=f"p{k}", text=f"Plain story {k}, told by a reporter who was there.", source=f"s{k % 3}",
                     scores={"trust": 0.5}) for k in range(n)]
    flags = [*result.flags, Flag("again", "spun", "orig", 0.6, [])]
    story = {"story": "story-0001", "articles": ["orig", "spun", "again"], "original": "orig"}
    return [*plain, orig, spun, again], FlagResult([story], flags, [])


def test_a_large_run_s_page_holds_capped_sections_and_diffs_and_says_what_it_left_out() -> None:
    # A page of every article of a 20,000-article run is ~500 MB of HTML (h32f), which no browser
    # opens usably: the page holds max_articles sections (the garbled copies first, then their
    # originals) and max_diffs diffs, lists every article and flagged copy, and says what it left out
    # and where (h33d).
    articles, flags = _many(6)
    page = report.Page(articles, flags, [], max_articles=4, max_diffs=1, companion="r.articles.jsonl")
    html = "".join(page.parts())
    dom = parse(html)
    sections = [s.attrs["data-id"] for s in dom.find_all("section", class_="article")]
    assert sections == ["p0", "orig", "spun", "again"]  # in input order; garbled and originals first
    assert [a.id for a in page.left_out()] == [f"p{k}" for k in range(1, 6)]
    records = list(page.left_out_records())
    assert [r["id"] for r in records] == [f"p{k}" for k in range(1, 6)] and all(r["flag"] is None for r in records)
    assert "scores" in records[0] and "evidence" in records[0]
    # Every article stays in the table; one whose section is left out is named, not linked.
    rows = dom.find_all("table", id="articles-table")[0].find_all("tr")[1:]
    assert len(rows) == len(articles)
    assert [bool(r.find_all("a")) for r in rows] == [True, False, False, False, False, False, True, True, True]
    assert all(a.attrs["href"][1:] in {s.attrs["id"] for s in dom.find_all("section", class_="article")}
               for a in dom.find_all("a") if re.fullmatch(r"#a\d+", a.attrs.get("href", "")))
    # Both flagged copies are listed; one beside its original as a diff, the other with its spans.
    assert len(dom.find_all("div", class_="flagged")) == 2
    assert len(dom.find_all("table", class_="diff")) == 1
    assert "Its diff beside" in html
    note = dom.find_all("p", class_="left-out")[0].text()
    assert "the sections of 4 of 9 articles" in note and "1 of 2 flagged copies" in note
    assert "r.articles.jsonl" in note and "--full-page" in note
    # No cap: the page of render_report, every section and diff, no note.
    whole = "".join(report.Page(articles, flags, []).parts())
    assert whole == render_report(articles, flags, [])
    assert "left-out" not in whole and whole.count('<section class="article"') == len(articles)


def test_cli_report_of_a_large_run_writes_the_articles_left_out_beside_the_page(
        seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from analyzer.cli import app

    monkeypatch.setattr(report, "PAGE_MAX_ARTICLES", 2)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(seeds_dir), "--output", str(out)])
    assert result.exit_code == 0, result.output
    companion = tmp_path / "report.articles.jsonl"
    records = [json.loads(line) for line in companion.read_text(encoding="utf-8").splitlines()]
    page = out.read_text(encoding="utf-8")
    assert page.count('<section class="article"') == 2
    assert len(records) == len(list(seeds_dir.glob("*.txt"))) - 2
    assert all(f'data-id="{r["id"]}"' not in page for r in records)
    assert "report.articles.jsonl" in page and f"{len(records)} articles not shown" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.articles.jsonl", "report.html"]  # atomic
    # --full-page: every section, no companion written (the one above is left as it was).
    full = tmp_path / "full.html"
    result = CliRunner().invoke(app, ["report", str(seeds_dir), "-o", str(full), "--full-page", "--quiet"])
    assert result.exit_code == 0, result.output
    assert full.read_text(encoding="utf-8").count('<section class="article"') == len(records) + 2
    assert not (tmp_path / "full.articles.jsonl").exists()


def test_the_page_of_a_small_folder_is_the_whole_page(seeds_dir: Path, tmp_path: Path) -> None:
    # Under the caps nothing is left out: the command's page is render_report's, byte for byte, and no
    # companion file is written.
    from typer.testing import CliRunner

    from analyzer.cli import app

    out = tmp_path / "report.html"
    assert CliRunner().invoke(app, ["report", str(seeds_dir), "-o", str(out), "--quiet"]).exit_code == 0
    page, _ = report.build_report([seeds_dir])
    assert out.read_text(encoding="utf-8") == page
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_write_report_caps_the_page_as_the_command_does(seeds_dir: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # The Python API wrote the whole page, however large, while the command capped it (h33d): the
    # caps and the companion now live in report_page / write_page, which both use.
    import contextlib

    monkeypatch.setattr(report, "PAGE_MAX_ARTICLES", 2)
    out = tmp_path / "report.html"
    assert report.write_report([seeds_dir], out) == []
    records = (tmp_path / "report.articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert out.read_text(encoding="utf-8").count('<section class="article"') == 2
    assert len(records) == len(list(seeds_dir.glob("*.txt"))) - 2
    # The companion first, the page last: a page never names a companion that is not written.
    page, _, companion = report.report_page([seeds_dir], out)
    opened: list[str] = []

    @contextlib.contextmanager
    def recording(path):  # type: ignore[no-untyped-def]
        opened.append(Path(path).name)
        with open(os.devnull, "w", encoding="utf-8") as sink:
            yield sink

    assert report.write_page(page, out, companion, opener=recording) == len(records)
    assert opened == ["report.articles.jsonl", "report.html"]
    full = tmp_path / "full.html"
    report.write_report([seeds_dir], full, full_page=True)
    assert full.read_text(encoding="utf-8").count('<section class="article"') == len(records) + 2
    assert not (tmp_path / "full.articles.jsonl").exists()
