"""``kiosk check-services`` (validate service files) and ``kiosk services ...`` (versions
published to the hall's store: publish, list, show, diff, rollback, compare)."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk import report_compare
from kiosk.api.services import ServiceVersions
from kiosk.api.store import Store
from kiosk.catalog.loader import CatalogueError, load_catalogue
from kiosk.catalog.schema import Catalogue
from kiosk.commands.common import (
    add_config_option,
    add_data_options,
    print_json,
    settings_from_args,
)
from kiosk.config import Settings
from kiosk.errors import ConfigError
from kiosk.report.known import unknown


def _print_problems(exc: CatalogueError) -> int:
    for problem in exc.problems:
        print(problem)
    print(f"{len(exc.problems)} problem(s) found")
    return 2


def _check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [settings_from_args(args).services_dir]
    for path in paths:
        if not path.exists():
            raise ConfigError(f"{path} does not exist")
    try:
        catalogue = load_catalogue(*paths)
    except CatalogueError as exc:
        return _print_problems(exc)
    for service in catalogue.services:
        print(
            f"ok  {service.id:24} {len(service.steps):2} steps  {service.title.zh} / "
            f"{service.title.en}"
        )
    print(f"{len(catalogue.services)} service(s), no problems")
    return 0


# -- kiosk services ---------------------------------------------------------------------------


@contextmanager
def _versions(settings: Settings) -> Iterator[ServiceVersions]:
    store = Store.open(settings.db_url, create=False)  # `kiosk db upgrade` makes a store
    try:
        yield ServiceVersions(store, settings.services_dir)
    finally:
        store.close()


def _author(args: argparse.Namespace) -> str:
    if args.author:
        return str(args.author)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _publish(args: argparse.Namespace, settings: Settings) -> int:
    with _versions(settings) as api:
        try:
            stored = api.publish([Path(p) for p in args.files], _author(args), args.note)
        except CatalogueError as exc:
            return _print_problems(exc)
    for item in stored:
        if item.version is None:
            print(f"unchanged  {item.service_id}: the same as v{item.previous}")
        else:
            print(f"published  {item.service_id} v{item.version} (was v{item.previous})")
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    with _versions(settings) as api:
        rows = api.history(args.service) if args.all else api.current()
        shipped = api.shipped
    if args.service:
        rows = [r for r in rows if r.service_id == args.service]
        shipped = Catalogue(tuple(s for s in shipped.services if s.id == args.service))
    if args.json:
        print_json([dataclasses.asdict(r) for r in rows])
        return 0
    published = {r.service_id for r in rows}
    for r in rows:
        what = "shipped file" if r.withdrawn else (r.filename or "")
        back = f" (rollback to v{r.rollback_of})" if r.rollback_of is not None else ""
        print(
            f"{r.service_id:24} v{r.version:<3} {r.created_at}  {r.author or '-':12} "
            f"{what}{back}  {r.note}".rstrip()
        )
    for service in shipped.services:
        if service.id not in published:
            print(f"{service.id:24} v0   shipped")
    return 0


def _check_known(
    api: ServiceVersions, service: str, *versions: int | None, shipped: bool = True
) -> None:
    """An unknown service or version is the caller's mistake (exit 2), said before anything is
    read or stored; ``shipped``: version 0, the shipped file, is one of the service's."""
    history = api.history(service)
    try:
        files = {s.id for s in api.shipped.services}
    except (CatalogueError, OSError):
        files = set()  # the store's versions still count
    if not history and service not in files:
        raise unknown("service", service, files | {r.service_id for r in api.current()})
    numbers = {r.version for r in history}
    for version in versions:
        if version is None or version in numbers or (version == 0 and shipped):
            continue
        known = f"its versions are 1 to {max(numbers)}" if numbers else "none is published yet"
        zero = "; 0 is the shipped file" if shipped else "; 0, the shipped file, has none before it"
        raise ConfigError(f"service '{service}' has no version {version}: {known}{zero}")


