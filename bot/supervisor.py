"""Run the assistant's processes together in the foreground (the README's run command).

Starts the Rasa server, the action server and the background workers, prefixes each
line of their output with the process name, and stops all of them on Ctrl-C or when
one of them dies. Which workers run depends on the environment (e.g. the Telegram
polling worker only with TELEGRAM_BOT_TOKEN set).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def rasa_token() -> str:
    """The Rasa HTTP API token: from RASA_AUTH_TOKEN, else one generated and kept in var/."""
    token = os.environ.get("RASA_AUTH_TOKEN")
    if token:
        return token
    path = ROOT / "var" / "rasa_auth_token"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def commands(model: str) -> Dict[str, List[str]]:
    """The processes to run, by name."""
    host = os.environ.get("RASA_HOST", "127.0.0.1")
    endpoints = os.environ.get("RASA_ENDPOINTS", "endpoints.yml")
    procs = {
        # `rasa run` with our speed-ups of Rasa internals installed (bot/rasa_server.py)
        "rasa": [
            sys.executable, "-m", "bot.rasa_server", "--enable-api", "-i", host,
            "-p", os.environ.get("RASA_PORT", "5005"),
            "--auth-token", rasa_token(), "-m", model,
            "--endpoints", endpoints, "--credentials", os.environ.get("RASA_CREDENTIALS", "credentials.yml"),
            "--cors", os.environ.get("RASA_CORS", "http://127.0.0.1:8080"),
        ],
        "actions": [
            str(BIN / "rasa"), "run", "actions", "--actions", "actions",
            "-p", os.environ.get("ACTIONS_PORT", "5055"),
        ],
        "scheduler": [sys.executable, "-m", "bot", "scheduler"],
    }
    extra = os.environ.get("COMPANION_EXTRA_PROCESSES", "")
    for name, argv in _optional_processes().items():
        if name in extra.split(",") or _enabled(name):
            procs[name] = argv
    return procs


def _optional_processes() -> Dict[str, List[str]]:
    return {
        "telegram": [sys.executable, "-m", "bot", "telegram"],
        "notifier": [sys.executable, "-m", "bot", "notifier"],
        "console": [sys.executable, "-m", "bot", "console"],
    }


def _enabled(name: str) -> bool:
    if name in ("telegram", "notifier"):
        return bool(os.environ.get("TELEGRAM_BOT_TOKEN"))
    if name == "console":
        return (ROOT / "bot" / "console" / "__init__.py").exists()
    return False


def _pump(name: str, stream) -> None:
    width = 10
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        sys.stdout.write(f"{name:<{width}}| {line}\n")
        sys.stdout.flush()


def main(argv: List[str]) -> int:
    model = argv[0] if argv else str(ROOT / "models")
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(ROOT))
    running: Dict[str, subprocess.Popen] = {}
    for name, cmd in commands(model).items():
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
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
