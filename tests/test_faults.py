"""Fault injection: nothing is lost when parts fail.

The real Rasa server (trained model) and the real action server run with the production
pieces pointed at PRIVATE services started by this module (tests/fault_services.py):
our data and Rasa's tracker store on a private PostgreSQL cluster, the lock store
(``bot.rasa_ext.lock_store.AtomicRedisLockStore``) on a private Redis, and the event
broker (``SafetyBackstopBroker`` wrapping a pika broker) reaching the machine's RabbitMQ
through a TCP proxy that can be cut. The machine's own services are never stopped.

Every test counts what people submitted against what was stored and what staff were
shown: every check-in and escalation stored, every escalation alerted in the staff chat
(fake Bot API), none twice.

``COMPANION_FAULT_OUTAGE_SECONDS`` (default 30) sets how long PostgreSQL stays down.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Dict, List

import aio_pika
import pytest
import requests
from sqlalchemy import func, select, update

from bot.db.models import Checkin, Escalation, Outbox, User
from bot.db.session import dispose_engines, session_scope, upgrade
from bot.db.types import utcnow
from bot.privacy.pseudonym import user_key
from tests.fake_bot_api import FakeBotAPI
from tests.fault_services import PrivatePostgres, PrivateRedis, ServiceUnavailable, TcpProxy
from tests.servers import MODEL, RASA_SERVER, ROOT, drain_rabbitmq_queue, free_port, make_stack, texts, user_texts

pytestmark = pytest.mark.integration

OUTAGE_SECONDS = float(os.environ.get("COMPANION_FAULT_OUTAGE_SECONDS", "30"))
HMAC_KEY = b"integration-test-key"  # what tests.servers.make_stack gives the processes
STAFF_CHAT_ID = -100_424_242
RABBITMQ = ("127.0.0.1", 5672)
QUEUE = f"companion_faults_{uuid.uuid4().hex[:8]}"
CRISIS_LINE = "988"
TRACKER_DB = "rasa_tracker"
ESCALATION_ID = re.compile(r"Escalation #(\d+)")


# --- services and servers -----------------------------------------------------------------


class Services:
    def __init__(self) -> None:
        self.pg = PrivatePostgres()
        self.redis = PrivateRedis()
        self.mq = TcpProxy(*RABBITMQ)
        self.data_url = ""
        self.tracker_url = ""


@pytest.fixture(scope="module")
def services():
    svc = Services()
    try:
        try:
            svc.pg.start()
            svc.data_url = svc.pg.create_database("companion")
            svc.tracker_url = svc.pg.create_database(TRACKER_DB)
            upgrade(svc.data_url)
            svc.redis.start()
        except ServiceUnavailable as exc:
            pytest.fail(f"cannot run the private services the fault suite needs: {exc}")
        import socket

        try:
            socket.create_connection(RABBITMQ, timeout=3).close()
        except OSError as exc:
            pytest.fail(
                f"RabbitMQ on {RABBITMQ[0]}:{RABBITMQ[1]} unreachable ({exc}): the broker faults "
                "are injected through a proxy in front of the machine's RabbitMQ"
            )
        svc.mq.start()
        yield svc
    finally:
        svc.mq.cut()
        svc.redis.kill()
        dispose_engines(svc.data_url) if svc.data_url else None
        svc.pg.destroy()


def endpoints_yaml(stack, services, *, broker_port: int, attempts: int = 20) -> str:
    return f"""\
action_endpoint:
  url: "http://127.0.0.1:{stack.actions_port}/webhook"
tracker_store:
  type: bot.rasa_ext.tracker_store.RolloverSQLTrackerStore
  dialect: postgresql
  url: 127.0.0.1
  port: {services.pg.port}
  username: postgres
  db: {TRACKER_DB}
  rollover_after: 60
lock_store:
  type: bot.rasa_ext.lock_store.AtomicRedisLockStore
  url: 127.0.0.1
  port: {services.redis.port}
  db: 0
  key_prefix: companion
event_broker:
  type: bot.escalation.backstop.SafetyBackstopBroker
  inner:
    type: pika
    url: 127.0.0.1
    port: {broker_port}
    username: guest
    password: guest
    connection_attempts: {attempts}
    retry_delay_in_seconds: 1
    queues:
      - {QUEUE}
