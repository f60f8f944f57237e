"""Stand-ins the tests use where the real part would make a sound."""

from __future__ import annotations


class FakePlayer:
    """An alert player that counts instead of chiming (ui.console.alert.AlertPlayer)."""

    def __init__(self) -> None:
        self.count = 0

    def play(self) -> None:
        self.count += 1
