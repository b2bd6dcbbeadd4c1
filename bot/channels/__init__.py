"""Messaging channels (Telegram via python-telegram-bot).

- ``bot.channels.telegram``: Rasa input/output channel for webhook mode (runs inside ``rasa run``).
- ``bot.channels.telegram_worker``: polling mode (``python -m bot telegram``), relays to Rasa's REST channel.
- ``bot.channels.telegram_bridge``: what both modes share on the way in (update handlers).
- ``bot.channels.telegram_render``: Rasa bot messages rendered in a Telegram chat.
- ``bot.channels.telegram_api``: Bot API primitives (sending, splitting, keyboards), also used by
  the notifier (``bot.notify.telegram_notifier``); imports nothing else of this project.
- ``bot.channels.telegram_process``: signal handling and the staff chat id for the Telegram processes.
- ``bot.channels.address_book``: encrypted chat addresses keyed by the pseudonymous user key.
"""
