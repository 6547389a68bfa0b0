"""Trust model: plain-data loading that refuses malformed files, seed ordering, the trust table,
and retraining through `analyzer train`."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from analyzer import features, trust
from analyzer.api import score_paths, split, trust_paths
from analyzer.article import Article
from analyzer.cli import app
from analyzer.resources import model_path
from analyzer.trust import ModelError, TrustModel, load_model, rank_sources
from analyzer.trust.model import loads
from tests.helpers import held_why

runner = CliRunner()
CLEAN_SEEDS = ("000", "002", "004")


def _shipped() -> dict:
    return json.loads(model_path("trust.json").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: object, name: str = "m.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


# --- the model file --------------------------------------------------------------------------


def test_shipped_model_loads_and_names_known_features() -> None:
    model = trust.default_model()
    assert model.feature_names == features.MODEL_FEATURES
    assert len(model.coef) == len(model.feature_names)
    summary = model.training
    assert summary["cv"].startswith("GroupKFold")
    assert 0.5 < summary["cv_roc_auc"] <= 1.0
    assert {w["feature"] for w in summary["weights"]} == set(features.MODEL_FEATURES)


def test_round_trip_is_identical(tmp_path: Path) -> None:
    model = trust.default_model()
    path = tmp_path / "copy.json"
    model.save(path)
    again = load_model(path)
    assert again == model
    article = Article(id="x", text="A short text, the minister said on Monday.")
    assert again.score(article) == model.score(article)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.__setitem__("coef", d["coef"][:-1]), "values for"),
        (lambda d: d.__setitem__("mean", d["mean"] + [0.0]), "values for"),
        (lambda d: d["coef"].__setitem__(0, "1.0"), "must be a number"),
        (lambda d: d["coef"].__setitem__(0, True), "must be a number"),
        (lambda d: d["scale"].__setitem__(1, 0.0), "at least"),
        (lambda d: d["scale"].__setitem__(1, -2.0), "at least"),
        (lambda d: d["scale"].__setitem__(1, 1e-300), "at least"),
        # Large but finite: trust came out NaN (invalid JSON) and the trust table crashed.
        (lambda d: d.__setitem__("coef", [1e308] * len(d["coef"])), "beyond"),
        (lambda d: d.__setitem__("intercept", -1e200), "beyond"),
        (lambda d: d.__setitem__("version", 99), "unsupported model version"),
        (lambda d: d.__setitem__("version", "1"), "unsupported model version"),
        (lambda d: d.__setitem__("format", "pickle"), "not a trust model"),
        (lambda d: d.__setitem__("kind", "gbm"), "unsupported model kind"),
        (lambda d: d["feature_names"].__setitem__(0, "__import__('os').system('id')"), "unknown feature"),
        (lambda d: d["feature_names"].__setitem__(1, d["feature_names"][0]), "twice"),
        (lambda d: d.__setitem__("feature_names", []), "non-empty"),
        (lambda d: d.__setitem__("intercept", None), "must be a number"),
        (lambda d: d.__setitem__("training", "x"), "must be an object"),
        (lambda d: d.pop("upper"), "'upper' must be a list"),
        (lambda d: d.__setitem__("lower", [5.0] * len(d["lower"])), "must not exceed"),
    ],
)
def test_loader_refuses_malformed_models(tmp_path: Path, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = _shipped()
    mutate(data)
    with pytest.raises(ModelError, match=message):
        load_model(_write(tmp_path, data))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_loader_refuses_non_finite_numbers(tmp_path: Path, constant: str) -> None:
    text = json.dumps(_shipped(), indent=1)
    text = text.replace('"intercept": ', f'"intercept": {constant}, "was": ', 1)
    with pytest.raises(ModelError, match="non-finite"):
        load_model(_write(tmp_path, text))


def test_loader_refuses_truncated_and_non_json(tmp_path: Path) -> None:
    text = model_path("trust.json").read_text(encoding="utf-8")
    with pytest.raises(ModelError, match="not valid JSON"):
        load_model(_write(tmp_path, text[: len(text) // 2]))
    with pytest.raises(ModelError, match="JSON object"):
        load_model(_write(tmp_path, "[1, 2, 3]"))
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\x80\x04\x95pickle")
    with pytest.raises(ModelError, match="not UTF-8"):
        load_model(binary)
    with pytest.raises(ModelError, match="cannot read"):
        load_model(tmp_path / "missing.json")


def test_code_like_strings_are_only_data(tmp_path: Path) -> None:
    data = _shipped()
    data["training"]["note"] = "__import__('os').system('touch pwned')"
    data["exec"] = "import os; os.remove('/')"
    model = load_model(_write(tmp_path, data))
    assert model.training["note"].startswith("__import__")
    assert not (tmp_path / "pwned").exists()


def test_error_message_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as info:
        load_model(_write(tmp_path, "{"))
    assert "\n" not in str(info.value)
    assert str(tmp_path) in str(info.value)


def test_scores_are_probabilities_even_for_extreme_features() -> None:
    model = trust.default_model()
    for value in (-1e9, 0.0, 1e9):
        p = model.probability({name: value for name in model.feature_names})
        assert 0.0 <= p <= 1.0 and math.isfinite(p)


# --- the seeds -------------------------------------------------------------------------------


@pytest.fixture()
def no_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first article of a process pays for loading every lexicon; on a loaded CI machine that
    # can pass the per-article time limit, which is not what these tests are about.
    monkeypatch.setenv("ANALYZER_TIME_LIMIT", "0")


WIRE_STORY = """WASHINGTON (Reuters) - The U.S. Senate on Tuesday approved a $1.3 trillion spending bill that would \
fund the government through September, sending the measure to the president, congressional aides said.

The vote was 65-32. The House of Representatives passed the bill earlier on Tuesday by 256-167.

"This is a good bill for the country," the Senate majority leader told reporters after the vote. Democrats \
said the measure included several of their priorities, including funds for opioid treatment.

Two administration officials, speaking on condition of anonymity, said the president had voiced frustration \
over the level of spending. Reuters could not independently verify their accounts.
"""
RANT = """BREAKING: Congress Just Betrayed You AGAIN!

You won't believe what the swamp did this time. Those crooks just handed themselves another $1.3 TRILLION of \
YOUR money, and they think you won't notice!

I have been saying this for years. They don't care about you. Why do we keep sending these people back? Are \
we that stupid?

Everyone knows this bill is full of pork. The mainstream media won't tell you the truth, but we will. Wake up!

