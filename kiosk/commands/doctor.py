"""``kiosk doctor [--json]``: is this installation ready to serve? One line a check.

Exit 0 when nothing fails (warnings allowed), 3 when something does; each failing line says
what to do. ``--json``: {"ok": bool, "checks": [{"check", "status", "message", "fix"}]}.
"""

from __future__ import annotations

import argparse
import logging

from kiosk import doctor
from kiosk.commands.common import add_data_options, print_json, settings_from_args


def _doctor(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its "context impl" lines are noise
    findings = doctor.run_checks(settings)
    ok = doctor.all_well(findings)
    if args.json:
        print_json({"ok": ok, "checks": [f.as_dict() for f in findings]})
    else:
        for finding in findings:
            print(finding.line())
        failed = sum(f.status == "fail" for f in findings)
        print("all well" if ok else f"{failed} check(s) failed")
    return 0 if ok else 3


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("doctor", help="check fonts, voices, audio, devices, store, key, disk")
    add_data_options(p)
    p.add_argument("--json", action="store_true", help="the findings as JSON")
    p.set_defaults(func=_doctor)
