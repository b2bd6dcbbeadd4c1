"""The safety detector gives exactly the findings recorded in tests/fixtures/detector_snapshot.json.gz.

The snapshot was written from the monolithic bot/safety/detector.py before it was split into the rule
catalogue (bot/safety/rules/), over ~11,500 texts: every string literal in tests/, every held-out
safety set, the NLU hold-out and training data, and neighbouring held-out texts joined. Any change in
kind, category, matched span or third_party on any of them fails here, naming the texts. When a rule is
changed on purpose, regenerate with tests/fixtures/make_detector_snapshot.py and review the diff.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bot.safety.detector import assess

SNAPSHOT = Path(__file__).parent / "fixtures" / "detector_snapshot.json.gz"


def _fields(finding):
    if finding is None:
        return None
    return {
        "kind": finding.kind,
        "category": finding.category,
        "matched": finding.matched,
        "third_party": finding.third_party,
    }


def test_snapshot_is_large_and_varied():
    rows = json.loads(gzip.decompress(SNAPSHOT.read_bytes()))
    kinds = {(r[1] or {}).get("kind") for r in rows}
    assert len(rows) > 10_000
    assert kinds == {None, "crisis", "urgent_symptom"}


def test_detector_reproduces_snapshot_exactly():
    rows = json.loads(gzip.decompress(SNAPSHOT.read_bytes()))
    diffs = [(text, want, _fields(assess(text))) for text, want in rows]
    diffs = [d for d in diffs if d[1] != d[2]]
    assert not diffs, f"{len(diffs)} texts changed, first: " + "\n".join(
        f"{t!r}: snapshot {w} != now {g}" for t, w, g in diffs[:10]
    )
