"""``kiosk console``: open the store, sign in, watch the hall. Under systemd (in cage, like the
kiosk) it says READY=1 as the service's main process once its window is up, pings the watchdog
from its GUI thread, and closes its store on SIGTERM (ui.supervision)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.api.hall import Hall
from kiosk.catalog.loader import load_catalogue
from kiosk.config import Settings
from ui import pyside as _pyside  # noqa: F401  (PySide6's import scan made cheap)
from ui.console.alert import ChimePlayer, write_chime
from ui.console.cards import Describe
from ui.console.window import ConsoleWindow
from ui.supervision import Supervision, quit_on_signals


def describer(settings: Settings) -> Describe:
    """Service and step titles from the catalogue; the ids when a service is not known here."""
    try:
        catalogue = load_catalogue(settings.services_dir)
    except Exception:  # the console still works without titles
        return lambda service, step: (service, step)
    titles = {
        s.id: (s.title.get("zh"), {st.id: st.title.get("zh") for st in s.steps})
        for s in catalogue.services
    }

    def describe(service_id: str, step_id: str) -> tuple[str, str]:
        title, steps = titles.get(service_id, (service_id, {}))
        return title, steps.get(step_id, step_id)

    return describe


def run_console(settings: Settings) -> int:
    # A missing or empty store is refused (exit 2, naming `kiosk db upgrade`), never made.
    hall = Hall.open(settings, create=False)
    app = QApplication.instance() or QApplication(sys.argv)
    supervision = Supervision()
    player = ChimePlayer(write_chime(settings.data_dir / "console-chime.wav"))
    window = ConsoleWindow(
        hall,
        hall.store.changes(),
        player,
        describe=describer(settings),
        idle_s=settings.assist.console_idle_s,
    )
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(0, supervision.ready)  # the store open, the window up: serving
    try:
        with quit_on_signals(app):
            return int(app.exec())
    finally:
        supervision.stopping()
        window.shutdown()
        hall.close()
