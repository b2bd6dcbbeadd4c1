"""Start the Rasa server with our speed-ups of Rasa internals installed.

    python -m bot.rasa_server --enable-api -m models/companion.tar.gz ...

takes the arguments of ``rasa run``. It installs the speed-ups (bot/rasa_ext/speedups.py:
only on the Rasa version they were verified on, not with ``COMPANION_RASA_SPEEDUPS=0``),
logs one line saying what was installed, and runs Rasa's own command line in this process.
The supervisor, the compose file and the test fixtures start Rasa this way. Our settings
(bot.settings) are checked first: a bad value stops it with a message naming each.
"""

from __future__ import annotations

import logging
import sys
from typing import List, Optional

LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s  - %(message)s"  # Rasa's own log format


def _log_to_stderr() -> None:
    """Show the speed-ups' line before Rasa has configured logging (it does so in its main)."""
    logger = logging.getLogger("bot.rasa_ext.speedups")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False  # Rasa's root handler would print it a second time


def main(argv: Optional[List[str]] = None) -> None:
    """Check the settings, install the speed-ups, then ``rasa run <argv>``."""
    argv = sys.argv[1:] if argv is None else argv
    _log_to_stderr()
    from bot.settings import ConfigError, load_settings

    try:
        load_settings(processes=["rasa"])
    except ConfigError as exc:
        sys.exit(f"bot.rasa_server: configuration: {exc}")
    from bot.rasa_ext import speedups

    try:
        speedups.install_for_server()
    except ValueError as exc:  # a wrong switch value: say which and stop
        sys.exit(f"bot.rasa_server: {exc}")
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "run", *argv]
    rasa_main()


if __name__ == "__main__":
    main()
