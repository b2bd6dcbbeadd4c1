"""The widget's socket.io channel (bot/channels/socketio_channel.py) in isolation; the
session-room fix itself is exercised against the real Rasa server in
tests/test_widget_browser.py::test_socketio_session_room_survives_reconnect."""

from __future__ import annotations

import pytest

from bot.channels.socketio_channel import SocketIOInput, SocketIOOutput, valid_session_id


class RecordingSio:
    def __init__(self):
        self.emitted = []

    async def emit(self, event, data=None, room=None, **kwargs):
        self.emitted.append((event, data, room))


def test_registered_under_the_stock_name_with_customdata_metadata():
    channel = SocketIOInput.from_credentials(
        {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered", "session_persistence": True}
    )
    assert SocketIOInput.name() == "socketio"  # output_channel=socketio finds it
    assert channel.session_persistence is True and channel.metadata_key == "customData"
    assert SocketIOInput.from_credentials({"metadata_key": "meta"}).metadata_key == "meta"


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"customData": {"role": "caregiver"}}, {"role": "caregiver"}),
        ({"customData": '{"role": "patient"}'}, {"role": "patient"}),
        ({"metadata": {"channel": "widget"}}, {"channel": "widget"}),
        ({"customData": "not json"}, {}),
        ({"customData": ["a"]}, {}),
        ({}, {}),
    ],
)
def test_metadata_from_customdata(data, expected):
    assert SocketIOInput.from_credentials({})._metadata(data) == expected


@pytest.mark.parametrize(
    "value, ok",
    [
        ("0123456789abcdef0123456789abcdef", True),
        ("widget-session_0123456789", True),
        ("short", False),
        ("../../etc/passwd-0123456789", False),
        ("x" * 65, False),
        (None, False),
        (12345678901234567890, False),
    ],
)
def test_session_ids(value, ok):
    assert valid_session_id(value) is ok


async def test_staff_messages_keep_their_flag():
    sio = RecordingSio()
    out = SocketIOOutput(sio, "bot_uttered")
    await out.send_response("room-1", {"text": "Hi, Sam here\n\nAre you safe?", "staff": True})
    await out.send_response("room-1", {"text": "Plain bot reply"})
    assert sio.emitted == [
        ("bot_uttered", {"text": "Hi, Sam here", "staff": True}, "room-1"),
        ("bot_uttered", {"text": "Are you safe?", "staff": True}, "room-1"),
        ("bot_uttered", {"text": "Plain bot reply"}, "room-1"),
    ]
