"""One typed settings object (bot/settings): every variable declared once, checked at start
with every problem named, the table in docs/settings.md generated from it, and no other
module reading the environment for a setting of ours."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli, supervisor
from bot.settings import (
    DEV_HMAC_KEY,
    PROJECT_ROOT,
    VARIABLES,
    ConfigError,
    RealertSettings,
    SupportHoursSettings,
    core_settings,
    load_settings,
    read,
    settings_document,
    value,
)

ROOT = Path(__file__).resolve().parent.parent


def _problems(env, **kwargs):
    with pytest.raises(ConfigError) as info:
        load_settings(env, **kwargs)
    return info.value.problems, str(info.value)


# --- the generated table --------------------------------------------------------------


def test_docs_settings_md_is_the_generated_table():
    written = (ROOT / "docs" / "settings.md").read_text()
    assert written == settings_document(), (
        "docs/settings.md is stale: run `.venv/bin/python -m bot settings-table > docs/settings.md`"
    )


def test_every_variable_is_in_the_table_once_with_type_default_and_description():
    table = settings_document()
    for name, var in VARIABLES.items():
        rows = [line for line in table.splitlines() if line.startswith(f"| `{name}` |")]
        assert len(rows) == 1, name
        cells = [c.strip() for c in rows[0].strip("|").split(" | ")]
        assert len(cells) == 5 and all(cells[:4]), rows[0]
        assert cells[4] == ("yes" if var.secret else ""), name
    assert "README.md" not in table and "docs/settings.md" in (ROOT / "README.md").read_text()


def test_the_cli_prints_the_table_even_when_the_environment_is_bad(monkeypatch, capsys):
    monkeypatch.setenv("ESCALATION_DEDUP_MINUTES", "abc")
    assert cli.main(["settings-table"]) == 0
    assert capsys.readouterr().out == settings_document()


# --- defaults (the values the code had before the settings object) ---------------------


def test_defaults_without_any_variable():
    s = load_settings({})
    assert (s.env, s.is_production, s.default_region, s.escalation_dedup_minutes, s.default_timezone) == (
        "development",
        False,
        "US",
        30,
        "",
    )
    assert s.hmac_key == DEV_HMAC_KEY.encode()
    assert s.var_dir == PROJECT_ROOT / "var" and s.spool_dir == PROJECT_ROOT / "var" / "spool"
    assert s.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'companion.db'}"
    assert s.tracker_db_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'rasa_tracker.db'}"
    assert (s.rasa.url, s.rasa.auth_token, s.rasa.host, s.rasa.port, s.rasa.actions_port) == (
        "http://127.0.0.1:5005",
        None,
        "127.0.0.1",
        5005,
        5055,
    )
    assert (s.rasa.endpoints, s.rasa.credentials, s.rasa.cors, s.rasa.extra_processes, s.rasa.speedups) == (
        "endpoints.yml",
        "credentials.yml",
        "http://127.0.0.1:8080",
        (),
        True,
    )
    assert (
        s.console.host,
        s.console.port,
        s.console.secret,
        s.console.api_token,
        s.console.secure_cookies,
        s.console.widget_rasa_url,
        s.console.sse_max_seconds,
    ) == ("127.0.0.1", 8080, None, None, False, "http://127.0.0.1:5005", 300)
    t = s.telegram
    assert (
        t.bot_token,
        t.api_base_url,
        t.staff_chat_id,
        t.webhook_secret,
        t.poll_timeout,
        t.rasa_wait_seconds,
        t.hold_retry_seconds,
        t.media_dir,
        t.address_key,
    ) == (None, "https://api.telegram.org/bot", None, None, 30, 120.0, 2.0, None, None)
    assert (s.notifier.backoff_base, s.notifier.backoff_cap, s.notifier.poll_interval) == (2.0, 600.0, 0.5)
    assert (s.realert.critical_minutes, s.realert.high_minutes) == (10.0, 60.0)
    h = s.support_hours
    assert (h.zone, h.hours, h.holidays, h.oncall_chat_id, h.oncall_contact) == (
        "America/New_York",
        "Mon-Fri 09:00-17:00",
        frozenset(),
        None,
        None,
    )
    w = s.web_chat
    assert (w.rate_per_minute, w.burst, w.notice_seconds, w.socketio_redis_url, w.socketio_redis_channel) == (
        30.0,
        10,
        60.0,
        None,
        "companion_socketio",
    )
    assert (s.content.serve_unreviewed, s.content.missed_dose_threshold) == (False, 3)


def test_derived_defaults_follow_the_variables_they_come_from(tmp_path):
    s = load_settings(
        {
            "COMPANION_VAR_DIR": str(tmp_path),
            "RASA_URL": "http://rasa:5005",
            "COMPANION_DEFAULT_REGION": "uk",
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        }
    )
    assert s.database_url == f"sqlite:///{tmp_path / 'companion.db'}" and s.spool_dir == tmp_path / "spool"
    assert s.console.widget_rasa_url == "http://rasa:5005"
    assert (s.default_region, s.support_hours.zone) == ("UK", "Europe/London")
    assert s.content.encoder_dir == tmp_path / "cache" / "companion" / "encoders" / "all-MiniLM-L6-v2-0.1.0"
    assert load_settings({"COMPANION_DEFAULT_TIMEZONE": "Asia/Tokyo"}).support_hours.zone == "Asia/Tokyo"


def test_values_are_typed_and_empty_means_unset():
    s = load_settings(
        {
            "ESCALATION_DEDUP_MINUTES": " 45 ",
            "CONSOLE_PORT": "9090",
            "TELEGRAM_STAFF_CHAT_ID": "-100123",
            "NOTIFIER_POLL_INTERVAL": "0.25",
            "COMPANION_ENV": " Production ",
            "COMPANION_HMAC_KEY": "k",
            "COMPANION_EXTRA_PROCESSES": "console, telegram",
            "DATABASE_URL": "",
            "SUPPORT_HOLIDAYS": "2026-12-25",
        }
    )
    assert (s.escalation_dedup_minutes, s.console.port, s.telegram.staff_chat_id, s.notifier.poll_interval) == (
        45,
        9090,
        -100123,
        0.25,
    )
    assert s.is_production and s.rasa.extra_processes == ("console", "telegram")
    assert s.database_url.startswith("sqlite:///")
    assert len(s.support_hours.holidays) == 1


# --- one test per validation kind --------------------------------------------------------


def test_bad_integer():
    problems, _ = _problems({"ESCALATION_DEDUP_MINUTES": "abc"})
    assert problems == ["ESCALATION_DEDUP_MINUTES must be an integer >= 0, got 'abc'"]
    assert _problems({"ESCALATION_DEDUP_MINUTES": "2.5"})[0] == [
        "ESCALATION_DEDUP_MINUTES must be an integer >= 0, got '2.5'"
    ]


@pytest.mark.parametrize(
    "env, message",
    [
        ({"ESCALATION_DEDUP_MINUTES": "-1"}, "ESCALATION_DEDUP_MINUTES must be an integer >= 0, got '-1'"),
        ({"CONSOLE_PORT": "70000"}, "CONSOLE_PORT must be a port number from 1 to 65535, got '70000'"),
        (
            {"COMPANION_MISSED_DOSE_THRESHOLD": "-1"},
            "COMPANION_MISSED_DOSE_THRESHOLD must be an integer >= 0, got '-1'",
        ),
        ({"NOTIFIER_POLL_INTERVAL": "0"}, "NOTIFIER_POLL_INTERVAL must be a number of seconds > 0, got '0'"),
        (
            {"ESCALATION_REALERT_HIGH_MINUTES": "nan"},
            "ESCALATION_REALERT_HIGH_MINUTES must be a number of minutes > 0 and <= 10080 (a week), got 'nan'",
        ),
        ({"COMPANION_RATE_PER_MINUTE": "-3"}, "COMPANION_RATE_PER_MINUTE must be a number >= 0, got '-3'"),
    ],
)
def test_out_of_range(env, message):
    assert _problems(env)[0] == [message]


def test_bad_enum():
    assert _problems({"COMPANION_ENV": "staging"})[0] == [
        "COMPANION_ENV must be one of development, production, got 'staging'"
    ]
    assert _problems({"COMPANION_DEFAULT_REGION": "DE"})[0] == [
        "COMPANION_DEFAULT_REGION must be one of US, UK, CA, AU, EU, got 'DE'"
    ]
    assert _problems({"COMPANION_EXTRA_PROCESSES": "telegram,notifyer"})[0] == [
        "COMPANION_EXTRA_PROCESSES must be a comma-separated list of telegram, notifier, console, "
        "got 'telegram,notifyer'"
    ]


def test_bad_bool_and_the_values_a_bool_takes():
    assert _problems({"CONSOLE_SECURE_COOKIES": "maybe"})[0] == [
        "CONSOLE_SECURE_COOKIES must be one of 1, 0, true, false, yes, no, got 'maybe'"
    ]
    for raw, expected in (("1", True), ("TRUE", True), ("yes", True), ("0", False), ("false", False), ("No", False)):
        assert load_settings({"CONSOLE_SECURE_COOKIES": raw}).console.secure_cookies is expected, raw
    # a switch takes 1 or 0 only: "yes" must not count as opting in to unreviewed answers
    assert _problems({"COMPANION_SERVE_UNREVIEWED": "yes"})[0] == [
        "COMPANION_SERVE_UNREVIEWED must be 1 (serve unreviewed answers in production) or 0, got 'yes'"
    ]


def test_bad_url_zone_and_text():
    problems, _ = _problems(
        {
            "RASA_URL": "127.0.0.1:5005",
            "DATABASE_URL": "var/companion.db",
            "SUPPORT_HOURS_TZ": "Mars/Olympus",
            "ONCALL_CONTACT": "x" * 201,
            "SUPPORT_HOURS": "whenever",
        }
    )
    assert problems == [
        "DATABASE_URL must be a database URL, got 'var/companion.db'",
        "RASA_URL must be a URL (http://, https://), got '127.0.0.1:5005'",
        "SUPPORT_HOURS_TZ must be an IANA time zone such as Europe/London, got 'Mars/Olympus'",
        "SUPPORT_HOURS: 'whenever' should be days then times, e.g. 'Mon-Fri 09:00-17:00'",
        "ONCALL_CONTACT is longer than 200 characters",
    ]


def test_production_missing_secret_names_the_variable():
    problems, _ = _problems({"COMPANION_ENV": "production"})
    assert problems == ["COMPANION_HMAC_KEY must be set in production mode (COMPANION_ENV=production)"]
    with pytest.raises(ConfigError, match="COMPANION_HMAC_KEY must be set in production mode"):
        core_settings({"COMPANION_ENV": "production"})
    prod = {"COMPANION_ENV": "production", "COMPANION_HMAC_KEY": "a-real-key"}
    assert load_settings(prod).is_production  # the other processes need no console secret
    assert _problems(prod, processes=["console"])[0] == [
        "CONSOLE_SECRET must be set in production mode (COMPANION_ENV=production)"
    ]
    assert _problems(prod, processes=["telegram"])[0] == [
        "COMPANION_ADDRESS_KEY must be set in production mode (COMPANION_ENV=production)"
    ]
    assert load_settings(dict(prod, CONSOLE_SECRET="s" * 16), processes=["console"]).console.secret == "s" * 16
    # outside production the development defaults stand in
    assert load_settings({}, processes=["console", "telegram", "notifier"]).hmac_key == DEV_HMAC_KEY.encode()


def test_every_problem_is_listed_together_and_secrets_are_not_shown():
    problems, message = _problems(
        {
            "COMPANION_ENV": "production",
            "ESCALATION_DEDUP_MINUTES": "abc",
            "CONSOLE_PORT": "http",
            "CONSOLE_SECRET": "short-secret",
            "CONSOLE_SECURE_COOKIES": "on",
            "TELEGRAM_STAFF_CHAT_ID": "@staff",
            "ESCALATION_REALERT_CRITICAL_MINUTES": "soon",
            "COMPANION_RASA_SPEEDUPS": "yes",
        },
        processes=["console"],
    )
    assert len(problems) == 8
    assert message.startswith("8 settings are invalid:\n  - ")
    for name in (
        "COMPANION_HMAC_KEY",
        "ESCALATION_DEDUP_MINUTES",
        "CONSOLE_PORT",
        "CONSOLE_SECRET",
        "CONSOLE_SECURE_COOKIES",
        "TELEGRAM_STAFF_CHAT_ID",
        "ESCALATION_REALERT_CRITICAL_MINUTES",
        "COMPANION_RASA_SPEEDUPS",
    ):
        assert sum(p.startswith(name) for p in problems) == 1, name
    assert "CONSOLE_SECRET must be at least 16 characters, got a value of 12 characters" in problems
    assert "short-secret" not in message
    assert isinstance(ConfigError("x"), ValueError)  # callers that refused with ValueError still catch it


# --- reading while running -------------------------------------------------------------


def test_settings_are_re_read_from_a_monkeypatched_environment(monkeypatch):
    monkeypatch.setenv("ESCALATION_DEDUP_MINUTES", "12")
    monkeypatch.setenv("CONSOLE_SECURE_COOKIES", "1")
    assert load_settings().escalation_dedup_minutes == 12 and core_settings().console.secure_cookies
    monkeypatch.setenv("ESCALATION_DEDUP_MINUTES", "13")
    monkeypatch.delenv("CONSOLE_SECURE_COOKIES")
    assert load_settings().escalation_dedup_minutes == 13 and not load_settings().console.secure_cookies
    assert value("ESCALATION_DEDUP_MINUTES") == 13


def test_groups_are_read_at_start_or_when_first_used(monkeypatch):
    monkeypatch.setenv("TELEGRAM_POLL_TIMEOUT", "5")
    at_start, while_serving = load_settings(), core_settings()
    monkeypatch.setenv("TELEGRAM_POLL_TIMEOUT", "7")
    assert at_start.telegram.poll_timeout == 5  # load_settings read every group at once
    assert while_serving.telegram.poll_timeout == 7  # read when first used...
    monkeypatch.setenv("TELEGRAM_POLL_TIMEOUT", "9")
    assert while_serving.telegram.poll_timeout == 7  # ...once
    explicit = core_settings({"TELEGRAM_POLL_TIMEOUT": "3"})
    assert explicit.telegram.poll_timeout == 3  # from the mapping it was read from


def test_runtime_reads_check_only_what_they_read():
    broken = {"SUPPORT_HOURS": "whenever", "ESCALATION_REALERT_HIGH_MINUTES": "0"}
    assert core_settings(broken).escalation_dedup_minutes == 30  # the database keeps working
    with pytest.raises(ConfigError, match="SUPPORT_HOURS"):
        read(SupportHoursSettings, broken)
    with pytest.raises(ConfigError, match="ESCALATION_REALERT_HIGH_MINUTES"):
        read(RealertSettings, broken)
    with pytest.raises(ConfigError, match="ESCALATION_REALERT_HIGH_MINUTES"):
        core_settings(broken).realert  # noqa: B018 - the group is read when used


# --- validated where the processes start ---------------------------------------------------


def test_the_cli_refuses_to_start_naming_each_bad_variable(monkeypatch, capsys):
    monkeypatch.setenv("ESCALATION_DEDUP_MINUTES", "abc")
    monkeypatch.setenv("CONSOLE_PORT", "0")
    assert cli.main(["escalations", "list"]) == 1
    err = capsys.readouterr().err
    assert "error: configuration: 2 settings are invalid:" in err
    assert "ESCALATION_DEDUP_MINUTES must be an integer >= 0, got 'abc'" in err and "CONSOLE_PORT must be" in err


def test_the_cli_requires_the_commands_production_secrets(monkeypatch, capsys):
    from bot.console import app

    monkeypatch.setattr(app, "cli_main", lambda *a: pytest.fail("the console started"))
    monkeypatch.setenv("COMPANION_ENV", "production")
    monkeypatch.setenv("COMPANION_HMAC_KEY", "a-real-key")
    monkeypatch.delenv("CONSOLE_SECRET", raising=False)
    assert cli.main(["console"]) == 1
    assert "CONSOLE_SECRET must be set in production mode" in capsys.readouterr().err


def test_the_supervisor_starts_nothing_with_a_bad_setting(monkeypatch, capsys):
    def no_process(*args, **kwargs):
        raise AssertionError("a process was started")

    monkeypatch.setattr(supervisor.subprocess, "Popen", no_process)
    monkeypatch.setenv("RASA_PORT", "http")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("COMPANION_ENV", "production")
    monkeypatch.setenv("COMPANION_HMAC_KEY", "a-real-key")
    monkeypatch.delenv("COMPANION_ADDRESS_KEY", raising=False)
    monkeypatch.setenv("RASA_AUTH_TOKEN", "token")
    assert supervisor.main(["models/x.tar.gz"]) == 1
    err = capsys.readouterr().err
    assert "RASA_PORT must be a port number from 1 to 65535, got 'http'" in err
    # it would start the Telegram worker and notifier: their production secret is required too
    assert "COMPANION_ADDRESS_KEY must be set in production mode" in err


def test_the_rasa_server_refuses_to_start(monkeypatch):
    from bot import rasa_server

    monkeypatch.setattr(rasa_server, "_log_to_stderr", lambda: None)
    monkeypatch.setenv("SOCKETIO_REDIS_URL", "redis-host:6379")
    with pytest.raises(SystemExit, match="configuration: SOCKETIO_REDIS_URL must be a URL"):
        rasa_server.main(["--enable-api"])


def test_the_action_server_refuses_to_start():
    # `rasa run actions --actions actions` imports the package first
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "COMPANION_MISSED_DOSE_THRESHOLD": "many"}
    result = subprocess.run(
        [sys.executable, "-c", "import actions"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "ConfigError: COMPANION_MISSED_DOSE_THRESHOLD must be an integer >= 0, got 'many'" in result.stderr


# --- nobody else reads the environment for a setting of ours --------------------------------

# Direct reads left, each with an `# env:` comment at the site saying why.
ALLOWED_DIRECT = {
    "bot/supervisor.py": 1,  # the environment handed to the processes it starts
    "bot/cli.py": 1,  # `staff create --password-env NAME`: a one-off input, not a setting
    "bot/nlu/minilm_featurizer.py": 3,  # writes Hugging Face's variables (offline mode)
}
DIRECT = re.compile(
    r"\bos\.(environ|getenv|putenv|unsetenv)\b|\bfrom\s+os\s+import\b[^\n]*\b(environ|getenv)\b"
    r"|\bimport\s+posix\b|\bposix\.environ\b"
)


def test_only_the_settings_package_reads_the_environment():
    found = {}
    for package in ("bot", "actions"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("bot/settings/"):
                continue
            hits = [i for i, line in enumerate(path.read_text().splitlines()) if DIRECT.search(line)]
            if hits:
                found[rel] = len(hits)
                lines = path.read_text().splitlines()
                for i in hits:
                    context = "\n".join(lines[max(0, i - 3) : i + 1])
                    assert "# env:" in context, f"{rel}:{i + 1}: direct environment read without an `# env:` reason"
    assert found == ALLOWED_DIRECT, (
        "read settings through bot.settings (declare new variables in bot/settings/schema.py), not os.environ"
    )
