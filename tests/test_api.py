"""The library entry points (analyzer.api) as the README calls them."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import api
from analyzer.distributed import expand


def test_one_path_given_as_a_string_or_path_is_one_path(seeds_dir: Path) -> None:
    # A str is an iterable of str: trust_paths("seeds/") read '.', '/' and each letter as paths,
    # the current folder and the whole file system from '/'.
    # (Checked first: with the old code the calls below would walk the file system.)
    assert api.as_paths(str(seeds_dir)) == [str(seeds_dir)]
    assert api.as_paths((seeds_dir, "x")) == [seeds_dir, "x"]
    assert expand(str(seeds_dir)) == [str(seeds_dir)]
    as_list = api.trust_paths([str(seeds_dir)]).to_dict()
    assert api.trust_paths(str(seeds_dir)).to_dict() == as_list
    assert api.trust_paths(seeds_dir).to_dict() == as_list


def test_score_text_gives_what_score_gives_for_a_file(seeds_dir: Path, tmp_path: Path) -> None:
    from analyzer.pipeline import score_text
    from analyzer.trust.training import fit_model

    seed = next(seeds_dir.glob("004_*.txt"))  # credits AFP at its end
    from_file = next(iter(api.score_paths([seed]))).to_dict()
    from_text = score_text(seed.read_text(encoding="utf-8"), id=seed.stem).to_dict()
    assert from_text["source"] == from_file["source"] == "AFP"  # was "unknown" from score_text
    for key in ("scores", "label", "evidence", "language", "words"):
        assert from_text[key] == from_file[key]
    assert score_text("Officials said so.", source="Mine").source == "Mine"
    flat = fit_model([[0.0], [1.0], [0.0], [1.0]], [0, 1, 0, 1], names=("wire_credit",), constrained=False)
    assert score_text(seed.read_text(encoding="utf-8"), model=flat).scores["trust"] != from_text["scores"]["trust"]


def test_score_text_takes_a_model_file_as_the_api_does_and_refuses_other_than_text(seeds_dir: Path,
                                                                                   tmp_path: Path) -> None:
    from analyzer.pipeline import score_text
    from analyzer.trust.training import fit_model

    # `analyzer train` writes a file; api.score_paths(model=FILE) takes it, score_text had failed
    # deep in scoring with "'str' object has no attribute 'score'".
    text = next(seeds_dir.glob("004_*.txt")).read_text(encoding="utf-8")
    flat = fit_model([[0.0], [1.0], [0.0], [1.0]], [0, 1, 0, 1], names=("wire_credit",), constrained=False)
    flat.save(tmp_path / "mine.json")
    expected = score_text(text, model=flat).scores["trust"]
    assert score_text(text, model=str(tmp_path / "mine.json")).scores["trust"] == expected
    assert score_text(text, model=tmp_path / "mine.json").scores["trust"] == expected
    with pytest.raises(TypeError, match=r"as a str, not bytes \(decode it first"):
        score_text(text.encode("utf-8"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="as a str, not NoneType"):
        score_text(None)  # type: ignore[arg-type]


def test_score_paths_extracts_each_html_page_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-pass and the scoring pass read a page each: trafilatura.extract ran twice a page.
    The second reading takes the first's text and metadata (readers.PageCache), same results."""
    pytest.importorskip("trafilatura")
    import trafilatura

    from analyzer.io import readers

    body = "<p>Officials said on Monday that the bridge at {} would reopen next week after repairs.</p>" * 3
    for name in ("north", "south", "east"):
        (tmp_path / f"{name}.html").write_text(
            f"<html><head><title>Bridge at {name} reopens | City Herald</title></head><body><article>"
            f"<h1>Bridge at {name}</h1>{body.replace('{}', name)}</article></body></html>", encoding="utf-8")
    calls = []
    extract = trafilatura.extract

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return extract(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "extract", counted)
    once = [a.to_dict() for a in api.score_paths([tmp_path])]
    assert len(calls) == 3  # was 6
    monkeypatch.setattr(readers, "PAGE_CACHE_BYTES", 0)  # nothing kept: every page extracted twice
    calls.clear()
    twice = [a.to_dict() for a in api.score_paths([tmp_path])]
    assert len(calls) == 6 and twice == once
