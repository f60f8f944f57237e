from __future__ import annotations

from sqlalchemy.exc import OperationalError

from kiosk.store.writer import BackgroundWriter


def test_items_are_written_in_order_and_retried_while_the_database_is_away() -> None:
    written: list[int] = []
    failures = {2: 2}  # item 2 fails twice as if the database were away, then goes through

    def write(item: int) -> None:
        if failures.get(item, 0) > 0:
            failures[item] -= 1
            raise OperationalError("insert", {}, Exception("gone"))
        written.append(item)

    writer: BackgroundWriter[int] = BackgroundWriter("t", write, lambda _: None, retry_s=0.01)
    for item in (1, 2, 3):
        writer.put(item)
    assert writer.flush(5)
    writer.close()
    assert written == [1, 2, 3]


def test_a_broken_item_is_dropped_and_the_writer_goes_on() -> None:
    written: list[int] = []

    def write(item: int) -> None:
        if item == 2:
            raise ValueError("a bug in one item")
        written.append(item)

    writer: BackgroundWriter[int] = BackgroundWriter("t", write, lambda _: None)
    for item in (1, 2, 3):
        writer.put(item)
    assert writer.flush(5)
    writer.close()
    assert written == [1, 3]


def test_what_cannot_be_written_by_close_goes_to_leftover() -> None:
    left: list[int] = []

    def write(item: int) -> None:
        raise OperationalError("insert", {}, Exception("gone"))

    writer: BackgroundWriter[int] = BackgroundWriter(
        "t", write, left.extend, retry_s=0.01, backlog=[7]
    )
    writer.put(8)
    assert not writer.flush(0.1)
    writer.close(0.1)
    assert left == [7, 8]


def test_an_item_the_database_refuses_is_dropped_not_retried_for_ever() -> None:
    from sqlalchemy.exc import IntegrityError

    written: list[int] = []

    def write(item: int) -> None:
        if item == 1:
            raise IntegrityError("insert", {}, Exception("duplicate"))
        written.append(item)

    writer: BackgroundWriter[int] = BackgroundWriter("t", write, lambda _: None, retry_s=60)
    writer.put(1)
    writer.put(2)
    assert writer.flush(5)
    writer.close()
    assert written == [2]


def test_a_spool_left_by_a_crash_is_read_again(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.store.spool import Spool

    spool = Spool(tmp_path / "s.jsonl")
    spool.append([{"n": 1}, {"n": 2}])
    assert spool.take() == [{"n": 1}, {"n": 2}]
    # a crash here, before done(): the next run reads them again, with anything newer
    spool.append([{"n": 3}])
    assert Spool(tmp_path / "s.jsonl").take() == [{"n": 1}, {"n": 2}, {"n": 3}]
    spool.done()
    assert spool.take() == [] and not list(tmp_path.iterdir())
