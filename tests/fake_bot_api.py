"""A local fake of the Telegram Bot API for tests (aiohttp, real HTTP on 127.0.0.1).

Point python-telegram-bot at it with ``base_url=fake.base_url`` (``http://127.0.0.1:PORT/bot``).
The server runs on its own event loop in a background thread, so it can be used from
sync tests, async tests and subprocesses alike.

Bot side (``/bot<token>/<method>``, GET or POST; form, multipart or JSON bodies, like
Telegram): getMe, getUpdates (long poll, offsets, allowed_updates), sendMessage,
sendPhoto (multipart upload or URL/file_id), answerCallbackQuery, editMessageText,
editMessageReplyMarkup, setMyCommands, getMyCommands, deleteMyCommands, deleteWebhook,
setWebhook, getWebhookInfo, sendChatAction, close, logOut. Answers have the real
``{"ok": true, "result": ...}`` / ``{"ok": false, "error_code", "description",
"parameters"}`` shape, and the real checks that matter to us (text 1..4096 UTF-16 units,
callback_data <= 64 bytes, "message is not modified", getUpdates while a webhook is set
-> 409).

Test side (Python API, thread-safe): inject user updates (``user_text``, ``user_sticker``,
``user_photo``, ``user_voice``, ``user_video``, ``user_document``, ``user_location``,
``user_contact``, ``user_edit``, ``press_button``, ``group_text``, ``add_update``), read
what the bot did (``messages(chat_id)``, ``calls(method)``, ``callback_answers``), inject
faults (``fail_next(n, status=500 | 429 with retry_after | hang=seconds)``) and wait
(``wait_for`` / ``async_wait_for``). The same control surface is exposed over HTTP under
``/_test/`` for end-to-end tests that run the bot in another process.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from aiohttp import web

DEFAULT_TOKEN = "123456789:TEST-token_for-fake-bot-api"
JSON_FIELDS = {
    "reply_markup",
    "allowed_updates",
    "commands",
    "scope",
    "entities",
    "caption_entities",
    "link_preview_options",
    "reply_parameters",
}
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "from_chat_id"}
FLOAT_FIELDS = {"timeout", "cache_time"}
UPDATE_TYPES = ("message", "edited_message", "channel_post", "edited_channel_post", "callback_query")


async def start_site(app: web.Application) -> Tuple[web.AppRunner, int]:
    """Serve ``app`` on 127.0.0.1 and a free port; returns (runner, port)."""
    runner = web.AppRunner(app, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


def run_in_thread(serve: Callable[[], Awaitable[web.AppRunner]], name: str):
    """Run an aiohttp app on its own event loop in a daemon thread until stopped with
    :func:`stop_thread`; returns (thread, loop, stop event) once it is serving."""
    ready = threading.Event()
    box: Dict[str, Any] = {}

    async def main() -> None:
        box["stop"] = asyncio.Event()
        try:
            runner = await serve()
        except BaseException as exc:  # noqa: BLE001
            box["error"] = exc
            ready.set()
            return
        ready.set()
        await box["stop"].wait()
        await runner.cleanup()
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def run() -> None:
        loop = asyncio.new_event_loop()
        box["loop"] = loop
        loop.run_until_complete(main())
        loop.close()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    ready.wait(10)
    if "error" in box:
        raise box["error"]
    return thread, box["loop"], box["stop"]


def stop_thread(thread, loop, stop_event) -> None:
    if thread is not None and thread.is_alive():
        loop.call_soon_threadsafe(stop_event.set)
        thread.join(10)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: Optional[dict] = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


@dataclass
class Fault:
    remaining: int
    status: int = 500
    description: str = "Internal Server Error"
    retry_after: Optional[int] = None
    hang: Optional[float] = None
    methods: Optional[set] = None  # None: every bot method


@dataclass
class Call:
    method: str
    params: Dict[str, Any]
    at: float = field(default_factory=time.time)
    status: int = 200


class FakeBotAPI:
    """See the module docstring."""

    def __init__(self, token: str = DEFAULT_TOKEN, bot_username: str = "companion_test_bot") -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.port: Optional[int] = None
        self._lock = threading.RLock()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._stop_event: Optional[asyncio.Event] = None
        self._closing = False
        self.reset()

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}{self.token}"

    def start(self) -> "FakeBotAPI":
        self._thread, self._loop, self._stop_event = run_in_thread(self._serve, "fake-bot-api")
        return self

    async def _serve(self) -> web.AppRunner:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_bot)
        app.router.add_post("/_test/update", self._http_update)
        app.router.add_get("/_test/messages", self._http_messages)
        app.router.add_get("/_test/calls", self._http_calls)
        app.router.add_post("/_test/faults", self._http_faults)
        app.router.add_post("/_test/reset", self._http_reset)
        runner, self.port = await start_site(app)
        return runner

    def stop(self) -> None:
        self._closing = True  # long polls return at once
        stop_thread(self._thread, self._loop, self._stop_event)

    def __enter__(self) -> "FakeBotAPI":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # ------------------------------------------------------------------ state

    def reset(self) -> None:
        with self._lock:
            self._updates: List[dict] = []
            self._update_ids = itertools.count(1)
            self._message_ids: Dict[int, itertools.count] = {}
            self._callback_ids = itertools.count(1)
            self._chats: Dict[int, dict] = {}
            self._bot_messages: Dict[int, List[dict]] = {}
            self._calls: List[Call] = []
            self._faults: List[Fault] = []
            self.callback_answers: List[dict] = []
            self.commands: List[dict] = []
            self.webhook: Dict[str, Any] = {"url": ""}
            self.uploads: Dict[str, bytes] = {}

    def _next_message_id(self, chat_id: int) -> int:
        with self._lock:
            counter = self._message_ids.setdefault(chat_id, itertools.count(1))
            return next(counter)

    def _bot_user(self) -> dict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Companion",
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    # ------------------------------------------------------------------ control: users

    def chat(self, chat_id: int, chat_type: str = "private", **extra: Any) -> dict:
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is None:
                chat = {"id": chat_id, "type": chat_type}
                if chat_type == "private":
                    chat["first_name"] = extra.get("first_name", "Pat")
                else:
                    chat["title"] = extra.get("title", "Some group")
                self._chats[chat_id] = chat
            return dict(chat)

    def _user(self, user_id: int, first_name: str = "Pat", language_code: Optional[str] = "en") -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        return user

    def add_update(self, update: dict) -> int:
        """Queue a raw update (``update_id`` is assigned if missing); returns its id."""
        with self._lock:
            update = dict(update)
            update.setdefault("update_id", next(self._update_ids))
            self._updates.append(update)
            return update["update_id"]

    def _user_message(
        self,
        chat_id: int,
        content: dict,
        *,
        user_id: Optional[int] = None,
        chat_type: str = "private",
        language_code: Optional[str] = "en",
        kind: str = "message",
    ) -> dict:
        user_id = user_id if user_id is not None else chat_id
        message = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": self.chat(chat_id, chat_type),
            "from": self._user(user_id, language_code=language_code),
            **content,
        }
        if chat_type == "channel":
            message.pop("from")
            kind = "channel_post"
        self.add_update({kind: message})
        return message

    @staticmethod
    def _text_content(text: str) -> dict:
        content: Dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return content

    def user_text(self, chat_id: int, text: str, **kw: Any) -> dict:
        return self._user_message(chat_id, self._text_content(text), **kw)

    def group_text(self, chat_id: int, text: str, *, user_id: int = 4242, **kw: Any) -> dict:
        return self._user_message(chat_id, self._text_content(text), user_id=user_id, chat_type="group", **kw)

    def _file(self, prefix: str) -> dict:
        n = next(self._callback_ids)
        return {"file_id": f"{prefix}-file-{n}", "file_unique_id": f"{prefix}{n}"}

    def user_sticker(self, chat_id: int, **kw: Any) -> dict:
        sticker = {
            **self._file("sticker"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "🙂",
        }
        return self._user_message(chat_id, {"sticker": sticker}, **kw)

    def user_photo(self, chat_id: int, caption: Optional[str] = None, **kw: Any) -> dict:
        content: Dict[str, Any] = {"photo": [{**self._file("photo"), "width": 90, "height": 90, "file_size": 1234}]}
        if caption:
            content["caption"] = caption
        return self._user_message(chat_id, content, **kw)

    def user_voice(self, chat_id: int, **kw: Any) -> dict:
        voice = {**self._file("voice"), "duration": 3, "mime_type": "audio/ogg"}
        return self._user_message(chat_id, {"voice": voice}, **kw)

    def user_video(self, chat_id: int, **kw: Any) -> dict:
        video = {**self._file("video"), "width": 640, "height": 360, "duration": 5}
        return self._user_message(chat_id, {"video": video}, **kw)

    def user_document(self, chat_id: int, **kw: Any) -> dict:
        document = {**self._file("doc"), "file_name": "scan.pdf", "mime_type": "application/pdf"}
        return self._user_message(chat_id, {"document": document}, **kw)

    def user_location(self, chat_id: int, **kw: Any) -> dict:
        return self._user_message(chat_id, {"location": {"latitude": 51.5, "longitude": -0.12}}, **kw)

    def user_contact(self, chat_id: int, **kw: Any) -> dict:
        contact = {"phone_number": "+15550100", "first_name": "Sam"}
        return self._user_message(chat_id, {"contact": contact}, **kw)

    def user_edit(self, chat_id: int, message_id: int, text: str, **kw: Any) -> dict:
        user_id = kw.pop("user_id", chat_id)
        message = {
            "message_id": message_id,
            "date": int(time.time()) - 5,
            "edit_date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self._user(user_id),
            "text": text,
        }
        self.add_update({"edited_message": message})
        return message

    def press_button(self, chat_id: int, message_id: int, data: str, *, user_id: Optional[int] = None) -> str:
        """A user presses an inline button under the bot's message ``message_id``."""
        message = self.message(chat_id, message_id)
        if message is None:
            raise KeyError(f"no bot message {message_id} in chat")
        query_id = str(next(self._callback_ids) + 10_000)
        self.add_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self._user(user_id if user_id is not None else chat_id),
                    "chat_instance": f"ci-{chat_id}",
                    "data": data,
                    "message": message,
                }
            }
        )
        return query_id

    # ------------------------------------------------------------------ control: reading

    def messages(self, chat_id: int) -> List[dict]:
        """Current state of what the bot sent to ``chat_id`` (edits applied), oldest first."""
        with self._lock:
            return copy.deepcopy(self._bot_messages.get(chat_id, []))

    def texts(self, chat_id: int) -> List[str]:
        return [m.get("text") or m.get("caption") or "" for m in self.messages(chat_id)]

    def message(self, chat_id: int, message_id: int) -> Optional[dict]:
        with self._lock:
            for message in self._bot_messages.get(chat_id, []):
                if message["message_id"] == message_id:
                    return copy.deepcopy(message)
        return None

    def calls(self, method: Optional[str] = None) -> List[Call]:
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def pending_updates(self) -> int:
        with self._lock:
            return len(self._updates)

    # ------------------------------------------------------------------ control: faults

    def fail_next(
        self,
        n: int = 1,
        *,
        status: int = 500,
        retry_after: Optional[int] = None,
        hang: Optional[float] = None,
        methods: Optional[List[str]] = None,
        description: Optional[str] = None,
    ) -> None:
        """The next ``n`` bot calls (of ``methods``, default all) fail: HTTP ``status``
        (429 gets ``parameters.retry_after``), or hang for ``hang`` seconds then 504."""
        if retry_after is not None:
            status = 429
        default = {429: f"Too Many Requests: retry after {retry_after}", 502: "Bad Gateway"}
        with self._lock:
            self._faults.append(
                Fault(
                    remaining=n,
                    status=status if hang is None else 504,
                    description=description or default.get(status, "Internal Server Error"),
                    retry_after=retry_after,
                    hang=hang,
                    methods=set(methods) if methods else None,
                )
            )

    def _take_fault(self, method: str) -> Optional[Fault]:
        with self._lock:
            for fault in self._faults:
                if fault.remaining > 0 and (fault.methods is None or method in fault.methods):
                    fault.remaining -= 1
                    return fault
            self._faults = [f for f in self._faults if f.remaining > 0]
        return None

    # ------------------------------------------------------------------ control: waiting

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.02) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout}s")
            time.sleep(interval)

    async def async_wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.02) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout}s")
            await asyncio.sleep(interval)

    # ------------------------------------------------------------------ HTTP: bot API

    @staticmethod
    def _coerce(name: str, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if name in JSON_FIELDS:
            return json.loads(value)
        if name in INT_FIELDS:
            try:
                return int(value)
            except ValueError:
                return value  # @channelusername
        if name in FLOAT_FIELDS:
            return float(value)
        if value in ("true", "false"):
            return value == "true"
        return value

    async def _params(self, request: web.Request) -> Dict[str, Any]:
        params: Dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                params.update(await request.json())
            elif ctype == "multipart/form-data":
                reader = await request.multipart()
                async for part in reader:
                    if part.filename is not None:
                        data = await part.read()
                        self.uploads[part.name] = bytes(data)
                        params[part.name] = {"filename": part.filename, "size": len(data)}
                    else:
                        params[part.name] = await part.text()
            else:
                params.update(dict(await request.post()))
        return {k: self._coerce(k, v) for k, v in params.items()}

    @staticmethod
    def _error(code: int, description: str, parameters: Optional[dict] = None) -> web.Response:
        body: Dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=code)

    async def _handle_bot(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        try:
            params = await self._params(request)
        except (ValueError, json.JSONDecodeError) as exc:
            return self._error(400, f"Bad Request: can't parse parameters: {exc}")
        call = Call(method=method, params=params)
        with self._lock:
            self._calls.append(call)
        fault = self._take_fault(method)
        if fault is not None:
            call.status = fault.status
            if fault.hang:
                await asyncio.sleep(fault.hang)
                return self._error(504, "Gateway Timeout")
            parameters = {"retry_after": fault.retry_after} if fault.retry_after is not None else None
            return self._error(fault.status, fault.description, parameters)
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            call.status = 404
            return self._error(404, "Not Found: method not found")
        try:
            result = await handler(params)
        except ApiError as exc:
            call.status = exc.code
            return self._error(exc.code, exc.description, exc.parameters)
        except KeyError as exc:
            call.status = 400
            return self._error(400, f"Bad Request: parameter {exc} is required")
        return web.json_response({"ok": True, "result": result})

    # -- methods

    async def _m_getme(self, params: dict) -> dict:
        return self._bot_user()

    async def _m_getupdates(self, params: dict) -> list:
        with self._lock:
            if self.webhook.get("url"):
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates") or None
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if allowed:
                    self._updates = [
                        u
                        for u in self._updates
                        if any(k in u for k in allowed) or not any(k in u for k in UPDATE_TYPES)
                    ]
                ready = self._updates[:limit]
            if ready or time.monotonic() >= deadline or self._closing:
                return copy.deepcopy(ready)
            await asyncio.sleep(0.02)

    def _check_text(self, text: Any, what: str = "message text") -> str:
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, f"Bad Request: {what} is empty")
        if _utf16_len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    @staticmethod
    def _check_markup(markup: Any) -> Optional[dict]:
        if not markup:
            return None
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not (1 <= len(data.encode("utf-8")) <= 64):
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return markup

    def _chat_for_send(self, chat_id: Any) -> dict:
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        return self.chat(chat_id, "private" if chat_id > 0 else "group")

    def _store(self, chat_id: int, message: dict) -> dict:
        with self._lock:
            self._bot_messages.setdefault(chat_id, []).append(message)
        return copy.deepcopy(message)

    def _new_bot_message(self, chat_id: int, **content: Any) -> dict:
        message = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": self._chat_for_send(chat_id),
            "from": {k: v for k, v in self._bot_user().items() if k in ("id", "is_bot", "first_name", "username")},
        }
        message.update({k: v for k, v in content.items() if v is not None})
        return message

    async def _m_sendmessage(self, params: dict) -> dict:
        chat_id = params["chat_id"]
        text = self._check_text(params.get("text"))
        markup = self._check_markup(params.get("reply_markup"))
        parse_mode = params.get("parse_mode")
        message = self._new_bot_message(chat_id, text=text, reply_markup=markup)
        if parse_mode:
            message["_parse_mode"] = parse_mode
        return self._store(chat_id, message)

    async def _m_sendphoto(self, params: dict) -> dict:
        chat_id = params["chat_id"]
        photo = params.get("photo")
        if photo is None:
            raise ApiError(400, "Bad Request: there is no photo in the request")
        if isinstance(photo, str) and photo.startswith("attach://"):
            photo = params.get(photo[len("attach://") :])
        if isinstance(photo, dict):
            source = {"upload_size": photo["size"]}
        else:
            source = {"url": photo}
        n = self._next_message_id(-999_999)
        sizes = [{"file_id": f"sent-photo-{n}", "file_unique_id": f"sp{n}", "width": 320, "height": 240}]
        message = self._new_bot_message(
            chat_id,
            photo=sizes,
            caption=params.get("caption"),
            reply_markup=self._check_markup(params.get("reply_markup")),
        )
        message["_source"] = source
        return self._store(chat_id, message)

    async def _m_answercallbackquery(self, params: dict) -> bool:
        with self._lock:
            self.callback_answers.append(
                {
                    "callback_query_id": str(params["callback_query_id"]),
                    "text": params.get("text"),
                    "show_alert": params.get("show_alert", False),
                }
            )
        return True

    def _find(self, params: dict) -> dict:
        chat_id, message_id = params.get("chat_id"), params.get("message_id")
        with self._lock:
            for message in self._bot_messages.get(chat_id, []):
                if message["message_id"] == message_id:
                    return message
        raise ApiError(400, "Bad Request: message to edit not found")

    def _edit(self, params: dict, **content: Any) -> dict:
        """Apply an edit (``reply_markup`` None removes the keyboard) like Telegram does,
        refusing one that changes nothing."""
        with self._lock:
            message = self._find(params)
            if all(message.get(k) == v for k, v in content.items()):
                raise ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content "
                    "and reply markup are exactly the same as a current content and reply markup "
                    "of the message",
                )
            for key, value in content.items():
                if value:
                    message[key] = value
                else:
                    message.pop(key, None)
            message["edit_date"] = int(time.time())
            message["_edits"] = message.get("_edits", 0) + 1
            return copy.deepcopy(message)

    async def _m_editmessagetext(self, params: dict) -> dict:
        return self._edit(
            params,
            text=self._check_text(params.get("text")),
            reply_markup=self._check_markup(params.get("reply_markup")),
        )

    async def _m_editmessagereplymarkup(self, params: dict) -> dict:
        return self._edit(params, reply_markup=self._check_markup(params.get("reply_markup")))

    async def _m_setmycommands(self, params: dict) -> bool:
        with self._lock:
            self.commands = list(params.get("commands") or [])
        return True

    async def _m_getmycommands(self, params: dict) -> list:
        with self._lock:
            return list(self.commands)

    async def _m_deletemycommands(self, params: dict) -> bool:
        with self._lock:
            self.commands = []
        return True

    async def _m_setwebhook(self, params: dict) -> bool:
        with self._lock:
            self.webhook = {
                "url": params.get("url", ""),
                "secret_token": params.get("secret_token"),
                "allowed_updates": params.get("allowed_updates"),
            }
            if params.get("drop_pending_updates"):
                self._updates = []
        return True

    async def _m_deletewebhook(self, params: dict) -> bool:
        with self._lock:
            self.webhook = {"url": ""}
            if params.get("drop_pending_updates"):
                self._updates = []
        return True

    async def _m_getwebhookinfo(self, params: dict) -> dict:
        with self._lock:
            info = {
                "url": self.webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
            if self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
            return info

    async def _m_sendchataction(self, params: dict) -> bool:
        params["chat_id"]  # required
        return True

    async def _m_close(self, params: dict) -> bool:
        return True

    async def _m_logout(self, params: dict) -> bool:
        return True

    # ------------------------------------------------------------------ HTTP: test control

    async def _http_update(self, request: web.Request) -> web.Response:
        """POST /_test/update {"kind": "text"|"sticker"|...|"button"|"raw", "chat_id", ...}."""
        spec = await request.json()
        kind = spec.pop("kind", "text")
        if kind == "raw":
            return web.json_response({"update_id": self.add_update(spec["update"])})
        if kind == "button":
            return web.json_response({"callback_query_id": self.press_button(**spec)})
        result = getattr(self, "group_text" if kind == "group" else f"user_{kind}")(**spec)
        return web.json_response(result)

    async def _http_messages(self, request: web.Request) -> web.Response:
        return web.json_response(self.messages(int(request.query["chat_id"])))

    async def _http_calls(self, request: web.Request) -> web.Response:
        method = request.query.get("method")
        return web.json_response(
            [{"method": c.method, "params": c.params, "status": c.status} for c in self.calls(method)]
        )

    async def _http_faults(self, request: web.Request) -> web.Response:
        self.fail_next(**(await request.json()))
        return web.json_response({"ok": True})

    async def _http_reset(self, request: web.Request) -> web.Response:
        self.reset()
        return web.json_response({"ok": True})