"""


@pytest.fixture(scope="module")
def stack(services, tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)")
    s = make_stack(tmp_path_factory.mktemp("faults"))
    s.env.update(DATABASE_URL=services.data_url)
    endpoints = s.workdir / "endpoints.faults.yml"
    endpoints.write_text(endpoints_yaml(s, services, broker_port=services.mq.port))
    try:
        s.start_actions()
        s.start_rasa(endpoints=endpoints)
        yield s
    finally:
        s.stop_all()
        _delete_queue()


def _delete_queue() -> None:
    async def run():
        conn = await aio_pika.connect_robust(f"amqp://guest:guest@{RABBITMQ[0]}:{RABBITMQ[1]}/")
        async with conn:
            channel = await conn.channel()
            await channel.queue_delete(QUEUE)

    try:
        asyncio.run(run())
    except Exception:  # noqa: BLE001 - best effort
        pass


@pytest.fixture
def bot_api():
    api = FakeBotAPI().start()
    try:
        yield api
    finally:
        api.stop()


# --- helpers --------------------------------------------------------------------------------


def person(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def key_of(sender: str) -> str:
    return user_key("rest", sender, HMAC_KEY)


def say(stack, sender: str, message: str) -> str:
    return texts(stack.say(sender, message))


def form_checkin(stack, sender: str, score: int, word: str = "tired") -> List[str]:
    return [say(stack, sender, m) for m in ("check in", str(score), word, "skip")]


def counts(data_url: str, senders: List[str]) -> Dict[str, Dict[str, int]]:
    """Per person: check-ins stored and escalations stored (by reason)."""
    out: Dict[str, Dict[str, int]] = {}
    with session_scope(data_url) as s:
        for sender in senders:
            user = s.execute(select(User).where(User.user_key == key_of(sender))).scalar_one_or_none()
            row: Dict[str, int] = {"checkins": 0}
            if user is not None:
                row["checkins"] = s.execute(
                    select(func.count()).select_from(Checkin).where(Checkin.user_id == user.id)
                ).scalar_one()
                for reason, n in s.execute(
                    select(Escalation.reason, func.count())
                    .where(Escalation.user_id == user.id)
                    .group_by(Escalation.reason)
                ):
                    row[reason] = n
            out[sender] = row
    return out


def escalation_ids(data_url: str, senders: List[str]) -> List[int]:
    keys = [key_of(s) for s in senders]
    with session_scope(data_url) as s:
        return list(s.execute(select(Escalation.id).join(User).where(User.user_key.in_(keys))).scalars())


def scheduler_once(stack) -> None:
    """The real spool replay: ``python -m bot scheduler --once`` with the servers' env."""
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "scheduler", "--once"],
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]


def spool_left(stack) -> Dict[str, List[str]]:
    """Every file left under the spool directory (pending, rejected/, bad/)."""
    root = Path(stack.env["COMPANION_VAR_DIR"]) / "spool"
    if not root.exists():
        return {}
    left: Dict[str, List[str]] = {}
    for path in root.rglob("*"):
        if path.is_file():
            left.setdefault(str(path.parent.relative_to(root)), []).append(path.name)
    return left


def run_notifier(api: FakeBotAPI, data_url: str, *, until_ids: List[int], timeout: float = 60) -> None:
    """The staff notifier (real code) delivering against the fake Bot API until every
    escalation in ``until_ids`` has its outbox row marked sent (or ``timeout``)."""
    from bot.notify.telegram_notifier import NotifierConfig, TelegramNotifier

    def all_sent() -> bool:
        with session_scope(data_url) as s:
            unsent = s.execute(
                select(func.count())
                .select_from(Outbox)
                .where(Outbox.kind.in_(("escalation_opened", "escalation_updated")), Outbox.sent_at.is_(None))
            ).scalar_one()
            sent_ids = {
                int(p["escalation_id"])
                for p in s.execute(
                    select(Outbox.payload).where(Outbox.kind == "escalation_opened", Outbox.sent_at.isnot(None))
                ).scalars()
            }
        return unsent == 0 and set(until_ids) <= sent_ids

    async def main() -> None:
        config = NotifierConfig(
            token=api.token,
            base_url=api.base_url,
            staff_chat_id=STAFF_CHAT_ID,
            database_url=data_url,
            backoff_base=0.2,
            backoff_cap=1.0,
            poll_interval=0.2,
            request_timeout=5.0,
        )
        async with TelegramNotifier(config) as notifier:
            stop = asyncio.Event()
            task = asyncio.create_task(notifier.run(stop))
            deadline = time.time() + timeout
            try:
                while time.time() < deadline and not await asyncio.to_thread(all_sent):
                    await asyncio.sleep(0.2)
            finally:
                stop.set()
                await asyncio.wait_for(task, 10)

    asyncio.run(main())


