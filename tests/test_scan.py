import re

from hypothesis import given
from hypothesis import strategies as st

from analyzer.scan import Needles, matches_around, matches_near

# Few characters, so that needles often occur; a surrogate and a character outside the BMP too.
ALPHABET = st.sampled_from(["a", "b", "é", "İ", " ", "\ud800", "\U0001f600"])
WORDS = st.text(ALPHABET, max_size=4)


@given(st.lists(WORDS, max_size=8), st.text(ALPHABET, max_size=30))
def test_needles_found_as_substring_tests_find_them(needles: list[str], text: str) -> None:
    assert Needles(needles).found(text) == {i for i, needle in enumerate(needles) if needle in text}


def test_needles_listed_twice_are_found_under_each_index() -> None:
    assert Needles(["war", "monitor", "war"]).found("a war monitor") == {0, 1, 2}
    assert Needles(["war", "peace"]).found("a peace monitor") == {1}
    assert Needles([]).found("text") == set()


def _starts(text: str, needle: str) -> list[int]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


@given(st.lists(WORDS, max_size=8), st.text(ALPHABET, max_size=30))
def test_needles_found_at_gives_every_start_as_str_find(needles: list[str], text: str) -> None:
    expected = {i: _starts(text, needle) for i, needle in enumerate(needles) if needle and needle in text}
    assert Needles(needles).found_at(text) == expected


@given(st.lists(st.sampled_from(["a", "b", "ab", " ", "ba b"]), max_size=30).map("".join))
def test_matches_around_finds_what_matches_near_finds(text: str) -> None:
    pattern, triggers = re.compile(r"(?:a|b) ?ab"), ("ab",)
    found = [(len(t), _starts(text, t)) for t in triggers]
    near = matches_near(pattern, text, text, triggers, 4)
    around = matches_around(pattern, text, found, 4)
    assert [m.span() for m in around or []] == [m.span() for m in near or []]
    assert (around is None) == (near is None)
    if around is not None:
        assert [m.span() for m in around] == [m.span() for m in pattern.finditer(text)]
