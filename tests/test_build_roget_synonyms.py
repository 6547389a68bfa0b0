"""scripts/build_roget_synonyms.py: its protocol-0 reader reads PyRoget's data without unpickling."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import load_script

# The layout of PyRoget/roget/thes_cat.txt: a dict of lists, strings memoised (p) and reused (g).
SAMPLE = (
    "(dp1\nS'cat0001'\np2\n(lp3\nS'war'\np4\naS\"one's fight\"\np5\n"
    "asS'cat0002'\np6\n(lp7\ng4\naS'battle'\np8\nas."
)


def test_reads_dicts_of_lists_with_memo_references(tmp_path: Path) -> None:
    build = load_script("scripts/build_roget_synonyms.py")
    path = tmp_path / "thes_cat.txt"
    path.write_text(SAMPLE, encoding="latin-1")
    assert build.read_protocol0(path) == {"cat0001": ["war", "one's fight"], "cat0002": ["war", "battle"]}


@pytest.mark.parametrize("text", ["cos\nsystem\n(S'echo hi'\ntR.", "(dp1\nI42\ns."])
def test_refuses_opcodes_that_are_not_plain_data(tmp_path: Path, text: str) -> None:
    # GLOBAL/REDUCE would make pickle run code; the reader knows only the data opcodes PyRoget uses.
    build = load_script("scripts/build_roget_synonyms.py")
    path = tmp_path / "evil.txt"
    path.write_text(text, encoding="latin-1")
    with pytest.raises(ValueError):
        build.read_protocol0(path)
