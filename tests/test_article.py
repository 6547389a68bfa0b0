"""Article: cached segmentation and content sentences."""

from __future__ import annotations

import pickle

from analyzer.article import Article, Evidence
from analyzer.text import split_lines, split_sentences, within

TEXT = "First line. Second sentence.\nShare this!\nThird line here. And more.\n"


def test_sentences_from_cached_lines_equal_a_fresh_split() -> None:
    article = Article(id="a", text=TEXT)
    assert article.lines == split_lines(TEXT)
    assert article.sentences == split_sentences(TEXT) == split_sentences(TEXT, split_lines(TEXT))


def test_content_sentences_follow_every_change_of_the_ranges() -> None:
    article = Article(id="a", text=TEXT)
    assert article.content_sentences == article.sentences
    lines = article.lines
    article.content_ranges = [(lines[0].start, lines[0].end)]
    first = article.content_sentences
    assert [s.text for s in first] == ["First line.", "Second sentence."]
    assert article.content_sentences is first  # cached while the ranges are the same
    article.content_ranges.append((lines[2].start, lines[2].end))  # edited in place
    assert [s.text for s in article.content_sentences] == [
        "First line.", "Second sentence.", "Third line here.", "And more.",
    ]
    article.content_ranges = [(lines[1].start, lines[1].end)]  # replaced
    assert [s.text for s in article.content_sentences] == ["Share this!"]
    assert article.content_sentences == within(article.sentences, article.content_ranges)
    article.content_ranges = None
    assert article.content_sentences == article.sentences


def test_pickled_article_leaves_the_content_cache_behind() -> None:
    article = Article(id="a", text=TEXT)
    article.content_ranges = [(0, 12)]
    expected = article.content_sentences
    copy = pickle.loads(pickle.dumps(article))
    assert "_content_sentences" not in copy.__dict__
    assert copy.content_sentences == expected and copy == article


def test_scored_article_keeps_no_content_cache() -> None:
    from analyzer.pipeline import score_text

    article = score_text("The minister said prices may rise.\nShare this article\nOfficials told reporters.")
    assert "_content_sentences" not in article.__dict__
    assert article.content_sentences  # rebuilt on demand
    article.drop_content_cache()
    assert "_content_sentences" not in article.__dict__


def test_space_characters_are_read_as_spaces_and_the_given_text_is_kept() -> None:
    given = "Media\u00a0playback is not\u202fsupported on your device.\u2009Share this"
    article = Article(id="a", text=given)
    assert article.text == "Media playback is not supported on your device. Share this"
    assert article.decoded == given and len(article.text) == len(given)
    evidence = [Evidence.at(article.text, 0, 14, signal="boilerplate", kind="residue", reason="r")]
    article.restore_evidence_text(evidence)
    assert evidence[0].text == "Media\u00a0playback"
    # Copies made for other processes keep the text as given.
    assert pickle.loads(pickle.dumps(article)).decoded == given
    assert article.without_details().decoded == given
    plain = Article(id="b", text="No odd spaces here.")
    assert plain.decoded is plain.text


def test_words_are_counted_as_a_reader_sees_the_text() -> None:
    # bbc_dev.jsonl's "clich&#233;d" was three words (clich, 233, d), and a record's markup and
    # entities added theirs: 16 words for the 12 a reader sees (bug hunt 27, W1).
    marked = Article(id="m", text="<p>The minister said so.</p><p>Talks resume &amp; end at AT&amp;T.</p>"
                                  "<p>It&#8217;s a clich&#233;d line.</p>")
    plain = Article(id="p", text="The minister said so.\nTalks resume & end at AT&T.\nIt’s a clichéd line.")
    assert marked.words == plain.words == 14
    assert marked.to_dict()["words"] == 14
