"""Translation signal: model file loading/validation, seeds, and evaluation gates on ../shared/data."""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path

import pytest

from analyzer.article import Article, Evidence
from analyzer.resources import model_path
from analyzer.signals import translation as tr
from analyzer.signals.base import RunContext
from tests.helpers import load_script

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():  # type: ignore[no-untyped-def]
    return load_script("evaluation/eval_translation.py")


def _model_json() -> dict:
    return json.loads(model_path(tr.MODEL_FILE).read_text(encoding="utf-8"))


def _run(text: str):
    return tr.translation_signal(Article(id="t", text=text), RunContext())


def test_shipped_model_loads() -> None:
    model = tr.load_model(model_path(tr.MODEL_FILE))
    assert model.garbled.features and model.style.features
    assert 0 < model.style_weight <= tr.MAX_STYLE_WEIGHT
    assert abs(model.style_offset) <= tr.MAX_STYLE_OFFSET


def test_combine_adds_odds() -> None:
    # odds(score) = odds(g) + e^c * odds(s)^w: each term moves the score its way...
    assert tr.combine(0.3, 0.9, 2.0, 0.5) > tr.combine(0.3, 0.5, 2.0, 0.5) > tr.combine(0.3, 0.1, 2.0, 0.5)
    assert tr.combine(0.9, 0.2, 2.0, 0.5) > tr.combine(0.3, 0.2, 2.0, 0.5)
    odds = 0.3 / 0.7 + (0.6 / 0.4) ** 2
    assert tr.combine(0.3, 0.6, 2.0, 0.0) == pytest.approx(odds / (1 + odds))
    # ...and either one alone can carry it: a confident p_garbled is not pulled down by a low
    # style probability (the former log-odds sum gave 0.5 for g = 0.9, s = 0.1).
    assert tr.combine(0.9, 0.1, 1.0, 0.0) >= 0.9
    assert tr.combine(0.01, 0.95, 2.0, 0.5) > 0.99
    assert 0.0 < tr.combine(0.0, 0.0, 1.0, 0.0) < tr.combine(1.0, 1.0, 1.0, 0.0) < 1.0


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("models"),
        lambda d: d.update(format="something-else"),
        lambda d: d["models"]["style"]["coef"].pop(),
        lambda d: d["models"]["garbled"].update(intercept="high"),
        lambda d: d["models"]["garbled"]["scale"].__setitem__(0, 0.0),
        lambda d: d["models"]["style"]["features"].__setitem__(0, "no_such_feature"),
        lambda d: d.update(style_weight=30.0),
        lambda d: d.pop("style_offset"),
        lambda d: d.update(style_offset=float("nan")),
    ],
)
def test_malformed_model_is_refused(tmp_path: Path, mutate) -> None:
    data = copy.deepcopy(_model_json())
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(tr.ModelError):
        tr.load_model(path)


def test_non_json_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b"\x80\x04pickle?")
    with pytest.raises(tr.ModelError, match="not valid JSON"):
        tr.load_model(path)
    with pytest.raises(tr.ModelError, match="cannot read"):
        tr.load_model(tmp_path / "missing.json")


def test_signal_output_shape() -> None:
    result = _run("Photo of the file\nThe coalition said that she was expecting a fight. EI fighters would be "
                  "based in Iraq . The IS lost 7,7 million people.")
    assert 0.0 <= result.scores["translation"] <= 1.0
    assert result.fields["label"] in ("clean", "machine_translated", "spun")
    assert {e.signal for e in result.evidence} == {"translation"}
    assert len({e.kind for e in result.evidence}) >= 5


def test_clean_text_scores_low() -> None:
    result = _run("The government said on Monday that it would raise taxes next year. Officials expect the "
                  "change to bring in about $2bn. Opposition leaders criticised the plan.")
    assert result.scores["translation"] < 0.5
    assert result.fields["label"] == "clean"
    assert result.evidence == []


def test_seed_labels_and_flags(seeds_dir: Path) -> None:
    ev = _eval_module()
    report = ev.seed_report()
    assert report["001"]["label"] == "machine_translated"
    assert report["001"]["distinct_mt"] >= 6
    assert report["003"]["label"] == "spun"
    for clean in ("000", "002", "004"):
        assert report[clean]["label"] == "clean"
        assert report[clean]["flags"] <= 1


