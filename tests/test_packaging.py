"""Packaging: the explicit package list in pyproject.toml covers every subpackage and data file,
so a non-editable `pip install .` ships the lexicons, the models and the report assets."""

from __future__ import annotations

import os
import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _package_dir(name: str, mapping: dict[str, str]) -> Path:
    return ROOT / mapping[name] if name in mapping else ROOT / Path(*name.split("."))


def test_every_subpackage_is_listed() -> None:
    listed = set(_config()["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "analyzer").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_every_data_file_is_covered_by_package_data() -> None:
    config = _config()
    mapping = config.get("package-dir", {})
    data = config.get("package-data", {})
    missing = []
    for package in config["packages"]:
        folder = _package_dir(package, mapping)
        for path in folder.iterdir():
            if path.is_file() and path.suffix not in {".py", ".pyc"}:
                if not any(fnmatch(path.name, glob) for glob in data.get(package, [])):
                    missing.append(str(path.relative_to(ROOT)))
    assert not missing, f"not shipped by package-data: {missing}"


def test_models_are_plain_json() -> None:
    import json

    for path in (ROOT / "models").glob("*"):
        if path.suffix in {".pkl", ".pickle", ".joblib", ".npy", ".npz"}:
            raise AssertionError(f"binary model file {path.name}: models must be plain data")
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))


def test_the_html_extra_brings_what_trafilatura_imports() -> None:
    # trafilatura imports jusText, which imports lxml.html.clean (lxml_html_clean since lxml 5.2). jusText
    # asks for it as lxml[html_clean], which lxml 6 spells html-clean, and pip 23 installed nothing: after
    # README's `pip install '.[html]'` trafilatura did not import and every page was skipped (bug hunt 28, P1).
    import re

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    names = {re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("-", "_")
             for requirement in extras["html"]}
    assert {"trafilatura", "lxml_html_clean"} <= names


# Records every file a run opens (an audit hook, in a fresh process: lexicons and models are read once
# per process and cached, so one read earlier in this test session would be missed), then runs `report`
# (every signal, flag's comparison and trust's ranking) and `explain` on the seeds and on articles in
# French and German (the language signal's stop-word lists).
_RECORD_READS = """
import os, sys
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        opened.add(os.path.realpath(os.fsdecode(args[0])))
sys.addaudithook(hook)
from analyzer.cli import app
out, report, *inputs = sys.argv[1:]
for argv in (["report", *inputs, "--output", report, "--quiet"], ["explain", *inputs]):
    try:
        app(argv, standalone_mode=False)
    except SystemExit:
        pass
with open(out, "w", encoding="utf-8") as handle:
    handle.write("\\n".join(sorted(opened)))
"""


def test_every_file_a_run_reads_from_the_package_is_shipped(tmp_path: Path, seeds_dir: Path) -> None:
    """Each data file a run reads from the checkout (lexicons, models, report assets) lies in a listed
    package's folder and matches its package-data globs, so `pip install .` (non-editable) ships it: the
    test above checks the files the folders hold, this one the files the code reads, wherever they are."""
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fr.txt").write_text("Le ministre a déclaré lundi que le projet serait poursuivi, selon des "
                                   "responsables du gouvernement réunis dans la capitale du pays.", encoding="utf-8")
    (folder / "de.txt").write_text("Der Minister sagte am Montag, dass der Plan fortgesetzt werde, wie "
                                   "Regierungsvertreter in der Hauptstadt des Landes mitteilten.", encoding="utf-8")
    record = tmp_path / "opened.txt"
    done = subprocess.run([sys.executable, "-c", _RECORD_READS, str(record), str(tmp_path / "report.html"),
                           str(seeds_dir), str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    config = _config()
    mapping = config.get("package-dir", {})
    folders = {_package_dir(package, mapping).resolve(): package for package in config["packages"]}
    data = config.get("package-data", {})
    read = [Path(line) for line in record.read_text(encoding="utf-8").splitlines()]
    read = [path for path in read if path.is_relative_to(ROOT) and not path.is_relative_to(seeds_dir.resolve())
            and path.suffix not in {".py", ".pyc"} and path.is_file()
            # a virtual environment kept in the checkout: other packages' data, not ours
            and not path.is_relative_to(Path(sys.prefix).resolve()) and "site-packages" not in path.parts]
    names = {path.relative_to(ROOT).as_posix() for path in read}
    # The hook saw the reads: a model, a lexicon and a report asset at least.
    assert {"models/trust.json", "analyzer/lexicons/hedges.tsv", "analyzer/report_assets/report.css"} <= names
    assert "analyzer/lexicons/stopwords_de.tsv" in names
    unshipped = [path.relative_to(ROOT).as_posix() for path in read
                 if not any(fnmatch(path.name, glob) for glob in data.get(folders.get(path.parent, ""), []))]
    assert not unshipped, f"read at run time but not package data: {unshipped}"