def staff_alert_counts(api: FakeBotAPI) -> Dict[int, int]:
    """Escalation id -> how many separate messages in the staff chat show it."""
    shown: Dict[int, int] = {}
    for message in api.messages(STAFF_CHAT_ID):
        match = ESCALATION_ID.search(message.get("text") or "")
        if match:
            shown[int(match.group(1))] = shown.get(int(match.group(1)), 0) + 1
    return shown


def assert_alerted_exactly_once(api: FakeBotAPI, ids: List[int]) -> None:
    shown = staff_alert_counts(api)
    assert {i: shown.get(i, 0) for i in ids} == {i: 1 for i in ids}, shown
    assert all(n == 1 for n in shown.values()), f"duplicate alerts in the staff chat: {shown}"


def tracker_user_texts(services, sender: str) -> List[str]:
    return user_texts(services.tracker_url, sender)


# --- 1. PostgreSQL down for OUTAGE_SECONDS during check-ins and crises ---------------------


def test_postgres_outage_loses_no_checkin_or_escalation(stack, services, bot_api):
    pg, data_url = services.pg, services.data_url
    form_people = [person("pg-form") for _ in range(4)]
    inline_people = [person("pg-inline") for _ in range(2)]
    crisis_people = [person("pg-crisis") for _ in range(3)]
    after_people = [person("pg-after") for _ in range(1)]
    everyone = form_people + inline_people + crisis_people + after_people

    def form_job(sender, score):
        replies = form_checkin(stack, sender, score)
        assert "0 to 10" in replies[0], replies
        assert f"{score} out of 10" in replies[-1], replies
        return sender, replies[-1]

    def inline_job(sender, score):
        reply = say(stack, sender, f"i'd say a {score}")
        assert f"{score} out of 10" in reply, reply
        return sender, reply

    def crisis_job(sender, repeat):
        replies = [say(stack, sender, "I don't want to be alive anymore, I have a plan to end my life")]
        if repeat:  # the same person again: still one escalation for staff
            replies.append(say(stack, sender, "i want to kill myself tonight"))
        for reply in replies:
            assert CRISIS_LINE in reply, reply
        return sender, replies[-1]

    pg.stop()
    down_at = time.time()
    try:
        assert not pg.is_running()
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(everyone)) as pool:
            jobs = [pool.submit(form_job, s, 2 + i) for i, s in enumerate(form_people)]
            jobs += [pool.submit(inline_job, s, 3 + i) for i, s in enumerate(inline_people)]
            jobs += [pool.submit(crisis_job, s, i == 0) for i, s in enumerate(crisis_people)]
            during = [j.result(timeout=OUTAGE_SECONDS + 120) for j in jobs]
        finished_at = time.time()
        assert not pg.is_running(), "PostgreSQL came back before the conversations ended"
        time.sleep(max(0.0, OUTAGE_SECONDS - (time.time() - down_at)))
    finally:
        pg.start()
    assert finished_at - down_at <= max(OUTAGE_SECONDS, 1) + 60

    # check-ins during the outage were spooled and the person was told so
    spooled_replies = [reply for sender, reply in during if sender in form_people + inline_people]
    assert all("kept it safe" in r for r in spooled_replies), spooled_replies
    # after the outage: stored directly
    for sender in after_people:
        assert "out of 10" in form_checkin(stack, sender, 1)[-1]
    # Rasa's tracker store was down too: the form kept its place in memory (the asserts in
    # form_job), and the person's next turn stores the whole conversation, once, in order.
    for sender in form_people:
        say(stack, sender, "thanks")
        assert tracker_user_texts(services, sender)[-5:] == [
            "check in",
            str(2 + form_people.index(sender)),
            "tired",
            "skip",
            "thanks",
        ]
        assert tracker_user_texts(services, sender).count("check in") == 1

    scheduler_once(stack)
    assert spool_left(stack) == {}, "records left in the spool (pending, rejected or bad)"

    stored = counts(data_url, everyone)
    expected = {s: {"checkins": 1} for s in form_people + inline_people + after_people}
    expected.update({s: {"checkins": 0, "crisis": 1} for s in crisis_people})
    assert stored == expected

    ids = escalation_ids(data_url, crisis_people)
    assert len(ids) == len(crisis_people)
    with session_scope(data_url) as s:
        repeated = s.execute(
            select(Escalation.occurrences).join(User).where(User.user_key == key_of(crisis_people[0]))
        ).scalar_one()
    assert repeated >= 2, "the repeated crisis folded into the person's one escalation"

    run_notifier(bot_api, data_url, until_ids=ids)
    assert_alerted_exactly_once(bot_api, ids)


