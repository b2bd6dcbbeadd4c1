"""Clinician review of knowledge entries, safety rules and safety replies: current status, sign-off,
send back with a note. Every decision is a new ``content_reviews`` row (the history is
kept) and an audit row; the status of an item is the latest decision on its *current*
text hash, so editing the text makes it a draft again without anyone touching the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Optional, Set, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content import Knowledge
from bot.content.review_items import ITEM_ID, ReviewItem, all_items
from bot.db.audit import record_audit
from bot.db.models import ContentReview

DRAFT, REVIEWED, CHANGES_REQUESTED = "draft", "reviewed", "changes_requested"
STATUSES = (DRAFT, REVIEWED, CHANGES_REQUESTED)
SIGN_OFF_ROLE = "clinician"
NOTE_MAX = 2000
HASH = re.compile(r"^[0-9a-f]{64}$")
# Control characters other than tab and newline: binary pasted into a note.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ReviewError(ValueError):
    """A refused review action; ``status`` is the HTTP status a caller should answer."""

    status = 400


class ItemNotFound(ReviewError):
    status = 404


class NotAllowed(ReviewError):
    status = 403


class StaleVersion(ReviewError):
    """The text changed after the reviewer opened it: they must read the new version."""

    status = 409


@dataclass(frozen=True)
class Decision:
    status: str
    reviewer: str
    at: datetime
    text_hash: str
    note: Optional[str]

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "reviewer": self.reviewer,
            "at": self.at.isoformat(),
            "text_hash": self.text_hash,
            "note": self.note,
        }


@dataclass(frozen=True)
class ItemStatus:
    """An item with its review record for the current text (and the last one before)."""

    item: ReviewItem
    status: str
    current: Optional[Decision]
    previous: Optional[Decision]  # latest decision on an earlier version of the text

    def record(self) -> dict:
        """The review record: status, reviewer, date, version of the text."""
        cur = self.current
        return {
            "item_id": self.item.item_id,
            "status": self.status,
            "reviewer": cur.reviewer if cur else None,
            "date": cur.at.isoformat() if cur else None,
            "version": self.item.text_hash,
            "note": cur.note if cur else None,
            "previous": self.previous.as_dict() if self.previous else None,
        }


def _decision(row: ContentReview) -> Decision:
    return Decision(
        status=row.decision, reviewer=row.reviewer, at=row.created_at, text_hash=row.text_hash, note=row.note
    )


def _latest(session: Session, item_ids: Optional[List[str]] = None) -> Dict[str, Dict[str, ContentReview]]:
    """item_id -> text_hash -> latest row, plus "" -> the latest row of any version."""
    query = select(ContentReview).order_by(ContentReview.created_at, ContentReview.id)
    if item_ids is not None:
        query = query.where(ContentReview.item_id.in_(item_ids))
    latest: Dict[str, Dict[str, ContentReview]] = {}
    for row in session.execute(query).scalars():
        per_item = latest.setdefault(row.item_id, {})
        per_item[row.text_hash] = row
        per_item[""] = row
    return latest


def _status_of(item: ReviewItem, rows: Dict[str, ContentReview]) -> ItemStatus:
    current = rows.get(item.text_hash)
    previous = None
    older = [r for h, r in rows.items() if h and h != item.text_hash]
    if older:
        previous = _decision(max(older, key=lambda r: (r.created_at, r.id)))
    return ItemStatus(
        item=item,
        status=current.decision if current else DRAFT,
        current=_decision(current) if current else None,
        previous=previous,
    )


def list_items(session: Session, knowledge: Optional[Knowledge] = None) -> List[ItemStatus]:
    """Every knowledge entry, safety rule and safety reply with its current review status."""
    items = all_items(knowledge)
    latest = _latest(session)
    return [_status_of(item, latest.get(item.item_id, {})) for item in items]


def get_item(session: Session, item_id: str, knowledge: Optional[Knowledge] = None) -> ItemStatus:
    if not isinstance(item_id, str) or not ITEM_ID.match(item_id):
        raise ItemNotFound("no such item")
    for item in all_items(knowledge):
        if item.item_id == item_id:
            return _status_of(item, _latest(session, [item_id]).get(item_id, {}))
    raise ItemNotFound("no such item")


def _clean_note(note: Optional[str], required: bool) -> Optional[str]:
    if note is None:
        note = ""
    if not isinstance(note, str):
        raise ReviewError("the note must be text")
    note = note.strip()
    if required and not note:
        raise ReviewError("say what needs to change (the note is empty)")
    if len(note) > NOTE_MAX:
        raise ReviewError(f"the note is too long ({NOTE_MAX} characters at most)")
    if _CONTROL.search(note):
        raise ReviewError("the note contains control characters")
    return note or None


def _decide(
    session: Session,
    item_id: str,
    *,
    decision: str,
    text_hash: str,
    actor: str,
    role: Optional[str],
    staff_id: Optional[int],
    note: Optional[str],
    knowledge: Optional[Knowledge],
) -> ItemStatus:
    if role != SIGN_OFF_ROLE:
        raise NotAllowed("only a clinician can sign off or send back content")
    note = _clean_note(note, required=decision == CHANGES_REQUESTED)
    if not isinstance(text_hash, str) or not HASH.match(text_hash):
        raise ReviewError("version must be the 64-character text hash shown with the item")
    status = get_item(session, item_id, knowledge)
    if status.item.text_hash != text_hash:
        raise StaleVersion("the text has changed since you opened it: read the new version")
    row = ContentReview(
        item_id=item_id,
        text_hash=text_hash,
        decision=decision,
        reviewer=actor.split(":", 1)[-1][:80],
        staff_id=staff_id,
        note=note,
    )
    session.add(row)
    session.flush()
    # The note stays in content_reviews: audit details never carry free text.
    record_audit(
        session,
        actor=actor,
        action="content_signed_off" if decision == REVIEWED else "content_sent_back",
        detail={"item_id": item_id, "text_hash": text_hash, "review_id": row.id},
    )
    return _status_of(status.item, _latest(session, [item_id]).get(item_id, {}))


def sign_off(
    session: Session,
    item_id: str,
    *,
    text_hash: str,
    actor: str,
    role: Optional[str],
    staff_id: Optional[int] = None,
    note: Optional[str] = None,
    knowledge: Optional[Knowledge] = None,
) -> ItemStatus:
    """Mark the version ``text_hash`` of an item reviewed (clinicians only)."""
    return _decide(
        session,
        item_id,
        decision=REVIEWED,
        text_hash=text_hash,
        actor=actor,
        role=role,
        staff_id=staff_id,
        note=note,
        knowledge=knowledge,
    )


def send_back(
    session: Session,
    item_id: str,
    *,
    text_hash: str,
    note: str,
    actor: str,
    role: Optional[str],
    staff_id: Optional[int] = None,
    knowledge: Optional[Knowledge] = None,
) -> ItemStatus:
    """Send the version ``text_hash`` back for changes, saying what to change (clinicians only)."""
    return _decide(
        session,
        item_id,
        decision=CHANGES_REQUESTED,
        text_hash=text_hash,
        actor=actor,
        role=role,
        staff_id=staff_id,
        note=note,
        knowledge=knowledge,
    )


def reviewed_versions(session: Session) -> Set[Tuple[str, str]]:
    """(item_id, text_hash) pairs whose latest decision is a sign-off (for the serving gate)."""
    latest = _latest(session)
    return {
        (item_id, h) for item_id, rows in latest.items() for h, row in rows.items() if h and row.decision == REVIEWED
    }
