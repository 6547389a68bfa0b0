"""Nothing lost: interrupted runs leave the old or the complete new output; --resume finishes a JSONL run."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from analyzer import pipeline
from analyzer.cli import app
from analyzer.io import writers
from analyzer.resume import Done, article_key, code_fingerprint, partial_path, recover, settings_path
from tests.helpers import count_scored

N_ARTICLES = 40
# Run in a subprocess: the real `analyzer` entry point (signal handlers installed by main()),
# with the hedging signal slowed so that a signal surely lands mid-run.
SLOW_CLI = """
import sys, time
from analyzer.signals import REGISTRY
original = REGISTRY["hedging"]
def slow(article, context):
    time.sleep(0.05)
    return original(article, context)
REGISTRY["hedging"] = slow
from analyzer.cli import main
sys.argv = ["analyzer", *sys.argv[1:]]
main()
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A JSONL of N_ARTICLES built from the seed texts, with one id used twice (same file)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    folder = tmp_path_factory.mktemp("corpus")
    rows = [{"id": f"a{i:02d}", "source": "wire", "text": f"Story {i}.\n{texts[i % len(texts)][:1500]}"}
            for i in range(N_ARTICLES)]
    rows[7]["id"] = "a03"  # a duplicate id: resume must neither skip nor repeat it
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("ref") / "out.jsonl"
    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "jsonl", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _keys(data: bytes) -> list[int]:
    return [article_key(r["id"], r["path"]) for r in map(json.loads, data.splitlines())]


def test_recover_truncates_a_half_written_line(tmp_path: Path) -> None:
    partial = tmp_path / ".out.jsonl.partial"
    good = [json.dumps({"id": "a", "path": "x"}), json.dumps({"id": "a", "path": "x"}), json.dumps({"id": "b"})]
    partial.write_bytes(("\n".join(good) + "\n" + '{"id": "c", "pa').encode())
    done, kept = recover(partial)
    assert kept == 3
    assert done.take("a", "x") and done.take("a", "x") and not done.take("a", "x")
    assert done.take("b", None) and not done.take("b", None)
    assert partial.read_bytes().endswith(b'{"id": "b"}\n')


def test_recover_stops_at_a_corrupt_line(tmp_path: Path) -> None:
    partial = tmp_path / ".out.jsonl.partial"
    partial.write_bytes(b'{"id": "a"}\nGARBAGE\n{"id": "b"}\n')
    done, kept = recover(partial)
    assert kept == 1 and partial.read_bytes() == b'{"id": "a"}\n'


