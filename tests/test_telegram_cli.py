"""The Telegram commands as real processes: ``python -m bot telegram | notifier | telegram-webhook``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.channels import address_book
from bot.db.session import session_scope
from bot.escalation.service import open_escalation
from tests.telegram_fixtures import *  # noqa: F401,F403 - fixtures

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_url(sqlite_db_url):
    """The database is incidental in this module: SQLite only (the notifier and address
    book tests run on both backends)."""
    return sqlite_db_url


def _env(fake_api, db_url, **extra):
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=fake_api.token,
        TELEGRAM_API_BASE_URL=fake_api.base_url,
        TELEGRAM_STAFF_CHAT_ID=str(STAFF_CHAT_ID),
        DATABASE_URL=db_url,
        COMPANION_ADDRESS_KEY=TEST_ADDRESS_KEY,
        COMPANION_ENV="development",
    )
    env.update(extra)
    return env


def _run(args, env, timeout=20):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_notifier_once(fake_api, db_url):
    with session_scope(db_url) as session:
        esc, _ = open_escalation(
            session,
            user_key=address_book.key_for("telegram", 42),
            channel="telegram",
            severity="critical",
            reason="urgent_symptom",
            excerpt="fever 39 on chemo",
            dedup_minutes=30,
        )
    done = _run(["notifier", "--once"], _env(fake_api, db_url))
    assert done.returncode == 0, done.stderr
    assert "sent 1" in done.stdout
    (alert,) = fake_api.messages(STAFF_CHAT_ID)
    assert f"Escalation #{esc.id}" in alert["text"] and "urgent symptom" in alert["text"]
    assert fake_api.token not in done.stderr, "the token (inside Bot API URLs) is not logged"


def test_notifier_without_token_is_a_clear_error(fake_api, db_url):
    done = _run(["notifier", "--once"], _env(fake_api, db_url, TELEGRAM_BOT_TOKEN=""))
    assert done.returncode == 2 and "TELEGRAM_BOT_TOKEN" in done.stdout


def test_polling_worker_process_relays_and_stops_on_sigterm(fake_api, stub_rasa, db_url, tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "telegram", "--poll-timeout", "1"],
        cwd=ROOT,
        env=_env(
            fake_api,
            db_url,
            RASA_URL=stub_rasa.url,
            RASA_AUTH_TOKEN="stub-token",
            COMPANION_VAR_DIR=str(tmp_path / "var"),
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        fake_api.wait_for(lambda: fake_api.calls("getUpdates") or proc.poll() is not None, timeout=10)
        assert proc.poll() is None, proc.communicate()[1]
        fake_api.user_text(8080, "hello from a process")
        fake_api.wait_for(lambda: fake_api.texts(8080), timeout=5)
        assert fake_api.texts(8080) == ["echo: hello from a process"]
        assert fake_api.calls("deleteWebhook"), "polling bootstrap removes any webhook"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, stderr = proc.communicate(timeout=8)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, stderr
    assert "8080" not in stderr and fake_api.token not in stderr


def test_webhook_command_sets_and_deletes(fake_api, db_url):
    env = _env(fake_api, db_url, TELEGRAM_WEBHOOK_SECRET="s3cret")
    url = "https://bot.example.org/webhooks/telegram_ptb/webhook"
    done = _run(["telegram-webhook", "--url", url], env)
    assert done.returncode == 0, done.stderr
    assert fake_api.webhook == {
        "url": url,
        "secret_token": "s3cret",
        "allowed_updates": ["message", "edited_message", "callback_query"],
    }
    assert _run(["telegram-webhook", "--delete"], env).returncode == 0
    assert fake_api.webhook == {"url": ""}
    assert _run(["telegram-webhook"], env).returncode == 2
