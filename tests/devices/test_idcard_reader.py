"""The ID card reader driver against the simulated reader: every command and every fault."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from datetime import date

import pytest

from devices.idcard import sam
from devices.idcard.reader import CardReason, CardResult, IdCardReader
from devices.sim.idcard import IdCardSim, sample_card
from devices.status import Card, DeviceEvent, DeviceState
from tests.devices.waiting import wait_until


def test_reads_the_card(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    result = reader.read_card(3).result(5)
    assert result.ok and result.card is not None
    assert result.card.to_dict()["id_number"] == "11010519491231002X"
    assert result.card.photo[:4] == bytes(range(4)) and len(result.card.photo) == 1024
    assert idcard_sim.requests[-3:] == [sam.FIND_CARD, sam.SELECT_CARD, sam.READ_BASE]
    assert result.status.media.card is Card.PRESENT


def test_status_reset_and_sam_fault(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    assert reader.status().result(5).state is DeviceState.ONLINE
    assert reader.reset().result(5)
    idcard_sim.faults.sam_sw3 = 0x60
    status = reader.status().result(5)
    assert status.state is DeviceState.HARDWARE_ERROR and "self-test" in status.detail


@pytest.mark.parametrize("late_s", [0.0, 0.35])  # 0.35: a busy machine answers late once
def test_no_card_times_out_with_no_card(
    reader: IdCardReader, idcard_sim: IdCardSim, late_s: float
) -> None:
    idcard_sim.remove()
    assert reader.status().result(5).state is DeviceState.ONLINE  # connected before the wait
    idcard_sim.faults.late_once_s = late_s
    # The wait is more than twice the reply timeout (0.3 s): a reply that comes late is asked for
    # again and heard within the wait, so "no card" does not hang on which limit comes first.
    result = reader.read_card(0.7).result(5)
    assert not result.ok and result.reason is CardReason.NO_CARD
    assert result.status.media.card is Card.ABSENT


def test_polls_until_the_card_is_placed(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    idcard_sim.remove()
    future = reader.read_card(5)
    wait_until(lambda: idcard_sim.requests.count(sam.FIND_CARD) >= 3)
    assert not future.done()
    idcard_sim.place()
    assert future.result(5).ok


def test_no_card_for_n_polls(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    idcard_sim.faults.no_card_polls = 4
    assert reader.read_card(5).result(6).ok
    assert idcard_sim.faults.no_card_polls == 0


@pytest.mark.parametrize(
    "fault",
    [
        {"noise": 9},
        {"fragment": 37},
        {"bad_checksum_once": True},
        {"read_failures": 2},
        {"noise": 5, "fragment": 3},
    ],
)
def test_faults_are_overcome(
    reader: IdCardReader, idcard_sim: IdCardSim, fault: dict[str, object]
) -> None:
    for key, value in fault.items():
        setattr(idcard_sim.faults, key, value)
    result = reader.read_card(5).result(6)
    assert result.ok and result.card == sample_card()


def test_connection_dropped_mid_read_recovers(
    reader: IdCardReader, idcard_sim: IdCardSim, events: list[DeviceEvent]
) -> None:
    wait_until(lambda: idcard_sim.connections >= 1)
    idcard_sim.faults.drop_mid_read = True
    result = reader.read_card(5).result(6)
    assert result.ok
    assert idcard_sim.connections >= 2
    assert any(e.state is DeviceState.NO_DEVICE for e in events)


def test_port_disappears_mid_wait_and_comes_back(
    reader: IdCardReader, idcard_sim: IdCardSim
) -> None:
    idcard_sim.remove()
    future = reader.read_card(10)
    wait_until(lambda: sam.FIND_CARD in idcard_sim.requests)
    idcard_sim.unplug()
    wait_until(lambda: reader.current_status.state is DeviceState.NO_DEVICE)
    idcard_sim.place()
    idcard_sim.plug()
    assert future.result(10).ok


@pytest.mark.parametrize("busy_s", [0.0, 0.5])  # 0.5: the owner thread is slow to get to it
def test_reader_gone_reports_no_device(
    reader: IdCardReader, idcard_sim: IdCardSim, busy_s: float
) -> None:
    assert reader.status().result(5).state is DeviceState.ONLINE  # it was working
    idcard_sim.unplug()
    # The reader learns at its next exchange that the port is gone. Once it knows, a read says
    # "no device" however late the owner thread gets to it (a deadline that passes before any
    # exchange could be made would otherwise decide the answer).
    wait_until(lambda: reader.status().result(5).state is DeviceState.NO_DEVICE)
    if busy_s:
        reader._submit(lambda: time.sleep(busy_s))
    result = reader.read_card(0.2).result(5)
    assert not result.ok and result.reason is CardReason.NO_DEVICE


def test_silent_reader_is_no_reply(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    assert reader.status().result(5).state is DeviceState.ONLINE  # connected before the wait
    idcard_sim.faults.silent = True
    # Three tries of 0.3 s end well inside the wait: "no reply" does not race the deadline.
    result = reader.read_card(1.3).result(5)
    assert not result.ok and result.reason is CardReason.NO_REPLY
    assert reader.status().result(5).state is DeviceState.UNKNOWN


def test_invalid_card_data_is_a_result(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    from dataclasses import replace

    idcard_sim.place(replace(sample_card(), id_number="110105194912310021"))
    result = reader.read_card(3).result(5)
    assert not result.ok and result.reason is CardReason.INVALID_CARD
    assert "check digit" in result.message


def test_a_card_that_fails_its_checks_is_one_event_while_it_lies_there(
    reader: IdCardReader, idcard_sim: IdCardSim, events: list[DeviceEvent]
) -> None:
    idcard_sim.place(replace(sample_card(), birth_date=date(1950, 1, 1)))  # not the number's
    seen: list[CardResult] = []
    reader.watch(seen.append).result(5)
    wait_until(lambda: len(seen) == 1)
    assert seen[0].reason is CardReason.INVALID_CARD and "birth date" in seen[0].message
    finds = idcard_sim.requests.count(sam.FIND_CARD)
    wait_until(lambda: idcard_sim.requests.count(sam.FIND_CARD) >= finds + 10)  # 10 polls more
    assert [e.kind for e in events].count("card_invalid") == 1  # not one a poll
    assert idcard_sim.requests.count(sam.READ_BASE) == 1  # nor read again while it lies there
    idcard_sim.remove()
    wait_until(lambda: reader.current_status.media.card is Card.ABSENT)
    idcard_sim.place(replace(sample_card(), birth_date=date(1950, 1, 1)))
    wait_until(lambda: len(seen) == 2)  # placed again: reported again
    assert [e.kind for e in events].count("card_invalid") == 2
    reader.watch(None).result(5)


def test_cancel_stops_waiting(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    idcard_sim.remove()
    future = reader.read_card(30)
    assert future.cancel()
    wait_until(lambda: reader.status().result(5) is not None)  # the owner thread is still free


def test_watch_reports_each_placement_once_on_the_owner_thread(
    reader: IdCardReader, idcard_sim: IdCardSim
) -> None:
    seen: list[tuple[CardResult, str]] = []
    reader.watch(lambda r: seen.append((r, threading.current_thread().name))).result(5)
    wait_until(lambda: len(seen) == 1)
    idcard_sim.remove()
    wait_until(lambda: reader.current_status.media.card is Card.ABSENT)
    assert len(seen) == 1
    idcard_sim.place()
    wait_until(lambda: len(seen) == 2)
    assert all(r.ok and name == "device-idcard" for r, name in seen)
    reader.watch(None).result(5)


def test_logs_mask_the_id_number(reader: IdCardReader, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    assert reader.read_card(3).result(5).ok
    assert "11010519491231002X" not in caplog.text
    assert "110105********002X" in caplog.text


def test_close_ends_every_wait(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    idcard_sim.remove()
    waiting = reader.read_card(30)
    wait_until(lambda: sam.FIND_CARD in idcard_sim.requests)
    reader.close()
    assert waiting.cancelled()
    late = reader.read_card(1)
    with pytest.raises(RuntimeError):
        late.result(1)


def _polls_after(idcard_sim: IdCardSim, n: int) -> None:
    """Wait until the reader has looked for a card n more times."""
    start = idcard_sim.requests.count(sam.FIND_CARD)
    wait_until(lambda: idcard_sim.requests.count(sam.FIND_CARD) >= start + n)


def test_a_card_left_on_the_reader_is_not_reported_to_the_next_watch(
    reader: IdCardReader, idcard_sim: IdCardSim
) -> None:
    first: list[CardResult] = []
    reader.watch(first.append).result(5)
    wait_until(lambda: len(first) == 1)
    reader.watch(None).result(5)  # the visit ends; the card stays on the reader
    _polls_after(idcard_sim, 2)
    nxt: list[CardResult] = []
    reader.watch(nxt.append).result(5)  # the next visit's identify step
    _polls_after(idcard_sim, 5)
    assert nxt == [] and first[0].ok
    idcard_sim.remove()  # taken away and put back: a new placement
    wait_until(lambda: reader.current_status.media.card is Card.ABSENT)
    idcard_sim.place()
    wait_until(lambda: len(nxt) == 1)
    assert nxt[0].ok
    reader.watch(None).result(5)


def test_a_card_removed_and_replaced_between_watches_is_reported(
    reader: IdCardReader, idcard_sim: IdCardSim
) -> None:
    first: list[CardResult] = []
    reader.watch(first.append).result(5)
    wait_until(lambda: len(first) == 1)
    reader.watch(None).result(5)
    idcard_sim.remove()  # taken while nobody watches: the reader still sees it go
    wait_until(lambda: reader.current_status.media.card is Card.ABSENT)
    idcard_sim.place()
    again: list[CardResult] = []
    reader.watch(again.append).result(5)
    wait_until(lambda: len(again) == 1)
    reader.watch(None).result(5)


def test_a_card_placed_before_the_watch_but_never_reported_is_reported(
    reader: IdCardReader, idcard_sim: IdCardSim
) -> None:
    assert reader.read_card(3).result(5).ok  # read, but not reported to a watcher
    seen: list[CardResult] = []
    reader.watch(seen.append).result(5)
    wait_until(lambda: len(seen) == 1)
    assert seen[0].ok
    reader.watch(None).result(5)


def test_a_failed_exchange_is_not_a_removal(reader: IdCardReader, idcard_sim: IdCardSim) -> None:
    seen: list[CardResult] = []
    reader.watch(seen.append).result(5)
    wait_until(lambda: len(seen) == 1)
    # A reported card is only looked for, not read again: a garbled answer to that look is
    # not a removal (the next placement would be reported twice).
    idcard_sim.faults.bad_checksum_once = True
    wait_until(lambda: not idcard_sim.faults.bad_checksum_once)
    _polls_after(idcard_sim, 3)
    assert len(seen) == 1
    reader.watch(None).result(5)
