"""The one place that installs our measured speed-ups of Rasa internals.

Each module named in ``MODULES`` replaces one or more private Rasa attributes (listed in
its ``PATCHED``) with code that gives Rasa's own answers faster (tests/test_rasa_speedups.py
compares each with Rasa's code path, with the speed-ups on and off). Private attributes
change between Rasa releases, so they are installed only on the release they were verified
on; anything else runs stock Rasa with a warning. ``COMPANION_RASA_SPEEDUPS=0`` runs stock
Rasa on purpose (e.g. to rule the speed-ups out when chasing a bug).

Called by ``python -m bot.rasa_server`` (``install_for_server``); importing a module of
``bot.rasa_ext`` (the tracker store and lock store named in endpoints*.yml) patches nothing.
Training (``rasa train``) runs stock Rasa: it never installed them and its results stay
exactly those of stock Rasa.
"""

from __future__ import annotations

import importlib
import logging
from importlib import metadata
from typing import List, Mapping, Optional

from bot.settings import value as read_setting

logger = logging.getLogger(__name__)

VERIFIED_RASA_VERSION = "3.6.21"
SWITCH = "COMPANION_RASA_SPEEDUPS"  # declared in bot.settings
MODULES = (
    "action_client",
    "action_validation",
    "event_lookup",
    "graph_runner",
    "nlu_inference",
    "rule_matching",
    "tracker_states",
)


def _module(name: str):
    return importlib.import_module(f"bot.rasa_ext.{name}")


def install() -> List[str]:
    """Install every speed-up (idempotent, no checks); returns the Rasa attributes replaced."""
    patched: List[str] = []
    for name in MODULES:
        module = _module(name)
        module.install()
        patched.extend(module.PATCHED)
    return patched


def uninstall() -> None:
    """Put every Rasa attribute back as Rasa defines it (idempotent)."""
    for name in MODULES:
        _module(name).uninstall()


def installed() -> List[str]:
    """The names of the modules whose replacements are in place."""
    return [name for name in MODULES if _module(name).installed()]


def enabled(environ: Optional[Mapping[str, str]] = None) -> bool:
    """The switch (declared in bot.settings): unset or 1 means on, 0 off; any other value
    is refused by name (ConfigError, a ValueError)."""
    return bool(read_setting(SWITCH, environ))


def rasa_version() -> Optional[str]:
    """The installed Rasa's version, or None without Rasa."""
    try:
        return metadata.version("rasa")
    except metadata.PackageNotFoundError:
        return None


def install_for_server(environ: Optional[Mapping[str, str]] = None, version: Optional[str] = None) -> List[str]:
    """Install the speed-ups if switched on and on the verified Rasa; log one line saying
    what was installed (or why nothing was). Returns the Rasa attributes replaced."""
    version = rasa_version() if version is None else version
    if not enabled(environ):
        logger.info("Rasa speed-ups off (%s=0): running stock Rasa %s", SWITCH, version)
        return []
    if version != VERIFIED_RASA_VERSION:
        logger.warning(
            "Rasa speed-ups not installed: verified on Rasa %s, this is Rasa %s; running stock Rasa",
            VERIFIED_RASA_VERSION,
            version,
        )
        return []
    patched = install()
    logger.info("Rasa speed-ups installed on Rasa %s (%s=0 turns them off): %s", version, SWITCH, ", ".join(patched))
    return patched
