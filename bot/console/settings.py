"""Console settings from the environment (secrets never have a production default)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from bot.config import PROJECT_ROOT, ConfigError, Settings

DEV_CONSOLE_SECRET = "dev-only-console-secret-change-me"
REGIONS = ("US", "CA", "UK", "AU", "EU")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number") from None


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class ConsoleSettings:
    host: str
    port: int
    secret: str
    secure_cookies: bool
    api_token: Optional[str]
    rasa_url: str
    rasa_token_env: Optional[str]
    widget_rasa_url: str
    database_url: str
    var_dir: Path
    default_region: str
    web_dir: Path = PROJECT_ROOT / "web"
    session_hours: int = 8
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    ip_attempts: int = 20
    ip_window_seconds: int = 900
    sse_poll_seconds: float = 1.5
    # An event stream ends after this long; the browser's EventSource reconnects on its
    # own (Last-Event-ID), and a bearer client's token is checked again on reconnecting.
    sse_max_seconds: float = 300.0
    max_body_bytes: int = 64 * 1024

    def rasa_token(self) -> str:
        """RASA_AUTH_TOKEN, else the token the supervisor generated into var/."""
        if self.rasa_token_env:
            return self.rasa_token_env
        for path in (self.var_dir / "rasa_auth_token", PROJECT_ROOT / "var" / "rasa_auth_token"):
            try:
                token = path.read_text().strip()
            except OSError:
                continue
            if token:
                return token
        return ""

    @property
    def widget_connect_sources(self) -> str:
        """CSP connect-src additions so the widget page can reach Rasa (http + ws)."""
        origin = origin_of(self.widget_rasa_url)
        ws = "wss" + origin[5:] if origin.startswith("https") else "ws" + origin[4:]
        return f"{origin} {ws}"


def load_console_settings(settings: Settings) -> ConsoleSettings:
    """Read CONSOLE_* and RASA_* variables; refuse production without real secrets."""
    secret = os.environ.get("CONSOLE_SECRET", "")
    if not secret:
        if settings.is_production:
            raise ConfigError("CONSOLE_SECRET must be set in production mode")
        secret = DEV_CONSOLE_SECRET
    elif len(secret) < 16:
        raise ConfigError("CONSOLE_SECRET must be at least 16 characters")
    api_token = os.environ.get("CONSOLE_API_TOKEN", "").strip() or None
    if api_token is not None and len(api_token) < 16:
        raise ConfigError("CONSOLE_API_TOKEN must be at least 16 characters")
    rasa_url = os.environ.get("RASA_URL", "http://127.0.0.1:5005").rstrip("/")
    region = settings.default_region if settings.default_region in REGIONS else "US"
    return ConsoleSettings(
        host=os.environ.get("CONSOLE_HOST", "127.0.0.1"),
        port=_int("CONSOLE_PORT", 8080),
        secret=secret,
        secure_cookies=os.environ.get("CONSOLE_SECURE_COOKIES", "") == "1",
        api_token=api_token,
        rasa_url=rasa_url,
        rasa_token_env=os.environ.get("RASA_AUTH_TOKEN") or None,
        widget_rasa_url=os.environ.get("WIDGET_RASA_URL", rasa_url).rstrip("/"),
        database_url=settings.database_url,
        var_dir=settings.var_dir,
        default_region=region,
        sse_max_seconds=float(_int("CONSOLE_SSE_MAX_SECONDS", 300)),
    )