Share this with everyone you know before they take it down!
"""


def test_wire_story_outranks_an_unsourced_rant_on_the_same_news() -> None:
    # The held-out contrast of issue 6 (wire copy vs unreliable sites) in miniature: datelines,
    # credited quotes and figures against second-person address, exclamations and no sources.
    from analyzer.pipeline import score_text

    wire, rant = score_text(WIRE_STORY), score_text(RANT)
    assert wire.label == rant.label == "clean"
    assert wire.scores["trust"] > 0.8 > 0.6 > rant.scores["trust"], (wire.scores, rant.scores)


@pytest.mark.usefixtures("no_time_limit")
def test_seed_ordering_articles(seeds_dir: Path) -> None:
    articles, errors = split(score_paths([seeds_dir]))
    assert not errors
    score = {a.id[:3]: a.scores["trust"] for a in articles}
    assert min(score[s] for s in CLEAN_SEEDS) > score["001"] >= score["003"], score


@pytest.mark.usefixtures("no_time_limit")
def test_seed_ordering_trust_table(seeds_dir: Path) -> None:
    result = trust_paths([seeds_dir])
    rank = {row["source"]: row["rank"] for row in result.sources}
    by_seed = {a.id[:3]: rank[a.source] for a in result.articles}
    assert max(by_seed[s] for s in CLEAN_SEEDS) < by_seed["001"] <= by_seed["003"], by_seed
    for row in result.sources:
        assert row["trust_low"] <= row["trust"] <= row["trust_high"]
        assert row["why"]


# Texts with no prose: nothing in them can be judged, so nothing may vouch for them.
NO_PROSE = ("https://example.com/a/b?c=1", "\U0001F600\U0001F389\U0001F525\U0001F44D",
            "#news #breaking #politics #world", "12 45 3.5 2024 100")
# A two-sentence lead written for this test: short news, to be judged as usual.
SHORT_LEAD = ("The city council voted on Tuesday to close two libraries. The mayor said the decision "
              "would save money.")


@pytest.mark.parametrize("text", NO_PROSE)
def test_a_text_with_no_prose_gets_no_high_trust_and_says_why(text: str) -> None:
    from analyzer.pipeline import score_text
    from analyzer.trust.model import NO_PROSE_KIND, NO_PROSE_TRUST

    article = score_text(text)
    assert article.scores["trust"] <= NO_PROSE_TRUST
    [evidence] = [e for e in article.to_dict()["evidence"] if e["kind"] == NO_PROSE_KIND]
    assert evidence["signal"] == "boilerplate" and evidence["text"] == text[evidence["start"]:evidence["end"]] == text
    assert "words of prose" in evidence["reason"]


def test_a_text_with_no_prose_and_no_language_is_not_judged_in_score_as_in_trust() -> None:
    """A row of emoji: score's details said "held at 0.4: too little prose" while the trust table
    counted it "not judged (language und (no letters))" (h27b, low). Both say not judged now. A text
    in English with too little prose is held at 0.4 in score (its copy's trust), and the table leaves it out
    of its source's trust: the hold is a ceiling, not a reading of the outlet (h33f, SourceStats.unread)."""
    from analyzer.pipeline import score_text
    from analyzer.signals.base import NO_LANGUAGE
    from analyzer.trust.model import NO_PROSE_KIND, NO_PROSE_TRUST

    emoji = score_text(NO_PROSE[1], id="e", source="s")
    assert emoji.language == NO_LANGUAGE and emoji.scores["trust"] <= NO_PROSE_TRUST
    assert emoji.details["trust"] == {"flagged": NO_PROSE_KIND, "why": "too little prose, not judged for trust "
                                      "(language und (no letters); the signals read en)"}
    kept = score_text(SHORT_LEAD, id="k", source="s")
    [row] = rank_sources([emoji, kept])
    assert row["not_judged"] == 1 and "held" not in row["why"]
    assert emoji.details["trust"]["flagged"] == NO_PROSE_KIND  # the ranking writes it the same way
    short = score_text("Storms hit the coast.", id="h", source="t")
    assert short.language == "en"
    # The hold is a ceiling: under it, the trust is said beside it (it said "held at 0.4" of 0.10; bug hunt 33).
    trust = short.scores["trust"]
    assert trust < NO_PROSE_TRUST
    said = {"held": NO_PROSE_KIND, "why": f"held at or below 0.4 ({trust:.3f}): too little prose"}
    assert short.details["trust"] == said
    [row] = rank_sources([short])
    assert row["not_judged"] == 1 and row["why"] == "no article judged for trust (too little prose)"
    assert short.details["trust"] == said
    at_cap = score_text("Talks will resume on day 1, the minister told Reuters.", id="c", source="t")
    assert at_cap.scores["trust"] == NO_PROSE_TRUST
    assert at_cap.details["trust"] == {"held": NO_PROSE_KIND, "why": "held at 0.4: too little prose"}


@pytest.mark.usefixtures("no_time_limit")
def test_no_prose_ranks_below_every_clean_seed(seeds_dir: Path) -> None:
    from analyzer.pipeline import score_text

    articles, _ = split(score_paths([seeds_dir]))
    clean = min(a.scores["trust"] for a in articles if a.id[:3] in CLEAN_SEEDS)
    assert max(score_text(text).scores["trust"] for text in NO_PROSE) < clean


def test_a_short_news_lead_is_judged_as_usual() -> None:
    from analyzer.pipeline import score_text
    from analyzer.trust.model import NO_PROSE_KIND

    article = score_text(SHORT_LEAD)
    assert not trust.too_little_prose(article)
    assert NO_PROSE_KIND not in {e.kind for e in article.evidence}
    assert article.scores["trust"] == trust.default_model().probability(features.extract(article))


def test_a_flagged_copy_with_no_prose_is_held_low_when_rescored() -> None:
    from analyzer.trust.model import NO_PROSE_TRUST

    article = Article(id="u", text="https://example.com/a/b?c=1", source="s")
    article.scores = {"trust": 0.1}
    model = trust.default_model()
    high = TrustModel(**{**model.__dict__, "intercept": 10.0})  # a model that would vouch for anything
    rank_sources([article], flagged={"u"}, model=high)
    assert article.scores["trust"] <= NO_PROSE_TRUST


def test_a_copy_flag_shows_garbled_is_held_low_and_its_why_names_the_original(tmp_path: Path,
                                                                              seeds_dir: Path) -> None:
    """Session 26, issue 6: a spun copy that the translation signal calls clean (trust 0.96) but
    `flag` finds kept most of its trust in `trust` (the model's `garbled` feature weighs little)."""
    from analyzer.api import trust_articles
    from analyzer.trust.model import GARBLED_COPY_KIND, GARBLED_COPY_TRUST
    from tests.helpers import spun_pair

    path = spun_pair(tmp_path, seeds_dir)
    scored = {a.id: a for a in split(score_paths([path]))[0]}
    assert scored["copy"].label == "clean" and scored["copy"].scores["trust"] > GARBLED_COPY_TRUST  # `score`'s own
    result = trust_paths([path])
    assert [f.original for f in result.flagged.flags] == ["orig"]
    rows = {r["source"]: r for r in result.sources}
    assert rows["Blog"]["mean_article_trust"] <= GARBLED_COPY_TRUST
    assert held_why(rows["Blog"]) == f"held at {GARBLED_COPY_TRUST:g}: garbled copy of orig (spun) (1 article)"
    assert [r["source"] for r in result.sources] == ["Wire", "Blog"]
    articles = {a.id: a for a in result.articles}
    assert articles["copy"].scores["trust"] <= GARBLED_COPY_TRUST
    assert articles["copy"].details["trust"] == {"held": GARBLED_COPY_KIND,
                                                 "why": f"held at {GARBLED_COPY_TRUST:g}: garbled copy of orig (spun)"}
    # The clean original is untouched: its trust is score's, nothing held, its why the model's reasons.
    assert articles["orig"].scores["trust"] == scored["orig"].scores["trust"]
    assert "trust" not in articles["orig"].details and "held" not in rows["Wire"]["why"]
    # trust_articles on the articles already scored gives the same table.
    assert trust_articles(list(scored.values())).sources == result.sources


def test_a_garbled_copy_with_no_cleaner_copy_in_the_input_is_held_and_says_so(seeds_dir: Path) -> None:
    """The garbled seeds have no original in the input: still held, and the why says there is none;
    the features that explain a trust already below the hold are still named, and "held at 0.4"
    is not said of a trust the hold did not lower (0.003 would read as 0.4)."""
    from analyzer.trust.model import GARBLED_COPY_TRUST

    rows = {r["source"]: r for r in trust_paths([seeds_dir]).sources}
    for source, label in (("BBC (machine-translated copy, auto-blog)", "machine_translated"),
                          ("unknown auto-blog (spun AFP story)", "spun")):
        why = rows[source]["why"]
        assert why.startswith(f"garbled copy ({label}), no cleaner copy in the input (1 article), "), why
        assert "machine_evidence" in why and rows[source]["mean_article_trust"] <= GARBLED_COPY_TRUST


def test_a_flag_given_whole_or_as_its_garbled_copy_gives_one_table(tmp_path: Path, seeds_dir: Path) -> None:
    """analyzer.distributed hands its workers GarbledCopy records, not the flags: the same hold."""
    from analyzer.api import flag_articles
    from analyzer.trust.ranking import garbled_copies
    from tests.helpers import spun_pair

    articles = split(score_paths([spun_pair(tmp_path, seeds_dir)]))[0]
    flags = flag_articles(articles).flags
    whole = rank_sources(articles, flags)
    assert rank_sources(articles, garbled_copies(flags)) == whole
    assert "garbled copy of orig (spun)" in whole[-1]["why"]


def test_a_copy_held_by_an_earlier_ranking_is_not_held_by_one_without_its_flag(tmp_path: Path,
                                                                             seeds_dir: Path) -> None:
    """rank_sources writes the hold into the copy's scores["trust"] and details["trust"]: a second
    ranking without the flags kept the copy at 0.4, its why naming no hold, and the report still
    said "held at 0.4: garbled copy" (review 26, h26e)."""
    from analyzer.api import flag_articles
    from tests.helpers import spun_pair

    articles = split(score_paths([spun_pair(tmp_path, seeds_dir)]))[0]
    fresh = rank_sources(articles)
    rank_sources(articles, flag_articles(articles).flags)
    assert articles[1].scores["trust"] == 0.029
    assert rank_sources(articles) == fresh
    assert "trust" not in articles[1].details and articles[1].scores["trust"] > 0.9


def test_a_source_of_several_garbled_copies_names_their_originals() -> None:
    from analyzer.trust.ranking import GarbledCopy

    copies = [_article(f"c{i}", "blog", 0.9) for i in range(6)] + [_article("w", "wire", 0.9)]
    flags = [GarbledCopy(("", f"c{i}"), "spun", f"o{i}") for i in range(4)] + [GarbledCopy(("", "c4"), "spun", None)]
    rows = {r["source"]: r for r in rank_sources(copies, flags)}
    assert rows["blog"]["why"].startswith("5 of 6 articles held at 0.029: garbled copies of o0 (spun), of o1 (spun), "
                                          "of o2 (spun), 1 more and 1 with no cleaner copy in the input")
    assert all(c.scores["trust"] <= 0.029 for c in copies[:5]) and copies[5].scores["trust"] == 0.9


def test_a_garbled_copy_ranks_below_a_thinly_sourced_clean_copy_of_another_story() -> None:
    """Held at 0.4, a copy `flag` shows garbled ranked above clean copies that are merely thinly
    sourced: on the flag corpus 14 of the 81 WMT ja-en human translations (trust 0.07-0.39) sat under
    every machine translation held at 0.4 (h29d, issue 6). A flagged copy is garbled with probability
    FLAG_PRECISION, so its trust is held at 1 - FLAG_PRECISION, whatever its features say."""
    from analyzer.trust.model import FLAG_PRECISION, GARBLED_COPY_TRUST
    from analyzer.trust.ranking import GarbledCopy

    assert GARBLED_COPY_TRUST == pytest.approx(1 - FLAG_PRECISION)
    vouching = TrustModel(**{**trust.default_model().__dict__, "intercept": 10.0})  # its trust ~1 for the copy
    copy = _article("mt", "auto-blog", 0.95)
    thin = _article("ref", "regional", 0.07)  # clean, unattributed: low on its own features
    rows = {r["source"]: r for r in rank_sources([copy, thin], [GarbledCopy(("", "mt"), "machine_translated", "x")],
                                                 vouching)}
    assert copy.scores["trust"] == GARBLED_COPY_TRUST < thin.scores["trust"]
    assert rows["auto-blog"]["why"].startswith("held at 0.029: garbled copy of x (machine_translated)")


def test_a_machine_translation_is_held_by_its_own_flags_probability() -> None:
    """A machine_translated flag naming its original rests on the pair's direction log-odds d, calibrated
    as the probability that the flag is right (each WMT language pair held out of the models: 16 wrong vs
    19.0 expected of 328 pairs, evaluation/eval_direction_calibration.py): the copy is held at
    max(0.029, 1 - sigmoid(d)), not at 0.029 whatever d says. Spun copies, flags with no original and
    copies given without a direction keep 0.029."""
    from analyzer.trust.model import GARBLED_COPY_TRUST, garbled_copy_trust
    from analyzer.trust.ranking import GarbledCopy, garbled_copies

    vouching = TrustModel(**{**trust.default_model().__dict__, "intercept": 10.0})  # its trust ~1 for each copy
    copies = [_article("mt", "auto-blog", 0.95), _article("sure", "mill", 0.95), _article("sp", "farm", 0.95),
              _article("lone", "lone", 0.95), _article("m2", "mixed", 0.95), _article("s2", "mixed", 0.95)]
    flags = [GarbledCopy(("", "mt"), "machine_translated", "x", 0.8),
             GarbledCopy(("", "sure"), "machine_translated", "y", 9.0),
             GarbledCopy(("", "sp"), "spun", "z", 0.8),
             GarbledCopy(("", "lone"), "machine_translated", None, 0.8),
             GarbledCopy(("", "m2"), "machine_translated", "w", 0.1), GarbledCopy(("", "s2"), "spun", "v")]
    rows = {r["source"]: r for r in rank_sources(copies, flags, vouching)}
    held = round(1 - 1 / (1 + math.exp(-0.8)), 3)
    assert held == garbled_copy_trust("machine_translated", "x", 0.8) == 0.31
    assert copies[0].scores["trust"] == held
    assert copies[0].details["trust"] == {
        "held": "garbled_copy",
        "why": "held at 0.31: garbled copy of x (machine_translated, flag right with p 0.69, "
               "so 0.31 x own trust 1.000)"}
    # The trust table says the flag's probability too, as the copy's details do (closing 30, left open).
    assert rows["auto-blog"]["why"].startswith("held at 0.31: garbled copy of x (machine_translated, "
                                               "flag right with p 0.69) (1 article)")
    # A strong direction is held as any flag: never above 1 - FLAG_PRECISION's floor.
    assert copies[1].scores["trust"] == GARBLED_COPY_TRUST
    assert copies[1].details["trust"]["why"] == ("held at 0.029: garbled copy of y (machine_translated, "
                                                 "flag right with p 1.00, so 0.029 x own trust 1.000)")
    assert copies[2].scores["trust"] == copies[3].scores["trust"] == GARBLED_COPY_TRUST
    assert rows["mixed"]["why"].startswith("held at 0.029-0.475: garbled copies ")
    # analyzer.distributed's workers get GarbledCopy records: the direction goes with them.
    assert garbled_copies(flags) == flags


def test_a_machine_translation_is_held_at_its_flags_p_wrong_times_its_own_trust() -> None:
    """The graded hold 1 - sigmoid(d) is P(the flag is wrong), only a bound on the copy's trust: by total
    probability the copy is trustworthy with P(flag wrong) x its trust judged alone (a right flag: a garbled
    copy, untrustworthy). min(own, 1 - p) left a copy the model doubts at the bound: 0.31, not 0.31 x own
    (h31b; WMT21 human vs machine translation, models fitted without the pair: trust ROC AUC ja-en 0.946 ->
    0.953, de-en 0.913 -> 0.931). Spun copies keep min(own, 0.029)."""
    from analyzer.trust.model import GARBLED_COPY_TRUST, held_low
    from analyzer.trust.ranking import GarbledCopy

    model = trust.default_model()
    mt, sp = _article("mt", "auto-blog", 0.5), _article("sp", "farm", 0.5)
    own = held_low(mt, model.probability(features.extract(mt)))
    assert 0.05 < own < 0.95  # the model neither vouches for the copy nor dismisses it
    rows = {r["source"]: r for r in rank_sources(
        [mt, sp], [GarbledCopy(("", "mt"), "machine_translated", "x", 0.8), GarbledCopy(("", "sp"), "spun", "z")],
        model)}
    assert mt.scores["trust"] == round(0.31 * own, 3) < min(own, 0.31)
    assert mt.details["trust"]["why"] == (f"held at {round(0.31 * own, 3):g}: garbled copy of x (machine_translated, "
                                          f"flag right with p 0.69, so 0.31 x own trust {own:.3g})")
    assert rows["auto-blog"]["why"].startswith(f"held at {round(0.31 * own, 3):g}: garbled copy of x "
                                               "(machine_translated, flag right with p 0.69) (1 article)")
    assert sp.scores["trust"] == GARBLED_COPY_TRUST


def test_a_graded_copy_s_features_are_extracted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """held_copy read a graded machine translation's features twice (with `garbled` set, and as not
    flagged for its own trust): once now, in the trust table and in score's comparison (compare.py),
    with the same trust."""
    from analyzer.trust.model import held_low
    from analyzer.trust.ranking import GarbledCopy, garbled_copy_hold, held_copy

    model = trust.default_model()
    mt = _article("mt", "auto-blog", 0.5)
    expected = round(0.31 * held_low(mt, model.probability(features.extract(mt))), 3)
    extracted: list[str] = []
    extract = features.extract

    def counted(article: Article, flagged: bool = False) -> dict[str, float]:
        extracted.append(article.id)
        return extract(article, flagged)

    monkeypatch.setattr(features, "extract", counted)
    rank_sources([mt], [GarbledCopy(("", "mt"), "machine_translated", "x", 0.8)], model)
    assert (extracted, mt.scores["trust"]) == (["mt"], expected)
    extracted.clear()
    trust_, *_ = held_copy(mt, garbled_copy_hold("machine_translated", "x", (), 0.8), model)
    assert (extracted, trust_) == (["mt"], expected)


@pytest.mark.parametrize("intercept", [None, 10.0, -10.0])
def test_a_garbled_copy_with_too_little_prose_keeps_both_reasons(intercept: float | None) -> None:
    """A flagged copy that also has too little prose lost the no-prose reason: details["trust"] and
    the why named the garbled copy alone (review 26, h26e, #7). With the shipped model (its trust
    0.4, held by the text), one that vouches for anything (held by both) and one that trusts nothing
    (the text's hold is said as TrustModel.score says it, "held at 0.4")."""
    from analyzer.pipeline import score_text
    from analyzer.trust.model import GARBLED_COPY_KIND
    from analyzer.trust.ranking import GarbledCopy

    model = trust.default_model()
    if intercept is not None:
        model = TrustModel(**{**model.__dict__, "intercept": intercept})
    bare = score_text(NO_PROSE[0], id="u", source="s")
    kept = score_text(SHORT_LEAD, id="k", source="mixed")
    other = score_text(NO_PROSE[0] + "?d=2", id="v", source="mixed")
    flags = [GarbledCopy(("", "u"), "spun", "o"), GarbledCopy(("", "v"), "spun", "o")]
    rows = {r["source"]: r for r in rank_sources([bare, kept, other], flags, model)}
    assert bare.scores["trust"] <= 0.029
    assert bare.details["trust"] == {"held": GARBLED_COPY_KIND,
                                     "why": "held at 0.029: garbled copy of o (spun), too little prose"}
    # One article under both holds is held at the lower, as its details say: not "held at 0.029-0.4"
    # (review 29: h29d's hold made the two values differ, and the table named both as a range).
    assert held_why(rows["s"]) == "held at 0.029: garbled copy of o (spun), too little prose (1 article)"
    assert rows["mixed"]["why"].startswith("1 of 2 articles held at 0.029: garbled copy of o (spun), "
                                           "too little prose")


def test_a_graded_hold_on_a_held_text_is_said_alike_in_the_table_and_the_details() -> None:
    """A machine translation with a weak direction (d = 0.1: P(flag wrong) 0.475) whose text has too
    little prose (held at 0.4 judged alone): held at 0.475 x 0.4 = 0.19 (h31b's product), and the table's
    why gives that hold, as its details do (review 31: h30g's garbled_caps had no test)."""
    from analyzer.pipeline import score_text
    from analyzer.trust.ranking import GarbledCopy

    vouching = TrustModel(**{**trust.default_model().__dict__, "intercept": 10.0})  # its trust ~1
    bare = score_text(NO_PROSE[0], id="u", source="s")
    rows = {r["source"]: r for r in rank_sources([bare], [GarbledCopy(("", "u"), "machine_translated", "o", 0.1)],
                                                 vouching)}
    assert bare.scores["trust"] == 0.19
    assert bare.details["trust"]["why"] == ("held at 0.19: garbled copy of o (machine_translated, flag right with "
                                            "p 0.52, so 0.475 x own trust 0.400), too little prose")
    assert held_why(rows["s"]) == ("held at 0.19: garbled copy of o (machine_translated, flag right with p 0.52), "
                                "too little prose (1 article)")


def test_a_flagged_copy_in_another_language_is_not_said_to_be_held() -> None:
    """The table leaves a French copy out of the trust ("not judged"), but its details said "held at
    0.4" and its trust was lowered to 0.4 (review 26, h26e, #8; `flag` does flag French copies)."""
    from analyzer.trust.model import GARBLED_COPY_KIND
    from analyzer.trust.ranking import GarbledCopy

    french = _article("f", "diario", 0.9)
    french.language = "fr"
    english = _article("e", "wire", 0.9)
    high = TrustModel(**{**trust.default_model().__dict__, "intercept": 10.0})  # its trust above the hold
    rows = {r["source"]: r for r in rank_sources([french, english], [GarbledCopy(("", "f"), "spun", "o")], high)}
    assert rows["diario"]["not_judged"] == 1 and "held" not in rows["diario"]["why"]
    assert french.scores["trust"] == 0.9
    assert french.details["trust"] == {"flagged": GARBLED_COPY_KIND, "why": "garbled copy of o (spun), not judged "
                                       "for trust (language fr; the signals read en)"}
    rank_sources([french, english], model=high)  # a later ranking without the flag clears it
    assert "trust" not in french.details


def test_held_copies_are_counted_by_original_and_label_not_by_the_text_of_their_why() -> None:
    """The why told a copy with an original from one without by its detail's text ("of ..."); the
    statistics (merged across a cluster's partitions) now keep each copy's (original, label)."""
    from analyzer.trust.ranking import GarbledCopy, merge_source_stats, source_stats

    copies = [_article(f"c{i}", "blog", 0.9) for i in range(4)]
    flags = [GarbledCopy(("", "c0"), "spun", "o0"), GarbledCopy(("", "c1"), "spun", "o0"),
             GarbledCopy(("", "c2"), "machine_translated", None), ("", "c3")]
    model = trust.default_model()
    whole = source_stats(copies, flags, model)["blog"]
    assert whole.copies_held == {("o0", "spun", None): 2, (None, "machine_translated", None): 1, (None, None, None): 1}
    halves = merge_source_stats(source_stats(copies[:2], flags, model), source_stats(copies[2:], flags, model))
    assert halves["blog"].copies_held == whole.copies_held
    [row] = rank_sources(copies, flags)
    assert row["why"].startswith("held at 0.029: garbled copies of o0 (spun) and 1 with no cleaner copy in the input "
                                 "(4 articles)"), row["why"]


# --- the trust table -------------------------------------------------------------------------


def _article(ident: str, source: str, trust_score: float, **scores: float) -> Article:
    # Each its own text: an article repeated verbatim in its source counts once (H23c-11).
    article = Article(id=ident, text=f"The minister said on Monday that talks would resume (story {ident}).",
                      source=source)
    article.scores = {"translation": 0.0, "boilerplate": 0.0, "attribution": 0.5, "hedging": 0.1, **scores,
                      "trust": trust_score}
    return article


def test_one_lucky_article_does_not_outrank_fifty_consistent_ones() -> None:
    articles = [_article(f"w{i}", "wire", 0.85 + 0.01 * (i % 5)) for i in range(50)]
    articles.append(_article("lucky", "one-off", 0.99))
    articles += [_article(f"b{i}", "blog", 0.2) for i in range(10)]
    rows = {r["source"]: r for r in rank_sources(articles)}
    assert rows["wire"]["rank"] == 1 and rows["one-off"]["rank"] == 2 and rows["blog"]["rank"] == 3
    assert rows["one-off"]["trust"] < 0.99  # shrunk toward the prior
    width = {s: r["trust_high"] - r["trust_low"] for s, r in rows.items()}
    assert width["wire"] < width["blog"] < width["one-off"]  # narrows with more articles
    for r in rows.values():
        assert 0.0 <= r["trust_low"] <= r["trust"] <= r["trust_high"] <= 1.0


def test_one_lucky_article_does_not_outrank_fifty_consistent_ones_that_make_up_the_run() -> None:
    """With the prior centred on the run's mean, a run of a big source and one other article centred it
    on the big source, and one article above its mean outranked fifty (bug hunt 31b, S1: 0.9107 above
    0.9076). The uniform prior is the same for every run: a source's trust no longer moves with the
    rest of the run either (S2: a clean one-article source pulled to 0.31 among spun copies)."""
    wire = [_article(f"w{i}", "wire", 0.85 + 0.01 * (i % 5)) for i in range(50)]
    rows = {r["source"]: r for r in rank_sources([*wire, _article("lucky", "one-off", 0.99)])}
    assert rows["wire"]["rank"] == 1 and rows["one-off"]["rank"] == 2
    alone = rank_sources([_article("lucky", "one-off", 0.99)])[0]
    spun = [_article(f"s{i}", f"farm {i}", 0.03) for i in range(6)]
    among = {r["source"]: r for r in rank_sources([_article("lucky", "one-off", 0.99), *spun])}["one-off"]
    from analyzer.trust.ranking import source_posterior

    one = source_posterior(1, 0.99, 0.99 ** 2)
    assert alone["trust"] == among["trust"] == rows["one-off"]["trust"] == round(one.mean, 4)


# How a source's article trusts spread: Beta(mean KAPPA, (1 - mean) KAPPA), measured on PolNeAR dev and
# BASIL (analyzer.trust.ranking.KAPPA, evaluation/eval_source_trust.py); here so that the tests below
# describe the same sources whatever the table's model. 4.86 since session 33 (4.73 before "[sic]" stopped
# reading as spun: one BASIL article); sources drawn 3% wider than the table reads them outranked it in
# 11 of 400 one-article draws at a mean of 0.6, against the 2.5% the interval allows.
KAPPA = 4.86


def _spread(source: str, n: int, mean: float) -> list[Article]:
    """n articles of a source whose trusts spread as a source's articles usually do: the quantiles of
    Beta(mean KAPPA, (1 - mean) KAPPA) (analyzer.trust.ranking), deterministic."""
    from scipy.stats import beta

    return [_article(f"{source}{i}", source, float(beta.ppf((i + 0.5) / n, mean * KAPPA, (1 - mean) * KAPPA)))
            for i in range(n)]


def _noise_top(mean: float) -> float:
    """The 97.5% quantile of an article's trust in a source of this mean: an article up to it is that
    source's noise, not a better source."""
    from scipy.stats import beta

    return float(beta.ppf(0.975, mean * KAPPA, (1 - mean) * KAPPA))


@pytest.mark.parametrize("mean", [0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95])
def test_one_article_never_outranks_fifty_consistent_ones_on_noise(mean: float) -> None:
    """Issue 6: one article within the noise of fifty consistent articles (up to their 97.5% quantile)
    ranks below them; above a mean of 0.65 no single article does, even at 1.0. The table before
    (each article one Bernoulli outcome, a prior worth 2 articles, ranked by the mean) let one article
    at 0.95 outrank fifty of mean 0.6 (0.65 against 0.60)."""
    fifty = _spread("wire", 50, mean)
    tops = [_noise_top(mean)] + ([1.0] if mean >= 0.65 else [])
    for top in tops:
        rows = {r["source"]: r for r in rank_sources([*fifty, _article("lucky", "one-off", top)])}
        assert rows["wire"]["rank"] == 1, (mean, top, rows["wire"], rows["one-off"])


@pytest.mark.parametrize("mean", [0.6, 0.7, 0.8, 0.9])
def test_a_sample_of_a_source_seldom_outranks_it(mean: float) -> None:
    """One article drawn from fifty consistent articles' own distribution outranks them in at most the
    interval's tail (2.5%) of 400 seeded draws, two articles in at most 10% (5% and 3.5% at means 0.6 and
    0.7: two agreeing articles narrow their own interval); the table before: 18% and 30% at a mean of 0.6."""
    import random

    rng = random.Random(7)
    fifty = _spread("wire", 50, mean)
    for size in (1, 2):
        wins = 0
        for draw in range(400):
            sample = [_article(f"x{draw}.{i}", "sample", rng.betavariate(mean * KAPPA, (1 - mean) * KAPPA))
                      for i in range(size)]
            wins += rank_sources([*fifty, *sample])[0]["source"] == "sample"
        assert wins <= (0.025 if size == 1 else 0.1) * 400, (size, wins)


@pytest.mark.parametrize("mean", [0.8, 0.9, 0.95])
def test_one_article_does_not_outrank_five_consistent_ones_on_noise(mean: float) -> None:
    """Five articles of mean 0.8 or more rank above one article within their noise (up to their 97.5%
    quantile). Below, five articles say too little to outrank every such article (a mean of 0.7: one
    at 0.98 ranks first, as in the table before)."""
    five = _spread("small", 5, mean)
    rows = {r["source"]: r for r in rank_sources([*five, _article("lucky", "one-off", _noise_top(mean))])}
    assert rows["small"]["rank"] == 1, (rows["small"], rows["one-off"])


@pytest.mark.parametrize("mean", [0.6, 0.7, 0.8, 0.9])
def test_two_articles_do_not_outrank_fifty_consistent_ones_on_noise(mean: float) -> None:
    """Two articles, one typical of fifty consistent ones and one at the top of their noise, rank below them."""
    from scipy.stats import beta

    typical = float(beta.ppf(0.5, mean * KAPPA, (1 - mean) * KAPPA))
    pair = [_article("p1", "pair", typical), _article("p2", "pair", _noise_top(mean))]
    rows = {r["source"]: r for r in rank_sources([*_spread("wire", 50, mean), *pair])}
    assert rows["wire"]["rank"] == 1, (rows["wire"], rows["pair"])


def test_a_mixed_source_has_the_wider_interval_and_ranks_below_a_consistent_one() -> None:
    """A source of half clean, half garbled articles knows its trust less well than one whose articles
    agree at the same mean: its interval is wider (its own dispersion counts, DISPERSION_ARTICLES) and it
    ranks below, its `why` says so. Before, each article counted as one Bernoulli outcome whatever the
    spread: the same interval, and the tie went to the name ("a-mixed" first)."""
    mixed = [_article(f"m{i}", "a-mixed", 0.95 if i % 2 else 0.05) for i in range(50)]
    rows = {r["source"]: r for r in rank_sources([*mixed, *_spread("consistent", 50, 0.5)])}
    width = {s: r["trust_high"] - r["trust_low"] for s, r in rows.items()}
    assert rows["a-mixed"]["trust"] == pytest.approx(rows["consistent"]["trust"], abs=0.01)
    assert width["a-mixed"] > 1.5 * width["consistent"]
    assert rows["consistent"]["rank"] == 1
    assert "disagree more than a source's usually do (trust sd 0.45; wider interval)" in rows["a-mixed"]["why"]
    # Five agreeing articles: narrower than five that spread as usual, and said so.
    agree = {r["source"]: r for r in rank_sources([_article(f"a{i}", "agree", 0.9) for i in range(5)])}["agree"]
    usual = rank_sources(_spread("usual", 5, 0.9))[0]
    assert agree["trust_high"] - agree["trust_low"] < usual["trust_high"] - usual["trust_low"]
    assert "agree more than a source's usually do (narrower interval)" in agree["why"]


def test_articles_held_at_one_cap_do_not_narrow_their_sources_interval_as_agreement() -> None:
    """Twenty garbled copies each held at GARBLED_COPY_TRUST: their equal trusts are the cap, not readings
    that agree. Their own spread counted as agreement had narrowed the interval (twenty briefs held at
    NO_PROSE_TRUST: 0.358-0.444, phi 0.04, "agree more than a source's usually do"; review 32b, R1): held
    articles add no degrees of freedom to the source's own dispersion, so they have the pooled one."""
    from analyzer.trust.model import GARBLED_COPY_TRUST
    from analyzer.trust.ranking import PHI, source_posterior

    copies = [_article(f"c{i}", "farm", 0.6) for i in range(20)]
    rows = {r["source"]: r for r in rank_sources(copies, flagged={a.id for a in copies})}
    assert {a.scores["trust"] for a in copies} == {GARBLED_COPY_TRUST}
    pooled = source_posterior(20, 20 * GARBLED_COPY_TRUST)
    assert pooled.phi == PHI
    assert (rows["farm"]["trust_low"], rows["farm"]["trust_high"]) == tuple(round(x, 4) for x in pooled.interval)
    assert "agree more" not in rows["farm"]["why"]
    # A judged article beside them: the held ones still add no agreement, the spread they show counts.
    five = [_article(f"d{i}", "farm", 0.6) for i in range(5)]
    mixed = {r["source"]: r for r in rank_sources([*five, _article("j3", "farm", 0.9)],
                                                  flagged={a.id for a in five})}["farm"]
    assert mixed["trust_high"] - mixed["trust_low"] > rows["farm"]["trust_high"] - rows["farm"]["trust_low"]


def test_texts_held_by_their_text_alone_are_not_judged_for_their_source_garbled_copies_are() -> None:
    """Ten 9-word teasers (held at NO_PROSE_TRUST: too little prose to judge) beside ten articles of mean
    0.85 took their source from 0.84 [0.74, 0.92] to 0.62 [0.48, 0.75]: a ceiling set so that an unreadable
    text does not rank with news, read as the outlet's trust. They are left out of it now, as pages of
    page furniture are (h33f). A garbled copy is a reading of the outlet, which published it: ten of them
    still count at their cap, and twenty briefs alone are listed as not judged, not ranked at 0.4."""
    from analyzer.pipeline import score_text
    from analyzer.trust.model import NO_PROSE_TRUST

    full = _spread("wire", 10, 0.85)
    teasers = [score_text(f"Talks will resume on day {i}, the minister told Reuters.", id=f"t{i}", source="wire")
               for i in range(10)]
    assert {a.scores["trust"] for a in teasers} == {NO_PROSE_TRUST}
    alone = rank_sources(full)[0]
    [row] = rank_sources([*full, *teasers])
    shown = ("trust", "trust_low", "trust_high")
    assert [row[k] for k in shown] == [alone[k] for k in shown]
    assert row["articles"] == 20 and row["not_judged"] == 10
    assert "10 of 20 articles not judged (too little prose)" in row["why"]
    copies = [_article(f"g{i}", "wire", 0.8) for i in range(10)]
    [garbled] = rank_sources([*full, *copies], flagged={a.id for a in copies})
    assert garbled["trust"] < alone["trust"] - 0.2 and garbled["not_judged"] == 0
    rows = {r["source"]: r for r in rank_sources([*teasers, _article("p1", "pair", 0.45), _article("p2", "pair", 0.5)])}
    assert rows["pair"]["rank"] == 1 and (rows["wire"]["trust_low"], rows["wire"]["trust_high"]) == (0.0, 1.0)


def test_a_teasers_signals_count_in_its_sources_columns_though_its_trust_does_not() -> None:
    """A teaser is English prose the signals read: its attribution and hedging are measurements, and
    OUTPUT.md's signal columns are "means over its articles". h33f left teasers out of every column
    the English lexicons measure, so a source's attribution read 0.630 in `trust` and 0.754 averaged
    from `score` (review33)."""
    from analyzer.pipeline import score_text

    full = [score_text(f"Officials said on day {i} that talks would resume, the minister told Reuters. "
                       "The Observatory said it could not independently verify the claims. " * 4,
                       id=f"f{i}", source="wire") for i in range(3)]
    teasers = [score_text(f"Prices rose on day {i}.", id=f"t{i}", source="wire") for i in range(2)]
    [row] = rank_sources([*full, *teasers])
    assert row["not_judged"] == 2
    for key in ("attribution", "hedging", "translation"):
        expected = sum(a.scores[key] for a in [*full, *teasers]) / 5
        assert row[key] == pytest.approx(expected, abs=1e-4), key
    assert row["attribution"] != pytest.approx(sum(a.scores["attribution"] for a in full) / 3, abs=1e-3)


def test_a_text_held_by_its_text_alone_that_score_labels_garbled_still_counts_for_its_source(seeds_dir: Path) -> None:
    """h33f leaves a text held by its text alone (too little prose, run-on) out of its source's trust, a
    garbled copy `flag` flags in: the outlet published it. A text score labels spun by its text alone is a
    garbled copy read as surely: an outlet of three clean seeds and six copies of the spun seed 003 that lost
    their full stops (each labelled spun, held: run-on text) ranked on its three clean articles alone, 0.88
    [0.71, 0.98] beside a `garbled` column of 6 (0.54 [0.32, 0.74] counted), and six such copies alone were
    listed "not judged" (review33). They count at their hold again; clean teasers are still left out (above)."""
    from analyzer.pipeline import score_text
    from analyzer.trust.model import NO_PROSE_TRUST, RUN_ON_KIND, hold

    def read(name: str) -> str:
        return next(seeds_dir.glob(f"{name}_*.txt")).read_text(encoding="utf-8")

    paragraphs = [p for p in read("003").split("\n") if len(p.split()) > 12]
    runon = [score_text(" ".join(" ".join(paragraphs[i:] + paragraphs[:i]).replace(".", " ").split()),
                        id=f"r{i}", source="outlet") for i in range(6)]
    assert all(a.label == "spun" and hold(a).kind == RUN_ON_KIND and a.scores["trust"] <= NO_PROSE_TRUST
               for a in runon)
    clean = [score_text(read(name), id=f"c{name}", source="outlet") for name in ("000", "002", "004")]
    alone = rank_sources(clean)[0]
    [row] = rank_sources([*clean, *runon])
    assert row["not_judged"] == 0 and row["garbled"] == 6
    assert row["trust"] < alone["trust"] - 0.2
    assert "6 of 9 articles held at 0.4: run-on text labelled spun" in row["why"]
    [only] = rank_sources([score_text(a.text, id=a.id, source="spun") for a in runon])
    assert only["not_judged"] == 0 and only["trust_high"] < 0.6
    assert only["why"].startswith("held at 0.4: run-on text labelled spun (6 articles)")
    # A cluster's partitions, each with some of the held, labelled and teaser articles, give the same rows.
    from analyzer.trust.ranking import merge_source_stats, rows_from_stats, source_stats

    teasers = [score_text(f"Talks will resume on day {i}, the minister told Reuters.", id=f"t{i}", source="outlet")
               for i in range(3)]
    articles = [*clean, *runon, *teasers]
    model = trust.default_model()
    parts = [source_stats(articles[k::3], None, model) for k in range(3)]
    rows = rank_sources(articles, model=model)
    assert rows_from_stats(merge_source_stats(*parts)) == rows
    assert rows[0]["not_judged"] == 3 and "3 of 12 articles not judged (too little prose)" in rows[0]["why"]
    # Beside a garbled copy with too little prose of its own, each hold is named once, the list unambiguous.
    brief = score_text("Cops stated the principal street would reopen Tuesday.", id="g", source="outlet")
    [mixed] = rank_sources([*clean, *runon, brief], flagged={"g"})
    said = "7 of 10 articles held at 0.029-0.4: garbled copy 1, run-on text labelled spun 6, too little prose 1"
    assert said in mixed["why"]


def test_a_one_article_sources_interval_stays_wide() -> None:
    """One article says little: its interval spans more than a third of the scale wherever it lies,
    and its trust is shrunk toward the prior's 0.5 (0.99 -> 0.86; 0.5 stays)."""
    for value in (0.0, 0.02, 0.5, 0.99, 1.0):
        [row] = rank_sources([_article("one", "s", value)])
        assert row["trust_high"] - row["trust_low"] > 0.35, row
        assert abs(row["trust"] - 0.5) <= abs(value - 0.5)
        assert "one article says little" in row["why"]


def test_interval_narrows_as_a_source_grows() -> None:
    widths = []
    for n in (1, 5, 50):
        rows = rank_sources([_article(f"a{i}", "s", 0.8) for i in range(n)] + [_article("o", "other", 0.3)])
        row = next(r for r in rows if r["source"] == "s")
        widths.append(row["trust_high"] - row["trust_low"])
    assert widths[0] > widths[1] > widths[2]


def _width(trusts: list[float], held: int = 0) -> float:
    from analyzer.trust.ranking import source_posterior

    low, high = source_posterior(len(trusts), sum(trusts), sum(x * x for x in trusts), held).interval
    return high - low


def _widest(n: int) -> float:
    """The widest interval a source of n articles can have: the smallest count of outcomes n / phi_s (the
    largest phi_s: trusts of 0 and 1 only, whose own spread n is the largest, every article held so that
    none adds a degree of freedom), at a mean of 0.5, where a Beta interval of a given count is widest."""
    from analyzer.trust.ranking import SourcePosterior, dispersion

    phi = max(dispersion(n, k, k, held) for k in range(n + 1) for held in (0, n))
    half = 1.0 + n / phi / 2.0
    low, high = SourcePosterior(half, half, phi).interval
    return high - low


def test_the_widest_interval_a_source_can_have_narrows_as_it_has_more_articles() -> None:
    """OUTPUT.md: trust_low..trust_high "narrows as a source has more articles". With the source's own
    dispersion unbounded, two articles of 0 and 1 counted as 4.5 outcomes against one article's 5.7, so
    the widest interval of two articles (0.685) was wider than one article's (0.641), and held articles,
    which add no degree of freedom, had phi up to 3.6 (ranking.dispersion_bound)."""
    widest = [_widest(n) for n in range(1, 61)]
    assert all(a >= b - 1e-12 for a, b in zip(widest, widest[1:], strict=False)), widest[:6]
    assert widest[-1] < widest[0] / 2
    assert _width([0.0, 1.0]) <= _width([0.5]) + 1e-12


@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=40), st.integers(0, 40))
@example([0.0, 1.0], 0)  # the widest pair: wider than one article before the bound
@example([0.0, 1.0] * 10, 20)  # held articles of 0 and 1: phi 3.6 before
@settings(max_examples=300, deadline=None)
def test_no_source_is_wider_than_one_article_at_its_mean_nor_than_the_widest_of_its_size(
        trusts: list[float], held: int) -> None:
    """Property (issue 6): whatever its articles' trusts, and however many of them are held, a source's
    interval is no wider than one article's at the same mean trust, nor than the widest a source of as
    many articles can have (_widest), which narrows with n (the test above)."""
    held = min(held, len(trusts))
    mean = sum(trusts) / len(trusts)
    width = _width(trusts, held)
    assert width <= _width([mean]) + 1e-9
    assert width <= _widest(len(trusts)) + 1e-9


