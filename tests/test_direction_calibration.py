"""Out-of-fold evaluations of the rewrite direction: evaluation/eval_direction_calibration.py,
scripts/train_translation.py --without and bench/bench_flag.py --out-of-fold."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.helpers import load_script


def _calibration():  # type: ignore[no-untyped-def]
    return load_script("evaluation/eval_direction_calibration.py")


def test_calibration_figures_count_a_wrong_direction_against_the_chance_sigmoid_gave_it() -> None:
    E = _calibration()
    # d of (machine, human) pairs: two right, one wrong, one tie (half wrong).
    ds = [2.0, 6.0, -1.0, 0.0]
    ps = [1 / (1 + math.exp(-d)) for d in ds]
    out = E.calibration(ds)
    assert out["pairs"] == 4 and out["ties"] == 1
    assert out["observed_wrong"] == 1.5 and out["share_right"] == pytest.approx(1 - 1.5 / 4)
    # Expected wrong: the chance of the side each d names being wrong, min(p, 1 - p), not 1 - p
    # (which counts the wrong pair's own reading, 0.73, as if it were expected to be wrong).
    assert out["expected_wrong"] == pytest.approx(sum(min(p, 1 - p) for p in ps))
    assert out["brier"] == pytest.approx(sum((1 - p) ** 2 for p in ps) / 4)
    assert out["log_loss"] == pytest.approx(sum(-math.log(p) for p in ps) / 4)
    assert [b["pairs"] for b in out["reliability"]] == [1, 0, 1, 1, 0, 1]
    assert out["reliability"][2]["share_right"] == 0.0  # |d| = 1: 0.73, named wrong
    # Far beyond what a calibrated model predicts, the tail is small; sure outcomes are certain.
    assert E.poisson_binomial_tail([0.01] * 10, 3) < 1e-3
    assert E.poisson_binomial_tail([1.0, 1.0], 2) == pytest.approx(1.0)


def test_a_confident_wrong_direction_costs_its_own_log_loss() -> None:
    # P(the machine copy is the first) for d < 0 was 1 - 1 / (1 + e^d), which is 0.0 in floats from
    # d = -37: a direction of -40 counted -log(1e-300) = 690.8 in the log loss, not 40 (review 31).
    E = _calibration()
    for d in (-40.0, -800.0):
        assert E.calibration([d])["log_loss"] == pytest.approx(-d + math.log1p(math.exp(d)))
    assert E.flag_probability(-40.0) == pytest.approx(math.exp(-40.0), rel=1e-12)


def test_each_translation_of_a_source_is_scored_under_its_own_id(shared_data: Path) -> None:
    # wmt_dev_docs.jsonl gives the human and the machine translation of a source one id: a run reads the
    # second as `<id>:2`, and both sides of every ja-en pair were the same article (d = 0 on all 81).
    E = _calibration()
    docs = E.T.wmt_docs(shared_data)
    for pair, count in (("ja-en", 81), ("zh-en", 163), ("de-en", 84)):
        records, pairs = E.pair_documents(docs, pair)
        ids = [r["id"] for r in records]
        assert len(set(ids)) == len(ids) and len(pairs) == count
        sources = {r["id"]: r["source"] for r in records}
        assert all(sources[m] == E.MACHINE_SOURCE and sources[h] == E.HUMAN_SOURCE for m, h in pairs)


def test_training_without_a_language_pair_fits_on_none_of_its_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    T = load_script("scripts/train_translation.py")
    fitted: list = []

    class Fitted(Exception):
        pass

    def table(docs: list) -> list:
        fitted.extend(docs)
        raise Fitted

    monkeypatch.setattr(T, "bbc_rows", lambda data: T.BbcRows([], [], 0))
    monkeypatch.setattr(T, "wmt_docs", lambda data: [T.Doc(f"{g}{i}", "text", g, i % 2, f"{g}:{i // 2}")
                                                     for g in ("ja-en", "zh-en") for i in range(4)])
    monkeypatch.setattr(T, "feature_table", table)
    with pytest.raises(Fitted):
        T.train(Path("unused"), without="ja-en")
    assert {d.group for d in fitted} == {"zh-en"} and len(fitted) == 4


def test_bench_out_of_fold_refuses_scores_of_an_earlier_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    # --scored reuses scores made with other models: the figures would not be out of fold.
    bench = load_script("bench/bench_flag.py")
    with pytest.raises(SystemExit) as exited:
        bench.main([str(tmp_path), "--out-of-fold", "--scored", str(tmp_path / "scored.jsonl")])
    assert exited.value.code == 2 and "--scored reuses scores" in capsys.readouterr().err


def test_training_without_a_pair_no_document_has_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # A misspelt pair ("ja_en", "jaen") left nothing out: the model, fitted on every pair, was in-sample
    # where an out-of-fold one was asked for (review 31).
    T = load_script("scripts/train_translation.py")
    P = load_script("scripts/train_translation_pairs.py")
    docs = [T.Doc(f"{g}{i}", "text", g, i % 2, f"{g}:{i // 2}") for g in ("ja-en", "zh-en") for i in range(4)]
    monkeypatch.setattr(T, "bbc_rows", lambda data: T.BbcRows([], [], 0))
    monkeypatch.setattr(T, "wmt_docs", lambda data: docs)
    monkeypatch.setattr(P.T, "wmt_docs", lambda data: docs)
    for train in (T.train, P.train):
        with pytest.raises(ValueError, match="no WMT document of the language pair 'ja_en'"):
            train(Path("unused"), without="ja_en")


@pytest.mark.parametrize("script", ["scripts/train_translation.py", "scripts/train_translation_pairs.py"])
def test_a_model_fitted_without_a_pair_is_not_written_over_the_shipped_one(
        script: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # --without with the default --output replaced models/translation.json (or translation_pairs.json),
    # the shipped model, with one never to ship (review 31): it needs an --output of its own.
    S = load_script(script)
    monkeypatch.setattr(S, "train", lambda data, without=None: pytest.fail("trained"))
    with pytest.raises(SystemExit) as exited:
        S.main(["--without", "ja-en"])
    assert exited.value.code == 2 and "--without needs --output" in capsys.readouterr().err
