"""Unit tests: text splitting, buttons, images, the encrypted address book."""

from __future__ import annotations

import base64
import re

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, select
from telegram import Bot

from bot.channels import address_book, telegram_api, telegram_render
from bot.channels import telegram_bridge as bridge
from bot.config import ConfigError
from bot.db.models_channels import ChannelAddress
from bot.db.session import session_scope
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_split_prefers_paragraphs_then_sentences():
    paragraphs = ["A" * 3000, "B" * 3000, "C" * 100]
    text = "\n\n".join(paragraphs)
    assert telegram_api.split_text(text) == ["A" * 3000, "B" * 3000 + "\n\n" + "C" * 100]

    sentences = " ".join(f"Sentence number {i} is here." for i in range(400))
    parts = telegram_api.split_text(sentences)
    assert all(len(p) <= 4096 for p in parts) and len(parts) > 1
    assert all(p.endswith(".") for p in parts)
    assert _squash("".join(parts)) == _squash(sentences)


def test_split_hard_cuts_and_counts_utf16():
    blob = "x" * 10_000
    assert [len(p) for p in telegram_api.split_text(blob)] == [4096, 4096, 1808]
    emoji = "💙" * 3000  # 2 UTF-16 units each
    parts = telegram_api.split_text(emoji)
    assert all(telegram_api.telegram_length(p) <= 4096 for p in parts)
    assert "".join(parts) == emoji
    assert telegram_api.split_text("   \n ") == []
    assert telegram_api.split_text("short") == ["short"]


def test_prepare_user_text():
    assert bridge.prepare_user_text("  hi  ") == ("hi", None)
    assert bridge.prepare_user_text(" \n ") == (None, None)
    assert bridge.prepare_user_text(None) == (None, None)
    text, note = bridge.prepare_user_text("y" * 5000)
    assert len(text) == 4000 and note == bridge.TRUNCATED_NOTE


def test_payload_store_tokens():
    store = telegram_api.PayloadStore(max_entries=2)
    assert store.data_for("/affirm") == "/affirm"
    long_payload = "/inform" + "x" * 100
    token = store.data_for(long_payload)
    assert token.startswith("~") and len(token.encode()) <= 64
    assert store.payload_for(token) == long_payload
    assert store.data_for("esc:ack:1").startswith("~"), "Rasa payloads never look like staff buttons"
    assert store.payload_for("~missing") is None
    store.data_for("/a" + "y" * 80)
    store.data_for("/b" + "z" * 80)
    assert store.payload_for(token) is None, "bounded: oldest evicted"
    assert len(telegram_api.PayloadStore().data_for("é" * 40).encode()) <= 64  # 80 bytes -> token


def test_layout_buttons():
    scale = [{"title": str(i), "payload": f"/m{i}"} for i in range(11)]
    assert [len(r) for r in telegram_api.layout_buttons(scale)] == [6, 5]
    assert [len(r) for r in telegram_api.layout_buttons(scale[:2])] == [2]
    long = [{"title": "Talk to a person from the support team"}, {"title": "Not now"}]
    assert [len(r) for r in telegram_api.layout_buttons(long)] == [1, 1]
    keyboard = telegram_api.build_keyboard([{"title": "Site", "url": "https://example.org"}, {"title": "Yes"}])
    ((site, yes),) = keyboard.inline_keyboard
    assert site.url == "https://example.org" and yes.callback_data == "Yes"


def test_load_image(tmp_path, monkeypatch):
    png = b"\x89PNG fake"
    assert telegram_render.load_image("data:image/png;base64," + base64.b64encode(png).decode()) == png
    assert telegram_render.load_image("https://example.org/a.png") == "https://example.org/a.png"
    assert telegram_render.load_image("/etc/hostname") is None
    assert telegram_render.load_image("web/../../../../etc/hostname") is None
    (tmp_path / "a.png").write_bytes(png)
    assert telegram_render.load_image(str(tmp_path / "a.png")) is None
    monkeypatch.setenv("TELEGRAM_MEDIA_DIR", str(tmp_path))
    assert telegram_render.load_image(str(tmp_path / "a.png")) == png
    assert telegram_render.load_image(f"file://{tmp_path / 'a.png'}") == png
    assert telegram_render.load_image("") is None


def test_address_book_roundtrip_and_encryption(db_url, monkeypatch):
    monkeypatch.setenv("COMPANION_ADDRESS_KEY", TEST_ADDRESS_KEY)
    chat = 123_456_789
    with session_scope(db_url) as session:
        key = address_book.remember(session, "telegram", chat)
        assert address_book.remember(session, "telegram", chat) == key
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    sender, same_key = address_book.keys_for("telegram", chat)
    assert same_key == key and sender.startswith("tg-") and str(chat) not in sender
    with session_scope(db_url) as session:
        assert session.execute(select(func.count()).select_from(ChannelAddress)).scalar() == 1
        row = session.execute(select(ChannelAddress)).scalar_one()
        assert str(chat) not in row.address_enc
        assert address_book.resolve(session, key, "telegram") == str(chat)
        assert address_book.resolve(session, key, "widget") is None
        assert address_book.resolve(session, "f" * 64, "telegram") is None

    # key rotation: new key first, old key still decrypts; a refresh re-encrypts with the new one
    new_key = Fernet.generate_key().decode()
    monkeypatch.setenv("COMPANION_ADDRESS_KEY", f"{new_key},{TEST_ADDRESS_KEY}")
    with session_scope(db_url) as session:
        assert address_book.resolve(session, key, "telegram") == str(chat)
        address_book.remember(session, "telegram", chat)
    monkeypatch.setenv("COMPANION_ADDRESS_KEY", new_key)
    with session_scope(db_url) as session:
        assert address_book.resolve(session, key, "telegram") == str(chat)

    monkeypatch.setenv("COMPANION_ADDRESS_KEY", "a different secret")
    with session_scope(db_url) as session:
        assert address_book.resolve(session, key, "telegram") is None  # unreadable, logged

    with session_scope(db_url) as session:
        assert address_book.forget(session, key) == 1
        assert address_book.resolve(session, key, "telegram") is None


