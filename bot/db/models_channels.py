"""Tables owned by the channel layer (migration 0002_channel_addresses).

- ``channel_addresses``: where to reach a person on a channel (e.g. a Telegram chat id),
  Fernet-encrypted and keyed by the pseudonymous ``user_key`` the rest of the system uses.
  Nothing else in the database can be joined back to a raw channel id.
- ``telegram_alerts``: which staff-chat message shows which escalation, so the notifier
  and the staff buttons edit one alert in place instead of posting duplicates.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, PrimaryKeyConstraint, String, Text
from sqlalchemy.orm import Mapped

from bot.db.models import Base
from bot.db.types import UTCDateTime, utcnow


class ChannelAddress(Base):
    """An encrypted channel address (raw chat id) for one person on one channel."""

    __tablename__ = "channel_addresses"
    __table_args__ = (PrimaryKeyConstraint("user_key", "channel"),)

    user_key: Mapped[str] = Column(String(64), nullable=False)
    channel: Mapped[str] = Column(String(32), nullable=False)
    address_enc: Mapped[str] = Column(Text, nullable=False)
    updated_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)


class TelegramAlert(Base):
    """The staff-chat message that shows an escalation, and what it currently shows."""

    __tablename__ = "telegram_alerts"

    escalation_id: Mapped[int] = Column(Integer, ForeignKey("escalations.id", ondelete="CASCADE"), primary_key=True)
    chat_key: Mapped[str] = Column(String(64), nullable=False)  # user_key of the staff chat id
    message_id: Mapped[int] = Column(Integer, nullable=False)
    shown_status: Mapped[str] = Column(String(16), nullable=False)
    shown_severity: Mapped[str] = Column(String(16), nullable=False)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
