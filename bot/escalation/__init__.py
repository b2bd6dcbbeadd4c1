"""Escalations to human staff: open (deduplicated), acknowledge, resolve."""

from bot.escalation.service import (
    EscalationNotFound,
    drain_spool,
    get_escalation,
    list_escalations,
    open_escalation,
    ordered_reasons,
    reasons_of,
    record_or_spool,
    severity_for,
    transition,
)

__all__ = [
    "EscalationNotFound",
    "drain_spool",
    "get_escalation",
    "list_escalations",
    "open_escalation",
    "ordered_reasons",
    "reasons_of",
    "record_or_spool",
    "severity_for",
    "transition",
]
