"""Compare NLU models side by side: holdout F1, safety recall on heldout3, parse latency.

    PYTHONPATH=. .venv/bin/python bench/nlu/compare_minilm.py \
        --bot baseline /tmp/minilm_models/baseline.tar.gz /tmp/minilm_results_baseline \
        --bot minilm   /tmp/minilm_models/minilm.tar.gz   /tmp/minilm_results_minilm \
        [--train-seconds baseline 1234 --train-seconds minilm 1300] [--json out.json]

Each ``--bot`` is a name, a model made by ``rasa train nlu`` and the ``--out`` folder of
``rasa test nlu --nlu tests/nlu_holdout.yml`` on that model (intent_report.json: macro
avg F1; DIETClassifier_report.json: entity F1). The script itself measures, with
rasa.core.agent.Agent as in bench/safety_eval_pipeline.py:

* crisis / urgent recall and false positives of the whole pipeline (DIET + fallback +
  safety override) on bench/safety/heldout3.yml, which was never tuned on;
* Agent.parse_message latency per message over the tests/nlu_holdout.yml texts (after a
  warm-up; the bots are loaded together and alternate message by message, so load from
  other processes on the machine hits both alike), as wall time and as the CPU time the
  parse used (robust to other processes on a shared machine).

Prints a markdown table and the misses. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

HELDOUT = ROOT / "bench" / "safety" / "heldout3.yml"
HOLDOUT = ROOT / "tests" / "nlu_holdout.yml"


def holdout_texts() -> List[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [m.get("text") for m in load_data(str(HOLDOUT)).intent_examples]


def report_figures(results_dir: Path) -> Dict[str, float]:
    out: Dict[str, float] = {}
    intent = results_dir / "intent_report.json"
    if intent.is_file():
        rep = json.loads(intent.read_text())
        out["macro_f1"] = rep["macro avg"]["f1-score"]
        out["weighted_f1"] = rep["weighted avg"]["f1-score"]
        out["accuracy"] = rep.get("accuracy", float("nan"))
        out["per_intent_f1"] = {
            k: v["f1-score"]
            for k, v in rep.items()
            if isinstance(v, dict) and "f1-score" in v and not k.endswith("avg")
        }
    ent = results_dir / "DIETClassifier_report.json"
    if ent.is_file():
        rep = json.loads(ent.read_text())
        out["entity_micro_f1"] = rep["micro avg"]["f1-score"]
        out["entity_macro_f1"] = rep["macro avg"]["f1-score"]
    return out


async def parse_intent(agent, text: str) -> str:
    return (await agent.parse_message(text))["intent"]["name"]


def quiet_logs() -> None:
    """Rasa's structlog otherwise prints every parse to stdout at debug level."""
    from rasa.utils.log_utils import configure_structlog

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)
    configure_structlog(logging.WARNING)


async def measure(bots: Dict[str, Dict]) -> None:
    from rasa.core.agent import Agent

    quiet_logs()

    for bot in bots.values():
        bot["agent"] = Agent.load(bot["model"])

    heldout = yaml.safe_load(HELDOUT.read_text())
    for bot in bots.values():
        agent = bot["agent"]
        got = {}
        for k in ("crisis", "urgent_symptom", "neither"):
            got[k] = [await parse_intent(agent, t) for t in heldout[k]]
        n_c, n_u, n_n = (len(heldout[k]) for k in ("crisis", "urgent_symptom", "neither"))
        bot["crisis_recall"] = (sum(i == "crisis" for i in got["crisis"]), n_c)
        bot["urgent_recall"] = (sum(i == "urgent_symptom" for i in got["urgent_symptom"]), n_u)
        bot["urgent_any"] = (sum(i in ("urgent_symptom", "crisis") for i in got["urgent_symptom"]), n_u)
        bot["false_pos"] = (sum(i in ("crisis", "urgent_symptom") for i in got["neither"]), n_n)
        bot["misses"] = (
            [f"crisis → {i}: {t}" for t, i in zip(heldout["crisis"], got["crisis"]) if i != "crisis"]
            + [
                f"urgent → {i}: {t}"
                for t, i in zip(heldout["urgent_symptom"], got["urgent_symptom"])
                if i not in ("urgent_symptom", "crisis")
            ]
            + [
                f"neither → {i}: {t}"
                for t, i in zip(heldout["neither"], got["neither"])
                if i in ("crisis", "urgent_symptom")
            ]
        )
        # odd inputs through the whole pipeline
        odd = {}
        for label, text in [("empty", ""), ("10k chars", "my back hurts " * 715)]:
            try:
                odd[label] = await parse_intent(agent, text)
            except Exception as exc:  # noqa: BLE001 - reported, not raised
                odd[label] = f"ERROR {type(exc).__name__}: {exc}"
        bot["odd"] = odd

    texts = holdout_texts()
    names = list(bots)
    for name in names:  # warm-up (first calls trace / allocate)
        for t in texts[:10]:
            await bots[name]["agent"].parse_message(t)
    timings = {name: [] for name in names}
    cpu = {name: [] for name in names}
    for k, text in enumerate(texts):
        order = names if k % 2 == 0 else names[::-1]
        for name in order:
            start, start_cpu = time.perf_counter(), time.process_time()
            await bots[name]["agent"].parse_message(text)
            timings[name].append((time.perf_counter() - start) * 1000)
            cpu[name].append((time.process_time() - start_cpu) * 1000)
    for name in names:
        ms = sorted(timings[name])
        bots[name]["latency_ms"] = {
            "n": len(ms),
            "p50": statistics.median(ms),
            "p90": ms[int(0.9 * (len(ms) - 1))],
            "mean": statistics.fmean(ms),
            # CPU time of this process (all threads) per parse: what a message costs,
            # whatever else the machine is doing; wall time on an idle machine is not
            # more than this unless the parse waits on something.
            "cpu_p50": statistics.median(cpu[name]),
        }


