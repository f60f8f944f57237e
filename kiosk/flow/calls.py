"""What callers exchange with the flow engine: its error, what a tick found, the backend work
a step waits on, the answer to an input. Plain and cheap to import, so a front end holds these
without loading the engine before its first screen is painted."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # ID hashing (hashlib, OpenSSL) is not loaded with these
    from kiosk.identity import Resident


class FlowError(Exception):
    """A call that does not fit the current step: a bug in the caller, not a resident's error."""


class Tick(StrEnum):
    WARNING = "warning"
    TIMED_OUT = "timed_out"
    BACKEND_TIMEOUT = "backend_timeout"  # the step stopped waiting: show its ways forward


class Task(NamedTuple):
    """Work for the backend that the current step waits on.

    Made on the GUI thread with everything the worker needs (a copy of the resident, the
    visit's summary), so the worker never reads the live visit while the resident acts.
    """

    kind: str  # "lookup" or "ticket"
    operation: str
    params: Mapping[str, str]
    resident: Resident | None = None
    summary: str = ""


class InputResult(NamedTuple):
    accepted: bool
    problem: str | None = None  # a code the UI words for the resident
    again: bool = False  # the first of two entries was taken: ask for it again
