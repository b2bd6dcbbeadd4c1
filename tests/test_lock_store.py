"""AtomicRedisLockStore against the machine's real Redis (127.0.0.1:6379).

Two store objects with their own connections stand in for two Rasa replicas.
"""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest
import redis
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_ext.lock_store import AtomicRedisLockStore

REDIS_DB = 3


@pytest.fixture(scope="module", autouse=True)
def redis_up():
    redis.Redis(host="127.0.0.1", port=6379).ping()  # the machine's Redis must be up


def make_store() -> AtomicRedisLockStore:
    return AtomicRedisLockStore(host="127.0.0.1", port=6379, db=REDIS_DB, key_prefix="locktest")


def conversation() -> str:
    return f"conv-{uuid.uuid4().hex[:10]}"


def test_created_from_endpoints_yml_config():
    store = LockStore.create(
        EndpointConfig.from_dict(
            {
                "type": "bot.rasa_ext.lock_store.AtomicRedisLockStore",
                "url": "127.0.0.1",
                "port": 6379,
                "db": REDIS_DB,
                "key_prefix": "locktest",
            }
        )
    )
    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix == "locktest:lock:"
    cid = conversation()
    assert store.issue_ticket(cid) == 0
    store.cleanup(cid, 0)
    assert store.get_lock(cid) is None


def test_interleaved_issue_retries_instead_of_reusing_a_ticket():
    """Replica B writes between replica A's read and write: A must not reuse B's ticket."""
    a, b = make_store(), make_store()
    cid = conversation()
    interfered = []
    original = a.create_lock

    def create_lock_while_b_issues(conversation_id):
        if not interfered:  # only on A's first attempt, after A read "no lock"
            interfered.append(b.issue_ticket(conversation_id))
        return original(conversation_id)

    a.create_lock = create_lock_while_b_issues
    ticket_a = a.issue_ticket(cid)
    assert interfered == [0]
    assert ticket_a == 1  # the retried transaction saw B's ticket
    lock = b.get_lock(cid)
    assert [t.number for t in lock.tickets] == [0, 1]
    assert lock.is_locked(ticket_a) and not lock.is_locked(0)


def test_concurrent_tickets_from_two_replicas_are_unique():
    a, b = make_store(), make_store()
    cid = conversation()
    issued = {"a": [], "b": []}
    start = threading.Barrier(2)

    def hammer(store, name):
        start.wait()
        for _ in range(150):
            issued[name].append(store.issue_ticket(cid))

    threads = [threading.Thread(target=hammer, args=(s, n)) for s, n in ((a, "a"), (b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = issued["a"] + issued["b"]
    assert len(everything) == 300
    assert sorted(everything) == list(range(300))  # none issued twice, none skipped
    assert len(a.get_lock(cid).tickets) == 300


def test_cleanup_keeps_the_lock_while_someone_waits_and_expires_the_key():
    a, b = make_store(), make_store()
    cid = conversation()
    first, second = a.issue_ticket(cid), b.issue_ticket(cid)
    a.cleanup(cid, first)
    lock = b.get_lock(cid)
    assert lock is not None and not lock.is_locked(second)
    ttl = a.red.ttl(a.key_prefix + cid)
    assert 0 < ttl <= 60 + 60 + 1  # ticket lifetime + margin: a dead replica cannot wedge it
    b.cleanup(cid, second)
    assert a.get_lock(cid) is None


async def test_turns_of_one_conversation_never_overlap_across_replicas():
    """Read-modify-write of shared state under the lock loses nothing (a tracker stand-in)."""
    replicas = [make_store(), make_store()]
    cid = conversation()
    state = {"value": 0, "inside": 0, "max_inside": 0}

    async def turn(store):
        async with store.lock(cid, lock_lifetime=30, wait_time_in_seconds=0.01):
            state["inside"] += 1
            state["max_inside"] = max(state["max_inside"], state["inside"])
            seen = state["value"]
            await asyncio.sleep(0.005)  # other turns get the chance to interleave
            state["value"] = seen + 1
            state["inside"] -= 1

    await asyncio.gather(*(turn(replicas[i % 2]) for i in range(24)))
    assert state["value"] == 24
    assert state["max_inside"] == 1
    assert replicas[0].get_lock(cid) is None


async def test_unreachable_redis_falls_back_to_a_local_lock_instead_of_refusing_the_turn():
    store = AtomicRedisLockStore(host="127.0.0.1", port=1, db=REDIS_DB, socket_timeout=1)  # nothing listens
    cid = conversation()
    order = []

    async def turn(n):
        async with store.lock(cid, lock_lifetime=30, wait_time_in_seconds=0.01):
            order.append(("in", n))
            await asyncio.sleep(0.01)
            order.append(("out", n))

    await asyncio.gather(turn(1), turn(2))
    assert sorted(order) == [("in", 1), ("in", 2), ("out", 1), ("out", 2)]
    assert order[0][0] == "in" and order[1][0] == "out"  # still serialised within the replica
