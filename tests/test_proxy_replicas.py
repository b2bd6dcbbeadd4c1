"""Scale-out for real: two Rasa replicas (endpoints.production.yml: PostgreSQL tracker
store, Redis lock store, RabbitMQ broker; socket.io rooms shared through the Redis message
queue, SOCKETIO_REDIS_URL) behind nginx running deploy/nginx.conf itself (replica addresses
and listen ports replaced). One REST conversation is spread over both replicas by the
proxy and stays whole; the widget's socket.io works through the proxy (WebSocket, and
long-polling pinned by ip_hash); a message pushed through another replica's API, as the
console does for a live handoff (bot/console/relay.py), reaches the socket."""

from __future__ import annotations

import contextlib
import queue
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, List, Optional

import pytest
import redis
import requests

from bot.console.relay import TAKE_OVER_TEXT, RasaClient
from bot.db.session import upgrade
from tests.conftest import create_pg_database, drop_pg_database
from tests.servers import (
    MODEL,
    ROOT,
    Stack,
    drain_rabbitmq_queue,
    free_port,
    make_stack,
    say,
    stop_process,
    texts,
    use_production_profile,
    user_texts,
    wait_http,
)

pytestmark = pytest.mark.integration

NGINX = Path("/usr/sbin/nginx")
RUN = uuid.uuid4().hex[:8]
QUEUE = f"companion_events_test_{RUN}"
SOCKETIO_CHANNEL = f"companion_socketio_test_{RUN}"
LOG_LINE = re.compile(r'"(?P<method>\S+) (?P<uri>\S+)" (?P<status>\d+) \d+ upstream=(?P<upstream>.*?) rt=')


@dataclass
class Proxied:
    stack: Stack
    a: str  # replica A, addressed directly
    b: str  # replica B, addressed directly
    proxy: str  # nginx, public server (widget, REST channel, webhooks)
    api: str  # nginx, internal server (Rasa API, round-robin)
    access_log: Path
    tracker_url: str

    def addr(self, url: str) -> str:
        return url.split("//", 1)[1]  # "127.0.0.1:<port>", as in $upstream_addr

    def log_size(self) -> int:
        return self.access_log.stat().st_size

    def log_since(self, offset: int) -> List[dict]:
        with self.access_log.open("rb") as f:
            f.seek(offset)
            lines = f.read().decode().splitlines()
        return [m.groupdict() for m in map(LOG_LINE.search, lines) if m]

    def wait_log(self, offset: int, match: Callable[[dict], bool], timeout: float = 10) -> List[dict]:
        """Entries since ``offset`` that ``match``, once there are some (nginx logs a
        request when it ends: a WebSocket when it is closed)."""
        deadline = time.time() + timeout
        while True:
            found = [e for e in self.log_since(offset) if match(e)]
            if found or time.time() > deadline:
                return found
            time.sleep(0.2)

    def rasa_client(self, url: str) -> RasaClient:
        token = self.stack.token
        return RasaClient(url, lambda: token, timeout=60)


# --- nginx with deploy/nginx.conf ---------------------------------------------------------


