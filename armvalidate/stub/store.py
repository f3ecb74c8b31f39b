"""The stand-in's state in SQLite (stdlib :mod:`sqlite3`): customers, account numbers, list
queries (paging snapshots) and batches.

In memory by default; with a file it uses WAL and survives restarts. One connection, guarded
by a lock: the server's event loop and the Python API's thread share it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from typing import Any

__all__ = ["FIRST_ACCOUNT_NO", "Store"]

FIRST_ACCOUNT_NO = 500001
"""The first account number given to a client's customers (the docs' answer shows 500002)."""

_MAX_QUERIES = 1000  # list snapshots kept; the oldest go first

_SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    seq         INTEGER PRIMARY KEY,  -- the rowid: creation order (an update keeps it)
    client_no   INTEGER NOT NULL,
    key         TEXT    NOT NULL,
    customer_no TEXT    NOT NULL,
    account_no  INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    UNIQUE (client_no, key)
);
CREATE TABLE IF NOT EXISTS counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS queries (
    query_id      TEXT PRIMARY KEY,
    client_no     INTEGER NOT NULL,
    page_size     INTEGER NOT NULL,
    maximum_count INTEGER NOT NULL,
    keys          TEXT    NOT NULL,
    created       REAL    NOT NULL
);
CREATE TABLE IF NOT EXISTS batches (
    uuid      TEXT PRIMARY KEY,
    client_no INTEGER NOT NULL,
    operation TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    created   REAL    NOT NULL,
    polls     INTEGER NOT NULL DEFAULT 0,
    results   TEXT
);
"""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Store:
    """SQLite state. ``path`` None (or ``":memory:"``): in memory; else a file (WAL)."""

    def __init__(self, path: str | PathLike[str] | None = None) -> None:
        self.path = None if path is None or str(path) == ":memory:" else str(path)
        self._lock = threading.RLock()
        self._counters: dict[str, int] = {}
        self._db = sqlite3.connect(
            self.path or ":memory:", check_same_thread=False, isolation_level=None
        )
        if self.path is not None:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run statements atomically (and under the lock)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                self._counters.clear()  # reread from the database
                raise
            self._db.execute("COMMIT")

    def reset(self) -> None:
        """Forget everything: customers, counters, queries, batches."""
        with self.transaction() as db:
            for table in ("customers", "counters", "queries", "batches"):
                db.execute(f"DELETE FROM {table}")
            self._counters.clear()

    # -- customers ---------------------------------------------------------------------------

    def _next(self, db: sqlite3.Connection, name: str, first: int) -> int:
        """The next value of a counter (kept in memory too: one write per value)."""
        value = self._counters.get(name)
        if value is None:
            row = db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
            value = first if row is None else int(row[0])
        db.execute("INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)", (name, value + 1))
        self._counters[name] = value + 1
        return value

    def get(self, client_no: int, key: str) -> tuple[str, int, dict[str, Any]] | None:
        """``(customerNo, accountNo, customer)`` of a stored customer, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT customer_no, account_no, data FROM customers "
                "WHERE client_no = ? AND key = ?",
                (client_no, key),
            ).fetchone()
        if row is None:
            return None
        return str(row[0]), int(row[1]), json.loads(row[2])

    def upsert(
        self, db: sqlite3.Connection, client_no: int, key: str, customer: dict[str, Any]
    ) -> tuple[bool, int]:
        """Store ``customer`` (inside :meth:`transaction`); ``(created, accountNo)``."""
        data = _dumps(customer)
        row = db.execute(  # (no UPDATE ... RETURNING: SQLite before 3.35 lacks it)
            "SELECT account_no FROM customers WHERE client_no = ? AND key = ?", (client_no, key)
        ).fetchone()
        if row is not None:
            db.execute(
                "UPDATE customers SET customer_no = ?, data = ? WHERE client_no = ? AND key = ?",
                (customer["customerNo"], data, client_no, key),
            )
            return False, int(row[0])
        account_no = self._next(db, f"account:{client_no}", FIRST_ACCOUNT_NO)
        db.execute(
            "INSERT INTO customers (client_no, key, customer_no, account_no, data) "
            "VALUES (?, ?, ?, ?, ?)",
            (client_no, key, customer["customerNo"], account_no, data),
        )
        return True, account_no

    def delete(self, client_no: int, key: str) -> bool:
        with self.transaction() as db:
            cur = db.execute(
                "DELETE FROM customers WHERE client_no = ? AND key = ?", (client_no, key)
            )
            return cur.rowcount > 0

    def keys(self, client_no: int, limit: int) -> list[str]:
        """The keys of a client's customers, oldest first, at most ``limit``."""
        with self._lock:
            rows = self._db.execute(
                "SELECT key FROM customers WHERE client_no = ? ORDER BY seq LIMIT ?",
                (client_no, limit),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def many(self, client_no: int, keys: list[str]) -> list[tuple[str, int, dict[str, Any]]]:
        """The customers of ``keys`` that still exist, in the order of ``keys``."""
        found: dict[str, tuple[str, int, dict[str, Any]]] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT key, customer_no, account_no, data FROM customers "
                    f"WHERE client_no = ? AND key IN ({marks})",
                    (client_no, *chunk),
                ).fetchall()
                for key, number, account, data in rows:
                    found[str(key)] = (str(number), int(account), json.loads(data))
        return [found[k] for k in keys if k in found]

    def all_customers(self, client_no: int) -> list[tuple[str, int, dict[str, Any]]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT customer_no, account_no, data FROM customers "
                "WHERE client_no = ? ORDER BY seq",
                (client_no,),
            ).fetchall()
        return [(str(n), int(a), json.loads(d)) for n, a, d in rows]

    def count(self, client_no: int | None = None) -> int:
        with self._lock:
            if client_no is None:
                row = self._db.execute("SELECT COUNT(*) FROM customers").fetchone()
            else:
                row = self._db.execute(
                    "SELECT COUNT(*) FROM customers WHERE client_no = ?", (client_no,)
                ).fetchone()
        return int(row[0])

    # -- list queries ------------------------------------------------------------------------

    def save_query(
        self, query_id: str, client_no: int, page_size: int, maximum_count: int, keys: list[str]
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO queries VALUES (?, ?, ?, ?, ?, ?)",
                (query_id, client_no, page_size, maximum_count, _dumps(keys), time.time()),
            )
            db.execute(
                "DELETE FROM queries WHERE query_id NOT IN "
                "(SELECT query_id FROM queries ORDER BY created DESC LIMIT ?)",
                (_MAX_QUERIES,),
            )

    def query(self, query_id: str, client_no: int) -> tuple[int, int, list[str]] | None:
        """``(pageSize, maximumCount, keys)`` of a saved query of this client, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT page_size, maximum_count, keys FROM queries "
                "WHERE query_id = ? AND client_no = ?",
                (query_id, client_no),
            ).fetchone()
        if row is None:
            return None
        return int(row[0]), int(row[1]), json.loads(row[2])

    # -- batches -----------------------------------------------------------------------------

    def save_batch(self, uuid: str, client_no: int, operation: str, body: Any) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO batches (uuid, client_no, operation, body, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (uuid, client_no, operation, _dumps(body), time.time()),
            )

    def batch(self, uuid: str, client_no: int) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT operation, body, created, polls, results FROM batches "
                "WHERE uuid = ? AND client_no = ?",
                (uuid, client_no),
            ).fetchone()
        if row is None:
            return None
        return {
            "operation": row[0],
            "body": json.loads(row[1]),
            "created": float(row[2]),
            "polls": int(row[3]),
            "results": None if row[4] is None else json.loads(row[4]),
        }

    def count_poll(self, uuid: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE batches SET polls = polls + 1 WHERE uuid = ?", (uuid,))

    def finish_batch(self, db: sqlite3.Connection, uuid: str, results: Any) -> None:
        db.execute("UPDATE batches SET results = ? WHERE uuid = ?", (_dumps(results), uuid))
