"""Safety layer: stateless crisis / red-flag symptom detection (see :mod:`bot.safety.detector`).

Only the pure-Python detector is re-exported here; the Rasa component lives in
:mod:`bot.safety.component` and is imported by Rasa from its config path, so importing
``bot.safety`` never pulls in Rasa.
"""

from bot.safety.detector import SafetyFinding, assess, normalise

__all__ = ["SafetyFinding", "assess", "normalise"]
