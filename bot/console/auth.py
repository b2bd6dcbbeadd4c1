"""Staff authentication: argon2 passwords, signed session cookies, lockout, per-IP
rate limit, and the integration bearer token.

Session cookie: ``base64url(json) . base64url(hmac-sha256)`` holding the staff id, a
random nonce, the issue time and a fingerprint of the password hash (changing the
password ends existing sessions). Signing out revokes the nonce in this process.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections import deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Deque, Dict, Optional, Tuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from bot.console import csrf
from bot.db.audit import record_audit
from bot.db.models import Staff
from bot.db.session import session_scope
from bot.db.types import ensure_utc, utcnow

SESSION_COOKIE = "companion_session"
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-real-password-" + secrets.token_hex(8))


@dataclass(frozen=True)
class Principal:
    """Who is making a request: a signed-in staff member or the integration token."""

    kind: str  # "staff" | "api"
    staff_id: Optional[int] = None
    username: Optional[str] = None
    role: Optional[str] = None
    nonce: Optional[str] = None
    csrf_token: Optional[str] = None

    @property
    def actor(self) -> str:
        return f"staff:{self.username}" if self.kind == "staff" else "api"

    @property
    def is_admin(self) -> bool:
        return self.kind == "staff" and self.role == "admin"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


class Keys:
    """Keys derived from CONSOLE_SECRET, one per purpose."""

    def __init__(self, secret: str):
        root = secret.encode()
        self.session = hmac.new(root, b"companion-console-session", hashlib.sha256).digest()
        self.csrf = hmac.new(root, b"companion-console-csrf", hashlib.sha256).digest()


class SessionCodec:
    def __init__(self, keys: Keys, max_age_seconds: int):
        self.keys = keys
        self.max_age = max_age_seconds
        self._revoked: Dict[str, float] = {}

    def issue(self, staff: Staff) -> Tuple[str, str]:
        """A cookie value for this staff member, and the session's nonce."""
        nonce = secrets.token_urlsafe(18)
        body = json.dumps(
            {"s": staff.id, "n": nonce, "t": int(time.time()), "p": password_fingerprint(staff.password_hash)},
            separators=(",", ":"),
        ).encode()
        sig = hmac.new(self.keys.session, body, hashlib.sha256).digest()
        return f"{_b64(body)}.{_b64(sig)}", nonce

    def decode(self, value: Optional[str]) -> Optional[dict]:
        """The session data if the cookie is authentic, fresh and not revoked."""
        if not value or "." not in value or len(value) > 1024:
            return None
        body_b64, _, sig_b64 = value.partition(".")
        try:
            body, sig = _unb64(body_b64), _unb64(sig_b64)
        except (ValueError, TypeError):
            return None
        expected = hmac.new(self.keys.session, body, hashlib.sha256).digest()
        if not hmac.compare_digest(expected, sig):
            return None
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("s"), int):
            return None
        issued = data.get("t")
        if not isinstance(issued, int) or time.time() - issued > self.max_age:
            return None
        if data.get("n") in self._revoked:
            return None
        return data

    def revoke(self, nonce: str) -> None:
        now = time.time()
        self._revoked = {n: t for n, t in self._revoked.items() if t > now}
        self._revoked[nonce] = now + self.max_age

    def csrf_for(self, nonce: str) -> str:
        return csrf.session_token(self.keys.csrf, nonce)


def load_principal(database_url: str, codec: SessionCodec, data: dict) -> Optional[Principal]:
    """The staff member behind a decoded session (None if gone or password changed)."""
    with session_scope(database_url) as session:
        staff = session.get(Staff, data["s"])
        if staff is None or password_fingerprint(staff.password_hash) != data.get("p"):
            return None
        return Principal(
            kind="staff",
            staff_id=staff.id,
            username=staff.username,
            role=staff.role,
            nonce=data["n"],
            csrf_token=codec.csrf_for(data["n"]),
        )


def bearer_matches(expected: Optional[str], header: Optional[str]) -> Optional[bool]:
    """None when no bearer credentials were sent; else whether they are right."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    if not expected:
        return False
    return hmac.compare_digest(expected.encode(), token.strip().encode())


# --- login: lockout per account, rate limit per IP ------------------------------------


class IpLimiter:
    """At most ``attempts`` failed logins per IP in a sliding ``window`` (seconds)."""

    def __init__(self, attempts: int, window: float):
        self.attempts = attempts
        self.window = window
        self._hits: Dict[str, Deque[float]] = {}

    def _trim(self, ip: str, now: float) -> Deque[float]:
        hits = self._hits.setdefault(ip, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def blocked(self, ip: str) -> Optional[int]:
        """Seconds until the next attempt is allowed, or None."""
        now = time.monotonic()
        hits = self._trim(ip, now)
        if len(hits) >= self.attempts:
            return max(1, int(hits[0] + self.window - now) + 1)
        return None

    def failed(self, ip: str) -> None:
        now = time.monotonic()
        self._trim(ip, now).append(now)
        if len(self._hits) > 10000:  # bound memory under a spray of addresses
            for key in list(self._hits)[:5000]:
                if not self._hits[key]:
                    del self._hits[key]


@dataclass
class LoginResult:
    ok: bool
    staff: Optional[Staff] = None
    locked: bool = False


def _verify(password_hash: str, password: str) -> Tuple[bool, bool]:
    """(matches, needs_rehash)."""
    try:
        _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(password_hash)


def authenticate(
    database_url: str,
    username: str,
    password: str,
    *,
    ip: str,
    max_failed: int,
    lockout_minutes: int,
) -> LoginResult:
    """Check a login (blocking: run it in a thread). Records the outcome in the audit log.

    After ``max_failed`` consecutive failures the account is locked for
    ``lockout_minutes``; while locked even the right password is refused.
    """
    username = (username or "").strip().lower()[:64]
    now = utcnow()
    with session_scope(database_url) as session:
        staff = (
            session.execute(select(Staff).where(Staff.username == username).with_for_update()).scalar_one_or_none()
            if username
            else None
        )
        if staff is None:
            _verify(_DUMMY_HASH, password)  # same cost as a real check
            record_audit(session, actor="anonymous", action="login_failed", detail={"reason": "unknown_user", "ip": ip})
            return LoginResult(False)
        locked_until = ensure_utc(staff.locked_until) if staff.locked_until else None
        if locked_until and locked_until > now:
            record_audit(session, actor=f"staff:{staff.username}", action="login_refused_locked", detail={"ip": ip})
            return LoginResult(False, locked=True)
        ok, rehash = _verify(staff.password_hash, password)
        if not ok:
            if locked_until:  # an expired lock starts a fresh count
                staff.locked_until = None
                staff.failed_logins = 0
            staff.failed_logins += 1
            locked = staff.failed_logins >= max_failed
            if locked:
                staff.locked_until = now + timedelta(minutes=lockout_minutes)
                staff.failed_logins = 0
            record_audit(
                session,
                actor=f"staff:{staff.username}",
                action="login_locked" if locked else "login_failed",
                detail={"reason": "bad_password", "ip": ip},
            )
            return LoginResult(False, locked=locked)
        staff.failed_logins = 0
        staff.locked_until = None
        if rehash:
            staff.password_hash = _hasher.hash(password)
        record_audit(session, actor=f"staff:{staff.username}", action="login_ok", detail={"ip": ip})
        session.flush()
        session.expunge(staff)
        return LoginResult(True, staff=staff)
