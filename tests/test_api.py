"""The library entry points (analyzer.api) as the README calls them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analyzer import api
from analyzer.distributed import expand
from analyzer.io.readers import ReadError


def test_the_python_examples_of_the_docs_are_python() -> None:
    # REFERENCE's Python API example had four statements run together on one line (a reflow when the
    # README was split): pasted into a notebook, a SyntaxError (bug hunt 32).
    root = Path(__file__).resolve().parent.parent
    blocks = [(doc.name, block) for doc in (root / "README.md", *sorted((root / "docs").glob("*.md")))
              for block in re.findall(r"^```python\n(.*?)^```", doc.read_text(encoding="utf-8"), re.M | re.S)]
    assert blocks
    for name, block in blocks:
        compile(block, f"a python block of {name}", "exec")


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


# A banner and a line every article of one outlet carries: the pre-pass counts the line across the
# run, and the boilerplate signal reads a line a source repeats as its boilerplate.
HOUSE_LINES = ("BBC News | Home",
               "Our newsroom is independent and has been owned by its readers since 1821, with offices in Leeds "
               "and York.")


def _house_texts(seeds_dir: Path) -> list[str]:
    """Each seed cut in two halves, each half with the house lines (ten texts, seven of BBC News)."""
    texts = []
    for path in sorted(seeds_dir.glob("*.txt")):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        middle = len(paragraphs) // 2
        for part in (paragraphs[:middle], paragraphs[middle:]):
            texts.append(f"{HOUSE_LINES[0]}\n\n" + "\n\n".join(part) + f"\n\n{HOUSE_LINES[1]}\n")
    return texts


def _without(record: dict, *keys: str) -> dict:
    return {k: v for k, v in record.items() if k not in keys}


def test_score_articles_gives_what_score_gives_for_the_same_texts_in_files(seeds_dir: Path, tmp_path: Path) -> None:
    """A list of texts or records scored as one run, with score_paths' per-source pre-pass: score_text,
    one text at a time, cannot see a line repeated across a source's articles (bughunt24 A3)."""
    from analyzer.pipeline import score_text

    texts = _house_texts(seeds_dir)
    folder = tmp_path / "texts"
    folder.mkdir()
    for n, text in enumerate(texts, start=1):
        (folder / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    from_files = [a.to_dict() for a in api.score_paths([folder])]
    in_memory = list(api.score_articles(texts))
    assert [a.id for a in in_memory] == [f"text:{n}" for n in range(1, len(texts) + 1)]
    assert [_without(a.to_dict(), "id", "path") for a in in_memory] == \
        [_without(a, "id", "path") for a in from_files]
    # The pre-pass is what makes the difference: one text at a time, the house lines are no boilerplate.
    alone = [score_text(t).scores["boilerplate"] for t in texts]
    assert alone != [a.scores["boilerplate"] for a in in_memory]

    # Records, as the lines of a JSON Lines file hold them: ids, sources and metadata as score reads them.
    records = [{"id": f"s{n}", "source": "Example Times", "url": f"https://example.com/{n}", "content": text}
               for n, text in enumerate(texts)]
    records.append({"id": "bad", "text": 7})
    (tmp_path / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    from_jsonl = list(api.score_paths([tmp_path / "batch.jsonl"]))
    from_records = list(api.score_articles(records))
    assert [_without(a.to_dict(), "path") for a in from_records[:-1]] == \
        [_without(a.to_dict(), "path") for a in from_jsonl[:-1]]
    assert from_records[-1] == ReadError("text:11", "'text' field is a number, not text (a string, or a list of "
                                                   "paragraph strings)")
    assert from_jsonl[-1].reason == from_records[-1].reason  # type: ignore[union-attr]

    # Articles already scored are scored afresh, not twice over (their evidence is not doubled).
    again = list(api.score_articles(from_jsonl[:-1]))  # type: ignore[arg-type]
    assert [a.to_dict() for a in again] == [a.to_dict() for a in from_jsonl[:-1]]  # type: ignore[union-attr]
    with pytest.raises(TypeError, match=r"text:2: an article is a str, a dict .* not bytes \(decode it first"):
        api.score_articles(["A text.", b"bytes"])  # type: ignore[list-item]


def test_jobs_means_the_same_in_the_library_as_on_the_command_line(seeds_dir: Path) -> None:
    """--jobs takes 1 or more, 0 for every CPU, and refuses -1; api.score_paths(jobs=-1) read any negative
    number as every CPU (joblib's -2 is every CPU but one): refused the same way (bughunt24 A4)."""
    from typer.testing import CliRunner

    from analyzer.cli import app

    for jobs in (-1, -2):
        with pytest.raises(ValueError, match="or 0 for every CPU"):
            api.score_paths([seeds_dir], jobs=jobs)
        with pytest.raises(ValueError, match="or 0 for every CPU"):
            api.score_articles(["A text."], jobs=jobs)
        with pytest.raises(ValueError, match="or 0 for every CPU"):
            api.trust_paths([seeds_dir], jobs=jobs)
        result = CliRunner().invoke(app, ["score", str(seeds_dir), "--jobs", str(jobs)])
        assert result.exit_code == 2
    help_text = CliRunner().invoke(app, ["score", "--help"], env={"COLUMNS": "200"}).output
    assert "0 = every CPU" in help_text and "negative" in help_text


def test_score_articles_gives_articles_sharing_an_id_keys_of_their_own(seeds_dir: Path) -> None:
    """An Article item kept its (path, id) unchecked: one built without a path beside a record of the
    same id, or one article given twice, were two articles of one key, and `flag` named the spun copy
    of such a pair as made from itself ('x', original 'x'). Articles are id-checked as texts and records
    are (readers._FileIds): another text under a taken id is `<id>:<N>`, the same text again is read once."""
    from analyzer.article import Article

    first, second = (path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))[:2])
    out = list(api.score_articles([Article(id="x", text=first), {"id": "x", "text": second},
                                   Article(id="x", text=first)]))
    assert [a.id for a in out[:2]] == ["x", "x:2"]  # type: ignore[union-attr]
    assert out[2] == ReadError("text:3", "repeats the article at text:1 (same id and text): read once")
    scored = out[0]
    assert isinstance(scored, Article)
    again = list(api.score_articles([scored, scored]))
    assert isinstance(again[0], Article) and again[1] == ReadError(
        "text:2", "repeats the article at text:1 (same id and text): read once")


