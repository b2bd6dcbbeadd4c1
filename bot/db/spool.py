"""A durable local spool for records that could not reach the database.

One JSON file per record, named so that lexical order is time order. Writes are
atomic (temp file, fsync, rename). Draining claims a file by renaming it, so two
processes draining at once never hand the same record to their handlers. ``purge``
claims the same way, so it can delete or redact records (e.g. "delete my data")
while a drainer runs.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Union

from bot.db.types import utcnow

logger = logging.getLogger(__name__)

SUFFIX = ".json"
CLAIM_MARK = ".claimed-"
TMP_PREFIX = ".tmp-"
STALE_CLAIM_SECONDS = 600
REJECTED = "rejected"
_counter = itertools.count()


class SpoolReject(Exception):
    """Raised by a drain handler for a record that can never succeed (moved aside, not retried)."""


@dataclass(frozen=True)
class SpoolEntry:
    """A pending record as stored on disk."""

    path: Path
    kind: str
    record: Dict[str, Any]
    spooled_at: str


@dataclass
class PurgeResult:
    """What ``Spool.purge`` did."""

    deleted: int = 0
    rewritten: int = 0
    left: int = 0  # matching records it could not take (held by a drainer): call again


def _read(path: Path) -> Optional[Dict[str, Any]]:
    """The stored JSON object, or None if missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "kind" not in data or "record" not in data:
        return None
    return data


