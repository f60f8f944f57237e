"""The checks: a value against its key, a misspelt key or variable (with the nearest names), the
language code and, in production, the devices. Each fails with a ``ConfigError`` that names the
key, where the value came from and what is allowed."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from kiosk.config.keys import KEYS, KeySpec, describe
from kiosk.config.settings import Settings
from kiosk.errors import ConfigError
from kiosk.text import language_codes

# How a variable says true or false (a file and a flag give TOML's and Python's booleans).
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")
# KIOSK_* variables that are not settings: the file's own name, and the scripts' and tests'.
NOT_SETTINGS = ("KIOSK_CONFIG", "KIOSK_VENV", "KIOSK_TOUR_DIR")
NOT_SETTINGS_PREFIX = "KIOSK_TEST_"


def coerce(spec: KeySpec, value: Any, source: str, *, from_env: bool = False) -> Any:
    """Check one value against its key; strings from the environment are parsed first."""
    wrong = ConfigError(
        f"{source}: key '{spec.dotted}' = {value!r} is not allowed; expected {describe(spec)}"
    )
    from_env = from_env and isinstance(value, str) and spec.type is not str
    if spec.choices:
        for choice in spec.choices:
            if value == choice or (from_env and str(choice) == value.strip()):
                return choice
        raise wrong
    if spec.type is bool:
        if isinstance(value, bool):
            return value
        if from_env and value.strip().lower() in TRUE_WORDS + FALSE_WORDS:
            return value.strip().lower() in TRUE_WORDS
        raise wrong
    if spec.type in (int, float):
        if from_env:
            try:
                value = spec.type(value.strip())
            except ValueError:
                raise wrong from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise wrong
        if spec.type is int and not isinstance(value, int):
            raise wrong
        if value != value or value in (float("inf"), float("-inf")):  # NaN passes < and >
            raise wrong
        if (spec.lo is not None and value < spec.lo) or (spec.hi is not None and value > spec.hi):
            raise wrong
        return spec.type(value)
    if not isinstance(value, str):
        raise wrong
    return value


def unknown_key(dotted: str, source: str) -> ConfigError:
    """A key the declarations do not have, with the keys its section does have."""
    section = dotted.rpartition(".")[0]
    known = [k.dotted for k in KEYS if k.section == section]
    hint = f"; keys of [{section}]: {', '.join(known)}" if known else ""
    return ConfigError(f"{source}: unknown key '{dotted}'{hint}")


def check_environment(environ: Mapping[str, str]) -> None:
    """A misspelt variable is refused like a misspelt key, not silently ignored."""
    known = {spec.env for spec in KEYS} | set(NOT_SETTINGS)
    for name in sorted(environ):
        if not name.startswith("KIOSK_") or name in known:
            continue
        if name.startswith(NOT_SETTINGS_PREFIX):
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise ConfigError(f"unknown environment variable {name}{hint}")


def check_language(code: str) -> None:
    """The languages are data (assets/languages.toml): a code is checked against the list."""
    if code not in language_codes():
        raise ConfigError(
            f"key 'kiosk.default_language' = {code!r} is not allowed; expected a code of the "
            f"language list: {', '.join(language_codes())}"
        )


def require_devices(settings: Settings) -> None:
    """In production every device needs its URL: an empty one is a configuration error."""
    for name in ("printer", "idcard", "scanner"):
        missing = missing_device(settings, name)
        if missing:
            raise ConfigError(missing)


def missing_device(settings: Settings, name: str) -> str | None:
    """Why ``kiosk run`` refuses to start for this device's configuration; None: it starts."""
    if settings.kiosk.mode != "production" or getattr(settings.devices, name).url:
        return None
    return (
        f'devices.{name}.url is empty: with kiosk.mode = "production" every device '
        "needs its port (an empty URL starts a simulator only in demo mode)"
    )
