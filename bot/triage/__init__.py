"""Treatment-aware side-effect triage (issue 18).

A person on a named medicine (brand or generic) who describes a symptom gets one of
three levels -- emergency now, call the hotline today, mention at the next visit --
from a reviewable table (``table.yml``: class x symptom -> level, words, public
sources, review record) and a medicine lexicon (``medicines.yml``). Pure functions,
no database: the action layer (actions/triage.py) remembers medicines and escalates.
"""

from bot.triage.engine import Finding, TriageResult, assess, parse_memory, remember
from bot.triage.lexicon import load_lexicon
from bot.triage.render import render, staff_summary
from bot.triage.table import LEVELS, load_table

#: ``red_flag`` value of a message the NLU promoted to urgent_symptom for a treatment-specific
#: red flag (bot/triage/nlu_router.py); action_escalate then adds the medicine's explanation.
TREATMENT_SPECIFIC = "treatment_specific"

__all__ = [
    "Finding",
    "LEVELS",
    "TREATMENT_SPECIFIC",
    "TriageResult",
    "assess",
    "load_lexicon",
    "load_table",
    "parse_memory",
    "remember",
    "render",
    "staff_summary",
]
