"""End-to-end on Telegram with the REAL Rasa server: the trained model, the real action
server and SQLite database (tests/servers.py), a fake Bot API on localhost
(tests/fake_bot_api.py, with per-chat faults from tests/telegram_fixtures.py), and the
Telegram polling worker (``python -m bot telegram``) and notifier (``python -m bot
notifier``) running as real subprocesses.

One stack for the module; the tests run in file order and tell one story (a patient's
conversation, a crisis, an outage of the staff chat, non-text updates, mood history,
a reminder, then a privacy scan of everything stored). Every wait has a deadline.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.pool import NullPool

from bot.db.models import AuditLog, Checkin, Escalation, Outbox, User
from bot.db.session import dispose_engines, session_scope
from bot.privacy.pseudonym import user_key
from tests.servers import MODEL, ROOT, make_stack, stop_process
from tests.telegram_fixtures import TEST_ADDRESS_KEY, E2EBotAPI

pytestmark = pytest.mark.integration

HMAC_KEY = b"integration-test-key"  # what make_stack gives the processes

# Distinctive raw ids and first names, so the privacy scan cannot match by accident.
PATIENT = 7_310_452_981  # the main patient (conversation, mood history, reminder)
CRISIS = 7_310_453_067  # a second person, in crisis
OUTAGE = 7_310_453_219  # a third person, in crisis while the staff chat is down
MEDIA = 7_310_453_443  # a fourth person, sending stickers, photos and voice notes
EARLY = 7_310_453_611  # writes while Rasa is still loading its model
DOWN = 7_310_453_787  # in crisis while Rasa is stopped
HELD = 7_310_453_929  # asks a question while Rasa is stopped
STAFF_USER = 6_120_998_357  # the staff member pressing buttons in the staff chat
STAFF_CHAT_ID = -1_001_862_734_519  # the staff group (a supergroup-style id)
NAMES = {
    PATIENT: "Wilhelmina",
    CRISIS: "Bartholomew",
    OUTAGE: "Ottoline",
    MEDIA: "Maximilian",
    STAFF_USER: "Florentyna",
    EARLY: "Evangeline",
    DOWN: "Cornelius",
    HELD: "Philippa",
}
EARLY_MESSAGES = ["hello", "how do I prepare for the bone marrow biopsy?"]

TURN_TIMEOUT = 45.0  # one Rasa turn on a busy machine
SETTLE = 0.4  # a turn's replies are sent back to back; quiet this long = done


# --------------------------------------------------------------------------- fixtures


class Processes:
    """The worker and notifier subprocesses, with their logs for failure messages."""

    def __init__(self, workdir: Path, env: Dict[str, str]) -> None:
        self.workdir, self.env = workdir, env
        self.procs: Dict[str, subprocess.Popen] = {}

    def start(self, name: str, *argv: str) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *argv], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.procs[name] = proc
        return proc

    def stop(self, name: str) -> None:
        stop_process(self.procs.pop(name, None), grace=15)

    def check_alive(self) -> None:
        for name, proc in self.procs.items():
            assert proc.poll() is None, f"{name} exited with {proc.returncode}\n{self.tail(name)}"

    def tail(self, name: str, chars: int = 3000) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""


class E2E:
    """Everything a test needs: the stack, the fake Bot API, the processes, helpers."""

    def __init__(self, stack, api: E2EBotAPI, procs: Processes) -> None:
        self.stack, self.api, self.procs = stack, api, procs
        self.db_url = stack.env["DATABASE_URL"]
        self.tracker_db = stack.workdir / "tracker.db"
        self.shared: Dict[str, Any] = {}

    def logs(self) -> str:
        return (
            "\n".join(f"--- {name}.log ---\n{self.procs.tail(name)}" for name in ("telegram", "notifier"))
            + f"\n--- actions.log ---\n{(self.stack.workdir / 'actions.log').read_text(errors='replace')[-2000:]}"
        )

    def wait(self, predicate: Callable[[], Any], timeout: float = TURN_TIMEOUT, what: str = "condition") -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                self.procs.check_alive()
                raise AssertionError(f"{what}: not met within {timeout}s\n{self.logs()}")
            time.sleep(0.05)

    def turn(
        self,
        chat: int,
        act: Callable[[], Any],
        until: Callable[[List[dict]], Any],
        timeout: float = TURN_TIMEOUT,
        what: str = "reply",
    ) -> List[dict]:
        """Do ``act`` (inject an update), wait until the bot's new messages in ``chat``
        satisfy ``until`` and then stay quiet for SETTLE; returns the new messages."""
        before = len(self.api.messages(chat))
        act()
        new = lambda: self.api.messages(chat)[before:]  # noqa: E731
        self.wait(lambda: until(new()), timeout, f"{what} in chat (got {[text_of(m) for m in new()]})")
        settled, count = time.monotonic(), len(new())
        while time.monotonic() - settled < SETTLE:
            time.sleep(0.05)
            if len(new()) != count:
                settled, count = time.monotonic(), len(new())
        return new()

    def say(self, chat: int, message: str, until: Optional[Callable[[List[dict]], Any]] = None, **kw) -> List[dict]:
        return self.turn(
            chat, lambda: self.api.user_text(chat, message), until or bool, what=f"reply to {message!r}", **kw
        )

    def press(
        self,
        chat: int,
        message: dict,
        title: str,
        until: Optional[Callable[[List[dict]], Any]] = None,
        user_id: Optional[int] = None,
    ) -> List[dict]:
        data = dict(buttons(message))[title]
        box = {}

        def act():
            box["query_id"] = self.api.press_button(chat, message["message_id"], data, user_id=user_id)

        new = self.turn(chat, act, until or bool, what=f"answer to the {title!r} button")
        assert any(a["callback_query_id"] == box["query_id"] for a in self.api.callback_answers), (
            "callback query not answered"
        )
        return new

    def staff_alerts(self, escalation_id: int) -> List[dict]:
        return [m for m in self.api.messages(STAFF_CHAT_ID) if f"Escalation #{escalation_id} " in (m.get("text") or "")]

    def session(self):
        return session_scope(self.db_url)

    def escalation_of(self, chat: int) -> Optional[int]:
        """Id of the (single) escalation of the person writing from ``chat``, if any."""
        with self.session() as s:
            ids = (
                s.execute(
                    select(Escalation.id)
                    .join(User, Escalation.user_id == User.id)
                    .where(User.user_key == users_key(chat))
                )
                .scalars()
                .all()
            )
        assert len(ids) <= 1, ids
        return ids[0] if ids else None


def text_of(message: dict) -> str:
    return message.get("text") or message.get("caption") or ("<photo>" if message.get("photo") else "")


def joined(messages: List[dict]) -> str:
    return "\n".join(text_of(m) for m in messages)


def buttons(message: dict) -> List[tuple]:
    return [
        (b["text"], b.get("callback_data"))
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
        for b in row
    ]


def keyboard_rows(message: dict) -> List[List[str]]:
    return [[b["text"] for b in row] for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])]


def with_buttons(messages: List[dict]) -> dict:
    found = [m for m in messages if buttons(m)]
    assert found, f"no message with buttons in {[text_of(m) for m in messages]}"
    return found[-1]


def users_key(chat: int) -> str:
    """users.user_key of a Telegram chat, as the worker + actions derive it."""
    sender = "tg-" + user_key("telegram", chat, HMAC_KEY)
    return user_key("telegram", sender, HMAC_KEY)


@pytest.fixture(scope="module")
def e2e(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)")
    started = time.monotonic()
    stack = make_stack(tmp_path_factory.mktemp("telegram_e2e"))
    api = E2EBotAPI().start()
    for user_id, name in NAMES.items():
        api.name_user(user_id, name)
    env = dict(
        stack.env,
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_STAFF_CHAT_ID=str(STAFF_CHAT_ID),
        TELEGRAM_POLL_TIMEOUT="1",
        RASA_URL=stack.rasa_url,
        DATABASE_URL=stack.env["DATABASE_URL"],
        COMPANION_ADDRESS_KEY=TEST_ADDRESS_KEY,
        NOTIFIER_POLL_INTERVAL="0.3",
        NOTIFIER_BACKOFF_BASE="0.2",
        NOTIFIER_BACKOFF_CAP="2",
        # the worker's health check needs the token to see the model loaded (issue 19)
        RASA_AUTH_TOKEN=stack.token,
        TELEGRAM_RASA_WAIT_SECONDS="600",
        TELEGRAM_HOLD_RETRY_SECONDS="0.5",
    )
    env.pop("COMPANION_ENV", None)
    procs = Processes(stack.workdir, env)
    try:
        # The worker and notifier only need the fake Bot API and the database to start;
        # the action server and Rasa come up side by side (Rasa does not call the action
        # server until the first turn). Start-up is most of this module's time.
        procs.start("telegram", "telegram")
        procs.start("notifier", "notifier")
        for message in EARLY_MESSAGES:  # sent while Rasa is still loading (issue 19)
            api.user_text(EARLY, message)
        with ThreadPoolExecutor(2) as pool:
            for future in [pool.submit(stack.start_actions), pool.submit(stack.start_rasa)]:
                future.result()
        ctx = E2E(stack, api, procs)
        ctx.wait(lambda: api.calls("getUpdates"), 30, "worker polling")
        ctx.wait(lambda: "notifier running" in procs.tail("notifier"), 30, "notifier running")
        print(f"\n[telegram e2e] stack + worker + notifier up in {time.monotonic() - started:.1f}s")
        yield ctx
    finally:
        for proc in [*procs.procs.values(), *stack.procs.values()]:  # all shut down in parallel
            if proc.poll() is None:
                proc.terminate()
        procs.stop("telegram")
        procs.stop("notifier")
        stack.stop_all()
        api.stop()
        dispose_engines(stack.env["DATABASE_URL"])


# --------------------------------------------------------------------------- tests


def _rasa_user_texts(e2e: E2E, chat: int) -> List[str]:
    """What Rasa's tracker store holds as this person's messages, in order."""
    from tests.servers import user_texts

    return user_texts(f"sqlite:///{e2e.tracker_db}", "tg-" + user_key("telegram", chat, HMAC_KEY))


def test_messages_sent_while_rasa_loads_are_answered_once_in_order(e2e: E2E):
    """Issue 19: the worker started before Rasa; two messages were sent before the model
    was loaded. Each reached Rasa exactly once, in order, and was answered in order."""
    from bot.channels.telegram_bridge import UNAVAILABLE_REPLY
    from bot.channels.telegram_outage import HOLD_NOTICE

    e2e.wait(lambda: "Source:" in joined(e2e.api.messages(EARLY)), TURN_TIMEOUT, "answer to the early question")
    time.sleep(SETTLE * 3)
    assert _rasa_user_texts(e2e, EARLY) == EARLY_MESSAGES
    texts = [text_of(m) for m in e2e.api.messages(EARLY)]
    assert UNAVAILABLE_REPLY not in texts and HOLD_NOTICE not in texts
    welcome = next(i for i, t in enumerate(texts) if "Companion" in t)
    answer = next(i for i, t in enumerate(texts) if "Source:" in t)
    assert welcome < answer, texts
    assert sum("Source:" in t for t in texts) == 1, "answered once"


def test_patient_conversation_checkin_and_staff_acknowledge(e2e: E2E):
    api = e2e.api
    assert [c["command"] for c in api.commands] == ["start", "help", "checkin", "privacy", "delete"]

    # /start -> welcome with the privacy note and "who are you" buttons
    welcome = e2e.say(PATIENT, "/start", until=lambda ms: any(buttons(m) for m in ms))
    assert "Companion" in joined(welcome) and "Privacy" in joined(welcome)
    assert [t for t, _ in buttons(with_buttons(welcome))] == ["I'm the patient", "I'm caring for someone"]

    # a question -> short sourced answer with "Tell me more"; the button -> the detail
    answer = e2e.say(PATIENT, "how do I prepare for the bone marrow biopsy?", until=lambda ms: "Source:" in joined(ms))
    short = with_buttons(answer)
    assert "Tell me more" in dict(buttons(short))
    detail = e2e.press(PATIENT, short, "Tell me more", until=lambda ms: joined(ms).strip())
    assert joined(detail) not in joined(answer) and len(joined(detail)) > 80
    assert "reply_markup" not in api.message(PATIENT, short["message_id"]), "keyboard removed after the press"

    # /checkin -> the 0..10 scale as an inline keyboard
    scale = e2e.say(PATIENT, "/checkin", until=lambda ms: any(buttons(m) for m in ms))
    scale_msg = with_buttons(scale)
    assert "0 to 10" in text_of(scale_msg)
    assert keyboard_rows(scale_msg) == [["0", "1", "2", "3", "4", "5"], ["6", "7", "8", "9", "10"]]

    word_q = e2e.press(PATIENT, scale_msg, "8", until=lambda ms: "mood" in joined(ms).lower())
    assert "one word" in joined(word_q).lower()
    note_q = e2e.say(PATIENT, "scared", until=lambda ms: "skip" in joined(ms).lower())
    assert "Anything you'd like to add" in joined(note_q)
    done = e2e.say(PATIENT, "skip", until=lambda ms: "8 out of 10" in joined(ms))
    assert "988" in joined(done), joined(done)

    # the escalation, and exactly one alert in the staff chat with the two buttons
    with e2e.session() as s:
        user = s.execute(select(User).where(User.user_key == users_key(PATIENT))).scalar_one()
        assert user.channel == "telegram"
        assert s.execute(select(Checkin).where(Checkin.user_id == user.id)).scalar_one().score == 8
        esc = s.execute(select(Escalation).where(Escalation.user_id == user.id)).scalar_one()
        assert (esc.reason, esc.status) == ("distress_score", "open")
        esc_id = esc.id
    e2e.shared["patient_escalation"] = esc_id
    (alert,) = e2e.wait(lambda: e2e.staff_alerts(esc_id), 30, "staff alert")
    assert buttons(alert) == [("Acknowledge", f"esc:ack:{esc_id}"), ("Resolve", f"esc:res:{esc_id}")]
    assert "high distress score" in alert["text"] and "OPEN" in alert["text"]
    assert str(PATIENT) not in alert["text"] and NAMES[PATIENT] not in alert["text"]

    # staff press Acknowledge in the staff chat -> status, audit row, alert edited in place
    query_id = api.press_button(STAFF_CHAT_ID, alert["message_id"], f"esc:ack:{esc_id}", user_id=STAFF_USER)

    def acknowledged():
        with e2e.session() as s:
            return s.get(Escalation, esc_id).status == "acknowledged"

    e2e.wait(acknowledged, 30, "escalation acknowledged")
    edited = e2e.wait(
        lambda: (lambda m: m if "ACKNOWLEDGED" in m["text"] else None)(api.message(STAFF_CHAT_ID, alert["message_id"])),
        15,
        "alert edited",
    )
    assert buttons(edited) == [("Resolve", f"esc:res:{esc_id}")]
    e2e.wait(lambda: any(a["callback_query_id"] == query_id for a in api.callback_answers), 10, "press answered")
    with e2e.session() as s:
        audit = s.execute(
            select(AuditLog).where(AuditLog.escalation_id == esc_id, AuditLog.action == "escalation_acknowledged")
        ).scalar_one()
        assert audit.actor.startswith("staff-telegram:") and str(STAFF_USER) not in audit.actor

    # the notifier sees the "escalation_updated" row and keeps the one (edited) alert
    def updates_sent():
        with e2e.session() as s:
            rows = s.execute(select(Outbox).where(Outbox.kind == "escalation_updated")).scalars().all()
            return rows and all(r.sent_at is not None for r in rows if r.payload.get("escalation_id") == esc_id)

    e2e.wait(updates_sent, 15, "escalation_updated delivered")
    assert len(e2e.staff_alerts(esc_id)) == 1


def test_crisis_message_gets_lines_and_critical_staff_alert(e2e: E2E):
    reply = e2e.say(CRISIS, "i want to end my life", until=lambda ms: "988" in joined(ms))
    assert "support team" in joined(reply)
    esc_id = e2e.wait(lambda: e2e.escalation_of(CRISIS), 15, "crisis escalation")
    with e2e.session() as s:
        esc = s.get(Escalation, esc_id)
        assert (esc.reason, esc.severity, esc.channel) == ("crisis", "critical", "telegram")
    (alert,) = e2e.wait(lambda: e2e.staff_alerts(esc_id), 30, "crisis alert")
    assert "CRITICAL" in alert["text"] and "crisis" in alert["text"]
    assert "end my life" in alert["text"]
    assert dict(buttons(alert)).keys() == {"Acknowledge", "Resolve"}


def test_staff_chat_outage_delivers_exactly_one_alert_after_recovery(e2e: E2E):
    api = e2e.api
    api.fail_chat_next(STAFF_CHAT_ID, 3, status=500)
    api.fail_chat_next(STAFF_CHAT_ID, 1, retry_after=1)
    calls_before = len(api.calls("sendMessage"))

    reply = e2e.say(OUTAGE, "i want to kill myself", until=lambda ms: "988" in joined(ms))
    assert "support team" in joined(reply)  # the patient's own chat is not affected
    esc_id = e2e.wait(lambda: e2e.escalation_of(OUTAGE), 15, "escalation")

    def sent_row():
        with e2e.session() as s:
            rows = [
                r
                for r in s.execute(select(Outbox).where(Outbox.kind == "escalation_opened")).scalars()
                if r.payload.get("escalation_id") == esc_id
            ]
            assert len(rows) == 1
            return rows[0] if rows[0].sent_at is not None else None

    row = e2e.wait(sent_row, 40, "outbox row marked sent after the outage")
    assert api.chat_faults_left(STAFF_CHAT_ID) == 0
    assert row.attempts == 5 and row.last_error is None, (row.attempts, row.last_error)
    (alert,) = e2e.staff_alerts(esc_id)
    assert "CRITICAL" in alert["text"] and dict(buttons(alert)).keys() == {"Acknowledge", "Resolve"}

    staff_calls = [c for c in api.calls("sendMessage")[calls_before:] if c.params.get("chat_id") == STAFF_CHAT_ID]
    assert [c.status for c in staff_calls] == [500, 500, 500, 429, 200], [c.status for c in staff_calls]
    assert staff_calls[4].at - staff_calls[3].at >= 0.95, "retry_after=1 honoured"
    time.sleep(1.0)  # a few more notifier passes: still exactly one alert
    assert len(e2e.staff_alerts(esc_id)) == 1


def test_non_text_updates_get_friendly_reply_then_real_answer(e2e: E2E):
    api = e2e.api
    for send in (api.user_sticker, api.user_photo, api.user_voice):
        reply = e2e.turn(MEDIA, lambda send=send: send(MEDIA), bool, what=send.__name__)
        assert [text_of(m) for m in reply] == ["I can only read text messages — please type your question."]
    answer = e2e.say(MEDIA, "what is a PET scan?", until=lambda ms: "Source:" in joined(ms))
    assert "pet" in joined(answer).lower()
    e2e.procs.check_alive()
    assert " ERROR " not in e2e.procs.tail("telegram", 100_000), e2e.procs.tail("telegram")


def test_crisis_while_rasa_is_stopped_gets_the_lines_and_is_stored(e2e: E2E):
    """Issue 19: with Rasa stopped, a crisis gets the domain's crisis lines from the worker
    and its escalation is stored; a question is held and answered once Rasa is back; the
    crisis is not sent to Rasa afterwards."""
    from bot.channels.safety_replies import render
    from bot.channels.telegram_outage import HOLD_NOTICE

    api, stack = e2e.api, e2e.stack
    stack.stop("rasa")
    try:
        lines = e2e.say(DOWN, "i want to end my life", until=lambda ms: "988" in joined(ms), timeout=20)
        assert [text_of(m) for m in lines] == [
            render("utter_crisis", {"crisis_about": "self", "crisis_basis": "detector"}),
            render("utter_crisis_lines", {}),
        ]
        esc_id = e2e.wait(lambda: e2e.escalation_of(DOWN), 15, "crisis escalation stored")
        with e2e.session() as s:
            esc = s.get(Escalation, esc_id)
            assert (esc.reason, esc.severity, esc.status) == ("crisis", "critical", "open")
            assert "end my life" in esc.excerpt
        e2e.wait(lambda: e2e.staff_alerts(esc_id), 30, "staff alert for the crisis")
        held = e2e.say(HELD, "what is a PET scan?", until=lambda ms: ms, timeout=20)
        assert [text_of(m) for m in held] == [HOLD_NOTICE]
    finally:
        stack.start_rasa()
    answer = e2e.wait(lambda: [m for m in api.messages(HELD) if "Source:" in text_of(m)], 90, "held question answered")
    time.sleep(SETTLE * 3)
    assert len(answer) == 1 and "pet" in text_of(answer[0]).lower()
    assert _rasa_user_texts(e2e, HELD) == ["what is a PET scan?"]
    assert _rasa_user_texts(e2e, DOWN) == [], "the crisis was answered by the worker, not re-sent"
    assert sum("988" in text_of(m) for m in api.messages(DOWN)) == 1
    # the conversation goes on normally
    e2e.say(DOWN, "thank you", until=lambda ms: joined(ms).strip())
    e2e.procs.check_alive()


def _ensure_checkin(e2e: E2E, chat: int) -> None:
    """The mood/reminder tests need a check-in by ``chat``; test 1 made one, else do it."""
    with e2e.session() as s:
        count = s.execute(
            select(func.count()).select_from(Checkin).join(User).where(User.user_key == users_key(chat))
        ).scalar_one()
    if count:
        return
    scale = with_buttons(e2e.say(chat, "/checkin", until=lambda ms: any(buttons(m) for m in ms)))
    e2e.press(chat, scale, "3", until=lambda ms: "mood" in joined(ms).lower())
    e2e.say(chat, "tired", until=lambda ms: "skip" in joined(ms).lower())
    e2e.say(chat, "skip", until=lambda ms: "out of 10" in joined(ms))


def test_mood_history_text_and_chart_photo(e2e: E2E):
    _ensure_checkin(e2e, PATIENT)
    photos_before = len(e2e.api.calls("sendPhoto"))
    history = e2e.say(PATIENT, "how has my mood been?", until=lambda ms: any(m.get("photo") for m in ms))
    summary = joined([m for m in history if not m.get("photo")])
    assert "Last 7 days" in summary and "average" in summary, summary
    (photo,) = [m for m in history if m.get("photo")]
    assert photo["_source"]["upload_size"] > 1000  # an uploaded PNG, not a URL
    (_photo_call,) = [c for c in e2e.api.calls("sendPhoto")[photos_before:] if c.params["chat_id"] == PATIENT]
    assert e2e.api.uploads["photo"][:4] == b"\x89PNG"


def test_reminder_reaches_the_chat_once(e2e: E2E):
    from datetime import timedelta

    from bot.checkins.reminders import set_reminder
    from bot.db.types import utcnow

    _ensure_checkin(e2e, PATIENT)
    key = users_key(PATIENT)
    # 00:00 UTC, set "yesterday": yesterday's reminder counts as given, today's is due now
    # (a time already past *today* would only start tomorrow, see set_reminder).
    with e2e.session() as s:
        set_reminder(s, key, "00:00", "UTC", now=utcnow() - timedelta(days=1))

    def scheduler():
        done = subprocess.run(
            [sys.executable, "-m", "bot", "scheduler", "--once"],
            cwd=ROOT,
            env=e2e.procs.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stdout + done.stderr

    def reminder_rows():
        with e2e.session() as s:
            return s.execute(select(Outbox).where(Outbox.kind == "reminder")).scalars().all()

    new = e2e.turn(
        PATIENT, scheduler, lambda ms: any("check-in" in text_of(m) for m in ms), timeout=30, what="reminder"
    )
    (reminder,) = new
    assert "time for your check-in" in reminder["text"]
    assert [t for t, _ in buttons(reminder)] == ["Check in now"]
    (row,) = reminder_rows()
    e2e.wait(lambda: (lambda rows: rows[0].sent_at is not None)(reminder_rows()), 10, "reminder marked sent")

    scheduler()  # again: nothing new is due today
    assert len(reminder_rows()) == 1
    time.sleep(1.0)  # several notifier passes
    assert sum("time for your check-in" in t for t in e2e.api.texts(PATIENT)) == 1

    # the reminder's button starts the check-in in the real conversation
    scale = e2e.press(PATIENT, reminder, "Check in now", until=lambda ms: any(buttons(m) for m in ms))
    assert "0 to 10" in joined(scale)


def _text_values(url: str) -> List[str]:
    """Every non-null value of every column of every table (inspected), as text."""
    engine = create_engine(url, poolclass=NullPool, future=True)
    values: List[str] = []
    try:
        insp = inspect(engine)
        with engine.connect() as conn:
            for table in insp.get_table_names():
                columns = [c["name"] for c in insp.get_columns(table)]
                cols = ", ".join(f'"{c}"' for c in columns)  # names from the schema itself
                for row in conn.execute(text(f'SELECT {cols} FROM "{table}"')):
                    for value in row:
                        if value is None:
                            continue
                        if isinstance(value, bytes):
                            value = value.decode("utf-8", "replace")
                        values.append(value if isinstance(value, str) else json.dumps(value, default=str))
    finally:
        engine.dispose()
    return values


def test_no_raw_ids_or_names_stored(e2e: E2E):
    raw = [str(abs(i)) for i in (PATIENT, CRISIS, OUTAGE, MEDIA, STAFF_USER, STAFF_CHAT_ID, EARLY, DOWN, HELD)]
    names = list(NAMES.values())
    ours = _text_values(e2e.db_url)
    tracker = _text_values(f"sqlite:///{e2e.tracker_db}")
    # the scans must actually see the conversations
    assert any("bone marrow biopsy" in v for v in tracker)
    assert any("end my life" in v for v in ours)
    assert any(v.startswith("tg-") for v in tracker), "Rasa sees pseudonymous senders"
    for where, values in (("our database", ours), ("the Rasa tracker", tracker)):
        for needle in raw + names:
            hits = [v[:120] for v in values if needle in v]
            assert not hits, f"{needle!r} found in {where}: {hits[:3]}"
    # belt and braces: the tracker file's raw bytes (WAL included) too
    for path in e2e.tracker_db.parent.glob("tracker.db*"):
        blob = path.read_bytes()
        for needle in raw + names:
            assert needle.encode() not in blob, f"{needle!r} in {path.name}"
