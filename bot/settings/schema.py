"""Every environment variable the assistant reads, declared once (name, kind, default,
description, secret), grouped by the part of the system that uses it.

``Settings`` keeps the core fields flat (``settings.database_url``) and reaches each group
as an attribute (``settings.telegram.bot_token``). A group is read from the same
environment when first used; :func:`load_settings` reads them all up front, so a process
that calls it at start refuses a bad value before doing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple, Type, TypeVar

from bot.settings.registry import (
    EVERY_PROCESS,
    Bool,
    Choice,
    Custom,
    Float,
    Int,
    Kind,
    Names,
    PathKind,
    Reader,
    Switch,
    Text,
    Url,
    Var,
    Zone,
    markdown_table,
    setting,
    variables_of,
)

G = TypeVar("G")

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEV_HMAC_KEY = "dev-only-not-secret-change-me"
REGIONS = ("US", "UK", "CA", "AU", "EU")
ENCODER_FOLDER = Path("companion") / "encoders" / "all-MiniLM-L6-v2-0.1.0"
# Not ours: the XDG base directory the encoder folder lives under when no
# COMPANION_ENCODER_DIR is given (read here, not in bot/nlu).
XDG_CACHE_HOME = "XDG_CACHE_HOME"


def _var_dir(r: Reader) -> Path:
    return r.value("COMPANION_VAR_DIR")


def _port() -> Kind:
    return Int(1, 65535, what="port number")


# --- support hours: the syntax lives in bot.support_hours_format (imported when used:
# it imports this package's error type) ------------------------------------------------


def _hours_spec(text: str) -> str:
    from bot.support_hours_format import check_hours

    return check_hours(text)


def _holidays(text: str) -> FrozenSet[Any]:
    from bot.support_hours_format import parse_holidays

    return parse_holidays(text)


def _oncall_chat(text: str) -> str:
    from bot.support_hours_format import check_oncall_chat_id

    return check_oncall_chat_id(text)


def _oncall_contact(text: str) -> str:
    from bot.support_hours_format import check_oncall_contact

    return check_oncall_contact(text)


def _support_zone(r: Reader) -> str:
    from bot.support_hours_format import REGION_TIMEZONES

    explicit = r.value("COMPANION_DEFAULT_TIMEZONE")
    if explicit:
        return explicit
    return REGION_TIMEZONES.get(r.value("COMPANION_DEFAULT_REGION"), "UTC")


def _encoder_dir(r: Reader) -> Path:
    base = (r.env.get(XDG_CACHE_HOME) or "").strip() or str(Path.home() / ".cache")
    return Path(base) / ENCODER_FOLDER


# --------------------------------------------------------------------------- groups


@dataclass(frozen=True)
class RasaSettings:
    """The Rasa server, the action server and the supervisor that starts them (``make run``)."""

    url: str = setting(
        "RASA_URL",
        Url("http", "https"),
        "http://127.0.0.1:5005",
        "where the Telegram worker and the console reach Rasa",
    )
    auth_token: Optional[str] = setting(
        "RASA_AUTH_TOKEN",
        Text(),
        None,
        "token for Rasa's HTTP API",
        secret=True,
        default_doc="generated into `var/rasa_auth_token`",
    )
    host: str = setting("RASA_HOST", Text(), "127.0.0.1", "bind address of the Rasa server")
    port: int = setting("RASA_PORT", _port(), 5005, "port of the Rasa server")
    endpoints: str = setting(
        "RASA_ENDPOINTS",
        Text(what="file"),
        "endpoints.yml",
        "Rasa's endpoints file (`endpoints.production.yml`: PostgreSQL tracker, Redis lock store, RabbitMQ)",
    )
    credentials: str = setting(
        "RASA_CREDENTIALS", Text(what="file"), "credentials.yml", "Rasa's channel credentials file"
    )
    cors: str = setting(
        "RASA_CORS", Text(), "http://127.0.0.1:8080", "origins allowed to call Rasa from a browser (`--cors`)"
    )
    actions_port: int = setting("ACTIONS_PORT", _port(), 5055, "port of the action server")
    extra_processes: Tuple[str, ...] = setting(
        "COMPANION_EXTRA_PROCESSES",
        Names("telegram", "notifier", "console"),
        (),
        "processes `make run` starts besides those it starts on its own (`telegram` and `notifier` run when `TELEGRAM_BOT_TOKEN` is set)",
    )
    speedups: bool = setting(
        "COMPANION_RASA_SPEEDUPS",
        Switch("1 (speed-ups on, the default) or 0 (stock Rasa)"),
        True,
        "`0` runs stock Rasa instead of our speed-ups of Rasa internals (`python -m bot.rasa_server`)",
    )


@dataclass(frozen=True)
class ConsoleEnv:
    """The staff console and the caregiver widget (``python -m bot console``); the view the
    console runs on is :class:`bot.console.settings.ConsoleSettings`."""

    host: str = setting("CONSOLE_HOST", Text(), "127.0.0.1", "bind address of the staff console")
    port: int = setting("CONSOLE_PORT", _port(), 8080, "port of the staff console")
    secret: Optional[str] = setting(
        "CONSOLE_SECRET",
        Text(min_len=16),
        None,
        "signs the console's session cookies",
        secret=True,
        default_doc="a development secret",
        production=("console",),
    )
    api_token: Optional[str] = setting(
        "CONSOLE_API_TOKEN",
        Text(min_len=16),
        None,
        "bearer token for the console's JSON API (`Authorization: Bearer ...`)",
        secret=True,
        strip=True,
    )
    secure_cookies: bool = setting("CONSOLE_SECURE_COOKIES", Bool(), False, "`1` behind HTTPS: cookies only over HTTPS")
    widget_rasa_url: str = setting(
        "WIDGET_RASA_URL",
        Url("http", "https"),
        None,
        "where the caregiver widget (in the browser) reaches Rasa",
        derive=lambda r: r.value("RASA_URL"),
        default_doc="`RASA_URL`",
    )
    sse_max_seconds: int = setting(
        "CONSOLE_SSE_MAX_SECONDS", Int(1), 300, "a live-update stream ends after this long and the browser reconnects"
    )


@dataclass(frozen=True)
class TelegramSettings:
    """The Telegram polling worker (``python -m bot telegram``), the webhook channel and the
    encrypted address book."""

    bot_token: Optional[str] = setting(
        "TELEGRAM_BOT_TOKEN",
        Text(),
        None,
        "the bot's token; when set, `make run` also starts the Telegram polling worker and the staff notifier",
        secret=True,
        strip=True,
    )
    api_base_url: str = setting(
        "TELEGRAM_API_BASE_URL",
        Url("http", "https"),
        "https://api.telegram.org/bot",
        "Bot API base (tests point it at a local fake Bot API server)",
    )
    staff_chat_id: Optional[int] = setting(
        "TELEGRAM_STAFF_CHAT_ID",
        Int(what="integer chat id"),
        None,
        "staff chat that receives escalation alerts with Acknowledge / Resolve buttons",
    )
    webhook_secret: Optional[str] = setting(
        "TELEGRAM_WEBHOOK_SECRET",
        Text(),
        None,
        "checked on the webhook (`X-Telegram-Bot-Api-Secret-Token`); wrong or missing: 403",
        secret=True,
    )
    poll_timeout: int = setting("TELEGRAM_POLL_TIMEOUT", Int(0), 30, "`getUpdates` long-poll seconds of the worker")
    rasa_wait_seconds: float = setting(
        "TELEGRAM_RASA_WAIT_SECONDS",
        Float(0, unit="number of seconds"),
        120.0,
        "the Telegram worker reads no messages until Rasa has loaded its model (`/status` with `RASA_AUTH_TOKEN`); after this long it reads them anyway: crisis answered, the rest held",
    )
    hold_retry_seconds: float = setting(
        "TELEGRAM_HOLD_RETRY_SECONDS",
        Float(0, lo_open=True, unit="number of seconds"),
        2.0,
        "while Rasa is unreachable, how often the worker looks again at the messages it holds",
    )
    media_dir: Optional[Path] = setting(
        "TELEGRAM_MEDIA_DIR", PathKind(), None, "a folder besides the project's from which images may be sent"
    )
    address_key: Optional[str] = setting(
        "COMPANION_ADDRESS_KEY",
        Text(),
        None,
        "encrypts the Telegram chat ids we keep to send reminders and staff replies (comma-separated keys rotate: the first encrypts, all decrypt)",
        secret=True,
        default_doc="derived from `COMPANION_HMAC_KEY` (development only)",
        production=("telegram", "notifier"),
    )


@dataclass(frozen=True)
class NotifierSettings:
    """The staff notifier (``python -m bot notifier``): outbox to Telegram."""

    backoff_base: float = setting(
        "NOTIFIER_BACKOFF_BASE",
        Float(0, lo_open=True, unit="number of seconds"),
        2.0,
        "first retry delay of a failed delivery (doubles each attempt)",
    )
    backoff_cap: float = setting(
        "NOTIFIER_BACKOFF_CAP", Float(0, lo_open=True, unit="number of seconds"), 600.0, "longest retry delay"
    )
    poll_interval: float = setting(
        "NOTIFIER_POLL_INTERVAL",
        Float(0, lo_open=True, unit="number of seconds"),
        0.5,
        "seconds between outbox passes (a crisis alert must reach staff within 2 s)",
    )


_MINUTES = Float(0, 7 * 24 * 60, lo_open=True, unit="number of minutes", note=" (a week)")


@dataclass(frozen=True)
class RealertSettings:
    """Re-alerts of escalations nobody has acknowledged (the scheduler; the console's "overdue")."""

    critical_minutes: float = setting(
        "ESCALATION_REALERT_CRITICAL_MINUTES",
        _MINUTES,
        10.0,
        "a critical escalation not acknowledged after this is alerted again in the staff chat, once per interval (and to `ONCALL_TELEGRAM_CHAT_ID` outside support hours); the scheduler queues it, each re-alert is audited",
    )
    high_minutes: float = setting(
        "ESCALATION_REALERT_HIGH_MINUTES", _MINUTES, 60.0, "the same for high-severity escalations"
    )


@dataclass(frozen=True)
class SupportHoursSettings:
    """When a person from the team is watching (:mod:`bot.support_hours`)."""

    zone: str = setting(
        "SUPPORT_HOURS_TZ",
        Zone(),
        None,
        "IANA time zone of the support hours (`Europe/London`); DST-safe",
        derive=_support_zone,
        default_doc="`COMPANION_DEFAULT_TIMEZONE`, else the region's zone",
    )
    hours: str = setting(
        "SUPPORT_HOURS",
        Custom("weekly hours", "weekly hours like 'Mon-Fri 09:00-17:00'", _hours_spec),
        "Mon-Fri 09:00-17:00",
        'when a person from the team is watching, `;`-separated: `Mon-Fri 09:00-17:00; Sat 10:00-14:00`; several ranges a day (`09:00-12:30 13:30-17:00`), overnight (`Fri 22:00-06:00`), `Daily`, `24/7`. Replies that promise a person say "a member of the team will see this soon" in hours and "the team is back at 9:00 on Monday; until then …" with the crisis lines outside them; the console shows which',
    )
    holidays: FrozenSet[Any] = setting(
        "SUPPORT_HOLIDAYS",
        Custom("ISO dates, comma-separated", "comma-separated ISO dates", _holidays),
        frozenset(),
        "comma-separated ISO dates closed all day (`2026-12-25,2026-12-28`)",
        default_doc="unset",
    )
    oncall_chat_id: Optional[str] = setting(
        "ONCALL_TELEGRAM_CHAT_ID",
        Custom("chat id or @name", "a numeric Telegram chat id or an @channel name", _oncall_chat),
        None,
        "Telegram chat (numeric id or `@name`) that gets re-alerts outside support hours",
    )
    oncall_contact: Optional[str] = setting(
        "ONCALL_CONTACT",
        Custom("text, at most 200 characters", "at most 200 characters", _oncall_contact),
        None,
        "on-call contact shown to staff in the console outside hours",
    )


@dataclass(frozen=True)
class WebChatSettings:
    """Socket.io widget and REST channels: rate limit and the replicas' shared rooms."""

    rate_per_minute: float = setting(
        "COMPANION_RATE_PER_MINUTE",
        Float(0),
        30.0,
        "messages a person may send per minute on a chat channel (`0` turns the limit off); a crisis is never dropped",
    )
    burst: int = setting("COMPANION_RATE_BURST", Int(1), 10, "messages allowed in a burst before the rate applies")
    notice_seconds: float = setting(
        "COMPANION_RATE_NOTICE_SECONDS",
        Float(0, unit="number of seconds"),
        60.0,
        'at most one "slow down" line per person in this time',
    )
    socketio_redis_url: Optional[str] = setting(
        "SOCKETIO_REDIS_URL",
        Url(),
        None,
        "several Rasa replicas: share socket.io rooms through Redis (python-socketio's message queue, `redis://host:6379/0`)",
    )
    socketio_redis_channel: str = setting(
        "SOCKETIO_REDIS_CHANNEL", Text(), "companion_socketio", "the Redis channel those replicas share"
    )


@dataclass(frozen=True)
class ContentSettings:
    """Knowledge answers, reminders and the sentence encoder."""

    serve_unreviewed: bool = setting(
        "COMPANION_SERVE_UNREVIEWED",
        Switch("1 (serve unreviewed answers in production) or 0"),
        False,
        "`1`: in production, also serve knowledge answers no clinician has signed off (see Clinical review in the README)",
    )
    missed_dose_threshold: int = setting(
        "COMPANION_MISSED_DOSE_THRESHOLD",
        Int(0),
        3,
        "missed doses in 7 days that open a low-severity escalation for staff (`0`: never)",
    )
    encoder_dir: Path = setting(
        "COMPANION_ENCODER_DIR",
        PathKind(),
        None,
        "where `make setup` puts the verified sentence-encoder weights and the NLU reads them",
        derive=_encoder_dir,
        default_doc="`~/.cache/companion/encoders/all-MiniLM-L6-v2-0.1.0` (`$XDG_CACHE_HOME` instead of `~/.cache` when set)",
    )


# --------------------------------------------------------------------------- the object


@dataclass(frozen=True)
class Settings:
    """Every setting: the core ones as fields, the rest by group (``settings.console``...)."""

    env: str = setting(
        "COMPANION_ENV",
        Choice("development", "production"),
        "development",
        "`production` makes missing secrets fatal and holds back unreviewed answers",
    )
    database_url: str = setting(
        "DATABASE_URL",
        Url(what="database URL"),
        None,
        "our database (PostgreSQL: `postgresql://user@host/db`)",
        derive=lambda r: f"sqlite:///{_var_dir(r) / 'companion.db'}",
        default_doc="`sqlite:///var/companion.db`",
    )
    hmac_key: bytes = setting(
        "COMPANION_HMAC_KEY",
        Custom("text", "text", lambda text: text.encode("utf-8")),
        DEV_HMAC_KEY.encode("utf-8"),
        "key for the pseudonymous user ids",
        secret=True,
        default_doc="a development key",
        production=(EVERY_PROCESS,),
    )
    var_dir: Path = setting(
        "COMPANION_VAR_DIR",
        PathKind(),
        PROJECT_ROOT / "var",
        "our working folder (database, spool, generated tokens)",
        default_doc="`var/` in the project",
    )
    spool_dir: Path = setting(
        "COMPANION_SPOOL_DIR",
        PathKind(),
        None,
        "escalations recorded while the database is down, replayed by the scheduler",
        derive=lambda r: _var_dir(r) / "spool",
        default_doc="`$COMPANION_VAR_DIR/spool`",
    )
    default_region: str = setting(
        "COMPANION_DEFAULT_REGION",
        Choice(*REGIONS, case=str.upper),
        "US",
        "crisis lines region (when the person has not said): US, UK, CA, AU, EU",
    )
    tracker_db_url: str = setting(
        "TRACKER_DB_URL",
        Url(what="database URL"),
        None,
        'where "delete my data" purges the Rasa tracker',
        derive=lambda r: f"sqlite:///{_var_dir(r) / 'rasa_tracker.db'}",
        default_doc="`sqlite:///var/rasa_tracker.db`",
    )
    escalation_dedup_minutes: int = setting(
        "ESCALATION_DEDUP_MINUTES",
        Int(0),
        30,
        "repeated alerts from one person within this window update one escalation (severity only rises; every reason is kept, crisis first)",
    )
    # IANA zone for reminders when the channel does not say (empty: guess from the region).
    default_timezone: str = setting(
        "COMPANION_DEFAULT_TIMEZONE",
        Zone(),
        "",
        "time zone for medication / appointment reminders when the channel does not say",
        default_doc="unset (guessed from the region)",
    )
    # The environment the groups below are read from when first used (None: the process
    # environment as it is then); load_settings reads them all at once.
    source: Optional[Mapping[str, str]] = field(default=None, repr=False, compare=False)

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    def _group(self, cls: Type[G]) -> G:
        return read(cls, self.source)

    @cached_property
    def rasa(self) -> RasaSettings:
        return self._group(RasaSettings)

    @cached_property
    def console(self) -> ConsoleEnv:
        return self._group(ConsoleEnv)

    @cached_property
    def telegram(self) -> TelegramSettings:
        return self._group(TelegramSettings)

    @cached_property
    def notifier(self) -> NotifierSettings:
        return self._group(NotifierSettings)

    @cached_property
    def realert(self) -> RealertSettings:
        return self._group(RealertSettings)

    @cached_property
    def support_hours(self) -> SupportHoursSettings:
        return self._group(SupportHoursSettings)

    @cached_property
    def web_chat(self) -> WebChatSettings:
        return self._group(WebChatSettings)

    @cached_property
    def content(self) -> ContentSettings:
        return self._group(ContentSettings)


# The table's order: the core first, then each group.
GROUPS: List[Tuple[str, type]] = [
    ("Core and database", Settings),
    ("Rasa, action server and `make run`", RasaSettings),
    ("Staff console and widget", ConsoleEnv),
    ("Telegram", TelegramSettings),
    ("Staff notifier", NotifierSettings),
    ("Re-alerts", RealertSettings),
    ("Support hours", SupportHoursSettings),
    ("Web chat", WebChatSettings),
    ("Content, reminders and NLU", ContentSettings),
]
_GROUP_ATTRS = {
    RasaSettings: "rasa",
    ConsoleEnv: "console",
    TelegramSettings: "telegram",
    NotifierSettings: "notifier",
    RealertSettings: "realert",
    SupportHoursSettings: "support_hours",
    WebChatSettings: "web_chat",
    ContentSettings: "content",
}


def _registry() -> Dict[str, Var]:
    out: Dict[str, Var] = {}
    for _, cls in GROUPS:
        for _, var in variables_of(cls):
            if var.name in out:
                raise RuntimeError(f"{var.name} is declared twice")
            out[var.name] = var
    return out


VARIABLES: Dict[str, Var] = _registry()


def read(cls: Type[G], env: Optional[Mapping[str, str]] = None) -> G:
    """One group of settings from ``env`` (default: the process environment). Only that
    group's variables (and those its defaults depend on) are checked: ConfigError lists
    each bad one. For the code that reads a setting while running; start-up calls
    :func:`load_settings`."""
    reader = Reader(VARIABLES, env)
    group = reader.build(cls)
    reader.raise_problems()
    return group


def value(name: str, env: Optional[Mapping[str, str]] = None) -> Any:
    """The typed value of one declared variable (ConfigError naming it when bad)."""
    reader = Reader(VARIABLES, env)
    result = reader.value(name)
    reader.raise_problems()
    return result


def _required(processes: Iterable[str]) -> List[str]:
    """The secrets required in production for ``processes`` (and for every process)."""
    wanted = {EVERY_PROCESS, *processes}
    return [name for name, var in VARIABLES.items() if wanted & set(var.production)]


_REQUIRED_EVERYWHERE = _required(())


def core_settings(env: Optional[Mapping[str, str]] = None) -> Settings:
    """The core settings only (database, key, folders, region...), for code that runs
    while serving: a bad value of an unrelated group does not stop it. A group is read
    from the same environment (the process's: as it is then) when first used.
    COMPANION_HMAC_KEY is required in production."""
    reader = Reader(VARIABLES, env)
    settings = reader.build(Settings, source=env)
    reader.require_in_production(_REQUIRED_EVERYWHERE)
    reader.raise_problems()
    return settings


def load_settings(env: Optional[Mapping[str, str]] = None, *, processes: Iterable[str] = ()) -> Settings:
    """Every setting, checked at once: ConfigError lists every bad variable with what it
    must be. ``processes`` names the processes about to start (``console``, ``telegram``,
    ...): the secrets they need are required in production as well. Re-reads the
    environment on every call."""
    reader = Reader(VARIABLES, env)
    settings = reader.build(Settings, source=env)
    groups: Dict[type, Any] = {cls: reader.build(cls) for cls in _GROUP_ATTRS}
    reader.require_in_production(_required(processes))
    reader.raise_problems()
    for cls, group in groups.items():
        settings.__dict__[_GROUP_ATTRS[cls]] = group  # what the cached properties would read
    return settings


def settings_table() -> str:
    """The Markdown table of every variable."""
    return markdown_table(GROUPS)


DOCUMENT_HEAD = """\
# Settings (environment variables)

Generated from the declarations in `bot/settings/schema.py`: do not edit by hand, run
`.venv/bin/python -m bot settings-table > docs/settings.md` (`tests/test_settings.py` fails
when this file is stale).

Every process checks all of them when it starts (`python -m bot ...`, the supervisor of
`make run`, `python -m bot.rasa_server`, the action server) and refuses to start with one
message naming each bad variable and what it must be. With `COMPANION_ENV=production`, a
secret "required in production" must be set for the processes named. An empty value
counts as unset. A boolean takes `1`/`0`, `true`/`false` or `yes`/`no`; a switch only `1`
or `0` (where a typo must not count as either).

"""

DOCUMENT_TAIL = """
Read directly, not through these settings: the variables Rasa itself substitutes into
`endpoints.production.yml` (`TRACKER_DB_*`, `REDIS_*`, `RABBITMQ_*`, `ACTION_SERVER_URL`),
`XDG_CACHE_HOME` (the default of `COMPANION_ENCODER_DIR`), the password variable of
`python -m bot staff create` (`--password-env`, default `STAFF_PASSWORD`), and the
environment the supervisor hands to the processes it starts.
"""


def settings_document() -> str:
    """docs/settings.md: a short introduction and the table of every variable."""
    return DOCUMENT_HEAD + settings_table() + DOCUMENT_TAIL
