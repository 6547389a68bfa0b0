"""Out-of-fold evaluations of the rewrite direction: scripts/train_translation.py --without and
bench/bench_flag.py --out-of-fold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import load_script


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
