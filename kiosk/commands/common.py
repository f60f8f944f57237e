"""Options and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.config import Settings, load_settings


def add_config_option(parser: argparse.ArgumentParser, *, nested: bool = False) -> None:
    parser.add_argument(
        "--config", metavar="FILE", help="configuration file (KIOSK_CONFIG)", **_unset(nested)
    )


def add_data_options(parser: argparse.ArgumentParser, *, nested: bool = False) -> None:
    """--config, --data-dir and --db: every command that touches data takes these.

    ``nested``: an action under a command that takes them too (``report cases``); its options
    leave unset what it was not given, so those given before the action stand."""
    add_config_option(parser, nested=nested)
    unset = _unset(nested)
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (KIOSK_DATA_DIR)", **unset)
    parser.add_argument("--db", metavar="URL", help="database URL (KIOSK_DB_URL)", **unset)


def _unset(nested: bool) -> dict[str, Any]:
    # argparse sets a sub-parser's defaults over what its parent parsed: a nested action's
    # default None would undo `kiosk report --db URL cases`.
    return {"default": argparse.SUPPRESS} if nested else {}


def settings_from_args(args: argparse.Namespace, **extra: Any) -> Settings:
    """Settings from the file, the environment and these flags, in rising precedence."""
    overrides: dict[str, Any] = {
        "paths.data_dir": getattr(args, "data_dir", None),
        "database.url": getattr(args, "db", None),
    }
    overrides.update(extra)
    return load_settings(getattr(args, "config", None), overrides=overrides)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
