"""Boilerplate signal: line kinds, context rules, cross-article repetition, seeds and evaluation floors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from analyzer import lexicons
from analyzer.article import Article
from analyzer.pipeline import prepare_context
from analyzer.resources import model_path
from analyzer.signals import boilerplate
from analyzer.signals.base import RunContext
from analyzer.signals.boilerplate import boilerplate_signal, line_kind
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


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("[ad_2]Source link", "scraper_residue"),
        ("[source_without_link]Agence France-Presse[/source_without_link]", "scraper_residue"),
        ("?? ??", "scraper_residue"),
        ("Media playback is not supported on your device", "caption"),
        ("Image copyright Getty Images", "caption"),
        ("Author's right of the image", "caption"),
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


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = [
        "The government announced on Monday that it would raise the",
        "minimum wage by five percent next year, officials said, adding that",
        "the increase would help about two million workers.",
    ]
    text = "\n".join(["Home", "News", "Share", *wrapped, *BODY, "Tweet"])
    article = run(text)
    bad = flagged(article)
    for line in wrapped:
        assert line not in bad


def test_a_title_case_line_is_not_wrapped_into_the_next_paragraph() -> None:
    # A long line whose last letter is lower case was hard-wrapped, unless it is in title case
    # (a teaser headline, "... Creep In"): that one stays a unit of its own, while a line that
    # stops on a lower-case word ("... that it would raise the") still continues into the next.
    teaser = "Inside the White House, Doubts About the War Are Beginning to Creep In"
    lines = [teaser, "“We are running out of everything,” said a doctor at the hospital on Monday.",
             "The government announced on Monday that it would raise the", "Minimum wage by five percent."]
    article = Article(id="t", text="\n".join(lines))
    rules = [None] * len(lines)
    assert boilerplate._units(article.lines, rules) == [[0], [1], [2, 3]]


def test_foreign_language_paragraph() -> None:
    promo = (
        "Middle East Eye propose une couverture et une analyse indépendantes et incomparables du "
        "Moyen-Orient. Pour en savoir plus sur la reprise de ce contenu, veuillez remplir ce formulaire."
    )
    article = run("\n".join([*BODY, promo]))
    assert flagged(article) == {promo: "foreign_language"}
    assert any(e.signal == "language" and e.kind == "foreign_language" for e in article.evidence)


def test_foreign_line_quoted_inside_the_body_is_content() -> None:
    # A foreign line with article prose on both sides is a quotation, not residue; the same line
    # at the end of the text (a publisher's promo) stays boilerplate (test above).
    quoted = "Nous ne céderons jamais face à la pression, a déclaré le ministre devant les députés."
    article = run("\n".join([BODY[0], BODY[1], quoted, BODY[2], BODY[3]]))
    assert any(e.signal == "language" and e.kind == "foreign_language" for e in article.evidence)
    assert quoted not in flagged(article)
    assert flagged(run("\n".join([*BODY, quoted]))) == {quoted: "foreign_language"}


def test_spanish_article_keeps_its_paragraphs() -> None:
    spanish = [
        "El Gobierno anunció este lunes un nuevo paquete de medidas para hacer frente a la subida de los precios.",
        "Las medidas incluyen una rebaja del impuesto de la electricidad y ayudas directas a las familias.",
        "La oposición criticó que las medidas llegan tarde y son insuficientes para la mayoría de los hogares.",
    ]
    article = run("\n".join(spanish))
    assert article.language == "es"
    assert flagged(article) == {}


def test_repeated_across_source() -> None:
    footer = "Example Times is an independent daily covering the region since 1901"
    pages = []
    for i, body in enumerate(BODY):
        own = f"The report number {i} was published on day {i + 10} of the month, the ministry said."
        text = "\n".join([f"Story number {i} about the wage rise", body, own, footer])
        pages.append(Article(id=str(i), text=text, source="Example Times"))
    context = prepare_context(pages)
    article = run(pages[0].text, source="Example Times", context=context)
    assert flagged(article).get(footer) == "repeated_across_source"
    ev = next(e for e in article.evidence if e.text == footer)
    assert "4 articles of Example Times" in ev.reason
    # Unknown sources share nothing: two copies of one wire story must not flag each other.
    unknown = [Article(id=str(i), text=p.text, source="unknown") for i, p in enumerate(pages)]
    article = run(unknown[0].text, context=prepare_context(unknown))
    assert footer not in flagged(article)


def test_copies_of_one_story_do_not_flag_each_other() -> None:
    text = "\n".join(["Minimum wage to rise by five percent", *BODY])
    copies = [Article(id=str(i), text=text, source="Example Times") for i in range(3)]
    article = run(text, source="Example Times", context=prepare_context(copies))
    assert flagged(article) == {}


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
    for article in articles:
        article = run(article.text, source=article.source, title=article.title, context=context, id=article.id)
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
CV_F1_FLOORS = {"newspaper3k_pages": 0.86, "trafilatura_page_lines_en": 0.84}


def test_evaluation_floors(shared_data: Path) -> None:
    module = _load_eval()
    results = module.evaluate(shared_data / "boilerplate", with_justext=False, with_cv=True)
    for name, floor in F1_FLOORS.items():
        assert results[name]["analyzer"]["f1"] >= floor, (name, results[name])
    for name, floor in CV_F1_FLOORS.items():
        assert results[name]["analyzer_cv"]["f1"] >= floor, (name, results[name])


# --- the learned line classifier -------------------------------------------------------------------


def _model_json() -> dict:
    return json.loads(model_path(boilerplate.MODEL_FILE).read_text(encoding="utf-8"))


def test_shipped_model_loads_and_fits_the_features() -> None:
    model = boilerplate.default_model()
    assert model is not None
    assert len(model.stages) == 2
    first, second = model.stages
    assert isinstance(first, boilerplate.Stage) and isinstance(second, boilerplate.TreeStage)
    assert first.coef.shape == (len(boilerplate.feature_names()),)
    width = len(boilerplate.feature_names()) + len(boilerplate.PROB_FEATURES)
    assert 0 <= second.feature.min() and second.feature.max() < width
    assert 0.0 < model.threshold < 1.0


def test_tree_stage_walks_each_tree_to_its_leaf() -> None:
    # One stump on feature 1 (x <= 0.5 -> -1, else +2) and a single leaf (+0.5), baseline 0.25.
    stage = boilerplate._parse_stage(
        {
            "kind": "trees",
            "baseline": 0.25,
            "trees": [
                {"feature": [1, -1, -1], "threshold": [0.5, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1],
                 "value": [0, -1.0, 2.0]},
                {"feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "value": [0.5]},
            ],
        },
        2,
        "test",
    )
    x = np.array([[9.0, 0.5], [9.0, 0.7]])
    z = np.array([0.25 - 1.0 + 0.5, 0.25 + 2.0 + 0.5])
    assert np.allclose(stage.predict(x), 1 / (1 + np.exp(-z)))


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda m: m.update(format="pickle"),
        lambda m: m.update(version=1),
        lambda m: m.update(features=m["features"][:-1]),
        lambda m: m["stages"][0].update(coef=m["stages"][0]["coef"][:-1]),
        lambda m: m["stages"][0]["mean"].__setitem__(0, "x"),
        lambda m: m["stages"][0]["scale"].__setitem__(3, 0.0),
        lambda m: m["stages"][0].update(intercept=float("nan")),
        lambda m: m["stages"][0].update(kind="forest"),
        lambda m: m["stages"][1]["trees"][0]["left"].__setitem__(0, 0),  # a cycle
        lambda m: m["stages"][1]["trees"][0]["right"].__setitem__(0, 10_000),
        lambda m: m["stages"][1]["trees"][0]["feature"].__setitem__(0, 10_000),
        lambda m: m["stages"][1]["trees"][0]["value"].__setitem__(0, float("inf")),
        lambda m: m["stages"][1]["trees"][0].update(threshold=[]),
        lambda m: m["stages"][1].update(trees=m["stages"][1]["trees"] * 10),
        lambda m: m["stages"][1].update(baseline=None),
        lambda m: m.update(prob_features=["p"]),
        lambda m: m.update(threshold=1.5),
        lambda m: m.update(stages=[]),
    ],
)
def test_model_validation_rejects_broken_files(corrupt, tmp_path: Path) -> None:
    data = _model_json()
    corrupt(data)
    path = tmp_path / "boilerplate.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(boilerplate.ModelError):
        boilerplate.load_model(path)


def test_model_rejects_non_json(tmp_path: Path) -> None:
    path = tmp_path / "boilerplate.json"
    path.write_bytes(b"\x80\x04not json")
    with pytest.raises(boilerplate.ModelError):
        boilerplate.load_model(path)


def test_model_decides_on_pages_rules_on_articles() -> None:
    page = "\n".join(["Home", "World", "Share", "Minimum wage to rise by five percent", *BODY, "Tweet", "Most read"])
    article = run(page)
    assert boilerplate_signal(article, RunContext()).details["method"] == "model"
    clean = run("\n".join(BODY))
    assert boilerplate_signal(clean, RunContext()).details["method"] == "rules"


def test_unit_features_shapes_on_tiny_and_long_pages() -> None:
    # Pages shorter than the feature windows, and one line, must still give one row per unit.
    for lines in (["Home", "Share", BODY[0]], ["Home"], ["Home", "Share", *BODY * 10]):
        article = run("\n".join(lines))
        page = boilerplate.analyse(article, RunContext())
        x = boilerplate.unit_features(page)
        assert x.shape == (len(page.units), len(boilerplate.feature_names()))
        assert np.isfinite(x).all()
        probs = boilerplate.default_model().predict(x)
        assert probs.shape == (len(page.units),)
        assert ((probs >= 0) & (probs <= 1)).all()


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


@pytest.mark.parametrize(
    ("line", "head"),
    [("Related", True), ("Most read:", True), ("You may also like", True), ("More from Reuters", True),
     ("Related Coverage", True), ("Recent Posts", True), ("What happens next", False), ("Related issues remain", False),
     ("The minister's related remarks", False)],
)
def test_section_heads(line: str, head: bool) -> None:
    assert bool(boilerplate._section_heads().fullmatch(line)) is head