def test_a_source_whose_articles_disagree_says_so_beside_its_wider_interval() -> None:
    """Ten articles of 0.99 and 0.01 have a wider interval than one article of 0.99 (their mean sits at 0.5,
    where every interval is widest; one article of 0.5 is wider still): `why` gives their spread, so that
    the two rows read right (review 32b, R4). Two that disagree as far as articles can are held to one
    article's interval at their mean, and `why` says that too."""
    mixed = [_article(f"m{i}", "mixed", 0.99 if i % 2 else 0.01) for i in range(10)]
    rows = {r["source"]: r for r in rank_sources([*mixed, _article("one", "one-off", 0.99)])}
    width = {s: r["trust_high"] - r["trust_low"] for s, r in rows.items()}
    assert width["one-off"] < width["mixed"] < _width([0.5])
    said = "its articles disagree more than a source's usually do (trust sd 0.52; wider interval)"
    assert said in rows["mixed"]["why"]
    [pair] = rank_sources([_article("a", "pair", 0.0), _article("b", "pair", 1.0)])
    assert pair["trust_high"] - pair["trust_low"] == pytest.approx(_width([0.5]), abs=1e-4)
    assert "(trust sd 0.71; as wide as one article's at their mean)" in pair["why"]


def test_table_columns_explain_the_rank() -> None:
    rows = rank_sources([_article("a", "s", 0.7, translation=0.4), _article("b", "s", 0.5, translation=0.2)],
                        flagged={"a"})
    row = rows[0]
    assert row["articles"] == 2 and row["garbled"] == 1
    assert row["translation"] == pytest.approx(0.3)
    for column in ("attribution", "boilerplate", "hedging", "quote_rate", "named_sources", "wire_credit", "why"):
        assert column in row


