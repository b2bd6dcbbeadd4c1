"""HTML pages: sign-in, escalation queue, escalation detail (with live handoff), audit
log, and the caregiver widget page. Templates are Jinja2 with autoescape on, so
anything a person typed is shown as text. Forms post back with the CSRF token and
are answered with a redirect (post/redirect/get)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any, Dict, Optional
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web

from bot.console import csrf, metrics, queries, relay
from bot.console.auth import SESSION_COOKIE, authenticate
from bot.console.common import CFG, CODEC, LIMITER, RASA, WEB_JINJA, principal_of, run_db
from bot.console.hours import support_status
from bot.console.settings import REGIONS
from bot.db.types import utcnow
from bot.escalation.service import EscalationNotFound, transition

logger = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).resolve().parent
STATUS_FILTERS = ("open", "acknowledged", "resolved")
NOTICES = {
    "acknowledged": "Escalation acknowledged.",
    "assigned": "Assigned to you.",
    "resolved": "Escalation resolved.",
    "taken": "You have taken over the conversation. The bot is paused for this person.",
    "released": "Handed back to the bot.",
    "sent": "Message sent.",
}
ERRORS = {
    "conflict": "That change is not possible in the escalation's current state.",
    "rasa": "The assistant server could not be reached, so nothing was changed. Try again.",
    "empty": "Type a message first.",
    "too_long": "That message is too long.",
    "note_long": "The note is too long (1000 characters at most).",
    "unknown": "Unknown action.",
    "handoff": "Take over the conversation before sending messages.",
    "gone": "This person's conversation is not available (deleted or unknown).",
}


def login_url(next_path: str = "/") -> str:
    if not next_path.startswith("/") or next_path.startswith("//"):
        next_path = "/"
    return "/login?" + urlencode({"next": next_path})


def _safe_next(value: Any) -> str:
    if (
        not isinstance(value, str)
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or value.startswith("/login")
    ):
        return "/escalations"
    return value


async def context_processor(request: web.Request) -> Dict[str, Any]:
    principal = principal_of(request)
    # Staff pages say whether the team is in hours (what people are told when they ask for one).
    support = support_status() if principal is not None and principal.kind == "staff" else None
    return {"principal": principal, "path": request.path, "support": support}


def render(template: str, request: web.Request, context: Dict[str, Any], status: int = 200) -> web.Response:
    return aiohttp_jinja2.render_template(template, request, context, status=status)


def error_page(request: web.Request, status: int, title: str, message: str) -> web.Response:
    return render("error.html", request, {"title": title, "message": message}, status=status)


def _cookie_kwargs(request: web.Request) -> Dict[str, Any]:
    return {"httponly": True, "samesite": "Strict", "secure": request.app[CFG].secure_cookies, "path": "/"}


# --- sign in / out -------------------------------------------------------------------


async def login_page(
    request: web.Request, *, error: Optional[str] = None, status: int = 200, username: str = ""
) -> web.Response:
    token = csrf.new_login_token()
    next_path = _safe_next(request.query.get("next") if request.method == "GET" else (await request.post()).get("next"))
    response = render(
        "login.html",
        request,
        {
            "login_csrf": token,
            "error": error,
            "next": next_path,
            "username": username,
            "signed_in": bool(request.get("session_data")),
        },
        status=status,
    )
    response.set_cookie(csrf.LOGIN_COOKIE, token, max_age=3600, **_cookie_kwargs(request))
    return response


async def login_submit(request: web.Request) -> web.Response:
    app = request.app
    cfg = app[CFG]
    ip = request.remote or "unknown"
    form = await request.post()
    username = form.get("username")
    password = form.get("password")
    if not csrf.matches(request.cookies.get(csrf.LOGIN_COOKIE), form.get(csrf.FIELD)):
        return await login_page(request, error="The sign-in form expired. Please try again.", status=403)
    if (
        not isinstance(username, str)
        or not isinstance(password, str)
        or not username.strip()
        or not password
        or len(password) > 1024
    ):
        return await login_page(request, error="Enter your username and password.", status=400)
    wait = app[LIMITER].blocked(ip)
    if wait is not None:
        response = await login_page(
            request,
            status=429,
            username=username[:64],
            error="Too many failed sign-in attempts from this address. Try again later.",
        )
        response.headers["Retry-After"] = str(wait)
        return response
    result = await asyncio.to_thread(
        authenticate,
        cfg.database_url,
        username,
        password,
        ip=ip,
        max_failed=cfg.max_failed_logins,
        lockout_minutes=cfg.lockout_minutes,
    )
    if not result.ok:
        app[LIMITER].failed(ip)
        return await login_page(
            request,
            status=401,
            username=username[:64],
            error=(
                f"Sign-in failed. Check your username and password. After "
                f"{cfg.max_failed_logins} failed attempts an account is locked for "
                f"{cfg.lockout_minutes} minutes."
            ),
        )
    value, _nonce = app[CODEC].issue(result.staff)
    response = web.HTTPSeeOther(_safe_next(form.get("next")))
    response.set_cookie(SESSION_COOKIE, value, max_age=cfg.session_hours * 3600, **_cookie_kwargs(request))
    response.del_cookie(csrf.LOGIN_COOKIE, path="/")
    raise response


async def logout(request: web.Request) -> web.Response:
    principal = principal_of(request)
    if principal and principal.nonce:
        request.app[CODEC].revoke(principal.nonce)
    response = web.HTTPSeeOther("/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response


async def home(request: web.Request) -> web.Response:
    raise web.HTTPFound("/escalations")


# --- queue ---------------------------------------------------------------------------------


def _age(seconds: int) -> str:
    if seconds < 60:
        return "just now"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h {minutes % 60} min" if hours < 6 else f"{hours} h"
    return f"{hours // 24} days"


async def queue_page(request: web.Request) -> web.Response:
    status = request.query.get("status")
    if status not in STATUS_FILTERS:
        status = None
    now = utcnow()
    realert = metrics.load_realert_minutes()

    def load(session):
        rows = [
            {**queries.escalation_dict(e, now), "overdue": metrics.is_overdue(e, now, realert)}
            for e in queries.list_escalations(session, status)
        ]
        return rows, len(metrics.stuck_deliveries(session, 5, now=now))

    rows, stuck = await run_db(request, load)
    for row in rows:
        row["age"] = _age(row["age_seconds"])
    return render(
        "queue.html",
        request,
        {
            "rows": rows,
            "status": status,
            "filters": STATUS_FILTERS,
            "since": now.isoformat(),
            "realert": realert.as_dict(),
            "stuck": stuck,
        },
    )


# --- detail ----------------------------------------------------------------------------


def _escalation_id(request: web.Request) -> int:
    return int(request.match_info["id"])


async def detail_page(request: web.Request) -> web.Response:
    esc_id = _escalation_id(request)
    rasa = request.app[RASA]

    def load(session):
        data = queries.detail(session, esc_id)
        esc = queries.get_escalation(session, esc_id)
        try:
            data["transcript"] = relay.transcript(rasa, esc)
        except relay.RelayError as exc:
            data["transcript"] = {"available": False, "error": str(exc), "messages": []}
        return data

    try:
        data = await run_db(request, load)
    except EscalationNotFound:
        return error_page(request, 404, "Not found", f"There is no escalation #{esc_id}.")
    data["age"] = _age(data["age_seconds"])
    notice = NOTICES.get(request.query.get("done", ""))
    error = ERRORS.get(request.query.get("error", ""))
    return render("detail.html", request, {"e": data, "notice": notice, "error": error})


async def mood_png(request: web.Request) -> web.Response:
    esc_id = _escalation_id(request)
    try:
        png = await run_db(request, queries.mood_chart, esc_id)
    except EscalationNotFound:
        raise web.HTTPNotFound()
    return web.Response(body=png, content_type="image/png")


def _back(esc_id: int, **query: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(f"/escalations/{esc_id}?{urlencode(query)}#actions")


async def detail_action(request: web.Request) -> web.Response:
    """One form post from the detail page: acknowledge, assign, resolve, take, release, message."""
    esc_id = _escalation_id(request)
    principal = principal_of(request)
    form = await request.post()
    action = form.get("action")
    rasa = request.app[RASA]
    actor = principal.actor

    def act(session):
        esc = queries.get_escalation(session, esc_id)
        if action == "acknowledge":
            transition(
                session, esc_id, status="acknowledged", actor=actor, assignee_id=esc.assignee_id or principal.staff_id
            )
            return "acknowledged"
        if action == "assign":
            queries.assign(session, esc_id, principal.staff_id, actor)
            return "assigned"
        if action == "resolve":
            note = form.get("note")
            note = note.strip() if isinstance(note, str) else ""
            if len(note) > 1000:
                raise relay.RelayError("note_long", 400)
            if esc.user is not None and esc.user.handoff_active:
                relay.hand_back(session, rasa, esc, actor=actor)
            transition(session, esc_id, status="resolved", actor=actor, note=note or None)
            return "resolved"
        if action == "take":
            relay.take_over(session, rasa, esc, actor=actor, staff_id=principal.staff_id)
            return "taken"
        if action == "release":
            relay.hand_back(session, rasa, esc, actor=actor)
            return "released"
        if action == "message":
            relay.send_staff_message(session, rasa, esc, form.get("text"), actor=actor)
            return "sent"
        raise relay.RelayError("unknown", 400)

    try:
        done = await run_db(request, act)
    except EscalationNotFound:
        return error_page(request, 404, "Not found", f"There is no escalation #{esc_id}.")
    except relay.RasaUnavailable as exc:
        logger.warning("handoff action %s failed: %s", action, exc)
        raise _back(esc_id, error="rasa")
    except relay.RelayError as exc:
        message = str(exc)
        code = (
            message
            if message in ERRORS
            else (
                "empty"
                if "empty" in message
                else "too_long"
                if "longer" in message
                else "handoff"
                if "take over" in message
                else "gone"
                if "not available" in message
                else "conflict"
            )
        )
        raise _back(esc_id, error=code)
    except ValueError:
        raise _back(esc_id, error="conflict")
    raise _back(esc_id, done=done)


# --- audit (admins) --------------------------------------------------------------------


async def audit_page(request: web.Request) -> web.Response:
    principal = principal_of(request)
    if not principal.is_admin:
        return error_page(request, 403, "Admins only", "The audit log is visible to admins.")
    rows = await run_db(request, queries.recent_audit)
    return render("audit.html", request, {"rows": rows})


# --- caregiver widget page -------------------------------------------------------------


async def chat_page(request: web.Request) -> web.Response:
    cfg = request.app[CFG]
    role = request.query.get("role", "caregiver")
    role = role if role in ("caregiver", "patient") else "caregiver"
    region = request.query.get("region", cfg.default_region).upper()
    region = region if region in REGIONS else cfg.default_region
    html = (
        request.app[WEB_JINJA]
        .get_template("chat.html")
        .render(
            rasa_url=cfg.widget_rasa_url,
            role=role,
            region=region,
        )
    )
    return web.Response(text=html, content_type="text/html")
