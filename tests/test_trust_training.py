"""Retraining the trust model on a newsroom's labelled articles (analyzer.trust.training)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from analyzer.io.readers import source_of
from analyzer.trust.training import TrainingError, parse_label, read_labels, train_from_labels
from tests.test_trust import TRUSTED, UNTRUSTED


def _labels_file(tmp_path: Path, rows: list[dict[str, object]], name: str = "labels.jsonl") -> Path:
    """`rows` written as a JSON Lines labels file."""
    labels = tmp_path / name
    labels.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return labels


@pytest.mark.parametrize(("value", "label"), [(1.0, 1), (0.0, 0), ("1.0", 1), (" 0.0 ", 0), (1, 1), (True, 1),
                                              ("spun", 0), ("machine_translated", 0), ("clean", 1),
                                              ("Machine-translated", 0)])
def test_labels_as_data_tools_and_analyzer_write_them(value: object, label: int) -> None:
    # pandas writes a label column of floats (1.0/0.0); analyzer's own labels are clean/spun/machine_translated.
    # "machine-translated", as the seeds' metadata spells it, was refused (bug hunt 32).
    assert parse_label(value, "row") == label


@pytest.mark.parametrize("value", [2.0, "0.5", "nan", "maybe", "", "-1", "un-trusted"])
def test_other_labels_are_refused(value: object) -> None:
    with pytest.raises(TrainingError):
        parse_label(value, "row")


def test_json_lines_rows_are_cut_at_newlines_only(tmp_path: Path) -> None:
    # U+2028, U+2029 and NEL are valid inside a JSON string as they are (json.dumps(ensure_ascii=False)
    # writes them so); str.splitlines cut such a row in two and skipped both halves as bad JSON.
    rows = [{"text": "First paragraph.\u2028Second paragraph.", "label": "trusted"},
            {"text": "One sentence.\u0085Another.\u2029A third.", "label": "untrusted"},
            {"text": "A plain row.", "label": 1}]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\r\n", encoding="utf-8")
    read = read_labels(labels)
    assert read.skipped == []
    assert [a.text.split()[-1] for a in read.articles] == ["paragraph.", "third.", "row."]
    assert read.rows == [f"{labels}:{n}" for n in (1, 2, 3)]


def test_articles_in_another_language_are_left_out_and_named(tmp_path: Path) -> None:
    # Their translation, attribution and hedging are not measured: the model would learn the language.
    french = ("Le gouvernement a annoncé mardi une série de mesures destinées à soutenir les agriculteurs "
              "touchés par la sécheresse. Selon le ministre, ces aides représenteront près de 500 millions "
              "d'euros sur deux ans, a-t-il déclaré lors d'une conférence de presse à Paris.")
    rows = [{"text": t, "label": "trusted", "source": f"wire{i % 2}"} for i, t in enumerate(TRUSTED)]
    rows += [{"text": t, "label": "untrusted", "source": f"blog{i % 2}"} for i, t in enumerate(UNTRUSTED)]
    rows.insert(2, {"text": french, "label": "untrusted", "source": "Le Journal"})
    labels = _labels_file(tmp_path, rows)
    result = train_from_labels(labels, tmp_path / "model.json")
    assert [(e.path, "'fr'" in e.reason) for e in result.skipped] == [(f"{labels}:3", True)]
    assert result.n == len(TRUSTED) + len(UNTRUSTED)
    assert result.model.training["skipped_rows"] == 1


def test_a_text_labelled_both_ways_is_left_out_and_named(tmp_path: Path) -> None:
    rows = [{"text": TRUSTED[0], "label": "trusted"}, {"text": UNTRUSTED[0], "label": 0},
            {"text": "  " + TRUSTED[0].replace(" ", "\n", 1), "label": "untrusted"}, {"text": TRUSTED[1], "label": 1}]
    labels = _labels_file(tmp_path, rows)
    read = read_labels(labels)
    assert [(e.path, e.reason) for e in read.skipped] == [
        (f"{labels}:1", f"the same text is labelled untrusted at {labels}:3"),
        (f"{labels}:3", f"the same text is labelled trusted at {labels}:1")]
    assert read.labels == [0, 1] and read.rows == [f"{labels}:2", f"{labels}:4"]


def test_a_text_given_again_with_the_same_label_is_read_once_and_named(tmp_path: Path) -> None:
    """Repeated rows weighed double, and one text under two sources (a wire story and its mirror)
    sat on both sides of the grouped cross-validation (session 26 bug hunt, T1)."""
    rows = [{"text": TRUSTED[0], "label": 1, "source": "Wire"}, {"text": UNTRUSTED[0], "label": 0},
            {"text": TRUSTED[0] + "\n", "label": "trusted", "source": "Mirror"}, {"text": TRUSTED[1], "label": 1},
            {"text": UNTRUSTED[0], "label": "untrusted"}]
    labels = _labels_file(tmp_path, rows)
    read = read_labels(labels)
    assert [(e.path, e.reason) for e in read.skipped] == [
        (f"{labels}:3", f"repeats the text of {labels}:1, with the same label: read once"),
        (f"{labels}:5", f"repeats the text of {labels}:2, with the same label: read once")]
    assert read.labels == [1, 0, 1] and read.rows == [f"{labels}:{n}" for n in (1, 2, 4)]


def test_a_path_to_a_file_of_several_articles_is_named_not_cut_to_its_first(tmp_path: Path) -> None:
    feed = tmp_path / "dump.jsonl"
    feed.write_text("\n".join(json.dumps({"text": t}) for t in TRUSTED[:3]) + "\n", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"path": "dump.jsonl", "label": 1}) + "\n", encoding="utf-8")
    read = read_labels(labels)
    assert read.articles == []
    assert [(e.path, "holds 3 articles" in e.reason) for e in read.skipped] == [(f"{labels}:1", True)]


def test_the_model_is_not_written_over_a_file_a_path_row_reads(tmp_path: Path) -> None:
    # `train labels.jsonl -o scrape/a.txt` wrote the model over the article its first row had read, exit 0
    # (bug hunt 28, T1); the labels file itself was refused already.
    from typer.testing import CliRunner

    from analyzer.cli import app

    scrape = tmp_path / "scrape"
    scrape.mkdir()
    article = scrape / "a.txt"
    text = f"{TRUSTED[1]}\n\n{TRUSTED[2]}"  # a text of its own: no row repeats it
    article.write_text(text, encoding="utf-8")
    rows = [{"path": "scrape/a.txt", "label": 1, "source": "wire9"}, *_rows()]
    labels = _labels_file(tmp_path, rows)
    run = CliRunner().invoke(app, ["train", str(labels), "--output", str(article)])
    assert run.exit_code == 1
    assert f"{article} is also an input: writing the output would destroy it" in run.output
    assert article.read_text(encoding="utf-8") == text
    # Another file is written as before.
    run = CliRunner().invoke(app, ["train", str(labels), "--output", str(tmp_path / "m.json")])
    assert run.exit_code == 0 and (tmp_path / "m.json").is_file()


def test_json_lines_named_json_are_read_as_json_lines(tmp_path: Path) -> None:
    rows = [{"text": t, "label": 1} for t in TRUSTED[:2]] + [{"text": t, "label": 0} for t in UNTRUSTED[:2]]
    labels = _labels_file(tmp_path, rows, "part-0000.json")  # as Spark writes JSON Lines
    read = read_labels(labels)
    assert read.labels == [1, 1, 0, 0] and read.skipped == []
    # A news API's response holding the rows, as score reads it.
    wrapped = tmp_path / "response.json"
    wrapped.write_text(json.dumps({"status": "ok", "items": rows}), encoding="utf-8")
    assert read_labels(wrapped).labels == [1, 1, 0, 0]
    # A leading blank line, as some exporters write: score reads such a file, so train does too.
    padded = tmp_path / "padded.json"
    padded.write_text("\n" + labels.read_text(encoding="utf-8"), encoding="utf-8")
    assert read_labels(padded).labels == [1, 1, 0, 0]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "x", "label": 1},\n', encoding="utf-8")
    with pytest.raises(TrainingError, match="not valid JSON"):
        read_labels(broken)


def test_pandas_to_json_layouts_are_read(tmp_path: Path) -> None:
    """`df.to_json("labels.json")` writes pandas' "columns" layout, {column: {index: value}}: train had
    refused it, "must be an array of objects" (bug hunt 32). "index" and "split" are read too, in the
    DataFrame's row order ("table" and "records" were already). Layouts as pandas 3.1 writes them."""
    texts = TRUSTED[:2] + UNTRUSTED[:2]
    labels = ["trusted", "trusted", "untrusted", "untrusted"]
    sources = ["A", None, "B", "C"]
    index = ["10", "2", "7", "0"]  # a filtered, reordered frame: its index is not 0..n-1 in order
    names = ["text", "label", "source"]
    cells = [list(row) for row in zip(texts, labels, sources, strict=True)]
    by_column = [texts, labels, sources]
    layouts = {
        "columns": {name: dict(zip(index, column, strict=True)) for name, column in zip(names, by_column, strict=True)},
        "index": {i: dict(zip(names, row, strict=True)) for i, row in zip(index, cells, strict=True)},
        "split": {"columns": names, "index": [int(i) for i in index], "data": cells},
    }
    for orient, data in layouts.items():
        path = tmp_path / f"{orient}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        read = read_labels(path)
        assert read.labels == [1, 1, 0, 0] and read.skipped == [], orient
        assert [a.text for a in read.articles] == texts, orient
        assert [a.source for a in read.articles][0] == "A", orient
    unlabelled = tmp_path / "unlabelled.json"  # objects of objects, no 'label' column: not a labels table
    unlabelled.write_text(json.dumps({"text": {"0": texts[0]}, "kind": {"0": "trusted"}}), encoding="utf-8")
    with pytest.raises(TrainingError, match="array of objects"):
        read_labels(unlabelled)


