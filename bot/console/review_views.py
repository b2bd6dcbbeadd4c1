"""Content review in the staff console: the list of knowledge entries, safety rules and safety
replies (domain.yml responses, bot/content/reply_review.yml) with their review status, one
item's texts exactly as people see them, and (clinicians only) sign-off or send back with a
note. HTML pages under /content, JSON under /api/content; both lists filter by status and kind.

Every signed-in role and the API token can read; only a staff session with the
``clinician`` role can decide (anyone else gets 403). Decisions are audited by
bot/content/review.py; forms carry the session's CSRF token like every console form.
"""

from __future__ import annotations

from typing import Any, Dict
from urllib.parse import urlencode

from aiohttp import web

from bot.console.common import json_error, principal_of, run_db
from bot.console.json_body import ApiError, json_body
from bot.console.views import error_page, render
from bot.content import review
from bot.content.review_items import ITEM_ID, KINDS, ReviewItem

ITEM = r"{item_id:(?:knowledge|rule|reply):[A-Za-z0-9_.:-]{1,140}}"
FILTERS = review.STATUSES
KIND_LABELS = {"knowledge": "Knowledge answers", "rule": "Safety rules", "reply": "Safety replies"}
NOTICES = {
    "reviewed": "Marked reviewed. This version of the text can now be served.",
    # safety replies are sent whatever their status (bot/content/gate.py never reads it)
    "reply_reviewed": "Marked reviewed. Safety replies are always sent; this records your check of this version.",
    "sent_back": "Sent back with your note. The entry stays unreviewed until its text is changed and signed off.",
}
ERRORS = {
    "stale": "The text changed while you were reading it. Read the new version below.",
    "note": "Say what needs to change: the note is empty, too long or has unusual characters.",
    "unknown": "Unknown action.",
}


def can_sign_off(principal) -> bool:
    return principal is not None and principal.kind == "staff" and principal.role == review.SIGN_OFF_ROLE


def _summary(s: review.ItemStatus) -> Dict[str, Any]:
    return {
        "item_id": s.item.item_id,
        "kind": s.item.kind,
        "category": s.item.category,
        "title": s.item.title,
        **s.record(),
    }


def _detail(s: review.ItemStatus) -> Dict[str, Any]:
    item: ReviewItem = s.item
    return {
        **_summary(s),
        "views": [{"key": v.key, "role": v.role, "label": v.label, "text": v.text} for v in item.views],
        "public_sources": [{"name": n, "url": u} for n, u in item.public_sources],
        "staff_notes": [{"field": f, "text": t} for f, t in item.staff_notes],
        "file_review": dict(item.file_review) if item.file_review else None,
    }


def _item_id(request: web.Request) -> str:
    return request.match_info["item_id"]


# --- HTML ------------------------------------------------------------------------------------


async def list_page(request: web.Request) -> web.Response:
    status = request.query.get("status")
    status = status if status in FILTERS else None
    kind = request.query.get("kind")
    kind = kind if kind in KINDS else None
    rows = await run_db(request, lambda s: [_summary(x) for x in review.list_items(s)])
    counts = {f: sum(1 for r in rows if r["status"] == f) for f in FILTERS}
    kind_counts = {k: sum(1 for r in rows if r["kind"] == k) for k in KINDS}
    shown = [r for r in rows if (status is None or r["status"] == status) and (kind is None or r["kind"] == kind)]
    return render(
        "content_list.html",
        request,
        {
            "rows": shown,
            "status": status,
            "filters": FILTERS,
            "kind": kind,
            "kinds": KINDS,
            "kind_labels": KIND_LABELS,
            "kind_counts": kind_counts,
            "counts": counts,
            "total": len(rows),
            "can_sign_off": can_sign_off(principal_of(request)),
        },
    )


