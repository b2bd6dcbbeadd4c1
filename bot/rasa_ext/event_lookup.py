"""Find an event class by its type name without walking every Event subclass each time.

Rasa's ``Event.resolve_by_type`` scans ``all_subclasses(Event)`` for every event it
deserialises: loading a 60-event session walks the class tree 60 times. Profiled under
load (bench/RESULTS.md, 2026-11-26 22:00) that was 5.5 % of the Rasa process's time.
The first match per type name is remembered; unknown names go to Rasa's own method
(same default / ``ValueError`` behaviour). Installed by ``bot.rasa_ext.speedups``.
"""

from __future__ import annotations

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_ORIGINAL = Event.resolve_by_type
_ORIGINAL_DESCRIPTOR = vars(Event)["resolve_by_type"]  # the staticmethod object itself
_BY_TYPE: Dict[Text, Type[Event]] = {}


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Same answer as Rasa's ``Event.resolve_by_type``, remembered per type name."""
    cls = _BY_TYPE.get(type_name)
    if cls is not None:
        return cls
    for candidate in all_subclasses(Event):
        if candidate.type_name == type_name:
            _BY_TYPE[type_name] = candidate
            return candidate
    return _ORIGINAL(type_name, default)


PATCHED = ("Event.resolve_by_type",)


def install() -> None:
    """Replace Rasa's lookup (idempotent)."""
    Event.resolve_by_type = staticmethod(resolve_by_type)


def uninstall() -> None:
    """Put Rasa's lookup back."""
    Event.resolve_by_type = _ORIGINAL_DESCRIPTOR


def installed() -> bool:
    return Event.resolve_by_type is resolve_by_type
