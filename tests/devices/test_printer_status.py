"""DLE EOT replies: every bit, and random bytes never mistaken for a status."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.printer.realtime import Reason, StatusBytes, blocker, interpret, pick_reply, warning
from devices.status import Cover, DeviceState, DeviceStatus, Media, Paper

OK = 0x12


def test_all_clear_is_online_with_paper_and_cover_closed() -> None:
    status = interpret(StatusBytes(OK, OK, None, OK))
    assert status.state is DeviceState.ONLINE
    assert status.media == Media(paper=Paper.OK, cover=Cover.CLOSED)
    assert blocker(status) is None and warning(status) is None


@pytest.mark.parametrize(
    ("replies", "state", "paper", "cover", "reason"),
    [
        (
            StatusBytes(OK | 0x08, OK, None, OK),
            DeviceState.OFFLINE,
            Paper.OK,
            Cover.CLOSED,
            Reason.OFFLINE,
        ),
        (
            StatusBytes(OK | 0x08, OK | 0x04, None, OK),
            DeviceState.OFFLINE,
            Paper.OK,
            Cover.OPEN,
            Reason.COVER_OPEN,
        ),
        (
            StatusBytes(OK | 0x08, OK | 0x20, None, None),
            DeviceState.OFFLINE,
            Paper.OUT,
            Cover.CLOSED,
            Reason.PAPER_OUT,
        ),
        (
            StatusBytes(OK, OK, None, OK | 0x60),
            DeviceState.ONLINE,
            Paper.OUT,
            Cover.CLOSED,
            Reason.PAPER_OUT,
        ),
        (
            StatusBytes(OK, OK, None, OK | 0x20),
            DeviceState.ONLINE,
            Paper.OUT,
            Cover.CLOSED,
            Reason.PAPER_OUT,
        ),
        (StatusBytes(OK, OK, None, OK | 0x0C), DeviceState.ONLINE, Paper.LOW, Cover.CLOSED, None),
        (StatusBytes(OK, OK, None, OK | 0x04), DeviceState.ONLINE, Paper.LOW, Cover.CLOSED, None),
        (
            StatusBytes(OK | 0x08, OK | 0x40, OK | 0x08, OK),
            DeviceState.HARDWARE_ERROR,
            Paper.OK,
            Cover.CLOSED,
            Reason.HARDWARE_ERROR,
        ),
        (
            StatusBytes(None, None, None, None),
            DeviceState.UNKNOWN,
            Paper.UNKNOWN,
            Cover.UNKNOWN,
            Reason.NO_REPLY,
        ),
        (StatusBytes(OK, None, None, None), DeviceState.ONLINE, Paper.UNKNOWN, Cover.UNKNOWN, None),
    ],
)
def test_status_bits(
    replies: StatusBytes, state: DeviceState, paper: Paper, cover: Cover, reason: Reason | None
) -> None:
    status = interpret(replies)
    assert (status.state, status.media.paper, status.media.cover) == (state, paper, cover)
    assert blocker(status) is reason


def test_error_cause_is_named() -> None:
    assert "auto-cutter" in interpret(StatusBytes(OK, OK | 0x40, OK | 0x08, OK)).detail
    assert "unrecoverable" in interpret(StatusBytes(OK, OK | 0x40, OK | 0x20, OK)).detail
    assert "cause unknown" in interpret(StatusBytes(OK, OK | 0x40, None, OK)).detail


def test_paper_low_is_a_warning_not_a_blocker() -> None:
    status = DeviceStatus(DeviceState.ONLINE, Media(paper=Paper.LOW, cover=Cover.CLOSED))
    assert blocker(status) is None and warning(status) == "paper low"


def test_no_device_and_jam_block() -> None:
    assert blocker(DeviceStatus(DeviceState.NO_DEVICE)) is Reason.NO_DEVICE
    jammed = DeviceStatus(DeviceState.ONLINE, Media(paper=Paper.JAMMED))
    assert blocker(jammed) is Reason.PAPER_JAMMED


@pytest.mark.parametrize(
    "data", [b"", b"\x00", b"\xff", b"\x13", b"\x92", b"\x12\x12", b"\x16\x00"]
)
def test_malformed_replies_are_not_status(data: bytes) -> None:
    assert pick_reply(data) is None


@given(st.binary(max_size=8))
def test_random_replies_give_unknown_never_no_paper(data: bytes) -> None:
    value = pick_reply(data)
    if value is None:
        status = interpret(StatusBytes(None, None, None, None))
        assert status.state is DeviceState.UNKNOWN and status.media.paper is Paper.UNKNOWN
    else:
        assert len(data) == 1 and value & 0x93 == 0x12
