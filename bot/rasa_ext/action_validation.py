"""Validate action-server responses with a validator built once, not once per call.

Rasa's ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which
re-checks the (constant) response schema against the JSON-Schema meta-schema on every
custom action. Profiled under load (bench/RESULTS.md, 2026-11-26 21:50) that was 46 % of
the Rasa process's time. Here the schema is checked once and its validator reused; the
result is the same (the same schema, the same draft, the same best-match error with
Rasa's hint appended). Installed by ``bot.rasa_ext.speedups`` (at the start of
``python -m bot.rasa_server``).

Second cost, profiled on one-at-a-time knowledge answers (bench/RESULTS.md, 2026-11-27,
session 8: ~5 % of the Rasa process): each returned event is checked against all 23
branches of the schema's ``oneOf``, because ``oneOf`` must prove that exactly one matches.
Every branch pins a different ``event`` name (``const``), and the item schema requires
``event``, so for an event whose name is one of them the other 22 branches fail by
construction and the event is valid exactly when the shared part and its own branch are.
Valid responses are answered by those per-name validators; anything they do not accept
(and any schema that is not so discriminated) goes through the full validator, so an
invalid response raises the very error Rasa raises.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Dict, Optional, Text, Tuple

from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_ORIGINAL = RemoteAction._validate_action_result


@functools.lru_cache(maxsize=1)
def response_validator():
    """The validator for Rasa's action response schema, built and checked once."""
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@functools.lru_cache(maxsize=1)
def discriminated_validators() -> Optional[Tuple[Any, Dict[str, Any]]]:
    """(the response schema without the per-event check, {event name: validator of the
    shared event schema and that name's branch}); None when the schema's events are not
    one ``oneOf`` of branches each pinning a distinct ``event`` name."""
    schema = RemoteAction.action_response_format_spec()
    cls = type(response_validator())
    items = schema.get("properties", {}).get("events", {}).get("items", {})
    branches = items.get("oneOf") or []
    names = [branch.get("properties", {}).get("event", {}).get("const") for branch in branches]
    if (
        not names
        or not all(isinstance(name, str) for name in names)
        or len(set(names)) != len(names)
        or "event" not in items.get("required", ())
    ):
        return None
    outer = copy.deepcopy(schema)
    del outer["properties"]["events"]["items"]
    shared = {key: value for key, value in items.items() if key != "oneOf"}
    return cls(outer), {name: cls({"allOf": [shared, branch]}) for name, branch in zip(names, branches)}


def is_valid_by_event_name(result: Any) -> bool:
    """True only if ``result`` is valid; False means "ask the full validator"."""
    parts = discriminated_validators()
    if parts is None:
        return False
    outer, per_event = parts
    if not outer.is_valid(result):
        return False
    events = result.get("events") if isinstance(result, dict) else None
    for event in events if isinstance(events, list) else ():
        name = event.get("event") if isinstance(event, dict) else None
        validator = per_event.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Same contract as Rasa's: True, or the best-matching ``ValidationError`` raised."""
    if is_valid_by_event_name(result):
        return True
    from jsonschema.exceptions import best_match

    error = best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


PATCHED = ("RemoteAction._validate_action_result",)


def install() -> None:
    """Replace Rasa's per-call schema check (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result


def uninstall() -> None:
    """Put Rasa's method back."""
    RemoteAction._validate_action_result = _ORIGINAL


def installed() -> bool:
    return RemoteAction._validate_action_result is validate_action_result