def test_cross_validation_that_fits_no_fold_gives_no_figure() -> None:
    from analyzer.trust.training import grouped_cv

    # Two sources, one label each: holding either out leaves one label to train on, so no fold is
    # fitted; the pooled ROC AUC of the constant 0.5s had been reported as 0.500.
    names = ("translation", "attribution")
    rows = [[0.1, 0.9], [0.2, 0.8], [0.3, 0.7], [0.9, 0.1], [0.8, 0.2]]
    labels = [1, 1, 1, 0, 0]
    cv = grouped_cv(rows, labels, ["BBC"] * 3 + ["blog"] * 2, names=names)
    assert cv.fold_auc == [] and cv.roc_auc is None
    # One untrusted source among trusted ones: the fold holding it is not fitted, and the others
    # predict trusted rows only, so there is still nothing to rank.
    cv = grouped_cv(rows, labels, ["a", "b", "c", "blog", "blog"], names=names)
    assert cv.roc_auc is None
    # Both labels in every training fold: a figure, as before.
    cv = grouped_cv(rows + rows, labels + labels, ["a", "b", "c", "d", "e"] * 2, names=names)
    assert cv.roc_auc is not None and cv.roc_auc > 0.9


def test_a_path_rows_source_is_spelled_as_a_text_rows_is(tmp_path: Path) -> None:
    # The source groups the cross-validation: "BBC\u00a0 News" from a path row had stayed a group of its own.
    (tmp_path / "a.txt").write_text(TRUSTED[0], encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"path": "a.txt", "label": 1, "source": "BBC\u00a0 News "}) + "\n"
                      + json.dumps({"text": TRUSTED[1], "label": 1, "source": "BBC  News"}) + "\n", encoding="utf-8")
    assert [a.source for a in read_labels(labels).articles] == ["BBC News", "BBC News"]


