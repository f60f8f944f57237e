"""Many rows at once: COPY on PostgreSQL, executemany on SQLite.

For simulated histories and benchmarks (a million events in seconds), never for the kiosk's own
records, which take the one write path of the recorder.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, select, text


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    if conn.dialect.name != "postgresql":
        _executemany(conn, table, columns, rows)
        return
    json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    raw = conn.connection.driver_connection
    assert raw is not None
    names = ", ".join(columns)
    with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [json.dumps(row[c], ensure_ascii=False) if c in json_columns else row[c]
                 for c in columns]
            )  # fmt: skip


def next_id(conn: Connection, table: Table) -> int:
    return int(conn.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1


def after_explicit_ids(conn: Connection, table: Table) -> None:
    """PostgreSQL's sequence does not see ids given explicitly: move it past them."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
            )
        )


def _executemany(
    conn: Connection, table: Table, columns: list[str], rows: Sequence[Mapping[str, Any]]
) -> None:
    """The driver's executemany with the columns' own bind processors (the stored forms are
    exactly what the ORM writes), without building parameters through a compiled statement."""
    dialect = conn.dialect
    procs = [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    # Written out rather than compiled: a compiled INSERT also binds every column that has a
    # default on the Python side, which these rows leave to the database.
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.executemany(
        sql,
        [
            tuple(p(row[c]) if p else row[c] for c, p in zip(columns, procs, strict=True))
            for row in rows
        ],
    )
