"""JSON API under /api/ (staff session + X-CSRF-Token for writes, or the bearer token).

Input is validated strictly: a body that is not a JSON object, an unknown field or a
wrong type is a 400 with ``{"error": ...}``; bodies over the size limit are a 413.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Dict, Optional, TypeVar

from aiohttp import web

from bot.console import metrics, metrics_views, queries, relay, review_views
from bot.console.common import RASA, json_error, principal_of, run_db
from bot.console.json_body import ApiError, json_body
from bot.db.models import STATUSES
from bot.db.types import utcnow
from bot.escalation.service import EscalationNotFound, transition

logger = logging.getLogger(__name__)
NOTE_MAX = 1000
ID_PATTERN = r"{id:\d{1,9}}"
T = TypeVar("T")


def _handle(fn):
    """Map domain errors to JSON answers."""

    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            return await fn(request)
        except ApiError as exc:
            return json_error(exc.status, str(exc))
        except EscalationNotFound:
            return json_error(404, "escalation not found")
        except queries.StaffNotFound as exc:
            return json_error(404, str(exc))
        except relay.RelayError as exc:
            return json_error(exc.status, str(exc))
        except ValueError as exc:
            return json_error(409, str(exc))

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def _esc_id(request: web.Request) -> int:
    return int(request.match_info["id"])


async def _on_escalation(request: web.Request, fn: Callable[..., T]) -> T:
    """``fn(session, esc, principal, rasa)`` in a database worker (one transaction), ``esc``
    the escalation the URL names (404 when there is none)."""
    principal = principal_of(request)
    esc_id = _esc_id(request)
    rasa = request.app[RASA]

    def work(session):
        return fn(session, queries.get_escalation(session, esc_id), principal, rasa)

    return await run_db(request, work)


def _reloaded(session, esc_id: int) -> Dict[str, Any]:
    """The escalation as the API shows it, read again after this request's changes."""
    session.flush()
    session.expire_all()
    return queries.escalation_dict(queries.get_escalation(session, esc_id))


@_handle
async def list_escalations(request: web.Request) -> web.Response:
    status = request.query.get("status")
    if status is not None and status not in STATUSES:
        raise ApiError(400, f"status must be one of {', '.join(STATUSES)}")
    raw_limit = request.query.get("limit", "200")
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= 500:
        raise ApiError(400, "limit must be a whole number from 1 to 500")
    now = utcnow()
    realert = metrics.load_realert_minutes()
    rows = await run_db(
        request,
        lambda s: [
            {**queries.escalation_dict(e, now), "overdue": metrics.is_overdue(e, now, realert)}
            for e in queries.list_escalations(s, status, int(raw_limit))
        ],
    )
    return web.json_response({"escalations": rows})


@_handle
async def get_escalation(request: web.Request) -> web.Response:
    return web.json_response(await run_db(request, queries.detail, _esc_id(request)))


def _assignee(session, principal, value) -> Optional[int]:
    if value is None:
        return None
    if value == "me":
        if principal.staff_id is None:
            raise ApiError(403, '"me" needs a staff session; give a staff id or username')
        return principal.staff_id
    if isinstance(value, bool):
        raise ApiError(400, 'assignee must be "me", a staff id, a username or null')
    if isinstance(value, int):
        if not 1 <= value <= 2**31 - 1:
            raise ApiError(400, "no staff member with that id")
        return value
    if isinstance(value, str) and value.strip():
        staff_id = queries.staff_id_by_username(session, value)
        if staff_id is None:
            raise ApiError(404, "no staff member with that username")
        return staff_id
    raise ApiError(400, 'assignee must be "me", a staff id, a username or null')


