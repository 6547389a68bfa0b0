from hypothesis import given
from hypothesis import strategies as st

from analyzer.scan import Needles

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
