"""Shared pytest fixtures.

Databases
---------
``db_url`` runs a test on both backends: a migrated SQLite file in ``tmp_path`` and a
migrated PostgreSQL database created for this test session (tables emptied before
each test). The PostgreSQL server comes from ``COMPANION_TEST_PG_URL`` (any database
on it; default ``postgresql://postgres@127.0.0.1:5432/postgres``). If it cannot be
reached the PostgreSQL tests FAIL, unless ``COMPANION_SKIP_PG=1``.

Add new fixtures in their own section below, with a short docstring.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from typing import Callable, Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.future import create_engine
from sqlalchemy.pool import NullPool

from bot.config import load_settings
from bot.db.models import Base
from bot.db.session import dispose_engines, session_factory, upgrade
from bot.privacy.pseudonym import user_key as _user_key

PG_SERVER_URL = os.environ.get("COMPANION_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TEST_HMAC_KEY = b"test-hmac-key-not-secret"


# --- PostgreSQL: one fresh database per test session -----------------------------------


def _admin_engine():
    return create_engine(
        PG_SERVER_URL,
        poolclass=NullPool,
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 5},
    )


def create_pg_database() -> str:
    """Create an empty database ``companion_test_<hex>``; returns its URL."""
    name = f"companion_test_{uuid.uuid4().hex[:12]}"
    engine = _admin_engine()
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')  # name is our own hex
    finally:
        engine.dispose()
    return str(make_url(PG_SERVER_URL).set(database=name))


def drop_pg_database(url: str) -> None:
    """Terminate connections to the database at ``url`` and drop it."""
    name = make_url(url).database
    assert name.startswith("companion_test_")
    dispose_engines(url)
    engine = _admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_available() -> bool:
    """Check the PostgreSQL server once; fail (or skip with COMPANION_SKIP_PG=1) if it is down."""
    try:
        engine = _admin_engine()
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        engine.dispose()
        return True
    except Exception as exc:  # noqa: BLE001
        message = f"PostgreSQL at {make_url(PG_SERVER_URL).render_as_string()} unreachable: {exc}"
        if os.environ.get("COMPANION_SKIP_PG") == "1":
            pytest.skip(message)
        pytest.fail(message + " (set COMPANION_SKIP_PG=1 to skip PostgreSQL tests)")


@pytest.fixture
def fresh_pg_database(pg_available) -> Iterator[Callable[[], str]]:
    """Factory for extra empty PostgreSQL databases, dropped after the test."""
    created = []

    def make() -> str:
        url = create_pg_database()
        created.append(url)
        return url

    yield make
    for url in created:
        drop_pg_database(url)


@pytest.fixture(scope="session")
def pg_migrated_url(pg_available) -> Iterator[str]:
    """A PostgreSQL database migrated to head, shared by the session, dropped at the end."""
    url = create_pg_database()
    try:
        upgrade(url)
        yield url
    finally:
        drop_pg_database(url)


def _empty_tables(url: str) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)  # constants only
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        engine.dispose()


# --- the database under test, on both backends -----------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> Iterator[str]:
    """URL of an empty, migrated database (SQLite file or the session's PostgreSQL db)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'companion.db'}"
        upgrade(url)
    else:
        url = request.getfixturevalue("pg_url")
    yield url
    dispose_engines(url)


@pytest.fixture
def pg_url(pg_migrated_url) -> str:
    """The session's migrated PostgreSQL database, emptied (for PostgreSQL-only tests)."""
    _empty_tables(pg_migrated_url)
    return pg_migrated_url


@pytest.fixture
def session(db_url):
    """A session on ``db_url``; commit explicitly, it is closed (rolled back) afterwards."""
    s = session_factory(db_url)()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def settings(db_url, tmp_path):
    """Settings pointing at ``db_url`` with spool, var dir and tracker in ``tmp_path``."""
    return dataclasses.replace(
        load_settings(),
        database_url=db_url,
        hmac_key=TEST_HMAC_KEY,
        var_dir=tmp_path,
        spool_dir=tmp_path / "spool",
        tracker_db_url=f"sqlite:///{tmp_path / 'tracker.db'}",
        escalation_dedup_minutes=30,
    )


@pytest.fixture
def make_key() -> Callable[..., str]:
    """``make_key(raw_id, channel='telegram')`` -> user_key under the test HMAC key."""

    def make(raw_id, channel: str = "telegram") -> str:
        return _user_key(channel, raw_id, TEST_HMAC_KEY)

    return make


# --- Actions: the action server's settings on a fresh SQLite database ----------------


@pytest.fixture
def action_db(tmp_path, monkeypatch) -> str:
    """A migrated SQLite database that the action server's settings point at."""
    from actions import common

    url = f"sqlite:///{tmp_path / 'actions.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("COMPANION_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    common.settings.cache_clear()
    upgrade(url)
    yield url
    common.settings.cache_clear()


# --- Lanes: `make check` runs `pytest -m "not integration"`, `make test` everything --------

# Fixtures that start a server, a browser or an outside process, or need a real service
# (PostgreSQL, Redis, RabbitMQ), a trained model, the sentence encoder's weights or the
# network. A test using any of them, directly or through another fixture, is marked
# `integration`; the postgresql variant of `db_url` too (it asks for `pg_url` at run time, so
# it is not in the test's fixture list). Tests that start such things without a fixture are
# marked where they are (`pytestmark = pytest.mark.integration` or `@pytest.mark.integration`).
INTEGRATION_FIXTURES = frozenset(
    {
        # Rasa + action server stacks, browsers, the fake Bot API and console servers
        "stack",
        "e2e",
        "live",
        "caregiver",
        "staff",
        "replicas",
        "proxied",
        "services",
        "bot_api",
        "browser",
        "console_url",
        "schemathesis_cli",
        "site",
        "servers",
        "fake_api",
        # real services
        "pg_available",
        "pg_migrated_url",
        "pg_url",
        "fresh_pg_database",
        "redis_up",
        # the trained model; the MiniLM encoder (make encoder) and components trained with it
        "trained_agent",
        "encoder",
        "featurizer",
        "resolver",
        "reader",
        # `python -m bot ...` subprocesses, docker-compose, pip installs into a fresh venv
        "cli",
        "compose",
        "app_image_venv",
    }
)


@pytest.hookimpl(tryfirst=True)  # before pytest's own -m selection
def pytest_collection_modifyitems(config, items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("db_url") == "postgresql"
        if on_postgres or INTEGRATION_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)
