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
