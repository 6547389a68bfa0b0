"""Boilerplate line patterns: kinds the lexicon gives lines on their own, body lines it leaves
alone, the lexicon's form, and the teaser-section headings."""

from __future__ import annotations

import re

import pytest

from analyzer import lexicons
from analyzer.signals.boilerplate_patterns import line_kind, section_heads, section_labels


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("[ad_2]Source link", "scraper_residue"),
        ("[source_without_link]Agence France-Presse[/source_without_link]", "scraper_residue"),
        ("?? ??", "scraper_residue"),
        ("Media playback is not supported on your device", "caption"),
        ("Image copyright Getty Images", "caption"),
        ("Author's right of the image", "caption"),
        ("Author’s right of the image", "caption"),  # typeset apostrophe
        ("Editor’s picks", "navigation"),
        ("Legend of the mediaRicardo Vilanova returns to the place", "caption"),
        ("Photo of the file showing fighters in the east of the country, May 1, 2018", "caption"),
        ("Newspapers in English", "navigation"),
        ("Newspapers from United Arab Emirates", "navigation"),
        ("Breaking News", "navigation"),
        ("The National - News", "navigation"),
        ("Skip to main content", "navigation"),
        ("Home | World | Business | Sport", "navigation"),
        ("No comments", "comments"),
        ("Your email address will not be published. Required fields are marked *", "comments"),
        ("-", "separator"),
        ("Share", "share_buttons"),
        ("Facebook Twitter Email", None),  # three labels without separators: left to the context rules
        ("Facebook, Twitter, Email", "share_buttons"),
        ("This site uses cookies. By continuing to browse the site you agree to our use of cookies.", "cookie_notice"),
        ("© 2019 Salon.com, LLC. All rights reserved.", "legal"),
        ("Sign up for our daily newsletter to get the latest news in your inbox.", "promo"),
        ("Follow her on Twitter: @somebody", "author_bio"),
        ("By Paul Ausick December 29, 2014 4:08 pm EST", "byline_dateline"),
        ("December 29, 2014", "byline_dateline"),
        # The Reuters sign-off: its "Editing by" had been flagged as a spun "Writing by".
        ("(Reporting by John Smith in Washington; Additional reporting by Jane Doe; Editing by Mary Jones)",
         "byline_dateline"),
        ("ALSO READ: 5 Top Tech Stocks for 2015", "related_links"),
        ("{* loginWidget *}", "scraper_residue"),
        ("{{ article.title }}", "scraper_residue"),
        ("Submit your letter to the editor via this form.", "promo"),
        ("Please understand that comments are moderated and it is not always possible to publish all.", "comments"),
        ("For the latest stories download the Example News apps for iOS and Android.", "promo"),
        ("Follow The Example Times on Twitter and Instagram", "promo"),
    ],
)
def test_line_kinds(line: str, kind: str | None) -> None:
    assert line_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The Syrian Observatory for Human Rights said 35 militants were killed.",
        "US-backed Syria offensive kills 35 Islamic State militants",
        "Share prices fell sharply on Monday after the bank warned on profits.",
        "– Civilians killed in far east? –",
        "Comments by the minister drew criticism from the opposition.",
        "The app was downloaded a million times in its first week.",
        "He said the minister would follow the talks on Monday.",
    ],
)
def test_body_lines_match_no_pattern(line: str) -> None:
    assert line_kind(line) is None


def test_patterns_compile_without_capturing_groups() -> None:
    # The combined regexes find the matching rule by its named group; inner groups must not capture.
    for row in lexicons.load("boilerplate_patterns"):
        assert re.compile(row["pattern"]).groups == 0, row["pattern"]
        assert row["strength"] in ("strong", "weak")
        assert int(row["max_words"]) >= 0


@pytest.mark.parametrize(
    ("line", "head"),
    [("Related", True), ("Most read:", True), ("You may also like", True), ("More from Reuters", True),
     ("Related Coverage", True), ("Recent Posts", True), ("What happens next", False), ("Related issues remain", False),
     ("The minister's related remarks", False)],
)
def test_section_heads(line: str, head: bool) -> None:
    assert bool(section_heads().fullmatch(line)) is head


@pytest.mark.parametrize(
    ("line", "label"),
    [("World", True), ("Middle East", True), ("World / Middle East", True), ("US & Canada", True),
     ("Science and Environment", True), ("Sport > Football", True), ("Worldwide", False),
     ("Middle East peace talks resume", False), ("Business leaders meet", False)],
)
def test_section_labels(line: str, label: bool) -> None:
    assert bool(section_labels().fullmatch(line)) is label


def test_a_standalone_dateline_is_a_byline_dateline() -> None:
    # A place in capitals, then the date or a dash, alone on its line: the article's header.
    for line in ("LONDON, 10 May 2005", "SPRINGFIELD, Ill., May 10", "WASHINGTON —"):
        assert line_kind(line) == "byline_dateline", line
    # Not a place in capitals, or a dateline opening the body's first paragraph.
    for line in ("London, 10 May 2005", "LONDON (Reuters) - The minister said on Monday that talks would resume."):
        assert line_kind(line) is None, line


