"""Whether the support team is in hours, for the console's header and its JSON API."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Dict, Optional

from bot.db.types import utcnow
from bot.support_hours import SupportHoursError, load_support_hours

logger = logging.getLogger(__name__)


def support_status(now: Optional[datetime] = None) -> Dict[str, Any]:
    """In hours or not, the next opening, the configured hours and the on-call contact.

    A bad setting is reported (``error``), never raised: the console must stay usable."""
    now = now or utcnow()
    try:
        hours = load_support_hours()
        in_hours = hours.is_open(now)
        return {
            "in_hours": in_hours,
            "next_open": hours.next_open(now).isoformat(),
            "back_at": None if in_hours else hours.describe_next_open(now),
            "hours": hours.spec,
            "zone": hours.zone_name,
            "holidays": sorted(d.isoformat() for d in hours.holidays),
            "oncall_contact": hours.oncall_contact,
            "oncall_telegram": hours.oncall_chat_id is not None,
            "error": None,
        }
    except (SupportHoursError, ValueError) as exc:
        logger.error("support hours setting invalid: %s", exc)
        return {
            "in_hours": None,
            "next_open": None,
            "back_at": None,
            "hours": None,
            "zone": None,
            "holidays": [],
            "oncall_contact": None,
            "oncall_telegram": False,
            "error": str(exc),
        }
