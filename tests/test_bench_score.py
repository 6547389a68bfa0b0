"""bench/bench_score.py's corpus of many tiny files (--tiny)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_score import build_tiny, main  # noqa: E402


def test_tiny_files_are_one_paragraph_each_repeating_the_data_sets_paragraphs(tmp_path: Path) -> None:
    data = tmp_path / "news.jsonl"
    data.write_text(json.dumps({"text": "First paragraph.\n\nSecond one.\n"}) + "\n\n"
                    + json.dumps({"text": "Third."}) + "\n", encoding="utf-8")
    assert build_tiny(data, 5, tmp_path / "tiny") == 3
    files = sorted((tmp_path / "tiny").iterdir())
    assert [f.name for f in files] == [f"p00000{i}.txt" for i in range(5)]
    assert [f.read_text(encoding="utf-8") for f in files] == [
        "First paragraph.\n", "Second one.\n", "Third.\n", "First paragraph.\n", "Second one.\n"]


def test_tiny_without_data_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--tiny", "10", "--data", str(tmp_path / "missing.jsonl")]) == 2
    assert "no data at" in capsys.readouterr().err


def test_a_tiny_size_of_no_files_is_refused_before_anything_runs(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "news.jsonl"
    data.write_text(json.dumps({"text": "One paragraph."}) + "\n", encoding="utf-8")
    # It divided by the size (ZeroDivisionError) after starting the commands.
    assert main(["--tiny", "0", "5", "--data", str(data)]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_html_pages_are_read_as_articles_with_their_metadata(tmp_path: Path) -> None:
    """--html: a page of each layout is read (the wget one has no extension) with its record's
    title and text, a source and a date."""
    pytest.importorskip("trafilatura")
    from bench_score import HTML_LAYOUTS, build_html_corpus

    from analyzer.article import Article
    from analyzer.io.readers import read_paths

    text = ("Officials said on Monday that the bridge would reopen next week after repairs, the council said.\n\n"
            "The work cost 2 million pounds, a spokesman said, and traffic will use one lane until March.")
    data = tmp_path / "news.jsonl"
    data.write_text(json.dumps({"title": "Bridge reopens next week", "text": text}) + "\n", encoding="utf-8")
    assert build_html_corpus(data, len(HTML_LAYOUTS), tmp_path / "pages") == len(HTML_LAYOUTS)
    assert sum(1 for p in (tmp_path / "pages").iterdir() if not p.suffix) == 1  # the page wget saved
    articles = [a for a in read_paths([tmp_path / "pages"]) if isinstance(a, Article)]
    assert len(articles) == len(HTML_LAYOUTS)
    for article in articles:
        assert "bridge would reopen" in article.text and article.source != "unknown" and article.date
        assert article.title is not None and "Bridge reopens" in article.title
