"""Summarise a `rasa test nlu --out DIR` results folder.

Usage: .venv/bin/python bench/nlu/summarise.py /tmp/nlu_results_diet

Prints intent macro-F1 / accuracy, per-intent P/R/F1 with confusions, and the
token-level entity report of whichever extractor wrote one
(DIETClassifier_report.json or CRFEntityExtractor_report.json).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

AGG = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def main() -> None:
    out = Path(sys.argv[1])
    rep = json.loads((out / "intent_report.json").read_text())
    print(
        f"intent macro-F1 {rep['macro avg']['f1-score']:.3f}  "
        f"weighted-F1 {rep['weighted avg']['f1-score']:.3f}  accuracy {rep['accuracy']:.3f}"
    )
    for name, v in sorted(rep.items()):
        if name in AGG or not isinstance(v, dict):
            continue
        conf = v.get("confused_with") or {}
        conf_s = ", ".join(f"{k}:{n}" for k, n in conf.items())
        print(
            f"  {name:22s} P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1-score']:.2f} n={v['support']}  {conf_s}"
        )
    for extractor in ("DIETClassifier", "CRFEntityExtractor"):
        path = out / f"{extractor}_report.json"
        if not path.exists():
            continue
        ents = json.loads(path.read_text())
        print(f"entities ({extractor}, token level, by type):")
        for name, v in ents.items():
            if not isinstance(v, dict):
                continue
            print(f"  {name:12s} P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1-score']:.2f} n={v['support']}")


if __name__ == "__main__":
    main()
