"""Extensions plugged into the Rasa server by module path (tracker store, lock store).

Importing the package also installs the cached action-response validator
(``action_validation``): every Rasa process of ours loads its tracker store from here.
"""
try:
    from bot.rasa_ext import action_validation as _action_validation
except ImportError:  # pragma: no cover - tools that import bot.* without Rasa installed
    _action_validation = None
else:
    _action_validation.install()
