"""Property-based tests (hypothesis) of the text input surfaces: the safety detector, the
check-in parsers, and the Telegram update handling (arbitrary, JSON-ish updates through the
real handlers against the fake Bot API). Derandomised, so a CI failure reproduces."""

from __future__ import annotations

import asyncio
import logging

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.checkins.parsing import NOT_A_NUMBER, OUT_OF_RANGE, parse_score_detail, parse_time_of_day
from bot.safety.detector import CRISIS, URGENT, SafetyFinding, assess
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures
from tests.timing import within_budget

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text a person might paste: any code point incl. controls, surrogates excluded (not valid
# in a Telegram/JSON string), with plenty of the characters the normaliser treats specially.
SPECIAL = "\u200b\u200d\ufeff\u00ad\u202e\u2028\n\r\t\x00\x07\x1b*.!?…’'\"<>&;#0123456789 "
any_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
    st.text(st.sampled_from(list(SPECIAL) + list("kilmysefdwantoprh")), max_size=400),
    st.lists(
        st.sampled_from(
            [
                "kill",
                "myself",
                "k1ll",
                "s**cide",
                "not",
                "fever",
                "38.5",
                "101",
                "temp",
                "of",
                "i",
                "want",
                "to",
                "die",
                "don't",
                "&amp;",
                "<b>",
                "\u200b",
                "  ",
                ".",
                "!",
                "/",
                "10",
                "out",
                "ten",
                "minus",
            ]
        ),
        max_size=60,
    ).map(" ".join),
)


def _time_budget(text: str) -> float:
    """Loose per-call bound: 0.5 s + 200 µs per character (the detector measures ~70 µs per
    character at worst on this machine; the bound only catches super-linear blow-ups)."""
    return 0.5 + 200e-6 * len(text)


# --- safety detector -------------------------------------------------------------------


@FUZZ
@given(any_text)
@example("I want to kill myself")
@example("\x00" * 50)
@example("\ud7ff\uffff\U0010ffff")
def test_detector_never_raises_and_answers_in_shape(text):
    timed = within_budget(lambda: assess(text), _time_budget(text))
    assert timed.ok, (timed.fastest, len(text))
    finding = timed.result
    assert finding is None or isinstance(finding, SafetyFinding)
    if finding is not None:
        assert finding.kind in (CRISIS, URGENT)
        assert isinstance(finding.category, str) and finding.category
        assert isinstance(finding.matched, str) and isinstance(finding.third_party, bool)


@pytest.mark.parametrize("text", [None, 42, b"bytes", ["list"], {"a": 1}])
def test_detector_tolerates_non_strings(text):
    assert assess(text) is None or isinstance(assess(text), SafetyFinding)


