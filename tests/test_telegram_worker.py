"""Polling worker against the fake Bot API and a stand-in Rasa REST endpoint (real HTTP
on loopback). The end-to-end test with the real Rasa server lives elsewhere."""

from __future__ import annotations

import base64
import re

import pytest

from bot.channels import telegram_api
from bot.channels import telegram_bridge as bridge
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures

pytestmark = pytest.mark.asyncio

CHAT = 5_550_123
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def db_url(sqlite_db_url):
    """The database is incidental in this module: SQLite only (the notifier and address
    book tests run on both backends)."""
    return sqlite_db_url


def _keyboard(message):
    return (message.get("reply_markup") or {}).get("inline_keyboard") or []


async def test_text_is_relayed_with_pseudonymous_sender(worker, fake_api, stub_rasa):
    fake_api.user_text(CHAT, "what does stage 4 mean?")
    await fake_api.async_wait_for(lambda: fake_api.texts(CHAT))

    assert fake_api.texts(CHAT) == ["echo: what does stage 4 mean?"]
    (request,) = stub_rasa.requests
    assert request["message"] == "what does stage 4 mean?"
    assert re.fullmatch(r"tg-[0-9a-f]{64}", request["sender"])
    assert str(CHAT) not in request["sender"]
    assert request["metadata"] == {"channel": "telegram", "language_code": "en"}
    assert fake_api.calls("sendChatAction"), "typing indicator while Rasa thinks"


async def test_commands_registered_and_mapped_to_intents(worker, fake_api, stub_rasa):
    assert [c["command"] for c in fake_api.commands] == ["start", "help", "checkin", "privacy", "delete"]
    for command in ("/start", "/help", "/checkin", "/privacy", "/delete", "/start@companion_test_bot"):
        fake_api.user_text(CHAT, command)
    await fake_api.async_wait_for(lambda: len(stub_rasa.requests) == 6)
    assert stub_rasa.messages() == [
        "/greet",
        "/ask_capabilities",
        "/start_checkin",
        "/ask_privacy",
        "/delete_my_data",
        "/greet",
    ]
    # an unknown command, or a typed intent, never reaches Rasa
    fake_api.user_text(CHAT, "/inform_mood")
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 7)
    assert "don't know that command" in fake_api.texts(CHAT)[-1]
    assert len(stub_rasa.requests) == 6


async def test_buttons_become_inline_keyboard_and_press_goes_back_to_rasa(worker, fake_api, stub_rasa):
    long_payload = '/inform_mood{"mood_score": "7", "note": "' + "x" * 80 + '"}'

    def responder(body):
        if body["message"] == "hi":
            return [
                {
                    "recipient_id": body["sender"],
                    "text": "Who are you?",
                    "buttons": [
                        {"title": "I'm the patient", "payload": '/greet{"role": "patient"}'},
                        {"title": "Caregiver", "payload": long_payload},
                    ],
                }
            ]
        return [{"recipient_id": body["sender"], "text": f"got {body['message']}"}]

    stub_rasa.responder = responder
    fake_api.user_text(CHAT, "hi")
    await fake_api.async_wait_for(lambda: fake_api.messages(CHAT))
    message = fake_api.messages(CHAT)[0]
    buttons = [b for row in _keyboard(message) for b in row]
    assert [b["text"] for b in buttons] == ["I'm the patient", "Caregiver"]
    assert buttons[0]["callback_data"] == '/greet{"role": "patient"}'
    assert len(buttons[1]["callback_data"].encode()) <= 64  # long payload -> token

    query_id = fake_api.press_button(CHAT, message["message_id"], buttons[1]["callback_data"])
    await fake_api.async_wait_for(lambda: len(stub_rasa.requests) == 2)
    assert stub_rasa.requests[1]["message"] == long_payload
    assert stub_rasa.requests[1]["sender"] == stub_rasa.requests[0]["sender"]
    await fake_api.async_wait_for(lambda: len(fake_api.messages(CHAT)) == 2)
    assert any(a["callback_query_id"] == query_id for a in fake_api.callback_answers)
    assert not _keyboard(fake_api.message(CHAT, message["message_id"])), "keyboard removed after the press"

    fake_api.press_button(CHAT, message["message_id"], buttons[0]["callback_data"])
    await fake_api.async_wait_for(lambda: len(stub_rasa.requests) == 3)
    assert stub_rasa.requests[2]["message"] == '/greet{"role": "patient"}'

    fake_api.press_button(CHAT, message["message_id"], "~unknowntoken")
    await fake_api.async_wait_for(lambda: any("expired" in t for t in fake_api.texts(CHAT)))
    assert len(stub_rasa.requests) == 3


