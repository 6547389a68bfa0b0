"""Loading a trust model file (analyzer.trust.model.load_model)."""

from __future__ import annotations

from pathlib import Path

from analyzer.resources import model_path
from analyzer.trust import load_model


def test_a_model_file_saved_with_a_bom_loads(tmp_path: Path) -> None:
    shipped = model_path("trust.json").read_bytes()
    edited = tmp_path / "model.json"
    edited.write_bytes(b"\xef\xbb\xbf" + shipped)  # as Notepad saves UTF-8
    assert load_model(edited) == load_model(model_path("trust.json"))
