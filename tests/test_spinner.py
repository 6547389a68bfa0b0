"""The article spinner that makes spun test and training data."""

from __future__ import annotations

import pytest

from analyzer.spinner import THESAURI, Substitution, _inflect, _lemmas, _thesaurus, americanize, spin

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


# --- the third thesaurus (Roget 1911): the spinner the shipped detector is never trained on ------

def _in_table(sub: Substitution, table: dict[str, tuple[str, ...]]) -> bool:
    """Whether the replacement is one of the table's entries for the original (inflection kept)."""
    words = sub.original.lower().split()
    for lemma, ending in _lemmas(words[-1]):
        key = " ".join([*words[:-1], lemma])
        if sub.replacement.lower() in {_inflect(c, ending) for c in table.get(key, ())}:
            return True
    return False


def test_roget_is_a_spinner_thesaurus_with_its_own_table() -> None:
    assert "roget" in THESAURI
    roget, moby = _thesaurus("roget"), _thesaurus("moby")
    assert len(roget) > 5000  # 7,341 entries as built on 2026-11-22
    # Not a copy of another table: most shared entries get other replacements.
    shared = set(roget) & set(moby)
    assert sum(roget[e] != moby[e] for e in shared) > 0.9 * len(shared)
    for entry, replacements in roget.items():
        assert entry not in replacements
        assert 1 <= len(replacements) <= 6


def test_roget_spins_are_deterministic_and_come_from_the_roget_table() -> None:
    table = _thesaurus("roget")
    spins = [spin(TEXT, rate=0.2, seed=s, thesaurus="roget") for s in range(10)]
    assert spins[3] == spin(TEXT, rate=0.2, seed=3, thesaurus="roget")
    subs = [sub for spun in spins for sub in spun.substitutions]
    assert len(subs) >= 50
    assert all(_in_table(sub, table) for sub in subs)
    # A different spinner than Moby on the same seeds.
    moby = [spin(TEXT, rate=0.2, seed=s, thesaurus="moby") for s in range(10)]
    assert sum(a.text != b.text for a, b in zip(spins, moby, strict=True)) >= 9


def test_roget_table_leaves_function_words_alone() -> None:
    # Roget files "with" under Opposition ("with" -> "conflict"); the build rule keeps single words
    # WordNet does not know (function words) out of the table.
    table = _thesaurus("roget")
    for word in ("with", "of", "the", "by", "from"):
        assert word not in table


def test_unknown_thesaurus_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown thesaurus"):
        spin(TEXT, thesaurus="roget1852")
