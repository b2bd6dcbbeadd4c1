"""tests/timing.py: the guard the slowness tests lean on must fail slow work and pass quick work."""

from __future__ import annotations

import time

from tests.timing import within_budget


def test_work_slower_than_the_budget_every_time_fails_after_three_runs():
    runs = []

    def slow() -> None:
        runs.append(1)
        time.sleep(0.03)

    timed = within_budget(slow, 0.01)
    assert not timed.ok and timed.fastest >= 0.03 and len(runs) == 3


def test_one_quick_run_is_enough():
    durations = iter([0.05, 0.0, 0.05])
    runs = []

    def first_slow_then_quick() -> int:
        runs.append(1)
        time.sleep(next(durations))
        return len(runs)

    timed = within_budget(first_slow_then_quick, 0.03)
    assert timed.ok and timed.fastest < 0.03 and len(runs) == 2
    assert timed.result == 2  # what the run inside the budget returned