def test_gate_human_vs_machine_translation(shared_data: Path) -> None:
    report = _eval_module().mt_report(shared_data)
    # Measured 2026-11-22 by evaluation/eval_translation.py (all pairs), spin detector v4 and the
    # style model with contraction/phrasal rates: document score in-sample 0.814, leave-one-pair-out
    # 0.759; style model alone in-sample 0.850, leave-one-pair-out 0.822, grouped 5-fold 0.837; 13 of
    # 328 human translations labelled garbled (3 spans needed). Floors a bit below / ceiling above.
    assert report["all pairs"]["auc_shipped_in_sample"] >= 0.79
    assert report["all pairs"]["auc_lopo"] >= 0.73
    assert report["all pairs"]["auc_style_shipped"] >= 0.82
    assert report["all pairs"]["auc_style_lopo"] >= 0.79
    assert report["all pairs"]["auc_style_grouped"] >= 0.81
    assert report["all pairs"]["human_labelled_garbled"] <= 0.06 * report["all pairs"]["human_docs"]


def test_gate_spun_vs_original_bbc(shared_data: Path) -> None:
    report = _eval_module().spun_report(shared_data, limit=120)
    # Held-out BBC articles spun at 5/100 words, measured on 2026-11-21 (150 articles): 0.588 false
    # flags per 1,000 clean words (issue 3 ceiling: 1) and ROC AUC 0.836 (target 0.95, not met).
    assert report["false_flags_per_1000_words"] <= 0.8
    assert report["auc"] >= 0.80


def test_typographic_artifacts_count_once_toward_the_label(shared_data: Path) -> None:
    def ev(kind: str) -> Evidence:
        return Evidence(signal="translation", kind=kind, start=0, end=1, text="x", reason="r")

    assert tr.mt_label_count([ev("stray_space")] * 3) == 1
    assert tr.mt_label_count([ev("stray_space"), ev("foreign_number"), ev("mt_calque")]) == 2
    assert tr.mt_label_count([ev("mt_calque"), ev("foreign_acronym"), ev("stray_space")] * 2) == 5
    # A BBC review that writes "insane ?" three times (its writer's habit) is no machine translation.
    [text] = [json.loads(line)["text"] for line in (shared_data / "news" / "bbc_dev.jsonl").open(encoding="utf-8")
              if '"bbc-tech-379"' in line]
    result = tr.translation_signal(Article(id="r", text=text), RunContext())
    assert sum(e.kind == "stray_space" for e in result.evidence) == 3
    assert result.fields["label"] == "clean"


def test_two_evidence_spans_never_label_a_copy() -> None:
    assert tr.label_for(0.99, 0.5, 1, 0) == "clean"
    assert tr.label_for(0.99, 0.5, 0, 1) == "clean"
    assert tr.label_for(0.99, 0.5, 1, 1) == "clean"
    assert tr.label_for(0.99, 0.5, 2, 0) == "clean"
    assert tr.label_for(0.99, 0.5, 3, 0) == "spun"
    assert tr.label_for(0.99, 0.5, 1, 2) == "machine_translated"
    assert tr.label_for(0.2, 0.5, 5, 0) == "clean"



@pytest.mark.parametrize(("p_garbled", "confident", "shown"), [(0.9, 3, True), (0.9, 2, False), (0.2, 3, False)])
def test_gated_words_are_shown_only_where_the_copy_is_labelled(monkeypatch, p_garbled, confident, shown) -> None:
    # Shown where the model finds the copy garbled AND it holds MIN_LABEL_FLAGS confident spans;
    # before, p_garbled alone let them in (PolNeAR, newspaper3k: 5-34 spans in clean articles).
    text = "The ministry said the plan would go ahead on Monday."
    gated = Evidence.at(text, 4, 12, signal="translation", kind="tortured_phrase", reason="gated", suggestion="office")
    spans = [Evidence.at(text, text.index(w), text.index(w) + len(w), signal="translation", kind="tortured_phrase",
                         reason="confident", suggestion="x") for w in ("plan", "ahead", "Monday")[:confident]]
    detect_all = tr.detect_all

    def with_gated(t: str, body: str | None = None, *, shown: bool = False):  # type: ignore[no-untyped-def]
        _spun, _gated, mt_ev, spin = detect_all(t, body, shown=shown)
        return spans, [gated], mt_ev, spin

    class Model:
        threshold = 0.5

        def score(self, values: dict[str, float]) -> tuple[float, float, float]:
            return p_garbled, p_garbled, 0.0

    monkeypatch.setattr(tr, "detect_all", with_gated)
    monkeypatch.setattr(tr, "default_model", Model)
    result = _run(text)
    assert (gated in result.evidence) is shown
    assert result.details["gated"] == int(shown)
    assert tr.shows_gated(result.fields["label"]) is shown


