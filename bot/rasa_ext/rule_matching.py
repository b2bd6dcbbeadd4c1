"""Match the conversation against RulePolicy's rules with each rule decoded once.

``RulePolicy._get_possible_keys`` narrows the set of rule keys turn by turn, going back
through the conversation. For every key at every turn it decodes the key's JSON (an LRU
cache of 1,000 entries, fewer than this model's rule keys, so it mostly misses), copies
and reverses the rule's states, and converts list values to tuples again. It runs at least
twice per prediction. Profiled on one-at-a-time knowledge answers (bench/RESULTS.md,
2026-11-27 session 7) it was ~5 % of the Rasa server's busy time.

Here each lookup table's rules are prepared once (states reversed, list values as tuples)
and kept with the table, checked against its current keys on every call, so a table
changed during training is prepared again. The narrowing is Rasa's, applied by Rasa's own
``_does_rule_match_state``, with one shortcut: once every remaining rule is shorter than
the turns already checked, all of them are applicable (Rasa's ``_is_rule_applicable``
says so for each), so the older turns need not be visited. Installed by
``bot.rasa_ext.speedups``.
"""

from __future__ import annotations

import json
from typing import Dict, List, Set, Text, Tuple

from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import PREVIOUS_ACTION
from rasa.shared.core.domain import State

_ORIGINAL = RulePolicy._get_possible_keys
_PREPARED_ATTR = "_companion_prepared_rules"

PreparedRule = Tuple[Text, Tuple[State, ...]]


def _tuples(state: State) -> State:
    """The state with list values as tuples (what ``_does_rule_match_state`` compares)."""
    return {
        name: {key: tuple(value) if isinstance(value, list) else value for key, value in sub_state.items()}
        for name, sub_state in state.items()
    }


def _prepare(lookup: Dict[Text, Text]) -> List[PreparedRule]:
    return [(key, tuple(_tuples(state) for state in reversed(json.loads(key)))) for key in lookup]


def _prepared(policy: RulePolicy, lookup: Dict[Text, Text]) -> List[PreparedRule]:
    kept = policy.__dict__.setdefault(_PREPARED_ATTR, {})
    entry = kept.get(id(lookup))
    # the table itself is held in the entry, so its id cannot be reused by another dict
    if entry is None or entry[0] is not lookup or entry[1] != lookup.keys():
        entry = (lookup, frozenset(lookup), _prepare(lookup))
        kept[id(lookup)] = entry
    return entry[2]


def get_possible_keys(self: RulePolicy, lookup: Dict[Text, Text], states: List[State]) -> Set[Text]:
    """``RulePolicy._get_possible_keys``: the keys of the rules applicable to ``states``."""
    candidates = _prepared(self, lookup)
    matches = self._does_rule_match_state
    for turn_index, state in enumerate(reversed(states)):
        if turn_index >= max((len(rule_states) for _, rule_states in candidates), default=0):
            break  # every remaining rule is shorter: applicable at every older turn
        current_previous_action = state.get(PREVIOUS_ACTION)
        remaining = []
        for key, rule_states in candidates:
            if turn_index >= len(rule_states):
                remaining.append((key, rule_states))
                continue
            rule_state = rule_states[turn_index]
            rule_previous_action = rule_state.get(PREVIOUS_ACTION)
            if not rule_previous_action and not current_previous_action:
                remaining.append((key, rule_states))
            elif not rule_previous_action or not current_previous_action:
                continue
            elif matches(rule_state, state):
                remaining.append((key, rule_states))
        candidates = remaining
    return {key for key, _ in candidates}


PATCHED = ("RulePolicy._get_possible_keys",)


def install() -> None:
    """Replace Rasa's method (idempotent)."""
    RulePolicy._get_possible_keys = get_possible_keys


def uninstall() -> None:
    """Put Rasa's method back (for side-by-side tests and benchmarks)."""
    RulePolicy._get_possible_keys = _ORIGINAL


def installed() -> bool:
    return RulePolicy._get_possible_keys is get_possible_keys