def test_a_rows_source_given_as_a_web_address_is_read_as_score_reads_it(tmp_path: Path) -> None:
    # Rows exported from trafilatura's JSON output carry the page's address as `source`: each row
    # had been a cross-validation group of its own (a source per page), as score had ranked it.
    rows = [{"text": t, "label": 1, "source": f"https://www.bbc.co.uk/news/{n}", "source-hostname": "BBC News"}
            for n, t in enumerate(TRUSTED[:2])]
    rows += [{"text": t, "label": 0, "source": f"https://blog.example.com/{n}", "sitename": "Blog"}
             for n, t in enumerate(UNTRUSTED[:2])]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [a.source for a in read_labels(labels).articles] == ["BBC News", "BBC News", "Blog", "Blog"]


def test_a_row_with_no_source_takes_the_one_score_infers(tmp_path: Path) -> None:
    # Rows of a scrape with `url` and no `source`: each had been a cross-validation group of its own
    # ("with no source", the ROC AUC leaky) where score names their outlets by the url's site, or by a
    # wire credit in the text (bug hunt 32).
    rows = [{"text": re.sub(r" \((AP|Reuters|AFP)\)", "", t), "label": 1, "url": f"https://www.paper{n % 2}.com/{n}"}
            for n, t in enumerate(TRUSTED[:2])]
    rows += [{"text": t, "label": 0} for t in UNTRUSTED[:2]]
    rows += [{"text": TRUSTED[2], "label": 1}]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    expected = [source_of(str(r["text"]), r.get("url")) for r in rows]  # type: ignore[arg-type]
    assert [a.source for a in read_labels(labels).articles] == expected
    assert expected == ["paper0.com", "paper1.com", "unknown", "unknown", "AFP"]


def test_a_news_api_response_is_read_as_score_reads_it(tmp_path: Path) -> None:
    # b6813fe let train read {"articles": [...]} "as score reads such a file", but a news API's rows
    # hold the text under `content` (score: `text`, else `content` or `body`) and the source as
    # {"id": ..., "name": ...}: every row was skipped ("needs a non-empty 'text' or 'path'"), and a
    # dict source became its repr, one CV group per spelling of a dict.
    rows = [{"content": t, "source": {"id": None, "name": f"Paper {n % 2}"}, "label": 1}
            for n, t in enumerate(TRUSTED[:2])]
    rows += [{"body": t, "source": {"id": None, "name": "Blog"}, "label": 0} for t in UNTRUSTED[:2]]
    labels = tmp_path / "response.json"
    labels.write_text(json.dumps({"status": "ok", "articles": rows}), encoding="utf-8")
    read = read_labels(labels)
    assert read.skipped == [] and read.labels == [1, 1, 0, 0]
    assert [a.source for a in read.articles] == ["Paper 0", "Paper 1", "Blog", "Blog"]
    assert [a.text for a in read.articles] == [*TRUSTED[:2], *UNTRUSTED[:2]]


def _rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [{"text": t, "label": "trusted", "source": f"wire{i % 2}"}
                                     for i, t in enumerate(TRUSTED)]
    rows += [{"text": t, "label": 0, "source": f"blog{i % 2}"} for i, t in enumerate(UNTRUSTED)]
    return rows


class _Frame:
    """What train_from_rows asks of a pandas DataFrame (pandas is not a dependency): `columns` and
    to_dict("records"); iterating one gives its column names."""

    def __init__(self, rows: list[dict[str, object]]) -> None:
        self.rows = rows
        self.columns = list(rows[0])

    def __iter__(self):  # noqa: ANN204 - as a DataFrame iterates
        return iter(self.columns)

    def to_dict(self, orient: str) -> list[dict[str, object]]:
        assert orient == "records"
        return [dict(row) for row in self.rows]


def test_rows_in_memory_train_the_model_a_labels_file_of_them_trains(tmp_path: Path) -> None:
    """No call trained from rows in memory: a DataFrame had to be written out first (bughunt24 A3)."""
    from analyzer import api
    from analyzer.trust.training import train_from_rows

    rows = _rows()
    labels = _labels_file(tmp_path, rows)
    from_file = train_from_labels(labels, tmp_path / "file.json")
    # As train_from_rows, the file is optional: the model is returned (review 25 R8).
    assert train_from_labels(labels).model.coef == from_file.model.coef
    rows.insert(2, {"text": 42, "label": 1, "source": "wire0"})
    frame = [{**r, "source": float("nan")} if n == 5 else r for n, r in enumerate(rows)]  # NaN: pandas' missing
    for given in (rows, _Frame(rows)):
        result = api.train_from_rows(given, tmp_path / "memory.json")
        assert result.model.coef == from_file.model.coef and result.cv.roc_auc == from_file.cv.roc_auc
        assert [(e.path, e.reason) for e in result.skipped] == [
            ("rows:3", "'text' field is a number, not text (a string, or a list of paragraph strings)")]
        assert json.loads((tmp_path / "memory.json").read_text())["coef"] == list(from_file.model.coef)
    assert result.model.training["data"] == "user labels: rows given in memory"
    unsaved = train_from_rows(frame)  # no file: the model is returned
    assert unsaved.groups == from_file.groups + 1  # the NaN source is no outlet "nan": its row is its own group
    texts = [TRUSTED[0], UNTRUSTED[0]]
    trust = [a.scores["trust"] for a in api.score_articles(texts, model=result.model)]
    assert trust[0] > trust[1]
    with pytest.raises(TypeError, match=r"rows:1: a labelled row is a dict"):
        train_from_rows(["text"])  # type: ignore[list-item]
    # One str or dict given as the rows named its first letter or key "rows:1" (session 26 bug hunt, A1).
    with pytest.raises(TypeError, match=r"rows is a str: .* train_from_labels"):
        train_from_rows(str(labels))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"rows is a \w*Path: .* train_from_labels"):
        train_from_rows(labels)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"rows is one dict: give a list of dicts"):
        train_from_rows(rows[0])


