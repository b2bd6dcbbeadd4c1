"""CSRF protection for cookie-authenticated browser requests.

* Signed-in requests: the token is an HMAC of the session's random nonce, so it is
  bound to that session; pages put it in a hidden ``csrf_token`` field and in
  ``<meta name="csrf-token">`` for scripts, which send it as ``X-CSRF-Token``.
* The login form (no session yet): double-submit, a random cookie that must match
  the hidden field.

Bearer-token API calls carry no ambient credentials and need no CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Optional

HEADER = "X-CSRF-Token"
FIELD = "csrf_token"
LOGIN_COOKIE = "companion_login_csrf"


def session_token(key: bytes, nonce: str) -> str:
    """The CSRF token for the session with this nonce."""
    return hmac.new(key, f"csrf|{nonce}".encode(), hashlib.sha256).hexdigest()


def matches(expected: Optional[str], given: Optional[str]) -> bool:
    """Constant-time comparison; missing values never match."""
    if not expected or not given or not isinstance(given, str):
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def new_login_token() -> str:
    return secrets.token_urlsafe(32)
