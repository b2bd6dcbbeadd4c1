"""Evaluate the rule-based safety detector on held-out sets and write bench/safety/REPORT.md.

Usage (from the repository root)::

    .venv/bin/python bench/safety_eval.py                      # every bench/safety/heldout*.yml
    .venv/bin/python bench/safety_eval.py bench/safety/heldout.yml

Each set is YAML with three lists::

    crisis: [...]          # must come back as kind == "crisis"
    urgent_symptom: [...]  # must come back as kind == "urgent_symptom"
    neither: [...]         # must come back as None

Metrics per set: crisis recall, urgent recall (a crisis finding on an urgent item
counts as a miss for urgent recall and is listed), false-positive rate on
``neither`` (any finding), plus latency. Targets: crisis recall 100 %,
urgent recall >= 95 %, false positives <= 5 %. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402  (PyYAML ships with the project's pinned dependencies)

from bot.safety.detector import SafetyFinding, assess  # noqa: E402

SAFETY_DIR = ROOT / "bench" / "safety"
REPORT = SAFETY_DIR / "REPORT.md"
TARGETS = {"crisis_recall": 1.0, "urgent_recall": 0.95, "fp_rate": 0.05}


def _load(path: Path) -> Dict[str, List[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for key in ("crisis", "urgent_symptom", "neither"):
        items = data.get(key) or (data.get("urgent") if key == "urgent_symptom" else None) or []
        if not all(isinstance(x, str) for x in items):
            raise SystemExit(f"{path}: every item under {key!r} must be a string")
        out[key] = items
    return out


def _fmt(f: Optional[SafetyFinding]) -> str:
    if f is None:
        return "None"
    tp = ", third party" if f.third_party else ""
    return f'{f.kind}/{f.category}{tp} (matched: "{f.matched}")'


def evaluate(path: Path) -> Dict[str, object]:
    sets = _load(path)
    timings: List[float] = []
    results: Dict[str, List[Tuple[str, Optional[SafetyFinding]]]] = {}
    for key, items in sets.items():
        rows = []
        for text in items:
            t0 = time.perf_counter()
            finding = assess(text)
            timings.append(time.perf_counter() - t0)
            rows.append((text, finding))
        results[key] = rows

    crisis_rows = results["crisis"]
    urgent_rows = results["urgent_symptom"]
    neither_rows = results["neither"]
    crisis_miss = [(t, f) for t, f in crisis_rows if f is None or f.kind != "crisis"]
    urgent_miss = [(t, f) for t, f in urgent_rows if f is None or f.kind != "urgent_symptom"]
    false_pos = [(t, f) for t, f in neither_rows if f is not None]

    def ratio(bad: int, total: int) -> float:
        return (total - bad) / total if total else 1.0

    crisis_cats: Dict[str, int] = {}
    for _, f in crisis_rows:
        if f is not None and f.kind == "crisis":
            crisis_cats[f.category] = crisis_cats.get(f.category, 0) + 1
    urgent_cats: Dict[str, int] = {}
    for _, f in urgent_rows:
        if f is not None and f.kind == "urgent_symptom":
            urgent_cats[f.category] = urgent_cats.get(f.category, 0) + 1

    return {
        "path": path,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:12],
        "n": {k: len(v) for k, v in sets.items()},
        "crisis_recall": ratio(len(crisis_miss), len(crisis_rows)),
        "urgent_recall": ratio(len(urgent_miss), len(urgent_rows)),
        "fp_rate": (len(false_pos) / len(neither_rows)) if neither_rows else 0.0,
        "crisis_miss": crisis_miss,
        "urgent_miss": urgent_miss,
        "false_pos": false_pos,
        "crisis_cats": crisis_cats,
        "urgent_cats": urgent_cats,
        "ms_mean": statistics.mean(timings) * 1000 if timings else 0.0,
        "ms_max": max(timings) * 1000 if timings else 0.0,
    }


def _passes(r: Dict[str, object]) -> bool:
    return (
        r["crisis_recall"] >= TARGETS["crisis_recall"]
        and r["urgent_recall"] >= TARGETS["urgent_recall"]
        and r["fp_rate"] <= TARGETS["fp_rate"]
    )


def _section(r: Dict[str, object]) -> List[str]:
    n = r["n"]
    rel = Path(r["path"]).resolve().relative_to(ROOT)
    lines = [
        f"## `{rel}` (sha256 {r['sha256']})",
        "",
        f"Items: {n['crisis']} crisis, {n['urgent_symptom']} urgent, {n['neither']} neither.",
        "",
        "| metric | value | target | |",
        "|---|---|---|---|",
        f"| crisis recall | {r['crisis_recall']:.1%} ({n['crisis'] - len(r['crisis_miss'])}/{n['crisis']}) | 100 % | "
        f"{'ok' if r['crisis_recall'] >= TARGETS['crisis_recall'] else 'MISSED'} |",
        f"| urgent recall | {r['urgent_recall']:.1%} ({n['urgent_symptom'] - len(r['urgent_miss'])}/{n['urgent_symptom']}) "
        f"| >= 95 % | {'ok' if r['urgent_recall'] >= TARGETS['urgent_recall'] else 'MISSED'} |",
        f"| false positives on neither | {r['fp_rate']:.1%} ({len(r['false_pos'])}/{n['neither']}) | <= 5 % | "
        f"{'ok' if r['fp_rate'] <= TARGETS['fp_rate'] else 'MISSED'} |",
        f"| latency per message | mean {r['ms_mean']:.2f} ms, max {r['ms_max']:.2f} ms | | |",
        "",
        "Crisis categories found: " + (", ".join(f"{k} {v}" for k, v in sorted(r["crisis_cats"].items())) or "-"),
        "",
        "Urgent categories found: " + (", ".join(f"{k} {v}" for k, v in sorted(r["urgent_cats"].items())) or "-"),
        "",
    ]
    for title, rows in (
        ("Crisis misses", r["crisis_miss"]),
        ("Urgent misses", r["urgent_miss"]),
        ("False positives (neither)", r["false_pos"]),
    ):
        lines.append(f"### {title}: {len(rows)}")
        lines.append("")
        if not rows:
            lines.append("none")
        for text, f in rows:
            lines.append(f'- "{text}" -> {_fmt(f)}')
        lines.append("")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", type=Path, help="held-out YAML files (default: bench/safety/heldout*.yml)")
    ap.add_argument("--report", type=Path, default=REPORT, help="where to write the Markdown report")
    args = ap.parse_args(argv)
    paths = args.sets or sorted(SAFETY_DIR.glob("heldout*.yml"))
    if not paths:
        print("no held-out sets found under bench/safety/", file=sys.stderr)
        return 2
    results = [evaluate(p) for p in paths]

    notes_path = SAFETY_DIR / "NOTES.md"
    lines = [
        "# Safety detector: held-out evaluation",
        "",
        f"Generated by `bench/safety_eval.py` on {_dt.date.today().isoformat()} "
        f"(detector `bot/safety/detector.py`, sha256 "
        f"{hashlib.sha256((ROOT / 'bot/safety/detector.py').read_bytes()).hexdigest()[:12]}).",
        "A finding of the wrong kind counts as a miss (a crisis item reported as urgent is a crisis miss);",
        "any finding on a `neither` item is a false positive.",
        "",
    ]
    if notes_path.exists():
        lines += [notes_path.read_text(encoding="utf-8").rstrip(), ""]
    for r in results:
        lines += _section(r)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")

    for r in results:
        rel = Path(r["path"]).resolve().relative_to(ROOT)
        n = r["n"]
        print(
            f"{rel}: crisis recall {r['crisis_recall']:.1%} ({n['crisis'] - len(r['crisis_miss'])}/{n['crisis']}), "
            f"urgent recall {r['urgent_recall']:.1%} ({n['urgent_symptom'] - len(r['urgent_miss'])}/{n['urgent_symptom']}), "
            f"false positives {r['fp_rate']:.1%} ({len(r['false_pos'])}/{n['neither']}), "
            f"mean {r['ms_mean']:.2f} ms"
        )
        for title, rows in (
            ("crisis miss", r["crisis_miss"]),
            ("urgent miss", r["urgent_miss"]),
            ("false positive", r["false_pos"]),
        ):
            for text, f in rows:
                print(f"  {title}: {text!r} -> {_fmt(f)}")
    print(
        f"report written to {args.report.resolve().relative_to(ROOT) if args.report.resolve().is_relative_to(ROOT) else args.report}"
    )
    return 0 if all(_passes(r) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