def fmt_ratio(pair) -> str:
    hit, n = pair
    return f"{hit}/{n} = {hit / n:.1%}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bot", nargs=3, action="append", required=True, metavar=("NAME", "MODEL", "RESULTS_DIR"))
    ap.add_argument("--train-seconds", nargs=2, action="append", default=[], metavar=("NAME", "SECONDS"))
    ap.add_argument("--json", help="also write all figures to this file")
    args = ap.parse_args()

    bots = {name: {"model": model, **report_figures(Path(results))} for name, model, results in args.bot}
    for name, secs in args.train_seconds:
        bots[name]["train_s"] = float(secs)
    asyncio.run(measure(bots))

    names = list(bots)
    rows = [
        ("intent macro-F1 (tests/nlu_holdout.yml)", lambda b: f"{b.get('macro_f1', float('nan')):.3f}"),
        ("intent weighted-F1", lambda b: f"{b.get('weighted_f1', float('nan')):.3f}"),
        ("intent accuracy", lambda b: f"{b.get('accuracy', float('nan')):.3f}"),
        ("entity micro-F1 (DIET)", lambda b: f"{b.get('entity_micro_f1', float('nan')):.3f}"),
        ("entity macro-F1 (DIET)", lambda b: f"{b.get('entity_macro_f1', float('nan')):.3f}"),
        ("crisis recall, heldout3", lambda b: fmt_ratio(b["crisis_recall"])),
        ("urgent recall, heldout3 (urgent_symptom)", lambda b: fmt_ratio(b["urgent_recall"])),
        ("urgent recall, heldout3 (urgent or crisis)", lambda b: fmt_ratio(b["urgent_any"])),
        ("false positives on `neither`, heldout3", lambda b: fmt_ratio(b["false_pos"])),
        (
            "parse latency p50 / p90 / mean (ms)",
            lambda b: "{p50:.1f} / {p90:.1f} / {mean:.1f} (n={n})".format(**b["latency_ms"]),
        ),
        ("parse CPU time p50 (ms, all threads)", lambda b: f"{b['latency_ms']['cpu_p50']:.1f}"),
        ("train time (s)", lambda b: f"{b['train_s']:.0f}" if "train_s" in b else "—"),
        ('parse "" / 10k chars', lambda b: " / ".join(b["odd"].values())),
    ]
    lines = ["| figure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for label, fn in rows:
        lines.append(f"| {label} | " + " | ".join(fn(bots[n]) for n in names) + " |")

    per_intent = sorted({k for n in names for k in bots[n].get("per_intent_f1", {})})
    if per_intent:
        lines += ["", "| intent F1 | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        for intent in per_intent:
            lines.append(
                f"| {intent} | "
                + " | ".join(f"{bots[n].get('per_intent_f1', {}).get(intent, float('nan')):.3f}" for n in names)
                + " |"
            )
    for name in names:
        lines += ["", f"heldout3 misses / false positives, {name}:"]
        lines += [f"- {m}" for m in bots[name]["misses"]] or ["- none"]
    print("\n".join(lines))

    if args.json:
        for b in bots.values():
            b.pop("agent", None)
        Path(args.json).write_text(json.dumps(bots, indent=2, default=str))


if __name__ == "__main__":
    main()
