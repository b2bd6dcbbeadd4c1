"""Static checks of the NLU training data and the held-out set.

Usage: .venv/bin/python bench/nlu/check_data.py

- only contract intents / entities (and the issue-8 extension intents) are used,
- every annotated entity resolves (through the synonyms in data/nlu) to a
  contract value (mood_score: an integer 0-10),
- no held-out example is a copy (or near copy) of a training example,
- counts per intent and per entity value.
"""

from __future__ import annotations

import collections
import difflib
import sys
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[2]

INTENTS = {
    "ask_about_condition",
    "ask_symptom",
    "ask_biopsy",
    "ask_diagnosis",
    "ask_treatment",
    "ask_support",
    "express_distress",
    "crisis",
    "urgent_symptom",
    "start_checkin",
    "inform_mood",
    "ask_mood_history",
    "request_human",
    "ask_privacy",
    "delete_my_data",
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "ask_capabilities",
    "out_of_scope",
}
# Beyond the contract (issue 8, reminders and adherence); optional in the held-out set.
# reminder_reply comes only from button payloads, so it has no examples.
EXTENSION_INTENTS = {"set_care_reminder", "manage_reminders", "ask_adherence", "ask_dosing"}
VALUES = {
    "symptom": {"fatigue", "bone_pain", "anemia", "infection", "bleeding", "weight_loss", "cognitive"},
    "biopsy_step": {"preparation", "sample_collection", "lab_analysis"},
    "test": {"mri", "ct", "pet", "blood_test", "tumor_marker", "molecular_profiling"},
    "treatment": {
        "chemotherapy",
        "hormone_therapy",
        "immunotherapy",
        "her2_targeted",
        "cdk46_inhibitor",
        "parp_inhibitor",
        "bisphosphonate",
        "denosumab",
    },
    "resource": {"support_group", "counseling", "palliative_care", "caregiver_support"},
    "mood_score": {str(i) for i in range(11)},
}
# DESIGN.md: new values for new knowledge topics may be added, each equal to its key.
sys.path.insert(0, str(ROOT))
from bot.content import ENTITY_FOR_CATEGORY, load_knowledge  # noqa: E402

for _category, _entity in ENTITY_FOR_CATEGORY.items():
    if _entity:
        VALUES[_entity] |= {k for k in load_knowledge().keys(_category) if k != "general"}


def resolve(text: str, value: str, synonyms: dict[str, str]) -> str:
    # Same rule as EntitySynonymMapper: lower-cased lookup of the value.
    return synonyms.get(str(value).lower(), value)


def main() -> int:
    train = load_data(str(ROOT / "data" / "nlu"))
    hold = load_data(str(ROOT / "tests" / "nlu_holdout.yml"))
    synonyms = {k.lower(): v for k, v in train.entity_synonyms.items()}
    errors = []

    for name, data in (("train", train), ("holdout", hold)):
        per_intent = collections.Counter()
        per_value = collections.Counter()
        for ex in data.intent_examples:
            intent = ex.get("intent")
            per_intent[intent] += 1
            if intent not in INTENTS | EXTENSION_INTENTS:
                errors.append(f"{name}: unknown intent {intent!r}")
            for ent in ex.get("entities") or []:
                etype = ent["entity"]
                val = resolve(ent.get("text", ""), ent["value"], synonyms)
                per_value[(etype, val)] += 1
                if etype not in VALUES:
                    errors.append(f"{name}: unknown entity {etype!r} in {ex.get('text')!r}")
                elif val not in VALUES[etype]:
                    errors.append(
                        f"{name}: {etype}={ent['value']!r} -> {val!r} not a contract value in {ex.get('text')!r}"
                    )
        missing = INTENTS - set(per_intent)
        if missing:
            errors.append(f"{name}: intents without examples: {sorted(missing)}")
        print(f"== {name}: {sum(per_intent.values())} examples")
        for intent in sorted(per_intent):
            print(f"  {intent:22s} {per_intent[intent]}")
        print("  entity values:")
        for (etype, val), n in sorted(per_value.items()):
            print(f"    {etype}:{val} {n}")

    train_texts = [ex.get("text").lower() for ex in train.intent_examples]
    for ex in hold.intent_examples:
        t = ex.get("text").lower()
        best = difflib.get_close_matches(t, train_texts, n=1, cutoff=0.85)
        if best:
            errors.append(f"holdout near-copy of training: {t!r} ~ {best[0]!r}")

    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
