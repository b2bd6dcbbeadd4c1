"""Compute a tracker's past dialogue states once per tracker state, not once per caller.

Each action prediction, RulePolicy turns the whole tracker into its list of past states
twice with the same arguments (once to match rules on the user's text, once on the
intent), and MemoizationPolicy once more with its own. ``Domain.states_for_tracker_history``
replays every event into prior trackers to do it: profiled on one-at-a-time knowledge
answers (bench/RESULTS.md, 2026-11-27 session 5) the three calls were ~14 % of the Rasa
server's time, RulePolicy's two ~9 %.

Here the last few results are kept with what they were computed from: the same tracker,
the same domain object, the same event deque holding the same number of events and the
same last event (held, so its identity cannot be reused), and equal arguments. Any new event,
rewind or reset changes one of these, and the states are computed afresh. Callers get
their own copy (a state is a dict of sub-state dicts whose values are strings and tuples;
``prediction_states`` pops keys from them), so nothing they do reaches the kept copy.
Installed by ``bot.rasa_ext.speedups``.
"""

from __future__ import annotations

import copy
import weakref
from typing import Any, Dict, List, Optional, Text

from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker

_ORIGINAL_PAST_STATES = DialogueStateTracker.past_states
# The last few results, newest last. Module level rather than on the tracker, so that
# copies of a tracker never carry them along. A graph run is synchronous, so the calls of
# one prediction follow each other with no other conversation in between.
_KEPT: List[tuple] = []
_KEEP = 4


def _copy_states(states: List[State]) -> List[State]:
    return [{name: dict(sub_state) for name, sub_state in state.items()} for state in states]


def past_states(
    self: DialogueStateTracker,
    domain: Domain,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Optional[Dict[Text, Any]] = None,
) -> List[State]:
    """``DialogueStateTracker.past_states``, computed once per tracker state and arguments."""
    events = self.events
    last_event = events[-1] if events else None
    arguments = (omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    for tracker_ref, k_domain, k_events, k_length, k_last, k_arguments, k_states in reversed(_KEPT):
        if (
            tracker_ref() is self
            and k_domain is domain
            and k_events is events
            and k_length == len(events)
            and k_last is last_event
            and k_arguments == arguments
        ):
            return _copy_states(k_states)
    states = _ORIGINAL_PAST_STATES(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    entry = (weakref.ref(self), domain, events, len(events), last_event, copy.deepcopy(arguments), _copy_states(states))
    _KEPT[:] = _KEPT[-(_KEEP - 1) :] + [entry]
    return states


PATCHED = ("DialogueStateTracker.past_states",)


def install() -> None:
    """Replace Rasa's method (idempotent)."""
    DialogueStateTracker.past_states = past_states


def uninstall() -> None:
    """Put Rasa's method back (for side-by-side tests and benchmarks)."""
    DialogueStateTracker.past_states = _ORIGINAL_PAST_STATES
    _KEPT.clear()  # results kept by the replacement are not needed any more


def installed() -> bool:
    return DialogueStateTracker.past_states is past_states
