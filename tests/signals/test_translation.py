"""Translation signal: model file loading/validation, seeds, and evaluation gates on ../shared/data."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from analyzer.article import Article
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
    assert 0 < model.style_weight <= 1


def test_combine_adds_log_odds() -> None:
    # A neutral style probability leaves p_garbled as it is; each term moves the score its way.
    assert tr.combine(0.3, 0.5, 1.0) == pytest.approx(0.3)
    assert tr.combine(0.3, 0.9, 1.0) > tr.combine(0.3, 0.5, 1.0) > tr.combine(0.3, 0.1, 1.0)
    assert tr.combine(0.9, 0.5, 1.0) > tr.combine(0.3, 0.5, 1.0)
    assert tr.combine(0.3, 0.9, 0.0) == pytest.approx(0.3)
    assert 0.0 < tr.combine(0.0, 0.0, 1.0) < tr.combine(1.0, 1.0, 1.0) < 1.0


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("models"),
        lambda d: d.update(format="something-else"),
        lambda d: d["models"]["style"]["coef"].pop(),
        lambda d: d["models"]["garbled"].update(intercept="high"),
        lambda d: d["models"]["garbled"]["scale"].__setitem__(0, 0.0),
        lambda d: d["models"]["style"]["features"].__setitem__(0, "no_such_feature"),
        lambda d: d.update(style_weight=3.0),
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
    # Measured 2026-11-21 by evaluation/eval_translation.py (all pairs), log-odds combination with
    # the vector spin detector: document score in-sample 0.755, leave-one-pair-out 0.694; style
    # model alone in-sample 0.849, leave-one-pair-out 0.780, grouped 5-fold 0.832; 20 of 328 human
    # translations labelled garbled. Floors a bit below / ceiling a bit above.
    assert report["all pairs"]["auc_shipped_in_sample"] >= 0.72
    assert report["all pairs"]["auc_lopo"] >= 0.66
    assert report["all pairs"]["auc_style_shipped"] >= 0.81
    assert report["all pairs"]["auc_style_lopo"] >= 0.74
    assert report["all pairs"]["auc_style_grouped"] >= 0.80
    assert report["all pairs"]["human_labelled_garbled"] <= 0.09 * report["all pairs"]["human_docs"]


def test_gate_spun_vs_original_bbc(shared_data: Path) -> None:
    report = _eval_module().spun_report(shared_data, limit=120)
    # Held-out BBC articles spun at 5/100 words, measured on 2026-11-21 (150 articles): 0.588 false
    # flags per 1,000 clean words (issue 3 ceiling: 1) and ROC AUC 0.821 (target 0.95, not met).
    assert report["false_flags_per_1000_words"] <= 0.8
    assert report["auc"] >= 0.77


def test_one_evidence_span_never_labels_a_copy() -> None:
    assert tr.label_for(0.99, 0.5, 1, 0) == "clean"
    assert tr.label_for(0.99, 0.5, 0, 1) == "clean"
    assert tr.label_for(0.99, 0.5, 2, 0) == "spun"
    assert tr.label_for(0.99, 0.5, 1, 2) == "machine_translated"
    assert tr.label_for(0.2, 0.5, 5, 0) == "clean"