class NAType:
    """pandas' NA (nullable columns) as pandas.api.typing.NAType behaves: every comparison gives NA,
    and its truth raises. Named and placed as pandas names it; pandas is not a dependency."""

    __module__ = "pandas._libs.missing"

    def __eq__(self, other: object) -> NAType:  # type: ignore[override]
        return self

    __ne__ = __eq__  # type: ignore[assignment]

    def __hash__(self) -> int:
        return 0

    def __bool__(self) -> bool:
        raise TypeError("boolean value of NA is ambiguous")

    def __repr__(self) -> str:
        return "<NA>"


class NaTType:
    """pandas' NaT (datetime columns): unequal to everything, itself too; true, as a datetime is."""

    __module__ = "pandas.api.typing"  # pandas 3 (pandas 2: pandas._libs.tslibs.nattype)

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 1

    def __repr__(self) -> str:
        return "NaT"


def test_pandas_na_and_nat_in_rows_are_missing_values() -> None:
    """memory_rows took NaN for a missing value but not pandas' NA or NaT (review 25): an NA label
    raised "boolean value of NA is ambiguous", as did an NA id; a NaT label was "label NaT is not
    trusted/untrusted", a NaT id the id "NaT". Each now reads as the value left out (None)."""
    from analyzer.io.readers import memory_articles, missing_value
    from analyzer.trust.training import train_from_rows

    na, nat = NAType(), NaTType()
    assert missing_value(na) and missing_value(nat) and missing_value(float("nan"))
    assert not any(missing_value(v) for v in ("", "NaT", 0, None, [], object()))
    extra = [{"text": TRUSTED[0] + " Extra.", "label": na}, {"text": UNTRUSTED[0] + " Extra.", "label": nat}]
    rows = [{**r, "id": na if n == 1 else nat if n == 2 else None, "source": na if n == 3 else r["source"]}
            for n, r in enumerate(_rows())]
    plain = [{k: None if isinstance(v, NAType | NaTType) else v for k, v in r.items()} for r in rows]
    expected = train_from_rows(plain)
    for given in (rows + extra, _Frame(rows + extra)):
        result = train_from_rows(given)
        assert result.model.coef == expected.model.coef and result.groups == expected.groups
        n = len(rows)
        assert [(e.path, e.reason) for e in result.skipped] == [
            (f"rows:{n + 1}", "missing 'label'"), (f"rows:{n + 2}", "missing 'label'")]
    # score_articles reads rows through memory_rows too: NA text, source and id as if left out.
    given = list(memory_articles([{"text": na}, {"text": TRUSTED[1], "source": na, "id": nat}]))
    left_out = list(memory_articles([{"text": None}, {"text": TRUSTED[1]}]))
    assert [repr(a) for a in given] == [repr(a) for a in left_out]


def test_a_small_labelled_set_is_trained_with_a_warning(tmp_path: Path) -> None:
    """`analyzer train` on 5 articles of 5 sources wrote its model and printed "ROC AUC 1.000", with no
    word that the figure says nothing at that size (bughunt24 T2)."""
    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust.training import MIN_CV_PER_CLASS, auc_half_width, small_set_warnings, train_from_rows

    result = train_from_rows(_rows())
    assert len(result.warnings) == 2
    assert f"fewer than {MIN_CV_PER_CLASS} articles of each class" in result.warnings[0]
    assert "about ±0.30 with these counts" in result.warnings[0]  # 4 and 4 at an AUC of 0.84
    assert result.warnings[1].startswith("only 4 sources")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in _rows()) + "\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["train", str(labels), "--output", str(tmp_path / "m.json")])
    assert run.exit_code == 0
    assert [line for line in run.output.splitlines() if line.startswith("warning: ")] == \
        [f"warning: {w}" for w in result.warnings]
    # The threshold: ±0.10 with 30 articles a class at the shipped model's AUC (Hanley & McNeil 1982).
    assert round(auc_half_width(30, 30), 2) == 0.10 and round(auc_half_width(5, 5), 2) == 0.26
    from analyzer.trust.training import CVReport

    big = CVReport(folds=5, roc_auc=0.8, fitted=5)
    assert small_set_warnings(30, 40, [f"s{n % 7}" for n in range(70)], big) == []
    assert small_set_warnings(30, 40, [f"s{n % 7}" for n in range(70)],
                              CVReport(folds=5, roc_auc=0.8, fitted=4)) == [
        "1 of 5 cross-validation folds could not be fitted (their training sources held one class only)"]


