"""A console window on a temporary store, with a counting alert player instead of sound."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.hall import Hall
from kiosk.api.store import Store
from kiosk.assist import staff
from kiosk.assist.notify import PollFeed
from kiosk.assist.vocabulary import StaffInfo
from kiosk.config import load_settings
from kiosk.store import db
from tests.helpers.fakes import FakePlayer
from tests.kiosk.assist.stores import sqlite_database
from ui.console.app import describer
from ui.console.window import ConsoleWindow


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = db.make_engine(sqlite_database(tmp_path))
    yield db.session_factory(engine)
    engine.dispose()


@pytest.fixture
def wang(sessions: sessionmaker[Session]) -> StaffInfo:
    return staff.add_staff(sessions, "1024", "王芳", "2468")


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def console(
    qtbot: QtBot, sessions: sessionmaker[Session], player: FakePlayer, wang: StaffInfo
) -> Iterator[ConsoleWindow]:
    engine = sessions.kw["bind"]
    window = ConsoleWindow(
        Hall(Store(engine)),
        PollFeed(engine, interval=0.02),
        player,
        describe=describer(load_settings(environ={})),
        staff=wang,
    )
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()
    window.close()
    window.deleteLater()
    qtbot.wait(1)
