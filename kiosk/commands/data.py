"""``kiosk db upgrade`` and ``kiosk demo-data``."""

from __future__ import annotations

import argparse

from kiosk import identity
from kiosk.commands.common import add_data_options, settings_from_args
from kiosk.demo import residents as demo_data
from kiosk.store import db, migrate


def _upgrade(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    engine = db.make_engine(settings.db_url)
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
    engine = db.make_engine(settings.db_url)
    try:
        db.check_current(engine, create_if_empty=True)  # an older schema still stops here
        secret = identity.load_secret(settings.identity_key_file)
        count = demo_data.seed(db.session_factory(engine), secret)
    finally:
        engine.dispose()
    print(f"{count} fictional residents ready. Try one of these ID numbers:")
    for person in demo_data.PEOPLE:
        role = "pensioner" if person.pensioner else "working"
        print(f"  {person.id_number}  {person.name} ({role}), e-card code {person.qr_token}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    dbp = sub.add_parser("db", help="database schema")
    dbsub = dbp.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = dbsub.add_parser("upgrade", help="migrate the database to the newest revision")
    add_data_options(up)
    up.set_defaults(func=_upgrade)
    demo = sub.add_parser("demo-data", help="seed fictional residents for the demo backend")
    add_data_options(demo)
    demo.set_defaults(func=_demo_data)