def render_nginx(prefix: Path, replica_ports: List[int], public_port: int, api_port: int) -> Path:
    """deploy/nginx.conf with the replicas on 127.0.0.1, inside a main config whose pid,
    logs and temp paths are under ``prefix``."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()

    def replicas(m: re.Match) -> str:
        return "\n".join(f"{m[1]}server 127.0.0.1:{port}{m[2]};" for port in replica_ports)

    # `resolve` (Docker DNS, nginx >= 1.27.3) is not needed for fixed local addresses
    site, n = re.subn(r"^(\s*)server rasa:5005 resolve(.*);$", replicas, site, flags=re.M)
    assert n == 2, "deploy/nginx.conf: expected `server rasa:5005 resolve ...;` in both upstreams"
    for old, new in [
        ("listen 80;", f"listen 127.0.0.1:{public_port};"),
        ("listen 5005;", f"listen 127.0.0.1:{api_port};"),
        ("/var/log/nginx/access.log", str(prefix / "access.log")),
    ]:
        assert old in site, old
        site = site.replace(old, new)
    (prefix / "site.conf").write_text(site)
    conf = prefix / "nginx.conf"
    conf.write_text(
        "daemon off;\nmaster_process on;\nworker_processes 1;\n"
        f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log info;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    client_body_temp_path {prefix}/tmp/body;\n    proxy_temp_path {prefix}/tmp/proxy;\n"
        f"    fastcgi_temp_path {prefix}/tmp/fastcgi;\n    uwsgi_temp_path {prefix}/tmp/uwsgi;\n"
        f"    scgi_temp_path {prefix}/tmp/scgi;\n"
        f"    include {prefix}/site.conf;\n"
        "}\n"
    )
    (prefix / "tmp").mkdir()
    return conf


def start_nginx(conf: Path, prefix: Path, public_port: int) -> subprocess.Popen:
    argv = [str(NGINX), "-c", str(conf), "-p", str(prefix), "-e", str(prefix / "error.log")]
    check = subprocess.run(argv + ["-t"], capture_output=True, text=True)
    if check.returncode != 0:
        pytest.fail(f"nginx rejects deploy/nginx.conf (rendered in {conf}):\n{check.stderr}")
    out = prefix / "nginx.out"
    with out.open("wb") as log:
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{public_port}/", 30, proc, out)
    except Exception:
        stop_process(proc)
        raise
    return proc


@contextlib.contextmanager
def proxied_replicas(workdir: Path, socketio_queue: bool = True) -> Iterator[Proxied]:
    """Actions, two production-profile replicas and nginx in front; everything (processes,
    databases, the RabbitMQ queue, nginx's files) is removed on exit. ``socketio_queue``
    False leaves SOCKETIO_REDIS_URL unset (single-process socket.io, for comparison)."""
    if not NGINX.exists():
        pytest.fail("nginx is missing (/usr/sbin/nginx): run scripts/ensure-debian-packages.sh (make test does)")
    if not MODEL.exists():
        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)")
    redis.Redis(host="127.0.0.1", port=6379).ping()  # the machine's Redis must be up
    databases: List[str] = []
    stack: Optional[Stack] = None
    nginx: Optional[subprocess.Popen] = None
    prefix: Optional[Path] = None
    try:
        tracker_url = create_pg_database()
        databases.append(tracker_url)
        data_url = create_pg_database()
        databases.append(data_url)
        upgrade(data_url)
        stack = make_stack(workdir)
        stack.env.pop("SOCKETIO_REDIS_URL", None)
        stack.env.pop("SOCKETIO_REDIS_CHANNEL", None)
        if socketio_queue:
            stack.env.update(SOCKETIO_REDIS_URL="redis://127.0.0.1:6379/0", SOCKETIO_REDIS_CHANNEL=SOCKETIO_CHANNEL)
        endpoints = use_production_profile(stack, tracker_url, data_url, QUEUE)
        stack.start_actions()
        ports = [free_port(), free_port()]
        a = stack.start_rasa("rasa-a", ports[0], endpoints)
        b = stack.start_rasa("rasa-b", ports[1], endpoints)

        # nginx's workers (nobody) must reach their temp dirs: not under pytest's 0700 tmp
        prefix = Path(tempfile.mkdtemp(prefix="companion-nginx-"))
        prefix.chmod(0o755)
        public_port, api_port = free_port(), free_port()
        conf = render_nginx(prefix, ports, public_port, api_port)
        nginx = start_nginx(conf, prefix, public_port)
        yield Proxied(
            stack=stack,
            a=a,
            b=b,
            proxy=f"http://127.0.0.1:{public_port}",
            api=f"http://127.0.0.1:{api_port}",
            access_log=prefix / "access.log",
            tracker_url=tracker_url,
        )
    finally:
        stop_process(nginx)
        if prefix is not None:
            if (prefix / "error.log").exists():  # kept with the other logs of the run
                shutil.copy2(prefix / "error.log", workdir / "nginx-error.log")
            shutil.rmtree(prefix, ignore_errors=True)
        if stack is not None:
            stack.stop_all()
        for url in databases:
            drop_pg_database(url)
        if stack is not None:
            try:
                drain_rabbitmq_queue(QUEUE, delete=True)
            except Exception as exc:  # noqa: BLE001 - cleanup must not hide the test's result
                print(f"could not delete RabbitMQ queue {QUEUE}: {exc}")


@pytest.fixture(scope="module")
def proxied(tmp_path_factory) -> Iterator[Proxied]:
    with proxied_replicas(tmp_path_factory.mktemp("proxy")) as p:
        yield p


# --- helpers ----------------------------------------------------------------------------


class Widget:
    """A socket.io client speaking the widget's protocol (session_request, user_uttered).
    The threaded client: the asyncio one cannot open a WebSocket with the aiohttp that
    Rasa 3.6 pins (python-engineio's AsyncClient needs aiohttp.ClientWSTimeout, 3.10+)."""

    def __init__(self) -> None:
        import socketio

        self.sio = socketio.Client(reconnection=False)
        self.replies: "queue.Queue[dict]" = queue.Queue()
        self._confirmed: "queue.Queue[str]" = queue.Queue()
        self.session_id = ""
        self.sio.on("bot_uttered", self.replies.put)
        self.sio.on("session_confirm", self._confirmed.put)

    def open(self, url: str, transports: List[str]) -> "Widget":
        self.sio.connect(url, transports=transports, socketio_path="/socket.io", wait_timeout=15)
        self.sio.emit("session_request", {"session_id": uuid.uuid4().hex})
        self.session_id = self._confirmed.get(timeout=15)
        return self

    def send(self, message: str) -> None:
        self.sio.emit(
            "user_uttered",
            {
                "message": message,
                "session_id": self.session_id,
                "customData": {"channel": "widget", "role": "caregiver"},
            },
        )

    def until(self, done: Callable[[List[dict]], bool], timeout: float) -> List[dict]:
        """Replies received until ``done(replies)`` holds (or the timeout: returns them anyway)."""
        got: List[dict] = []
        deadline = time.time() + timeout
        while not done(got):
            left = deadline - time.time()
            if left <= 0:
                break
            try:
                got.append(self.replies.get(timeout=left))
            except queue.Empty:
                break
        return got

    def close(self) -> None:
        self.sio.disconnect()


def reply_texts(replies: List[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


# --- tests ------------------------------------------------------------------------------


def test_message_queue_is_opt_in(monkeypatch):
    from bot.channels.socketio_channel import SocketIOInput

    async def on_message(_):
        return None

    monkeypatch.delenv("SOCKETIO_REDIS_URL", raising=False)
    plain = SocketIOInput.from_credentials({"session_persistence": True})
    plain.blueprint(on_message)
    assert type(plain.sio.manager).__name__ == "AsyncManager"  # Rasa's single-process default
    monkeypatch.setenv("SOCKETIO_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("SOCKETIO_REDIS_CHANNEL", "chan-x")
    shared = SocketIOInput.from_credentials({"session_persistence": True})
    shared.blueprint(on_message)
    assert type(shared.sio.manager).__name__ == "AsyncRedisManager"
    assert shared.sio.manager.channel == "chan-x" and shared.sio.manager.server is shared.sio
    configured = SocketIOInput.from_credentials(
        {"message_queue_url": "redis://elsewhere:6379/1", "message_queue_channel": "chan-y"}
    )
    assert configured.message_queue() == {"url": "redis://elsewhere:6379/1", "channel": "chan-y"}


def test_rest_conversation_through_the_proxy_uses_both_replicas(proxied):
    me = f"proxy-{uuid.uuid4().hex[:8]}"
    script = [
        ("hello", lambda t: "companion" in t),
        ("how do I prepare for the bone marrow biopsy?", lambda t: "biopsy" in t and "source:" in t),
        ("tell me more", lambda t: bool(t.strip())),
        ("what does Ibrance do?", lambda t: "palbociclib" in t or "cdk4/6" in t),
        ("and what about the side effects?", lambda t: "side effect" in t),
        ("what is a PET scan", lambda t: "pet" in t),
        ("why am i bruising so easily", lambda t: "bruis" in t),
        ("thanks", lambda t: "welcome" in t),
    ]
    start = proxied.log_size()
    answers = []
    for message, ok in script:
        answer = texts(say(proxied.proxy, me, message)).lower()
        assert ok(answer), (message, answer[:300])
        answers.append(answer)
    assert answers[2] != answers[1]  # "tell me more" on the other replica continued the biopsy topic

    assert user_texts(proxied.tracker_url, me) == [m for m, _ in script]  # each once, in order
    entries = [e for e in proxied.log_since(start) if e["uri"] == "/webhooks/rest/webhook"]
    assert [e["status"] for e in entries] == ["200"] * len(script), entries
    served = [e["upstream"] for e in entries]
    replicas = {proxied.addr(proxied.a), proxied.addr(proxied.b)}
    assert set(served) == replicas, served
    assert all(x != y for x, y in zip(served, served[1:])), f"not round-robin: {served}"


def test_proxy_exposes_only_the_widget_and_webhooks(proxied):
    token = {"token": proxied.stack.token}
    assert requests.get(f"{proxied.proxy}/status", params=token, timeout=10).status_code == 404
    assert requests.get(f"{proxied.proxy}/conversations/x/tracker", params=token, timeout=10).status_code == 404
    assert requests.get(f"{proxied.api}/status", params=token, timeout=10).json()["model_id"]
    too_big = {"sender": "x", "message": "a" * 100_000}
    assert requests.post(f"{proxied.proxy}/webhooks/rest/webhook", json=too_big, timeout=10).status_code == 413


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_widget_socketio_through_the_proxy(proxied, transport):
    start = proxied.log_size()
    widget = Widget().open(proxied.proxy, [transport])
    try:
        widget.send("how do I prepare for the bone marrow biopsy?")
        replies = widget.until(lambda got: "biopsy" in reply_texts(got).lower(), 90)
    finally:
        widget.close()
    assert "biopsy" in reply_texts(replies).lower(), replies
    socketio = proxied.wait_log(start, lambda e: e["uri"] == "/socket.io/")  # logged once closed
    assert socketio, "no socket.io request in nginx's access log"
    # 499 (client closed) only for a long-poll GET still waiting when the widget disconnected
    assert all(e["status"] in {"101", "200"} or (e["status"] == "499" and e["method"] == "GET") for e in socketio), (
        socketio
    )
    assert any(e["status"] in {"101", "200"} for e in socketio), socketio
    # ip_hash: every request of the session (polling: many) reached the same replica
    assert len({e["upstream"] for e in socketio}) == 1, socketio


def test_take_over_through_another_replica_reaches_the_socket(proxied):
    """The console's relay (take over, staff messages) calls whichever replica it reaches;
    the person's socket is on one of them."""
    # socket on replica A (directly), in an ongoing conversation; the take-over events of
    # bot/console/relay.py:take_over appended through replica B's API
    widget = Widget().open(proxied.a, ["websocket"])
    try:
        widget.send("hello")
        assert widget.until(bool, 60), "no answer from replica A"
        widget.until(lambda _: False, 2)  # the rest of the greeting
        events = [
            {"event": "slot", "name": "handoff_active", "value": True},
            {"event": "bot", "text": TAKE_OVER_TEXT, "metadata": {"staff": True}},
        ]
        proxied.rasa_client(proxied.b).append_events(widget.session_id, events, output_channel="socketio")
        got = widget.until(bool, 30)
        got += widget.until(lambda _: False, 2)  # nothing arrives twice
    finally:
        widget.close()
    assert got == [{"text": TAKE_OVER_TEXT, "staff": True}], got


def test_staff_messages_through_any_replica_reach_a_proxied_socket(proxied):
    """Socket through the proxy (on either replica); staff messages through both replicas
    directly and twice through the proxy's internal API listener (round-robin)."""
    start = proxied.log_size()
    widget = Widget().open(proxied.proxy, ["websocket"])
    sent = []
    try:
        for i, url in enumerate([proxied.a, proxied.b, proxied.api, proxied.api]):
            note = f"Hi, this is Sam from the support team ({i}, {uuid.uuid4().hex[:6]})"
            sent.append(note)
            events = [{"event": "bot", "text": note, "metadata": {"staff": True}}]
            proxied.rasa_client(url).append_events(widget.session_id, events, output_channel="socketio")
        got = widget.until(lambda got: {r.get("text") for r in got} >= set(sent), 30)
        got += widget.until(lambda _: False, 2)  # nothing arrives twice
    finally:
        widget.close()
    assert sorted(r.get("text") for r in got) == sorted(sent), got
    assert all(r.get("staff") is True for r in got)
    api_calls = [e["upstream"] for e in proxied.log_since(start) if e["uri"].endswith("/tracker/events")]
    assert sorted(api_calls) == sorted([proxied.addr(proxied.a), proxied.addr(proxied.b)]), api_calls
    holder = proxied.wait_log(start, lambda e: e["uri"] == "/socket.io/")
    assert [e["upstream"] for e in holder] in ([proxied.addr(proxied.a)], [proxied.addr(proxied.b)]), holder