# Clean food-blog copy written for this test: the spin gate opens (folk, fascinating, data, trim,
# thirsty) and p_garbled reaches the threshold on one confident span, so the label stays clean;
# the gated words were shown all the same (4 spans).
FOOD_SEARCHES = (
    "Hungry folk across the country spent the year searching for sourdough starters and air fryer hacks, "
    "according to the search giant's annual round-up. Some of the more fascinating data points: banana bread "
    "beat pizza, and the keto diet was the top searched way to trim down. Foodies in Ohio looked up Thai curry "
    "more than anyone, and 'i am thirsty' trailed far behind 'i am hungry.'"
)


def test_clean_informal_copy_shows_no_gated_words() -> None:
    from analyzer import spinning

    cands, probs = spinning._scored(FOOD_SEARCHES)
    assert spinning.gate_opens(probs, cands.n_words), "precondition: the spin model's gate opens here"
    result = _run(FOOD_SEARCHES)
    assert result.details["p_garbled"] >= tr.default_model().threshold, "precondition: p_garbled reaches the label"
    assert result.fields["label"] == "clean"
    assert result.details["gated"] == 0
    assert not any(spinning.GATED_NOTE in ev.reason for ev in result.evidence)


WIRE_BODY = (
    "BAGHDAD (AP) - A suicide bomber struck a market in northern Iraq on Sunday, killing at least 12 people "
    "and wounding 30, police and hospital officials said.\n\n"
    "The officials, who spoke on condition of anonymity because they were not authorized to brief reporters, "
    "said the attacker detonated an explosives vest in a crowded area of Tal Afar.\n\n"
    "No group immediately claimed responsibility, but the Islamic State group has carried out similar attacks "
    "in the area.\n\n"
)
WIRE_TRAILER = ("___\n\nCopyright 2018 The Associated Press. All rights reserved. This material may not be "
                "published, broadcast, rewritten or redistributed.\n")


def test_style_profile_reads_content_lines_only() -> None:
    from analyzer.pipeline import score_text

    text = WIRE_BODY + WIRE_TRAILER
    article = score_text(text)
    body = tr.content_text(article)
    assert body is not None and "Copyright" not in body and "Iraq" in body
    # The trailer must not move the style profile: the whole article reads like its body alone.
    alone = score_text(WIRE_BODY)
    assert tr.content_text(alone) is None  # no boilerplate line: the text itself
    style = article.details["translation"]["p_machine_style"]
    assert abs(style - alone.details["translation"]["p_machine_style"]) < 0.05


def test_content_text_needs_enough_words() -> None:
    text = "Short body line here.\nCopyright 2018 The Associated Press. All rights reserved."
    article = Article(id="t", text=text, content_ranges=[(0, 21)])
    assert tr.content_text(article) is None


def test_article_in_another_language_is_not_judged() -> None:
    from analyzer.pipeline import score_text

    french = ("Le groupe État islamique (EI) a lancé une contre-offensive contre les forces kurdes dans l'est "
              "de la Syrie, a indiqué dimanche l'Observatoire syrien des droits de l'homme. Selon l'ONG, au "
              "moins 30 combattants ont été tués dans les affrontements près de Hajine.\n\n« Les jihadistes ont "
              "profité d'une tempête de sable », a déclaré à l'AFP le directeur de l'Observatoire.")
    article = score_text(french)
    assert article.language == "fr"
    assert article.scores["translation"] == 0.0 and article.label == "clean"
    assert not [e for e in article.evidence if e.signal == "translation"]
    assert "English" in article.details["translation"]["skipped"]


