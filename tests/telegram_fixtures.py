"""Fixtures for the Telegram tests: fake Bot API, a stand-in Rasa REST endpoint, a
migrated SQLite database, and the polling worker running against them.

Import the fixtures into a test module with ``from tests.telegram_fixtures import *``.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable, Dict, List, Optional

import pytest
import pytest_asyncio
from aiohttp import web

from tests.fake_bot_api import ApiError, FakeBotAPI, run_in_thread, start_site, stop_thread

__all__ = [
    "FakeBotAPI",
    "E2EBotAPI",
    "StubRasa",
    "fake_api",
    "stub_rasa",
    "sqlite_db_url",
    "telegram_env",
    "worker",
    "all_text_values",
    "STAFF_CHAT_ID",
    "TEST_ADDRESS_KEY",
]

STAFF_CHAT_ID = -100777
TEST_ADDRESS_KEY = "tests-only address key, not a secret"


class StubRasa:
    """A tiny stand-in for Rasa's REST channel (``POST /webhooks/rest/webhook``).

    ``responder(body) -> list`` decides the answer; the default echoes the message.
    Every request body is kept in ``requests``. Runs on its own thread and loop.
    """

    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        self.answered: List[str] = []  # messages Rasa took (status 200)
        self.responder: Callable[[Dict[str, Any]], Any] = self.echo
        self.status = 200
        # health as the worker checks it (GET /status with a model, GET /); False: 503
        self.ready = True
        self.port: Optional[int] = None
        self._loop = self._thread = self._stop = None

    @staticmethod
    def echo(body: Dict[str, Any]) -> List[Dict[str, Any]]:
        return [{"recipient_id": body["sender"], "text": f"echo: {body['message']}"}]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        if self.status != 200:
            return web.Response(status=self.status, text="unavailable")
        self.answered.append(body["message"])
        return web.json_response(self.responder(body))

    async def _health(self, request: web.Request) -> web.Response:
        if not self.ready:
            return web.Response(status=503, text="loading")
        if request.path == "/status":
            return web.json_response({"model_id": "stub-model", "model_file": "stub.tar.gz"})
        return web.Response(text="Hello from Rasa: stub")

    def start(self) -> "StubRasa":
        async def serve():
            app = web.Application()
            app.router.add_post("/webhooks/rest/webhook", self._handle)
            app.router.add_get("/", self._health)
            app.router.add_get("/status", self._health)
            runner, self.port = await start_site(app)
            return runner

        self._thread, self._loop, self._stop = run_in_thread(serve, "stub-rasa")
        return self

    def stop(self) -> None:
        stop_thread(self._thread, self._loop, self._stop)

    def messages(self) -> List[str]:
        return [r["message"] for r in self.requests]


class E2EBotAPI(FakeBotAPI):
    """The fake Bot API with two extras for the end-to-end tests
    (tests/test_telegram_e2e.py):

    - ``name_user(user_id, first_name)``: the first name a user (and their private chat)
      carries in updates, so privacy scans can look for a distinctive one;
    - ``fail_chat_next(chat_id, n, status=500 | retry_after=...)``: faults for one chat
      only (``sendMessage`` by default), so an outage of the staff chat does not also eat
      the patient's replies sent by another process at the same moment.
    """

    def reset(self) -> None:
        super().reset()
        with self._lock:
            self.first_names: Dict[int, str] = {}
            self._chat_faults: List[Dict[str, Any]] = []

    def name_user(self, user_id: int, first_name: str) -> None:
        with self._lock:
            self.first_names[user_id] = first_name

    def chat(self, chat_id: int, chat_type: str = "private", **extra: Any) -> dict:
        if chat_type == "private" and "first_name" not in extra and chat_id in self.first_names:
            extra["first_name"] = self.first_names[chat_id]
        return super().chat(chat_id, chat_type, **extra)

    def _user(self, user_id: int, first_name: Optional[str] = None, language_code: Optional[str] = "en") -> dict:
        name = first_name or self.first_names.get(user_id, "Pat")
        return super()._user(user_id, first_name=name, language_code=language_code)

    def fail_chat_next(
        self,
        chat_id: int,
        n: int = 1,
        *,
        status: int = 500,
        retry_after: Optional[int] = None,
        methods: tuple = ("sendMessage",),
    ) -> None:
        if retry_after is not None:
            status = 429
        description = f"Too Many Requests: retry after {retry_after}" if status == 429 else "Internal Server Error"
        with self._lock:
            self._chat_faults.append(
                {
                    "chat_id": chat_id,
                    "remaining": n,
                    "status": status,
                    "description": description,
                    "parameters": {"retry_after": retry_after} if retry_after is not None else None,
                    "methods": {m.lower() for m in methods},
                }
            )

    def chat_faults_left(self, chat_id: int) -> int:
        with self._lock:
            return sum(f["remaining"] for f in self._chat_faults if f["chat_id"] == chat_id)

    def _take_chat_fault(self, method: str, params: dict) -> None:
        with self._lock:
            for fault in self._chat_faults:
                if fault["remaining"] > 0 and method in fault["methods"] and params.get("chat_id") == fault["chat_id"]:
                    fault["remaining"] -= 1
                    raise ApiError(fault["status"], fault["description"], fault["parameters"])

    async def _m_sendmessage(self, params: dict) -> dict:
        self._take_chat_fault("sendmessage", params)
        return await super()._m_sendmessage(params)

    async def _m_sendphoto(self, params: dict) -> dict:
        self._take_chat_fault("sendphoto", params)
        return await super()._m_sendphoto(params)


@pytest.fixture
def fake_api():
    api = FakeBotAPI().start()
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture
def stub_rasa():
    stub = StubRasa().start()
    try:
        yield stub
    finally:
        stub.stop()


@pytest.fixture
def sqlite_db_url(tmp_path):
    """A migrated SQLite file. Modules where the database is incidental override ``db_url``
    with it; elsewhere ``db_url`` is conftest's (SQLite and PostgreSQL)."""
    from bot.db.session import dispose_engines, upgrade

    url = f"sqlite:///{tmp_path / 'companion.db'}"
    upgrade(url)
    try:
        yield url
    finally:
        dispose_engines(url)


