"""Start the real Rasa server (trained model) and action server for integration tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "companion.tar.gz"
# `rasa run` as the supervisor and the compose file start it: our speed-ups installed
# (bot/rasa_server.py; COMPANION_RASA_SPEEDUPS=0 in the environment runs stock Rasa).
RASA_SERVER = [sys.executable, "-m", "bot.rasa_server"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float, proc: Optional[subprocess.Popen] = None, log: Optional[Path] = None) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text()[-4000:] if log and log.exists() else ""
            raise RuntimeError(f"process exited with {proc.returncode} while waiting for {url}\n{tail}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not come up in {timeout}s")


def stop_process(proc: Optional[subprocess.Popen], grace: float = 20) -> None:
    """Terminate ``proc`` (if still running), killing it after ``grace`` seconds."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@dataclass
class Stack:
    """A running Rasa + action server pair with its own database and tracker store."""

    workdir: Path
    env: Dict[str, str]
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    token: str = "test-token"
    rollover_after: int = 150
    procs: Dict[str, subprocess.Popen] = field(default_factory=dict)
    # Origin(s) allowed by Rasa's CORS (passed as --cors), e.g. the console serving the
    # web widget; added for the browser tests (tests/test_widget_browser.py).
    cors: Optional[str] = None

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def endpoints_file(self) -> Path:
        path = self.workdir / "endpoints.yml"
        path.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{self.actions_port}/webhook"\n'
            "tracker_store:\n  type: bot.rasa_ext.tracker_store.RolloverSQLTrackerStore\n  dialect: sqlite\n"
            f"  rollover_after: {self.rollover_after}\n"
            f'  db: "{self.workdir / "tracker.db"}"\n'
            "event_broker:\n  type: bot.escalation.backstop.SafetyBackstopBroker\n"
        )
        return path

    def _spawn(self, name: str, argv: List[str]) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "wb")
        proc = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.procs[name] = proc
        return proc

    def start_actions(self) -> None:
        proc = self._spawn(
            "actions", [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "-p", str(self.actions_port)]
        )
        wait_http(f"http://127.0.0.1:{self.actions_port}/health", 90, proc, self.workdir / "actions.log")

    def stop_actions(self) -> None:
        self.stop("actions")

    def start_rasa(self, name: str = "rasa", port: Optional[int] = None, endpoints: Optional[Path] = None) -> str:
        """Start a Rasa server (a second one with another name/port is a replica); returns its URL."""
        port = port or self.rasa_port
        url = f"http://127.0.0.1:{port}"
        proc = self._spawn(
            name,
            [
                *RASA_SERVER,
                "--enable-api",
                "-i",
                "127.0.0.1",
                "-p",
                str(port),
                "--auth-token",
                self.token,
                "-m",
                str(MODEL),
                "--endpoints",
                str(endpoints or self.endpoints_file()),
                "--credentials",
                str(ROOT / "credentials.yml"),
            ]
            + (["--cors", self.cors] if self.cors else []),
        )
        wait_http(f"{url}/", 300, proc, self.workdir / f"{name}.log")
        # "/" answers before the model is loaded; /status needs the token and the model.
        deadline = time.time() + 300
        while time.time() < deadline:
            r = requests.get(f"{url}/status", params={"token": self.token}, timeout=5)
            if r.ok and r.json().get("model_id"):
                # started the way production starts it: the entry point said what it installed
                log = (self.workdir / f"{name}.log").read_text(errors="replace")
                assert "bot.rasa_ext.speedups" in log and "Rasa speed-ups" in log, log[-4000:]
                return url
            time.sleep(1)
        raise TimeoutError("model did not load")

    def stop(self, name: str) -> None:
        stop_process(self.procs.pop(name, None))

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.stop(name)

    def say(self, sender: str, text: str, metadata: Optional[dict] = None) -> List[dict]:
        """Send one message over the REST channel and return the bot's replies."""
        body = {"sender": sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        r = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        r.raise_for_status()
        return r.json()

    def parse(self, text: str) -> dict:
        r = requests.post(f"{self.rasa_url}/model/parse", params={"token": self.token}, json={"text": text}, timeout=30)
        r.raise_for_status()
        return r.json()


def make_stack(workdir: Path) -> Stack:
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DATABASE_URL=f"sqlite:///{workdir / 'companion.db'}",
        TRACKER_DB_URL=f"sqlite:///{workdir / 'tracker.db'}",
        COMPANION_VAR_DIR=str(workdir / "var"),
        COMPANION_HMAC_KEY="integration-test-key",
        PYTHONUNBUFFERED="1",
    )
    subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], cwd=ROOT, env=env, check=True)
    return Stack(workdir=workdir, env=env)


