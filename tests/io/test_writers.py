"""Writers: atomic output and streaming formats."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from analyzer.article import Article
from analyzer.io.readers import ReadError
from analyzer.io.writers import atomic_output, write_articles


def _article(ident: str) -> Article:
    return Article(id=ident, text="Some text.", scores={"translation": 0.1, "trust": 0.9})


def test_atomic_output_keeps_previous_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old complete file", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write("half of a new fi")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_atomic_output_replaces_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with atomic_output(target) as handle:
        handle.write("new")
    assert target.read_text(encoding="utf-8") == "new"


def test_json_stream_is_one_valid_object() -> None:
    out = io.StringIO()
    items = [_article("a"), ReadError("x.txt", "empty file"), _article("b")]
    kept, errors = write_articles(items, out, "json")
    data = json.loads(out.getvalue())
    assert [a["id"] for a in data["articles"]] == ["a", "b"]
    assert data["errors"] == [{"path": "x.txt", "reason": "empty file"}]
    assert kept == [] and len(errors) == 1


def test_jsonl_sends_errors_to_the_error_stream() -> None:
    out, err = io.StringIO(), io.StringIO()
    write_articles([_article("a"), ReadError("x.txt", "empty file")], out, "jsonl", errors_out=err)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["a"]
    assert json.loads(err.getvalue())["path"] == "x.txt"


def test_empty_input_still_valid_json() -> None:
    out = io.StringIO()
    write_articles([], out, "json")
    assert json.loads(out.getvalue()) == {"articles": [], "errors": []}
