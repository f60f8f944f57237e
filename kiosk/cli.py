"""The ``kiosk`` command: the composition root.

Subcommands that need no window live in ``kiosk/commands/``; the ones that open a front end (run,
tour, console, serve) are defined here, and only here is ``ui`` imported, inside those functions.

Exit codes: 0 done; 2 usage or configuration; 3 a device or operation failed; 1 a bug.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kiosk.commands.common import add_data_options, settings_from_args
from kiosk.config import require_devices
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from kiosk.api.kiosk import KioskApi
    from kiosk.catalog.schema import Catalogue
    from kiosk.catalog.snapshot import Home
    from kiosk.config import Settings
    from kiosk.peripherals.port import Devices
    from ui.kiosk.app import KioskParts
    from ui.kiosk.arrivals import DeskMaker
    from ui.screens.base import Screens
    from ui.speech.port import Voice

log = logging.getLogger("kiosk")

# Modules under kiosk/commands that register subcommands; a missing one is left out, so the
# command keeps working while a part is being built.
COMMAND_MODULES = ("services", "data", "say", "devices", "staff", "doctor", "report")
WINDOW_COMMANDS = ("run", "tour", "console", "serve")  # defined here, by _register_window_commands


def kiosk_parts(settings: Settings) -> KioskParts:
    """What ``kiosk run`` opens after its window's first paint, and how. The imports are here,
    in the composition root, so the window's module loads none of the store, the drivers,
    the staff panels or Qt Multimedia before home is on the screen."""
    from ui.kiosk.app import KioskParts

    def home_catalogue() -> Home:  # before the first paint: its snapshot when current
        from kiosk.catalog.snapshot import home_catalogue

        return home_catalogue(settings, lambda: read_catalogue(settings))

    def open_screens() -> Screens:  # the startup worker: qrcode and PIL come with them
        from ui.screens.registry import SCREENS

        return SCREENS

    def open_desk() -> DeskMaker:  # the startup worker: the staff panels come with it
        from ui.assist.desk import HelpDesk

        return HelpDesk

    def open_api() -> KioskApi:  # the startup worker
        from kiosk.allocator import return_freed_memory
        from kiosk.api.kiosk import KioskApi

        return_freed_memory()  # a kiosk runs for weeks: what it frees goes back to the system
        api = KioskApi.open(settings)
        api.start_heartbeat()  # the running kiosk's heartbeat, on its own thread
        return api

    def open_devices(api: KioskApi) -> Devices:  # the startup worker
        from kiosk.peripherals.adapter import open_devices

        return open_devices(settings, api.record_device_event)

    def open_voice(parent: QObject) -> Voice:  # the GUI thread, last
        from ui.speech.voice import open_voice

        return open_voice(settings, parent)

    return KioskParts(home_catalogue, open_screens, open_desk, open_api, open_devices, open_voice)


def read_catalogue(settings: Settings) -> Catalogue:
    """The shipped service files with the versions this kiosk last served, parsed and checked."""
    from kiosk.catalog.effective import load_cached

    return load_cached(settings).catalogue


def crash_traces() -> None:
    """A crash in Qt's C++ (a segmentation fault, an abort, the watchdog's SIGABRT) leaves the
    Python stack of the thread it struck on stderr, the kiosk's log, whole, instead of dying
    silently.

    That thread's alone: faulthandler writes every thread's stack newest thread first, so the
    GUI (main) thread comes last, while the others run on, with the signal's default action
    already back in place; reading the frames of a thread that is running Python meanwhile can
    fault again and end the process in the middle of the dump, before the main thread is
    reached. The struck thread's own frames stand still while they are written."""
    faulthandler.enable(file=sys.stderr, all_threads=False)


def _cmd_run(args: argparse.Namespace) -> int:
    crash_traces()
    settings = settings_from_args(args, **{"display.fullscreen": False if args.windowed else None})
    # What the kiosk would fail on later, said here before any window: the same message as
    # `check-services`, exit 2 (a damaged service file is named so by open_kiosk's first read).
    require_devices(settings)
    # The cycle collector stays off from here: once the window is up, its collector runs it on
    # the GUI thread (ui.kiosk.collector). Meanwhile the start makes some 40,000 objects that
    # live as long as the process, and every 700 new ones had it look at them all again: about
    # 5 ms before home is on the screen.
    gc.disable()
    try:
        from ui.kiosk.app import run_kiosk

        return run_kiosk(settings, kiosk_parts(settings))
    finally:
        gc.enable()


def _cmd_tour(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    from ui.tour.tour import run_tour

    return run_tour(
        settings,
        out_dir=args.out,
        languages=args.lang.split(","),
        sizes=args.size.split(","),
        themes=args.theme.split(","),
        orientations=args.orientation.split(","),
        services=args.service,
    )


def _cmd_console(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    from ui.console.app import run_console

    return run_console(settings)


def _cmd_serve(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    from ui.web.app import serve

    return serve(settings, args.listen)


def _register_window_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = sub.add_parser("run", help="the kiosk (simulated devices and SQLite by default)")
    add_data_options(run)
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.set_defaults(func=_cmd_run)

    tour = sub.add_parser("tour", help="drive every service offscreen and screenshot each screen")
    add_data_options(tour)
    tour.add_argument(
        "--out", required=True, metavar="DIR", help="folder for PNGs and manifest.json"
    )
    tour.add_argument("--lang", default="zh,en", help="languages, comma-separated")
    tour.add_argument("--size", default="standard", help="text sizes: standard,large,largest")
    tour.add_argument("--theme", default="standard", help="themes: standard,dark,light")
    tour.add_argument("--orientation", default="landscape", help="landscape,portrait")
    tour.add_argument("--service", action="append", help="only this service (repeatable)")
    tour.set_defaults(func=_cmd_tour)

    console = sub.add_parser("console", help="the staff console")
    add_data_options(console)
    console.set_defaults(func=_cmd_console)

    serve = sub.add_parser(
        "serve",
        help="the hall server: helpers' phones, the counter, 掌上办 (prints 'listening on PORT')",
    )
    add_data_options(serve)
    serve.add_argument(
        "--listen", metavar="HOST:PORT", help="address to listen on ([server] listen; port 0: any)"
    )
    serve.set_defaults(func=_cmd_serve)


def build_parser(*, window_only: bool = False) -> argparse.ArgumentParser:
    """Every subcommand; ``window_only``: those defined here alone (run, tour, console, serve),
    without importing the modules of the others."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Self-service kiosk for social-security halls."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _register_window_commands(sub)
    if window_only:
        return parser
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"kiosk.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kiosk.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def command_named(argv: Sequence[str]) -> str:
    """The subcommand in ``argv``: its first word that is not an option (the command's own
    options, -v, take no value)."""
    return next((arg for arg in argv if not arg.startswith("-")), "")


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The other commands' modules load what they need at their top: the report's matplotlib
    # and numpy, Alembic, the drivers, about 90 MiB and a second or more. A window command
    # (the kiosk itself) is parsed without them.
    parser = build_parser(window_only=command_named(argv) in WINDOW_COMMANDS)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:  # its context and every step, each time: we say in a line what changed
        logging.getLogger("alembic").setLevel(logging.WARNING)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        code = func(args)
        sys.stdout.flush()  # a closed pipe is met here, not at exit where it cannot be caught
        return code
    except KioskError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The reader of our output left (``kiosk services list | head -2``): what it took was what
    it wanted. What is still buffered goes nowhere, so that exit's flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
