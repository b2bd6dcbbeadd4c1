"""Response times, overdue escalations, stuck deliveries, CSV export and the support-hours
indicator in the staff console (aiohttp test server, real SQLite and PostgreSQL databases)."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.console import metrics
from bot.db import outbox
from bot.db.models import Staff
from bot.db.session import session_scope
from bot.db.types import utcnow
from bot.escalation.service import open_escalation, transition

# The console fixtures (aiohttp client, fake Rasa, staff accounts) are shared with the API tests.
from tests.test_console_api import (  # noqa: F401 - pytest fixtures
    BEARER,
    client,
    client_factory,
    fake_rasa,
    login,
    staff_accounts,
)


def esc(
    db_url,
    make_key,
    raw,
    *,
    severity="critical",
    reason="crisis",
    at,
    ack_after=None,
    resolve_after=None,
    channel="widget",
):
    """An escalation raised at ``at``, acknowledged / resolved that many seconds later."""
    with session_scope(db_url) as s:
        e, _ = open_escalation(
            s,
            user_key=make_key(raw, channel),
            channel=channel,
            severity=severity,
            reason=reason,
            excerpt="secret words",
            now=at,
            dedup_minutes=0,
        )
        s.flush()
        if ack_after is not None:
            transition(s, e.id, status="acknowledged", actor="test", now=at + timedelta(seconds=ack_after))
        if resolve_after is not None:
            transition(s, e.id, status="resolved", actor="test", now=at + timedelta(seconds=resolve_after))
        return e.id


# --- pure functions ------------------------------------------------------------------------


def test_percentile_is_nearest_rank():
    assert metrics.percentile([], 0.5) is None
    assert metrics.percentile([30], 0.9) == 30
    assert metrics.percentile([10, 20, 30, 40], 0.5) == 20
    assert metrics.percentile([40, 10, 30, 20], 0.9) == 40
    values = list(range(1, 101))
    assert metrics.percentile(values, 0.5) == 50 and metrics.percentile(values, 0.9) == 90


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("nurse", "nurse"),
        (None, ""),
        (42, "42"),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_cannot_be_formulas(value, expected):
    assert metrics.safe_cell(value) == expected


def test_csv_quotes_commas_quotes_and_newlines():
    text = metrics.to_csv(["a", "b"], [['x,"y"', "line1\nline2"], ["=cmd|' /C calc'!A0", ""]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["a", "b"], ['x,"y"', "line1\nline2"], ["'=cmd|' /C calc'!A0", ""]]


@pytest.mark.parametrize("raw", ["0", "-5", "ten", "nan", "inf", "10081", "9" * 40])
def test_bad_realert_settings_name_the_variable(raw):
    with pytest.raises(ValueError, match="ESCALATION_REALERT_HIGH_MINUTES"):
        metrics.load_realert_minutes({"ESCALATION_REALERT_HIGH_MINUTES": raw})


def test_realert_defaults_and_overrides():
    assert metrics.load_realert_minutes({}).as_dict() == {"critical": 10, "high": 60}
    assert metrics.load_realert_minutes(
        {"ESCALATION_REALERT_CRITICAL_MINUTES": "3", "ESCALATION_REALERT_HIGH_MINUTES": " "}
    ).as_dict() == {"critical": 3, "high": 60}
    # fractions are allowed (short intervals in tests), exactly as the re-alerter reads them
    from bot.escalation.realert import RealertConfig

    env = {"ESCALATION_REALERT_CRITICAL_MINUTES": "0.5"}
    assert metrics.load_realert_minutes(env).critical == RealertConfig.from_env(env).minutes["critical"] == 0.5


def test_duration_text():
    assert [metrics.duration(v) for v in (None, 12, 60, 3599, 3600, 3 * 3600 + 300, 50 * 3600)] == [
        "—",
        "12 s",
        "1 min",
        "59 min",
        "1 h",
        "3 h 5 min",
        "2 d 2 h",
    ]


# --- figures from the database -------------------------------------------------------------


def test_response_metrics_by_severity_and_week(db_url, make_key):
    now = datetime(2026, 12, 9, 12, 0, tzinfo=timezone.utc)  # Wednesday of ISO week 50
    week50 = now - timedelta(days=1)
    week49 = now - timedelta(days=7)
    esc(db_url, make_key, "a", at=week50, ack_after=60, resolve_after=600)
    esc(db_url, make_key, "b", at=week50, ack_after=120, resolve_after=1200)
    esc(db_url, make_key, "c", at=week50, ack_after=900)  # not resolved
    esc(db_url, make_key, "d", at=week49, resolve_after=300)  # resolved directly
    esc(db_url, make_key, "e", severity="high", reason="urgent_symptom", at=week49, ack_after=3000)
    esc(db_url, make_key, "old", at=now - timedelta(weeks=20), ack_after=5)  # outside the window
    with session_scope(db_url) as s:
        data = metrics.response_metrics(s, weeks=12, zone=timezone.utc, now=now, realert=metrics.RealertMinutes())
    crit = next(r for r in data["by_severity"] if r["severity"] == "critical")
    assert (crit["count"], crit["acknowledged"], crit["resolved"]) == (4, 4, 3)
    # acknowledge times 60, 120, 900 and 300 (resolved without acknowledging)
    assert (crit["tta_p50_seconds"], crit["tta_p90_seconds"]) == (120, 900)
    assert (crit["ttr_p50_seconds"], crit["ttr_p90_seconds"]) == (600, 1200)
    high = next(r for r in data["by_severity"] if r["severity"] == "high")
    assert (high["count"], high["tta_p50_seconds"], high["ttr_p50_seconds"]) == (1, 3000, None)
    assert [r["severity"] for r in data["by_severity"]] == ["critical", "high", "medium", "low"]
    weeks = {(r["week"], r["severity"]): r for r in data["by_week"]}
    assert set(weeks) == {("2026-W50", "critical"), ("2026-W49", "critical"), ("2026-W49", "high")}
    assert weeks[("2026-W50", "critical")]["count"] == 3
    assert weeks[("2026-W50", "critical")]["tta_p90_seconds"] == 900
    assert weeks[("2026-W49", "critical")]["ttr_p50_seconds"] == 300
    assert [r["week"] for r in data["by_week"]][0] == "2026-W50"  # newest first


def test_iso_weeks_follow_the_support_zone():
    from zoneinfo import ZoneInfo

    sunday_late_utc = datetime(2026, 12, 13, 23, 30, tzinfo=timezone.utc)
    assert metrics.iso_week(sunday_late_utc, timezone.utc) == "2026-W50"
    assert metrics.iso_week(sunday_late_utc, ZoneInfo("Europe/Berlin")) == "2026-W51"


def test_overdue_rule(db_url, make_key):
    now = utcnow()
    ids = {
        "crit_11": esc(db_url, make_key, "p1", at=now - timedelta(minutes=11)),
        "crit_9": esc(db_url, make_key, "p2", at=now - timedelta(minutes=9)),
        "crit_10": esc(db_url, make_key, "p2b", at=now - timedelta(minutes=10)),  # due, as for the re-alerter
        "crit_acked": esc(db_url, make_key, "p3", at=now - timedelta(minutes=30), ack_after=1500),
        "high_61": esc(
            db_url, make_key, "p4", severity="high", reason="urgent_symptom", at=now - timedelta(minutes=61)
        ),
        "high_59": esc(
            db_url, make_key, "p5", severity="high", reason="urgent_symptom", at=now - timedelta(minutes=59)
        ),
        "medium_old": esc(
            db_url, make_key, "p6", severity="medium", reason="request_human", at=now - timedelta(days=3)
        ),
        "crit_ancient": esc(db_url, make_key, "p7", at=now - timedelta(weeks=60)),
    }
    with session_scope(db_url) as s:
        data = metrics.response_metrics(s, weeks=4, zone=timezone.utc, now=now, realert=metrics.RealertMinutes())
    assert set(data["overdue_ids"]) == {ids["crit_11"], ids["crit_10"], ids["high_61"], ids["crit_ancient"]}
    with session_scope(db_url) as s:
        data = metrics.response_metrics(
            s, weeks=4, zone=timezone.utc, now=now, realert=metrics.RealertMinutes(critical=5, high=120)
        )
    assert set(data["overdue_ids"]) == {ids["crit_11"], ids["crit_10"], ids["crit_9"], ids["crit_ancient"]}


def add_outbox(db_url, *, age_minutes, sent=False, error=None, attempts=0, escalation_id=7):
    with session_scope(db_url) as s:
        at = utcnow() - timedelta(minutes=age_minutes)
        row = outbox.enqueue(s, "escalation_updated", {"escalation_id": escalation_id, "excerpt": "private"}, now=at)
        row.attempts = attempts
        row.last_error = error
        if sent:
            row.sent_at = at + timedelta(seconds=5)
        s.flush()
        return row.id


def test_stuck_deliveries_are_old_and_unsent(db_url):
    stuck = add_outbox(db_url, age_minutes=12, error="NetworkError: boom", attempts=4)
    add_outbox(db_url, age_minutes=30, sent=True)
    add_outbox(db_url, age_minutes=1)
    with session_scope(db_url) as s:
        rows = metrics.stuck_deliveries(s, 5)
    assert [r["id"] for r in rows] == [stuck]
    assert rows[0]["attempts"] == 4 and rows[0]["last_error"] == "NetworkError: boom"
    assert rows[0]["escalation_id"] == 7
    assert "excerpt" not in rows[0] and "private" not in str(rows[0]) and rows[0]["parked"] is False
    with session_scope(db_url) as s:
        assert len(metrics.stuck_deliveries(s, 20)) == 0


# --- over HTTP -----------------------------------------------------------------------------


async def test_metrics_api_and_page(client, db_url, make_key):
    now = utcnow()
    esc(db_url, make_key, "a", at=now - timedelta(hours=2), ack_after=90, resolve_after=1800)
    overdue = esc(db_url, make_key, "b", at=now - timedelta(minutes=45))
    resp = await client.get("/api/metrics?weeks=4", headers=BEARER)
    assert resp.status == 200
    data = await resp.json()
    crit = next(r for r in data["by_severity"] if r["severity"] == "critical")
    assert crit["count"] == 2 and crit["tta_p50_seconds"] == 90 and crit["ttr_p90_seconds"] == 1800
    assert data["overdue_ids"] == [overdue] and data["weeks"] == 4
    assert data["realert_minutes"] == {"critical": 10, "high": 60}
    await login(client)
    page = await (await client.get("/metrics?weeks=4")).text()
    assert "Response times" in page and "1 min" in page and "30 min" in page  # 90 s -> "1 min"
    assert f'href="/escalations/{overdue}"' in page
    assert "secret words" not in page


@pytest.mark.parametrize(
    "query",
    [
        "weeks=0",
        "weeks=105",
        "weeks=abc",
        "weeks=-1",
        "weeks=1e3",
        "weeks=" + "9" * 50,
        "older_than_minutes=0",
        "weeks=%00",
        "weeks=<script>",
    ],
)
async def test_metrics_api_rejects_bad_queries(client, query):
    resp = await client.get(f"/api/metrics?{query}", headers=BEARER)
    assert resp.status == 400
    assert "must be a whole number" in (await resp.json())["error"]


async def test_csv_export_is_parseable_and_injection_safe(client, db_url, make_key):
    now = utcnow()
    e1 = esc(db_url, make_key, "a", at=now - timedelta(hours=3), ack_after=30, resolve_after=600)
    with session_scope(db_url) as s:
        s.add(Staff(username='=HYPERLINK("http://x","y")', password_hash="x", role="staff"))
        s.flush()
        evil = s.execute(select(Staff.id).where(Staff.username.like("=HYPER%"))).scalar_one()
    from bot.console.queries import assign

    with session_scope(db_url) as s:
        assign(s, e1, evil, "test")
    resp = await client.get("/api/metrics.csv?kind=escalations&weeks=2", headers=BEARER)
    assert resp.status == 200
    assert resp.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await resp.text())))
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == str(e1) and row["tta_seconds"] == "30" and row["ttr_seconds"] == "600"
    assert row["assignee"] == '\'=HYPERLINK("http://x","y")'
    assert row["overdue"] == "no"
    assert "secret words" not in await resp.text()  # no excerpt leaves the console
    summary = await client.get("/api/metrics.csv?kind=summary&weeks=2", headers=BEARER)
    srows = list(csv.DictReader(io.StringIO(await summary.text())))
    assert srows[0]["severity"] == "critical" and srows[0]["tta_p50_seconds"] == "30"
    assert re.fullmatch(r"\d{4}-W\d{2}", srows[0]["week"])
    bad = await client.get("/api/metrics.csv?kind=everything", headers=BEARER)
    assert bad.status == 400
    await login(client)
    page_csv = await client.get("/metrics.csv?kind=escalations&weeks=2")
    assert page_csv.status == 200 and "'=HYPERLINK" in await page_csv.text()


async def test_queue_highlights_overdue_rows(client, db_url, make_key, monkeypatch):
    now = utcnow()
    late = esc(db_url, make_key, "late", at=now - timedelta(minutes=15))
    fresh = esc(db_url, make_key, "fresh", at=now - timedelta(minutes=2))
    acked = esc(db_url, make_key, "acked", at=now - timedelta(minutes=40), ack_after=60)
    await login(client)
    page = await (await client.get("/escalations")).text()

    def row(i):
        return re.search(rf'<tr data-id="{i}" class="([^"]*)"[\s\S]*?</tr>', page)

    assert "overdue" in row(late).group(1).split() and "overdue</strong>" in row(late).group(0)
    assert "overdue" not in row(fresh).group(1).split() and "overdue-flag" not in row(fresh).group(0)
    assert "overdue" not in row(acked).group(1).split()
    api = await (await client.get("/api/escalations", headers=BEARER)).json()
    flags = {e["id"]: e["overdue"] for e in api["escalations"]}
    assert flags == {late: True, fresh: False, acked: False}
    monkeypatch.setenv("ESCALATION_REALERT_CRITICAL_MINUTES", "1")
    page = await (await client.get("/escalations")).text()
    assert "overdue" in row(fresh).group(1).split()
    assert 'data-realert-critical="1"' in page


async def test_stuck_deliveries_in_api_queue_and_metrics_page(client, db_url):
    stuck = add_outbox(
        db_url,
        age_minutes=9,
        error="AttributeError: 'NoneType' object has no attribute 'copy'",
        attempts=3,
        escalation_id=None,
    )
    add_outbox(db_url, age_minutes=2)
    data = await (await client.get("/api/deliveries/stuck", headers=BEARER)).json()
    assert [d["id"] for d in data["deliveries"]] == [stuck] and data["older_than_minutes"] == 5
    assert (await client.get("/api/deliveries/stuck?older_than_minutes=10", headers=BEARER)).status == 200
    assert (await (await client.get("/api/deliveries/stuck?older_than_minutes=10", headers=BEARER)).json())[
        "deliveries"
    ] == []
    assert (await client.get("/api/deliveries/stuck?older_than_minutes=x", headers=BEARER)).status == 400
    await login(client)
    queue = await (await client.get("/escalations")).text()
    assert "1 staff notification not delivered for over 5 minutes" in queue
    page = await (await client.get("/metrics")).text()
    assert "&#39;NoneType&#39; object has no attribute &#39;copy&#39;" in page


async def test_no_stuck_notice_when_all_delivered(client, db_url):
    add_outbox(db_url, age_minutes=30, sent=True)
    await login(client)
    assert "stuck-notice" not in await (await client.get("/escalations")).text()
    assert 'id="stuck-none"' in await (await client.get("/metrics")).text()


async def test_console_shows_whether_the_team_is_in_hours(client, monkeypatch):
    await login(client)
    monkeypatch.setenv("SUPPORT_HOURS", "24/7")
    page = await (await client.get("/escalations")).text()
    assert "Support: in hours" in page
    # Closed all week except one hour three days from now.
    later = utcnow() + timedelta(days=3)
    monkeypatch.setenv("SUPPORT_HOURS_TZ", "UTC")
    monkeypatch.setenv("SUPPORT_HOURS", f"{later:%a} 09:00-10:00")
    monkeypatch.setenv("ONCALL_CONTACT", "Duty nurse <b>Kim</b> 555-0100")
    page = await (await client.get("/escalations")).text()
    assert f"Support: out of hours, back 9:00 on {later:%A}" in page
    assert "On call: Duty nurse &lt;b&gt;Kim&lt;/b&gt; 555-0100" in page
    data = await (await client.get("/api/support-hours", headers=BEARER)).json()
    assert data["in_hours"] is False and data["back_at"] == f"9:00 on {later:%A}"
    assert data["zone"] == "UTC" and data["oncall_contact"] == "Duty nurse <b>Kim</b> 555-0100"
    monkeypatch.setenv("SUPPORT_HOURS", "whenever")
    page = await (await client.get("/escalations")).text()
    assert "Support hours: setting invalid" in page and "SUPPORT_HOURS" in page
    data = await (await client.get("/api/support-hours", headers=BEARER)).json()
    assert data["in_hours"] is None and "SUPPORT_HOURS" in data["error"]


async def test_new_routes_need_auth_and_are_documented(client):
    spec = await (await client.get("/api/openapi.json", headers=BEARER)).json()
    for path in ("/api/metrics", "/api/metrics.csv", "/api/deliveries/stuck", "/api/support-hours"):
        assert "get" in spec["paths"][path], path
        assert (await client.get(path)).status == 401
    for path in ("/metrics", "/metrics.csv"):
        resp = await client.get(path, allow_redirects=False)
        assert resp.status == 302 and resp.headers["Location"].startswith("/login?next=")


async def test_bad_realert_setting_stops_the_console(db_url, monkeypatch):
    from bot.config import ConfigError
    from bot.console.app import create_app
    from tests.test_console_api import make_settings

    monkeypatch.setenv("ESCALATION_REALERT_CRITICAL_MINUTES", "soon")
    with pytest.raises(ConfigError, match="ESCALATION_REALERT_CRITICAL_MINUTES"):
        create_app(make_settings(db_url))


async def test_a_delivery_the_notifier_gave_up_on_is_marked(client, db_url):
    parked = add_outbox(db_url, age_minutes=60, error="gave up: chat not found", attempts=9)
    data = await (await client.get("/api/deliveries/stuck", headers=BEARER)).json()
    assert [(d["id"], d["parked"]) for d in data["deliveries"]] == [(parked, True)]
    await login(client)
    assert "9 (given up)" in await (await client.get("/metrics")).text()
