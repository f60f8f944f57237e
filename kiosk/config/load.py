"""``load_settings``: the file (or ``KIOSK_CONFIG``), then ``KIOSK_*`` variables, then flags,
each value checked against its key before it counts."""

from __future__ import annotations

import os
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.config.keys import KEYS, KEYS_BY_NAME
from kiosk.config.record import Key, Record
from kiosk.config.settings import Settings
from kiosk.config.validate import check_environment, check_language, coerce, unknown_key
from kiosk.errors import ConfigError


def load_settings(
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Read the file (or ``KIOSK_CONFIG``), then the environment, then flags given as dotted keys.

    Raises ConfigError naming the key and what it allows.
    """
    environ = os.environ if environ is None else environ
    check_environment(environ)
    values: dict[str, Any] = {}
    path = config_file or environ.get("KIOSK_CONFIG")
    if path:
        path = Path(path)
        for dotted, value in _flatten(_read_toml(path)).items():
            spec = KEYS_BY_NAME.get(dotted)
            if spec is None:
                raise unknown_key(dotted, str(path))
            values[dotted] = coerce(spec, value, str(path))
    for spec in KEYS:
        if spec.env in environ:
            values[spec.dotted] = coerce(
                spec, environ[spec.env], f"environment {spec.env}", from_env=True
            )
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        spec = KEYS_BY_NAME[dotted]
        values[dotted] = coerce(spec, value, "command line")
    settings = typing.cast(Settings, _build(Settings, values))
    check_language(settings.kiosk.default_language)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"configuration file {path} does not exist") from None
    except IsADirectoryError:
        raise ConfigError(
            f"configuration file {path} is a folder: give the .toml file in it"
        ) from None
    except PermissionError:  # an installed kiosk's file is readable by its user only
        raise ConfigError(
            f"configuration file {path} is not readable by this user: "
            "run the command as the kiosk's user (sudo -u kiosk kiosk ...)"
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in table.items():
        dotted = f"{prefix}{name}"
        if isinstance(value, dict) and dotted not in KEYS_BY_NAME:
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def _build(cls: type[Record], values: Mapping[str, Any], prefix: str = "") -> Record:
    kwargs: dict[str, Any] = {}
    for name, declared in cls.declared.items():
        dotted = f"{prefix}{name}"
        if not isinstance(declared, Key):
            kwargs[name] = _build(declared.record, values, dotted + ".")
        elif dotted in values:
            kwargs[name] = values[dotted]
    return cls(**kwargs)
