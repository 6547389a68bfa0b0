"""Reporting-verb cues: a verb form counts only where its neighbours make it a verb with content."""

from __future__ import annotations

from analyzer.signals.attribution import find_cues
from analyzer.signals.attribution_verbs import previous_word_at, subject_before, title_case, verb_cues
from analyzer.text import split_sentences


def _evidence(text: str) -> list[tuple[str, str]]:
    evidence, _ = find_cues(text, split_sentences(text))
    return [(ev.kind, ev.text) for ev in evidence]


def test_name_modifier_is_not_a_subject() -> None:
    # "Syrian state media": a capitalised modifier before a noun-like verb makes a compound.
    ev = _evidence("The Syrian state media reported violent clashes in the region.")
    assert ("reporting_verb", "state") not in ev
    assert ("reporting_verb", "reported") in ev


def test_wordnet_verbs_inside_quotes_are_not_cues() -> None:
    ev = _evidence("\u201cWe examine whether the rules apply to everyone in this city,\u201d he said.")
    assert ("reporting_verb", "examine") not in ev
    assert ("reporting_verb", "said") in ev
    # A verb right after the opening quote mark is inside the quote too (the first word of it).
    ev = _evidence("\u201cExamine whether the rules apply to everyone in this city,\u201d he said.")
    assert ("reporting_verb", "Examine") not in ev
    # Clause-only and colon-only verbs use the same inside-quote test.
    ev = _evidence("\u201cWe have learned that the rules apply to everyone here,\u201d he said.")
    assert ("reporting_verb", "learned") not in ev


def test_verb_cues_on_one_sentence() -> None:
    sentence = "The report said the officials claim that the plan failed."
    assert [sentence[c.start:c.end] for c in verb_cues(sentence)] == ["said", "claim"]
    assert verb_cues("The report was published on Monday.") == []
    adding = "He left, adding that it was over."
    assert [c.gerund for c in verb_cues(adding)] == [True]


def test_word_helpers() -> None:
    assert previous_word_at("the ministry  said", 14) == (4, "ministry")
    assert title_case("Lindsey Graham Says Trump Would Lose")
    assert not title_case("Lindsey Graham says that Trump would lose.")
    assert subject_before("Officials on Monday said", 20)
    assert not subject_before("the so-called", 7)


def test_a_sentence_initial_plural_noun_is_not_a_reporting_verb() -> None:
    # "Talks", "Reports", "Worries" open a sentence with nothing before them that could be their
    # subject: the -s form that is also a noun heads the subject (bbc_dev: "Talks aimed at averting
    # a series of national strikes ... will take place this weekend.").
    for sentence in ("Talks resume on day 1.", "Talks collapsed.", "Talks between the two sides resumed.",
                     "Claims that he lied were false.", "Calls for calm grew.",
                     "\u201cTalks are continuing on how to finance the plan."):
        assert verb_cues(sentence) == [], sentence
    from analyzer.pipeline import score_text

    article = score_text("Talks resume on day 1.")
    assert article.scores["attribution"] == 0.0
    assert not [e for e in article.evidence if e.kind == "reporting_verb"]
    # A subjectless headline verb keeps a pronoun clause or an object after it; forms that are no
    # noun ("Says", "Warns") are verbs; a subject before the form makes it one.
    for sentence, cue in (("Recalls he was there.", "Recalls"), ("Calls them liars.", "Calls"),
                          ("Says he will go.", "Says"), ("Warns the market is weak.", "Warns"),
                          ("He talks about the deal.", "talks about"),
                          ("The Times reports that talks failed.", "reports")):
        assert [sentence[c.start:c.end] for c in verb_cues(sentence)] == [cue], sentence


def test_talks_is_a_noun_without_a_verb_context() -> None:
    # The plural "talks" is mostly negotiations in news (bbc_dev: "held talks with", "accession
    # talks"); the base "talk" is mostly the verb ("to talk to me"): only "talks" needs a verb context.
    for sentence in ("Peace talks resumed on Monday.", "Israel and Hamas held talks in Cairo.",
                     "The two banks reportedly held talks in October."):
        assert verb_cues(sentence) == [], sentence
    for sentence, cue in (("He talks to reporters every day.", "talks"), ("Trump talks to reporters.", "talks"),
                          ("She came to talk to me last week.", "talk"), ("She talks about the plan.", "talks about")):
        assert [sentence[c.start:c.end] for c in verb_cues(sentence)] == [cue], sentence