async def test_checkin_scale_is_laid_out_in_rows(worker, fake_api, stub_rasa):
    stub_rasa.responder = lambda body: [
        {
            "recipient_id": body["sender"],
            "text": "How are you, 0-10?",
            "buttons": [{"title": str(i), "payload": f'/inform_mood{{"mood_score": "{i}"}}'} for i in range(11)],
        }
    ]
    fake_api.user_text(CHAT, "check in")
    await fake_api.async_wait_for(lambda: fake_api.messages(CHAT))
    rows = _keyboard(fake_api.messages(CHAT)[0])
    assert len(rows) >= 2 and all(len(r) <= 6 for r in rows)
    assert [b["text"] for r in rows for b in r] == [str(i) for i in range(11)]


async def test_images_are_sent_as_photos(worker, fake_api, stub_rasa, tmp_path, monkeypatch):
    local = tmp_path / "chart.png"
    local.write_bytes(PNG_1PX)
    monkeypatch.setenv("TELEGRAM_MEDIA_DIR", str(tmp_path))
    data_uri = "data:image/png;base64," + base64.b64encode(PNG_1PX).decode()
    stub_rasa.responder = lambda body: [
        {"recipient_id": body["sender"], "text": "Your mood this week:"},
        {"recipient_id": body["sender"], "image": data_uri},
        {"recipient_id": body["sender"], "image": str(local)},
        {"recipient_id": body["sender"], "image": "https://example.org/chart.png"},
        {"recipient_id": body["sender"], "image": "/etc/passwd"},  # outside allowed dirs: skipped
    ]
    fake_api.user_text(CHAT, "how has my mood been")
    await fake_api.async_wait_for(lambda: len(fake_api.messages(CHAT)) >= 4)
    messages = fake_api.messages(CHAT)
    assert messages[0]["text"] == "Your mood this week:"
    photos = [m for m in messages if "photo" in m]
    assert [p["_source"] for p in photos] == [
        {"upload_size": len(PNG_1PX)},
        {"upload_size": len(PNG_1PX)},
        {"url": "https://example.org/chart.png"},
    ]


async def test_long_reply_is_split_under_the_limit(worker, fake_api, stub_rasa):
    paragraphs = [f"Paragraph {i}. " + ("Marrow cells make blood. " * 40).strip() for i in range(20)]
    long_text = "\n\n".join(paragraphs)
    assert len(long_text) > 3 * 4096
    stub_rasa.responder = lambda body: [
        {"recipient_id": body["sender"], "text": long_text, "buttons": [{"title": "Tell me more", "payload": "/more"}]}
    ]
    fake_api.user_text(CHAT, "tell me everything")
    await fake_api.async_wait_for(lambda: len(fake_api.messages(CHAT)) >= 4)
    await fake_api.async_wait_for(lambda: _keyboard(fake_api.messages(CHAT)[-1]))
    parts = fake_api.texts(CHAT)
    assert all(telegram_api.telegram_length(p) <= 4096 for p in parts)
    assert re.sub(r"\s", "", "".join(parts)) == re.sub(r"\s", "", long_text)
    assert " ".join(parts).split() == long_text.split()
    assert all(not _keyboard(m) for m in fake_api.messages(CHAT)[:-1]), "buttons only on the last part"


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "video", "document", "location", "contact"])
async def test_non_text_gets_friendly_reply_and_worker_keeps_going(worker, fake_api, stub_rasa, kind):
    getattr(fake_api, f"user_{kind}")(CHAT)
    await fake_api.async_wait_for(lambda: fake_api.texts(CHAT))
    assert fake_api.texts(CHAT) == [bridge.NON_TEXT_REPLY]
    assert stub_rasa.requests == []
    fake_api.user_text(CHAT, "still there?")
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 2)
    assert fake_api.texts(CHAT)[1] == "echo: still there?"
    assert not worker.done()


