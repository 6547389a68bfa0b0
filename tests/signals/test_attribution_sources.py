"""Attribution sources: the named or anonymous source phrase next to a cue."""

from __future__ import annotations

import random

from analyzer.signals.attribution import find_cues
from analyzer.signals.attribution_sources import (
    _TITLES,
    classify_source,
    distinct_names,
    normalise_name,
    source_before,
)
from analyzer.text import split_sentences


def _evidence(text: str) -> list[tuple[str, str]]:
    evidence, _ = find_cues(text, split_sentences(text))
    return [(ev.kind, ev.text) for ev in evidence]


def test_named_source_before_said() -> None:
    ev = _evidence("Twenty-eight IS members were killed, the Syrian Observatory for Human Rights said.")
    assert ("reporting_verb", "said") in ev
    assert ("named_source", "the Syrian Observatory for Human Rights") in ev


def test_anonymous_sources() -> None:
    ev = _evidence("An anonymous SDF commander told the news agency that 15 militants were killed.")
    assert ("anonymous_source", "An anonymous SDF commander") in ev
    ev = _evidence("But a spokesman for the coalition told AFP that he thought targets were present.")
    assert ("anonymous_source", "a spokesman for the coalition") in ev
    assert ("wire_credit", "AFP") in ev
    assert ("anonymous_source", "a Britain-based war monitor") in _evidence(
        "The strikes killed 35 militants on Saturday, a Britain-based war monitor said.")


def test_inverted_quote_and_apposition() -> None:
    ev = _evidence('"The battle is ongoing," said Rami Abdel Rahman, the head of the monitor.')
    assert ("named_source", "Rami Abdel Rahman") in ev
    assert ("quote", '"The battle is ongoing,"') in ev
    ev = _evidence('Commander Sean Robertson, a Pentagon spokesman, said in a statement.')
    assert ("named_source", "Commander Sean Robertson") in ev
    assert ("nominal", "said in a statement") in ev


def test_according_to() -> None:
    ev = _evidence("About 7,000 civilians are trapped in the town, according to the UN.")
    assert ("according_to", "according to") in ev
    assert ("named_source", "the UN") in ev


def test_pronouns_and_definite_descriptions_are_not_counted_as_sources() -> None:
    kinds = [k for k, _ in _evidence("Seventeen were children, he said. The toll rose, the monitor said.")]
    assert kinds.count("reporting_verb") == 2
    assert "named_source" not in kinds and "anonymous_source" not in kinds


def test_source_before_skips_auxiliaries_and_takes_the_name_before_an_apposition() -> None:
    sentence = "The toll rose, the Syrian Observatory for Human Rights has also said."
    start, end = source_before(sentence, sentence.index("said"))
    assert sentence[start:end] == "the Syrian Observatory for Human Rights"
    sentence = "Commander Sean Robertson, a Pentagon spokesman, said."
    start, end = source_before(sentence, sentence.index("said"))
    assert sentence[start:end] == "Commander Sean Robertson"
    assert source_before("which now controls much of eastern Syria said", 41) is None


def test_classify_source() -> None:
    assert classify_source("Rami Abdel Rahman", False) == "named_source"
    assert classify_source("an anonymous SDF commander", False) == "anonymous_source"
    assert classify_source("Officials", True) == "anonymous_source"
    assert classify_source("the monitor", False) is None
    assert classify_source("he", False) is None


def test_names_are_normalised_and_merged() -> None:
    assert normalise_name("the Observatory's") == "Observatory"
    # A name inside a longer one is the same source; titles do not tell names apart.
    assert distinct_names(["Abdel Rahman", "Rami Abdel Rahman", "Mr Bali", "SDF spokesman Mustafa Bali"]) == [
        "Rami Abdel Rahman", "SDF spokesman Mustafa Bali"]


class _CountingName(str):
    """A name that counts how often it is lower-cased."""

    calls = 0

    def lower(self) -> str:
        _CountingName.calls += 1
        return str.lower(self)


def _distinct_names_pairwise(names: list[str]) -> list[str]:
    """distinct_names as it was: every name against every kept name."""
    kept: list[str] = []
    for name in sorted(set(names), key=lambda n: (-len(n.split()), n)):
        tokens = set(name.lower().replace(".", "").split()) - _TITLES
        if not any(tokens <= set(k.lower().replace(".", "").split()) for k in kept):
            kept.append(name)
    return sorted(kept)


def test_distinct_names_reads_each_name_a_bounded_number_of_times() -> None:
    # A scraped page can name thousands of people: comparing each name with every kept one was
    # quadratic (each kept name lower-cased again for each name after it).
    names = [_CountingName(f"Person{i} Surname{i % 50}") for i in range(2000)]
    _CountingName.calls = 0
    assert len(distinct_names(names)) == 2000
    assert _CountingName.calls <= 2 * len(names)


def test_distinct_names_keeps_what_pairwise_comparison_kept() -> None:
    rng = random.Random(7)
    words = ["Ali", "Bali", "Abdel", "Rahman", "Rami", "Mr", "Dr.", "J.", "Smith", "SDF", "spokesman", "Mustafa"]
    for _ in range(300):
        names = [" ".join(rng.choices(words, k=rng.randint(1, 4))) for _ in range(rng.randint(0, 12))]
        assert distinct_names(names) == _distinct_names_pairwise(names)