def _write_atomic(final: Path, body: bytes) -> None:
    """Write ``body`` to a temp file beside ``final``, fsync it, rename it over ``final``."""
    tmp = final.with_name(f"{TMP_PREFIX}{final.name.split(CLAIM_MARK)[0]}-{uuid.uuid4().hex[:8]}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Spool:
    """A directory of pending records, drained in the order they were appended."""

    def __init__(self, directory: Union[str, Path], stale_claim_seconds: int = STALE_CLAIM_SECONDS):
        self.directory = Path(directory)
        self.stale_claim_seconds = stale_claim_seconds
        self.last_error: Optional[BaseException] = None

    def _ensure_dir(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)

    def append(self, kind: str, record: Dict[str, Any]) -> Path:
        """Durably store one record; returns its file path."""
        if not kind or not isinstance(kind, str):
            raise ValueError("kind must be a non-empty string")
        body = json.dumps(
            {"v": 1, "kind": kind, "spooled_at": utcnow().isoformat(), "record": record},
            ensure_ascii=False,
            sort_keys=True,
        ).encode("utf-8")
        self._ensure_dir()
        name = f"{time.time_ns():020d}-{os.getpid():07d}-{next(_counter):06d}-{uuid.uuid4().hex[:8]}"
        final = self.directory / f"{name}{SUFFIX}"
        _write_atomic(final, body)
        _fsync_dir(self.directory)
        return final

    @staticmethod
    def _record_paths(folder: Path) -> List[Path]:
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX) and not p.name.startswith("."))

    def _pending_paths(self) -> List[Path]:
        return self._record_paths(self.directory)

    def pending(self) -> List[SpoolEntry]:
        """Records waiting to be drained, oldest first (unreadable files are skipped)."""
        entries = []
        for path in self._pending_paths():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            entries.append(SpoolEntry(path, data["kind"], data["record"], data.get("spooled_at", "")))
        return entries

    def __len__(self) -> int:
        return len(self._pending_paths())

    def _release_stale_claims(self, folder: Optional[Path] = None) -> None:
        """Put back records claimed by a drainer (or purger) that died mid-way."""
        folder = folder or self.directory
        if not folder.is_dir():
            return
        cutoff = time.time() - self.stale_claim_seconds
        for path in folder.iterdir():
            if CLAIM_MARK not in path.name:
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    os.rename(path, folder / path.name.split(CLAIM_MARK)[0])
            except OSError:
                continue

    @staticmethod
    def _claim(path: Path) -> Optional[Path]:
        """Take ``path`` by renaming it; None if another process took it first."""
        claimed = path.with_name(f"{path.name}{CLAIM_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            os.rename(path, claimed)
        except FileNotFoundError:
            return None
        os.utime(claimed)  # the claim's age, not the record's, decides when it is stale
        return claimed

    def _set_aside(self, claimed: Path, original_name: str, folder: str) -> None:
        target = self.directory / folder
        target.mkdir(exist_ok=True, mode=0o700)
        os.rename(claimed, target / original_name)

    def drain(self, handler: Callable[[str, Dict[str, Any]], None]) -> int:
        """Hand each record to ``handler`` in order; stop at the first failure.

        A record's file is deleted only after the handler returns. A failing handler
        leaves that record and all later ones in place (``last_error`` says why);
        ``SpoolReject`` moves the record to ``rejected/`` and carries on.
        """
        self.last_error = None
        self._release_stale_claims()
        done = 0
        for path in self._pending_paths():
            claimed = self._claim(path)
            if claimed is None:
                continue  # another drainer took it
            try:
                data = json.loads(claimed.read_text(encoding="utf-8"))
                kind, record = data["kind"], data["record"]
            except (OSError, ValueError, KeyError, TypeError):
                logger.error("spool: unreadable record %s moved to bad/", path.name)
                self._set_aside(claimed, path.name, "bad")
                continue
            try:
                handler(kind, record)
            except SpoolReject as exc:
                logger.error("spool: record %s rejected: %s", path.name, exc)
                self._set_aside(claimed, path.name, REJECTED)
                continue
            except Exception as exc:  # noqa: BLE001 - any failure means "try later"
                self.last_error = exc
                # Only the type: database messages can echo parameters (personal text).
                logger.warning("spool: handler failed on %s (%s), will retry later", path.name, type(exc).__name__)
                os.rename(claimed, path)
                break
            claimed.unlink()
            done += 1
        if done:
            _fsync_dir(self.directory)
        return done

    def purge(
        self,
        match: Callable[[str, Dict[str, Any]], bool],
        rewrite: Optional[Callable[[str, Dict[str, Any]], Dict[str, Any]]] = None,
    ) -> PurgeResult:
        """Delete every pending or ``rejected/`` record for which ``match(kind, record)``
        is true, or, with ``rewrite``, replace its record by ``rewrite(kind, record)``.

        Safe next to a running ``drain``: a matching file is claimed by rename exactly as
        ``drain`` claims it, so each record is drained or purged, never both, and it is
        matched again once claimed. A rewrite replaces the claimed file atomically (temp
        file, fsync, rename) before releasing it under its old name, so a crash leaves
        the old or the new record, never neither. Records that do not match are only
        read, never moved (``bad/`` is not looked at). A matching record a drainer holds
        meanwhile is not touched and is counted in ``left``: call again once released.
        """
        result = PurgeResult()
        for folder in (self.directory, self.directory / REJECTED):
            self._release_stale_claims(folder)
            handled = set()
            for path in self._record_paths(folder):
                data = _read(path)
                if data is None or not match(data["kind"], data["record"]):
                    continue
                claimed = self._claim(path)
                if claimed is None:
                    continue  # a drainer took it; counted in ``left`` below if still there
                try:
                    data = _read(claimed)
                    if data is not None and match(data["kind"], data["record"]):
                        if rewrite is None:
                            claimed.unlink()
                            result.deleted += 1
                            handled.add(path.name)
                            continue
                        data["record"] = rewrite(data["kind"], data["record"])
                        _write_atomic(claimed, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
                        result.rewritten += 1
                        handled.add(path.name)
                finally:
                    if claimed.exists():
                        os.rename(claimed, path)  # release: rewritten, or unchanged
            if handled:
                _fsync_dir(folder)
            if folder.is_dir():
                for path in folder.iterdir():  # pending again or still claimed by a drainer
                    original = path.name.split(CLAIM_MARK)[0]
                    if original.endswith(SUFFIX) and not path.name.startswith(".") and original not in handled:
                        data = _read(path)
                        if data is not None and match(data["kind"], data["record"]):
                            result.left += 1
        return result