def test_a_numpy_integer_id_is_an_id_as_a_python_int_is(seeds_dir: Path) -> None:
    """A hand-built record's numpy integer id was ignored (the article became text:1) while train took
    it (review 25 R8)."""
    import numpy

    text = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    ids = [a.id for a in api.score_articles([{"id": numpy.int64(5), "text": text}, {"id": 6, "text": text}])]
    assert ids == ["5", "6"]


def test_scoring_without_the_translation_signal_keeps_no_reading_on_the_article(seeds_dir: Path) -> None:
    """The Reading pipeline.prefetch leaves for the translation signal stayed on each article of a run
    without that signal, which flag and trust then hold (review 25 R9)."""
    from analyzer.article import READING_CACHE
    from analyzer.pipeline import REGISTRY, score_items
    from analyzer.signals import translation

    articles = [a for a in api.read_paths([seeds_dir]) if not isinstance(a, ReadError)]
    for article in articles:
        translation.detector_text(article)  # what the prefetch does before the signals run
    signals = {name: signal for name, signal in REGISTRY.items() if name != "translation"}
    scored = list(score_items(articles, signals=signals))
    assert scored and all(READING_CACHE not in a.__dict__ for a in scored)


def test_trust_articles_gives_the_table_trust_paths_gives(seeds_dir: Path) -> None:
    """score_articles and flag_articles had no trust sibling: a caller with texts in memory built the
    trust table by hand from group_and_flag and rank_sources (review 25 R8)."""
    articles, errors = api.split(api.score_paths([seeds_dir]))
    from_files = api.trust_paths([seeds_dir])
    in_memory = api.trust_articles(articles, errors)
    assert in_memory.to_dict() == from_files.to_dict() and in_memory.sources
    assert [f.id for f in in_memory.flagged.flags] == [f.id for f in from_files.flagged.flags]  # type: ignore[union-attr]


