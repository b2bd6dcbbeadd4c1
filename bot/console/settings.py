"""Console settings: the view the console runs on, built from the ``console`` and ``rasa``
groups of :mod:`bot.settings` (secrets never have a production default)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from bot.config import PROJECT_ROOT, ConfigError, Settings

DEV_CONSOLE_SECRET = "dev-only-console-secret-change-me"
REGIONS = ("US", "CA", "UK", "AU", "EU")


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
    """The console's view of ``settings`` (CONSOLE_* and RASA_*, checked by bot.settings:
    a bad value is a ConfigError naming it); refuse production without real secrets."""
    env, rasa = settings.console, settings.rasa
    secret = env.secret
    if not secret:
        if settings.is_production:
            raise ConfigError("CONSOLE_SECRET must be set in production mode")
        secret = DEV_CONSOLE_SECRET
    rasa_url = rasa.url.rstrip("/")
    region = settings.default_region if settings.default_region in REGIONS else "US"
    return ConsoleSettings(
        host=env.host,
        port=env.port,
        secret=secret,
        secure_cookies=env.secure_cookies,
        api_token=env.api_token,
        rasa_url=rasa_url,
        rasa_token_env=rasa.auth_token or None,
        widget_rasa_url=env.widget_rasa_url.rstrip("/"),
        database_url=settings.database_url,
        var_dir=settings.var_dir,
        default_region=region,
        sse_max_seconds=float(env.sse_max_seconds),
    )
