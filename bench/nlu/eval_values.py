"""Value-level evaluation of a trained NLU model on the held-out set.

`rasa test nlu` scores entities per token and per entity *type*; the NLU
contract is about the normalised *value* ("Herceptin" -> her2_targeted).
This script parses every held-out example with the model and reports:
  - intent accuracy / macro-F1 (same numbers as `rasa test nlu`),
  - crisis and urgent_symptom recall,
  - entity P/R/F1 on (entity, normalised value) pairs, per entity type,
  - every wrong intent and every missing / extra (entity, value).

Usage:
  .venv/bin/python bench/nlu/eval_values.py /tmp/nlu_models/diet.tar.gz [tests/nlu_holdout.yml]
"""

from __future__ import annotations

import asyncio
import collections
import json
import sys
import time
from pathlib import Path

from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[2]


def gold_value(ent: dict, synonyms: dict[str, str]) -> str:
    value = str(ent["value"])
    return synonyms.get(value.lower(), value)


async def run(model: str, holdout: str) -> dict:
    train = load_data(str(ROOT / "data" / "nlu"))
    synonyms = {k.lower(): v for k, v in train.entity_synonyms.items()}
    test = load_data(holdout)
    agent = Agent.load(model)

    y_true, y_pred = [], []
    ent_tp, ent_fp, ent_fn = (collections.Counter() for _ in range(3))
    wrong_intents, wrong_entities = [], []
    t0 = time.perf_counter()
    for ex in test.intent_examples:
        text = ex.get("text")
        result = await agent.parse_message(text)
        pred_intent = result["intent"]["name"]
        y_true.append(ex.get("intent"))
        y_pred.append(pred_intent)
        if pred_intent != ex.get("intent"):
            wrong_intents.append((ex.get("intent"), pred_intent, round(result["intent"]["confidence"], 2), text))
        gold = collections.Counter((e["entity"], gold_value(e, synonyms)) for e in ex.get("entities") or [])
        pred = collections.Counter((e["entity"], str(e["value"])) for e in result.get("entities", []))
        for k in gold | pred:
            tp = min(gold[k], pred[k])
            ent_tp[k[0]] += tp
            ent_fp[k[0]] += pred[k] - tp
            ent_fn[k[0]] += gold[k] - tp
        if gold != pred:
            wrong_entities.append((text, sorted(gold.elements()), sorted(pred.elements())))
    per_msg_ms = (time.perf_counter() - t0) * 1000 / max(1, len(y_true))

    labels = sorted(set(y_true))
    per_intent = {}
    for lab in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p == lab)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != lab and p == lab)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_intent[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    macro_f1 = sum(v["f1"] for v in per_intent.values()) / len(per_intent)
    accuracy = sum(1 for t, p in zip(y_true, y_pred) if t == p) / len(y_true)

    per_entity = {}
    for et in sorted(set(ent_tp) | set(ent_fp) | set(ent_fn)):
        tp, fp, fn = ent_tp[et], ent_fp[et], ent_fn[et]
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_entity[et] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    TP, FP, FN = sum(ent_tp.values()), sum(ent_fp.values()), sum(ent_fn.values())
    micro_p = TP / (TP + FP) if TP + FP else 0.0
    micro_r = TP / (TP + FN) if TP + FN else 0.0
    micro_f1 = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0

    return {
        "model": model,
        "n": len(y_true),
        "intent_accuracy": accuracy,
        "intent_macro_f1": macro_f1,
        "per_intent": per_intent,
        "entity_value_micro": {"precision": micro_p, "recall": micro_r, "f1": micro_f1, "support": TP + FN},
        "per_entity_value": per_entity,
        "parse_ms_per_message": per_msg_ms,
        "wrong_intents": wrong_intents,
        "wrong_entities": wrong_entities,
    }


def main() -> None:
    model = sys.argv[1]
    holdout = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "tests" / "nlu_holdout.yml")
    res = asyncio.run(run(model, holdout))
    print(f"model {res['model']}  n={res['n']}")
    print(f"intent macro-F1 {res['intent_macro_f1']:.3f}  accuracy {res['intent_accuracy']:.3f}")
    for k in ("crisis", "urgent_symptom"):
        if k in res["per_intent"]:
            print(
                f"  {k} recall {res['per_intent'][k]['recall']:.2f} precision {res['per_intent'][k]['precision']:.2f}"
            )
    m = res["entity_value_micro"]
    print(
        f"entity (type,value) micro P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} support {m['support']}"
    )
    for et, v in res["per_entity_value"].items():
        print(f"  {et:12s} P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1']:.2f} n={v['support']}")
    print(f"parse {res['parse_ms_per_message']:.1f} ms/message")
    print("wrong intents:")
    for gold, pred, conf, text in res["wrong_intents"]:
        print(f"  {gold} -> {pred} ({conf}) | {text}")
    print("entity differences (gold | predicted):")
    for text, gold, pred in res["wrong_entities"]:
        print(f"  {text}\n     {gold} | {pred}")
    out = Path(model).with_suffix("").with_suffix(f".{Path(holdout).stem}.values.json")
    out.write_text(json.dumps(res, indent=1))
    print(f"written {out}")


if __name__ == "__main__":
    main()