def test_flagged_copy_is_rescored_lower() -> None:
    article = _article("a", "s", 0.0)
    model = trust.default_model()
    article.scores["trust"] = model.score(article)
    before = article.scores["trust"]
    rank_sources([article], flagged={"a"})
    assert article.scores["trust"] <= before


def test_empty_input_gives_empty_table() -> None:
    assert rank_sources([]) == []


# --- retraining ------------------------------------------------------------------------------

TRUSTED = [
    "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to approve the budget, officials said. "
    '"This is a good day," Senator Jane Smith told reporters.',
    "LONDON (Reuters) - Britain's inflation rate rose to 3.1% in March, the Office for National "
    "Statistics said on Wednesday, according to figures released in the morning.",
    "BEIRUT (AFP) - At least 12 people were killed in air strikes, the Syrian Observatory for Human "
    'Rights said. "The toll may rise," its chief Rami Abdel Rahman told AFP.',
    "PARIS (AFP) - France's parliament approved the bill by 320 votes to 210 on Thursday, the "
    "speaker's office said in a statement.",
]
UNTRUSTED = [
    "You won't believe what they are hiding from you! Share this before it gets deleted!!",
    "I always knew it. We all know the truth and you should too. Why is nobody talking about this?",
    "Click here to see the shocking truth they don't want you to know! Wake up people!",
    "Our sources are everywhere. You know what is going on. Do your own research!",
]


