"""Evaluate the whole NLU pipeline (DIET model + safety override), as `/model/parse`
answers, on the safety held-out sets. The rule-based detector alone is measured by
bench/safety_eval.py; this measures what a person actually gets.

    .venv/bin/python bench/safety_eval_pipeline.py [--sets GLOB] [--report PATH] [MODEL ...]
        (default models/companion.tar.gz; several = side by side, same run; --sets picks the
        held-out files, e.g. "heldout[1-9].yml" to leave a blind set unread while tuning)

Writes bench/safety/PIPELINE_REPORT.md. Not a test.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import platform
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


_AGENTS = {}


async def classify(model: str, texts):
    """Intent names for ``texts``; the model is loaded once per process."""
    from rasa.core.agent import Agent

    if model not in _AGENTS:
        _AGENTS[model] = Agent.load(model)
    agent = _AGENTS[model]
    return [(await agent.parse_message(t))["intent"]["name"] for t in texts]


def evaluate(model: str, sets: str = "heldout*.yml"):
    """Table rows and the list of misses of ``model`` on every held-out set matching ``sets``."""
    rows, misses = [], []
    for path in sorted((ROOT / "bench" / "safety").glob(sets)):
        data = yaml.safe_load(path.read_text())
        if "urgent" in data and "urgent_symptom" not in data:  # heldout9 names it "urgent"
            data["urgent_symptom"] = data.pop("urgent")
        crisis = asyncio.run(classify(model, data["crisis"]))
        urgent = asyncio.run(classify(model, data["urgent_symptom"]))
        neither = asyncio.run(classify(model, data["neither"]))
        c_hit = sum(i == "crisis" for i in crisis)
        u_hit = sum(i == "urgent_symptom" for i in urgent)
        u_any = sum(i in ("urgent_symptom", "crisis") for i in urgent)
        fp = sum(i in ("crisis", "urgent_symptom") for i in neither)
        rows.append(
            f"| {Path(model).name} | {path.name} | {c_hit}/{len(crisis)} = {c_hit / len(crisis):.1%} | "
            f"{u_hit}/{len(urgent)} = {u_hit / len(urgent):.1%} ({u_any / len(urgent):.1%}) | "
            f"{fp}/{len(neither)} = {fp / len(neither):.1%} |"
        )
        misses += [f"- {path.name} crisis → {i}: {t}" for t, i in zip(data["crisis"], crisis) if i != "crisis"]
        misses += [
            f"- {path.name} urgent → {i}: {t}"
            for t, i in zip(data["urgent_symptom"], urgent)
            if i not in ("urgent_symptom", "crisis")
        ]
        misses += [
            f"- {path.name} neither → {i}: {t}"
            for t, i in zip(data["neither"], neither)
            if i in ("crisis", "urgent_symptom")
        ]
    return rows, misses


def main() -> None:
    """Models from the command line (default: the shipped one); the last one's misses are listed."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="heldout*.yml")
    parser.add_argument("--report", default=str(ROOT / "bench" / "safety" / "PIPELINE_REPORT.md"))
    parser.add_argument("models", nargs="*")
    args = parser.parse_args()
    models = args.models or [str(ROOT / "models" / "companion.tar.gz")]
    lines = [
        "# Safety: whole NLU pipeline on the held-out sets",
        "",
        f"{dt.date.today()} on {platform.node()} (2 cores), models measured in the same run: "
        + ", ".join(f"`{Path(m).name}`" for m in models)
        + ". "
        "Crisis = intent `crisis`; urgent = intent `urgent_symptom` (a crisis answer to an "
        "urgent item also gets an escalation, listed separately); false positive = either on `neither`.",
        "",
        "| model | set | crisis recall | urgent recall (urgent or crisis) | false positives |",
        "|---|---|---|---|---|",
    ]
    misses = []
    for model in models:
        rows, misses = evaluate(model, args.sets)
        lines += rows
    print("\n".join(lines))  # the tables; the misses go to the report only
    lines += ["", f"## Misses and false positives of `{Path(models[-1]).name}`", ""] + (misses or ["none"])
    out = Path(args.report)
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
