"""Factual "overdose"-style questions about vitamins and minerals are not crises (issue 17),
while true crises next to them -- a supplement with a word of meaning harm, or with a
medicine people overdose on, or asked as how many would kill -- still fire."""

from __future__ import annotations

import pytest

from bot.safety.detector import assess


@pytest.mark.parametrize(
    "text",
    [
        "can you overdose on vitamin d when youre on xgeva",
        "what happens if you take too much vitamin d while on denosumab",
        "is it dangerous to overdose on calcium supplements with zometa",
        "my mum takes adcal and vitamin d3, can she overdose on them with her bone injection",
        "is there a risk of magnesium overdose with my chemo",
    ],
)
def test_supplement_safety_questions_do_not_fire(text):
    assert assess(text) is None


@pytest.mark.parametrize(
    "text,rule",
    [
        ("i want to overdose on my calcium tablets and be done", "crisis.method.lethal_dose"),
        ("how many vitamin d tablets would it take to kill me", "crisis.method.how_many_to_kill"),
        ("what happens if i took all my vitamin d tablets and my morphine", "crisis.method.take_them_all"),
        ("i am going to take all of my vitamins and sleeping pills tonight", "crisis.method.take_them_all"),
        ("can you overdose on paracetamol", "crisis.method.lethal_dose"),
        ("thinking of overdosing on my iron tablets on purpose", "crisis.method.lethal_dose"),
    ],
)
def test_true_crises_next_to_them_still_fire(text, rule):
    finding = assess(text)
    assert finding is not None and finding.kind == "crisis", text
    assert finding.rule_id == rule
