"""The test tiers of tests/conftest.py: loop sizes per tier, and fuzz cases that replay."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import Tier


def test_each_tier_picks_its_own_sizes(tier: Tier) -> None:
    quick, soak = type(tier)(False, 7, "t.py::x"), type(tier)(True, 7, "t.py::x")
    assert (quick.repeats(2, 9), soak.repeats(2, 9)) == (2, 9)
    assert (quick.seconds(0.5, 60.0), soak.seconds(0.5, 60.0)) == (0.5, 60.0)


def test_fuzz_cases_are_seeded_per_iteration(tier: Tier) -> None:
    def draws(seed: int, quick: int) -> list[float]:
        seen: list[float] = []
        ran = type(tier)(False, seed, "t.py::x").fuzz(
            lambda rng: seen.append(rng.random()), quick=quick, soak=100
        )
        assert ran == quick
        return seen

    assert draws(7, 3) == draws(7, 3)  # the same seed replays the same cases
    assert draws(7, 5)[:3] == draws(7, 3)  # a case does not depend on how many ran
    assert draws(7, 3) != draws(8, 3)


def test_a_failing_fuzz_case_names_how_to_replay_it(tier: Tier) -> None:
    def case(rng: random.Random) -> None:
        calls.append(rng)
        assert len(calls) < 5, "the fifth case fails"

    calls: list[random.Random] = []
    soak = type(tier)(True, 7, "t.py::x")
    with pytest.raises(AssertionError) as caught:
        soak.fuzz(case, quick=2, soak=50)
    assert str(caught.value) == (
        "fuzz case 4 of 50 failed (seed 7; replay: pytest 't.py::x' --seed 7 --soak)"
    )
    assert "the fifth case fails" in str(caught.value.__cause__)