@_handle
async def update_escalation(request: web.Request) -> web.Response:
    """PATCH/POST: {"status": "acknowledged"|"resolved", "assignee": ..., "note": "..."}."""
    body = await json_body(request, {"status", "assignee", "note"})
    if not body:
        raise ApiError(400, "nothing to change: give status, assignee or note")
    status = body.get("status")
    if status is not None and status not in STATUSES:
        raise ApiError(400, f"status must be one of {', '.join(STATUSES)}")
    note = body.get("note")
    if note is not None:
        if not isinstance(note, str):
            raise ApiError(400, "note must be a string")
        if len(note) > NOTE_MAX:
            raise ApiError(400, f"note must be at most {NOTE_MAX} characters")
        if status != "resolved":
            raise ApiError(400, 'a note goes with status "resolved"')

    def work(session, esc, principal, rasa):
        esc_id = esc.id
        if "assignee" in body:
            queries.assign(session, esc_id, _assignee(session, principal, body["assignee"]), principal.actor)
        if status is not None:
            if status == "resolved" and esc.user is not None and esc.user.handoff_active:
                relay.hand_back(session, rasa, esc, actor=principal.actor)
            assignee = esc.assignee_id
            if status == "acknowledged" and assignee is None:
                assignee = principal.staff_id
            transition(session, esc_id, status=status, actor=principal.actor, note=note or None, assignee_id=assignee)
        return _reloaded(session, esc_id)

    return web.json_response(await _on_escalation(request, work))


@_handle
async def get_transcript(request: web.Request) -> web.Response:
    def work(session, esc, principal, rasa):
        return relay.transcript(rasa, esc)

    return web.json_response(await _on_escalation(request, work))


@_handle
async def handoff(request: web.Request) -> web.Response:
    """{"action": "take" | "release"}."""
    body = await json_body(request, {"action"})
    action = body.get("action")
    if action not in ("take", "release"):
        raise ApiError(400, 'action must be "take" or "release"')

    def work(session, esc, principal, rasa):
        esc_id = esc.id
        if action == "take":
            delivery = relay.take_over(session, rasa, esc, actor=principal.actor, staff_id=principal.staff_id)
        else:
            delivery = relay.hand_back(session, rasa, esc, actor=principal.actor)
        escalation = _reloaded(session, esc_id)
        return {"handoff_active": action == "take", "delivery": _delivery(delivery), "escalation": escalation}

    return web.json_response(await _on_escalation(request, work))


def _delivery(delivery: relay.Delivery) -> str:
    if delivery.via_outbox:
        return "outbox"
    return delivery.output_channel or "transcript_only"


@_handle
async def send_message(request: web.Request) -> web.Response:
    """{"text": "..."} relayed to the person (the conversation must be taken over)."""
    body = await json_body(request, {"text"})
    text = body.get("text")
    if not isinstance(text, str):
        raise ApiError(400, "text must be a string")

    def work(session, esc, principal, rasa):
        return relay.send_staff_message(session, rasa, esc, text, actor=principal.actor)

    delivery = await _on_escalation(request, work)
    return web.json_response({"sent": True, "delivery": _delivery(delivery)}, status=201)


async def me(request: web.Request) -> web.Response:
    p = principal_of(request)
    return web.json_response({"kind": p.kind, "username": p.username, "role": p.role})


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(openapi_spec())


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/api/openapi.json", openapi)
    r.add_get("/api/me", me)
    r.add_get("/api/escalations", list_escalations)
    r.add_get(f"/api/escalations/{ID_PATTERN}", get_escalation)
    r.add_patch(f"/api/escalations/{ID_PATTERN}", update_escalation)
    r.add_post(f"/api/escalations/{ID_PATTERN}", update_escalation)
    r.add_get(f"/api/escalations/{ID_PATTERN}/transcript", get_transcript)
    r.add_post(f"/api/escalations/{ID_PATTERN}/handoff", handoff)
    r.add_post(f"/api/escalations/{ID_PATTERN}/messages", send_message)


# --- OpenAPI 3 description ---------------------------------------------------------------


def _ref(name: str) -> Dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: Dict[str, Any], description: str = "OK") -> Dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json(_ref("Error"), "Malformed request"),
    "401": _json(_ref("Error"), "Not signed in and no valid bearer token"),
    "403": _json(
        _ref("Error"), 'CSRF token missing or invalid (session writes); assignee "me" without a staff session'
    ),
}
# A JSON body with another Content-Type (or none) is refused before validation.
UNSUPPORTED_MEDIA = {"415": _json(_ref("Error"), "Body is not JSON (Content-Type: application/json)")}
NOT_FOUND = {"404": _json(_ref("Error"), "Not found")}
ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}