@pytest.mark.parametrize("line", [
    "By 2010, it expects to nearly double sales to 400,000 cars.", "By then, the talks had stalled.",
    "By Friday, the river had burst its banks.", "By the end of the year, prices had doubled.",
    "By now the talks had moved on to the next stage.", "By far the biggest change is in the north.",
    "By March 2020, the virus had spread.", "By June, prices were up.", "By mid-2021 the plant was open.",
    "By early afternoon, crowds had gathered.", "By using the new method, researchers cut costs.",
    "By May the company had hired 200 staff.", "By 9am the queue stretched around the block.",
    "By the time police arrived, the men had fled.", "By Monday morning the strike was over.",
    "By law, employers must pay the minimum wage.", "By some estimates, 3,000 people were killed.",
    "By Thursday's deadline, no deal had been reached.", "By each measure, it failed.",
    "By every account, the vote was close.",
])
def test_a_sentence_opening_with_by_is_no_byline(line: str) -> None:
    # The byline pattern took any line of up to 16 words opening with "By" (h24c's open note).
    assert line_kind(line) is None


@pytest.mark.parametrize("line", [
    "By June 2016, most of the code base was ported to our modern import convention",
    "By March 3 the company had", "By Dec. 12, officials in the city", "By JUNE 2016 the plant",
    "By September 2001 the", "by may 5,",
])
def test_a_hard_wrapped_fragment_opening_with_by_a_month_and_a_figure_is_no_byline(line: str) -> None:
    # A line cut from a hard-wrapped paragraph has no end punctuation, so the sentence exclusion above
    # does not reach it; a month followed by a year or a day is no name (closing 25, left open).
    assert line_kind(line) is None


@pytest.mark.parametrize("line", [
    "By John Smith", "By JOHN SMITH, AFP", "By Staff Reporter", "By Jane Doe, Business reporter", "by admin",
    "Posted by admin | March 3, 2020", "By The Associated Press", "By the Associated Press", "By Our Foreign Staff",
    "By a Staff Reporter", "By June Thomas", "By April Smith", "By Summer Brennan", "By Irving Washington",
    "By May Jeong, BBC News", "By Chance Smith", "By Dr. Ann Lee", "By Mark Thompson and Jane Doe",
    "By June Smith", "By JUNE THOMAS", "By June Thomas, BBC News, 3 June 2016", "By Mark Smith, June 3 2016",
])
def test_bylines_stay_bylines(line: str) -> None:
    assert line_kind(line) == "byline_dateline"


@pytest.mark.parametrize("line", [
    "The Daily Herald newspaper is cutting 90 journalist jobs, the company said on Monday.",
    "The Herald is the latest newspaper to cut 90 journalist jobs.",
    "The paper is hiring a reporter for its Washington bureau.",
    "Katerina Thanou is confident she and fellow sprinter Kostas Kenteris will not be punished.",  # bbc_dev
])
def test_a_news_sentence_naming_a_role_is_no_author_bio(line: str) -> None:
    """The author-bio row took a news lede for a bio ("... is cutting 90 journalist jobs": subject,
    "is", up to five words, a role word), and the lede was dropped as boilerplate at the top of the
    text (h26c's open note; session 27)."""
    assert line_kind(line) is None


@pytest.mark.parametrize("line", [
    "Jane Doe is a reporter at the Daily Herald.",
    "Jane Doe is a reporter for the Daily Herald.",
    "John Smith is a journalist covering climate and energy.",
    "Jane Doe is managing editor of the Daily Herald.",
    "John Smith is a senior writer.",
    "Jane Doe is an editor-at-large at Vox.",
    "The writer is a senior fellow at the Brookings Institution.",
    "Jane Doe has been working as a reporter for the Herald since 2010.",
    "Jane Doe is a journalist based in Paris.",
    "Ann Coulter is a political commentator and author.",
    "Jens Manuel Krogstad is a Writer/Editor at the Pew Research Center's Hispanic Trends Project.",
    "Candice Sealey is the Founder & Principal Consultant at Ignite!",
    "Craig is a freelance UK web consultant who built his first page for IE2.0 in 1995.",
])
def test_author_bios_stay_author_bios(line: str) -> None:
    assert line_kind(line) == "author_bio"


def test_a_long_run_of_question_marks_is_matched_in_linear_time() -> None:
    # The residue row for lines of question marks ("??" where a scraper lost a script's characters)
    # was written [?\s]*\?\?[?\s]*, which backtracks quadratically on a long run of "?" followed by
    # another character: 40,000 took 5.0 s (review 31b). The same lines match (a lookahead for "??").
    import time

    from analyzer.signals.boilerplate_patterns import match_rule

    started = time.process_time()
    assert match_rule("?" * 100_000 + "a end.") is None
    assert time.process_time() - started < 1.0
    residue = match_rule("?? ???")
    assert residue is not None and residue.kind == "scraper_residue"
