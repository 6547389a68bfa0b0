"""The learned detector's model (analyzer.spin_model): the file format and its validation, the
second stage and its document inputs, and the binned first stage against a plain computation."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from analyzer import spin_model
from analyzer.resources import ModelError, model_path
from analyzer.spin_model import DENSE_BLOCKS, DIMENSIONS, FEATURES, parse_model
from analyzer.spinning import candidates, candidates_many
from tests.test_spinning import sample_texts


def _shipped() -> dict:
    return json.loads(model_path(spin_model.MODEL_FILE).read_text(encoding="utf-8"))


def test_shipped_model_loads_and_respects_threshold_order() -> None:
    model = spin_model.load_model(model_path(spin_model.MODEL_FILE))
    assert 0 < model.rare_threshold <= model.threshold < 1
    probs = model.probabilities(np.zeros((3, len(FEATURES))), np.zeros((3, len(DENSE_BLOCKS) * DIMENSIONS)))
    assert probs.shape == (3,) and np.all((probs > 0) & (probs < 1))


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
        lambda d: d.update(format_version=1),
        lambda d: d.update(stage2={"inputs": ["zipf_word"]}),
        lambda d: d.update(stage2=_stage2(hidden=2, inputs=["zipf_word", "zipf_word", spin_model.STAGE2_INPUT])),
        lambda d: d.update(stage2=_stage2(hidden=2, inputs=["no_such_feature", spin_model.STAGE2_INPUT])),
        lambda d: d.update(stage2=_stage2(hidden=2, inputs=[spin_model.STAGE2_INPUT, "zipf_word"])),
        lambda d: d.update(stage2=_stage2(hidden=2, inputs=[3, spin_model.STAGE2_INPUT])),
        lambda d: d.update(stage2={**_stage2(hidden=2), "inputs": "zipf_word"}),
        # Document inputs came with format v4.
        lambda d: d.update(format_version=3, stage2=_stage2(
            hidden=2, inputs=["zipf_word", *spin_model.DOC_INPUTS, spin_model.STAGE2_INPUT])),
        lambda d: d.update(stage2=_stage2(hidden=2, inputs=["zipf_word", *spin_model.DOC_INPUTS[::-1],
                                                            spin_model.STAGE2_INPUT])),
        lambda d: d.update(stage2=_stage2(hidden=4, drop_row=True)),
        lambda d: d.update(stage2=_stage2(hidden=4, scale=0.0)),
        lambda d: d.update(stage2=_stage2(hidden=4, out_bias=float("inf"))),
        lambda d: d.update(format_version=2, stage2=_stage2(hidden=4)),
    ],
)
def test_malformed_model_rejected(mutate) -> None:
    data = _shipped()
    mutate(data)
    with pytest.raises(ModelError):
        parse_model(data)


def _stage2(hidden: int, drop_row: bool = False, scale: float = 1.0, out_bias: float = 0.0,
            inputs: list | None = None) -> dict:
    inputs = [*FEATURES, spin_model.STAGE2_INPUT] if inputs is None else inputs
    rows = [[0.0] * hidden for _ in inputs][: len(inputs) - drop_row]
    return {"inputs": inputs, "hidden": hidden, "mean": [0.0] * len(inputs), "scale": [scale] * len(inputs),
            "hidden_weights": rows, "hidden_bias": [0.0] * hidden, "out_weights": [0.0] * hidden,
            "out_bias": out_bias}


def test_stage2_network_replaces_first_stage_probability() -> None:
    data = _shipped()
    data.pop("stage2", None)
    first = parse_model(data)
    raw = np.zeros((2, len(FEATURES)))
    dense = np.zeros((2, len(DENSE_BLOCKS) * DIMENSIONS))
    # One unit passing the first stage's log-odds through (ReLU of x + 10, minus 10): same probability.
    net = _stage2(hidden=1)
    net["hidden_weights"][-1] = [1.0]
    net.update(hidden_bias=[10.0], out_weights=[1.0], out_bias=-10.0)
    data.update(format_version=spin_model.MODEL_FORMAT_VERSION, stage2=net)
    assert np.allclose(parse_model(data).probabilities(raw, dense), first.probabilities(raw, dense))
    # A network that ignores its inputs gives its own constant.
    data["stage2"] = _stage2(hidden=2, out_bias=2.0)
    assert np.allclose(parse_model(data).probabilities(raw, dense), 1 / (1 + np.exp(-2.0)))


def test_stage2_reads_a_subset_of_features_by_name() -> None:
    """A file whose network reads fewer FEATURES (one written before FEATURES grew) still loads and
    reads each named column, whatever its position in FEATURES."""
    data = _shipped()
    name = "originals_rarer"
    net = _stage2(hidden=1, inputs=[name, spin_model.STAGE2_INPUT])
    net["hidden_weights"] = [[1.0], [0.0]]
    net.update(hidden_bias=[0.0], out_weights=[1.0], out_bias=0.0)
    data["stage2"] = net
    raw = np.zeros((2, len(FEATURES)))
    raw[1, FEATURES.index(name)] = 0.5
    dense = np.zeros((2, len(DENSE_BLOCKS) * DIMENSIONS))
    assert np.allclose(parse_model(data).probabilities(raw, dense), 1 / (1 + np.exp(-np.array([0.0, 0.5]))))


def test_doc_inputs_summarise_the_whole_article() -> None:
    logits = np.log(np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]) /
                    (1 - np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99])))
    doc = spin_model.doc_inputs(logits)
    assert doc.shape == (11, len(spin_model.DOC_INPUTS)) and np.all(doc == doc[0])
    assert np.isclose(doc[0, 0], np.mean(1 / (1 + np.exp(-logits))))
    assert np.isclose(doc[0, 1], 0.99)  # the top 10% of 11 candidates: the highest one
    assert spin_model.doc_inputs(np.zeros(0)).shape == (0, len(spin_model.DOC_INPUTS))


def test_doc_inputs_make_a_word_more_suspect_among_likely_swaps() -> None:
    """The shipped network reads the document inputs: the same candidate row scores higher when
    the article's other candidates look spun."""
    model = spin_model.default_model()
    assert model.stage2 is not None and model.stage2.doc
    text = "Rebels attacked the town, a warfare monitor said, and fighting continued near the border."
    c = candidates(text)
    row = [text[s:e] for s, e in c.spans].index("warfare")
    alone = model.probabilities(c.raw[row : row + 1], c.dense[row : row + 1])[0]
    spun = candidates("The pinnacle of the Islamic State workforce mentioned wasteland spaces past due Saturday.")
    raw = np.vstack((c.raw[row : row + 1], spun.raw))
    dense = np.vstack((c.dense[row : row + 1], spun.dense))
    clean = candidates("The head of the Islamic State group said desert areas were hit late on Saturday.")
    raw_c = np.vstack((c.raw[row : row + 1], clean.raw))
    dense_c = np.vstack((c.dense[row : row + 1], clean.dense))
    assert model.probabilities(raw, dense)[0] > model.probabilities(raw_c, dense_c)[0]
    assert 0 < alone < 1


