"""--jobs N: the same bytes as a single-process run, in the same order, with bounded memory."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer import api, parallel
from analyzer.article import Article
from analyzer.cli import app
from analyzer.io import writers
from analyzer.io.readers import ReadError, read_paths
from analyzer.parallel import PARENT_CHECK_SECONDS
from analyzer.pipeline import prepare_context

# Articles of bbc_dev.jsonl used for the equality test: several chunks per worker.
BBC_SAMPLE = 120


def _json(items) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    writers.write_articles(items, out, "json")
    return out.getvalue()


def _bbc_sample(shared_data: Path, tmp_path: Path, n: int = BBC_SAMPLE) -> Path:
    src = shared_data / "news" / "bbc_dev.jsonl"
    target = tmp_path / "bbc_sample.jsonl"
    with src.open(encoding="utf-8") as f, target.open("w", encoding="utf-8") as out:
        for _, line in zip(range(n), f, strict=False):
            out.write(line)
    return target


def test_jobs_two_is_byte_identical_on_seeds(seeds_dir: Path) -> None:
    single = _json(api.score_paths([seeds_dir]))
    assert _json(api.score_paths([seeds_dir], jobs=2)) == single
    assert json.loads(single)["articles"]


def test_jobs_two_is_byte_identical_on_bbc_sample(shared_data: Path, tmp_path: Path) -> None:
    sample = _bbc_sample(shared_data, tmp_path)
    single = _json(api.score_paths([sample]))
    assert len(json.loads(single)["articles"]) == BBC_SAMPLE
    assert _json(api.score_paths([sample], jobs=2)) == single


def test_read_errors_keep_their_place(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials said the talks would resume on Monday.\n", encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01")
    (tmp_path / "c.jsonl").write_text('{"text": "The minister said so."}\nnot json\n{"text": "He said it."}\n',
                                      encoding="utf-8")
    paths = [tmp_path, tmp_path / "missing.txt"]
    single = list(api.score_paths(paths))
    multi = list(api.score_paths(paths, jobs=2))
    assert [type(x).__name__ for x in multi] == [type(x).__name__ for x in single]
    assert sum(isinstance(x, ReadError) for x in multi) == 3
    assert _json(multi) == _json(single)


def test_small_chunks_keep_order(seeds_dir: Path) -> None:
    context = prepare_context(read_paths([seeds_dir]))
    ids = [a.id for a in parallel.score_parallel(read_paths([seeds_dir]), context, jobs=2, chunk_size=1)]
    assert ids == [a.id for a in read_paths([seeds_dir]) if isinstance(a, Article)]


def test_input_is_pulled_through_a_bounded_window(seeds_dir: Path) -> None:
    """The reader is never more than the window ahead of the writer (flat memory on big inputs)."""
    base = [a for a in read_paths([seeds_dir]) if isinstance(a, Article)]
    pulled = 0

    def source() -> Iterator[Article]:
        nonlocal pulled
        for i in range(60):
            a = base[i % len(base)]
            pulled += 1
            yield Article(id=f"{a.id}-{i}", text=a.text, source=a.source)

    jobs, chunk = 2, 2
    ahead_max = jobs * parallel.CHUNKS_PER_WORKER * chunk + chunk
    received = 0
    for _ in parallel.score_parallel(source(), prepare_context([]), jobs=jobs, chunk_size=chunk):
        received += 1
        assert pulled - received <= ahead_max
    assert received == 60


def test_scored_articles_travel_without_cached_segmentation(seeds_dir: Path) -> None:
    context = prepare_context(read_paths([seeds_dir]))
    for article in parallel.score_parallel(read_paths([seeds_dir]), context, jobs=2):
        assert "lines" not in article.__dict__ and "sentences" not in article.__dict__
        assert article.lines  # recomputed on demand


def test_resolve_jobs() -> None:
    assert parallel.resolve_jobs(3) == 3
    assert parallel.resolve_jobs(0) == parallel.available_cpus() >= 1


@pytest.mark.parametrize("command", ["score", "trust", "flag"])
def test_cli_jobs_matches_single_process(seeds_dir: Path, command: str) -> None:
    runner = CliRunner()
    one = runner.invoke(app, [command, str(seeds_dir), "--format", "json"])
    two = runner.invoke(app, [command, str(seeds_dir), "--format", "json", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0, two.output
    assert two.stdout == one.stdout


def test_prepass_keeps_exact_counts_of_repeated_lines_only() -> None:
    from analyzer.pipeline import line_key

    articles = [Article(id=str(i), text=f"Header line here\nUnique line number {i}\nFooter: subscribe now\n"
                                        "Header line here\n", source="S") for i in range(5)]
    articles.append(Article(id="x", text="Header line here\nAnother line, only here", source="T"))
    context = prepare_context(articles)
    assert context.source_articles == {"S": 5, "T": 1}
    # Counted once per article (the header occurs twice in each), lines of one article dropped.
    assert context.source_lines["S"] == {line_key("Header line here"): 5, line_key("Footer: subscribe now"): 5}
    assert context.source_lines["T"] == {}
    assert prepare_context(articles, min_count=1).source_lines["T"] == {
        line_key("Header line here"): 1, line_key("Another line, only here"): 1}


WORKERS_THEN_HANG = """
import multiprocessing, sys, time
from analyzer.article import Article
from analyzer.parallel import score_parallel
from analyzer.signals import RunContext
items = [Article(id=str(i), text="The minister said on Monday that talks would resume.") for i in range(8)]
results = score_parallel(iter(items), RunContext(), jobs=2, chunk_size=1)
next(results)
print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\\nState:\\tZ" not in status  # a zombie has exited; only its parent has not reaped it


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_their_parent_is_killed() -> None:
    """SIGKILL cannot be caught, so the pool is never shut down: the workers must notice."""
    proc = subprocess.Popen([sys.executable, "-c", WORKERS_THEN_HANG], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
    finally:
        proc.kill()
        proc.wait()
    assert pids
    deadline = time.monotonic() + 60 * PARENT_CHECK_SECONDS
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in pids if _running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left


UNGUARDED = """from analyzer import api
def run():
    return [a.scores["trust"] for a in api.score_paths([{path!r}], jobs=2)]
{call}
"""


@pytest.mark.parametrize(("call", "warned"), [
    ("print(run())", True),  # top level: a spawned worker re-runs it
    ("if True:\n    print(run())", True),
    ('if __name__ == "__main__":\n    print(run())', False),
    ('if "__main__" == __name__:\n    print(run())', False),
    # Guards not at the top level, or not alone in their test: a spawned worker re-runs none of them.
    ('try:\n    if __name__ == "__main__":\n        print(run())\nexcept KeyboardInterrupt:\n    pass', False),
    ('import sys\nif len(sys.argv) > 5:\n    pass\nelif __name__ == "__main__":\n    print(run())', False),
    ('import os\nif __name__ == "__main__" and not os.environ.get("NO_RUN"):\n    print(run())', False),
    ('import warnings\nwith warnings.catch_warnings():\n    if __name__ == "__main__":\n        print(run())', False),
    ('if __name__ != "__main__":\n    pass\nelse:\n    print(run())', False),
    ('try:\n    print(run())\nexcept KeyboardInterrupt:\n    pass', True),
    ('for _ in range(1):\n    print(run())', True),
])
def test_a_script_without_a_main_guard_scores_in_one_process_with_one_warning(
        tmp_path: Path, call: str, warned: bool) -> None:
    # Each worker re-ran the script's top level and died starting workers of its own: the run failed
    # with BrokenProcessPool and ~95 lines of two tracebacks, nothing naming the guard it needs.
    articles = tmp_path / "in.jsonl"
    articles.write_text("".join(json.dumps({"id": str(i), "text": f"Story {i}: the minister said on Monday that "
                                            f"the talks on the {i}th bridge would resume next week."}) + "\n"
                                for i in range(3)), encoding="utf-8")
    script = tmp_path / "script.py"
    script.write_text(UNGUARDED.format(path=str(articles), call=call), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 3
    assert "Traceback" not in done.stderr
    warnings = [line for line in done.stderr.splitlines() if "RuntimeWarning" in line]
    if warned:
        assert len(warnings) == 1 and 'if __name__ == "__main__":' in warnings[0]
        assert warnings[0].startswith(f"{script}:")
    else:
        assert warnings == []


@pytest.mark.parametrize(("module", "warned"), [
    ("runme", False),  # runme/__main__.py: spawn re-runs no package's __main__
    ("runme.job", True),  # a module run by name is re-run by the workers as __mp_main__
])
def test_a_package_main_run_with_m_starts_workers_without_a_guard(tmp_path: Path, module: str, warned: bool) -> None:
    # `python -m runme` with an unguarded runme/__main__.py scored in one process with the warning,
    # though its workers start (multiprocessing skips a "__main__"/".__main__" module).
    articles = tmp_path / "in.jsonl"
    articles.write_text("".join(json.dumps({"id": str(i), "text": f"Story {i}: the minister said on Monday that "
                                            f"the talks on the {i}th bridge would resume next week."}) + "\n"
                                for i in range(3)), encoding="utf-8")
    package = tmp_path / "runme"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in ("__main__.py", "job.py"):
        (package / name).write_text(UNGUARDED.format(path=str(articles), call="print(run())"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", module], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 3
    assert "Traceback" not in done.stderr
    assert ("RuntimeWarning" in done.stderr) == warned


def test_models_swapped_are_scored_with_in_this_process_whatever_the_jobs() -> None:
    """translation.models_swapped serves refitted models in this process only: spawned workers read the
    shipped files, so --jobs 2 inside the block scored with the shipped model while `flag` (in this
    process) read the swapped pair model, in-sample figures labelled out of fold (review 31). Inside the
    block the items are scored here, as without a main guard: what jobs=1 gives."""
    import dataclasses

    from analyzer.signals import translation as tr

    shipped = tr.default_model()
    assert shipped is not None
    style_heavy = dataclasses.replace(shipped, style=dataclasses.replace(shipped.style,
                                                                          intercept=shipped.style.intercept + 30))
    text = ["The minister said on Monday that the talks would resume next week in the capital."] * 2
    plain = [a.scores["translation"] for a in api.score_articles(text)]
    with tr.models_swapped(style_heavy, tr.pair_model()):
        one = [a.scores["translation"] for a in api.score_articles(text)]
        two = [a.scores["translation"] for a in api.score_articles(text, jobs=2)]
    assert one != plain and two == one