def openapi_spec() -> Dict[str, Any]:
    def op(summary, responses, body=None, params=None, write=False):
        item: Dict[str, Any] = {"summary": summary, "responses": {**responses, **ERRORS}}
        if params:
            item["parameters"] = params
        if body:
            item["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
            item["responses"].update(UNSUPPORTED_MEDIA)
        if write:
            item["description"] = (
                "With a staff session send the X-CSRF-Token header; bearer-token clients need no CSRF token."
            )
        return item

    def relay_op(summary, ok, conflict, field, schema):
        """A write through Rasa to the person's conversation: a body of one required ``field``."""
        return op(
            summary,
            {
                ok: _json({"type": "object"}),
                **NOT_FOUND,
                "409": _json(_ref("Error"), conflict),
                "502": _json(_ref("Error"), "Rasa server unreachable"),
            },
            body={"type": "object", "required": [field], "additionalProperties": False, "properties": {field: schema}},
            params=[ID_PARAM],
            write=True,
        )

    update_body = {
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            "status": {"type": "string", "enum": [*STATUSES, None], "nullable": True, "description": "null: unchanged"},
            "assignee": {
                "description": '"me" (staff sessions), a staff id, a username, or null to unassign',
                "oneOf": [
                    {"type": "string", "pattern": r"\S"},
                    {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                ],
                "nullable": True,
            },
            "note": {
                "type": "string",
                "nullable": True,
                "maxLength": NOTE_MAX,
                "description": "resolution note (only with status resolved); null: none",
            },
        },
        # a note only goes with status "resolved"
        "anyOf": [
            {"properties": {"note": {"type": "string", "nullable": True, "enum": [None]}}},
            {"required": ["status"], "properties": {"status": {"type": "string", "enum": ["resolved"]}}},
        ],
    }
    esc_ops = {
        "get": op(
            "One escalation with check-in history and mood summary",
            {"200": _json(_ref("EscalationDetail")), **NOT_FOUND},
            params=[ID_PARAM],
        ),
        "patch": op(
            "Acknowledge, assign or resolve (with a note)",
            {
                "200": _json(_ref("Escalation")),
                "404": _json(_ref("Error"), "Not found: the escalation, or the staff member to assign"),
                "409": _json(_ref("Error"), "Not possible in the current state"),
            },
            body=update_body,
            params=[ID_PARAM],
            write=True,
        ),
    }
    esc_ops["post"] = dict(esc_ops["patch"], summary="Same as PATCH (for clients without PATCH)")
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Companion staff console API",
            "version": "1.0.0",
            "description": "Escalations raised by the Companion assistant, their "
            "transcripts, and live handoff to a person.",
        },
        "servers": [{"url": "/"}],
        "security": [{"session": []}, {"bearer": []}],
        "paths": {
            "/api/escalations": {
                "get": op(
                    "Escalations, newest first",
                    {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {"escalations": {"type": "array", "items": _ref("Escalation")}},
                            }
                        )
                    },
                    params=[
                        {
                            "name": "status",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": list(STATUSES)},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 500},
                        },
                    ],
                )
            },
            "/api/escalations/{id}": esc_ops,
            "/api/escalations/{id}/transcript": {
                "get": op(
                    "The conversation from the Rasa tracker",
                    {
                        "200": _json(_ref("Transcript")),
                        **NOT_FOUND,
                        "502": _json(_ref("Error"), "Rasa server unreachable"),
                    },
                    params=[ID_PARAM],
                )
            },
            "/api/escalations/{id}/handoff": {
                "post": relay_op(
                    "Take over the conversation (the bot pauses) or hand it back",
                    "200",
                    "Not possible",
                    "action",
                    {"type": "string", "enum": ["take", "release"]},
                )
            },
            "/api/escalations/{id}/messages": {
                "post": relay_op(
                    "Send a message to the person (while taken over)",
                    "201",
                    "Not taken over",
                    "text",
                    {"type": "string", "minLength": 1, "maxLength": relay.MAX_STAFF_MESSAGE},
                )
            },
            "/api/events": {
                "get": {
                    "summary": "Server-sent events: one 'escalation' event per new or changed escalation",
                    "description": "The stream ends after CONSOLE_SSE_MAX_SECONDS (default 300); "
                    "reconnect with Last-Event-ID.",
                    "parameters": [
                        {
                            "name": "since",
                            "in": "query",
                            "required": False,
                            "description": "changes after this time; empty or absent: from now",
                            "schema": {
                                "oneOf": [{"type": "string", "format": "date-time"}, {"type": "string", "enum": [""]}]
                            },
                        }
                    ],
                    # OpenAPI 3.0: the schema of an event stream describes one event
                    "responses": {
                        "200": {
                            "description": "text/event-stream",
                            "content": {
                                "text/event-stream": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["event", "data"],
                                        "properties": {
                                            "event": {"type": "string", "enum": ["escalation", "session_ended"]},
                                            "data": {
                                                "type": "string",
                                                "description": "escalation: the Escalation, as JSON",
                                            },
                                            "id": {"type": "string", "description": "its updated_at"},
                                            "retry": {"type": "integer"},
                                        },
                                    }
                                }
                            },
                        },
                        **ERRORS,
                    },
                }
            },
            "/api/me": {"get": op("Who is calling", {"200": _json({"type": "object"})})},
            **metrics_views.openapi_paths(op, _json, _ref),
            **review_views.openapi_paths(op, _json, _ref),
            "/api/openapi.json": {"get": op("This description", {"200": _json({"type": "object"})})},
        },
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "companion_session"},
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "the CONSOLE_API_TOKEN environment variable",
                },
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}, "hint": {"type": "string"}},
                },
                "Escalation": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "status": {"type": "string", "enum": list(STATUSES)},
                        "severity": {"type": "string"},
                        "reason": {"type": "string", "description": "the most urgent of reasons"},
                        "reasons": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "every reason merged into this escalation, crisis first",
                        },
                        "channel": {"type": "string"},
                        "occurrences": {"type": "integer"},
                        "excerpt": {"type": "string", "nullable": True},
                        "basis": {
                            "type": "array",
                            "description": "why the assistant flagged the message (crisis / urgent symptom), one "
                            "entry per distinct basis merged into this escalation, in order of "
                            "arrival; empty when nothing flagged it (e.g. a request for a person)",
                            "items": {
                                "type": "object",
                                "required": ["id", "source", "rationale"],
                                "properties": {
                                    "id": {
                                        "type": "string",
                                        "description": 'a safety rule id (e.g. "crisis.method.lethal_dose"), '
                                        '"semantic.crisis", "semantic.urgent_symptom" or "model"',
                                    },
                                    "source": {"type": "string", "enum": ["rule", "semantic", "model", "unknown"]},
                                    "kind": {"type": "string", "nullable": True},
                                    "category": {"type": "string", "nullable": True},
                                    "rationale": {
                                        "type": "string",
                                        "description": "plain English, from the rule catalogue",
                                    },
                                    "review_item": {
                                        "type": "string",
                                        "nullable": True,
                                        "description": "the rule's /api/content item id",
                                    },
                                },
                            },
                        },
                        "assignee": {"type": "object", "nullable": True},
                        "created_at": {"type": "string", "format": "date-time"},
                        "updated_at": {"type": "string", "format": "date-time"},
                        "age_seconds": {"type": "integer"},
                        "resolution_note": {"type": "string", "nullable": True},
                        "overdue": {
                            "type": "boolean",
                            "description": "list only: open past its re-alert "
                            "time (ESCALATION_REALERT_CRITICAL_MINUTES / _HIGH_MINUTES)",
                        },
                        "person": {
                            "type": "object",
                            "properties": {
                                "role": {"type": "string", "nullable": True},
                                "region": {"type": "string", "nullable": True},
                                "channel": {"type": "string"},
                                "handoff_active": {"type": "boolean"},
                            },
                        },
                    },
                },
                "EscalationDetail": {
                    "allOf": [
                        _ref("Escalation"),
                        {
                            "type": "object",
                            "properties": {
                                "checkins": {"type": "array", "items": {"type": "object"}},
                                "mood": {"type": "object", "nullable": True},
                                "adherence": {
                                    "type": "object",
                                    "nullable": True,
                                    "description": "medication doses taken / skipped / missed / pending over the last "
                                    "7 and 28 days, overall and per reminder (null: no medication reminders)",
                                },
                            },
                        },
                    ]
                },
                "Transcript": {
                    "type": "object",
                    "properties": {
                        "available": {"type": "boolean"},
                        "handoff_active": {"type": "boolean", "description": "a staff member has taken over"},
                        "bot_paused": {"type": "boolean", "description": "Rasa's handoff_active slot"},
                        "truncated": {"type": "boolean"},
                        "messages": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "sender": {"type": "string", "enum": ["user", "bot", "staff"]},
                                    "text": {"type": "string"},
                                    "timestamp": {"type": "string", "format": "date-time", "nullable": True},
                                    "buttons": {"type": "array", "items": {"type": "string"}},
                                },
                            },
                        },
                    },
                },
            },
        },
    }
