"""Extensions plugged into the Rasa server by module path (tracker store, lock store).

Importing the package also installs two measured speed-ups of Rasa internals (every Rasa
process of ours loads its tracker store from here): the cached action-response validator
(``action_validation``) and the cached event-class lookup (``event_lookup``).
"""
try:
    from bot.rasa_ext import action_validation as _action_validation
    from bot.rasa_ext import event_lookup as _event_lookup
except ImportError:  # pragma: no cover - tools that import bot.* without Rasa installed
    pass
else:
    _action_validation.install()
    _event_lookup.install()
