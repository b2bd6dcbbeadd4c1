"""Delete one person's events from Rasa's SQL tracker store (table ``events``)."""

from __future__ import annotations

from typing import Iterable, Tuple

from sqlalchemy import MetaData, Table, delete, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.future import create_engine
from sqlalchemy.pool import NullPool

from bot.db.session import sqlite_file_path

TRACKER_TABLE = "events"


def delete_tracker_events(tracker_db_url: str, sender_ids: Iterable[str]) -> Tuple[int, str]:
    """Delete rows whose ``sender_id`` is in ``sender_ids``.

    Returns ``(rows_deleted, status)`` with status 'deleted', 'nothing_to_do' or
    'no_tracker_table'. Database errors propagate.
    """
    senders = sorted({str(s) for s in sender_ids if str(s)})
    if not senders:
        return 0, "nothing_to_do"
    path = sqlite_file_path(tracker_db_url)
    if make_url(tracker_db_url).get_backend_name() == "sqlite" and path is not None and not path.exists():
        return 0, "no_tracker_table"  # do not create an empty database file
    engine = create_engine(tracker_db_url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            if not inspect(conn).has_table(TRACKER_TABLE):
                return 0, "no_tracker_table"
            events = Table(TRACKER_TABLE, MetaData(), autoload_with=conn)
            if "sender_id" not in events.c:
                return 0, "no_tracker_table"
            result = conn.execute(delete(events).where(events.c.sender_id.in_(senders)))
            return max(result.rowcount or 0, 0), "deleted"
    finally:
        engine.dispose()
