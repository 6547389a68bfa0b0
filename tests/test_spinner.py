"""The article spinner that makes spun test and training data."""

from __future__ import annotations

from analyzer.spinner import Substitution, americanize, spin

TEXT = (
    "The group said the war had displaced thousands of families in the eastern region, "
    "according to officials. Fighting continued late on Saturday as the army pressed its "
    "offensive, and the head of the monitor said more people were fleeing the desert areas "
    "every day because of the attacks and the shortage of food and medicine."
)


def test_offsets_point_at_replacements() -> None:
    spun = spin(TEXT, rate=0.2, seed=3)
    assert spun.substitutions
    for sub in spun.substitutions:
        assert isinstance(sub, Substitution)
        assert spun.text[sub.start : sub.end] == sub.replacement
        assert sub.replacement.lower() != sub.original.lower()


def test_undoing_substitutions_restores_the_original() -> None:
    spun = spin(TEXT, rate=0.2, seed=5)
    restored = spun.text
    for sub in reversed(spun.substitutions):
        restored = restored[: sub.start] + sub.original + restored[sub.end :]
    assert restored == TEXT


def test_deterministic_per_seed_and_varies_across_seeds() -> None:
    assert spin(TEXT, rate=0.2, seed=1) == spin(TEXT, rate=0.2, seed=1)
    outputs = {spin(TEXT, rate=0.2, seed=s).text for s in range(5)}
    assert len(outputs) > 1


def test_rate_controls_the_number_of_substitutions() -> None:
    words = len(TEXT.split())
    assert spin(TEXT, rate=0.0).text == TEXT
    few = len(spin(TEXT, rate=0.05, seed=2).substitutions)
    many = len(spin(TEXT, rate=0.2, seed=2).substitutions)
    assert few < many
    assert abs(many - round(0.2 * words)) <= 2


def test_capitalisation_kept_and_names_untouched() -> None:
    text = "Fighting continued in Syria. Officials said the war was over."
    for seed in range(20):
        spun = spin(text, rate=0.5, seed=seed)
        assert "Syria" in spun.text
        for sub in spun.substitutions:
            assert sub.replacement[0].isupper() == sub.original[0].isupper()


def test_phrases_are_spun_as_units() -> None:
    seen = {sub.original.lower() for seed in range(30) for sub in spin(TEXT, rate=0.3, seed=seed).substitutions}
    assert "according to" in seen


def test_americanize_swaps_british_spellings_and_keeps_case() -> None:
    text = "The Centre organised a programme; COLOUR and neighbours travelled towards the theatre."
    assert americanize(text) == "The Center organized a program; COLOR and neighbors traveled toward the theater."


def test_americanize_leaves_other_words_alone() -> None:
    # Words a rule would turn into another word ("four" -> "for", "filled" -> "filed", "scoured").
    text = "Four hours later the flour was filled, the river scoured and the premises raised."
    assert americanize(text) == text
