"""Boilerplate signal: evidence and score, the page context rules with the model, seeds and evaluation floors.

Line patterns, the rule layer and the line model have their own test files (test_boilerplate_<module>.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.article import Article
from analyzer.features import RESIDUE_KINDS
from analyzer.pipeline import prepare_context
from analyzer.signals import boilerplate
from analyzer.signals.base import RunContext
from analyzer.signals.boilerplate import boilerplate_signal
from analyzer.signals.boilerplate_patterns import line_kind
from analyzer.signals.language import language_signal
from tests.helpers import load_script

ROOT = Path(__file__).resolve().parents[2]

BODY = [
    "The government announced on Monday that it would raise the minimum wage by five percent next year.",
    "Officials said the increase would help about two million workers who have struggled with rising prices.",
    "Business groups warned that the change could lead some small firms to cut jobs or reduce hours.",
    "The measure still needs the approval of parliament, which is expected to vote on it in the spring.",
]


def run(
    text: str, *, source: str = "unknown", title: str | None = None, context: RunContext | None = None, id: str = "t"
) -> Article:
    article = Article(id=id, text=text, source=source, title=title)
    context = context or RunContext()
    for signal in (language_signal, boilerplate_signal):
        result = signal(article, context)
        article.evidence.extend(result.evidence)
        for key, value in result.fields.items():
            setattr(article, key, value)
    return article


def flagged(article: Article) -> dict[str, str]:
    return {e.text: e.kind for e in article.evidence if e.signal == "boilerplate"}


def test_clean_article_has_no_boilerplate() -> None:
    text = "Minimum wage to rise by five percent\n\n" + "\n\n".join(BODY)
    article = run(text)
    assert flagged(article) == {}
    result = boilerplate_signal(article, RunContext())
    assert result.scores["boilerplate"] == 0.0
    assert len(result.fields["content_ranges"]) == 5


def test_residue_and_score_share() -> None:
    text = "\n".join(["Breaking News", *BODY, "[ad_2]Source link"])
    article = run(text)
    result = boilerplate_signal(article, RunContext())
    bad = len("Breaking News") + len("[ad_2]Source link")
    total = sum(len(line) for line in ["Breaking News", *BODY, "[ad_2]Source link"])
    assert result.scores["boilerplate"] == pytest.approx(bad / total)
    assert flagged(article) == {"Breaking News": "navigation", "[ad_2]Source link": "scraper_residue"}
    for ev in article.evidence:
        assert ev.text == text[ev.start:ev.end]
        assert ev.reason
    # content_ranges cover exactly the body lines
    kept = [text[s:e] for s, e in article.content_ranges]
    assert kept == BODY


def test_article_without_line_breaks_keeps_its_body() -> None:
    # Scraped into one paragraph (a CSV cell, a one-line dump): the residue pattern flags its own
    # sentence, not the whole article as it did when the line was the unit.
    body = " ".join(BODY * 5)
    text = body + " [ad_2]Source link"
    article = run(text)
    assert flagged(article) == {"[ad_2]Source link": "scraper_residue"}
    kept = " ".join(text[s:e] for s, e in article.content_ranges)
    assert kept == body


def test_page_navigation_teasers_and_headline() -> None:
    menu = ["Home", "World", "Business", "Sport", "Technology", "Search this site"]
    teasers = [
        "Related Stories",
        "Storm batters the coast, leaving thousands without power",
        "Local team wins the cup after a dramatic penalty shoot-out",
        "Why house prices keep rising in the capital",
        "Share",
        "Tweet",
        "© 2024 Example News. All rights reserved.",
    ]
    headline = "Minimum wage to rise by five percent"
    text = "\n".join([*menu, headline, "By Jane Smith", "Updated 12:30 GMT", *BODY, *teasers])
    article = run(text)
    bad = flagged(article)
    for line in menu + teasers + ["By Jane Smith", "Updated 12:30 GMT"]:
        assert line in bad, line
    assert headline not in bad
    for line in BODY:
        assert line not in bad
    assert bad["By Jane Smith"] == "byline_dateline"


def test_short_lines_inside_the_body_stay_content() -> None:
    quote, subhead = "'We will not give up'", "What happens next"
    text = "\n".join(["Home", "Menu", "Share", BODY[0], BODY[1], quote, BODY[2], subhead, BODY[3]])
    article = run(text)
    bad = flagged(article)
    assert quote not in bad
    assert subhead not in bad


def test_weak_pattern_between_body_paragraphs_is_content() -> None:
    sentence = "He said the company would publish its new privacy policy next week."
    assert line_kind(sentence) == "legal"  # on its own the line reads like a footer link ...
    text = "\n".join(["Home", "Menu", "Share", BODY[0], BODY[1], sentence, BODY[2], BODY[3], "Privacy Policy"])
    bad = flagged(run(text))
    assert sentence not in bad  # ... but between two body paragraphs it is the article's own
    assert bad.get("Privacy Policy") == "navigation"


SEED_RESIDUE = {
    "000": ["Middle East Eye propose une couverture"],
    "001": [
        "[ad_2]Source link",
        "Media playback is not supported on your device",
        "Author's right of the image",
        "Photo of the file showing",
        "Legend of the media",
    ],
    "002": ["??  ??", "Newspapers in English", "Newspapers from United Arab Emirates", "The National - News", "-"],
    "003": ["No comments", "Breaking News"],
    "004": ["[source_without_link]Agence France-Presse[/source_without_link]"],
}


def test_seeds(seeds_dir: Path) -> None:
    from analyzer.io.readers import read_paths

    articles = [a for a in read_paths([seeds_dir]) if isinstance(a, Article)]
    assert len(articles) == 5
    context = prepare_context(articles)
    # With the title of metadata.csv, and without it (a folder of bare text files).
    for seed_article, title in ((a, t) for a in articles for t in (a.title, None)):
        article = run(seed_article.text, source=seed_article.source, title=title, context=context, id=seed_article.id)
        seed = article.id[:3]
        bad = [e for e in article.evidence if e.signal == "boilerplate"]
        bad_texts = [e.text for e in bad]
        for residue in SEED_RESIDUE[seed]:
            assert any(t.startswith(residue) for t in bad_texts), (seed, residue)
        # No body paragraph is flagged: every flagged line is one of the residue lines.
        for text in bad_texts:
            assert any(text.startswith(r) for r in SEED_RESIDUE[seed]), (seed, text)
        # The headline (first non-residue line) is content.
        first_content = article.text[article.content_ranges[0][0]:article.content_ranges[0][1]]
        assert len(first_content.split()) >= 5


def _load_eval():  # type: ignore[no-untyped-def]
    return load_script("evaluation/eval_boilerplate.py")


# Floors a little below the figures measured by evaluation/eval_boilerplate.py: the shipped
# signal (its model was trained on these pages: in-sample) and grouped cross-validation by outlet
# (each page labelled by a model that never saw its outlet).
F1_FLOORS = {"newspaper3k_pages": 0.89, "trafilatura_page_lines_en": 0.93}
# The cut pages (a page ending in its body, evaluation/boilerplate_data.cut_page) cost the whole
# pages some F1 (0.862 / 0.850 without them, 0.858 / 0.840 with them) and gained 0.879 / 0.789
# -> 0.900 / 0.889 on the cut pages.
CV_F1_FLOORS = {
    "newspaper3k_pages": 0.85, "trafilatura_page_lines_en": 0.83,
    "newspaper3k_pages (cut)": 0.89, "trafilatura_page_lines_en (cut)": 0.88,
}


def test_evaluation_floors(shared_data: Path) -> None:
    module = _load_eval()
    results = module.evaluate(shared_data / "boilerplate", with_justext=False, with_cv=True)
    for name, floor in F1_FLOORS.items():
        assert results[name]["analyzer"]["f1"] >= floor, (name, results[name])
    for name, floor in CV_F1_FLOORS.items():
        assert results[name]["analyzer_cv"]["f1"] >= floor, (name, results[name])


def test_model_decides_on_pages_rules_on_articles() -> None:
    page = "\n".join(["Home", "World", "Share", "Minimum wage to rise by five percent", *BODY, "Tweet", "Most read"])
    article = run(page)
    assert boilerplate_signal(article, RunContext()).details["method"] == "model"
    clean = run("\n".join(BODY))
    assert boilerplate_signal(clean, RunContext()).details["method"] == "rules"


@pytest.mark.parametrize("header", [
    ["Minimum wage to rise by five percent", "By Jane Doe, Business reporter", "10 May 2005"],
    ["Business", "Minimum wage to rise by five percent", "By Jane Doe, Business reporter", "10 May 2005",
     "Updated 10:32 GMT", "LONDON, 10 May 2005"],
])
def test_headline_byline_and_date_keep_the_body(header: list[str]) -> None:
    # A byline and a date are the article's own metadata, not page furniture: they made a plain
    # article a "page", and the line model (whose training pages all end in footers) dropped its
    # last paragraph. The header lines are flagged; the whole body stays content.
    text = "\n\n".join(["\n".join(header), *BODY])
    article = run(text)
    assert boilerplate_signal(article, RunContext()).details["method"] == "rules"
    bad = flagged(article)
    assert set(bad) <= set(header) - {"Minimum wage to rise by five percent"}
    assert bad["By Jane Doe, Business reporter"] == "byline_dateline"
    kept = [text[s:e] for s, e in article.content_ranges]
    assert all(line in kept for line in BODY), kept


@pytest.mark.parametrize("section", ["World", "Middle East", "Business"])
def test_section_label_and_dateline_above_the_headline(section: str) -> None:
    # The site's section label above the headline is its own kind, which trust does not count as
    # residue ("World" had been navigation, "Middle East" content); a dateline line standing
    # alone is the article's header, as the byline and date are.
    header = [section, "Minimum wage to rise by five percent", "By Jane Doe, Business reporter", "10 May 2005",
              "Updated 10:32 GMT", "LONDON, 10 May 2005"]
    text = "\n\n".join(["\n".join(header), *BODY])
    article = run(text)
    bad = flagged(article)
    assert bad[section] == "section_label"
    assert bad["LONDON, 10 May 2005"] == "byline_dateline"
    assert "section_label" not in RESIDUE_KINDS and "section_label" in boilerplate.REASONS
    # One menu item a line: the section names there are the site's menu, not this article's label.
    menu = ["Home", "World", "Middle East", "Business"]
    bad = flagged(run("\n".join([*menu, "Minimum wage to rise by five percent", *BODY])))
    assert "section_label" not in bad.values()
    assert bad["World"] == "navigation"


def test_page_header_with_no_footer_keeps_the_body() -> None:
    # A page header (menu, share bar, section label, byline, date) makes a web page, and the line
    # model decides; with nothing below the body, its last paragraph had been dropped as the
    # footer every training page ends in.
    header = ["Skip to content", "Home", "News", "Sport", "Share this article", "Business",
              "Minimum wage to rise by five percent", "By Jane Doe, Business reporter", "10 May 2005"]
    body = [*BODY, "The minister said the government would publish its full plans for the change in June."]
    text = "\n".join(header) + "\n\n" + "\n\n".join(body)
    article = run(text)
    assert boilerplate_signal(article, RunContext()).details["method"] == "model"
    kept = [text[s:e] for s, e in article.content_ranges]
    assert all(line in kept for line in body), kept


def test_teasers_after_the_body_are_boilerplate_with_the_model() -> None:
    teasers = [
        "More from Example News",
        "Storm batters the coast, leaving thousands without power",
        "Local team wins the cup after a dramatic penalty shoot-out",
        "Why house prices keep rising in the capital",
        "Five things to know about the new bridge",
    ]
    text = "\n".join(["Home", "World", "Share", "Minimum wage to rise by five percent", *BODY, *teasers, "© Example"])
    bad = flagged(run(text))
    for line in BODY:
        assert line not in bad
    assert "Minimum wage to rise by five percent" not in bad
    assert sum(line in bad for line in teasers) >= 4


TEASER_PAGE = [
    "Home", "World", "Share", "Minimum wage to rise by five percent", BODY[0], BODY[1],
    "Related",
    "A small firm turns CO2 into soap",
    "Canada leads on carbon capture",
    BODY[2], BODY[3], "Tweet", "© Example",
]


def test_teasers_under_a_related_heading_inside_the_body_are_boilerplate() -> None:
    article = run("\n".join(TEASER_PAGE))
    bad = flagged(article)
    assert bad[TEASER_PAGE[7]] == "related_links"
    assert bad[TEASER_PAGE[8]] == "related_links"
    # The run stops at the next article paragraph; the headline above the body is not a teaser.
    for line in [*BODY, TEASER_PAGE[3]]:
        assert line not in bad, line


def test_teaser_rule_is_what_drops_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the section-heading rule the model keeps these headline-like lines (they sit
    # between body paragraphs), so the test above checks the rule, not the model.
    monkeypatch.setattr(boilerplate, "teaser_units", lambda page: [])
    bad = flagged(run("\n".join(TEASER_PAGE)))
    assert TEASER_PAGE[7] not in bad or TEASER_PAGE[8] not in bad


# Three copies of one mirror site: the story, then the site's share line and footer. The ledes are
# one sentence each, too short for a prose paragraph in the first.
MIRROR_FOOTER = ["Share this: Facebook | Twitter | Email", "Read more business stories"]
MIRROR_STORIES = [
    ["Northern Steel's bid to block the sale of its biggest plant has failed.",
     "The company filed for bankruptcy protection in Delaware last month in an attempt to halt the auction, which "
     "it said would leave its creditors with almost nothing.",
     "Its former chairman, who has been in jail for more than a year on fraud charges, said the sale was a political "
     "decision made to punish him and his partners.",
     "The plant was auctioned to help pay off more than two billion dollars in unpaid taxes that the government says "
     "the company owes.",
     "The judge said the company did not have enough of a presence in the country to be protected by its courts, and "
     "that the case belonged elsewhere.",
     "The company said it would consider its options in the light of the ruling and might appeal to a higher court "
     "later this year."],
    ["A little-known company has bought the main production unit of the oil group at an auction.",
     "The firm outbid the favourite, a state-controlled gas company, which had been expected to win the unit for a "
     "price close to its starting bid.",
     "Officials said the winner had paid the deposit and would be given the papers for the unit within a week, as "
     "the rules of the auction require.",
     "The sale came despite a restraining order issued by a court abroad, which the government said had no force in "
     "the country.",
     "Analysts said they would not be surprised if the unit ended up in the hands of the state company before the "
     "end of the year."],
    ["A regional newspaper group is cutting 90 jobs, a sixth of its editorial staff.",
     "The group says the cuts are needed to pay for a large investment in new printing presses that will let it "
     "print more pages in colour.",
     "Staff at the paper met on Friday afternoon to discuss the plans, and their union said it would fight any "
     "compulsory job losses.",
     "The company said its newspapers would remain among the best in the country and that readers would not notice "
     "any change."],
]


def test_a_mirror_copys_lede_is_no_teaser_when_the_sources_copies_share_a_footer() -> None:
    # With the footer repeated across the source's copies, each copy is a page and the line model
    # decides; it called the first copy's one-sentence lede a teaser, "outside_main_text", where
    # the copy scored alone (no repeated lines: rules) kept it (bughunt25 F4). A text that opens
    # with its body has no header above it, unlike every page the model learned from.
    texts = ["\n\n".join(story) + "\n\n" + "\n".join(MIRROR_FOOTER) for story in MIRROR_STORIES]
    context = prepare_context([Article(id=f"m{i}", text=t, source="Mirror") for i, t in enumerate(texts)])
    for i, (story, text) in enumerate(zip(MIRROR_STORIES, texts, strict=True)):
        article = run(text, source="Mirror", context=context, id=f"m{i}")
        assert boilerplate_signal(article, context).details["method"] == "model"
        # "Read more business stories" is navigation by its pattern (session 26), before its repeats count.
        assert flagged(article) == {MIRROR_FOOTER[0]: "navigation", MIRROR_FOOTER[1]: "navigation"}
        assert flagged(run(text, source="Mirror"))[MIRROR_FOOTER[0]] == "navigation"
        assert story[0] not in flagged(run(text, source="Mirror"))


@pytest.mark.parametrize("line", ["Read more business stories", "Read more World news", "Read more Sport headlines",
                                  "Read more stories", "Read more news", "Read more top stories."])
def test_a_read_more_section_link_is_navigation(line: str) -> None:
    """A footer's "Read more business stories" was content: in bench/bench_wire.py it made a mirror
    copy (the full story plus a share footer) "fuller" than the bare copy, so `flag` named the
    mirror the story's original in all 10 stories (session 26)."""
    assert line_kind(line) == "navigation"