PAGE_BODY = (
    "The ministry said on Monday that the new bridge over the river would open next spring, two years "
    "later than planned, after engineers found cracks in two of its supports.\n\n"
    "Officials told reporters that the repairs would cost about 40 million pounds and that the contractor "
    "had agreed to pay part of the bill.\n\n"
    "Local businesses said the delay had already cost them customers, and called on the council to "
    "publish the full inspection report.\n"
)
PAGE = ("Your weather is set to . You can change the location at any time.\n"
        "Author's right of the image\n" + PAGE_BODY + "Share this\n")


def _page(content: bool) -> Article:
    start = PAGE.index(PAGE_BODY)
    ranges = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", PAGE_BODY)]
    return Article(id="page", text=PAGE, content_ranges=ranges if content else None)


def test_pattern_detectors_read_content_lines_and_curated_rows_the_whole_page() -> None:
    # A weather widget's empty slot ("set to . You") is a template, not a translator's stray space;
    # a calque in a caption line is still a calque (seed 001's captions).
    result = tr.translation_signal(_page(True), RunContext())
    assert {e.kind for e in result.evidence} == {"mt_calque"}
    assert result.details["read"] == "content lines"
    # The same page without boilerplate's content lines reads everything.
    result = tr.translation_signal(_page(False), RunContext())
    assert {"mt_calque", "stray_space"} <= {e.kind for e in result.evidence}
    assert result.details["read"] == "whole text"


def test_body_text_blanks_what_lies_outside_the_content_lines() -> None:
    article = _page(True)
    body = tr.body_text(article)
    assert body is not None and len(body) == len(PAGE)
    assert body.count("\n") == PAGE.count("\n")
    assert PAGE_BODY in body and "weather" not in body and "Share" not in body
    assert tr.body_text(_page(False)) is None


def test_the_reading_made_for_the_prefetch_is_taken_back_once(monkeypatch) -> None:
    # pipeline.prefetch asks detector_text for each article of a chunk just before the article's
    # signals run: the translation signal takes that Reading back instead of making it again, and
    # makes its own where the content lines changed in between (or nothing was left).
    made = []
    real = tr.reading
    monkeypatch.setattr(tr, "reading", lambda article: made.append(article.id) or real(article))
    article = _page(True)
    assert tr.detector_text(article) == real(article).detector_text
    first = tr.translation_signal(article, RunContext())
    assert made == ["page"]
    again = tr.translation_signal(article, RunContext())  # nothing left: made anew
    assert made == ["page", "page"] and again == first
    tr.detector_text(article)
    article.content_ranges = None  # boilerplate's lines changed after the prefetch
    whole = tr.translation_signal(article, RunContext())
    assert made == ["page"] * 4 and whole.details["read"] == "whole text"
    assert tr.READING_CACHE not in article.__dict__


@pytest.mark.parametrize("escaped", [
    "Photo of the fi&amp;shy;le shows the town.",       # a calque (mt.find_mt's phrases)
    "Fighting raged in japa&amp;#173;nese Syria today.",  # a known spin (spin_known)
])
def test_the_text_as_shown_is_not_read_as_shown_twice(escaped: str) -> None:
    # "&amp;shy;" shows as the five characters "&shy;", not as a soft hyphen: the signal reads the
    # article as shown once, and the curated scans must not decode its view again.
    body = "The army said the town was taken after weeks of fighting near the border. " * 3
    result = _run(f"{escaped}\n{body}")
    assert [ev.text for ev in result.evidence if ev.start < len(escaped)] == []
    assert _run(f"{escaped.replace('&amp;', '&')}\n{body}").evidence  # the singly escaped one is


