"""Guards against catastrophic slowness (regex backtracking, quadratic loops) that a busy CI machine cannot fake.

A wall-clock bound on one run fails when the machine pauses the test (another job, a GC, swap),
which says nothing about the code. Catastrophic slowness is slow every time, so the guard runs the
work up to a few times and keeps the fastest run: one quick run is proof enough.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Timed(Generic[T]):
    ok: bool  # one run finished inside the budget
    fastest: float  # seconds, the fastest run (for the failing assertion's message)
    result: T  # what the last run returned, so the caller asserts on it without running the work again


def within_budget(work: Callable[[], T], budget_s: float, attempts: int = 3) -> Timed[T]:
    """Run `work` until one run finishes inside `budget_s` (at most `attempts` runs)."""
    fastest = float("inf")
    for _ in range(attempts):
        started = time.perf_counter()
        result = work()
        fastest = min(fastest, time.perf_counter() - started)
        if fastest < budget_s:
            return Timed(True, fastest, result)
    return Timed(False, fastest, result)
