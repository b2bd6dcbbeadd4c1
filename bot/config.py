"""Settings read from the environment, with embedded defaults for a local run.

Every secret comes from the environment. In production mode (COMPANION_ENV=production)
missing secrets are an error instead of a development default.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_HMAC_KEY = "dev-only-not-secret-change-me"


class ConfigError(RuntimeError):
    """Raised when the environment is not fit to start (e.g. a missing secret in production)."""


@dataclass(frozen=True)
class Settings:
    env: str
    database_url: str
    hmac_key: bytes
    var_dir: Path
    spool_dir: Path
    default_region: str
    tracker_db_url: str
    escalation_dedup_minutes: int
    # IANA zone for reminders when the channel does not say (empty: guess from the region).
    default_timezone: str = ""

    @property
    def is_production(self) -> bool:
        return self.env == "production"


def load_settings() -> Settings:
    """Read settings from the environment; refuse production mode without a real HMAC key."""
    env = os.environ.get("COMPANION_ENV", "development").strip().lower()
    var_dir = Path(os.environ.get("COMPANION_VAR_DIR", PROJECT_ROOT / "var"))
    key = os.environ.get("COMPANION_HMAC_KEY", "")
    if not key:
        if env == "production":
            raise ConfigError("COMPANION_HMAC_KEY must be set in production mode")
        key = DEV_HMAC_KEY
    return Settings(
        env=env,
        database_url=os.environ.get("DATABASE_URL", f"sqlite:///{var_dir / 'companion.db'}"),
        hmac_key=key.encode("utf-8"),
        var_dir=var_dir,
        spool_dir=Path(os.environ.get("COMPANION_SPOOL_DIR", var_dir / "spool")),
        default_region=os.environ.get("COMPANION_DEFAULT_REGION", "US").upper(),
        tracker_db_url=os.environ.get(
            "TRACKER_DB_URL", f"sqlite:///{var_dir / 'rasa_tracker.db'}"
        ),
        escalation_dedup_minutes=int(os.environ.get("ESCALATION_DEDUP_MINUTES", "30")),
        default_timezone=os.environ.get("COMPANION_DEFAULT_TIMEZONE", "").strip(),
    )