def test_a_text_of_another_type_is_named_so_by_train_and_score_alike(tmp_path: Path) -> None:
    """A `text` that was a number or a list was "needs a non-empty 'text' or 'path'" for train, where
    it is present and of another type; score said "missing or non-string" (bughunt24 T4)."""
    from analyzer.io.readers import ReadError, read_paths

    rows = [{"text": 42, "label": 1}, {"text": ["a", 2], "label": 1}, {"text": {"x": 1}, "label": 0},
            {"text": True, "label": 0}, {"text": [], "label": 0}, {"label": 1}, {"text": " ", "label": 1}]
    labels = _labels_file(tmp_path, rows)
    read = read_labels(labels)
    expected = ["'text' field is a number, not text", "'text' field is a list that is not all strings, not text",
                "'text' field is an object, not text", "'text' field is true or false, not text",
                "'text' field is an empty list, not text"]
    assert [e.reason.split(" (")[0] for e in read.skipped[:5]] == expected
    assert [e.reason for e in read.skipped[5:]] == [
        "needs a non-empty 'text' or 'path' (the text may be under 'content', 'body', 'maintext' or 'articleBody')"] * 2
    scored = [e for e in read_paths([labels]) if isinstance(e, ReadError)]
    assert [e.reason for e in scored[:5]] == [e.reason for e in read.skipped[:5]]  # one function says it
    assert [e.reason for e in scored[5:]] == [
        "missing 'text' field (a string, or a list of paragraph strings; also read from 'content', 'body', "
        "'maintext' or 'articleBody')",
        "empty 'text' field"]
    # A list of paragraph strings is a text for train too, as score reads it (Scrapy's .getall()).
    paragraphs = tmp_path / "paragraphs.jsonl"
    paragraphs.write_text(json.dumps({"text": ["One paragraph.", "Another."], "label": 1}) + "\n", encoding="utf-8")
    assert read_labels(paragraphs).articles[0].text == "One paragraph.\n\nAnother."


def _stdin_forms(tmp_path: Path) -> dict[str, str]:
    """One labelled set as JSON Lines, a JSON array, a news API's response on one line, and CSV and
    TSV tables whose `path`s are relative to the current folder."""
    rows = [{"text": t, "label": "trusted", "source": f"wire{i % 2}"} for i, t in enumerate(TRUSTED)]
    rows += [{"text": t, "label": "untrusted", "source": f"blog{i % 2}"} for i, t in enumerate(UNTRUSTED)]
    for n, row in enumerate(rows):
        (tmp_path / f"a{n}.txt").write_text(str(row["text"]), encoding="utf-8")
    table = [("path", "label", "source")]
    table += [(f"a{n}.txt", str(r["label"]), str(r["source"])) for n, r in enumerate(rows)]
    return {"jsonl": "\n".join(json.dumps(r) for r in rows) + "\n", "json": json.dumps(rows, indent=2),
            "response": json.dumps({"status": "ok", "articles": rows}),
            "csv": "".join(",".join(line) + "\n" for line in table),
            "tsv": "".join("\t".join(line) + "\n" for line in table)}


@pytest.mark.parametrize("form", ["jsonl", "json", "response", "csv", "tsv"])
def test_train_reads_labels_from_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str) -> None:
    """`train -` read no standard input ("-: cannot read"), where the other commands read `-` (bug
    hunt 26, open note). Its type is told by its opening, as `score -` tells it; a relative `path`
    is read from the current folder; the model is the one the same rows in a file give."""
    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust import load_model

    monkeypatch.chdir(tmp_path)
    forms = _stdin_forms(tmp_path)
    from_file = train_from_labels(_labels_file(tmp_path, [json.loads(line) for line in forms["jsonl"].splitlines()]))
    text = forms[form]
    result = CliRunner().invoke(app, ["train", "-", "--output", "mine.json"], input=text)
    assert result.exit_code == 0, result.output
    model = load_model(tmp_path / "mine.json")
    assert model.coef == from_file.model.coef and model.training["data"] == "user labels: standard input"


@pytest.mark.parametrize("limit", [10_000_000, 400])
def test_train_reads_gzipped_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """`aws s3 cp s3://.../labels.jsonl.gz - | analyzer train -` was "standard input is not text", as
    `score -` read gzip as binary (bug hunt 30, S1): both now read what it holds, JSON Lines over
    --max-bytes a line at a time; a cut stream is one error."""
    import gzip

    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust import load_model

    monkeypatch.chdir(tmp_path)
    text = _stdin_forms(tmp_path)["jsonl"]
    from_file = train_from_labels(_labels_file(tmp_path, [json.loads(line) for line in text.splitlines()]))
    data = gzip.compress(text.encode("utf-8"))
    result = CliRunner().invoke(app, ["train", "-", "--output", "mine.json", "--max-bytes", str(limit)], input=data)
    assert result.exit_code == 0, result.output
    assert load_model(tmp_path / "mine.json").coef == from_file.model.coef
    cut = CliRunner().invoke(app, ["train", "-", "--output", "cut.json", "--max-bytes", str(limit)], input=data[:-20])
    assert cut.exit_code == 1 and "damaged gzip data" in cut.output


@pytest.mark.parametrize("over", [False, True])
@pytest.mark.parametrize(("form", "name"), [("jsonl", "labels.jsonl.gz"), ("csv", "labels.csv.gz"),
                                            ("jsonl", "labels.jsonl")])
