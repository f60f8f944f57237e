"""Errors that end a command with a documented exit code (see DESIGN.md, Contracts)."""

from __future__ import annotations


class KioskError(Exception):
    """Base of the errors a command reports as a message, not a traceback."""

    exit_code = 1


class ConfigError(KioskError):
    """Wrong usage or configuration: exit 2."""

    exit_code = 2


class OperationFailed(KioskError):
    """A device or an operation failed; the message says which: exit 3."""

    exit_code = 3