async def item_page(request: web.Request) -> web.Response:
    item_id = _item_id(request)
    try:
        data = await run_db(request, lambda s: _detail(review.get_item(s, item_id)))
    except review.ItemNotFound:
        return error_page(request, 404, "Not found", "There is no content item with that id.")
    done = request.query.get("done", "")
    notice = NOTICES.get(done) if done in ("reviewed", "sent_back") else None
    if done == "reviewed" and data["kind"] == "reply":
        notice = NOTICES["reply_reviewed"]
    return render(
        "content_item.html",
        request,
        {
            "i": data,
            "can_sign_off": can_sign_off(principal_of(request)),
            "notice": notice,
            "error": ERRORS.get(request.query.get("error", "")),
        },
    )


async def sheet_download(request: web.Request) -> web.Response:
    """The printable review sheet (as ``python -m bot content review-sheet`` writes it), as a
    download: opened from disk it keeps its own print styles, which the console's CSP blocks."""
    from bot.content.review_sheet import generate

    html = await run_db(request, generate)
    return web.Response(
        text=html,
        content_type="text/html",
        headers={"Content-Disposition": 'attachment; filename="companion-review-sheet.html"'},
    )


def _back(item_id: str, **query: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(f"/content/{item_id}?{urlencode(query)}#review")


async def review_action(request: web.Request) -> web.Response:
    """The item page's form: action=sign_off|send_back, version, note."""
    principal = principal_of(request)
    item_id = _item_id(request)
    if not can_sign_off(principal):
        return error_page(
            request, 403, "Clinicians only", "Only a clinician can sign off content or send it back. You can read it."
        )
    form = await request.post()
    action, version, note = form.get("action"), form.get("version"), form.get("note")
    if action not in ("sign_off", "send_back"):
        raise _back(item_id, error="unknown")
    decide = review.sign_off if action == "sign_off" else review.send_back
    kwargs = {"note": note if isinstance(note, str) else None}

    def work(session):
        decide(
            session,
            item_id,
            text_hash=version if isinstance(version, str) else "",
            actor=principal.actor,
            role=principal.role,
            staff_id=principal.staff_id,
            **kwargs,
        )

    try:
        await run_db(request, work)
    except review.ItemNotFound:
        return error_page(request, 404, "Not found", "There is no content item with that id.")
    except review.StaleVersion:
        raise _back(item_id, error="stale")
    except review.ReviewError:
        raise _back(item_id, error="note")
    raise _back(item_id, done="reviewed" if action == "sign_off" else "sent_back")


# --- JSON ------------------------------------------------------------------------------------


async def api_list(request: web.Request) -> web.Response:
    status = request.query.get("status")
    if status is not None and status not in FILTERS:
        return json_error(400, f"status must be one of {', '.join(FILTERS)}")
    kind = request.query.get("kind")
    if kind is not None and kind not in KINDS:
        return json_error(400, f"kind must be one of {', '.join(KINDS)}")
    rows = await run_db(request, lambda s: [_summary(x) for x in review.list_items(s)])
    return web.json_response(
        {
            "items": [
                r for r in rows if (status is None or r["status"] == status) and (kind is None or r["kind"] == kind)
            ]
        }
    )


async def api_item(request: web.Request) -> web.Response:
    item_id = _item_id(request)
    try:
        return web.json_response(await run_db(request, lambda s: _detail(review.get_item(s, item_id))))
    except review.ItemNotFound:
        return json_error(404, "no content item with that id")


async def api_review(request: web.Request) -> web.Response:
    """{"decision": "reviewed"|"changes_requested", "version": "<text hash>", "note": "..."}."""
    try:
        body = await json_body(request, {"decision", "version", "note"})
    except ApiError as exc:
        return json_error(exc.status, str(exc))
    decision, version, note = body.get("decision"), body.get("version"), body.get("note")
    if decision not in (review.REVIEWED, review.CHANGES_REQUESTED):
        return json_error(400, 'decision must be "reviewed" or "changes_requested"')
    if not isinstance(version, str):
        return json_error(400, "version must be the item's text hash (a string)")
    if note is not None and not isinstance(note, str):
        return json_error(400, "note must be a string")
    principal = principal_of(request)
    if not can_sign_off(principal):
        return json_error(403, "only a clinician's staff session can sign off or send back content")
    item_id = _item_id(request)
    decide = review.sign_off if decision == review.REVIEWED else review.send_back

    def work(session):
        return _summary(
            decide(
                session,
                item_id,
                text_hash=version,
                actor=principal.actor,
                role=principal.role,
                staff_id=principal.staff_id,
                note=note,
            )
        )

    try:
        return web.json_response(await run_db(request, work))
    except review.ReviewError as exc:
        return json_error(exc.status, str(exc))


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/content", list_page)
    r.add_get("/content/review-sheet.html", sheet_download)
    r.add_get(f"/content/{ITEM}", item_page)
    r.add_post(f"/content/{ITEM}/review", review_action)
    r.add_get("/api/content", api_list)
    r.add_get(f"/api/content/{ITEM}", api_item)
    r.add_post(f"/api/content/{ITEM}/review", api_review)


def openapi_paths(op, json_schema, ref) -> Dict[str, Any]:
    """Path items for api.openapi_spec (``op``/``json_schema``/``ref`` are its helpers)."""
    item_param = {
        "name": "item_id",
        "in": "path",
        "required": True,
        "description": 'e.g. "knowledge:treatment.denosumab", "rule:<rule id>" or "reply:utter_crisis_lines"',
        "schema": {"type": "string", "pattern": ITEM_ID.pattern},
    }
    nullable_str = {"type": "string", "nullable": True}
    record = {
        "type": "object",
        "required": ["item_id", "status", "version"],
        "properties": {
            "item_id": {"type": "string"},
            "kind": {"type": "string", "enum": list(KINDS)},
            "category": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "string", "enum": list(review.STATUSES)},
            "reviewer": nullable_str,
            "date": {"type": "string", "format": "date-time", "nullable": True},
            "version": {
                "type": "string",
                "pattern": "^[0-9a-f]{64}$",
                "description": "SHA-256 of exactly the text people see",
            },
            "note": nullable_str,
            "previous": {"type": "object", "nullable": True},
        },
    }
    detail = {
        "allOf": [
            record,
            {
                "type": "object",
                "properties": {
                    "views": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "key": {"type": "string"},
                                "role": {"type": "string"},
                                "label": {"type": "string"},
                                "text": {"type": "string"},
                            },
                        },
                    },
                    "public_sources": {"type": "array", "items": {"type": "object"}},
                    "staff_notes": {"type": "array", "items": {"type": "object"}},
                    "file_review": {"type": "object", "nullable": True},
                },
            },
        ]
    }
    not_found = {"404": json_schema(ref("Error"), "No content item with that id")}
    review_op = op(
        "Sign off (reviewed) or send back (changes_requested, with a note) one version of an item",
        {
            "200": json_schema(record),
            **not_found,
            "409": json_schema(ref("Error"), "The text changed: the version is no longer current"),
        },
        body={
            "type": "object",
            "required": ["decision", "version"],
            "additionalProperties": False,
            "properties": {
                "decision": {"type": "string", "enum": [review.REVIEWED, review.CHANGES_REQUESTED]},
                "version": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "note": {
                    "type": "string",
                    "nullable": True,
                    "maxLength": review.NOTE_MAX,
                    "description": "required with changes_requested",
                },
            },
        },
        params=[item_param],
        write=True,
    )
    review_op["responses"]["403"] = json_schema(
        ref("Error"),
        "Not a clinician's staff session (the API token and other roles can only read), "
        "or the CSRF token is missing or invalid",
    )
    return {
        "/api/content": {
            "get": op(
                "Knowledge entries, safety rules and safety replies with their review status",
                {"200": json_schema({"type": "object", "properties": {"items": {"type": "array", "items": record}}})},
                params=[
                    {
                        "name": "status",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": list(review.STATUSES)},
                    },
                    {
                        "name": "kind",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": list(KINDS)},
                    },
                ],
            )
        },
        "/api/content/{item_id}": {
            "get": op(
                "One item: its texts exactly as people see them, sources, staff-only notes, review record",
                {"200": json_schema(detail), **not_found},
                params=[item_param],
            )
        },
        "/api/content/{item_id}/review": {"post": review_op},
    }