def test_one_text_record_or_article_given_alone_is_one_article(seeds_dir: Path) -> None:
    """A str iterates as its letters and a dict as its keys: score_articles(text) scored each letter
    of the text as an article (300 one-letter articles for 300 characters), score_articles(record)
    each field name (session 26 bug hunt, A1)."""
    text = (seeds_dir / "000_a6a572ebb9df023c.txt").read_text(encoding="utf-8")
    as_list = [a.to_dict() for a in api.score_articles([text])]
    assert len(as_list) == 1
    assert [a.to_dict() for a in api.score_articles(text)] == as_list
    record = {"id": "r1", "source": "AFP", "text": text}
    (alone,) = api.score_articles(record)
    assert (alone.id, alone.source, alone.words) == ("r1", "AFP", as_list[0]["words"])
    (again,) = api.score_articles(alone)
    assert again.to_dict() == alone.to_dict()


def test_trust_articles_ranks_with_its_model_whichever_model_scored_them(seeds_dir: Path, tmp_path: Path) -> None:
    """Articles scored with the shipped model and ranked with a retrained one: the table's trust was
    the shipped model's and its `why` the retrained one's, another order than trust_paths with that
    model gave, silently (session 26 bug hunt, A2)."""
    from analyzer.resources import model_path

    data = json.loads(model_path("trust.json").read_text(encoding="utf-8"))
    data["intercept"] -= 3.0
    own = tmp_path / "own.json"
    own.write_text(json.dumps(data), encoding="utf-8")
    articles, errors = api.split(api.score_paths([seeds_dir]))  # the shipped model
    ranked = api.trust_articles(articles, errors, model=own).to_dict()
    assert ranked == api.trust_paths([seeds_dir], model=own).to_dict()
    assert api.trust_articles(articles, errors).to_dict() == api.trust_paths([seeds_dir]).to_dict()


def test_flag_and_trust_articles_take_a_generator_and_score_paths_stream(seeds_dir: Path, tmp_path: Path) -> None:
    """flag_articles(generator) raised TypeError inside story grouping; trust_articles of a generator
    ranked no source at all, silently; a stream not split first carried ReadErrors in with the
    articles (session 26 bug hunt, A3)."""
    paths = [seeds_dir, tmp_path / "missing.txt"]
    articles, errors = api.split(api.score_paths(paths))
    flagged = api.flag_articles(articles, errors).to_dict()
    assert api.flag_articles(a for a in articles).to_dict()["stories"] == flagged["stories"]
    ranked = api.trust_paths(paths).to_dict()
    assert ranked["sources"] and ranked["errors"]
    assert api.trust_articles(api.score_paths(paths)).to_dict() == ranked
    assert api.flag_articles(api.score_paths(paths)).to_dict() == flagged