def _labels(tmp_path: Path, fmt: str) -> Path:
    rows = [(t, "trusted", f"wire{i % 2}") for i, t in enumerate(TRUSTED)]
    rows += [(t, "untrusted" if i % 2 else "0", f"blog{i % 2}") for i, t in enumerate(UNTRUSTED)]
    if fmt == "jsonl":
        path = tmp_path / "labels.jsonl"
        path.write_text("\n".join(json.dumps({"text": t, "label": lab, "source": s}) for t, lab, s in rows) + "\n",
                        encoding="utf-8")
        return path
    if fmt == "json":  # an array, pretty-printed
        path = tmp_path / "labels.json"
        path.write_text(json.dumps([{"text": t, "label": lab, "source": s} for t, lab, s in rows], indent=2),
                        encoding="utf-8")
        return path
    import csv

    path = tmp_path / "labels.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "label", "source"])
        for n, (text, label, source) in enumerate(rows):
            (tmp_path / f"a{n}.txt").write_text(text, encoding="utf-8")
            writer.writerow([f"a{n}.txt", label, source])
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_train_command_writes_a_model_that_score_and_trust_use(tmp_path: Path, fmt: str) -> None:
    labels = _labels(tmp_path, fmt)
    out = tmp_path / "mine.json"
    result = runner.invoke(app, ["train", str(labels), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "grouped cross-validation ROC AUC" in result.output
    model = load_model(out)
    assert model.training["articles"] == 8 and model.training["groups"] == 4
    assert not list(tmp_path.glob(".mine.json.*"))  # atomic: no temporary file left behind
    # The retrained model separates its own training data.
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "wire.txt").write_text(TRUSTED[0], encoding="utf-8")
    (texts / "rant.txt").write_text(UNTRUSTED[0], encoding="utf-8")
    scored = runner.invoke(app, ["score", str(texts), "--format", "json", "--model", str(out)])
    assert scored.exit_code == 0, scored.output
    trust_by_id = {a["id"]: a["scores"]["trust"] for a in json.loads(scored.stdout)["articles"]}
    assert trust_by_id["wire"] > trust_by_id["rant"]
    ranked = runner.invoke(app, ["trust", str(texts), "--format", "json", "--model", str(out)])
    assert ranked.exit_code == 0, ranked.output
    assert len(json.loads(ranked.stdout)["sources"]) >= 1


def test_train_refuses_bad_labels(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "x", "label": "maybe"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(bad), "--output", str(tmp_path / "m.json")])
    assert result.exit_code == 1
    assert "maybe" in result.output and "Traceback" not in result.output
    one_class = tmp_path / "one.jsonl"
    one_class.write_text("\n".join(json.dumps({"text": t, "label": 1}) for t in TRUSTED), encoding="utf-8")
    result = runner.invoke(app, ["train", str(one_class), "--output", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and "at least" in result.output
    not_array = tmp_path / "object.json"
    not_array.write_text(json.dumps({"text": "x", "label": 1}), encoding="utf-8")
    result = runner.invoke(app, ["train", str(not_array), "--output", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and "array of objects" in result.output
    assert not (tmp_path / "m.json").exists()


def test_train_skips_bad_rows_names_them_and_fits_the_rest(tmp_path: Path) -> None:
    good = _labels(tmp_path, "jsonl").read_text(encoding="utf-8").splitlines()
    bad = ['{"text": "broken', json.dumps({"text": "x", "label": "maybe"}), json.dumps({"label": 1}),
           json.dumps({"path": "gone.txt", "label": 0}), json.dumps(["not", "an", "object"])]
    labels = tmp_path / "mixed.jsonl"
    labels.write_text("\n".join(good[:4] + bad + good[4:]) + "\n", encoding="utf-8")
    out = tmp_path / "mine.json"
    result = runner.invoke(app, ["train", str(labels), "--output", str(out)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    assert [line.split(": ", 1)[0] for line in skipped] == [f"skipped {labels}:{n}" for n in range(5, 10)]
    assert "not valid JSON" in skipped[0] and "'maybe'" in skipped[1] and "'text' or 'path'" in skipped[2]
    assert "gone.txt" in skipped[3] and "not a JSON object" in skipped[4]
    model = load_model(out)
    assert model.training["articles"] == 8 and model.training["skipped_rows"] == 5


@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ";"), (".tsv", "\t"), (".csv", ",")])
def test_train_reads_label_tables_as_the_article_readers_do(tmp_path: Path, suffix: str, delimiter: str) -> None:
    rows = [json.loads(line) for line in _labels(tmp_path, "jsonl").read_text(encoding="utf-8").splitlines()]
    labels = tmp_path / f"labels{suffix}"
    # A header in any case, a long text field (over the csv module's 128 kB default limit) and a
    # blank row.
    import csv

    table = [["Text", "LABEL", "Source"], *([r["text"], str(r["label"]), r["source"]] for r in rows)]
    table.insert(3, [])
    table.append(["Officials said the count went on. " * 5000, "1", "wire9"])
    with labels.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(table)
    out = tmp_path / "mine.json"
    result = runner.invoke(app, ["train", str(labels), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert load_model(out).training["articles"] == 9


def test_train_refuses_to_overwrite_its_labels(tmp_path: Path) -> None:
    labels = _labels(tmp_path, "jsonl")
    before = labels.read_bytes()
    result = runner.invoke(app, ["train", str(labels), "--output", str(labels)])
    assert result.exit_code == 1 and "also an input" in result.output
    assert labels.read_bytes() == before


@pytest.mark.parametrize("command", ["score", "trust"])
def test_bad_model_file_is_one_line_exit_1(tmp_path: Path, seeds_dir: Path, command: str) -> None:
    bad = _write(tmp_path, '{"format": "analyzer-trust", "version": 1, "coef": [NaN]}')
    result = runner.invoke(app, [command, str(seeds_dir), "--format", "json", "--model", str(bad)])
    assert result.exit_code == 1
    assert "bad trust model" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_shipped_weights_point_the_expected_way() -> None:
    # Sourcing raises trust and garbling lowers it: the training's sign constraints guarantee it,
    # and the `why` column relies on it.
    model = trust.default_model()
    for name, coef in zip(model.feature_names, model.coef, strict=True):
        assert coef * features.FEATURE_SIGNS[name] >= 0, (name, coef)
    weights = dict(zip(model.feature_names, model.coef, strict=True))
    assert weights["machine_evidence"] < 0 and weights["sourcing"] > 0.5


def test_pair_rows_teach_what_separates_two_copies_of_one_text() -> None:
    from analyzer.trust.training import fit_model, grouped_cv

    # Feature 0 says nothing about the label across articles, but within each pair the damaged
    # copy has the higher value; feature 1 separates the classes on its own.
    rows, labels, pairs, groups = [], [], [], []
    for k in range(40):
        level = (k % 5) / 5.0
        rows += [[level, 0.3 + (k * 7 % 10) / 10], [level + 0.1, (k * 3 % 10) / 10]]
        labels += [1, 0]
        pairs.append((2 * k, 2 * k + 1))
        groups += [f"g{k % 8}"] * 2
    names = ("translation", "attribution")
    plain = fit_model(rows, labels, names=names, constrained=False)
    paired = fit_model(rows, labels, names=names, constrained=False, pairs=pairs)
    assert paired.coef[0] < 1.5 * plain.coef[0] < 0
    cv = grouped_cv(rows, labels, groups, names=names, pairs=pairs)
    assert cv.roc_auc is not None and cv.roc_auc > 0.7


def test_model_object_is_plain_data() -> None:
    model = trust.default_model()
    assert isinstance(model, TrustModel)
    text = json.dumps(model.to_dict())
    assert loads(text) == model


# --- evaluation gate (skips without ../shared) -----------------------------------------------

# Measured by evaluation/eval_trust.py: clean BBC copy above its spun copy in 0.982 of pairs
# (out-of-fold); the floor sits below it to absorb signal changes.
SPUN_PAIR_FLOOR = 0.8
GATE_ARTICLES = 60


@pytest.mark.usefixtures("no_time_limit")
def test_clean_bbc_copies_outrank_their_spun_copies(shared_data: Path) -> None:
    from analyzer.spinner import spin
    from analyzer.trust.training import score_for_training

    rows = [json.loads(line) for line in (shared_data / "news" / "bbc_dev.jsonl").open(encoding="utf-8")]
    rows = rows[:: max(1, len(rows) // GATE_ARTICLES)][:GATE_ARTICLES]
    clean = [Article(id=r["id"], text=r["text"], source="BBC") for r in rows]
    spun = [Article(id=r["id"] + ":spun", text=spin(r["text"], rate=0.05, seed=n).text, source="BBC")
            for n, r in enumerate(rows)]
    model = trust.default_model()
    scored = score_for_training(clean + spun)
    values = [model.score(a) for a in scored]
    wins = sum(1.0 if values[i] > values[i + len(rows)] else 0.0 for i in range(len(rows)))
    assert wins / len(rows) >= SPUN_PAIR_FLOOR, wins / len(rows)


# Held out (evaluation/eval_trust.py, PolNeAR dev, never used in training): a full article above
# the same article cut to its unattributed paragraphs in 0.907 of 43 pairs (0.930 before session 26
# kept a text's opening lede: one pair moved 0.0005); Spearman of trust with the gold attribution
# share +0.442 (+0.406 before thinly sourced pairs counted double in training).
POLNEAR_PAIR_FLOOR = 0.85
POLNEAR_SPEARMAN_FLOOR = 0.43


@pytest.mark.usefixtures("no_time_limit")
def test_attributed_articles_outrank_their_unattributed_parts(shared_data: Path) -> None:
    from scipy.stats import spearmanr

    from analyzer.trust.training import score_for_training
    from tests.helpers import load_script

    eval_trust = load_script("evaluation/eval_trust.py")
    articles, meta = eval_trust.polnear_articles(shared_data)
    scored = score_for_training(articles)
    model = trust.default_model()
    value = {a.id: model.score(a) for a in scored}
    pairs = [(a.id.rsplit(":", 1)[0], a.id) for a, m in zip(scored, meta, strict=True) if m["kind"] == "unattributed"]
    assert len(pairs) >= 30
    wins = sum(1.0 if value[full] > value[bare] else 0.0 for full, bare in pairs) / len(pairs)
    assert wins >= POLNEAR_PAIR_FLOOR, wins
    full = [(value[a.id], m["share"]) for a, m in zip(scored, meta, strict=True) if m["kind"] == "full"]
    rho = spearmanr([v for v, _ in full], [g for _, g in full]).statistic
    assert rho >= POLNEAR_SPEARMAN_FLOOR, rho


def test_articles_in_another_language_are_not_ranked_on_signals_that_were_not_measured() -> None:
    """Attribution and hedging are not measured on a Spanish text: its low trust says nothing about
    the outlet, so it neither ranks the outlet nor moves the prior of the others."""
    articles = [_article(f"w{i}", "wire", 0.9) for i in range(3)] + [_article("b", "blog", 0.3)]
    foreign = [_article(f"e{i}", "diario", 0.05, attribution=0.0) for i in range(4)]
    for article in foreign:
        article.language = "es"
    mixed = [_article("m1", "mixed", 0.9), _article("m2", "mixed", 0.05)]
    mixed[1].language = "fr"
    rows = {r["source"]: r for r in rank_sources(articles + foreign + mixed)}
    alone = {r["source"]: r for r in rank_sources(articles + mixed[:1])}
    assert rows["diario"]["rank"] == len(rows)  # after every source that was judged
    assert rows["diario"]["not_judged"] == 4 and rows["diario"]["mean_article_trust"] is None
    # Nothing judged, nothing known: not an interval above the judged sources' own.
    assert (rows["diario"]["trust_low"], rows["diario"]["trust_high"]) == (0.0, 1.0)
    assert "no article judged for trust (language es 4" in rows["diario"]["why"]
    assert rows["wire"]["trust"] == alone["wire"]["trust"]  # the prior ignores the Spanish articles
    assert rows["mixed"]["trust"] == alone["mixed"]["trust"] and rows["mixed"]["articles"] == 2
    assert rows["mixed"]["not_judged"] == 1 and "1 of 2 articles not judged (language fr 1)" in rows["mixed"]["why"]
    assert rows["wire"]["not_judged"] == 0


def test_a_text_that_lost_its_full_stops_is_held_low_and_says_why(seeds_dir: Path) -> None:
    """383 words read as one sentence made every rate over sentences 1.0 (trust 0.999, above the
    intact copy)."""
    from analyzer.pipeline import score_text
    from analyzer.trust.model import NO_PROSE_TRUST, RUN_ON_KIND

    intact = (seeds_dir / "004_5cf1ccbb3be23d88.txt").read_text(encoding="utf-8")
    # Full stops and line breaks lost, as a one-line dump of a scraper that dropped them.
    damaged = " ".join(intact.replace(".", " ").split())
    kept = score_text(intact, id="intact")
    held = score_text(damaged, id="damaged")
    assert kept.scores["trust"] > NO_PROSE_TRUST and not [e for e in kept.evidence if e.kind == RUN_ON_KIND]
    assert held.scores["trust"] <= NO_PROSE_TRUST
    [why] = [e for e in held.evidence if e.kind == RUN_ON_KIND]
    assert why.text == damaged[why.start:why.end] and len(why.text.split()) >= 80


def test_a_held_text_names_its_hold_not_reasons_that_push_trust_up(seeds_dir: Path) -> None:
    """A run-on text held at 0.4 had the why "sourcing +3.5, readability +1.8, residue_lines +0.8"
    (a helper's bug hunt): reasons for a high trust beside a figure that was capped."""
    from analyzer.pipeline import score_text
    from analyzer.trust.model import NO_PROSE_TRUST, RUN_ON_KIND

    intact = (seeds_dir / "004_5cf1ccbb3be23d88.txt").read_text(encoding="utf-8")
    held = score_text(" ".join(intact.replace(".", " ").split()), id="damaged", source="held")
    kept = score_text(intact, id="intact", source="mixed")
    assert held.details["trust"] == {"held": RUN_ON_KIND, "why": f"held at {NO_PROSE_TRUST:g}: run-on text"}
    assert "trust" not in kept.details
    other = score_text(" ".join(intact.replace(".", " ").split()), id="damaged2", source="mixed")
    rows = {r["source"]: r for r in rank_sources([held, kept, other])}
    # The table leaves a text held by its text alone out of its source's trust and its reasons (h33f).
    assert rows["held"]["why"] == "no article judged for trust (run-on text)"
    assert rows["mixed"]["not_judged"] == 1 and "1 of 2 articles not judged (run-on text)" in rows["mixed"]["why"]
    alone = {r["source"]: r for r in rank_sources([kept])}["mixed"]
    assert (rows["mixed"]["trust"], rows["mixed"]["trust_low"]) == (alone["trust"], alone["trust_low"])


def test_a_hold_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.pipeline import score_text
    from analyzer.trust import model as trust_model

    article = score_text("https://example.com/a/b?c=1")
    calls = []
    real = trust_model.too_little_prose
    monkeypatch.setattr(trust_model, "too_little_prose", lambda a: calls.append(a) or real(a))
    assert trust_model.held_low(article, 0.9) == trust_model.NO_PROSE_TRUST
    assert trust_model.held_low_evidence(article) and not calls


def test_a_mixed_sources_signal_means_leave_out_the_articles_not_judged() -> None:
    """A French article's attribution 0 was never measured: the mean was (0.67 + 0) / 2 (a helper's
    bug hunt)."""
    english = _article("m1", "mixed", 0.9, attribution=0.6, hedging=0.2, boilerplate=0.1)
    french = _article("m2", "mixed", 0.05, attribution=0.0, hedging=0.0, boilerplate=0.3)
    french.language = "fr"
    [row] = rank_sources([english, french])
    assert row["attribution"] == 0.6 and row["hedging"] == 0.2
    assert row["boilerplate"] == 0.2  # measured in any language


def test_a_lower_cased_article_is_not_held_as_run_on_and_reads_its_sentences(shared_data: Path) -> None:
    """The first 200 bbc_dev.jsonl articles lower-cased: 21 were held as run-on text and attribution
    averaged 0.860 against 0.616 as written (a helper's bug hunt); every ". " made "; " is still held."""
    from analyzer.pipeline import score_text
    from analyzer.trust.model import RUN_ON_KIND, hold

    with (shared_data / "news" / "bbc_dev.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(next(lines))["text"] for _ in range(40)]
    lowered = [score_text(text.lower(), id=str(i)) for i, text in enumerate(texts)]
    assert not [a.id for a in lowered if hold(a)]
    written = [score_text(text, id=str(i)) for i, text in enumerate(texts)]
    for low, as_written in zip(lowered, written, strict=True):
        assert len(low.sentences) >= len(as_written.sentences) - 1, low.id
    semicolons = score_text(texts[0].replace(". ", "; "))
    assert RUN_ON_KIND in {e.kind for e in semicolons.evidence}


def test_an_article_repeated_verbatim_counts_once_in_its_sources_row() -> None:
    """Hourly snapshots of a feed hold the same items again: 10 items saved twice were 20 articles
    and a narrower interval than one snapshot's (bug hunt 23, H23c-11)."""
    once = [_article("a", "feed", 0.9), _article("b", "other", 0.3)]
    again = _article("a2", "feed", 0.9)  # another id (the next snapshot's file), the same text
    again.text = once[0].text
    [row_once, other_once] = rank_sources(once)
    rows = rank_sources([once[0], again, once[1]])
    assert [r["source"] for r in rows] == ["feed", "other"]
    assert rows[0]["articles"] == 1
    assert ({k: v for k, v in rows[0].items() if k not in ("why", "repeats")}
            == {k: v for k, v in row_once.items() if k not in ("why", "repeats")})
    assert (rows[0]["repeats"], row_once["repeats"]) == (1, 0)
    assert rows[0]["why"].endswith("1 repeat left out (same text), " + rows[0]["why"].rsplit(", ", 1)[1])
    assert "1 repeat left out" not in row_once["why"]
    assert rows[1] == other_once
    # The same text from another source is that source's own article.
    elsewhere = _article("c", "other", 0.9)
    elsewhere.text = once[0].text
    assert {r["source"]: r["articles"] for r in rank_sources([once[0], elsewhere])} == {"feed": 1, "other": 1}


def test_repeats_given_by_position_are_left_out_as_found() -> None:
    """analyzer.distributed decides the repeats over the whole run and hands them to each partition."""
    from analyzer.trust.ranking import repeats_of, source_stats

    articles = [_article("a", "feed", 0.9), _article("a2", "feed", 0.9), _article("b", "feed", 0.4)]
    articles[1].text = articles[0].text
    assert repeats_of(articles) == [False, True, False]
    model = trust.default_model()
    found = source_stats(articles, None, model)["feed"]
    assert (found.articles, found.repeats) == (2, 1)
    assert source_stats(articles, None, model, repeats=[False, False, False])["feed"].articles == 3
    assert source_stats(articles, None, model, repeats=[False, True, False]) == {"feed": found}


def test_a_news_agencys_names_are_one_row_shown_as_the_run_spells_it_most() -> None:
    """"AFP" (a wire dateline's banner) and "Agence France-Presse" (a metadata.csv) were two rows
    (closing 26, a design call not made); the agencies' names come from attribution_wire.tsv."""
    from analyzer.trust.ranking import merge_source_stats, rows_from_stats, source_stats

    articles = [_article("a1", "AFP", 0.9), _article("a2", "AFP", 0.8), _article("a3", "Agence France-Presse", 0.85),
                _article("r1", "Thomson Reuters", 0.7), _article("r2", " reuters ", 0.7),
                _article("p", "PA", 0.6), _article("m", "PA Media", 0.6),
                _article("g", "AFP Getty", 0.5), _article("b", "blog", 0.3)]
    rows = {r["source"]: r for r in rank_sources(articles)}
    assert set(rows) == {"AFP", "Reuters", "PA", "PA Media", "AFP Getty", "blog"}
    assert rows["AFP"]["articles"] == 3 and rows["Reuters"]["articles"] == 2
    assert "one agency named AFP 2, Agence France-Presse 1, mean " in rows["AFP"]["why"], rows["AFP"]["why"]
    assert "one agency" not in rows["blog"]["why"]
    model = trust.default_model()
    halves = merge_source_stats(source_stats(articles[:2], None, model), source_stats(articles[2:], None, model))
    assert rows_from_stats(halves) == rank_sources(articles)  # a cluster's partitions give the same rows
    # One agency's story under two of its names is one article and a repeat.
    twice = [_article("a1", "AFP", 0.9), _article("a1", "Agence France-Presse", 0.9)]
    [row] = rank_sources(twice)
    assert row["articles"] == 1 and row["repeats"] == 1 and row["source"] == "Agence France-Presse"


def test_a_source_in_two_cases_is_one_row_shown_in_capitals_on_a_tie() -> None:
    """"BBC.com" (a metadata.csv) and "bbc.com" (a url's host, which has no case), "BBC" and "bbc", were
    two rows of one outlet each (bug hunt 31b, T1); a case aside, other outlets stay apart."""
    from analyzer.trust.ranking import merge_source_stats, rows_from_stats, source_stats

    articles = [_article("a", "BBC.com", 0.9), _article("b", "bbc.com", 0.8), _article("c", "bbc.com", 0.85),
                _article("d", "BBC", 0.7), _article("e", "bbc", 0.6), _article("f", "bbc.co.uk", 0.5)]
    rows = {r["source"]: r for r in rank_sources(articles)}
    assert set(rows) == {"bbc.com", "BBC", "bbc.co.uk"}
    assert (rows["bbc.com"]["articles"], rows["BBC"]["articles"]) == (3, 2)
    assert "one source spelled bbc.com 2, BBC.com 1, mean " in rows["bbc.com"]["why"], rows["bbc.com"]["why"]
    assert "one agency" not in rows["BBC"]["why"]
    model = trust.default_model()
    halves = merge_source_stats(source_stats(articles[:3], None, model), source_stats(articles[3:], None, model))
    assert rows_from_stats(halves) == rank_sources(articles)


@pytest.mark.parametrize("takes", [5, 12])
def test_the_versions_of_one_story_count_once_in_the_trust_interval(takes: int) -> None:
    """A site keeping `takes` updates of one story (each take wholly inside the next, as the
    pre-pass joins them: pipeline.story_counts, _join_many_versions past VERSION_MAX_ARTICLES) had
    the interval of `takes` distinct stories (closing 28, left open): the story counts once, its
    versions' mean as one article, `articles` still counting every take and `versions` the folded ones."""
    from analyzer import api
    from analyzer.trust.ranking import merge_source_stats, rows_from_stats, source_stats

    def paragraph(story: int, i: int) -> str:
        return (f"The council of town {story} said on Monday that item {i} of its plan for the river bridge "
                f"would cost {i + 3} million pounds, officials told reporters at a briefing.")

    live = [{"id": f"live{k}", "source": "Live", "text": "\n\n".join(paragraph(0, i) for i in range(k + 2))}
            for k in range(takes)]
    wire = [{"id": f"wire{j}", "source": "Wire", "text": "\n\n".join(paragraph(j + 1, i) for i in range(takes + 1))}
            for j in range(takes)]
    scored, errors = api.split(api.score_articles([*live, *wire]))
    assert not errors
    [story] = {a.details["boilerplate"]["versions"]["story"] for a in scored if a.source == "Live"}
    assert not [a.id for a in scored if a.source == "Wire" and "versions" in a.details["boilerplate"]]
    rows = {r["source"]: r for r in api.trust_articles(scored).sources}
    assert (rows["Live"]["articles"], rows["Live"]["versions"]) == (takes, takes - 1)
    assert (rows["Wire"]["articles"], rows["Wire"]["versions"]) == (takes, 0)
    width = {source: row["trust_high"] - row["trust_low"] for source, row in rows.items()}
    assert width["Live"] > width["Wire"], width
    assert f"{takes} articles are versions of 1 story, each story counted once" in rows["Live"]["why"]
    # As one article of their mean: the row of a source holding one article of that trust.
    mean = sum(a.scores["trust"] for a in scored if a.source == "Live") / takes
    one = copy.deepcopy(next(a for a in scored if a.id == f"live{takes - 1}"))
    one.scores["trust"] = mean
    del one.details["boilerplate"]["versions"]
    model = trust.default_model()
    alone = {r["source"]: r for r in rank_sources([*(a for a in scored if a.source == "Wire"), one], model=model)}
    assert [alone["Live"][k] for k in ("trust", "trust_low", "trust_high")] == [
        rows["Live"][k] for k in ("trust", "trust_low", "trust_high")]
    assert abs(rows["Live"]["mean_article_trust"] - mean) < 1e-4
    # A cluster's partitions, each holding some of the versions, give the same rows.
    halves = merge_source_stats(source_stats(scored[::2], None, model), source_stats(scored[1::2], None, model))
    assert rows_from_stats(halves) == rank_sources(scored, model=model)


def test_a_copy_differing_only_in_line_ends_is_a_repeat(tmp_path: Path) -> None:
    """A CRLF copy gives the same evidence and scores as its LF copy (README): saved both ways from
    one source it is one article, not two that narrow the interval."""
    body = ("The minister said on Monday that the budget would be cut.\n\n"
            "Officials told reporters the plan was under review, according to a statement.\n")
    records = [{"id": "lf", "source": "feed", "text": body},
               {"id": "crlf", "source": "feed", "text": body.replace("\n", "\r\n")},
               {"id": "cr", "source": "feed", "text": body.replace("\n", "\r")}]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    [row] = trust_paths(path).sources
    assert (row["articles"], row["repeats"]) == (1, 2)


def test_a_garbled_copys_why_names_its_original_by_path_where_its_id_repeats(tmp_path: Path,
                                                                             seeds_dir: Path) -> None:
    """Pages saved as index.html (a wget mirror), files named story.txt in two folders: the why said
    "garbled copy of index (spun)", naming no page of the run (bug hunt 27); the flag's evidence
    already named the original by path. Local and distributed alike (GarbledCopy)."""
    import json

    from analyzer.api import flag_articles
    from analyzer.trust.model import GARBLED_COPY_TRUST
    from analyzer.trust.ranking import garbled_copies
    from tests.helpers import spun_pair

    rows = [json.loads(line) for line in spun_pair(tmp_path, seeds_dir).read_text(encoding="utf-8").splitlines()]
    for folder, row in zip(("wire", "blog"), rows, strict=True):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(row["text"], encoding="utf-8")
        (tmp_path / folder / "metadata.csv").write_text(f"file,source\nindex.txt,{row['source']}\n", encoding="utf-8")
    articles = split(score_paths([tmp_path / "wire", tmp_path / "blog"]))[0]
    flags = flag_articles(articles).flags
    original = str(tmp_path / "wire" / "index.txt")
    assert [(f.id, f.original, f.original_path) for f in flags] == [("index", "index", original)]
    for flagged in (flags, garbled_copies(flags)):
        table = {r["source"]: r for r in rank_sources(articles, flagged)}
        assert held_why(table["Blog"]) == (f"held at {GARBLED_COPY_TRUST:g}: garbled copy of index ({original}) (spun) "
                                        "(1 article)")
    # score's comparison writes the hold trust's table reads (one function, ranking.flag_hold).
    compared = [a for a in score_paths([tmp_path / "wire", tmp_path / "blog"], compare=True) if isinstance(a, Article)]
    copy = next(a for a in compared if a.source == "Blog")
    assert f"garbled copy of index ({original}) (spun)" in copy.details["trust"]["why"]


def test_rank_sources_reads_a_compared_record_as_scored_alone(tmp_path: Path, seeds_dir: Path) -> None:
    """rank_sources on records score compared (score_paths(compare=True)) gives trust's table: the
    features read the copy's own label and translation score, not the comparison's spun and 0.971,
    and the records keep their comparison (review 27)."""
    from analyzer import api
    from tests.helpers import spun_pair

    pair = spun_pair(tmp_path, seeds_dir)
    records = [a for a in api.score_paths(pair, compare=True) if isinstance(a, Article)]
    expected = [a.to_dict() for a in records]
    flags = api.flag_paths(pair).flags
    assert rank_sources(records, flags) == api.trust_paths(pair).sources
    assert [a.to_dict() for a in records] == expected


def test_graded_hold_detail_prints_a_tiny_own_trust_in_decimals() -> None:
    # A copy whose own trust is near 0 read "x own trust 1e-05" in its why (review 32, R-cosmetic).
    from analyzer.trust.model import garbled_copy_detail

    detail = garbled_copy_detail("machine_translated", "x", 0.8, own_trust=1e-5)
    assert detail.endswith("so 0.31 x own trust 0.000)") and "e-" not in detail


def test_a_page_with_no_article_text_is_left_out_of_its_sources_trust() -> None:
    # A section index saved in a scrape (every line navigation: no content line) read trust 0.001 and
    # pulled its outlet's trust down (bug hunt 32: BBC News 0.739 -> 0.513); it is not judged now, as an
    # article in another language is not, and `why` says so.
    from analyzer.api import score_articles
    from analyzer.trust.ranking import NO_TEXT_REASON

    nav = "\n".join(["Home", "News", "Sport", "Weather", "iPlayer", "Sounds", "Bitesize", "Food", "More", "Search",
                     "Accessibility links", "Skip to content", "Privacy", "Cookies", "Contact the BBC"])
    articles = [_article(f"a{i}", "outlet", 0.8 + 0.02 * i) for i in range(4)]
    index = next(iter(score_articles([Article(id="index", text=nav, source="outlet")])))
    assert isinstance(index, Article) and index.content_ranges == [] and index.scores["trust"] < 0.01
    alone = rank_sources(articles)[0]
    row = rank_sources([*articles, index])[0]
    assert (row["articles"], row["not_judged"]) == (5, 1)
    assert (row["trust"], row["trust_low"], row["trust_high"]) == (alone["trust"], alone["trust_low"],
                                                                   alone["trust_high"])
    assert row["attribution"] == alone["attribution"]
    assert f"1 of 5 articles not judged ({NO_TEXT_REASON})" in row["why"]
    only = rank_sources([index])[0]
    assert (only["trust_low"], only["trust_high"], only["not_judged"]) == (0.0, 1.0, 1)
    assert only["why"] == f"no article judged for trust ({NO_TEXT_REASON})"


def test_a_flagged_copy_or_a_held_page_with_no_article_text_is_not_judged_in_its_details_either() -> None:
    """held_copy and score's note of a text's hold asked the language alone: a flagged copy with no
    article text was rescored and said "held ... garbled copy" in its details, and a three-link page
    "held at 0.4: too little prose", while the table left both out as not judged (session 32's note).
    Both say not judged now, as an article in another language does; the trust stays score's."""
    from analyzer.api import score_articles
    from analyzer.pipeline import score_text
    from analyzer.trust.ranking import NO_TEXT_REASON

    nav = "\n".join(["Home", "News", "Sport", "Weather", "iPlayer", "Sounds", "Bitesize", "Food", "More", "Search",
                     "Accessibility links", "Skip to content", "Privacy", "Cookies", "Contact the BBC"])
    index = next(iter(score_articles([Article(id="index", text=nav, source="outlet")])))
    assert isinstance(index, Article) and index.content_ranges == []
    scored = index.scores["trust"]
    [row] = rank_sources([index], ["index"])
    assert row["not_judged"] == 1 and "held" not in row["why"]
    assert index.scores["trust"] == scored
    assert index.details["trust"] == {"flagged": "garbled_copy",
                                      "why": f"garbled copy, not judged for trust ({NO_TEXT_REASON})"}
    links = score_text("Home\nNews\nSport", id="l", source="s")
    assert links.language == "en" and links.content_ranges == []
    assert links.details["trust"] == {"flagged": "no_prose",
                                      "why": f"too little prose, not judged for trust ({NO_TEXT_REASON})"}


def test_a_truncated_excerpt_is_left_out_of_its_sources_trust(tmp_path: Path) -> None:
    # NewsAPI's free-tier stubs ("... [+3000 chars]") had been ranked as whole articles of their source
    # (bug hunt 33): they are not judged, as a page of furniture is not, and `why` and explain say so.
    from analyzer.explain import trust_note
    from analyzer.trust.ranking import EXCERPT_REASON

    stub = ("Newcastle's teenage centre Mathew Tait has been named in England's team to face Wales in the Six "
            "Nations opener in Cardiff on Saturday.\n\nThe 18-year-old will play alongside Falcons' team-m"
            "\u2026 [+3000 chars]")
    rows = [{"source": {"name": "outlet"}, "title": f"t{i}", "url": f"https://example.org/{i}",
             "content": stub.replace("Saturday", day)} for i, day in enumerate(("Saturday", "Sunday"))]
    (tmp_path / "newsapi.json").write_text(json.dumps({"status": "ok", "articles": rows}), encoding="utf-8")
    stubs = [a for a in score_paths([tmp_path / "newsapi.json"]) if isinstance(a, Article)]
    assert len(stubs) == 2 and "truncated excerpt" in (trust_note(stubs[0]) or "")
    articles = [_article(f"a{i}", "outlet", 0.8 + 0.02 * i) for i in range(4)]
    alone = rank_sources(articles)[0]
    row = rank_sources([*articles, *stubs])[0]
    assert (row["articles"], row["not_judged"]) == (6, 2)
    assert (row["trust"], row["trust_low"], row["trust_high"]) == (alone["trust"], alone["trust_low"],
                                                                   alone["trust_high"])
    assert f"2 of 6 articles not judged ({EXCERPT_REASON})" in row["why"]
    only = rank_sources(stubs)[0]
    assert (only["trust_low"], only["trust_high"], only["not_judged"]) == (0.0, 1.0, 2)
    assert only["why"] == f"no article judged for trust ({EXCERPT_REASON})"
