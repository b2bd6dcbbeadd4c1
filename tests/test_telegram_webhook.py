"""Webhook mode: the Rasa input channel's Sanic blueprint, registered the way Rasa does
(``rasa.core.channels.channel.register``) on a real port, with a stand-in agent."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid

import httpx
import pytest
import pytest_asyncio
from rasa.core.channels.channel import register
from sanic import Sanic

from bot.channels.telegram import CHANNEL_NAME, TelegramInput, TelegramOutput
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures

pytestmark = pytest.mark.asyncio

CHAT = 4_440_001
SECRET = "webhook-secret-for-tests"


@pytest.fixture
def db_url(sqlite_db_url):
    """The database is incidental in this module: SQLite only (the notifier and address
    book tests run on both backends)."""
    return sqlite_db_url


def _update(update_id: int, text: str, chat_id: int = CHAT) -> dict:
    update = {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat", "language_code": "de"},
            "text": text,
        },
    }
    if text.startswith("/"):
        update["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return update


class EchoAgent:
    """Stands in for rasa's Agent: records the UserMessage, answers through its channel."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_message(self, message):
        self.messages.append(message)
        await message.output_channel.send_response(
            message.sender_id,
            {"text": f"echo: {message.text}", "buttons": [{"title": "More", "payload": "/more"}]},
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    """Several Sanic apps start in one process: test mode makes Sanic's start-up code
    rewriting (TouchUp) repeatable and allows re-registering app names."""
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest_asyncio.fixture
async def webhook(telegram_env, fake_api, db_url):
    channel = TelegramInput.from_credentials({"webhook_secret": SECRET, "bot_token": None})
    app = Sanic(f"telegram_webhook_test_{uuid.uuid4().hex[:8]}")
    app.ctx.agent = EchoAgent()
    register([channel], app, route="/webhooks/")
    port = _free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.after_start()
    url = f"http://127.0.0.1:{port}/webhooks/{CHANNEL_NAME}/webhook"
    async with httpx.AsyncClient(timeout=5) as client:
        try:
            yield {"url": url, "client": client, "agent": app.ctx.agent, "channel": channel}
        finally:
            await server.before_stop()
            server.close()
            await server.wait_closed()
            await server.after_stop()


async def test_from_credentials_falls_back_to_environment(telegram_env, fake_api, monkeypatch):
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "from-env")
    channel = TelegramInput.from_credentials(None)
    assert channel.name() == "telegram_ptb"
    assert (channel.bot_token, channel.webhook_secret, channel.api_base_url) == (
        fake_api.token,
        "from-env",
        fake_api.base_url,
    )
    explicit = TelegramInput.from_credentials(
        {"bot_token": "1:abc", "webhook_secret": "s", "api_base_url": "http://x/bot"}
    )
    assert (explicit.bot_token, explicit.webhook_secret, explicit.api_base_url) == ("1:abc", "s", "http://x/bot")
    monkeypatch.delenv("TELEGRAM_API_BASE_URL")
    assert TelegramInput.from_credentials({}).api_base_url == "https://api.telegram.org/bot"


async def test_secret_is_required(webhook):
    client, url = webhook["client"], webhook["url"]
    body = json.dumps(_update(1, "hi"))
    assert (await client.post(url, content=body)).status_code == 403
    wrong = await client.post(url, content=body, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
    assert wrong.status_code == 403
    assert webhook["agent"].messages == []


async def test_malformed_bodies_are_rejected(webhook):
    client, url = webhook["client"], webhook["url"]
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    for body in (
        "{not json",
        "[1, 2]",
        '"text"',
        '{"message": {}}',
        '{"update_id": "1"}',
        '{"update_id": 1, "message": "not a message"}',
    ):
        response = await client.post(url, content=body, headers=headers)
        assert response.status_code == 400, body
    assert webhook["agent"].messages == []


async def test_update_reaches_rasa_and_reply_reaches_chat(webhook, fake_api):
    client, url = webhook["client"], webhook["url"]
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    started = time.monotonic()
    response = await client.post(url, content=json.dumps(_update(10, "hello")), headers=headers)
    assert response.status_code == 200
    assert time.monotonic() - started < 2

    await fake_api.async_wait_for(lambda: fake_api.texts(CHAT))
    (message,) = webhook["agent"].messages
    assert message.text == "hello"
    assert message.sender_id.startswith("tg-") and str(CHAT) not in message.sender_id
    assert message.input_channel == "telegram_ptb"
    assert message.metadata == {"channel": "telegram", "language_code": "de"}
    (sent,) = fake_api.messages(CHAT)
    assert sent["text"] == "echo: hello"
    assert sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "/more"

    # same handlers as polling mode: /start -> /greet, stickers get the friendly reply
    await client.post(url, content=json.dumps(_update(11, "/start")), headers=headers)
    sticker = _update(12, "")
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {
        "file_id": "s",
        "file_unique_id": "s",
        "type": "regular",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
    }
    await client.post(url, content=json.dumps(sticker), headers=headers)
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 3)
    assert webhook["agent"].messages[1].text == "/greet"
    assert fake_api.texts(CHAT)[2].startswith("I can only read text messages")


async def test_proactive_message_uses_address_book(webhook, fake_api):
    client, url = webhook["client"], webhook["url"]
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    await client.post(url, content=json.dumps(_update(20, "hello")), headers=headers)
    await fake_api.async_wait_for(lambda: fake_api.texts(CHAT))
    sender_id = webhook["agent"].messages[0].sender_id

    output = webhook["channel"].get_output_channel()
    assert isinstance(output, TelegramOutput) and output.chat_id is None
    await output.send_response(sender_id, {"text": "Time for your check-in."})
    assert fake_api.texts(CHAT)[-1] == "Time for your check-in."
    await output.send_response("tg-" + "0" * 64, {"text": "nobody"})  # unknown: logged, not sent
    assert "nobody" not in fake_api.texts(CHAT)


async def test_no_secret_configured_accepts_updates(telegram_env, fake_api, db_url, monkeypatch):
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    channel = TelegramInput.from_credentials({})
    assert channel.webhook_secret is None
    app = Sanic(f"telegram_webhook_nosecret_{uuid.uuid4().hex[:8]}")
    app.ctx.agent = EchoAgent()
    register([channel], app, route="/webhooks/")
    port = _free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
    await server.startup()
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.post(
                f"http://127.0.0.1:{port}/webhooks/telegram_ptb/webhook", content=json.dumps(_update(30, "hi"))
            )
        assert response.status_code == 200
        await fake_api.async_wait_for(lambda: fake_api.texts(CHAT))
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await asyncio.sleep(0)
