"""Command line for operators: ``python -m bot <command> ...``.

Commands live in a registry. To add one (e.g. ``telegram``, ``console``,
``notifier``), register a function that configures its argparse parser and sets
a ``handler(args, settings) -> int``; use ``lazy("module:function")`` so heavy
imports only happen when that command runs::

    @command("notifier", help="deliver staff notifications from the outbox")
    def _notifier(parser):
        parser.add_argument("--once", action="store_true")
        parser.set_defaults(handler=lazy("bot.notify.telegram_notifier:cli_main"))

Exit codes: 0 ok, 1 error (message on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from bot.config import ConfigError, Settings, load_settings

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
Handler = Callable[[argparse.Namespace, Settings], Optional[int]]


class CliError(Exception):
    """A failure to report on stderr with an exit code (default 1)."""

    def __init__(self, message: str, code: int = EXIT_ERROR):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]


COMMANDS: Dict[str, Command] = {}
LONG_RUNNING = {"scheduler", "telegram", "console", "notifier"}  # log at INFO by default
WITHOUT_SETTINGS = {"settings-table"}  # run even when the environment is not fit to start


def command(name: str, help: str):
    """Register a top-level subcommand whose parser ``configure`` fills in."""

    def decorator(configure):
        COMMANDS[name] = Command(name, help, configure)
        return configure

    return decorator


def lazy(target: str) -> Handler:
    """A handler that imports ``"package.module:function"`` only when called."""

    def handler(args, settings):
        module_name, _, func_name = target.partition(":")
        return getattr(importlib.import_module(module_name), func_name)(args, settings)

    return handler


def _subcommands(parser: argparse.ArgumentParser, dest: str):
    sub = parser.add_subparsers(dest=dest, metavar="COMMAND")
    sub.required = True
    return sub


def _print_json(data) -> None:
    print(json.dumps(data, indent=2, sort_keys=True, default=str))


def _actor(name: str) -> str:
    return name if ":" in name else f"staff:{name}"


# --- db ------------------------------------------------------------------------------


@command("db", help="database schema")
def _db(parser):
    sub = _subcommands(parser, "db_command")
    p = sub.add_parser("upgrade", help="apply Alembic migrations up to head")
    p.set_defaults(handler=_db_upgrade)


def _db_upgrade(args, settings):
    from bot.db.session import upgrade

    upgrade(settings.database_url)
    print("database is up to date")
    return EXIT_OK


# --- escalations ------------------------------------------------------------------


@command("escalations", help="list, acknowledge and resolve escalations")
def _escalations(parser):
    sub = _subcommands(parser, "esc_command")
    p = sub.add_parser("list", help="list escalations, newest first")
    p.add_argument("--status", choices=["open", "acknowledged", "resolved"])
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_esc_list)
    for name, status in (("ack", "acknowledged"), ("resolve", "resolved")):
        p = sub.add_parser(name, help=f"mark an escalation {status}")
        p.add_argument("id", type=int)
        p.add_argument("--actor", required=True, help="staff name (recorded in the audit log)")
        if name == "resolve":
            p.add_argument("--note", help="resolution note")
        p.set_defaults(handler=_esc_transition, status=status)


def _esc_dict(e) -> dict:
    return {
        "id": e.id,
        "status": e.status,
        "severity": e.severity,
        "reason": e.reason,
        "reasons": list(e.reasons or [e.reason]),
        "channel": e.channel,
        "occurrences": e.occurrences,
        "excerpt": e.excerpt,
        "assignee_id": e.assignee_id,
        "created_at": e.created_at.isoformat(),
        "last_seen_at": e.last_seen_at.isoformat(),
        "acknowledged_at": e.acknowledged_at.isoformat() if e.acknowledged_at else None,
        "resolved_at": e.resolved_at.isoformat() if e.resolved_at else None,
    }


def _esc_list(args, settings):
    from bot.db.session import session_scope
    from bot.escalation.service import list_escalations

    with session_scope(settings.database_url) as session:
        rows = [_esc_dict(e) for e in list_escalations(session, args.status, args.limit)]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print("no escalations")
    for r in rows:
        excerpt = (r["excerpt"] or "").replace("\n", " ")
        excerpt = excerpt[:57] + "..." if len(excerpt) > 60 else excerpt
        print(
            f"#{r['id']:<5} {r['status']:<12} {r['severity']:<8} {r['reason']:<15} "
            f"{r['channel']:<9} x{r['occurrences']:<3} {r['created_at'][:16]}  {excerpt}"
        )
    return EXIT_OK


def _esc_transition(args, settings):
    from bot.db.session import session_scope
    from bot.escalation.service import transition

    with session_scope(settings.database_url) as session:
        esc = transition(
            session, args.id, status=args.status, actor=_actor(args.actor), note=getattr(args, "note", None)
        )
        print(f"escalation #{esc.id} is {esc.status}")
    return EXIT_OK


# --- users (privacy) ----------------------------------------------------------------


@command("users", help="export or delete one person's data")
def _users(parser):
    sub = _subcommands(parser, "users_command")
    for name in ("export", "delete"):
        p = sub.add_parser(name, help=f"{name} everything we hold on one person")
        p.add_argument("--channel", help="channel name, e.g. telegram")
        who = p.add_mutually_exclusive_group(required=True)
        who.add_argument("--id", dest="raw_id", help="the channel's user id (hashed, never stored)")
        who.add_argument("--key", dest="user_key", help="the stored user_key")
        if name == "delete":
            p.add_argument(
                "--sender-id",
                action="append",
                default=[],
                help="Rasa tracker sender_id to delete (default: derived from --id)",
            )
            p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
            p.add_argument("--json", action="store_true", help="print the report as JSON")
        p.set_defaults(handler=_users_export if name == "export" else _users_delete)


def _resolve_key(args, settings) -> Tuple[str, List[str]]:
    """(users-table key, Rasa sender ids) for --key or --channel/--id."""
    if args.user_key:
        return args.user_key.strip(), []
    if not args.channel:
        raise CliError("--channel is required with --id", EXIT_USAGE)
    channel = args.channel.strip().lower()
    try:  # the channel layer knows how a raw id becomes a Rasa sender id
        from bot.channels.address_book import keys_for
    except ImportError:
        from bot.privacy.pseudonym import user_key

        return user_key(channel, args.raw_id, settings.hmac_key), [str(args.raw_id)]
    sender, key = keys_for(channel, args.raw_id)
    return key, [sender]


def _users_export(args, settings):
    from bot.db.session import session_scope
    from bot.privacy.service import export_user

    key, _ = _resolve_key(args, settings)
    with session_scope(settings.database_url) as session:
        data = export_user(session, key)
    if data["user"] is None:
        print("no data stored for that person", file=sys.stderr)
    _print_json(data)
    return EXIT_OK


def _confirm(prompt: str) -> bool:
    try:
        return input(prompt).strip().lower() in ("y", "yes", "delete")
    except EOFError:
        return False


def _users_delete(args, settings):
    from bot.db.session import session_scope
    from bot.privacy.service import delete_user_data

    key, senders = _resolve_key(args, settings)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("refusing to delete without --yes when stdin is not a terminal", EXIT_USAGE)
        if not _confirm(
            "Delete this person's check-ins, message text, settings and "
            "conversation history? This cannot be undone. [y/N] "
        ):
            print("nothing deleted")
            return EXIT_ERROR
    senders = list(args.sender_id) or senders
    with session_scope(settings.database_url) as session:
        report = delete_user_data(
            session,
            key,
            tracker_db_url=settings.tracker_db_url,
            sender_ids=senders,
            actor="system",
            spool_dir=settings.spool_dir,
        )
    if args.json:
        _print_json(report.to_dict())
    else:
        print("\n".join(report.sentences()))
    return EXIT_ERROR if report.tracker_status == "error" else EXIT_OK


# --- staff ------------------------------------------------------------------------

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 12


@command("staff", help="staff console accounts")
def _staff(parser):
    sub = _subcommands(parser, "staff_command")
    p = sub.add_parser("create", help="create a staff account (argon2-hashed password)")
    p.add_argument("username")
    p.add_argument(
        "--role",
        choices=["staff", "admin", "clinician"],
        default="staff",
        help="clinician: may also sign off content in the console",
    )
    p.add_argument(
        "--password-env",
        default="STAFF_PASSWORD",
        help="environment variable holding the password (default STAFF_PASSWORD)",
    )
    p.set_defaults(handler=_staff_create)


def _read_password(env_name: str) -> str:
    # env: a one-off input of this command, under a name the operator chooses
    # (--password-env), not a setting; bot.settings declares the settings.
    password = os.environ.get(env_name)
    if password:
        return password
    if not sys.stdin.isatty():
        raise CliError(f"set {env_name} or run on a terminal to be prompted for the password")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise CliError("passwords do not match")
    return first


def _staff_create(args, settings):
    from argon2 import PasswordHasher
    from sqlalchemy import select

    from bot.db.audit import record_audit
    from bot.db.models import Staff
    from bot.db.session import session_scope

    username = args.username.strip().lower()
    if not USERNAME.match(username):
        raise CliError("username: 2-64 characters, lower-case letters, digits, '.', '_' or '-'", EXIT_USAGE)
    password = _read_password(args.password_env)
    if len(password) < MIN_PASSWORD:
        raise CliError(f"password must be at least {MIN_PASSWORD} characters")
    with session_scope(settings.database_url) as session:
        if session.execute(select(Staff.id).where(Staff.username == username)).first():
            raise CliError(f"staff user {username!r} already exists")
        staff = Staff(username=username, password_hash=PasswordHasher().hash(password), role=args.role, failed_logins=0)
        session.add(staff)
        session.flush()
        record_audit(
            session,
            actor="system",
            action="staff_created",
            detail={"staff_id": staff.id, "username": username, "role": args.role},
        )
    print(f"created {args.role} account {username!r}")
    return EXIT_OK


# --- spool and scheduler (the jobs themselves: bot/scheduler.py) ------------------------


@command("spool", help="records saved while the database was down")
def _spool(parser):
    sub = _subcommands(parser, "spool_command")
    sub.add_parser("drain", help="replay spooled records into the database").set_defaults(handler=_spool_drain)


def _spool_drain(args, settings):
    from bot.scheduler import drain_all, spooled_counts

    counts = drain_all(settings)
    left = sum(spooled_counts(settings).values())
    print(
        f"replayed {counts['escalations']} escalation(s), {counts['checkins']} check-in(s), "
        f"{counts.get('backstop', 0)} backstop record(s); {left} still waiting"
    )
    if left:
        raise CliError("some records could not be replayed yet (is the database up?)")
    return EXIT_OK


@command("scheduler", help="periodic jobs: drain spools, enqueue due reminders")
def _scheduler(parser):
    parser.add_argument("--once", action="store_true", help="run one pass and exit")
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between passes")
    parser.set_defaults(handler=_scheduler_run)


def _scheduler_run(args, settings):
    from bot import scheduler

    if args.interval <= 0:
        raise CliError("--interval must be positive", EXIT_USAGE)
    if args.once:
        return EXIT_OK if scheduler.tick(settings) else EXIT_ERROR
    scheduler.run_forever(settings, args.interval)
    return EXIT_OK


# --- staff console + caregiver widget ------------------------------------------------


@command("console", help="staff console and caregiver widget (web, default 127.0.0.1:8080)")
def _console(parser):
    parser.add_argument("--host", help="bind address (default $CONSOLE_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default $CONSOLE_PORT or 8080)")
    parser.set_defaults(handler=lazy("bot.console.app:cli_main"))


# --- care reminders (medication and appointments) -----------------------------------


@command("reminders", help="medication and appointment reminders (operators' view)")
def _reminders(parser):
    sub = _subcommands(parser, "reminders_command")
    p = sub.add_parser("list", help="list care reminders with their next due time (UTC)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_reminders_list)


def _reminders_list(args, settings):
    from bot.care_reminders.service import overview
    from bot.db.session import session_scope

    with session_scope(settings.database_url) as session:
        rows = overview(session)
    if args.json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print("no care reminders")
    for r in rows:
        print(
            f"#{r['id']:<5} {r['user']:<12} {r['kind']:<11} {r['pattern']:<13} "
            f"{r['time']} {r['timezone']:<20} {r['status']:<6} "
            f"next {r['next_due'] or '-':<25} {r['label']}"
        )
    return EXIT_OK


# --- clinical content review ---------------------------------------------------------


@command("content", help="knowledge content: the clinician's review sheet")
def _content(parser):
    sub = _subcommands(parser, "content_command")
    p = sub.add_parser(
        "review-sheet",
        help="write the printable HTML review sheet (every reply, "
        "its sources, review status, triage table, safety rules)",
    )
    p.add_argument("--out", help="file to write (default: standard output)")
    p.set_defaults(handler=lazy("bot.content.review_sheet:cli_review_sheet"))


# --- settings ---------------------------------------------------------------------


@command("settings-table", help="print docs/settings.md: every environment variable (type, default, description)")
def _settings_table(parser):
    parser.set_defaults(handler=_print_settings_table)


def _print_settings_table(args, settings):
    from bot.settings import settings_document

    sys.stdout.write(settings_document())
    return EXIT_OK


# --- more commands: register them above this line (see the module docstring) ---------


# --- entry point --------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The full parser, one subparser per registered command."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Companion operations")
    parser.add_argument("-v", "--verbose", action="store_true", help="more logging")
    sub = _subcommands(parser, "command")
    for cmd in COMMANDS.values():
        cmd.configure(sub.add_parser(cmd.name, help=cmd.help, description=cmd.help))
    return parser


def _db_message(exc) -> str:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"database error ({type(exc).__name__}): {detail[0] if detail else ''}"


def main(argv: Optional[List[str]] = None) -> int:
    """Parse ``argv`` and run the command; returns the exit code."""
    from sqlalchemy.exc import SQLAlchemyError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else (logging.INFO if args.command in LONG_RUNNING else logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        # every setting checked before the command runs (the process named by the command
        # also needs its production secrets); a bad value is one error naming each
        settings = None if args.command in WITHOUT_SETTINGS else load_settings(processes=[args.command])
        return int(args.handler(args, settings) or EXIT_OK)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"error: configuration: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (LookupError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except SQLAlchemyError as exc:
        print(f"error: {_db_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


# --- Telegram: polling worker, webhook setup, notifier -------------------------------
# (added by the Telegram channel work: bot/channels/telegram_worker.py, bot/notify/)


@command("telegram", help="Telegram polling worker: relays private chats to Rasa's REST channel")
def _telegram(parser):
    parser.add_argument("--rasa-url", help="Rasa server (default $RASA_URL or http://127.0.0.1:5005)")
    parser.add_argument("--poll-timeout", type=int, help="getUpdates long-poll seconds (default 30)")
    parser.set_defaults(handler=lazy("bot.channels.telegram_worker:cli_main"))


@command("telegram-webhook", help="point Telegram at the Rasa webhook (setWebhook) or remove it")
def _telegram_webhook(parser):
    parser.add_argument("--url", help="https://<host>/webhooks/telegram_ptb/webhook")
    parser.add_argument("--delete", action="store_true", help="deleteWebhook (back to polling)")
    parser.set_defaults(handler=lazy("bot.channels.telegram_worker:cli_webhook"))


@command("notifier", help="deliver staff alerts and reminders from the outbox to Telegram")
def _notifier(parser):
    parser.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
    parser.add_argument("--poll-interval", type=float, help="seconds between passes (default 0.5)")
    parser.set_defaults(handler=lazy("bot.notify.telegram_notifier:cli_main"))
