"""State read as it is now, through a call.

A test acts (a tap, a tick of the clock) and checks the same attribute again. A type checker
keeps what an earlier check of ``engine.state.phase`` or ``kiosk.prefs.size`` proved across
the action, as if nothing could change it; the value of a call is read afresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.flow.engine import FlowEngine
    from kiosk.flow.state import Phase
    from ui.kiosk.prefs import Prefs
    from ui.kiosk.window import KioskWindow


def phase(engine: FlowEngine) -> Phase:
    """The visit's phase now."""
    return engine.state.phase


def prefs(kiosk: KioskWindow) -> Prefs:
    """The resident's choices now (the window replaces them on every change)."""
    return kiosk.prefs