# --- 2. action server killed mid-conversation ----------------------------------------------


def _kill_actions(stack) -> None:
    proc = stack.procs.pop("actions")
    proc.kill()  # SIGKILL: no clean shutdown
    proc.wait(10)


def test_action_server_killed_mid_conversation(stack, services, bot_api):
    data_url = services.data_url
    done, midway = person("kill-done"), person("kill-mid")
    assert "out of 10" in form_checkin(stack, done, 3)[-1]
    assert "source:" in say(stack, midway, "what does Ibrance do").lower()

    _kill_actions(stack)
    try:
        reply = say(stack, midway, "I can't do this anymore, I want to end my life")
        assert CRISIS_LINE in reply, reply
        backstop = Path(stack.env["COMPANION_VAR_DIR"]) / "spool" / "backstop"
        assert len(list(backstop.glob("*.json"))) >= 1, "the Rasa-side backstop spooled the crisis"
    finally:
        stack.start_actions()

    assert say(stack, midway, "hello"), "the conversation goes on after the restart"
    scheduler_once(stack)
    assert spool_left(stack) == {}
    assert counts(data_url, [done, midway]) == {done: {"checkins": 1}, midway: {"checkins": 0, "crisis": 1}}

    ids = escalation_ids(data_url, [midway])
    run_notifier(bot_api, data_url, until_ids=ids)
    assert_alerted_exactly_once(bot_api, ids)


def test_action_server_killed_during_checkin_form_crisis_still_answered(stack, services, bot_api):
    """Regression for a real bug: the form ran first, its validation needed the dead action
    server, and the turn was dropped. bot/safety/policy.py answers before the form."""
    data_url = services.data_url
    me = person("kill-form")
    assert "0 to 10" in say(stack, me, "check in")
    _kill_actions(stack)
    try:
        reply = say(stack, me, "I can't do this anymore, I want to end my life")
    finally:
        stack.start_actions()
        scheduler_once(stack)
    # nothing lost on the staff side even now: the backstop spool became the escalation
    assert counts(data_url, [me]) == {me: {"checkins": 0, "crisis": 1}}
    assert CRISIS_LINE in reply, f"no crisis answer during the check-in form: {reply!r}"


# --- 3. Redis (lock store) down ----------------------------------------------------------------