def test_train_reads_a_gzipped_labels_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over: bool,
                                           form: str, name: str) -> None:
    """`analyzer train labels.jsonl.gz` was "not a text file", exit 1, though `train - < labels.jsonl.gz`
    and `score` read gzip (bug hunt 33, T2); gzip under a plain name too, as curl saves it. Bounded by
    its decompressed size: a table over --max-bytes is refused, JSON Lines read a line at a time."""
    import gzip

    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust import load_model

    monkeypatch.chdir(tmp_path)
    text = _stdin_forms(tmp_path)[form]
    rows = [json.loads(line) for line in _stdin_forms(tmp_path)["jsonl"].splitlines()]
    from_file = train_from_labels(_labels_file(tmp_path, rows))
    limit = len(text) // 2 if over else 10_000_000  # over it by its decompressed size
    (tmp_path / name).write_bytes(gzip.compress(text.encode("utf-8")))
    result = CliRunner().invoke(app, ["train", name, "--output", "mine.json", "--max-bytes", str(limit)])
    if form == "csv" and over:
        assert result.exit_code == 1 and "over the limit" in result.output
        return
    assert result.exit_code == 0, result.output
    assert load_model(tmp_path / "mine.json").coef == from_file.model.coef
    (tmp_path / name).write_bytes(gzip.compress(text.encode("utf-8"))[:-20])
    cut = CliRunner().invoke(app, ["train", name, "--output", "cut.json", "--max-bytes", str(limit)])
    assert cut.exit_code == 1 and "damaged gzip file" in cut.output


@pytest.mark.parametrize("form", ["jsonl", "json", "response", "csv", "tsv"])
def test_train_bounds_standard_input_by_max_bytes_as_score_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 form: str) -> None:
    """`train -` read standard input whole, whatever --max-bytes said (h27b, low). As `score -`: over
    the limit, a JSON document or a table is refused unread (exit 1, nothing written), and JSON Lines
    goes on a line at a time, each line bounded (a longer one is a skipped row, exit 3)."""
    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust import load_model, training

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(training, "DEFAULT_MAX_LINE_BYTES", 3000)
    forms = _stdin_forms(tmp_path)
    text = forms[form]
    limit = 400 if form == "jsonl" else 100  # the tables of paths are 194 bytes
    assert len(text.encode()) > limit
    result = CliRunner().invoke(app, ["train", "-", "--output", "mine.json", "--max-bytes", str(limit)], input=text)
    if form != "jsonl":
        assert result.exit_code == 1 and result.output.strip().splitlines() == [
            "error: standard input is over the limit of 100 bytes (--max-bytes); only JSON Lines (one object a "
            "line) is read beyond it: give a larger --max-bytes, or the rows as a labels file"]
        assert not (tmp_path / "mine.json").exists()
        return
    assert result.exit_code == 0, result.output
    from_file = train_from_labels(_labels_file(tmp_path, [json.loads(line) for line in text.splitlines()]))
    assert load_model(tmp_path / "mine.json").coef == from_file.model.coef
    long_row = json.dumps({"text": "A long row. " * 300, "label": "trusted", "source": "wire0"})
    result = CliRunner().invoke(app, ["train", "-", "-o", "more.json", "--max-bytes", "400"],
                                input=text + long_row + "\n")
    assert result.exit_code == 3 and "skipped stdin:9: line over the limit of 3,000 bytes" in result.output
    assert load_model(tmp_path / "more.json").coef == from_file.model.coef



@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_train_reads_wide_json_lines_on_standard_input_over_max_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      encoding: str) -> None:
    """UTF-16 JSON Lines on standard input (Windows PowerShell 5's pipe) over --max-bytes: split at
    b"\n" as written, every row after the first was skipped as "not text" (review 28, L2). Recoded as
    a labels file's are, the model is the file's."""
    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust import load_model

    monkeypatch.chdir(tmp_path)
    text = _stdin_forms(tmp_path)["jsonl"]
    from_file = train_from_labels(_labels_file(tmp_path, [json.loads(line) for line in text.splitlines()]))
    result = CliRunner().invoke(app, ["train", "-", "--output", "mine.json", "--max-bytes", "400"],
                                input=text.encode(encoding))
    assert result.exit_code == 0, result.output
    assert load_model(tmp_path / "mine.json").coef == from_file.model.coef

@pytest.mark.parametrize(("form", "name", "encoding"), [("tsv", "labels.txt", "utf-16"), ("csv", "labels.txt", "utf-8"),
                                                    ("jsonl", "labels.txt", "utf-8"), ("json", "labels", "utf-8")])
def test_a_labels_file_of_another_name_is_told_by_its_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              form: str, name: str, encoding: str) -> None:
    """Excel's "Unicode Text" export is a UTF-16 TSV named .txt: `train labels.txt` read it as JSON
    Lines, every row "not valid JSON" (bug hunt 28, L3). A file not named .csv, .tsv, .json or .jsonl
    is told by its opening, as standard input is: the model is the JSON Lines file's."""
    monkeypatch.chdir(tmp_path)
    forms = _stdin_forms(tmp_path)
    from_file = train_from_labels(_labels_file(tmp_path, [json.loads(line) for line in forms["jsonl"].splitlines()]))
    labels = tmp_path / name
    labels.write_bytes(forms[form].encode(encoding))
    read = train_from_labels(labels)
    assert read.skipped == [] and read.model.coef == from_file.model.coef
    labels.write_text("a line of notes\nanother\n", encoding="utf-8")
    with pytest.raises(TrainingError, match="read as a table by its opening .* has no 'label' column"):
        read_labels(labels)


@pytest.mark.parametrize(("form", "name", "encoding"), [
    ("jsonl", "labels.jsonl", "utf-8"), ("jsonl", "labels.jsonl", "utf-16"), ("jsonl", "labels.txt", "utf-8"),
    ("json", "labels.json", "utf-8"), ("csv", "labels.csv", "utf-8"), ("tsv", "labels.txt", "utf-16")])
