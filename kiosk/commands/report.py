"""``kiosk report``: the service's figures; ``kiosk report cases|case``: 好差评 follow-up.

Exit codes: 0 done; 2 usage or configuration (a bad date, an unknown staff number, an older
schema); 3 the operation failed (the database is away, a case change not allowed).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.errors import NotPermitted
from kiosk.assist import staff
from kiosk.catalog.loader import CatalogueError, load_catalogue
from kiosk.commands.common import add_data_options, print_json, settings_from_args
from kiosk.commands.services import print_comparison
from kiosk.config import Settings
from kiosk.errors import ConfigError
from kiosk.report import cases, csvout, html, jsonout, text
from kiosk.report.build import make_report, period_for
from kiosk.report.cases import CasePolicy
from kiosk.report.figures import Report
from kiosk.report.known import check_filters
from kiosk.report.names import Names, named
from kiosk.store import db

RENDERERS = {"text": text.render, "csv": csvout.render, "json": jsonout.render, "html": html.render}


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def _write(out: str | None, content: str) -> None:
    if out is None:
        sys.stdout.write(content)
        return
    try:
        Path(out).write_text(content, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {out}: {exc.strerror}") from None
    print(f"report written to {out}", file=sys.stderr)


def _report(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if args.compare:
        if args.version is None:
            raise ConfigError("--compare SERVICE needs --version N (the version to compare)")
        if args.format not in ("text", "json") or args.out:
            raise ConfigError(
                "--compare prints text or JSON (--format json) on standard output; "
                "--out and the csv and html formats are for the figures"
            )
        return print_comparison(settings, args.compare, args.version, args.format == "json")
    policy = CasePolicy.from_settings(settings)
    today = policy.today()
    last = args.to or today
    first = args.from_ or last - dt.timedelta(days=6)
    elder = {"elder": True, "standard": False}.get(args.mode or "")
    period = period_for(
        first,
        last,
        policy,
        args.hall,
        service=args.service,
        kiosk=args.kiosk,
        language=args.language,
        elder=elder,
    )
    engine = db.make_engine(settings.db_url)
    try:
        db.check_current(engine)
        check_filters(engine, period, settings.services_dir)
        report = make_report(engine, settings, period)
    finally:
        engine.dispose()
    if args.format in ("html", "text"):  # for people: services and steps by their titles
        report = _named(report, settings)
    _write(args.out, RENDERERS[args.format](report))
    return 0


def _named(report: Report, settings: Settings) -> Report:
    """The report named from the hall's services; ids stay where the files cannot be read
    (``kiosk check-services`` says why)."""
    try:
        catalogue = load_catalogue(settings.services_dir)
    except (CatalogueError, OSError):
        return report
    return named(report, Names.of(catalogue))


def _cases(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    policy = CasePolicy.from_settings(settings)
    engine = db.make_engine(settings.db_url)
    try:
        db.check_current(engine)
        rows = cases.list_cases(
            db.session_factory(engine), policy, overdue_only=args.overdue, open_only=not args.all
        )
    finally:
        engine.dispose()
    rows = [policy.in_hall_time(r) for r in rows]  # the hall's time, as every report reads
    if args.json:
        print_json([dataclasses.asdict(r) for r in rows])
        return 0
    if not rows:
        print("no overdue cases" if args.overdue else "no open cases")
    for r in rows:
        flag = "OVERDUE " if r.overdue else ""
        print(
            f"{flag}#{r.id}  {r.status:<9} due {r.due_on}  {r.category:<7} {r.level:<17} "
            f"{r.service_id} at {r.kiosk_id}, "
            f"rated {r.rated_at:%Y-%m-%d %H:%M} hall time (UTC{r.rated_at:%z})"
            + (f", reason {r.reason}" if r.reason else "")
        )
    return 0


def _change_asked(args: argparse.Namespace) -> bool:
    """Whether ``kiosk report case`` is to change the case; a change that would do nothing
    (an empty text, a reason with nothing to withdraw) is refused rather than ignored."""
    for option in ("contact", "rectify", "close"):
        value = getattr(args, option)
        if value is not None and not value.strip():
            raise ConfigError(f"--{option} needs a text: what was done, in a few words")
    if args.reason is not None and args.withdraw is None:
        raise ConfigError("--reason goes with --withdraw mistaken|malicious")
    asked = (args.category, args.contact, args.rectify, args.close, args.withdraw)
    if any(value is not None for value in asked) and not args.staff:
        raise ConfigError("a change to a case needs --staff NO: a manager's staff number")
    return any(value is not None for value in asked)


def _manager_id(sessions: sessionmaker[Session], staff_no: str) -> int:
    """The staff member's id if they may work cases: the rule the report pages follow."""
    staff_id = cases.staff_id_of(sessions, staff_no)
    who = staff.get_staff(sessions, staff_id)
    if who is None or not who.manages:
        role = who.role if who is not None else "unknown"
        raise NotPermitted(f"follow-up cases are worked by managers; staff {staff_no} is a {role}")
    return staff_id