def test_redis_down_conversations_continue(stack, services, bot_api):
    data_url, redis_server = services.data_url, services.redis
    me, crisis = person("redis"), person("redis-crisis")
    assert say(stack, me, "hello")

    redis_server.kill()
    try:
        assert "pet" in say(stack, me, "what is a PET scan").lower()
        assert CRISIS_LINE in say(stack, crisis, "i want to kill myself")
        assert "out of 10" in form_checkin(stack, me, 4)[-1]
        # concurrent turns of one person fall back to this replica's local lock: none lost
        burst = [f"what is a ct scan {i}" for i in range(4)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            replies = list(pool.map(lambda m: say(stack, me, m), burst))
        assert all(replies)
    finally:
        redis_server.start()  # same port: the lock store reconnects

    assert "out of 10" in say(stack, me, "i'd say a 2")
    assert CRISIS_LINE in say(stack, crisis, "i still want to die")
    import redis as redis_client

    assert redis_client.Redis(port=redis_server.port).keys("companion:*") == [], "no lock left behind"

    stored = tracker_user_texts(services, me)
    assert sorted(m for m in stored if m.startswith("what is a ct scan")) == burst
    scheduler_once(stack)
    assert counts(data_url, [me, crisis]) == {me: {"checkins": 2}, crisis: {"checkins": 0, "crisis": 1}}
    ids = escalation_ids(data_url, [crisis])
    run_notifier(bot_api, data_url, until_ids=ids)
    assert_alerted_exactly_once(bot_api, ids)


# --- 4. RabbitMQ (event broker) down ------------------------------------------------------------


def drain_queue() -> List[dict]:
    return drain_rabbitmq_queue(QUEUE, f"amqp://guest:guest@{RABBITMQ[0]}:{RABBITMQ[1]}/")


def test_rabbitmq_down_at_runtime(stack, services, bot_api):
    data_url, mq = services.data_url, services.mq
    me = person("mq")
    assert say(stack, me, "hello")
    drain_queue()

    mq.cut()
    try:
        reply = say(stack, me, "I want to end my life")
        assert CRISIS_LINE in reply, reply
        assert "out of 10" in say(stack, me, "i'd say a 3")
    finally:
        mq.restore()

    scheduler_once(stack)
    assert counts(data_url, [me]) == {me: {"checkins": 1, "crisis": 1}}
    ids = escalation_ids(data_url, [me])
    run_notifier(bot_api, data_url, until_ids=ids)
    assert_alerted_exactly_once(bot_api, ids)

    # after the broker is back, the transcript consumer gets the events again, including
    # those Rasa kept while RabbitMQ was unreachable (pika's unpublished-event buffer)
    deadline, seen = time.time() + 30, []
    while time.time() < deadline:
        assert say(stack, me, "thanks")
        seen += [e.get("text") for e in drain_queue() if e.get("sender_id") == me and e.get("event") == "user"]
        if "I want to end my life" in seen:
            break
        time.sleep(2)
    assert "thanks" in seen, "events flow to RabbitMQ again after it is back"
    assert "I want to end my life" in seen, f"event published during the outage was lost: {seen}"


def test_rasa_refuses_to_start_without_rabbitmq(stack, services):
    """Documented behaviour (README, production profile): Rasa 3.6 connects to the event
    broker at start-up and exits if it cannot (after ``connection_attempts`` ×
    ``retry_delay_in_seconds``; 20 × 5 s by default), so RabbitMQ must be up before the
    Rasa replicas start (compose ``depends_on: condition: service_healthy``); once running,
    RabbitMQ outages cost no answer (test above)."""
    dead = free_port()
    endpoints = stack.workdir / "endpoints.dead-broker.yml"
    endpoints.write_text(endpoints_yaml(stack, services, broker_port=dead, attempts=1))
    port = free_port()
    log = open(stack.workdir / "rasa-dead-broker.log", "wb")
    proc = subprocess.Popen(
        [
            *RASA_SERVER,
            "--enable-api",
            "-i",
            "127.0.0.1",
            "-p",
            str(port),
            "--auth-token",
            stack.token,
            "-m",
            str(MODEL),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(ROOT / "credentials.yml"),
        ],
        cwd=ROOT,
        env=stack.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    logfile = stack.workdir / "rasa-dead-broker.log"
    try:
        deadline, answered, refused = time.time() + 240, False, False
        while time.time() < deadline and proc.poll() is None and not refused:
            refused = "Cannot connect to event broker" in logfile.read_text(errors="replace")
            try:
                r = requests.post(
                    f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                    json={"sender": "dead-broker", "message": "hello"},
                    timeout=5,
                )
                answered = r.ok and bool(r.json())
                if answered:
                    break
            except (requests.RequestException, ValueError):
                pass
            time.sleep(1)
        output = logfile.read_text(errors="replace")
        assert not answered, "Rasa now starts without RabbitMQ: update this test and the README"
        assert "Cannot connect to event broker" in output, output[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        log.close()


# --- 5. Bot API faults and a notifier killed between sending and marking sent ---------------


class SlowConfirmBotAPI(FakeBotAPI):
    """Telegram accepts the message (it is in the chat) but the answer is held back while
    ``hold`` is set, so the notifier can be killed after sending, before marking sent."""

    hold = False

    async def _m_sendmessage(self, params: dict) -> dict:
        result = await super()._m_sendmessage(params)
        while self.hold:
            await asyncio.sleep(0.05)
        return result


def _open_burst(data_url: str, n: int, prefix: str) -> List[int]:
    from bot.escalation.service import open_escalation

    ids = []
    with session_scope(data_url) as s:
        for i in range(n):
            esc, created = open_escalation(
                s,
                user_key=key_of(f"{prefix}-{i}"),
                channel="rest",
                severity="critical",
                reason="crisis",
                excerpt=f"burst {i}",
                dedup_minutes=30,
            )
            assert created
            ids.append(esc.id)
    return ids


def test_bot_api_5xx_and_429_burst_alerts_each_once(tmp_path, bot_api):
    """A burst of escalations through 500s and a 429 (retry_after=1): every one alerted,
    once. (Single-row retry/backoff details: tests/test_telegram_notifier.py.)"""
    data_url = f"sqlite:///{tmp_path / 'burst.db'}"
    upgrade(data_url)
    ids = _open_burst(data_url, 12, person("burst"))
    bot_api.fail_next(3, status=500, methods=["sendMessage"])
    bot_api.fail_next(1, status=502, methods=["sendMessage"])
    bot_api.fail_next(1, retry_after=1, methods=["sendMessage"])
    run_notifier(bot_api, data_url, until_ids=ids, timeout=60)
    statuses = [c.status for c in bot_api.calls("sendMessage")]
    assert [statuses.count(c) for c in (500, 502, 429, 200)] == [3, 1, 1, len(ids)], statuses
    assert_alerted_exactly_once(bot_api, ids)
    with session_scope(data_url) as s:
        assert s.execute(select(func.count()).select_from(Outbox).where(Outbox.sent_at.is_(None))).scalar_one() == 0
    dispose_engines(data_url)


@pytest.mark.xfail(
    strict=True,
    reason=(
        "known limitation, documented in bot/notify/telegram_notifier.py: the Bot API has no "
        "idempotency key, so a crash between Telegram accepting an alert and our commit cannot "
        "be told apart from a lost send. TelegramNotifier records the alert (TelegramAlert) "
        "only in _finish(), after Bot API confirmed; a crash in between leaves no trace of the "
        "sent message, so the redelivery posts a second alert for the same escalation"
    ),
)
def test_notifier_killed_between_sending_and_marking_sent(tmp_path):
    """SIGKILL the real notifier process (``python -m bot notifier``) after Telegram took
    the alert but before the outbox row was marked sent; a new notifier redelivers (the
    claim lease expires) -- and the staff chat must still show the escalation once."""
    data_url = f"sqlite:///{tmp_path / 'kill.db'}"
    upgrade(data_url)
    (esc_id,) = _open_burst(data_url, 1, person("killed"))
    api = SlowConfirmBotAPI().start()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DATABASE_URL=data_url,
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_STAFF_CHAT_ID=str(STAFF_CHAT_ID),
        COMPANION_VAR_DIR=str(tmp_path / "var"),
        COMPANION_HMAC_KEY=HMAC_KEY.decode(),
        COMPANION_ADDRESS_KEY="tests-only address key, not a secret",
        NOTIFIER_POLL_INTERVAL="0.2",
    )
    api.hold = True
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "notifier"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        api.wait_for(lambda: api.messages(STAFF_CHAT_ID), timeout=60)
        proc.kill()
        proc.wait(10)
        api.hold = False
        with session_scope(data_url) as s:
            row = s.execute(select(Outbox).where(Outbox.kind == "escalation_opened")).scalar_one()
            assert row.sent_at is None and row.attempts == 1, "killed before the row was marked sent"
            # the claim lease (2 min) runs out: a restarted notifier may take the row again
            s.execute(update(Outbox).where(Outbox.id == row.id).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        run_notifier(api, data_url, until_ids=[esc_id], timeout=30)
        with session_scope(data_url) as s:
            assert s.execute(select(Outbox.sent_at).where(Outbox.kind == "escalation_opened")).scalar_one()
        assert staff_alert_counts(api).get(esc_id, 0) >= 1, "alerted at least once"
        assert_alerted_exactly_once(api, [esc_id])
    finally:
        if proc.poll() is None:
            proc.kill()
        api.stop()
        dispose_engines(data_url)
