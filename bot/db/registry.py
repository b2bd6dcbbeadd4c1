"""Find every table on the shared metadata, including those other layers own.

Convention: a layer that needs its own tables puts their models in
``bot/db/models_<layer>.py`` (and their migration in ``bot/db/migrations/versions``).
A table with a ``user_key`` column holds a person's data: privacy export counts it
and "delete my data" deletes its rows for that person.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import List

from sqlalchemy import MetaData, Table

import bot.db
from bot.db.models import Base

PERSON_TABLES_EXCLUDED = frozenset({"users"})


def load_all_models() -> MetaData:
    """Import ``bot.db.models`` and every ``bot.db.models_*`` module; return the metadata."""
    for info in pkgutil.iter_modules(bot.db.__path__):
        if info.name.startswith("models_"):
            importlib.import_module(f"bot.db.{info.name}")
    return Base.metadata


def person_keyed_tables() -> List[Table]:
    """Tables other than ``users`` that store rows per ``user_key``."""
    metadata = load_all_models()
    return [
        table for table in metadata.sorted_tables if "user_key" in table.c and table.name not in PERSON_TABLES_EXCLUDED
    ]
