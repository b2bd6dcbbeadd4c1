"""Extensions of the Rasa server: the tracker store and lock store Rasa loads by module
path from endpoints*.yml, and measured speed-ups of Rasa internals.

Importing this package (or the stores) changes nothing in Rasa. The speed-ups -- one pooled
HTTP session for action calls (``action_client``), the cached action-response validator
(``action_validation``), the cached event-class lookup (``event_lookup``), graph runs in a
precomputed order (``graph_runner``), DIET inference without the per-call overhead
(``nlu_inference``), rules decoded once for matching (``rule_matching``) and a tracker's past
states computed once per prediction (``tracker_states``) -- are installed only by
``bot.rasa_ext.speedups``, which ``python -m bot.rasa_server`` calls before starting Rasa.
"""
