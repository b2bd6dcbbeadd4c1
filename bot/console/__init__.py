"""Staff console: an aiohttp web app for support staff (escalation queue, detail,
live handoff) with a JSON API under /api/, and the host of the caregiver web widget
(/chat, /widget.js). Run it with ``python -m bot console``.

Modules: ``settings`` (environment), ``auth`` (login, sessions, lockout, bearer token),
``csrf``, ``views`` (HTML pages), ``api`` (JSON + OpenAPI), ``sse`` (live queue
updates), ``relay`` (Rasa HTTP API: transcript, take over / message / hand back),
``queries`` (database reads shared by pages and API), ``app`` (wiring, middlewares).
"""