def test_score_paths_and_score_articles_compare_copies_when_asked(seeds_dir: Path, tmp_path: Path) -> None:
    """Session 27: compare=True gives `analyzer score --format json`'s records, held in a list, the
    spun copy labelled spun and held at 0.029; by default both stay lazy iterators of articles scored
    alone (a caller reading one at a time does not wait for the whole input); skip (--resume) and
    compare cannot go together."""
    import json
    import types

    from typer.testing import CliRunner

    from analyzer.cli import app
    from tests.helpers import spun_pair

    pair = spun_pair(tmp_path, seeds_dir)
    compared = api.score_paths(pair, compare=True)
    assert isinstance(compared, list)
    assert [a.label for a in compared] == ["clean", "spun"]  # type: ignore[union-attr]
    cli = json.loads(CliRunner().invoke(app, ["score", str(pair), "--format", "json"]).stdout)
    assert [a.to_dict() for a in compared] == json.loads(json.dumps(cli["articles"]))  # type: ignore[union-attr]
    rows = [json.loads(line) for line in pair.read_text(encoding="utf-8").splitlines()]
    in_memory = api.score_articles(rows, compare=True)  # no path: the records are compared alike
    assert [(a.label, a.scores, a.evidence) for a in in_memory] == \
        [(a.label, a.scores, a.evidence) for a in compared]  # type: ignore[union-attr]
    lazy = api.score_paths(pair)
    assert isinstance(lazy, types.GeneratorType)
    assert [a.label for a in lazy] == ["clean", "clean"]  # type: ignore[union-attr]
    assert [a.label for a in api.score_articles(rows)] == ["clean", "clean"]  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="skip"):
        api.score_paths(pair, compare=True, skip=lambda a: False)
    with pytest.raises(api.TooManyArticles, match="--no-compare"):
        api.score_articles(rows, compare=True, max_articles=1)


def test_an_article_built_by_hand_with_odd_fields_reads_as_a_record_with_them(seeds_dir: Path) -> None:
    """An Article built from a DataFrame's row (source None, a datetime date, an int title, a Path, no
    id) was scored as given: its record said `"source": null` and `"id": null` against the contract,
    trust_articles raised AttributeError deep in the ranking, to_dict() was no JSON, an int title made
    the article "scoring failed" (bug hunt 31b, A1). Its fields read as a record's now."""
    import datetime

    from analyzer.article import Article

    first, second = (path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))[:2])
    out = list(api.score_articles([
        Article(id=None, text=first, source=None, date=datetime.date(2024, 3, 5)),  # type: ignore[arg-type]
        Article(id="b", text=second, source=7, title=3, path=Path("x/b.txt")),  # type: ignore[arg-type]
        Article(id="", text=" \n"),
    ]))
    one, two, blank = out
    assert isinstance(one, Article) and isinstance(two, Article)
    assert (one.id, one.source, one.date) == ("text:1", "unknown", "2024-03-05")
    assert (two.id, two.source, two.title, two.path) == ("b", "7", "3", "x/b.txt")
    assert blank == ReadError("text:3", "empty text")
    json.dumps([one.to_dict(), two.to_dict()])
    table = api.trust_articles([one, two])
    assert sorted(row["source"] for row in table.sources) == ["7", "unknown"]


def test_flag_and_trust_articles_refuse_texts_and_articles_never_scored(seeds_dir: Path) -> None:
    """Texts or records given to flag_articles / trust_articles (score_articles' input, not its output)
    raised AttributeError deep in compare.py; an Article built by hand and never scored was ranked on
    empty features, trust 0.896 for any text, silently (bug hunt 31b, A2)."""
    from analyzer.article import Article

    text = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    for call in (api.flag_articles, api.trust_articles):
        with pytest.raises(TypeError, match="give scored Articles"):
            call([text])  # type: ignore[list-item]
        with pytest.raises(TypeError, match="not dict"):
            call([{"text": text}])  # type: ignore[list-item]
        with pytest.raises(ValueError, match="'a' is not scored"):
            call([Article(id="a", text=text)])
    assert api.trust_articles(api.score_articles([text])).sources[0]["articles"] == 1
    # A source set after scoring from a DataFrame's empty cell raised AttributeError in the ranking (A5).
    [scored] = api.score_articles([text])
    scored.source = float("nan")  # type: ignore[assignment]
    with pytest.raises(TypeError, match="its source is a str"):
        api.trust_articles([scored])


def test_a_whole_float_id_is_an_id_as_an_int_is(seeds_dir: Path) -> None:
    """A DataFrame's id column of integers with one missing value is float64: every article of it had
    been `text:N`, silently (bug hunt 31b, A3). A whole float is its integer; a fraction, NaN or a bool
    is no id."""
    import numpy

    text = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    items = [{"id": value, "text": f"{text}\n\n{n}"}
             for n, value in enumerate((101.0, numpy.float64(7.0), 1.5, float("nan"), True))]
    assert [a.id for a in api.score_articles(items)] == ["101", "7", "text:3", "text:4", "text:5"]


