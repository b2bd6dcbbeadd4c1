"""Medication and appointment reminders with adherence tracking.

- ``parsing``: free text -> ``ReminderDraft`` (pure), and plain-words descriptions.
- ``schedule``: when a reminder fires, in UTC, from its local rule (pure, DST-aware).
- ``service``: create/list/change reminders, the planner (``plan_due``), replies and
  adherence figures.
- ``texts``: what the person reads. Never dosing advice.
"""
