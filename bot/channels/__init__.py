"""Messaging channels (Telegram via python-telegram-bot).

- ``bot.channels.telegram``: Rasa input/output channel for webhook mode (runs inside ``rasa run``).
- ``bot.channels.telegram_worker``: polling mode (``python -m bot telegram``), relays to Rasa's REST channel.
- ``bot.channels.telegram_bridge``: what both modes share (update handling, Rasa reply rendering).
- ``bot.channels.address_book``: encrypted chat addresses keyed by the pseudonymous user key.
"""
