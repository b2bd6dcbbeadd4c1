"""Issue 17's NLU figures for one or more models on one labelled NLU file, side by side.

    .venv/bin/python bench/nlu/eval_meaning.py SET.yml MODEL.tar.gz [MODEL.tar.gz ...]

For each model, every example is parsed as ``/model/parse`` answers (the whole pipeline,
safety layer included) and scored:

* intent macro-F1 and accuracy over the contract intents of the set;
* **entity value accuracy**: of the knowledge questions (gold intent ``ask_*``) whose gold
  annotation has a topic entity (symptom, biopsy_step, test, treatment, resource), the share whose predicted values of
  that entity equal the gold values exactly (gold values normalised through the training
  synonyms); plus value precision and recall over (entity, value) pairs;
* values outside the topic keys that reached the parse (must be 0);
* crisis and urgent_symptom recall on the set's crisis / urgent examples.

Prints a JSON line per model and a Markdown table. Not a test.
"""

from __future__ import annotations

import asyncio
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TOPIC_ENTITIES = ("symptom", "biopsy_step", "test", "treatment", "resource")


def macro_f1(gold, pred):
    labels = sorted(set(gold))
    f1s = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


async def evaluate(model: str, path: str) -> dict:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlu.topic_resolver import allowed_topics

    allowed = allowed_topics()
    synonyms = {k.lower(): v for k, v in load_data(str(ROOT / "data" / "nlu")).entity_synonyms.items()}
    examples = load_data(path).intent_examples
    agent = Agent.load(model)
    gold_i, pred_i, wrong, ent_rows, outside = [], [], [], [], []
    tp = fp = fn = 0
    for ex in examples:
        text = ex.get("text")
        parse = await agent.parse_message(text)
        intent = parse["intent"]["name"]
        gold_i.append(ex.get("intent"))
        pred_i.append(intent)
        if intent != ex.get("intent"):
            wrong.append((ex.get("intent"), intent, text))
        gold = collections.Counter()
        for e in ex.get("entities") or []:
            if e["entity"] in TOPIC_ENTITIES:
                gold[(e["entity"], synonyms.get(str(e["value"]).lower(), str(e["value"])))] = 1
        pred = collections.Counter()
        for e in parse.get("entities") or []:
            if e["entity"] in TOPIC_ENTITIES:
                pred[(e["entity"], str(e["value"]))] = 1
                if str(e["value"]) not in allowed.get(e["entity"], ()):
                    outside.append((e["entity"], e["value"], text))
        tp += sum((gold & pred).values())
        fp += sum((pred - gold).values())
        fn += sum((gold - pred).values())
        if gold and ex.get("intent", "").startswith("ask_"):
            types = {k[0] for k in gold}
            same = {k for k in pred if k[0] in types} == set(gold)
            ent_rows.append((same, text, sorted(gold), sorted(pred)))
    crisis = [(g, p) for g, p in zip(gold_i, pred_i) if g == "crisis"]
    urgent = [(g, p) for g, p in zip(gold_i, pred_i) if g == "urgent_symptom"]
    return {
        "model": Path(model).name,
        "set": Path(path).name,
        "n": len(examples),
        "intent_macro_f1": round(macro_f1(gold_i, pred_i), 4),
        "intent_accuracy": round(sum(g == p for g, p in zip(gold_i, pred_i)) / len(gold_i), 4),
        "entity_value_accuracy": round(sum(r[0] for r in ent_rows) / len(ent_rows), 4) if ent_rows else None,
        "entity_examples": len(ent_rows),
        "value_precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "value_recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "values_outside_topic_keys": len(outside),
        "crisis_recall": round(sum(p == "crisis" for _, p in crisis) / len(crisis), 4) if crisis else None,
        "urgent_recall": round(sum(p in ("urgent_symptom", "crisis") for _, p in urgent) / len(urgent), 4)
        if urgent
        else None,
        "wrong_intents": wrong,
        "wrong_entities": [r[1:] for r in ent_rows if not r[0]],
    }


def main() -> int:
    path, models = sys.argv[1], sys.argv[2:]
    results = [asyncio.run(evaluate(m, path)) for m in models]
    keys = (
        "intent_macro_f1",
        "intent_accuracy",
        "entity_value_accuracy",
        "value_precision",
        "value_recall",
        "values_outside_topic_keys",
        "crisis_recall",
        "urgent_recall",
    )
    print("| model | set | n | " + " | ".join(keys) + " |")
    print("|---|---|---|" + "---|" * len(keys))
    for r in results:
        print(f"| {r['model']} | {r['set']} | {r['n']} | " + " | ".join(str(r[k]) for k in keys) + " |")
    for r in results:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
