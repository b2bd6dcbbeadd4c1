"""Escalations: severity, deduplication, transitions, audit and outbox rows."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from bot.db.models import AuditLog, Escalation, Outbox
from bot.db.session import session_scope
from bot.escalation.service import (
    EscalationNotFound,
    get_escalation,
    list_escalations,
    open_escalation,
    severity_for,
    transition,
)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def _open(session, key, *, reason="crisis", severity=None, excerpt="I want to end it all", now=T0, channel="telegram"):
    return open_escalation(
        session,
        user_key=key,
        channel=channel,
        severity=severity or severity_for(reason),
        reason=reason,
        excerpt=excerpt,
        now=now,
        dedup_minutes=30,
    )


def _outbox(session, kind=None):
    stmt = select(Outbox).order_by(Outbox.id)
    if kind:
        stmt = stmt.where(Outbox.kind == kind)
    return session.execute(stmt).scalars().all()


def _audit(session, escalation_id=None):
    stmt = select(AuditLog).order_by(AuditLog.id)
    if escalation_id is not None:
        stmt = stmt.where(AuditLog.escalation_id == escalation_id)
    return session.execute(stmt).scalars().all()


@pytest.mark.parametrize(
    "reason, score, expected",
    [
        ("crisis", None, "critical"),
        ("urgent_symptom", None, "critical"),
        ("distress_score", 7, "high"),
        ("distress_score", 10, "high"),
        ("distress_score", 5, "low"),
        ("request_human", None, "medium"),
        ("caregiver_flag", None, "medium"),
    ],
)
def test_severity_for(reason, score, expected):
    assert severity_for(reason, score) == expected


def test_severity_for_unknown_reason():
    with pytest.raises(ValueError):
        severity_for("bored")


def test_open_writes_escalation_audit_and_outbox(session, make_key):
    esc, created = _open(session, make_key(1), excerpt="x" * 1500)
    session.commit()
    assert created and esc.status == "open" and esc.severity == "critical"
    assert esc.occurrences == 1 and esc.created_at == esc.last_seen_at == T0
    assert len(esc.excerpt) == 1000
    [audit] = _audit(session, esc.id)
    assert audit.action == "escalation_opened" and audit.actor == "bot"
    assert "x" * 20 not in (audit.detail or "")
    [row] = _outbox(session)
    assert row.kind == "escalation_opened" and row.sent_at is None
    payload = row.payload
    assert payload["escalation_id"] == esc.id
    assert (payload["severity"], payload["reason"], payload["channel"]) == ("critical", "crisis", "telegram")
    assert len(payload["excerpt"]) <= 200
    assert datetime.fromisoformat(payload["created_at"]) == T0


def test_twenty_identical_crisis_messages_make_one_escalation(session, make_key):
    key = make_key(2)
    for i in range(20):
        esc, created = _open(session, key, now=T0 + timedelta(seconds=30 * i))
        assert created is (i == 0)
        session.commit()
    assert session.execute(select(func.count()).select_from(Escalation)).scalar_one() == 1
    esc = session.execute(select(Escalation)).scalar_one()
    assert esc.occurrences == 20
    assert esc.last_seen_at == T0 + timedelta(seconds=30 * 19)
    assert esc.excerpt == "I want to end it all"  # identical text is not repeated
    assert [o.kind for o in _outbox(session)] == ["escalation_opened"]
    assert len(_audit(session, esc.id)) == 20


def test_repeat_raises_severity_once_and_never_lowers(session, make_key):
    key = make_key(3)
    first, _ = _open(session, key, reason="request_human", excerpt="can I talk to someone")
    _open(session, key, reason="request_human", excerpt="hello?", now=T0 + timedelta(minutes=1))
    raised, created = _open(session, key, reason="crisis", excerpt="I have a plan", now=T0 + timedelta(minutes=2))
    lower, _ = _open(
        session, key, reason="distress_score", severity="high", excerpt="score 8", now=T0 + timedelta(minutes=3)
    )
    session.commit()
    assert not created and raised.id == first.id == lower.id
    assert (lower.severity, lower.reason, lower.occurrences) == ("critical", "crisis", 4)
    assert lower.reasons == ["crisis", "distress_score", "request_human"]
    assert lower.excerpt.split("\n---\n") == ["can I talk to someone", "hello?", "I have a plan", "score 8"]
    kinds = [
        (o.kind, o.payload["severity"], o.payload.get("change"), o.payload.get("top_reason_changed"))
        for o in _outbox(session)
    ]
    assert kinds == [
        ("escalation_opened", "medium", None, None),
        ("escalation_updated", "critical", "severity_raised", True),
        ("escalation_updated", "critical", "reason_added", False),
    ]
    actions = [a.action for a in _audit(session, first.id)]
    assert actions == [
        "escalation_opened",
        "escalation_repeated",
        "escalation_severity_raised",
        "escalation_reason_added",
    ]


def test_crisis_after_urgent_symptom_is_not_hidden(session, make_key):
    """Issue 19: urgent symptom, then a caregiver's crisis message for the same person (same
    severity) -> one escalation, critical, reasons crisis first, a fresh staff alert
    listing both."""
    from bot.notify.telegram_notifier import _escalation_view, render_alert

    key = make_key(30)
    urgent, _ = _open(session, key, reason="urgent_symptom", excerpt="fever 38.6 after chemo")
    crisis, created = _open(
        session, key, reason="crisis", excerpt="she says she wants to die", now=T0 + timedelta(minutes=3)
    )
    again, _ = _open(session, key, reason="urgent_symptom", excerpt="still feverish", now=T0 + timedelta(minutes=4))
    session.commit()
    assert not created and urgent.id == crisis.id == again.id
    assert session.execute(select(func.count()).select_from(Escalation)).scalar_one() == 1
    assert (again.severity, again.reason, again.reasons) == ("critical", "crisis", ["crisis", "urgent_symptom"])

    updated = _outbox(session, "escalation_updated")
    assert [
        (o.payload["change"], o.payload["added_reason"], o.payload["top_reason_changed"], o.payload["reasons"])
        for o in updated
    ] == [("reason_added", "crisis", True, ["crisis", "urgent_symptom"])]
    text, _ = render_alert(_escalation_view(again))
    title = text.splitlines()[0]
    assert "CRITICAL" in title and title.index("crisis") < title.index("urgent symptom"), title
    # the queue reads the same list back from the database
    session.expire_all()
    assert get_escalation(session, urgent.id).reasons == ["crisis", "urgent_symptom"]


def test_reasons_never_go_down_in_any_order(session, make_key):
    """Whatever order the alerts come in, severity is the maximum and every reason is
    kept, most urgent first."""
    import itertools

    all_reasons = ["request_human", "distress_score", "urgent_symptom", "crisis", "caregiver_flag"]
    for i, order in enumerate(itertools.permutations(all_reasons[:4])):
        key = make_key(1000 + i)
        for minute, reason in enumerate(order):
            esc, _ = _open(session, key, reason=reason, now=T0 + timedelta(minutes=minute))
            seen = order[: minute + 1]
            ranks = ["low", "medium", "high", "critical"]
            assert esc.severity == max((severity_for(r) for r in seen), key=ranks.index)
            assert set(esc.reasons) == set(seen) and esc.reason == esc.reasons[0]
            assert ("crisis" not in seen) or esc.reasons[0] == "crisis"
        assert esc.reasons == ["crisis", "urgent_symptom", "distress_score", "request_human"]
    session.commit()


def test_excerpt_appends_up_to_1000_chars_keeping_latest(session, make_key):
    key = make_key(4)
    for i in range(30):
        esc, _ = _open(session, key, excerpt=f"message {i:02d} " + "." * 50, now=T0 + timedelta(minutes=i))
    session.commit()
    assert len(esc.excerpt) == 1000
    assert esc.excerpt.startswith("…") and "message 29" in esc.excerpt


def test_dedup_window_and_resolved_start_new_escalations(session, make_key):
    key, other = make_key(5), make_key(6)
    a, _ = _open(session, key)
    b, created_b = _open(session, key, now=T0 + timedelta(minutes=20))
    c, created_c = _open(session, key, now=T0 + timedelta(minutes=49))  # last seen 20 → 49
    d, created_d = _open(session, key, now=T0 + timedelta(minutes=200))
    assert a.id == b.id == c.id and not created_b and not created_c
    assert created_d and d.id != a.id
    e, created_e = _open(session, other, now=T0 + timedelta(minutes=200))
    assert created_e and e.id not in (a.id, d.id)
    transition(session, d.id, status="resolved", actor="staff:alice")
    f, created_f = _open(session, key, now=T0 + timedelta(minutes=201))
    session.commit()
    assert created_f and f.id != d.id
    assert len(_outbox(session, "escalation_opened")) == 4


def test_transitions_with_audit_and_outbox(session, make_key):
    esc, _ = _open(session, make_key(7))
    session.commit()
    transition(session, esc.id, status="acknowledged", actor="staff:alice", now=T0 + timedelta(minutes=5))
    transition(session, esc.id, status="acknowledged", actor="staff:bob")  # idempotent
    transition(
        session, esc.id, status="resolved", actor="staff:alice", note="called her back", now=T0 + timedelta(minutes=30)
    )
    session.commit()
    assert esc.status == "resolved"
    assert esc.acknowledged_at == T0 + timedelta(minutes=5)
    assert esc.resolved_at == T0 + timedelta(minutes=30)
    assert esc.resolution_note == "called her back"
    actions = [(a.action, a.actor) for a in _audit(session, esc.id)]
    assert actions == [
        ("escalation_opened", "bot"),
        ("escalation_acknowledged", "staff:alice"),
        ("escalation_acknowledged_noop", "staff:bob"),
        ("escalation_resolved", "staff:alice"),
    ]
    assert "called her back" not in "".join(a.detail or "" for a in _audit(session))
    updates = [o.payload["status"] for o in _outbox(session, "escalation_updated")]
    assert updates == ["acknowledged", "resolved"]
    for status in ("open", "acknowledged"):
        with pytest.raises(ValueError):
            transition(session, esc.id, status=status, actor="staff:alice")
    transition(session, esc.id, status="resolved", actor="staff:alice")  # idempotent


def test_open_to_resolved_and_invalid_moves(session, make_key):
    a, _ = _open(session, make_key(8))
    b, _ = _open(session, make_key(9))
    transition(session, a.id, status="resolved", actor="staff:carol")
    assert a.status == "resolved" and a.acknowledged_at is None
    transition(session, b.id, status="acknowledged", actor="staff:carol")
    with pytest.raises(ValueError):
        transition(session, b.id, status="open", actor="staff:carol")
    with pytest.raises(ValueError):
        transition(session, b.id, status="closed", actor="staff:carol")
    with pytest.raises(EscalationNotFound):
        transition(session, 424242, status="resolved", actor="staff:carol")


def test_list_and_get(session, make_key):
    a, _ = _open(session, make_key(10), now=T0)
    b, _ = _open(session, make_key(11), now=T0 + timedelta(minutes=1))
    transition(session, a.id, status="acknowledged", actor="staff:alice")
    session.commit()
    assert [e.id for e in list_escalations(session)] == [b.id, a.id]
    assert [e.id for e in list_escalations(session, status="open")] == [b.id]
    assert [e.id for e in list_escalations(session, status="acknowledged")] == [a.id]
    assert list_escalations(session, limit=1)[0].id == b.id
    assert get_escalation(session, a.id).id == a.id and get_escalation(session, 999) is None
    with pytest.raises(ValueError):
        list_escalations(session, status="nope")


def test_invalid_input(session, make_key):
    with pytest.raises(ValueError):
        _open(session, make_key(12), severity="extreme")
    with pytest.raises(ValueError):
        open_escalation(
            session,
            user_key=make_key(12),
            channel="telegram",
            severity="high",
            reason="crisis",
            excerpt="x",
            now=datetime(2026, 1, 1),
        )  # naive


def test_concurrent_openers_make_one_escalation(pg_url, make_key):
    """Row locks serialise concurrent openers for one person (PostgreSQL)."""
    db_url = pg_url
    key, barrier, errors = make_key(13), threading.Barrier(8), []

    def worker(i):
        try:
            barrier.wait()
            with session_scope(db_url) as s:
                _open(s, key, now=T0 + timedelta(seconds=i))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with session_scope(db_url) as s:
        [esc] = s.execute(select(Escalation)).scalars().all()
        assert esc.occurrences == 8
        assert len(_outbox(s, "escalation_opened")) == 1