def test_resume_after_a_crash_mid_line_rescores_exactly_the_missing(
    corpus: Path, reference: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    lines = reference.splitlines(keepends=True)
    # What a crash leaves: 12 complete lines and half of the 13th.
    partial_path(out).write_bytes(b"".join(lines[:12]) + lines[12][: len(lines[12]) // 2])
    scored = count_scored(monkeypatch)
    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "jsonl", "--output", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == reference  # byte-identical to a run never interrupted
    assert not partial_path(out).exists()
    expected = [json.loads(line)["id"] for line in lines[12:]]
    assert [i for i in scored if i != "warm-up"] == expected  # each missing article once, nothing else


def test_resume_of_a_finished_run_scores_nothing(corpus: Path, reference: bytes, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(reference)
    monkeypatch.setattr(pipeline, "_begin", lambda *a, **k: pytest.fail("scored again"))
    monkeypatch.setattr(pipeline, "_finish", lambda *a, **k: pytest.fail("scored again"))
    monkeypatch.setattr(pipeline, "_warmed_up", True)
    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "jsonl", "--output", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == reference


def test_resume_matches_the_input_by_its_resolved_path(corpus: Path, reference: bytes, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The run was started on an absolute path; resumed from the corpus's parent on its relative name
    (a cron job's absolute paths, resumed by hand), nothing is scored again nor written twice."""
    out = tmp_path / "out.jsonl"
    out.write_bytes(reference)
    scored = count_scored(monkeypatch)
    monkeypatch.chdir(corpus.parent)
    result = CliRunner().invoke(app, ["score", corpus.name, "--format", "jsonl", "--output", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert [i for i in scored if i != "warm-up"] == []
    assert out.read_bytes() == reference


def test_a_recorded_relative_path_matches_an_input_ending_with_it(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where "data/news.jsonl" does not resolve
    done = Done()
    done.add("a03", "data/news.jsonl")
    assert not done.take("a03", "/srv/other/news.jsonl")
    assert not done.take("a04", "/srv/data/news.jsonl")
    assert done.take("a03", "/srv/data/news.jsonl")
    assert not done.take("a03", "/srv/data/news.jsonl")  # once per recorded line


def test_resume_warns_when_nothing_written_matches_the_inputs(corpus: Path, reference: bytes,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(reference.replace(b'"id": "a', b'"id": "z'))
    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "jsonl", "--output", str(out), "--resume"])
    assert result.exit_code == 0
    # The old lines are kept, not replaced: "so all were scored again" read as the latter.
    assert f"none of the 40 articles already in {out} matched an input: kept the 40 lines already in {out} and " \
           "appended 40;" in result.stderr
    assert len(out.read_bytes().splitlines()) == 80


def test_lines_written_on_resuming_spell_the_path_as_the_kept_lines(corpus: Path, reference: bytes, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Started on an absolute path, resumed on a relative one: the result mixed both spellings, a
    consumer grouping by path saw two folders, and it was byte-identical to neither run."""
    out = tmp_path / "out.jsonl"
    partial_path(out).write_bytes(b"".join(reference.splitlines(keepends=True)[:2]))
    monkeypatch.chdir(corpus.parent)
    result = CliRunner().invoke(app, ["score", corpus.name, "--format", "jsonl", "--output", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == reference


def test_a_failed_write_is_one_line_not_a_traceback(corpus: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers, "write_articles", full)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "jsonl", "--output", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: writing {out} failed: No space left on device"
    assert "--resume" in result.stderr and "Traceback" not in result.output
    assert not isinstance(result.exception, OSError)


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
@pytest.mark.parametrize("resume", [False, True])
def test_a_second_run_to_the_same_file_is_refused_while_the_first_writes(corpus: Path, reference: bytes,
                                                                        tmp_path: Path, resume: bool) -> None:
    import fcntl

    out = tmp_path / "out.jsonl"
    partial = partial_path(out)
    written = reference.splitlines(keepends=True)[0]
    partial.write_bytes(written)  # the first run, one line in
    with partial.open("rb") as first:
        fcntl.flock(first.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        args = ["score", str(corpus), "--format", "jsonl", "--output", str(out), *(["--resume"] if resume else [])]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines() == [
            f"error: {out} is being written by another run (its partial file {partial} is locked); wait for it "
            "to finish, or write to another file"]
        assert partial.read_bytes() == written and not out.exists()
    # The first run gone (its lock with it), the same command runs.
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == reference and not partial.exists()


def test_resume_needs_jsonl_and_an_output_file(corpus: Path) -> None:
    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "json", "--resume"])
    assert result.exit_code == 2 and "--resume" in result.output


def _start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SLOW_CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.05)
    pytest.fail(f"{path} never reached {n} lines")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_jsonl_run_keeps_old_output_then_resumes(
    corpus: Path, reference: bytes, tmp_path: Path, signum: int
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"previous run\n")
    proc = _start(["score", str(corpus), "--format", "jsonl", "--output", str(out), "--quiet"])
    _wait_for_lines(partial_path(out), 5, proc)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, stderr
    assert b"Traceback" not in stderr and b"--resume" in stderr
    assert out.read_bytes() == b"previous run\n"  # untouched
    done = partial_path(out).read_bytes().count(b"\n")
    assert 5 <= done < N_ARTICLES

    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "jsonl", "--output", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data == reference
    assert sorted(_keys(data)) == sorted(_keys(reference))  # none twice, none skipped


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_json_run_leaves_previous_file_and_no_temp(corpus: Path, tmp_path: Path, signum: int) -> None:
    out = tmp_path / "out.json"
    out.write_text('{"articles": [], "errors": []}\n', encoding="utf-8")
    before = out.read_bytes()
    # --no-compare: json written as it is scored (comparing the copies, the default, writes it all
    # at the end), so that the signal comes with a half-written temporary file.
    proc = _start(["score", str(corpus), "--format", "json", "--output", str(out), "--quiet", "--no-compare"])
    # The temporary file beside the target grows as articles are written: wait for some.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        temps = [p for p in tmp_path.iterdir() if p.name.startswith(".out.json.")]
        if temps and temps[0].stat().st_size > 20_000:
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, stderr
    assert b"Traceback" not in stderr
    assert out.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["out.json"]  # the temporary file was removed


def test_uninterrupted_json_run_replaces_the_file_whole(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "json", "--output", str(out)])
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == N_ARTICLES
    assert sorted(os.listdir(tmp_path)) == ["out.json"]



def _own_model(tmp_path: Path) -> Path:
    """A retrained trust model: the shipped one with another intercept (every trust moves)."""
    from analyzer.resources import model_path

    data = json.loads(model_path("trust.json").read_text(encoding="utf-8"))
    data["intercept"] = data["intercept"] - 3.0
    model = tmp_path / "own.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    return model


def _run_stopped_after(lines: int, args: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    """`analyzer score ARGS` stopped by a full disk after `lines` articles: it keeps its partial file."""
    original = writers.write_articles

    def first(items):  # type: ignore[no-untyped-def]
        for n, item in enumerate(items):
            if n == lines:
                raise OSError(28, "No space left on device")
            yield item

    with monkeypatch.context() as patched:
        patched.setattr(writers, "write_articles", lambda items, *a, **k: original(first(items), *a, **k))
        return CliRunner().invoke(app, ["score", *args])


@pytest.mark.parametrize(("first", "then", "said"), [
    ([], ["--model", "OWN"], "another trust model (shipped models/trust.json, sha256 "),
    (["--model", "OWN"], [], "another trust model (OWN, sha256 "),
])
def test_resume_with_another_model_or_options_is_refused(corpus: Path, reference: bytes, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, first: list[str],
                                                         then: list[str], said: str) -> None:
    """H10: a run started with the shipped model and resumed with --model (or the reverse) wrote
    both models' trust in one file, rc 0: a ranking compared numbers of two classifiers."""
    model = str(_own_model(tmp_path))
    first, then = ([model if a == "OWN" else a for a in args] for args in (first, then))
    out = tmp_path / "out.jsonl"
    partial = partial_path(out)
    command = [str(corpus), "--format", "jsonl", "--output", str(out)]
    stopped = _run_stopped_after(2, [*command, *first], monkeypatch)
    assert stopped.exit_code == 1 and len(partial.read_bytes().splitlines()) == 2, stopped.output
    before = partial.read_bytes()
    result = CliRunner().invoke(app, ["score", *command, "--resume", *then])
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot resume {out}: it was scored with "), lines
    assert said.replace("OWN", model) in lines[0], lines[0]
    assert lines[0].endswith("; rerun without --resume (or with the settings it was started with)")
    assert partial.read_bytes() == before and not out.exists()  # untouched
    # Resumed with the settings it was started with: what an uninterrupted run writes, no record left.
    same = CliRunner().invoke(app, ["score", *command, "--resume", *first])
    assert same.exit_code == 0, same.output
    assert "warning" not in same.stderr
    if not first:
        assert out.read_bytes() == reference
    assert not partial.exists() and not settings_path(partial).exists()


@pytest.mark.parametrize("then", [["--max-bytes", "100000000"], ["--time-limit", "0"]])
def test_resume_with_other_skip_limits_goes_on(corpus: Path, reference: bytes, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, then: list[str]) -> None:
    """--max-bytes, --max-line-bytes and --time-limit decide what is skipped, never a score: a resume
    may change them (--time-limit 0 to get past an article that timed out)."""
    out = tmp_path / "out.jsonl"
    command = [str(corpus), "--format", "jsonl", "--output", str(out)]
    assert _run_stopped_after(2, command, monkeypatch).exit_code == 1
    result = CliRunner().invoke(app, ["score", *command, "--resume", *then])
    assert result.exit_code == 0 and "warning" not in result.stderr, result.output
    assert out.read_bytes() == reference


def test_the_record_is_beside_the_partial_file_not_in_the_output(corpus: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The output keeps the format OUTPUT.md fixes (one article per line, no header line)."""
    out = tmp_path / "out.jsonl"
    model = _own_model(tmp_path)
    stopped = _run_stopped_after(3, [str(corpus), "-f", "jsonl", "-o", str(out), "--model", str(model),
                                     "--max-bytes", "123456"], monkeypatch)
    assert stopped.exit_code == 1
    record = json.loads(settings_path(partial_path(out)).read_text(encoding="utf-8"))
    assert record["max_bytes"] == 123456
    assert record["trust_model"] == {"file": str(model), "sha256": hashlib.sha256(model.read_bytes()).hexdigest()}
    assert all(set(json.loads(line)) >= {"id", "scores"} for line in partial_path(out).read_bytes().splitlines())


def test_a_retrained_model_at_the_same_path_is_another_model(corpus: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.jsonl"
    model = _own_model(tmp_path)
    command = ["score", str(corpus), "-f", "jsonl", "-o", str(out), "--model", str(model)]
    assert _run_stopped_after(2, command[1:], monkeypatch).exit_code == 1
    data = json.loads(model.read_text(encoding="utf-8"))
    data["intercept"] += 1.0  # retrained between the nightly run and its resume
    model.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, [*command, "--resume"])
    assert result.exit_code == 1 and "another trust model" in result.stderr


def test_a_partial_file_without_a_record_resumes_with_a_warning(corpus: Path, reference: bytes,
                                                                tmp_path: Path) -> None:
    """An older version's partial file: resumed as before, saying its settings could not be checked."""
    out = tmp_path / "out.jsonl"
    partial_path(out).write_bytes(b"".join(reference.splitlines(keepends=True)[:2]))
    result = CliRunner().invoke(app, ["score", str(corpus), "--format", "jsonl", "--output", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert f"warning: the 2 articles already in {out} were written by a run that did not record" in result.stderr
    assert out.read_bytes() == reference


def _stopped_record(corpus: Path, tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str], Path, dict[str, Any]]:
    """A `score -f jsonl -o` run stopped after 2 articles: its output path, command, settings file and record."""
    out = tmp_path / "out.jsonl"
    command = ["score", str(corpus), "--format", "jsonl", "--output", str(out)]
    assert _run_stopped_after(2, command[1:], monkeypatch).exit_code == 1
    record_file = settings_path(partial_path(out))
    return out, command, record_file, json.loads(record_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("part", "said"), [
    ("source", "other analyzer code (its source files changed since: an upgrade or an edit)"),
    ("lexicons", "other analyzer code (its lexicons changed since: an upgrade or an edit)"),
    (None, "other analyzer code (the build that started it recorded no fingerprint of its code)"),
])
def test_resume_after_the_code_changed_is_refused(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  part: str | None, said: str) -> None:
    """Every commit is version 0.1.0: a user who upgraded (or edited a lexicon) between a run and its
    resume got one file scored by two codes. The record holds a fingerprint of the package's source
    files and lexicons; a run that recorded another one (or, from the build before, none) is refused."""
    out, command, record_file, record = _stopped_record(corpus, tmp_path, monkeypatch)
    partial = partial_path(out)
    assert set(record["code"]) == {"source", "lexicons"}
    if part is None:
        del record["code"]
    else:
        record["code"][part] = "0" * 64  # what the code before the upgrade hashed to
    record_file.write_text(json.dumps(record), encoding="utf-8")
    before = partial.read_bytes()
    result = CliRunner().invoke(app, [*command, "--resume"])
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines == [f"error: cannot resume {out}: it was scored with {said}; rerun without --resume (or with the "
                     "settings it was started with)"]
    assert partial.read_bytes() == before and not out.exists()


def test_the_code_fingerprint_follows_source_files_and_lexicons(tmp_path: Path) -> None:
    package = tmp_path / "analyzer"
    (package / "lexicons").mkdir(parents=True)
    (package / "signals").mkdir()
    (package / "signals" / "hedging.py").write_text("CUES = 1\n", encoding="utf-8")
    (package / "lexicons" / "hedges.tsv").write_text("may\n", encoding="utf-8")
    (package / "notes.txt").write_text("not code", encoding="utf-8")
    first = code_fingerprint(package)
    assert code_fingerprint(package) == first
    (package / "notes.txt").write_text("still not code", encoding="utf-8")
    assert code_fingerprint(package) == first
    (package / "signals" / "hedging.py").write_text("CUES = 2\n", encoding="utf-8")
    second = code_fingerprint(package)
    assert second["source"] != first["source"] and second["lexicons"] == first["lexicons"]
    (package / "lexicons" / "hedges.tsv").write_text("may\nmight\n", encoding="utf-8")
    assert code_fingerprint(package)["lexicons"] != second["lexicons"]
    (package / "signals" / "hedging.py").rename(package / "signals" / "hedge.py")  # a file renamed is a change
    assert code_fingerprint(package)["source"] != second["source"]


def test_resume_after_a_package_it_uses_was_upgraded_is_refused(corpus: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint left out the versions of the packages that decide the output: after
    `pip install -U numpy` (or langdetect, wordfreq, trafilatura, ...) between a run and its resume, one
    file was scored by two sets of libraries, with no word (h24c's open note)."""
    import numpy

    from analyzer.resume import OUTPUT_DEPENDENCIES, dependency_versions

    versions = dependency_versions()
    assert list(versions) == list(OUTPUT_DEPENDENCIES) and versions["numpy"] == numpy.__version__
    assert {"scikit-learn", "langdetect", "textstat", "wordfreq", "trafilatura"} <= set(versions)
    out, command, record_file, record = _stopped_record(corpus, tmp_path, monkeypatch)
    partial = partial_path(out)
    assert record["dependencies"] == versions
    record["dependencies"]["numpy"] = "1.24.0"
    record["dependencies"]["trafilatura"] = "not installed"
    del record["dependencies"]["pyphen"]  # a package the build that started it did not yet record
    record_file.write_text(json.dumps(record), encoding="utf-8")
    before = partial.read_bytes()
    result = CliRunner().invoke(app, [*command, "--resume"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"error: cannot resume {out}: it was scored with other versions of the packages it uses (numpy 1.24.0, now "
        f"{numpy.__version__}; pyphen not recorded, now {versions['pyphen']}; trafilatura not installed, now "
        f"{versions['trafilatura']}); rerun without --resume (or "
        "with the settings it was started with)"]
    assert partial.read_bytes() == before and not out.exists()
    # The same versions resume as before.
    record["dependencies"] = versions
    record_file.write_text(json.dumps(record), encoding="utf-8")
    assert CliRunner().invoke(app, [*command, "--resume"]).exit_code == 0


def test_the_recorded_packages_include_pyphen_whose_patterns_count_syllables() -> None:
    """Readability's syllable count for a word outside the shipped CMU table reads pyphen's en_US
    hyphenation patterns itself (signals.readability._hyphenation): a pyphen upgrade whose dictionary
    changed moved readability between a run and its resume, and the record did not hold its version."""
    from importlib import metadata

    from analyzer.resume import dependency_versions
    from analyzer.signals import readability

    assert readability._hyphenation()[0]  # the patterns come from the installed pyphen
    assert dependency_versions()["pyphen"] == metadata.version("pyphen")


def test_an_input_rewritten_between_the_stop_and_the_resume_is_scored_again(corpus: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A scraper rewrote a file (an updated article) between an interrupted run and its --resume: the
    kept line of the old text stayed, 317 words and its trust for a text now of 482, exit 0, no word;
    an input removed since kept its line silently too (session 26 bug hunt, R1)."""
    data = tmp_path / "data"
    data.mkdir()
    rows = [json.loads(line) for line in (corpus / "news.jsonl").read_text(encoding="utf-8").splitlines()]
    news = data / "news.jsonl"
    news.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stopped = _run_stopped_after(10, [str(data), "-f", "jsonl", "-o", str(out)], monkeypatch)
    assert stopped.exit_code == 1
    rows[2]["text"] = rows[2]["text"].replace("Story 2.", "Story 2, updated at noon with more detail.")
    removed = rows.pop(9)["id"]  # after the repeated id a03 (row 8), whose second id names its row
    news.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    fresh = tmp_path / "fresh.jsonl"
    assert CliRunner().invoke(app, ["score", str(data), "-f", "jsonl", "-o", str(fresh)]).exit_code == 0
    expected = {json.loads(line)["id"]: line for line in fresh.read_bytes().splitlines()}
    result = CliRunner().invoke(app, ["score", str(data), "-f", "jsonl", "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    got = out.read_bytes().splitlines()
    ids = [json.loads(line)["id"] for line in got]
    assert sorted(ids) == sorted([*expected, removed])  # each once; the removed input's line is kept
    assert {i: line for i, line in zip(ids, got, strict=True) if i != removed} == expected
    assert f"their lines in {out} were written: a02 (1 article)" in result.stderr
    assert f"{out} keeps the lines of 1 article this run did not read" in result.stderr
    assert not any(p.name.startswith(".out.jsonl") for p in tmp_path.iterdir())


def _twelve_stopped_after_six(corpus: Path, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> tuple[list[dict[str, Any]], Path, Path, list[str]]:
    """12 articles of the corpus in data/news.jsonl, a run stopped after 6: (rows, news, out, args)."""
    data = tmp_path / "data"
    data.mkdir()
    rows = [json.loads(line) for line in (corpus / "news.jsonl").read_text(encoding="utf-8").splitlines()][:12]
    news = data / "news.jsonl"
    news.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = [str(data), "-f", "jsonl", "-o", str(out)]
    assert _run_stopped_after(6, args, monkeypatch).exit_code == 1
    return rows, news, out, args


def _correct_a01(rows: list[dict[str, Any]], news: Path) -> None:
    rows[1]["text"] = rows[1]["text"].replace("Story 1.", "Story 1, corrected.")
    news.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _fresh(data: Path, tmp_path: Path) -> list[bytes]:
    fresh = tmp_path / "fresh.jsonl"
    assert CliRunner().invoke(app, ["score", str(data), "-f", "jsonl", "-o", str(fresh)]).exit_code == 0
    return sorted(fresh.read_bytes().splitlines())


def test_a_resume_stopped_after_finding_a_changed_text_drops_the_old_line_on_the_next(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The texts file marks the kept line of a changed text stale as soon as it is found: a second
    stop before the run completes must not let the next resume keep it (nor count it as done)."""
    rows, news, out, args = _twelve_stopped_after_six(corpus, tmp_path, monkeypatch)
    _correct_a01(rows, news)
    assert _run_stopped_after(2, [*args, "--resume"], monkeypatch).exit_code == 1
    result = CliRunner().invoke(app, ["score", *args, "--resume"])
    assert result.exit_code == 0, result.output
    assert sorted(out.read_bytes().splitlines()) == _fresh(tmp_path / "data", tmp_path)
    assert "did not read" not in result.stderr


def test_a_source_corrected_in_metadata_between_the_stop_and_the_resume_is_scored_again(
        seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run reported a metadata.csv typo, the user fixed it and resumed: the kept lines kept the
    old source, so the trust table split one outlet in two (session 26 bug hunt, R1)."""
    data = tmp_path / "data"
    data.mkdir()
    for n, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        (data / f"s{n}.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (data / "metadata.csv").write_text("file,source\ns0.txt,Daily Wrire\ns1.txt,Daily Wire\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = [str(data), "-f", "jsonl", "-o", str(out)]
    assert _run_stopped_after(3, args, monkeypatch).exit_code == 1
    (data / "metadata.csv").write_text("file,source\ns0.txt,Daily Wire\ns1.txt,Daily Wire\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", *args, "--resume"])
    assert result.exit_code == 0, result.output
    assert sorted(out.read_bytes().splitlines()) == _fresh(data, tmp_path)
    assert "their lines in" in result.stderr and ": s0 (1 article)" in result.stderr


def test_recorded_digests_pass_over_a_stale_mark_cut_by_a_crash(tmp_path: Path) -> None:
    """A texts file whose last line was cut ("- 12" written as "- 1", no line end) marks no line stale:
    the kept line 1 is not dropped (review 26, h26e)."""
    from analyzer.resume import _recorded_digests, texts_path

    partial = tmp_path / ".out.jsonl.partial"
    digest = "0" * 32
    texts_path(partial).write_text(f"{1:016x} {digest}\n- 5\n- 1", encoding="utf-8")
    digests, stale = _recorded_digests(partial)
    assert digests == {1: digest}
    assert stale == {5}


def test_a_final_write_that_fails_midway_leaves_no_temporary_file_and_resumes(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A resume that drops a stale line writes FILE through `.FILE.tmp`: a full disk in the middle of
    it left that file behind, and a traceback (review 26, h26e). Now one line, no temporary file, and
    the partial file and its records whole, so that the next --resume completes the run."""
    rows, news, out, args = _twelve_stopped_after_six(corpus, tmp_path, monkeypatch)
    _correct_a01(rows, news)
    real_open = Path.open

    class FullDisk:  # the temporary file takes one line, then the disk is full
        def __init__(self, handle: Any) -> None:
            self.handle, self.room = handle, 1

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            if not self.room:
                raise OSError(28, "No space left on device")
            self.room -= 1
            return self.handle.write(data)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    def full_disk(self: Path, *a: Any, **k: Any) -> Any:
        handle = real_open(self, *a, **k)
        return FullDisk(handle) if self.name == f".{out.name}.tmp" else handle

    with monkeypatch.context() as patched:
        patched.setattr(Path, "open", full_disk)
        failed = CliRunner().invoke(app, ["score", *args, "--resume"])
    assert failed.exit_code == 1 and not isinstance(failed.exception, OSError)
    assert f"error: writing {out} failed: No space left on device" in failed.stderr.splitlines()
    assert "run the same command with --resume to continue" in failed.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [
        ".out.jsonl.partial", ".out.jsonl.partial.settings", ".out.jsonl.partial.texts"]
    assert not out.exists()
    result = CliRunner().invoke(app, ["score", *args, "--resume"])
    assert result.exit_code == 0, result.output
    assert sorted(out.read_bytes().splitlines()) == _fresh(tmp_path / "data", tmp_path)
    assert not any(p.name.startswith(".out.jsonl") for p in tmp_path.iterdir())


def test_a_resume_that_completes_after_a_stopped_one_names_the_stale_line_it_drops(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stopped resume found a01 changed and marked its kept line stale, but stopped before the
    warning; the resume that then completed dropped the line without a word (review 26, h26e)."""
    rows, news, out, args = _twelve_stopped_after_six(corpus, tmp_path, monkeypatch)
    _correct_a01(rows, news)
    stopped = _run_stopped_after(2, [*args, "--resume"], monkeypatch)
    assert stopped.exit_code == 1 and "warning: scored again" not in stopped.stderr
    result = CliRunner().invoke(app, ["score", *args, "--resume"])
    assert result.exit_code == 0, result.output
    assert sorted(out.read_bytes().splitlines()) == _fresh(tmp_path / "data", tmp_path)
    assert (f"warning: scored again, as their text or metadata changed since their lines in {out} were written: "
            "a01 (1 article); the old lines dropped") in result.stderr


def test_a_texts_record_deleted_by_hand_keeps_the_lines_with_a_warning(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`.FILE.partial.texts` deleted by hand: the kept lines could not be checked against their inputs
    (a01 changed since keeps its old line), and nothing said so (review 26, h26e). They are kept (the
    work --resume saves; the settings record still checks models and code), with a warning."""
    from analyzer.resume import texts_path

    rows, news, out, args = _twelve_stopped_after_six(corpus, tmp_path, monkeypatch)
    texts_path(partial_path(out)).unlink()
    result = CliRunner().invoke(app, ["score", *args, "--resume"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"warning: the record of the texts of the 6 articles already in {out} ({texts_path(partial_path(out))}) "
        "is gone: they are kept, not checked for inputs changed since they were written; rerun without --resume "
        "to score every article again")
    assert sorted(out.read_bytes().splitlines()) == _fresh(tmp_path / "data", tmp_path)


def test_resume_of_a_file_written_with_compare_is_refused(seeds_dir: Path, tmp_path: Path) -> None:
    """A complete `--compare` JSONL file resumed: the articles added were judged alone beside compared
    ones, a spun copy whose original is already in FILE not compared with it (review 27). Refused as
    --compare --resume is, FILE untouched."""
    from tests.helpers import spun_pair

    pair = spun_pair(tmp_path, seeds_dir)
    lines = pair.read_text(encoding="utf-8").splitlines(keepends=True)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.jsonl").write_text(lines[0], encoding="utf-8")
    (inputs / "b.jsonl").write_text(lines[1], encoding="utf-8")
    whole = tmp_path / "whole.jsonl"
    done = CliRunner().invoke(app, ["score", str(inputs), "--format", "jsonl", "--compare", "--output", str(whole)])
    assert done.exit_code == 0 and '"copy": {' in whole.read_text(encoding="utf-8")
    before = whole.read_bytes()
    (inputs / "c.jsonl").write_text(json.dumps({"id": "late", "text": "A later story. " * 30}) + "\n",
                                    encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(inputs), "--format", "jsonl", "--output", str(whole), "--resume"])
    assert result.exit_code == 1
    assert "written with --compare" in result.output
    assert whole.read_bytes() == before
    assert not partial_path(whole).exists()


def test_resume_of_a_compare_file_that_flagged_nothing_continues_it_judged_alone(seeds_dir: Path,
                                                                                  tmp_path: Path) -> None:
    """A `--compare` JSONL file with no compared copy is the file --no-compare writes: resumed as one,
    the articles added judged alone (a spun copy of an article in FILE is not compared with it), and
    the warning says so (review 27, low: it was accepted with only "did not record its settings")."""
    from tests.helpers import spun_pair

    pair = spun_pair(tmp_path, seeds_dir)
    lines = pair.read_text(encoding="utf-8").splitlines(keepends=True)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.jsonl").write_text(lines[0], encoding="utf-8")
    whole, alone = tmp_path / "whole.jsonl", tmp_path / "alone.jsonl"
    for out, how in ((whole, "--compare"), (alone, "--no-compare")):
        done = CliRunner().invoke(app, ["score", str(inputs), "--format", "jsonl", how, "--output", str(out)])
        assert done.exit_code == 0, done.output
    assert whole.read_bytes() == alone.read_bytes()  # nothing tells them apart
    (inputs / "b.jsonl").write_text(lines[1], encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(inputs), "--format", "jsonl", "--output", str(whole), "--resume"])
    assert result.exit_code == 0, result.output
    assert "the articles added are judged alone, not compared with those" in result.stderr
    fresh = tmp_path / "fresh.jsonl"
    assert CliRunner().invoke(app, ["score", str(inputs), "--format", "jsonl", "--output", str(fresh)]).exit_code == 0
    assert whole.read_bytes() == fresh.read_bytes()
    assert '"copy": {' not in whole.read_text(encoding="utf-8")