def test_train_bounds_a_labels_file_by_max_bytes_as_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   form: str, name: str, encoding: str) -> None:
    """A labels file was read whole, whatever --max-bytes said, where `train -` is bounded (bug hunt 28).
    Over the limit, JSON Lines goes on a line at a time (UTF-16 too, as PowerShell writes it), a longer
    line a skipped row (exit 3); a JSON document or a table is refused unread (exit 1, nothing written)."""
    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust import load_model, training

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(training, "DEFAULT_MAX_LINE_BYTES", 3000)
    forms = _stdin_forms(tmp_path)
    labels = tmp_path / name
    labels.write_bytes(forms[form].encode(encoding))
    limit = 400 if form == "jsonl" else 100
    assert labels.stat().st_size > limit
    result = CliRunner().invoke(app, ["train", name, "--output", "mine.json", "--max-bytes", str(limit)])
    if form != "jsonl":
        assert result.exit_code == 1 and result.output.strip().splitlines() == [
            f"error: {name} is over the limit of 100 bytes (--max-bytes); only JSON Lines (one object a line) is "
            "read beyond it: give a larger --max-bytes, or the rows as JSON Lines (.jsonl)"]
        assert not (tmp_path / "mine.json").exists()
        return
    assert result.exit_code == 0, result.output
    from_file = train_from_labels(_labels_file(tmp_path, [json.loads(line) for line in forms[form].splitlines()],
                                               "whole.jsonl"))
    assert load_model(tmp_path / "mine.json").coef == from_file.model.coef
    long_row = json.dumps({"text": "A long row. " * 300, "label": "trusted", "source": "wire0"})
    labels.write_bytes((forms[form] + long_row + "\n").encode(encoding))
    result = CliRunner().invoke(app, ["train", name, "-o", "more.json", "--max-bytes", "400"])
    assert result.exit_code == 3 and f"skipped {name}:9: line over the limit of 3,000 bytes" in result.output
    assert load_model(tmp_path / "more.json").coef == from_file.model.coef


