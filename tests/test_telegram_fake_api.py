"""The fake Bot API itself: real Bot API answers and errors, the HTTP control surface."""

from __future__ import annotations

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter

from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures

pytestmark = pytest.mark.asyncio


async def test_bot_api_shapes_and_checks(fake_api):
    async with Bot(fake_api.token, base_url=fake_api.base_url) as bot:
        assert bot.username == fake_api.bot_username
        message = await bot.send_message(11, "hello")
        assert message.message_id == 1 and message.chat.id == 11 and message.from_user.is_bot
        assert message.date.year >= 2024
        with pytest.raises(BadRequest, match="too long"):
            await bot.send_message(11, "x" * 4097)
        with pytest.raises(BadRequest, match="empty"):
            await bot.send_message(11, " ")
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="y" * 65)]])
        with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
            await bot.send_message(11, "buttons", reply_markup=markup)
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text("hello", chat_id=11, message_id=1)
        with pytest.raises(BadRequest, match="not found"):
            await bot.edit_message_text("new", chat_id=11, message_id=99)
        await bot.set_webhook("https://example.org/hook", secret_token="s")
        with pytest.raises(Conflict):
            await bot.get_updates(timeout=0)
        await bot.delete_webhook()

        fake_api.fail_next(1, retry_after=3)
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(11, "rate limited")
        assert caught.value.retry_after in (3, 3.0) or caught.value.retry_after.total_seconds() == 3
        fake_api.fail_next(1, status=500)
        with pytest.raises(NetworkError):
            await bot.send_message(11, "server error")

        fake_api.user_text(11, "one")
        fake_api.user_sticker(11)
        updates = await bot.get_updates(timeout=1)
        assert [bool(u.message.text) for u in updates] == [True, False]
        assert updates[1].message.sticker is not None
        again = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
        assert again == ()
    with pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=fake_api.base_url):
            pass


async def test_http_control_surface(fake_api):
    base = f"http://127.0.0.1:{fake_api.port}/_test"
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.post(f"{base}/update", json={"kind": "text", "chat_id": 5, "text": "/start"})
        assert response.json()["entities"][0]["type"] == "bot_command"
        await client.post(f"{base}/update", json={"kind": "location", "chat_id": 5})
        await client.post(f"{base}/faults", json={"n": 1, "status": 502, "methods": ["sendMessage"]})
        async with Bot(fake_api.token, base_url=fake_api.base_url) as bot:
            assert len(await bot.get_updates(timeout=0)) == 2
            with pytest.raises(NetworkError):
                await bot.send_message(5, "first try")
            await bot.send_message(5, "second try")
        assert [m["text"] for m in (await client.get(f"{base}/messages", params={"chat_id": 5})).json()] == [
            "second try"
        ]
        calls = (await client.get(f"{base}/calls", params={"method": "sendMessage"})).json()
        assert [c["status"] for c in calls] == [502, 200]
        await client.post(f"{base}/reset")
        assert (await client.get(f"{base}/messages", params={"chat_id": 5})).json() == []
