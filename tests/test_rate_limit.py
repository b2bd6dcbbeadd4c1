"""Per-person rate limit on the chat channels (bot/channels/rate_limit.py): the token bucket
with a fake clock, and the real Telegram (polling worker, fake Bot API, stand-in Rasa) and
socket.io code paths: a flood is limited with one notice, and a crisis or urgent message
sent during the flood still reaches Rasa."""

from __future__ import annotations

import pytest

from bot.channels import rate_limit
from bot.channels.rate_limit import RATE_LIMIT_REPLY, RateLimiter, is_safety_critical
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures

CRISIS = "I want to kill myself"
URGENT = "I have a fever of 38.9 and shivering"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def limiter(clock, **kw) -> RateLimiter:
    kw.setdefault("rate_per_minute", 30)
    kw.setdefault("burst", 10)
    return RateLimiter(clock=clock, **kw)


# --- the bucket ------------------------------------------------------------------------


def test_burst_then_limited_then_refills_at_the_rate():
    clock = FakeClock()
    rl = limiter(clock)
    assert [rl.check("a", "hi").allowed for _ in range(10)] == [True] * 10
    assert rl.check("a", "hi").allowed is False
    clock.advance(1.9)  # 30/min = one token per 2 s
    assert rl.check("a", "hi").allowed is False
    clock.advance(0.2)
    assert rl.check("a", "hi").allowed is True
    assert rl.check("a", "hi").allowed is False
    clock.advance(60)  # refills to the burst, never beyond
    assert sum(rl.check("a", "hi").allowed for _ in range(15)) == 10


def test_people_are_limited_separately():
    clock = FakeClock()
    rl = limiter(clock, burst=2)
    assert [rl.check("a").allowed for _ in range(3)] == [True, True, False]
    assert [rl.check("b").allowed for _ in range(2)] == [True, True]


def test_one_notice_per_window_not_per_message():
    clock = FakeClock()
    rl = limiter(clock, burst=1, rate_per_minute=1, notice_seconds=60)
    assert rl.check("a").allowed
    decisions = [rl.check("a", "spam") for _ in range(20)]
    assert not any(d.allowed for d in decisions)
    assert [d.notify for d in decisions].count(True) == 1 and decisions[0].notify
    assert {d.reason for d in decisions} == {"limited"}
    clock.advance(30)
    assert not rl.check("a").notify, "still inside the notice window"
    clock.advance(31)  # a new window (and one token back: used here)
    assert rl.check("a").allowed
    again = rl.check("a")
    assert not again.allowed and again.notify


@pytest.mark.parametrize("text", [CRISIS, "i w4nt to d1e", URGENT, "/request_human", '/crisis{"x": 1}'])
def test_crisis_and_urgent_always_pass_when_over_the_limit(text):
    clock = FakeClock()
    rl = limiter(clock, burst=1, rate_per_minute=1)
    rl.check("a", "hello")
    assert not rl.check("a", "hello").allowed
    for _ in range(5):
        decision = rl.check("a", text)
        assert decision.allowed and decision.reason == "safety" and not decision.notify
    assert not rl.check("a", "what is a PET scan").allowed, "ordinary text still limited"


def test_detector_only_consulted_over_the_limit_and_a_detector_crash_lets_through():
    calls = []

    def critical(text):
        calls.append(text)
        raise RuntimeError("boom")

    clock = FakeClock()
    rl = RateLimiter(rate_per_minute=30, burst=2, clock=clock, is_critical=critical)
    rl.check("a", "one")
    rl.check("a", "two")
    assert calls == [], "the normal path never runs the detector"
    with pytest.raises(RuntimeError):
        rl.check("a", "three")  # a custom predicate's errors surface...

    def boom(*_a, **_k):
        raise ValueError("detector bug")

    # ...but the production predicate fails open: a detector bug never drops a message
    import bot.safety.detector as detector

    original = detector.assess
    detector.assess = boom
    try:
        assert is_safety_critical("anything at all") is True
    finally:
        detector.assess = original
    assert is_safety_critical("what does Ibrance do") is False
    assert is_safety_critical(None) is False and is_safety_critical("   ") is False


def test_memory_is_bounded_idle_buckets_evicted():
    clock = FakeClock()
    rl = limiter(clock, notice_seconds=60, max_keys=1000)
    for i in range(500):
        rl.check(f"user-{i}")
    assert len(rl) == 500
    clock.advance(rl.idle_seconds + 1)
    rl.check("late")
    assert len(rl) == 1, "idle buckets (full again) are forgotten"
    for i in range(5000):
        rl.check(f"spray-{i}")
    assert len(rl) == 1000, "hard cap under a spray of sender ids"


def test_eviction_does_not_reset_an_active_flooder():
    clock = FakeClock()
    rl = limiter(clock, burst=2, rate_per_minute=1, notice_seconds=60)
    rl.check("flood"), rl.check("flood")
    for _ in range(10):
        clock.advance(5)
        assert not rl.check("flood").allowed
        rl.check(f"other-{clock.now}")


