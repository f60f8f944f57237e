"""``kiosk staff add|list|disable|reset-pin``: staff accounts for takeover and the console.

A PIN is never a command-line argument (it would sit in the shell history and the process
list): it is read from the terminal without echo, asked twice, or from the first line of stdin
with ``--pin-stdin`` (or whenever stdin is not a terminal). A badge code signs a helper in on
its own, so it is a secret too: ``add --badge`` asks for it without echo (scan the badge at the
prompt), ``--badge-stdin`` reads it from the next line of stdin (after the PIN).

Exit codes: 0 done; 2 usage (a malformed PIN, an unknown role); 3 the operation failed (the
staff number exists already or is unknown, the database cannot be reached).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.assist import staff, vocabulary
from kiosk.commands.common import add_data_options, print_json, settings_from_args
from kiosk.errors import ConfigError, OperationFailed
from kiosk.store import db
from kiosk.store.db import DatabaseUnavailable


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin_stdin or not sys.stdin.isatty():
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("PIN: ")
        if getpass.getpass("PIN again: ") != pin:
            raise ConfigError("the two PINs differ")
    try:
        staff.check_pin_format(pin)
    except vocabulary.StaffError as exc:
        raise ConfigError(str(exc)) from None
    return pin


def _read_badge(args: argparse.Namespace) -> str | None:
    if not (args.badge or args.badge_stdin):
        return None
    if args.badge_stdin or not sys.stdin.isatty():
        badge = sys.stdin.readline().strip()
    else:
        badge = getpass.getpass("Badge code (scan the badge): ").strip()
    if not badge:
        raise ConfigError("the badge code is empty")
    return badge


def _run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    engine = db.make_engine(settings.db_url)
    try:
        db.check_current(engine)  # `kiosk db upgrade` makes a store
        sessions = db.session_factory(engine)
        if args.staff_command == "list":
            rows = staff.list_staff(sessions)
            if args.json:
                print_json([r.__dict__ for r in rows])
            for r in [] if args.json else rows:
                state = "active" if r.active else "disabled"
                print(f"{r.staff_no:>8}  {r.name}  {r.role}  {state}")
            return 0
        pin = _read_pin(args) if args.staff_command in ("add", "reset-pin") else ""
        if args.staff_command == "add":
            if args.role not in vocabulary.ROLES:
                raise ConfigError(f"--role must be one of {', '.join(vocabulary.ROLES)}")
            badge = _read_badge(args)
            info = staff.add_staff(sessions, args.staff_no, args.name, pin, args.role, badge)
            print(f"added {info.label} as {info.role}")
        elif args.staff_command == "disable":
            info = staff.disable(sessions, args.staff_no)
            print(f"disabled {info.label}")
        else:
            info = staff.reset_pin(sessions, args.staff_no, pin)
            print(f"new PIN set for {info.label}; the account is active and unlocked")
        return 0
    except vocabulary.StaffError as exc:
        raise OperationFailed(str(exc)) from None
    except DatabaseUnavailable as exc:
        raise OperationFailed(str(exc)) from None
    finally:
        engine.dispose()


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("staff", help="staff accounts (takeover at the kiosk, the console)")
    actions = parser.add_subparsers(dest="staff_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="a new account; the PIN is read without echo")
    add.add_argument("staff_no", help="staff number (工号)")
    add.add_argument("name", help="name shown to residents")
    add.add_argument(
        "--role",
        default="helper",
        help="helper, supervisor or manager (a manager also reads the report pages and works "
        "the 好差评 follow-up cases on the hall server)",
    )
    add.add_argument(
        "--badge",
        action="store_true",
        help="the account has a staff badge: its code is asked without echo, never an argument",
    )
    add.add_argument(
        "--badge-stdin",
        action="store_true",
        help="read the badge code from stdin (the line after the PIN)",
    )
    listing = actions.add_parser("list", help="every account")
    listing.add_argument("--json", action="store_true", help="machine-readable")
    disable = actions.add_parser("disable", help="the account can no longer sign in")
    disable.add_argument("staff_no")
    reset = actions.add_parser("reset-pin", help="a new PIN; unlocks and enables the account")
    reset.add_argument("staff_no")
    for action in (add, listing, disable, reset):
        add_data_options(action)
        action.set_defaults(func=_run)
    for action in (add, reset):
        action.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
