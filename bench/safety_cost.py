"""Per-message cost of the safety layer's rule work (detector, then the history check when the
detector finds nothing), on the load script's messages. Not a test.

    PYTHONPATH=TREE .venv/bin/python bench/safety_cost.py TREE

Run it for two checkouts (e.g. a `git worktree` of the landed commit and this one), alternating,
to compare them side by side on the same machine; prints the median of five runs of 500 messages.
"""

from __future__ import annotations

import sys
import time

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")

from bench.load import OUR_SCRIPT  # noqa: E402
from bot.safety import detector  # noqa: E402

HAS_HISTORY = hasattr(detector, "told_as_history")


def one(text: str) -> None:
    """What the NLU component asks of the rules for one message."""
    if detector.assess(text) is None and HAS_HISTORY:
        detector.told_as_history(text)


def main() -> None:
    for text in OUR_SCRIPT:  # warm up (regex compilation)
        one(text)
    runs = []
    for _ in range(5):
        start, n = time.perf_counter(), 0
        while n < 500:
            for text in OUR_SCRIPT:
                one(text)
                n += 1
        runs.append((time.perf_counter() - start) / n * 1000)
    label = "assess + told_as_history" if HAS_HISTORY else "assess"
    print(f"{sys.argv[1:] or ['.']} {label}: {sorted(runs)[2]:.3f} ms a message (median of 5 x 500)")


if __name__ == "__main__":
    main()
