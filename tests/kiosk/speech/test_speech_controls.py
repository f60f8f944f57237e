"""Rate steps and volume steps."""

from __future__ import annotations

import pytest

from kiosk.speech.controls import (
    VOLUME_STEPS_DB,
    gain_for_db,
    gain_for_step,
    rate_for_step,
    volume_step_for_gain,
)


def test_three_rates_around_the_default() -> None:
    assert [rate_for_step(s) for s in ("slow", "normal", "fast")] == [140, 165, 195]
    assert rate_for_step("normal", 180) == 180
    with pytest.raises(ValueError):
        rate_for_step("very slow")


def test_volume_range_is_at_least_18_db() -> None:
    assert VOLUME_STEPS_DB[-1] - VOLUME_STEPS_DB[0] >= 18
    assert gain_for_step(len(VOLUME_STEPS_DB) - 1) == 1.0
    assert gain_for_step(0) == pytest.approx(gain_for_db(-24.0))
    assert gain_for_db(-20.0) == pytest.approx(0.1)
    assert gain_for_step(99) == 1.0 and gain_for_step(-5) == gain_for_step(0)


def test_configured_default_volume_maps_to_the_nearest_step() -> None:
    assert VOLUME_STEPS_DB[volume_step_for_gain(0.7)] == -4.0
    assert volume_step_for_gain(1.0) == len(VOLUME_STEPS_DB) - 1
    assert volume_step_for_gain(0.0) == 0
