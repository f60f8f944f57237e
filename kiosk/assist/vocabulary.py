"""The words of assistance that every front end uses: errors, who a helper is, what a call's
status is and how it is said. Plain Python, cheap to import: the store stays behind kiosk.api.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.text import Lang, sentence, text_language

if TYPE_CHECKING:
    from kiosk.store.models import StaffMember

# What a help call can end with; what a helper can switch off at a kiosk.
RESOLUTIONS = ("completed_with_help", "sent_to_counter", "resident_left", "device_fixed")
DEVICES = ("printer", "idcard", "scanner", "audio")


class RequestClosed(Exception):
    """The request was already resolved or cancelled."""


class AlreadyTaken(Exception):
    """Another helper acknowledged the request first; ``staff_id`` says who."""

    def __init__(self, request_id: int, staff_id: int | None) -> None:
        super().__init__(f"help request {request_id} is already taken")
        self.staff_id = staff_id


class CallTaken(AlreadyTaken):
    """Another helper has the call (on the way or with the resident): only they may say they
    arrived or close it; ``staff_name`` names them for the refusal."""

    def __init__(self, request_id: int, staff_id: int | None, staff_name: str) -> None:
        super().__init__(request_id, staff_id)
        self.staff_name = staff_name


def call_taken_words(name: str, acting: bool = True) -> str:
    """Why a helper's press on a call was refused, the same on every front end: someone has
    it (``name``; unknown: a colleague). ``acting``: they pressed 我到了 or 结束呼叫, which only
    that helper, or one who may override (``OVERRIDES_CALLS``: supervisor or manager), may."""
    who = name or "其他同事"
    if not acting:
        return f"这个呼叫已由 {who} 接手"
    return f"这个呼叫已由 {who} 接手，只有 {who} 可以按“我到了”或结束呼叫（主管或经理也可以）"


class StaffError(Exception):
    """An account operation that cannot be done (unknown number, duplicate, bad PIN format)."""


class SessionEnded(Exception):
    """A sign-in that no longer stands: ``reason`` is account_disabled (the account was
    disabled since) or pin_changed (its PIN was reset since)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AuthFailed(Exception):
    """A sign-in refused; ``reason`` is unknown, disabled, locked or wrong_pin."""

    def __init__(
        self, reason: str, attempts_left: int = 0, locked_until: dt.datetime | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts_left = attempts_left
        self.locked_until = locked_until


# helper: answers calls and takes over kiosks; supervisor: the same, flagged on escalations;
# manager: also reads the service's figures and works the 好差评 follow-up cases.
ROLES = ("helper", "supervisor", "manager")
MANAGER = "manager"
# May close, or take over, a call another helper has (the override is audited).
OVERRIDES_CALLS = ("supervisor", "manager")


@dataclass(frozen=True)
class StaffInfo:
    id: int
    staff_no: str
    name: str
    role: str
    active: bool
    locked_until: dt.datetime | None = None
    # The PIN's stamp when this was read (``credential_stamp``): a sign-in keeps it, so a PIN
    # changed since is told apart; empty when not known.
    stamp: str = field(default="", repr=False, compare=False)

    @classmethod
    def of(cls, row: StaffMember) -> StaffInfo:
        stamp = credential_stamp(row.pin_hash)
        return cls(row.id, row.staff_no, row.name, row.role, row.active, row.locked_until, stamp)

    @property
    def manages(self) -> bool:
        """May read the evaluation and work its follow-up cases."""
        return self.role == MANAGER and self.active

    @property
    def label(self) -> str:
        return f"{self.name}（工号 {self.staff_no}）"


@dataclass(frozen=True)
class SignedIn:
    """A hall server session as the store has it: who (their account now; ``who.stamp`` the
    PIN stamp it signed in with), and ``ended``, why it no longer stands (signed_out,
    account_disabled, pin_changed, ...) or None; ``recorded``: that end is written."""

    session_id: str
    who: StaffInfo
    ended: str | None
    recorded: bool


def credential_stamp(pin_hash: str) -> str:
    """Names the PIN an account has now without telling anything of it (the hash of a salted
    hash): a new PIN gives a new stamp, so a session signed in with the old one is told apart."""
    return hashlib.sha256(pin_hash.encode()).hexdigest()[:16]


def session_end(signed_in_with: str, stamp_now: str | None) -> str | None:
    """Why a sign-in made with the stamp ``signed_in_with`` no longer stands, given the
    account's stamp now (None: disabled or gone); None while it stands. An empty stamp (not
    known) is held to the account being active only."""
    if stamp_now is None:
        return "account_disabled"
    if signed_in_with and stamp_now != signed_in_with:
        return "pin_changed"
    return None


class TakeoverError(Exception):
    """An action that does not fit the visit as it stands (no reason given, wrong step)."""


@dataclass(frozen=True)
class HelpStatus:
    phase: str  # told, coming, assisting, counter, closed
    request_id: int
    told_s: float  # seconds since the press
    staff_name: str = ""
    staff_no: str = ""
    eta_s: int | None = None
    level: int = 0
    hotline: str = ""

    @property
    def offer_counter(self) -> bool:
        """Nobody came in T2: offer a counter ticket with the summary, and the hotline."""
        return self.phase == "counter"


def status_text(status: HelpStatus, lang: Lang = "zh", *, in_visit: bool = True) -> str:
    """One line for the help strip; the same words are spoken, ended as sentences are.
    ``in_visit`` False: called from home, where there is nothing to carry on with; the
    resident is asked to wait there."""
    return sentence(_status_words(status, lang, in_visit), lang)


def _status_words(status: HelpStatus, lang: Lang, in_visit: bool) -> str:
    seconds = int(status.told_s)
    if text_language(lang) == "en":
        if status.phase == "coming":
            eta = f", about {status.eta_s} seconds away" if status.eta_s else ""
            return f"{status.staff_name} is on the way{eta}"
        if status.phase == "assisting":
            return f"{status.staff_name} is helping you"
        if status.phase == "counter":
            return (
                "No one is free yet. Take a counter ticket with what you have done, "
                f"or call {status.hotline}"
            )
        if status.phase == "closed":
            return "Your call has ended"
        then = "You may carry on meanwhile" if in_visit else "Please wait here"
        if seconds < 5:
            return f"Staff have been told. {then}"
        return f"Staff were told {seconds} seconds ago. {then}"
    if status.phase == "coming":
        eta = f"，约 {status.eta_s} 秒到达" if status.eta_s else ""
        return f"工作人员 {status.staff_name} 正在赶来{eta}"
    if status.phase == "assisting":
        return f"工作人员 {status.staff_name} 正在协助您"
    if status.phase == "counter":
        return f"暂时无人应答。可取人工窗口排队号（已带上您办到哪一步），或拨打 {status.hotline}"
    if status.phase == "closed":
        return "呼叫已结束"
    then = "您可以继续办理" if in_visit else "请在这里稍候"
    if seconds < 5:
        return f"已通知工作人员，{then}"
    return f"已通知工作人员 {seconds} 秒，{then}"


def sign_in_refusal(error: BaseException, lang: Lang = "zh") -> str:
    """Why a sign-in failed, in the same words whether the account is unknown, the PIN wrong,
    the account locked or disabled: the screen never tells an onlooker which numbers exist.
    A store that did not answer is told apart (it is not the person's mistake)."""
    chinese = text_language(lang) == "zh"
    if not isinstance(error, AuthFailed):
        return "暂时无法核对，请到服务台" if chinese else "Cannot check now; please go to the desk"
    if chinese:
        return "未能登录：工号或密码不对，或此工号暂不可用。连续输错 5 次将锁定 5 分钟。"
    return (
        "Not signed in: the staff number or PIN is wrong, or the account cannot be used now. "
        "Five wrong tries lock it for 5 minutes."
    )