def test_model_file_error_names_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "spin.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="spin.json"):
        spin_model.load_model(bad)


def _plain_first_stage(model: spin_model.SpinModel, raw: np.ndarray, dense: np.ndarray) -> np.ndarray:
    """Bins by np.searchsorted per feature (NaN and +inf in bin 0), summed left to right."""
    z = np.full(raw.shape[0], model.intercept)
    for col, edges, weights in zip(model.columns, model.edges, model.weights, strict=True):
        values = raw[:, col]
        bins = np.searchsorted(edges, values, side="right")
        bins[~(values < np.inf)] = 0
        z = z + weights[bins]
    return z + dense @ model.dense_weights


def test_binned_first_stage_equals_searchsorted_bins(seeds_dir: Path) -> None:
    model = spin_model.default_model()
    assert model is not None
    cands = [c for c in candidates_many(sample_texts(seeds_dir)) if c.spans]
    rng = np.random.default_rng(0)
    for c in cands:
        assert model.first_stage(c.raw, c.dense).tobytes() == _plain_first_stage(model, c.raw, c.dense).tobytes()
    # Values on the edges, next to them, infinite and NaN.
    raw = np.concatenate([c.raw for c in cands])[:200].copy()
    for _ in range(2000):
        i, f = rng.integers(len(raw)), rng.integers(len(model.columns))
        edges = model.edges[f]
        edge = rng.choice(edges) if len(edges) else 0.0
        raw[i, model.columns[f]] = rng.choice([edge, np.nextafter(edge, -np.inf), np.nextafter(edge, np.inf),
                                               np.inf, -np.inf, np.nan, -0.0, 1e300, -1e300])
    dense = np.concatenate([c.dense for c in cands])[:200]
    assert model.first_stage(raw, dense).tobytes() == _plain_first_stage(model, raw, dense).tobytes()
    empty = model.first_stage(np.zeros((0, len(FEATURES))), np.zeros((0, spin_model.DENSE_WIDTH)))
    assert empty.shape == (0,)



def test_probabilities_many_equals_probabilities_per_article(seeds_dir: Path) -> None:
    """The batch form (spinning.prefetch) gives each article the very floats of the per-article form,
    articles without candidates included."""
    model = spin_model.default_model()
    assert model is not None
    texts = sample_texts(seeds_dir)
    found = candidates_many(["", *texts[:5], "No candidate here.", *texts[5:]])
    many = model.probabilities_many([c.raw for c in found], [c.dense for c in found])
    assert len(many) == len(found)
    for c, probs in zip(found, many, strict=True):
        expected = model.probabilities(c.raw, c.dense) if len(c) else np.zeros(0)
        assert probs.tobytes() == expected.tobytes()
    assert model.probabilities_many([], []) == []
