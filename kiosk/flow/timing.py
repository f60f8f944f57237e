"""Every delay of a visit in one object, so tests shrink them and elder mode stretches them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.config import Settings


@dataclass(frozen=True)
class Timings:
    step_timeout_s: float = 90.0  # inactivity before the warning
    warning_s: float = 30.0  # the warning's countdown (at least 20 s by WCAG 2.2.1)
    max_extensions: int = 10  # "I need more time" presses allowed in one visit
    elder_multiplier: float = 3.0
    help_after_rejects: int = 3  # rejected inputs on one step before help is offered
    help_after_warnings: int = 2  # timeout warnings in one visit before help is offered
    help_after_backs: int = 3  # back presses in one visit (going back and forth)
    backend_timeout_s: float = 30.0  # a backend that neither answers nor fails by then is down
    # The warning's countdown starts once its words are said, but no later than this after it
    # appeared: a voice that never falls silent must not keep a visit open for ever.
    warning_said_within_s: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Timings:
        t = settings.timing
        return cls(t.step_timeout_s, t.warning_s, t.max_extensions, t.elder_multiplier)

    def for_visit(self, elder: bool) -> Timings:
        """Elder mode multiplies the time limits; counts stay as they are."""
        if not elder:
            return self
        m = self.elder_multiplier
        return replace(self, step_timeout_s=self.step_timeout_s * m, warning_s=self.warning_s * m)
