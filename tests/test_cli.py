"""The command line through typer's runner: formats, exit codes, contract fields."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli import app
from tests.helpers import held_why, lock_folder, spun_pair

runner = CliRunner()
ARTICLE_FIELDS = {"id", "path", "source", "language", "words", "scores", "label", "evidence"}
SCORE_FIELDS = {"translation", "boilerplate", "attribution", "hedging", "readability", "trust"}
EVIDENCE_FIELDS = {"signal", "kind", "start", "end", "text", "suggestion", "reason"}
SOURCE_FIELDS = {"rank", "source", "articles", "trust", "trust_low", "trust_high", "garbled",
                 "translation", "boilerplate", "attribution", "hedging"}
FLAG_FIELDS = {"id", "label", "original", "similarity", "evidence"}
STORY_FIELDS = {"story", "articles", "original"}


def _score_json(*args: str) -> dict:
    result = runner.invoke(app, ["score", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_score_seeds_json_has_every_contract_field(seeds_dir: Path) -> None:
    data = _score_json(str(seeds_dir))
    assert data["errors"] == []
    assert len(data["articles"]) == 5
    for article in data["articles"]:
        assert ARTICLE_FIELDS <= article.keys()
        assert SCORE_FIELDS == article["scores"].keys()
        assert article["label"] in {"clean", "machine_translated", "spun"}
        text = (seeds_dir / Path(article["path"]).name).read_text(encoding="utf-8")
        for ev in article["evidence"]:
            assert EVIDENCE_FIELDS <= ev.keys()
            assert text[ev["start"]:ev["end"]] == ev["text"]
        for key in ("translation", "boilerplate", "attribution", "hedging", "trust"):
            assert 0.0 <= article["scores"][key] <= 1.0


def test_score_is_deterministic(seeds_dir: Path) -> None:
    first = runner.invoke(app, ["score", str(seeds_dir), "--format", "json"]).stdout
    second = runner.invoke(app, ["score", str(seeds_dir), "--format", "json"]).stdout
    assert first == second


def test_trust_seeds_ranks_five_sources(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["trust", str(seeds_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["rank"] for s in data["sources"]] == [1, 2, 3, 4, 5]
    for row in data["sources"]:
        assert SOURCE_FIELDS <= row.keys()
        assert row["trust_low"] <= row["trust"] <= row["trust_high"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_trust_says_a_garbled_copy_is_held_in_every_format(fmt: str, tmp_path: Path, seeds_dir: Path) -> None:
    """Session 26: a copy `flag` finds spun is held at 0.029 (0.4 before h29d), and `why` names its original,
    in each format."""
    out = tmp_path / f"trust.{fmt}"
    result = runner.invoke(app, ["trust", str(spun_pair(tmp_path, seeds_dir)), "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "table":
        assert "held at 0.029: garbled copy of orig (spun)" in " ".join(text.replace("│", " ").split())
        return
    rows = (json.loads(text)["sources"] if fmt == "json" else [json.loads(line) for line in text.splitlines()]
            if fmt == "jsonl" else list(csv.DictReader(io.StringIO(text))))
    blog = next(r for r in rows if r["source"] == "Blog")
    assert held_why(blog) == "held at 0.029: garbled copy of orig (spun) (1 article)"
    assert float(blog["mean_article_trust"]) <= 0.029



def test_score_compares_the_copies_in_json_csv_and_table(tmp_path: Path, seeds_dir: Path) -> None:
    """Session 27: `score` on an original and its spun copy says what `flag` and `trust` say of the
    copy (label spun, flag's spans with the original's wording, trust held at 0.029), in json, csv
    and table alike; --no-compare scores each article alone, as before (the copy clean, trust 0.96)."""
    from analyzer.compare import FLAGGED_COPY_TRANSLATION

    pair = str(spun_pair(tmp_path, seeds_dir))
    articles = {a["id"]: a for a in _score_json(pair)["articles"]}
    copy = articles["copy"]
    assert copy["label"] == "spun" and copy["scores"]["trust"] <= 0.029
    assert FLAGGED_COPY_TRANSLATION <= copy["scores"]["translation"] < 1
    spans = [e for e in copy["evidence"] if e["kind"] == "copy_substitution"]
    assert spans and all(e["suggestion"] and "orig" in e["reason"] for e in spans)
    assert copy["details"]["copy"]["original"] == "orig"
    alone = {a["id"]: a for a in _score_json(pair, "--no-compare")["articles"]}
    assert alone["copy"]["label"] == "clean" and alone["copy"]["scores"]["trust"] > 0.9
    assert not any(e["kind"].startswith("copy_") for e in alone["copy"]["evidence"])
    assert alone["orig"] == articles["orig"]
    result = runner.invoke(app, ["score", pair, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    for aid, article in articles.items():
        assert rows[aid]["label"] == article["label"]
        assert int(rows[aid]["evidence"]) == len(article["evidence"])
        assert {k: float(rows[aid][k]) for k in article["scores"]} == article["scores"]
    table = runner.invoke(app, ["score", pair, "--format", "table"])
    assert table.exit_code == 0 and "spun" in table.stdout


def test_score_jsonl_streams_each_article_alone_unless_compare(tmp_path: Path, seeds_dir: Path) -> None:
    """jsonl streams (and --resume continues it): each article alone by default, the records
    before session 27; --compare holds them to the end and writes json's records; --compare with
    --resume is refused in one line, exit 2."""
    pair = str(spun_pair(tmp_path, seeds_dir))
    compared = _score_json(pair)["articles"]
    alone = _score_json(pair, "--no-compare")["articles"]
    streamed = runner.invoke(app, ["score", pair, "--format", "jsonl"])
    assert streamed.exit_code == 0
    assert [json.loads(line) for line in streamed.stdout.splitlines()] == alone
    held = runner.invoke(app, ["score", pair, "--format", "jsonl", "--compare"])
    assert [json.loads(line) for line in held.stdout.splitlines()] == compared
    out = tmp_path / "scores.jsonl"
    written = runner.invoke(app, ["score", pair, "--format", "jsonl", "--compare", "--output", str(out)])
    assert written.exit_code == 0, written.output
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == compared
    refused = runner.invoke(app, ["score", pair, "--format", "jsonl", "--compare", "--resume", "--output", str(out)])
    assert refused.exit_code == 2
    assert refused.stderr.strip() == "error: --resume cannot be combined with --compare (comparing needs every " \
                                     "article scored together)"


def test_flag_seeds_json_shape(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["flag", str(seeds_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"stories", "flags", "errors"} <= data.keys()
    ids = sorted(i for story in data["stories"] for i in story["articles"])
    assert len(ids) == 5
    for flag in data["flags"]:
        assert flag["label"] in {"machine_translated", "spun"}


# The contract (docs/OUTPUT.md): each statement of it on the input forms it names, field by field. The
# tests above check the fields are there on the seeds; these check their types and ranges, the ids and
# sources each input form gives, what is skipped, and where each output goes.
ISO_639_1 = r"[a-z]{2}"
SIGNALS = {"translation", "boilerplate", "attribution", "hedging", "language"}
CONTRACT_JSONL = [{"text": "The minister said on Monday that the plan would go ahead, officials told reporters."},
                  None,  # a blank line: the next record is line 3 of the file
                  {"id": "given", "source": "Council", "text": "Police said the road would reopen on Tuesday."}]


def _contract_folder(tmp_path: Path, seeds_dir: Path) -> tuple[Path, dict[str, str]]:
    """A folder of every input form of the contract, and the decoded text of each article by id."""
    folder = tmp_path / "in"
    (folder / "sub" / ".hidden").mkdir(parents=True)
    spun = (seeds_dir / "003_da4b1cb9c266c996.txt").read_text(encoding="utf-8")
    texts = {"plain": (seeds_dir / "000_a6a572ebb9df023c.txt").read_text(encoding="utf-8"),
             "b": (seeds_dir / "004_5cf1ccbb3be23d88.txt").read_text(encoding="utf-8"),
             "utf16": spun, "bom": spun.replace("\n", "\r\n"), "cp": spun.replace("'", "\u2019"),
             "lines:1": CONTRACT_JSONL[0]["text"], "given": CONTRACT_JSONL[2]["text"]}
    (folder / "plain.txt").write_text(texts["plain"], encoding="utf-8")
    (folder / "sub" / "b.md").write_text(texts["b"], encoding="utf-8")
    (folder / "sub" / "metadata.csv").write_text("file,source\nb.md,Sub Source\n", encoding="utf-8")
    (folder / "utf16.txt").write_bytes(("\ufeff" + spun).encode("utf-16-le"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + texts["bom"].encode("utf-8"))
    (folder / "cp.txt").write_bytes(texts["cp"].encode("cp1252"))
    (folder / "lines.jsonl").write_text("".join((json.dumps(r) if r else "") + "\n" for r in CONTRACT_JSONL),
                                        encoding="utf-8")
    for hidden in (folder / ".seen.txt", folder / "sub" / ".hidden" / "h.txt"):
        hidden.write_text(texts["plain"], encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder, texts


def _check_evidence(span: dict, text: str) -> None:
    assert EVIDENCE_FIELDS <= span.keys() and span["signal"] in SIGNALS, span
    assert isinstance(span["kind"], str) and span["kind"], span
    assert type(span["start"]) is int and type(span["end"]) is int and 0 <= span["start"] <= span["end"], span
    assert isinstance(span["text"], str) and text[span["start"]:span["end"]] == span["text"], span
    assert span["suggestion"] is None or isinstance(span["suggestion"], str), span
    assert isinstance(span["reason"], str) and span["reason"].strip(), span


def _check_article(article: dict, text: str) -> None:
    import re

    assert ARTICLE_FIELDS <= article.keys()
    assert isinstance(article["id"], str) and isinstance(article["path"], str | None)
    assert isinstance(article["source"], str) and article["source"]
    assert re.fullmatch(ISO_639_1, article["language"]), article["language"]
    assert type(article["words"]) is int and article["words"] > 0
    assert SCORE_FIELDS <= article["scores"].keys()
    assert all(type(value) is float for value in article["scores"].values()), article["scores"]
    assert all(0.0 <= article["scores"][key] <= 1.0 for key in SCORE_FIELDS - {"readability"}), article["scores"]
    assert article["label"] in {"clean", "machine_translated", "spun"}
    assert article["evidence"], article["id"]
    for span in article["evidence"]:
        _check_evidence(span, text)


@pytest.mark.parametrize("compare", ["--compare", "--no-compare"])
def test_score_json_gives_each_input_form_of_the_contract_its_record(compare: str, tmp_path: Path,
                                                                     seeds_dir: Path) -> None:
    """OUTPUT.md, Input and `score`: ids (a file's name without its extension, `<stem>:<line>` for a JSONL
    line with no id), the source metadata.csv gives, hidden files and folders skipped unreported, UTF-16
    with a BOM, UTF-8 with one and cp1252 decoded, with each span's offsets into the decoded text; an
    empty or binary file listed under `errors` as {path, reason}, the rest scored, exit 3."""
    folder, texts = _contract_folder(tmp_path, seeds_dir)
    result = runner.invoke(app, ["score", str(folder), "--format", "json", compare])
    assert result.exit_code == 3, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"articles", "errors"}
    articles = {a["id"]: a for a in data["articles"]}
    assert articles.keys() == texts.keys()
    for aid, article in articles.items():
        _check_article(article, texts[aid])
    assert articles["b"]["source"] == "Sub Source" and articles["given"]["source"] == "Council"
    assert articles["lines:1"]["source"] == "unknown"
    assert sorted((Path(e["path"]).name, type(e["reason"])) for e in data["errors"]) == [
        ("binary.txt", str), ("empty.txt", str)]


def test_score_jsonl_writes_one_article_a_line_and_the_errors_to_stderr(tmp_path: Path, seeds_dir: Path) -> None:
    """OUTPUT.md: with --format jsonl, one ARTICLE per line on stdout and the errors on stderr (JSON lines)."""
    folder, texts = _contract_folder(tmp_path, seeds_dir)
    result = runner.invoke(app, ["score", str(folder), "--format", "jsonl"])
    assert result.exit_code == 3
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(a["id"] for a in articles) == sorted(texts)
    for article in articles:
        _check_article(article, texts[article["id"]])
    errors = [json.loads(line) for line in result.stderr.splitlines()]
    assert sorted(Path(e["path"]).name for e in errors) == ["binary.txt", "empty.txt"]
    assert all(isinstance(e["reason"], str) and e["reason"] for e in errors)


def test_flag_json_has_the_contracts_stories_and_flags(tmp_path: Path, seeds_dir: Path) -> None:
    """OUTPUT.md, `flag`: each story a str with its articles' ids and its original (one of them, or null);
    `flags` only the garbled copies, each naming the cleaner copy it came from, with a float similarity
    and evidence spans that index the copy's text."""
    pair = spun_pair(tmp_path, seeds_dir)
    texts = {r["id"]: r["text"] for r in map(json.loads, pair.read_text(encoding="utf-8").splitlines())}
    (tmp_path / "other.txt").write_text((seeds_dir / "000_a6a572ebb9df023c.txt").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    result = runner.invoke(app, ["flag", str(pair), str(tmp_path / "other.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"stories", "flags", "errors"} and data["errors"] == []
    for story in data["stories"]:
        assert STORY_FIELDS <= story.keys() and isinstance(story["story"], str)
        assert story["articles"] and all(isinstance(i, str) for i in story["articles"])
        assert story["original"] is None or story["original"] in story["articles"]
    assert sorted(i for story in data["stories"] for i in story["articles"]) == ["copy", "orig", "other"]
    [flag] = data["flags"]
    assert FLAG_FIELDS <= flag.keys()
    assert flag["id"] == "copy" and flag["label"] == "spun" and flag["original"] == "orig"
    assert type(flag["similarity"]) is float and 0.0 < flag["similarity"] <= 1.0
    assert flag["evidence"]
    for span in flag["evidence"]:
        _check_evidence(span, texts["copy"])


def test_trust_json_ranks_sources_and_gives_the_means_of_their_articles(tmp_path: Path, seeds_dir: Path) -> None:
    """OUTPUT.md, `trust`: sources sorted by rank from 1, each field of its type, trust within its
    interval, and the signal columns the means of the source's articles' scores (as `score` gives them)."""
    folder = tmp_path / "in"
    shutil.copytree(seeds_dir, folder)
    other = (seeds_dir / "000_a6a572ebb9df023c.txt").read_text(encoding="utf-8")
    (folder / "afp2.txt").write_text(other, encoding="utf-8")
    with (folder / "metadata.csv").open("a", encoding="utf-8") as table:
        table.write("afp2.txt,AFP,,,\n")
    result = runner.invoke(app, ["trust", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"sources", "errors"} and data["errors"] == []
    assert [s["rank"] for s in data["sources"]] == list(range(1, len(data["sources"]) + 1))
    scored = _score_json(str(folder))["articles"]
    for row in data["sources"]:
        assert SOURCE_FIELDS <= row.keys()
        assert all(type(row[key]) is int for key in ("rank", "articles", "garbled")) and isinstance(row["source"], str)
        floats = ("trust", "trust_low", "trust_high", "translation", "boilerplate", "attribution", "hedging")
        assert all(type(row[key]) is float and 0.0 <= row[key] <= 1.0 for key in floats), row
        assert row["trust_low"] <= row["trust"] <= row["trust_high"]
        own = [a["scores"] for a in scored if a["source"] == row["source"]]
        assert row["articles"] == len(own)
        for key in ("translation", "boilerplate", "attribution", "hedging"):
            assert row[key] == pytest.approx(sum(s[key] for s in own) / len(own), abs=1e-4), (row["source"], key)
    assert next(r for r in data["sources"] if r["source"] == "AFP")["articles"] == 2


def test_the_contract_tests_cover_every_field_of_output_md() -> None:
    """Every field docs/OUTPUT.md names is one these tests check, and the repository's copy is the contract
    ../shared/OUTPUT.md fixes (where ../shared is present): a field added to the contract, or the copy
    edited to suit the code, fails here."""
    import re

    root = Path(__file__).resolve().parent.parent
    contract = (root / "docs" / "OUTPUT.md").read_text(encoding="utf-8")
    named = set(re.findall(r'"([a-z_]+)":', contract))
    checked = (ARTICLE_FIELDS | SCORE_FIELDS | EVIDENCE_FIELDS | SOURCE_FIELDS | FLAG_FIELDS | STORY_FIELDS
               | {"articles", "errors", "stories", "flags", "sources"})
    assert named <= checked, sorted(named - checked)
    shared = root.parent / "shared" / "OUTPUT.md"
    if shared.is_file():
        assert contract == shared.read_text(encoding="utf-8")


def test_jsonl_format_one_article_per_line(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["score", str(seeds_dir), "--format", "jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 5 and all(ARTICLE_FIELDS <= line.keys() for line in lines)


def test_csv_format(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["score", str(seeds_dir), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5
    assert {"id", "source", "trust", "label"} <= rows[0].keys()


def test_table_format(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["score", str(seeds_dir), "--format", "table"])
    assert result.exit_code == 0
    assert "003_da4b1cb9c266c996" in result.stdout
    result = runner.invoke(app, ["trust", str(seeds_dir), "--format", "table"])
    assert "AFP" in result.stdout


def test_the_trust_tables_title_says_it_is_ranked_by_trust_low(seeds_dir: Path, tmp_path: Path) -> None:
    """Rows are ranked by trust_low (h32c's model), and the trust column need not fall down the table: the
    title said "ranked by trust" (review 32b, R2). A table saved under either title is still passed over
    as our output when it sits among the articles."""
    result = runner.invoke(app, ["trust", str(seeds_dir), "--format", "table"])
    assert "analyzer trust: sources ranked by trust_low" in result.stdout
    folder = _article_dir(tmp_path)
    saved = result.stdout
    for name, table in (("new.txt", saved), ("old.txt", saved.replace("ranked by trust_low", "ranked by trust"))):
        (folder / name).write_text(table, encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


@pytest.mark.parametrize("command", ["score", "flag", "trust"])
def test_an_output_named_csv_or_jsonl_is_written_so_without_format(command: str, tmp_path: Path) -> None:
    """`score scrape/ -o scores.csv` wrote a JSON document into scores.csv, and README's own
    `-o scrape/scores.jsonl` one JSON document, not JSON Lines (bug hunt 30, O1). --format still wins;
    a name of no such type is JSON."""
    folder = _article_dir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.csv", "b.CSV", "c.jsonl", "d.json", "e.txt"):
        result = runner.invoke(app, [command, str(folder), "--output", str(out / name), "--quiet"])
        assert result.exit_code == 0, result.output
    assert (out / "a.csv").read_text(encoding="utf-8-sig").startswith(("id,", "rank,"))
    assert (out / "b.CSV").read_text(encoding="utf-8-sig").startswith(("id,", "rank,"))
    for name in ("d.json", "e.txt"):
        assert isinstance(json.loads((out / name).read_text(encoding="utf-8")), dict)
    lines = (out / "c.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(isinstance(json.loads(line), dict) for line in lines) and len(lines) == (0 if command == "flag" else 1)
    given = runner.invoke(app, [command, str(folder), "--format", "json", "--output", str(out / "f.csv"), "--quiet"])
    assert given.exit_code == 0 and isinstance(json.loads((out / "f.csv").read_text(encoding="utf-8")), dict)


@pytest.mark.parametrize("command", ["score", "flag", "trust"])
@pytest.mark.parametrize("name", ["out.csv", "out.tsv"])
def test_csv_written_to_a_file_opens_with_a_bom_for_spreadsheets(command: str, name: str, tmp_path: Path) -> None:
    """Excel on Windows reads a UTF-8 CSV without a byte order mark as cp1252: a source "Süddeutsche"
    showed as "SÃ¼ddeutsche" (closing 31). An --output file has one, standard output none; the file is
    the same rows, and the next run over the folder still passes it over as this tool's output."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = "The minister said on Monday that the talks would resume after the holiday, officials confirmed."
    (folder / "a.jsonl").write_text(json.dumps({"id": "a", "source": "Süddeutsche", "text": text}) + "\n",
                                    encoding="utf-8")
    delimiter = "\t" if name.endswith(".tsv") else ","
    piped = runner.invoke(app, [command, str(folder), "--format", "csv", "--quiet"])
    assert piped.exit_code == 0 and not piped.stdout.startswith("\ufeff")
    out = folder / name
    result = runner.invoke(app, [command, str(folder), "--output", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    written = out.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") and not written.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert delimiter == "\t" or written.decode("utf-8-sig") == piped.stdout
    rows = list(csv.DictReader(io.StringIO(written.decode("utf-8-sig")), delimiter=delimiter))
    assert (command == "flag" and rows == []) or rows[0]["source"] == "Süddeutsche"
    again = runner.invoke(app, [command, str(folder), "--output", str(out), "--quiet"])
    assert again.exit_code == 0, again.output
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


# Which command takes which option, as docs/REFERENCE.md's Common options, Limits and README's Speed and
# scale say it: score, flag and trust format and reach a Dask cluster; the four that score a corpus show
# a bar, take --jobs and the limits; explain prints to the terminal (no --output); train writes a model.
DOCUMENTED_OPTIONS = {
    "--format": {"score", "flag", "trust"},
    "--scheduler": {"score", "flag", "trust"},
    "--model": {"score", "trust", "explain", "report"},
    "--output": {"score", "flag", "trust", "train", "report"},
    "--max-bytes": {"score", "flag", "trust", "train", "explain", "report"},
    "--quiet": {"score", "flag", "trust", "report"},
    "--jobs": {"score", "flag", "trust", "report"},
    "--max-line-bytes": {"score", "flag", "trust", "report"},
    "--time-limit": {"score", "flag", "trust", "report"},
    "--max-articles": {"score", "flag", "trust", "report"},
    "--resume": {"score"},
    "--compare": {"score"},
    "--id": {"explain"},
    "--full-page": {"report"},  # REFERENCE's report section (h33d)
}


def test_each_command_takes_the_options_the_reference_names() -> None:
    """docs/REFERENCE.md names the commands each option is for; `--help` lists what the code takes."""
    from typer.main import get_command

    commands = get_command(app).commands
    assert set(commands) == {"score", "flag", "trust", "train", "explain", "report"}
    for name, command in commands.items():
        taken = {option for param in command.params for option in param.opts if option.startswith("--")}
        documented = {option for option, names in DOCUMENTED_OPTIONS.items() if name in names}
        assert taken == documented, (name, sorted(taken ^ documented))
        defaults = {param.opts[0]: param.default for param in command.params}
        # README and REFERENCE: 10 MB for a file and for a JSONL line, 200,000 articles held to compare.
        for option, default in (("--max-bytes", 10_000_000), ("--max-line-bytes", 10_000_000),
                                ("--max-articles", 200_000)):
            if option in defaults:
                assert defaults[option] == default, (name, option)


@pytest.mark.parametrize("command", ["score", "flag", "trust"])
def test_the_format_help_says_an_outputs_name_chooses_the_format(command: str) -> None:
    # It said "default: table on a terminal, else json", while `-o scores.csv` writes CSV (bug hunt 31).
    help_text = " ".join(runner.invoke(app, [command, "--help"], env={"COLUMNS": "300"}).output.split())
    assert "default: the type --output FILE is named as, .csv, .tsv" in help_text


def test_the_compare_help_says_the_hold_of_a_machine_translation_as_trust_gives_it() -> None:
    # It said "at 1 - the probability that its flag is right", the hold before h31b made it that times the
    # copy's own trust (trust.model.graded_hold; review 32).
    shown = runner.invoke(app, ["score", "--help"], env={"COLUMNS": "300"}).output
    help_text = " ".join(shown.replace("│", " ").split())  # the box's borders where a line wraps
    assert "(1 - the probability that its flag is right) x its own trust" in help_text


@pytest.mark.parametrize("command", ["score", "train"])
def test_a_commands_help_keeps_its_paragraphs_whole(command: str) -> None:
    # typer keeps a docstring's line breaks in every paragraph but the first, and rich wraps each line
    # again: `score --help` showed "... compared as `flag` compares them: a" and "garbled copy gets ..."
    # on lines of their own (bug hunt 32).
    output = runner.invoke(app, [command, "--help"], env={"COLUMNS": "1000"}).output
    paragraph = next(line.strip() for line in output.split("\n") if line.strip().startswith(("In json", "A row that")))
    assert paragraph.endswith(("unless --compare is given.", "the exit status is 3.")), paragraph


@pytest.mark.parametrize("command", ["score", "flag", "trust"])
def test_format_tsv_writes_tab_separated_rows_to_standard_output(command: str, tmp_path: Path) -> None:
    # Only `-o FILE.tsv` wrote tabs: `score scrape/ -f tsv | cut -f3` was refused, exit 2 (bug hunt 32).
    folder = _article_dir(tmp_path)
    result = runner.invoke(app, [command, str(folder), "--format", "tsv", "--quiet"])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split("\t")
    assert header[:2] == {"score": ["id", "path"], "flag": ["id", "label"], "trust": ["rank", "source"]}[command]


def test_resume_takes_an_output_named_jsonl_without_format(tmp_path: Path) -> None:
    folder = _article_dir(tmp_path)
    out = tmp_path / "scores.jsonl"
    assert runner.invoke(app, ["score", str(folder), "-o", str(out), "--quiet"]).exit_code == 0
    (folder / "b.txt").write_text("The council said on Friday that the bridge would reopen.", encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "-o", str(out), "--resume", "--quiet"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]


def test_output_file_is_written_atomically(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    out.write_text("previous", encoding="utf-8")
    result = runner.invoke(app, ["score", str(seeds_dir), "--format", "json", "--output", str(out)])
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["scores.json"]


def test_bad_inputs_exit_3_and_are_listed(tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "good.txt").write_text((seeds_dir / "004_5cf1ccbb3be23d88.txt").read_text(encoding="utf-8"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "bad.jsonl").write_text('{"text": "fine line."}\n{broken\n', encoding="utf-8")
    (tmp_path / "undecodable.txt").write_bytes(b"abc \x81 def")
    result = runner.invoke(app, ["score", str(tmp_path), "--format", "json"])
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert sorted(a["id"] for a in data["articles"]) == ["bad:1", "good"]
    assert sorted(Path(e["path"]).name for e in data["errors"]) == [
        "bad.jsonl:2", "binary.txt", "empty.txt", "undecodable.txt"]
    assert all(e["reason"] for e in data["errors"])


@pytest.mark.parametrize("command", ["score", "trust", "flag"])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_skipped_inputs_are_named_on_stderr_when_the_output_goes_to_a_file(
        tmp_path: Path, seeds_dir: Path, command: str, fmt: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((seeds_dir / "004_5cf1ccbb3be23d88.txt").read_text(encoding="utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, [command, str(folder), "--format", fmt, "--output", str(out)])
    assert result.exit_code == 3
    assert "empty.txt" in result.stderr and "empty file" in result.stderr
    assert "empty.txt" not in out.read_text(encoding="utf-8") or fmt == "json"


def test_bad_usage_exits_2() -> None:
    assert runner.invoke(app, ["score"]).exit_code == 2
    assert runner.invoke(app, ["score", ".", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["nonsense"]).exit_code == 2


def test_explain_shows_evidence(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["explain", str(seeds_dir / "001_80f832cf8906c957.txt")])
    assert result.exit_code == 0, result.output
    assert "Author's right of the image" in result.stdout


# --- where the output goes (found by a bug hunt in the eighteenth session) ---------------------


def _article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The minister said on Monday that the talks would resume.", encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_an_output_named_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    # `score -f jsonl -o -` took the resumable path and wrote a file named "-", printing nothing
    # (bug hunt 32); `-o -` is standard output in every format, as no --output is.
    folder = _article_dir(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["score", str(folder), "--format", fmt, "--output", "-", "--quiet"])
    assert result.exit_code == 0 and not (tmp_path / "-").exists()
    assert '"id": "a"' in result.stdout or result.stdout.startswith("id,")


def test_a_source_spelled_with_other_spaces_is_one_source(tmp_path: Path) -> None:
    """Scraped source fields carry stray spaces, line breaks and no-break spaces: one outlet, one row."""
    text = "The minister said on Monday that the talks would resume after the holiday."
    spellings = ["BBC News", "BBC News ", " BBC News", "BBC  News", "BBC News\n", "BBC\u00a0News"]
    (tmp_path / "s.jsonl").write_text("".join(json.dumps({"id": f"a{i}", "source": s, "text": f"{text} ({i})"}) + "\n"
                                              for i, s in enumerate(spellings)), encoding="utf-8")
    result = runner.invoke(app, ["trust", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [(s["source"], s["articles"]) for s in json.loads(result.stdout)["sources"]] == [("BBC News", 6)]
    assert {a["source"] for a in _score_json(str(tmp_path))["articles"]} == {"BBC News"}


def test_a_source_spelled_decomposed_is_one_source(tmp_path: Path) -> None:
    """A source typed on a Mac or copied from a PDF may spell "ü" as "u" and a combining mark (NFD):
    one outlet was two rows of trust, 3 articles each (bug hunt 30, U1)."""
    text = "The minister said on Monday that the talks would resume after the holiday."
    spellings = ["S\u00fcddeutsche Zeitung", "Su\u0308ddeutsche Zeitung"] * 3
    (tmp_path / "s.jsonl").write_text("".join(json.dumps({"id": f"a{i}", "source": s, "text": f"{text} ({i})"}) + "\n"
                                              for i, s in enumerate(spellings)), encoding="utf-8")
    result = runner.invoke(app, ["trust", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [(s["source"], s["articles"]) for s in json.loads(result.stdout)["sources"]] == [
        ("S\u00fcddeutsche Zeitung", 6)]


@pytest.mark.parametrize("given", ["file", "folder"])
def test_the_metadata_a_run_reads_is_no_output(given: str, tmp_path: Path) -> None:
    """metadata.csv gives a named file its source, so it is an input of that run too."""
    folder = _article_dir(tmp_path)
    metadata = folder / "metadata.csv"
    metadata.write_text("file,source\na.txt,Daily Planet\n", encoding="utf-8")
    target = folder / "a.txt" if given == "file" else folder
    result = runner.invoke(app, ["trust", str(target), "--format", "csv", "--output", str(metadata)])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == f"error: {metadata} is also an input: writing the output would destroy it"
    assert metadata.read_text(encoding="utf-8") == "file,source\na.txt,Daily Planet\n"


@pytest.mark.parametrize("command", ["score", "flag", "trust", "report"])
def test_an_output_that_cannot_be_written_stops_before_scoring(command: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer import api, report

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("scored before the output was checked")

    for name in ("score_paths", "flag_paths", "trust_paths"):
        monkeypatch.setattr(api, name, never)
    monkeypatch.setattr(report, "build_report", never)
    folder = _article_dir(tmp_path)
    for output, reason in ((tmp_path / "missing" / "out.json", "does not exist"), (tmp_path, "is a folder"),
                           (folder / "a.txt", "is also an input")):
        result = runner.invoke(app, [command, str(folder), "--output", str(output), "--quiet"])
        assert result.exit_code == 1 and reason in result.output, result.output
        assert "Traceback" not in result.output
    assert (folder / "a.txt").read_text(encoding="utf-8").startswith("The minister said")


def test_a_failed_write_is_one_line_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib
    import errno

    from analyzer.io import writers

    @contextlib.contextmanager
    def full(path: object):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")
        yield

    monkeypatch.setattr(writers, "atomic_output", full)
    result = runner.invoke(app, ["score", str(_article_dir(tmp_path)), "--output", str(tmp_path / "o.json"), "-q"])
    assert result.exit_code == 1 and "No space left on device" in result.output and "Traceback" not in result.output


def test_output_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "scores.json").write_text("old", encoding="utf-8")
    (tmp_path / "latest.json").symlink_to("scores.json")
    result = runner.invoke(app, ["score", str(_article_dir(tmp_path)), "-f", "json", "-o",
                                 str(tmp_path / "latest.json"), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "latest.json").is_symlink()
    assert json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))["articles"][0]["id"] == "a"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_output_to_a_fifo_is_written_into_it_not_replaced(tmp_path: Path, fmt: str) -> None:
    # A FIFO stands for a device (/dev/null) or a shell's >(...): replacing it with a file would
    # destroy it (as root, -o /dev/null replaced the system's /dev/null).
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # A daemon: should the output replace the FIFO, the reader waits for ever and must not hang pytest.
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = runner.invoke(app, ["score", str(_article_dir(tmp_path)), "-f", fmt, "-o", str(fifo), "-q"])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert fifo.is_fifo() and received and b'"id": "a"' in received[0]
    assert not list(tmp_path.glob(".pipe*"))  # no temporary or partial file beside it


@pytest.mark.parametrize("command", ["score", "trust"])
def test_csv_cells_cannot_run_as_spreadsheet_formulas(command: str, tmp_path: Path) -> None:
    # A scraped source or a file name starting with "=" ran as a formula when the CSV was opened.
    (tmp_path / "=1+1.txt").write_text("The minister said on Monday that the talks would resume.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text('file,source\n=1+1.txt,"=HYPERLINK(""http://evil.example"",""x"")"\n',
                                           encoding="utf-8")
    result = runner.invoke(app, [command, str(tmp_path), "--format", "csv", "--quiet"])
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["source"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    if command == "score":
        assert row["id"] == "'=1+1" and float(row["trust"]) >= 0.0  # numbers stay numbers


def test_the_path_of_standard_input_is_no_formula_in_csv() -> None:
    # "-" alone is text to a spreadsheet: it was written "'-", unlike the JSON output's "-".
    line = json.dumps({"id": "-1", "source": "-", "text": "The minister said on Monday that the talks would resume."})
    result = runner.invoke(app, ["score", "-", "--format", "csv", "--quiet"], input=line + "\n")
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["path"], row["source"], row["id"]) == ("-", "-", "'-1")


def test_python_dash_m_runs_the_same_command_line(seeds_dir: Path) -> None:
    import subprocess
    import sys

    seed = next(seeds_dir.glob("000_*.txt"))
    run = subprocess.run([sys.executable, "-m", "analyzer", "score", str(seed), "--format", "json"],
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert [a["id"] for a in json.loads(run.stdout)["articles"]] == [seed.stem]


@pytest.mark.parametrize("command", ["score", "trust", "flag", "explain"])
def test_tables_show_ids_and_sources_as_written_not_as_markup(tmp_path: Path, command: str) -> None:
    # rich reads a plain str as markup: "[/b]" raised MarkupError, "[video] ..." lost its first word.
    text = "Officials said on Tuesday that the talks in Geneva would go on next week, the agency reported."
    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps({"id": "[/b]", "text": text, "source": "[video] Daily Star"}) + "\n"
                    + json.dumps({"id": "[red]x:smile:", "text": text + " More talks.", "source": "[/link]"}) + "\n",
                    encoding="utf-8")
    args = [command, str(path)] + ([] if command == "explain" else ["--format", "table"])
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    shown = {"score": ["[/b]", "[red]x:smile:", "[video] Daily Star", "[/link]"],
             "trust": ["[video] Daily Star", "[/link]"], "flag": [], "explain": ["[/b]", "[red]x:smile:"]}[command]
    for value in shown:
        assert value in result.output, value


@pytest.mark.parametrize("command", ["score", "trust"])
def test_tables_show_no_control_character_of_the_data(tmp_path: Path, command: str) -> None:
    """An ESC in a scraped source or id reached the terminal as written: "\\x1b[2J" cleared the
    screen and "\\x1b]0;...\\x07" retitled the window when the table was printed (bug hunt 30, T1);
    explain already showed each control character as U+FFFD. So do the tables now, the table of
    skipped inputs too (a file name may hold one)."""
    text = "Officials said on Tuesday that the talks in Geneva would go on next week, the agency reported."
    (tmp_path / "odd.jsonl").write_text(json.dumps({"id": "a\x1b[31m1", "text": text,
                                                    "source": "Daily\x1b[2J\x1b]0;owned\x07 Star"}) + "\n",
                                        encoding="utf-8")
    (tmp_path / "x\x1b[2Jy.png").write_bytes(b"\x89PNG\r\n")
    result = runner.invoke(app, [command, str(tmp_path), "--format", "table"], env={"COLUMNS": "200"})
    assert result.exit_code == 3, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Daily\ufffd[2J\ufffd]0;owned\ufffd Star" in result.stdout
    # Off a terminal the skipped inputs are plain lines (json, csv, or a table sent to a file): the same.
    result = runner.invoke(app, [command, str(tmp_path), "--format", "json"])
    assert result.exit_code == 3 and "\x1b" not in result.stderr and "x\ufffd[2Jy.png" in result.stderr
    # A bidi override in a file name turned the rest of its line around (review 30).
    (tmp_path / "x\u202egnp.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, [command, str(tmp_path), "--format", "table"], env={"COLUMNS": "200"})
    assert "\u202e" not in result.output and (command != "score" or "x\ufffdgnp" in result.stdout)


def test_a_skipped_inputs_line_is_one_line(tmp_path: Path) -> None:
    # A file name holding a line break (Linux allows one) cut its `skipped PATH: REASON` line in two,
    # and `grep skipped` lost the reason (bug hunt 32).
    text = "Officials said on Tuesday that the talks in Geneva would go on next week, the agency reported."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bad\nfile.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["score", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 3
    assert [line for line in result.stderr.splitlines() if "binary" in line] == [
        f"skipped {tmp_path}{os.sep}bad\ufffdfile.txt: binary file (contains NUL bytes)"]


# --- spans of a text the input holds only as markup (found by a bug hunt in the twentieth session) --

PARAGRAPHS = (
    "The minister said on Tuesday that the talks may possibly resume next week, according to officials.",
    "Critics argued the plan could fail, and the spokesman said that japanese leaders would attend.",
)


def test_an_html_page_gives_the_text_its_evidence_offsets_index(tmp_path: Path) -> None:
    # The offsets index the page's extracted main text, which the output had not held: no span
    # could be found, nor text == source[start:end] checked.
    pytest.importorskip("trafilatura")
    page = tmp_path / "page.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><article><h1>Talks</h1>"
                    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2) + "</article></body></html>", encoding="utf-8")
    [article] = _score_json(str(page))["articles"]
    assert article["evidence"] and PARAGRAPHS[0] in article["text"] and "<p>" not in article["text"]
    for ev in article["evidence"]:
        assert article["text"][ev["start"]:ev["end"]] == ev["text"]


def test_a_feed_item_gives_its_text_and_a_text_file_does_not(tmp_path: Path) -> None:
    escaped = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)
    (tmp_path / "wire.rss").write_text(
        f"<rss version='2.0'><channel><title>Wire</title><item><description>{escaped}</description></item>"
        "</channel></rss>", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("\n".join(PARAGRAPHS), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(json.dumps({"id": "line", "text": PARAGRAPHS[1]}) + "\n", encoding="utf-8")
    articles = {a["id"]: a for a in _score_json(str(tmp_path))["articles"]}
    item = articles["wire:1"]
    assert item["evidence"] and item["text"] == "\n\n".join(PARAGRAPHS)
    for ev in item["evidence"]:
        assert item["text"][ev["start"]:ev["end"]] == ev["text"]
    # Their texts are the file's and the record's, as written: the output does not repeat them.
    assert "text" not in articles["plain"] and "text" not in articles["line"]


def test_output_kept_in_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    """`score scrape/ -o scrape/scores.jsonl`: the next run over the folder, or its --resume, neither
    reads the earlier output as articles (feed and HTML articles carry their text) nor refuses it."""
    folder = _article_dir(tmp_path)
    (folder / "b.txt").write_text("Officials said on Tuesday that the bridge would reopen.", encoding="utf-8")
    for fmt, name in (("jsonl", "scores.jsonl"), ("json", "scores.json"), ("csv", "scores.csv")):
        for extra in ([], ["--resume"] if fmt == "jsonl" else []):
            result = runner.invoke(app, ["score", str(folder), "--format", fmt, "--output", str(folder / name),
                                         "--quiet", *extra])
            assert result.exit_code == 0, (fmt, extra, result.output)
    for command in ("flag", "trust"):
        result = runner.invoke(app, [command, str(folder), "--format", "json", "--output", str(folder / "t.json")])
        assert result.exit_code == 0, (command, result.output)
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert sorted(a["id"] for a in json.loads(result.stdout)["articles"]) == ["a", "b"]
    assert len((folder / "scores.jsonl").read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize("command", ["score", "flag", "trust", "report", "explain"])
def test_no_input_at_all_is_a_failure_not_a_partial_run(command: str, tmp_path: Path) -> None:
    """Exit 3 means 'done, some inputs skipped': a missing mount must not pass for that."""
    result = runner.invoke(app, [command, str(tmp_path / "not-mounted")])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == f"error: {tmp_path / 'not-mounted'}: no such file or folder"
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["score", "flag", "trust", "report"])
def test_an_empty_folder_or_a_broken_link_as_the_only_input_is_a_failure(command: str, tmp_path: Path) -> None:
    """An unmounted mount point is an empty folder, and `latest -> /mnt/...` a broken link when the
    mount is absent: they exited 0 (an empty ranking published as a success) and 3."""
    (tmp_path / "mnt").mkdir()
    (tmp_path / "mnt" / ".hidden.txt").write_text("not read", encoding="utf-8")
    (tmp_path / "latest").symlink_to(tmp_path / "nowhere")
    result = runner.invoke(app, [command, str(tmp_path / "mnt")])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == f"error: {tmp_path / 'mnt'}: empty folder (no files to read; a mount that is " \
                                    "not mounted?)"
    assert result.stdout == ""
    result = runner.invoke(app, [command, str(tmp_path / "latest"), str(tmp_path / "mnt"), str(tmp_path / "gone")])
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("error: nothing to read (") and f"{tmp_path / 'latest'}: broken symbolic link; " in line
    assert f"{tmp_path / 'gone'}: no such file or folder)" in line and result.stdout == ""


@pytest.mark.parametrize("command", ["score", "flag", "trust"])
def test_an_unreadable_input_among_others_is_skipped_not_a_usage_error(command: str, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """click's own `readable` check made one unreadable file among the inputs a usage error (exit 2,
    nothing scored), and a file inside a folder the user may not enter a PermissionError traceback."""
    folder = _article_dir(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("A story the user may not read.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text("A story in a folder the user may not enter.", encoding="utf-8")
    lock_folder(monkeypatch, locked, unreadable=(secret,))
    result = runner.invoke(app, [command, str(folder), str(secret), str(locked / "c.txt"), "--format", "json"])
    assert result.exit_code == 3, result.output
    errors = {e["path"]: e["reason"] for e in json.loads(result.stdout)["errors"]}
    assert errors == {str(secret): "cannot read: permission denied",
                      str(locked / "c.txt"): "cannot read: permission denied"}


@pytest.mark.parametrize("command", ["score", "explain", "train"])
def test_an_unreadable_input_alone_is_one_line_and_exit_1(command: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("A story.", encoding="utf-8")
    lock_folder(monkeypatch, locked)
    extra = ["-o", str(tmp_path / "model.json")] if command == "train" else []
    for given in (locked / "a.txt", locked):
        result = runner.invoke(app, [command, str(given), *extra])
        assert result.exit_code == 1, result.output
        assert result.stderr.strip() == f"error: {given}: cannot read: permission denied"


def test_an_output_in_a_folder_the_user_may_not_enter_is_one_line(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """It was a PermissionError traceback (Path.is_dir on the output's path raises it)."""
    folder = _article_dir(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    lock_folder(monkeypatch, locked)
    result = runner.invoke(app, ["trust", str(folder), "-f", "json", "-o", str(locked / "out.json")])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == f"error: cannot write {locked / 'out.json'}: no permission to write in {locked}"


def test_an_empty_folder_beside_articles_is_no_failure(tmp_path: Path) -> None:
    folder = _article_dir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["score", str(folder), str(tmp_path / "empty"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


def test_one_missing_path_among_others_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = _article_dir(tmp_path)
    result = runner.invoke(app, ["score", str(folder), str(tmp_path / "gone.txt"), "--format", "json"])
    assert result.exit_code == 3
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


def test_standard_input_is_read_for_a_dash(seeds_dir: Path) -> None:
    """`curl ... | jq -c ... | analyzer score -`: JSON Lines, a JSON array or a text on stdin."""
    lines = "".join(json.dumps({"id": f"r{k}", "source": "Wire", "text": text}) + "\n" for k, text in enumerate(
        ("The minister said on Monday that the talks would resume next week.",
         "Police said two people were hurt when the bus left the road near the town.")))
    result = runner.invoke(app, ["score", "-", "--format", "json"], input=lines)
    assert result.exit_code == 0, result.output
    articles = json.loads(result.stdout)["articles"]
    assert [(a["id"], a["path"], a["source"]) for a in articles] == [("r0", "-", "Wire"), ("r1", "-", "Wire")]
    # flag and trust read the input twice (a pre-pass, then the scoring): stdin is read once.
    result = runner.invoke(app, ["trust", "-", "--format", "json"], input=lines)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sources"][0]["articles"] == 2
    seed = (seeds_dir / "004_5cf1ccbb3be23d88.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["score", "-", "--format", "json"], input=seed)
    [article] = json.loads(result.stdout)["articles"]
    assert article["id"] == "stdin" and article["source"] == "AFP" and article["label"] == "clean"
    # Empty standard input alone is nothing to read, as an empty folder is: exit 1, not 3 ("done").
    for command in (["score", "-", "--format", "json"], ["flag", "-"], ["trust", "-"], ["explain", "-"]):
        result = runner.invoke(app, command, input="")
        assert result.exit_code == 1 and "empty standard input" in result.stderr, (command, result.output)
    # Beside a file that is read, it is one skipped input.
    result = runner.invoke(app, ["score", "-", str(seeds_dir / "004_5cf1ccbb3be23d88.txt"), "--format", "csv"],
                           input="")
    assert result.exit_code == 3 and "empty standard input" in result.stderr


def test_standard_input_is_read_with_no_writable_temporary_folder(seeds_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is spooled to a temporary file; with /tmp read-only or full it is held in
    memory up to --max-bytes, as before spooling, instead of refused (a helper's review, C7)."""
    import tempfile

    from analyzer.io import readers

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "TemporaryFile", read_only)
    readers._close_stdin_spool()
    seed = (seeds_dir / "004_5cf1ccbb3be23d88.txt").read_text(encoding="utf-8")
    lines = "".join(json.dumps({"id": f"a{i}", "text": seed}) + "\n" for i in range(2))
    result = runner.invoke(app, ["score", "-", "--format", "json"], input=lines)
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a0", "a1"]
    result = runner.invoke(app, ["score", "-", "--format", "json", "--max-bytes", "100"], input=lines)
    assert result.exit_code == 3 and "Read-only file system" in result.stderr, result.output


def test_a_text_on_stdin_opening_with_a_bracket_is_read_as_a_text() -> None:
    """Scraped text often opens "[Updated 10:42 GMT]" or "{Exclusive}": it was refused as malformed JSON."""
    body = "The minister said on Monday that the talks would resume next week, officials told reporters."
    for opening in ("[Updated 10:42 GMT] ", "{Exclusive} ", "[Video]\n"):
        result = runner.invoke(app, ["score", "-", "--format", "json"], input=opening + body)
        assert result.exit_code == 0, (opening, result.output)
        [article] = json.loads(result.stdout)["articles"]
        assert article["id"] == "stdin" and article["words"] > 10
    # A cut JSON export is still reported as such, not scored as a text.
    for cut in ('[{"id": "a", "text": "The minister', '{"id": "a", "text": "The minister'):
        result = runner.invoke(app, ["score", "-", "--format", "json"], input=cut)
        assert result.exit_code == 3 and "malformed JSON" in result.stderr, (cut, result.output)


def test_json_lines_on_stdin_are_not_bounded_as_a_whole_by_max_bytes() -> None:
    """`curl ... | jq -c ... | analyzer score -` of a dump over --max-bytes: read a line at a time."""
    lines = "".join(json.dumps({"id": f"r{k}", "text": "The minister said on Monday that the talks would resume "
                                                        "next week, officials told reporters."}) + "\n"
                    for k in range(12))
    result = runner.invoke(app, ["score", "-", "--format", "csv", "--max-bytes", "500"], input=lines)
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))] == [f"r{k}" for k in range(12)]


@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl"])
def test_stdin_with_a_scheduler_is_refused_before_any_output(fmt: str) -> None:
    """The refusal came once the output had begun: '{"articles": [' with no close, or a CSV header."""
    line = json.dumps({"id": "r0", "text": "The minister said on Monday that the talks would resume."}) + "\n"
    result = runner.invoke(app, ["score", "-", "--scheduler", "local:1", "--format", fmt, "--quiet"], input=line)
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: standard input ('-') cannot be read on a Dask cluster; give files"
    assert result.stdout == ""


def test_every_output_kept_in_the_input_folder_is_passed_over_and_may_be_replaced(tmp_path: Path) -> None:
    """A day with no flags writes an empty flags.jsonl; the HTML report and tables written to files
    are outputs too: none is read back, and the same commands run again the next day."""
    folder = _article_dir(tmp_path)
    runs = (["flag", "--format", "jsonl", "--output", "flags.jsonl"], ["report", "--output", "report.html"],
            ["trust", "--format", "table", "--output", "trust.txt"],
            ["score", "--format", "table", "--output", "score.txt"])
    for _day in range(2):
        for command, *options in runs:
            options[-1] = str(folder / options[-1])
            result = runner.invoke(app, [command, str(folder), *options, "--quiet"])
            assert result.exit_code == 0, (command, result.output)
    assert (folder / "flags.jsonl").read_text(encoding="utf-8") == ""
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


def test_outputs_kept_in_the_input_folder_are_passed_over_when_the_shell_names_every_entry(tmp_path: Path) -> None:
    """`analyzer score scrape/* -o scrape/scores.jsonl` (the shell names each entry): the next day the
    same command was refused, "is also an input", exit 1, report read scores.jsonl ("missing 'text'
    field" a line, exit 3) and trust read the report as an article of source unknown (bug hunt 33, O6),
    where a run over `scrape` passes over them. Named alone, such a file is read, as before."""
    folder = _article_dir(tmp_path)
    (folder / "b.txt").write_text("Officials said on Tuesday that the bridge would reopen.", encoding="utf-8")
    runs = (["score", "--output", "scores.jsonl"], ["report", "--output", "report.html"],
            ["trust", "--output", "trust.csv"], ["flag", "--format", "jsonl", "--output", "flags.jsonl"])
    for _day in range(2):
        for command, *options in runs:
            options[-1] = str(folder / options[-1])
            entries = sorted(str(p) for p in folder.iterdir())  # as the shell expands scrape/*
            result = runner.invoke(app, [command, *entries, *options, "--quiet"])
            assert result.exit_code == 0, (command, result.output)
    result = runner.invoke(app, ["trust", *sorted(str(p) for p in folder.iterdir()), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [s["articles"] for s in json.loads(result.stdout)["sources"]] == [2]
    alone = runner.invoke(app, ["score", str(folder / "scores.jsonl"), "--format", "json"])
    assert alone.exit_code == 3 and "missing 'text' field" in alone.output
    refused = runner.invoke(app, ["score", str(folder / "scores.jsonl"), "--output", str(folder / "scores.jsonl")])
    assert refused.exit_code == 1 and "is also an input" in refused.output


@pytest.mark.parametrize("command", ["score", "flag", "trust"])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
def test_each_commands_output_in_each_format_kept_in_the_input_folder_is_passed_over(
        command: str, fmt: str, tmp_path: Path) -> None:
    """`flag scrape/ -o scrape/flags.csv`: since flag's CSV gained its `direction` column, its header
    was no longer told as ours: the next run over the folder reported it, "table has no 'text'
    column", exit 3, and the next day's flag onto it was refused, "is also an input", exit 1 (bug
    hunt 31, O4). `-o scores.tsv` is CSV separated by tabs (it had been a JSON document)."""
    folder = _article_dir(tmp_path)
    out = folder / f"{command}.{fmt}"
    for _day in range(2):
        result = runner.invoke(app, [command, str(folder), "--output", str(out), "--quiet"])
        assert result.exit_code == 0, (command, fmt, result.output)
    if fmt == "tsv":
        header = out.read_text(encoding="utf-8-sig").splitlines()[0].split("\t")
        assert header[:2] == {"score": ["id", "path"], "flag": ["id", "label"], "trust": ["rank", "source"]}[command]
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
def test_an_output_kept_gzipped_in_the_input_folder_is_passed_over(fmt: str, tmp_path: Path) -> None:
    # Yesterday's outputs compressed beside the articles (`gzip scrape/scores.jsonl`) were read as
    # articles: every line of scores.jsonl.gz "missing 'text' field", exit 3 on every run (bug hunt 32).
    import gzip

    folder = _article_dir(tmp_path)
    for command in ("score", "flag", "trust"):
        out = tmp_path / f"{command}.{fmt}"
        assert runner.invoke(app, [command, str(folder), "--output", str(out), "--quiet"]).exit_code == 0
        (folder / f"{command}.{fmt}.gz").write_bytes(gzip.compress(out.read_bytes()))
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


def test_a_trust_model_kept_in_the_input_folder_is_passed_over(tmp_path: Path) -> None:
    """`train labels.csv -o scrape/model.json`, then `trust scrape/ --model scrape/model.json`: the
    model was reported on every run, "JSON file is neither an article ...", exit 3 (bug hunt 31)."""
    from analyzer.trust.model import load_model

    folder = _article_dir(tmp_path)
    model = folder / "model.json"
    load_model(Path(__file__).parent.parent / "models" / "trust.json").save(model)
    for command in ("score", "trust", "report"):
        out = ["--output", str(tmp_path / "r.html")] if command == "report" else ["--format", "json"]
        result = runner.invoke(app, [command, str(folder), "--model", str(model), *out, "--quiet"])
        assert result.exit_code == 0, (command, result.output)


@pytest.mark.parametrize("name", ["report.htm", "report.shtml"])
def test_a_report_named_htm_in_the_input_folder_is_passed_over(name: str, tmp_path: Path) -> None:
    """`report scrape/ -o scrape/report.htm`: the report was read back as an article of 1,311 words
    (source unknown, counted by trust), and the next day's run onto it refused, "is also an input",
    exit 1 (bug hunt 30, O3); report.html was passed over. A page read by its opening under another
    type (.shtml) is told so too."""
    folder = _article_dir(tmp_path)
    for _day in range(2):
        result = runner.invoke(app, ["report", str(folder), "--output", str(folder / name), "--quiet"])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a"]


@pytest.mark.parametrize("command", ["score", "flag", "trust", "report", "explain"])
def test_a_shell_redirection_into_the_input_folder_is_not_read(command: str, tmp_path: Path) -> None:
    """`analyzer trust scrape/ -f table > scrape/trust.txt 2> scrape/errors.log`: the shell makes both
    files before the run; they were read as an empty article and an unsupported file, exit 3 each day
    (and a JSONL streamed into the folder had its own first lines read back as articles)."""
    folder = _article_dir(tmp_path)
    stdout, stderr = folder / "out.txt", folder / "errors.log"
    saved = [os.dup(1), os.dup(2)]
    try:
        for fd, path in ((1, stdout), (2, stderr)):
            with path.open("wb") as handle:
                os.dup2(handle.fileno(), fd)
        result = runner.invoke(app, [command, str(folder), *(["--quiet"] if command != "explain" else [])])
    finally:
        for fd, copy in zip((1, 2), saved, strict=True):
            os.dup2(copy, fd)
            os.close(copy)
    assert result.exit_code == 0, result.output
    assert "out.txt" not in result.output and "errors.log" not in result.output


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="a pipe's other end is known from /proc only")
@pytest.mark.parametrize("command", ["score", "trust"])
def test_a_tee_into_the_input_folder_is_not_read(command: str, tmp_path: Path) -> None:
    """`analyzer score scrape/ | tee scrape/scores.csv`: tee creates the empty file before the walk
    reaches it, which was reported as an "empty file", exit 3, every day (bug hunt 32); the shell's
    `>` was already passed over. An empty file no process of the command line writes stays an input."""
    import subprocess
    import time

    folder = _article_dir(tmp_path)
    teed = folder / "scores.csv"
    tee = subprocess.Popen(["tee", str(teed)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        for _ in range(500):
            if teed.exists():
                break
            time.sleep(0.01)
        result = runner.invoke(app, [command, str(folder), "--quiet"])
    finally:
        assert tee.stdin is not None
        tee.stdin.close()
        tee.wait()
    assert result.exit_code == 0, result.output
    assert "scores.csv" not in result.output
    result = runner.invoke(app, [command, str(folder), "--quiet"])  # tee gone: an empty input file
    assert result.exit_code == 3 and "scores.csv: empty file" in result.output, result.output


def test_a_runs_standard_error_saved_in_the_input_folder_is_not_read_by_the_next_command(tmp_path: Path) -> None:
    """README's `analyzer score scrape/ > scrape/scores.jsonl 2> scrape/errors.log`: the run passes over
    both, but the next command over the folder (`analyzer trust scrape/`) reported errors.log as an
    unsupported file type (or an errors.txt as an article), exit 3 every day (bug hunt 29). A log
    of a clean day is empty; one of a day with a skipped file holds its line in each format."""
    folder = _article_dir(tmp_path)
    (folder / "bad.txt").write_bytes(b"\x00\x01binary")
    logs = {}
    for fmt in ("json", "jsonl", "table"):
        result = runner.invoke(app, ["score", str(folder), "--format", fmt, "--quiet"])
        assert result.exit_code == 3 and result.stderr.strip(), result.output
        logs[fmt] = result.stderr
    (folder / "bad.txt").unlink()
    (folder / "errors.log").write_text("", encoding="utf-8")
    (folder / "json.log").write_text(logs["json"], encoding="utf-8")
    (folder / "jsonl.err").write_text(logs["jsonl"], encoding="utf-8")
    (folder / "table.txt").write_text(logs["table"], encoding="utf-8")
    for command in ("score", "trust", "flag"):
        result = runner.invoke(app, [command, str(folder), "--format", "json", "--quiet"])
        assert result.exit_code == 0, (command, result.output)
    # Another program's log, and a text that opens as a log line, are still reported or read.
    (folder / "scrapy.log").write_text("2026-11-24 INFO Spider opened\n", encoding="utf-8")
    (folder / "note.txt").write_text("warning: the talks would resume on Monday, the minister said.\n"
                                     "Officials declined to comment.\n", encoding="utf-8")
    # Review 29 A1: a one-line article whose every line reads as a log line is still an article.
    (folder / "diary.txt").write_text("skipped breakfast: the minister went straight to the talks, aides said.\n",
                                      encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--format", "json", "--quiet"])
    assert result.exit_code == 3, result.output
    assert [e["path"] for e in json.loads(result.stdout)["errors"]] == [str(folder / "scrapy.log")]
    assert sorted(a["id"] for a in json.loads(result.stdout)["articles"]) == ["a", "diary", "note"]


def test_our_output_rewritten_by_another_tool_is_recognised(tmp_path: Path) -> None:
    """`jq -c 'select(.label == "clean")' scores.jsonl > clean.jsonl`, pandas' to_json, a pretty-printed
    copy: the same records in another layout were read back as articles (every line reported: no
    'text'; a feed's or a page's scored twice)."""
    folder = _article_dir(tmp_path)
    (folder / "b.txt").write_text("Police said two people were hurt when the bus left the road.", encoding="utf-8")
    outputs = {}
    for command, fmt in (("score", "jsonl"), ("score", "json"), ("flag", "jsonl"), ("flag", "json"),
                         ("trust", "jsonl"), ("trust", "json")):
        result = runner.invoke(app, [command, str(folder), "--format", fmt])
        assert result.exit_code == 0, result.output
        outputs[command, fmt] = result.stdout
    flag_line = {"id": "b", "label": "spun", "original": "a", "similarity": 0.91, "evidence": [], "path": None}
    compact = {"separators": (",", ":"), "sort_keys": True}
    rewrites = {
        "clean.jsonl": "".join(json.dumps(json.loads(line), **compact) + "\n"
                               for line in outputs["score", "jsonl"].splitlines()),
        "flags.jsonl": json.dumps(flag_line, **compact) + "\n",
        # `jq -c '{id, source, scores, evidence}'`: the label dropped (bug hunt 29).
        "slim.jsonl": "".join(json.dumps({k: json.loads(line)[k] for k in ("id", "source", "scores", "evidence")})
                              + "\n" for line in outputs["score", "jsonl"].splitlines()),
        "sources.jsonl": "".join(json.dumps(json.loads(line), **compact) + "\n"
                                 for line in outputs["trust", "jsonl"].splitlines()),
        "scores.json": json.dumps(json.loads(outputs["score", "json"]), indent=4, sort_keys=True),
        "stories.json": json.dumps(json.loads(outputs["flag", "json"]), separators=(",", ":")),
        "ranking.json": json.dumps(json.loads(outputs["trust", "json"]), indent=2, sort_keys=True),
    }
    # A user's corpus in the same layout is still read: it has none of the fields only ours carry together.
    text = "The minister said on Monday that the talks would resume next week."
    rewrites["pairs.jsonl"] = json.dumps({"id": "p1", "label": "spun", "original": "o1", "text": text}, **compact)
    rewrites["ranked.json"] = json.dumps({"sources": [{"rank": 1, "source": "Reuters", "text": text}], "errors": []})
    for name, data in rewrites.items():
        (folder / name).write_text(data, encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert result.exit_code == 3, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a", "b", "p1"]
    [error] = json.loads(result.stdout)["errors"]  # not an article, but reported rather than passed over
    assert error["path"] == str(folder / "ranked.json")
    (folder / "ranked.json").unlink()
    # So they may be replaced by a run's output, as the original may.
    result = runner.invoke(app, ["score", str(folder), "--format", "jsonl", "--output", str(folder / "clean.jsonl")])
    assert result.exit_code == 0, result.output


def test_a_users_corpus_shaped_like_our_output_is_still_read(tmp_path: Path) -> None:
    text = "The minister said on Monday that the talks would resume next week."
    (tmp_path / "pairs.jsonl").write_text(json.dumps({"id": "p1", "label": "spun", "original": "o1", "text": text})
                                          + "\n", encoding="utf-8")
    (tmp_path / "ranked.jsonl").write_text(json.dumps({"rank": 1, "source": "Reuters", "text": text}) + "\n",
                                           encoding="utf-8")
    (tmp_path / "table.csv").write_text(f"id,path,source,language,words,translation,text\nt1,,Wire,en,12,0.1,{text}\n",
                                        encoding="utf-8")
    result = runner.invoke(app, ["score", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert sorted(a["id"] for a in json.loads(result.stdout)["articles"]) == ["p1", "ranked:1", "t1"]


def test_our_records_joined_with_their_texts_are_read_not_replaced(tmp_path: Path) -> None:
    """A labelled training set made from our output ({id, label, scores, evidence} and the text) is
    a user's corpus: it was passed over as our output (exit 0, nothing scored) and a run with
    --output naming it replaced it."""
    folder = tmp_path / "train"
    folder.mkdir()
    text = "The minister said on Monday that the talks would resume next week, officials told reporters."
    record = {"id": "a1", "label": "spun", "scores": {"trust": 0.2}, "evidence": [], "text": text}
    corpus = folder / "train.jsonl"
    corpus.write_text(json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    (folder / "train.json").write_text(json.dumps({"articles": [dict(record, id="a2")], "errors": []}),
                                       encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--format", "json"])
    assert result.exit_code == 3, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a1"]
    # A document of such records is not read as articles, but it is reported rather than passed over.
    assert [e["path"] for e in json.loads(result.stdout)["errors"]] == [str(folder / "train.json")]
    before = corpus.read_bytes()
    result = runner.invoke(app, ["score", str(folder), "--format", "jsonl", "--output", str(corpus)])
    assert result.exit_code == 1, result.output
    assert corpus.read_bytes() == before


def test_our_exact_layout_with_the_text_added_is_read_not_replaced(tmp_path: Path) -> None:
    """A score line of ours with 'text' appended (json.dumps(dict(record, text=...)), our separators and
    key order) matched our writer's layout and was passed over, and replaceable as output."""
    folder = tmp_path / "train"
    folder.mkdir()
    text = "The minister said on Monday that the talks would resume next week, officials told reporters."
    (folder / "a.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    record = dict(json.loads(result.stdout.splitlines()[0]), id="a1", text=text)
    corpus = folder / "train.jsonl"
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "a.txt").unlink()
    result = runner.invoke(app, ["score", str(folder), "--format", "jsonl"])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a1"], result.output
    before = corpus.read_bytes()
    result = runner.invoke(app, ["score", str(folder), "--format", "jsonl", "--output", str(corpus)])
    assert result.exit_code == 1, result.output
    assert corpus.read_bytes() == before


FEED_ITEMS = (
    "Officials said on Monday that the bridge would reopen next week, according to the city council.",
    "The company reported a rise in profit, and analysts said the figures may suggest a recovery.",
    "Critics claimed the plan was a disaster, while the minister said talks would resume in May.",
    "Police said two men had been arrested after the raid, a spokesman told Reuters on Friday.",
)


def _feed(path: Path, items: tuple[str, ...]) -> None:
    body = "".join(f"<item><title>Item {n}</title><description>{text}</description></item>"
                   for n, text in enumerate(items))
    path.write_text(f"<rss version='2.0'><channel><title>Wire feed</title>{body}</channel></rss>", encoding="utf-8")


def test_trust_counts_an_item_of_two_feed_snapshots_once(tmp_path: Path) -> None:
    """The same feed saved hourly holds the last hour's items again: counted each time, 10 items
    saved twice were 20 articles and a narrower interval than one snapshot's (bug hunt 23, H23c-11)."""
    polled, once = tmp_path / "polled", tmp_path / "once"
    polled.mkdir()
    once.mkdir()
    _feed(polled / "feed-10h.rss", FEED_ITEMS[:3])
    _feed(polled / "feed-11h.rss", FEED_ITEMS[1:])  # two items again, one new
    _feed(once / "feed.rss", FEED_ITEMS)

    def rows(folder: Path) -> list[dict]:
        result = runner.invoke(app, ["trust", str(folder), "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["sources"]

    [row] = rows(polled)
    [single] = rows(once)
    assert row["articles"] == single["articles"] == 4
    assert "2 repeats left out (same text)" in row["why"] and (row["repeats"], single["repeats"]) == (2, 0)
    assert ({k: v for k, v in row.items() if k not in ("why", "repeats")}
            == {k: v for k, v in single.items() if k not in ("why", "repeats")})
    # score still scores every item of both snapshots.
    scored = json.loads(runner.invoke(app, ["score", str(polled), "--format", "json"]).stdout)["articles"]
    assert len(scored) == 6


def test_a_quoted_glob_pattern_is_expanded_without_a_scheduler_too(seeds_dir: Path) -> None:
    # The README's form, `analyzer score 'dumps/*.jsonl'`, and what a Windows shell passes on: only
    # --scheduler had expanded it, so a local run read the pattern as one missing file, exit 3.
    result = runner.invoke(app, ["score", str(seeds_dir / "00[03]_*.txt"), "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output
    assert sorted(a["id"][:3] for a in json.loads(result.stdout)["articles"]) == ["000", "003"]
    result = runner.invoke(app, ["trust", str(seeds_dir / "*.txt"), "--format", "json", "--quiet"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)["sources"]) == 5
    result = runner.invoke(app, ["score", str(seeds_dir / "none*.txt"), "--format", "json"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {seeds_dir / 'none*.txt'}: no file matches this pattern"


def test_explain_reads_a_quoted_glob_pattern_as_the_other_commands_do(seeds_dir: Path) -> None:
    # 93e086c expanded patterns for score, flag, trust and report; explain refused a matching one
    # with "no file matches this pattern".
    result = runner.invoke(app, ["explain", str(seeds_dir / "00[0]_*.txt")], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "000_a6a572ebb9df023c" in result.stdout and "no file matches" not in result.output


def test_train_given_a_pattern_that_matches_is_not_told_it_matches_nothing(tmp_path: Path) -> None:
    (tmp_path / "labels.jsonl").write_text('{"text": "x", "label": 1}\n', encoding="utf-8")
    result = runner.invoke(app, ["train", str(tmp_path / "label*.jsonl"), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 1
    assert "a pattern is not read here: give the file's name" in result.stderr


def test_version_is_the_package_version() -> None:
    """A bug report or a --resume refusal needs the version a user runs."""
    import tomllib

    from tests.helpers import ROOT

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert result.stdout == f"analyzer {declared}\n"


def test_a_damaged_shipped_model_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # A shipped model file damaged after install is read where a signal first needs it; the command
    # says so on one line and exits 1 (review 28, L3: typer printed a ~150-line traceback).
    import sys

    from analyzer import cli, pipeline
    from analyzer.signals import translation

    damaged = tmp_path / "translation.json"
    damaged.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(translation, "model_path", lambda name: damaged)
    translation.default_model.cache_clear()
    # A fresh process loads the models in its unguarded warm-up, as `analyzer` on the command line does.
    monkeypatch.setattr(pipeline, "_warmed_up", False)
    article = tmp_path / "a.txt"
    article.write_text("The minister said on Monday that the talks would resume next week.\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["analyzer", "score", str(article), "-f", "json", "--quiet"])
    try:
        with pytest.raises(SystemExit) as exited:
            cli.main()
    finally:
        translation.default_model.cache_clear()
    assert exited.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(damaged) in err[0] and "not valid JSON" in err[0], err


@pytest.mark.parametrize("spelled", ["JSON", "Json", "CSV"])
def test_the_format_is_read_case_aside(tmp_path: Path, spelled: str) -> None:
    # `-f JSON` was refused, exit 2 (bug hunt 29); an unknown format still is.
    folder = _article_dir(tmp_path)
    result = runner.invoke(app, ["score", str(folder), "-f", spelled, "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('{"articles"') if spelled != "CSV" else result.stdout.startswith("id,path,")
    assert runner.invoke(app, ["score", str(folder), "-f", "XML"]).exit_code == 2


@pytest.mark.parametrize("command", ["report", "explain", "score"])
def test_skipped_inputs_sent_to_a_file_are_whole_lines(command: str, tmp_path: Path) -> None:
    """`analyzer report scrape/ --output r.html 2> errors.log`: the skipped inputs came as a rich table
    wrapped at 80 columns, a long path cut in two ("undecodable.t" / "xt"), so a grep for the file
    found nothing; `trust` wrote one plain line each. Off a terminal every command writes the lines."""
    folder = _article_dir(tmp_path)
    bad = folder / ("a-rather-long-file-name-from-a-scraper-" * 2 + "undecodable.txt")
    bad.write_bytes(b"\x00\x01binary")
    options = {"report": ["--output", str(tmp_path / "r.html"), "--quiet"], "explain": [],
               "score": ["--format", "table", "--quiet"]}
    result = runner.invoke(app, [command, str(folder), *options[command]])
    assert result.exit_code == 3, result.output
    assert f"skipped {bad}: binary file (contains NUL bytes)" in result.stderr.splitlines()


def test_flag_trust_and_report_show_the_scoring_then_say_they_compare(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `flag`, `trust` and `report` showed no progress at all: 20,000 articles were minutes of a still
    # terminal, scoring then grouping (h32f); and one big JSONL dump, one input, got no bar in `score`.
    from rich.console import Console

    from analyzer import api, cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr(cli.sys, "stderr", err)
    monkeypatch.setattr(cli, "_stderr", lambda: Console(file=err, force_terminal=True, width=120))
    monkeypatch.setattr(cli, "PROGRESS_MIN_BYTES", 200)  # one file over it: no need to write 1 MB
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": f"a{k}", "text": f"The council met on day {k} and said the road "
                                        "would open in spring, officials told reporters."}) + "\n"
                            for k in range(3)), encoding="utf-8")
    assert cli._count_inputs([dump])
    result = api.flag_paths([dump], progress=cli._progress_of([dump], quiet=False))
    assert len(result.articles) == 3
    assert f"scored 3 articles; {cli.COMPARING}" in err.getvalue()
    err.seek(0)
    err.truncate()
    api.trust_paths([dump], progress=cli._progress_of([dump], quiet=True))
    assert err.getvalue() == ""
    small = tmp_path / "one.txt"
    small.write_text("A short note.", encoding="utf-8")
    assert not cli._count_inputs([small])


@pytest.mark.parametrize("command", ["trust", "score", "flag"])
@pytest.mark.parametrize("name", ["t.html", "T.HTM"])
def test_an_output_named_as_a_web_page_is_refused_before_any_scoring(tmp_path: Path, command: str,
                                                                    name: str) -> None:
    # `trust seeds/ -o t.html` wrote a JSON document into t.html with no word that `report` writes the page
    # (bug hunt 33). Refused before the inputs are read (a missing one would say "no such file", exit 1).
    result = runner.invoke(app, [command, str(tmp_path / "missing"), "-o", str(tmp_path / name)])
    assert result.exit_code == 2, result.output
    assert "analyzer report" in " ".join(result.output.split()) and not (tmp_path / name).exists()


def test_an_output_named_as_a_web_page_is_written_with_a_format_given(tmp_path: Path, seeds_dir: Path) -> None:
    result = runner.invoke(app, ["trust", str(seeds_dir), "-f", "json", "-o", str(tmp_path / "t.html")])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "t.html").read_text(encoding="utf-8"))["sources"]