def _show(args: argparse.Namespace, settings: Settings) -> int:
    with _versions(settings) as api:
        _check_known(api, args.service, args.version)
        _, text = api.content(args.service, args.version)
    print(text, end="" if text.endswith("\n") else "\n")
    return 0


def _diff(args: argparse.Namespace, settings: Settings) -> int:
    with _versions(settings) as api:
        _check_known(api, args.service, args.a, args.b)
        text = api.diff(args.service, args.a, args.b)
    print(text or f"v{args.a} and v{args.b} of {args.service} are the same", end="")
    if not text:
        print()
    return 0


def _rollback(args: argparse.Namespace, settings: Settings) -> int:
    with _versions(settings) as api:
        _check_known(api, args.service, args.to)
        try:
            item = api.rollback(args.service, args.to, _author(args), args.note)
        except CatalogueError as exc:
            print("the version to go back to no longer passes the checks; nothing was changed:")
            return _print_problems(exc)
    to = item.to or 0
    print(
        f"rolled back {item.service_id}: v{item.version} serves "
        f"{'the shipped file' if to == 0 else f'the content of v{to}'} (was v{item.previous})"
    )
    return 0


def print_comparison(settings: Settings, service: str, version: int, as_json: bool) -> int:
    """A service's funnel and completion before and after a version, side by side (also
    ``kiosk report --compare``)."""
    with _versions(settings) as api:
        _check_known(api, service, version, shipped=False)
        result = api.compare(service, version)
    if as_json:
        print_json(dataclasses.asdict(result))
    else:
        print(report_compare.render_text(result))
    return 0


def _compare(args: argparse.Namespace, settings: Settings) -> int:
    return print_comparison(settings, args.service, args.version, args.json)


def _services(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    actions: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
        "publish": _publish,
        "list": _list,
        "show": _show,
        "diff": _diff,
        "rollback": _rollback,
        "compare": _compare,
    }
    return actions[args.services_command](args, settings)


def _version(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a version number (0, 1, 2...), not {value!r}")
    return int(value)


def _register_versions(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("services", help="service versions published to the hall's store")
    actions = parser.add_subparsers(dest="services_command", required=True, metavar="ACTION")
    pub = actions.add_parser(
        "publish", help="check service files as check-services does, store each as a new version"
    )
    pub.add_argument("files", nargs="+", metavar="FILE", help="service files or folders")
    lst = actions.add_parser("list", help="the current version of every service")
    lst.add_argument("--all", action="store_true", help="every version, oldest first")
    lst.add_argument("--service", metavar="ID", help="only this service")
    lst.add_argument("--json", action="store_true", help="machine-readable")
    show = actions.add_parser("show", help="the text of a version (default: the current one)")
    show.add_argument("service", metavar="ID")
    show.add_argument("--version", type=_version, metavar="N", help="0: the shipped file")
    diff = actions.add_parser("diff", help="what changed between two versions")
    diff.add_argument("service", metavar="ID")
    diff.add_argument("a", type=_version, metavar="A")
    diff.add_argument("b", type=_version, metavar="B")
    back = actions.add_parser(
        "rollback", help="serve an older version again (stored as a new version)"
    )
    back.add_argument("service", metavar="ID")
    back.add_argument(
        "--to", type=_version, metavar="N", help="default: the one before; 0: the shipped file"
    )
    compare = actions.add_parser("compare", help="funnel and completion before and after a version")
    compare.add_argument("service", metavar="ID")
    compare.add_argument("--version", type=_version, metavar="N", required=True)
    compare.add_argument("--json", action="store_true", help="machine-readable")
    for action in (pub, back):
        action.add_argument("--author", metavar="A", help="who (default: the login name)")
        action.add_argument("--note", default="", metavar="N", help="why, in a few words")
    for action in (pub, lst, show, diff, back, compare):
        add_data_options(action)
        action.set_defaults(func=_services)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("check-services", help="validate service files")
    add_config_option(parser)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders of *.toml")
    parser.set_defaults(func=_check)
    _register_versions(sub)