HUGE = 20_000
huge_inputs = {
    "prose": ("I am so tired of this and my back is killing me. " * (HUGE // 50))[:HUGE],
    "no_punctuation": ("want to " * (HUGE // 8))[:HUGE],
    "spaced_letters": ("k i l l " * (HUGE // 8))[:HUGE],
    "numbers": ("38.5 " * (HUGE // 5))[:HUGE],
    "one_char": "a" * HUGE,
    "controls": ("\x00\u200b\u202e" * (HUGE // 3))[:HUGE],
}


@pytest.mark.parametrize("name", sorted(huge_inputs))
def test_detector_huge_input_is_linear_not_catastrophic(name):
    text = huge_inputs[name]
    timed = within_budget(lambda: assess(text), _time_budget(text))
    assert timed.ok, (timed.fastest, len(text))


def test_detector_still_fires_inside_long_text():
    """A crisis sentence buried in a long message (the channels pass up to 4,000 chars)."""
    filler = "I had a quiet day and read a book about gardens. " * 70
    finding = assess(filler[:3500] + " Honestly I want to kill myself.")
    assert finding is not None and finding.kind == CRISIS


# --- check-in parsers -------------------------------------------------------------------


@FUZZ
@given(st.one_of(st.none(), any_text, st.from_regex(r"\A-?\d{1,4}([.,]\d{1,3})?( ?/ ?10| out of ten)?\Z")))
@example("10.5")
@example("9.5/10")
@example("1e309")
@example("٣")  # a non-ASCII digit
def test_parse_score_detail_never_raises_and_is_in_range(text):
    result = parse_score_detail(text)
    if result.score is None:
        assert result.reason in (NOT_A_NUMBER, OUT_OF_RANGE)
        assert not result.ok
    else:
        assert isinstance(result.score, int) and 0 <= result.score <= 10
        assert result.ok and result.reason is None


@FUZZ
@given(st.integers(min_value=0, max_value=10))
def test_parse_score_roundtrip_in_range(n):
    assert parse_score_detail(str(n)).score == n
    assert parse_score_detail(f"about a {n}/10").score == n


@FUZZ
@given(st.one_of(st.none(), any_text, st.from_regex(r"\A\d{1,2}([:.h]\d{1,2})? ?([ap]\.?m\.?)?\Z")))
@example("24:00")
@example("12am")
@example("0pm")
@example("noon and midnight")
def test_parse_time_of_day_never_raises_and_is_a_clock_time(text):
    value = parse_time_of_day(text)
    if value is not None:
        assert len(value) == 5 and value[2] == ":"
        hour, minute = int(value[:2]), int(value[3:])
        assert 0 <= hour <= 23 and 0 <= minute <= 59


# --- Telegram updates through the real handlers ---------------------------------------------

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**63), 2**63), st.floats(allow_nan=False), st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)

chat_ids = st.one_of(st.just(4242), st.integers(-(10**13), 10**13))
chat = st.fixed_dictionaries(
    {"id": chat_ids, "type": st.sampled_from(["private"] * 4 + ["group", "supergroup", "channel", "weird"])}
)
user = st.fixed_dictionaries(
    {"id": st.integers(1, 10**12), "is_bot": st.booleans(), "first_name": st.text(max_size=20)},
    optional={"language_code": st.one_of(st.none(), st.text(max_size=8))},
)
entities = st.lists(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["bot_command", "mention", "url", "bold", "nonsense"]),
            "offset": st.integers(-5, 50),
            "length": st.integers(-5, 50),
        }
    ),
    max_size=3,
)
message_text = st.one_of(
    any_text, st.sampled_from(["/start", "/help@companion_test_bot", "/checkin x", "/", "/nope", "/START", "/delete"])
)
message = st.fixed_dictionaries(
    {"message_id": st.integers(-10, 10**9), "date": st.integers(0, 2**32), "chat": chat, "text": message_text},
    optional={
        "from": user,
        "entities": entities,
        "caption": any_text,
        "sticker": st.fixed_dictionaries(
            {
                "file_id": st.text(max_size=5),
                "file_unique_id": st.text(max_size=5),
                "type": st.just("regular"),
                "width": st.integers(0, 9),
                "height": st.integers(0, 9),
                "is_animated": st.booleans(),
                "is_video": st.booleans(),
            }
        ),
        "extra_field": json_values,
    },
)
callback = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=10), "from": user, "chat_instance": st.text(max_size=10)},
    optional={
        "data": st.one_of(any_text, st.sampled_from(["~unknowntoken", "esc:ack:1", "esc:res:x", "esc:"])),
        "message": message,
    },
)
updates = st.one_of(
    st.fixed_dictionaries({"update_id": st.integers(0, 2**31), "message": message}),
    st.fixed_dictionaries({"update_id": st.integers(0, 2**31), "callback_query": callback}),
    st.fixed_dictionaries(
        {"update_id": st.integers(0, 2**31)},
        optional={"message": message, "edited_message": message, "channel_post": message, "callback_query": callback},
    ),
    st.fixed_dictionaries(
        {"update_id": st.integers(0, 2**31)},
        optional={"message": json_values, "callback_query": json_values, "unknown_kind": json_values},
    ),
    st.dictionaries(st.text(max_size=15), json_values, max_size=5),
)


class HandlerErrors(logging.Handler):
    """Collects the bridge's 'handler error' log records (a bug in our handlers)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        if "handler error" in record.getMessage():
            self.records.append(record)


@pytest.fixture
def db_url(sqlite_db_url):
    return sqlite_db_url


def test_arbitrary_updates_never_crash_the_bridge(fake_api, telegram_env, db_url):
    from telegram import Update

    from bot.channels.rate_limit import RateLimiter
    from bot.channels.telegram_bridge import AddressRecorder, TelegramBridge, build_application
    from bot.notify.telegram_notifier import handle_staff_callback

    relayed = []

    async def relay(bot, chat_id, sender_id, text, metadata):
        relayed.append((chat_id, text))

    bridge = TelegramBridge(
        relay,
        staff_chat_id=STAFF_CHAT_ID,
        addresses=AddressRecorder(db_url),
        rate_limiter=RateLimiter(rate_per_minute=0),
        staff_callback=handle_staff_callback,
    )
    application = build_application(fake_api.token, bridge, base_url=fake_api.base_url, polling=False)
    loop = asyncio.new_event_loop()
    errors = HandlerErrors()
    logging.getLogger("bot.channels.telegram_bridge").addHandler(errors)
    seen = {"parsed": 0, "rejected": 0}
    try:
        loop.run_until_complete(application.initialize())

        @FUZZ
        @given(updates)
        def run(data):
            try:
                update = Update.de_json(data, application.bot)
            except Exception:  # noqa: BLE001 - what the webhook answers 400 to
                seen["rejected"] += 1
                return
            seen["parsed"] += 1
            loop.run_until_complete(asyncio.wait_for(application.process_update(update), 10))

        run()
    finally:
        loop.run_until_complete(application.shutdown())
        loop.close()
        logging.getLogger("bot.channels.telegram_bridge").removeHandler(errors)
    assert not errors.records, [r.exc_info[1] if r.exc_info else r.getMessage() for r in errors.records][:5]
    assert seen["parsed"] > 50, seen  # the strategy reaches the handlers, not just the parser
    assert relayed, "some generated private texts reached the relay"