def texts(replies: List[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def started_stack(workdir: Path) -> Stack:
    """Rasa (trained model) + action server running in ``workdir``; fails clearly without
    a model. The caller stops it with ``stop_all()``."""
    if not MODEL.exists():
        import pytest

        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)")
    stack = make_stack(workdir)
    stack.start_actions()
    stack.start_rasa()
    return stack


def drain_rabbitmq_queue(
    queue_name: str, url: str = "amqp://guest:guest@127.0.0.1:5672/", delete: bool = False
) -> List[dict]:
    """Every message waiting in ``queue_name`` (JSON bodies), read until 5 s of silence."""
    import asyncio
    import json

    import aio_pika

    async def run() -> List[dict]:
        conn = await aio_pika.connect_robust(url)
        async with conn:
            channel = await conn.channel()
            queue = await channel.declare_queue(queue_name, durable=True)
            bodies = []
            while True:
                msg = await queue.get(no_ack=True, fail=False, timeout=5)
                if msg is None:
                    break
                bodies.append(json.loads(msg.body))
            if delete:
                await channel.queue_delete(queue_name)
            return bodies

    return asyncio.run(run())


def use_production_profile(stack: Stack, tracker_url: str, data_url: str, queue: str) -> Path:
    """Point ``stack`` at endpoints.production.yml on this machine's services: PostgreSQL
    (``tracker_url`` for Rasa's tracker store, ``data_url`` for ours), Redis lock store,
    RabbitMQ broker publishing to ``queue``. Returns the endpoints file to start Rasa with."""
    from sqlalchemy.engine import make_url

    tracker = make_url(tracker_url)
    stack.env.update(
        DATABASE_URL=data_url,
        TRACKER_DB_URL=tracker_url,
        ACTION_SERVER_URL=f"http://127.0.0.1:{stack.actions_port}/webhook",
        TRACKER_DB_HOST=tracker.host or "127.0.0.1",
        TRACKER_DB_PORT=str(tracker.port or 5432),
        TRACKER_DB_NAME=tracker.database,
        TRACKER_DB_USER=tracker.username or "postgres",
        TRACKER_DB_PASSWORD=tracker.password or "",
        REDIS_HOST="127.0.0.1",
        REDIS_PORT="6379",
        REDIS_DB="0",
        RABBITMQ_HOST="127.0.0.1",
        RABBITMQ_PORT="5672",
        RABBITMQ_USER="guest",
        RABBITMQ_PASSWORD="guest",
    )
    endpoints = stack.workdir / "endpoints.production.yml"
    endpoints.write_text((ROOT / "endpoints.production.yml").read_text().replace("companion_events", queue))
    return endpoints


def say(url: str, sender: str, message: str) -> List[dict]:
    """One message over the REST channel of the Rasa server (or proxy) at ``url``."""
    r = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=120)
    r.raise_for_status()
    return r.json()


def user_texts(tracker_url: str, sender: str) -> List[str]:
    """The person's messages as stored in a SQL tracker store, in order."""
    import json

    from sqlalchemy import create_engine, text

    engine = create_engine(tracker_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"), {"s": sender}
        ).all()
    engine.dispose()
    return [json.loads(r[0])["text"] for r in rows]