def test_a_model_given_as_its_parsed_json_is_a_clear_type_error(seeds_dir: Path) -> None:
    """model=json.load(open("model.json")) raised pathlib's "expected str, bytes or os.PathLike object,
    not dict" (bug hunt 31b, A4)."""
    with pytest.raises(TypeError, match="model is a TrustModel, a model file's path or None, not dict"):
        list(api.score_paths([seeds_dir], model={"format": "analyzer-trust"}))  # type: ignore[arg-type]


def test_flag_and_trust_articles_refuse_two_articles_of_one_id(seeds_dir: Path) -> None:
    """Texts scored in two calls (an Airflow task's batches) each number their ids from text:1: flag
    named a copy as made from itself ('text:1', original 'text:1') and trust held both articles of a
    key alike (bug hunt 31b, A6)."""
    first, second = (path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))[:2])
    batches = [*api.score_articles([first]), *api.score_articles([second])]
    assert [a.id for a in batches] == ["text:1", "text:1"]  # type: ignore[union-attr]
    for call in (api.flag_articles, api.trust_articles, api.compare_scored):
        with pytest.raises(ValueError, match="two articles have the id 'text:1': .* score them in one call"):
            call(batches)
    assert len(api.trust_articles(api.score_articles([first, second])).articles) == 2


def test_score_text_reads_a_dataframe_cells_source_and_id_as_a_records(seeds_dir: Path) -> None:
    """score_text(row.text, source=row.source, id=row.id) on a DataFrame's row: an empty cell (NaN) was
    the source, written `"source": NaN` (no JSON), an int id `"id": 5` (bug hunt 31b, A7)."""
    from analyzer.pipeline import score_text

    text = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    article = score_text(text, source=float("nan"), id=5)  # type: ignore[arg-type]
    assert article.id == "5" and article.source == score_text(text).source
    json.loads(json.dumps(article.to_dict()), parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))


def test_an_article_built_by_hand_from_a_dataframe_row_with_empty_cells_has_no_nan_field(seeds_dir: Path) -> None:
    """A DataFrame read from a CSV holds NaN in its empty cells: Article(text=row.text, source=row.source,
    title=row.title) was scored with the outlet "nan" (a row of its own in the trust table) and the title,
    url and date "nan", where its empty cells given as None read no value (review 32). A blank source
    is none too, as a record's is."""
    from analyzer.article import Article

    text = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    nan = float("nan")
    given = [Article(id=nan, text=text, source=nan, title=nan, url=nan, date=nan),  # type: ignore[arg-type]
             Article(id=None, text=text + "\n\nMore.", source=None),  # type: ignore[arg-type]
             Article(id="c", text=text + "\n\nOther.", source="  ")]
    fields = [(a.id, a.source, a.title, a.url, a.date) for a in api.score_articles(given)]  # type: ignore[union-attr]
    assert fields == [("text:1", "unknown", None, None, None), ("text:2", "unknown", None, None, None),
                      ("c", "unknown", None, None, None)]


def test_score_text_reads_a_web_address_given_as_source_as_the_url() -> None:
    # A DataFrame of trafilatura's JSON output holds the page's address in `source`: score_text(row.text,
    # source=row.source) named the outlet by the address, where score reads it as the url (bug hunt 32).
    from analyzer.pipeline import score_text

    text = "The minister said on Monday that the talks in Geneva would resume next week, officials said."
    article = score_text(text, source="https://www.bbc.co.uk/news/business-1")
    assert (article.source, article.url) == ("bbc.co.uk", "https://www.bbc.co.uk/news/business-1")
    assert (score_text(text, source="AFP").source, score_text(text, source="AFP").url) == ("AFP", None)
