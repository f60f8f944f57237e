"""The resident's controls as numbers: three speaking rates and volume steps in decibels.

Pure arithmetic, shared by the synthesiser (rate) and the player (gain), and easy to test.
"""

from __future__ import annotations

import math

RATE_STEPS = ("slow", "normal", "fast")
# About 140 / 165 / 195 words a minute around the default: slowing synthetic speech much further
# makes it harder to follow, not easier (Wolters 2007).
_RATE_FACTORS = {"slow": 0.85, "normal": 1.0, "fast": 1.18}

# Seven steps of 4 dB: a 24 dB range, above the 18 dB EN 301 549 asks for.
VOLUME_STEPS_DB = (-24.0, -20.0, -16.0, -12.0, -8.0, -4.0, 0.0)


def rate_for_step(step: str, default_wpm: int = 165) -> int:
    if step not in _RATE_FACTORS:
        raise ValueError(f"rate step {step!r} unknown; expected one of {RATE_STEPS}")
    return round(default_wpm * _RATE_FACTORS[step])


def gain_for_db(db: float) -> float:
    """Linear amplitude gain for a level in dB (0 dB is full scale)."""
    return min(1.0, 10 ** (db / 20.0))


def gain_for_step(step: int) -> float:
    return gain_for_db(VOLUME_STEPS_DB[clamp_volume_step(step)])


def clamp_volume_step(step: int) -> int:
    return max(0, min(len(VOLUME_STEPS_DB) - 1, step))


def volume_step_for_gain(gain: float) -> int:
    """The step nearest a linear gain, e.g. the configured default volume 0.7 (about -3 dB)."""
    if gain <= 0:
        return 0
    db = 20 * math.log10(gain)
    return min(range(len(VOLUME_STEPS_DB)), key=lambda i: abs(VOLUME_STEPS_DB[i] - db))
