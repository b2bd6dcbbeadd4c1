"""Encrypted address book: how to reach a person on a channel without storing raw ids.

Our tables never hold a raw channel id. Reminders and staff replies still need to reach
the chat, so the chat id is stored *encrypted* (Fernet: AES-128-CBC + HMAC-SHA256) in
``channel_addresses``, keyed by the person's pseudonymous ``user_key`` — the same key the
users table uses (see :func:`key_for`).

Key: ``COMPANION_ADDRESS_KEY`` — either a Fernet key (``Fernet.generate_key()``) or any
long secret (stretched with HKDF-SHA256). Several comma-separated keys allow rotation:
the first encrypts, all decrypt. Without it, development mode derives a key from
``settings.hmac_key`` (with a different HKDF label, so the two keys are independent);
production mode refuses to start.

Identity: on Telegram Rasa sees ``sender_id = "tg-" + user_key("telegram", chat_id)``
and the actions store ``user_key(channel, sender_id)`` (``bot.identity.identify``), so
that second key is the one everything else (users, outbox reminders) knows the person by.
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
from typing import Optional, Tuple, Union

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.config import ConfigError, core_settings
from bot.db.models_channels import ChannelAddress
from bot.db.types import utcnow
from bot.identity import identify
from bot.privacy.pseudonym import user_key
from bot.settings import value as read_setting

logger = logging.getLogger(__name__)

TELEGRAM = "telegram"
TELEGRAM_SENDER_PREFIX = "tg-"
_HKDF_INFO = b"companion channel_addresses v1"

RawId = Union[int, str]


# --------------------------------------------------------------------------- identities


def sender_id_for(channel: str, raw_id: RawId) -> str:
    """The sender id Rasa sees for this channel id (Telegram: ``tg-<user_key>``)."""
    if channel == TELEGRAM:
        return TELEGRAM_SENDER_PREFIX + user_key(TELEGRAM, raw_id)
    return str(raw_id)


def key_for(channel: str, raw_id: RawId) -> str:
    """The person's pseudonymous key as stored in ``users.user_key``."""
    return identify(sender_id_for(channel, raw_id), {"channel": channel}, channel)[0]


def keys_for(channel: str, raw_id: RawId) -> Tuple[str, str]:
    """(Rasa sender id, users-table key) in one go."""
    sender = sender_id_for(channel, raw_id)
    return sender, identify(sender, {"channel": channel}, channel)[0]


# --------------------------------------------------------------------------- encryption


def _to_fernet_key(secret: str) -> bytes:
    """A Fernet key as given, or one derived from an arbitrary secret with HKDF-SHA256."""
    try:
        if len(base64.urlsafe_b64decode(secret.encode("ascii"))) == 32:
            return secret.encode("ascii")
    except (binascii.Error, ValueError, UnicodeEncodeError):
        pass
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(secret.encode("utf-8"))
    return base64.urlsafe_b64encode(derived)


@functools.lru_cache(maxsize=8)
def _cipher_for(secrets: Tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_to_fernet_key(s)) for s in secrets])


def cipher() -> MultiFernet:
    """The address cipher from the settings (see module docstring)."""
    raw = read_setting("COMPANION_ADDRESS_KEY") or ""
    secrets = tuple(s.strip() for s in raw.split(",") if s.strip())
    if not secrets:
        settings = core_settings()
        if settings.is_production:
            raise ConfigError("COMPANION_ADDRESS_KEY must be set in production mode")
        secrets = (settings.hmac_key.decode("utf-8"),)
    return _cipher_for(secrets)


def encrypt_address(raw_id: RawId) -> str:
    return cipher().encrypt(str(raw_id).encode("utf-8")).decode("ascii")


def decrypt_address(token: str) -> Optional[str]:
    """The raw id, or None when no configured key opens it (logged)."""
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        logger.warning("channel address could not be decrypted (COMPANION_ADDRESS_KEY changed?)")
        return None


# --------------------------------------------------------------------------- API


def remember(session: Session, channel: str, raw_id: RawId) -> str:
    """Store (or refresh) the encrypted address; returns the person's ``user_key``.
    The caller commits."""
    key = key_for(channel, raw_id)
    token = encrypt_address(raw_id)
    now = utcnow()
    row = session.get(ChannelAddress, {"user_key": key, "channel": channel})
    if row is None:
        try:  # another process may insert the same person at the same moment
            with session.begin_nested():
                session.add(ChannelAddress(user_key=key, channel=channel, address_enc=token, updated_at=now))
            return key
        except IntegrityError:
            row = session.get(ChannelAddress, {"user_key": key, "channel": channel})
            if row is None:
                raise
    row.address_enc = token  # re-encrypting also rotates to the newest key
    row.updated_at = now
    return key


def resolve(session: Session, user_key: str, channel: str) -> Optional[str]:
    """The raw channel id for ``user_key`` (as a string), or None if unknown/unreadable."""
    row = session.get(ChannelAddress, {"user_key": user_key, "channel": channel})
    if row is None:
        return None
    return decrypt_address(row.address_enc)


def forget(session: Session, user_key: str, channel: Optional[str] = None) -> int:
    """Delete the person's addresses (all channels by default); returns rows deleted.
    Call from "delete my data"."""
    stmt = delete(ChannelAddress).where(ChannelAddress.user_key == user_key)
    if channel is not None:
        stmt = stmt.where(ChannelAddress.channel == channel)
    return session.execute(stmt).rowcount or 0
