"""One screen kind per step kind; the window looks the step's kind up here."""

from __future__ import annotations

from kiosk.catalog.schema import StepKind
from ui.screens.base import Screens
from ui.screens.choose import ChooseScreen
from ui.screens.confirm import ConfirmScreen
from ui.screens.done import DoneScreen
from ui.screens.handoff import HandoffScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.info import InfoScreen
from ui.screens.input import InputScreen
from ui.screens.lookup import LookupScreen
from ui.screens.print import PrintScreen
from ui.screens.rate import RateScreen
from ui.screens.ticket import TicketScreen

SCREENS: Screens = {
    StepKind.INFO: InfoScreen,
    StepKind.CHOOSE: ChooseScreen,
    StepKind.IDENTIFY: IdentifyScreen,
    StepKind.INPUT: InputScreen,
    StepKind.CONFIRM: ConfirmScreen,
    StepKind.LOOKUP: LookupScreen,
    StepKind.PRINT: PrintScreen,
    StepKind.HANDOFF: HandoffScreen,
    StepKind.TICKET: TicketScreen,
    StepKind.RATE: RateScreen,
    StepKind.DONE: DoneScreen,
}
