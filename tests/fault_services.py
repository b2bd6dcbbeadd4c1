"""Private, killable copies of the services the production profile depends on, for the
fault-injection suite (tests/test_faults.py).

The machine's own PostgreSQL / Redis / RabbitMQ are never touched: each test run starts
its own PostgreSQL cluster (initdb into a temporary directory, run as the ``postgres``
user because initdb refuses root) and its own Redis, on free ports, and reaches the
machine's RabbitMQ through a TCP proxy that can be cut and restored.
"""

from __future__ import annotations

import glob
import os
import pwd
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import List, Optional

from tests.servers import free_port


class ServiceUnavailable(RuntimeError):
    """The private service cannot be run on this machine (the test must fail, not skip)."""


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise ServiceUnavailable(
            f"{name} not found under /usr/lib/postgresql/*/bin: the fault tests need the "
            "PostgreSQL server binaries (apt-get install postgresql) to run a private cluster"
        )
    return found[-1]


def _runuser() -> str:
    path = shutil.which("runuser")
    if path is None:
        raise ServiceUnavailable("runuser not found: needed to run initdb/pg_ctl as the postgres user")
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise ServiceUnavailable("no 'postgres' system user to run the private PostgreSQL as") from exc
    return path


class PrivatePostgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1:<free port> with trust auth.

    ``start()`` (initdb on first use), ``stop()`` (``pg_ctl stop -m fast``: clients are
    disconnected, new connections refused), ``restart()``, ``destroy()``; ``url(db)``.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="companion-faults-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "postgres.log"
        self._initialised = False

    def _as_postgres(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [_runuser(), "-u", "postgres", "--", *argv]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise ServiceUnavailable(
                f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n"
                + (self.log.read_text()[-2000:] if self.log.exists() else "")
            )
        return proc

    def _init(self) -> None:
        uid = pwd.getpwnam("postgres").pw_uid
        os.chown(self.base, uid, -1)
        self._as_postgres(_pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self._initialised = True

    def start(self) -> "PrivatePostgres":
        if not self._initialised:
            self._init()
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._as_postgres(
            _pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60", "start"
        )
        return self

    def stop(self) -> None:
        self._as_postgres(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def is_running(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def create_database(self, name: str) -> str:
        self._as_postgres(_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def destroy(self) -> None:
        try:
            if self.is_running():
                self.stop()
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


class PrivateRedis:
    """A ``redis-server`` with no persistence on a free port; ``kill()`` is SIGKILL."""

    def __init__(self) -> None:
        if shutil.which("redis-server") is None:
            raise ServiceUnavailable("redis-server not found: the fault tests run a private Redis")
        self.port = free_port()
        self.proc: Optional[subprocess.Popen] = None

    def start(self) -> "PrivateRedis":
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise ServiceUnavailable(f"redis-server exited with {self.proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            time.sleep(0.1)
        raise ServiceUnavailable("private redis-server did not answer PING")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None


class TcpProxy:
    """Forwards 127.0.0.1:<port> to ``target``; ``cut()`` closes every connection and stops
    listening (the service looks down), ``restore()`` listens again on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: Optional[socket.socket] = None
        self._conns: List[socket.socket] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def start(self) -> "TcpProxy":
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(64)
        server.settimeout(0.2)
        self._server = server
        self._stop.clear()
        self._thread = threading.Thread(target=self._accept, name="tcp-proxy", daemon=True)
        self._thread.start()
        return self

    restore = start

    def _accept(self) -> None:
        server = self._server
        while not self._stop.is_set():
            try:
                client, _ = server.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while not self._stop.is_set():
                readable, _, _ = select.select([a, b], [], [], 0.2)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except OSError:
            return
        finally:
            for sock in (a, b):
                try:
                    sock.close()
                except OSError:
                    pass

    def cut(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.close()
            self._server = None
        with self._lock:
            conns, self._conns = self._conns, []
        for sock in conns:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                sock.close()
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(5)

    stop = cut
