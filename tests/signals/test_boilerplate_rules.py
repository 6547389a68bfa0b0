"""Boilerplate rule layer: hard-wrapped paragraphs, foreign paragraphs, prose in other languages and
lines repeated across a source's articles."""

from __future__ import annotations

from analyzer.article import Article
from analyzer.pipeline import prepare_context
from analyzer.signals import boilerplate_rules
from tests.signals.test_boilerplate import BODY, flagged, run


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
    assert boilerplate_rules._units(article.lines, rules) == [[0], [1], [2, 3]]



def test_a_blank_line_ends_a_paragraph() -> None:
    # A headline whose last word is not in title case ("... battle IS in Syria: Monitor") and the
    # lead under it, a blank line between: two units, with or without the title to match it by.
    headline = "'Heavy clashes' as US-backed forces battle IS in Syria: Monitor"
    lead = "BEIRUT: US-backed forces have been locked in fierce fighting on Sunday, a war monitor said."
    rules = [None, None]
    assert boilerplate_rules._units(Article(id="t", text=f"{headline}\n\n{lead}").lines, rules,
                                    text=f"{headline}\n\n{lead}") == [[0], [1]]
    # The same two lines one under the other read as a hard wrap, as before.
    assert boilerplate_rules._units(Article(id="t", text=f"{headline}\n{lead}").lines, rules,
                                    text=f"{headline}\n{lead}") == [[0, 1]]

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


def test_the_sentences_of_one_long_line_are_one_block() -> None:
    # A text that lost its line breaks comes as its sentences (text.split_lines); runs of four short
    # sentences between prose ones broke it into blocks, and those under half the largest were
    # dropped from the main text (H23c-9). Inside one physical line they are one paragraph.
    short = ["Shares fell sharply.", "Nobody knew why.", "It was a shock.", "Talks will go on."]
    # Two bylines among the sentences (they were "By 2010, it expects ..." and "By now the talks
    # ...", which the byline pattern no longer takes for bylines).
    sentences = BODY * 10 + ["By Jane Smith and John Doe, Business reporters."]
    for _ in range(5):
        sentences += short + BODY
    sentences += ["By Mary Jones, Economics editor.", *BODY]
    article = run(" ".join(sentences))
    page = boilerplate_rules.analyse(article, prepare_context([]))
    assert page.page_like  # two byline-like sentences: the model and the main blocks decide
    assert page.kept == [(0, len(page.units) - 1, 1.0)]
    # With its line breaks, a page's blocks are read as before: the gaps split it, and the blocks
    # after the largest are too small to keep.
    lined = boilerplate_rules.analyse(run("\n".join(sentences)), prepare_context([]))
    assert lined.kept == [(0, 39, 0.625)]


# An update of a story beside its first take, in one source's run (an hourly scrape of one outlet):
# the take is the headline, a lede with no full stop and the first two paragraphs; the update adds
# two paragraphs and a third of its own.
HEADLINE = "Minimum wage to rise by five percent"
LEDE = "The government will raise the minimum wage next year, in a move affecting two million workers"
UPDATE = (
    "Unions welcomed the decision on Tuesday but said that the rise still fell short of what families need to "
    "cover rent and food, and they promised to keep campaigning for a higher rate in the coming years."
)


def test_an_update_and_its_first_take_share_no_boilerplate() -> None:
    # Both versions hold the headline and the lede, lines that are not prose: read as lines the
    # source repeats in two articles, they were the update's boilerplate (bug hunt 27, B1).
    take = "\n\n".join([HEADLINE, LEDE, *BODY[:2]])
    update = "\n\n".join([HEADLINE, LEDE, *BODY, UPDATE])
    pages = [Article(id="v1", text=take, source="Wire"), Article(id="v2", text=update, source="Wire")]
    assert flagged(run(update, source="Wire", context=prepare_context(pages))) == {}
    # The site's furniture on the versions and on another story is still the site's: two stories.
    footer = "Wire is an independent news agency covering the region since 1901"
    other = "\n".join(["Ports reopen after the storm", *BODY[2:], footer])
    pages = [Article(id=p.id, text=f"{p.text}\n{footer}", source="Wire") for p in pages]
    pages.append(Article(id="o", text=other, source="Wire"))
    context = prepare_context(pages)
    article = run(pages[1].text, source="Wire", context=context)
    assert flagged(article) == {footer: "repeated_across_source"}
    assert "2 articles of Wire" in next(e for e in article.evidence if e.text == footer).reason
