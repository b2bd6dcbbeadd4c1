"""Production profile for real: two Rasa replicas with endpoints.production.yml share a
PostgreSQL tracker store, a Redis lock store and a RabbitMQ event broker on this machine.
One conversation driven through alternating replicas (and concurrently) keeps every
message, in order; events reach RabbitMQ; our data lives in PostgreSQL too."""

from __future__ import annotations

import concurrent.futures
import uuid

import pytest
import redis
from sqlalchemy import create_engine, func, select, text

from bot.db.models import Escalation
from bot.db.session import session_scope, upgrade
from tests.conftest import create_pg_database, drop_pg_database
from tests.servers import (
    MODEL,
    drain_rabbitmq_queue,
    free_port,
    make_stack,
    say,
    texts,
    use_production_profile,
    user_texts,
)

pytestmark = pytest.mark.integration
QUEUE = f"companion_events_test_{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)")
    redis.Redis(host="127.0.0.1", port=6379).ping()  # the machine's Redis must be up
    tracker_url = create_pg_database()
    data_url = create_pg_database()
    upgrade(data_url)
    workdir = tmp_path_factory.mktemp("prod")
    stack = make_stack(workdir)
    endpoints = use_production_profile(stack, tracker_url, data_url, QUEUE)
    stack.start_actions()
    urls = []
    try:
        urls.append(stack.start_rasa("rasa-a", free_port(), endpoints))
        urls.append(stack.start_rasa("rasa-b", free_port(), endpoints))
        yield stack, urls, tracker_url, data_url
    finally:
        stack.stop_all()
        drop_pg_database(tracker_url)
        drop_pg_database(data_url)


def test_alternating_replicas_share_one_conversation(replicas):
    stack, (a, b), tracker_url, data_url = replicas
    me = f"prod-{uuid.uuid4().hex[:8]}"
    script = ["hello", "what does Ibrance do", "tell me more", "what is a pet scan", "why am i so tired", "thanks"]
    for i, message in enumerate(script):
        assert texts(say(a if i % 2 == 0 else b, me, message))
    assert user_texts(tracker_url, me) == script
    # "tell me more" on replica B answered the topic set on replica A: slots are shared
    detail = texts(say(b, me, "what does Ibrance do")) and texts(say(a, me, "tell me more"))
    assert "Source:" in detail


def test_concurrent_messages_from_one_person_are_serialised(replicas):
    stack, (a, b), tracker_url, data_url = replicas
    me = f"conc-{uuid.uuid4().hex[:8]}"
    messages = [f"what is a ct scan {i}" for i in range(6)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(say, a if i % 2 else b, me, m) for i, m in enumerate(messages)]
        replies = [f.result() for f in futures]
    assert all(texts(r) for r in replies)
    stored = user_texts(tracker_url, me)
    assert sorted(stored) == sorted(messages) and len(stored) == len(messages)
    # every user turn is followed by its own answer before the next user turn (lock store)
    engine = create_engine(tracker_url)
    with engine.connect() as conn:
        kinds = [
            r[0]
            for r in conn.execute(
                text("SELECT type_name FROM events WHERE sender_id = :s AND type_name IN ('user', 'bot') ORDER BY id"),
                {"s": me},
            )
        ]
    engine.dispose()
    for i, kind in enumerate(kinds):
        if kind == "user" and i + 1 < len(kinds):
            assert kinds[i + 1] == "bot", kinds


def test_events_reach_rabbitmq_and_crisis_is_stored_in_postgres(replicas):
    stack, (a, b), tracker_url, data_url = replicas
    me = f"mq-{uuid.uuid4().hex[:8]}"
    assert "988" in texts(say(a, me, "i want to end my life"))

    events = drain_rabbitmq_queue(QUEUE, delete=True)
    assert any(e.get("sender_id") == me and "end my life" in (e.get("text") or "") for e in events)
    with session_scope(data_url) as s:
        assert (
            s.execute(select(func.count()).select_from(Escalation).where(Escalation.reason == "crisis")).scalar_one()
            >= 1
        )
