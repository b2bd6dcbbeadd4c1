"""The offline spool: atomic, ordered, drained once even by competing processes;
escalations and check-ins survive a database outage."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import stat
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from bot.checkins import service as checkins
from bot.db.models import Checkin, Escalation, Outbox
from bot.db.session import session_scope
from bot.db.spool import PurgeResult, Spool, SpoolReject
from bot.escalation import service as escalations

DOWN_URL = "postgresql://companion@127.0.0.1:1/x"  # nothing listens on port 1


def test_append_writes_one_durable_file_per_record(tmp_path):
    spool = Spool(tmp_path / "s")
    paths = [spool.append("thing", {"n": i, "text": "naïve ☂"}) for i in range(5)]
    assert sorted(paths) == paths  # names sort by time
    assert [p.name for p in sorted((tmp_path / "s").iterdir())] == [p.name for p in paths]
    assert stat.S_IMODE(paths[0].stat().st_mode) == 0o600
    entries = spool.pending()
    assert [e.record["n"] for e in entries] == [0, 1, 2, 3, 4]
    assert entries[0].kind == "thing" and entries[0].record["text"] == "naïve ☂"
    assert json.loads(paths[0].read_text())["record"] == {"n": 0, "text": "naïve ☂"}
    assert len(spool) == 5
    with pytest.raises(TypeError):
        spool.append("thing", {"when": datetime.now()})  # not JSON: refused, nothing written
    assert len(spool) == 5 and not [p for p in (tmp_path / "s").iterdir() if p.name.startswith(".")]


def test_drain_in_order_and_failure_keeps_the_rest(tmp_path):
    spool = Spool(tmp_path)
    for i in range(5):
        spool.append("n", {"i": i})
    seen = []

    def flaky(kind, record):
        if record["i"] == 2 and len(seen) < 3:
            raise RuntimeError("database down")
        seen.append(record["i"])

    assert spool.drain(flaky) == 2
    assert seen == [0, 1] and isinstance(spool.last_error, RuntimeError)
    assert [e.record["i"] for e in spool.pending()] == [2, 3, 4]
    seen.append("retry")
    assert spool.drain(flaky) == 3
    assert seen == [0, 1, "retry", 2, 3, 4] and spool.pending() == []
    assert spool.drain(flaky) == 0


def test_rejected_and_unreadable_records_are_set_aside(tmp_path):
    spool = Spool(tmp_path)
    spool.append("n", {"i": 0})
    (tmp_path / "00000000000000000001-bad.json").write_text("{not json")
    spool.append("n", {"i": 1})
    spool.append("n", {"i": 2})
    seen = []

    def handler(kind, record):
        if record["i"] == 1:
            raise SpoolReject("never valid")
        seen.append(record["i"])

    assert spool.drain(handler) == 2 and seen == [0, 2] and spool.pending() == []
    assert len(list((tmp_path / "rejected").iterdir())) == 1
    assert len(list((tmp_path / "bad").iterdir())) == 1


def test_stale_claims_are_released(tmp_path):
    spool = Spool(tmp_path, stale_claim_seconds=60)
    path = spool.append("n", {"i": 0})
    claimed = path.with_name(path.name + ".claimed-999-dead")
    os.rename(path, claimed)  # a drainer died holding it
    assert spool.drain(lambda k, r: None) == 0
    old = time.time() - 120
    os.utime(claimed, (old, old))
    seen = []
    assert spool.drain(lambda k, r: seen.append(r["i"])) == 1 and seen == [0]


def _drain_into(directory, out_path):
    def handler(kind, record):
        with open(out_path, "a") as out:
            out.write(f"{record['i']}\n")

    Spool(directory).drain(handler)


def test_two_processes_draining_at_once_hand_out_each_record_once(tmp_path):
    spool = Spool(tmp_path / "s")
    for i in range(300):
        spool.append("n", {"i": i})
    ctx = multiprocessing.get_context("fork")
    outs = [tmp_path / f"out{n}.txt" for n in range(3)]
    procs = [ctx.Process(target=_drain_into, args=(tmp_path / "s", out)) for out in outs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    handled = [int(line) for out in outs if out.exists() for line in out.read_text().split()]
    assert sorted(handled) == list(range(300)) and spool.pending() == []


# --- purge: delete or rewrite matching records, next to a drainer ----------------------------


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _is_a(kind, record):
    return record["who"] == "a"


def test_purge_deletes_or_rewrites_matching_records_and_leaves_the_rest(tmp_path):
    spool = Spool(tmp_path)
    for i, who in enumerate("abab"):
        spool.append("n", {"i": i, "who": who, "text": f"secret {who}{i}"})

    def reject_first_two(kind, record):
        if record["i"] < 2:
            raise SpoolReject("never valid")

    spool.drain(reject_first_two)
    for i, who in enumerate("ab", start=4):
        spool.append("n", {"i": i, "who": who, "text": f"secret {who}{i}"})
    rejected = tmp_path / "rejected"
    assert len(spool) == 2 and len(_files(rejected)) == 2  # 0 (a), 1 (b) rejected; 2, 3 drained
    b_before = {n: b for folder in (tmp_path, rejected) for n, b in _files(folder).items() if b'"b"' in b}

    result = spool.purge(_is_a, lambda kind, r: dict(r, text=None, who="gone"))
    assert (result.rewritten, result.deleted, result.left) == (2, 0, 0)
    pending = spool.pending()
    assert [(e.record["i"], e.record["who"], e.record["text"]) for e in pending] == [
        (4, "gone", None),
        (5, "b", "secret b5"),
    ]  # same names, so same order
    assert pending[0].spooled_at  # the envelope is kept
    [r0] = [json.loads(b)["record"] for b in _files(rejected).values() if b'"i": 0' in b]
    assert r0 == {"i": 0, "who": "gone", "text": None}
    b_after = {n: b for folder in (tmp_path, rejected) for n, b in _files(folder).items() if b'"b"' in b}
    assert b_after == b_before  # not touched at all

    spool.append("n", {"i": 6, "who": "a", "text": "secret a6"})
    result = spool.purge(lambda kind, r: r["who"] in ("a", "gone"))
    assert (result.deleted, result.rewritten, result.left) == (3, 0, 0)
    everything = b"".join(_files(tmp_path).values()) + b"".join(_files(rejected).values())
    assert b"secret a" not in everything and b'"gone"' not in everything
    assert [e.record["i"] for e in spool.pending()] == [5]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_purge_leaves_a_record_held_by_a_drainer_alone(tmp_path):
    spool = Spool(tmp_path)
    path = spool.append("n", {"who": "a", "text": "secret"})
    claimed = path.with_name(path.name + ".claimed-999-live")
    os.rename(path, claimed)  # a drainer is replaying it right now
    before = claimed.read_bytes()
    assert spool.purge(_is_a) == PurgeResult(deleted=0, rewritten=0, left=1)
    assert claimed.read_bytes() == before and not path.exists()  # not corrupted, not stolen
    os.rename(claimed, path)  # the drainer failed and put it back
    result = spool.purge(_is_a)
    assert (result.deleted, result.left) == (1, 0) and spool.pending() == []


def test_purge_failing_rewrite_puts_the_record_back_unchanged(tmp_path):
    spool = Spool(tmp_path)
    path = spool.append("n", {"who": "a", "text": "secret"})
    before = path.read_bytes()

    def broken(kind, record):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        spool.purge(_is_a, broken)
    assert _files(tmp_path) == {path.name: before}


def _drain_logging(directory, out_path):
    def handler(kind, record):
        with open(out_path, "a") as out:
            out.write(f"{record['i']}:{record['who']}\n")

    Spool(directory).drain(handler)


def test_purge_next_to_drainers_loses_nothing_and_hands_out_nothing_twice(tmp_path):
    spool = Spool(tmp_path / "s")
    for i in range(300):
        spool.append("n", {"i": i, "who": "a" if i % 3 == 0 else "b"})
    ctx = multiprocessing.get_context("fork")
    outs = [tmp_path / f"out{n}.txt" for n in range(2)]
    procs = [ctx.Process(target=_drain_logging, args=(tmp_path / "s", out)) for out in outs]
    for p in procs:
        p.start()
    rewritten = 0
    for _ in range(20):
        rewritten += spool.purge(_is_a, lambda kind, r: dict(r, who="redacted")).rewritten
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    _drain_logging(tmp_path / "s", tmp_path / "out-last.txt")  # whatever is left
    lines = [line for out in tmp_path.glob("out*.txt") for line in out.read_text().split()]
    handled = sorted(lines, key=lambda line: int(line.split(":")[0]))
    assert [int(line.split(":")[0]) for line in handled] == list(range(300))  # each exactly once
    for line in handled:
        i, who = line.split(":")
        assert who == "b" if int(i) % 3 else who in ("a", "redacted")  # b never rewritten
    assert sum(line.endswith(":redacted") for line in handled) == rewritten
    assert list((tmp_path / "s").iterdir()) == []  # no claim or temp file left behind


# --- database outage end to end -----------------------------------------------------------


def test_outage_spools_then_drains_nothing_lost_nothing_doubled(settings, make_key):
    down = dataclasses.replace(settings, database_url=DOWN_URL)
    t0 = datetime.now(timezone.utc) - timedelta(minutes=10)
    a, b = make_key("a"), make_key("b")
    calls = [
        dict(user_key=a, channel="telegram", severity="critical", reason="crisis", excerpt="I can't go on", now=t0),
        dict(
            user_key=a,
            channel="telegram",
            severity="critical",
            reason="crisis",
            excerpt="I can't go on",
            now=t0 + timedelta(minutes=1),
        ),
        dict(
            user_key=b,
            channel="widget",
            severity="medium",
            reason="caregiver_flag",
            excerpt="she is not eating",
            now=t0 + timedelta(minutes=2),
        ),
    ]
    for kwargs in calls:
        assert escalations.record_or_spool(down, **kwargs) is None
    for i, score in enumerate((2, 5, 9)):
        assert (
            checkins.record_or_spool(down, user_key=a, channel="telegram", score=score, at=t0 + timedelta(minutes=i))
            is None
        )
    with pytest.raises(ValueError):  # bad input is an error, never spooled
        checkins.record_or_spool(down, user_key=a, channel="telegram", score=11)
    assert len(escalations.spool_for(settings)) == 3 and len(checkins.spool_for(settings)) == 3

    # Still down: draining keeps everything.
    assert escalations.drain_spool(down) == 0 and checkins.drain_spool(down) == 0
    assert len(escalations.spool_for(settings)) == 3 and len(checkins.spool_for(settings)) == 3

    # Back up.
    assert escalations.drain_spool(settings) == 3 and checkins.drain_spool(settings) == 3
    assert escalations.drain_spool(settings) == 0 and checkins.drain_spool(settings) == 0
    with session_scope(settings.database_url) as s:
        escs = s.execute(select(Escalation).order_by(Escalation.id)).scalars().all()
        assert [(e.reason, e.occurrences) for e in escs] == [("crisis", 2), ("caregiver_flag", 1)]
        assert escs[0].created_at == t0  # the time it happened, not the time of replay
        rows = s.execute(select(Checkin).order_by(Checkin.created_at)).scalars().all()
        assert [(c.score, c.source) for c in rows] == [(2, "spool"), (5, "spool"), (9, "spool")]
        assert (
            s.execute(select(func.count()).select_from(Outbox).where(Outbox.kind == "escalation_opened")).scalar_one()
            == 2
        )


def test_replaying_a_record_twice_does_not_double(settings, make_key):
    down = dataclasses.replace(settings, database_url=DOWN_URL)
    checkins.record_or_spool(down, user_key=make_key("c"), channel="telegram", score=4)
    [entry] = checkins.spool_for(settings).pending()
    copy = entry.path.read_bytes()
    assert checkins.drain_spool(settings) == 1
    entry.path.write_bytes(copy)  # as if we crashed after the commit, before the unlink
    assert checkins.drain_spool(settings) == 1
    with session_scope(settings.database_url) as s:
        assert s.execute(select(func.count()).select_from(Checkin)).scalar_one() == 1


def test_record_or_spool_writes_directly_when_the_database_is_up(settings, make_key):
    esc, created = escalations.record_or_spool(
        settings,
        user_key=make_key("d"),
        channel="telegram",
        severity="critical",
        reason="urgent_symptom",
        excerpt="fever 38.5 on chemo",
    )
    checkin = checkins.record_or_spool(settings, user_key=make_key("d"), channel="telegram", score=3)
    assert created and esc.id and checkin.id and checkin.source == "form"
    assert len(escalations.spool_for(settings)) == 0