@pytest.mark.parametrize("line", ["Read more about how the minister said prices would rise in business stories.",
                                  "Read more than 200 stories"])
def test_a_sentence_that_opens_with_read_more_is_not_navigation(line: str) -> None:
    assert line_kind(line) is None


@pytest.mark.parametrize("line", ["By 2016, most of the code had been", "By 2016 the firm had"])
def test_a_hard_wrapped_line_opening_with_by_and_a_year_is_no_byline(line: str) -> None:
    """Review 26: "By June 2016, ..." was no byline any more (8115db0), "By 2016, ..." cut from a
    hard-wrapped paragraph still was."""
    assert line_kind(line) != "byline_dateline"


@pytest.mark.parametrize("line", ["By 9News Staff", "By June Smith", "By JUNE THOMAS"])
def test_bylines_opening_with_a_figure_glued_to_a_name_or_a_month_name_stay(line: str) -> None:
    assert line_kind(line) == "byline_dateline"


def test_a_lede_naming_journalist_jobs_stays_content_at_the_top_of_a_page() -> None:
    """"The Daily Herald newspaper is cutting 90 journalist jobs, ..." read as an author bio and was
    dropped as boilerplate at the top of a text, with or without page furniture (session 27)."""
    lede = "The Daily Herald newspaper is cutting 90 journalist jobs, the company said on Monday."
    footer = ["Share this article", "Copyright 2024 Herald Media. All rights reserved."]
    for lines in ([lede, *BODY], ["Home | News | Business | Sport", lede, *BODY, *footer]):
        assert lede not in flagged(run("\n\n".join(lines)))


def test_a_bot_check_page_saved_in_place_of_the_article_has_no_article_text() -> None:
    # Cloudflare's challenge page read as an article of trust 0.33 (bug hunt 32): its lines are page
    # furniture now, so the page has no content line (trust leaves it out of its source's trust).
    page = ["Just a moment...", "Checking your browser before accessing bbc.co.uk.",
            "This process is automatic. Your browser will redirect to your requested content shortly.",
            "Please allow up to 5 seconds...", "DDoS protection by Cloudflare", "Ray ID: 7f3a9c1b2d4e5f60"]
    article = run("\n\n".join(page))
    assert article.content_ranges == []
    assert set(flagged(article).values()) == {"cookie_notice"} and len(flagged(article)) == len(page)
    # A report that quotes such a line inside a longer sentence keeps it.
    report = ("Many of the sites showed a message saying they were checking your browser before letting readers "
              "in, the researchers said in their report.")
    assert flagged(run("\n\n".join([BODY[0], report, BODY[1]]))) == {}