async def test_a_caption_is_read_as_the_persons_words(worker, fake_api, stub_rasa):
    """A photo captioned with a crisis must reach Rasa (and so the crisis answer)."""
    fake_api.user_photo(CHAT, caption="i can't do this anymore, i want to end my life")
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 2)
    assert stub_rasa.messages() == ["i can't do this anymore, i want to end my life"]
    assert fake_api.texts(CHAT) == ["echo: i can't do this anymore, i want to end my life", bridge.CAPTION_NOTE]
    fake_api.user_photo(CHAT, caption="   ")  # blank caption: just the friendly line
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 3)
    assert fake_api.texts(CHAT)[-1] == bridge.NON_TEXT_REPLY and len(stub_rasa.requests) == 1


async def test_edits_groups_empty_and_overlong_messages(worker, fake_api, stub_rasa):
    first = fake_api.user_text(CHAT, "hello")
    await fake_api.async_wait_for(lambda: fake_api.texts(CHAT))
    fake_api.user_edit(CHAT, first["message_id"], "hello again")  # ignored (documented)

    group = -4_001
    fake_api.group_text(group, "/start")
    fake_api.group_text(group, "anyone here?")  # one polite reply per group and interval

    fake_api.user_text(CHAT, "   ")
    fake_api.user_text(CHAT, "")

    huge = "I have a question about my treatment. " * 200  # ~7,800 chars
    fake_api.user_text(CHAT, huge)
    await fake_api.async_wait_for(lambda: len(stub_rasa.requests) == 2, timeout=8)
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 5)

    assert stub_rasa.messages()[0] == "hello"
    assert len(stub_rasa.messages()[1]) == bridge.MAX_INBOUND_CHARS
    assert huge.strip().startswith(stub_rasa.messages()[1])
    texts = fake_api.texts(CHAT)
    assert texts[1] == texts[2] == bridge.EMPTY_REPLY
    assert texts[3] == bridge.TRUNCATED_NOTE
    assert texts[4].startswith("echo: I have a question")
    assert fake_api.texts(group) == [bridge.GROUP_REPLY]


async def test_rasa_failing_a_turn_gets_safety_fallback_and_no_resend(worker, fake_api, stub_rasa):
    """A 500 means Rasa may have seen the message: apologise with the safety line, never
    send it again (held messages are for when Rasa certainly did not get it:
    tests/test_telegram_outage.py)."""
    stub_rasa.status = 500
    fake_api.user_text(CHAT, "hello?")
    await fake_api.async_wait_for(lambda: fake_api.texts(CHAT))
    assert fake_api.texts(CHAT) == [bridge.UNAVAILABLE_REPLY]
    stub_rasa.status = 200
    fake_api.user_text(CHAT, "and now?")
    await fake_api.async_wait_for(lambda: len(fake_api.texts(CHAT)) == 2)
    assert fake_api.texts(CHAT)[1] == "echo: and now?"
    assert stub_rasa.messages() == ["hello?", "and now?"]


async def test_bot_api_errors_do_not_stop_polling(worker, fake_api, stub_rasa):
    fake_api.fail_next(1, status=500, methods=["sendMessage"])  # retried
    fake_api.user_text(CHAT, "first")
    await fake_api.async_wait_for(lambda: "echo: first" in fake_api.texts(CHAT))

    fake_api.fail_next(3, status=502, methods=["sendMessage"])  # retries exhausted: logged
    fake_api.user_text(CHAT, "second")
    await fake_api.async_wait_for(lambda: len(fake_api.calls("sendMessage")) == 5)

    fake_api.fail_next(1, retry_after=1, methods=["sendMessage"])  # 429: waits, then sends
    fake_api.user_text(CHAT, "third")
    await fake_api.async_wait_for(lambda: "echo: third" in fake_api.texts(CHAT), timeout=6)
    assert fake_api.texts(CHAT) == ["echo: first", "echo: third"]
    assert not worker.done()


async def test_raw_chat_id_never_stored(worker, fake_api, stub_rasa, db_url):
    from bot.channels import address_book
    from bot.db.session import session_scope

    chat = 987_654_321
    fake_api.user_text(chat, "hello")
    fake_api.user_sticker(chat)
    await fake_api.async_wait_for(lambda: len(fake_api.texts(chat)) == 2)
    sender = stub_rasa.requests[0]["sender"]
    with session_scope(db_url) as session:
        key = address_book.key_for("telegram", chat)
        assert address_book.resolve(session, key, "telegram") == str(chat)
    values = all_text_values(db_url)
    assert values, "the address book row is there"
    assert not [v for v in values if str(chat) in v]
    assert str(chat) not in sender
