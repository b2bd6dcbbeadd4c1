"""``python -m bot.settings [--markdown | --check]``: print the settings table (what
docs/settings.md holds), or check the environment and list every bad variable."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from bot.settings import ConfigError, load_settings, settings_table


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.settings", description=__doc__)
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--markdown", action="store_true", help="print the Markdown table of every variable (default)")
    what.add_argument("--check", action="store_true", help="check the environment; exit 1 listing every problem")
    args = parser.parse_args(argv)
    if args.check:
        try:
            load_settings()
        except ConfigError as exc:
            print(f"error: configuration: {exc}", file=sys.stderr)
            return 1
        print("settings ok")
        return 0
    sys.stdout.write(settings_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