@pytest.fixture
def telegram_env(monkeypatch, fake_api, db_url):
    """Environment as the processes read it: fake Bot API, test database, staff chat."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", fake_api.token)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake_api.base_url)
    monkeypatch.setenv("TELEGRAM_STAFF_CHAT_ID", str(STAFF_CHAT_ID))
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("COMPANION_ADDRESS_KEY", TEST_ADDRESS_KEY)
    monkeypatch.delenv("COMPANION_ENV", raising=False)
    return {"db_url": db_url, "fake": fake_api}


@pytest_asyncio.fixture
async def worker(telegram_env, fake_api, stub_rasa, db_url, tmp_path):
    """The polling worker, running as a task until the test ends."""
    from bot.channels.telegram_worker import WorkerConfig, run_polling

    config = WorkerConfig(
        token=fake_api.token,
        base_url=fake_api.base_url,
        rasa_url=stub_rasa.url,
        staff_chat_id=STAFF_CHAT_ID,
        poll_timeout=1,
        database_url=db_url,
        rasa_token="stub-token",
        ledger_path=tmp_path / "telegram_updates.json",
        hold_retry_seconds=0.3,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run_polling(config, stop))
    await fake_api.async_wait_for(lambda: fake_api.calls("getUpdates") or task.done(), timeout=5)
    if task.done():
        task.result()  # surface a startup failure
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=8)


def all_text_values(db_url: str) -> List[str]:
    """Every text-like value in every table of the database (for privacy scans)."""
    from sqlalchemy import MetaData, create_engine, select

    engine = create_engine(db_url, future=True)
    values: List[str] = []
    try:
        metadata = MetaData()
        metadata.reflect(bind=engine)
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                for row in conn.execute(select(table)):
                    for value in row:
                        if value is None:
                            continue
                        if isinstance(value, (dict, list)):
                            value = json.dumps(value)
                        values.append(str(value))
    finally:
        engine.dispose()
    return values
