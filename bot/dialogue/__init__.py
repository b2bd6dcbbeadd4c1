"""Dialogue extensions of our own (policies that need no training).

``OUTRANKING_INTENTS`` lives here, free of Rasa imports, because the form validators on
the action server (which has no Rasa) must also know them: a validator never reads such
a message as the answer to its question.
"""

#: Requests that interrupt any open form or pending yes/no (bot/dialogue/interrupt_policy.py).
OUTRANKING_INTENTS = frozenset({"ask_privacy", "request_human", "delete_my_data"})