def test_a_page_of_figures_is_not_read_as_machine_style() -> None:
    # Results tables and share prices lie far outside the prose the style model was fitted on
    # (type/token ratios 20+ standard deviations off); unclipped, p_style was 0.99-1.00 and the
    # translation score near 1 with no evidence span (bug hunt, eighteenth session).
    rows = [("Arsenal", 2, "Chelsea", 1), ("Leeds", 0, "Everton", 0), ("Fulham", 3, "Bolton", 1),
            ("Wigan", 1, "Stoke", 2)]
    results = ("Premier League results\n\n" + "\n".join(f"{a} {x} {b} {y}" for a, x, b, y in rows * 12)
               + "\n\nScorers: Henry 12, 45; Lampard 67. Attendance 38,000.\n")
    prices = [("Vodafone", 72.5, 1.2), ("BP", 450.3, -2.1), ("HSBC", 610.0, 0.5), ("GSK", 1234.0, -10.0)]
    stocks = "FTSE 100 closing prices\n\n" + "\n".join(f"{n} {p} {c:+.1f}" for n, p, c in prices * 15)
    for text, ceiling in ((results, 0.5), (stocks, 0.9)):
        result = tr.translation_signal(Article(id="t", text=text), RunContext())
        assert result.details["p_machine_style"] < ceiling and not result.evidence


def test_a_short_text_is_judged_as_though_its_missing_words_held_nothing() -> None:
    # One span in a 22-word lead was 4.5 per 100 words: the lead scored translation 0.996 and trust
    # 0.04, as low as the machine-translated seed. Rates count at least RATE_MIN_WORDS words, and a
    # style profile of fewer words is shrunk toward the prior.
    from analyzer.pipeline import score_text
    from analyzer.text import RATE_MIN_WORDS

    lead = ("Ask Jeeves has become the third leading online search firm this week to thank a revival in "
            "internet advertising for improving fortunes.")
    span = Evidence.at(lead, 62, 67, signal="translation", kind="tortured_phrase", suggestion="through", reason="x")
    assert tr.features(lead, [span], [], {})["artifact_density"] == pytest.approx(math.log1p(100 / RATE_MIN_WORDS))
    model = tr.default_model()
    assert model is not None
    values = tr.features(lead, [], [], {})
    full = model.style.decision({**values, "words": RATE_MIN_WORDS})
    half = model.style.decision({**values, "words": RATE_MIN_WORDS / 2})
    assert half == pytest.approx((full + model.style.intercept) / 2)
    scored = score_text(lead, id="lead")
    assert scored.scores["translation"] < 0.8 and scored.scores["trust"] > 0.3 and scored.label == "clean"


# --- the pair model (models/translation_pairs.json): which of two translations is the machine one ---

def _pair_json() -> dict:
    return json.loads(model_path(tr.PAIR_MODEL_FILE).read_text(encoding="utf-8"))


def test_shipped_pair_model_loads() -> None:
    model = tr.pair_model()
    assert model is not None and len(model.features) == len(model.coef) == len(model.scale)
    assert set(tr.PAIR_EXTRA_FEATURES) <= set(model.features)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(format="analyzer-translation-model"),
        lambda d: d.pop("format_version"),
        lambda d: d["coef"].pop(),
        lambda d: d["scale"].__setitem__(0, 0.0),
        lambda d: d["coef"].__setitem__(0, float("inf")),
        lambda d: d["features"].__setitem__(0, "no_such_feature"),
        lambda d: d["features"].__setitem__(1, d["features"][0]),
        lambda d: d.update(features=[]),
    ],
)
def test_malformed_pair_model_is_refused(tmp_path: Path, mutate) -> None:
    data = copy.deepcopy(_pair_json())
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(tr.ModelError):
        tr.load_json_model(path, "translation pair model", tr.parse_pair_model)


# One message in two translations: a translator's English (contractions, a semicolon, a relative
# clause, a phrasal verb, curly quotes) and a literal one (source order, repeated nouns for pronouns).
PAIR_HUMAN = ("The mayor, who\u2019s been in office since 2019, says she won\u2019t back down; critics, though, "
              "have set up a campaign which they hope will force her out. \u201cWe\u2019ve had enough,\u201d one "
              "of them said, pointing to the stalled housing plan.")
PAIR_MACHINE = ("The mayor has been in office since 2019. The mayor said that the mayor will not retreat. On the other "
                "hand, the critics have established a campaign and the critics hope that the campaign will force "
                "the mayor to resign. \"We have had enough,\" said one of the critics, and pointed to the housing "
                "plan that was stopped.")


