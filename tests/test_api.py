"""The library entry points (analyzer.api) as the README calls them."""

from __future__ import annotations

from pathlib import Path

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
