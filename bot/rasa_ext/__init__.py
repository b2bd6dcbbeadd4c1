"""Extensions plugged into the Rasa server by module path (tracker store, lock store).

Importing the package also installs measured speed-ups of Rasa internals (every Rasa
process of ours loads its tracker store from here): one pooled HTTP session for action
calls (``action_client``), the cached action-response validator (``action_validation``),
the cached event-class lookup (``event_lookup``), graph runs in a precomputed order
(``graph_runner``), DIET inference without the per-call overhead (``nlu_inference``) and
a tracker's past states computed once per prediction (``tracker_states``) and rules
decoded once for matching (``rule_matching``).
"""
try:
    from bot.rasa_ext import action_client as _action_client
    from bot.rasa_ext import action_validation as _action_validation
    from bot.rasa_ext import event_lookup as _event_lookup
    from bot.rasa_ext import graph_runner as _graph_runner
    from bot.rasa_ext import nlu_inference as _nlu_inference
    from bot.rasa_ext import rule_matching as _rule_matching
    from bot.rasa_ext import tracker_states as _tracker_states
except ImportError:  # pragma: no cover - tools that import bot.* without Rasa installed
    pass
else:
    _action_client.install()
    _action_validation.install()
    _event_lookup.install()
    _graph_runner.install()
    _nlu_inference.install()
    _rule_matching.install()
    _tracker_states.install()