def test_limits_from_env(monkeypatch):
    monkeypatch.setenv("COMPANION_RATE_PER_MINUTE", "6")
    monkeypatch.setenv("COMPANION_RATE_BURST", "3")
    monkeypatch.setenv("COMPANION_RATE_NOTICE_SECONDS", "5")
    rl = RateLimiter.from_env()
    assert (rl.rate_per_second, rl.burst, rl.notice_seconds) == (0.1, 3, 5.0)
    monkeypatch.setenv("COMPANION_RATE_PER_MINUTE", "lots")
    monkeypatch.setenv("COMPANION_RATE_BURST", "-4")
    rl = RateLimiter.from_env()
    assert rl.rate_per_second == rate_limit.DEFAULT_RATE_PER_MINUTE / 60 and rl.burst == rate_limit.DEFAULT_BURST
    monkeypatch.setenv("COMPANION_RATE_PER_MINUTE", "0")
    rl = RateLimiter.from_env()
    assert not rl.enabled and all(rl.check("a").allowed for _ in range(100))
    monkeypatch.delenv("COMPANION_RATE_PER_MINUTE")
    monkeypatch.delenv("COMPANION_RATE_BURST")
    rl = RateLimiter.from_env()
    assert (rl.rate_per_second * 60, rl.burst) == (30, 10)


# --- Telegram: through the real polling worker -----------------------------------------

CHAT = 5_550_777
OTHER = 5_550_778


@pytest.fixture
def db_url(sqlite_db_url):
    return sqlite_db_url


@pytest.fixture(autouse=True)
def strict_limits(monkeypatch):
    """3 messages at once, then (practically) nothing: the test does not depend on timing."""
    monkeypatch.setenv("COMPANION_RATE_PER_MINUTE", "0.01")
    monkeypatch.setenv("COMPANION_RATE_BURST", "3")
    monkeypatch.setenv("COMPANION_RATE_NOTICE_SECONDS", "3600")


@pytest.mark.asyncio
async def test_telegram_flood_is_limited_but_crisis_gets_through(worker, fake_api, stub_rasa):
    for i in range(12):
        fake_api.user_text(CHAT, f"message {i}")
    fake_api.user_sticker(CHAT)  # non-text replies are limited too
    fake_api.user_text(CHAT, CRISIS)
    fake_api.user_text(CHAT, "message after")
    fake_api.user_text(CHAT, URGENT)
    fake_api.user_text(OTHER, "hello from someone else")
    await fake_api.async_wait_for(lambda: URGENT in stub_rasa.messages(), timeout=10)
    await fake_api.async_wait_for(lambda: f"echo: {URGENT}" in fake_api.texts(CHAT), timeout=5)
    await fake_api.async_wait_for(lambda: fake_api.texts(OTHER), timeout=5)

    mine = [r["message"] for r in stub_rasa.requests if r["message"] != "hello from someone else"]
    assert mine == ["message 0", "message 1", "message 2", CRISIS, URGENT]
    texts = fake_api.texts(CHAT)
    assert texts.count(RATE_LIMIT_REPLY) == 1, texts
    assert bridge_non_text() not in texts
    assert texts.index(RATE_LIMIT_REPLY) == 3, "the notice comes with the first dropped message"
    assert f"echo: {CRISIS}" in texts
    assert fake_api.texts(OTHER) == ["echo: hello from someone else"], "others are not affected"


def bridge_non_text() -> str:
    from bot.channels.telegram_bridge import NON_TEXT_REPLY

    return NON_TEXT_REPLY


# --- socket.io: through the channel's real message handler ------------------------------


@pytest.mark.asyncio
async def test_socketio_flood_is_limited_but_crisis_gets_through():
    from bot.channels.socketio_channel import SocketIOInput

    channel = SocketIOInput.from_credentials(
        {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered", "session_persistence": True}
    )
    received = []

    async def on_new_message(message):
        received.append((message.sender_id, message.text))

    channel.blueprint(on_new_message)
    sio = channel.sio
    emitted = []

    async def emit(event, data=None, room=None, **kwargs):
        emitted.append((event, data, room))

    sio.emit = emit
    handlers = sio.handlers["/"]
    session = "0123456789abcdef0123456789abcdef"
    sid = await sio.manager.connect("eio-1", "/")  # a connected socket, as after the handshake
    await handlers["session_request"](sid, {"session_id": session})
    assert session in sio.rooms(sid, namespace="/")

    for i in range(8):
        await handlers["user_uttered"](sid, {"message": f"m{i}", "session_id": session})
    await handlers["user_uttered"](sid, {"message": CRISIS, "session_id": session})
    await handlers["user_uttered"](sid, {"message": "m-after", "session_id": session})

    assert received == [(session, "m0"), (session, "m1"), (session, "m2"), (session, CRISIS)]
    notices = [e for e in emitted if e[0] == "bot_uttered"]
    assert notices == [("bot_uttered", {"text": RATE_LIMIT_REPLY}, session)], "one notice, to the session"
