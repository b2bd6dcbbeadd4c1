"""Routes for response times, stuck deliveries and support hours: the /metrics page, its CSV
downloads, and the JSON API (/api/metrics, /api/metrics.csv, /api/deliveries/stuck,
/api/support-hours). Behind the console's usual authentication (session or bearer token)."""

from __future__ import annotations

from typing import Any, Dict, Tuple

from aiohttp import web

from bot.console import metrics
from bot.console.common import json_error, run_db
from bot.console.hours import support_status
from bot.console.views import error_page, render
from bot.db.types import utcnow
from bot.support_hours import SupportHoursError, load_support_hours

CSV_KINDS = ("escalations", "summary")
STUCK_DEFAULT_MINUTES = 5
MAX_STUCK_MINUTES = 10080


class BadQuery(ValueError):
    """A query parameter out of range: answered with 400."""


def _whole(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or len(raw) > 6 or not low <= int(raw) <= high:
        raise BadQuery(f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def _zone():
    try:
        return load_support_hours().zone
    except (SupportHoursError, ValueError):
        from datetime import timezone

        return timezone.utc  # weeks in UTC rather than no page at all


async def _gather(request: web.Request) -> Tuple[Dict[str, Any], list, int]:
    weeks = _whole(request, "weeks", metrics.DEFAULT_WEEKS, 1, metrics.MAX_WEEKS)
    minutes = _whole(request, "older_than_minutes", STUCK_DEFAULT_MINUTES, 1, MAX_STUCK_MINUTES)
    zone = _zone()
    realert = metrics.load_realert_minutes()
    now = utcnow()

    def work(session):
        return (
            metrics.response_metrics(session, weeks=weeks, zone=zone, now=now, realert=realert),
            metrics.stuck_deliveries(session, minutes, now=now),
        )

    data, stuck = await run_db(request, work)
    return data, stuck, minutes


# --- HTML ------------------------------------------------------------------------------------


async def metrics_page(request: web.Request) -> web.Response:
    try:
        data, stuck, minutes = await _gather(request)
    except BadQuery as exc:
        return error_page(request, 400, "Bad request", str(exc))
    return render(
        "metrics.html",
        request,
        {
            "m": data,
            "stuck": stuck,
            "stuck_minutes": minutes,
            "duration": metrics.duration,
            "week_choices": (4, 12, 26, 52),
        },
    )


async def _csv(request: web.Request) -> web.Response:
    kind = request.query.get("kind", "escalations")
    if kind not in CSV_KINDS:
        raise BadQuery(f"kind must be one of {', '.join(CSV_KINDS)}")
    weeks = _whole(request, "weeks", metrics.DEFAULT_WEEKS, 1, metrics.MAX_WEEKS)
    zone = _zone()
    realert = metrics.load_realert_minutes()
    now = utcnow()

    def work(session):
        if kind == "escalations":
            return metrics.escalations_csv(session, weeks=weeks, now=now, realert=realert)
        return metrics.summary_csv(metrics.response_metrics(session, weeks=weeks, zone=zone, now=now, realert=realert))

    body = await run_db(request, work)
    name = f"escalation-{'response-times' if kind == 'escalations' else 'weekly-summary'}-{now:%Y%m%d}.csv"
    return web.Response(
        text=body,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def metrics_csv_page(request: web.Request) -> web.Response:
    try:
        return await _csv(request)
    except BadQuery as exc:
        return error_page(request, 400, "Bad request", str(exc))


# --- JSON API ---------------------------------------------------------------------------------


async def api_metrics(request: web.Request) -> web.Response:
    try:
        data, _, _ = await _gather(request)
    except BadQuery as exc:
        return json_error(400, str(exc))
    return web.json_response(data)


async def api_metrics_csv(request: web.Request) -> web.Response:
    try:
        return await _csv(request)
    except BadQuery as exc:
        return json_error(400, str(exc))


async def api_stuck(request: web.Request) -> web.Response:
    try:
        minutes = _whole(request, "older_than_minutes", STUCK_DEFAULT_MINUTES, 1, MAX_STUCK_MINUTES)
    except BadQuery as exc:
        return json_error(400, str(exc))
    now = utcnow()
    rows = await run_db(request, metrics.stuck_deliveries, minutes, now=now)
    return web.json_response({"older_than_minutes": minutes, "deliveries": rows})


async def api_support_hours(request: web.Request) -> web.Response:
    return web.json_response(support_status())


def add_routes(app: web.Application) -> None:
    from bot.config import ConfigError

    try:  # a bad re-alert setting stops the console at start, naming the variable
        metrics.load_realert_minutes()
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    r = app.router
    r.add_get("/metrics", metrics_page)
    r.add_get("/metrics.csv", metrics_csv_page)
    r.add_get("/api/metrics", api_metrics)
    r.add_get("/api/metrics.csv", api_metrics_csv)
    r.add_get("/api/deliveries/stuck", api_stuck)
    r.add_get("/api/support-hours", api_support_hours)


# --- OpenAPI ------------------------------------------------------------------------------------


def openapi_paths(op, json_schema, ref) -> Dict[str, Any]:
    """Path items for api.openapi_spec (``op``/``json_schema``/``ref`` are its helpers)."""
    weeks = {
        "name": "weeks",
        "in": "query",
        "required": False,
        "description": f"how many weeks back (default {metrics.DEFAULT_WEEKS})",
        "schema": {"type": "integer", "minimum": 1, "maximum": metrics.MAX_WEEKS},
    }
    older = {
        "name": "older_than_minutes",
        "in": "query",
        "required": False,
        "description": f"undelivered for at least this long (default {STUCK_DEFAULT_MINUTES})",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_STUCK_MINUTES},
    }
    bad = {"400": json_schema(ref("Error"), "A query parameter out of range")}
    seconds = {"type": "number", "nullable": True, "description": "seconds; null: none yet"}
    stats = {
        "type": "object",
        "properties": {
            "severity": {"type": "string"},
            "count": {"type": "integer"},
            "acknowledged": {"type": "integer"},
            "resolved": {"type": "integer"},
            "tta_p50_seconds": seconds,
            "tta_p90_seconds": seconds,
            "ttr_p50_seconds": seconds,
            "ttr_p90_seconds": seconds,
        },
    }
    delivery = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string"},
            "attempts": {"type": "integer"},
            "created_at": {"type": "string", "format": "date-time"},
            "next_attempt_at": {"type": "string", "format": "date-time", "nullable": True},
            "age_seconds": {"type": "integer"},
            "last_error": {"type": "string", "nullable": True},
            "escalation_id": {"type": "integer", "nullable": True},
            "parked": {"type": "boolean", "description": "the notifier gave up on it"},
        },
    }
    return {
        "/api/metrics": {
            "get": op(
                "Time to acknowledge and to resolve, p50/p90 by severity and by ISO week",
                {
                    "200": json_schema(
                        {
                            "type": "object",
                            "properties": {
                                "generated_at": {"type": "string", "format": "date-time"},
                                "since": {"type": "string", "format": "date-time"},
                                "weeks": {"type": "integer"},
                                "zone": {"type": "string"},
                                "realert_minutes": {
                                    "type": "object",
                                    "properties": {"critical": {"type": "integer"}, "high": {"type": "integer"}},
                                },
                                "by_severity": {"type": "array", "items": stats},
                                "by_week": {
                                    "type": "array",
                                    "items": {
                                        "allOf": [
                                            stats,
                                            {
                                                "type": "object",
                                                "properties": {
                                                    "week": {"type": "string", "pattern": r"^\d{4}-W\d{2}$"}
                                                },
                                            },
                                        ]
                                    },
                                },
                                "overdue_ids": {
                                    "type": "array",
                                    "items": {"type": "integer"},
                                    "description": "open escalations past their re-alert time",
                                },
                            },
                        }
                    ),
                    **bad,
                },
                params=[weeks, older],
            )
        },
        "/api/metrics.csv": {
            "get": op(
                "CSV export: one row per escalation, or the weekly summary (kind=summary)",
                {
                    "200": {
                        "description": "CSV (cells that a spreadsheet would run as a formula start with ')",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **bad,
                },
                params=[
                    weeks,
                    {
                        "name": "kind",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": list(CSV_KINDS)},
                    },
                ],
            )
        },
        "/api/deliveries/stuck": {
            "get": op(
                "Staff notifications from the outbox not yet delivered, oldest first",
                {
                    "200": json_schema(
                        {
                            "type": "object",
                            "properties": {
                                "older_than_minutes": {"type": "integer"},
                                "deliveries": {"type": "array", "items": delivery},
                            },
                        }
                    ),
                    **bad,
                },
                params=[older],
            )
        },
        "/api/support-hours": {
            "get": op(
                "Whether the support team is in hours now, when it is next in, and the on-call contact",
                {
                    "200": json_schema(
                        {
                            "type": "object",
                            "properties": {
                                "in_hours": {
                                    "type": "boolean",
                                    "nullable": True,
                                    "description": "null: setting invalid",
                                },
                                "next_open": {"type": "string", "format": "date-time", "nullable": True},
                                "back_at": {"type": "string", "nullable": True, "description": 'e.g. "9:00 on Monday"'},
                                "hours": {"type": "string", "nullable": True},
                                "zone": {"type": "string", "nullable": True},
                                "holidays": {"type": "array", "items": {"type": "string", "format": "date"}},
                                "oncall_contact": {"type": "string", "nullable": True},
                                "oncall_telegram": {"type": "boolean"},
                                "error": {"type": "string", "nullable": True},
                            },
                        }
                    )
                },
            )
        },
    }