def test_address_key_required_in_production(monkeypatch):
    monkeypatch.delenv("COMPANION_ADDRESS_KEY", raising=False)
    monkeypatch.setenv("COMPANION_ENV", "production")
    monkeypatch.setenv("COMPANION_HMAC_KEY", "prod-hmac-key-for-test")
    with pytest.raises(ConfigError):
        address_book.encrypt_address(1)
    monkeypatch.setenv("COMPANION_ENV", "development")
    assert address_book.decrypt_address(address_book.encrypt_address(42)) == "42"


@pytest.mark.asyncio
async def test_custom_message_with_explicit_parse_mode(fake_api):
    async with Bot(fake_api.token, base_url=fake_api.base_url) as bot:
        await telegram_render.send_rasa_message(bot, 77, {"custom": {"text": "*bold*", "parse_mode": "MarkdownV2"}})
        await telegram_render.send_rasa_message(bot, 77, {"text": "Plain *stars* _stay_ [as] typed."})
        await telegram_render.send_rasa_message(bot, 77, {"custom": {"type": "chart-data", "points": [1, 2]}})
        await telegram_render.send_rasa_message(bot, 77, {"attachment": "https://example.org/leaflet.pdf"})
    first, second, third = fake_api.messages(77)
    assert (first["text"], first["_parse_mode"]) == ("*bold*", "MarkdownV2")
    assert second["text"] == "Plain *stars* _stay_ [as] typed." and "_parse_mode" not in second
    assert third["text"] == "Attachment: https://example.org/leaflet.pdf"


def test_delete_my_data_removes_the_address(db_url, monkeypatch):
    from bot.privacy.service import delete_user_data
    from bot.users import get_or_create_user

    monkeypatch.setenv("COMPANION_ADDRESS_KEY", TEST_ADDRESS_KEY)
    with session_scope(db_url) as session:
        key = address_book.remember(session, "telegram", 555)
        get_or_create_user(session, key, "telegram")
    with session_scope(db_url) as session:
        report = delete_user_data(session, key, actor="system")
        assert report.other_rows_deleted.get("channel_addresses") == 1
    with session_scope(db_url) as session:
        assert address_book.resolve(session, key, "telegram") is None


async def test_staff_buttons_go_to_the_injected_callback_only(fake_api, tmp_path):
    """The bridge does not import the notifier: an esc:... press goes to the staff callback
    the process passed in (with the staff chat and database), and with none wired it is
    refused rather than silently dropped."""
    from telegram import Update

    from bot.channels.rate_limit import RateLimiter

    calls = []

    async def staff_callback(update, bot, *, staff_chat_id, database_url):
        calls.append((update.callback_query.data, staff_chat_id, database_url))

    async def relay(*_):
        raise AssertionError("a staff button must never reach Rasa")

    database_url = f"sqlite:///{tmp_path / 'unused.db'}"

    def press(update_id, data):
        staff_user = {"id": 31_337, "is_bot": False, "first_name": "Sam"}
        alert = {
            "message_id": 5,
            "date": 0,
            "chat": {"id": STAFF_CHAT_ID, "type": "supergroup", "title": "staff"},
            "from": {"id": 1, "is_bot": True, "first_name": "bot"},
            "text": "alert",
        }
        return {
            "update_id": update_id,
            "callback_query": {
                "id": f"q{update_id}",
                "from": staff_user,
                "chat_instance": "ci",
                "data": data,
                "message": alert,
            },
        }

    for callback in (staff_callback, None):
        bridge_ = bridge.TelegramBridge(
            relay,
            staff_chat_id=STAFF_CHAT_ID,
            addresses=bridge.AddressRecorder(database_url),
            rate_limiter=RateLimiter(rate_per_minute=0),
            staff_callback=callback,
        )
        application = bridge.build_application(fake_api.token, bridge_, base_url=fake_api.base_url, polling=False)
        async with application:
            await application.process_update(Update.de_json(press(1 if callback else 2, "esc:ack:7"), application.bot))
    assert calls == [("esc:ack:7", STAFF_CHAT_ID, database_url)]
    assert fake_api.callback_answers == [
        {"callback_query_id": "q2", "text": bridge.STAFF_BUTTONS_OFF_ANSWER, "show_alert": True}
    ]
