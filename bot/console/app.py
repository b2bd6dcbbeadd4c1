"""The console's aiohttp application: routes, middlewares, security headers, run command."""

from __future__ import annotations

import asyncio
import logging

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.console import api, csrf, metrics_views, review_views, sse, views
from bot.console.auth import SESSION_COOKIE, IpLimiter, Keys, SessionCodec
from bot.console.common import CFG, CODEC, LIMITER, RASA, STOP, WEB_JINJA, is_api, json_error, principal_of
from bot.console.relay import RasaClient
from bot.console.request_auth import authenticate_request  # also checked again by sse.py
from bot.console.settings import ConsoleSettings, load_console_settings

logger = logging.getLogger(__name__)

PUBLIC_EXACT = {"/login", "/chat", "/widget.js", "/widget.css", "/favicon.ico"}
PUBLIC_PREFIXES = ("/static/", "/vendor/")
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

CONSOLE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


def is_public(path: str) -> bool:
    return path in PUBLIC_EXACT or path.startswith(PUBLIC_PREFIXES)


# --- middlewares -------------------------------------------------------------------------


@web.middleware
async def error_middleware(request: web.Request, handler) -> web.StreamResponse:
    """JSON errors under /api (never an HTML 500); plain pages elsewhere."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        if is_api(request):
            if exc.content_type == "application/json" and exc.text:
                raise
            response = json_error(exc.status, exc.reason or "error")
            if "Allow" in exc.headers:  # RFC 9110: a 405 lists the methods the resource has
                response.headers["Allow"] = exc.headers["Allow"]
            return response
        if exc.status == 404 and exc.content_type != "text/html":
            return views.error_page(request, 404, "Not found", "There is no page at this address.")
        raise
    except (asyncio.CancelledError, ConnectionResetError):
        raise
    except Exception:  # noqa: BLE001 - log, answer 500 without details
        logger.exception("unhandled error on %s %s", request.method, request.path)
        if is_api(request):
            return json_error(500, "internal error")
        return views.error_page(request, 500, "Something went wrong", "The error was logged. Please try again.")


@web.middleware
async def auth_middleware(request: web.Request, handler) -> web.StreamResponse:
    if is_public(request.path):
        if request.path == "/login":  # show "already signed in" state if any
            data = request.app[CODEC].decode(request.cookies.get(SESSION_COOKIE))
            request["session_data"] = data
        return await handler(request)
    principal = await authenticate_request(request)
    if principal is None:
        if is_api(request):
            return json_error(
                401, "authentication required", hint="sign in, or send Authorization: Bearer <CONSOLE_API_TOKEN>"
            )
        target = request.path_qs if request.method == "GET" else "/"
        raise web.HTTPFound(views.login_url(target))
    request["principal"] = principal
    return await handler(request)


def _same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin is None  # "null" (sandboxed/opaque) is never ours
    expected = f"{request.scheme}://{request.host}"
    return origin == expected


@web.middleware
async def csrf_middleware(request: web.Request, handler) -> web.StreamResponse:
    """Session-authenticated writes need the session's CSRF token (header or form field)."""
    principal = principal_of(request)
    if request.method in UNSAFE_METHODS and principal is not None and principal.kind == "staff":
        ok = _same_origin(request)
        if ok:
            given = request.headers.get(csrf.HEADER)
            if given is None and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                value = form.get(csrf.FIELD)
                given = value if isinstance(value, str) else None
            ok = csrf.matches(principal.csrf_token, given)
        if not ok:
            if is_api(request):
                return json_error(
                    403, "CSRF token missing or invalid", hint=f"send the page's csrf token in the {csrf.HEADER} header"
                )
            return views.error_page(
                request,
                403,
                "Request refused",
                "The form had expired or did not come from this console. Go back, reload the page and try again.",
            )
    return await handler(request)


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    # same-origin, not no-referrer: with no-referrer Chrome sends "Origin: null" on form posts
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.path == "/chat":
        cfg = request.app[CFG]
        csp = CONSOLE_CSP.replace("connect-src 'self'", f"connect-src 'self' {cfg.widget_connect_sources}")
    else:
        csp = CONSOLE_CSP
    headers.setdefault("Content-Security-Policy", csp)
    if request.app[CFG].secure_cookies:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not is_public(request.path):
        headers.setdefault("Cache-Control", "no-store")


