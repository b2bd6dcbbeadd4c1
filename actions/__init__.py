"""Custom actions for the Rasa action server, one module per feature.

The action server imports this package when it starts (``rasa run actions --actions
actions``), so the settings are checked here: a bad value stops it at start with one
message naming each bad variable (bot.settings), not deep in an action."""

from bot.settings import load_settings as _load_settings

_load_settings(processes=["actions"])
