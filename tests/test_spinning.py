"""Spun-phrase detector: inline cases, seeds, and evaluation floors on the shared BBC data."""

from __future__ import annotations

import json
from pathlib import Path

from analyzer.spinner import spin
from analyzer.spinning import find_spun, spin_features


def test_japanese_for_eastern_is_flagged_with_suggestion() -> None:
    text = "Fighting raged in japanese Syria on Sunday."
    flags = find_spun(text)
    assert [(f.text, f.suggestion) for f in flags] == [("japanese", "eastern")]
    assert flags[0].signal == "translation" and flags[0].kind == "tortured_phrase"
    assert text[flags[0].start : flags[0].end] == "japanese"


def test_spinner_phrases_get_original_wording() -> None:
    text = (
        "Most of them were other halves and children, in line with the monitor. "
        "They were detained through the SDF past due Saturday, after a pause of greater than a week."
    )
    got = {f.text: f.suggestion for f in find_spun(text)}
    assert got["other halves"] == "wives"
    assert got["in line with"] == "according to"
    assert got["through"] == "by"
    assert got["past due"] == "late"
    assert got["greater than"] == "more than"


def test_clean_sentences_unflagged() -> None:
    clean = (
        "The Japanese government said on Sunday that interest rates were in line with expectations. "
        "Inflation was greater than the bank had forecast, the head of the central bank mentioned "
        "earlier this year, and the figure was passed through to consumers."
    )
    assert find_spun(clean) == []


def test_features_have_stable_keys_and_rise_with_flags() -> None:
    spun_text = "Rebels fought in japanese Syria, a warfare monitor mentioned. Other halves fled."
    clean_text = "Rebels fought in eastern Syria, a war monitor said. Wives fled."
    keys = {"spin_flags_per_100w", "known_phrase_per_100w", "rare_synonym_per_100w", "mean_flag_strength"}
    spun_f = spin_features(spun_text, find_spun(spun_text))
    clean_f = spin_features(clean_text, find_spun(clean_text))
    assert set(spun_f) == keys == set(clean_f)
    assert spun_f["spin_flags_per_100w"] > clean_f["spin_flags_per_100w"] == 0.0


def test_seeds(seeds_dir: Path) -> None:
    counts = {p.name[:3]: len(find_spun(p.read_text(encoding="utf-8"))) for p in seeds_dir.glob("0*.txt")}
    # Measured by evaluation/eval_spinning.py: seed 003 gets 31 flags, the clean seeds none.
    assert counts["003"] >= 25
    for clean in ("000", "002", "004"):
        assert counts[clean] <= 1


def test_bbc_false_flags_and_recall_floor(shared_data: Path) -> None:
    lines = (shared_data / "news" / "bbc_dev.jsonl").read_text(encoding="utf-8").splitlines()[:300]
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    flags = sum(len(find_spun(t)) for t in texts)
    # Measured 0.022 false flags per 1,000 words on all of bbc_dev.jsonl (issue target <= 1).
    assert 1000 * flags / words <= 0.5
    stray = spun_words = 0
    for k, text in enumerate(texts[:100]):
        spun = spin(text, rate=0.05, seed=k)
        assert spun.substitutions
        spun_words += len(spun.text.split())
        for h in find_spun(spun.text):
            stray += not any(h.start < s.end and h.end > s.start for s in spun.substitutions)
    # Spinning must not make the curated patterns fire on untouched words (0.02 per 1,000 measured).
    assert 1000 * stray / spun_words <= 0.5
