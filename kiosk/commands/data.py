"""``kiosk db upgrade`` and ``kiosk demo-data``."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from kiosk import identity
from kiosk.api.errors import StoreUnavailable
from kiosk.catalog.loader import load_catalogue
from kiosk.commands.common import add_data_options, settings_from_args
from kiosk.config import Settings
from kiosk.demo import residents as demo_data
from kiosk.report import history
from kiosk.report.cases import CasePolicy
from kiosk.store import db, migrate


def _upgrade(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    engine = db.make_engine(settings.db_url, create=True)  # the one command that makes a store
    try:
        before, after = migrate.upgrade(engine)
    finally:
        engine.dispose()
    where = engine.url.render_as_string(hide_password=True)
    if before == after:
        print(f"{where} is at the newest revision ({after})")
    else:
        print(f"{where} upgraded from {before or 'empty'} to {after}")
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    engine = db.make_engine(settings.db_url, create=True)  # the demo's first run makes its store
    try:
        db.check_current(engine, create_if_empty=True)  # an older schema still stops here
        secret = identity.load_secret(settings.identity_key_file)
        count = demo_data.seed(db.session_factory(engine), secret)
        if args.history:
            _history(engine, settings, args)
    finally:
        engine.dispose()
    print(f"{count} fictional residents ready. Try one of these ID numbers:")
    for person in demo_data.PEOPLE:
        role = "pensioner" if person.pensioner else "working"
        print(f"  {person.id_number}  {person.name} ({role}), e-card code {person.qr_token}")
    return 0


def _history(engine: Engine, settings: Settings, args: argparse.Namespace) -> None:
    policy = CasePolicy.from_settings(settings)
    plan = history.Plan(
        days=args.history,
        last_day=policy.today(),
        seed=args.seed,
        visits_per_kiosk_day=args.visits_per_day,
        hall=settings.kiosk.hall,
        policy=policy,
    )
    services = load_catalogue(settings.services_dir).services
    try:
        with engine.begin() as conn:
            n = history.write_history(conn, services, plan)
    except SQLAlchemyError as exc:
        raise StoreUnavailable(
            f"the history could not be written: {exc.__class__.__name__}"
        ) from exc
    print(
        f"{n.visits} simulated visits over {args.history} days ({n.events} events, "
        f"{n.help_calls} help calls, {n.ratings} ratings, {n.cases} follow-up cases, "
        f"{n.device_events} device events). See them with `kiosk report --from "
        f"{plan.last_day - dt.timedelta(days=args.history - 1)}`."
    )


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number above 0")
    return n


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    dbp = sub.add_parser("db", help="database schema")
    dbsub = dbp.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = dbsub.add_parser("upgrade", help="migrate the database to the newest revision")
    add_data_options(up)
    up.set_defaults(func=_upgrade)
    demo = sub.add_parser("demo-data", help="seed fictional residents for the demo backend")
    add_data_options(demo)
    demo.add_argument(
        "--history", type=_positive, metavar="DAYS", help="also a simulated history of DAYS days"
    )
    demo.add_argument("--seed", type=int, default=1, help="the same seed, the same history")
    demo.add_argument(
        "--visits-per-day", type=_positive, default=40, help="most visits a kiosk has in a day"
    )
    demo.set_defaults(func=_demo_data)