# --- app -----------------------------------------------------------------------------------


def _static_handler(path_attr: str, filename: str, content_type: str):
    async def handler(request: web.Request) -> web.FileResponse:
        base = getattr(request.app[CFG], path_attr)
        return web.FileResponse(
            base / filename,
            headers={
                "Content-Type": content_type,
                "Cache-Control": "no-cache",
            },
        )

    return handler


async def _no_content(request: web.Request) -> web.Response:
    return web.Response(status=204)


async def _on_shutdown(app: web.Application) -> None:
    app[STOP].set()


def create_app(cfg: ConsoleSettings) -> web.Application:
    app = web.Application(
        middlewares=[error_middleware, auth_middleware, csrf_middleware],
        client_max_size=cfg.max_body_bytes,
    )
    app[CFG] = cfg
    app[CODEC] = SessionCodec(Keys(cfg.secret), cfg.session_hours * 3600)
    app[LIMITER] = IpLimiter(cfg.ip_attempts, cfg.ip_window_seconds)
    app[RASA] = RasaClient(cfg.rasa_url, cfg.rasa_token)
    app[STOP] = asyncio.Event()
    here = views.PACKAGE_DIR
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(str(here / "templates")),
        autoescape=True,
        context_processors=[views.context_processor],
    )
    app[WEB_JINJA] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(cfg.web_dir)),
        autoescape=True,
    )
    app.on_response_prepare.append(security_headers)
    app.on_shutdown.append(_on_shutdown)

    r = app.router
    # public: sign-in, the caregiver widget and static assets
    r.add_get("/login", views.login_page)
    r.add_post("/login", views.login_submit)
    r.add_get("/chat", views.chat_page)
    r.add_get("/widget.js", _static_handler("web_dir", "widget.js", "text/javascript; charset=utf-8"))
    r.add_get("/widget.css", _static_handler("web_dir", "widget.css", "text/css; charset=utf-8"))
    r.add_get("/favicon.ico", _no_content)
    r.add_static("/vendor/", cfg.web_dir / "vendor", show_index=False, follow_symlinks=False)
    r.add_static("/static/", here / "static", show_index=False, follow_symlinks=False)
    # staff pages
    r.add_get("/", views.home)
    r.add_post("/logout", views.logout)
    r.add_get("/escalations", views.queue_page)
    r.add_get(r"/escalations/{id:\d{1,9}}", views.detail_page)
    r.add_get(r"/escalations/{id:\d{1,9}}/mood.png", views.mood_png)
    r.add_post(r"/escalations/{id:\d{1,9}}/actions", views.detail_action)
    r.add_get("/audit", views.audit_page)
    metrics_views.add_routes(app)  # /metrics page, its CSV and JSON API (response times)
    review_views.add_routes(app)  # /content: clinician review of content and safety rules
    # JSON API
    api.add_routes(app)
    r.add_get("/api/events", sse.events)
    return app


def cli_main(args, settings) -> int:
    """``python -m bot console``: serve the console and the widget."""
    cfg = load_console_settings(settings)
    if args.host or args.port:
        import dataclasses

        cfg = dataclasses.replace(cfg, host=args.host or cfg.host, port=args.port or cfg.port)
    if cfg.secret.startswith("dev-only"):
        logger.warning("CONSOLE_SECRET is not set: using the development secret (not for production)")
    logger.info("staff console on http://%s:%d/ (caregiver widget: /chat)", cfg.host, cfg.port)
    web.run_app(create_app(cfg), host=cfg.host, port=cfg.port, print=None, shutdown_timeout=5)
    return 0
