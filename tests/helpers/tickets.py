"""The counter tickets a kiosk window asks its backend for, counted."""

from __future__ import annotations

import pytest

from kiosk.backends.base import Answer
from kiosk.flow.calls import Task
from kiosk.flow.engine import FlowEngine
from ui.kiosk.window import KioskWindow


def count_tickets(kiosk: KioskWindow, monkeypatch: pytest.MonkeyPatch) -> list[Task]:
    """Every counter ticket the kiosk asks the backend for, in order."""
    taken: list[Task] = []
    run_task = kiosk.visit.api.run_task

    def counting(engine: FlowEngine | None, task: Task) -> Answer:
        if task.kind == "ticket":
            taken.append(task)
        return run_task(engine, task)

    monkeypatch.setattr(kiosk.visit.api, "run_task", counting)
    return taken
