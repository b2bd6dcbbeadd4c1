"""Engines, sessions and programmatic Alembic upgrades."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, Optional

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PG_CONNECT_TIMEOUT_SECONDS = 5

_factories: Dict[str, sessionmaker] = {}
_lock = threading.Lock()


def _resolve_url(url: Optional[str]) -> str:
    if url:
        return str(url)
    from bot.config import core_settings

    return core_settings().database_url


def sqlite_file_path(url: str) -> Optional[Path]:
    """Path of an SQLite database file, or None for other backends / in-memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not pysqlite, decide when transactions begin (makes SAVEPOINT work).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _on_sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: Optional[str] = None, **kwargs) -> Engine:
    """Create a 2.0-style engine; SQLite gets foreign keys + WAL, PostgreSQL a short connect timeout."""
    url = _resolve_url(url)
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        path = sqlite_file_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"check_same_thread": False})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    if backend == "postgresql":
        kwargs.setdefault("connect_args", {"connect_timeout": PG_CONNECT_TIMEOUT_SECONDS})
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def session_factory(url: Optional[str] = None) -> sessionmaker:
    """A cached ``sessionmaker`` per database URL (objects stay usable after commit)."""
    url = _resolve_url(url)
    with _lock:
        factory = _factories.get(url)
        if factory is None:
            factory = sessionmaker(bind=make_engine(url), future=True, expire_on_commit=False)
            _factories[url] = factory
        return factory


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error, always close."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def dispose_engines(url: Optional[str] = None) -> None:
    """Dispose cached engines (all, or the one for ``url``); used by tests and shutdown."""
    with _lock:
        urls = [url] if url else list(_factories)
        for key in urls:
            factory = _factories.pop(key, None)
            if factory is not None:
                factory.kw["bind"].dispose()


def alembic_config(url: Optional[str] = None):
    """An Alembic ``Config`` for our migrations, bound to ``url`` (no alembic.ini needed)."""
    from alembic.config import Config

    url = _resolve_url(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: Optional[str] = None, revision: str = "head") -> None:
    """Run ``alembic upgrade <revision>`` against ``url`` (creates an SQLite file's directory)."""
    from alembic import command

    url = _resolve_url(url)
    path = sqlite_file_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)
