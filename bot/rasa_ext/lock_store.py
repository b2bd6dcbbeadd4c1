"""A Redis lock store whose ticket operations are atomic across Rasa replicas.

Rasa 3.6's ``RedisLockStore`` keeps each conversation's ticket queue as one JSON
value and changes it by read-modify-write (``get`` ... ``set``) with nothing in
between to stop another process. Two replicas that receive a message for the
same person at the same moment both read "no lock", both write a lock holding
ticket 0, and both believe they are being served: the two turns run at once and
the tracker store keeps only one of them (seen in CI: 2 of 6 concurrent user
turns lost). This store does every change inside a Redis ``WATCH``/``MULTI``
transaction, retried when another client touched the key, so tickets are unique
and a lock is only deleted when its queue is really empty.

Configured in ``endpoints.production.yml``::

    lock_store:
      type: bot.rasa_ext.lock_store.AtomicRedisLockStore
      url: ${REDIS_HOST}
      ...

The key also gets an expiry a little beyond its last ticket's, so a replica that
dies while holding a ticket cannot leave a lock behind for ever.

When Redis cannot be reached, the conversation is not refused: the turn runs under a
lock local to this replica (logged as a warning). Turns of one person on *different*
replicas are then not serialised until Redis is back; a person in crisis still gets the
crisis answer, which matters more than strict ordering.
"""

from __future__ import annotations

import json
import logging
import math
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Callable, Optional, Text, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")
EXPIRY_MARGIN_SECONDS = 60


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` with atomic issue/finish/cleanup (see module docstring)."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa builds custom lock stores as ``cls(endpoint_config=...)``.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)
        self._local = InMemoryLockStore()

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's ticket lock in Redis; a replica-local lock while Redis is unreachable."""
        try:
            ticket = self.issue_ticket(conversation_id, lock_lifetime)
        except LockError as exc:
            if not isinstance(exc.__cause__, (RedisConnectionError, RedisTimeoutError)):
                raise
            logger.warning(
                "Redis lock store unreachable (%s); using a replica-local lock", type(exc.__cause__).__name__
            )
            async with self._local.lock(conversation_id, lock_lifetime, wait_time_in_seconds) as local:
                yield local
            return
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            try:
                self.cleanup(conversation_id, ticket)
            except (RedisConnectionError, RedisTimeoutError):  # the key's expiry clears it
                logger.warning("could not release lock ticket (Redis unreachable)")

    def _key(self, conversation_id: Text) -> Text:
        return self.key_prefix + conversation_id

    def _change(
        self, conversation_id: Text, mutate: Callable[[Optional[TicketLock]], Tuple[T, Optional[TicketLock]]]
    ) -> T:
        """Apply ``mutate`` to the stored lock atomically; it returns (result, lock to keep or None)."""
        key = self._key(conversation_id)

        def transaction(pipe: Any) -> T:
            raw = pipe.get(key)
            current = TicketLock.from_dict(json.loads(raw)) if raw else None
            result, keep = mutate(current)
            pipe.multi()
            if keep is None or not keep.is_someone_waiting():
                pipe.delete(key)
            else:
                ttl = max(t.expires for t in keep.tickets) - time.time() + EXPIRY_MARGIN_SECONDS
                pipe.set(key, keep.dumps(), ex=max(1, math.ceil(ttl)))
            return result

        # redis-py retries ``transaction`` whenever the WATCHed key changed meanwhile.
        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Append a ticket to the conversation's queue (creating it) atomically."""

        def issue(lock: Optional[TicketLock]) -> Tuple[int, TicketLock]:
            lock = lock or self.create_lock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        try:
            return self._change(conversation_id, issue)
        except Exception as exc:  # same contract as Rasa's: callers expect LockError
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def update_lock(self, conversation_id: Text) -> None:
        """Drop expired tickets atomically."""

        def prune(lock: Optional[TicketLock]) -> Tuple[None, Optional[TicketLock]]:
            if lock is not None:
                lock.remove_expired_tickets()
            return None, lock

        self._change(conversation_id, prune)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        """Remove one ticket atomically (the lock goes when its queue is empty)."""

        def finish(lock: Optional[TicketLock]) -> Tuple[None, Optional[TicketLock]]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return None, lock

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Finish ``ticket_number``; deleting an empty lock is part of the same transaction."""
        self.finish_serving(conversation_id, ticket_number)

    def save_lock(self, lock: TicketLock) -> None:
        """Store ``lock`` with an expiry (used by Rasa code paths we do not override)."""
        if not lock.is_someone_waiting():
            self.delete_lock(lock.conversation_id)
            return
        ttl = max(t.expires for t in lock.tickets) - time.time() + EXPIRY_MARGIN_SECONDS
        self.red.set(self._key(lock.conversation_id), lock.dumps(), ex=max(1, math.ceil(ttl)))
