"""Settings read from the environment, with embedded defaults for a local run.

Every secret comes from the environment. In production mode (COMPANION_ENV=production)
missing secrets are an error instead of a development default.

The settings themselves are declared in :mod:`bot.settings` (one declaration per
variable, validated at start, documented in docs/settings.md); this module keeps the
names the code has always imported from here.
"""

from __future__ import annotations

from bot.settings import DEV_HMAC_KEY, PROJECT_ROOT, ConfigError, Settings, core_settings, load_settings

__all__ = ["DEV_HMAC_KEY", "PROJECT_ROOT", "ConfigError", "Settings", "core_settings", "load_settings"]
