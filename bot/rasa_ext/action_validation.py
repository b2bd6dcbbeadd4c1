"""Validate action-server responses with a validator built once, not once per call.

Rasa's ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which
re-checks the (constant) response schema against the JSON-Schema meta-schema on every
custom action. Profiled under load (bench/RESULTS.md, 2026-11-26 21:50) that was 46 % of
the Rasa process's time. Here the schema is checked once and its validator reused; the
result is the same (the same schema, the same draft, the same best-match error with
Rasa's hint appended). Installed by importing ``bot.rasa_ext`` (our tracker store and
lock store live there, so every Rasa process of ours imports it).
"""
from __future__ import annotations

import functools
from typing import Any, Dict, Text

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


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Same contract as Rasa's: True, or the best-matching ``ValidationError`` raised."""
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


def install() -> None:
    """Replace Rasa's per-call schema check (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result
