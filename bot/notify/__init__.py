"""Notifications from the outbox: staff alerts and reminders on Telegram
(``bot.notify.telegram_notifier``, run as ``python -m bot notifier``)."""
