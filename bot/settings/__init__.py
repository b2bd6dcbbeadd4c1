"""One typed settings object for the whole assistant, read from the environment.

Every variable is declared once in :mod:`bot.settings.schema` (name, type, default,
description, secret or not, validation); docs/settings.md is the table generated from
those declarations (``python -m bot settings-table``). No other module reads ``os.environ``
for a setting of ours.

- :func:`load_settings` at a process's start: reads every variable, and if any is wrong
  raises one :class:`ConfigError` listing each with what it must be
  ("ESCALATION_DEDUP_MINUTES must be an integer >= 0, got 'abc'"). Re-reads the
  environment on every call (tests monkeypatch it).
- :func:`core_settings` / :func:`read` / :func:`value` while serving: only the core, one
  group or one variable, so an unrelated bad value (only possible when a test sets one,
  since the process checked them all at start) does not stop that code.
"""

from bot.settings.registry import ConfigError
from bot.settings.schema import (
    DEV_HMAC_KEY,
    GROUPS,
    PROJECT_ROOT,
    REGIONS,
    VARIABLES,
    ConsoleEnv,
    ContentSettings,
    NotifierSettings,
    RasaSettings,
    RealertSettings,
    Settings,
    SupportHoursSettings,
    TelegramSettings,
    WebChatSettings,
    core_settings,
    load_settings,
    read,
    settings_document,
    settings_table,
    value,
)

__all__ = [
    "ConfigError",
    "DEV_HMAC_KEY",
    "GROUPS",
    "PROJECT_ROOT",
    "REGIONS",
    "VARIABLES",
    "ConsoleEnv",
    "ContentSettings",
    "NotifierSettings",
    "RasaSettings",
    "RealertSettings",
    "Settings",
    "SupportHoursSettings",
    "TelegramSettings",
    "WebChatSettings",
    "core_settings",
    "load_settings",
    "read",
    "settings_document",
    "settings_table",
    "value",
]
