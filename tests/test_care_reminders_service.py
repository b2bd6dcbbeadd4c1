"""Care reminder service on SQLite and PostgreSQL, with a controllable clock."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select, update

from bot.care_reminders import service as svc
from bot.care_reminders.parsing import ReminderDraft
from bot.db.models import AuditLog, CareReminder, Escalation, Outbox, ReminderOccurrence, User

UTC = timezone.utc
KEY, OTHER = "a" * 64, "b" * 64
T0 = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)  # a Monday


def _at(days=0, hours=0, minutes=0):
    return T0 + timedelta(days=days, hours=hours, minutes=minutes)


def _daily(label="Ibrance", hhmm="09:00"):
    return ReminderDraft(kind="medication", label=label, time_of_day=hhmm, pattern="daily")


def _create(session, draft=None, key=KEY, tz="UTC", now=T0):
    r = svc.create_reminder(session, user_key=key, channel="telegram", draft=draft or _daily(), timezone=tz, now=now)
    session.commit()
    return r


def _plan(session, now, **kw):
    kw.setdefault("missed_threshold", 0)
    result = svc.plan_due(session, now, **kw)
    session.commit()
    return result


def _occ(session, **where):
    stmt = select(ReminderOccurrence).order_by(ReminderOccurrence.due_at)
    for k, v in where.items():
        stmt = stmt.where(getattr(ReminderOccurrence, k) == v)
    return session.execute(stmt).scalars().all()


def _outbox(session):
    return session.execute(select(Outbox).where(Outbox.kind == "care_reminder").order_by(Outbox.id)).scalars().all()


# --- creation and validation -----------------------------------------------------------


def test_create_validates_and_audits_without_label(session):
    r = _create(session, tz="Europe/London")
    assert (r.status, r.start_date, r.planned_until) == ("active", date(2026, 11, 30), T0)
    audit = session.execute(select(AuditLog).where(AuditLog.action == "care_reminder_created")).scalar_one()
    assert "Ibrance" not in (audit.detail or "") and audit.detail_dict["reminder_id"] == r.id
    bad = [
        ReminderDraft(label="x", pattern="daily"),  # no time
        ReminderDraft(
            label="x", time_of_day="09:00", pattern="cycle", days_on=0, days_off=7, start_date=date(2026, 12, 1)
        ),
        ReminderDraft(
            label="x", time_of_day="09:00", pattern="cycle", days_on=21, days_off=61, start_date=date(2026, 12, 1)
        ),
        ReminderDraft(
            label="x", time_of_day="09:00", pattern="every_n_weeks", interval_weeks=27, start_date=date(2026, 12, 1)
        ),
        ReminderDraft(
            kind="appointment", label="biopsy", time_of_day="10:00", start_date=date(2026, 11, 29)
        ),  # in the past
    ]
    for draft in bad:
        with pytest.raises(ValueError):
            svc.create_reminder(session, user_key=KEY, channel="telegram", draft=draft, now=T0)
    with pytest.raises(ValueError):
        svc.create_reminder(session, user_key=KEY, channel="telegram", draft=_daily(), timezone="Nowhere/City", now=T0)
    session.rollback()


def test_nothing_before_creation_fires(session):
    _create(session, now=_at(0, 10))  # created after today's 09:00
    assert _plan(session, _at(0, 12)).planned == 0
    assert _plan(session, _at(1, 9)).sent == 1


def test_list_find_pause_resume_delete_update(session):
    ibrance = _create(session)
    biopsy = _create(
        session,
        ReminderDraft(
            kind="appointment", label="bone marrow biopsy", time_of_day="10:00", start_date=date(2026, 12, 4)
        ),
    )
    other = _create(session, key=OTHER)
    assert [r.id for r in svc.list_reminders(session, KEY)] == [ibrance.id, biopsy.id]
    assert [r.id for r in svc.find_reminders(session, KEY, "biopsy")] == [biopsy.id]
    assert [r.id for r in svc.find_reminders(session, KEY, "my tablets")] == [ibrance.id]
    assert [r.id for r in svc.find_reminders(session, KEY, "the Ibrance one")] == [ibrance.id]
    assert [r.id for r in svc.find_reminders(session, KEY, "appointment")] == [biopsy.id]
    assert len(svc.find_reminders(session, KEY, "")) == 2
    assert svc.find_reminders(session, KEY, "xyzzy") == []
    for call in (svc.pause_reminder, svc.resume_reminder, svc.delete_reminder):
        with pytest.raises(LookupError):
            call(session, KEY, other.id, now=T0)
    with pytest.raises(LookupError):
        svc.update_reminder(session, KEY, other.id, ReminderDraft(time_of_day="10:00"))
    updated = svc.update_reminder(session, KEY, ibrance.id, ReminderDraft(time_of_day="20:00"), now=_at(1))
    session.commit()
    assert (updated.time_of_day, updated.planned_until, updated.label) == ("20:00", _at(1), "Ibrance")
    svc.delete_reminder(session, KEY, biopsy.id, now=T0)
    session.commit()
    assert [r.id for r in svc.list_reminders(session, KEY)] == [ibrance.id]


# --- planning --------------------------------------------------------------------------


def test_restart_mid_cycle_loses_and_doubles_nothing(session):
    cycle = ReminderDraft(
        kind="medication",
        label="palbociclib",
        time_of_day="08:00",
        pattern="cycle",
        days_on=21,
        days_off=7,
        start_date=date(2026, 11, 30),
    )
    _create(session, cycle)
    # An irregular scheduler: mostly hourly, with gaps up to 5 h ("restarts").
    now, steps = T0, [1, 1, 5, 2, 1, 3, 4, 1, 1, 2]
    i = 0
    while now < _at(40):
        _plan(session, now)
        now += timedelta(hours=steps[i % len(steps)])
        i += 1
    _plan(session, _at(40))
    # Rewind the high-water mark: re-planning the whole window changes nothing.
    session.execute(update(CareReminder).values(planned_until=T0))
    session.commit()
    again = _plan(session, _at(40))
    assert again.planned == again.sent == 0
    doses = _occ(session)
    expected = [date(2026, 11, 30) + timedelta(days=d) for d in range(40) if d % 28 < 21]
    assert [o.local_date for o in doses] == expected
    assert all(o.status != "not_sent" for o in doses)
    rows = [o for o in _outbox(session) if not o.payload["followup"]]
    assert sorted(r.payload["occurrence_id"] for r in rows) == [o.id for o in doses]
    keys = [r.dedupe_key for r in _outbox(session)]
    assert len(keys) == len(set(keys))


def test_grace_and_not_sent(session):
    _create(session)
    result = _plan(session, _at(2, 14))  # scheduler down for 2.5 days
    assert (result.planned, result.sent, result.not_sent) == (3, 1, 2)
    assert [o.status for o in _occ(session)] == ["not_sent", "not_sent", "sent"]
    assert len(_outbox(session)) == 1
    _plan(session, _at(3, 12))  # the 14:00 one gets marked missed; not_sent never
    assert [o.status for o in _occ(session)][:2] == ["not_sent", "not_sent"]


def test_outbox_payload_shape(session):
    r = _create(session)
    _plan(session, _at(0, 9, 1))
    row = _outbox(session)[0]
    occ = _occ(session)[0]
    user = session.execute(select(User)).scalar_one()
    assert row.dedupe_key == f"care:{occ.id}:0" and row.user_id == user.id
    assert set(row.payload) == {
        "user_key",
        "user_id",
        "channel",
        "occurrence_id",
        "reminder_id",
        "text",
        "buttons",
        "followup",
    }
    assert row.payload["text"] == "Time for your Ibrance (9:00 am). Tap Taken when you've had it."
    assert row.payload["followup"] is False and row.payload["reminder_id"] == r.id
    assert [b["title"] for b in row.payload["buttons"]] == ["Taken", "Snooze 30 min", "Skip"]
    assert row.payload["buttons"][0]["payload"] == ('/reminder_reply{"reminder_reply":"taken:%d"}' % occ.id)
    body = json.loads(row.payload["buttons"][1]["payload"][len("/reminder_reply") :])
    assert body == {"reminder_reply": f"snooze:{occ.id}"}
    assert all(len(b["payload"].encode()) <= 64 for b in row.payload["buttons"])  # Telegram limit


def test_appointment_slots_have_no_buttons_and_a_tip(session):
    _create(
        session,
        ReminderDraft(
            kind="appointment", label="bone marrow biopsy", time_of_day="10:00", start_date=date(2026, 12, 4)
        ),
    )
    _plan(session, _at(3, 18))
    _plan(session, _at(4, 8))
    _plan(session, _at(5))  # no follow-up or missed for appointments
    rows = _outbox(session)
    assert [r.payload["buttons"] for r in rows] == [[], []]
    assert "tomorrow" in rows[0].payload["text"] and "blood thinners" in rows[0].payload["text"]
    assert "today at 10:00 am" in rows[1].payload["text"]
    assert [o.status for o in _occ(session)] == ["sent", "sent"]


def test_snooze_resends_once_per_snooze_and_stops_at_three(session):
    _create(session)
    _plan(session, _at(0, 9))
    occ = _occ(session)[0]
    first = svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply="snooze", now=_at(0, 9, 5))
    again = svc.record_reply(
        session, user_key=KEY, occurrence_id=occ.id, reply="snooze", now=_at(0, 9, 6)
    )  # double tap
    session.commit()
    assert (first.changed, again.changed, occ.snooze_count) == (True, False, 1)
    assert _plan(session, _at(0, 9, 34)).resent == 0
    assert _plan(session, _at(0, 9, 35)).resent == 1
    assert _plan(session, _at(0, 9, 40)).resent == 0
    for n, t in ((2, _at(0, 9, 41)), (3, _at(0, 10, 20))):
        svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply="snooze", now=t)
        session.commit()
        assert _plan(session, t + timedelta(minutes=30)).resent == 1
        assert occ.snooze_count == n
    limit = svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply="snooze", now=_at(0, 11))
    assert (limit.outcome, limit.changed) == ("snooze_limit", False)
    keys = [r.dedupe_key for r in _outbox(session) if not r.payload["followup"]]
    assert keys == [f"care:{occ.id}:{n}" for n in range(4)]


def test_exactly_one_followup(session):
    _create(session)
    _plan(session, _at(0, 9))
    assert _plan(session, _at(0, 9, 59)).followups == 0
    assert _plan(session, _at(0, 10)).followups == 1
    for t in (_at(0, 10, 30), _at(0, 11), _at(0, 15)):
        assert _plan(session, t).followups == 0
    rows = [r for r in _outbox(session) if r.payload["followup"]]
    assert len(rows) == 1 and "No worries" in rows[0].payload["text"]
    assert "pharmacist" in rows[0].payload["text"]
    # An answered dose gets no follow-up.
    _plan(session, _at(1, 9))
    occ = _occ(session)[-1]
    svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply="taken", now=_at(1, 9, 10))
    session.commit()
    assert _plan(session, _at(1, 11)).followups == 0


def test_missed_marking_and_late_taken(session):
    _create(session)
    _plan(session, _at(0, 9))
    assert _plan(session, _at(0, 20, 59)).missed == 0
    assert _plan(session, _at(0, 21)).missed == 1
    occ = _occ(session)[0]
    assert occ.status == "missed"
    late = svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply="taken", now=_at(0, 22))
    session.commit()
    assert (late.status, late.changed, late.outcome) == ("taken", True, "taken")
    assert svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply="taken", now=_at(0, 23)).changed is False
    assert (
        svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply="snooze", now=_at(0, 23)).outcome
        == "too_late"
    )


def test_threshold_escalation_opened_once_per_run(session):
    r = _create(session)
    for day in range(6):
        for hour in (9, 21):
            _plan(session, _at(day, hour), missed_threshold=3)
    escalations = session.execute(select(Escalation)).scalars().all()
    assert len(escalations) == 1
    esc = escalations[0]
    assert (esc.severity, esc.reason) == ("low", "missed_doses")
    assert esc.excerpt == "3 missed doses of Ibrance in 7 days"
    # The run is broken by a taken dose; three new misses make a new run.
    _plan(session, _at(6, 9), missed_threshold=3)
    occ = _occ(session)[-1]
    svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply="taken", now=_at(6, 10))
    session.commit()
    esc.status = "resolved"
    session.commit()
    for day in range(7, 10):
        for hour in (9, 21):
            _plan(session, _at(day, hour), missed_threshold=3)
    assert session.execute(select(func.count(Escalation.id))).scalar_one() == 2
    assert r.missed_escalated_until == _at(9, 9)


def test_threshold_from_environment(session, monkeypatch):
    monkeypatch.setenv("COMPANION_MISSED_DOSE_THRESHOLD", "2")
    _create(session)
    for day in range(2):
        for hour in (9, 21):
            svc.plan_due(session, _at(day, hour))
            session.commit()
    assert session.execute(select(func.count(Escalation.id))).scalar_one() == 1


def test_record_reply_ownership_and_validation(session):
    _create(session)
    _create(session, key=OTHER)
    _plan(session, _at(0, 9))
    mine = [o for o in _occ(session) if o.user_id == _occ(session)[0].user_id][0]
    owner = session.get(User, mine.user_id).user_key
    stranger = OTHER if owner == KEY else KEY
    with pytest.raises(LookupError):
        svc.record_reply(session, user_key=stranger, occurrence_id=mine.id, reply="taken")
    with pytest.raises(LookupError):
        svc.record_reply(session, user_key=KEY, occurrence_id=999_999, reply="taken")
    with pytest.raises(LookupError):
        svc.record_reply(session, user_key="c" * 64, occurrence_id=mine.id, reply="taken")
    with pytest.raises(ValueError):
        svc.record_reply(session, user_key=owner, occurrence_id=mine.id, reply="maybe")
    skip = svc.record_reply(session, user_key=owner, occurrence_id=mine.id, reply="skip", now=_at(0, 9, 5))
    assert (skip.status, skip.changed) == ("skipped", True)
    assert svc.record_reply(session, user_key=owner, occurrence_id=mine.id, reply="skip").changed is False


def test_adherence_for_a_scripted_28_days(session):
    _create(session)
    script = {3: "skip", 10: None, 11: None, 25: "skip"}  # None: no answer
    for day in range(28):
        _plan(session, _at(day, 9))
        occ = _occ(session)[-1]
        reply = script.get(day, "taken")
        if day == 27:
            break  # today's dose still waiting
        if reply:
            svc.record_reply(session, user_key=KEY, occurrence_id=occ.id, reply=reply, now=_at(day, 9, 30))
            session.commit()
        _plan(session, _at(day, 21))
    summary = svc.adherence_summary(session, KEY, now=_at(27, 12))
    assert summary["28"] == {"taken": 23, "skipped": 2, "missed": 2, "pending": 1, "total": 28}
    assert summary["7"] == {"taken": 5, "skipped": 1, "missed": 0, "pending": 1, "total": 7}
    assert summary["by_reminder"][0]["28"] == summary["28"]
    assert summary["by_reminder"][0]["label"] == "Ibrance"
    text = svc.render_adherence(summary)
    assert "Last 7 days: 5 of 7 marked taken, 1 skipped" in text
    assert text.endswith(svc.texts.ASK_TEAM) and "pharmacist" in text
    assert "not_sent" not in json.dumps(summary)
    assert svc.adherence_summary(session, "c" * 64)["28"]["total"] == 0
    assert "don't have any" in svc.render_adherence(svc.adherence_summary(session, "c" * 64))


def test_paused_does_not_fire_and_resume_does_not_burst(session):
    r = _create(session)
    svc.pause_reminder(session, KEY, r.id, now=_at(0, 1))
    session.commit()
    for day in range(3):
        assert _plan(session, _at(day, 10)).planned == 0
    svc.resume_reminder(session, KEY, r.id, now=_at(3, 8))
    session.commit()
    assert _plan(session, _at(3, 8, 30)).planned == 0
    assert _plan(session, _at(3, 9)).sent == 1
    assert [o.local_date for o in _occ(session)] == [date(2026, 12, 3)]


def test_pause_drops_undelivered_messages(session):
    r = _create(session)
    _plan(session, _at(0, 9))
    assert len(_outbox(session)) == 1
    svc.pause_reminder(session, KEY, r.id, now=_at(0, 9, 1))
    session.commit()
    assert _outbox(session) == []
    assert _plan(session, _at(0, 10)).followups == 0


def test_handoff_and_deleted_users_are_skipped(session):
    _create(session)
    _create(session, key=OTHER)
    users = {u.user_key: u for u in session.execute(select(User)).scalars()}
    users[KEY].handoff_active = True
    users[OTHER].deleted_at = _at(0, 1)
    session.commit()
    assert _plan(session, _at(0, 9, 30)).planned == 0
    users[KEY].handoff_active = False
    session.commit()
    assert _plan(session, _at(0, 10)).sent == 1
    assert {o.user_id for o in _occ(session)} == {users[KEY].id}


def test_user_hard_delete_cascades(session):
    _create(session)
    _plan(session, _at(0, 9))
    session.execute(delete(Outbox))
    session.execute(delete(AuditLog))
    session.execute(delete(User))
    session.commit()
    assert session.execute(select(func.count(CareReminder.id))).scalar_one() == 0
    assert session.execute(select(func.count(ReminderOccurrence.id))).scalar_one() == 0


def test_overview_for_operators(session):
    _create(session, tz="Europe/London")
    rows = svc.overview(session, now=_at(0, 12))
    assert rows[0]["user"] == KEY[:12] and rows[0]["next_due"] == _at(1, 9).isoformat()
    assert set(rows[0]) == {"id", "user", "kind", "label", "pattern", "time", "timezone", "status", "next_due"}


def test_widget_reminders_are_never_marked_sent_or_missed(session):
    """The widget cannot reach a person unprompted: no outbox row, no follow-up, no
    'missed' dose and so no missed-dose escalation for a reminder nobody received."""
    svc.create_reminder(session, user_key=OTHER, channel="widget", draft=_daily(), timezone="UTC", now=T0)
    session.commit()
    for day in range(5):
        _plan(session, _at(day, 9, 1), missed_threshold=1)
        _plan(session, _at(day, 23, 0), missed_threshold=1)
    assert _outbox(session) == []
    assert {o.status for o in _occ(session)} == {"not_sent"}
    assert session.execute(select(func.count()).select_from(Escalation)).scalar_one() == 0
    assert svc.adherence_summary(session, OTHER, now=_at(5))["7"]["total"] == 0