def _read(id: str, text: str) -> Article:
    article = Article(id=id, text=text)
    article.details = {"translation": {"p_machine_style": 0.5, "p_garbled": 0.05, "mt_artifacts": 0}}
    return article


def test_pair_style_is_higher_on_the_literal_translation() -> None:
    assert tr.pair_style(_read("m", PAIR_MACHINE)) > tr.pair_style(_read("h", PAIR_HUMAN))


def test_pair_style_needs_the_translation_signal_to_have_read_the_article() -> None:
    # Not scored (flag --pairwise-only reads no signal) or skipped as another language: no pair term.
    assert tr.pair_style(Article(id="m", text=PAIR_MACHINE)) is None
    skipped = Article(id="m", text=PAIR_MACHINE)
    skipped.details = {"translation": {"skipped": "language"}}
    assert tr.pair_style(skipped) is None


def test_pair_style_is_kept_per_text_and_left_out_of_pickles(monkeypatch) -> None:
    import pickle

    calls = []
    profile = tr.stylometry.style_features
    monkeypatch.setattr(tr.stylometry, "style_features", lambda text: calls.append(text) or profile(text))
    article = _read("m", PAIR_MACHINE)
    first = tr.pair_style(article)
    assert tr.pair_style(article) == first and len(calls) == 1
    article.details["translation"]["mt_artifacts"] = 3  # new artifact counts are read again
    assert tr.pair_style(article) != first and len(calls) == 2
    assert tr.PAIR_STYLE_CACHE not in pickle.loads(pickle.dumps(article)).__dict__


def test_models_swapped_serves_the_given_models_within_the_block_only() -> None:
    # Out-of-fold evaluations (bench/bench_flag.py --out-of-fold, evaluation/eval_direction_calibration.py)
    # score with models fitted without a language pair, never written into models/.
    import dataclasses

    shipped, pairs = tr.default_model(), tr.pair_model()
    assert shipped is not None and pairs is not None
    flipped = dataclasses.replace(pairs, coef=tuple(-c for c in pairs.coef))
    style_heavy = dataclasses.replace(shipped, style=dataclasses.replace(shipped.style,
                                                                          intercept=shipped.style.intercept + 30))
    article = _read("m", PAIR_MACHINE)
    side = tr.pair_style(article)
    assert side is not None
    text = "The minister said on Monday that the talks would resume next week in the capital."
    before = _run(text).scores["translation"]
    with tr.models_swapped(style_heavy, flipped):
        assert tr.default_model() is style_heavy and tr.pair_model() is flipped
        # The side kept on the article was the shipped model's: it is read again with this one.
        assert tr.pair_style(article) == pytest.approx(-side)
        assert _run(text).scores["translation"] > max(0.99, before)
    assert tr.default_model() is shipped and tr.pair_model() is pairs
    assert tr.pair_style(article) == pytest.approx(side)
    with pytest.raises(RuntimeError), tr.models_swapped(None, None):
        assert tr.pair_style(article) is None
        raise RuntimeError
    assert tr.default_model() is shipped and tr.pair_model() is pairs


def test_pair_model_training_is_antisymmetric_and_loads() -> None:
    train = load_script("scripts/train_translation_pairs.py")
    names = train.PAIR_FEATURES
    rows = []
    for k in range(20):
        base = {n: 0.1 * ((k * 7 + i) % 5) for i, n in enumerate(names)}
        rows.append(dict(base, words=100.0 + k, fw_and=0.02))  # human
        rows.append(dict(base, words=100.0 + k, fw_and=0.03 + 0.001 * (k % 3)))  # machine: more "and"
    pairs = [(2 * k + 1, 2 * k) for k in range(20)]
    model = tr.parse_pair_model(train.fit_pairs(rows, pairs))
    assert model.coef[names.index("fw_and")] > 0

    def side(row: dict[str, float]) -> float:
        return model.projection(dict(zip(names, train.pair_row(row), strict=True)))

    assert all(side(rows[m]) > side(rows[h]) for m, h in pairs)
