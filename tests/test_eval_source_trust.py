"""evaluation/eval_source_trust.py's estimators on sources whose dispersion is known."""

from __future__ import annotations

import random

import pytest

from tests.helpers import load_script


@pytest.fixture(scope="module")
def script():  # type: ignore[no-untyped-def]
    return load_script("evaluation/eval_source_trust.py")


def test_the_pooled_dispersion_recovers_a_known_kappa(script) -> None:  # type: ignore[no-untyped-def]
    """Sources drawn from Beta(mu kappa, (1 - mu) kappa) with kappa 5: the moments estimate is near 5,
    and the Bernoulli reading (kappa 0) is far from it."""
    rng = random.Random(3)
    groups = {f"s{j}": [rng.betavariate(mu * 5, (1 - mu) * 5) for _ in range(200)]
              for j, mu in enumerate((0.3, 0.6, 0.8, 0.9))}
    phi, kappa = script.dispersion(groups)
    assert kappa == pytest.approx(5, abs=0.6) and phi == pytest.approx(1 / (kappa + 1))


def test_the_candidate_interval_narrows_with_the_dispersion_and_keeps_its_mean_inside(script) -> None:  # type: ignore[no-untyped-def]
    xs = [0.8, 0.85, 0.9, 0.75, 0.95]
    wide = script.beta_within(1.0, None, 2.0)(xs, 5)  # phi 1: each article one Bernoulli outcome
    narrow = script.beta_within(1 / 5.73, None, 2.0)(xs, 5)
    assert wide[:3] == pytest.approx(script.old_uniform(xs, 5)[:3])
    for mean, low, high, p_low, p_high in (wide, narrow):
        assert low <= mean <= high and p_low <= mean <= p_high
    assert narrow[2] - narrow[1] < (wide[2] - wide[1]) / 2
