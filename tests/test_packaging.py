"""Packaging: the explicit package list in pyproject.toml covers every subpackage and data file,
so a non-editable `pip install .` ships the lexicons, the models and the report assets."""

from __future__ import annotations

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