def _case(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    policy = CasePolicy.from_settings(settings)
    changing = _change_asked(args)
    engine = db.make_engine(settings.db_url)
    try:
        db.check_current(engine)
        sessions = db.session_factory(engine)
        if changing:
            staff_id = _manager_id(sessions, args.staff)
            if args.category:
                cases.categorize(sessions, args.case, args.category, staff_id)
            elif args.contact:
                cases.contact(sessions, args.case, args.contact, staff_id)
            elif args.rectify:
                cases.rectify(sessions, args.case, args.rectify, staff_id)
            elif args.close:
                cases.close(sessions, args.case, args.close, staff_id)
            elif args.withdraw:
                cases.withdraw(sessions, args.case, args.withdraw, args.reason or "", staff_id)
        view = cases.get_case(sessions, args.case, policy)
    finally:
        engine.dispose()
    print_json(dataclasses.asdict(policy.in_hall_time(view)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    rep = sub.add_parser("report", help="the service's figures and 好差评 follow-up cases")
    add_data_options(rep)
    rep.add_argument(
        "--from",
        dest="from_",
        type=_date,
        metavar="D",
        help="first day (default: a week up to --to)",
    )
    rep.add_argument(
        "--to", type=_date, metavar="D", help="last day, included (default: today in the hall)"
    )
    rep.add_argument("--hall", help="only this hall")
    rep.add_argument("--service", metavar="ID", help="only this service")
    rep.add_argument("--kiosk", metavar="ID", help="only this kiosk")
    rep.add_argument("--language", metavar="CODE", help="only visits in this language (zh, en)")
    rep.add_argument(
        "--mode", choices=("elder", "standard"), help="only visits in elder or standard mode"
    )
    rep.add_argument("--format", choices=sorted(RENDERERS), default="text")
    rep.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    rep.add_argument(
        "--compare",
        metavar="SERVICE",
        help="a service's funnel and completion before and after --version, side by side",
    )
    rep.add_argument("--version", type=int, metavar="N", help="with --compare: the version")
    rep.set_defaults(func=_report)
    more = rep.add_subparsers(dest="report_command", metavar="ACTION")

    listing = more.add_parser("cases", help="open follow-up cases, overdue first by deadline")
    add_data_options(listing, nested=True)
    listing.add_argument("--overdue", action="store_true", help="only those past their deadline")
    listing.add_argument("--all", action="store_true", help="closed and withdrawn ones too")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=_cases)

    one = more.add_parser("case", help="show or change one case (every change is audited)")
    add_data_options(one, nested=True)
    one.add_argument("case", type=int, metavar="N")
    one.add_argument(
        "--staff", metavar="NO", help="a manager's staff number, named in the audit (to change)"
    )
    action = one.add_mutually_exclusive_group()
    action.add_argument("--category", choices=cases.CATEGORIES)
    action.add_argument("--contact", metavar="RESULT", help="回访 done: what the resident said")
    action.add_argument("--rectify", metavar="WHAT", help="what was put right")
    action.add_argument("--close", metavar="NOTE", help="close the case")
    action.add_argument(
        "--withdraw", choices=cases.WITHDRAW_KINDS, help="the rating was mistaken or malicious"
    )
    one.add_argument("--reason", help="why the rating is withdrawn (with --withdraw)")
    one.set_defaults(func=_case)