def test_train_names_standard_inputs_bad_rows_and_refuses_it_empty(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from analyzer.cli import app

    monkeypatch.chdir(tmp_path)
    text = _stdin_forms(tmp_path)["jsonl"] + '{"text": "An unlabelled row."}\n'
    result = CliRunner().invoke(app, ["train", "-", "-o", "mine.json"], input=text)
    assert result.exit_code == 3 and "skipped stdin:9: missing 'label'" in result.output, result.output
    empty = CliRunner().invoke(app, ["train", "-", "-o", "none.json"], input="")
    assert empty.exit_code == 1 and empty.output.strip().splitlines() == [
        "error: standard input is empty: give the labelled rows on it, or a labels file"]
    assert not (tmp_path / "none.json").exists()


def test_rows_without_a_source_are_named_in_one_warning(tmp_path: Path) -> None:
    """With no `source` column every row is its own cross-validation group: copies of one story sit
    on both sides of a fold (AUC 1.000 where the rows grouped by source give 0.986), and `train`
    said nothing (session 26 bug hunt, lower notes). One warning line names the consequence."""
    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust.training import train_from_rows

    # Texts that name no outlet either (a wire credit names one, as score reads it: see below).
    unsourced = [{"text": re.sub(r" \((AP|Reuters|AFP)\)", "", r["text"]), "label": r["label"]} for r in _rows()]
    result = train_from_rows(unsourced)
    said = [w for w in result.warnings if "source" in w and "own cross-validation group" in w]
    assert said == [
        "no article has a source: each is its own cross-validation group, so copies of one story (an outlet's "
        "versions and reprints of a report) can sit on both sides of a fold and the ROC AUC reads higher than on "
        "outlets the model has not seen; give each row its outlet in a `source` column"]
    some = train_from_rows([r if n > 1 else {**unsourced[n], "source": None} for n, r in enumerate(_rows())])
    assert [w for w in some.warnings if "no source" in w][0].startswith(
        f"2 of {some.n} articles have no source: each of them is its own cross-validation group")
    assert not any("no source" in w for w in train_from_rows(_rows()).warnings)
    run = CliRunner().invoke(app, ["train", str(_labels_file(tmp_path, unsourced)), "-o", str(tmp_path / "m.json")])
    assert run.exit_code == 0
    assert [line for line in run.output.splitlines() if "no article has a source" in line] == [f"warning: {said[0]}"]
    # Its first line counted each such article as a source: "from 20 sources" (bug hunt 31, L2).
    assert f"trained on {result.n} articles ({result.positives} trusted) with no source;" in run.output
    run = CliRunner().invoke(app, ["train", str(_labels_file(
        tmp_path, [r if n > 1 else {**unsourced[n], "source": None} for n, r in enumerate(_rows())], "some.jsonl")),
        "-o", str(tmp_path / "m.json")])
    sources = len({r["source"] for n, r in enumerate(_rows()) if n > 1})
    assert f"from {sources} sources and 2 articles with none;" in run.output


def test_rows_with_no_source_sharing_an_id_are_each_their_own_group(tmp_path: Path) -> None:
    # A row with no source was grouped by its id: rows giving one id (two feeds' labels joined, each
    # numbering from 1) were one cross-validation group, though the warning says each is its own, and the
    # first line counted groups less articles: "from -35 sources and 40 articles with none" (review 32).
    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.trust.training import train_from_rows

    rows = [{"id": str(n % 2), "text": r["text"], "label": r["label"]} for n, r in enumerate(_rows())]
    result = train_from_rows(rows)
    # The wire rows' credits name AP, Reuters and AFP (twice) as score infers them (bug hunt 32, T1); the
    # four others, ids 0, 1, 0, 1, have no source and are four groups.
    assert (result.groups, result.unsourced) == (3 + 4, 4)
    run = CliRunner().invoke(app, ["train", str(_labels_file(tmp_path, rows)), "-o", str(tmp_path / "m.json")])
    assert f"trained on {len(rows)} articles ({result.positives} trusted) from 3 sources and 4 articles with none;" \
        in run.output


def test_a_path_row_takes_its_source_from_its_folders_metadata_csv(tmp_path: Path) -> None:
    # A labels file of paths into a scrape folder whose metadata.csv names each file's outlet, as
    # `score` reads them: train read each file alone, source "unknown", every row its own group of the
    # grouped cross-validation (bug hunt 27, T3). A source in the row still wins.
    for outlet, texts in (("wire", TRUSTED[:2]), ("blog", UNTRUSTED[:2])):
        folder = tmp_path / "scrape" / outlet
        folder.mkdir(parents=True)
        for n, text in enumerate(texts):
            (folder / f"{n}.txt").write_text(text, encoding="utf-8")
        (folder / "metadata.csv").write_text(f"file,source\n0.txt,{outlet.title()} One\n1.txt,{outlet.title()} Two\n",
                                             encoding="utf-8")
    rows = [{"path": "scrape/wire/0.txt", "label": 1}, {"path": "scrape/wire/1.txt", "label": 1},
            {"path": "scrape/blog/0.txt", "label": 0}, {"path": "scrape/blog/1.txt", "label": 0, "source": "Mine"}]
    read = read_labels(_labels_file(tmp_path, rows))
    assert read.skipped == []
    assert [a.source for a in read.articles] == ["Wire One", "Wire Two", "Blog One", "Mine"]


def test_a_problem_of_a_folders_metadata_csv_skips_no_path_row_of_it(tmp_path: Path) -> None:
    # A metadata.csv naming one file twice skipped every labels row of its folder, each "cannot read
    # scrape/1.txt (metadata lists '0.txt' twice ...)", though each file was read (review 32). The
    # problem is the table's: reported once, under its path, as `score` reports it.
    folder = tmp_path / "scrape"
    folder.mkdir()
    for n, text in enumerate(TRUSTED[:2] + UNTRUSTED[:2]):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    (folder / "metadata.csv").write_text("file,source\n0.txt,Wire\n1.txt,Wire\n2.txt,Blog\n3.txt,Blog\n0.txt,Other\n",
                                         encoding="utf-8")
    rows = [{"path": f"scrape/{n}.txt", "label": int(n < 2)} for n in range(4)]
    read = read_labels(_labels_file(tmp_path, rows))
    assert [a.source for a in read.articles] == ["Wire", "Wire", "Blog", "Blog"]
    assert [(e.path, e.reason) for e in read.skipped] == [
        (str(folder / "metadata.csv"), "metadata lists '0.txt' twice (line 6); the first row is used")]


def test_path_rows_read_each_metadata_csv_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each path row's file was read alone, and each reading parsed its folder's metadata.csv and every
    # table above it again (a stat per row of each): 2,000 rows under one table of 2,000 rows took 206 s
    # of CPU, quadratic (review 32; the tables above since bug hunt 31's N1). One reading of each now.
    from analyzer.io import readers

    folder = tmp_path / "scrape" / "2024"
    folder.mkdir(parents=True)
    texts = TRUSTED[:3] + UNTRUSTED[:3]
    for n, text in enumerate(texts):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    (folder / "metadata.csv").write_text("file,source\n0.txt,Own\n3.txt,Own\n", encoding="utf-8")
    (tmp_path / "scrape" / "metadata.csv").write_text(
        "file,source\n" + "".join(f"2024/{n}.txt,Outlet {n % 2}\n" for n in range(6)), encoding="utf-8")
    parsed: list[Path] = []
    parse = readers._read_metadata

    def counted(folder: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        parsed.append(folder)
        return parse(folder, *args, **kwargs)

    monkeypatch.setattr(readers, "_read_metadata", counted)
    rows = [{"path": f"scrape/2024/{n}.txt", "label": int(n < 3)} for n in range(6)]
    read = read_labels(_labels_file(tmp_path, rows))
    assert [a.source for a in read.articles] == ["Own", "Outlet 1", "Outlet 0", "Own", "Outlet 0", "Outlet 1"]
    assert read.skipped == []
    assert sorted(os.path.abspath(f) for f in parsed) == [str(tmp_path / "scrape"), str(folder)]


def test_an_agencys_names_are_one_cross_validation_group() -> None:
    # "AFP" and "Agence France-Presse" are one row of the trust table (ranking.source_key); train
    # held them as two groups, so one agency's copies could sit on both sides of a fold (review 27).
    from analyzer.trust.training import train_from_rows

    rows = _rows()
    names = ["AFP", "Agence France-Presse", "AFP", "Agence France Presse"]
    for n, row in enumerate(r for r in rows if r["label"] == "trusted"):
        row["source"] = names[n % len(names)]
    result = train_from_rows(rows)
    assert result.groups == 1 + len({r["source"] for r in rows if r["label"] != "trusted"})


def test_the_small_set_warning_counts_articles_with_no_source_as_such() -> None:
    # "trained on 4 articles ... from 1 source and 3 articles with none" was followed by "only 4 sources"
    # (bug hunt 33): an article with no source is a cross-validation group of its own, not a source.
    from analyzer.trust.training import CVReport, small_set_warnings

    cv = CVReport(folds=0, roc_auc=None)
    groups = ["bbc", "article:a", "article:b", "article:c"]
    [_, line] = small_set_warnings(2, 2, groups, cv)
    assert line.startswith("only 4 groups (1 source and 3 articles with none, each its own)"), line
    [_, named] = small_set_warnings(2, 2, ["bbc", "afp"], cv)
    assert named.startswith("only 2 sources:"), named
