"""Writers: atomic output and streaming formats."""

from __future__ import annotations

import io
import json
import os
import stat
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


def test_atomic_output_gets_umask_mode_or_keeps_existing_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.json"
    old_umask = os.umask(0o022)
    try:
        with atomic_output(fresh) as handle:
            handle.write("{}")
    finally:
        os.umask(old_umask)
    # Not tempfile's 0600: others can read a model or a report the tool wrote.
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    with atomic_output(kept) as handle:
        handle.write("new")
    assert kept.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_trust_csv_has_the_same_header_with_no_source(tmp_path: Path, seeds_dir: Path) -> None:
    from typer.testing import CliRunner

    from analyzer.cli import app

    full = CliRunner().invoke(app, ["trust", str(seeds_dir), "--format", "csv"])
    empty_day = tmp_path / "day"
    empty_day.mkdir()
    (empty_day / "a.txt").write_text("\n", encoding="utf-8")  # an empty file: skipped, no source
    empty = CliRunner().invoke(app, ["trust", str(empty_day), "--format", "csv"])
    assert empty.exit_code == 3
    # A daily job loading the CSV with a fixed schema got "rank,source" on a day with no articles.
    assert empty.stdout.splitlines() == [full.stdout.splitlines()[0]]


def test_an_output_named_as_gzip_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    # `-o scores.jsonl.gz` wrote plain JSON Lines under a gzip name, which the next run skipped as
    # "not a gzip file, though named .gz" (bug hunt 27, G1).
    from analyzer.io.writers import OutputError, check_output

    for name in ("scores.jsonl.gz", "REPORT.HTML.GZ"):
        with pytest.raises(OutputError, match="uncompressed, not as gzip"):
            check_output(tmp_path / name, [tmp_path])
    assert list(tmp_path.iterdir()) == []
    check_output(tmp_path / "scores.jsonl", [tmp_path])  # the plain name is taken


def test_an_output_under_a_file_says_the_file_is_no_folder(tmp_path: Path) -> None:
    """`-o scores.csv/today.csv` with scores.csv a file said the folder "does not exist" (bug hunt 30, O2)."""
    from analyzer.io.writers import OutputError, check_output

    (tmp_path / "scores.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"scores\.csv is a file, not a folder$"):
        check_output(tmp_path / "scores.csv" / "today.csv")
    with pytest.raises(OutputError, match="does not exist$"):
        check_output(tmp_path / "missing" / "today.csv")
