"""Spun-phrase detector: inline cases, the model loader, seeds, and evaluation floors on BBC data."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from analyzer import lexicons, spinning
from analyzer.resources import model_path
from analyzer.spinner import spin
from analyzer.spinning import (
    DENSE_BLOCKS,
    DIMENSIONS,
    FEATURES,
    ModelError,
    candidates,
    find_spun,
    parse_model,
    spin_features,
)

ROOT = Path(__file__).resolve().parent.parent


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


def test_candidates_have_one_feature_row_each_and_skip_names() -> None:
    text = "A warfare monitor mentioned that Smith left. War broke out."
    cands = candidates(text)
    assert cands.raw.shape == (len(cands.spans), len(FEATURES))
    words = [text[s:e] for s, e in cands.spans]
    assert "warfare" in words and "mentioned" in words
    assert "Smith" not in words  # mid-sentence capital: a name, never a candidate
    assert cands.originals[words.index("warfare")] == "war"


def test_learned_probability_higher_for_spun_wording() -> None:
    clean = "The war monitor said heavy fighting continued in the east of the country on Sunday."
    spun = "The warfare monitor mentioned heavy fighting continued in the east of the country on Sunday."
    p_clean = spin_features(clean, find_spun(clean))["mean_spin_probability"]
    p_spun = spin_features(spun, find_spun(spun))["mean_spin_probability"]
    assert p_spun > p_clean


def test_features_have_stable_keys_and_rise_with_flags() -> None:
    spun_text = "Rebels fought in japanese Syria, a warfare monitor mentioned. Other halves fled."
    clean_text = "Rebels fought in eastern Syria, a war monitor said. Wives fled."
    keys = {"spin_flags_per_100w", "known_phrase_per_100w", "rare_synonym_per_100w", "mean_flag_strength",
            "learned_spin_per_100w", "mean_spin_probability"}
    spun_f = spin_features(spun_text, find_spun(spun_text))
    clean_f = spin_features(clean_text, find_spun(clean_text))
    assert set(spun_f) == keys == set(clean_f)
    assert spun_f["spin_flags_per_100w"] > clean_f["spin_flags_per_100w"] == 0.0
    assert spin_features("", []) == dict.fromkeys(keys, 0.0)


# --- model file -------------------------------------------------------------------------------

def _shipped() -> dict:
    return json.loads(model_path(spinning.MODEL_FILE).read_text(encoding="utf-8"))


def test_shipped_model_loads_and_respects_threshold_order() -> None:
    model = spinning.load_model(model_path(spinning.MODEL_FILE))
    assert 0 < model.rare_threshold <= model.threshold < 1
    probs = model.probabilities(np.zeros((3, len(FEATURES))), np.zeros((3, len(DENSE_BLOCKS) * DIMENSIONS)))
    assert probs.shape == (3,) and np.all((probs > 0) & (probs < 1))


def test_vector_table_is_plain_int8_and_unit_length() -> None:
    words, matrix = lexicons.vectors(spinning.VECTORS)
    assert matrix.shape == (len(words), DIMENSIONS)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)
    row = {w: i for i, w in enumerate(words)}
    # GloVe puts related news words closer than unrelated ones: the fit features rest on this.
    assert matrix[row["eastern"]] @ matrix[row["syria"]] > matrix[row["japanese"]] @ matrix[row["syria"]]


def test_vector_features_prefer_the_original_in_context() -> None:
    spun = "Rebels attacked the town, a warfare monitor said, and fighting continued near the border."
    clean = spun.replace("warfare", "war")
    gain = FEATURES.index("vec_fit_gain")
    c_spun, c_clean = candidates(spun), candidates(clean)
    row_spun = [spun[s:e] for s, e in c_spun.spans].index("warfare")
    row_clean = [clean[s:e] for s, e in c_clean.spans].index("war")
    assert c_spun.dense.shape == (len(c_spun.spans), len(DENSE_BLOCKS) * DIMENSIONS)
    # "warfare" -> "war" fits the context better; the real "war" has no better-fitting original.
    assert c_spun.raw[row_spun, gain] > 0 > c_clean.raw[row_clean, gain]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(format="other"),
        lambda d: d["features"][0].update(name="no_such_feature"),
        lambda d: d["features"][0].update(weights=[1.0]),
        lambda d: d["features"].append(copy.deepcopy(d["features"][0])),
        lambda d: d.update(threshold=1.5),
        lambda d: d.update(intercept=float("nan")),
        lambda d: d["features"][0].update(edges=[2.0, 1.0], weights=[0.0, 0.0, 0.0]),
        lambda d: d.pop("dense"),
        lambda d: d["dense"].update(weights=[0.0]),
        lambda d: d["dense"].update(blocks=["word"]),
        lambda d: d["dense"].update(scale="3"),
    ],
)
def test_malformed_model_rejected(mutate) -> None:
    data = _shipped()
    mutate(data)
    with pytest.raises(ModelError):
        parse_model(data)


def test_model_file_error_names_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "spin.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="spin.json"):
        spinning.load_model(bad)


# --- seeds and shared data ----------------------------------------------------------------------

def test_seeds(seeds_dir: Path) -> None:
    counts = {p.name[:3]: len(find_spun(p.read_text(encoding="utf-8"))) for p in seeds_dir.glob("0*.txt")}
    # Measured by evaluation/eval_spinning.py: seed 003 gets 31 flags, the clean seeds none.
    assert counts["003"] >= 25
    for clean in ("000", "002", "004"):
        assert counts[clean] <= 1


@pytest.fixture(scope="module")
def test_half(shared_data: Path) -> list[dict]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_spin_detector as T  # noqa: PLC0415

    return T.load_split()[2][:250]


def test_bbc_false_flags_recall_and_document_auc(test_half: list[dict]) -> None:
    import train_spin_detector as T  # noqa: PLC0415

    words = flags = 0
    clean_p = []
    for art in test_half:
        ev = find_spun(art["text"])
        flags += len(ev)
        words += candidates(art["text"]).n_words
        clean_p.append(spin_features(art["text"], ev)["mean_spin_probability"])
    # Issue target <= 1 per 1,000 words; evaluation/eval_spinning.py measures the held-out half.
    assert 1000 * flags / words <= 1.0
    for th in ("moby", "wordnet"):
        found = total = 0
        spun_p = []
        for art in test_half[:120]:
            spun = spin(art["text"], rate=0.05, seed=T._seed(art["id"], th), thesaurus=th)
            ev = find_spun(spun.text)
            total += len(spun.substitutions)
            found += sum(1 for s in spun.substitutions if any(f.start < s.end and f.end > s.start for f in ev))
            spun_p.append(spin_features(spun.text, ev)["mean_spin_probability"])
        # Floors a bit below the figures of evaluation/eval_spinning.py (far below the 0.6).
        assert found / total >= RECALL_FLOOR[th]
        assert T.auc(spun_p, clean_p[:120]) >= AUC_FLOOR[th]


RECALL_FLOOR = {"moby": 0.035, "wordnet": 0.15}
AUC_FLOOR = {"moby": 0.87, "wordnet": 0.94}
