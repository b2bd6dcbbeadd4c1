"""Run the assistant's processes together in the foreground (the README's run command).

Starts the Rasa server, the action server and the background workers, prefixes each
line of their output with the process name, and stops all of them on Ctrl-C or when
one of them dies. Which workers run depends on the settings (e.g. the Telegram
polling worker only with TELEGRAM_BOT_TOKEN set). The settings are checked before anything
starts: a bad value stops it with one message naming every bad variable.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from bot.config import ConfigError, Settings, core_settings, load_settings
from bot.settings import value as read_setting

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def rasa_token(settings: Optional[Settings] = None) -> str:
    """The Rasa HTTP API token: from RASA_AUTH_TOKEN, else one generated and kept in var/."""
    token = (settings or core_settings()).rasa.auth_token
    if token:
        return token
    path = ROOT / "var" / "rasa_auth_token"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def commands(model: str, settings: Optional[Settings] = None) -> Dict[str, List[str]]:
    """The processes to run, by name."""
    settings = settings or core_settings()
    rasa = settings.rasa
    procs = {
        # `rasa run` with our speed-ups of Rasa internals installed (bot/rasa_server.py)
        "rasa": [
            sys.executable,
            "-m",
            "bot.rasa_server",
            "--enable-api",
            "-i",
            rasa.host,
            "-p",
            str(rasa.port),
            "--auth-token",
            rasa_token(settings),
            "-m",
            model,
            "--endpoints",
            rasa.endpoints,
            "--credentials",
            rasa.credentials,
            "--cors",
            rasa.cors,
        ],
        "actions": [
            str(BIN / "rasa"),
            "run",
            "actions",
            "--actions",
            "actions",
            "-p",
            str(rasa.actions_port),
        ],
        "scheduler": [sys.executable, "-m", "bot", "scheduler"],
    }
    for name, argv in _optional_processes().items():
        if _wanted(name, rasa.extra_processes, settings.telegram.bot_token):
            procs[name] = argv
    return procs


def _optional_processes() -> Dict[str, List[str]]:
    return {
        "telegram": [sys.executable, "-m", "bot", "telegram"],
        "notifier": [sys.executable, "-m", "bot", "notifier"],
        "console": [sys.executable, "-m", "bot", "console"],
    }


def _wanted(name: str, extra: Sequence[str], telegram_token: Optional[str]) -> bool:
    """Whether the optional process ``name`` runs: listed in COMPANION_EXTRA_PROCESSES, or
    enabled by the settings (Telegram with TELEGRAM_BOT_TOKEN; the console when present)."""
    if name in extra:
        return True
    if name in ("telegram", "notifier"):
        return bool(telegram_token)
    if name == "console":
        return (ROOT / "bot" / "console" / "__init__.py").exists()
    return False


def _processes_to_check() -> List[str]:
    """The processes main() is about to start, for the start-up check of their production
    secrets (read leniently: a bad value of these two is reported by that check)."""

    def setting(name: str) -> Any:
        try:
            return read_setting(name)
        except ConfigError:
            return None

    extra, token = setting("COMPANION_EXTRA_PROCESSES") or (), setting("TELEGRAM_BOT_TOKEN")
    return ["rasa", "actions", "scheduler", *(n for n in _optional_processes() if _wanted(n, extra, token))]


def _pump(name: str, stream) -> None:
    width = 10
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        sys.stdout.write(f"{name:<{width}}| {line}\n")
        sys.stdout.flush()


def main(argv: List[str]) -> int:
    model = argv[0] if argv else str(ROOT / "models")
    try:  # every setting, and the secrets the processes about to start need in production
        procs = commands(model, load_settings(processes=_processes_to_check()))
    except ConfigError as exc:
        print(f"supervisor| error: configuration: {exc}", file=sys.stderr, flush=True)
        return 1
    # env: the children inherit the whole environment (plumbing, not a read of a setting)
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(ROOT))
    running: Dict[str, subprocess.Popen] = {}
    for name, cmd in procs.items():
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        running[name] = proc
        threading.Thread(target=_pump, args=(name, proc.stdout), daemon=True).start()
    print(f"supervisor| started: {', '.join(running)} (Ctrl-C stops all)", flush=True)

    stopping = threading.Event()
    # Ctrl-C and SIGTERM both stop everything (set explicitly: a shell that starts us in
    # the background would otherwise leave SIGINT ignored).
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    exit_code = 0
    try:
        while not stopping.is_set():
            for name, proc in running.items():
                if proc.poll() is not None:
                    print(f"supervisor| {name} exited with {proc.returncode}; stopping all", flush=True)
                    exit_code = proc.returncode or 1
                    stopping.set()
                    break
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    for proc in running.values():
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.time() + 15
    for proc in running.values():
        try:
            proc.wait(timeout=max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    print("supervisor| all stopped", flush=True)
    return exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
