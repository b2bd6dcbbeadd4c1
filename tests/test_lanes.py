"""The fast lane (`make check`: pytest -m "not integration") leaves out exactly the tests
that need a server, browser, real service or the trained model (tests/conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import conftest

TESTS = Path(__file__).resolve().parent


class FakeItem:
    def __init__(self, fixturenames, params=None):
        self.fixturenames = list(fixturenames)
        self.callspec = SimpleNamespace(params=params) if params is not None else None
        self.marks = []

    def add_marker(self, mark):
        self.marks.append(mark.name)


def lane(*fixturenames, params=None) -> str:
    item = FakeItem(fixturenames, params)
    conftest.pytest_collection_modifyitems(config=None, items=[item])
    return "integration" if "integration" in item.marks else "fast"


@pytest.mark.parametrize("fixture", sorted(conftest.INTEGRATION_FIXTURES))
def test_a_test_using_a_server_or_real_service_fixture_is_integration(fixture):
    assert lane("tmp_path", fixture) == "integration"


def test_unit_fixtures_stay_in_the_fast_lane():
    assert lane() == "fast"
    assert (
        lane(
            "tmp_path",
            "monkeypatch",
            "session",
            "settings",
            "make_key",
            "action_db",
            "db_url",
            params={"db_url": "sqlite"},
        )
        == "fast"
    )


def test_the_postgresql_variant_of_db_url_is_integration():
    assert lane("db_url", "session", params={"db_url": "postgresql"}) == "integration"
    assert lane("db_url", params={"db_url": "sqlite", "other": "postgresql"}) == "fast"


def test_every_listed_fixture_exists():
    """A renamed fixture would silently move its tests into the fast lane."""
    defined = set()
    for path in TESTS.glob("*.py"):
        defined |= set(re.findall(r"^(?:async )?def (\w+)\(", path.read_text(), re.M))
    assert conftest.INTEGRATION_FIXTURES <= defined, conftest.INTEGRATION_FIXTURES - defined
