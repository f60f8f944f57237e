"""``kiosk check-services``: validate service files and print every problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.catalog.loader import CatalogueError, load_catalogue
from kiosk.commands.common import add_config_option, settings_from_args
from kiosk.errors import ConfigError


def _check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [settings_from_args(args).services_dir]
    for path in paths:
        if not path.exists():
            raise ConfigError(f"{path} does not exist")
    try:
        catalogue = load_catalogue(*paths)
    except CatalogueError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) found")
        return 2
    for service in catalogue.services:
        print(
            f"ok  {service.id:24} {len(service.steps):2} steps  {service.title.zh} / "
            f"{service.title.en}"
        )
    print(f"{len(catalogue.services)} service(s), no problems")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("check-services", help="validate service files")
    add_config_option(parser)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders of *.toml")
    parser.set_defaults(func=_check)
